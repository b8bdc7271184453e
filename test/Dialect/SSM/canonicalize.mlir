// RUN: ssm-opt %s -split-input-file --canonicalize | FileCheck %s
// Every ssm op is Pure: --canonicalize erases those whose results are unused.

// An attention op whose result is unused is erased.
// CHECK-LABEL: func @attention_dead(
// CHECK-NOT: ssm.
// CHECK: return
func.func @attention_dead(%q: tensor<1x4x8x16xf32>) {
  %y = ssm.attention %q, %q, %q causal : tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32> -> tensor<1x4x8x16xf32>
  return
}

// -----

// The used attention op stays; the unused one next to it is erased.
// CHECK-LABEL: func @attention_used_and_dead(
// CHECK: %[[Y:.+]] = ssm.attention {{.*}} window 4 :
// CHECK-NOT: ssm.
// CHECK: return %[[Y]]
func.func @attention_used_and_dead(%q: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  %used = ssm.attention %q, %q, %q window 4 : tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32> -> tensor<1x4x8x16xf32>
  %dead = ssm.attention %q, %q, %q window 8 : tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32> -> tensor<1x4x8x16xf32>
  return %used : tensor<1x4x8x16xf32>
}

// -----

// A dead linear_attention op is erased.
// CHECK-LABEL: func @linear_attention_dead(
// CHECK-NOT: ssm.
// CHECK: return
func.func @linear_attention_dead(%q: tensor<1x4x64x16xf32>) {
  %y = ssm.linear_attention %q, %q, %q causal normalize feature_map taylor2 : tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32> -> tensor<1x4x64x16xf32>
  return
}

// -----

// A selective_scan with every optional operand and both results unused is erased.
// CHECK-LABEL: func @selective_scan_dead(
// CHECK-NOT: ssm.
// CHECK: return
func.func @selective_scan_dead(%x: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %B: tensor<1x7x2x16xf32>, %D: tensor<4xf32>, %h0: tensor<1x4x16xf32>) {
  %y, %hT = ssm.selective_scan %x, %x, %A, %B, %B skip(%D) gate(%x) delta_bias(%D) init(%h0) delta_softplus : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<4xf32>, tensor<1x7x4xf32>, tensor<4xf32>, tensor<1x4x16xf32>) -> (tensor<1x7x4xf32>, tensor<1x4x16xf32>)
  return
}

// -----

// A selective_scan whose only used result is the final state stays, with both results.
// CHECK-LABEL: func @selective_scan_final_state_used(
// CHECK: %{{[^,]+}}, %[[HT:[^ ]+]] = ssm.selective_scan
// CHECK: return %[[HT]]
func.func @selective_scan_final_state_used(%x: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %B: tensor<1x7x2x16xf32>) -> tensor<1x4x16xf32> {
  %y, %hT = ssm.selective_scan %x, %x, %A, %B, %B : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>) -> (tensor<1x7x4xf32>, tensor<1x4x16xf32>)
  return %hT : tensor<1x4x16xf32>
}

// -----

// A dead 2-result ssd is erased; a used one stays.
// CHECK-LABEL: func @ssd_used_and_dead(
// CHECK: %[[Y:.+]] = ssm.ssd {{.*}} dt_softplus :
// CHECK-NOT: ssm.
// CHECK: return %[[Y]]
func.func @ssd_used_and_dead(%x: tensor<1x4x2x3xf32>, %dt: tensor<1x4x2xf32>, %A: tensor<2xf32>, %B: tensor<1x4x1x5xf32>, %h0: tensor<1x2x3x5xf32>) -> tensor<1x4x2x3xf32> {
  %used = ssm.ssd %x, %dt, %A, %B, %B dt_softplus : (tensor<1x4x2x3xf32>, tensor<1x4x2xf32>, tensor<2xf32>, tensor<1x4x1x5xf32>, tensor<1x4x1x5xf32>) -> tensor<1x4x2x3xf32>
  %y, %hT = ssm.ssd %x, %dt, %A, %B, %B skip(%A) init(%h0) : (tensor<1x4x2x3xf32>, tensor<1x4x2xf32>, tensor<2xf32>, tensor<1x4x1x5xf32>, tensor<1x4x1x5xf32>, tensor<2xf32>, tensor<1x2x3x5xf32>) -> (tensor<1x4x2x3xf32>, tensor<1x2x3x5xf32>)
  return %used : tensor<1x4x2x3xf32>
}

// -----

// A dead chain ssm_kernel -> long_conv -> short_conv is erased entirely.
// CHECK-LABEL: func @kernel_conv_chain_dead(
// CHECK-NOT: ssm.
// CHECK: return
func.func @kernel_conv_chain_dead(%A: tensor<4x8xcomplex<f32>>, %dt: tensor<4xf32>, %u: tensor<1x16x4xf32>, %w: tensor<4x3xf32>) {
  %k = ssm.ssm_kernel %A, %A, %A, %dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xf32>
  %y = ssm.long_conv %u, %k mode circular : (tensor<1x16x4xf32>, tensor<4x16xf32>) -> tensor<1x16x4xf32>
  %z = ssm.short_conv %y, %w activation silu : (tensor<1x16x4xf32>, tensor<4x3xf32>) -> tensor<1x16x4xf32>
  return
}

// -----

// In a used chain ssm_kernel -> long_conv -> short_conv every op stays.
// CHECK-LABEL: func @kernel_conv_chain_used(
// CHECK: %[[K:.+]] = ssm.ssm_kernel
// CHECK: %[[Y:.+]] = ssm.long_conv %{{[^ ]+}}, %[[K]]
// CHECK: %[[Z:.+]] = ssm.short_conv %[[Y]],
// CHECK: return %[[Z]]
func.func @kernel_conv_chain_used(%A: tensor<4x8xcomplex<f32>>, %dt: tensor<4xf32>, %u: tensor<1x16x4xf32>, %w: tensor<4x3xf32>) -> tensor<1x16x4xf32> {
  %k = ssm.ssm_kernel %A, %A, %A, %dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xf32>
  %y = ssm.long_conv %u, %k mode circular : (tensor<1x16x4xf32>, tensor<4x16xf32>) -> tensor<1x16x4xf32>
  %z = ssm.short_conv %y, %w activation silu : (tensor<1x16x4xf32>, tensor<4x3xf32>) -> tensor<1x16x4xf32>
  return %z : tensor<1x16x4xf32>
}

// -----

// Of a monarch -> butterfly chain, only the used monarch stays.
// CHECK-LABEL: func @monarch_used_butterfly_dead(
// CHECK: %[[M:.+]] = ssm.monarch
// CHECK-NOT: ssm.
// CHECK: return %[[M]]
func.func @monarch_used_butterfly_dead(%x: tensor<8x16xf32>, %r: tensor<4x4x4xf32>, %l: tensor<4x4x4xf32>, %w: tensor<4x8x2x2xf32>) -> tensor<8x16xf32> {
  %m = ssm.monarch %x, %r, %l : tensor<8x16xf32>, tensor<4x4x4xf32>, tensor<4x4x4xf32> -> tensor<8x16xf32>
  %b = ssm.butterfly %m, %w : tensor<8x16xf32>, tensor<4x8x2x2xf32> -> tensor<8x16xf32>
  return %m : tensor<8x16xf32>
}

// -----

// An ssm op used only inside a nested region stays.
// CHECK-LABEL: func @butterfly_used_in_region(
// CHECK: %[[B:.+]] = ssm.butterfly
// CHECK: scf.if
// CHECK: ssm.monarch %[[B]],
func.func @butterfly_used_in_region(%c: i1, %x: tensor<8x16xf32>, %w: tensor<4x8x2x2xf32>, %r: tensor<4x4x4xf32>) -> tensor<8x16xf32> {
  %b = ssm.butterfly %x, %w : tensor<8x16xf32>, tensor<4x8x2x2xf32> -> tensor<8x16xf32>
  %y = scf.if %c -> tensor<8x16xf32> {
    %m = ssm.monarch %b, %r, %r : tensor<8x16xf32>, tensor<4x4x4xf32>, tensor<4x4x4xf32> -> tensor<8x16xf32>
    scf.yield %m : tensor<8x16xf32>
  } else {
    scf.yield %x : tensor<8x16xf32>
  }
  return %y : tensor<8x16xf32>
}
