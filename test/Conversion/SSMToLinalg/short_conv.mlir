// RUN: ssm-opt %s -split-input-file --convert-ssm-to-linalg | FileCheck %s --implicit-check-not=ssm.
// ssm.short_conv lowers like a causal long_conv: a zero pad of W - 1 in front,
// one linalg.generic reducing over the W taps (initialised with the bias), and
// an elementwise SiLU after it when asked.

// W = 4 with bias and SiLU.
// CHECK-DAG: #[[$TAPS:.+]] = affine_map<(d0, d1, d2, d3) -> (d2, d3)>
// CHECK-DAG: #[[$PAD3:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1 - d3 + 3, d2)>
// CHECK-LABEL: func @bias_silu
// CHECK-SAME: (%[[U:[^:]+]]: tensor<2x13x8xf32>, %[[W:[^:]+]]: tensor<8x4xf32>, %[[BIAS:[^:]+]]: tensor<8xf32>)
// CHECK: %[[INIT:.+]] = linalg.generic {{.*}} ins(%[[BIAS]] : tensor<8xf32>) outs(%{{.+}} : tensor<2x13x8xf32>)
// CHECK: %[[PADDED:.+]] = tensor.insert_slice %[[U]] into %{{.+}}[0, 3, 0] [2, 13, 8] [1, 1, 1]
// CHECK: %[[CONV:.+]] = linalg.generic {indexing_maps = [#[[$TAPS]], #[[$PAD3]], #{{.+}}], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[W]], %[[PADDED]] : tensor<8x4xf32>, tensor<2x{{16|\?}}x8xf32>) outs(%[[INIT]] : tensor<2x13x8xf32>)
// CHECK: %[[Y:.+]] = linalg.generic {{.*}} ins(%[[CONV]] : tensor<2x13x8xf32>)
// CHECK: arith.negf
// CHECK: math.exp
// CHECK: arith.divf
// CHECK: return %[[Y]]
func.func @bias_silu(%u: tensor<2x13x8xf32>, %w: tensor<8x4xf32>, %bias: tensor<8xf32>) -> tensor<2x13x8xf32> {
  %y = ssm.short_conv %u, %w bias(%bias) activation silu : (tensor<2x13x8xf32>, tensor<8x4xf32>, tensor<8xf32>) -> tensor<2x13x8xf32>
  return %y : tensor<2x13x8xf32>
}

// -----

// W = 1, no bias, no activation: no padding is needed (pad 0), a zero
// accumulator, and the convolution is the result.
// CHECK-DAG: #[[$PAD0:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1 - d3, d2)>
// CHECK-LABEL: func @width1
// CHECK: %[[ACC:.+]] = linalg.fill ins(%{{.+}} : f64) outs(%{{.+}} : tensor<1x13x4xf64>)
// CHECK: %[[Y:.+]] = linalg.generic {indexing_maps = [#{{.+}}, #[[$PAD0]], #{{.+}}], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} {{.*}} outs(%[[ACC]] : tensor<1x13x4xf64>)
// CHECK-NOT: math.exp
// CHECK: return %[[Y]]
func.func @width1(%u: tensor<1x13x4xf64>, %w: tensor<4x1xf64>) -> tensor<1x13x4xf64> {
  %y = ssm.short_conv %u, %w : (tensor<1x13x4xf64>, tensor<4x1xf64>) -> tensor<1x13x4xf64>
  return %y : tensor<1x13x4xf64>
}
