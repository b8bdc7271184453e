// RUN: ssm-opt %s -split-input-file --convert-ssm-to-linalg | FileCheck %s --implicit-check-not=ssm.
// The diagonal ssm.ssm_kernel lowers to one linalg.generic over (d, l, n)
// reducing over the state n, with complex values as (re, im) pairs of reals:
// Abar^l = exp(l log Abar) through math.exp/cos/sin, so no power is carried
// from one l to the next and there is no loop.

// ZOH: log Abar = dt A, so no complex log is needed.
// CHECK-DAG: #[[$DN:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[$D:.+]] = affine_map<(d0, d1, d2) -> (d0)>
// CHECK-DAG: #[[$DL:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func @zoh
// CHECK-SAME: (%[[A:[^:]+]]: tensor<4x6xcomplex<f32>>, %[[B:[^:]+]]: tensor<4x6xcomplex<f32>>, %[[C:[^:]+]]: tensor<4x6xcomplex<f32>>, %[[DT:[^:]+]]: tensor<4xf32>)
// CHECK: %[[INIT:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<4x13xf32>)
// CHECK: %[[K:.+]] = linalg.generic {indexing_maps = [#[[$DN]], #[[$DN]], #[[$DN]], #[[$D]], #[[$DL]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[A]], %[[B]], %[[C]], %[[DT]] : tensor<4x6xcomplex<f32>>, tensor<4x6xcomplex<f32>>, tensor<4x6xcomplex<f32>>, tensor<4xf32>) outs(%[[INIT]] : tensor<4x13xf32>)
// CHECK-DAG: complex.re
// CHECK-DAG: complex.im
// CHECK-DAG: linalg.index 1 : index
// CHECK-DAG: math.cos
// CHECK-DAG: math.sin
// CHECK-NOT: math.atan2
// CHECK: linalg.yield
// CHECK-NOT: linalg.generic
// CHECK-NOT: scf.for
// CHECK: return %[[K]] : tensor<4x13xf32>
func.func @zoh(%A: tensor<4x6xcomplex<f32>>, %B: tensor<4x6xcomplex<f32>>, %C: tensor<4x6xcomplex<f32>>, %log_dt: tensor<4xf32>) -> tensor<4x13xf32> {
  %k = ssm.ssm_kernel %A, %B, %C, %log_dt length 13 : (tensor<4x6xcomplex<f32>>, tensor<4x6xcomplex<f32>>, tensor<4x6xcomplex<f32>>, tensor<4xf32>) -> tensor<4x13xf32>
  return %k : tensor<4x13xf32>
}

// -----

// Bilinear on complex<f64>: log Abar is a principal complex log (log|.| and
// atan2), then the same exp/cos/sin power.
// CHECK-LABEL: func @bilinear
// CHECK: %[[K:.+]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]{{.*}} outs(%{{.+}} : tensor<2x37xf64>)
// CHECK-DAG: math.log %{{.+}} : f64
// CHECK-DAG: math.atan2 %{{.+}}, %{{.+}} : f64
// CHECK-DAG: math.cos %{{.+}} : f64
// CHECK-DAG: math.sin %{{.+}} : f64
// CHECK: linalg.yield
// CHECK-NOT: linalg.generic
// CHECK: return %[[K]] : tensor<2x37xf64>
func.func @bilinear(%A: tensor<2x3xcomplex<f64>>, %log_dt: tensor<2xf64>) -> tensor<2x37xf64> {
  %k = ssm.ssm_kernel %A, %A, %A, %log_dt length 37 discretization bilinear : (tensor<2x3xcomplex<f64>>, tensor<2x3xcomplex<f64>>, tensor<2x3xcomplex<f64>>, tensor<2xf64>) -> tensor<2x37xf64>
  return %k : tensor<2x37xf64>
}
