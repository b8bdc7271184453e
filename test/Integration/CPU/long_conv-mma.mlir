// FFT long convolutions of every transform length the GPU's one-row kernel
// takes on tensor cores (ssm-fused-long-conv on sm_80 and later: radix-16
// stages by mma.sync on split f16 operands, then the stages of an r-point
// transform, r = 8, 1, 2, 4, 8, 1, 2, 4 for n = 128 ... 16384), in f16,
// bf16 and f32: causal with short, long and full-length filters, a one-tap
// filter, circular, skip terms, a prime L, and n = 64 (too short for the
// tensor cores). On the CPU they are the linalg lowering's FFT; on the GPU
// (or its emulator) test/Integration/CUDA/long_conv-mma.test runs them as
// the fused kernel, also on constant inputs whose spectra would overflow
// f16 unscaled. Tolerances: 2e-3 (f16), 2e-2 (bf16) and 1e-4 (f32) of the
// largest result.
// RUN: for e in $(grep -o 'func.func @[A-Za-z0-9_]*' %s | cut -d@ -f2); do \
// RUN:   ssm-run %s --entry $e --check --random-inputs --seed 3 || exit 1; \
// RUN: done | FileCheck %s
// The CPU's FFT on rows of extreme magnitudes (f32): u and k near 1e-18,
// u near 1e-25 with k near 1e25, near 1e15 (each part scaled by its own
// norm; see long_conv-mma.test for the GPU kernels).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; \
// RUN:   r = np.random.default_rng(6); \
// RUN:   cases = dict(tiny=(1e-18, 1e-18), mixed=(1e-25, 1e25), huge=(1e15, 1e15)); \
// RUN:   [(np.save('%t/' + c + '_u.npy', (r.uniform(-1, 1, (2, 2000, 3)) * su).astype(np.float32)), \
// RUN:     np.save('%t/' + c + '_k.npy', (r.uniform(-1, 1, (3, 2000)) * sk).astype(np.float32))) \
// RUN:    for c, (su, sk) in cases.items()]; \
// RUN:   np.save('%t/b.npy', np.zeros(3, np.float32))"
// RUN: for c in tiny mixed huge; do \
// RUN:   ssm-run %s --entry circular_f32_n4096_bias --check \
// RUN:     --input %t/${c}_u.npy --input %t/${c}_k.npy --input %t/b.npy || exit 1; \
// RUN: done | FileCheck %s --check-prefix=EXTREME

// EXTREME-COUNT-3: check result #0: {{.*}}: ok
// EXTREME-NOT:     MISMATCH

// CHECK:          (compiled, cpu)
// CHECK-COUNT-14: check result #0: {{.*}}: ok
// CHECK-NOT:      MISMATCH

// n = 128: one radix-16 stage, then 8-point transforms.
func.func @causal_f16_n128(%u: tensor<1x100x3xf16>, %k: tensor<3x29xf16>) -> tensor<1x100x3xf16> {
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<1x100x3xf16>, tensor<3x29xf16>) -> tensor<1x100x3xf16>
  return %y : tensor<1x100x3xf16>
}

// n = 256: two radix-16 stages and nothing else; a skip term.
func.func @causal_bf16_n256_bias(%u: tensor<2x200x2xbf16>, %k: tensor<2x57xbf16>, %b: tensor<2xbf16>) -> tensor<2x200x2xbf16> {
  %y = ssm.long_conv %u, %k bias(%b) {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<2x200x2xbf16>, tensor<2x57xbf16>, tensor<2xbf16>) -> tensor<2x200x2xbf16>
  return %y : tensor<2x200x2xbf16>
}

// n = 256 from a prime L and a filter as long.
func.func @prime_f16(%u: tensor<1x101x2xf16>, %k: tensor<2x101xf16>) -> tensor<1x101x2xf16> {
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<1x101x2xf16>, tensor<2x101xf16>) -> tensor<1x101x2xf16>
  return %y : tensor<1x101x2xf16>
}

// n = 512 (2 L - 1 = 399): 2-point transforms after two radix-16 stages.
func.func @circular_f16_n512(%u: tensor<1x200x3xf16>, %k: tensor<3x200xf16>) -> tensor<1x200x3xf16> {
  %y = ssm.long_conv %u, %k mode circular {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<1x200x3xf16>, tensor<3x200xf16>) -> tensor<1x200x3xf16>
  return %y : tensor<1x200x3xf16>
}

// n = 1024: 4-point transforms left.
func.func @causal_bf16_n1024(%u: tensor<1x700x2xbf16>, %k: tensor<2x300xbf16>) -> tensor<1x700x2xbf16> {
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<1x700x2xbf16>, tensor<2x300xbf16>) -> tensor<1x700x2xbf16>
  return %y : tensor<1x700x2xbf16>
}

// n = 2048 with a 7-tap filter.
func.func @short_filter_f16_n2048(%u: tensor<1x2000x2xf16>, %k: tensor<2x7xf16>) -> tensor<1x2000x2xf16> {
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<1x2000x2xf16>, tensor<2x7xf16>) -> tensor<1x2000x2xf16>
  return %y : tensor<1x2000x2xf16>
}

// n = 4096: three radix-16 stages; circular with a skip term.
func.func @circular_bf16_n4096_bias(%u: tensor<1x1500x2xbf16>, %k: tensor<2x1500xbf16>, %b: tensor<2xbf16>) -> tensor<1x1500x2xbf16> {
  %y = ssm.long_conv %u, %k bias(%b) mode circular {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<1x1500x2xbf16>, tensor<2x1500xbf16>, tensor<2xbf16>) -> tensor<1x1500x2xbf16>
  return %y : tensor<1x1500x2xbf16>
}

// n = 8192.
func.func @causal_f16_n8192(%u: tensor<1x5000x1xf16>, %k: tensor<1x3000xf16>) -> tensor<1x5000x1xf16> {
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<1x5000x1xf16>, tensor<1x3000xf16>) -> tensor<1x5000x1xf16>
  return %y : tensor<1x5000x1xf16>
}

// n = 16384, the longest row a block holds (132 KB).
func.func @causal_bf16_n16384(%u: tensor<1x8192x2xbf16>, %k: tensor<2x8192xbf16>) -> tensor<1x8192x2xbf16> {
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<1x8192x2xbf16>, tensor<2x8192xbf16>) -> tensor<1x8192x2xbf16>
  return %y : tensor<1x8192x2xbf16>
}

// n = 64: radix-2 and radix-4 stages only, even with tensor cores.
func.func @causal_f16_n64(%u: tensor<2x40x3xf16>, %k: tensor<3x20xf16>) -> tensor<2x40x3xf16> {
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<2x40x3xf16>, tensor<3x20xf16>) -> tensor<2x40x3xf16>
  return %y : tensor<2x40x3xf16>
}

// n = 1024 in f16, a batch of 3 (the constant inputs of the CUDA test).
func.func @causal_f16_n1024(%u: tensor<3x700x2xf16>, %k: tensor<2x300xf16>) -> tensor<3x700x2xf16> {
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<3x700x2xf16>, tensor<2x300xf16>) -> tensor<3x700x2xf16>
  return %y : tensor<3x700x2xf16>
}

// f32, n = 16384, a one-tap filter: the filter's spectrum is 4000 times
// weaker than the signal's in z = u + i s k (s scales maxima, not energy).
func.func @one_tap_f32_n16384(%u: tensor<1x8192x2xf32>, %k: tensor<2x1xf32>) -> tensor<1x8192x2xf32> {
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<1x8192x2xf32>, tensor<2x1xf32>) -> tensor<1x8192x2xf32>
  return %y : tensor<1x8192x2xf32>
}

// f32, n = 4096, circular with a skip term.
func.func @circular_f32_n4096_bias(%u: tensor<2x2000x3xf32>, %k: tensor<3x2000xf32>, %b: tensor<3xf32>) -> tensor<2x2000x3xf32> {
  %y = ssm.long_conv %u, %k bias(%b) mode circular {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<2x2000x3xf32>, tensor<3x2000xf32>, tensor<3xf32>) -> tensor<2x2000x3xf32>
  return %y : tensor<2x2000x3xf32>
}

// n = 32768 does not fit a block: the four-step kernels, whose 512-point
// rows take tensor cores (their 64-point columns do not).
func.func @four_step_f16(%u: tensor<1x16384x1xf16>, %k: tensor<1x16384xf16>) -> tensor<1x16384x1xf16> {
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<1x16384x1xf16>, tensor<1x16384xf16>) -> tensor<1x16384x1xf16>
  return %y : tensor<1x16384x1xf16>
}
