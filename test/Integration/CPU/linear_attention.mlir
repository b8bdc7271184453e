// Compiled ssm.linear_attention (convert-ssm-to-linalg: an scf.for over time
// carrying the state when causal, one reduction over time otherwise) against
// the reference evaluator on seeded random inputs in [-1, 1): every feature map
// (identity, elu1, relu, taylor2) causal and not, normalize where the
// denominator stays away from zero (elu1, taylor2, and relu on shifted inputs),
// L = 1, prime L, f64, and dynamic batch and length.
// Tolerance: ssm-run --check's default, max|compiled - reference| /
// max|reference| <= 1e-4 for f32 and 1e-10 for f64.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: ssm-run %s --entry identity_causal --check --random-inputs --seed 1 | FileCheck %s --check-prefix=IDENTITY_CAUSAL
// RUN: ssm-run %s --entry identity_full --check --random-inputs --seed 2 | FileCheck %s --check-prefix=IDENTITY_FULL
// RUN: ssm-run %s --entry elu1_causal --check --random-inputs --seed 3 | FileCheck %s --check-prefix=ELU1_CAUSAL
// RUN: ssm-run %s --entry elu1_causal_normalize --check --random-inputs --seed 4 | FileCheck %s --check-prefix=ELU1_CAUSAL_NORMALIZE
// RUN: ssm-run %s --entry elu1_full_normalize --check --random-inputs --seed 5 | FileCheck %s --check-prefix=ELU1_FULL_NORMALIZE
// RUN: ssm-run %s --entry relu_causal --check --random-inputs --seed 6 | FileCheck %s --check-prefix=RELU_CAUSAL
// RUN: ssm-run %s --entry relu_full --check --random-inputs --seed 7 | FileCheck %s --check-prefix=RELU_FULL
// RUN: ssm-run %s --entry relu_causal_normalize --check --random-inputs --seed 8 | FileCheck %s --check-prefix=RELU_CAUSAL_NORMALIZE
// RUN: ssm-run %s --entry relu_full_normalize --check --random-inputs --seed 9 | FileCheck %s --check-prefix=RELU_FULL_NORMALIZE
// RUN: ssm-run %s --entry taylor2_causal --check --random-inputs --seed 10 | FileCheck %s --check-prefix=TAYLOR2_CAUSAL
// RUN: ssm-run %s --entry taylor2_full --check --random-inputs --seed 11 | FileCheck %s --check-prefix=TAYLOR2_FULL
// RUN: ssm-run %s --entry taylor2_causal_normalize --check --random-inputs --seed 12 | FileCheck %s --check-prefix=TAYLOR2_CAUSAL_NORMALIZE
// RUN: ssm-run %s --entry taylor2_full_normalize --check --random-inputs --seed 13 | FileCheck %s --check-prefix=TAYLOR2_FULL_NORMALIZE
// RUN: ssm-run %s --entry l1_causal_normalize --check --random-inputs --seed 14 | FileCheck %s --check-prefix=L1_CAUSAL_NORMALIZE
// RUN: ssm-run %s --entry l1_taylor2_full --check --random-inputs --seed 15 | FileCheck %s --check-prefix=L1_TAYLOR2_FULL
// RUN: ssm-run %s --entry f64_taylor2_causal_normalize --check --random-inputs --seed 16 | FileCheck %s --check-prefix=F64_TAYLOR2_CAUSAL_NORMALIZE
// RUN: ssm-run %s --entry f64_elu1_full --check --random-inputs --seed 17 | FileCheck %s --check-prefix=F64_ELU1_FULL
// RUN: ssm-run %s --entry f64_identity_causal --check --random-inputs --seed 18 | FileCheck %s --check-prefix=F64_IDENTITY_CAUSAL
// RUN: %python -c "import numpy as np; \
// RUN:   r = np.random.default_rng(201); \
// RUN:   np.save('%t/q_dynamic_causal.npy', r.uniform(-1, 1, (2, 2, 29, 4)).astype(np.float32)); \
// RUN:   np.save('%t/k_dynamic_causal.npy', r.uniform(-1, 1, (2, 2, 29, 4)).astype(np.float32)); \
// RUN:   np.save('%t/v_dynamic_causal.npy', r.uniform(-1, 1, (2, 2, 29, 4)).astype(np.float32))"
// RUN: ssm-run %s --entry dynamic_causal --check \
// RUN:   --input %t/q_dynamic_causal.npy --input %t/k_dynamic_causal.npy --input %t/v_dynamic_causal.npy \
// RUN:   | FileCheck %s --check-prefix=DYNAMIC_CAUSAL
// RUN: %python -c "import numpy as np; \
// RUN:   r = np.random.default_rng(202); \
// RUN:   np.save('%t/q_dynamic_full.npy', r.uniform(-1, 1, (3, 2, 13, 4)).astype(np.float32)); \
// RUN:   np.save('%t/k_dynamic_full.npy', r.uniform(-1, 1, (3, 2, 13, 4)).astype(np.float32)); \
// RUN:   np.save('%t/v_dynamic_full.npy', r.uniform(-1, 1, (3, 2, 13, 4)).astype(np.float32))"
// RUN: ssm-run %s --entry dynamic_full --check \
// RUN:   --input %t/q_dynamic_full.npy --input %t/k_dynamic_full.npy --input %t/v_dynamic_full.npy \
// RUN:   | FileCheck %s --check-prefix=DYNAMIC_FULL

#id1 = affine_map<(a) -> (a)>
#id2 = affine_map<(a, b) -> (a, b)>
#id3 = affine_map<(a, b, c) -> (a, b, c)>
#id4 = affine_map<(a, b, c, d) -> (a, b, c, d)>

// Identity feature map, causal, prime L = 13, B = H = 2, Ev != E.
// IDENTITY_CAUSAL: @identity_causal: 1 result (compiled, cpu)
// IDENTITY_CAUSAL: check result #0: {{.*}}: ok
func.func @identity_causal(%q: tensor<2x2x13x4xf32>, %k: tensor<2x2x13x4xf32>, %v: tensor<2x2x13x5xf32>) -> tensor<2x2x13x5xf32> {
  %y = ssm.linear_attention %q, %k, %v causal : tensor<2x2x13x4xf32>, tensor<2x2x13x4xf32>, tensor<2x2x13x5xf32> -> tensor<2x2x13x5xf32>
  return %y : tensor<2x2x13x5xf32>
}

// Identity feature map, not causal (every query reads the whole sum).
// IDENTITY_FULL: @identity_full: 1 result (compiled, cpu)
// IDENTITY_FULL: check result #0: {{.*}}: ok
func.func @identity_full(%q: tensor<2x2x13x4xf32>, %k: tensor<2x2x13x4xf32>, %v: tensor<2x2x13x5xf32>) -> tensor<2x2x13x5xf32> {
  %y = ssm.linear_attention %q, %k, %v : tensor<2x2x13x4xf32>, tensor<2x2x13x4xf32>, tensor<2x2x13x5xf32> -> tensor<2x2x13x5xf32>
  return %y : tensor<2x2x13x5xf32>
}

// elu(x) + 1 feature map, causal, L = 37.
// ELU1_CAUSAL: @elu1_causal: 1 result (compiled, cpu)
// ELU1_CAUSAL: check result #0: {{.*}}: ok
func.func @elu1_causal(%q: tensor<1x2x37x4xf32>, %k: tensor<1x2x37x4xf32>, %v: tensor<1x2x37x4xf32>) -> tensor<1x2x37x4xf32> {
  %y = ssm.linear_attention %q, %k, %v causal feature_map elu1 : tensor<1x2x37x4xf32>, tensor<1x2x37x4xf32>, tensor<1x2x37x4xf32> -> tensor<1x2x37x4xf32>
  return %y : tensor<1x2x37x4xf32>
}

// elu(x) + 1, causal, normalized by the running sum of phi(q).phi(k) (positive
// for elu1).
// ELU1_CAUSAL_NORMALIZE: @elu1_causal_normalize: 1 result (compiled, cpu)
// ELU1_CAUSAL_NORMALIZE: check result #0: {{.*}}: ok
func.func @elu1_causal_normalize(%q: tensor<1x2x37x4xf32>, %k: tensor<1x2x37x4xf32>, %v: tensor<1x2x37x4xf32>) -> tensor<1x2x37x4xf32> {
  %y = ssm.linear_attention %q, %k, %v causal normalize feature_map elu1 : tensor<1x2x37x4xf32>, tensor<1x2x37x4xf32>, tensor<1x2x37x4xf32> -> tensor<1x2x37x4xf32>
  return %y : tensor<1x2x37x4xf32>
}

// elu(x) + 1, not causal, normalized.
// ELU1_FULL_NORMALIZE: @elu1_full_normalize: 1 result (compiled, cpu)
// ELU1_FULL_NORMALIZE: check result #0: {{.*}}: ok
func.func @elu1_full_normalize(%q: tensor<2x2x13x4xf32>, %k: tensor<2x2x13x4xf32>, %v: tensor<2x2x13x3xf32>) -> tensor<2x2x13x3xf32> {
  %y = ssm.linear_attention %q, %k, %v normalize feature_map elu1 : tensor<2x2x13x4xf32>, tensor<2x2x13x4xf32>, tensor<2x2x13x3xf32> -> tensor<2x2x13x3xf32>
  return %y : tensor<2x2x13x3xf32>
}

// relu feature map, causal.
// RELU_CAUSAL: @relu_causal: 1 result (compiled, cpu)
// RELU_CAUSAL: check result #0: {{.*}}: ok
func.func @relu_causal(%q: tensor<1x2x13x4xf32>, %k: tensor<1x2x13x4xf32>, %v: tensor<1x2x13x4xf32>) -> tensor<1x2x13x4xf32> {
  %y = ssm.linear_attention %q, %k, %v causal feature_map relu : tensor<1x2x13x4xf32>, tensor<1x2x13x4xf32>, tensor<1x2x13x4xf32> -> tensor<1x2x13x4xf32>
  return %y : tensor<1x2x13x4xf32>
}

// relu feature map, not causal.
// RELU_FULL: @relu_full: 1 result (compiled, cpu)
// RELU_FULL: check result #0: {{.*}}: ok
func.func @relu_full(%q: tensor<1x2x13x4xf32>, %k: tensor<1x2x13x4xf32>, %v: tensor<1x2x13x4xf32>) -> tensor<1x2x13x4xf32> {
  %y = ssm.linear_attention %q, %k, %v feature_map relu : tensor<1x2x13x4xf32>, tensor<1x2x13x4xf32>, tensor<1x2x13x4xf32> -> tensor<1x2x13x4xf32>
  return %y : tensor<1x2x13x4xf32>
}

// relu, causal, normalized, on q + 1.5 and k + 1.5 (all positive) so that no
// denominator is zero.
// RELU_CAUSAL_NORMALIZE: @relu_causal_normalize: 1 result (compiled, cpu)
// RELU_CAUSAL_NORMALIZE: check result #0: {{.*}}: ok
func.func @relu_causal_normalize(%q: tensor<1x2x13x4xf32>, %k: tensor<1x2x13x4xf32>, %v: tensor<1x2x13x4xf32>) -> tensor<1x2x13x4xf32> {
  %qp_init = tensor.empty() : tensor<1x2x13x4xf32>
  %qp = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%q : tensor<1x2x13x4xf32>) outs(%qp_init : tensor<1x2x13x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %c = arith.constant 1.5 : f32
    %s = arith.addf %in, %c : f32
    linalg.yield %s : f32
  } -> tensor<1x2x13x4xf32>
  %kp_init = tensor.empty() : tensor<1x2x13x4xf32>
  %kp = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%k : tensor<1x2x13x4xf32>) outs(%kp_init : tensor<1x2x13x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %c = arith.constant 1.5 : f32
    %s = arith.addf %in, %c : f32
    linalg.yield %s : f32
  } -> tensor<1x2x13x4xf32>
  %y = ssm.linear_attention %qp, %kp, %v causal normalize feature_map relu : tensor<1x2x13x4xf32>, tensor<1x2x13x4xf32>, tensor<1x2x13x4xf32> -> tensor<1x2x13x4xf32>
  return %y : tensor<1x2x13x4xf32>
}

// relu, not causal, normalized, on q + 1.5 and k + 1.5.
// RELU_FULL_NORMALIZE: @relu_full_normalize: 1 result (compiled, cpu)
// RELU_FULL_NORMALIZE: check result #0: {{.*}}: ok
func.func @relu_full_normalize(%q: tensor<1x2x13x4xf32>, %k: tensor<1x2x13x4xf32>, %v: tensor<1x2x13x4xf32>) -> tensor<1x2x13x4xf32> {
  %qp_init = tensor.empty() : tensor<1x2x13x4xf32>
  %qp = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%q : tensor<1x2x13x4xf32>) outs(%qp_init : tensor<1x2x13x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %c = arith.constant 1.5 : f32
    %s = arith.addf %in, %c : f32
    linalg.yield %s : f32
  } -> tensor<1x2x13x4xf32>
  %kp_init = tensor.empty() : tensor<1x2x13x4xf32>
  %kp = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%k : tensor<1x2x13x4xf32>) outs(%kp_init : tensor<1x2x13x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %c = arith.constant 1.5 : f32
    %s = arith.addf %in, %c : f32
    linalg.yield %s : f32
  } -> tensor<1x2x13x4xf32>
  %y = ssm.linear_attention %qp, %kp, %v normalize feature_map relu : tensor<1x2x13x4xf32>, tensor<1x2x13x4xf32>, tensor<1x2x13x4xf32> -> tensor<1x2x13x4xf32>
  return %y : tensor<1x2x13x4xf32>
}

// Taylor-2 feature map [1, x, vec(x x^T)/sqrt(2)] (F = 1 + 4 + 16), causal.
// TAYLOR2_CAUSAL: @taylor2_causal: 1 result (compiled, cpu)
// TAYLOR2_CAUSAL: check result #0: {{.*}}: ok
func.func @taylor2_causal(%q: tensor<1x2x13x4xf32>, %k: tensor<1x2x13x4xf32>, %v: tensor<1x2x13x4xf32>) -> tensor<1x2x13x4xf32> {
  %y = ssm.linear_attention %q, %k, %v causal feature_map taylor2 : tensor<1x2x13x4xf32>, tensor<1x2x13x4xf32>, tensor<1x2x13x4xf32> -> tensor<1x2x13x4xf32>
  return %y : tensor<1x2x13x4xf32>
}

// Taylor-2, not causal.
// TAYLOR2_FULL: @taylor2_full: 1 result (compiled, cpu)
// TAYLOR2_FULL: check result #0: {{.*}}: ok
func.func @taylor2_full(%q: tensor<1x2x13x4xf32>, %k: tensor<1x2x13x4xf32>, %v: tensor<1x2x13x4xf32>) -> tensor<1x2x13x4xf32> {
  %y = ssm.linear_attention %q, %k, %v feature_map taylor2 : tensor<1x2x13x4xf32>, tensor<1x2x13x4xf32>, tensor<1x2x13x4xf32> -> tensor<1x2x13x4xf32>
  return %y : tensor<1x2x13x4xf32>
}

// Taylor-2, causal, normalized (phi(q).phi(k) = 1 + q.k + (q.k)^2/2 >= 1/2).
// TAYLOR2_CAUSAL_NORMALIZE: @taylor2_causal_normalize: 1 result (compiled, cpu)
// TAYLOR2_CAUSAL_NORMALIZE: check result #0: {{.*}}: ok
func.func @taylor2_causal_normalize(%q: tensor<2x2x37x4xf32>, %k: tensor<2x2x37x4xf32>, %v: tensor<2x2x37x6xf32>) -> tensor<2x2x37x6xf32> {
  %y = ssm.linear_attention %q, %k, %v causal normalize feature_map taylor2 : tensor<2x2x37x4xf32>, tensor<2x2x37x4xf32>, tensor<2x2x37x6xf32> -> tensor<2x2x37x6xf32>
  return %y : tensor<2x2x37x6xf32>
}

// Taylor-2, not causal, normalized.
// TAYLOR2_FULL_NORMALIZE: @taylor2_full_normalize: 1 result (compiled, cpu)
// TAYLOR2_FULL_NORMALIZE: check result #0: {{.*}}: ok
func.func @taylor2_full_normalize(%q: tensor<1x2x37x3xf32>, %k: tensor<1x2x37x3xf32>, %v: tensor<1x2x37x4xf32>) -> tensor<1x2x37x4xf32> {
  %y = ssm.linear_attention %q, %k, %v normalize feature_map taylor2 : tensor<1x2x37x3xf32>, tensor<1x2x37x3xf32>, tensor<1x2x37x4xf32> -> tensor<1x2x37x4xf32>
  return %y : tensor<1x2x37x4xf32>
}

// L = 1, elu1, causal, normalized; B = 2 (B = 1 with H > 1 is a known failure,
// see xfail-unit-dim-slices.mlir).
// L1_CAUSAL_NORMALIZE: @l1_causal_normalize: 1 result (compiled, cpu)
// L1_CAUSAL_NORMALIZE: check result #0: {{.*}}: ok
func.func @l1_causal_normalize(%q: tensor<2x2x1x4xf32>, %k: tensor<2x2x1x4xf32>, %v: tensor<2x2x1x4xf32>) -> tensor<2x2x1x4xf32> {
  %y = ssm.linear_attention %q, %k, %v causal normalize feature_map elu1 : tensor<2x2x1x4xf32>, tensor<2x2x1x4xf32>, tensor<2x2x1x4xf32> -> tensor<2x2x1x4xf32>
  return %y : tensor<2x2x1x4xf32>
}

// L = 1, Taylor-2, not causal.
// L1_TAYLOR2_FULL: @l1_taylor2_full: 1 result (compiled, cpu)
// L1_TAYLOR2_FULL: check result #0: {{.*}}: ok
func.func @l1_taylor2_full(%q: tensor<1x2x1x2xf32>, %k: tensor<1x2x1x2xf32>, %v: tensor<1x2x1x3xf32>) -> tensor<1x2x1x3xf32> {
  %y = ssm.linear_attention %q, %k, %v feature_map taylor2 : tensor<1x2x1x2xf32>, tensor<1x2x1x2xf32>, tensor<1x2x1x3xf32> -> tensor<1x2x1x3xf32>
  return %y : tensor<1x2x1x3xf32>
}

// In f64, Taylor-2, causal, normalized, L = 37.
// F64_TAYLOR2_CAUSAL_NORMALIZE: @f64_taylor2_causal_normalize: 1 result (compiled, cpu)
// F64_TAYLOR2_CAUSAL_NORMALIZE: check result #0: {{.*}}: ok
func.func @f64_taylor2_causal_normalize(%q: tensor<1x2x37x4xf64>, %k: tensor<1x2x37x4xf64>, %v: tensor<1x2x37x4xf64>) -> tensor<1x2x37x4xf64> {
  %y = ssm.linear_attention %q, %k, %v causal normalize feature_map taylor2 : tensor<1x2x37x4xf64>, tensor<1x2x37x4xf64>, tensor<1x2x37x4xf64> -> tensor<1x2x37x4xf64>
  return %y : tensor<1x2x37x4xf64>
}

// In f64, elu1, not causal, not normalized.
// F64_ELU1_FULL: @f64_elu1_full: 1 result (compiled, cpu)
// F64_ELU1_FULL: check result #0: {{.*}}: ok
func.func @f64_elu1_full(%q: tensor<1x2x13x4xf64>, %k: tensor<1x2x13x4xf64>, %v: tensor<1x2x13x4xf64>) -> tensor<1x2x13x4xf64> {
  %y = ssm.linear_attention %q, %k, %v feature_map elu1 : tensor<1x2x13x4xf64>, tensor<1x2x13x4xf64>, tensor<1x2x13x4xf64> -> tensor<1x2x13x4xf64>
  return %y : tensor<1x2x13x4xf64>
}

// In f64, identity, causal.
// F64_IDENTITY_CAUSAL: @f64_identity_causal: 1 result (compiled, cpu)
// F64_IDENTITY_CAUSAL: check result #0: {{.*}}: ok
func.func @f64_identity_causal(%q: tensor<1x1x13x4xf64>, %k: tensor<1x1x13x4xf64>, %v: tensor<1x1x13x4xf64>) -> tensor<1x1x13x4xf64> {
  %y = ssm.linear_attention %q, %k, %v causal : tensor<1x1x13x4xf64>, tensor<1x1x13x4xf64>, tensor<1x1x13x4xf64> -> tensor<1x1x13x4xf64>
  return %y : tensor<1x1x13x4xf64>
}

// Dynamic batch and length (B = 2, L = 29 at run time), elu1, causal,
// normalized.
// DYNAMIC_CAUSAL: @dynamic_causal: 1 result (compiled, cpu)
// DYNAMIC_CAUSAL: check result #0: {{.*}}: ok
func.func @dynamic_causal(%q: tensor<?x2x?x4xf32>, %k: tensor<?x2x?x4xf32>, %v: tensor<?x2x?x4xf32>) -> tensor<?x2x?x4xf32> {
  %y = ssm.linear_attention %q, %k, %v causal normalize feature_map elu1 : tensor<?x2x?x4xf32>, tensor<?x2x?x4xf32>, tensor<?x2x?x4xf32> -> tensor<?x2x?x4xf32>
  return %y : tensor<?x2x?x4xf32>
}

// Dynamic batch and length (B = 3, L = 13 at run time), Taylor-2, not causal,
// normalized.
// DYNAMIC_FULL: @dynamic_full: 1 result (compiled, cpu)
// DYNAMIC_FULL: check result #0: {{.*}}: ok
func.func @dynamic_full(%q: tensor<?x2x?x4xf32>, %k: tensor<?x2x?x4xf32>, %v: tensor<?x2x?x4xf32>) -> tensor<?x2x?x4xf32> {
  %y = ssm.linear_attention %q, %k, %v normalize feature_map taylor2 : tensor<?x2x?x4xf32>, tensor<?x2x?x4xf32>, tensor<?x2x?x4xf32> -> tensor<?x2x?x4xf32>
  return %y : tensor<?x2x?x4xf32>
}

