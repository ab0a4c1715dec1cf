"""Makes the repository root importable, so tests can use the harness in tools/e2e, and runs
every end-to-end test with Node 24 first on PATH."""

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)


@pytest.fixture(scope="session", autouse=True)
def node_24() -> Iterator[Path]:
    """Node 24 first on PATH for the whole end-to-end session: the harness puts it there for
    its own commands; this covers the tests that run `npm test` or `node` themselves."""
    from tools.e2e.harness import node_bin_dir

    folder = node_bin_dir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PATH", os.pathsep.join([str(folder), os.environ.get("PATH", os.defpath)]))
        yield folder
