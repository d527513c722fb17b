"""docs/PYTHON.md and README.md work as written: every ```python block of them runs."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
DOC = ROOT / "docs" / "PYTHON.md"
README = ROOT / "README.md"


def blocks(path: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), re.S) if path.exists() else []


BLOCKS = blocks(DOC)
README_BLOCKS = blocks(README)


@pytest.mark.skipif(not DOC.exists(), reason="run from the repository")
@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{n}" for n in range(len(BLOCKS))])
def test_quick_start_block_runs(block: str, capsys: pytest.CaptureFixture[str]) -> None:
    exec(compile(block, str(DOC), "exec"), {"__name__": "quickstart"})
    assert capsys.readouterr().out.strip()


@pytest.mark.skipif(not README.exists(), reason="run from the repository")
@pytest.mark.parametrize("block", README_BLOCKS, ids=[f"readme{n}" for n in range(len(README_BLOCKS))])
def test_readme_python_block_runs(block: str, capsys: pytest.CaptureFixture[str]) -> None:
    exec(compile(block, str(README), "exec"), {"__name__": "quickstart"})
    out = capsys.readouterr().out
    assert out.strip()
    lines = out.splitlines()
    # The README's quick start prints the store name, the exact total (a Decimal's repr), the
    # charge ("<status> <total>"), every transaction ("<href> <total>") and the refusal of limit=301.
    assert lines[0] == "Sandbox Store", out
    total = re.fullmatch(r"Decimal\('([0-9.]+)'\)", lines[1])
    assert total and Decimal(total[1]) == Decimal("20.00"), out
    status, charged = lines[2].split(" ")
    assert status == "completed" and Decimal(charged) == Decimal("20.00"), out
    pages = [re.fullmatch(r"http://127\.0\.0\.1:\d+/transactions/\d+ ([0-9.]+)", line) for line in lines[3:-1]]
    assert pages and all(pages), out
    assert Decimal("20.00") in [Decimal(match[1]) for match in pages if match], out
    assert lines[-1] == "invalid input: limit must be between 1 and 300, got 301", out


def test_the_doc_has_blocks() -> None:
    if DOC.exists():
        assert len(BLOCKS) >= 2
    if README.exists():
        assert len(README_BLOCKS) >= 1
