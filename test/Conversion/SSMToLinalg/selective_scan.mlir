// RUN: ssm-opt %s -split-input-file --convert-ssm-to-linalg="tile-scan-channels=false" --cse \
// RUN:   | FileCheck %s --implicit-check-not=ssm. --implicit-check-not='{{[<x]13x([0-9]+x)*6x5x}}'
// (--cse merges the repeated tensor.dim queries of the dynamic case.)
// ssm.selective_scan lowers to the sequential algorithm: an scf.for over time
// carrying the state, kept as [B, N, D] so that channels are innermost, and
// the output, which each step writes in place (its row is filled with zero,
// then accumulated into). L = 13, D = 6, N = 5: the implicit CHECK-NOT
// rejects a state kept for every time step ([..., L, D, N]) in every case.

// Every optional operand: skip, gate, delta_bias, init (the loop's initial
// state, transposed) and delta_softplus, with G = 3 < D = 6 (channel d reads
// group d / 2), and the final state transposed back from the loop's state.
// CHECK-DAG: #[[$DN:.+]] = affine_map<(d0, d1, d2) -> (d0, d2, d1)>
// CHECK-DAG: #[[$BGN:.+]] = affine_map<(d0, d1, d2) -> (d0, d2 floordiv 2, d1)>
// CHECK-LABEL: func @all_operands
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2x13x6xf32>, %[[DELTA:[^:]+]]: tensor<2x13x6xf32>, %[[A:[^:]+]]: tensor<6x5xf32>, %[[B:[^:]+]]: tensor<2x13x3x5xf32>, %[[C:[^:]+]]: tensor<2x13x3x5xf32>, %[[SKIP:[^:]+]]: tensor<6xf32>, %[[Z:[^:]+]]: tensor<2x13x6xf32>, %[[BIAS:[^:]+]]: tensor<6xf32>, %[[H0:[^:]+]]: tensor<2x6x5xf32>)
// CHECK: %[[AT:.+]] = linalg.generic {{.*}} ins(%[[A]] : tensor<6x5xf32>) outs(%{{.+}} : tensor<5x6xf32>)
// CHECK: %[[HT0:.+]] = linalg.generic {{.*}} ins(%[[H0]] : tensor<2x6x5xf32>) outs(%{{.+}} : tensor<2x5x6xf32>)
// CHECK: %[[L:[^ ]+]] = arith.constant 13 : index
// CHECK: %[[LOOP:.+]]:3 = scf.for %[[T:[^ ]+]] = %{{.+}} to %[[L]] step %{{.+}} iter_args(%[[H:[^ ]+]] = %[[HT0]], %[[OUT:[^ ]+]] = %{{.+}}, %[[DTBUF:[^ ]+]] = %{{.+}}) -> (tensor<2x5x6xf32>, tensor<2x13x6xf32>, tensor<2x6xf32>)
// CHECK-DAG: %[[XT_FULL:.+]] = tensor.extract_slice %[[X]][0, %[[T]], 0] [2, 1, 6] [1, 1, 1] : tensor<2x13x6xf32> to tensor<2x1x6xf32>
// CHECK-DAG: %[[XT:.+]] = tensor.collapse_shape %[[XT_FULL]] {{.*}} : tensor<2x1x6xf32> into tensor<2x6xf32>
// CHECK-DAG: %[[DT_IN_FULL:.+]] = tensor.extract_slice %[[DELTA]][0, %[[T]], 0] [2, 1, 6] [1, 1, 1] : tensor<2x13x6xf32> to tensor<2x1x6xf32>
// CHECK-DAG: %[[DT_IN:.+]] = tensor.collapse_shape %[[DT_IN_FULL]] {{.*}} : tensor<2x1x6xf32> into tensor<2x6xf32>
// dt = softplus(delta + delta_bias), into the carried row buffer
// CHECK: %[[DT:.+]] = linalg.generic {{.*}} ins(%[[DT_IN]], %[[BIAS]] : tensor<2x6xf32>, tensor<6xf32>) outs(%[[DTBUF]] : tensor<2x6xf32>)
// CHECK: math.log1p
// CHECK: %[[ROW:.+]] = tensor.extract_slice %[[OUT]][0, %[[T]], 0] [2, 1, 6] [1, 1, 1] : tensor<2x13x6xf32> to tensor<2x6xf32>
// CHECK: %[[Y0:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%[[ROW]] : tensor<2x6xf32>)
// CHECK-DAG: %[[BT_FULL:.+]] = tensor.extract_slice %[[B]][0, %[[T]], 0, 0] [2, 1, 3, 5] [1, 1, 1, 1] : tensor<2x13x3x5xf32> to tensor<2x1x3x5xf32>
// CHECK-DAG: %[[BT:.+]] = tensor.collapse_shape %[[BT_FULL]] {{.*}} : tensor<2x1x3x5xf32> into tensor<2x3x5xf32>
// CHECK-DAG: %[[CT_FULL:.+]] = tensor.extract_slice %[[C]][0, %[[T]], 0, 0] [2, 1, 3, 5] [1, 1, 1, 1] : tensor<2x13x3x5xf32> to tensor<2x1x3x5xf32>
// CHECK-DAG: %[[CT:.+]] = tensor.collapse_shape %[[CT_FULL]] {{.*}} : tensor<2x1x3x5xf32> into tensor<2x3x5xf32>
// h = exp(dt A) h + dt B x, in place; y += C h, reduced over N; loops (b, n, d)
// CHECK: %[[NEXT:.+]]:2 = linalg.generic {{.*}}#[[$BGN]]{{.*}}iterator_types = ["parallel", "reduction", "parallel"]} ins(%[[DT]], %[[AT]], %[[BT]], %[[XT]], %[[CT]] : tensor<2x6xf32>, tensor<5x6xf32>, tensor<2x3x5xf32>, tensor<2x6xf32>, tensor<2x3x5xf32>) outs(%[[H]], %[[Y0]] : tensor<2x5x6xf32>, tensor<2x6xf32>)
// CHECK: math.exp
// (y + skip x) silu(z), in place
// CHECK: %[[ZT_FULL:.+]] = tensor.extract_slice %[[Z]][0, %[[T]], 0] [2, 1, 6]
// CHECK: %[[ZT:.+]] = tensor.collapse_shape %[[ZT_FULL]]
// CHECK: %[[GATED:.+]] = linalg.generic {{.*}} ins(%[[XT]], %[[SKIP]], %[[ZT]] : tensor<2x6xf32>, tensor<6xf32>, tensor<2x6xf32>) outs(%[[NEXT]]#1 : tensor<2x6xf32>)
// CHECK: %[[WRITTEN:.+]] = tensor.insert_slice %[[GATED]] into %[[OUT]][0, %[[T]], 0] [2, 1, 6] [1, 1, 1] : tensor<2x6xf32> into tensor<2x13x6xf32>
// CHECK: scf.yield %[[NEXT]]#0, %[[WRITTEN]], %[[DT]] : tensor<2x5x6xf32>, tensor<2x13x6xf32>, tensor<2x6xf32>
// CHECK: %[[HN:.+]] = linalg.generic {indexing_maps = [#[[$DN]], {{.*}} ins(%[[LOOP]]#0 : tensor<2x5x6xf32>) outs(%{{.+}} : tensor<2x6x5xf32>)
// CHECK: return %[[LOOP]]#1, %[[HN]] : tensor<2x13x6xf32>, tensor<2x6x5xf32>
func.func @all_operands(%x: tensor<2x13x6xf32>, %delta: tensor<2x13x6xf32>, %A: tensor<6x5xf32>, %B: tensor<2x13x3x5xf32>, %C: tensor<2x13x3x5xf32>, %skip: tensor<6xf32>, %z: tensor<2x13x6xf32>, %bias: tensor<6xf32>, %h0: tensor<2x6x5xf32>) -> (tensor<2x13x6xf32>, tensor<2x6x5xf32>) {
  %y, %h = ssm.selective_scan %x, %delta, %A, %B, %C skip(%skip) gate(%z) delta_bias(%bias) init(%h0) delta_softplus : (tensor<2x13x6xf32>, tensor<2x13x6xf32>, tensor<6x5xf32>, tensor<2x13x3x5xf32>, tensor<2x13x3x5xf32>, tensor<6xf32>, tensor<2x13x6xf32>, tensor<6xf32>, tensor<2x6x5xf32>) -> (tensor<2x13x6xf32>, tensor<2x6x5xf32>)
  return %y, %h : tensor<2x13x6xf32>, tensor<2x6x5xf32>
}

// -----

// No optional operand: the state starts at zero, dt is delta itself (no
// softplus, no row buffer), one group (Bm/Cm read at group 0), and y is the
// reduction with nothing applied after it.
// CHECK-DAG: #[[$B0N:.+]] = affine_map<(d0, d1, d2) -> (d0, 0, d1)>
// CHECK-LABEL: func @minimal
// CHECK: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f64
// CHECK: %[[H0:.+]] = linalg.fill ins(%[[ZERO]] : f64) outs(%{{.+}} : tensor<1x5x6xf64>)
// CHECK: scf.for %{{.+}} = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%{{.+}} = %[[H0]], %{{.+}} = %{{.+}}) -> (tensor<1x5x6xf64>, tensor<1x13x6xf64>)
// CHECK-NOT: math.log1p
// CHECK: %[[YT:.+]]:2 = linalg.generic {{.*}}#[[$B0N]]{{.*}} outs(%{{.+}}, %{{.+}} : tensor<1x5x6xf64>, tensor<1x6xf64>)
// CHECK: math.exp
// CHECK: linalg.yield
// CHECK-NEXT: } -> (tensor<1x5x6xf64>, tensor<1x6xf64>)
// CHECK-NEXT: tensor.insert_slice %[[YT]]#1
func.func @minimal(%x: tensor<1x13x6xf64>, %A: tensor<6x5xf64>, %B: tensor<1x13x1x5xf64>) -> tensor<1x13x6xf64> {
  %y = ssm.selective_scan %x, %x, %A, %B, %B : (tensor<1x13x6xf64>, tensor<1x13x6xf64>, tensor<6x5xf64>, tensor<1x13x1x5xf64>, tensor<1x13x1x5xf64>) -> tensor<1x13x6xf64>
  return %y : tensor<1x13x6xf64>
}

// -----

// Dynamic batch, length and state size: the loop runs to the run-time L and
// the state is [B, N, 6] with B and N from the operands.
// CHECK-LABEL: func @dynamic
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x?x6xf32>
// CHECK: %[[C1:.+]] = arith.constant 1 : index
// CHECK-NEXT: %[[L:[^ ]+]] = tensor.dim %[[X]], %[[C1]] : tensor<?x?x6xf32>
// CHECK: scf.for %{{.+}} = %{{.+}} to %[[L]] step %{{.+}} iter_args({{.*}}) -> (tensor<?x?x6xf32>, tensor<?x?x6xf32>, tensor<?x6xf32>)
func.func @dynamic(%x: tensor<?x?x6xf32>, %A: tensor<6x?xf32>, %B: tensor<?x?x2x?xf32>) -> tensor<?x?x6xf32> {
  %y = ssm.selective_scan %x, %x, %A, %B, %B delta_softplus : (tensor<?x?x6xf32>, tensor<?x?x6xf32>, tensor<6x?xf32>, tensor<?x?x2x?xf32>, tensor<?x?x2x?xf32>) -> tensor<?x?x6xf32>
  return %y : tensor<?x?x6xf32>
}
