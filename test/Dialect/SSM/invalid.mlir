// RUN: ssm-opt %s -split-input-file -verify-diagnostics
// One case per error branch of the ssm verifiers (dialects/SSM/IR/SSMOps.cpp)
// and a sample of the ODS-generated constraint errors.

//======================================================================//
// ssm.attention
//======================================================================//

// attention: q of rank 3.
func.func @attention_q_rank(%q: tensor<8x16x64xf32>, %k: tensor<2x2x16x64xf32>, %v: tensor<2x2x16x32xf32>) {
  // expected-error @+1 {{'q' must have rank 4 [B, H, Lq, E], got 'tensor<8x16x64xf32>'}}
  %y = ssm.attention %q, %k, %v : tensor<8x16x64xf32>, tensor<2x2x16x64xf32>, tensor<2x2x16x32xf32> -> tensor<2x8x16x32xf32>
  return
}

// -----

// attention: k of rank 5.
func.func @attention_k_rank(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x16x64x1xf32>, %v: tensor<2x2x16x32xf32>) {
  // expected-error @+1 {{'k' must have rank 4 [B, Hk, Lk, E], got 'tensor<2x2x16x64x1xf32>'}}
  %y = ssm.attention %q, %k, %v : tensor<2x8x16x64xf32>, tensor<2x2x16x64x1xf32>, tensor<2x2x16x32xf32> -> tensor<2x8x16x32xf32>
  return
}

// -----

// attention: v of rank 2.
func.func @attention_v_rank(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x16x64xf32>, %v: tensor<16x32xf32>) {
  // expected-error @+1 {{'v' must have rank 4 [B, Hk, Lk, Ev], got 'tensor<16x32xf32>'}}
  %y = ssm.attention %q, %k, %v : tensor<2x8x16x64xf32>, tensor<2x2x16x64xf32>, tensor<16x32xf32> -> tensor<2x8x16x32xf32>
  return
}

// -----

// attention: k disagrees with q on the batch B.
func.func @attention_k_batch(%q: tensor<2x8x16x64xf32>, %k: tensor<3x2x16x64xf32>, %v: tensor<2x2x16x32xf32>) {
  // expected-error @+1 {{'k' has B = 3 (dimension 0 of 'tensor<3x2x16x64xf32>') but 'q' has B = 2 ('tensor<2x8x16x64xf32>')}}
  %y = ssm.attention %q, %k, %v : tensor<2x8x16x64xf32>, tensor<3x2x16x64xf32>, tensor<2x2x16x32xf32> -> tensor<2x8x16x32xf32>
  return
}

// -----

// attention: v disagrees with q on the batch B.
func.func @attention_v_batch(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x16x64xf32>, %v: tensor<1x2x16x32xf32>) {
  // expected-error @+1 {{'v' has B = 1 (dimension 0 of 'tensor<1x2x16x32xf32>') but 'q' has B = 2 ('tensor<2x8x16x64xf32>')}}
  %y = ssm.attention %q, %k, %v : tensor<2x8x16x64xf32>, tensor<2x2x16x64xf32>, tensor<1x2x16x32xf32> -> tensor<2x8x16x32xf32>
  return
}

// -----

// attention: v disagrees with k on the key/value heads Hk.
func.func @attention_v_heads(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x16x64xf32>, %v: tensor<2x4x16x32xf32>) {
  // expected-error @+1 {{'v' has Hk = 4 (dimension 1 of 'tensor<2x4x16x32xf32>') but 'k' has Hk = 2 ('tensor<2x2x16x64xf32>')}}
  %y = ssm.attention %q, %k, %v : tensor<2x8x16x64xf32>, tensor<2x2x16x64xf32>, tensor<2x4x16x32xf32> -> tensor<2x8x16x32xf32>
  return
}

// -----

// attention: v disagrees with k on the key length Lk.
func.func @attention_v_length(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x16x64xf32>, %v: tensor<2x2x17x32xf32>) {
  // expected-error @+1 {{'v' has Lk = 17 (dimension 2 of 'tensor<2x2x17x32xf32>') but 'k' has Lk = 16 ('tensor<2x2x16x64xf32>')}}
  %y = ssm.attention %q, %k, %v : tensor<2x8x16x64xf32>, tensor<2x2x16x64xf32>, tensor<2x2x17x32xf32> -> tensor<2x8x16x32xf32>
  return
}

// -----

// attention: k disagrees with q on the head dim E.
func.func @attention_k_head_dim(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x16x32xf32>, %v: tensor<2x2x16x32xf32>) {
  // expected-error @+1 {{'k' has E = 32 (dimension 3 of 'tensor<2x2x16x32xf32>') but 'q' has E = 64 ('tensor<2x8x16x64xf32>')}}
  %y = ssm.attention %q, %k, %v : tensor<2x8x16x64xf32>, tensor<2x2x16x32xf32>, tensor<2x2x16x32xf32> -> tensor<2x8x16x32xf32>
  return
}

// -----

// attention: k has another element type than q.
func.func @attention_k_element_type(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x16x64xf16>, %v: tensor<2x2x16x32xf32>) {
  // expected-error @+1 {{element type mismatch: 'k' has 'f16' but 'q' has 'f32'}}
  %y = ssm.attention %q, %k, %v : tensor<2x8x16x64xf32>, tensor<2x2x16x64xf16>, tensor<2x2x16x32xf32> -> tensor<2x8x16x32xf32>
  return
}

// -----

// attention: v has another element type than q and k.
func.func @attention_v_element_type(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x16x64xf32>, %v: tensor<2x2x16x32xbf16>) {
  // expected-error @+1 {{element type mismatch: 'v' has 'bf16' but 'q' has 'f32'}}
  %y = ssm.attention %q, %k, %v : tensor<2x8x16x64xf32>, tensor<2x2x16x64xf32>, tensor<2x2x16x32xbf16> -> tensor<2x8x16x32xbf16>
  return
}

// -----

// attention: H % Hk != 0.
func.func @attention_heads_not_multiple(%q: tensor<2x8x16x64xf32>, %k: tensor<2x3x16x64xf32>, %v: tensor<2x3x16x32xf32>) {
  // expected-error @+1 {{query heads must be a multiple of key/value heads: H = 8 must be a multiple of Hk = 3}}
  %y = ssm.attention %q, %k, %v : tensor<2x8x16x64xf32>, tensor<2x3x16x64xf32>, tensor<2x3x16x32xf32> -> tensor<2x8x16x32xf32>
  return
}

// -----

// attention: Hk = 0.
func.func @attention_zero_kv_heads(%q: tensor<2x8x16x64xf32>, %k: tensor<2x0x16x64xf32>, %v: tensor<2x0x16x32xf32>) {
  // expected-error @+1 {{Hk = 0 must be at least 1}}
  %y = ssm.attention %q, %k, %v : tensor<2x8x16x64xf32>, tensor<2x0x16x64xf32>, tensor<2x0x16x32xf32> -> tensor<2x8x16x32xf32>
  return
}

// -----

// attention: window = 0.
func.func @attention_window_zero(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x16x64xf32>, %v: tensor<2x2x16x32xf32>) {
  // expected-error @+1 {{window must be at least 1, got 0}}
  %y = ssm.attention %q, %k, %v causal window 0 : tensor<2x8x16x64xf32>, tensor<2x2x16x64xf32>, tensor<2x2x16x32xf32> -> tensor<2x8x16x32xf32>
  return
}

// -----

// attention: a negative window.
func.func @attention_window_negative(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x16x64xf32>, %v: tensor<2x2x16x32xf32>) {
  // expected-error @+1 {{window must be at least 1, got -3}}
  %y = ssm.attention %q, %k, %v window -3 : tensor<2x8x16x64xf32>, tensor<2x2x16x64xf32>, tensor<2x2x16x32xf32> -> tensor<2x8x16x32xf32>
  return
}

// -----

// attention: an infinite scale.
func.func @attention_scale_inf(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x16x64xf32>, %v: tensor<2x2x16x32xf32>) {
  // expected-error @+1 {{scale must be finite}}
  %y = ssm.attention %q, %k, %v scale 0x7FF0000000000000 : tensor<2x8x16x64xf32>, tensor<2x2x16x64xf32>, tensor<2x2x16x32xf32> -> tensor<2x8x16x32xf32>
  return
}

// -----

// attention: a NaN scale.
func.func @attention_scale_nan(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x16x64xf32>, %v: tensor<2x2x16x32xf32>) {
  // expected-error @+1 {{scale must be finite}}
  %y = ssm.attention %q, %k, %v scale 0x7FF8000000000000 : tensor<2x8x16x64xf32>, tensor<2x2x16x64xf32>, tensor<2x2x16x32xf32> -> tensor<2x8x16x32xf32>
  return
}

// -----

// attention: the result has E instead of Ev as its last dim.
func.func @attention_result_shape(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x16x64xf32>, %v: tensor<2x2x16x32xf32>) {
  // expected-error @+1 {{result #0 has type 'tensor<2x8x16x64xf32>' but the operands imply 'tensor<2x8x16x32xf32>'}}
  %y = ssm.attention %q, %k, %v : tensor<2x8x16x64xf32>, tensor<2x2x16x64xf32>, tensor<2x2x16x32xf32> -> tensor<2x8x16x64xf32>
  return
}

// -----

// attention: the result has Hk instead of H heads.
func.func @attention_result_heads(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x16x64xf32>, %v: tensor<2x2x16x32xf32>) {
  // expected-error @+1 {{result #0 has type 'tensor<2x2x16x32xf32>' but the operands imply 'tensor<2x8x16x32xf32>'}}
  %y = ssm.attention %q, %k, %v : tensor<2x8x16x64xf32>, tensor<2x2x16x64xf32>, tensor<2x2x16x32xf32> -> tensor<2x2x16x32xf32>
  return
}

// -----

// attention: the result has another element type.
func.func @attention_result_element_type(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x16x64xf32>, %v: tensor<2x2x16x32xf32>) {
  // expected-error @+1 {{result #0 has type 'tensor<2x8x16x32xf16>' but the operands imply 'tensor<2x8x16x32xf32>'}}
  %y = ssm.attention %q, %k, %v : tensor<2x8x16x64xf32>, tensor<2x2x16x64xf32>, tensor<2x2x16x32xf32> -> tensor<2x8x16x32xf16>
  return
}

// -----

// attention: the result has the wrong rank.
func.func @attention_result_rank(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x16x64xf32>, %v: tensor<2x2x16x32xf32>) {
  // expected-error @+1 {{result #0 has type 'tensor<2x8x16xf32>' but the operands imply 'tensor<2x8x16x32xf32>'}}
  %y = ssm.attention %q, %k, %v : tensor<2x8x16x64xf32>, tensor<2x2x16x64xf32>, tensor<2x2x16x32xf32> -> tensor<2x8x16xf32>
  return
}

// -----

// attention (ODS): an integer q.
func.func @attention_integer_operand(%q: tensor<2x8x16x64xi32>, %k: tensor<2x2x16x64xf32>, %v: tensor<2x2x16x32xf32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<2x8x16x64xi32>'}}
  %y = ssm.attention %q, %k, %v : tensor<2x8x16x64xi32>, tensor<2x2x16x64xf32>, tensor<2x2x16x32xf32> -> tensor<2x8x16x32xf32>
  return
}

// -----

// attention (ODS): an integer result.
func.func @attention_integer_result(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x16x64xf32>, %v: tensor<2x2x16x32xf32>) {
  // expected-error @+1 {{result #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<2x8x16x32xi32>'}}
  %y = ssm.attention %q, %k, %v : tensor<2x8x16x64xf32>, tensor<2x2x16x64xf32>, tensor<2x2x16x32xf32> -> tensor<2x8x16x32xi32>
  return
}

// -----

// attention (ODS): an unranked k, in the generic form.
func.func @attention_unranked_operand(%q: tensor<2x8x16x64xf32>, %k: tensor<*xf32>, %v: tensor<2x2x16x32xf32>) {
  // expected-error @+1 {{operand #1 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<*xf32>'}}
  %y = "ssm.attention"(%q, %k, %v) : (tensor<2x8x16x64xf32>, tensor<*xf32>, tensor<2x2x16x32xf32>) -> tensor<2x8x16x32xf32>
  return
}

// -----

// attention (ODS): window must be an i64 attribute.
func.func @attention_window_i32(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x16x64xf32>, %v: tensor<2x2x16x32xf32>) {
  // expected-error @+1 {{attribute 'window' failed to satisfy constraint: 64-bit signless integer attribute}}
  %y = "ssm.attention"(%q, %k, %v) <{window = 4 : i32}> : (tensor<2x8x16x64xf32>, tensor<2x2x16x64xf32>, tensor<2x2x16x32xf32>) -> tensor<2x8x16x32xf32>
  return
}

// -----

// attention (ODS): scale must be an f64 attribute.
func.func @attention_scale_f32(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x16x64xf32>, %v: tensor<2x2x16x32xf32>) {
  // expected-error @+1 {{attribute 'scale' failed to satisfy constraint: 64-bit float attribute}}
  %y = "ssm.attention"(%q, %k, %v) <{scale = 5.000000e-01 : f32}> : (tensor<2x8x16x64xf32>, tensor<2x2x16x64xf32>, tensor<2x2x16x32xf32>) -> tensor<2x8x16x32xf32>
  return
}

// -----

//======================================================================//
// ssm.linear_attention
//======================================================================//

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

// -----

//======================================================================//
// ssm.selective_scan
//======================================================================//

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

// -----

//======================================================================//
// ssm.ssd
//======================================================================//

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

// -----

//======================================================================//
// ssm.long_conv
//======================================================================//

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

// -----

//======================================================================//
// ssm.short_conv
//======================================================================//

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

// -----

//======================================================================//
// ssm.monarch
//======================================================================//

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

//======================================================================//
// ssm.butterfly
//======================================================================//

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

//======================================================================//
// ssm.ssm_kernel
//======================================================================//

// ssm_kernel: A of rank 1.
func.func @ssm_kernel_A_rank(%A: tensor<8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>) {
  // expected-error @+1 {{'A' must have rank 2 [D, N], got 'tensor<8xcomplex<f32>>'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel: Bm of rank 3.
func.func @ssm_kernel_Bm_rank(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<1x4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>) {
  // expected-error @+1 {{'Bm' must have rank 2 [D, N], got 'tensor<1x4x8xcomplex<f32>>'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<1x4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel: Cm of rank 1.
func.func @ssm_kernel_Cm_rank(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<8xcomplex<f32>>, %log_dt: tensor<4xf32>) {
  // expected-error @+1 {{'Cm' must have rank 2 [D, N], got 'tensor<8xcomplex<f32>>'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel: log_dt of rank 2.
func.func @ssm_kernel_log_dt_rank(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4x1xf32>) {
  // expected-error @+1 {{'log_dt' must have rank 1 [D], got 'tensor<4x1xf32>'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x1xf32>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel: low_rank of rank 2.
func.func @ssm_kernel_low_rank_rank(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>, %P: tensor<4x8xcomplex<f32>>) {
  // expected-error @+1 {{'low_rank' must have rank 3 [D, R, N], got 'tensor<4x8xcomplex<f32>>'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt low_rank(%P) length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>, tensor<4x8xcomplex<f32>>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel: Bm disagrees with A on D.
func.func @ssm_kernel_Bm_channels(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<2x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>) {
  // expected-error @+1 {{'Bm' has D = 2 (dimension 0 of 'tensor<2x8xcomplex<f32>>') but 'A' has D = 4 ('tensor<4x8xcomplex<f32>>')}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<2x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel: Bm disagrees with A on N.
func.func @ssm_kernel_Bm_state(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x16xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>) {
  // expected-error @+1 {{'Bm' has N = 16 (dimension 1 of 'tensor<4x16xcomplex<f32>>') but 'A' has N = 8 ('tensor<4x8xcomplex<f32>>')}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x16xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel: Cm disagrees with A on N.
func.func @ssm_kernel_Cm_state(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x7xcomplex<f32>>, %log_dt: tensor<4xf32>) {
  // expected-error @+1 {{'Cm' has N = 7 (dimension 1 of 'tensor<4x7xcomplex<f32>>') but 'A' has N = 8 ('tensor<4x8xcomplex<f32>>')}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x7xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel: log_dt disagrees with A on D.
func.func @ssm_kernel_log_dt_channels(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<8xf32>) {
  // expected-error @+1 {{'log_dt' has D = 8 (dimension 0 of 'tensor<8xf32>') but 'A' has D = 4 ('tensor<4x8xcomplex<f32>>')}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<8xf32>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel: low_rank disagrees with A on D.
func.func @ssm_kernel_low_rank_channels(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>, %P: tensor<1x2x8xcomplex<f32>>) {
  // expected-error @+1 {{'low_rank' has D = 1 (dimension 0 of 'tensor<1x2x8xcomplex<f32>>') but 'A' has D = 4 ('tensor<4x8xcomplex<f32>>')}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt low_rank(%P) length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>, tensor<1x2x8xcomplex<f32>>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel: low_rank laid out [D, N, R].
func.func @ssm_kernel_low_rank_state(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>, %P: tensor<4x8x2xcomplex<f32>>) {
  // expected-error @+1 {{'low_rank' has N = 2 (dimension 2 of 'tensor<4x8x2xcomplex<f32>>') but 'A' has N = 8 ('tensor<4x8xcomplex<f32>>')}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt low_rank(%P) length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>, tensor<4x8x2xcomplex<f32>>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel: Bm is complex<f64>, A complex<f32>.
func.func @ssm_kernel_complex_element_type(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f64>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>) {
  // expected-error @+1 {{element type mismatch: 'Bm' has 'complex<f64>' but 'A' has 'complex<f32>'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f64>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel: low_rank is complex<f64>, A complex<f32>.
func.func @ssm_kernel_low_rank_element_type(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>, %P: tensor<4x2x8xcomplex<f64>>) {
  // expected-error @+1 {{element type mismatch: 'low_rank' has 'complex<f64>' but 'A' has 'complex<f32>'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt low_rank(%P) length 16 discretization bilinear : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>, tensor<4x2x8xcomplex<f64>>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel: f64 log_dt with complex<f32> operands.
func.func @ssm_kernel_log_dt_f64(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf64>) {
  // expected-error @+1 {{'log_dt' must have element type 'f32' to match 'complex<f32>', got 'f64'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf64>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel: f16 log_dt with complex<f64> operands.
func.func @ssm_kernel_log_dt_f16(%A: tensor<4x8xcomplex<f64>>, %Bm: tensor<4x8xcomplex<f64>>, %Cm: tensor<4x8xcomplex<f64>>, %log_dt: tensor<4xf16>) {
  // expected-error @+1 {{'log_dt' must have element type 'f64' to match 'complex<f64>', got 'f16'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f64>>, tensor<4x8xcomplex<f64>>, tensor<4x8xcomplex<f64>>, tensor<4xf16>) -> tensor<4x16xf64>
  return
}

// -----

// ssm_kernel: length = 0.
func.func @ssm_kernel_length_zero(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>) {
  // expected-error @+1 {{length must be at least 1, got 0}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 0 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x0xf32>
  return
}

// -----

// ssm_kernel: a negative length.
func.func @ssm_kernel_length_negative(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>) {
  // expected-error @+1 {{length must be at least 1, got -5}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length -5 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel: the result length differs from the length attribute.
func.func @ssm_kernel_result_length(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>) {
  // expected-error @+1 {{result #0 has type 'tensor<4x32xf32>' but the operands imply 'tensor<4x16xf32>'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x32xf32>
  return
}

// -----

// ssm_kernel (ODS): a complex result.
func.func @ssm_kernel_result_complex(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>) {
  // expected-error @+1 {{result #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<4x16xcomplex<f32>>'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xcomplex<f32>>
  return
}

// -----

// ssm_kernel: an f64 result for complex<f32> operands.
func.func @ssm_kernel_result_element_type(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>) {
  // expected-error @+1 {{result #0 has type 'tensor<4x16xf64>' but the operands imply 'tensor<4x16xf32>'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xf64>
  return
}

// -----

// ssm_kernel (ODS): a real A instead of a complex one.
func.func @ssm_kernel_real_A(%A: tensor<4x8xf32>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of complex type with 32-bit float elements or complex type with 64-bit float elements values, but got 'tensor<4x8xf32>'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xf32>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel (ODS): a real Cm instead of a complex one.
func.func @ssm_kernel_real_Cm(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xf32>, %log_dt: tensor<4xf32>) {
  // expected-error @+1 {{operand #2 must be ranked tensor of complex type with 32-bit float elements or complex type with 64-bit float elements values, but got 'tensor<4x8xf32>'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xf32>, tensor<4xf32>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel (ODS): complex<f16> is not supported.
func.func @ssm_kernel_complex_f16(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f16>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>) {
  // expected-error @+1 {{operand #1 must be ranked tensor of complex type with 32-bit float elements or complex type with 64-bit float elements values, but got 'tensor<4x8xcomplex<f16>>'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f16>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel (ODS): a complex log_dt.
func.func @ssm_kernel_complex_log_dt(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xcomplex<f32>>) {
  // expected-error @+1 {{operand #3 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<4xcomplex<f32>>'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xcomplex<f32>>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel (ODS): the generic form without the required length.
func.func @ssm_kernel_missing_length(%A: tensor<4x8xcomplex<f32>>, %dt: tensor<4xf32>) {
  // expected-error @+1 {{requires attribute 'length'}}
  %k = "ssm.ssm_kernel"(%A, %A, %A, %dt) : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xf32>
  return
}

// -----

// attention: E = 0 would make the default scale 1/sqrt(0).
func.func @attention_zero_head_dim(%q: tensor<1x2x4x0xf32>, %k: tensor<1x2x4x0xf32>, %v: tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32> {
  // expected-error @+1 {{E = 0 must be at least 1}}
  %y = ssm.attention %q, %k, %v : tensor<1x2x4x0xf32>, tensor<1x2x4x0xf32>, tensor<1x2x4x8xf32> -> tensor<1x2x4x8xf32>
  return %y : tensor<1x2x4x8xf32>
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

// -----

// monarch: m * k overflows int64 and must not wrap around to n.
func.func @monarch_overflow(%x: tensor<4294967296xf32>, %r: tensor<4294967297x4294967296x4294967296xf32>, %l: tensor<4294967296x4294967297x4294967297xf32>) -> tensor<4294967296xf32> {
  // expected-error @+1 {{last dimension n = 4294967296 must equal m * k = 4294967297 * 4294967296}}
  %y = ssm.monarch %x, %r, %l : tensor<4294967296xf32>, tensor<4294967297x4294967296x4294967296xf32>, tensor<4294967296x4294967297x4294967297xf32> -> tensor<4294967296xf32>
  return %y : tensor<4294967296xf32>
}
