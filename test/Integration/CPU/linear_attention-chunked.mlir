// Compiled causal ssm.linear_attention with the chunked schedule (masked
// Q x Q products within a chunk, the sums of earlier chunks passed along)
// against the reference evaluator on seeded random inputs in [-1, 1).
// Covers L not a multiple of the chunk, a chunk longer than L, chunks of one
// step, L = 1, every feature map, normalized or not, and f64.
// Tolerance: ssm-run --check's default, max|compiled - reference| /
// max|reference| <= 1e-4 for f32 and 1e-10 for f64.
//
// RUN: ssm-run %s --entry identity_uneven --check --random-inputs --seed 40 | FileCheck %s --check-prefix=IDENTITY_UNEVEN
// RUN: ssm-run %s --entry elu1_normalize --check --random-inputs --seed 41 | FileCheck %s --check-prefix=ELU1_NORMALIZE
// RUN: ssm-run %s --entry relu_chunk_one --check --random-inputs --seed 42 | FileCheck %s --check-prefix=RELU_CHUNK_ONE
// RUN: ssm-run %s --entry chunk_longer --check --random-inputs --seed 43 | FileCheck %s --check-prefix=CHUNK_LONGER
// RUN: ssm-run %s --entry taylor2 --check --random-inputs --seed 44 | FileCheck %s --check-prefix=TAYLOR2
// RUN: ssm-run %s --entry l1 --check --random-inputs --seed 45 | FileCheck %s --check-prefix=L1
// RUN: ssm-run %s --entry f64 --check --random-inputs --seed 46 | FileCheck %s --check-prefix=F64

// identity features, L = 13 in chunks of 4 (the last zero-padded).
// IDENTITY_UNEVEN: @identity_uneven: 1 result (compiled, cpu)
// IDENTITY_UNEVEN: check result #0: {{.*}}: ok
func.func @identity_uneven(%q: tensor<2x2x13x4xf32>, %k: tensor<2x2x13x4xf32>, %v: tensor<2x2x13x5xf32>) -> tensor<2x2x13x5xf32> {
  %y = ssm.linear_attention %q, %k, %v causal {ssm.schedule = #ssm.schedule<"chunked", {chunk = 4 : i64}>} : tensor<2x2x13x4xf32>, tensor<2x2x13x4xf32>, tensor<2x2x13x5xf32> -> tensor<2x2x13x5xf32>
  return %y : tensor<2x2x13x5xf32>
}

// elu+1 features, normalized, L = 37 in chunks of 8 (padded keys add nothing: phi is applied before the padding).
// ELU1_NORMALIZE: @elu1_normalize: 1 result (compiled, cpu)
// ELU1_NORMALIZE: check result #0: {{.*}}: ok
func.func @elu1_normalize(%q: tensor<1x2x37x4xf32>, %k: tensor<1x2x37x4xf32>, %v: tensor<1x2x37x4xf32>) -> tensor<1x2x37x4xf32> {
  %y = ssm.linear_attention %q, %k, %v causal normalize feature_map elu1 {ssm.schedule = #ssm.schedule<"chunked", {chunk = 8 : i64}>} : tensor<1x2x37x4xf32>, tensor<1x2x37x4xf32>, tensor<1x2x37x4xf32> -> tensor<1x2x37x4xf32>
  return %y : tensor<1x2x37x4xf32>
}

// relu features, chunks of one step.
// RELU_CHUNK_ONE: @relu_chunk_one: 1 result (compiled, cpu)
// RELU_CHUNK_ONE: check result #0: {{.*}}: ok
func.func @relu_chunk_one(%q: tensor<1x3x9x3xf32>, %k: tensor<1x3x9x3xf32>, %v: tensor<1x3x9x2xf32>) -> tensor<1x3x9x2xf32> {
  %y = ssm.linear_attention %q, %k, %v causal feature_map relu {ssm.schedule = #ssm.schedule<"chunked", {chunk = 1 : i64}>} : tensor<1x3x9x3xf32>, tensor<1x3x9x3xf32>, tensor<1x3x9x2xf32> -> tensor<1x3x9x2xf32>
  return %y : tensor<1x3x9x2xf32>
}

// a chunk longer than L.
// CHUNK_LONGER: @chunk_longer: 1 result (compiled, cpu)
// CHUNK_LONGER: check result #0: {{.*}}: ok
func.func @chunk_longer(%q: tensor<2x1x7x4xf32>, %k: tensor<2x1x7x4xf32>, %v: tensor<2x1x7x3xf32>) -> tensor<2x1x7x3xf32> {
  %y = ssm.linear_attention %q, %k, %v causal normalize feature_map elu1 {ssm.schedule = #ssm.schedule<"chunked", {chunk = 64 : i64}>} : tensor<2x1x7x4xf32>, tensor<2x1x7x4xf32>, tensor<2x1x7x3xf32> -> tensor<2x1x7x3xf32>
  return %y : tensor<2x1x7x3xf32>
}

// Taylor-2 features (F = 1 + E + E^2), normalized.
// TAYLOR2: @taylor2: 1 result (compiled, cpu)
// TAYLOR2: check result #0: {{.*}}: ok
func.func @taylor2(%q: tensor<1x2x20x3xf32>, %k: tensor<1x2x20x3xf32>, %v: tensor<1x2x20x4xf32>) -> tensor<1x2x20x4xf32> {
  %y = ssm.linear_attention %q, %k, %v causal normalize feature_map taylor2 {ssm.schedule = #ssm.schedule<"chunked", {chunk = 8 : i64}>} : tensor<1x2x20x3xf32>, tensor<1x2x20x3xf32>, tensor<1x2x20x4xf32> -> tensor<1x2x20x4xf32>
  return %y : tensor<1x2x20x4xf32>
}

// L = 1.
// L1: @l1: 1 result (compiled, cpu)
// L1: check result #0: {{.*}}: ok
func.func @l1(%q: tensor<1x2x1x4xf32>, %k: tensor<1x2x1x4xf32>, %v: tensor<1x2x1x4xf32>) -> tensor<1x2x1x4xf32> {
  %y = ssm.linear_attention %q, %k, %v causal normalize feature_map elu1 {ssm.schedule = #ssm.schedule<"chunked", {chunk = 4 : i64}>} : tensor<1x2x1x4xf32>, tensor<1x2x1x4xf32>, tensor<1x2x1x4xf32> -> tensor<1x2x1x4xf32>
  return %y : tensor<1x2x1x4xf32>
}

// f64, L = 29 prime.
// F64: @f64: 1 result (compiled, cpu)
// F64: check result #0: {{.*}}: ok
func.func @f64(%q: tensor<2x2x29x4xf64>, %k: tensor<2x2x29x4xf64>, %v: tensor<2x2x29x3xf64>) -> tensor<2x2x29x3xf64> {
  %y = ssm.linear_attention %q, %k, %v causal normalize feature_map elu1 {ssm.schedule = #ssm.schedule<"chunked", {chunk = 8 : i64}>} : tensor<2x2x29x4xf64>, tensor<2x2x29x4xf64>, tensor<2x2x29x3xf64> -> tensor<2x2x29x3xf64>
  return %y : tensor<2x2x29x3xf64>
}
