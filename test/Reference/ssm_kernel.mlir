// Reference semantics of ssm.ssm_kernel for one channel and one state,
// A = -1, Bm = Cm = 1, dt = 1.
// RUN: ssm-run %s --print-results | FileCheck %s

// ZOH: Abar = e^-1, Bbar = 1 - e^-1, k_l = 2 (1 - e^-1) e^-l.
// CHECK: result #0: tensor<1x4xf64>
// CHECK-NEXT: [1.264241118, 0.4650883159, 0.1710964297, 0.06294285896]
// Bilinear: Abar = 1/3, Bbar = 2/3.
// CHECK: result #1: tensor<1x4xf64>
// CHECK-NEXT: [1.333333333, 0.4444444444, 0.1481481481, 0.04938271605]
func.func @kernels() -> (tensor<1x4xf64>, tensor<1x4xf64>) {
  %A = arith.constant dense<[[(-1.0, 0.0)]]> : tensor<1x1xcomplex<f64>>
  %one = arith.constant dense<[[(1.0, 0.0)]]> : tensor<1x1xcomplex<f64>>
  %log_dt = arith.constant dense<[0.0]> : tensor<1xf64>
  %zoh = ssm.ssm_kernel %A, %one, %one, %log_dt length 4 : (tensor<1x1xcomplex<f64>>, tensor<1x1xcomplex<f64>>, tensor<1x1xcomplex<f64>>, tensor<1xf64>) -> tensor<1x4xf64>
  %bil = ssm.ssm_kernel %A, %one, %one, %log_dt length 4 discretization bilinear : (tensor<1x1xcomplex<f64>>, tensor<1x1xcomplex<f64>>, tensor<1x1xcomplex<f64>>, tensor<1xf64>) -> tensor<1x4xf64>
  return %zoh, %bil : tensor<1x4xf64>, tensor<1x4xf64>
}
