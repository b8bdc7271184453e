// RUN: ssm-opt %s | ssm-opt | FileCheck %s
// RUN: ssm-opt %s --mlir-print-op-generic | ssm-opt | FileCheck %s
// RUN: ssm-opt %s --emit-bytecode | ssm-opt | FileCheck %s
// ssm.long_conv round-trips through its custom, generic and bytecode forms.

// Default (causal) mode is not printed; Lk < L.
// CHECK-LABEL: func @long_conv_default(
// CHECK-SAME: %[[U:[^:]+]]: tensor<1x1024x64xf32>, %[[K:[^:]+]]: tensor<64x256xf32>)
// CHECK: %[[Y:.+]] = ssm.long_conv %[[U]], %[[K]] : (tensor<1x1024x64xf32>, tensor<64x256xf32>) -> tensor<1x1024x64xf32>
// CHECK: return %[[Y]]
func.func @long_conv_default(%u: tensor<1x1024x64xf32>, %k: tensor<64x256xf32>) -> tensor<1x1024x64xf32> {
  %y = ssm.long_conv %u, %k : (tensor<1x1024x64xf32>, tensor<64x256xf32>) -> tensor<1x1024x64xf32>
  return %y : tensor<1x1024x64xf32>
}

// An explicit `mode causal` is the default and is elided on printing.
// CHECK-LABEL: func @long_conv_explicit_causal(
// CHECK-SAME: %[[U:[^:]+]]: tensor<1x16x4xf32>, %[[K:[^:]+]]: tensor<4x16xf32>)
// CHECK: %[[Y:.+]] = ssm.long_conv %[[U]], %[[K]] : (tensor<1x16x4xf32>, tensor<4x16xf32>) -> tensor<1x16x4xf32>
// CHECK: return %[[Y]]
func.func @long_conv_explicit_causal(%u: tensor<1x16x4xf32>, %k: tensor<4x16xf32>) -> tensor<1x16x4xf32> {
  %y = ssm.long_conv %u, %k mode causal : (tensor<1x16x4xf32>, tensor<4x16xf32>) -> tensor<1x16x4xf32>
  return %y : tensor<1x16x4xf32>
}

// Bias and circular mode with Lk == L.
// CHECK-LABEL: func @long_conv_bias_circular(
// CHECK-SAME: %[[U:[^:]+]]: tensor<1x1024x64xf32>, %[[K:[^:]+]]: tensor<64x1024xf32>, %[[B:[^:]+]]: tensor<64xf32>)
// CHECK: %[[Y:.+]] = ssm.long_conv %[[U]], %[[K]] bias(%[[B]]) mode circular : (tensor<1x1024x64xf32>, tensor<64x1024xf32>, tensor<64xf32>) -> tensor<1x1024x64xf32>
// CHECK: return %[[Y]]
func.func @long_conv_bias_circular(%u: tensor<1x1024x64xf32>, %k: tensor<64x1024xf32>, %b: tensor<64xf32>) -> tensor<1x1024x64xf32> {
  %y = ssm.long_conv %u, %k bias(%b) mode circular : (tensor<1x1024x64xf32>, tensor<64x1024xf32>, tensor<64xf32>) -> tensor<1x1024x64xf32>
  return %y : tensor<1x1024x64xf32>
}

// Bias alone (causal), f16, Lk > L.
// CHECK-LABEL: func @long_conv_bias_f16(
// CHECK-SAME: %[[U:[^:]+]]: tensor<2x3x5xf16>, %[[K:[^:]+]]: tensor<5x7xf16>, %[[B:[^:]+]]: tensor<5xf16>)
// CHECK: %[[Y:.+]] = ssm.long_conv %[[U]], %[[K]] bias(%[[B]]) : (tensor<2x3x5xf16>, tensor<5x7xf16>, tensor<5xf16>) -> tensor<2x3x5xf16>
// CHECK: return %[[Y]]
func.func @long_conv_bias_f16(%u: tensor<2x3x5xf16>, %k: tensor<5x7xf16>, %b: tensor<5xf16>) -> tensor<2x3x5xf16> {
  %y = ssm.long_conv %u, %k bias(%b) : (tensor<2x3x5xf16>, tensor<5x7xf16>, tensor<5xf16>) -> tensor<2x3x5xf16>
  return %y : tensor<2x3x5xf16>
}

// Circular mode with a dynamic length is accepted (Lk == L is checked at run time).
// CHECK-LABEL: func @long_conv_circular_dynamic_bf16(
// CHECK-SAME: %[[U:[^:]+]]: tensor<?x?x8xbf16>, %[[K:[^:]+]]: tensor<8x128xbf16>)
// CHECK: %[[Y:.+]] = ssm.long_conv %[[U]], %[[K]] mode circular : (tensor<?x?x8xbf16>, tensor<8x128xbf16>) -> tensor<?x?x8xbf16>
// CHECK: return %[[Y]]
func.func @long_conv_circular_dynamic_bf16(%u: tensor<?x?x8xbf16>, %k: tensor<8x128xbf16>) -> tensor<?x?x8xbf16> {
  %y = ssm.long_conv %u, %k mode circular : (tensor<?x?x8xbf16>, tensor<8x128xbf16>) -> tensor<?x?x8xbf16>
  return %y : tensor<?x?x8xbf16>
}

// f64 with the mode given through the attribute dictionary.
// CHECK-LABEL: func @long_conv_f64_attr_dict(
// CHECK-SAME: %[[U:[^:]+]]: tensor<1x1x1xf64>, %[[K:[^:]+]]: tensor<1x1xf64>)
// CHECK: %[[Y:.+]] = ssm.long_conv %[[U]], %[[K]] mode circular : (tensor<1x1x1xf64>, tensor<1x1xf64>) -> tensor<1x1x1xf64>
// CHECK: return %[[Y]]
func.func @long_conv_f64_attr_dict(%u: tensor<1x1x1xf64>, %k: tensor<1x1xf64>) -> tensor<1x1x1xf64> {
  %y = ssm.long_conv %u, %k {mode = #ssm<conv_mode circular>} : (tensor<1x1x1xf64>, tensor<1x1xf64>) -> tensor<1x1x1xf64>
  return %y : tensor<1x1x1xf64>
}
