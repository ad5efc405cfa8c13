"""Every label of the published annual-report tables, in published order, in one place.

Table 三 (收到和处理政府信息公开申请情况) and table 四 (政府信息公开行政复议、行政诉讼情况) follow the national format
国办公开办函〔2021〕30号. The numbered sub-rows use the labels of domain.md §5 verbatim (e.g. "1.属于国家秘密");
the group rows use the official labels of the national format.

Each row of table 三 has a code: "new", "carried_in", "results" (the heading 三、本年度办理结果), "一" … "七" for the
groups （一）…（七）, "三.1" … "六.3" for the numbered sub-rows, and "carried_out". Group rows carry the sum of their
sub-rows; "results" and "七" both carry the number of requests concluded in the year.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from letters.outcomes import find_rule
from requests_cms.models.choices import ApplicantKind, ChallengeKind, ChallengeResult

TABLE_3_TITLE = "三、收到和处理政府信息公开申请情况"
TABLE_4_TITLE = "四、政府信息公开行政复议、行政诉讼情况"
CHECK_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
CHECK_LABEL = "一 + 二 = 三（七） + 四"
SECTION_6_TITLE = "六、其他需要报告的事项"
FEE_HEADER = ["机关", "发出收费通知（件）", "收费通知总金额（元）", "实际收取（件）", "实际收取总金额（元）"]

# Columns of table 三: applicant kinds in published order, then the total.
APPLICANT_HEADER = "申请人情况"
ORGANISATION_HEADER = "法人或其他组织"
KINDS = [k.value for k in ApplicantKind]  # natural_person, business, research, public_interest, legal_services, other
KIND_LABELS = {k.value: k.label for k in ApplicantKind}  # 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他
TOTAL = "total"
TOTAL_LABEL = "总计"
COLUMNS = [*KINDS, TOTAL]

NEW = ("new", "一、本年新收政府信息公开申请数量")
CARRIED_IN = ("carried_in", "二、上年结转政府信息公开申请数量")
RESULTS = ("results", "三、本年度办理结果")
CARRIED_OUT = ("carried_out", "四、结转下年度继续办理")
GRAND_TOTAL = ("七", "（七）总计")

# The outcome groups of 三、本年度办理结果: (code, label, [(sub-row code, label), ...]); no sub-rows for （一）（二）.
GROUPS = [
    ("一", "（一）予以公开", []),
    ("二", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", []),
    ("三", "（三）不予公开", [
        ("三.1", "1.属于国家秘密"),
        ("三.2", "2.其他法律行政法规禁止公开"),
        ("三.3", "3.危及“三安全一稳定”"),
        ("三.4", "4.保护第三方合法权益"),
        ("三.5", "5.属于三类内部事务信息"),
        ("三.6", "6.属于四类过程性信息"),
        ("三.7", "7.属于行政执法案卷"),
        ("三.8", "8.属于行政查询事项"),
    ]),
    ("四", "（四）无法提供", [
        ("四.1", "1.本机关不掌握相关政府信息"),
        ("四.2", "2.没有现成信息需要另行制作"),
        ("四.3", "3.补正后申请内容仍不明确"),
    ]),
    ("五", "（五）不予处理", [
        ("五.1", "1.信访举报投诉类申请"),
        ("五.2", "2.重复申请"),
        ("五.3", "3.要求提供公开出版物"),
        ("五.4", "4.无正当理由大量反复申请"),
        ("五.5", "5.要求行政机关确认或重新出具已获取信息"),
    ]),
    ("六", "（六）其他处理", [
        ("六.1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("六.2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ("六.3", "3.其他"),
    ]),
]

# A concluded request without a recorded outcome (should not happen) still counts once: in （六）3.其他.
UNKNOWN_OUTCOME_ROW = "六.3"

# Table 四: three blocks of five columns.
CHALLENGE_KINDS = [k.value for k in ChallengeKind]  # reconsideration, lawsuit_direct, lawsuit_after_reconsideration
RESULTS_ORDER = [ChallengeResult.UPHELD.value, ChallengeResult.CORRECTED.value, ChallengeResult.OTHER.value,
                 ChallengeResult.PENDING.value]
CHALLENGE_COLUMNS = [*RESULTS_ORDER, TOTAL]
CHALLENGE_COLUMN_LABELS = {"upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结",
                           TOTAL: "总计"}
RECONSIDERATION_HEADER = "行政复议"
LAWSUIT_HEADER = "行政诉讼"
CHALLENGE_KIND_LABELS = {"reconsideration": "行政复议", "lawsuit_direct": "未经复议直接起诉",
                         "lawsuit_after_reconsideration": "复议后起诉"}


def leaf_row_codes():
    """Codes of the rows an outcome may count in: （一）, （二） and every numbered sub-row."""
    codes = []
    for code, _label, subs in GROUPS:
        codes.extend([c for c, _ in subs] or [code])
    return codes


def outcome_row(outcome):
    """The row code where a request concluded with `outcome` counts: the rule's row (letters/outcomes.py), or the
    setting the rule names (settings.NOT_THIS_AGENCY_REPORT_ROW for not_this_agency), checked against the table."""
    rule = find_rule(outcome)
    if rule is None:
        return UNKNOWN_OUTCOME_ROW
    if not rule.report_row_setting:
        return rule.report_row
    code = getattr(settings, rule.report_row_setting, rule.report_row)
    if code not in leaf_row_codes():
        raise ImproperlyConfigured(
            f"{rule.report_row_setting}={code!r} 不是年度报告的行代码，可选：{'、'.join(leaf_row_codes())}")
    return code


def table_3_rows():
    """(code, label, level) for every row of table 三 in published order; level 0 top, 1 group, 2 numbered."""
    rows = [(*NEW, 0), (*CARRIED_IN, 0), (*RESULTS, 0)]
    for code, label, subs in GROUPS:
        rows.append((code, label, 1))
        rows.extend((c, sub_label, 2) for c, sub_label in subs)
    rows.extend([(*GRAND_TOTAL, 1), (*CARRIED_OUT, 0)])
    return rows
