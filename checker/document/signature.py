"""The signature block (落款) of a report: the issuing body and the date, each on a short line
of its own or both on one line (青山县人民政府  2025年2月20日). One definition, used to end
paragraphs, to label the closing part, and to read the issuer and date."""

import regex

_ISSUER = r".{2,30}?(?:人民政府|政府|办公室|委员会|局|厅|部|镇|乡|街道办事处|管委会|司法所)"
ISSUER = regex.compile(rf"^{_ISSUER}$")
DATE = regex.compile(r"^((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日$")
CN_DATE = regex.compile(r"^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日$")
# a date that gives the month only (2025年2月, 二〇二五年二月)
MONTH = regex.compile(r"^((?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,2})月$")
_ANY_DATE = (r"(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})年(?:\d{1,2}|[一二三四五六七八九十]{1,2})月"
             r"(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})日)?")
SIGNED = regex.compile(rf"^({_ISSUER})({_ANY_DATE})$")  # issuer and date on one line (normalised)


# the last character of every form above: most lines end otherwise and skip the five patterns
_LAST = frozenset("日月府室会局厅部镇乡处所")


def is_signature(norm: str) -> bool:
    """A normalised line that is an issuer or a date alone, or both together."""
    last = norm[-2:-1] if norm.endswith("\n") else norm[-1:]  # ``$`` also matches before a final newline
    if last not in _LAST:
        return False
    return bool(DATE.match(norm) or CN_DATE.match(norm) or MONTH.match(norm) or ISSUER.match(norm)
                or SIGNED.match(norm))
