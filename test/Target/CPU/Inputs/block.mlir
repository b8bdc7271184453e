// Two results of two shapes, for testing the C entry points of a library.
func.func @block(%u: tensor<1x7x4xf32>, %w: tensor<4x3xf32>, %x: tensor<5x6xf32>,
                 %R: tensor<2x3x3xf32>, %L: tensor<3x2x2xf32>)
    -> (tensor<1x7x4xf32>, tensor<5x6xf32>) {
  %y = ssm.short_conv %u, %w activation silu
      : (tensor<1x7x4xf32>, tensor<4x3xf32>) -> tensor<1x7x4xf32>
  %m = ssm.monarch %x, %R, %L
      : tensor<5x6xf32>, tensor<2x3x3xf32>, tensor<3x2x2xf32> -> tensor<5x6xf32>
  return %y, %m : tensor<1x7x4xf32>, tensor<5x6xf32>
}
