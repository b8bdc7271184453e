// Reference semantics of ssm.selective_scan and ssm.ssd on hand-computed
// cases with one channel and one state: h_t = exp(dt_t A) h_(t-1) + dt_t B_t x_t,
// y_t = C_t h_t + skip x_t, with A = -1, dt = (0.5, 0.25), B = (3, 4), C = (2, -1).
// RUN: ssm-run %s --entry scan --print-results | FileCheck %s --check-prefix=SCAN
// RUN: ssm-run %s --entry gated --print-results | FileCheck %s --check-prefix=GATED
// RUN: ssm-run %s --entry ssd --print-results | FileCheck %s --check-prefix=SSD

// x = (1, 2), skip 10: h_0 = 1.5, h_1 = exp(-0.25) 1.5 + 2.
// SCAN: result #0: tensor<1x2x1xf64>
// SCAN-NEXT: [13, 16.83179883]
// SCAN: result #1: tensor<1x1x1xf64>
// SCAN-NEXT: [3.168201175]
func.func @scan() -> (tensor<1x2x1xf64>, tensor<1x1x1xf64>) {
  %x = arith.constant dense<[[[1.0], [2.0]]]> : tensor<1x2x1xf64>
  %dt = arith.constant dense<[[[0.5], [0.25]]]> : tensor<1x2x1xf64>
  %A = arith.constant dense<[[-1.0]]> : tensor<1x1xf64>
  %B = arith.constant dense<[[[[3.0]], [[4.0]]]]> : tensor<1x2x1x1xf64>
  %C = arith.constant dense<[[[[2.0]], [[-1.0]]]]> : tensor<1x2x1x1xf64>
  %D = arith.constant dense<[10.0]> : tensor<1xf64>
  %y, %h = ssm.selective_scan %x, %dt, %A, %B, %C skip(%D) : (tensor<1x2x1xf64>, tensor<1x2x1xf64>, tensor<1x1xf64>, tensor<1x2x1x1xf64>, tensor<1x2x1x1xf64>, tensor<1xf64>) -> (tensor<1x2x1xf64>, tensor<1x1x1xf64>)
  return %y, %h : tensor<1x2x1xf64>, tensor<1x1x1xf64>
}

// dt = softplus(delta - 0.5), h_(-1) = 2, y_t *= silu(z_t) with z = (1, -1).
// GATED: [4.502504313, 1.70474034]
func.func @gated() -> tensor<1x2x1xf64> {
  %x = arith.constant dense<[[[1.0], [2.0]]]> : tensor<1x2x1xf64>
  %dt = arith.constant dense<[[[0.5], [0.25]]]> : tensor<1x2x1xf64>
  %A = arith.constant dense<[[-1.0]]> : tensor<1x1xf64>
  %B = arith.constant dense<[[[[3.0]], [[4.0]]]]> : tensor<1x2x1x1xf64>
  %C = arith.constant dense<[[[[2.0]], [[-1.0]]]]> : tensor<1x2x1x1xf64>
  %z = arith.constant dense<[[[1.0], [-1.0]]]> : tensor<1x2x1xf64>
  %bias = arith.constant dense<[-0.5]> : tensor<1xf64>
  %h0 = arith.constant dense<[[[2.0]]]> : tensor<1x1x1xf64>
  %y = ssm.selective_scan %x, %dt, %A, %B, %C gate(%z) delta_bias(%bias) init(%h0) delta_softplus : (tensor<1x2x1xf64>, tensor<1x2x1xf64>, tensor<1x1xf64>, tensor<1x2x1x1xf64>, tensor<1x2x1x1xf64>, tensor<1x2x1xf64>, tensor<1xf64>, tensor<1x1x1xf64>) -> tensor<1x2x1xf64>
  return %y : tensor<1x2x1xf64>
}

// One head with P = 2: x_0 = (1, -1), x_1 = (2, 0).
// SSD: [13, -13, 16.83179883, 1.168201175]
func.func @ssd() -> tensor<1x2x1x2xf64> {
  %x = arith.constant dense<[[[[1.0, -1.0]], [[2.0, 0.0]]]]> : tensor<1x2x1x2xf64>
  %dt = arith.constant dense<[[[0.5], [0.25]]]> : tensor<1x2x1xf64>
  %A = arith.constant dense<[-1.0]> : tensor<1xf64>
  %B = arith.constant dense<[[[[3.0]], [[4.0]]]]> : tensor<1x2x1x1xf64>
  %C = arith.constant dense<[[[[2.0]], [[-1.0]]]]> : tensor<1x2x1x1xf64>
  %D = arith.constant dense<[10.0]> : tensor<1xf64>
  %y = ssm.ssd %x, %dt, %A, %B, %C skip(%D) : (tensor<1x2x1x2xf64>, tensor<1x2x1xf64>, tensor<1xf64>, tensor<1x2x1x1xf64>, tensor<1x2x1x1xf64>, tensor<1xf64>) -> tensor<1x2x1x2xf64>
  return %y : tensor<1x2x1x2xf64>
}
