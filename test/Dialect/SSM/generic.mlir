// RUN: ssm-opt %s | FileCheck %s

// Ops written in the generic form parse and print in their custom form.

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

// operandSegmentSizes selecting skip and init (not gate, delta_bias), two results.
// CHECK-LABEL: func @selective_scan_segments(
// CHECK-SAME: %[[X:[^:]+]]: tensor<1x7x4xf32>, %[[A:[^:]+]]: tensor<4x16xf32>, %[[B:[^:]+]]: tensor<1x7x2x16xf32>, %[[D:[^:]+]]: tensor<4xf32>, %[[H0:[^:]+]]: tensor<1x4x16xf32>)
// CHECK: %[[Y:[^,]+]], %[[HT:.+]] = ssm.selective_scan %[[X]], %[[X]], %[[A]], %[[B]], %[[B]] skip(%[[D]]) init(%[[H0]]) delta_softplus : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<4xf32>, tensor<1x4x16xf32>) -> (tensor<1x7x4xf32>, tensor<1x4x16xf32>)
// CHECK: return %[[Y]], %[[HT]]
func.func @selective_scan_segments(%x: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %B: tensor<1x7x2x16xf32>, %D: tensor<4xf32>, %h0: tensor<1x4x16xf32>) -> (tensor<1x7x4xf32>, tensor<1x4x16xf32>) {
  %r:2 = "ssm.selective_scan"(%x, %x, %A, %B, %B, %D, %h0) <{delta_softplus, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 0, 0, 1>}> : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<4xf32>, tensor<1x4x16xf32>) -> (tensor<1x7x4xf32>, tensor<1x4x16xf32>)
  return %r#0, %r#1 : tensor<1x7x4xf32>, tensor<1x4x16xf32>
}

// operandSegmentSizes selecting gate and delta_bias only, one result.
// CHECK-LABEL: func @selective_scan_gate_delta_bias(
// CHECK-SAME: %[[X:[^:]+]]: tensor<1x7x4xf32>, %[[A:[^:]+]]: tensor<4x16xf32>, %[[B:[^:]+]]: tensor<1x7x2x16xf32>, %[[D:[^:]+]]: tensor<4xf32>)
// CHECK: %[[Y:.+]] = ssm.selective_scan %[[X]], %[[X]], %[[A]], %[[B]], %[[B]] gate(%[[X]]) delta_bias(%[[D]]) : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x4xf32>, tensor<4xf32>) -> tensor<1x7x4xf32>
// CHECK: return %[[Y]]
func.func @selective_scan_gate_delta_bias(%x: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %B: tensor<1x7x2x16xf32>, %D: tensor<4xf32>) -> tensor<1x7x4xf32> {
  %y = "ssm.selective_scan"(%x, %x, %A, %B, %B, %x, %D) <{operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 0, 1, 1, 0>}> : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x4xf32>, tensor<4xf32>) -> tensor<1x7x4xf32>
  return %y : tensor<1x7x4xf32>
}

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

// A conv-mode enum attribute and the optional bias (no segment sizes needed).
// CHECK-LABEL: func @long_conv(
// CHECK-SAME: %[[U:[^:]+]]: tensor<1x32x4xf32>, %[[K:[^:]+]]: tensor<4x32xf32>, %[[B:[^:]+]]: tensor<4xf32>)
// CHECK: %[[Y:.+]] = ssm.long_conv %[[U]], %[[K]] bias(%[[B]]) mode circular : (tensor<1x32x4xf32>, tensor<4x32xf32>, tensor<4xf32>) -> tensor<1x32x4xf32>
// CHECK: return %[[Y]]
func.func @long_conv(%u: tensor<1x32x4xf32>, %k: tensor<4x32xf32>, %b: tensor<4xf32>) -> tensor<1x32x4xf32> {
  %y = "ssm.long_conv"(%u, %k, %b) <{mode = #ssm<conv_mode circular>}> : (tensor<1x32x4xf32>, tensor<4x32xf32>, tensor<4xf32>) -> tensor<1x32x4xf32>
  return %y : tensor<1x32x4xf32>
}

// An activation enum attribute, no bias.
// CHECK-LABEL: func @short_conv(
// CHECK-SAME: %[[U:[^:]+]]: tensor<1x32x4xf32>, %[[W:[^:]+]]: tensor<4x3xf32>)
// CHECK: %[[Y:.+]] = ssm.short_conv %[[U]], %[[W]] activation silu : (tensor<1x32x4xf32>, tensor<4x3xf32>) -> tensor<1x32x4xf32>
// CHECK: return %[[Y]]
func.func @short_conv(%u: tensor<1x32x4xf32>, %w: tensor<4x3xf32>) -> tensor<1x32x4xf32> {
  %y = "ssm.short_conv"(%u, %w) <{activation = #ssm<activation silu>}> : (tensor<1x32x4xf32>, tensor<4x3xf32>) -> tensor<1x32x4xf32>
  return %y : tensor<1x32x4xf32>
}

// Monarch in the generic form.
// CHECK-LABEL: func @monarch(
// CHECK-SAME: %[[X:[^:]+]]: tensor<2x3x12xf32>, %[[R:[^:]+]]: tensor<3x4x4xf32>, %[[L:[^:]+]]: tensor<4x3x3xf32>)
// CHECK: %[[Y:.+]] = ssm.monarch %[[X]], %[[R]], %[[L]] : tensor<2x3x12xf32>, tensor<3x4x4xf32>, tensor<4x3x3xf32> -> tensor<2x3x12xf32>
// CHECK: return %[[Y]]
func.func @monarch(%x: tensor<2x3x12xf32>, %r: tensor<3x4x4xf32>, %l: tensor<4x3x3xf32>) -> tensor<2x3x12xf32> {
  %y = "ssm.monarch"(%x, %r, %l) : (tensor<2x3x12xf32>, tensor<3x4x4xf32>, tensor<4x3x3xf32>) -> tensor<2x3x12xf32>
  return %y : tensor<2x3x12xf32>
}

// Butterfly in the generic form.
// CHECK-LABEL: func @butterfly(
// CHECK-SAME: %[[X:[^:]+]]: tensor<4x8xf32>, %[[W:[^:]+]]: tensor<3x4x2x2xf32>)
// CHECK: %[[Y:.+]] = ssm.butterfly %[[X]], %[[W]] : tensor<4x8xf32>, tensor<3x4x2x2xf32> -> tensor<4x8xf32>
// CHECK: return %[[Y]]
func.func @butterfly(%x: tensor<4x8xf32>, %w: tensor<3x4x2x2xf32>) -> tensor<4x8xf32> {
  %y = "ssm.butterfly"(%x, %w) : (tensor<4x8xf32>, tensor<3x4x2x2xf32>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// length and a discretization enum attribute, with the low-rank factor.
// CHECK-LABEL: func @ssm_kernel(
// CHECK-SAME: %[[A:[^:]+]]: tensor<4x8xcomplex<f32>>, %[[DT:[^:]+]]: tensor<4xf32>, %[[P:[^:]+]]: tensor<4x1x8xcomplex<f32>>)
// CHECK: %[[K:.+]] = ssm.ssm_kernel %[[A]], %[[A]], %[[A]], %[[DT]] low_rank(%[[P]]) length 64 discretization bilinear : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>, tensor<4x1x8xcomplex<f32>>) -> tensor<4x64xf32>
// CHECK: return %[[K]]
func.func @ssm_kernel(%A: tensor<4x8xcomplex<f32>>, %dt: tensor<4xf32>, %P: tensor<4x1x8xcomplex<f32>>) -> tensor<4x64xf32> {
  %k = "ssm.ssm_kernel"(%A, %A, %A, %dt, %P) <{length = 64 : i64, discretization = #ssm<discretization bilinear>}> : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>, tensor<4x1x8xcomplex<f32>>) -> tensor<4x64xf32>
  return %k : tensor<4x64xf32>
}

// Without the discretization property, the default (zoh) is used and not printed.
// CHECK-LABEL: func @ssm_kernel_default(
// CHECK-SAME: %[[A:[^:]+]]: tensor<4x8xcomplex<f64>>, %[[DT:[^:]+]]: tensor<4xf64>)
// CHECK: %[[K:.+]] = ssm.ssm_kernel %[[A]], %[[A]], %[[A]], %[[DT]] length 3 : (tensor<4x8xcomplex<f64>>, tensor<4x8xcomplex<f64>>, tensor<4x8xcomplex<f64>>, tensor<4xf64>) -> tensor<4x3xf64>
// CHECK: return %[[K]]
func.func @ssm_kernel_default(%A: tensor<4x8xcomplex<f64>>, %dt: tensor<4xf64>) -> tensor<4x3xf64> {
  %k = "ssm.ssm_kernel"(%A, %A, %A, %dt) <{length = 3 : i64}> : (tensor<4x8xcomplex<f64>>, tensor<4x8xcomplex<f64>>, tensor<4x8xcomplex<f64>>, tensor<4xf64>) -> tensor<4x3xf64>
  return %k : tensor<4x3xf64>
}
