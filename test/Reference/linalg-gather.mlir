// Reference semantics of a gather: tensor.extract of a tensor from the
// enclosing function inside a linalg.generic body (an embedding lookup),
// with the indices checked against the tensor's run-time shape.
// RUN: ssm-run %s --entry embedding --print-results | FileCheck %s --check-prefix=EMBED
// RUN: ssm-run %s --entry embedding --check | FileCheck %s --check-prefix=CHECKED
// RUN: not ssm-run %s --entry out_of_bounds 2>&1 | FileCheck %s --check-prefix=BOUNDS

// Rows 2, 0, 2 of a 3x2 table.
// EMBED: result #0: tensor<3x2xf32> shape 3x2
// EMBED-NEXT: [20, 21, 0, 1, 20, 21]
// CHECKED: check result #0: error 0 (tolerance {{.*}}): ok
func.func @embedding() -> tensor<3x2xf32> {
  %table = arith.constant dense<[[0.0, 1.0], [10.0, 11.0], [20.0, 21.0]]> : tensor<3x2xf32>
  %ids = arith.constant dense<[2, 0, 2]> : tensor<3xi64>
  %e = tensor.empty() : tensor<3x2xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(t, c) -> (t)>, affine_map<(t, c) -> (t, c)>], iterator_types = ["parallel", "parallel"]}
      ins(%ids : tensor<3xi64>) outs(%e : tensor<3x2xf32>) {
  ^bb0(%id: i64, %out: f32):
    %row = arith.index_cast %id : i64 to index
    %col = linalg.index 1 : index
    %v = tensor.extract %table[%row, %col] : tensor<3x2xf32>
    linalg.yield %v : f32
  } -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

// BOUNDS: [[@LINE+8]]:10: error: 'tensor.extract' op index 3 is out of bounds for dimension 0 of a tensor of shape 2
func.func @out_of_bounds() -> tensor<2xf64> {
  %t = arith.constant dense<[1.0, 2.0]> : tensor<2xf64>
  %e = tensor.empty() : tensor<2xf64>
  %y = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>], iterator_types = ["parallel"]} outs(%e : tensor<2xf64>) {
  ^bb0(%out: f64):
    %i = linalg.index 0 : index
    %three = arith.constant 3 : index
    %v = tensor.extract %t[%three] : tensor<2xf64>
    linalg.yield %v : f64
  } -> tensor<2xf64>
  return %y : tensor<2xf64>
}
