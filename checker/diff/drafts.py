"""Read and check the two drafts with one rulebook, then compare them.

The old draft chooses the rulebook (by its report year, or ``--rules``) and the new draft is
judged by the same one: a difference must come from the text, never from a change of rulebook
(a revision that also changed the year would otherwise be scored by other rules).
"""

from __future__ import annotations

from checker.diff.compare import Diff, compare
from checker.errors import CheckError, InputError, clip

SIDES = {"old": "旧稿", "new": "新稿"}


def _load(path: str, opts):
    from checker.ingest import ReadOptions, load

    try:
        return load(path, ReadOptions(encoding=opts.encoding, max_size=opts.max_size))
    except CheckError:
        raise
    except RecursionError:
        raise InputError(path, "文件结构过于复杂，无法处理") from None
    except MemoryError:
        raise InputError(path, "文件过大，内存不足") from None
    except Exception as e:  # noqa: BLE001 - a reader's bug must still end in one line naming the file
        raise InputError(path, clip(f"无法读取（内部错误 {type(e).__name__}: {e}）")) from None


def _check(doc, book, opts):
    from checker.judge.engine import evaluate

    try:
        return evaluate(doc, book, min_score=opts.min_score, fail_level=opts.fail_level,
                        skip=opts.skip, mandatory=opts.mandatory)
    except CheckError:
        raise
    except RecursionError:
        raise InputError(doc.path, "文件结构过于复杂，无法处理") from None
    except Exception as e:  # noqa: BLE001 - a bug must still end in one line naming the file
        raise InputError(doc.path, clip(f"处理失败（内部错误 {type(e).__name__}: {e}）")) from None


def sentence_index(doc):
    """line -> the first sentence that starts on it (original text), for finding quotes."""
    first: dict[int, str] = {}
    for block in doc.blocks:
        for s in block.sentences:
            first.setdefault(s.line, s.text)
    return first.get


def words(doc, simplify=None) -> str:
    """The whole text as ``compare.text_key`` sees a quote, for "is this heading still there"."""
    from checker.diff.compare import text_key

    text = "".join(s.text for block in doc.blocks for s in block.sentences)
    return text_key(simplify(text) if simplify else text)


def _simplifier(*docs):
    """Traditional characters read as simplified when either draft is written in them, so that
    a draft converted to the other script quotes the same words (OpenCC loaded only then)."""
    if not any(d.info.get("traditional") for d in docs):
        return None
    from checker.noise import script

    return lambda text: script.to_simplified([text])[0]


def diff_reports(old_path: str, new_path: str, opts=None, *, old_name: str | None = None,
                 new_name: str | None = None) -> Diff:
    """Check ``old_path`` and ``new_path`` (any format ``check`` reads; the two may differ) with
    one rulebook and compare them. ``opts``: ``checker.pipeline.Options`` (rules, min_score,
    fail_level, encoding, max_size, skip, mandatory; the rest is ignored), or a dict of those
    fields, or None for the defaults. ``old_name`` and
    ``new_name`` name the drafts in the output (default: the paths). Raises ``InputError``
    (message ``旧稿 <file>: <reason>``) for an unreadable draft and ``CheckError`` for a rulebook
    problem."""
    from checker.pipeline import Options
    from checker.rulebook.select import choose_rulebook

    opts = Options(**opts) if isinstance(opts, dict) else opts or Options()
    docs = {}
    for side, path in (("old", old_path), ("new", new_path)):
        try:
            docs[side] = _load(path, opts)
        except InputError as e:
            raise _named(e, side, old_name if side == "old" else new_name) from None
    book, reason = choose_rulebook(docs["old"], opts.rules)
    reason = f"旧稿{reason}；新稿按同一规则集审查" if not opts.rules else f"{reason}；两稿按同一规则集审查"
    reports = {}
    for side in ("old", "new"):
        try:
            reports[side] = _check(docs[side], book, opts)
        except InputError as e:
            raise _named(e, side, old_name if side == "old" else new_name) from None
        reports[side].rulebook_reason = reason
    note = None
    year = reports["new"].metadata.year  # read as the choice reads it: no second outline
    if not opts.rules and year is not None and year != reports["old"].metadata.year:
        from checker.rulebook.select import rulebook_for_year

        own = rulebook_for_year(year)
        if own != book.id:
            note = (f"新稿的报告年度为 {year} 年，单独审查时会选用规则集 {own}；为使两稿可比，两稿都按旧稿的规则集 "
                    f"{book.id} 审查（可用 --rules 指定）")
    simplify = _simplifier(docs["old"], docs["new"])
    return compare(reports["old"], reports["new"], sentence_index(docs["old"]), sentence_index(docs["new"]),
                   rulebook_reason=reason, rulebook_note=note, old_name=old_name or old_path,
                   new_name=new_name or new_path, old_words=words(docs["old"], simplify),
                   new_words=words(docs["new"], simplify), simplify=simplify)


def _named(e: InputError, side: str, name: str | None) -> InputError:
    """``旧稿 报告.txt: 文件为空``: which draft, under the name the user knows it by."""
    return InputError(f"{SIDES[side]} {name or e.path}", e.reason)
