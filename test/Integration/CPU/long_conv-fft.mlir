// long_conv by FFT (schedule "fft"): radix-2 transforms (stages fused in
// pairs) of the zero-padded signal and filter, compared with the reference (direct summation) at the
// default --check tolerances: causal with Lk = L, Lk < L and Lk > L, circular
// with a length that is not a power of two, and L = 1; f32 and f64.
// RUN: ssm-run %s --entry causal --check --random-inputs --seed 3 | FileCheck %s --check-prefix=CAUSAL
// RUN: ssm-run %s --entry short_filter --check --random-inputs --seed 3 | FileCheck %s --check-prefix=SHORT_FILTER
// RUN: ssm-run %s --entry long_filter --check --random-inputs --seed 3 | FileCheck %s --check-prefix=LONG_FILTER
// RUN: ssm-run %s --entry circular --check --random-inputs --seed 3 | FileCheck %s --check-prefix=CIRCULAR
// RUN: ssm-run %s --entry one --check --random-inputs --seed 3 | FileCheck %s --check-prefix=ONE
// A filter 10^4 times smaller than the signal (the two share one transform,
// so the filter is scaled to the signal first), and an all-zero filter.
// RUN: ssm-run %s --entry small_filter --check --random-inputs --seed 4 | FileCheck %s --check-prefix=SMALL_FILTER
// RUN: ssm-run %s --entry zero_filter --check --random-inputs --seed 5 | FileCheck %s --check-prefix=ZERO_FILTER

// CAUSAL: check result #0: {{.*}}: ok
// SHORT_FILTER: check result #0: {{.*}}: ok
// LONG_FILTER: check result #0: {{.*}}: ok
// CIRCULAR: check result #0: {{.*}}: ok
// ONE: check result #0: {{.*}}: ok
// SMALL_FILTER: check result #0: {{.*}}: ok
// ZERO_FILTER: check result #0: {{.*}}: ok

func.func @causal(%u: tensor<2x37x3xf32>, %k: tensor<3x37xf32>, %b: tensor<3xf32>) -> tensor<2x37x3xf32> {
  %y = ssm.long_conv %u, %k bias(%b) {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<2x37x3xf32>, tensor<3x37xf32>, tensor<3xf32>) -> tensor<2x37x3xf32>
  return %y : tensor<2x37x3xf32>
}
func.func @short_filter(%u: tensor<1x13x2xf64>, %k: tensor<2x5xf64>) -> tensor<1x13x2xf64> {
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<1x13x2xf64>, tensor<2x5xf64>) -> tensor<1x13x2xf64>
  return %y : tensor<1x13x2xf64>
}
func.func @long_filter(%u: tensor<1x7x2xf32>, %k: tensor<2x20xf32>) -> tensor<1x7x2xf32> {
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<1x7x2xf32>, tensor<2x20xf32>) -> tensor<1x7x2xf32>
  return %y : tensor<1x7x2xf32>
}
func.func @circular(%u: tensor<2x11x3xf64>, %k: tensor<3x11xf64>) -> tensor<2x11x3xf64> {
  %y = ssm.long_conv %u, %k mode circular {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<2x11x3xf64>, tensor<3x11xf64>) -> tensor<2x11x3xf64>
  return %y : tensor<2x11x3xf64>
}
func.func @one(%u: tensor<1x1x2xf32>, %k: tensor<2x1xf32>) -> tensor<1x1x2xf32> {
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<1x1x2xf32>, tensor<2x1xf32>) -> tensor<1x1x2xf32>
  return %y : tensor<1x1x2xf32>
}
func.func @small_filter(%u: tensor<2x600x3xf32>, %k: tensor<3x600xf32>) -> tensor<2x600x3xf32> {
  %s = arith.constant dense<1.0e-4> : tensor<3x600xf32>
  %ks = arith.mulf %k, %s : tensor<3x600xf32>
  %y = ssm.long_conv %u, %ks {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<2x600x3xf32>, tensor<3x600xf32>) -> tensor<2x600x3xf32>
  %r = arith.constant dense<1.0e4> : tensor<2x600x3xf32>
  %yr = arith.mulf %y, %r : tensor<2x600x3xf32>
  return %yr : tensor<2x600x3xf32>
}
func.func @zero_filter(%u: tensor<1x9x2xf32>, %k: tensor<2x9xf32>, %b: tensor<2xf32>) -> tensor<1x9x2xf32> {
  %z = arith.constant dense<0.0> : tensor<2x9xf32>
  %kz = arith.mulf %k, %z : tensor<2x9xf32>
  %y = ssm.long_conv %u, %kz bias(%b) {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<1x9x2xf32>, tensor<2x9xf32>, tensor<2xf32>) -> tensor<1x9x2xf32>
  return %y : tensor<1x9x2xf32>
}

// Without a schedule, a long filter on a long sequence takes the cost
// model's choice (FFT) in the lowering.
// RUN: ssm-opt %s --convert-ssm-to-linalg | FileCheck %s --check-prefix=DEFAULT
// Rows run in an scf.forall; the shared twiddle table (cos, sin of
// -2 pi k / 8192), pairs of stages fused into one pass writing the four
// quarters of a butterfly grid ([1, 1, 4, 2048] first), and the mirrored
// reads that separate the two spectra show it.
// DEFAULT: #[[MIRROR:map[0-9]*]] = affine_map<(d0, d1) -> (d0, -d1 + 2047)>
// DEFAULT-LABEL: func @model_choice
// DEFAULT: arith.constant dense<{{.*}}> : tensor<4096xf32>
// DEFAULT: scf.forall ({{.*}}) in (1, 4)
// DEFAULT-COUNT-4: linalg.generic {{.*}} outs({{.*}} : tensor<1x1x2048xf32>, tensor<1x1x2048xf32>)
// DEFAULT: linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}, #[[MIRROR:map[0-9]*]], #[[MIRROR]], {{.*}} outs({{.*}} : tensor<1x2048xf32>, tensor<1x2048xf32>)
// DEFAULT-NOT: ssm.long_conv
func.func @model_choice(%u: tensor<1x4096x4xf32>, %k: tensor<4x4096xf32>) -> tensor<1x4096x4xf32> {
  %y = ssm.long_conv %u, %k : (tensor<1x4096x4xf32>, tensor<4x4096xf32>) -> tensor<1x4096x4xf32>
  return %y : tensor<1x4096x4xf32>
}
