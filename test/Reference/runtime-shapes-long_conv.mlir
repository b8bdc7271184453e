// Run-time shape checks of ssm.long_conv: u [B, L, D], kernel [D, Lk] and
// bias [D] agree on D, and a circular convolution needs Lk == L. The
// functions' dims are dynamic; only the .npy inputs' shapes disagree.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; z = lambda *s: np.zeros(s, np.float32); np.save('%t/u.npy', z(2, 4, 3)); np.save('%t/k.npy', z(3, 4)); np.save('%t/bias.npy', z(3)); np.save('%t/k_d2.npy', z(2, 4)); np.save('%t/bias_d5.npy', z(5)); np.save('%t/k_l3.npy', z(3, 3))"
// RUN: ssm-run %s --entry causal --input %t/u.npy --input %t/k.npy --input %t/bias.npy | FileCheck %s --check-prefix=OK
// RUN: ssm-run %s --entry circular --input %t/u.npy --input %t/k.npy | FileCheck %s --check-prefix=OKCIRC
// RUN: not ssm-run %s --entry causal --input %t/u.npy --input %t/k_d2.npy --input %t/bias.npy 2>&1 | FileCheck %s --check-prefix=CHANNELS
// RUN: not ssm-run %s --entry causal --input %t/u.npy --input %t/k.npy --input %t/bias_d5.npy 2>&1 | FileCheck %s --check-prefix=BIAS
// RUN: not ssm-run %s --entry circular --input %t/u.npy --input %t/k_l3.npy 2>&1 | FileCheck %s --check-prefix=CIRCULAR

// Consistent shapes run, causal with bias and circular with Lk = L = 4.
// OK: result #0: tensor<?x?x?xf32> shape 2x4x3
// OKCIRC: result #0: tensor<?x?x?xf32> shape 2x4x3

// The kernel has 2 channels for 3.
// CHANNELS: error: 'ssm.long_conv' op with run-time operand shapes: 'kernel' has D = 2 (dimension 0 of 'tensor<2x4xf32>') but 'u' has D = 3 ('tensor<2x4x3xf32>')

// The bias has 5 channels for 3.
// BIAS: error: 'ssm.long_conv' op with run-time operand shapes: 'bias' has D = 5 (dimension 0 of 'tensor<5xf32>') but 'u' has D = 3 ('tensor<2x4x3xf32>')

// A circular kernel of length 3 on a sequence of length 4.
// CIRCULAR: error: 'ssm.long_conv' op with run-time operand shapes: circular convolution needs Lk == L, got Lk = 3 and L = 4
func.func @causal(%u: tensor<?x?x?xf32>, %k: tensor<?x?xf32>, %bias: tensor<?xf32>) -> tensor<?x?x?xf32> {
  %y = ssm.long_conv %u, %k bias(%bias) : (tensor<?x?x?xf32>, tensor<?x?xf32>, tensor<?xf32>) -> tensor<?x?x?xf32>
  return %y : tensor<?x?x?xf32>
}

func.func @circular(%u: tensor<?x?x?xf32>, %k: tensor<?x?xf32>) -> tensor<?x?x?xf32> {
  %y = ssm.long_conv %u, %k mode circular : (tensor<?x?x?xf32>, tensor<?x?xf32>) -> tensor<?x?x?xf32>
  return %y : tensor<?x?x?xf32>
}
