"""``extends``: a local rulebook writes only its differences. The merge rules, and the shipped
example (rules/examples/province-department.yaml) at work on real reports."""

import pytest

from checker.judge.engine import evaluate
from checker.errors import RulebookError
from checker.rulebook.extend import merge
from checker.ingest import load
from checker.paths import RULES_DIR
from checker.rulebook.model import load_rulebook
from conftest import SEED, check_text

EXAMPLE = str(RULES_DIR / "examples" / "province-department.yaml")
PARENT = {"id": "p", "name": "父", "version": "1", "gate": {"min_score": 60},
          "checks": {"metadata": {"deadline": "04-01", "title_terms": "法治"},
                     "timeliness": {"terms": [{"id": "a", "pattern": "甲"}, {"id": "b", "pattern": "乙"}]}},
          "elements": [{"id": "x", "weight": 5, "evidence": ["一", "二"]}, {"id": "y", "weight": 3}]}


def test_a_field_changes_and_the_rest_stays():
    out = merge(PARENT, {"extends": "p", "elements": [{"id": "x", "weight": 9}]})
    assert out["elements"][0] == {"id": "x", "weight": 9, "evidence": ["一", "二"]}
    assert out["elements"][1] == {"id": "y", "weight": 3}


def test_elements_are_added_and_removed_by_id():
    out = merge(PARENT, {"elements": [{"id": "z", "weight": 1}, {"id": "y", "remove": True}]})
    assert [e["id"] for e in out["elements"]] == ["x", "z"]


def test_nested_options_merge_key_by_key_and_id_tables_by_id():
    out = merge(PARENT, {"checks": {"metadata": {"deadline": "03-01"},
                                    "timeliness": {"terms": [{"id": "b", "pattern": "丙"}, {"id": "c", "pattern": "丁"}]}}})
    assert out["checks"]["metadata"] == {"deadline": "03-01", "title_terms": "法治"}
    assert out["checks"]["timeliness"]["terms"] == [{"id": "a", "pattern": "甲"}, {"id": "b", "pattern": "丙"},
                                                    {"id": "c", "pattern": "丁"}]


def test_plain_lists_replace_and_null_clears():
    out = merge(PARENT, {"elements": [{"id": "x", "evidence": ["三"]}], "gate": None})
    assert out["elements"][0]["evidence"] == ["三"] and out["gate"] is None


def test_identity_is_not_inherited_and_the_parent_is_untouched():
    before = repr(PARENT)
    out = merge(PARENT, {"elements": [{"id": "x", "weight": 1}]})
    assert "id" not in out and "name" not in out and "version" not in out
    assert repr(PARENT) == before


def test_a_rulebook_without_an_id_is_named_after_its_file(tmp_path):
    f = tmp_path / "my-city.yaml"
    f.write_text("extends: national-2021\nname: 某市\n", encoding="utf-8")
    assert load_rulebook(str(f)).id == "my-city"


def test_extends_a_file_beside_it_and_cycles(tmp_path):
    (tmp_path / "a.yaml").write_text("extends: b.yaml\nid: a\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\nid: b\n", encoding="utf-8")
    with pytest.raises(RulebookError, match="循环"):
        load_rulebook(str(tmp_path / "a.yaml"))
    (tmp_path / "c.yaml").write_text("extends: national-2015\nid: c\nname: 丙\n", encoding="utf-8")
    (tmp_path / "d.yaml").write_text("extends: c.yaml\nid: d\nname: 丁\nelements:\n  - id: capacity\n    weight: 9\n",
                                     encoding="utf-8")
    book = load_rulebook(str(tmp_path / "d.yaml"))
    assert book.element("capacity").weight == 9 and "emergency" not in {e.id for e in book.elements}


def test_missing_parent_names_it(tmp_path):
    f = tmp_path / "x.yaml"
    f.write_text("extends: national-1999\n", encoding="utf-8")
    with pytest.raises(RulebookError, match="national-1999"):
        load_rulebook(str(f))


# ---------- the shipped example ----------

@pytest.fixture(scope="module")
def example():
    return load_rulebook(EXAMPLE)


def test_the_example_changes_only_what_it_says(example):
    national = load_rulebook("national-2021")
    assert example.id == "example-province-department" and example.min_score == 70
    assert example.element("emergency").weight == 1 and example.element("openness").weight == 5
    assert example.element("inspection_rectification").weight == 4
    same = [e.id for e in national.elements if e.id not in ("emergency", "openness")]
    for eid in same:
        assert example.element(eid).raw == national.element(eid).raw
    rows = [r["id"] for r in example.raw["checks"]["timeliness"]["terms"]]
    assert rows[:-1] == [r["id"] for r in national.raw["checks"]["timeliness"]["terms"]]
    assert rows[-1] == "department-review"


def test_a_department_deadline_of_march_1_with_a_penalty(example):
    """001 re-dated 2025-03-10: on time for the national rule (4月1日), late for the province (3月1日),
    and the province takes 2 points off for it."""
    text = SEED["001"].read_text(encoding="utf-8").replace("2024年12月25日", "2025年3月10日")
    national = check_text(text)
    local = check_text(text, rules=EXAMPLE)
    assert not [f for f in national.findings if f.rule.startswith("metadata.date")]
    late = [f for f in local.findings if f.rule == "metadata.date-late"]
    assert len(late) == 1 and "2025年3月1日" in late[0].message and "扣 2 分" in late[0].message
    assert local.score == round(sum(e.points for e in local.elements) - 2, 1)


def test_the_leader_must_sign(example):
    r = evaluate(load(SEED["001"]), example)
    assert "phrases.leader-signs" in {f.rule for f in r.findings}
    text = SEED["001"].read_text(encoding="utf-8").replace("黄花店镇人民政府\n", "本报告经镇党委会议审议通过，由主要负责人签发。\n黄花店镇人民政府\n")
    assert "phrases.leader-signs" not in {f.rule for f in check_text(text, rules=EXAMPLE).findings}


def test_causes_penalty_and_department_review_row(example):
    r = evaluate(load(SEED["002"]), example)
    no_causes = next(f for f in r.findings if f.rule == "cause_analysis.no-causes")
    assert "扣 3 分" in no_causes.message
    text = "2024年度法治政府建设情况报告\n一、主要举措和成效\n（一）化解行政争议。全年受理行政复议案件12件，全部审结。\n"
    assert "timeliness.department-review" in {f.rule for f in check_text(text, rules=EXAMPLE).findings}
    as_respondent = text.replace("全年受理行政复议案件12件", "作为被申请人办理行政复议答复12件")
    assert "timeliness.department-review" not in {f.rule for f in check_text(as_respondent, rules=EXAMPLE).findings}
