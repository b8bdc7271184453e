// RUN: ssm-opt %s -split-input-file --convert-ssm-to-linalg \
// RUN:   | FileCheck %s --implicit-check-not=ssm. --implicit-check-not='{{[<x]13x([0-9]+x)*6x5x}}'
// RUN: ssm-opt %s -split-input-file --convert-ssm-to-linalg="scan-channel-block=1" \
// RUN:   | FileCheck %s --check-prefix=ONE
// With scan-channel-block=1 (the CUDA pipeline's choice) every channel is
// its own block: a thread per (batch, channel).
// With static shapes, selective_scan is split over batch x channel blocks:
// an scf.forall whose body is the sequential scan (scf.for over time) of a
// block's slices, which writes the block's slices of the shared outputs in
// place. L = 13, D = 6, N = 5; no state is kept per time step.

// B = 2, G = 3 groups of 2 channels: blocks of 2 channels, each within one
// group (block c reads group c), every optional operand sliced.
// ONE-LABEL: func @all_operands
// ONE:       scf.forall (%{{.+}}, %{{.+}}) in (2, 6)
// ONE:         scf.for {{.*}} -> (tensor<1x5x1xf32>, tensor<1x13x1xf32>, tensor<1x1xf32>)
// CHECK-LABEL: func @all_operands
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2x13x6xf32>, %{{[^:]+}}: tensor<2x13x6xf32>, %[[A:[^:]+]]: tensor<6x5xf32>, %[[B:[^:]+]]: tensor<2x13x3x5xf32>, %{{[^:]+}}: tensor<2x13x3x5xf32>, %[[SKIP:[^:]+]]: tensor<6xf32>, %{{[^:]+}}: tensor<2x13x6xf32>, %{{[^:]+}}: tensor<6xf32>, %[[H0:[^:]+]]: tensor<2x6x5xf32>)
// CHECK:      %[[RES:.+]]:2 = scf.forall (%[[BI:.+]], %[[BLK:.+]]) in (2, 3) shared_outs(%[[Y:.+]] = %{{.+}}, %[[HT:.+]] = %{{.+}}) -> (tensor<2x13x6xf32>, tensor<2x6x5xf32>)
// CHECK:        %[[D0:.+]] = arith.muli %[[BLK]], %{{.+}} : index
// CHECK:        %[[G:.+]] = arith.divui %[[D0]], %{{.+}} : index
// CHECK-DAG:    tensor.extract_slice %[[X]][%[[BI]], 0, %[[D0]]] [1, 13, 2] [1, 1, 1] : tensor<2x13x6xf32> to tensor<1x13x2xf32>
// CHECK-DAG:    tensor.extract_slice %[[A]][%[[D0]], 0] [2, 5] [1, 1] : tensor<6x5xf32> to tensor<2x5xf32>
// CHECK-DAG:    tensor.extract_slice %[[B]][%[[BI]], 0, %[[G]], 0] [1, 13, 1, 5] [1, 1, 1, 1] : tensor<2x13x3x5xf32> to tensor<1x13x1x5xf32>
// CHECK-DAG:    tensor.extract_slice %[[SKIP]][%[[D0]]] [2] [1] : tensor<6xf32> to tensor<2xf32>
// CHECK-DAG:    tensor.extract_slice %[[H0]][%[[BI]], %[[D0]], 0] [1, 2, 5] [1, 1, 1] : tensor<2x6x5xf32> to tensor<1x2x5xf32>
// CHECK-DAG:    %[[HDEST:.+]] = tensor.extract_slice %[[HT]][%[[BI]], %[[D0]], 0] [1, 2, 5] [1, 1, 1] : tensor<2x6x5xf32> to tensor<1x2x5xf32>
// CHECK-DAG:    %[[YDEST:.+]] = tensor.extract_slice %[[Y]][%[[BI]], 0, %[[D0]]] [1, 13, 2] [1, 1, 1] : tensor<2x13x6xf32> to tensor<1x13x2xf32>
// CHECK:        %[[LOOP:.+]]:3 = scf.for {{.*}} iter_args(%{{.+}} = %{{.+}}, %{{.+}} = %[[YDEST]], %{{.+}} = %{{.+}}) -> (tensor<1x5x2xf32>, tensor<1x13x2xf32>, tensor<1x2xf32>)
// CHECK:        %[[HBLOCK:.+]] = linalg.generic {{.*}} ins(%[[LOOP]]#0 : tensor<1x5x2xf32>) outs(%[[HDEST]] : tensor<1x2x5xf32>)
// CHECK:        scf.forall.in_parallel
// CHECK-NEXT:     tensor.parallel_insert_slice %[[LOOP]]#1 into %[[Y]][%[[BI]], 0, %[[D0]]] [1, 13, 2] [1, 1, 1] : tensor<1x13x2xf32> into tensor<2x13x6xf32>
// CHECK-NEXT:     tensor.parallel_insert_slice %[[HBLOCK]] into %[[HT]][%[[BI]], %[[D0]], 0] [1, 2, 5] [1, 1, 1] : tensor<1x2x5xf32> into tensor<2x6x5xf32>
// CHECK:      return %[[RES]]#0, %[[RES]]#1
func.func @all_operands(%x: tensor<2x13x6xf32>, %delta: tensor<2x13x6xf32>, %A: tensor<6x5xf32>, %B: tensor<2x13x3x5xf32>, %C: tensor<2x13x3x5xf32>, %skip: tensor<6xf32>, %z: tensor<2x13x6xf32>, %bias: tensor<6xf32>, %h0: tensor<2x6x5xf32>) -> (tensor<2x13x6xf32>, tensor<2x6x5xf32>) {
  %y, %h = ssm.selective_scan %x, %delta, %A, %B, %C skip(%skip) gate(%z) delta_bias(%bias) init(%h0) delta_softplus : (tensor<2x13x6xf32>, tensor<2x13x6xf32>, tensor<6x5xf32>, tensor<2x13x3x5xf32>, tensor<2x13x3x5xf32>, tensor<6xf32>, tensor<2x13x6xf32>, tensor<6xf32>, tensor<2x6x5xf32>) -> (tensor<2x13x6xf32>, tensor<2x6x5xf32>)
  return %y, %h : tensor<2x13x6xf32>, tensor<2x6x5xf32>
}

// -----

// One batch and one block (6 channels in one group fit a block): nothing to
// split, the scan is the sequential loop itself.
// ONE-LABEL: func @one_block
// ONE:       scf.forall (%{{.+}}, %{{.+}}) in (1, 6)
// CHECK-LABEL: func @one_block
// CHECK-NOT:  scf.forall
// CHECK:      scf.for {{.*}} -> (tensor<1x5x6xf64>, tensor<1x13x6xf64>)
func.func @one_block(%x: tensor<1x13x6xf64>, %A: tensor<6x5xf64>, %B: tensor<1x13x1x5xf64>) -> tensor<1x13x6xf64> {
  %y = ssm.selective_scan %x, %x, %A, %B, %B : (tensor<1x13x6xf64>, tensor<1x13x6xf64>, tensor<6x5xf64>, tensor<1x13x1x5xf64>, tensor<1x13x1x5xf64>) -> tensor<1x13x6xf64>
  return %y : tensor<1x13x6xf64>
}

// -----

// A schedule's block_d (the cost model's, or one written by hand) bounds the
// block too: 6 channels in one group in blocks of 3 (the largest divisor of
// 6 up to 4); the pass option still caps it (blocks of 1 with
// scan-channel-block=1).
// ONE-LABEL: func @scheduled_block
// ONE:       scf.forall (%{{.+}}, %{{.+}}) in (1, 6)
// CHECK-LABEL: func @scheduled_block
// CHECK:      scf.forall (%{{.+}}, %{{.+}}) in (1, 2)
// CHECK:        scf.for {{.*}} -> (tensor<1x5x3xf32>, tensor<1x13x3xf32>, tensor<1x3xf32>)
func.func @scheduled_block(%x: tensor<1x13x6xf32>, %A: tensor<6x5xf32>, %B: tensor<1x13x1x5xf32>) -> tensor<1x13x6xf32> {
  %y = ssm.selective_scan %x, %x, %A, %B, %B delta_softplus {ssm.schedule = #ssm.schedule<"sequential", {block_d = 4 : i64}>} : (tensor<1x13x6xf32>, tensor<1x13x6xf32>, tensor<6x5xf32>, tensor<1x13x1x5xf32>, tensor<1x13x1x5xf32>) -> tensor<1x13x6xf32>
  return %y : tensor<1x13x6xf32>
}

// -----

// Dynamic shapes are not split.
// CHECK-LABEL: func @dynamic
// CHECK-NOT:  scf.forall
// CHECK:      scf.for
func.func @dynamic(%x: tensor<?x?x6xf32>, %A: tensor<6x?xf32>, %B: tensor<?x?x2x?xf32>) -> tensor<?x?x6xf32> {
  %y = ssm.selective_scan %x, %x, %A, %B, %B delta_softplus : (tensor<?x?x6xf32>, tensor<?x?x6xf32>, tensor<6x?xf32>, tensor<?x?x2x?xf32>, tensor<?x?x2x?xf32>) -> tensor<?x?x6xf32>
  return %y : tensor<?x?x6xf32>
}
