// RUN: ssm-opt %s --convert-ssm-to-linalg --cse | FileCheck %s --implicit-check-not=ssm. --implicit-check-not='{{x10x10x}}'

// Causal linear attention with the chunked schedule: L = 10 in chunks of 4,
// zero-padded to 12 after the feature map and viewed as [B, H, 3, 4, W];
// masked 4 x 4 scores within each chunk (never [L, L]: the implicit
// CHECK-NOT), each chunk's sums phi(k) v^T, an scf.for over the chunks for
// the sums entering each chunk, then the two readouts into one output.
// CHECK-LABEL: func @chunked
// CHECK: tensor.expand_shape {{.*}} into tensor<1x2x3x4x4xf32>
// CHECK: %[[SCORES:.+]] = linalg.generic {{.*}} outs({{.*}} : tensor<1x2x3x4x4xf32>)
// CHECK: arith.cmpi ule
// CHECK: %[[SUMS:.+]] = linalg.generic {{.*}} outs({{.*}} : tensor<1x2x3x4x5xf32>)
// CHECK: %[[ENTERING:.+]]:4 = scf.for {{.*}} -> (tensor<1x2x4x5xf32>, tensor<1x2x4xf32>, tensor<1x2x3x4x5xf32>, tensor<1x2x3x4xf32>)
// Both readouts sum over the last loop (a chunk's step or feature), and
// their output's last dimension (the value channel) is parallel.
// CHECK: %[[INTRA:.+]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%{{.+}}, %{{.+}} : tensor<1x2x3x4x4xf32>, tensor<1x2x3x4x5xf32>)
// CHECK: %[[NUM:.+]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%{{.+}}, %[[ENTERING]]#2 : tensor<1x2x3x4x4xf32>, tensor<1x2x3x4x5xf32>) outs(%[[INTRA]] : tensor<1x2x3x4x5xf32>)
// CHECK: tensor.collapse_shape {{.*}} into tensor<1x2x12x5xf32>
// CHECK: tensor.extract_slice {{.*}}[0, 0, 0, 0] [1, 2, 10, 5]
func.func @chunked(%q: tensor<1x2x10x4xf32>, %v: tensor<1x2x10x5xf32>) -> tensor<1x2x10x5xf32> {
  %y = ssm.linear_attention %q, %q, %v causal normalize feature_map elu1 {ssm.schedule = #ssm.schedule<"chunked", {chunk = 4 : i64}>} : tensor<1x2x10x4xf32>, tensor<1x2x10x4xf32>, tensor<1x2x10x5xf32> -> tensor<1x2x10x5xf32>
  return %y : tensor<1x2x10x5xf32>
}
