"""The batch dashboard: index.html with the summary table, score distribution, element counts
and links to the scorecards; readable without script."""

import shutil
from html.parser import HTMLParser

import pytest

from checker.cli.main import main
from checker.pipeline import Options, check_file
from checker.render import output_stem
from conftest import SEED


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables, self.links, self.svg_rects, self._cell, self._row = [], [], 0, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "a":
            self.links.append(a["href"])
        elif tag == "rect":
            self.svg_rects += 1

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr":
            self.tables[-1].append(self._row)

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def test_dashboard_for_a_batch(tmp_path, capsys):
    d = tmp_path / "in"
    d.mkdir()
    for key in ("001", "002", "003", "004"):
        shutil.copy(SEED[key], d / SEED[key].name)
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as e:
        main([str(d), "-f", "html", "-o", str(out)])
    capsys.readouterr()
    assert e.value.code == 1
    page = Page()
    page.feed((out / "index.html").read_text(encoding="utf-8"))
    elements, reports = page.tables
    assert len(reports) == 5  # header + one row per report
    assert sorted(page.links) == sorted("./" + output_stem(str(d / SEED[k].name)) + ".html" for k in ("001", "002", "003", "004"))
    for link in page.links:
        assert (out / link).is_file()  # the per-report scorecards are there to link to
    verdicts = [r[5] for r in reports[1:]]
    assert verdicts.count("通过") == 2 and verdicts.count("未通过") == 2
    reports_ = [check_file(str(d / SEED[k].name), Options()).report for k in ("001", "002", "003", "004")]
    for row in elements[1:]:
        eid = row[0].rsplit("（", 1)[1].rstrip("）")
        statuses = [e.status for r in reports_ for e in r.elements if e.id == eid]
        assert (int(row[2]), int(row[4]), int(row[6])) == (
            statuses.count("missing"), statuses.count("partial"), statuses.count("present")), eid
    assert page.svg_rects == 10


def test_no_dashboard_for_one_report(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main([str(SEED["001"]), "-f", "html", "-o", str(tmp_path)])
    capsys.readouterr()
    assert not (tmp_path / "index.html").exists()
