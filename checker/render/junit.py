"""JUnit XML for CI test views (GitLab merge requests, Jenkins, Azure): one test suite per
report, one test case per element, a failure for each mandatory element not present, and one
more test case, 合格线, that fails exactly when the report fails the gate (so the CI view agrees
with the exit code). Suites are streamed to the file as reports arrive."""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape as _escape
from xml.sax.saxutils import quoteattr

from checker.render.labels import STATUS
from checker.render.summary import AtomicFile

FILENAME = "junit.xml"
WRITES_FILE = True
GATE_CASE = "合格线"


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0


def _clean(v) -> str:
    return _NOT_XML.sub("", str(v))


def _attrs(**kw) -> str:
    return "".join(f" {k}={quoteattr(_clean(v))}" for k, v in kw.items() if v is not None)


def escape(text) -> str:
    return _escape(_clean(text))


class Renderer:
    def __init__(self, out, out_dir: Path | None = None):
        self.out = out
        self.path = Path(out_dir or "reports_out") / FILENAME

    def start(self, total: int) -> None:
        self.file = AtomicFile(self.path)
        self.file.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="check">\n')

    def add(self, outcome) -> None:
        w = self.file.write
        r = outcome.report
        if r is None:
            w(f"  <testsuite{_attrs(name=outcome.path, tests=1, failures=0, errors=1, skipped=0)}>\n")
            w(f"    <testcase{_attrs(classname=outcome.path, name='读取文件', file=outcome.path)}>\n")
            w(f"      <error{_attrs(message=outcome.error or '', type='input')}/>\n")
            w("    </testcase>\n  </testsuite>\n")
            return
        failing = [e for e in r.elements if e.mandatory and e.status != "present"]
        w(f"  <testsuite{_attrs(name=r.file, tests=len(r.elements) + 1, failures=len(failing) + (not r.passed), errors=0, skipped=0)}>\n")
        w("    <properties>\n")
        for k, v in (("score", f"{r.score:g}"), ("grade", r.grade), ("passed", str(r.passed).lower()),
                     ("issuer", r.metadata.issuer or ""), ("year", r.metadata.year or ""),
                     ("rulebook", f"{r.rulebook_id} {r.rulebook_version}")) + (
                        (("rulebook_notice", r.rulebook_notice),) if r.rulebook_notice else ()):
            w(f"      <property{_attrs(name=k, value=v)}/>\n")
        w("    </properties>\n")
        notice = f"\n规则集提示：{r.rulebook_notice}" if r.rulebook_notice else ""
        for e in r.elements:
            line = e.evidence[0].line if e.evidence else None
            w(f"    <testcase{_attrs(classname=r.file, name=f'{e.name}（{e.id}）', file=r.file, line=line)}>\n")
            detail = f"{STATUS[e.status]}：{e.reason}" + (f"\n建议：{e.advice}" if e.advice else "") + (
                f"\n依据：{e.basis}" if e.basis else "") + notice
            if e in failing:
                w(f"      <failure{_attrs(message=f'必备要素“{e.name}”{STATUS[e.status]}', type=e.status)}>"
                  f"{escape(detail)}</failure>\n")
            else:
                w(f"      <system-out>{escape(detail)}</system-out>\n")
            w("    </testcase>\n")
        w(f"    <testcase{_attrs(classname=r.file, name=GATE_CASE, file=r.file)}>\n")
        if not r.passed:
            w(f"      <failure{_attrs(message='；'.join(r.gate_reasons), type='gate')}>"
              f"{escape(f'得分 {r.score:g}，合格线 {r.min_score:g}' + notice)}</failure>\n")
        elif notice:
            w(f"      <system-out>{escape(notice.lstrip())}</system-out>\n")
        w("    </testcase>\n")
        if notice:
            w(f"    <system-out>{escape(notice.lstrip())}</system-out>\n")
        w("  </testsuite>\n")

    def finish(self) -> None:
        self.file.write("</testsuites>\n")
        self.file.commit()

    def abort(self) -> None:
        if getattr(self, "file", None) is not None:  # start() may not have run
            self.file.abort()
