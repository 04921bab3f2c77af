"""Bytes to text: declared, undeclared and wrongly declared charsets."""
from __future__ import annotations

import re

import pytest

from crawler.demo.site import DemoSite
from crawler.pages import read_page
from crawler.pages.decode import decode_html, detect_encoding

TEXT = "<html><body><h1>比特幣價格今日大漲</h1><p>" + "區塊鏈技術的發展一日千里，交易所紛紛推出新的產品。" * 8 + "</p></body></html>"
MOJIBAKE = re.compile(r"[\u00c0-\u00ff\u2500-\u257f\ue000-\uf8ff]|\ufffd")


@pytest.mark.parametrize("enc", ["utf-8", "gb18030", "big5"])
def test_undeclared_pages_are_sniffed(enc):
    body = TEXT.encode(enc)
    decoded = decode_html(body)
    assert decoded.source == "detected"
    assert "比特幣價格今日大漲" in decoded.text


def test_meta_declaration_is_used():
    body = ('<meta charset="big5">' + TEXT).encode("big5")
    decoded = decode_html(body, "text/html")
    assert (decoded.source, "比特幣價格今日大漲" in decoded.text) == ("meta", True)


def test_a_wrong_header_charset_is_overruled():
    body = TEXT.encode("gb18030")
    decoded = decode_html(body, "text/html; charset=utf-8")
    assert decoded.source == "detected" and decoded.encoding == "gb18030"
    assert "比特幣價格今日大漲" in decoded.text


def test_detector_prefers_strict_utf8():
    assert detect_encoding("價格".encode("utf-8") * 50) == "utf-8"


@pytest.fixture(scope="module")
def demo_site():
    return DemoSite()


# (an article whose transfer is cut short never reaches the reader)
@pytest.mark.parametrize("host,path", [(s.site, s.path) for s in DemoSite().articles if s.flaw != "truncated"])
def test_no_mojibake_in_any_demo_article(demo_site, host, path):
    served = demo_site.get(host, path)
    item = read_page("http://127.0.0.1:8000" + path, served.body, {"Content-Type": served.content_type}).to_item()
    texts = [item.headline or "", item.articleBody or "", *item.tags, *(r["summary"] or "" for r in item.related)]
    assert not any(MOJIBAKE.search(t) for t in texts), path


@pytest.mark.parametrize("charset", ["utf-16", "utf-16le", "utf-32"])
def test_a_wide_charset_label_on_a_utf8_body_is_overruled(demo_site, charset):
    """A UTF-8 page labelled UTF-16 decodes to CJK-looking nonsense with no replacement
    character; markup in UTF-16 is full of NUL bytes, and this body has none."""
    served = demo_site.get("main", "/info/1001.html")
    for given in (None, charset):  # from the header, or as Scrapy's response.encoding
        page = read_page("http://127.0.0.1:8000/info/1001.html", served.body,
                         {"Content-Type": f"text/html; charset={charset}"}, given)
        assert page.doc.decoded.encoding == "utf-8" and page.to_item().headline.startswith("馬斯克不講武德")


def test_a_real_utf16_page_is_read_as_utf16():
    body = ("<html><head><title>比特幣價格上漲了</title></head><body><h1>比特幣價格上漲了</h1><p>"
            + "比特幣價格今日上漲，市場情緒回暖。" * 10 + "</p></body></html>").encode("utf-16")
    page = read_page("https://a.example/info/1.html", body, {"Content-Type": "text/html; charset=utf-16"})
    assert page.doc.decoded.encoding == "utf-16" and page.problem() is None


def test_a_meta_charset_after_four_kilobytes_of_script_is_used():
    """Browsers look for <meta charset> in the first 1-4 KB; templates that inline a long
    script first still mean it. Big5 text sniffed without it can pass for GB18030."""
    head = "<script>var slots = [" + ",".join(f'"slot-{i:04d}"' for i in range(600)) + "];</script>"
    body = (f'<html><head>{head}<meta charset="big5"><title>比特幣減半臨近</title></head><body>'
            "<h1>比特幣減半臨近</h1><p>" + "礦工收入結構生變，市場關注減半後的算力走勢。" * 8 + "</p></body></html>").encode("big5")
    decoded = decode_html(body, "text/html")
    assert (decoded.encoding, decoded.source) == ("big5hkscs", "meta") and "比特幣減半臨近" in decoded.text


SIMPLIFIED = TEXT.replace("比特幣價格今日大漲", "比特币价格今日大涨")


@pytest.mark.parametrize(("body", "header", "encoding", "source"), [
    # a server's Western default over a UTF-8 page: no replacement character betrays it
    (TEXT.encode("utf-8"), "text/html; charset=ISO-8859-1", "utf-8", "detected"),
    # …over a GBK page that declares itself in <meta>
    (('<meta charset="gbk">' + SIMPLIFIED).encode("gbk"), "text/html; charset=iso-8859-1", "gb18030", "meta"),
    # …over a GBK page that declares nothing
    (SIMPLIFIED.encode("gbk"), "text/html; charset=windows-1252", "gb18030", "detected"),
    # GBK on a UTF-8 page: GB18030 reads almost any bytes, so only the bytes' validity tells
    (TEXT.encode("utf-8"), "text/html; charset=gbk", "utf-8", "detected"),
    # Big5 on a GBK page: a few replacement characters among many non-ASCII ones
    (("<script>var x = 1;</script>" * 4000 + SIMPLIFIED).encode("gbk"), "text/html; charset=big5", "gb18030", "detected"),
])
def test_a_label_the_bytes_contradict_is_set_aside(body, header, encoding, source):
    decoded = decode_html(body, header)
    assert (decoded.encoding, decoded.source) == (encoding, source)
    assert not MOJIBAKE.search(decoded.text) and ("比特" in decoded.text)


def test_a_western_page_keeps_its_western_label():
    body = "<html><body><p>Le café est fermé à Zürich, déjà.</p></body></html>".encode("latin-1")
    decoded = decode_html(body, "text/html; charset=ISO-8859-1")
    assert (decoded.encoding, decoded.source) == ("cp1252", "header") and "café" in decoded.text
