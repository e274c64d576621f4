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

Not used, on purpose: ``medcred_pjatk`` labels three-sentence excerpts (and planted edits), not whole
pages; ``monant_sample`` article bodies are cut to about 115 characters and its veracity labels are
mostly model predictions; CoAID texts are cut to ~500 lower-cased characters.
"""

from __future__ import annotations

import json
import re
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
        text = row.body_text if isinstance(row.body_text, str) else ""
        if not text.strip():
            continue
        docs.append(Document(id=f"recovery:{row.news_id}", text=text, label=float(int(row.reliability)),
                             group=str(row.publisher), source="recovery", url=_str(row.url)))
    return docs


def load_healthstory(path: Path) -> list[Document]:
    """HealthStory stories; credible = HealthNewsReview rating ≥ 3 (``label_fake == 0``)."""
    df = _read_csv(path, ("text", "label_fake", "url"))
    docs = []
    for row in df.itertuples(index=False):
        text = row.text if isinstance(row.text, str) else ""
        if not text.strip():
            continue
        docs.append(Document(id=f"healthstory:{row.news_id}", text=text, label=1.0 - float(int(row.label_fake)),
                             group=news_site(_str(row.url) or _str(getattr(row, "source", None)) or ""),
                             source="healthstory", url=_str(row.url)))
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


def _read_csv(path: Path, needed: tuple[str, ...]):  # noqa: ANN202 - a pandas DataFrame
    import pandas as pd

    df = pd.read_csv(path)
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}; has {list(df.columns)}")
    return df


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
