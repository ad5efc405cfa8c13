"""A partly disclosed request whose department supplied a document with known strings (tests/redaction)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from requests_cms.models import ResponsiveDocument
from requests_cms.services import departments, handling
from tests.redaction import documents

from .views_support import recent_request


def consulted_request(make_request, staff, officers, departments_, pdf=None, name="学校名单.pdf"):
    """Accepted, routed to 基础教育股, answered by its officer with `pdf` (the text-layer form by default)."""
    req = handling.request_accept(request=recent_request(make_request), by=staff["handler"])
    (routing,) = departments.routing_route(request=req, by=staff["handler"], departments=[departments_["basic"]],
                                           note="请提供学校名单")
    departments.routing_sign(routing=routing, by=officers["basic"])
    data = pdf if pdf is not None else documents.text_layer_pdf().pdf
    departments.routing_answer(routing=routing, by=officers["basic"], opinion="partial", reasons="含个人信息",
                               articles="第十五条", files=[SimpleUploadedFile(name, data, "application/pdf")])
    req.refresh_from_db()
    return req, ResponsiveDocument.objects.get(request=req)
