"""Substance comes from the text, and content outside its part is found: a report written for
this test (a district bureau, 2023), changed one part at a time.

- a heading, or sub-headings alone, is never evidence: a part with nothing under it is missing;
- a part holding only a generic sentence, a slogan or self-praise is partial;
- causes need causal analysis in the text, not the word 原因 in a heading;
- 一是/二是 items on lines of their own count as in one paragraph;
- 不足 written inside the work part, or 下一步 sentences ending each work item, are partial
  (misplaced), with the lines quoted and advice to move them.
"""

from __future__ import annotations

import pytest

from conftest import check_text, statuses

HEAD = """XX区城市管理局2023年度法治政府建设情况报告
2023年，我局以习近平法治思想为指导，全面推进依法行政，现将有关情况报告如下。
"""
WORK = """一、2023年法治政府建设主要做法和成效
（一）抓好领导干部学法。局党组理论学习中心组集中学法6次，举办法治讲座2场，全局168名执法人员参加法律知识考试。
（二）规范重大行政决策。制定年度重大行政决策事项目录3项，均经过公众参与、专家论证、合法性审查和集体讨论决定，法律顾问审查合同41份。
（三）严格规范执法。落实行政执法公示、执法全过程记录、重大执法决定法制审核制度，办理行政处罚案件934件，评查案卷120卷。
（四）化解矛盾纠纷。办理行政复议案件7件、行政诉讼案件5件，负责人出庭应诉5次；受理12345热线诉求2.1万件，办结率99%。
"""
SHORT = """二、存在的不足和原因
（一）执法队伍专业能力不强。部分街道执法中队人员法律知识欠缺，执法文书制作不规范。究其原因，主要是近两年新招录人员多，系统培训跟不上。
（二）非现场执法应用不充分。视频监控、智能感知设备覆盖率低，由于财政投入有限，设备更新滞后。
"""
RESP = """三、主要负责人履行推进法治建设第一责任人职责情况
局长主持召开局党组会议4次专题研究法治政府建设，带头出庭应诉行政诉讼案件2件，年终在区委依法治区办会议上述法，亲自督办执法监督发现问题12个的整改。
"""
NEXT = """四、2024年工作安排
（一）2024年6月底前完成全体执法人员轮训，培训不少于40学时。
（二）年内新增智能感知设备200台，非现场执法案件占比达到30%。
（三）修订行政处罚裁量基准，年底前向社会公布。
"""
TAIL = """XX区城市管理局
2024年2月8日
"""

PARTS = {"work": WORK, "short": SHORT, "resp": RESP, "next": NEXT}


def report(**changed: str) -> str:
    return HEAD + "".join(changed.get(k, v) for k, v in PARTS.items()) + TAIL


def core(text: str) -> dict[str, str]:
    s = statuses(check_text(text))
    return {k: s[k] for k in ("measures", "shortcomings", "causes", "first_responsible", "next_steps")}


def test_the_complete_report_is_present_everywhere_and_passes():
    r = check_text(report())
    assert set(core(report()).values()) == {"present"} and r.passed


# ---------- a heading alone is not content ----------

@pytest.mark.parametrize("part,heading,elements", [
    ("short", "二、存在的不足和原因\n", ("shortcomings", "causes")),
    ("next", "四、2024年工作安排\n", ("next_steps",)),
    ("resp", "三、主要负责人履行推进法治建设第一责任人职责情况\n", ("first_responsible",)),
])
def test_a_bare_part_heading_is_missing(part, heading, elements):
    r = check_text(report(**{part: heading}))
    for eid in elements:
        e = r.element(eid)
        assert e.status == "missing", (eid, e.status, e.reason)
    assert not r.passed


def test_sub_headings_alone_are_not_content():
    bare = "四、2024年工作安排\n（一）加强执法队伍建设\n一是开展培训\n二是加强考核\n"
    s = core(report(next=bare))
    assert s["next_steps"] != "present"


# ---------- generic text is partial ----------

@pytest.mark.parametrize("text", [
    "局主要负责同志始终把法治建设放在心上，自觉履行第一责任人职责，全局法治氛围日益浓厚。",
    "局党政主要负责人认真落实推进法治建设第一责任人职责，高位推动，统筹谋划，成效明显。",
])
def test_first_responsible_part_of_generic_filler_is_partial(text):
    r = check_text(report(resp=RESP.splitlines()[0] + "\n" + text + "\n"))
    assert r.element("first_responsible").status == "partial"
    assert r.element("first_responsible").evidence  # the heading and the filler are quoted
    assert not r.passed


def test_first_responsible_part_about_a_leading_group_only_is_partial():
    text = "局里调整充实了依法行政工作领导小组，由局长任组长，班子成员任副组长，办公室设在法规科。"
    assert core(report(resp=RESP.splitlines()[0] + "\n" + text + "\n"))["first_responsible"] == "partial"


@pytest.mark.parametrize("text", [
    "2024年，我局将砥砺前行、久久为功，持续推进法治政府建设，为城市精细化管理提供坚实法治保障。",
    "新的一年，我们将再接再厉，推动法治城管建设再上新台阶。",
])
def test_plans_part_of_one_slogan_is_partial(text):
    r = check_text(report(next="四、2024年工作安排\n" + text + "\n"))
    assert r.element("next_steps").status == "partial"
    assert not r.passed


def test_plans_written_as_imperatives_are_present():
    plans = "四、下一步工作打算\n（一）强化执法培训。分批组织执法人员参加法律知识轮训，建立以案释法常态机制。\n" \
            "（二）深化非现场执法。扩大智能感知设备覆盖范围，推动视频巡查与街面执法联动。\n"
    assert core(report(next=plans))["next_steps"] == "present"


@pytest.mark.parametrize("text", [
    "2023年，我局各项法治工作圆满完成，连续三年考核位居全区前列，受到区委区政府肯定。但创新亮点还不够突出。",
    "我局法治政府建设整体成效明显，但与上级要求和群众期待相比还有一定差距，存在一些不足。",
])
def test_shortcomings_of_self_praise_or_generic_text_are_not_present(text):
    s = core(report(short="二、存在的不足和原因\n" + text + "\n"))
    assert s["shortcomings"] in ("partial", "missing") and s["causes"] == "missing"


# ---------- causes need analysis in the text ----------

def test_causes_promised_by_the_heading_but_not_given_are_missing():
    no_causes = "二、存在的不足和原因\n（一）执法队伍专业能力不强。部分街道执法中队人员法律知识欠缺。\n" \
                "（二）非现场执法应用不充分。智能感知设备覆盖率低，设备更新滞后。\n"
    r = check_text(report(short=no_causes))
    assert r.element("causes").status == "missing"
    assert r.element("shortcomings").status == "partial"  # problems there, causes lacking
    assert not r.passed


def test_causes_in_the_text_under_a_heading_without_the_word_are_present():
    s = core(report(short=SHORT.replace("二、存在的不足和原因", "二、工作中的短板")))
    assert s["shortcomings"] == s["causes"] == "present"


# ---------- same content, same verdict ----------

def test_items_on_lines_of_their_own_count_as_one_paragraph():
    lead = "（五）坚持党的领导。局党组把法治建设纳入年度工作要点。"
    items = ["一是局长主持召开党组会议4次专题研究法治政府建设。", "二是局长带头出庭应诉行政诉讼案件2件。",
             "三是局长年终在区委依法治区办会议上述法。"]
    one = WORK + lead + "".join(items) + "\n"
    many = WORK + lead + "\n" + "\n".join(items) + "\n"
    a, b = check_text(report(work=one, resp="")), check_text(report(work=many, resp=""))
    assert statuses(a) == statuses(b)
    assert a.element("first_responsible").status == "present"


# ---------- content outside its part ----------

def test_shortcomings_written_inside_the_work_part_are_misplaced():
    para = ("但也要清醒看到，我局法治政府建设仍面临一些困难和问题：执法人员法律素养参差不齐，原因在于培训体系不健全；"
            "智能执法设备覆盖不足，主要是由于投入有限。\n")
    r = check_text(report(work=WORK + para, short="").replace("三、主要负责人", "二、主要负责人").replace("四、2024", "三、2024"))
    e = r.element("shortcomings")
    assert e.status == "partial", e.reason
    assert "工作情况" in e.reason and "移出" in e.advice
    assert e.evidence and all("原因" in ev.text or "困难" in ev.text or "由于" in ev.text for ev in e.evidence)
    assert not r.passed
    # the problems are not credited as work done
    assert all("困难" not in ev.text for ev in r.element("enforcement").evidence)


@pytest.mark.parametrize("para", [
    "我局法治政府建设还存在一些短板：执法人员法律素养参差不齐，原因在于培训体系不健全；智能执法设备覆盖不足，主要是由于投入有限。",
    "当然，我们也清醒地认识到，工作中还有不少薄弱环节，一是执法文书不规范，究其原因是培训不系统；二是设备更新滞后，受财政投入制约。",
])
def test_other_wordings_of_shortcomings_inside_the_work_part(para):
    r = check_text(report(work=WORK + para + "\n", short=""))
    assert r.element("shortcomings").status == "partial" and "工作情况" in r.element("shortcomings").reason


def test_work_text_that_mentions_problems_found_is_not_misplaced():
    item = "（五）抓好执法监督。针对案卷评查中发现还存在的问题，逐项反馈整改，全年纠正执法文书问题37个。\n"
    r = check_text(report(work=WORK + item))
    assert not r.element("shortcomings").reason.startswith("写在")
    assert r.element("shortcomings").status == "present"


def test_a_shortcomings_sub_item_of_the_work_part_is_misplaced():
    item = "（五）存在的问题。执法队伍专业能力不强，原因在于新招录人员多；非现场执法应用不充分，由于财政投入有限。\n"
    r = check_text(report(work=WORK + item, short=""))
    e = r.element("shortcomings")
    assert e.status == "partial" and "工作情况" in e.reason and "移出" in e.advice


def test_plans_at_the_end_of_each_work_item_are_misplaced():
    plans = ["接下来，将于2024年6月底前完成领导干部法治轮训。", "下一步，我局将在年内修订重大行政决策事项目录。",
             "下一步，将推行执法案卷电子化，年底前实现全覆盖。", "今后，将继续完善复议应诉工作机制，力争出庭应诉率保持100%。"]
    lines = WORK.splitlines()
    work = lines[0] + "\n" + "\n".join(line + p for line, p in zip(lines[1:], plans)) + "\n"
    r = check_text(report(work=work, next=""))
    e = r.element("next_steps")
    assert e.status == "partial", e.reason
    assert "工作情况" in e.reason
    assert not r.passed
    # what is promised is not work done: the enforcement evidence quotes no plan
    assert all("全覆盖" not in ev.text for ev in r.element("enforcement").evidence)


# ---------- the text decides where the heading misleads ----------

def test_a_rectification_sub_item_in_the_work_part_is_not_a_shortcomings_part():
    item = "（五）抓好督察反馈问题整改。对市级法治督察反馈的问题逐条建立台账，已全部整改销号，整改率100%。\n"
    s = core(report(work=WORK + item, short=""))
    assert s["shortcomings"] == "missing"


def test_a_sub_item_headed_by_problem_words_but_reporting_work_stays_work():
    item = "（五）聚焦群众反映强烈的突出问题。集中整治占道经营、违规广告设施，拆除违规广告牌326块，清理占道摊点1100余处。\n"
    s = core(report(work=WORK + item, short=""))
    assert s["shortcomings"] == "missing"


def test_a_part_with_an_unusual_heading_is_known_by_its_text():
    odd = "二、几点思考\n一是执法人员法律素养还不够高，文书制作不规范，原因在于培训不系统。\n" \
          "二是智能执法设备覆盖率偏低，由于财政投入有限，更新滞后。\n"
    s = core(report(short=odd))
    assert s["shortcomings"] == "present" and s["causes"] == "present"


def test_a_heading_led_by_a_year_is_work_or_plans_by_the_year():
    text = report().replace("一、2023年法治政府建设主要做法和成效", "一、2023年重点工作") \
        .replace("四、2024年工作安排", "四、2024年重点工作")
    s = core(text)
    assert s["measures"] == "present" and s["next_steps"] == "present"


def test_a_covered_year_heading_over_work_done_is_not_plans():
    done = "四、2023年重点工作\n（一）完成全体执法人员轮训，共培训42学时。\n（二）新增智能感知设备186台，办理非现场执法案件2100件。\n"
    s = core(report(next=done))
    assert s["next_steps"] == "missing"


def test_the_text_decides_a_plans_part_under_a_covered_year_heading():
    """"2023年重点工作" over next year's dated plans: the text is plans, so the part is."""
    s = core(report(next=NEXT.replace("四、2024年工作安排", "四、2023年重点工作")))
    assert s["next_steps"] == "present"


def test_a_plans_part_with_an_unusual_heading_is_known_by_its_text():
    s = core(report(next=NEXT.replace("四、2024年工作安排", "四、着力做好以下几方面工作")))
    assert s["next_steps"] == "present"


def test_an_unusual_heading_over_work_done_stays_work():
    done = "二、聚焦群众关切\n全年办理群众诉求2.1万件，办结率99%。新增便民服务点12个，服务群众3.4万人次。\n"
    s = core(report(short=done + SHORT.replace("二、", "三、")))
    assert s["shortcomings"] == "present" and s["measures"] == "present"


def test_problems_and_rectification_plans_in_one_part_are_both_found():
    part = ("二、存在的问题及整改措施\n执法人员法律素养还不够高，文书制作不规范，原因在于培训不系统；"
            "智能执法设备覆盖率偏低，由于财政投入有限，更新滞后。\n"
            "下一步，我局将于2024年6月底前完成全员轮训，年内新增智能感知设备200台。\n")
    s = core(report(short=part, next=""))
    assert s["shortcomings"] == "present" and s["causes"] == "present" and s["next_steps"] == "present"


@pytest.mark.parametrize("heading", ["四、2024年工作安排", "四、2024年重点任务", "四、下阶段工作重点", "四、着力做好以下几方面工作"])
def test_work_content_in_a_plans_part_is_never_credited_as_work_done(heading):
    plans = heading + "\n（一）2024年6月底前修订突发事件总体应急预案，开展应急演练不少于3次，提升防汛抢险能力。\n" \
        "（二）年内建成政务数据共享平台，推行电子证照，实现“一网通办”全覆盖。\n"
    r = check_text(report(next=plans))
    assert r.element("next_steps").status == "present"
    assert r.element("emergency").status == "missing"
    assert all(ev.line < 9 for ev in r.element("digital").evidence)


def test_reasons_say_what_was_found_and_where():
    no_causes = "二、存在的不足和原因\n（一）执法队伍专业能力不强。部分街道执法中队人员法律知识欠缺。\n"
    r = check_text(report(short=no_causes))
    assert "标题" in r.element("causes").reason and "正文" in r.element("causes").reason
    praise = "二、存在的不足和原因\n2023年各项工作圆满完成，受到区委表扬。但工作特色还不够鲜明。\n"
    e = check_text(report(short=praise)).element("shortcomings")
    assert "一般性表述" in e.reason and [ev.line for ev in e.evidence] == [8, 9]  # heading, then the praise
