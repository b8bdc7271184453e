// Run-time shape checks of ssm.ssd: x [B, L, H, P], dt [B, L, H], A [H],
// Bm/Cm [B, L, G, N] (and the optional operands) must agree, and G must
// divide H. The function's dims are dynamic; the .npy inputs disagree.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; z = lambda *s: np.zeros(s, np.float32); np.save('%t/x.npy', z(2, 3, 4, 2)); np.save('%t/dt.npy', z(2, 3, 4)); np.save('%t/A.npy', z(4)); np.save('%t/BC.npy', z(2, 3, 2, 5)); np.save('%t/h0.npy', z(2, 4, 2, 5)); np.save('%t/dt_b3.npy', z(3, 3, 4)); np.save('%t/A_h3.npy', z(3)); np.save('%t/BC_g3.npy', z(2, 3, 3, 5)); np.save('%t/h0_n6.npy', z(2, 4, 2, 6))"
// RUN: ssm-run %s --input %t/x.npy --input %t/dt.npy --input %t/A.npy --input %t/BC.npy --input %t/BC.npy --input %t/h0.npy | FileCheck %s --check-prefix=OK
// RUN: not ssm-run %s --input %t/x.npy --input %t/dt_b3.npy --input %t/A.npy --input %t/BC.npy --input %t/BC.npy --input %t/h0.npy 2>&1 | FileCheck %s --check-prefix=BATCH
// RUN: not ssm-run %s --input %t/x.npy --input %t/dt.npy --input %t/A_h3.npy --input %t/BC.npy --input %t/BC.npy --input %t/h0.npy 2>&1 | FileCheck %s --check-prefix=HEADS
// RUN: not ssm-run %s --input %t/x.npy --input %t/dt.npy --input %t/A.npy --input %t/BC_g3.npy --input %t/BC_g3.npy --input %t/h0.npy 2>&1 | FileCheck %s --check-prefix=GROUPS
// RUN: not ssm-run %s --input %t/x.npy --input %t/dt.npy --input %t/A.npy --input %t/BC.npy --input %t/BC.npy --input %t/h0_n6.npy 2>&1 | FileCheck %s --check-prefix=STATE

// Consistent shapes (B = 2, L = 3, H = 4, P = 2, G = 2, N = 5) run.
// OK: result #0: tensor<?x?x?x?xf32> shape 2x3x4x2

// x has batch 2, dt batch 3.
// BATCH: error: 'ssm.ssd' op with run-time operand shapes: 'dt' has B = 3 (dimension 0 of 'tensor<3x3x4xf32>') but 'x' has B = 2 ('tensor<2x3x4x2xf32>')

// A has 3 entries for H = 4 heads.
// HEADS: error: 'ssm.ssd' op with run-time operand shapes: 'A' has H = 3 (dimension 0 of 'tensor<3xf32>') but 'x' has H = 4 ('tensor<2x3x4x2xf32>')

// G = 3 groups do not split H = 4 heads.
// GROUPS: error: 'ssm.ssd' op with run-time operand shapes: heads must split evenly into groups: H = 4 must be a multiple of G = 3

// The initial state has N = 6 where Bm has N = 5.
// STATE: error: 'ssm.ssd' op with run-time operand shapes: 'init' has N = 6 (dimension 3 of 'tensor<2x4x2x6xf32>') but 'Bm' has N = 5 ('tensor<2x3x2x5xf32>')
func.func @ssd(%x: tensor<?x?x?x?xf32>, %dt: tensor<?x?x?xf32>, %A: tensor<?xf32>, %B: tensor<?x?x?x?xf32>, %C: tensor<?x?x?x?xf32>, %h0: tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32> {
  %y = ssm.ssd %x, %dt, %A, %B, %C init(%h0) dt_softplus : (tensor<?x?x?x?xf32>, tensor<?x?x?xf32>, tensor<?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32>
  return %y : tensor<?x?x?x?xf32>
}
