// RUN: ssm-compile %s --target=cpu --emit=mlir -o - | FileCheck %s

// The buffers of each parallel tile (here a monarch block of rows: its
// intermediate Z) are freed in the tile, through libssm_cpu_runtime's
// allocation functions: repeated calls do not grow the heap.
// CHECK:     omp.wsloop
// CHECK:       llvm.call @_mlir_memref_to_llvm_alloc
// CHECK:       llvm.call @_mlir_memref_to_llvm_free
// CHECK:       omp.yield
func.func @f(%x: tensor<1024x64xf32>, %r: tensor<8x8x8xf32>, %l: tensor<8x8x8xf32>) -> tensor<1024x64xf32> {
  %y = ssm.monarch %x, %r, %l : tensor<1024x64xf32>, tensor<8x8x8xf32>, tensor<8x8x8xf32> -> tensor<1024x64xf32>
  return %y : tensor<1024x64xf32>
}
