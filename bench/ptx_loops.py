#!/usr/bin/python3
"""Static counts of the GPU cases' kernels, for work without a GPU.

For each case of bench/gpu.py (the issue's sizes with --full), compiles
its PTX with `ssm-compile --target=cuda --emit=ptx` and, for every kernel,
prints what ptxas reports (registers, spills, shared memory) and the
instructions of each of its loops: the PTX between a label and the last
branch back to it, counted per opcode class (global loads, shared loads,
MUFU ex2/lg2, shuffles, ...), and how many instructions the kernel has
in all and outside its loops (a phase whose items are no more than the
block's threads is no loop: its code runs once per thread). (A heuristic: a block that LLVM places
after a loop's latch and that branches back into the loop is not counted,
and one placed after a merge point that branches back to it counts as a
loop.) With each loop, the fewest instructions that one pass through it
runs: the shortest path from its label to its last branch back, through
forward branches (a step that skips every conditional block: no masking,
no rescaling). PTX is not SASS: ptxas schedules, unrolls
and expands some instructions (ex2.approx.f32 without .ftz is about four),
so the counts compare versions of one kernel, they do not time it; the
timings are bench/gpu.py's, on the GPU machine.

  /usr/bin/python3 bench/ptx_loops.py [--full] [--arch sm_90]
      [--cases selective_scan,long_conv_8192] [--build build]
"""
import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gpu  # noqa: E402  (the cases)

CLASSES = [
    ("ld.global", r"^ld\.global"),
    ("st.global", r"^st\.global"),
    ("ld.shared", r"^ld\.shared"),
    ("st.shared", r"^st\.shared"),
    ("ex2", r"^ex2\."),
    ("lg2", r"^lg2\."),
    ("shfl", r"^shfl\."),
    ("mma", r"^(mma|wgmma|ldmatrix)"),
    ("bar", r"^bar\."),
]


def kernels(ptx):
    """(name, body lines) of each .entry: up to the next one (inline
    assembly has braces of its own at the start of a line)."""
    starts = list(re.finditer(r"\.entry (\w+)\(", ptx))
    out = []
    for match, end in zip(starts, starts[1:] + [None]):
        text = ptx[match.end():end.start() if end else len(ptx)]
        body = text.split("\n{\n", 1)[-1]
        out.append((match.group(1), body.splitlines()))
    return out


def instructions(lines):
    """The opcodes of `lines`, without labels, directives and comments."""
    ops = []
    for line in lines:
        line = line.split("//", 1)[0].strip()
        if not line or line.endswith(":") or line.startswith(("//", ".",
                                                              "{", "}")):
            continue
        if line.startswith("@"):
            line = line.split(None, 1)[1]
        ops.append(line.split()[0].rstrip(";"))
    return ops


def loops(lines):
    """(label, body lines) of each loop: from a label to the last branch
    back to it, outermost first."""
    found = []
    for i, line in enumerate(lines):
        label = re.match(r"^(\$\w+):", line.strip())
        if not label:
            continue
        back = [j for j in range(i + 1, len(lines))
                if re.search(r"\bbra(\.uni)?\s+" + re.escape(label.group(1))
                             + ";", lines[j])]
        if back:
            found.append((label.group(1), lines[i:back[-1] + 1]))
    return found


def shortest_pass(body):
    """The opcodes of the shortest path through `body` (a loop from
    loops()) from its label back to it: basic blocks split at labels and
    after branches, edges forward within the body or back to its label
    (branches out of it and back to other labels, inner loops, are not
    followed)."""
    blocks, labels = [[]], {}
    for line in body:
        label = re.match(r"^(\$\w+):", line.strip())
        if label:
            if blocks[-1]:
                blocks.append([])
            labels[label.group(1)] = len(blocks) - 1
        blocks[-1].append(line)
        if re.search(r"\bbra(\.uni)?\s", line):
            blocks.append([])
    if not blocks[-1]:
        blocks.pop()
    end = len(blocks)
    best = [None] * (end + 1)
    best[0] = []
    for i, block in enumerate(blocks):
        if best[i] is None:
            continue
        path = best[i] + instructions(block)
        last = block[-1].split("//", 1)[0].strip()
        branch = re.search(r"\bbra(\.uni)?\s+(\$\w+);", last)
        successors = []
        if branch and labels.get(branch.group(2)) == 0:
            successors.append(end)
        elif branch and labels.get(branch.group(2), -1) > i:
            successors.append(labels[branch.group(2)])
        if not (branch and not last.startswith("@")):
            successors.append(i + 1)
        for j in successors:
            if best[j] is None or len(path) < len(best[j]):
                best[j] = path
    return best[end] or []


def classify(ops):
    counts = collections.Counter()
    for op in ops:
        for name, pattern in CLASSES:
            if re.match(pattern, op):
                counts[name] += 1
                break
        else:
            counts["other"] += 1
    return counts


def ptxas_info(ptx_path, arch, ptxas):
    """function -> ptxas's report (spills; registers and shared memory)."""
    result = subprocess.run([ptxas, f"-arch={arch}", "-v", ptx_path, "-o",
                             os.devnull], capture_output=True, text=True)
    info, current = {}, None
    warnings = {}
    for line in result.stderr.splitlines():
        function = re.search(r"Function properties for (\w+)", line)
        # Performance warnings (wgmma serialized, waits injected) name
        # their function.
        warning = re.search(r"\((C75\d\d)\).*function '(\w+)'", line)
        if warning:
            warnings.setdefault(warning.group(2), []).append(
                warning.group(1))
        elif function:
            current = function.group(1)
        elif current and "spill" in line:
            info[current] = line.split(":", 1)[-1].strip()
        elif current and "Used" in line:
            info[current] = info.get(current, "") + "; " + \
                line.split(":", 1)[-1].strip()
    if result.returncode != 0:
        sys.exit("ptxas failed:\n" + result.stderr)
    for function, codes in warnings.items():
        info[function] = info.get(function, "") + \
            "; performance warnings " + ", ".join(codes)
    return info


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true",
                        help="the issue's sizes (default: reduced)")
    parser.add_argument("--arch", default="sm_90")
    parser.add_argument("--cases", help="comma-separated case names")
    parser.add_argument("--build", default=os.path.join(gpu.ROOT, "build"))
    parser.add_argument("--ptxas", default="/usr/local/cuda/bin/ptxas")
    args = parser.parse_args()
    wanted = set(args.cases.split(",")) if args.cases else None
    ssm_compile = os.path.join(args.build, "bin", "ssm-compile")
    chosen = [c for c in gpu.cases(args.full)
              if wanted is None or c[0] in wanted]
    if wanted and len(chosen) != len(wanted):
        known = ", ".join(c[0] for c in gpu.cases(args.full))
        sys.exit(f"unknown case in {args.cases} (known: {known})")
    with tempfile.TemporaryDirectory() as tmp:
        for name, _, mlir, *_ in chosen:
            source = os.path.join(tmp, name + ".mlir")
            ptx_path = os.path.join(tmp, name + ".ptx")
            with open(source, "w") as f:
                f.write(mlir)
            subprocess.run([ssm_compile, source, "--target=cuda",
                            f"--arch={args.arch}", "--emit=ptx", "-o",
                            ptx_path], check=True)
            with open(ptx_path) as f:
                ptx = f.read()
            info = ptxas_info(ptx_path, args.arch, args.ptxas)
            print(f"== {name} ({args.arch})")
            for kernel, lines in kernels(ptx):
                print(f"  {kernel}: {info.get(kernel, '?')}")
                found = loops(lines)
                inside = set()
                for _, body in found:
                    inside.update(id(line) for line in body)
                outside = [line for line in lines if id(line) not in inside]
                print(f"    {len(instructions(lines))} instructions, "
                      f"{len(instructions(outside))} of them outside loops")
                for label, body in found:
                    counts = classify(instructions(body))
                    total = sum(counts.values())
                    detail = ", ".join(f"{k} {v}" for k, v in
                                       sorted(counts.items()))
                    print(f"    loop {label}: {total} instructions "
                          f"({detail})")
                    fewest = classify(shortest_pass(body))
                    detail = ", ".join(f"{k} {v}" for k, v in
                                       sorted(fewest.items()))
                    print(f"      fewest per pass: "
                          f"{sum(fewest.values())} ({detail})")


if __name__ == "__main__":
    main()
