"""Plot helpers: ``ax=None`` makes a figure, a given axes is drawn on and returned; empty data is said, not raised."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # no display in tests

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from classifier import plots  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "score": [0.1, 0.5, 0.9, None, 0.7, float("nan")],
        "band": ["unreliable", "questionable", "credible", None, "credible", "credible"],
        "flag_codes": ["commercial.buy_link;claims.unsupported", "page.empty_list_residue", "",
                       "garble.tortured_phrase", "provenance.missing_author;provenance.missing_date", None],
    })


def test_flag_counts_by_band(frame):
    t = plots.flag_counts_by_band(frame)
    assert list(t.columns) == ["credible", "questionable", "unreliable", "not scored"]
    assert t.loc["commercial.buy_link", "unreliable"] == 1
    assert t.loc["garble.tortured_phrase", "not scored"] == 1
    fam = plots.flag_counts_by_band(frame, level="family")
    assert fam.loc["provenance", "credible"] == 1  # one page, two provenance codes: counted once
    assert int(fam.to_numpy().sum()) == 5
    with pytest.raises(ValueError, match="level"):
        plots.flag_counts_by_band(frame, level="word")
    with pytest.raises(ValueError, match="score_frame"):
        plots.flag_counts_by_band(frame.drop(columns=["flag_codes"]))


def test_band_labels():
    assert plots.band_labels(["credible", None, "unreliable"], [0.9, None, float("nan")]) == \
        ["credible", "not scored", "not scored"]


@pytest.mark.parametrize("draw", [
    lambda f, ax: plots.plot_flag_counts(f, ax=ax),
    lambda f, ax: plots.plot_flag_counts(f, level="code", ax=ax),
    lambda f, ax: plots.plot_score_distribution(f, ax=ax),
    lambda f, ax: plots.plot_score_distribution(list(f["score"]), ax=ax),
    lambda f, ax: plots.plot_calibration(list(f["band"]), list(f["score"]), ax=ax),
    lambda f, ax: plots.plot_confusion(["credible", "unreliable", "questionable", "credible", "credible", "unreliable"],
                                       list(f["band"]), ax=ax),
])
def test_helpers_draw_on_the_given_axes_or_a_new_one(frame, draw):
    _, ax = plt.subplots()
    assert draw(frame, ax) is ax
    assert ax.has_data() or ax.images or ax.collections or ax.patches
    new = draw(frame, None)
    assert new is not ax and new.figure is not ax.figure


def test_score_distribution_counts(frame):
    ax = plots.plot_score_distribution(frame)
    heights = sum(p.get_height() for p in ax.patches)
    assert heights == 4  # four scored pages
    assert "2 not scored" in ax.get_title()


def test_confusion_keeps_unscored_pages_visible():
    ax = plots.plot_confusion(["credible", "unreliable"], ["credible", None])
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == ["credible", "unreliable", "not scored"]


def test_calibration_uses_sklearn_display():
    ax = plots.plot_calibration([1, 0, 1, 0], [0.9, 0.2, 0.7, 0.4], pos_label=1, n_bins=2)
    assert "Calibration (4 pages" in ax.get_title()
    assert any(line.get_label() == "healthcred" for line in ax.get_lines())


def test_nothing_to_plot_is_said_on_the_axes():
    empty = pd.DataFrame({"score": [None, None], "band": [None, None], "flag_codes": ["", ""]})
    for ax in (plots.plot_score_distribution(empty), plots.plot_flag_counts(empty),
               plots.plot_calibration(["credible", "unreliable"], [None, None])):
        assert ax.texts and ax.texts[0].get_text().startswith("no ")


def test_length_mismatch_is_an_error():
    with pytest.raises(ValueError, match="items"):
        plots.plot_calibration([1, 0], [0.5])
    with pytest.raises(ValueError, match="items"):
        plots.plot_confusion(["credible"], ["credible", "unreliable"])
    with pytest.raises(ValueError, match="bands"):
        plots.plot_score_distribution([0.2, 0.4], ["credible"])
