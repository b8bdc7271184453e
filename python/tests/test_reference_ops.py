"""The reference evaluator (`ssm-run`) against independent numpy formulas.

Every op of DESIGN.md's "Operators" section runs through `ssm-run` on random
f64 inputs of awkward shapes (L = 1, prime L, L = 1000, channel counts that are
not powers of two, GQA, Lq != Lk) and is compared with `numpy_reference`.

Tolerance, f64 everywhere: |actual - expected| <= 1e-9 * |expected|
+ 1e-12 * max|expected| (rtol 1e-9, atol 1e-12 times the result's scale).
"""

import math

import numpy as np
import pytest

import numpy_reference as ref
from conftest import run_mlir, tensor_type as tt

RTOL = 1e-9
ATOL_FACTOR = 1e-12


def assert_close(actual, expected):
    """rtol 1e-9, atol 1e-12 * max|expected| (1e-12 for an all-zero result)."""
    expected = np.asarray(expected)
    assert actual.dtype == expected.dtype, (actual.dtype, expected.dtype)
    assert actual.shape == expected.shape, (actual.shape, expected.shape)
    scale = float(np.max(np.abs(expected))) if expected.size else 0.0
    if scale == 0.0:
        scale = 1.0
    np.testing.assert_allclose(actual, expected, rtol=RTOL,
                               atol=ATOL_FACTOR * scale)


def func(name, args, result_types, body, returns):
    """Text of `func.func @name` with `args` = [(ssa_name, type)]."""
    sig = ", ".join(f"%{n}: {t}" for n, t in args)
    res = result_types[0] if len(result_types) == 1 else \
        "(" + ", ".join(result_types) + ")"
    ret = ", ".join(returns) + " : " + ", ".join(result_types)
    lines = "\n".join("  " + line for line in body)
    return (f"func.func @{name}({sig}) -> {res} {{\n{lines}\n"
            f"  return {ret}\n}}\n")


def stable_decay(rng, shape):
    """Negative decays -exp(N(0, 1)): keeps every scan's state O(1)."""
    return -np.exp(rng.normal(size=shape))


# ---------------------------------------------------------------------------
# ssm.attention
# ---------------------------------------------------------------------------

# (B, H, Hk, Lq, Lk, E, Ev, causal, window, scale)
ATTENTION_CASES = [
    pytest.param(1, 1, 1, 1, 1, 3, 3, False, None, None, id="L1"),
    pytest.param(1, 1, 1, 1, 1, 3, 2, True, None, None, id="L1-causal"),
    pytest.param(2, 3, 3, 7, 7, 3, 5, False, None, None, id="mha-L7"),
    pytest.param(2, 3, 3, 7, 7, 3, 5, True, None, None, id="mha-L7-causal"),
    pytest.param(1, 8, 2, 7, 7, 3, 4, True, None, None, id="gqa8x2-causal"),
    pytest.param(2, 8, 2, 7, 7, 4, 3, False, None, 0.3, id="gqa8x2-scale"),
    pytest.param(1, 4, 1, 7, 7, 3, 3, True, None, None, id="mqa-causal"),
    pytest.param(1, 8, 2, 5, 13, 3, 4, True, None, None,
                 id="gqa-Lq5-Lk13-causal"),
    pytest.param(1, 8, 2, 5, 13, 3, 4, False, None, None, id="gqa-Lq5-Lk13"),
    pytest.param(1, 2, 2, 1, 7, 3, 3, True, None, None, id="decode-Lq1-Lk7"),
    # Lq > Lk with causal: queries 0..4 have no key left and yield 0.
    pytest.param(1, 2, 1, 9, 4, 3, 2, True, None, None,
                 id="Lq9-Lk4-causal-empty-rows"),
    pytest.param(1, 2, 2, 7, 7, 3, 3, True, 3, None, id="causal-window3"),
    pytest.param(1, 2, 2, 7, 7, 3, 3, True, 1, None, id="causal-window1"),
    pytest.param(1, 8, 2, 5, 11, 3, 2, True, 2, None,
                 id="gqa-Lq5-Lk11-causal-window2"),
    pytest.param(1, 2, 1, 9, 4, 3, 2, True, 2, -0.25, id="Lq9-Lk4-window-negscale"),
    pytest.param(1, 2, 2, 7, 7, 3, 3, False, 3, None, id="window3-noncausal"),
    pytest.param(1, 2, 1, 3, 8, 3, 2, False, 2, None, id="window2-noncausal-Lq3-Lk8"),
    pytest.param(1, 2, 1, 8, 3, 3, 2, False, 2, None,
                 id="window2-noncausal-Lq8-Lk3-empty-rows"),
    pytest.param(1, 2, 2, 7, 7, 3, 3, True, 100, None, id="causal-window-wider-than-Lk"),
    # Logits in the hundreds: exp() without the max shift would overflow.
    pytest.param(1, 2, 1, 7, 9, 3, 2, True, None, 400.0, id="large-logits"),
    pytest.param(1, 1, 1, 5, 5, 1, 1, False, None, None, id="E1-Ev1"),
    pytest.param(1, 2, 1, 1000, 1000, 3, 2, True, None, None, id="L1000-causal"),
    pytest.param(1, 2, 2, 1000, 1000, 2, 1, True, 50, None,
                 id="L1000-causal-window50"),
]


@pytest.mark.parametrize("B,H,Hk,Lq,Lk,E,Ev,causal,window,scale",
                         ATTENTION_CASES)
def test_attention(tmp_path, B, H, Hk, Lq, Lk, E, Ev, causal, window, scale):
    rng = np.random.default_rng(1)
    q = rng.normal(size=(B, H, Lq, E))
    k = rng.normal(size=(B, Hk, Lk, E))
    v = rng.normal(size=(B, Hk, Lk, Ev))
    attrs = ""
    if causal:
        attrs += " causal"
    if window is not None:
        attrs += f" window {window}"
    if scale is not None:
        attrs += f" scale {scale!r}"
    rt = tt((B, H, Lq, Ev))
    text = func("f", [("q", tt(q.shape)), ("k", tt(k.shape)), ("v", tt(v.shape))],
                [rt],
                [f"%y = ssm.attention %q, %k, %v{attrs} : {tt(q.shape)}, "
                 f"{tt(k.shape)}, {tt(v.shape)} -> {rt}"], ["%y"])
    (y,) = run_mlir(tmp_path, text, "f", [q, k, v])
    expected = ref.attention(q, k, v, causal=causal, scale=scale, window=window)
    assert_close(y, expected)


# ---------------------------------------------------------------------------
# ssm.linear_attention
# ---------------------------------------------------------------------------

LINEAR_ATTENTION_CASES = [
    pytest.param(f, c, n, L, id=f"{f}-{'causal' if c else 'full'}"
                 f"{'-norm' if n else ''}-L{L}")
    for f in ["identity", "elu1", "relu", "taylor2"]
    for c in [False, True]
    for n in [False, True]
    for L in [1, 7]
] + [
    pytest.param("taylor2", True, True, 1000, id="taylor2-causal-norm-L1000"),
    pytest.param("elu1", False, True, 1000, id="elu1-full-norm-L1000"),
    pytest.param("identity", True, False, 1000, id="identity-causal-L1000"),
]


@pytest.mark.parametrize("feature,causal,normalize,L", LINEAR_ATTENTION_CASES)
def test_linear_attention(tmp_path, feature, causal, normalize, L):
    rng = np.random.default_rng(2)
    B, H, E, Ev = 2, 3, 3, 2
    if L == 1000:
        B, H = 1, 1
    q = rng.normal(size=(B, H, L, E))
    k = rng.normal(size=(B, H, L, E))
    v = rng.normal(size=(B, H, L, Ev))
    if normalize and feature in ("identity", "relu"):
        # Keep the normalizer away from zero (and relu rows from 0/0).
        q = rng.uniform(0.2, 1.0, size=q.shape)
        k = rng.uniform(0.2, 1.0, size=k.shape)
    attrs = (" causal" if causal else "") + (" normalize" if normalize else "")
    attrs += f" feature_map {feature}"
    text = func("f", [("q", tt(q.shape)), ("k", tt(k.shape)), ("v", tt(v.shape))],
                [tt(v.shape)],
                [f"%y = ssm.linear_attention %q, %k, %v{attrs} : {tt(q.shape)}, "
                 f"{tt(k.shape)}, {tt(v.shape)} -> {tt(v.shape)}"], ["%y"])
    (y,) = run_mlir(tmp_path, text, "f", [q, k, v])
    expected = ref.linear_attention(q, k, v, causal=causal, normalize=normalize,
                                    feature=feature)
    assert_close(y, expected)


# ---------------------------------------------------------------------------
# ssm.selective_scan
# ---------------------------------------------------------------------------

SELECTIVE_SCAN_OPTIONS = ["skip", "gate", "delta_bias", "init"]

# (B, L, D, G, N, optional operands, delta_softplus, with final state)
SELECTIVE_SCAN_CASES = [
    pytest.param(1, 1, 3, 1, 4, [], False, False, id="minimal-L1"),
    pytest.param(2, 7, 3, 1, 4, [], False, False, id="minimal-L7-G1"),
    pytest.param(2, 7, 3, 3, 4, [], True, True, id="L7-G3-softplus-hT"),
    pytest.param(2, 7, 3, 1, 4, ["skip"], False, False, id="skip"),
    pytest.param(2, 7, 3, 1, 4, ["gate"], False, False, id="gate"),
    pytest.param(2, 7, 3, 1, 4, ["delta_bias"], True, False,
                 id="delta_bias-softplus"),
    pytest.param(2, 7, 3, 1, 4, ["init"], False, True, id="init-hT"),
    pytest.param(1, 1, 3, 3, 2, SELECTIVE_SCAN_OPTIONS, True, True,
                 id="all-L1"),
] + [
    pytest.param(2, 7, 6, G, 5, SELECTIVE_SCAN_OPTIONS, True, True,
                 id=f"all-D6-G{G}")
    for G in [1, 2, 3, 6]
] + [
    pytest.param(1, 1000, 3, 3, 4, SELECTIVE_SCAN_OPTIONS, True, True,
                 id="all-L1000"),
    pytest.param(1, 7, 3, 1, 4, ["gate"], "extreme", True,
                 id="softplus-and-silu-of-extremes"),
    pytest.param(2, 1000, 3, 1, 8, [], False, True, id="minimal-L1000-hT"),
]


@pytest.mark.parametrize("B,L,D,G,N,options,softplus,final_state",
                         SELECTIVE_SCAN_CASES)
def test_selective_scan(tmp_path, B, L, D, G, N, options, softplus, final_state):
    rng = np.random.default_rng(3)
    x = rng.normal(size=(B, L, D))
    if softplus == "extreme":
        # softplus(800) must not overflow, softplus(-800) is 0.
        delta = rng.choice([-800.0, -40.0, 0.0, 40.0, 800.0], size=(B, L, D))
    elif softplus:
        delta = rng.normal(size=(B, L, D))
    else:
        delta = rng.uniform(0.01, 1.0, size=(B, L, D))
    A = stable_decay(rng, (D, N))
    Bm = rng.normal(size=(B, L, G, N))
    Cm = rng.normal(size=(B, L, G, N))
    extra = {
        "skip": rng.normal(size=(D,)),
        "gate": rng.normal(size=(B, L, D)) * (400.0 if softplus == "extreme" else 1.0),
        "delta_bias": rng.uniform(0.0, 0.5, size=(D,)),
        "init": rng.normal(size=(B, D, N)),
    }
    names = ["x", "delta", "A", "Bm", "Cm"]
    inputs = [x, delta, A, Bm, Cm]
    clause = ""
    for opt in SELECTIVE_SCAN_OPTIONS:  # the assembly format's order
        if opt in options:
            names.append(opt)
            inputs.append(extra[opt])
            clause += f" {opt}(%{opt})"
    if softplus:
        clause += " delta_softplus"
    result_types = [tt((B, L, D))] + ([tt((B, D, N))] if final_state else [])
    lhs = "%y, %hT" if final_state else "%y"
    fn_type = ("(" + ", ".join(tt(a.shape) for a in inputs) + ") -> " +
               (result_types[0] if len(result_types) == 1
                else "(" + ", ".join(result_types) + ")"))
    text = func("f", [(n, tt(a.shape)) for n, a in zip(names, inputs)],
                result_types,
                [f"{lhs} = ssm.selective_scan %x, %delta, %A, %Bm, %Cm{clause}"
                 f" : {fn_type}"],
                lhs.split(", "))
    results = run_mlir(tmp_path, text, "f", inputs)
    y_ref, h_ref = ref.selective_scan(
        x, delta, A, Bm, Cm,
        skip=extra["skip"] if "skip" in options else None,
        gate=extra["gate"] if "gate" in options else None,
        delta_bias=extra["delta_bias"] if "delta_bias" in options else None,
        init=extra["init"] if "init" in options else None,
        delta_softplus=bool(softplus))
    assert len(results) == len(result_types)
    assert_close(results[0], y_ref)
    if final_state:
        assert_close(results[1], h_ref)


# ---------------------------------------------------------------------------
# ssm.ssd
# ---------------------------------------------------------------------------

# (B, L, H, P, G, N, skip, init, dt_softplus, with final state)
SSD_CASES = [
    pytest.param(1, 1, 1, 1, 1, 1, False, False, False, False, id="L1-scalar"),
    pytest.param(2, 7, 4, 3, 1, 5, False, False, False, False, id="minimal-G1"),
    pytest.param(2, 7, 4, 3, 2, 5, True, False, False, False, id="skip-G2"),
    pytest.param(2, 7, 4, 3, 4, 5, False, True, False, True, id="init-G4-hT"),
    pytest.param(2, 7, 4, 3, 2, 5, False, False, True, False, id="softplus"),
    pytest.param(2, 7, 3, 2, 3, 4, True, True, True, True, id="all-H3-G3"),
    pytest.param(1, 1, 3, 2, 1, 4, True, True, True, True, id="all-L1"),
    pytest.param(1, 1000, 4, 3, 2, 5, True, True, True, True, id="all-L1000"),
]


@pytest.mark.parametrize("B,L,H,P,G,N,skip,init,softplus,final_state",
                         SSD_CASES)
def test_ssd(tmp_path, B, L, H, P, G, N, skip, init, softplus, final_state):
    rng = np.random.default_rng(4)
    x = rng.normal(size=(B, L, H, P))
    if softplus:
        dt = rng.normal(size=(B, L, H))
    else:
        dt = rng.uniform(0.01, 1.0, size=(B, L, H))
    A = stable_decay(rng, (H,))
    Bm = rng.normal(size=(B, L, G, N))
    Cm = rng.normal(size=(B, L, G, N))
    Dskip = rng.normal(size=(H,))
    h0 = rng.normal(size=(B, H, P, N))

    names = ["x", "dt", "A", "Bm", "Cm"]
    inputs = [x, dt, A, Bm, Cm]
    clause = ""
    if skip:
        names.append("skip")
        inputs.append(Dskip)
        clause += " skip(%skip)"
    if init:
        names.append("init")
        inputs.append(h0)
        clause += " init(%init)"
    if softplus:
        clause += " dt_softplus"
    result_types = [tt(x.shape)] + ([tt((B, H, P, N))] if final_state else [])
    lhs = "%y, %hT" if final_state else "%y"
    fn_type = ("(" + ", ".join(tt(a.shape) for a in inputs) + ") -> " +
               (result_types[0] if len(result_types) == 1
                else "(" + ", ".join(result_types) + ")"))
    text = func("f", [(n, tt(a.shape)) for n, a in zip(names, inputs)],
                result_types,
                [f"{lhs} = ssm.ssd %x, %dt, %A, %Bm, %Cm{clause} : {fn_type}"],
                lhs.split(", "))
    results = run_mlir(tmp_path, text, "f", inputs)
    y_ref, h_ref = ref.ssd(x, dt, A, Bm, Cm, skip=Dskip if skip else None,
                           init=h0 if init else None, dt_softplus=softplus)
    assert len(results) == len(result_types)
    assert_close(results[0], y_ref)
    if final_state:
        assert_close(results[1], h_ref)


# ---------------------------------------------------------------------------
# ssm.long_conv
# ---------------------------------------------------------------------------

# (B, L, D, Lk, mode, bias)
LONG_CONV_CASES = [
    pytest.param(1, 1, 3, 1, "causal", False, id="causal-L1-Lk1"),
    pytest.param(1, 1, 3, 5, "causal", True, id="causal-L1-Lk5-bias"),
    pytest.param(2, 7, 3, 3, "causal", False, id="causal-Lk<L"),
    pytest.param(2, 7, 3, 7, "causal", True, id="causal-Lk=L-bias"),
    pytest.param(2, 7, 3, 12, "causal", False, id="causal-Lk>L"),
    pytest.param(1, 1, 3, 1, "circular", False, id="circular-L1"),
    pytest.param(2, 7, 3, 7, "circular", False, id="circular-L7"),
    pytest.param(2, 7, 3, 7, "circular", True, id="circular-L7-bias"),
    pytest.param(1, 1000, 3, 1000, "causal", True, id="causal-L1000-Lk=L"),
    pytest.param(1, 1000, 3, 37, "causal", False, id="causal-L1000-Lk37"),
    pytest.param(1, 1000, 3, 1000, "circular", True, id="circular-L1000"),
]


@pytest.mark.parametrize("B,L,D,Lk,mode,bias", LONG_CONV_CASES)
def test_long_conv(tmp_path, B, L, D, Lk, mode, bias):
    rng = np.random.default_rng(5)
    u = rng.normal(size=(B, L, D))
    k = rng.normal(size=(D, Lk)) / math.sqrt(Lk)
    b = rng.normal(size=(D,))
    names, inputs = ["u", "k"], [u, k]
    clause = ""
    if bias:
        names.append("b")
        inputs.append(b)
        clause += " bias(%b)"
    clause += f" mode {mode}"
    fn_type = "(" + ", ".join(tt(a.shape) for a in inputs) + f") -> {tt(u.shape)}"
    text = func("f", [(n, tt(a.shape)) for n, a in zip(names, inputs)],
                [tt(u.shape)],
                [f"%y = ssm.long_conv %u, %k{clause} : {fn_type}"], ["%y"])
    (y,) = run_mlir(tmp_path, text, "f", inputs)
    assert_close(y, ref.long_conv(u, k, bias=b if bias else None, mode=mode))


# ---------------------------------------------------------------------------
# ssm.short_conv
# ---------------------------------------------------------------------------

# (B, L, D, W, bias, activation)
SHORT_CONV_CASES = [
    pytest.param(1, 1, 3, 4, False, "none", id="L1-W4"),
    pytest.param(1, 1, 3, 1, True, "silu", id="L1-W1-bias-silu"),
    pytest.param(2, 7, 3, 1, False, "none", id="L7-W1"),
    pytest.param(2, 7, 3, 4, True, "none", id="L7-W4-bias"),
    pytest.param(2, 7, 3, 4, False, "silu", id="L7-W4-silu"),
    pytest.param(2, 7, 3, 16, True, "silu", id="L7-W16-bias-silu"),
    pytest.param(1, 1000, 3, 16, True, "silu", id="L1000-W16-bias-silu"),
    pytest.param(1, 7, 3, 4, True, "silu-extreme", id="silu-of-extremes"),
    pytest.param(2, 1000, 5, 3, False, "none", id="L1000-W3"),
]


@pytest.mark.parametrize("B,L,D,W,bias,activation", SHORT_CONV_CASES)
def test_short_conv(tmp_path, B, L, D, W, bias, activation):
    rng = np.random.default_rng(6)
    u = rng.normal(size=(B, L, D))
    if activation == "silu-extreme":
        # silu(-x) for large x: exp(x) overflows in a naive x / (1 + exp(-x)).
        activation = "silu"
        u = u * 500.0
    w = rng.normal(size=(D, W))
    b = rng.normal(size=(D,))
    names, inputs = ["u", "w"], [u, w]
    clause = ""
    if bias:
        names.append("b")
        inputs.append(b)
        clause += " bias(%b)"
    clause += f" activation {activation}"
    fn_type = "(" + ", ".join(tt(a.shape) for a in inputs) + f") -> {tt(u.shape)}"
    text = func("f", [(n, tt(a.shape)) for n, a in zip(names, inputs)],
                [tt(u.shape)],
                [f"%y = ssm.short_conv %u, %w{clause} : {fn_type}"], ["%y"])
    (y,) = run_mlir(tmp_path, text, "f", inputs)
    assert_close(y, ref.short_conv(u, w, bias=b if bias else None,
                                   activation=activation))


# ---------------------------------------------------------------------------
# ssm.monarch
# ---------------------------------------------------------------------------

# (leading dims of x, m, k)
MONARCH_CASES = [
    pytest.param((5,), 3, 4, id="n12-m3-k4"),
    pytest.param((5,), 4, 3, id="n12-m4-k3"),
    pytest.param((2, 5), 3, 4, id="batch2x5-n12-m3-k4"),
    pytest.param((2, 3, 4), 3, 4, id="batch2x3x4-n12"),
    pytest.param((), 3, 4, id="rank1-n12"),
    pytest.param((7,), 4, 4, id="square-n16"),
    pytest.param((3,), 1, 5, id="m1-k5"),
    pytest.param((3,), 5, 1, id="m5-k1"),
    pytest.param((1000,), 3, 4, id="rows1000-n12"),
]


@pytest.mark.parametrize("lead,m,k", MONARCH_CASES)
def test_monarch(tmp_path, lead, m, k):
    rng = np.random.default_rng(7)
    n = m * k
    x = rng.normal(size=lead + (n,))
    R = rng.normal(size=(m, k, k))
    Lm = rng.normal(size=(k, m, m))
    text = func("f", [("x", tt(x.shape)), ("r", tt(R.shape)), ("l", tt(Lm.shape))],
                [tt(x.shape)],
                [f"%y = ssm.monarch %x, %r, %l : {tt(x.shape)}, {tt(R.shape)}, "
                 f"{tt(Lm.shape)} -> {tt(x.shape)}"], ["%y"])
    (y,) = run_mlir(tmp_path, text, "f", [x, R, Lm])
    assert_close(y, ref.monarch(x, R, Lm))


# ---------------------------------------------------------------------------
# ssm.butterfly
# ---------------------------------------------------------------------------

BUTTERFLY_CASES = [
    pytest.param(lead, n, id=f"lead{'x'.join(map(str, lead)) or '-none'}-n{n}")
    for n in [1, 2, 8, 16]
    for lead in [(3,), (2, 3)]
] + [
    pytest.param((), 8, id="rank1-n8"),
    pytest.param((1000,), 16, id="rows1000-n16"),
]


@pytest.mark.parametrize("lead,n", BUTTERFLY_CASES)
def test_butterfly(tmp_path, lead, n):
    rng = np.random.default_rng(8)
    stages = n.bit_length() - 1
    x = rng.normal(size=lead + (n,))
    w = rng.normal(size=(stages, n // 2, 2, 2)) / math.sqrt(2.0)
    text = func("f", [("x", tt(x.shape)), ("w", tt(w.shape))], [tt(x.shape)],
                [f"%y = ssm.butterfly %x, %w : {tt(x.shape)}, {tt(w.shape)} -> "
                 f"{tt(x.shape)}"], ["%y"])
    (y,) = run_mlir(tmp_path, text, "f", [x, w])
    assert_close(y, ref.butterfly(x, w))


# ---------------------------------------------------------------------------
# ssm.ssm_kernel
# ---------------------------------------------------------------------------

def random_ssm(rng, D, N, R=None):
    """Stable complex A (Re A < 0), random B, C, log_dt and low-rank P."""
    A = -np.exp(rng.normal(size=(D, N)) - 0.5) + 1j * math.pi * rng.normal(size=(D, N))
    Bm = rng.normal(size=(D, N)) + 1j * rng.normal(size=(D, N))
    Cm = (rng.normal(size=(D, N)) + 1j * rng.normal(size=(D, N))) / math.sqrt(N)
    log_dt = rng.uniform(math.log(1e-3), math.log(1e-1), size=(D,))
    P = None
    if R is not None:
        P = (rng.normal(size=(D, R, N)) + 1j * rng.normal(size=(D, R, N))) / math.sqrt(2 * N)
    return A, Bm, Cm, log_dt, P


# (D, N, length, discretization, low-rank rank or None)
SSM_KERNEL_CASES = [
    pytest.param(D, N, length, disc, R,
                 id=f"{disc}-{'diag' if R is None else f'nplr-R{R}'}-D{D}-N{N}-L{length}")
    for disc in ["zoh", "bilinear"]
    for (D, N, length, R) in [(3, 4, 1, None), (3, 4, 7, None), (3, 4, 1000, None),
                              (1, 1, 7, None),
                              (3, 4, 1, 1), (3, 4, 7, 1), (3, 5, 7, 2),
                              (2, 4, 1000, 2)]
]


@pytest.mark.parametrize("D,N,length,disc,R", SSM_KERNEL_CASES)
def test_ssm_kernel(tmp_path, D, N, length, disc, R):
    rng = np.random.default_rng(9)
    A, Bm, Cm, log_dt, P = random_ssm(rng, D, N, R)
    ct = lambda shape: tt(shape, "complex<f64>")
    names, inputs = ["A", "B", "C", "log_dt"], [A, Bm, Cm, log_dt]
    types = [ct(A.shape), ct(Bm.shape), ct(Cm.shape), tt(log_dt.shape)]
    clause = ""
    if P is not None:
        names.append("P")
        inputs.append(P)
        types.append(ct(P.shape))
        clause = " low_rank(%P)"
    rt = tt((D, length))
    text = func("f", list(zip(names, types)), [rt],
                [f"%k = ssm.ssm_kernel %A, %B, %C, %log_dt{clause} length {length}"
                 f" discretization {disc} : ({', '.join(types)}) -> {rt}"],
                ["%k"])
    (k,) = run_mlir(tmp_path, text, "f", inputs)
    assert_close(k, ref.ssm_kernel(A, Bm, Cm, log_dt, length, disc, low_rank=P))


# ---------------------------------------------------------------------------
# Self-checks of numpy_reference (no ssm-run): two derivations of one formula.
# ---------------------------------------------------------------------------

def test_numpy_reference_monarch_matches_dense():
    rng = np.random.default_rng(10)
    R, Lm = rng.normal(size=(3, 4, 4)), rng.normal(size=(4, 3, 3))
    x = rng.normal(size=(6, 12))
    np.testing.assert_allclose(ref.monarch(x, R, Lm),
                               x @ ref.monarch_dense(R, Lm).T, rtol=1e-12,
                               atol=1e-12)


@pytest.mark.parametrize("n", [1, 2, 8, 16])
def test_numpy_reference_butterfly_matches_dense(n):
    rng = np.random.default_rng(11)
    stages = n.bit_length() - 1
    w = rng.normal(size=(stages, n // 2, 2, 2))
    x = rng.normal(size=(5, n))
    np.testing.assert_allclose(ref.butterfly(x, w),
                               x @ ref.butterfly_dense(w).T, rtol=1e-12,
                               atol=1e-12)


def test_numpy_reference_expm_matches_eigendecomposition():
    rng = np.random.default_rng(12)
    M = rng.normal(size=(6, 6)) + 1j * rng.normal(size=(6, 6))
    w, V = np.linalg.eig(M)
    np.testing.assert_allclose(ref.expm(M), V @ np.diag(np.exp(w)) @ np.linalg.inv(V),
                               rtol=1e-10, atol=1e-10)


@pytest.mark.parametrize("disc", ["zoh", "bilinear"])
def test_numpy_reference_nplr_with_zero_rank_is_diagonal(disc):
    rng = np.random.default_rng(13)
    A, Bm, Cm, log_dt, P = random_ssm(rng, 3, 4, R=2)
    expected = ref.ssm_kernel(A, Bm, Cm, log_dt, 50, disc)
    got = ref.ssm_kernel(A, Bm, Cm, log_dt, 50, disc, low_rank=np.zeros_like(P))
    np.testing.assert_allclose(got, expected, rtol=1e-10,
                               atol=1e-12 * np.max(np.abs(expected)))


def test_numpy_reference_causal_conv_matches_np_convolve():
    rng = np.random.default_rng(14)
    u, k = rng.normal(size=(2, 9, 3)), rng.normal(size=(3, 4))
    y = ref.long_conv(u, k)
    for b in range(2):
        for d in range(3):
            np.testing.assert_allclose(y[b, :, d], np.convolve(u[b, :, d], k[d])[:9],
                                       rtol=1e-12, atol=1e-12)


def test_numpy_reference_linear_attention_taylor2_kernel():
    """phi(q).phi(k) = 1 + q.k + (q.k)^2/2 for the Taylor-2 feature map."""
    rng = np.random.default_rng(15)
    q, k = rng.normal(size=5), rng.normal(size=5)
    dot = q @ k
    np.testing.assert_allclose(ref.feature_map("taylor2", q) @ ref.feature_map("taylor2", k),
                               1 + dot + dot * dot / 2, rtol=1e-12)


# ---------------------------------------------------------------------------
# Dynamic shapes and a model block mixing upstream dialects with ssm ops
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("batch", [1, 4])
def test_dynamic_batch_short_conv(tmp_path, batch):
    """tensor<?x7x3xf64> arguments run on concrete inputs of two batch sizes."""
    rng = np.random.default_rng(16)
    u = rng.normal(size=(batch, 7, 3))
    w = rng.normal(size=(3, 4))
    b = rng.normal(size=(3,))
    dyn = tt((None, 7, 3))
    text = func("f", [("u", dyn), ("w", tt(w.shape)), ("b", tt(b.shape))], [dyn],
                [f"%y = ssm.short_conv %u, %w bias(%b) activation silu : "
                 f"({dyn}, {tt(w.shape)}, {tt(b.shape)}) -> {dyn}"], ["%y"])
    (y,) = run_mlir(tmp_path, text, "f", [u, w, b])
    assert_close(y, ref.short_conv(u, w, bias=b, activation="silu"))


MODEL_BLOCK = """
#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
func.func @block(%x: tensor<2x7x4xf64>, %w_in: tensor<4x6xf64>,
                 %conv: tensor<6x3xf64>, %w_out: tensor<6x4xf64>) -> tensor<2x7x4xf64> {
  %zero = arith.constant 0.0 : f64
  // in-projection: [2,7,4] -> [14,4] x [4,6] -> [2,7,6]
  %flat = tensor.collapse_shape %x [[0, 1], [2]] : tensor<2x7x4xf64> into tensor<14x4xf64>
  %e0 = tensor.empty() : tensor<14x6xf64>
  %f0 = linalg.fill ins(%zero : f64) outs(%e0 : tensor<14x6xf64>) -> tensor<14x6xf64>
  %proj = linalg.matmul ins(%flat, %w_in : tensor<14x4xf64>, tensor<4x6xf64>)
                        outs(%f0 : tensor<14x6xf64>) -> tensor<14x6xf64>
  %h = tensor.expand_shape %proj [[0, 1], [2]] output_shape [2, 7, 6]
      : tensor<14x6xf64> into tensor<2x7x6xf64>
  // silu, elementwise
  %e1 = tensor.empty() : tensor<2x7x6xf64>
  %act = linalg.generic {indexing_maps = [#id3, #id3],
                         iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%h : tensor<2x7x6xf64>) outs(%e1 : tensor<2x7x6xf64>) {
  ^bb0(%a: f64, %unused: f64):
    %one = arith.constant 1.0 : f64
    %neg = arith.negf %a : f64
    %ex = math.exp %neg : f64
    %den = arith.addf %one, %ex : f64
    %s = arith.divf %a, %den : f64
    linalg.yield %s : f64
  } -> tensor<2x7x6xf64>
  // sequence mixing
  %mix = ssm.short_conv %act, %conv : (tensor<2x7x6xf64>, tensor<6x3xf64>) -> tensor<2x7x6xf64>
  // out-projection back to [2,7,4]
  %flat2 = tensor.collapse_shape %mix [[0, 1], [2]] : tensor<2x7x6xf64> into tensor<14x6xf64>
  %e2 = tensor.empty() : tensor<14x4xf64>
  %f2 = linalg.fill ins(%zero : f64) outs(%e2 : tensor<14x4xf64>) -> tensor<14x4xf64>
  %out = linalg.matmul ins(%flat2, %w_out : tensor<14x6xf64>, tensor<6x4xf64>)
                       outs(%f2 : tensor<14x4xf64>) -> tensor<14x4xf64>
  %y = tensor.expand_shape %out [[0, 1], [2]] output_shape [2, 7, 4]
      : tensor<14x4xf64> into tensor<2x7x4xf64>
  return %y : tensor<2x7x4xf64>
}
"""


def test_model_block(tmp_path):
    """matmul -> silu (linalg.generic) -> ssm.short_conv -> matmul, with
    collapse/expand_shape around the projections."""
    rng = np.random.default_rng(17)
    x = rng.normal(size=(2, 7, 4))
    w_in = rng.normal(size=(4, 6))
    conv = rng.normal(size=(6, 3))
    w_out = rng.normal(size=(6, 4))
    (y,) = run_mlir(tmp_path, MODEL_BLOCK, "block", [x, w_in, conv, w_out])
    h = ref.silu((x.reshape(14, 4) @ w_in).reshape(2, 7, 6))
    expected = (ref.short_conv(h, conv).reshape(14, 6) @ w_out).reshape(2, 7, 4)
    assert_close(y, expected)
