// Compiled ssm.monarch (convert-ssm-to-linalg: two block contractions between
// reshapes of the last dimension) against the reference evaluator on seeded
// random inputs in [-1, 1): rank 1, 2 and 3 inputs, square and rectangular
// blocks, m = 1, k = 1 and n = 1, f64, and dynamic leading dimensions.
// Tolerance: ssm-run --check's default, max|compiled - reference| /
// max|reference| <= 1e-4 for f32 and 1e-10 for f64.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: ssm-run %s --entry rank1 --check --random-inputs --seed 1 | FileCheck %s --check-prefix=RANK1
// RUN: ssm-run %s --entry rank2 --check --random-inputs --seed 2 | FileCheck %s --check-prefix=RANK2
// RUN: ssm-run %s --entry rank3 --check --random-inputs --seed 3 | FileCheck %s --check-prefix=RANK3
// RUN: ssm-run %s --entry m1 --check --random-inputs --seed 4 | FileCheck %s --check-prefix=M1
// RUN: ssm-run %s --entry k1 --check --random-inputs --seed 5 | FileCheck %s --check-prefix=K1
// RUN: ssm-run %s --entry n1 --check --random-inputs --seed 6 | FileCheck %s --check-prefix=N1
// RUN: ssm-run %s --entry rank3_rect --check --random-inputs --seed 7 | FileCheck %s --check-prefix=RANK3_RECT
// RUN: ssm-run %s --entry f64_rank3 --check --random-inputs --seed 8 | FileCheck %s --check-prefix=F64_RANK3
// RUN: ssm-run %s --entry f64_rank1 --check --random-inputs --seed 9 | FileCheck %s --check-prefix=F64_RANK1
// RUN: %python -c "import numpy as np; \
// RUN:   r = np.random.default_rng(701); \
// RUN:   np.save('%t/dynamic_batch_x.npy', r.uniform(-1, 1, (2, 5, 12)).astype(np.float32))"
// RUN: ssm-run %s --entry dynamic_batch --check \
// RUN:   --input %t/dynamic_batch_x.npy --random-inputs --seed 10 \
// RUN:   | FileCheck %s --check-prefix=DYNAMIC_BATCH
// RUN: %python -c "import numpy as np; \
// RUN:   r = np.random.default_rng(702); \
// RUN:   np.save('%t/dynamic_rows_rank2_x.npy', r.uniform(-1, 1, (7, 6)).astype(np.float32))"
// RUN: ssm-run %s --entry dynamic_rows_rank2 --check \
// RUN:   --input %t/dynamic_rows_rank2_x.npy --random-inputs --seed 11 \
// RUN:   | FileCheck %s --check-prefix=DYNAMIC_ROWS_RANK2

// Rank-1 input, n = 12 = m 3 x k 4.
// RANK1: @rank1: 1 result (compiled, cpu)
// RANK1: check result #0: {{.*}}: ok
func.func @rank1(%x: tensor<12xf32>, %r: tensor<3x4x4xf32>, %l: tensor<4x3x3xf32>) -> tensor<12xf32> {
  %y = ssm.monarch %x, %r, %l : tensor<12xf32>, tensor<3x4x4xf32>, tensor<4x3x3xf32> -> tensor<12xf32>
  return %y : tensor<12xf32>
}

// Rank-2 input [5, 12], m = 4, k = 3.
// RANK2: @rank2: 1 result (compiled, cpu)
// RANK2: check result #0: {{.*}}: ok
func.func @rank2(%x: tensor<5x12xf32>, %r: tensor<4x3x3xf32>, %l: tensor<3x4x4xf32>) -> tensor<5x12xf32> {
  %y = ssm.monarch %x, %r, %l : tensor<5x12xf32>, tensor<4x3x3xf32>, tensor<3x4x4xf32> -> tensor<5x12xf32>
  return %y : tensor<5x12xf32>
}

// Rank-3 input [2, 3, 16], square blocks m = k = 4.
// RANK3: @rank3: 1 result (compiled, cpu)
// RANK3: check result #0: {{.*}}: ok
func.func @rank3(%x: tensor<2x3x16xf32>, %r: tensor<4x4x4xf32>, %l: tensor<4x4x4xf32>) -> tensor<2x3x16xf32> {
  %y = ssm.monarch %x, %r, %l : tensor<2x3x16xf32>, tensor<4x4x4xf32>, tensor<4x4x4xf32> -> tensor<2x3x16xf32>
  return %y : tensor<2x3x16xf32>
}

// m = 1: R is one dense k x k block, L a per-position scale (n = 5).
// M1: @m1: 1 result (compiled, cpu)
// M1: check result #0: {{.*}}: ok
func.func @m1(%x: tensor<3x5xf32>, %r: tensor<1x5x5xf32>, %l: tensor<5x1x1xf32>) -> tensor<3x5xf32> {
  %y = ssm.monarch %x, %r, %l : tensor<3x5xf32>, tensor<1x5x5xf32>, tensor<5x1x1xf32> -> tensor<3x5xf32>
  return %y : tensor<3x5xf32>
}

// k = 1: R a per-position scale, L one dense m x m block (n = 5).
// K1: @k1: 1 result (compiled, cpu)
// K1: check result #0: {{.*}}: ok
func.func @k1(%x: tensor<3x5xf32>, %r: tensor<5x1x1xf32>, %l: tensor<1x5x5xf32>) -> tensor<3x5xf32> {
  %y = ssm.monarch %x, %r, %l : tensor<3x5xf32>, tensor<5x1x1xf32>, tensor<1x5x5xf32> -> tensor<3x5xf32>
  return %y : tensor<3x5xf32>
}

// n = m = k = 1: a product of two scalars.
// N1: @n1: 1 result (compiled, cpu)
// N1: check result #0: {{.*}}: ok
func.func @n1(%x: tensor<4x1xf32>, %r: tensor<1x1x1xf32>, %l: tensor<1x1x1xf32>) -> tensor<4x1xf32> {
  %y = ssm.monarch %x, %r, %l : tensor<4x1xf32>, tensor<1x1x1xf32>, tensor<1x1x1xf32> -> tensor<4x1xf32>
  return %y : tensor<4x1xf32>
}

// Rank-3 input [2, 7, 6], m = 2, k = 3 (a prime number of rows).
// RANK3_RECT: @rank3_rect: 1 result (compiled, cpu)
// RANK3_RECT: check result #0: {{.*}}: ok
func.func @rank3_rect(%x: tensor<2x7x6xf32>, %r: tensor<2x3x3xf32>, %l: tensor<3x2x2xf32>) -> tensor<2x7x6xf32> {
  %y = ssm.monarch %x, %r, %l : tensor<2x7x6xf32>, tensor<2x3x3xf32>, tensor<3x2x2xf32> -> tensor<2x7x6xf32>
  return %y : tensor<2x7x6xf32>
}

// In f64, rank-3 input [2, 3, 12], m = 3, k = 4.
// F64_RANK3: @f64_rank3: 1 result (compiled, cpu)
// F64_RANK3: check result #0: {{.*}}: ok
func.func @f64_rank3(%x: tensor<2x3x12xf64>, %r: tensor<3x4x4xf64>, %l: tensor<4x3x3xf64>) -> tensor<2x3x12xf64> {
  %y = ssm.monarch %x, %r, %l : tensor<2x3x12xf64>, tensor<3x4x4xf64>, tensor<4x3x3xf64> -> tensor<2x3x12xf64>
  return %y : tensor<2x3x12xf64>
}

// In f64, rank-1 input, n = 6, m = 2, k = 3.
// F64_RANK1: @f64_rank1: 1 result (compiled, cpu)
// F64_RANK1: check result #0: {{.*}}: ok
func.func @f64_rank1(%x: tensor<6xf64>, %r: tensor<2x3x3xf64>, %l: tensor<3x2x2xf64>) -> tensor<6xf64> {
  %y = ssm.monarch %x, %r, %l : tensor<6xf64>, tensor<2x3x3xf64>, tensor<3x2x2xf64> -> tensor<6xf64>
  return %y : tensor<6xf64>
}

// A dynamic leading dimension (x [?, 5, 12] = [2, 5, 12] at run time), m = 3,
// k = 4. Two dynamic leading dimensions are a known failure (see xfail-
// dynamic-rows.mlir).
// DYNAMIC_BATCH: @dynamic_batch: 1 result (compiled, cpu)
// DYNAMIC_BATCH: check result #0: {{.*}}: ok
func.func @dynamic_batch(%x: tensor<?x5x12xf32>, %r: tensor<3x4x4xf32>, %l: tensor<4x3x3xf32>) -> tensor<?x5x12xf32> {
  %y = ssm.monarch %x, %r, %l : tensor<?x5x12xf32>, tensor<3x4x4xf32>, tensor<4x3x3xf32> -> tensor<?x5x12xf32>
  return %y : tensor<?x5x12xf32>
}

// A dynamic row count (x [?, 6] = [7, 6] at run time), m = 2, k = 3.
// DYNAMIC_ROWS_RANK2: @dynamic_rows_rank2: 1 result (compiled, cpu)
// DYNAMIC_ROWS_RANK2: check result #0: {{.*}}: ok
func.func @dynamic_rows_rank2(%x: tensor<?x6xf32>, %r: tensor<2x3x3xf32>, %l: tensor<3x2x2xf32>) -> tensor<?x6xf32> {
  %y = ssm.monarch %x, %r, %l : tensor<?x6xf32>, tensor<2x3x3xf32>, tensor<3x2x2xf32> -> tensor<?x6xf32>
  return %y : tensor<?x6xf32>
}

