// RUN: ssm-opt %s --pass-pipeline='builtin.module(gpu.module(gpu.func(ssm-approximate-exp2)))' | FileCheck %s

// An f32 exp2 marked afn becomes the ex2.approx.ftz intrinsic; one without
// afn, or of f64, is left to convert-gpu-to-nvvm, as are exp2s outside
// kernels.
// CHECK-LABEL: gpu.func @kernel
// CHECK-SAME:    (%[[X:[a-z0-9_]+]]: f32, %[[D:[a-z0-9_]+]]: f64, %[[OUT:[a-z0-9_]+]]: memref<3xf32>, %[[OUTD:[a-z0-9_]+]]: memref<1xf64>)
// CHECK:         %[[A:[a-z0-9_]+]] = llvm.call_intrinsic "llvm.nvvm.ex2.approx.ftz.f32"(%[[X]]) : (f32) -> f32
// CHECK:         %[[P:[a-z0-9_]+]] = math.exp2 %[[X]] : f32
// CHECK:         %[[F:[a-z0-9_]+]] = math.exp2 %[[X]] fastmath<nnan> : f32
// CHECK:         %[[W:[a-z0-9_]+]] = math.exp2 %[[D]] fastmath<afn> : f64
// CHECK:         memref.store %[[A]]
// CHECK-NOT:     llvm.call_intrinsic
// CHECK-LABEL: func.func @host
// CHECK:         math.exp2 %{{[a-z0-9_]+}} fastmath<afn> : f32
gpu.module @kernels {
  gpu.func @kernel(%x: f32, %d: f64, %out: memref<3xf32>, %outd: memref<1xf64>) kernel {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %a = math.exp2 %x fastmath<afn> : f32
    %p = math.exp2 %x : f32
    %f = math.exp2 %x fastmath<nnan> : f32
    %w = math.exp2 %d fastmath<afn> : f64
    memref.store %a, %out[%c0] : memref<3xf32>
    memref.store %p, %out[%c1] : memref<3xf32>
    memref.store %f, %out[%c2] : memref<3xf32>
    memref.store %w, %outd[%c0] : memref<1xf64>
    gpu.return
  }
}

func.func @host(%x: f32) -> f32 {
  %a = math.exp2 %x fastmath<afn> : f32
  return %a : f32
}

// Likewise an f32 log2 marked afn becomes lg2.approx.ftz; one without afn,
// of f64, or another op with afn (log) is left.
// CHECK-LABEL: gpu.func @logs
// CHECK-SAME:    (%[[X:[a-z0-9_]+]]: f32, %[[D:[a-z0-9_]+]]: f64, %[[OUT:[a-z0-9_]+]]: memref<3xf32>, %[[OUTD:[a-z0-9_]+]]: memref<1xf64>)
// CHECK:         %[[A:[a-z0-9_]+]] = llvm.call_intrinsic "llvm.nvvm.lg2.approx.ftz.f"(%[[X]]) : (f32) -> f32
// CHECK:         %[[P:[a-z0-9_]+]] = math.log2 %[[X]] : f32
// CHECK:         %[[N:[a-z0-9_]+]] = math.log %[[X]] fastmath<afn> : f32
// CHECK:         %[[W:[a-z0-9_]+]] = math.log2 %[[D]] fastmath<afn> : f64
// CHECK:         memref.store %[[A]]
// CHECK-NOT:     llvm.call_intrinsic
gpu.module @log_kernels {
  gpu.func @logs(%x: f32, %d: f64, %out: memref<3xf32>, %outd: memref<1xf64>) kernel {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %a = math.log2 %x fastmath<afn> : f32
    %p = math.log2 %x : f32
    %n = math.log %x fastmath<afn> : f32
    %w = math.log2 %d fastmath<afn> : f64
    memref.store %a, %out[%c0] : memref<3xf32>
    memref.store %p, %out[%c1] : memref<3xf32>
    memref.store %n, %out[%c2] : memref<3xf32>
    memref.store %w, %outd[%c0] : memref<1xf64>
    gpu.return
  }
}
