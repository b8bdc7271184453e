// The FFT long convolution as ssm-fused-long-conv's kernels (a block per
// row, the row in shared memory, where it fits; the four steps otherwise)
// built in their host form: the CUDA pipeline's choice for sm_90,
// compiled for the host by the CPU pipeline (ssm-expand-fused-kernels
// {on-host}: each phase a loop over its items), on the same inputs as the
// reference evaluator, at ssm-run --check's tolerances. Transform lengths
// from 2 to 8192 with odd and even stage counts (a radix-2 stage left over
// or not), causal with filters shorter than, as long as and longer than L,
// circular, a skip term, a prime L, f32, f16, bf16, and a dynamic batch. A
// row of 32768 points does not fit a block: it takes the four-step kernels
// (64-point columns, 512-point rows); forcing rows of 64 points
// (split=64) puts the functions with n >= 128 through them (circular ones
// fold lin[t + L] onto y[t] in a fifth kernel), and a
// scratch of 24 KB takes their rows in chunks (3 of n = 1024's 10 rows,
// 6 of n = 512's 16, one of n = 32768's).
// RUN: rm -rf %t && mkdir -p %t
// RUN: ssm-opt %s --ssm-fused-long-conv=chip=sm_90 -o %t/fused.mlir
// RUN: FileCheck %s --check-prefix=FUSED < %t/fused.mlir
// RUN: %python -c "import numpy as np; \
// RUN:   r = np.random.default_rng(901); \
// RUN:   np.save('%t/u.npy', r.uniform(-1, 1, (3, 50, 4)).astype(np.float32)); \
// RUN:   np.save('%t/k.npy', r.uniform(-1, 1, (4, 50)).astype(np.float32))"
// RUN: %python %S/Inputs/compare_lowered.py ssm-run %s %t/fused.mlir %t --seed 5 \
// RUN:   causal_bias short_filter long_filter circular one long_row \
// RUN:   causal_bf16 circular_f16 dynamic_batch=%t/u.npy,%t/k.npy four_step circular_four_step prime_length | FileCheck %s
// RUN: ssm-opt %s --ssm-fused-long-conv="chip=sm_90 split=64 scratch-bytes=24576" -o %t/split.mlir
// RUN: FileCheck %s --check-prefix=SPLIT < %t/split.mlir
// RUN: %python %S/Inputs/compare_lowered.py ssm-run %s %t/split.mlir %t --seed 6 \
// RUN:   causal_bias short_filter circular causal_bf16 circular_f16 long_row dynamic_batch=%t/u.npy,%t/k.npy four_step \
// RUN:   | FileCheck %s --check-prefix=SPLIT_RUN
// The GPU form of the same module assembles (see Target/CUDA for ptxas).
// RUN: ssm-opt %t/fused.mlir --ssm-expand-fused-kernels | FileCheck %s --check-prefix=GPU

// FUSED-COUNT-12: call @ssm_fused_kernel
// FUSED-NOT:      ssm.long_conv %
// FUSED:          length = 32768 : i64, split = 512 : i64
// FUSED:          circular = true, length = 32768 : i64, split = 512 : i64
// GPU-COUNT-18:   gpu.dynamic_shared_memory
// CHECK-COUNT-12: {{^[a-z0-9_]+}} ok
// CHECK-NOT:      MISMATCH
// SPLIT:           chunk = 3 : i64, {{.*}} length = 1024 : i64, split = 64 : i64
// SPLIT:           chunk = 24 : i64, circular = true, length = 128 : i64, split = 64 : i64
// SPLIT:           chunk = 6 : i64, {{.*}} length = 512 : i64, split = 64 : i64
// SPLIT:           chunk = 24 : i64, circular = true, length = 128 : i64, split = 64 : i64
// SPLIT:           chunk = 1 : i64, {{.*}} length = 32768 : i64, split = 64 : i64
// SPLIT_RUN-COUNT-8: {{^[a-z0-9_]+}} ok
// SPLIT_RUN-NOT:     MISMATCH

// n = 1024 (5 radix-4 stages each way).
func.func @causal_bias(%u: tensor<2x300x5xf32>, %k: tensor<5x300xf32>, %b: tensor<5xf32>) -> tensor<2x300x5xf32> {
  %y = ssm.long_conv %u, %k bias(%b) {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<2x300x5xf32>, tensor<5x300xf32>, tensor<5xf32>) -> tensor<2x300x5xf32>
  return %y : tensor<2x300x5xf32>
}
// n = 128 (3 radix-4 stages and a radix-2 one).
func.func @short_filter(%u: tensor<1x100x3xf32>, %k: tensor<3x7xf32>) -> tensor<1x100x3xf32> {
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<1x100x3xf32>, tensor<3x7xf32>) -> tensor<1x100x3xf32>
  return %y : tensor<1x100x3xf32>
}
// Only the first L taps reach an output: n = 32.
func.func @long_filter(%u: tensor<2x9x2xf32>, %k: tensor<2x40xf32>) -> tensor<2x9x2xf32> {
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<2x9x2xf32>, tensor<2x40xf32>) -> tensor<2x9x2xf32>
  return %y : tensor<2x9x2xf32>
}
// y[t] = lin[t] + lin[t + L]: n = 128 >= 2L.
func.func @circular(%u: tensor<2x48x3xf32>, %k: tensor<3x48xf32>, %b: tensor<3xf32>) -> tensor<2x48x3xf32> {
  %y = ssm.long_conv %u, %k bias(%b) mode circular {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<2x48x3xf32>, tensor<3x48xf32>, tensor<3xf32>) -> tensor<2x48x3xf32>
  return %y : tensor<2x48x3xf32>
}
// n = 2: one radix-2 stage each way, one pair of self-partnered positions.
func.func @one(%u: tensor<3x1x2xf32>, %k: tensor<2x1xf32>) -> tensor<3x1x2xf32> {
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<3x1x2xf32>, tensor<2x1xf32>) -> tensor<3x1x2xf32>
  return %y : tensor<3x1x2xf32>
}
// n = 8192, the largest row that fits sm_80's and sm_90's blocks at L = Lk.
func.func @long_row(%u: tensor<1x4096x2xf32>, %k: tensor<2x4096xf32>) -> tensor<1x4096x2xf32> {
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<1x4096x2xf32>, tensor<2x4096xf32>) -> tensor<1x4096x2xf32>
  return %y : tensor<1x4096x2xf32>
}
func.func @causal_bf16(%u: tensor<2x256x8xbf16>, %k: tensor<8x256xbf16>, %b: tensor<8xbf16>) -> tensor<2x256x8xbf16> {
  %y = ssm.long_conv %u, %k bias(%b) {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<2x256x8xbf16>, tensor<8x256xbf16>, tensor<8xbf16>) -> tensor<2x256x8xbf16>
  return %y : tensor<2x256x8xbf16>
}
func.func @circular_f16(%u: tensor<1x64x4xf16>, %k: tensor<4x64xf16>) -> tensor<1x64x4xf16> {
  %y = ssm.long_conv %u, %k mode circular {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<1x64x4xf16>, tensor<4x64xf16>) -> tensor<1x64x4xf16>
  return %y : tensor<1x64x4xf16>
}
// A batch known at run time (3); the linalg lowering needs it static.
func.func @dynamic_batch(%u: tensor<?x50x4xf32>, %k: tensor<4x50xf32>) -> tensor<?x50x4xf32> {
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<?x50x4xf32>, tensor<4x50xf32>) -> tensor<?x50x4xf32>
  return %y : tensor<?x50x4xf32>
}
// n = 32768: four-step kernels (the filter shorter than the signal).
func.func @four_step(%u: tensor<1x16384x2xf32>, %k: tensor<2x1000xf32>) -> tensor<1x16384x2xf32> {
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<1x16384x2xf32>, tensor<2x1000xf32>) -> tensor<1x16384x2xf32>
  return %y : tensor<1x16384x2xf32>
}
// Circular with an odd length: n = 32768 (2L - 1 = 16385), four steps and
// the fold of lin[t + L] onto y[t].
func.func @circular_four_step(%u: tensor<1x8193x1xf32>, %k: tensor<1x8193xf32>) -> tensor<1x8193x1xf32> {
  %y = ssm.long_conv %u, %k mode circular {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<1x8193x1xf32>, tensor<1x8193xf32>) -> tensor<1x8193x1xf32>
  return %y : tensor<1x8193x1xf32>
}
// A prime length (L = Lk = 101: n = 256) with a skip term.
func.func @prime_length(%u: tensor<2x101x3xf32>, %k: tensor<3x101xf32>, %b: tensor<3xf32>) -> tensor<2x101x3xf32> {
  %y = ssm.long_conv %u, %k bias(%b) {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<2x101x3xf32>, tensor<3x101xf32>, tensor<3xf32>) -> tensor<2x101x3xf32>
  return %y : tensor<2x101x3xf32>
}
