"""News pages for the HTML benchmarks: the PolNeAR development articles (../shared/data, real
2016 news text with its publisher, author, date and title) each set in the markup of a news
site: head metadata, navigation, a share bar, related links, a newsletter box, scripts, a
comment section and a footer. ../shared/data holds no saved web pages, so the page around the
text is ours; the text, and what trafilatura must find in it, is real.
"""

import csv
import html
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "attribution"
TEXTS = DATA / "polnear-dev" / "text"
METADATA = DATA / "polnear-metadata.tsv"

NAVIGATION = " ".join(
    f'<li><a href="/section/{name.lower()}">{name}</a></li>'
    for name in ("Politics", "World", "Business", "Tech", "Science", "Health", "Opinion")
)
SCRIPT = "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}"
SCRIPT += ";gtag('js',new Date());gtag('config','UA-000000-1');</script>"


@dataclass(frozen=True)
class NewsPage:
    name: str
    html: str
    text: str  # the article's own text, as published


def _metadata() -> dict[str, dict]:
    with METADATA.open(encoding="utf-8") as rows:
        return {row["filename"]: row for row in csv.DictReader(rows, delimiter="\t")}


def _related(number: int) -> str:
    return "".join(
        f'<li><a href="/2016/story-{number}-{n}">Related: another story about the campaign, '
        f"part {n}</a></li>"
        for n in range(6)
    )


def _page(text: str, meta: dict, number: int) -> str:
    title, author = html.escape(meta["title"]), html.escape(meta["author"])
    publisher, day = html.escape(meta["publisher"]), meta["publication_date"]
    paragraphs = "\n".join(
        f"<p>{html.escape(block.strip())}</p>" for block in text.split("\n") if block.strip()
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {publisher}</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="{publisher}">
<meta name="author" content="{author}">
<meta property="article:published_time" content="{day}T09:00:00Z">
<link rel="stylesheet" href="/static/site.css">{SCRIPT}</head>
<body><header class="site-header"><a class="logo" href="/">{publisher}</a>
<nav><ul>{NAVIGATION}</ul></nav><form role="search"><input name="q"></form></header>
<div class="ad-slot">Advertisement</div>
<main><article><h1>{title}</h1>
<div class="byline">By <span class="author">{author}</span> ·
<time datetime="{day}">{day}</time></div>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a>
<a href="#">Email</a></div>
<div class="article-body">
{paragraphs}
</div></article>
<aside class="newsletter"><h2>Sign up for our newsletter</h2><p>Get the day's top stories
in your inbox every morning.</p><form><input type="email"><button>Subscribe</button></form></aside>
<section class="related"><h2>More stories</h2><ul>{_related(number)}</ul></section>
<section class="comments"><h2>Comments</h2><div class="comment"><p>First!</p></div>
<div class="comment"><p>This is the best article I have read all week.</p></div></section>
</main>
<footer><ul><li><a href="/about">About us</a></li><li><a href="/privacy">Privacy</a></li>
<li><a href="/terms">Terms of use</a></li></ul><p>© 2016 {publisher}. All rights reserved.</p>
</footer>{SCRIPT}</body></html>"""


def news_pages() -> list[NewsPage]:
    """One page per PolNeAR development article; empty when ../shared is absent."""
    if not TEXTS.is_dir() or not METADATA.is_file():
        return []
    metadata = _metadata()
    pages = []
    for number, path in enumerate(sorted(TEXTS.glob("*.txt"))):
        meta = metadata.get(path.stem)
        if meta is None:
            continue
        text = path.read_text(encoding="utf-8")
        pages.append(NewsPage(path.stem, _page(text, meta, number), text))
    return pages
