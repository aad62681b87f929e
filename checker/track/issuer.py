"""Which reports are of one body: the issuer reduced to a key that two ways of writing the same
body share.

* One spelling: NFKC, simplified characters (the caller's ``Document.matchable``), no spaces or punctuation; 人民政府 is 政府
  (石门县人民政府 = 石门县政府), 委员会 after a party prefix is 委, 中国共产党 is 中共; a
  department's short name is its full name (市场监管局 = 市场监督管理局, 政府办 = 政府办公室:
  ``checker/data/body_names.yaml``).
* A joint report of the party committee and the government (中共石门县委 石门县人民政府) is the
  government's: the 法治政府建设 report is the government's report, whoever co-signs it.
* A body is named with its place: a key needs a place name (…省/市/县/区/旗/州/盟/镇/乡/街道)
  before the body; 市生态环境局 alone names no body and pairs with nothing. A key that only
  leaves out the higher places of another (黄花店镇政府 / 武清区黄花店镇政府) is the same body
  (``same_body``).
* Different bodies stay different: 县政府办公室 is not 县政府, 县司法局 is not 县政府.
* No issuer in the report: the title's words before the year (清镇市2015年依法行政工作情况报告:
  清镇市, a place alone, names its government).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

_PLACE = regex.compile(r"\p{Han}{1,12}?(?:自治区|自治州|自治县|特别行政区|省|市|县|区|旗|州|盟|镇|乡|街道)")
_BODY_END = regex.compile(r"(?:政府|委|办公室|局|厅|委员会|办|中心|院|所|处|管委会|办事处)$")
_PARTY = regex.compile(r"^中共\p{Han}{2,20}?(?:委员会|委)(?=\p{Han}{2,}(?:政府|局|厅|办公室)$)")
_TITLE_HEAD = regex.compile(r"关于|(?:19|20)\d{2}年|[〇○零一二三四五六七八九]{4}年")
_SEP = regex.compile(r"[\s\p{P}\p{S}]+")
_PLACE_ONLY = regex.compile(r"^(?:\p{Han}{1,12}?(?:自治区|自治州|自治县|省|市|县|区|旗|州|盟|镇|乡|街道))+$")


@lru_cache(maxsize=1)
def _short_names() -> list[tuple[str, str]]:
    """(short name, full name) of departments, longest short name first."""
    from checker.paths import DATA_DIR
    from checker.rulebook.safeyaml import load, read_text

    names = (load(read_text(DATA_DIR / "body_names.yaml")) or {}).get("names") or {}
    pairs = [(str(short), str(full)) for full, shorts in names.items() for short in shorts or ()]
    return sorted(pairs, key=lambda p: len(p[0]), reverse=True)


def _full_name(s: str) -> str:
    """The issuer with a department's short name at its end written in full."""
    for short, full in _short_names():
        if s.endswith(short) and not s.endswith(full):
            return s[: len(s) - len(short)] + full
    return s


def body_key(issuer: str | None, title: str | None = None) -> str | None:
    """The key of the body that issued a report, or None when it cannot be told. Pass the
    names as patterns see them (``Document.matchable``: simplified characters)."""
    for raw, from_title in ((issuer, False), (title, True)):
        if not raw:
            continue
        s = regex.sub(r"\s+", "", unicodedata.normalize("NFKC", raw))
        if from_title:
            m = _TITLE_HEAD.search(s)
            if not m:
                continue
            s = regex.split(r"[—\-–:]", s[:m.start()])[-1]
        s = _SEP.sub("", s)
        s = regex.sub(r"^中国共产党", "中共", s)
        party = _PARTY.match(s)
        if party:
            s = s[party.end():]  # 中共石门县委石门县人民政府: the government's report
        s = _full_name(s).replace("人民政府", "政府")
        if s.startswith("中共"):
            s = regex.sub(r"委员会$", "委", s)
        if _PLACE_ONLY.match(s):
            s += "政府"  # a place alone (a title 清镇市2015年…报告) names its government
        if not _BODY_END.search(s):
            continue
        place = _PLACE.match(s.removeprefix("中共"))
        if place is None or len(place[0]) < 2:
            continue
        return s
    return None


def body_of(doc, meta) -> str | None:
    """The body key of a report read and judged: its issuer, else its title (``body_key``), as
    patterns see them."""
    issuer = doc.matchable([meta.issuer])[0] if getattr(meta, "issuer", None) else None
    title = doc.matchable([meta.title])[0] if getattr(meta, "title", None) else None
    return body_key(issuer, title)


def same_body(a: str, b: str) -> bool:
    """Two keys name one body: equal, or one only adds higher places to the other
    (天津市武清区黄花店镇政府 / 黄花店镇政府)."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if not long.endswith(short):
        return False
    extra = long[: len(long) - len(short)]
    return bool(_PLACE_ONLY.match(extra)) and _PLACE.match(short) is not None
