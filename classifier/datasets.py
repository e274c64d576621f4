"""Loaders of the labelled credibility data, by path (the data stay where they are; nothing is copied).

Each loader returns :class:`Document` records with a label in P(credible) terms and a *group* for
grouped cross-validation:

- ReCOVery (``recovery_news.csv``, CC BY-NC-SA 4.0): COVID news; ``reliability`` is the *publisher's*
  rating (NewsGuard + Media Bias/Fact Check), not a judgement of the article, so group by publisher.
- HealthStory (``healthstory_news.csv``, FakeHealth; no licence stated): health news with
  HealthNewsReview ratings; ``label_fake`` = rating < 3. Grouped by the news site of the original URL
  (archive.org prefixes stripped), since the same outlet's house style would otherwise leak.
- The project's pages (``corpus/pages/pages.jsonl``): credible → 1, unreliable → 0, questionable → 0.5
  (a soft target; see :mod:`classifier.training`), with the ``dev`` / ``heldout`` split they carry.

The news CSVs keep what a page carries around its text (title, byline, publication date) in columns;
:attr:`Document.markup` puts them back into a small HTML page (``<title>``, ``<meta name="author">``,
``article:published_time``) so that the pipeline reads them the way it reads a scraped page, and the
credibility markers (a named author, a date) mean on the training data what they mean at scoring time.
``Document.text`` stays the plain title and body, the input of the word model and the TF-IDF baseline.

Not used, on purpose: ``medcred_pjatk`` labels three-sentence excerpts (and planted edits), not whole
pages; ``monant_sample`` article bodies are cut to about 115 characters and its veracity labels are
mostly model predictions; CoAID texts are cut to ~500 lower-cased characters.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .resources import CORPUS_DIR, shared_dir

PAGE_LABELS = {"credible": 1.0, "questionable": 0.5, "unreliable": 0.0}


@dataclass(frozen=True, slots=True)
class Document:
    """One labelled document. ``label`` is the target P(credible): 1, 0, or 0.5 for questionable."""

    id: str
    text: str
    label: float
    group: str
    source: str
    is_html: bool = False
    url: str | None = None
    split: str = ""
    kind: str = ""
    drug: str = ""
    band: str = ""
    #: The page as HTML when the data set keeps its title, byline and date in columns ("" = parse ``text``).
    markup: str = ""


def default_paths() -> dict[str, Path]:
    """Where each data set is expected: ``../shared/datasets/credibility`` and ``corpus/pages``."""
    base = (shared_dir() or Path("../shared")) / "datasets" / "credibility"
    return {
        "recovery": base / "recovery_news.csv",
        "healthstory": base / "healthstory_news.csv",
        "pages": CORPUS_DIR / "pages" / "pages.jsonl",
    }


def load_recovery(path: Path) -> list[Document]:
    """ReCOVery articles with their publisher-level reliability (1 reliable, 0 unreliable)."""
    df = _read_csv(path, ("body_text", "reliability", "publisher"))
    docs = []
    for row in df.itertuples(index=False):
        body = row.body_text if isinstance(row.body_text, str) else ""
        if not body.strip():
            continue
        title, authors, date = _str(getattr(row, "title", None)), _names(getattr(row, "author", None)), _date(getattr(row, "publish_date", None))
        docs.append(Document(id=f"recovery:{row.news_id}", text=_plain(title, body), label=float(int(row.reliability)),
                             group=str(row.publisher), source="recovery", url=_str(row.url),
                             markup=news_page(title, authors, date, body)))
    return docs


def load_healthstory(path: Path) -> list[Document]:
    """HealthStory stories; credible = HealthNewsReview rating ≥ 3 (``label_fake == 0``)."""
    df = _read_csv(path, ("text", "label_fake", "url"))
    docs = []
    for row in df.itertuples(index=False):
        body = row.text if isinstance(row.text, str) else ""
        if not body.strip():
            continue
        title, authors, date = _str(getattr(row, "title", None)), _names(getattr(row, "authors", None)), _date(getattr(row, "publish_date", None))
        docs.append(Document(id=f"healthstory:{row.news_id}", text=_plain(title, body), label=1.0 - float(int(row.label_fake)),
                             group=news_site(_str(row.url) or _str(getattr(row, "source", None)) or ""),
                             source="healthstory", url=_str(row.url), markup=news_page(title, authors, date, body)))
    return docs


def load_pages(path: Path) -> list[Document]:
    """The project's labelled pages (JSON lines: id, drug, kind, label, split, format, url, content)."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no labelled pages at {path}")
    docs = []
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                label = PAGE_LABELS[rec["label"]]
                content = rec["content"]
            except (ValueError, KeyError) as exc:
                raise ValueError(f"{path}:{i}: bad record ({exc}); labels are {sorted(PAGE_LABELS)}") from exc
            docs.append(Document(
                id=f"pages:{rec.get('id', i)}", text=content, label=label, group=str(rec.get("drug") or rec.get("id")),
                source="pages", is_html=rec.get("format") == "html", url=rec.get("url"), split=str(rec.get("split", "")),
                kind=str(rec.get("kind", "")), drug=str(rec.get("drug", "")), band=str(rec["label"]),
            ))
    return docs


LOADERS = {"recovery": load_recovery, "healthstory": load_healthstory, "pages": load_pages}


def load(name: str, path: Path | None = None) -> list[Document]:
    """Load a data set by name (``recovery``, ``healthstory``, ``pages``), from ``path`` or its default place."""
    if name not in LOADERS:
        raise ValueError(f"unknown data set {name!r}; known: {sorted(LOADERS)}")
    path = Path(path) if path is not None else default_paths()[name]
    if not path.is_file():
        raise FileNotFoundError(f"{name}: no file at {path} (the shared data sets live in ../shared/datasets)")
    return LOADERS[name](path)


_ARCHIVE = re.compile(r"^https?://web\.archive\.org/web/[^/]+/", re.I)


def news_site(url: str) -> str:
    """The site a story came from: host without ``www.``, archive.org wrappers removed."""
    url = _ARCHIVE.sub("", url.strip())
    if "//" not in url:
        url = "http://" + url
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        host = ""
    host = host.removeprefix("www.")
    # consumer.healthday.com and healthday.com are one outlet: keep the registrable part.
    parts = host.split(".")
    if len(parts) > 2 and parts[-2] not in ("co", "com", "org", "ac", "gov"):
        host = ".".join(parts[-2:])
    return host or "unknown"


def news_page(title: str | None, authors: Sequence[str], date: str | None, body: str) -> str:
    """A minimal HTML page from a news CSV row: title, author and date metadata, the body as paragraphs."""
    head = [f"<title>{html.escape(title)}</title>" if title else ""]
    head += [f'<meta name="author" content="{html.escape(a)}">' for a in authors[:3]]
    if date:
        head.append(f'<meta property="article:published_time" content="{html.escape(date)}">')
    paras = "".join(f"<p>{html.escape(p.strip())}</p>" for p in re.split(r"\n\s*\n|\n", body) if p.strip())
    h1 = f"<h1>{html.escape(title)}</h1>" if title else ""
    return f"<!doctype html><html><head>{''.join(head)}</head><body><article>{h1}{paras}</article></body></html>"


# Lists as the CSVs store them: "['A B', 'C D']" or '["A B"]', with typographic quotes in places.
_QUOTED = re.compile(r"[\"'‘’“”]([^\"'‘’“”]+)[\"'‘’“”]")
# Not people: HealthStory's scraper took "Min Read" and outlet names for authors.
_NOT_AUTHORS = {"min read", "reuters editorial", "abc news", "cbs news", "nbc news", "associated press", "staff"}


def _names(value: object) -> list[str]:
    if not isinstance(value, str):
        return []
    names = [n.strip() for n in _QUOTED.findall(value)] if value.lstrip().startswith("[") else [value.strip()]
    return [n for n in names if n and n.lower() not in _NOT_AUTHORS]


def _date(value: object) -> str | None:
    """An ISO date from a date string or epoch seconds (HealthStory), ``None`` when absent."""
    if isinstance(value, str) and value.strip():
        return value.strip()[:10]
    if isinstance(value, (int, float)) and value == value and value > 0:
        return dt.datetime.fromtimestamp(float(value), dt.timezone.utc).date().isoformat()
    return None


def _plain(title: str | None, body: str) -> str:
    return f"{title}\n\n{body}" if title else body


def _read_csv(path: Path, needed: tuple[str, ...]):  # noqa: ANN202 - a pandas DataFrame
    import pandas as pd

    df = pd.read_csv(path)
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}; has {list(df.columns)}")
    return df


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
