// Compiled linalg.matmul and linalg.batch_matmul (rewritten by
// --ssm-reorder-matmuls in the CPU pipeline) against the reference
// evaluator on seeded random inputs in [-1, 1): odd and prime sizes, a unit
// dimension, f64, and a dynamic row count. Tolerance: ssm-run --check's
// default (1e-4 for f32, 1e-10 for f64, normwise relative).
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: ssm-run %s --entry odd --check --random-inputs --seed 1 | FileCheck %s
// RUN: ssm-run %s --entry unit --check --random-inputs --seed 2 | FileCheck %s
// RUN: ssm-run %s --entry batched_f64 --check --random-inputs --seed 3 | FileCheck %s
// RUN: %python -c "import numpy as np; r = np.random.default_rng(5); \
// RUN:   np.save('%t/a.npy', r.uniform(-1, 1, (37, 13)).astype(np.float32)); \
// RUN:   np.save('%t/b.npy', r.uniform(-1, 1, (13, 29)).astype(np.float32))"
// RUN: ssm-run %s --entry dynamic_rows --check --input %t/a.npy --input %t/b.npy | FileCheck %s
// Arguments that do not start at a 16-byte boundary (--misalign-inputs).
// RUN: ssm-run %s --entry odd --check --random-inputs --seed 1 --misalign-inputs | FileCheck %s
// RUN: ssm-run %s --entry batched_f64 --check --random-inputs --seed 3 --misalign-inputs | FileCheck %s

// CHECK: check result #0: error {{.*}} (tolerance {{.*}}): ok
// CHECK-NOT: check result #1

func.func @odd(%a: tensor<31x17xf32>, %b: tensor<17x23xf32>) -> tensor<31x23xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<31x23xf32>
  %c = linalg.fill ins(%z : f32) outs(%e : tensor<31x23xf32>) -> tensor<31x23xf32>
  %y = linalg.matmul ins(%a, %b : tensor<31x17xf32>, tensor<17x23xf32>) outs(%c : tensor<31x23xf32>) -> tensor<31x23xf32>
  return %y : tensor<31x23xf32>
}

// Accumulates into a non-zero init; K = 1.
func.func @unit(%a: tensor<5x1xf32>, %b: tensor<1x7xf32>, %c: tensor<5x7xf32>) -> tensor<5x7xf32> {
  %y = linalg.matmul ins(%a, %b : tensor<5x1xf32>, tensor<1x7xf32>) outs(%c : tensor<5x7xf32>) -> tensor<5x7xf32>
  return %y : tensor<5x7xf32>
}

func.func @batched_f64(%a: tensor<3x11x19xf64>, %b: tensor<3x19x5xf64>) -> tensor<3x11x5xf64> {
  %z = arith.constant 0.0 : f64
  %e = tensor.empty() : tensor<3x11x5xf64>
  %c = linalg.fill ins(%z : f64) outs(%e : tensor<3x11x5xf64>) -> tensor<3x11x5xf64>
  %y = linalg.batch_matmul ins(%a, %b : tensor<3x11x19xf64>, tensor<3x19x5xf64>) outs(%c : tensor<3x11x5xf64>) -> tensor<3x11x5xf64>
  return %y : tensor<3x11x5xf64>
}

func.func @dynamic_rows(%a: tensor<?x13xf32>, %b: tensor<13x29xf32>) -> tensor<?x29xf32> {
  %z = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %m = tensor.dim %a, %c0 : tensor<?x13xf32>
  %e = tensor.empty(%m) : tensor<?x29xf32>
  %c = linalg.fill ins(%z : f32) outs(%e : tensor<?x29xf32>) -> tensor<?x29xf32>
  %y = linalg.matmul ins(%a, %b : tensor<?x13xf32>, tensor<13x29xf32>) outs(%c : tensor<?x29xf32>) -> tensor<?x29xf32>
  return %y : tensor<?x29xf32>
}
