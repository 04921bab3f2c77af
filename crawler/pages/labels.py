"""The labels these templates print before a value, in English and both Chinese scripts.

Fields are found by these labels, never by a template's class names.
"""
import re

from ..text.dates import DATE_IN_TEXT
from . import memo
from .tunables import MAX_CREDITS_LINE, MAX_NOTICE, MIN_CREDITS

_SEP = r"\s*[:：]\s*"

AUTHOR = r"Author|作者|撰文|撰稿|記者|记者"
# The office that issues a notice: its author when no writer is named.
OFFICE = r"发文机关|發文機關|发文单位|發文單位"
# The editor is no author: the writer is (news pages print both).
EDITOR = r"Editor|責任編輯|责任编辑|責編|责编|編輯|编辑"
TIME = (r"Time|Date|Published|Posted|時間|时间|發布時間|发布时间|發佈時間|日期|發表時間|发表时间|更新時間|更新时间"
        r"|發布於|发布于|發佈於|更新於|更新于")
TAGS = r"Tags?|Keywords|標籤|标签|關鍵詞|关键词|關鍵字|关键字|相關標籤|相关标签"
SOURCE = r"Source|來源|来源|出處|出处"
# Counters and actions printed beside the meta line: not story, not a field we keep.
NOISE = (r"點擊量|点击量|點擊數|点击数|點擊收藏|点击收藏|點擊|点击|閱讀量|阅读量|閱讀數|阅读数|閱讀|阅读"
         r"|瀏覽次數|浏览次数|瀏覽|浏览|人氣|人气|熱度|热度|評論|评论|收藏|分享")
SUMMARY = r"導讀|导读|摘要|簡介|简介|Summary"

# Words some sites put before a label (發佈日期, 文章来源, 上传时间), and a second label
# after a slash (作者/编辑): still the same field.
_PREFIX = r"(?:發布|发布|發佈|發表|发表|上傳|上传|文章|新聞|新闻)"
_SECOND = rf"(?:\s*/\s*(?:{AUTHOR}|{EDITOR}))"
LABEL = re.compile(rf"(?P<label>{_PREFIX}?(?:{AUTHOR}|{OFFICE}|{EDITOR}|{TIME}|{TAGS}|{SOURCE}|{NOISE}|{SUMMARY})"
                   rf"{_SECOND}?){_SEP}", re.I)
# A line that opens with a field label, possibly after the page's date, bracketed or not
# (`[2021-02-10 09:11:56] 来源:`, `2024-01-19 08:18:27 来源：`, `4/27/2021 12:48:57 PM 来源：`,
# `2005-04-05 06:40更新 来源：`).
_LEAD_DATE = DATE_IN_TEXT.pattern
def _first_chars(*alternations: str) -> str:
    """The class of the first characters of literal alternatives (`作者|Time` -> `[TtV作]`):
    a line that cannot open with a label then fails on its first character."""
    chars = {word[0] for alternation in alternations for word in alternation.strip("(?:)").split("|")}
    return "[" + re.escape("".join(sorted(chars | {c.swapcase() for c in chars}))) + "]"


META_LINE = re.compile(rf"^(?=[\[［【\d]|{_first_chars(_PREFIX, AUTHOR, OFFICE, EDITOR, TIME, SOURCE, NOISE)})"
                       rf"(?:[\[［【][^\]］】]{{6,25}}[\]］】]\s*|{_LEAD_DATE}\s*(?:更新|發布|发布|發佈)?\s*)?"
                       rf"{_PREFIX}?(?:{AUTHOR}|{OFFICE}|{EDITOR}|{TIME}|{SOURCE}|{NOISE}){_SECOND}?{_SEP}", re.I)
TAGS_LINE = re.compile(rf"^(?:{TAGS})(?:{_SEP}|\s*$)", re.I)  # "Tags:x y", or a lone "标签" heading
# Where a labelled value stops: a separator dot/bar before the next field, or a date.
VALUE_END = re.compile(r"\s+[·|｜/]\s+|\s*[·|｜]\s*")
SUMMARY_LINE = re.compile(rf"^(?:{SUMMARY}){_SEP}(?P<value>.+)$", re.I)
NOISE_LINE = re.compile(rf"^(?:(?:{NOISE})\s*)+$|^(?:ads?|AD|廣告|广告|Ctrl\+D.*)$"
                        r"|^點擊(?:進入|查看)\S{0,10}$|^点击(?:进入|查看)\S{0,10}$"
                        r"|^[\W_]*(?:END|The End|完|全文完)[\W_]*$", re.I)  # `— END —`, `（完）`: an end mark
# The site's own lines around a story: its editor in charge, its disclaimers. (A repost's
# own header, `原文链接:…` `译者:…`, is the story's text and stays.)
BOILERPLATE_LINE = re.compile(r"^[（(]?\s*(?:責任編輯|责任编辑|責編|责编|免責聲明|免责声明|版權聲明|版权声明"
                              r"|風險提示|风险提示"
                              r"|(?:本站|本網|本网|鄭重|郑重|特別|特别)*(?:聲明|声明)"
                              r"|原標題|原标题"  # the reposted story's own title, printed above it
                              r"|圖片來源|图片来源|圖源|图源|圖片|图片|配圖|配图|題圖|题图"  # an image's credit line
                              r"|Disclaimer)\s*[:：]", re.I)
# A photo's caption or credit on a line of its own: wholly in parentheses (`（视频截图）`), or
# ending with a credit (`…晨练的老年人。（视觉中国）`, `BBC报道截图`), or with the
# photographer's name after a space or a role (`…开往襄阳。 通讯员刘娟 摄`, `城市摄影队 周斌 摄`,
# `…的纸片。 小花母亲供图`, `…均为澎湃新闻记者段彦超 图`).
CAPTION_LINE = re.compile(r"^[（(][^（）()]{1,20}[)）]$"
                          r"|^.{0,60}(?:[（(](?:視覺中國|视觉中国|圖蟲|图虫|東方IC|东方IC|資料圖|资料图"
                          r"|[^（）()]{0,20}(?:截圖|截图|供圖|供图))[)）]|截圖|截图)$"
                          r"|^.{0,60}(?:\s(?:[\u4e00-\u9fff]{0,6}(?:记者|記者|通讯员|通訊員))?|记者|記者|通讯员|通訊員)"
                          r"[\u4e00-\u9fff]{2,4}\s*(?:[摄攝]|供?[图圖])$")
CAPTION_ENDS = ")）图圖摄攝"  # the last character of every caption line above
# A line that closes the story: what follows is the related list, the recommendations, or
# the platform's statement before reader comments.
STORY_END = re.compile(r"^(?:相關|相关|推薦|推荐|延伸|熱門|热门|更多)"
                       r"(?:報道|报道|閱讀|阅读|新聞|新闻|文章|推薦|推荐)\s*[:：]?$"
                       r"|^(?:猜你喜歡|猜你喜欢|你可能會喜歡|你可能会喜欢)$"
                       r"|^(?:特別|特别)(?:聲明|声明)\s*[:：]")
_STORY_END_FIRST = frozenset("相推延熱热更猜你特")


def closes_story(line: str) -> bool:
    # the first character settles most lines without the regex
    return line[:1] in _STORY_END_FIRST and STORY_END.match(line) is not None
# The site's notices after a reposted story, wherever they sit in a short line: rights and
# takedown requests, repost terms (`本文来源于网络，版权归原作者所有，如有侵权请联系删除`).
NOTICE = re.compile(r"如有侵[權权]|侵[權权][請请]?[聯联][繫系]|版[權权][歸归](?:原)?作者|[轉转][載载][請请]?[註注]明"
                    r"|未[經经](?:本站)?(?:授[權权]|[許许]可)[，,]?(?:任何人)?不得[轉转][載载]")

# A heading over reader comments: what follows it is not story.
COMMENTS_HEADING = re.compile(r"^(?:網友|网友|讀者|读者|最新|熱門|热门|發表|发表|精彩)?"
                              r"(?:評論|评论|留言|跟貼|跟贴|跟帖)(?:區|区|列表)?"
                              r"(?:\s*[（(]\d+[)）])?$|^(?:Comments?|Leave a (?:comment|reply))$", re.I)

# A line that names the site: the bookmark hint in every header, a copyright line.
_SITE_LINE = re.compile(r"Ctrl\+D|Copyright|©|版權所有|版权所有|All Rights Reserved", re.I)


def is_site_line(line: str) -> bool:
    # every match holds `©`, `版`, `+` or `ght` (any case): substring tests cost a fifth of
    # the case-blind search, which tries all six words at every position
    return ("©" in line or "版" in line or "+" in line or "ght" in line.lower()) and _SITE_LINE.search(line) is not None


HOME_CRUMB = re.compile(r"^(?:首頁|首页|主頁|主页|Home|網站首頁|网站首页)$", re.I)
# What may stand before the home crumb: `當前位置：`, `您的位置:`, `You are here:`.
CRUMB_LEAD = re.compile(r"^[^:：>]{1,12}[:：]\s*")
# Last crumbs that stand for "this page", not a category.
LEAF_CRUMB = re.compile(r"^(?:Info|正文|內容|内容|詳情|详情|文章|閱讀|阅读|Article|Detail)$", re.I)
CRUMB_SEP = re.compile(r"\s*(?:>|＞|›|»|/|→|>>|-)\s*")

# A list's pager; never 下一篇/上一篇, an article's links to its neighbours.
NEXT_PAGE = re.compile(r"^(?:下一?[頁页]|Next|»|›|>|下一[张張]?)$", re.I)
PREV_PAGE = re.compile(r"^(?:上一?[頁页]|Prev(?:ious)?|«|‹|<)$", re.I)
LAST_PAGE = re.compile(r"^(?:尾[頁页]|末[頁页]|最後一?[頁页]|最后一?[页頁]|Last)$", re.I)
# A flash page's link to its older flashes: its next page (`加载更多`, `查看更多快讯`).
LOAD_MORE = re.compile(r"^(?:加[载載]更多|[查察]看更多|更多|点击加载更多|點擊加載更多|Load more)\S{0,4}$", re.I)
FIRST_PAGE = re.compile(r"^(?:首[頁页]|First)$", re.I)


# A field printed wholly in brackets (`【编辑：姚昊】`, `（ 责任编辑：魏喆 ）`): the inside.
_BRACKETED = re.compile(r"^[【\[［（(]\s*([^【】\[\]［］（）()]{2,40}?)\s*[】\]］）)]$")


def unbracketed(line: str) -> str:
    """A line's text without the brackets it is printed in whole, else the line."""
    if line[:1] in "【[［（(":
        m = _BRACKETED.match(line)
        if m:
            return m.group(1)
    return line


# The credits a site prints under a story, two or more in a short line, with slashes as
# often as colons: `药剂科供稿 摄影/张艳 编辑/苏芳`, `摄影：李强 审核：周明`.
_CREDIT_WORDS = ("摄影", "攝影", "编辑", "編輯", "责编", "責編", "美编", "美編", "审核", "審核", "校对", "校對", "文字",
                 "图片", "圖片")
_CREDIT = re.compile("供稿|" + "|".join(rf"{word}\s*[/／:：]" for word in _CREDIT_WORDS))  # words first: a fast scan


def is_credits(line: str) -> bool:
    return len(line) <= MAX_CREDITS_LINE and len(_CREDIT.findall(line)) >= MIN_CREDITS


def is_notice(line: str) -> bool:
    # every notice holds one of these characters: most lines are let go without a regex
    return (len(line) <= MAX_NOTICE and ("侵" in line or "载" in line or "載" in line or "权" in line or "權" in line)
            and NOTICE.search(line) is not None)


def split_labelled(line: str) -> dict[str, str]:
    """``'Author:x Time:y'`` -> ``{'author': 'x', 'time': 'y'}``, by label kind."""
    return dict(_labelled_values(line))  # a copy: a caller may add to it


@memo.per_short_line
def _labelled_values(line: str) -> dict[str, str]:
    out: dict[str, str] = {}
    matches = list(LABEL.finditer(line))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(line)
        value = line[m.end():end].strip()
        kind = label_kind(m.group("label"))
        if kind and kind not in out:
            out[kind] = value
    return out


_KINDS = tuple((kind, re.compile(pattern, re.I)) for kind, pattern in (
    ("author", AUTHOR), ("office", OFFICE), ("editor", EDITOR), ("time", TIME), ("tags", TAGS), ("source", SOURCE),
    ("summary", SUMMARY)))
_LEADING_PREFIX = re.compile(rf"^{_PREFIX}")


@memo.remembered(4096)  # a site prints the same few labels on every page
def label_kind(label: str) -> str | None:
    label = label.split("/")[0].strip()  # 作者/编辑: the first names the field
    for name in (label, _LEADING_PREFIX.sub("", label)):  # 发布于 is a label; 發佈日期 is 日期
        for kind, pattern in _KINDS:
            if pattern.fullmatch(name):
                return kind
    return None
