// RUN: ssm-opt %s | FileCheck %s
// ssm.long_conv written in the generic form parses and prints in its custom form.

// A conv-mode enum attribute and the optional bias (no segment sizes needed).
// CHECK-LABEL: func @long_conv(
// CHECK-SAME: %[[U:[^:]+]]: tensor<1x32x4xf32>, %[[K:[^:]+]]: tensor<4x32xf32>, %[[B:[^:]+]]: tensor<4xf32>)
// CHECK: %[[Y:.+]] = ssm.long_conv %[[U]], %[[K]] bias(%[[B]]) mode circular : (tensor<1x32x4xf32>, tensor<4x32xf32>, tensor<4xf32>) -> tensor<1x32x4xf32>
// CHECK: return %[[Y]]
func.func @long_conv(%u: tensor<1x32x4xf32>, %k: tensor<4x32xf32>, %b: tensor<4xf32>) -> tensor<1x32x4xf32> {
  %y = "ssm.long_conv"(%u, %k, %b) <{mode = #ssm<conv_mode circular>}> : (tensor<1x32x4xf32>, tensor<4x32xf32>, tensor<4xf32>) -> tensor<1x32x4xf32>
  return %y : tensor<1x32x4xf32>
}
