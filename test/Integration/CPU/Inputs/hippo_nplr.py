"""S4's NPLR form of the HiPPO-LegS matrix, as ssm.ssm_kernel inputs.

Usage: hippo_nplr.py PREFIX D N   writes PREFIX_{A,Bm,Cm,log_dt,P}.npy

LegS is A_nk = -sqrt(2n+1) sqrt(2k+1) (n > k), -(n+1) (n = k), 0 (n < k);
with P_n = sqrt(n + 1/2), A + P P^T = -I/2 + a skew-symmetric matrix, which
is normal: A = V (Lambda - V^H P (V^H P)^H) V^H. The kernel's inputs are in
that eigenbasis: diagonal Lambda, rank-1 P~ = V^H P, Bm = V^H B with
B_n = sqrt(2n+1), a random Cm, and log_dt in [log 1e-3, log 1e-1).
"""
import sys

import numpy as np

prefix, D, N = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
n = np.arange(N)
q = np.sqrt(2 * n + 1.0)
legs = -np.tril(np.outer(q, q), -1) - np.diag(n + 1.0)
p = np.sqrt(n + 0.5)
lam, V = np.linalg.eig(legs + np.outer(p, p))
Vh = V.conj().T
rng = np.random.default_rng(1)
inputs = {
    "A": np.tile(lam, (D, 1)),
    "Bm": np.tile(Vh @ q, (D, 1)),
    "Cm": (rng.normal(size=(D, N)) + 1j * rng.normal(size=(D, N))) / np.sqrt(N),
    "log_dt": rng.uniform(np.log(1e-3), np.log(1e-1), D).astype(np.float32),
    "P": np.tile(Vh @ p, (D, 1)).reshape(D, 1, N),
}
for name, value in inputs.items():
    if np.iscomplexobj(value):
        value = value.astype(np.complex64)
    np.save(f"{prefix}_{name}.npy", value)
