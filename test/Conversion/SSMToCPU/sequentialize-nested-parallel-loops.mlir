// RUN: ssm-opt %s --ssm-sequentialize-nested-parallel-loops="min-parallel-work=0" | FileCheck %s
// RUN: ssm-opt %s --ssm-sequentialize-nested-parallel-loops="min-parallel-work=32" | FileCheck %s --check-prefix=CHECK-SMALL

// With no work threshold, only nesting counts.
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

// A parallel loop with less static work than the threshold runs on one
// thread: here 4 x 4 iterations in all, below the limit of 32.
// CHECK-SMALL-LABEL: func @small_work
// CHECK-SMALL-NOT:   scf.parallel
// CHECK-SMALL:       scf.for
// CHECK-SMALL:         scf.for
// CHECK-SMALL-NOT:   scf.parallel
func.func @small_work(%m: memref<4x4xf32>, %v: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    scf.for %j = %c0 to %c4 step %c1 {
      memref.store %v, %m[%i, %j] : memref<4x4xf32>
    }
  }
  return
}

// With 8 x 8 iterations (64, over the limit) it stays parallel, and so
// does a loop whose inner trip count is not known.
// CHECK-SMALL-LABEL: func @enough_work
// CHECK-SMALL:       scf.parallel
// CHECK-SMALL-LABEL: func @dynamic_work
// CHECK-SMALL:       scf.parallel
func.func @enough_work(%m: memref<8x8xf32>, %v: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  scf.parallel (%i) = (%c0) to (%c8) step (%c1) {
    scf.for %j = %c0 to %c8 step %c1 {
      memref.store %v, %m[%i, %j] : memref<8x8xf32>
    }
  }
  return
}
func.func @dynamic_work(%m: memref<4x?xf32>, %n: index, %v: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    scf.for %j = %c0 to %n step %c1 {
      memref.store %v, %m[%i, %j] : memref<4x?xf32>
    }
  }
  return
}
