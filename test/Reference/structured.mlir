// Reference semantics of ssm.monarch and ssm.butterfly on hand-computed
// cases.
// RUN: ssm-run %s --entry monarch --print-results | FileCheck %s --check-prefix=MONARCH
// RUN: ssm-run %s --entry butterfly --print-results | FileCheck %s --check-prefix=BUTTERFLY

// n = 4 = m * k with m = k = 2, x = (1, 2, 3, 4): Z = ((5, 11), (4, 3)),
// then Y[j, b] = sum_a L[j, b, a] Z[a, j] stored at b*k + j.
// MONARCH: [9, 22, 4, 9]
func.func @monarch() -> tensor<4xf64> {
  %x = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf64>
  %R = arith.constant dense<[[[1.0, 2.0], [3.0, 4.0]], [[0.0, 1.0], [1.0, 0.0]]]> : tensor<2x2x2xf64>
  %L = arith.constant dense<[[[1.0, 1.0], [0.0, 1.0]], [[2.0, 0.0], [0.0, 3.0]]]> : tensor<2x2x2xf64>
  %y = ssm.monarch %x, %R, %L : tensor<4xf64>, tensor<2x2x2xf64>, tensor<2x2x2xf64> -> tensor<4xf64>
  return %y : tensor<4xf64>
}

// n = 4: B_0 mixes (0,1) and (2,3), then B_1 mixes (0,2) and (1,3).
// BUTTERFLY: [3, 15, 5, 7]
func.func @butterfly() -> tensor<1x4xf64> {
  %x = arith.constant dense<[[1.0, 2.0, 3.0, 4.0]]> : tensor<1x4xf64>
  %w = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0]], [[1.0, 0.0], [0.0, 1.0]]],
                             [[[0.0, 1.0], [1.0, 0.0]], [[1.0, 1.0], [1.0, -1.0]]]]> : tensor<2x2x2x2xf64>
  %y = ssm.butterfly %x, %w : tensor<1x4xf64>, tensor<2x2x2x2xf64> -> tensor<1x4xf64>
  return %y : tensor<1x4xf64>
}
