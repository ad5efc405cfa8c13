"""The house keeps its rooms: one door to the calendars, views that only translate HTTP, the state machine's public
API only."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "requests_cms"
DOOR = ROOT / "services" / "deadlines.py"


def _modules(folder=ROOT):
    return [p for p in folder.rglob("*.py") if "migrations" not in p.parts]


def _imports(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def test_only_the_deadlines_module_imports_the_workday_engine():
    importers = {p.relative_to(ROOT).as_posix() for p in _modules()
                 if any(m == "workday_calendars" or m.startswith("workday_calendars.") for m in _imports(p))
                 and "management" not in p.parts}
    assert importers == {DOOR.relative_to(ROOT).as_posix()}


def test_commands_use_only_the_command_line_helpers_of_the_calendars():
    for path in _modules(ROOT / "management"):
        assert {m for m in _imports(path) if m.startswith("workday_calendars")} <= {"workday_calendars.cli"}, path


def test_views_hold_no_queries_forms_or_role_rules():
    views = [p for p in (ROOT / "views").glob("*.py")]
    assert len(views) <= 12
    for path in views:
        text = path.read_text(encoding="utf-8")
        assert ".objects" not in text, path
        assert "class " not in text, path  # forms live in forms/, the views are functions
        assert "Role." not in text and ".roles" not in text, path


def test_no_private_django_fsm_internals():
    for path in _modules():
        assert "_django_fsm" not in path.read_text(encoding="utf-8"), path
