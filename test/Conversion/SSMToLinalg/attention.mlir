// RUN: ssm-opt %s -split-input-file --convert-ssm-to-linalg \
// RUN:   | FileCheck %s --implicit-check-not=ssm. --implicit-check-not='{{x(13|37)x(67|37|130)x}}'
// ssm.attention lowers to the flash algorithm: an scf.for over key blocks of
// block_k (64 by default, the schedule's block_k when it has one) carrying
// the running row max, row sum and unnormalised output. The largest score
// tensor is one key block, [B, H, Lq, min(block_k, Lk - j)]: the implicit
// CHECK-NOT rejects any tensor with the test's Lq and Lk as adjacent dims (an
// [Lq, Lk] score matrix) in every case below.

// Causal GQA with Lq = 13 < Lk = 67 and the default block of 64 keys; the
// mask compares key j0 + j with query i + (Lk - Lq).
// CHECK-LABEL: func @default_block
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<1x4x13x8xf32>, %[[K:[^:]+]]: tensor<1x2x67x8xf32>, %[[V:[^:]+]]: tensor<1x2x67x8xf32>)
// CHECK-DAG: %[[LK:.+]] = arith.constant 67 : index
// CHECK-DAG: %[[BLOCK:.+]] = arith.constant 64 : index
// CHECK: %[[LOOP:.+]]:3 = scf.for %[[J:[^ ]+]] = %{{.+}} to %[[LK]] step %[[BLOCK]]
// CHECK-SAME: iter_args(%[[M:[^ ]+]] = %{{.+}}, %[[L:[^ ]+]] = %{{.+}}, %[[ACC:[^ ]+]] = %{{.+}}) -> (tensor<1x4x13xf32>, tensor<1x4x13xf32>, tensor<1x4x13x8xf32>)
// CHECK: %[[REM:.+]] = arith.subi %[[LK]], %[[J]]
// CHECK: %[[CUR:.+]] = arith.minsi %[[REM]], %[[BLOCK]]
// CHECK: %[[KB:.+]] = tensor.extract_slice %[[K]][0, 0, %[[J]], 0] [1, 2, %[[CUR]], 8] [1, 1, 1, 1] : tensor<1x2x67x8xf32> to tensor<1x2x?x8xf32>
// CHECK: %[[VB:.+]] = tensor.extract_slice %[[V]][0, 0, %[[J]], 0] [1, 2, %[[CUR]], 8] [1, 1, 1, 1] : tensor<1x2x67x8xf32> to tensor<1x2x?x8xf32>
// CHECK: %[[S:[^ ]+]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]{{.*}} ins(%[[Q]], %[[KB]] : tensor<1x4x13x8xf32>, tensor<1x2x?x8xf32>) outs(%{{.+}} : tensor<1x4x13x?xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[S]] : tensor<1x4x13x?xf32>)
// CHECK: arith.addi %{{.+}}, %[[J]] : index
// CHECK: arith.cmpi sle
// CHECK-NOT: arith.cmpi sge
// CHECK: %[[MNEW:.+]] = linalg.generic {{.*}} outs(%[[M]] : tensor<1x4x13xf32>)
// CHECK: arith.maximumf
// CHECK: math.exp
// CHECK: %[[ACCNEW:.+]] = linalg.generic {{.*}} ins(%{{.+}}, %[[VB]] : tensor<1x4x13x?xf32>, tensor<1x2x?x8xf32>) outs(%{{.+}} : tensor<1x4x13x8xf32>)
// CHECK: scf.yield %[[MNEW]], %{{.+}}, %[[ACCNEW]] : tensor<1x4x13xf32>, tensor<1x4x13xf32>, tensor<1x4x13x8xf32>
// y = acc / l, 0 for an empty row.
// CHECK: %[[Y:.+]] = linalg.generic {{.*}} ins(%[[LOOP]]#2, %[[LOOP]]#1 : tensor<1x4x13x8xf32>, tensor<1x4x13xf32>)
// CHECK: arith.divf
// CHECK: return %[[Y]] : tensor<1x4x13x8xf32>
func.func @default_block(%q: tensor<1x4x13x8xf32>, %k: tensor<1x2x67x8xf32>, %v: tensor<1x2x67x8xf32>) -> tensor<1x4x13x8xf32> {
  %y = ssm.attention %q, %k, %v causal : tensor<1x4x13x8xf32>, tensor<1x2x67x8xf32>, tensor<1x2x67x8xf32> -> tensor<1x4x13x8xf32>
  return %y : tensor<1x4x13x8xf32>
}

// -----

// A hand-written flash schedule sets the key block: a step of 16 over
// Lk = 37 (blocks of 16, 16, 5). With a window, the mask also keeps
// j >= i + (Lk - Lq) - (w - 1).
// CHECK-LABEL: func @scheduled_block
// CHECK: %[[BLOCK:.+]] = arith.constant 16 : index
// CHECK-NOT: arith.constant 64 : index
// CHECK: scf.for %[[J:[^ ]+]] = %{{.+}} to %{{.+}} step %[[BLOCK]]
// CHECK-SAME: -> (tensor<1x2x37xf32>, tensor<1x2x37xf32>, tensor<1x2x37x8xf32>)
// CHECK: arith.minsi %{{.+}}, %[[BLOCK]]
// CHECK: linalg.generic {{.*}} outs(%{{.+}} : tensor<1x2x37x?xf32>)
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

// Without a mask the scaled scores are not compared with any index; an
// explicit scale replaces 1/sqrt(E). Lk = 130 is blocks of 64, 64 and 2.
// CHECK-LABEL: func @unmasked_scale
// CHECK-NOT: math.rsqrt
// CHECK-DAG: %[[SCALE:.+]] = arith.constant 2.500000e-01 : f32
// CHECK-DAG: %[[LK:.+]] = arith.constant 130 : index
// CHECK-DAG: %[[BLOCK:.+]] = arith.constant 64 : index
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

// Dynamic batch and lengths: the loop runs to the run-time Lk and the default
// scale is computed from E.
// CHECK-LABEL: func @dynamic_lengths
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<?x2x?x8xf64>, %[[K:[^:]+]]: tensor<?x2x?x8xf64>
// CHECK: tensor.dim %[[K]]
// CHECK: %[[LK:.+]] = tensor.dim %[[K]]
// CHECK: arith.subi %[[LK]]
// CHECK: math.rsqrt %{{.+}} : f64
// CHECK: %[[BLOCK:.+]] = arith.constant 64 : index
// CHECK: scf.for %{{.+}} = %{{.+}} to %[[LK]] step %[[BLOCK]]
// CHECK-SAME: -> (tensor<?x2x?xf64>, tensor<?x2x?xf64>, tensor<?x2x?x8xf64>)
// CHECK: linalg.generic {{.*}} outs(%{{.+}} : tensor<?x2x?x?xf64>)
func.func @dynamic_lengths(%q: tensor<?x2x?x8xf64>, %k: tensor<?x2x?x8xf64>, %v: tensor<?x2x?x8xf64>) -> tensor<?x2x?x8xf64> {
  %y = ssm.attention %q, %k, %v causal : tensor<?x2x?x8xf64>, tensor<?x2x?x8xf64>, tensor<?x2x?x8xf64> -> tensor<?x2x?x8xf64>
  return %y : tensor<?x2x?x8xf64>
}
