"""The date and year parsers of checker.document.metadata, as properties: every valid date in Arabic or
Chinese numerals reads back as itself, a date with the month only reads as YYYY-MM, and no
text makes them raise."""

from __future__ import annotations

from datetime import date

from hypothesis import example, given
from hypothesis import strategies as st

from checker.document.metadata import parse_date, year_number
from checker.document.normalize import normalize

DIGITS = "〇一二三四五六七八九"


def cn_year(y: int) -> str:
    return "".join(DIGITS[int(c)] for c in str(y))


def cn_small(n: int) -> str:
    """1..31 as written in dates: 二, 十, 十二, 二十, 二十六."""
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else DIGITS[tens]) + "十" if tens else "") + (DIGITS[ones] if ones else "")


dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31))


@given(dates)
def test_arabic_and_chinese_dates_read_back(d):
    iso = d.isoformat()
    assert parse_date(normalize(f"{d.year}年{d.month}月{d.day}日")) == iso
    assert parse_date(normalize(f"{d.year} 年 {d.month:02d} 月 {d.day:02d} 日")) == iso
    assert parse_date(f"{cn_year(d.year)}年{cn_small(d.month)}月{cn_small(d.day)}日") == iso
    assert year_number(cn_year(d.year)) == d.year


@given(dates)
def test_a_date_with_the_month_only(d):
    assert parse_date(f"{d.year}年{d.month}月") == f"{d.year:04d}-{d.month:02d}"
    assert parse_date(f"{cn_year(d.year)}年{cn_small(d.month)}月") == f"{d.year:04d}-{d.month:02d}"


@given(st.text(alphabet="0123456789年月日〇一二三四五六七八九十零○ ", max_size=20))
def test_no_text_makes_the_date_parser_raise(text):
    got = parse_date(normalize(text))
    if got is not None:  # always a real date (2月30日 is none): the checks compute with it
        date.fromisoformat(got if len(got) == 10 else got + "-01")


def test_an_impossible_day_is_no_date():
    assert parse_date("2025年2月30日") is None and parse_date("2025年13月") is None


_SIGNATURE_CHARS = st.sampled_from("青山县人民政府办公室司法局委员会街道办事处乡镇〇一二十2025年2月20日 \n")


@given(st.text(_SIGNATURE_CHARS, max_size=30))
@example("2025年2月20日")
@example("二〇二五年二月二十日")
@example("2025年2月")
@example("青山县人民政府")
@example("青山县司法局\n")
@example("青山县街道办事处2025年2月20日")
@example("青山县人民政府 2025年2月")
def test_the_signature_test_skipping_by_last_character_changes_no_answer(text):
    """``is_signature`` looks at the five patterns only when the line ends as one of them can."""
    from checker.document import signature as sig

    full = bool(sig.DATE.match(text) or sig.CN_DATE.match(text) or sig.MONTH.match(text)
                or sig.ISSUER.match(text) or sig.SIGNED.match(text))
    assert sig.is_signature(text) == full


def test_each_form_of_a_signature_is_still_one():
    from checker.document.signature import is_signature

    for line in ("2025年2月20日", "二〇二五年二月二十日", "2025年2月", "青山县人民政府", "青山县司法局\n",
                 "青山县街道办事处2025年2月20日", "青山县人民政府2025年2月", "城关镇", "某某乡", "青山县司法所",
                 "县发展和改革委员会", "区政府办公室", "省司法厅", "某某管委会"):
        assert is_signature(line), line
