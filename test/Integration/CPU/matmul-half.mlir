// Contractions of f16/bf16 inputs into f32 (linalg.matmul, batch_matmul
// and generics: a transposed operand, A stored k-major, a grouped operand
// read through `h floordiv 2`), compiled and checked against the reference
// evaluator on seeded random inputs. On the GPU (sm_80 and later) each is
// one tensor-core kernel (ssm-tensor-core-contractions); the shapes cover
// partial tiles in every loop, several tiles, K = 1 and M = 1; operands
// contiguous along k with k a multiple of 8 (16-byte staging) and not.
// Products of f16/bf16 values are exact in f32, so the default f32
// tolerance applies.
//
// RUN: for e in $(grep -o 'func.func @[A-Za-z0-9_]*' %s | cut -d@ -f2); do \
// RUN:   ssm-run %s --entry $e --check --random-inputs --seed 3 || exit 1; \
// RUN: done | FileCheck %s

// CHECK-COUNT-9: check result #0: {{.*}}: ok
// CHECK-NOT: MISMATCH

func.func @bf16_odd(%a: tensor<31x17xbf16>, %b: tensor<17x23xbf16>) -> tensor<31x23xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<31x23xf32>
  %c = linalg.fill ins(%z : f32) outs(%e : tensor<31x23xf32>) -> tensor<31x23xf32>
  %y = linalg.matmul ins(%a, %b : tensor<31x17xbf16>, tensor<17x23xbf16>) outs(%c : tensor<31x23xf32>) -> tensor<31x23xf32>
  return %y : tensor<31x23xf32>
}

// Three row tiles, two column tiles, three k slices (the last partial),
// accumulating into an argument.
func.func @f16_tiles(%a: tensor<130x70xf16>, %b: tensor<70x67xf16>, %c: tensor<130x67xf32>) -> tensor<130x67xf32> {
  %y = linalg.matmul ins(%a, %b : tensor<130x70xf16>, tensor<70x67xf16>) outs(%c : tensor<130x67xf32>) -> tensor<130x67xf32>
  return %y : tensor<130x67xf32>
}

func.func @bf16_batched(%a: tensor<3x37x40xbf16>, %b: tensor<3x40x9xbf16>) -> tensor<3x37x9xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<3x37x9xf32>
  %c = linalg.fill ins(%z : f32) outs(%e : tensor<3x37x9xf32>) -> tensor<3x37x9xf32>
  %y = linalg.batch_matmul ins(%a, %b : tensor<3x37x40xbf16>, tensor<3x40x9xbf16>) outs(%c : tensor<3x37x9xf32>) -> tensor<3x37x9xf32>
  return %y : tensor<3x37x9xf32>
}

func.func @f16_k1(%a: tensor<70x1xf16>, %b: tensor<1x5xf16>) -> tensor<70x5xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<70x5xf32>
  %c = linalg.fill ins(%z : f32) outs(%e : tensor<70x5xf32>) -> tensor<70x5xf32>
  %y = linalg.matmul ins(%a, %b : tensor<70x1xf16>, tensor<1x5xf16>) outs(%c : tensor<70x5xf32>) -> tensor<70x5xf32>
  return %y : tensor<70x5xf32>
}

func.func @bf16_m1(%a: tensor<1x65xbf16>, %b: tensor<65x129xbf16>) -> tensor<1x129xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x129xf32>
  %c = linalg.fill ins(%z : f32) outs(%e : tensor<1x129xf32>) -> tensor<1x129xf32>
  %y = linalg.matmul ins(%a, %b : tensor<1x65xbf16>, tensor<65x129xbf16>) outs(%c : tensor<1x129xf32>) -> tensor<1x129xf32>
  return %y : tensor<1x129xf32>
}

// Q K^T: B stored [n, k].
#q = affine_map<(m, n, k) -> (m, k)>
#kt = affine_map<(m, n, k) -> (n, k)>
#mn = affine_map<(m, n, k) -> (m, n)>
func.func @bf16_transposed_b(%a: tensor<45x33xbf16>, %b: tensor<71x33xbf16>) -> tensor<45x71xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<45x71xf32>
  %c = linalg.fill ins(%z : f32) outs(%e : tensor<45x71xf32>) -> tensor<45x71xf32>
  %y = linalg.generic {indexing_maps = [#q, #kt, #mn], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : tensor<45x33xbf16>, tensor<71x33xbf16>) outs(%c : tensor<45x71xf32>) {
  ^bb0(%x: bf16, %w: bf16, %o: f32):
    %xf = arith.extf %x : bf16 to f32
    %wf = arith.extf %w : bf16 to f32
    %p = arith.mulf %wf, %xf : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  } -> tensor<45x71xf32>
  return %y : tensor<45x71xf32>
}

// Both operands contiguous along k = 72 (three k slices, the last one a
// 16-byte chunk and zeros), partial tiles in m and n: the kernel that
// stages 16 bytes at a time.
func.func @f16_wide_transposed_b(%a: tensor<130x72xf16>, %b: tensor<67x72xf16>) -> tensor<130x67xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<130x67xf32>
  %c = linalg.fill ins(%z : f32) outs(%e : tensor<130x67xf32>) -> tensor<130x67xf32>
  %y = linalg.generic {indexing_maps = [#q, #kt, #mn], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : tensor<130x72xf16>, tensor<67x72xf16>) outs(%c : tensor<130x67xf32>) {
  ^bb0(%x: f16, %w: f16, %o: f32):
    %xf = arith.extf %x : f16 to f32
    %wf = arith.extf %w : f16 to f32
    %p = arith.mulf %xf, %wf : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  } -> tensor<130x67xf32>
  return %y : tensor<130x67xf32>
}

// A stored [k, m] (m contiguous), the output transposed [n, m].
#at = affine_map<(m, n, k) -> (k, m)>
#kn = affine_map<(m, n, k) -> (k, n)>
#nm = affine_map<(m, n, k) -> (n, m)>
func.func @f16_transposed_a(%a: tensor<50x77xf16>, %b: tensor<50x20xf16>) -> tensor<20x77xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<20x77xf32>
  %c = linalg.fill ins(%z : f32) outs(%e : tensor<20x77xf32>) -> tensor<20x77xf32>
  %y = linalg.generic {indexing_maps = [#at, #kn, #nm], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : tensor<50x77xf16>, tensor<50x20xf16>) outs(%c : tensor<20x77xf32>) {
  ^bb0(%x: f16, %w: f16, %o: f32):
    %xf = arith.extf %x : f16 to f32
    %wf = arith.extf %w : f16 to f32
    %p = arith.mulf %xf, %wf : f32
    %s = arith.addf %p, %o : f32
    linalg.yield %s : f32
  } -> tensor<20x77xf32>
  return %y : tensor<20x77xf32>
}

// Four query heads share two key heads (GQA): B read at h floordiv 2.
#qh = affine_map<(h, m, n, k) -> (h, m, k)>
#kh = affine_map<(h, m, n, k) -> (h floordiv 2, n, k)>
#sh = affine_map<(h, m, n, k) -> (h, m, n)>
func.func @bf16_grouped(%a: tensor<4x19x24xbf16>, %b: tensor<2x70x24xbf16>) -> tensor<4x19x70xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x19x70xf32>
  %c = linalg.fill ins(%z : f32) outs(%e : tensor<4x19x70xf32>) -> tensor<4x19x70xf32>
  %y = linalg.generic {indexing_maps = [#qh, #kh, #sh], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%a, %b : tensor<4x19x24xbf16>, tensor<2x70x24xbf16>) outs(%c : tensor<4x19x70xf32>) {
  ^bb0(%x: bf16, %w: bf16, %o: f32):
    %xf = arith.extf %x : bf16 to f32
    %wf = arith.extf %w : bf16 to f32
    %p = arith.mulf %xf, %wf : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  } -> tensor<4x19x70xf32>
  return %y : tensor<4x19x70xf32>
}
