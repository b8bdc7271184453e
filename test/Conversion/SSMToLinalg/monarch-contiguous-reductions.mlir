// RUN: ssm-opt %s --convert-ssm-to-linalg="tile-monarch-rows=false monarch-contiguous-reductions=true" | FileCheck %s --implicit-check-not=ssm.
// RUN: ssm-opt %s --convert-ssm-to-linalg="tile-monarch-rows=false monarch-contiguous-reductions=true round-product-operands=true" | FileCheck %s --check-prefix=ROUND

// monarch as the CUDA pipeline lowers it for tensor cores: each block
// product reads both operands along its reduction dimension (the last of
// each) and writes along a non-batch one, R and L as they are:
//   Z[r, a, j]  = sum_c R[a, j, c] X[r, a, c]   (loops a, r, j, c)
//   Zt[r, j, a] = Z[r, a, j]                    (a copy)
//   Yt[r, j, b] = sum_a L[j, b, a] Zt[r, j, a]  (loops j, r, b, a)
//   Y[r, b, j]  = Yt[r, j, b]                   (a copy)
// n = 12 = m 3 x k 4, 10 rows; no transposed weights. (The products
// share their maps: L[j, b, a] is R[a, j, c]'s, Zt X's, Yt Z's.)
// CHECK-DAG: #[[$R:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d2, d3)>
// CHECK-DAG: #[[$X:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d0, d3)>
// CHECK-DAG: #[[$Z:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d0, d2)>
// CHECK-DAG: #[[$SWAP:.+]] = affine_map<(d0, d1, d2) -> (d0, d2, d1)>
// CHECK-DAG: #[[$ID:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func @products
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2x5x12xf32>, %[[R:[^:]+]]: tensor<3x4x4xf32>, %[[L:[^:]+]]: tensor<4x3x3xf32>)
// CHECK: %[[GRID:.+]] = tensor.expand_shape %{{.+}} output_shape [10, 3, 4]
// CHECK-NOT: ins(%[[R]] : tensor<3x4x4xf32>)
// CHECK: %[[Z:.+]] = linalg.generic {indexing_maps = [#[[$R]], #[[$X]], #[[$Z]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[R]], %[[GRID]] : tensor<3x4x4xf32>, tensor<10x3x4xf32>) outs(%{{.+}} : tensor<10x3x4xf32>)
// CHECK: %[[ZT:.+]] = linalg.generic {indexing_maps = [#[[$SWAP]], #[[$ID]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[Z]] : tensor<10x3x4xf32>) outs(%{{.+}} : tensor<10x4x3xf32>)
// CHECK: %[[YT:.+]] = linalg.generic {indexing_maps = [#[[$R]], #[[$X]], #[[$Z]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[L]], %[[ZT]] : tensor<4x3x3xf32>, tensor<10x4x3xf32>) outs(%{{.+}} : tensor<10x4x3xf32>)
// CHECK: %[[Y:.+]] = linalg.generic {indexing_maps = [#[[$SWAP]], #[[$ID]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[YT]] : tensor<10x4x3xf32>) outs(%{{.+}} : tensor<10x3x4xf32>)
// CHECK-NOT: linalg.generic
// CHECK: %[[FLAT:.+]] = tensor.collapse_shape %[[Y]] {{\[}}[0], [1, 2]] : tensor<10x3x4xf32> into tensor<10x12xf32>
// CHECK: %[[OUT:.+]] = tensor.expand_shape %[[FLAT]]
// CHECK: return %[[OUT]]
func.func @products(%x: tensor<2x5x12xf32>, %r: tensor<3x4x4xf32>, %l: tensor<4x3x3xf32>) -> tensor<2x5x12xf32> {
  %y = ssm.monarch %x, %r, %l : tensor<2x5x12xf32>, tensor<3x4x4xf32>, tensor<4x3x3xf32> -> tensor<2x5x12xf32>
  return %y : tensor<2x5x12xf32>
}

// bf16 with rounded product operands: the copy that transposes Z also
// rounds it to bf16, which the second product reads (widened).
// ROUND-LABEL: func @rounded
// ROUND: %[[Z:.+]] = linalg.generic {{.*}} outs(%{{.+}} : tensor<10x3x4xf32>)
// ROUND: %[[ZT:.+]] = linalg.generic {{.*}} ins(%[[Z]] : tensor<10x3x4xf32>) outs(%{{.+}} : tensor<10x4x3xbf16>)
// ROUND-NEXT: ^bb0(%[[V:.+]]: f32, %{{.+}}: bf16):
// ROUND-NEXT:   %[[T:.+]] = arith.truncf %[[V]] : f32 to bf16
// ROUND-NEXT:   linalg.yield %[[T]] : bf16
// ROUND: linalg.generic {{.*}} ins(%{{.+}}, %[[ZT]] : tensor<4x3x3x{{.+}}>, tensor<10x4x3xbf16>) outs(%{{.+}} : tensor<10x4x3xf32>)
func.func @rounded(%x: tensor<10x12xbf16>, %r: tensor<3x4x4xbf16>, %l: tensor<4x3x3xbf16>) -> tensor<10x12xbf16> {
  %y = ssm.monarch %x, %r, %l : tensor<10x12xbf16>, tensor<3x4x4xbf16>, tensor<4x3x3xbf16> -> tensor<10x12xbf16>
  return %y : tensor<10x12xbf16>
}
