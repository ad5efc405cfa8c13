"""Letter wording: the default templates shipped as files, placeholders, and the check of required elements.

A template file is the title on the first line, a blank line, then the body; placeholders look like
{{ receipt_date }}. The wording is the agency's; the required elements are the system's.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .kinds import PLACEHOLDERS, kind_spec, required_elements
from .remedies import LetterDataError

DEFAULTS_DIR = Path(__file__).resolve().parent / "templates" / "letters" / "defaults"
PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")


class TemplateError(ValueError):
    """A template that misses a required element or uses an unknown placeholder."""


@dataclass(frozen=True)
class Wording:
    title: str
    body: str
    source: str  # "default" or "template #id"


def default_file(kind, outcome=""):
    name = f"{kind}_{outcome}.txt" if kind_spec(kind).per_outcome else f"{kind}.txt"
    return DEFAULTS_DIR / name


@cache
def default_wording(kind, outcome=""):
    path = default_file(kind, outcome)
    title, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    return Wording(title.strip(), body.strip() + "\n", "default")


def template_problems(kind, outcome, title, body):
    """Chinese messages naming what is wrong with a template; empty when it is acceptable."""
    problems = []
    if not (title or "").strip():
        problems.append("模板缺少标题")
    used = set(PLACEHOLDER.findall(body or ""))
    missing = [name for name in required_elements(kind, outcome) if name not in used]
    if missing:
        named = "、".join(f"{PLACEHOLDERS[name]}（{{{{ {name} }}}}）" for name in missing)
        problems.append(f"模板缺少必备要素：{named}")
    if (title or "").strip().endswith("告知书") and "答复书" in (body or ""):
        problems.append("告知书的正文不能自称“答复书”")
    unknown = sorted(used - set(PLACEHOLDERS))
    if unknown:
        problems.append("模板使用了未知的占位符：" + "、".join(f"{{{{ {name} }}}}" for name in unknown))
    return problems


def check_template(kind, outcome, title, body):
    problems = template_problems(kind, outcome, title, body)
    if problems:
        raise TemplateError("；".join(problems))


# Placeholders that may stand for nothing; any other placeholder left empty would print a gap in the letter.
MAY_BE_EMPTY = frozenset({"fee_clock_note", "reasons_clock_note"})


def fill_placeholders(text, values):
    """Replace every {{ name }} by its value; the values are plain text and are never interpreted."""
    used = PLACEHOLDER.findall(text)
    unknown = sorted(set(used) - set(values))
    if unknown:
        raise TemplateError("模板使用了未知的占位符：" + "、".join(f"{{{{ {name} }}}}" for name in unknown))
    empty = [name for name in dict.fromkeys(used) if not values[name] and name not in MAY_BE_EMPTY]
    if empty:
        raise LetterDataError("无法生成文书：缺少" + "、".join(PLACEHOLDERS[name] for name in empty))
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], text)
