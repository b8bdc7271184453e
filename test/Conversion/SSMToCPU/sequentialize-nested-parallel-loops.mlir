// RUN: ssm-opt %s --ssm-sequentialize-nested-parallel-loops | FileCheck %s

// The outer parallel loop stays parallel (it becomes OpenMP threads); the
// parallel loop nested in it becomes an scf.for nest over the same bounds.
// CHECK-LABEL: func @nested
// CHECK:       scf.parallel (%[[I:.+]]) = (%[[C0:.+]]) to (%[[C4:.+]]) step (%[[C1:.+]])
// CHECK:         scf.for %[[K:.+]] = %[[C0]] to %[[C4]] step %[[C1]]
// CHECK:           scf.for %[[J:.+]] = %[[C0]] to %[[C4]] step %[[C1]]
// CHECK:             scf.for %[[L:.+]] = %[[C1]] to %[[C4]] step %[[C1]]
// CHECK:               memref.store %{{.*}}, %{{.*}}[%[[I]], %[[J]], %[[L]]]
// CHECK-NOT:   scf.parallel
func.func @nested(%m: memref<4x4x4xf32>, %v: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    scf.for %k = %c0 to %c4 step %c1 {
      scf.parallel (%j, %l) = (%c0, %c1) to (%c4, %c4) step (%c1, %c1) {
        memref.store %v, %m[%i, %j, %l] : memref<4x4x4xf32>
      }
    }
  }
  return
}

// A parallel loop not nested in another is left alone.
// CHECK-LABEL: func @outer_only
// CHECK:       scf.for
// CHECK:         scf.parallel
func.func @outer_only(%m: memref<4xf32>, %v: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %t = %c0 to %c4 step %c1 {
    scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
      memref.store %v, %m[%i] : memref<4xf32>
    }
  }
  return
}
