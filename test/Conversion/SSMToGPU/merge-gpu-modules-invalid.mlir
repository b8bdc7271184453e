// RUN: ssm-opt %s --ssm-merge-gpu-modules -verify-diagnostics

// Two kernel modules with different globals of one name (not copies of
// one host global): renaming one would leave its kernel's get_global
// naming the other, so the merge refuses.
module attributes {gpu.container_module} {
  gpu.module @a {
    memref.global "private" constant @table : memref<2xf32> = dense<[1.0, 2.0]>
  }
  gpu.module @b {
    // expected-error @+1 {{differs from the global of the same name in another kernel module}}
    memref.global "private" constant @table : memref<2xf32> = dense<[3.0, 4.0]>
  }
}
