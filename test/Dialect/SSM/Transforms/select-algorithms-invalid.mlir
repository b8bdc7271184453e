// RUN: ssm-opt %s -split-input-file -verify-diagnostics --ssm-select-algorithms="target=sm_90"
// RUN: not ssm-opt %s --split-input-file --ssm-select-algorithms="target=sm_100" 2>&1 | FileCheck %s --check-prefix=TARGET
// Schedules written by hand must be ones the op has; targets must exist.

// TARGET: error: unknown target 'sm_100' (known targets: cpu-host, sm_80, sm_90)

// An attention schedule on a convolution.
func.func @wrong_algorithm(%u: tensor<1x64x8xf32>, %k: tensor<8x64xf32>) -> tensor<1x64x8xf32> {
  // expected-error @+1 {{'ssm.long_conv' op has no schedule #ssm.schedule<"flash", {block_q = 64 : i64}>}}
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"flash", {block_q = 64 : i64}>} : (tensor<1x64x8xf32>, tensor<8x64xf32>) -> tensor<1x64x8xf32>
  return %y : tensor<1x64x8xf32>
}

// -----

// Flash attention needs both tile sizes.
func.func @missing_tile(%q: tensor<1x1x64x16xf32>) -> tensor<1x1x64x16xf32> {
  // expected-error @+1 {{'ssm.attention' op has no schedule #ssm.schedule<"flash", {block_q = 64 : i64}>}}
  %y = ssm.attention %q, %q, %q {ssm.schedule = #ssm.schedule<"flash", {block_q = 64 : i64}>} : tensor<1x1x64x16xf32>, tensor<1x1x64x16xf32>, tensor<1x1x64x16xf32> -> tensor<1x1x64x16xf32>
  return %y : tensor<1x1x64x16xf32>
}

// -----

// An FFT too small for the linear convolution (64 + 64 - 1 points).
func.func @fft_too_small(%u: tensor<1x64x8xf32>, %k: tensor<8x64xf32>) -> tensor<1x64x8xf32> {
  // expected-error @+1 {{'ssm.long_conv' op has no schedule #ssm.schedule<"fft", {fft_factors = [8, 8]}>}}
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"fft", {fft_factors = [8, 8]}>} : (tensor<1x64x8xf32>, tensor<8x64xf32>) -> tensor<1x64x8xf32>
  return %y : tensor<1x64x8xf32>
}

// -----

// A zero chunk size.
func.func @zero_chunk(%x: tensor<1x8x4xf32>, %A: tensor<4x2xf32>, %B: tensor<1x8x1x2xf32>) -> tensor<1x8x4xf32> {
  // expected-error @+1 {{'ssm.selective_scan' op has no schedule #ssm.schedule<"chunked", {chunk = 0 : i64}>}}
  %y = ssm.selective_scan %x, %x, %A, %B, %B {ssm.schedule = #ssm.schedule<"chunked", {chunk = 0 : i64}>} : (tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<4x2xf32>, tensor<1x8x1x2xf32>, tensor<1x8x1x2xf32>) -> tensor<1x8x4xf32>
  return %y : tensor<1x8x4xf32>
}

// -----

// A short convolution has only the direct algorithm.
func.func @short_conv_fft(%u: tensor<1x8x4xf32>, %w: tensor<4x3xf32>) -> tensor<1x8x4xf32> {
  // expected-error @+1 {{'ssm.short_conv' op has no schedule #ssm.schedule<"fft", {}>}}
  %y = ssm.short_conv %u, %w {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<1x8x4xf32>, tensor<4x3xf32>) -> tensor<1x8x4xf32>
  return %y : tensor<1x8x4xf32>
}
