// RUN: ssm-opt %s -split-input-file --inline | FileCheck %s
// The inliner moves ssm ops from private callees into their callers.

// A private callee with one selective_scan is inlined and then erased.
// CHECK-LABEL: func @call_selective_scan(
// CHECK-SAME: %[[X:[^:]+]]: tensor<1x7x4xf32>, %[[A:[^:]+]]: tensor<4x16xf32>, %[[B:[^:]+]]: tensor<1x7x2x16xf32>, %[[H0:[^:]+]]: tensor<1x4x16xf32>)
// CHECK-NOT: call @
// CHECK: %[[Y:[^,]+]], %[[HT:[^ ]+]] = ssm.selective_scan %[[X]], %[[X]], %[[A]], %[[B]], %[[B]] init(%[[H0]]) delta_softplus
// CHECK-NOT: call @
// CHECK: return %[[Y]], %[[HT]]
// CHECK-NOT: func @scan_block
func.func @call_selective_scan(%x: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %B: tensor<1x7x2x16xf32>, %h0: tensor<1x4x16xf32>) -> (tensor<1x7x4xf32>, tensor<1x4x16xf32>) {
  %y, %hT = func.call @scan_block(%x, %A, %B, %h0) : (tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x4x16xf32>) -> (tensor<1x7x4xf32>, tensor<1x4x16xf32>)
  return %y, %hT : tensor<1x7x4xf32>, tensor<1x4x16xf32>
}

func.func private @scan_block(%x: tensor<1x7x4xf32>, %A: tensor<4x16xf32>, %B: tensor<1x7x2x16xf32>, %h0: tensor<1x4x16xf32>) -> (tensor<1x7x4xf32>, tensor<1x4x16xf32>) {
  %y, %hT = ssm.selective_scan %x, %x, %A, %B, %B init(%h0) delta_softplus : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>, tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<1x4x16xf32>) -> (tensor<1x7x4xf32>, tensor<1x4x16xf32>)
  return %y, %hT : tensor<1x7x4xf32>, tensor<1x4x16xf32>
}

// -----

// A callee chaining ssm_kernel, long_conv and short_conv is inlined with its data flow intact.
// CHECK-LABEL: func @call_conv_block(
// CHECK-SAME: %[[A:[^:]+]]: tensor<4x8xcomplex<f32>>, %[[DT:[^:]+]]: tensor<4xf32>, %[[U:[^:]+]]: tensor<1x16x4xf32>, %[[W:[^:]+]]: tensor<4x3xf32>)
// CHECK-NOT: call @
// CHECK: %[[K:.+]] = ssm.ssm_kernel %[[A]], %[[A]], %[[A]], %[[DT]] length 16
// CHECK: %[[Y:.+]] = ssm.long_conv %[[U]], %[[K]]
// CHECK: %[[Z:.+]] = ssm.short_conv %[[Y]], %[[W]] activation silu
// CHECK-NOT: call @
// CHECK: return %[[Z]]
// CHECK-NOT: func @conv_block
func.func @call_conv_block(%A: tensor<4x8xcomplex<f32>>, %dt: tensor<4xf32>, %u: tensor<1x16x4xf32>, %w: tensor<4x3xf32>) -> tensor<1x16x4xf32> {
  %z = func.call @conv_block(%A, %dt, %u, %w) : (tensor<4x8xcomplex<f32>>, tensor<4xf32>, tensor<1x16x4xf32>, tensor<4x3xf32>) -> tensor<1x16x4xf32>
  return %z : tensor<1x16x4xf32>
}

func.func private @conv_block(%A: tensor<4x8xcomplex<f32>>, %dt: tensor<4xf32>, %u: tensor<1x16x4xf32>, %w: tensor<4x3xf32>) -> tensor<1x16x4xf32> {
  %k = ssm.ssm_kernel %A, %A, %A, %dt length 16 : (tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4x8xcomplex<f32>>, tensor<4xf32>) -> tensor<4x16xf32>
  %y = ssm.long_conv %u, %k : (tensor<1x16x4xf32>, tensor<4x16xf32>) -> tensor<1x16x4xf32>
  %z = ssm.short_conv %y, %w activation silu : (tensor<1x16x4xf32>, tensor<4x3xf32>) -> tensor<1x16x4xf32>
  return %z : tensor<1x16x4xf32>
}

// -----

// A callee called twice is inlined at both call sites; the second copy consumes the first.
// CHECK-LABEL: func @call_attention_twice(
// CHECK-SAME: %[[Q:[^:]+]]: tensor<1x4x8x16xf32>)
// CHECK-NOT: call @
// CHECK: %[[Y1:.+]] = ssm.attention %[[Q]], %[[Q]], %[[Q]] causal
// CHECK: %[[Y2:.+]] = ssm.attention %[[Y1]], %[[Y1]], %[[Y1]] causal
// CHECK-NOT: call @
// CHECK: return %[[Y2]]
// CHECK-NOT: func @attention_block
func.func @call_attention_twice(%q: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  %a = func.call @attention_block(%q) : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  %b = func.call @attention_block(%a) : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %b : tensor<1x4x8x16xf32>
}

func.func private @attention_block(%q: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  %y = ssm.attention %q, %q, %q causal : tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32> -> tensor<1x4x8x16xf32>
  return %y : tensor<1x4x8x16xf32>
}

// -----

// A callee with ssm ops is inlined into an scf.if region of the caller.
// CHECK-LABEL: func @call_in_region(
// CHECK-SAME: %[[C:[^:]+]]: i1, %[[X:[^:]+]]: tensor<8x16xf32>, %[[R:[^:]+]]: tensor<4x4x4xf32>, %[[W:[^:]+]]: tensor<4x8x2x2xf32>)
// CHECK-NOT: call @
// CHECK: scf.if %[[C]]
// CHECK: %[[M:.+]] = ssm.monarch %[[X]], %[[R]], %[[R]]
// CHECK: %[[B:.+]] = ssm.butterfly %[[M]], %[[W]]
// CHECK: scf.yield %[[B]]
// CHECK-NOT: call @
// CHECK-NOT: func @structured_block
func.func @call_in_region(%c: i1, %x: tensor<8x16xf32>, %r: tensor<4x4x4xf32>, %w: tensor<4x8x2x2xf32>) -> tensor<8x16xf32> {
  %y = scf.if %c -> tensor<8x16xf32> {
    %b = func.call @structured_block(%x, %r, %w) : (tensor<8x16xf32>, tensor<4x4x4xf32>, tensor<4x8x2x2xf32>) -> tensor<8x16xf32>
    scf.yield %b : tensor<8x16xf32>
  } else {
    scf.yield %x : tensor<8x16xf32>
  }
  return %y : tensor<8x16xf32>
}

func.func private @structured_block(%x: tensor<8x16xf32>, %r: tensor<4x4x4xf32>, %w: tensor<4x8x2x2xf32>) -> tensor<8x16xf32> {
  %m = ssm.monarch %x, %r, %r : tensor<8x16xf32>, tensor<4x4x4xf32>, tensor<4x4x4xf32> -> tensor<8x16xf32>
  %b = ssm.butterfly %m, %w : tensor<8x16xf32>, tensor<4x8x2x2xf32> -> tensor<8x16xf32>
  return %b : tensor<8x16xf32>
}
