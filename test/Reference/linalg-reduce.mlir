// Reference semantics of linalg.reduce: the combiner folds every element
// along `dimensions` into the init tensor, starting from its value.
// RUN: ssm-run %s --entry sum_rows --print-results | FileCheck %s --check-prefix=ROWS
// RUN: ssm-run %s --entry sum_columns_onto_init --print-results | FileCheck %s --check-prefix=COLS
// RUN: ssm-run %s --entry max_rows --print-results | FileCheck %s --check-prefix=MAX
// RUN: ssm-run %s --entry two_dims --print-results | FileCheck %s --check-prefix=TWO

// Sum over dim 1 of [[1, 2, 3], [4, -5, 6.5]]: 6 and 5.5.
// ROWS: result #0: tensor<2xf64> shape 2
// ROWS-NEXT: [6, 5.5]
func.func @sum_rows() -> tensor<2xf64> {
  %x = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, -5.0, 6.5]]> : tensor<2x3xf64>
  %zero = arith.constant 0.0 : f64
  %e = tensor.empty() : tensor<2xf64>
  %init = linalg.fill ins(%zero : f64) outs(%e : tensor<2xf64>) -> tensor<2xf64>
  %r = linalg.reduce ins(%x : tensor<2x3xf64>) outs(%init : tensor<2xf64>) dimensions = [1]
    (%in: f64, %acc: f64) {
      %s = arith.addf %in, %acc : f64
      linalg.yield %s : f64
    }
  return %r : tensor<2xf64>
}

// Sum over dim 0 onto an init of 10 (short form): 10 + (5, -3, 9.5).
// COLS: result #0: tensor<3xf64> shape 3
// COLS-NEXT: [15, 7, 19.5]
func.func @sum_columns_onto_init() -> tensor<3xf64> {
  %x = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, -5.0, 6.5]]> : tensor<2x3xf64>
  %init = arith.constant dense<10.0> : tensor<3xf64>
  %r = linalg.reduce { arith.addf } ins(%x : tensor<2x3xf64>) outs(%init : tensor<3xf64>) dimensions = [0]
  return %r : tensor<3xf64>
}

// Max over dim 1 from -inf with arith.maximumf: 3 and 6.5.
// MAX: result #0: tensor<2xf32> shape 2
// MAX-NEXT: [3, 6.5]
func.func @max_rows() -> tensor<2xf32> {
  %x = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, -5.0, 6.5]]> : tensor<2x3xf32>
  %ninf = arith.constant 0xFF800000 : f32
  %e = tensor.empty() : tensor<2xf32>
  %init = linalg.fill ins(%ninf : f32) outs(%e : tensor<2xf32>) -> tensor<2xf32>
  %r = linalg.reduce { arith.maximumf } ins(%x : tensor<2x3xf32>) outs(%init : tensor<2xf32>) dimensions = [1]
  return %r : tensor<2xf32>
}

// Sum over dims 0 and 2 of x[a, b, c] = 6a + 2b + c - 4 (2x3x2), keeping b:
// for b = 0: -4 - 3 + 2 + 3 = -2; each b adds 4 per element, so -2, 6, 14.
// TWO: result #0: tensor<3xf64> shape 3
// TWO-NEXT: [-2, 6, 14]
func.func @two_dims() -> tensor<3xf64> {
  %x = arith.constant dense<[[[-4.0, -3.0], [-2.0, -1.0], [0.0, 1.0]], [[2.0, 3.0], [4.0, 5.0], [6.0, 7.0]]]> : tensor<2x3x2xf64>
  %init = arith.constant dense<0.0> : tensor<3xf64>
  %r = linalg.reduce { arith.addf } ins(%x : tensor<2x3x2xf64>) outs(%init : tensor<3xf64>) dimensions = [0, 2]
  return %r : tensor<3xf64>
}
