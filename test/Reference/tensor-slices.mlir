// Reference semantics of tensor.extract_slice and tensor.insert_slice:
// static and dynamic offsets, strides, rank-reducing slices, and a slice
// that is out of bounds only at run time. x[i, j] = 10 i + j on 4x5.
// RUN: ssm-run %s --entry strided --print-results | FileCheck %s --check-prefix=STRIDED
// RUN: ssm-run %s --entry rank_reducing --print-results | FileCheck %s --check-prefix=REDUCE
// RUN: ssm-run %s --entry dynamic_offsets --print-results | FileCheck %s --check-prefix=DYNAMIC
// RUN: ssm-run %s --entry insert --print-results | FileCheck %s --check-prefix=INSERT
// RUN: ssm-run %s --entry insert_strided_row --print-results | FileCheck %s --check-prefix=INSERTROW
// RUN: not ssm-run %s --entry out_of_bounds 2>&1 | FileCheck %s --check-prefix=OOB

// Offsets [1, 0], sizes [2, 3], strides [2, 2]: rows 1 and 3, columns 0, 2, 4.
// STRIDED: result #0: tensor<2x3xf64> shape 2x3
// STRIDED-NEXT: [10, 12, 14, 30, 32, 34]
func.func @strided() -> tensor<2x3xf64> {
  %x = arith.constant dense<[[0.0, 1.0, 2.0, 3.0, 4.0], [10.0, 11.0, 12.0, 13.0, 14.0], [20.0, 21.0, 22.0, 23.0, 24.0], [30.0, 31.0, 32.0, 33.0, 34.0]]> : tensor<4x5xf64>
  %s = tensor.extract_slice %x[1, 0] [2, 3] [2, 2] : tensor<4x5xf64> to tensor<2x3xf64>
  return %s : tensor<2x3xf64>
}

// Rank-reducing slices drop the unit dim: row 2, columns 1..3; and column 3.
// REDUCE: result #0: tensor<3xf64> shape 3
// REDUCE-NEXT: [21, 22, 23]
// REDUCE: result #1: tensor<4xf64> shape 4
// REDUCE-NEXT: [3, 13, 23, 33]
func.func @rank_reducing() -> (tensor<3xf64>, tensor<4xf64>) {
  %x = arith.constant dense<[[0.0, 1.0, 2.0, 3.0, 4.0], [10.0, 11.0, 12.0, 13.0, 14.0], [20.0, 21.0, 22.0, 23.0, 24.0], [30.0, 31.0, 32.0, 33.0, 34.0]]> : tensor<4x5xf64>
  %row = tensor.extract_slice %x[2, 1] [1, 3] [1, 1] : tensor<4x5xf64> to tensor<3xf64>
  %col = tensor.extract_slice %x[0, 3] [4, 1] [1, 1] : tensor<4x5xf64> to tensor<4xf64>
  return %row, %col : tensor<3xf64>, tensor<4xf64>
}

// Offsets given as SSA index values (2, 1) and a dynamic size of 2 columns.
// DYNAMIC: result #0: tensor<2x?xf64> shape 2x2
// DYNAMIC-NEXT: [21, 22, 31, 32]
func.func @dynamic_offsets() -> tensor<2x?xf64> {
  %x = arith.constant dense<[[0.0, 1.0, 2.0, 3.0, 4.0], [10.0, 11.0, 12.0, 13.0, 14.0], [20.0, 21.0, 22.0, 23.0, 24.0], [30.0, 31.0, 32.0, 33.0, 34.0]]> : tensor<4x5xf64>
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %s = tensor.extract_slice %x[%c2, %c1] [2, %c2] [1, 1] : tensor<4x5xf64> to tensor<2x?xf64>
  return %s : tensor<2x?xf64>
}

// A 2x2 block [[1, 2], [3, 4]] inserted at [1, 2] of a 3x4 zero tensor.
// INSERT: result #0: tensor<3x4xf64> shape 3x4
// INSERT-NEXT: [0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4]
func.func @insert() -> tensor<3x4xf64> {
  %d = arith.constant dense<0.0> : tensor<3x4xf64>
  %b = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf64>
  %r = tensor.insert_slice %b into %d[1, 2] [2, 2] [1, 1] : tensor<2x2xf64> into tensor<3x4xf64>
  return %r : tensor<3x4xf64>
}

// A rank-reduced source (7, 8, 9) inserted into row 1 of a 2x5 tensor of -1
// at columns 0, 2, 4 (stride 2); the destination constant is not modified
// in place, so it is returned unchanged as result #1.
// INSERTROW: result #0: tensor<2x5xf64> shape 2x5
// INSERTROW-NEXT: [-1, -1, -1, -1, -1, 7, -1, 8, -1, 9]
// INSERTROW: result #1: tensor<2x5xf64> shape 2x5
// INSERTROW-NEXT: [-1, -1, -1, -1, -1, -1, -1, -1, -1, -1]
func.func @insert_strided_row() -> (tensor<2x5xf64>, tensor<2x5xf64>) {
  %d = arith.constant dense<-1.0> : tensor<2x5xf64>
  %v = arith.constant dense<[7.0, 8.0, 9.0]> : tensor<3xf64>
  %r = tensor.insert_slice %v into %d[1, 0] [1, 3] [1, 2] : tensor<3xf64> into tensor<2x5xf64>
  return %r, %d : tensor<2x5xf64>, tensor<2x5xf64>
}

// An offset of 3 with 2 rows reaches row 4 of a 4-row tensor: the static
// verifier cannot see it (the offset is an SSA value); the evaluator reports it.
// OOB: error: 'tensor.extract_slice' op slice is out of bounds at run time in dimension 0 of a tensor of shape 4x5
func.func @out_of_bounds() -> tensor<2x5xf64> {
  %x = arith.constant dense<0.0> : tensor<4x5xf64>
  %c3 = arith.constant 3 : index
  %s = tensor.extract_slice %x[%c3, 0] [2, 5] [1, 1] : tensor<4x5xf64> to tensor<2x5xf64>
  return %s : tensor<2x5xf64>
}
