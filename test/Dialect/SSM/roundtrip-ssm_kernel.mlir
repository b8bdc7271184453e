// RUN: ssm-opt %s | ssm-opt | FileCheck %s
// RUN: ssm-opt %s --mlir-print-op-generic | ssm-opt | FileCheck %s
// RUN: ssm-opt %s --emit-bytecode | ssm-opt | FileCheck %s
// ssm.ssm_kernel round-trips through its custom, generic and bytecode forms.

// Diagonal kernel, complex<f32>, default (zoh) discretization not printed.
// CHECK-LABEL: func @ssm_kernel_zoh(
// CHECK-SAME: %[[A:[^:]+]]: tensor<64x32xcomplex<f32>>, %[[B:[^:]+]]: tensor<64x32xcomplex<f32>>, %[[C:[^:]+]]: tensor<64x32xcomplex<f32>>, %[[DT:[^:]+]]: tensor<64xf32>)
// CHECK: %[[K:.+]] = ssm.ssm_kernel %[[A]], %[[B]], %[[C]], %[[DT]] length 1024 : (tensor<64x32xcomplex<f32>>, tensor<64x32xcomplex<f32>>, tensor<64x32xcomplex<f32>>, tensor<64xf32>) -> tensor<64x1024xf32>
// CHECK: return %[[K]]
func.func @ssm_kernel_zoh(%A: tensor<64x32xcomplex<f32>>, %B: tensor<64x32xcomplex<f32>>, %C: tensor<64x32xcomplex<f32>>, %dt: tensor<64xf32>) -> tensor<64x1024xf32> {
  %k = ssm.ssm_kernel %A, %B, %C, %dt length 1024 : (tensor<64x32xcomplex<f32>>, tensor<64x32xcomplex<f32>>, tensor<64x32xcomplex<f32>>, tensor<64xf32>) -> tensor<64x1024xf32>
  return %k : tensor<64x1024xf32>
}

// An explicit `discretization zoh` is the default and is elided on printing.
// CHECK-LABEL: func @ssm_kernel_explicit_zoh(
// CHECK-SAME: %[[A:[^:]+]]: tensor<2x3xcomplex<f32>>, %[[DT:[^:]+]]: tensor<2xf32>)
// CHECK: %[[K:.+]] = ssm.ssm_kernel %[[A]], %[[A]], %[[A]], %[[DT]] length 5 : (tensor<2x3xcomplex<f32>>, tensor<2x3xcomplex<f32>>, tensor<2x3xcomplex<f32>>, tensor<2xf32>) -> tensor<2x5xf32>
// CHECK: return %[[K]]
func.func @ssm_kernel_explicit_zoh(%A: tensor<2x3xcomplex<f32>>, %dt: tensor<2xf32>) -> tensor<2x5xf32> {
  %k = ssm.ssm_kernel %A, %A, %A, %dt length 5 discretization zoh : (tensor<2x3xcomplex<f32>>, tensor<2x3xcomplex<f32>>, tensor<2x3xcomplex<f32>>, tensor<2xf32>) -> tensor<2x5xf32>
  return %k : tensor<2x5xf32>
}

// Bilinear discretization, complex<f32>.
// CHECK-LABEL: func @ssm_kernel_bilinear(
// CHECK-SAME: %[[A:[^:]+]]: tensor<64x32xcomplex<f32>>, %[[B:[^:]+]]: tensor<64x32xcomplex<f32>>, %[[C:[^:]+]]: tensor<64x32xcomplex<f32>>, %[[DT:[^:]+]]: tensor<64xf32>)
// CHECK: %[[K:.+]] = ssm.ssm_kernel %[[A]], %[[B]], %[[C]], %[[DT]] length 1024 discretization bilinear : (tensor<64x32xcomplex<f32>>, tensor<64x32xcomplex<f32>>, tensor<64x32xcomplex<f32>>, tensor<64xf32>) -> tensor<64x1024xf32>
// CHECK: return %[[K]]
func.func @ssm_kernel_bilinear(%A: tensor<64x32xcomplex<f32>>, %B: tensor<64x32xcomplex<f32>>, %C: tensor<64x32xcomplex<f32>>, %dt: tensor<64xf32>) -> tensor<64x1024xf32> {
  %k = ssm.ssm_kernel %A, %B, %C, %dt length 1024 discretization bilinear : (tensor<64x32xcomplex<f32>>, tensor<64x32xcomplex<f32>>, tensor<64x32xcomplex<f32>>, tensor<64xf32>) -> tensor<64x1024xf32>
  return %k : tensor<64x1024xf32>
}

// The NPLR low-rank factor with the default discretization, complex<f64> and f64 log_dt.
// CHECK-LABEL: func @ssm_kernel_low_rank_f64(
// CHECK-SAME: %[[A:[^:]+]]: tensor<4x8xcomplex<f64>>, %[[DT:[^:]+]]: tensor<4xf64>, %[[P:[^:]+]]: tensor<4x2x8xcomplex<f64>>)
// CHECK: %[[K:.+]] = ssm.ssm_kernel %[[A]], %[[A]], %[[A]], %[[DT]] low_rank(%[[P]]) length 1 : (tensor<4x8xcomplex<f64>>, tensor<4x8xcomplex<f64>>, tensor<4x8xcomplex<f64>>, tensor<4xf64>, tensor<4x2x8xcomplex<f64>>) -> tensor<4x1xf64>
// CHECK: return %[[K]]
func.func @ssm_kernel_low_rank_f64(%A: tensor<4x8xcomplex<f64>>, %dt: tensor<4xf64>, %P: tensor<4x2x8xcomplex<f64>>) -> tensor<4x1xf64> {
  %k = ssm.ssm_kernel %A, %A, %A, %dt low_rank(%P) length 1 : (tensor<4x8xcomplex<f64>>, tensor<4x8xcomplex<f64>>, tensor<4x8xcomplex<f64>>, tensor<4xf64>, tensor<4x2x8xcomplex<f64>>) -> tensor<4x1xf64>
  return %k : tensor<4x1xf64>
}

// The low-rank factor with bilinear discretization and a dynamic channel count.
// CHECK-LABEL: func @ssm_kernel_low_rank_bilinear_dynamic(
// CHECK-SAME: %[[A:[^:]+]]: tensor<?x8xcomplex<f32>>, %[[DT:[^:]+]]: tensor<?xf32>, %[[P:[^:]+]]: tensor<?x1x8xcomplex<f32>>)
// CHECK: %[[K:.+]] = ssm.ssm_kernel %[[A]], %[[A]], %[[A]], %[[DT]] low_rank(%[[P]]) length 16 discretization bilinear : (tensor<?x8xcomplex<f32>>, tensor<?x8xcomplex<f32>>, tensor<?x8xcomplex<f32>>, tensor<?xf32>, tensor<?x1x8xcomplex<f32>>) -> tensor<?x16xf32>
// CHECK: return %[[K]]
func.func @ssm_kernel_low_rank_bilinear_dynamic(%A: tensor<?x8xcomplex<f32>>, %dt: tensor<?xf32>, %P: tensor<?x1x8xcomplex<f32>>) -> tensor<?x16xf32> {
  %k = ssm.ssm_kernel %A, %A, %A, %dt low_rank(%P) length 16 discretization bilinear : (tensor<?x8xcomplex<f32>>, tensor<?x8xcomplex<f32>>, tensor<?x8xcomplex<f32>>, tensor<?xf32>, tensor<?x1x8xcomplex<f32>>) -> tensor<?x16xf32>
  return %k : tensor<?x16xf32>
}
