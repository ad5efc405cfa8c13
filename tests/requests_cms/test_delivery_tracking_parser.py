"""The tolerant parser of pasted China Post / EMS tracking pages (no database)."""

from datetime import datetime

from requests_cms.postal_tracking import classify, parse_tracking

EMS_PAGE = """EA123456785CN  邮件状态：已签收
2026-11-22 10:05:17 【高平市米山镇邮政支局】已妥投，签收人：本人，投递员：王明，电话：13834560000
2026-11-22 07:41:02 【高平市米山镇投递部】正在投递，投递员：王明，电话：13834560000
2026-11-21 18:22:45 【晋城市邮件处理中心】已离开晋城市邮件处理中心，发往高平市米山镇投递部
2026-11-21 09:13:08 【晋城市邮件处理中心】已到达晋城市邮件处理中心
2026-11-20 16:40:01 【高平市邮政分公司揽投部】已离开高平市邮政分公司揽投部，发往晋城市邮件处理中心
2026-11-20 09:12:33 【高平市邮政分公司揽投部】已收寄，揽投员：李强，电话：0356-5221234
"""

SPLIT_LINES_PAGE = """时间
地点和跟踪进度
2026/11/20
09:12
高平市
【高平市邮政分公司揽投部】已收寄
2026/11/23
15:30
【高平市米山镇邮政支局】邮件已退回，退回原因：收件人拒收
"""


def test_a_pasted_ems_page_gives_its_entries_oldest_first():
    entries = parse_tracking(EMS_PAGE)
    assert [e.occurred_at for e in entries] == sorted(e.occurred_at for e in entries)
    assert [e.status for e in entries] == ["accepted", None, None, None, "in_delivery", "delivered"]


def test_the_delivered_entry_carries_time_place_and_signer():
    delivered = parse_tracking(EMS_PAGE)[-1]
    assert delivered.occurred_at == datetime(2026, 11, 22, 10, 5, 17)
    assert delivered.location == "高平市米山镇邮政支局"
    assert delivered.signer == "本人"


def test_date_and_time_split_over_lines_and_returned_mail_are_understood():
    entries = parse_tracking(SPLIT_LINES_PAGE)
    assert [(e.occurred_at, e.status) for e in entries] == [
        (datetime(2026, 11, 20, 9, 12), "accepted"), (datetime(2026, 11, 23, 15, 30), "returned")]
    assert "拒收" in entries[1].detail


def test_chinese_dates_full_width_colons_and_other_signers():
    entries = parse_tracking("2026年11月22日 10：05 【米山镇邮政所】已签收，签收人：他人收（门卫张三）")
    assert entries[0].occurred_at == datetime(2026, 11, 22, 10, 5)
    assert entries[0].status == "delivered" and entries[0].signer == "他人收（门卫张三）"


def test_an_office_named_delivery_department_does_not_make_a_line_a_delivery_attempt():
    assert classify("【米山镇投递部】已收寄") == "accepted"
    assert classify("已离开晋城市邮件处理中心，发往高平市米山镇投递部") is None
    assert parse_tracking("2026-11-20 09:12:33 【米山镇投递部】已收寄")[0].status == "accepted"


def test_failed_delivery_is_not_taken_for_delivered_and_return_to_sender_wins():
    assert classify("未妥投，原因：收件人不在") == "in_delivery"
    assert classify("退回妥投，签收人：高平市教育局") == "returned"


def test_text_without_any_date_gives_nothing_and_impossible_dates_are_skipped():
    assert parse_tracking("查询不到该邮件的信息") == []
    assert parse_tracking("2026-02-30 10:00:00 【某局】已收寄") == []
