// RUN: ssm-opt %s -split-input-file --ssm-fused-selective-scan | FileCheck %s --check-prefix=CALL
// RUN: ssm-opt %s -split-input-file --ssm-fused-selective-scan --ssm-expand-fused-kernels | FileCheck %s --check-prefix=KERNEL
// RUN: ssm-opt %s -split-input-file --ssm-fused-selective-scan=states-per-thread=8 | FileCheck %s --check-prefix=EIGHT
// RUN: not ssm-opt %s -split-input-file --ssm-fused-selective-scan=states-per-thread=3 2>&1 | FileCheck %s --check-prefix=BAD
// EIGHT: ssm.selective_scan = {{{.*}}states_per_thread = 8 : i64}
// BAD: error: ssm-fused-selective-scan: states-per-thread must be a power of two from 2 to 32, not 3

// A bf16 scan with dynamic batch and length, a skip term, a gate and the
// final state: a call on the operands' buffers and new y and hT buffers
// (their dynamic sizes from x), to a declaration that records which
// optional operands and results the scan has.
// CALL-LABEL: func.func @scan
// CALL-COUNT-7: bufferization.to_buffer {{.*}} read_only
// CALL:         %[[Y:[a-z0-9_]+]] = memref.alloc(%{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}) : memref<?x?x40xbf16>
// CALL:         %[[H:[a-z0-9_]+]] = memref.alloc(%{{[a-z0-9_]+}}) : memref<?x40x16xbf16>
// CALL:         call @[[FN:[a-z0-9_]+]]({{.*}}, %[[Y]], %[[H]])
// CALL-DAG:     %[[YT:[a-z0-9_]+]] = bufferization.to_tensor %[[Y]] restrict :
// CALL-DAG:     %[[HT:[a-z0-9_]+]] = bufferization.to_tensor %[[H]] restrict :
// CALL:         return %[[YT]], %[[HT]]
// CALL:         func.func private @[[FN]]
// CALL-SAME:      attributes {ssm.selective_scan = {delta_bias = false, delta_softplus = true, final_state = true, gate = true, init = false, skip = true, states_per_thread = 4 : i64}}

// The kernel: 128 threads per block, a thread per (batch, channel, 4
// state elements), the 4 states carried in registers over time (exp(dt A)
// as exp2(dt (A log2 e))), y summed over them and then over the 4 lanes of
// a channel (the skip term part of the sum), gated and stored; hT stored
// by every lane.
// KERNEL-LABEL: func.func @scan
// KERNEL-NOT:   call
// KERNEL:       gpu.launch
// KERNEL-SAME:    in (%{{[a-z0-9_]+}} = %c128,
// Steps go in chunks of 16, software-pipelined: the first chunk's loads
// before the loop (when there is a whole chunk); each iteration stores the
// B and C words it holds into the block's staging (shared memory, between
// barriers), loads the next chunk's x, delta of four steps, z and 4 words
// of B and C (40 values carried with the 4 states), then runs its 16
// steps: lane j of a channel computes steps j, j + 4, j + 8 and j + 12's
// dt (bias, softplus as log2(1 + exp2(-|dt| log2 e)) ln 2, both afn), which
// the channel's lanes read by index shuffles, and each step reads its 4
// elements of B and of C from the staging with one vector load each. The
// steps go 4 at a time, their y summed over the channel's 4 lanes by a
// reduce-scatter (two xor shuffles at offset 2, one at offset 1), after
// which lane j stores step j's y. Then the last L mod 16 steps one by one
// (each lane its own dt; y summed by two xor shuffles and stored by the
// channel's first lane), from global memory, from the states the chunks
// leave.
// A warp none of whose channels is in the group (the block's last, when
// D / G is not a multiple of its channels) skips the steps: they are in an
// scf.if on whether the warp's first channel is.
// KERNEL:         scf.if
// KERNEL:         arith.cmpi ult, %{{[a-z0-9_]+}}, %[[CPG:[a-z0-9_]+]] : index
// KERNEL:         %[[WARP:[a-z0-9_]+]] = arith.cmpi ult, %{{[a-z0-9_]+}}, %[[CPG]] : index
// KERNEL:         %[[LEFT:[a-z0-9_]+]] = arith.remui %[[L:[a-z0-9_]+]], %c16
// KERNEL:         %[[WHOLE:[a-z0-9_]+]] = arith.subi %[[L]], %[[LEFT]]
// KERNEL:         %[[ANY:[a-z0-9_]+]] = arith.cmpi ult, %{{[a-z0-9_]+}}, %[[WHOLE]]
// KERNEL:         %[[MAIN:[a-z0-9_]+]]:4 = scf.if %[[ANY]] -> (f32, f32, f32, f32)
// KERNEL-COUNT-40:  memref.load
// KERNEL:           scf.for %{{[a-z0-9_]+}} = %{{[a-z0-9_]+}} to %[[WHOLE]] step %c16{{(_[0-9]+)?}} iter_args(%[[H:[a-z0-9_]+]] = {{.*}}) -> ({{(f32, )+}}f32)
// KERNEL-NEXT:        gpu.barrier
// KERNEL-COUNT-4:     memref.store %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}[%{{[a-z0-9_]+}}] : memref<512xf32, #gpu.address_space<workgroup>>
// KERNEL-NEXT:        gpu.barrier
// KERNEL-COUNT-40:    memref.load
// KERNEL:             scf.if %[[WARP]] -> (f32, f32, f32, f32)
// KERNEL-NOT:           gpu.shuffle
// KERNEL-COUNT-4:       math.log2 %{{[a-z0-9_]+}} fastmath<afn>
// KERNEL-COUNT-16:      gpu.shuffle idx
// KERNEL-NOT:           memref.load
// KERNEL:               vector.load %{{[a-z0-9_]+}}[%{{[a-z0-9_]+}}] {alignment = 16 : i64} : memref<512xf32, #gpu.address_space<workgroup>>, vector<4xf32>
// KERNEL:               vector.load %{{[a-z0-9_]+}}[%{{[a-z0-9_]+}}] {alignment = 16 : i64} : memref<512xf32, #gpu.address_space<workgroup>>, vector<4xf32>
// KERNEL-COUNT-16:      math.exp2 %{{[a-z0-9_]+}} fastmath<afn>
// KERNEL-NOT:           gpu.shuffle
// KERNEL:               gpu.shuffle xor %{{[a-z0-9_]+}}, %c2_i32, %c32_i32
// KERNEL-NOT:           scf.if
// KERNEL:               gpu.shuffle xor %{{[a-z0-9_]+}}, %c2_i32{{(_[0-9]+)?}}, %c32_i32
// KERNEL-NOT:           scf.if
// KERNEL:               gpu.shuffle xor %{{[a-z0-9_]+}}, %c1_i32,
// KERNEL-NOT:           gpu.shuffle
// KERNEL:               scf.if
// KERNEL:                 arith.truncf %{{[a-z0-9_]+}} : f32 to bf16
// KERNEL:                 memref.store %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}[{{.*}}] : memref<?x?x40xbf16>
// KERNEL:             } else {
// KERNEL-NEXT:          scf.yield %[[H]], %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : f32, f32, f32, f32
// KERNEL:         } else {
// KERNEL-NEXT:      scf.yield
// KERNEL:         %[[LAST:[a-z0-9_]+]]:4 = scf.if %[[WARP]] -> (f32, f32, f32, f32)
// KERNEL:           scf.for %{{[a-z0-9_]+}} = %[[WHOLE]] to %[[L]] step %{{[a-z0-9_]+}} iter_args(%{{[a-z0-9_]+}} = %[[MAIN]]#0, %{{[a-z0-9_]+}} = %[[MAIN]]#1, %{{[a-z0-9_]+}} = %[[MAIN]]#2, %{{[a-z0-9_]+}} = %[[MAIN]]#3) -> (f32, f32, f32, f32)
// KERNEL:             gpu.shuffle xor
// KERNEL:         } else {
// KERNEL-NEXT:      scf.yield %[[MAIN]]#0, %[[MAIN]]#1, %[[MAIN]]#2, %[[MAIN]]#3
// KERNEL:         scf.if
// KERNEL:           arith.truncf %[[LAST]]#0 : f32 to bf16
// KERNEL:           memref.store %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}[{{.*}}] : memref<?x40x16xbf16>
// KERNEL:           arith.truncf %[[LAST]]#3 : f32 to bf16
// KERNEL:           memref.store %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}[{{.*}}] : memref<?x40x16xbf16>
// KERNEL-NOT:   func.func private
func.func @scan(%x: tensor<?x?x40xbf16>, %delta: tensor<?x?x40xbf16>, %A: tensor<40x16xbf16>, %B: tensor<?x?x2x16xbf16>, %C: tensor<?x?x2x16xbf16>, %D: tensor<40xbf16>, %z: tensor<?x?x40xbf16>) -> (tensor<?x?x40xbf16>, tensor<?x40x16xbf16>) {
  %y, %h = ssm.selective_scan %x, %delta, %A, %B, %C skip(%D) gate(%z) delta_softplus : (tensor<?x?x40xbf16>, tensor<?x?x40xbf16>, tensor<40x16xbf16>, tensor<?x?x2x16xbf16>, tensor<?x?x2x16xbf16>, tensor<40xbf16>, tensor<?x?x40xbf16>) -> (tensor<?x?x40xbf16>, tensor<?x40x16xbf16>)
  return %y, %h : tensor<?x?x40xbf16>, tensor<?x40x16xbf16>
}

// -----

// An initial state and a delta bias; N = 1 (no shuffles).
// CALL-LABEL: func.func @init_bias
// CALL:         ssm.selective_scan = {delta_bias = true, delta_softplus = false, final_state = false, gate = false, init = true, skip = false, states_per_thread = 4 : i64}
// KERNEL-LABEL: func.func @init_bias
// KERNEL:       gpu.launch
// KERNEL:         %[[H0:[a-z0-9_]+]] = memref.load %{{[a-z0-9_]+}}[{{.*}}] : memref<2x4x1xf32>
// KERNEL:         scf.if %{{[a-z0-9_]+}} -> (f32)
// KERNEL:           scf.for {{.*}} iter_args(%[[HI:[a-z0-9_]+]] = %[[H0]], {{.*}}) -> ({{(f32, )+}}f32)
// KERNEL:             scf.if %{{[a-z0-9_]+}} -> (f32)
// KERNEL-NOT:           gpu.shuffle
// KERNEL:             } else {
// KERNEL-NEXT:          scf.yield %[[HI]] : f32
// KERNEL-NOT:       gpu.shuffle
// KERNEL:         } else {
// KERNEL-NEXT:      scf.yield %[[H0]] : f32
// KERNEL:         scf.if
// KERNEL:           scf.for
// KERNEL-NOT:         gpu.shuffle
// KERNEL:             scf.yield
func.func @init_bias(%x: tensor<2x9x4xf32>, %delta: tensor<2x9x4xf32>, %A: tensor<4x1xf32>, %B: tensor<2x9x1x1xf32>, %bias: tensor<4xf32>, %h0: tensor<2x4x1xf32>) -> tensor<2x9x4xf32> {
  %y = ssm.selective_scan %x, %delta, %A, %B, %B delta_bias(%bias) init(%h0) : (tensor<2x9x4xf32>, tensor<2x9x4xf32>, tensor<4x1xf32>, tensor<2x9x1x1xf32>, tensor<2x9x1x1xf32>, tensor<4xf32>, tensor<2x4x1xf32>) -> tensor<2x9x4xf32>
  return %y : tensor<2x9x4xf32>
}

// -----

// Left to convert-ssm-to-linalg: N = 3 and N = 64 (not a power of two up
// to 32), f64, and a chunked schedule.
// CALL-LABEL: func.func @left_alone
// CALL-COUNT-4: ssm.selective_scan
// CALL-NOT:     call
func.func @left_alone(%x: tensor<1x5x2xf32>, %A3: tensor<2x3xf32>, %B3: tensor<1x5x1x3xf32>, %A64: tensor<2x64xf32>, %B64: tensor<1x5x1x64xf32>, %x64: tensor<1x5x2xf64>, %A4: tensor<2x4xf64>, %B4: tensor<1x5x1x4xf64>, %Af: tensor<2x4xf32>, %Bf: tensor<1x5x1x4xf32>) -> (tensor<1x5x2xf32>, tensor<1x5x2xf32>, tensor<1x5x2xf64>, tensor<1x5x2xf32>) {
  %a = ssm.selective_scan %x, %x, %A3, %B3, %B3 : (tensor<1x5x2xf32>, tensor<1x5x2xf32>, tensor<2x3xf32>, tensor<1x5x1x3xf32>, tensor<1x5x1x3xf32>) -> tensor<1x5x2xf32>
  %b = ssm.selective_scan %x, %x, %A64, %B64, %B64 : (tensor<1x5x2xf32>, tensor<1x5x2xf32>, tensor<2x64xf32>, tensor<1x5x1x64xf32>, tensor<1x5x1x64xf32>) -> tensor<1x5x2xf32>
  %c = ssm.selective_scan %x64, %x64, %A4, %B4, %B4 : (tensor<1x5x2xf64>, tensor<1x5x2xf64>, tensor<2x4xf64>, tensor<1x5x1x4xf64>, tensor<1x5x1x4xf64>) -> tensor<1x5x2xf64>
  %d = ssm.selective_scan %x, %x, %Af, %Bf, %Bf {ssm.schedule = #ssm.schedule<"chunked", {chunk = 2 : i64}>} : (tensor<1x5x2xf32>, tensor<1x5x2xf32>, tensor<2x4xf32>, tensor<1x5x1x4xf32>, tensor<1x5x1x4xf32>) -> tensor<1x5x2xf32>
  return %a, %b, %c, %d : tensor<1x5x2xf32>, tensor<1x5x2xf32>, tensor<1x5x2xf64>, tensor<1x5x2xf32>
}
