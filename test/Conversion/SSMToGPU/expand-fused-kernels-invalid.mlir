// RUN: ssm-opt %s -split-input-file --ssm-expand-fused-kernels -verify-diagnostics

// expected-error @+1 {{'func.func' op does not describe a fused kernel of kind ssm.flash_attention}}
func.func private @kernel(memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>) attributes {ssm.flash_attention = {causal = true}}
func.func @missing_scale(%m: memref<1x1x8x16xbf16>) {
  call @kernel(%m, %m, %m, %m) : (memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>) -> ()
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
