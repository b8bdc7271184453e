// RUN: ssm-opt %s -split-input-file -verify-diagnostics
// ssm.ssm_kernel diagnostics: every verifier error branch (SSMOps.cpp) and a sample of ODS constraints.

// ssm_kernel: A of rank 1.
func.func @ssm_kernel_A_rank(%A: tensor<8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>) {
  // expected-error @+1 {{'A' must have rank 2 [D, N], got 'tensor<8xcomplex<f32>>'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel: Bm of rank 3.
func.func @ssm_kernel_Bm_rank(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<1x4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>) {
  // expected-error @+1 {{'Bm' must have rank 2 [D, N], got 'tensor<1x4x8xcomplex<f32>>'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<1x4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel: Cm of rank 1.
func.func @ssm_kernel_Cm_rank(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<8xcomplex<f32>>, %log_dt: tensor<4xf32>) {
  // expected-error @+1 {{'Cm' must have rank 2 [D, N], got 'tensor<8xcomplex<f32>>'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel: log_dt of rank 2.
func.func @ssm_kernel_log_dt_rank(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4x1xf32>) {
  // expected-error @+1 {{'log_dt' must have rank 1 [D], got 'tensor<4x1xf32>'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x1xf32>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel: low_rank of rank 2.
func.func @ssm_kernel_low_rank_rank(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>, %P: tensor<4x8xcomplex<f32>>) {
  // expected-error @+1 {{'low_rank' must have rank 3 [D, R, N], got 'tensor<4x8xcomplex<f32>>'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt low_rank(%P) length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>, tensor<4x8xcomplex<f32>>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel: Bm disagrees with A on D.
func.func @ssm_kernel_Bm_channels(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<2x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>) {
  // expected-error @+1 {{'Bm' has D = 2 (dimension 0 of 'tensor<2x8xcomplex<f32>>') but 'A' has D = 4 ('tensor<4x8xcomplex<f32>>')}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<2x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel: Bm disagrees with A on N.
func.func @ssm_kernel_Bm_state(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x16xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>) {
  // expected-error @+1 {{'Bm' has N = 16 (dimension 1 of 'tensor<4x16xcomplex<f32>>') but 'A' has N = 8 ('tensor<4x8xcomplex<f32>>')}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x16xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel: Cm disagrees with A on N.
func.func @ssm_kernel_Cm_state(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x7xcomplex<f32>>, %log_dt: tensor<4xf32>) {
  // expected-error @+1 {{'Cm' has N = 7 (dimension 1 of 'tensor<4x7xcomplex<f32>>') but 'A' has N = 8 ('tensor<4x8xcomplex<f32>>')}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x7xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel: log_dt disagrees with A on D.
func.func @ssm_kernel_log_dt_channels(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<8xf32>) {
  // expected-error @+1 {{'log_dt' has D = 8 (dimension 0 of 'tensor<8xf32>') but 'A' has D = 4 ('tensor<4x8xcomplex<f32>>')}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<8xf32>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel: low_rank disagrees with A on D.
func.func @ssm_kernel_low_rank_channels(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>, %P: tensor<1x2x8xcomplex<f32>>) {
  // expected-error @+1 {{'low_rank' has D = 1 (dimension 0 of 'tensor<1x2x8xcomplex<f32>>') but 'A' has D = 4 ('tensor<4x8xcomplex<f32>>')}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt low_rank(%P) length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>, tensor<1x2x8xcomplex<f32>>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel: low_rank laid out [D, N, R].
func.func @ssm_kernel_low_rank_state(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>, %P: tensor<4x8x2xcomplex<f32>>) {
  // expected-error @+1 {{'low_rank' has N = 2 (dimension 2 of 'tensor<4x8x2xcomplex<f32>>') but 'A' has N = 8 ('tensor<4x8xcomplex<f32>>')}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt low_rank(%P) length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>, tensor<4x8x2xcomplex<f32>>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel: Bm is complex<f64>, A complex<f32>.
func.func @ssm_kernel_complex_element_type(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f64>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>) {
  // expected-error @+1 {{element type mismatch: 'Bm' has 'complex<f64>' but 'A' has 'complex<f32>'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f64>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel: low_rank is complex<f64>, A complex<f32>.
func.func @ssm_kernel_low_rank_element_type(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>, %P: tensor<4x2x8xcomplex<f64>>) {
  // expected-error @+1 {{element type mismatch: 'low_rank' has 'complex<f64>' but 'A' has 'complex<f32>'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt low_rank(%P) length 16 discretization bilinear : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>, tensor<4x2x8xcomplex<f64>>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel: f64 log_dt with complex<f32> operands.
func.func @ssm_kernel_log_dt_f64(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf64>) {
  // expected-error @+1 {{'log_dt' must have element type 'f32' to match 'complex<f32>', got 'f64'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf64>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel: f16 log_dt with complex<f64> operands.
func.func @ssm_kernel_log_dt_f16(%A: tensor<4x8xcomplex<f64>>, %Bm: tensor<4x8xcomplex<f64>>, %Cm: tensor<4x8xcomplex<f64>>, %log_dt: tensor<4xf16>) {
  // expected-error @+1 {{'log_dt' must have element type 'f64' to match 'complex<f64>', got 'f16'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f64>>, tensor<4x8xcomplex<f64>>, tensor<4x8xcomplex<f64>>, tensor<4xf16>) -> tensor<4x16xf64>
  return
}

// -----

// ssm_kernel: length = 0.
func.func @ssm_kernel_length_zero(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>) {
  // expected-error @+1 {{length must be at least 1, got 0}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 0 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x0xf32>
  return
}

// -----

// ssm_kernel: a negative length.
func.func @ssm_kernel_length_negative(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>) {
  // expected-error @+1 {{length must be at least 1, got -5}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length -5 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel: the result length differs from the length attribute.
func.func @ssm_kernel_result_length(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>) {
  // expected-error @+1 {{result #0 has type 'tensor<4x32xf32>' but the operands imply 'tensor<4x16xf32>'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x32xf32>
  return
}

// -----

// ssm_kernel (ODS): a complex result.
func.func @ssm_kernel_result_complex(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>) {
  // expected-error @+1 {{result #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<4x16xcomplex<f32>>'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xcomplex<f32>>
  return
}

// -----

// ssm_kernel: an f64 result for complex<f32> operands.
func.func @ssm_kernel_result_element_type(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>) {
  // expected-error @+1 {{result #0 has type 'tensor<4x16xf64>' but the operands imply 'tensor<4x16xf32>'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xf64>
  return
}

// -----

// ssm_kernel (ODS): a real A instead of a complex one.
func.func @ssm_kernel_real_A(%A: tensor<4x8xf32>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of complex type with 32-bit float elements or complex type with 64-bit float elements values, but got 'tensor<4x8xf32>'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xf32>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel (ODS): a real Cm instead of a complex one.
func.func @ssm_kernel_real_Cm(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xf32>, %log_dt: tensor<4xf32>) {
  // expected-error @+1 {{operand #2 must be ranked tensor of complex type with 32-bit float elements or complex type with 64-bit float elements values, but got 'tensor<4x8xf32>'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xf32>, tensor<4xf32>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel (ODS): complex<f16> is not supported.
func.func @ssm_kernel_complex_f16(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f16>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xf32>) {
  // expected-error @+1 {{operand #1 must be ranked tensor of complex type with 32-bit float elements or complex type with 64-bit float elements values, but got 'tensor<4x8xcomplex<f16>>'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f16>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel (ODS): a complex log_dt.
func.func @ssm_kernel_complex_log_dt(%A: tensor<4x8xcomplex<f32>>, %Bm: tensor<4x8xcomplex<f32>>, %Cm: tensor<4x8xcomplex<f32>>, %log_dt: tensor<4xcomplex<f32>>) {
  // expected-error @+1 {{operand #3 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<4xcomplex<f32>>'}}
  %k = ssm.ssm_kernel %A, %Bm, %Cm, %log_dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xcomplex<f32>>) -> tensor<4x16xf32>
  return
}

// -----

// ssm_kernel (ODS): the generic form without the required length.
func.func @ssm_kernel_missing_length(%A: tensor<4x8xcomplex<f32>>, %dt: tensor<4xf32>) {
  // expected-error @+1 {{requires attribute 'length'}}
  %k = "ssm.ssm_kernel"(%A, %A, %A, %dt) : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xf32>
  return
}
