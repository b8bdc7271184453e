// Reference semantics of linalg.matmul (evaluated from its indexing maps and
// scalar body): non-square products into linalg.fill'ed accumulators, a
// transposed operand through explicit indexing_maps, and mixed precision.
// RUN: ssm-run %s --entry zero_init --print-results | FileCheck %s --check-prefix=ZERO
// RUN: ssm-run %s --entry accumulate --print-results | FileCheck %s --check-prefix=ACC
// RUN: ssm-run %s --entry transposed_b --print-results | FileCheck %s --check-prefix=TRANS
// RUN: ssm-run %s --entry mixed_precision --print-results | FileCheck %s --check-prefix=MIXED

// [2x3] x [3x4] into a zero fill: row 0 of A = (1, 2, 3) gives
// (1 + 1 + 6, 0 + 2 - 6, -1 + 0 + 3, 2 - 2 + 0.75) = (8, -4, 2, 0.75).
// ZERO: result #0: tensor<2x4xf64> shape 2x4
// ZERO-NEXT: [8, -4, 2, 0.75, 18.5, -7, 2, 4.5]
func.func @zero_init() -> tensor<2x4xf64> {
  %a = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf64>
  %b = arith.constant dense<[[1.0, 0.0, -1.0, 2.0], [0.5, 1.0, 0.0, -1.0], [2.0, -2.0, 1.0, 0.25]]> : tensor<3x4xf64>
  %zero = arith.constant 0.0 : f64
  %e = tensor.empty() : tensor<2x4xf64>
  %c = linalg.fill ins(%zero : f64) outs(%e : tensor<2x4xf64>) -> tensor<2x4xf64>
  %y = linalg.matmul ins(%a, %b : tensor<2x3xf64>, tensor<3x4xf64>) outs(%c : tensor<2x4xf64>) -> tensor<2x4xf64>
  return %y : tensor<2x4xf64>
}

// The same product accumulated onto a fill of 1.5: every entry is 1.5 more.
// ACC: result #0: tensor<2x4xf64> shape 2x4
// ACC-NEXT: [9.5, -2.5, 3.5, 2.25, 20, -5.5, 3.5, 6]
func.func @accumulate() -> tensor<2x4xf64> {
  %a = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf64>
  %b = arith.constant dense<[[1.0, 0.0, -1.0, 2.0], [0.5, 1.0, 0.0, -1.0], [2.0, -2.0, 1.0, 0.25]]> : tensor<3x4xf64>
  %init = arith.constant 1.5 : f64
  %e = tensor.empty() : tensor<2x4xf64>
  %c = linalg.fill ins(%init : f64) outs(%e : tensor<2x4xf64>) -> tensor<2x4xf64>
  %y = linalg.matmul ins(%a, %b : tensor<2x3xf64>, tensor<3x4xf64>) outs(%c : tensor<2x4xf64>) -> tensor<2x4xf64>
  return %y : tensor<2x4xf64>
}

// C[m, n] = sum_k A[m, k] Bt[n, k] (B stored transposed, as a Linear layer's
// weight [out, in]): A = [[1, 2], [3, 4], [5, 6]], Bt = [[1, 0], [0, 1], [1, -1]]
// gives rows (1, 2, -1), (3, 4, -1), (5, 6, -1).
// TRANS: result #0: tensor<3x3xf32> shape 3x3
// TRANS-NEXT: [1, 2, -1, 3, 4, -1, 5, 6, -1]
func.func @transposed_b() -> tensor<3x3xf32> {
  %a = arith.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]> : tensor<3x2xf32>
  %bt = arith.constant dense<[[1.0, 0.0], [0.0, 1.0], [1.0, -1.0]]> : tensor<3x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<3x3xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<3x3xf32>) -> tensor<3x3xf32>
  %y = linalg.matmul
         indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                          affine_map<(m, n, k) -> (n, k)>,
                          affine_map<(m, n, k) -> (m, n)>]
         ins(%a, %bt : tensor<3x2xf32>, tensor<3x2xf32>) outs(%c : tensor<3x3xf32>) -> tensor<3x3xf32>
  return %y : tensor<3x3xf32>
}

// f16 operands into an f32 accumulator (the body extends with arith.extf):
// [1x2] x [2x1] = 0.5 * 0.25 + 1.5 * 2 = 3.125, exact in every type.
// MIXED: result #0: tensor<1x1xf32> shape 1x1
// MIXED-NEXT: [3.125]
func.func @mixed_precision() -> tensor<1x1xf32> {
  %a = arith.constant dense<[[0.5, 1.5]]> : tensor<1x2xf16>
  %b = arith.constant dense<[[0.25], [2.0]]> : tensor<2x1xf16>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x1xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<1x1xf32>) -> tensor<1x1xf32>
  %y = linalg.matmul ins(%a, %b : tensor<1x2xf16>, tensor<2x1xf16>) outs(%c : tensor<1x1xf32>) -> tensor<1x1xf32>
  return %y : tensor<1x1xf32>
}
