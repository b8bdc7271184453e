// RUN: ssm-opt %s | ssm-opt | FileCheck %s
// RUN: ssm-opt %s --mlir-print-op-generic | ssm-opt | FileCheck %s
// RUN: ssm-opt %s --emit-bytecode | ssm-opt | FileCheck %s
// ssm.monarch round-trips through its custom, generic and bytecode forms.

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
