"""Checks the iterator types of every single-output linalg.generic in MLIR
read from stdin: a loop that indexes the output must be parallel, one that
does not must be a reduction. (A mislabelled loop is a race once parallel
loops become threads.) Prints one line per generic at fault and exits 1 if
there is any; prints the number of generics checked otherwise."""
import re
import sys

text = sys.stdin.read()
maps = {name: (dims, results) for name, dims, results in re.findall(
    r"^(#map\d*) = affine_map<\(([^)]*)\) -> \(([^)]*)\)>", text, re.M)}
generic = re.compile(r"linalg\.generic \{indexing_maps = \[([^\]]*)\], "
                     r"iterator_types = \[([^\]]*)\]\}(.*)")
checked, faults = 0, 0
for match in generic.finditer(text):
    names = [n.strip() for n in match.group(1).split(",")]
    iterators = [i.strip().strip('"') for i in match.group(2).split(",")]
    outs = re.search(r"outs\(([^:]*):", match.group(3))
    if not outs or len(outs.group(1).split(",")) != 1:
        continue  # multi-output generics (a scan's step) are left alone
    checked += 1
    if names[-1] not in maps:
        continue  # an inline map
    dims, results = maps[names[-1]]
    dims = [d.strip() for d in dims.split(",")]
    used = set(re.findall(r"d\d+", results))
    for dim, iterator in zip(dims, iterators):
        if (iterator == "parallel") != (dim in used):
            faults += 1
            print(f"{iterator} loop {dim} with output map ({results}): "
                  f"{match.group(0)[:160]}")
            break
if faults:
    sys.exit(1)
print(f"checked {checked} generics")
