// RUN: ssm-opt %s --pass-pipeline='builtin.module(gpu.module(gpu.func(ssm-align-workgroup-buffers)))' | FileCheck %s
// RUN: ssm-opt %s --pass-pipeline='builtin.module(gpu.module(gpu.func(ssm-align-workgroup-buffers{alignment=128})))' | FileCheck %s --check-prefix=A128

// Workgroup buffers without an alignment get one (16 bytes unless told);
// one that has its own keeps it. convert-gpu-to-nvvm puts it on the
// shared-memory global.
// CHECK:      gpu.func @k() workgroup(%{{.+}} : memref<64x40xbf16, #gpu.address_space<workgroup>> {llvm.align = 16 : i64}, %{{.+}} : memref<8xf32, #gpu.address_space<workgroup>> {llvm.align = 4 : i64})
// A128:       gpu.func @k() workgroup(%{{.+}} : memref<64x40xbf16, #gpu.address_space<workgroup>> {llvm.align = 128 : i64}, %{{.+}} : memref<8xf32, #gpu.address_space<workgroup>> {llvm.align = 4 : i64})
module attributes {gpu.container_module} {
  gpu.module @m {
    gpu.func @k() workgroup(%a : memref<64x40xbf16, #gpu.address_space<workgroup>>, %b : memref<8xf32, #gpu.address_space<workgroup>> {llvm.align = 4 : i64}) kernel {
      gpu.return
    }
  }
}
