"""Model: the calibrated credibility classifier, its safe loading, bands and explanations.

The persisted object is one scikit-learn :class:`~sklearn.pipeline.Pipeline`::

    FeatureVectorizer → SignedLog1p → StandardScaler → CalibratedClassifierCV(LogisticRegression, sigmoid, ensemble=False)

saved with joblib as ``models/credibility.joblib`` beside ``models/credibility.json`` (the manifest).

Loading is guarded because joblib (pickle) runs code while it loads: the manifest must exist, the
file's sha256 must equal the manifest's *before* joblib reads a byte, the scikit-learn major.minor
version must match the one that trained it, and a model from anywhere but the bundled ``models/``
needs ``Options(trust_model=True)``.

Scoring one page is numpy arithmetic on the fitted numbers, not ``Pipeline.predict_proba``: the
pipeline's input validation costs more than the arithmetic for a single row, and importing
scikit-learn (which imports pandas) costs seconds at start-up. With ``ensemble=False`` the calibrated
classifier is one logistic regression plus one sigmoid, so ``P(credible) = expit(-(a * (w · z + c) + b))``
with ``z`` the scaled, compressed features. Training writes those numbers into the manifest's ``linear``
block (:func:`linear_block`); scoring reads them from there once the model file's sha256 has been
checked, and joblib loads the pipeline only when :meth:`CredibilityModel.predict_proba` needs it. The
tests check that both paths agree to 1e-9 and that the manifest's numbers are the pipeline's.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .options import Options
from .resources import MODELS_DIR

MODEL_NAME = "credibility"
MODEL_FILE = MODELS_DIR / f"{MODEL_NAME}.joblib"

# Contributions (in log-odds) smaller than this are not worth a sentence in the explanation.
_MIN_CONTRIBUTION = 0.15
_MAX_REASONS = 3


class ModelError(RuntimeError):
    """The model cannot be used; ``reason`` is a short machine-readable cause."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class ModelNotFoundError(ModelError):
    """No model file where one was expected."""


class ModelIntegrityError(ModelError):
    """The model file, its manifest or the library versions do not match: refusing to load it."""


class UntrustedModelError(ModelError):
    """A model outside the bundled ``models/`` was asked for without ``trust_model=True``."""


@dataclass(frozen=True)
class Prediction:
    """A page's score (calibrated P(credible)), its band and the reasons, in words."""

    score: float | None
    band: str | None
    explanation: tuple[str, ...] = ()


class CredibilityModel:
    """The calibrated linear model behind the pipeline: scores, bands and explanations for feature dicts.

    Parameters
    ----------
    manifest : dict
        The verified JSON manifest; its ``linear`` block (written by :func:`linear_block` at training)
        holds the feature names and the fitted numbers, its ``thresholds`` the bands.
    model_path : Path, optional
        The verified joblib file, loaded only when :meth:`predict_proba` or :attr:`pipeline` is used.
    """

    def __init__(self, manifest: Mapping[str, Any], model_path: Path | None = None, wording: Any = None) -> None:
        self.manifest = dict(manifest)
        self.model_path = model_path
        #: The stacked word component (:class:`classifier.wording.WordingScorer`), or ``None``.
        self.wording = wording
        self._pipeline: Any = None
        th = self.manifest.get("thresholds", {})
        self.unreliable_below = float(th.get("unreliable_below", 1 / 3))
        self.credible_from = float(th.get("credible_from", 2 / 3))
        if not 0.0 <= self.unreliable_below <= self.credible_from <= 1.0:
            raise ModelIntegrityError("thresholds", f"manifest thresholds out of order: {th}")
        lin = self.manifest.get("linear")
        try:
            self.feature_names: tuple[str, ...] = tuple(lin["feature_names"])
            self._compress = bool(lin["compress"])
            self._mean = np.asarray(lin["mean"], dtype=float)
            self._scale = np.asarray(lin["scale"], dtype=float)
            self._coef = np.asarray(lin["coef"], dtype=float)
            self._intercept = float(lin["intercept"])
        except (TypeError, KeyError, ValueError) as exc:
            raise ModelIntegrityError("bad_manifest", f"the manifest's 'linear' block is missing or malformed ({exc!r}); "
                                      "retrain with `healthcred train`") from exc
        n = len(self.feature_names)
        if not (self._mean.shape == self._scale.shape == self._coef.shape == (n,)):
            raise ModelIntegrityError("bad_manifest", "the manifest's 'linear' arrays do not match its feature names")
        self._index = {name: i for i, name in enumerate(self.feature_names)}
        self._is_token = np.array([name.startswith("tok_") for name in self.feature_names], dtype=bool)
        from .wording import FEATURE as _WORDING

        self._wording_index = self._index.get(_WORDING)
        if self._wording_index is not None and wording is None:
            raise ModelIntegrityError("no_wording", "the model reads the word component, but none was loaded with it")
        self._groups = [_group_of(name) for name in self.feature_names]

    @property
    def pipeline(self) -> Any:
        """The fitted scikit-learn pipeline, loaded (after the sha256 check) on first use."""
        if self._pipeline is None:
            if self.model_path is None:
                raise ModelNotFoundError("missing", "this model was built without a model file")
            verify(self.model_path)  # again: the file may have changed since the model was opened
            import joblib

            self._pipeline = joblib.load(self.model_path)
        return self._pipeline

    def logit(self, features: Mapping[str, float]) -> tuple[float, np.ndarray]:
        """Calibrated log-odds of credibility and each feature's contribution to it."""
        x = np.zeros(len(self.feature_names))
        if self._wording_index is not None:
            # as the training vectorizer does (``missing_unknown``): without text read, the word
            # component's value is unknown, not 0
            x[self._wording_index] = np.nan
        for k, v in features.items():
            i = self._index.get(k)
            if i is not None:
                x[i] = v
        if self._compress:
            x = np.sign(x) * np.log1p(np.abs(x))
        z = (x - self._mean) / self._scale
        # Unknown (NaN) is the neutral value, 0 after scaling (the training vectorizer fills it so).
        z[np.isnan(z)] = 0.0
        contrib = self._coef * z
        return float(contrib.sum() + self._intercept), contrib

    def band(self, score: float) -> str:
        """``credible`` / ``questionable`` / ``unreliable`` at the manifest thresholds."""
        if score >= self.credible_from:
            return "credible"
        if score < self.unreliable_below:
            return "unreliable"
        return "questionable"

    def predict(self, features: Mapping[str, float], text: str | None = None) -> Prediction:
        """Score, band and explanation for one page's features (and its text, for the word component).

        Without ``text`` (and no ``wording`` value among the features) the word component is left neutral.

        Examples
        --------
        >>> m = load_model(Options())  # doctest: +SKIP
        >>> m.predict({"n_words": 400.0}).band in ("credible", "questionable", "unreliable")  # doctest: +SKIP
        True
        """
        if not isinstance(features, Mapping):
            raise TypeError(f"features must be a mapping of name to value, got {type(features).__name__}")
        terms: list[tuple[str, float]] = []
        if text is not None and self._wording_index is not None:
            from .wording import applies, as_features

            value, terms = self.wording.explain(text, top=8) if applies(features) else (0.0, [])
            features = {**features, **as_features(value, features)}
        logit, contrib = self.logit(features)
        score = 1.0 / (1.0 + math.exp(-logit)) if logit > -700 else 0.0
        return Prediction(score, self.band(score), self._explain(features, contrib, terms))

    def predict_proba(self, rows: Sequence[Mapping[str, float]]) -> np.ndarray:
        """P(credible) for many feature dicts, through the pipeline itself (training and evaluation)."""
        return self.pipeline.predict_proba(list(rows))[:, 1]

    def _explain(self, features: Mapping[str, float], contrib: np.ndarray,
                 terms: Sequence[tuple[str, float]] = ()) -> tuple[str, ...]:
        """The evidence that moved the score most, in words.

        Features that measure one thing several ways (a family's flag count, rate, maximum severity and
        per-code counts; the claim verdicts; the markers; the words) are summed into one reason first: a
        linear model spreads one signal over correlated columns, sometimes with opposite signs, and the
        sum is what the evidence did to the score.
        """
        totals: dict[str, float] = {}
        for i, c in enumerate(contrib):
            key = self._groups[i]
            totals[key] = totals.get(key, 0.0) + float(c)
        reasons = []
        for key, c in sorted(totals.items(), key=lambda kv: -abs(kv[1]))[:_MAX_REASONS]:
            if abs(c) < _MIN_CONTRIBUTION:
                break
            reasons.append(f"{self._describe_group(key, features, contrib, c > 0, terms)} {'raised' if c > 0 else 'lowered'} the score")
        if not reasons:
            reasons.append("no single feature moved the score much from the average page")
        return tuple(reasons)

    def _describe_group(self, key: str, features: Mapping[str, float], contrib: np.ndarray, up: bool,
                        terms: Sequence[tuple[str, float]] = ()) -> str:
        kind, _, arg = key.partition(":")
        if kind == "flags":
            prefix = f"code_{arg}."
            codes = sorted((k[5:], _count(v)) for k, v in features.items() if k.startswith(prefix) and _count(v))
            if not codes:
                return f"having no {arg} flags"
            listed = ", ".join(f"{n} × '{c}'" for c, n in codes[:3])
            return f"the {arg} flags ({listed})"
        if kind == "claims":
            counts = {v: _count(features.get(f"verdict_{v}", 0.0)) for v in ("supported", "contradicted", "unsupported")}
            if not any(counts.values()):
                return "having no checked claims"
            return "the claim checks (" + ", ".join(f"{n} {v}" for v, n in counts.items() if n) + ")"
        if kind == "markers":
            present = [m[7:] for m in self.feature_names if m.startswith("marker_") and m != "marker_count" and features.get(m) == 1]
            return f"the credibility markers ({', '.join(present) if present else 'none found'})"
        if kind == "wording":
            if self._wording_index is not None:
                words = [f"'{t}'" for t, c in terms if (c > 0) == up][:3]
                side = "reliable" if up else "unreliable"
                return f"wording like {side} news ({', '.join(words)} most)" if words else f"wording like {side} news"
            return self._wording(contrib, up)
        if kind == "drugs":
            return f"how much the page is about drugs ({features.get('drug_mentions_per_kw', 0.0):.0f} drug names per 1,000 words)"
        return describe(arg, float(features.get(arg, 0.0)))

    def _wording(self, contrib: np.ndarray, up: bool) -> str:
        idx = np.flatnonzero(self._is_token)
        order = idx[np.argsort(-contrib[idx] if up else contrib[idx])][:3]
        words = [f"'{self.feature_names[i][4:]}'" for i in order if (contrib[i] > 0) == up and contrib[i] != 0]
        return f"the page's wording ({', '.join(words)} most)" if words else "the page's wording"


def _count(value: float) -> int:
    """A count feature as an integer; an unknown (NaN) count is none."""
    return int(round(value)) if value == value else 0


def _group_of(name: str) -> str:
    """The reason a feature's contribution is reported under (see :meth:`CredibilityModel._explain`)."""
    if name.startswith(("tok_", "wording")):
        return "wording:"
    if name.startswith("code_"):
        return "flags:" + name[5:].split(".", 1)[0]
    if name.startswith("fam_"):
        return "flags:" + name[4:].rsplit("_", 2 if name.endswith(("_sev_max", "_per_kw")) else 1)[0]
    if name.startswith("garble_"):
        return "flags:garble"
    if name.startswith(("verdict_", "claims_")):
        return "claims:"
    if name.startswith("marker_"):
        return "markers:"
    if name.startswith("drug_"):
        return "drugs:"
    return "feature:" + name


def load_model(options: Options) -> CredibilityModel:
    """Load the credibility model after checking its manifest, hash and library versions.

    Parameters
    ----------
    options : Options
        ``options.model_path`` selects another model file (its manifest ``<name>.json`` beside it);
        that needs ``options.trust_model=True``.

    Raises
    ------
    ModelNotFoundError
        The model file is missing (train one with ``healthcred train``).
    UntrustedModelError
        A model outside the bundled ``models/`` without ``trust_model=True``.
    ModelIntegrityError
        Missing or unreadable manifest, sha256 mismatch, or a different scikit-learn major.minor.
    """
    if not isinstance(options, Options):
        raise TypeError(f"options must be a classifier.Options, got {type(options).__name__}")
    path = Path(options.model_path) if options.model_path is not None else MODEL_FILE
    bundled = _is_bundled(path)
    if not bundled and not options.trust_model:
        raise UntrustedModelError(
            "untrusted",
            f"refusing to load {path}: it is not the bundled model, and loading a joblib file executes code; "
            "pass Options(trust_model=True) (CLI: --trust-model) only for model files you made or trust",
        )
    if not path.is_file():
        hint = "train one with `healthcred train` (or `python -m classifier.training`)"
        raise ModelNotFoundError("missing", f"no credibility model at {path}: {hint}")
    manifest = verify(path)
    return CredibilityModel(manifest, path, _load_wording(path, manifest))


def wording_path(model_path: Path) -> Path:
    """Where the word component of ``model_path`` is kept: ``<name>.wording.json`` beside it."""
    model_path = Path(model_path)
    return model_path.with_name(f"{model_path.stem}.wording.json")


def _load_wording(model_path: Path, manifest: Mapping[str, Any]) -> Any:
    """The word component named by the manifest, after its sha256 check (``None`` when there is none)."""
    block = manifest.get("wording")
    if not block:
        return None
    path = Path(model_path).with_name(str(block.get("file", "")))
    if not path.is_file():
        raise ModelIntegrityError("no_wording", f"the manifest names a word component {path.name}, but it is missing")
    if sha256_file(path) != block.get("sha256"):
        raise ModelIntegrityError("sha256_mismatch", f"{path.name} does not match its manifest: refusing to load it")
    from .wording import load_wording

    try:
        return load_wording(path)
    except ValueError as exc:
        raise ModelIntegrityError("bad_manifest", f"cannot read the word component {path.name}: {exc}") from exc


def linear_block(pipeline: Any) -> dict[str, Any]:
    """The fitted numbers of ``vectorize → compress → scale → calibrated logistic regression``, for the manifest.

    With ``ensemble=False`` the calibrated classifier is one logistic regression ``d = w · z + c`` and one
    sigmoid ``P = expit(-(a d + b))``; folding ``-a`` into the weights gives each feature's push on the
    calibrated log-odds directly.
    """
    steps = dict(pipeline.named_steps)
    calibrated = steps["classify"].calibrated_classifiers_
    if len(calibrated) != 1:
        raise ValueError("expected a calibrated classifier fitted with ensemble=False")
    lr = calibrated[0].estimator
    sigmoid = calibrated[0].calibrators[0]
    a, b = float(sigmoid.a_), float(sigmoid.b_)
    return {
        "feature_names": [str(n) for n in steps["vectorize"].feature_names_],
        "compress": "compress" in steps,
        "mean": [float(v) for v in steps["scale"].mean_],
        "scale": [float(v) for v in steps["scale"].scale_],
        "coef": [-a * float(v) for v in lr.coef_[0]],
        "intercept": -a * float(lr.intercept_[0]) - b,
    }


def manifest_path(model_path: Path) -> Path:
    """The manifest that must sit beside ``model_path`` (same name, ``.json``)."""
    return Path(model_path).with_suffix(".json")


def verify(model_path: Path) -> dict[str, Any]:
    """Check ``model_path`` against its manifest without loading it; return the manifest.

    Raises
    ------
    ModelIntegrityError
        When the manifest is missing or unreadable, the sha256 differs, or scikit-learn's major.minor
        version differs from the one recorded at training.
    """
    model_path = Path(model_path)
    mpath = manifest_path(model_path)
    if not mpath.is_file():
        raise ModelIntegrityError("no_manifest", f"no manifest {mpath.name} beside {model_path}: cannot verify the model, refusing to load it")
    try:
        manifest = json.loads(mpath.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelIntegrityError("bad_manifest", f"cannot read the manifest {mpath}: {exc}") from exc
    expected = str(manifest.get("model", {}).get("sha256", ""))
    actual = sha256_file(model_path)
    if not expected or actual != expected:
        raise ModelIntegrityError(
            "sha256_mismatch",
            f"{model_path.name} does not match its manifest (sha256 {actual[:12]}… != {expected[:12] or 'none'}…): "
            "the file was changed or replaced; refusing to load it (retrain with `healthcred train`)",
        )
    # The installed version from package metadata: importing scikit-learn would also import pandas.
    from importlib.metadata import PackageNotFoundError, version

    try:
        installed = version("scikit-learn")
    except PackageNotFoundError:
        installed = "not installed"
    trained = str(manifest.get("versions", {}).get("scikit-learn", ""))
    if _major_minor(trained) != _major_minor(installed):
        raise ModelIntegrityError(
            "version_mismatch",
            f"the model was trained with scikit-learn {trained or 'unknown'}, this is {installed}: "
            "pickled estimators are not portable across versions; retrain with `healthcred train`",
        )
    return manifest


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def describe(name: str, value: float) -> str:
    """A feature and its value for a reader, e.g. ``"2 contradicted claims"``."""
    if value != value and not name.startswith("marker_"):
        return f"{name.replace('_', ' ')} (unknown)"
    n = _count(value)
    if name.startswith("code_"):
        code = name[5:]
        if code.endswith("_per_kw"):
            return f"{value:.1f} '{code[:-7]}' flags per 1,000 words"
        return f"{n} '{code}' flag{'s' if n != 1 else ''}"
    if name.startswith("fam_"):
        fam, _, stat = name[4:].partition("_")
        phrase = {"n": f"{n} {fam} flag{'s' if n != 1 else ''}", "sev_sum": f"{fam} flags of total severity {value:.1f}",
                  "sev_max": f"a {fam} flag of severity {value:.1f}", "per_kw": f"{value:.1f} {fam} flags per 1,000 words"}
        return phrase.get(stat, f"{fam} {stat} {value:.2f}")
    if name.startswith("verdict_"):
        v = name[8:]
        if v.endswith("_ratio"):
            return f"{value:.0%} of claims {v[:-6]}"
        if v in ("n", "per_kw"):
            return f"{n} checked claim{'s' if n != 1 else ''}" if v == "n" else f"{value:.1f} checked claims per 1,000 words"
        return f"{n} {v} claim{'s' if n != 1 else ''}"
    if name.startswith("tok_"):
        return f"the word '{name[4:]}' ({value:.1f} per 1,000 words)"
    if name.startswith("marker_"):
        m = name[7:]
        if m == "count":
            return f"{n} of 8 credibility markers"
        words = {"author": "a named author", "credentials": "author credentials", "reviewer": "a medical reviewer",
                 "date": "a publication date", "references": "cited sources", "disclosure": "a disclosure",
                 "disclaimer": "a medical-advice disclaimer", "contact": "contact or about information"}
        if value != value:  # NaN: a metadata marker on a plain-text page
            return f"{words.get(m, m)}: unknown (plain text)"
        return f"{'' if value else 'no '}{words.get(m, m)}".strip()
    if name.startswith("flags_"):
        return {"flags_n": f"{n} flags in all", "flags_sev_sum": f"flags of total severity {value:.1f}",
                "flags_sev_max": f"a flag of severity {value:.1f}"}.get(name, name)
    if name.endswith("_per_kw"):
        return f"{name[:-7].replace('_', ' ')} ({value:.1f} per 1,000 words)"
    if name == "drug_page":
        return "being a page about drugs" if value else "not being a page about drugs"
    if name == "drug_distinct":
        return f"{n} different drug{'s' if n != 1 else ''} named"
    if name == "n_words":
        return f"the length ({n} words)"
    return f"{name.replace('_', ' ')} ({value:.2f})"


def _is_bundled(path: Path) -> bool:
    try:
        return path.resolve().parent == MODELS_DIR.resolve()
    except OSError:
        return False


def _major_minor(version: str) -> tuple[str, ...]:
    return tuple(version.split(".")[:2])
