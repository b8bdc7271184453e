// RUN: ssm-opt %s --ssm-fused-attention="chip=sm_90 splits=-2" -verify-diagnostics
// RUN: ssm-opt %s --ssm-fused-attention="chip=sm_75 splits=-2" -verify-diagnostics

// The key splits: 0 (chosen at run time) or positive, whatever the chip.
// expected-error @+1 {{ssm-fused-attention: splits must be 0 (chosen at run time) or positive, not -2}}
module {
  func.func @f(%q: tensor<1x1x8x16xbf16>) -> tensor<1x1x8x16xbf16> {
    %y = ssm.attention %q, %q, %q : tensor<1x1x8x16xbf16>, tensor<1x1x8x16xbf16>, tensor<1x1x8x16xbf16> -> tensor<1x1x8x16xbf16>
    return %y : tensor<1x1x8x16xbf16>
  }
}
