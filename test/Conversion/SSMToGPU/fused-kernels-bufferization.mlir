// RUN: ssm-opt %s --pass-pipeline="builtin.module(ssm-fused-selective-scan,convert-ssm-to-linalg,func.func(convert-elementwise-to-linalg),canonicalize,one-shot-bufferize{bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map})" | FileCheck %s

// A fused kernel's result buffer is not writable: here the canonicalizer
// folds the second scan's read of %h1 to the first kernel's buffer (a read
// that one-shot bufferization no longer sees), so the multiply, whose
// linalg form has %h1 as its init, must write a new buffer rather than
// overwrite the state the second scan starts from.
// CHECK-LABEL: func.func @chain
// CHECK:       %[[H1:[a-z0-9_]+]] = memref.alloc() : memref<1x4x16xf32>
// CHECK:       call @{{[a-z0-9_]+}}({{.*}}, %[[H1]])
// CHECK:       %[[S:[a-z0-9_]+]] = memref.alloc() {{.*}} : memref<1x4x16xf32>
// CHECK:       linalg.generic {{.*}} ins(%[[H1]], %{{[a-z0-9_]+}} : {{.*}}) outs(%[[S]] : memref<1x4x16xf32>)
// CHECK:       call @{{[a-z0-9_]+}}({{.*}}, %[[H1]], %{{[a-z0-9_]+}})
// CHECK:       return %{{[a-z0-9_]+}}, %[[S]]
func.func @chain(%x: tensor<1x8x4xf32>, %A: tensor<4x16xf32>, %B: tensor<1x8x1x16xf32>, %two: tensor<1x4x16xf32>) -> (tensor<1x8x4xf32>, tensor<1x4x16xf32>) {
  %y1, %h1 = ssm.selective_scan %x, %x, %A, %B, %B : (tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<4x16xf32>, tensor<1x8x1x16xf32>, tensor<1x8x1x16xf32>) -> (tensor<1x8x4xf32>, tensor<1x4x16xf32>)
  %s = arith.mulf %h1, %two : tensor<1x4x16xf32>
  %y2 = ssm.selective_scan %x, %x, %A, %B, %B init(%h1) : (tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<4x16xf32>, tensor<1x8x1x16xf32>, tensor<1x8x1x16xf32>, tensor<1x4x16xf32>) -> tensor<1x8x4xf32>
  return %y2, %s : tensor<1x8x4xf32>, tensor<1x4x16xf32>
}
