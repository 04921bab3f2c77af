"""Traditional/Simplified normalization with the official OpenCC binding.

The sites machine-convert Simplified to Traditional badly (呼吁, 并, 這么). Going through
Simplified first and converting back repairs that: t2s, then s2t/s2twp/s2hk.

Simplified output converts only what is printed in Traditional: t2s also rewrites correct
Simplified words (乾清宫 -> 干清宫), so a text already Simplified is left as printed.
"""
from __future__ import annotations

from itertools import accumulate

import numpy as np
import opencc

from . import artifacts

SCRIPTS = ("zh-Hans", "zh-Hant", "zh-TW", "zh-HK", "none")
_BACK = {"zh-Hant": "s2t", "zh-TW": "s2twp", "zh-HK": "s2hk"}
_SAMPLE = 1000  # characters: plenty to tell the scripts apart
# CJK Extension A and the Unified Ideographs: where Traditional and Simplified forms differ.
_CJK_CHARS = "".join(map(chr, range(0x3400, 0xA000)))
# Characters are counted by class with a table: an entry a character of the Basic
# Multilingual Plane, and one for every character past it (none is in a class). An entry
# holds a count a class, each in its own bits, so one sum counts them all: a regex scan a
# class cost ~190 instructions a character.
_PAST_BMP = 0x10000
_SAMPLE_BITS = 16  # a count in a sample of _SAMPLE characters
_LETTERS = np.zeros(_PAST_BMP + 1, dtype=np.uint32)  # Han, and Latin letters << 16
_LETTERS[0x3400:0xA000] = _LETTERS[0xF900:0xFB00] = 1
_LETTERS[ord("A"):ord("Z") + 1] = _LETTERS[ord("a"):ord("z") + 1] = 1 << _SAMPLE_BITS
_TEXT_BITS = 32  # a count in any text
_SAMPLE_TABLE_SHIFT = 2 * _SAMPLE_BITS  # a table's two sample counts, and another's above them
# Han characters in a Chinese text outnumber this share of its letters (Han and Latin), however
# many coin names and English terms it quotes; an English text quoting a Chinese name stays under.
MIN_HAN_SHARE = 0.2


def _codes(text: str) -> np.ndarray:
    """The text's code points, those past the BMP as ``_PAST_BMP``: the tables' indexes."""
    return np.minimum(np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32), _PAST_BMP)


def _sample_counts(table: np.ndarray, sample: str) -> tuple[int, int]:
    """The two counts ``table`` holds, over a sample of at most _SAMPLE characters."""
    return _two_counts(int(table[_codes(sample)].sum()))


def _two_counts(both: int) -> tuple[int, int]:
    """A sample table's sum as its two counts (low bits, high bits)."""
    return both & ((1 << _SAMPLE_BITS) - 1), both >> _SAMPLE_BITS


def language_of(text: str) -> str | None:
    """``zh`` for a Chinese text, ``en`` for one in Latin letters (the sites' other language), else None."""
    return _language(*_sample_counts(_LETTERS, text[:_SAMPLE]))


def _language(han: int, latin: int) -> str | None:
    if han and han >= MIN_HAN_SHARE * (han + latin):
        return "zh"
    return "en" if latin else None


def _script(trad: int, simp: int) -> str | None:
    """The script whose conversion would change more characters: t2s's ``trad``, s2t's ``simp``."""
    if trad == simp == 0:
        return None
    return "zh-Hant" if trad > simp else "zh-Hans"


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


def _changed_by(converter: opencc.OpenCC) -> list[str]:
    """The characters ``converter`` rewrites (one call, ~15 ms)."""
    out = convert_lines(converter.convert, list(_CJK_CHARS))
    return [c for c, x in zip(_CJK_CHARS, out) if x != c]


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
        # in a text is ~10x cheaper than converting it both ways; and of those, the
        # characters of one script only: t2s rewrites 乾 and 於, but GB2312 (the Simplified
        # character set) holds them, so they say nothing of the script
        rewritten = np.zeros(_PAST_BMP + 1, dtype=np.uint32)  # by t2s, and by s2t << 16
        self._one_script = np.zeros(_PAST_BMP + 1, dtype=np.uint64)  # Traditional, and Simplified << 32
        for converter, other_set, changed_bit, one_script_bit in (
                (self.t2s, "gb2312", 1, 1), (opencc.OpenCC("s2t"), "big5", 1 << _SAMPLE_BITS, 1 << _TEXT_BITS)):
            changed = _changed_by(converter)
            rewritten[[ord(c) for c in changed]] += changed_bit
            self._one_script[[ord(c) for c in changed if not _encodes(other_set, c)]] += one_script_bit
        # the rewritten characters beside the letters: an item's script and language from one look-up
        self._sampled = rewritten.astype(np.uint64) << _SAMPLE_TABLE_SHIFT | _LETTERS

    def read(self, text: str) -> tuple[str | None, str | None]:
        """(``detect(text)``, ``language_of(text)``), counted in one pass over the sample."""
        both = int(self._sampled[_codes(text[:_SAMPLE])].sum())
        letters, changed = both & ((1 << _SAMPLE_TABLE_SHIFT) - 1), both >> _SAMPLE_TABLE_SHIFT
        return _script(*_two_counts(changed)), _language(*_two_counts(letters))

    def detect(self, text: str) -> str | None:
        """zh-Hant or zh-Hans: which conversion would change more of the text."""
        return self.read(text)[0]

    def is_traditional(self, text: str, page: str | None = None) -> bool:
        """Whether ``text`` (a paragraph, a field) is printed in Traditional: more characters
        only Traditional prints than characters only Simplified prints; a tie goes to the
        script of the page (``page``), and a text with no Traditional-only character is not."""
        return self._traditional_texts([text], page)[0]

    def _traditional_texts(self, texts: list[str], page: str | None) -> list[bool]:
        """``is_traditional`` of each text, counted in one pass over all of them: the running
        sums of the characters of one script, read where each text ends (a NUL, in no
        class, opens the run so that a sum is read before the first text)."""
        so_far = self._one_script[_codes("\0" + "".join(texts))].cumsum()
        at = so_far[[0, *accumulate(map(len, texts))]].tolist()
        low = (1 << _TEXT_BITS) - 1
        out = []
        for before, after in zip(at, at[1:]):
            trad, simp = (after - before) & low, (after - before) >> _TEXT_BITS
            out.append(trad > 0 and (trad > simp or (trad == simp and page == "zh-Hant")))
        return out

    def convert_many(self, texts: list[str], page: str | None = None) -> list[str]:
        """Several one-line texts in one OpenCC call (the per-call cost dominates short texts);
        ``page`` is the script the page is printed in (``detect``)."""
        if self.repair:
            texts = artifacts.repair_many(texts)
        if self.script != "zh-Hans":
            return convert_lines(lambda text: self.convert(text, repair=False), texts)
        out = [self._finish(t) for t in texts]
        todo = [i for i, traditional in enumerate(self._traditional_texts(texts, page)) if traditional]
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
