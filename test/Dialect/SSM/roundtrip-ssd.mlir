// RUN: ssm-opt %s | ssm-opt | FileCheck %s
// RUN: ssm-opt %s --mlir-print-op-generic | ssm-opt | FileCheck %s
// RUN: ssm-opt %s --emit-bytecode | ssm-opt | FileCheck %s
// ssm.ssd round-trips through its custom, generic and bytecode forms.

// Required operands only, one result, no flag.
// CHECK-LABEL: func @ssd_minimal(
// CHECK-SAME: %[[X:[^:]+]]: tensor<2x64x8x16xf32>, %[[DT:[^:]+]]: tensor<2x64x8xf32>, %[[A:[^:]+]]: tensor<8xf32>, %[[B:[^:]+]]: tensor<2x64x1x32xf32>, %[[C:[^:]+]]: tensor<2x64x1x32xf32>)
// CHECK: %[[Y:.+]] = ssm.ssd %[[X]], %[[DT]], %[[A]], %[[B]], %[[C]] : (tensor<2x64x8x16xf32>, tensor<2x64x8xf32>, tensor<8xf32>, tensor<2x64x1x32xf32>, tensor<2x64x1x32xf32>) -> tensor<2x64x8x16xf32>
// CHECK: return %[[Y]]
func.func @ssd_minimal(%x: tensor<2x64x8x16xf32>, %dt: tensor<2x64x8xf32>, %A: tensor<8xf32>, %B: tensor<2x64x1x32xf32>, %C: tensor<2x64x1x32xf32>) -> tensor<2x64x8x16xf32> {
  %y = ssm.ssd %x, %dt, %A, %B, %C : (tensor<2x64x8x16xf32>, tensor<2x64x8xf32>, tensor<8xf32>, tensor<2x64x1x32xf32>, tensor<2x64x1x32xf32>) -> tensor<2x64x8x16xf32>
  return %y : tensor<2x64x8x16xf32>
}

// Every optional operand, `dt_softplus` and the final state.
// CHECK-LABEL: func @ssd_all(
// CHECK-SAME: %[[X:[^:]+]]: tensor<2x64x8x16xf32>, %[[DT:[^:]+]]: tensor<2x64x8xf32>, %[[A:[^:]+]]: tensor<8xf32>, %[[B:[^:]+]]: tensor<2x64x2x32xf32>, %[[C:[^:]+]]: tensor<2x64x2x32xf32>, %[[D:[^:]+]]: tensor<8xf32>, %[[H0:[^:]+]]: tensor<2x8x16x32xf32>)
// CHECK: %[[Y:[^,]+]], %[[HT:.+]] = ssm.ssd %[[X]], %[[DT]], %[[A]], %[[B]], %[[C]] skip(%[[D]]) init(%[[H0]]) dt_softplus : (tensor<2x64x8x16xf32>, tensor<2x64x8xf32>, tensor<8xf32>, tensor<2x64x2x32xf32>, tensor<2x64x2x32xf32>, tensor<8xf32>, tensor<2x8x16x32xf32>) -> (tensor<2x64x8x16xf32>, tensor<2x8x16x32xf32>)
// CHECK: return %[[Y]], %[[HT]]
func.func @ssd_all(%x: tensor<2x64x8x16xf32>, %dt: tensor<2x64x8xf32>, %A: tensor<8xf32>, %B: tensor<2x64x2x32xf32>, %C: tensor<2x64x2x32xf32>, %D: tensor<8xf32>, %h0: tensor<2x8x16x32xf32>) -> (tensor<2x64x8x16xf32>, tensor<2x8x16x32xf32>) {
  %y, %hT = ssm.ssd %x, %dt, %A, %B, %C skip(%D) init(%h0) dt_softplus : (tensor<2x64x8x16xf32>, tensor<2x64x8xf32>, tensor<8xf32>, tensor<2x64x2x32xf32>, tensor<2x64x2x32xf32>, tensor<8xf32>, tensor<2x8x16x32xf32>) -> (tensor<2x64x8x16xf32>, tensor<2x8x16x32xf32>)
  return %y, %hT : tensor<2x64x8x16xf32>, tensor<2x8x16x32xf32>
}

// `skip` alone with `dt_softplus`.
// CHECK-LABEL: func @ssd_skip(
// CHECK-SAME: %[[X:[^:]+]]: tensor<1x4x2x3xf32>, %[[DT:[^:]+]]: tensor<1x4x2xf32>, %[[A:[^:]+]]: tensor<2xf32>, %[[B:[^:]+]]: tensor<1x4x1x5xf32>)
// CHECK: %[[Y:.+]] = ssm.ssd %[[X]], %[[DT]], %[[A]], %[[B]], %[[B]] skip(%[[A]]) dt_softplus : (tensor<1x4x2x3xf32>, tensor<1x4x2xf32>, tensor<2xf32>, tensor<1x4x1x5xf32>, tensor<1x4x1x5xf32>, tensor<2xf32>) -> tensor<1x4x2x3xf32>
// CHECK: return %[[Y]]
func.func @ssd_skip(%x: tensor<1x4x2x3xf32>, %dt: tensor<1x4x2xf32>, %A: tensor<2xf32>, %B: tensor<1x4x1x5xf32>) -> tensor<1x4x2x3xf32> {
  %y = ssm.ssd %x, %dt, %A, %B, %B skip(%A) dt_softplus : (tensor<1x4x2x3xf32>, tensor<1x4x2xf32>, tensor<2xf32>, tensor<1x4x1x5xf32>, tensor<1x4x1x5xf32>, tensor<2xf32>) -> tensor<1x4x2x3xf32>
  return %y : tensor<1x4x2x3xf32>
}

// `init` alone with the final state.
// CHECK-LABEL: func @ssd_init_final_state(
// CHECK-SAME: %[[X:[^:]+]]: tensor<1x4x2x3xf32>, %[[DT:[^:]+]]: tensor<1x4x2xf32>, %[[A:[^:]+]]: tensor<2xf32>, %[[B:[^:]+]]: tensor<1x4x2x5xf32>, %[[H0:[^:]+]]: tensor<1x2x3x5xf32>)
// CHECK: %[[Y:[^,]+]], %[[HT:.+]] = ssm.ssd %[[X]], %[[DT]], %[[A]], %[[B]], %[[B]] init(%[[H0]]) : (tensor<1x4x2x3xf32>, tensor<1x4x2xf32>, tensor<2xf32>, tensor<1x4x2x5xf32>, tensor<1x4x2x5xf32>, tensor<1x2x3x5xf32>) -> (tensor<1x4x2x3xf32>, tensor<1x2x3x5xf32>)
// CHECK: return %[[Y]], %[[HT]]
func.func @ssd_init_final_state(%x: tensor<1x4x2x3xf32>, %dt: tensor<1x4x2xf32>, %A: tensor<2xf32>, %B: tensor<1x4x2x5xf32>, %h0: tensor<1x2x3x5xf32>) -> (tensor<1x4x2x3xf32>, tensor<1x2x3x5xf32>) {
  %y, %hT = ssm.ssd %x, %dt, %A, %B, %B init(%h0) : (tensor<1x4x2x3xf32>, tensor<1x4x2xf32>, tensor<2xf32>, tensor<1x4x2x5xf32>, tensor<1x4x2x5xf32>, tensor<1x2x3x5xf32>) -> (tensor<1x4x2x3xf32>, tensor<1x2x3x5xf32>)
  return %y, %hT : tensor<1x4x2x3xf32>, tensor<1x2x3x5xf32>
}

// `init` without the final state, in f64.
// CHECK-LABEL: func @ssd_init_f64(
// CHECK-SAME: %[[X:[^:]+]]: tensor<1x4x2x3xf64>, %[[DT:[^:]+]]: tensor<1x4x2xf64>, %[[A:[^:]+]]: tensor<2xf64>, %[[B:[^:]+]]: tensor<1x4x2x5xf64>, %[[H0:[^:]+]]: tensor<1x2x3x5xf64>)
// CHECK: %[[Y:.+]] = ssm.ssd %[[X]], %[[DT]], %[[A]], %[[B]], %[[B]] init(%[[H0]]) : (tensor<1x4x2x3xf64>, tensor<1x4x2xf64>, tensor<2xf64>, tensor<1x4x2x5xf64>, tensor<1x4x2x5xf64>, tensor<1x2x3x5xf64>) -> tensor<1x4x2x3xf64>
// CHECK: return %[[Y]]
func.func @ssd_init_f64(%x: tensor<1x4x2x3xf64>, %dt: tensor<1x4x2xf64>, %A: tensor<2xf64>, %B: tensor<1x4x2x5xf64>, %h0: tensor<1x2x3x5xf64>) -> tensor<1x4x2x3xf64> {
  %y = ssm.ssd %x, %dt, %A, %B, %B init(%h0) : (tensor<1x4x2x3xf64>, tensor<1x4x2xf64>, tensor<2xf64>, tensor<1x4x2x5xf64>, tensor<1x4x2x5xf64>, tensor<1x2x3x5xf64>) -> tensor<1x4x2x3xf64>
  return %y : tensor<1x4x2x3xf64>
}

// The final state without init, dynamic batch and length, bf16.
// CHECK-LABEL: func @ssd_dynamic_bf16(
// CHECK-SAME: %[[X:[^:]+]]: tensor<?x?x4x8xbf16>, %[[DT:[^:]+]]: tensor<?x?x4xbf16>, %[[A:[^:]+]]: tensor<4xbf16>, %[[B:[^:]+]]: tensor<?x?x2x16xbf16>)
// CHECK: %[[Y:[^,]+]], %[[HT:.+]] = ssm.ssd %[[X]], %[[DT]], %[[A]], %[[B]], %[[B]] dt_softplus : (tensor<?x?x4x8xbf16>, tensor<?x?x4xbf16>, tensor<4xbf16>, tensor<?x?x2x16xbf16>, tensor<?x?x2x16xbf16>) -> (tensor<?x?x4x8xbf16>, tensor<?x4x8x16xbf16>)
// CHECK: return %[[Y]], %[[HT]]
func.func @ssd_dynamic_bf16(%x: tensor<?x?x4x8xbf16>, %dt: tensor<?x?x4xbf16>, %A: tensor<4xbf16>, %B: tensor<?x?x2x16xbf16>) -> (tensor<?x?x4x8xbf16>, tensor<?x4x8x16xbf16>) {
  %y, %hT = ssm.ssd %x, %dt, %A, %B, %B dt_softplus : (tensor<?x?x4x8xbf16>, tensor<?x?x4xbf16>, tensor<4xbf16>, tensor<?x?x2x16xbf16>, tensor<?x?x2x16xbf16>) -> (tensor<?x?x4x8xbf16>, tensor<?x4x8x16xbf16>)
  return %y, %hT : tensor<?x?x4x8xbf16>, tensor<?x4x8x16xbf16>
}

// f16 operands with skip.
// CHECK-LABEL: func @ssd_f16(
// CHECK: ssm.ssd {{.*}} skip({{.*}}) : (tensor<1x2x2x2xf16>, tensor<1x2x2xf16>, tensor<2xf16>, tensor<1x2x2x2xf16>, tensor<1x2x2x2xf16>, tensor<2xf16>) -> tensor<1x2x2x2xf16>
func.func @ssd_f16(%x: tensor<1x2x2x2xf16>, %dt: tensor<1x2x2xf16>, %A: tensor<2xf16>) -> tensor<1x2x2x2xf16> {
  %y = ssm.ssd %x, %dt, %A, %x, %x skip(%A) : (tensor<1x2x2x2xf16>, tensor<1x2x2xf16>, tensor<2xf16>, tensor<1x2x2x2xf16>, tensor<1x2x2x2xf16>, tensor<2xf16>) -> tensor<1x2x2x2xf16>
  return %y : tensor<1x2x2x2xf16>
}
