"""The terminal scorecard: what a reviewer reads first."""

from __future__ import annotations

import os

from checker.document.kinds import kind_name
from checker.render.escape import line_start
from checker.render.escape import terminal as t
from checker.render.labels import SEVERITY, STATUS, line_position, lines_label, position, verdict
from checker.render.textwidth import clip, pad, width

_COLOURS = {"present": "32", "partial": "33", "missing": "31", "error": "31", "warning": "33", "info": "36",
            "pass": "32", "fail": "31"}


def _clip_left(s: str, cells: int) -> str:
    """Keep the end of a path (the file name tells reports apart), marking the cut with an ellipsis."""
    return s if width(s) <= cells else "…" + clip(s[::-1], cells - 1)[:-1][::-1]


class Renderer:
    def __init__(self, out):
        self.out = out
        self.colour = hasattr(out, "isatty") and out.isatty() and not os.environ.get("NO_COLOR")
        self.summary_only = False  # a batch whose outputs are files: print only the summary table
        self.rows = None  # the batch summary's rows, spooled to disk (see render.summary)

    def _c(self, key: str, text: str) -> str:
        return f"\033[{_COLOURS[key]}m{text}\033[0m" if self.colour else text

    def start(self, total: int) -> None:
        from checker.render.summary import RowSpool

        self.total = total
        self.rows = RowSpool() if total > 1 else None

    def add(self, outcome) -> None:
        if self.rows is not None:
            from checker.render.summary import row_of

            self.rows.append(row_of(outcome))
        if self.summary_only or outcome.report is None:  # an error's message itself went to stderr
            return
        w = self.out.write
        r = outcome.report
        m = r.metadata
        w(f"法治政府建设年度报告审查 —— {t(r.file)}\n")
        w(f"标题：{t(m.title) or '（未识别）'}\n")
        w(f"单位：{t(m.issuer) or '（未识别）'}    年度：{m.year or '（未识别）'}    落款日期：{m.date or '（未识别）'}\n")
        if not m.is_annual_report:
            w(self._c("error", f"判断：文件类型为{kind_name(m.kind)}") + f"（{t(m.doc_type_reason)}）\n")
        w(f"规则集：{t(r.rulebook_id)} {t(r.rulebook_version)}（{t(r.rulebook_name)}；{t(r.rulebook_reason)}）\n")
        if r.rulebook_notice:
            w(self._c("warning", "注意：") + f"{t(r.rulebook_notice)}\n")
        tag = self._c("pass" if r.passed else "fail", verdict(r.passed))
        w(f"得分：{r.score:g} / 100    等级：{r.grade}    结论：{tag}（合格线 {r.min_score:g}）\n")
        for reason in r.gate_reasons:
            w(f"  未通过原因：{t(reason)}\n")
        w("\n")
        w(pad("要素", 32) + pad("状态", 10) + pad("得分", 12) + "证据位置\n")
        w("-" * 78 + "\n")
        for e in r.elements:
            name = t(e.name) + ("（必备）" if e.mandatory else "")
            status = self._c(e.status, pad(STATUS[e.status], 10))
            pts = f"{e.points:g}/{e.max_points:g}"
            w(line_start(pad(clip(name, 31), 32)) + status + pad(pts, 12) + lines_label(e.evidence) + "\n")
        weak = [e for e in r.elements if e.status != "present"]
        if weak:
            w("\n修改建议：\n")
            for e in weak:
                w(f"  ● {t(e.name)}（{STATUS[e.status]}）：{t(e.reason)}\n")
                if e.advice:
                    w(f"    建议：{t(e.advice)}\n")
                if e.basis:
                    w(f"    依据：{t(e.basis)}\n")
        strong = [e for e in r.elements if e.status == "present"]
        if strong:
            w("\n证据摘录：\n")
            for e in strong:
                if e.evidence:
                    ev = e.evidence[0]
                    w(f"  ● {t(e.name)}：{position(ev)}「{clip(t(ev.text), 60)}」\n")
        if r.promises is not None:  # last year's promises (check track, or a batch with last year's report)
            from checker.track.show import text_lines

            w("\n" + "\n".join(text_lines(r)) + "\n")
        if r.findings:
            w("\n发现的问题：\n")
            for f in r.findings:
                where = line_position(f.line, r.line_pages) + " " if f.line else ""
                w(f"  [{self._c(f.severity, SEVERITY[f.severity])}] {where}{t(f.message)}（{t(f.rule)}）\n")
        if r.similar is not None:
            self._similar(r)
        w("\n")

    def _similar(self, r) -> None:
        """Copied text across the batch (checker.across.similar): each other report, its passages."""
        w = self.out.write
        if not r.similar:
            w("\n文字雷同：未发现与本批其他报告雷同的段落\n")
            return
        w(f"\n文字雷同（只提示，不计分）：正文约 {r.similar_share:.0%} 与本批其他报告相同或近似\n")
        for o in r.similar:
            rel = {"same_body": "，同一单位其他年度", "other_body": "，其他单位"}.get(o.get("relation"), "")
            w(f"  ● {t(o['file'])}（{o['share']:.0%}{rel}）\n")
            for p in o["passages"][:10]:
                w(f"    {line_position(p['line'], r.line_pages)}（对方第{p['other_line']}行）「{clip(t(p['text']), 60)}」\n")
            if len(o["passages"]) > 10:
                w(f"    ……另有 {len(o['passages']) - 10} 段\n")

    def finish(self) -> None:
        """The batch summary: one line per input, then the totals."""
        if self.rows is None:
            return
        from checker.render.summary import UNREADABLE

        w = self.out.write
        cols = (("文件", 30), ("单位", 22), ("年度", 6), ("得分", 7), ("等级", 6), ("结论", 10))
        w("汇总\n" + "=" * 110 + "\n")
        w("".join(pad(name, width) for name, width in cols) + "未达标的必备要素\n")
        w("-" * 110 + "\n")
        counts = {"通过": 0, "未通过": 0, UNREADABLE: 0}
        n_scored, score_sum = 0, 0.0
        for row in self.rows:
            counts[row.verdict] = counts.get(row.verdict, 0) + 1
            if row.score is not None:
                n_scored, score_sum = n_scored + 1, score_sum + row.score
            tag = "pass" if row.passed else "fail"
            cells = (_clip_left(t(row.file), 29), clip(t(row.issuer) or "—", 21), str(row.year or "—"),
                     "—" if row.score is None else f"{row.score:g}", row.grade or "—")
            line = line_start("".join(pad(c, width) for c, (_, width) in zip(cells, cols)))
            tail = t(row.mandatory_missing) or ("—" if row.verdict != UNREADABLE else clip(t(row.note.split(": ", 1)[-1]), 60))
            w(line + self._c(tag, pad(row.verdict, 10)) + tail + "\n")
        self.rows.close()
        w("-" * 110 + "\n")
        mean = f"，平均分 {score_sum / n_scored:.1f}" if n_scored else ""
        w(f"共 {sum(counts.values())} 份：通过 {counts['通过']}，未通过 {counts['未通过']}，"
          f"无法读取 {counts[UNREADABLE]}{mean}\n")
