//===- FusedLongConv.cpp - long_conv by FFT as one kernel -----------------===//
//
// See the pass description in Passes.td and FusedKernels.h. A block per
// (batch, channel) row. The row's complex signal z = u + i s k (the
// algorithm of the linalg lowering, FFTConvToLinalg.cpp: one transform for
// both real inputs, the filter scaled by s to the signal's magnitude) stays
// in shared memory from the load of u and k to the store of y, so that u,
// k and y cross global memory once and no stage of the transforms does.
//
// The kernel is a sequence of phases separated by barriers; in each phase
// the block's threads share out independent items (a butterfly group, a
// pair of mirrored frequencies, an output position). Built for the host
// (ssm-expand-fused-kernels{on-host}), each phase is a loop over its items
// and each row an iteration of a loop over rows: the same index arithmetic,
// twiddles and masks, run on the CPU against the reference evaluator.
//
//===----------------------------------------------------------------------===//

#include "ssm/Analysis/TargetDesc.h"
#include "ssm/Conversion/LinalgEmitter.h"
#include "ssm/Conversion/Passes.h"
#include "ssm/Dialect/SSM/IR/SSMOps.h"

#include "FusedKernels.h"
#include "KernelArith.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "llvm/Support/MathExtras.h"

#include <cmath>

namespace mlir::ssm {
#define GEN_PASS_DEF_SSMFUSEDLONGCONV
#include "ssm/Conversion/Passes.h.inc"
} // namespace mlir::ssm

using namespace mlir;
using namespace mlir::ssm;

namespace {
/// Threads per block at most, and per row item count at least.
constexpr int64_t kMaxThreads = 1024;
constexpr int64_t kMinThreads = 32;
/// Partial maxima of |u| and |k| per row, before a tree reduction.
constexpr int64_t kMaxPartials = 256;

/// What the kernel of one convolution needs beyond its operands (u, k,
/// then bias if present, the twiddle table's real and imaginary parts,
/// then y).
struct ConvParams {
  bool circular, bias;
  /// The transform length n (a power of two) and the filter taps used.
  int64_t length, taps;

  static ConvParams of(LongConvOp op, int64_t length, int64_t taps) {
    return {op.getMode() == ConvMode::circular, bool(op.getBias()), length,
            taps};
  }
  DictionaryAttr toAttr(Builder &b) const {
    return b.getDictionaryAttr(
        {b.getNamedAttr("circular", b.getBoolAttr(circular)),
         b.getNamedAttr("bias", b.getBoolAttr(bias)),
         b.getNamedAttr("length", b.getI64IntegerAttr(length)),
         b.getNamedAttr("taps", b.getI64IntegerAttr(taps))});
  }
  static std::optional<ConvParams> fromAttr(DictionaryAttr attr) {
    auto circular = attr.getAs<BoolAttr>("circular");
    auto bias = attr.getAs<BoolAttr>("bias");
    auto length = attr.getAs<IntegerAttr>("length");
    auto taps = attr.getAs<IntegerAttr>("taps");
    if (!circular || !bias || !length || !taps || length.getInt() < 2 ||
        !llvm::isPowerOf2_64(length.getInt()) || taps.getInt() < 1 ||
        taps.getInt() > length.getInt())
      return std::nullopt;
    return ConvParams{circular.getValue(), bias.getValue(), length.getInt(),
                      taps.getInt()};
  }
  unsigned numOperands() const { return 2 + bias + 2 + 1; }

  int64_t partials() const { return std::min(kMaxPartials, length); }
  int64_t threads() const {
    return std::clamp(length / 4, kMinThreads, kMaxThreads);
  }
  /// The row's real and imaginary parts, then the partial maxima of |u|
  /// and |k|, in f32.
  int64_t sharedWords() const { return 2 * length + 2 * partials(); }
  int64_t sharedBytes() const { return 4 * sharedWords(); }
};

struct Complex {
  Value re, im;
};

/// Builds the kernel of one convolution, for the GPU or the host.
class ConvKernel : KernelArith {
public:
  ConvKernel(OpBuilder &b, Location loc, ConvParams params,
             ValueRange operands, bool onHost)
      : KernelArith(b, loc), params(params), onHost(onHost),
        n(params.length) {
    unsigned next = 0;
    u = operands[next++];
    k = operands[next++];
    if (params.bias)
      bias = operands[next++];
    table = {operands[next], operands[next + 1]};
    y = operands[next + 2];
  }

  void build();

private:
  /// The convolution of row `row` (batch-major, channels fastest).
  void convolveRow(Value row);

  /// Runs `body` on every item in [0, count), shared among the threads
  /// (a loop on the host), then waits for all of them.
  void forEach(int64_t count, function_ref<void(Value)> body);

  // The row in shared memory: z[i] = (shared[i], shared[n + i]), then the
  // partial maxima.
  Complex at(Value i) {
    return {memref::LoadOp::create(b, loc, shared, i),
            memref::LoadOp::create(b, loc, shared, add(i, constant(n)))};
  }
  void set(Value i, Complex v) {
    memref::StoreOp::create(b, loc, v.re, shared, i);
    memref::StoreOp::create(b, loc, v.im, shared, add(i, constant(n)));
  }
  Value partial(Value p) {
    return memref::LoadOp::create(b, loc, shared, add(p, constant(2 * n)));
  }
  void setPartial(Value p, Value v) {
    memref::StoreOp::create(b, loc, v, shared, add(p, constant(2 * n)));
  }
  /// exp(-2 pi i j / n).
  Complex twiddle(Value j) {
    return {memref::LoadOp::create(b, loc, table.re, j),
            memref::LoadOp::create(b, loc, table.im, j)};
  }

  // Complex f32 arithmetic.
  Complex plus(Complex x, Complex y) {
    return {arith::AddFOp::create(b, loc, x.re, y.re),
            arith::AddFOp::create(b, loc, x.im, y.im)};
  }
  Complex minus(Complex x, Complex y) {
    return {arith::SubFOp::create(b, loc, x.re, y.re),
            arith::SubFOp::create(b, loc, x.im, y.im)};
  }
  Value fmul(Value x, Value y) { return arith::MulFOp::create(b, loc, x, y); }
  /// x w, or x conj(w) (x / w on the unit circle) for the inverse.
  Complex turn(Complex x, Complex w, bool inverse) {
    if (inverse)
      return {arith::AddFOp::create(b, loc, fmul(x.re, w.re),
                                    fmul(x.im, w.im)),
              arith::SubFOp::create(b, loc, fmul(x.im, w.re),
                                    fmul(x.re, w.im))};
    return {arith::SubFOp::create(b, loc, fmul(x.re, w.re), fmul(x.im, w.im)),
            arith::AddFOp::create(b, loc, fmul(x.re, w.im),
                                  fmul(x.im, w.re))};
  }

  void loadRow(Value batch, Value channel);
  Value scaleFilter();
  void radix2Stage(int64_t half, bool inverse);
  void radix4Stage(int64_t q, bool inverse);
  void forwardTransform();
  void spectraProduct();
  void inverseTransform();
  void storeRow(Value batch, Value channel, Value scale);

  ConvParams params;
  bool onHost;
  int64_t n;
  Value u, k, bias, y;
  Complex table;
  /// The f32 row buffer: shared memory, or a host buffer.
  Value shared;
  /// The thread's index in the block (GPU only).
  Value thread;
};
} // namespace

void ConvKernel::forEach(int64_t count, function_ref<void(Value)> body) {
  Value start = onHost ? constant(0) : thread;
  Value step = constant(onHost ? 1 : params.threads());
  auto loop = scf::ForOp::create(b, loc, start, constant(count), step);
  {
    OpBuilder::InsertionGuard scope(b);
    b.setInsertionPoint(loop.getBody()->getTerminator());
    body(loop.getInductionVar());
  }
  if (!onHost)
    gpu::BarrierOp::create(b, loc);
}

void ConvKernel::build() {
  Value B = memref::DimOp::create(b, loc, u, 0);
  Value D = memref::DimOp::create(b, loc, u, 2);
  Value rows = mul(B, D);
  Type f32Type = b.getF32Type();
  auto body = [&](Value row) {
    Value batch = arith::DivUIOp::create(b, loc, row, D);
    Value channel = arith::RemUIOp::create(b, loc, row, D);
    loadRow(batch, channel);
    Value scale = scaleFilter();
    forwardTransform();
    spectraProduct();
    inverseTransform();
    storeRow(batch, channel, scale);
  };
  if (onHost) {
    shared = memref::AllocOp::create(
        b, loc, MemRefType::get({params.sharedWords()}, f32Type));
    auto loop = scf::ForOp::create(b, loc, constant(0), rows, constant(1));
    {
      OpBuilder::InsertionGuard scope(b);
      b.setInsertionPoint(loop.getBody()->getTerminator());
      body(loop.getInductionVar());
    }
    memref::DeallocOp::create(b, loc, shared);
    return;
  }
  Value one = constant(1);
  Value bytes = arith::ConstantIntOp::create(b, loc, b.getI32Type(),
                                             params.sharedBytes());
  auto launch = gpu::LaunchOp::create(
      b, loc, arith::MaxUIOp::create(b, loc, rows, one), one, one,
      constant(params.threads()), one, one, bytes);
  b.setInsertionPointToEnd(&launch.getBody().front());
  auto terminator = gpu::TerminatorOp::create(b, loc);
  b.setInsertionPoint(terminator);
  thread = launch.getThreadIds().x;
  auto workgroup = gpu::AddressSpaceAttr::get(b.getContext(),
                                              gpu::AddressSpace::Workgroup);
  Value raw = gpu::DynamicSharedMemoryOp::create(
      b, loc,
      MemRefType::get({ShapedType::kDynamic}, b.getI8Type(),
                      MemRefLayoutAttrInterface(), workgroup));
  shared = memref::ViewOp::create(
      b, loc,
      MemRefType::get({params.sharedWords()}, f32Type,
                      MemRefLayoutAttrInterface(), workgroup),
      raw, constant(0), ValueRange());
  // Uniform in the block: every thread reaches every barrier.
  Value row = launch.getBlockIds().x;
  auto guard = scf::IfOp::create(b, loc, less(row, rows), false);
  b.setInsertionPoint(guard.thenBlock()->getTerminator());
  body(row);
}

/// z[i] = u[i] + i k[i], zero past the signal and the taps.
void ConvKernel::loadRow(Value batch, Value channel) {
  int64_t L = cast<MemRefType>(u.getType()).getDimSize(1);
  auto loadOrZero = [&](Value inRange, Value memref, ValueRange indices) {
    auto choice = scf::IfOp::create(
        b, loc, inRange,
        [&](OpBuilder &, Location) {
          scf::YieldOp::create(b, loc, loadF32(memref, indices));
        },
        [&](OpBuilder &, Location) { scf::YieldOp::create(b, loc, f32(0)); });
    return choice.getResult(0);
  };
  forEach(n, [&](Value i) {
    set(i, {loadOrZero(less(i, constant(L)), u, {batch, i, channel}),
            loadOrZero(less(i, constant(params.taps)), k, {channel, i})});
  });
}

/// Scales the filter (the imaginary part) by s = max|u| / max|k| (1 when
/// either is zero) and returns s: partial maxima over every P-th position,
/// then a tree.
Value ConvKernel::scaleFilter() {
  int64_t P = params.partials();
  auto absMax = [&](Value acc, Value v) -> Value {
    return arith::MaximumFOp::create(b, loc, acc,
                                     math::AbsFOp::create(b, loc, v));
  };
  forEach(P, [&](Value p) {
    auto loop = scf::ForOp::create(b, loc, p, constant(n), constant(P),
                                   ValueRange{f32(0), f32(0)});
    {
      OpBuilder::InsertionGuard scope(b);
      b.setInsertionPointToStart(loop.getBody());
      Complex z = at(loop.getInductionVar());
      scf::YieldOp::create(
          b, loc,
          ValueRange{absMax(loop.getRegionIterArgs()[0], z.re),
                     absMax(loop.getRegionIterArgs()[1], z.im)});
    }
    setPartial(p, loop.getResult(0));
    setPartial(add(p, constant(P)), loop.getResult(1));
  });
  for (int64_t s = P / 2; s >= 1; s /= 2)
    forEach(s, [&](Value p) {
      for (int64_t part : {int64_t(0), P}) {
        Value at = add(p, constant(part));
        setPartial(at, arith::MaximumFOp::create(
                           b, loc, partial(at),
                           partial(add(at, constant(s)))));
      }
    });
  Value maxU = partial(constant(0)), maxK = partial(constant(P));
  auto positive = [&](Value v) {
    return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, v,
                                 f32(0));
  };
  Value usable =
      arith::AndIOp::create(b, loc, positive(maxU), positive(maxK));
  Value scale =
      select(usable, arith::DivFOp::create(b, loc, maxU, maxK), f32(1));
  // The taps scaled in place (nothing writes the maxima again).
  forEach(params.taps, [&](Value i) {
    Value at = add(i, constant(n));
    memref::StoreOp::create(
        b, loc, fmul(memref::LoadOp::create(b, loc, shared, at), scale),
        shared, at);
  });
  return scale;
}

/// One radix-2 stage on butterflies of half `half`, with a = z[blk 2 half
/// + o], b = z[... + half] and w = table[o n / (2 half)]:
///   forward (decimation in frequency): a + b and (a - b) w;
///   inverse (decimation in time): a + b/w and a - b/w.
void ConvKernel::radix2Stage(int64_t half, bool inverse) {
  int64_t blocks = n / (2 * half);
  forEach(n / 2, [&](Value i) {
    Value o = rem(i, half);
    Value first = add(mul(div(i, half), constant(2 * half)), o);
    Value second = add(first, constant(half));
    Complex x = at(first), z = at(second);
    Complex w = twiddle(mul(o, constant(blocks)));
    if (inverse) {
      Complex t = turn(z, w, /*inverse=*/true);
      set(first, plus(x, t));
      set(second, minus(x, t));
    } else {
      set(first, plus(x, z));
      set(second, turn(minus(x, z), w, /*inverse=*/false));
    }
  });
}

/// Two radix-2 stages in one phase, on groups x0..x3 at blk 4q + o + c q,
/// as FFTConvToLinalg.cpp's fusedStages (the same values and positions as
/// running the two stages one after the other), with wa = table[o B],
/// wb = table[(o + q) B], wc = table[2 o B] (B = n / 4q):
///   forward: p = (x0 + x2, x1 + x3, (x0 - x2) wa, (x1 - x3) wb),
///            y = (p0 + p1, (p0 - p1) wc, p2 + p3, (p2 - p3) wc);
///   inverse: p = (x0 + x1/wc, x0 - x1/wc, x2 + x3/wc, x2 - x3/wc),
///            y = (p0 + p2/wa, p1 + p3/wb, p0 - p2/wa, p1 - p3/wb).
void ConvKernel::radix4Stage(int64_t q, bool inverse) {
  int64_t blocks = n / (4 * q);
  forEach(n / 4, [&](Value i) {
    Value o = rem(i, q);
    Value base = add(mul(div(i, q), constant(4 * q)), o);
    Value pos[4];
    Complex x[4];
    for (int64_t c = 0; c < 4; ++c) {
      pos[c] = add(base, constant(c * q));
      x[c] = at(pos[c]);
    }
    Complex wa = twiddle(mul(o, constant(blocks)));
    Complex wb = twiddle(mul(add(o, constant(q)), constant(blocks)));
    Complex wc = twiddle(mul(o, constant(2 * blocks)));
    Complex out[4];
    if (inverse) {
      Complex t1 = turn(x[1], wc, true), t3 = turn(x[3], wc, true);
      Complex p0 = plus(x[0], t1), p1 = minus(x[0], t1);
      Complex p2 = turn(plus(x[2], t3), wa, true);
      Complex p3 = turn(minus(x[2], t3), wb, true);
      out[0] = plus(p0, p2);
      out[1] = plus(p1, p3);
      out[2] = minus(p0, p2);
      out[3] = minus(p1, p3);
    } else {
      Complex p0 = plus(x[0], x[2]), p1 = plus(x[1], x[3]);
      Complex p2 = turn(minus(x[0], x[2]), wa, false);
      Complex p3 = turn(minus(x[1], x[3]), wb, false);
      out[0] = plus(p0, p1);
      out[1] = turn(minus(p0, p1), wc, false);
      out[2] = plus(p2, p3);
      out[3] = turn(minus(p2, p3), wc, false);
    }
    for (int64_t c = 0; c < 4; ++c)
      set(pos[c], out[c]);
  });
}

/// The DFT in place: natural order in, bit-reversed order out (stages of
/// halves n/2, n/4, ..., 1, in fused pairs).
void ConvKernel::forwardTransform() {
  for (int64_t half = n / 2; half >= 1;) {
    if (half >= 2) {
      radix4Stage(half / 2, /*inverse=*/false);
      half /= 4;
    } else {
      radix2Stage(half, /*inverse=*/false);
      half /= 2;
    }
  }
}

/// n times the inverse DFT in place: bit-reversed order in, natural out.
void ConvKernel::inverseTransform() {
  for (int64_t half = 1; half < n;) {
    if (4 * half <= n) {
      radix4Stage(half, /*inverse=*/true);
      half *= 4;
    } else {
      radix2Stage(half, /*inverse=*/true);
      half *= 2;
    }
  }
}

/// 4 U K in place, from the bit-reversed spectrum Z of u + i s k:
/// 2U[f] = Z[f] + conj Z[-f], 2K[f] = (Z[f] - conj Z[-f]) / i. Positions 0
/// and 1 are their own partners; j in [2^m, 2^(m+1)) has its partner at
/// 3 2^m - 1 - j. Item 0 takes positions 0 and 1; item i >= 1 (with
/// h = 2^floor(log2 i)) the pair j = i + h, 5h - 1 - i.
void ConvKernel::spectraProduct() {
  auto product = [&](Complex z, Complex p) -> Complex {
    // 2U = (zr + pr, zi - pi), 2K = (zi + pi, pr - zr).
    Complex twoU = {arith::AddFOp::create(b, loc, z.re, p.re),
                    arith::SubFOp::create(b, loc, z.im, p.im)};
    Complex twoK = {arith::AddFOp::create(b, loc, z.im, p.im),
                    arith::SubFOp::create(b, loc, p.re, z.re)};
    return turn(twoU, twoK, /*inverse=*/false);
  };
  forEach(n / 2, [&](Value i) {
    Type i32 = b.getI32Type();
    // floor(log2 (i | 1)), which is floor(log2 i) for i >= 1.
    Value odd = arith::OrIOp::create(b, loc, i, constant(1));
    Value zeros = math::CountLeadingZerosOp::create(
        b, loc, arith::IndexCastUIOp::create(b, loc, i32, odd));
    Value log = arith::SubIOp::create(
        b, loc, arith::ConstantIntOp::create(b, loc, i32, 31), zeros);
    Value h = arith::ShLIOp::create(
        b, loc, constant(1),
        arith::IndexCastUIOp::create(b, loc, b.getIndexType(), log));
    Value first = cmp(arith::CmpIPredicate::eq, i, constant(0));
    Value j = select(first, constant(0), add(i, h));
    Value partner = select(
        first, constant(1),
        arith::SubIOp::create(b, loc, mul(h, constant(5)),
                              add(i, constant(1))));
    Complex zj = at(j), zp = at(partner);
    // Item 0: each of positions 0 and 1 is its own partner.
    Complex ofJ = {select(first, zj.re, zp.re), select(first, zj.im, zp.im)};
    Complex ofP = {select(first, zp.re, zj.re), select(first, zp.im, zj.im)};
    set(j, product(zj, ofJ));
    set(partner, product(zp, ofP));
  });
}

/// y[t] = lin[t] (+ lin[t + L] for the circular mode) / (4 n s), plus the
/// skip term.
void ConvKernel::storeRow(Value batch, Value channel, Value scale) {
  int64_t L = cast<MemRefType>(u.getType()).getDimSize(1);
  Value skip = params.bias ? loadF32(bias, {channel}) : Value();
  Value norm = f32(1.0 / (4.0 * double(n)));
  forEach(L, [&](Value t) {
    Value v = memref::LoadOp::create(b, loc, shared, t);
    if (params.circular)
      v = arith::AddFOp::create(
          b, loc, v,
          memref::LoadOp::create(b, loc, shared, add(t, constant(L))));
    v = arith::DivFOp::create(b, loc, fmul(v, norm), scale);
    if (skip)
      v = arith::AddFOp::create(
          b, loc, v, fmul(skip, loadF32(u, {batch, t, channel})));
    storeF32(v, y, {batch, t, channel});
  });
}

LogicalResult mlir::ssm::fused::buildLongConv(OpBuilder &b, Location loc,
                                              DictionaryAttr attr,
                                              ValueRange operands,
                                              bool onHost) {
  std::optional<ConvParams> params = ConvParams::fromAttr(attr);
  if (!params || operands.size() != params->numOperands() ||
      !llvm::all_of(operands,
                    [](Value v) { return isa<MemRefType>(v.getType()); }))
    return failure();
  // u [B, L, D] with a static L that fits the transform, k [D, >= taps],
  // y like u, and a table of n / 2 twiddles.
  auto type = [&](unsigned i) { return cast<MemRefType>(operands[i].getType()); };
  unsigned tableAt = params->bias ? 3 : 2;
  MemRefType uType = type(0), kType = type(1);
  int64_t L = uType.getRank() == 3 ? uType.getDimSize(1) : -1;
  // The circular mode reads lin[t + L] for t < L.
  int64_t minLength = params->circular ? 2 * L : L;
  if (ShapedType::isDynamic(L) || L < 1 || minLength > params->length ||
      kType.getRank() != 2 || kType.isDynamicDim(1) ||
      kType.getDimSize(1) < params->taps ||
      type(operands.size() - 1) != uType ||
      type(tableAt) != type(tableAt + 1) ||
      type(tableAt).getShape() != ArrayRef<int64_t>{params->length / 2} ||
      !type(tableAt).getElementType().isF32())
    return failure();
  OpBuilder::InsertionGuard scope(b);
  ConvKernel(b, loc, *params, operands, onHost).build();
  return success();
}

/// The shared memory one block may use on `chip`: what the target
/// description gives an SM (sm_80, sm_90), less the 1 KB the hardware
/// reserves per block; 48 KB (the most without opting in) elsewhere.
static int64_t sharedBytesPerBlock(StringRef chip) {
  StringRef described = chip.starts_with("sm_90") ? "sm_90"
                        : chip == "sm_80"         ? "sm_80"
                                                  : "";
  if (!described.empty()) {
    if (llvm::Expected<TargetDesc> target = lookupTarget(described))
      return target->fastMemory().capacityBytes - 1024;
    else
      llvm::consumeError(target.takeError());
  }
  return 48 * 1024;
}

/// The kernel's parameters for `op`, when it takes it: the FFT algorithm,
/// f32, f16 or bf16, static L and filter length, and a row transform that
/// fits `sharedBytes`.
static std::optional<ConvParams> kernelParams(LongConvOp op,
                                              int64_t sharedBytes) {
  auto uType = cast<RankedTensorType>(op.getU().getType());
  auto kType = cast<RankedTensorType>(op.getKernel().getType());
  Type element = uType.getElementType();
  if (!(element.isF32() || element.isF16() || element.isBF16()) ||
      uType.isDynamicDim(1) || kType.isDynamicDim(1) ||
      uType.getDimSize(1) < 1 || longConvAlgorithm(op) != "fft")
    return std::nullopt;
  // The transform length of the linalg lowering.
  int64_t L = uType.getDimSize(1);
  bool circular = op.getMode() == ConvMode::circular;
  int64_t taps = std::min(L, kType.getDimSize(1));
  int64_t span = circular ? 2 * L - 1 : L + taps - 1;
  int64_t n = int64_t(1)
              << llvm::Log2_64_Ceil(uint64_t(std::max<int64_t>(span, 2)));
  ConvParams params = ConvParams::of(op, n, taps);
  if (params.sharedBytes() > sharedBytes)
    return std::nullopt;
  return params;
}

/// exp(-2 pi i j / n) for j < n / 2, in f32: the real and imaginary parts.
static std::pair<Value, Value> twiddleTable(OpBuilder &b, Location loc,
                                            int64_t n) {
  auto type = RankedTensorType::get({n / 2}, b.getF32Type());
  SmallVector<float> cosines, sines;
  for (int64_t j = 0; j < n / 2; ++j) {
    double angle = -2.0 * M_PI * double(j) / double(n);
    cosines.push_back(float(std::cos(angle)));
    sines.push_back(float(std::sin(angle)));
  }
  auto constant = [&](ArrayRef<float> values) -> Value {
    return arith::ConstantOp::create(
        b, loc, DenseElementsAttr::get(type, values));
  };
  return {constant(cosines), constant(sines)};
}

namespace {
struct SSMFusedLongConvPass
    : mlir::ssm::impl::SSMFusedLongConvBase<SSMFusedLongConvPass> {
  using SSMFusedLongConvBase::SSMFusedLongConvBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    int64_t sharedBytes = sharedBytesPerBlock(chip);
    SmallVector<std::pair<LongConvOp, ConvParams>> candidates;
    module.walk([&](LongConvOp op) {
      if (std::optional<ConvParams> params = kernelParams(op, sharedBytes))
        candidates.push_back({op, *params});
    });
    for (auto [op, params] : candidates) {
      OpBuilder b(op);
      SmallVector<Value> inputs = {op.getU(), op.getKernel()};
      if (op.getBias())
        inputs.push_back(op.getBias());
      auto [re, im] = twiddleTable(b, op.getLoc(), params.length);
      inputs.append({re, im});
      fused::replaceByKernelCall(
          symbols, op, inputs,
          // y is u's shape.
          [](OpBuilder &b, Location loc, ArrayRef<Value> in, int64_t,
             int64_t dim) -> Value {
            return memref::DimOp::create(b, loc, in[0], dim);
          },
          fused::kLongConv, params.toAttr(b));
    }
  }
};
} // namespace
