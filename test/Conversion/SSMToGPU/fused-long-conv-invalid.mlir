// RUN: ssm-opt %s --ssm-fused-long-conv="split=48" -verify-diagnostics -split-input-file
// RUN: not ssm-opt %s --ssm-fused-long-conv="split=16384" 2>&1 | FileCheck %s --check-prefix=TOO_LONG
// RUN: not ssm-opt %s --ssm-fused-long-conv="scratch-bytes=0" 2>&1 | FileCheck %s --check-prefix=SCRATCH

// The four steps' rows: a power of two from 32 to 8192.
// expected-error @+1 {{ssm-fused-long-conv: split must be 0 or a power of two from 32 to 8192, not 48}}
module {
  func.func @f(%u: tensor<1x64x2xf32>, %k: tensor<2x64xf32>) -> tensor<1x64x2xf32> {
    %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<1x64x2xf32>, tensor<2x64xf32>) -> tensor<1x64x2xf32>
    return %y : tensor<1x64x2xf32>
  }
}

// TOO_LONG: error: ssm-fused-long-conv: split must be 0 or a power of two from 32 to 8192, not 16384
// SCRATCH: error: ssm-fused-long-conv: scratch-bytes must be positive, not 0
