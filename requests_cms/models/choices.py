"""Closed vocabularies of the domain (domain.md §2–§5). Stored values are these codes."""

from django.db import models

from letters.outcomes import OUTCOME_RULES


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
    DEPARTMENT_OFFICER = "department_officer", "业务科室经办人"


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


# Built from the rulebook (letters/outcomes.py), which declares each outcome once with everything about it.
Outcome = models.TextChoices(
    "Outcome", [(rule.code.upper(), (rule.code, rule.label)) for rule in OUTCOME_RULES], module=__name__,
)


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
    REASONS = "reasons", "说明理由"


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
