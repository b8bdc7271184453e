// Reference semantics of linalg.transpose: result dim i is input dim
// permutation[i], so result[i0, i1, ...] = input[... at the permuted places].
// RUN: ssm-run %s --entry matrix --print-results | FileCheck %s --check-prefix=MATRIX
// RUN: ssm-run %s --entry rank3 --print-results | FileCheck %s --check-prefix=RANK3

// A 2x3 matrix 0..5 transposed: column j of the input becomes row j.
// MATRIX: result #0: tensor<3x2xf64> shape 3x2
// MATRIX-NEXT: [0, 3, 1, 4, 2, 5]
func.func @matrix() -> tensor<3x2xf64> {
  %x = arith.constant dense<[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]> : tensor<2x3xf64>
  %e = tensor.empty() : tensor<3x2xf64>
  %y = linalg.transpose ins(%x : tensor<2x3xf64>) outs(%e : tensor<3x2xf64>) permutation = [1, 0]
  return %y : tensor<3x2xf64>
}

// x[a, b, c] = 12 a + 4 b + c on 2x3x4. Permutation [2, 0, 1] gives
// y[c, a, b] = x[a, b, c] (shape 4x2x3), so y's row-major order steps by 4
// over (a, b) and by 1 over c; [1, 2, 0] gives z[b, c, a] (3x4x2) = x[a, b, c].
// RANK3: result #0: tensor<4x2x3xf64> shape 4x2x3
// RANK3-NEXT: [0, 4, 8, 12, 16, 20, 1, 5, 9, 13, 17, 21, 2, 6, 10, 14, 18, 22, 3, 7, 11, 15, 19, 23]
// RANK3: result #1: tensor<3x4x2xf64> shape 3x4x2
// RANK3-NEXT: [0, 12, 1, 13, 2, 14, 3, 15, 4, 16, 5, 17, 6, 18, 7, 19, 8, 20, 9, 21, 10, 22, 11, 23]
func.func @rank3() -> (tensor<4x2x3xf64>, tensor<3x4x2xf64>) {
  %x = arith.constant dense<[[[0.0, 1.0, 2.0, 3.0], [4.0, 5.0, 6.0, 7.0], [8.0, 9.0, 10.0, 11.0]], [[12.0, 13.0, 14.0, 15.0], [16.0, 17.0, 18.0, 19.0], [20.0, 21.0, 22.0, 23.0]]]> : tensor<2x3x4xf64>
  %e0 = tensor.empty() : tensor<4x2x3xf64>
  %y = linalg.transpose ins(%x : tensor<2x3x4xf64>) outs(%e0 : tensor<4x2x3xf64>) permutation = [2, 0, 1]
  %e1 = tensor.empty() : tensor<3x4x2xf64>
  %z = linalg.transpose ins(%x : tensor<2x3x4xf64>) outs(%e1 : tensor<3x4x2xf64>) permutation = [1, 2, 0]
  return %y, %z : tensor<4x2x3xf64>, tensor<3x4x2xf64>
}
