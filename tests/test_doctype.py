"""Is the text an annual 法治政府建设 report at all? Other government documents are not input
errors: they get their verdict (is_annual_report false) and fail the gate."""

import pytest

from conftest import check_text

NOT_ANNUAL = {
    "政府工作报告": "2024年XX市政府工作报告\n各位代表：\n现在，我代表市人民政府，向大会报告工作。一、2023年工作回顾。"
                   "我们坚持依法行政，推进法治政府建设，法治建设取得新进展。二、2024年工作安排。",
    "政策解读": "图解：XX区2023年度法治政府建设情况报告\n一、主要举措和成效。法治政府建设扎实推进。\n"
                "二、存在的不足和原因。依法行政能力有待提升。\n三、下一步工作安排。持续推进法治建设。",
    "政府信息公开": "XX县人民政府2023年政府信息公开工作年度报告\n一、总体情况。2023年，我县深入推进政务公开，"
                    "主动公开政府信息1200条。\n二、主动公开政府信息情况。",
    "实施方案": "XX市法治政府建设实施方案\n为深入推进依法行政，加快建设法治政府，制定本方案。一、总体要求。"
                "二、主要任务。推进法治政府建设，提高依法行政水平。三、保障措施。",
    "讲话": "在全市法治政府建设工作会议上的讲话\n同志们：\n今天召开全市法治政府建设工作会议，主要任务是部署依法行政工作。",
    "新闻": "本报讯（记者 张三）3月1日，XX区召开法治政府建设推进会。会议指出，要深入推进依法行政，"
            "加快法治建设。会议强调，要抓好法治政府建设各项任务。",
}


@pytest.mark.parametrize("kind", sorted(NOT_ANNUAL))
def test_other_documents_are_not_annual_reports(kind):
    r = check_text(NOT_ANNUAL[kind])
    assert r.metadata.is_annual_report is False
    assert r.passed is False
    assert any(f.rule == "metadata.not-annual-report" and f.severity == "error" for f in r.findings)
    assert "不是法治政府建设年度报告" in " ".join(r.gate_reasons)


def test_an_annual_report_without_a_title_is_recognised_by_its_structure():
    text = ("2023年，我局深入推进法治政府建设，现将有关情况报告如下：\n一、主要举措和成效\n依法行政水平不断提高。\n"
            "二、存在的不足和原因\n法治建设还有差距。\n三、下一步工作安排\n继续推进法治政府建设。")
    r = check_text(text)
    assert r.metadata.is_annual_report and r.metadata.year == 2023


def test_a_titled_report_names_its_year_not_the_page_date():
    text = ("索引号: 11/2025-00012\n发布日期: 2025-03-20\nXX县2024年度法治政府建设情况报告\n"
            "2024年，我县坚持依法行政。现将情况报告如下：\n一、主要举措和成效\n推进法治政府建设。\n"
            "XX县人民政府\n2025年3月20日\n")
    r = check_text(text)
    m = r.metadata
    assert (m.title, m.year, m.issuer, m.date, m.is_annual_report) == (
        "XX县2024年度法治政府建设情况报告", 2024, "XX县人民政府", "2025-03-20", True)


def test_chinese_numeral_date_in_the_signature():
    r = check_text("XX镇2022年法治政府建设工作报告\n一、主要举措和成效\n推进依法行政。\nXX镇人民政府\n二〇二三年三月十五日\n")
    assert r.metadata.date == "2023-03-15"
