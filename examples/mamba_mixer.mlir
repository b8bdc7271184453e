// The sequence-mixing core of a Mamba block: a causal depthwise conv with
// SiLU, then the selective scan gated by silu(z), with the state matrix
// parameterised as A = -exp(A_log) as Mamba stores it. B=1, L=16, D=8, N=4.
#map = affine_map<(d, n) -> (d, n)>
func.func @mamba_mixer(%x: tensor<1x16x8xf32>, %conv_w: tensor<8x4xf32>,
                       %conv_b: tensor<8xf32>, %delta: tensor<1x16x8xf32>,
                       %A_log: tensor<8x4xf32>, %B: tensor<1x16x1x4xf32>,
                       %C: tensor<1x16x1x4xf32>, %D: tensor<8xf32>,
                       %z: tensor<1x16x8xf32>) -> tensor<1x16x8xf32> {
  %init = tensor.empty() : tensor<8x4xf32>
  %A = linalg.generic {indexing_maps = [#map, #map],
                       iterator_types = ["parallel", "parallel"]}
      ins(%A_log : tensor<8x4xf32>) outs(%init : tensor<8x4xf32>) {
  ^bb0(%a: f32, %out: f32):
    %e = math.exp %a : f32
    %n = arith.negf %e : f32
    linalg.yield %n : f32
  } -> tensor<8x4xf32>
  %u = ssm.short_conv %x, %conv_w bias(%conv_b) activation silu
      : (tensor<1x16x8xf32>, tensor<8x4xf32>, tensor<8xf32>) -> tensor<1x16x8xf32>
  %y = ssm.selective_scan %u, %delta, %A, %B, %C skip(%D) gate(%z) delta_softplus
      : (tensor<1x16x8xf32>, tensor<1x16x8xf32>, tensor<8x4xf32>,
         tensor<1x16x1x4xf32>, tensor<1x16x1x4xf32>, tensor<8xf32>,
         tensor<1x16x8xf32>) -> tensor<1x16x8xf32>
  return %y : tensor<1x16x8xf32>
}
