// RUN: ssm-opt %s -split-input-file -verify-diagnostics --ssm-map-to-gpu

// A parallel loop with a reduction inside a kernel.
func.func @reduction(%in: memref<4x8xf32>, %out: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %zero = arith.constant 0.0 : f32
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    // expected-error @+1 {{'scf.parallel' op with reductions cannot run on the GPU yet}}
    %sum = scf.parallel (%j) = (%c0) to (%c8) step (%c1) init (%zero) -> f32 {
      %x = memref.load %in[%i, %j] : memref<4x8xf32>
      scf.reduce(%x : f32) {
      ^bb0(%a: f32, %b: f32):
        %s = arith.addf %a, %b : f32
        scf.reduce.return %s : f32
      }
    }
    memref.store %sum, %out[%i] : memref<4xf32>
  }
  return
}

// -----

// A private buffer whose size is known only at run time, without a bound.
func.func @dynamic_private(%n: index, %out: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    // expected-error @+1 {{'memref.alloc' op of a dynamic shape without a constant bound inside a GPU kernel is not supported}}
    %private = memref.alloc(%n) : memref<?xf32>
    %x = memref.load %private[%c0] : memref<?xf32>
    memref.store %x, %out[%i] : memref<4xf32>
  }
  return
}

// -----

// A value read from a device buffer that the host then uses.
func.func @host_reads(%in: memref<4xi32>, %out: memref<?xf32>) {
  %c0 = arith.constant 0 : index
  // expected-error @+1 {{'memref.load' op reads or writes buffers on the host and defines values the host uses; it cannot run on the GPU}}
  %i = memref.load %in[%c0] : memref<4xi32>
  %n = arith.index_cast %i : i32 to index
  %f = arith.constant 1.0 : f32
  memref.store %f, %out[%n] : memref<?xf32>
  return
}

// -----

memref.global "private" constant @table : memref<4xf32> = dense<1.0>
func.func @returned_constant() -> memref<4xf32> {
  // expected-error @+1 {{'memref.get_global' op is passed on by its block's terminator (directly, through a view or through a nested region's results); its device copy would outlive the block}}
  %t = memref.get_global @table : memref<4xf32>
  return %t : memref<4xf32>
}

// -----

// The same through a view and an scf.if's result.
memref.global "private" constant @table : memref<4xf32> = dense<1.0>
func.func @yielded_constant(%pick: i1,
    %other: memref<2xf32, strided<[1], offset: ?>>)
    -> memref<2xf32, strided<[1], offset: ?>> {
  // expected-error @+1 {{'memref.get_global' op is passed on by its block's terminator}}
  %t = memref.get_global @table : memref<4xf32>
  %r = scf.if %pick -> memref<2xf32, strided<[1], offset: ?>> {
    %v = memref.subview %t[1] [2] [1]
        : memref<4xf32> to memref<2xf32, strided<[1], offset: 1>>
    %c = memref.cast %v : memref<2xf32, strided<[1], offset: 1>>
        to memref<2xf32, strided<[1], offset: ?>>
    scf.yield %c : memref<2xf32, strided<[1], offset: ?>>
  } else {
    scf.yield %other : memref<2xf32, strided<[1], offset: ?>>
  }
  return %r : memref<2xf32, strided<[1], offset: ?>>
}
