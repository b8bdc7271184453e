// RUN: ssm-opt %s --ssm-fused-attention="chip=sm_90 block-keys=24" -verify-diagnostics
// RUN: not ssm-opt %s --ssm-fused-attention="chip=sm_75 block-keys=256" 2>&1 | FileCheck %s --check-prefix=LARGE
// RUN: not ssm-opt %s --ssm-fused-attention="chip=sm_90a block-keys=-16" 2>&1 | FileCheck %s --check-prefix=NEGATIVE
// LARGE: error: ssm-fused-attention: block-keys must be 0 (chosen by head size) or a multiple of 16 up to 128, not 256
// NEGATIVE: error: ssm-fused-attention: block-keys must be 0 (chosen by head size) or a multiple of 16 up to 128, not -16

// The keys per step: a multiple of 16 (P's fragments) up to 128, whatever
// the chip.
// expected-error @+1 {{ssm-fused-attention: block-keys must be 0 (chosen by head size) or a multiple of 16 up to 128, not 24}}
module {
  func.func @f(%q: tensor<1x1x8x16xbf16>) -> tensor<1x1x8x16xbf16> {
    %y = ssm.attention %q, %q, %q : tensor<1x1x8x16xbf16>, tensor<1x1x8x16xbf16>, tensor<1x1x8x16xbf16> -> tensor<1x1x8x16xbf16>
    return %y : tensor<1x1x8x16xbf16>
  }
}
