// RUN: ssm-opt %s -split-input-file -verify-diagnostics
// ssm.short_conv diagnostics: every verifier error branch (SSMOps.cpp) and a sample of ODS constraints.

// short_conv: u of rank 4.
func.func @short_conv_u_rank(%u: tensor<1x32x4x1xf32>, %weight: tensor<4x3xf32>) {
  // expected-error @+1 {{'u' must have rank 3 [B, L, D], got 'tensor<1x32x4x1xf32>'}}
  %y = ssm.short_conv %u, %weight : (tensor<1x32x4x1xf32>, tensor<4x3xf32>) -> tensor<1x32x4xf32>
  return
}

// -----

// short_conv: weight of rank 1.
func.func @short_conv_weight_rank(%u: tensor<1x32x4xf32>, %weight: tensor<3xf32>) {
  // expected-error @+1 {{'weight' must have rank 2 [D, W], got 'tensor<3xf32>'}}
  %y = ssm.short_conv %u, %weight : (tensor<1x32x4xf32>, tensor<3xf32>) -> tensor<1x32x4xf32>
  return
}

// -----

// short_conv: bias of rank 0.
func.func @short_conv_bias_rank(%u: tensor<1x32x4xf32>, %weight: tensor<4x3xf32>, %bias: tensor<f32>) {
  // expected-error @+1 {{'bias' must have rank 1 [D], got 'tensor<f32>'}}
  %y = ssm.short_conv %u, %weight bias(%bias) : (tensor<1x32x4xf32>, tensor<4x3xf32>, tensor<f32>) -> tensor<1x32x4xf32>
  return
}

// -----

// short_conv: weight disagrees with u on D.
func.func @short_conv_weight_channels(%u: tensor<1x32x4xf32>, %weight: tensor<2x3xf32>) {
  // expected-error @+1 {{'weight' has D = 2 (dimension 0 of 'tensor<2x3xf32>') but 'u' has D = 4 ('tensor<1x32x4xf32>')}}
  %y = ssm.short_conv %u, %weight : (tensor<1x32x4xf32>, tensor<2x3xf32>) -> tensor<1x32x4xf32>
  return
}

// -----

// short_conv: bias disagrees with u on D.
func.func @short_conv_bias_channels(%u: tensor<1x32x4xf32>, %weight: tensor<4x3xf32>, %bias: tensor<3xf32>) {
  // expected-error @+1 {{'bias' has D = 3 (dimension 0 of 'tensor<3xf32>') but 'u' has D = 4 ('tensor<1x32x4xf32>')}}
  %y = ssm.short_conv %u, %weight bias(%bias) activation silu : (tensor<1x32x4xf32>, tensor<4x3xf32>, tensor<3xf32>) -> tensor<1x32x4xf32>
  return
}

// -----

// short_conv: weight has another element type.
func.func @short_conv_weight_element_type(%u: tensor<1x32x4xf32>, %weight: tensor<4x3xf16>) {
  // expected-error @+1 {{element type mismatch: 'weight' has 'f16' but 'u' has 'f32'}}
  %y = ssm.short_conv %u, %weight : (tensor<1x32x4xf32>, tensor<4x3xf16>) -> tensor<1x32x4xf32>
  return
}

// -----

// short_conv: bias has another element type.
func.func @short_conv_bias_element_type(%u: tensor<1x32x4xf32>, %weight: tensor<4x3xf32>, %bias: tensor<4xf64>) {
  // expected-error @+1 {{element type mismatch: 'bias' has 'f64' but 'u' has 'f32'}}
  %y = ssm.short_conv %u, %weight bias(%bias) : (tensor<1x32x4xf32>, tensor<4x3xf32>, tensor<4xf64>) -> tensor<1x32x4xf32>
  return
}

// -----

// short_conv: W = 0.
func.func @short_conv_zero_width(%u: tensor<1x32x4xf32>, %weight: tensor<4x0xf32>) {
  // expected-error @+1 {{W = 0 must be at least 1}}
  %y = ssm.short_conv %u, %weight : (tensor<1x32x4xf32>, tensor<4x0xf32>) -> tensor<1x32x4xf32>
  return
}

// -----

// short_conv: W = 17 > 16.
func.func @short_conv_too_wide(%u: tensor<1x32x4xf32>, %weight: tensor<4x17xf32>) {
  // expected-error @+1 {{filter width W = 17 exceeds the maximum of 16; use ssm.long_conv}}
  %y = ssm.short_conv %u, %weight : (tensor<1x32x4xf32>, tensor<4x17xf32>) -> tensor<1x32x4xf32>
  return
}

// -----

// short_conv: the result drops the batch dim.
func.func @short_conv_result_shape(%u: tensor<1x32x4xf32>, %weight: tensor<4x3xf32>) {
  // expected-error @+1 {{result #0 has type 'tensor<32x4xf32>' but the operands imply 'tensor<1x32x4xf32>'}}
  %y = ssm.short_conv %u, %weight : (tensor<1x32x4xf32>, tensor<4x3xf32>) -> tensor<32x4xf32>
  return
}

// -----

// short_conv (ODS): an unranked u.
func.func @short_conv_unranked_operand(%u: tensor<*xf32>, %weight: tensor<4x3xf32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<*xf32>'}}
  %y = ssm.short_conv %u, %weight : (tensor<*xf32>, tensor<4x3xf32>) -> tensor<1x32x4xf32>
  return
}

// -----

// short_conv (ODS): an unranked result.
func.func @short_conv_unranked_result(%u: tensor<1x32x4xf32>, %weight: tensor<4x3xf32>) {
  // expected-error @+1 {{result #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<*xf32>'}}
  %y = ssm.short_conv %u, %weight : (tensor<1x32x4xf32>, tensor<4x3xf32>) -> tensor<*xf32>
  return
}

// -----

// short_conv (ODS): a vector operand instead of a tensor.
func.func @short_conv_vector_operand(%u: vector<1x32x4xf32>, %w: tensor<4x3xf32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'vector<1x32x4xf32>'}}
  %y = ssm.short_conv %u, %w : (vector<1x32x4xf32>, tensor<4x3xf32>) -> tensor<1x32x4xf32>
  return
}
