"""Traditional/Simplified normalization with the official OpenCC binding.

The sites machine-convert Simplified to Traditional badly (呼吁, 并, 這么). Going through
Simplified first and converting back repairs that: t2s, then s2t/s2twp/s2hk.

Simplified output converts only what is printed in Traditional: t2s also rewrites correct
Simplified words (乾清宫 -> 干清宫), so a text already Simplified is left as printed.
"""
from __future__ import annotations

import re

import opencc

from . import artifacts

SCRIPTS = ("zh-Hans", "zh-Hant", "zh-TW", "zh-HK", "none")
_BACK = {"zh-Hant": "s2t", "zh-TW": "s2twp", "zh-HK": "s2hk"}
_SAMPLE = 1000  # characters: plenty to tell the scripts apart
# CJK Extension A and the Unified Ideographs: where Traditional and Simplified forms differ.
_CJK_CHARS = "".join(map(chr, range(0x3400, 0xA000)))
# What is not Han: the Han characters are what removing it leaves (findall made a string
# of each of them, twice the time of language_of)
_NOT_HAN = re.compile("[^\u3400-\u9fff\uf900-\ufaff]+")
_LATIN = re.compile("[A-Za-z]")
# Han characters in a Chinese text outnumber this share of its letters (Han and Latin), however
# many coin names and English terms it quotes; an English text quoting a Chinese name stays under.
MIN_HAN_SHARE = 0.2


def language_of(text: str) -> str | None:
    """``zh`` for a Chinese text, ``en`` for one in Latin letters (the sites' other language), else None."""
    sample = text[:_SAMPLE]
    han, latin = len(_NOT_HAN.sub("", sample)), len(_LATIN.findall(sample))
    if han and han >= MIN_HAN_SHARE * (han + latin):
        return "zh"
    return "en" if latin else None


def convert_lines(convert, texts: list[str]) -> list[str]:
    """``convert`` applied to each text, in one call over the texts joined by line breaks
    (the per-call cost of OpenCC dominates short texts). A line break inside a text
    becomes a space."""
    if not texts:
        return []
    out = convert("\n".join(t.replace("\n", " ") for t in texts)).split("\n")
    if len(out) != len(texts):  # a converter that changed line breaks: one call each, to be safe
        return [convert(t) for t in texts]
    return out


def _changed_by(converter: opencc.OpenCC, unless_in: str | None = None) -> re.Pattern:
    """A character class of the characters ``converter`` rewrites (one call, ~15 ms), but
    those the codec ``unless_in`` encodes (the other script's own characters)."""
    out = convert_lines(converter.convert, list(_CJK_CHARS))
    changed = "".join(c for c, x in zip(_CJK_CHARS, out) if x != c and not (unless_in and _encodes(unless_in, c)))
    return re.compile("[" + re.escape(changed) + "]")


def _encodes(codec: str, char: str) -> bool:
    try:
        char.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


class ZhNormalizer:
    """Built once per crawl: OpenCC converters are costly to load."""

    def __init__(self, script: str = "zh-Hans", repair: bool = True, fullwidth: bool = False):
        if script not in SCRIPTS:
            raise ValueError(f"unknown output script {script!r}; expected one of {SCRIPTS}")
        self.script = script
        self.repair = repair
        self.fullwidth = fullwidth
        self.t2s = opencc.OpenCC("t2s")
        self._back = opencc.OpenCC(_BACK[script]) if script in _BACK else None
        # which characters each conversion rewrites, from OpenCC's own tables: counting them
        # in a text is ~10x cheaper than converting it both ways
        self._traditional = _changed_by(self.t2s)
        self._simplified = _changed_by(opencc.OpenCC("s2t"))
        # the characters of one script only: t2s rewrites 乾 and 於, but GB2312 (the
        # Simplified character set) holds them, so they say nothing of the script
        self._traditional_only = _changed_by(self.t2s, unless_in="gb2312")
        self._simplified_only = _changed_by(opencc.OpenCC("s2t"), unless_in="big5")

    def detect(self, text: str) -> str | None:
        """zh-Hant or zh-Hans: which conversion would change more of the text."""
        sample = text[:_SAMPLE]
        if not sample:
            return None
        trad = len(self._traditional.findall(sample))
        simp = len(self._simplified.findall(sample))
        if trad == simp == 0:
            return None
        return "zh-Hant" if trad > simp else "zh-Hans"

    def is_traditional(self, text: str, page: str | None = None) -> bool:
        """Whether ``text`` (a paragraph, a field) is printed in Traditional: more characters
        only Traditional prints than characters only Simplified prints; a tie goes to the
        script of the page (``page``), and a text with no Traditional-only character is not."""
        trad = len(self._traditional_only.findall(text))
        if not trad:
            return False
        simp = len(self._simplified_only.findall(text))
        return trad > simp or (trad == simp and page == "zh-Hant")

    def convert_many(self, texts: list[str], page: str | None = None) -> list[str]:
        """Several one-line texts in one OpenCC call (the per-call cost dominates short texts);
        ``page`` is the script the page is printed in (``detect``)."""
        if self.repair:
            texts = artifacts.repair_many(texts)
        if self.script != "zh-Hans":
            return convert_lines(lambda text: self.convert(text, repair=False), texts)
        out = [self._finish(t) for t in texts]
        todo = [i for i, t in enumerate(texts) if self.is_traditional(t, page)]
        for i, text in zip(todo, convert_lines(self.t2s.convert, [texts[i] for i in todo])):
            out[i] = self._finish(text)
        return out

    def convert(self, text: str | None, repair: bool | None = None, page: str | None = None) -> str | None:
        if not text:
            return text
        if self.repair if repair is None else repair:
            text = artifacts.repair(text)
        if self.script == "zh-Hans":
            if self.is_traditional(text, page):
                text = self.t2s.convert(text)
        elif self.script != "none":
            text = self.t2s.convert(text)
            if self._back is not None:
                text = self._back.convert(text)
        return self._finish(text)

    def _finish(self, text: str) -> str:
        return artifacts.fullwidth_punctuation(text) if self.fullwidth else text
