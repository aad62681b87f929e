"""The national rulebook: the contract ids, complete fields, sane weights, compiled patterns."""

import pytest

from checker.errors import RulebookError
from checker.paths import RULES_DIR
from checker.rulebook.model import compile_rulebook, load_rulebook, read_yaml

CONTRACT = {
    "functions": "职能履行", "decision": "依法决策", "enforcement": "严格执法", "oversight": "监督",
    "disputes": "矛盾化解", "shortcomings": "存在", "next_steps": "下", "first_responsible": "第一责任人",
}
PARTS = {"measures", "causes", "institutions", "emergency", "openness", "digital", "party_leadership"}


def test_contract_ids_are_all_there(book):
    ids = [e.id for e in book.elements]
    assert len(ids) == len(set(ids))
    assert set(CONTRACT) | PARTS <= set(ids)
    assert all(i.isascii() for i in ids)


def test_names_are_chinese_and_match_the_contract_meaning(book):
    names = {e.id: e.name for e in book.elements}
    assert "职能" in names["functions"] and "决策" in names["decision"] and "执法" in names["enforcement"]
    assert "监督" in names["oversight"] and "矛盾" in names["disputes"] and "不足" in names["shortcomings"]
    assert "下一年度" in names["next_steps"] and "第一责任人" in names["first_responsible"]


def test_every_element_is_complete(book):
    for e in book.elements:
        assert e.basis and "《" in e.basis, e.id
        assert e.weight > 0 and e.advice and e.examples.get("pass") and e.examples.get("fail"), e.id
        # causes are counted over the whole 不足 part: a heading saying 原因 is no evidence of them
        assert e.headings is not None or e.part or e.present_if_work_sections or e.count_in == "part", e.id


def test_the_four_report_parts_are_mandatory(book):
    mandatory = {e.id for e in book.elements if e.mandatory}
    assert {"measures", "shortcomings", "causes", "first_responsible", "next_steps"} == mandatory


def test_weights_make_100_points(book):
    assert sum(e.weight for e in book.elements) == 100
    assert book.grade(90) == "优" and book.grade(89.9) == "良" and book.grade(60) == "中" and book.grade(59) == "差"


def test_rulebook_is_compiled_once(book):
    assert load_rulebook("national-2021") is book


def test_bad_pattern_names_the_rule(tmp_path):
    data = read_yaml(RULES_DIR / "national-2021.yaml")
    data["elements"][0]["headings"] = ["(unclosed"]
    with pytest.raises(RulebookError, match="measures"):
        compile_rulebook(data, tmp_path / "x.yaml")


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    f = tmp_path / "bad.yaml"
    f.write_text("id: x\nelements:\n  - id: a\n   name: [\n", encoding="utf-8")
    with pytest.raises(RulebookError) as e:
        load_rulebook(str(f))
    assert "bad.yaml:" in str(e.value) and "YAML" in str(e.value)
