// A function that returns its arguments, for testing ssm-run's I/O.
func.func @identity(%a: tensor<2x3xf32>, %b: tensor<?x2xf64>) -> (tensor<2x3xf32>, tensor<?x2xf64>) {
  return %a, %b : tensor<2x3xf32>, tensor<?x2xf64>
}
