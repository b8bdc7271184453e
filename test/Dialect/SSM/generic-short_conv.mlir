// RUN: ssm-opt %s | FileCheck %s
// ssm.short_conv written in the generic form parses and prints in its custom form.

// An activation enum attribute, no bias.
// CHECK-LABEL: func @short_conv(
// CHECK-SAME: %[[U:[^:]+]]: tensor<1x32x4xf32>, %[[W:[^:]+]]: tensor<4x3xf32>)
// CHECK: %[[Y:.+]] = ssm.short_conv %[[U]], %[[W]] activation silu : (tensor<1x32x4xf32>, tensor<4x3xf32>) -> tensor<1x32x4xf32>
// CHECK: return %[[Y]]
func.func @short_conv(%u: tensor<1x32x4xf32>, %w: tensor<4x3xf32>) -> tensor<1x32x4xf32> {
  %y = "ssm.short_conv"(%u, %w) <{activation = #ssm<activation silu>}> : (tensor<1x32x4xf32>, tensor<4x3xf32>) -> tensor<1x32x4xf32>
  return %y : tensor<1x32x4xf32>
}
