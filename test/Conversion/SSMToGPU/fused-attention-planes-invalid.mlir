// RUN: ssm-opt %s --ssm-fused-attention="chip=sm_90 f32-planes=4" -verify-diagnostics
// RUN: not ssm-opt %s --ssm-fused-attention="chip=sm_75 f32-planes=0" 2>&1 | FileCheck %s --check-prefix=ZERO
// ZERO: error: ssm-fused-attention: f32-planes must be 1 to 3, not 0

// The planes of f32 operands: 1 to 3, whatever the chip.
// expected-error @+1 {{ssm-fused-attention: f32-planes must be 1 to 3, not 4}}
module {
  func.func @f(%q: tensor<1x1x8x16xf32>) -> tensor<1x1x8x16xf32> {
    %y = ssm.attention %q, %q, %q : tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32> -> tensor<1x1x8x16xf32>
    return %y : tensor<1x1x8x16xf32>
  }
}
