// RUN: ssm-opt %s -split-input-file -verify-diagnostics
// Malformed ssm text: errors raised by the parser, before any verifier runs.

// An op the dialect does not define, custom form.
func.func @unknown_op(%x: tensor<4x16xf32>) {
  // expected-error @+1 {{custom op 'ssm.nope' is unknown}}
  %y = ssm.nope %x : tensor<4x16xf32>
  return
}

// -----

// An op the dialect does not define, generic form.
func.func @unknown_op_generic(%x: tensor<4x16xf32>) {
  // expected-error @+1 {{unregistered operation 'ssm.nope' found in dialect ('ssm') that does not allow unknown operations}}
  %y = "ssm.nope"(%x) : (tensor<4x16xf32>) -> tensor<4x16xf32>
  return
}

// -----

// attention with the v operand missing.
func.func @attention_missing_operand(%q: tensor<1x1x4x8xf32>) {
  // expected-error @+1 {{expected ','}}
  %y = ssm.attention %q, %q : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32> -> tensor<1x1x4x8xf32>
  return
}

// -----

// A functional-type signature with fewer types than operands.
func.func @short_conv_missing_operand_type(%u: tensor<1x32x4xf32>, %w: tensor<4x3xf32>) {
  // expected-error @+1 {{number of operands and types do not match: got 2 operands and 1 types}}
  %y = ssm.short_conv %u, %w : (tensor<1x32x4xf32>) -> tensor<1x32x4xf32>
  return
}

// -----

// An undefined SSA value as an operand.
func.func @attention_undefined_value(%q: tensor<1x1x4x8xf32>) {
  // expected-error @+1 {{use of undeclared SSA value name}}
  %y = ssm.attention %q, %q, %nope : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32> -> tensor<1x1x4x8xf32>
  return
}

// -----

// An unknown conv mode keyword.
func.func @long_conv_unknown_mode(%u: tensor<1x32x4xf32>, %k: tensor<4x32xf32>) {
  // expected-error @+2 {{expected ::mlir::ssm::ConvMode to be one of: causal, circular}}
  // expected-error @+1 {{failed to parse SSM_ConvModeAttr parameter 'value'}}
  %y = ssm.long_conv %u, %k mode diagonal : (tensor<1x32x4xf32>, tensor<4x32xf32>) -> tensor<1x32x4xf32>
  return
}

// -----

// An unknown feature map keyword.
func.func @linear_attention_unknown_feature_map(%q: tensor<1x1x4x8xf32>) {
  // expected-error @+2 {{expected ::mlir::ssm::FeatureMap to be one of: identity, elu1, relu, taylor2}}
  // expected-error @+1 {{failed to parse SSM_FeatureMapAttr parameter 'value'}}
  %y = ssm.linear_attention %q, %q, %q feature_map gelu : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32> -> tensor<1x1x4x8xf32>
  return
}

// -----

// An unknown activation keyword.
func.func @short_conv_unknown_activation(%u: tensor<1x32x4xf32>, %w: tensor<4x3xf32>) {
  // expected-error @+2 {{expected ::mlir::ssm::Activation to be one of: none, silu}}
  // expected-error @+1 {{failed to parse SSM_ActivationAttr parameter 'value'}}
  %y = ssm.short_conv %u, %w activation relu : (tensor<1x32x4xf32>, tensor<4x3xf32>) -> tensor<1x32x4xf32>
  return
}

// -----

// An unknown discretization keyword.
func.func @ssm_kernel_unknown_discretization(%A: tensor<4x8xcomplex<f32>>, %dt: tensor<4xf32>) {
  // expected-error @+2 {{expected ::mlir::ssm::Discretization to be one of: zoh, bilinear}}
  // expected-error @+1 {{failed to parse SSM_DiscretizationAttr parameter 'value'}}
  %k = ssm.ssm_kernel %A, %A, %A, %dt length 4 discretization euler : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x4xf32>
  return
}

// -----

// ssm_kernel without its required `length`.
func.func @ssm_kernel_missing_length(%A: tensor<4x8xcomplex<f32>>, %dt: tensor<4xf32>) {
  // expected-error @+1 {{expected 'length'}}
  %k = ssm.ssm_kernel %A, %A, %A, %dt : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x4xf32>
  return
}

// -----

// A fractional length.
func.func @ssm_kernel_fractional_length(%A: tensor<4x8xcomplex<f32>>, %dt: tensor<4xf32>) {
  // expected-error @+1 {{floating point value not valid for specified type}}
  %k = ssm.ssm_kernel %A, %A, %A, %dt length 1.5 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x4xf32>
  return
}

// -----

// A fractional window.
func.func @attention_fractional_window(%q: tensor<1x1x4x8xf32>) {
  // expected-error @+1 {{floating point value not valid for specified type}}
  %y = ssm.attention %q, %q, %q window 2.5 : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32> -> tensor<1x1x4x8xf32>
  return
}

// -----

// An integer literal for the f64 scale.
func.func @attention_integer_scale(%q: tensor<1x1x4x8xf32>) {
  // expected-note @+2 {{add a trailing dot to make the literal a float}}
  // expected-error @+1 {{unexpected decimal integer literal for a floating point value}}
  %y = ssm.attention %q, %q, %q scale 1 : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32> -> tensor<1x1x4x8xf32>
  return
}

// -----

// Keywords out of the order of the assembly format (window before causal).
func.func @attention_keywords_out_of_order(%q: tensor<1x1x4x8xf32>) {
  // expected-error @+1 {{expected ':'}}
  %y = ssm.attention %q, %q, %q window 4 causal : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32> -> tensor<1x1x4x8xf32>
  return
}

// -----

// Optional operands out of order (init before skip).
func.func @selective_scan_groups_out_of_order(%x: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %B: tensor<1x7x2x16xf32>, %D: tensor<4xf32>, %h: tensor<1x4x16xf32>) {
  // expected-error @+1 {{expected ':'}}
  %y = ssm.selective_scan %x, %x, %A, %B, %B init(%h) skip(%D) : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<1x4x16xf32>, tensor<4xf32>) -> tensor<1x7x4xf32>
  return
}

// -----

// An optional operand without its parentheses.
func.func @short_conv_bias_without_parens(%u: tensor<1x32x4xf32>, %w: tensor<4x3xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{expected '('}}
  %y = ssm.short_conv %u, %w bias %b : (tensor<1x32x4xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<1x32x4xf32>
  return
}

// -----

// No type signature at all.
func.func @short_conv_missing_types(%u: tensor<1x32x4xf32>, %w: tensor<4x3xf32>) {
  // expected-error @+1 {{expected ':'}}
  %y = ssm.short_conv %u, %w
  return
}

// -----

// butterfly with the twiddles type missing.
func.func @butterfly_missing_operand_type(%x: tensor<4x16xf32>, %w: tensor<4x8x2x2xf32>) {
  // expected-error @+1 {{expected ','}}
  %y = ssm.butterfly %x, %w : tensor<4x16xf32> -> tensor<4x16xf32>
  return
}

// -----

// butterfly with the result type missing.
func.func @butterfly_missing_result_type(%x: tensor<4x16xf32>, %w: tensor<4x8x2x2xf32>) {
  // expected-error @+1 {{expected '->'}}
  %y = ssm.butterfly %x, %w : tensor<4x16xf32>, tensor<4x8x2x2xf32>
  return
}

// -----

// A memref where the assembly format expects a tensor type.
func.func @butterfly_memref_type(%x: tensor<4x16xf32>, %w: memref<4x8x2x2xf32>) {
  // expected-error @+1 {{invalid kind of type specified: expected builtin.tensor, but found 'memref<4x8x2x2xf32>'}}
  %y = ssm.butterfly %x, %w : tensor<4x16xf32>, memref<4x8x2x2xf32> -> tensor<4x16xf32>
  return
}

// -----

// Binding two results of a one-result op.
func.func @attention_two_results(%q: tensor<1x1x4x8xf32>) {
  // expected-error @+1 {{operation defines 1 results but was provided 2 to bind}}
  %a, %b = ssm.attention %q, %q, %q : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32> -> tensor<1x1x4x8xf32>
  return
}

// -----

// An unknown ssm attribute mnemonic in the generic form.
func.func @generic_unknown_attribute(%u: tensor<1x32x4xf32>, %k: tensor<4x32xf32>) {
  // expected-error @+1 {{unknown attribute `padding` in dialect `ssm`}}
  %y = "ssm.long_conv"(%u, %k) <{mode = #ssm<padding same>}> : (tensor<1x32x4xf32>, tensor<4x32xf32>) -> tensor<1x32x4xf32>
  return
}

// -----

// An unknown enum case in the generic form.
func.func @generic_unknown_enum_case(%u: tensor<1x32x4xf32>, %k: tensor<4x32xf32>) {
  // expected-error @+2 {{expected ::mlir::ssm::ConvMode to be one of: causal, circular}}
  // expected-error @+1 {{failed to parse SSM_ConvModeAttr parameter 'value'}}
  %y = "ssm.long_conv"(%u, %k) <{mode = #ssm<conv_mode diagonal>}> : (tensor<1x32x4xf32>, tensor<4x32xf32>) -> tensor<1x32x4xf32>
  return
}

// -----

// An enum attribute of the wrong kind for the property.
func.func @generic_wrong_enum_kind(%u: tensor<1x32x4xf32>, %k: tensor<4x32xf32>) {
  // expected-error @+1 {{Invalid attribute `mode` in property conversion: #ssm<activation silu>}}
  %y = "ssm.long_conv"(%u, %k) <{mode = #ssm<activation silu>}> : (tensor<1x32x4xf32>, tensor<4x32xf32>) -> tensor<1x32x4xf32>
  return
}

// -----

// operandSegmentSizes with 5 entries for an op with 7 operand groups.
func.func @generic_segment_sizes_length(%x: tensor<2x8x4x3xf32>, %dt: tensor<2x8x4xf32>, %A: tensor<4xf32>, %B: tensor<2x8x2x5xf32>) {
  // expected-error @+1 {{size mismatch in attribute conversion: 5 vs 7}}
  %y = "ssm.ssd"(%x, %dt, %A, %B, %B) <{operandSegmentSizes = array<i32: 1, 1, 1, 1, 1>}> : (tensor<2x8x4x3xf32>, tensor<2x8x4xf32>, tensor<4xf32>, tensor<2x8x2x5xf32>, tensor<2x8x2x5xf32>) -> tensor<2x8x4x3xf32>
  return
}
