// RUN: ssm-opt %s -split-input-file -verify-diagnostics
// ssm.ssd diagnostics: every verifier error branch (SSMOps.cpp) and a sample of ODS constraints.

// ssd: x of rank 3.
func.func @ssd_x_rank(%x: tensor<2x8x12xf32>, %dt: tensor<2x8x4xf32>, %A: tensor<4xf32>, %Bm: tensor<2x8x2x5xf32>, %Cm: tensor<2x8x2x5xf32>) {
  // expected-error @+1 {{'x' must have rank 4 [B, L, H, P], got 'tensor<2x8x12xf32>'}}
  %y = ssm.ssd %x, %dt, %A, %Bm, %Cm : (tensor<2x8x12xf32>, tensor<2x8x4xf32>, tensor<4xf32>, tensor<2x8x2x5xf32>, tensor<2x8x2x5xf32>) -> tensor<2x8x4x3xf32>
  return
}

// -----

// ssd: dt of rank 4.
func.func @ssd_dt_rank(%x: tensor<2x8x4x3xf32>, %dt: tensor<2x8x4x1xf32>, %A: tensor<4xf32>, %Bm: tensor<2x8x2x5xf32>, %Cm: tensor<2x8x2x5xf32>) {
  // expected-error @+1 {{'dt' must have rank 3 [B, L, H], got 'tensor<2x8x4x1xf32>'}}
  %y = ssm.ssd %x, %dt, %A, %Bm, %Cm : (tensor<2x8x4x3xf32>, tensor<2x8x4x1xf32>, tensor<4xf32>, tensor<2x8x2x5xf32>, tensor<2x8x2x5xf32>) -> tensor<2x8x4x3xf32>
  return
}

// -----

// ssd: A of rank 2 (Mamba-1 layout).
func.func @ssd_A_rank(%x: tensor<2x8x4x3xf32>, %dt: tensor<2x8x4xf32>, %A: tensor<4x5xf32>, %Bm: tensor<2x8x2x5xf32>, %Cm: tensor<2x8x2x5xf32>) {
  // expected-error @+1 {{'A' must have rank 1 [H], got 'tensor<4x5xf32>'}}
  %y = ssm.ssd %x, %dt, %A, %Bm, %Cm : (tensor<2x8x4x3xf32>, tensor<2x8x4xf32>, tensor<4x5xf32>, tensor<2x8x2x5xf32>, tensor<2x8x2x5xf32>) -> tensor<2x8x4x3xf32>
  return
}

// -----

// ssd: Bm of rank 3.
func.func @ssd_Bm_rank(%x: tensor<2x8x4x3xf32>, %dt: tensor<2x8x4xf32>, %A: tensor<4xf32>, %Bm: tensor<2x8x5xf32>, %Cm: tensor<2x8x2x5xf32>) {
  // expected-error @+1 {{'Bm' must have rank 4 [B, L, G, N], got 'tensor<2x8x5xf32>'}}
  %y = ssm.ssd %x, %dt, %A, %Bm, %Cm : (tensor<2x8x4x3xf32>, tensor<2x8x4xf32>, tensor<4xf32>, tensor<2x8x5xf32>, tensor<2x8x2x5xf32>) -> tensor<2x8x4x3xf32>
  return
}

// -----

// ssd: Cm of rank 5.
func.func @ssd_Cm_rank(%x: tensor<2x8x4x3xf32>, %dt: tensor<2x8x4xf32>, %A: tensor<4xf32>, %Bm: tensor<2x8x2x5xf32>, %Cm: tensor<2x8x2x5x1xf32>) {
  // expected-error @+1 {{'Cm' must have rank 4 [B, L, G, N], got 'tensor<2x8x2x5x1xf32>'}}
  %y = ssm.ssd %x, %dt, %A, %Bm, %Cm : (tensor<2x8x4x3xf32>, tensor<2x8x4xf32>, tensor<4xf32>, tensor<2x8x2x5xf32>, tensor<2x8x2x5x1xf32>) -> tensor<2x8x4x3xf32>
  return
}

// -----

// ssd: skip of rank 2.
func.func @ssd_skip_rank(%x: tensor<2x8x4x3xf32>, %dt: tensor<2x8x4xf32>, %A: tensor<4xf32>, %Bm: tensor<2x8x2x5xf32>, %Cm: tensor<2x8x2x5xf32>, %skip: tensor<4x3xf32>) {
  // expected-error @+1 {{'skip' must have rank 1 [H], got 'tensor<4x3xf32>'}}
  %y = ssm.ssd %x, %dt, %A, %Bm, %Cm skip(%skip) : (tensor<2x8x4x3xf32>, tensor<2x8x4xf32>, tensor<4xf32>, tensor<2x8x2x5xf32>, tensor<2x8x2x5xf32>, tensor<4x3xf32>) -> tensor<2x8x4x3xf32>
  return
}

// -----

// ssd: init of rank 3.
func.func @ssd_init_rank(%x: tensor<2x8x4x3xf32>, %dt: tensor<2x8x4xf32>, %A: tensor<4xf32>, %Bm: tensor<2x8x2x5xf32>, %Cm: tensor<2x8x2x5xf32>, %init: tensor<2x4x15xf32>) {
  // expected-error @+1 {{'init' must have rank 4 [B, H, P, N], got 'tensor<2x4x15xf32>'}}
  %y = ssm.ssd %x, %dt, %A, %Bm, %Cm init(%init) : (tensor<2x8x4x3xf32>, tensor<2x8x4xf32>, tensor<4xf32>, tensor<2x8x2x5xf32>, tensor<2x8x2x5xf32>, tensor<2x4x15xf32>) -> tensor<2x8x4x3xf32>
  return
}

// -----

// ssd: dt disagrees with x on B.
func.func @ssd_dt_batch(%x: tensor<2x8x4x3xf32>, %dt: tensor<1x8x4xf32>, %A: tensor<4xf32>, %Bm: tensor<2x8x2x5xf32>, %Cm: tensor<2x8x2x5xf32>) {
  // expected-error @+1 {{'dt' has B = 1 (dimension 0 of 'tensor<1x8x4xf32>') but 'x' has B = 2 ('tensor<2x8x4x3xf32>')}}
  %y = ssm.ssd %x, %dt, %A, %Bm, %Cm : (tensor<2x8x4x3xf32>, tensor<1x8x4xf32>, tensor<4xf32>, tensor<2x8x2x5xf32>, tensor<2x8x2x5xf32>) -> tensor<2x8x4x3xf32>
  return
}

// -----

// ssd: dt disagrees with x on L.
func.func @ssd_dt_length(%x: tensor<2x8x4x3xf32>, %dt: tensor<2x9x4xf32>, %A: tensor<4xf32>, %Bm: tensor<2x8x2x5xf32>, %Cm: tensor<2x8x2x5xf32>) {
  // expected-error @+1 {{'dt' has L = 9 (dimension 1 of 'tensor<2x9x4xf32>') but 'x' has L = 8 ('tensor<2x8x4x3xf32>')}}
  %y = ssm.ssd %x, %dt, %A, %Bm, %Cm : (tensor<2x8x4x3xf32>, tensor<2x9x4xf32>, tensor<4xf32>, tensor<2x8x2x5xf32>, tensor<2x8x2x5xf32>) -> tensor<2x8x4x3xf32>
  return
}

// -----

// ssd: dt disagrees with x on H.
func.func @ssd_dt_heads(%x: tensor<2x8x4x3xf32>, %dt: tensor<2x8x2xf32>, %A: tensor<4xf32>, %Bm: tensor<2x8x2x5xf32>, %Cm: tensor<2x8x2x5xf32>) {
  // expected-error @+1 {{'dt' has H = 2 (dimension 2 of 'tensor<2x8x2xf32>') but 'x' has H = 4 ('tensor<2x8x4x3xf32>')}}
  %y = ssm.ssd %x, %dt, %A, %Bm, %Cm : (tensor<2x8x4x3xf32>, tensor<2x8x2xf32>, tensor<4xf32>, tensor<2x8x2x5xf32>, tensor<2x8x2x5xf32>) -> tensor<2x8x4x3xf32>
  return
}

// -----

// ssd: A disagrees with x on H.
func.func @ssd_A_heads(%x: tensor<2x8x4x3xf32>, %dt: tensor<2x8x4xf32>, %A: tensor<3xf32>, %Bm: tensor<2x8x2x5xf32>, %Cm: tensor<2x8x2x5xf32>) {
  // expected-error @+1 {{'A' has H = 3 (dimension 0 of 'tensor<3xf32>') but 'x' has H = 4 ('tensor<2x8x4x3xf32>')}}
  %y = ssm.ssd %x, %dt, %A, %Bm, %Cm : (tensor<2x8x4x3xf32>, tensor<2x8x4xf32>, tensor<3xf32>, tensor<2x8x2x5xf32>, tensor<2x8x2x5xf32>) -> tensor<2x8x4x3xf32>
  return
}

// -----

// ssd: Bm disagrees with x on B.
func.func @ssd_Bm_batch(%x: tensor<2x8x4x3xf32>, %dt: tensor<2x8x4xf32>, %A: tensor<4xf32>, %Bm: tensor<4x8x2x5xf32>, %Cm: tensor<2x8x2x5xf32>) {
  // expected-error @+1 {{'Bm' has B = 4 (dimension 0 of 'tensor<4x8x2x5xf32>') but 'x' has B = 2 ('tensor<2x8x4x3xf32>')}}
  %y = ssm.ssd %x, %dt, %A, %Bm, %Cm : (tensor<2x8x4x3xf32>, tensor<2x8x4xf32>, tensor<4xf32>, tensor<4x8x2x5xf32>, tensor<2x8x2x5xf32>) -> tensor<2x8x4x3xf32>
  return
}

// -----

// ssd: Bm disagrees with x on L.
func.func @ssd_Bm_length(%x: tensor<2x8x4x3xf32>, %dt: tensor<2x8x4xf32>, %A: tensor<4xf32>, %Bm: tensor<2x1x2x5xf32>, %Cm: tensor<2x8x2x5xf32>) {
  // expected-error @+1 {{'Bm' has L = 1 (dimension 1 of 'tensor<2x1x2x5xf32>') but 'x' has L = 8 ('tensor<2x8x4x3xf32>')}}
  %y = ssm.ssd %x, %dt, %A, %Bm, %Cm : (tensor<2x8x4x3xf32>, tensor<2x8x4xf32>, tensor<4xf32>, tensor<2x1x2x5xf32>, tensor<2x8x2x5xf32>) -> tensor<2x8x4x3xf32>
  return
}

// -----

// ssd: Cm disagrees with Bm on G.
func.func @ssd_Cm_groups(%x: tensor<2x8x4x3xf32>, %dt: tensor<2x8x4xf32>, %A: tensor<4xf32>, %Bm: tensor<2x8x2x5xf32>, %Cm: tensor<2x8x1x5xf32>) {
  // expected-error @+1 {{'Cm' has G = 1 (dimension 2 of 'tensor<2x8x1x5xf32>') but 'Bm' has G = 2 ('tensor<2x8x2x5xf32>')}}
  %y = ssm.ssd %x, %dt, %A, %Bm, %Cm : (tensor<2x8x4x3xf32>, tensor<2x8x4xf32>, tensor<4xf32>, tensor<2x8x2x5xf32>, tensor<2x8x1x5xf32>) -> tensor<2x8x4x3xf32>
  return
}

// -----

// ssd: Cm disagrees with Bm on N.
func.func @ssd_Cm_state(%x: tensor<2x8x4x3xf32>, %dt: tensor<2x8x4xf32>, %A: tensor<4xf32>, %Bm: tensor<2x8x2x5xf32>, %Cm: tensor<2x8x2x6xf32>) {
  // expected-error @+1 {{'Cm' has N = 6 (dimension 3 of 'tensor<2x8x2x6xf32>') but 'Bm' has N = 5 ('tensor<2x8x2x5xf32>')}}
  %y = ssm.ssd %x, %dt, %A, %Bm, %Cm : (tensor<2x8x4x3xf32>, tensor<2x8x4xf32>, tensor<4xf32>, tensor<2x8x2x5xf32>, tensor<2x8x2x6xf32>) -> tensor<2x8x4x3xf32>
  return
}

// -----

// ssd: skip disagrees with x on H.
func.func @ssd_skip_heads(%x: tensor<2x8x4x3xf32>, %dt: tensor<2x8x4xf32>, %A: tensor<4xf32>, %Bm: tensor<2x8x2x5xf32>, %Cm: tensor<2x8x2x5xf32>, %skip: tensor<3xf32>) {
  // expected-error @+1 {{'skip' has H = 3 (dimension 0 of 'tensor<3xf32>') but 'x' has H = 4 ('tensor<2x8x4x3xf32>')}}
  %y = ssm.ssd %x, %dt, %A, %Bm, %Cm skip(%skip) : (tensor<2x8x4x3xf32>, tensor<2x8x4xf32>, tensor<4xf32>, tensor<2x8x2x5xf32>, tensor<2x8x2x5xf32>, tensor<3xf32>) -> tensor<2x8x4x3xf32>
  return
}

// -----

// ssd: init disagrees with x on B.
func.func @ssd_init_batch(%x: tensor<2x8x4x3xf32>, %dt: tensor<2x8x4xf32>, %A: tensor<4xf32>, %Bm: tensor<2x8x2x5xf32>, %Cm: tensor<2x8x2x5xf32>, %init: tensor<1x4x3x5xf32>) {
  // expected-error @+1 {{'init' has B = 1 (dimension 0 of 'tensor<1x4x3x5xf32>') but 'x' has B = 2 ('tensor<2x8x4x3xf32>')}}
  %y = ssm.ssd %x, %dt, %A, %Bm, %Cm init(%init) : (tensor<2x8x4x3xf32>, tensor<2x8x4xf32>, tensor<4xf32>, tensor<2x8x2x5xf32>, tensor<2x8x2x5xf32>, tensor<1x4x3x5xf32>) -> tensor<2x8x4x3xf32>
  return
}

// -----

// ssd: init disagrees with x on H.
func.func @ssd_init_heads(%x: tensor<2x8x4x3xf32>, %dt: tensor<2x8x4xf32>, %A: tensor<4xf32>, %Bm: tensor<2x8x2x5xf32>, %Cm: tensor<2x8x2x5xf32>, %init: tensor<2x8x3x5xf32>) {
  // expected-error @+1 {{'init' has H = 8 (dimension 1 of 'tensor<2x8x3x5xf32>') but 'x' has H = 4 ('tensor<2x8x4x3xf32>')}}
  %y = ssm.ssd %x, %dt, %A, %Bm, %Cm init(%init) : (tensor<2x8x4x3xf32>, tensor<2x8x4xf32>, tensor<4xf32>, tensor<2x8x2x5xf32>, tensor<2x8x2x5xf32>, tensor<2x8x3x5xf32>) -> tensor<2x8x4x3xf32>
  return
}

// -----

// ssd: init disagrees with x on P.
func.func @ssd_init_head_dim(%x: tensor<2x8x4x3xf32>, %dt: tensor<2x8x4xf32>, %A: tensor<4xf32>, %Bm: tensor<2x8x2x5xf32>, %Cm: tensor<2x8x2x5xf32>, %init: tensor<2x4x5x3xf32>) {
  // expected-error @+1 {{'init' has P = 5 (dimension 2 of 'tensor<2x4x5x3xf32>') but 'x' has P = 3 ('tensor<2x8x4x3xf32>')}}
  %y = ssm.ssd %x, %dt, %A, %Bm, %Cm init(%init) : (tensor<2x8x4x3xf32>, tensor<2x8x4xf32>, tensor<4xf32>, tensor<2x8x2x5xf32>, tensor<2x8x2x5xf32>, tensor<2x4x5x3xf32>) -> tensor<2x8x4x3xf32>
  return
}

// -----

// ssd: init disagrees with Bm on N.
func.func @ssd_init_state(%x: tensor<2x8x4x3xf32>, %dt: tensor<2x8x4xf32>, %A: tensor<4xf32>, %Bm: tensor<2x8x2x5xf32>, %Cm: tensor<2x8x2x5xf32>, %init: tensor<2x4x3x4xf32>) {
  // expected-error @+1 {{'init' has N = 4 (dimension 3 of 'tensor<2x4x3x4xf32>') but 'Bm' has N = 5 ('tensor<2x8x2x5xf32>')}}
  %y = ssm.ssd %x, %dt, %A, %Bm, %Cm init(%init) : (tensor<2x8x4x3xf32>, tensor<2x8x4xf32>, tensor<4xf32>, tensor<2x8x2x5xf32>, tensor<2x8x2x5xf32>, tensor<2x4x3x4xf32>) -> tensor<2x8x4x3xf32>
  return
}

// -----

// ssd: dt has another element type.
func.func @ssd_dt_element_type(%x: tensor<2x8x4x3xf32>, %dt: tensor<2x8x4xbf16>, %A: tensor<4xf32>, %Bm: tensor<2x8x2x5xf32>, %Cm: tensor<2x8x2x5xf32>) {
  // expected-error @+1 {{element type mismatch: 'dt' has 'bf16' but 'x' has 'f32'}}
  %y = ssm.ssd %x, %dt, %A, %Bm, %Cm : (tensor<2x8x4x3xf32>, tensor<2x8x4xbf16>, tensor<4xf32>, tensor<2x8x2x5xf32>, tensor<2x8x2x5xf32>) -> tensor<2x8x4x3xf32>
  return
}

// -----

// ssd: an optional operand (skip) has another element type.
func.func @ssd_skip_element_type(%x: tensor<2x8x4x3xf32>, %dt: tensor<2x8x4xf32>, %A: tensor<4xf32>, %Bm: tensor<2x8x2x5xf32>, %Cm: tensor<2x8x2x5xf32>, %skip: tensor<4xf16>) {
  // expected-error @+1 {{element type mismatch: 'skip' has 'f16' but 'x' has 'f32'}}
  %y = ssm.ssd %x, %dt, %A, %Bm, %Cm skip(%skip) : (tensor<2x8x4x3xf32>, tensor<2x8x4xf32>, tensor<4xf32>, tensor<2x8x2x5xf32>, tensor<2x8x2x5xf32>, tensor<4xf16>) -> tensor<2x8x4x3xf32>
  return
}

// -----

// ssd: G = 0.
func.func @ssd_zero_groups(%x: tensor<2x8x4x3xf32>, %dt: tensor<2x8x4xf32>, %A: tensor<4xf32>, %Bm: tensor<2x8x0x5xf32>, %Cm: tensor<2x8x0x5xf32>) {
  // expected-error @+1 {{G = 0 must be at least 1}}
  %y = ssm.ssd %x, %dt, %A, %Bm, %Cm : (tensor<2x8x4x3xf32>, tensor<2x8x4xf32>, tensor<4xf32>, tensor<2x8x0x5xf32>, tensor<2x8x0x5xf32>) -> tensor<2x8x4x3xf32>
  return
}

// -----

// ssd: H % G != 0.
func.func @ssd_groups_not_dividing(%x: tensor<2x8x4x3xf32>, %dt: tensor<2x8x4xf32>, %A: tensor<4xf32>, %Bm: tensor<2x8x3x5xf32>, %Cm: tensor<2x8x3x5xf32>) {
  // expected-error @+1 {{heads must split evenly into groups: H = 4 must be a multiple of G = 3}}
  %y = ssm.ssd %x, %dt, %A, %Bm, %Cm : (tensor<2x8x4x3xf32>, tensor<2x8x4xf32>, tensor<4xf32>, tensor<2x8x3x5xf32>, tensor<2x8x3x5xf32>) -> tensor<2x8x4x3xf32>
  return
}

// -----

// ssd: y has the wrong head dim.
func.func @ssd_result_shape(%x: tensor<2x8x4x3xf32>, %dt: tensor<2x8x4xf32>, %A: tensor<4xf32>, %Bm: tensor<2x8x2x5xf32>, %Cm: tensor<2x8x2x5xf32>) {
  // expected-error @+1 {{result #0 has type 'tensor<2x8x4x5xf32>' but the operands imply 'tensor<2x8x4x3xf32>'}}
  %y = ssm.ssd %x, %dt, %A, %Bm, %Cm : (tensor<2x8x4x3xf32>, tensor<2x8x4xf32>, tensor<4xf32>, tensor<2x8x2x5xf32>, tensor<2x8x2x5xf32>) -> tensor<2x8x4x5xf32>
  return
}

// -----

// ssd: the final state laid out [B, H, N, P].
func.func @ssd_final_state_shape(%x: tensor<2x8x4x3xf32>, %dt: tensor<2x8x4xf32>, %A: tensor<4xf32>, %Bm: tensor<2x8x2x5xf32>, %Cm: tensor<2x8x2x5xf32>) {
  // expected-error @+1 {{result #1 has type 'tensor<2x4x5x3xf32>' but the operands imply 'tensor<2x4x3x5xf32>'}}
  %y, %hT = ssm.ssd %x, %dt, %A, %Bm, %Cm dt_softplus : (tensor<2x8x4x3xf32>, tensor<2x8x4xf32>, tensor<4xf32>, tensor<2x8x2x5xf32>, tensor<2x8x2x5xf32>) -> (tensor<2x8x4x3xf32>, tensor<2x4x5x3xf32>)
  return
}

// -----

// ssd (ODS): an integer A.
func.func @ssd_integer_operand(%x: tensor<2x8x4x3xf32>, %dt: tensor<2x8x4xf32>, %A: tensor<4xi64>, %Bm: tensor<2x8x2x5xf32>, %Cm: tensor<2x8x2x5xf32>) {
  // expected-error @+1 {{operand #2 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<4xi64>'}}
  %y = ssm.ssd %x, %dt, %A, %Bm, %Cm : (tensor<2x8x4x3xf32>, tensor<2x8x4xf32>, tensor<4xi64>, tensor<2x8x2x5xf32>, tensor<2x8x2x5xf32>) -> tensor<2x8x4x3xf32>
  return
}
