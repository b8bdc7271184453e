// RUN: ssm-opt %s -split-input-file --convert-ssm-to-linalg | FileCheck %s --implicit-check-not=ssm.
// RUN: ssm-opt %s -split-input-file --convert-ssm-to-linalg=tile-kernel-channels=false | FileCheck %s --check-prefix=BATCHED
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

// -----

// NPLR, bilinear: one channel per scf.forall iteration, in complex<f64>, as
// a batch of one matrix ([1, N, N]). M = diag(A) - sum_r P[r]^T conj(P[r])
// is a reduction over the rank; one Gauss-Jordan elimination of
// [I - dt/2 M | I + dt/2 M | dt Bm] (per pivot: a pivot search reducing over
// the rows, a row swap reading the swapped rows, a scaled pivot row, column
// p cleared) gives [Abar | Bbar]. L = 37: Krylov blocks of T = 8 columns
// Abar^t Bbar, three squarings give Abar^8, J = 5 rows Cm^T Abar^(8j), and
// their product (40 steps, summed in f64) is cut to 37.
// CHECK-LABEL: func @nplr_bilinear
// CHECK: scf.forall (%[[D:.+]]) in (4) shared_outs(%[[OUT:.+]] = %{{.+}}) -> (tensor<4x37xf32>)
// CHECK:   %[[M:.+]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "reduction"]{{.*}} outs(%{{.+}} : tensor<1x6x6xcomplex<f64>>)
// CHECK:     complex.mul
// CHECK:     complex.sub
// CHECK:   %[[SOLVED:.+]] = scf.for %[[P:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[W:.+]] = %{{.+}}) -> (tensor<1x6x13xcomplex<f64>>)
// CHECK:     %[[PIVOT:.+]]:2 = linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]{{.*}} outs(%{{.+}}, %{{.+}} : tensor<1xf64>, tensor<1xi64>)
// CHECK-DAG:   arith.cmpi uge, %{{.+}}, %[[P]] : index
// CHECK-DAG:   arith.cmpf ogt
// CHECK:     linalg.generic {{.*}} ins(%[[PIVOT]]#1 : tensor<1xi64>) outs(%{{.+}} : tensor<1x6x13xcomplex<f64>>)
// CHECK:       tensor.extract %[[W]]
// CHECK:     complex.div
// CHECK:     linalg.generic {{.*}} outs(%{{.+}} : tensor<1x6x13xcomplex<f64>>)
// CHECK:       arith.cmpi eq, %{{.+}}, %[[P]] : index
// CHECK:     scf.yield
// CHECK:   tensor.extract_slice %[[SOLVED]][0, 0, 6] [1, 6, 7]
// CHECK:   scf.for {{.*}} -> (tensor<1x6x1xcomplex<f64>>, tensor<1x6x8xcomplex<f64>>)
// CHECK-COUNT-3: linalg.generic {{.*}} outs(%{{.+}} : tensor<1x6x6xcomplex<f64>>)
// CHECK:   scf.for {{.*}} -> (tensor<1x1x6xcomplex<f64>>, tensor<1x5x6xcomplex<f64>>)
// CHECK:   linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "reduction"]{{.*}} ins(%{{.+}}, %{{.+}} : tensor<1x5x6xcomplex<f64>>, tensor<1x6x8xcomplex<f64>>) outs(%{{.+}} : tensor<1x5x8xf64>)
// CHECK:   tensor.collapse_shape {{.*}} into tensor<1x40xf64>
// CHECK:   tensor.extract_slice {{.*}}[0, 0] [1, 37] [1, 1] : tensor<1x40xf64> to tensor<1x37xf64>
// CHECK:   arith.truncf {{.*}} : f64 to f32
// CHECK:   tensor.parallel_insert_slice %{{.+}} into %[[OUT]][%[[D]], 0] [1, 37] [1, 1] : tensor<1x37xf32> into tensor<4x37xf32>
func.func @nplr_bilinear(%A: tensor<4x6xcomplex<f32>>, %P: tensor<4x2x6xcomplex<f32>>, %log_dt: tensor<4xf32>) -> tensor<4x37xf32> {
  %k = ssm.ssm_kernel %A, %A, %A, %log_dt low_rank(%P) length 37 discretization bilinear : (tensor<4x6xcomplex<f32>>, tensor<4x6xcomplex<f32>>, tensor<4x6xcomplex<f32>>, tensor<4xf32>, tensor<4x2x6xcomplex<f32>>) -> tensor<4x37xf32>
  return %k : tensor<4x37xf32>
}

// -----

// NPLR, ZOH: exp(dt M) by scaling and squaring (s = max(0, ceil(log2(2
// |dt M|_inf))) from the row sums, a degree-16 Horner loop, then s squarings
// in a loop of run-time length, each step keeping the square where the
// step is below s), then one elimination of [M | (Abar - I) Bm] gives Bbar.
// With L = 1 there is one Krylov column and no squaring.
// CHECK-LABEL: func @nplr_zoh
// CHECK: scf.forall
// CHECK:   complex.abs
// CHECK:   math.log2
// CHECK:   math.ceil
// CHECK:   math.exp2
// The Horner loop starts from the identity (a generic with no inputs).
// CHECK:   %[[I:.+]] = linalg.generic {indexing_maps = [#{{[a-z0-9]+}}], iterator_types = ["parallel", "parallel", "parallel"]} outs(%{{.+}} : tensor<1x3x3xcomplex<f64>>)
// CHECK:   %[[POLY:.+]] = scf.for %{{.+}} = %{{.+}} to %[[C16:.+]] step {{.*}} iter_args(%{{.+}} = %[[I]]) -> (tensor<1x3x3xcomplex<f64>>)
// CHECK:   %[[S:.+]] = arith.fptosi
// CHECK:   %[[COUNT:.+]] = arith.index_cast %[[S]]
// CHECK:   scf.for %{{.+}} = %{{.+}} to %[[COUNT]] step {{.*}} iter_args(%{{.+}} = %[[POLY]]) -> (tensor<1x3x3xcomplex<f64>>)
// CHECK:     arith.cmpf olt
// CHECK:   scf.for {{.*}} -> (tensor<1x3x4xcomplex<f64>>)
// CHECK:   scf.for {{.*}} -> (tensor<1x3x1xcomplex<f64>>, tensor<1x3x1xcomplex<f64>>)
// CHECK-NOT: outs(%{{.+}} : tensor<1x3x3xcomplex<f64>>)
// CHECK:   scf.for {{.*}} -> (tensor<1x1x3xcomplex<f64>>, tensor<1x1x3xcomplex<f64>>)
// CHECK:   outs(%{{.+}} : tensor<1x1x1xf64>)
// CHECK-NOT: arith.truncf
// CHECK:   tensor.parallel_insert_slice {{.*}} : tensor<1x1xf64> into tensor<2x1xf64>
func.func @nplr_zoh(%A: tensor<2x3xcomplex<f64>>, %P: tensor<2x1x3xcomplex<f64>>, %log_dt: tensor<2xf64>) -> tensor<2x1xf64> {
  %k = ssm.ssm_kernel %A, %A, %A, %log_dt low_rank(%P) length 1 : (tensor<2x3xcomplex<f64>>, tensor<2x3xcomplex<f64>>, tensor<2x3xcomplex<f64>>, tensor<2xf64>, tensor<2x1x3xcomplex<f64>>) -> tensor<2x1xf64>
  return %k : tensor<2x1xf64>
}

// -----

// NPLR with tile-kernel-channels=false (the CUDA pipeline's form): no
// forall; every step is one generic over all channels' matrices, and exp's
// squarings run a fixed 24 steps (a host loop cannot read a GPU's data),
// each channel squaring in its first s, s capped at 24.
// BATCHED-LABEL: func @nplr_zoh_batched
// BATCHED-NOT: scf.forall
// BATCHED:     arith.minimumf %{{.+}}, %{{.+}} : f64
// BATCHED:     %[[POLY:.+]] = scf.for {{.*}} -> (tensor<5x3x3xcomplex<f64>>)
// BATCHED:     %[[C24:.+]] = arith.constant 24 : index
// BATCHED:     scf.for %{{.+}} = %{{.+}} to %[[C24]] step {{.*}} iter_args(%{{.+}} = %[[POLY]]) -> (tensor<5x3x3xcomplex<f64>>)
// BATCHED:     scf.for {{.*}} -> (tensor<5x3x4xcomplex<f64>>)
// BATCHED:     return {{.*}} : tensor<5x16xf32>
func.func @nplr_zoh_batched(%A: tensor<5x3xcomplex<f32>>, %P: tensor<5x1x3xcomplex<f32>>, %log_dt: tensor<5xf32>) -> tensor<5x16xf32> {
  %k = ssm.ssm_kernel %A, %A, %A, %log_dt low_rank(%P) length 16 : (tensor<5x3xcomplex<f32>>, tensor<5x3xcomplex<f32>>, tensor<5x3xcomplex<f32>>, tensor<5xf32>, tensor<5x1x3xcomplex<f32>>) -> tensor<5x16xf32>
  return %k : tensor<5x16xf32>
}
