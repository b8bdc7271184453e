// RUN: ssm-opt %s --convert-ssm-to-linalg="tile-attention-queries=false tile-monarch-rows=false tile-heads=false round-product-operands=true" --cse | FileCheck %s
// RUN: ssm-opt %s --convert-ssm-to-linalg="tile-attention-queries=false tile-monarch-rows=false tile-heads=false" --cse | FileCheck %s --check-prefix=EXACT

// With round-product-operands, the f32 intermediates that the products of
// an f16/bf16 op read are rounded to its element type, so that every such
// product multiplies two 16-bit operands into f32 (after
// ssm-fold-extensions also for the operands that were extended inputs).

// Attention: the probabilities are computed in f32 and written as bf16;
// both the row sums and P V read them extended.
// CHECK-LABEL: func.func @attention_bf16
// CHECK:       scf.for
// CHECK:         %[[P:[a-z0-9_]+]] = linalg.generic {{.*}} outs(%{{[a-z0-9_]+}} : tensor<1x2x8x?xbf16>)
// CHECK:           math.exp
// CHECK:           %[[ROUNDED:[a-z0-9_]+]] = arith.truncf %{{[a-z0-9_]+}} : f32 to bf16
// CHECK-NEXT:      linalg.yield %[[ROUNDED]] : bf16
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[P]] : tensor<1x2x8x?xbf16>) outs(%{{[a-z0-9_]+}} : tensor<1x2x8xf32>)
// CHECK-NEXT:    ^bb0(%[[PIN:[a-z0-9_]+]]: bf16, %{{[a-z0-9_]+}}: f32):
// CHECK-NEXT:      arith.extf %[[PIN]] : bf16 to f32
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "reduction", "parallel"]} ins(%[[P]], %{{[a-z0-9_]+}} : tensor<1x2x8x?xbf16>, tensor<1x1x?x16xf32>) outs(%{{[a-z0-9_]+}} : tensor<1x2x8x16xf32>)
// CHECK-NEXT:    ^bb0(%[[PV:[a-z0-9_]+]]: bf16, %[[V:[a-z0-9_]+]]: f32, %[[ACC:[a-z0-9_]+]]: f32):
// CHECK-NEXT:      %[[WIDE:[a-z0-9_]+]] = arith.extf %[[PV]] : bf16 to f32
// CHECK-NEXT:      %[[PRODUCT:[a-z0-9_]+]] = arith.mulf %[[WIDE]], %[[V]]
// CHECK-NEXT:      arith.addf %[[ACC]], %[[PRODUCT]]
// EXACT-LABEL: func.func @attention_bf16
// EXACT-NOT:   tensor<1x2x8x?xbf16>
// EXACT:       return
func.func @attention_bf16(%q: tensor<1x2x8x16xbf16>, %k: tensor<1x1x8x16xbf16>, %v: tensor<1x1x8x16xbf16>) -> tensor<1x2x8x16xbf16> {
  %y = ssm.attention %q, %k, %v causal : tensor<1x2x8x16xbf16>, tensor<1x1x8x16xbf16>, tensor<1x1x8x16xbf16> -> tensor<1x2x8x16xbf16>
  return %y : tensor<1x2x8x16xbf16>
}

// An f32 op is left as it is: its probabilities stay f32.
// CHECK-LABEL: func.func @attention_f32
// CHECK-NOT:   arith.truncf
// CHECK:       return
func.func @attention_f32(%q: tensor<1x2x8x16xf32>, %k: tensor<1x1x8x16xf32>, %v: tensor<1x1x8x16xf32>) -> tensor<1x2x8x16xf32> {
  %y = ssm.attention %q, %k, %v : tensor<1x2x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32> -> tensor<1x2x8x16xf32>
  return %y : tensor<1x2x8x16xf32>
}

// Monarch: Z (accumulated in f32) is rounded to f16 before the second block
// product.
// CHECK-LABEL: func.func @monarch_f16
// CHECK:       %[[Z:[a-z0-9_]+]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction", "parallel"]} ins({{.*}}) outs(%{{[a-z0-9_]+}} : tensor<5x4x4xf32>)
// CHECK:       %[[Z16:[a-z0-9_]+]] = linalg.generic {{.*}} ins(%[[Z]] : tensor<5x4x4xf32>) outs(%{{[a-z0-9_]+}} : tensor<5x4x4xf16>)
// CHECK:         arith.truncf %{{[a-z0-9_]+}} : f32 to f16
// CHECK:       linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction", "parallel"]} ins(%{{[a-z0-9_]+}}, %[[Z16]] : tensor<4x4x4xf32>, tensor<5x4x4xf16>) outs(%{{[a-z0-9_]+}} : tensor<5x4x4xf32>)
// EXACT-LABEL: func.func @monarch_f16
// EXACT-NOT:   tensor<5x4x4xf16>
// EXACT:       return
func.func @monarch_f16(%x: tensor<5x16xf16>, %r: tensor<4x4x4xf16>, %l: tensor<4x4x4xf16>) -> tensor<5x16xf16> {
  %y = ssm.monarch %x, %r, %l : tensor<5x16xf16>, tensor<4x4x4xf16>, tensor<4x4x4xf16> -> tensor<5x16xf16>
  return %y : tensor<5x16xf16>
}

// Chunked SSD: the masked chunk scores ([B, chunks, H, Q, Q]), the
// decay-weighted inputs ([B, chunks, Q, H, P]), C e^{c} ([B, chunks, Q, H,
// N]) and the states entering the chunks ([B, chunks, H, N, P]) are written
// as bf16; the products that read them extend them. C B^T reads two
// extended inputs (bf16 once ssm-fold-extensions has run).
// CHECK-LABEL: func.func @ssd_bf16
// CHECK:       %[[SCORES:[a-z0-9_]+]] = linalg.generic {{.*}} outs(%{{[a-z0-9_]+}} : tensor<1x2x2x4x4xbf16>)
// CHECK:       linalg.generic {{.*}} ins(%[[SCORES]], %{{[a-z0-9_]+}} : tensor<1x2x2x4x4xbf16>, tensor<1x2x4x2x3xf32>) outs(%{{[a-z0-9_]+}} : tensor<1x2x4x2x3xf32>)
// CHECK:       %[[WEIGHTED:[a-z0-9_]+]] = linalg.generic {{.*}} outs(%{{[a-z0-9_]+}} : tensor<1x2x4x2x3xbf16>)
// CHECK:       linalg.generic {{.*}} ins(%{{[a-z0-9_]+}}, %[[WEIGHTED]] : tensor<1x2x4x1x4xf32>, tensor<1x2x4x2x3xbf16>) outs(%{{[a-z0-9_]+}} : tensor<1x2x2x4x3xf32>)
// CHECK:       %[[PASSED:[a-z0-9_]+]]:2 = scf.for
// CHECK:       %[[SCALEDC:[a-z0-9_]+]] = linalg.generic {{.*}} outs(%{{[a-z0-9_]+}} : tensor<1x2x4x2x4xbf16>)
// CHECK:       %[[ENTERING:[a-z0-9_]+]] = linalg.generic {{.*}} ins(%[[PASSED]]#1 : tensor<1x2x2x4x3xf32>) outs(%{{[a-z0-9_]+}} : tensor<1x2x2x4x3xbf16>)
// CHECK:       linalg.generic {{.*}} ins(%[[SCALEDC]], %[[ENTERING]] : tensor<1x2x4x2x4xbf16>, tensor<1x2x2x4x3xbf16>) outs(%{{[a-z0-9_]+}} : tensor<1x2x4x2x3xf32>)
// CHECK-NEXT:  ^bb0(%[[C:[a-z0-9_]+]]: bf16, %[[H:[a-z0-9_]+]]: bf16, %{{[a-z0-9_]+}}: f32):
// CHECK-NEXT:    arith.extf %[[C]] : bf16 to f32
// CHECK-NEXT:    arith.extf %[[H]] : bf16 to f32
// EXACT-LABEL: func.func @ssd_bf16
// EXACT-NOT:   outs(%{{[a-z0-9_]+}} : tensor<1x2x{{[0-9x]+}}xbf16>)
// EXACT:       return
func.func @ssd_bf16(%x: tensor<1x8x2x3xbf16>, %dt: tensor<1x8x2xbf16>, %A: tensor<2xbf16>, %B: tensor<1x8x1x4xbf16>) -> tensor<1x8x2x3xbf16> {
  %y = ssm.ssd %x, %dt, %A, %B, %B {ssm.schedule = #ssm.schedule<"chunked", {chunk = 4 : i64}>} : (tensor<1x8x2x3xbf16>, tensor<1x8x2xbf16>, tensor<2xbf16>, tensor<1x8x1x4xbf16>, tensor<1x8x1x4xbf16>) -> tensor<1x8x2x3xbf16>
  return %y : tensor<1x8x2x3xbf16>
}
