"""Configuration: discovery from the working directory upward, precedence (flags over file over
defaults), `check config` naming each value's source, and errors naming the file and the key."""

import json

import pytest

from checker.cli.main import main
from checker.cli.config import find_config, load_config
from conftest import SEED


def run(args, capsys):
    with pytest.raises(SystemExit) as e:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return e.value.code, out, err


def test_found_from_a_subfolder_upward_yaml_before_pyproject(tmp_path, monkeypatch):
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text("[tool.check]\nmin_score = 70\n", encoding="utf-8")
    assert find_config(sub) == tmp_path / "pyproject.toml"
    (tmp_path / "a" / ".check.yaml").write_text("min_score: 80\n", encoding="utf-8")
    assert find_config(sub) == tmp_path / "a" / ".check.yaml"
    monkeypatch.chdir(sub)
    assert load_config().values["min_score"] == 80.0


def test_a_pyproject_without_tool_check_is_passed_over(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.check]\nfail_level = 'warning'\n", encoding="utf-8")
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert find_config(tmp_path / "pkg") == tmp_path / "pyproject.toml"


def test_file_sets_the_gate_and_flags_override_it(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".check.yaml").write_text("min_score: 95\n", encoding="utf-8")
    code, out, _ = run([SEED["001"], "-f", "json"], capsys)  # 81 points, passes at the default 60
    d = json.loads(out)
    assert code == 1 and d["gate"]["min_score"] == 95
    code, out, _ = run([SEED["001"], "-f", "json", "--min-score", "60"], capsys)
    assert code == 0 and json.loads(out)["gate"]["min_score"] == 60


def test_mandatory_and_skip_from_pyproject(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.check]\nmandatory = ["measures", "emergency"]\nskip = ["digital"]\nformat = ["json"]\n', encoding="utf-8")
    code, out, _ = run([SEED["001"]], capsys)  # format json from the file
    d = json.loads(out)
    ids = {e["id"]: e for e in d["elements"]}
    assert "digital" not in ids
    assert [i for i, e in ids.items() if e["mandatory"]] == ["measures", "emergency"]
    assert ids["emergency"]["status"] != "present" and code == 1  # now a mandatory element is missing


def test_output_folder_and_formats_from_the_file_are_relative_to_it(tmp_path, monkeypatch, capsys):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".check.yaml").write_text("format: csv\noutput: review\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "sub")
    code, out, _ = run([SEED["001"], SEED["003"]], capsys)
    assert (tmp_path / "review" / "summary.csv").is_file() and "共 2 份" in out


def test_check_config_shows_values_and_sources(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".check.yaml").write_text("min_score: 75\nfail_level: warning\n", encoding="utf-8")
    code, out, _ = run(["config"], capsys)
    assert code == 0 and str(tmp_path / ".check.yaml") in out
    line = next(l for l in out.splitlines() if l.strip().startswith("min_score"))
    assert "75" in line and str(tmp_path / ".check.yaml") in line
    line = next(l for l in out.splitlines() if l.strip().startswith("output"))
    assert "默认值" in line
    code, out, _ = run(["config", "--json"], capsys)
    d = json.loads(out)
    assert d["values"]["fail_level"] == {"value": "warning", "source": str(tmp_path / ".check.yaml")}


@pytest.mark.parametrize("name,text,key", [
    (".check.yaml", "min_scor: 70\n", "min_scor"),
    (".check.yaml", "min_score: 170\n", "min_score"),
    (".check.yaml", "fail_level: fatal\n", "fail_level"),
    (".check.yaml", "format: [text, odt]\n", "format"),
    (".check.yaml", "mandatory: 5\n", "mandatory"),
    (".check.yaml", "mandatory: [measures, no_such_element]\n", "mandatory"),
    ("pyproject.toml", "[tool.check]\nrules = 3\n", "rules"),
    ("pyproject.toml", "[tool.check]\njobs = -1\n", "jobs"),
])
def test_bad_config_is_one_line_naming_file_and_key(tmp_path, monkeypatch, capsys, name, text, key):
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text(text, encoding="utf-8")
    code, out, err = run([SEED["001"]], capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and str(tmp_path / name) in err and key in err and "Traceback" not in err


def test_broken_yaml_names_the_file(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".check.yaml").write_text("min_score: [70\n", encoding="utf-8")
    code, _, err = run(["config"], capsys)
    assert code == 2 and str(tmp_path / ".check.yaml") in err and err.count("\n") == 1


def test_explicit_config_flag(tmp_path, capsys):
    cfg = tmp_path / "gate.yaml"
    cfg.write_text("min_score: 99\n", encoding="utf-8")
    code, out, _ = run([SEED["001"], "--config", cfg, "-f", "json"], capsys)
    assert code == 1 and json.loads(out)["gate"]["min_score"] == 99


def test_fail_level_from_the_file_and_the_flag(tmp_path, monkeypatch, capsys):
    """Seed 001 passes, with warnings only: fail_level warning fails it, error does not."""
    monkeypatch.chdir(tmp_path)
    report = json.loads(run([SEED["001"], "-f", "json"], capsys)[1])
    assert report["passed"] and {f["severity"] for f in report["findings"]} == {"warning"}
    (tmp_path / ".check.yaml").write_text("fail_level: warning\n", encoding="utf-8")
    code, out, _ = run([SEED["001"], "-f", "json"], capsys)
    assert code == 1 and any("警告" in r for r in json.loads(out)["gate"]["reasons"])
    assert run([SEED["001"], "--fail-level", "error"], capsys)[0] == 0  # the flag wins


def test_other_spellings_of_keys(tmp_path):
    (tmp_path / ".check.yaml").write_text("rulebook: national-2015\nformats: [json, csv]\noutput-dir: out\nmin-score: 70\n",
                                          encoding="utf-8")
    cfg = load_config(start=tmp_path)
    assert cfg.values == {"rules": "national-2015", "format": ["json", "csv"], "output": str(tmp_path / "out"),
                          "min_score": 70.0}
