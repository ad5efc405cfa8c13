"""The proof-of-service form and the envelope."""

import pytest

from letters.layout import EnvelopeDocument, ProofOfServiceDocument, render_envelope, render_proof_of_service

from .pdf import fonts, page_count, text


def proof(**overrides):
    fields = dict(authority="高平市教育局", document_title="政府信息公开申请答复书",
                  document_number="高教公开〔2026〕12号", recipient="张鍾", address="山西省高平市建设路88号",
                  method="邮寄送达")
    fields.update(overrides)
    return ProofOfServiceDocument(**fields)


def envelope(**overrides):
    fields = dict(recipient_postcode="048400", recipient_address="山西省高平市建设路88号", recipient_name="张鍾",
                  sender_name="高平市教育局", sender_address="山西省高平市长平东街", sender_postcode="048400")
    fields.update(overrides)
    return EnvelopeDocument(**fields)


def test_the_proof_of_service_has_every_field_of_the_form():
    pdf = render_proof_of_service(proof())
    content = text(pdf)
    for label in ("送达回证", "送达文书名称及文号", "受送达人", "送达地点", "送达方式", "收件人签名或盖章", "收件日期",
                  "送达人", "备注", "政府信息公开申请答复书", "高教公开〔2026〕12号", "张鍾", "邮寄送达"):
        assert label in content
    assert page_count(pdf) == 1
    assert all(embedded for _, _, embedded in fonts(pdf))


def test_the_envelope_shows_both_postcodes_addresses_and_names():
    pdf = render_envelope(envelope())
    content = text(pdf)
    assert "048400" in content
    for element in ("山西省高平市建设路88号", "张鍾", "寄件人：高平市教育局", "山西省高平市长平东街",
                    "邮政编码：048400"):
        assert element in content
    assert all(embedded for _, _, embedded in fonts(pdf))


def test_an_envelope_refuses_a_malformed_postcode():
    with pytest.raises(ValueError, match="邮政编码"):
        render_envelope(envelope(recipient_postcode="04840"))


def test_an_envelope_without_a_postcode_leaves_the_boxes_empty():
    assert "张鍾" in text(render_envelope(envelope(recipient_postcode="")))
