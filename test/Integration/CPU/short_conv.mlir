// Compiled ssm.short_conv (convert-ssm-to-linalg: one linalg.generic reducing
// over the W taps of a zero-padded input, then SiLU) against the reference
// evaluator on seeded random inputs in [-1, 1): W = 1, 3, 4 and 16 (W > L),
// L = 1, prime L, bias and SiLU alone and together, f64, and dynamic batch,
// length and channel dimensions.
// Tolerance: ssm-run --check's default, max|compiled - reference| /
// max|reference| <= 1e-4 for f32 and 1e-10 for f64.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: ssm-run %s --entry width4 --check --random-inputs --seed 1 | FileCheck %s --check-prefix=WIDTH4
// RUN: ssm-run %s --entry width4_bias_silu --check --random-inputs --seed 2 | FileCheck %s --check-prefix=WIDTH4_BIAS_SILU
// RUN: ssm-run %s --entry bias_only --check --random-inputs --seed 3 | FileCheck %s --check-prefix=BIAS_ONLY
// RUN: ssm-run %s --entry silu_only --check --random-inputs --seed 4 | FileCheck %s --check-prefix=SILU_ONLY
// RUN: ssm-run %s --entry width1 --check --random-inputs --seed 5 | FileCheck %s --check-prefix=WIDTH1
// RUN: ssm-run %s --entry width16 --check --random-inputs --seed 6 | FileCheck %s --check-prefix=WIDTH16
// RUN: ssm-run %s --entry l1 --check --random-inputs --seed 7 | FileCheck %s --check-prefix=L1
// RUN: ssm-run %s --entry f64_bias_silu --check --random-inputs --seed 8 | FileCheck %s --check-prefix=F64_BIAS_SILU
// RUN: ssm-run %s --entry f64_width16 --check --random-inputs --seed 9 | FileCheck %s --check-prefix=F64_WIDTH16
// RUN: %python -c "import numpy as np; \
// RUN:   r = np.random.default_rng(601); \
// RUN:   np.save('%t/dynamic_batch_length_u.npy', r.uniform(-1, 1, (3, 17, 4)).astype(np.float32))"
// RUN: ssm-run %s --entry dynamic_batch_length --check \
// RUN:   --input %t/dynamic_batch_length_u.npy --random-inputs --seed 10 \
// RUN:   | FileCheck %s --check-prefix=DYNAMIC_BATCH_LENGTH
// RUN: %python -c "import numpy as np; \
// RUN:   r = np.random.default_rng(602); \
// RUN:   np.save('%t/dynamic_channels_u.npy', r.uniform(-1, 1, (2, 13, 6)).astype(np.float32)); \
// RUN:   np.save('%t/dynamic_channels_w.npy', r.uniform(-1, 1, (6, 4)).astype(np.float32)); \
// RUN:   np.save('%t/dynamic_channels_bias.npy', r.uniform(-1, 1, (6,)).astype(np.float32))"
// RUN: ssm-run %s --entry dynamic_channels --check \
// RUN:   --input %t/dynamic_channels_u.npy --input %t/dynamic_channels_w.npy --input %t/dynamic_channels_bias.npy \
// RUN:   | FileCheck %s --check-prefix=DYNAMIC_CHANNELS

// W = 4, no bias, no activation, prime L = 13, B = 2.
// WIDTH4: @width4: 1 result (compiled, cpu)
// WIDTH4: check result #0: {{.*}}: ok
func.func @width4(%u: tensor<2x13x8xf32>, %w: tensor<8x4xf32>) -> tensor<2x13x8xf32> {
  %y = ssm.short_conv %u, %w : (tensor<2x13x8xf32>, tensor<8x4xf32>) -> tensor<2x13x8xf32>
  return %y : tensor<2x13x8xf32>
}

// W = 4 with bias and SiLU (Mamba's conv1d).
// WIDTH4_BIAS_SILU: @width4_bias_silu: 1 result (compiled, cpu)
// WIDTH4_BIAS_SILU: check result #0: {{.*}}: ok
func.func @width4_bias_silu(%u: tensor<2x13x8xf32>, %w: tensor<8x4xf32>, %bias: tensor<8xf32>) -> tensor<2x13x8xf32> {
  %y = ssm.short_conv %u, %w bias(%bias) activation silu : (tensor<2x13x8xf32>, tensor<8x4xf32>, tensor<8xf32>) -> tensor<2x13x8xf32>
  return %y : tensor<2x13x8xf32>
}

// W = 3 with bias, no activation.
// BIAS_ONLY: @bias_only: 1 result (compiled, cpu)
// BIAS_ONLY: check result #0: {{.*}}: ok
func.func @bias_only(%u: tensor<1x37x4xf32>, %w: tensor<4x3xf32>, %bias: tensor<4xf32>) -> tensor<1x37x4xf32> {
  %y = ssm.short_conv %u, %w bias(%bias) : (tensor<1x37x4xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<1x37x4xf32>
  return %y : tensor<1x37x4xf32>
}

// W = 3 with SiLU, no bias.
// SILU_ONLY: @silu_only: 1 result (compiled, cpu)
// SILU_ONLY: check result #0: {{.*}}: ok
func.func @silu_only(%u: tensor<1x37x4xf32>, %w: tensor<4x3xf32>) -> tensor<1x37x4xf32> {
  %y = ssm.short_conv %u, %w activation silu : (tensor<1x37x4xf32>, tensor<4x3xf32>) -> tensor<1x37x4xf32>
  return %y : tensor<1x37x4xf32>
}

// W = 1: a per-channel scale (plus bias, then SiLU).
// WIDTH1: @width1: 1 result (compiled, cpu)
// WIDTH1: check result #0: {{.*}}: ok
func.func @width1(%u: tensor<1x13x4xf32>, %w: tensor<4x1xf32>, %bias: tensor<4xf32>) -> tensor<1x13x4xf32> {
  %y = ssm.short_conv %u, %w bias(%bias) activation silu : (tensor<1x13x4xf32>, tensor<4x1xf32>, tensor<4xf32>) -> tensor<1x13x4xf32>
  return %y : tensor<1x13x4xf32>
}

// W = 16, the largest width, longer than L = 13.
// WIDTH16: @width16: 1 result (compiled, cpu)
// WIDTH16: check result #0: {{.*}}: ok
func.func @width16(%u: tensor<1x13x4xf32>, %w: tensor<4x16xf32>, %bias: tensor<4xf32>) -> tensor<1x13x4xf32> {
  %y = ssm.short_conv %u, %w bias(%bias) : (tensor<1x13x4xf32>, tensor<4x16xf32>, tensor<4xf32>) -> tensor<1x13x4xf32>
  return %y : tensor<1x13x4xf32>
}

// L = 1, W = 4, bias and SiLU: only tap 0 reads the input.
// L1: @l1: 1 result (compiled, cpu)
// L1: check result #0: {{.*}}: ok
func.func @l1(%u: tensor<2x1x4xf32>, %w: tensor<4x4xf32>, %bias: tensor<4xf32>) -> tensor<2x1x4xf32> {
  %y = ssm.short_conv %u, %w bias(%bias) activation silu : (tensor<2x1x4xf32>, tensor<4x4xf32>, tensor<4xf32>) -> tensor<2x1x4xf32>
  return %y : tensor<2x1x4xf32>
}

// In f64, W = 3, bias and SiLU, L = 37.
// F64_BIAS_SILU: @f64_bias_silu: 1 result (compiled, cpu)
// F64_BIAS_SILU: check result #0: {{.*}}: ok
func.func @f64_bias_silu(%u: tensor<2x37x4xf64>, %w: tensor<4x3xf64>, %bias: tensor<4xf64>) -> tensor<2x37x4xf64> {
  %y = ssm.short_conv %u, %w bias(%bias) activation silu : (tensor<2x37x4xf64>, tensor<4x3xf64>, tensor<4xf64>) -> tensor<2x37x4xf64>
  return %y : tensor<2x37x4xf64>
}

// In f64, W = 16, L = 67, no bias.
// F64_WIDTH16: @f64_width16: 1 result (compiled, cpu)
// F64_WIDTH16: check result #0: {{.*}}: ok
func.func @f64_width16(%u: tensor<1x67x3xf64>, %w: tensor<3x16xf64>) -> tensor<1x67x3xf64> {
  %y = ssm.short_conv %u, %w : (tensor<1x67x3xf64>, tensor<3x16xf64>) -> tensor<1x67x3xf64>
  return %y : tensor<1x67x3xf64>
}

// Dynamic batch and length (B = 3, L = 17 at run time), W = 4, bias and SiLU.
// DYNAMIC_BATCH_LENGTH: @dynamic_batch_length: 1 result (compiled, cpu)
// DYNAMIC_BATCH_LENGTH: check result #0: {{.*}}: ok
func.func @dynamic_batch_length(%u: tensor<?x?x4xf32>, %w: tensor<4x4xf32>, %bias: tensor<4xf32>) -> tensor<?x?x4xf32> {
  %y = ssm.short_conv %u, %w bias(%bias) activation silu : (tensor<?x?x4xf32>, tensor<4x4xf32>, tensor<4xf32>) -> tensor<?x?x4xf32>
  return %y : tensor<?x?x4xf32>
}

// Dynamic channel count (D = 6 at run time), W = 4, bias.
// DYNAMIC_CHANNELS: @dynamic_channels: 1 result (compiled, cpu)
// DYNAMIC_CHANNELS: check result #0: {{.*}}: ok
func.func @dynamic_channels(%u: tensor<2x13x?xf32>, %w: tensor<?x4xf32>, %bias: tensor<?xf32>) -> tensor<2x13x?xf32> {
  %y = ssm.short_conv %u, %w bias(%bias) : (tensor<2x13x?xf32>, tensor<?x4xf32>, tensor<?xf32>) -> tensor<2x13x?xf32>
  return %y : tensor<2x13x?xf32>
}

