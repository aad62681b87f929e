"""Text in every encoding a Chinese office uses: the encoding read is reported in the JSON
metadata, and ``--encoding`` overrides the detection."""

from __future__ import annotations

import json

import pytest

from checker.cli.main import main
from conftest import SEED

BIG5_REPORT = """2022年法治政府建設年度報告
一、主要舉措和成效
本縣堅持以習近平法治思想為指導，全面推進依法行政，嚴格規範公正文明執法，健全重大行政決策程序，強化行政權力制約和監督，依法有效化解社會矛盾糾紛，法治政府建設取得新進展。
二、存在的不足和原因
一是法治宣傳教育不夠深入；二是行政執法隊伍專業化水平有待提高。原因主要是思想認識不到位、工作機制不健全。
三、下一年度工作安排
我們將繼續深入學習貫徹習近平法治思想，加強法治政府建設，推動各項工作再上新台階。
"""


def _json(args, capsys):
    with pytest.raises(SystemExit) as e:
        main([str(a) for a in args] + ["-f", "json"])
    out, err = capsys.readouterr()
    return e.value.code, (json.loads(out) if out.strip() else None), err


@pytest.mark.parametrize("codec,bom,reported", [
    ("utf-8", b"", "utf-8"),
    ("utf-8", b"\xef\xbb\xbf", "utf-8 (BOM)"),
    ("utf-16-le", b"\xff\xfe", "utf-16 (BOM)"),
    ("utf-16-be", b"\xfe\xff", "utf-16 (BOM)"),
    ("gb18030", b"", "gb18030"),
    ("gbk", b"", "gb18030"),
])
def test_seed_in_each_encoding_reports_it_and_scores_the_same(tmp_path, capsys, codec, bom, reported):
    text = SEED["001"].read_text(encoding="utf-8")
    path = tmp_path / "r.txt"
    path.write_bytes(bom + text.encode(codec))
    code, data, _ = _json([path, "-o", tmp_path], capsys)
    _, base, _ = _json([SEED["001"], "-o", tmp_path], capsys)
    assert data["metadata"]["encoding"] == reported
    assert [(e["id"], e["status"]) for e in data["elements"]] == [(e["id"], e["status"]) for e in base["elements"]]


def test_big5_is_detected(tmp_path, capsys):
    path = tmp_path / "big5.md"
    path.write_bytes(BIG5_REPORT.encode("big5"))
    code, data, err = _json([path, "-o", tmp_path], capsys)
    assert data["metadata"]["encoding"] == "big5" and data["metadata"]["year"] == 2022
    assert any(e["status"] != "missing" for e in data["elements"])


def test_encoding_option_overrides_detection(tmp_path, capsys):
    path = tmp_path / "big5.txt"
    path.write_bytes(BIG5_REPORT.encode("big5"))
    code, data, _ = _json([path, "--encoding", "big5", "-o", tmp_path], capsys)
    assert data["metadata"]["encoding"] == "big5"
    code, data, err = _json([path, "--encoding", "utf-8", "-o", tmp_path], capsys)
    assert code == 2
    assert str(path) in err and "utf-8" in err and err.count("\n") == 1


def test_plain_text_never_loads_the_other_readers():
    """Readers are imported lazily: checking a .txt costs nothing for Word, PDF or HTML support,
    nor for the traditional-character converter (a simplified report never needs it)."""
    import subprocess
    import sys

    from conftest import ROOT

    code = ("import sys; from checker.pipeline import Options, check_file; "
            f"o = check_file({str(SEED['001'])!r}, Options()); assert o.report; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'pypdfium2', 'selectolax', 'lxml', 'pypdf', 'opencc')"
            " or m in ('checker.ingest.docx', 'checker.ingest.pdf', 'checker.ingest.html', 'checker.noise.runon')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out.strip() == "[]"
