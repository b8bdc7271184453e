"""Command-line behaviour of `ssm-run`: bad inputs are clean errors (exit code
1 and a message on stderr naming the culprit, never a signal), random inputs
are reproducible, and the .npy reader/writer round-trips what numpy writes.
"""

import struct

import numpy as np
import pytest

import numpy_reference as ref
from conftest import run_mlir, run_ssm_run

ADD = """
func.func @add(%x: tensor<2x3xf64>, %y: tensor<2x3xf64>) -> tensor<2x3xf64> {
  %z = arith.addf %x, %y : tensor<2x3xf64>
  return %z : tensor<2x3xf64>
}
"""


@pytest.fixture
def add_module(tmp_path, ssm_run):
    """A module with one function `@add(tensor<2x3xf64>, tensor<2x3xf64>)`
    and a valid input `good.npy` for it."""
    module = tmp_path / "add.mlir"
    module.write_text(ADD)
    good = tmp_path / "good.npy"
    np.save(good, np.arange(6.0).reshape(2, 3))
    return module, good


def assert_clean_error(proc, *needles):
    """Exit code exactly 1 (not a crash signal, which shows as a negative code
    or 128+n), a message on stderr, and every `needle` in that message."""
    assert proc.returncode == 1, (
        f"expected exit code 1, got {proc.returncode}\nstderr:\n{proc.stderr}")
    assert "error" in proc.stderr.lower(), proc.stderr
    for needle in needles:
        assert needle in proc.stderr, f"{needle!r} not in stderr:\n{proc.stderr}"


def npy_bytes(header: str, data: bytes = b"", version=(1, 0)) -> bytes:
    """A hand-made .npy file (version 1.0 layout) with `header` as its dict."""
    h = header.encode("latin1")
    h += b" " * (64 - (10 + len(h) + 1) % 64) + b"\n"
    return b"\x93NUMPY" + bytes(version) + struct.pack("<H", len(h)) + h + data


# ---------------------------------------------------------------------------
# Bad invocations
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("count", [1, 3])
def test_wrong_number_of_inputs(tmp_path, add_module, count):
    module, good = add_module
    proc = run_ssm_run([module, *["--input", good] * count,
                        "--output-dir", tmp_path / "out"])
    assert_clean_error(proc, "2", str(count))


def test_dtype_mismatch_f32_for_f64(tmp_path, add_module):
    module, good = add_module
    bad = tmp_path / "single.npy"
    np.save(bad, np.ones((2, 3), dtype=np.float32))
    proc = run_ssm_run([module, "--input", good, "--input", bad,
                        "--output-dir", tmp_path / "out"])
    assert_clean_error(proc, "single.npy", "f32")


def test_shape_mismatch(tmp_path, add_module):
    module, good = add_module
    bad = tmp_path / "transposed.npy"
    np.save(bad, np.ones((3, 2)))
    proc = run_ssm_run([module, "--input", good, "--input", bad,
                        "--output-dir", tmp_path / "out"])
    assert_clean_error(proc, "3x2")


@pytest.mark.parametrize("keep", [20, -10], ids=["in-header", "in-data"])
def test_truncated_npy(tmp_path, add_module, keep):
    module, good = add_module
    bad = tmp_path / "truncated.npy"
    bad.write_bytes(good.read_bytes()[:keep])
    proc = run_ssm_run([module, "--input", good, "--input", bad,
                        "--output-dir", tmp_path / "out"])
    assert_clean_error(proc, "truncated.npy")


def test_not_an_npy_file(tmp_path, add_module):
    module, good = add_module
    bad = tmp_path / "notes.npy"
    bad.write_text("this is not an array\n")
    proc = run_ssm_run([module, "--input", good, "--input", bad,
                        "--output-dir", tmp_path / "out"])
    assert_clean_error(proc, "notes.npy")


def test_missing_input_file(tmp_path, add_module):
    module, good = add_module
    missing = tmp_path / "does_not_exist.npy"
    proc = run_ssm_run([module, "--input", good, "--input", missing,
                        "--output-dir", tmp_path / "out"])
    assert_clean_error(proc, "does_not_exist.npy")


def test_nonexistent_entry(tmp_path, add_module):
    module, good = add_module
    proc = run_ssm_run([module, "--entry", "no_such_function", "--input", good,
                        "--input", good, "--output-dir", tmp_path / "out"])
    assert_clean_error(proc, "no_such_function")


def test_missing_module(tmp_path, ssm_run):
    proc = run_ssm_run([tmp_path / "no_module.mlir", "--random-inputs"])
    assert_clean_error(proc, "no_module.mlir")


def test_module_parse_error(tmp_path, ssm_run):
    module = tmp_path / "broken.mlir"
    module.write_text("func.func @f(%x: tensor<2xf64>) -> tensor<2xf64> {\n")
    proc = run_ssm_run([module, "--random-inputs"])
    assert_clean_error(proc, "broken.mlir")


MALFORMED_NPY = {
    "empty": b"",
    "bad-header-dict": npy_bytes("{'descr': '<f8', 'fortran_", b"\0" * 48),
    "not-a-dict": npy_bytes("hello", b"\0" * 48),
    "negative-dim": npy_bytes(
        "{'descr': '<f8', 'fortran_order': False, 'shape': (-2, 3), }", b"\0" * 48),
    "huge-shape": npy_bytes(
        "{'descr': '<f8', 'fortran_order': False, "
        "'shape': (4294967296, 4294967296), }"),
    "huge-dim": npy_bytes(
        "{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 2), }"),
    "unknown-version": npy_bytes(
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", b"\0" * 48,
        version=(9, 0)),
    "header-length-past-eof": b"\x93NUMPY\x01\x00" + struct.pack("<H", 65535) + b"{",
    "unknown-dtype": npy_bytes(
        "{'descr': '<U3', 'fortran_order': False, 'shape': (2, 3), }", b"\0" * 72),
    "trailing-bytes": None,  # filled in by the test: a valid file plus junk
}


@pytest.mark.parametrize("kind", list(MALFORMED_NPY))
def test_malformed_npy_is_a_clean_error(tmp_path, add_module, kind):
    module, good = add_module
    bad = tmp_path / "malformed.npy"
    content = MALFORMED_NPY[kind]
    if content is None:
        content = good.read_bytes() + b"junk"
    bad.write_bytes(content)
    proc = run_ssm_run([module, "--input", good, "--input", bad,
                        "--output-dir", tmp_path / "out"])
    assert_clean_error(proc, "malformed.npy")


def test_run_time_shape_error_in_an_op(tmp_path, ssm_run):
    """A dynamic head count that breaks `H % Hk == 0` at run time is a
    diagnostic at the op, not a crash."""
    text = """
func.func @f(%q: tensor<1x?x4x8xf64>, %k: tensor<1x3x4x8xf64>, %v: tensor<1x3x4x8xf64>) -> tensor<1x?x4x8xf64> {
  %y = ssm.attention %q, %k, %v : tensor<1x?x4x8xf64>, tensor<1x3x4x8xf64>, tensor<1x3x4x8xf64> -> tensor<1x?x4x8xf64>
  return %y : tensor<1x?x4x8xf64>
}
"""
    module = tmp_path / "dyn.mlir"
    module.write_text(text)
    paths = []
    for name, shape in [("q", (1, 4, 4, 8)), ("k", (1, 3, 4, 8)), ("v", (1, 3, 4, 8))]:
        paths += ["--input", tmp_path / f"{name}.npy"]
        np.save(tmp_path / f"{name}.npy", np.ones(shape))
    proc = run_ssm_run([module, *paths, "--output-dir", tmp_path / "out"])
    assert_clean_error(proc, "ssm.attention")


def test_circular_conv_length_mismatch_at_run_time(tmp_path, ssm_run):
    """`mode circular` needs Lk == L; with a dynamic L it is checked at run time."""
    text = """
func.func @f(%u: tensor<1x?x2xf64>, %k: tensor<2x5xf64>) -> tensor<1x?x2xf64> {
  %y = ssm.long_conv %u, %k mode circular : (tensor<1x?x2xf64>, tensor<2x5xf64>) -> tensor<1x?x2xf64>
  return %y : tensor<1x?x2xf64>
}
"""
    module = tmp_path / "conv.mlir"
    module.write_text(text)
    np.save(tmp_path / "u.npy", np.ones((1, 7, 2)))
    np.save(tmp_path / "k.npy", np.ones((2, 5)))
    proc = run_ssm_run([module, "--input", tmp_path / "u.npy", "--input",
                        tmp_path / "k.npy", "--output-dir", tmp_path / "out"])
    assert_clean_error(proc, "ssm.long_conv")


# ---------------------------------------------------------------------------
# --random-inputs
# ---------------------------------------------------------------------------

SCAN = """
func.func @scan(%x: tensor<2x9x3xf64>, %dt: tensor<2x9x3xf64>, %A: tensor<3x4xf64>,
                %B: tensor<2x9x1x4xf64>, %C: tensor<2x9x1x4xf64>)
    -> (tensor<2x9x3xf64>, tensor<2x3x4xf64>) {
  %y, %h = ssm.selective_scan %x, %dt, %A, %B, %C delta_softplus
      : (tensor<2x9x3xf64>, tensor<2x9x3xf64>, tensor<3x4xf64>,
         tensor<2x9x1x4xf64>, tensor<2x9x1x4xf64>)
      -> (tensor<2x9x3xf64>, tensor<2x3x4xf64>)
  return %y, %h : tensor<2x9x3xf64>, tensor<2x3x4xf64>
}
"""


def run_random(tmp_path, name, seed, extra=()):
    module = tmp_path / "scan.mlir"
    module.write_text(SCAN)
    out = tmp_path / name
    proc = run_ssm_run([module, "--random-inputs", "--seed", seed,
                        "--output-dir", out, *extra])
    assert proc.returncode == 0, proc.stderr
    return out, [np.load(out / f"result{i}.npy") for i in range(2)]


def test_random_inputs_same_seed_same_outputs(tmp_path, ssm_run):
    _, first = run_random(tmp_path, "a", 7)
    _, second = run_random(tmp_path, "b", 7)
    for a, b in zip(first, second):
        assert a.tobytes() == b.tobytes()


def test_random_inputs_other_seed_other_outputs(tmp_path, ssm_run):
    _, first = run_random(tmp_path, "a", 7)
    _, other = run_random(tmp_path, "b", 8)
    for a, b in zip(first, other):
        assert not np.array_equal(a, b)


def test_random_inputs_saved_and_consistent(tmp_path, ssm_run):
    """--save-inputs writes the random inputs (uniform in [-1, 1)) and the
    results are the op applied to exactly those inputs."""
    out, (y, h) = run_random(tmp_path, "a", 3, extra=["--save-inputs"])
    inputs = [np.load(out / f"input{i}.npy") for i in range(5)]
    for array in inputs:
        assert array.dtype == np.float64
        assert np.all(array >= -1.0) and np.all(array < 1.0)
    y_ref, h_ref = ref.selective_scan(*inputs, delta_softplus=True)
    np.testing.assert_allclose(y, y_ref, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(h, h_ref, rtol=1e-9, atol=1e-12)


def test_random_inputs_need_static_shapes(tmp_path, ssm_run):
    module = tmp_path / "dyn.mlir"
    module.write_text("""
func.func @f(%x: tensor<?x3xf64>) -> tensor<?x3xf64> {
  return %x : tensor<?x3xf64>
}
""")
    proc = run_ssm_run([module, "--random-inputs"])
    assert_clean_error(proc)


# ---------------------------------------------------------------------------
# Result files and the .npy round trip
# ---------------------------------------------------------------------------

def test_every_result_file_loads(tmp_path, ssm_run):
    """Three results of different element types and ranks: one file each,
    each readable by np.load with the dtype and shape of its result type."""
    text = """
func.func @f(%a: tensor<2x3xf32>, %b: tensor<4xf64>, %c: tensor<2xcomplex<f64>>)
    -> (tensor<2xcomplex<f64>>, tensor<2x3xf32>, tensor<4xf64>) {
  %d = arith.mulf %b, %b : tensor<4xf64>
  return %c, %a, %d : tensor<2xcomplex<f64>>, tensor<2x3xf32>, tensor<4xf64>
}
"""
    rng = np.random.default_rng(20)
    a = rng.normal(size=(2, 3)).astype(np.float32)
    b = rng.normal(size=(4,))
    c = rng.normal(size=2) + 1j * rng.normal(size=2)
    results = run_mlir(tmp_path, text, "f", [a, b, c])
    assert len(results) == 3
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "result0.npy", "result1.npy", "result2.npy"]
    assert results[0].dtype == np.complex128 and results[0].shape == (2,)
    assert results[1].dtype == np.float32 and results[1].shape == (2, 3)
    assert results[2].dtype == np.float64 and results[2].shape == (4,)
    np.testing.assert_array_equal(results[0], c)
    np.testing.assert_array_equal(results[1], a)
    np.testing.assert_allclose(results[2], b * b, rtol=1e-15)


def special_values(dtype):
    """Finite, signed zero, infinities, NaN, subnormal and extreme values."""
    info = np.finfo(dtype)
    return np.array([0.0, -0.0, 1.0, -2.5, np.inf, -np.inf, np.nan,
                     info.tiny, info.tiny / 4, -info.tiny / 2, info.max,
                     -info.max, info.eps, 1 / 3], dtype=dtype)


ROUND_TRIP_TYPES = {
    "f16": (np.float16, "f16"),
    "f32": (np.float32, "f32"),
    "f64": (np.float64, "f64"),
    "complex64": (np.complex64, "complex<f32>"),
    "complex128": (np.complex128, "complex<f64>"),
}


def identity_module(shape, element):
    t = "tensor<" + "".join(f"{d}x" for d in shape) + element + ">"
    return f"func.func @id(%x: {t}) -> {t} {{\n  return %x : {t}\n}}\n"


def make_round_trip_array(dtype, shape):
    size = int(np.prod(shape, dtype=np.int64))
    if np.issubdtype(dtype, np.complexfloating):
        part = np.float32 if dtype == np.complex64 else np.float64
        vals = special_values(part)
        x = np.empty(size, dtype=dtype)
        # Set the parts directly: 1j * inf would make a NaN real part.
        x.real = np.resize(vals, size)
        x.imag = np.resize(vals[::-1], size)
        return x.reshape(shape)
    return np.resize(special_values(dtype), size).reshape(shape)


def assert_bitwise_equal(actual, expected):
    """Same dtype, shape, values and signs of zero; NaN where NaN was (NaN
    payloads are not part of the contract)."""
    assert actual.dtype == expected.dtype
    assert actual.shape == expected.shape
    a, e = actual, expected
    if np.issubdtype(e.dtype, np.complexfloating):
        a, e = np.stack([a.real, a.imag]), np.stack([e.real, e.imag])
    nan = np.isnan(e)
    assert np.array_equal(np.isnan(a), nan)
    assert np.array_equal(a[~nan], e[~nan])
    assert np.array_equal(np.signbit(a[~nan]), np.signbit(e[~nan]))


@pytest.mark.parametrize("shape", [(2, 7), (14,), (), (0, 3), (1, 2, 3, 2)],
                         ids=["2x7", "14", "rank0", "0x3", "1x2x3x2"])
@pytest.mark.parametrize("name", list(ROUND_TRIP_TYPES))
def test_npy_round_trip(tmp_path, ssm_run, name, shape):
    dtype, element = ROUND_TRIP_TYPES[name]
    x = make_round_trip_array(dtype, shape)
    (y,) = run_mlir(tmp_path, identity_module(shape, element), "id", [x])
    assert_bitwise_equal(y, x)


@pytest.mark.parametrize("layout", ["fortran", "big-endian"])
def test_npy_other_layouts_never_misread(tmp_path, ssm_run, layout):
    """numpy also writes Fortran-order and big-endian files. Reading them
    correctly or rejecting them with a clear message are both fine; silently
    reading the bytes in the wrong order is not."""
    x = np.arange(6.0).reshape(2, 3) + 0.5
    if layout == "fortran":
        saved = np.asfortranarray(x)
    else:
        saved = x.astype(">f8")
    module = tmp_path / "id.mlir"
    module.write_text(identity_module((2, 3), "f64"))
    path = tmp_path / "layout.npy"
    np.save(path, saved)
    proc = run_ssm_run([module, "--input", path, "--output-dir", tmp_path / "out"])
    if proc.returncode == 0:
        np.testing.assert_array_equal(np.load(tmp_path / "out" / "result0.npy"), x)
    else:
        assert_clean_error(proc, "layout.npy")
