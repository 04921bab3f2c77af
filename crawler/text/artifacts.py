"""Repair what the sites' encoders broke, conservatively: only what is clearly damage.

The sites print ``?`` where the source had a space or NBSP they could not encode
(``0x?739?開頭``, ``Jon?Rice``, ``秘密推進????``). A real question mark is also ``?``
(``ETH是證券還是商品?``), so a ``?`` is only replaced where a question cannot stand.
"""
from __future__ import annotations

import re

_CJK = r"\u4e00-\u9fff"
# Emoji and what may close one (VS16, skin tones): a zero-width joiner between two of them
# makes one picture (👩‍💻), and taking it out or spacing it splits the picture in two.
EMOJI = (r"\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u21aa\u231a-\u23ff\u24c2\u25aa-\u27bf\u2934\u2935"
         r"\u2b05-\u2b55\u3030\u303d\u3297\u3299\ufe0f\U0001f000-\U0001faff")
# A zero-width joiner that joins no emoji: a stray, like the other zero-width characters.
LOOSE_JOINER = rf"(?<![{EMOJI}])\u200d|\u200d(?![{EMOJI}])"
_ZERO_WIDTH = re.compile(rf"[\u200b\u200c\u2060\ufeff\u00ad]|{LOOSE_JOINER}")
_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200a\u3000]+")


def _without_zero_width(text: str) -> str:
    # six substring scans cost a thirtieth of the pattern's search on text that has none (nearly all)
    if ("\u200b" in text or "\u200c" in text or "\u200d" in text or "\u2060" in text or "\ufeff" in text
            or "\u00ad" in text):
        return _ZERO_WIDTH.sub("", text)
    return text


# `\"alt=\"image\"\u002F\\>`: escaped markup of an image left in the text.
_ESCAPED_IMG = re.compile(r'\\*"?alt=\\*"[^"\\]{0,40}\\*"\s*(?:\\u002F|/)?\\*>')
_ESCAPED_SLASH = re.compile(r"\\u002[Ff]")
# Words that make a sentence a question; a `?` run closing such a sentence keeps one `?`.
_QUESTION = re.compile(r"嗎|吗|呢|什麼|什么|甚麼|是否|如何|為何|为何|為什麼|为什么|難道|难道|誰|谁|哪|多少|幾|几"
                       r"|還是|还是|怎|豈|岂|能否|可否|是不是|有沒有|有没有|\?\s*$")
# The most of a sentence before a `??` run searched for a question word.
MAX_SENTENCE = 200
_SENTENCE_END = re.compile(r"[。！!；;]")
# A `?` after these characters stands before a name or number, where a space was.
_BEFORE_NAME = "像如的和與与在用從从個个為为將将是及或稱称者師师員员於于到向對对把被給给讓让由以等即自據据"

# Each rule opens with what it matches first (the `?`, a letter) and looks behind only
# after it: a pattern opening with a look-behind is tried at every character, one opening
# with a character is searched for as that character, a tenth of the work.
_RULES = [
    (re.compile(r"\?(?<=[A-Za-z0-9]\?)(?=[A-Za-z0-9])"), " "),                     # Jon?Rice, Layer?2
    (re.compile(rf"\?(?:(?<=[0-9]\?)(?=[{_CJK}])|(?<=[{_CJK}]\?)(?=[0-9]))"), " "),  # 0x?739?開頭, 創建?114?個
    (re.compile(rf"\?(?<=[{_CJK}]\?)(?=[A-Za-z][\w.\-]*\?)"), " "),                 # 個?memeCoin?騙局
    (re.compile(rf"([A-Za-z](?<=[\s?][A-Za-z])[\w.\-]*)\?(?=[{_CJK}])"), r"\1 "),    # ?ZachXBT?發推, DBNEWSWIRE?發推
    (re.compile(rf"\?(?<=[{_BEFORE_NAME}]\?)(?=[A-Za-z])"), " "),                    # 像?Uniswap, 例如?USDC
    (re.compile(r"^\?+\s*"), ""),                                                   # a run opening a paragraph
]


def repair(text: str) -> str:
    """Zero-width characters, odd spaces, escaped markup and `?` artifacts out."""
    if not text:
        return text
    text = _without_zero_width(text)
    if "\\" in text:  # escaped markup always carries a backslash
        text = _ESCAPED_IMG.sub("", text)
        text = _ESCAPED_SLASH.sub("/", text)
    if "?" in text:
        text = _repair_question_marks(text)
    return _SPACES.sub(" ", text).strip()


def only_escaped_markup(text: str) -> bool:
    """A line that is nothing but escaped markup (``\\"alt=\\"image\\"\\u002F\\\\>``): no text at all."""
    return "\\" in text and not _ESCAPED_IMG.sub("", text).strip()


def repair_many(texts: list[str]) -> list[str]:
    """``[repair(t) for t in texts]``, with the common case (no `?`, no escapes) done in
    two regex passes over all the texts joined instead of two per text."""
    joined = "\n".join(texts)
    if "?" in joined or "\\" in joined or joined.count("\n") != len(texts) - 1:
        return [repair(t) for t in texts]
    # neither pattern touches a line break, so the lines stay the texts
    joined = _SPACES.sub(" ", _without_zero_width(joined))
    return [line.strip() for line in joined.split("\n")]


def _repair_question_marks(text: str) -> str:
    # runs of 2+ `?`: keep one only where they close a question. The question is looked for
    # in the sentence before the run, at most MAX_SENTENCE characters back: a page of
    # thousands of runs and no full stop costs linear time, not quadratic.
    def run(m: re.Match) -> str:
        at_end = m.end() == len(text)
        if m.start() and text[m.start() - 1] in "。！!.":
            return "" if at_end else " "
        window = text[max(0, m.start() - MAX_SENTENCE): m.start()]
        sentence = _SENTENCE_END.split(window)[-1]
        if _QUESTION.search(sentence):
            return "?" if at_end else "? "
        return "" if at_end else " "

    text = re.sub(r"\?{2,}", run, text)
    for pattern, repl in _RULES:
        text = pattern.sub(repl, text)
    return text


_FULLWIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_HALF_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])([,:;?!])(?=[{_CJK}])")


def fullwidth_punctuation(text: str) -> str:
    """`大模型,並且` -> `大模型，並且`: half-width marks between Chinese characters."""
    return _HALF_BETWEEN_CJK.sub(lambda m: _FULLWIDTH[m.group(1)], text)
