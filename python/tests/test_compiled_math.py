"""The CPU pipeline's own f32 exp (ssm-approximate-math), compiled and run
on the host, against numpy's exp in double precision: within 1 ulp wherever
the result is a normal f32, and the edges of its range as documented (+inf
above FLT_MAX, zero below about 2^-125, NaN kept).
"""

import numpy as np

from conftest import run_mlir


def exp_module(n):
    t = f"tensor<{n}xf32>"
    return f"""#id = affine_map<(i) -> (i)>
func.func @exp(%x: {t}) -> {t} {{
  %init = tensor.empty() : {t}
  %y = linalg.generic {{indexing_maps = [#id, #id], iterator_types = ["parallel"]}}
      ins(%x : {t}) outs(%init : {t}) {{
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    linalg.yield %e : f32
  }} -> {t}
  return %y : {t}
}}
"""


def run_exp(tmp_path, x):
    x = np.asarray(x, np.float32)
    (y,) = run_mlir(tmp_path, exp_module(x.size), "exp", [x], compiled=True)
    return y


def test_exp_within_one_ulp(tmp_path):
    rng = np.random.default_rng(3)
    x = np.concatenate([
        rng.uniform(-87.0, 88.7, 1 << 20),   # the whole normal range
        rng.uniform(-1.0, 1.0, 1 << 16),     # |r| small, k = 0 or +-1
        np.arange(-126, 128) * np.log(2.0),  # exact powers of two
    ]).astype(np.float32)
    y = run_exp(tmp_path, x).astype(np.float64)
    ref = np.exp(x.astype(np.float64))
    normal = (ref >= 2.0 ** -125) & (ref <= np.finfo(np.float32).max)
    ulp = np.spacing(ref[normal].astype(np.float32)).astype(np.float64)
    error = np.abs(y[normal] - ref[normal]) / ulp
    assert error.max() <= 1.0, f"max error {error.max():.3f} ulp"


def test_exp_range_edges(tmp_path):
    x = [0.0, -0.0, 88.72, 88.73, 100.0, np.inf, -87.4, -100.0, -np.inf,
         np.nan]
    y = run_exp(tmp_path, x)
    assert y[0] == 1.0 and y[1] == 1.0
    near_max = np.exp(np.float64(np.float32(88.72)))  # 3.39e38, finite
    assert np.isfinite(y[2]) and abs(y[2] / near_max - 1) < 1e-7
    assert np.isposinf(y[3]) and np.isposinf(y[4]) and np.isposinf(y[5])
    assert y[6] == 0.0 and y[7] == 0.0 and y[8] == 0.0
    assert np.isnan(y[9])
