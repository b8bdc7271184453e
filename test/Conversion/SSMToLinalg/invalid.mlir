// RUN: ssm-opt %s -split-input-file --convert-ssm-to-linalg -verify-diagnostics
// Every op --convert-ssm-to-linalg cannot lower is an error at the op that
// says why: a schedule naming an algorithm the pass does not implement, a
// dimension the lowering needs statically (including the state size and
// rank of ssm_kernel's NPLR form), an empty head or channel dimension. (The
// element-type error cannot be reached: the verifier gives an op one element
// type and f16/bf16 ops are promoted to f32 before the check.)

// Attention: the naive algorithm is not implemented (only flash).
func.func @attention_naive(%q: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  // expected-error @+1 {{'ssm.attention' op schedule #ssm.schedule<"naive", {}> is not implemented by the linalg lowering yet (it implements flash)}}
  %y = ssm.attention %q, %q, %q {ssm.schedule = #ssm.schedule<"naive", {}>} : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32> -> tensor<1x2x8x4xf32>
  return %y : tensor<1x2x8x4xf32>
}

// -----

// Attention: the GQA head mapping needs a static query head count.
func.func @attention_dynamic_heads(%q: tensor<1x?x8x4xf32>, %k: tensor<1x2x8x4xf32>) -> tensor<1x?x8x4xf32> {
  // expected-error @+1 {{'ssm.attention' op needs a static head count to be lowered}}
  %y = ssm.attention %q, %k, %k : tensor<1x?x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32> -> tensor<1x?x8x4xf32>
  return %y : tensor<1x?x8x4xf32>
}

// -----

// Attention: ... and a static key/value head count.
func.func @attention_dynamic_kv_heads(%q: tensor<1x4x8x4xf32>, %k: tensor<1x?x8x4xf32>) -> tensor<1x4x8x4xf32> {
  // expected-error @+1 {{'ssm.attention' op needs a static key/value head count to be lowered}}
  %y = ssm.attention %q, %k, %k : tensor<1x4x8x4xf32>, tensor<1x?x8x4xf32>, tensor<1x?x8x4xf32> -> tensor<1x4x8x4xf32>
  return %y : tensor<1x4x8x4xf32>
}

// -----

// Attention: no query head at all (H = 0) is rejected rather than lowered.
func.func @attention_no_heads(%q: tensor<1x0x8x4xf32>, %k: tensor<1x1x8x4xf32>) -> tensor<1x0x8x4xf32> {
  // expected-error @+1 {{'ssm.attention' op has no query heads; nothing to lower}}
  %y = ssm.attention %q, %k, %k : tensor<1x0x8x4xf32>, tensor<1x1x8x4xf32>, tensor<1x1x8x4xf32> -> tensor<1x0x8x4xf32>
  return %y : tensor<1x0x8x4xf32>
}

// -----

// Linear attention: the chunked algorithm needs static shapes.
func.func @linear_attention_chunked(%q: tensor<1x2x?x4xf32>) -> tensor<1x2x?x4xf32> {
  // expected-error @+1 {{'ssm.linear_attention' op needs a static shape for the chunked algorithm to be lowered}}
  %y = ssm.linear_attention %q, %q, %q causal {ssm.schedule = #ssm.schedule<"chunked", {chunk = 4 : i64}>} : tensor<1x2x?x4xf32>, tensor<1x2x?x4xf32>, tensor<1x2x?x4xf32> -> tensor<1x2x?x4xf32>
  return %y : tensor<1x2x?x4xf32>
}

// -----

// Linear attention: the feature dimension F is sized from a static E.
func.func @linear_attention_dynamic_head_dim(%q: tensor<1x2x8x?xf32>, %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  // expected-error @+1 {{'ssm.linear_attention' op needs a static head dim E to be lowered}}
  %y = ssm.linear_attention %q, %q, %v feature_map taylor2 : tensor<1x2x8x?xf32>, tensor<1x2x8x?xf32>, tensor<1x2x8x4xf32> -> tensor<1x2x8x4xf32>
  return %y : tensor<1x2x8x4xf32>
}

// -----

// Selective scan: the chunked algorithm needs static shapes.
func.func @selective_scan_chunked(%x: tensor<1x?x4xf32>, %A: tensor<4x2xf32>, %B: tensor<1x?x1x2xf32>) -> tensor<1x?x4xf32> {
  // expected-error @+1 {{'ssm.selective_scan' op needs a static shape for the chunked algorithm to be lowered}}
  %y = ssm.selective_scan %x, %x, %A, %B, %B {ssm.schedule = #ssm.schedule<"chunked", {chunk = 4 : i64}>} : (tensor<1x?x4xf32>, tensor<1x?x4xf32>, tensor<4x2xf32>, tensor<1x?x1x2xf32>, tensor<1x?x1x2xf32>) -> tensor<1x?x4xf32>
  return %y : tensor<1x?x4xf32>
}

// -----

// Selective scan: the channel-to-group map d / (D / G) needs a static D.
func.func @selective_scan_dynamic_channels(%x: tensor<1x8x?xf32>, %A: tensor<?x2xf32>, %B: tensor<1x8x1x2xf32>) -> tensor<1x8x?xf32> {
  // expected-error @+1 {{'ssm.selective_scan' op needs a static channel count to be lowered}}
  %y = ssm.selective_scan %x, %x, %A, %B, %B : (tensor<1x8x?xf32>, tensor<1x8x?xf32>, tensor<?x2xf32>, tensor<1x8x1x2xf32>, tensor<1x8x1x2xf32>) -> tensor<1x8x?xf32>
  return %y : tensor<1x8x?xf32>
}

// -----

// Selective scan: ... and a static G.
func.func @selective_scan_dynamic_groups(%x: tensor<1x8x4xf32>, %A: tensor<4x2xf32>, %B: tensor<1x8x?x2xf32>) -> tensor<1x8x4xf32> {
  // expected-error @+1 {{'ssm.selective_scan' op needs a static group count to be lowered}}
  %y = ssm.selective_scan %x, %x, %A, %B, %B : (tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<4x2xf32>, tensor<1x8x?x2xf32>, tensor<1x8x?x2xf32>) -> tensor<1x8x4xf32>
  return %y : tensor<1x8x4xf32>
}

// -----

// Selective scan: no channel at all (D = 0).
func.func @selective_scan_no_channels(%x: tensor<1x8x0xf32>, %A: tensor<0x2xf32>, %B: tensor<1x8x1x2xf32>) -> tensor<1x8x0xf32> {
  // expected-error @+1 {{'ssm.selective_scan' op has no channels; nothing to lower}}
  %y = ssm.selective_scan %x, %x, %A, %B, %B : (tensor<1x8x0xf32>, tensor<1x8x0xf32>, tensor<0x2xf32>, tensor<1x8x1x2xf32>, tensor<1x8x1x2xf32>) -> tensor<1x8x0xf32>
  return %y : tensor<1x8x0xf32>
}

// -----

// SSD: the chunked algorithm needs static shapes.
func.func @ssd_chunked_dynamic(%x: tensor<1x?x2x3xf32>, %dt: tensor<1x?x2xf32>, %A: tensor<2xf32>, %B: tensor<1x?x1x4xf32>) -> tensor<1x?x2x3xf32> {
  // expected-error @+1 {{'ssm.ssd' op needs a static shape for the chunked algorithm to be lowered}}
  %y = ssm.ssd %x, %dt, %A, %B, %B {ssm.schedule = #ssm.schedule<"chunked", {chunk = 4 : i64}>} : (tensor<1x?x2x3xf32>, tensor<1x?x2xf32>, tensor<2xf32>, tensor<1x?x1x4xf32>, tensor<1x?x1x4xf32>) -> tensor<1x?x2x3xf32>
  return %y : tensor<1x?x2x3xf32>
}

// -----

// SSD: the head-to-group map h / (H / G) needs a static H.
func.func @ssd_dynamic_heads(%x: tensor<1x8x?x3xf32>, %dt: tensor<1x8x?xf32>, %A: tensor<?xf32>, %B: tensor<1x8x1x4xf32>) -> tensor<1x8x?x3xf32> {
  // expected-error @+1 {{'ssm.ssd' op needs a static head count to be lowered}}
  %y = ssm.ssd %x, %dt, %A, %B, %B : (tensor<1x8x?x3xf32>, tensor<1x8x?xf32>, tensor<?xf32>, tensor<1x8x1x4xf32>, tensor<1x8x1x4xf32>) -> tensor<1x8x?x3xf32>
  return %y : tensor<1x8x?x3xf32>
}

// -----

// SSD: ... and a static G.
func.func @ssd_dynamic_groups(%x: tensor<1x8x2x3xf32>, %dt: tensor<1x8x2xf32>, %A: tensor<2xf32>, %B: tensor<1x8x?x4xf32>) -> tensor<1x8x2x3xf32> {
  // expected-error @+1 {{'ssm.ssd' op needs a static group count to be lowered}}
  %y = ssm.ssd %x, %dt, %A, %B, %B : (tensor<1x8x2x3xf32>, tensor<1x8x2xf32>, tensor<2xf32>, tensor<1x8x?x4xf32>, tensor<1x8x?x4xf32>) -> tensor<1x8x2x3xf32>
  return %y : tensor<1x8x2x3xf32>
}

// -----

// SSD: no head at all (H = 0).
func.func @ssd_no_heads(%x: tensor<1x8x0x3xf32>, %dt: tensor<1x8x0xf32>, %A: tensor<0xf32>, %B: tensor<1x8x1x4xf32>) -> tensor<1x8x0x3xf32> {
  // expected-error @+1 {{'ssm.ssd' op has no heads; nothing to lower}}
  %y = ssm.ssd %x, %dt, %A, %B, %B : (tensor<1x8x0x3xf32>, tensor<1x8x0xf32>, tensor<0xf32>, tensor<1x8x1x4xf32>, tensor<1x8x1x4xf32>) -> tensor<1x8x0x3xf32>
  return %y : tensor<1x8x0x3xf32>
}

// -----

// Long convolution: an algorithm the pass does not know.
func.func @long_conv_unknown_schedule(%u: tensor<1x16x2xf32>, %k: tensor<2x16xf32>) -> tensor<1x16x2xf32> {
  // expected-error @+1 {{'ssm.long_conv' op schedule #ssm.schedule<"toeplitz", {}> is not implemented by the linalg lowering yet (it implements direct, fft)}}
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"toeplitz", {}>} : (tensor<1x16x2xf32>, tensor<2x16xf32>) -> tensor<1x16x2xf32>
  return %y : tensor<1x16x2xf32>
}

// -----

// Long convolution: the FFT size comes from static shapes.
func.func @long_conv_fft_dynamic(%u: tensor<1x?x2xf32>, %k: tensor<2x16xf32>) -> tensor<1x?x2xf32> {
  // expected-error @+1 {{'ssm.long_conv' op needs a static shape for an FFT to be lowered}}
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<1x?x2xf32>, tensor<2x16xf32>) -> tensor<1x?x2xf32>
  return %y : tensor<1x?x2xf32>
}

// -----

// Long convolution: the causal input is padded by a static Lk - 1.
func.func @long_conv_dynamic_filter(%u: tensor<1x16x2xf32>, %k: tensor<2x?xf32>) -> tensor<1x16x2xf32> {
  // expected-error @+1 {{'ssm.long_conv' op needs a static filter length to be lowered}}
  %y = ssm.long_conv %u, %k : (tensor<1x16x2xf32>, tensor<2x?xf32>) -> tensor<1x16x2xf32>
  return %y : tensor<1x16x2xf32>
}

// -----

// Long convolution: the circular input is doubled to a static 2 L.
func.func @long_conv_dynamic_circular_length(%u: tensor<1x?x2xf32>, %k: tensor<2x?xf32>) -> tensor<1x?x2xf32> {
  // expected-error @+1 {{'ssm.long_conv' op needs a static length for a circular convolution to be lowered}}
  %y = ssm.long_conv %u, %k mode circular : (tensor<1x?x2xf32>, tensor<2x?xf32>) -> tensor<1x?x2xf32>
  return %y : tensor<1x?x2xf32>
}

// -----

// Short convolution: the input is padded by a static W - 1.
func.func @short_conv_dynamic_width(%u: tensor<1x16x2xf32>, %w: tensor<2x?xf32>) -> tensor<1x16x2xf32> {
  // expected-error @+1 {{'ssm.short_conv' op needs a static filter width to be lowered}}
  %y = ssm.short_conv %u, %w : (tensor<1x16x2xf32>, tensor<2x?xf32>) -> tensor<1x16x2xf32>
  return %y : tensor<1x16x2xf32>
}

// -----

// Monarch: only the blocked algorithm is implemented.
func.func @monarch_unknown_schedule(%x: tensor<2x12xf32>, %r: tensor<3x4x4xf32>, %l: tensor<4x3x3xf32>) -> tensor<2x12xf32> {
  // expected-error @+1 {{'ssm.monarch' op schedule #ssm.schedule<"dense", {}> is not implemented by the linalg lowering yet (it implements blocked)}}
  %y = ssm.monarch %x, %r, %l {ssm.schedule = #ssm.schedule<"dense", {}>} : tensor<2x12xf32>, tensor<3x4x4xf32>, tensor<4x3x3xf32> -> tensor<2x12xf32>
  return %y : tensor<2x12xf32>
}

// -----

// Monarch: a row is viewed as a static m x k grid.
func.func @monarch_dynamic_last_dim(%x: tensor<2x?xf32>, %r: tensor<3x4x4xf32>, %l: tensor<4x3x3xf32>) -> tensor<2x?xf32> {
  // expected-error @+1 {{'ssm.monarch' op needs a static last dimension to be lowered}}
  %y = ssm.monarch %x, %r, %l : tensor<2x?xf32>, tensor<3x4x4xf32>, tensor<4x3x3xf32> -> tensor<2x?xf32>
  return %y : tensor<2x?xf32>
}

// -----

// Monarch: ... whose m and k come from R's static shape.
func.func @monarch_dynamic_blocks(%x: tensor<2x12xf32>, %r: tensor<?x4x4xf32>, %l: tensor<4x3x3xf32>) -> tensor<2x12xf32> {
  // expected-error @+1 {{'ssm.monarch' op needs a static block shape to be lowered}}
  %y = ssm.monarch %x, %r, %l : tensor<2x12xf32>, tensor<?x4x4xf32>, tensor<4x3x3xf32> -> tensor<2x12xf32>
  return %y : tensor<2x12xf32>
}

// -----

// Butterfly: only the blocked algorithm is implemented.
func.func @butterfly_unknown_schedule(%x: tensor<2x8xf32>, %w: tensor<3x4x2x2xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'ssm.butterfly' op schedule #ssm.schedule<"dense", {}> is not implemented by the linalg lowering yet (it implements blocked)}}
  %y = ssm.butterfly %x, %w {ssm.schedule = #ssm.schedule<"dense", {}>} : tensor<2x8xf32>, tensor<3x4x2x2xf32> -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

// Butterfly: log2(n) factors need a static n.
func.func @butterfly_dynamic_last_dim(%x: tensor<2x?xf32>, %w: tensor<3x4x2x2xf32>) -> tensor<2x?xf32> {
  // expected-error @+1 {{'ssm.butterfly' op needs a static last dimension to be lowered}}
  %y = ssm.butterfly %x, %w : tensor<2x?xf32>, tensor<3x4x2x2xf32> -> tensor<2x?xf32>
  return %y : tensor<2x?xf32>
}

// -----

// SSM kernel, NPLR form: its [N, N] matrices need a static state size.
func.func @ssm_kernel_nplr_dynamic_state(%A: tensor<2x?xcomplex<f32>>, %P: tensor<2x1x?xcomplex<f32>>, %dt: tensor<2xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'ssm.ssm_kernel' op needs a static state size for the NPLR form to be lowered}}
  %k = ssm.ssm_kernel %A, %A, %A, %dt low_rank(%P) length 8 : (tensor<2x?xcomplex<f32>>, tensor<2x?xcomplex<f32>>, tensor<2x?xcomplex<f32>>, tensor<2xf32>, tensor<2x1x?xcomplex<f32>>) -> tensor<2x8xf32>
  return %k : tensor<2x8xf32>
}

// -----

// SSM kernel, NPLR form: and a static rank.
func.func @ssm_kernel_nplr_dynamic_rank(%A: tensor<2x4xcomplex<f32>>, %P: tensor<2x?x4xcomplex<f32>>, %dt: tensor<2xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'ssm.ssm_kernel' op needs a static rank for the NPLR form to be lowered}}
  %k = ssm.ssm_kernel %A, %A, %A, %dt low_rank(%P) length 8 : (tensor<2x4xcomplex<f32>>, tensor<2x4xcomplex<f32>>, tensor<2x4xcomplex<f32>>, tensor<2xf32>, tensor<2x?x4xcomplex<f32>>) -> tensor<2x8xf32>
  return %k : tensor<2x8xf32>
}

// -----

// SSM kernel: only the Vandermonde algorithm is implemented.
func.func @ssm_kernel_cauchy(%A: tensor<2x4xcomplex<f32>>, %dt: tensor<2xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'ssm.ssm_kernel' op schedule #ssm.schedule<"cauchy", {}> is not implemented by the linalg lowering yet (it implements vandermonde)}}
  %k = ssm.ssm_kernel %A, %A, %A, %dt length 8 {ssm.schedule = #ssm.schedule<"cauchy", {}>} : (tensor<2x4xcomplex<f32>>, tensor<2x4xcomplex<f32>>, tensor<2x4xcomplex<f32>>, tensor<2xf32>) -> tensor<2x8xf32>
  return %k : tensor<2x8xf32>
}
