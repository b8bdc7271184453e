// Reference semantics of linalg.batch_matmul: each batch is an independent
// matrix product accumulated into the init tensor.
// RUN: ssm-run %s --entry two_batches --print-results | FileCheck %s --check-prefix=TWO
// RUN: ssm-run %s --entry dots --print-results | FileCheck %s --check-prefix=DOTS

// Batch 0: [[1, 2], [3, 4]] x [[1, 0, 2], [0, 1, -1]] = [[1, 2, 0], [3, 4, 2]];
// batch 1: [[-1, 0.5], [2, -2]] x [[2, 1, 0], [4, -2, 1]] = [[0, -2, 0.5], [-4, 6, -2]].
// TWO: result #0: tensor<2x2x3xf64> shape 2x2x3
// TWO-NEXT: [1, 2, 0, 3, 4, 2, 0, -2, 0.5, -4, 6, -2]
func.func @two_batches() -> tensor<2x2x3xf64> {
  %a = arith.constant dense<[[[1.0, 2.0], [3.0, 4.0]], [[-1.0, 0.5], [2.0, -2.0]]]> : tensor<2x2x2xf64>
  %b = arith.constant dense<[[[1.0, 0.0, 2.0], [0.0, 1.0, -1.0]], [[2.0, 1.0, 0.0], [4.0, -2.0, 1.0]]]> : tensor<2x2x3xf64>
  %zero = arith.constant 0.0 : f64
  %e = tensor.empty() : tensor<2x2x3xf64>
  %c = linalg.fill ins(%zero : f64) outs(%e : tensor<2x2x3xf64>) -> tensor<2x2x3xf64>
  %y = linalg.batch_matmul ins(%a, %b : tensor<2x2x2xf64>, tensor<2x2x3xf64>) outs(%c : tensor<2x2x3xf64>) -> tensor<2x2x3xf64>
  return %y : tensor<2x2x3xf64>
}

// Three [1x3] x [3x1] dot products onto 0.25 in f32:
// 1+2+3, 0.5*(2+4+6), -3+2-1, each plus 0.25.
// DOTS: result #0: tensor<3x1x1xf32> shape 3x1x1
// DOTS-NEXT: [6.25, 6.25, -1.75]
func.func @dots() -> tensor<3x1x1xf32> {
  %a = arith.constant dense<[[[1.0, 2.0, 3.0]], [[0.5, 0.5, 0.5]], [[-1.0, 1.0, -1.0]]]> : tensor<3x1x3xf32>
  %b = arith.constant dense<[[[1.0], [1.0], [1.0]], [[2.0], [4.0], [6.0]], [[3.0], [2.0], [1.0]]]> : tensor<3x3x1xf32>
  %init = arith.constant 0.25 : f32
  %e = tensor.empty() : tensor<3x1x1xf32>
  %c = linalg.fill ins(%init : f32) outs(%e : tensor<3x1x1xf32>) -> tensor<3x1x1xf32>
  %y = linalg.batch_matmul ins(%a, %b : tensor<3x1x3xf32>, tensor<3x3x1xf32>) outs(%c : tensor<3x1x1xf32>) -> tensor<3x1x1xf32>
  return %y : tensor<3x1x1xf32>
}
