// RUN: ssm-opt %s -split-input-file --cse | FileCheck %s
// Every ssm op is Pure: --cse merges identical ones and keeps those that differ.

// Two identical attention ops with every attribute are merged.
// CHECK-LABEL: func @attention_identical(
// CHECK: %[[Y:.+]] = ssm.attention {{.*}} causal window 128 scale
// CHECK-NOT: ssm.attention
// CHECK: return %[[Y]], %[[Y]]
func.func @attention_identical(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x16x64xf32>, %v: tensor<2x2x16x32xf32>) -> (tensor<2x8x16x32xf32>, tensor<2x8x16x32xf32>) {
  %a = ssm.attention %q, %k, %v causal window 128 scale 0.125 : tensor<2x8x16x64xf32>, tensor<2x2x16x64xf32>, tensor<2x2x16x32xf32> -> tensor<2x8x16x32xf32>
  %b = ssm.attention %q, %k, %v causal window 128 scale 0.125 : tensor<2x8x16x64xf32>, tensor<2x2x16x64xf32>, tensor<2x2x16x32xf32> -> tensor<2x8x16x32xf32>
  return %a, %b : tensor<2x8x16x32xf32>, tensor<2x8x16x32xf32>
}

// -----

// Attention ops that differ only in `causal` are not merged.
// CHECK-LABEL: func @attention_causal_differs(
// CHECK: %[[A:.+]] = ssm.attention %{{[^ ]+}}, %{{[^ ]+}}, %{{[^ ]+}} :
// CHECK: %[[B:.+]] = ssm.attention %{{[^ ]+}}, %{{[^ ]+}}, %{{[^ ]+}} causal :
// CHECK: return %[[A]], %[[B]]
func.func @attention_causal_differs(%q: tensor<1x4x8x16xf32>) -> (tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>) {
  %a = ssm.attention %q, %q, %q : tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32> -> tensor<1x4x8x16xf32>
  %b = ssm.attention %q, %q, %q causal : tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32> -> tensor<1x4x8x16xf32>
  return %a, %b : tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>
}

// -----

// Attention ops that differ only in `window` are not merged.
// CHECK-LABEL: func @attention_window_differs(
// CHECK: %[[A:.+]] = ssm.attention {{.*}} window 4 :
// CHECK: %[[B:.+]] = ssm.attention {{.*}} window 8 :
// CHECK: return %[[A]], %[[B]]
func.func @attention_window_differs(%q: tensor<1x4x8x16xf32>) -> (tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>) {
  %a = ssm.attention %q, %q, %q window 4 : tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32> -> tensor<1x4x8x16xf32>
  %b = ssm.attention %q, %q, %q window 8 : tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32> -> tensor<1x4x8x16xf32>
  return %a, %b : tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>
}

// -----

// Two identical linear_attention ops are merged.
// CHECK-LABEL: func @linear_attention_identical(
// CHECK: %[[Y:.+]] = ssm.linear_attention {{.*}} causal normalize feature_map elu1
// CHECK-NOT: ssm.linear_attention
// CHECK: return %[[Y]], %[[Y]]
func.func @linear_attention_identical(%q: tensor<1x4x64x16xf32>, %v: tensor<1x4x64x32xf32>) -> (tensor<1x4x64x32xf32>, tensor<1x4x64x32xf32>) {
  %a = ssm.linear_attention %q, %q, %v causal normalize feature_map elu1 : tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>, tensor<1x4x64x32xf32> -> tensor<1x4x64x32xf32>
  %b = ssm.linear_attention %q, %q, %v causal normalize feature_map elu1 : tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>, tensor<1x4x64x32xf32> -> tensor<1x4x64x32xf32>
  return %a, %b : tensor<1x4x64x32xf32>, tensor<1x4x64x32xf32>
}

// -----

// linear_attention ops that differ only in the feature map are not merged.
// CHECK-LABEL: func @linear_attention_feature_map_differs(
// CHECK: %[[A:.+]] = ssm.linear_attention {{.*}} feature_map relu :
// CHECK: %[[B:.+]] = ssm.linear_attention {{.*}} feature_map elu1 :
// CHECK: return %[[A]], %[[B]]
func.func @linear_attention_feature_map_differs(%q: tensor<1x4x64x16xf32>) -> (tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>) {
  %a = ssm.linear_attention %q, %q, %q feature_map relu : tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32> -> tensor<1x4x64x16xf32>
  %b = ssm.linear_attention %q, %q, %q feature_map elu1 : tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32> -> tensor<1x4x64x16xf32>
  return %a, %b : tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>
}

// -----

// Two identical 2-result selective_scan ops with every optional operand are merged.
// CHECK-LABEL: func @selective_scan_identical(
// CHECK: %[[Y:[^,]+]], %[[HT:[^ ]+]] = ssm.selective_scan {{.*}} skip({{.*}}) gate({{.*}}) delta_bias({{.*}}) init({{.*}}) delta_softplus
// CHECK-NOT: ssm.selective_scan
// CHECK: return %[[Y]], %[[HT]], %[[Y]], %[[HT]]
func.func @selective_scan_identical(%x: tensor<1x7x4xf32>, %dt: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %B: tensor<1x7x2x16xf32>, %C: tensor<1x7x2x16xf32>, %D: tensor<4xf32>, %z: tensor<1x7x4xf32>, %db: tensor<4xf32>, %h0: tensor<1x4x16xf32>) -> (tensor<1x7x4xf32>, tensor<1x4x16xf32>, tensor<1x7x4xf32>, tensor<1x4x16xf32>) {
  %y1, %h1 = ssm.selective_scan %x, %dt, %A, %B, %C skip(%D) gate(%z) delta_bias(%db) init(%h0) delta_softplus : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<4xf32>, tensor<1x7x4xf32>, tensor<4xf32>, tensor<1x4x16xf32>) -> (tensor<1x7x4xf32>, tensor<1x4x16xf32>)
  %y2, %h2 = ssm.selective_scan %x, %dt, %A, %B, %C skip(%D) gate(%z) delta_bias(%db) init(%h0) delta_softplus : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<4xf32>, tensor<1x7x4xf32>, tensor<4xf32>, tensor<1x4x16xf32>) -> (tensor<1x7x4xf32>, tensor<1x4x16xf32>)
  return %y1, %h1, %y2, %h2 : tensor<1x7x4xf32>, tensor<1x4x16xf32>, tensor<1x7x4xf32>, tensor<1x4x16xf32>
}

// -----

// Same operands in a different optional slot (skip vs delta_bias: operandSegmentSizes) are not merged.
// CHECK-LABEL: func @selective_scan_segments_differ(
// CHECK: %[[A:.+]] = ssm.selective_scan {{.*}} skip(
// CHECK: %[[B:.+]] = ssm.selective_scan {{.*}} delta_bias(
// CHECK: return %[[A]], %[[B]]
func.func @selective_scan_segments_differ(%x: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %B: tensor<1x7x2x16xf32>, %D: tensor<4xf32>) -> (tensor<1x7x4xf32>, tensor<1x7x4xf32>) {
  %a = ssm.selective_scan %x, %x, %A, %B, %B skip(%D) : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<4xf32>) -> tensor<1x7x4xf32>
  %b = ssm.selective_scan %x, %x, %A, %B, %B delta_bias(%D) : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<4xf32>) -> tensor<1x7x4xf32>
  return %a, %b : tensor<1x7x4xf32>, tensor<1x7x4xf32>
}

// -----

// selective_scan ops that differ only in returning the final state are not merged.
// CHECK-LABEL: func @selective_scan_result_count_differs(
// CHECK: %[[A:[^,]+]], %[[HT:[^ ]+]] = ssm.selective_scan
// CHECK: %[[B:.+]] = ssm.selective_scan
// CHECK: return %[[A]], %[[HT]], %[[B]]
func.func @selective_scan_result_count_differs(%x: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %B: tensor<1x7x2x16xf32>, %h0: tensor<1x4x16xf32>) -> (tensor<1x7x4xf32>, tensor<1x4x16xf32>, tensor<1x7x4xf32>) {
  %a, %hT = ssm.selective_scan %x, %x, %A, %B, %B init(%h0) : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<1x4x16xf32>) -> (tensor<1x7x4xf32>, tensor<1x4x16xf32>)
  %b = ssm.selective_scan %x, %x, %A, %B, %B init(%h0) : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<1x4x16xf32>) -> tensor<1x7x4xf32>
  return %a, %hT, %b : tensor<1x7x4xf32>, tensor<1x4x16xf32>, tensor<1x7x4xf32>
}

// -----

// Two identical 2-result ssd ops with skip and init are merged.
// CHECK-LABEL: func @ssd_identical(
// CHECK: %[[Y:[^,]+]], %[[HT:[^ ]+]] = ssm.ssd {{.*}} skip({{.*}}) init({{.*}}) dt_softplus
// CHECK-NOT: ssm.ssd
// CHECK: return %[[Y]], %[[HT]], %[[Y]], %[[HT]]
func.func @ssd_identical(%x: tensor<2x64x8x16xf32>, %dt: tensor<2x64x8xf32>, %A: tensor<8xf32>, %B: tensor<2x64x2x32xf32>, %C: tensor<2x64x2x32xf32>, %D: tensor<8xf32>, %h0: tensor<2x8x16x32xf32>) -> (tensor<2x64x8x16xf32>, tensor<2x8x16x32xf32>, tensor<2x64x8x16xf32>, tensor<2x8x16x32xf32>) {
  %y1, %h1 = ssm.ssd %x, %dt, %A, %B, %C skip(%D) init(%h0) dt_softplus : (tensor<2x64x8x16xf32>, tensor<2x64x8xf32>, tensor<8xf32>, tensor<2x64x2x32xf32>, tensor<2x64x2x32xf32>, tensor<8xf32>, tensor<2x8x16x32xf32>) -> (tensor<2x64x8x16xf32>, tensor<2x8x16x32xf32>)
  %y2, %h2 = ssm.ssd %x, %dt, %A, %B, %C skip(%D) init(%h0) dt_softplus : (tensor<2x64x8x16xf32>, tensor<2x64x8xf32>, tensor<8xf32>, tensor<2x64x2x32xf32>, tensor<2x64x2x32xf32>, tensor<8xf32>, tensor<2x8x16x32xf32>) -> (tensor<2x64x8x16xf32>, tensor<2x8x16x32xf32>)
  return %y1, %h1, %y2, %h2 : tensor<2x64x8x16xf32>, tensor<2x8x16x32xf32>, tensor<2x64x8x16xf32>, tensor<2x8x16x32xf32>
}

// -----

// ssd ops that differ only in `dt_softplus` are not merged.
// CHECK-LABEL: func @ssd_softplus_differs(
// CHECK: %[[A:.+]] = ssm.ssd {{.*}}, %{{[^ ]+}} :
// CHECK: %[[B:.+]] = ssm.ssd {{.*}} dt_softplus :
// CHECK: return %[[A]], %[[B]]
func.func @ssd_softplus_differs(%x: tensor<1x4x2x3xf32>, %dt: tensor<1x4x2xf32>, %A: tensor<2xf32>, %B: tensor<1x4x1x5xf32>) -> (tensor<1x4x2x3xf32>, tensor<1x4x2x3xf32>) {
  %a = ssm.ssd %x, %dt, %A, %B, %B : (tensor<1x4x2x3xf32>, tensor<1x4x2xf32>, tensor<2xf32>, tensor<1x4x1x5xf32>, tensor<1x4x1x5xf32>) -> tensor<1x4x2x3xf32>
  %b = ssm.ssd %x, %dt, %A, %B, %B dt_softplus : (tensor<1x4x2x3xf32>, tensor<1x4x2xf32>, tensor<2xf32>, tensor<1x4x1x5xf32>, tensor<1x4x1x5xf32>) -> tensor<1x4x2x3xf32>
  return %a, %b : tensor<1x4x2x3xf32>, tensor<1x4x2x3xf32>
}

// -----

// Two identical long_conv ops with the optional bias are merged.
// CHECK-LABEL: func @long_conv_identical(
// CHECK: %[[Y:.+]] = ssm.long_conv {{.*}} bias({{.*}}) mode circular
// CHECK-NOT: ssm.long_conv
// CHECK: return %[[Y]], %[[Y]]
func.func @long_conv_identical(%u: tensor<1x32x4xf32>, %k: tensor<4x32xf32>, %b: tensor<4xf32>) -> (tensor<1x32x4xf32>, tensor<1x32x4xf32>) {
  %y1 = ssm.long_conv %u, %k bias(%b) mode circular : (tensor<1x32x4xf32>, tensor<4x32xf32>, tensor<4xf32>) -> tensor<1x32x4xf32>
  %y2 = ssm.long_conv %u, %k bias(%b) mode circular : (tensor<1x32x4xf32>, tensor<4x32xf32>, tensor<4xf32>) -> tensor<1x32x4xf32>
  return %y1, %y2 : tensor<1x32x4xf32>, tensor<1x32x4xf32>
}

// -----

// long_conv ops that differ only in the mode (circular vs causal) are not merged.
// CHECK-LABEL: func @long_conv_mode_differs(
// CHECK: %[[A:.+]] = ssm.long_conv {{.*}} mode circular :
// CHECK: %[[B:.+]] = ssm.long_conv %{{[^ ]+}}, %{{[^ ]+}} :
// CHECK: return %[[A]], %[[B]]
func.func @long_conv_mode_differs(%u: tensor<1x32x4xf32>, %k: tensor<4x32xf32>) -> (tensor<1x32x4xf32>, tensor<1x32x4xf32>) {
  %a = ssm.long_conv %u, %k mode circular : (tensor<1x32x4xf32>, tensor<4x32xf32>) -> tensor<1x32x4xf32>
  %b = ssm.long_conv %u, %k mode causal : (tensor<1x32x4xf32>, tensor<4x32xf32>) -> tensor<1x32x4xf32>
  return %a, %b : tensor<1x32x4xf32>, tensor<1x32x4xf32>
}

// -----

// An explicit default mode and an omitted one are the same op: merged.
// CHECK-LABEL: func @long_conv_explicit_default(
// CHECK: %[[Y:.+]] = ssm.long_conv
// CHECK-NOT: ssm.long_conv
// CHECK: return %[[Y]], %[[Y]]
func.func @long_conv_explicit_default(%u: tensor<1x32x4xf32>, %k: tensor<4x32xf32>) -> (tensor<1x32x4xf32>, tensor<1x32x4xf32>) {
  %a = ssm.long_conv %u, %k mode causal : (tensor<1x32x4xf32>, tensor<4x32xf32>) -> tensor<1x32x4xf32>
  %b = ssm.long_conv %u, %k : (tensor<1x32x4xf32>, tensor<4x32xf32>) -> tensor<1x32x4xf32>
  return %a, %b : tensor<1x32x4xf32>, tensor<1x32x4xf32>
}

// -----

// Two identical short_conv ops are merged.
// CHECK-LABEL: func @short_conv_identical(
// CHECK: %[[Y:.+]] = ssm.short_conv {{.*}} bias({{.*}}) activation silu
// CHECK-NOT: ssm.short_conv
// CHECK: return %[[Y]], %[[Y]]
func.func @short_conv_identical(%u: tensor<1x128x64xf32>, %w: tensor<64x4xf32>, %b: tensor<64xf32>) -> (tensor<1x128x64xf32>, tensor<1x128x64xf32>) {
  %y1 = ssm.short_conv %u, %w bias(%b) activation silu : (tensor<1x128x64xf32>, tensor<64x4xf32>, tensor<64xf32>) -> tensor<1x128x64xf32>
  %y2 = ssm.short_conv %u, %w bias(%b) activation silu : (tensor<1x128x64xf32>, tensor<64x4xf32>, tensor<64xf32>) -> tensor<1x128x64xf32>
  return %y1, %y2 : tensor<1x128x64xf32>, tensor<1x128x64xf32>
}

// -----

// short_conv ops that differ only in the activation are not merged.
// CHECK-LABEL: func @short_conv_activation_differs(
// CHECK: %[[A:.+]] = ssm.short_conv {{.*}} activation silu :
// CHECK: %[[B:.+]] = ssm.short_conv %{{[^ ]+}}, %{{[^ ]+}} :
// CHECK: return %[[A]], %[[B]]
func.func @short_conv_activation_differs(%u: tensor<1x128x64xf32>, %w: tensor<64x4xf32>) -> (tensor<1x128x64xf32>, tensor<1x128x64xf32>) {
  %a = ssm.short_conv %u, %w activation silu : (tensor<1x128x64xf32>, tensor<64x4xf32>) -> tensor<1x128x64xf32>
  %b = ssm.short_conv %u, %w : (tensor<1x128x64xf32>, tensor<64x4xf32>) -> tensor<1x128x64xf32>
  return %a, %b : tensor<1x128x64xf32>, tensor<1x128x64xf32>
}

// -----

// Identical monarch ops are merged, then the butterfly ops they feed become identical and merge.
// CHECK-LABEL: func @monarch_butterfly_identical(
// CHECK: %[[M:.+]] = ssm.monarch
// CHECK-NOT: ssm.monarch
// CHECK: %[[B:.+]] = ssm.butterfly %[[M]],
// CHECK-NOT: ssm.butterfly
// CHECK: return %[[B]], %[[B]]
func.func @monarch_butterfly_identical(%x: tensor<8x16xf32>, %r: tensor<4x4x4xf32>, %l: tensor<4x4x4xf32>, %w: tensor<4x8x2x2xf32>) -> (tensor<8x16xf32>, tensor<8x16xf32>) {
  %m1 = ssm.monarch %x, %r, %l : tensor<8x16xf32>, tensor<4x4x4xf32>, tensor<4x4x4xf32> -> tensor<8x16xf32>
  %m2 = ssm.monarch %x, %r, %l : tensor<8x16xf32>, tensor<4x4x4xf32>, tensor<4x4x4xf32> -> tensor<8x16xf32>
  %b1 = ssm.butterfly %m1, %w : tensor<8x16xf32>, tensor<4x8x2x2xf32> -> tensor<8x16xf32>
  %b2 = ssm.butterfly %m2, %w : tensor<8x16xf32>, tensor<4x8x2x2xf32> -> tensor<8x16xf32>
  return %b1, %b2 : tensor<8x16xf32>, tensor<8x16xf32>
}

// -----

// Two identical ssm_kernel ops with the low-rank factor are merged.
// CHECK-LABEL: func @ssm_kernel_identical(
// CHECK: %[[K:.+]] = ssm.ssm_kernel {{.*}} low_rank({{.*}}) length 16 discretization bilinear
// CHECK-NOT: ssm.ssm_kernel
// CHECK: return %[[K]], %[[K]]
func.func @ssm_kernel_identical(%A: tensor<4x8xcomplex<f32>>, %dt: tensor<4xf32>, %P: tensor<4x1x8xcomplex<f32>>) -> (tensor<4x16xf32>, tensor<4x16xf32>) {
  %k1 = ssm.ssm_kernel %A, %A, %A, %dt low_rank(%P) length 16 discretization bilinear : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>, tensor<4x1x8xcomplex<f32>>) -> tensor<4x16xf32>
  %k2 = ssm.ssm_kernel %A, %A, %A, %dt low_rank(%P) length 16 discretization bilinear : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>, tensor<4x1x8xcomplex<f32>>) -> tensor<4x16xf32>
  return %k1, %k2 : tensor<4x16xf32>, tensor<4x16xf32>
}

// -----

// ssm_kernel ops that differ only in the discretization are not merged.
// CHECK-LABEL: func @ssm_kernel_discretization_differs(
// CHECK: %[[A:.+]] = ssm.ssm_kernel {{.*}} length 16 :
// CHECK: %[[B:.+]] = ssm.ssm_kernel {{.*}} length 16 discretization bilinear :
// CHECK: return %[[A]], %[[B]]
func.func @ssm_kernel_discretization_differs(%A: tensor<4x8xcomplex<f32>>, %dt: tensor<4xf32>) -> (tensor<4x16xf32>, tensor<4x16xf32>) {
  %a = ssm.ssm_kernel %A, %A, %A, %dt length 16 discretization zoh : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xf32>
  %b = ssm.ssm_kernel %A, %A, %A, %dt length 16 discretization bilinear : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xf32>
  return %a, %b : tensor<4x16xf32>, tensor<4x16xf32>
}

// -----

// An ssm op in a nested region is merged with an identical one that dominates it.
// CHECK-LABEL: func @attention_dominating(
// CHECK: %[[Y:.+]] = ssm.attention
// CHECK: scf.if
// CHECK-NOT: ssm.attention
// CHECK: scf.yield %[[Y]]
func.func @attention_dominating(%c: i1, %q: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  %a = ssm.attention %q, %q, %q causal : tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32> -> tensor<1x4x8x16xf32>
  %r = scf.if %c -> tensor<1x4x8x16xf32> {
    %b = ssm.attention %q, %q, %q causal : tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32> -> tensor<1x4x8x16xf32>
    scf.yield %b : tensor<1x4x8x16xf32>
  } else {
    scf.yield %a : tensor<1x4x8x16xf32>
  }
  return %r : tensor<1x4x8x16xf32>
}
