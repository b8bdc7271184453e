// Run-time shape checks of ssm.butterfly: x [..., n] needs a power-of-two n
// and twiddles [log2 n, n/2, 2, 2]; the function's dims are all dynamic, so
// these rules are checked on the .npy inputs' shapes.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; z = lambda *s: np.zeros(s, np.float32); np.save('%t/x.npy', z(2, 4)); np.save('%t/w.npy', z(2, 2, 2, 2)); np.save('%t/x_n6.npy', z(2, 6)); np.save('%t/x_n8.npy', z(2, 8)); np.save('%t/w_pairs3.npy', z(2, 3, 2, 2)); np.save('%t/w_3x2.npy', z(2, 2, 3, 2))"
// RUN: ssm-run %s --input %t/x.npy --input %t/w.npy | FileCheck %s --check-prefix=OK
// RUN: not ssm-run %s --input %t/x_n6.npy --input %t/w.npy 2>&1 | FileCheck %s --check-prefix=POW2
// RUN: not ssm-run %s --input %t/x_n8.npy --input %t/w.npy 2>&1 | FileCheck %s --check-prefix=FACTORS
// RUN: not ssm-run %s --input %t/x.npy --input %t/w_pairs3.npy 2>&1 | FileCheck %s --check-prefix=PAIRS
// RUN: not ssm-run %s --input %t/x.npy --input %t/w_3x2.npy 2>&1 | FileCheck %s --check-prefix=MATRIX

// Consistent shapes run: n = 4 with 2 factors of 2 twiddles.
// OK: result #0: tensor<?x?xf32> shape 2x4

// n = 6 is not a power of two.
// POW2: error: 'ssm.butterfly' op with run-time operand shapes: butterfly needs a power-of-two last dimension, got n = 6

// n = 8 needs 3 factors; the twiddles have 2.
// FACTORS: error: 'ssm.butterfly' op with run-time operand shapes: twiddles must have log2(n) = 3 factors, got 2

// n = 4 needs 2 pairs per factor; the twiddles have 3.
// PAIRS: error: 'ssm.butterfly' op with run-time operand shapes: twiddles must have n/2 = 2 pairs per factor, got 3

// Twiddles that are 3x2 instead of 2x2.
// MATRIX: error: 'ssm.butterfly' op with run-time operand shapes: twiddles must be 2x2 matrices, got 'tensor<2x2x3x2xf32>'
func.func @butterfly(%x: tensor<?x?xf32>, %w: tensor<?x?x?x?xf32>) -> tensor<?x?xf32> {
  %y = ssm.butterfly %x, %w : tensor<?x?xf32>, tensor<?x?x?x?xf32> -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}
