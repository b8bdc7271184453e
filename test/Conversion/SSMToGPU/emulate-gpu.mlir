// RUN: ssm-opt %s -split-input-file --ssm-emulate-gpu | FileCheck %s

// A kernel with a barrier and warp-level operations: its blocks in a loop
// (x fastest), each an OpenMP team of a thread per GPU thread; shared
// memory an arena per launch, private memory and the exchange buffer of the
// runtime calls a stack buffer per thread; device memory host memory.
// The launch's shared memory is one arena, the workgroup buffer and the
// dynamic shared memory views of it, announced to the runtime (for
// wgmma's matrix descriptors). Shared memory is watched for races: the launch registers both buffers
// (16 x 24 x 2 bytes, and the dynamic size), each block starts a new
// generation, each thread reports the barriers it passes.

// CHECK-DAG: func.func private @ssmEmuMma(i64, i64, i64, i32)
// CHECK-DAG: func.func private @ssmEmuLdmatrix(i64, i64, i64, i32, i32, i64, i32, i64)
// CHECK-DAG: func.func private @ssmEmuBankReport(i64)
// CHECK-DAG: func.func private @ssmEmuShuffle(i64, i64, i32, i32, i32, i32) -> i64
// CHECK-DAG: func.func private @ssmEmuEnterBlock(i64, i64)
// CHECK-DAG: func.func private @omp_get_thread_num() -> i32
// CHECK-LABEL: func.func @collective(
// CHECK-SAME:      %[[X:[a-z0-9_]+]]: memref<64xf32>, %[[N:[a-z0-9_]+]]: index)
// CHECK-DAG:     %[[C64:[a-z0-9_]+]] = arith.constant 64 : index
// CHECK-DAG:     %[[C2:[a-z0-9_]+]] = arith.constant 2 : index
// CHECK:         %[[D:[a-z0-9_]+]] = memref.alloc(%[[N]]) {alignment = 64 : i64} : memref<?xf32>
// CHECK:         memref.copy %[[X]], %[[D]] : memref<64xf32> to memref<?xf32>
// CHECK:         arith.muli
// CHECK-NEXT:    %[[THREADS:[a-z0-9_]+]] = arith.muli
// CHECK:         %[[DYNBYTES:[a-z0-9_]+]] = arith.index_cast %{{.*}} : i32 to index
// CHECK:         %[[STATIC:[a-z0-9_]+]] = arith.constant 768 : index
// CHECK:         %[[ALL:[a-z0-9_]+]] = arith.addi %[[STATIC]], %[[DYNBYTES]] : index
// CHECK:         %[[ARENA:[a-z0-9_]+]] = memref.alloc(%[[ALL]]) {alignment = 64 : i64} : memref<?xi8>
// CHECK:         %[[TILE:[a-z0-9_]+]] = memref.view %[[ARENA]][%{{[a-z0-9_]+}}][] : memref<?xi8> to memref<16x24xf16>
// CHECK:         %[[DYN:[a-z0-9_]+]] = memref.view %[[ARENA]][%{{[a-z0-9_]+}}][%[[DYNBYTES]]] : memref<?xi8> to memref<?xi8>
// CHECK:         %[[ARENAAT:[a-z0-9_]+]] = memref.extract_aligned_pointer_as_index %[[ARENA]]
// CHECK:         %[[ARENA64:[a-z0-9_]+]] = arith.index_cast %[[ARENAAT]] : index to i64
// CHECK:         %[[ALL64:[a-z0-9_]+]] = arith.index_cast %[[ALL]] : index to i64
// CHECK:         %[[NOWGMMA:[a-z0-9_]+]] = arith.constant 0 : i32
// CHECK:         call @ssmEmuSharedArena(%[[ARENA64]], %[[ALL64]], %[[NOWGMMA]])
// CHECK:         %[[TILEBYTES:[a-z0-9_]+]] = arith.constant 768 : i64
// CHECK:         %[[TILEAT:[a-z0-9_]+]] = memref.extract_aligned_pointer_as_index %[[TILE]]
// CHECK:         %[[TILE64:[a-z0-9_]+]] = arith.index_cast %[[TILEAT]] : index to i64
// CHECK:         call @ssmEmuSharedRegister(%[[TILE64]], %[[TILEBYTES]])
// CHECK:         %[[DYNAT:[a-z0-9_]+]] = memref.extract_aligned_pointer_as_index %[[DYN]]
// CHECK:         %[[DYN64:[a-z0-9_]+]] = arith.index_cast %[[DYNAT]] : index to i64
// CHECK:         call @ssmEmuSharedRegister(%[[DYN64]], %{{.*}})
// CHECK:         scf.for
// CHECK:           scf.for
// CHECK:             scf.for %[[BX:[a-z0-9_]+]] = %{{.*}} to %[[C2]]
// CHECK:               call @ssmEmuSharedBlock()
// CHECK:               %[[TEAM:[a-z0-9_]+]] = arith.index_cast %[[THREADS]] : index to i32
// CHECK:               omp.parallel num_threads(%[[TEAM]] : i32) {
// CHECK:                 %[[T32:[a-z0-9_]+]] = func.call @omp_get_thread_num()
// CHECK:                 %[[T:[a-z0-9_]+]] = arith.index_cast %[[T32]] : i32 to index
// CHECK:                 func.call @ssmEmuEnterBlock(
// CHECK:                 %[[TX:[a-z0-9_]+]] = arith.remui %[[T]], %[[C64]] : index
// CHECK:                 %[[EXCHANGE:[a-z0-9_]+]] = memref.alloca() : memref<132xi32>
// CHECK:                 %[[OWN:[a-z0-9_]+]] = memref.alloca() : memref<2xf32>
// CHECK:                 %[[V:[a-z0-9_]+]] = memref.load %[[D]][%[[TX]]] : memref<?xf32>
// CHECK:                 memref.store %[[V]], %[[OWN]]
// CHECK:                 omp.barrier
// CHECK-NEXT:            func.call @ssmEmuBarrierPassed()
// CHECK:                 %[[WORD:[a-z0-9_]+]] = arith.bitcast %[[V]] : f32 to i32
// CHECK:                 %[[DOWN:[a-z0-9_]+]] = arith.constant 2 : i32
// CHECK:                 %[[PACKED:[a-z0-9_]+]] = func.call @ssmEmuShuffle(%{{.*}}, %{{.*}}, %[[WORD]], %{{.*}}, %{{.*}}, %[[DOWN]])
// CHECK:                 %[[LOW:[a-z0-9_]+]] = arith.trunci %[[PACKED]] : i64 to i32
// CHECK:                 %[[S:[a-z0-9_]+]] = arith.bitcast %[[LOW]] : i32 to f32
// CHECK:                 %[[LDSITE:[a-z0-9_]+]] = arith.constant 0 : i32
// CHECK:                 %[[LDTEXT:[a-z0-9_]+]] = memref.get_global @__ssm_emu_string_0 : memref<{{[0-9]+}}xi8>
// CHECK:                 %[[LDNAME:[a-z0-9_]+]] = memref.extract_aligned_pointer_as_index %[[LDTEXT]]
// CHECK:                 %[[LDNAME64:[a-z0-9_]+]] = arith.index_cast %[[LDNAME]] : index to i64
// CHECK:                 memref.extract_strided_metadata %[[TILE]]
// CHECK:                 %[[TWO:[a-z0-9_]+]] = arith.constant 2 : i32
// CHECK:                 %[[TRANSPOSE:[a-z0-9_]+]] = arith.constant 1 : i32
// CHECK:                 func.call @ssmEmuLdmatrix(%{{.*}}, %{{.*}}, %{{.*}}, %[[TWO]], %[[TRANSPOSE]], %{{.*}}, %[[LDSITE]], %[[LDNAME64]])
// CHECK-COUNT-2:         vector.bitcast %{{.*}} : vector<1xi32> to vector<2xf16>
// CHECK-COUNT-6:         llvm.bitcast %{{.*}} : vector<2xf16> to i32
// CHECK:                 %[[F16:[a-z0-9_]+]] = arith.constant 0 : i32
// CHECK:                 func.call @ssmEmuMma(%{{.*}}, %{{.*}}, %{{.*}}, %[[F16]])
// CHECK:                 %[[C8:[a-z0-9_]+]] = arith.constant 8 : index
// CHECK:                 %[[R2W:[a-z0-9_]+]] = memref.load %[[EXCHANGE]][%[[C8]]] : memref<132xi32>
// CHECK:                 %[[R2:[a-z0-9_]+]] = arith.bitcast %[[R2W]] : i32 to f32
// CHECK:                 memref.store %[[R2]], %[[D]][%[[TX]]] : memref<?xf32>
// CHECK:                 omp.terminator
// CHECK:         %[[LAUNCH:[a-z0-9_]+]] = memref.get_global @__ssm_emu_string_{{[0-9]+}} : memref<{{[0-9]+}}xi8>
// CHECK:         %[[LAUNCHAT:[a-z0-9_]+]] = memref.extract_aligned_pointer_as_index %[[LAUNCH]]
// CHECK:         %[[LAUNCH64:[a-z0-9_]+]] = arith.index_cast %[[LAUNCHAT]] : index to i64
// CHECK:         call @ssmEmuBankReport(%[[LAUNCH64]])
// CHECK:         call @ssmEmuSharedUnregister(%[[TILE64]])
// CHECK:         call @ssmEmuSharedUnregister(%[[DYN64]])
// CHECK:         %[[NONE:[a-z0-9_]+]] = arith.constant 0 : i64
// CHECK:         call @ssmEmuSharedArena(%[[NONE]], %[[NONE]], %{{[a-z0-9_]+}})
// CHECK:         memref.dealloc %[[ARENA]] : memref<?xi8>
// CHECK:         memref.dealloc %[[D]] : memref<?xf32>
// CHECK-NOT:     gpu.
func.func @collective(%x: memref<64xf32>, %n: index) {
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c64 = arith.constant 64 : index
  %smem = arith.constant 256 : i32
  %d = gpu.alloc (%n) : memref<?xf32>
  gpu.memcpy %d, %x : memref<?xf32>, memref<64xf32>
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c2, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c64, %sy = %c1, %sz = %c1)
             dynamic_shared_memory_size %smem
             workgroup(%tile : memref<16x24xf16, #gpu.address_space<workgroup>>)
             private(%own : memref<2xf32, #gpu.address_space<private>>) {
    %v = memref.load %d[%tx] : memref<?xf32>
    memref.store %v, %own[%c1] : memref<2xf32, #gpu.address_space<private>>
    gpu.barrier
    %c1_i32 = arith.constant 1 : i32
    %c32_i32 = arith.constant 32 : i32
    %s, %valid = gpu.shuffle down %v, %c1_i32, %c32_i32 : f32
    %dyn = gpu.dynamic_shared_memory : memref<?xi8, #gpu.address_space<workgroup>>
    %m = nvgpu.ldmatrix %tile[%tx, %bx] {numTiles = 2 : i32, transpose = true}
      : memref<16x24xf16, #gpu.address_space<workgroup>> -> vector<2x2xf16>
    %a = vector.extract %m[0] : vector<2xf16> from vector<2x2xf16>
    %b = vector.extract %m[1] : vector<2xf16> from vector<2x2xf16>
    %r = nvvm.mma.sync A[%a, %a, %a, %a] B[%b, %b] C[%s, %s, %v, %v]
      {layoutA = #nvvm.mma_layout<row>, layoutB = #nvvm.mma_layout<col>,
       shape = #nvvm.shape<m = 16, n = 8, k = 16>}
      : (vector<2xf16>, vector<2xf16>, f32) -> !llvm.struct<(f32, f32, f32, f32)>
    %r2 = llvm.extractvalue %r[2] : !llvm.struct<(f32, f32, f32, f32)>
    memref.store %r2, %d[%tx] : memref<?xf32>
    gpu.terminator
  }
  gpu.dealloc %d : memref<?xf32>
  return
}

// -----

// A kernel whose threads never wait for each other: a block's threads are
// a loop, its static stack buffers hoisted to the function's entry (one for
// all threads); thread ids from the linear index, block ids from the
// loops, sizes from the launch.

// CHECK-LABEL: func.func @independent(
// CHECK-SAME:      %[[OUT:[a-z0-9_]+]]: memref<4x3x2xindex>
// CHECK-NEXT:    %[[BUF:[a-z0-9_]+]] = memref.alloca() : memref<4xf32>
// CHECK-DAG:     %[[C3:[a-z0-9_]+]] = arith.constant 3 : index
// CHECK-DAG:     %[[C4:[a-z0-9_]+]] = arith.constant 4 : index
// CHECK-DAG:     %[[C5:[a-z0-9_]+]] = arith.constant 5 : index
// CHECK:         arith.muli
// CHECK-NEXT:    %[[THREADS:[a-z0-9_]+]] = arith.muli
// CHECK-NEXT:    scf.for %[[BZ:[a-z0-9_]+]] = %{{.*}} to %{{.*}}
// CHECK:           scf.for %[[BY:[a-z0-9_]+]] = %{{.*}} to %[[C5]]
// CHECK:             scf.for %[[BX:[a-z0-9_]+]] = %{{.*}} to %{{.*}}
// CHECK:               scf.for %[[T:[a-z0-9_]+]] = %{{.*}} to %[[THREADS]]
// CHECK:                 %[[TX:[a-z0-9_]+]] = arith.remui %[[T]], %[[C4]] : index
// CHECK:                 %[[REST:[a-z0-9_]+]] = arith.divui %[[T]], %[[C4]] : index
// CHECK:                 %[[TY:[a-z0-9_]+]] = arith.remui %[[REST]], %[[C3]] : index
// CHECK:                 %[[TZ:[a-z0-9_]+]] = arith.divui %[[REST]], %[[C3]] : index
// CHECK-NOT:             omp.
// CHECK-NOT:             memref.alloca
// CHECK:                 %[[BYI:[a-z0-9_]+]] = arith.index_cast %[[BY]]
// CHECK:                 %[[BYF:[a-z0-9_]+]] = arith.sitofp %[[BYI]]
// CHECK:                 memref.store %[[BYF]], %[[BUF]]
// CHECK:                 memref.store %[[C5]], %[[OUT]][%[[TX]], %[[TY]], %[[TZ]]]
// CHECK:                 memref.store %[[BY]], %[[OUT]][%[[TX]], %[[TY]], %[[TZ]]]
func.func @independent(%out: memref<4x3x2xindex>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %c5 = arith.constant 5 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c5, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c4, %sy = %c3, %sz = %c2) {
    %buf = memref.alloca() : memref<4xf32>
    %f = arith.index_cast %by : index to i32
    %g = arith.sitofp %f : i32 to f32
    memref.store %g, %buf[%c0] : memref<4xf32>
    %dim = gpu.grid_dim y
    memref.store %dim, %out[%tx, %ty, %tz] : memref<4x3x2xindex>
    %id = gpu.block_id y
    memref.store %id, %out[%tx, %ty, %tz] : memref<4x3x2xindex>
    gpu.terminator
  }
  return
}

// -----

// A team's loads and stores of shared memory (scalar or vector) report
// their thread, address, size and kind before they happen, and a number
// and a description (a constant C string) of the static access for the
// bank account; those of other memory do not. After the launch, its bank
// account is reported (with its description).

// CHECK-LABEL: func.func @shared_accesses(
// CHECK:         %[[BUF:[a-z0-9_]+]] = memref.view %{{[a-z0-9_]+}}[%{{[a-z0-9_]+}}][] : memref<?xi8> to memref<64xf32>
// CHECK:         omp.parallel
// CHECK:           %[[SITE0:[a-z0-9_]+]] = arith.constant 0 : i32
// CHECK:           memref.get_global @__ssm_emu_string_0 : memref<{{[0-9]+}}xi8>
// CHECK:           %[[FOUR:[a-z0-9_]+]] = arith.constant 4 : i32
// CHECK:           %[[WRITE:[a-z0-9_]+]] = arith.constant 1 : i32
// CHECK:           call @ssmEmuSharedAccess(%[[THREAD:[a-z0-9_]+]], %{{[a-z0-9_]+}}, %[[FOUR]], %[[WRITE]], %[[SITE0]], %{{[a-z0-9_]+}})
// CHECK-NEXT:      memref.store %{{[a-z0-9_]+}}, %[[BUF]]
// CHECK:           omp.barrier
// CHECK-NEXT:      call @ssmEmuBarrierPassed()
// CHECK:           %[[SITE1:[a-z0-9_]+]] = arith.constant 1 : i32
// CHECK:           memref.get_global @__ssm_emu_string_1 : memref<{{[0-9]+}}xi8>
// CHECK:           %[[SIXTEEN:[a-z0-9_]+]] = arith.constant 16 : i32
// CHECK:           %[[READ:[a-z0-9_]+]] = arith.constant 0 : i32
// CHECK:           call @ssmEmuSharedAccess(%[[THREAD]], %{{[a-z0-9_]+}}, %[[SIXTEEN]], %[[READ]], %[[SITE1]], %{{[a-z0-9_]+}})
// CHECK-NEXT:      vector.load %[[BUF]]
// CHECK-NOT:       call @ssmEmuSharedAccess
// CHECK:           omp.terminator
// CHECK:         call @ssmEmuBankReport(
func.func @shared_accesses(%out: memref<64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %one = arith.constant 1.0 : f32
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c16, %sy = %c1, %sz = %c1)
             workgroup(%buf : memref<64xf32, #gpu.address_space<workgroup>>) {
    memref.store %one, %buf[%tx] : memref<64xf32, #gpu.address_space<workgroup>>
    gpu.barrier
    %v = vector.load %buf[%c0] : memref<64xf32, #gpu.address_space<workgroup>>, vector<4xf32>
    %x = vector.extract %v[0] : f32 from vector<4xf32>
    memref.store %x, %out[%tx] : memref<64xf32>
    gpu.terminator
  }
  return
}

// -----

// cp.async copies are calls of the runtime, which keeps each in flight
// (in the calling thread, which stands for one GPU thread: a kernel with
// copies runs as a team) until a wait retires its group: the addresses of
// the destination and the source, 4 bytes, min(%n, 2) x 2 of them read
// (zeros for the rest). Groups and waits are calls too, and every thread
// ends with ssmEmuAsyncDrain, which reports copies left in flight.

// CHECK-LABEL: func.func @async_copies(
// CHECK-SAME:      %[[SRC:[a-z0-9_]+]]: memref<8x16xf16>, %[[N:[a-z0-9_]+]]: index)
// CHECK-NOT:     nvgpu.
// CHECK:         %[[TILE:[a-z0-9_]+]] = memref.view %[[ARENA:[a-z0-9_]+]][%{{[a-z0-9_]+}}][] : memref<?xi8> to memref<4x16xf16>
// CHECK:         omp.parallel
// CHECK:           %[[ELEMENTS:[a-z0-9_]+]] = arith.minui %[[N]], %{{[a-z0-9_]+}} : index
// CHECK:           %[[READ:[a-z0-9_]+]] = arith.muli %[[ELEMENTS]], %{{[a-z0-9_]+}} : index
// CHECK:           memref.extract_aligned_pointer_as_index %[[TILE]]
// CHECK:           %[[DST:[a-z0-9_]+]] = arith.index_cast %{{[a-z0-9_]+}} : index to i64
// CHECK:           memref.extract_aligned_pointer_as_index %[[SRC]]
// CHECK:           %[[FROM:[a-z0-9_]+]] = arith.index_cast %{{[a-z0-9_]+}} : index to i64
// CHECK:           %[[BYTES:[a-z0-9_]+]] = arith.constant 4 : i32
// CHECK:           %[[READ32:[a-z0-9_]+]] = arith.index_cast %[[READ]] : index to i32
// CHECK:           call @ssmEmuAsyncCopy(%[[DST]], %[[FROM]], %[[BYTES]], %[[READ32]]) : (i64, i64, i32, i32) -> ()
// CHECK:           call @ssmEmuAsyncCommit() : () -> ()
// CHECK:           %[[ALL:[a-z0-9_]+]] = arith.constant 0 : i32
// CHECK:           call @ssmEmuAsyncWait(%{{[a-z0-9_]+}}, %[[ALL]]) : (i64, i32) -> ()
// CHECK:           omp.barrier
// CHECK:           call @ssmEmuBarrierPassed() : () -> ()
// CHECK:           call @ssmEmuAsyncDrain() : () -> ()
// CHECK-NEXT:      omp.terminator
// CHECK-NOT:     nvgpu.
// CHECK:         memref.dealloc %[[ARENA]]
func.func @async_copies(%src: memref<8x16xf16>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c2, %sy = %c1, %sz = %c1)
             workgroup(%tile : memref<4x16xf16, #gpu.address_space<workgroup>>) {
    %t = nvgpu.device_async_copy %src[%tx, %c0], %tile[%tx, %c0], 2, %n
      : memref<8x16xf16> to memref<4x16xf16, #gpu.address_space<workgroup>>
    %g = nvgpu.device_async_create_group %t
    nvgpu.device_async_wait %g {numGroups = 0 : i32}
    gpu.barrier
    gpu.terminator
  }
  return
}

// -----

// A wgmma is a call of the runtime with the thread's accumulators in its
// exchange buffer (the struct's fields, as i32), the descriptors, n, the
// operand type (bf16: 1) and scale-d; D is read back into a struct. The
// wgmma is done when issued: its fence, commit and wait are bookkeeping
// calls, checked by a drain at the thread's end (which also compares the
// counts of the warpgroup's threads: the thread's index and the block's
// size); the proxy fence is a
// call, and the launch's shared memory is aligned to 2^18 bytes
// (the descriptors' 18-bit addresses are offsets in it), its writes
// tracked for the fences.

// CHECK-LABEL: func.func @wgmma(
// CHECK-SAME:      %[[DA:[a-z0-9_]+]]: i64, %[[DB:[a-z0-9_]+]]: i64, %[[D:[a-z0-9_]+]]: !llvm.struct<(f32, f32, f32, f32)>)
// CHECK-NOT:     nvvm.
// CHECK:         memref.alloc(%{{[a-z0-9_]+}}) {alignment = 262144 : i64} : memref<?xi8>
// CHECK:         %[[TRACKED:[a-z0-9_]+]] = arith.constant 1 : i32
// CHECK:         call @ssmEmuSharedArena(%{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %[[TRACKED]])
// CHECK:         omp.parallel
// CHECK:           call @ssmEmuProxyFence(%[[THREAD:[a-z0-9_]+]])
// CHECK:           omp.barrier
// CHECK:           call @ssmEmuWgmmaFence()
// CHECK:           %[[F0:[a-z0-9_]+]] = llvm.extractvalue %[[D]][0]
// CHECK:           %[[W0:[a-z0-9_]+]] = arith.bitcast %[[F0]] : f32 to i32
// CHECK:           memref.store %[[W0]], %[[EXCHANGE:[a-z0-9_]+]][%{{[a-z0-9_]+}}] : memref<132xi32>
// CHECK-COUNT-3:   memref.store %{{[a-z0-9_]+}}, %[[EXCHANGE]]
// CHECK:           %[[N:[a-z0-9_]+]] = arith.constant 8 : i32
// CHECK:           %[[BF16:[a-z0-9_]+]] = arith.constant 1 : i32
// CHECK:           %[[SCALE:[a-z0-9_]+]] = arith.constant 1 : i32
// CHECK:           call @ssmEmuWgmma(%[[THREAD]], %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %[[DA]], %[[DB]], %[[N]], %[[BF16]], %[[SCALE]]) : (i64, i64, i64, i64, i64, i32, i32, i32) -> ()
// CHECK:           llvm.mlir.undef : !llvm.struct<(f32, f32, f32, f32)>
// CHECK-COUNT-4:   llvm.insertvalue
// CHECK:           call @ssmEmuWgmmaCommit()
// CHECK:           %[[NONE_PENDING:[a-z0-9_]+]] = arith.constant 0 : i32
// CHECK:           call @ssmEmuWgmmaWait(%[[NONE_PENDING]])
// CHECK:           call @ssmEmuWgmmaDrain(%[[THREAD]], %{{[a-z0-9_]+}})
// CHECK-NEXT:      omp.terminator
!acc = !llvm.struct<(f32, f32, f32, f32)>
func.func @wgmma(%da: i64, %db: i64, %d: !acc) {
  %c1 = arith.constant 1 : index
  %c128 = arith.constant 128 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c128, %sy = %c1, %sz = %c1)
             workgroup(%tile : memref<8x2x8x8xbf16, #gpu.address_space<workgroup>>) {
    nvvm.fence.proxy {kind = #nvvm.proxy_kind<async.shared>, space = #nvvm.shared_space<cta>}
    gpu.barrier
    nvvm.wgmma.fence.aligned
    %r = nvvm.wgmma.mma_async %da, %db, %d, <m = 64, n = 8, k = 16>,
        D[<f32>, <one>], A[<bf16>, <one>, <row>], B[<bf16>, <one>, <col>]
        : !acc -> !acc
    nvvm.wgmma.commit.group.sync.aligned
    nvvm.wgmma.wait.group.sync.aligned 0
    gpu.terminator
  }
  return
}

// -----

// A wgmma with A from registers (the llvm.inline_asm that the flash
// kernel's P V is) is a call of the runtime with the thread's four A
// registers then its accumulators in its exchange buffer, B's descriptor,
// n, the operand type (bf16: 1), scale-d and B's transposition (1:
// MN-major); D is read back from word 4 on. The thread's warp takes part
// (its lanes' A registers are its rows): the threads run as a team.

// CHECK-LABEL: func.func @wgmma_registers(
// CHECK-SAME:      %[[A:[a-z0-9_]+]]: i32, %[[DB:[a-z0-9_]+]]: i64, %[[D:[a-z0-9_]+]]: !llvm.struct<(f32, f32, f32, f32)>)
// CHECK-NOT:     llvm.inline_asm
// CHECK:         omp.parallel
// CHECK:           call @ssmEmuWgmmaFence()
// CHECK:           %[[SCALE:[a-z0-9_]+]] = arith.constant 1 : i32
// CHECK:           memref.store %[[A]], %[[EXCHANGE:[a-z0-9_]+]][%{{[a-z0-9_]+}}] : memref<132xi32>
// CHECK-COUNT-3:   memref.store %[[A]], %[[EXCHANGE]]
// CHECK:           %[[FOURTH:[a-z0-9_]+]] = arith.constant 4 : index
// CHECK-NEXT:      memref.store %{{[a-z0-9_]+}}, %[[EXCHANGE]][%[[FOURTH]]]
// CHECK-COUNT-3:   memref.store %{{[a-z0-9_]+}}, %[[EXCHANGE]]
// CHECK:           %[[N:[a-z0-9_]+]] = arith.constant 8 : i32
// CHECK:           %[[BF16:[a-z0-9_]+]] = arith.constant 1 : i32
// CHECK:           %[[MN:[a-z0-9_]+]] = arith.constant 1 : i32
// CHECK:           call @ssmEmuWgmmaRegisters(%[[THREAD:[a-z0-9_]+]], %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %[[DB]], %[[N]], %[[BF16]], %[[SCALE]], %[[MN]]) : (i64, i64, i64, i64, i32, i32, i32, i32) -> ()
// CHECK:           %[[FIRST:[a-z0-9_]+]] = arith.constant 4 : index
// CHECK-NEXT:      memref.load %[[EXCHANGE]][%[[FIRST]]]
// CHECK:           call @ssmEmuWgmmaCommit()
// CHECK:           call @ssmEmuWgmmaDrain(%[[THREAD]], %{{[a-z0-9_]+}})
!acc = !llvm.struct<(f32, f32, f32, f32)>
func.func @wgmma_registers(%a: i32, %db: i64, %d: !acc) {
  %c1 = arith.constant 1 : index
  %c128 = arith.constant 128 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c128, %sy = %c1, %sz = %c1)
             workgroup(%tile : memref<2x1x8x8xbf16, #gpu.address_space<workgroup>>) {
    nvvm.wgmma.fence.aligned
    %scale = arith.constant 1 : i32
    %d0 = llvm.extractvalue %d[0] : !acc
    %d1 = llvm.extractvalue %d[1] : !acc
    %d2 = llvm.extractvalue %d[2] : !acc
    %d3 = llvm.extractvalue %d[3] : !acc
    %r = llvm.inline_asm has_side_effects asm_dialect = att "{\0A.reg .pred p;\0Asetp.ne.b32 p, $9, 0;\0Awgmma.mma_async.sync.aligned.m64n8k16.f32.bf16.bf16 {$0, $1, $2, $3}, {$4, $5, $6, $7}, $8, p, 1, 1, 1;\0A}",
        "=&f,=&f,=&f,=&f,r,r,r,r,l,r,0,1,2,3"
        %a, %a, %a, %a, %db, %scale, %d0, %d1, %d2, %d3
        : (i32, i32, i32, i32, i64, i32, f32, f32, f32, f32) -> !acc
    nvvm.wgmma.commit.group.sync.aligned
    nvvm.wgmma.wait.group.sync.aligned 0
    gpu.terminator
  }
  return
}

// -----

// vote.sync is a call of the runtime with the predicate (as i32), the
// member mask and the kind (any: 0), its i32 answer truncated to the i1
// result; the threads run as a team.

// CHECK-LABEL: func.func @vote(
// CHECK-SAME:      %[[P:[a-z0-9_]+]]: i1, %[[OUT:[a-z0-9_]+]]: memref<64xi1>)
// CHECK-NOT:     nvvm.vote
// CHECK:         omp.parallel
// CHECK:           %[[MASK:[a-z0-9_-]+]] = arith.constant -1 : i32
// CHECK:           %[[WORD:[a-z0-9_]+]] = arith.extui %[[P]] : i1 to i32
// CHECK:           %[[ANY:[a-z0-9_]+]] = arith.constant 0 : i32
// CHECK:           %[[R:[a-z0-9_]+]] = func.call @ssmEmuVote(%{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %[[WORD]], %[[MASK]], %[[ANY]]) : (i64, i64, i32, i32, i32) -> i32
// CHECK:           %[[B:[a-z0-9_]+]] = arith.trunci %[[R]] : i32 to i1
// CHECK:           memref.store %[[B]], %[[OUT]]
func.func @vote(%p: i1, %out: memref<64xi1>) {
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c64, %sy = %c1, %sz = %c1) {
    %mask = arith.constant -1 : i32
    %any = nvvm.vote.sync any %mask, %p -> i1
    memref.store %any, %out[%tx] : memref<64xi1>
    gpu.terminator
  }
  return
}
