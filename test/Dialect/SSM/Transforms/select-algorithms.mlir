// RUN: ssm-opt %s -split-input-file --ssm-select-algorithms="target=sm_90" | FileCheck %s --check-prefix=H100
// RUN: ssm-opt %s -split-input-file --ssm-select-algorithms="target=sm_80" | FileCheck %s --check-prefix=A100
// RUN: ssm-opt %s -split-input-file --ssm-select-algorithms | FileCheck %s --check-prefix=HOST
// Algorithm selection by the cost model: the choice is an attribute.

// Long causal attention: flash tiles sized for shared memory, never the
// naive algorithm. The largest query block (fewest K/V re-reads) wins; in
// A100's 164 KB it leaves room for 16-key blocks only, in H100's 228 KB for 64.
// H100-LABEL: func @attention_long
// H100: ssm.attention {{.*}} {ssm.schedule = #ssm.schedule<"flash", {block_k = 64 : i64, block_q = 256 : i64}>}
// A100-LABEL: func @attention_long
// A100: ssm.attention {{.*}} {ssm.schedule = #ssm.schedule<"flash", {block_k = 16 : i64, block_q = 256 : i64}>}
// HOST-LABEL: func @attention_long
// HOST: ssm.attention {{.*}} {ssm.schedule = #ssm.schedule<"flash",
func.func @attention_long(%q: tensor<4x16x4096x128xbf16>) -> tensor<4x16x4096x128xbf16> {
  %y = ssm.attention %q, %q, %q causal : tensor<4x16x4096x128xbf16>, tensor<4x16x4096x128xbf16>, tensor<4x16x4096x128xbf16> -> tensor<4x16x4096x128xbf16>
  return %y : tensor<4x16x4096x128xbf16>
}

// -----

// A long filter over a long sequence: FFT of size 2^17 in two balanced
// factors (FlashFFTConv order, inner factor first).
// H100-LABEL: func @long_conv_fft
// H100: ssm.long_conv {{.*}} {ssm.schedule = #ssm.schedule<"fft", {fft_factors = [512, 256], fft_size = 131072 : i64}>}
// HOST-LABEL: func @long_conv_fft
// HOST: ssm.long_conv {{.*}} {ssm.schedule = #ssm.schedule<"fft", {fft_factors = [{{.*}}], fft_size = 131072 : i64}>}
func.func @long_conv_fft(%u: tensor<1x65536x256xf32>, %k: tensor<256x65536xf32>) -> tensor<1x65536x256xf32> {
  %y = ssm.long_conv %u, %k : (tensor<1x65536x256xf32>, tensor<256x65536xf32>) -> tensor<1x65536x256xf32>
  return %y : tensor<1x65536x256xf32>
}

// -----

// A 4-tap filter: direct convolution is cheaper than any FFT.
// H100-LABEL: func @long_conv_short_filter
// H100: ssm.long_conv {{.*}} {ssm.schedule = #ssm.schedule<"direct", {}>}
// HOST-LABEL: func @long_conv_short_filter
// HOST: ssm.long_conv {{.*}} {ssm.schedule = #ssm.schedule<"direct", {}>}
func.func @long_conv_short_filter(%u: tensor<1x64x256xf32>, %k: tensor<256x4xf32>) -> tensor<1x64x256xf32> {
  %y = ssm.long_conv %u, %k : (tensor<1x64x256xf32>, tensor<256x4xf32>) -> tensor<1x64x256xf32>
  return %y : tensor<1x64x256xf32>
}

// -----

// Mamba-1 scan: a sequential pass with the state of a block of channels in
// registers.
// H100-LABEL: func @selective_scan
// H100: ssm.selective_scan {{.*}} {ssm.schedule = #ssm.schedule<"sequential", {block_d = 1024 : i64}>}
// HOST-LABEL: func @selective_scan
// HOST: ssm.selective_scan {{.*}} {ssm.schedule = #ssm.schedule<"sequential", {block_d =
func.func @selective_scan(%x: tensor<1x4096x1536xf32>, %A: tensor<1536x16xf32>, %B: tensor<1x4096x1x16xf32>) -> tensor<1x4096x1536xf32> {
  %y = ssm.selective_scan %x, %x, %A, %B, %B : (tensor<1x4096x1536xf32>, tensor<1x4096x1536xf32>, tensor<1536x16xf32>, tensor<1x4096x1x16xf32>, tensor<1x4096x1x16xf32>) -> tensor<1x4096x1536xf32>
  return %y : tensor<1x4096x1536xf32>
}

// -----

// Mamba-2 on a GPU: the chunked (SSD) form puts the work on tensor cores.
// H100-LABEL: func @ssd
// H100: ssm.ssd {{.*}} {ssm.schedule = #ssm.schedule<"chunked", {chunk = 256 : i64}>}
func.func @ssd(%x: tensor<8x4096x32x64xbf16>, %dt: tensor<8x4096x32xbf16>, %A: tensor<32xbf16>, %B: tensor<8x4096x1x128xbf16>) -> tensor<8x4096x32x64xbf16> {
  %y = ssm.ssd %x, %dt, %A, %B, %B : (tensor<8x4096x32x64xbf16>, tensor<8x4096x32xbf16>, tensor<32xbf16>, tensor<8x4096x1x128xbf16>, tensor<8x4096x1x128xbf16>) -> tensor<8x4096x32x64xbf16>
  return %y : tensor<8x4096x32x64xbf16>
}

// -----

// A schedule written by hand is kept as it is.
// H100-LABEL: func @hand_written
// H100: ssm.attention {{.*}} {ssm.schedule = #ssm.schedule<"naive", {}>}
func.func @hand_written(%q: tensor<1x1x64x16xf32>) -> tensor<1x1x64x16xf32> {
  %y = ssm.attention %q, %q, %q {ssm.schedule = #ssm.schedule<"naive", {}>} : tensor<1x1x64x16xf32>, tensor<1x1x64x16xf32>, tensor<1x1x64x16xf32> -> tensor<1x1x64x16xf32>
  return %y : tensor<1x1x64x16xf32>
}

// -----

// Dynamic batch and length are modelled at the assumed size; every op gets
// a schedule.
// H100-LABEL: func @dynamic
// H100: ssm.short_conv {{.*}} {ssm.schedule = #ssm.schedule<"direct", {}>}
// H100: ssm.monarch {{.*}} {ssm.schedule = #ssm.schedule<"blocked", {block_rows =
// H100: ssm.butterfly {{.*}} {ssm.schedule = #ssm.schedule<"blocked", {block_rows =
// H100: ssm.linear_attention {{.*}} {ssm.schedule = #ssm.schedule<
// H100: ssm.ssm_kernel {{.*}} {ssm.schedule = #ssm.schedule<"vandermonde", {}>}
func.func @dynamic(%u: tensor<?x?x16xf32>, %w: tensor<16x4xf32>, %r: tensor<4x4x4xf32>, %tw: tensor<4x8x2x2xf32>, %q: tensor<?x2x?x8xf32>, %A: tensor<16x4xcomplex<f32>>, %dt: tensor<16xf32>) -> (tensor<?x?x16xf32>, tensor<?x2x?x8xf32>, tensor<16x32xf32>) {
  %y = ssm.short_conv %u, %w : (tensor<?x?x16xf32>, tensor<16x4xf32>) -> tensor<?x?x16xf32>
  %m = ssm.monarch %y, %r, %r : tensor<?x?x16xf32>, tensor<4x4x4xf32>, tensor<4x4x4xf32> -> tensor<?x?x16xf32>
  %b = ssm.butterfly %m, %tw : tensor<?x?x16xf32>, tensor<4x8x2x2xf32> -> tensor<?x?x16xf32>
  %l = ssm.linear_attention %q, %q, %q causal : tensor<?x2x?x8xf32>, tensor<?x2x?x8xf32>, tensor<?x2x?x8xf32> -> tensor<?x2x?x8xf32>
  %k = ssm.ssm_kernel %A, %A, %A, %dt length 32 : (tensor<16x4xcomplex<f32>>, tensor<16x4xcomplex<f32>>, tensor<16x4xcomplex<f32>>, tensor<16xf32>) -> tensor<16x32xf32>
  return %b, %l, %k : tensor<?x?x16xf32>, tensor<?x2x?x8xf32>, tensor<16x32xf32>
}
