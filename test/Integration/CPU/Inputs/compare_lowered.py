"""Runs entries of a module through the reference evaluator and the same
entries of a pre-lowered copy of it (ssm-opt with non-default lowering
options) compiled for the host, on the same inputs, and compares them.

Usage: compare_lowered.py SSM_RUN ORIGINAL LOWERED OUTDIR [--seed S] ENTRY...
                          [-- FLAG...]
The FLAGs after -- go to ssm-run for the lowered copy (--target=...,
say). An ENTRY is a function name, or NAME=A.npy,B.npy,... to give its inputs
(otherwise seeded random inputs). Prints '<entry> ok <error>' or
'<entry> MISMATCH <error>' per entry, the error being
max|lowered - reference| / max|reference| over each result, against 1e-4
for f32, 1e-10 for f64, 2e-3 for f16 and 2e-2 for bf16 (ssm-run --check's
defaults); exits 1 on a mismatch or a failed run.
"""
import os
import subprocess
import sys

import numpy as np

TOLERANCES = {"float64": 1e-10, "float32": 1e-4, "float16": 2e-3, "bfloat16": 2e-2}


def load(path):
    """An .npy result as float64, and the name of its element type: bf16
    is stored as 2-byte void elements (numpy has no bf16), the upper half
    of an f32."""
    array = np.load(path)
    if array.dtype.kind == "V" and array.dtype.itemsize == 2:
        wide = array.view(np.uint16).astype(np.uint32) << 16
        return wide.view(np.float32).astype(np.float64), "bfloat16"
    return array.astype(np.float64), array.dtype.name


args = sys.argv[1:]
ssm_run, original, lowered, out = args[:4]
args = args[4:]
seed = "1"
if args[:1] == ["--seed"]:
    seed, args = args[1], args[2:]
flags = []
if "--" in args:
    args, flags = args[:args.index("--")], args[args.index("--") + 1:]
failed = False
for spec in args:
    entry, _, given = spec.partition("=")
    ref_dir = os.path.join(out, entry + ".ref")
    low_dir = os.path.join(out, entry + ".lowered")
    os.makedirs(ref_dir, exist_ok=True)
    os.makedirs(low_dir, exist_ok=True)
    inputs = given.split(",") if given else []
    ref_cmd = [ssm_run, original, "--entry", entry, "--output-dir", ref_dir]
    if inputs:
        for path in inputs:
            ref_cmd += ["--input", path]
    else:
        ref_cmd += ["--random-inputs", "--seed", seed, "--save-inputs"]
    subprocess.run(ref_cmd, check=True, stdout=subprocess.DEVNULL)
    if not inputs:
        count = len([f for f in os.listdir(ref_dir) if f.startswith("input")])
        inputs = [os.path.join(ref_dir, f"input{i}.npy") for i in range(count)]
    low_cmd = [ssm_run, lowered, "--entry", entry, "--compiled",
               "--output-dir", low_dir] + flags
    for path in inputs:
        low_cmd += ["--input", path]
    subprocess.run(low_cmd, check=True, stdout=subprocess.DEVNULL)
    i, worst, ok = 0, 0.0, True
    while os.path.exists(os.path.join(ref_dir, f"result{i}.npy")):
        ref, dtype = load(os.path.join(ref_dir, f"result{i}.npy"))
        got, _ = load(os.path.join(low_dir, f"result{i}.npy"))
        tol = TOLERANCES[dtype]
        scale = max(float(np.abs(ref).max(initial=0.0)), 1e-30)
        error = float(np.abs(got - ref).max(initial=0.0)) / scale
        worst = max(worst, error)
        ok = ok and got.shape == ref.shape and error <= tol
        i += 1
    ok = ok and i > 0
    failed = failed or not ok
    print(entry, "ok" if ok else "MISMATCH", f"{worst:.2e}")
sys.exit(1 if failed else 0)
