"""The remedy statement (救济途径告知) of a letter, computed from the agency's data and the outcome (domain.md §7).

1. the named reconsideration body (data on the agency, derived from its level unless overridden);
2. within 60 days of receiving the letter;
3. 不予公开 / 部分公开: reconsideration first (RRL 23), then a lawsuit within 15 days of the reconsideration decision;
4. otherwise: reconsideration within 60 days or a lawsuit within 6 months at the named court;
5. when the letter is delivered online: the online channel for applying for reconsideration.
"""

from .outcomes import reconsideration_first


class LetterDataError(ValueError):
    """The data a letter needs is missing: the letter is refused rather than printed with a gap."""


def remedy_statement(agency, outcome, *, online=False, noun="本答复书", subject="您"):
    """The Chinese remedy paragraph. `agency` needs reconsideration_body, court, online_reconsideration_channel."""
    body, court = agency.reconsideration_body, agency.court
    if not body:
        raise LetterDataError(f"{agency.name}未设置行政复议机关，无法生成救济途径告知")
    if not court:
        raise LetterDataError(f"{agency.name}未设置管辖法院，无法生成救济途径告知")
    if reconsideration_first(outcome):
        text = (
            f"{subject}如对{noun}不服，依照《中华人民共和国行政复议法》第二十三条的规定，应当先自收到{noun}之日起"
            f"60日内向{body}申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起15日内"
            f"向{court}提起行政诉讼。"
        )
    else:
        text = (
            f"{subject}如对{noun}不服，可以自收到{noun}之日起60日内向{body}申请行政复议，"
            f"或者自收到{noun}之日起6个月内向{court}提起行政诉讼。"
        )
    if online:
        channel = agency.online_reconsideration_channel
        if not channel:
            raise LetterDataError(f"{agency.name}未设置网上申请行政复议渠道，无法为网上送达的文书生成救济途径告知")
        text += f"{subject}也可以通过{channel}在线申请行政复议。"
    return text
