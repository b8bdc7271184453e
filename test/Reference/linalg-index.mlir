// Reference semantics of linalg.index in a linalg.generic body: the value
// is the current iteration's coordinate along the given loop.
// RUN: ssm-run %s --entry iota --print-results | FileCheck %s --check-prefix=IOTA
// RUN: ssm-run %s --entry causal_mask --print-results | FileCheck %s --check-prefix=MASK
// RUN: ssm-run %s --entry flat_index --print-results | FileCheck %s --check-prefix=FLAT
// RUN: ssm-run %s --entry masked_scores --print-results | FileCheck %s --check-prefix=SCORES

// iota: y[i] = float(i) through index_cast and sitofp.
// IOTA: result #0: tensor<5xf32> shape 5
// IOTA-NEXT: [0, 1, 2, 3, 4]
func.func @iota() -> tensor<5xf32> {
  %e = tensor.empty() : tensor<5xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>], iterator_types = ["parallel"]}
      outs(%e : tensor<5xf32>) {
  ^bb0(%out: f32):
    %i = linalg.index 0 : index
    %i64 = arith.index_cast %i : index to i64
    %f = arith.sitofp %i64 : i64 to f32
    linalg.yield %f : f32
  } -> tensor<5xf32>
  return %y : tensor<5xf32>
}

// Additive causal mask for L = 3: 0 where key j <= query i, -inf above the
// diagonal.
// MASK: result #0: tensor<3x3xf32> shape 3x3
// MASK-NEXT: [0, -inf, -inf, 0, 0, -inf, 0, 0, 0]
func.func @causal_mask() -> tensor<3x3xf32> {
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %e = tensor.empty() : tensor<3x3xf32>
  %m = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]}
      outs(%e : tensor<3x3xf32>) {
  ^bb0(%out: f32):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %keep = arith.cmpi ule, %j, %i : index
    %v = arith.select %keep, %zero, %ninf : f32
    linalg.yield %v : f32
  } -> tensor<3x3xf32>
  return %m : tensor<3x3xf32>
}

// Both indices of a 2x3 loop nest combined: y[i, j] = 10 i + j, in i32.
// FLAT: result #0: tensor<2x3xi32> shape 2x3
// FLAT-NEXT: [0, 1, 2, 10, 11, 12]
func.func @flat_index() -> tensor<2x3xi32> {
  %e = tensor.empty() : tensor<2x3xi32>
  %y = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]}
      outs(%e : tensor<2x3xi32>) {
  ^bb0(%out: i32):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %c10 = arith.constant 10 : index
    %t = arith.muli %i, %c10 : index
    %s = arith.addi %t, %j : index
    %r = arith.index_cast %s : index to i32
    linalg.yield %r : i32
  } -> tensor<2x3xi32>
  return %y : tensor<2x3xi32>
}

// Causal masking of a score matrix in place with an input: s[i, j] for
// j <= i, else -1e9; scores (1, 2, 3; 4, 5, 6; 7, 8, 9).
// SCORES: result #0: tensor<3x3xf64> shape 3x3
// SCORES-NEXT: [1, -1000000000, -1000000000, 4, 5, -1000000000, 7, 8, 9]
func.func @masked_scores() -> tensor<3x3xf64> {
  %s = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]> : tensor<3x3xf64>
  %big = arith.constant -1.0e9 : f64
  %e = tensor.empty() : tensor<3x3xf64>
  %m = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]}
      ins(%s : tensor<3x3xf64>) outs(%e : tensor<3x3xf64>) {
  ^bb0(%in: f64, %out: f64):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %above = arith.cmpi sgt, %j, %i : index
    %v = arith.select %above, %big, %in : f64
    linalg.yield %v : f64
  } -> tensor<3x3xf64>
  return %m : tensor<3x3xf64>
}
