"""The batch summary as CSV, UTF-8 with a byte-order mark so that Excel and WPS open the
Chinese text right; one row per input, unreadable inputs included (结论 = 无法读取). A cell
that a spreadsheet would take for a formula (a file named ``=HYPERLINK(...).txt``) is written
as text (``checker.render.escape.csv_cell``)."""

from __future__ import annotations

import csv
from pathlib import Path

from checker.render.escape import csv_cell
from checker.render.summary import COLUMNS, AtomicFile, row_of

FILENAME = "summary.csv"
WRITES_FILE = True


class Renderer:
    def __init__(self, out, out_dir: Path | None = None):
        self.out = out
        self.path = Path(out_dir or "reports_out") / FILENAME

    def start(self, total: int) -> None:
        self.file = AtomicFile(self.path, encoding="utf-8-sig", newline="")
        self.writer = csv.writer(self.file)  # through AtomicFile.write: a failed write is an OutputError
        self.writer.writerow(COLUMNS)

    def add(self, outcome) -> None:
        self.writer.writerow([csv_cell(c) for c in row_of(outcome).cells()])

    def finish(self) -> None:
        self.file.commit()

    def abort(self) -> None:
        if getattr(self, "file", None) is not None:  # start() may not have run
            self.file.abort()
