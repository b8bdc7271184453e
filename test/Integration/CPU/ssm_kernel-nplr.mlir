// Compiled ssm.ssm_kernel, NPLR form (convert-ssm-to-linalg: per channel, in
// complex<f64>, M = diag(A) - P^T conj(P), Abar and Bbar by Gauss-Jordan with
// partial pivoting, exp(dt M) by scaling and squaring for ZOH, then Krylov
// blocks) against the reference evaluator (dense matrices in double, Abar^l
// applied step by step).
// Seeded random inputs in [-1, 1) use dt = exp(log_dt - 3) (or - 4 for
// L = 37) so that |eig Abar|^L stays O(1). S4's own inputs: HiPPO-LegS in its
// NPLR form (Inputs/hippo_nplr.py), N = 16 and 64, L = 1000 and 4096.
// Covers ZOH and bilinear, ranks 1 to 3, L = 1, prime L, N = 1,
// complex<f64>, dynamic channel counts and a hand-written schedule.
// Tolerance: ssm-run --check's default, max|compiled - reference| /
// max|reference| <= 1e-4 for f32 and 1e-10 for f64.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: ssm-run %s --entry zoh_r1 --check --random-inputs --seed 1 | FileCheck %s --check-prefix=ZOH_R1
// RUN: ssm-run %s --entry bilinear_r2 --check --random-inputs --seed 2 | FileCheck %s --check-prefix=BILINEAR_R2
// RUN: ssm-run %s --entry zoh_l1 --check --random-inputs --seed 3 | FileCheck %s --check-prefix=ZOH_L1
// RUN: ssm-run %s --entry bilinear_l1 --check --random-inputs --seed 4 | FileCheck %s --check-prefix=BILINEAR_L1
// RUN: ssm-run %s --entry zoh_prime --check --random-inputs --seed 5 | FileCheck %s --check-prefix=ZOH_PRIME
// RUN: ssm-run %s --entry bilinear_prime --check --random-inputs --seed 6 | FileCheck %s --check-prefix=BILINEAR_PRIME
// RUN: ssm-run %s --entry zoh_unshifted --check --random-inputs --seed 7 | FileCheck %s --check-prefix=ZOH_UNSHIFTED
// RUN: ssm-run %s --entry bilinear_unshifted --check --random-inputs --seed 8 | FileCheck %s --check-prefix=BILINEAR_UNSHIFTED
// RUN: ssm-run %s --entry n1 --check --random-inputs --seed 9 | FileCheck %s --check-prefix=N1
// RUN: ssm-run %s --entry zoh_c64 --check --random-inputs --seed 10 | FileCheck %s --check-prefix=ZOH_C64
// RUN: ssm-run %s --entry bilinear_c64 --check --random-inputs --seed 11 | FileCheck %s --check-prefix=BILINEAR_C64
// RUN: %python %S/Inputs/hippo_nplr.py %t/legs16 5 16
// RUN: %python %S/Inputs/hippo_nplr.py %t/legs64 2 64
// RUN: ssm-run %s --entry legs_bilinear --check --input %t/legs16_A.npy --input %t/legs16_Bm.npy \
// RUN:   --input %t/legs16_Cm.npy --input %t/legs16_log_dt.npy --input %t/legs16_P.npy \
// RUN:   | FileCheck %s --check-prefix=LEGS_BILINEAR
// RUN: ssm-run %s --entry legs_zoh --check --input %t/legs16_A.npy --input %t/legs16_Bm.npy \
// RUN:   --input %t/legs16_Cm.npy --input %t/legs16_log_dt.npy --input %t/legs16_P.npy \
// RUN:   | FileCheck %s --check-prefix=LEGS_ZOH
// RUN: ssm-run %s --entry legs64_dynamic_channels --check --input %t/legs64_A.npy --input %t/legs64_Bm.npy \
// RUN:   --input %t/legs64_Cm.npy --input %t/legs64_log_dt.npy --input %t/legs64_P.npy \
// RUN:   | FileCheck %s --check-prefix=LEGS64_DYNAMIC_CHANNELS

#id1 = affine_map<(a) -> (a)>

// ZOH, D = 3, N = 6, rank 1, L = 16.
// ZOH_R1: @zoh_r1: 1 result (compiled, cpu)
// ZOH_R1: check result #0: {{.*}}: ok
func.func @zoh_r1(%A: tensor<3x6xcomplex<f32>>, %Bm: tensor<3x6xcomplex<f32>>, %Cm: tensor<3x6xcomplex<f32>>, %log_dt_raw: tensor<3xf32>, %P: tensor<3x1x6xcomplex<f32>>) -> tensor<3x16xf32> {
  %log_dt_init = tensor.empty() : tensor<3xf32>
  %log_dt = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%log_dt_raw : tensor<3xf32>) outs(%log_dt_init : tensor<3xf32>) {
  ^bb0(%in: f32, %out: f32):
    %c = arith.constant -3.0 : f32
    %s = arith.addf %in, %c : f32
    linalg.yield %s : f32
  } -> tensor<3xf32>
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt low_rank(%P) length 16
      : (tensor<3x6xcomplex<f32>>, tensor<3x6xcomplex<f32>>, tensor<3x6xcomplex<f32>>, tensor<3xf32>, tensor<3x1x6xcomplex<f32>>) -> tensor<3x16xf32>
  return %k : tensor<3x16xf32>
}

// Bilinear, rank 2, L = 16.
// BILINEAR_R2: @bilinear_r2: 1 result (compiled, cpu)
// BILINEAR_R2: check result #0: {{.*}}: ok
func.func @bilinear_r2(%A: tensor<3x6xcomplex<f32>>, %Bm: tensor<3x6xcomplex<f32>>, %Cm: tensor<3x6xcomplex<f32>>, %log_dt_raw: tensor<3xf32>, %P: tensor<3x2x6xcomplex<f32>>) -> tensor<3x16xf32> {
  %log_dt_init = tensor.empty() : tensor<3xf32>
  %log_dt = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%log_dt_raw : tensor<3xf32>) outs(%log_dt_init : tensor<3xf32>) {
  ^bb0(%in: f32, %out: f32):
    %c = arith.constant -3.0 : f32
    %s = arith.addf %in, %c : f32
    linalg.yield %s : f32
  } -> tensor<3xf32>
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt low_rank(%P) length 16 discretization bilinear
      : (tensor<3x6xcomplex<f32>>, tensor<3x6xcomplex<f32>>, tensor<3x6xcomplex<f32>>, tensor<3xf32>, tensor<3x2x6xcomplex<f32>>) -> tensor<3x16xf32>
  return %k : tensor<3x16xf32>
}

// ZOH, L = 1: k[d, 0] = 2 Re(Cm . Bbar).
// ZOH_L1: @zoh_l1: 1 result (compiled, cpu)
// ZOH_L1: check result #0: {{.*}}: ok
func.func @zoh_l1(%A: tensor<3x5xcomplex<f32>>, %Bm: tensor<3x5xcomplex<f32>>, %Cm: tensor<3x5xcomplex<f32>>, %log_dt_raw: tensor<3xf32>, %P: tensor<3x1x5xcomplex<f32>>) -> tensor<3x1xf32> {
  %log_dt_init = tensor.empty() : tensor<3xf32>
  %log_dt = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%log_dt_raw : tensor<3xf32>) outs(%log_dt_init : tensor<3xf32>) {
  ^bb0(%in: f32, %out: f32):
    %c = arith.constant -3.0 : f32
    %s = arith.addf %in, %c : f32
    linalg.yield %s : f32
  } -> tensor<3xf32>
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt low_rank(%P) length 1
      : (tensor<3x5xcomplex<f32>>, tensor<3x5xcomplex<f32>>, tensor<3x5xcomplex<f32>>, tensor<3xf32>, tensor<3x1x5xcomplex<f32>>) -> tensor<3x1xf32>
  return %k : tensor<3x1xf32>
}

// Bilinear, L = 1.
// BILINEAR_L1: @bilinear_l1: 1 result (compiled, cpu)
// BILINEAR_L1: check result #0: {{.*}}: ok
func.func @bilinear_l1(%A: tensor<3x5xcomplex<f32>>, %Bm: tensor<3x5xcomplex<f32>>, %Cm: tensor<3x5xcomplex<f32>>, %log_dt_raw: tensor<3xf32>, %P: tensor<3x1x5xcomplex<f32>>) -> tensor<3x1xf32> {
  %log_dt_init = tensor.empty() : tensor<3xf32>
  %log_dt = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%log_dt_raw : tensor<3xf32>) outs(%log_dt_init : tensor<3xf32>) {
  ^bb0(%in: f32, %out: f32):
    %c = arith.constant -3.0 : f32
    %s = arith.addf %in, %c : f32
    linalg.yield %s : f32
  } -> tensor<3xf32>
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt low_rank(%P) length 1 discretization bilinear
      : (tensor<3x5xcomplex<f32>>, tensor<3x5xcomplex<f32>>, tensor<3x5xcomplex<f32>>, tensor<3xf32>, tensor<3x1x5xcomplex<f32>>) -> tensor<3x1xf32>
  return %k : tensor<3x1xf32>
}

// ZOH, prime L = 37 (Krylov blocks of 8, the last cut to 5 steps), N = 5.
// ZOH_PRIME: @zoh_prime: 1 result (compiled, cpu)
// ZOH_PRIME: check result #0: {{.*}}: ok
func.func @zoh_prime(%A: tensor<2x5xcomplex<f32>>, %Bm: tensor<2x5xcomplex<f32>>, %Cm: tensor<2x5xcomplex<f32>>, %log_dt_raw: tensor<2xf32>, %P: tensor<2x2x5xcomplex<f32>>) -> tensor<2x37xf32> {
  %log_dt_init = tensor.empty() : tensor<2xf32>
  %log_dt = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%log_dt_raw : tensor<2xf32>) outs(%log_dt_init : tensor<2xf32>) {
  ^bb0(%in: f32, %out: f32):
    %c = arith.constant -4.0 : f32
    %s = arith.addf %in, %c : f32
    linalg.yield %s : f32
  } -> tensor<2xf32>
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt low_rank(%P) length 37
      : (tensor<2x5xcomplex<f32>>, tensor<2x5xcomplex<f32>>, tensor<2x5xcomplex<f32>>, tensor<2xf32>, tensor<2x2x5xcomplex<f32>>) -> tensor<2x37xf32>
  return %k : tensor<2x37xf32>
}

// Bilinear, prime L = 37, N = 7, rank 3.
// BILINEAR_PRIME: @bilinear_prime: 1 result (compiled, cpu)
// BILINEAR_PRIME: check result #0: {{.*}}: ok
func.func @bilinear_prime(%A: tensor<2x7xcomplex<f32>>, %Bm: tensor<2x7xcomplex<f32>>, %Cm: tensor<2x7xcomplex<f32>>, %log_dt_raw: tensor<2xf32>, %P: tensor<2x3x7xcomplex<f32>>) -> tensor<2x37xf32> {
  %log_dt_init = tensor.empty() : tensor<2xf32>
  %log_dt = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%log_dt_raw : tensor<2xf32>) outs(%log_dt_init : tensor<2xf32>) {
  ^bb0(%in: f32, %out: f32):
    %c = arith.constant -4.0 : f32
    %s = arith.addf %in, %c : f32
    linalg.yield %s : f32
  } -> tensor<2xf32>
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt low_rank(%P) length 37 discretization bilinear
      : (tensor<2x7xcomplex<f32>>, tensor<2x7xcomplex<f32>>, tensor<2x7xcomplex<f32>>, tensor<2xf32>, tensor<2x3x7xcomplex<f32>>) -> tensor<2x37xf32>
  return %k : tensor<2x37xf32>
}

// ZOH with log_dt used as given (dt in [1/e, e): exp(dt M) needs squarings), short L = 4.
// ZOH_UNSHIFTED: @zoh_unshifted: 1 result (compiled, cpu)
// ZOH_UNSHIFTED: check result #0: {{.*}}: ok
func.func @zoh_unshifted(%A: tensor<3x4xcomplex<f32>>, %Bm: tensor<3x4xcomplex<f32>>, %Cm: tensor<3x4xcomplex<f32>>, %log_dt_raw: tensor<3xf32>, %P: tensor<3x1x4xcomplex<f32>>) -> tensor<3x4xf32> {
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt_raw low_rank(%P) length 4
      : (tensor<3x4xcomplex<f32>>, tensor<3x4xcomplex<f32>>, tensor<3x4xcomplex<f32>>, tensor<3xf32>, tensor<3x1x4xcomplex<f32>>) -> tensor<3x4xf32>
  return %k : tensor<3x4xf32>
}

// Bilinear with log_dt used as given, short L = 4.
// BILINEAR_UNSHIFTED: @bilinear_unshifted: 1 result (compiled, cpu)
// BILINEAR_UNSHIFTED: check result #0: {{.*}}: ok
func.func @bilinear_unshifted(%A: tensor<3x4xcomplex<f32>>, %Bm: tensor<3x4xcomplex<f32>>, %Cm: tensor<3x4xcomplex<f32>>, %log_dt_raw: tensor<3xf32>, %P: tensor<3x1x4xcomplex<f32>>) -> tensor<3x4xf32> {
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt_raw low_rank(%P) length 4 discretization bilinear
      : (tensor<3x4xcomplex<f32>>, tensor<3x4xcomplex<f32>>, tensor<3x4xcomplex<f32>>, tensor<3xf32>, tensor<3x1x4xcomplex<f32>>) -> tensor<3x4xf32>
  return %k : tensor<3x4xf32>
}

// One state (N = 1), ZOH, L = 13.
// N1: @n1: 1 result (compiled, cpu)
// N1: check result #0: {{.*}}: ok
func.func @n1(%A: tensor<2x1xcomplex<f32>>, %Bm: tensor<2x1xcomplex<f32>>, %Cm: tensor<2x1xcomplex<f32>>, %log_dt_raw: tensor<2xf32>, %P: tensor<2x1x1xcomplex<f32>>) -> tensor<2x13xf32> {
  %log_dt_init = tensor.empty() : tensor<2xf32>
  %log_dt = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%log_dt_raw : tensor<2xf32>) outs(%log_dt_init : tensor<2xf32>) {
  ^bb0(%in: f32, %out: f32):
    %c = arith.constant -3.0 : f32
    %s = arith.addf %in, %c : f32
    linalg.yield %s : f32
  } -> tensor<2xf32>
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt low_rank(%P) length 13
      : (tensor<2x1xcomplex<f32>>, tensor<2x1xcomplex<f32>>, tensor<2x1xcomplex<f32>>, tensor<2xf32>, tensor<2x1x1xcomplex<f32>>) -> tensor<2x13xf32>
  return %k : tensor<2x13xf32>
}

// ZOH with complex<f64> and an f64 result, L = 13.
// ZOH_C64: @zoh_c64: 1 result (compiled, cpu)
// ZOH_C64: check result #0: {{.*}}: ok
func.func @zoh_c64(%A: tensor<3x6xcomplex<f64>>, %Bm: tensor<3x6xcomplex<f64>>, %Cm: tensor<3x6xcomplex<f64>>, %log_dt_raw: tensor<3xf64>, %P: tensor<3x2x6xcomplex<f64>>) -> tensor<3x13xf64> {
  %log_dt_init = tensor.empty() : tensor<3xf64>
  %log_dt = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%log_dt_raw : tensor<3xf64>) outs(%log_dt_init : tensor<3xf64>) {
  ^bb0(%in: f64, %out: f64):
    %c = arith.constant -3.0 : f64
    %s = arith.addf %in, %c : f64
    linalg.yield %s : f64
  } -> tensor<3xf64>
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt low_rank(%P) length 13
      : (tensor<3x6xcomplex<f64>>, tensor<3x6xcomplex<f64>>, tensor<3x6xcomplex<f64>>, tensor<3xf64>, tensor<3x2x6xcomplex<f64>>) -> tensor<3x13xf64>
  return %k : tensor<3x13xf64>
}

// Bilinear with complex<f64> and an f64 result, L = 13.
// BILINEAR_C64: @bilinear_c64: 1 result (compiled, cpu)
// BILINEAR_C64: check result #0: {{.*}}: ok
func.func @bilinear_c64(%A: tensor<3x6xcomplex<f64>>, %Bm: tensor<3x6xcomplex<f64>>, %Cm: tensor<3x6xcomplex<f64>>, %log_dt_raw: tensor<3xf64>, %P: tensor<3x2x6xcomplex<f64>>) -> tensor<3x13xf64> {
  %log_dt_init = tensor.empty() : tensor<3xf64>
  %log_dt = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%log_dt_raw : tensor<3xf64>) outs(%log_dt_init : tensor<3xf64>) {
  ^bb0(%in: f64, %out: f64):
    %c = arith.constant -3.0 : f64
    %s = arith.addf %in, %c : f64
    linalg.yield %s : f64
  } -> tensor<3xf64>
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt low_rank(%P) length 13 discretization bilinear
      : (tensor<3x6xcomplex<f64>>, tensor<3x6xcomplex<f64>>, tensor<3x6xcomplex<f64>>, tensor<3xf64>, tensor<3x2x6xcomplex<f64>>) -> tensor<3x13xf64>
  return %k : tensor<3x13xf64>
}

// S4: HiPPO-LegS, N = 16, rank 1, L = 1000 (Krylov blocks of 32), bilinear as
// in S4, with a hand-written "vandermonde" schedule.
// LEGS_BILINEAR: @legs_bilinear: 1 result (compiled, cpu)
// LEGS_BILINEAR: check result #0: {{.*}}: ok
func.func @legs_bilinear(%A: tensor<5x16xcomplex<f32>>, %Bm: tensor<5x16xcomplex<f32>>, %Cm: tensor<5x16xcomplex<f32>>, %log_dt: tensor<5xf32>, %P: tensor<5x1x16xcomplex<f32>>) -> tensor<5x1000xf32> {
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt low_rank(%P) length 1000 discretization bilinear {ssm.schedule = #ssm.schedule<"vandermonde", {}>}
      : (tensor<5x16xcomplex<f32>>, tensor<5x16xcomplex<f32>>, tensor<5x16xcomplex<f32>>, tensor<5xf32>, tensor<5x1x16xcomplex<f32>>) -> tensor<5x1000xf32>
  return %k : tensor<5x1000xf32>
}

// HiPPO-LegS, N = 16, ZOH, L = 1000.
// LEGS_ZOH: @legs_zoh: 1 result (compiled, cpu)
// LEGS_ZOH: check result #0: {{.*}}: ok
func.func @legs_zoh(%A: tensor<5x16xcomplex<f32>>, %Bm: tensor<5x16xcomplex<f32>>, %Cm: tensor<5x16xcomplex<f32>>, %log_dt: tensor<5xf32>, %P: tensor<5x1x16xcomplex<f32>>) -> tensor<5x1000xf32> {
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt low_rank(%P) length 1000
      : (tensor<5x16xcomplex<f32>>, tensor<5x16xcomplex<f32>>, tensor<5x16xcomplex<f32>>, tensor<5xf32>, tensor<5x1x16xcomplex<f32>>) -> tensor<5x1000xf32>
  return %k : tensor<5x1000xf32>
}

// HiPPO-LegS at S4's size, N = 64, L = 4096, bilinear, with the channel count
// (2) known only at run time.
// LEGS64_DYNAMIC_CHANNELS: @legs64_dynamic_channels: 1 result (compiled, cpu)
// LEGS64_DYNAMIC_CHANNELS: check result #0: {{.*}}: ok
func.func @legs64_dynamic_channels(%A: tensor<?x64xcomplex<f32>>, %Bm: tensor<?x64xcomplex<f32>>, %Cm: tensor<?x64xcomplex<f32>>, %log_dt: tensor<?xf32>, %P: tensor<?x1x64xcomplex<f32>>) -> tensor<?x4096xf32> {
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt low_rank(%P) length 4096 discretization bilinear
      : (tensor<?x64xcomplex<f32>>, tensor<?x64xcomplex<f32>>, tensor<?x64xcomplex<f32>>, tensor<?xf32>, tensor<?x1x64xcomplex<f32>>) -> tensor<?x4096xf32>
  return %k : tensor<?x4096xf32>
}
