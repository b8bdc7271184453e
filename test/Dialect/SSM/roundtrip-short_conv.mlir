// RUN: ssm-opt %s | ssm-opt | FileCheck %s
// RUN: ssm-opt %s --mlir-print-op-generic | ssm-opt | FileCheck %s
// RUN: ssm-opt %s --emit-bytecode | ssm-opt | FileCheck %s
// ssm.short_conv round-trips through its custom, generic and bytecode forms.

// Default activation (none) is not printed.
// CHECK-LABEL: func @short_conv_default(
// CHECK-SAME: %[[U:[^:]+]]: tensor<1x128x64xf32>, %[[W:[^:]+]]: tensor<64x4xf32>)
// CHECK: %[[Y:.+]] = ssm.short_conv %[[U]], %[[W]] : (tensor<1x128x64xf32>, tensor<64x4xf32>) -> tensor<1x128x64xf32>
// CHECK: return %[[Y]]
func.func @short_conv_default(%u: tensor<1x128x64xf32>, %w: tensor<64x4xf32>) -> tensor<1x128x64xf32> {
  %y = ssm.short_conv %u, %w : (tensor<1x128x64xf32>, tensor<64x4xf32>) -> tensor<1x128x64xf32>
  return %y : tensor<1x128x64xf32>
}

// An explicit `activation none` is the default and is elided on printing.
// CHECK-LABEL: func @short_conv_explicit_none(
// CHECK-SAME: %[[U:[^:]+]]: tensor<1x8x2xf32>, %[[W:[^:]+]]: tensor<2x3xf32>)
// CHECK: %[[Y:.+]] = ssm.short_conv %[[U]], %[[W]] : (tensor<1x8x2xf32>, tensor<2x3xf32>) -> tensor<1x8x2xf32>
// CHECK: return %[[Y]]
func.func @short_conv_explicit_none(%u: tensor<1x8x2xf32>, %w: tensor<2x3xf32>) -> tensor<1x8x2xf32> {
  %y = ssm.short_conv %u, %w activation none : (tensor<1x8x2xf32>, tensor<2x3xf32>) -> tensor<1x8x2xf32>
  return %y : tensor<1x8x2xf32>
}

// Bias and SiLU together.
// CHECK-LABEL: func @short_conv_bias_silu(
// CHECK-SAME: %[[U:[^:]+]]: tensor<1x128x64xf32>, %[[W:[^:]+]]: tensor<64x4xf32>, %[[B:[^:]+]]: tensor<64xf32>)
// CHECK: %[[Y:.+]] = ssm.short_conv %[[U]], %[[W]] bias(%[[B]]) activation silu : (tensor<1x128x64xf32>, tensor<64x4xf32>, tensor<64xf32>) -> tensor<1x128x64xf32>
// CHECK: return %[[Y]]
func.func @short_conv_bias_silu(%u: tensor<1x128x64xf32>, %w: tensor<64x4xf32>, %b: tensor<64xf32>) -> tensor<1x128x64xf32> {
  %y = ssm.short_conv %u, %w bias(%b) activation silu : (tensor<1x128x64xf32>, tensor<64x4xf32>, tensor<64xf32>) -> tensor<1x128x64xf32>
  return %y : tensor<1x128x64xf32>
}

// Bias alone, bf16, with the widest filter allowed (W = 16).
// CHECK-LABEL: func @short_conv_bias_w16_bf16(
// CHECK-SAME: %[[U:[^:]+]]: tensor<2x5x3xbf16>, %[[W:[^:]+]]: tensor<3x16xbf16>, %[[B:[^:]+]]: tensor<3xbf16>)
// CHECK: %[[Y:.+]] = ssm.short_conv %[[U]], %[[W]] bias(%[[B]]) : (tensor<2x5x3xbf16>, tensor<3x16xbf16>, tensor<3xbf16>) -> tensor<2x5x3xbf16>
// CHECK: return %[[Y]]
func.func @short_conv_bias_w16_bf16(%u: tensor<2x5x3xbf16>, %w: tensor<3x16xbf16>, %b: tensor<3xbf16>) -> tensor<2x5x3xbf16> {
  %y = ssm.short_conv %u, %w bias(%b) : (tensor<2x5x3xbf16>, tensor<3x16xbf16>, tensor<3xbf16>) -> tensor<2x5x3xbf16>
  return %y : tensor<2x5x3xbf16>
}

// SiLU alone, f16, the narrowest filter (W = 1), dynamic batch and length.
// CHECK-LABEL: func @short_conv_silu_w1_dynamic_f16(
// CHECK-SAME: %[[U:[^:]+]]: tensor<?x?x3xf16>, %[[W:[^:]+]]: tensor<3x1xf16>)
// CHECK: %[[Y:.+]] = ssm.short_conv %[[U]], %[[W]] activation silu : (tensor<?x?x3xf16>, tensor<3x1xf16>) -> tensor<?x?x3xf16>
// CHECK: return %[[Y]]
func.func @short_conv_silu_w1_dynamic_f16(%u: tensor<?x?x3xf16>, %w: tensor<3x1xf16>) -> tensor<?x?x3xf16> {
  %y = ssm.short_conv %u, %w activation silu : (tensor<?x?x3xf16>, tensor<3x1xf16>) -> tensor<?x?x3xf16>
  return %y : tensor<?x?x3xf16>
}

// f64 with the activation given through the attribute dictionary; a dynamic W is accepted.
// CHECK-LABEL: func @short_conv_f64_dynamic_width(
// CHECK-SAME: %[[U:[^:]+]]: tensor<1x4x2xf64>, %[[W:[^:]+]]: tensor<2x?xf64>)
// CHECK: %[[Y:.+]] = ssm.short_conv %[[U]], %[[W]] activation silu : (tensor<1x4x2xf64>, tensor<2x?xf64>) -> tensor<1x4x2xf64>
// CHECK: return %[[Y]]
func.func @short_conv_f64_dynamic_width(%u: tensor<1x4x2xf64>, %w: tensor<2x?xf64>) -> tensor<1x4x2xf64> {
  %y = ssm.short_conv %u, %w {activation = #ssm<activation silu>} : (tensor<1x4x2xf64>, tensor<2x?xf64>) -> tensor<1x4x2xf64>
  return %y : tensor<1x4x2xf64>
}
