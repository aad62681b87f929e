"""The CSV summary opened back with the csv module: BOM for Excel/WPS, one row per input."""

import csv
import shutil

import pytest

from checker.cli.main import main
from checker.render.summary import COLUMNS
from conftest import SEED, checked


def test_csv_summary_round_trips(tmp_path, capsys):
    d = tmp_path / "报告"
    d.mkdir()
    for key in ("001", "002", "003"):
        shutil.copy(SEED[key], d / SEED[key].name)
    (d / "空.txt").write_bytes(b"")
    with pytest.raises(SystemExit):
        main([str(d), "-f", "csv", "-o", str(tmp_path / "out")])
    capsys.readouterr()
    raw = (tmp_path / "out" / "summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(tmp_path / "out" / "summary.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == list(COLUMNS) and len(rows) == 4
    by_file = {r["文件"]: r for r in rows}
    for key in ("001", "002", "003"):
        report = checked(SEED[key])
        r = by_file[str(d / SEED[key].name)]
        assert float(r["得分"]) == report.score and r["等级"] == report.grade
        assert r["结论"] == ("通过" if report.passed else "未通过")
        assert r["年度"] == str(report.metadata.year) and r["单位"] == (report.metadata.issuer or "")
        assert r["未达标的必备要素"] == "、".join(e.name for e in report.elements if e.mandatory and e.status != "present")
    assert by_file[str(d / "空.txt")]["结论"] == "无法读取" and "文件为空" in by_file[str(d / "空.txt")]["说明"]
