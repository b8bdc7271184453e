// f16 and bf16 ops compute in f32 (operands extended, results truncated)
// and match the f64 reference rounded to the result type, within the
// default --check tolerances: 2e-3 (f16) and 2e-2 (bf16) of the largest
// result. Shapes are awkward: prime lengths, GQA, a partial key block.
// RUN: ssm-run %s --entry attention_bf16 --check --random-inputs --seed 1 | FileCheck %s --check-prefix=ATTN
// RUN: ssm-run %s --entry short_conv_f16 --check --random-inputs --seed 2 | FileCheck %s --check-prefix=CONV
// RUN: ssm-run %s --entry scan_bf16 --check --random-inputs --seed 3 | FileCheck %s --check-prefix=SCAN
// RUN: ssm-run %s --entry monarch_bf16 --check --random-inputs --seed 4 | FileCheck %s --check-prefix=MONARCH
// RUN: ssm-run %s --entry attention_f16 --check --random-inputs --seed 5 | FileCheck %s --check-prefix=ATTN16
// RUN: ssm-run %s --entry ssd_bf16 --check --random-inputs --seed 6 | FileCheck %s --check-prefix=SSD
// RUN: ssm-run %s --entry attention_bf16_e128 --check --random-inputs --seed 7 | FileCheck %s --check-prefix=ATTN128
// RUN: ssm-run %s --entry attention_f16_window --check --random-inputs --seed 8 | FileCheck %s --check-prefix=WINDOW
// RUN: ssm-run %s --entry linear_attention_bf16 --check --random-inputs --seed 9 | FileCheck %s --check-prefix=LINEAR
// RUN: ssm-opt %s --convert-ssm-to-linalg | FileCheck %s --check-prefix=IR

// ATTN: @attention_bf16: 1 result (compiled, cpu)
// ATTN: check result #0: {{.*}}: ok
func.func @attention_bf16(%q: tensor<1x4x67x16xbf16>, %k: tensor<1x2x67x16xbf16>) -> tensor<1x4x67x16xbf16> {
  %y = ssm.attention %q, %k, %k causal : tensor<1x4x67x16xbf16>, tensor<1x2x67x16xbf16>, tensor<1x2x67x16xbf16> -> tensor<1x4x67x16xbf16>
  return %y : tensor<1x4x67x16xbf16>
}

// CONV: check result #0: {{.*}}: ok
// The op itself runs on f32 tensors between an extf and a truncf.
// IR-LABEL: func @short_conv_f16
// IR: arith.extf %{{.*}} : f16 to f32
// IR: arith.truncf %{{.*}} : f32 to f16
// IR: return %{{.*}} : tensor<2x13x8xf16>
func.func @short_conv_f16(%u: tensor<2x13x8xf16>, %w: tensor<8x4xf16>) -> tensor<2x13x8xf16> {
  %y = ssm.short_conv %u, %w activation silu : (tensor<2x13x8xf16>, tensor<8x4xf16>) -> tensor<2x13x8xf16>
  return %y : tensor<2x13x8xf16>
}

// A bf16 selective scan over a prime length with a stable A = -exp(A_raw).
// SCAN: check result #0: {{.*}}: ok
// SCAN: check result #1: {{.*}}: ok
#id = affine_map<(d, n) -> (d, n)>
func.func @scan_bf16(%x: tensor<1x13x6xbf16>, %dt: tensor<1x13x6xbf16>, %A_raw: tensor<6x4xbf16>, %B: tensor<1x13x2x4xbf16>, %C: tensor<1x13x2x4xbf16>) -> (tensor<1x13x6xbf16>, tensor<1x6x4xbf16>) {
  %e = tensor.empty() : tensor<6x4xbf16>
  %A = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%A_raw : tensor<6x4xbf16>) outs(%e : tensor<6x4xbf16>) {
  ^bb0(%a: bf16, %o: bf16):
    %x1 = math.exp %a : bf16
    %n = arith.negf %x1 : bf16
    linalg.yield %n : bf16
  } -> tensor<6x4xbf16>
  %y, %h = ssm.selective_scan %x, %dt, %A, %B, %C delta_softplus : (tensor<1x13x6xbf16>, tensor<1x13x6xbf16>, tensor<6x4xbf16>, tensor<1x13x2x4xbf16>, tensor<1x13x2x4xbf16>) -> (tensor<1x13x6xbf16>, tensor<1x6x4xbf16>)
  return %y, %h : tensor<1x13x6xbf16>, tensor<1x6x4xbf16>
}

// Monarch over 70 rows of n = 64 (8 x 8 blocks).
// MONARCH: check result #0: {{.*}}: ok
func.func @monarch_bf16(%x: tensor<70x64xbf16>, %r: tensor<8x8x8xbf16>, %l: tensor<8x8x8xbf16>) -> tensor<70x64xbf16> {
  %y = ssm.monarch %x, %r, %l : tensor<70x64xbf16>, tensor<8x8x8xbf16>, tensor<8x8x8xbf16> -> tensor<70x64xbf16>
  return %y : tensor<70x64xbf16>
}

// Non-causal f16 attention, 130 queries over 75 keys (a partial key
// block), head size 64, GQA.
// ATTN16: check result #0: {{.*}}: ok
func.func @attention_f16(%q: tensor<2x4x130x64xf16>, %k: tensor<2x2x75x64xf16>, %v: tensor<2x2x75x64xf16>) -> tensor<2x4x130x64xf16> {
  %y = ssm.attention %q, %k, %v : tensor<2x4x130x64xf16>, tensor<2x2x75x64xf16>, tensor<2x2x75x64xf16> -> tensor<2x4x130x64xf16>
  return %y : tensor<2x4x130x64xf16>
}

// Chunked bf16 SSD (Mamba-2): 40 steps in chunks of 16 (the last padded),
// GQA-like groups (4 heads, 2 groups), an initial state and the final one.
// SSD: check result #0: {{.*}}: ok
// SSD: check result #1: {{.*}}: ok
#vec = affine_map<(h) -> (h)>
func.func @ssd_bf16(%x: tensor<2x40x4x16xbf16>, %dt: tensor<2x40x4xbf16>, %A_raw: tensor<4xbf16>, %Bm: tensor<2x40x2x16xbf16>, %Cm: tensor<2x40x2x16xbf16>, %skip: tensor<4xbf16>, %h0: tensor<2x4x16x16xbf16>) -> (tensor<2x40x4x16xbf16>, tensor<2x4x16x16xbf16>) {
  %e = tensor.empty() : tensor<4xbf16>
  %A = linalg.generic {indexing_maps = [#vec, #vec], iterator_types = ["parallel"]} ins(%A_raw : tensor<4xbf16>) outs(%e : tensor<4xbf16>) {
  ^bb0(%a: bf16, %o: bf16):
    %x1 = math.exp %a : bf16
    %n = arith.negf %x1 : bf16
    linalg.yield %n : bf16
  } -> tensor<4xbf16>
  %y, %hT = ssm.ssd %x, %dt, %A, %Bm, %Cm skip(%skip) init(%h0) dt_softplus {ssm.schedule = #ssm.schedule<"chunked", {chunk = 16 : i64}>}
      : (tensor<2x40x4x16xbf16>, tensor<2x40x4xbf16>, tensor<4xbf16>, tensor<2x40x2x16xbf16>, tensor<2x40x2x16xbf16>, tensor<4xbf16>, tensor<2x4x16x16xbf16>) -> (tensor<2x40x4x16xbf16>, tensor<2x4x16x16xbf16>)
  return %y, %hT : tensor<2x40x4x16xbf16>, tensor<2x4x16x16xbf16>
}

// Causal bf16 attention with head size 128 and more keys than queries (the
// mask is bottom-right aligned), GQA.
// ATTN128: check result #0: {{.*}}: ok
func.func @attention_bf16_e128(%q: tensor<1x4x77x128xbf16>, %k: tensor<1x2x100x128xbf16>, %v: tensor<1x2x100x128xbf16>) -> tensor<1x4x77x128xbf16> {
  %y = ssm.attention %q, %k, %v causal : tensor<1x4x77x128xbf16>, tensor<1x2x100x128xbf16>, tensor<1x2x100x128xbf16> -> tensor<1x4x77x128xbf16>
  return %y : tensor<1x4x77x128xbf16>
}

// Sliding-window f16 attention (causal, window 50): 3 queries over 131 keys,
// head size 64 and value size 32, an explicit scale.
// WINDOW: check result #0: {{.*}}: ok
func.func @attention_f16_window(%q: tensor<2x2x3x64xf16>, %k: tensor<2x2x131x64xf16>, %v: tensor<2x2x131x32xf16>) -> tensor<2x2x3x32xf16> {
  %y = ssm.attention %q, %k, %v causal window 50 scale 0.2 : tensor<2x2x3x64xf16>, tensor<2x2x131x64xf16>, tensor<2x2x131x32xf16> -> tensor<2x2x3x32xf16>
  return %y : tensor<2x2x3x32xf16>
}

// Chunked causal bf16 linear attention with elu1 features and the
// normaliser: 37 steps in chunks of 16 (the last padded).
// LINEAR: check result #0: {{.*}}: ok
func.func @linear_attention_bf16(%q: tensor<1x2x37x16xbf16>, %k: tensor<1x2x37x16xbf16>, %v: tensor<1x2x37x32xbf16>) -> tensor<1x2x37x32xbf16> {
  %y = ssm.linear_attention %q, %k, %v causal normalize feature_map elu1 {ssm.schedule = #ssm.schedule<"chunked", {chunk = 16 : i64}>} : tensor<1x2x37x16xbf16>, tensor<1x2x37x16xbf16>, tensor<1x2x37x32xbf16> -> tensor<1x2x37x32xbf16>
  return %y : tensor<1x2x37x32xbf16>
}
