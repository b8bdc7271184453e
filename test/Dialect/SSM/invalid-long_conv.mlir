// RUN: ssm-opt %s -split-input-file -verify-diagnostics
// ssm.long_conv diagnostics: every verifier error branch (SSMOps.cpp) and a sample of ODS constraints.

// long_conv: u of rank 2.
func.func @long_conv_u_rank(%u: tensor<32x4xf32>, %kernel: tensor<4x8xf32>) {
  // expected-error @+1 {{'u' must have rank 3 [B, L, D], got 'tensor<32x4xf32>'}}
  %y = ssm.long_conv %u, %kernel : (tensor<32x4xf32>, tensor<4x8xf32>) -> tensor<1x32x4xf32>
  return
}

// -----

// long_conv: kernel of rank 3.
func.func @long_conv_kernel_rank(%u: tensor<1x32x4xf32>, %kernel: tensor<1x4x8xf32>) {
  // expected-error @+1 {{'kernel' must have rank 2 [D, Lk], got 'tensor<1x4x8xf32>'}}
  %y = ssm.long_conv %u, %kernel : (tensor<1x32x4xf32>, tensor<1x4x8xf32>) -> tensor<1x32x4xf32>
  return
}

// -----

// long_conv: bias of rank 2.
func.func @long_conv_bias_rank(%u: tensor<1x32x4xf32>, %kernel: tensor<4x8xf32>, %bias: tensor<1x4xf32>) {
  // expected-error @+1 {{'bias' must have rank 1 [D], got 'tensor<1x4xf32>'}}
  %y = ssm.long_conv %u, %kernel bias(%bias) : (tensor<1x32x4xf32>, tensor<4x8xf32>, tensor<1x4xf32>) -> tensor<1x32x4xf32>
  return
}

// -----

// long_conv: kernel laid out [Lk, D].
func.func @long_conv_kernel_channels(%u: tensor<1x32x4xf32>, %kernel: tensor<8x4xf32>) {
  // expected-error @+1 {{'kernel' has D = 8 (dimension 0 of 'tensor<8x4xf32>') but 'u' has D = 4 ('tensor<1x32x4xf32>')}}
  %y = ssm.long_conv %u, %kernel : (tensor<1x32x4xf32>, tensor<8x4xf32>) -> tensor<1x32x4xf32>
  return
}

// -----

// long_conv: bias disagrees with u on D.
func.func @long_conv_bias_channels(%u: tensor<1x32x4xf32>, %kernel: tensor<4x8xf32>, %bias: tensor<5xf32>) {
  // expected-error @+1 {{'bias' has D = 5 (dimension 0 of 'tensor<5xf32>') but 'u' has D = 4 ('tensor<1x32x4xf32>')}}
  %y = ssm.long_conv %u, %kernel bias(%bias) : (tensor<1x32x4xf32>, tensor<4x8xf32>, tensor<5xf32>) -> tensor<1x32x4xf32>
  return
}

// -----

// long_conv: kernel has another element type.
func.func @long_conv_kernel_element_type(%u: tensor<1x32x4xf32>, %kernel: tensor<4x8xf64>) {
  // expected-error @+1 {{element type mismatch: 'kernel' has 'f64' but 'u' has 'f32'}}
  %y = ssm.long_conv %u, %kernel : (tensor<1x32x4xf32>, tensor<4x8xf64>) -> tensor<1x32x4xf32>
  return
}

// -----

// long_conv: bias has another element type.
func.func @long_conv_bias_element_type(%u: tensor<1x32x4xf32>, %kernel: tensor<4x8xf32>, %bias: tensor<4xbf16>) {
  // expected-error @+1 {{element type mismatch: 'bias' has 'bf16' but 'u' has 'f32'}}
  %y = ssm.long_conv %u, %kernel bias(%bias) : (tensor<1x32x4xf32>, tensor<4x8xf32>, tensor<4xbf16>) -> tensor<1x32x4xf32>
  return
}

// -----

// long_conv: Lk = 0.
func.func @long_conv_empty_kernel(%u: tensor<1x32x4xf32>, %kernel: tensor<4x0xf32>) {
  // expected-error @+1 {{Lk = 0 must be at least 1}}
  %y = ssm.long_conv %u, %kernel : (tensor<1x32x4xf32>, tensor<4x0xf32>) -> tensor<1x32x4xf32>
  return
}

// -----

// long_conv: circular mode with Lk != L.
func.func @long_conv_circular_length(%u: tensor<1x32x4xf32>, %kernel: tensor<4x8xf32>) {
  // expected-error @+1 {{circular convolution needs Lk == L, got Lk = 8 and L = 32}}
  %y = ssm.long_conv %u, %kernel mode circular : (tensor<1x32x4xf32>, tensor<4x8xf32>) -> tensor<1x32x4xf32>
  return
}

// -----

// long_conv: the result has Lk instead of L.
func.func @long_conv_result_shape(%u: tensor<1x32x4xf32>, %kernel: tensor<4x8xf32>) {
  // expected-error @+1 {{result #0 has type 'tensor<1x8x4xf32>' but the operands imply 'tensor<1x32x4xf32>'}}
  %y = ssm.long_conv %u, %kernel : (tensor<1x32x4xf32>, tensor<4x8xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

// long_conv: the result has another element type.
func.func @long_conv_result_element_type(%u: tensor<1x32x4xf32>, %kernel: tensor<4x8xf32>, %bias: tensor<4xf32>) {
  // expected-error @+1 {{result #0 has type 'tensor<1x32x4xf16>' but the operands imply 'tensor<1x32x4xf32>'}}
  %y = ssm.long_conv %u, %kernel bias(%bias) : (tensor<1x32x4xf32>, tensor<4x8xf32>, tensor<4xf32>) -> tensor<1x32x4xf16>
  return
}

// -----

// long_conv (ODS): an integer kernel.
func.func @long_conv_integer_operand(%u: tensor<1x32x4xf32>, %kernel: tensor<4x8xi32>) {
  // expected-error @+1 {{operand #1 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<4x8xi32>'}}
  %y = ssm.long_conv %u, %kernel : (tensor<1x32x4xf32>, tensor<4x8xi32>) -> tensor<1x32x4xf32>
  return
}
