// Run-time shape checks of ssm.short_conv: u [B, L, D], weight [D, W] and
// bias [D] agree on D, and W <= 16 also when W is only known at run time.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; z = lambda *s: np.zeros(s, np.float32); np.save('%t/u.npy', z(2, 5, 3)); np.save('%t/w.npy', z(3, 4)); np.save('%t/bias.npy', z(3)); np.save('%t/u_d4.npy', z(2, 5, 4)); np.save('%t/bias_d2.npy', z(2)); np.save('%t/w_17.npy', z(3, 17))"
// RUN: ssm-run %s --input %t/u.npy --input %t/w.npy --input %t/bias.npy | FileCheck %s --check-prefix=OK
// RUN: not ssm-run %s --input %t/u_d4.npy --input %t/w.npy --input %t/bias.npy 2>&1 | FileCheck %s --check-prefix=CHANNELS
// RUN: not ssm-run %s --input %t/u.npy --input %t/w.npy --input %t/bias_d2.npy 2>&1 | FileCheck %s --check-prefix=BIAS
// RUN: not ssm-run %s --input %t/u.npy --input %t/w_17.npy --input %t/bias.npy 2>&1 | FileCheck %s --check-prefix=WIDTH

// Consistent shapes run.
// OK: result #0: tensor<?x?x?xf32> shape 2x5x3

// u has 4 channels, the weight 3.
// CHANNELS: error: 'ssm.short_conv' op with run-time operand shapes: 'weight' has D = 3 (dimension 0 of 'tensor<3x4xf32>') but 'u' has D = 4 ('tensor<2x5x4xf32>')

// The bias has 2 channels for 3.
// BIAS: error: 'ssm.short_conv' op with run-time operand shapes: 'bias' has D = 2 (dimension 0 of 'tensor<2xf32>') but 'u' has D = 3 ('tensor<2x5x3xf32>')

// A filter of width 17 arrives at run time.
// WIDTH: error: 'ssm.short_conv' op with run-time operand shapes: filter width W = 17 exceeds the maximum of 16; use ssm.long_conv
func.func @short_conv(%u: tensor<?x?x?xf32>, %w: tensor<?x?xf32>, %bias: tensor<?xf32>) -> tensor<?x?x?xf32> {
  %y = ssm.short_conv %u, %w bias(%bias) activation silu : (tensor<?x?x?xf32>, tensor<?x?xf32>, tensor<?xf32>) -> tensor<?x?x?xf32>
  return %y : tensor<?x?x?xf32>
}
