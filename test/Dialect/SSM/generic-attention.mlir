// RUN: ssm-opt %s | FileCheck %s
// ssm.attention written in the generic form parses and prints in its custom form.

// Unit attributes, window and scale as properties.
// CHECK-LABEL: func @attention(
// CHECK-SAME: %[[Q:[^:]+]]: tensor<2x8x16x64xf32>, %[[K:[^:]+]]: tensor<2x2x16x64xf32>, %[[V:[^:]+]]: tensor<2x2x16x32xf32>)
// CHECK: %[[Y:.+]] = ssm.attention %[[Q]], %[[K]], %[[V]] causal window 8 scale 5.000000e-01 : tensor<2x8x16x64xf32>, tensor<2x2x16x64xf32>, tensor<2x2x16x32xf32> -> tensor<2x8x16x32xf32>
// CHECK: return %[[Y]]
func.func @attention(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x16x64xf32>, %v: tensor<2x2x16x32xf32>) -> tensor<2x8x16x32xf32> {
  %y = "ssm.attention"(%q, %k, %v) <{causal, window = 8 : i64, scale = 0.5 : f64}> : (tensor<2x8x16x64xf32>, tensor<2x2x16x64xf32>, tensor<2x2x16x32xf32>) -> tensor<2x8x16x32xf32>
  return %y : tensor<2x8x16x32xf32>
}

// No properties at all.
// CHECK-LABEL: func @attention_plain(
// CHECK-SAME: %[[Q:[^:]+]]: tensor<1x1x4x8xf16>)
// CHECK: %[[Y:.+]] = ssm.attention %[[Q]], %[[Q]], %[[Q]] : tensor<1x1x4x8xf16>, tensor<1x1x4x8xf16>, tensor<1x1x4x8xf16> -> tensor<1x1x4x8xf16>
// CHECK: return %[[Y]]
func.func @attention_plain(%q: tensor<1x1x4x8xf16>) -> tensor<1x1x4x8xf16> {
  %y = "ssm.attention"(%q, %q, %q) : (tensor<1x1x4x8xf16>, tensor<1x1x4x8xf16>, tensor<1x1x4x8xf16>) -> tensor<1x1x4x8xf16>
  return %y : tensor<1x1x4x8xf16>
}
