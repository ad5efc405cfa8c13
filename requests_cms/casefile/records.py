"""Documents generated from the records: registration, steps, delivery, rules, timeline, deadlines, audit."""

import hashlib
import json

from django.utils import timezone

from requests_cms.models import DeliveryMethod, EventAction, derive_received_on
from requests_cms.selectors.deadlines import is_late
from requests_cms.selectors.delivery import remedy_periods
from requests_cms.services import deadlines
from requests_cms.services.audit import verify_request_chain
from requests_cms.workflow import State

from .base import Document
from .providers import letter_group

STANDARD_RULES = (
    "《中华人民共和国政府信息公开条例》第三十一条（收到申请的时间）",
    "《中华人民共和国政府信息公开条例》第三十三条（答复期限）",
    "《国务院办公厅政府信息与政务公开办公室关于政府信息公开处理决定送达问题的解释》（国办公开办函〔2016〕235号）",
    "《中华人民共和国行政复议法》第二十条、第二十三条（申请期限、复议前置）",
    "《中华人民共和国行政诉讼法》第四十五条、第四十六条（起诉期限）",
)


def d(value):
    return value.isoformat() if value else "—"


def dt(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S") if value else "—"


def kv(label, value):
    return ("p", f"{label}：{value if value not in (None, '') else '—'}")


def registration_entry(req):
    applicant = req.applicant
    _, rule = derive_received_on(channel=req.channel, post_kind=req.post_kind)
    blocks = [
        kv("申请编号", req.number), kv("受理机关", req.agency.name),
        kv("申请人", f"{applicant.name}（{applicant.get_kind_display()}）"),
        kv("证件", f"{applicant.get_id_type_display()} {applicant.id_number}".strip()),
        kv("通信地址", f"{applicant.address} {applicant.postcode}".strip()), kv("联系电话", applicant.phone),
        kv("申请渠道", req.get_channel_display() + (f"（{req.get_post_kind_display()}）" if req.post_kind else "")),
        kv("提交日期", d(req.submitted_on)), kv("到达日期", d(req.arrived_on)), kv("签收日期", d(req.signed_on)),
        kv("双方确认日期", d(req.confirmed_on)), kv("收到申请日期", d(req.received_on)), kv("认定规则", rule),
    ]
    if req.received_override_reason:
        blocks.append(kv("收到日期人工调整理由", req.received_override_reason))
    blocks += [
        kv("所需政府信息的描述", req.description), kv("申请用途", req.purpose),
        kv("获取信息的方式", req.get_requested_form_display()), kv("获取信息的途径", req.get_delivery_method_display()),
        kv("登记人", req.created_by.display_name if req.created_by else "—"), kv("登记时间", dt(req.created_at)),
        kv("承办人", req.handler.display_name if req.handler else "—"),
    ]
    return Document(title="申请登记信息", kind="record_registration", date=req.received_on, blocks=blocks)


def _doc(title, kind, day, blocks):
    return Document(title=title, kind=kind, date=day, blocks=blocks)


def step_records(req):
    for c in req.corrections.order_by("id"):
        yield "correction", _doc("补正记录", "record_correction", c.notice_sent_on, [
            kv("需要补正的事项", c.items), kv("补正告知书发出日期", d(c.notice_sent_on)),
            kv("补正期限", d(c.period_ends_on)), kv("收到补正申请日期", d(c.corrected_received_on)),
            kv("补正后的申请内容", c.corrected_description), kv("逾期未补正日期", d(c.lapsed_on)),
            kv("补正告知法定发出期限", d(c.notice_due)),
            kv("逾期告知经负责人同意", c.late_consent_by.display_name if c.late_consent_by else ""),
            kv("原答复期限", d(c.original_due)),
            kv("重新起算的答复期限", d(req.due_date) if c.corrected_received_on else "")])
    for e in req.extensions.select_related("approved_by").order_by("id"):
        yield "extension", _doc("延期审批记录", "record_extension", e.approved_on, [
            kv("延长工作日", e.workdays), kv("延期理由", e.reason), kv("批准人", e.approved_by.display_name),
            kv("批准日期", d(e.approved_on)), kv("原答复期限", d(e.original_due)), kv("延长后答复期限", d(e.new_due))])
    for q in req.reasons_requests.select_related("delay_set_by").order_by("id"):
        judged = {True: "理由合理，继续办理", False: "理由不合理（不予处理）", None: "等待申请人说明理由"}[q.accepted]
        yield "reasons", _doc("说明理由记录（条例第三十五条）", "record_reasons", q.asked_on, [
            kv("要求说明理由的原因", q.grounds), kv("说明理由告知书发出日期", d(q.asked_on)),
            kv("说明理由期限", d(q.period_ends_on)), kv("收到说明理由日期", d(q.reasons_received_on)),
            kv("申请人说明的理由", q.applicant_reasons), kv("审查结论", judged), kv("审查意见", q.assessment),
            kv("审查日期", d(q.judged_on)), kv("延迟答复期限", d(q.delayed_due)),
            kv("延迟答复的理由", q.delay_reason),
            kv("确定延迟答复期限的负责人", q.delay_set_by.display_name if q.delay_set_by else "")])
    blocks = []
    for c in req.consultations.order_by("sent_on", "id"):
        blocks += [("h", f"{c.get_party_kind_display()}：{c.party_name}"), kv("拟公开的信息", c.information),
                   kv("征求意见函发出日期", d(c.sent_on)), kv("对方收到日期", d(c.letter_received_on)),
                   kv("答复期限", d(c.window_ends_on)), kv("答复", c.get_answer_display()),
                   kv("答复日期", d(c.answered_on)), kv("答复理由", c.answer_reasons)]
    if blocks:
        yield "consultation", _doc("征求意见记录", "record_consultation", None, blocks)
    routing_sheet = internal_consultation(req)
    if routing_sheet:
        yield "internal_consultation", routing_sheet
    for s in req.search_records.order_by("searched_on", "id"):
        yield "search", _doc("检索记录", "record_search", s.searched_on, [
            kv("检索范围", s.systems), kv("检索关键词", s.keywords), kv("检索日期", d(s.searched_on)),
            kv("检索人", s.searched_by), kv("检索结果", s.result)])
    yield from _opinions(req)
    for f in req.fee_notices.order_by("issued_on", "id"):
        yield "fee", _doc("收费与缴费记录", "record_fee", f.issued_on, [
            kv("收费方式", f.get_method_display()), kv("金额（元）", f.amount), kv("收费依据与标准", f.basis),
            kv("通知发出日期", d(f.issued_on)), kv("申请人收到通知日期", d(f.notice_received_on)),
            kv("缴费期限", d(f.payment_due)), kv("缴费日期", d(f.paid_on)), kv("逾期未缴日期", d(f.lapsed_on))])


def internal_consultation(req):
    """The 会办 section: the routing sheet (departments, dates) and each department's opinion."""
    from requests_cms.selectors.departments import routings_of

    routings = routings_of(req)
    if not routings:
        return None
    blocks = [("h", "会办单（转办、签收、答复日期）")]
    blocks += [kv(r.department.name, f"转办 {dt(r.routed_at)}（{r.routed_by.display_name}）；"
                  f"内部期限 {d(r.internal_due)}；签收 {dt(r.signed_at)}；{r.get_status_display()} {dt(r.answered_at)}")
               for r in routings]
    for r in routings:
        blocks += [("h", f"{r.department.name}意见"), kv("会办事项", r.note)]
        if r.opinion:
            blocks += [kv("科室意见", r.get_opinion_display()), kv("理由", r.reasons), kv("依据条款", r.articles),
                       kv("提供的材料", "、".join(a.original_name for a in r.attachments.all()) or "—"),
                       kv("答复人", r.answered_by.display_name if r.answered_by else "—")]
        elif r.return_reason:
            blocks += [kv("退回理由", r.return_reason),
                       kv("建议转办科室", r.suggested_department.name if r.suggested_department else "—")]
    first = timezone.localtime(routings[0].routed_at).date()
    return _doc("会办记录（业务科室意见）", "record_internal_consultation", first, blocks)


def _opinions(req):
    blocks = []
    for decision in req.decisions.select_related("proposed_by", "decided_by").order_by("proposed_at", "id"):
        blocks += [("h", f"办理意见（{dt(decision.proposed_at)}，{decision.proposed_by.display_name}）"
                         + ("" if decision.is_current else "（已被取代）")),
                   kv("答复类型", decision.get_outcome_display()), kv("法律依据", decision.articles),
                   kv("理由", decision.reasons), kv("提供信息的形式与途径", decision.form_of_provision),
                   kv("决定", f"{dt(decision.decided_at)} {decision.decided_by.display_name}"
                      if decision.decided_by else "尚未决定")]
    for approval in req.approvals.select_related("submitted_by", "approver").order_by("submitted_at", "id"):
        verdict = {True: "批准", False: "退回修改", None: "待审批"}[approval.approved]
        blocks += [("h", f"审批单（报批：{dt(approval.submitted_at)}，{approval.submitted_by.display_name}）"),
                   kv("审批人", approval.approver.display_name if approval.approver else "—"),
                   kv("审批时间", dt(approval.decided_at)), kv("审批结果", verdict), kv("审批意见", approval.comment)]
    if blocks:
        yield "opinion", _doc("办理意见、审核与审批记录", "record_opinion", None, blocks)


def delivery_blocks(delivery):
    blocks = [("h", f"{delivery.letter_label or '文书'}：{delivery.get_method_display()}"),
              kv("交邮/交付日期", d(delivery.handed_over_on)), kv("受送达人", delivery.recipient_name),
              kv("送达地址", delivery.address)]
    if delivery.method == DeliveryMethod.POST:
        blocks.append(kv("邮件号码", delivery.waybill_number))
    if delivery.method == DeliveryMethod.ELECTRONIC:
        blocks += [kv("电子送达地址", delivery.electronic_address), kv("发送时间", dt(delivery.sent_at))]
    blocks += [kv("受送达人收到日期", d(delivery.received_on)), kv("退回日期", d(delivery.returned_on))]
    if delivery.replaces_id:
        blocks.append(kv("重新送达", f"替代 {d(delivery.replaces.handed_over_on)} 退回的邮件"))
    if delivery.no_proof_reason:
        who = delivery.no_proof_recorded_by.display_name if delivery.no_proof_recorded_by else "—"
        blocks += [kv("无法取得送达回证的原因", delivery.no_proof_reason), kv("见证人", delivery.no_proof_witnesses),
                   kv("记录人及日期", f"{who} {d(delivery.no_proof_recorded_on)}")]
    for event in delivery.postal_events.order_by("occurred_at", "id"):
        signer = f"，签收人：{event.signer}" if event.signer else ""
        blocks.append(("p", f"　{dt(event.occurred_at)} {event.get_status_display()} {event.location}{signer}"))
    return blocks


def notice_deliveries(req, section_of):
    """The delivery record of every notice, in its stage's section right after the notice (Document.group)."""
    deliveries = req.deliveries.filter(for_reply=False).select_related("letter", "replaces", "no_proof_recorded_by")
    for delivery in deliveries.order_by("handed_over_on", "id"):
        doc = _doc(f"送达记录：{delivery.letter_label}", "record_delivery", delivery.handed_over_on,
                   delivery_blocks(delivery))
        doc.group = letter_group(delivery.letter, 1)
        yield section_of(delivery), doc


def reply_delivery_record(req):
    blocks = [kv("答复期限", d(req.due_date)), kv("答复日期（交邮/交付之日）", d(req.replied_on)),
              kv("是否按期", "逾期" if is_late(req) else ("按期" if req.replied_on else "尚未答复")),
              kv("申请人收到答复日期", d(req.applicant_received_on))]
    for delivery in req.deliveries.filter(for_reply=True).select_related("replaces", "no_proof_recorded_by"):
        blocks += delivery_blocks(delivery)
    return _doc("答复送达记录", "record_delivery", req.replied_on, blocks)


def rules_relied_on(req):
    articles = []
    for decision in req.decisions.order_by("proposed_at", "id"):
        for line in decision.articles.splitlines():
            if line.strip() and line.strip() not in articles:
                articles.append(line.strip())
    blocks = [("h", "本案答复所依据的条款")] + [("p", a) for a in articles or ["—"]]
    blocks += [("h", "办理程序依据")] + [("p", rule) for rule in STANDARD_RULES]
    return _doc("所依据的规定", "record_rules", None, blocks)


def challenges(req):
    blocks = []
    for c in req.challenges.order_by("received_on", "id"):
        blocks += [("h", f"{c.get_kind_display()}：{c.body} {c.case_number}"), kv("收到日期", d(c.received_on)),
                   kv("适用简易程序", "是" if c.simple_procedure else "否"), kv("答复/答辩期限", d(c.answer_due)),
                   kv("结果", c.get_result_display()), kv("结果日期", d(c.result_on)),
                   kv("责令重新答复", f"是，{c.new_reply_workdays}个工作日" if c.orders_new_reply else "否")]
    return _doc("行政复议、行政诉讼情况", "record_challenges", None, blocks)


def complaints(req):
    """The complaints (投诉) about the handling of the request, next to reconsideration and litigation."""
    blocks = []
    for c in req.complaints.select_related("recorded_by").order_by("received_on", "id"):
        blocks += [("h", f"投诉：{c.complainant}（{c.get_channel_display()}）"), kv("收到日期", d(c.received_on)),
                   kv("投诉事项", c.subject), kv("处理结果", c.get_result_display()), kv("处理情况", c.result_note),
                   kv("办结日期", d(c.concluded_on)), kv("登记人", c.recorded_by.display_name)]
    return _doc("投诉情况", "record_complaints", None, blocks)


def _state_label(value):
    return State(value).label if value in State.values else (value or "")


def timeline(req):
    blocks = []
    for e in req.events.order_by("seq"):
        move = f"{_state_label(e.from_state)} → {_state_label(e.to_state)}" if e.from_state != e.to_state else ""
        due = f"；期限 {d(e.due_before)} → {d(e.due_after)}" if e.due_before != e.due_after else ""
        blocks.append(("p", f"{dt(e.at)}　{EventAction.label_of(e.action)}　{e.actor_name}　{move}{due}"))
        if e.note:
            blocks.append(("mono", f"　　{e.note}"))
    return _doc("办理过程时间线", "record_timeline", None, blocks)


def deadline_explanation(req):
    result = deadlines.reply_deadline(req)
    blocks = [("h", "答复期限")] + [("p", line) for line in result.explanation]
    blocks += [kv("答复期限", d(result.due)), kv("答复日期", d(req.replied_on))]
    periods = remedy_periods(req)
    if periods:
        blocks += [("h", "申请人的救济期限（自实际收到答复之日起算）"), kv("收到答复日期", d(periods.received_on)),
                   kv("申请行政复议期限", d(periods.reconsideration.due))]
        blocks.append(kv("提起行政诉讼期限", "复议前置：对行政复议决定不服的，自收到复议决定书之日起15日内"
                         if periods.reconsideration_first else d(periods.lawsuit.due)))
    for c in req.challenges.order_by("received_on", "id"):
        blocks.append(kv(f"{c.get_kind_display()}答复/答辩期限（{c.case_number or c.body}）", d(c.answer_due)))
    return _doc("期限计算说明", "record_deadlines", result.due, blocks)


def audit_json(events):
    rows = [dict(e.content(), hash=e.hash) for e in events]
    return json.dumps(rows, ensure_ascii=False, sort_keys=True, indent=1, default=str).encode("utf-8")


def audit_trail(req):
    events = list(req.events.order_by("seq"))
    # The check verify_audit makes: certified only when it would pass; otherwise every problem is stated.
    problems = verify_request_chain(req)
    blocks = [kv("哈希链校验", "完整，未发现改动" if not problems else f"未通过，发现{len(problems)}处问题")]
    blocks += [("p", f"问题：{problem}") for problem in problems]
    for e in events:
        blocks += [("p", f"#{e.seq} {dt(e.at)} {EventAction.label_of(e.action)} {e.actor_name}"),
                   ("mono", f"prev {e.prev_hash}"), ("mono", f"mac {e.hash}（密钥 {e.key_id or '无'}）")]
    data = audit_json(events)
    last = timezone.localtime(events[-1].at).date() if events else None
    return Document(title="审计记录（哈希链）", kind="audit_trail", date=last, blocks=blocks, original=data,
                    content_type="application/json", sha256=hashlib.sha256(data).hexdigest())
