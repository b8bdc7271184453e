// RUN: ssm-opt %s --convert-ssm-to-linalg --cse | FileCheck %s --implicit-check-not=ssm.

// With static shapes, a sequential ssm.ssd runs as one scan per (batch,
// head) in an scf.forall: each iteration carries its head's [1, 1, N, P]
// state through all 13 steps (no parallel loop per step), reads its
// group's Bm/Cm (head h: group h floordiv 3), and writes its slices of the
// output and of the final state in place.
// CHECK-LABEL: func @heads
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2x13x6x3xf32>, %[[DT:[^:]+]]: tensor<2x13x6xf32>, %[[A:[^:]+]]: tensor<6xf32>, %[[B:[^:]+]]: tensor<2x13x2x5xf32>, %[[C:[^:]+]]: tensor<2x13x2x5xf32>, %[[SKIP:[^:]+]]: tensor<6xf32>, %[[H0:[^:]+]]: tensor<2x6x3x5xf32>)
// CHECK: %[[TILES:.+]]:2 = scf.forall (%[[BI:.+]], %[[HI:.+]]) in (2, 6) shared_outs(%[[Y:.+]] = %{{.+}}, %[[HT:.+]] = %{{.+}}) -> (tensor<2x13x6x3xf32>, tensor<2x6x3x5xf32>)
// CHECK:   %[[G:.+]] = arith.divui %[[HI]], %c3
// CHECK:   tensor.extract_slice %[[X]][%[[BI]], 0, %[[HI]], 0] [1, 13, 1, 3]
// CHECK:   tensor.extract_slice %[[B]][%[[BI]], 0, %[[G]], 0] [1, 13, 1, 5]
// CHECK:   tensor.extract_slice %[[H0]][%[[BI]], %[[HI]], 0, 0] [1, 1, 3, 5]
// CHECK:   scf.for %{{.+}} = %c0 to %c13 step %c1 iter_args({{.*}}) -> (tensor<1x1x5x3xf32>, tensor<1x13x1x3xf32>, tensor<1x1xf32>, tensor<1x1xf32>)
// CHECK-NOT: scf.forall
// CHECK:   scf.forall.in_parallel
// CHECK:     tensor.parallel_insert_slice %{{.+}} into %[[Y]][%[[BI]], 0, %[[HI]], 0] [1, 13, 1, 3]
// CHECK:     tensor.parallel_insert_slice %{{.+}} into %[[HT]][%[[BI]], %[[HI]], 0, 0] [1, 1, 3, 5]
// CHECK: return %[[TILES]]#0, %[[TILES]]#1
func.func @heads(%x: tensor<2x13x6x3xf32>, %dt: tensor<2x13x6xf32>, %A: tensor<6xf32>, %B: tensor<2x13x2x5xf32>, %C: tensor<2x13x2x5xf32>, %skip: tensor<6xf32>, %h0: tensor<2x6x3x5xf32>) -> (tensor<2x13x6x3xf32>, tensor<2x6x3x5xf32>) {
  %y, %h = ssm.ssd %x, %dt, %A, %B, %C skip(%skip) init(%h0) dt_softplus : (tensor<2x13x6x3xf32>, tensor<2x13x6xf32>, tensor<6xf32>, tensor<2x13x2x5xf32>, tensor<2x13x2x5xf32>, tensor<6xf32>, tensor<2x6x3x5xf32>) -> (tensor<2x13x6x3xf32>, tensor<2x6x3x5xf32>)
  return %y, %h : tensor<2x13x6x3xf32>, tensor<2x6x3x5xf32>
}
