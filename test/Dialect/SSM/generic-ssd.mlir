// RUN: ssm-opt %s | FileCheck %s
// ssm.ssd written in the generic form parses and prints in its custom form.

// operandSegmentSizes selecting init only, with dt_softplus and the final state.
// CHECK-LABEL: func @ssd_segments(
// CHECK-SAME: %[[X:[^:]+]]: tensor<2x8x4x3xf32>, %[[DT:[^:]+]]: tensor<2x8x4xf32>, %[[A:[^:]+]]: tensor<4xf32>, %[[B:[^:]+]]: tensor<2x8x2x5xf32>, %[[H0:[^:]+]]: tensor<2x4x3x5xf32>)
// CHECK: %[[Y:[^,]+]], %[[HT:.+]] = ssm.ssd %[[X]], %[[DT]], %[[A]], %[[B]], %[[B]] init(%[[H0]]) dt_softplus : (tensor<2x8x4x3xf32>, tensor<2x8x4xf32>, tensor<4xf32>, tensor<2x8x2x5xf32>, tensor<2x8x2x5xf32>, tensor<2x4x3x5xf32>) -> (tensor<2x8x4x3xf32>, tensor<2x4x3x5xf32>)
// CHECK: return %[[Y]], %[[HT]]
func.func @ssd_segments(%x: tensor<2x8x4x3xf32>, %dt: tensor<2x8x4xf32>, %A: tensor<4xf32>, %B: tensor<2x8x2x5xf32>, %h0: tensor<2x4x3x5xf32>) -> (tensor<2x8x4x3xf32>, tensor<2x4x3x5xf32>) {
  %r:2 = "ssm.ssd"(%x, %dt, %A, %B, %B, %h0) <{dt_softplus, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 0, 1>}> : (tensor<2x8x4x3xf32>, tensor<2x8x4xf32>, tensor<4xf32>, tensor<2x8x2x5xf32>, tensor<2x8x2x5xf32>, tensor<2x4x3x5xf32>) -> (tensor<2x8x4x3xf32>, tensor<2x4x3x5xf32>)
  return %r#0, %r#1 : tensor<2x8x4x3xf32>, tensor<2x4x3x5xf32>
}

// operandSegmentSizes selecting skip only, one result.
// CHECK-LABEL: func @ssd_skip(
// CHECK-SAME: %[[X:[^:]+]]: tensor<2x8x4x3xf32>, %[[DT:[^:]+]]: tensor<2x8x4xf32>, %[[A:[^:]+]]: tensor<4xf32>, %[[B:[^:]+]]: tensor<2x8x2x5xf32>)
// CHECK: %[[Y:.+]] = ssm.ssd %[[X]], %[[DT]], %[[A]], %[[B]], %[[B]] skip(%[[A]]) : (tensor<2x8x4x3xf32>, tensor<2x8x4xf32>, tensor<4xf32>, tensor<2x8x2x5xf32>, tensor<2x8x2x5xf32>, tensor<4xf32>) -> tensor<2x8x4x3xf32>
// CHECK: return %[[Y]]
func.func @ssd_skip(%x: tensor<2x8x4x3xf32>, %dt: tensor<2x8x4xf32>, %A: tensor<4xf32>, %B: tensor<2x8x2x5xf32>) -> tensor<2x8x4x3xf32> {
  %y = "ssm.ssd"(%x, %dt, %A, %B, %B, %A) <{operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 0>}> : (tensor<2x8x4x3xf32>, tensor<2x8x4xf32>, tensor<4xf32>, tensor<2x8x2x5xf32>, tensor<2x8x2x5xf32>, tensor<4xf32>) -> tensor<2x8x4x3xf32>
  return %y : tensor<2x8x4x3xf32>
}
