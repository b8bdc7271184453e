// RUN: ssm-opt %s | FileCheck %s
// ssm.ssm_kernel written in the generic form parses and prints in its custom form.

// length and a discretization enum attribute, with the low-rank factor.
// CHECK-LABEL: func @ssm_kernel(
// CHECK-SAME: %[[A:[^:]+]]: tensor<4x8xcomplex<f32>>, %[[DT:[^:]+]]: tensor<4xf32>, %[[P:[^:]+]]: tensor<4x1x8xcomplex<f32>>)
// CHECK: %[[K:.+]] = ssm.ssm_kernel %[[A]], %[[A]], %[[A]], %[[DT]] low_rank(%[[P]]) length 64 discretization bilinear : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>, tensor<4x1x8xcomplex<f32>>) -> tensor<4x64xf32>
// CHECK: return %[[K]]
func.func @ssm_kernel(%A: tensor<4x8xcomplex<f32>>, %dt: tensor<4xf32>, %P: tensor<4x1x8xcomplex<f32>>) -> tensor<4x64xf32> {
  %k = "ssm.ssm_kernel"(%A, %A, %A, %dt, %P) <{length = 64 : i64, discretization = #ssm<discretization bilinear>}> : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>, tensor<4x1x8xcomplex<f32>>) -> tensor<4x64xf32>
  return %k : tensor<4x64xf32>
}

// Without the discretization property, the default (zoh) is used and not printed.
// CHECK-LABEL: func @ssm_kernel_default(
// CHECK-SAME: %[[A:[^:]+]]: tensor<4x8xcomplex<f64>>, %[[DT:[^:]+]]: tensor<4xf64>)
// CHECK: %[[K:.+]] = ssm.ssm_kernel %[[A]], %[[A]], %[[A]], %[[DT]] length 3 : (tensor<4x8xcomplex<f64>>, tensor<4x8xcomplex<f64>>, tensor<4x8xcomplex<f64>>, tensor<4xf64>) -> tensor<4x3xf64>
// CHECK: return %[[K]]
func.func @ssm_kernel_default(%A: tensor<4x8xcomplex<f64>>, %dt: tensor<4xf64>) -> tensor<4x3xf64> {
  %k = "ssm.ssm_kernel"(%A, %A, %A, %dt) <{length = 3 : i64}> : (tensor<4x8xcomplex<f64>>, tensor<4x8xcomplex<f64>>, tensor<4x8xcomplex<f64>>, tensor<4xf64>) -> tensor<4x3xf64>
  return %k : tensor<4x3xf64>
}
