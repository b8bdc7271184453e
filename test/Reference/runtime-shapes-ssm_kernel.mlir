// Run-time shape checks of ssm.ssm_kernel: A, Bm, Cm [D, N] (complex<f32>,
// read from np.complex64 .npy files) and log_dt [D] must agree on D and N.
// Every D and N is dynamic, so the static verifier accepts the function.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; c = lambda *s: np.zeros(s, np.complex64); np.save('%t/A.npy', c(3, 2)); np.save('%t/dt.npy', np.zeros(3, np.float32)); np.save('%t/B_d4.npy', c(4, 2)); np.save('%t/C_n5.npy', c(3, 5)); np.save('%t/dt_d2.npy', np.zeros(2, np.float32))"
// RUN: ssm-run %s --input %t/A.npy --input %t/A.npy --input %t/A.npy --input %t/dt.npy | FileCheck %s --check-prefix=OK
// RUN: not ssm-run %s --input %t/A.npy --input %t/B_d4.npy --input %t/A.npy --input %t/dt.npy 2>&1 | FileCheck %s --check-prefix=CHANNELS
// RUN: not ssm-run %s --input %t/A.npy --input %t/A.npy --input %t/C_n5.npy --input %t/dt.npy 2>&1 | FileCheck %s --check-prefix=STATES
// RUN: not ssm-run %s --input %t/A.npy --input %t/A.npy --input %t/A.npy --input %t/dt_d2.npy 2>&1 | FileCheck %s --check-prefix=LOGDT

// Consistent shapes run: the kernel is [D, length] = 3x8.
// OK: result #0: tensor<?x8xf32> shape 3x8

// Bm has D = 4 channels where A has 3.
// CHANNELS: error: 'ssm.ssm_kernel' op with run-time operand shapes: 'Bm' has D = 4 (dimension 0 of 'tensor<4x2xcomplex<f32>>') but 'A' has D = 3 ('tensor<3x2xcomplex<f32>>')

// Cm has N = 5 states where A has 2.
// STATES: error: 'ssm.ssm_kernel' op with run-time operand shapes: 'Cm' has N = 5 (dimension 1 of 'tensor<3x5xcomplex<f32>>') but 'A' has N = 2 ('tensor<3x2xcomplex<f32>>')

// log_dt has 2 entries for 3 channels.
// LOGDT: error: 'ssm.ssm_kernel' op with run-time operand shapes: 'log_dt' has D = 2 (dimension 0 of 'tensor<2xf32>') but 'A' has D = 3 ('tensor<3x2xcomplex<f32>>')
func.func @ssm_kernel(%A: tensor<?x?xcomplex<f32>>, %B: tensor<?x?xcomplex<f32>>, %C: tensor<?x?xcomplex<f32>>, %log_dt: tensor<?xf32>) -> tensor<?x8xf32> {
  %k = ssm.ssm_kernel %A, %B, %C, %log_dt length 8 : (tensor<?x?xcomplex<f32>>, tensor<?x?xcomplex<f32>>, tensor<?x?xcomplex<f32>>, tensor<?xf32>) -> tensor<?x8xf32>
  return %k : tensor<?x8xf32>
}
