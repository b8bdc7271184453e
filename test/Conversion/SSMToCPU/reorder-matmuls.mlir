// RUN: ssm-opt %s -split-input-file --ssm-reorder-matmuls | FileCheck %s

// A matmul becomes a generic with the loops (m, k, n): the reduction
// outside, the contiguous output columns innermost; the multiply-add may be
// contracted and reassociated.
// CHECK-DAG: #[[$LHS:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[$RHS:.+]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[$OUT:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-LABEL: func @matmul
// CHECK-SAME: (%[[A:.+]]: tensor<5x7xf32>, %[[B:.+]]: tensor<7x3xf32>, %[[C:.+]]: tensor<5x3xf32>)
// CHECK:      linalg.generic {indexing_maps = [#[[$LHS]], #[[$RHS]], #[[$OUT]]], iterator_types = ["parallel", "reduction", "parallel"]}
// CHECK-SAME:   ins(%[[A]], %[[B]] : tensor<5x7xf32>, tensor<7x3xf32>) outs(%[[C]] : tensor<5x3xf32>)
// CHECK:        arith.mulf %{{.*}}, %{{.*}} fastmath<reassoc,contract> : f32
// CHECK:        arith.addf %{{.*}}, %{{.*}} fastmath<reassoc,contract> : f32
// CHECK-NOT:  linalg.matmul
func.func @matmul(%a: tensor<5x7xf32>, %b: tensor<7x3xf32>, %c: tensor<5x3xf32>) -> tensor<5x3xf32> {
  %y = linalg.matmul ins(%a, %b : tensor<5x7xf32>, tensor<7x3xf32>) outs(%c : tensor<5x3xf32>) -> tensor<5x3xf32>
  return %y : tensor<5x3xf32>
}

// -----

// Batched, with dynamic sizes: the batch loop stays outermost.
// CHECK-DAG: #[[$BLHS:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-DAG: #[[$BRHS:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d2, d3)>
// CHECK-DAG: #[[$BOUT:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-LABEL: func @batch_matmul
// CHECK:      linalg.generic {indexing_maps = [#[[$BLHS]], #[[$BRHS]], #[[$BOUT]]], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
// CHECK-SAME:   ins(%{{.*}}, %{{.*}} : tensor<2x?x4xf64>, tensor<2x4x?xf64>) outs(%{{.*}} : tensor<2x?x?xf64>)
// CHECK-NOT:  linalg.batch_matmul
func.func @batch_matmul(%a: tensor<2x?x4xf64>, %b: tensor<2x4x?xf64>, %c: tensor<2x?x?xf64>) -> tensor<2x?x?xf64> {
  %y = linalg.batch_matmul ins(%a, %b : tensor<2x?x4xf64>, tensor<2x4x?xf64>) outs(%c : tensor<2x?x?xf64>) -> tensor<2x?x?xf64>
  return %y : tensor<2x?x?xf64>
}

// -----

// Left alone: integer matmuls, mixed element types, and matmuls with
// user-defined (here transposed) indexing maps.
// CHECK-LABEL: func @untouched
// CHECK-COUNT-3: linalg.matmul
// CHECK-NOT:  linalg.generic
func.func @untouched(%ai: tensor<4x4xi32>, %a16: tensor<4x4xf16>, %b: tensor<4x4xf32>, %ci: tensor<4x4xi32>, %c: tensor<4x4xf32>) -> (tensor<4x4xi32>, tensor<4x4xf32>, tensor<4x4xf32>) {
  %0 = linalg.matmul ins(%ai, %ai : tensor<4x4xi32>, tensor<4x4xi32>) outs(%ci : tensor<4x4xi32>) -> tensor<4x4xi32>
  %1 = linalg.matmul ins(%a16, %b : tensor<4x4xf16>, tensor<4x4xf32>) outs(%c : tensor<4x4xf32>) -> tensor<4x4xf32>
  %2 = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%b, %b : tensor<4x4xf32>, tensor<4x4xf32>) outs(%c : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %0, %1, %2 : tensor<4x4xi32>, tensor<4x4xf32>, tensor<4x4xf32>
}
