// RUN: ssm-opt %s -split-input-file --ssm-map-to-gpu="block-size=128" | FileCheck %s

// An outermost parallel loop becomes a kernel of one thread per iteration:
// the 6 x 10 iterations flattened (60 threads, ceil(60 / 128) = 1 block of
// 128), a bounds guard, the last dimension fastest. The host buffer is a
// device buffer.
// CHECK-LABEL: func @elementwise
// CHECK-SAME:  (%[[IN:.+]]: memref<6x10xf32>)
// CHECK:       %[[OUT:.+]] = gpu.alloc () : memref<6x10xf32>
// CHECK:       %[[T:.+]] = arith.constant 128 : index
// CHECK-NEXT:  %[[B:.+]] = arith.ceildivsi %[[TOTAL:.+]], %[[T]] : index
// CHECK:       %[[BLOCKS:.+]] = arith.maxsi %[[B]], %{{.+}} : index
// CHECK:       gpu.launch blocks(%[[BX:.+]], %{{.+}}, %{{.+}}) in (%{{.+}} = %[[BLOCKS]], %{{.+}} = %{{.+}}, %{{.+}} = %{{.+}}) threads(%[[TX:.+]], %{{.+}}, %{{.+}}) in (%{{.+}} = %[[T]], %{{.+}} = %{{.+}}, %{{.+}} = %{{.+}})
// CHECK:         %[[BASE:.+]] = arith.muli %[[BX]], %[[T]] : index
// CHECK:         %[[ID:.+]] = arith.addi %[[BASE]], %[[TX]] : index
// CHECK:         %[[IN_RANGE:.+]] = arith.cmpi slt, %[[ID]], %[[TOTAL]] : index
// CHECK:         scf.if %[[IN_RANGE]] {
// CHECK:           %[[J:.+]] = arith.remsi %[[ID]], %{{.+}} : index
// CHECK:           %[[I:.+]] = arith.divsi %[[ID]], %{{.+}} : index
// CHECK:           memref.load %[[IN]][%{{.+}}, %{{.+}}]
// CHECK:           memref.store %{{.+}}, %[[OUT]][%{{.+}}, %{{.+}}]
// CHECK:         gpu.terminator
// CHECK:       return %[[OUT]]
func.func @elementwise(%in: memref<6x10xf32>) -> memref<6x10xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c6 = arith.constant 6 : index
  %c10 = arith.constant 10 : index
  %out = memref.alloc() : memref<6x10xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%c6, %c10) step (%c1, %c1) {
    %x = memref.load %in[%i, %j] : memref<6x10xf32>
    %y = arith.addf %x, %x : f32
    memref.store %y, %out[%i, %j] : memref<6x10xf32>
  }
  return %out : memref<6x10xf32>
}

// -----

// Inside a kernel (here, one thread per channel block) nested parallel loops
// run sequentially, buffers are private (alloca) and not freed, and copies
// are loops. The host loop over time around a parallel loop stays on the
// host and launches it at each step; host buffers are freed with
// gpu.dealloc and copied whole with gpu.memcpy.
// The short loops over the private buffer are unrolled (constant indices
// keep it in registers).
// CHECK-LABEL: func @nests
// CHECK:       gpu.launch
// CHECK:         %[[PRIVATE:.+]] = memref.alloca() : memref<4xf32>
// CHECK-NOT:     scf.parallel
// CHECK-NOT:     scf.for
// CHECK:           memref.store %{{.+}}, %[[PRIVATE]][%c0]
// CHECK:           memref.store %{{.+}}, %[[PRIVATE]][%{{.+}}]
// CHECK:           memref.store %{{.+}}, %[[PRIVATE]][%{{.+}}]
// CHECK:           memref.store %{{.+}}, %[[PRIVATE]][%{{.+}}]
// CHECK-NOT:     scf.for
// CHECK:           memref.load %[[PRIVATE]][%c0{{.*}}]
// CHECK:           memref.load %[[PRIVATE]]
// CHECK:           memref.load %[[PRIVATE]]
// CHECK:           memref.load %[[PRIVATE]]
// CHECK-NOT:     memref.dealloc
// CHECK:         gpu.terminator
// CHECK:       %[[TMP:.+]] = gpu.alloc () : memref<8xf32>
// CHECK:       scf.for
// CHECK-NEXT:    arith.constant 1 : index
// CHECK:         gpu.launch
// CHECK:           memref.store %{{.+}}, %[[TMP]]
// CHECK:       gpu.memcpy %{{.+}}, %[[TMP]] : memref<8xf32>, memref<8xf32>
// CHECK:       gpu.dealloc %[[TMP]] : memref<8xf32>
func.func @nests(%in: memref<8x4xf32>, %out: memref<8x4xf32>, %row: memref<8xf32>, %f: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  scf.parallel (%b) = (%c0) to (%c8) step (%c1) {
    %private = memref.alloc() : memref<4xf32>
    scf.parallel (%j) = (%c0) to (%c4) step (%c1) {
      %x = memref.load %in[%b, %j] : memref<8x4xf32>
      memref.store %x, %private[%j] : memref<4xf32>
    }
    %view = memref.subview %out[%b, 0] [1, 4] [1, 1] : memref<8x4xf32> to memref<4xf32, strided<[1], offset: ?>>
    memref.copy %private, %view : memref<4xf32> to memref<4xf32, strided<[1], offset: ?>>
    memref.dealloc %private : memref<4xf32>
  }
  %tmp = memref.alloc() : memref<8xf32>
  scf.for %t = %c0 to %c4 step %c1 {
    scf.parallel (%i) = (%c0) to (%c8) step (%c1) {
      memref.store %f, %tmp[%i] : memref<8xf32>
    }
  }
  memref.copy %tmp, %row : memref<8xf32> to memref<8xf32>
  memref.dealloc %tmp : memref<8xf32>
  return
}

// -----

// Memory work outside any parallel loop (a reduction's loop nest) runs as a
// kernel of one thread. The index and i1 arrays of the dealloc lowering's
// bookkeeping stay on the host, as does a private helper that only sees
// them.
// CHECK-LABEL: func @single_thread
// CHECK:       gpu.launch blocks({{.*}}) in (%{{.+}} = %[[ONE:[^,]+]], %{{.+}} = %[[ONE2:[^,]+]], %{{.+}} = %[[ONE2]]) threads({{.*}}) in (%{{.+}} = %[[ONE]], %{{.+}} = %[[ONE2]], %{{.+}} = %[[ONE2]])
// CHECK:         scf.for
// CHECK:           memref.load
// CHECK:           memref.store
// CHECK:         gpu.terminator
// CHECK:       %[[FLAGS:.+]] = memref.alloc() : memref<2xi1>
// CHECK:       memref.store %{{.+}}, %[[FLAGS]]
// CHECK:       call @helper(%[[FLAGS]])
// CHECK-LABEL: func private @helper
// CHECK-NOT:   gpu.launch
// CHECK:       memref.load
func.func @single_thread(%in: memref<16xf32>, %acc: memref<f32>, %flag: i1) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  scf.for %i = %c0 to %c16 step %c1 {
    %x = memref.load %in[%i] : memref<16xf32>
    %s = memref.load %acc[] : memref<f32>
    %y = arith.addf %s, %x : f32
    memref.store %y, %acc[] : memref<f32>
  }
  %flags = memref.alloc() : memref<2xi1>
  memref.store %flag, %flags[%c0] : memref<2xi1>
  call @helper(%flags) : (memref<2xi1>) -> ()
  memref.dealloc %flags : memref<2xi1>
  return
}
func.func private @helper(%flags: memref<2xi1>) {
  %c1 = arith.constant 1 : index
  %f = memref.load %flags[%c1] : memref<2xi1>
  return
}

// -----

// A private buffer of a dynamic size (a tile's min(remaining, 16) rows)
// becomes bytes for the largest size, 16 x 4, viewed at the actual size.
// CHECK-LABEL: func @bounded_private
// (The bytes, like every private buffer, are allocated at the kernel's
// entry.)
// CHECK:       gpu.launch
// CHECK-NEXT:    %[[BYTES:.+]] = memref.alloca() {alignment = 16 : i64} : memref<64xi8>
// CHECK:         %[[ROWS:.+]] = arith.minsi %{{.+}}, %{{.+}} : index
// CHECK:         %[[TILE:.+]] = memref.view %[[BYTES]][%{{.+}}][%[[ROWS]]] : memref<64xi8> to memref<?xf32>
// CHECK:         memref.store %{{.+}}, %[[TILE]]
func.func @bounded_private(%n: index, %out: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  %f = arith.constant 1.0 : f32
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    %left = arith.subi %n, %i : index
    %rows = arith.minsi %left, %c16 : index
    %tile = memref.alloc(%rows) : memref<?xf32>
    memref.store %f, %tile[%c0] : memref<?xf32>
    %x = memref.load %tile[%c0] : memref<?xf32>
    memref.store %x, %out[%i] : memref<4xf32>
  }
  return
}

// -----

// Private buffers made in a loop body move to the kernel's entry, so that
// no iteration allocates on the stack again: one buffer for a buffer used
// within an iteration, two (even and odd iterations) for a buffer the loop
// carries to its next iteration, which still reads the previous one.
// (40 iterations: too many to unroll.)
// CHECK-LABEL: func @hoisted
// CHECK:       gpu.launch
// CHECK-NEXT:    %[[EVEN:.+]] = memref.alloca() : memref<8xf32>
// CHECK-NEXT:    %[[ODD:.+]] = memref.alloca() : memref<8xf32>
// CHECK-NEXT:    %[[LOCAL:.+]] = memref.alloca() : memref<8xf32>
// CHECK-NEXT:    %[[INIT:.+]] = memref.alloca() : memref<8xf32>
// CHECK:         scf.for %[[T:.+]] = %[[LB:[^ ]+]] to %{{.+}} step %[[STEP:[^ ]+]] iter_args(%[[PREV:.+]] = %[[INIT]])
// CHECK-NOT:       memref.alloca
// CHECK:           %[[N:.+]] = arith.subi %[[T]], %[[LB]] : index
// CHECK:           %[[I:.+]] = arith.divsi %[[N]], %[[STEP]] : index
// CHECK:           %[[R:.+]] = arith.remsi %[[I]], %{{.+}} : index
// CHECK:           %[[IS_EVEN:.+]] = arith.cmpi eq, %[[R]], %{{.+}} : index
// CHECK:           %[[NEXT:.+]] = arith.select %[[IS_EVEN]], %[[EVEN]], %[[ODD]] : memref<8xf32>
// CHECK:           memref.store %{{.+}}, %[[LOCAL]]
// CHECK:           memref.store %{{.+}}, %[[NEXT]]
// CHECK:           scf.yield %[[NEXT]]
func.func @hoisted(%out: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c40 = arith.constant 40 : index
  %zero = arith.constant 0.0 : f32
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    %init = memref.alloc() : memref<8xf32>
    memref.store %zero, %init[%c0] : memref<8xf32>
    %last = scf.for %t = %c0 to %c40 step %c1 iter_args(%prev = %init) -> (memref<8xf32>) {
      %local = memref.alloc() : memref<8xf32>
      %next = memref.alloc() : memref<8xf32>
      %x = memref.load %prev[%c0] : memref<8xf32>
      memref.store %x, %local[%c0] : memref<8xf32>
      %y = memref.load %local[%c0] : memref<8xf32>
      %z = arith.addf %y, %y : f32
      memref.store %z, %next[%c0] : memref<8xf32>
      scf.yield %next : memref<8xf32>
    }
    %r = memref.load %last[%c0] : memref<8xf32>
    memref.store %r, %out[%i] : memref<4xf32>
  }
  return
}

// -----

// Kernels already made (ssm-tensor-core-contractions') stay as they are,
// also inside host control flow, which stays on the host: no launch in a
// launch, no one-thread kernel around them.
// CHECK-LABEL: func @existing_kernels
// CHECK:       gpu.launch blocks
// CHECK-NOT:   gpu.launch
// CHECK:         memref.store
// CHECK:         gpu.terminator
// CHECK:       scf.for
// CHECK-NEXT:    gpu.launch blocks
// CHECK-NOT:     gpu.launch
// CHECK:           memref.store
// CHECK:           gpu.terminator
// CHECK:       return
func.func @existing_kernels(%out: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %zero = arith.constant 0.0 : f32
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1) threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    memref.store %zero, %out[%tx] : memref<4xf32>
    gpu.terminator
  }
  scf.for %t = %c0 to %c3 step %c1 {
    gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1) threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
      memref.store %zero, %out[%t] : memref<4xf32>
      gpu.terminator
    }
  }
  return
}

// -----

// A constant global that only kernels read is taken inside each of them
// (gpu-kernel-outlining then copies it into the kernels' module: device
// memory, initialized when the module loads): no copy per call.
// CHECK-LABEL: func @constant_table
// CHECK-NOT:   memref.get_global
// CHECK-NOT:   gpu.memcpy
// CHECK:       gpu.launch
// CHECK-NEXT:    %[[TABLE:.+]] = memref.get_global @table : memref<4xf32>
// CHECK:         memref.load %[[TABLE]]
// CHECK:       gpu.launch
// CHECK-NEXT:    %[[AGAIN:.+]] = memref.get_global @table : memref<4xf32>
// CHECK:         memref.load %[[AGAIN]]
// CHECK-NOT:   gpu.dealloc
// CHECK:       return
memref.global "private" constant @table : memref<4xf32> = dense<[1.0, 2.0, 3.0, 4.0]>
func.func @constant_table(%out: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %t = memref.get_global @table : memref<4xf32>
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    %x = memref.load %t[%i] : memref<4xf32>
    memref.store %x, %out[%i] : memref<4xf32>
  }
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    %x = memref.load %t[%i] : memref<4xf32>
    %y = arith.addf %x, %x : f32
    memref.store %y, %out[%i] : memref<4xf32>
  }
  return
}

// -----

// A constant that host code also uses (here a copy), or a global that is
// not constant, is host memory: kernels read a device copy of it, made
// where it is taken and freed before the block's end.
// CHECK-LABEL: func @host_constant
// CHECK:       %[[HOST:.+]] = memref.get_global @table : memref<4xf32>
// CHECK-NEXT:  %[[DEVICE:.+]] = gpu.alloc () : memref<4xf32>
// CHECK-NEXT:  gpu.memcpy %[[DEVICE]], %[[HOST]] : memref<4xf32>, memref<4xf32>
// CHECK:       gpu.launch
// CHECK:         memref.load %[[DEVICE]]
// CHECK:       gpu.memcpy %{{.+}}, %[[DEVICE]]
// CHECK:       gpu.dealloc %[[DEVICE]] : memref<4xf32>
// CHECK-NEXT:  return
// CHECK-LABEL: func @mutable_global
// CHECK:       %[[HOST:.+]] = memref.get_global @state : memref<4xf32>
// CHECK-NEXT:  %[[DEVICE:.+]] = gpu.alloc () : memref<4xf32>
// CHECK-NEXT:  gpu.memcpy %[[DEVICE]], %[[HOST]] : memref<4xf32>, memref<4xf32>
// CHECK:       gpu.launch
// CHECK:         memref.load %[[DEVICE]]
// CHECK:       gpu.dealloc %[[DEVICE]] : memref<4xf32>
memref.global "private" constant @table : memref<4xf32> = dense<[1.0, 2.0, 3.0, 4.0]>
memref.global "private" @state : memref<4xf32> = dense<0.0>
func.func @host_constant(%out: memref<4xf32>, %copy: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %t = memref.get_global @table : memref<4xf32>
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    %x = memref.load %t[%i] : memref<4xf32>
    memref.store %x, %out[%i] : memref<4xf32>
  }
  memref.copy %t, %copy : memref<4xf32> to memref<4xf32>
  return
}
func.func @mutable_global(%out: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %t = memref.get_global @state : memref<4xf32>
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    %x = memref.load %t[%i] : memref<4xf32>
    memref.store %x, %out[%i] : memref<4xf32>
  }
  return
}

// A constant that a region yields beside the buffer that is returned (as
// buffer deallocation's ownership results do): its device copy is freed
// at the block's end, the returned buffer is not it.
// CHECK-LABEL: func @yielded_beside
// CHECK:       %[[HOST:.+]] = memref.get_global @table : memref<4xf32>
// CHECK-NEXT:  %[[DEVICE:.+]] = gpu.alloc () : memref<4xf32>
// CHECK-NEXT:  gpu.memcpy %[[DEVICE]], %[[HOST]]
// CHECK:       %[[PICKED:.+]]:2 = scf.if
// CHECK-NEXT:    scf.yield %[[DEVICE]], %{{.+}} :
// CHECK:       gpu.dealloc %[[DEVICE]] : memref<4xf32>
// CHECK-NEXT:  return %[[PICKED]]#1
func.func @yielded_beside(%pick: i1, %out: memref<4xf32>)
    -> memref<4xf32> {
  %t = memref.get_global @table : memref<4xf32>
  %r:2 = scf.if %pick -> (memref<4xf32>, memref<4xf32>) {
    scf.yield %t, %out : memref<4xf32>, memref<4xf32>
  } else {
    scf.yield %out, %out : memref<4xf32>, memref<4xf32>
  }
  memref.copy %r#0, %out : memref<4xf32> to memref<4xf32>
  return %r#1 : memref<4xf32>
}

// -----

// Buffer deallocation frees a buffer it may not own under a condition (an
// scf.if of host bookkeeping): the free is gpu.dealloc on the host, not
// part of a kernel nor libc's free of a device pointer.
// CHECK-LABEL: func @conditional_free
// CHECK-SAME:  (%[[FLAG:.+]]: i1)
// CHECK:       %[[BUF:.+]] = gpu.alloc () : memref<4xf32>
// CHECK:       gpu.launch
// CHECK:       scf.if %[[FLAG]] {
// CHECK-NEXT:    gpu.dealloc %[[BUF]] : memref<4xf32>
// CHECK-NEXT:  }
// CHECK-NOT:   memref.dealloc
func.func @conditional_free(%flag: i1) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %zero = arith.constant 0.0 : f32
  %buf = memref.alloc() : memref<4xf32>
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    memref.store %zero, %buf[%i] : memref<4xf32>
  }
  scf.if %flag {
    memref.dealloc %buf : memref<4xf32>
  }
  return
}
