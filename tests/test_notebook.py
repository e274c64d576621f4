"""The exploration notebook runs top to bottom in a fresh kernel, and is committed without outputs."""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="the notebook extra is not installed: pip install 'healthcred[notebook]'")
nbclient = pytest.importorskip("nbclient", reason="the notebook extra is not installed: pip install 'healthcred[notebook]'")
pytest.importorskip("ipykernel", reason="the notebook extra is not installed: pip install 'healthcred[notebook]'")

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"
CELL_TIMEOUT = 300  # seconds per cell: generous for a loaded 2-core CI machine


def test_notebook_is_committed_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, "the notebook has no code"
    assert all(not c.outputs and c.execution_count is None for c in code), "clear the outputs before committing"


def test_notebook_runs(monkeypatch, tmp_path):
    # Figures render off-screen; jupyter_client starts "python3" with this interpreter (sys.executable).
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()  # raises CellExecutionError naming the failing cell
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    html = [o["data"]["text/html"] for o in outputs if o.get("output_type") in ("display_data", "execute_result")
            and "text/html" in o.get("data", {})]
    assert any('class="hc-report"' in h for h in html), "the highlighted report was not displayed"
    text = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
    assert "report.html" in text  # the batch report was written
    assert "accepted: baclofen" in text and "refused:" in text  # the fact-file section ran both ways
