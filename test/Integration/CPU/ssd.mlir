// Compiled ssm.ssd (convert-ssm-to-linalg: an scf.for over time carrying the
// [B, H, P, N] state) against the reference evaluator on seeded random inputs
// in [-1, 1). A = -exp(A_raw) is computed in the function so each head's decay
// stays below 1. Covers L = 1, prime L, G = H and G < H, skip, initial and
// final state, dt_softplus on and off, f64, and dynamic batch, length, head dim
// and state size.
// Tolerance: ssm-run --check's default, max|compiled - reference| /
// max|reference| <= 1e-4 for f32 and 1e-10 for f64.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: ssm-run %s --entry minimal --check --random-inputs --seed 1 | FileCheck %s --check-prefix=MINIMAL
// RUN: ssm-run %s --entry groups_eq_heads --check --random-inputs --seed 2 | FileCheck %s --check-prefix=GROUPS_EQ_HEADS
// RUN: ssm-run %s --entry groups_lt_heads --check --random-inputs --seed 3 | FileCheck %s --check-prefix=GROUPS_LT_HEADS
// RUN: ssm-run %s --entry init_state --check --random-inputs --seed 4 | FileCheck %s --check-prefix=INIT_STATE
// RUN: ssm-run %s --entry init_no_softplus --check --random-inputs --seed 5 | FileCheck %s --check-prefix=INIT_NO_SOFTPLUS
// RUN: ssm-run %s --entry l1 --check --random-inputs --seed 6 | FileCheck %s --check-prefix=L1
// RUN: ssm-run %s --entry l1_init --check --random-inputs --seed 7 | FileCheck %s --check-prefix=L1_INIT
// RUN: ssm-run %s --entry long_prime --check --random-inputs --seed 8 | FileCheck %s --check-prefix=LONG_PRIME
// RUN: ssm-run %s --entry schedule_sequential --check --random-inputs --seed 9 | FileCheck %s --check-prefix=SCHEDULE_SEQUENTIAL
// RUN: ssm-run %s --entry f64_skip_init --check --random-inputs --seed 10 | FileCheck %s --check-prefix=F64_SKIP_INIT
// RUN: ssm-run %s --entry final_state --check --random-inputs --seed 11 | FileCheck %s --check-prefix=FINAL_STATE
// RUN: ssm-run %s --entry skip_init_final_state --check --random-inputs --seed 12 | FileCheck %s --check-prefix=SKIP_INIT_FINAL_STATE
// RUN: ssm-run %s --entry f64_final_state --check --random-inputs --seed 13 | FileCheck %s --check-prefix=F64_FINAL_STATE
// RUN: ssm-run %s --entry l1_final_state --check --random-inputs --seed 14 | FileCheck %s --check-prefix=L1_FINAL_STATE
// RUN: ssm-run %s --entry f64_minimal --check --random-inputs --seed 15 | FileCheck %s --check-prefix=F64_MINIMAL
// RUN: %python -c "import numpy as np; \
// RUN:   r = np.random.default_rng(401); \
// RUN:   np.save('%t/dynamic_batch_length_x.npy', r.uniform(-1, 1, (2, 23, 4, 3)).astype(np.float32)); \
// RUN:   np.save('%t/dynamic_batch_length_dt_raw.npy', r.uniform(-1, 1, (2, 23, 4)).astype(np.float32)); \
// RUN:   np.save('%t/dynamic_batch_length_A_raw.npy', r.uniform(-1, 1, (4,)).astype(np.float32)); \
// RUN:   np.save('%t/dynamic_batch_length_Bm.npy', r.uniform(-1, 1, (2, 23, 2, 4)).astype(np.float32)); \
// RUN:   np.save('%t/dynamic_batch_length_Cm.npy', r.uniform(-1, 1, (2, 23, 2, 4)).astype(np.float32)); \
// RUN:   np.save('%t/dynamic_batch_length_skip.npy', r.uniform(-1, 1, (4,)).astype(np.float32))"
// RUN: ssm-run %s --entry dynamic_batch_length --check \
// RUN:   --input %t/dynamic_batch_length_x.npy --input %t/dynamic_batch_length_dt_raw.npy --input %t/dynamic_batch_length_A_raw.npy \
// RUN:   --input %t/dynamic_batch_length_Bm.npy --input %t/dynamic_batch_length_Cm.npy --input %t/dynamic_batch_length_skip.npy \
// RUN:   | FileCheck %s --check-prefix=DYNAMIC_BATCH_LENGTH
// RUN: %python -c "import numpy as np; \
// RUN:   r = np.random.default_rng(402); \
// RUN:   np.save('%t/dynamic_state_size_x.npy', r.uniform(-1, 1, (3, 13, 4, 2)).astype(np.float32)); \
// RUN:   np.save('%t/dynamic_state_size_dt_raw.npy', r.uniform(-1, 1, (3, 13, 4)).astype(np.float32)); \
// RUN:   np.save('%t/dynamic_state_size_A_raw.npy', r.uniform(-1, 1, (4,)).astype(np.float32)); \
// RUN:   np.save('%t/dynamic_state_size_Bm.npy', r.uniform(-1, 1, (3, 13, 1, 5)).astype(np.float32)); \
// RUN:   np.save('%t/dynamic_state_size_Cm.npy', r.uniform(-1, 1, (3, 13, 1, 5)).astype(np.float32)); \
// RUN:   np.save('%t/dynamic_state_size_h0.npy', r.uniform(-1, 1, (3, 4, 2, 5)).astype(np.float32))"
// RUN: ssm-run %s --entry dynamic_state_size --check \
// RUN:   --input %t/dynamic_state_size_x.npy --input %t/dynamic_state_size_dt_raw.npy --input %t/dynamic_state_size_A_raw.npy \
// RUN:   --input %t/dynamic_state_size_Bm.npy --input %t/dynamic_state_size_Cm.npy --input %t/dynamic_state_size_h0.npy \
// RUN:   | FileCheck %s --check-prefix=DYNAMIC_STATE_SIZE

#id1 = affine_map<(a) -> (a)>
#id2 = affine_map<(a, b) -> (a, b)>
#id3 = affine_map<(a, b, c) -> (a, b, c)>
#id4 = affine_map<(a, b, c, d) -> (a, b, c, d)>

// No optional operand, no softplus (dt = (dt_raw + 1)/2 from a generic), one
// group, prime L = 13, B = 2.
// MINIMAL: @minimal: 1 result (compiled, cpu)
// MINIMAL: check result #0: {{.*}}: ok
func.func @minimal(%x: tensor<2x13x4x3xf32>, %dt_raw: tensor<2x13x4xf32>, %A_raw: tensor<4xf32>, %Bm: tensor<2x13x1x8xf32>, %Cm: tensor<2x13x1x8xf32>) -> tensor<2x13x4x3xf32> {
  %A_init = tensor.empty() : tensor<4xf32>
  %A = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%A_raw : tensor<4xf32>) outs(%A_init : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    %n = arith.negf %e : f32
    linalg.yield %n : f32
  } -> tensor<4xf32>
  %dt_init = tensor.empty() : tensor<2x13x4xf32>
  %dt = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%dt_raw : tensor<2x13x4xf32>) outs(%dt_init : tensor<2x13x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %one = arith.constant 1.0 : f32
    %half = arith.constant 0.5 : f32
    %s = arith.addf %in, %one : f32
    %h = arith.mulf %s, %half : f32
    linalg.yield %h : f32
  } -> tensor<2x13x4xf32>
  %y = ssm.ssd %x, %dt, %A, %Bm, %Cm
      : (tensor<2x13x4x3xf32>, tensor<2x13x4xf32>, tensor<4xf32>, tensor<2x13x1x8xf32>, tensor<2x13x1x8xf32>) -> tensor<2x13x4x3xf32>
  return %y : tensor<2x13x4x3xf32>
}

// G = H = 4 (each head its own B/C), dt_softplus, L = 37.
// GROUPS_EQ_HEADS: @groups_eq_heads: 1 result (compiled, cpu)
// GROUPS_EQ_HEADS: check result #0: {{.*}}: ok
func.func @groups_eq_heads(%x: tensor<1x37x4x2xf32>, %dt_raw: tensor<1x37x4xf32>, %A_raw: tensor<4xf32>, %Bm: tensor<1x37x4x4xf32>, %Cm: tensor<1x37x4x4xf32>) -> tensor<1x37x4x2xf32> {
  %A_init = tensor.empty() : tensor<4xf32>
  %A = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%A_raw : tensor<4xf32>) outs(%A_init : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    %n = arith.negf %e : f32
    linalg.yield %n : f32
  } -> tensor<4xf32>
  %y = ssm.ssd %x, %dt_raw, %A, %Bm, %Cm dt_softplus
      : (tensor<1x37x4x2xf32>, tensor<1x37x4xf32>, tensor<4xf32>, tensor<1x37x4x4xf32>, tensor<1x37x4x4xf32>) -> tensor<1x37x4x2xf32>
  return %y : tensor<1x37x4x2xf32>
}

// G = 2 < H = 6 (three heads per group) with skip.
// GROUPS_LT_HEADS: @groups_lt_heads: 1 result (compiled, cpu)
// GROUPS_LT_HEADS: check result #0: {{.*}}: ok
func.func @groups_lt_heads(%x: tensor<2x13x6x3xf32>, %dt_raw: tensor<2x13x6xf32>, %A_raw: tensor<6xf32>, %Bm: tensor<2x13x2x4xf32>, %Cm: tensor<2x13x2x4xf32>, %skip: tensor<6xf32>) -> tensor<2x13x6x3xf32> {
  %A_init = tensor.empty() : tensor<6xf32>
  %A = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%A_raw : tensor<6xf32>) outs(%A_init : tensor<6xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    %n = arith.negf %e : f32
    linalg.yield %n : f32
  } -> tensor<6xf32>
  %y = ssm.ssd %x, %dt_raw, %A, %Bm, %Cm skip(%skip) dt_softplus
      : (tensor<2x13x6x3xf32>, tensor<2x13x6xf32>, tensor<6xf32>, tensor<2x13x2x4xf32>, tensor<2x13x2x4xf32>, tensor<6xf32>) -> tensor<2x13x6x3xf32>
  return %y : tensor<2x13x6x3xf32>
}

// An initial state h0 [B, H, P, N] with skip and dt_softplus.
// INIT_STATE: @init_state: 1 result (compiled, cpu)
// INIT_STATE: check result #0: {{.*}}: ok
func.func @init_state(%x: tensor<2x13x4x3xf32>, %dt_raw: tensor<2x13x4xf32>, %A_raw: tensor<4xf32>, %Bm: tensor<2x13x2x4xf32>, %Cm: tensor<2x13x2x4xf32>, %skip: tensor<4xf32>, %h0: tensor<2x4x3x4xf32>) -> tensor<2x13x4x3xf32> {
  %A_init = tensor.empty() : tensor<4xf32>
  %A = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%A_raw : tensor<4xf32>) outs(%A_init : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    %n = arith.negf %e : f32
    linalg.yield %n : f32
  } -> tensor<4xf32>
  %y = ssm.ssd %x, %dt_raw, %A, %Bm, %Cm skip(%skip) init(%h0) dt_softplus
      : (tensor<2x13x4x3xf32>, tensor<2x13x4xf32>, tensor<4xf32>, tensor<2x13x2x4xf32>, tensor<2x13x2x4xf32>, tensor<4xf32>, tensor<2x4x3x4xf32>) -> tensor<2x13x4x3xf32>
  return %y : tensor<2x13x4x3xf32>
}

// An initial state without dt_softplus.
// INIT_NO_SOFTPLUS: @init_no_softplus: 1 result (compiled, cpu)
// INIT_NO_SOFTPLUS: check result #0: {{.*}}: ok
func.func @init_no_softplus(%x: tensor<1x13x2x4xf32>, %dt_raw: tensor<1x13x2xf32>, %A_raw: tensor<2xf32>, %Bm: tensor<1x13x1x4xf32>, %Cm: tensor<1x13x1x4xf32>, %h0: tensor<1x2x4x4xf32>) -> tensor<1x13x2x4xf32> {
  %A_init = tensor.empty() : tensor<2xf32>
  %A = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%A_raw : tensor<2xf32>) outs(%A_init : tensor<2xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    %n = arith.negf %e : f32
    linalg.yield %n : f32
  } -> tensor<2xf32>
  %dt_init = tensor.empty() : tensor<1x13x2xf32>
  %dt = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%dt_raw : tensor<1x13x2xf32>) outs(%dt_init : tensor<1x13x2xf32>) {
  ^bb0(%in: f32, %out: f32):
    %one = arith.constant 1.0 : f32
    %half = arith.constant 0.5 : f32
    %s = arith.addf %in, %one : f32
    %h = arith.mulf %s, %half : f32
    linalg.yield %h : f32
  } -> tensor<1x13x2xf32>
  %y = ssm.ssd %x, %dt, %A, %Bm, %Cm init(%h0)
      : (tensor<1x13x2x4xf32>, tensor<1x13x2xf32>, tensor<2xf32>, tensor<1x13x1x4xf32>, tensor<1x13x1x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x13x2x4xf32>
  return %y : tensor<1x13x2x4xf32>
}

// L = 1 with skip: one step from the zero state.
// L1: @l1: 1 result (compiled, cpu)
// L1: check result #0: {{.*}}: ok
func.func @l1(%x: tensor<1x1x4x3xf32>, %dt_raw: tensor<1x1x4xf32>, %A_raw: tensor<4xf32>, %Bm: tensor<1x1x1x4xf32>, %Cm: tensor<1x1x1x4xf32>, %skip: tensor<4xf32>) -> tensor<1x1x4x3xf32> {
  %A_init = tensor.empty() : tensor<4xf32>
  %A = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%A_raw : tensor<4xf32>) outs(%A_init : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    %n = arith.negf %e : f32
    linalg.yield %n : f32
  } -> tensor<4xf32>
  %y = ssm.ssd %x, %dt_raw, %A, %Bm, %Cm skip(%skip) dt_softplus
      : (tensor<1x1x4x3xf32>, tensor<1x1x4xf32>, tensor<4xf32>, tensor<1x1x1x4xf32>, tensor<1x1x1x4xf32>, tensor<4xf32>) -> tensor<1x1x4x3xf32>
  return %y : tensor<1x1x4x3xf32>
}

// L = 1 from an initial state, B = 2.
// L1_INIT: @l1_init: 1 result (compiled, cpu)
// L1_INIT: check result #0: {{.*}}: ok
func.func @l1_init(%x: tensor<2x1x4x3xf32>, %dt_raw: tensor<2x1x4xf32>, %A_raw: tensor<4xf32>, %Bm: tensor<2x1x2x4xf32>, %Cm: tensor<2x1x2x4xf32>, %h0: tensor<2x4x3x4xf32>) -> tensor<2x1x4x3xf32> {
  %A_init = tensor.empty() : tensor<4xf32>
  %A = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%A_raw : tensor<4xf32>) outs(%A_init : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    %n = arith.negf %e : f32
    linalg.yield %n : f32
  } -> tensor<4xf32>
  %y = ssm.ssd %x, %dt_raw, %A, %Bm, %Cm init(%h0) dt_softplus
      : (tensor<2x1x4x3xf32>, tensor<2x1x4xf32>, tensor<4xf32>, tensor<2x1x2x4xf32>, tensor<2x1x2x4xf32>, tensor<2x4x3x4xf32>) -> tensor<2x1x4x3xf32>
  return %y : tensor<2x1x4x3xf32>
}

// Prime L = 67, N = 16, P = 8.
// LONG_PRIME: @long_prime: 1 result (compiled, cpu)
// LONG_PRIME: check result #0: {{.*}}: ok
func.func @long_prime(%x: tensor<1x67x2x8xf32>, %dt_raw: tensor<1x67x2xf32>, %A_raw: tensor<2xf32>, %Bm: tensor<1x67x1x16xf32>, %Cm: tensor<1x67x1x16xf32>, %skip: tensor<2xf32>) -> tensor<1x67x2x8xf32> {
  %A_init = tensor.empty() : tensor<2xf32>
  %A = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%A_raw : tensor<2xf32>) outs(%A_init : tensor<2xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    %n = arith.negf %e : f32
    linalg.yield %n : f32
  } -> tensor<2xf32>
  %y = ssm.ssd %x, %dt_raw, %A, %Bm, %Cm skip(%skip) dt_softplus
      : (tensor<1x67x2x8xf32>, tensor<1x67x2xf32>, tensor<2xf32>, tensor<1x67x1x16xf32>, tensor<1x67x1x16xf32>, tensor<2xf32>) -> tensor<1x67x2x8xf32>
  return %y : tensor<1x67x2x8xf32>
}

// A hand-written "sequential" schedule.
// SCHEDULE_SEQUENTIAL: @schedule_sequential: 1 result (compiled, cpu)
// SCHEDULE_SEQUENTIAL: check result #0: {{.*}}: ok
func.func @schedule_sequential(%x: tensor<1x13x4x2xf32>, %dt_raw: tensor<1x13x4xf32>, %A_raw: tensor<4xf32>, %Bm: tensor<1x13x1x4xf32>, %Cm: tensor<1x13x1x4xf32>, %skip: tensor<4xf32>) -> tensor<1x13x4x2xf32> {
  %A_init = tensor.empty() : tensor<4xf32>
  %A = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%A_raw : tensor<4xf32>) outs(%A_init : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    %n = arith.negf %e : f32
    linalg.yield %n : f32
  } -> tensor<4xf32>
  %y = ssm.ssd %x, %dt_raw, %A, %Bm, %Cm skip(%skip) dt_softplus {ssm.schedule = #ssm.schedule<"sequential", {block_d = 2 : i64}>}
      : (tensor<1x13x4x2xf32>, tensor<1x13x4xf32>, tensor<4xf32>, tensor<1x13x1x4xf32>, tensor<1x13x1x4xf32>, tensor<4xf32>) -> tensor<1x13x4x2xf32>
  return %y : tensor<1x13x4x2xf32>
}

// In f64, skip and initial state, G = 2 < H = 4, L = 37.
// F64_SKIP_INIT: @f64_skip_init: 1 result (compiled, cpu)
// F64_SKIP_INIT: check result #0: {{.*}}: ok
func.func @f64_skip_init(%x: tensor<2x37x4x3xf64>, %dt_raw: tensor<2x37x4xf64>, %A_raw: tensor<4xf64>, %Bm: tensor<2x37x2x4xf64>, %Cm: tensor<2x37x2x4xf64>, %skip: tensor<4xf64>, %h0: tensor<2x4x3x4xf64>) -> tensor<2x37x4x3xf64> {
  %A_init = tensor.empty() : tensor<4xf64>
  %A = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%A_raw : tensor<4xf64>) outs(%A_init : tensor<4xf64>) {
  ^bb0(%in: f64, %out: f64):
    %e = math.exp %in : f64
    %n = arith.negf %e : f64
    linalg.yield %n : f64
  } -> tensor<4xf64>
  %y = ssm.ssd %x, %dt_raw, %A, %Bm, %Cm skip(%skip) init(%h0) dt_softplus
      : (tensor<2x37x4x3xf64>, tensor<2x37x4xf64>, tensor<4xf64>, tensor<2x37x2x4xf64>, tensor<2x37x2x4xf64>, tensor<4xf64>, tensor<2x4x3x4xf64>) -> tensor<2x37x4x3xf64>
  return %y : tensor<2x37x4x3xf64>
}

// The final state hT [B, H, P, N] as a second result, from the zero state.
// FINAL_STATE: @final_state: 2 results (compiled, cpu)
// FINAL_STATE: check result #0: {{.*}}: ok
// FINAL_STATE: check result #1: {{.*}}: ok
func.func @final_state(%x: tensor<2x13x4x3xf32>, %dt_raw: tensor<2x13x4xf32>, %A_raw: tensor<4xf32>, %Bm: tensor<2x13x2x4xf32>, %Cm: tensor<2x13x2x4xf32>) -> (tensor<2x13x4x3xf32>, tensor<2x4x3x4xf32>) {
  %A_init = tensor.empty() : tensor<4xf32>
  %A = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%A_raw : tensor<4xf32>) outs(%A_init : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    %n = arith.negf %e : f32
    linalg.yield %n : f32
  } -> tensor<4xf32>
  %y, %hT = ssm.ssd %x, %dt_raw, %A, %Bm, %Cm dt_softplus
      : (tensor<2x13x4x3xf32>, tensor<2x13x4xf32>, tensor<4xf32>, tensor<2x13x2x4xf32>, tensor<2x13x2x4xf32>) -> (tensor<2x13x4x3xf32>, tensor<2x4x3x4xf32>)
  return %y, %hT : tensor<2x13x4x3xf32>, tensor<2x4x3x4xf32>
}

// Skip, an initial state, dt_softplus and the final state.
// SKIP_INIT_FINAL_STATE: @skip_init_final_state: 2 results (compiled, cpu)
// SKIP_INIT_FINAL_STATE: check result #0: {{.*}}: ok
// SKIP_INIT_FINAL_STATE: check result #1: {{.*}}: ok
func.func @skip_init_final_state(%x: tensor<2x13x4x3xf32>, %dt_raw: tensor<2x13x4xf32>, %A_raw: tensor<4xf32>, %Bm: tensor<2x13x2x4xf32>, %Cm: tensor<2x13x2x4xf32>, %skip: tensor<4xf32>, %h0: tensor<2x4x3x4xf32>) -> (tensor<2x13x4x3xf32>, tensor<2x4x3x4xf32>) {
  %A_init = tensor.empty() : tensor<4xf32>
  %A = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%A_raw : tensor<4xf32>) outs(%A_init : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    %n = arith.negf %e : f32
    linalg.yield %n : f32
  } -> tensor<4xf32>
  %y, %hT = ssm.ssd %x, %dt_raw, %A, %Bm, %Cm skip(%skip) init(%h0) dt_softplus
      : (tensor<2x13x4x3xf32>, tensor<2x13x4xf32>, tensor<4xf32>, tensor<2x13x2x4xf32>, tensor<2x13x2x4xf32>, tensor<4xf32>, tensor<2x4x3x4xf32>) -> (tensor<2x13x4x3xf32>, tensor<2x4x3x4xf32>)
  return %y, %hT : tensor<2x13x4x3xf32>, tensor<2x4x3x4xf32>
}

// In f64, the final state from the zero state, L = 37.
// F64_FINAL_STATE: @f64_final_state: 2 results (compiled, cpu)
// F64_FINAL_STATE: check result #0: {{.*}}: ok
// F64_FINAL_STATE: check result #1: {{.*}}: ok
func.func @f64_final_state(%x: tensor<1x37x2x3xf64>, %dt_raw: tensor<1x37x2xf64>, %A_raw: tensor<2xf64>, %Bm: tensor<1x37x1x4xf64>, %Cm: tensor<1x37x1x4xf64>) -> (tensor<1x37x2x3xf64>, tensor<1x2x3x4xf64>) {
  %A_init = tensor.empty() : tensor<2xf64>
  %A = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%A_raw : tensor<2xf64>) outs(%A_init : tensor<2xf64>) {
  ^bb0(%in: f64, %out: f64):
    %e = math.exp %in : f64
    %n = arith.negf %e : f64
    linalg.yield %n : f64
  } -> tensor<2xf64>
  %y, %hT = ssm.ssd %x, %dt_raw, %A, %Bm, %Cm dt_softplus
      : (tensor<1x37x2x3xf64>, tensor<1x37x2xf64>, tensor<2xf64>, tensor<1x37x1x4xf64>, tensor<1x37x1x4xf64>) -> (tensor<1x37x2x3xf64>, tensor<1x2x3x4xf64>)
  return %y, %hT : tensor<1x37x2x3xf64>, tensor<1x2x3x4xf64>
}

// L = 1 with skip and the final state (the one-step loop folds away).
// L1_FINAL_STATE: @l1_final_state: 2 results (compiled, cpu)
// L1_FINAL_STATE: check result #0: {{.*}}: ok
// L1_FINAL_STATE: check result #1: {{.*}}: ok
func.func @l1_final_state(%x: tensor<2x1x2x3xf32>, %dt_raw: tensor<2x1x2xf32>, %A_raw: tensor<2xf32>, %Bm: tensor<2x1x1x4xf32>, %Cm: tensor<2x1x1x4xf32>, %skip: tensor<2xf32>) -> (tensor<2x1x2x3xf32>, tensor<2x2x3x4xf32>) {
  %A_init = tensor.empty() : tensor<2xf32>
  %A = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%A_raw : tensor<2xf32>) outs(%A_init : tensor<2xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    %n = arith.negf %e : f32
    linalg.yield %n : f32
  } -> tensor<2xf32>
  %y, %hT = ssm.ssd %x, %dt_raw, %A, %Bm, %Cm skip(%skip) dt_softplus
      : (tensor<2x1x2x3xf32>, tensor<2x1x2xf32>, tensor<2xf32>, tensor<2x1x1x4xf32>, tensor<2x1x1x4xf32>, tensor<2xf32>) -> (tensor<2x1x2x3xf32>, tensor<2x2x3x4xf32>)
  return %y, %hT : tensor<2x1x2x3xf32>, tensor<2x2x3x4xf32>
}

// In f64, no optional operand, no softplus.
// F64_MINIMAL: @f64_minimal: 1 result (compiled, cpu)
// F64_MINIMAL: check result #0: {{.*}}: ok
func.func @f64_minimal(%x: tensor<1x13x2x3xf64>, %dt_raw: tensor<1x13x2xf64>, %A_raw: tensor<2xf64>, %Bm: tensor<1x13x1x4xf64>, %Cm: tensor<1x13x1x4xf64>) -> tensor<1x13x2x3xf64> {
  %A_init = tensor.empty() : tensor<2xf64>
  %A = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%A_raw : tensor<2xf64>) outs(%A_init : tensor<2xf64>) {
  ^bb0(%in: f64, %out: f64):
    %e = math.exp %in : f64
    %n = arith.negf %e : f64
    linalg.yield %n : f64
  } -> tensor<2xf64>
  %dt_init = tensor.empty() : tensor<1x13x2xf64>
  %dt = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%dt_raw : tensor<1x13x2xf64>) outs(%dt_init : tensor<1x13x2xf64>) {
  ^bb0(%in: f64, %out: f64):
    %one = arith.constant 1.0 : f64
    %half = arith.constant 0.5 : f64
    %s = arith.addf %in, %one : f64
    %h = arith.mulf %s, %half : f64
    linalg.yield %h : f64
  } -> tensor<1x13x2xf64>
  %y = ssm.ssd %x, %dt, %A, %Bm, %Cm
      : (tensor<1x13x2x3xf64>, tensor<1x13x2xf64>, tensor<2xf64>, tensor<1x13x1x4xf64>, tensor<1x13x1x4xf64>) -> tensor<1x13x2x3xf64>
  return %y : tensor<1x13x2x3xf64>
}

// Dynamic batch and length (B = 2, L = 23 at run time) with skip; inputs from
// .npy files.
// DYNAMIC_BATCH_LENGTH: @dynamic_batch_length: 1 result (compiled, cpu)
// DYNAMIC_BATCH_LENGTH: check result #0: {{.*}}: ok
func.func @dynamic_batch_length(%x: tensor<?x?x4x3xf32>, %dt_raw: tensor<?x?x4xf32>, %A_raw: tensor<4xf32>, %Bm: tensor<?x?x2x4xf32>, %Cm: tensor<?x?x2x4xf32>, %skip: tensor<4xf32>) -> tensor<?x?x4x3xf32> {
  %A_init = tensor.empty() : tensor<4xf32>
  %A = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%A_raw : tensor<4xf32>) outs(%A_init : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    %n = arith.negf %e : f32
    linalg.yield %n : f32
  } -> tensor<4xf32>
  %y = ssm.ssd %x, %dt_raw, %A, %Bm, %Cm skip(%skip) dt_softplus
      : (tensor<?x?x4x3xf32>, tensor<?x?x4xf32>, tensor<4xf32>, tensor<?x?x2x4xf32>, tensor<?x?x2x4xf32>, tensor<4xf32>) -> tensor<?x?x4x3xf32>
  return %y : tensor<?x?x4x3xf32>
}

// Dynamic batch, head dim P and state size N (B = 3, P = 2, N = 5 at run time)
// with an initial state.
// DYNAMIC_STATE_SIZE: @dynamic_state_size: 1 result (compiled, cpu)
// DYNAMIC_STATE_SIZE: check result #0: {{.*}}: ok
func.func @dynamic_state_size(%x: tensor<?x13x4x?xf32>, %dt_raw: tensor<?x13x4xf32>, %A_raw: tensor<4xf32>, %Bm: tensor<?x13x1x?xf32>, %Cm: tensor<?x13x1x?xf32>, %h0: tensor<?x4x?x?xf32>) -> tensor<?x13x4x?xf32> {
  %A_init = tensor.empty() : tensor<4xf32>
  %A = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%A_raw : tensor<4xf32>) outs(%A_init : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    %n = arith.negf %e : f32
    linalg.yield %n : f32
  } -> tensor<4xf32>
  %y = ssm.ssd %x, %dt_raw, %A, %Bm, %Cm init(%h0) dt_softplus
      : (tensor<?x13x4x?xf32>, tensor<?x13x4xf32>, tensor<4xf32>, tensor<?x13x1x?xf32>, tensor<?x13x1x?xf32>, tensor<?x4x?x?xf32>) -> tensor<?x13x4x?xf32>
  return %y : tensor<?x13x4x?xf32>
}

