// RUN: ssm-opt %s --ssm-expand-fused-kernels=on-host=true -verify-diagnostics

// Flash attention is a GPU kernel only: the CPU pipeline cannot build it.
// expected-error @+1 {{'func.func' op describes a fused kernel of kind ssm.flash_attention, which has no host form}}
func.func private @kernel(memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>) attributes {ssm.flash_attention = {causal = false, scale = 2.500000e-01 : f64, window = 0 : i64}}
func.func @attention(%m: memref<1x1x8x16xbf16>) {
  call @kernel(%m, %m, %m, %m) : (memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>, memref<1x1x8x16xbf16>) -> ()
  return
}
