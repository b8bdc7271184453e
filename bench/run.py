#!/usr/bin/python3
"""CPU benchmarks: our compiled code against peers, in one process run.

For each case the same inputs go to our library (built with
`ssm-compile --target=cpu` and called through its C entry point) and to a
peer (PyTorch on the CPU); both are timed (median of repeated runs after a
warm-up) and checked against each other. Writes JSON and a PNG plot.

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

import numpy as np

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


# --------------------------------------------------------------------------
# Cases: (name, shape dict, MLIR text, inputs, peer callable, flops, bytes)
# --------------------------------------------------------------------------

def attention_case(rng, B, H, L, E):
    import torch
    t = f"tensor<{B}x{H}x{L}x{E}xf32>"
    mlir = f"""func.func @f(%q: {t}, %k: {t}, %v: {t}) -> {t} {{
  %y = ssm.attention %q, %k, %v causal : {t}, {t}, {t} -> {t}
  return %y : {t}
}}"""
    q, k, v = (rng.standard_normal((B, H, L, E), dtype=np.float32) for _ in range(3))
    mask = torch.triu(torch.ones(L, L, dtype=torch.bool), diagonal=1)
    tq, tk, tv = map(torch.from_numpy, (q, k, v))

    def peer():
        s = (tq @ tk.transpose(-1, -2)) * (1.0 / E ** 0.5)
        s = s.masked_fill(mask, float("-inf"))
        return (torch.softmax(s, dim=-1) @ tv).numpy()

    flops = 2 * B * H * L * (L + 1) / 2 * 2 * E
    return ("attention", dict(B=B, H=H, L=L, E=E, causal=True), mlir,
            [q, k, v], "torch matmul+mask+softmax+matmul", peer, flops,
            4 * 4 * B * H * L * E)


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

    flops = D * L * L  # direct causal: L(L+1)/2 taps x 2 FLOPs per channel
    return ("long_conv", dict(B=1, D=D, L=L, Lk=L, causal=True), mlir, [u, k],
            "torch.fft rfft/irfft convolution", peer, flops, 4 * (2 * L * D + D * L))


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
            [x, dt, A, Bm, Cm], "torch loop over time", peer, flops, moved)


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

    flops = 2 * rows * n * (k + m)
    return ("monarch", dict(rows=rows, n=n, m=m, k=k), mlir, [x, R, Lw],
            "torch.bmm block products", peer, flops, 4 * 2 * rows * n)


def peak_memory_child(side, L, build):
    """Runs one causal attention (B=1, H=8, E=64) of length L in this fresh
    process and prints the peak resident memory the call added, in bytes."""
    import resource
    rng = np.random.default_rng(0)
    _, _, mlir, inputs, _, peer, _, _ = attention_case(rng, 1, 8, L, 64)
    if side == "ours":
        fn = CompiledModule(mlir, os.path.join(build, "bin", "ssm-compile")
                            ).function("f", [4])
        call = lambda: fn(*inputs)  # noqa: E731
    else:
        call = peer
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
    return ("matmul", dict(M=M, K=K, N=N), mlir, [a, b], "torch.mm",
            lambda: torch.mm(ta, tb).numpy(), 2 * M * K * N,
            4 * (M * K + K * N + M * N))


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

    ssm_compile = os.path.join(args.build, "bin", "ssm-compile")
    rng = np.random.default_rng(0)
    if args.full:
        cases = [attention_case(rng, 1, 8, 2048, 64),
                 long_conv_case(rng, 256, 65536),
                 selective_scan_case(rng, 4096, 1536, 16),
                 monarch_case(rng, 8192, 64, 64),
                 matmul_case(rng, 2048, 2048, 2048)]
    else:
        cases = [attention_case(rng, 1, 8, 512, 64),
                 long_conv_case(rng, 64, 4096),
                 selective_scan_case(rng, 1024, 256, 16),
                 monarch_case(rng, 1024, 64, 64),
                 matmul_case(rng, 256, 256, 256)]
    if args.only:
        cases = [c for c in cases if c[0] in args.only]

    # Our libraries run on LLVM's OpenMP runtime; set its thread count
    # through the runtime, since it reads OMP_NUM_THREADS only once.
    import ctypes
    omp = ctypes.CDLL(os.path.join(LLVM_LIB, "libomp.so"))
    records = []
    for threads in args.threads:
        omp.omp_set_num_threads(threads)
        torch.set_num_threads(threads)
        for op, shape, mlir, inputs, peer_name, peer, flops, moved in cases:
            ours = CompiledModule(mlir, ssm_compile).function(
                "f", [inputs[0].ndim])
            ours_out = ours(*inputs)[0]
            peer_out = peer()
            error = float(np.abs(ours_out - peer_out).max() /
                          max(np.abs(peer_out).max(), 1e-30))
            t_ours = median_time(lambda: ours(*inputs), args.repeats)
            t_peer = median_time(peer, args.repeats)
            record = dict(op=op, shape=shape, dtype="f32", threads=threads,
                          ours_s=t_ours, peer=peer_name, peer_s=t_peer,
                          ratio=t_peer / t_ours,
                          ours_fraction_of_peak=flops / t_ours / peak_flops(threads),
                          ours_bytes_per_s=moved / t_ours,
                          max_relative_difference=error)
            records.append(record)
            print(f"{op:15s} threads={threads} ours {t_ours * 1e3:9.2f} ms  "
                  f"{peer_name} {t_peer * 1e3:9.2f} ms  ratio {record['ratio']:.3g}  "
                  f"peak {record['ours_fraction_of_peak']:.2%}  diff {error:.1e}",
                  flush=True)

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
        fig, ax = plt.subplots(figsize=(8, 4))
        labels = [f"{r['op']}\n{r['threads']}t" for r in records]
        ax.bar(labels, [r["ratio"] for r in records])
        ax.axhline(1.0, color="black", linewidth=0.8)
        ax.set_yscale("log")
        ax.set_ylabel("peer time / our time (higher is better)")
        ax.set_title(f"SSM CPU back end vs PyTorch {torch.__version__} ({tag} sizes)")
        fig.tight_layout()
        fig.savefig(os.path.join(args.out, f"cpu-{tag}.png"), dpi=100)
    except ImportError:
        print("matplotlib is not installed: no plot", file=sys.stderr)
    print("wrote", json_path)


if __name__ == "__main__":
    main()
