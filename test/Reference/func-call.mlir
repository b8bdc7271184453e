// Reference semantics of func.call: a private helper called twice with
// different arguments, calls nested three deep, a callee with two results,
// and unbounded recursion stopped at the evaluator's call depth.
// RUN: ssm-run %s --entry call_twice --print-results | FileCheck %s --check-prefix=TWICE
// RUN: ssm-run %s --entry nested --print-results | FileCheck %s --check-prefix=NESTED
// RUN: ssm-run %s --entry two_results --print-results | FileCheck %s --check-prefix=TWO
// RUN: not ssm-run %s --entry recurse 2>&1 | FileCheck %s --check-prefix=RECURSE

// a x + b with scalar a, b broadcast by a linalg.generic.
func.func private @affine(%x: tensor<3xf64>, %a: f64, %b: f64) -> tensor<3xf64> {
  %e = tensor.empty() : tensor<3xf64>
  %y = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]}
      ins(%x : tensor<3xf64>) outs(%e : tensor<3xf64>) {
  ^bb0(%in: f64, %out: f64):
    %m = arith.mulf %a, %in : f64
    %s = arith.addf %m, %b : f64
    linalg.yield %s : f64
  } -> tensor<3xf64>
  return %y : tensor<3xf64>
}

// x = (1, -2, 0.5); y1 = 2 x + 1 = (3, -3, 2); y2 = 0.5 y1 - 1 = (0.5, -2.5, 0).
// TWICE: result #0: tensor<3xf64> shape 3
// TWICE-NEXT: [3, -3, 2]
// TWICE-NEXT: result #1: tensor<3xf64> shape 3
// TWICE-NEXT: [0.5, -2.5, 0]
func.func @call_twice() -> (tensor<3xf64>, tensor<3xf64>) {
  %x = arith.constant dense<[1.0, -2.0, 0.5]> : tensor<3xf64>
  %two = arith.constant 2.0 : f64
  %one = arith.constant 1.0 : f64
  %half = arith.constant 0.5 : f64
  %mone = arith.constant -1.0 : f64
  %y1 = func.call @affine(%x, %two, %one) : (tensor<3xf64>, f64, f64) -> tensor<3xf64>
  %y2 = func.call @affine(%y1, %half, %mone) : (tensor<3xf64>, f64, f64) -> tensor<3xf64>
  return %y1, %y2 : tensor<3xf64>, tensor<3xf64>
}

func.func private @inner(%x: tensor<3xf64>) -> tensor<3xf64> {
  %y = arith.mulf %x, %x : tensor<3xf64>
  return %y : tensor<3xf64>
}

func.func private @middle(%x: tensor<3xf64>) -> tensor<3xf64> {
  %sq = func.call @inner(%x) : (tensor<3xf64>) -> tensor<3xf64>
  %y = arith.addf %sq, %x : tensor<3xf64>
  return %y : tensor<3xf64>
}

func.func private @outer(%x: tensor<3xf64>) -> tensor<3xf64> {
  %m = func.call @middle(%x) : (tensor<3xf64>) -> tensor<3xf64>
  %m2 = arith.addf %m, %m : tensor<3xf64>
  %sq = func.call @inner(%x) : (tensor<3xf64>) -> tensor<3xf64>
  %y = arith.addf %m2, %sq : tensor<3xf64>
  return %y : tensor<3xf64>
}

// outer(x) = 2 (x^2 + x) + x^2 = 3 x^2 + 2 x on (1, -2, 0.5): (5, 8, 1.75).
// NESTED: result #0: tensor<3xf64> shape 3
// NESTED-NEXT: [5, 8, 1.75]
func.func @nested() -> tensor<3xf64> {
  %x = arith.constant dense<[1.0, -2.0, 0.5]> : tensor<3xf64>
  %y = func.call @outer(%x) : (tensor<3xf64>) -> tensor<3xf64>
  return %y : tensor<3xf64>
}

func.func private @plus_minus_one(%x: tensor<3xf64>) -> (tensor<3xf64>, tensor<3xf64>) {
  %one = arith.constant dense<1.0> : tensor<3xf64>
  %p = arith.addf %x, %one : tensor<3xf64>
  %m = arith.subf %x, %one : tensor<3xf64>
  return %p, %m : tensor<3xf64>, tensor<3xf64>
}

// Both results of one call: x + 1, x - 1, and their product x^2 - 1.
// TWO: result #0: tensor<3xf64> shape 3
// TWO-NEXT: [2, -1, 1.5]
// TWO-NEXT: result #1: tensor<3xf64> shape 3
// TWO-NEXT: [0, -3, -0.5]
// TWO-NEXT: result #2: tensor<3xf64> shape 3
// TWO-NEXT: [0, 3, -0.75]
func.func @two_results() -> (tensor<3xf64>, tensor<3xf64>, tensor<3xf64>) {
  %x = arith.constant dense<[1.0, -2.0, 0.5]> : tensor<3xf64>
  %p, %m = func.call @plus_minus_one(%x) : (tensor<3xf64>) -> (tensor<3xf64>, tensor<3xf64>)
  %q = arith.mulf %p, %m : tensor<3xf64>
  return %p, %m, %q : tensor<3xf64>, tensor<3xf64>, tensor<3xf64>
}

// A function that always calls itself fails cleanly at the depth limit.
// RECURSE: error: 'func.call' op exceeds the reference evaluator's call depth of 64
func.func @recurse() -> f64 {
  %y = func.call @recurse() : () -> f64
  return %y : f64
}
