// RUN: ssm-opt %s -split-input-file --convert-ssm-to-linalg | FileCheck %s --implicit-check-not=ssm.
// ssm.long_conv with the direct algorithm: the input is zero-padded in front
// by Lk - 1 (causal) or doubled (circular), and one linalg.generic reduces
// over the taps s: y[b, t, d] += k[d, s] u_pad[b, t - s + offset, d]. There is
// no loop and no [L, Lk] Toeplitz matrix. The cases pin the "direct" schedule:
// without one, static shapes take the cost model's choice for the host.

// Causal, Lk = 5 < L = 13, with bias: the skip term bias[d] u[b, t, d]
// initialises the accumulator, the input is padded by 4.
// CHECK-DAG: #[[$TAPS:.+]] = affine_map<(d0, d1, d2, d3) -> (d2, d3)>
// CHECK-DAG: #[[$PAD4:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1 - d3 + 4, d2)>
// CHECK-DAG: #[[$OUT:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func @causal_bias
// CHECK-SAME: (%[[U:[^:]+]]: tensor<2x13x3xf32>, %[[K:[^:]+]]: tensor<3x5xf32>, %[[BIAS:[^:]+]]: tensor<3xf32>)
// CHECK: %[[SKIP:.+]] = linalg.generic {{.*}} ins(%[[BIAS]], %[[U]] : tensor<3xf32>, tensor<2x13x3xf32>)
// CHECK: %[[ZEROS:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<2x{{17|\?}}x3xf32>)
// CHECK: %[[PADDED:.+]] = tensor.insert_slice %[[U]] into %[[ZEROS]][0, 4, 0] [2, 13, 3] [1, 1, 1]
// CHECK: %[[Y:.+]] = linalg.generic {indexing_maps = [#[[$TAPS]], #[[$PAD4]], #[[$OUT]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[K]], %[[PADDED]] : tensor<3x5xf32>, tensor<2x{{17|\?}}x3xf32>) outs(%[[SKIP]] : tensor<2x13x3xf32>)
// CHECK-NEXT: ^bb0
// CHECK-NEXT: arith.mulf
// CHECK-NEXT: arith.addf
// CHECK-NEXT: linalg.yield
// CHECK-NOT: linalg.generic
// CHECK: return %[[Y]] : tensor<2x13x3xf32>
func.func @causal_bias(%u: tensor<2x13x3xf32>, %k: tensor<3x5xf32>, %bias: tensor<3xf32>) -> tensor<2x13x3xf32> {
  %y = ssm.long_conv %u, %k bias(%bias) {ssm.schedule = #ssm.schedule<"direct", {}>} : (tensor<2x13x3xf32>, tensor<3x5xf32>, tensor<3xf32>) -> tensor<2x13x3xf32>
  return %y : tensor<2x13x3xf32>
}

// -----

// Causal, Lk = 37 > L = 13, no bias: a zero accumulator and a pad of 36.
// CHECK-DAG: #[[$PAD36:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1 - d3 + 36, d2)>
// CHECK-LABEL: func @causal_long_filter
// CHECK-SAME: (%[[U:[^:]+]]: tensor<1x13x2xf64>, %[[K:[^:]+]]: tensor<2x37xf64>)
// CHECK: %[[ACC:.+]] = linalg.fill ins(%{{.+}} : f64) outs(%{{.+}} : tensor<1x13x2xf64>)
// CHECK: %[[PADDED:.+]] = tensor.insert_slice %[[U]] into %{{.+}}[0, 36, 0] [1, 13, 2] [1, 1, 1]
// CHECK: %[[Y:.+]] = linalg.generic {indexing_maps = [#{{.+}}, #[[$PAD36]], #{{.+}}], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[K]], %[[PADDED]] : tensor<2x37xf64>, tensor<1x{{49|\?}}x2xf64>) outs(%[[ACC]] : tensor<1x13x2xf64>)
// CHECK: return %[[Y]]
func.func @causal_long_filter(%u: tensor<1x13x2xf64>, %k: tensor<2x37xf64>) -> tensor<1x13x2xf64> {
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"direct", {}>} : (tensor<1x13x2xf64>, tensor<2x37xf64>) -> tensor<1x13x2xf64>
  return %y : tensor<1x13x2xf64>
}

// -----

// Circular, L = Lk = 13: u is written twice into a [B, 2L, D] tensor and the
// taps read uu[t - s + L].
// CHECK-DAG: #[[$WRAP:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1 - d3 + 13, d2)>
// CHECK-LABEL: func @circular
// CHECK-SAME: (%[[U:[^:]+]]: tensor<2x13x3xf32>, %[[K:[^:]+]]: tensor<3x13xf32>)
// CHECK: %[[ZEROS:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<2x26x3xf32>)
// CHECK: %[[ONCE:.+]] = tensor.insert_slice %[[U]] into %[[ZEROS]][0, 0, 0] [2, 13, 3]
// CHECK: %[[TWICE:.+]] = tensor.insert_slice %[[U]] into %[[ONCE]][0, 13, 0] [2, 13, 3]
// CHECK: %[[Y:.+]] = linalg.generic {indexing_maps = [#{{.+}}, #[[$WRAP]], #{{.+}}], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%{{.+}}, %[[TWICE]] : tensor<3x13xf32>, tensor<2x26x3xf32>)
// CHECK: return %[[Y]]
func.func @circular(%u: tensor<2x13x3xf32>, %k: tensor<3x13xf32>) -> tensor<2x13x3xf32> {
  %y = ssm.long_conv %u, %k mode circular {ssm.schedule = #ssm.schedule<"direct", {}>} : (tensor<2x13x3xf32>, tensor<3x13xf32>) -> tensor<2x13x3xf32>
  return %y : tensor<2x13x3xf32>
}

// -----

// Dynamic batch and length: the pad is the run-time L + Lk - 1.
// CHECK-LABEL: func @dynamic
// CHECK-SAME: (%[[U:[^:]+]]: tensor<?x?x3xf32>
// CHECK: %[[C4:.+]] = arith.constant 4 : index
// CHECK: %[[PADLEN:.+]] = arith.addi %{{.+}}, %[[C4]] : index
// CHECK: tensor.empty(%{{.+}}, %[[PADLEN]]) : tensor<?x?x3xf32>
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "reduction"]{{.*}} outs(%{{.+}} : tensor<?x?x3xf32>)
func.func @dynamic(%u: tensor<?x?x3xf32>, %k: tensor<3x5xf32>) -> tensor<?x?x3xf32> {
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"direct", {}>} : (tensor<?x?x3xf32>, tensor<3x5xf32>) -> tensor<?x?x3xf32>
  return %y : tensor<?x?x3xf32>
}
