// RUN: ssm-opt %s -split-input-file -verify-diagnostics
// ssm.monarch diagnostics: every verifier error branch (SSMOps.cpp) and a sample of ODS constraints.

// monarch: x of rank 0.
func.func @monarch_x_rank0(%x: tensor<f32>, %R: tensor<3x4x4xf32>, %L: tensor<4x3x3xf32>) {
  // expected-error @+1 {{'x' must have rank at least 1 [..., n], got 'tensor<f32>'}}
  %y = ssm.monarch %x, %R, %L : tensor<f32>, tensor<3x4x4xf32>, tensor<4x3x3xf32> -> tensor<f32>
  return
}

// -----

// monarch: R of rank 2.
func.func @monarch_R_rank(%x: tensor<8x12xf32>, %R: tensor<4x4xf32>, %L: tensor<4x3x3xf32>) {
  // expected-error @+1 {{'R' must have rank 3 [m, k, k], got 'tensor<4x4xf32>'}}
  %y = ssm.monarch %x, %R, %L : tensor<8x12xf32>, tensor<4x4xf32>, tensor<4x3x3xf32> -> tensor<8x12xf32>
  return
}

// -----

// monarch: L of rank 4.
func.func @monarch_L_rank(%x: tensor<8x12xf32>, %R: tensor<3x4x4xf32>, %L: tensor<4x3x3x1xf32>) {
  // expected-error @+1 {{'L' must have rank 3 [k, m, m], got 'tensor<4x3x3x1xf32>'}}
  %y = ssm.monarch %x, %R, %L : tensor<8x12xf32>, tensor<3x4x4xf32>, tensor<4x3x3x1xf32> -> tensor<8x12xf32>
  return
}

// -----

// monarch: the blocks of R are not square (k mismatch within R).
func.func @monarch_R_not_square(%x: tensor<8x12xf32>, %R: tensor<3x4x5xf32>, %L: tensor<4x3x3xf32>) {
  // expected-error @+1 {{'R' has k = 5 (dimension 2 of 'tensor<3x4x5xf32>') but 'R' has k = 4 ('tensor<3x4x5xf32>')}}
  %y = ssm.monarch %x, %R, %L : tensor<8x12xf32>, tensor<3x4x5xf32>, tensor<4x3x3xf32> -> tensor<8x12xf32>
  return
}

// -----

// monarch: L has another number of blocks k than R's block size.
func.func @monarch_L_block_count(%x: tensor<8x12xf32>, %R: tensor<3x4x4xf32>, %L: tensor<3x3x3xf32>) {
  // expected-error @+1 {{'L' has k = 3 (dimension 0 of 'tensor<3x3x3xf32>') but 'R' has k = 4 ('tensor<3x4x4xf32>')}}
  %y = ssm.monarch %x, %R, %L : tensor<8x12xf32>, tensor<3x4x4xf32>, tensor<3x3x3xf32> -> tensor<8x12xf32>
  return
}

// -----

// monarch: L's blocks are not m x m.
func.func @monarch_L_block_size(%x: tensor<8x12xf32>, %R: tensor<3x4x4xf32>, %L: tensor<4x4x4xf32>) {
  // expected-error @+1 {{'L' has m = 4 (dimension 1 of 'tensor<4x4x4xf32>') but 'R' has m = 3 ('tensor<3x4x4xf32>')}}
  %y = ssm.monarch %x, %R, %L : tensor<8x12xf32>, tensor<3x4x4xf32>, tensor<4x4x4xf32> -> tensor<8x12xf32>
  return
}

// -----

// monarch: the blocks of L are not square (m mismatch within L).
func.func @monarch_L_not_square(%x: tensor<8x12xf32>, %R: tensor<3x4x4xf32>, %L: tensor<4x3x2xf32>) {
  // expected-error @+1 {{'L' has m = 2 (dimension 2 of 'tensor<4x3x2xf32>') but 'R' has m = 3 ('tensor<3x4x4xf32>')}}
  %y = ssm.monarch %x, %R, %L : tensor<8x12xf32>, tensor<3x4x4xf32>, tensor<4x3x2xf32> -> tensor<8x12xf32>
  return
}

// -----

// monarch: L has another element type.
func.func @monarch_element_type(%x: tensor<8x12xf32>, %R: tensor<3x4x4xf32>, %L: tensor<4x3x3xf16>) {
  // expected-error @+1 {{element type mismatch: 'L' has 'f16' but 'x' has 'f32'}}
  %y = ssm.monarch %x, %R, %L : tensor<8x12xf32>, tensor<3x4x4xf32>, tensor<4x3x3xf16> -> tensor<8x12xf32>
  return
}

// -----

// monarch: n != m * k.
func.func @monarch_n_not_mk(%x: tensor<8x10xf32>, %R: tensor<3x4x4xf32>, %L: tensor<4x3x3xf32>) {
  // expected-error @+1 {{last dimension n = 10 must equal m * k = 3 * 4}}
  %y = ssm.monarch %x, %R, %L : tensor<8x10xf32>, tensor<3x4x4xf32>, tensor<4x3x3xf32> -> tensor<8x10xf32>
  return
}

// -----

// monarch: the result has another shape than x.
func.func @monarch_result_shape(%x: tensor<8x12xf32>, %R: tensor<3x4x4xf32>, %L: tensor<4x3x3xf32>) {
  // expected-error @+1 {{result #0 has type 'tensor<8x13xf32>' but the operands imply 'tensor<8x12xf32>'}}
  %y = ssm.monarch %x, %R, %L : tensor<8x12xf32>, tensor<3x4x4xf32>, tensor<4x3x3xf32> -> tensor<8x13xf32>
  return
}

// -----

// monarch: the result has another element type.
func.func @monarch_result_element_type(%x: tensor<8x12xf32>, %R: tensor<3x4x4xf32>, %L: tensor<4x3x3xf32>) {
  // expected-error @+1 {{result #0 has type 'tensor<8x12xf64>' but the operands imply 'tensor<8x12xf32>'}}
  %y = ssm.monarch %x, %R, %L : tensor<8x12xf32>, tensor<3x4x4xf32>, tensor<4x3x3xf32> -> tensor<8x12xf64>
  return
}

// -----

// monarch (ODS): an integer x.
func.func @monarch_integer_operand(%x: tensor<8x12xi32>, %R: tensor<3x4x4xf32>, %L: tensor<4x3x3xf32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<8x12xi32>'}}
  %y = ssm.monarch %x, %R, %L : tensor<8x12xi32>, tensor<3x4x4xf32>, tensor<4x3x3xf32> -> tensor<8x12xf32>
  return
}

// -----

// monarch (ODS): an unranked x, in the generic form.
func.func @monarch_unranked_operand(%x: tensor<*xf32>, %R: tensor<3x4x4xf32>, %L: tensor<4x3x3xf32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<*xf32>'}}
  %y = "ssm.monarch"(%x, %R, %L) : (tensor<*xf32>, tensor<3x4x4xf32>, tensor<4x3x3xf32>) -> tensor<8x12xf32>
  return
}

// -----

// monarch: m * k overflows int64 and must not wrap around to n.
func.func @monarch_overflow(%x: tensor<4294967296xf32>, %r: tensor<4294967297x4294967296x4294967296xf32>, %l: tensor<4294967296x4294967297x4294967297xf32>) -> tensor<4294967296xf32> {
  // expected-error @+1 {{last dimension n = 4294967296 must equal m * k = 4294967297 * 4294967296}}
  %y = ssm.monarch %x, %r, %l : tensor<4294967296xf32>, tensor<4294967297x4294967296x4294967296xf32>, tensor<4294967296x4294967297x4294967297xf32> -> tensor<4294967296xf32>
  return %y : tensor<4294967296xf32>
}
