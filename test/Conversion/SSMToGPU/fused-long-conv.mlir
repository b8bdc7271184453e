// RUN: ssm-opt %s -split-input-file --ssm-fused-long-conv | FileCheck %s --check-prefix=CALL
// RUN: ssm-opt %s -split-input-file --ssm-fused-long-conv="split=32" --ssm-expand-fused-kernels | FileCheck %s --check-prefix=SPLIT
// RUN: ssm-opt %s -split-input-file --ssm-fused-long-conv="chip=sm_75" | FileCheck %s --check-prefix=SM75
// RUN: ssm-opt %s -split-input-file --ssm-fused-long-conv --ssm-expand-fused-kernels | FileCheck %s --check-prefix=KERNEL
// RUN: ssm-opt %s -split-input-file --ssm-fused-long-conv --ssm-expand-fused-kernels=on-host=true | FileCheck %s --check-prefix=HOST

// A bf16 convolution with a dynamic batch and a skip term, L = Lk = 6:
// transform length 16 (the next power of two of 2L - 1). A call on u, k,
// the bias and the f32 twiddle table exp(-2 pi i j / 16), j < 8, and a new
// y buffer (its batch from u).
// CALL-LABEL: func.func @conv
// CALL-DAG:     %[[COS:[a-z0-9_]+]] = arith.constant dense<[1.000000e+00, 0.923879504, {{.*}}]> : tensor<8xf32>
// CALL-DAG:     %[[SIN:[a-z0-9_]+]] = arith.constant dense<[-0.000000e+00, -0.382683426, {{.*}}]> : tensor<8xf32>
// CALL:         %[[U:[a-z0-9_]+]] = bufferization.to_buffer %arg0 read_only
// CALL:         %[[K:[a-z0-9_]+]] = bufferization.to_buffer %arg1 read_only
// CALL:         %[[B:[a-z0-9_]+]] = bufferization.to_buffer %arg2 read_only
// CALL:         %[[RE:[a-z0-9_]+]] = bufferization.to_buffer %[[COS]] read_only
// CALL:         %[[IM:[a-z0-9_]+]] = bufferization.to_buffer %[[SIN]] read_only
// CALL:         %[[BATCH:[a-z0-9_]+]] = memref.dim %[[U]], %c0
// CALL:         %[[Y:[a-z0-9_]+]] = memref.alloc(%[[BATCH]]) : memref<?x6x40xbf16>
// CALL:         call @[[FN:[a-z0-9_]+]](%[[U]], %[[K]], %[[B]], %[[RE]], %[[IM]], %[[Y]])
// CALL:         %[[YT:[a-z0-9_]+]] = bufferization.to_tensor %[[Y]] restrict
// CALL:         return %[[YT]]
// CALL:         func.func private @[[FN]]
// CALL-SAME:      attributes {ssm.long_conv_fft = {bias = true, chunk = 1 : i64, circular = false, length = 16 : i64, split = 0 : i64, taps = 6 : i64, tensor_cores = false}}

// The kernel: a block per (batch, channel) row, max(32, 16 / 4) threads,
// 4 x (2 x 16 + 4 x 2) bytes of dynamic shared memory (the row, then the
// maxima of |u| and of |k| and the sums of their squares, and the one
// warp's partial results of each). Its 8 phases, each ended by a barrier:
// the load (which folds the maxima and sums as it goes: a barrier after
// the warps' partial results, one after their reduction), the filter's
// scaling, 2 fused forward stages, the spectra product (packed for an
// inverse of 8 points), the inverse's radix-4 and radix-2 stages, the
// store (in bf16, with the skip term).
// KERNEL-LABEL:  func.func @conv
// KERNEL-NOT:    call
// KERNEL:        gpu.launch blocks({{.*}}) in ({{.*}}) threads({{.*}}) in (%{{[a-z0-9_]+}} = %c32, {{.*}}) dynamic_shared_memory_size %c160_i32
// KERNEL:          %[[RAW:[a-z0-9_]+]] = gpu.dynamic_shared_memory : memref<?xi8, #gpu.address_space<workgroup>>
// KERNEL:          memref.view %[[RAW]][%{{[a-z0-9_]+}}][] : memref<?xi8, #gpu.address_space<workgroup>> to memref<40xf32, #gpu.address_space<workgroup>>
// KERNEL:          memref.load %{{[a-z0-9_]+}}[%{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}] : memref<?x6x40xbf16>
// KERNEL-COUNT-8: gpu.barrier
// KERNEL:          arith.truncf %{{[a-z0-9_]+}} : f32 to bf16
// KERNEL:          gpu.barrier
// KERNEL-NOT:      gpu.barrier
// KERNEL:          gpu.terminator
// KERNEL-NOT:    func.func private

// The host form: the same phases as loops, a loop over rows, the row in a
// host buffer.
// HOST-LABEL:  func.func @conv
// HOST-NOT:    gpu.
// HOST:        %[[ROW:[a-z0-9_]+]] = memref.alloc() : memref<40xf32>
// HOST:        scf.for
// HOST:          llvm.intr.bitreverse
// HOST:        memref.dealloc %[[ROW]] : memref<40xf32>
// HOST-NOT:    gpu.
func.func @conv(%u: tensor<?x6x40xbf16>, %k: tensor<40x6xbf16>, %b: tensor<40xbf16>) -> tensor<?x6x40xbf16> {
  %y = ssm.long_conv %u, %k bias(%b) {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<?x6x40xbf16>, tensor<40x6xbf16>, tensor<40xbf16>) -> tensor<?x6x40xbf16>
  return %y : tensor<?x6x40xbf16>
}

// -----

// L = Lk = 4096: a row of 8192 complex values, 64 KB with the folds; it
// fits sm_80's 163 KB per block, not the 48 KB of chips without a target
// description, where the row takes the four steps (rows of 8192 / 64 =
// 128 points).
// CALL-LABEL: func.func @long_row
// CALL:         call @{{[a-z0-9_]+}}
// CALL-SAME:      (memref<2x4096x8xf32>, memref<8x4096xf32>, memref<4096xf32>, memref<4096xf32>, memref<2x4096x8xf32>) -> ()
// CALL:         func.func private
// CALL-SAME:      length = 8192 : i64, split = 0 : i64, taps = 4096 : i64
// SM75-LABEL: func.func @long_row
// SM75:         call @{{[a-z0-9_]+}}
// SM75:         func.func private
// SM75-SAME:      length = 8192 : i64, split = 128 : i64, taps = 4096 : i64
func.func @long_row(%u: tensor<2x4096x8xf32>, %k: tensor<8x4096xf32>) -> tensor<2x4096x8xf32> {
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<2x4096x8xf32>, tensor<8x4096xf32>) -> tensor<2x4096x8xf32>
  return %y : tensor<2x4096x8xf32>
}

// -----

// An f16 row of n = 128 points on sm_80's tensor cores: one radix-16
// stage each way, the 16-point DFT matrix / 4 as A fragments of f16 pairs
// (real and imaginary parts, each split into a high and a low half: 32
// roundings to f16), a warp per 8 columns whose 16 points are the B
// operand: 4 real products of 3 split products each.
// Between them, the 8-point transforms' radix-4 and radix-2 stages and
// the spectra product (positions by bit reversal of the frequency's
// last 3 bits).
// CALL-LABEL: func.func @mma_row
// CALL:         func.func private
// CALL-SAME:      length = 128 : i64, split = 0 : i64, taps = 29 : i64, tensor_cores = true
// SM75-LABEL: func.func @mma_row
// SM75:         func.func private
// SM75-SAME:      tensor_cores = false
// KERNEL-LABEL:    func.func @mma_row
// KERNEL:          gpu.launch blocks({{.*}}) in ({{.*}}) threads({{.*}}) in (%{{[a-z0-9_]+}} = %c32,
// KERNEL-COUNT-32: arith.truncf %{{[a-z0-9_]+}} : f32 to f16
// KERNEL:          scf.for
// KERNEL-COUNT-12: nvvm.mma.sync {{.*}} {layoutA = #nvvm.mma_layout<row>, layoutB = #nvvm.mma_layout<col>, shape = #nvvm.shape<m = 16, n = 8, k = 16>} : (vector<2xf16>, vector<2xf16>, f32) -> !llvm.struct<(f32, f32, f32, f32)>
// KERNEL-COUNT-3:  gpu.barrier
// KERNEL-NOT:      gpu.barrier
// KERNEL:          llvm.intr.bitreverse
// KERNEL:          nvvm.mma.sync
// KERNEL-COUNT-11: nvvm.mma.sync
// KERNEL-NOT:      nvvm.mma.sync
// KERNEL:          gpu.terminator
func.func @mma_row(%u: tensor<?x100x4xf16>, %k: tensor<4x29xf16>) -> tensor<?x100x4xf16> {
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<?x100x4xf16>, tensor<4x29xf16>) -> tensor<?x100x4xf16>
  return %y : tensor<?x100x4xf16>
}

// -----

// Left to convert-ssm-to-linalg: the direct algorithm, f64, and a row
// whose four-step columns do not fit a block (circular L = 4M: n = 8M
// points, 1024-point columns, 262 KB for 32 of them).
// CALL-LABEL: func.func @left_alone
// CALL-COUNT-3: ssm.long_conv
// CALL-NOT:     call
func.func @left_alone(%u: tensor<1x64x2xf32>, %k: tensor<2x64xf32>, %u64: tensor<1x64x2xf64>, %k64: tensor<2x64xf64>, %ul: tensor<1x4194304x1xf32>, %kl: tensor<1x4194304xf32>) -> (tensor<1x64x2xf32>, tensor<1x64x2xf64>, tensor<1x4194304x1xf32>) {
  %a = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"direct", {}>} : (tensor<1x64x2xf32>, tensor<2x64xf32>) -> tensor<1x64x2xf32>
  %b = ssm.long_conv %u64, %k64 {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<1x64x2xf64>, tensor<2x64xf64>) -> tensor<1x64x2xf64>
  %c = ssm.long_conv %ul, %kl mode circular {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<1x4194304x1xf32>, tensor<1x4194304xf32>) -> tensor<1x4194304x1xf32>
  return %a, %b, %c : tensor<1x64x2xf32>, tensor<1x64x2xf64>, tensor<1x4194304x1xf32>
}

// -----

// A causal row of n = 32768 points does not fit a block: the four steps,
// rows of n / 64 = 512 points.
// CALL-LABEL: func.func @long_causal
// CALL:         call @{{[a-z0-9_]+}}
// CALL:         func.func private
// CALL-SAME:      length = 32768 : i64, split = 512 : i64, taps = 16384 : i64
func.func @long_causal(%u: tensor<1x16384x1xf32>, %k: tensor<1x16384xf32>) -> tensor<1x16384x1xf32> {
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<1x16384x1xf32>, tensor<1x16384xf32>) -> tensor<1x16384x1xf32>
  return %y : tensor<1x16384x1xf32>
}

// -----

// The four steps (forced: rows of 32 points) for n = 128 = 4 x 32: a
// scratch of [rows, 2, 4, 32] f32, the rows' scales [rows, 5] (cu, ck,
// max|z|, |u|, |k|) and their partial folds [rows, 1, 4] (a tile of 2048 times
// holds the 40 of u and k), five kernels (the partial folds, 256 threads
// on a tile of 32 rows: 2 x 256 words for u's and 2 x 32 x 33 for k's,
// 10496 bytes; the scales, a thread per row, no shared memory; forward
// columns, 32 per block, 5 words apart (2 x 32 x 5 words); pairs of rows a
// and 4 - a, for a = 0, 1, 2; inverse columns), the scratch freed after
// them. The
// twiddles between columns and rows, exp(-2 pi i j / 128), are table
// entries: the 16 of period 32, then the 4 fine factors exp(-2 pi i r / 128)
// (cos(2 pi / 128) = 0.998795...), whose products the column kernel takes.
// The scratch holds 2 GB (8 x 128 bytes per row: 2097152 rows at a time);
// a host loop takes the rows in chunks of that many.
// SPLIT-LABEL: func.func @four_step
// SPLIT:         arith.constant dense<[1.000000e+00, 0.98078525, {{.*}}, -0.98078525, 1.000000e+00, 0.998795449, 0.995184719, 0.989176511]> : tensor<20xf32>
// SPLIT:         %[[COS:[a-z0-9_]+]] = bufferization.to_buffer %{{.*}} : tensor<20xf32> to memref<20xf32>
// SPLIT:         %[[ROWS:[a-z0-9_]+]] = arith.muli
// SPLIT:         %[[FIT:[a-z0-9_]+]] = arith.minui %[[ROWS]], %c2097152
// SPLIT:         %[[S:[a-z0-9_]+]] = memref.alloc(%[[FIT]]) : memref<?x2x4x32xf32>
// SPLIT:         %[[SCALES:[a-z0-9_]+]] = memref.alloc(%[[FIT]]) : memref<?x5xf32>
// SPLIT:         %[[PARTIALS:[a-z0-9_]+]] = memref.alloc(%[[FIT]]) : memref<?x1x4xf32>
// SPLIT:         scf.for %[[FIRST:[a-z0-9_]+]] = %c0{{(_[0-9]+)?}} to %[[ROWS]] step %c2097152
// SPLIT:           %[[LEFT:[a-z0-9_]+]] = arith.subi %[[ROWS]], %[[FIRST]]
// SPLIT:           %[[CHUNK:[a-z0-9_]+]] = arith.minui %c2097152, %[[LEFT]]
// SPLIT:         gpu.launch {{.*}} threads({{.*}}) in (%{{[a-z0-9_]+}} = %c256, {{.*}}) dynamic_shared_memory_size %c10496_i32
// SPLIT:           memref.store %{{[a-z0-9_]+}}, %[[PARTIALS]]
// SPLIT:         gpu.launch {{.*}} threads({{.*}}) in (%{{[a-z0-9_]+}} = %c256{{(_[0-9]+)?}}, {{.*}}) dynamic_shared_memory_size %c0_i32
// SPLIT:           memref.load %[[PARTIALS]]
// SPLIT:           memref.store %{{[a-z0-9_]+}}, %[[SCALES]]
// SPLIT:         gpu.launch {{.*}} threads({{.*}}) in (%{{[a-z0-9_]+}} = %c32{{(_[0-9]+)?}}, {{.*}}) dynamic_shared_memory_size %c1280_i32
// SPLIT-NOT:       math.cos
// SPLIT:           memref.load %[[COS]]
// SPLIT:           memref.store %{{[a-z0-9_]+}}, %[[S]]
// SPLIT:         %[[PAIRS:[a-z0-9_]+]] = arith.muli %[[CHUNK]], %c3
// SPLIT:         gpu.launch blocks({{.*}}) in (%{{[a-z0-9_]+}} = %{{[a-z0-9_]+}}, {{.*}}) threads({{.*}}) in (%{{[a-z0-9_]+}} = %c32{{(_[0-9]+)?}}, {{.*}}) dynamic_shared_memory_size %c512_i32
// SPLIT:           memref.load %[[S]]
// SPLIT:           memref.store %{{[a-z0-9_]+}}, %[[S]]
// SPLIT:         gpu.launch {{.*}} dynamic_shared_memory_size %c1280_i32
// SPLIT:           memref.load %[[S]]
// SPLIT:           memref.store %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}[{{.*}}] : memref<2x64x3xf32>
// SPLIT:         memref.dealloc %[[S]]
// SPLIT:         memref.dealloc %[[SCALES]]
// SPLIT:         memref.dealloc %[[PARTIALS]]
func.func @four_step(%u: tensor<2x64x3xf32>, %k: tensor<3x40xf32>) -> tensor<2x64x3xf32> {
  %y = ssm.long_conv %u, %k {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<2x64x3xf32>, tensor<3x40xf32>) -> tensor<2x64x3xf32>
  return %y : tensor<2x64x3xf32>
}

// -----

// A circular convolution in four steps (L = 48, n = 128 = 4 x 32): the
// inverse columns put lin back into the scratch, and a sixth kernel (no
// shared memory, 1024 threads' worth of times per block) folds lin[t + L]
// onto y[t].
// SPLIT-LABEL: func.func @four_step_circular
// SPLIT-COUNT-5: gpu.launch
// SPLIT:         gpu.launch {{.*}} threads({{.*}}) in (%{{[a-z0-9_]+}} = %c512{{(_[0-9]+)?}}, {{.*}}) dynamic_shared_memory_size %c0_i32
// SPLIT-NOT:       gpu.dynamic_shared_memory
// SPLIT:           memref.load %{{[a-z0-9_]+}}[{{.*}}] : memref<?x2x4x32xf32>
// SPLIT:           memref.load %{{[a-z0-9_]+}}[{{.*}}] : memref<?x2x4x32xf32>
// SPLIT:           memref.store %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}[{{.*}}] : memref<2x48x3xf32>
// SPLIT-NOT:     gpu.launch
func.func @four_step_circular(%u: tensor<2x48x3xf32>, %k: tensor<3x48xf32>) -> tensor<2x48x3xf32> {
  %y = ssm.long_conv %u, %k mode circular {ssm.schedule = #ssm.schedule<"fft", {}>} : (tensor<2x48x3xf32>, tensor<3x48xf32>) -> tensor<2x48x3xf32>
  return %y : tensor<2x48x3xf32>
}
