// Causal grouped-query attention with a sliding window: 8 query heads share
// 2 key/value heads; queries see at most the 32 most recent keys.
func.func @gqa_attention(%q: tensor<1x8x100x16xf32>, %k: tensor<1x2x100x16xf32>,
                         %v: tensor<1x2x100x16xf32>) -> tensor<1x8x100x16xf32> {
  %y = ssm.attention %q, %k, %v causal window 32
      : tensor<1x8x100x16xf32>, tensor<1x2x100x16xf32>, tensor<1x2x100x16xf32>
      -> tensor<1x8x100x16xf32>
  return %y : tensor<1x8x100x16xf32>
}
