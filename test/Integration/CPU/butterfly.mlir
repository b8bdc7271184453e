// Compiled ssm.butterfly (convert-ssm-to-linalg: one contraction per factor
// B_s on a [rows, blocks, 2, 2^s] view) against the reference evaluator on
// seeded random inputs in [-1, 1): n = 1, 2, 8, 16 and 64, rank 1, 2 and 3
// inputs, f64, and a dynamic leading dimension.
// Tolerance: ssm-run --check's default, max|compiled - reference| /
// max|reference| <= 1e-4 for f32 and 1e-10 for f64.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: ssm-run %s --entry n1 --check --random-inputs --seed 1 | FileCheck %s --check-prefix=N1
// RUN: ssm-run %s --entry n1_then_add --check --random-inputs --seed 2 | FileCheck %s --check-prefix=N1_THEN_ADD
// RUN: ssm-run %s --entry n2 --check --random-inputs --seed 3 | FileCheck %s --check-prefix=N2
// RUN: ssm-run %s --entry n2_rank1 --check --random-inputs --seed 4 | FileCheck %s --check-prefix=N2_RANK1
// RUN: ssm-run %s --entry n16 --check --random-inputs --seed 5 | FileCheck %s --check-prefix=N16
// RUN: ssm-run %s --entry n16_rank3 --check --random-inputs --seed 6 | FileCheck %s --check-prefix=N16_RANK3
// RUN: ssm-run %s --entry n8_rank1 --check --random-inputs --seed 7 | FileCheck %s --check-prefix=N8_RANK1
// RUN: ssm-run %s --entry n64 --check --random-inputs --seed 8 | FileCheck %s --check-prefix=N64
// RUN: ssm-run %s --entry f64_n16 --check --random-inputs --seed 9 | FileCheck %s --check-prefix=F64_N16
// RUN: ssm-run %s --entry f64_n2 --check --random-inputs --seed 10 | FileCheck %s --check-prefix=F64_N2
// RUN: %python -c "import numpy as np; \
// RUN:   r = np.random.default_rng(801); \
// RUN:   np.save('%t/dynamic_rows_x.npy', r.uniform(-1, 1, (6, 16)).astype(np.float32))"
// RUN: ssm-run %s --entry dynamic_rows --check \
// RUN:   --input %t/dynamic_rows_x.npy --random-inputs --seed 11 \
// RUN:   | FileCheck %s --check-prefix=DYNAMIC_ROWS
// RUN: %python -c "import numpy as np; \
// RUN:   r = np.random.default_rng(802); \
// RUN:   np.save('%t/dynamic_batch_rank3_x.npy', r.uniform(-1, 1, (2, 3, 8)).astype(np.float32))"
// RUN: ssm-run %s --entry dynamic_batch_rank3 --check \
// RUN:   --input %t/dynamic_batch_rank3_x.npy --random-inputs --seed 12 \
// RUN:   | FileCheck %s --check-prefix=DYNAMIC_BATCH_RANK3

#id1 = affine_map<(a) -> (a)>
#id2 = affine_map<(a, b) -> (a, b)>
#id3 = affine_map<(a, b, c) -> (a, b, c)>
#id4 = affine_map<(a, b, c, d) -> (a, b, c, d)>

// n = 1: no factor, the op is the identity (the function returns its
// argument).
// N1: @n1: 1 result (compiled, cpu)
// N1: check result #0: {{.*}}: ok
func.func @n1(%x: tensor<3x1xf32>, %w: tensor<0x0x2x2xf32>) -> tensor<3x1xf32> {
  %y = ssm.butterfly %x, %w : tensor<3x1xf32>, tensor<0x0x2x2xf32> -> tensor<3x1xf32>
  return %y : tensor<3x1xf32>
}

// n = 1 with its result added to x.
// N1_THEN_ADD: @n1_then_add: 1 result (compiled, cpu)
// N1_THEN_ADD: check result #0: {{.*}}: ok
func.func @n1_then_add(%x: tensor<2x3x1xf32>, %w: tensor<0x0x2x2xf32>) -> tensor<2x3x1xf32> {
  %y = ssm.butterfly %x, %w : tensor<2x3x1xf32>, tensor<0x0x2x2xf32> -> tensor<2x3x1xf32>
  %sum_init = tensor.empty() : tensor<2x3x1xf32>
  %sum = linalg.generic {indexing_maps = [#id3, #id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%y, %x : tensor<2x3x1xf32>, tensor<2x3x1xf32>) outs(%sum_init : tensor<2x3x1xf32>) {
  ^bb0(%a: f32, %b: f32, %out: f32):
    %s = arith.addf %a, %b : f32
    linalg.yield %s : f32
  } -> tensor<2x3x1xf32>
  return %sum : tensor<2x3x1xf32>
}

// n = 2: one factor, one 2 x 2 block per row.
// N2: @n2: 1 result (compiled, cpu)
// N2: check result #0: {{.*}}: ok
func.func @n2(%x: tensor<3x2xf32>, %w: tensor<1x1x2x2xf32>) -> tensor<3x2xf32> {
  %y = ssm.butterfly %x, %w : tensor<3x2xf32>, tensor<1x1x2x2xf32> -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

// n = 2, rank-1 input.
// N2_RANK1: @n2_rank1: 1 result (compiled, cpu)
// N2_RANK1: check result #0: {{.*}}: ok
func.func @n2_rank1(%x: tensor<2xf32>, %w: tensor<1x1x2x2xf32>) -> tensor<2xf32> {
  %y = ssm.butterfly %x, %w : tensor<2xf32>, tensor<1x1x2x2xf32> -> tensor<2xf32>
  return %y : tensor<2xf32>
}

// n = 16: four factors, rank-2 input [4, 16].
// N16: @n16: 1 result (compiled, cpu)
// N16: check result #0: {{.*}}: ok
func.func @n16(%x: tensor<4x16xf32>, %w: tensor<4x8x2x2xf32>) -> tensor<4x16xf32> {
  %y = ssm.butterfly %x, %w : tensor<4x16xf32>, tensor<4x8x2x2xf32> -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// n = 16, rank-3 input [2, 3, 16].
// N16_RANK3: @n16_rank3: 1 result (compiled, cpu)
// N16_RANK3: check result #0: {{.*}}: ok
func.func @n16_rank3(%x: tensor<2x3x16xf32>, %w: tensor<4x8x2x2xf32>) -> tensor<2x3x16xf32> {
  %y = ssm.butterfly %x, %w : tensor<2x3x16xf32>, tensor<4x8x2x2xf32> -> tensor<2x3x16xf32>
  return %y : tensor<2x3x16xf32>
}

// n = 8, rank-1 input.
// N8_RANK1: @n8_rank1: 1 result (compiled, cpu)
// N8_RANK1: check result #0: {{.*}}: ok
func.func @n8_rank1(%x: tensor<8xf32>, %w: tensor<3x4x2x2xf32>) -> tensor<8xf32> {
  %y = ssm.butterfly %x, %w : tensor<8xf32>, tensor<3x4x2x2xf32> -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// n = 64: six factors, 5 rows.
// N64: @n64: 1 result (compiled, cpu)
// N64: check result #0: {{.*}}: ok
func.func @n64(%x: tensor<5x64xf32>, %w: tensor<6x32x2x2xf32>) -> tensor<5x64xf32> {
  %y = ssm.butterfly %x, %w : tensor<5x64xf32>, tensor<6x32x2x2xf32> -> tensor<5x64xf32>
  return %y : tensor<5x64xf32>
}

// In f64, n = 16, rank-3 input [2, 3, 16].
// F64_N16: @f64_n16: 1 result (compiled, cpu)
// F64_N16: check result #0: {{.*}}: ok
func.func @f64_n16(%x: tensor<2x3x16xf64>, %w: tensor<4x8x2x2xf64>) -> tensor<2x3x16xf64> {
  %y = ssm.butterfly %x, %w : tensor<2x3x16xf64>, tensor<4x8x2x2xf64> -> tensor<2x3x16xf64>
  return %y : tensor<2x3x16xf64>
}

// In f64, n = 2, 7 rows.
// F64_N2: @f64_n2: 1 result (compiled, cpu)
// F64_N2: check result #0: {{.*}}: ok
func.func @f64_n2(%x: tensor<7x2xf64>, %w: tensor<1x1x2x2xf64>) -> tensor<7x2xf64> {
  %y = ssm.butterfly %x, %w : tensor<7x2xf64>, tensor<1x1x2x2xf64> -> tensor<7x2xf64>
  return %y : tensor<7x2xf64>
}

// Dynamic leading dimension (x [?, 16] = [6, 16] at run time).
// DYNAMIC_ROWS: @dynamic_rows: 1 result (compiled, cpu)
// DYNAMIC_ROWS: check result #0: {{.*}}: ok
func.func @dynamic_rows(%x: tensor<?x16xf32>, %w: tensor<4x8x2x2xf32>) -> tensor<?x16xf32> {
  %y = ssm.butterfly %x, %w : tensor<?x16xf32>, tensor<4x8x2x2xf32> -> tensor<?x16xf32>
  return %y : tensor<?x16xf32>
}

// A dynamic leading dimension of a rank-3 input (x [?, 3, 8] = [2, 3, 8] at
// run time).
// DYNAMIC_BATCH_RANK3: @dynamic_batch_rank3: 1 result (compiled, cpu)
// DYNAMIC_BATCH_RANK3: check result #0: {{.*}}: ok
func.func @dynamic_batch_rank3(%x: tensor<?x3x8xf32>, %w: tensor<3x4x2x2xf32>) -> tensor<?x3x8xf32> {
  %y = ssm.butterfly %x, %w : tensor<?x3x8xf32>, tensor<3x4x2x2xf32> -> tensor<?x3x8xf32>
  return %y : tensor<?x3x8xf32>
}

