// RUN: ssm-opt %s -split-input-file --convert-ssm-to-linalg="tile-heads=false" --cse \
// RUN:   | FileCheck %s --implicit-check-not=ssm. --implicit-check-not='{{[<x]13x([0-9]+x)*6x(3x5|5x3)x}}'
// (--cse merges the repeated tensor.dim queries of the dynamic case.)
// Each (batch, head) as its own scan, static shapes (the default): see
// ssd-head-tiles.mlir.
// ssm.ssd lowers to the sequential algorithm: an scf.for over time carrying
// the state, kept as [B, H, N, P] so that head channels are innermost and
// updated in place, the output, which each step writes in place (its row is
// filled with zero, then accumulated into), and row buffers for the step's
// dt and decay exp(dt A) (once per head). L = 13, H = 6, P = 3, N = 5: the
// implicit CHECK-NOT rejects a state kept for every time step in every case
// below.

// Skip, init (the loop's initial state, transposed), dt_softplus and the
// final state (transposed back), with G = 2 < H = 6 (head h reads group
// h / 3).
// CHECK-DAG: #[[$BGN:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1 floordiv 3, d2)>
// CHECK-LABEL: func @skip_init_final
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2x13x6x3xf32>, %[[DT:[^:]+]]: tensor<2x13x6xf32>, %[[A:[^:]+]]: tensor<6xf32>, %[[B:[^:]+]]: tensor<2x13x2x5xf32>, %[[C:[^:]+]]: tensor<2x13x2x5xf32>, %[[SKIP:[^:]+]]: tensor<6xf32>, %[[H0:[^:]+]]: tensor<2x6x3x5xf32>)
// CHECK: %[[HT0:.+]] = linalg.generic {{.*}} ins(%[[H0]] : tensor<2x6x3x5xf32>) outs(%{{.+}} : tensor<2x6x5x3xf32>)
// CHECK: %[[L:[^ ]+]] = arith.constant 13 : index
// CHECK: %[[LOOP:.+]]:4 = scf.for %[[T:[^ ]+]] = %{{.+}} to %[[L]] step %{{.+}} iter_args(%[[H:[^ ]+]] = %[[HT0]], %[[OUT:[^ ]+]] = %{{.+}}, %[[DTBUF:[^ ]+]] = %{{.+}}, %[[DECAYBUF:[^ ]+]] = %{{.+}}) -> (tensor<2x6x5x3xf32>, tensor<2x13x6x3xf32>, tensor<2x6xf32>, tensor<2x6xf32>)
// CHECK: %[[DTT_FULL:.+]] = tensor.extract_slice %[[DT]][0, %[[T]], 0] [2, 1, 6] [1, 1, 1] : tensor<2x13x6xf32> to tensor<2x1x6xf32>
// CHECK: %[[DTT:.+]] = tensor.collapse_shape %[[DTT_FULL]] {{.*}} : tensor<2x1x6xf32> into tensor<2x6xf32>
// dt = softplus(dt_in), decay = exp(dt A), per head, into the row buffers
// CHECK: %[[STEP:.+]]:2 = linalg.generic {{.*}} ins(%[[DTT]], %[[A]] : tensor<2x6xf32>, tensor<6xf32>) outs(%[[DTBUF]], %[[DECAYBUF]] : tensor<2x6xf32>, tensor<2x6xf32>)
// CHECK: math.log1p
// CHECK: math.exp
// CHECK: %[[XT_FULL:.+]] = tensor.extract_slice %[[X]][0, %[[T]], 0, 0] [2, 1, 6, 3] [1, 1, 1, 1] : tensor<2x13x6x3xf32> to tensor<2x1x6x3xf32>
// CHECK: %[[XT:.+]] = tensor.collapse_shape %[[XT_FULL]] {{.*}} : tensor<2x1x6x3xf32> into tensor<2x6x3xf32>
// CHECK: %[[ROW:.+]] = tensor.extract_slice %[[OUT]][0, %[[T]], 0, 0] [2, 1, 6, 3] [1, 1, 1, 1] : tensor<2x13x6x3xf32> to tensor<2x6x3xf32>
// CHECK: %[[Y0:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%[[ROW]] : tensor<2x6x3xf32>)
// CHECK-DAG: %[[BT_FULL:.+]] = tensor.extract_slice %[[B]][0, %[[T]], 0, 0] [2, 1, 2, 5] [1, 1, 1, 1] : tensor<2x13x2x5xf32> to tensor<2x1x2x5xf32>
// CHECK-DAG: %[[BT:.+]] = tensor.collapse_shape %[[BT_FULL]] {{.*}} : tensor<2x1x2x5xf32> into tensor<2x2x5xf32>
// CHECK-DAG: %[[CT_FULL:.+]] = tensor.extract_slice %[[C]][0, %[[T]], 0, 0] [2, 1, 2, 5] [1, 1, 1, 1] : tensor<2x13x2x5xf32> to tensor<2x1x2x5xf32>
// CHECK-DAG: %[[CT:.+]] = tensor.collapse_shape %[[CT_FULL]] {{.*}} : tensor<2x1x2x5xf32> into tensor<2x2x5xf32>
// h = decay h + dt B x, in place; y += C h, reduced over N; loops (b, h, n, p)
// CHECK: %[[NEXT:.+]]:2 = linalg.generic {{.*}}#[[$BGN]]{{.*}}iterator_types = ["parallel", "parallel", "reduction", "parallel"]} ins(%[[STEP]]#0, %[[STEP]]#1, %[[BT]], %[[XT]], %[[CT]] : tensor<2x6xf32>, tensor<2x6xf32>, tensor<2x2x5xf32>, tensor<2x6x3xf32>, tensor<2x2x5xf32>) outs(%[[H]], %[[Y0]] : tensor<2x6x5x3xf32>, tensor<2x6x3xf32>)
// CHECK-NOT: math.exp
// CHECK: %[[WITHSKIP:.+]] = linalg.generic {{.*}} ins(%[[XT]], %[[SKIP]] : tensor<2x6x3xf32>, tensor<6xf32>) outs(%[[NEXT]]#1 : tensor<2x6x3xf32>)
// CHECK: %[[WRITTEN:.+]] = tensor.insert_slice %[[WITHSKIP]] into %[[OUT]][0, %[[T]], 0, 0] [2, 1, 6, 3] [1, 1, 1, 1] : tensor<2x6x3xf32> into tensor<2x13x6x3xf32>
// CHECK: scf.yield %[[NEXT]]#0, %[[WRITTEN]], %[[STEP]]#0, %[[STEP]]#1 : tensor<2x6x5x3xf32>, tensor<2x13x6x3xf32>, tensor<2x6xf32>, tensor<2x6xf32>
// CHECK: %[[HN:.+]] = linalg.generic {{.*}} ins(%[[LOOP]]#0 : tensor<2x6x5x3xf32>) outs(%{{.+}} : tensor<2x6x3x5xf32>)
// CHECK: return %[[LOOP]]#1, %[[HN]] : tensor<2x13x6x3xf32>, tensor<2x6x3x5xf32>
func.func @skip_init_final(%x: tensor<2x13x6x3xf32>, %dt: tensor<2x13x6xf32>, %A: tensor<6xf32>, %B: tensor<2x13x2x5xf32>, %C: tensor<2x13x2x5xf32>, %skip: tensor<6xf32>, %h0: tensor<2x6x3x5xf32>) -> (tensor<2x13x6x3xf32>, tensor<2x6x3x5xf32>) {
  %y, %h = ssm.ssd %x, %dt, %A, %B, %C skip(%skip) init(%h0) dt_softplus : (tensor<2x13x6x3xf32>, tensor<2x13x6xf32>, tensor<6xf32>, tensor<2x13x2x5xf32>, tensor<2x13x2x5xf32>, tensor<6xf32>, tensor<2x6x3x5xf32>) -> (tensor<2x13x6x3xf32>, tensor<2x6x3x5xf32>)
  return %y, %h : tensor<2x13x6x3xf32>, tensor<2x6x3x5xf32>
}

// -----

// No optional operand: a zero initial state, no softplus, one group (Bm/Cm
// read at group 0), and the step's output is the reduction itself.
// CHECK-DAG: #[[$B0N:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, 0, d2)>
// CHECK-LABEL: func @minimal
// CHECK: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f64
// CHECK: %[[H0:.+]] = linalg.fill ins(%[[ZERO]] : f64) outs(%{{.+}} : tensor<1x6x5x3xf64>)
// CHECK: scf.for %{{.+}} = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%{{.+}} = %[[H0]], {{.*}}) -> (tensor<1x6x5x3xf64>, tensor<1x13x6x3xf64>, tensor<1x6xf64>, tensor<1x6xf64>)
// CHECK-NOT: math.log1p
// CHECK: %[[YT:.+]]:2 = linalg.generic {{.*}}#[[$B0N]]{{.*}} outs(%{{.+}}, %{{.+}} : tensor<1x6x5x3xf64>, tensor<1x6x3xf64>)
// CHECK: } -> (tensor<1x6x5x3xf64>, tensor<1x6x3xf64>)
// CHECK-NEXT: tensor.insert_slice %[[YT]]#1
func.func @minimal(%x: tensor<1x13x6x3xf64>, %dt: tensor<1x13x6xf64>, %A: tensor<6xf64>, %B: tensor<1x13x1x5xf64>) -> tensor<1x13x6x3xf64> {
  %y = ssm.ssd %x, %dt, %A, %B, %B : (tensor<1x13x6x3xf64>, tensor<1x13x6xf64>, tensor<6xf64>, tensor<1x13x1x5xf64>, tensor<1x13x1x5xf64>) -> tensor<1x13x6x3xf64>
  return %y : tensor<1x13x6x3xf64>
}

// -----

// Dynamic batch, length, head dim and state size.
// CHECK-LABEL: func @dynamic
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x?x6x?xf32>
// CHECK: %[[C1:.+]] = arith.constant 1 : index
// CHECK-NEXT: %[[L:[^ ]+]] = tensor.dim %[[X]], %[[C1]] : tensor<?x?x6x?xf32>
// CHECK: scf.for %{{.+}} = %{{.+}} to %[[L]] step %{{.+}} iter_args({{.*}}) -> (tensor<?x6x?x?xf32>, tensor<?x?x6x?xf32>, tensor<?x6xf32>, tensor<?x6xf32>)
func.func @dynamic(%x: tensor<?x?x6x?xf32>, %dt: tensor<?x?x6xf32>, %A: tensor<6xf32>, %B: tensor<?x?x2x?xf32>) -> tensor<?x?x6x?xf32> {
  %y = ssm.ssd %x, %dt, %A, %B, %B dt_softplus : (tensor<?x?x6x?xf32>, tensor<?x?x6xf32>, tensor<6xf32>, tensor<?x?x2x?xf32>, tensor<?x?x2x?xf32>) -> tensor<?x?x6x?xf32>
  return %y : tensor<?x?x6x?xf32>
}
