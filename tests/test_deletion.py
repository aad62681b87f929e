"""Delete a section from a seed: the element it carried must drop off ``present``.

Each case names a section by the start of its heading and the elements that rest on it alone in
that report. (Where a report covers an element in two places, deleting one leaves it present,
rightly; those sections are not listed.)
"""

import pytest

from checker.judge.context import Context
from checker.document.model import build_document
from checker.judge.engine import evaluate
from conftest import SEED, statuses
from checker.ingest import load
from checker.document.normalize import normalize

CASES = [
    ("000", "一、依法全面履行政府职能", ["functions"]),
    ("000", "二、完善依法行政制度体系", ["institutions"]),
    ("000", "三、推进行政决策", ["decision"]),
    ("000", "四、坚持严格规范公正文明执法", ["enforcement"]),
    ("000", "五、强化对行政权力的制约和监督", ["oversight"]),
    ("000", "六、依法有效化解社会矛盾纠纷", ["disputes"]),
    ("000", "八、全面推进政务公开", ["openness"]),
    ("000", "十、存在的问题和不足", ["shortcomings", "causes"]),
    ("001", "一、2024年度推进法治政府建设的主要举措和成效", ["measures", "decision", "enforcement", "disputes"]),
    ("001", "二、2024年度推进法治政府建设存在的不足和原因", ["shortcomings", "causes"]),
    ("001", "三、2024年度党政主要负责人", ["first_responsible"]),
    ("001", "四、下一年度推进法治政府建设的主要安排", ["next_steps"]),
    ("001", "(二)建强法治队伍", ["enforcement"]),
    ("001", "(三)推进依法行政", ["decision"]),
    ("001", "(四)化解矛盾纠纷", ["disputes"]),
    ("002", "一、主要举措和成效", ["measures", "functions", "decision", "disputes"]),
    ("002", "三、下一步工作打算", ["next_steps"]),
    ("002", "(二)聚焦高效便民要求", ["functions"]),
    ("002", "(四)加强制度体系建设", ["institutions"]),
    ("002", "(六)聚焦平安五通桥建设", ["disputes"]),
    ("003", "一、依法行政工作开展情况", ["measures", "functions", "decision", "disputes", "institutions"]),
    ("003", "三、下步工作打算", ["next_steps"]),
    ("003", "(四)以规范抽象行政行为为基础", ["institutions"]),
    ("003", "(五)以严格履行行政复议", ["disputes"]),
    ("003", "4、全面推进政务公开", ["openness"]),
    ("004", "四、完善便民服务体系", ["functions"]),
    ("004", "(七)加强突发事件应对能力建设", ["emergency"]),
    ("004", "六、存在不足及下步打算", ["next_steps"]),
]


def delete_section(lines: list[str], book, heading: str) -> list[str]:
    """Remove the lines of the section whose heading starts with ``heading``."""
    ctx = Context.build(build_document(lines), book)
    target = normalize(heading)
    for sec in ctx.outline.sections():
        if sec.kind != "item" and sec.heading.startswith(target):
            first = ctx.sentences[sec.start].line
            last = ctx.sentences[sec.end].line - 1 if sec.end < len(ctx.sentences) else len(lines)
            return lines[: first - 1] + lines[last:]
    raise AssertionError(f"no section {heading!r}")


@pytest.mark.parametrize("key,heading,elements", CASES, ids=[f"{c[0]}-{c[1][:8]}" for c in CASES])
def test_deleting_a_section_takes_its_element_off_present(book, key, heading, elements):
    lines = load(SEED[key]).lines
    before = statuses(evaluate(build_document(lines), book))
    assert all(before[e] == "present" for e in elements), before
    trimmed = delete_section(lines, book, heading)
    assert len(trimmed) < len(lines)
    after = statuses(evaluate(build_document(trimmed), book))
    still_present = [e for e in elements if after[e] == "present"]
    assert not still_present, after


def test_deleting_every_work_section_leaves_no_work_element_present(book):
    """A report reduced to its shortcomings and plans has no work done to score."""
    lines = load(SEED["001"]).lines
    for heading in ("一、2024年度推进法治政府建设的主要举措和成效", "三、2024年度党政主要负责人"):
        lines = delete_section(lines, book, heading)
    after = statuses(evaluate(build_document(lines), book))
    for eid in ("measures", "functions", "decision", "enforcement", "oversight", "disputes", "first_responsible"):
        assert after[eid] != "present", eid
    assert after["shortcomings"] == "present" and after["next_steps"] == "present"
