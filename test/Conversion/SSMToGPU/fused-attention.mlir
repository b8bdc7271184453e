// RUN: ssm-opt %s -split-input-file --ssm-fused-attention | FileCheck %s --check-prefix=CALL
// RUN: ssm-opt %s -split-input-file --ssm-fused-attention --ssm-expand-fused-kernels | FileCheck %s --check-prefix=KERNEL
// RUN: ssm-opt %s -split-input-file --ssm-fused-attention=chip=sm_75 | FileCheck %s --check-prefix=SM75
// RUN: ssm-opt %s -split-input-file --ssm-fused-attention=chip=sm_86 | FileCheck %s --check-prefix=NO-DESC
// RUN: ssm-opt %s -split-input-file --ssm-fused-attention=chip=sm_90a --ssm-expand-fused-kernels | FileCheck %s --check-prefix=WGMMA
// RUN: ssm-opt %s -split-input-file --ssm-fused-attention="chip=sm_90a wgmma=false" --ssm-expand-fused-kernels | FileCheck %s --check-prefix=NO-WGMMA
// RUN: ssm-opt %s -split-input-file --ssm-fused-attention="chip=sm_90a f32-planes=1" --ssm-expand-fused-kernels | FileCheck %s --check-prefix=ONE-PLANE

// bf16 attention with dynamic lengths, E = 64, Ev = 32, causal with a
// window. ssm-fused-attention calls a declaration that carries the op's
// attributes (the default scale 1/sqrt(64)) on the operands' buffers and a
// new output buffer.
// CALL-LABEL: func.func @attention
// CALL-SAME:    (%[[Q:[a-z0-9_]+]]: tensor<2x4x?x64xbf16>, %[[K:[a-z0-9_]+]]: tensor<2x2x?x64xbf16>, %[[V:[a-z0-9_]+]]: tensor<2x2x?x32xbf16>)
// CALL-DAG:   %[[QB:[a-z0-9_]+]] = bufferization.to_buffer %[[Q]] read_only : tensor<2x4x?x64xbf16> to memref<2x4x?x64xbf16>
// CALL-DAG:   %[[KB:[a-z0-9_]+]] = bufferization.to_buffer %[[K]] read_only
// CALL-DAG:   %[[VB:[a-z0-9_]+]] = bufferization.to_buffer %[[V]] read_only
// CALL:       %[[LQ:[a-z0-9_]+]] = memref.dim %[[QB]], %{{[a-z0-9_]+}} : memref<2x4x?x64xbf16>
// CALL:       %[[OUT:[a-z0-9_]+]] = memref.alloc(%[[LQ]]) : memref<2x4x?x32xbf16>
// CALL:       call @[[FN:[a-z0-9_]+]](%[[QB]], %[[KB]], %[[VB]], %[[OUT]])
// CALL:       %[[Y:[a-z0-9_]+]] = bufferization.to_tensor %[[OUT]] restrict :
// CALL:       return %[[Y]]
// CALL:       func.func private @[[FN]](memref<2x4x?x64xbf16>, memref<2x2x?x64xbf16>, memref<2x2x?x32xbf16>, memref<2x4x?x32xbf16>)
// CALL-SAME:    attributes {ssm.flash_attention = {block_keys = 0 : i64, causal = true, f32_planes = 3 : i64, fill_blocks = 216 : i64, l2_bytes = 41943040 : i64, scale = 1.250000e-01 : f64, shared_bytes = 166912 : i64, splits = 0 : i64, wgmma = false, window = 8 : i64}}

// The kernel: 4 warps per block of 128 queries, each warp two tiles of 16
// rows; tiles of Q (128 x 64), K (2 x 32 keys x 64) and V (2 x 32 keys x
// 32), rows padded by 8, one after the other in dynamic shared memory
// (18432 + 9216 + 5120 bytes): K's and V's double-buffered, the next step's
// copies (cp.async, zero-filled past the end) issued before this step's
// are waited for. Q K^T (4 steps of 4 key tiles, each K fragment feeding
// both row tiles) and P V (V's fragments by ldmatrix.trans) on mma.sync;
// the scores scaled, and masked only in a branch taken where the step
// needs it; row maxima and sums across the lanes of a quad; P rounded to
// bf16 in pairs (the two columns of a fragment register). When q, k and v are 16-byte aligned, that variant runs, else one
// that loads element by element in a loop into single buffers (one row
// tile per warp: 64 queries per block, 16384 bytes).
// The key splits, on the host: as many as make 216 blocks (twice sm_80's
// 108 SMs) of the 2 x 4 x ceil(Lq / 128), at most a quarter of the key
// steps; partial
// results (f32) only where there are several.
// On sm_90a (unless wgmma=false), both products are wgmma, and the block
// is two warpgroups (256 threads) of one row tile per warp, sharing K's
// and V's tiles of 128 keys (the default block-keys with wgmma): Q's, K's
// and V's tiles are 8 x 8 core matrices without padding (16x8x8x8, K's
// 2 x 128 keys 32x8x8x8, V's 32x4x8x8: 65536 bytes), cp.async pieces going
// to adjacent rows of a core matrix; before each step's barrier every
// thread fences its writes for the async proxy. Q's copies are a group of
// their own, waited for before the loop: each warp holds its 16 rows of Q
// in registers (an ldmatrix x4 per 16 columns of E = 64: four), wgmma's A
// for S
// (in the element-wise variant, Q's tile: wgmma.mma_async).
// A step's keys are two groups of 64: S = Q K^T of the warpgroup's 64
// rows (warpgroup g's are the block's rows 64 g.., warp w's 16 of them
// from 16 (w mod 4)) for each key group, four m64n64k16 (E = 64) with A
// from registers (inline assembly, B k-major: the last immediate 0) into
// fresh accumulators (scale-d 0 first), a wgmma group each, not waited for
// together: key group kg waits
// with wait_group 1 (the groups committed since are one: the other key
// group's S or P V), then its softmax and O += P V, four m64n32k16 (64
// keys, Ev = 32) with A from registers (inline assembly: P's four b32
// registers, V's descriptor, scale-d, the accumulators tied to the
// early-clobber results) and B MN-major (the last immediate 1), committed
// as a group that runs while the next key group's softmax does. The second
// group's P V accumulates onto the first's outputs: its softmax rescales
// the maxima and sums in the branch of its vote, computes P, then waits
// for the first group's P V (wait_group 0, outside any branch: it is the
// warpgroup's instruction, the vote only the warp's) and rescales the
// outputs in a second branch on the same vote; the step ends with
// wait_group 0. Only Q's fragments are ldmatrix; no mma.sync is left.
// The matrix descriptors' byte offsets between core matrices, k-major (Q,
// K): 128 along k (8 << 16) and a row of them, 64 x 16 bytes, between
// 8-row groups (64 << 32): 274878431232; MN-major (V): a row of core
// matrices, 32 x 16 bytes, along k (32 << 16) and 128 along n (8 << 32):
// 34361835520.
// WGMMA-LABEL: func.func @attention
// WGMMA:         threads(%{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}) in (%{{[a-z0-9_]+}} = %c256{{[_0-9]*}},
// WGMMA-SAME:    dynamic_shared_memory_size %c65536_i32
// WGMMA:         %[[QT:[a-z0-9_]+]] = memref.view %{{[a-z0-9_]+}}[%{{[a-z0-9_]+}}][] : {{.*}} to memref<16x8x8x8xbf16, #gpu.address_space<workgroup>>
// WGMMA:         %[[KT:[a-z0-9_]+]] = memref.view %{{[a-z0-9_]+}}[%{{[a-z0-9_]+}}][] : {{.*}} to memref<32x8x8x8xbf16, #gpu.address_space<workgroup>>
// WGMMA:         %[[VT:[a-z0-9_]+]] = memref.view %{{[a-z0-9_]+}}[%{{[a-z0-9_]+}}][] : {{.*}} to memref<32x4x8x8xbf16, #gpu.address_space<workgroup>>
// WGMMA:         %[[QGROUP:[a-z0-9_]+]] = nvgpu.device_async_create_group
// WGMMA:         nvgpu.device_async_create_group
// WGMMA:         nvgpu.device_async_wait %[[QGROUP]] {numGroups = 1 : i32}
// WGMMA-NEXT:    gpu.barrier
// WGMMA-COUNT-4: nvgpu.ldmatrix %[[QT]]{{.*}} : memref<16x8x8x8xbf16, #gpu.address_space<workgroup>> -> vector<4x2xbf16>
// WGMMA:         scf.for
// WGMMA:           nvvm.fence.proxy {kind = #nvvm.proxy_kind<async.shared>, space = #nvvm.shared_space<cta>}
// WGMMA-NEXT:      gpu.barrier
// WGMMA:           nvvm.wgmma.fence.aligned
// WGMMA:           arith.constant 274878431232 : i64
// WGMMA:           %[[ZERO:[a-z0-9_]+]] = arith.constant 0 : i32
// WGMMA:           llvm.inline_asm {{.*}}wgmma.mma_async.sync.aligned.m64n64k16.f32.bf16.bf16 {{.*}}, p, 1, 1, 0;{{.*}}, %[[ZERO]],
// WGMMA-COUNT-3:   llvm.inline_asm {{.*}}m64n64k16{{.*}}, p, 1, 1, 0;
// WGMMA-NEXT:      nvvm.wgmma.commit.group.sync.aligned
// WGMMA-COUNT-4:   llvm.inline_asm {{.*}}m64n64k16{{.*}}, p, 1, 1, 0;
// WGMMA-NEXT:      nvvm.wgmma.commit.group.sync.aligned
// WGMMA-NOT:       llvm.inline_asm
// WGMMA:           nvvm.wgmma.wait.group.sync.aligned 1
// WGMMA:           nvvm.vote.sync  any
// WGMMA-NEXT:      scf.if %{{[a-z0-9_]+}} -> (f32, f32, f32, f32, f32, f32,
// WGMMA-NOT:         nvvm.wgmma
// WGMMA:           } else {
// WGMMA:           nvvm.wgmma.fence.aligned
// WGMMA:           arith.constant 34361835520 : i64
// WGMMA:           %[[ONE:[a-z0-9_]+]] = arith.constant 1 : i32
// WGMMA:           llvm.inline_asm has_side_effects asm_dialect = att "{\0A.reg .pred p;\0Asetp.ne.b32 p, $21, 0;\0Awgmma.mma_async.sync.aligned.m64n32k16.f32.bf16.bf16 {$0, {{.*}}, $15}, {$16, $17, $18, $19}, $20, p, 1, 1, 1;\0A}", "{{(=&f,)+}}r,r,r,r,l,r,0,{{.*}},15" {{.*}}, %[[ONE]], {{.*}} : (i32, i32, i32, i32, i64, i32, {{.*}}) -> !llvm.struct<(f32,
// WGMMA-COUNT-3:   llvm.inline_asm {{.*}}m64n32k16
// WGMMA-NEXT:      nvvm.wgmma.commit.group.sync.aligned
// WGMMA-NEXT:      nvvm.wgmma.wait.group.sync.aligned 1
// WGMMA:           %[[GROWS:[a-z0-9_]+]] = nvvm.vote.sync  any
// WGMMA:           scf.if %[[GROWS]] -> (f32, f32, f32, f32, f32, f32) {
// WGMMA-NOT:         nvvm.wgmma
// WGMMA:           } else {
// WGMMA-NOT:       nvvm.wgmma
// WGMMA:           math.exp2
// WGMMA-NOT:       nvvm.wgmma
// WGMMA:           nvvm.wgmma.wait.group.sync.aligned 0
// WGMMA-NEXT:      llvm.extractvalue
// WGMMA:           scf.if %[[GROWS]] -> (f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32) {
// WGMMA-NOT:         nvvm.wgmma
// WGMMA:             arith.mulf
// WGMMA:           } else {
// WGMMA-NOT:       nvvm.wgmma
// WGMMA:           nvvm.wgmma.fence.aligned
// WGMMA-COUNT-4:   llvm.inline_asm {{.*}}m64n32k16
// WGMMA-NEXT:      nvvm.wgmma.commit.group.sync.aligned
// WGMMA-NEXT:      nvvm.wgmma.wait.group.sync.aligned 0
// WGMMA:           gpu.barrier
// WGMMA-NOT:       nvgpu.ldmatrix
// WGMMA-NOT:       nvvm.mma.sync
// WGMMA-LABEL: func.func @head_size_128
// NO-WGMMA-LABEL: func.func @attention
// NO-WGMMA-NOT:   nvvm.wgmma
// NO-WGMMA:       nvgpu.ldmatrix
// NO-WGMMA-NOT:   nvvm.wgmma
// KERNEL-LABEL: func.func @attention
// KERNEL-NOT:   call
// KERNEL:       %[[WANTED:[a-z0-9_]+]] = arith.ceildivui %c216{{[_0-9]*}}, %{{[a-z0-9_]+}}
// KERNEL:       %[[MOST:[a-z0-9_]+]] = arith.divui %{{[a-z0-9_]+}}, %c4{{[_0-9]*}}
// KERNEL:       %[[FEWER:[a-z0-9_]+]] = arith.minui %[[WANTED]], %[[MOST]]
// KERNEL:       %[[SPLITS:[a-z0-9_]+]] = arith.maxui %c1{{[_0-9]*}}, %[[FEWER]]
// KERNEL:       %[[SPLIT:[a-z0-9_]+]] = arith.cmpi ugt, %[[SPLITS]], %c1
// KERNEL:       %[[O:[a-z0-9_]+]] = memref.alloc(%{{[a-z0-9_]+}}) : memref<?xf32>
// KERNEL:       %[[ML:[a-z0-9_]+]] = memref.alloc(%{{[a-z0-9_]+}}) : memref<?xf32>
// KERNEL-COUNT-3: memref.extract_aligned_pointer_as_index
// KERNEL:       scf.if
// KERNEL:       %[[BYTES:[a-z0-9_]+]] = arith.constant 32768 : i32
// KERNEL:       gpu.launch
// KERNEL-SAME:    threads(%{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}) in (%{{[a-z0-9_]+}} = %c128{{[_0-9]*}},
// KERNEL-SAME:    dynamic_shared_memory_size %[[BYTES]]
// KERNEL:         %[[RAW:[a-z0-9_]+]] = gpu.dynamic_shared_memory
// KERNEL:         %[[QT:[a-z0-9_]+]] = memref.view %[[RAW]][%{{[a-z0-9_]+}}][] : {{.*}} to memref<128x72xbf16, #gpu.address_space<workgroup>>
// KERNEL:         %[[KT:[a-z0-9_]+]] = memref.view %[[RAW]][%{{[a-z0-9_]+}}][] : {{.*}} to memref<64x72xbf16, #gpu.address_space<workgroup>>
// KERNEL:         %[[VT:[a-z0-9_]+]] = memref.view %[[RAW]][%{{[a-z0-9_]+}}][] : {{.*}} to memref<64x40xbf16, #gpu.address_space<workgroup>>
// The block's query tile, longest first (causal): its tile of the
// launch's (block / splits) is taken in sections of (batch, head) pairs
// whose keys and values (Lk x (64 + 32) x 2 bytes per kv head, shared by
// H / Hk = 2 heads) take at most half of sm_80's 40 MB L2, as even as can
// be (the first pairs % sections of them one head more), the section's
// tiles by decreasing query tile, its heads fastest.
// KERNEL:         %[[TILE:[a-z0-9_]+]] = arith.divui %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : index
// KERNEL:         %[[PAIRS:[a-z0-9_]+]] = arith.muli %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : index
// KERNEL:         %[[KV:[a-z0-9_]+]] = arith.muli %{{[a-z0-9_]+}}, %c192 : index
// KERNEL:         %[[GROUPS:[a-z0-9_]+]] = arith.divui %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : index
// KERNEL:         %[[SHARE:[a-z0-9_]+]] = arith.divui %[[KV]], %[[GROUPS]]
// KERNEL:         %[[HEAD_BYTES:[a-z0-9_]+]] = arith.maxui %c1{{[_0-9]*}}, %[[SHARE]]
// KERNEL:         %[[FIT:[a-z0-9_]+]] = arith.divui %c20971520, %[[HEAD_BYTES]]
// KERNEL:         %[[SOME:[a-z0-9_]+]] = arith.maxui %c1{{[_0-9]*}}, %[[FIT]]
// KERNEL:         %[[MOST:[a-z0-9_]+]] = arith.minui %[[PAIRS]], %[[SOME]]
// KERNEL:         %[[SECTIONS:[a-z0-9_]+]] = arith.ceildivui %[[PAIRS]], %[[MOST]]
// KERNEL:         %[[FEW:[a-z0-9_]+]] = arith.divui %[[PAIRS]], %[[SECTIONS]]
// KERNEL:         %[[MANY:[a-z0-9_]+]] = arith.addi %[[FEW]], %c1
// KERNEL:         %[[EVEN:[a-z0-9_]+]] = arith.muli %[[SECTIONS]], %[[FEW]]
// KERNEL:         %[[BIG:[a-z0-9_]+]] = arith.subi %[[PAIRS]], %[[EVEN]]
// KERNEL:         %[[BEFORE:[a-z0-9_]+]] = arith.muli %[[BIG]], %[[MANY]]
// KERNEL:         %[[BIG_TILES:[a-z0-9_]+]] = arith.muli %[[BEFORE]], %[[QTILES:[a-z0-9_]+]]
// KERNEL:         %[[IN_BIG:[a-z0-9_]+]] = arith.cmpi ult, %[[TILE]], %[[BIG_TILES]]
// KERNEL:         %[[HEADS:[a-z0-9_]+]] = arith.select %[[IN_BIG]], %[[MANY]], %[[FEW]]
// KERNEL:         %[[SKIPPED:[a-z0-9_]+]] = arith.select %[[IN_BIG]], %c0{{[_0-9]*}}, %[[BEFORE]]
// KERNEL:         %[[SKIPPED_TILES:[a-z0-9_]+]] = arith.muli %[[SKIPPED]], %[[QTILES]]
// KERNEL:         %[[REST:[a-z0-9_]+]] = arith.subi %[[TILE]], %[[SKIPPED_TILES]]
// KERNEL:         %[[SECTION_TILES:[a-z0-9_]+]] = arith.muli %[[HEADS]], %[[QTILES]]
// KERNEL:         %[[SECTION:[a-z0-9_]+]] = arith.divui %[[REST]], %[[SECTION_TILES]]
// KERNEL:         %[[OFFSET:[a-z0-9_]+]] = arith.muli %[[SECTION]], %[[HEADS]]
// KERNEL:         %[[FIRST:[a-z0-9_]+]] = arith.addi %[[SKIPPED]], %[[OFFSET]]
// KERNEL:         %[[DONE_TILES:[a-z0-9_]+]] = arith.muli %[[SECTION]], %[[SECTION_TILES]]
// KERNEL:         %[[WITHIN:[a-z0-9_]+]] = arith.subi %[[REST]], %[[DONE_TILES]]
// KERNEL:         %[[DONE:[a-z0-9_]+]] = arith.divui %[[WITHIN]], %[[HEADS]]
// KERNEL:         %[[LAST:[a-z0-9_]+]] = arith.subi %[[QTILES]], %c1
// KERNEL:         %[[QTILE:[a-z0-9_]+]] = arith.subi %[[LAST]], %[[DONE]]
// KERNEL:         %[[HEAD_IN:[a-z0-9_]+]] = arith.remui %[[WITHIN]], %[[HEADS]]
// KERNEL:         %[[PAIR:[a-z0-9_]+]] = arith.addi %[[FIRST]], %[[HEAD_IN]]
// KERNEL:         arith.muli %[[QTILE]], %c128
// KERNEL:         arith.remui %[[PAIR]], %{{[a-z0-9_]+}}
// KERNEL:         nvgpu.device_async_copy {{.*}}, %[[QT]][{{.*}}], 8, %{{[a-z0-9_]+}} {bypassL1} : memref<2x4x?x64xbf16> to memref<128x72xbf16, #gpu.address_space<workgroup>>
// KERNEL:         nvgpu.device_async_copy {{.*}}, %[[KT]]
// KERNEL:         nvgpu.device_async_copy {{.*}}, %[[VT]]
// KERNEL:         nvgpu.device_async_create_group
// KERNEL:         scf.for
// The next step's copies: where all its keys are in range, each of a
// thread's copies reads and writes the rows of its first one plus
// constants, neither clamped nor with a count of bytes to read; else
// clamped to the last key.
// KERNEL:           %[[WHOLE:[a-z0-9_]+]] = arith.cmpi sle, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : index
// KERNEL-NEXT:      scf.if %[[WHOLE]] {
// KERNEL-NOT:         arith.minui
// KERNEL-COUNT-2:     nvgpu.device_async_copy {{.*}}, %[[KT]][{{.*}}], 8, %c8{{(_[0-9]+)?}} {bypassL1}
// KERNEL-NOT:         arith.minui
// KERNEL:             nvgpu.device_async_copy {{.*}}, %[[VT]][{{.*}}], 8, %c8{{(_[0-9]+)?}} {bypassL1}
// KERNEL-NOT:         arith.minui
// KERNEL:             %[[GROUP:[a-z0-9_]+]] = nvgpu.device_async_create_group
// KERNEL-NEXT:        nvgpu.device_async_wait %[[GROUP]] {numGroups = 1 : i32}
// KERNEL-NEXT:      } else {
// KERNEL:             arith.minui
// KERNEL:             nvgpu.device_async_copy {{.*}}, %[[KT]]
// KERNEL:             nvgpu.device_async_copy {{.*}}, %[[VT]]
// KERNEL:             %[[GROUP2:[a-z0-9_]+]] = nvgpu.device_async_create_group
// KERNEL-NEXT:        nvgpu.device_async_wait %[[GROUP2]] {numGroups = 1 : i32}
// KERNEL-NEXT:      }
// KERNEL-NEXT:      gpu.barrier
// KERNEL-COUNT-2:   nvgpu.ldmatrix %[[QT]]
// KERNEL-NEXT:      vector.extract
// KERNEL:           nvgpu.ldmatrix %[[KT]]
// KERNEL-COUNT-4:   nvvm.mma.sync {{.*}} {layoutA = #nvvm.mma_layout<row>, layoutB = #nvvm.mma_layout<col>, multiplicandAPtxType = #nvvm.mma_type<bf16>, multiplicandBPtxType = #nvvm.mma_type<bf16>, shape = #nvvm.shape<m = 16, n = 8, k = 16>}
// KERNEL:           scf.if
// KERNEL:             arith.cmpi sle
// KERNEL:             arith.select
// KERNEL:           } else {
// KERNEL-NOT:         arith.select
// KERNEL:             arith.mulf
// KERNEL:           }
// KERNEL:           gpu.shuffle xor
// KERNEL:           gpu.shuffle xor
// KERNEL:           math.exp2
// KERNEL:           arith.truncf %{{[a-z0-9_]+}} : vector<2xf32> to vector<2xbf16>
// KERNEL:           nvgpu.ldmatrix %[[VT]]{{.*}} {numTiles = 4 : i32, transpose = true}
// KERNEL:           nvvm.mma.sync
// KERNEL:           gpu.barrier
// KERNEL:           scf.yield
// KERNEL:         nvgpu.device_async_wait %{{[a-z0-9_]+}} {numGroups = 0 : i32}
// KERNEL:         scf.if
// KERNEL:           gpu.shuffle xor
// KERNEL:           memref.store %{{[a-z0-9_]+}}, %[[ML]]
// KERNEL:           memref.store %{{[a-z0-9_#]+}}, %[[O]]
// KERNEL:         } else {
// KERNEL:         arith.divf
// KERNEL:         memref.store {{.*}} : memref<2x4x?x32xbf16>
// KERNEL:       } else {
// KERNEL:         arith.constant 16384 : i32
// KERNEL:         gpu.launch
// (Its blocks in the plain order: a head's query tiles in order.)
// KERNEL:           memref.view {{.*}} to memref<32x40xbf16, #gpu.address_space<workgroup>>
// KERNEL-NEXT:      arith.remui
// KERNEL-NEXT:      %[[TILE2:[a-z0-9_]+]] = arith.divui
// KERNEL-NEXT:      %[[QTILE2:[a-z0-9_]+]] = arith.remui %[[TILE2]], %{{[a-z0-9_]+}}
// KERNEL-NEXT:      arith.divui %[[TILE2]], %{{[a-z0-9_]+}}
// KERNEL-NEXT:      arith.constant 64 : index
// KERNEL-NEXT:      arith.muli %[[QTILE2]], %c64
// KERNEL-NOT:       vector.load
// KERNEL-NOT:       nvgpu.device_async_copy
// KERNEL:           scf.for
// KERNEL:             memref.load {{.*}} : memref<2x4x?x64xbf16>
// KERNEL:           nvvm.mma.sync
// With more than one key split, the splits' partial results combined: a
// thread per output, the splits' maxima, then the weighted sums.
// KERNEL:       scf.if %[[SPLIT]] {
// KERNEL:         gpu.launch
// KERNEL:           scf.for {{.*}} to %[[SPLITS]]
// KERNEL:             memref.load %[[ML]]
// KERNEL:             arith.maximumf
// KERNEL:           scf.for {{.*}} to %[[SPLITS]]
// KERNEL:             math.exp2
// KERNEL:           arith.divf
// KERNEL:           memref.store {{.*}} : memref<2x4x?x32xbf16>
// KERNEL:       memref.dealloc %[[O]]
// KERNEL:       memref.dealloc %[[ML]]
// KERNEL-NOT:   func.func private
func.func @attention(%q: tensor<2x4x?x64xbf16>, %k: tensor<2x2x?x64xbf16>, %v: tensor<2x2x?x32xbf16>) -> tensor<2x4x?x32xbf16> {
  %y = ssm.attention %q, %k, %v causal window 8 : tensor<2x4x?x64xbf16>, tensor<2x2x?x64xbf16>, tensor<2x2x?x32xbf16> -> tensor<2x4x?x32xbf16>
  return %y : tensor<2x4x?x32xbf16>
}
// SM75-LABEL: func.func @attention
// SM75:       ssm.attention

// -----

// Head size 128: blocks of 32 keys (Q 128 x 136, K and V 2 x 32 x 136:
// 69632 bytes, more than static shared memory holds).
// KERNEL-LABEL: func.func @head_size_128
// KERNEL:       arith.constant 69632 : i32
// KERNEL:       gpu.launch
// KERNEL:         memref.view {{.*}} to memref<128x136xf16, #gpu.address_space<workgroup>>
// KERNEL:         memref.view {{.*}} to memref<64x136xf16, #gpu.address_space<workgroup>>
// KERNEL:         memref.view {{.*}} to memref<64x136xf16, #gpu.address_space<workgroup>>
// KERNEL:         nvvm.mma.sync {{.*}} : (vector<2xf16>, vector<2xf16>, f32) -> !llvm.struct<(f32, f32, f32, f32)>
func.func @head_size_128(%q: tensor<1x2x40x128xf16>, %k: tensor<1x2x50x128xf16>) -> tensor<1x2x40x128xf16> {
  %y = ssm.attention %q, %k, %k scale 0.5 : tensor<1x2x40x128xf16>, tensor<1x2x50x128xf16>, tensor<1x2x50x128xf16> -> tensor<1x2x40x128xf16>
  return %y : tensor<1x2x40x128xf16>
}

// -----

// f32 operands as three bf16 planes each (x = x0 + x1 + x2, each the bf16
// rounding of what the planes before leave), every product as six bf16
// products (planes i, j with i + j < 3, the smallest first). E = 128: one
// row tile per warp (64 queries), 3 planes of Q (64 x 136), K (32 x 136)
// and V (32 x 40), and f32 staging tiles for K (32 x 128) and V (32 x 32):
// 106496 bytes. Q is split into its planes from 16-byte loads; K's and V's
// copies (cp.async) go to the staging tiles, and at the start of each step
// the threads that copied them split them into the planes, wait for every
// thread (barrier) and then issue the next step's copies.
// KERNEL-LABEL: func.func @f32_planes
// KERNEL:       arith.constant 106496 : i32
// KERNEL:       gpu.launch
// KERNEL-COUNT-3: memref.view {{.*}} to memref<64x136xbf16, #gpu.address_space<workgroup>>
// KERNEL-COUNT-3: memref.view {{.*}} to memref<32x136xbf16, #gpu.address_space<workgroup>>
// KERNEL-COUNT-3: memref.view {{.*}} to memref<32x40xbf16, #gpu.address_space<workgroup>>
// KERNEL:         %[[KS:[a-z0-9_]+]] = memref.view {{.*}} to memref<32x128xf32, #gpu.address_space<workgroup>>
// KERNEL:         %[[VS:[a-z0-9_]+]] = memref.view {{.*}} to memref<32x32xf32, #gpu.address_space<workgroup>>
// KERNEL:         scf.for
// KERNEL:           %[[X:[a-z0-9_]+]] = vector.load {{.*}} {alignment = 16 : i64} : memref<1x2x40x128xf32>, vector<4xf32>
// KERNEL:           %[[SEL:[a-z0-9_]+]] = arith.select %{{[a-z0-9_]+}}, %[[X]]
// KERNEL:           %[[ABOVE:[a-z0-9_]+]] = arith.maximumf %[[SEL]], %{{[a-z0-9_]+}} : vector<4xf32>
// KERNEL:           %[[CLAMPED:[a-z0-9_]+]] = arith.minimumf %[[ABOVE]], %{{[a-z0-9_]+}} : vector<4xf32>
// KERNEL:           %[[X0:[a-z0-9_]+]] = arith.truncf %[[CLAMPED]] : vector<4xf32> to vector<4xbf16>
// KERNEL:           %[[E0:[a-z0-9_]+]] = arith.extf %[[X0]]
// KERNEL:           %[[R0:[a-z0-9_]+]] = arith.subf %[[SEL]], %[[E0]]
// KERNEL:           %[[X1:[a-z0-9_]+]] = arith.truncf %[[R0]] : vector<4xf32> to vector<4xbf16>
// KERNEL:           %[[E1:[a-z0-9_]+]] = arith.extf %[[X1]]
// KERNEL:           %[[R1:[a-z0-9_]+]] = arith.subf %[[R0]], %[[E1]]
// KERNEL:           %[[X2:[a-z0-9_]+]] = arith.truncf %[[R1]] : vector<4xf32> to vector<4xbf16>
// KERNEL:           vector.store %[[X0]]
// KERNEL:           vector.store %[[X1]]
// KERNEL:           vector.store %[[X2]]
// KERNEL:         nvgpu.device_async_copy {{.*}}, %[[KS]]
// KERNEL:         nvgpu.device_async_copy {{.*}}, %[[VS]]
// KERNEL:         %[[FIRST:[a-z0-9_]+]] = nvgpu.device_async_create_group
// KERNEL:         scf.for
// KERNEL:           nvgpu.device_async_wait %[[FIRST]] {numGroups = 0 : i32}
// KERNEL:           vector.load %[[KS]]
// KERNEL-COUNT-3:   vector.store {{.*}} : memref<32x136xbf16, #gpu.address_space<workgroup>>, vector<4xbf16>
// KERNEL:           vector.load %[[VS]]
// KERNEL-COUNT-3:   vector.store {{.*}} : memref<32x40xbf16, #gpu.address_space<workgroup>>, vector<4xbf16>
// KERNEL:           gpu.barrier
// KERNEL:           nvgpu.device_async_copy {{.*}}, %[[KS]]
// KERNEL:           nvgpu.device_async_copy {{.*}}, %[[VS]]
// KERNEL:           nvgpu.device_async_create_group
// KERNEL-NOT:       nvgpu.device_async_wait
// KERNEL-COUNT-3:   nvgpu.ldmatrix {{.*}} : memref<64x136xbf16, #gpu.address_space<workgroup>> -> vector<4x2xbf16>
// KERNEL-COUNT-3:   nvgpu.ldmatrix {{.*}} : memref<32x136xbf16, #gpu.address_space<workgroup>> -> vector<4x2xbf16>
// KERNEL-COUNT-6:   nvvm.mma.sync {{.*}}multiplicandAPtxType = #nvvm.mma_type<bf16>
// KERNEL:           math.exp2
// KERNEL-COUNT-3:   arith.truncf %{{[a-z0-9_]+}} : f32 to bf16
// KERNEL:           nvgpu.ldmatrix {{.*}} {numTiles = 4 : i32, transpose = true} : memref<32x40xbf16
// KERNEL:           gpu.barrier
// KERNEL:         memref.store {{.*}} : memref<1x2x40x32xf32>
func.func @f32_planes(%q: tensor<1x2x40x128xf32>, %k: tensor<1x2x50x128xf32>, %v: tensor<1x2x50x32xf32>) -> tensor<1x2x40x32xf32> {
  %y = ssm.attention %q, %k, %v causal : tensor<1x2x40x128xf32>, tensor<1x2x50x128xf32>, tensor<1x2x50x32xf32> -> tensor<1x2x40x32xf32>
  return %y : tensor<1x2x40x32xf32>
}
// NO-DESC-LABEL: func.func @f32_planes
// NO-DESC:       ssm.attention
// f32 operands on sm_90a, even as one bf16 plane: S = Q K^T is wgmma, but
// P V stays on mma.sync with V's tile row-major (P held in registers until
// an asynchronous wgmma's wait would spill with more planes; the tile and
// the product agree whatever the planes).
// ONE-PLANE-LABEL: func.func @f32_planes
// ONE-PLANE:         scf.for
// ONE-PLANE:           nvvm.wgmma.mma_async
// ONE-PLANE-NOT:       llvm.inline_asm
// ONE-PLANE:           nvgpu.ldmatrix {{.*}} {numTiles = 4 : i32, transpose = true} : memref<32x40xbf16
// ONE-PLANE:           nvvm.mma.sync
// ONE-PLANE-NOT:       llvm.inline_asm
// ONE-PLANE-LABEL: func.func @f32_two_row_tiles

// -----

// f32 with E = Ev = 64: two row tiles per warp (128 queries per block):
// planes of Q (128 x 72), K and V (32 x 72), and f32 staging tiles (32 x
// 64): 3 x 18432 + 6 x 4608 + 2 x 8192 = 99328 bytes. The element-wise
// variant (one row tile) splits each element it loads into the 3 planes,
// and P's probabilities are split as well (3 planes).
// KERNEL-LABEL: func.func @f32_two_row_tiles
// KERNEL:       arith.constant 99328 : i32
// KERNEL:       gpu.launch
// KERNEL-COUNT-3: memref.view {{.*}} to memref<128x72xbf16, #gpu.address_space<workgroup>>
// KERNEL:       nvgpu.device_async_wait %{{[a-z0-9_]+}} {numGroups = 0 : i32}
// KERNEL:       } else {
// KERNEL:       gpu.launch
// KERNEL-COUNT-3: memref.view {{.*}} to memref<64x72xbf16, #gpu.address_space<workgroup>>
// KERNEL-NOT:     nvgpu.device_async_copy
// KERNEL:         scf.for
// KERNEL:           %[[X:[a-z0-9_]+]] = memref.load {{.*}} : memref<1x1x50x64xf32>
// KERNEL:           %[[S:[a-z0-9_]+]] = arith.select %{{[a-z0-9_]+}}, %[[X]]
// KERNEL:           arith.maximumf %[[S]]
// KERNEL:           arith.minimumf
// KERNEL-COUNT-3:   arith.truncf %{{[a-z0-9_]+}} : f32 to bf16
// KERNEL-COUNT-3:   memref.store {{.*}} : memref<64x72xbf16, #gpu.address_space<workgroup>>
// KERNEL:         math.exp2
// KERNEL-COUNT-3: arith.truncf %{{[a-z0-9_]+}} : f32 to bf16
func.func @f32_two_row_tiles(%q: tensor<1x1x50x64xf32>) -> tensor<1x1x50x64xf32> {
  %y = ssm.attention %q, %q, %q : tensor<1x1x50x64xf32>, tensor<1x1x50x64xf32>, tensor<1x1x50x64xf32> -> tensor<1x1x50x64xf32>
  return %y : tensor<1x1x50x64xf32>
}

// -----

// Head sizes that are not multiples of 16 are padded in the tiles: E = 72
// and Ev = 40 (bf16 rows of 144 and 80 bytes, whole 16-byte pieces) as 80
// and 48, the padding columns zeroed once (Q: 128 rows x 8, K: 2 x 32 rows
// x 8, V: 2 x 32 rows x 8; staging writes only the head's columns), Q K^T
// over 80 columns, the output tiles past 40 neither stored nor checked.
// E = 13 (26-byte f16 rows) has only the element-wise variant, which stores
// the columns of its second output tile below 13 only.
// KERNEL-LABEL: func.func @padded_head_sizes
// KERNEL:       memref.extract_aligned_pointer_as_index
// KERNEL:       gpu.launch
// KERNEL:         memref.view {{.*}} to memref<128x88xbf16, #gpu.address_space<workgroup>>
// KERNEL:         memref.view {{.*}} to memref<64x88xbf16, #gpu.address_space<workgroup>>
// KERNEL:         memref.view {{.*}} to memref<64x56xbf16, #gpu.address_space<workgroup>>
// KERNEL:         scf.for %{{[a-z0-9_]+}} = %{{[a-z0-9_]+}} to %c1024{{[_0-9]*}} step %c128
// KERNEL:           memref.store %{{[a-z0-9_]+}}, %{{.*}} : memref<128x88xbf16, #gpu.address_space<workgroup>>
// KERNEL:         scf.for %{{[a-z0-9_]+}} = %{{[a-z0-9_]+}} to %c512{{[_0-9]*}} step %c128
// KERNEL:         scf.for %{{[a-z0-9_]+}} = %{{[a-z0-9_]+}} to %c512{{[_0-9]*}} step %c128
// KERNEL:         scf.for
// KERNEL-COUNT-5:   nvgpu.ldmatrix {{.*}} : memref<128x88xbf16, #gpu.address_space<workgroup>>
// KERNEL:         memref.store {{.*}} : memref<1x2x50x40xbf16>
// KERNEL:       } else {
// KERNEL-LABEL: func.func @head_size_13
// KERNEL-NOT:   memref.extract_aligned_pointer_as_index
// KERNEL-NOT:   nvgpu.device_async_copy
// KERNEL:       gpu.launch
// KERNEL:         memref.view {{.*}} to memref<64x24xf16, #gpu.address_space<workgroup>>
// KERNEL:         nvvm.mma.sync
// KERNEL:         arith.cmpi ult, %{{[a-z0-9_]+}}, %c13
// KERNEL-NEXT:    scf.if
// KERNEL:           memref.store {{.*}} : memref<1x2x50x13xf16>
func.func @padded_head_sizes(%q: tensor<1x2x50x72xbf16>, %v: tensor<1x2x50x40xbf16>) -> tensor<1x2x50x40xbf16> {
  %y = ssm.attention %q, %q, %v : tensor<1x2x50x72xbf16>, tensor<1x2x50x72xbf16>, tensor<1x2x50x40xbf16> -> tensor<1x2x50x40xbf16>
  return %y : tensor<1x2x50x40xbf16>
}
func.func @head_size_13(%q: tensor<1x2x50x13xf16>) -> tensor<1x2x50x13xf16> {
  %y = ssm.attention %q, %q, %q : tensor<1x2x50x13xf16>, tensor<1x2x50x13xf16>, tensor<1x2x50x13xf16> -> tensor<1x2x50x13xf16>
  return %y : tensor<1x2x50x13xf16>
}

// -----

// Left to convert-ssm-to-linalg: a head size over 128, f64. On a chip
// without a target description (sm_86: 99 KB of shared memory per block),
// f32 with E = 128 (137216 bytes with one row tile) as well, but not with
// E = 64 (71680 bytes); sm_80 takes both.
// CALL-LABEL: func.func @left_alone
// CALL:         call
// CALL:         ssm.attention
// CALL:         call
// CALL:         ssm.attention
// CALL-NOT:     call
// NO-DESC-LABEL: func.func @left_alone
// NO-DESC:       call
// NO-DESC-COUNT-3: ssm.attention
// NO-DESC-NOT:   call
func.func @left_alone(%q64: tensor<1x2x8x64xf32>, %q256: tensor<1x2x8x256xbf16>, %q128: tensor<1x2x8x128xf32>, %d: tensor<1x2x8x16xf64>) -> (tensor<1x2x8x64xf32>, tensor<1x2x8x256xbf16>, tensor<1x2x8x128xf32>, tensor<1x2x8x16xf64>) {
  %a = ssm.attention %q64, %q64, %q64 : tensor<1x2x8x64xf32>, tensor<1x2x8x64xf32>, tensor<1x2x8x64xf32> -> tensor<1x2x8x64xf32>
  %b = ssm.attention %q256, %q256, %q256 : tensor<1x2x8x256xbf16>, tensor<1x2x8x256xbf16>, tensor<1x2x8x256xbf16> -> tensor<1x2x8x256xbf16>
  %c = ssm.attention %q128, %q128, %q128 : tensor<1x2x8x128xf32>, tensor<1x2x8x128xf32>, tensor<1x2x8x128xf32> -> tensor<1x2x8x128xf32>
  %e = ssm.attention %d, %d, %d : tensor<1x2x8x16xf64>, tensor<1x2x8x16xf64>, tensor<1x2x8x16xf64> -> tensor<1x2x8x16xf64>
  return %a, %b, %c, %e : tensor<1x2x8x64xf32>, tensor<1x2x8x256xbf16>, tensor<1x2x8x128xf32>, tensor<1x2x8x16xf64>
}
