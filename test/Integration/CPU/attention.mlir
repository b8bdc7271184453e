// Compiled ssm.attention (convert-ssm-to-linalg, flash algorithm) against the
// reference evaluator on seeded random inputs in [-1, 1): L = 1, prime L, key
// lengths that are not a multiple of the key block (64 by default, 16 from a
// hand-written schedule), GQA and MQA, causal masks with Lq != Lk, sliding
// windows with and without causal, an explicit scale, f64, and dynamic batch
// and length dimensions.
// Tolerance: ssm-run --check's default, max|compiled - reference| /
// max|reference| <= 1e-4 for f32 and 1e-10 for f64.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: ssm-run %s --entry plain --check --random-inputs --seed 1 | FileCheck %s --check-prefix=PLAIN
// RUN: ssm-run %s --entry l1_causal --check --random-inputs --seed 2 | FileCheck %s --check-prefix=L1_CAUSAL
// RUN: ssm-run %s --entry decode_step --check --random-inputs --seed 3 | FileCheck %s --check-prefix=DECODE_STEP
// RUN: ssm-run %s --entry lk67 --check --random-inputs --seed 4 | FileCheck %s --check-prefix=LK67
// RUN: ssm-run %s --entry lk130_causal --check --random-inputs --seed 5 | FileCheck %s --check-prefix=LK130_CAUSAL
// RUN: ssm-run %s --entry lk128_causal --check --random-inputs --seed 6 | FileCheck %s --check-prefix=LK128_CAUSAL
// RUN: ssm-run %s --entry gqa --check --random-inputs --seed 7 | FileCheck %s --check-prefix=GQA
// RUN: ssm-run %s --entry mqa --check --random-inputs --seed 8 | FileCheck %s --check-prefix=MQA
// RUN: ssm-run %s --entry causal_lq_lt_lk --check --random-inputs --seed 9 | FileCheck %s --check-prefix=CAUSAL_LQ_LT_LK
// RUN: ssm-run %s --entry causal_lq_gt_lk --check --random-inputs --seed 10 | FileCheck %s --check-prefix=CAUSAL_LQ_GT_LK
// RUN: ssm-run %s --entry window_causal --check --random-inputs --seed 11 | FileCheck %s --check-prefix=WINDOW_CAUSAL
// RUN: ssm-run %s --entry window_causal_rect --check --random-inputs --seed 12 | FileCheck %s --check-prefix=WINDOW_CAUSAL_RECT
// RUN: ssm-run %s --entry window_causal_lq_gt_lk --check --random-inputs --seed 13 | FileCheck %s --check-prefix=WINDOW_CAUSAL_LQ_GT_LK
// RUN: ssm-run %s --entry window_1 --check --random-inputs --seed 14 | FileCheck %s --check-prefix=WINDOW_1
// RUN: ssm-run %s --entry window_only --check --random-inputs --seed 15 | FileCheck %s --check-prefix=WINDOW_ONLY
// RUN: ssm-run %s --entry window_only_tiles --check --random-inputs --seed 15 | FileCheck %s --check-prefix=WINDOW_ONLY_TILES
// RUN: ssm-run %s --entry explicit_scale --check --random-inputs --seed 16 | FileCheck %s --check-prefix=EXPLICIT_SCALE
// RUN: ssm-run %s --entry schedule_block16 --check --random-inputs --seed 17 | FileCheck %s --check-prefix=SCHEDULE_BLOCK16
// RUN: ssm-run %s --entry schedule_block16_gqa_window --check --random-inputs --seed 18 | FileCheck %s --check-prefix=SCHEDULE_BLOCK16_GQA_WINDOW
// RUN: ssm-run %s --entry f64_gqa_causal --check --random-inputs --seed 19 | FileCheck %s --check-prefix=F64_GQA_CAUSAL
// RUN: ssm-run %s --entry f64_window_rect --check --random-inputs --seed 20 | FileCheck %s --check-prefix=F64_WINDOW_RECT
// RUN: ssm-run %s --entry f64_l1 --check --random-inputs --seed 21 | FileCheck %s --check-prefix=F64_L1
// RUN: %python -c "import numpy as np; \
// RUN:   r = np.random.default_rng(101); \
// RUN:   np.save('%t/q_dynamic_batch.npy', r.uniform(-1, 1, (3, 4, 13, 8)).astype(np.float32)); \
// RUN:   np.save('%t/k_dynamic_batch.npy', r.uniform(-1, 1, (3, 2, 37, 8)).astype(np.float32)); \
// RUN:   np.save('%t/v_dynamic_batch.npy', r.uniform(-1, 1, (3, 2, 37, 8)).astype(np.float32))"
// RUN: ssm-run %s --entry dynamic_batch --check \
// RUN:   --input %t/q_dynamic_batch.npy --input %t/k_dynamic_batch.npy --input %t/v_dynamic_batch.npy \
// RUN:   | FileCheck %s --check-prefix=DYNAMIC_BATCH
// RUN: %python -c "import numpy as np; \
// RUN:   r = np.random.default_rng(102); \
// RUN:   np.save('%t/q_dynamic_lengths.npy', r.uniform(-1, 1, (2, 2, 13, 8)).astype(np.float32)); \
// RUN:   np.save('%t/k_dynamic_lengths.npy', r.uniform(-1, 1, (2, 2, 70, 8)).astype(np.float32)); \
// RUN:   np.save('%t/v_dynamic_lengths.npy', r.uniform(-1, 1, (2, 2, 70, 8)).astype(np.float32))"
// RUN: ssm-run %s --entry dynamic_lengths --check \
// RUN:   --input %t/q_dynamic_lengths.npy --input %t/k_dynamic_lengths.npy --input %t/v_dynamic_lengths.npy \
// RUN:   | FileCheck %s --check-prefix=DYNAMIC_LENGTHS

// No mask, prime L = 13 (one partial key block), B = 2, H = Hk = 2.
// PLAIN: @plain: 1 result (compiled, cpu)
// PLAIN: check result #0: {{.*}}: ok
func.func @plain(%q: tensor<2x2x13x8xf32>, %k: tensor<2x2x13x8xf32>, %v: tensor<2x2x13x8xf32>) -> tensor<2x2x13x8xf32> {
  %y = ssm.attention %q, %k, %v : tensor<2x2x13x8xf32>, tensor<2x2x13x8xf32>, tensor<2x2x13x8xf32> -> tensor<2x2x13x8xf32>
  return %y : tensor<2x2x13x8xf32>
}

// L = 1, causal: one key, softmax of a single score.
// L1_CAUSAL: @l1_causal: 1 result (compiled, cpu)
// L1_CAUSAL: check result #0: {{.*}}: ok
func.func @l1_causal(%q: tensor<1x2x1x4xf32>, %k: tensor<1x2x1x4xf32>, %v: tensor<1x2x1x4xf32>) -> tensor<1x2x1x4xf32> {
  %y = ssm.attention %q, %k, %v causal : tensor<1x2x1x4xf32>, tensor<1x2x1x4xf32>, tensor<1x2x1x4xf32> -> tensor<1x2x1x4xf32>
  return %y : tensor<1x2x1x4xf32>
}

// One query against Lk = 67 keys, causal (bottom-right aligned, so the query
// sees every key); two key blocks of 64 and 3.
// DECODE_STEP: @decode_step: 1 result (compiled, cpu)
// DECODE_STEP: check result #0: {{.*}}: ok
func.func @decode_step(%q: tensor<1x2x1x8xf32>, %k: tensor<1x2x67x8xf32>, %v: tensor<1x2x67x8xf32>) -> tensor<1x2x1x8xf32> {
  %y = ssm.attention %q, %k, %v causal : tensor<1x2x1x8xf32>, tensor<1x2x67x8xf32>, tensor<1x2x67x8xf32> -> tensor<1x2x1x8xf32>
  return %y : tensor<1x2x1x8xf32>
}

// Lq = Lk = 67, not a multiple of the default block_k 64; Ev != E.
// LK67: @lk67: 1 result (compiled, cpu)
// LK67: check result #0: {{.*}}: ok
func.func @lk67(%q: tensor<1x2x67x16xf32>, %k: tensor<1x2x67x16xf32>, %v: tensor<1x2x67x8xf32>) -> tensor<1x2x67x8xf32> {
  %y = ssm.attention %q, %k, %v : tensor<1x2x67x16xf32>, tensor<1x2x67x16xf32>, tensor<1x2x67x8xf32> -> tensor<1x2x67x8xf32>
  return %y : tensor<1x2x67x8xf32>
}

// Lq = Lk = 130, causal: blocks of 64, 64 and 2.
// LK130_CAUSAL: @lk130_causal: 1 result (compiled, cpu)
// LK130_CAUSAL: check result #0: {{.*}}: ok
func.func @lk130_causal(%q: tensor<1x1x130x8xf32>, %k: tensor<1x1x130x8xf32>, %v: tensor<1x1x130x8xf32>) -> tensor<1x1x130x8xf32> {
  %y = ssm.attention %q, %k, %v causal : tensor<1x1x130x8xf32>, tensor<1x1x130x8xf32>, tensor<1x1x130x8xf32> -> tensor<1x1x130x8xf32>
  return %y : tensor<1x1x130x8xf32>
}

// Lk = 128, an exact multiple of block_k, causal.
// LK128_CAUSAL: @lk128_causal: 1 result (compiled, cpu)
// LK128_CAUSAL: check result #0: {{.*}}: ok
func.func @lk128_causal(%q: tensor<1x1x128x8xf32>, %k: tensor<1x1x128x8xf32>, %v: tensor<1x1x128x8xf32>) -> tensor<1x1x128x8xf32> {
  %y = ssm.attention %q, %k, %v causal : tensor<1x1x128x8xf32>, tensor<1x1x128x8xf32>, tensor<1x1x128x8xf32> -> tensor<1x1x128x8xf32>
  return %y : tensor<1x1x128x8xf32>
}

// Grouped-query attention with H = 8 query heads over Hk = 2 key/value heads,
// causal, prime L = 37.
// GQA: @gqa: 1 result (compiled, cpu)
// GQA: check result #0: {{.*}}: ok
func.func @gqa(%q: tensor<1x8x37x8xf32>, %k: tensor<1x2x37x8xf32>, %v: tensor<1x2x37x8xf32>) -> tensor<1x8x37x8xf32> {
  %y = ssm.attention %q, %k, %v causal : tensor<1x8x37x8xf32>, tensor<1x2x37x8xf32>, tensor<1x2x37x8xf32> -> tensor<1x8x37x8xf32>
  return %y : tensor<1x8x37x8xf32>
}

// Multi-query attention, H = 4 query heads sharing Hk = 1, no mask, L = 67.
// MQA: @mqa: 1 result (compiled, cpu)
// MQA: check result #0: {{.*}}: ok
func.func @mqa(%q: tensor<2x4x67x8xf32>, %k: tensor<2x1x67x8xf32>, %v: tensor<2x1x67x4xf32>) -> tensor<2x4x67x4xf32> {
  %y = ssm.attention %q, %k, %v : tensor<2x4x67x8xf32>, tensor<2x1x67x8xf32>, tensor<2x1x67x4xf32> -> tensor<2x4x67x4xf32>
  return %y : tensor<2x4x67x4xf32>
}

// Causal with Lq = 13 < Lk = 67: query i sees keys j <= i + 54.
// CAUSAL_LQ_LT_LK: @causal_lq_lt_lk: 1 result (compiled, cpu)
// CAUSAL_LQ_LT_LK: check result #0: {{.*}}: ok
func.func @causal_lq_lt_lk(%q: tensor<1x2x13x8xf32>, %k: tensor<1x2x67x8xf32>, %v: tensor<1x2x67x8xf32>) -> tensor<1x2x13x8xf32> {
  %y = ssm.attention %q, %k, %v causal : tensor<1x2x13x8xf32>, tensor<1x2x67x8xf32>, tensor<1x2x67x8xf32> -> tensor<1x2x13x8xf32>
  return %y : tensor<1x2x13x8xf32>
}

// Causal with Lq = 67 > Lk = 13: queries i < 54 see no key and must yield 0.
// CAUSAL_LQ_GT_LK: @causal_lq_gt_lk: 1 result (compiled, cpu)
// CAUSAL_LQ_GT_LK: check result #0: {{.*}}: ok
func.func @causal_lq_gt_lk(%q: tensor<1x2x67x8xf32>, %k: tensor<1x2x13x8xf32>, %v: tensor<1x2x13x8xf32>) -> tensor<1x2x67x8xf32> {
  %y = ssm.attention %q, %k, %v causal : tensor<1x2x67x8xf32>, tensor<1x2x13x8xf32>, tensor<1x2x13x8xf32> -> tensor<1x2x67x8xf32>
  return %y : tensor<1x2x67x8xf32>
}

// Sliding window 5 with causal, L = 37: keys i - 4 .. i.
// WINDOW_CAUSAL: @window_causal: 1 result (compiled, cpu)
// WINDOW_CAUSAL: check result #0: {{.*}}: ok
func.func @window_causal(%q: tensor<1x2x37x8xf32>, %k: tensor<1x2x37x8xf32>, %v: tensor<1x2x37x8xf32>) -> tensor<1x2x37x8xf32> {
  %y = ssm.attention %q, %k, %v causal window 5 : tensor<1x2x37x8xf32>, tensor<1x2x37x8xf32>, tensor<1x2x37x8xf32> -> tensor<1x2x37x8xf32>
  return %y : tensor<1x2x37x8xf32>
}

// Sliding window 16 with causal, Lq = 13 < Lk = 130: the window crosses key
// blocks.
// WINDOW_CAUSAL_RECT: @window_causal_rect: 1 result (compiled, cpu)
// WINDOW_CAUSAL_RECT: check result #0: {{.*}}: ok
func.func @window_causal_rect(%q: tensor<1x2x13x8xf32>, %k: tensor<1x2x130x8xf32>, %v: tensor<1x2x130x8xf32>) -> tensor<1x2x13x8xf32> {
  %y = ssm.attention %q, %k, %v causal window 16 : tensor<1x2x13x8xf32>, tensor<1x2x130x8xf32>, tensor<1x2x130x8xf32> -> tensor<1x2x13x8xf32>
  return %y : tensor<1x2x13x8xf32>
}

// Sliding window 4 with causal, Lq = 37 > Lk = 13: early rows are empty.
// WINDOW_CAUSAL_LQ_GT_LK: @window_causal_lq_gt_lk: 1 result (compiled, cpu)
// WINDOW_CAUSAL_LQ_GT_LK: check result #0: {{.*}}: ok
func.func @window_causal_lq_gt_lk(%q: tensor<1x2x37x8xf32>, %k: tensor<1x1x13x8xf32>, %v: tensor<1x1x13x8xf32>) -> tensor<1x2x37x8xf32> {
  %y = ssm.attention %q, %k, %v causal window 4 : tensor<1x2x37x8xf32>, tensor<1x1x13x8xf32>, tensor<1x1x13x8xf32> -> tensor<1x2x37x8xf32>
  return %y : tensor<1x2x37x8xf32>
}

// Window 1 with causal: each query sees exactly one key.
// WINDOW_1: @window_1: 1 result (compiled, cpu)
// WINDOW_1: check result #0: {{.*}}: ok
func.func @window_1(%q: tensor<1x2x13x8xf32>, %k: tensor<1x2x13x8xf32>, %v: tensor<1x2x13x8xf32>) -> tensor<1x2x13x8xf32> {
  %y = ssm.attention %q, %k, %v causal window 1 : tensor<1x2x13x8xf32>, tensor<1x2x13x8xf32>, tensor<1x2x13x8xf32> -> tensor<1x2x13x8xf32>
  return %y : tensor<1x2x13x8xf32>
}

// Window 7 without causal: keys j >= i - 6 (and every later key) are kept.
// WINDOW_ONLY: @window_only: 1 result (compiled, cpu)
// WINDOW_ONLY: check result #0: {{.*}}: ok
func.func @window_only(%q: tensor<1x2x37x8xf32>, %k: tensor<1x2x37x8xf32>, %v: tensor<1x2x37x8xf32>) -> tensor<1x2x37x8xf32> {
  %y = ssm.attention %q, %k, %v window 7 : tensor<1x2x37x8xf32>, tensor<1x2x37x8xf32>, tensor<1x2x37x8xf32> -> tensor<1x2x37x8xf32>
  return %y : tensor<1x2x37x8xf32>
}

// The same in query tiles of 16 (keys in blocks of 16): every tile's keys
// run to the end, not to its last query's diagonal (before, queries saw
// only keys up to their tile's last diagonal).
// WINDOW_ONLY_TILES: @window_only_tiles: 1 result (compiled, cpu)
// WINDOW_ONLY_TILES: check result #0: {{.*}}: ok
func.func @window_only_tiles(%q: tensor<1x2x37x8xf32>, %k: tensor<1x2x37x8xf32>, %v: tensor<1x2x37x8xf32>) -> tensor<1x2x37x8xf32> {
  %y = ssm.attention %q, %k, %v window 7 {ssm.schedule = #ssm.schedule<"flash", {block_k = 16 : i64, block_q = 16 : i64}>} : tensor<1x2x37x8xf32>, tensor<1x2x37x8xf32>, tensor<1x2x37x8xf32> -> tensor<1x2x37x8xf32>
  return %y : tensor<1x2x37x8xf32>
}

// An explicit scale of 0.25 instead of 1/sqrt(E), GQA H = 4, Hk = 2, Lq = 13,
// Lk = 37.
// EXPLICIT_SCALE: @explicit_scale: 1 result (compiled, cpu)
// EXPLICIT_SCALE: check result #0: {{.*}}: ok
func.func @explicit_scale(%q: tensor<1x4x13x8xf32>, %k: tensor<1x2x37x8xf32>, %v: tensor<1x2x37x8xf32>) -> tensor<1x4x13x8xf32> {
  %y = ssm.attention %q, %k, %v scale 0.25 : tensor<1x4x13x8xf32>, tensor<1x2x37x8xf32>, tensor<1x2x37x8xf32> -> tensor<1x4x13x8xf32>
  return %y : tensor<1x4x13x8xf32>
}

// A hand-written flash schedule with block_k = 16: Lk = 37 is blocks of 16, 16
// and 5, causal.
// SCHEDULE_BLOCK16: @schedule_block16: 1 result (compiled, cpu)
// SCHEDULE_BLOCK16: check result #0: {{.*}}: ok
func.func @schedule_block16(%q: tensor<1x2x37x8xf32>, %k: tensor<1x2x37x8xf32>, %v: tensor<1x2x37x8xf32>) -> tensor<1x2x37x8xf32> {
  %y = ssm.attention %q, %k, %v causal {ssm.schedule = #ssm.schedule<"flash", {block_k = 16 : i64, block_q = 16 : i64}>} : tensor<1x2x37x8xf32>, tensor<1x2x37x8xf32>, tensor<1x2x37x8xf32> -> tensor<1x2x37x8xf32>
  return %y : tensor<1x2x37x8xf32>
}

// block_k = 16 schedule with GQA (H = 4, Hk = 2), Lq = 20 < Lk = 37, causal
// window 9.
// SCHEDULE_BLOCK16_GQA_WINDOW: @schedule_block16_gqa_window: 1 result (compiled, cpu)
// SCHEDULE_BLOCK16_GQA_WINDOW: check result #0: {{.*}}: ok
func.func @schedule_block16_gqa_window(%q: tensor<1x4x20x8xf32>, %k: tensor<1x2x37x8xf32>, %v: tensor<1x2x37x8xf32>) -> tensor<1x4x20x8xf32> {
  %y = ssm.attention %q, %k, %v causal window 9 {ssm.schedule = #ssm.schedule<"flash", {block_k = 16 : i64, block_q = 16 : i64}>} : tensor<1x4x20x8xf32>, tensor<1x2x37x8xf32>, tensor<1x2x37x8xf32> -> tensor<1x4x20x8xf32>
  return %y : tensor<1x4x20x8xf32>
}

// In f64, GQA H = 4, Hk = 2, causal, L = 67.
// F64_GQA_CAUSAL: @f64_gqa_causal: 1 result (compiled, cpu)
// F64_GQA_CAUSAL: check result #0: {{.*}}: ok
func.func @f64_gqa_causal(%q: tensor<1x4x67x8xf64>, %k: tensor<1x2x67x8xf64>, %v: tensor<1x2x67x8xf64>) -> tensor<1x4x67x8xf64> {
  %y = ssm.attention %q, %k, %v causal : tensor<1x4x67x8xf64>, tensor<1x2x67x8xf64>, tensor<1x2x67x8xf64> -> tensor<1x4x67x8xf64>
  return %y : tensor<1x4x67x8xf64>
}

// In f64, Lq = 37, Lk = 130, causal window 20, MQA.
// F64_WINDOW_RECT: @f64_window_rect: 1 result (compiled, cpu)
// F64_WINDOW_RECT: check result #0: {{.*}}: ok
func.func @f64_window_rect(%q: tensor<1x2x37x8xf64>, %k: tensor<1x1x130x8xf64>, %v: tensor<1x1x130x4xf64>) -> tensor<1x2x37x4xf64> {
  %y = ssm.attention %q, %k, %v causal window 20 : tensor<1x2x37x8xf64>, tensor<1x1x130x8xf64>, tensor<1x1x130x4xf64> -> tensor<1x2x37x4xf64>
  return %y : tensor<1x2x37x4xf64>
}

// In f64, L = 1, no mask.
// F64_L1: @f64_l1: 1 result (compiled, cpu)
// F64_L1: check result #0: {{.*}}: ok
func.func @f64_l1(%q: tensor<1x1x1x4xf64>, %k: tensor<1x1x1x4xf64>, %v: tensor<1x1x1x4xf64>) -> tensor<1x1x1x4xf64> {
  %y = ssm.attention %q, %k, %v : tensor<1x1x1x4xf64>, tensor<1x1x1x4xf64>, tensor<1x1x1x4xf64> -> tensor<1x1x1x4xf64>
  return %y : tensor<1x1x1x4xf64>
}

// Dynamic batch dimension (B = 3 at run time), causal GQA H = 4, Hk = 2, Lq =
// 13, Lk = 37.
// DYNAMIC_BATCH: @dynamic_batch: 1 result (compiled, cpu)
// DYNAMIC_BATCH: check result #0: {{.*}}: ok
func.func @dynamic_batch(%q: tensor<?x4x13x8xf32>, %k: tensor<?x2x37x8xf32>, %v: tensor<?x2x37x8xf32>) -> tensor<?x4x13x8xf32> {
  %y = ssm.attention %q, %k, %v causal : tensor<?x4x13x8xf32>, tensor<?x2x37x8xf32>, tensor<?x2x37x8xf32> -> tensor<?x4x13x8xf32>
  return %y : tensor<?x4x13x8xf32>
}

// Dynamic batch and lengths (B = 2, Lq = 13, Lk = 70 at run time), causal
// window 11: the key-block loop bound is a run-time value.
// DYNAMIC_LENGTHS: @dynamic_lengths: 1 result (compiled, cpu)
// DYNAMIC_LENGTHS: check result #0: {{.*}}: ok
func.func @dynamic_lengths(%q: tensor<?x2x?x8xf32>, %k: tensor<?x2x?x8xf32>, %v: tensor<?x2x?x8xf32>) -> tensor<?x2x?x8xf32> {
  %y = ssm.attention %q, %k, %v causal window 11 : tensor<?x2x?x8xf32>, tensor<?x2x?x8xf32>, tensor<?x2x?x8xf32> -> tensor<?x2x?x8xf32>
  return %y : tensor<?x2x?x8xf32>
}

