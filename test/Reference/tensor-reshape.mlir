// Reference semantics of tensor.expand_shape and tensor.collapse_shape:
// reshapes keep the row-major element order. Covers static and dynamic
// output_shape, collapses of leading and trailing groups, and an
// output_shape that disagrees with the element count at run time.
// RUN: ssm-run %s --entry expand_static --print-results | FileCheck %s --check-prefix=STATIC
// RUN: ssm-run %s --entry expand_dynamic --print-results | FileCheck %s --check-prefix=DYNAMIC
// RUN: ssm-run %s --entry collapse --print-results | FileCheck %s --check-prefix=COLLAPSE
// RUN: ssm-run %s --entry heads_round_trip --print-results | FileCheck %s --check-prefix=HEADS
// RUN: not ssm-run %s --entry expand_wrong_count 2>&1 | FileCheck %s --check-prefix=WRONG

// 0..5 viewed as [2, 3]: same values, new shape.
// STATIC: result #0: tensor<2x3xf64> shape 2x3
// STATIC-NEXT: [0, 1, 2, 3, 4, 5]
func.func @expand_static() -> tensor<2x3xf64> {
  %x = arith.constant dense<[0.0, 1.0, 2.0, 3.0, 4.0, 5.0]> : tensor<6xf64>
  %y = tensor.expand_shape %x [[0, 1]] output_shape [2, 3] : tensor<6xf64> into tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

// 0..11 cast to tensor<?xf64> and expanded to [%n, 4] with %n = 3 at run time.
// DYNAMIC: result #0: tensor<?x4xf64> shape 3x4
// DYNAMIC-NEXT: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
func.func @expand_dynamic() -> tensor<?x4xf64> {
  %x = arith.constant dense<[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0]> : tensor<12xf64>
  %d = tensor.cast %x : tensor<12xf64> to tensor<?xf64>
  %n = arith.constant 3 : index
  %y = tensor.expand_shape %d [[0, 1]] output_shape [%n, 4] : tensor<?xf64> into tensor<?x4xf64>
  return %y : tensor<?x4xf64>
}

// A [2, 3, 2] tensor collapsed to [6, 2] ([[0, 1], [2]]) and to [2, 6]
// ([[0], [1, 2]]): both keep the order 0..11.
// COLLAPSE: result #0: tensor<6x2xf64> shape 6x2
// COLLAPSE-NEXT: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
// COLLAPSE: result #1: tensor<2x6xf64> shape 2x6
// COLLAPSE-NEXT: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
func.func @collapse() -> (tensor<6x2xf64>, tensor<2x6xf64>) {
  %x = arith.constant dense<[[[0.0, 1.0], [2.0, 3.0], [4.0, 5.0]], [[6.0, 7.0], [8.0, 9.0], [10.0, 11.0]]]> : tensor<2x3x2xf64>
  %a = tensor.collapse_shape %x [[0, 1], [2]] : tensor<2x3x2xf64> into tensor<6x2xf64>
  %b = tensor.collapse_shape %x [[0], [1, 2]] : tensor<2x3x2xf64> into tensor<2x6xf64>
  return %a, %b : tensor<6x2xf64>, tensor<2x6xf64>
}

// [B, L, D] = [1, 2, 4] split into heads [1, 2, 2, 2] ([[0], [1], [2, 3]]),
// transposed to [B, H, L, E], then collapsed back over (H, L): element
// [h, l, e] of the result is x[l, 2 h + e].
// HEADS: result #0: tensor<1x2x2x2xf64> shape 1x2x2x2
// HEADS-NEXT: [0, 1, 4, 5, 2, 3, 6, 7]
// HEADS: result #1: tensor<1x4x2xf64> shape 1x4x2
// HEADS-NEXT: [0, 1, 4, 5, 2, 3, 6, 7]
func.func @heads_round_trip() -> (tensor<1x2x2x2xf64>, tensor<1x4x2xf64>) {
  %x = arith.constant dense<[[[0.0, 1.0, 2.0, 3.0], [4.0, 5.0, 6.0, 7.0]]]> : tensor<1x2x4xf64>
  %h = tensor.expand_shape %x [[0], [1], [2, 3]] output_shape [1, 2, 2, 2] : tensor<1x2x4xf64> into tensor<1x2x2x2xf64>
  %e = tensor.empty() : tensor<1x2x2x2xf64>
  %t = linalg.transpose ins(%h : tensor<1x2x2x2xf64>) outs(%e : tensor<1x2x2x2xf64>) permutation = [0, 2, 1, 3]
  %c = tensor.collapse_shape %t [[0], [1, 2], [3]] : tensor<1x2x2x2xf64> into tensor<1x4x2xf64>
  return %t, %c : tensor<1x2x2x2xf64>, tensor<1x4x2xf64>
}

// output_shape [%n, 4] with %n = 4 asks for 16 elements of a 12-element tensor.
// WRONG: error: 'tensor.expand_shape' op expands 12 into a shape of 16 elements
func.func @expand_wrong_count() -> tensor<?x4xf64> {
  %x = arith.constant dense<0.0> : tensor<12xf64>
  %d = tensor.cast %x : tensor<12xf64> to tensor<?xf64>
  %n = arith.constant 4 : index
  %y = tensor.expand_shape %d [[0, 1]] output_shape [%n, 4] : tensor<?xf64> into tensor<?x4xf64>
  return %y : tensor<?x4xf64>
}
