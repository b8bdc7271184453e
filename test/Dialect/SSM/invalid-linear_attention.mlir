// RUN: ssm-opt %s -split-input-file -verify-diagnostics
// ssm.linear_attention diagnostics: every verifier error branch (SSMOps.cpp) and a sample of ODS constraints.

// linear_attention: q of rank 3.
func.func @linear_attention_q_rank(%q: tensor<4x64x16xf32>, %k: tensor<1x4x64x16xf32>, %v: tensor<1x4x64x32xf32>) {
  // expected-error @+1 {{'q' must have rank 4 [B, H, L, E], got 'tensor<4x64x16xf32>'}}
  %y = ssm.linear_attention %q, %k, %v : tensor<4x64x16xf32>, tensor<1x4x64x16xf32>, tensor<1x4x64x32xf32> -> tensor<1x4x64x32xf32>
  return
}

// -----

// linear_attention: k of rank 3.
func.func @linear_attention_k_rank(%q: tensor<1x4x64x16xf32>, %k: tensor<4x64x16xf32>, %v: tensor<1x4x64x32xf32>) {
  // expected-error @+1 {{'k' must have rank 4 [B, H, L, E], got 'tensor<4x64x16xf32>'}}
  %y = ssm.linear_attention %q, %k, %v : tensor<1x4x64x16xf32>, tensor<4x64x16xf32>, tensor<1x4x64x32xf32> -> tensor<1x4x64x32xf32>
  return
}

// -----

// linear_attention: v of rank 5.
func.func @linear_attention_v_rank(%q: tensor<1x4x64x16xf32>, %k: tensor<1x4x64x16xf32>, %v: tensor<1x4x64x32x1xf32>) {
  // expected-error @+1 {{'v' must have rank 4 [B, H, L, Ev], got 'tensor<1x4x64x32x1xf32>'}}
  %y = ssm.linear_attention %q, %k, %v : tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>, tensor<1x4x64x32x1xf32> -> tensor<1x4x64x32xf32>
  return
}

// -----

// linear_attention: k disagrees with q on B.
func.func @linear_attention_k_batch(%q: tensor<1x4x64x16xf32>, %k: tensor<2x4x64x16xf32>, %v: tensor<1x4x64x32xf32>) {
  // expected-error @+1 {{'k' has B = 2 (dimension 0 of 'tensor<2x4x64x16xf32>') but 'q' has B = 1 ('tensor<1x4x64x16xf32>')}}
  %y = ssm.linear_attention %q, %k, %v : tensor<1x4x64x16xf32>, tensor<2x4x64x16xf32>, tensor<1x4x64x32xf32> -> tensor<1x4x64x32xf32>
  return
}

// -----

// linear_attention: k disagrees with q on H (no GQA here).
func.func @linear_attention_k_heads(%q: tensor<1x4x64x16xf32>, %k: tensor<1x2x64x16xf32>, %v: tensor<1x4x64x32xf32>) {
  // expected-error @+1 {{'k' has H = 2 (dimension 1 of 'tensor<1x2x64x16xf32>') but 'q' has H = 4 ('tensor<1x4x64x16xf32>')}}
  %y = ssm.linear_attention %q, %k, %v : tensor<1x4x64x16xf32>, tensor<1x2x64x16xf32>, tensor<1x4x64x32xf32> -> tensor<1x4x64x32xf32>
  return
}

// -----

// linear_attention: k disagrees with q on L.
func.func @linear_attention_k_length(%q: tensor<1x4x64x16xf32>, %k: tensor<1x4x63x16xf32>, %v: tensor<1x4x64x32xf32>) {
  // expected-error @+1 {{'k' has L = 63 (dimension 2 of 'tensor<1x4x63x16xf32>') but 'q' has L = 64 ('tensor<1x4x64x16xf32>')}}
  %y = ssm.linear_attention %q, %k, %v : tensor<1x4x64x16xf32>, tensor<1x4x63x16xf32>, tensor<1x4x64x32xf32> -> tensor<1x4x64x32xf32>
  return
}

// -----

// linear_attention: k disagrees with q on E.
func.func @linear_attention_k_feature(%q: tensor<1x4x64x16xf32>, %k: tensor<1x4x64x8xf32>, %v: tensor<1x4x64x32xf32>) {
  // expected-error @+1 {{'k' has E = 8 (dimension 3 of 'tensor<1x4x64x8xf32>') but 'q' has E = 16 ('tensor<1x4x64x16xf32>')}}
  %y = ssm.linear_attention %q, %k, %v : tensor<1x4x64x16xf32>, tensor<1x4x64x8xf32>, tensor<1x4x64x32xf32> -> tensor<1x4x64x32xf32>
  return
}

// -----

// linear_attention: v disagrees with q on B.
func.func @linear_attention_v_batch(%q: tensor<1x4x64x16xf32>, %k: tensor<1x4x64x16xf32>, %v: tensor<3x4x64x32xf32>) {
  // expected-error @+1 {{'v' has B = 3 (dimension 0 of 'tensor<3x4x64x32xf32>') but 'q' has B = 1 ('tensor<1x4x64x16xf32>')}}
  %y = ssm.linear_attention %q, %k, %v : tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>, tensor<3x4x64x32xf32> -> tensor<1x4x64x32xf32>
  return
}

// -----

// linear_attention: v disagrees with q on H.
func.func @linear_attention_v_heads(%q: tensor<1x4x64x16xf32>, %k: tensor<1x4x64x16xf32>, %v: tensor<1x1x64x32xf32>) {
  // expected-error @+1 {{'v' has H = 1 (dimension 1 of 'tensor<1x1x64x32xf32>') but 'q' has H = 4 ('tensor<1x4x64x16xf32>')}}
  %y = ssm.linear_attention %q, %k, %v : tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>, tensor<1x1x64x32xf32> -> tensor<1x4x64x32xf32>
  return
}

// -----

// linear_attention: v disagrees with q on L.
func.func @linear_attention_v_length(%q: tensor<1x4x64x16xf32>, %k: tensor<1x4x64x16xf32>, %v: tensor<1x4x32x32xf32>) {
  // expected-error @+1 {{'v' has L = 32 (dimension 2 of 'tensor<1x4x32x32xf32>') but 'q' has L = 64 ('tensor<1x4x64x16xf32>')}}
  %y = ssm.linear_attention %q, %k, %v : tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>, tensor<1x4x32x32xf32> -> tensor<1x4x64x32xf32>
  return
}

// -----

// linear_attention: v has another element type.
func.func @linear_attention_element_type(%q: tensor<1x4x64x16xf32>, %k: tensor<1x4x64x16xf32>, %v: tensor<1x4x64x32xf64>) {
  // expected-error @+1 {{element type mismatch: 'v' has 'f64' but 'q' has 'f32'}}
  %y = ssm.linear_attention %q, %k, %v causal : tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>, tensor<1x4x64x32xf64> -> tensor<1x4x64x32xf32>
  return
}

// -----

// linear_attention: the result has E instead of Ev.
func.func @linear_attention_result_shape(%q: tensor<1x4x64x16xf32>, %k: tensor<1x4x64x16xf32>, %v: tensor<1x4x64x32xf32>) {
  // expected-error @+1 {{result #0 has type 'tensor<1x4x64x16xf32>' but the operands imply 'tensor<1x4x64x32xf32>'}}
  %y = ssm.linear_attention %q, %k, %v normalize feature_map elu1 : tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>, tensor<1x4x64x32xf32> -> tensor<1x4x64x16xf32>
  return
}

// -----

// linear_attention: the result has another element type.
func.func @linear_attention_result_element_type(%q: tensor<1x4x64x16xf32>, %k: tensor<1x4x64x16xf32>, %v: tensor<1x4x64x32xf32>) {
  // expected-error @+1 {{result #0 has type 'tensor<1x4x64x32xbf16>' but the operands imply 'tensor<1x4x64x32xf32>'}}
  %y = ssm.linear_attention %q, %k, %v : tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>, tensor<1x4x64x32xf32> -> tensor<1x4x64x32xbf16>
  return
}

// -----

// linear_attention (ODS): an integer v.
func.func @linear_attention_integer_operand(%q: tensor<1x4x64x16xf32>, %k: tensor<1x4x64x16xf32>, %v: tensor<1x4x64x32xi8>) {
  // expected-error @+1 {{operand #2 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<1x4x64x32xi8>'}}
  %y = ssm.linear_attention %q, %k, %v : tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>, tensor<1x4x64x32xi8> -> tensor<1x4x64x32xf32>
  return
}
