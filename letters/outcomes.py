"""The outcomes of a request (REG 36–39, domain.md §5): one rule per outcome, in the order the lists show them.

Everything the system knows about an outcome is declared here and read everywhere else: requests_cms builds its
`Outcome` choices from `OUTCOME_RULES`, the decision service and the workflow guards read the flags and the required
facts, the annual report reads the row, the letters read the legal basis, the event reason and the sample. A new
outcome is a new rule here plus its wording file `templates/letters/defaults/reply_<code>.txt` (and the migrations
`makemigrations` then generates for the changed choices).

Pure data: no Django, so that benchmarks and settings-free tools may import it.
"""

import re
from dataclasses import dataclass

REG = "《中华人民共和国政府信息公开条例》"


@dataclass(frozen=True)
class RequiredFact:
    """A fact beyond the decision that an outcome's reply cannot do without, and the letter element printing it."""

    name: str
    element: str  # the placeholder of the reply that prints it (letters.kinds.PLACEHOLDERS)


SEARCH_RECORD = RequiredFact("search_record", "search_summary")  # a "does not exist" reply rests on a recorded search
RIGHT_AGENCY = RequiredFact("right_agency", "right_agency")  # "not this agency's" names the agency that is
# "asks for publications" names where the publication can be obtained (printed as the form and channel of provision)
WHERE_TO_OBTAIN = RequiredFact("where_to_obtain", "form_of_provision")


@dataclass(frozen=True)
class BasisCheck:
    """A rule the legal basis of a reply must obey (domain.md §5: a court checks the basis first): the basis must
    (or, with `forbidden`, must not) match `pattern`; `message` says in Chinese what is wrong."""

    pattern: str
    message: str
    forbidden: bool = False

    def fails(self, basis):
        return bool(re.search(self.pattern, basis or "")) == self.forbidden


_NUMERAL = "[一二三四五六七八九十百零〇0-9]+"
ANY_ARTICLE = BasisCheck(f"第{_NUMERAL}条", "须写明所依据的具体条款（第×条）")
REG_37 = BasisCheck("第三十七条", "部分公开须引用《中华人民共和国政府信息公开条例》第三十七条")
EXEMPTION = BasisCheck(
    "第十[四五六]条",
    "部分公开须同时写明对不予公开部分所适用的条款（条例第十四条、第十五条或者第十六条）",
)
# A law (…法, not a ministerial 办法) or an administrative regulation (…条例) other than the REG itself.
SPECIAL_ROUTE_LAW = BasisCheck(
    "《(?!中华人民共和国政府信息公开条例》)[^《》]*(?:条例|(?<!办)法)》",
    "行政查询事项须写明规定该特别查询途径的法律或者行政法规（如《不动产登记暂行条例》），部门规章不能作为依据",
)
NOT_REG_39 = BasisCheck(
    "第三十九条",
    "要求确认或者重新出具已获取信息的，不适用条例第三十九条，应当依据条例第二条说明不属于政府信息公开申请",
    forbidden=True,
)


@dataclass(frozen=True)
class Sample:
    """The made-up facts of the outcome's specimen reply (`render_letter --sample`)."""

    reasons: str = ""  # empty for the event outcomes: their event reason is printed instead
    form_of_provision: str = ""
    articles: str = ""  # the articles a handler would type; empty: the rule's own articles


@dataclass(frozen=True)
class OutcomeRule:
    code: str  # the stored value
    label: str
    articles: str  # the legal basis: offered when the decision is drafted, cited when the reply has no decision
    report_row: str  # code of the row of annual-report table 三 it counts in (requests_cms.reports.labels)
    sample: Sample
    provides_information: bool = False  # the reply must say in what form and through which channel
    reconsideration_first: bool = False  # 不予公开 / 部分公开: reconsideration before a lawsuit (RRL 23)
    requires: tuple[RequiredFact, ...] = ()
    event_reason: str = ""  # set for outcomes that arise from an event, never from a handler's decision
    articles_offered: bool = True  # False: the handler types the articles himself (domain.md §5, `other`)
    report_row_setting: str = ""  # a setting that may move the outcome to another row (resolved by the report)
    basis_checks: tuple[BasisCheck, ...] = ()  # what the printed legal basis must (not) cite
    cites_articles: bool = True  # False: the letter is a plain confirmation citing no article (withdrawal)

    @property
    def decidable(self):
        """A handler may choose it; the outcomes with an event reason arise from events only."""
        return not self.event_reason


OUTCOME_RULES = (
    OutcomeRule(
        "already_public", "已主动公开，告知获取途径", f"{REG}第三十六条第（一）项", "一",
        Sample("您申请获取的信息属于本机关应当主动公开的政府信息。",
               "该信息已在高平市人民政府门户网站“政府信息公开”栏目公开，您可登录查阅。"),
        provides_information=True,
    ),
    OutcomeRule(
        "disclosed", "予以公开", f"{REG}第三十六条第（二）项", "一",
        Sample("您申请获取的信息属于本机关在履行行政管理职能过程中制作的政府信息。",
               "以纸质形式随本答复书一并邮寄，共计12页。"),
        provides_information=True,
    ),
    OutcomeRule(
        "partly_disclosed", "部分公开", f"{REG}第三十七条", "二",
        Sample("您申请获取的信息中含有个人身份证号码、联系电话等个人隐私，公开会对第三方合法权益造成损害，"
               "本机关已作区分处理。",
               "对可以公开的部分以纸质形式随本答复书一并邮寄，共计8页。",
               articles=f"{REG}第十五条、第三十七条"),
        provides_information=True, reconsideration_first=True, basis_checks=(REG_37, EXEMPTION),
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
        Sample("不动产登记资料的查询，《不动产登记暂行条例》第二十七条规定了专门的查询途径，"
               "您可以持身份证明向高平市不动产登记中心申请查询。",
               articles=f"{REG}第三十六条第（七）项、《不动产登记暂行条例》第二十七条"),
        basis_checks=(SPECIAL_ROUTE_LAW,),
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
        Sample("您申请获取的是已公开出版的《高平年鉴》。",
               "《高平年鉴（2025）》由山西人民出版社出版，您可以在新华书店高平市店购买，"
               "或者在高平市图书馆（高平市长平东街18号）阅览室查阅。"),
        requires=(WHERE_TO_OBTAIN,),
    ),
    OutcomeRule(
        "excessive", "无正当理由大量反复申请", f"{REG}第三十五条", "五.4",
        Sample("您在本月内提出的申请达60件，所说明的理由不能证明该数量、频次的合理性。"),
    ),
    OutcomeRule(
        "confirm_or_reissue", "要求确认或重新出具已获取信息", f"{REG}第二条", "五.5",
        Sample("您要求本机关对已获取的文件加盖印章予以确认，这并非申请获取本机关现有的政府信息。"),
        basis_checks=(NOT_REG_39,),
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
        "not_government_information", "不属于政府信息", f"{REG}第二条", "六.3",
        Sample("您申请获取的是某村民委员会的村务收支账目，村民委员会是基层群众性自治组织，不是行政机关，"
               "其账目不是行政机关在履行行政管理职能过程中制作或者获取的信息。"),
    ),
    OutcomeRule(
        "withdrawn", "申请人撤回申请", "", "六.3", Sample(),
        event_reason="您已撤回该政府信息公开申请。", cites_articles=False,
    ),
    OutcomeRule(
        "other", "其他处理结果", "", "六.3",
        Sample("您申请查阅的是本机关已于2024年移交高平市档案馆的永久保管档案，档案移交后由档案馆依法提供利用。",
               articles="《中华人民共和国档案法》第二十八条"),
        articles_offered=False, basis_checks=(ANY_ARTICLE,),
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


def basis_problems(code, basis):
    """Chinese messages naming what the legal basis `basis` of a reply with outcome `code` lacks (empty: acceptable).
    Applied when the opinion is proposed and again when the letter is written."""
    rule = find_rule(code)
    if rule is None or not rule.cites_articles:
        return []
    if not (basis or "").strip():
        return ["请填写所依据的法律条款"]
    return [check.message for check in rule.basis_checks if check.fails(basis)]


def needs_form_of_provision(code):
    """The reply says how to get the information: the disclosing outcomes, and where a publication is obtained."""
    return (rule := find_rule(code)) is not None and (rule.provides_information or WHERE_TO_OBTAIN in rule.requires)


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
