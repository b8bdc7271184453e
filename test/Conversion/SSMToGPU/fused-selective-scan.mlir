// RUN: ssm-opt %s -split-input-file --ssm-fused-selective-scan | FileCheck %s --check-prefix=CALL
// RUN: ssm-opt %s -split-input-file --ssm-fused-selective-scan --ssm-expand-fused-kernels | FileCheck %s --check-prefix=KERNEL

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
// CALL-SAME:      attributes {ssm.selective_scan = {delta_bias = false, delta_softplus = true, final_state = true, gate = true, init = false, skip = true}}

// The kernel: 128 threads per block, a thread per (batch, channel, 4
// state elements), the 4 states carried in registers over time (exp(dt A)
// as exp2(dt (A log2 e))), y summed over them and then over the 4 lanes of
// a channel by 2 shuffles, stored by the channel's first lane (with the
// skip term and the gate), hT by every lane.
// KERNEL-LABEL: func.func @scan
// KERNEL-NOT:   call
// KERNEL:       gpu.launch
// KERNEL-SAME:    in (%{{[a-z0-9_]+}} = %c128,
// Steps go 16 at a time, the 16 steps' loads (x, the thread's 4 elements
// of B and C, z) first and four deltas per lane: lane j of a channel
// computes steps j, j + 4, j + 8 and j + 12's dt (bias, softplus), which
// the channel's lanes read by index shuffles; then the last L mod 16 steps
// one by one (each lane its own dt), from the states the first loop
// leaves.
// KERNEL:         %[[LEFT:[a-z0-9_]+]] = arith.remui %[[L:[a-z0-9_]+]], %c16
// KERNEL:         %[[WHOLE:[a-z0-9_]+]] = arith.subi %[[L]], %[[LEFT]]
// KERNEL:         %[[MAIN:[a-z0-9_]+]]:4 = scf.for %{{[a-z0-9_]+}} = %{{[a-z0-9_]+}} to %[[WHOLE]] step %c16{{(_[0-9]+)?}} iter_args({{.*}}) -> (f32, f32, f32, f32)
// KERNEL-COUNT-160: memref.load
// KERNEL-NOT:       gpu.shuffle
// KERNEL-COUNT-4:   math.log1p
// KERNEL-COUNT-16:  gpu.shuffle idx
// KERNEL-NOT:       math.log1p
// KERNEL-COUNT-4:   math.exp2
// KERNEL-NOT:       gpu.shuffle
// KERNEL:           gpu.shuffle xor %{{[a-z0-9_]+}}, %c2_i32, %c32_i32
// KERNEL:           gpu.shuffle xor %{{[a-z0-9_]+}}, %c1_i32,
// KERNEL:           scf.if
// KERNEL:             arith.truncf %{{[a-z0-9_]+}} : f32 to bf16
// KERNEL:             memref.store %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}[{{.*}}] : memref<?x?x40xbf16>
// KERNEL:         %[[FINAL:[a-z0-9_]+]]:4 = scf.for %{{[a-z0-9_]+}} = %[[WHOLE]] to %[[L]] step %{{[a-z0-9_]+}} iter_args(%{{[a-z0-9_]+}} = %[[MAIN]]#0, %{{[a-z0-9_]+}} = %[[MAIN]]#1, %{{[a-z0-9_]+}} = %[[MAIN]]#2, %{{[a-z0-9_]+}} = %[[MAIN]]#3) -> (f32, f32, f32, f32)
// KERNEL:           gpu.shuffle xor
// KERNEL:         scf.if
// KERNEL:           arith.truncf %[[FINAL]]#0 : f32 to bf16
// KERNEL:           memref.store %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}[{{.*}}] : memref<?x40x16xbf16>
// KERNEL:           arith.truncf %[[FINAL]]#3 : f32 to bf16
// KERNEL:           memref.store %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}[{{.*}}] : memref<?x40x16xbf16>
// KERNEL-NOT:   func.func private
func.func @scan(%x: tensor<?x?x40xbf16>, %delta: tensor<?x?x40xbf16>, %A: tensor<40x16xbf16>, %B: tensor<?x?x2x16xbf16>, %C: tensor<?x?x2x16xbf16>, %D: tensor<40xbf16>, %z: tensor<?x?x40xbf16>) -> (tensor<?x?x40xbf16>, tensor<?x40x16xbf16>) {
  %y, %h = ssm.selective_scan %x, %delta, %A, %B, %C skip(%D) gate(%z) delta_softplus : (tensor<?x?x40xbf16>, tensor<?x?x40xbf16>, tensor<40x16xbf16>, tensor<?x?x2x16xbf16>, tensor<?x?x2x16xbf16>, tensor<40xbf16>, tensor<?x?x40xbf16>) -> (tensor<?x?x40xbf16>, tensor<?x40x16xbf16>)
  return %y, %h : tensor<?x?x40xbf16>, tensor<?x40x16xbf16>
}

// -----

// An initial state and a delta bias; N = 1 (no shuffles).
// CALL-LABEL: func.func @init_bias
// CALL:         ssm.selective_scan = {delta_bias = true, delta_softplus = false, final_state = false, gate = false, init = true, skip = false}
// KERNEL-LABEL: func.func @init_bias
// KERNEL:       gpu.launch
// KERNEL:         %[[H0:[a-z0-9_]+]] = memref.load %{{[a-z0-9_]+}}[{{.*}}] : memref<2x4x1xf32>
// KERNEL:         scf.for {{.*}} iter_args(%{{[a-z0-9_]+}} = %[[H0]]) -> (f32)
// KERNEL-NOT:       gpu.shuffle
// KERNEL:           scf.yield
// KERNEL-NOT:       gpu.shuffle
// KERNEL:         scf.for
// KERNEL-NOT:       gpu.shuffle
// KERNEL:           scf.yield
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
