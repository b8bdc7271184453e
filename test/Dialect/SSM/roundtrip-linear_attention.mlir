// RUN: ssm-opt %s | ssm-opt | FileCheck %s
// RUN: ssm-opt %s --mlir-print-op-generic | ssm-opt | FileCheck %s
// RUN: ssm-opt %s --emit-bytecode | ssm-opt | FileCheck %s
// ssm.linear_attention round-trips through its custom, generic and bytecode forms.

// No flags: the default feature map (identity) is not printed.
// CHECK-LABEL: func @linear_attention_default(
// CHECK-SAME: %[[Q:[^:]+]]: tensor<1x4x64x16xf32>, %[[K:[^:]+]]: tensor<1x4x64x16xf32>, %[[V:[^:]+]]: tensor<1x4x64x32xf32>)
// CHECK: %[[Y:.+]] = ssm.linear_attention %[[Q]], %[[K]], %[[V]] : tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>, tensor<1x4x64x32xf32> -> tensor<1x4x64x32xf32>
// CHECK: return %[[Y]]
func.func @linear_attention_default(%q: tensor<1x4x64x16xf32>, %k: tensor<1x4x64x16xf32>, %v: tensor<1x4x64x32xf32>) -> tensor<1x4x64x32xf32> {
  %y = ssm.linear_attention %q, %k, %v : tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>, tensor<1x4x64x32xf32> -> tensor<1x4x64x32xf32>
  return %y : tensor<1x4x64x32xf32>
}

// An explicit `feature_map identity` is the default and is elided on printing.
// CHECK-LABEL: func @linear_attention_explicit_identity(
// CHECK-SAME: %[[Q:[^:]+]]: tensor<1x4x64x16xf32>, %[[K:[^:]+]]: tensor<1x4x64x16xf32>, %[[V:[^:]+]]: tensor<1x4x64x32xf32>)
// CHECK: %[[Y:.+]] = ssm.linear_attention %[[Q]], %[[K]], %[[V]] causal : tensor<1x4x64x16xf32>
// CHECK: return %[[Y]]
func.func @linear_attention_explicit_identity(%q: tensor<1x4x64x16xf32>, %k: tensor<1x4x64x16xf32>, %v: tensor<1x4x64x32xf32>) -> tensor<1x4x64x32xf32> {
  %y = ssm.linear_attention %q, %k, %v causal feature_map identity : tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>, tensor<1x4x64x32xf32> -> tensor<1x4x64x32xf32>
  return %y : tensor<1x4x64x32xf32>
}

// `causal`, `normalize` and the elu1 feature map together.
// CHECK-LABEL: func @linear_attention_causal_normalize_elu1(
// CHECK-SAME: %[[Q:[^:]+]]: tensor<1x4x64x16xf32>, %[[K:[^:]+]]: tensor<1x4x64x16xf32>, %[[V:[^:]+]]: tensor<1x4x64x32xf32>)
// CHECK: %[[Y:.+]] = ssm.linear_attention %[[Q]], %[[K]], %[[V]] causal normalize feature_map elu1 : tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>, tensor<1x4x64x32xf32> -> tensor<1x4x64x32xf32>
// CHECK: return %[[Y]]
func.func @linear_attention_causal_normalize_elu1(%q: tensor<1x4x64x16xf32>, %k: tensor<1x4x64x16xf32>, %v: tensor<1x4x64x32xf32>) -> tensor<1x4x64x32xf32> {
  %y = ssm.linear_attention %q, %k, %v causal normalize feature_map elu1 : tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>, tensor<1x4x64x32xf32> -> tensor<1x4x64x32xf32>
  return %y : tensor<1x4x64x32xf32>
}

// `normalize` alone with the relu feature map, f16, dynamic batch and length.
// CHECK-LABEL: func @linear_attention_relu_dynamic_f16(
// CHECK-SAME: %[[Q:[^:]+]]: tensor<?x2x?x8xf16>, %[[K:[^:]+]]: tensor<?x2x?x8xf16>, %[[V:[^:]+]]: tensor<?x2x?x4xf16>)
// CHECK: %[[Y:.+]] = ssm.linear_attention %[[Q]], %[[K]], %[[V]] normalize feature_map relu : tensor<?x2x?x8xf16>, tensor<?x2x?x8xf16>, tensor<?x2x?x4xf16> -> tensor<?x2x?x4xf16>
// CHECK: return %[[Y]]
func.func @linear_attention_relu_dynamic_f16(%q: tensor<?x2x?x8xf16>, %k: tensor<?x2x?x8xf16>, %v: tensor<?x2x?x4xf16>) -> tensor<?x2x?x4xf16> {
  %y = ssm.linear_attention %q, %k, %v normalize feature_map relu : tensor<?x2x?x8xf16>, tensor<?x2x?x8xf16>, tensor<?x2x?x4xf16> -> tensor<?x2x?x4xf16>
  return %y : tensor<?x2x?x4xf16>
}

// The Taylor-2 (Based) feature map in bf16, causal without normalization.
// CHECK-LABEL: func @linear_attention_taylor2_bf16(
// CHECK-SAME: %[[Q:[^:]+]]: tensor<2x1x5x3xbf16>, %[[K:[^:]+]]: tensor<2x1x5x3xbf16>, %[[V:[^:]+]]: tensor<2x1x5x6xbf16>)
// CHECK: %[[Y:.+]] = ssm.linear_attention %[[Q]], %[[K]], %[[V]] causal feature_map taylor2 : tensor<2x1x5x3xbf16>, tensor<2x1x5x3xbf16>, tensor<2x1x5x6xbf16> -> tensor<2x1x5x6xbf16>
// CHECK: return %[[Y]]
func.func @linear_attention_taylor2_bf16(%q: tensor<2x1x5x3xbf16>, %k: tensor<2x1x5x3xbf16>, %v: tensor<2x1x5x6xbf16>) -> tensor<2x1x5x6xbf16> {
  %y = ssm.linear_attention %q, %k, %v causal feature_map taylor2 : tensor<2x1x5x3xbf16>, tensor<2x1x5x3xbf16>, tensor<2x1x5x6xbf16> -> tensor<2x1x5x6xbf16>
  return %y : tensor<2x1x5x6xbf16>
}

// f64 operands, feature map through the attribute dictionary.
// CHECK-LABEL: func @linear_attention_f64_attr_dict(
// CHECK-SAME: %[[Q:[^:]+]]: tensor<1x1x1x1xf64>, %[[K:[^:]+]]: tensor<1x1x1x1xf64>, %[[V:[^:]+]]: tensor<1x1x1x1xf64>)
// CHECK: %[[Y:.+]] = ssm.linear_attention %[[Q]], %[[K]], %[[V]] feature_map relu : tensor<1x1x1x1xf64>, tensor<1x1x1x1xf64>, tensor<1x1x1x1xf64> -> tensor<1x1x1x1xf64>
// CHECK: return %[[Y]]
func.func @linear_attention_f64_attr_dict(%q: tensor<1x1x1x1xf64>, %k: tensor<1x1x1x1xf64>, %v: tensor<1x1x1x1xf64>) -> tensor<1x1x1x1xf64> {
  %y = ssm.linear_attention %q, %k, %v {feature_map = #ssm<feature_map relu>} : tensor<1x1x1x1xf64>, tensor<1x1x1x1xf64>, tensor<1x1x1x1xf64> -> tensor<1x1x1x1xf64>
  return %y : tensor<1x1x1x1xf64>
}
