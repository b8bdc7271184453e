// RUN: ssm-opt %s | ssm-opt | FileCheck %s
// RUN: ssm-opt %s --mlir-print-op-generic | ssm-opt | FileCheck %s
// RUN: ssm-opt %s --emit-bytecode | ssm-opt | FileCheck %s
// ssm.selective_scan round-trips through its custom, generic and bytecode forms.

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
