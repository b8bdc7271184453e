// Reference semantics of elementwise linalg.generic bodies written with
// arith/math: SiLU and softplus activations, a scalar captured from the
// enclosing function, several yielded results, and a broadcast operand.
// RUN: ssm-run %s --entry silu --print-results | FileCheck %s --check-prefix=SILU
// RUN: ssm-run %s --entry softplus --print-results | FileCheck %s --check-prefix=SOFTPLUS
// RUN: ssm-run %s --entry softplus_beta --print-results | FileCheck %s --check-prefix=BETA
// RUN: ssm-run %s --entry two_results --print-results | FileCheck %s --check-prefix=TWO
// RUN: ssm-run %s --entry extracted_scale --print-results | FileCheck %s --check-prefix=EXTRACT

#id = affine_map<(d0) -> (d0)>

// silu(x) = x / (1 + exp(-x)) on (-2, -0.5, 0, 1, 3), computed in f64 and
// printed rounded to f32.
// SILU: result #0: tensor<5xf32> shape 5
// SILU-NEXT: [-0.2384058386, -0.1887703389, 0, 0.7310585976, 2.857722282]
func.func @silu() -> tensor<5xf32> {
  %x = arith.constant dense<[-2.0, -0.5, 0.0, 1.0, 3.0]> : tensor<5xf32>
  %e = tensor.empty() : tensor<5xf32>
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<5xf32>) outs(%e : tensor<5xf32>) {
  ^bb0(%in: f32, %out: f32):
    %one = arith.constant 1.0 : f32
    %neg = arith.negf %in : f32
    %exp = math.exp %neg : f32
    %den = arith.addf %one, %exp : f32
    %silu = arith.divf %in, %den : f32
    linalg.yield %silu : f32
  } -> tensor<5xf32>
  return %y : tensor<5xf32>
}

// softplus(x) = log1p(exp(x)); softplus(0) = ln 2.
// SOFTPLUS: result #0: tensor<5xf64> shape 5
// SOFTPLUS-NEXT: [0.126928011, 0.4740769842, 0.6931471806, 1.313261688, 3.048587352]
func.func @softplus() -> tensor<5xf64> {
  %x = arith.constant dense<[-2.0, -0.5, 0.0, 1.0, 3.0]> : tensor<5xf64>
  %e = tensor.empty() : tensor<5xf64>
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<5xf64>) outs(%e : tensor<5xf64>) {
  ^bb0(%in: f64, %out: f64):
    %exp = math.exp %in : f64
    %sp = math.log1p %exp : f64
    linalg.yield %sp : f64
  } -> tensor<5xf64>
  return %y : tensor<5xf64>
}

// softplus with beta = 2 captured from outside the body:
// log1p(exp(2 x)) / 2; at 0 it is ln(2) / 2.
// BETA: result #0: tensor<5xf64> shape 5
// BETA-NEXT: [0.009074963959, 0.1566308438, 0.3465735903, 1.063464006, 3.001237843]
func.func @softplus_beta() -> tensor<5xf64> {
  %x = arith.constant dense<[-2.0, -0.5, 0.0, 1.0, 3.0]> : tensor<5xf64>
  %beta = arith.constant 2.0 : f64
  %e = tensor.empty() : tensor<5xf64>
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<5xf64>) outs(%e : tensor<5xf64>) {
  ^bb0(%in: f64, %out: f64):
    %bx = arith.mulf %beta, %in : f64
    %exp = math.exp %bx : f64
    %lp = math.log1p %exp : f64
    %sp = arith.divf %lp, %beta : f64
    linalg.yield %sp : f64
  } -> tensor<5xf64>
  return %y : tensor<5xf64>
}

// One body yielding silu(x) and sigmoid(x) = 1 / (1 + exp(-x)) to two outputs.
// TWO: result #0: tensor<5xf64> shape 5
// TWO-NEXT: [-0.238405844, -0.1887703344, 0, 0.7310585786, 2.85772238]
// TWO: result #1: tensor<5xf64> shape 5
// TWO-NEXT: [0.119202922, 0.3775406688, 0.5, 0.7310585786, 0.9525741268]
func.func @two_results() -> (tensor<5xf64>, tensor<5xf64>) {
  %x = arith.constant dense<[-2.0, -0.5, 0.0, 1.0, 3.0]> : tensor<5xf64>
  %e = tensor.empty() : tensor<5xf64>
  %y:2 = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<5xf64>) outs(%e, %e : tensor<5xf64>, tensor<5xf64>) {
  ^bb0(%in: f64, %o0: f64, %o1: f64):
    %one = arith.constant 1.0 : f64
    %neg = arith.negf %in : f64
    %exp = math.exp %neg : f64
    %den = arith.addf %one, %exp : f64
    %sig = arith.divf %one, %den : f64
    %silu = arith.mulf %in, %sig : f64
    linalg.yield %silu, %sig : f64, f64
  } -> (tensor<5xf64>, tensor<5xf64>)
  return %y#0, %y#1 : tensor<5xf64>, tensor<5xf64>
}

// y[i, j] = d[i, j] * s[j] * k with s broadcast along rows and k = 3 taken by
// tensor.extract from (2, 3, 4) outside the body; 0 * -1 * 3 is -0.
// EXTRACT: result #0: tensor<2x3xf64> shape 2x3
// EXTRACT-NEXT: [1.5, -6, 18, -1.5, -0, 24]
func.func @extracted_scale() -> tensor<2x3xf64> {
  %d = arith.constant dense<[[1.0, 2.0, 3.0], [-1.0, 0.0, 4.0]]> : tensor<2x3xf64>
  %s = arith.constant dense<[0.5, -1.0, 2.0]> : tensor<3xf64>
  %t = arith.constant dense<[2.0, 3.0, 4.0]> : tensor<3xf64>
  %c1 = arith.constant 1 : index
  %k = tensor.extract %t[%c1] : tensor<3xf64>
  %e = tensor.empty() : tensor<2x3xf64>
  %y = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (j)>, affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%d, %s : tensor<2x3xf64>, tensor<3xf64>) outs(%e : tensor<2x3xf64>) {
  ^bb0(%a: f64, %b: f64, %out: f64):
    %p = arith.mulf %a, %b : f64
    %q = arith.mulf %p, %k : f64
    linalg.yield %q : f64
  } -> tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}
