"""What a promise is about: its object, without the plan verbs and generic words around it.

"制定并公布2024年度重大行政决策事项目录" is about 重大行政决策事项目录; 制定/公布 (a verb), 2024年度
(a date) and 并 (a joiner) say nothing about which task it is, and 推进/加强/法治政府建设 appear
in every plan. The word lists are data (``checker/data/promise_words.yaml``). What is left are
*runs* of content characters; a promise is matched by the character bigrams of its runs, and
named documents (《…》) and quoted names (“一支队伍管执法”) are kept whole as *titles*.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from checker.paths import DATA_DIR

_TITLE = regex.compile(r"《([^《》]{2,60})》|[“\"]([^“”\"]{2,30})[”\"]")
# dates and deadlines (2024年度, 6月底前, 年底前, 每月) and figures are no object either
_TIME = regex.compile(r"(?:19|20)\d{2}年度?|\d{1,2}月(?:底|份|中旬|上旬|下旬)?|年底|年内|年中|月底|上半年|下半年"
                      r"|[一二三四]?季度|每(?:年|半年|季度|月|周)|[前后]"
                      r"|[一二两三四五六七八九十百千]+(?:次|个|场|期|批|项|件|名|人|家|轮)")
_NON_HAN = regex.compile(r"[^\p{Han}]+")
CLAUSE = regex.compile(r"[,;。:!?]+")  # a list (公众参与、专家论证) stays one clause


@dataclass(frozen=True)
class Keys:
    runs: tuple[str, ...]  # content runs, in order
    titles: tuple[str, ...]  # named documents and quoted names

    @property
    def grams(self) -> tuple[str, ...]:
        """The character bigrams of the runs (a two-character run is its own bigram), once each."""
        out: dict[str, None] = {}
        for r in self.runs:
            for k in range(max(1, len(r) - 1)):
                out.setdefault(r[k:k + 2], None)
        return tuple(out)

    def pieces(self, present) -> list[str]:
        """The stretches of the runs whose bigrams are all ``present`` (a set of bigrams), each
        as long as it is: "乡镇综合行政执法人员全员轮训" against a sentence with 乡镇综合执法队员…轮训
        gives 乡镇综合, 执法, 轮训."""
        out = []
        for r in self.runs:
            cur = ""
            for k in range(max(1, len(r) - 1)):
                g = r[k:k + 2]
                if g in present:
                    cur = cur + g[-1] if cur else g
                else:
                    if cur:
                        out.append(cur)
                    cur = ""
            if cur:
                out.append(cur)
        return out


@lru_cache(maxsize=1)
def _stop() -> regex.Pattern:
    """One pattern for everything that is no object; the ``objects`` of the word list come first
    and are kept (三项制度 is a thing, not the count 三项 and 制度)."""
    from checker.rulebook.safeyaml import load, read_text

    data = load(read_text(DATA_DIR / "promise_words.yaml"))

    def alt(words) -> str:
        return "|".join(regex.escape(str(w)) for w in sorted(set(words), key=len, reverse=True))

    stops = [w for key in ("plan_verbs", "generic") for w in data.get(key) or ()]
    joiners = regex.escape(str(data.get("joiners") or ""))
    return regex.compile(rf"(?P<keep>{alt(data.get('objects') or ())})|(?:{alt(stops)})|{_TIME.pattern}|[{joiners}]")


def keys(norm: str) -> Keys:
    """The object of a normalised clause or sentence: its runs and titles."""
    titles = tuple(dict.fromkeys(a or b for a, b in _TITLE.findall(norm)))
    rest = _TITLE.sub("|", norm)
    rest = _stop().sub(lambda m: m[0] if m["keep"] else "|", rest)
    runs = tuple(r for r in _NON_HAN.split(rest) if len(r) >= 2)
    return Keys(runs, titles)


def clauses(norm: str) -> list[str]:
    """A normalised item cut into its clauses (a clause is one task at most); a named document
    is never cut, whatever punctuation it holds."""
    out, pos = [], 0
    protected = [(m.start(), m.end()) for m in _TITLE.finditer(norm)]
    for m in CLAUSE.finditer(norm):
        if any(a < m.start() < b for a, b in protected):
            continue
        out.append(norm[pos:m.start()])
        pos = m.end()
    out.append(norm[pos:])
    return [c for c in out if c]
