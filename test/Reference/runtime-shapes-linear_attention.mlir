// Run-time shape checks of ssm.linear_attention: q, k and v share B, H and
// L, and q and k share E; with dynamic dims only the evaluator can see a
// disagreement between the .npy inputs.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; z = lambda *s: np.zeros(s, np.float32); np.save('%t/qk.npy', z(2, 1, 3, 4)); np.save('%t/v.npy', z(2, 1, 3, 5)); np.save('%t/k_b3.npy', z(3, 1, 3, 4)); np.save('%t/k_l4.npy', z(2, 1, 4, 4)); np.save('%t/k_e2.npy', z(2, 1, 3, 2))"
// RUN: ssm-run %s --input %t/qk.npy --input %t/qk.npy --input %t/v.npy | FileCheck %s --check-prefix=OK
// RUN: not ssm-run %s --input %t/qk.npy --input %t/k_b3.npy --input %t/v.npy 2>&1 | FileCheck %s --check-prefix=BATCH
// RUN: not ssm-run %s --input %t/qk.npy --input %t/k_l4.npy --input %t/v.npy 2>&1 | FileCheck %s --check-prefix=LENGTH
// RUN: not ssm-run %s --input %t/qk.npy --input %t/k_e2.npy --input %t/v.npy 2>&1 | FileCheck %s --check-prefix=FEATURES

// Consistent shapes run: [B, H, L, Ev] = 2x1x3x5.
// OK: result #0: tensor<?x?x?x?xf32> shape 2x1x3x5

// Batch 2 for q against batch 3 for k.
// BATCH: error: 'ssm.linear_attention' op with run-time operand shapes: 'k' has B = 3 (dimension 0 of 'tensor<3x1x3x4xf32>') but 'q' has B = 2 ('tensor<2x1x3x4xf32>')

// q has L = 3 positions, k has 4.
// LENGTH: error: 'ssm.linear_attention' op with run-time operand shapes: 'k' has L = 4 (dimension 2 of 'tensor<2x1x4x4xf32>') but 'q' has L = 3 ('tensor<2x1x3x4xf32>')

// q has E = 4 features, k has 2.
// FEATURES: error: 'ssm.linear_attention' op with run-time operand shapes: 'k' has E = 2 (dimension 3 of 'tensor<2x1x3x2xf32>') but 'q' has E = 4 ('tensor<2x1x3x4xf32>')
func.func @linear_attention(%q: tensor<?x?x?x?xf32>, %k: tensor<?x?x?x?xf32>, %v: tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32> {
  %y = ssm.linear_attention %q, %k, %v causal normalize feature_map elu1 : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32> -> tensor<?x?x?x?xf32>
  return %y : tensor<?x?x?x?xf32>
}
