//===- CostModel.h - IO-aware cost model of the ssm ops ---------*- C++ -*-===//
//
// For every op and algorithm, the FLOPs executed and the bytes moved between
// slow memory (DRAM/HBM) and the chip, as functions of the problem shape and
// the tile sizes, in the spirit of FlashAttention's IO analysis. Modelled time
// is the roofline max(FLOPs / peak, bytes / bandwidth). The formulas take
// plain shape structs so that they can be checked against hand derivations.
//
//===----------------------------------------------------------------------===//

#ifndef SSM_ANALYSIS_COSTMODEL_H
#define SSM_ANALYSIS_COSTMODEL_H

#include "ssm/Analysis/TargetDesc.h"

#include "mlir/IR/Operation.h"
#include "llvm/ADT/SmallVector.h"

#include <limits>
#include <optional>

namespace mlir::ssm {

class ScheduleAttr;

/// Work and slow-memory traffic of one op under one schedule.
struct Cost {
  double flops = 0;
  /// FLOPs that can run on matrix units (tensor cores); part of `flops`.
  double matrixFlops = 0;
  double bytes = 0;
  /// Independent lanes of work; below the target's lanes, compute slows down.
  double parallelism = std::numeric_limits<double>::infinity();

  double intensity() const { return bytes > 0 ? flops / bytes : 0; }
  /// Roofline time on `target`.
  double seconds(const TargetDesc &target) const;
};

//===----------------------------------------------------------------------===//
// Problem shapes
//===----------------------------------------------------------------------===//

struct AttentionProblem {
  int64_t B = 1, H = 1, Hk = 1, Lq = 1, Lk = 1, E = 1, Ev = 1;
  bool causal = false;
  std::optional<int64_t> window;
  int64_t elementBytes = 4;
};

struct ScanProblem {
  /// selective_scan: channels = D, headDim = 1; ssd: channels = H, headDim = P.
  int64_t B = 1, L = 1, channels = 1, headDim = 1, G = 1, N = 1;
  /// Per-time-step per-channel inputs besides x (delta, z: 2 for a gated
  /// selective scan; dt: 1 for ssd with a per-head step).
  int64_t extraStreams = 1;
  /// Distinct decays exp(dt A) per channel and step: N for selective_scan
  /// (A[D,N]), 1 for ssd (A[H]).
  int64_t expPerChannel = 1;
  int64_t elementBytes = 4;
};

struct LongConvProblem {
  int64_t B = 1, L = 1, D = 1, Lk = 1;
  bool circular = false;
  int64_t elementBytes = 4;
};

struct LinearAttentionProblem {
  /// E: head dim of q and k; F: dimension of the feature map phi.
  int64_t B = 1, H = 1, L = 1, E = 1, F = 1, Ev = 1;
  bool causal = false;
  int64_t elementBytes = 4;
};

//===----------------------------------------------------------------------===//
// Formulas
//===----------------------------------------------------------------------===//

/// Number of (query, key) pairs the mask keeps, over one head.
int64_t countKeptScores(const AttentionProblem &p);

/// Materialises S = QK^T and P = softmax(S) in slow memory (what a framework
/// does op by op): Theta(N d + N^2) bytes per head.
Cost estimateNaiveAttention(const AttentionProblem &p);
/// Flash attention: Q blocks of `blockQ` rows stay on chip while K/V stream
/// past in blocks of `blockK`; K and V are read once per visited Q block:
/// Theta(N^2 d^2 / M) bytes for tiles of Theta(M / d).
Cost estimateFlashAttention(const AttentionProblem &p, int64_t blockQ,
                            int64_t blockK);
/// On-chip working set of a flash tile (Q, O, K, V blocks and f32 scores).
int64_t flashTileBytes(const AttentionProblem &p, int64_t blockQ,
                       int64_t blockK);

Cost estimateRecurrentLinearAttention(const LinearAttentionProblem &p);
Cost estimateChunkedLinearAttention(const LinearAttentionProblem &p,
                                    int64_t chunk);

/// One pass over time with the state of `blockD` channels in registers; the
/// shared Bm/Cm streams are re-read once per channel block of a group.
Cost estimateSequentialScan(const ScanProblem &p, int64_t blockD);
/// Chunked (state passing between chunks of `chunk` steps, as Mamba-2 SSD):
/// intra-chunk work as matrix products, chunk states written and read back.
Cost estimateChunkedScan(const ScanProblem &p, int64_t chunk);

Cost estimateDirectConv(const LongConvProblem &p);
/// FFT size for a convolution: the power of two >= L + Lk - 1 (causal) or
/// >= 2L - 1 (circular, computed as a linear convolution and folded).
int64_t fftSizeFor(const LongConvProblem &p);
/// Splits an FFT of size `n` into factors whose sub-FFTs (complex f32) fit
/// `fastBytes`, innermost first, as FlashFFTConv's Monarch decomposition.
SmallVector<int64_t> fftFactorsFor(int64_t n, int64_t fastBytes);
/// FFT convolution: one slow-memory round trip per factor beyond the first.
Cost estimateFFTConv(const LongConvProblem &p, ArrayRef<int64_t> factors);

/// log2 of the Krylov block T of the NPLR ssm_kernel for `length` steps:
/// T = 2^ceil(log2(length) / 2) >= sqrt(length) columns Abar^t Bbar, times
/// ceil(length / T) rows (the lowering's choice, which the model counts).
int64_t nplrKrylovBlockLog2(int64_t length);

//===----------------------------------------------------------------------===//
// Ops
//===----------------------------------------------------------------------===//

/// The cost of `op` (an ssm op with static shapes, or with dynamic sizes
/// replaced by `assumedDynamicSize`) under `schedule`. Fails for an
/// algorithm the op does not have.
FailureOr<Cost> estimateCost(Operation *op, ScheduleAttr schedule,
                             int64_t assumedDynamicSize = 4096);

/// The target named by a pass's `target` option, after checking it and the
/// `assume-dynamic-size` option; errors are emitted at `anchor`.
FailureOr<TargetDesc> resolveModelOptions(Operation *anchor, StringRef target,
                                          int64_t assumedDynamicSize);

/// The cheapest schedule of `op` on `target`, by modelled roofline time.
FailureOr<ScheduleAttr> selectSchedule(Operation *op, const TargetDesc &target,
                                       int64_t assumedDynamicSize = 4096);

} // namespace mlir::ssm

#endif // SSM_ANALYSIS_COSTMODEL_H
