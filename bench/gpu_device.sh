#!/bin/bash
# One call on a lent GPU machine (see bench/gpu_check.py, bench/gpu.py and
# bench/h100/README.md), prepared here with
#   /usr/bin/python3 bench/gpu_check.py prepare --out gpu-check
#   /usr/bin/python3 bench/gpu_check.py prepare --arch sm_90 \
#       --out gpu-check-sm90 <some modules>                  (optional)
#   /usr/bin/python3 bench/gpu.py prepare --out gpu-cases --full \
#       --also-arch sm_90a \
#       --variant 's8:selective_scan:ssm-fused-selective-scan{states-per-thread=8}' \
#       --variant 's16:selective_scan:ssm-fused-selective-scan{states-per-thread=16}' \
#       --variant 'k64@sm_90a:attention:ssm-fused-attention{block-keys=64}' \
#       --variant 'lpt1:attention_causal:ssm-fused-attention{l2-bytes=1}'
#       (the variants: session 15's scan predictions, session 16's
#       attention with both products on wgmma, and session 20's causal
#       block order with one head per section, bench/h100/README.md)
#   mkdir -p gpu-cases/cubin; build/bin/ssm-compile <case>.mlir \
#       --target=cuda --arch=sm_90 --emit=cubin -o gpu-cases/cubin/<case>.cubin
#                                                            (optional)
# and run there, from the repository root, with those folders carried:
#   bash bench/gpu_device.sh
# The card and the two ceilings (copy bandwidth, bf16 matrix rate through
# PyTorch), every op against the reference evaluator, the benchmarks
# against PyTorch with each case's kernels, then (with NCU_CASES, a
# comma-separated list of cases) Nsight Compute's view of each case's
# first kernel and the SASS of the cubins. Logs and results go to $OUT
# (at most 8 files come back).
set -u
OUT=${OUT:-gpu-out}
mkdir -p "$OUT"
export PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,\
temperature.gpu,power.draw --format=csv 2>&1 | tee "$OUT/card.txt"
python3 - <<'PY' 2>&1 | tee -a "$OUT/card.txt"
import torch
def bench(fn, n=20):
    fn(); torch.cuda.synchronize()
    a, b = torch.cuda.Event(True), torch.cuda.Event(True)
    times = []
    for _ in range(n):
        a.record(); fn(); b.record(); b.synchronize()
        times.append(a.elapsed_time(b) / 1e3)
    return sorted(times)[n // 2]
x = torch.randn(1 << 30, device="cuda", dtype=torch.bfloat16)
y = torch.empty_like(x)
t = bench(lambda: y.copy_(x))
print(f"copy: {2 * x.numel() * 2 / t / 1e12:.2f} TB/s (read + write)")
del x, y
a = torch.randn(8192, 8192, device="cuda", dtype=torch.bfloat16)
t = bench(lambda: a @ a)
print(f"bf16 matmul 8192^3: {2 * 8192 ** 3 / t / 1e12:.0f} TFLOP/s")
PY
for check in gpu-check gpu-check-sm90; do
  [ -d $check ] || continue
  timeout 150 python3 $check/gpu_check.py run $check > "$OUT/$check.log" 2>&1
  echo "$check exit $?"
  grep -v ': ok ' "$OUT/$check.log" | tail -30
done
cp gpu-check/gpu-check.json "$OUT/" 2>/dev/null
timeout 300 python3 gpu-cases/gpu.py run gpu-cases --profile 2>&1 |
    tee "$OUT/gpu.log"
cp gpu-cases/gpu-*.json "$OUT/" 2>/dev/null
for name in $(echo "${NCU_CASES:-}" | tr ',' ' '); do
  echo "== ncu: $name" >> "$OUT/ncu.txt"
  timeout 120 ncu --target-processes all --launch-count 1 \
      --kernel-name regex:'^f_kernel' --section SpeedOfLight \
      --section Occupancy --section LaunchStats --section WarpStateStats \
      --section ComputeWorkloadAnalysis --section MemoryWorkloadAnalysis \
      python3 gpu-cases/gpu.py run gpu-cases --cases "$name" --repeats 1 \
      >> "$OUT/ncu.txt" 2>&1
  echo "ncu $name exit $?"
done
for cubin in gpu-cases/cubin/*.cubin; do
  [ -f "$cubin" ] || continue
  echo "== $cubin" >> "$OUT/sass.txt"
  cuobjdump -sass "$cubin" >> "$OUT/sass.txt" 2>&1
done
true
