"""Every ```python block of README.md and docs/*.md passes ``mypy --strict`` against the
package's stubs, as a newcomer's editor would check it (the blocks run in test_quickstart.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def doc_blocks() -> list[tuple[str, str]]:
    files = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    found = []
    for path in files:
        if path.exists():
            text = path.read_text(encoding="utf-8")
            for n, code in enumerate(re.findall(r"^```python\n(.*?)^```", text, re.S | re.M)):
                found.append((f"{path.stem.lower()}_{n}", code))
    return found


@pytest.mark.skipif(not (ROOT / "docs").exists(), reason="run from the repository")
def test_every_python_block_of_the_docs_passes_mypy_strict(tmp_path: Path) -> None:
    pytest.importorskip("mypy", reason="mypy is installed by `cargo xtask python`")
    blocks = doc_blocks()
    assert len(blocks) >= 2, blocks
    for name, code in blocks:
        (tmp_path / f"{name}.py").write_text(code, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", str(tmp_path / ".mypy"), str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
