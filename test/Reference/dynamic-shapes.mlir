// Functions with dynamic (`?`) dims evaluated on concrete .npy inputs: the
// result type keeps its `?`, the printed shape is the run-time one, and
// one function runs unchanged on inputs of different sizes.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; np.save('%t/a.npy', ((np.arange(6, dtype=np.float32) - 2) / 2).reshape(2, 3)); np.save('%t/x4.npy', np.arange(12.0).reshape(4, 3) / 4); np.save('%t/x1.npy', np.arange(3.0).reshape(1, 3) / 4); np.save('%t/u.npy', np.array([[[1.0, 0.5], [2.0, -1.0], [3.0, 0.0]]])); np.save('%t/r.npy', np.arange(10.0).reshape(2, 5))"
// RUN: ssm-run %s --entry elementwise --input %t/a.npy --print-results | FileCheck %s --check-prefix=ELEM
// RUN: ssm-run %s --entry matmul --input %t/x4.npy --print-results | FileCheck %s --check-prefix=MM4
// RUN: ssm-run %s --entry matmul --input %t/x1.npy --print-results | FileCheck %s --check-prefix=MM1
// RUN: ssm-run %s --entry short_conv --input %t/u.npy --print-results | FileCheck %s --check-prefix=CONV
// RUN: ssm-run %s --entry row_sums --input %t/r.npy --print-results | FileCheck %s --check-prefix=ROWS
// RUN: ssm-run %s --entry flatten --input %t/u.npy --print-results | FileCheck %s --check-prefix=FLAT

// 0.5 a + 1 on a = [[-1, -0.5, 0], [0.5, 1, 1.5]] with the output sized by tensor.dim.
// ELEM: result #0: tensor<?x?xf32> shape 2x3
// ELEM-NEXT: [0.5, 0.75, 1, 1.25, 1.5, 1.75]
func.func @elementwise(%a: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = tensor.dim %a, %c0 : tensor<?x?xf32>
  %n = tensor.dim %a, %c1 : tensor<?x?xf32>
  %half = arith.constant 0.5 : f32
  %one = arith.constant 1.0 : f32
  %e = tensor.empty(%m, %n) : tensor<?x?xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<?x?xf32>) outs(%e : tensor<?x?xf32>) {
  ^bb0(%in: f32, %out: f32):
    %p = arith.mulf %in, %half : f32
    %s = arith.addf %p, %one : f32
    linalg.yield %s : f32
  } -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

// [M, 3] x w with M = 4 and then M = 1: x[i, :] = (3 i, 3 i + 1, 3 i + 2) / 4,
// w = [[1, -1], [0, 2], [0.5, 0.5]], row i of the product = x0 + 0.5 x2, -x0 + 2 x1 + 0.5 x2.
// MM4: result #0: tensor<?x2xf64> shape 4x2
// MM4-NEXT: [0.25, 0.75, 1.375, 1.875, 2.5, 3, 3.625, 4.125]
// MM1: result #0: tensor<?x2xf64> shape 1x2
// MM1-NEXT: [0.25, 0.75]
func.func @matmul(%x: tensor<?x3xf64>) -> tensor<?x2xf64> {
  %w = arith.constant dense<[[1.0, -1.0], [0.0, 2.0], [0.5, 0.5]]> : tensor<3x2xf64>
  %c0 = arith.constant 0 : index
  %m = tensor.dim %x, %c0 : tensor<?x3xf64>
  %zero = arith.constant 0.0 : f64
  %e = tensor.empty(%m) : tensor<?x2xf64>
  %init = linalg.fill ins(%zero : f64) outs(%e : tensor<?x2xf64>) -> tensor<?x2xf64>
  %y = linalg.matmul ins(%x, %w : tensor<?x3xf64>, tensor<3x2xf64>) outs(%init : tensor<?x2xf64>) -> tensor<?x2xf64>
  return %y : tensor<?x2xf64>
}

// ssm.short_conv on [B, L, D] = [?, ?, 2] with a 1x3x2 input:
// channel 0 taps (1, -1) on (1, 2, 3) -> (1, 1, 1); channel 1 taps
// (0.5, 0.25) on (0.5, -1, 0) -> (0.25, -0.375, -0.25).
// CONV: result #0: tensor<?x?x2xf64> shape 1x3x2
// CONV-NEXT: [1, 0.25, 1, -0.375, 1, -0.25]
func.func @short_conv(%u: tensor<?x?x2xf64>) -> tensor<?x?x2xf64> {
  %w = arith.constant dense<[[1.0, -1.0], [0.5, 0.25]]> : tensor<2x2xf64>
  %y = ssm.short_conv %u, %w : (tensor<?x?x2xf64>, tensor<2x2xf64>) -> tensor<?x?x2xf64>
  return %y : tensor<?x?x2xf64>
}

// linalg.reduce over a dynamic dim into a dynamically sized init:
// rows 0..4 and 5..9 sum to 10 and 35.
// ROWS: result #0: tensor<?xf64> shape 2
// ROWS-NEXT: [10, 35]
func.func @row_sums(%r: tensor<?x?xf64>) -> tensor<?xf64> {
  %c0 = arith.constant 0 : index
  %m = tensor.dim %r, %c0 : tensor<?x?xf64>
  %zero = arith.constant 0.0 : f64
  %e = tensor.empty(%m) : tensor<?xf64>
  %init = linalg.fill ins(%zero : f64) outs(%e : tensor<?xf64>) -> tensor<?xf64>
  %s = linalg.reduce { arith.addf } ins(%r : tensor<?x?xf64>) outs(%init : tensor<?xf64>) dimensions = [1]
  return %s : tensor<?xf64>
}

// [B, L, D] = [1, 3, 2] collapsed to [B*L, D] = [3, 2] with both leading dims dynamic.
// FLAT: result #0: tensor<?x2xf64> shape 3x2
// FLAT-NEXT: [1, 0.5, 2, -1, 3, 0]
func.func @flatten(%u: tensor<?x?x2xf64>) -> tensor<?x2xf64> {
  %f = tensor.collapse_shape %u [[0, 1], [2]] : tensor<?x?x2xf64> into tensor<?x2xf64>
  return %f : tensor<?x2xf64>
}
