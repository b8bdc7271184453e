// RUN: ssm-opt %s -split-input-file --ssm-expand-fused-attention -verify-diagnostics

// expected-error @+1 {{'func.func' op is not a fused attention kernel of ssm-fused-attention}}
func.func private @kernel(memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>) attributes {ssm.flash_attention = {causal = true}}

// -----

func.func private @kernel(memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>) attributes {ssm.flash_attention = {causal = false, scale = 2.500000e-01 : f64, window = 0 : i64}}
func.func @address_taken() {
  // expected-error @+1 {{'func.constant' op uses a fused attention kernel other than by a call}}
  %f = func.constant @kernel : (memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>) -> ()
  return
}
