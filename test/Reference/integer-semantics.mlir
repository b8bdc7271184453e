// Integer and signed-zero semantics of arith in the reference evaluator:
// integers wrap to their width, unsigned ops read the unsigned value, i1 is
// 0/1, integer results are never -0, and maximumf orders -0 below +0.
// RUN: ssm-run %s --entry integers --print-results | FileCheck %s --check-prefix=INT
// RUN: ssm-run %s --entry body_i1 --print-results | FileCheck %s --check-prefix=BODY
// RUN: %python -c "import numpy as np; np.save('%t.u.npy', np.ones((2, 3, 2)))"
// RUN: not ssm-run %s --entry result_shape --input %t.u.npy 2>&1 | FileCheck %s --check-prefix=SHAPE

// -3 stays -3 (not its unsigned 64-bit reading); -3 + 5 = 2; i8 127 + 1
// wraps to -128; fptosi(-0.5) is 0, so 1 / sitofp(0) is +inf; uitofp of i32
// -1 is 2^32 - 1; maximumf(-0, +0) = +0; -1 <u 1 is false for i32.
// INT: [-3]
// INT-NEXT: result #1
// INT-NEXT: [2]
// INT-NEXT: result #2
// INT-NEXT: [-128]
// INT-NEXT: result #3
// INT-NEXT: [0]
// INT-NEXT: result #4
// INT-NEXT: [4294967295]
// INT-NEXT: result #5
// INT-NEXT: [0]
// INT-NEXT: result #6
// INT-NEXT: [0]
// INT-NEXT: result #7
// INT-NEXT: [inf]
func.func @integers() -> (i32, i32, i8, i32, f64, f64, i1, f64) {
  %a = arith.constant -3 : i32
  %b = arith.constant 5 : i32
  %c = arith.addi %a, %b : i32
  %m = arith.constant 127 : i8
  %o = arith.constant 1 : i8
  %w = arith.addi %m, %o : i8
  %n1 = arith.constant -1 : i32
  %u = arith.uitofp %n1 : i32 to f64
  %z = arith.constant -0.0 : f64
  %p = arith.constant 0.0 : f64
  %mx = arith.maximumf %z, %p : f64
  %one = arith.constant 1 : i32
  %lt = arith.cmpi ult, %n1, %one : i32
  %h = arith.constant -0.5 : f64
  %fi = arith.fptosi %h : f64 to i32
  %fs = arith.sitofp %fi : i32 to f64
  %one_f = arith.constant 1.0 : f64
  %inv = arith.divf %one_f, %fs : f64
  return %a, %c, %w, %fi, %u, %mx, %lt, %inv : i32, i32, i8, i32, f64, f64, i1, f64
}

// `arith.constant true` in a linalg body is 1, so extui gives 1 (not -1).
// BODY: [1, 1]
#id = affine_map<(i) -> (i)>
func.func @body_i1() -> tensor<2xi32> {
  %e = tensor.empty() : tensor<2xi32>
  %r = linalg.generic {indexing_maps = [#id], iterator_types = ["parallel"]} outs(%e : tensor<2xi32>) {
  ^bb0(%out: i32):
    %t = arith.constant true
    %x = arith.extui %t : i1 to i32
    linalg.yield %x : i32
  } -> tensor<2xi32>
  return %r : tensor<2xi32>
}

// A declared static result size that the run-time shape contradicts.
// SHAPE: error: 'ssm.short_conv' op result #0 has type 'tensor<1x3x2xf64>' but its run-time shape is 2x3x2
func.func @result_shape(%u: tensor<?x3x2xf64>) -> tensor<1x3x2xf64> {
  %w = arith.constant dense<1.0> : tensor<2x1xf64>
  %y = ssm.short_conv %u, %w : (tensor<?x3x2xf64>, tensor<2x1xf64>) -> tensor<1x3x2xf64>
  return %y : tensor<1x3x2xf64>
}
