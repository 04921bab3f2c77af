"""Bytes to text: the declared charset when there is one, a careful guess when not.

Scrapy alone guesses only ascii/utf-8/cp1252 for an undeclared page, which turns
GBK or Big5 into mojibake. These sites are Chinese, so the guess is made among the
Chinese encodings instead, by charset-normalizer.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes
from w3lib.encoding import (
    html_body_declared_encoding,
    html_to_unicode,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
    to_unicode,
)

from .tunables import MAX_HEAD, MIN_GARBLED, MISMATCH_RATIO

# The only codecs these sites use; restricting the detector to them makes it fast and sure.
_CANDIDATES = ("utf_8", "gb18030", "big5")
# A <meta> charset declaration, looked for up to MAX_HEAD bytes when the first 4 KB hold none.
_LATE_META = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_-]{2,20})""", re.I)
# Western single-byte codecs: what a server's default Content-Type says (cp1252 is how
# browsers and w3lib read ISO-8859-1).
_WESTERN = frozenset(("cp1252", "iso8859-1", "iso8859-15", "ascii"))


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    #: where the encoding came from: "header", "bom", "meta", "detected" or "given"
    source: str


def declared_encoding(body: bytes, content_type: str | None) -> tuple[str, str] | None:
    """The encoding the page declares, with where it says so, or None. A label the bytes
    contradict (``_misdeclared``: a server's ISO-8859-1 default, GBK on a UTF-8 page) gives
    way to the page's next declaration, else to sniffing."""
    enc = http_content_type_encoding(content_type) if content_type else None
    if enc and not _misdeclared(enc, body):
        return enc, "header"
    bom = read_bom(body)[0]
    if bom:
        return bom, "bom"
    enc = html_body_declared_encoding(body)  # the first 4 KB, as browsers look
    if not enc:  # a <meta charset> after 4 KB of inline script in the <head> still says it
        m = _LATE_META.search(body, 0, MAX_HEAD)
        enc = m.group(1).decode("ascii") if m else None
    if enc and (resolved := resolve_encoding(enc)) and not _misdeclared(resolved, body):
        return resolved, "meta"
    return None


def _misdeclared(encoding: str, body: bytes) -> bool:
    """A label the bytes contradict, though decoding by it raises no error: a legacy codec
    (GBK, Big5, ISO-8859-1) on a body that is valid UTF-8 (Chinese text in another codec
    never is); or a Western single-byte label (a web server's default: Tomcat's, Apache's)
    on a body that is valid GB18030, or whose <meta> names another codec. Read by such a
    label, a Chinese page turns to mojibake that no replacement character betrays."""
    if body.isascii() or not _known(encoding):
        return False
    name = codecs.lookup(encoding).name
    if name == "utf-8":
        return False
    if _decodes(body, "utf-8"):
        return True
    if name not in _WESTERN:
        return False
    if _decodes(body, "gb18030"):
        return True
    meta = html_body_declared_encoding(body)
    return meta is not None and _known(meta) and codecs.lookup(meta).name not in _WESTERN


def _decodes(body: bytes, codec: str) -> bool:
    try:
        body.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(body: bytes) -> str:
    """Sniff an undeclared body among the Chinese codecs (charset-normalizer)."""
    best = from_bytes(body, cp_isolation=list(_CANDIDATES)).best()
    if best is not None:
        return codecs.lookup(best.encoding).name
    # nothing decodes cleanly (stray bytes, a cut multi-byte tail): fewest replacements wins
    fewest = min(_CANDIDATES, key=lambda e: body.decode(e, "replace").count("\ufffd"))
    return codecs.lookup(fewest).name


def _false_wide(encoding: str, body: bytes) -> bool:
    """A UTF-16 or UTF-32 label on a body with no NUL byte near its start: markup in those
    codecs is full of them (`<` is 0x3C 0x00), so the label is wrong (a UTF-8 page read as
    UTF-16 decodes to CJK-looking nonsense with no replacement character to betray it)."""
    name = codecs.lookup(encoding).name if _known(encoding) else encoding.lower()
    return name.startswith(("utf-16", "utf-32")) and b"\x00" not in body[:4096]


def _known(encoding: str) -> bool:
    try:
        codecs.lookup(encoding)
    except LookupError:
        return False
    return True


def is_garbled(text: str) -> bool:
    """True when a decoded text has more replacement characters than a sane page: counted
    among its non-ASCII characters, as a page's markup and scripts are mostly ASCII."""
    bad = text.count("\ufffd")
    if bad <= MIN_GARBLED:
        return False
    return bad > (len(text) - len(text.encode("ascii", "ignore"))) * MISMATCH_RATIO


def decode_html(body: bytes, content_type: str | None = None, encoding: str | None = None) -> Decoded:
    """Decode an HTML body.

    ``encoding`` forces a codec (e.g. the one a middleware already chose). Otherwise the
    header, BOM and ``<meta>`` are trusted in that order, unless the declared codec
    garbles the text, in which case the body is sniffed.
    """
    if encoding and not _false_wide(encoding, body):
        return Decoded(body.decode(encoding, "replace"), encoding, "given")
    declared = declared_encoding(body, content_type)
    if declared and not _false_wide(declared[0], body):
        enc, source = declared
        if source == "meta" and not html_body_declared_encoding(body):  # a late <meta>: w3lib looks in 4 KB
            text = body.decode(enc, "replace")
        elif source != "header" and http_content_type_encoding(content_type or ""):
            text = to_unicode(body, enc)  # the header's label was set aside: w3lib would read by it
        else:
            _, text = html_to_unicode(content_type, body)
        if not is_garbled(text):
            return Decoded(text, enc, source)
    enc = detect_encoding(body)
    return Decoded(body.decode(enc, "replace"), enc, "detected")
