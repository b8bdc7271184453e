// Run-time shape checks of ssm.attention: the function has dynamic dims, so
// the static verifier accepts it; the evaluator re-runs the op's shape rules
// on the .npy inputs' shapes and reports the first disagreement.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; z = lambda *s: np.zeros(s, np.float32); np.save('%t/q.npy', z(2, 2, 3, 2)); np.save('%t/kv.npy', z(2, 1, 4, 2)); np.save('%t/kv_b3.npy', z(3, 1, 4, 2)); np.save('%t/q_h3.npy', z(2, 3, 3, 2)); np.save('%t/kv_h2.npy', z(2, 2, 4, 2)); np.save('%t/v_l5.npy', z(2, 1, 5, 2))"
// RUN: ssm-run %s --input %t/q.npy --input %t/kv.npy --input %t/kv.npy | FileCheck %s --check-prefix=OK
// RUN: not ssm-run %s --input %t/q.npy --input %t/kv_b3.npy --input %t/kv_b3.npy 2>&1 | FileCheck %s --check-prefix=BATCH
// RUN: not ssm-run %s --input %t/q_h3.npy --input %t/kv_h2.npy --input %t/kv_h2.npy 2>&1 | FileCheck %s --check-prefix=HEADS
// RUN: not ssm-run %s --input %t/q.npy --input %t/kv.npy --input %t/v_l5.npy 2>&1 | FileCheck %s --check-prefix=LENGTH

// Consistent shapes (GQA with H = 2, Hk = 1) run: [B, H, Lq, Ev] = 2x2x3x2.
// OK: result #0: tensor<?x?x?x2xf32> shape 2x2x3x2

// Batch 2 for q against batch 3 for k and v.
// BATCH: error: 'ssm.attention' op with run-time operand shapes: 'k' has B = 3 (dimension 0 of 'tensor<3x1x4x2xf32>') but 'q' has B = 2 ('tensor<2x2x3x2xf32>')

// H = 3 query heads over Hk = 2 key/value heads.
// HEADS: error: 'ssm.attention' op with run-time operand shapes: query heads must be a multiple of key/value heads: H = 3 must be a multiple of Hk = 2

// k has Lk = 4 keys but v has 5 values.
// LENGTH: error: 'ssm.attention' op with run-time operand shapes: 'v' has Lk = 5 (dimension 2 of 'tensor<2x1x5x2xf32>') but 'k' has Lk = 4 ('tensor<2x1x4x2xf32>')
func.func @attention(%q: tensor<?x?x?x2xf32>, %k: tensor<?x?x?x2xf32>, %v: tensor<?x?x?x2xf32>) -> tensor<?x?x?x2xf32> {
  %y = ssm.attention %q, %k, %v causal : tensor<?x?x?x2xf32>, tensor<?x?x?x2xf32>, tensor<?x?x?x2xf32> -> tensor<?x?x?x2xf32>
  return %y : tensor<?x?x?x2xf32>
}
