"""Redaction engine for partial disclosure (区分处理): render pages, propose boxes, release a burnt-in copy.

Pure library (no Django). Public API:
``inspect`` (page count and sizes), ``render_page`` (PNG for the browser view), ``propose`` (boxes from the text
layer), ``Box`` / ``on_every_page`` (the box model), ``redact`` (the released copy, its page count and SHA-256),
``check_release`` (the allow-list every released copy passes), ``resident_id`` (GB 11643 check character).
Errors are ``RedactionError`` subclasses whose ``message`` is the Chinese sentence for the user.
See README.md beside this file.
"""

from .audit import check_release
from .boxes import Box, on_every_page
from .errors import (
    DamagedDocument,
    EncryptedDocument,
    InvalidBox,
    InvalidPage,
    LimitExceeded,
    RedactionError,
    ReleaseCheckFailed,
    ToolFailed,
    ToolTimeout,
    UnsupportedDocument,
)
from .limits import DEFAULT_LIMITS, Limits
from .poppler import DocumentInfo, PageSize
from .proposals import Proposal, Proposals, propose
from .release import RELEASE_DPI, Release, redact
from .render import VIEW_DPI, inspect, render_page

__all__ = [
    "DEFAULT_LIMITS", "RELEASE_DPI", "VIEW_DPI", "Box", "DamagedDocument", "DocumentInfo", "EncryptedDocument",
    "InvalidBox", "InvalidPage", "LimitExceeded", "Limits", "PageSize", "Proposal", "Proposals", "RedactionError",
    "Release", "ReleaseCheckFailed", "ToolFailed", "ToolTimeout", "UnsupportedDocument", "check_release", "inspect",
    "on_every_page", "propose", "redact", "render_page",
]
