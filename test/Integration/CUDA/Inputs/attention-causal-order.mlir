// Causal attention whose (batch, head) pairs and query tiles make several
// sections of heads in ssm-fused-attention's longest-first block order
// when its l2-bytes is small (see attention-causal-order.test).

// 6 (batch, head) pairs sharing one kv head per batch (Lk (32 + 32) 2 / 3
// = 12800 bytes of K and V per head), 3 query tiles of 128.
func.func @gqa_bf16(%q: tensor<2x3x300x32xbf16>, %k: tensor<2x1x300x32xbf16>, %v: tensor<2x1x300x32xbf16>) -> tensor<2x3x300x32xbf16> {
  %y = ssm.attention %q, %k, %v causal : tensor<2x3x300x32xbf16>, tensor<2x1x300x32xbf16>, tensor<2x1x300x32xbf16> -> tensor<2x3x300x32xbf16>
  return %y : tensor<2x3x300x32xbf16>
}

// 5 heads of their own (260 (64 + 16) 2 = 41600 bytes each), more keys
// than queries, 2 query tiles.
func.func @mha_f16(%q: tensor<1x5x200x64xf16>, %k: tensor<1x5x260x64xf16>, %v: tensor<1x5x260x16xf16>) -> tensor<1x5x200x16xf16> {
  %y = ssm.attention %q, %k, %v causal : tensor<1x5x200x64xf16>, tensor<1x5x260x64xf16>, tensor<1x5x260x16xf16> -> tensor<1x5x200x16xf16>
  return %y : tensor<1x5x200x16xf16>
}
