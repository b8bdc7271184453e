// Reference semantics of LLVM 22's named elementwise linalg ops (linalg.add,
// linalg.exp, ...) and of linalg.elementwise, each evaluated from the scalar
// body the op builds (arith.addf, math.exp, ...).
// RUN: ssm-run %s --entry binary --print-results | FileCheck %s --check-prefix=BINARY
// RUN: ssm-run %s --entry unary --print-results | FileCheck %s --check-prefix=UNARY
// RUN: ssm-run %s --entry rounding --print-results | FileCheck %s --check-prefix=ROUND
// RUN: ssm-run %s --entry elementwise_kind --print-results | FileCheck %s --check-prefix=KIND

// Binary ops on a = (1, 4, 0.25, 9), b = (2, -1, 0.5, 3), in the order add,
// sub, mul, div, max, min, powf (a^b: 1, 1/4, sqrt(1/4), 9^3).
// BINARY: result #0: tensor<4xf64> shape 4
// BINARY-NEXT: [3, 3, 0.75, 12]
// BINARY: result #1: tensor<4xf64> shape 4
// BINARY-NEXT: [-1, 5, -0.25, 6]
// BINARY: result #2: tensor<4xf64> shape 4
// BINARY-NEXT: [2, -4, 0.125, 27]
// BINARY: result #3: tensor<4xf64> shape 4
// BINARY-NEXT: [0.5, -4, 0.5, 3]
// BINARY: result #4: tensor<4xf64> shape 4
// BINARY-NEXT: [2, 4, 0.5, 9]
// BINARY: result #5: tensor<4xf64> shape 4
// BINARY-NEXT: [1, -1, 0.25, 3]
// BINARY: result #6: tensor<4xf64> shape 4
// BINARY-NEXT: [1, 0.25, 0.5, 729]
func.func @binary() -> (tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>) {
  %a = arith.constant dense<[1.0, 4.0, 0.25, 9.0]> : tensor<4xf64>
  %b = arith.constant dense<[2.0, -1.0, 0.5, 3.0]> : tensor<4xf64>
  %e = tensor.empty() : tensor<4xf64>
  %add = linalg.add ins(%a, %b : tensor<4xf64>, tensor<4xf64>) outs(%e : tensor<4xf64>) -> tensor<4xf64>
  %sub = linalg.sub ins(%a, %b : tensor<4xf64>, tensor<4xf64>) outs(%e : tensor<4xf64>) -> tensor<4xf64>
  %mul = linalg.mul ins(%a, %b : tensor<4xf64>, tensor<4xf64>) outs(%e : tensor<4xf64>) -> tensor<4xf64>
  %div = linalg.div ins(%a, %b : tensor<4xf64>, tensor<4xf64>) outs(%e : tensor<4xf64>) -> tensor<4xf64>
  %max = linalg.max ins(%a, %b : tensor<4xf64>, tensor<4xf64>) outs(%e : tensor<4xf64>) -> tensor<4xf64>
  %min = linalg.min ins(%a, %b : tensor<4xf64>, tensor<4xf64>) outs(%e : tensor<4xf64>) -> tensor<4xf64>
  %pow = linalg.powf ins(%a, %b : tensor<4xf64>, tensor<4xf64>) outs(%e : tensor<4xf64>) -> tensor<4xf64>
  return %add, %sub, %mul, %div, %max, %min, %pow : tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>
}

// Unary ops: sqrt, rsqrt, reciprocal, square, log of a = (1, 4, 0.25, 9);
// exp, abs, negf, tanh, erf of b = (2, -1, 0.5, 3).
// UNARY: result #0: tensor<4xf64> shape 4
// UNARY-NEXT: [1, 2, 0.5, 3]
// UNARY: result #1: tensor<4xf64> shape 4
// UNARY-NEXT: [1, 0.5, 2, 0.3333333333]
// UNARY: result #2: tensor<4xf64> shape 4
// UNARY-NEXT: [1, 0.25, 4, 0.1111111111]
// UNARY: result #3: tensor<4xf64> shape 4
// UNARY-NEXT: [1, 16, 0.0625, 81]
// UNARY: result #4: tensor<4xf64> shape 4
// UNARY-NEXT: [0, 1.386294361, -1.386294361, 2.197224577]
// UNARY: result #5: tensor<4xf64> shape 4
// UNARY-NEXT: [7.389056099, 0.3678794412, 1.648721271, 20.08553692]
// UNARY: result #6: tensor<4xf64> shape 4
// UNARY-NEXT: [2, 1, 0.5, 3]
// UNARY: result #7: tensor<4xf64> shape 4
// UNARY-NEXT: [-2, 1, -0.5, -3]
// UNARY: result #8: tensor<4xf64> shape 4
// UNARY-NEXT: [0.9640275801, -0.761594156, 0.4621171573, 0.9950547537]
// UNARY: result #9: tensor<4xf64> shape 4
// UNARY-NEXT: [0.995322265, -0.8427007929, 0.5204998778, 0.9999779095]
func.func @unary() -> (tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>) {
  %a = arith.constant dense<[1.0, 4.0, 0.25, 9.0]> : tensor<4xf64>
  %b = arith.constant dense<[2.0, -1.0, 0.5, 3.0]> : tensor<4xf64>
  %e = tensor.empty() : tensor<4xf64>
  %sqrt = linalg.sqrt ins(%a : tensor<4xf64>) outs(%e : tensor<4xf64>) -> tensor<4xf64>
  %rsqrt = linalg.rsqrt ins(%a : tensor<4xf64>) outs(%e : tensor<4xf64>) -> tensor<4xf64>
  %recip = linalg.reciprocal ins(%a : tensor<4xf64>) outs(%e : tensor<4xf64>) -> tensor<4xf64>
  %square = linalg.square ins(%a : tensor<4xf64>) outs(%e : tensor<4xf64>) -> tensor<4xf64>
  %log = linalg.log ins(%a : tensor<4xf64>) outs(%e : tensor<4xf64>) -> tensor<4xf64>
  %exp = linalg.exp ins(%b : tensor<4xf64>) outs(%e : tensor<4xf64>) -> tensor<4xf64>
  %abs = linalg.abs ins(%b : tensor<4xf64>) outs(%e : tensor<4xf64>) -> tensor<4xf64>
  %neg = linalg.negf ins(%b : tensor<4xf64>) outs(%e : tensor<4xf64>) -> tensor<4xf64>
  %tanh = linalg.tanh ins(%b : tensor<4xf64>) outs(%e : tensor<4xf64>) -> tensor<4xf64>
  %erf = linalg.erf ins(%b : tensor<4xf64>) outs(%e : tensor<4xf64>) -> tensor<4xf64>
  return %sqrt, %rsqrt, %recip, %square, %log, %exp, %abs, %neg, %tanh, %erf : tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>
}

// floor and ceil of (-1.5, 0.5, 2.7, -0.2); ceil(-0.2) is -0.
// ROUND: result #0: tensor<4xf64> shape 4
// ROUND-NEXT: [-2, 0, 2, -1]
// ROUND: result #1: tensor<4xf64> shape 4
// ROUND-NEXT: [-1, 1, 3, -0]
func.func @rounding() -> (tensor<4xf64>, tensor<4xf64>) {
  %c = arith.constant dense<[-1.5, 0.5, 2.7, -0.2]> : tensor<4xf64>
  %e = tensor.empty() : tensor<4xf64>
  %floor = linalg.floor ins(%c : tensor<4xf64>) outs(%e : tensor<4xf64>) -> tensor<4xf64>
  %ceil = linalg.ceil ins(%c : tensor<4xf64>) outs(%e : tensor<4xf64>) -> tensor<4xf64>
  return %floor, %ceil : tensor<4xf64>, tensor<4xf64>
}

// linalg.elementwise: kind<add> with a broadcast map adds the row (10, 20, 30)
// to each row of [[1, 2, 3], [4, 5, 6]]; kind<exp> in f32 gives
// exp(+-0.5) rounded to f32.
// KIND: result #0: tensor<2x3xf32> shape 2x3
// KIND-NEXT: [11, 22, 33, 14, 25, 36]
// KIND: result #1: tensor<2xf32> shape 2
// KIND-NEXT: [1.648721218, 0.6065306664]
func.func @elementwise_kind() -> (tensor<2x3xf32>, tensor<2xf32>) {
  %m = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %r = arith.constant dense<[10.0, 20.0, 30.0]> : tensor<3xf32>
  %e = tensor.empty() : tensor<2x3xf32>
  %sum = linalg.elementwise kind=#linalg.elementwise_kind<add>
           indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>,
                            affine_map<(d0, d1) -> (d1)>,
                            affine_map<(d0, d1) -> (d0, d1)>]
           ins(%m, %r : tensor<2x3xf32>, tensor<3xf32>) outs(%e : tensor<2x3xf32>) -> tensor<2x3xf32>
  %x = arith.constant dense<[0.5, -0.5]> : tensor<2xf32>
  %e2 = tensor.empty() : tensor<2xf32>
  %exp = linalg.elementwise kind=#linalg.elementwise_kind<exp>
           ins(%x : tensor<2xf32>) outs(%e2 : tensor<2xf32>) -> tensor<2xf32>
  return %sum, %exp : tensor<2x3xf32>, tensor<2xf32>
}
