// A small Mamba block compiled end to end and compared with the reference
// evaluator on seeded random inputs in [-1, 1): RMSNorm (linalg.generic),
// in-projection to [x | z] (linalg.matmul on the collapsed [B*L, D] view),
// ssm.short_conv with bias and SiLU, input-dependent dt, B and C from one more
// projection, A = -exp(A_log), ssm.selective_scan with skip, delta_bias,
// delta_softplus and the silu(z) gate, out-projection and the residual add.
// B = 2, L = 13 (prime), model width 8, inner width 16, N = 4, one group,
// conv width 4. Result #1 is the scan output before the out-projection, so a
// mismatch points at the stage that broke.
// Tolerance: ssm-run --check's default, max|compiled - reference| /
// max|reference| <= 1e-4 (f32).
// RUN: ssm-run %s --entry mamba_block --check --random-inputs --seed 1 | FileCheck %s
// RUN: ssm-run %s --entry mamba_block --check --random-inputs --seed 2 | FileCheck %s

// CHECK: @mamba_block: 2 results (compiled, cpu)
// CHECK: check result #0: {{.*}}: ok
// CHECK: check result #1: {{.*}}: ok

#id1 = affine_map<(i) -> (i)>
#id2 = affine_map<(i, j) -> (i, j)>
#id3 = affine_map<(b, l, d) -> (b, l, d)>
#row = affine_map<(b, l, d) -> (b, l)>
#chan = affine_map<(b, l, d) -> (d)>

func.func @mamba_block(%x: tensor<2x13x8xf32>, %norm_w: tensor<8xf32>,
                       %w_in: tensor<8x32xf32>, %conv_w: tensor<16x4xf32>,
                       %conv_b: tensor<16xf32>, %w_x: tensor<16x24xf32>,
                       %dt_bias: tensor<16xf32>, %A_log: tensor<16x4xf32>,
                       %D: tensor<16xf32>, %w_out: tensor<16x8xf32>)
    -> (tensor<2x13x8xf32>, tensor<2x13x16xf32>) {
  %zero = arith.constant 0.0 : f32

  // RMSNorm: x * rsqrt(mean(x^2) + 1e-5) * w.
  %ms_e = tensor.empty() : tensor<2x13xf32>
  %ms_0 = linalg.fill ins(%zero : f32) outs(%ms_e : tensor<2x13xf32>) -> tensor<2x13xf32>
  %ms = linalg.generic {indexing_maps = [#id3, #row], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x : tensor<2x13x8xf32>) outs(%ms_0 : tensor<2x13xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %inv_d = arith.constant 0.125 : f32
    %sq = arith.mulf %in, %in : f32
    %s = arith.mulf %sq, %inv_d : f32
    %a = arith.addf %acc, %s : f32
    linalg.yield %a : f32
  } -> tensor<2x13xf32>
  %xn_e = tensor.empty() : tensor<2x13x8xf32>
  %xn = linalg.generic {indexing_maps = [#id3, #row, #chan, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%x, %ms, %norm_w : tensor<2x13x8xf32>, tensor<2x13xf32>, tensor<8xf32>) outs(%xn_e : tensor<2x13x8xf32>) {
  ^bb0(%xi: f32, %m: f32, %wi: f32, %out: f32):
    %eps = arith.constant 1.0e-5 : f32
    %me = arith.addf %m, %eps : f32
    %r = math.rsqrt %me : f32
    %n = arith.mulf %xi, %r : f32
    %o = arith.mulf %n, %wi : f32
    linalg.yield %o : f32
  } -> tensor<2x13x8xf32>

  // In-projection to [x | z]: [26, 8] x [8, 32].
  %xn_flat = tensor.collapse_shape %xn [[0, 1], [2]] : tensor<2x13x8xf32> into tensor<26x8xf32>
  %xz_e = tensor.empty() : tensor<26x32xf32>
  %xz_0 = linalg.fill ins(%zero : f32) outs(%xz_e : tensor<26x32xf32>) -> tensor<26x32xf32>
  %xz_flat = linalg.matmul ins(%xn_flat, %w_in : tensor<26x8xf32>, tensor<8x32xf32>) outs(%xz_0 : tensor<26x32xf32>) -> tensor<26x32xf32>
  %xz = tensor.expand_shape %xz_flat [[0, 1], [2]] output_shape [2, 13, 32] : tensor<26x32xf32> into tensor<2x13x32xf32>
  %xi = tensor.extract_slice %xz[0, 0, 0] [2, 13, 16] [1, 1, 1] : tensor<2x13x32xf32> to tensor<2x13x16xf32>
  %z = tensor.extract_slice %xz[0, 0, 16] [2, 13, 16] [1, 1, 1] : tensor<2x13x32xf32> to tensor<2x13x16xf32>

  // Causal depthwise conv + SiLU.
  %u = ssm.short_conv %xi, %conv_w bias(%conv_b) activation silu
      : (tensor<2x13x16xf32>, tensor<16x4xf32>, tensor<16xf32>) -> tensor<2x13x16xf32>

  // Input-dependent dt [16], B [4] and C [4] from one projection of u.
  %u_flat = tensor.collapse_shape %u [[0, 1], [2]] : tensor<2x13x16xf32> into tensor<26x16xf32>
  %dbc_e = tensor.empty() : tensor<26x24xf32>
  %dbc_0 = linalg.fill ins(%zero : f32) outs(%dbc_e : tensor<26x24xf32>) -> tensor<26x24xf32>
  %dbc = linalg.matmul ins(%u_flat, %w_x : tensor<26x16xf32>, tensor<16x24xf32>) outs(%dbc_0 : tensor<26x24xf32>) -> tensor<26x24xf32>
  %dt_flat = tensor.extract_slice %dbc[0, 0] [26, 16] [1, 1] : tensor<26x24xf32> to tensor<26x16xf32>
  %b_flat = tensor.extract_slice %dbc[0, 16] [26, 4] [1, 1] : tensor<26x24xf32> to tensor<26x4xf32>
  %c_flat = tensor.extract_slice %dbc[0, 20] [26, 4] [1, 1] : tensor<26x24xf32> to tensor<26x4xf32>
  %dt = tensor.expand_shape %dt_flat [[0, 1], [2]] output_shape [2, 13, 16] : tensor<26x16xf32> into tensor<2x13x16xf32>
  %Bm = tensor.expand_shape %b_flat [[0, 1], [2, 3]] output_shape [2, 13, 1, 4] : tensor<26x4xf32> into tensor<2x13x1x4xf32>
  %Cm = tensor.expand_shape %c_flat [[0, 1], [2, 3]] output_shape [2, 13, 1, 4] : tensor<26x4xf32> into tensor<2x13x1x4xf32>

  // A = -exp(A_log) keeps every decay below 1.
  %A_e = tensor.empty() : tensor<16x4xf32>
  %A = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%A_log : tensor<16x4xf32>) outs(%A_e : tensor<16x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    %n = arith.negf %e : f32
    linalg.yield %n : f32
  } -> tensor<16x4xf32>

  // Gated selective scan.
  %y = ssm.selective_scan %u, %dt, %A, %Bm, %Cm skip(%D) gate(%z) delta_bias(%dt_bias) delta_softplus
      : (tensor<2x13x16xf32>, tensor<2x13x16xf32>, tensor<16x4xf32>, tensor<2x13x1x4xf32>,
         tensor<2x13x1x4xf32>, tensor<16xf32>, tensor<2x13x16xf32>, tensor<16xf32>) -> tensor<2x13x16xf32>

  // Out-projection [26, 16] x [16, 8] and the residual.
  %y_flat = tensor.collapse_shape %y [[0, 1], [2]] : tensor<2x13x16xf32> into tensor<26x16xf32>
  %o_e = tensor.empty() : tensor<26x8xf32>
  %o_0 = linalg.fill ins(%zero : f32) outs(%o_e : tensor<26x8xf32>) -> tensor<26x8xf32>
  %o_flat = linalg.matmul ins(%y_flat, %w_out : tensor<26x16xf32>, tensor<16x8xf32>) outs(%o_0 : tensor<26x8xf32>) -> tensor<26x8xf32>
  %o = tensor.expand_shape %o_flat [[0, 1], [2]] output_shape [2, 13, 8] : tensor<26x8xf32> into tensor<2x13x8xf32>
  %res_e = tensor.empty() : tensor<2x13x8xf32>
  %res = linalg.generic {indexing_maps = [#id3, #id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%o, %x : tensor<2x13x8xf32>, tensor<2x13x8xf32>) outs(%res_e : tensor<2x13x8xf32>) {
  ^bb0(%a: f32, %b: f32, %out: f32):
    %s = arith.addf %a, %b : f32
    linalg.yield %s : f32
  } -> tensor<2x13x8xf32>
  return %res, %y : tensor<2x13x8xf32>, tensor<2x13x16xf32>
}
