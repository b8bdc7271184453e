#!/bin/bash
# One call on a lent GPU machine (see bench/gpu_check.py and bench/gpu.py):
# prepared here with
#   /usr/bin/python3 bench/gpu_check.py prepare --out gpu-check
#   /usr/bin/python3 bench/gpu_check.py prepare --arch sm_90 \
#       --out gpu-check-sm90 <the tensor-core modules>     (optional)
#   /usr/bin/python3 bench/gpu.py prepare --out gpu-cases --full
# and run there, from the repository root, with those folders carried:
#   bash bench/gpu_device.sh
# The card, the two ceilings (copy bandwidth, bf16 matrix rate through
# PyTorch), every op against the reference evaluator, then the benchmarks
# against PyTorch. Logs and results go to $OUT (at most 8 files).
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
timeout 150 python3 gpu-check/gpu_check.py run gpu-check \
    > "$OUT/gpu-check.log" 2>&1
echo "gpu-check exit $?"
grep -v ': ok ' "$OUT/gpu-check.log" | tail -40
cp gpu-check/gpu-check.json "$OUT/"
if [ -d gpu-check-sm90 ]; then
  timeout 60 python3 gpu-check-sm90/gpu_check.py run gpu-check-sm90 \
      > "$OUT/gpu-check-sm90.log" 2>&1
  echo "gpu-check-sm90 exit $?"
  grep -v ': ok ' "$OUT/gpu-check-sm90.log" | tail -15
fi
timeout 300 python3 gpu-cases/gpu.py run gpu-cases --profile 2>&1 | tee "$OUT/gpu.log"
cp gpu-cases/gpu-*.json gpu-cases/gpu-*.png "$OUT/" 2>/dev/null
true
