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

// f32 exp, scalar or vector: the project's own 16-operation expansion
// (clamp, k = round(x log2 e) through the 1.5 * 2^23 shift, r = x - k ln 2 in
// two FMAs, a degree-7 Horner polynomial, 2^(k-1) from the bits of the
// shifted value), not upstream's (no floor, compare or select).
// CHECK-LABEL: func @exp_vector
// CHECK-SAME:  (%[[X:.+]]: vector<16xf32>)
// CHECK-DAG:   %[[SHIFT:.+]] = arith.constant dense<0x4B400000> : vector<16xf32>
// CHECK-DAG:   %[[BIAS:.+]] = arith.constant dense<126> : vector<16xi32>
// CHECK-DAG:   %[[TWENTYTHREE:.+]] = arith.constant dense<23> : vector<16xi32>
// CHECK:       %[[LO:.+]] = arith.maximumf %[[X]], %{{.+}} : vector<16xf32>
// CHECK:       %[[C:.+]] = arith.minimumf %[[LO]], %{{.+}} : vector<16xf32>
// CHECK:       %[[T:.+]] = math.fma %[[C]], %{{.+}}, %[[SHIFT]] : vector<16xf32>
// CHECK:       %[[K:.+]] = arith.subf %[[T]], %[[SHIFT]] : vector<16xf32>
// CHECK:       %[[R0:.+]] = math.fma %[[K]], %{{.+}}, %[[C]] : vector<16xf32>
// CHECK:       %[[R:.+]] = math.fma %[[K]], %{{.+}}, %[[R0]] : vector<16xf32>
// CHECK-COUNT-7: math.fma %{{.+}}, %[[R]], %{{.+}} : vector<16xf32>
// CHECK:       %[[BITS:.+]] = arith.bitcast %[[T]] : vector<16xf32> to vector<16xi32>
// CHECK:       %[[E:.+]] = arith.addi %[[BITS]], %[[BIAS]] : vector<16xi32>
// CHECK:       %[[SHL:.+]] = arith.shli %[[E]], %[[TWENTYTHREE]] : vector<16xi32>
// CHECK:       %[[SCALE:.+]] = arith.bitcast %[[SHL]] : vector<16xi32> to vector<16xf32>
// CHECK:       %[[Y:.+]] = arith.mulf %{{.+}}, %[[SCALE]] : vector<16xf32>
// CHECK-NOT:   math.floor
// CHECK-NOT:   arith.select
// CHECK:       return %[[Y]]
func.func @exp_vector(%x: vector<16xf32>) -> vector<16xf32> {
  %0 = math.exp %x : vector<16xf32>
  return %0 : vector<16xf32>
}
