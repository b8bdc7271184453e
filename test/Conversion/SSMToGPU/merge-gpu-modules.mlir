// RUN: ssm-opt %s --ssm-merge-gpu-modules | FileCheck %s

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
