// What the reference evaluator refuses: ops outside its set (tensor.splat,
// tensor.from_elements, scf.for, memref, complex ops, math.round), linalg on
// memrefs, bodies it cannot number, external callees, and integer division
// by zero. Each is a diagnostic at the op and a non-zero exit, never a crash
// (`not` fails on a crash).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; np.save('%t/m.npy', np.zeros(4))"
// RUN: not ssm-run %s --entry splat 2>&1 | FileCheck %s --check-prefix=SPLAT
// RUN: not ssm-run %s --entry from_elements 2>&1 | FileCheck %s --check-prefix=FROMELTS
// RUN: not ssm-run %s --entry loop 2>&1 | FileCheck %s --check-prefix=LOOP
// RUN: not ssm-run %s --entry memref_alloc 2>&1 | FileCheck %s --check-prefix=ALLOC
// RUN: not ssm-run %s --entry linalg_on_memref --input %t/m.npy 2>&1 | FileCheck %s --check-prefix=MEMREF
// RUN: not ssm-run %s --entry complex_scalar 2>&1 | FileCheck %s --check-prefix=COMPLEX
// RUN: not ssm-run %s --entry round 2>&1 | FileCheck %s --check-prefix=ROUND
// RUN: not ssm-run %s --entry yield_outside 2>&1 | FileCheck %s --check-prefix=YIELD
// RUN: not ssm-run %s --entry tensor_op_in_body 2>&1 | FileCheck %s --check-prefix=BODY
// RUN: not ssm-run %s --entry external 2>&1 | FileCheck %s --check-prefix=EXTERNAL
// RUN: not ssm-run %s --entry divsi_by_zero 2>&1 | FileCheck %s --check-prefix=DIVSI
// RUN: not ssm-run %s --entry remsi_by_zero 2>&1 | FileCheck %s --check-prefix=REMSI
// RUN: not ssm-run %s --entry divsi_by_zero_in_body 2>&1 | FileCheck %s --check-prefix=DIVBODY
// RUN: not ssm-run %s --entry divsi_by_zero_named 2>&1 | FileCheck %s --check-prefix=DIVNAMED

// tensor.splat is not among the evaluated tensor ops.
// SPLAT: [[@LINE+3]]:8: error: 'tensor.splat' op is not supported by the reference evaluator
func.func @splat() -> tensor<3xf64> {
  %c = arith.constant 1.0 : f64
  %s = tensor.splat %c : tensor<3xf64>
  return %s : tensor<3xf64>
}

// Nor is tensor.from_elements.
// FROMELTS: [[@LINE+3]]:8: error: 'tensor.from_elements' op is not supported by the reference evaluator
func.func @from_elements() -> tensor<2xf64> {
  %c = arith.constant 1.0 : f64
  %t = tensor.from_elements %c, %c : tensor<2xf64>
  return %t : tensor<2xf64>
}

// Region-holding control flow (scf.for) is not evaluated.
// LOOP: [[@LINE+6]]:8: error: 'scf.for' op is not supported by the reference evaluator
func.func @loop() -> f64 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %z = arith.constant 0.0 : f64
  %r = scf.for %i = %c0 to %c4 step %c1 iter_args(%acc = %z) -> f64 {
    %o = arith.constant 1.0 : f64
    %n = arith.addf %acc, %o : f64
    scf.yield %n : f64
  }
  return %r : f64
}

// A linalg op on a buffer: the buffer's memref.alloc is refused first.
// ALLOC: [[@LINE+2]]:8: error: 'memref.alloc' op is not supported by the reference evaluator
func.func @memref_alloc() -> f64 {
  %m = memref.alloc() : memref<4xf64>
  %c = arith.constant 1.0 : f64
  linalg.fill ins(%c : f64) outs(%m : memref<4xf64>)
  %c0 = arith.constant 0 : index
  %v = memref.load %m[%c0] : memref<4xf64>
  return %v : f64
}

// A linalg op on a memref argument: the argument itself is refused.
// MEMREF: [[@LINE+1]]:1: error: argument #0 has unsupported type 'memref<4xf64>'
func.func @linalg_on_memref(%m: memref<4xf64>) -> f64 {
  %c = arith.constant 1.0 : f64
  linalg.fill ins(%c : f64) outs(%m : memref<4xf64>)
  return %c : f64
}

// complex dialect ops are not evaluated (complex values only flow into ssm ops).
// COMPLEX: [[@LINE+2]]:8: error: 'complex.constant' op is not supported by the reference evaluator
func.func @complex_scalar() -> f64 {
  %c = complex.constant [1.0, 2.0] : complex<f64>
  %r = complex.re %c : complex<f64>
  return %r : f64
}

// math.round is outside the evaluated math subset.
// ROUND: [[@LINE+3]]:8: error: 'math.round' op is not supported by the reference evaluator
func.func @round() -> tensor<2xf64> {
  %x = arith.constant dense<[0.5, 1.5]> : tensor<2xf64>
  %r = math.round %x : tensor<2xf64>
  return %r : tensor<2xf64>
}

// A body that yields a value defined outside it.
// YIELD: [[@LINE+6]]:5: error: 'linalg.yield' op yields a value from outside the body; not supported by the reference evaluator
func.func @yield_outside() -> tensor<2xf64> {
  %c = arith.constant 3.0 : f64
  %e = tensor.empty() : tensor<2xf64>
  %y = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>], iterator_types = ["parallel"]} outs(%e : tensor<2xf64>) {
  ^bb0(%out: f64):
    linalg.yield %c : f64
  } -> tensor<2xf64>
  return %y : tensor<2xf64>
}

// A tensor op other than a gather (tensor.extract) inside a linalg body.
// BODY: [[@LINE+6]]:10: error: 'tensor.from_elements' op is not supported in a linalg body by the reference evaluator
func.func @tensor_op_in_body() -> tensor<2xf64> {
  %e = tensor.empty() : tensor<2xf64>
  %y = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>], iterator_types = ["parallel"]} outs(%e : tensor<2xf64>) {
  ^bb0(%out: f64):
    %i = linalg.index 0 : index
    %t = tensor.from_elements %out, %out : tensor<2xf64>
    %v = tensor.extract %t[%i] : tensor<2xf64>
    linalg.yield %v : f64
  } -> tensor<2xf64>
  return %y : tensor<2xf64>
}

// A call to a declaration without a body.
// EXTERNAL: [[@LINE+1]]:1: error: cannot evaluate external function @ext
func.func private @ext(f64) -> f64
func.func @external() -> f64 {
  %c = arith.constant 1.0 : f64
  %r = func.call @ext(%c) : (f64) -> f64
  return %r : f64
}

// Scalar 7 / 0 in arith.divsi.
// DIVSI: [[@LINE+4]]:8: error: 'arith.divsi' op divides an integer by zero
func.func @divsi_by_zero() -> i32 {
  %a = arith.constant 7 : i32
  %z = arith.constant 0 : i32
  %r = arith.divsi %a, %z : i32
  return %r : i32
}

// Elementwise (7, 8) rem (2, 0): the second element divides by zero.
// REMSI: [[@LINE+4]]:8: error: 'arith.remsi' op divides an integer by zero
func.func @remsi_by_zero() -> tensor<2xi32> {
  %a = arith.constant dense<[7, 8]> : tensor<2xi32>
  %z = arith.constant dense<[2, 0]> : tensor<2xi32>
  %r = arith.remsi %a, %z : tensor<2xi32>
  return %r : tensor<2xi32>
}

// arith.divsi by zero inside a linalg.generic body.
// DIVBODY: [[@LINE+7]]:10: error: 'arith.divsi' op divides an integer by zero
func.func @divsi_by_zero_in_body() -> tensor<2xi32> {
  %a = arith.constant dense<[7, 8]> : tensor<2xi32>
  %z = arith.constant dense<[2, 0]> : tensor<2xi32>
  %e = tensor.empty() : tensor<2xi32>
  %r = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]} ins(%a, %z : tensor<2xi32>, tensor<2xi32>) outs(%e : tensor<2xi32>) {
  ^bb0(%x: i32, %y: i32, %out: i32):
    %q = arith.divsi %x, %y : i32
    linalg.yield %q : i32
  } -> tensor<2xi32>
  return %r : tensor<2xi32>
}

// The same through the named linalg.div on i32 (its body is arith.divsi,
// which has no location of its own, so the error points at linalg.div).
// DIVNAMED: [[@LINE+5]]:8: error: 'linalg.div' op body: 'arith.divsi' divides an integer by zero
func.func @divsi_by_zero_named() -> tensor<2xi32> {
  %a = arith.constant dense<[7, 8]> : tensor<2xi32>
  %z = arith.constant dense<[2, 0]> : tensor<2xi32>
  %e = tensor.empty() : tensor<2xi32>
  %r = linalg.div ins(%a, %z : tensor<2xi32>, tensor<2xi32>) outs(%e : tensor<2xi32>) -> tensor<2xi32>
  return %r : tensor<2xi32>
}
