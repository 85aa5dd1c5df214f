"""The whole book (atlas_tools/book/, `make book`): the PDF Chromium prints and the EPUB ebooklib
writes, made once from the session's built site, then read back as a reader's software would."""

from __future__ import annotations

import html
import json
import re
import subprocess
import zipfile

import pikepdf
import pytest

from atlas_build import sections, urls
from atlas_tools.book import FILES, cli
from atlas_tools.book.collect import page_url
from atlas_tools.built import parse
from atlas_tools.links import broken_one

pytestmark = pytest.mark.browser  # one worker prints it, once

EPUBCHECK = "/usr/share/java/epubcheck.jar"
NAV = sections.nav(urls.read_config())


@pytest.fixture(scope="session")
def book(site, browser):
    return cli.build(site, browser)


@pytest.fixture(scope="session")
def epub_files(book) -> dict[str, str]:
    with zipfile.ZipFile(book["epub"]) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xhtml", ".opf", ".ncx"))}


def article(site, url: str) -> str:
    text = (site / url / "index.html").read_text(encoding="utf-8")
    return text.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]


def test_the_book_is_written_where_the_pages_link(site, book):
    assert sorted(p.relative_to(site).as_posix() for p in book.values()) == sorted(FILES)
    for _, source in NAV:
        page = site / page_url(source) / "index.html"
        # This build's book; /editions/ also links each frozen edition's own book, under editions/ID/.
        hrefs = [h for h in parse(page).links if "downloads/genai-atlas." in h and "/editions/" not in h]
        assert len(hrefs) == 2, f"{source}: {hrefs}"
        assert all(broken_one(site, page, h) is None for h in hrefs)


def h1(site, source: str) -> str:
    m = re.search(r"<h1[^>]*>(.*?)</h1>", article(site, page_url(source)), re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).replace("¶", "").split())


def test_pdf_has_an_outline_and_every_section_as_a_named_destination(site, book):
    with pikepdf.open(book["pdf"]) as pdf:
        pages = len(pdf.pages)
        assert pages >= 100, f"{pages} pages"
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
        dests = set(pdf.Root.Dests.keys()) if "/Dests" in pdf.Root else set()
        subject = str(pdf.docinfo.get("/Subject", ""))
        internal = [str(a.Dest) for page in pdf.pages for a in page.get("/Annots", []) if "/Dest" in a]
    chapters = [h1(site, source) for _, source in NAV]
    assert [t for t in titles if t in chapters] == chapters, f"the outline's top level is not the chapters in order: {titles}"
    # Section ids used on one page keep their names; ids used on several get the page's name first.
    for name in ("elbo", "self-attention", "bpe-step-by-step", "reparameterization-trick", "concepts-gans-key-papers"):
        assert f"/{name}" in dests, f"no named destination {name}"
    assert len(dests) > 300
    missing = sorted({d for d in internal if d not in dests})
    assert len(internal) > 1000 and not missing, f"internal links to no destination: {missing[:5]}"
    assert "edition of " in subject and re.search(r"\d{4}-\d\d-\d\d", subject), subject


def test_epub_passes_epubcheck(book, tmp_path):
    report = tmp_path / "epubcheck.json"
    subprocess.run(["java", "-jar", EPUBCHECK, str(book["epub"]), "--json", str(report)], capture_output=True, timeout=300, check=False)
    messages = json.loads(report.read_text(encoding="utf-8"))["messages"]
    serious = [f"{m['severity']} {m['ID']}: {m['message']} ({m['locations'][:1]})" for m in messages if m["severity"] in ("FATAL", "ERROR", "WARNING")]
    assert not serious, "\n".join(serious[:20])


def test_epub_carries_every_formula_diagram_table_and_figure_of_the_site(site, epub_files):
    chapters = {n: t for n, t in epub_files.items() if n.startswith("EPUB/text/") and not n.endswith("00-title.xhtml")}
    assert len(chapters) == len(NAV)
    book_text = "".join(chapters.values())
    pages = "".join(article(site, page_url(source)) for _, source in NAV)
    for what, pattern in (("formulas", r"<math\b"), ("diagrams", r'<svg[^>]*class="atlas-diagram'), ("tables", r"<table\b"),
                          ("interactive figures (as their tables)", r'data-atlas-figure="')):
        assert len(re.findall(pattern, book_text)) == len(re.findall(pattern, pages)) > 0, what
    assert "<button" not in book_text and "<script" not in book_text and "<iframe" not in book_text
    assert re.findall(r"<details\b", book_text) and not re.findall(r"<details(?![^>]*\bopen)", book_text), "answers folded away"
    vaes = next(t for n, t in chapters.items() if n.endswith("concepts-vaes.xhtml"))
    assert 'id="elbo"' in vaes and 'id="reparameterization-trick"' in vaes
    nav = epub_files["EPUB/nav.xhtml"]
    for title, _ in NAV:
        assert f">{title}<" in nav.replace("&amp;", "&"), f"EPUB contents lack {title!r}"
    opf = epub_files["EPUB/content.opf"]
    assert re.search(r"<dc:date>\d{4}-\d\d-\d\d</dc:date>", opf) and "CC BY 4.0" in opf
    assert "Edition of" in epub_files["EPUB/text/00-title.xhtml"]
