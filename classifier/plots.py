"""Plot helpers for notebooks: each takes ``ax=None`` (a new figure when omitted) and returns the axes.

They read the frame that :func:`classifier.score_frame` returns (columns ``score``, ``band``,
``flag_codes``) and use scikit-learn's displays where one exists (calibration, confusion matrix).
Pages without a score (no trained model yet, skipped, error) count as ``"not scored"``; a plot with
nothing to show says so on the axes instead of raising, so a notebook runs before the model exists.
matplotlib is an optional dependency (``pip install 'healthcred[notebook]'``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from .resources import require_extra
from .results import BANDS

NOT_SCORED = "not scored"
#: Band colours, the same as in the HTML reports.
BAND_COLORS = {"credible": "#2b8a3e", "questionable": "#e67700", "unreliable": "#c92a2a", NOT_SCORED: "#868e96"}
#: Hatches so that bands stay apart without colour.
BAND_HATCHES = {"credible": "", "questionable": "//", "unreliable": "xx", NOT_SCORED: ".."}


# --------------------------------------------------------------------------------------------------
# public API


def band_labels(bands: Sequence[Any], scores: Sequence[Any] | None = None) -> list[str]:
    """Bands as strings, with ``"not scored"`` where the band (or the score) is missing."""
    out = []
    for i, b in enumerate(bands):
        s = None if scores is None else scores[i]
        missing = _missing(b) or (scores is not None and _missing(s))
        out.append(NOT_SCORED if missing else str(b))
    return out


def flag_counts_by_band(frame: Any, *, level: str = "code") -> Any:
    """Pages per flag code (or family) and band: a DataFrame, codes as rows, bands as columns.

    Parameters
    ----------
    frame : pandas.DataFrame
        Output of :func:`classifier.score_frame` (needs ``flag_codes`` and ``band``; ``score`` optional).
    level : {"code", "family"}
        Count full codes (``commercial.buy_link``) or their families (``commercial``).

    Returns
    -------
    pandas.DataFrame
        Integer counts; a page counts once per code however many flags it has with that code.
    """
    pd = require_extra("pandas", "notebook")
    if level not in ("code", "family"):
        raise ValueError(f"level must be 'code' or 'family', got {level!r}")
    _need_columns(frame, ("flag_codes", "band"))
    bands = band_labels(list(frame["band"]), list(frame["score"]) if "score" in frame.columns else None)
    rows = []
    for codes, band in zip(frame["flag_codes"], bands, strict=True):
        found = {c for c in (codes or "").split(";") if c} if isinstance(codes, str) else set()
        if level == "family":
            found = {c.split(".", 1)[0] for c in found}
        rows.extend((c, band) for c in found)
    columns = [b for b in (*BANDS, NOT_SCORED) if b in set(bands)]
    if not rows:
        return pd.DataFrame(columns=columns, dtype=int)
    table = pd.crosstab(pd.Series([r[0] for r in rows], name=level), pd.Series([r[1] for r in rows], name="band"))
    table = table.reindex(columns=columns, fill_value=0)
    return table.loc[table.sum(axis=1).sort_values(ascending=False).index]


def plot_flag_counts(frame: Any, *, level: str = "family", ax: Any = None) -> Any:
    """Horizontal bars of pages per flag family (or code), stacked by band.

    Parameters
    ----------
    frame : pandas.DataFrame
        Output of :func:`classifier.score_frame`.
    level : {"family", "code"}
        Bars per family or per full flag code.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes
    """
    table = flag_counts_by_band(frame, level=level)
    ax = _axes(ax)
    if table.empty:
        return _empty(ax, "no flags")
    table = table.iloc[::-1]  # largest at the top
    left = [0] * len(table)
    for band in table.columns:
        vals = list(table[band])
        ax.barh(list(table.index), vals, left=left, label=band, color=BAND_COLORS.get(band),
                hatch=BAND_HATCHES.get(band), edgecolor="white")
        left = [a + b for a, b in zip(left, vals, strict=True)]
    ax.set_xlabel("pages")
    ax.set_title(f"Pages per flag {level}, by band")
    ax.legend(title="band", fontsize="small")
    return ax


def plot_score_distribution(data: Any, bands: Sequence[Any] | None = None, *, bins: int = 10, ax: Any = None) -> Any:
    """Histogram of scores in [0, 1], stacked by band.

    Parameters
    ----------
    data : pandas.DataFrame or sequence of float
        A frame with ``score`` (and ``band``) columns, or the scores themselves.
    bands : sequence of str, optional
        Band per score (read from the frame when omitted).
    bins : int
        Number of equal-width bins over [0, 1].
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes
        Missing scores are left out and counted in the title.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = plot_score_distribution([0.1, 0.8, None], ["unreliable", "credible", None])
    >>> ax.get_title()
    'Score distribution (1 not scored)'
    """
    if hasattr(data, "columns"):
        _need_columns(data, ("score",))
        scores = list(data["score"])
        bands = list(data["band"]) if bands is None and "band" in data.columns else bands
    else:
        scores = list(data)
    if bands is not None and len(bands) != len(scores):
        raise ValueError(f"bands has {len(bands)} items for {len(scores)} scores")
    if not isinstance(bins, int) or bins < 1:
        raise ValueError(f"bins must be a positive integer, got {bins!r}")
    labels = band_labels(bands if bands is not None else ["all"] * len(scores), scores)
    ax = _axes(ax)
    n_missing = sum(_missing(s) for s in scores)
    groups = [b for b in (*BANDS, "all") if b in labels]
    if not groups:
        return _empty(ax, f"no scored pages ({n_missing} not scored)")
    values = [[float(s) for s, b in zip(scores, labels, strict=True) if b == g] for g in groups]
    ax.hist(values, bins=bins, range=(0.0, 1.0), stacked=True, label=groups,
            color=[BAND_COLORS.get(g, "#1864ab") for g in groups],
            edgecolor="white")
    ax.set_xlim(0, 1)
    ax.set_xlabel("credibility score")
    ax.set_ylabel("pages")
    ax.set_title("Score distribution" + (f" ({n_missing} not scored)" if n_missing else ""))
    if groups != ["all"]:
        ax.legend(title="band", fontsize="small")
    return ax


def plot_calibration(y_true: Sequence[Any], scores: Sequence[Any], *, pos_label: Any = "credible", n_bins: int = 5,
                     name: str = "healthcred", ax: Any = None) -> Any:
    """Reliability diagram (:class:`sklearn.calibration.CalibrationDisplay`). Returns the axes.

    Parameters
    ----------
    y_true : sequence
        Labels; ``pos_label`` marks the credible pages (booleans and 0/1 work with ``pos_label=1``).
    scores : sequence of float or None
        Predicted probability that the page is credible; pairs with a missing score are dropped.
    pos_label : object
        The label of credible pages.
    n_bins : int
        Bins of the reliability curve (uniform over [0, 1]).
    name : str
        Legend name of the curve.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from sklearn.calibration import CalibrationDisplay

    _same_length(y_true, scores, "scores")
    pairs = [(int(t == pos_label), float(s)) for t, s in zip(y_true, scores, strict=True) if not _missing(s) and not _missing(t)]
    ax = _axes(ax)
    if not pairs:
        return _empty(ax, "no scored pages with a label")
    y = [p[0] for p in pairs]
    p = [p[1] for p in pairs]
    disp = CalibrationDisplay.from_predictions(y, p, n_bins=n_bins, pos_label=1, name=name, ax=ax)
    disp.ax_.set_title(f"Calibration ({len(pairs)} pages)")
    disp.ax_.set_xlabel(f"mean score (predicted probability of {pos_label!s})")
    disp.ax_.set_ylabel(f"fraction labelled {pos_label!s}")
    return disp.ax_


def plot_confusion(y_true: Sequence[Any], y_pred: Sequence[Any], *, labels: Sequence[str] | None = None,
                   normalize: str | None = None, ax: Any = None) -> Any:
    """Confusion matrix of bands (:class:`sklearn.metrics.ConfusionMatrixDisplay`).

    Parameters
    ----------
    y_true, y_pred : sequence of str or None
        Labelled and predicted bands. Missing predictions count as ``"not scored"``, a column of
        their own, so unscored pages are seen rather than silently dropped.
    labels : sequence of str, optional
        Row and column order (default: the bands present, in :data:`classifier.BANDS` order).
    normalize : {"true", "pred", "all"}, optional
        As in scikit-learn.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from sklearn.metrics import ConfusionMatrixDisplay

    _same_length(y_true, y_pred, "predictions")
    true = band_labels(list(y_true))
    pred = band_labels(list(y_pred))
    ax = _axes(ax)
    if not true:
        return _empty(ax, "no labelled pages")
    if labels is None:
        seen = set(true) | set(pred)
        labels = [b for b in (*BANDS, NOT_SCORED) if b in seen] + sorted(seen - {*BANDS, NOT_SCORED})
    disp = ConfusionMatrixDisplay.from_predictions(true, pred, labels=list(labels), normalize=normalize, ax=ax,
                                                   colorbar=False, cmap="Blues")
    disp.ax_.set_title(f"Bands: label vs prediction ({len(true)} pages)")
    disp.ax_.tick_params(axis="x", labelrotation=30)
    return disp.ax_


# --------------------------------------------------------------------------------------------------
# private computation


def _same_length(y_true: Sequence[Any], other: Sequence[Any], what: str) -> None:
    if len(y_true) != len(other):
        raise ValueError(f"y_true has {len(y_true)} items for {len(other)} {what}")


def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or v == ""


def _axes(ax: Any) -> Any:
    if ax is not None:
        return ax
    plt = require_extra("matplotlib.pyplot", "notebook")
    _, ax = plt.subplots(figsize=(6, 4))
    return ax


def _empty(ax: Any, message: str) -> Any:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#495057")
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def _need_columns(frame: Any, cols: Sequence[str]) -> None:
    missing = [c for c in cols if c not in frame.columns]
    if missing:
        raise ValueError(f"the frame lacks column(s) {missing}; expected the output of classifier.score_frame")


__all__ = [
    "BAND_COLORS", "NOT_SCORED", "band_labels", "flag_counts_by_band", "plot_calibration",
    "plot_confusion", "plot_flag_counts", "plot_score_distribution",
]
