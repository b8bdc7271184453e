// RUN: ssm-opt %s -split-input-file --pass-pipeline='builtin.module(func.func(ssm-tensor-core-contractions{chip=sm_90a},canonicalize,cse))' | FileCheck %s
// RUN: ssm-opt %s -split-input-file --pass-pipeline='builtin.module(func.func(ssm-tensor-core-contractions{chip=sm_90}))' | FileCheck %s --check-prefix=MMA
// RUN: ssm-opt %s -split-input-file --pass-pipeline='builtin.module(func.func(ssm-tensor-core-contractions{chip=sm_90a wgmma=false}))' | FileCheck %s --check-prefix=MMA

// On sm_90a a block's four warps are one warpgroup, and each 16-deep step
// of a 32-deep slice is one wgmma.mma_async m64n64k16 on the 64 x 64 tile:
// both operands from shared memory, where the tiles are 8 x 8 core
// matrices (16x4x8x8 double-buffered, 8x4x8x8 single), k-major without
// swizzle. The matrix descriptors hold the tile's shared address (bits
// 4-17), 128 bytes between core matrices along k (8 << 16) and 512 between
// the 8-row groups (32 << 32): 137439477760, added to the address field
// (the second step's constant adds 16: 256 bytes on). Before the barrier that
// publishes the tiles each thread fences its writes for the async proxy;
// the accumulators go in and out of the wgmma as a struct, and the group
// is waited for before the barrier after which the tiles are overwritten.
// Plain sm_90 (no wgmma without the "a" features), or wgmma=false, keeps
// the warps' mma.sync.
// CHECK-LABEL: func @matmul
// CHECK-DAG:   %[[FIELDS:[a-z0-9_]+]] = arith.constant 137439477760 : i64
// CHECK:       gpu.launch
// CHECK-SAME:    workgroup(%[[WA:[a-z0-9_]+]] : memref<16x4x8x8xbf16, #gpu.address_space<workgroup>>, %[[WB:[a-z0-9_]+]] : memref<16x4x8x8xbf16, #gpu.address_space<workgroup>>)
// CHECK:         scf.for
// CHECK-COUNT-2:   nvgpu.device_async_copy %{{[a-z0-9_]+}}[{{.+}}], %[[WA]][%{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}], 8
// CHECK:           nvgpu.device_async_wait %{{[a-z0-9_]+}} {numGroups = 1 : i32}
// CHECK:           memref.store %{{[a-z0-9_]+}}, %[[WB]][%{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}]
// CHECK:           nvvm.fence.proxy {kind = #nvvm.proxy_kind<async.shared>, space = #nvvm.shared_space<cta>}
// CHECK-NEXT:      gpu.barrier
// CHECK-NEXT:      nvvm.wgmma.fence.aligned
// CHECK-COUNT-32:  llvm.insertvalue
// CHECK-DAG:       memref.extract_aligned_pointer_as_index %[[WA]]
// CHECK-DAG:       memref.extract_aligned_pointer_as_index %[[WB]]
// CHECK-DAG:       arith.addi %{{[a-z0-9_]+}}, %[[FIELDS]] : i64
// CHECK:           %[[D1:[a-z0-9_]+]] = nvvm.wgmma.mma_async %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, <m = 64, n = 64, k = 16>, D[<f32>, <one>], A[<bf16>, <one>, <row>], B[<bf16>, <one>, <col>]
// CHECK:           %[[D2:[a-z0-9_]+]] = nvvm.wgmma.mma_async %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %[[D1]], <m = 64, n = 64, k = 16>
// CHECK-NEXT:      nvvm.wgmma.commit.group.sync.aligned
// CHECK-NEXT:      nvvm.wgmma.wait.group.sync.aligned 0
// CHECK-COUNT-32:  llvm.extractvalue %[[D2]]
// CHECK-NEXT:      gpu.barrier
// CHECK-NEXT:      scf.yield
// CHECK:       } else {
// CHECK:         gpu.launch
// CHECK-SAME:      workgroup(%{{[a-z0-9_]+}} : memref<8x4x8x8xbf16, #gpu.address_space<workgroup>>, %{{[a-z0-9_]+}} : memref<8x4x8x8xbf16, #gpu.address_space<workgroup>>)
// CHECK-COUNT-2:   nvvm.wgmma.mma_async
// CHECK-NOT:       nvvm.wgmma.mma_async
// CHECK:         gpu.terminator
// MMA-LABEL:   func @matmul
// MMA-NOT:     nvvm.wgmma
// MMA:         nvvm.mma.sync
// MMA-NOT:     nvvm.wgmma
func.func @matmul(%a: memref<100x40xbf16>, %b: memref<40x23xbf16>, %c: memref<100x23xf32>) {
  linalg.matmul ins(%a, %b : memref<100x40xbf16>, memref<40x23xbf16>) outs(%c : memref<100x23xf32>)
  return
}

// -----

// f32 operands as three bf16 planes per operand tile: each 16-deep step
// is six wgmma, the products of planes i and j with i + j < 3, the
// smallest first (A's plane i against B's plane 2 - i, then i + j = 1,
// then the leading planes), twelve per slice.
// CHECK-LABEL: func @matmul_f32
// CHECK:       gpu.launch
// CHECK-SAME:    workgroup(%[[A0:[a-z0-9_]+]] : memref<8x4x8x8xbf16, #gpu.address_space<workgroup>>, %[[A1:[a-z0-9_]+]] : memref<8x4x8x8xbf16, #gpu.address_space<workgroup>>, %[[A2:[a-z0-9_]+]] : memref<8x4x8x8xbf16, #gpu.address_space<workgroup>>, %[[B0:[a-z0-9_]+]] : memref<8x4x8x8xbf16, #gpu.address_space<workgroup>>, %[[B1:[a-z0-9_]+]] : memref<8x4x8x8xbf16, #gpu.address_space<workgroup>>, %[[B2:[a-z0-9_]+]] : memref<8x4x8x8xbf16, #gpu.address_space<workgroup>>, %[[STAGING:[a-z0-9_]+]] : memref<64x32xf32, #gpu.address_space<workgroup>>)
// CHECK:         scf.for
// CHECK:           vector.load %[[STAGING]]
// CHECK:           vector.store %{{[a-z0-9_]+}}, %[[A2]][%{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}] {alignment = 8 : i64} : memref<8x4x8x8xbf16, #gpu.address_space<workgroup>>, vector<4xbf16>
// CHECK:           nvvm.fence.proxy
// CHECK-NEXT:      gpu.barrier
// CHECK:           nvvm.wgmma.fence.aligned
// CHECK-DAG:       memref.extract_aligned_pointer_as_index %[[A2]]
// CHECK-DAG:       memref.extract_aligned_pointer_as_index %[[B0]]
// CHECK:           nvvm.wgmma.mma_async
// CHECK-COUNT-11:  nvvm.wgmma.mma_async
// CHECK-NOT:       nvvm.wgmma.mma_async
// CHECK:           nvvm.wgmma.commit.group.sync.aligned
// MMA-LABEL:   func @matmul_f32
// MMA-NOT:     nvvm.wgmma
// MMA:         nvvm.mma.sync
func.func @matmul_f32(%a: memref<100x40xf32>, %b: memref<40x23xf32>, %c: memref<100x23xf32>) {
  linalg.matmul ins(%a, %b : memref<100x40xf32>, memref<40x23xf32>) outs(%c : memref<100x23xf32>)
  return
}
