// RUN: ssm-opt %s --pass-pipeline='builtin.module(func.func(ssm-tensor-core-contractions{chip=sm_90 f32-planes=4}))' -verify-diagnostics
// RUN: not ssm-opt %s --pass-pipeline='builtin.module(func.func(ssm-tensor-core-contractions{chip=sm_75 f32-planes=-1}))' 2>&1 | FileCheck %s --check-prefix=NEGATIVE
// NEGATIVE: error: ssm-tensor-core-contractions: f32-planes must be 0 (f32 left alone) to 3, not -1

// The planes of f32 operands: 0 to 3, whatever the chip.
// expected-error @+1 {{ssm-tensor-core-contractions: f32-planes must be 0 (f32 left alone) to 3, not 4}}
func.func @f(%a: memref<8x8xf32>, %c: memref<8x8xf32>) {
  linalg.matmul ins(%a, %a : memref<8x8xf32>, memref<8x8xf32>) outs(%c : memref<8x8xf32>)
  return
}
