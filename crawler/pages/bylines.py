"""Bylines printed without a label: the writer's name where Chinese news prints it.

`（记者 胡晓蓉）` closing a story, `新华社巴黎12月9日电（记者唐霁）` or `（刘艺、杨吉）` in the
dateline, `本报记者 葛灵丹` or `澎湃新闻记者 贺梨萍` on a line of its own, `文/图 刘玺东 易赛楠`,
`记者马俊峰/文`, `执笔/叨叨姐、胡一刀`, `《棱镜》作者 周纯`, `By 张三`, `石佳/中国青年报`,
`文丨某栏目特约评论员 何明`. Editors (责任编辑) are never bylines: the labels find them (``labels.EDITOR``).
"""
from __future__ import annotations

import re

from ..text.dates import DATE_IN_TEXT
from . import memo
from .labels import LABEL, label_kind
from .tunables import MAX_BYLINE_NAME

# A Chinese name: two to four characters (格桑边觉), a dot inside a transliterated one; a
# name of two printed with a space between them to line up with names of three (`马 丽`).
_NAME = r"[\u4e00-\u9fff]{2,4}(?:[·•][\u4e00-\u9fff]{1,6})?"
_PADDED = r"[\u4e00-\u9fff][ \u3000][\u4e00-\u9fff](?![\u4e00-\u9fff])"
_ANY_NAME = rf"(?:{_NAME}|{_PADDED})"
_NAMES = rf"(?P<names>{_ANY_NAME}(?:\s*[、,，&＆]\s*{_ANY_NAME}|\s+{_ANY_NAME})*)"
_ROLE = (r"(?:本报|本報|本刊|特约|特約|见习|見習|实习|實習|首席)?"
         r"(?:记者|記者|通讯员|通訊員|评论员|評論員|撰稿人|专栏作家|專欄作家|专栏作者|專欄作者)")
_ROLE_WORD = re.compile(_ROLE)
_PADDED_NAME = re.compile(rf"(?<![\u4e00-\u9fff])({_PADDED})")
# Marks some papers print before a byline (`□ 本报记者 李华`).
_BULLET = r"[□■●○◆◇★☆▲△◎▪▫]?\s*"
# The dateline after the names (`钱进 河北保定报道`): a place, not a name.
_DATELINE = re.compile(r"\s+(?!\S*(?:记者|記者|通讯员|通訊員))[\u4e00-\u9fff]{2,8}(?:报道|報道)$"
                       r"|\s+(?:发自|發自)[\u4e00-\u9fff]{2,8}$")
_REPORTED = re.compile(r".+(?:报道|報道)$")
# The credits after a byline's names, printed without a colon (`记者 张三 编辑 李四 校对 王五`).
_CREDIT_WORD = re.compile(r"\s(?:编辑|編輯|责编|責編|校对|校對|审核|審核|审校|審校|美编|美編|监制|監製)\s")
# Words printed after the names inside a byline, not names themselves.
_TRAILING = frozenset("整合 报道 報道 摄影 攝影 摄 攝 采写 採寫 撰文 综合 綜合 编译 編譯 发自 發自 "
                      "实习生 實習生".split())
# Longest line that is a byline and nothing else.
MAX_BYLINE_LINE = 40

_IN_TEXT = [
    # （记者 胡晓蓉）（总台记者 张倩）
    re.compile(rf"[（(]\s*[\u4e00-\u9fff]{{0,6}}?{_ROLE}\s*{_NAMES}[^（()）]{{0,8}}[)）]"),
    re.compile(rf"(?:电|電|讯|訊)\s*[（(]\s*{_NAMES}\s*[)）]"),                 # …12月9日电（刘艺、杨吉）
    re.compile(rf"(?:^|[（(\s])文\s*[/／|｜丨·]\s*(?:图\s*|圖\s*)?(?:\S{{0,12}}?{_ROLE}\s*)?{_NAMES}"),  # 文/图 刘玺东
    re.compile(rf"{_ROLE}\s*{_NAMES}\s*[/／]\s*文"),                            # 记者马俊峰/文
]
_LINE = [
    # □ 本报记者 贺梨萍, 澎湃新闻 记者 贺梨萍, 界面新闻记者 | 贺梨萍
    re.compile(rf"^{_BULLET}(?:(?:采写|採寫|撰文|执笔|執筆)\s*[:：/]\s*)?(?:\S{{0,12}}?\s?)?{_ROLE}\s*[|｜丨:：]?\s*{_NAMES}$"),
    re.compile(rf"^(?:执笔|執筆|撰文|采写|採寫)\s*[/／]\s*{_NAMES}$"),                  # 执笔/叨叨姐、胡一刀
    re.compile(rf"^\S{{0,12}}作者(?:\s*[|｜丨]\s*|\s+){_NAMES}$"),                  # 《棱镜》作者 周纯, 作者 | 周纯
    re.compile(rf"^By\s+{_NAMES}$", re.I),                                          # By 张三
    re.compile(rf"^{_NAMES}\s*[/／]\s*\S{{2,12}}(?:报|報|网|網|社|台|刊)$"),           # 石佳/中国青年报
]
# What the patterns above cannot match without: one search lets most lines go at once.
# Every alternative opens with one character, in either case spelled out, so the regex
# engine skips to the next such character instead of trying every word at every position.
_IN_TEXT_WORDS = re.compile(r"記者|记者|通讯员|通訊員|評論員|评论员|撰稿人|專欄|专栏"
                            r"|电\s*[（(]|電\s*[（(]|讯\s*[（(]|訊\s*[（(]|文\s*[/／|｜丨·]")
_LINE_WORDS = re.compile("記者|记者|通讯员|通訊員|評論員|评论员|撰稿人|專欄|专栏|作者|/|／|By|BY|by|bY")
# `（常书香 马丹阳）` closing the story: names alone, each with a common surname, and
# maybe the place they report from (`（孙立 广州报道）`).
_CLOSING = re.compile(rf"[（(]\s*{_NAMES}\s*[)）]\s*$")
_SURNAMES = frozenset(
    "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖萧蕭田董袁潘于蒋蔣"
    "蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付方白邹鄒孟熊秦邱江尹薛闫閆段雷侯龙龍史陶黎"
    "贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔向汤湯常温溫康施文牛樊葛邢安齐齊易乔喬伍庞龐颜顏倪庄莊聂聶章鲁魯岳翟殷詹申"
    "欧歐耿关關兰蘭焦俞左柳甘祝包宁寧尚符舒阮柯纪紀梅童凌毕畢单單季裴霍涂成苗谷盛曲翁冉骆駱蓝藍路游辛靳管柴蒙鲍鮑华華喻"
    "祁蒲房滕屈饶饒解牟艾尤阳陽时時穆农農司卓古吉缪繆简簡车車项項连連芦蘆麦麥褚娄婁窦竇戚岑景党宫宮费費卜冷晏席卫衛米柏"
    "宗瞿桂全佟应應臧闵閔苟邬鄔边邊卞姬师師和仇栾欒隋商刁沙荣榮巫寇桑郎甄丛叢仲虞敖巩鞏明佘池查麻苑迟遲邝鄺"
)
_COMPOUND_SURNAMES = ("欧阳", "歐陽", "司马", "司馬", "上官", "诸葛", "諸葛", "东方", "東方", "皇甫", "尉迟",
                      "公孙", "令狐", "慕容")


# A self-media account beside the post's date under the headline: `爱否科技 昨天` (WeChat),
# `2019-05-17 · 苏皖城市报道` (网易号). A date, a space and a name is an outlet's source line
# (`2019-09-26 10:56:28 证券时报网`), not this.
_ACCOUNT = r"(?P<names>[^\s·•|｜:：\d][^\s·•|｜:：]{1,11})"
_RELATIVE_DAY = r"(?:昨天|今天|前天|刚刚|剛剛|\d{1,2}\s*(?:分钟|分鐘|小时|小時|天)前)"
# Where a post was sent from, after its date (`· 发布于广东`, `IP属地：浙江`).
_POSTED_FROM = r"(?:\s*[·•|｜]?\s*(?:发布于|發布於|發佈於|IP属地|IP屬地)\s*[:：]?\s*[\u4e00-\u9fff]{2,8})?"
_BESIDE_DATE = [
    re.compile(rf"^(?:原创|原創)?\s*{_ACCOUNT}\s+(?:{_RELATIVE_DAY}|{DATE_IN_TEXT.pattern}){_POSTED_FROM}$"),
    re.compile(rf"^(?:{DATE_IN_TEXT.pattern})\s*[·•]\s*{_ACCOUNT}$"),
    # 某某 于 2024-03-08 11:11 发布
    re.compile(rf"^{_ACCOUNT}\s*(?:于|於)\s*(?:{_RELATIVE_DAY}|{DATE_IN_TEXT.pattern})\s*(?:发布|發布|發佈)$"),
]
# Words that make the subject of `… 于 DATE 发布` something other than a writer (`最新推荐文章`).
_NOT_ACCOUNT = re.compile(r"文章|推荐|推薦|最新|更新|本文|評論|评论")
# What follows an account's name on the line under a headline: its follow button, the date,
# where it posted from (`发布于广东`, `IP属地：浙江`).
_AFTER_ACCOUNT = re.compile(rf"^(?:[·•|｜]\s*)?(?:[于於]\s*)?(?:\+?\s*(?:关注|關注|订阅|訂閱)|{_RELATIVE_DAY}"
                            rf"|{DATE_IN_TEXT.pattern}|(?:发布于|發布於|發佈於|IP属地|IP屬地))")
# The name between the date and the source: `2005年3月2日09:10 [ 郑凯 ] 来源：`.
_BESIDE_SOURCE = re.compile(rf"^(?:{DATE_IN_TEXT.pattern})\s*(?:[\[［【(（]\s*{_NAMES}\s*[\]］】)）]"
                            r"|\s(?P<person>[\u4e00-\u9fff]{3})\s)\s*(?:来源|來源|稿源)")
# The roles printed after a columnist's name (`某证券首席经济学家`, `特约评论员`).
_COLUMNIST = re.compile(r"(?:经济学家|經濟學家|分析师|分析師|研究员|研究員|评论员|評論員|专栏作家|專欄作家"
                        r"|撰稿人|教授|主编|主編|记者|記者|作者)$")
# The last characters of an outlet's or an office's name, never a person's.
_OUTLET_END = "报報网網社台刊站号號讯訊部局厅廳院会會所司处處界"


def _names(m: re.Match) -> list[str]:
    """The names of a match, without the words printed among them: roles (`见习记者`), what
    the writer did (`整合`), where from (`广州报道`)."""
    text = _PADDED_NAME.sub(lambda p: p.group(1).replace(" ", "").replace("\u3000", ""), m.group("names"))
    tokens = [n for n in re.split(r"[\s、,，&＆]+", text) if n]
    if tokens and _REPORTED.match(tokens[0]) and is_person(tokens[0][:-2]):  # `记者张三报道`: the name, glued
        tokens[0] = tokens[0][:-2]
    return [n for n in tokens
            if n not in _TRAILING and not _ROLE_WORD.fullmatch(n) and not _ROLE_WORD.search(n[-3:])
            and not _REPORTED.match(n)]


def _byline_part(line: str) -> str:
    """A byline line without what follows its names: the next field (`来源：…`), the place
    reported from (`河北保定报道`)."""
    label = next((m for m in LABEL.finditer(line) if m.start() and label_kind(m["label"]) != "author"), None)
    label = label or _CREDIT_WORD.search(line)
    if label and label.start() > 0:
        line = line[: label.start()].rstrip()
    return _DATELINE.sub("", line)


def _has_surname(name: str) -> bool:
    return name[0] in _SURNAMES or name.startswith(_COMPOUND_SURNAMES)


@memo.per_short_line
def in_line(line: str) -> str | None:
    """The names a byline in ``line`` gives, space-separated, or None."""
    if len(line) <= MAX_BYLINE_LINE and _may_be_line(line):
        part = _byline_part(line)
        for pattern in _LINE:
            m = pattern.match(part)
            if m and (names := _names(m)):
                return " ".join(names)
    if _IN_TEXT_WORDS.search(line):
        for pattern in _IN_TEXT:
            m = pattern.search(line)
            if m and (names := _names(m)):
                return " ".join(names)
    return None


def _may_be_line(line: str) -> bool:
    return _LINE_WORDS.search(line) is not None


def beside_date(line: str) -> str | None:
    """The account named beside the date in the line under a headline, or None."""
    if len(line) > MAX_BYLINE_LINE:
        return None
    for pattern in _BESIDE_DATE:
        m = pattern.match(line)
        # `作者 2024-01-02` names no one
        if m and label_kind(m.group("names")) is None and not _NOT_ACCOUNT.search(m.group("names")):
            return m.group("names")
    return None


def after_account(rest: str) -> bool:
    """Whether ``rest``, printed after a link's text under a headline, makes that text an account."""
    return _AFTER_ACCOUNT.match(rest) is not None


def beside_source(line: str) -> str | None:
    """The names in brackets between the date and the source label, or None."""
    m = _BESIDE_SOURCE.match(line) if len(line) <= MAX_BYLINE_LINE * 2 else None
    # printed bare, it must be a person's name of three (a section's name is often two: `文化`)
    if m and m["person"]:
        return m["person"] if is_person(m["person"]) else None
    names = _names(m) if m else None
    return " ".join(names) if names else None


def with_role(line: str) -> str | None:
    """A columnist's name and role on a line of their own (`邵衡 某证券首席经济学家`): the name."""
    match line.split(maxsplit=1):
        case [name, role] if len(line) <= MAX_BYLINE_LINE and is_person(name) and _COLUMNIST.search(role):
            return name
    return None


_TWO_OR_THREE_HAN = re.compile(r"[\u4e00-\u9fff]{2,3}")
_ACCOUNT_LINE = re.compile(_ACCOUNT)


def is_person(text: str) -> bool:
    """A Chinese person's name and nothing else: two or three characters, a common surname
    first, and not the last character of an outlet's name (`尹娟`, never `和讯网`)."""
    return (_TWO_OR_THREE_HAN.fullmatch(text) is not None and _has_surname(text)
            and text[-1] not in _OUTLET_END)


def is_account(line: str) -> bool:
    """A line that may be an account's name and nothing else (`IT之家`)."""
    return _ACCOUNT_LINE.fullmatch(line) is not None and label_kind(line) is None and not DATE_IN_TEXT.search(line)


def closing(paragraph: str) -> str | None:
    """Names in parentheses closing a story's last paragraph (`…的决心。（常书香 马丹阳）`)."""
    m = _CLOSING.search(paragraph)
    if not m:
        return None
    names = _names(m)
    return " ".join(names) if names and all(len(n) <= MAX_BYLINE_NAME and _has_surname(n) for n in names) else None


def is_byline(line: str) -> bool:
    """A line that is a byline and nothing else (`澎湃新闻记者 贺梨萍`): not story."""
    if len(line) > MAX_BYLINE_LINE or not _may_be_line(line):
        return False
    part = _byline_part(line)
    return any(p.match(part) for p in _LINE)
