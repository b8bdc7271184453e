// RUN: ssm-opt %s | FileCheck %s
// ssm.butterfly written in the generic form parses and prints in its custom form.

// Butterfly in the generic form.
// CHECK-LABEL: func @butterfly(
// CHECK-SAME: %[[X:[^:]+]]: tensor<4x8xf32>, %[[W:[^:]+]]: tensor<3x4x2x2xf32>)
// CHECK: %[[Y:.+]] = ssm.butterfly %[[X]], %[[W]] : tensor<4x8xf32>, tensor<3x4x2x2xf32> -> tensor<4x8xf32>
// CHECK: return %[[Y]]
func.func @butterfly(%x: tensor<4x8xf32>, %w: tensor<3x4x2x2xf32>) -> tensor<4x8xf32> {
  %y = "ssm.butterfly"(%x, %w) : (tensor<4x8xf32>, tensor<3x4x2x2xf32>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}
