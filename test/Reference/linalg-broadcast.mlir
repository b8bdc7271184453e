// Reference semantics of linalg.broadcast: `dimensions` lists the result
// dims that the input does not have; the input is repeated along them.
// RUN: ssm-run %s --entry rows --print-results | FileCheck %s --check-prefix=ROWS
// RUN: ssm-run %s --entry columns --print-results | FileCheck %s --check-prefix=COLS
// RUN: ssm-run %s --entry middle --print-results | FileCheck %s --check-prefix=MIDDLE

// dimensions = [0]: the vector (1, 2, 3) becomes each of the 2 rows.
// ROWS: result #0: tensor<2x3xf64> shape 2x3
// ROWS-NEXT: [1, 2, 3, 1, 2, 3]
func.func @rows() -> tensor<2x3xf64> {
  %x = arith.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf64>
  %e = tensor.empty() : tensor<2x3xf64>
  %y = linalg.broadcast ins(%x : tensor<3xf64>) outs(%e : tensor<2x3xf64>) dimensions = [0]
  return %y : tensor<2x3xf64>
}

// dimensions = [1]: the vector (7, -1) becomes each of the 3 columns, so row
// i is x[i] three times.
// COLS: result #0: tensor<2x3xf64> shape 2x3
// COLS-NEXT: [7, 7, 7, -1, -1, -1]
func.func @columns() -> tensor<2x3xf64> {
  %x = arith.constant dense<[7.0, -1.0]> : tensor<2xf64>
  %e = tensor.empty() : tensor<2x3xf64>
  %y = linalg.broadcast ins(%x : tensor<2xf64>) outs(%e : tensor<2x3xf64>) dimensions = [1]
  return %y : tensor<2x3xf64>
}

// A [B, D] = 2x2 per-sequence vector broadcast over a middle length dim of 3
// (dimensions = [1]): y[b, l, d] = x[b, d].
// MIDDLE: result #0: tensor<2x3x2xf32> shape 2x3x2
// MIDDLE-NEXT: [1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4]
func.func @middle() -> tensor<2x3x2xf32> {
  %x = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %e = tensor.empty() : tensor<2x3x2xf32>
  %y = linalg.broadcast ins(%x : tensor<2x2xf32>) outs(%e : tensor<2x3x2xf32>) dimensions = [1]
  return %y : tensor<2x3x2xf32>
}
