"""docs/PYTHON.md works as written: every ```python block of it runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[3] / "docs" / "PYTHON.md"
BLOCKS = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S) if DOC.exists() else []


@pytest.mark.skipif(not DOC.exists(), reason="run from the repository")
@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{n}" for n in range(len(BLOCKS))])
def test_quick_start_block_runs(block: str, capsys: pytest.CaptureFixture[str]) -> None:
    exec(compile(block, str(DOC), "exec"), {"__name__": "quickstart"})
    assert capsys.readouterr().out.strip()


def test_the_doc_has_blocks() -> None:
    if DOC.exists():
        assert len(BLOCKS) >= 2
