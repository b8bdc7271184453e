// RUN: ssm-opt %s | ssm-opt | FileCheck %s
// RUN: ssm-opt %s --mlir-print-op-generic | ssm-opt | FileCheck %s
// RUN: ssm-opt %s --emit-bytecode | ssm-opt | FileCheck %s
// ssm.butterfly round-trips through its custom, generic and bytecode forms.

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
