"""A link check of the whole build, without a network: every internal link (href, src, and the
#fragment it names) must resolve inside _build/html; external links are listed in
_build/browser/external-links.txt (and counted in the test output), never fetched."""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRS = {("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("iframe", "src"),
              ("source", "src")}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
            if (tag, name) in LINK_ATTRS and value:
                self.links.append(value)


@cache
def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    return page


def test_every_internal_link_resolves(html_dir, slides_dir, artifacts):
    pages = sorted(p for p in html_dir.rglob("*.html") if "_static" not in p.relative_to(html_dir).parts)
    assert pages
    broken: list[str] = []
    external: dict[str, set[str]] = defaultdict(set)
    checked = 0
    for page in pages:
        rel = page.relative_to(html_dir).as_posix()
        for link in parse(page).links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https", "mailto", "ftp") or link.startswith("//"):
                external[link].add(rel)
                continue
            if parts.scheme in ("data", "javascript", "blob"):
                continue
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.is_file() or html_dir.resolve() not in target.resolve().parents:
                broken.append(f"{rel}: {link} (no file)")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html" and fragment not in parse(target).ids:
                broken.append(f"{rel}: {link} (no #{fragment} there)")
    listing = artifacts / "external-links.txt"
    rows = [f"{url}\t{', '.join(sorted(where))}\n" for url, where in sorted(external.items())]
    listing.write_text("".join(rows))
    print(f"\n{checked} internal links resolve; {len(external)} external links listed in {listing}")
    assert not broken, f"{len(broken)} broken internal links:\n" + "\n".join(broken[:50])
