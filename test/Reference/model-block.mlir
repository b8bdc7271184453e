// Two complete pre-norm residual blocks on tiny shapes, evaluated end to end:
// a Mamba block (RMSNorm, input projection to [x | z] with linalg.matmul on
// the collapsed [B*L, D] view, ssm.short_conv + SiLU, input-dependent dt/B/C,
// ssm.selective_scan gated by silu(z), output projection, residual) and a
// Transformer++ block (RMSNorm, fused QKV projection, heads through
// expand_shape + linalg.transpose, causal ssm.attention, output projection,
// residual, RMSNorm, SwiGLU MLP, residual). The helpers take dynamic shapes
// and are shared by both blocks. Expected values come from an independent
// numpy float64 implementation of the same formulas (DESIGN.md's operator
// definitions), printed after rounding to f32. Intermediate values are
// returned too, so a mismatch points at the stage that broke.
// RUN: ssm-run %s --entry mamba_block --print-results | FileCheck %s --check-prefix=MAMBA
// RUN: ssm-run %s --entry transformer_block --print-results | FileCheck %s --check-prefix=TPP

// RMSNorm over the last dim: x rsqrt(mean(x^2) + 1e-5) w, with 1/D computed
// from tensor.dim at run time.
func.func private @rms_norm(%x: tensor<?x?x?xf32>, %w: tensor<?xf32>) -> tensor<?x?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %b = tensor.dim %x, %c0 : tensor<?x?x?xf32>
  %l = tensor.dim %x, %c1 : tensor<?x?x?xf32>
  %d = tensor.dim %x, %c2 : tensor<?x?x?xf32>
  %d64 = arith.index_cast %d : index to i64
  %df = arith.sitofp %d64 : i64 to f32
  %one = arith.constant 1.0 : f32
  %inv_d = arith.divf %one, %df : f32
  %zero = arith.constant 0.0 : f32
  %eps = arith.constant 1.0e-5 : f32
  %e = tensor.empty(%b, %l) : tensor<?x?xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<?x?xf32>) -> tensor<?x?xf32>
  %ms = linalg.generic {indexing_maps = [affine_map<(b, l, d) -> (b, l, d)>, affine_map<(b, l, d) -> (b, l)>],
                        iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x : tensor<?x?x?xf32>) outs(%init : tensor<?x?xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %sq = arith.mulf %in, %in : f32
    %s = arith.mulf %sq, %inv_d : f32
    %a = arith.addf %acc, %s : f32
    linalg.yield %a : f32
  } -> tensor<?x?xf32>
  %e2 = tensor.empty(%b, %l, %d) : tensor<?x?x?xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(b, l, d) -> (b, l, d)>, affine_map<(b, l, d) -> (b, l)>,
                                        affine_map<(b, l, d) -> (d)>, affine_map<(b, l, d) -> (b, l, d)>],
                       iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%x, %ms, %w : tensor<?x?x?xf32>, tensor<?x?xf32>, tensor<?xf32>) outs(%e2 : tensor<?x?x?xf32>) {
  ^bb0(%xi: f32, %m: f32, %wi: f32, %out: f32):
    %me = arith.addf %m, %eps : f32
    %r = math.rsqrt %me : f32
    %n = arith.mulf %xi, %r : f32
    %o = arith.mulf %n, %wi : f32
    linalg.yield %o : f32
  } -> tensor<?x?x?xf32>
  return %y : tensor<?x?x?xf32>
}

// [B, L, K] x [K, N] -> [B, L, N] as a linalg.matmul on the [B*L, K] view.
func.func private @linear(%x: tensor<?x?x?xf32>, %w: tensor<?x?xf32>) -> tensor<?x?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %b = tensor.dim %x, %c0 : tensor<?x?x?xf32>
  %l = tensor.dim %x, %c1 : tensor<?x?x?xf32>
  %n = tensor.dim %w, %c1 : tensor<?x?xf32>
  %flat = tensor.collapse_shape %x [[0, 1], [2]] : tensor<?x?x?xf32> into tensor<?x?xf32>
  %m = tensor.dim %flat, %c0 : tensor<?x?xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty(%m, %n) : tensor<?x?xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<?x?xf32>) -> tensor<?x?xf32>
  %p = linalg.matmul ins(%flat, %w : tensor<?x?xf32>, tensor<?x?xf32>) outs(%init : tensor<?x?xf32>) -> tensor<?x?xf32>
  %y = tensor.expand_shape %p [[0, 1], [2]] output_shape [%b, %l, %n] : tensor<?x?xf32> into tensor<?x?x?xf32>
  return %y : tensor<?x?x?xf32>
}

// Mamba block with B = 1, L = 3, D = 2, inner width 2, N = 2, one group.
// MAMBA: result #0: tensor<1x3x2xf32> shape 1x3x2
// MAMBA-NEXT: [1.264900923, -0.3162252307, 0.1754111648, 0.701644659, -1.264906526, 0.3162266314]
// MAMBA-NEXT: result #1: tensor<1x3x2xf32> shape 1x3x2
// MAMBA-NEXT: [0.1871212274, -0.06139646098, 0.5755792856, -0.2291169018, 0.3421618044, -0.06440081447]
// MAMBA-NEXT: result #2: tensor<1x3x2xf32> shape 1x3x2
// MAMBA-NEXT: [0.1114682108, -0.00107220374, -0.03441954032, 0.01604135148, -0.05796606839, 0.0005625999765]
// MAMBA-NEXT: result #3: tensor<1x3x2xf32> shape 1x3x2
// MAMBA-NEXT: [1.111200213, -0.5565382838, 0.219590798, 2.029240847, -1.557825446, 0.7794049978]
func.func @mamba_block() -> (tensor<1x3x2xf32>, tensor<1x3x2xf32>, tensor<1x3x2xf32>, tensor<1x3x2xf32>) {
  %x = arith.constant dense<[[[1.0, -0.5], [0.25, 2.0], [-1.5, 0.75]]]> : tensor<1x3x2xf32>
  %w_norm = arith.constant dense<[1.0, 0.5]> : tensor<2xf32>
  %w_in = arith.constant dense<[[0.5, -0.25, 1.0, 0.125], [0.75, 0.5, -0.5, 1.0]]> : tensor<2x4xf32>
  %conv_w = arith.constant dense<[[0.5, 1.0], [-0.25, 0.75]]> : tensor<2x2xf32>
  %conv_b = arith.constant dense<[0.125, -0.25]> : tensor<2xf32>
  %w_dt = arith.constant dense<[[0.5, 0.25], [-0.5, 1.0]]> : tensor<2x2xf32>
  %w_b = arith.constant dense<[[1.0, 0.0], [0.5, -0.5]]> : tensor<2x2xf32>
  %w_c = arith.constant dense<[[0.25, 1.0], [-1.0, 0.5]]> : tensor<2x2xf32>
  %A = arith.constant dense<[[-1.0, -2.0], [-0.5, -1.5]]> : tensor<2x2xf32>
  %skip = arith.constant dense<[0.5, -0.25]> : tensor<2xf32>
  %dt_bias = arith.constant dense<[0.25, -0.5]> : tensor<2xf32>
  %w_out = arith.constant dense<[[1.0, -0.5], [0.25, 0.75]]> : tensor<2x2xf32>

  // Pre-norm.
  %xd = tensor.cast %x : tensor<1x3x2xf32> to tensor<?x?x?xf32>
  %wn = tensor.cast %w_norm : tensor<2xf32> to tensor<?xf32>
  %hd = func.call @rms_norm(%xd, %wn) : (tensor<?x?x?xf32>, tensor<?xf32>) -> tensor<?x?x?xf32>
  %h = tensor.cast %hd : tensor<?x?x?xf32> to tensor<1x3x2xf32>

  // Input projection to [x | z], split along channels.
  %wi = tensor.cast %w_in : tensor<2x4xf32> to tensor<?x?xf32>
  %pd = func.call @linear(%hd, %wi) : (tensor<?x?x?xf32>, tensor<?x?xf32>) -> tensor<?x?x?xf32>
  %p = tensor.cast %pd : tensor<?x?x?xf32> to tensor<1x3x4xf32>
  %xs = tensor.extract_slice %p[0, 0, 0] [1, 3, 2] [1, 1, 1] : tensor<1x3x4xf32> to tensor<1x3x2xf32>
  %z = tensor.extract_slice %p[0, 0, 2] [1, 3, 2] [1, 1, 1] : tensor<1x3x4xf32> to tensor<1x3x2xf32>

  // Causal depthwise convolution (width 2) with SiLU.
  %xc = ssm.short_conv %xs, %conv_w bias(%conv_b) activation silu : (tensor<1x3x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<1x3x2xf32>

  // Input-dependent delta, B and C.
  %xcd = tensor.cast %xc : tensor<1x3x2xf32> to tensor<?x?x?xf32>
  %wdt = tensor.cast %w_dt : tensor<2x2xf32> to tensor<?x?xf32>
  %wb = tensor.cast %w_b : tensor<2x2xf32> to tensor<?x?xf32>
  %wc = tensor.cast %w_c : tensor<2x2xf32> to tensor<?x?xf32>
  %deltad = func.call @linear(%xcd, %wdt) : (tensor<?x?x?xf32>, tensor<?x?xf32>) -> tensor<?x?x?xf32>
  %bd = func.call @linear(%xcd, %wb) : (tensor<?x?x?xf32>, tensor<?x?xf32>) -> tensor<?x?x?xf32>
  %cd = func.call @linear(%xcd, %wc) : (tensor<?x?x?xf32>, tensor<?x?xf32>) -> tensor<?x?x?xf32>
  %delta = tensor.cast %deltad : tensor<?x?x?xf32> to tensor<1x3x2xf32>
  %b3 = tensor.cast %bd : tensor<?x?x?xf32> to tensor<1x3x2xf32>
  %c3 = tensor.cast %cd : tensor<?x?x?xf32> to tensor<1x3x2xf32>
  %Bm = tensor.expand_shape %b3 [[0], [1], [2, 3]] output_shape [1, 3, 1, 2] : tensor<1x3x2xf32> into tensor<1x3x1x2xf32>
  %Cm = tensor.expand_shape %c3 [[0], [1], [2, 3]] output_shape [1, 3, 1, 2] : tensor<1x3x2xf32> into tensor<1x3x1x2xf32>

  // dt = softplus(delta + dt_bias); y = (C h + skip x) silu(z).
  %y = ssm.selective_scan %xc, %delta, %A, %Bm, %Cm skip(%skip) gate(%z) delta_bias(%dt_bias) delta_softplus : (tensor<1x3x2xf32>, tensor<1x3x2xf32>, tensor<2x2xf32>, tensor<1x3x1x2xf32>, tensor<1x3x1x2xf32>, tensor<2xf32>, tensor<1x3x2xf32>, tensor<2xf32>) -> tensor<1x3x2xf32>

  // Output projection and residual.
  %yd = tensor.cast %y : tensor<1x3x2xf32> to tensor<?x?x?xf32>
  %wo = tensor.cast %w_out : tensor<2x2xf32> to tensor<?x?xf32>
  %od = func.call @linear(%yd, %wo) : (tensor<?x?x?xf32>, tensor<?x?xf32>) -> tensor<?x?x?xf32>
  %o = tensor.cast %od : tensor<?x?x?xf32> to tensor<1x3x2xf32>
  %res = arith.addf %o, %x : tensor<1x3x2xf32>
  return %h, %xc, %y, %res : tensor<1x3x2xf32>, tensor<1x3x2xf32>, tensor<1x3x2xf32>, tensor<1x3x2xf32>
}

// Transformer++ block with B = 1, L = 3, D = 4, H = 2 heads of E = 2, MLP
// width 3. Weights are w[i, j] = ((a i + b j) mod 9 - 4) / 8 for small a, b.
// Results: attention output [B, H, L, E], the first residual, the block output.
// TPP: result #0: tensor<1x2x3x2xf32> shape 1x2x3x2
// TPP-NEXT: [0.5152078867, -1.016857743, 0.4029458463, -0.3746305406, -0.6751230955, 0.3462437987, -1.206671119, 0.7999280691, -0.4395386875, 0.3931193948, 0.08501870185, -0.1444739699]
// TPP-NEXT: result #1: tensor<1x3x4xf32> shape 1x3x4
// TPP-NEXT: [1.19659245, 0.5032995939, 0.336432904, 0.9560260773, -1.509535432, 1.198304653, 1.281371236, -0.7085837722, 0.7148821354, 0.5524522662, -1.960939884, 0.3567898571]
// TPP-NEXT: result #2: tensor<1x3x4xf32> shape 1x3x4
// TPP-NEXT: [1.041912556, 0.4908532202, 0.403283447, 0.8013461232, -1.609957814, 1.3050102, 1.278857946, -0.8090061545, 0.6942052245, 0.6413164139, -1.988214731, 0.3361129463]
func.func @transformer_block() -> (tensor<1x2x3x2xf32>, tensor<1x3x4xf32>, tensor<1x3x4xf32>) {
  %x = arith.constant dense<[[[1.0, -0.5, 0.25, 2.0], [-1.5, 0.75, 1.25, -0.25], [0.5, 1.0, -2.0, 0.125]]]> : tensor<1x3x4xf32>
  %w1 = arith.constant dense<[1.0, 0.5, 1.5, -1.0]> : tensor<4xf32>
  %w2 = arith.constant dense<[0.75, 1.0, -0.5, 1.25]> : tensor<4xf32>
  %w_qkv = arith.constant dense<[[-0.5, -0.25, 0.0, 0.25, 0.5, -0.375, -0.125, 0.125, 0.375, -0.5, -0.25, 0.0], [0.125, 0.375, -0.5, -0.25, 0.0, 0.25, 0.5, -0.375, -0.125, 0.125, 0.375, -0.5], [-0.375, -0.125, 0.125, 0.375, -0.5, -0.25, 0.0, 0.25, 0.5, -0.375, -0.125, 0.125], [0.25, 0.5, -0.375, -0.125, 0.125, 0.375, -0.5, -0.25, 0.0, 0.25, 0.5, -0.375]]> : tensor<4x12xf32>
  %w_o = arith.constant dense<[[-0.5, 0.375, 0.125, -0.125], [-0.25, -0.5, 0.375, 0.125], [0.0, -0.25, -0.5, 0.375], [0.25, 0.0, -0.25, -0.5]]> : tensor<4x4xf32>
  %w_gate = arith.constant dense<[[-0.5, -0.375, -0.25], [0.0, 0.125, 0.25], [0.5, -0.5, -0.375], [-0.125, 0.0, 0.125]]> : tensor<4x3xf32>
  %w_up = arith.constant dense<[[-0.5, 0.125, -0.375], [-0.375, 0.25, -0.25], [-0.25, 0.375, -0.125], [-0.125, 0.5, 0.0]]> : tensor<4x3xf32>
  %w_down = arith.constant dense<[[-0.5, -0.125, 0.25, -0.5], [0.375, -0.375, 0.0, 0.375], [0.125, 0.5, -0.25, 0.125]]> : tensor<3x4xf32>

  // Attention sub-block: norm, fused QKV, heads [B, H, L, E].
  %xd = tensor.cast %x : tensor<1x3x4xf32> to tensor<?x?x?xf32>
  %w1d = tensor.cast %w1 : tensor<4xf32> to tensor<?xf32>
  %hd = func.call @rms_norm(%xd, %w1d) : (tensor<?x?x?xf32>, tensor<?xf32>) -> tensor<?x?x?xf32>
  %wqkv = tensor.cast %w_qkv : tensor<4x12xf32> to tensor<?x?xf32>
  %pd = func.call @linear(%hd, %wqkv) : (tensor<?x?x?xf32>, tensor<?x?xf32>) -> tensor<?x?x?xf32>
  %p = tensor.cast %pd : tensor<?x?x?xf32> to tensor<1x3x12xf32>
  %q3 = tensor.extract_slice %p[0, 0, 0] [1, 3, 4] [1, 1, 1] : tensor<1x3x12xf32> to tensor<1x3x4xf32>
  %k3 = tensor.extract_slice %p[0, 0, 4] [1, 3, 4] [1, 1, 1] : tensor<1x3x12xf32> to tensor<1x3x4xf32>
  %v3 = tensor.extract_slice %p[0, 0, 8] [1, 3, 4] [1, 1, 1] : tensor<1x3x12xf32> to tensor<1x3x4xf32>
  %q4 = tensor.expand_shape %q3 [[0], [1], [2, 3]] output_shape [1, 3, 2, 2] : tensor<1x3x4xf32> into tensor<1x3x2x2xf32>
  %k4 = tensor.expand_shape %k3 [[0], [1], [2, 3]] output_shape [1, 3, 2, 2] : tensor<1x3x4xf32> into tensor<1x3x2x2xf32>
  %v4 = tensor.expand_shape %v3 [[0], [1], [2, 3]] output_shape [1, 3, 2, 2] : tensor<1x3x4xf32> into tensor<1x3x2x2xf32>
  %eh = tensor.empty() : tensor<1x2x3x2xf32>
  %q = linalg.transpose ins(%q4 : tensor<1x3x2x2xf32>) outs(%eh : tensor<1x2x3x2xf32>) permutation = [0, 2, 1, 3]
  %k = linalg.transpose ins(%k4 : tensor<1x3x2x2xf32>) outs(%eh : tensor<1x2x3x2xf32>) permutation = [0, 2, 1, 3]
  %v = linalg.transpose ins(%v4 : tensor<1x3x2x2xf32>) outs(%eh : tensor<1x2x3x2xf32>) permutation = [0, 2, 1, 3]

  // Causal attention with the default scale 1/sqrt(E); merge heads back.
  %att = ssm.attention %q, %k, %v causal : tensor<1x2x3x2xf32>, tensor<1x2x3x2xf32>, tensor<1x2x3x2xf32> -> tensor<1x2x3x2xf32>
  %el = tensor.empty() : tensor<1x3x2x2xf32>
  %att_l = linalg.transpose ins(%att : tensor<1x2x3x2xf32>) outs(%el : tensor<1x3x2x2xf32>) permutation = [0, 2, 1, 3]
  %merged = tensor.collapse_shape %att_l [[0], [1], [2, 3]] : tensor<1x3x2x2xf32> into tensor<1x3x4xf32>
  %md = tensor.cast %merged : tensor<1x3x4xf32> to tensor<?x?x?xf32>
  %wo = tensor.cast %w_o : tensor<4x4xf32> to tensor<?x?xf32>
  %od = func.call @linear(%md, %wo) : (tensor<?x?x?xf32>, tensor<?x?xf32>) -> tensor<?x?x?xf32>
  %o = tensor.cast %od : tensor<?x?x?xf32> to tensor<1x3x4xf32>
  %x1 = arith.addf %x, %o : tensor<1x3x4xf32>

  // SwiGLU MLP sub-block: silu(h W_gate) * (h W_up), then W_down, residual.
  %x1d = tensor.cast %x1 : tensor<1x3x4xf32> to tensor<?x?x?xf32>
  %w2d = tensor.cast %w2 : tensor<4xf32> to tensor<?xf32>
  %h2 = func.call @rms_norm(%x1d, %w2d) : (tensor<?x?x?xf32>, tensor<?xf32>) -> tensor<?x?x?xf32>
  %wg = tensor.cast %w_gate : tensor<4x3xf32> to tensor<?x?xf32>
  %wu = tensor.cast %w_up : tensor<4x3xf32> to tensor<?x?xf32>
  %wd = tensor.cast %w_down : tensor<3x4xf32> to tensor<?x?xf32>
  %gd = func.call @linear(%h2, %wg) : (tensor<?x?x?xf32>, tensor<?x?xf32>) -> tensor<?x?x?xf32>
  %ud = func.call @linear(%h2, %wu) : (tensor<?x?x?xf32>, tensor<?x?xf32>) -> tensor<?x?x?xf32>
  %g = tensor.cast %gd : tensor<?x?x?xf32> to tensor<1x3x3xf32>
  %u = tensor.cast %ud : tensor<?x?x?xf32> to tensor<1x3x3xf32>
  %es = tensor.empty() : tensor<1x3x3xf32>
  %act = linalg.generic {indexing_maps = [affine_map<(b, l, f) -> (b, l, f)>, affine_map<(b, l, f) -> (b, l, f)>, affine_map<(b, l, f) -> (b, l, f)>],
                         iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%g, %u : tensor<1x3x3xf32>, tensor<1x3x3xf32>) outs(%es : tensor<1x3x3xf32>) {
  ^bb0(%gi: f32, %ui: f32, %out: f32):
    %one = arith.constant 1.0 : f32
    %neg = arith.negf %gi : f32
    %ex = math.exp %neg : f32
    %den = arith.addf %one, %ex : f32
    %silu = arith.divf %gi, %den : f32
    %r = arith.mulf %silu, %ui : f32
    linalg.yield %r : f32
  } -> tensor<1x3x3xf32>
  %actd = tensor.cast %act : tensor<1x3x3xf32> to tensor<?x?x?xf32>
  %mlpd = func.call @linear(%actd, %wd) : (tensor<?x?x?xf32>, tensor<?x?xf32>) -> tensor<?x?x?xf32>
  %mlp = tensor.cast %mlpd : tensor<?x?x?xf32> to tensor<1x3x4xf32>
  %out = arith.addf %x1, %mlp : tensor<1x3x4xf32>
  return %att, %x1, %out : tensor<1x2x3x2xf32>, tensor<1x3x4xf32>, tensor<1x3x4xf32>
}
