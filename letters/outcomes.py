"""The outcomes of a request (REG 36–39, domain.md §5): one rule per outcome, in the order the lists show them.

Everything the system knows about an outcome is declared here and read everywhere else: requests_cms builds its
`Outcome` choices from `OUTCOME_RULES`, the decision service and the workflow guards read the flags and the required
facts, the annual report reads the row, the letters read the legal basis, the event reason and the sample. A new
outcome is a new rule here plus its wording file `templates/letters/defaults/reply_<code>.txt` (and the migrations
`makemigrations` then generates for the changed choices).

Pure data: no Django, so that benchmarks and settings-free tools may import it.
"""

from dataclasses import dataclass

REG = "《中华人民共和国政府信息公开条例》"


@dataclass(frozen=True)
class RequiredFact:
    """A fact beyond the decision that an outcome's reply cannot do without, and the letter element printing it."""

    name: str
    element: str  # the placeholder of the reply that prints it (letters.kinds.PLACEHOLDERS)


SEARCH_RECORD = RequiredFact("search_record", "search_summary")  # a "does not exist" reply rests on a recorded search
RIGHT_AGENCY = RequiredFact("right_agency", "right_agency")  # "not this agency's" names the agency that is


@dataclass(frozen=True)
class Sample:
    """The made-up facts of the outcome's specimen reply (`render_letter --sample`)."""

    reasons: str = ""  # empty for the event outcomes: their event reason is printed instead
    form_of_provision: str = ""


@dataclass(frozen=True)
class OutcomeRule:
    code: str  # the stored value
    label: str
    articles: str  # the legal basis: offered when the decision is drafted, cited when the reply has no decision
    report_row: str  # code of the row of annual-report table 三 it counts in (requests_cms.reports.labels)
    sample: Sample
    provides_information: bool = False  # the reply must say in what form and through which channel
    remedy_statement: bool = True  # False only for fully favourable replies (RRL-IR 17)
    reconsideration_first: bool = False  # 不予公开 / 部分公开: reconsideration before a lawsuit (RRL 23)
    requires: tuple[RequiredFact, ...] = ()
    event_reason: str = ""  # set for outcomes that arise from an event, never from a handler's decision
    articles_offered: bool = True  # False: the handler types the articles himself (domain.md §5, `other`)
    report_row_setting: str = ""  # a setting that may move the outcome to another row (resolved by the report)

    @property
    def decidable(self):
        """A handler may choose it; the outcomes with an event reason arise from events only."""
        return not self.event_reason


OUTCOME_RULES = (
    OutcomeRule(
        "already_public", "已主动公开，告知获取途径", f"{REG}第三十六条第（一）项", "一",
        Sample("您申请获取的信息属于本机关应当主动公开的政府信息。",
               "该信息已在高平市人民政府门户网站“政府信息公开”栏目公开，您可登录查阅。"),
        provides_information=True, remedy_statement=False,
    ),
    OutcomeRule(
        "disclosed", "予以公开", f"{REG}第三十六条第（二）项", "一",
        Sample("您申请获取的信息属于本机关在履行行政管理职能过程中制作的政府信息。",
               "以纸质形式随本答复书一并邮寄，共计12页。"),
        provides_information=True, remedy_statement=False,
    ),
    OutcomeRule(
        "partly_disclosed", "部分公开", f"{REG}第三十七条", "二",
        Sample("您申请获取的信息中含有个人身份证号码、联系电话等个人隐私，本机关已作区分处理。",
               "对可以公开的部分以纸质形式随本答复书一并邮寄，共计8页。"),
        provides_information=True, reconsideration_first=True,
    ),
    OutcomeRule(
        "withheld_state_secret", "不予公开：属于国家秘密", f"{REG}第十四条、第三十六条第（三）项",
        "三.1", Sample("该信息已由定密责任人确定为秘密级国家秘密。"), reconsideration_first=True,
    ),
    OutcomeRule(
        "withheld_by_law", "不予公开：其他法律行政法规禁止公开", f"{REG}第十四条、第三十六条第（三）项",
        "三.2", Sample("该信息属于《中华人民共和国统计法》规定不得对外提供的单项调查资料。"),
        reconsideration_first=True,
    ),
    OutcomeRule(
        "withheld_security", "不予公开：危及“三安全一稳定”", f"{REG}第十四条、第三十六条第（三）项",
        "三.3", Sample("该信息涉及重要设施的具体位置和安全防范措施。"), reconsideration_first=True,
    ),
    OutcomeRule(
        "withheld_third_party", "不予公开：保护第三方合法权益", f"{REG}第十五条、第三十二条、第三十六条第（三）项",
        "三.4",
        Sample("该信息涉及第三方商业秘密，第三方不同意公开，且不公开不会对公共利益造成重大影响。"),
        reconsideration_first=True,
    ),
    OutcomeRule(
        "withheld_internal_affairs", "不予公开：属于三类内部事务信息", f"{REG}第十六条第一款、第三十六条第（三）项",
        "三.5", Sample("该信息为本机关内部考勤和车辆使用管理记录。"), reconsideration_first=True,
    ),
    OutcomeRule(
        "withheld_process_info", "不予公开：属于四类过程性信息", f"{REG}第十六条第二款、第三十六条第（三）项",
        "三.6", Sample("该信息为本机关党组会议讨论记录。"), reconsideration_first=True,
    ),
    OutcomeRule(
        "withheld_enforcement_file", "不予公开：属于行政执法案卷", f"{REG}第十六条第二款、第三十六条第（三）项",
        "三.7", Sample("该信息为行政处罚案件的调查笔录。"), reconsideration_first=True,
    ),
    OutcomeRule(
        "special_access_route", "不予公开：属于行政查询事项", f"{REG}第三十六条第（七）项", "三.8",
        Sample("不动产登记资料的查询应当依照《不动产登记资料查询暂行办法》的规定办理。"),
    ),
    OutcomeRule(
        "not_held", "本机关不掌握相关政府信息", f"{REG}第三十六条第（四）项", "四.1",
        Sample("本机关未制作或者获取过该信息。"), requires=(SEARCH_RECORD,),
    ),
    OutcomeRule(
        "not_this_agency", "非本机关负责公开", f"{REG}第三十六条第（五）项", "四.1",
        Sample("部门预算的汇总编制由财政部门负责。"), requires=(RIGHT_AGENCY,),
        report_row_setting="NOT_THIS_AGENCY_REPORT_ROW",
    ),
    OutcomeRule(
        "needs_creation", "没有现成信息需要另行制作", f"{REG}第三十八条", "四.2",
        Sample("您要求按乡镇汇总统计的数据需要本机关另行加工分析。"),
    ),
    OutcomeRule(
        "unclear_after_correction", "补正后申请内容仍不明确", f"{REG}第三十条", "四.3",
        Sample("补正后的申请仍未写明所需信息的名称、文号或者其他特征性描述。"),
    ),
    OutcomeRule(
        "petition", "信访举报投诉类申请", f"{REG}第三十九条第一款", "五.1",
        Sample("您反映的问题属于对学校收费行为的投诉。"),
    ),
    OutcomeRule(
        "repeat", "重复申请", f"{REG}第三十六条第（六）项", "五.2",
        Sample("本机关已于2026年1月15日就相同内容的申请作出答复。"),
    ),
    OutcomeRule(
        "publication", "要求提供公开出版物", f"{REG}第三十九条第二款", "五.3",
        Sample("您申请获取的是已公开出版的《高平年鉴》。"),
    ),
    OutcomeRule(
        "excessive", "无正当理由大量反复申请", f"{REG}第三十五条", "五.4",
        Sample("您在本月内提出的申请达60件，所说明的理由不能证明该数量、频次的合理性。"),
    ),
    OutcomeRule(
        "confirm_or_reissue", "要求确认或重新出具已获取信息", f"{REG}第三十九条", "五.5",
        Sample("您要求本机关对已获取的文件加盖印章予以确认。"),
    ),
    OutcomeRule(
        "correction_lapsed", "逾期不补正，不再处理", f"{REG}第三十条", "六.1", Sample(),
        event_reason="您在补正期限内无正当理由未作出补正，视为放弃申请。",
    ),
    OutcomeRule(
        "fee_unpaid", "逾期未缴费，不再处理", f"{REG}第四十二条、《政府信息公开信息处理费管理办法》", "六.2", Sample(),
        event_reason="您在缴费期限内未缴纳信息处理费，视为放弃申请。",
    ),
    OutcomeRule(
        "withdrawn", "申请人撤回申请", f"{REG}第三十三条", "六.3", Sample(),
        event_reason="您已撤回该政府信息公开申请。",
    ),
    OutcomeRule(
        "other", "其他处理结果", REG, "六.3", Sample("您的申请已按相关规定处理。"), articles_offered=False,
    ),
)

_BY_CODE = {rule.code: rule for rule in OUTCOME_RULES}
OUTCOME_CODES = tuple(_BY_CODE)


def outcome_rule(code):
    """The rule of an outcome code; LookupError naming the code when there is none."""
    try:
        return _BY_CODE[code]
    except KeyError:
        raise LookupError(f"未知的答复类型：{code!r}") from None


def find_rule(code):
    """The rule of `code`, or None for an empty or unknown code (e.g. a letter that is not a reply)."""
    return _BY_CODE.get(code)


def decidable_rules():
    return tuple(rule for rule in OUTCOME_RULES if rule.decidable)


def provides_information(code):
    return (rule := find_rule(code)) is not None and rule.provides_information


def needs_remedy_statement(code):
    """Every reply carries the remedy statement except the fully favourable ones (an unknown code carries it)."""
    return (rule := find_rule(code)) is None or rule.remedy_statement


def reconsideration_first(code):
    return (rule := find_rule(code)) is not None and rule.reconsideration_first


def requires_fact(code, fact):
    return (rule := find_rule(code)) is not None and fact in rule.requires



# --- the reasons a part of a released document is withheld (区分处理, REG 37) -----------------------------------------
@dataclass(frozen=True)
class RedactionReason:
    """One reason a box of a redacted document may carry, tied to the exemption article the reply cites."""

    code: str
    label: str
    article: str


REDACTION_REASONS = (
    RedactionReason("privacy", "个人隐私", f"{REG}第十五条"),
    RedactionReason("trade_secret", "商业秘密", f"{REG}第十五条"),
    RedactionReason("state_secret", "国家秘密", f"{REG}第十四条"),
    RedactionReason("internal_affairs", "内部事务信息", f"{REG}第十六条第一款"),
    RedactionReason("process_info", "过程性信息", f"{REG}第十六条第二款"),
    RedactionReason("enforcement_file", "行政执法案卷信息", f"{REG}第十六条第二款"),
    RedactionReason("other_law", "其他法律、行政法规禁止公开的信息", f"{REG}第十四条"),
)
_REASONS = {reason.code: reason for reason in REDACTION_REASONS}


def redaction_reason(code):
    """The RedactionReason of `code`; LookupError (Chinese message) for an unknown one."""
    try:
        return _REASONS[code]
    except KeyError:
        raise LookupError(f"未知的遮盖理由：{code!r}") from None
