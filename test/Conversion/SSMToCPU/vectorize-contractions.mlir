// RUN: ssm-opt %s --ssm-vectorize-contractions --split-input-file | FileCheck %s
// RUN: ssm-opt %s --ssm-vectorize-contractions="max-accumulator=32" --split-input-file | FileCheck %s --check-prefix=SMALL

// The (m, k, n) matmul generic of --ssm-reorder-matmuls: register tiles of
// 4 rows (m: the right operand does not depend on it) by 16 columns, spread
// over threads by an scf.forall (there is one column tile, so over rows),
// the reduction over k innermost with the accumulator carried in registers
// (read before the k loop, written after it), and the multiply-add on
// vectors marked `contract` so that it becomes an FMA.
// CHECK-LABEL: func @matmul
// CHECK-SAME: (%[[A:.*]]: tensor<64x32xf32>, %[[B:.*]]: tensor<32x16xf32>, %[[C:.*]]: tensor<64x16xf32>)
// CHECK: scf.forall (%[[M:.*]]) = (0) to (64) step (4) shared_outs(%[[OUT:.*]] = %[[C]])
// CHECK:   %[[TILE:.*]] = tensor.extract_slice %[[OUT]][%[[M]], 0] [4, 16]
// CHECK:   %[[ACC0:.*]] = vector.transfer_read %[[TILE]]{{.*}} : tensor<4x16xf32>, vector<4x16xf32>
// CHECK:   %[[LOOP:.*]]:2 = scf.for %[[K:.*]] = %{{.*}} to %{{.*}} step %c1 iter_args({{.*}}%[[ACC:.*]] = %[[ACC0]])
// CHECK-NOT:  vector.transfer_write
// CHECK:     %[[ROWS:.*]] = vector.transfer_read {{.*}} : tensor<4x1xf32>, vector<4x1x16xf32>
// CHECK:     %[[COLS:.*]] = vector.transfer_read {{.*}} : tensor<1x16xf32>, vector<4x1x16xf32>
// CHECK:     %[[PROD:.*]] = arith.mulf %[[ROWS]], %[[COLS]] fastmath<reassoc,contract> : vector<4x1x16xf32>
// CHECK:     %[[FLAT:.*]] = vector.shape_cast %[[PROD]]
// CHECK:     %[[SUM:.*]] = arith.addf %[[ACC]], %[[FLAT]] fastmath<contract> : vector<4x16xf32>
// CHECK:     scf.yield {{.*}}%[[SUM]]
// CHECK:   %[[DONE:.*]] = vector.transfer_write %[[LOOP]]#1, {{.*}} : vector<4x16xf32>, tensor<4x16xf32>
// CHECK:   tensor.parallel_insert_slice %[[DONE]] into %[[OUT]][%[[M]], 0] [4, 16]
// SMALL-LABEL: func @matmul
// SMALL: scf.forall {{.*}} step (2)
// SMALL: vector<2x16xf32>
func.func @matmul(%a: tensor<64x32xf32>, %b: tensor<32x16xf32>, %c: tensor<64x16xf32>) -> tensor<64x16xf32> {
  %r = linalg.generic {indexing_maps = [affine_map<(m, k, n) -> (m, k)>, affine_map<(m, k, n) -> (k, n)>, affine_map<(m, k, n) -> (m, n)>], iterator_types = ["parallel", "reduction", "parallel"]} ins(%a, %b : tensor<64x32xf32>, tensor<32x16xf32>) outs(%c : tensor<64x16xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y fastmath<reassoc,contract> : f32
    %s = arith.addf %acc, %p fastmath<reassoc,contract> : f32
    linalg.yield %s : f32
  }-> tensor<64x16xf32>
  return %r : tensor<64x16xf32>
}

// -----

// Monarch's second block product Y[r, b, j] += L^T[b, a, j] Z[r, a, j]:
// the vector operand L^T does not depend on the rows r, which get the
// register tile; a wide innermost loop is cut to 64 lanes. With only two
// column tiles, the threads share out the loop with the most tiles (the 8
// channels b); inside, the column tiles come first, then the row tiles,
// then the reduction over a.
// CHECK-LABEL: func @elementwise_product
// CHECK: scf.forall ({{.*}}) in (8)
// CHECK: scf.for {{.*}} = %c0 to %c128 step %c64
// CHECK: scf.for {{.*}} = %c0 to %c16 step %c4
// CHECK: scf.for {{.*}} = %c0 to %c8 step %c1
// CHECK: arith.addf {{.*}} fastmath<contract> : vector<4x1x64xf32>
func.func @elementwise_product(%l: tensor<8x8x128xf32>, %z: tensor<16x8x128xf32>, %y: tensor<16x8x128xf32>) -> tensor<16x8x128xf32> {
  %r = linalg.generic {indexing_maps = [affine_map<(r, b, a, j) -> (b, a, j)>, affine_map<(r, b, a, j) -> (r, a, j)>, affine_map<(r, b, a, j) -> (r, b, j)>], iterator_types = ["parallel", "parallel", "reduction", "parallel"]} ins(%l, %z : tensor<8x8x128xf32>, tensor<16x8x128xf32>) outs(%y : tensor<16x8x128xf32>) {
  ^bb0(%x: f32, %w: f32, %acc: f32):
    %p = arith.mulf %x, %w fastmath<reassoc,contract> : f32
    %s = arith.addf %acc, %p fastmath<reassoc,contract> : f32
    linalg.yield %s : f32
  }-> tensor<16x8x128xf32>
  return %r : tensor<16x8x128xf32>
}

// -----

// Left alone: the innermost loop is the reduction (a dot product), the
// innermost width is not a multiple of 8, the shapes are dynamic, or the
// body is not a multiply-add.
// CHECK-LABEL: func @left_alone
// CHECK-NOT: vector.
// CHECK-COUNT-4: linalg.generic
// CHECK-NOT: vector.
func.func @left_alone(%a: tensor<8x32xf32>, %b: tensor<16x32xf32>, %c: tensor<8x16xf32>,
                      %b7: tensor<32x7xf32>, %c7: tensor<8x7xf32>,
                      %ad: tensor<?x32xf32>, %bd: tensor<32x16xf32>, %cd: tensor<?x16xf32>) -> (tensor<8x16xf32>, tensor<8x7xf32>, tensor<?x16xf32>, tensor<8x16xf32>) {
  %dot = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : tensor<8x32xf32>, tensor<16x32xf32>) outs(%c : tensor<8x16xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }-> tensor<8x16xf32>
  %odd = linalg.generic {indexing_maps = [affine_map<(m, k, n) -> (m, k)>, affine_map<(m, k, n) -> (k, n)>, affine_map<(m, k, n) -> (m, n)>], iterator_types = ["parallel", "reduction", "parallel"]} ins(%a, %b7 : tensor<8x32xf32>, tensor<32x7xf32>) outs(%c7 : tensor<8x7xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }-> tensor<8x7xf32>
  %dyn = linalg.generic {indexing_maps = [affine_map<(m, k, n) -> (m, k)>, affine_map<(m, k, n) -> (k, n)>, affine_map<(m, k, n) -> (m, n)>], iterator_types = ["parallel", "reduction", "parallel"]} ins(%ad, %bd : tensor<?x32xf32>, tensor<32x16xf32>) outs(%cd : tensor<?x16xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }-> tensor<?x16xf32>
  %max = linalg.generic {indexing_maps = [affine_map<(m, k, n) -> (m, k)>, affine_map<(m, k, n) -> (k, n)>, affine_map<(m, k, n) -> (m, n)>], iterator_types = ["parallel", "reduction", "parallel"]} ins(%a, %bd : tensor<8x32xf32>, tensor<32x16xf32>) outs(%c : tensor<8x16xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.maximumf %acc, %p : f32
    linalg.yield %s : f32
  }-> tensor<8x16xf32>
  return %dot, %odd, %dyn, %max : tensor<8x16xf32>, tensor<8x7xf32>, tensor<?x16xf32>, tensor<8x16xf32>
}
