// Kernels whose shared-memory bank conflicts bank-conflicts.test counts.
func.func @long_conv_8192(%u: tensor<1x8192x1xf32>, %k: tensor<1x8192xf32>) -> tensor<1x8192x1xf32> {
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<1x8192x1xf32>, tensor<1x8192xf32>) -> tensor<1x8192x1xf32>
  return %y : tensor<1x8192x1xf32>
}
func.func @attention_bf16(%q: tensor<1x1x128x128xbf16>, %k: tensor<1x1x128x128xbf16>, %v: tensor<1x1x128x128xbf16>) -> tensor<1x1x128x128xbf16> {
  %y = ssm.attention %q, %k, %v : tensor<1x1x128x128xbf16>, tensor<1x1x128x128xbf16>, tensor<1x1x128x128xbf16> -> tensor<1x1x128x128xbf16>
  return %y : tensor<1x1x128x128xbf16>
}
