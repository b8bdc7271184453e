// RUN: ssm-opt %s -split-input-file --ssm-fold-extensions | FileCheck %s

// A contraction of two extended operands reads the bf16 tensors and
// extends in its body; the extension generics go.
// CHECK-LABEL: func @contraction
// CHECK-SAME:    (%[[A:[a-z0-9_]+]]: tensor<8x4xbf16>, %[[B:[a-z0-9_]+]]: tensor<4x6xbf16>
// CHECK-NOT:   arith.extf
// CHECK:       linalg.generic
// CHECK-SAME:    ins(%[[A]], %[[B]] : tensor<8x4xbf16>, tensor<4x6xbf16>)
// CHECK-NEXT:  ^bb0(%[[X:[a-z0-9_]+]]: bf16, %[[Y:[a-z0-9_]+]]: bf16, %[[O:[a-z0-9_]+]]: f32):
// CHECK-DAG:     %[[YF:[a-z0-9_]+]] = arith.extf %[[Y]] : bf16 to f32
// CHECK-DAG:     %[[XF:[a-z0-9_]+]] = arith.extf %[[X]] : bf16 to f32
// CHECK:         %[[P:[a-z0-9_]+]] = arith.mulf %[[XF]], %[[YF]] : f32
// CHECK:         arith.addf %[[O]], %[[P]] : f32
// CHECK-NOT:   linalg.generic
#id = affine_map<(i, j) -> (i, j)>
#mk = affine_map<(m, n, k) -> (m, k)>
#kn = affine_map<(m, n, k) -> (k, n)>
#mn = affine_map<(m, n, k) -> (m, n)>
func.func @contraction(%a: tensor<8x4xbf16>, %b: tensor<4x6xbf16>, %c: tensor<8x6xf32>) -> tensor<8x6xf32> {
  %ea = tensor.empty() : tensor<8x4xf32>
  %af = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%a : tensor<8x4xbf16>) outs(%ea : tensor<8x4xf32>) {
  ^bb0(%x: bf16, %o: f32):
    %e = arith.extf %x : bf16 to f32
    linalg.yield %e : f32
  } -> tensor<8x4xf32>
  %eb = tensor.empty() : tensor<4x6xf32>
  %bf = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%b : tensor<4x6xbf16>) outs(%eb : tensor<4x6xf32>) {
  ^bb0(%x: bf16, %o: f32):
    %e = arith.extf %x : bf16 to f32
    linalg.yield %e : f32
  } -> tensor<4x6xf32>
  %y = linalg.generic {indexing_maps = [#mk, #kn, #mn], iterator_types = ["parallel", "parallel", "reduction"]} ins(%af, %bf : tensor<8x4xf32>, tensor<4x6xf32>) outs(%c : tensor<8x6xf32>) {
  ^bb0(%x: f32, %w: f32, %o: f32):
    %p = arith.mulf %x, %w : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  } -> tensor<8x6xf32>
  return %y : tensor<8x6xf32>
}

// -----

// Through views: the slice and the reshape are taken of the f16 tensor.
// An extension that other ops still read stays for them.
// CHECK-LABEL: func @through_views
// CHECK-SAME:    (%[[A:[a-z0-9_]+]]: tensor<4x12xf16>
// CHECK:       %[[WIDE:[a-z0-9_]+]] = linalg.generic {{.*}} ins(%[[A]] : tensor<4x12xf16>) outs(%{{[a-z0-9_]+}} : tensor<4x12xf32>)
// CHECK:       %[[S:[a-z0-9_]+]] = tensor.extract_slice %[[A]][0, 0] [2, 12] [1, 1] : tensor<4x12xf16> to tensor<2x12xf16>
// CHECK:       %[[E:[a-z0-9_]+]] = tensor.expand_shape %[[S]] {{\[}}[0], [1, 2]] output_shape [2, 3, 4] : tensor<2x12xf16> into tensor<2x3x4xf16>
// CHECK:       %[[N:[a-z0-9_]+]] = linalg.generic {{.*}} ins(%[[E]] : tensor<2x3x4xf16>) outs(%{{[a-z0-9_]+}} : tensor<2x3x4xf32>)
// CHECK-NEXT:  ^bb0(%[[X:[a-z0-9_]+]]: f16, %{{[a-z0-9_]+}}: f32):
// CHECK-NEXT:    %[[XF:[a-z0-9_]+]] = arith.extf %[[X]] : f16 to f32
// CHECK-NEXT:    arith.negf %[[XF]] : f32
// CHECK:       return %[[N]], %[[WIDE]]
#id2 = affine_map<(i, j) -> (i, j)>
#id3 = affine_map<(i, j, k) -> (i, j, k)>
func.func @through_views(%a: tensor<4x12xf16>) -> (tensor<2x3x4xf32>, tensor<4x12xf32>) {
  %e = tensor.empty() : tensor<4x12xf32>
  %wide = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]} ins(%a : tensor<4x12xf16>) outs(%e : tensor<4x12xf32>) {
  ^bb0(%x: f16, %o: f32):
    %w = arith.extf %x : f16 to f32
    linalg.yield %w : f32
  } -> tensor<4x12xf32>
  %s = tensor.extract_slice %wide[0, 0] [2, 12] [1, 1] : tensor<4x12xf32> to tensor<2x12xf32>
  %r = tensor.expand_shape %s [[0], [1, 2]] output_shape [2, 3, 4] : tensor<2x12xf32> into tensor<2x3x4xf32>
  %e3 = tensor.empty() : tensor<2x3x4xf32>
  %n = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]} ins(%r : tensor<2x3x4xf32>) outs(%e3 : tensor<2x3x4xf32>) {
  ^bb0(%x: f32, %o: f32):
    %y = arith.negf %x : f32
    linalg.yield %y : f32
  } -> tensor<2x3x4xf32>
  return %n, %wide : tensor<2x3x4xf32>, tensor<4x12xf32>
}

// -----

// A transposition of the extension folds in first (it becomes an
// extension with a permuted input), then the consumer reads the bf16
// tensor through the composed map.
// CHECK:       #[[$T:[a-z0-9_]+]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK-LABEL: func @transposed
// CHECK-SAME:    (%[[W:[a-z0-9_]+]]: tensor<5x3xbf16>
// CHECK:       linalg.generic {indexing_maps = [#{{[a-z0-9_]+}}, #[[$T]], #{{[a-z0-9_]+}}]
// CHECK-SAME:    ins(%{{[a-z0-9_]+}}, %[[W]] : tensor<2x5xf32>, tensor<5x3xbf16>)
#id2 = affine_map<(i, j) -> (i, j)>
#t = affine_map<(i, j) -> (j, i)>
#mk2 = affine_map<(m, n, k) -> (m, k)>
#nk = affine_map<(m, n, k) -> (n, k)>
#mn2 = affine_map<(m, n, k) -> (m, n)>
func.func @transposed(%w: tensor<5x3xbf16>, %x: tensor<2x5xf32>, %c: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %e = tensor.empty() : tensor<5x3xf32>
  %wf = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]} ins(%w : tensor<5x3xbf16>) outs(%e : tensor<5x3xf32>) {
  ^bb0(%v: bf16, %o: f32):
    %f = arith.extf %v : bf16 to f32
    linalg.yield %f : f32
  } -> tensor<5x3xf32>
  %et = tensor.empty() : tensor<3x5xf32>
  %wt = linalg.generic {indexing_maps = [#t, #id2], iterator_types = ["parallel", "parallel"]} ins(%wf : tensor<5x3xf32>) outs(%et : tensor<3x5xf32>) {
  ^bb0(%v: f32, %o: f32):
    linalg.yield %v : f32
  } -> tensor<3x5xf32>
  %y = linalg.generic {indexing_maps = [#mk2, #nk, #mn2], iterator_types = ["parallel", "parallel", "reduction"]} ins(%x, %wt : tensor<2x5xf32>, tensor<3x5xf32>) outs(%c : tensor<2x3xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  } -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// Zero padding (an insert_slice into a fill of 0.0, as the chunked
// algorithms pad time) is taken of the bf16 tensor: a bf16 fill of zeros,
// the same insert_slice, then the same expand_shape.
// CHECK-LABEL: func @zero_padded
// CHECK-SAME:    (%[[X:[a-z0-9_]+]]: tensor<10x3xbf16>
// CHECK-DAG:   %[[ZERO:[a-z0-9_]+]] = arith.constant 0.000000e+00 : bf16
// CHECK-DAG:   %[[EMPTY:[a-z0-9_]+]] = tensor.empty() : tensor<12x3xbf16>
// CHECK:       %[[ZEROS:[a-z0-9_]+]] = linalg.fill ins(%[[ZERO]] : bf16) outs(%[[EMPTY]] : tensor<12x3xbf16>)
// CHECK:       %[[PADDED:[a-z0-9_]+]] = tensor.insert_slice %[[X]] into %[[ZEROS]][0, 0] [10, 3] [1, 1] : tensor<10x3xbf16> into tensor<12x3xbf16>
// CHECK:       %[[CHUNKS:[a-z0-9_]+]] = tensor.expand_shape %[[PADDED]] {{\[}}[0, 1], [2]] output_shape [3, 4, 3] : tensor<12x3xbf16> into tensor<3x4x3xbf16>
// CHECK:       linalg.generic {{.*}} ins(%[[CHUNKS]] : tensor<3x4x3xbf16>)
// CHECK-NEXT:  ^bb0(%[[V:[a-z0-9_]+]]: bf16, %{{[a-z0-9_]+}}: f32):
// CHECK-NEXT:    arith.extf %[[V]] : bf16 to f32
#id2 = affine_map<(i, j) -> (i, j)>
#chunk = affine_map<(c, t, p) -> (c, t, p)>
#sum = affine_map<(c, t, p) -> (c, p)>
func.func @zero_padded(%x: tensor<10x3xbf16>, %acc: tensor<3x3xf32>) -> tensor<3x3xf32> {
  %e = tensor.empty() : tensor<10x3xf32>
  %xf = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<10x3xbf16>) outs(%e : tensor<10x3xf32>) {
  ^bb0(%v: bf16, %o: f32):
    %w = arith.extf %v : bf16 to f32
    linalg.yield %w : f32
  } -> tensor<10x3xf32>
  %zero = arith.constant 0.0 : f32
  %ep = tensor.empty() : tensor<12x3xf32>
  %zeros = linalg.fill ins(%zero : f32) outs(%ep : tensor<12x3xf32>) -> tensor<12x3xf32>
  %padded = tensor.insert_slice %xf into %zeros[0, 0] [10, 3] [1, 1] : tensor<10x3xf32> into tensor<12x3xf32>
  %chunks = tensor.expand_shape %padded [[0, 1], [2]] output_shape [3, 4, 3] : tensor<12x3xf32> into tensor<3x4x3xf32>
  %y = linalg.generic {indexing_maps = [#chunk, #sum], iterator_types = ["parallel", "reduction", "parallel"]} ins(%chunks : tensor<3x4x3xf32>) outs(%acc : tensor<3x3xf32>) {
  ^bb0(%v: f32, %o: f32):
    %s = arith.addf %o, %v : f32
    linalg.yield %s : f32
  } -> tensor<3x3xf32>
  return %y : tensor<3x3xf32>
}

// -----

// Padding with anything but zeros is not an extension of a 16-bit padding:
// the generic keeps reading the f32 tensor.
// CHECK-LABEL: func @one_padded
// CHECK:       linalg.generic {{.*}} ins(%{{[a-z0-9_]+}} : tensor<12x3xf32>)
#id3 = affine_map<(i, j) -> (i, j)>
#sum3 = affine_map<(i, j) -> (j)>
func.func @one_padded(%x: tensor<10x3xbf16>, %acc: tensor<3xf32>) -> tensor<3xf32> {
  %e = tensor.empty() : tensor<10x3xf32>
  %xf = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<10x3xbf16>) outs(%e : tensor<10x3xf32>) {
  ^bb0(%v: bf16, %o: f32):
    %w = arith.extf %v : bf16 to f32
    linalg.yield %w : f32
  } -> tensor<10x3xf32>
  %one = arith.constant 1.0 : f32
  %ep = tensor.empty() : tensor<12x3xf32>
  %ones = linalg.fill ins(%one : f32) outs(%ep : tensor<12x3xf32>) -> tensor<12x3xf32>
  %padded = tensor.insert_slice %xf into %ones[0, 0] [10, 3] [1, 1] : tensor<10x3xf32> into tensor<12x3xf32>
  %y = linalg.generic {indexing_maps = [#id3, #sum3], iterator_types = ["reduction", "parallel"]} ins(%padded : tensor<12x3xf32>) outs(%acc : tensor<3xf32>) {
  ^bb0(%v: f32, %o: f32):
    %s = arith.addf %o, %v : f32
    linalg.yield %s : f32
  } -> tensor<3xf32>
  return %y : tensor<3xf32>
}

// -----

// The truncation of a transposition seen through reshapes (an f16/bf16
// monarch's result) becomes the transposition truncating as it copies,
// then the reshapes of the bf16 tensor.
// CHECK-LABEL: func @truncated_transpose
// CHECK-SAME:    (%[[YT:[a-z0-9_]+]]: tensor<10x4x3xf32>)
// CHECK:       %[[E:[a-z0-9_]+]] = tensor.empty() : tensor<10x3x4xbf16>
// CHECK:       %[[Y:[a-z0-9_]+]] = linalg.generic {{.*}} ins(%[[YT]] : tensor<10x4x3xf32>) outs(%[[E]] : tensor<10x3x4xbf16>)
// CHECK-NEXT:  ^bb0(%[[V:[a-z0-9_]+]]: f32, %{{[a-z0-9_]+}}: bf16):
// CHECK-NEXT:    %[[T:[a-z0-9_]+]] = arith.truncf %[[V]] : f32 to bf16
// CHECK-NEXT:    linalg.yield %[[T]] : bf16
// CHECK:       %[[FLAT:[a-z0-9_]+]] = tensor.collapse_shape %[[Y]] {{\[}}[0], [1, 2]] : tensor<10x3x4xbf16> into tensor<10x12xbf16>
// CHECK:       %[[OUT:[a-z0-9_]+]] = tensor.expand_shape %[[FLAT]] {{\[}}[0, 1], [2]] output_shape [2, 5, 12] : tensor<10x12xbf16> into tensor<2x5x12xbf16>
// CHECK-NOT:   linalg.generic
// CHECK:       return %[[OUT]]
#swap = affine_map<(d0, d1, d2) -> (d0, d2, d1)>
#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#id3b = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
func.func @truncated_transpose(%yt: tensor<10x4x3xf32>) -> tensor<2x5x12xbf16> {
  %e = tensor.empty() : tensor<10x3x4xf32>
  %y = linalg.generic {indexing_maps = [#swap, #id3], iterator_types = ["parallel", "parallel", "parallel"]} ins(%yt : tensor<10x4x3xf32>) outs(%e : tensor<10x3x4xf32>) {
  ^bb0(%x: f32, %o: f32):
    linalg.yield %x : f32
  } -> tensor<10x3x4xf32>
  %flat = tensor.collapse_shape %y [[0], [1, 2]] : tensor<10x3x4xf32> into tensor<10x12xf32>
  %rows = tensor.expand_shape %flat [[0, 1], [2]] output_shape [2, 5, 12] : tensor<10x12xf32> into tensor<2x5x12xf32>
  %en = tensor.empty() : tensor<2x5x12xbf16>
  %t = linalg.generic {indexing_maps = [#id3b, #id3b], iterator_types = ["parallel", "parallel", "parallel"]} ins(%rows : tensor<2x5x12xf32>) outs(%en : tensor<2x5x12xbf16>) {
  ^bb0(%x: f32, %o: bf16):
    %n = arith.truncf %x : f32 to bf16
    linalg.yield %n : bf16
  } -> tensor<2x5x12xbf16>
  return %t : tensor<2x5x12xbf16>
}

// -----

// A transposition with another use stays, and so does its truncation.
// CHECK-LABEL: func @transpose_used_twice
// CHECK:       linalg.generic {{.*}} outs(%{{[a-z0-9_]+}} : tensor<4x3xf32>)
// CHECK:       linalg.generic {{.*}} ins(%{{[a-z0-9_]+}} : tensor<4x3xf32>) outs(%{{[a-z0-9_]+}} : tensor<4x3xbf16>)
// CHECK-NEXT:  ^bb0(%{{[a-z0-9_]+}}: f32, %{{[a-z0-9_]+}}: bf16):
// CHECK-NEXT:    arith.truncf
#swap2 = affine_map<(d0, d1) -> (d1, d0)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
func.func @transpose_used_twice(%x: tensor<3x4xf32>) -> (tensor<4x3xbf16>, tensor<4x3xf32>) {
  %e = tensor.empty() : tensor<4x3xf32>
  %y = linalg.generic {indexing_maps = [#swap2, #id2], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<3x4xf32>) outs(%e : tensor<4x3xf32>) {
  ^bb0(%a: f32, %o: f32):
    linalg.yield %a : f32
  } -> tensor<4x3xf32>
  %en = tensor.empty() : tensor<4x3xbf16>
  %t = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]} ins(%y : tensor<4x3xf32>) outs(%en : tensor<4x3xbf16>) {
  ^bb0(%a: f32, %o: bf16):
    %n = arith.truncf %a : f32 to bf16
    linalg.yield %n : bf16
  } -> tensor<4x3xbf16>
  return %t, %y : tensor<4x3xbf16>, tensor<4x3xf32>
}
