// Compiled ssm.selective_scan with the chunked schedule (each chunk scanned
// from a zero state in parallel, the state passed between chunks, then each
// step reads out the state entering its chunk) against the reference
// evaluator on seeded random inputs in [-1, 1). A = -exp(A_raw) keeps the
// decays below 1. Covers L not a multiple of the chunk, a chunk longer than
// L, chunks of one step, L = 1, G < D, skip, gate, delta bias and softplus,
// initial and final state, and f64.
// Tolerance: ssm-run --check's default, max|compiled - reference| /
// max|reference| <= 1e-4 for f32 and 1e-10 for f64.
//
// RUN: ssm-run %s --entry uneven --check --random-inputs --seed 60 | FileCheck %s --check-prefix=UNEVEN
// RUN: ssm-run %s --entry groups --check --random-inputs --seed 61 | FileCheck %s --check-prefix=GROUPS
// RUN: ssm-run %s --entry state --check --random-inputs --seed 62 | FileCheck %s --check-prefix=STATE
// RUN: ssm-run %s --entry chunk_longer --check --random-inputs --seed 63 | FileCheck %s --check-prefix=CHUNK_LONGER
// RUN: ssm-run %s --entry chunk_one --check --random-inputs --seed 64 | FileCheck %s --check-prefix=CHUNK_ONE
// RUN: ssm-run %s --entry l1 --check --random-inputs --seed 65 | FileCheck %s --check-prefix=L1
// RUN: ssm-run %s --entry f64 --check --random-inputs --seed 66 | FileCheck %s --check-prefix=F64

#id2 = affine_map<(a, b) -> (a, b)>

// L = 13 in chunks of 4 (the last zero-padded), one group, no options.
// UNEVEN: @uneven: 1 result (compiled, cpu)
// UNEVEN: check result #0: {{.*}}: ok
func.func @uneven(%x: tensor<2x13x4xf32>, %delta: tensor<2x13x4xf32>, %A_raw: tensor<4x8xf32>, %Bm: tensor<2x13x1x8xf32>, %Cm: tensor<2x13x1x8xf32>) -> tensor<2x13x4xf32> {
  %A_init = tensor.empty() : tensor<4x8xf32>
  %A = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%A_raw : tensor<4x8xf32>) outs(%A_init : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    %n = arith.negf %e : f32
    linalg.yield %n : f32
  } -> tensor<4x8xf32>
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm {ssm.schedule = #ssm.schedule<"chunked", {chunk = 4 : i64}>}
      : (tensor<2x13x4xf32>, tensor<2x13x4xf32>, tensor<4x8xf32>, tensor<2x13x1x8xf32>, tensor<2x13x1x8xf32>) -> tensor<2x13x4xf32>
  return %y : tensor<2x13x4xf32>
}

// G = 2 < D = 6, skip, gate, delta bias and softplus (dt computed before the padding), L = 37 in chunks of 8.
// GROUPS: @groups: 1 result (compiled, cpu)
// GROUPS: check result #0: {{.*}}: ok
func.func @groups(%x: tensor<2x37x6xf32>, %delta: tensor<2x37x6xf32>, %A_raw: tensor<6x4xf32>, %Bm: tensor<2x37x2x4xf32>, %Cm: tensor<2x37x2x4xf32>, %skip: tensor<6xf32>, %z: tensor<2x37x6xf32>, %bias: tensor<6xf32>) -> tensor<2x37x6xf32> {
  %A_init = tensor.empty() : tensor<6x4xf32>
  %A = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%A_raw : tensor<6x4xf32>) outs(%A_init : tensor<6x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    %n = arith.negf %e : f32
    linalg.yield %n : f32
  } -> tensor<6x4xf32>
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm skip(%skip) gate(%z) delta_bias(%bias) delta_softplus {ssm.schedule = #ssm.schedule<"chunked", {chunk = 8 : i64}>}
      : (tensor<2x37x6xf32>, tensor<2x37x6xf32>, tensor<6x4xf32>, tensor<2x37x2x4xf32>, tensor<2x37x2x4xf32>, tensor<6xf32>, tensor<2x37x6xf32>, tensor<6xf32>) -> tensor<2x37x6xf32>
  return %y : tensor<2x37x6xf32>
}

// initial and final state, L a multiple of the chunk.
// STATE: @state: 2 results (compiled, cpu)
// STATE: check result #0: {{.*}}: ok
// STATE: check result #1: {{.*}}: ok
func.func @state(%x: tensor<2x16x4xf32>, %delta: tensor<2x16x4xf32>, %A_raw: tensor<4x4xf32>, %Bm: tensor<2x16x2x4xf32>, %Cm: tensor<2x16x2x4xf32>, %skip: tensor<4xf32>, %h0: tensor<2x4x4xf32>) -> (tensor<2x16x4xf32>, tensor<2x4x4xf32>) {
  %A_init = tensor.empty() : tensor<4x4xf32>
  %A = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%A_raw : tensor<4x4xf32>) outs(%A_init : tensor<4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    %n = arith.negf %e : f32
    linalg.yield %n : f32
  } -> tensor<4x4xf32>
  %y, %hT = ssm.selective_scan %x, %delta, %A, %Bm, %Cm skip(%skip) init(%h0) delta_softplus {ssm.schedule = #ssm.schedule<"chunked", {chunk = 4 : i64}>}
      : (tensor<2x16x4xf32>, tensor<2x16x4xf32>, tensor<4x4xf32>, tensor<2x16x2x4xf32>, tensor<2x16x2x4xf32>, tensor<4xf32>, tensor<2x4x4xf32>) -> (tensor<2x16x4xf32>, tensor<2x4x4xf32>)
  return %y, %hT : tensor<2x16x4xf32>, tensor<2x4x4xf32>
}

// a chunk longer than L.
// CHUNK_LONGER: @chunk_longer: 2 results (compiled, cpu)
// CHUNK_LONGER: check result #0: {{.*}}: ok
// CHUNK_LONGER: check result #1: {{.*}}: ok
func.func @chunk_longer(%x: tensor<1x7x3xf32>, %delta: tensor<1x7x3xf32>, %A_raw: tensor<3x3xf32>, %Bm: tensor<1x7x1x3xf32>, %Cm: tensor<1x7x1x3xf32>, %h0: tensor<1x3x3xf32>) -> (tensor<1x7x3xf32>, tensor<1x3x3xf32>) {
  %A_init = tensor.empty() : tensor<3x3xf32>
  %A = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%A_raw : tensor<3x3xf32>) outs(%A_init : tensor<3x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    %n = arith.negf %e : f32
    linalg.yield %n : f32
  } -> tensor<3x3xf32>
  %y, %hT = ssm.selective_scan %x, %delta, %A, %Bm, %Cm init(%h0) {ssm.schedule = #ssm.schedule<"chunked", {chunk = 64 : i64}>}
      : (tensor<1x7x3xf32>, tensor<1x7x3xf32>, tensor<3x3xf32>, tensor<1x7x1x3xf32>, tensor<1x7x1x3xf32>, tensor<1x3x3xf32>) -> (tensor<1x7x3xf32>, tensor<1x3x3xf32>)
  return %y, %hT : tensor<1x7x3xf32>, tensor<1x3x3xf32>
}

// chunks of one step.
// CHUNK_ONE: @chunk_one: 2 results (compiled, cpu)
// CHUNK_ONE: check result #0: {{.*}}: ok
// CHUNK_ONE: check result #1: {{.*}}: ok
func.func @chunk_one(%x: tensor<1x9x2xf32>, %delta: tensor<1x9x2xf32>, %A_raw: tensor<2x2xf32>, %Bm: tensor<1x9x2x2xf32>, %Cm: tensor<1x9x2x2xf32>, %skip: tensor<2xf32>, %z: tensor<1x9x2xf32>) -> (tensor<1x9x2xf32>, tensor<1x2x2xf32>) {
  %A_init = tensor.empty() : tensor<2x2xf32>
  %A = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%A_raw : tensor<2x2xf32>) outs(%A_init : tensor<2x2xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    %n = arith.negf %e : f32
    linalg.yield %n : f32
  } -> tensor<2x2xf32>
  %y, %hT = ssm.selective_scan %x, %delta, %A, %Bm, %Cm skip(%skip) gate(%z) delta_softplus {ssm.schedule = #ssm.schedule<"chunked", {chunk = 1 : i64}>}
      : (tensor<1x9x2xf32>, tensor<1x9x2xf32>, tensor<2x2xf32>, tensor<1x9x2x2xf32>, tensor<1x9x2x2xf32>, tensor<2xf32>, tensor<1x9x2xf32>) -> (tensor<1x9x2xf32>, tensor<1x2x2xf32>)
  return %y, %hT : tensor<1x9x2xf32>, tensor<1x2x2xf32>
}

// L = 1.
// L1: @l1: 2 results (compiled, cpu)
// L1: check result #0: {{.*}}: ok
// L1: check result #1: {{.*}}: ok
func.func @l1(%x: tensor<1x1x3xf32>, %delta: tensor<1x1x3xf32>, %A_raw: tensor<3x4xf32>, %Bm: tensor<1x1x1x4xf32>, %Cm: tensor<1x1x1x4xf32>, %bias: tensor<3xf32>, %h0: tensor<1x3x4xf32>) -> (tensor<1x1x3xf32>, tensor<1x3x4xf32>) {
  %A_init = tensor.empty() : tensor<3x4xf32>
  %A = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%A_raw : tensor<3x4xf32>) outs(%A_init : tensor<3x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    %n = arith.negf %e : f32
    linalg.yield %n : f32
  } -> tensor<3x4xf32>
  %y, %hT = ssm.selective_scan %x, %delta, %A, %Bm, %Cm delta_bias(%bias) init(%h0) delta_softplus {ssm.schedule = #ssm.schedule<"chunked", {chunk = 4 : i64}>}
      : (tensor<1x1x3xf32>, tensor<1x1x3xf32>, tensor<3x4xf32>, tensor<1x1x1x4xf32>, tensor<1x1x1x4xf32>, tensor<3xf32>, tensor<1x3x4xf32>) -> (tensor<1x1x3xf32>, tensor<1x3x4xf32>)
  return %y, %hT : tensor<1x1x3xf32>, tensor<1x3x4xf32>
}

// f64, L = 29 prime.
// F64: @f64: 2 results (compiled, cpu)
// F64: check result #0: {{.*}}: ok
// F64: check result #1: {{.*}}: ok
func.func @f64(%x: tensor<2x29x4xf64>, %delta: tensor<2x29x4xf64>, %A_raw: tensor<4x5xf64>, %Bm: tensor<2x29x2x5xf64>, %Cm: tensor<2x29x2x5xf64>, %skip: tensor<4xf64>, %z: tensor<2x29x4xf64>, %bias: tensor<4xf64>, %h0: tensor<2x4x5xf64>) -> (tensor<2x29x4xf64>, tensor<2x4x5xf64>) {
  %A_init = tensor.empty() : tensor<4x5xf64>
  %A = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%A_raw : tensor<4x5xf64>) outs(%A_init : tensor<4x5xf64>) {
  ^bb0(%in: f64, %out: f64):
    %e = math.exp %in : f64
    %n = arith.negf %e : f64
    linalg.yield %n : f64
  } -> tensor<4x5xf64>
  %y, %hT = ssm.selective_scan %x, %delta, %A, %Bm, %Cm skip(%skip) gate(%z) delta_bias(%bias) init(%h0) delta_softplus {ssm.schedule = #ssm.schedule<"chunked", {chunk = 8 : i64}>}
      : (tensor<2x29x4xf64>, tensor<2x29x4xf64>, tensor<4x5xf64>, tensor<2x29x2x5xf64>, tensor<2x29x2x5xf64>, tensor<4xf64>, tensor<2x29x4xf64>, tensor<4xf64>, tensor<2x4x5xf64>) -> (tensor<2x29x4xf64>, tensor<2x4x5xf64>)
  return %y, %hT : tensor<2x29x4xf64>, tensor<2x4x5xf64>
}
