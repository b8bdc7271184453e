"""Independent numpy implementations of the ssm ops, written from the
"Operators" section of DESIGN.md (the contract), not from the C++ reference
evaluator. Everything is computed in float64 / complex128.

Each function follows the formula of its op as literally as numpy allows:
recurrences are explicit loops over time, convolutions are sums over taps,
masks are built from the index inequalities of the spec.
"""

import math

import numpy as np


# ---------------------------------------------------------------------------
# Pointwise helpers
# ---------------------------------------------------------------------------

def softplus(x):
    """log(1 + exp(x)), without overflow."""
    return np.logaddexp(0.0, x)


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    ex = np.exp(x[~pos])
    out[~pos] = ex / (1.0 + ex)
    return out


def silu(x):
    return x * sigmoid(x)


def elu(x):
    return np.where(x > 0, x, np.expm1(np.minimum(x, 0.0)))


# ---------------------------------------------------------------------------
# Attention
# ---------------------------------------------------------------------------

def attention(q, k, v, causal=False, scale=None, window=None):
    """q[B,H,Lq,E], k[B,Hk,Lk,E], v[B,Hk,Lk,Ev] -> [B,H,Lq,Ev]."""
    B, H, Lq, E = q.shape
    Hk, Lk = k.shape[1], k.shape[2]
    assert H % Hk == 0
    if scale is None:
        scale = 1.0 / math.sqrt(E)
    # Query head h reads kv head h // (H/Hk): repeat each kv head H/Hk times.
    group = H // Hk
    kh = np.repeat(k, group, axis=1)
    vh = np.repeat(v, group, axis=1)

    scores = scale * np.einsum("bhie,bhje->bhij", q, kh)
    i = np.arange(Lq)[:, None]
    j = np.arange(Lk)[None, :]
    keep = np.ones((Lq, Lk), dtype=bool)
    shift = Lk - Lq  # bottom-right alignment
    if causal:
        keep &= j <= i + shift
    if window is not None:
        keep &= ~(j < i + shift - window + 1)

    masked = np.where(keep, scores, -np.inf)
    # Softmax over the kept keys, shifted by the row max for stability; a row
    # with no key left has p == 0 everywhere and so yields 0.
    row_max = masked.max(axis=-1, keepdims=True)
    row_max = np.where(np.isfinite(row_max), row_max, 0.0)
    p = np.exp(masked - row_max)
    denom = p.sum(axis=-1, keepdims=True)
    weights = p / np.where(denom > 0, denom, 1.0)
    out = np.einsum("bhij,bhjv->bhiv", weights, vh)
    return out


# ---------------------------------------------------------------------------
# Linear attention
# ---------------------------------------------------------------------------

def feature_map(name, x):
    """phi applied to the last dim of x."""
    if name == "identity":
        return x
    if name == "elu1":
        return elu(x) + 1.0
    if name == "relu":
        return np.maximum(x, 0.0)
    if name == "taylor2":
        E = x.shape[-1]
        ones = np.ones(x.shape[:-1] + (1,))
        outer = x[..., :, None] * x[..., None, :]
        quad = outer.reshape(x.shape[:-1] + (E * E,)) / math.sqrt(2.0)
        return np.concatenate([ones, x, quad], axis=-1)
    raise ValueError(f"unknown feature map {name}")


def linear_attention(q, k, v, causal=False, normalize=False,
                     feature="identity"):
    """q, k [B,H,L,E], v [B,H,L,Ev] -> [B,H,L,Ev]."""
    L = q.shape[2]
    fq = feature_map(feature, q)
    fk = feature_map(feature, k)
    a = np.einsum("bhtf,bhsf->bhts", fq, fk)  # phi(q_t) . phi(k_s)
    if causal:
        a = a * np.tril(np.ones((L, L)))[None, None]
    y = np.einsum("bhts,bhsv->bhtv", a, v)
    if normalize:
        y = y / a.sum(axis=-1, keepdims=True)
    return y


# ---------------------------------------------------------------------------
# Scans
# ---------------------------------------------------------------------------

def selective_scan(x, delta, A, Bm, Cm, skip=None, gate=None,
                   delta_bias=None, init=None, delta_softplus=False):
    """Mamba-1. Returns (y[B,L,D], hT[B,D,N])."""
    Bsz, L, D = x.shape
    N = A.shape[1]
    G = Bm.shape[2]
    assert D % G == 0
    g = np.arange(D) // (D // G)  # g(d)

    dt = delta if delta_bias is None else delta + delta_bias
    if delta_softplus:
        dt = softplus(dt)
    Bd = Bm[:, :, g, :]  # [B,L,D,N]
    Cd = Cm[:, :, g, :]

    h = np.zeros((Bsz, D, N)) if init is None else np.array(init, dtype=np.float64)
    y = np.empty((Bsz, L, D))
    for t in range(L):
        dtt = dt[:, t, :, None]  # [B,D,1]
        h = np.exp(dtt * A[None]) * h + dtt * Bd[:, t] * x[:, t, :, None]
        y[:, t] = np.sum(Cd[:, t] * h, axis=-1)
    if skip is not None:
        y = y + skip * x
    if gate is not None:
        y = y * silu(gate)
    return y, h


def ssd(x, dt, A, Bm, Cm, skip=None, init=None, dt_softplus=False):
    """Mamba-2. Returns (y[B,L,H,P], hT[B,H,P,N])."""
    Bsz, L, H, P = x.shape
    G, N = Bm.shape[2], Bm.shape[3]
    assert H % G == 0
    g = np.arange(H) // (H // G)  # g(h)
    if dt_softplus:
        dt = softplus(dt)
    Bh = Bm[:, :, g, :]  # [B,L,H,N]
    Ch = Cm[:, :, g, :]

    h = np.zeros((Bsz, H, P, N)) if init is None else np.array(init, dtype=np.float64)
    y = np.empty((Bsz, L, H, P))
    for t in range(L):
        dtt = dt[:, t, :, None, None]  # [B,H,1,1]
        decay = np.exp(dtt * A[None, :, None, None])
        h = decay * h + dtt * Bh[:, t, :, None, :] * x[:, t, :, :, None]
        y[:, t] = np.sum(Ch[:, t, :, None, :] * h, axis=-1)
    if skip is not None:
        y = y + skip[None, None, :, None] * x
    return y, h


# ---------------------------------------------------------------------------
# Convolutions
# ---------------------------------------------------------------------------

def long_conv(u, k, bias=None, mode="causal"):
    """u[B,L,D], k[D,Lk] -> [B,L,D]."""
    Bsz, L, D = u.shape
    Lk = k.shape[1]
    y = np.zeros_like(u, dtype=np.float64)
    if mode == "causal":
        # y[t] += k[s] u[t-s] for 0 <= s <= min(t, Lk-1).
        for s in range(min(L, Lk)):
            y[:, s:, :] += k[None, None, :, s] * u[:, :L - s, :]
    elif mode == "circular":
        assert Lk == L
        for s in range(L):
            # np.roll(u, s)[t] == u[(t - s) mod L]
            y += k[None, None, :, s] * np.roll(u, s, axis=1)
    else:
        raise ValueError(mode)
    if bias is not None:
        y += bias * u
    return y


def short_conv(u, w, bias=None, activation="none"):
    """u[B,L,D], w[D,W] -> [B,L,D], causal depthwise."""
    Bsz, L, D = u.shape
    W = w.shape[1]
    y = np.zeros_like(u, dtype=np.float64)
    for s in range(min(W, L)):
        y[:, s:, :] += w[None, None, :, s] * u[:, :L - s, :]
    if bias is not None:
        y += bias
    if activation == "silu":
        y = silu(y)
    return y


# ---------------------------------------------------------------------------
# Structured matrices
# ---------------------------------------------------------------------------

def monarch(x, R, Lmat):
    """x[..., n], R[m,k,k], L[k,m,m] -> [..., n], n = m*k."""
    m, k = R.shape[0], R.shape[1]
    n = x.shape[-1]
    assert n == m * k
    X = x.reshape(x.shape[:-1] + (m, k))            # X[a,c] = x[a*k + c]
    Z = np.einsum("ajc,...ac->...aj", R, X)          # Z[a,j]
    Y = np.einsum("jba,...aj->...jb", Lmat, Z)       # Y[j,b]
    out = np.swapaxes(Y, -1, -2)                     # out[b,j] = Y[j,b]
    return out.reshape(x.shape[:-1] + (n,))          # index b*k + j


def monarch_dense(R, Lmat):
    """The n x n matrix of the monarch op, built entry by entry (a cross-check
    of `monarch` that shares none of its reshapes)."""
    m, k = R.shape[0], R.shape[1]
    n = m * k
    M = np.zeros((n, n))
    for a in range(m):
        for c in range(k):
            for j in range(k):
                for b in range(m):
                    M[b * k + j, a * k + c] += Lmat[j, b, a] * R[a, j, c]
    return M


def butterfly(x, w):
    """x[..., n], w[log2 n, n/2, 2, 2] -> [..., n]; B_0 applied first."""
    n = x.shape[-1]
    stages = w.shape[0]
    assert 1 << stages == n
    y = np.array(x, dtype=np.float64)
    for s in range(stages):
        half = 1 << s
        blocks = n // (2 * half)
        # Element (blk, 0, o) is i = blk*2^(s+1) + o; (blk, 1, o) is i + 2^s.
        yv = y.reshape(y.shape[:-1] + (blocks, 2, half))
        top, bot = yv[..., 0, :], yv[..., 1, :]
        ws = w[s].reshape(blocks, half, 2, 2)  # w[s, blk*2^s + o]
        new_top = ws[..., 0, 0] * top + ws[..., 0, 1] * bot
        new_bot = ws[..., 1, 0] * top + ws[..., 1, 1] * bot
        y = np.stack([new_top, new_bot], axis=-2).reshape(y.shape)
    return y


def butterfly_dense(w):
    """The n x n matrix B_{S-1} ... B_0, each factor built pair by pair."""
    stages = w.shape[0]
    n = 1 << stages
    M = np.eye(n)
    for s in range(stages):
        F = np.zeros((n, n))
        half = 1 << s
        for blk in range(n // (2 * half)):
            for o in range(half):
                i = blk * 2 * half + o
                t = w[s, blk * half + o]
                F[i, i], F[i, i + half] = t[0, 0], t[0, 1]
                F[i + half, i], F[i + half, i + half] = t[1, 0], t[1, 1]
        M = F @ M
    return M


# ---------------------------------------------------------------------------
# SSM convolution kernels
# ---------------------------------------------------------------------------

def expm(M):
    """Matrix exponential by scaling and squaring of a Taylor series."""
    M = np.asarray(M, dtype=np.complex128)
    n = M.shape[0]
    norm = np.max(np.sum(np.abs(M), axis=0)) if n else 0.0
    squarings = max(0, int(math.ceil(math.log2(norm / 0.25)))) if norm > 0 else 0
    X = M / (2.0 ** squarings)
    result = np.eye(n, dtype=np.complex128)
    term = np.eye(n, dtype=np.complex128)
    for j in range(1, 30):  # ||X|| <= 1/4: 0.25^30/30! is far below eps
        term = term @ X / j
        result = result + term
    for _ in range(squarings):
        result = result @ result
    return result


def ssm_kernel(A, Bm, Cm, log_dt, length, discretization="zoh",
               low_rank=None):
    """Complex A, Bm, Cm [D,N], real log_dt [D], optional P [D,R,N] ->
    real k [D,length]."""
    D, N = A.shape
    dt = np.exp(log_dt)
    out = np.empty((D, length))
    if low_rank is None:
        dtA = dt[:, None] * A
        if discretization == "zoh":
            Abar = np.exp(dtA)
            Bbar = (Abar - 1.0) / A * Bm
        elif discretization == "bilinear":
            Abar = (1.0 + dtA / 2.0) / (1.0 - dtA / 2.0)
            Bbar = dt[:, None] * Bm / (1.0 - dtA / 2.0)
        else:
            raise ValueError(discretization)
        # Abar^l by repeated multiplication, l = 0 .. length-1.
        state = Cm * Bbar
        for l in range(length):
            out[:, l] = 2.0 * np.real(np.sum(state, axis=-1))
            state = state * Abar
        return out

    I = np.eye(N, dtype=np.complex128)
    for d in range(D):
        P = low_rank[d]  # [R,N]
        # diag(A) - sum_r P_r P_r^H
        M = np.diag(A[d]) - sum(np.outer(P[r], np.conj(P[r]))
                                for r in range(P.shape[0]))
        if discretization == "zoh":
            Abar = expm(dt[d] * M)
            Bbar = np.linalg.solve(M, (Abar - I) @ Bm[d])
        elif discretization == "bilinear":
            left = I - dt[d] * M / 2.0
            Abar = np.linalg.solve(left, I + dt[d] * M / 2.0)
            Bbar = np.linalg.solve(left, dt[d] * Bm[d])
        else:
            raise ValueError(discretization)
        vec = Bbar
        for l in range(length):
            out[d, l] = 2.0 * np.real(Cm[d] @ vec)  # C^T, no conjugate
            vec = Abar @ vec
    return out
