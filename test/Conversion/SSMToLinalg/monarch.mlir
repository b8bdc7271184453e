// RUN: ssm-opt %s -split-input-file --convert-ssm-to-linalg | FileCheck %s --implicit-check-not=ssm.
// ssm.monarch lowers to two batched block contractions: the leading dims are
// collapsed into rows, each row viewed as X[a, c] (i = a k + c), then
// Z[r, a, j] = sum_c R[a, j, c] X[r, a, c] and Y[r, b, j] = sum_a L[j, b, a] Z[r, a, j],
// stored at b k + j. The weights are transposed once (R^T[a, c, j],
// L^T[b, a, j]) so that each contraction's innermost loop runs over j,
// contiguous in the output: loops (a, r, c, j), then (r, b, a, j). With a
// static number of rows both products run per block of 32 rows in an
// scf.forall, Z only for the block. No dense n x n matrix is formed.

// Rank 3, n = 12 = m 3 x k 4, 10 rows: one block.
// (R^T[a, c, j] and, in the second product, Z[r, a, j] share one map.)
// CHECK-DAG: #[[$RT:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d2, d3)>
// CHECK-DAG: #[[$X:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d0, d2)>
// CHECK-DAG: #[[$ZOUT:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d0, d3)>
// CHECK-DAG: #[[$LT:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
// CHECK-DAG: #[[$YOUT:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-LABEL: func @rank3
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2x5x12xf32>, %[[R:[^:]+]]: tensor<3x4x4xf32>, %[[L:[^:]+]]: tensor<4x3x3xf32>)
// CHECK: %[[ROWS:.+]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1], [2]] : tensor<2x5x12xf32> into tensor<10x12xf32>
// CHECK: %[[GRID:.+]] = tensor.expand_shape %[[ROWS]] {{\[}}[0], [1, 2]] output_shape [10, 3, 4] : tensor<10x12xf32> into tensor<10x3x4xf32>
// CHECK: %[[RTV:.+]] = linalg.generic {{.*}} ins(%[[R]] : tensor<3x4x4xf32>) outs(%{{.+}} : tensor<3x4x4xf32>)
// CHECK: %[[LTV:.+]] = linalg.generic {{.*}} ins(%[[L]] : tensor<4x3x3xf32>) outs(%{{.+}} : tensor<3x3x4xf32>)
// CHECK: %[[RES:.+]] = scf.forall (%[[BLK:.+]]) in (1) shared_outs(%[[SH:.+]] = %{{.+}}) -> (tensor<10x3x4xf32>)
// CHECK: %[[R0:.+]] = arith.muli %[[BLK]], %{{.+}} : index
// CHECK-DAG: %[[DEST:.+]] = tensor.extract_slice %[[SH]][%[[R0]], 0, 0] [10, 3, 4] [1, 1, 1]
// CHECK-DAG: %[[XB:.+]] = tensor.extract_slice %[[GRID]][%[[R0]], 0, 0] [10, 3, 4] [1, 1, 1]
// CHECK: %[[Z:.+]] = linalg.generic {indexing_maps = [#[[$RT]], #[[$X]], #[[$ZOUT]]], iterator_types = ["parallel", "parallel", "reduction", "parallel"]} ins(%[[RTV]], %[[XB]] : tensor<3x4x4xf32>, tensor<10x3x4xf32>) outs(%{{.+}} : tensor<10x3x4xf32>)
// CHECK: %[[YZERO:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%[[DEST]] : tensor<10x3x4xf32>)
// CHECK: %[[Y:.+]] = linalg.generic {indexing_maps = [#[[$LT]], #[[$RT]], #[[$YOUT]]], iterator_types = ["parallel", "parallel", "reduction", "parallel"]} ins(%[[LTV]], %[[Z]] : tensor<3x3x4xf32>, tensor<10x3x4xf32>) outs(%[[YZERO]] : tensor<10x3x4xf32>)
// CHECK-NOT: linalg.generic
// CHECK: tensor.parallel_insert_slice %[[Y]] into %[[SH]][%[[R0]], 0, 0] [10, 3, 4] [1, 1, 1]
// CHECK: %[[FLAT:.+]] = tensor.collapse_shape %[[RES]] {{\[}}[0], [1, 2]] : tensor<10x3x4xf32> into tensor<10x12xf32>
// CHECK: %[[OUT:.+]] = tensor.expand_shape %[[FLAT]] {{\[}}[0, 1], [2]] output_shape [2, 5, 12] : tensor<10x12xf32> into tensor<2x5x12xf32>
// CHECK: return %[[OUT]]
func.func @rank3(%x: tensor<2x5x12xf32>, %r: tensor<3x4x4xf32>, %l: tensor<4x3x3xf32>) -> tensor<2x5x12xf32> {
  %y = ssm.monarch %x, %r, %l : tensor<2x5x12xf32>, tensor<3x4x4xf32>, tensor<4x3x3xf32> -> tensor<2x5x12xf32>
  return %y : tensor<2x5x12xf32>
}

// -----

// Rank 1: the vector is one row (one block of one row).
// CHECK-LABEL: func @rank1
// CHECK-SAME: (%[[X:[^:]+]]: tensor<6xf64>
// CHECK: %[[ROW:.+]] = tensor.expand_shape %[[X]] {{\[}}[0, 1]] output_shape [1, 6] : tensor<6xf64> into tensor<1x6xf64>
// CHECK: scf.forall (%{{.+}}) in (1)
// CHECK: linalg.generic {{.*}} outs(%{{.+}} : tensor<1x2x3xf64>)
// CHECK: linalg.generic {{.*}} outs(%{{.+}} : tensor<1x2x3xf64>)
// CHECK-NOT: linalg.generic
// CHECK: %[[OUT:.+]] = tensor.collapse_shape %{{.+}} {{\[}}[0, 1]] : tensor<1x6xf64> into tensor<6xf64>
// CHECK: return %[[OUT]]
func.func @rank1(%x: tensor<6xf64>, %r: tensor<2x3x3xf64>, %l: tensor<3x2x2xf64>) -> tensor<6xf64> {
  %y = ssm.monarch %x, %r, %l : tensor<6xf64>, tensor<2x3x3xf64>, tensor<3x2x2xf64> -> tensor<6xf64>
  return %y : tensor<6xf64>
}
