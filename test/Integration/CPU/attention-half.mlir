// f16/bf16 attention on awkward shapes for the GPU's fused flash kernel
// (ssm-fused-attention: blocks of 64 queries, key blocks of 64 or 32,
// head sizes 16 to 128, and padded in the tiles: 72, 40, 13): partial query and key blocks, GQA and MQA, causal
// masks with Lq < Lk and Lq > Lk, sliding windows, E != Ev, a single key,
// decoding. On the CPU they are the linalg flash loop; on the GPU (or its
// emulator) test/Integration/CUDA/attention-half.test runs them as the
// fused kernel. Tolerances: 2e-3 (f16) and 2e-2 (bf16) of the largest
// result.
// RUN: ssm-run %s --entry plain_bf16_e64 --check --random-inputs --seed 1 | FileCheck %s
// RUN: ssm-run %s --entry causal_bf16_e128 --check --random-inputs --seed 2 | FileCheck %s
// RUN: ssm-run %s --entry causal_f16_e32_gqa --check --random-inputs --seed 3 | FileCheck %s
// RUN: ssm-run %s --entry causal_lq_lt_lk --check --random-inputs --seed 4 | FileCheck %s
// RUN: ssm-run %s --entry causal_lq_gt_lk --check --random-inputs --seed 5 | FileCheck %s
// RUN: ssm-run %s --entry window_causal_e96 --check --random-inputs --seed 6 | FileCheck %s
// RUN: ssm-run %s --entry window_only_e80 --check --random-inputs --seed 7 | FileCheck %s
// RUN: ssm-run %s --entry e_ne_ev --check --random-inputs --seed 8 | FileCheck %s
// RUN: ssm-run %s --entry decode_mqa --check --random-inputs --seed 9 | FileCheck %s
// RUN: ssm-run %s --entry lk1 --check --random-inputs --seed 10 | FileCheck %s
// RUN: ssm-run %s --entry scaled_e128_ev64 --check --random-inputs --seed 11 | FileCheck %s
// RUN: ssm-run %s --entry decode_long_keys --check --random-inputs --seed 12 | FileCheck %s
// RUN: ssm-run %s --entry padded_bf16_e72_ev40 --check --random-inputs --seed 13 | FileCheck %s
// RUN: ssm-run %s --entry padded_f16_e13 --check --random-inputs --seed 14 | FileCheck %s
// RUN: ssm-run %s --entry negative_scale --check --random-inputs --seed 15 | FileCheck %s
// RUN: ssm-run %s --entry zero_scale --check --random-inputs --seed 16 | FileCheck %s
// RUN: ssm-run %s --entry large_scale --check --random-inputs --seed 17 | FileCheck %s

// CHECK: (compiled, cpu)
// CHECK: check result #0: {{.*}}: ok
// CHECK-NOT: MISMATCH

func.func @plain_bf16_e64(%q: tensor<1x2x130x64xbf16>, %k: tensor<1x2x130x64xbf16>, %v: tensor<1x2x130x64xbf16>) -> tensor<1x2x130x64xbf16> {
  %y = ssm.attention %q, %k, %v : tensor<1x2x130x64xbf16>, tensor<1x2x130x64xbf16>, tensor<1x2x130x64xbf16> -> tensor<1x2x130x64xbf16>
  return %y : tensor<1x2x130x64xbf16>
}

func.func @causal_bf16_e128(%q: tensor<1x2x200x128xbf16>, %k: tensor<1x2x200x128xbf16>, %v: tensor<1x2x200x128xbf16>) -> tensor<1x2x200x128xbf16> {
  %y = ssm.attention %q, %k, %v causal : tensor<1x2x200x128xbf16>, tensor<1x2x200x128xbf16>, tensor<1x2x200x128xbf16> -> tensor<1x2x200x128xbf16>
  return %y : tensor<1x2x200x128xbf16>
}

func.func @causal_f16_e32_gqa(%q: tensor<2x4x77x32xf16>, %k: tensor<2x2x77x32xf16>, %v: tensor<2x2x77x32xf16>) -> tensor<2x4x77x32xf16> {
  %y = ssm.attention %q, %k, %v causal : tensor<2x4x77x32xf16>, tensor<2x2x77x32xf16>, tensor<2x2x77x32xf16> -> tensor<2x4x77x32xf16>
  return %y : tensor<2x4x77x32xf16>
}

func.func @causal_lq_lt_lk(%q: tensor<1x2x45x64xbf16>, %k: tensor<1x1x170x64xbf16>, %v: tensor<1x1x170x64xbf16>) -> tensor<1x2x45x64xbf16> {
  %y = ssm.attention %q, %k, %v causal : tensor<1x2x45x64xbf16>, tensor<1x1x170x64xbf16>, tensor<1x1x170x64xbf16> -> tensor<1x2x45x64xbf16>
  return %y : tensor<1x2x45x64xbf16>
}

func.func @causal_lq_gt_lk(%q: tensor<1x2x150x48xf16>, %k: tensor<1x2x70x48xf16>, %v: tensor<1x2x70x48xf16>) -> tensor<1x2x150x48xf16> {
  %y = ssm.attention %q, %k, %v causal : tensor<1x2x150x48xf16>, tensor<1x2x70x48xf16>, tensor<1x2x70x48xf16> -> tensor<1x2x150x48xf16>
  return %y : tensor<1x2x150x48xf16>
}

func.func @window_causal_e96(%q: tensor<1x2x140x96xbf16>, %k: tensor<1x2x140x96xbf16>, %v: tensor<1x2x140x96xbf16>) -> tensor<1x2x140x96xbf16> {
  %y = ssm.attention %q, %k, %v causal window 37 : tensor<1x2x140x96xbf16>, tensor<1x2x140x96xbf16>, tensor<1x2x140x96xbf16> -> tensor<1x2x140x96xbf16>
  return %y : tensor<1x2x140x96xbf16>
}

func.func @window_only_e80(%q: tensor<1x1x100x80xf16>, %k: tensor<1x1x100x80xf16>, %v: tensor<1x1x100x80xf16>) -> tensor<1x1x100x80xf16> {
  %y = ssm.attention %q, %k, %v window 20 : tensor<1x1x100x80xf16>, tensor<1x1x100x80xf16>, tensor<1x1x100x80xf16> -> tensor<1x1x100x80xf16>
  return %y : tensor<1x1x100x80xf16>
}

func.func @e_ne_ev(%q: tensor<1x2x66x112xbf16>, %k: tensor<1x2x99x112xbf16>, %v: tensor<1x2x99x16xbf16>) -> tensor<1x2x66x16xbf16> {
  %y = ssm.attention %q, %k, %v : tensor<1x2x66x112xbf16>, tensor<1x2x99x112xbf16>, tensor<1x2x99x16xbf16> -> tensor<1x2x66x16xbf16>
  return %y : tensor<1x2x66x16xbf16>
}

func.func @decode_mqa(%q: tensor<2x8x1x128xbf16>, %k: tensor<2x1x333x128xbf16>, %v: tensor<2x1x333x128xbf16>) -> tensor<2x8x1x128xbf16> {
  %y = ssm.attention %q, %k, %v causal : tensor<2x8x1x128xbf16>, tensor<2x1x333x128xbf16>, tensor<2x1x333x128xbf16> -> tensor<2x8x1x128xbf16>
  return %y : tensor<2x8x1x128xbf16>
}

func.func @lk1(%q: tensor<1x2x17x16xf16>, %k: tensor<1x2x1x16xf16>, %v: tensor<1x2x1x32xf16>) -> tensor<1x2x17x32xf16> {
  %y = ssm.attention %q, %k, %v : tensor<1x2x17x16xf16>, tensor<1x2x1x16xf16>, tensor<1x2x1x32xf16> -> tensor<1x2x17x32xf16>
  return %y : tensor<1x2x17x32xf16>
}

func.func @scaled_e128_ev64(%q: tensor<1x1x64x128xbf16>, %k: tensor<1x1x256x128xbf16>, %v: tensor<1x1x256x64xbf16>) -> tensor<1x1x64x64xbf16> {
  %y = ssm.attention %q, %k, %v causal scale 0.05 : tensor<1x1x64x128xbf16>, tensor<1x1x256x128xbf16>, tensor<1x1x256x64xbf16> -> tensor<1x1x64x64xbf16>
  return %y : tensor<1x1x64x64xbf16>
}

// Decoding one query against 1000 keys, 2 heads: 2 blocks of queries, so
// on the GPU the keys are split 8 ways (flash decoding; 32 steps of 32
// keys, at least 4 per split).
func.func @decode_long_keys(%q: tensor<1x2x1x64xbf16>, %k: tensor<1x1x1000x64xbf16>, %v: tensor<1x1x1000x64xbf16>) -> tensor<1x2x1x64xbf16> {
  %y = ssm.attention %q, %k, %v : tensor<1x2x1x64xbf16>, tensor<1x1x1000x64xbf16>, tensor<1x1x1000x64xbf16> -> tensor<1x2x1x64xbf16>
  return %y : tensor<1x2x1x64xbf16>
}

// Head sizes that are not multiples of 16, padded in the kernel's tiles:
// E = 72, Ev = 40 (whole 16-byte rows: the 16-byte variant), and E = Ev =
// 13 (only the element-wise one; the last output tile stored in part).
func.func @padded_bf16_e72_ev40(%q: tensor<1x2x70x72xbf16>, %k: tensor<1x2x90x72xbf16>, %v: tensor<1x2x90x40xbf16>) -> tensor<1x2x70x40xbf16> {
  %y = ssm.attention %q, %k, %v causal : tensor<1x2x70x72xbf16>, tensor<1x2x90x72xbf16>, tensor<1x2x90x40xbf16> -> tensor<1x2x70x40xbf16>
  return %y : tensor<1x2x70x40xbf16>
}

func.func @padded_f16_e13(%q: tensor<2x2x33x13xf16>, %k: tensor<2x1x50x13xf16>, %v: tensor<2x1x50x13xf16>) -> tensor<2x2x33x13xf16> {
  %y = ssm.attention %q, %k, %v window 20 : tensor<2x2x33x13xf16>, tensor<2x1x50x13xf16>, tensor<2x1x50x13xf16> -> tensor<2x2x33x13xf16>
  return %y : tensor<2x2x33x13xf16>
}

// Scales that are not positive (the kernel scales its scores before their
// maxima then, not in the exponential's fma): a negative one (causal: the
// masked steps too) and 0 (a window: each row the plain mean of the values
// it sees).
func.func @negative_scale(%q: tensor<1x2x100x64xbf16>, %k: tensor<1x2x100x64xbf16>, %v: tensor<1x2x100x64xbf16>) -> tensor<1x2x100x64xbf16> {
  %y = ssm.attention %q, %k, %v causal scale -0.3 : tensor<1x2x100x64xbf16>, tensor<1x2x100x64xbf16>, tensor<1x2x100x64xbf16> -> tensor<1x2x100x64xbf16>
  return %y : tensor<1x2x100x64xbf16>
}

func.func @zero_scale(%q: tensor<1x1x70x32xf16>, %k: tensor<1x1x70x32xf16>, %v: tensor<1x1x70x32xf16>) -> tensor<1x1x70x32xf16> {
  %y = ssm.attention %q, %k, %v window 30 scale 0.0 : tensor<1x1x70x32xf16>, tensor<1x1x70x32xf16>, tensor<1x1x70x32xf16> -> tensor<1x1x70x32xf16>
  return %y : tensor<1x1x70x32xf16>
}

// A large scale: scores spread over hundreds (in base 2), so that rows'
// maxima keep growing past the flash kernel's rescaling threshold (2^8)
// at later steps too, not only at the first (with unit-scale inputs they
// settle at once).
func.func @large_scale(%q: tensor<1x2x150x32xbf16>, %k: tensor<1x2x150x32xbf16>, %v: tensor<1x2x150x32xbf16>) -> tensor<1x2x150x32xbf16> {
  %y = ssm.attention %q, %k, %v causal scale 30.0 : tensor<1x2x150x32xbf16>, tensor<1x2x150x32xbf16>, tensor<1x2x150x32xbf16> -> tensor<1x2x150x32xbf16>
  return %y : tensor<1x2x150x32xbf16>
}
