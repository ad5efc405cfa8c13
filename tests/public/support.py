"""Helpers of the public-side tests: valid identity numbers derived from the standards, a small PNG, a form post."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from requests_cms.identity import credit_code_check_char, resident_id_check_char

# GB 11643-1999's own example body (Beijing Chaoyang, born 1949-12-31, sequence 002): the check character is X.
RESIDENT_ID = "11010519491231002" + resident_id_check_char("11010519491231002")
CREDIT_CODE = "91140581MA0K" + "12345" + credit_code_check_char("91140581MA0K12345")


def png(name="id.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 10, 10)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def person_data(agency, **extra):
    data = {
        "agency": agency.pk, "kind": "natural_person", "name": "王小明", "id_type": "resident_id",
        "id_number": RESIDENT_ID, "phone": "13812345678", "email": "wxm@example.com",
        "address": "山西省高平市建设路1号", "postcode": "048400",
        "description": "请公开2026年度高平市义务教育学校划片方案", "purpose": "",
        "requested_form": "electronic", "delivery_method": "electronic", "website": "",
        "id_proof": png(),
    }
    data.update(extra)
    return data


def submit(client, agency, **extra):
    return client.post("/public/apply/", person_data(agency, **extra), REMOTE_ADDR=extra.pop("ip", "203.0.113.7"))


def code_of(response):
    html = response.content.decode()
    start = html.index('id="query-code"')
    return html[html.index(">", start) + 1:html.index("<", start + 20)]


def number_of(response):
    html = response.content.decode()
    start = html.index('id="submission-number"')
    return html[html.index(">", start) + 1:html.index("<", start + 25)]
