// Reference semantics of tensor.dim, tensor.extract and tensor.cast, on a
// dynamically shaped argument read from .npy (x = arange(30) as 2x3x5 f32,
// so x[i, j, k] = 15 i + 5 j + k) and on constants.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; np.save('%t/x.npy', np.arange(30, dtype=np.float32).reshape(2, 3, 5)); np.save('%t/bad.npy', np.zeros((2, 4, 5), np.float32))"
// RUN: ssm-run %s --entry dims --input %t/x.npy --print-results | FileCheck %s --check-prefix=DIMS
// RUN: ssm-run %s --entry extract --input %t/x.npy --print-results | FileCheck %s --check-prefix=EXTRACT
// RUN: ssm-run %s --entry cast --input %t/x.npy --print-results | FileCheck %s --check-prefix=CAST
// RUN: not ssm-run %s --entry extract_out_of_bounds --input %t/x.npy 2>&1 | FileCheck %s --check-prefix=OOB
// RUN: not ssm-run %s --entry dims --input %t/bad.npy 2>&1 | FileCheck %s --check-prefix=BADARG

// tensor.dim of each dim of tensor<?x3x?xf32> on a 2x3x5 input, and their
// product through arith.muli on index values.
// DIMS: result #0: index shape scalar
// DIMS-NEXT: [2]
// DIMS: result #1: index shape scalar
// DIMS-NEXT: [3]
// DIMS: result #2: index shape scalar
// DIMS-NEXT: [5]
// DIMS: result #3: index shape scalar
// DIMS-NEXT: [30]
func.func @dims(%x: tensor<?x3x?xf32>) -> (index, index, index, index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %a = tensor.dim %x, %c0 : tensor<?x3x?xf32>
  %b = tensor.dim %x, %c1 : tensor<?x3x?xf32>
  %c = tensor.dim %x, %c2 : tensor<?x3x?xf32>
  %ab = arith.muli %a, %b : index
  %n = arith.muli %ab, %c : index
  return %a, %b, %c, %n : index, index, index, index
}

// x[1, 2, 4] = 15 + 10 + 4 = 29 with the last index taken from tensor.dim - 1;
// a rank-0 constant; element [1, 0] of [[1.5, 2.5], [3.5, 4.5]].
// EXTRACT: result #0: f32 shape scalar
// EXTRACT-NEXT: [29]
// EXTRACT: result #1: f64 shape scalar
// EXTRACT-NEXT: [-7.25]
// EXTRACT: result #2: f64 shape scalar
// EXTRACT-NEXT: [3.5]
func.func @extract(%x: tensor<?x3x?xf32>) -> (f32, f64, f64) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %k = tensor.dim %x, %c2 : tensor<?x3x?xf32>
  %last = arith.subi %k, %c1 : index
  %e0 = tensor.extract %x[%c1, %c2, %last] : tensor<?x3x?xf32>
  %s = arith.constant dense<-7.25> : tensor<f64>
  %e1 = tensor.extract %s[] : tensor<f64>
  %m = arith.constant dense<[[1.5, 2.5], [3.5, 4.5]]> : tensor<2x2xf64>
  %e2 = tensor.extract %m[%c1, %c0] : tensor<2x2xf64>
  return %e0, %e1, %e2 : f32, f64, f64
}

// Dynamic to static (tensor<2x3x5xf32>) and static back to partly dynamic:
// the values and the run-time shape are unchanged; row [1, 2] of the
// result is x[1, 2, :] = 25..29.
// CAST: result #0: tensor<2x3x5xf32> shape 2x3x5
// CAST: result #1: tensor<2x?x5xf32> shape 2x3x5
// CAST: result #2: tensor<5xf32> shape 5
// CAST-NEXT: [25, 26, 27, 28, 29]
func.func @cast(%x: tensor<?x3x?xf32>) -> (tensor<2x3x5xf32>, tensor<2x?x5xf32>, tensor<5xf32>) {
  %s = tensor.cast %x : tensor<?x3x?xf32> to tensor<2x3x5xf32>
  %d = tensor.cast %s : tensor<2x3x5xf32> to tensor<2x?x5xf32>
  %row = tensor.extract_slice %d[1, 2, 0] [1, 1, 5] [1, 1, 1] : tensor<2x?x5xf32> to tensor<5xf32>
  return %s, %d, %row : tensor<2x3x5xf32>, tensor<2x?x5xf32>, tensor<5xf32>
}

// Index tensor.dim(x, 2) = 5 is one past the last element of dimension 2.
// OOB: error: 'tensor.extract' op index 5 is out of bounds for dimension 2 of a tensor of shape 2x3x5
func.func @extract_out_of_bounds(%x: tensor<?x3x?xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %k = tensor.dim %x, %c2 : tensor<?x3x?xf32>
  %e = tensor.extract %x[%c0, %c0, %k] : tensor<?x3x?xf32>
  return %e : f32
}

// A 2x4x5 input does not match the static 3 of tensor<?x3x?xf32>.
// BADARG: error: argument #0 of @dims has type 'tensor<?x3x?xf32>' but the input has shape 2x4x5
