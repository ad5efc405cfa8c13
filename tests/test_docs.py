"""The project's own documentation: links that resolve inside the repository, and tables that match the rules."""

import re
from pathlib import Path

from letters.outcomes import OUTCOME_RULES

ROOT = Path(__file__).resolve().parent.parent
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def _links(path):
    return LINK.findall(path.read_text(encoding="utf-8"))


def _documents():
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def test_readme_and_docs_link_only_to_files_in_the_repository():
    for document in _documents():
        for target in _links(document):
            assert "://" not in target and not target.startswith("//"), f"{document.name} links outside: {target}"
            file_part = target.split("#", 1)[0]
            if file_part:
                assert (document.parent / file_part).exists(), f"{document.name} links to a missing {target}"


def test_readme_links_every_document_in_docs():
    linked = {Path(target.split("#", 1)[0]).name for target in _links(ROOT / "README.md")}
    missing = [doc.name for doc in sorted((ROOT / "docs").glob("*.md")) if doc.name not in linked]
    assert not missing, f"README.md does not link {missing}"


def test_outcome_table_in_rules_doc_is_the_rulebook():
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    table = text.split("<!-- outcomes:start -->", 1)[1].split("<!-- outcomes:end -->", 1)[0]
    rows = [line for line in table.strip().splitlines()[2:]]
    expected = [f"| `{rule.code}` | {rule.label} | {rule.report_row} |" for rule in OUTCOME_RULES]
    assert rows == expected, "docs/rules.md's outcome table differs from letters/outcomes.py: regenerate it"
