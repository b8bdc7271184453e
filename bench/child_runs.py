"""Running a list of GPU cases in child processes that resume after a
failure, for bench/gpu.py and bench/gpu_check.py (whose prepare steps copy
this file next to them, copy_scripts)."""
import argparse
import json
import os
import shutil
import subprocess
import sys


def copy_scripts(script, out):
    """Copies `script` and this module to the folder `out`."""
    for path in (script, os.path.abspath(__file__)):
        shutil.copy(path, out)


def add_child_arguments(parser):
    """The run step's arguments that only its children get."""
    parser.add_argument("--first", type=int, default=None,
                        help=argparse.SUPPRESS)  # a child's first item
    parser.add_argument("--part", help=argparse.SUPPRESS)  # its records


def dispatch(args, prepare, run, run_part):
    """The script's step: prepare, the run (the parent), or a child."""
    if args.step == "prepare":
        prepare(args)
    elif args.first is None:
        run(args)
    else:
        run_part(args)


def append_record(part, record):
    """A child's record of one item."""
    with open(part, "a") as f:
        f.write(json.dumps(record) + "\n")


def run_in_children(count, command, part, crashed, save, timeout):
    """Records of `count` items, made by child processes: `command` plus
    `--first N --part PART` is the command line of a child that handles
    items N.. in order, appends one record per item to the file `part`
    (append_record), and exits with 3 after an item that failed (a
    kernel's fault can leave the GPU context unusable), 2 where there is
    no usable GPU (then this exits with 2) or 0 when done. A child that
    ends otherwise (a crash), or runs for more than `timeout` seconds (a
    hang), has its next item recorded as `crashed(index, reason)`; the next
    child starts after it. `save(records)` after each child keeps what is
    done."""
    records = []
    while len(records) < count:
        if os.path.exists(part):
            os.remove(part)
        try:
            code = subprocess.run(
                command + ["--first", str(len(records)), "--part", part],
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
