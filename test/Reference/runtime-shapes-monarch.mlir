// Run-time shape checks of ssm.monarch: x [..., n], R [m, k, k],
// L [k, m, m] share m and k, and n == m * k, checked on the .npy inputs'
// shapes because every dim of the function is dynamic.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; z = lambda *s: np.zeros(s, np.float32); np.save('%t/x.npy', z(3, 6)); np.save('%t/R.npy', z(2, 3, 3)); np.save('%t/L.npy', z(3, 2, 2)); np.save('%t/x_n8.npy', z(3, 8)); np.save('%t/L_k4.npy', z(4, 2, 2)); np.save('%t/R_rect.npy', z(2, 3, 4))"
// RUN: ssm-run %s --input %t/x.npy --input %t/R.npy --input %t/L.npy | FileCheck %s --check-prefix=OK
// RUN: not ssm-run %s --input %t/x_n8.npy --input %t/R.npy --input %t/L.npy 2>&1 | FileCheck %s --check-prefix=PRODUCT
// RUN: not ssm-run %s --input %t/x.npy --input %t/R.npy --input %t/L_k4.npy 2>&1 | FileCheck %s --check-prefix=BLOCKS
// RUN: not ssm-run %s --input %t/x.npy --input %t/R_rect.npy --input %t/L.npy 2>&1 | FileCheck %s --check-prefix=SQUARE

// Consistent shapes run: n = 6 = m * k with m = 2, k = 3.
// OK: result #0: tensor<?x?xf32> shape 3x6

// n = 8 is not m * k = 6.
// PRODUCT: error: 'ssm.monarch' op with run-time operand shapes: last dimension n = 8 must equal m * k = 2 * 3

// R has k = 3 but L has k = 4 blocks.
// BLOCKS: error: 'ssm.monarch' op with run-time operand shapes: 'L' has k = 4 (dimension 0 of 'tensor<4x2x2xf32>') but 'R' has k = 3 ('tensor<2x3x3xf32>')

// R's blocks are 3x4, not square.
// SQUARE: error: 'ssm.monarch' op with run-time operand shapes: 'R' has k = 4 (dimension 2 of 'tensor<2x3x4xf32>') but 'R' has k = 3 ('tensor<2x3x4xf32>')
func.func @monarch(%x: tensor<?x?xf32>, %R: tensor<?x?x?xf32>, %L: tensor<?x?x?xf32>) -> tensor<?x?xf32> {
  %y = ssm.monarch %x, %R, %L : tensor<?x?xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32> -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}
