//===- CostModel.cpp - IO-aware cost model of the ssm ops -----------------===//
//
// FLOP counts follow the op formulas (an FMA is 2 FLOPs, an exp is counted as
// kExpFlops). Byte counts are slow-memory traffic: every input read and every
// output written at least once, plus whatever an algorithm spills or re-reads
// because its working set does not fit the target's fast memory.
//
//===----------------------------------------------------------------------===//

#include "ssm/Analysis/CostModel.h"
#include "ssm/Dialect/SSM/IR/SSMOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/MathExtras.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::ssm;

/// A vectorised exp is a polynomial of about this many FLOPs.
static constexpr double kExpFlops = 8;
/// Softmax work per score: scale, running max, exp (counted apart), sum.
static constexpr double kSoftmaxFlops = 4;

static int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

double Cost::seconds(const TargetDesc &target) const {
  double vectorFlops = flops - matrixFlops;
  double compute = vectorFlops / target.peakFlops +
                   matrixFlops / target.peakMatrixFlops;
  // Work that cannot fill every core's vector lanes runs proportionally
  // slower.
  double lanes = double(target.parallelUnits) * double(target.vectorLanes());
  if (parallelism < lanes)
    compute *= lanes / std::max(parallelism, 1.0);
  double memory = bytes / target.slowMemory().bandwidth;
  return std::max(compute, memory);
}

//===----------------------------------------------------------------------===//
// Attention
//===----------------------------------------------------------------------===//

/// Keys [lo, hi] kept for query i (empty when hi < lo).
static std::pair<int64_t, int64_t> keptRange(const AttentionProblem &p,
                                             int64_t i) {
  int64_t shift = p.Lk - p.Lq;
  int64_t hi = p.causal ? std::min(p.Lk - 1, i + shift) : p.Lk - 1;
  int64_t lo = p.window ? std::max<int64_t>(0, i + shift - *p.window + 1) : 0;
  return {lo, hi};
}

int64_t mlir::ssm::countKeptScores(const AttentionProblem &p) {
  int64_t count = 0;
  for (int64_t i = 0; i < p.Lq; ++i) {
    auto [lo, hi] = keptRange(p, i);
    count += std::max<int64_t>(0, hi - lo + 1);
  }
  return count;
}

Cost mlir::ssm::estimateNaiveAttention(const AttentionProblem &p) {
  double heads = double(p.B * p.H), e = double(p.elementBytes);
  double scores = double(p.Lq) * double(p.Lk);
  Cost c;
  c.matrixFlops = heads * scores * 2.0 * double(p.E + p.Ev);
  c.flops = c.matrixFlops + heads * scores * (kSoftmaxFlops + kExpFlops);
  // Q, K, V read and O written once; S written, read by softmax, P written,
  // read by PV: four passes over Lq x Lk scores.
  c.bytes = heads * e *
            (double(p.Lq * p.E + p.Lk * p.E + p.Lk * p.Ev + p.Lq * p.Ev) +
             4.0 * scores);
  c.parallelism = heads * double(p.Lq);
  return c;
}

int64_t mlir::ssm::flashTileBytes(const AttentionProblem &p, int64_t blockQ,
                                  int64_t blockK) {
  // Q and O blocks, K and V blocks, f32 scores and the f32 running max/sum.
  return p.elementBytes * (blockQ * (p.E + p.Ev) + blockK * (p.E + p.Ev)) +
         4 * blockQ * blockK + 8 * blockQ;
}

Cost mlir::ssm::estimateFlashAttention(const AttentionProblem &p,
                                       int64_t blockQ, int64_t blockK) {
  double heads = double(p.B * p.H), e = double(p.elementBytes);
  double tileElements = 0, keysRead = 0;
  for (int64_t q0 = 0; q0 < p.Lq; q0 += blockQ) {
    int64_t q1 = std::min(p.Lq, q0 + blockQ);
    // Kept key ranges move monotonically with the query, so the block's
    // keys span from the first query's lowest to the last query's highest;
    // the key blocks they touch are visited, the others skipped.
    int64_t lo = keptRange(p, q0).first, hi = keptRange(p, q1 - 1).second;
    if (hi < lo)
      continue;
    int64_t first = lo / blockK * blockK;
    int64_t last = std::min(p.Lk, (hi / blockK + 1) * blockK);
    double keys = double(last - first);
    tileElements += double(q1 - q0) * keys;
    keysRead += keys;
  }
  Cost c;
  c.matrixFlops = heads * tileElements * 2.0 * double(p.E + p.Ev);
  c.flops = c.matrixFlops + heads * tileElements * (kSoftmaxFlops + kExpFlops);
  c.bytes = heads * e *
            (double(p.Lq) * double(p.E + p.Ev) + keysRead * double(p.E + p.Ev));
  c.parallelism = heads * double(ceilDiv(p.Lq, blockQ)) * double(blockQ);
  return c;
}

//===----------------------------------------------------------------------===//
// Linear attention
//===----------------------------------------------------------------------===//

Cost mlir::ssm::estimateRecurrentLinearAttention(
    const LinearAttentionProblem &p) {
  double tokens = double(p.B * p.H * p.L), e = double(p.elementBytes);
  Cost c;
  // State update phi(k) v^T and readout phi(q)^T S, plus the normaliser.
  c.flops = tokens * (4.0 * double(p.F * p.Ev) + 4.0 * double(p.F));
  c.bytes = tokens * e * double(2 * p.E + 2 * p.Ev);
  c.parallelism = double(p.B * p.H) * double(p.F * p.Ev);
  return c;
}

Cost mlir::ssm::estimateChunkedLinearAttention(const LinearAttentionProblem &p,
                                               int64_t chunk) {
  double chunks = double(p.B * p.H * ceilDiv(p.L, chunk));
  double q = double(chunk), e = double(p.elementBytes);
  Cost c;
  // Intra-chunk quadratic form, chunk state and inter-chunk readout.
  c.matrixFlops = chunks * (2.0 * q * q * double(p.F + p.Ev) +
                            4.0 * q * double(p.F * p.Ev));
  c.flops = c.matrixFlops + chunks * 4.0 * q * double(p.F);
  c.bytes = double(p.B * p.H * p.L) * e * double(2 * p.E + 2 * p.Ev) +
            chunks * 2.0 * 4.0 * double(p.F * p.Ev);
  c.parallelism = chunks * double(p.F * p.Ev);
  return c;
}

//===----------------------------------------------------------------------===//
// Scans
//===----------------------------------------------------------------------===//

/// Bytes every scan algorithm moves: x, y, the per-step streams and the
/// per-channel parameters once.
static double scanStreamBytes(const ScanProblem &p) {
  double e = double(p.elementBytes);
  double tokens = double(p.B * p.L);
  return e * (tokens * double(p.channels) *
                  double(2 * p.headDim + p.extraStreams) +
              double(p.channels * p.expPerChannel));
}

Cost mlir::ssm::estimateSequentialScan(const ScanProblem &p, int64_t blockD) {
  double e = double(p.elementBytes);
  double steps = double(p.B * p.L * p.channels);
  int64_t perGroup = std::max<int64_t>(1, p.channels / p.G);
  Cost c;
  // State update (mul, FMA) and readout (FMA) per state element, one exp per
  // distinct decay.
  c.flops = steps * (6.0 * double(p.headDim * p.N) +
                     kExpFlops * double(p.expPerChannel));
  c.bytes = scanStreamBytes(p) + 2.0 * e * double(p.B * p.L * p.G * p.N) *
                                     double(ceilDiv(perGroup, blockD));
  c.parallelism = double(p.B * p.channels * p.headDim);
  return c;
}

Cost mlir::ssm::estimateChunkedScan(const ScanProblem &p, int64_t chunk) {
  double e = double(p.elementBytes);
  double chunks = double(p.B * p.channels * ceilDiv(p.L, chunk));
  double q = double(chunk), n = double(p.N), hp = double(p.headDim);
  Cost c;
  // Per chunk and channel (SSD): C B^T masked by the decays (Q x Q x N),
  // times X (Q x Q x P), chunk state B^T X and its readout C h (Q x N x P).
  c.matrixFlops = chunks * (2.0 * q * q * n + 2.0 * q * q * hp + 4.0 * q * n * hp);
  c.flops = c.matrixFlops +
            chunks * q * (q + double(p.expPerChannel) * kExpFlops);
  // Bm/Cm are read per channel; chunk-end states (f32) are written in the
  // first pass and read back when they are passed along.
  c.bytes = scanStreamBytes(p) +
            2.0 * e * double(p.B * p.L * p.G * p.N) *
                double(std::max<int64_t>(1, p.channels / p.G)) +
            chunks * 2.0 * 4.0 * n * hp;
  c.parallelism = chunks * hp;
  return c;
}

//===----------------------------------------------------------------------===//
// Long convolutions
//===----------------------------------------------------------------------===//

Cost mlir::ssm::estimateDirectConv(const LongConvProblem &p) {
  double e = double(p.elementBytes);
  double taps = 0;
  if (p.circular) {
    taps = double(p.L) * double(p.L);
  } else {
    // sum_t min(t + 1, Lk)
    int64_t full = std::min(p.L, p.Lk);
    taps = double(full) * double(full + 1) / 2.0 +
           double(p.L - full) * double(p.Lk);
  }
  Cost c;
  c.flops = double(p.B * p.D) * 2.0 * taps;
  c.bytes = e * (2.0 * double(p.B * p.L * p.D) + double(p.D * p.Lk));
  c.parallelism = double(p.B * p.D * p.L);
  return c;
}

int64_t mlir::ssm::fftSizeFor(const LongConvProblem &p) {
  int64_t span = p.circular ? 2 * p.L - 1 : p.L + std::min(p.L, p.Lk) - 1;
  return int64_t(llvm::PowerOf2Ceil(uint64_t(std::max<int64_t>(span, 1))));
}

SmallVector<int64_t> mlir::ssm::fftFactorsFor(int64_t n, int64_t fastBytes) {
  // A sub-FFT of size f keeps f complex f32 inputs and outputs (16 bytes a
  // point) on chip. Use as few factors as fit, split as evenly as possible
  // (FlashFFTConv's N = N1 N2 (N3) Monarch decomposition), larger first.
  unsigned bits = llvm::Log2_64(uint64_t(n)), maxBits = 1;
  while (maxBits < 62 && (int64_t(1) << (maxBits + 1)) * 16 <= fastBytes)
    ++maxBits;
  unsigned count = std::max(1u, (bits + maxBits - 1) / maxBits);
  SmallVector<int64_t> factors;
  for (unsigned i = 0; i < count; ++i) {
    unsigned share = bits / count + (i < bits % count ? 1 : 0);
    factors.push_back(int64_t(1) << share);
  }
  return factors;
}

Cost mlir::ssm::estimateFFTConv(const LongConvProblem &p,
                                ArrayRef<int64_t> factors) {
  double e = double(p.elementBytes);
  int64_t n = 1;
  for (int64_t f : factors)
    n *= f;
  double logN = std::log2(double(n));
  Cost c;
  // Real-input forward and inverse FFTs per (batch, channel), the pointwise
  // complex product, and one kernel FFT per channel.
  double fft = 2.5 * double(n) * logN;
  c.flops = double(p.B * p.D) * (2.0 * fft + 3.0 * double(n)) +
            double(p.D) * fft;
  // Every factor beyond the first is a round trip of the half-spectrum
  // (n/2 complex f32) through slow memory, forward and inverse.
  double spill = double(factors.size() - 1) * 2.0 * 2.0 * 8.0 * double(n / 2);
  c.bytes = e * (2.0 * double(p.B * p.L * p.D) + double(p.D * p.Lk)) +
            double(p.B * p.D) * spill;
  c.parallelism = double(p.B * p.D) * double(n / factors.front());
  return c;
}

//===----------------------------------------------------------------------===//
// Ops
//===----------------------------------------------------------------------===//

namespace {
/// Static sizes of an op's operands, with dynamic ones replaced by an
/// assumed size.
struct Shapes {
  int64_t assumed;
  int64_t dim(Value v, unsigned i) const {
    int64_t size = cast<RankedTensorType>(v.getType()).getDimSize(i);
    return ShapedType::isDynamic(size) ? assumed : size;
  }
  int64_t rank(Value v) const {
    return cast<RankedTensorType>(v.getType()).getRank();
  }
  /// Product of all dimensions but the last.
  int64_t rows(Value v) const {
    int64_t r = 1;
    for (int64_t i = 0, e = rank(v) - 1; i < e; ++i)
      r *= dim(v, i);
    return r;
  }
};

int64_t elementBytes(Value v) {
  Type element = cast<RankedTensorType>(v.getType()).getElementType();
  if (auto complex = dyn_cast<ComplexType>(element))
    return 2 * int64_t(complex.getElementType().getIntOrFloatBitWidth() / 8);
  return int64_t(element.getIntOrFloatBitWidth() / 8);
}

FailureOr<int64_t> param(ScheduleAttr schedule, StringRef name) {
  auto attr = dyn_cast_or_null<IntegerAttr>(schedule.getParams().get(name));
  if (!attr || attr.getInt() < 1)
    return failure();
  return attr.getInt();
}

AttentionProblem attentionProblem(AttentionOp op, const Shapes &s) {
  AttentionProblem p;
  p.B = s.dim(op.getQ(), 0);
  p.H = s.dim(op.getQ(), 1);
  p.Lq = s.dim(op.getQ(), 2);
  p.E = s.dim(op.getQ(), 3);
  p.Hk = s.dim(op.getK(), 1);
  p.Lk = s.dim(op.getK(), 2);
  p.Ev = s.dim(op.getV(), 3);
  p.causal = op.getCausal();
  p.window = op.getWindow();
  p.elementBytes = elementBytes(op.getQ());
  return p;
}

LinearAttentionProblem linearAttentionProblem(LinearAttentionOp op,
                                              const Shapes &s) {
  LinearAttentionProblem p;
  p.B = s.dim(op.getQ(), 0);
  p.H = s.dim(op.getQ(), 1);
  p.L = s.dim(op.getQ(), 2);
  p.E = s.dim(op.getQ(), 3);
  p.Ev = s.dim(op.getV(), 3);
  p.F = op.getFeatureMap() == FeatureMap::taylor2 ? 1 + p.E + p.E * p.E : p.E;
  p.causal = op.getCausal();
  p.elementBytes = elementBytes(op.getQ());
  return p;
}

ScanProblem scanProblem(Operation *op, const Shapes &s) {
  ScanProblem p;
  if (auto scan = dyn_cast<SelectiveScanOp>(op)) {
    p.B = s.dim(scan.getX(), 0);
    p.L = s.dim(scan.getX(), 1);
    p.channels = s.dim(scan.getX(), 2);
    p.headDim = 1;
    p.G = s.dim(scan.getBm(), 2);
    p.N = s.dim(scan.getBm(), 3);
    p.extraStreams = scan.getGate() ? 2 : 1;
    p.expPerChannel = p.N;
    p.elementBytes = elementBytes(scan.getX());
    return p;
  }
  auto ssd = cast<SSDOp>(op);
  p.B = s.dim(ssd.getX(), 0);
  p.L = s.dim(ssd.getX(), 1);
  p.channels = s.dim(ssd.getX(), 2);
  p.headDim = s.dim(ssd.getX(), 3);
  p.G = s.dim(ssd.getBm(), 2);
  p.N = s.dim(ssd.getBm(), 3);
  p.extraStreams = 1;
  p.expPerChannel = 1;
  p.elementBytes = elementBytes(ssd.getX());
  return p;
}

LongConvProblem longConvProblem(LongConvOp op, const Shapes &s) {
  LongConvProblem p;
  p.B = s.dim(op.getU(), 0);
  p.L = s.dim(op.getU(), 1);
  p.D = s.dim(op.getU(), 2);
  p.Lk = s.dim(op.getKernel(), 1);
  p.circular = op.getMode() == ConvMode::circular;
  p.elementBytes = elementBytes(op.getU());
  return p;
}

Cost shortConvCost(ShortConvOp op, const Shapes &s) {
  double e = double(elementBytes(op.getU()));
  double tokens = double(s.dim(op.getU(), 0) * s.dim(op.getU(), 1));
  int64_t D = s.dim(op.getU(), 2), W = s.dim(op.getWeight(), 1);
  Cost c;
  c.flops = tokens * double(D) * (2.0 * double(W) + 2.0 + kExpFlops);
  c.bytes = e * (2.0 * tokens * double(D) + double(D * (W + 1)));
  c.parallelism = tokens * double(D);
  return c;
}

Cost monarchCost(MonarchOp op, const Shapes &s) {
  double e = double(elementBytes(op.getX()));
  int64_t m = s.dim(op.getR(), 0), k = s.dim(op.getR(), 1);
  double rows = double(s.rows(op.getX())), n = double(m * k);
  Cost c;
  c.matrixFlops = 2.0 * rows * n * double(k + m);
  c.flops = c.matrixFlops;
  c.bytes = e * (2.0 * rows * n + double(m * k * k + k * m * m));
  c.parallelism = rows * n;
  return c;
}

/// Blocks of rows small enough to stay on chip through all log2(n) stages
/// (which is how `block_rows` is chosen) read x and write y once.
Cost butterflyCost(ButterflyOp op, const Shapes &s) {
  double e = double(elementBytes(op.getX()));
  int64_t n = s.dim(op.getX(), s.rank(op.getX()) - 1);
  double rows = double(s.rows(op.getX()));
  double stages = n > 1 ? std::log2(double(n)) : 0;
  Cost c;
  c.flops = rows * double(n / 2) * stages * 6.0;
  c.bytes = e * (2.0 * rows * double(n) + stages * double(n) * 2.0);
  c.parallelism = rows * double(n / 2);
  return c;
}

} // namespace

int64_t mlir::ssm::nplrKrylovBlockLog2(int64_t length) {
  return llvm::divideCeil(llvm::Log2_64_Ceil(uint64_t(length)), 2);
}

namespace {
Cost ssmKernelCost(SSMKernelOp op, const Shapes &s) {
  double e = double(elementBytes(op.getLogDt()));
  int64_t D = s.dim(op.getA(), 0), N = s.dim(op.getA(), 1);
  double L = double(op.getLength());
  Cost c;
  c.bytes = e * (double(D) * L + 6.0 * double(D * N) + double(D));
  c.parallelism = double(D * N);
  if (Value p = op.getLowRank()) {
    // Per channel, in complex multiply-adds (8 flops): M (N^2 R); one
    // Gauss-Jordan elimination of N x (2N + 1) (bilinear) or, for ZOH, a
    // degree-16 Taylor exp (16 N^3; its data-dependent squarings are not
    // counted), (Abar - I) Bm and an elimination of N x (N + 1); then T
    // Krylov columns (T N^2), log2 T squarings, J = L/T rows (J N^2) and
    // their product (J T N), with T = 2^ceil(log2(L)/2) as in the lowering.
    double n = double(N), r = double(s.dim(p, 1));
    int64_t blockLog2 = nplrKrylovBlockLog2(op.getLength());
    double block = double(int64_t(1) << blockLog2);
    double blocks = std::ceil(L / block);
    double discretize =
        op.getDiscretization() == Discretization::bilinear
            ? n * n * (2 * n + 1)
            : 16 * n * n * n + n * n + n * n * (n + 1);
    double powers = block * n * n + double(blockLog2) * n * n * n +
                    blocks * n * n + blocks * block * n;
    c.flops = 8.0 * double(D) * (n * n * r + discretize + powers);
    c.bytes += e * 2.0 * double(D) * r * n;
    c.parallelism = double(D);
    return c;
  }
  c.flops = double(D * N) * (8.0 * L + 40.0);
  return c;
}
} // namespace

FailureOr<Cost> mlir::ssm::estimateCost(Operation *op, ScheduleAttr schedule,
                                        int64_t assumedDynamicSize) {
  Shapes s{assumedDynamicSize};
  StringRef algorithm = schedule.getAlgorithm().getValue();
  return llvm::TypeSwitch<Operation *, FailureOr<Cost>>(op)
      .Case([&](AttentionOp a) -> FailureOr<Cost> {
        AttentionProblem p = attentionProblem(a, s);
        if (algorithm == "naive")
          return estimateNaiveAttention(p);
        FailureOr<int64_t> bq = param(schedule, "block_q"),
                           bk = param(schedule, "block_k");
        if (algorithm != "flash" || failed(bq) || failed(bk))
          return failure();
        return estimateFlashAttention(p, *bq, *bk);
      })
      .Case([&](LinearAttentionOp a) -> FailureOr<Cost> {
        LinearAttentionProblem p = linearAttentionProblem(a, s);
        if (algorithm == "recurrent")
          return estimateRecurrentLinearAttention(p);
        FailureOr<int64_t> chunk = param(schedule, "chunk");
        if (algorithm != "chunked" || failed(chunk))
          return failure();
        return estimateChunkedLinearAttention(p, *chunk);
      })
      .Case<SelectiveScanOp, SSDOp>([&](Operation *scan) -> FailureOr<Cost> {
        ScanProblem p = scanProblem(scan, s);
        if (algorithm == "sequential") {
          FailureOr<int64_t> block = param(schedule, "block_d");
          if (failed(block))
            return failure();
          return estimateSequentialScan(p, *block);
        }
        FailureOr<int64_t> chunk = param(schedule, "chunk");
        if (algorithm != "chunked" || failed(chunk))
          return failure();
        return estimateChunkedScan(p, *chunk);
      })
      .Case([&](LongConvOp conv) -> FailureOr<Cost> {
        LongConvProblem p = longConvProblem(conv, s);
        if (algorithm == "direct")
          return estimateDirectConv(p);
        auto factors =
            dyn_cast_or_null<ArrayAttr>(schedule.getParams().get("fft_factors"));
        if (algorithm != "fft" || !factors || factors.empty())
          return failure();
        SmallVector<int64_t> sizes;
        int64_t product = 1;
        for (Attribute f : factors) {
          auto i = dyn_cast<IntegerAttr>(f);
          if (!i || i.getInt() < 1)
            return failure();
          sizes.push_back(i.getInt());
          product *= i.getInt();
        }
        if (product < fftSizeFor(p))
          return failure();
        return estimateFFTConv(p, sizes);
      })
      .Case([&](ShortConvOp conv) -> FailureOr<Cost> {
        if (algorithm != "direct")
          return failure();
        return shortConvCost(conv, s);
      })
      .Case([&](MonarchOp m) -> FailureOr<Cost> {
        FailureOr<int64_t> rows = param(schedule, "block_rows");
        if (algorithm != "blocked" || failed(rows))
          return failure();
        return monarchCost(m, s);
      })
      .Case([&](ButterflyOp b) -> FailureOr<Cost> {
        FailureOr<int64_t> rows = param(schedule, "block_rows");
        if (algorithm != "blocked" || failed(rows))
          return failure();
        return butterflyCost(b, s);
      })
      .Case([&](SSMKernelOp k) -> FailureOr<Cost> {
        if (algorithm != "vandermonde")
          return failure();
        return ssmKernelCost(k, s);
      })
      .Default([](Operation *) { return failure(); });
}

namespace {
/// Schedules whose modelled times differ by less than this are equally fast.
constexpr double kTimeSlack = 0.1;
const int64_t kTileSizes[] = {16, 32, 64, 128, 256};
const int64_t kChunkSizes[] = {32, 64, 128, 256};

/// Builds schedules and keeps the cheapest one.
struct Selector {
  Operation *op;
  const TargetDesc &target;
  int64_t assumed;
  Builder b;
  struct Candidate {
    ScheduleAttr schedule;
    double seconds, bytes;
  };
  SmallVector<Candidate> candidates;

  Selector(Operation *op, const TargetDesc &target, int64_t assumed)
      : op(op), target(target), assumed(assumed), b(op->getContext()) {}

  void consider(StringRef algorithm,
                ArrayRef<std::pair<StringRef, Attribute>> params = {}) {
    SmallVector<NamedAttribute> named;
    for (auto [name, value] : params)
      named.push_back(b.getNamedAttr(name, value));
    auto schedule = ScheduleAttr::get(op->getContext(),
                                      b.getStringAttr(algorithm),
                                      b.getDictionaryAttr(named));
    FailureOr<Cost> cost = estimateCost(op, schedule, assumed);
    if (succeeded(cost))
      candidates.push_back({schedule, cost->seconds(target), cost->bytes});
  }

  /// Among the candidates within kTimeSlack of the fastest modelled time,
  /// the one moving the fewest bytes (the model's times are rough; its
  /// traffic is the IO-aware criterion); the first listed on ties.
  ScheduleAttr best() const {
    if (candidates.empty())
      return {};
    double fastest = std::numeric_limits<double>::infinity();
    for (const Candidate &c : candidates)
      fastest = std::min(fastest, c.seconds);
    const Candidate *chosen = nullptr;
    for (const Candidate &c : candidates)
      if (c.seconds <= fastest * (1 + kTimeSlack) &&
          (!chosen || c.bytes < chosen->bytes * (1 - 1e-9)))
        chosen = &c;
    return chosen->schedule;
  }
  Attribute i64(int64_t v) { return b.getI64IntegerAttr(v); }
};

} // namespace

FailureOr<ScheduleAttr> mlir::ssm::selectSchedule(Operation *op,
                                                  const TargetDesc &target,
                                                  int64_t assumed) {
  Selector sel(op, target, assumed);
  Shapes s{assumed};
  int64_t fast = target.fastMemory().capacityBytes;
  llvm::TypeSwitch<Operation *>(op)
      .Case([&](AttentionOp a) {
        AttentionProblem p = attentionProblem(a, s);
        sel.consider("naive");
        // Larger key blocks first: they win ties (fewer, longer inner loops).
        for (int64_t bq : kTileSizes)
          for (int64_t bk : llvm::reverse(kTileSizes))
            if (flashTileBytes(p, bq, bk) <= fast)
              sel.consider("flash", {{"block_q", sel.i64(bq)},
                                     {"block_k", sel.i64(bk)}});
      })
      .Case([&](LinearAttentionOp) {
        sel.consider("recurrent");
        for (int64_t chunk : kChunkSizes)
          sel.consider("chunked", {{"chunk", sel.i64(chunk)}});
      })
      .Case<SelectiveScanOp, SSDOp>([&](Operation *scan) {
        ScanProblem p = scanProblem(scan, s);
        // Channels scanned together keep their N (x P) f32 states and
        // their decay rates (A[d, :], as many again for Mamba-1; one per
        // head for SSD), read at every step, in half the fastest level;
        // more channels per block means fewer re-reads of the shared Bm/Cm
        // streams.
        int64_t block = 1, perGroup = std::max<int64_t>(1, p.channels / p.G);
        int64_t perChannel = 4 * (p.N * p.headDim + p.expPerChannel);
        while (block * 2 <= perGroup &&
               block * 2 * perChannel <=
                   target.levels.front().capacityBytes / 2)
          block *= 2;
        sel.consider("sequential", {{"block_d", sel.i64(block)}});
        for (int64_t chunk : kChunkSizes)
          if (chunk < p.L)
            sel.consider("chunked", {{"chunk", sel.i64(chunk)}});
      })
      .Case([&](LongConvOp conv) {
        LongConvProblem p = longConvProblem(conv, s);
        sel.consider("direct");
        int64_t n = fftSizeFor(p);
        SmallVector<Attribute> factors;
        for (int64_t f : fftFactorsFor(n, fast))
          factors.push_back(sel.i64(f));
        sel.consider("fft", {{"fft_size", sel.i64(n)},
                             {"fft_factors", sel.b.getArrayAttr(factors)}});
      })
      .Case<ShortConvOp, SSMKernelOp>([&](Operation *o) {
        sel.consider(isa<ShortConvOp>(o) ? "direct" : "vandermonde");
      })
      .Case([&](MonarchOp m) {
        // Rows per block: both block-diagonal factors and the rows in flight
        // fit fast memory.
        int64_t mm = s.dim(m.getR(), 0), k = s.dim(m.getR(), 1);
        int64_t e = elementBytes(m.getX());
        int64_t weights = e * (mm * k * k + k * mm * mm), rows = 1;
        while (rows < s.rows(m.getX()) &&
               weights + 2 * (rows * 2) * mm * k * e <= fast)
          rows *= 2;
        sel.consider("blocked", {{"block_rows", sel.i64(rows)}});
      })
      .Case([&](ButterflyOp bf) {
        int64_t n = s.dim(bf.getX(), s.rank(bf.getX()) - 1);
        int64_t e = elementBytes(bf.getX()), rows = 1;
        while (rows < s.rows(bf.getX()) && 2 * (rows * 2) * n * e <= fast)
          rows *= 2;
        sel.consider("blocked", {{"block_rows", sel.i64(rows)}});
      });
  ScheduleAttr best = sel.best();
  if (!best)
    return failure();
  return best;
}

FailureOr<TargetDesc> mlir::ssm::resolveModelOptions(Operation *anchor,
                                                     StringRef target,
                                                     int64_t assumedDynamicSize) {
  llvm::Expected<TargetDesc> desc = lookupTarget(target);
  if (!desc)
    return anchor->emitError() << llvm::toString(desc.takeError());
  if (assumedDynamicSize < 1)
    return anchor->emitError()
           << "assume-dynamic-size must be at least 1, got "
           << assumedDynamicSize;
  return *desc;
}
