"""A tolerant parser for the text of a China Post / EMS tracking page, pasted by a clerk.

Accepts one entry per line or the date, time and text split over several lines; newest-first or oldest-first;
dates as 2026-11-20, 2026/11/20 or 2026年11月20日; times with or without seconds; full-width punctuation.
Transit lines (到达, 离开, 发往 …) are returned with status None so the caller can show what was skipped.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from requests_cms.models.choices import PostalStatus

STAMP = re.compile(
    r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"[\sT]*(?P<H>\d{1,2})\s*[:：]\s*(?P<M>\d{2})(?:\s*[:：]\s*(?P<S>\d{2}))?"
)
LOCATION = re.compile(r"[【\[]([^】\]]+)[】\]]")
SIGNER = re.compile(r"(?:签收人|收件人签收|签收)\s*(?:[:：为是])\s*(?P<who>[^，,。;；\s]+(?:\s*[（(][^）)]*[）)])?)")
NOT_DELIVERED = ("未妥投", "妥投失败", "未签收", "无法投递", "投递失败", "未能投递")
RETURNED = ("退回", "退件", "退还寄件人", "退寄")
DELIVERED = ("妥投", "已签收", "签收人", "本人签收", "他人代收", "单位收发章")
IN_DELIVERY = ("投递", "派送", "派件", "安排投递")
OFFICE = re.compile(r"投递(?:部|站|局|班|组|中心|点|网点)")
ACCEPTED = ("收寄", "揽收", "揽件", "已收件", "揽投员已收")


@dataclass(frozen=True)
class TrackingEntry:
    occurred_at: datetime  # naive, local time of the tracking page
    status: str | None  # a PostalStatus value, or None for a transit line
    location: str
    signer: str
    detail: str


def classify(text):
    """The PostalStatus of one entry's text, or None (transit, customs, unknown).

    Office names (【…】, …投递部/站/局) are ignored: "发往米山镇投递部" is transit, not a delivery attempt.
    """
    text = OFFICE.sub("", LOCATION.sub("", text))
    if any(word in text for word in RETURNED):
        return PostalStatus.RETURNED.value
    failed = any(word in text for word in NOT_DELIVERED)
    if not failed and any(word in text for word in DELIVERED):
        return PostalStatus.DELIVERED.value
    if failed or any(word in text for word in IN_DELIVERY):
        return PostalStatus.IN_DELIVERY.value
    if any(word in text for word in ACCEPTED):
        return PostalStatus.ACCEPTED.value
    return None


def _entry(stamp, text):
    text = re.sub(r"\s+", " ", text).strip(" \t-—|:：")
    location = LOCATION.search(text)
    status = classify(text)
    signer = SIGNER.search(text) if status == PostalStatus.DELIVERED else None
    seconds = int(stamp.group("S") or 0)
    occurred = datetime(int(stamp.group("y")), int(stamp.group("m")), int(stamp.group("d")),
                        int(stamp.group("H")), int(stamp.group("M")), seconds)
    return TrackingEntry(occurred_at=occurred, status=status, location=location.group(1).strip() if location else "",
                         signer=signer.group("who").strip() if signer else "", detail=text[:300])


def parse_tracking(text):
    """Entries of a pasted tracking page, oldest first. Text before the first date/time is ignored."""
    text = (text or "").replace("\u3000", " ").replace("\r", "\n")
    stamps = list(STAMP.finditer(text))
    entries = []
    for index, stamp in enumerate(stamps):
        end = stamps[index + 1].start() if index + 1 < len(stamps) else len(text)
        body = text[stamp.end():end]
        try:
            entries.append(_entry(stamp, body))
        except ValueError:  # an impossible date such as 2026-02-30: not a tracking line
            continue
    entries = [e for e in entries if e.detail]
    return sorted(entries, key=lambda e: e.occurred_at)
