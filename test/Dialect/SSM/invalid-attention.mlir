// RUN: ssm-opt %s -split-input-file -verify-diagnostics
// ssm.attention diagnostics: every verifier error branch (SSMOps.cpp) and a sample of ODS constraints.

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

// attention: E = 0 would make the default scale 1/sqrt(0).
func.func @attention_zero_head_dim(%q: tensor<1x2x4x0xf32>, %k: tensor<1x2x4x0xf32>, %v: tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32> {
  // expected-error @+1 {{E = 0 must be at least 1}}
  %y = ssm.attention %q, %k, %v : tensor<1x2x4x0xf32>, tensor<1x2x4x0xf32>, tensor<1x2x4x8xf32> -> tensor<1x2x4x8xf32>
  return %y : tensor<1x2x4x8xf32>
}
