// Monarch Mixer's sequence mixing on n = 12 = 3 * 4, followed by a learned
// butterfly on a power-of-two feature dimension.
func.func @monarch_mixer(%x: tensor<2x5x12xf32>, %R: tensor<3x4x4xf32>,
                         %L: tensor<4x3x3xf32>, %h: tensor<10x16xf32>,
                         %w: tensor<4x8x2x2xf32>) -> (tensor<2x5x12xf32>, tensor<10x16xf32>) {
  %y = ssm.monarch %x, %R, %L
      : tensor<2x5x12xf32>, tensor<3x4x4xf32>, tensor<4x3x3xf32> -> tensor<2x5x12xf32>
  %b = ssm.butterfly %h, %w
      : tensor<10x16xf32>, tensor<4x8x2x2xf32> -> tensor<10x16xf32>
  return %y, %b : tensor<2x5x12xf32>, tensor<10x16xf32>
}
