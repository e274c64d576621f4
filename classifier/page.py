"""Parse: bytes or str → :class:`Page` (decoded, repaired, main content, links with spans, metadata).

HTML goes through resiliparse (Lexbor-based, C): its main-content extraction, asked for "minimal
HTML", keeps paragraphs, list items, headings and ``<a href>`` — so link anchors get exact spans in
the text without a second pass. selectolax (also Lexbor) reads the title, meta tags, JSON-LD and every
link on the page (navigation included, which provenance markers need). Both were the fastest measured
here (≈ 830 and ≈ 2,100 pages/s; trafilatura ≈ 45, BeautifulSoup ≈ 60).
"""

from __future__ import annotations

import html as htmlmod
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from typing import Any

from .text import Span, count_words, lower_same_length, sentence_spans, word_spans

_HTML_SNIFF = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|p|div|a|br|span|meta|title|table|ul|li|h[1-6]|script|style)\b", re.I)
# Mojibake markers: "Ã", "Â" or "â" followed by a character of U+0080-U+00BF or one of €œ™šž ("â€" is one
# of these pairs, so it needs no alternative of its own). One character class first, no alternation: the
# regex engine then skips to the candidates in C instead of trying two branches at every position.
_MOJIBAKE = re.compile("[ÃÂâ][\u0080-\u00bf€œ™šž]")


class ParseError(ValueError):
    """The input cannot be turned into a page; ``reason`` is the short machine-readable cause."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink. ``start``/``end`` locate the anchor in ``Page.text`` (``-1`` when outside the main text)."""

    href: str
    anchor: str
    start: int = -1
    end: int = -1
    rel: str = ""


@dataclass(frozen=True, slots=True)
class Block:
    """A structural block of the main text: ``kind`` is p, h, li, ul, ol, pre or text."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Page:
    """A parsed page. Every offset anywhere in healthcred indexes :attr:`text`."""

    text: str
    url: str | None = None
    title: str | None = None
    is_html: bool = False
    links: tuple[Link, ...] = ()
    blocks: tuple[Block, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def lower(self) -> str:
        """Lower-cased text with the same length, so offsets carry over."""
        return lower_same_length(self.text)

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        return tuple(sentence_spans(self.text))

    @cached_property
    def words(self) -> tuple[tuple[int, int], ...]:
        """``(start, end)`` of every word."""
        return tuple(word_spans(self.text))

    @cached_property
    def n_words(self) -> int:
        # Reuse the word spans when a detector already needed them; otherwise count without building them.
        if "words" in self.__dict__:
            return len(self.words)
        return count_words(self.text)

    @property
    def text_links(self) -> tuple[Link, ...]:
        """Links whose anchor lies in the main text."""
        return tuple(link for link in self.links if link.start >= 0)

    def sentence_at(self, pos: int) -> Span | None:
        """The sentence span containing character ``pos``."""
        import bisect

        sents = self.sentences
        i = bisect.bisect_right([s.start for s in sents], pos) - 1
        if 0 <= i < len(sents) and sents[i].start <= pos < sents[i].end:
            return sents[i]
        return None


# --------------------------------------------------------------------------------------------------
# public entry points


def decode(data: bytes) -> str:
    """Decode bytes with the declared or detected charset; undecodable bytes become U+FFFD, never an error."""
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding

    if not data:
        return ""
    # A byte-order mark is the strongest evidence of the encoding there is (it beats a <meta charset>).
    for bom, codec in _BOM_CODECS:
        if data.startswith(bom):
            return _no_surrogates(data[len(bom) :].decode(codec, errors="replace"))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return _no_surrogates(bytes_to_str(data, detect_encoding(data)))
    except Exception:  # noqa: BLE001 - a lying or unknown charset must not lose the page
        return data.decode("utf-8", errors="replace")


# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOM_CODECS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)
_UNICODE_BOMS = tuple(bom for bom, _ in _BOM_CODECS)
_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogates(text: str) -> str:
    """Lone surrogates (from JSON escapes or bad decoders) become U+FFFD: same length, but encodable."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def looks_like_html(data: str | bytes) -> bool:
    head = data[:4096]
    if isinstance(head, str):
        head = head.encode("utf-8", errors="replace")
    return bool(_HTML_SNIFF.search(head))


def parse(data: str | bytes, *, url: str | None = None, is_html: bool | None = None) -> Page:
    """Parse HTML or plain text into a :class:`Page`.

    Parameters
    ----------
    data : str or bytes
        The page as fetched. Bytes are decoded (declared charset, then detection).
    url : str, optional
        Where the page came from; kept on the page for URL-based detectors.
    is_html : bool, optional
        Force HTML or plain-text handling; sniffed from the content when omitted.

    Raises
    ------
    ParseError
        For binary content (``reason="binary"``) and wrong argument types (``reason="bad_input"``).
    """
    if not isinstance(data, (str, bytes, bytearray)):
        raise ParseError("bad_input", f"page must be str or bytes, got {type(data).__name__}")
    if isinstance(data, (bytes, bytearray)):
        data = bytes(data)
        if not data.startswith(_UNICODE_BOMS) and _is_binary(data):
            raise ParseError("binary", "input looks binary (PDF, image or compressed data), not a web page")
        text = decode(data)
    else:
        text = _no_surrogates(data)
    if is_html is None:
        is_html = looks_like_html(text)
    return _parse_html(text, url) if is_html else _parse_text(text, url)


# --------------------------------------------------------------------------------------------------
# private helpers

_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\x1f\x8b", b"PK\x03\x04", b"GIF8", b"\xff\xd8\xff", b"BZh", b"\x7fELF")
# Control bytes other than tab, LF, VT, FF and CR.
_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or b > 13)


def _is_binary(data: bytes) -> bool:
    if data.startswith(_BINARY_MAGIC):
        return True
    head = data[:2048]
    if not head:
        return False
    # Text in any of the charsets we accept has (almost) no control bytes other than tab/CR/LF.
    # Counted in C (the bytes left after deleting every control byte), not by a loop over 2 KB.
    ctrl = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return ctrl / len(head) > 0.1


def _repair(text: str) -> str:
    """Mojibake repair (ftfy) only when the cheap check sees its markers: ftfy is slow on clean text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if _MOJIBAKE.search(text):
        import ftfy

        text = ftfy.fix_text(text, normalization=None, unescape_html=False, uncurl_quotes=False)
    return text


def _parse_text(text: str, url: str | None) -> Page:
    text = _repair(text)
    blocks = []
    for m in re.finditer(r"[^\n]+", text):
        blocks.append(Block("text", m.start(), m.end()))
    return Page(text=text, url=url, is_html=False, blocks=tuple(blocks), links=_text_links(text))


# Links written in plain text the way Markdown ("[anchor](https://...)") and forum BBCode ("[url=https://...]
# anchor[/url]") write them: the text is left as it is, and each link's anchor span points into it. Bounded
# classes, no nesting: linear on any input. A full Markdown parser would give the same links without offsets.
_MD_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\(<?([^\s()<>]{1,1000})>?(?:[ \t]{1,3}\"[^\"\n]{0,200}\")?\)")
_BB_LINK = re.compile(r"\[url=[\"']?([^\]\s\"']{1,1000})[\"']?\]([^\[\n]{1,300})\[/url\]", re.I)
_BB_BARE = re.compile(r"\[url\]([^\[\s]{1,1000})\[/url\]", re.I)


def _text_links(text: str) -> tuple[Link, ...]:
    if "](" not in text and "[/" not in text:  # a Markdown link's "](" or a BBCode link's closing "[/url]"
        return ()
    links = [Link(m.group(2), m.group(1), m.start(1), m.end(1)) for m in _MD_LINK.finditer(text)]
    links += [Link(m.group(1), m.group(2), m.start(2), m.end(2)) for m in _BB_LINK.finditer(text)]
    links += [Link(m.group(1), m.group(1), m.start(1), m.end(1)) for m in _BB_BARE.finditer(text)]
    return tuple(sorted(links, key=lambda link: link.start))


# Linear on hostile input: a run of blanks is only tried from its start (look-behind), and a tag
# cannot swallow the next "<" (resiliparse escapes "<" in text and attributes), so "<a <a <a ..."
# without ">" is not rescanned from every "<a".
_NEWLINE_RUN = re.compile(r"(?<![ \t])[ \t]*\n[ \t\n]*")
_SPACE_RUN = re.compile(r"[ \t]{2,}")
_TAG = re.compile(r"<(/?)(a|p|h[1-6]|ul|ol|li|pre|br)\b([^<>]*)>", re.I)
_HREF = re.compile(r"""href\s*=\s*"([^"]*)\"""", re.I)


def _parse_html(source: str, url: str | None) -> Page:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    # resiliparse's main-content pass grows with the square of <div>/<article> nesting depth (10,000
    # levels: 2 s; 20,000: 9 s), and so does selectolax's parse for most block elements (45,000 nested
    # <ul>: 10 s), in C where no timeout can stop them. Real pages nest a few dozen deep; past the
    # limit the page keeps all its visible text, and metadata is read with those tags removed.
    # Its "minimal HTML" also indents nested lists two spaces per level, so 90,000 nested <ul> would
    # become 16 GB of spaces: the block tags go before parsing.
    deep = _nesting_exceeds(source, MAX_MAIN_CONTENT_DEPTH)
    if deep:
        source = _NESTING_TAG_FULL.sub("", source)
    main_content = not deep
    tree = HTMLTree.parse(source)
    minimal = extract_plain_text(tree, preserve_formatting="minimal_html", main_content=main_content, links=True)
    full: str | None = None  # the extraction without the main-content heuristics, made at most once
    if main_content and _LEAD_IN_WITHOUT_LIST.search(minimal) and _has_bare_lead_in(minimal):
        full = extract_plain_text(tree, preserve_formatting="minimal_html", main_content=False, links=True)
        minimal = _restore_lists(minimal, full)
    text, links, blocks = _from_minimal_html(minimal)
    # The page length is needed anyway (length check, features): counted once here. Only the count:
    # the word spans themselves cost twice as much and the pipeline does not use them.
    n_words = count_words(text)
    # Main-content heuristics sometimes keep almost nothing (short pages, unusual templates), or on a small
    # page drop much of it as boilerplate (a shop's product list of links is its content): fall back to all
    # visible text when the main content is very short or a small page lost more than a third of its words.
    if main_content and n_words < _SMALL_PAGE_WORDS:
        if full is None:
            full = extract_plain_text(tree, preserve_formatting="minimal_html", main_content=False, links=True)
        text2, links2, blocks2 = _from_minimal_html(full)
        n_words2 = count_words(text2)
        if n_words2 > n_words and (n_words < 40 or (n_words2 <= _SMALL_PAGE_WORDS and 3 * n_words < 2 * n_words2)):
            text, links, blocks, n_words = text2, links2, blocks2, n_words2
    meta, all_links, title = _metadata(source)
    # Keep main-text links (with spans) and add the others (navigation, footer) without spans.
    seen = {(link.href, link.anchor) for link in links}
    extra = tuple(link for link in all_links if (link.href, link.anchor) not in seen)
    page = Page(text=text, url=url, title=title, is_html=True, links=links + extra, blocks=blocks, meta=meta)
    # Seed the cached property (the dataclass is frozen, but cached_property writes the instance dict).
    page.__dict__["n_words"] = n_words
    return page


# A paragraph that announces a list ("It is used for:") not followed by the list. resiliparse's
# main-content pass drops short lists as boilerplate, which would leave a leaflet looking like scrape
# residue; the full extraction still has them.
_LEAD_IN_WITHOUT_LIST = re.compile(r":[ \t]*</p>(?![ \t\n]*<[uo]l\b)")
_LEAD_IN_P = re.compile(r"<p>([^<>]{1,300}):[ \t]*</p>")
# Only ever matched right after "</p>"; the look-behind keeps a search linear on long blank runs too.
_LIST_OPEN = re.compile(r"(?<![ \t\n])[ \t\n]*<([uo]l)\b[^<>]*>")


def _has_bare_lead_in(main: str) -> bool:
    """Whether :func:`_restore_lists` could change ``main``: a lead-in paragraph not already followed by a list.

    Only then is the full extraction (another pass over the DOM) worth making.
    """
    return any(not _LIST_OPEN.match(main, m.end()) for m in _LEAD_IN_P.finditer(main))


def _restore_lists(main: str, full: str) -> str:
    """Put back, after each list lead-in of the main content, the list that follows it in the full text."""
    lists: dict[str, str] = {}
    for m in _LEAD_IN_P.finditer(full):
        opened = _LIST_OPEN.match(full, m.end())
        if opened is None:
            continue
        # str.find, not a lazy regex: linear even when a hostile page opens lists it never closes.
        close = full.find(f"</{opened.group(1)}>", opened.end())
        if close < 0:
            break
        lists.setdefault(" ".join(m.group(1).split()), full[opened.start():close + 5].strip())
    if not lists:
        return main

    def put_back(m: re.Match[str]) -> str:
        if _LIST_OPEN.match(main, m.end()):
            return m.group(0)
        found = lists.get(" ".join(m.group(1).split()))
        return m.group(0) + ("\n" + found if found else "")

    return _LEAD_IN_P.sub(put_back, main)


MAX_MAIN_CONTENT_DEPTH = 250
#: A page with at most this many visible words is small: boilerplate removal may take its content with it.
_SMALL_PAGE_WORDS = 200
_BLOCKS = r"(?:div|article|section|ul|ol|dl|nav|aside|header|footer|main|blockquote|fieldset|figure|figcaption|details|summary|form|center|menu|dir|address|hgroup|dialog)"
# The same names as _BLOCKS grouped by first letter: every "<" of the page is tried, and a shallow
# alternation fails sooner on the other tags (<span>, <a>, <img> ...); ~40 % less than the flat one.
_NESTING_TAG = re.compile(
    r"<(/?)(?i:d(?:iv|l|etails|ir|ialog)|a(?:rticle|side|ddress)|s(?:ection|ummary)|ul|ol|nav|h(?:eader|group)"
    r"|f(?:ooter|ieldset|igure|igcaption|orm)|m(?:ain|enu)|blockquote|center)[\s/>]"
)
_DEPTH_STEP = {"": 1, "/": -1}
_NESTING_TAG_FULL = re.compile(rf"</?{_BLOCKS}\b[^<>]*>", re.I)


def _nesting_exceeds(source: str, limit: int) -> bool:
    """Whether open block tags (``<div>``, ``<ul>`` ...) nest deeper than ``limit`` (a scan of the tags, no DOM)."""
    if source.count("<") <= limit:
        return False
    slashes = _NESTING_TAG.findall(source)  # "" for an opening tag, "/" for a closing one
    if len(slashes) <= limit:
        return False
    # Running depth by C-level accumulate; a stray closing tag clamps the depth at zero, which a plain
    # running sum does not, so only then is the loop needed.
    depths = list(accumulate(map(_DEPTH_STEP.__getitem__, slashes)))
    if min(depths) >= 0:
        return max(depths) > limit
    depth = 0
    for slash in slashes:
        if slash:
            depth = depth - 1 if depth else 0
        else:
            depth += 1
            if depth > limit:
                return True
    return False


def _from_minimal_html(minimal: str) -> tuple[str, tuple[Link, ...], tuple[Block, ...]]:
    """Turn resiliparse's minimal HTML into text plus link and block spans, in one pass."""
    minimal = _repair_markup(minimal)
    out: list[str] = []
    pos = 0
    links: list[Link] = []
    spans: list[tuple[str, int, int]] = []  # blocks, made into Block objects once, at the end
    open_blocks: list[tuple[str, int]] = []
    link_open: tuple[str, int] | None = None
    last = 0
    unescape = htmlmod.unescape

    def emit(chunk: str) -> None:
        nonlocal pos
        chunk = unescape(chunk)
        # Collapse runs of spaces/newlines inside a chunk: resiliparse pads tags with them.
        if "\n" in chunk:
            chunk = _NEWLINE_RUN.sub("\n", chunk)
        if "  " in chunk or "\t" in chunk:
            chunk = _SPACE_RUN.sub(" ", chunk)
        if not out or out[-1].endswith("\n"):
            chunk = chunk.lstrip(" \n")
        elif out[-1].endswith(" "):
            chunk = chunk.lstrip(" ")
        if not chunk:
            return
        out.append(chunk)
        pos += len(chunk)

    def newline(n: int = 1) -> None:
        nonlocal pos
        if not out:
            return
        chunk = out[-1]
        trimmed = chunk.rstrip(" ")
        if len(trimmed) != len(chunk):
            pos -= len(chunk) - len(trimmed)
            out[-1] = trimmed
        if trimmed and trimmed[-1] != "\n":
            have = 0  # the usual case, without joining the last chunks
        else:
            tail = "".join(out[-4:])
            have = len(tail) - len(tail.rstrip("\n"))
        if have < n:
            out.append("\n" * (n - have))
            pos += n - have

    for m in _TAG.finditer(minimal):
        if m.start() > last:
            emit(minimal[last : m.start()])
        last = m.end()
        slash, tag, attrs = m.groups()
        closing, tag = slash == "/", tag.lower()
        if tag == "a":
            if not closing:
                href = _HREF.search(attrs)
                link_open = (htmlmod.unescape(href.group(1)) if href else "", pos)
            elif link_open is not None:
                href, start = link_open
                link_open = None
                anchor_text = _tail(out, pos - start) if pos > start else ""
                lead = len(anchor_text) - len(anchor_text.lstrip())
                trail = len(anchor_text) - len(anchor_text.rstrip())
                s, e = start + lead, pos - trail
                if e > s:
                    links.append(Link(href=href, anchor=anchor_text[lead : len(anchor_text) - trail], start=s, end=e))
                elif href:
                    links.append(Link(href=href, anchor=""))
            continue
        if tag == "br":
            newline(1)
            continue
        kind = "h" if tag[0] == "h" else tag
        if not closing:
            newline(2 if kind in ("p", "h", "pre") else 1)
            open_blocks.append((kind, pos))
        else:
            for i in range(len(open_blocks) - 1, -1, -1):
                if open_blocks[i][0] == kind:
                    k, s = open_blocks.pop(i)
                    spans.append((k, s, pos))
                    break
            newline(2 if kind in ("p", "h", "pre") else 1)
    if last < len(minimal):
        emit(minimal[last:])
    text = "".join(out)
    stripped = text.rstrip()
    text = stripped + ("\n" if stripped else "")
    # Block/links spans past a trailing cut are clamped.
    n = len(text)
    blocks = [Block(k, min(s, n), min(e, n)) for k, s, e in spans]
    blocks.sort(key=lambda b: (b.start, -b.end))
    return text, tuple(links), tuple(blocks)


def _tail(chunks: list[str], n: int) -> str:
    """The last ``n`` characters of ``"".join(chunks)``, joining only the chunks needed.

    Joining the whole output at every ``</a>`` made pages with many links quadratic (100,000 links: 90 s).
    """
    k, have = len(chunks), 0
    while k > 0 and have < n:
        k -= 1
        have += len(chunks[k])
    tail = "".join(chunks[k:])
    return tail[len(tail) - n :] if n else ""


def _repair_markup(minimal: str) -> str:
    # Mojibake is repaired before spans are computed so that offsets index the repaired text.
    if _MOJIBAKE.search(minimal):
        import ftfy

        minimal = ftfy.fix_text(minimal, normalization=None, unescape_html=False, uncurl_quotes=False)
    return minimal


_META_KEYS = {
    "author": "author",
    "article:author": "author",
    "dc.creator": "author",
    "citation_author": "author",
    "article:published_time": "published",
    "datepublished": "published",
    "dc.date": "published",
    "citation_publication_date": "published",
    "date": "published",
    "article:modified_time": "modified",
    "og:updated_time": "modified",
    "datemodified": "modified",
    "description": "description",
    "og:description": "description",
    "og:site_name": "site_name",
    "og:type": "og_type",
    "citation_doi": "doi",
}


def _metadata(source: str) -> tuple[dict[str, Any], tuple[Link, ...], str | None]:
    """Title, meta tags, JSON-LD facts and all links, from one selectolax parse."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(source)
    meta: dict[str, Any] = {}
    title_node = tree.css_first("title")
    title = title_node.text(strip=True) if title_node is not None else None
    for node in tree.css("meta"):
        attrs = node.attributes
        key = (attrs.get("name") or attrs.get("property") or attrs.get("itemprop") or "").strip().lower()
        target = _META_KEYS.get(key)
        content = (attrs.get("content") or "").strip()
        if target and content and target not in meta:
            meta[target] = content
    for node in tree.css('script[type="application/ld+json"]'):
        _jsonld(node.text(strip=False), meta)
    for node in tree.css("time[datetime]"):
        meta.setdefault("published", node.attributes.get("datetime") or "")
        break
    links: list[Link] = []
    for node in tree.css("a[href]"):
        attrs = node.attributes  # a new dict on every access: read it once per link
        href = (attrs.get("href") or "").strip()
        # strip=True strips each text node and joins them with nothing: "Buy <b>Valium</b> online" would
        # read "BuyValiumonline". The whole text, white space collapsed, keeps the words apart.
        anchor = " ".join(node.text(strip=False).split())
        links.append(Link(href=href, anchor=anchor, rel=(attrs.get("rel") or "")))
    if not title:
        title = meta.get("og_title")
    return meta, tuple(links), title or None


def _jsonld(raw: str, meta: dict[str, Any]) -> None:
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return
    stack = [data]
    seen = 0
    while stack and seen < 200:  # bounded: JSON-LD from the wild can be huge or cyclic in spirit
        item = stack.pop()
        seen += 1
        if isinstance(item, list):
            stack.extend(item[:50])
        elif isinstance(item, dict):
            for key, target in (("author", "author"), ("datePublished", "published"), ("dateModified", "modified"),
                                ("reviewedBy", "reviewer"), ("lastReviewed", "reviewed")):
                value = item.get(key)
                if value and target not in meta:
                    meta[target] = _name_of(value)
            if "@graph" in item:
                stack.append(item["@graph"])


def _name_of(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("name") or value.get("@id") or "")
    if isinstance(value, list):
        return ", ".join(_name_of(v) for v in value[:5])
    return str(value)
