// RUN: ssm-opt %s -split-input-file --ssm-io-report="target=sm_90" -verify-diagnostics
// RUN: ssm-opt %s -split-input-file --ssm-io-report="target=sm_90" -o - 2>/dev/null | FileCheck %s
// The IO report: schedule, modelled bytes, FLOPs, intensity and time per op.
// It changes nothing in the IR.

// Naive attention per head moves Q, K, V, O (4 N d) and S, P twice (4 N^2):
// N = 256, d = 64, f32: 4 * (4*256*64 + 4*256*256) = 1310720 bytes.
// FLOPs: 2 N^2 (2d) on matrices + 12 N^2 for softmax = 17563648.
// CHECK-LABEL: func @naive
func.func @naive(%q: tensor<1x1x256x64xf32>) -> tensor<1x1x256x64xf32> {
  // expected-remark @+1 {{io-report on sm_90: #ssm.schedule<"naive", {}>, bytes 1.311e+06, flops 1.756e+07, intensity 13.4 flop/byte}}
  %y = ssm.attention %q, %q, %q {ssm.schedule = #ssm.schedule<"naive", {}>} : tensor<1x1x256x64xf32>, tensor<1x1x256x64xf32>, tensor<1x1x256x64xf32> -> tensor<1x1x256x64xf32>
  return %y : tensor<1x1x256x64xf32>
}

// -----

// Flash with 128-row query blocks reads K, V twice: 4 * (256*128 + 2*256*128)
// = 393216 bytes, the same FLOPs.
// CHECK-LABEL: func @flash
func.func @flash(%q: tensor<1x1x256x64xf32>) -> tensor<1x1x256x64xf32> {
  // expected-remark @+1 {{io-report on sm_90: #ssm.schedule<"flash", {block_k = 64 : i64, block_q = 128 : i64}>, bytes 3.932e+05, flops 1.756e+07, intensity 44.7 flop/byte}}
  %y = ssm.attention %q, %q, %q {ssm.schedule = #ssm.schedule<"flash", {block_k = 64 : i64, block_q = 128 : i64}>} : tensor<1x1x256x64xf32>, tensor<1x1x256x64xf32>, tensor<1x1x256x64xf32> -> tensor<1x1x256x64xf32>
  return %y : tensor<1x1x256x64xf32>
}

// -----

// Without a schedule the report says which one selection would choose.
// Direct causal convolution, L = 8, Lk = 2, D = 4: taps 1 + 7*2 = 15 per
// channel, 2 * 15 * 4 = 120 FLOPs; bytes 4 * (2*8*4 + 4*2) = 288.
// CHECK-LABEL: func @selected
// CHECK: ssm.long_conv %{{.*}}, %{{.*}} : (
func.func @selected(%u: tensor<1x8x4xf32>, %k: tensor<4x2xf32>) -> tensor<1x8x4xf32> {
  // expected-remark @+1 {{io-report on sm_90: selected #ssm.schedule<"direct", {}>, bytes 288, flops 120, intensity 0.417 flop/byte}}
  %y = ssm.long_conv %u, %k : (tensor<1x8x4xf32>, tensor<4x2xf32>) -> tensor<1x8x4xf32>
  return %y : tensor<1x8x4xf32>
}

// -----

// ssm_kernel, NPLR, bilinear, D = 4, N = 8, R = 1, L = 64: per channel, in
// complex multiply-adds, M: N^2 R = 64; the elimination N^2 (2N + 1) = 1088;
// T = 8 Krylov columns T N^2 = 512; log2 T = 3 squarings 3 N^3 = 1536;
// J = 8 rows J N^2 = 512; their product J T N = 512. 8 flops each:
// 8 * 4 * 4224 = 135168. Bytes: 4 * (D L + 6 D N + D + 2 D R N) = 2064.
// CHECK-LABEL: func @ssm_kernel_nplr
func.func @ssm_kernel_nplr(%A: tensor<4x8xcomplex<f32>>, %P: tensor<4x1x8xcomplex<f32>>, %dt: tensor<4xf32>) -> tensor<4x64xf32> {
  // expected-remark @+1 {{io-report on sm_90: selected #ssm.schedule<"vandermonde", {}>, bytes 2064, flops 1.352e+05, intensity 65.5 flop/byte}}
  %k = ssm.ssm_kernel %A, %A, %A, %dt low_rank(%P) length 64 discretization bilinear : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>, tensor<4x1x8xcomplex<f32>>) -> tensor<4x64xf32>
  return %k : tensor<4x64xf32>
}
