// Reference semantics of ssm.linear_attention with E = 1 on hand-computed
// cases: q = (2, 3), k = (1, 2), v = (5, 7).
// RUN: ssm-run %s --entry identity --print-results | FileCheck %s --check-prefix=ID
// RUN: ssm-run %s --entry elu1 --print-results | FileCheck %s --check-prefix=ELU
// RUN: ssm-run %s --entry taylor2 --print-results | FileCheck %s --check-prefix=TAYLOR

// Causal: y_0 = q0 k0 v0, y_1 = q1 (k0 v0 + k1 v1); normalized: y_1 = 57 / 9.
// ID: result #0: tensor<1x1x2x1xf64>
// ID-NEXT: [10, 57]
// ID: result #1: tensor<1x1x2x1xf64>
// ID-NEXT: [5, 6.333333333]
func.func @identity() -> (tensor<1x1x2x1xf64>, tensor<1x1x2x1xf64>) {
  %q = arith.constant dense<[[[[2.0], [3.0]]]]> : tensor<1x1x2x1xf64>
  %k = arith.constant dense<[[[[1.0], [2.0]]]]> : tensor<1x1x2x1xf64>
  %v = arith.constant dense<[[[[5.0], [7.0]]]]> : tensor<1x1x2x1xf64>
  %y = ssm.linear_attention %q, %k, %v causal : tensor<1x1x2x1xf64>, tensor<1x1x2x1xf64>, tensor<1x1x2x1xf64> -> tensor<1x1x2x1xf64>
  %n = ssm.linear_attention %q, %k, %v causal normalize : tensor<1x1x2x1xf64>, tensor<1x1x2x1xf64>, tensor<1x1x2x1xf64> -> tensor<1x1x2x1xf64>
  return %y, %n : tensor<1x1x2x1xf64>, tensor<1x1x2x1xf64>
}

// elu1 of q = (-1, 0.5), k = (0.5, -2): exp(x) below zero, x + 1 above.
// ELU: [5, 5.165513806]
func.func @elu1() -> tensor<1x1x2x1xf64> {
  %q = arith.constant dense<[[[[-1.0], [0.5]]]]> : tensor<1x1x2x1xf64>
  %k = arith.constant dense<[[[[0.5], [-2.0]]]]> : tensor<1x1x2x1xf64>
  %v = arith.constant dense<[[[[5.0], [7.0]]]]> : tensor<1x1x2x1xf64>
  %y = ssm.linear_attention %q, %k, %v causal normalize feature_map elu1 : tensor<1x1x2x1xf64>, tensor<1x1x2x1xf64>, tensor<1x1x2x1xf64> -> tensor<1x1x2x1xf64>
  return %y : tensor<1x1x2x1xf64>
}

// Non-causal Taylor-2: phi(q).phi(k) = 1 + qk + (qk)^2 / 2 over all keys.
// TAYLOR: [116, 217.5]
func.func @taylor2() -> tensor<1x1x2x1xf64> {
  %q = arith.constant dense<[[[[2.0], [3.0]]]]> : tensor<1x1x2x1xf64>
  %k = arith.constant dense<[[[[1.0], [2.0]]]]> : tensor<1x1x2x1xf64>
  %v = arith.constant dense<[[[[5.0], [7.0]]]]> : tensor<1x1x2x1xf64>
  %y = ssm.linear_attention %q, %k, %v feature_map taylor2 : tensor<1x1x2x1xf64>, tensor<1x1x2x1xf64>, tensor<1x1x2x1xf64> -> tensor<1x1x2x1xf64>
  return %y : tensor<1x1x2x1xf64>
}
