// RUN: ssm-opt %s | FileCheck %s
// ssm.monarch written in the generic form parses and prints in its custom form.

// Monarch in the generic form.
// CHECK-LABEL: func @monarch(
// CHECK-SAME: %[[X:[^:]+]]: tensor<2x3x12xf32>, %[[R:[^:]+]]: tensor<3x4x4xf32>, %[[L:[^:]+]]: tensor<4x3x3xf32>)
// CHECK: %[[Y:.+]] = ssm.monarch %[[X]], %[[R]], %[[L]] : tensor<2x3x12xf32>, tensor<3x4x4xf32>, tensor<4x3x3xf32> -> tensor<2x3x12xf32>
// CHECK: return %[[Y]]
func.func @monarch(%x: tensor<2x3x12xf32>, %r: tensor<3x4x4xf32>, %l: tensor<4x3x3xf32>) -> tensor<2x3x12xf32> {
  %y = "ssm.monarch"(%x, %r, %l) : (tensor<2x3x12xf32>, tensor<3x4x4xf32>, tensor<4x3x3xf32>) -> tensor<2x3x12xf32>
  return %y : tensor<2x3x12xf32>
}
