"""Documents generated once per session (rendering and releasing them takes a second or two each)."""

import pytest

import redaction

from . import documents


@pytest.fixture(scope="session")
def text_form():
    return documents.text_layer_pdf()


@pytest.fixture(scope="session")
def scanned_form():
    return documents.scanned_pdf()


@pytest.fixture(scope="session")
def text_proposals(text_form):
    return redaction.propose(text_form.pdf, terms=[documents.NAME])


@pytest.fixture(scope="session")
def text_release(text_form, text_proposals):
    boxes = [proposal.box("privacy") for proposal in text_proposals.proposals]
    return boxes, redaction.redact(text_form.pdf, boxes)


def boxes_at(places, reason="privacy", margin=0.004):
    """Boxes drawn by hand over known places (as a user would on a scan), a little larger than the text."""
    return [redaction.Box.from_corners(1, x0 - margin, y0 - margin, x1 + margin, y1 + margin, reason)
            for x0, y0, x1, y1 in places]


@pytest.fixture(scope="session")
def scan_release(scanned_form):
    places = scanned_form.places
    boxes = boxes_at(places[documents.NAME] + places[documents.RESIDENT_ID] + places[documents.MOBILE])
    return boxes, redaction.redact(scanned_form.pdf, boxes)
