"""The request meta keys this project sets, prefixed as Scrapy's own are (``depth``,
``download_slot``, ``deltafetch_key``). Values are plain data, so a JOBDIR or a Redis queue
can keep them."""

ROLE = "news_role"  #: what the spider expects at the URL: one of the roles below
LIST_PAGE = "news_list_page"  #: the number of the list page a "next" link leads to
KNOWN_PAGES = "news_known_pages"  #: list pages in a row that held only known articles
ARTICLE = "news_article"  #: an article printed over pages: the item its pages so far make
FIRST_PAGE = "news_first_page"  #: … the URL of its first page
PART = "news_part"  #: … and the number of the page this request fetches

# Roles (``ROLE``): an entry of a list, a list's next page, another page of a list's pager,
# a section (category) of a site, and a later page of an article printed over several.
ARTICLE_ROLE, NEXT, PAGE, SECTION, PART_ROLE = "article", "next", "page", "section", "part"
