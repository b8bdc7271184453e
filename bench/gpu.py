#!/usr/bin/python3
"""GPU benchmarks of the CUDA back end against PyTorch, in two steps.

The GPU machine has no LLVM 22 to build with, so the libraries are built
here and carried there:

  /usr/bin/python3 bench/gpu.py prepare --out gpu-cases [--full]
      [--variant LABEL[@ARCH]:PREFIX:PASS{OPTIONS}]
      builds one library per case with `ssm-compile --target=cuda` (and
      per variant: the cases whose names start with PREFIX built with
      `--pass-option=PASS{OPTIONS}`, for ARCH if given), and copies
      libssm_runtime.so and this script next to them;
  python3 gpu-cases/gpu.py run gpu-cases [--repeats N] [--cases a,b]
      [--profile]
      (on the GPU machine, with PyTorch for CUDA) runs every case: our
      library and the PyTorch peer on the same inputs, checked against each
      other; writes gpu-cases/gpu-<sizes>.json with times, ratio, the
      fraction of the GPU's peak bandwidth (H100: 3.35 TB/s) and, for the
      bf16 cases on tensor cores, of its dense bf16 tensor-core peak
      (989 TFLOP/s), and a plot of the ratios (gpu-<sizes>.png, with
      matplotlib).

Cases and peers (issue 4's bars): causal and non-causal attention against
torch.nn.functional.scaled_dot_product_attention, causal long_convs
(L = 8192: one kernel per row, the row in shared memory; L = 65536 and
1M: the four-step kernels) against a torch.fft convolution, selective_scan
against the straightforward loop over time, monarch against torch.bmm;
attention, monarch and the L = 8192 long_conv also in bf16 (bf16 inputs
and results, f32 accumulation; attention's and monarch's products on
tensor cores) against the same PyTorch calls in bf16 (SDPA's flash
backend; torch.fft through f32).
"""
import argparse
import ctypes
import json
import os
import re
import shutil
import subprocess
import sys
import time

from child_runs import (add_child_arguments, append_record, copy_scripts,
                        dispatch, run_in_children)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
H100_BANDWIDTH = 3.35e12
# Dense bf16 tensor-core peak of an H100 SXM.
H100_BF16_TENSOR_FLOPS = 989.4e12


def tensor_core_flops(name, shape, dtype):
    """The matrix-product FLOPs of a bf16 case whose products run on tensor
    cores (attention's Q K^T and P V, monarch's two block products); 0
    otherwise."""
    if dtype != "bf16":
        return 0
    if name.startswith("attention"):
        flops = 4 * shape["B"] * shape["H"] * shape["L"] ** 2 * shape["E"]
        return flops // 2 if shape["causal"] else flops
    if name.startswith("monarch"):
        return 2 * shape["rows"] * shape["n"] * (shape["m"] + shape["k"])
    return 0


def cases(full):
    """(name, shape, MLIR text, inputs [(shape, kind)], bytes moved once,
    element type of the inputs and the result)."""
    out = []
    # f32, and bf16 (the GPU issue's bars: bf16 in, f32 accumulation; Q K^T
    # and monarch's first block product run on tensor cores).
    for dtype in ("f32", "bf16"):
        size = 4 if dtype == "f32" else 2
        suffix = "" if dtype == "f32" else "_bf16"
        for causal in (True, False):
            B, H, L, E = (4, 16, 4096, 128) if full else (1, 4, 512, 64)
            t = f"tensor<{B}x{H}x{L}x{E}x{dtype}>"
            mask = " causal" if causal else ""
            out.append((f"attention{'_causal' if causal else ''}{suffix}",
                        dict(B=B, H=H, L=L, E=E, causal=causal),
                        f"""func.func @f(%q: {t}, %k: {t}, %v: {t}) -> {t} {{
  %y = ssm.attention %q, %k, %v{mask} : {t}, {t}, {t} -> {t}
  return %y : {t}
}}""", [((B, H, L, E), "normal")] * 3, size * 4 * B * H * L * E, dtype))
        rows, m = (65536, 64) if full else (1024, 64)
        n = m * m
        x_t, w_t = f"tensor<{rows}x{n}x{dtype}>", f"tensor<{m}x{m}x{m}x{dtype}>"
        out.append((f"monarch{suffix}", dict(rows=rows, n=n, m=m, k=m),
                    f"""func.func @f(%x: {x_t}, %r: {w_t}, %l: {w_t}) -> {x_t} {{
  %y = ssm.monarch %x, %r, %l : {x_t}, {w_t}, {w_t} -> {x_t}
  return %y : {x_t}
}}""", [((rows, n), "normal"), ((m, m, m), "scaled"), ((m, m, m), "scaled")],
                    size * 2 * rows * n, dtype))
    # L = 8192: a row's transform (16384 points) fits a block's shared
    # memory; longer rows run as the four-step kernels (ssm-fused-long-conv).
    D = 768 if full else 64
    lengths = (8192, 65536, 1048576) if full else (1024, 16384, 65536)
    for L, dtype in ((lengths[0], "f32"), (lengths[0], "bf16"),
                     (lengths[1], "f32"), (lengths[2], "f32")):
        size = 4 if dtype == "f32" else 2
        suffix = "" if dtype == "f32" else "_bf16"
        u_t, k_t = f"tensor<1x{L}x{D}x{dtype}>", f"tensor<{D}x{L}x{dtype}>"
        out.append((f"long_conv_{L}{suffix}", dict(B=1, D=D, L=L, causal=True),
                    f"""func.func @f(%u: {u_t}, %k: {k_t}) -> {u_t} {{
  %y = ssm.long_conv %u, %k {{ssm.schedule = #ssm.schedule<"fft", {{}}>}} : ({u_t}, {k_t}) -> {u_t}
  return %y : {u_t}
}}""", [((1, L, D), "normal"), ((D, L), "small")], size * 3 * L * D, dtype))
    B, L, D, N = (8, 4096, 2048, 16) if full else (1, 512, 256, 16)
    x_t, a_t = f"tensor<{B}x{L}x{D}xf32>", f"tensor<{D}x{N}xf32>"
    b_t = f"tensor<{B}x{L}x1x{N}xf32>"
    out.append(("selective_scan", dict(B=B, L=L, D=D, N=N),
                f"""func.func @f(%x: {x_t}, %dt: {x_t}, %A: {a_t}, %B: {b_t}, %C: {b_t}) -> {x_t} {{
  %y = ssm.selective_scan %x, %dt, %A, %B, %C delta_softplus : ({x_t}, {x_t}, {a_t}, {b_t}, {b_t}) -> {x_t}
  return %y : {x_t}
}}""", [((B, L, D), "normal"), ((B, L, D), "normal"), ((D, N), "negative"),
        ((B, L, 1, N), "normal"), ((B, L, 1, N), "normal")],
                4 * (3 * B * L * D + 2 * B * L * N + D * N), "f32"))
    return out


def parse_variant(text):
    """--variant's LABEL[@ARCH]:PREFIX:PASS{OPTIONS} as (label, prefix,
    option, arch); arch "" for --arch's."""
    parts = text.split(":", 2)
    if len(parts) != 3 or not all(parts) or "{" not in parts[2]:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not LABEL[@ARCH]:PREFIX:PASS{{OPTIONS}}")
    label, _, arch = parts[0].partition("@")
    # (The label names a library file and a case for run --cases.)
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", label):
        raise argparse.ArgumentTypeError(
            f"variant label '{label}': letters, digits, '_', '.', '-'")
    if "@" in parts[0] and not re.fullmatch(r"sm_\d+a?", arch):
        raise argparse.ArgumentTypeError(
            f"variant architecture '{arch}': sm_XY or sm_XYa")
    return label, parts[1], parts[2], arch


def prepare(args):
    labels = [args.also_arch] + [label for label, _, _, _ in args.variant]
    if len(set(labels)) != len(labels):
        sys.exit(f"variant labels must differ (and from --also-arch): "
                 f"{labels}")
    os.makedirs(args.out, exist_ok=True)
    ssm_compile = os.path.join(args.build, "bin", "ssm-compile")
    manifest = []
    for name, shape, mlir, inputs, moved, dtype in cases(args.full):
        source = os.path.join(args.out, name + ".mlir")
        with open(source, "w") as f:
            f.write(mlir)
        # The case, and with --also-arch its tensor-core ops built for
        # that architecture too, with --variant with pass options (each a
        # variant timed beside it).
        builds = [(args.arch, "", [])]
        if args.also_arch and name.startswith(("attention", "monarch")):
            builds.append((args.also_arch, args.also_arch, []))
        for label, prefix, option, arch in args.variant:
            if name.startswith(prefix):
                builds.append((arch or args.arch, label,
                               [f"--pass-option={option}"]))
        for arch, variant, options in builds:
            library = name + (f"_{variant}" if variant else "") + ".so"
            subprocess.run([ssm_compile, source, "--target=cuda",
                            f"--arch={arch}", *options, "-o",
                            os.path.join(args.out, library)], check=True)
            manifest.append(dict(name=name, shape=shape, library=library,
                                 inputs=inputs, bytes=moved, dtype=dtype,
                                 tensor_core_flops=tensor_core_flops(
                                     name, shape, dtype), variant=variant))
            print("built", library, flush=True)
    shutil.copy(os.path.join(args.build, "lib", "libssm_runtime.so"), args.out)
    copy_scripts(os.path.abspath(__file__), args.out)
    with open(os.path.join(args.out, "cases.json"), "w") as f:
        json.dump(dict(sizes="full" if args.full else "reduced",
                       arch=args.arch, cases=manifest), f, indent=2)
    print("wrote", args.out)


# --------------------------------------------------------------------------
# On the GPU machine
# --------------------------------------------------------------------------

def make_input(torch, shape, kind, generator):
    x = torch.randn(shape, generator=generator, device="cuda")
    if kind == "small":
        return x / shape[-1]
    if kind == "negative":
        return -torch.exp(x)
    if kind == "scaled":
        return x / shape[-1] ** 0.5
    return x


def torch_dtype(torch, name):
    return {"f32": torch.float32, "bf16": torch.bfloat16}[name]


def peer(torch, name, shape, xs):
    """PyTorch's computation of case `name` on the GPU."""
    F = torch.nn.functional
    name = name.removesuffix("_bf16")
    if name.startswith("attention"):
        return F.scaled_dot_product_attention(*xs, is_causal=shape["causal"])
    if name.startswith("long_conv"):
        # torch.fft has no bf16: bf16 inputs go through f32 and back.
        u, k = xs
        L = shape["L"]
        fu = torch.fft.rfft(u[0].T.float(), n=2 * L)
        fk = torch.fft.rfft(k.float(), n=2 * L)
        y = torch.fft.irfft(fu * fk, n=2 * L)[:, :L].T.unsqueeze(0)
        return y.to(u.dtype)
    if name == "selective_scan":
        x, dt, A, Bm, Cm = xs
        delta = F.softplus(dt)
        h = torch.zeros(x.shape[0], x.shape[2], A.shape[1], device="cuda")
        ys = []
        for t in range(x.shape[1]):
            h = torch.exp(delta[:, t, :, None] * A) * h + \
                delta[:, t, :, None] * Bm[:, t, 0][:, None, :] * x[:, t, :, None]
            ys.append((h @ Cm[:, t, 0][:, :, None])[..., 0])
        return torch.stack(ys, dim=1)
    if name == "monarch":
        x, R, Lw = xs
        rows, m = x.shape[0], R.shape[0]
        X = x.reshape(rows, m, m).transpose(0, 1)
        Z = torch.bmm(X, R.transpose(1, 2)).permute(2, 1, 0)
        Y = torch.bmm(Z, Lw.transpose(1, 2))
        return Y.permute(1, 2, 0).reshape(rows, m * m)
    raise ValueError(name)


def descriptor(pointer, shape):
    """A strided memref descriptor of a contiguous array at `pointer`."""
    rank = len(shape)
    words = (ctypes.c_int64 * (3 + 2 * rank))()
    words[0] = words[1] = pointer
    strides, s = [], 1
    for size in reversed(shape):
        strides.insert(0, s)
        s *= size
    for i, size in enumerate(shape):
        words[3 + i] = size
        words[3 + rank + i] = strides[i]
    return words


def case_name(case):
    """A case's name, with its variant as name[variant]."""
    variant = case.get("variant")
    return case["name"] + (f"[{variant}]" if variant else "")


def load_cases(args):
    """cases.json, its cases restricted to --cases."""
    with open(os.path.join(args.dir, "cases.json")) as f:
        spec = json.load(f)
    if args.cases:
        wanted = args.cases.split(",")
        spec["cases"] = [c for c in spec["cases"] if case_name(c) in wanted]
    return spec


def run(args):
    """Runs the cases in child processes (run_part), each from where the
    last one stopped: a child stops at a case whose kernels fail, since
    that can leave the GPU context unusable, or crashes; the case it
    stopped at is reported and the next child starts after it."""
    spec = load_cases(args)
    part = os.path.join(args.dir, "gpu-part.jsonl")
    path = os.path.join(args.dir, f"gpu-{spec['sizes']}.json")

    def crashed(index, reason):
        case = spec["cases"][index]
        print(f"{case_name(case):20s} FAILED the process ended: {reason}",
              flush=True)
        return dict(op=case_name(case), shape=case["shape"], status="FAILED",
                    error=str(reason))

    def save(records):
        with open(path, "w") as f:
            json.dump(dict(results=records), f, indent=2)

    records = run_in_children(
        len(spec["cases"]),
        [sys.executable, os.path.abspath(__file__), "run", args.dir,
         "--repeats", str(args.repeats), "--cases", args.cases]
        + (["--profile"] if args.profile else []),
        part, crashed, save, timeout=600)
    plot([r for r in records if "ratio" in r],
         os.path.join(args.dir, f"gpu-{spec['sizes']}.png"), spec["sizes"])
    print("wrote", path)


def run_part(args):
    """Runs the cases from --first on, appending a JSON line per case to
    --part; exits with 3 at a case whose kernels fail."""
    import torch
    spec = load_cases(args)
    runtime = ctypes.CDLL(os.path.join(args.dir, "libssm_runtime.so"),
                          mode=ctypes.RTLD_GLOBAL)
    runtime.ssmrtLastError.restype = ctypes.c_char_p
    runtime.ssmrtFree.argtypes = [ctypes.c_void_p]
    runtime.ssmrtCopyToHost.argtypes = [ctypes.c_void_p, ctypes.c_void_p,
                                        ctypes.c_size_t]
    if not runtime.ssmrtAvailable():
        print("no usable GPU: " + runtime.ssmrtLastError().decode(),
              file=sys.stderr)
        sys.exit(2)
    generator = torch.Generator(device="cuda")
    for index, case in enumerate(spec["cases"][args.first:], args.first):
        # A case's inputs do not depend on which child runs it.
        generator.manual_seed(index)
        name, shape = case_name(case), case["shape"]
        dtype = torch_dtype(torch, case.get("dtype", "f32"))
        element = torch.empty((), dtype=dtype).element_size()
        xs = [make_input(torch, s, kind, generator).to(dtype).contiguous()
              for s, kind in case["inputs"]]
        # Our kernels run on their own non-blocking stream, which does not
        # wait for the one that made the inputs.
        torch.cuda.synchronize()
        library = ctypes.CDLL(os.path.join(args.dir, case["library"]))
        entry = library._mlir_ciface_f
        entry.restype = None
        out_shape = tuple(case["inputs"][0][0])
        rank = len(out_shape)

        def ours():
            result = (ctypes.c_int64 * (3 + 2 * rank))()
            entry(ctypes.byref(result),
                  *[ctypes.byref(descriptor(x.data_ptr(), x.shape)) for x in xs])
            return result

        def take(result):
            """Our result (a buffer of the runtime's) as a CUDA tensor."""
            count = 1
            for size in out_shape:
                count *= size
            host = torch.empty(count, dtype=dtype)
            if runtime.ssmrtCopyToHost(
                    ctypes.c_void_p(host.data_ptr()),
                    ctypes.c_void_p(result[1] + element * result[2]),
                    element * count):
                raise RuntimeError(runtime.ssmrtLastError().decode())
            runtime.ssmrtFree(ctypes.c_void_p(result[0]))
            return host.reshape(out_shape).to("cuda")

        def timed(fn, after=lambda r: None):
            """The median of at least --repeats runs after a warm-up, more
            (up to 50) while the runs so far took under a second."""
            fn_result = fn()
            after(fn_result)
            torch.cuda.synchronize()
            times = []
            while len(times) < args.repeats or (
                    len(times) < 50 and sum(times) < 1.0):
                start = time.perf_counter()
                r = fn()
                torch.cuda.synchronize()
                times.append(time.perf_counter() - start)
                after(r)
            times.sort()
            return times[len(times) // 2]

        try:
            y_ours = take(ours())
        except Exception as error:
            print(f"{name:20s} FAILED {error}", flush=True)
            append_record(args.part, dict(op=name, shape=shape,
                                          status="FAILED", error=str(error)))
            os._exit(3)  # (see gpu_check.py)
        y_peer = peer(torch, case["name"], shape, xs)
        error = float((y_ours.float() - y_peer.float()).abs().max() /
                      y_peer.float().abs().max().clamp_min(1e-30))
        t_ours = timed(ours, lambda r: runtime.ssmrtFree(ctypes.c_void_p(r[0])))
        t_peer = timed(lambda: peer(torch, case["name"], shape, xs))
        record = dict(op=name, shape=shape, dtype=case.get("dtype", "f32"),
                      ours_s=t_ours,
                      peer_s=t_peer, ratio=t_peer / t_ours,
                      ours_bytes_per_s=case["bytes"] / t_ours,
                      fraction_of_h100_bandwidth=case["bytes"] / t_ours /
                      H100_BANDWIDTH,
                      max_relative_difference=error,
                      device=torch.cuda.get_device_name(),
                      torch=torch.__version__)
        flops = case.get("tensor_core_flops", 0)
        if flops:
            record["fraction_of_h100_bf16_tensor_peak"] = (
                flops / t_ours / H100_BF16_TENSOR_FLOPS)
            record["peer_fraction_of_h100_bf16_tensor_peak"] = (
                flops / t_peer / H100_BF16_TENSOR_FLOPS)
        if args.profile:
            record["kernels"] = kernel_times(
                torch, ours, lambda r: runtime.ssmrtFree(
                    ctypes.c_void_p(r[0])))
        append_record(args.part, record)
        # Our cached buffers back to the driver, for PyTorch's next case.
        runtime.ssmrtReleaseCachedBuffers()
        print(f"{name:20s} ours {t_ours * 1e3:10.3f} ms  torch "
              f"{t_peer * 1e3:10.3f} ms  ratio {record['ratio']:.3g}  "
              f"bandwidth {record['fraction_of_h100_bandwidth']:.1%}  "
              + (f"tensor peak {record['fraction_of_h100_bf16_tensor_peak']:.1%}  "
                 if flops else "") +
              f"diff {error:.1e}", flush=True)
        for kernel, calls, seconds in record.get("kernels", [])[:6]:
            print(f"    {seconds * 1e3:9.3f} ms {calls:4d}x {kernel[:90]}",
                  flush=True)


def kernel_times(torch, fn, after):
    """[(kernel, launches, device seconds)] of one run of fn, longest
    first (CUPTI through torch.profiler sees the driver API's launches
    too)."""
    from torch.profiler import ProfilerActivity, profile
    with profile(activities=[ProfilerActivity.CUDA]) as prof:
        r = fn()
        torch.cuda.synchronize()
    after(r)
    out = []
    for event in prof.key_averages():
        seconds = getattr(event, "device_time_total",
                          getattr(event, "cuda_time_total", 0)) / 1e6
        if seconds > 0:
            out.append((event.key, event.count, seconds))
    return sorted(out, key=lambda k: -k[2])


def plot(records, path, sizes):
    """Bars of PyTorch's time over ours per case (log scale), when
    matplotlib is there."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: no plot", file=sys.stderr)
        return
    fig, ax = plt.subplots(figsize=(max(8, len(records) * 0.9), 4.5))
    ax.bar([r["op"] for r in records], [r["ratio"] for r in records])
    ax.axhline(1.0, color="black", linewidth=0.8)
    ax.set_yscale("log")
    ax.set_ylabel("PyTorch time / our time (higher is better)")
    ax.set_title(f"SSM CUDA back end vs PyTorch ({sizes} sizes, "
                 f"{records[0]['device'] if records else ''})")
    plt.setp(ax.get_xticklabels(), rotation=30, ha="right")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    print("wrote", path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="step", required=True)
    p = sub.add_parser("prepare", help="build the case libraries (here)")
    p.add_argument("--out", required=True)
    p.add_argument("--full", action="store_true",
                   help="the GPU issue's sizes instead of reduced ones")
    p.add_argument("--arch", default="sm_90",
                   help="the GPU's architecture (sm_90, mma.sync: on an "
                   "H100 the faster for these cases; sm_90a: wgmma)")
    p.add_argument("--also-arch", default="",
                   help="also build attention and monarch for this "
                   "architecture, timed as variants (e.g. sm_90a)")
    p.add_argument("--variant", action="append", default=[],
                   type=parse_variant,
                   metavar="LABEL[@ARCH]:PREFIX:PASS{OPTIONS}",
                   help="also build the cases whose names start with PREFIX "
                   "with ssm-compile --pass-option=PASS{OPTIONS} (for ARCH, "
                   "else --arch), timed as variant LABEL (repeatable), e.g. "
                   "s8:selective_scan:ssm-fused-selective-scan"
                   "{states-per-thread=8} or "
                   "k64@sm_90a:attention:ssm-fused-attention{block-keys=64}")
    p.add_argument("--build", default=os.environ.get(
        "SSM_BUILD_DIR", os.path.join(ROOT, "build")))
    r = sub.add_parser("run", help="run the cases (on the GPU machine)")
    r.add_argument("dir")
    r.add_argument("--repeats", type=int, default=5)
    r.add_argument("--cases", default="",
                   help="only these cases (comma-separated names, a "
                   "variant as name[variant])")
    r.add_argument("--profile", action="store_true",
                   help="also each case's kernels and their device times")
    add_child_arguments(r)
    dispatch(parser.parse_args(), prepare, run, run_part)


if __name__ == "__main__":
    main()
