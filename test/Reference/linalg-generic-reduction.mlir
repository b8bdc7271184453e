// Reference semantics of linalg.generic with reduction iterators: the output
// element is read back at every reduction step, so the body accumulates onto
// the init value. Covers a row sum, an RMSNorm (mean of squares, rsqrt,
// weight), a numerically stable softmax and a reduction over a middle dim.
// RUN: ssm-run %s --entry row_sum --print-results | FileCheck %s --check-prefix=ROWSUM
// RUN: ssm-run %s --entry rms_norm --print-results | FileCheck %s --check-prefix=RMS
// RUN: ssm-run %s --entry softmax --print-results | FileCheck %s --check-prefix=SOFTMAX
// RUN: ssm-run %s --entry middle_dim --print-results | FileCheck %s --check-prefix=MIDDLE

#rows = affine_map<(i, j) -> (i, j)>
#row = affine_map<(i, j) -> (i)>
#col = affine_map<(i, j) -> (j)>

// Row sums of [[1, 2, 3], [4, -5, 6.5]]: 6 and 5.5.
// ROWSUM: result #0: tensor<2xf64> shape 2
// ROWSUM-NEXT: [6, 5.5]
func.func @row_sum() -> tensor<2xf64> {
  %x = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, -5.0, 6.5]]> : tensor<2x3xf64>
  %zero = arith.constant 0.0 : f64
  %e = tensor.empty() : tensor<2xf64>
  %init = linalg.fill ins(%zero : f64) outs(%e : tensor<2xf64>) -> tensor<2xf64>
  %s = linalg.generic {indexing_maps = [#rows, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<2x3xf64>) outs(%init : tensor<2xf64>) {
  ^bb0(%in: f64, %acc: f64):
    %sum = arith.addf %in, %acc : f64
    linalg.yield %sum : f64
  } -> tensor<2xf64>
  return %s : tensor<2xf64>
}

// RMSNorm over D = 4 with eps = 1e-5: ms = mean(x^2) = (1 + 4 + 9 + 0.25) / 4
// = 3.5625 and (0 + 1/16 + 1 + 4) / 4 = 1.265625; y = x rsqrt(ms + eps) w with
// w = (1, 0.5, 2, -1) (numpy: x / sqrt(ms + eps) * w, rounded to f32).
// RMS: result #0: tensor<2xf32> shape 2
// RMS-NEXT: [3.5625, 1.265625]
// RMS: result #1: tensor<2x4xf32> shape 2x4
// RMS-NEXT: [0.5298122168, -0.5298122168, 3.178873301, -0.2649061084, 0, 0.1111106724, -1.777770758, -1.777770758]
func.func @rms_norm() -> (tensor<2xf32>, tensor<2x4xf32>) {
  %x = arith.constant dense<[[1.0, -2.0, 3.0, 0.5], [0.0, 0.25, -1.0, 2.0]]> : tensor<2x4xf32>
  %w = arith.constant dense<[1.0, 0.5, 2.0, -1.0]> : tensor<4xf32>
  %zero = arith.constant 0.0 : f32
  %inv_d = arith.constant 0.25 : f32
  %eps = arith.constant 1.0e-5 : f32
  %e = tensor.empty() : tensor<2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<2xf32>) -> tensor<2xf32>
  %ms = linalg.generic {indexing_maps = [#rows, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<2x4xf32>) outs(%init : tensor<2xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %sq = arith.mulf %in, %in : f32
    %scaled = arith.mulf %sq, %inv_d : f32
    %sum = arith.addf %acc, %scaled : f32
    linalg.yield %sum : f32
  } -> tensor<2xf32>
  %e2 = tensor.empty() : tensor<2x4xf32>
  %y = linalg.generic {indexing_maps = [#rows, #row, #col, #rows], iterator_types = ["parallel", "parallel"]}
      ins(%x, %ms, %w : tensor<2x4xf32>, tensor<2xf32>, tensor<4xf32>) outs(%e2 : tensor<2x4xf32>) {
  ^bb0(%xi: f32, %m: f32, %wi: f32, %out: f32):
    %me = arith.addf %m, %eps : f32
    %r = math.rsqrt %me : f32
    %n = arith.mulf %xi, %r : f32
    %o = arith.mulf %n, %wi : f32
    linalg.yield %o : f32
  } -> tensor<2x4xf32>
  return %ms, %y : tensor<2xf32>, tensor<2x4xf32>
}

// Softmax over rows with a max reduction (from -inf), a sum of exp(x - max)
// and a normalization: row (1, 2, 3) gives e^(j-2) / (e^-2 + e^-1 + 1); row
// (0, 0, ln 2) gives weights 1, 1, 2 over 4.
// SOFTMAX: result #0: tensor<2x3xf64> shape 2x3
// SOFTMAX-NEXT: [0.09003057317, 0.2447284711, 0.6652409558, 0.25, 0.25, 0.5]
func.func @softmax() -> tensor<2x3xf64> {
  %x = arith.constant dense<[[1.0, 2.0, 3.0], [0.0, 0.0, 0.69314718055994531]]> : tensor<2x3xf64>
  %ninf = arith.constant 0xFFF0000000000000 : f64
  %zero = arith.constant 0.0 : f64
  %e = tensor.empty() : tensor<2xf64>
  %minit = linalg.fill ins(%ninf : f64) outs(%e : tensor<2xf64>) -> tensor<2xf64>
  %max = linalg.generic {indexing_maps = [#rows, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<2x3xf64>) outs(%minit : tensor<2xf64>) {
  ^bb0(%in: f64, %acc: f64):
    %m = arith.maximumf %in, %acc : f64
    linalg.yield %m : f64
  } -> tensor<2xf64>
  %sinit = linalg.fill ins(%zero : f64) outs(%e : tensor<2xf64>) -> tensor<2xf64>
  %sum = linalg.generic {indexing_maps = [#rows, #row, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x, %max : tensor<2x3xf64>, tensor<2xf64>) outs(%sinit : tensor<2xf64>) {
  ^bb0(%in: f64, %m: f64, %acc: f64):
    %d = arith.subf %in, %m : f64
    %p = math.exp %d : f64
    %s = arith.addf %acc, %p : f64
    linalg.yield %s : f64
  } -> tensor<2xf64>
  %e2 = tensor.empty() : tensor<2x3xf64>
  %y = linalg.generic {indexing_maps = [#rows, #row, #row, #rows], iterator_types = ["parallel", "parallel"]}
      ins(%x, %max, %sum : tensor<2x3xf64>, tensor<2xf64>, tensor<2xf64>) outs(%e2 : tensor<2x3xf64>) {
  ^bb0(%in: f64, %m: f64, %s: f64, %out: f64):
    %d = arith.subf %in, %m : f64
    %p = math.exp %d : f64
    %q = arith.divf %p, %s : f64
    linalg.yield %q : f64
  } -> tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

// Sum over the middle dim of x[a, b, c] = 6a + 2b + c (2x3x2), with iterator
// types (parallel, reduction, parallel): (0+2+4, 1+3+5, 6+8+10, 7+9+11).
// MIDDLE: result #0: tensor<2x2xf64> shape 2x2
// MIDDLE-NEXT: [6, 9, 24, 27]
func.func @middle_dim() -> tensor<2x2xf64> {
  %x = arith.constant dense<[[[0.0, 1.0], [2.0, 3.0], [4.0, 5.0]], [[6.0, 7.0], [8.0, 9.0], [10.0, 11.0]]]> : tensor<2x3x2xf64>
  %init = arith.constant dense<0.0> : tensor<2x2xf64>
  %s = linalg.generic {indexing_maps = [affine_map<(a, b, c) -> (a, b, c)>, affine_map<(a, b, c) -> (a, c)>],
                       iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%x : tensor<2x3x2xf64>) outs(%init : tensor<2x2xf64>) {
  ^bb0(%in: f64, %acc: f64):
    %sum = arith.addf %in, %acc : f64
    linalg.yield %sum : f64
  } -> tensor<2x2xf64>
  return %s : tensor<2x2xf64>
}
