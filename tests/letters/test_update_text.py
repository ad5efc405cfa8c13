"""letter_update_text: the handler edits the draft; the remedy statement and printable glyphs are kept."""

import pytest

from letters.kinds import LetterKind
from letters.layout import MissingGlyphError
from letters.services import LetterError, letter_return, letter_submit
from requests_cms.services.request_letters import letter_draft, letter_update_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(letter_request, handler):
    return letter_draft(request=letter_request("jyj", outcome="not_held"), kind=LetterKind.REPLY, by=handler)


def test_the_handler_can_reword_the_draft(draft, handler):
    letter = letter_update_text(letter=draft, text=draft.text.replace("特此告知。", "特此函告。"), by=handler)
    assert letter.text.endswith("特此函告。\n") or "特此函告。" in letter.text
    assert letter.history.count() == 2


def test_an_edit_that_drops_the_remedy_statement_is_refused(draft, handler):
    remedy = next(line for line in draft.text.splitlines() if "行政复议" in line)
    with pytest.raises(LetterError, match="救济途径告知"):
        letter_update_text(letter=draft, text=draft.text.replace(remedy, "如有异议，请与本机关联系。"), by=handler)


def test_an_edit_with_a_character_no_face_has_is_refused(draft, handler):
    with pytest.raises(MissingGlyphError):
        letter_update_text(letter=draft, text=draft.text + "\ue000", by=handler)


def test_a_submitted_letter_is_edited_only_after_it_is_returned(draft, handler, approver):
    letter = letter_submit(letter=draft, by=handler)
    with pytest.raises(LetterError, match="只有草稿"):
        letter_update_text(letter=letter, text=letter.text, by=handler)
    letter = letter_return(letter=letter, by=approver)
    assert letter_update_text(letter=letter, text=letter.text + "补充说明。", by=handler).text.endswith("补充说明。")
