"""Open the Debian WordNet 3.0 files with nltk, for the artifact build only (never at scoring time).

Debian's ``wordnet-base`` installs the database under ``/usr/share/wordnet`` but leaves out
``lexnames``, which nltk's reader insists on; the reader also wants an nltk-data-style folder. Both are
made here in a temporary directory, so nothing is downloaded and nothing outside it is written.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

WORDNET_DIR = Path("/usr/share/wordnet")

#: The 45 lexicographer files of WordNet 3.0 with their syntactic category (1 noun, 2 verb, 3 adj, 4 adv).
LEXNAMES = (
    ("adj.all", 3),
    ("adj.pert", 3),
    ("adv.all", 4),
    ("noun.Tops", 1),
    ("noun.act", 1),
    ("noun.animal", 1),
    ("noun.artifact", 1),
    ("noun.attribute", 1),
    ("noun.body", 1),
    ("noun.cognition", 1),
    ("noun.communication", 1),
    ("noun.event", 1),
    ("noun.feeling", 1),
    ("noun.food", 1),
    ("noun.group", 1),
    ("noun.location", 1),
    ("noun.motive", 1),
    ("noun.object", 1),
    ("noun.person", 1),
    ("noun.phenomenon", 1),
    ("noun.plant", 1),
    ("noun.possession", 1),
    ("noun.process", 1),
    ("noun.quantity", 1),
    ("noun.relation", 1),
    ("noun.shape", 1),
    ("noun.state", 1),
    ("noun.substance", 1),
    ("noun.time", 1),
    ("verb.body", 2),
    ("verb.change", 2),
    ("verb.cognition", 2),
    ("verb.communication", 2),
    ("verb.competition", 2),
    ("verb.consumption", 2),
    ("verb.contact", 2),
    ("verb.creation", 2),
    ("verb.emotion", 2),
    ("verb.motion", 2),
    ("verb.perception", 2),
    ("verb.possession", 2),
    ("verb.social", 2),
    ("verb.stative", 2),
    ("verb.weather", 2),
    ("adj.ppl", 3),
)

#: The database files the build reads (their hashes go into the artifact manifest).
DATABASE_FILES = (
    "data.noun",
    "data.verb",
    "data.adj",
    "data.adv",
    "index.noun",
    "index.verb",
    "index.adj",
    "index.adv",
    "index.sense",
    "noun.exc",
    "verb.exc",
    "adj.exc",
    "adv.exc",
    "cntlist.rev",
)


def lexnames_text() -> str:
    """The ``lexnames`` file nltk expects: ``NN<TAB>name<TAB>category`` per line."""
    return "".join(f"{i:02d}\t{name}\t{cat}\n" for i, (name, cat) in enumerate(LEXNAMES))


def available(source: Path = WORDNET_DIR) -> bool:
    """True when the Debian WordNet database is installed at ``source``."""
    return all((source / name).is_file() for name in DATABASE_FILES)


def open_wordnet(source: Path = WORDNET_DIR, workdir: Path | None = None) -> Any:
    """An nltk ``WordNetCorpusReader`` over a copy of ``source`` plus a generated ``lexnames``.

    Parameters
    ----------
    source : Path
        Folder with the WordNet 3.0 database files (Debian ``wordnet-base``).
    workdir : Path, optional
        Where to lay out ``corpora/wordnet``; a fresh temporary directory when omitted.
    """
    if not available(source):
        raise FileNotFoundError(
            f"WordNet database not found in {source}: install it with "
            "`apt-get install -y wordnet-base wordnet-sense-index`"
        )
    import warnings

    import nltk.data
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    data_root = Path(workdir or tempfile.mkdtemp(prefix="healthcred-wordnet-")).resolve()
    root = data_root / "corpora" / "wordnet"
    root.mkdir(parents=True, exist_ok=True)
    for name in DATABASE_FILES:
        shutil.copyfile(source / name, root / name)
    (root / "lexnames").write_text(lexnames_text(), encoding="ascii")
    # nltk only reads corpora under its data path (a guard against path escapes): register ours.
    if str(data_root) not in nltk.data.path:
        nltk.data.path.append(str(data_root))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "multilingual functions are not available": expected, no OMW
        return WordNetCorpusReader(str(root), None)
