"""letters is given facts: no module of it reads a request, its relations or its display methods, and none imports
requests_cms (the models name requests_cms' tables only as foreign-key targets, by string)."""

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import letters
from requests_cms.models import InformationRequest

LETTERS = Path(__file__).resolve().parents[2] / "letters"
REQUEST_NAMES = {"request", "req"}


def _letters_modules():
    return sorted(path for path in LETTERS.rglob("*.py") if "migrations" not in path.parts)


def _letters_own_names():
    """Every attribute name letters' own classes have: its models, its plain data (facts, documents, specs)."""
    names = set()
    for module in pkgutil.walk_packages(letters.__path__, "letters."):
        if ".migrations" in module.name:
            continue
        for value in vars(importlib.import_module(module.name)).values():
            if isinstance(value, type) and value.__module__.startswith("letters."):
                names |= set(dir(value)) | set(getattr(value, "__dataclass_fields__", {}))
    return names


def _request_attributes():
    """A request's fields, relations (forward and reverse), methods and properties, minus the names letters' own
    classes share with it (a letter has an agency and a state, a letter document has attachments…)."""
    names = set()
    for field in InformationRequest._meta.get_fields():
        names.add(field.get_accessor_name() if field.auto_created and not field.concrete else field.name)
    names |= {name for name in vars(InformationRequest) if not name.startswith("_")}
    return names - _letters_own_names()


def request_reads(source, forbidden):
    """(line, expression) of every read of a request in the source."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Attribute):
            continue
        base = node.value
        through_request = (isinstance(base, ast.Name) and base.id in REQUEST_NAMES
                           or isinstance(base, ast.Attribute) and base.attr == "request")
        display = node.attr.startswith("get_") and node.attr.endswith("_display") and not (
            isinstance(base, ast.Name) and base.id == "self")
        if through_request or display or node.attr in forbidden:
            found.append((node.lineno, ast.unparse(node)))
    return sorted(found)


def imports_of_requests_cms(source):
    found = []
    for node in ast.walk(ast.parse(source)):
        modules = [alias.name for alias in node.names] if isinstance(node, ast.Import) else (
            [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
        found += [(node.lineno, module) for module in modules if module.split(".")[0] == "requests_cms"]
    return found


@pytest.mark.parametrize("path", _letters_modules(), ids=lambda path: str(path.relative_to(LETTERS)))
def test_no_letters_module_reads_a_request(path):
    source = path.read_text(encoding="utf-8")
    assert request_reads(source, _request_attributes()) == []
    assert imports_of_requests_cms(source) == []


def test_the_check_sees_the_reads_collect_used_to_make():
    forbidden = _request_attributes()
    assert {"corrections", "current_decision", "applicant", "letters", "search_records", "due_provisional"} <= forbidden
    source = ("correction = request.corrections.first()\n"
              "method = req.get_delivery_method_display()\n"
              "decision = letter.request.current_decision\n"
              "outcome = self.get_outcome_display()\n"
              "from requests_cms.models import Outcome\n")
    assert [line for line, _ in request_reads(source, forbidden)] == [1, 2, 3]
    assert imports_of_requests_cms(source) == [(5, "requests_cms.models")]
