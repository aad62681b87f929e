"""The terminal scorecard: what a reviewer reads first."""

from __future__ import annotations

import os

from checker.render.labels import SEVERITY, STATUS, lines_label, verdict
from checker.render.textwidth import clip, pad

_COLOURS = {"present": "32", "partial": "33", "missing": "31", "error": "31", "warning": "33", "info": "36",
            "pass": "32", "fail": "31"}


class Renderer:
    def __init__(self, out):
        self.out = out
        self.colour = hasattr(out, "isatty") and out.isatty() and not os.environ.get("NO_COLOR")
        self.rows: list[tuple] = []  # for the batch summary: small tuples only

    def _c(self, key: str, text: str) -> str:
        return f"\033[{_COLOURS[key]}m{text}\033[0m" if self.colour else text

    def start(self, total: int) -> None:
        self.total = total

    def add(self, outcome) -> None:
        w = self.out.write
        if outcome.report is None:  # the message itself went to stderr
            self.rows.append((outcome.path, None, None, None, None, "无法读取", ""))
            return
        r = outcome.report
        m = r.metadata
        w(f"法治政府建设年度报告审查 —— {r.file}\n")
        w(f"标题：{m.title or '（未识别）'}\n")
        w(f"单位：{m.issuer or '（未识别）'}    年度：{m.year or '（未识别）'}    落款日期：{m.date or '（未识别）'}\n")
        if not m.is_annual_report:
            w(self._c("error", "判断：这不是法治政府建设年度报告") + f"（{m.doc_type_reason}）\n")
        w(f"规则集：{r.rulebook_id} {r.rulebook_version}（{r.rulebook_name}；{r.rulebook_reason}）\n")
        tag = self._c("pass" if r.passed else "fail", verdict(r.passed))
        w(f"得分：{r.score:g} / 100    等级：{r.grade}    结论：{tag}（合格线 {r.min_score:g}）\n")
        for reason in r.gate_reasons:
            w(f"  未通过原因：{reason}\n")
        w("\n")
        w(pad("要素", 32) + pad("状态", 10) + pad("得分", 12) + "证据位置\n")
        w("-" * 78 + "\n")
        for e in r.elements:
            name = e.name + ("（必备）" if e.mandatory else "")
            status = self._c(e.status, pad(STATUS[e.status], 10))
            pts = f"{e.points:g}/{e.max_points:g}"
            w(pad(clip(name, 31), 32) + status + pad(pts, 12) + lines_label(e.evidence) + "\n")
        weak = [e for e in r.elements if e.status != "present"]
        if weak:
            w("\n修改建议：\n")
            for e in weak:
                w(f"  ● {e.name}（{STATUS[e.status]}）：{e.reason}\n")
                if e.advice:
                    w(f"    建议：{e.advice}\n")
                if e.basis:
                    w(f"    依据：{e.basis}\n")
        strong = [e for e in r.elements if e.status == "present"]
        if strong:
            w("\n证据摘录：\n")
            for e in strong:
                if e.evidence:
                    ev = e.evidence[0]
                    w(f"  ● {e.name}：第{ev.line}行「{clip(ev.text, 60)}」\n")
        if r.findings:
            w("\n发现的问题：\n")
            for f in r.findings:
                where = f"第{f.line}行 " if f.line else ""
                w(f"  [{self._c(f.severity, SEVERITY[f.severity])}] {where}{f.message}（{f.rule}）\n")
        w("\n")
        missing = "、".join(e.name for e in r.elements if e.mandatory and e.status != "present")
        self.rows.append((r.file, m.issuer, m.year, r.score, r.grade, verdict(r.passed), missing))

    def finish(self) -> None:
        if len(self.rows) < 2:
            return
        w = self.out.write
        w("汇总\n" + "=" * 100 + "\n")
        w(pad("文件", 30) + pad("单位", 20) + pad("年度", 6) + pad("得分", 7) + pad("等级", 6) + pad("结论", 10)
          + "未达标的必备要素\n")
        for file, issuer, year, score, grade, verd, missing in self.rows:
            w(pad(clip(os.path.basename(file), 29), 30) + pad(clip(issuer or "—", 19), 20) + pad(str(year or "—"), 6)
              + pad("—" if score is None else f"{score:g}", 7) + pad(grade or "—", 6) + pad(verd, 10) + (missing or "—")
              + "\n")
        ok = sum(1 for r in self.rows if r[5] == "通过")
        bad = sum(1 for r in self.rows if r[5] == "未通过")
        err = sum(1 for r in self.rows if r[5] == "无法读取")
        w(f"共 {len(self.rows)} 份：通过 {ok}，未通过 {bad}，无法读取 {err}\n")
