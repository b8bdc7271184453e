// RUN: ssm-opt %s | ssm-opt | FileCheck %s
// RUN: ssm-opt %s --mlir-print-op-generic | ssm-opt | FileCheck %s
// RUN: ssm-opt %s --emit-bytecode | ssm-opt | FileCheck %s

//===----------------------------------------------------------------------===//
// ssm.attention
//===----------------------------------------------------------------------===//

// Multi-head attention (H == Hk) with no attribute prints no keyword.
// CHECK-LABEL: func @attention_mha(
// CHECK-SAME: %[[Q:[^:]+]]: tensor<2x8x100x64xf32>, %[[K:[^:]+]]: tensor<2x8x100x64xf32>, %[[V:[^:]+]]: tensor<2x8x100x64xf32>)
// CHECK: %[[Y:.+]] = ssm.attention %[[Q]], %[[K]], %[[V]] : tensor<2x8x100x64xf32>, tensor<2x8x100x64xf32>, tensor<2x8x100x64xf32> -> tensor<2x8x100x64xf32>
// CHECK: return %[[Y]]
func.func @attention_mha(%q: tensor<2x8x100x64xf32>, %k: tensor<2x8x100x64xf32>, %v: tensor<2x8x100x64xf32>) -> tensor<2x8x100x64xf32> {
  %y = ssm.attention %q, %k, %v : tensor<2x8x100x64xf32>, tensor<2x8x100x64xf32>, tensor<2x8x100x64xf32> -> tensor<2x8x100x64xf32>
  return %y : tensor<2x8x100x64xf32>
}

// GQA (H = 4 Hk) with Ev != E and every attribute: causal, window, scale.
// CHECK-LABEL: func @attention_gqa_all_attrs(
// CHECK-SAME: %[[Q:[^:]+]]: tensor<2x8x100x64xf32>, %[[K:[^:]+]]: tensor<2x2x100x64xf32>, %[[V:[^:]+]]: tensor<2x2x100x32xf32>)
// CHECK: %[[Y:.+]] = ssm.attention %[[Q]], %[[K]], %[[V]] causal window 128 scale 1.250000e-01 : tensor<2x8x100x64xf32>, tensor<2x2x100x64xf32>, tensor<2x2x100x32xf32> -> tensor<2x8x100x32xf32>
// CHECK: return %[[Y]]
func.func @attention_gqa_all_attrs(%q: tensor<2x8x100x64xf32>, %k: tensor<2x2x100x64xf32>, %v: tensor<2x2x100x32xf32>) -> tensor<2x8x100x32xf32> {
  %y = ssm.attention %q, %k, %v causal window 128 scale 0.125 : tensor<2x8x100x64xf32>, tensor<2x2x100x64xf32>, tensor<2x2x100x32xf32> -> tensor<2x8x100x32xf32>
  return %y : tensor<2x8x100x32xf32>
}

// `causal` alone, f16, Lq != Lk (decoding against a longer KV cache).
// CHECK-LABEL: func @attention_causal_f16(
// CHECK-SAME: %[[Q:[^:]+]]: tensor<1x4x1x16xf16>, %[[K:[^:]+]]: tensor<1x4x37x16xf16>, %[[V:[^:]+]]: tensor<1x4x37x16xf16>)
// CHECK: %[[Y:.+]] = ssm.attention %[[Q]], %[[K]], %[[V]] causal : tensor<1x4x1x16xf16>, tensor<1x4x37x16xf16>, tensor<1x4x37x16xf16> -> tensor<1x4x1x16xf16>
// CHECK: return %[[Y]]
func.func @attention_causal_f16(%q: tensor<1x4x1x16xf16>, %k: tensor<1x4x37x16xf16>, %v: tensor<1x4x37x16xf16>) -> tensor<1x4x1x16xf16> {
  %y = ssm.attention %q, %k, %v causal : tensor<1x4x1x16xf16>, tensor<1x4x37x16xf16>, tensor<1x4x37x16xf16> -> tensor<1x4x1x16xf16>
  return %y : tensor<1x4x1x16xf16>
}

// `window` alone, given through the attribute dictionary, prints as a keyword.
// CHECK-LABEL: func @attention_window_from_attr_dict(
// CHECK-SAME: %[[Q:[^:]+]]: tensor<1x2x8x4xf32>, %[[K:[^:]+]]: tensor<1x2x8x4xf32>, %[[V:[^:]+]]: tensor<1x2x8x4xf32>)
// CHECK: %[[Y:.+]] = ssm.attention %[[Q]], %[[K]], %[[V]] window 1 : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32> -> tensor<1x2x8x4xf32>
// CHECK: return %[[Y]]
func.func @attention_window_from_attr_dict(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %y = ssm.attention %q, %k, %v {window = 1 : i64} : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32> -> tensor<1x2x8x4xf32>
  return %y : tensor<1x2x8x4xf32>
}

// `scale` alone (negative) on f64.
// CHECK-LABEL: func @attention_scale_f64(
// CHECK-SAME: %[[Q:[^:]+]]: tensor<1x1x3x2xf64>, %[[K:[^:]+]]: tensor<1x1x5x2xf64>, %[[V:[^:]+]]: tensor<1x1x5x7xf64>)
// CHECK: %[[Y:.+]] = ssm.attention %[[Q]], %[[K]], %[[V]] scale -2.500000e-01 : tensor<1x1x3x2xf64>, tensor<1x1x5x2xf64>, tensor<1x1x5x7xf64> -> tensor<1x1x3x7xf64>
// CHECK: return %[[Y]]
func.func @attention_scale_f64(%q: tensor<1x1x3x2xf64>, %k: tensor<1x1x5x2xf64>, %v: tensor<1x1x5x7xf64>) -> tensor<1x1x3x7xf64> {
  %y = ssm.attention %q, %k, %v scale -0.25 : tensor<1x1x3x2xf64>, tensor<1x1x5x2xf64>, tensor<1x1x5x7xf64> -> tensor<1x1x3x7xf64>
  return %y : tensor<1x1x3x7xf64>
}

// MQA (Hk = 1) in bf16 with dynamic batch and lengths; the result may refine a dynamic dim.
// CHECK-LABEL: func @attention_mqa_dynamic_bf16(
// CHECK-SAME: %[[Q:[^:]+]]: tensor<?x8x?x64xbf16>, %[[K:[^:]+]]: tensor<?x1x?x64xbf16>, %[[V:[^:]+]]: tensor<2x1x?x64xbf16>)
// CHECK: %[[Y:.+]] = ssm.attention %[[Q]], %[[K]], %[[V]] causal window 16 : tensor<?x8x?x64xbf16>, tensor<?x1x?x64xbf16>, tensor<2x1x?x64xbf16> -> tensor<?x8x?x64xbf16>
// CHECK: return %[[Y]]
func.func @attention_mqa_dynamic_bf16(%q: tensor<?x8x?x64xbf16>, %k: tensor<?x1x?x64xbf16>, %v: tensor<2x1x?x64xbf16>) -> tensor<?x8x?x64xbf16> {
  %y = ssm.attention %q, %k, %v causal window 16 : tensor<?x8x?x64xbf16>, tensor<?x1x?x64xbf16>, tensor<2x1x?x64xbf16> -> tensor<?x8x?x64xbf16>
  return %y : tensor<?x8x?x64xbf16>
}

// Dynamic head counts are accepted: H % Hk is only checked when both are static.
// CHECK-LABEL: func @attention_dynamic_heads(
// CHECK-SAME: %[[Q:[^:]+]]: tensor<1x?x4x8xf32>, %[[K:[^:]+]]: tensor<1x3x4x8xf32>, %[[V:[^:]+]]: tensor<1x3x4x8xf32>)
// CHECK: %[[Y:.+]] = ssm.attention %[[Q]], %[[K]], %[[V]] : tensor<1x?x4x8xf32>, tensor<1x3x4x8xf32>, tensor<1x3x4x8xf32> -> tensor<1x6x4x8xf32>
// CHECK: return %[[Y]]
func.func @attention_dynamic_heads(%q: tensor<1x?x4x8xf32>, %k: tensor<1x3x4x8xf32>, %v: tensor<1x3x4x8xf32>) -> tensor<1x6x4x8xf32> {
  %y = ssm.attention %q, %k, %v : tensor<1x?x4x8xf32>, tensor<1x3x4x8xf32>, tensor<1x3x4x8xf32> -> tensor<1x6x4x8xf32>
  return %y : tensor<1x6x4x8xf32>
}

//===----------------------------------------------------------------------===//
// ssm.linear_attention
//===----------------------------------------------------------------------===//

// No flags: the default feature map (identity) is not printed.
// CHECK-LABEL: func @linear_attention_default(
// CHECK-SAME: %[[Q:[^:]+]]: tensor<1x4x64x16xf32>, %[[K:[^:]+]]: tensor<1x4x64x16xf32>, %[[V:[^:]+]]: tensor<1x4x64x32xf32>)
// CHECK: %[[Y:.+]] = ssm.linear_attention %[[Q]], %[[K]], %[[V]] : tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>, tensor<1x4x64x32xf32> -> tensor<1x4x64x32xf32>
// CHECK: return %[[Y]]
func.func @linear_attention_default(%q: tensor<1x4x64x16xf32>, %k: tensor<1x4x64x16xf32>, %v: tensor<1x4x64x32xf32>) -> tensor<1x4x64x32xf32> {
  %y = ssm.linear_attention %q, %k, %v : tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>, tensor<1x4x64x32xf32> -> tensor<1x4x64x32xf32>
  return %y : tensor<1x4x64x32xf32>
}

// An explicit `feature_map identity` is the default and is elided on printing.
// CHECK-LABEL: func @linear_attention_explicit_identity(
// CHECK-SAME: %[[Q:[^:]+]]: tensor<1x4x64x16xf32>, %[[K:[^:]+]]: tensor<1x4x64x16xf32>, %[[V:[^:]+]]: tensor<1x4x64x32xf32>)
// CHECK: %[[Y:.+]] = ssm.linear_attention %[[Q]], %[[K]], %[[V]] causal : tensor<1x4x64x16xf32>
// CHECK: return %[[Y]]
func.func @linear_attention_explicit_identity(%q: tensor<1x4x64x16xf32>, %k: tensor<1x4x64x16xf32>, %v: tensor<1x4x64x32xf32>) -> tensor<1x4x64x32xf32> {
  %y = ssm.linear_attention %q, %k, %v causal feature_map identity : tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>, tensor<1x4x64x32xf32> -> tensor<1x4x64x32xf32>
  return %y : tensor<1x4x64x32xf32>
}

// `causal`, `normalize` and the elu1 feature map together.
// CHECK-LABEL: func @linear_attention_causal_normalize_elu1(
// CHECK-SAME: %[[Q:[^:]+]]: tensor<1x4x64x16xf32>, %[[K:[^:]+]]: tensor<1x4x64x16xf32>, %[[V:[^:]+]]: tensor<1x4x64x32xf32>)
// CHECK: %[[Y:.+]] = ssm.linear_attention %[[Q]], %[[K]], %[[V]] causal normalize feature_map elu1 : tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>, tensor<1x4x64x32xf32> -> tensor<1x4x64x32xf32>
// CHECK: return %[[Y]]
func.func @linear_attention_causal_normalize_elu1(%q: tensor<1x4x64x16xf32>, %k: tensor<1x4x64x16xf32>, %v: tensor<1x4x64x32xf32>) -> tensor<1x4x64x32xf32> {
  %y = ssm.linear_attention %q, %k, %v causal normalize feature_map elu1 : tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>, tensor<1x4x64x32xf32> -> tensor<1x4x64x32xf32>
  return %y : tensor<1x4x64x32xf32>
}

// `normalize` alone with the relu feature map, f16, dynamic batch and length.
// CHECK-LABEL: func @linear_attention_relu_dynamic_f16(
// CHECK-SAME: %[[Q:[^:]+]]: tensor<?x2x?x8xf16>, %[[K:[^:]+]]: tensor<?x2x?x8xf16>, %[[V:[^:]+]]: tensor<?x2x?x4xf16>)
// CHECK: %[[Y:.+]] = ssm.linear_attention %[[Q]], %[[K]], %[[V]] normalize feature_map relu : tensor<?x2x?x8xf16>, tensor<?x2x?x8xf16>, tensor<?x2x?x4xf16> -> tensor<?x2x?x4xf16>
// CHECK: return %[[Y]]
func.func @linear_attention_relu_dynamic_f16(%q: tensor<?x2x?x8xf16>, %k: tensor<?x2x?x8xf16>, %v: tensor<?x2x?x4xf16>) -> tensor<?x2x?x4xf16> {
  %y = ssm.linear_attention %q, %k, %v normalize feature_map relu : tensor<?x2x?x8xf16>, tensor<?x2x?x8xf16>, tensor<?x2x?x4xf16> -> tensor<?x2x?x4xf16>
  return %y : tensor<?x2x?x4xf16>
}

// The Taylor-2 (Based) feature map in bf16, causal without normalization.
// CHECK-LABEL: func @linear_attention_taylor2_bf16(
// CHECK-SAME: %[[Q:[^:]+]]: tensor<2x1x5x3xbf16>, %[[K:[^:]+]]: tensor<2x1x5x3xbf16>, %[[V:[^:]+]]: tensor<2x1x5x6xbf16>)
// CHECK: %[[Y:.+]] = ssm.linear_attention %[[Q]], %[[K]], %[[V]] causal feature_map taylor2 : tensor<2x1x5x3xbf16>, tensor<2x1x5x3xbf16>, tensor<2x1x5x6xbf16> -> tensor<2x1x5x6xbf16>
// CHECK: return %[[Y]]
func.func @linear_attention_taylor2_bf16(%q: tensor<2x1x5x3xbf16>, %k: tensor<2x1x5x3xbf16>, %v: tensor<2x1x5x6xbf16>) -> tensor<2x1x5x6xbf16> {
  %y = ssm.linear_attention %q, %k, %v causal feature_map taylor2 : tensor<2x1x5x3xbf16>, tensor<2x1x5x3xbf16>, tensor<2x1x5x6xbf16> -> tensor<2x1x5x6xbf16>
  return %y : tensor<2x1x5x6xbf16>
}

// f64 operands, feature map through the attribute dictionary.
// CHECK-LABEL: func @linear_attention_f64_attr_dict(
// CHECK-SAME: %[[Q:[^:]+]]: tensor<1x1x1x1xf64>, %[[K:[^:]+]]: tensor<1x1x1x1xf64>, %[[V:[^:]+]]: tensor<1x1x1x1xf64>)
// CHECK: %[[Y:.+]] = ssm.linear_attention %[[Q]], %[[K]], %[[V]] feature_map relu : tensor<1x1x1x1xf64>, tensor<1x1x1x1xf64>, tensor<1x1x1x1xf64> -> tensor<1x1x1x1xf64>
// CHECK: return %[[Y]]
func.func @linear_attention_f64_attr_dict(%q: tensor<1x1x1x1xf64>, %k: tensor<1x1x1x1xf64>, %v: tensor<1x1x1x1xf64>) -> tensor<1x1x1x1xf64> {
  %y = ssm.linear_attention %q, %k, %v {feature_map = #ssm<feature_map relu>} : tensor<1x1x1x1xf64>, tensor<1x1x1x1xf64>, tensor<1x1x1x1xf64> -> tensor<1x1x1x1xf64>
  return %y : tensor<1x1x1x1xf64>
}

//===----------------------------------------------------------------------===//
// ssm.selective_scan
//===----------------------------------------------------------------------===//

// Required operands only, one result, no flag.
// CHECK-LABEL: func @selective_scan_minimal(
// CHECK-SAME: %[[X:[^:]+]]: tensor<1x7x4xf32>, %[[DT:[^:]+]]: tensor<1x7x4xf32>, %[[A:[^:]+]]: tensor<4x16xf32>, %[[B:[^:]+]]: tensor<1x7x2x16xf32>, %[[C:[^:]+]]: tensor<1x7x2x16xf32>)
// CHECK: %[[Y:.+]] = ssm.selective_scan %[[X]], %[[DT]], %[[A]], %[[B]], %[[C]] : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>) -> tensor<1x7x4xf32>
// CHECK: return %[[Y]]
func.func @selective_scan_minimal(%x: tensor<1x7x4xf32>, %dt: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %B: tensor<1x7x2x16xf32>, %C: tensor<1x7x2x16xf32>) -> tensor<1x7x4xf32> {
  %y = ssm.selective_scan %x, %dt, %A, %B, %C : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>) -> tensor<1x7x4xf32>
  return %y : tensor<1x7x4xf32>
}

// Every optional operand, the `delta_softplus` flag and the final state.
// CHECK-LABEL: func @selective_scan_all(
// CHECK-SAME: %[[X:[^:]+]]: tensor<1x7x4xf32>, %[[DT:[^:]+]]: tensor<1x7x4xf32>, %[[A:[^:]+]]: tensor<4x16xf32>, %[[B:[^:]+]]: tensor<1x7x2x16xf32>, %[[C:[^:]+]]: tensor<1x7x2x16xf32>, %[[D:[^:]+]]: tensor<4xf32>, %[[Z:[^:]+]]: tensor<1x7x4xf32>, %[[DB:[^:]+]]: tensor<4xf32>, %[[H0:[^:]+]]: tensor<1x4x16xf32>)
// CHECK: %[[Y:[^,]+]], %[[HT:.+]] = ssm.selective_scan %[[X]], %[[DT]], %[[A]], %[[B]], %[[C]] skip(%[[D]]) gate(%[[Z]]) delta_bias(%[[DB]]) init(%[[H0]]) delta_softplus : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<4xf32>, tensor<1x7x4xf32>, tensor<4xf32>, tensor<1x4x16xf32>) -> (tensor<1x7x4xf32>, tensor<1x4x16xf32>)
// CHECK: return %[[Y]], %[[HT]]
func.func @selective_scan_all(%x: tensor<1x7x4xf32>, %dt: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %B: tensor<1x7x2x16xf32>, %C: tensor<1x7x2x16xf32>, %D: tensor<4xf32>, %z: tensor<1x7x4xf32>, %db: tensor<4xf32>, %h0: tensor<1x4x16xf32>) -> (tensor<1x7x4xf32>, tensor<1x4x16xf32>) {
  %y, %hT = ssm.selective_scan %x, %dt, %A, %B, %C skip(%D) gate(%z) delta_bias(%db) init(%h0) delta_softplus : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<4xf32>, tensor<1x7x4xf32>, tensor<4xf32>, tensor<1x4x16xf32>) -> (tensor<1x7x4xf32>, tensor<1x4x16xf32>)
  return %y, %hT : tensor<1x7x4xf32>, tensor<1x4x16xf32>
}

// `skip` alone.
// CHECK-LABEL: func @selective_scan_skip(
// CHECK-SAME: %[[X:[^:]+]]: tensor<1x7x4xf32>, %[[A:[^:]+]]: tensor<4x16xf32>, %[[B:[^:]+]]: tensor<1x7x2x16xf32>, %[[D:[^:]+]]: tensor<4xf32>)
// CHECK: %[[Y:.+]] = ssm.selective_scan %[[X]], %[[X]], %[[A]], %[[B]], %[[B]] skip(%[[D]]) : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<4xf32>) -> tensor<1x7x4xf32>
// CHECK: return %[[Y]]
func.func @selective_scan_skip(%x: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %B: tensor<1x7x2x16xf32>, %D: tensor<4xf32>) -> tensor<1x7x4xf32> {
  %y = ssm.selective_scan %x, %x, %A, %B, %B skip(%D) : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<4xf32>) -> tensor<1x7x4xf32>
  return %y : tensor<1x7x4xf32>
}

// `gate` alone.
// CHECK-LABEL: func @selective_scan_gate(
// CHECK-SAME: %[[X:[^:]+]]: tensor<1x7x4xf32>, %[[A:[^:]+]]: tensor<4x16xf32>, %[[B:[^:]+]]: tensor<1x7x2x16xf32>, %[[Z:[^:]+]]: tensor<1x7x4xf32>)
// CHECK: %[[Y:.+]] = ssm.selective_scan %[[X]], %[[X]], %[[A]], %[[B]], %[[B]] gate(%[[Z]]) : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x4xf32>) -> tensor<1x7x4xf32>
// CHECK: return %[[Y]]
func.func @selective_scan_gate(%x: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %B: tensor<1x7x2x16xf32>, %z: tensor<1x7x4xf32>) -> tensor<1x7x4xf32> {
  %y = ssm.selective_scan %x, %x, %A, %B, %B gate(%z) : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x4xf32>) -> tensor<1x7x4xf32>
  return %y : tensor<1x7x4xf32>
}

// `delta_bias` alone with `delta_softplus`.
// CHECK-LABEL: func @selective_scan_delta_bias(
// CHECK-SAME: %[[X:[^:]+]]: tensor<1x7x4xf32>, %[[A:[^:]+]]: tensor<4x16xf32>, %[[B:[^:]+]]: tensor<1x7x2x16xf32>, %[[DB:[^:]+]]: tensor<4xf32>)
// CHECK: %[[Y:.+]] = ssm.selective_scan %[[X]], %[[X]], %[[A]], %[[B]], %[[B]] delta_bias(%[[DB]]) delta_softplus : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<4xf32>) -> tensor<1x7x4xf32>
// CHECK: return %[[Y]]
func.func @selective_scan_delta_bias(%x: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %B: tensor<1x7x2x16xf32>, %db: tensor<4xf32>) -> tensor<1x7x4xf32> {
  %y = ssm.selective_scan %x, %x, %A, %B, %B delta_bias(%db) delta_softplus : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<4xf32>) -> tensor<1x7x4xf32>
  return %y : tensor<1x7x4xf32>
}

// `init` alone, without the final-state result.
// CHECK-LABEL: func @selective_scan_init(
// CHECK-SAME: %[[X:[^:]+]]: tensor<1x7x4xf32>, %[[A:[^:]+]]: tensor<4x16xf32>, %[[B:[^:]+]]: tensor<1x7x2x16xf32>, %[[H0:[^:]+]]: tensor<1x4x16xf32>)
// CHECK: %[[Y:.+]] = ssm.selective_scan %[[X]], %[[X]], %[[A]], %[[B]], %[[B]] init(%[[H0]]) : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<1x4x16xf32>) -> tensor<1x7x4xf32>
// CHECK: return %[[Y]]
func.func @selective_scan_init(%x: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %B: tensor<1x7x2x16xf32>, %h0: tensor<1x4x16xf32>) -> tensor<1x7x4xf32> {
  %y = ssm.selective_scan %x, %x, %A, %B, %B init(%h0) : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<1x4x16xf32>) -> tensor<1x7x4xf32>
  return %y : tensor<1x7x4xf32>
}

// The final state without an initial state; one group (G = 1) for all channels.
// CHECK-LABEL: func @selective_scan_final_state(
// CHECK-SAME: %[[X:[^:]+]]: tensor<2x5x6xf32>, %[[A:[^:]+]]: tensor<6x3xf32>, %[[B:[^:]+]]: tensor<2x5x1x3xf32>)
// CHECK: %[[Y:[^,]+]], %[[HT:.+]] = ssm.selective_scan %[[X]], %[[X]], %[[A]], %[[B]], %[[B]] : (tensor<2x5x6xf32>, tensor<2x5x6xf32>, tensor<6x3xf32>, tensor<2x5x1x3xf32>, tensor<2x5x1x3xf32>) -> (tensor<2x5x6xf32>, tensor<2x6x3xf32>)
// CHECK: return %[[Y]], %[[HT]]
func.func @selective_scan_final_state(%x: tensor<2x5x6xf32>, %A: tensor<6x3xf32>, %B: tensor<2x5x1x3xf32>) -> (tensor<2x5x6xf32>, tensor<2x6x3xf32>) {
  %y, %hT = ssm.selective_scan %x, %x, %A, %B, %B : (tensor<2x5x6xf32>, tensor<2x5x6xf32>, tensor<6x3xf32>, tensor<2x5x1x3xf32>, tensor<2x5x1x3xf32>) -> (tensor<2x5x6xf32>, tensor<2x6x3xf32>)
  return %y, %hT : tensor<2x5x6xf32>, tensor<2x6x3xf32>
}

// Dynamic batch and length in f16 with G = D groups, gate and init, final state.
// CHECK-LABEL: func @selective_scan_dynamic_f16(
// CHECK-SAME: %[[X:[^:]+]]: tensor<?x?x4xf16>, %[[A:[^:]+]]: tensor<4x8xf16>, %[[B:[^:]+]]: tensor<?x?x4x8xf16>, %[[H0:[^:]+]]: tensor<?x4x8xf16>)
// CHECK: %[[Y:[^,]+]], %[[HT:.+]] = ssm.selective_scan %[[X]], %[[X]], %[[A]], %[[B]], %[[B]] gate(%[[X]]) init(%[[H0]]) : (tensor<?x?x4xf16>, tensor<?x?x4xf16>, tensor<4x8xf16>, tensor<?x?x4x8xf16>, tensor<?x?x4x8xf16>, tensor<?x?x4xf16>, tensor<?x4x8xf16>) -> (tensor<?x?x4xf16>, tensor<?x4x8xf16>)
// CHECK: return %[[Y]], %[[HT]]
func.func @selective_scan_dynamic_f16(%x: tensor<?x?x4xf16>, %A: tensor<4x8xf16>, %B: tensor<?x?x4x8xf16>, %h0: tensor<?x4x8xf16>) -> (tensor<?x?x4xf16>, tensor<?x4x8xf16>) {
  %y, %hT = ssm.selective_scan %x, %x, %A, %B, %B gate(%x) init(%h0) : (tensor<?x?x4xf16>, tensor<?x?x4xf16>, tensor<4x8xf16>, tensor<?x?x4x8xf16>, tensor<?x?x4x8xf16>, tensor<?x?x4xf16>, tensor<?x4x8xf16>) -> (tensor<?x?x4xf16>, tensor<?x4x8xf16>)
  return %y, %hT : tensor<?x?x4xf16>, tensor<?x4x8xf16>
}

// bf16 and f64 variants with skip and delta_bias.
// CHECK-LABEL: func @selective_scan_bf16_f64(
// CHECK: ssm.selective_scan {{.*}} skip({{.*}}) delta_bias({{.*}}) : (tensor<1x3x2xbf16>, tensor<1x3x2xbf16>, tensor<2x2xbf16>, tensor<1x3x1x2xbf16>, tensor<1x3x1x2xbf16>, tensor<2xbf16>, tensor<2xbf16>) -> tensor<1x3x2xbf16>
// CHECK: ssm.selective_scan {{.*}} delta_softplus : (tensor<1x3x2xf64>, tensor<1x3x2xf64>, tensor<2x2xf64>, tensor<1x3x2x2xf64>, tensor<1x3x2x2xf64>) -> (tensor<1x3x2xf64>, tensor<1x2x2xf64>)
func.func @selective_scan_bf16_f64(%x: tensor<1x3x2xbf16>, %A: tensor<2x2xbf16>, %B: tensor<1x3x1x2xbf16>, %D: tensor<2xbf16>,
                                   %x2: tensor<1x3x2xf64>, %A2: tensor<2x2xf64>, %B2: tensor<1x3x2x2xf64>) {
  %y = ssm.selective_scan %x, %x, %A, %B, %B skip(%D) delta_bias(%D) : (tensor<1x3x2xbf16>, tensor<1x3x2xbf16>, tensor<2x2xbf16>, tensor<1x3x1x2xbf16>, tensor<1x3x1x2xbf16>, tensor<2xbf16>, tensor<2xbf16>) -> tensor<1x3x2xbf16>
  %y2, %h2 = ssm.selective_scan %x2, %x2, %A2, %B2, %B2 delta_softplus : (tensor<1x3x2xf64>, tensor<1x3x2xf64>, tensor<2x2xf64>, tensor<1x3x2x2xf64>, tensor<1x3x2x2xf64>) -> (tensor<1x3x2xf64>, tensor<1x2x2xf64>)
  return
}

//===----------------------------------------------------------------------===//
// ssm.ssd
//===----------------------------------------------------------------------===//

// Required operands only, one result, no flag.
// CHECK-LABEL: func @ssd_minimal(
// CHECK-SAME: %[[X:[^:]+]]: tensor<2x64x8x16xf32>, %[[DT:[^:]+]]: tensor<2x64x8xf32>, %[[A:[^:]+]]: tensor<8xf32>, %[[B:[^:]+]]: tensor<2x64x1x32xf32>, %[[C:[^:]+]]: tensor<2x64x1x32xf32>)
// CHECK: %[[Y:.+]] = ssm.ssd %[[X]], %[[DT]], %[[A]], %[[B]], %[[C]] : (tensor<2x64x8x16xf32>, tensor<2x64x8xf32>, tensor<8xf32>, tensor<2x64x1x32xf32>, tensor<2x64x1x32xf32>) -> tensor<2x64x8x16xf32>
// CHECK: return %[[Y]]
func.func @ssd_minimal(%x: tensor<2x64x8x16xf32>, %dt: tensor<2x64x8xf32>, %A: tensor<8xf32>, %B: tensor<2x64x1x32xf32>, %C: tensor<2x64x1x32xf32>) -> tensor<2x64x8x16xf32> {
  %y = ssm.ssd %x, %dt, %A, %B, %C : (tensor<2x64x8x16xf32>, tensor<2x64x8xf32>, tensor<8xf32>, tensor<2x64x1x32xf32>, tensor<2x64x1x32xf32>) -> tensor<2x64x8x16xf32>
  return %y : tensor<2x64x8x16xf32>
}

// Every optional operand, `dt_softplus` and the final state.
// CHECK-LABEL: func @ssd_all(
// CHECK-SAME: %[[X:[^:]+]]: tensor<2x64x8x16xf32>, %[[DT:[^:]+]]: tensor<2x64x8xf32>, %[[A:[^:]+]]: tensor<8xf32>, %[[B:[^:]+]]: tensor<2x64x2x32xf32>, %[[C:[^:]+]]: tensor<2x64x2x32xf32>, %[[D:[^:]+]]: tensor<8xf32>, %[[H0:[^:]+]]: tensor<2x8x16x32xf32>)
// CHECK: %[[Y:[^,]+]], %[[HT:.+]] = ssm.ssd %[[X]], %[[DT]], %[[A]], %[[B]], %[[C]] skip(%[[D]]) init(%[[H0]]) dt_softplus : (tensor<2x64x8x16xf32>, tensor<2x64x8xf32>, tensor<8xf32>, tensor<2x64x2x32xf32>, tensor<2x64x2x32xf32>, tensor<8xf32>, tensor<2x8x16x32xf32>) -> (tensor<2x64x8x16xf32>, tensor<2x8x16x32xf32>)
// CHECK: return %[[Y]], %[[HT]]
func.func @ssd_all(%x: tensor<2x64x8x16xf32>, %dt: tensor<2x64x8xf32>, %A: tensor<8xf32>, %B: tensor<2x64x2x32xf32>, %C: tensor<2x64x2x32xf32>, %D: tensor<8xf32>, %h0: tensor<2x8x16x32xf32>) -> (tensor<2x64x8x16xf32>, tensor<2x8x16x32xf32>) {
  %y, %hT = ssm.ssd %x, %dt, %A, %B, %C skip(%D) init(%h0) dt_softplus : (tensor<2x64x8x16xf32>, tensor<2x64x8xf32>, tensor<8xf32>, tensor<2x64x2x32xf32>, tensor<2x64x2x32xf32>, tensor<8xf32>, tensor<2x8x16x32xf32>) -> (tensor<2x64x8x16xf32>, tensor<2x8x16x32xf32>)
  return %y, %hT : tensor<2x64x8x16xf32>, tensor<2x8x16x32xf32>
}

// `skip` alone with `dt_softplus`.
// CHECK-LABEL: func @ssd_skip(
// CHECK-SAME: %[[X:[^:]+]]: tensor<1x4x2x3xf32>, %[[DT:[^:]+]]: tensor<1x4x2xf32>, %[[A:[^:]+]]: tensor<2xf32>, %[[B:[^:]+]]: tensor<1x4x1x5xf32>)
// CHECK: %[[Y:.+]] = ssm.ssd %[[X]], %[[DT]], %[[A]], %[[B]], %[[B]] skip(%[[A]]) dt_softplus : (tensor<1x4x2x3xf32>, tensor<1x4x2xf32>, tensor<2xf32>, tensor<1x4x1x5xf32>, tensor<1x4x1x5xf32>, tensor<2xf32>) -> tensor<1x4x2x3xf32>
// CHECK: return %[[Y]]
func.func @ssd_skip(%x: tensor<1x4x2x3xf32>, %dt: tensor<1x4x2xf32>, %A: tensor<2xf32>, %B: tensor<1x4x1x5xf32>) -> tensor<1x4x2x3xf32> {
  %y = ssm.ssd %x, %dt, %A, %B, %B skip(%A) dt_softplus : (tensor<1x4x2x3xf32>, tensor<1x4x2xf32>, tensor<2xf32>, tensor<1x4x1x5xf32>, tensor<1x4x1x5xf32>, tensor<2xf32>) -> tensor<1x4x2x3xf32>
  return %y : tensor<1x4x2x3xf32>
}

// `init` alone with the final state.
// CHECK-LABEL: func @ssd_init_final_state(
// CHECK-SAME: %[[X:[^:]+]]: tensor<1x4x2x3xf32>, %[[DT:[^:]+]]: tensor<1x4x2xf32>, %[[A:[^:]+]]: tensor<2xf32>, %[[B:[^:]+]]: tensor<1x4x2x5xf32>, %[[H0:[^:]+]]: tensor<1x2x3x5xf32>)
// CHECK: %[[Y:[^,]+]], %[[HT:.+]] = ssm.ssd %[[X]], %[[DT]], %[[A]], %[[B]], %[[B]] init(%[[H0]]) : (tensor<1x4x2x3xf32>, tensor<1x4x2xf32>, tensor<2xf32>, tensor<1x4x2x5xf32>, tensor<1x4x2x5xf32>, tensor<1x2x3x5xf32>) -> (tensor<1x4x2x3xf32>, tensor<1x2x3x5xf32>)
// CHECK: return %[[Y]], %[[HT]]
func.func @ssd_init_final_state(%x: tensor<1x4x2x3xf32>, %dt: tensor<1x4x2xf32>, %A: tensor<2xf32>, %B: tensor<1x4x2x5xf32>, %h0: tensor<1x2x3x5xf32>) -> (tensor<1x4x2x3xf32>, tensor<1x2x3x5xf32>) {
  %y, %hT = ssm.ssd %x, %dt, %A, %B, %B init(%h0) : (tensor<1x4x2x3xf32>, tensor<1x4x2xf32>, tensor<2xf32>, tensor<1x4x2x5xf32>, tensor<1x4x2x5xf32>, tensor<1x2x3x5xf32>) -> (tensor<1x4x2x3xf32>, tensor<1x2x3x5xf32>)
  return %y, %hT : tensor<1x4x2x3xf32>, tensor<1x2x3x5xf32>
}

// `init` without the final state, in f64.
// CHECK-LABEL: func @ssd_init_f64(
// CHECK-SAME: %[[X:[^:]+]]: tensor<1x4x2x3xf64>, %[[DT:[^:]+]]: tensor<1x4x2xf64>, %[[A:[^:]+]]: tensor<2xf64>, %[[B:[^:]+]]: tensor<1x4x2x5xf64>, %[[H0:[^:]+]]: tensor<1x2x3x5xf64>)
// CHECK: %[[Y:.+]] = ssm.ssd %[[X]], %[[DT]], %[[A]], %[[B]], %[[B]] init(%[[H0]]) : (tensor<1x4x2x3xf64>, tensor<1x4x2xf64>, tensor<2xf64>, tensor<1x4x2x5xf64>, tensor<1x4x2x5xf64>, tensor<1x2x3x5xf64>) -> tensor<1x4x2x3xf64>
// CHECK: return %[[Y]]
func.func @ssd_init_f64(%x: tensor<1x4x2x3xf64>, %dt: tensor<1x4x2xf64>, %A: tensor<2xf64>, %B: tensor<1x4x2x5xf64>, %h0: tensor<1x2x3x5xf64>) -> tensor<1x4x2x3xf64> {
  %y = ssm.ssd %x, %dt, %A, %B, %B init(%h0) : (tensor<1x4x2x3xf64>, tensor<1x4x2xf64>, tensor<2xf64>, tensor<1x4x2x5xf64>, tensor<1x4x2x5xf64>, tensor<1x2x3x5xf64>) -> tensor<1x4x2x3xf64>
  return %y : tensor<1x4x2x3xf64>
}

// The final state without init, dynamic batch and length, bf16.
// CHECK-LABEL: func @ssd_dynamic_bf16(
// CHECK-SAME: %[[X:[^:]+]]: tensor<?x?x4x8xbf16>, %[[DT:[^:]+]]: tensor<?x?x4xbf16>, %[[A:[^:]+]]: tensor<4xbf16>, %[[B:[^:]+]]: tensor<?x?x2x16xbf16>)
// CHECK: %[[Y:[^,]+]], %[[HT:.+]] = ssm.ssd %[[X]], %[[DT]], %[[A]], %[[B]], %[[B]] dt_softplus : (tensor<?x?x4x8xbf16>, tensor<?x?x4xbf16>, tensor<4xbf16>, tensor<?x?x2x16xbf16>, tensor<?x?x2x16xbf16>) -> (tensor<?x?x4x8xbf16>, tensor<?x4x8x16xbf16>)
// CHECK: return %[[Y]], %[[HT]]
func.func @ssd_dynamic_bf16(%x: tensor<?x?x4x8xbf16>, %dt: tensor<?x?x4xbf16>, %A: tensor<4xbf16>, %B: tensor<?x?x2x16xbf16>) -> (tensor<?x?x4x8xbf16>, tensor<?x4x8x16xbf16>) {
  %y, %hT = ssm.ssd %x, %dt, %A, %B, %B dt_softplus : (tensor<?x?x4x8xbf16>, tensor<?x?x4xbf16>, tensor<4xbf16>, tensor<?x?x2x16xbf16>, tensor<?x?x2x16xbf16>) -> (tensor<?x?x4x8xbf16>, tensor<?x4x8x16xbf16>)
  return %y, %hT : tensor<?x?x4x8xbf16>, tensor<?x4x8x16xbf16>
}

// f16 operands with skip.
// CHECK-LABEL: func @ssd_f16(
// CHECK: ssm.ssd {{.*}} skip({{.*}}) : (tensor<1x2x2x2xf16>, tensor<1x2x2xf16>, tensor<2xf16>, tensor<1x2x2x2xf16>, tensor<1x2x2x2xf16>, tensor<2xf16>) -> tensor<1x2x2x2xf16>
func.func @ssd_f16(%x: tensor<1x2x2x2xf16>, %dt: tensor<1x2x2xf16>, %A: tensor<2xf16>) -> tensor<1x2x2x2xf16> {
  %y = ssm.ssd %x, %dt, %A, %x, %x skip(%A) : (tensor<1x2x2x2xf16>, tensor<1x2x2xf16>, tensor<2xf16>, tensor<1x2x2x2xf16>, tensor<1x2x2x2xf16>, tensor<2xf16>) -> tensor<1x2x2x2xf16>
  return %y : tensor<1x2x2x2xf16>
}

//===----------------------------------------------------------------------===//
// ssm.long_conv
//===----------------------------------------------------------------------===//

// Default (causal) mode is not printed; Lk < L.
// CHECK-LABEL: func @long_conv_default(
// CHECK-SAME: %[[U:[^:]+]]: tensor<1x1024x64xf32>, %[[K:[^:]+]]: tensor<64x256xf32>)
// CHECK: %[[Y:.+]] = ssm.long_conv %[[U]], %[[K]] : (tensor<1x1024x64xf32>, tensor<64x256xf32>) -> tensor<1x1024x64xf32>
// CHECK: return %[[Y]]
func.func @long_conv_default(%u: tensor<1x1024x64xf32>, %k: tensor<64x256xf32>) -> tensor<1x1024x64xf32> {
  %y = ssm.long_conv %u, %k : (tensor<1x1024x64xf32>, tensor<64x256xf32>) -> tensor<1x1024x64xf32>
  return %y : tensor<1x1024x64xf32>
}

// An explicit `mode causal` is the default and is elided on printing.
// CHECK-LABEL: func @long_conv_explicit_causal(
// CHECK-SAME: %[[U:[^:]+]]: tensor<1x16x4xf32>, %[[K:[^:]+]]: tensor<4x16xf32>)
// CHECK: %[[Y:.+]] = ssm.long_conv %[[U]], %[[K]] : (tensor<1x16x4xf32>, tensor<4x16xf32>) -> tensor<1x16x4xf32>
// CHECK: return %[[Y]]
func.func @long_conv_explicit_causal(%u: tensor<1x16x4xf32>, %k: tensor<4x16xf32>) -> tensor<1x16x4xf32> {
  %y = ssm.long_conv %u, %k mode causal : (tensor<1x16x4xf32>, tensor<4x16xf32>) -> tensor<1x16x4xf32>
  return %y : tensor<1x16x4xf32>
}

// Bias and circular mode with Lk == L.
// CHECK-LABEL: func @long_conv_bias_circular(
// CHECK-SAME: %[[U:[^:]+]]: tensor<1x1024x64xf32>, %[[K:[^:]+]]: tensor<64x1024xf32>, %[[B:[^:]+]]: tensor<64xf32>)
// CHECK: %[[Y:.+]] = ssm.long_conv %[[U]], %[[K]] bias(%[[B]]) mode circular : (tensor<1x1024x64xf32>, tensor<64x1024xf32>, tensor<64xf32>) -> tensor<1x1024x64xf32>
// CHECK: return %[[Y]]
func.func @long_conv_bias_circular(%u: tensor<1x1024x64xf32>, %k: tensor<64x1024xf32>, %b: tensor<64xf32>) -> tensor<1x1024x64xf32> {
  %y = ssm.long_conv %u, %k bias(%b) mode circular : (tensor<1x1024x64xf32>, tensor<64x1024xf32>, tensor<64xf32>) -> tensor<1x1024x64xf32>
  return %y : tensor<1x1024x64xf32>
}

// Bias alone (causal), f16, Lk > L.
// CHECK-LABEL: func @long_conv_bias_f16(
// CHECK-SAME: %[[U:[^:]+]]: tensor<2x3x5xf16>, %[[K:[^:]+]]: tensor<5x7xf16>, %[[B:[^:]+]]: tensor<5xf16>)
// CHECK: %[[Y:.+]] = ssm.long_conv %[[U]], %[[K]] bias(%[[B]]) : (tensor<2x3x5xf16>, tensor<5x7xf16>, tensor<5xf16>) -> tensor<2x3x5xf16>
// CHECK: return %[[Y]]
func.func @long_conv_bias_f16(%u: tensor<2x3x5xf16>, %k: tensor<5x7xf16>, %b: tensor<5xf16>) -> tensor<2x3x5xf16> {
  %y = ssm.long_conv %u, %k bias(%b) : (tensor<2x3x5xf16>, tensor<5x7xf16>, tensor<5xf16>) -> tensor<2x3x5xf16>
  return %y : tensor<2x3x5xf16>
}

// Circular mode with a dynamic length is accepted (Lk == L is checked at run time).
// CHECK-LABEL: func @long_conv_circular_dynamic_bf16(
// CHECK-SAME: %[[U:[^:]+]]: tensor<?x?x8xbf16>, %[[K:[^:]+]]: tensor<8x128xbf16>)
// CHECK: %[[Y:.+]] = ssm.long_conv %[[U]], %[[K]] mode circular : (tensor<?x?x8xbf16>, tensor<8x128xbf16>) -> tensor<?x?x8xbf16>
// CHECK: return %[[Y]]
func.func @long_conv_circular_dynamic_bf16(%u: tensor<?x?x8xbf16>, %k: tensor<8x128xbf16>) -> tensor<?x?x8xbf16> {
  %y = ssm.long_conv %u, %k mode circular : (tensor<?x?x8xbf16>, tensor<8x128xbf16>) -> tensor<?x?x8xbf16>
  return %y : tensor<?x?x8xbf16>
}

// f64 with the mode given through the attribute dictionary.
// CHECK-LABEL: func @long_conv_f64_attr_dict(
// CHECK-SAME: %[[U:[^:]+]]: tensor<1x1x1xf64>, %[[K:[^:]+]]: tensor<1x1xf64>)
// CHECK: %[[Y:.+]] = ssm.long_conv %[[U]], %[[K]] mode circular : (tensor<1x1x1xf64>, tensor<1x1xf64>) -> tensor<1x1x1xf64>
// CHECK: return %[[Y]]
func.func @long_conv_f64_attr_dict(%u: tensor<1x1x1xf64>, %k: tensor<1x1xf64>) -> tensor<1x1x1xf64> {
  %y = ssm.long_conv %u, %k {mode = #ssm<conv_mode circular>} : (tensor<1x1x1xf64>, tensor<1x1xf64>) -> tensor<1x1x1xf64>
  return %y : tensor<1x1x1xf64>
}

//===----------------------------------------------------------------------===//
// ssm.short_conv
//===----------------------------------------------------------------------===//

// Default activation (none) is not printed.
// CHECK-LABEL: func @short_conv_default(
// CHECK-SAME: %[[U:[^:]+]]: tensor<1x128x64xf32>, %[[W:[^:]+]]: tensor<64x4xf32>)
// CHECK: %[[Y:.+]] = ssm.short_conv %[[U]], %[[W]] : (tensor<1x128x64xf32>, tensor<64x4xf32>) -> tensor<1x128x64xf32>
// CHECK: return %[[Y]]
func.func @short_conv_default(%u: tensor<1x128x64xf32>, %w: tensor<64x4xf32>) -> tensor<1x128x64xf32> {
  %y = ssm.short_conv %u, %w : (tensor<1x128x64xf32>, tensor<64x4xf32>) -> tensor<1x128x64xf32>
  return %y : tensor<1x128x64xf32>
}

// An explicit `activation none` is the default and is elided on printing.
// CHECK-LABEL: func @short_conv_explicit_none(
// CHECK-SAME: %[[U:[^:]+]]: tensor<1x8x2xf32>, %[[W:[^:]+]]: tensor<2x3xf32>)
// CHECK: %[[Y:.+]] = ssm.short_conv %[[U]], %[[W]] : (tensor<1x8x2xf32>, tensor<2x3xf32>) -> tensor<1x8x2xf32>
// CHECK: return %[[Y]]
func.func @short_conv_explicit_none(%u: tensor<1x8x2xf32>, %w: tensor<2x3xf32>) -> tensor<1x8x2xf32> {
  %y = ssm.short_conv %u, %w activation none : (tensor<1x8x2xf32>, tensor<2x3xf32>) -> tensor<1x8x2xf32>
  return %y : tensor<1x8x2xf32>
}

// Bias and SiLU together.
// CHECK-LABEL: func @short_conv_bias_silu(
// CHECK-SAME: %[[U:[^:]+]]: tensor<1x128x64xf32>, %[[W:[^:]+]]: tensor<64x4xf32>, %[[B:[^:]+]]: tensor<64xf32>)
// CHECK: %[[Y:.+]] = ssm.short_conv %[[U]], %[[W]] bias(%[[B]]) activation silu : (tensor<1x128x64xf32>, tensor<64x4xf32>, tensor<64xf32>) -> tensor<1x128x64xf32>
// CHECK: return %[[Y]]
func.func @short_conv_bias_silu(%u: tensor<1x128x64xf32>, %w: tensor<64x4xf32>, %b: tensor<64xf32>) -> tensor<1x128x64xf32> {
  %y = ssm.short_conv %u, %w bias(%b) activation silu : (tensor<1x128x64xf32>, tensor<64x4xf32>, tensor<64xf32>) -> tensor<1x128x64xf32>
  return %y : tensor<1x128x64xf32>
}

// Bias alone, bf16, with the widest filter allowed (W = 16).
// CHECK-LABEL: func @short_conv_bias_w16_bf16(
// CHECK-SAME: %[[U:[^:]+]]: tensor<2x5x3xbf16>, %[[W:[^:]+]]: tensor<3x16xbf16>, %[[B:[^:]+]]: tensor<3xbf16>)
// CHECK: %[[Y:.+]] = ssm.short_conv %[[U]], %[[W]] bias(%[[B]]) : (tensor<2x5x3xbf16>, tensor<3x16xbf16>, tensor<3xbf16>) -> tensor<2x5x3xbf16>
// CHECK: return %[[Y]]
func.func @short_conv_bias_w16_bf16(%u: tensor<2x5x3xbf16>, %w: tensor<3x16xbf16>, %b: tensor<3xbf16>) -> tensor<2x5x3xbf16> {
  %y = ssm.short_conv %u, %w bias(%b) : (tensor<2x5x3xbf16>, tensor<3x16xbf16>, tensor<3xbf16>) -> tensor<2x5x3xbf16>
  return %y : tensor<2x5x3xbf16>
}

// SiLU alone, f16, the narrowest filter (W = 1), dynamic batch and length.
// CHECK-LABEL: func @short_conv_silu_w1_dynamic_f16(
// CHECK-SAME: %[[U:[^:]+]]: tensor<?x?x3xf16>, %[[W:[^:]+]]: tensor<3x1xf16>)
// CHECK: %[[Y:.+]] = ssm.short_conv %[[U]], %[[W]] activation silu : (tensor<?x?x3xf16>, tensor<3x1xf16>) -> tensor<?x?x3xf16>
// CHECK: return %[[Y]]
func.func @short_conv_silu_w1_dynamic_f16(%u: tensor<?x?x3xf16>, %w: tensor<3x1xf16>) -> tensor<?x?x3xf16> {
  %y = ssm.short_conv %u, %w activation silu : (tensor<?x?x3xf16>, tensor<3x1xf16>) -> tensor<?x?x3xf16>
  return %y : tensor<?x?x3xf16>
}

// f64 with the activation given through the attribute dictionary; a dynamic W is accepted.
// CHECK-LABEL: func @short_conv_f64_dynamic_width(
// CHECK-SAME: %[[U:[^:]+]]: tensor<1x4x2xf64>, %[[W:[^:]+]]: tensor<2x?xf64>)
// CHECK: %[[Y:.+]] = ssm.short_conv %[[U]], %[[W]] activation silu : (tensor<1x4x2xf64>, tensor<2x?xf64>) -> tensor<1x4x2xf64>
// CHECK: return %[[Y]]
func.func @short_conv_f64_dynamic_width(%u: tensor<1x4x2xf64>, %w: tensor<2x?xf64>) -> tensor<1x4x2xf64> {
  %y = ssm.short_conv %u, %w {activation = #ssm<activation silu>} : (tensor<1x4x2xf64>, tensor<2x?xf64>) -> tensor<1x4x2xf64>
  return %y : tensor<1x4x2xf64>
}

//===----------------------------------------------------------------------===//
// ssm.monarch
//===----------------------------------------------------------------------===//

// Rank-2 x with m != k (n = 12 = 3 * 4).
// CHECK-LABEL: func @monarch_rank2(
// CHECK-SAME: %[[X:[^:]+]]: tensor<8x12xf32>, %[[R:[^:]+]]: tensor<3x4x4xf32>, %[[L:[^:]+]]: tensor<4x3x3xf32>)
// CHECK: %[[Y:.+]] = ssm.monarch %[[X]], %[[R]], %[[L]] : tensor<8x12xf32>, tensor<3x4x4xf32>, tensor<4x3x3xf32> -> tensor<8x12xf32>
// CHECK: return %[[Y]]
func.func @monarch_rank2(%x: tensor<8x12xf32>, %r: tensor<3x4x4xf32>, %l: tensor<4x3x3xf32>) -> tensor<8x12xf32> {
  %y = ssm.monarch %x, %r, %l : tensor<8x12xf32>, tensor<3x4x4xf32>, tensor<4x3x3xf32> -> tensor<8x12xf32>
  return %y : tensor<8x12xf32>
}

// Rank-1 x, square case m == k, f64.
// CHECK-LABEL: func @monarch_rank1_f64(
// CHECK-SAME: %[[X:[^:]+]]: tensor<16xf64>, %[[R:[^:]+]]: tensor<4x4x4xf64>, %[[L:[^:]+]]: tensor<4x4x4xf64>)
// CHECK: %[[Y:.+]] = ssm.monarch %[[X]], %[[R]], %[[L]] : tensor<16xf64>, tensor<4x4x4xf64>, tensor<4x4x4xf64> -> tensor<16xf64>
// CHECK: return %[[Y]]
func.func @monarch_rank1_f64(%x: tensor<16xf64>, %r: tensor<4x4x4xf64>, %l: tensor<4x4x4xf64>) -> tensor<16xf64> {
  %y = ssm.monarch %x, %r, %l : tensor<16xf64>, tensor<4x4x4xf64>, tensor<4x4x4xf64> -> tensor<16xf64>
  return %y : tensor<16xf64>
}

// Rank-3 x with dynamic leading dims, bf16.
// CHECK-LABEL: func @monarch_rank3_dynamic_bf16(
// CHECK-SAME: %[[X:[^:]+]]: tensor<?x?x6xbf16>, %[[R:[^:]+]]: tensor<2x3x3xbf16>, %[[L:[^:]+]]: tensor<3x2x2xbf16>)
// CHECK: %[[Y:.+]] = ssm.monarch %[[X]], %[[R]], %[[L]] : tensor<?x?x6xbf16>, tensor<2x3x3xbf16>, tensor<3x2x2xbf16> -> tensor<?x?x6xbf16>
// CHECK: return %[[Y]]
func.func @monarch_rank3_dynamic_bf16(%x: tensor<?x?x6xbf16>, %r: tensor<2x3x3xbf16>, %l: tensor<3x2x2xbf16>) -> tensor<?x?x6xbf16> {
  %y = ssm.monarch %x, %r, %l : tensor<?x?x6xbf16>, tensor<2x3x3xbf16>, tensor<3x2x2xbf16> -> tensor<?x?x6xbf16>
  return %y : tensor<?x?x6xbf16>
}

// Rank-3 x with a dynamic last dim in f16 (n == m * k is checked at run time).
// CHECK-LABEL: func @monarch_rank3_dynamic_n_f16(
// CHECK-SAME: %[[X:[^:]+]]: tensor<2x3x?xf16>, %[[R:[^:]+]]: tensor<2x3x3xf16>, %[[L:[^:]+]]: tensor<3x2x2xf16>)
// CHECK: %[[Y:.+]] = ssm.monarch %[[X]], %[[R]], %[[L]] : tensor<2x3x?xf16>, tensor<2x3x3xf16>, tensor<3x2x2xf16> -> tensor<2x3x?xf16>
// CHECK: return %[[Y]]
func.func @monarch_rank3_dynamic_n_f16(%x: tensor<2x3x?xf16>, %r: tensor<2x3x3xf16>, %l: tensor<3x2x2xf16>) -> tensor<2x3x?xf16> {
  %y = ssm.monarch %x, %r, %l : tensor<2x3x?xf16>, tensor<2x3x3xf16>, tensor<3x2x2xf16> -> tensor<2x3x?xf16>
  return %y : tensor<2x3x?xf16>
}

//===----------------------------------------------------------------------===//
// ssm.butterfly
//===----------------------------------------------------------------------===//

// Rank-2 x with n = 16: 4 factors of 8 twiddles.
// CHECK-LABEL: func @butterfly_rank2(
// CHECK-SAME: %[[X:[^:]+]]: tensor<4x16xf32>, %[[W:[^:]+]]: tensor<4x8x2x2xf32>)
// CHECK: %[[Y:.+]] = ssm.butterfly %[[X]], %[[W]] : tensor<4x16xf32>, tensor<4x8x2x2xf32> -> tensor<4x16xf32>
// CHECK: return %[[Y]]
func.func @butterfly_rank2(%x: tensor<4x16xf32>, %w: tensor<4x8x2x2xf32>) -> tensor<4x16xf32> {
  %y = ssm.butterfly %x, %w : tensor<4x16xf32>, tensor<4x8x2x2xf32> -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// Rank-1 x with n = 2: one factor of one twiddle, f64.
// CHECK-LABEL: func @butterfly_rank1_n2_f64(
// CHECK-SAME: %[[X:[^:]+]]: tensor<2xf64>, %[[W:[^:]+]]: tensor<1x1x2x2xf64>)
// CHECK: %[[Y:.+]] = ssm.butterfly %[[X]], %[[W]] : tensor<2xf64>, tensor<1x1x2x2xf64> -> tensor<2xf64>
// CHECK: return %[[Y]]
func.func @butterfly_rank1_n2_f64(%x: tensor<2xf64>, %w: tensor<1x1x2x2xf64>) -> tensor<2xf64> {
  %y = ssm.butterfly %x, %w : tensor<2xf64>, tensor<1x1x2x2xf64> -> tensor<2xf64>
  return %y : tensor<2xf64>
}

// n = 1 is a power of two with no factor: twiddles are [0, 0, 2, 2].
// CHECK-LABEL: func @butterfly_n1(
// CHECK-SAME: %[[X:[^:]+]]: tensor<3x1xf32>, %[[W:[^:]+]]: tensor<0x0x2x2xf32>)
// CHECK: %[[Y:.+]] = ssm.butterfly %[[X]], %[[W]] : tensor<3x1xf32>, tensor<0x0x2x2xf32> -> tensor<3x1xf32>
// CHECK: return %[[Y]]
func.func @butterfly_n1(%x: tensor<3x1xf32>, %w: tensor<0x0x2x2xf32>) -> tensor<3x1xf32> {
  %y = ssm.butterfly %x, %w : tensor<3x1xf32>, tensor<0x0x2x2xf32> -> tensor<3x1xf32>
  return %y : tensor<3x1xf32>
}

// Rank-3 x with dynamic leading dims, f16.
// CHECK-LABEL: func @butterfly_rank3_dynamic_f16(
// CHECK-SAME: %[[X:[^:]+]]: tensor<?x?x8xf16>, %[[W:[^:]+]]: tensor<3x4x2x2xf16>)
// CHECK: %[[Y:.+]] = ssm.butterfly %[[X]], %[[W]] : tensor<?x?x8xf16>, tensor<3x4x2x2xf16> -> tensor<?x?x8xf16>
// CHECK: return %[[Y]]
func.func @butterfly_rank3_dynamic_f16(%x: tensor<?x?x8xf16>, %w: tensor<3x4x2x2xf16>) -> tensor<?x?x8xf16> {
  %y = ssm.butterfly %x, %w : tensor<?x?x8xf16>, tensor<3x4x2x2xf16> -> tensor<?x?x8xf16>
  return %y : tensor<?x?x8xf16>
}

// Dynamic n with dynamic twiddle dims, bf16.
// CHECK-LABEL: func @butterfly_dynamic_n_bf16(
// CHECK-SAME: %[[X:[^:]+]]: tensor<2x?xbf16>, %[[W:[^:]+]]: tensor<?x?x2x2xbf16>)
// CHECK: %[[Y:.+]] = ssm.butterfly %[[X]], %[[W]] : tensor<2x?xbf16>, tensor<?x?x2x2xbf16> -> tensor<2x?xbf16>
// CHECK: return %[[Y]]
func.func @butterfly_dynamic_n_bf16(%x: tensor<2x?xbf16>, %w: tensor<?x?x2x2xbf16>) -> tensor<2x?xbf16> {
  %y = ssm.butterfly %x, %w : tensor<2x?xbf16>, tensor<?x?x2x2xbf16> -> tensor<2x?xbf16>
  return %y : tensor<2x?xbf16>
}

//===----------------------------------------------------------------------===//
// ssm.ssm_kernel
//===----------------------------------------------------------------------===//

// Diagonal kernel, complex<f32>, default (zoh) discretization not printed.
// CHECK-LABEL: func @ssm_kernel_zoh(
// CHECK-SAME: %[[A:[^:]+]]: tensor<64x32xcomplex<f32>>, %[[B:[^:]+]]: tensor<64x32xcomplex<f32>>, %[[C:[^:]+]]: tensor<64x32xcomplex<f32>>, %[[DT:[^:]+]]: tensor<64xf32>)
// CHECK: %[[K:.+]] = ssm.ssm_kernel %[[A]], %[[B]], %[[C]], %[[DT]] length 1024 : (tensor<64x32xcomplex<f32>>, tensor<64x32xcomplex<f32>>, tensor<64x32xcomplex<f32>>, tensor<64xf32>) -> tensor<64x1024xf32>
// CHECK: return %[[K]]
func.func @ssm_kernel_zoh(%A: tensor<64x32xcomplex<f32>>, %B: tensor<64x32xcomplex<f32>>, %C: tensor<64x32xcomplex<f32>>, %dt: tensor<64xf32>) -> tensor<64x1024xf32> {
  %k = ssm.ssm_kernel %A, %B, %C, %dt length 1024 : (tensor<64x32xcomplex<f32>>, tensor<64x32xcomplex<f32>>, tensor<64x32xcomplex<f32>>, tensor<64xf32>) -> tensor<64x1024xf32>
  return %k : tensor<64x1024xf32>
}

// An explicit `discretization zoh` is the default and is elided on printing.
// CHECK-LABEL: func @ssm_kernel_explicit_zoh(
// CHECK-SAME: %[[A:[^:]+]]: tensor<2x3xcomplex<f32>>, %[[DT:[^:]+]]: tensor<2xf32>)
// CHECK: %[[K:.+]] = ssm.ssm_kernel %[[A]], %[[A]], %[[A]], %[[DT]] length 5 : (tensor<2x3xcomplex<f32>>, tensor<2x3xcomplex<f32>>, tensor<2x3xcomplex<f32>>, tensor<2xf32>) -> tensor<2x5xf32>
// CHECK: return %[[K]]
func.func @ssm_kernel_explicit_zoh(%A: tensor<2x3xcomplex<f32>>, %dt: tensor<2xf32>) -> tensor<2x5xf32> {
  %k = ssm.ssm_kernel %A, %A, %A, %dt length 5 discretization zoh : (tensor<2x3xcomplex<f32>>, tensor<2x3xcomplex<f32>>, tensor<2x3xcomplex<f32>>, tensor<2xf32>) -> tensor<2x5xf32>
  return %k : tensor<2x5xf32>
}

// Bilinear discretization, complex<f32>.
// CHECK-LABEL: func @ssm_kernel_bilinear(
// CHECK-SAME: %[[A:[^:]+]]: tensor<64x32xcomplex<f32>>, %[[B:[^:]+]]: tensor<64x32xcomplex<f32>>, %[[C:[^:]+]]: tensor<64x32xcomplex<f32>>, %[[DT:[^:]+]]: tensor<64xf32>)
// CHECK: %[[K:.+]] = ssm.ssm_kernel %[[A]], %[[B]], %[[C]], %[[DT]] length 1024 discretization bilinear : (tensor<64x32xcomplex<f32>>, tensor<64x32xcomplex<f32>>, tensor<64x32xcomplex<f32>>, tensor<64xf32>) -> tensor<64x1024xf32>
// CHECK: return %[[K]]
func.func @ssm_kernel_bilinear(%A: tensor<64x32xcomplex<f32>>, %B: tensor<64x32xcomplex<f32>>, %C: tensor<64x32xcomplex<f32>>, %dt: tensor<64xf32>) -> tensor<64x1024xf32> {
  %k = ssm.ssm_kernel %A, %B, %C, %dt length 1024 discretization bilinear : (tensor<64x32xcomplex<f32>>, tensor<64x32xcomplex<f32>>, tensor<64x32xcomplex<f32>>, tensor<64xf32>) -> tensor<64x1024xf32>
  return %k : tensor<64x1024xf32>
}

// The NPLR low-rank factor with the default discretization, complex<f64> and f64 log_dt.
// CHECK-LABEL: func @ssm_kernel_low_rank_f64(
// CHECK-SAME: %[[A:[^:]+]]: tensor<4x8xcomplex<f64>>, %[[DT:[^:]+]]: tensor<4xf64>, %[[P:[^:]+]]: tensor<4x2x8xcomplex<f64>>)
// CHECK: %[[K:.+]] = ssm.ssm_kernel %[[A]], %[[A]], %[[A]], %[[DT]] low_rank(%[[P]]) length 1 : (tensor<4x8xcomplex<f64>>, tensor<4x8xcomplex<f64>>, tensor<4x8xcomplex<f64>>, tensor<4xf64>, tensor<4x2x8xcomplex<f64>>) -> tensor<4x1xf64>
// CHECK: return %[[K]]
func.func @ssm_kernel_low_rank_f64(%A: tensor<4x8xcomplex<f64>>, %dt: tensor<4xf64>, %P: tensor<4x2x8xcomplex<f64>>) -> tensor<4x1xf64> {
  %k = ssm.ssm_kernel %A, %A, %A, %dt low_rank(%P) length 1 : (tensor<4x8xcomplex<f64>>, tensor<4x8xcomplex<f64>>, tensor<4x8xcomplex<f64>>, tensor<4xf64>, tensor<4x2x8xcomplex<f64>>) -> tensor<4x1xf64>
  return %k : tensor<4x1xf64>
}

// The low-rank factor with bilinear discretization and a dynamic channel count.
// CHECK-LABEL: func @ssm_kernel_low_rank_bilinear_dynamic(
// CHECK-SAME: %[[A:[^:]+]]: tensor<?x8xcomplex<f32>>, %[[DT:[^:]+]]: tensor<?xf32>, %[[P:[^:]+]]: tensor<?x1x8xcomplex<f32>>)
// CHECK: %[[K:.+]] = ssm.ssm_kernel %[[A]], %[[A]], %[[A]], %[[DT]] low_rank(%[[P]]) length 16 discretization bilinear : (tensor<?x8xcomplex<f32>>, tensor<?x8xcomplex<f32>>, tensor<?x8xcomplex<f32>>, tensor<?xf32>, tensor<?x1x8xcomplex<f32>>) -> tensor<?x16xf32>
// CHECK: return %[[K]]
func.func @ssm_kernel_low_rank_bilinear_dynamic(%A: tensor<?x8xcomplex<f32>>, %dt: tensor<?xf32>, %P: tensor<?x1x8xcomplex<f32>>) -> tensor<?x16xf32> {
  %k = ssm.ssm_kernel %A, %A, %A, %dt low_rank(%P) length 16 discretization bilinear : (tensor<?x8xcomplex<f32>>, tensor<?x8xcomplex<f32>>, tensor<?x8xcomplex<f32>>, tensor<?xf32>, tensor<?x1x8xcomplex<f32>>) -> tensor<?x16xf32>
  return %k : tensor<?x16xf32>
}
