// RUN: ssm-opt %s -split-input-file --convert-ssm-to-linalg \
// RUN:   | FileCheck %s --implicit-check-not=ssm. --implicit-check-not='{{x(13|37)x(67|37|130)x}}'
// ssm.attention lowers to the flash algorithm: an scf.for over key blocks of
// block_k (64 by default, the schedule's block_k when it has one) carrying
// the running row max, row sum and unnormalised output. With static shapes
// it runs in an scf.forall over (batch, head, block of block_q queries),
// each tile over only the keys its queries see and writing its rows of the
// output in place. The largest score tensor is one tile, [block_q,
// min(block_k, hi - j)]: the implicit CHECK-NOT rejects any tensor with the
// test's Lq and Lk as adjacent dims (an [Lq, Lk] score matrix) in every
// case below.

// Causal GQA with Lq = 13 < Lk = 67 and the default blocks of 64: one query
// tile per (batch, head), reading kv head h / 2; its keys end at the last
// query's diagonal, min(Lk, q0 + 13 + (Lk - Lq)); the mask compares key
// j0 + j with query q0 + i + (Lk - Lq).
// CHECK-LABEL: func @default_block
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<1x4x13x8xf32>, %[[K:[^:]+]]: tensor<1x2x67x8xf32>, %[[V:[^:]+]]: tensor<1x2x67x8xf32>)
// CHECK-DAG: %[[LQ:.+]] = arith.constant 13 : index
// CHECK-DAG: %[[LK:.+]] = arith.constant 67 : index
// CHECK: %[[SHIFT:.+]] = arith.subi %[[LK]], %[[LQ]] : index
// CHECK: %[[RES:.+]] = scf.forall (%[[B:.+]], %[[H:.+]], %[[T:.+]]) in (1, 4, 1) shared_outs(%[[Y:.+]] = %{{.+}}) -> (tensor<1x4x13x8xf32>)
// CHECK: %[[Q0:.+]] = arith.muli %[[T]], %{{.+}} : index
// CHECK: %[[ROWS:.+]] = arith.constant 13 : index
// CHECK: %[[KVH:.+]] = arith.divui %[[H]], %{{.+}} : index
// CHECK: %[[END0:.+]] = arith.addi %[[Q0]], %[[ROWS]] : index
// CHECK: %[[END:.+]] = arith.addi %[[END0]], %[[SHIFT]] : index
// CHECK: %[[MIN:.+]] = arith.minsi %[[LK]], %[[END]] : index
// CHECK: %[[HI:.+]] = arith.maxsi %{{.+}}, %[[MIN]] : index
// CHECK-DAG: %[[QT:.+]] = tensor.extract_slice %[[Q]][%[[B]], %[[H]], %[[Q0]], 0] [1, 1, 13, 8] [1, 1, 1, 1] : tensor<1x4x13x8xf32> to tensor<1x1x13x8xf32>
// CHECK-DAG: %[[KT:.+]] = tensor.extract_slice %[[K]][%[[B]], %[[KVH]], 0, 0] [1, 1, 67, 8] [1, 1, 1, 1] : tensor<1x2x67x8xf32> to tensor<1x1x67x8xf32>
// CHECK-DAG: %[[VT:.+]] = tensor.extract_slice %[[V]][%[[B]], %[[KVH]], 0, 0] [1, 1, 67, 8] [1, 1, 1, 1] : tensor<1x2x67x8xf32> to tensor<1x1x67x8xf32>
// CHECK-DAG: %[[YT:.+]] = tensor.extract_slice %[[Y]][%[[B]], %[[H]], %[[Q0]], 0] [1, 1, 13, 8] [1, 1, 1, 1] : tensor<1x4x13x8xf32> to tensor<1x1x13x8xf32>
// CHECK: %[[BLOCK:.+]] = arith.constant 64 : index
// CHECK: %[[LOOP:.+]]:3 = scf.for %[[J:[^ ]+]] = %{{.+}} to %[[HI]] step %[[BLOCK]]
// CHECK-SAME: iter_args(%[[M:[^ ]+]] = %{{.+}}, %[[L:[^ ]+]] = %{{.+}}, %[[ACC:[^ ]+]] = %{{.+}}) -> (tensor<1x1x13xf32>, tensor<1x1x13xf32>, tensor<1x1x13x8xf32>)
// CHECK: %[[REM:.+]] = arith.subi %[[HI]], %[[J]]
// CHECK: %[[CUR:.+]] = arith.minsi %[[REM]], %[[BLOCK]]
// CHECK: %[[KB:.+]] = tensor.extract_slice %[[KT]][0, 0, %[[J]], 0] [1, 1, %[[CUR]], 8] [1, 1, 1, 1] : tensor<1x1x67x8xf32> to tensor<1x1x?x8xf32>
// CHECK: %[[VB:.+]] = tensor.extract_slice %[[VT]][0, 0, %[[J]], 0] [1, 1, %[[CUR]], 8] [1, 1, 1, 1] : tensor<1x1x67x8xf32> to tensor<1x1x?x8xf32>
// CHECK: %[[S:[^ ]+]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]{{.*}} ins(%[[QT]], %[[KB]] : tensor<1x1x13x8xf32>, tensor<1x1x?x8xf32>) outs(%{{.+}} : tensor<1x1x13x?xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[S]] : tensor<1x1x13x?xf32>)
// CHECK: arith.addi %{{.+}}, %[[Q0]] : index
// CHECK: arith.addi %{{.+}}, %[[J]] : index
// CHECK: arith.cmpi sle
// CHECK-NOT: arith.cmpi sge
// CHECK: %[[MNEW:.+]] = linalg.generic {{.*}} outs(%[[M]] : tensor<1x1x13xf32>)
// CHECK: arith.maximumf
// CHECK: math.exp
// CHECK: %[[ACCNEW:.+]] = linalg.generic {{.*}} ins(%{{.+}}, %[[VB]] : tensor<1x1x13x?xf32>, tensor<1x1x?x8xf32>) outs(%{{.+}} : tensor<1x1x13x8xf32>)
// CHECK: scf.yield %[[MNEW]], %{{.+}}, %[[ACCNEW]] : tensor<1x1x13xf32>, tensor<1x1x13xf32>, tensor<1x1x13x8xf32>
// y = acc / l, 0 for an empty row, into the tile's rows of the output.
// CHECK: %[[YN:.+]] = linalg.generic {{.*}} ins(%[[LOOP]]#2, %[[LOOP]]#1 : tensor<1x1x13x8xf32>, tensor<1x1x13xf32>) outs(%[[YT]] : tensor<1x1x13x8xf32>)
// CHECK: arith.divf
// CHECK: scf.forall.in_parallel
// CHECK-NEXT: tensor.parallel_insert_slice %[[YN]] into %[[Y]][%[[B]], %[[H]], %[[Q0]], 0] [1, 1, 13, 8] [1, 1, 1, 1] : tensor<1x1x13x8xf32> into tensor<1x4x13x8xf32>
// CHECK: return %[[RES]] : tensor<1x4x13x8xf32>
func.func @default_block(%q: tensor<1x4x13x8xf32>, %k: tensor<1x2x67x8xf32>, %v: tensor<1x2x67x8xf32>) -> tensor<1x4x13x8xf32> {
  %y = ssm.attention %q, %k, %v causal : tensor<1x4x13x8xf32>, tensor<1x2x67x8xf32>, tensor<1x2x67x8xf32> -> tensor<1x4x13x8xf32>
  return %y : tensor<1x4x13x8xf32>
}

// -----

// A hand-written flash schedule sets the blocks: 3 query tiles of 16 rows
// (the last of 5: rows = min(16, Lq - q0)) and a key step of 16. With a
// window the tile's keys also start at its first query's window,
// max(0, q0 + (Lk - Lq) - (w - 1)), and the mask keeps
// j >= i + (Lk - Lq) - (w - 1).
// CHECK-LABEL: func @scheduled_block
// CHECK: scf.forall (%{{.+}}, %{{.+}}, %[[T:.+]]) in (1, 2, 3)
// CHECK: %[[Q0:.+]] = arith.muli %[[T]], %{{.+}} : index
// CHECK: %[[LEFT:.+]] = arith.subi %{{.+}}, %[[Q0]] : index
// CHECK: %[[ROWS:.+]] = arith.minsi %{{.+}}, %[[LEFT]] : index
// CHECK: %[[W:.+]] = arith.constant 8 : index
// CHECK: %[[FIRST0:.+]] = arith.addi %[[Q0]], %{{.+}} : index
// CHECK: %[[FIRST:.+]] = arith.subi %[[FIRST0]], %[[W]] : index
// CHECK: %[[LO:.+]] = arith.maxsi %{{.+}}, %[[FIRST]] : index
// CHECK: tensor.extract_slice %{{.+}}[%{{.+}}, %{{.+}}, %[[Q0]], 0] [1, 1, %[[ROWS]], 8]
// CHECK: %[[BLOCK:.+]] = arith.constant 16 : index
// CHECK-NOT: arith.constant 64 : index
// CHECK: scf.for %[[J:[^ ]+]] = %[[LO]] to %{{.+}} step %[[BLOCK]]
// CHECK-SAME: -> (tensor<1x1x?xf32>, tensor<1x1x?xf32>, tensor<1x1x?x8xf32>)
// CHECK: arith.minsi %{{.+}}, %[[BLOCK]]
// CHECK: linalg.generic {{.*}} outs(%{{.+}} : tensor<1x1x?x?xf32>)
// CHECK: arith.cmpi sle
// CHECK: arith.constant 8 : index
// CHECK: arith.cmpi sge
// CHECK: arith.andi
// CHECK: scf.yield
func.func @scheduled_block(%q: tensor<1x2x37x8xf32>, %k: tensor<1x2x37x8xf32>, %v: tensor<1x2x37x8xf32>) -> tensor<1x2x37x8xf32> {
  %y = ssm.attention %q, %k, %v causal window 9 {ssm.schedule = #ssm.schedule<"flash", {block_k = 16 : i64, block_q = 16 : i64}>} : tensor<1x2x37x8xf32>, tensor<1x2x37x8xf32>, tensor<1x2x37x8xf32> -> tensor<1x2x37x8xf32>
  return %y : tensor<1x2x37x8xf32>
}

// -----

// Without a mask every tile sees all keys and the scaled scores are not
// compared with any index; an explicit scale replaces 1/sqrt(E).
// Lk = 130 is blocks of 64, 64 and 2.
// CHECK-LABEL: func @unmasked_scale
// CHECK-NOT: math.rsqrt
// CHECK-DAG: %[[SCALE:.+]] = arith.constant 2.500000e-01 : f32
// CHECK-DAG: %[[LK:.+]] = arith.constant 130 : index
// CHECK: scf.forall (%{{.+}}, %{{.+}}, %{{.+}}) in (2, 2, 1)
// CHECK: %[[BLOCK:.+]] = arith.constant 64 : index
// CHECK: scf.for %{{.+}} = %{{.+}} to %[[LK]] step %[[BLOCK]]
// CHECK: linalg.generic
// CHECK: linalg.generic
// CHECK: arith.mulf %{{.+}}, %[[SCALE]] : f32
// CHECK-NOT: arith.cmpi
// CHECK: linalg.yield
// CHECK: scf.yield
func.func @unmasked_scale(%q: tensor<2x2x13x8xf32>, %k: tensor<2x1x130x8xf32>, %v: tensor<2x1x130x4xf32>) -> tensor<2x2x13x4xf32> {
  %y = ssm.attention %q, %k, %v scale 0.25 : tensor<2x2x13x8xf32>, tensor<2x1x130x8xf32>, tensor<2x1x130x4xf32> -> tensor<2x2x13x4xf32>
  return %y : tensor<2x2x13x4xf32>
}

// -----

// Dynamic batch and lengths: no query tiles; one loop over all queries up
// to the run-time causal bound max(0, min(Lk, Lq + (Lk - Lq))), and the
// default scale is computed from E.
// CHECK-LABEL: func @dynamic_lengths
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<?x2x?x8xf64>, %[[K:[^:]+]]: tensor<?x2x?x8xf64>
// CHECK-NOT: scf.forall
// CHECK: %[[C2:.+]] = arith.constant 2 : index
// CHECK-NEXT: %[[LQ:.+]] = tensor.dim %[[Q]], %[[C2]]
// CHECK: %[[C2K:.+]] = arith.constant 2 : index
// CHECK-NEXT: %[[LK:.+]] = tensor.dim %[[K]], %[[C2K]]
// CHECK-NEXT: %[[SHIFT:.+]] = arith.subi %[[LK]], %[[LQ]]
// CHECK: math.rsqrt %{{.+}} : f64
// CHECK: %[[END0:.+]] = arith.addi %{{.+}}, %[[LQ]] : index
// CHECK: %[[END:.+]] = arith.addi %[[END0]], %[[SHIFT]] : index
// CHECK: %[[MIN:.+]] = arith.minsi %[[LK]], %[[END]] : index
// CHECK: %[[HI:.+]] = arith.maxsi %{{.+}}, %[[MIN]] : index
// CHECK: %[[BLOCK:.+]] = arith.constant 64 : index
// CHECK: scf.for %{{.+}} = %{{.+}} to %[[HI]] step %[[BLOCK]]
// CHECK-SAME: -> (tensor<?x2x?xf64>, tensor<?x2x?xf64>, tensor<?x2x?x8xf64>)
// CHECK: linalg.generic {{.*}} outs(%{{.+}} : tensor<?x2x?x?xf64>)
func.func @dynamic_lengths(%q: tensor<?x2x?x8xf64>, %k: tensor<?x2x?x8xf64>, %v: tensor<?x2x?x8xf64>) -> tensor<?x2x?x8xf64> {
  %y = ssm.attention %q, %k, %v causal : tensor<?x2x?x8xf64>, tensor<?x2x?x8xf64>, tensor<?x2x?x8xf64> -> tensor<?x2x?x8xf64>
  return %y : tensor<?x2x?x8xf64>
}
