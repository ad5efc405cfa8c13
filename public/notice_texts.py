"""The applicant notices' default wording, and the agency's own wording when it has a NoticeTemplate for the event.

Placeholders: {agency} {number} (网上申请编号) {code} (查询码, "received" only) {request_number} {received_on}
{due_date} {reason} {letter} {how}; an unknown placeholder is printed as typed, never an error."""

DEFAULTS = {
    "received": ("您的政府信息公开申请已提交",
                 "{agency}已收到您的网上申请（编号 {number}，查询码 {code}），工作人员确认后即登记，"
                 "确认之日为收到申请之日。请凭编号和查询码查询办理进度。"),
    "confirmed": ("您的政府信息公开申请已登记",
                  "网上申请 {number} 已确认登记，申请编号 {request_number}，收到申请之日为{received_on}，"
                  "答复期限{due_date}。"),
    "rejected": ("您的网上申请未予登记", "网上申请 {number} 未予登记：{reason}"),
    "correction": ("需要您补正申请内容（{request_number}）", "{agency}：需要您补正申请内容。{letter}{how}。"),
    "extension": ("答复期限已延长（{request_number}）", "{agency}：答复期限已延长。{letter}{how}。"),
    "reply": ("您的申请已作出答复（{request_number}）", "{agency}：您的申请已作出答复。{letter}{how}。"),
    "letter": ("您的申请有新的文书（{request_number}）", "{agency}：您的申请有新的文书。{letter}{how}。"),
}


class _Keep(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def render(agency, event, **values):
    """(subject, body) of `event` for `agency`."""
    from .models import NoticeTemplate

    own = NoticeTemplate.objects.filter(agency=agency, event=event).first()
    subject, body = (own.subject, own.body) if own else DEFAULTS[event]
    values = _Keep({"agency": agency.name, **{k: "" if v is None else str(v) for k, v in values.items()}})
    try:
        return subject.format_map(values), body.format_map(values)
    except (ValueError, IndexError, AttributeError):  # a stray brace in an edited template: print it as typed
        return subject, body
