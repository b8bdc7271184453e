// An S4D layer: materialise the SSM convolution kernel from diagonal complex
// parameters, then apply it as a causal long convolution with a skip term.
func.func @s4d_conv(%u: tensor<2x257x4xf32>, %A: tensor<4x8xcomplex<f32>>,
                    %B: tensor<4x8xcomplex<f32>>, %C: tensor<4x8xcomplex<f32>>,
                    %log_dt: tensor<4xf32>, %D: tensor<4xf32>) -> tensor<2x257x4xf32> {
  %k = ssm.ssm_kernel %A, %B, %C, %log_dt length 257
      : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>,
         tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x257xf32>
  %y = ssm.long_conv %u, %k bias(%D)
      : (tensor<2x257x4xf32>, tensor<4x257xf32>, tensor<4xf32>) -> tensor<2x257x4xf32>
  return %y : tensor<2x257x4xf32>
}
