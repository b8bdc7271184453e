// RUN: ssm-opt %s -split-input-file --convert-ssm-to-linalg | FileCheck %s --implicit-check-not=ssm.
// ssm.butterfly lowers to one linalg.generic contraction per factor, log2(n)
// in all: factor s views each row as [blocks, 2, 2^s] and applies the 2 x 2
// twiddles w[s] (viewed as [blocks, 2^s, 2, 2]) to the pairs (i, i + 2^s).

// n = 8: three factors, with views [4, 2, 1], [2, 2, 2] and [1, 2, 4].
// CHECK-LABEL: func @n8
// CHECK-SAME: (%[[X:[^:]+]]: tensor<3x8xf32>, %[[W:[^:]+]]: tensor<3x4x2x2xf32>)
// CHECK: %[[G0:.+]] = tensor.expand_shape %{{.+}} {{\[}}[0], [1, 2, 3]] output_shape [3, 4, 2, 1] : tensor<3x8xf32> into tensor<3x4x2x1xf32>
// CHECK: %[[W0_FULL:.+]] = tensor.extract_slice %[[W]][0, 0, 0, 0] [1, 4, 2, 2] [1, 1, 1, 1] : tensor<3x4x2x2xf32> to tensor<1x4x2x2xf32>
// CHECK: %[[W0:.+]] = tensor.collapse_shape %[[W0_FULL]] {{.*}} : tensor<1x4x2x2xf32> into tensor<4x2x2xf32>
// CHECK: %[[F0:.+]] = tensor.expand_shape %[[W0]] {{\[}}[0, 1], [2], [3]] output_shape [4, 1, 2, 2]
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]{{.*}} ins(%[[F0]], %[[G0]] : tensor<4x1x2x2xf32>, tensor<3x4x2x1xf32>) outs(%{{.+}} : tensor<3x4x2x1xf32>)
// CHECK: tensor.expand_shape %{{.+}} {{\[}}[0], [1, 2, 3]] output_shape [3, 2, 2, 2]
// CHECK: tensor.extract_slice %[[W]][1, 0, 0, 0] [1, 4, 2, 2]
// CHECK: linalg.generic {{.*}} outs(%{{.+}} : tensor<3x2x2x2xf32>)
// CHECK: tensor.expand_shape %{{.+}} {{\[}}[0], [1, 2, 3]] output_shape [3, 1, 2, 4]
// CHECK: tensor.extract_slice %[[W]][2, 0, 0, 0] [1, 4, 2, 2]
// CHECK: linalg.generic {{.*}} outs(%{{.+}} : tensor<3x1x2x4xf32>)
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @n8(%x: tensor<3x8xf32>, %w: tensor<3x4x2x2xf32>) -> tensor<3x8xf32> {
  %y = ssm.butterfly %x, %w : tensor<3x8xf32>, tensor<3x4x2x2xf32> -> tensor<3x8xf32>
  return %y : tensor<3x8xf32>
}

// -----

// n = 16 on a rank-3 input: four factors.
// CHECK-LABEL: func @n16_rank3
// CHECK: tensor.collapse_shape %{{.+}} {{\[}}[0, 1], [2]] : tensor<2x3x16xf64> into tensor<6x16xf64>
// CHECK-COUNT-4: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]
// CHECK-NOT: linalg.generic
// CHECK: tensor.expand_shape %{{.+}} {{\[}}[0, 1], [2]] output_shape [2, 3, 16] : tensor<6x16xf64> into tensor<2x3x16xf64>
func.func @n16_rank3(%x: tensor<2x3x16xf64>, %w: tensor<4x8x2x2xf64>) -> tensor<2x3x16xf64> {
  %y = ssm.butterfly %x, %w : tensor<2x3x16xf64>, tensor<4x8x2x2xf64> -> tensor<2x3x16xf64>
  return %y : tensor<2x3x16xf64>
}

// -----

// n = 2: one factor.
// CHECK-LABEL: func @n2
// CHECK-COUNT-1: linalg.generic
// CHECK-NOT: linalg.generic
func.func @n2(%x: tensor<5x2xf32>, %w: tensor<1x1x2x2xf32>) -> tensor<5x2xf32> {
  %y = ssm.butterfly %x, %w : tensor<5x2xf32>, tensor<1x1x2x2xf32> -> tensor<5x2xf32>
  return %y : tensor<5x2xf32>
}

// -----

// n = 1: no factor at all, the op is its input.
// CHECK-LABEL: func @n1
// CHECK-SAME: (%[[X:[^:]+]]: tensor<5x1xf32>
// CHECK-NOT: linalg.generic
// CHECK: return %[[X]] : tensor<5x1xf32>
func.func @n1(%x: tensor<5x1xf32>, %w: tensor<0x0x2x2xf32>) -> tensor<5x1xf32> {
  %y = ssm.butterfly %x, %w : tensor<5x1xf32>, tensor<0x0x2x2xf32> -> tensor<5x1xf32>
  return %y : tensor<5x1xf32>
}
