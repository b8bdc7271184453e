// RUN: ssm-opt %s -split-input-file --convert-ssm-to-linalg="tile-heads=false" \
// RUN:   | FileCheck %s --implicit-check-not=ssm. --implicit-check-not='{{x13x13x}}'
// RUN: ssm-opt %s -split-input-file --convert-ssm-to-linalg \
// RUN:   | FileCheck %s --check-prefix=HEADS
// By default (HEADS), a causal one with static shapes runs one loop per
// (batch, head) in an scf.forall, each carrying its head's [1, 1, F, Ev]
// state through all steps.
// HEADS-LABEL: func @causal_taylor2_normalize
// HEADS: scf.forall (%[[B:.+]], %[[H:.+]]) in (2, 3) shared_outs(%[[Y:.+]] = %{{.+}}) -> (tensor<2x3x13x5xf32>)
// HEADS: scf.for {{.*}} -> (tensor<1x1x21x5xf32>, tensor<1x1x21xf32>, tensor<1x1x13x5xf32>)
// HEADS: tensor.parallel_insert_slice %{{.+}} into %[[Y]][%[[B]], %[[H]], 0, 0] [1, 1, 13, 5]
// Causal ssm.linear_attention lowers to the recurrent algorithm: an scf.for
// over time carrying the state S = sum_s phi(k_s) v_s^T [B, H, F, Ev], the
// normaliser sum_s phi(k_s) [B, H, F] and the output. Without causal the sums
// are one reduction over time shared by every query. L = 13: the implicit
// CHECK-NOT rejects an [L, L] attention matrix in every case below.

// Causal, normalized, Taylor-2 features: F = 1 + E + E^2 = 21 for E = 4
// ([1, x, vec(x x^T)/sqrt(2)] assembled by insert_slice).
// CHECK-LABEL: func @causal_taylor2_normalize
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<2x3x13x4xf32>, %[[K:[^:]+]]: tensor<2x3x13x4xf32>, %[[V:[^:]+]]: tensor<2x3x13x5xf32>)
// CHECK: %[[ONES:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<2x3x13x21xf32>)
// CHECK: %[[WITHX:.+]] = tensor.insert_slice %[[Q]] into %[[ONES]][0, 0, 0, 1] [2, 3, 13, 4]
// CHECK: %[[OUTER:.+]] = linalg.generic {{.*}} ins(%[[Q]], %[[Q]] : {{.*}}) outs(%{{.+}} : tensor<2x3x13x4x4xf32>)
// CHECK: arith.constant 0.7071067
// CHECK: %[[FLAT:.+]] = tensor.collapse_shape %[[OUTER]] {{\[}}[0], [1], [2], [3, 4]] : tensor<2x3x13x4x4xf32> into tensor<2x3x13x16xf32>
// CHECK: %[[PHIQ:.+]] = tensor.insert_slice %[[FLAT]] into %[[WITHX]][0, 0, 0, 5] [2, 3, 13, 16]
// CHECK: %[[PHIK:.+]] = tensor.insert_slice %{{.+}} into %{{.+}}[0, 0, 0, 5] [2, 3, 13, 16]
// CHECK: %[[S0:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<2x3x21x5xf32>)
// CHECK: %[[Z0:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<2x3x21xf32>)
// CHECK: %[[LOOP:.+]]:3 = scf.for %[[T:[^ ]+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[S:[^ ]+]] = %[[S0]], %[[Z:[^ ]+]] = %[[Z0]], %[[OUT:[^ ]+]] = %{{.+}}) -> (tensor<2x3x21x5xf32>, tensor<2x3x21xf32>, tensor<2x3x13x5xf32>)
// CHECK-DAG: %[[KT_FULL:.+]] = tensor.extract_slice %[[PHIK]][0, 0, %[[T]], 0] [2, 3, 1, 21] [1, 1, 1, 1] : tensor<2x3x13x21xf32> to tensor<2x3x1x21xf32>
// CHECK-DAG: %[[KT:.+]] = tensor.collapse_shape %[[KT_FULL]] {{.*}} : tensor<2x3x1x21xf32> into tensor<2x3x21xf32>
// CHECK-DAG: %[[VT_FULL:.+]] = tensor.extract_slice %[[V]][0, 0, %[[T]], 0] [2, 3, 1, 5] [1, 1, 1, 1] : tensor<2x3x13x5xf32> to tensor<2x3x1x5xf32>
// CHECK-DAG: %[[VT:.+]] = tensor.collapse_shape %[[VT_FULL]] {{.*}} : tensor<2x3x1x5xf32> into tensor<2x3x5xf32>
// CHECK-DAG: %[[QT_FULL:.+]] = tensor.extract_slice %[[PHIQ]][0, 0, %[[T]], 0] [2, 3, 1, 21] [1, 1, 1, 1] : tensor<2x3x13x21xf32> to tensor<2x3x1x21xf32>
// CHECK-DAG: %[[QT:.+]] = tensor.collapse_shape %[[QT_FULL]] {{.*}} : tensor<2x3x1x21xf32> into tensor<2x3x21xf32>
// CHECK: %[[SNEW:.+]] = linalg.generic {{.*}} ins(%[[KT]], %[[VT]], %[[S]] : tensor<2x3x21xf32>, tensor<2x3x5xf32>, tensor<2x3x21x5xf32>) outs(%{{.+}} : tensor<2x3x21x5xf32>)
// CHECK: %[[ZNEW:.+]] = linalg.generic {{.*}} ins(%[[KT]], %[[Z]] : tensor<2x3x21xf32>, tensor<2x3x21xf32>)
// CHECK: %[[NUM:.+]] = linalg.generic {{.*}} ins(%[[QT]], %[[SNEW]] : tensor<2x3x21xf32>, tensor<2x3x21x5xf32>) outs(%{{.+}} : tensor<2x3x5xf32>)
// CHECK: %[[DEN:.+]] = linalg.generic {{.*}} ins(%[[QT]], %[[ZNEW]] : tensor<2x3x21xf32>, tensor<2x3x21xf32>) outs(%{{.+}} : tensor<2x3xf32>)
// CHECK: %[[YT:.+]] = linalg.generic {{.*}} ins(%[[NUM]], %[[DEN]] : tensor<2x3x5xf32>, tensor<2x3xf32>)
// CHECK: arith.divf
// CHECK: %[[NEXT:.+]] = tensor.insert_slice %[[YT]] into %[[OUT]][0, 0, %[[T]], 0] [2, 3, 1, 5]
// CHECK: scf.yield %[[SNEW]], %[[ZNEW]], %[[NEXT]]
// CHECK: return %[[LOOP]]#2
func.func @causal_taylor2_normalize(%q: tensor<2x3x13x4xf32>, %k: tensor<2x3x13x4xf32>, %v: tensor<2x3x13x5xf32>) -> tensor<2x3x13x5xf32> {
  %y = ssm.linear_attention %q, %k, %v causal normalize feature_map taylor2 : tensor<2x3x13x4xf32>, tensor<2x3x13x4xf32>, tensor<2x3x13x5xf32> -> tensor<2x3x13x5xf32>
  return %y : tensor<2x3x13x5xf32>
}

// -----

// Causal with the identity map and no normalisation: phi is the input itself
// (F = E = 4) and each step reads out the numerator only.
// CHECK-LABEL: func @causal_identity
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<1x2x13x4xf64>, %[[K:[^:]+]]: tensor<1x2x13x4xf64>
// CHECK: scf.for %[[T:[a-z0-9_]+]] = {{.*}} -> (tensor<1x2x4x3xf64>, tensor<1x2x4xf64>, tensor<1x2x13x3xf64>)
// CHECK-DAG: tensor.extract_slice %[[K]][0, 0, %[[T]], 0] [1, 2, 1, 4]
// CHECK-DAG: tensor.extract_slice %[[Q]][0, 0, %[[T]], 0] [1, 2, 1, 4]
// CHECK-NOT: arith.divf
// CHECK: scf.yield
func.func @causal_identity(%q: tensor<1x2x13x4xf64>, %k: tensor<1x2x13x4xf64>, %v: tensor<1x2x13x3xf64>) -> tensor<1x2x13x3xf64> {
  %y = ssm.linear_attention %q, %k, %v causal : tensor<1x2x13x4xf64>, tensor<1x2x13x4xf64>, tensor<1x2x13x3xf64> -> tensor<1x2x13x3xf64>
  return %y : tensor<1x2x13x3xf64>
}

// -----

// Not causal, elu1, normalized: no loop; S and the normaliser are reductions
// over time, then every query reads them.
// CHECK-LABEL: func @full_elu1_normalize
// CHECK-NOT: scf.for
// CHECK: %[[PHIQ:.+]] = linalg.generic {{.*}} outs(%{{.+}} : tensor<2x3x13x4xf32>)
// CHECK: arith.cmpf ogt
// CHECK: math.exp
// CHECK: %[[PHIK:.+]] = linalg.generic {{.*}} outs(%{{.+}} : tensor<2x3x13x4xf32>)
// CHECK: %[[S:[^ ]+]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]{{.*}} ins(%[[PHIK]], %{{.+}} : tensor<2x3x13x4xf32>, tensor<2x3x13x5xf32>) outs(%{{.+}} : tensor<2x3x4x5xf32>)
// CHECK: %[[Z:[^ ]+]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "reduction"]{{.*}} ins(%[[PHIK]] : tensor<2x3x13x4xf32>) outs(%{{.+}} : tensor<2x3x4xf32>)
// CHECK: %[[NUM:.+]] = linalg.generic {{.*}} ins(%[[PHIQ]], %[[S]] : tensor<2x3x13x4xf32>, tensor<2x3x4x5xf32>) outs(%{{.+}} : tensor<2x3x13x5xf32>)
// CHECK: %[[DEN:.+]] = linalg.generic {{.*}} ins(%[[PHIQ]], %[[Z]] : tensor<2x3x13x4xf32>, tensor<2x3x4xf32>) outs(%{{.+}} : tensor<2x3x13xf32>)
// CHECK: %[[Y:.+]] = linalg.generic {{.*}} ins(%[[NUM]], %[[DEN]] : tensor<2x3x13x5xf32>, tensor<2x3x13xf32>)
// CHECK: return %[[Y]]
func.func @full_elu1_normalize(%q: tensor<2x3x13x4xf32>, %k: tensor<2x3x13x4xf32>, %v: tensor<2x3x13x5xf32>) -> tensor<2x3x13x5xf32> {
  %y = ssm.linear_attention %q, %k, %v normalize feature_map elu1 : tensor<2x3x13x4xf32>, tensor<2x3x13x4xf32>, tensor<2x3x13x5xf32> -> tensor<2x3x13x5xf32>
  return %y : tensor<2x3x13x5xf32>
}

// -----

// relu features: max(x, 0).
// CHECK-LABEL: func @full_relu
// CHECK: linalg.generic
// CHECK: arith.maximumf
// CHECK-NOT: scf.for
// CHECK: return
func.func @full_relu(%q: tensor<1x1x13x4xf32>, %v: tensor<1x1x13x4xf32>) -> tensor<1x1x13x4xf32> {
  %y = ssm.linear_attention %q, %q, %v feature_map relu : tensor<1x1x13x4xf32>, tensor<1x1x13x4xf32>, tensor<1x1x13x4xf32> -> tensor<1x1x13x4xf32>
  return %y : tensor<1x1x13x4xf32>
}
