// f32 attention on the shapes of attention-half.mlir (partial blocks, GQA
// and MQA, causal masks with Lq < Lk and Lq > Lk, sliding windows, E != Ev,
// a single key, decoding with split keys). On the CPU they are the linalg
// flash loop; on the GPU (or its emulator)
// test/Integration/CUDA/attention-f32.test runs them as ssm-fused-attention's
// kernel, whose products take the operands' bf16 planes on tensor cores.
// Tolerance: 1e-4 of the largest result.
// RUN: for e in $(grep -o '^func.func @[A-Za-z0-9_]*' %s | cut -d@ -f2); do \
// RUN:   ssm-run %s --entry $e --check --random-inputs --seed 1 || exit 1; \
// RUN: done | FileCheck %s

// CHECK:          (compiled, cpu)
// CHECK-COUNT-11: check result #0: {{.*}}: ok
// CHECK-NOT:      MISMATCH

func.func @plain_e64(%q: tensor<1x2x130x64xf32>, %k: tensor<1x2x130x64xf32>, %v: tensor<1x2x130x64xf32>) -> tensor<1x2x130x64xf32> {
  %y = ssm.attention %q, %k, %v : tensor<1x2x130x64xf32>, tensor<1x2x130x64xf32>, tensor<1x2x130x64xf32> -> tensor<1x2x130x64xf32>
  return %y : tensor<1x2x130x64xf32>
}

func.func @causal_e128(%q: tensor<1x2x200x128xf32>, %k: tensor<1x2x200x128xf32>, %v: tensor<1x2x200x128xf32>) -> tensor<1x2x200x128xf32> {
  %y = ssm.attention %q, %k, %v causal : tensor<1x2x200x128xf32>, tensor<1x2x200x128xf32>, tensor<1x2x200x128xf32> -> tensor<1x2x200x128xf32>
  return %y : tensor<1x2x200x128xf32>
}

func.func @causal_e32_gqa(%q: tensor<2x4x77x32xf32>, %k: tensor<2x2x77x32xf32>, %v: tensor<2x2x77x32xf32>) -> tensor<2x4x77x32xf32> {
  %y = ssm.attention %q, %k, %v causal : tensor<2x4x77x32xf32>, tensor<2x2x77x32xf32>, tensor<2x2x77x32xf32> -> tensor<2x4x77x32xf32>
  return %y : tensor<2x4x77x32xf32>
}

func.func @causal_lq_lt_lk(%q: tensor<1x2x45x64xf32>, %k: tensor<1x1x170x64xf32>, %v: tensor<1x1x170x64xf32>) -> tensor<1x2x45x64xf32> {
  %y = ssm.attention %q, %k, %v causal : tensor<1x2x45x64xf32>, tensor<1x1x170x64xf32>, tensor<1x1x170x64xf32> -> tensor<1x2x45x64xf32>
  return %y : tensor<1x2x45x64xf32>
}

func.func @causal_lq_gt_lk(%q: tensor<1x2x150x48xf32>, %k: tensor<1x2x70x48xf32>, %v: tensor<1x2x70x48xf32>) -> tensor<1x2x150x48xf32> {
  %y = ssm.attention %q, %k, %v causal : tensor<1x2x150x48xf32>, tensor<1x2x70x48xf32>, tensor<1x2x70x48xf32> -> tensor<1x2x150x48xf32>
  return %y : tensor<1x2x150x48xf32>
}

func.func @window_causal_e96(%q: tensor<1x2x140x96xf32>, %k: tensor<1x2x140x96xf32>, %v: tensor<1x2x140x96xf32>) -> tensor<1x2x140x96xf32> {
  %y = ssm.attention %q, %k, %v causal window 37 : tensor<1x2x140x96xf32>, tensor<1x2x140x96xf32>, tensor<1x2x140x96xf32> -> tensor<1x2x140x96xf32>
  return %y : tensor<1x2x140x96xf32>
}

func.func @window_only_e80(%q: tensor<1x1x100x80xf32>, %k: tensor<1x1x100x80xf32>, %v: tensor<1x1x100x80xf32>) -> tensor<1x1x100x80xf32> {
  %y = ssm.attention %q, %k, %v window 20 : tensor<1x1x100x80xf32>, tensor<1x1x100x80xf32>, tensor<1x1x100x80xf32> -> tensor<1x1x100x80xf32>
  return %y : tensor<1x1x100x80xf32>
}

func.func @e_ne_ev(%q: tensor<1x2x66x112xf32>, %k: tensor<1x2x99x112xf32>, %v: tensor<1x2x99x16xf32>) -> tensor<1x2x66x16xf32> {
  %y = ssm.attention %q, %k, %v : tensor<1x2x66x112xf32>, tensor<1x2x99x112xf32>, tensor<1x2x99x16xf32> -> tensor<1x2x66x16xf32>
  return %y : tensor<1x2x66x16xf32>
}

func.func @lk1(%q: tensor<1x2x17x16xf32>, %k: tensor<1x2x1x16xf32>, %v: tensor<1x2x1x32xf32>) -> tensor<1x2x17x32xf32> {
  %y = ssm.attention %q, %k, %v : tensor<1x2x17x16xf32>, tensor<1x2x1x16xf32>, tensor<1x2x1x32xf32> -> tensor<1x2x17x32xf32>
  return %y : tensor<1x2x17x32xf32>
}

func.func @scaled_e128_ev64(%q: tensor<1x1x64x128xf32>, %k: tensor<1x1x256x128xf32>, %v: tensor<1x1x256x64xf32>) -> tensor<1x1x64x64xf32> {
  %y = ssm.attention %q, %k, %v causal scale 0.05 : tensor<1x1x64x128xf32>, tensor<1x1x256x128xf32>, tensor<1x1x256x64xf32> -> tensor<1x1x64x64xf32>
  return %y : tensor<1x1x64x64xf32>
}

// Decoding one query against 1000 keys, 2 heads: 2 blocks of queries, so
// on the GPU the keys are split 8 ways (flash decoding; 32 steps of 32
// keys, at least 4 per split).
func.func @decode_long_keys(%q: tensor<1x2x1x64xf32>, %k: tensor<1x1x1000x64xf32>, %v: tensor<1x1x1000x64xf32>) -> tensor<1x2x1x64xf32> {
  %y = ssm.attention %q, %k, %v : tensor<1x2x1x64xf32>, tensor<1x1x1000x64xf32>, tensor<1x1x1000x64xf32> -> tensor<1x2x1x64xf32>
  return %y : tensor<1x2x1x64xf32>
}
