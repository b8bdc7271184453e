// RUN: ssm-opt %s --convert-ssm-to-linalg --cse | FileCheck %s --implicit-check-not=ssm. --implicit-check-not='{{x10x3x4x}}'

// ssm.selective_scan with the chunked schedule: L = 10 in chunks of 4, time
// zero-padded to 12 and viewed as [B, 3 chunks, 4 steps, ...]; an
// scf.forall over (batch, chunk) scans each chunk from a zero state (an
// scf.for over its 4 steps) and writes its output, the [D, N] state it
// ends with, and the running sum of dt; an scf.for over the 3 chunks passes
// the state along; one generic adds each step's readout of the state
// entering its chunk. No [L, D, N] tensor (the implicit CHECK-NOT).
// CHECK-LABEL: func @chunked
// CHECK: %[[TILES:.+]]:3 = scf.forall (%{{.+}}, %{{.+}}) in (1, 3) shared_outs({{.*}}) -> (tensor<1x3x4x3xf32>, tensor<1x3x3x4xf32>, tensor<1x3x4x3xf32>)
// CHECK:   scf.for %{{.+}} = %{{.+}} to %c4 step
// CHECK: %[[PASSED:.+]]:2 = scf.for %{{.+}} = %{{.+}} to %c3 step %{{.+}} iter_args({{.*}}) -> (tensor<1x3x4xf32>, tensor<1x3x3x4xf32>)
// CHECK: %[[Y:.+]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins({{.*}}, %[[TILES]]#2, %[[PASSED]]#1 : {{.*}}) outs(%[[TILES]]#0 : tensor<1x3x4x3xf32>)
// CHECK: tensor.collapse_shape %[[Y]] {{.*}} into tensor<1x12x3xf32>
func.func @chunked(%x: tensor<1x10x3xf32>, %A: tensor<3x4xf32>, %B: tensor<1x10x1x4xf32>) -> tensor<1x10x3xf32> {
  %y = ssm.selective_scan %x, %x, %A, %B, %B {ssm.schedule = #ssm.schedule<"chunked", {chunk = 4 : i64}>} : (tensor<1x10x3xf32>, tensor<1x10x3xf32>, tensor<3x4xf32>, tensor<1x10x1x4xf32>, tensor<1x10x1x4xf32>) -> tensor<1x10x3xf32>
  return %y : tensor<1x10x3xf32>
}
