#!/usr/bin/python3
"""Every op on the GPU against the reference evaluator, for a GPU machine
without LLVM, in two steps (as bench/gpu.py):

  /usr/bin/python3 bench/gpu_check.py prepare --out gpu-check [--arch sm_90a]
      here: for every public function of test/Integration/CPU/*.mlir whose
      arguments have static shapes (the CPU back end's awkward shapes for
      each op, which test/Integration/CUDA runs where LLVM and a GPU meet),
      seeded random inputs and the reference evaluator's results (.npy, from
      ssm-run), and one library per file (ssm-compile --target=cuda); copies
      libssm_runtime.so and this script next to them;
  python3 gpu-check/gpu_check.py run gpu-check
      on the GPU machine (numpy only): runs every function on the GPU
      through libssm_runtime and compares each result with the reference
      at ssm-run --check's tolerances (1e-10 f64, 1e-4 f32, 2e-3 f16, 2e-2
      bf16 on max|gpu - reference| / max|reference|); prints a line per
      function, writes gpu-check/gpu-check.json, exits 1 on any mismatch or
      failure.
"""
import argparse
import ctypes
import glob
import json
import os
import re
import shutil
import subprocess
import sys

from child_runs import (add_child_arguments, append_record, copy_scripts,
                        dispatch, run_in_children)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOLERANCES = {"float64": 1e-10, "float32": 1e-4, "float16": 2e-3,
              "bfloat16": 2e-2}
SEED = 7


def public_functions(text):
    """(name, argument types) of the public func.func ops of a module."""
    out = []
    for m in re.finditer(r"^func\.func @([A-Za-z0-9_]+)\(([^)]*)\)", text,
                         re.MULTILINE):
        out.append((m.group(1), m.group(2)))
    return out


def finite(path):
    """Whether every value of an .npy result is finite (bf16 as its upper
    half of an f32)."""
    import numpy as np
    array = np.load(path)
    if array.dtype.kind == "V":
        array = (array.view(np.uint16).astype(np.uint32) << 16).view(
            np.float32)
    return bool(np.isfinite(array).all())


def prepare(args):
    os.makedirs(args.out, exist_ok=True)
    bin_dir = os.path.join(args.build, "bin")
    manifest = []
    sources = args.sources or sorted(
        glob.glob(os.path.join(ROOT, "test", "Integration", "CPU", "*.mlir")))
    for source in sources:
        stem = os.path.splitext(os.path.basename(source))[0]
        with open(source) as f:
            functions = [(name, types) for name, types in
                         public_functions(f.read()) if "?" not in types]
        if not functions:
            continue
        library = stem + ".so"
        target = ["--target=cuda", f"--arch={args.arch}"] \
            if args.target == "cuda" else ["--target=cpu"]
        built = subprocess.run(
            [os.path.join(bin_dir, "ssm-compile"), source, *target, "-o",
             os.path.join(args.out, library)], capture_output=True, text=True)
        if built.returncode != 0:
            print(f"{stem}: not compiled, skipped:\n{built.stderr}",
                  file=sys.stderr)
            continue
        for name, _ in functions:
            case = os.path.join(stem, name)
            out_dir = os.path.join(args.out, case)
            os.makedirs(out_dir, exist_ok=True)
            ran = subprocess.run(
                [os.path.join(bin_dir, "ssm-run"), source, "--entry", name,
                 "--random-inputs", "--seed", str(SEED), "--save-inputs",
                 "--output-dir", out_dir], capture_output=True, text=True)
            if ran.returncode != 0:
                print(f"{case}: the reference failed, skipped:\n{ran.stderr}",
                      file=sys.stderr)
                shutil.rmtree(out_dir)
                continue
            count = lambda prefix: len([f for f in os.listdir(out_dir)
                                        if f.startswith(prefix)])
            if not all(finite(os.path.join(out_dir, f"result{i}.npy"))
                       for i in range(count("result"))):
                print(f"{case}: the reference is not finite on random "
                      "inputs, skipped", file=sys.stderr)
                shutil.rmtree(out_dir)
                continue
            manifest.append(dict(library=library, entry=name, dir=case,
                                 inputs=count("input"),
                                 results=count("result")))
        print("prepared", stem, flush=True)
    runtime = "libssm_runtime.so" if args.target == "cuda" \
        else "libssm_cpu_runtime.so"
    shutil.copy(os.path.join(args.build, "lib", runtime), args.out)
    copy_scripts(os.path.abspath(__file__), args.out)
    with open(os.path.join(args.out, "cases.json"), "w") as f:
        json.dump(dict(arch=args.arch, target=args.target, cases=manifest),
                  f, indent=1)
    print(f"wrote {len(manifest)} functions to {args.out}")


# --------------------------------------------------------------------------
# On the GPU machine
# --------------------------------------------------------------------------

def load(np, path):
    """An .npy array and its element type's name: bf16 is stored as
    2-byte void elements (numpy has no bf16)."""
    array = np.load(path)
    if array.dtype.kind == "V" and array.dtype.itemsize == 2:
        return array, "bfloat16"
    return array, array.dtype.name


def as_float64(np, array, kind):
    if kind == "bfloat16":
        wide = array.view(np.uint16).astype(np.uint32) << 16
        return wide.view(np.float32).astype(np.float64)
    return array.astype(np.float64)


def descriptor_type(rank):
    """A strided memref descriptor of rank `rank`: allocated and aligned
    pointers, offset, sizes, strides."""
    return ctypes.c_int64 * (3 + 2 * rank)


def cuda_runtime(folder):
    rt = ctypes.CDLL(os.path.join(folder, "libssm_runtime.so"),
                     mode=ctypes.RTLD_GLOBAL)
    rt.ssmrtLastError.restype = ctypes.c_char_p
    rt.ssmrtAlloc.restype = ctypes.c_void_p
    rt.ssmrtAlloc.argtypes = [ctypes.c_size_t]
    rt.ssmrtFree.argtypes = [ctypes.c_void_p]
    rt.ssmrtCopyToDevice.argtypes = [ctypes.c_void_p, ctypes.c_void_p,
                                     ctypes.c_size_t]
    rt.ssmrtCopyToHost.argtypes = [ctypes.c_void_p, ctypes.c_void_p,
                                   ctypes.c_size_t]
    return rt


class HostRuntime:
    """libssm_runtime's calls for libraries compiled for the CPU (prepare
    --target cpu): how this script's calling and checking are tested on
    machines without a GPU."""

    def __init__(self, folder):
        self.cpu = ctypes.CDLL(os.path.join(folder, "libssm_cpu_runtime.so"))
        self.cpu._mlir_memref_to_llvm_free.argtypes = [ctypes.c_void_p]
        self.buffers = {}

    def ssmrtAvailable(self):
        return 1

    def ssmrtLastError(self):
        return b""

    def ssmrtAlloc(self, size):
        buffer = ctypes.create_string_buffer(size)
        self.buffers[ctypes.addressof(buffer)] = buffer
        return ctypes.addressof(buffer)

    def ssmrtFree(self, pointer):
        # Ours, or a result of the compiled code's allocator.
        if self.buffers.pop(pointer.value, None) is None:
            self.cpu._mlir_memref_to_llvm_free(pointer)

    def ssmrtCopyToDevice(self, device, host, size):
        ctypes.memmove(device, host, size)
        return 0

    def ssmrtCopyToHost(self, host, device, size):
        ctypes.memmove(host, device, size)
        return 0

    def ssmrtSynchronize(self):
        return 0


def run(args):
    """Runs the functions in child processes (run_part), each from where
    the last one stopped: a child stops at its first failure, since a
    kernel's fault can leave the GPU context unusable, or crashes; the
    function it stopped at is reported and the next child starts after
    it."""
    with open(os.path.join(args.dir, "cases.json")) as f:
        spec = json.load(f)
    part = os.path.join(args.dir, "gpu-check-part.jsonl")

    def crashed(index, reason):
        name = spec["cases"][index]["dir"]
        print(f"{name}: FAILED the process ended: {reason}", flush=True)
        return dict(function=name, status="FAILED", error=str(reason))

    def save(records):
        with open(os.path.join(args.dir, "gpu-check.json"), "w") as f:
            json.dump(dict(arch=spec["arch"], results=records), f, indent=1)

    records = run_in_children(
        len(spec["cases"]),
        [sys.executable, os.path.abspath(__file__), "run", args.dir],
        part, crashed, save, timeout=300)
    failed = sum(r["status"] != "ok" for r in records)
    print(f"{len(records) - failed} of {len(records)} functions match the "
          "reference")
    sys.exit(1 if failed else 0)


def run_part(args):
    """Runs the functions from --first on, appending a JSON line per
    function to --part; exits with 3 at the first failure."""
    import numpy as np
    with open(os.path.join(args.dir, "cases.json")) as f:
        spec = json.load(f)
    rt = (HostRuntime(args.dir) if spec.get("target") == "cpu"
          else cuda_runtime(args.dir))
    if not rt.ssmrtAvailable():
        print("no usable GPU: " + rt.ssmrtLastError().decode(),
              file=sys.stderr)
        sys.exit(2)
    libraries = {}
    for case in spec["cases"][args.first:]:
        name = f"{case['dir']}"
        record = dict(function=name)
        device = []
        # Errors of an earlier case, not yet reported by a synchronize,
        # are not this one's.
        rt.ssmrtSynchronize()
        try:
            if case["library"] not in libraries:
                libraries[case["library"]] = ctypes.CDLL(
                    os.path.join(args.dir, case["library"]))
            entry = getattr(libraries[case["library"]],
                            "_mlir_ciface_" + case["entry"])
            entry.restype = None
            folder = os.path.join(args.dir, case["dir"])
            inputs = [load(np, os.path.join(folder, f"input{i}.npy"))[0]
                      for i in range(case["inputs"])]
            refs = [load(np, os.path.join(folder, f"result{i}.npy"))
                    for i in range(case["results"])]
            descriptors = []
            for x in inputs:
                x = np.ascontiguousarray(x)
                pointer = rt.ssmrtAlloc(max(1, x.nbytes))
                if not pointer:
                    raise RuntimeError(rt.ssmrtLastError().decode())
                device.append(pointer)
                if x.nbytes and rt.ssmrtCopyToDevice(
                        pointer, x.ctypes.data, x.nbytes):
                    raise RuntimeError(rt.ssmrtLastError().decode())
                d = descriptor_type(x.ndim)()
                d[0] = d[1] = pointer
                stride = 1
                for i in reversed(range(x.ndim)):
                    d[3 + i] = x.shape[i]
                    d[3 + x.ndim + i] = stride
                    stride *= x.shape[i]
                descriptors.append(d)
            # The results: one descriptor, or a struct of them.
            ranks = [ref.ndim for ref, _ in refs]
            words = sum(3 + 2 * r for r in ranks)
            out = (ctypes.c_int64 * words)()
            entry(ctypes.byref(out), *[ctypes.byref(d) for d in descriptors])
            # Every result buffer is freed, whatever happens next.
            start = 0
            for rank in ranks:
                if out[start] and out[start] not in device:
                    device.append(out[start])
                start += 3 + 2 * rank
            if rt.ssmrtSynchronize():
                raise RuntimeError("kernels failed: " +
                                   rt.ssmrtLastError().decode())
            errors, start = [], 0
            for (ref, kind), rank in zip(refs, ranks):
                aligned, offset = out[start + 1], out[start + 2]
                sizes = [out[start + 3 + i] for i in range(rank)]
                strides = [out[start + 3 + rank + i] for i in range(rank)]
                start += 3 + 2 * rank
                if tuple(sizes) != ref.shape:
                    raise RuntimeError(f"result shape {sizes}, reference "
                                       f"{list(ref.shape)}")
                span = 1 + sum((s - 1) * st for s, st in zip(sizes, strides))
                flat = np.empty(max(span, 1), dtype=ref.dtype)
                if ref.size and rt.ssmrtCopyToHost(
                        flat.ctypes.data,
                        aligned + offset * ref.dtype.itemsize,
                        span * ref.dtype.itemsize):
                    raise RuntimeError(rt.ssmrtLastError().decode())
                got = np.lib.stride_tricks.as_strided(
                    flat, shape=ref.shape,
                    strides=[s * ref.dtype.itemsize for s in strides]) \
                    if ref.size else flat[:0].reshape(ref.shape)
                want = as_float64(np, ref, kind)
                have = as_float64(np, np.ascontiguousarray(got), kind)
                scale = max(float(np.abs(want).max()) if want.size else 0.0,
                            1e-30)
                error = float(np.abs(have - want).max()) / scale \
                    if want.size else 0.0
                errors.append((error, TOLERANCES[kind], kind))
            record["errors"] = [e for e, _, _ in errors]
            ok = all(e <= tol for e, tol, _ in errors)
            record["status"] = "ok" if ok else "MISMATCH"
            print(f"{name}: " + ("ok" if ok else "MISMATCH") + " " +
                  " ".join(f"{e:.2e} ({k}, tolerance {t:.0e})"
                           for e, t, k in errors), flush=True)
        except Exception as error:  # report, go on with the next function
            record["status"] = "FAILED"
            record["error"] = str(error)
            print(f"{name}: FAILED {error}", flush=True)
        finally:
            for pointer in device:
                rt.ssmrtFree(ctypes.c_void_p(pointer))
        append_record(args.part, record)
        if record["status"] != "ok":
            # (Not sys.exit: the process's teardown may fault after a
            # kernel's fault, which would read as a crash on the next
            # function.)
            os._exit(3)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="step", required=True)
    p = sub.add_parser("prepare", help="build libraries and references (here)")
    p.add_argument("--out", required=True)
    p.add_argument("--arch", default="sm_90a",
                   help="the GPU's architecture (sm_90a: an H100 with wgmma; "
                   "sm_90 keeps mma.sync)")
    p.add_argument("--target", default="cuda", choices=["cuda", "cpu"],
                   help="cpu: libraries for the host, run with a host "
                   "stand-in for libssm_runtime (to test this script)")
    p.add_argument("--build", default=os.environ.get(
        "SSM_BUILD_DIR", os.path.join(ROOT, "build")))
    p.add_argument("sources", nargs="*",
                   help="modules (default: test/Integration/CPU/*.mlir)")
    r = sub.add_parser("run", help="run and compare (on the GPU machine)")
    r.add_argument("dir")
    add_child_arguments(r)
    dispatch(parser.parse_args(), prepare, run, run_part)


if __name__ == "__main__":
    main()
