// RUN: ssm-opt %s -split-input-file --pass-pipeline='builtin.module(func.func(ssm-tensor-core-contractions{chip=sm_90},canonicalize,cse))' | FileCheck %s
// RUN: ssm-opt %s -split-input-file --pass-pipeline='builtin.module(func.func(ssm-tensor-core-contractions{chip=sm_75}))' | FileCheck %s --check-prefix=SM75
// RUN: ssm-opt %s -split-input-file --pass-pipeline='builtin.module(func.func(ssm-tensor-core-contractions{chip=sm_90 f32-planes=0}))' | FileCheck %s --check-prefix=NO-F32

// A bf16 matmul into f32: one block of 4 warps per 64 x 64 tile of C
// (here ceil(100 / 64) x ceil(23 / 64) = 2 x 1 blocks), the A and B tiles
// in shared memory (rows of 32 + 8 elements), out-of-range elements read
// clamped and replaced by zeros. A is contiguous along k: where its start
// is 16-byte aligned (its row stride and k are multiples of 8 here), the
// kernel that copies it 8 elements (16 bytes) at a time with cp.async
// runs, its tiles double-buffered (the next slice's copies issued before
// this slice's are waited for; B staged element by element into the
// current buffer), else the one that loads element by element.
// CHECK-LABEL: func @matmul
// CHECK-SAME:    (%[[A:[a-z0-9_]+]]: memref<100x40xbf16>, %[[B:[a-z0-9_]+]]: memref<40x23xbf16>, %[[C:[a-z0-9_]+]]: memref<100x23xf32>)
// CHECK-DAG:   %[[THREADS:[a-z0-9_]+]] = arith.constant 128 : index
// CHECK-DAG:   %[[TWO:[a-z0-9_]+]] = arith.constant 2 : index
// CHECK:       %[[PTR:[a-z0-9_]+]] = memref.extract_aligned_pointer_as_index %[[A]]
// CHECK:       arith.remui %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : index
// CHECK:       scf.if
// CHECK:         gpu.launch
// CHECK-SAME:      workgroup(%[[WA:[a-z0-9_]+]] : memref<128x40xbf16, #gpu.address_space<workgroup>>, %[[WB:[a-z0-9_]+]] : memref<128x40xbf16, #gpu.address_space<workgroup>>)
// CHECK-COUNT-2:   nvgpu.device_async_copy %[[A]][{{.+}}], %[[WA]][{{.+}}], 8, %{{[a-z0-9_]+}} {bypassL1} : memref<100x40xbf16> to memref<128x40xbf16, #gpu.address_space<workgroup>>
// CHECK:           nvgpu.device_async_create_group
// CHECK:           scf.for
// CHECK-COUNT-2:     nvgpu.device_async_copy %[[A]]
// CHECK:             %[[GROUP:[a-z0-9_]+]] = nvgpu.device_async_create_group
// CHECK:             nvgpu.device_async_wait %[[GROUP]] {numGroups = 1 : i32}
// CHECK-NOT:         memref.load %[[A]]
// CHECK:             memref.load %[[B]]
// CHECK:             gpu.barrier
// CHECK:           nvgpu.device_async_wait %{{[a-z0-9_]+}} {numGroups = 0 : i32}
// CHECK:       } else {
// CHECK:         gpu.launch blocks(%[[BX:[a-z0-9_]+]], %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}) in (%{{[a-z0-9_]+}} = %[[TWO]], %{{[a-z0-9_]+}} = %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} = %{{[a-z0-9_]+}}) threads(%[[TX:[a-z0-9_]+]], %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}) in (%{{[a-z0-9_]+}} = %[[THREADS]], %{{[a-z0-9_]+}} = %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} = %{{[a-z0-9_]+}})
// CHECK-SAME:    workgroup(%[[TA:[a-z0-9_]+]] : memref<64x40xbf16, #gpu.address_space<workgroup>>, %[[TB:[a-z0-9_]+]] : memref<64x40xbf16, #gpu.address_space<workgroup>>)
// CHECK:         scf.if
// The loop over k in slices of 32, carrying 2 x 4 tiles x 4 accumulators.
// CHECK:           %[[ACC:[a-z0-9_]+]]:32 = scf.for %[[K0:[a-z0-9_]+]] = %{{[a-z0-9_]+}} to %{{[a-z0-9_]+}} step %{{[a-z0-9_]+}} iter_args({{.*}}) -> (f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32) {
// CHECK-COUNT-16:    memref.load %[[A]]
// CHECK-NOT:         memref.load %[[A]]
// CHECK:             %[[V:[a-z0-9_]+]] = memref.load %[[B]]
// CHECK-NEXT:        %[[Z:[a-z0-9_]+]] = arith.select %{{[a-z0-9_]+}}, %[[V]], %{{[a-z0-9_]+}} : bf16
// CHECK-NEXT:        memref.store %[[Z]], %[[TB]]
// CHECK:             gpu.barrier
// Each 16-deep step: two A fragments and two pairs of B fragments
// (ldmatrix x4), 8 products.
// CHECK-COUNT-2:     nvgpu.ldmatrix %[[TA]][{{.+}}] {numTiles = 4 : i32, transpose = false} : memref<64x40xbf16, #gpu.address_space<workgroup>> -> vector<4x2xbf16>
// CHECK-COUNT-2:     nvgpu.ldmatrix %[[TB]][{{.+}}] {numTiles = 4 : i32, transpose = false}
// CHECK:             llvm.bitcast %{{[a-z0-9_]+}} : vector<2xbf16> to i32
// CHECK-COUNT-8:     nvvm.mma.sync A[{{.+}}] B[{{.+}}] C[{{.+}}] {layoutA = #nvvm.mma_layout<row>, layoutB = #nvvm.mma_layout<col>, multiplicandAPtxType = #nvvm.mma_type<bf16>, multiplicandBPtxType = #nvvm.mma_type<bf16>, shape = #nvvm.shape<m = 16, n = 8, k = 16>} : (i32, i32, f32) -> !llvm.struct<(f32, f32, f32, f32)>
// CHECK-COUNT-2:     nvgpu.ldmatrix %[[TA]]
// CHECK-COUNT-2:     nvgpu.ldmatrix %[[TB]]
// CHECK-COUNT-8:     nvvm.mma.sync
// CHECK:             gpu.barrier
// CHECK-NEXT:        scf.yield
// C += the accumulators where in range.
// CHECK-COUNT-32:  scf.if %{{[a-z0-9_]+}} {
// CHECK-NEXT:        %[[OLD:[a-z0-9_]+]] = memref.load %[[C]]
// CHECK-NEXT:        %[[NEW:[a-z0-9_]+]] = arith.addf %[[OLD]], %[[ACC]]#{{[0-9]+}} : f32
// CHECK-NEXT:        memref.store %[[NEW]], %[[C]]
// CHECK-NOT:       memref.store %{{[a-z0-9_]+}}, %[[C]]
// CHECK:         gpu.terminator
// CHECK-NOT:   linalg.matmul
// SM75-LABEL:   func @matmul
// SM75:        linalg.matmul
// SM75-NOT:    gpu.launch
func.func @matmul(%a: memref<100x40xbf16>, %b: memref<40x23xbf16>, %c: memref<100x23xf32>) {
  linalg.matmul ins(%a, %b : memref<100x40xbf16>, memref<40x23xbf16>) outs(%c : memref<100x23xf32>)
  return
}

// -----

// A generic with GQA heads: the batch loop h runs over the grid (the
// blocks' tiles n fastest, then m, then h), B is read at h floordiv 2, B's
// tile is staged n-major from its [n, k] layout and the k loop (24 < 32)
// is one step. The dynamic key count sizes the grid.
// CHECK-LABEL: func @grouped
// CHECK-SAME:    (%[[A:[a-z0-9_]+]]: memref<4x19x24xf16>, %[[B:[a-z0-9_]+]]: memref<2x?x24xf16>, %[[C:[a-z0-9_]+]]: memref<4x19x?xf32>)
// CHECK:       %[[N:[a-z0-9_]+]] = memref.dim %[[B]], %{{[a-z0-9_]+}}
// CHECK:       %[[NT:[a-z0-9_]+]] = arith.ceildivui %[[N]], %{{[a-z0-9_]+}} : index
// CHECK:       %[[BLOCKS:[a-z0-9_]+]] = arith.muli %[[NT]], %{{[a-z0-9_]+}} : index
// CHECK:       gpu.launch blocks(%[[BX:[a-z0-9_]+]], %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}) in
// CHECK:         %[[IN:[a-z0-9_]+]] = arith.cmpi ult, %[[BX]], %[[BLOCKS]] : index
// CHECK:         scf.if %[[IN]] {
// CHECK:           %[[REST:[a-z0-9_]+]] = arith.divui %[[BX]], %[[NT]] : index
// CHECK:           %[[H:[a-z0-9_]+]] = arith.remui %[[REST]], %{{[a-z0-9_]+}} : index
// CHECK-NOT:       scf.for
// CHECK:           memref.load %[[A]][%[[H]], %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}] : memref<4x19x24xf16>
// CHECK:           %[[G:[a-z0-9_]+]] = affine.apply #{{.+}}(%[[H]])
// CHECK:           memref.load %[[B]][%[[G]], %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}] : memref<2x?x24xf16>
// CHECK:           nvvm.mma.sync {{.+}} : (vector<2xf16>, vector<2xf16>, f32) -> !llvm.struct<(f32, f32, f32, f32)>
// CHECK:           memref.load %[[C]][%[[H]], %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}] : memref<4x19x?xf32>
#qh = affine_map<(h, m, n, k) -> (h, m, k)>
#kh = affine_map<(h, m, n, k) -> (h floordiv 2, n, k)>
#sh = affine_map<(h, m, n, k) -> (h, m, n)>
func.func @grouped(%a: memref<4x19x24xf16>, %b: memref<2x?x24xf16>, %c: memref<4x19x?xf32>) {
  linalg.generic {indexing_maps = [#qh, #kh, #sh], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%a, %b : memref<4x19x24xf16>, memref<2x?x24xf16>) outs(%c : memref<4x19x?xf32>) {
  ^bb0(%x: f16, %w: f16, %o: f32):
    %xf = arith.extf %x : f16 to f32
    %wf = arith.extf %w : f16 to f32
    %p = arith.mulf %xf, %wf : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// A batch loop j that indexes the contiguous dimension of B and C
// (Y[r, b, j] = sum_a L[b, a, j] Z[r, a, j]): the batch loop goes fastest
// over the grid (j = block mod 8, then the n and m tiles), so that the
// blocks that share a 32-byte sector of Z and Y run together.
// CHECK-LABEL: func @batch_contiguous
// CHECK-SAME:    (%[[L:[a-z0-9_]+]]: memref<64x64x8xf16>, %[[Z:[a-z0-9_]+]]: memref<100x64x8xf16>, %[[Y:[a-z0-9_]+]]: memref<100x64x8xf32>)
// CHECK:       gpu.launch blocks(%[[BX:[a-z0-9_]+]], %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}) in
// CHECK:         scf.if
// CHECK:           %[[J:[a-z0-9_]+]] = arith.remui %[[BX]], %c8 : index
// CHECK:           %[[REST:[a-z0-9_]+]] = arith.divui %[[BX]], %c8 : index
// CHECK:           arith.remui %[[REST]], %c2 : index
// CHECK:           memref.load %[[L]][%{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %[[J]]] : memref<64x64x8xf16>
// CHECK:           memref.load %[[Z]][%{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %[[J]]] : memref<100x64x8xf16>
// CHECK:           nvvm.mma.sync
// CHECK:           memref.store %{{[a-z0-9_]+}}, %[[Y]][%{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %[[J]]] : memref<100x64x8xf32>
#lj = affine_map<(r, b, a, j) -> (b, a, j)>
#zj = affine_map<(r, b, a, j) -> (r, a, j)>
#yj = affine_map<(r, b, a, j) -> (r, b, j)>
func.func @batch_contiguous(%l: memref<64x64x8xf16>, %z: memref<100x64x8xf16>, %y: memref<100x64x8xf32>) {
  linalg.generic {indexing_maps = [#lj, #zj, #yj], iterator_types = ["parallel", "parallel", "reduction", "parallel"]} ins(%l, %z : memref<64x64x8xf16>, memref<100x64x8xf16>) outs(%y : memref<100x64x8xf32>) {
  ^bb0(%x: f16, %w: f16, %o: f32):
    %xf = arith.extf %x : f16 to f32
    %wf = arith.extf %w : f16 to f32
    %p = arith.mulf %xf, %wf : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// An f32 matmul: its operands as three bf16 planes each (x = x0 + x1 + x2,
// each the bf16 rounding of what the planes before leave, x0 of x clamped
// to bf16's finite range) and every
// product as six bf16 products (planes i, j with i + j < 3), about f32's
// precision. A (contiguous along k) is copied 4 elements (16 bytes) at a
// time by cp.async into an f32 staging tile; at the start of each slice
// the threads that copied it split their chunks into A's planes, B is
// split into its planes element by element, and after the barrier the
// next slice's copies are issued. With f32-planes=0, f32 is left alone.
// CHECK-LABEL: func @matmul_f32
// CHECK:       gpu.launch
// CHECK-SAME:    workgroup(%[[A0:[a-z0-9_]+]] : memref<64x40xbf16, #gpu.address_space<workgroup>>, %[[A1:[a-z0-9_]+]] : memref<64x40xbf16, #gpu.address_space<workgroup>>, %[[A2:[a-z0-9_]+]] : memref<64x40xbf16, #gpu.address_space<workgroup>>, %[[B0:[a-z0-9_]+]] : memref<64x40xbf16, #gpu.address_space<workgroup>>, %[[B1:[a-z0-9_]+]] : memref<64x40xbf16, #gpu.address_space<workgroup>>, %[[B2:[a-z0-9_]+]] : memref<64x40xbf16, #gpu.address_space<workgroup>>, %[[AS:[a-z0-9_]+]] : memref<64x32xf32, #gpu.address_space<workgroup>>)
// CHECK-COUNT-4: nvgpu.device_async_copy {{.*}}, %[[AS]][{{.*}}], 4, {{.*}} : memref<100x40xf32> to memref<64x32xf32, #gpu.address_space<workgroup>>
// CHECK:         %[[FIRST:[a-z0-9_]+]] = nvgpu.device_async_create_group
// CHECK:         scf.for
// CHECK:           nvgpu.device_async_wait %[[FIRST]] {numGroups = 0 : i32}
// CHECK:           %[[X:[a-z0-9_]+]] = vector.load %[[AS]]
// CHECK:           %[[ABOVE:[a-z0-9_]+]] = arith.maximumf %[[X]], %{{[a-z0-9_]+}} : vector<4xf32>
// CHECK:           %[[CLAMPED:[a-z0-9_]+]] = arith.minimumf %[[ABOVE]], %{{[a-z0-9_]+}} : vector<4xf32>
// CHECK:           %[[X0:[a-z0-9_]+]] = arith.truncf %[[CLAMPED]] : vector<4xf32> to vector<4xbf16>
// CHECK:           %[[E0:[a-z0-9_]+]] = arith.extf %[[X0]]
// CHECK:           %[[R0:[a-z0-9_]+]] = arith.subf %[[X]], %[[E0]]
// CHECK:           %[[X1:[a-z0-9_]+]] = arith.truncf %[[R0]]
// CHECK:           %[[E1:[a-z0-9_]+]] = arith.extf %[[X1]]
// CHECK:           %[[R1:[a-z0-9_]+]] = arith.subf %[[R0]], %[[E1]]
// CHECK:           %[[X2:[a-z0-9_]+]] = arith.truncf %[[R1]]
// CHECK:           vector.store %[[X0]], %[[A0]]
// CHECK:           vector.store %[[X1]], %[[A1]]
// CHECK:           vector.store %[[X2]], %[[A2]]
// CHECK:           memref.load %{{.*}} : memref<40x23xf32>
// CHECK:           memref.store %{{.*}}, %[[B0]]
// CHECK:           memref.store %{{.*}}, %[[B1]]
// CHECK:           memref.store %{{.*}}, %[[B2]]
// CHECK:           gpu.barrier
// CHECK-COUNT-4:   nvgpu.device_async_copy {{.*}}, %[[AS]]
// CHECK:           nvgpu.device_async_create_group
// CHECK:           nvgpu.ldmatrix %[[A0]]
// CHECK:           nvgpu.ldmatrix %[[A1]]
// CHECK:           nvgpu.ldmatrix %[[A2]]
// CHECK-COUNT-6:   nvvm.mma.sync {{.*}}multiplicandAPtxType = #nvvm.mma_type<bf16>
// CHECK:           gpu.barrier
// CHECK:         nvgpu.device_async_wait %[[FIRST]] {numGroups = 0 : i32}
// NO-F32-LABEL: func @matmul_f32
// NO-F32-NOT:   gpu.launch
// NO-F32:       linalg.matmul
func.func @matmul_f32(%a: memref<100x40xf32>, %b: memref<40x23xf32>, %c: memref<100x23xf32>) {
  linalg.matmul ins(%a, %b : memref<100x40xf32>, memref<40x23xf32>) outs(%c : memref<100x23xf32>)
  return
}

// -----

// The host's check for the cp.async kernel with f32: every 4-element (16
// byte) chunk of A aligned: its start (offset in bytes: x 4), its row
// stride and k multiples of 4.
// CHECK-LABEL: func @matmul_f32_dynamic
// CHECK:       %[[K:[a-z0-9_]+]] = memref.dim %{{[a-z0-9_]+}}, %c1
// CHECK:       %{{[a-z0-9_]+}}, %[[OFFSET:[a-z0-9_]+]], %{{[a-z0-9_]+}}:2, %[[STRIDES:[a-z0-9_]+]]:2 = memref.extract_strided_metadata
// CHECK:       %[[BYTES:[a-z0-9_]+]] = arith.muli %[[OFFSET]], %c4
// CHECK:       %[[PTR:[a-z0-9_]+]] = memref.extract_aligned_pointer_as_index
// CHECK:       %[[START:[a-z0-9_]+]] = arith.addi %[[PTR]], %[[BYTES]]
// CHECK:       arith.remui %[[START]], %c16
// CHECK:       arith.remui %[[STRIDES]]#0, %c4
// CHECK:       arith.remui %[[K]], %c4
// CHECK:       scf.if
// CHECK:         gpu.launch
// CHECK-SAME:      %{{[a-z0-9_]+}} : memref<64x32xf32, #gpu.address_space<workgroup>>)
// CHECK:       } else {
// CHECK:         gpu.launch
// CHECK-NOT:       memref<64x32xf32
// CHECK:           memref.load %{{.*}} : memref<?x?xf32, strided<[?, 1], offset: ?>>
func.func @matmul_f32_dynamic(%a: memref<?x?xf32, strided<[?, 1], offset: ?>>, %b: memref<?x5xf32>, %c: memref<?x5xf32>) {
  linalg.matmul ins(%a, %b : memref<?x?xf32, strided<[?, 1], offset: ?>>, memref<?x5xf32>) outs(%c : memref<?x5xf32>)
  return
}

// -----

// Left alone: a matrix-vector product (no n loop), a body that does more
// than multiply and add, and a contraction inside a loop that becomes a
// kernel (run per thread).
// CHECK-LABEL: func @not_tensor_core
// CHECK-NOT:   gpu.launch
// CHECK:       linalg.matvec
// CHECK:       linalg.generic
// CHECK:       scf.parallel
// CHECK:         linalg.matmul
#mk = affine_map<(m, n, k) -> (m, k)>
#kn = affine_map<(m, n, k) -> (k, n)>
#mn = affine_map<(m, n, k) -> (m, n)>
func.func @not_tensor_core(%a: memref<8x8xf32>, %b: memref<8x8xf32>, %c: memref<8x8xf32>,
                           %h: memref<8x8xbf16>, %v: memref<8xbf16>, %y: memref<8xf32>,
                           %o: memref<8x8xf32>, %batch: memref<2x8x8xbf16>) {
  linalg.matvec ins(%h, %v : memref<8x8xbf16>, memref<8xbf16>) outs(%y : memref<8xf32>)
  linalg.generic {indexing_maps = [#mk, #kn, #mn], iterator_types = ["parallel", "parallel", "reduction"]} ins(%h, %h : memref<8x8xbf16>, memref<8x8xbf16>) outs(%o : memref<8x8xf32>) {
  ^bb0(%x: bf16, %w: bf16, %acc: f32):
    %xf = arith.extf %x : bf16 to f32
    %wf = arith.extf %w : bf16 to f32
    %p = arith.mulf %xf, %wf : f32
    %e = math.exp %p : f32
    %s = arith.addf %acc, %e : f32
    linalg.yield %s : f32
  }
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  scf.parallel (%i) = (%c0) to (%c2) step (%c1) {
    %s = memref.subview %batch[%i, 0, 0] [1, 8, 8] [1, 1, 1] : memref<2x8x8xbf16> to memref<8x8xbf16, strided<[8, 1], offset: ?>>
    linalg.matmul ins(%s, %s : memref<8x8xbf16, strided<[8, 1], offset: ?>>, memref<8x8xbf16, strided<[8, 1], offset: ?>>) outs(%o : memref<8x8xf32>)
  }
  return
}

// -----

// An output filled just before the contraction (nothing with memory
// effects in between): the kernels start their accumulators at the fill's
// value and write C without reading it; the fill goes.
// CHECK-LABEL: func @filled_output
// CHECK-SAME:    (%[[A:[a-z0-9_]+]]: memref<70x48xf16>, %[[B:[a-z0-9_]+]]: memref<48x9xf16>, %[[C:[a-z0-9_]+]]: memref<70x9xf32>, %[[V:[a-z0-9_]+]]: f32)
// CHECK-NOT:   linalg.fill
// CHECK:       scf.for {{.*}} iter_args(%{{[a-z0-9_]+}} = %[[V]], %{{[a-z0-9_]+}} = %[[V]],
// CHECK-NOT:   memref.load %[[C]]
// CHECK:       memref.store %{{[a-z0-9_#]+}}, %[[C]]
// CHECK-NOT:   memref.load %[[C]]
// CHECK-NOT:   linalg.fill
func.func @filled_output(%a: memref<70x48xf16>, %b: memref<48x9xf16>, %c: memref<70x9xf32>, %v: f32) {
  linalg.fill ins(%v : f32) outs(%c : memref<70x9xf32>)
  linalg.matmul ins(%a, %b : memref<70x48xf16>, memref<48x9xf16>) outs(%c : memref<70x9xf32>)
  return
}

// -----

// A fill with a read of the output in between stays, and C is read.
// CHECK-LABEL: func @fill_then_read
// CHECK:       linalg.fill
// CHECK:       memref.load
// CHECK:       gpu.launch
// CHECK:       memref.load %{{[a-z0-9_]+}}[%{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}] : memref<70x9xf32>
func.func @fill_then_read(%a: memref<70x48xf16>, %b: memref<48x9xf16>, %c: memref<70x9xf32>, %v: f32, %out: memref<f32>) {
  %c0 = arith.constant 0 : index
  linalg.fill ins(%v : f32) outs(%c : memref<70x9xf32>)
  %x = memref.load %c[%c0, %c0] : memref<70x9xf32>
  memref.store %x, %out[] : memref<f32>
  linalg.matmul ins(%a, %b : memref<70x48xf16>, memref<48x9xf16>) outs(%c : memref<70x9xf32>)
  return
}

// -----

// A product into a fresh f32 buffer, filled, then rounded to bf16 into
// another (monarch's block products, through a collapse_shape as its
// second one): the kernel writes the rounded values straight into the bf16
// buffer (viewed in C's shape), and the fill, the rounding and the f32
// buffer go.
// CHECK-LABEL: func @rounded_output
// CHECK-SAME:    (%[[A:[a-z0-9_]+]]: memref<70x4x48xbf16>, %[[B:[a-z0-9_]+]]: memref<4x48x8xbf16>)
// CHECK:       %[[OUT:[a-z0-9_]+]] = memref.alloc() {alignment = 64 : i64} : memref<70x32xbf16>
// CHECK:       %[[VIEW:[a-z0-9_]+]] = memref.expand_shape %[[OUT]] {{\[\[}}0], [1, 2]] output_shape [70, 4, 8] : memref<70x32xbf16> into memref<70x4x8xbf16>
// CHECK-NOT:   memref<70x4x8xf32>
// CHECK:       gpu.launch
// CHECK:         %[[R:[a-z0-9_]+]] = arith.truncf %{{[a-z0-9_#]+}} : f32 to bf16
// CHECK-NEXT:    memref.store %[[R]], %[[VIEW]]
// CHECK-NOT:   linalg.generic
// CHECK-NOT:   memref<70x4x8xf32>
// CHECK:       return %[[OUT]]
func.func @rounded_output(%a: memref<70x4x48xbf16>, %b: memref<4x48x8xbf16>) -> memref<70x32xbf16> {
  %zero = arith.constant 0.0 : f32
  %c = memref.alloc() {alignment = 64 : i64} : memref<70x4x8xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<70x4x8xf32>)
  linalg.generic {indexing_maps = [affine_map<(r, g, k, n) -> (r, g, k)>, affine_map<(r, g, k, n) -> (g, k, n)>, affine_map<(r, g, k, n) -> (r, g, n)>], iterator_types = ["parallel", "parallel", "reduction", "parallel"]} ins(%a, %b : memref<70x4x48xbf16>, memref<4x48x8xbf16>) outs(%c : memref<70x4x8xf32>) {
  ^bb0(%x: bf16, %w: bf16, %o: f32):
    %xf = arith.extf %x : bf16 to f32
    %wf = arith.extf %w : bf16 to f32
    %p = arith.mulf %xf, %wf : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  %flat = memref.collapse_shape %c [[0], [1, 2]] : memref<70x4x8xf32> into memref<70x32xf32>
  %out = memref.alloc() {alignment = 64 : i64} : memref<70x32xbf16>
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%flat : memref<70x32xf32>) outs(%out : memref<70x32xbf16>) {
  ^bb0(%in: f32, %o: bf16):
    %t = arith.truncf %in : f32 to bf16
    linalg.yield %t : bf16
  }
  memref.dealloc %c : memref<70x4x8xf32>
  return %out : memref<70x32xbf16>
}

// -----

// Without the fill taken over (C accumulates what it held), or with C a
// caller's buffer, the rounding stays a pass of its own.
// CHECK-LABEL: func @rounding_kept
// CHECK:       gpu.launch
// CHECK:       linalg.generic
// CHECK:         arith.truncf
// CHECK-LABEL: func @rounding_kept_argument
// CHECK:       gpu.launch
// CHECK:       linalg.generic
// CHECK:         arith.truncf
#ra = affine_map<(m, n, k) -> (m, k)>
#rb = affine_map<(m, n, k) -> (k, n)>
#rc = affine_map<(m, n, k) -> (m, n)>
#id = affine_map<(i, j) -> (i, j)>
func.func @rounding_kept(%a: memref<70x48xbf16>, %b: memref<48x8xbf16>) -> memref<70x8xbf16> {
  %c = memref.alloc() : memref<70x8xf32>
  linalg.matmul ins(%a, %b : memref<70x48xbf16>, memref<48x8xbf16>) outs(%c : memref<70x8xf32>)
  %out = memref.alloc() : memref<70x8xbf16>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%c : memref<70x8xf32>) outs(%out : memref<70x8xbf16>) {
  ^bb0(%in: f32, %o: bf16):
    %t = arith.truncf %in : f32 to bf16
    linalg.yield %t : bf16
  }
  memref.dealloc %c : memref<70x8xf32>
  return %out : memref<70x8xbf16>
}
func.func @rounding_kept_argument(%a: memref<70x48xbf16>, %b: memref<48x8xbf16>, %c: memref<70x8xf32>) -> memref<70x8xbf16> {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%c : memref<70x8xf32>)
  linalg.matmul ins(%a, %b : memref<70x48xbf16>, memref<48x8xbf16>) outs(%c : memref<70x8xf32>)
  %out = memref.alloc() : memref<70x8xbf16>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%c : memref<70x8xf32>) outs(%out : memref<70x8xbf16>) {
  ^bb0(%in: f32, %o: bf16):
    %t = arith.truncf %in : f32 to bf16
    linalg.yield %t : bf16
  }
  return %out : memref<70x8xbf16>
}
