"""Running a list of GPU cases in child processes that resume after a
failure, for bench/gpu.py and bench/gpu_check.py (whose prepare steps copy
this file next to them)."""
import json
import os
import subprocess
import sys


def run_in_children(count, command, part, crashed, save, timeout):
    """Records of `count` items, made by child processes: `command(first)`
    is the command line of a child that handles items first.. in order,
    appends one JSON record per item to the file `part`, and exits with 3
    after an item that failed (a kernel's fault can leave the GPU context
    unusable), 2 where there is no usable GPU (then this exits with 2) or
    0 when done. A child that ends otherwise (a crash), or runs for more
    than `timeout` seconds (a hang), has its next item recorded as
    `crashed(index, reason)`; the next child starts after it. `save(records)`
    after each child keeps what is done."""
    records = []
    while len(records) < count:
        if os.path.exists(part):
            os.remove(part)
        try:
            code = subprocess.run(command(len(records)),
                                  timeout=timeout).returncode
        except subprocess.TimeoutExpired:
            code = f"no end after {timeout} s"
        if code == 2:
            sys.exit(2)  # no usable GPU: the child said why
        if os.path.exists(part):
            with open(part) as f:
                records += [json.loads(line) for line in f]
        if code not in (0, 3) and len(records) < count:
            records.append(crashed(len(records), code))
        save(records)
    return records
