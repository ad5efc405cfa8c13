import io

import pikepdf
import pytest

import redaction
from redaction import patterns

from . import documents
from .pixels import box_place, contains


def places_of(proposals, kind):
    return [(p.left, p.top, p.left + p.width, p.top + p.height) for p in proposals.proposals if p.kind == kind]


def test_it_proposes_a_box_over_the_resident_id_number(text_form, text_proposals):
    found = places_of(text_proposals, patterns.RESIDENT_ID)
    assert len(found) == 1
    assert contains(found[0], text_form.places[documents.RESIDENT_ID][0])


def test_it_proposes_a_box_over_the_mobile_number(text_form, text_proposals):
    found = places_of(text_proposals, patterns.MOBILE)
    assert len(found) == 1
    assert contains(found[0], text_form.places[documents.MOBILE][0])


def test_a_typed_name_is_found_whole_and_when_drawn_one_character_at_a_time(text_form, text_proposals):
    found = places_of(text_proposals, patterns.TERM)
    assert len(found) == 2
    together, spaced = sorted(found, key=lambda place: place[1])
    assert contains(together, text_form.places[documents.NAME][0])
    assert contains(spaced, text_form.places["spaced name"][0])


def test_a_box_stays_on_its_line(text_form, text_proposals):
    id_box = places_of(text_proposals, patterns.RESIDENT_ID)[0]
    name_line, phone_line = text_form.places[documents.NAME][0], text_form.places[documents.MOBILE][0]
    assert name_line[3] < id_box[1] and id_box[3] < phone_line[1]


def test_proposals_carry_no_text_only_where_and_what_kind(text_proposals):
    proposal = text_proposals.proposals[0]
    assert set(vars(proposal)) == {"page", "kind", "left", "top", "width", "height"}
    assert proposal.box("个人隐私").reason == "个人隐私"


def test_the_detectors_can_be_switched_off(text_form):
    found = redaction.propose(text_form.pdf, resident_ids=False, mobiles=False)
    assert found.proposals == ()
    assert found.pages_without_text == ()


def test_a_scanned_page_yields_no_proposals_and_is_named(scanned_form):
    found = redaction.propose(scanned_form.pdf, terms=[documents.NAME])
    assert found.proposals == ()
    assert found.pages_without_text == (1,)


def test_an_image_yields_no_proposals():
    image, _places = documents.scanned_image(dpi=100)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    found = redaction.propose(buffer.getvalue(), terms=[documents.NAME])
    assert (found.page_count, found.proposals, found.pages_without_text) == (1, (), (1,))


def rotated(pdf: bytes, angle: int) -> bytes:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        document.pages[0].obj.Rotate = angle
        output = io.BytesIO()
        document.save(output)
        return output.getvalue()


def turn(place, angle):
    """A page-fraction rectangle of the unrotated page, as seen on the page turned clockwise by ``angle``."""
    x0, y0, x1, y1 = place
    return {90: (1 - y1, x0, 1 - y0, x1), 180: (1 - x1, 1 - y1, 1 - x0, 1 - y0), 270: (y0, 1 - x1, y1, 1 - x0)}[angle]


@pytest.mark.parametrize("angle", [90, 180, 270])
def test_boxes_on_a_rotated_page_are_where_the_user_sees_the_text(text_form, angle):
    found = redaction.propose(rotated(text_form.pdf, angle))
    id_boxes = [box_place(p.box("")) for p in found.proposals if p.kind == patterns.RESIDENT_ID]
    assert len(id_boxes) == 1
    assert contains(id_boxes[0], turn(text_form.places[documents.RESIDENT_ID][0], angle))


def test_each_page_gets_its_own_proposals():
    found = redaction.propose(documents.text_layer_pdf(pages=3).pdf)
    assert sorted(p.page for p in found.proposals if p.kind == patterns.RESIDENT_ID) == [1, 2, 3]
