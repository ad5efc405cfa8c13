"""About 40 demo requests in every state, created through the services so histories and deadlines are real.

Dates are relative to today, so the demo shows due, overdue and waiting items whenever it is loaded.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from letters.outcomes import RIGHT_AGENCY, outcome_rule, requires_fact
from requests_cms.models import Agency, InformationRequest, Outcome, User
from requests_cms.services import challenges, decision, delivery, handling, registration
from requests_cms.services import deadlines as engine

from .content import APPLICANTS, DESCRIPTIONS

# (target state, workdays ago received, extra) — spread so that dashboards have something in every column.
PLAN = [
    ("registered", 0), ("registered", 1), ("registered", 3), ("correction_requested", 4),
    ("correction_requested", 6), ("correction_requested", 9), ("accepted", 2), ("accepted", 8), ("accepted", 17),
    ("accepted", 19), ("accepted", 24), ("accepted_extended", 18), ("consulting", 10), ("consulting", 14),
    ("consulting_objected", 16), ("fee_pending", 12), ("fee_pending", 15), ("opinion_proposed", 11),
    ("opinion_proposed", 18), ("opinion_not_held", 13), ("decided", 12), ("decided", 21), ("pending_approval", 14),
    ("pending_approval", 17), ("pending_approval", 19), ("pending_approval", 15), ("approved", 16), ("approved", 19),
    ("approved", 13), ("delivered", 22), ("delivered", 25), ("delivered", 30), ("delivered_late", 40),
    ("closed", 45), ("closed", 50), ("closed", 55), ("closed", 60), ("closed_challenged", 70), ("closed", 80),
    ("applicant_withdrew", 20), ("abandoned", 60), ("abandoned_fee", 65),
]
OUTCOMES = [Outcome.DISCLOSED, Outcome.PARTLY_DISCLOSED, Outcome.ALREADY_PUBLIC, Outcome.WITHHELD_PROCESS_INFO,
            Outcome.NOT_THIS_AGENCY, Outcome.WITHHELD_THIRD_PARTY, Outcome.NEEDS_CREATION, Outcome.DISCLOSED]


def workdays_ago(n):
    day = timezone.localdate()
    while n > 0:
        day -= timedelta(days=1)
        if engine.add_workdays(day - timedelta(days=1), 1) == day:
            n -= 1
    return day


def load_requests():
    created = 0
    for agency_code in ("jyj", "zrzyj"):
        agency = Agency.objects.get(code=agency_code)
        if InformationRequest.objects.filter(agency=agency).exists():
            continue
        staff = {u.username.split("-")[1]: u for u in User.objects.filter(agency=agency, username__contains="-")}
        applicants = [registration.applicant_create(agency=agency, by=staff["registrar"], **a) for a in APPLICANTS]
        plan = PLAN[0::2] if agency_code == "jyj" else PLAN[1::2]
        for i, (target, ago) in enumerate(plan):
            Scenario(agency, staff, applicants[i % len(applicants)], i).run(target, ago)
            created += 1
        _internal_consultation(agency, staff)
    return created


def _internal_consultation(agency, staff):
    """会办 on the agency's accepted requests: one routed to two departments (one signed, one answered 不掌握), one
    routed and waiting to be signed for."""
    from requests_cms.services import departments

    from .users import OFFICERS

    officers = [staff.get(suffix) for suffix, _, _ in OFFICERS.get(agency.code, [])]
    if not all(officers) or "handler" not in staff:
        return
    accepted = list(InformationRequest.objects.filter(agency=agency, state="accepted").order_by("-received_on")[:2])
    routed = []
    for req, officers_here in zip(accepted, (officers, officers[:1]), strict=False):
        routed += departments.routing_route(request=req, by=staff["handler"],
                                            departments=[o.department for o in officers_here],
                                            note="请提供本科室掌握的相关材料及公开意见")
    if len(routed) >= 2:
        departments.routing_sign(routing=routed[0], by=officers[0])
        departments.routing_sign(routing=routed[1], by=officers[1])
        departments.routing_answer(routing=routed[1], by=officers[1], opinion="none_held",
                                   reasons="经检索本科室档案，未制作、未获取该信息。")


class Scenario:
    def __init__(self, agency, staff, applicant, index):
        self.agency, self.staff, self.applicant, self.i = agency, staff, applicant, index
        self.req = None

    def run(self, target, ago):
        received = workdays_ago(ago)
        self.register(received)
        steps = {
            "registered": [], "correction_requested": [self.correction], "accepted": [self.accept],
            "accepted_extended": [self.accept, self.extend], "consulting": [self.accept, self.consult],
            "consulting_objected": [self.accept, self.consult, self.objection],
            "fee_pending": [self.accept, self.fee], "opinion_proposed": [self.accept, self.opinion],
            "opinion_not_held": [self.accept, self.search, lambda: self.opinion(Outcome.NOT_HELD)],
            "decided": [self.accept, self.opinion, self.decide],
            "pending_approval": [self.accept, self.opinion, self.decide, self.submit],
            "approved": [self.accept, self.opinion, self.decide, self.submit, self.approve],
            "delivered": [self.accept, self.opinion, self.decide, self.submit, self.approve, self.deliver],
            "delivered_late": [self.accept, self.opinion, self.decide, self.submit, self.approve,
                               lambda: self.deliver(late=True)],
            "closed": [self.accept, self.opinion, self.decide, self.submit, self.approve, self.deliver, self.close],
            "closed_challenged": [self.accept, lambda: self.opinion(Outcome.WITHHELD_PROCESS_INFO), self.decide,
                                  self.submit, self.approve, self.deliver, self.close, self.challenge],
            "applicant_withdrew": [self.accept, self.withdraw], "abandoned": [self.correction, self.lapse],
            "abandoned_fee": [self.accept, self.fee, self.lapse_fee],
        }[target]
        for step in steps:
            step()
        return self.req

    @property
    def today(self):
        return timezone.localdate()

    def day(self, workdays_after_receipt):
        return min(engine.add_workdays(self.req.received_on, workdays_after_receipt), self.today)

    def register(self, received):
        channel = ["in_person", "post", "online", "email", "post", "fax"][self.i % 6]
        dates = {"in_person": dict(submitted_on=received)}.get(channel, dict(confirmed_on=received))
        post_kind = ""
        if channel == "post":
            post_kind = "signed" if self.i % 2 else "ordinary"
            dates = dict(submitted_on=received - timedelta(days=3), arrived_on=received,
                         **({"signed_on": received} if post_kind == "signed" else {"confirmed_on": received}))
        self.req = registration.request_register(
            agency=self.agency, by=self.staff["registrar"], applicant=self.applicant, channel=channel,
            post_kind=post_kind, description=DESCRIPTIONS[self.i % len(DESCRIPTIONS)], purpose="了解相关情况",
            requested_form="paper" if self.i % 3 else "electronic",
            delivery_method="post" if self.i % 3 else "electronic", handler=self.staff["handler"], **dates)

    def accept(self):
        self.req = handling.request_accept(request=self.req, by=self.staff["registrar"])

    def correction(self):
        self.req = handling.request_correction(
            request=self.req, by=self.staff["handler"], notice_sent_on=self.day(2),
            items="请明确所需信息的时间范围及文件名称，并补充申请人身份证明复印件。")

    def lapse(self):
        self.req = handling.request_lapse_correction(request=self.req, by=self.staff["handler"])

    def extend(self):
        self.req = handling.request_extend(request=self.req, by=self.staff["approver"], workdays=15,
                                           reason="申请内容涉及多个科室、时间跨度大，需调取历年档案逐一核对。")

    def consult(self):
        self.req = handling.consultation_start(
            request=self.req, by=self.staff["handler"], party_kind="third_party", party_name="高平市金达煤业有限公司",
            party_address="山西省高平市寺庄镇工业园区", sent_on=self.day(4),
            information="该公司2025年安全生产检查记录及整改报告")

    def objection(self):
        consultation = self.req.consultations.first()
        self.req = handling.consultation_record_reply(
            request=self.req, consultation=consultation, by=self.staff["handler"], answer="object",
            answered_on=self.day(8), reasons="涉及本公司商业秘密（生产工艺及设备参数），不同意公开。")

    def fee(self):
        if self.agency.fee_method != "per_page":
            Agency.objects.filter(pk=self.agency.pk).update(fee_method="per_page")
            self.agency.refresh_from_db()
            self.req.agency = self.agency
        self.req = handling.fee_issue_notice(request=self.req, by=self.staff["handler"], issued_on=self.day(3),
                                             pages=150)

    def lapse_fee(self):
        self.req = handling.fee_lapse(request=self.req, by=self.staff["handler"])

    def search(self):
        self.req = decision.search_record(
            request=self.req, by=self.staff["handler"], systems="机关档案室纸质档案、OA办公系统、政府信息公开平台",
            keywords="东庄村 征地 补偿", searched_on=self.day(3), result="未检索到相关信息")

    def opinion(self, outcome=None):
        outcome = outcome or OUTCOMES[self.i % len(OUTCOMES)]
        self.req = decision.opinion_propose(
            request=self.req, by=self.staff["handler"], outcome=outcome,
            articles=outcome_rule(outcome).sample.articles or outcome_rule(outcome).articles,
            reasons=_REASONS.get(outcome, "经审查，所申请信息属于本机关公开范围，依法予以公开。"),
            form_of_provision=_PROVISION.get(outcome, ""),
            right_agency="高平市人民政府办公室" if requires_fact(outcome, RIGHT_AGENCY) else "")

    def decide(self):
        self.req = decision.request_decide(request=self.req, by=self.staff["handler"])

    def submit(self):
        self.req = decision.request_submit_for_approval(request=self.req, by=self.staff["handler"])

    def approve(self):
        self.req = decision.request_approve(request=self.req, by=self.staff["approver"], comment="同意。")

    def deliver(self, late=False):
        handed = self.today if late else min(self.day(18), self.today)
        self.req = delivery.request_deliver(request=self.req, by=self.staff["registrar"], method="post",
                                            handed_over_on=handed, waybill_number=_waybill(self.i))

    def close(self):
        d = self.req.deliveries.first()
        at = timezone.make_aware(datetime.combine(min(d.handed_over_on + timedelta(days=2), self.today), time(15)))
        self.req = delivery.delivery_add_postal_event(request=self.req, delivery=d, by=self.staff["registrar"],
                                                      status="delivered", occurred_at=at, location="高平市邮政局",
                                                      signer=self.applicant.name)
        self.req = delivery.request_file_proof(request=self.req, by=self.staff["registrar"])

    def challenge(self):
        self.req = challenges.challenge_record(
            request=self.req, by=self.staff["handler"], kind="reconsideration", body="高平市人民政府",
            received_on=min(self.req.applicant_received_on + timedelta(days=20), self.today),
            case_number="高政复〔2026〕17号")

    def withdraw(self):
        self.req = delivery.request_withdraw(request=self.req, by=self.staff["registrar"],
                                             reason="申请人来电表示已通过其他途径获取，书面申请撤回。")


def _waybill(i):
    from requests_cms.postal import s10_check_digit

    serial = f"{12345600 + i:08d}"
    return f"EA{serial}{s10_check_digit(serial)}CN"


_PROVISION = {
    Outcome.PUBLICATION: "可在新华书店高平市店购买，或者在高平市图书馆阅览室查阅",
    Outcome.DISCLOSED: "以纸质复印件形式邮寄提供",
    Outcome.PARTLY_DISCLOSED: "对可以公开的部分以纸质复印件形式邮寄提供",
    Outcome.ALREADY_PUBLIC: "可登录高平市人民政府门户网站“政府信息公开”栏目查阅",
}
_REASONS = {
    Outcome.PARTLY_DISCLOSED: "所申请信息中含有第三方商业秘密，经征求意见第三方不同意公开，对该部分不予公开，"
                              "其余部分予以公开。",
    Outcome.WITHHELD_PROCESS_INFO: "所申请的会议纪要属于行政机关在履行行政管理职能过程中形成的讨论记录，"
                                   "属于过程性信息。",
    Outcome.NOT_THIS_AGENCY: "所申请信息不属于本机关负责公开，请向高平市人民政府办公室申请。",
    Outcome.WITHHELD_THIRD_PARTY: "所申请信息涉及第三方个人隐私，公开会对第三方合法权益造成损害。",
    Outcome.NEEDS_CREATION: "所申请信息需要本机关对现有政府信息进行加工、分析，本机关不予提供。",
    Outcome.ALREADY_PUBLIC: "所申请信息已在高平市人民政府门户网站主动公开，可在“政府信息公开”栏目查阅。",
    Outcome.NOT_HELD: "经检索本机关档案及业务系统，未找到所申请的政府信息。",
}
