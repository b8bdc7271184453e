// Both cost-model passes reject a non-positive assumed size and unknown
// targets with an error instead of dividing by zero.
// RUN: not ssm-opt %s --ssm-io-report="assume-dynamic-size=0" 2>&1 | FileCheck %s --check-prefix=SIZE
// RUN: not ssm-opt %s --ssm-select-algorithms="assume-dynamic-size=-7" 2>&1 | FileCheck %s --check-prefix=NEG
// RUN: not ssm-opt %s --ssm-io-report="target=sm_100" 2>&1 | FileCheck %s --check-prefix=TARGET

// SIZE: error: assume-dynamic-size must be at least 1, got 0
// NEG: error: assume-dynamic-size must be at least 1, got -7
// TARGET: error: unknown target 'sm_100' (known targets: cpu-host, sm_80, sm_90)
func.func @scan(%x: tensor<1x?x4xf32>, %A: tensor<4x2xf32>, %B: tensor<1x?x?x2xf32>) -> tensor<1x?x4xf32> {
  %y = ssm.selective_scan %x, %x, %A, %B, %B : (tensor<1x?x4xf32>, tensor<1x?x4xf32>, tensor<4x2xf32>, tensor<1x?x?x2xf32>, tensor<1x?x?x2xf32>) -> tensor<1x?x4xf32>
  return %y : tensor<1x?x4xf32>
}
