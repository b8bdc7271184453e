// Run-time shape checks of ssm.selective_scan: x, delta, A, Bm, Cm (and the
// optional operands) must agree on B, L, D, G and N, and G must divide D.
// The function's dims are dynamic, so only the evaluator sees the .npy shapes.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; z = lambda *s: np.zeros(s, np.float32); np.save('%t/x.npy', z(2, 3, 4)); np.save('%t/A.npy', z(4, 2)); np.save('%t/BC.npy', z(2, 3, 2, 2)); np.save('%t/skip.npy', z(4)); np.save('%t/x_b3.npy', z(3, 3, 4)); np.save('%t/A_d5.npy', z(5, 2)); np.save('%t/BC_g3.npy', z(2, 3, 3, 2)); np.save('%t/skip_d3.npy', z(3))"
// RUN: ssm-run %s --input %t/x.npy --input %t/x.npy --input %t/A.npy --input %t/BC.npy --input %t/BC.npy --input %t/skip.npy | FileCheck %s --check-prefix=OK
// RUN: not ssm-run %s --input %t/x.npy --input %t/x_b3.npy --input %t/A.npy --input %t/BC.npy --input %t/BC.npy --input %t/skip.npy 2>&1 | FileCheck %s --check-prefix=BATCH
// RUN: not ssm-run %s --input %t/x.npy --input %t/x.npy --input %t/A_d5.npy --input %t/BC.npy --input %t/BC.npy --input %t/skip.npy 2>&1 | FileCheck %s --check-prefix=CHANNELS
// RUN: not ssm-run %s --input %t/x.npy --input %t/x.npy --input %t/A.npy --input %t/BC_g3.npy --input %t/BC_g3.npy --input %t/skip.npy 2>&1 | FileCheck %s --check-prefix=GROUPS
// RUN: not ssm-run %s --input %t/x.npy --input %t/x.npy --input %t/A.npy --input %t/BC.npy --input %t/BC.npy --input %t/skip_d3.npy 2>&1 | FileCheck %s --check-prefix=SKIP

// Consistent shapes (B = 2, L = 3, D = 4, G = 2, N = 2) run; y is [B, L, D].
// OK: result #0: tensor<?x?x?xf32> shape 2x3x4

// x has batch 2, delta batch 3.
// BATCH: error: 'ssm.selective_scan' op with run-time operand shapes: 'delta' has B = 3 (dimension 0 of 'tensor<3x3x4xf32>') but 'x' has B = 2 ('tensor<2x3x4xf32>')

// A has D = 5 rows for 4 channels.
// CHANNELS: error: 'ssm.selective_scan' op with run-time operand shapes: 'A' has D = 5 (dimension 0 of 'tensor<5x2xf32>') but 'x' has D = 4 ('tensor<2x3x4xf32>')

// G = 3 groups do not split D = 4 channels.
// GROUPS: error: 'ssm.selective_scan' op with run-time operand shapes: channels must split evenly into groups: D = 4 must be a multiple of G = 3

// The optional skip has 3 entries for 4 channels.
// SKIP: error: 'ssm.selective_scan' op with run-time operand shapes: 'skip' has D = 3 (dimension 0 of 'tensor<3xf32>') but 'x' has D = 4 ('tensor<2x3x4xf32>')
func.func @selective_scan(%x: tensor<?x?x?xf32>, %delta: tensor<?x?x?xf32>, %A: tensor<?x?xf32>, %B: tensor<?x?x?x?xf32>, %C: tensor<?x?x?x?xf32>, %D: tensor<?xf32>) -> tensor<?x?x?xf32> {
  %y = ssm.selective_scan %x, %delta, %A, %B, %C skip(%D) delta_softplus : (tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?xf32>) -> tensor<?x?x?xf32>
  return %y : tensor<?x?x?xf32>
}
