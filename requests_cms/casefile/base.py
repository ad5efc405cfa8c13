"""The unit of a case file."""

import datetime
from dataclasses import dataclass, field


@dataclass
class Document:
    title: str
    kind: str
    date: datetime.date | None = None
    pdf: bytes | None = None
    images: list = field(default_factory=list)
    blocks: list | None = None
    original: bytes | None = None
    content_type: str = ""
    sha256: str = ""
    # A notice and what proves its delivery stay together, in this order: (letter's date, letter id, 0 letter /
    # 1 delivery record / 2 proof). Empty for everything else.
    group: tuple = ()
