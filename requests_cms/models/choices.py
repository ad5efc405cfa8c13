"""Closed vocabularies of the domain (domain.md §2–§5). Stored values are these codes."""

from django.db import models


class AgencyLevel(models.TextChoices):
    CITY_GOVERNMENT = "city_government", "设区的市人民政府"
    CITY_DEPARTMENT = "city_department", "设区的市人民政府工作部门"
    COUNTY_GOVERNMENT = "county_government", "县级人民政府"
    COUNTY_DEPARTMENT = "county_department", "县级人民政府工作部门"
    DEVELOPMENT_ZONE = "development_zone", "开发区管理机构"
    SUBDISTRICT = "subdistrict", "街道办事处"
    TOWNSHIP = "township", "乡镇人民政府"
    DISPATCHED_BRANCH = "dispatched_branch", "上级部门派出机构"
    VERTICAL = "vertical", "垂直管理机关"
    PUBLIC_INSTITUTION = "public_institution", "事业单位"


class Role(models.TextChoices):
    REGISTRAR = "registrar", "登记人员"
    HANDLER = "handler", "承办人"
    APPROVER = "approver", "负责人（审批）"
    OVERSIGHT = "oversight", "政务公开办（监督）"
    AUDITOR = "auditor", "审计/法制人员（只读）"
    ADMINISTRATOR = "administrator", "系统管理员"


class ApplicantKind(models.TextChoices):
    NATURAL_PERSON = "natural_person", "自然人"
    BUSINESS = "business", "商业企业"
    RESEARCH = "research", "科研机构"
    PUBLIC_INTEREST = "public_interest", "社会公益组织"
    LEGAL_SERVICES = "legal_services", "法律服务机构"
    OTHER = "other", "其他"


class IdentityDocument(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MACAO_PERMIT = "hk_macao_permit", "港澳居民来往内地通行证"
    TAIWAN_PERMIT = "taiwan_permit", "台湾居民来往大陆通行证"
    CREDIT_CODE = "credit_code", "统一社会信用代码"
    OTHER = "other", "其他证件"


class Channel(models.TextChoices):
    IN_PERSON = "in_person", "当面提交"
    POST = "post", "邮寄"
    ONLINE = "online", "网上申请"
    EMAIL = "email", "电子邮件"
    FAX = "fax", "传真"


class PostKind(models.TextChoices):
    SIGNED = "signed", "需签收的邮件（EMS、挂号信）"
    ORDINARY = "ordinary", "平常信函"


class RequestedForm(models.TextChoices):
    PAPER = "paper", "纸质"
    ELECTRONIC = "electronic", "电子文档"
    OTHER = "other", "其他"


class DeliveryMethod(models.TextChoices):
    DIRECT = "direct", "直接送达"
    ENTRUSTED = "entrusted", "委托送达"
    POST = "post", "邮寄送达"
    ELECTRONIC = "electronic", "电子送达"


class Outcome(models.TextChoices):
    ALREADY_PUBLIC = "already_public", "已主动公开，告知获取途径"
    DISCLOSED = "disclosed", "予以公开"
    PARTLY_DISCLOSED = "partly_disclosed", "部分公开"
    WITHHELD_STATE_SECRET = "withheld_state_secret", "不予公开：属于国家秘密"
    WITHHELD_BY_LAW = "withheld_by_law", "不予公开：其他法律行政法规禁止公开"
    WITHHELD_SECURITY = "withheld_security", "不予公开：危及“三安全一稳定”"
    WITHHELD_THIRD_PARTY = "withheld_third_party", "不予公开：保护第三方合法权益"
    WITHHELD_INTERNAL_AFFAIRS = "withheld_internal_affairs", "不予公开：属于三类内部事务信息"
    WITHHELD_PROCESS_INFO = "withheld_process_info", "不予公开：属于四类过程性信息"
    WITHHELD_ENFORCEMENT_FILE = "withheld_enforcement_file", "不予公开：属于行政执法案卷"
    SPECIAL_ACCESS_ROUTE = "special_access_route", "不予公开：属于行政查询事项"
    NOT_HELD = "not_held", "本机关不掌握相关政府信息"
    NOT_THIS_AGENCY = "not_this_agency", "非本机关负责公开"
    NEEDS_CREATION = "needs_creation", "没有现成信息需要另行制作"
    UNCLEAR_AFTER_CORRECTION = "unclear_after_correction", "补正后申请内容仍不明确"
    PETITION = "petition", "信访举报投诉类申请"
    REPEAT = "repeat", "重复申请"
    PUBLICATION = "publication", "要求提供公开出版物"
    EXCESSIVE = "excessive", "无正当理由大量反复申请"
    CONFIRM_OR_REISSUE = "confirm_or_reissue", "要求确认或重新出具已获取信息"
    CORRECTION_LAPSED = "correction_lapsed", "逾期不补正，不再处理"
    FEE_UNPAID = "fee_unpaid", "逾期未缴费，不再处理"
    WITHDRAWN = "withdrawn", "申请人撤回申请"
    OTHER = "other", "其他处理结果"


# Outcomes a handler may choose in a decision; the last four arise from events.
DECIDABLE_OUTCOMES = [o for o in Outcome if o not in {
    Outcome.CORRECTION_LAPSED, Outcome.FEE_UNPAID, Outcome.WITHDRAWN,
}]

# Default legal basis (REG article) per outcome, offered when drafting a decision.
OUTCOME_DEFAULT_ARTICLES = {
    Outcome.ALREADY_PUBLIC: "《中华人民共和国政府信息公开条例》第三十六条第（一）项",
    Outcome.DISCLOSED: "《中华人民共和国政府信息公开条例》第三十六条第（二）项",
    Outcome.PARTLY_DISCLOSED: "《中华人民共和国政府信息公开条例》第三十七条",
    Outcome.WITHHELD_STATE_SECRET: "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项",
    Outcome.WITHHELD_BY_LAW: "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项",
    Outcome.WITHHELD_SECURITY: "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项",
    Outcome.WITHHELD_THIRD_PARTY: "《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项",
    Outcome.WITHHELD_INTERNAL_AFFAIRS: "《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第（三）项",
    Outcome.WITHHELD_PROCESS_INFO: "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项",
    Outcome.WITHHELD_ENFORCEMENT_FILE: "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项",
    Outcome.SPECIAL_ACCESS_ROUTE: "《中华人民共和国政府信息公开条例》第三十六条第（七）项",
    Outcome.NOT_HELD: "《中华人民共和国政府信息公开条例》第三十六条第（四）项",
    Outcome.NOT_THIS_AGENCY: "《中华人民共和国政府信息公开条例》第三十六条第（五）项",
    Outcome.NEEDS_CREATION: "《中华人民共和国政府信息公开条例》第三十八条",
    Outcome.UNCLEAR_AFTER_CORRECTION: "《中华人民共和国政府信息公开条例》第三十条",
    Outcome.PETITION: "《中华人民共和国政府信息公开条例》第三十九条第一款",
    Outcome.REPEAT: "《中华人民共和国政府信息公开条例》第三十六条第（六）项",
    Outcome.PUBLICATION: "《中华人民共和国政府信息公开条例》第三十九条第二款",
    Outcome.EXCESSIVE: "《中华人民共和国政府信息公开条例》第三十五条",
    Outcome.CONFIRM_OR_REISSUE: "《中华人民共和国政府信息公开条例》第三十九条",
    Outcome.CORRECTION_LAPSED: "《中华人民共和国政府信息公开条例》第三十条",
    Outcome.FEE_UNPAID: "《政府信息公开信息处理费管理办法》第九条",
}


class ConsultationParty(models.TextChoices):
    THIRD_PARTY = "third_party", "第三方"
    AGENCY = "agency", "共同制作机关"


class ConsultationAnswer(models.TextChoices):
    PENDING = "pending", "等待答复"
    AGREE = "agree", "同意公开"
    OBJECT = "object", "不同意公开"
    NO_ANSWER = "no_answer", "逾期未答复"


class FeeMethod(models.TextChoices):
    PER_REQUEST = "per_request", "按件计收"
    PER_PAGE = "per_page", "按量计收"


class PauseReason(models.TextChoices):
    CONSULTATION = "consultation", "征求意见"
    FEE = "fee", "缴纳信息处理费"


class PostalStatus(models.TextChoices):
    ACCEPTED = "accepted", "收寄"
    IN_DELIVERY = "in_delivery", "投递"
    DELIVERED = "delivered", "妥投"
    RETURNED = "returned", "退回"


class ChallengeKind(models.TextChoices):
    RECONSIDERATION = "reconsideration", "行政复议"
    LAWSUIT_DIRECT = "lawsuit_direct", "行政诉讼（未经复议直接起诉）"
    LAWSUIT_AFTER_RECONSIDERATION = "lawsuit_after_reconsideration", "行政诉讼（复议后起诉）"


class ChallengeResult(models.TextChoices):
    UPHELD = "upheld", "维持"
    CORRECTED = "corrected", "纠正"
    OTHER = "other", "其他"
    PENDING = "pending", "尚未审结"


class AttachmentKind(models.TextChoices):
    APPLICATION = "application", "申请书原件"
    ENVELOPE = "envelope", "信封"
    ONLINE_RECORD = "online_record", "网上申请记录"
    IDENTITY_PROOF = "identity_proof", "身份证明"
    RECEIPT_EVIDENCE = "receipt_evidence", "收件凭证"
    CORRECTED_APPLICATION = "corrected_application", "补正后的申请"
    CONSULTATION_REPLY = "consultation_reply", "征求意见答复"
    SEARCH_RECORD = "search_record", "检索记录"
    SUPPLIED_INFORMATION = "supplied_information", "提供的信息"
    PAYMENT_PROOF = "payment_proof", "缴费凭证"
    PROOF_OF_SERVICE = "proof_of_service", "签收的送达回证"
    COUNTER_RECEIPT = "counter_receipt", "邮件收据"
    TRACKING_PRINTOUT = "tracking_printout", "邮件查询记录"
    OTHER = "other", "其他"
