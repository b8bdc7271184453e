// RUN: ssm-opt %s -split-input-file -verify-diagnostics --ssm-emulate-gpu

// A shuffle of a 64-bit value.
func.func @shuffle_f64(%x: f64) {
  %c1 = arith.constant 1 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    %o = arith.constant 1 : i32
    %w = arith.constant 32 : i32
    // expected-error @+1 {{'gpu.shuffle' op of a 'f64' cannot be emulated (32-bit values only)}}
    %s, %valid = gpu.shuffle xor %x, %o, %w : f64
    gpu.terminator
  }
  return
}

// -----

// An ldmatrix of 8-bit elements.
func.func @ldmatrix_i8() {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1)
             workgroup(%tile : memref<16x32xi8, #gpu.address_space<workgroup>>) {
    // expected-error @+1 {{'nvgpu.ldmatrix' op of 'vector<1x4xi8>' cannot be emulated (16-bit element pairs only)}}
    %m = nvgpu.ldmatrix %tile[%c0, %c0] {numTiles = 1 : i32, transpose = false}
      : memref<16x32xi8, #gpu.address_space<workgroup>> -> vector<1x4xi8>
    gpu.terminator
  }
  return
}

// -----

// An mma.sync of another shape (m16n8k8).
func.func @mma_k8(%a: vector<2xf16>, %c: f32) {
  %c1 = arith.constant 1 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    // expected-error @+1 {{'nvvm.mma.sync' op cannot be emulated (m16n8k16 row.col with f16 or bf16 operands and f32 accumulators only)}}
    %r = nvvm.mma.sync A[%a, %a] B[%a] C[%c, %c, %c, %c]
      {layoutA = #nvvm.mma_layout<row>, layoutB = #nvvm.mma_layout<col>,
       shape = #nvvm.shape<m = 16, n = 8, k = 8>}
      : (vector<2xf16>, vector<2xf16>, f32) -> !llvm.struct<(f32, f32, f32, f32)>
    gpu.terminator
  }
  return
}

// -----

// An mma.sync whose result struct is used as a whole.
func.func @mma_struct_use(%a: vector<2xf16>, %c: f32) {
  %c1 = arith.constant 1 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    // expected-error @+1 {{'nvvm.mma.sync' op cannot be emulated: its result is used other than by llvm.extractvalue}}
    %r = nvvm.mma.sync A[%a, %a, %a, %a] B[%a, %a] C[%c, %c, %c, %c]
      {layoutA = #nvvm.mma_layout<row>, layoutB = #nvvm.mma_layout<col>,
       shape = #nvvm.shape<m = 16, n = 8, k = 16>}
      : (vector<2xf16>, vector<2xf16>, f32) -> !llvm.struct<(f32, f32, f32, f32)>
    %u = builtin.unrealized_conversion_cast %r : !llvm.struct<(f32, f32, f32, f32)> to i128
    gpu.terminator
  }
  return
}

// -----

// Another GPU op in a kernel.
func.func @subgroup_reduce(%x: f32) {
  %c1 = arith.constant 1 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    // expected-error @+1 {{'gpu.subgroup_reduce' op in a kernel cannot be emulated on the host}}
    %s = gpu.subgroup_reduce add %x : (f32) -> f32
    gpu.terminator
  }
  return
}

// -----

// An NVVM intrinsic in a kernel.
func.func @nvvm_intrinsic() {
  %c1 = arith.constant 1 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    // expected-error @+1 {{'nvvm.read.ptx.sreg.laneid' op in a kernel cannot be emulated on the host}}
    %l = nvvm.read.ptx.sreg.laneid : i32
    gpu.terminator
  }
  return
}

// -----

// A kernel body of several blocks.
func.func @branches(%flag: i1) {
  %c1 = arith.constant 1 : index
  // expected-error @+1 {{'gpu.launch' op with a body of more than one block cannot be emulated}}
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    cf.cond_br %flag, ^a, ^b
  ^a:
    gpu.terminator
  ^b:
    gpu.terminator
  }
  return
}

// -----

// An asynchronous launch.
func.func @async_launch() {
  %c1 = arith.constant 1 : index
  %t0 = gpu.wait async
  // expected-error @+1 {{'gpu.launch' op that is asynchronous cannot be emulated}}
  %t = gpu.launch async [%t0] blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    gpu.terminator
  }
  gpu.wait [%t]
  return
}

// -----

// An asynchronous allocation whose token is used.
func.func @async_alloc() {
  // expected-error @+1 {{'gpu.alloc' op that is asynchronous cannot be emulated}}
  %m, %t = gpu.alloc async () : memref<4xf32>
  gpu.wait [%t]
  return
}

// -----

// Dynamic shared memory in a launch that has none.
func.func @no_dynamic_shared_memory() {
  %c1 = arith.constant 1 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    // expected-error @+1 {{'gpu.dynamic_shared_memory' op in a launch without dynamic shared memory}}
    %dyn = gpu.dynamic_shared_memory : memref<?xi8, #gpu.address_space<workgroup>>
    gpu.terminator
  }
  return
}

// -----

// A cp.async token carried by a loop (the copies become calls and their
// tokens go, so they cannot outlive them).
func.func @loop_carried_token(%src: memref<64xf16>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1)
             workgroup(%tile : memref<64xf16, #gpu.address_space<workgroup>>) {
    // expected-error @+1 {{'nvgpu.device_async_copy' op cannot be emulated: its token reaches an op other than nvgpu.device_async_create_group}}
    %t0 = nvgpu.device_async_copy %src[%c0], %tile[%c0], 8 : memref<64xf16> to memref<64xf16, #gpu.address_space<workgroup>>
    %last = scf.for %i = %c0 to %c4 step %c1 iter_args(%t = %t0) -> (!nvgpu.device.async.token) {
      scf.yield %t : !nvgpu.device.async.token
    }
    gpu.terminator
  }
  return
}

// -----

// A shuffle of a vector.
func.func @shuffle_vector(%x: vector<2xf16>) {
  %c1 = arith.constant 1 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    %o = arith.constant 1 : i32
    %w = arith.constant 32 : i32
    // expected-error @+1 {{'gpu.shuffle' op of a 'vector<2xf16>' cannot be emulated (32-bit values only)}}
    %s, %valid = gpu.shuffle xor %x, %o, %w : vector<2xf16>
    gpu.terminator
  }
  return
}

// -----

// A wgmma with a transposed (m-major) A.
!acc = !llvm.struct<(f32, f32, f32, f32)>
func.func @wgmma_transposed(%da: i64, %db: i64, %d: !acc) {
  %c1 = arith.constant 1 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    // expected-error @+1 {{'nvvm.wgmma.mma_async' op cannot be emulated (m64nNk16 with k-major f16 or bf16 operands, unscaled, and f32 accumulators only)}}
    %r = nvvm.wgmma.mma_async %da, %db, %d, <m = 64, n = 8, k = 16>,
        D[<f32>, <one>], A[<bf16>, <one>, <col>], B[<bf16>, <one>, <col>]
        : !acc -> !acc
    gpu.terminator
  }
  return
}

// -----

// A wgmma with tf32 operands.
!acc = !llvm.struct<(f32, f32, f32, f32)>
func.func @wgmma_tf32(%da: i64, %db: i64, %d: !acc) {
  %c1 = arith.constant 1 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    // expected-error @+1 {{'nvvm.wgmma.mma_async' op cannot be emulated}}
    %r = nvvm.wgmma.mma_async %da, %db, %d, <m = 64, n = 8, k = 8>,
        D[<f32>, <one>], A[<tf32>, <one>, <row>], B[<tf32>, <one>, <col>]
        : !acc -> !acc
    gpu.terminator
  }
  return
}

// -----

// A proxy fence other than fence.proxy.async of shared memory.
func.func @fence_alias() {
  %c1 = arith.constant 1 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    // expected-error @+1 {{'nvvm.fence.proxy' op cannot be emulated (fence.proxy.async of shared memory only)}}
    nvvm.fence.proxy {kind = #nvvm.proxy_kind<alias>}
    gpu.terminator
  }
  return
}

// -----

// A workgroup buffer with a strided layout.
func.func @strided_workgroup() {
  %c1 = arith.constant 1 : index
  // expected-error @+1 {{'gpu.launch' op with a workgroup buffer of type 'memref<4x4xf32, strided<[8, 1]>, #gpu.address_space<workgroup>>' cannot be emulated (static, contiguous buffers of whole bytes only)}}
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1)
             workgroup(%w : memref<4x4xf32, strided<[8, 1]>, #gpu.address_space<workgroup>>) {
    gpu.terminator
  }
  return
}

// -----

// A wgmma whose accumulators are read before the wait_group that
// completes it.
!acc = !llvm.struct<(f32, f32, f32, f32)>
func.func @wgmma_read_early(%da: i64, %db: i64, %d: !acc, %out: memref<f32>) {
  %c1 = arith.constant 1 : index
  %c128 = arith.constant 128 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c128, %sy = %c1, %sz = %c1) {
    nvvm.wgmma.fence.aligned
    // expected-error @+1 {{'nvvm.wgmma.mma_async' op result is read before a wgmma.wait_group in its block completes it (the emulator would complete it at once)}}
    %r = nvvm.wgmma.mma_async %da, %db, %d, <m = 64, n = 8, k = 16>,
        D[<f32>, <one>], A[<bf16>, <one>, <row>], B[<bf16>, <one>, <col>]
        : !acc -> !acc
    nvvm.wgmma.commit.group.sync.aligned
    %x = llvm.extractvalue %r[0] : !acc
    nvvm.wgmma.wait.group.sync.aligned 0
    memref.store %x, %out[] : memref<f32>
    gpu.terminator
  }
  return
}

// -----

// A wait in a branch that the read does not follow: it may not run.
!acc = !llvm.struct<(f32, f32, f32, f32)>
func.func @wgmma_wait_in_branch(%da: i64, %db: i64, %d: !acc, %c: i1, %out: memref<f32>) {
  %c1 = arith.constant 1 : index
  %c128 = arith.constant 128 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c128, %sy = %c1, %sz = %c1) {
    nvvm.wgmma.fence.aligned
    // expected-error @+1 {{'nvvm.wgmma.mma_async' op result is read before a wgmma.wait_group in its block completes it}}
    %r = nvvm.wgmma.mma_async %da, %db, %d, <m = 64, n = 8, k = 16>,
        D[<f32>, <one>], A[<bf16>, <one>, <row>], B[<bf16>, <one>, <col>]
        : !acc -> !acc
    nvvm.wgmma.commit.group.sync.aligned
    scf.if %c {
      nvvm.wgmma.wait.group.sync.aligned 0
    }
    %x = llvm.extractvalue %r[0] : !acc
    memref.store %x, %out[] : memref<f32>
    gpu.terminator
  }
  return
}

// -----

// Accumulators passed on by a branch and read after it with no wait.
!acc = !llvm.struct<(f32, f32, f32, f32)>
func.func @wgmma_read_after_branch(%da: i64, %db: i64, %d: !acc, %c: i1, %out: memref<f32>) {
  %c1 = arith.constant 1 : index
  %c128 = arith.constant 128 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c128, %sy = %c1, %sz = %c1) {
    nvvm.wgmma.fence.aligned
    // expected-error @+1 {{'nvvm.wgmma.mma_async' op result is read before a wgmma.wait_group in its block completes it}}
    %r = nvvm.wgmma.mma_async %da, %db, %d, <m = 64, n = 8, k = 16>,
        D[<f32>, <one>], A[<bf16>, <one>, <row>], B[<bf16>, <one>, <col>]
        : !acc -> !acc
    nvvm.wgmma.commit.group.sync.aligned
    %kept = scf.if %c -> (!acc) {
      scf.yield %d : !acc
    } else {
      scf.yield %r : !acc
    }
    %x = llvm.extractvalue %kept[0] : !acc
    nvvm.wgmma.wait.group.sync.aligned 0
    memref.store %x, %out[] : memref<f32>
    gpu.terminator
  }
  return
}

// -----

// A wait that leaves the group pending.
!acc = !llvm.struct<(f32, f32, f32, f32)>
func.func @wgmma_wait_pending(%da: i64, %db: i64, %d: !acc, %out: memref<f32>) {
  %c1 = arith.constant 1 : index
  %c128 = arith.constant 128 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c128, %sy = %c1, %sz = %c1) {
    nvvm.wgmma.fence.aligned
    // expected-error @+1 {{'nvvm.wgmma.mma_async' op result is read before a wgmma.wait_group in its block}}
    %r = nvvm.wgmma.mma_async %da, %db, %d, <m = 64, n = 8, k = 16>,
        D[<f32>, <one>], A[<bf16>, <one>, <row>], B[<bf16>, <one>, <col>]
        : !acc -> !acc
    nvvm.wgmma.commit.group.sync.aligned
    nvvm.wgmma.wait.group.sync.aligned 1
    %x = llvm.extractvalue %r[0] : !acc
    memref.store %x, %out[] : memref<f32>
    gpu.terminator
  }
  return
}

// -----

// A wait that completes an earlier group but not the wgmma's: its group
// is the latest of two, and wait_group 1 leaves one pending.
!acc = !llvm.struct<(f32, f32, f32, f32)>
func.func @wgmma_wait_earlier_group(%da: i64, %db: i64, %d: !acc, %out: memref<f32>) {
  %c1 = arith.constant 1 : index
  %c128 = arith.constant 128 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c128, %sy = %c1, %sz = %c1) {
    nvvm.wgmma.fence.aligned
    %first = nvvm.wgmma.mma_async %da, %db, %d, <m = 64, n = 8, k = 16>,
        D[<f32>, <one>], A[<bf16>, <one>, <row>], B[<bf16>, <one>, <col>]
        : !acc -> !acc
    nvvm.wgmma.commit.group.sync.aligned
    // expected-error @+1 {{'nvvm.wgmma.mma_async' op result is read before a wgmma.wait_group in its block}}
    %second = nvvm.wgmma.mma_async %da, %db, %d, <m = 64, n = 8, k = 16>,
        D[<f32>, <one>], A[<bf16>, <one>, <row>], B[<bf16>, <one>, <col>]
        : !acc -> !acc
    nvvm.wgmma.commit.group.sync.aligned
    nvvm.wgmma.wait.group.sync.aligned 1
    %x = llvm.extractvalue %first[0] : !acc
    %y = llvm.extractvalue %second[0] : !acc
    %sum = arith.addf %x, %y : f32
    memref.store %sum, %out[] : memref<f32>
    nvvm.wgmma.wait.group.sync.aligned 0
    gpu.terminator
  }
  return
}

// -----

// Inline assembly other than the wgmma with A from registers.
func.func @inline_asm() {
  %c1 = arith.constant 1 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    // expected-error @+1 {{'llvm.inline_asm' op cannot be emulated (only the wgmma with A from registers that the kernels build)}}
    llvm.inline_asm has_side_effects "nanosleep.u32 1;", "" : () -> ()
    gpu.terminator
  }
  return
}

// -----

// A wgmma with A from registers whose accumulators are read before a wait.
!acc = !llvm.struct<(f32, f32, f32, f32)>
func.func @wgmma_registers_read_early(%a: i32, %db: i64, %d0: f32, %out: memref<f32>) {
  %c1 = arith.constant 1 : index
  %c128 = arith.constant 128 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c128, %sy = %c1, %sz = %c1) {
    nvvm.wgmma.fence.aligned
    %scale = arith.constant 1 : i32
    // expected-error @+1 {{'llvm.inline_asm' op (wgmma) result is read before a wgmma.wait_group in its block completes it}}
    %r = llvm.inline_asm has_side_effects asm_dialect = att "{\0A.reg .pred p;\0Asetp.ne.b32 p, $9, 0;\0Awgmma.mma_async.sync.aligned.m64n8k16.f32.bf16.bf16 {$0, $1, $2, $3}, {$4, $5, $6, $7}, $8, p, 1, 1, 1;\0A}",
        "=&f,=&f,=&f,=&f,r,r,r,r,l,r,0,1,2,3"
        %a, %a, %a, %a, %db, %scale, %d0, %d0, %d0, %d0
        : (i32, i32, i32, i32, i64, i32, f32, f32, f32, f32) -> !acc
    nvvm.wgmma.commit.group.sync.aligned
    %x = llvm.extractvalue %r[0] : !acc
    memref.store %x, %out[] : memref<f32>
    nvvm.wgmma.wait.group.sync.aligned 0
    gpu.terminator
  }
  return
}
