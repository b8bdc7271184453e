// RUN: ssm-opt %s -split-input-file -verify-diagnostics
// ssm.butterfly diagnostics: every verifier error branch (SSMOps.cpp) and a sample of ODS constraints.

// butterfly: x of rank 0.
func.func @butterfly_x_rank0(%x: tensor<f32>, %w: tensor<4x8x2x2xf32>) {
  // expected-error @+1 {{'x' must have rank at least 1 [..., n], got 'tensor<f32>'}}
  %y = ssm.butterfly %x, %w : tensor<f32>, tensor<4x8x2x2xf32> -> tensor<f32>
  return
}

// -----

// butterfly: twiddles of rank 3.
func.func @butterfly_twiddles_rank(%x: tensor<4x16xf32>, %w: tensor<4x8x4xf32>) {
  // expected-error @+1 {{'twiddles' must have rank 4 [log2(n), n/2, 2, 2], got 'tensor<4x8x4xf32>'}}
  %y = ssm.butterfly %x, %w : tensor<4x16xf32>, tensor<4x8x4xf32> -> tensor<4x16xf32>
  return
}

// -----

// butterfly: twiddles have another element type.
func.func @butterfly_element_type(%x: tensor<4x16xf32>, %w: tensor<4x8x2x2xbf16>) {
  // expected-error @+1 {{element type mismatch: 'twiddles' has 'bf16' but 'x' has 'f32'}}
  %y = ssm.butterfly %x, %w : tensor<4x16xf32>, tensor<4x8x2x2xbf16> -> tensor<4x16xf32>
  return
}

// -----

// butterfly: 3x3 twiddles.
func.func @butterfly_twiddles_not_2x2(%x: tensor<4x16xf32>, %w: tensor<4x8x3x3xf32>) {
  // expected-error @+1 {{twiddles must be 2x2 matrices, got 'tensor<4x8x3x3xf32>'}}
  %y = ssm.butterfly %x, %w : tensor<4x16xf32>, tensor<4x8x3x3xf32> -> tensor<4x16xf32>
  return
}

// -----

// butterfly: n = 12 is not a power of two.
func.func @butterfly_not_power_of_two(%x: tensor<4x12xf32>, %w: tensor<4x6x2x2xf32>) {
  // expected-error @+1 {{butterfly needs a power-of-two last dimension, got n = 12}}
  %y = ssm.butterfly %x, %w : tensor<4x12xf32>, tensor<4x6x2x2xf32> -> tensor<4x12xf32>
  return
}

// -----

// butterfly: n = 0.
func.func @butterfly_n_zero(%x: tensor<4x0xf32>, %w: tensor<0x0x2x2xf32>) {
  // expected-error @+1 {{butterfly needs a power-of-two last dimension, got n = 0}}
  %y = ssm.butterfly %x, %w : tensor<4x0xf32>, tensor<0x0x2x2xf32> -> tensor<4x0xf32>
  return
}

// -----

// butterfly: 3 factors for n = 16.
func.func @butterfly_factor_count(%x: tensor<4x16xf32>, %w: tensor<3x8x2x2xf32>) {
  // expected-error @+1 {{twiddles must have log2(n) = 4 factors, got 3}}
  %y = ssm.butterfly %x, %w : tensor<4x16xf32>, tensor<3x8x2x2xf32> -> tensor<4x16xf32>
  return
}

// -----

// butterfly: 4 pairs per factor for n = 16.
func.func @butterfly_pair_count(%x: tensor<4x16xf32>, %w: tensor<4x4x2x2xf32>) {
  // expected-error @+1 {{twiddles must have n/2 = 8 pairs per factor, got 4}}
  %y = ssm.butterfly %x, %w : tensor<4x16xf32>, tensor<4x4x2x2xf32> -> tensor<4x16xf32>
  return
}

// -----

// butterfly: the result has another shape than x.
func.func @butterfly_result_shape(%x: tensor<4x16xf32>, %w: tensor<4x8x2x2xf32>) {
  // expected-error @+1 {{result #0 has type 'tensor<16xf32>' but the operands imply 'tensor<4x16xf32>'}}
  %y = ssm.butterfly %x, %w : tensor<4x16xf32>, tensor<4x8x2x2xf32> -> tensor<16xf32>
  return
}

// -----

// butterfly (ODS): integer twiddles.
func.func @butterfly_integer_operand(%x: tensor<4x16xf32>, %w: tensor<4x8x2x2xi32>) {
  // expected-error @+1 {{operand #1 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<4x8x2x2xi32>'}}
  %y = ssm.butterfly %x, %w : tensor<4x16xf32>, tensor<4x8x2x2xi32> -> tensor<4x16xf32>
  return
}

// -----

// butterfly: unequal non-2 twiddle matrix dimensions.
func.func @butterfly_twiddles_2x3(%x: tensor<4x16xf32>, %w: tensor<4x8x2x3xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{twiddles must be 2x2 matrices, got 'tensor<4x8x2x3xf32>'}}
  %y = ssm.butterfly %x, %w : tensor<4x16xf32>, tensor<4x8x2x3xf32> -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

// butterfly: with a dynamic n, 3 factors need 4 pairs, not 5.
func.func @butterfly_dynamic_n_inconsistent(%x: tensor<4x?xf32>, %w: tensor<3x5x2x2xf32>) -> tensor<4x?xf32> {
  // expected-error @+1 {{twiddles 'tensor<3x5x2x2xf32>' fit no n: log2(n) = 3 factors need n/2 = 4 pairs}}
  %y = ssm.butterfly %x, %w : tensor<4x?xf32>, tensor<3x5x2x2xf32> -> tensor<4x?xf32>
  return %y : tensor<4x?xf32>
}
