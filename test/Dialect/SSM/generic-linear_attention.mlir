// RUN: ssm-opt %s | FileCheck %s
// ssm.linear_attention written in the generic form parses and prints in its custom form.

// Two unit attributes and a feature-map enum attribute.
// CHECK-LABEL: func @linear_attention(
// CHECK-SAME: %[[Q:[^:]+]]: tensor<1x4x64x16xf32>, %[[V:[^:]+]]: tensor<1x4x64x32xf32>)
// CHECK: %[[Y:.+]] = ssm.linear_attention %[[Q]], %[[Q]], %[[V]] causal normalize feature_map taylor2 : tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>, tensor<1x4x64x32xf32> -> tensor<1x4x64x32xf32>
// CHECK: return %[[Y]]
func.func @linear_attention(%q: tensor<1x4x64x16xf32>, %v: tensor<1x4x64x32xf32>) -> tensor<1x4x64x32xf32> {
  %y = "ssm.linear_attention"(%q, %q, %v) <{causal, normalize, feature_map = #ssm<feature_map taylor2>}> : (tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>, tensor<1x4x64x32xf32>) -> tensor<1x4x64x32xf32>
  return %y : tensor<1x4x64x32xf32>
}

// The default feature map written explicitly is elided in the custom form.
// CHECK-LABEL: func @linear_attention_identity(
// CHECK-SAME: %[[Q:[^:]+]]: tensor<1x4x64x16xf32>)
// CHECK: %[[Y:.+]] = ssm.linear_attention %[[Q]], %[[Q]], %[[Q]] : tensor<1x4x64x16xf32>
// CHECK: return %[[Y]]
func.func @linear_attention_identity(%q: tensor<1x4x64x16xf32>) -> tensor<1x4x64x16xf32> {
  %y = "ssm.linear_attention"(%q, %q, %q) <{feature_map = #ssm<feature_map identity>}> : (tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>) -> tensor<1x4x64x16xf32>
  return %y : tensor<1x4x64x16xf32>
}
