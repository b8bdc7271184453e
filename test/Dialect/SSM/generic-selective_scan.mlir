// RUN: ssm-opt %s | FileCheck %s
// ssm.selective_scan written in the generic form parses and prints in its custom form.

// operandSegmentSizes selecting skip and init (not gate, delta_bias), two results.
// CHECK-LABEL: func @selective_scan_segments(
// CHECK-SAME: %[[X:[^:]+]]: tensor<1x7x4xf32>, %[[A:[^:]+]]: tensor<4x16xf32>, %[[B:[^:]+]]: tensor<1x7x2x16xf32>, %[[D:[^:]+]]: tensor<4xf32>, %[[H0:[^:]+]]: tensor<1x4x16xf32>)
// CHECK: %[[Y:[^,]+]], %[[HT:.+]] = ssm.selective_scan %[[X]], %[[X]], %[[A]], %[[B]], %[[B]] skip(%[[D]]) init(%[[H0]]) delta_softplus : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<4xf32>, tensor<1x4x16xf32>) -> (tensor<1x7x4xf32>, tensor<1x4x16xf32>)
// CHECK: return %[[Y]], %[[HT]]
func.func @selective_scan_segments(%x: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %B: tensor<1x7x2x16xf32>, %D: tensor<4xf32>, %h0: tensor<1x4x16xf32>) -> (tensor<1x7x4xf32>, tensor<1x4x16xf32>) {
  %r:2 = "ssm.selective_scan"(%x, %x, %A, %B, %B, %D, %h0) <{delta_softplus, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 0, 0, 1>}> : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<4xf32>, tensor<1x4x16xf32>) -> (tensor<1x7x4xf32>, tensor<1x4x16xf32>)
  return %r#0, %r#1 : tensor<1x7x4xf32>, tensor<1x4x16xf32>
}

// operandSegmentSizes selecting gate and delta_bias only, one result.
// CHECK-LABEL: func @selective_scan_gate_delta_bias(
// CHECK-SAME: %[[X:[^:]+]]: tensor<1x7x4xf32>, %[[A:[^:]+]]: tensor<4x16xf32>, %[[B:[^:]+]]: tensor<1x7x2x16xf32>, %[[D:[^:]+]]: tensor<4xf32>)
// CHECK: %[[Y:.+]] = ssm.selective_scan %[[X]], %[[X]], %[[A]], %[[B]], %[[B]] gate(%[[X]]) delta_bias(%[[D]]) : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x4xf32>, tensor<4xf32>) -> tensor<1x7x4xf32>
// CHECK: return %[[Y]]
func.func @selective_scan_gate_delta_bias(%x: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %B: tensor<1x7x2x16xf32>, %D: tensor<4xf32>) -> tensor<1x7x4xf32> {
  %y = "ssm.selective_scan"(%x, %x, %A, %B, %B, %x, %D) <{operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 0, 1, 1, 0>}> : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x4xf32>, tensor<4xf32>) -> tensor<1x7x4xf32>
  return %y : tensor<1x7x4xf32>
}
