// RUN: ssm-opt %s --ssm-fused-attention="chip=sm_90 l2-bytes=-1" -verify-diagnostics
// RUN: ssm-opt %s --ssm-fused-attention="chip=sm_75 l2-bytes=-1" -verify-diagnostics

// The L2 that the causal block order's sections of heads are sized for:
// 0 (the chip's) or positive, whatever the chip.
// expected-error @+1 {{ssm-fused-attention: l2-bytes must be 0 (the chip's) or positive, not -1}}
module {
  func.func @f(%q: tensor<1x1x8x16xbf16>) -> tensor<1x1x8x16xbf16> {
    %y = ssm.attention %q, %q, %q causal : tensor<1x1x8x16xbf16>, tensor<1x1x8x16xbf16>, tensor<1x1x8x16xbf16> -> tensor<1x1x8x16xbf16>
    return %y : tensor<1x1x8x16xbf16>
  }
}
