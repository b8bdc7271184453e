// RUN: ssm-opt %s -split-input-file --ssm-merge-gpu-modules | FileCheck %s

// The kernels of both modules end in the first; the second's kernel,
// whose name clashes, is renamed, and the launches follow.
// CHECK:     gpu.module @a {
// CHECK:       gpu.func @k() kernel
// CHECK:       gpu.func @[[RENAMED:k_[0-9]+]]() kernel
// CHECK:     }
// CHECK-NOT: gpu.module
// CHECK:     gpu.launch_func @a::@k
// CHECK:     gpu.launch_func @a::@[[RENAMED]]
module attributes {gpu.container_module} {
  gpu.module @a {
    gpu.func @k() kernel {
      gpu.return
    }
  }
  gpu.module @b {
    gpu.func @k() kernel {
      gpu.return
    }
  }
  func.func @f() {
    %c1 = arith.constant 1 : index
    gpu.launch_func @a::@k blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1)
    gpu.launch_func @b::@k blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1)
    return
  }
}

// -----

// gpu-kernel-outlining copies a constant global into the module of each
// kernel that takes it: the merged module keeps one copy, which the
// moved kernel's get_global now names.
// CHECK:     gpu.module @a {
// CHECK:       memref.global "private" constant @table : memref<2xf32> = dense<[1.000000e+00, 2.000000e+00]>
// CHECK-NOT:   memref.global
// CHECK:       gpu.func @k(
// CHECK:         memref.get_global @table
// CHECK-NOT:   memref.global
// CHECK:       gpu.func @l(
// CHECK:         memref.get_global @table :
// CHECK-NOT:   memref.global
// CHECK:     }
module attributes {gpu.container_module} {
  gpu.module @a {
    memref.global "private" constant @table : memref<2xf32> = dense<[1.0, 2.0]>
    gpu.func @k(%out: memref<2xf32>) kernel {
      %c0 = arith.constant 0 : index
      %t = memref.get_global @table : memref<2xf32>
      %x = memref.load %t[%c0] : memref<2xf32>
      memref.store %x, %out[%c0] : memref<2xf32>
      gpu.return
    }
  }
  gpu.module @b {
    memref.global "private" constant @table : memref<2xf32> = dense<[1.0, 2.0]>
    gpu.func @l(%out: memref<2xf32>) kernel {
      %c1 = arith.constant 1 : index
      %t = memref.get_global @table : memref<2xf32>
      %x = memref.load %t[%c1] : memref<2xf32>
      memref.store %x, %out[%c1] : memref<2xf32>
      gpu.return
    }
  }
}

// -----

// The host's copy of a table that only kernels read (gpu-kernel-outlining
// copied it into their module) is erased; globals the host takes, public
// ones, and ones no kernel module has stay.
// CHECK:       module attributes
// CHECK-NOT:   memref.global "private" constant @table
// CHECK:       memref.global "private" constant @host_table
// CHECK:       memref.global constant @public_table
// CHECK:       memref.global "private" constant @unused
// CHECK:       gpu.module @a {
// CHECK:         memref.global "private" constant @table
// CHECK:         memref.global "private" constant @public_table
module attributes {gpu.container_module} {
  memref.global "private" constant @table : memref<2xf32> = dense<[1.0, 2.0]>
  memref.global "private" constant @host_table : memref<2xf32> = dense<3.0>
  memref.global constant @public_table : memref<2xf32> = dense<4.0>
  memref.global "private" constant @unused : memref<2xf32> = dense<5.0>
  gpu.module @a {
    memref.global "private" constant @table : memref<2xf32> = dense<[1.0, 2.0]>
    memref.global "private" constant @public_table : memref<2xf32> = dense<4.0>
    gpu.func @k(%out: memref<2xf32>) kernel {
      %c0 = arith.constant 0 : index
      %t = memref.get_global @table : memref<2xf32>
      %x = memref.load %t[%c0] : memref<2xf32>
      memref.store %x, %out[%c0] : memref<2xf32>
      gpu.return
    }
  }
  func.func @f(%out: memref<2xf32>) -> memref<2xf32> {
    %c1 = arith.constant 1 : index
    gpu.launch_func @a::@k blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%out : memref<2xf32>)
    %h = memref.get_global @host_table : memref<2xf32>
    return %h : memref<2xf32>
  }
}
