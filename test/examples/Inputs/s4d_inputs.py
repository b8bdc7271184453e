"""Inputs for examples/s4d_conv.mlir, and an independent check of its output.

Usage: s4d_inputs.py DIR            writes u, A, B, C, log_dt, D as .npy
       s4d_inputs.py DIR --check Y  compares Y with NumPy's S4D (ZOH) result
"""
import sys

import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(0)
Bsz, L, D, N = 2, 257, 4, 8
u = rng.uniform(-1, 1, (Bsz, L, D)).astype(np.float32)
# S4D-Lin initialisation: A_n = -1/2 + i pi n.
A = np.tile(-0.5 + 1j * np.pi * np.arange(N), (D, 1)).astype(np.complex64)
B = np.ones((D, N), np.complex64)
C = (rng.normal(size=(D, N)) + 1j * rng.normal(size=(D, N))).astype(np.complex64)
log_dt = np.log(np.linspace(0.01, 0.1, D)).astype(np.float32)
skip = rng.uniform(-1, 1, D).astype(np.float32)

if "--check" not in sys.argv:
    for name, value in [("u", u), ("A", A), ("B", B), ("C", C),
                        ("log_dt", log_dt), ("D", skip)]:
        np.save(f"{out}/{name}.npy", value)
    sys.exit(0)

y = np.load(sys.argv[sys.argv.index("--check") + 1])
a, b, c = A.astype(np.complex128), B.astype(np.complex128), C.astype(np.complex128)
dt = np.exp(log_dt.astype(np.float64))[:, None]
abar = np.exp(dt * a)
bbar = (abar - 1) / a * b
k = 2 * np.real(np.einsum("dn,dnl->dl", c * bbar,
                          abar[:, :, None] ** np.arange(L)[None, None, :]))
ref = np.zeros((Bsz, L, D))
for t in range(L):
    ref[:, t, :] = np.einsum("dl,bld->bd", k[:, : t + 1][:, ::-1], u[:, : t + 1, :])
ref += skip[None, None, :] * u
err = np.abs(y - ref).max() / np.abs(ref).max()
print("max relative error below 1e-5" if err < 1e-5 else f"max relative error {err}")
