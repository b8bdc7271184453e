// REQUIRES: ptxas
// A selective scan on the GPU runs a thread per (batch, channel) that
// carries its N = 16 states through all steps; the short loops over the
// state are unrolled so that the state lives in registers: ptxas reports
// no stack frame (no local memory) and no spills for any kernel.
// RUN: ssm-compile %s --target=cuda --arch=sm_90 --emit=ptx -o %t.ptx
// RUN: %ptxas -arch=sm_90 -v %t.ptx -o %t.cubin 2>&1 | FileCheck %s
// CHECK: Compiling entry function
// CHECK-NOT: {{[1-9][0-9]*}} bytes stack frame
// CHECK-NOT: {{[1-9][0-9]*}} bytes spill
// CHECK: 0 bytes stack frame, 0 bytes spill stores, 0 bytes spill loads
// CHECK-NOT: {{[1-9][0-9]*}} bytes stack frame
// CHECK-NOT: {{[1-9][0-9]*}} bytes spill
func.func @f(%x: tensor<2x256x64xf32>, %dt: tensor<2x256x64xf32>, %A: tensor<64x16xf32>, %B: tensor<2x256x1x16xf32>, %C: tensor<2x256x1x16xf32>) -> tensor<2x256x64xf32> {
  %y = ssm.selective_scan %x, %dt, %A, %B, %C delta_softplus : (tensor<2x256x64xf32>, tensor<2x256x64xf32>, tensor<64x16xf32>, tensor<2x256x1x16xf32>, tensor<2x256x1x16xf32>) -> tensor<2x256x64xf32>
  return %y : tensor<2x256x64xf32>
}
