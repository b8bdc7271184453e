// RUN: ssm-opt %s -split-input-file --ssm-expand-fused-kernels -verify-diagnostics

// expected-error @+1 {{'func.func' op does not describe a fused kernel of kind ssm.flash_attention}}
func.func private @kernel(memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>) attributes {ssm.flash_attention = {causal = true}}
func.func @missing_scale(%m: memref<1x1x8x16xbf16>) {
  call @kernel(%m, %m, %m, %m) : (memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>) -> ()
  return
}

// -----

// Key splits: 0 (chosen at run time) or positive; blocks to fill: positive.
// expected-error @+1 {{'func.func' op does not describe a fused kernel of kind ssm.flash_attention}}
func.func private @kernel(memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>) attributes {ssm.flash_attention = {causal = false, scale = 2.500000e-01 : f64, window = 0 : i64, splits = -1 : i64}}
func.func @negative_splits(%m: memref<1x1x8x16xbf16>) {
  call @kernel(%m, %m, %m, %m) : (memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>) -> ()
  return
}

// -----

// expected-error @+1 {{'func.func' op does not describe a fused kernel of kind ssm.flash_attention}}
func.func private @kernel(memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>) attributes {ssm.flash_attention = {causal = false, scale = 2.500000e-01 : f64, window = 0 : i64, fill_blocks = 0 : i64}}
func.func @no_blocks_to_fill(%m: memref<1x1x8x16xbf16>) {
  call @kernel(%m, %m, %m, %m) : (memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>) -> ()
  return
}

// -----

// The L2 that the causal block order is sized for: positive.
// expected-error @+1 {{'func.func' op does not describe a fused kernel of kind ssm.flash_attention}}
func.func private @kernel(memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>) attributes {ssm.flash_attention = {causal = true, scale = 2.500000e-01 : f64, window = 0 : i64, l2_bytes = 0 : i64}}
func.func @no_l2(%m: memref<1x1x8x16xbf16>) {
  call @kernel(%m, %m, %m, %m) : (memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>) -> ()
  return
}

// -----

// f32 operands' planes: 1 to 3; shared memory: positive.
// expected-error @+1 {{'func.func' op does not describe a fused kernel of kind ssm.flash_attention}}
func.func private @kernel(memref<1x1x8x16xf32>, memref<1x1x8x16xf32>, memref<1x1x8x16xf32>, memref<1x1x8x16xf32>) attributes {ssm.flash_attention = {causal = false, scale = 2.500000e-01 : f64, window = 0 : i64, f32_planes = 0 : i64}}
func.func @no_planes(%m: memref<1x1x8x16xf32>) {
  call @kernel(%m, %m, %m, %m) : (memref<1x1x8x16xf32>, memref<1x1x8x16xf32>, memref<1x1x8x16xf32>, memref<1x1x8x16xf32>) -> ()
  return
}

// -----

// expected-error @+1 {{'func.func' op does not describe a fused kernel of kind ssm.flash_attention}}
func.func private @kernel(memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>) attributes {ssm.flash_attention = {causal = false, scale = 2.500000e-01 : f64, window = 0 : i64, shared_bytes = 0 : i64}}
func.func @no_shared_memory(%m: memref<1x1x8x16xbf16>) {
  call @kernel(%m, %m, %m, %m) : (memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>) -> ()
  return
}

// -----

// Keys per step: 0 (chosen) or a multiple of 16 up to 128.
// expected-error @+1 {{'func.func' op does not describe a fused kernel of kind ssm.flash_attention}}
func.func private @kernel(memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>) attributes {ssm.flash_attention = {causal = false, scale = 2.500000e-01 : f64, window = 0 : i64, block_keys = 40 : i64}}
func.func @odd_block_keys(%m: memref<1x1x8x16xbf16>) {
  call @kernel(%m, %m, %m, %m) : (memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>) -> ()
  return
}

// -----

// wgmma is a bool.
// expected-error @+1 {{'func.func' op does not describe a fused kernel of kind ssm.flash_attention}}
func.func private @kernel(memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>) attributes {ssm.flash_attention = {causal = false, scale = 2.500000e-01 : f64, window = 0 : i64, wgmma = 1 : i64}}
func.func @wgmma_not_bool(%m: memref<1x1x8x16xbf16>) {
  call @kernel(%m, %m, %m, %m) : (memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>) -> ()
  return
}

// -----


// expected-error @+1 {{'func.func' op does not describe a fused kernel of kind ssm.flash_attention}}
func.func private @kernel(memref<1x1x8x16xf32>, memref<1x1x8x16xf32>, memref<1x1x8x16xf32>, memref<1x1x8x16xf32>) attributes {ssm.flash_attention = {causal = false, scale = 2.500000e-01 : f64, window = 0 : i64, f32_planes = 4 : i64}}
func.func @four_planes(%m: memref<1x1x8x16xf32>) {
  call @kernel(%m, %m, %m, %m) : (memref<1x1x8x16xf32>, memref<1x1x8x16xf32>, memref<1x1x8x16xf32>, memref<1x1x8x16xf32>) -> ()
  return
}

// -----

// Operands the kernel does not take: a head size over 128; element types that differ (inputs, or the output); K's head size
// not Q's; tiles over the shared memory given.
// expected-error @+1 {{'func.func' op does not describe a fused kernel of kind ssm.flash_attention}}
func.func private @kernel(memref<1x1x8x136xbf16>, memref<1x1x8x136xbf16>, memref<1x1x8x136xbf16>, memref<1x1x8x136xbf16>) attributes {ssm.flash_attention = {causal = false, scale = 2.500000e-01 : f64, window = 0 : i64}}
func.func @head_size_136(%m: memref<1x1x8x136xbf16>) {
  call @kernel(%m, %m, %m, %m) : (memref<1x1x8x136xbf16>, memref<1x1x8x136xbf16>, memref<1x1x8x136xbf16>, memref<1x1x8x136xbf16>) -> ()
  return
}

// -----

// expected-error @+1 {{'func.func' op does not describe a fused kernel of kind ssm.flash_attention}}
func.func private @kernel(memref<1x1x8x16xbf16>, memref<1x1x8x16xf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>) attributes {ssm.flash_attention = {causal = false, scale = 2.500000e-01 : f64, window = 0 : i64}}
func.func @mixed_types(%m: memref<1x1x8x16xbf16>, %n: memref<1x1x8x16xf16>) {
  call @kernel(%m, %n, %m, %m) : (memref<1x1x8x16xbf16>, memref<1x1x8x16xf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>) -> ()
  return
}

// -----

// expected-error @+1 {{'func.func' op does not describe a fused kernel of kind ssm.flash_attention}}
func.func private @kernel(memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xf16>) attributes {ssm.flash_attention = {causal = false, scale = 2.500000e-01 : f64, window = 0 : i64}}
func.func @output_type(%m: memref<1x1x8x16xbf16>, %o: memref<1x1x8x16xf16>) {
  call @kernel(%m, %m, %m, %o) : (memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xf16>) -> ()
  return
}

// -----

// expected-error @+1 {{'func.func' op does not describe a fused kernel of kind ssm.flash_attention}}
func.func private @kernel(memref<1x1x8x16xbf16>, memref<1x1x8x32xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>) attributes {ssm.flash_attention = {causal = false, scale = 2.500000e-01 : f64, window = 0 : i64}}
func.func @key_head_size(%m: memref<1x1x8x16xbf16>, %k: memref<1x1x8x32xbf16>) {
  call @kernel(%m, %k, %m, %m) : (memref<1x1x8x16xbf16>, memref<1x1x8x32xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>) -> ()
  return
}

// -----

// expected-error @+1 {{'func.func' op does not describe a fused kernel of kind ssm.flash_attention}}
func.func private @kernel(memref<1x1x8x128xf32>, memref<1x1x8x128xf32>, memref<1x1x8x128xf32>, memref<1x1x8x128xf32>) attributes {ssm.flash_attention = {causal = false, scale = 2.500000e-01 : f64, window = 0 : i64, shared_bytes = 49152 : i64}}
func.func @over_shared_memory(%m: memref<1x1x8x128xf32>) {
  call @kernel(%m, %m, %m, %m) : (memref<1x1x8x128xf32>, memref<1x1x8x128xf32>, memref<1x1x8x128xf32>, memref<1x1x8x128xf32>) -> ()
  return
}

// -----

// expected-error @+1 {{'func.func' op does not describe a fused kernel of kind ssm.selective_scan}}
func.func private @kernel(memref<1x4x2xf32>, memref<1x4x2xf32>) attributes {ssm.selective_scan = {delta_softplus = false, skip = false, gate = false, delta_bias = false, init = false, final_state = false}}
func.func @too_few_operands(%m: memref<1x4x2xf32>) {
  call @kernel(%m, %m) : (memref<1x4x2xf32>, memref<1x4x2xf32>) -> ()
  return
}

// -----

func.func private @kernel(memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>) attributes {ssm.flash_attention = {causal = false, scale = 2.500000e-01 : f64, window = 0 : i64}}
func.func @address_taken() {
  // expected-error @+1 {{'func.constant' op uses a fused kernel other than by a call}}
  %f = func.constant @kernel : (memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>) -> ()
  return
}

// -----

// The transform (length 16) is too short for a circular convolution of
// L = 9 (which reads lin[t + L] up to 2L - 1).
// expected-error @+1 {{'func.func' op does not describe a fused kernel of kind ssm.long_conv_fft}}
func.func private @kernel(memref<1x9x2xf32>, memref<2x9xf32>, memref<8xf32>, memref<8xf32>, memref<1x9x2xf32>) attributes {ssm.long_conv_fft = {bias = false, chunk = 1 : i64, circular = true, length = 16 : i64, split = 0 : i64, taps = 9 : i64}}
func.func @short_transform(%u: memref<1x9x2xf32>, %k: memref<2x9xf32>, %t: memref<8xf32>, %y: memref<1x9x2xf32>) {
  call @kernel(%u, %k, %t, %t, %y) : (memref<1x9x2xf32>, memref<2x9xf32>, memref<8xf32>, memref<8xf32>, memref<1x9x2xf32>) -> ()
  return
}

// -----

// A transform length that is not a power of two.
// expected-error @+1 {{'func.func' op does not describe a fused kernel of kind ssm.long_conv_fft}}
func.func private @kernel(memref<1x9x2xf32>, memref<2x9xf32>, memref<12xf32>, memref<12xf32>, memref<1x9x2xf32>) attributes {ssm.long_conv_fft = {bias = false, chunk = 1 : i64, circular = false, length = 24 : i64, split = 0 : i64, taps = 9 : i64}}
func.func @not_power_of_two(%u: memref<1x9x2xf32>, %k: memref<2x9xf32>, %t: memref<12xf32>, %y: memref<1x9x2xf32>) {
  call @kernel(%u, %k, %t, %t, %y) : (memref<1x9x2xf32>, memref<2x9xf32>, memref<12xf32>, memref<12xf32>, memref<1x9x2xf32>) -> ()
  return
}

// -----

// Four steps need columns of at least two points (here n = split).
// expected-error @+1 {{'func.func' op does not describe a fused kernel of kind ssm.long_conv_fft}}
func.func private @kernel(memref<1x64x2xf32>, memref<2x64xf32>, memref<64xf32>, memref<64xf32>, memref<1x64x2xf32>) attributes {ssm.long_conv_fft = {bias = false, chunk = 1 : i64, circular = false, length = 128 : i64, split = 128 : i64, taps = 64 : i64}}
func.func @one_point_columns(%u: memref<1x64x2xf32>, %k: memref<2x64xf32>, %t: memref<64xf32>, %y: memref<1x64x2xf32>) {
  call @kernel(%u, %k, %t, %t, %y) : (memref<1x64x2xf32>, memref<2x64xf32>, memref<64xf32>, memref<64xf32>, memref<1x64x2xf32>) -> ()
  return
}

// -----

// Rows of the four steps come in groups of 32 columns.
// expected-error @+1 {{'func.func' op does not describe a fused kernel of kind ssm.long_conv_fft}}
func.func private @kernel(memref<1x64x2xf32>, memref<2x64xf32>, memref<8xf32>, memref<8xf32>, memref<1x64x2xf32>) attributes {ssm.long_conv_fft = {bias = false, chunk = 1 : i64, circular = false, length = 128 : i64, split = 8 : i64, taps = 64 : i64}}
func.func @short_rows(%u: memref<1x64x2xf32>, %k: memref<2x64xf32>, %t: memref<8xf32>, %y: memref<1x64x2xf32>) {
  call @kernel(%u, %k, %t, %t, %y) : (memref<1x64x2xf32>, memref<2x64xf32>, memref<8xf32>, memref<8xf32>, memref<1x64x2xf32>) -> ()
  return
}

// -----

// The four steps' twiddle table holds the half period of max(P, Q) = 32
// points and then min(P, Q) = 4 fine factors: 20 entries, not 16.
// expected-error @+1 {{'func.func' op does not describe a fused kernel of kind ssm.long_conv_fft}}
func.func private @kernel(memref<1x64x2xf32>, memref<2x64xf32>, memref<16xf32>, memref<16xf32>, memref<1x64x2xf32>) attributes {ssm.long_conv_fft = {bias = false, chunk = 1 : i64, circular = false, length = 128 : i64, split = 32 : i64, taps = 64 : i64}}
func.func @no_fine_twiddles(%u: memref<1x64x2xf32>, %k: memref<2x64xf32>, %t: memref<16xf32>, %y: memref<1x64x2xf32>) {
  call @kernel(%u, %k, %t, %t, %y) : (memref<1x64x2xf32>, memref<2x64xf32>, memref<16xf32>, memref<16xf32>, memref<1x64x2xf32>) -> ()
  return
}
