// RUN: ssm-opt %s --convert-ssm-to-linalg --cse | FileCheck %s --implicit-check-not=ssm.

// ssm.ssd with the chunked schedule: L = 10 in chunks of 4, so time is
// zero-padded to 12 and viewed as [B, 3 chunks, 4 steps, ...]; an
// scf.forall over (batch, chunk) computes each chunk's own output, the state
// it ends with ([H, N, P]), its decay and the cumulative dt A, with
// matrix products within the chunk; an scf.for over the chunks passes the
// state along; then every step reads out the state entering its chunk.
// CHECK-LABEL: func @chunked
// CHECK: %[[X:.*]] = tensor.expand_shape {{.*}} output_shape [1, 3, 4, 2, 3] : tensor<1x12x2x3xf32> into tensor<1x3x4x2x3xf32>
// CHECK: %[[TILES:.*]]:4 = scf.forall (%{{.*}}, %{{.*}}) in (1, 3) shared_outs({{.*}}) -> (tensor<1x3x4x2x3xf32>, tensor<1x3x2x4x3xf32>, tensor<1x3x2xf32>, tensor<1x3x4x2xf32>)
// The chunk's C B^T, Q x Q per group:
// CHECK:   linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "reduction"]{{.*}} outs({{.*}} : tensor<1x4x4xf32>)
// Its output, sum over the chunk's steps s of m[h, t, s] x[s, h, p]:
// CHECK:   linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction", "parallel"]{{.*}} outs({{.*}} : tensor<4x2x3xf32>)
// The state it ends with, [H, N, P]:
// CHECK:   linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction", "parallel"]{{.*}} outs({{.*}} : tensor<2x4x3xf32>)
// CHECK: %[[PASSED:.*]]:2 = scf.for %{{.*}} = %c0 to %c3 step %c1 iter_args({{.*}}) -> (tensor<1x2x4x3xf32>, tensor<1x3x2x4x3xf32>)
// CHECK: %[[Y:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "parallel"]} ins(%{{.*}}, %[[PASSED]]#1 : tensor<1x3x4x2x4xf32>, tensor<1x3x2x4x3xf32>) outs(%[[TILES]]#0 : tensor<1x3x4x2x3xf32>)
// CHECK: %[[FLAT:.*]] = tensor.collapse_shape %[[Y]] {{.*}} into tensor<1x12x2x3xf32>
// CHECK: %[[OUT:.*]] = tensor.extract_slice %[[FLAT]][0, 0, 0, 0] [1, 10, 2, 3]
// CHECK: return %[[OUT]]
func.func @chunked(%x: tensor<1x10x2x3xf32>, %dt: tensor<1x10x2xf32>, %A: tensor<2xf32>, %B: tensor<1x10x1x4xf32>) -> tensor<1x10x2x3xf32> {
  %y = ssm.ssd %x, %dt, %A, %B, %B {ssm.schedule = #ssm.schedule<"chunked", {chunk = 4 : i64}>} : (tensor<1x10x2x3xf32>, tensor<1x10x2xf32>, tensor<2xf32>, tensor<1x10x1x4xf32>, tensor<1x10x1x4xf32>) -> tensor<1x10x2x3xf32>
  return %y : tensor<1x10x2x3xf32>
}
