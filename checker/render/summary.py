"""One small row per report for the batch outputs (terminal summary, CSV, dashboard), and a
spool that keeps those rows on disk, so a batch of 100,000 reports does not grow in memory."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import astuple, dataclass
from pathlib import Path

from checker.render.labels import verdict

UNREADABLE = "无法读取"
COLUMNS = ("文件", "单位", "年度", "得分", "等级", "结论", "未达标的必备要素", "部分覆盖或缺失的要素", "说明")


@dataclass
class Row:
    file: str
    issuer: str | None = None
    year: int | None = None
    score: float | None = None
    grade: str | None = None
    verdict: str = UNREADABLE
    mandatory_missing: str = ""  # 、-joined names of mandatory elements not present
    weak: str = ""  # other elements partial or missing
    note: str = ""  # gate reasons, or the error for an unreadable input
    passed: bool = False
    stem: str = ""  # output file name of the report's scorecard
    similar_share: float | None = None  # share of the body found in other reports of the batch (None: not looked)
    similar: tuple = ()  # (file, share, relation) of the closest other reports
    element_status: tuple = ()  # (id, name, status) per element, for the dashboard's counts

    def cells(self) -> list[str]:
        """The printable columns, in COLUMNS order."""
        return [self.file, self.issuer or "", "" if self.year is None else str(self.year),
                "" if self.score is None else f"{self.score:g}", self.grade or "", self.verdict,
                self.mandatory_missing, self.weak, self.note]


def row_of(outcome) -> Row:
    r = outcome.report
    if r is None:
        return Row(file=outcome.path, note=outcome.error or "")
    m = r.metadata
    return Row(
        file=r.file, issuer=m.issuer, year=m.year, score=r.score, grade=r.grade, verdict=verdict(r.passed),
        mandatory_missing="、".join(e.name for e in r.elements if e.mandatory and e.status != "present"),
        weak="、".join(e.name for e in r.elements if not e.mandatory and e.status != "present"),
        note="；".join(r.gate_reasons + ([f"规则集 {r.rulebook_id} 的依据期已结束"] if r.rulebook_notice else []))
        + (f"；{outcome.error}" if outcome.error else ""),
        passed=r.passed, stem=r.stem, similar_share=getattr(r, "similar_share", None),
        similar=tuple((s["file"], s["share"], s.get("relation")) for s in getattr(r, "similar", None) or ()),
        element_status=tuple((e.id, e.name, e.status) for e in r.elements),
    )


class RowSpool:
    """Rows appended as JSON lines to a temporary file, read back in order at the end."""

    def __init__(self):
        # surrogatepass: a file name's undecodable bytes (lone surrogates) round-trip unchanged
        self._f = tempfile.TemporaryFile("w+", encoding="utf-8", errors="surrogatepass")
        self.count = 0

    def append(self, row: Row) -> None:
        self._f.write(json.dumps(astuple(row), ensure_ascii=False) + "\n")
        self.count += 1

    def __iter__(self):
        self._f.flush()
        self._f.seek(0)
        for line in self._f:
            fields = json.loads(line)
            fields[-1] = tuple(tuple(x) for x in fields[-1])
            fields[-2] = tuple(tuple(x) for x in fields[-2])
            yield Row(*fields)
        self._f.seek(0, os.SEEK_END)

    def close(self) -> None:
        self._f.close()


class AtomicFile:
    """A text file written piece by piece and renamed into place on ``commit`` (the streaming
    counterpart of ``write_atomic``): an interrupted run never leaves half a file."""

    def __init__(self, path: Path, encoding: str = "utf-8", newline: str | None = None):
        from checker.render import make_folder, output_error, temp_file

        self.path = Path(path)
        make_folder(self.path.parent)
        try:
            fd, self._tmp = temp_file(self.path.parent)
        except OSError as e:
            raise output_error(self.path, e) from None
        # backslashreplace: an undecodable byte of a file name is written as \udcff, never an error
        self.f = os.fdopen(fd, "w", encoding=encoding, newline=newline, errors="backslashreplace")

    def write(self, s: str) -> None:
        try:
            self.f.write(s)
        except OSError as e:
            self._fail(e)

    def commit(self) -> Path:
        """Rename into place; replaces a symbolic link of that name rather than following it."""
        try:
            self.f.close()
            os.replace(self._tmp, self.path)
        except OSError as e:
            self._fail(e)
        return self.path

    def _fail(self, e: OSError):
        from checker.render import output_error

        self.abort()
        raise output_error(self.path, e) from None

    def abort(self) -> None:
        if not self.f.closed:
            try:
                self.f.close()
            except OSError:  # the buffer could not be flushed (disk full): the file goes anyway
                pass
        try:
            os.unlink(self._tmp)
        except OSError:
            pass
