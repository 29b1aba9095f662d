"""What a resident is searched by, kept in indexed columns so a search runs in SQL.

Staff at the community office find a resident by the pinyin initials of the name (张桂兰 -> zgl,
typed without switching the input method) or by the last four characters of the ID or phone number
the resident reads out. Both are computed when a resident is registered or changed
(pos.residents.records) and, for existing rows, by the migration that added them.
"""
from __future__ import annotations

import re
import unicodedata

LAST = 4
# Surnames read differently from the same character in other words (pypinyin reads the word).
SURNAMES = {"曾": "z", "单": "s", "解": "x", "仇": "q", "区": "o", "查": "z", "朴": "p", "盖": "g", "覃": "q",
            "翟": "z", "缪": "m", "召": "s", "秘": "b", "员": "y", "种": "c", "尉": "y"}
LATIN_WORD = re.compile(r"[a-z0-9]+")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def name_initials(name: str) -> str:
    """张桂兰 -> "zgl", 曾国藩 -> "zgf", "Li Ming" -> "lm": the first letter of each syllable or word."""
    from pypinyin import Style, lazy_pinyin  # loading its dictionaries takes 0.3 s: only when a name is keyed

    text = unicodedata.normalize("NFKC", name).strip()
    if not text:
        return ""
    letters = [SURNAMES[text[0]]] if text[0] in SURNAMES else []
    rest = text[1:] if letters else text
    for chunk in lazy_pinyin(rest, style=Style.FIRST_LETTER, errors=lambda s: s):
        if HAN.fullmatch(chunk):  # a character pypinyin does not know
            continue
        if len(chunk) == 1 and chunk.isalpha() and chunk.isascii():
            letters.append(chunk.lower())
        else:
            letters.extend(word[0] for word in LATIN_WORD.findall(chunk.lower()))
    return "".join(letters)


def last_four(number: str) -> str:
    """The last four characters of an ID or phone number ("" when it has fewer), as typed: X upper-case."""
    compact = "".join(unicodedata.normalize("NFKC", number).split()).upper()
    return compact[-LAST:] if len(compact) >= LAST else ""
