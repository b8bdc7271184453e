// RUN: ssm-opt %s --ssm-approximate-math | FileCheck %s

// f32 exp, log1p, tanh become arithmetic (no math call left to stop
// vectorisation); f64 exp and f32 sqrt are left to the math library.
// CHECK-LABEL: func @approximated
// CHECK-NOT:   math.exp
// CHECK-NOT:   math.log1p
// CHECK-NOT:   math.tanh
// CHECK:       arith.mulf
// CHECK:       return
func.func @approximated(%x: f32) -> (f32, f32, f32) {
  %0 = math.exp %x : f32
  %1 = math.log1p %x : f32
  %2 = math.tanh %x : f32
  return %0, %1, %2 : f32, f32, f32
}

// CHECK-LABEL: func @kept
// CHECK:       math.exp %{{.*}} : f64
// CHECK:       math.sqrt %{{.*}} : f32
func.func @kept(%x: f64, %y: f32) -> (f64, f32) {
  %0 = math.exp %x : f64
  %1 = math.sqrt %y : f32
  return %0, %1 : f64, f32
}
