#!/usr/bin/python3
"""CPU benchmarks: our compiled code against peers, in one process run.

For each case the same inputs go to our library (built with
`ssm-compile --target=cpu` and called through its C entry point) and to
its peers (PyTorch on the CPU; FFTW through pyFFTW for long_conv; OpenBLAS
sgemm, called through ctypes, for monarch and matmul); all are timed
(median of repeated runs after a warm-up) and checked against each other.
Each record also gives the fraction of the roofline: the larger of
streaming the case's bytes once at the measured copy bandwidth and its
FLOPs at the nominal vector peak, over our time. Writes JSON and a PNG plot.

  /usr/bin/python3 bench/run.py                 # reduced sizes (minutes)
  /usr/bin/python3 bench/run.py --full          # the issue's sizes
  /usr/bin/python3 bench/run.py --threads 1 2   # thread counts to run
  /usr/bin/python3 bench/run.py --memory        # attention's peak memory vs L
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time

# Three thread pools share the two cores here: LLVM's OpenMP (ours),
# GNU OpenMP (PyTorch) and OpenBLAS's. By default their idle workers spin
# after a parallel region (LLVM's for 200 ms), taking a core from whichever
# side is timed next: timings then depended on what ran before (2x swings,
# in both directions). Idle workers of every pool sleep at once instead.
# Set before numpy, torch or our libraries load their runtimes.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("KMP_BLOCKTIME", "0")
os.environ.setdefault("OPENBLAS_THREAD_TIMEOUT", "4")

import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ssm_lib import CompiledModule  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LLVM_LIB = "/usr/lib/llvm-22/lib"


def vector_lanes():
    flags = open("/proc/cpuinfo").read()
    return 16 if "avx512f" in flags else 8 if "avx2" in flags else 4


def peak_flops(threads):
    # The cost model's nominal host figures: 2.5 GHz, two FMA pipes.
    return threads * 2.5e9 * 2 * 2 * vector_lanes()


def median_time(fn, repeats):
    fn()  # warm-up (and JIT/first-touch costs)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def steady_allocator():
    """Keeps freed buffers in glibc's heap instead of returning them to the
    kernel. Page faults are expensive on virtual machines, and with glibc's
    default (dynamic) thresholds whether a call's large results come from
    reused or fresh pages depends on what ran before in the process; this
    makes the timings of both sides independent of the case order. Buffers
    over 32 MiB (glibc's limit for the threshold) are still mapped afresh."""
    import ctypes
    libc = ctypes.CDLL(None)
    M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
    libc.mallopt(M_MMAP_THRESHOLD, 32 << 20)
    libc.mallopt(M_TRIM_THRESHOLD, 1 << 30)


def copy_bandwidth(threads):
    """Bytes/s of a large copy (read + write) on `threads` threads: the
    memory roof. torch's copy is multithreaded."""
    import torch
    torch.set_num_threads(threads)
    src = torch.ones(1 << 26)  # 256 MiB
    dst = torch.empty_like(src)
    seconds = median_time(lambda: dst.copy_(src), 5)
    return 2 * src.numel() * 4 / seconds


class OpenBLAS:
    """cblas_sgemm of the system's OpenBLAS (libopenblas0), through ctypes."""
    ROW_MAJOR, NO_TRANS, TRANS = 101, 111, 112

    def __init__(self):
        import ctypes
        self.lib = ctypes.CDLL("libopenblas.so.0")
        self.lib.cblas_sgemm.restype = None
        self.lib.cblas_sgemm.argtypes = (
            [ctypes.c_int] * 6 + [ctypes.c_float, ctypes.c_void_p, ctypes.c_int,
                                  ctypes.c_void_p, ctypes.c_int, ctypes.c_float,
                                  ctypes.c_void_p, ctypes.c_int])
        self.lib.openblas_set_num_threads.argtypes = [ctypes.c_int]

    def threads(self, n):
        self.lib.openblas_set_num_threads(n)

    def sgemm(self, m, n, k, a, lda, b, ldb, c, ldc, trans_b=False):
        """C[m,n] = A[m,k] B[k,n] (or B[n,k]^T), row-major, addresses in bytes."""
        self.lib.cblas_sgemm(self.ROW_MAJOR, self.NO_TRANS,
                             self.TRANS if trans_b else self.NO_TRANS,
                             m, n, k, 1.0, a, lda, b, ldb, 0.0, c, ldc)


def optional_peer(make):
    """A peer from an optional package: None (and a note) when missing."""
    try:
        return make()
    except (ImportError, OSError) as error:
        print(f"peer unavailable: {error}", file=sys.stderr)
        return None


# --------------------------------------------------------------------------
# Cases: (name, shape dict, MLIR text, inputs, [(peer name, callable)],
#         flops, bytes). A peer callable takes the thread count and returns
#         a function that runs it once.
# --------------------------------------------------------------------------

def torch_peer(run):
    """A PyTorch peer: torch's thread count is set by the caller."""
    return lambda threads: run


def attention_case(rng, B, H, L, E):
    import torch
    t = f"tensor<{B}x{H}x{L}x{E}xf32>"
    mlir = f"""func.func @f(%q: {t}, %k: {t}, %v: {t}) -> {t} {{
  %y = ssm.attention %q, %k, %v causal : {t}, {t}, {t} -> {t}
  return %y : {t}
}}"""
    q, k, v = (rng.standard_normal((B, H, L, E), dtype=np.float32) for _ in range(3))
    tq, tk, tv = map(torch.from_numpy, (q, k, v))
    masks = []  # made on the peer's first (warm-up) call, not before ours

    def peer():
        if not masks:
            masks.append(torch.triu(torch.ones(L, L, dtype=torch.bool),
                                    diagonal=1))
        s = (tq @ tk.transpose(-1, -2)) * (1.0 / E ** 0.5)
        s = s.masked_fill(masks[0], float("-inf"))
        return (torch.softmax(s, dim=-1) @ tv).numpy()

    flops = 2 * B * H * L * (L + 1) / 2 * 2 * E
    return ("attention", dict(B=B, H=H, L=L, E=E, causal=True), mlir,
            [q, k, v], [("torch matmul+mask+softmax+matmul", torch_peer(peer))],
            flops, 4 * 4 * B * H * L * E)


def long_conv_case(rng, D, L):
    import torch
    mlir = f"""func.func @f(%u: tensor<1x{L}x{D}xf32>, %k: tensor<{D}x{L}xf32>) -> tensor<1x{L}x{D}xf32> {{
  %y = ssm.long_conv %u, %k : (tensor<1x{L}x{D}xf32>, tensor<{D}x{L}xf32>) -> tensor<1x{L}x{D}xf32>
  return %y : tensor<1x{L}x{D}xf32>
}}"""
    u = rng.standard_normal((1, L, D), dtype=np.float32)
    k = (rng.standard_normal((D, L), dtype=np.float32) / L).astype(np.float32)
    tu, tk = torch.from_numpy(u), torch.from_numpy(k)

    def peer():
        n = 2 * L
        fu = torch.fft.rfft(tu[0].T, n=n)
        fk = torch.fft.rfft(tk, n=n)
        return torch.fft.irfft(fu * fk, n=n)[:, :L].T.unsqueeze(0).numpy()

    def fftw(threads):
        # The same convolution with FFTW plans (FFTW_MEASURE, made once,
        # outside the timing) on zero-padded [D, 2L] buffers.
        import pyfftw
        n = 2 * L
        pad_u = pyfftw.zeros_aligned((D, n), np.float32)
        pad_k = pyfftw.zeros_aligned((D, n), np.float32)
        spec_u = pyfftw.empty_aligned((D, L + 1), np.complex64)
        spec_k = pyfftw.empty_aligned((D, L + 1), np.complex64)
        out = pyfftw.empty_aligned((D, n), np.float32)
        flags = ("FFTW_MEASURE",)
        forward_u = pyfftw.FFTW(pad_u, spec_u, threads=threads, flags=flags)
        forward_k = pyfftw.FFTW(pad_k, spec_k, threads=threads, flags=flags)
        inverse = pyfftw.FFTW(spec_u, out, direction="FFTW_BACKWARD",
                              threads=threads, flags=flags)

        def run():
            pad_u[:, :L] = u[0].T
            pad_k[:, :L] = k
            forward_u()
            forward_k()
            np.multiply(spec_u, spec_k, out=spec_u)
            inverse()  # normalised by 1/n (pyFFTW's default)
            return out[:, :L].T[None]
        return run

    flops = D * L * L  # direct causal: L(L+1)/2 taps x 2 FLOPs per channel
    peers = [("torch.fft rfft/irfft convolution", torch_peer(peer))]
    if optional_peer(lambda: __import__("pyfftw")):
        peers.append(("FFTW r2c/c2r convolution (pyFFTW)", fftw))
    return ("long_conv", dict(B=1, D=D, L=L, Lk=L, causal=True), mlir, [u, k],
            peers, flops, 4 * (2 * L * D + D * L))


def selective_scan_case(rng, L, D, N):
    import torch
    x_t, a_t = f"tensor<1x{L}x{D}xf32>", f"tensor<{D}x{N}xf32>"
    b_t = f"tensor<1x{L}x1x{N}xf32>"
    mlir = f"""func.func @f(%x: {x_t}, %dt: {x_t}, %A: {a_t}, %B: {b_t}, %C: {b_t}) -> {x_t} {{
  %y = ssm.selective_scan %x, %dt, %A, %B, %C delta_softplus : ({x_t}, {x_t}, {a_t}, {b_t}, {b_t}) -> {x_t}
  return %y : {x_t}
}}"""
    x = rng.standard_normal((1, L, D), dtype=np.float32)
    dt = rng.standard_normal((1, L, D), dtype=np.float32)
    A = -np.exp(rng.standard_normal((D, N), dtype=np.float32))
    Bm = rng.standard_normal((1, L, 1, N), dtype=np.float32)
    Cm = rng.standard_normal((1, L, 1, N), dtype=np.float32)
    tx, tdt, tA, tB, tC = map(torch.from_numpy, (x, dt, A, Bm, Cm))

    def peer():
        delta = torch.nn.functional.softplus(tdt[0])
        h = torch.zeros(D, N)
        ys = []
        for t in range(L):
            h = torch.exp(delta[t, :, None] * tA) * h + \
                delta[t, :, None] * tB[0, t, 0][None, :] * tx[0, t, :, None]
            ys.append(h @ tC[0, t, 0])
        return torch.stack(ys)[None].numpy()

    flops = L * D * N * 6 + L * D * N * 8
    moved = 4 * (3 * L * D + 2 * L * N + D * N)
    return ("selective_scan", dict(B=1, L=L, D=D, N=N), mlir,
            [x, dt, A, Bm, Cm], [("torch loop over time", torch_peer(peer))],
            flops, moved)


def ssd_case(rng, L, H, P, N):
    import torch
    x_t, dt_t = f"tensor<1x{L}x{H}x{P}xf32>", f"tensor<1x{L}x{H}xf32>"
    b_t = f"tensor<1x{L}x1x{N}xf32>"
    mlir = f"""func.func @f(%x: {x_t}, %dt: {dt_t}, %A: tensor<{H}xf32>, %B: {b_t}, %C: {b_t}) -> {x_t} {{
  %y = ssm.ssd %x, %dt, %A, %B, %C dt_softplus : ({x_t}, {dt_t}, tensor<{H}xf32>, {b_t}, {b_t}) -> {x_t}
  return %y : {x_t}
}}"""
    x = rng.standard_normal((1, L, H, P), dtype=np.float32)
    dt = rng.standard_normal((1, L, H), dtype=np.float32) - 2.0
    A = -np.exp(rng.standard_normal(H, dtype=np.float32))
    Bm = rng.standard_normal((1, L, 1, N), dtype=np.float32) / np.sqrt(N)
    Cm = rng.standard_normal((1, L, 1, N), dtype=np.float32) / np.sqrt(N)
    tx, tdt, tA, tB, tC = map(torch.from_numpy, (x, dt, A, Bm, Cm))

    def loop():
        delta = torch.nn.functional.softplus(tdt[0])  # [L, H]
        h = torch.zeros(H, P, N)
        ys = []
        for t in range(L):
            h = torch.exp(delta[t] * tA)[:, None, None] * h + \
                (delta[t][:, None] * tx[0, t])[:, :, None] * tB[0, t, 0]
            ys.append(h @ tC[0, t, 0])
        return torch.stack(ys)[None].numpy()

    def chunked(Q=64):
        # Mamba-2's chunked (matrix) form in PyTorch ops: within a chunk
        # (C B^T masked by the decays) (dt x); chunk states passed along.
        delta = torch.nn.functional.softplus(tdt[0])  # [L, H]
        c = L // Q
        a = (delta * tA).T.reshape(H, c, Q)  # log decays
        cum = torch.cumsum(a, dim=-1)  # [H, c, Q]
        xs = (tx[0] * delta[:, :, None]).reshape(c, Q, H, P)
        b, cc = tB[0, :, 0].reshape(c, Q, N), tC[0, :, 0].reshape(c, Q, N)
        mask = torch.tril(torch.ones(Q, Q, dtype=torch.bool))
        decay = torch.exp((cum[..., :, None] - cum[..., None, :])
                          .masked_fill(~mask, float("-inf")))  # [H,c,Q,Q]
        scores = torch.einsum("cin,cjn->cij", cc, b)[None] * decay
        y = torch.einsum("hcij,cjhp->cihp", scores, xs)
        to_end = torch.exp(cum[..., -1:] - cum)  # [H, c, Q]
        states = torch.einsum("cjn,hcj,cjhp->chpn", b, to_end, xs)
        h = torch.zeros(H, P, N)
        entering = []
        for j in range(c):
            entering.append(h)
            h = torch.exp(cum[:, j, -1])[:, None, None] * h + states[j]
        entering = torch.stack(entering)  # [c, H, P, N]
        y = y + torch.einsum("cin,chpn,hci->cihp", cc, entering,
                             torch.exp(cum))
        return y.reshape(1, L, H, P).numpy()

    flops = L * H * P * N * 6
    moved = 4 * (2 * L * H * P + L * H + 2 * L * N + H)
    return ("ssd", dict(B=1, L=L, H=H, P=P, N=N, G=1), mlir,
            [x, dt, A, Bm, Cm],
            [("torch loop over time", torch_peer(loop)),
             ("torch chunked (Mamba-2 matrix form, Q=64)", torch_peer(chunked))],
            flops, moved)


def linear_attention_case(rng, B, H, L, E):
    import torch
    t = f"tensor<{B}x{H}x{L}x{E}xf32>"
    mlir = f"""func.func @f(%q: {t}, %k: {t}, %v: {t}) -> {t} {{
  %y = ssm.linear_attention %q, %k, %v causal : {t}, {t}, {t} -> {t}
  return %y : {t}
}}"""
    q, k, v = (rng.standard_normal((B, H, L, E), dtype=np.float32) / E ** 0.25
               for _ in range(3))
    tq, tk, tv = map(torch.from_numpy, (q, k, v))
    masks = []

    def quadratic():
        if not masks:
            masks.append(torch.triu(torch.ones(L, L, dtype=torch.bool),
                                    diagonal=1))
        s = (tq @ tk.transpose(-1, -2)).masked_fill(masks[0], 0.0)
        return (s @ tv).numpy()

    def loop():
        state = torch.zeros(B, H, E, E)
        ys = []
        for t in range(L):
            state = state + tk[:, :, t, :, None] * tv[:, :, t, None, :]
            ys.append((tq[:, :, t, None, :] @ state)[:, :, 0])
        return torch.stack(ys, dim=2).numpy()

    flops = 4 * B * H * L * E * E  # state update and readout per step
    moved = 4 * 4 * B * H * L * E
    return ("linear_attention", dict(B=B, H=H, L=L, E=E, causal=True,
                                     feature_map="identity"), mlir,
            [q, k, v], [("torch matmul+mask+matmul", torch_peer(quadratic)),
                        ("torch loop over time", torch_peer(loop))],
            flops, moved)


def monarch_case(rng, rows, m, k):
    import torch
    n = m * k
    mlir = f"""func.func @f(%x: tensor<{rows}x{n}xf32>, %r: tensor<{m}x{k}x{k}xf32>, %l: tensor<{k}x{m}x{m}xf32>) -> tensor<{rows}x{n}xf32> {{
  %y = ssm.monarch %x, %r, %l : tensor<{rows}x{n}xf32>, tensor<{m}x{k}x{k}xf32>, tensor<{k}x{m}x{m}xf32> -> tensor<{rows}x{n}xf32>
  return %y : tensor<{rows}x{n}xf32>
}}"""
    x = rng.standard_normal((rows, n), dtype=np.float32)
    R = (rng.standard_normal((m, k, k), dtype=np.float32) / k ** 0.5).astype(np.float32)
    Lw = (rng.standard_normal((k, m, m), dtype=np.float32) / m ** 0.5).astype(np.float32)
    tx, tR, tL = map(torch.from_numpy, (x, R, Lw))

    def peer():
        X = tx.reshape(rows, m, k).transpose(0, 1)        # [m, rows, k]
        Z = torch.bmm(X, tR.transpose(1, 2))               # [m, rows, k]: Z[a,r,j]
        Z = Z.permute(2, 1, 0)                             # [k, rows, m]: Z[j,r,a]
        Y = torch.bmm(Z, tL.transpose(1, 2))               # [k, rows, m]: Y[j,r,b]
        return Y.permute(1, 2, 0).reshape(rows, n).numpy()  # index b*k + j

    def openblas(threads):
        # The two block products as sgemm calls, each timed on its own: the
        # permutation between them (a copy) is not counted for the peer.
        blas = OpenBLAS()
        blas.threads(threads)
        Z = np.empty((rows, n), np.float32)        # Z[r, a*k + j]
        Zt = np.empty((k, rows, m), np.float32)    # Z[j, r, a]
        Y = np.empty((k, rows, m), np.float32)     # Y[j, r, b]
        f = 4  # bytes per element

        def first():
            for a in range(m):  # Z_a = X_a R_a^T, X_a = x[:, a*k:(a+1)*k]
                blas.sgemm(rows, k, k, x.ctypes.data + f * a * k, n,
                           R.ctypes.data + f * a * k * k, k,
                           Z.ctypes.data + f * a * k, n, trans_b=True)

        def second():
            for j in range(k):  # Y_j = Zt_j L_j^T
                blas.sgemm(rows, m, m, Zt.ctypes.data + f * j * rows * m, m,
                           Lw.ctypes.data + f * j * m * m, m,
                           Y.ctypes.data + f * j * rows * m, m, trans_b=True)

        def run():
            first()
            Zt[...] = Z.reshape(rows, m, k).transpose(2, 0, 1)
            second()
            return Y.transpose(1, 2, 0).reshape(rows, n)

        def products_only(repeats):
            run()  # results and warm-up; then the products alone
            return (median_time(first, repeats) + median_time(second, repeats))
        run.timed = products_only
        return run

    flops = 2 * rows * n * (k + m)
    peers = [("torch.bmm block products", torch_peer(peer))]
    if optional_peer(OpenBLAS):
        peers.append(("OpenBLAS sgemm block products", openblas))
    return ("monarch", dict(rows=rows, n=n, m=m, k=k), mlir, [x, R, Lw],
            peers, flops, 4 * 2 * rows * n)


def peak_memory_child(side, L, build):
    """Runs one causal attention (B=1, H=8, E=64) of length L in this fresh
    process and prints the peak resident memory the call added, in bytes."""
    import resource
    rng = np.random.default_rng(0)
    _, _, mlir, inputs, peers, _, _ = attention_case(rng, 1, 8, L, 64)
    # Only the measured side is set up: memory the other allocated and freed
    # would already count in the process's high-water mark.
    if side == "ours":
        fn = CompiledModule(mlir, os.path.join(build, "bin", "ssm-compile")
                            ).function("f", [4])
        call = lambda: fn(*inputs)  # noqa: E731
    else:
        call = peers[0][1](1)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    call()
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print((after - before) * 1024)  # ru_maxrss is in KiB on Linux


def peak_memory(build):
    """Peak memory added by one attention call, ours and the peer's, for
    growing L, each in its own process (the high-water mark is per
    process). The output alone is 8 * L * 64 * 4 bytes."""
    records = []
    for L in (512, 1024, 2048, 4096):
        row = dict(op="attention", shape=dict(B=1, H=8, L=L, E=64),
                   output_bytes=8 * L * 64 * 4)
        for side in ("ours", "peer"):
            out = subprocess.run(
                [sys.executable, os.path.abspath(__file__), "--memory-child",
                 side, str(L), "--build", build],
                capture_output=True, text=True, check=True).stdout
            row[f"{side}_peak_bytes"] = int(out.split()[-1])
        records.append(row)
        print(f"attention L={L:5d}  ours +{row['ours_peak_bytes'] / 2**20:8.1f} MiB"
              f"  torch +{row['peer_peak_bytes'] / 2**20:8.1f} MiB"
              f"  (output {row['output_bytes'] / 2**20:.1f} MiB)", flush=True)
    return records


def matmul_case(rng, M, K, N):
    """A plain linalg.matmul (the projections of decoded genomes), which
    the CPU pipeline reorders (--ssm-reorder-matmuls); the peer is torch.mm,
    an optimized BLAS."""
    import torch
    mlir = f"""func.func @f(%a: tensor<{M}x{K}xf32>, %b: tensor<{K}x{N}xf32>) -> tensor<{M}x{N}xf32> {{
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<{M}x{N}xf32>
  %c = linalg.fill ins(%z : f32) outs(%e : tensor<{M}x{N}xf32>) -> tensor<{M}x{N}xf32>
  %y = linalg.matmul ins(%a, %b : tensor<{M}x{K}xf32>, tensor<{K}x{N}xf32>) outs(%c : tensor<{M}x{N}xf32>) -> tensor<{M}x{N}xf32>
  return %y : tensor<{M}x{N}xf32>
}}"""
    a = rng.standard_normal((M, K), dtype=np.float32)
    b = rng.standard_normal((K, N), dtype=np.float32)
    ta, tb = torch.from_numpy(a), torch.from_numpy(b)

    def openblas(threads):
        blas = OpenBLAS()
        blas.threads(threads)
        c = np.empty((M, N), np.float32)

        def run():
            blas.sgemm(M, N, K, a.ctypes.data, K, b.ctypes.data, N,
                       c.ctypes.data, N)
            return c
        return run

    peers = [("torch.mm", torch_peer(lambda: torch.mm(ta, tb).numpy()))]
    if optional_peer(OpenBLAS):
        peers.append(("OpenBLAS sgemm", openblas))
    return ("matmul", dict(M=M, K=K, N=N), mlir, [a, b], peers,
            2 * M * K * N, 4 * (M * K + K * N + M * N))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true",
                        help="the issue's sizes instead of reduced ones")
    parser.add_argument("--threads", type=int, nargs="+", default=[2])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--build", default=os.environ.get(
        "SSM_BUILD_DIR", os.path.join(ROOT, "build")))
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "results"))
    parser.add_argument("--only", nargs="*", help="case names to run")
    parser.add_argument("--memory", action="store_true",
                        help="measure attention's peak memory against L")
    parser.add_argument("--memory-child", nargs=2, metavar=("SIDE", "L"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        peak_memory_child(args.memory_child[0], int(args.memory_child[1]),
                          args.build)
        return
    if args.memory:
        records = peak_memory(args.build)
        os.makedirs(args.out, exist_ok=True)
        path = os.path.join(args.out, "cpu-memory.json")
        with open(path, "w") as f:
            json.dump(dict(results=records), f, indent=2)
        print("wrote", path)
        return

    import torch  # the peer; imported late so --help works without it
    steady_allocator()

    ssm_compile = os.path.join(args.build, "bin", "ssm-compile")
    rng = np.random.default_rng(0)
    if args.full:
        cases = [attention_case(rng, 1, 8, 2048, 64),
                 long_conv_case(rng, 256, 65536),
                 selective_scan_case(rng, 4096, 1536, 16),
                 monarch_case(rng, 8192, 64, 64),
                 matmul_case(rng, 2048, 2048, 2048),
                 ssd_case(rng, 4096, 16, 64, 64),
                 linear_attention_case(rng, 1, 8, 4096, 64)]
    else:
        cases = [attention_case(rng, 1, 8, 512, 64),
                 long_conv_case(rng, 64, 4096),
                 selective_scan_case(rng, 1024, 256, 16),
                 monarch_case(rng, 1024, 64, 64),
                 matmul_case(rng, 256, 256, 256),
                 ssd_case(rng, 1024, 8, 64, 64),
                 linear_attention_case(rng, 1, 8, 1024, 64)]
    if args.only:
        cases = [c for c in cases if c[0] in args.only]

    # Our libraries run on LLVM's OpenMP runtime; set its thread count
    # through the runtime, since it reads OMP_NUM_THREADS only once.
    import ctypes
    omp = ctypes.CDLL(os.path.join(LLVM_LIB, "libomp.so"))
    records = []
    for threads in args.threads:
        omp.omp_set_num_threads(threads)
        bandwidth = copy_bandwidth(threads)
        torch.set_num_threads(threads)
        print(f"threads={threads}: copy bandwidth {bandwidth / 1e9:.1f} GB/s",
              flush=True)
        for op, shape, mlir, inputs, peers, flops, moved in cases:
            ours = CompiledModule(mlir, ssm_compile).function(
                "f", [inputs[0].ndim])
            ours_out = ours(*inputs)[0]
            t_ours = median_time(lambda: ours(*inputs), args.repeats)
            roofline = max(moved / bandwidth, flops / peak_flops(threads))
            for peer_name, make_peer in peers:
                peer = make_peer(threads)
                peer_out = np.asarray(peer())
                error = float(np.abs(ours_out - peer_out).max() /
                              max(np.abs(peer_out).max(), 1e-30))
                t_peer = (peer.timed(args.repeats) if hasattr(peer, "timed")
                          else median_time(peer, args.repeats))
                record = dict(op=op, shape=shape, dtype="f32", threads=threads,
                              ours_s=t_ours, peer=peer_name, peer_s=t_peer,
                              ratio=t_peer / t_ours,
                              ours_fraction_of_peak=flops / t_ours / peak_flops(threads),
                              ours_bytes_per_s=moved / t_ours,
                              copy_bandwidth=bandwidth,
                              ours_fraction_of_roofline=roofline / t_ours,
                              max_relative_difference=error)
                records.append(record)
                print(f"{op:15s} threads={threads} ours {t_ours * 1e3:9.2f} ms  "
                      f"{peer_name} {t_peer * 1e3:9.2f} ms  ratio {record['ratio']:.3g}  "
                      f"peak {record['ours_fraction_of_peak']:.2%}  "
                      f"roofline {record['ours_fraction_of_roofline']:.2%}  "
                      f"diff {error:.1e}", flush=True)

    os.makedirs(args.out, exist_ok=True)
    tag = "full" if args.full else "reduced"
    result = dict(machine=platform.processor() or platform.machine(),
                  cpus=os.cpu_count(), sizes=tag,
                  commit=subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                                        capture_output=True, text=True).stdout.strip(),
                  torch=torch.__version__, results=records)
    json_path = os.path.join(args.out, f"cpu-{tag}.json")
    with open(json_path, "w") as f:
        json.dump(result, f, indent=2)
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(max(8, len(records) * 0.9), 4.5))
        labels = [f"{r['op']}\n{r['peer'].split()[0]}\n{r['threads']}t"
                  for r in records]
        ax.bar(labels, [r["ratio"] for r in records])
        ax.axhline(1.0, color="black", linewidth=0.8)
        ax.set_yscale("log")
        ax.set_ylabel("peer time / our time (higher is better)")
        ax.set_title(f"SSM CPU back end vs peers ({tag} sizes)")
        fig.tight_layout()
        fig.savefig(os.path.join(args.out, f"cpu-{tag}.png"), dpi=100)
    except ImportError:
        print("matplotlib is not installed: no plot", file=sys.stderr)
    print("wrote", json_path)


if __name__ == "__main__":
    main()
