// Compiled ssm.ssm_kernel, diagonal form (convert-ssm-to-linalg: one
// linalg.generic reducing over the state with Abar^l = exp(l log Abar)) against
// the reference evaluator on seeded random inputs in [-1, 1) (real and
// imaginary parts). Random A has Re A in [-1, 1), so |Abar|^l can grow like
// exp(l dt Re A): the kernels use dt = exp(log_dt - 3) (or - 4 for L = 37), or
// a short L. Covers ZOH and bilinear with complex<f32> and complex<f64>, L = 1,
// prime L, N = 1, and dynamic channel and state counts.
// Tolerance: ssm-run --check's default, max|compiled - reference| /
// max|reference| <= 1e-4 for f32 and 1e-10 for f64.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: ssm-run %s --entry zoh_c32 --check --random-inputs --seed 1 | FileCheck %s --check-prefix=ZOH_C32
// RUN: ssm-run %s --entry bilinear_c32 --check --random-inputs --seed 2 | FileCheck %s --check-prefix=BILINEAR_C32
// RUN: ssm-run %s --entry zoh_l1 --check --random-inputs --seed 3 | FileCheck %s --check-prefix=ZOH_L1
// RUN: ssm-run %s --entry bilinear_l1 --check --random-inputs --seed 4 | FileCheck %s --check-prefix=BILINEAR_L1
// RUN: ssm-run %s --entry zoh_prime --check --random-inputs --seed 5 | FileCheck %s --check-prefix=ZOH_PRIME
// RUN: ssm-run %s --entry bilinear_prime --check --random-inputs --seed 6 | FileCheck %s --check-prefix=BILINEAR_PRIME
// RUN: ssm-run %s --entry zoh_unshifted --check --random-inputs --seed 7 | FileCheck %s --check-prefix=ZOH_UNSHIFTED
// RUN: ssm-run %s --entry bilinear_unshifted --check --random-inputs --seed 8 | FileCheck %s --check-prefix=BILINEAR_UNSHIFTED
// RUN: ssm-run %s --entry n1 --check --random-inputs --seed 9 | FileCheck %s --check-prefix=N1
// RUN: ssm-run %s --entry schedule_vandermonde --check --random-inputs --seed 10 | FileCheck %s --check-prefix=SCHEDULE_VANDERMONDE
// RUN: ssm-run %s --entry zoh_c64 --check --random-inputs --seed 11 | FileCheck %s --check-prefix=ZOH_C64
// RUN: ssm-run %s --entry bilinear_c64 --check --random-inputs --seed 12 | FileCheck %s --check-prefix=BILINEAR_C64
// RUN: %python -c "import numpy as np; \
// RUN:   r = np.random.default_rng(901); \
// RUN:   np.save('%t/dynamic_channels_A.npy', (r.uniform(-1, 1, (3, 5)) + 1j * r.uniform(-1, 1, (3, 5))).astype(np.complex64)); \
// RUN:   np.save('%t/dynamic_channels_Bm.npy', (r.uniform(-1, 1, (3, 5)) + 1j * r.uniform(-1, 1, (3, 5))).astype(np.complex64)); \
// RUN:   np.save('%t/dynamic_channels_Cm.npy', (r.uniform(-1, 1, (3, 5)) + 1j * r.uniform(-1, 1, (3, 5))).astype(np.complex64)); \
// RUN:   np.save('%t/dynamic_channels_log_dt_raw.npy', r.uniform(-4, -2, (3,)).astype(np.float32))"
// RUN: ssm-run %s --entry dynamic_channels --check \
// RUN:   --input %t/dynamic_channels_A.npy --input %t/dynamic_channels_Bm.npy --input %t/dynamic_channels_Cm.npy \
// RUN:   --input %t/dynamic_channels_log_dt_raw.npy \
// RUN:   | FileCheck %s --check-prefix=DYNAMIC_CHANNELS

#id1 = affine_map<(a) -> (a)>
#id2 = affine_map<(a, b) -> (a, b)>
#id3 = affine_map<(a, b, c) -> (a, b, c)>
#id4 = affine_map<(a, b, c, d) -> (a, b, c, d)>

// ZOH with complex<f32>, D = 4, N = 8, L = 16.
// ZOH_C32: @zoh_c32: 1 result (compiled, cpu)
// ZOH_C32: check result #0: {{.*}}: ok
func.func @zoh_c32(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt_raw: tensor<4xf32>) -> tensor<4x16xf32> {
  %log_dt_init = tensor.empty() : tensor<4xf32>
  %log_dt = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%log_dt_raw : tensor<4xf32>) outs(%log_dt_init : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %c = arith.constant -3.0 : f32
    %s = arith.addf %in, %c : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16
      : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xf32>
  return %k : tensor<4x16xf32>
}

// Bilinear with complex<f32>, D = 4, N = 8, L = 16.
// BILINEAR_C32: @bilinear_c32: 1 result (compiled, cpu)
// BILINEAR_C32: check result #0: {{.*}}: ok
func.func @bilinear_c32(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt_raw: tensor<4xf32>) -> tensor<4x16xf32> {
  %log_dt_init = tensor.empty() : tensor<4xf32>
  %log_dt = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%log_dt_raw : tensor<4xf32>) outs(%log_dt_init : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %c = arith.constant -3.0 : f32
    %s = arith.addf %in, %c : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 discretization bilinear
      : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xf32>
  return %k : tensor<4x16xf32>
}

// ZOH, L = 1: k[d, 0] = 2 Re(sum_n Cm Bbar).
// ZOH_L1: @zoh_l1: 1 result (compiled, cpu)
// ZOH_L1: check result #0: {{.*}}: ok
func.func @zoh_l1(%A: tensor<3x5xcomplex<f32>>, %Bm: tensor<3x5xcomplex<f32>>, %Cm: tensor<3x5xcomplex<f32>>, %log_dt_raw: tensor<3xf32>) -> tensor<3x1xf32> {
  %log_dt_init = tensor.empty() : tensor<3xf32>
  %log_dt = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%log_dt_raw : tensor<3xf32>) outs(%log_dt_init : tensor<3xf32>) {
  ^bb0(%in: f32, %out: f32):
    %c = arith.constant -3.0 : f32
    %s = arith.addf %in, %c : f32
    linalg.yield %s : f32
  } -> tensor<3xf32>
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 1
      : (tensor<3x5xcomplex<f32>>, tensor<3x5xcomplex<f32>>, tensor<3x5xcomplex<f32>>, tensor<3xf32>) -> tensor<3x1xf32>
  return %k : tensor<3x1xf32>
}

// Bilinear, L = 1.
// BILINEAR_L1: @bilinear_l1: 1 result (compiled, cpu)
// BILINEAR_L1: check result #0: {{.*}}: ok
func.func @bilinear_l1(%A: tensor<3x5xcomplex<f32>>, %Bm: tensor<3x5xcomplex<f32>>, %Cm: tensor<3x5xcomplex<f32>>, %log_dt_raw: tensor<3xf32>) -> tensor<3x1xf32> {
  %log_dt_init = tensor.empty() : tensor<3xf32>
  %log_dt = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%log_dt_raw : tensor<3xf32>) outs(%log_dt_init : tensor<3xf32>) {
  ^bb0(%in: f32, %out: f32):
    %c = arith.constant -3.0 : f32
    %s = arith.addf %in, %c : f32
    linalg.yield %s : f32
  } -> tensor<3xf32>
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 1 discretization bilinear
      : (tensor<3x5xcomplex<f32>>, tensor<3x5xcomplex<f32>>, tensor<3x5xcomplex<f32>>, tensor<3xf32>) -> tensor<3x1xf32>
  return %k : tensor<3x1xf32>
}

// ZOH, prime L = 37 with dt = exp(log_dt - 4) so that |Abar|^L stays O(1).
// ZOH_PRIME: @zoh_prime: 1 result (compiled, cpu)
// ZOH_PRIME: check result #0: {{.*}}: ok
func.func @zoh_prime(%A: tensor<2x4xcomplex<f32>>, %Bm: tensor<2x4xcomplex<f32>>, %Cm: tensor<2x4xcomplex<f32>>, %log_dt_raw: tensor<2xf32>) -> tensor<2x37xf32> {
  %log_dt_init = tensor.empty() : tensor<2xf32>
  %log_dt = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%log_dt_raw : tensor<2xf32>) outs(%log_dt_init : tensor<2xf32>) {
  ^bb0(%in: f32, %out: f32):
    %c = arith.constant -4.0 : f32
    %s = arith.addf %in, %c : f32
    linalg.yield %s : f32
  } -> tensor<2xf32>
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 37
      : (tensor<2x4xcomplex<f32>>, tensor<2x4xcomplex<f32>>, tensor<2x4xcomplex<f32>>, tensor<2xf32>) -> tensor<2x37xf32>
  return %k : tensor<2x37xf32>
}

// Bilinear, prime L = 37 with dt = exp(log_dt - 4).
// BILINEAR_PRIME: @bilinear_prime: 1 result (compiled, cpu)
// BILINEAR_PRIME: check result #0: {{.*}}: ok
func.func @bilinear_prime(%A: tensor<2x4xcomplex<f32>>, %Bm: tensor<2x4xcomplex<f32>>, %Cm: tensor<2x4xcomplex<f32>>, %log_dt_raw: tensor<2xf32>) -> tensor<2x37xf32> {
  %log_dt_init = tensor.empty() : tensor<2xf32>
  %log_dt = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%log_dt_raw : tensor<2xf32>) outs(%log_dt_init : tensor<2xf32>) {
  ^bb0(%in: f32, %out: f32):
    %c = arith.constant -4.0 : f32
    %s = arith.addf %in, %c : f32
    linalg.yield %s : f32
  } -> tensor<2xf32>
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 37 discretization bilinear
      : (tensor<2x4xcomplex<f32>>, tensor<2x4xcomplex<f32>>, tensor<2x4xcomplex<f32>>, tensor<2xf32>) -> tensor<2x37xf32>
  return %k : tensor<2x37xf32>
}

// ZOH with log_dt used as given (dt in [1/e, e)), short L = 4.
// ZOH_UNSHIFTED: @zoh_unshifted: 1 result (compiled, cpu)
// ZOH_UNSHIFTED: check result #0: {{.*}}: ok
func.func @zoh_unshifted(%A: tensor<3x4xcomplex<f32>>, %Bm: tensor<3x4xcomplex<f32>>, %Cm: tensor<3x4xcomplex<f32>>, %log_dt_raw: tensor<3xf32>) -> tensor<3x4xf32> {
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt_raw length 4
      : (tensor<3x4xcomplex<f32>>, tensor<3x4xcomplex<f32>>, tensor<3x4xcomplex<f32>>, tensor<3xf32>) -> tensor<3x4xf32>
  return %k : tensor<3x4xf32>
}

// Bilinear with log_dt used as given, short L = 4.
// BILINEAR_UNSHIFTED: @bilinear_unshifted: 1 result (compiled, cpu)
// BILINEAR_UNSHIFTED: check result #0: {{.*}}: ok
func.func @bilinear_unshifted(%A: tensor<3x4xcomplex<f32>>, %Bm: tensor<3x4xcomplex<f32>>, %Cm: tensor<3x4xcomplex<f32>>, %log_dt_raw: tensor<3xf32>) -> tensor<3x4xf32> {
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt_raw length 4 discretization bilinear
      : (tensor<3x4xcomplex<f32>>, tensor<3x4xcomplex<f32>>, tensor<3x4xcomplex<f32>>, tensor<3xf32>) -> tensor<3x4xf32>
  return %k : tensor<3x4xf32>
}

// One state (N = 1), ZOH, L = 13.
// N1: @n1: 1 result (compiled, cpu)
// N1: check result #0: {{.*}}: ok
func.func @n1(%A: tensor<2x1xcomplex<f32>>, %Bm: tensor<2x1xcomplex<f32>>, %Cm: tensor<2x1xcomplex<f32>>, %log_dt_raw: tensor<2xf32>) -> tensor<2x13xf32> {
  %log_dt_init = tensor.empty() : tensor<2xf32>
  %log_dt = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%log_dt_raw : tensor<2xf32>) outs(%log_dt_init : tensor<2xf32>) {
  ^bb0(%in: f32, %out: f32):
    %c = arith.constant -3.0 : f32
    %s = arith.addf %in, %c : f32
    linalg.yield %s : f32
  } -> tensor<2xf32>
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 13
      : (tensor<2x1xcomplex<f32>>, tensor<2x1xcomplex<f32>>, tensor<2x1xcomplex<f32>>, tensor<2xf32>) -> tensor<2x13xf32>
  return %k : tensor<2x13xf32>
}

// A hand-written "vandermonde" schedule, bilinear, L = 13.
// SCHEDULE_VANDERMONDE: @schedule_vandermonde: 1 result (compiled, cpu)
// SCHEDULE_VANDERMONDE: check result #0: {{.*}}: ok
func.func @schedule_vandermonde(%A: tensor<2x4xcomplex<f32>>, %Bm: tensor<2x4xcomplex<f32>>, %Cm: tensor<2x4xcomplex<f32>>, %log_dt_raw: tensor<2xf32>) -> tensor<2x13xf32> {
  %log_dt_init = tensor.empty() : tensor<2xf32>
  %log_dt = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%log_dt_raw : tensor<2xf32>) outs(%log_dt_init : tensor<2xf32>) {
  ^bb0(%in: f32, %out: f32):
    %c = arith.constant -3.0 : f32
    %s = arith.addf %in, %c : f32
    linalg.yield %s : f32
  } -> tensor<2xf32>
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 13 discretization bilinear {ssm.schedule = #ssm.schedule<"vandermonde", {}>}
      : (tensor<2x4xcomplex<f32>>, tensor<2x4xcomplex<f32>>, tensor<2x4xcomplex<f32>>, tensor<2xf32>) -> tensor<2x13xf32>
  return %k : tensor<2x13xf32>
}

// ZOH with complex<f64> and an f64 result, L = 13.
// ZOH_C64: @zoh_c64: 1 result (compiled, cpu)
// ZOH_C64: check result #0: {{.*}}: ok
func.func @zoh_c64(%A: tensor<3x6xcomplex<f64>>, %Bm: tensor<3x6xcomplex<f64>>, %Cm: tensor<3x6xcomplex<f64>>, %log_dt_raw: tensor<3xf64>) -> tensor<3x13xf64> {
  %log_dt_init = tensor.empty() : tensor<3xf64>
  %log_dt = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%log_dt_raw : tensor<3xf64>) outs(%log_dt_init : tensor<3xf64>) {
  ^bb0(%in: f64, %out: f64):
    %c = arith.constant -3.0 : f64
    %s = arith.addf %in, %c : f64
    linalg.yield %s : f64
  } -> tensor<3xf64>
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 13
      : (tensor<3x6xcomplex<f64>>, tensor<3x6xcomplex<f64>>, tensor<3x6xcomplex<f64>>, tensor<3xf64>) -> tensor<3x13xf64>
  return %k : tensor<3x13xf64>
}

// Bilinear with complex<f64> and an f64 result, L = 13.
// BILINEAR_C64: @bilinear_c64: 1 result (compiled, cpu)
// BILINEAR_C64: check result #0: {{.*}}: ok
func.func @bilinear_c64(%A: tensor<3x6xcomplex<f64>>, %Bm: tensor<3x6xcomplex<f64>>, %Cm: tensor<3x6xcomplex<f64>>, %log_dt_raw: tensor<3xf64>) -> tensor<3x13xf64> {
  %log_dt_init = tensor.empty() : tensor<3xf64>
  %log_dt = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%log_dt_raw : tensor<3xf64>) outs(%log_dt_init : tensor<3xf64>) {
  ^bb0(%in: f64, %out: f64):
    %c = arith.constant -3.0 : f64
    %s = arith.addf %in, %c : f64
    linalg.yield %s : f64
  } -> tensor<3xf64>
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 13 discretization bilinear
      : (tensor<3x6xcomplex<f64>>, tensor<3x6xcomplex<f64>>, tensor<3x6xcomplex<f64>>, tensor<3xf64>) -> tensor<3x13xf64>
  return %k : tensor<3x13xf64>
}

// Dynamic channel and state counts (D = 3, N = 5 at run time), ZOH, L = 16;
// log_dt in [-4, -2) from the .npy file.
// DYNAMIC_CHANNELS: @dynamic_channels: 1 result (compiled, cpu)
// DYNAMIC_CHANNELS: check result #0: {{.*}}: ok
func.func @dynamic_channels(%A: tensor<?x?xcomplex<f32>>, %Bm: tensor<?x?xcomplex<f32>>, %Cm: tensor<?x?xcomplex<f32>>, %log_dt_raw: tensor<?xf32>) -> tensor<?x16xf32> {
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt_raw length 16
      : (tensor<?x?xcomplex<f32>>, tensor<?x?xcomplex<f32>>, tensor<?x?xcomplex<f32>>, tensor<?xf32>) -> tensor<?x16xf32>
  return %k : tensor<?x16xf32>
}

