// Compiled ssm.long_conv with the direct algorithm (convert-ssm-to-linalg: one
// linalg.generic reducing over the taps of a zero-padded, or for circular a
// doubled, input) against the reference evaluator on seeded random inputs in
// [-1, 1): Lk < L, Lk > L and Lk = L, L = 1, prime L, causal and circular, bias
// and no bias, f64, and dynamic batch, length and channel dimensions. The static
// cases pin the schedule to "direct" (without one the cost model may pick the
// FFT, which long_conv-fft.mlir covers); two cases take the default.
// Tolerance: ssm-run --check's default, max|compiled - reference| /
// max|reference| <= 1e-4 for f32 and 1e-10 for f64.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: ssm-run %s --entry short_filter --check --random-inputs --seed 1 | FileCheck %s --check-prefix=SHORT_FILTER
// RUN: ssm-run %s --entry filter_longer_than_input --check --random-inputs --seed 2 | FileCheck %s --check-prefix=FILTER_LONGER_THAN_INPUT
// RUN: ssm-run %s --entry filter_as_long_as_input --check --random-inputs --seed 3 | FileCheck %s --check-prefix=FILTER_AS_LONG_AS_INPUT
// RUN: ssm-run %s --entry bias --check --random-inputs --seed 4 | FileCheck %s --check-prefix=BIAS
// RUN: ssm-run %s --entry bias_full_filter --check --random-inputs --seed 5 | FileCheck %s --check-prefix=BIAS_FULL_FILTER
// RUN: ssm-run %s --entry l1 --check --random-inputs --seed 6 | FileCheck %s --check-prefix=L1
// RUN: ssm-run %s --entry l1_long_filter --check --random-inputs --seed 7 | FileCheck %s --check-prefix=L1_LONG_FILTER
// RUN: ssm-run %s --entry circular --check --random-inputs --seed 8 | FileCheck %s --check-prefix=CIRCULAR
// RUN: ssm-run %s --entry circular_bias --check --random-inputs --seed 9 | FileCheck %s --check-prefix=CIRCULAR_BIAS
// RUN: ssm-run %s --entry circular_l1 --check --random-inputs --seed 10 | FileCheck %s --check-prefix=CIRCULAR_L1
// RUN: ssm-run %s --entry direct_block_l --check --random-inputs --seed 11 | FileCheck %s --check-prefix=DIRECT_BLOCK_L
// RUN: ssm-run %s --entry no_schedule --check --random-inputs --seed 12 | FileCheck %s --check-prefix=NO_SCHEDULE
// RUN: ssm-run %s --entry no_schedule_circular --check --random-inputs --seed 13 | FileCheck %s --check-prefix=NO_SCHEDULE_CIRCULAR
// RUN: ssm-run %s --entry f64_causal_bias --check --random-inputs --seed 14 | FileCheck %s --check-prefix=F64_CAUSAL_BIAS
// RUN: ssm-run %s --entry f64_circular --check --random-inputs --seed 15 | FileCheck %s --check-prefix=F64_CIRCULAR
// RUN: %python -c "import numpy as np; \
// RUN:   r = np.random.default_rng(501); \
// RUN:   np.save('%t/dynamic_batch_length_u.npy', r.uniform(-1, 1, (3, 29, 3)).astype(np.float32))"
// RUN: ssm-run %s --entry dynamic_batch_length --check \
// RUN:   --input %t/dynamic_batch_length_u.npy --random-inputs --seed 16 \
// RUN:   | FileCheck %s --check-prefix=DYNAMIC_BATCH_LENGTH
// RUN: %python -c "import numpy as np; \
// RUN:   r = np.random.default_rng(502); \
// RUN:   np.save('%t/dynamic_channels_u.npy', r.uniform(-1, 1, (2, 13, 5)).astype(np.float32)); \
// RUN:   np.save('%t/dynamic_channels_k.npy', r.uniform(-1, 1, (5, 4)).astype(np.float32)); \
// RUN:   np.save('%t/dynamic_channels_bias.npy', r.uniform(-1, 1, (5,)).astype(np.float32))"
// RUN: ssm-run %s --entry dynamic_channels --check \
// RUN:   --input %t/dynamic_channels_u.npy --input %t/dynamic_channels_k.npy --input %t/dynamic_channels_bias.npy \
// RUN:   | FileCheck %s --check-prefix=DYNAMIC_CHANNELS
// RUN: %python -c "import numpy as np; \
// RUN:   r = np.random.default_rng(503); \
// RUN:   np.save('%t/dynamic_batch_circular_u.npy', r.uniform(-1, 1, (2, 13, 3)).astype(np.float32))"
// RUN: ssm-run %s --entry dynamic_batch_circular --check \
// RUN:   --input %t/dynamic_batch_circular_u.npy --random-inputs --seed 18 \
// RUN:   | FileCheck %s --check-prefix=DYNAMIC_BATCH_CIRCULAR

// Causal, Lk = 5 < L = 37, B = 2, D = 3.
// SHORT_FILTER: @short_filter: 1 result (compiled, cpu)
// SHORT_FILTER: check result #0: {{.*}}: ok
func.func @short_filter(%u: tensor<2x37x3xf32>, %k: tensor<3x5xf32>) -> tensor<2x37x3xf32> {
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"direct", {}>} : (tensor<2x37x3xf32>, tensor<3x5xf32>) -> tensor<2x37x3xf32>
  return %y : tensor<2x37x3xf32>
}

// Causal, Lk = 37 > L = 13: taps past the start read zeros.
// FILTER_LONGER_THAN_INPUT: @filter_longer_than_input: 1 result (compiled, cpu)
// FILTER_LONGER_THAN_INPUT: check result #0: {{.*}}: ok
func.func @filter_longer_than_input(%u: tensor<1x13x3xf32>, %k: tensor<3x37xf32>) -> tensor<1x13x3xf32> {
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"direct", {}>} : (tensor<1x13x3xf32>, tensor<3x37xf32>) -> tensor<1x13x3xf32>
  return %y : tensor<1x13x3xf32>
}

// Causal, Lk = L = 37 (Hyena, H3).
// FILTER_AS_LONG_AS_INPUT: @filter_as_long_as_input: 1 result (compiled, cpu)
// FILTER_AS_LONG_AS_INPUT: check result #0: {{.*}}: ok
func.func @filter_as_long_as_input(%u: tensor<1x37x4xf32>, %k: tensor<4x37xf32>) -> tensor<1x37x4xf32> {
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"direct", {}>} : (tensor<1x37x4xf32>, tensor<4x37xf32>) -> tensor<1x37x4xf32>
  return %y : tensor<1x37x4xf32>
}

// Causal, Lk = 7 < L = 13, with the skip term bias[d] u[t, d].
// BIAS: @bias: 1 result (compiled, cpu)
// BIAS: check result #0: {{.*}}: ok
func.func @bias(%u: tensor<2x13x3xf32>, %k: tensor<3x7xf32>, %bias: tensor<3xf32>) -> tensor<2x13x3xf32> {
  %y = ssm.long_conv %u, %k bias(%bias) {ssm.schedule = #ssm.schedule<"direct", {}>} : (tensor<2x13x3xf32>, tensor<3x7xf32>, tensor<3xf32>) -> tensor<2x13x3xf32>
  return %y : tensor<2x13x3xf32>
}

// Causal, Lk = L = 13, with bias.
// BIAS_FULL_FILTER: @bias_full_filter: 1 result (compiled, cpu)
// BIAS_FULL_FILTER: check result #0: {{.*}}: ok
func.func @bias_full_filter(%u: tensor<1x13x4xf32>, %k: tensor<4x13xf32>, %bias: tensor<4xf32>) -> tensor<1x13x4xf32> {
  %y = ssm.long_conv %u, %k bias(%bias) {ssm.schedule = #ssm.schedule<"direct", {}>} : (tensor<1x13x4xf32>, tensor<4x13xf32>, tensor<4xf32>) -> tensor<1x13x4xf32>
  return %y : tensor<1x13x4xf32>
}

// L = 1, Lk = 1: a per-channel scale.
// L1: @l1: 1 result (compiled, cpu)
// L1: check result #0: {{.*}}: ok
func.func @l1(%u: tensor<2x1x3xf32>, %k: tensor<3x1xf32>) -> tensor<2x1x3xf32> {
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"direct", {}>} : (tensor<2x1x3xf32>, tensor<3x1xf32>) -> tensor<2x1x3xf32>
  return %y : tensor<2x1x3xf32>
}

// L = 1, Lk = 4, with bias: only tap 0 reaches the output.
// L1_LONG_FILTER: @l1_long_filter: 1 result (compiled, cpu)
// L1_LONG_FILTER: check result #0: {{.*}}: ok
func.func @l1_long_filter(%u: tensor<1x1x3xf32>, %k: tensor<3x4xf32>, %bias: tensor<3xf32>) -> tensor<1x1x3xf32> {
  %y = ssm.long_conv %u, %k bias(%bias) {ssm.schedule = #ssm.schedule<"direct", {}>} : (tensor<1x1x3xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<1x1x3xf32>
  return %y : tensor<1x1x3xf32>
}

// Circular, L = Lk = 13: indices taken mod L.
// CIRCULAR: @circular: 1 result (compiled, cpu)
// CIRCULAR: check result #0: {{.*}}: ok
func.func @circular(%u: tensor<2x13x3xf32>, %k: tensor<3x13xf32>) -> tensor<2x13x3xf32> {
  %y = ssm.long_conv %u, %k mode circular {ssm.schedule = #ssm.schedule<"direct", {}>} : (tensor<2x13x3xf32>, tensor<3x13xf32>) -> tensor<2x13x3xf32>
  return %y : tensor<2x13x3xf32>
}

// Circular, L = Lk = 37, with bias.
// CIRCULAR_BIAS: @circular_bias: 1 result (compiled, cpu)
// CIRCULAR_BIAS: check result #0: {{.*}}: ok
func.func @circular_bias(%u: tensor<1x37x4xf32>, %k: tensor<4x37xf32>, %bias: tensor<4xf32>) -> tensor<1x37x4xf32> {
  %y = ssm.long_conv %u, %k bias(%bias) mode circular {ssm.schedule = #ssm.schedule<"direct", {}>} : (tensor<1x37x4xf32>, tensor<4x37xf32>, tensor<4xf32>) -> tensor<1x37x4xf32>
  return %y : tensor<1x37x4xf32>
}

// Circular, L = Lk = 1.
// CIRCULAR_L1: @circular_l1: 1 result (compiled, cpu)
// CIRCULAR_L1: check result #0: {{.*}}: ok
func.func @circular_l1(%u: tensor<1x1x3xf32>, %k: tensor<3x1xf32>) -> tensor<1x1x3xf32> {
  %y = ssm.long_conv %u, %k mode circular {ssm.schedule = #ssm.schedule<"direct", {}>} : (tensor<1x1x3xf32>, tensor<3x1xf32>) -> tensor<1x1x3xf32>
  return %y : tensor<1x1x3xf32>
}

// A "direct" schedule with a block_l parameter, Lk = 16 < L = 67.
// DIRECT_BLOCK_L: @direct_block_l: 1 result (compiled, cpu)
// DIRECT_BLOCK_L: check result #0: {{.*}}: ok
func.func @direct_block_l(%u: tensor<1x67x2xf32>, %k: tensor<2x16xf32>) -> tensor<1x67x2xf32> {
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"direct", {block_l = 32 : i64}>} : (tensor<1x67x2xf32>, tensor<2x16xf32>) -> tensor<1x67x2xf32>
  return %y : tensor<1x67x2xf32>
}

// No schedule: the cost model's choice for the host (static shapes), causal,
// Lk = 37 > L = 13, bias.
// NO_SCHEDULE: @no_schedule: 1 result (compiled, cpu)
// NO_SCHEDULE: check result #0: {{.*}}: ok
func.func @no_schedule(%u: tensor<2x13x3xf32>, %k: tensor<3x37xf32>, %bias: tensor<3xf32>) -> tensor<2x13x3xf32> {
  %y = ssm.long_conv %u, %k bias(%bias) : (tensor<2x13x3xf32>, tensor<3x37xf32>, tensor<3xf32>) -> tensor<2x13x3xf32>
  return %y : tensor<2x13x3xf32>
}

// No schedule, circular, L = Lk = 37.
// NO_SCHEDULE_CIRCULAR: @no_schedule_circular: 1 result (compiled, cpu)
// NO_SCHEDULE_CIRCULAR: check result #0: {{.*}}: ok
func.func @no_schedule_circular(%u: tensor<1x37x2xf32>, %k: tensor<2x37xf32>) -> tensor<1x37x2xf32> {
  %y = ssm.long_conv %u, %k mode circular : (tensor<1x37x2xf32>, tensor<2x37xf32>) -> tensor<1x37x2xf32>
  return %y : tensor<1x37x2xf32>
}

// In f64, causal, Lk = 37 > L = 13, with bias.
// F64_CAUSAL_BIAS: @f64_causal_bias: 1 result (compiled, cpu)
// F64_CAUSAL_BIAS: check result #0: {{.*}}: ok
func.func @f64_causal_bias(%u: tensor<2x13x3xf64>, %k: tensor<3x37xf64>, %bias: tensor<3xf64>) -> tensor<2x13x3xf64> {
  %y = ssm.long_conv %u, %k bias(%bias) {ssm.schedule = #ssm.schedule<"direct", {}>} : (tensor<2x13x3xf64>, tensor<3x37xf64>, tensor<3xf64>) -> tensor<2x13x3xf64>
  return %y : tensor<2x13x3xf64>
}

// In f64, circular, L = Lk = 37.
// F64_CIRCULAR: @f64_circular: 1 result (compiled, cpu)
// F64_CIRCULAR: check result #0: {{.*}}: ok
func.func @f64_circular(%u: tensor<1x37x3xf64>, %k: tensor<3x37xf64>) -> tensor<1x37x3xf64> {
  %y = ssm.long_conv %u, %k mode circular {ssm.schedule = #ssm.schedule<"direct", {}>} : (tensor<1x37x3xf64>, tensor<3x37xf64>) -> tensor<1x37x3xf64>
  return %y : tensor<1x37x3xf64>
}

// Dynamic batch and length (B = 3, L = 29 at run time), causal, static Lk = 6,
// bias.
// DYNAMIC_BATCH_LENGTH: @dynamic_batch_length: 1 result (compiled, cpu)
// DYNAMIC_BATCH_LENGTH: check result #0: {{.*}}: ok
func.func @dynamic_batch_length(%u: tensor<?x?x3xf32>, %k: tensor<3x6xf32>, %bias: tensor<3xf32>) -> tensor<?x?x3xf32> {
  %y = ssm.long_conv %u, %k bias(%bias) {ssm.schedule = #ssm.schedule<"direct", {}>} : (tensor<?x?x3xf32>, tensor<3x6xf32>, tensor<3xf32>) -> tensor<?x?x3xf32>
  return %y : tensor<?x?x3xf32>
}

// Dynamic batch and channel count (B = 2, D = 5 at run time), causal, L = 13,
// Lk = 4, bias.
// DYNAMIC_CHANNELS: @dynamic_channels: 1 result (compiled, cpu)
// DYNAMIC_CHANNELS: check result #0: {{.*}}: ok
func.func @dynamic_channels(%u: tensor<?x13x?xf32>, %k: tensor<?x4xf32>, %bias: tensor<?xf32>) -> tensor<?x13x?xf32> {
  %y = ssm.long_conv %u, %k bias(%bias) {ssm.schedule = #ssm.schedule<"direct", {}>} : (tensor<?x13x?xf32>, tensor<?x4xf32>, tensor<?xf32>) -> tensor<?x13x?xf32>
  return %y : tensor<?x13x?xf32>
}

// Dynamic batch (B = 2 at run time), circular, L = Lk = 13.
// DYNAMIC_BATCH_CIRCULAR: @dynamic_batch_circular: 1 result (compiled, cpu)
// DYNAMIC_BATCH_CIRCULAR: check result #0: {{.*}}: ok
func.func @dynamic_batch_circular(%u: tensor<?x13x3xf32>, %k: tensor<3x13xf32>) -> tensor<?x13x3xf32> {
  %y = ssm.long_conv %u, %k mode circular {ssm.schedule = #ssm.schedule<"direct", {}>} : (tensor<?x13x3xf32>, tensor<3x13xf32>) -> tensor<?x13x3xf32>
  return %y : tensor<?x13x3xf32>
}

