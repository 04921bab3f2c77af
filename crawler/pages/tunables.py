"""Every threshold the reader weighs a page by, named and said once, grouped by the stage
that reads it (``ArticlePage`` lists the stages). Lengths are in characters of collapsed
text, link densities are the share of a block's characters inside links. Changing one
changes how real pages read: run the fixtures, ``tests/test_variants.py`` and the real-page
score (``bench.realpages``) after.
"""
from __future__ import annotations

# -- parsing: what a page may hold before it is not read ---------------------------------
# Tags in a page beyond which it is not parsed (real news pages hold a few thousand).
MAX_TAGS = 300_000
# The longest <title> read: every heading is looked for in it (a 1 MB title is no headline).
MAX_TITLE = 500
# Elements nested deeper than this lose their wrapper tags (paragraphs and headings stay):
# the tree is walked recursively, and 100k nested <div>s would exhaust the stack.
MAX_DEPTH = 200
# A page this deep (real ones stay under 40 levels) has its chains of pure wrappers (an
# element holding one element and no text) collapsed to one: 300 nested <div>s mid-story
# split the story's paragraphs apart.
WRAPPED_DEPTH = 64
# The bytes searched for a late <meta> charset when the first 4 KB declare none.
MAX_HEAD = 64 * 1024
# Share of U+FFFD among a text's non-ASCII characters above which its codec is taken to be
# wrong: none in a page read right; 2-5% in GBK read as Big5.
MISMATCH_RATIO = 0.01
# Replacement characters a page may hold whatever its length (a stray byte, a cut tail).
MIN_GARBLED = 2
# Characters of text a hidden element (`visibility:hidden` until a script reveals it) holds
# at least to be read as the story, when the visible page holds less than this in
# paragraphs (of MIN_PARAGRAPH characters or more).
MIN_HIDDEN_STORY = 100
# Longest text still taken as a heading when a whole paragraph is bold.
MAX_BOLD_HEADING = 80
# The blocks at a page's top searched for what is printed above a story: the breadcrumb
# trail, the <title> printed as a plain line, a summary.
TOP_BLOCKS = 80
# A block this much link is a link: a logo, an entry's title, a row of menu links.
ALL_LINK = 0.9

# -- caches: verdicts found again on the lines a site prints on every page (``memo``) --------
# Lines, addresses or labels each cache keeps.
CACHED_LINES = 2048
# The longest line kept: a brief's length; a story's paragraph past it is weighed each time.
MAX_CACHED_LINE = 400

# -- page kind: an article, or a list ------------------------------------------------------
# Entries a page needs to be a list though its URL looks like an article's.
MIN_LIST_ENTRIES = 3
# Story characters under a headline the <title> names that make an article, whatever lists
# stand beside it: a real article's sidebars and related lists often hold more entries
# than a short story has characters, and may have a pager of their own.
MIN_TITLED_STORY = 50
# Story characters that outweigh a page's entries make an article of a page with a headline.
MIN_WEIGHED_STORY = 200
# The blocks at a page's top where labelled fields (`作者：`, `来源：`) mark an article.
LABEL_BLOCKS = 60
# Dated paragraphs a list page needs before it counts as a list of news flashes.
MIN_FLASHES = 2

# -- entries: the repeated links of lists and related lists --------------------------------
# An entry (a list item or related link) longer than this is a story, not an entry.
MAX_ENTRY_CHARS = 600
# Entries under one parent that make a group (a lone link is no list).
MIN_GROUP = 2
# Shortest link text taken for a headline on a site whose article URLs have no known shape
# (menus and tags are shorter: 首页, 区块链技术).
MIN_HEADLINE_LINK = 8
# Longest text of a pager link (`下一頁 >`, `Last`): a link with an article URL's shape
# (`/list/bnb/12.html`) and such a text is the pager's, never an entry.
MAX_PAGER_TEXT = 8
# Text beside an entry's link this short is a label (`上一篇：`, `NEW`), not a summary.
MAX_LABEL_CHARS = 4
# Letters (not digits, not punctuation) before a link in its paragraph that make it a
# link in running text; an entry's title has at most a date, a bullet or a short label
# (`上一篇：`, `头条`) before it.
MIN_LETTERS_BEFORE = 8
# An element with this many paragraph children or line breaks is prose, not an entry.
MIN_PROSE_LINES = 4

# -- breadcrumbs ----------------------------------------------------------------------------
# A trail printed as list items: its length, and the longest crumb before the last (the
# last may be the headline).
MIN_CRUMBS, MAX_CRUMBS, MAX_CRUMB_CHARS = 2, 6, 30
# The longest line read as a trail printed with separators (`首页 > 快讯 > BNB`).
MAX_CRUMB_LINE = 120

# -- headline ---------------------------------------------------------------------------------
# Shortest headline, and shortest headline left once an SEO affix is cut off.
MIN_HEADLINE = 4
# A headline the <title> names this long marks an article (a list's category heading is
# shorter); the longest heading taken for one.
MIN_TITLED_HEADLINE, MAX_HEADLINE = 8, 80
# Headings weighed as the headline: the first ones (a page of 100k <h1>s is no article's).
MAX_HEADINGS = 100
# Blocks looked back from the story for the heading over it, and lines one headline may take.
HEADING_LOOKBACK, MAX_HEADLINE_LINES = 4, 4
# A plain line taken for the <title> printed on the page: its length.
MIN_PRINTED_TITLE, MAX_PRINTED_TITLE = 6, 200
# A headline's line has less link than this (a line of links is a menu or a pager).
MAX_HEADLINE_LINKS = 0.5
# What may follow a headline printed again as the story's first line: an affix (`_ETH`).
MAX_REPEATED_AFFIX = 30
# The longest site name after a title's last separator.
MAX_SITE_NAME = 16
# The longest page line (header, footer, `Ctrl+D 名`) that shows a title's tail is the site's name.
MAX_SITE_LINE = 60

# -- story container: where the story's paragraphs are densest -------------------------------
# A block this long (without links) reads as story text when choosing the container.
MIN_PARAGRAPH = 20
# With less story text than this in blocks that long, lines this long count too, when
# there are that many of them (a story printed a clause or a word per line).
MIN_LONG_STORY, MIN_LINE, MIN_LINES = 200, 5, 4
# A story read line by line replaces the paragraph reading when it finds this many times
# the text.
LINE_READING_GAIN = 2
# The story characters an injected brief counts for: one short paragraph, whatever its length.
BRIEF_WEIGHT = MIN_PARAGRAPH
# Story text has less link than this.
MAX_STORY_LINKS = 0.3
# The container widens to its parent while the parent adds more than this share of text
# (a story split over sibling wrappers).
WIDEN_SHARE = 0.25
# Lines under an `<h1>` after the headline searched for its own date: then it is the next
# article's headline, and the story's territory ends there.
NEXT_HEADLINE_LINES = 2
# A copyright line this long or shorter is the footer's, never story.
MAX_FOOTER_LINE = 120

# -- story: the container's blocks, kept or dropped -----------------------------------------
# Below this much story text an article page is "empty".
MIN_STORY_CHARS = 30
# A lead (`导读：…`) whose first characters begin one of the next blocks repeats the story.
LEAD_OPENING, LEAD_LOOKAHEAD = 12, 3
# Blocks looked back from the story's box for its lead set apart (`导语：…`, `核心提示：…`).
LEAD_LOOKBACK = 3
# The longest summary line (`摘要：…`) read above the story.
MAX_SUMMARY_LINE = 400
# A line of links (share buttons, a pager): more link than this, in a line this short.
MIN_ROW_LINKS, MAX_ROW_LINE = 0.6, 120
# The longest value printed on the line after its bare label (`<dt>作者：</dt><dd>王小明</dd>`).
MAX_LABEL_VALUE = 30
# A longer line that names the site's notice terms (`如有侵权`) is story (an article about copyright).
MAX_NOTICE = 80
# A line of the site's credits under a story: its longest, and the credits it holds at least.
MAX_CREDITS_LINE, MIN_CREDITS = 60, 2
# The longest line read as a caption, a credit, a player's labels or a counter.
MAX_CAPTION = 100
# Characters of the line that ended a story quoted in the reason for dropping what follows.
QUOTED_END = 30

# -- fields: author, editor, date, tags --------------------------------------------------------
# The longest line read for labelled fields.
MAX_FIELD_LINE = 200
# Longest labelled name taken for an author or editor.
MAX_NAME = 30
# An edition date above the headline: blocks looked back, and the longest line holding one.
DATE_LOOKBACK, MAX_DATE_LINE = 8, 40
# A date under the headline: the lines looked at, and the longest line holding one.
DATE_LOOKAHEAD, MAX_DATED_LINE = 5, 100
# Story lines at either end searched for an unlabelled byline.
BYLINE_LINES = 6
# Lines after the story searched for a credit wholly in brackets (`（陶然）`).
CLOSING_LINES = 2
# Elements of a date/source line looked through for the name after the source (`<span>林青</span>`).
MAX_LINE_ELEMENTS = 20
# The longest name in a closing byline (`（记者 胡晓蓉）`): a Chinese name of two or three.
MAX_BYLINE_NAME = 3
# Longest plain-text tags line: a longer text after a tags label is not one.
MAX_PLAIN_TAGS = 120
# Tags kept from one page.
MAX_TAGS_KEPT = 50

# -- parts: an article printed over several pages ---------------------------------------------
# The highest page number read from a later page's URL.
MAX_PART = 999

# -- embedded JSON: an article a Next.js / Nuxt page holds only in its state script ----------
# Characters of one state script's JSON parsed at most (an article page's state is far smaller);
# occurrences of each marker looked at (a page naming `__NUXT__` in its text a million times).
MAX_STATE_JSON, MAX_STATE_MARKERS = 2_000_000, 8
# Objects and arrays of a parsed state walked, and how deep, looking for the article.
MAX_JSON_NODES, MAX_JSON_DEPTH = 20_000, 40
# Text characters a string needs to be an article's body (a teaser's summary is shorter).
MIN_JSON_STORY = 100
# The longest string taken for a headline in the JSON (a longer one is text, not a title).
MAX_JSON_HEADLINE = 200
# A body is prose: a space every so many characters, or this share of ideographs, in its
# first characters (a URL, a hash or base64 is neither).
PROSE_WORD_SPAN, PROSE_CJK, PROSE_SAMPLE = 20, 0.2, 1000
# The shortest id or slug of a state's object that names it in the page's URL (`/p/88120`):
# a shorter one is any number in a path.
MIN_STATE_ID = 3
# The JSON's story replaces the HTML's when it has this many times its characters (an HTML
# shell showing a teaser, or nothing, while the state holds the whole story).
JSON_STORY_GAIN = 2
