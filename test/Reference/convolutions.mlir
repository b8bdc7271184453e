// Reference semantics of ssm.long_conv and ssm.short_conv on hand-computed
// cases (values printed by ssm-run --print-results).
// RUN: ssm-run %s --entry causal --print-results | FileCheck %s --check-prefix=CAUSAL
// RUN: ssm-run %s --entry circular --print-results | FileCheck %s --check-prefix=CIRCULAR
// RUN: ssm-run %s --entry long_filter --print-results | FileCheck %s --check-prefix=LONG
// RUN: ssm-run %s --entry short --print-results | FileCheck %s --check-prefix=SHORT

// y_t = u_t + u_(t-1) + 2 u_t.
// CAUSAL: result #0: tensor<1x3x1xf64>
// CAUSAL-NEXT: [3, 7, 11]
func.func @causal() -> tensor<1x3x1xf64> {
  %u = arith.constant dense<[[[1.0], [2.0], [3.0]]]> : tensor<1x3x1xf64>
  %k = arith.constant dense<[[1.0, 1.0]]> : tensor<1x2xf64>
  %b = arith.constant dense<[2.0]> : tensor<1xf64>
  %y = ssm.long_conv %u, %k bias(%b) : (tensor<1x3x1xf64>, tensor<1x2xf64>, tensor<1xf64>) -> tensor<1x3x1xf64>
  return %y : tensor<1x3x1xf64>
}

// Channel 0: y_t = u_t + 2 u_(t-2 mod 3); channel 1: 0.5 u_t + u_(t-1 mod 3).
// CIRCULAR: result #0: tensor<1x3x2xf64>
// CIRCULAR-NEXT: [5, 3.5, 8, 2, 5, 3.5]
func.func @circular() -> tensor<1x3x2xf64> {
  %u = arith.constant dense<[[[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]]]> : tensor<1x3x2xf64>
  %k = arith.constant dense<[[1.0, 0.0, 2.0], [0.5, 1.0, 0.0]]> : tensor<2x3xf64>
  %y = ssm.long_conv %u, %k mode circular : (tensor<1x3x2xf64>, tensor<2x3xf64>) -> tensor<1x3x2xf64>
  return %y : tensor<1x3x2xf64>
}

// A filter longer than the sequence: only the first L taps are used.
// LONG: [1, 3, 6]
func.func @long_filter() -> tensor<1x3x1xf64> {
  %u = arith.constant dense<[[[1.0], [2.0], [3.0]]]> : tensor<1x3x1xf64>
  %k = arith.constant dense<[[1.0, 1.0, 1.0, 1.0, 1.0]]> : tensor<1x5xf64>
  %y = ssm.long_conv %u, %k : (tensor<1x3x1xf64>, tensor<1x5xf64>) -> tensor<1x3x1xf64>
  return %y : tensor<1x3x1xf64>
}

// y_t = act(0.5 u_t - u_(t-1) + 0.25), without and with SiLU.
// SHORT: result #0: tensor<1x3x1xf64>
// SHORT-NEXT: [0.75, 0.25, -0.25]
// SHORT: result #1: tensor<1x3x1xf64>
// SHORT-NEXT: [0.5093840244, 0.1405441252, -0.1094558748]
func.func @short() -> (tensor<1x3x1xf64>, tensor<1x3x1xf64>) {
  %u = arith.constant dense<[[[1.0], [2.0], [3.0]]]> : tensor<1x3x1xf64>
  %w = arith.constant dense<[[0.5, -1.0]]> : tensor<1x2xf64>
  %b = arith.constant dense<[0.25]> : tensor<1xf64>
  %y = ssm.short_conv %u, %w bias(%b) : (tensor<1x3x1xf64>, tensor<1x2xf64>, tensor<1xf64>) -> tensor<1x3x1xf64>
  %s = ssm.short_conv %u, %w bias(%b) activation silu : (tensor<1x3x1xf64>, tensor<1x2xf64>, tensor<1xf64>) -> tensor<1x3x1xf64>
  return %y, %s : tensor<1x3x1xf64>, tensor<1x3x1xf64>
}
