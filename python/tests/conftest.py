"""Shared helpers for the pytest suite: locating `ssm-run` and running modules.

The build directory is `$SSM_BUILD_DIR` (default `/work/main/build`); tests that
need `ssm-run` are skipped, with the path in the reason, when it is not built.
"""

import os
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest

DEFAULT_BUILD_DIR = Path(__file__).resolve().parents[2] / "build"

# The tool is relinked in place by concurrent builds; give it a moment to
# reappear before declaring it missing.
_MISSING_RETRIES = 5
_MISSING_WAIT_S = 2.0


def ssm_run_path() -> Path:
    """Path of `ssm-run` under `$SSM_BUILD_DIR` (not checked for existence)."""
    build_dir = Path(os.environ.get("SSM_BUILD_DIR", DEFAULT_BUILD_DIR))
    return build_dir / "bin" / "ssm-run"


_known_missing = set()


def _wait_for(path: Path) -> bool:
    """True when `path` is an executable; waits briefly once per path, then
    remembers that it is missing so that later tests skip at once."""
    if path in _known_missing:
        return False
    for attempt in range(_MISSING_RETRIES):
        if path.is_file() and os.access(path, os.X_OK):
            return True
        if attempt + 1 < _MISSING_RETRIES:
            time.sleep(_MISSING_WAIT_S)
    _known_missing.add(path)
    return False


@pytest.fixture(scope="session")
def ssm_run() -> Path:
    """The `ssm-run` executable; skips the test when it has not been built."""
    path = ssm_run_path()
    if not _wait_for(path):
        pytest.skip(
            f"ssm-run not found at {path}: build the project or set "
            "SSM_BUILD_DIR to a build directory holding bin/ssm-run"
        )
    return path


def run_ssm_run(args, timeout=300) -> subprocess.CompletedProcess:
    """Runs `ssm-run` with `args` (strings or paths) and captures its output."""
    path = ssm_run_path()
    if not _wait_for(path):
        pytest.skip(f"ssm-run not found at {path}")
    return subprocess.run(
        [str(path), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_mlir(tmp_path, mlir_text: str, entry: str, inputs,
             compiled: bool = False) -> list:
    """Writes `mlir_text` and `inputs` under `tmp_path`, runs `@entry` with
    ssm-run (the reference evaluator, or the code compiled for the host with
    `compiled`) and returns its results, one array per function result.

    Fails the test with ssm-run's stderr when it exits with a non-zero code.
    """
    tmp_path = Path(tmp_path)
    module = tmp_path / "model.mlir"
    module.write_text(mlir_text)
    args = [module, "--entry", entry] + (["--compiled"] if compiled else [])
    for i, array in enumerate(inputs):
        path = tmp_path / f"arg{i}.npy"
        np.save(path, array)
        args += ["--input", path]
    out_dir = tmp_path / "out"
    out_dir.mkdir(exist_ok=True)
    args += ["--output-dir", out_dir]

    proc = run_ssm_run(args)
    if proc.returncode != 0:
        pytest.fail(
            f"ssm-run exited with code {proc.returncode}\n"
            f"--- module ---\n{mlir_text}\n--- stderr ---\n{proc.stderr}",
            pytrace=False,
        )
    results = []
    i = 0
    while (out_dir / f"result{i}.npy").exists():
        results.append(np.load(out_dir / f"result{i}.npy"))
        i += 1
    return results


def tensor_type(shape, element: str = "f64") -> str:
    """MLIR tensor type for `shape` (None or -1 means a dynamic dim)."""
    dims = ["?" if d is None or d == -1 else str(d) for d in shape]
    return "tensor<" + "".join(d + "x" for d in dims) + element + ">"
