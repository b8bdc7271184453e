// RUN: ssm-opt %s | ssm-opt | FileCheck %s
// RUN: ssm-opt %s --mlir-print-op-generic | ssm-opt | FileCheck %s
// RUN: ssm-opt %s --emit-bytecode | ssm-opt | FileCheck %s
// ssm.attention round-trips through its custom, generic and bytecode forms.

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
