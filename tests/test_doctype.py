"""Is the text an annual 法治政府建设 report at all? Other government documents are not input
errors: they get their verdict (is_annual_report false) and fail the gate."""

import pytest

from conftest import ROOT, check_text

DATA = ROOT / "tests" / "data"

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


# ---- document kind (metadata.kind), one class at a time, on texts written for these tests ----

BODY = ("一、主要举措和成效\n（一）推进依法行政。全年审核规范性文件16件，办理行政复议案件37件。\n"
        "二、存在的不足和原因\n基层执法力量不足，主要原因是编制紧张。\n"
        "三、党政主要负责人履行推进法治建设第一责任人职责情况\n主要负责人主持专题会议4次。\n"
        "四、下一年度推进法治政府建设的主要安排\n完成执法人员轮训。\n")

ANNUAL = {
    "titled": "临江市2023年度法治政府建设情况报告\n2023年，我市坚持依法行政。现将有关情况报告如下：\n" + BODY,
    "title-less, addressed to its superiors": (
        "区委、区政府：\n今年以来，区住建委在区委、区政府的领导下扎实推进法治政府建设，现将有关工作情况汇报如下：\n" + BODY),
    "title-less department report": (
        "2023年，县农业农村局围绕中心工作，统筹推进依法行政和法治政府建设，取得了新的成效。\n" + BODY),
    "starts at its first part heading": BODY,
    "page chrome and a watermark glued to the title": (
        "您当前所在位置：首页 > 政务公开 > 法治政府建设\n[ 发布日期 ] 2019-03-01\n规划计划\n"
        "临江市2023年度法治政府建设情况报告 公文网 www.example.com\n"
        "2023年，我市坚持依法行政。现将有关情况报告如下：\n" + BODY),
    "a report that mentions 述法 and a news conference": (
        "临江市2023年度法治政府建设情况报告\n2023年，我市坚持依法行政。现将有关情况报告如下：\n"
        "一、主要举措和成效\n全市党政主要负责人开展年度述法，市政府召开新闻发布会介绍法治政府建设成效，"
        "本报记者到场采访。听取和审议了各部门述法报告。\n" + BODY),
    "a report written as a 工作总结": (
        "二〇二三年，镇政府在县委、县政府的领导下深化法治建设，现对一年来的工作总结如下：\n" + BODY),
}

LOOKALIKES = {
    "shufa": [
        "临江市司法局局长王平2023年度述法报告\n按照年终述法工作要求，现将本人履行推进法治建设第一责任人职责情况报告如下：\n" + BODY,
        "2023年，本人认真履行推进法治建设第一责任人职责，带头学法用法。\n" + BODY,
    ],
    "gov_work_report": [
        "政府工作报告\n——2024年1月10日在临江市第十届人民代表大会第三次会议上\n各位代表：\n"
        "现在，我代表市人民政府向大会报告工作，请予审议。\n一、2023年工作回顾\n我们坚持依法行政，建设法治政府。\n",
    ],
    "xxgk_annual": [
        "临江市司法局2023年政府信息公开工作年度报告\n一、总体情况\n2023年，我局依法行政，主动公开信息310条。\n",
        "根据《中华人民共和国政府信息公开条例》要求，现向社会公布本机关2023年度工作情况，统计期限为2023年全年。\n"
        "一、总体情况\n我局依法行政，推进法治政府建设，主动公开政府信息。\n",
    ],
    "plan": [
        "临江市法治政府建设实施方案（2021—2025年）\n为加快建设法治政府，结合本市实际，制定本方案。\n一、总体要求\n依法行政。\n",
        "各镇人民政府、街道办事处，市政府各部门：\n《临江市2024年法治政府建设工作要点》已经市政府同意，现印发给你们，"
        "请认真贯彻执行。\n一、推进依法行政\n",
    ],
    "news": [
        "本报讯（通讯员 李华）临江市日前召开法治政府建设推进会，部署全年依法行政工作。\n",
        "临江市发布2023年度法治政府建设情况报告\n近日，临江市人民政府在门户网站公布了2023年度法治政府建设情况报告。"
        "报告显示，全市审核规范性文件16件。\n",
        "3月12日下午，临江市政府召开常务会议，听取全市法治政府建设情况汇报，研究部署依法行政工作。\n",
    ],
    "npc_review": [
        "临江市人大常委会关于市人民政府2023年度法治政府建设情况报告的审议意见\n市人民政府：\n"
        "市人大常委会第九次会议听取和审议了市人民政府关于2023年度法治政府建设情况的报告。现将审议意见综述如下：\n"
        "一、基本评价\n法治政府建设取得积极成效。\n",
    ],
    "assessment": [
        "临江市2023年度法治政府建设第三方评估报告\n受市委依法治市办委托，某大学法学院对全市法治政府建设开展评估。\n",
        "受市司法局委托，评估组对临江市2023年度依法行政情况进行了评估，现将评估结果报告如下：\n" + BODY,
    ],
    "study": [
        "摘要：本文以某省为例，考察法治政府建设评估指标的设计与运用。\n关键词：法治政府；评估；依法行政\n一、引言\n",
    ],
    "template": [
        "下面是小编为大家整理的法治政府建设工作总结，供大家参考。\n20XX年，我镇深入推进依法行政，现将有关情况报告如下：\n" + BODY,
        "20xx年度法治政府建设情况报告\nxx县20xx年坚持依法行政，现将有关情况报告如下：\n" + BODY,
    ],
}


@pytest.mark.parametrize("name", sorted(ANNUAL))
def test_annual_reports_in_many_shapes_are_recognised(name):
    m = check_text(ANNUAL[name]).metadata
    assert (m.kind, m.is_annual_report) == ("annual_report", True), m.doc_type_reason


@pytest.mark.parametrize("kind,i", [(k, i) for k, texts in sorted(LOOKALIKES.items()) for i in range(len(texts))])
def test_each_lookalike_gets_its_kind_and_a_quoted_reason(kind, i):
    m = check_text(LOOKALIKES[kind][i]).metadata
    assert (m.kind, m.is_annual_report) == (kind, False), m.doc_type_reason
    assert "「" in m.doc_type_reason  # the evidence is quoted


@pytest.mark.parametrize("name", ["titled", "title-less, addressed to its superiors", "title-less department report"])
def test_kind_does_not_depend_on_line_breaks(name):
    """Another module rebuilds paragraphs; the kind must not wait for it: the same text with
    every line break removed keeps its kind."""
    assert check_text(ANNUAL[name].replace("\n", "")).metadata.kind == "annual_report"
    for kind, texts in LOOKALIKES.items():
        assert check_text(texts[0].replace("\n", "")).metadata.kind == kind, kind


def test_json_carries_the_kind():
    d = check_text(LOOKALIKES["npc_review"][0]).to_dict()["metadata"]
    assert d["kind"] == "npc_review" and d["is_annual_report"] is False


# ---- year and metadata ----

def _meta(text):
    return check_text(text).metadata


def test_year_from_a_title_in_chinese_numerals():
    assert _meta("临江市人民政府关于二〇二三年度法治政府建设情况的报告\n一年来，市政府推进依法行政。\n" + BODY).year == 2023


def test_year_from_the_reporting_formula_not_from_the_plans():
    text = ("临江市人民政府关于法治政府建设情况的报告\n根据督察工作规定，现将我市2023年度法治政府建设情况报告如下：\n"
            + BODY.replace("四、下一年度推进法治政府建设的主要安排", "四、2024年工作安排"))
    assert _meta(text).year == 2023


def test_last_year_is_read_from_the_date_of_the_look_back():
    text = ("临江市人民政府关于法治政府建设工作情况的报告\n2024年3月，市政府对上一年度法治政府建设工作进行了总结。"
            "现将有关情况报告如下：\n" + BODY + "临江市人民政府\n2024年3月20日\n")
    assert _meta(text).year == 2023


def test_a_plans_heading_or_the_writing_date_is_never_the_covered_year():
    text = ("临江市人民政府关于法治政府建设工作情况的报告\n一年来，市政府推进依法行政。现将有关情况报告如下：\n"
            "一、主要举措和成效\n审核规范性文件16件。\n二、2024年工作安排\n2024年完成执法人员轮训。\n"
            "临江市人民政府\n2024年2月26日\n")
    assert _meta(text).year == 2023


def test_issuer_and_date_on_one_line_and_a_date_with_the_month_only():
    m = _meta(ANNUAL["titled"] + "临江市人民政府  2024年2月26日\n")
    assert (m.issuer, m.date) == ("临江市人民政府", "2024-02-26")
    r = check_text(ANNUAL["titled"] + "临江市人民政府\n2024年2月\n")
    assert r.metadata.date == "2024-02"
    assert not any(f.rule == "metadata.date-missing" for f in r.findings)
    assert _meta(ANNUAL["titled"] + "临江市人民政府\n二〇二四年二月二十六日\n").date == "2024-02-26"


def test_a_title_over_two_lines_is_joined():
    m = _meta("临江市人民政府关于\n2023年度法治政府建设情况的报告\n2023年，市政府推进依法行政。现将有关情况报告如下：\n" + BODY)
    assert (m.title, m.year) == ("临江市人民政府关于2023年度法治政府建设情况的报告", 2023)
    m = _meta("临江市生态环境局\n关于2023年法治政府建设情况的报告\n2023年，我局推进依法行政。现将有关情况报告如下：\n" + BODY)
    assert m.title == "临江市生态环境局关于2023年法治政府建设情况的报告"


def test_the_watermark_is_not_part_of_the_title():
    assert _meta(ANNUAL["page chrome and a watermark glued to the title"]).title == "临江市2023年度法治政府建设情况报告"


# the next wording of each class: other reports and other look-alikes than the ones above
MORE_ANNUAL = {
    "performance appraisal mentioned in the opening": (
        "2023年，我局把法治政府建设纳入绩效考核，与业务工作同部署同考核。现将有关情况报告如下：\n" + BODY),
    "delivered to the standing committee of the people's congress": (
        "临江市人民政府关于2023年度法治政府建设情况的报告\n——2024年3月18日在市十届人大常委会第十五次会议上\n"
        "主任、副主任、秘书长、各位委员：\n受市人民政府委托，现将2023年度法治政府建设情况报告如下，请予审议。\n" + BODY),
    "a joint report of the party committee and the government": (
        "中共临江县委 临江县人民政府\n关于2023年度法治建设情况的报告\n市委、市政府：\n"
        "2023年，县委、县政府深入推进法治政府建设，现将有关情况报告如下：\n" + BODY),
}
MORE_ANNUAL["a notice issued a few days ago, cited in the reporting formula"] = (
    "临江市司法局关于法治政府建设工作情况的报告\n根据市委依法治市办近日印发的通知要求，2月20日召开局务会议审议后，"
    "现将2023年度法治政府建设情况报告如下：\n" + BODY)
MORE_ANNUAL["review opinions and a task breakdown acted on"] = (
    "2023年，县政府认真落实县人大常委会对法治政府建设情况报告的审议意见，按照年度工作要点任务分解要求推进依法行政，"
    "现将有关情况报告如下：\n" + BODY)
MORE_ANNUAL["a title that names the 第一责任人 part with the annual report"] = (
    "临江县2023年度党政主要负责人履行推进法治建设第一责任人职责及法治政府建设情况报告\n"
    "2023年，县政府推进依法行政。现将有关情况报告如下：\n" + BODY)
MORE_LOOKALIKES = {
    "news": "临江市2023年度法治政府建设“成绩单”出炉\n记者从市司法局获悉，全市审核规范性文件16件。\n",
    "xxgk_annual": "本年度报告根据《政府信息公开条例》编制，数据统计期限为2023年1月1日至12月31日。\n一、总体情况\n依法行政。\n",
    "plan": "临江区2024年法治政府建设重点任务清单\n一、推进依法行政\n（一）完善行政规范性文件备案审查。\n",
    "assessment": "临江市2023年度法治政府建设群众满意度测评报告\n一、测评总体情况\n依法行政满意度92分。\n",
    "template": "乡镇法治政府建设工作总结范文\n今年以来，我镇推进依法行政，现将有关情况总结如下：\n" + BODY,
    "other": "在全县法治政府建设推进会上的讲话\n同志们：\n今天召开会议，部署依法行政工作。\n",
    "shufa": "临江县人民政府县长2023年度述职述法报告\n一年来，我作为推进法治建设第一责任人，带头依法决策。\n" + BODY,
}


MORE_ANNUAL["the opening names other reports the body publishes"] = (
    "2023年，县政府认真落实《政府工作报告》部署，按时发布政府信息公开工作年度报告。现将法治政府建设情况报告如下：\n" + BODY)
OTHER_WORDINGS = [
    ("记者近日走访临江县发现，该县推进依法行政、建设法治政府成效明显。\n", "news"),
    ("政府工作报告\n——2024年1月在临江县第十八届人民代表大会第四次会议上\n各位代表：\n"
     "现在，我代表县人民政府，向大会报告工作。\n", "gov_work_report"),
    ("临江市人民代表大会常务委员会关于市人民政府2023年度法治政府建设情况报告的决议\n"
     "市人大常委会第十次会议听取和审议了市人民政府的报告，决定批准该报告。\n", "npc_review"),
    ("为深入推进依法行政，加快建设法治政府，现提出如下实施意见。\n一、总体要求\n", "plan"),
    ("临江区司法局关于申请法治政府建设示范创建经费的请示\n区政府：\n为推进法治政府建设示范创建，现申请经费20万元。\n", "other"),
    # a body's general work summary mentions 依法行政 but is not the 法治政府建设 report
    ("临江县司法局2023年工作总结\n2023年，我局坚持依法行政，圆满完成各项任务。现将一年来的工作总结如下：\n"
     "一、主要工作及成效\n办理法律援助案件320件。\n", "other"),
]


@pytest.mark.parametrize("text,kind", OTHER_WORDINGS)
def test_other_wordings_of_the_lookalikes(text, kind):
    m = check_text(text).metadata
    assert m.kind == kind, m.doc_type_reason


@pytest.mark.parametrize("name", sorted(MORE_ANNUAL))
def test_more_annual_reports(name):
    m = check_text(MORE_ANNUAL[name]).metadata
    assert m.kind == "annual_report", m.doc_type_reason


@pytest.mark.parametrize("kind", sorted(MORE_LOOKALIKES))
def test_more_lookalikes(kind):
    m = check_text(MORE_LOOKALIKES[kind]).metadata
    assert m.kind == kind, m.doc_type_reason


def _wrap(text: str, width: int = 17) -> str:
    """Hard-wrapped text, as a PDF or a narrow web column gives it."""
    return "\n".join(p[i:i + width] for p in text.split("\n") for i in range(0, max(len(p), 1), width))


def test_hard_wrapped_lines_do_not_change_the_kind():
    """A short line of wrapped body text is not a title: its last words (…讲话, …通知) say
    nothing about the document."""
    text = ("2023年，我局认真学习贯彻习近平总书记在中央全面依法治国工作会议上的重要讲话\n"
            "精神，落实上级印发的工作要点的通知要求，推进依法行政。现将有关情况报告如下：\n" + BODY)
    assert check_text(text).metadata.kind == "annual_report"
    assert check_text(_wrap(text)).metadata.kind == "annual_report"
    for kind, texts in LOOKALIKES.items():
        assert check_text(_wrap(texts[0])).metadata.kind == kind, kind


def test_a_text_with_no_line_breaks_keeps_title_year_issuer_and_date():
    text = ("临江县人民政府关于2023年度法治政府建设情况的报告2023年，临江县坚持依法行政，现将有关情况报告如下："
            "一、主要举措和成效 全年审核规范性文件16件。二、存在的不足和原因 基层执法力量不足，主要原因是编制紧张。"
            "临江县人民政府 2024年2月20日")
    m = _meta(text)
    assert (m.title, m.year, m.kind, m.issuer, m.date) == (
        "临江县人民政府关于2023年度法治政府建设情况的报告", 2023, "annual_report", "临江县人民政府", "2024-02-20")


def test_the_reason_quotes_the_words_as_written():
    """Evidence quotes the original (full-width punctuation, spaces), not the normalised text."""
    m = _meta("**临江县县长 2023 年度述法报告**\n本人认真履行推进法治建设第一责任人职责。\n")
    assert "第1行「临江县县长 2023 年度述法」" in m.doc_type_reason
    m = _meta("区委、区政府：\n今年以来，我局推进依法行政，现将有关工作情况报告如下：\n" + BODY)
    assert "「现将有关工作情况报告如下」" in m.doc_type_reason
    m = _meta("区委、区政府：\n今年以来，我局推进依法行政。\n" + BODY)
    assert "第1行「区委、区政府：」" in m.doc_type_reason


@pytest.mark.parametrize("mark", ["（征求意见稿）", "（送审稿）", "（初稿）", "（修改稿）"])
def test_a_draft_of_the_annual_report_is_still_an_annual_report(mark):
    """The drafts a reviewer checks carry a draft mark in their title; the draft of a 方案 is a plan."""
    body = (DATA / "casebook" / "00_base_county_2024.txt").read_text(encoding="utf-8").split("\n", 1)[1]
    m = _meta(f"青山县人民政府关于2024年度法治政府建设情况的报告{mark}\n" + body)
    assert m.kind == "annual_report", m.doc_type_reason
    m = _meta(f"青山县法治政府建设实施方案{mark}\n为深入推进法治政府建设，制定本方案。\n一、总体要求\n坚持依法行政。\n")
    assert m.kind == "plan", m.doc_type_reason
