"""Traditional characters, read as simplified for matching only.

Rulebook patterns are written in simplified characters; a report in traditional characters
(typed so, or converted by a web site, saved as UTF-8 or Big5) would match almost nothing. The
conversion is OpenCC's ``t2s`` (the maintained converter behind most Chinese input tools), applied
only to the text the patterns see: quotes, titles and issuers stay as written.

OpenCC is imported only for a text that is mostly traditional: a set of common characters that
exist only in traditional script is counted first (a C-speed scan), so a simplified report
never pays for the import.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Frequent characters of administrative prose that exist only in traditional script (OpenCC's
# t2s changes every one of them; tests/test_noise.py checks it). Both the common and the OpenCC
# variant forms are listed where they differ (為/爲, 眾/衆, 裡/裏).
TRADITIONAL_ONLY = (
    "縣執設進會責學務項實審辦開議員習決規數機調題專關範強鎮組門問報發職體處為爲於現據結動導參評應對"
    "黨況訴級眾衆負單領權監時個織嚴論罰計貫徹場網國幹條與協夠萬預訓糾證紛鄉過蓋備區業將請臺統錄舉顧"
    "試達堅維違質運內後點層認見識經態風討頭爭隊標總記講構轉險線帶戶還傳約長訂紮綜訟準壓義緊廢親熱間"
    "諾屆較編競確聽綱練終輕換輪書續並饋災傷積極彙環濟類資營當圍創揮檢來護劃斷視穩納變歷訪聯師產劑從"
    "號簡籌優針滿兩橋別礎沒電無覺許養溝難隨繼崗績顯驗掃暢齊貴們則謀課測諮詢農適價節綠選細費話須響廣"
    "戰樂種檔團採際紀錯雙觀園碼藥衛揚陽華獎懲誤輸離銷頻給額億賦簽邊擺廳擔減讓欄諧厲踐讀遠術勞擊勵掛"
    "絕暫該惡階願憲陣擴麗談彈歲紅稅車輛閱壞庫雖稱閉牽說輔財歸絡虛聞雜煩靈勢隱裡裏貢獻樹誠東慮補償"
    "龍豐連郵肅辯尋這趨狀麼臨聲圖縱幾獨釋敗湧馬盜煙輿張貼"
)
MIN_SHARE = 0.03  # of the Han characters; a converted report scores 15-25 %, a simplified one 0
MIN_COUNT = 5


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    return re.compile("[" + TRADITIONAL_ONLY + "]"), re.compile(r"[\u4e00-\u9fff]")


def looks_traditional(text: str) -> bool:
    """Is the text (mostly) in traditional characters? A simplified report quoting a name or two
    in traditional script is not. (A character-class scan in C; Han characters are counted only
    for a text with a few traditional ones.)"""
    trad, han = _patterns()
    hits = len(trad.findall(text))
    return hits >= MIN_COUNT and hits >= MIN_SHARE * len(han.findall(text))


@lru_cache(maxsize=1)
def _converter():
    import opencc  # only for traditional texts: see the module docstring

    return opencc.OpenCC("t2s")


def to_simplified(lines: list[str]) -> list[str]:
    """The lines in simplified characters, each exactly as long as the original, so that a
    sentence found in the converted text is the same span of the original line. OpenCC's t2s
    maps characters one to one in practice; a line where a phrase mapping changed its length is
    converted character by character instead."""
    conv = _converter().convert
    joined = "\n".join(lines)
    out = conv(joined).split("\n")
    if len(out) != len(lines):
        out = [conv(line) for line in lines]
    for i, (orig, new) in enumerate(zip(lines, out)):
        if len(new) != len(orig):
            out[i] = "".join(c if len(c := conv(ch)) == 1 else ch for ch in orig)
    return out
