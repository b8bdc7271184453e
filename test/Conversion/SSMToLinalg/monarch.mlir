// RUN: ssm-opt %s -split-input-file --convert-ssm-to-linalg | FileCheck %s --implicit-check-not=ssm.
// ssm.monarch lowers to two batched block contractions: the leading dims are
// collapsed into rows, each row viewed as X[a, c] (i = a k + c), then
// Z[r, a, j] = sum_c R[a, j, c] X[r, a, c] and Y[r, b, j] = sum_a L[j, b, a] Z[r, a, j],
// stored at b k + j. No dense n x n matrix is formed.

// Rank 3, n = 12 = m 3 x k 4.
// CHECK-DAG: #[[$R:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
// CHECK-DAG: #[[$X:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG: #[[$ROW:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-DAG: #[[$L:.+]] = affine_map<(d0, d1, d2, d3) -> (d2, d1, d3)>
// CHECK-DAG: #[[$Z:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>
// CHECK-LABEL: func @rank3
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2x5x12xf32>, %[[R:[^:]+]]: tensor<3x4x4xf32>, %[[L:[^:]+]]: tensor<4x3x3xf32>)
// CHECK: %[[ROWS:.+]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1], [2]] : tensor<2x5x12xf32> into tensor<10x12xf32>
// CHECK: %[[GRID:.+]] = tensor.expand_shape %[[ROWS]] {{\[}}[0], [1, 2]] output_shape [10, 3, 4] : tensor<10x12xf32> into tensor<10x3x4xf32>
// CHECK: %[[Z:.+]] = linalg.generic {indexing_maps = [#[[$R]], #[[$X]], #[[$ROW]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[R]], %[[GRID]] : tensor<3x4x4xf32>, tensor<10x3x4xf32>) outs(%{{.+}} : tensor<10x3x4xf32>)
// CHECK: %[[Y:.+]] = linalg.generic {indexing_maps = [#[[$L]], #[[$Z]], #[[$ROW]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[L]], %[[Z]] : tensor<4x3x3xf32>, tensor<10x3x4xf32>) outs(%{{.+}} : tensor<10x3x4xf32>)
// CHECK-NOT: linalg.generic
// CHECK: %[[FLAT:.+]] = tensor.collapse_shape %[[Y]] {{\[}}[0], [1, 2]] : tensor<10x3x4xf32> into tensor<10x12xf32>
// CHECK: %[[OUT:.+]] = tensor.expand_shape %[[FLAT]] {{\[}}[0, 1], [2]] output_shape [2, 5, 12] : tensor<10x12xf32> into tensor<2x5x12xf32>
// CHECK: return %[[OUT]]
func.func @rank3(%x: tensor<2x5x12xf32>, %r: tensor<3x4x4xf32>, %l: tensor<4x3x3xf32>) -> tensor<2x5x12xf32> {
  %y = ssm.monarch %x, %r, %l : tensor<2x5x12xf32>, tensor<3x4x4xf32>, tensor<4x3x3xf32> -> tensor<2x5x12xf32>
  return %y : tensor<2x5x12xf32>
}

// -----

// Rank 1: the vector is one row.
// CHECK-LABEL: func @rank1
// CHECK-SAME: (%[[X:[^:]+]]: tensor<6xf64>
// CHECK: %[[ROW:.+]] = tensor.expand_shape %[[X]] {{\[}}[0, 1]] output_shape [1, 6] : tensor<6xf64> into tensor<1x6xf64>
// CHECK: linalg.generic {{.*}} outs(%{{.+}} : tensor<1x2x3xf64>)
// CHECK: linalg.generic {{.*}} outs(%{{.+}} : tensor<1x2x3xf64>)
// CHECK-NOT: linalg.generic
// CHECK: %[[OUT:.+]] = tensor.collapse_shape %{{.+}} {{\[}}[0, 1]] : tensor<1x6xf64> into tensor<6xf64>
// CHECK: return %[[OUT]]
func.func @rank1(%x: tensor<6xf64>, %r: tensor<2x3x3xf64>, %l: tensor<3x2x2xf64>) -> tensor<6xf64> {
  %y = ssm.monarch %x, %r, %l : tensor<6xf64>, tensor<2x3x3xf64>, tensor<3x2x2xf64> -> tensor<6xf64>
  return %y : tensor<6xf64>
}
