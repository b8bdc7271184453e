// RUN: ssm-opt %s -split-input-file -verify-diagnostics
// ssm.selective_scan diagnostics: every verifier error branch (SSMOps.cpp) and a sample of ODS constraints.

// selective_scan: x of rank 2.
func.func @selective_scan_x_rank(%x: tensor<7x4xf32>, %delta: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %Bm: tensor<1x7x2x16xf32>, %Cm: tensor<1x7x2x16xf32>) {
  // expected-error @+1 {{'x' must have rank 3 [B, L, D], got 'tensor<7x4xf32>'}}
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm : (tensor<7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan: delta of rank 4.
func.func @selective_scan_delta_rank(%x: tensor<1x7x4xf32>, %delta: tensor<1x7x4x1xf32>, %A: tensor<4x16xf32>, %Bm: tensor<1x7x2x16xf32>, %Cm: tensor<1x7x2x16xf32>) {
  // expected-error @+1 {{'delta' must have rank 3 [B, L, D], got 'tensor<1x7x4x1xf32>'}}
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm : (tensor<1x7x4xf32>, tensor<1x7x4x1xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan: A of rank 1.
func.func @selective_scan_A_rank(%x: tensor<1x7x4xf32>, %delta: tensor<1x7x4xf32>, %A: tensor<4xf32>, %Bm: tensor<1x7x2x16xf32>, %Cm: tensor<1x7x2x16xf32>) {
  // expected-error @+1 {{'A' must have rank 2 [D, N], got 'tensor<4xf32>'}}
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan: Bm of rank 3 (no group dim).
func.func @selective_scan_Bm_rank(%x: tensor<1x7x4xf32>, %delta: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %Bm: tensor<1x7x16xf32>, %Cm: tensor<1x7x2x16xf32>) {
  // expected-error @+1 {{'Bm' must have rank 4 [B, L, G, N], got 'tensor<1x7x16xf32>'}}
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x16xf32>, tensor<1x7x2x16xf32>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan: Cm of rank 3.
func.func @selective_scan_Cm_rank(%x: tensor<1x7x4xf32>, %delta: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %Bm: tensor<1x7x2x16xf32>, %Cm: tensor<1x7x16xf32>) {
  // expected-error @+1 {{'Cm' must have rank 4 [B, L, G, N], got 'tensor<1x7x16xf32>'}}
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x16xf32>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan: skip of rank 2.
func.func @selective_scan_skip_rank(%x: tensor<1x7x4xf32>, %delta: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %Bm: tensor<1x7x2x16xf32>, %Cm: tensor<1x7x2x16xf32>, %skip: tensor<1x4xf32>) {
  // expected-error @+1 {{'skip' must have rank 1 [D], got 'tensor<1x4xf32>'}}
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm skip(%skip) : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<1x4xf32>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan: gate of rank 2.
func.func @selective_scan_gate_rank(%x: tensor<1x7x4xf32>, %delta: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %Bm: tensor<1x7x2x16xf32>, %Cm: tensor<1x7x2x16xf32>, %gate: tensor<7x4xf32>) {
  // expected-error @+1 {{'gate' must have rank 3 [B, L, D], got 'tensor<7x4xf32>'}}
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm gate(%gate) : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<7x4xf32>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan: delta_bias of rank 0.
func.func @selective_scan_delta_bias_rank(%x: tensor<1x7x4xf32>, %delta: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %Bm: tensor<1x7x2x16xf32>, %Cm: tensor<1x7x2x16xf32>, %delta_bias: tensor<f32>) {
  // expected-error @+1 {{'delta_bias' must have rank 1 [D], got 'tensor<f32>'}}
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm delta_bias(%delta_bias) : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<f32>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan: init of rank 2.
func.func @selective_scan_init_rank(%x: tensor<1x7x4xf32>, %delta: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %Bm: tensor<1x7x2x16xf32>, %Cm: tensor<1x7x2x16xf32>, %init: tensor<4x16xf32>) {
  // expected-error @+1 {{'init' must have rank 3 [B, D, N], got 'tensor<4x16xf32>'}}
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm init(%init) : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<4x16xf32>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan: delta disagrees with x on B.
func.func @selective_scan_delta_batch(%x: tensor<1x7x4xf32>, %delta: tensor<2x7x4xf32>, %A: tensor<4x16xf32>, %Bm: tensor<1x7x2x16xf32>, %Cm: tensor<1x7x2x16xf32>) {
  // expected-error @+1 {{'delta' has B = 2 (dimension 0 of 'tensor<2x7x4xf32>') but 'x' has B = 1 ('tensor<1x7x4xf32>')}}
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm : (tensor<1x7x4xf32>, tensor<2x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan: delta disagrees with x on L.
func.func @selective_scan_delta_length(%x: tensor<1x7x4xf32>, %delta: tensor<1x8x4xf32>, %A: tensor<4x16xf32>, %Bm: tensor<1x7x2x16xf32>, %Cm: tensor<1x7x2x16xf32>) {
  // expected-error @+1 {{'delta' has L = 8 (dimension 1 of 'tensor<1x8x4xf32>') but 'x' has L = 7 ('tensor<1x7x4xf32>')}}
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm : (tensor<1x7x4xf32>, tensor<1x8x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan: delta disagrees with x on D.
func.func @selective_scan_delta_channels(%x: tensor<1x7x4xf32>, %delta: tensor<1x7x5xf32>, %A: tensor<4x16xf32>, %Bm: tensor<1x7x2x16xf32>, %Cm: tensor<1x7x2x16xf32>) {
  // expected-error @+1 {{'delta' has D = 5 (dimension 2 of 'tensor<1x7x5xf32>') but 'x' has D = 4 ('tensor<1x7x4xf32>')}}
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm : (tensor<1x7x4xf32>, tensor<1x7x5xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan: A disagrees with x on D.
func.func @selective_scan_A_channels(%x: tensor<1x7x4xf32>, %delta: tensor<1x7x4xf32>, %A: tensor<8x16xf32>, %Bm: tensor<1x7x2x16xf32>, %Cm: tensor<1x7x2x16xf32>) {
  // expected-error @+1 {{'A' has D = 8 (dimension 0 of 'tensor<8x16xf32>') but 'x' has D = 4 ('tensor<1x7x4xf32>')}}
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<8x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan: Bm disagrees with x on B.
func.func @selective_scan_Bm_batch(%x: tensor<1x7x4xf32>, %delta: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %Bm: tensor<3x7x2x16xf32>, %Cm: tensor<1x7x2x16xf32>) {
  // expected-error @+1 {{'Bm' has B = 3 (dimension 0 of 'tensor<3x7x2x16xf32>') but 'x' has B = 1 ('tensor<1x7x4xf32>')}}
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<3x7x2x16xf32>, tensor<1x7x2x16xf32>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan: Bm disagrees with x on L.
func.func @selective_scan_Bm_length(%x: tensor<1x7x4xf32>, %delta: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %Bm: tensor<1x6x2x16xf32>, %Cm: tensor<1x7x2x16xf32>) {
  // expected-error @+1 {{'Bm' has L = 6 (dimension 1 of 'tensor<1x6x2x16xf32>') but 'x' has L = 7 ('tensor<1x7x4xf32>')}}
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x6x2x16xf32>, tensor<1x7x2x16xf32>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan: Bm disagrees with A on the state size N.
func.func @selective_scan_Bm_state(%x: tensor<1x7x4xf32>, %delta: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %Bm: tensor<1x7x2x8xf32>, %Cm: tensor<1x7x2x16xf32>) {
  // expected-error @+1 {{'Bm' has N = 8 (dimension 3 of 'tensor<1x7x2x8xf32>') but 'A' has N = 16 ('tensor<4x16xf32>')}}
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x8xf32>, tensor<1x7x2x16xf32>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan: Cm disagrees with Bm on the groups G.
func.func @selective_scan_Cm_groups(%x: tensor<1x7x4xf32>, %delta: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %Bm: tensor<1x7x2x16xf32>, %Cm: tensor<1x7x4x16xf32>) {
  // expected-error @+1 {{'Cm' has G = 4 (dimension 2 of 'tensor<1x7x4x16xf32>') but 'Bm' has G = 2 ('tensor<1x7x2x16xf32>')}}
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x4x16xf32>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan: Cm disagrees with A on N.
func.func @selective_scan_Cm_state(%x: tensor<1x7x4xf32>, %delta: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %Bm: tensor<1x7x2x16xf32>, %Cm: tensor<1x7x2x15xf32>) {
  // expected-error @+1 {{'Cm' has N = 15 (dimension 3 of 'tensor<1x7x2x15xf32>') but 'A' has N = 16 ('tensor<4x16xf32>')}}
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x15xf32>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan: skip disagrees with x on D.
func.func @selective_scan_skip_channels(%x: tensor<1x7x4xf32>, %delta: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %Bm: tensor<1x7x2x16xf32>, %Cm: tensor<1x7x2x16xf32>, %skip: tensor<3xf32>) {
  // expected-error @+1 {{'skip' has D = 3 (dimension 0 of 'tensor<3xf32>') but 'x' has D = 4 ('tensor<1x7x4xf32>')}}
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm skip(%skip) : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<3xf32>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan: gate disagrees with x on L.
func.func @selective_scan_gate_length(%x: tensor<1x7x4xf32>, %delta: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %Bm: tensor<1x7x2x16xf32>, %Cm: tensor<1x7x2x16xf32>, %gate: tensor<1x1x4xf32>) {
  // expected-error @+1 {{'gate' has L = 1 (dimension 1 of 'tensor<1x1x4xf32>') but 'x' has L = 7 ('tensor<1x7x4xf32>')}}
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm gate(%gate) : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<1x1x4xf32>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan: delta_bias disagrees with x on D.
func.func @selective_scan_delta_bias_channels(%x: tensor<1x7x4xf32>, %delta: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %Bm: tensor<1x7x2x16xf32>, %Cm: tensor<1x7x2x16xf32>, %delta_bias: tensor<16xf32>) {
  // expected-error @+1 {{'delta_bias' has D = 16 (dimension 0 of 'tensor<16xf32>') but 'x' has D = 4 ('tensor<1x7x4xf32>')}}
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm delta_bias(%delta_bias) : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<16xf32>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan: init disagrees with x on B.
func.func @selective_scan_init_batch(%x: tensor<1x7x4xf32>, %delta: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %Bm: tensor<1x7x2x16xf32>, %Cm: tensor<1x7x2x16xf32>, %init: tensor<2x4x16xf32>) {
  // expected-error @+1 {{'init' has B = 2 (dimension 0 of 'tensor<2x4x16xf32>') but 'x' has B = 1 ('tensor<1x7x4xf32>')}}
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm init(%init) : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<2x4x16xf32>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan: init laid out [B, N, D] instead of [B, D, N].
func.func @selective_scan_init_layout(%x: tensor<1x7x4xf32>, %delta: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %Bm: tensor<1x7x2x16xf32>, %Cm: tensor<1x7x2x16xf32>, %init: tensor<1x16x4xf32>) {
  // expected-error @+1 {{'init' has D = 16 (dimension 1 of 'tensor<1x16x4xf32>') but 'x' has D = 4 ('tensor<1x7x4xf32>')}}
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm init(%init) : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<1x16x4xf32>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan: init disagrees with A on N.
func.func @selective_scan_init_state(%x: tensor<1x7x4xf32>, %delta: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %Bm: tensor<1x7x2x16xf32>, %Cm: tensor<1x7x2x16xf32>, %init: tensor<1x4x32xf32>) {
  // expected-error @+1 {{'init' has N = 32 (dimension 2 of 'tensor<1x4x32xf32>') but 'A' has N = 16 ('tensor<4x16xf32>')}}
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm init(%init) : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<1x4x32xf32>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan: A has another element type.
func.func @selective_scan_A_element_type(%x: tensor<1x7x4xf32>, %delta: tensor<1x7x4xf32>, %A: tensor<4x16xf16>, %Bm: tensor<1x7x2x16xf32>, %Cm: tensor<1x7x2x16xf32>) {
  // expected-error @+1 {{element type mismatch: 'A' has 'f16' but 'x' has 'f32'}}
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf16>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan: an optional operand (init) has another element type.
func.func @selective_scan_init_element_type(%x: tensor<1x7x4xf32>, %delta: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %Bm: tensor<1x7x2x16xf32>, %Cm: tensor<1x7x2x16xf32>, %skip: tensor<4xf32>, %init: tensor<1x4x16xf64>) {
  // expected-error @+1 {{element type mismatch: 'init' has 'f64' but 'x' has 'f32'}}
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm skip(%skip) init(%init) : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<4xf32>, tensor<1x4x16xf64>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan: G = 0.
func.func @selective_scan_zero_groups(%x: tensor<1x7x4xf32>, %delta: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %Bm: tensor<1x7x0x16xf32>, %Cm: tensor<1x7x0x16xf32>) {
  // expected-error @+1 {{G = 0 must be at least 1}}
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x0x16xf32>, tensor<1x7x0x16xf32>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan: D % G != 0.
func.func @selective_scan_groups_not_dividing(%x: tensor<1x7x4xf32>, %delta: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %Bm: tensor<1x7x3x16xf32>, %Cm: tensor<1x7x3x16xf32>) {
  // expected-error @+1 {{channels must split evenly into groups: D = 4 must be a multiple of G = 3}}
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x3x16xf32>, tensor<1x7x3x16xf32>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan: y has the wrong length.
func.func @selective_scan_result_shape(%x: tensor<1x7x4xf32>, %delta: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %Bm: tensor<1x7x2x16xf32>, %Cm: tensor<1x7x2x16xf32>) {
  // expected-error @+1 {{result #0 has type 'tensor<1x8x4xf32>' but the operands imply 'tensor<1x7x4xf32>'}}
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

// selective_scan: the final state laid out [B, N, D].
func.func @selective_scan_final_state_shape(%x: tensor<1x7x4xf32>, %delta: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %Bm: tensor<1x7x2x16xf32>, %Cm: tensor<1x7x2x16xf32>) {
  // expected-error @+1 {{result #1 has type 'tensor<1x16x4xf32>' but the operands imply 'tensor<1x4x16xf32>'}}
  %y, %hT = ssm.selective_scan %x, %delta, %A, %Bm, %Cm delta_softplus : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>) -> (tensor<1x7x4xf32>, tensor<1x16x4xf32>)
  return
}

// -----

// selective_scan: the final state has another element type.
func.func @selective_scan_final_state_element_type(%x: tensor<1x7x4xf32>, %delta: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %Bm: tensor<1x7x2x16xf32>, %Cm: tensor<1x7x2x16xf32>, %init: tensor<1x4x16xf32>) {
  // expected-error @+1 {{result #1 has type 'tensor<1x4x16xf16>' but the operands imply 'tensor<1x4x16xf32>'}}
  %y, %hT = ssm.selective_scan %x, %delta, %A, %Bm, %Cm init(%init) : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<1x4x16xf32>) -> (tensor<1x7x4xf32>, tensor<1x4x16xf16>)
  return
}

// -----

// selective_scan (ODS): an integer optional operand.
func.func @selective_scan_integer_operand(%x: tensor<1x7x4xf32>, %delta: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %Bm: tensor<1x7x2x16xf32>, %Cm: tensor<1x7x2x16xf32>, %skip: tensor<4xi32>) {
  // expected-error @+1 {{operand #5 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<4xi32>'}}
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm skip(%skip) : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<4xi32>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan (ODS): an unranked x.
func.func @selective_scan_unranked_operand(%x: tensor<*xf32>, %delta: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %Bm: tensor<1x7x2x16xf32>, %Cm: tensor<1x7x2x16xf32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<*xf32>'}}
  %y = ssm.selective_scan %x, %delta, %A, %Bm, %Cm : (tensor<*xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan (ODS): operandSegmentSizes does not add up to the operand count.
func.func @selective_scan_bad_segment_sizes(%x: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %B: tensor<1x7x2x16xf32>) {
  // expected-error @+1 {{operand count (5) does not match with the total size (6) specified in attribute 'operandSegmentSizes'}}
  %y = "ssm.selective_scan"(%x, %x, %A, %B, %B) <{operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 0, 0, 0>}> : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan (ODS): two operands in the optional skip group.
func.func @selective_scan_segment_too_large(%x: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %B: tensor<1x7x2x16xf32>) {
  // expected-error @+1 {{operand group starting at #5 requires 0 or 1 element, but found 2}}
  %y = "ssm.selective_scan"(%x, %x, %A, %B, %B, %x, %x) <{operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 2, 0, 0, 0>}> : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x4xf32>, tensor<1x7x4xf32>) -> tensor<1x7x4xf32>
  return
}

// -----

// selective_scan (ODS): three results.
func.func @selective_scan_too_many_results(%x: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %B: tensor<1x7x2x16xf32>) {
  // expected-error @+1 {{result group starting at #1 requires 0 or 1 element, but found 2}}
  %y:3 = "ssm.selective_scan"(%x, %x, %A, %B, %B) <{operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 0, 0, 0, 0>}> : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>) -> (tensor<1x7x4xf32>, tensor<1x4x16xf32>, tensor<1x4x16xf32>)
  return
}
