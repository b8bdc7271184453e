// Reference semantics of ssm.attention: with q = 0 every kept key has the
// same weight, so outputs are means of the kept values (v = 1, 2, 3).
// RUN: ssm-run %s --entry full --print-results | FileCheck %s --check-prefix=FULL
// RUN: ssm-run %s --entry causal --print-results | FileCheck %s --check-prefix=CAUSAL
// RUN: ssm-run %s --entry window --print-results | FileCheck %s --check-prefix=WINDOW
// RUN: ssm-run %s --entry more_queries --print-results | FileCheck %s --check-prefix=EMPTY
// RUN: ssm-run %s --entry softmax --print-results | FileCheck %s --check-prefix=SOFTMAX

// FULL: [2, 2, 2]
func.func @full() -> tensor<1x1x3x1xf64> {
  %q = arith.constant dense<0.0> : tensor<1x1x3x1xf64>
  %v = arith.constant dense<[[[[1.0], [2.0], [3.0]]]]> : tensor<1x1x3x1xf64>
  %y = ssm.attention %q, %v, %v : tensor<1x1x3x1xf64>, tensor<1x1x3x1xf64>, tensor<1x1x3x1xf64> -> tensor<1x1x3x1xf64>
  return %y : tensor<1x1x3x1xf64>
}

// Query i sees keys 0..i; two query heads share one key/value head.
// CAUSAL: [1, 1.5, 2, 1, 1.5, 2]
func.func @causal() -> tensor<1x2x3x1xf64> {
  %q = arith.constant dense<0.0> : tensor<1x2x3x1xf64>
  %v = arith.constant dense<[[[[1.0], [2.0], [3.0]]]]> : tensor<1x1x3x1xf64>
  %y = ssm.attention %q, %v, %v causal : tensor<1x2x3x1xf64>, tensor<1x1x3x1xf64>, tensor<1x1x3x1xf64> -> tensor<1x2x3x1xf64>
  return %y : tensor<1x2x3x1xf64>
}

// Window 2 keeps keys i-1 and i.
// WINDOW: [1, 1.5, 2.5]
func.func @window() -> tensor<1x1x3x1xf64> {
  %q = arith.constant dense<0.0> : tensor<1x1x3x1xf64>
  %v = arith.constant dense<[[[[1.0], [2.0], [3.0]]]]> : tensor<1x1x3x1xf64>
  %y = ssm.attention %q, %v, %v causal window 2 : tensor<1x1x3x1xf64>, tensor<1x1x3x1xf64>, tensor<1x1x3x1xf64> -> tensor<1x1x3x1xf64>
  return %y : tensor<1x1x3x1xf64>
}

// Lq = 3 > Lk = 2, bottom-right aligned: query 0 sees no key and yields 0.
// EMPTY: [0, 1, 1.5]
func.func @more_queries() -> tensor<1x1x3x1xf64> {
  %q = arith.constant dense<0.0> : tensor<1x1x3x1xf64>
  %v = arith.constant dense<[[[[1.0], [2.0]]]]> : tensor<1x1x2x1xf64>
  %y = ssm.attention %q, %v, %v causal : tensor<1x1x3x1xf64>, tensor<1x1x2x1xf64>, tensor<1x1x2x1xf64> -> tensor<1x1x3x1xf64>
  return %y : tensor<1x1x3x1xf64>
}

// One query [1, 0], keys [1, 0] and [0, 1], values 10 and 20, scale 2:
// weights e^2/(e^2+1) and 1/(e^2+1).
// SOFTMAX: [11.19202922]
func.func @softmax() -> tensor<1x1x1x1xf64> {
  %q = arith.constant dense<[[[[1.0, 0.0]]]]> : tensor<1x1x1x2xf64>
  %k = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0]]]]> : tensor<1x1x2x2xf64>
  %v = arith.constant dense<[[[[10.0], [20.0]]]]> : tensor<1x1x2x1xf64>
  %y = ssm.attention %q, %k, %v scale 2.0 : tensor<1x1x1x2xf64>, tensor<1x1x2x2xf64>, tensor<1x1x2x1xf64> -> tensor<1x1x1x1xf64>
  return %y : tensor<1x1x1x1xf64>
}
