"""The JSON contract: one object for one file; {"reports": [...], "summary": {...}} for several,
streamed item by item."""

from __future__ import annotations

import json

import regex

_SURROGATE = regex.compile(r"[\ud800-\udfff]")


def dumps(d, **kw) -> str:
    """``json.dumps`` whose text any UTF-8 stream accepts: a lone surrogate (the undecodable
    bytes of a file name that is not valid UTF-8) would abort the write halfway, so it is
    written as its JSON escape (``\\udcff``), which reads back as the same name."""
    text = json.dumps(d, ensure_ascii=False, **kw)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m[0]):04x}", text) if _SURROGATE.search(text) else text


def outcome_dict(outcome) -> dict:
    if outcome.report is not None:
        d = outcome.report.to_dict()
        if outcome.outputs:
            d["outputs"] = outcome.outputs
        if outcome.error:  # checked, but an output could not be written
            d["output_error"] = outcome.error
        return d
    return {"file": outcome.path, "error": outcome.error}


class Renderer:
    def __init__(self, out):
        self.out = out
        self.count = 0
        self.passed = self.failed = self.errors = 0
        self.score_sum = 0.0

    def start(self, total: int) -> None:
        self.single = total == 1
        if not self.single:
            self.out.write('{"reports": [\n')

    def add(self, outcome) -> None:
        broken = False
        try:
            d = outcome_dict(outcome)
            text = dumps(d, indent=2) if self.single else dumps(d)
        except Exception as e:  # noqa: BLE001 - one report must not cut the JSON of the others
            from checker.errors import clip

            broken = True
            d = {"file": outcome.path, "error": clip(f"{outcome.path}: 无法输出 JSON（内部错误 {type(e).__name__}: {e}）")}
            text = dumps(d, indent=2) if self.single else dumps(d)
        if broken or outcome.report is None:
            self.errors += 1
        else:
            self.score_sum += outcome.report.score
            if outcome.report.passed:
                self.passed += 1
            else:
                self.failed += 1
        if self.single:
            self.out.write(text + "\n")
        else:
            self.out.write(("" if self.count == 0 else ",\n") + text)
        self.count += 1

    def finish(self) -> None:
        if self.single:
            return
        checked = self.passed + self.failed
        summary = {
            "total": self.count,
            "passed": self.passed,
            "failed": self.failed,
            "errors": self.errors,
            "mean_score": round(self.score_sum / checked, 1) if checked else None,
        }
        self.out.write("\n], \"summary\": " + json.dumps(summary, ensure_ascii=False) + "}\n")
