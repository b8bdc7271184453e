// Reference semantics of linalg.map: the body maps the inputs' elements at
// each index to the output element (the init's block argument is unused).
// RUN: ssm-run %s --entry binary --print-results | FileCheck %s --check-prefix=BINARY
// RUN: ssm-run %s --entry short_form --print-results | FileCheck %s --check-prefix=SHORT
// RUN: ssm-run %s --entry captured --print-results | FileCheck %s --check-prefix=CAPTURED

// 2 x + y with a constant inside the body: x = (1, -2, 0.5, 3), y = (0.25, 1, -1, 2).
// BINARY: result #0: tensor<4xf64> shape 4
// BINARY-NEXT: [2.25, -3, 0, 8]
func.func @binary() -> tensor<4xf64> {
  %x = arith.constant dense<[1.0, -2.0, 0.5, 3.0]> : tensor<4xf64>
  %y = arith.constant dense<[0.25, 1.0, -1.0, 2.0]> : tensor<4xf64>
  %e = tensor.empty() : tensor<4xf64>
  %r = linalg.map ins(%x, %y : tensor<4xf64>, tensor<4xf64>) outs(%e : tensor<4xf64>)
    (%a: f64, %b: f64, %out: f64) {
      %two = arith.constant 2.0 : f64
      %t = arith.mulf %a, %two : f64
      %s = arith.addf %t, %b : f64
      linalg.yield %s : f64
    }
  return %r : tensor<4xf64>
}

// The short form `{ math.exp }` on (0, 1, -1): 1, e, 1/e.
// SHORT: result #0: tensor<3xf64> shape 3
// SHORT-NEXT: [1, 2.718281828, 0.3678794412]
func.func @short_form() -> tensor<3xf64> {
  %x = arith.constant dense<[0.0, 1.0, -1.0]> : tensor<3xf64>
  %e = tensor.empty() : tensor<3xf64>
  %r = linalg.map { math.exp } ins(%x : tensor<3xf64>) outs(%e : tensor<3xf64>)
  return %r : tensor<3xf64>
}

// x > y ? x : 0.5 y with the 0.5 captured from the enclosing function:
// (1 > 0.25) -> 1, (-2 < 1) -> 0.5, (0.5 > -1) -> 0.5, (3 > 2) -> 3.
// CAPTURED: result #0: tensor<4xf64> shape 4
// CAPTURED-NEXT: [1, 0.5, 0.5, 3]
func.func @captured() -> tensor<4xf64> {
  %x = arith.constant dense<[1.0, -2.0, 0.5, 3.0]> : tensor<4xf64>
  %y = arith.constant dense<[0.25, 1.0, -1.0, 2.0]> : tensor<4xf64>
  %half = arith.constant 0.5 : f64
  %e = tensor.empty() : tensor<4xf64>
  %r = linalg.map ins(%x, %y : tensor<4xf64>, tensor<4xf64>) outs(%e : tensor<4xf64>)
    (%a: f64, %b: f64, %out: f64) {
      %gt = arith.cmpf ogt, %a, %b : f64
      %hb = arith.mulf %b, %half : f64
      %s = arith.select %gt, %a, %hb : f64
      linalg.yield %s : f64
    }
  return %r : tensor<4xf64>
}
