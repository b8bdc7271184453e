//===- FusedLongConv.cpp - long_conv by FFT as one kernel -----------------===//
//
// See the pass description in Passes.td and FusedKernels.h. The algorithm
// is the linalg lowering's (FFTConvToLinalg.cpp): one complex transform of
// z = u cu + i k ck for both real inputs (each scaled to unit energy:
// cu = 1 / |u|, ck = 1 / |k|), the product of the two separated spectra,
// one inverse transform. When a row fits a block's shared memory, a block per
// (batch, channel) row keeps it there from the load of u and k to the
// store of y; longer rows run as a four-step FFT whose columns and rows
// fit (buildFourStep).
//
// Each kernel is a sequence of phases separated by barriers; in each phase
// the block's threads share out independent items (a butterfly group, a
// pair of mirrored frequencies, an output position). Built for the host
// (ssm-expand-fused-kernels{on-host}), each phase is a loop over its items
// and each block an iteration of a loop over blocks: the same index
// arithmetic, twiddles and masks, run on the CPU against the reference
// evaluator.
//
//===----------------------------------------------------------------------===//

#include "ssm/Analysis/TargetDesc.h"
#include "ssm/Conversion/LinalgEmitter.h"
#include "ssm/Conversion/Passes.h"
#include "ssm/Dialect/SSM/IR/SSMOps.h"
#include "ssm/Support/Chips.h"

#include "FusedKernels.h"
#include "KernelArith.h"
#include "MmaFragments.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "llvm/Support/MathExtras.h"

#include <array>
#include <cmath>
#include <limits>

namespace mlir::ssm {
#define GEN_PASS_DEF_SSMFUSEDLONGCONV
#include "ssm/Conversion/Passes.h.inc"
} // namespace mlir::ssm

using namespace mlir;
using namespace mlir::ssm;

namespace {
/// Threads per block at most, and at least.
constexpr int64_t kMaxThreads = 512;
constexpr int64_t kMinThreads = 32;
/// Threads per block at most of the four steps' column and row passes
/// whose data take at most kPassBytes of shared memory (two such blocks
/// fit an SM of sm_80 or sm_90): blocks of 256 threads, several to an SM
/// where their registers allow too (the rows of L = 65536, the columns of
/// L = 1M), run one while another waits at a barrier, where one block of
/// 512 threads per SM waits whole. Larger passes (one block per SM) keep
/// 512.
constexpr int64_t kPassThreads = 256;
constexpr int64_t kPassBytes = 80 * 1024;
/// Loads a thread has in flight (all issued before their uses) in the
/// phases that load u and k, at most.
constexpr int64_t kInputLoads = 8;
/// Threads of the four steps' kernels of the rows' scales.
constexpr int64_t kScaleThreads = 256;
/// Rows (a warp's lanes) and times per block of the four steps' partial
/// scales.
constexpr int64_t kScaleRows = 32;
constexpr int64_t kScaleTimes = 2048;
/// Columns per block of the four-step kernels' column passes (their
/// stores of a transformed row then cover 128 contiguous bytes).
constexpr int64_t kColumns = 32;
/// The longest rows of the four-step row pass.
constexpr int64_t kMaxRowLength = 8192;
/// Output times per block of the four steps' circular fold.
constexpr int64_t kFoldTile = 1024;
/// The shortest transforms that take radix-16 stages on tensor cores: 16
/// points by 8 columns, one m16n8k16 product's B operand.
constexpr int64_t kMmaMinLength = mma::kK * mma::kN;

/// The shared words of PhasedFFT::forEachFolding's `folds` folds in
/// blocks of `threads` threads (a multiple of the warp size): the results
/// and a partial result per warp.
int64_t foldWords(int64_t folds, int64_t threads) {
  return folds * (1 + threads / mma::kWarpSize);
}

/// What the kernels of one convolution need beyond their operands (u, k,
/// then bias if present, the twiddle table's real and imaginary parts,
/// then y).
struct ConvParams {
  bool circular, bias;
  /// The transform length n (a power of two) and the filter taps used.
  int64_t length, taps;
  /// 0 for one block per row (the row in shared memory); otherwise the
  /// four-step kernels, with the transform as columns of `length / split`
  /// points by rows of `split` points.
  int64_t split;
  /// Four steps: rows per pass through the scratch (which holds 8 n bytes
  /// per row, besides a few words per row of scales, partial scales and
  /// bounds).
  int64_t chunk = 1;
  /// Transforms of kMmaMinLength points or more take their radix-16
  /// stages on tensor cores (split f16 operands, as precise as f32).
  bool tensorCores = false;

  DictionaryAttr toAttr(Builder &b) const {
    return b.getDictionaryAttr(
        {b.getNamedAttr("circular", b.getBoolAttr(circular)),
         b.getNamedAttr("bias", b.getBoolAttr(bias)),
         b.getNamedAttr("length", b.getI64IntegerAttr(length)),
         b.getNamedAttr("taps", b.getI64IntegerAttr(taps)),
         b.getNamedAttr("split", b.getI64IntegerAttr(split)),
         b.getNamedAttr("chunk", b.getI64IntegerAttr(chunk)),
         b.getNamedAttr("tensor_cores", b.getBoolAttr(tensorCores))});
  }
  static std::optional<ConvParams> fromAttr(DictionaryAttr attr) {
    auto circular = attr.getAs<BoolAttr>("circular");
    auto bias = attr.getAs<BoolAttr>("bias");
    auto length = attr.getAs<IntegerAttr>("length");
    auto taps = attr.getAs<IntegerAttr>("taps");
    auto split = attr.getAs<IntegerAttr>("split");
    auto chunk = attr.getAs<IntegerAttr>("chunk");
    // (tensor_cores may be left out: false.)
    auto tensorCores = attr.getAs<BoolAttr>("tensor_cores");
    if (!circular || !bias || !length || !taps || !split || !chunk)
      return std::nullopt;
    ConvParams p{circular.getValue(), bias.getValue(), length.getInt(),
                 taps.getInt(), split.getInt(), chunk.getInt(),
                 tensorCores && tensorCores.getValue()};
    if (p.length < 2 || !llvm::isPowerOf2_64(p.length) || p.taps < 1 ||
        p.taps > p.length || p.chunk < 1)
      return std::nullopt;
    // Four steps: both factors powers of two of at least 2, and the
    // columns a block takes.
    if (p.split != 0 &&
        (p.split < 2 || !llvm::isPowerOf2_64(p.split) ||
         p.split > kMaxRowLength || p.length / p.split < 2 ||
         p.split % kColumns != 0))
      return std::nullopt;
    return p;
  }
  unsigned numOperands() const { return 2 + bias + 2 + 1; }

  /// The four-step factors: columns of P points, rows of Q points.
  int64_t columnLength() const { return length / split; }
  int64_t rowLength() const { return split; }
  /// The longest transform of a kernel: the twiddle table's period.
  int64_t period() const {
    return split ? std::max(columnLength(), rowLength()) : length;
  }
  /// The four steps' twiddles between columns and rows, exp(-2 pi i j / n)
  /// for j < n, are a table entry (of period n / m) times one of m fine
  /// factors that follow the table (PhasedFFT::stepTwiddle).
  int64_t fineTwiddles() const { return split ? length / period() : 0; }
  /// The entries of the twiddle table (each of its two parts).
  int64_t tableLength() const { return period() / 2 + fineTwiddles(); }

  static int64_t threadsFor(int64_t items) {
    return std::clamp(items, kMinThreads, kMaxThreads);
  }
  /// The threads of a four-step pass of `items` items whose data take
  /// `words` f32 words.
  static int64_t passThreads(int64_t items, int64_t words) {
    return std::clamp(items, kMinThreads,
                      4 * words <= kPassBytes ? kPassThreads : kMaxThreads);
  }

  /// The one-row kernel's threads.
  int64_t oneRowThreads() const { return threadsFor(length / 4); }
  /// Shared memory (f32 words) of one block of each kernel: the row and
  /// the words of its folds (the maxima and sums of squares of its parts:
  /// 4); a column pass's kColumns columns; a row pass's two rows.
  int64_t oneRowWords() const {
    return 2 * length + foldWords(4, oneRowThreads());
  }
  /// Columns sit P + 1 words apart, so that the 32 columns' elements p
  /// (the items of a warp when the column varies fastest) fall in
  /// different banks.
  int64_t columnSpacing() const { return columnLength() + 1; }
  /// (With tensor cores, also the fold of the rows' bounds; a row pair's
  /// fold of the maximum of what its inverse rows read.)
  int64_t columnThreads() const {
    return passThreads(kColumns * columnLength() / 4,
                       2 * kColumns * columnSpacing());
  }
  int64_t columnWords() const {
    return 2 * kColumns * columnSpacing() +
           (tensorCores ? foldWords(1, columnThreads()) : 0);
  }
  int64_t rowPairThreads() const {
    return passThreads(rowLength() / 2, 4 * rowLength());
  }
  /// The partial scales' maxima and sums of squares per thread (u's),
  /// and per row and lane (k's, rows kScaleRows + 1 words apart).
  static int64_t scaleWords() {
    return 2 * kScaleThreads + 2 * kScaleRows * (kScaleRows + 1);
  }
  int64_t rowPairWords() const {
    return 4 * rowLength() + (tensorCores ? foldWords(1, rowPairThreads()) : 0);
  }
  int64_t sharedBytes() const {
    if (!split)
      return 4 * oneRowWords();
    return 4 * std::max({columnWords(), rowPairWords(), scaleWords()});
  }
};

struct Complex {
  Value re, im;
};

/// The shifts of the swizzle of a transform of `length` points
/// (PhasedFFT::dataWord; none below 64 points), each the set of at most
/// three that took the fewest wavefronts for that length, counting the
/// one-row kernel's stages (radix-16 on tensor cores from 128 points) and
/// spectra product by bench/fft_swizzle.py's model of their addresses:
/// n = 16384 takes 1.24 times the conflict-free count (7.5 unswizzled),
/// 4096 1.18 (6.3), 1024 1.07 (5.7). The four steps' columns and rows take
/// the same entries (the model has only the one-row kernel), other
/// lengths {5, 6, 8}. The emulator's count (SSM_EMULATOR_BANKS) checks
/// them on the kernels themselves.
ArrayRef<int64_t> swizzleShifts(int64_t length) {
  static const int64_t s128[] = {1, 4}, s256[] = {2, 5}, s512[] = {2, 3, 5},
                       s1024[] = {4, 6}, s2048[] = {2, 5, 10},
                       s4096[] = {1, 3, 6}, s8192[] = {1, 4, 7},
                       s16384[] = {4, 6, 8}, other[] = {5, 6, 8};
  switch (length) {
  case 128: return s128;
  case 256: return s256;
  case 512: return s512;
  case 1024: return s1024;
  case 2048: return s2048;
  case 4096: return s4096;
  case 8192: return s8192;
  case 16384: return s16384;
  default: return length < 64 ? ArrayRef<int64_t>() : ArrayRef(other);
  }
}

/// Builds kernels as phases that a block's threads share out, a barrier
/// apart, or, on the host, as loops; with FFTs of complex arrays kept in
/// the block's f32 buffer (real parts first, imaginary parts `imOffset`
/// words later).
class PhasedFFT : protected KernelArith {
public:
  PhasedFFT(OpBuilder &b, Location loc, bool onHost, Complex table,
            int64_t period)
      : KernelArith(b, loc), onHost(onHost), table(table), period(period) {}

protected:
  /// A kernel of `blocks` blocks of `threads` threads with `words` f32
  /// words of (dynamic) shared memory; `body` builds a block's work from
  /// its index. On the host: one buffer, a loop over blocks.
  void launch(Value blocks, int64_t threads, int64_t words,
              function_ref<void(Value)> body);

  /// Runs `body` on every item in [0, count), shared among the threads
  /// (a loop on the host), then waits for all of them.
  void forEach(int64_t count, function_ref<void(Value)> body);
  /// Builds `then` under `condition`.
  void ifThen(Value condition, function_ref<void()> then) {
    auto branch = scf::IfOp::create(b, loc, condition, false);
    OpBuilder::InsertionGuard scope(b);
    b.setInsertionPoint(branch.thenBlock()->getTerminator());
    then();
  }

  Value word(Value i) { return memref::LoadOp::create(b, loc, shared, i); }
  void setWord(Value i, Value v) {
    memref::StoreOp::create(b, loc, v, shared, i);
  }
  /// Where the complex array's element `within` of the transform at
  /// `start` (0 if null) has its real part (its imaginary part is imOffset
  /// words later): start + i for i = within (`packed`: 2 within + bit 2
  /// of within), or with `swizzle` shifts s, start plus i with its low 5
  /// bits (its bank, give or take start's) xor those of i >> s for each s.
  /// That permutes each 32 words of the transform (a unipotent linear map
  /// of i that keeps its bits from 5 up), and spreads the strided and
  /// bit-reversed accesses of its stages over the banks (see
  /// swizzleShifts). Without the start, a linear map over GF(2) of
  /// `within`.
  Value dataWord(Value start, Value within) {
    Value i = packed
                  ? add(add(within, within),
                        arith::AndIOp::create(
                            b, loc,
                            arith::ShRUIOp::create(b, loc, within, constant(2)),
                            constant(1)))
                  : within;
    if (!swizzle.empty()) {
      assert(imOffset % 32 == 0 && "swizzled real parts are groups of 32");
      Value folded;
      for (int64_t shift : swizzle) {
        Value part = arith::ShRUIOp::create(b, loc, i, constant(shift));
        folded = folded ? arith::XOrIOp::create(b, loc, folded, part) : part;
      }
      i = arith::XOrIOp::create(
          b, loc, i, arith::AndIOp::create(b, loc, folded, constant(31)));
    }
    return start ? add(start, i) : i;
  }
  Value dataWord(Value i) { return dataWord(Value(), i); }
  Value xorBits(Value x, Value y) {
    return arith::XOrIOp::create(b, loc, x, y);
  }
  /// The word of element base + offset of the transform at `start`, from
  /// `baseWord` = dataWord(base), for an offset without bits in common
  /// with base: dataWord without the start is linear over GF(2), so that
  /// it is baseWord xor dataWord(offset), a constant.
  Value offsetWord(Value start, Value baseWord, int64_t offset) {
    Value w = offset ? xorBits(baseWord, dataWord(constant(offset))) : baseWord;
    return start ? add(start, w) : w;
  }
  /// The imaginary part's word of the real part's word `re`.
  Value imWord(Value re) { return add(re, constant(imOffset)); }
  /// The element whose real part is at word `re`.
  Complex atWord(Value re) { return {word(re), word(imWord(re))}; }
  void setAtWord(Value re, Complex v) {
    setWord(re, v.re);
    setWord(imWord(re), v.im);
  }
  Complex at(Value start, Value within) {
    return atWord(dataWord(start, within));
  }
  void set(Value start, Value within, Complex v) {
    setAtWord(dataWord(start, within), v);
  }
  Complex at(Value i) { return at(Value(), i); }
  void set(Value i, Complex v) { set(Value(), i, v); }

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
  /// x - v for an index v.
  Value minusFrom(int64_t x, Value v) {
    return arith::SubIOp::create(b, loc, constant(x), v);
  }
  /// x where `condition` holds, otherwise y.
  Complex pick(Value condition, Complex x, Complex y) {
    return {select(condition, x.re, y.re), select(condition, x.im, y.im)};
  }
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
  /// x times -i (x / i), or with `inverse` times i: a quarter turn, the
  /// twiddle W_len^(len/4) of a stage whose o is 0, exactly.
  Complex quarterTurn(Complex x, bool inverse) {
    if (inverse)
      return {arith::NegFOp::create(b, loc, x.im), x.re};
    return {x.im, arith::NegFOp::create(b, loc, x.re)};
  }
  /// exp(-2 pi i j / len) from the table of period `period`.
  Complex twiddle(Value j, int64_t len) {
    Value at = mul(j, constant(period / len));
    return {memref::LoadOp::create(b, loc, table.re, at),
            memref::LoadOp::create(b, loc, table.im, at)};
  }
  /// exp(-2 pi i j / len) for any j < len (the table holds half a period:
  /// the upper half is the lower one negated).
  Complex fullTwiddle(Value j, int64_t len) {
    Value upper = cmp(arith::CmpIPredicate::uge, j, constant(len / 2));
    Complex w = twiddle(
        select(upper, arith::SubIOp::create(b, loc, j, constant(len / 2)), j),
        len);
    auto sign = [&](Value v) {
      return select(upper, arith::NegFOp::create(b, loc, v), v);
    };
    return {sign(w.re), sign(w.im)};
  }
  /// exp(-2 pi i j / n) for j < n = period m, where the table's half
  /// period is followed by m fine factors exp(-2 pi i r / n), r < m:
  /// exp(-2 pi i (j / m) / period) (fullTwiddle) times the fine factor of
  /// r = j % m. (Two table entries and a complex product, where sine and
  /// cosine took some 80 instructions; as precise as the table.)
  Complex stepTwiddle(Value j, int64_t n) {
    int64_t m = n / period;
    Value at = add(rem(j, m), constant(period / 2));
    Complex fine = {memref::LoadOp::create(b, loc, table.re, at),
                    memref::LoadOp::create(b, loc, table.im, at)};
    return turn(fullTwiddle(div(j, m), period), fine, /*inverse=*/false);
  }
  /// The bit reversal of i < 2^bits.
  Value bitReversed(Value i, int64_t bits) {
    if (bits == 0)
      return constant(0);
    Type i32 = b.getI32Type();
    Value reversed = LLVM::BitReverseOp::create(
        b, loc, i32, arith::IndexCastUIOp::create(b, loc, i32, i));
    return arith::IndexCastUIOp::create(
        b, loc, b.getIndexType(),
        arith::ShRUIOp::create(
            b, loc, reversed,
            arith::ConstantIntOp::create(b, loc, i32, 32 - bits)));
  }
  /// E + i O for the inverse of n / 2 points that a real output allows:
  /// E = low + high, O = (low - high) / w, for low = Y[h],
  /// high = Y[h + n/2] and w = W_n^h (its output is v[2m] + i v[2m + 1]
  /// for v the n-point inverse's).
  Complex evenOdd(Complex low, Complex high, Complex w) {
    Complex e = plus(low, high);
    Complex o = turn(minus(low, high), w, /*inverse=*/true);
    return {arith::SubFOp::create(b, loc, e.re, o.im),
            arith::AddFOp::create(b, loc, e.im, o.re)};
  }
  /// 4 U K from Z[f] (z) and Z[-f] (p), for Z the spectrum of u + i k:
  /// 2U = z + conj p, 2K = (z - conj p) / i.
  Complex spectraProduct(Complex z, Complex p) {
    Complex twoU = {arith::AddFOp::create(b, loc, z.re, p.re),
                    arith::SubFOp::create(b, loc, z.im, p.im)};
    Complex twoK = {arith::AddFOp::create(b, loc, z.im, p.im),
                    arith::SubFOp::create(b, loc, p.re, z.re)};
    return turn(twoU, twoK, /*inverse=*/false);
  }
  /// What a phase folds the values it hands over into: their largest
  /// magnitude, or the sum of their squares.
  enum class Fold { maxAbs, sumSquares };
  static constexpr Fold maxAbsFold[] = {Fold::maxAbs};
  /// A fold's result so far, `acc`, with the value v folded in.
  Value foldIn(Fold kind, Value acc, Value v) {
    if (kind == Fold::sumSquares)
      return math::FmaOp::create(b, loc, v, v, acc);
    return arith::MaximumFOp::create(b, loc, acc,
                                     math::AbsFOp::create(b, loc, v));
  }
  /// Two partial results of a fold as one.
  Value combine(Fold kind, Value x, Value y) {
    if (kind == Fold::sumSquares)
      return arith::AddFOp::create(b, loc, x, y);
    return arith::MaximumFOp::create(b, loc, x, y);
  }
  /// Hands value v to fold r of forEachFolding.
  using FoldValue = function_ref<void(unsigned r, Value v)>;
  /// forEach, with `body` handing values to the `folds` as it goes: each
  /// thread folds those of its own items in registers, the lanes of a
  /// warp combine theirs by butterfly shuffles and the first warp the
  /// warps' (written at `at` + folds.size() on), so that every thread
  /// finds fold r's result at word at + r after the phase; the words used
  /// are foldWords(folds.size(), threads) from `at`. (A reduction in the
  /// phase that computes the values, instead of a pass over them after.)
  /// Without folds, forEach, `body` given a null FoldValue.
  void forEachFolding(int64_t count, ArrayRef<Fold> folds, int64_t at,
                      function_ref<void(Value, FoldValue)> body);

  /// Whether transforms of `len` points take radix-16 stages on tensor
  /// cores.
  bool onTensorCores(int64_t len) const {
    return tensorCores && !onHost && len >= kMmaMinLength;
  }
  /// `count` transforms of `len` points in place, transform c at
  /// c `spacing` (len by default):
  /// the DFT (natural order in, out in the order of `position`; stages of
  /// halves len/2, ..., 1 in fused pairs) or len times the inverse (in
  /// that order, natural out). On tensor cores, the stages of spans len/16,
  /// len/256, ..., r (r < 16) are radix-16 stages whose DFT matrix is
  /// scaled by 1/4 (a unitary matrix), after the forward transform's first
  /// one (the inverse's last) the stages of halves r/2, ..., 1 as above:
  /// the results are (1/4)^a those of the DFT (len^(1 - a/2) ... ), for a
  /// the radix-16 stages; `scale` (f32, tensor cores only) multiplies the
  /// values the first radix-16 stage reads, which must be at most about
  /// 1 in magnitude (they become f16). `parts` (forward, tensor cores
  /// only) multiplies their real and imaginary parts first (a scaling
  /// that then takes no phase of its own). With `upperHalfZero`, the
  /// points from len / 2 on are zeros, which the first stage (radix-16,
  /// radix-4 or radix-2) does not read.
  void forwardTransform(int64_t len, int64_t count, int64_t spacing = 0,
                        Value scale = {}, Complex parts = {},
                        bool upperHalfZero = false);
  void inverseTransform(int64_t len, int64_t count, int64_t spacing = 0,
                        Value scale = {});
  /// The radix-16 stages of a `len`-point transform (0 without tensor
  /// cores).
  int64_t radix16Stages(int64_t len) const {
    return onTensorCores(len) ? llvm::Log2_64(len) / 4 : 0;
  }
  /// The largest magnitude (a power of two) of the values the radix-16
  /// stages of a `len`-point transform (forward or inverse) may be given:
  /// each stage grows the largest one by 4 at most (16 terms of the DFT
  /// matrix / 4), the inverse's r-point transforms before them by r, and
  /// the last stage's input (real and imaginary parts of magnitude at
  /// most 2^(1/2) times that) must stay below f16's 65504 with room to
  /// spare; as large as that allows, so that the low halves of split
  /// operands of small values stay normal f16 numbers.
  double mmaRange(int64_t len, bool inverse) const {
    int64_t stages = radix16Stages(len);
    double r = double(len >> (4 * stages));
    return std::ldexp(1.0, 16 - 2 * int(stages)) / (inverse ? r : 1.0);
  }
  /// A factor that brings values of magnitude up to x to `range`, and
  /// the one that undoes it: range / x and x / range (f32), with x taken
  /// as 1 below the smallest normal f32 number (0, say: range / x would
  /// not be finite).
  struct Scaling {
    Value scale, undo;
  };
  Scaling scaleTo(double range, Value x) {
    Value tiny = arith::CmpFOp::create(
        b, loc, arith::CmpFPredicate::ULT, x,
        f32(double(std::numeric_limits<float>::min())));
    x = select(tiny, f32(1), x);
    return {arith::DivFOp::create(b, loc, f32(range), x),
            fmul(x, f32(1.0 / range))};
  }
  /// Where the forward transform leaves frequency f of a `len`-point
  /// transform: the bit reversal of f; on tensor cores, with the radix-16
  /// stages' hexadecimal digits of f (lowest first) taking the highest
  /// bits, and the remaining r-point transform's bit reversal below them.
  Value position(Value f, int64_t len);
  /// The frequency at position p (the inverse of `position`).
  Value frequencyAt(Value p, int64_t len);

  bool onHost;
  /// Radix-16 stages on tensor cores (GPU only), for the kernels launched
  /// while it is set.
  bool tensorCores = false;
  Complex table;
  int64_t period;
  /// The block's f32 buffer and where its imaginary parts start.
  Value shared;
  int64_t imOffset = 0;
  /// The shifts of the complex array's swizzle (see dataWord), none for
  /// none: its transforms' lengths and imOffset must be multiples of 32.
  ArrayRef<int64_t> swizzle;
  /// Whether the complex array is that of a transform of twice the
  /// length, with element i in one of its words 2i and 2i + 1 (before the
  /// swizzle): 2i + bit 2 of i, which spreads the radix-16 stages of
  /// the packed inverses (the one-row kernel's, the four steps' rows)
  /// over the banks (for the one-row kernel of n = 16384, 2560 wavefronts
  /// per row fewer than 2i: the emulator's count, SSM_EMULATOR_BANKS).
  bool packed = false;
  /// Whether the items of radix-2 and radix-4 stages on several transforms
  /// take the transform fastest: with transforms 32 k + 1 words apart,
  /// the lanes of a warp then take one element of 32 transforms, in 32
  /// banks.
  bool transformsFastest = false;
  /// The thread's index in the block (GPU only).
  Value thread;
  int64_t threads = 1;

private:
  /// Item i of a radix-2 or radix-4 stage with `items` items per
  /// transform: where its transform starts (null for the only one) and its
  /// index within it.
  std::pair<Value, Value> transformOf(Value i, int64_t spacing,
                                      int64_t items, int64_t count) {
    if (count == 1)
      return {Value(), i};
    if (transformsFastest)
      return {mul(rem(i, count), constant(spacing)), div(i, count)};
    return {mul(div(i, items), constant(spacing)), rem(i, items)};
  }
  /// (`upperHalfZero`: a transform's first forward stage, which does not
  /// read the zeros from len / 2 on.)
  void radix2Stage(int64_t len, int64_t count, int64_t spacing, int64_t half,
                   bool inverse, bool upperHalfZero = false);
  void radix4Stage(int64_t len, int64_t count, int64_t spacing, int64_t q,
                   bool inverse, bool upperHalfZero = false);
  /// The stages of halves `from`, from / 2 (or 4), ..., 1 (forward) or
  /// 1, ..., `from` (inverse), fused in pairs where two are left.
  void forwardStages(int64_t len, int64_t count, int64_t spacing, int64_t from,
                     bool upperHalfZero = false);
  void inverseStages(int64_t len, int64_t count, int64_t spacing,
                     int64_t to);
  /// A radix-16 stage of span s on tensor cores; see the definition.
  void mmaStage(int64_t len, int64_t count, int64_t spacing, int64_t span,
                bool inverse, Value scale, Complex parts = {},
                bool upperHalfZero = false);
  /// An f32 value as the sum of two f16 values, `high` and `low`, which
  /// m16n8k16 products take as such: a b = ah bh + ah bl + al bh to within
  /// about 2^-22 |a b|.
  struct Split {
    SmallVector<Value, 4> high, low;
  };
  /// The warp's lane and index, and the A fragments (mma::operand pairs of
  /// f16) of the 16-point DFT matrix / 4: real and imaginary parts; built
  /// at the kernel's first radix-16 stage.
  Value lane, warp;
  Split dftRe, dftIm;
  void buildDftFragments();
  /// `values` (f32) as split mma operand registers, two values each.
  Split split(ArrayRef<Value> values);
  /// c + a b for split operands (three products).
  SmallVector<Value, 4> multiplyAdd(const Split &a, const Split &x,
                                    ArrayRef<Value> c);
};
} // namespace

void PhasedFFT::forEach(int64_t count, function_ref<void(Value)> body) {
  Value start = onHost ? constant(0) : thread;
  Value step = constant(onHost ? 1 : threads);
  auto loop = scf::ForOp::create(b, loc, start, constant(count), step);
  {
    OpBuilder::InsertionGuard scope(b);
    b.setInsertionPoint(loop.getBody()->getTerminator());
    body(loop.getInductionVar());
  }
  if (!onHost)
    gpu::BarrierOp::create(b, loc);
}

void PhasedFFT::launch(Value blocks, int64_t blockThreads, int64_t words,
                       function_ref<void(Value)> body) {
  OpBuilder::InsertionGuard scope(b);
  threads = blockThreads;
  dftRe = dftIm = Split();
  Type f32Type = b.getF32Type();
  if (onHost) {
    // (A buffer of at least one word: `words` may be 0.)
    shared = memref::AllocOp::create(
        b, loc, MemRefType::get({std::max<int64_t>(words, 1)}, f32Type));
    auto loop = scf::ForOp::create(b, loc, constant(0), blocks, constant(1));
    {
      OpBuilder::InsertionGuard inner(b);
      b.setInsertionPoint(loop.getBody()->getTerminator());
      body(loop.getInductionVar());
    }
    memref::DeallocOp::create(b, loc, shared);
    return;
  }
  Value bytes =
      arith::ConstantIntOp::create(b, loc, b.getI32Type(), 4 * words);
  // The guard is uniform in the block: every thread reaches every barrier.
  auto [kernel, block, blockThread] = launchBlocks(blocks, threads, bytes);
  thread = blockThread;
  auto workgroup = gpu::AddressSpaceAttr::get(b.getContext(),
                                              gpu::AddressSpace::Workgroup);
  if (words > 0) {
    Value raw = gpu::DynamicSharedMemoryOp::create(
        b, loc,
        MemRefType::get({ShapedType::kDynamic}, b.getI8Type(),
                        MemRefLayoutAttrInterface(), workgroup));
    shared = memref::ViewOp::create(
        b, loc,
        MemRefType::get({words}, f32Type, MemRefLayoutAttrInterface(),
                        workgroup),
        raw, constant(0), ValueRange());
  }
  body(block);
}

void PhasedFFT::forEachFolding(int64_t count, ArrayRef<Fold> folds,
                               int64_t at,
                               function_ref<void(Value, FoldValue)> body) {
  if (folds.empty()) {
    forEach(count, [&](Value i) { body(i, {}); });
    return;
  }
  Value start = onHost ? constant(0) : thread;
  Value step = constant(onHost ? 1 : threads);
  SmallVector<Value, 4> zeros(folds.size(), f32(0));
  auto loop = scf::ForOp::create(
      b, loc, start, constant(count), step, zeros,
      [&](OpBuilder &, Location, Value i, ValueRange carried) {
        SmallVector<Value, 4> acc(carried);
        body(i, [&](unsigned r, Value v) {
          acc[r] = foldIn(folds[r], acc[r], v);
        });
        scf::YieldOp::create(b, loc, acc);
      });
  SmallVector<Value, 4> results(loop.getResults());
  if (onHost) {
    for (auto [r, result] : llvm::enumerate(results))
      setWord(constant(at + int64_t(r)), result);
    return;
  }
  int64_t warps = threads / mma::kWarpSize;
  assert(threads % mma::kWarpSize == 0 && warps <= mma::kWarpSize &&
         "whole warps, as many as a warp's lanes at most");
  auto overWarp = [&](Fold kind, Value v) {
    for (int32_t offset = mma::kWarpSize / 2; offset >= 1; offset /= 2)
      v = combine(kind, v,
                  gpu::ShuffleOp::create(b, loc, v, offset, mma::kWarpSize,
                                         gpu::ShuffleMode::XOR)
                      .getShuffleResult());
    return v;
  };
  Value threadLane = rem(thread, mma::kWarpSize);
  Value threadWarp = div(thread, mma::kWarpSize);
  Value firstLane = cmp(arith::CmpIPredicate::eq, threadLane, constant(0));
  // Warp w's result of fold r at word at + folds + r warps + w.
  int64_t partialsAt = at + int64_t(folds.size());
  for (auto [r, result] : llvm::enumerate(results))
    result = overWarp(folds[r], result);
  ifThen(firstLane, [&] {
    for (auto [r, result] : llvm::enumerate(results))
      setWord(add(constant(partialsAt + int64_t(r) * warps), threadWarp),
              result);
  });
  gpu::BarrierOp::create(b, loc);
  // (The branch is uniform in each warp: the shuffles see all its lanes.)
  ifThen(cmp(arith::CmpIPredicate::eq, threadWarp, constant(0)), [&] {
    for (auto [r, kind] : llvm::enumerate(folds)) {
      Value partial = word(add(constant(partialsAt + int64_t(r) * warps),
                               rem(threadLane, warps)));
      Value v = overWarp(
          kind, select(less(threadLane, constant(warps)), partial, f32(0)));
      ifThen(firstLane, [&] { setWord(constant(at + int64_t(r)), v); });
    }
  });
  gpu::BarrierOp::create(b, loc);
}

/// One radix-2 stage on butterflies of half `half`, with a = z[blk 2 half
/// + o], b = z[... + half] and w = exp(-2 pi i o / (2 half)):
///   forward (decimation in frequency): a + b and (a - b) w;
///   inverse (decimation in time): a + b/w and a - b/w.
void PhasedFFT::radix2Stage(int64_t len, int64_t count, int64_t spacing,
                            int64_t half, bool inverse, bool upperHalfZero) {
  assert((!upperHalfZero || (!inverse && 2 * half == len)) &&
         "the zeros are those of the first forward stage");
  Named phase(*this, "radix-2 stage (half " + Twine(half) + ")");
  forEach(count * len / 2, [&](Value i) {
    auto [start, j] = transformOf(i, spacing, len / 2, count);
    Value o = rem(j, half);
    Value first = add(mul(div(j, half), constant(2 * half)), o);
    // (first has no bit of half.)
    Value baseWord = dataWord(first);
    Value firstWord = offsetWord(start, baseWord, 0);
    Value secondWord = offsetWord(start, baseWord, half);
    Complex x = atWord(firstWord);
    // (With half = 1, o is 0 and w is 1.)
    auto turned = [&](Complex v) {
      if (half == 1)
        return v;
      return turn(v, twiddle(mul(o, constant(len / (2 * half))), len), inverse);
    };
    if (upperHalfZero) {
      setAtWord(secondWord, turned(x));
      return;
    }
    Complex z = atWord(secondWord);
    if (inverse) {
      Complex t = turned(z);
      setAtWord(firstWord, plus(x, t));
      setAtWord(secondWord, minus(x, t));
    } else {
      setAtWord(firstWord, plus(x, z));
      setAtWord(secondWord, turned(minus(x, z)));
    }
  });
}

/// Two radix-2 stages in one phase, on groups x0..x3 at blk 4q + o + c q,
/// as FFTConvToLinalg.cpp's fusedStages (the same values and positions as
/// running the two stages one after the other), with wa = W[o B],
/// wb = W[(o + q) B], wc = W[2 o B] (W[j] = exp(-2 pi i j / len),
/// B = len / 4q):
///   forward: p = (x0 + x2, x1 + x3, (x0 - x2) wa, (x1 - x3) wb),
///            y = (p0 + p1, (p0 - p1) wc, p2 + p3, (p2 - p3) wc);
///   inverse: p = (x0 + x1/wc, x0 - x1/wc, x2 + x3/wc, x2 - x3/wc),
///            y = (p0 + p2/wa, p1 + p3/wb, p0 - p2/wa, p1 - p3/wb).
void PhasedFFT::radix4Stage(int64_t len, int64_t count, int64_t spacing,
                            int64_t q, bool inverse, bool upperHalfZero) {
  assert((!upperHalfZero || (!inverse && 4 * q == len)) &&
         "the zeros are those of the first forward stage");
  Named phase(*this, "radix-4 stage (q " + Twine(q) + ")");
  int64_t blocks = len / (4 * q);
  forEach(count * len / 4, [&](Value i) {
    auto [start, j] = transformOf(i, spacing, len / 4, count);
    Value o = rem(j, q);
    Value base = add(mul(div(j, q), constant(4 * q)), o);
    // (base has no bits of k q.)
    Value baseWord = dataWord(base);
    Value words[4];
    Complex x[4];
    for (int64_t k = 0; k < 4; ++k) {
      words[k] = offsetWord(start, baseWord, k * q);
      // (x2 and x3 are in the upper half.)
      if (!upperHalfZero || k < 2)
        x[k] = atWord(words[k]);
    }
    // v turned by W[(o + plusQ q) times B] (wa: 0, 1; wb: 1, 1; wc: 0, 2).
    // With q = 1, o is 0: wa and wc are 1 and wb = W[len / 4] = -i,
    // applied exactly and without table loads.
    auto by = [&](Complex v, int64_t plusQ, int64_t times) {
      if (q == 1)
        return plusQ ? quarterTurn(v, inverse) : v;
      Value j = plusQ ? add(o, constant(plusQ * q)) : o;
      return turn(v, twiddle(mul(j, constant(times * blocks)), len), inverse);
    };
    auto byA = [&](Complex v) { return by(v, 0, 1); };
    auto byB = [&](Complex v) { return by(v, 1, 1); };
    auto byC = [&](Complex v) { return by(v, 0, 2); };
    Complex out[4];
    if (inverse) {
      Complex t1 = byC(x[1]), t3 = byC(x[3]);
      Complex p0 = plus(x[0], t1), p1 = minus(x[0], t1);
      Complex p2 = byA(plus(x[2], t3));
      Complex p3 = byB(minus(x[2], t3));
      out[0] = plus(p0, p2);
      out[1] = plus(p1, p3);
      out[2] = minus(p0, p2);
      out[3] = minus(p1, p3);
    } else {
      Complex p0 = x[0], p1 = x[1], p2 = x[0], p3 = x[1];
      if (!upperHalfZero) {
        p0 = plus(x[0], x[2]);
        p1 = plus(x[1], x[3]);
        p2 = minus(x[0], x[2]);
        p3 = minus(x[1], x[3]);
      }
      p2 = byA(p2);
      p3 = byB(p3);
      out[0] = plus(p0, p1);
      out[1] = byC(minus(p0, p1));
      out[2] = plus(p2, p3);
      out[3] = byC(minus(p2, p3));
    }
    for (int64_t k = 0; k < 4; ++k)
      setAtWord(words[k], out[k]);
  });
}

void PhasedFFT::forwardStages(int64_t len, int64_t count, int64_t spacing,
                              int64_t from, bool upperHalfZero) {
  for (int64_t half = from; half >= 1;) {
    // (Only a first stage of the whole transform has the zeros.)
    bool zeros = upperHalfZero && 2 * half == len;
    if (half >= 2) {
      radix4Stage(len, count, spacing, half / 2, /*inverse=*/false, zeros);
      half /= 4;
    } else {
      radix2Stage(len, count, spacing, half, /*inverse=*/false, zeros);
      half /= 2;
    }
  }
}

void PhasedFFT::inverseStages(int64_t len, int64_t count, int64_t spacing,
                              int64_t to) {
  for (int64_t half = 1; half <= to;) {
    if (2 * half <= to) {
      radix4Stage(len, count, spacing, half, /*inverse=*/true);
      half *= 4;
    } else {
      radix2Stage(len, count, spacing, half, /*inverse=*/true);
      half *= 2;
    }
  }
}

void PhasedFFT::forwardTransform(int64_t len, int64_t count, int64_t spacing,
                                 Value scale, Complex parts,
                                 bool upperHalfZero) {
  spacing = spacing ? spacing : len;
  int64_t stages = radix16Stages(len);
  assert((stages > 0 || (!scale && !parts.re)) &&
         "scales are for the radix-16 stages");
  for (int64_t s = 0, span = len / 16; s < stages; ++s, span /= 16)
    mmaStage(len, count, spacing, span, /*inverse=*/false,
             s == 0 ? scale : Value(), s == 0 ? parts : Complex(),
             s == 0 && upperHalfZero);
  // The r-point transforms left, or the whole one.
  int64_t r = len >> (4 * stages);
  forwardStages(len, count, spacing, r / 2, stages == 0 && upperHalfZero);
}

void PhasedFFT::inverseTransform(int64_t len, int64_t count, int64_t spacing,
                                 Value scale) {
  spacing = spacing ? spacing : len;
  int64_t stages = radix16Stages(len);
  assert((stages > 0 || !scale) && "a scale is for the radix-16 stages");
  int64_t r = len >> (4 * stages);
  inverseStages(len, count, spacing, r / 2);
  for (int64_t s = 0, span = r; s < stages; ++s, span *= 16)
    mmaStage(len, count, spacing, span, /*inverse=*/true,
             s == 0 ? scale : Value());
}

Value PhasedFFT::position(Value f, int64_t len) {
  int64_t bits = llvm::Log2_64(len), stages = radix16Stages(len);
  if (!stages)
    return bitReversed(f, bits);
  int64_t tailBits = bits - 4 * stages;
  Value p = bitReversed(arith::ShRUIOp::create(b, loc, f,
                                               constant(4 * stages)),
                        tailBits);
  for (int64_t i = 0; i < stages; ++i) {
    Value digit = arith::AndIOp::create(
        b, loc, arith::ShRUIOp::create(b, loc, f, constant(4 * i)),
        constant(15));
    p = arith::OrIOp::create(
        b, loc, p,
        arith::ShLIOp::create(b, loc, digit,
                              constant(bits - 4 * (i + 1))));
  }
  return p;
}

Value PhasedFFT::frequencyAt(Value p, int64_t len) {
  int64_t bits = llvm::Log2_64(len), stages = radix16Stages(len);
  if (!stages)
    return bitReversed(p, bits);
  int64_t tailBits = bits - 4 * stages;
  Value f = arith::ShLIOp::create(
      b, loc,
      bitReversed(
          arith::AndIOp::create(b, loc, p, constant((1 << tailBits) - 1)),
          tailBits),
      constant(4 * stages));
  for (int64_t i = 0; i < stages; ++i) {
    Value digit = arith::AndIOp::create(
        b, loc,
        arith::ShRUIOp::create(b, loc, p, constant(bits - 4 * (i + 1))),
        constant(15));
    f = arith::OrIOp::create(
        b, loc, f, arith::ShLIOp::create(b, loc, digit, constant(4 * i)));
  }
  return f;
}

PhasedFFT::Split PhasedFFT::split(ArrayRef<Value> values) {
  Type f16 = b.getF16Type(), f32Type = b.getF32Type();
  auto pair = [&](Value first, Value second) {
    return mma::operand(
        b, loc,
        vector::FromElementsOp::create(b, loc, VectorType::get({2}, f16),
                                       ValueRange{first, second}));
  };
  Split parts;
  for (size_t i = 0; i + 1 < values.size(); i += 2) {
    Value high[2], low[2];
    for (size_t e = 0; e < 2; ++e) {
      high[e] = arith::TruncFOp::create(b, loc, f16, values[i + e]);
      Value rest = arith::SubFOp::create(
          b, loc, values[i + e],
          arith::ExtFOp::create(b, loc, f32Type, high[e]));
      low[e] = arith::TruncFOp::create(b, loc, f16, rest);
    }
    parts.high.push_back(pair(high[0], high[1]));
    parts.low.push_back(pair(low[0], low[1]));
  }
  return parts;
}

SmallVector<Value, 4> PhasedFFT::multiplyAdd(const Split &a, const Split &x,
                                             ArrayRef<Value> c) {
  Type f16 = b.getF16Type();
  SmallVector<Value, 4> acc =
      mma::multiplyAdd(b, loc, f16, a.low, x.high, c);
  acc = mma::multiplyAdd(b, loc, f16, a.high, x.low, acc);
  return mma::multiplyAdd(b, loc, f16, a.high, x.high, acc);
}

void PhasedFFT::buildDftFragments() {
  lane = rem(thread, mma::kWarpSize);
  warp = div(thread, mma::kWarpSize);
  Value g = div(lane, 4), t = rem(lane, 4);
  // Register r holds (row g + 8 (r % 2), columns 2t + 8 (r / 2) + e):
  // W_16^(row col) / 4.
  SmallVector<Value, 8> re, im;
  for (int64_t r = 0; r < 4; ++r) {
    Value row = add(g, constant(8 * (r % 2)));
    for (int64_t e = 0; e < 2; ++e) {
      Value col = add(mul(t, constant(2)), constant(8 * (r / 2) + e));
      Complex w = fullTwiddle(rem(mul(row, col), 16), 16);
      re.push_back(fmul(w.re, f32(0.25)));
      im.push_back(fmul(w.im, f32(0.25)));
    }
  }
  dftRe = split(re);
  dftIm = split(im);
}

/// A radix-16 stage of span s on the tensor cores, on every column
/// (transform, g, o) (o < s) of points x_j = z[transform spacing + g 16 s
/// + o + s j], j < 16, each warp taking groups of 8 columns as the B
/// operand (16 x 8) of m16n8k16 products with the DFT matrix
/// F_jk = W_16^(jk) / 4 (A; its real and imaginary parts, so four real
/// products per complex product, each of three f16 products of split
/// operands: as precise as f32 to about 2^-21), accumulated in f32:
///   forward (decimation in frequency): X_k = W_(16 s)^(o k) sum_j F_kj x_j,
///   inverse (decimation in time): x_j = sum_k conj(F_jk) W_(16 s)^(-o k) X_k,
/// in place (X_k at the position of x_k). The warp's loads all come before
/// its products, and its stores after: no other warp reads its columns.
void PhasedFFT::mmaStage(int64_t len, int64_t count, int64_t spacing,
                         int64_t span, bool inverse, Value scale, Complex parts,
                         bool upperHalfZero) {
  // (The first stage's points j >= 8 are those from len / 2 on.)
  assert((!upperHalfZero || (!inverse && 16 * span == len)) &&
         "zeros are read by the forward transform's first stage");
  Named phase(*this, "radix-16 stage (span " + Twine(span) + ")");
  if (dftRe.high.empty())
    buildDftFragments();
  int64_t perTransform = len / 16;
  int64_t groups = count * perTransform / mma::kN;
  int64_t warps = threads / mma::kWarpSize;
  // Column c's transform (its start, null for the only one), its first
  // point within it, and its o.
  struct Column {
    Value start, base, o;
  };
  auto column = [&](Value c) -> Column {
    Value within = count == 1 ? c : rem(c, perTransform);
    Value o = rem(within, span);
    Value start = count == 1
                      ? Value()
                      : mul(div(c, perTransform), constant(spacing));
    return {start, add(mul(div(within, span), constant(16 * span)), o), o};
  };
  // The words of a transform's elements (dataWord without the start) are
  // a linear map over GF(2) of the elements (the packing's and the
  // swizzle's), so that dataWord(a + b) = dataWord(a) ^ dataWord(b) for a
  // and b without common bits. The base of column c0 + x (c0 a multiple of
  // 8 in its transform, x < 8) is base(c0) + base(x) so; the points of a
  // column are its base plus j span (j < 16), whose bits are the span's
  // and the next 3. So the word of point j = 2t + 8r + e of column c0 + x
  // is a pass's part, dataWord(base(c0)), xor a lane's, dataWord(base(x)
  // + 2t span), xor a constant, dataWord((8r + e) span): one xor per
  // point in the loop, where the whole swizzle took about 10 instructions.
  auto baseOf = [&](Value within) {
    return add(mul(div(within, span), constant(16 * span)), rem(within, span));
  };
  Value g = div(lane, 4), t = rem(lane, 4);
  // (Loads: column g, points 2t + ...; stores: column 2t + r % 2, points
  // g + 8 (r / 2).)
  Value loadLane = dataWord(add(baseOf(g), mul(t, constant(2 * span))));
  Value storeLane[2];
  for (int64_t odd = 0; odd < 2; ++odd)
    storeLane[odd] =
        dataWord(add(baseOf(add(mul(t, constant(2)), constant(odd))),
                     mul(g, constant(span))));
  auto loop = scf::ForOp::create(b, loc, warp, constant(groups),
                                 constant(warps));
  {
    OpBuilder::InsertionGuard scope(b);
    b.setInsertionPoint(loop.getBody()->getTerminator());
    Value c0 = mul(loop.getInductionVar(), constant(mma::kN));
    Column first = column(c0);
    Value passWord = dataWord(first.base);
    // B: register r holds points j = 2t + 8r + e of column c0 + g.
    Value o = column(add(c0, g)).o;
    SmallVector<Value, 4> re, im;
    for (int64_t r = 0; r < 2; ++r) {
      for (int64_t e = 0; e < 2; ++e) {
        if (r == 1 && upperHalfZero) {
          re.push_back(f32(0));
          im.push_back(f32(0));
          continue;
        }
        Value j = add(mul(t, constant(2)), constant(8 * r + e));
        Complex x = atWord(offsetWord(first.start, xorBits(passWord, loadLane),
                                      (8 * r + e) * span));
        if (inverse && span > 1)
          x = turn(x, fullTwiddle(mul(o, j), 16 * span), /*inverse=*/true);
        if (parts.re)
          x = {fmul(x.re, parts.re), fmul(x.im, parts.im)};
        if (scale)
          x = {fmul(x.re, scale), fmul(x.im, scale)};
        re.push_back(x.re);
        im.push_back(x.im);
      }
    }
    Split xRe = split(re), xIm = split(im);
    // -x for a split x (f16 pairs: negation is exact).
    auto negated = [&](const Split &x) {
      Split minus;
      for (Value v : x.high)
        minus.high.push_back(arith::NegFOp::create(b, loc, v));
      for (Value v : x.low)
        minus.low.push_back(arith::NegFOp::create(b, loc, v));
      return minus;
    };
    SmallVector<Value, 4> zero(4, f32(0));
    // Forward: Re = Fr xr + Fi (-xi), Im = Fr xi + Fi xr; the inverse
    // takes conj(F): Re = Fr xr + Fi xi, Im = Fr xi + Fi (-xr).
    SmallVector<Value, 4> yRe =
        multiplyAdd(dftIm, inverse ? xIm : negated(xIm),
                    multiplyAdd(dftRe, xRe, zero));
    SmallVector<Value, 4> yIm =
        multiplyAdd(dftIm, inverse ? negated(xRe) : xRe,
                    multiplyAdd(dftRe, xIm, zero));
    // C: value r at (k = g + 8 (r / 2), column c0 + 2t + r % 2).
    for (int64_t r = 0; r < 4; ++r) {
      Column out =
          column(add(c0, add(mul(t, constant(2)), constant(r % 2))));
      Value k = add(g, constant(8 * (r / 2)));
      Complex y = {yRe[r], yIm[r]};
      if (!inverse && span > 1)
        y = turn(y, fullTwiddle(mul(out.o, k), 16 * span), /*inverse=*/false);
      setAtWord(offsetWord(first.start, xorBits(passWord, storeLane[r % 2]),
                           8 * (r / 2) * span),
                y);
    }
  }
  gpu::BarrierOp::create(b, loc);
}

namespace {
/// The kernels of one convolution, for the GPU or the host.
class ConvKernels : PhasedFFT {
public:
  ConvKernels(OpBuilder &b, Location loc, ConvParams params,
              ValueRange operands, bool onHost)
      : PhasedFFT(b, loc, onHost, {}, params.period()), params(params),
        n(params.length) {
    unsigned next = 0;
    u = operands[next++];
    k = operands[next++];
    if (params.bias)
      bias = operands[next++];
    table = {operands[next], operands[next + 1]};
    y = operands[next + 2];
    L = cast<MemRefType>(u.getType()).getDimSize(1);
  }

  void build() {
    Value B = memref::DimOp::create(b, loc, u, 0);
    D = memref::DimOp::create(b, loc, u, 2);
    rows = mul(B, D);
    if (params.split)
      buildFourStep();
    else
      buildOneRow();
  }

private:
  /// u[batch, t, channel] + i k[channel, t] (t below L and the taps; zero
  /// past them), neither part scaled yet.
  Complex input(Value batch, Value channel, Value t);
  /// Runs `body` on the items of [0, count) as forEachFolding does, g at a
  /// time: item j of a group of the g (g <= kInputLoads, whole groups per
  /// thread) is j count / g apart from the first, and `load` (what
  /// depends on global memory) runs for all g before `body` takes them,
  /// so that a thread has g items' loads in flight instead of one.
  void forEachLoaded(int64_t count, ArrayRef<Fold> folds, int64_t at,
                     function_ref<Complex(Value)> load,
                     function_ref<void(Value, Complex, FoldValue)> body);
  /// The factors z's parts are taken with (u cu + i k ck), and the
  /// largest magnitude of the parts then.
  struct RowScales {
    Value u, k, zMax;
    /// 1 / u and 1 / k as the norms they come from (y's factors).
    Value uNorm, kNorm;
    /// The values in the order of the four steps' array of scales.
    std::array<Value, 5> values() const { return {u, k, zMax, uNorm, kNorm}; }
  };
  /// What a block needs to store its row's outputs: loaded once per block.
  struct RowOutput {
    Value batch, channel;
    RowScales scales;
    Value skip;
    /// Factors that undo the tensor cores' scalings, applied one after the
    /// other (so that no product of them need be finite).
    SmallVector<Value, 4> undo;
  };
  RowOutput rowOutput(Value batch, Value channel, RowScales scales) {
    return {batch, channel, scales,
            bias ? loadF32(bias, {channel}) : Value(), {}};
  }
  /// y[batch, t, channel] = v / (4 n cu ck) plus the skip term (v times
  /// the norms 1 / cu and 1 / ck, one after the other, where two
  /// divisions per output took some 20 instructions more).
  void output(const RowOutput &row, Value t, Value v);
  /// The folds that scaleFrom reads: max|u|, max|k|, sum u^2, sum k^2
  /// over the row, which foldScales hands an input's parts to.
  static constexpr Fold scaleFolds[] = {Fold::maxAbs, Fold::maxAbs,
                                        Fold::sumSquares, Fold::sumSquares};
  void foldScales(Complex z, FoldValue fold) {
    fold(0, z.re);
    fold(1, z.im);
    fold(2, z.re);
    fold(3, z.im);
  }
  /// The factors cu = 1 / |u|, ck = 1 / |k| (2-norms, so that both parts
  /// of z carry the same energy into the transform, whose rounding errors
  /// are relative to the larger; the maxima where the sums of squares
  /// vanish or overflow; 1 where those are 0 or their inverses not
  /// finite), from the scaleFolds' results.
  RowScales scalesOf(Value maxU, Value maxK, Value sumU, Value sumK);
  /// scalesOf the scaleFolds' results at words `at` on.
  RowScales scaleFrom(int64_t at) {
    return scalesOf(word(constant(at)), word(constant(at + 1)),
                    word(constant(at + 2)), word(constant(at + 3)));
  }
  /// The largest magnitude and the sum of squares of load(t) for
  /// t = start, start + step, ... below end (none where end <= start),
  /// kInputLoads loads at a time.
  std::pair<Value, Value> foldStrided(Value start, Value end, int64_t step,
                                      function_ref<Value(Value)> load);
  /// The (batch, channel) of a row (batch-major, channels fastest).
  std::pair<Value, Value> rowOf(Value row) {
    if (rowBase)
      row = add(row, rowBase);
    return {arith::DivUIOp::create(b, loc, row, D),
            arith::RemUIOp::create(b, loc, row, D)};
  }

  void buildOneRow();
  void buildFourStep();

  ConvParams params;
  int64_t n, L;
  Value u, k, bias, y;
  Value D, rows;
  /// The first row of the four steps' current chunk.
  Value rowBase;
};
} // namespace

Complex ConvKernels::input(Value batch, Value channel, Value t) {
  auto loadOrZero = [&](Value inRange, Value memref, ValueRange indices) {
    auto choice = scf::IfOp::create(
        b, loc, inRange,
        [&](OpBuilder &, Location) {
          scf::YieldOp::create(b, loc, loadF32(memref, indices));
        },
        [&](OpBuilder &, Location) { scf::YieldOp::create(b, loc, f32(0)); });
    return choice.getResult(0);
  };
  return {loadOrZero(less(t, constant(L)), u, {batch, t, channel}),
          loadOrZero(less(t, constant(params.taps)), k, {channel, t})};
}

void ConvKernels::output(const RowOutput &row, Value t, Value v) {
  for (Value factor : row.undo)
    v = fmul(v, factor);
  v = fmul(v, f32(1.0 / (4.0 * double(n))));
  v = fmul(v, row.scales.uNorm);
  v = fmul(v, row.scales.kNorm);
  if (row.skip)
    v = arith::AddFOp::create(
        b, loc, v,
        fmul(row.skip, loadF32(u, {row.batch, t, row.channel})));
  storeF32(v, y, {row.batch, t, row.channel});
}

void ConvKernels::forEachLoaded(
    int64_t count, ArrayRef<Fold> folds, int64_t at,
    function_ref<Complex(Value)> load,
    function_ref<void(Value, Complex, FoldValue)> body) {
  int64_t group = onHost ? 1 : kInputLoads;
  while (group > 1 && count % (group * threads) != 0)
    group /= 2;
  int64_t stride = count / group;
  forEachFolding(stride, folds, at, [&](Value first, FoldValue fold) {
    SmallVector<Value, kInputLoads> items;
    SmallVector<Complex, kInputLoads> values;
    for (int64_t j = 0; j < group; ++j) {
      items.push_back(add(first, constant(j * stride)));
      values.push_back(load(items.back()));
    }
    for (int64_t j = 0; j < group; ++j)
      body(items[j], values[j], fold);
  });
}

ConvKernels::RowScales ConvKernels::scalesOf(Value maxU, Value maxK, Value sumU,
                                             Value sumK) {
  auto usable = [&](Value x) {
    return arith::AndIOp::create(
        b, loc,
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x, f32(0)),
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x,
                              f32(INFINITY)));
  };
  // (The factor and the norm, or 1 and 1.)
  auto factor = [&](Value max, Value sum) {
    Value norm = math::SqrtOp::create(b, loc, sum);
    norm = select(usable(norm), norm, max);
    Value inverse = arith::DivFOp::create(b, loc, f32(1), norm);
    Value use = usable(inverse);
    return std::make_pair(select(use, inverse, f32(1)),
                          select(use, norm, f32(1)));
  };
  auto [cu, uNorm] = factor(maxU, sumU);
  auto [ck, kNorm] = factor(maxK, sumK);
  Value zMax =
      arith::MaximumFOp::create(b, loc, fmul(maxU, cu), fmul(maxK, ck));
  return {cu, ck, zMax, uNorm, kNorm};
}

std::pair<Value, Value>
ConvKernels::foldStrided(Value start, Value end, int64_t step,
                         function_ref<Value(Value)> load) {
  Value count = select(
      less(start, end),
      div(add(arith::SubIOp::create(b, loc, end, start), constant(step - 1)),
          step),
      constant(0));
  // Whole groups of kInputLoads loads (all issued before their folds),
  // then the rest one at a time.
  auto loop = [&](Value from, Value to, int64_t loads,
                  ValueRange init) -> SmallVector<Value, 2> {
    auto forOp = scf::ForOp::create(
        b, loc, from, to, constant(loads), init,
        [&](OpBuilder &, Location, Value j, ValueRange carried) {
          SmallVector<Value, kInputLoads> values;
          for (int64_t l = 0; l < loads; ++l)
            values.push_back(
                load(add(start, mul(add(j, constant(l)), constant(step)))));
          Value max = carried[0], sum = carried[1];
          for (Value v : values) {
            max = foldIn(Fold::maxAbs, max, v);
            sum = foldIn(Fold::sumSquares, sum, v);
          }
          scf::YieldOp::create(b, loc, ValueRange{max, sum});
        });
    return SmallVector<Value, 2>(forOp.getResults());
  };
  Value whole = mul(div(count, kInputLoads), constant(kInputLoads));
  SmallVector<Value, 2> folds =
      loop(constant(0), whole, kInputLoads, ValueRange{f32(0), f32(0)});
  folds = loop(whole, count, 1, folds);
  return {folds[0], folds[1]};
}

/// A block per row: z = u + i k loaded into shared memory (with the
/// maxima and norms of its parts), both parts scaled, the forward
/// transform, 4 U K in place (or packed for an inverse of n / 2 points,
/// below), the inverse, and y from the real part (plus lin[t + L] when
/// circular). On tensor cores, whose operands are f16, the radix-16
/// stages read values below their mmaRange R: z R / max|z| for the
/// forward transform, and the product's R' / m for the inverse (m its own
/// maximum); y is then the real part times (max|z| / R)^2 (m / R')
/// 16^a 4^a' / (4 n cu ck), for a and a' the radix-16 stages of the
/// forward and inverse transforms (the product is quadratic in the
/// forward one's scale).
void ConvKernels::buildOneRow() {
  imOffset = n;
  swizzle = swizzleShifts(n);
  tensorCores = params.tensorCores;
  launch(rows, params.oneRowThreads(), params.oneRowWords(),
         [&](Value row) {
    auto [batch, channel] = rowOf(row);
    int64_t stages = radix16Stages(n);
    // Where z is zero from n / 2 on (u and k no longer than that), the
    // first stage does not read that half: nothing stores it.
    bool upperHalfZero = 2 * std::max(L, params.taps) <= n;
    // The input and scaleFrom's maxima and sums of squares of its parts.
    {
      Named phase(*this, "input");
      forEachLoaded(
          upperHalfZero ? n / 2 : n, scaleFolds, 2 * n,
          [&](Value i) { return input(batch, channel, i); },
          [&](Value i, Complex z, FoldValue fold) {
            set(i, z);
            foldScales(z, fold);
          });
    }
    RowScales scales = scaleFrom(2 * n);
    // Values of magnitude mmaRange(n) at most for the radix-16 stages:
    // z times range / max|z|, 4 U K times range / its own maximum. The
    // first one scales the parts by cu and ck as it reads them; without
    // them, a phase scales them in place.
    Scaling forward;
    if (stages) {
      forward = scaleTo(mmaRange(n, false), scales.zMax);
      forwardTransform(n, 1, 0, forward.scale, {scales.u, scales.k},
                       upperHalfZero);
    } else {
      {
        Named phase(*this, "scaling");
        forEach(std::max(L, params.taps), [&](Value i) {
          Value re = dataWord(i), im = imWord(re);
          setWord(re, fmul(word(re), scales.u));
          setWord(im, fmul(word(im), scales.k));
        });
      }
      forwardTransform(n, 1, 0, {}, {}, upperHalfZero);
    }
    // y is real: the inverse transform of n points may be one of n / 2
    // points (`halfInverse`) on E + i O, E[h] = Y[h] + Y[h + n/2] and
    // O[h] = (Y[h] - Y[h + n/2]) W_n^-h for h < n / 2, whose output is
    // v[2m] + i v[2m + 1] (v the n-point one's real output). Y[h] and
    // Y[h + n/2] are then at the words 2e and 2e + 1 for e the n / 2-point
    // transform's input position of h (the same radix-16 stages, one bit
    // less of the r-point transform left over), so that the n / 2-point
    // transform runs on the `packed` array, E + i O at one of those
    // words.
    bool halfInverse = n >= 4 && radix16Stages(n / 2) == stages;
    int64_t inverseLength = halfInverse ? n / 2 : n;
    // The spectra product's items fold the parts of what they store into
    // a maximum on tensor cores.
    ArrayRef<Fold> productFolds =
        stages ? ArrayRef<Fold>(maxAbsFold) : ArrayRef<Fold>();
    auto store = [&](Value p, Complex v, FoldValue fold) {
      if (halfInverse) {
        // (p is 2e: the packed array's element e.)
        packed = true;
        set(div(p, 2), v);
        packed = false;
      } else {
        set(p, v);
      }
      if (fold) {
        fold(0, v.re);
        fold(0, v.im);
      }
    };
    {
      Named phase(*this, "spectra product");
      if (halfInverse) {
        // Item f <= n / 4 takes frequencies f, -f, n/2 - f and n/2 + f,
        // which pair with each other in the products, and stores E + i O
        // for h = f and h = n/2 - f (for f = 0: h = 0 twice, where
        // n/2 - f is past E + i O).
        // (position and dataWord are linear maps over GF(2), and for
        // 0 < f < n / 2, n/2 + f and -f = n/2 + (n/2 - f) have n / 2's bit
        // and f's or n/2 - f's: the four words are two and those xor n /
        // 2's word.)
        Value halfWord = dataWord(position(constant(n / 2), n));
        forEachFolding(
            n / 4 + 1, productFolds, 2 * n, [&](Value f, FoldValue fold) {
              Value first = cmp(arith::CmpIPredicate::eq, f, constant(0));
              Value p[2] = {position(f, n), position(minusFrom(n / 2, f), n)};
              Value w[2] = {dataWord(p[0]), dataWord(p[1])};
              // Z at f, -f, n/2 - f and n/2 + f; Y there.
              Complex z[4] = {atWord(w[0]), atWord(xorBits(w[1], halfWord)),
                              atWord(w[1]), atWord(xorBits(w[0], halfWord))};
              Complex y[4] = {
                  spectraProduct(z[0], z[1]), spectraProduct(z[1], z[0]),
                  spectraProduct(z[2], z[3]), spectraProduct(z[3], z[2])};
              // W_n^(n/2 - f) = -conj(W_n^f).
              Complex wf = fullTwiddle(f, n);
              Complex wh = {
                  select(first, wf.re, arith::NegFOp::create(b, loc, wf.re)),
                  wf.im};
              store(p[0], evenOdd(y[0], y[3], wf), fold);
              store(
                  select(first, p[0], p[1]),
                  evenOdd(pick(first, y[0], y[2]), pick(first, y[3], y[1]), wh),
                  fold);
            });
      } else {
        // Item f <= n / 2 takes frequencies f and -f, each the other's
        // partner (for f = 0 and n / 2, the same: both stores store the
        // same).
        forEachFolding(n / 2 + 1, productFolds, 2 * n,
                       [&](Value f, FoldValue fold) {
                         Value j = position(f, n);
                         Value partner = position(rem(minusFrom(n, f), n), n);
                         Complex zj = at(j), zp = at(partner);
                         store(j, spectraProduct(zj, zp), fold);
                         store(partner, spectraProduct(zp, zj), fold);
                       });
      }
    }
    Scaling product;
    if (stages)
      product = scaleTo(mmaRange(inverseLength, true), word(constant(2 * n)));
    packed = halfInverse;
    inverseTransform(inverseLength, 1, 0, product.scale);
    // The radix-16 stages' scales: the forward ones' twice (the product is
    // of two spectra), the inverse ones'.
    RowOutput out = rowOutput(batch, channel, scales);
    if (stages)
      out.undo = {forward.undo, forward.undo, product.undo,
                  f32(std::pow(16.0, double(stages)) *
                      std::pow(4.0, double(radix16Stages(inverseLength))))};
    // v[t]: or the real (t even) or imaginary part of element t / 2.
    auto lin = [&](Value t) -> Value {
      if (!halfInverse)
        return word(dataWord(t));
      return word(add(dataWord(div(t, 2)), mul(rem(t, 2), constant(imOffset))));
    };
    Named phase(*this, "output");
    forEach(L, [&](Value t) {
      Value v = lin(t);
      if (params.circular)
        v = arith::AddFOp::create(b, loc, v, lin(add(t, constant(L))));
      output(out, t, v);
    });
    packed = false;
  });
}

/// The transform of n = P Q points as P-point columns and Q-point rows
/// (t = p Q + q, f = a + P c):
///   X[a + P c] = sum_q W_Q^(q c) W_n^(q a) sum_p x[p Q + q] W_P^(p a),
///   n x[p Q + q] = sum_a W_P^(-a p) W_n^(-a q) sum_c X[a + P c] W_Q^(-c q),
/// in five kernels over a scratch S [rows, 2 (re, im), P, Q] in f32:
///  1. per tile of kScaleRows rows and kScaleTimes times, the maxima and
///     sums of squares of u and k;
///  2. per row, their combination: the scales cu, ck;
///  3. per row and kColumns columns: z = u cu + i k ck, the columns' DFTs,
///     times W_n^(q a) (stepTwiddle), into S (rows a in natural order);
///  4. per row and pair of rows a, a' = P - a (mod P), which hold each
///     other's mirrored frequencies (-(a + P c) = a' + P (Q - 1 - c) for
///     a != 0, a' + P (Q - c) for a = 0): the rows' DFTs, 4 U K, the
///     inverse DFTs, times W_n^(-q a), back into S (`halfRows`: E + i O
///     and inverse DFTs of Q / 2 points, times W_(n/2)^(-q a));
///  5. per row and kColumns columns: the columns' inverse DFTs (rows read
///     in bit-reversed order), y from the real part (`halfRows`: y at
///     even times from it, at odd times from the imaginary part); for the
///     circular mode, whose y[t] adds lin[t + L] from another column, lin
///     back into S and
///  6. per row and kFoldTile times: y[t] from lin[t] + lin[t + L].
/// Rows go through
/// the scratch `chunk` at a time (a host loop around the kernels), which
/// bounds its size.
void ConvKernels::buildFourStep() {
  int64_t P = params.columnLength(), Q = params.rowLength();
  Type f32Type = b.getF32Type();
  Value chunk = constant(params.chunk);
  Value scratchRows = arith::MinUIOp::create(b, loc, rows, chunk);
  Value S = memref::AllocOp::create(
      b, loc, MemRefType::get({ShapedType::kDynamic, 2, P, Q}, f32Type),
      ValueRange{scratchRows});
  // Per row: cu, ck, max|z| and the norms (RowScales::values), from
  // partial maxima and sums of squares per row and tile of kScaleTimes
  // times.
  Value scales = memref::AllocOp::create(
      b, loc, MemRefType::get({ShapedType::kDynamic, 5}, f32Type),
      ValueRange{scratchRows});
  int64_t timeTiles = llvm::divideCeil(std::max(L, params.taps), kScaleTimes);
  Value partials = memref::AllocOp::create(
      b, loc, MemRefType::get({ShapedType::kDynamic, timeTiles, 4}, f32Type),
      ValueRange{scratchRows});
  auto loadScales = [&](Value row) -> RowScales {
    auto at = [&](int64_t i) -> Value {
      return memref::LoadOp::create(b, loc, scales,
                                    ValueRange{row, constant(i)});
    };
    return {at(0), at(1), at(2), at(3), at(4)};
  };
  tensorCores = params.tensorCores;
  bool columnsOnMma = onTensorCores(P), rowsOnMma = onTensorCores(Q);
  bool anyMma = columnsOnMma || rowsOnMma;
  int64_t pairs = P / 2 + 1;
  // With tensor cores: per row pair a bound on what its inverse row
  // transforms leave in S.
  Value bounds;
  if (anyMma) {
    bounds = memref::AllocOp::create(
        b, loc, MemRefType::get({ShapedType::kDynamic, pairs}, f32Type),
        ValueRange{scratchRows});
  }
  // The growth of the largest magnitude through a forward or inverse
  // transform of `len` points: r 4^a on tensor cores (a radix-16 stages
  // of the DFT matrix / 4, then r-point transforms), len otherwise.
  auto growth = [&](int64_t len) {
    int64_t stages = radix16Stages(len);
    return double(len >> (4 * stages)) * std::pow(4.0, double(stages));
  };
  Value zeroIndex = constant(0), oneIndex = constant(1);
  auto chunks = scf::ForOp::create(b, loc, zeroIndex, rows, chunk);
  OpBuilder::InsertionGuard scope(b);
  b.setInsertionPoint(chunks.getBody()->getTerminator());
  rowBase = chunks.getInductionVar();
  rows = arith::MinUIOp::create(
      b, loc, chunk, arith::SubIOp::create(b, loc, rows, rowBase));

  // 1, 2. The scales per row, in two kernels. The first folds tiles of
  // kScaleRows rows by kScaleTimes times into partial results per row and
  // tile of times: u[batch, t, channel] with a warp's lanes on adjacent
  // rows (adjacent channels, adjacent addresses) and its warps on every
  // eighth time; k[channel, t] with a warp on four rows, one after the
  // other, its lanes on adjacent times. Each thread keeps kInputLoads
  // loads in flight; shared memory holds the threads' results, which the
  // first kScaleRows threads combine per row. The second kernel combines a
  // row's tiles of times (a thread per row) into its scales.
  imOffset = 0;
  swizzle = {};
  int64_t warps = kScaleThreads / mma::kWarpSize;
  Value tiles = div(add(rows, constant(kScaleRows - 1)), kScaleRows);
  launch(
      mul(tiles, constant(timeTiles)), kScaleThreads, ConvParams::scaleWords(),
      [&](Value blockIndex) {
        Value firstRow = mul(arith::RemUIOp::create(b, loc, blockIndex, tiles),
                             constant(kScaleRows));
        Value timeTile = arith::DivUIOp::create(b, loc, blockIndex, tiles);
        Value t0 = mul(timeTile, constant(kScaleTimes));
        // The tile's times below `limit`, none for rows past the chunk's.
        auto timesEnd = [&](Value row, int64_t limit) {
          Value end = arith::MinUIOp::create(
              b, loc, add(t0, constant(kScaleTimes)), constant(limit));
          return select(less(row, rows), end, t0);
        };
        // Words (a warp's lanes at adjacent words, or in different banks):
        // u's maximum and sum of thread i at i and kScaleThreads + i; k's of
        // row m and lane l at kWord(m, l) and kSumWords words later.
        int64_t kSumWords = kScaleRows * (kScaleRows + 1);
        auto kWord = [&](Value m, Value l) {
          return add(add(mul(m, constant(kScaleRows + 1)), l),
                     constant(2 * kScaleThreads));
        };
        forEach(kScaleThreads, [&](Value i) {
          Value lane = rem(i, mma::kWarpSize), warp = div(i, mma::kWarpSize);
          Value row = add(firstRow, lane);
          auto [batch, channel] = rowOf(row);
          auto [uMax, uSum] =
              foldStrided(add(t0, warp), timesEnd(row, L), warps, [&](Value t) {
                return loadF32(u, {batch, t, channel});
              });
          setWord(i, uMax);
          setWord(add(i, constant(kScaleThreads)), uSum);
          for (int64_t m = 0; m < kScaleRows / warps; ++m) {
            Value tileRow = add(warp, constant(m * warps));
            Value kRow = add(firstRow, tileRow);
            Value kChannel = rowOf(kRow).second;
            auto [kMax, kSum] =
                foldStrided(add(t0, lane), timesEnd(kRow, params.taps),
                            mma::kWarpSize, [&](Value t) {
                              return loadF32(k, {kChannel, t});
                            });
            Value at = kWord(tileRow, lane);
            setWord(at, kMax);
            setWord(add(at, constant(kSumWords)), kSum);
          }
        });
        forEach(kScaleRows, [&](Value m) {
          Value row = add(firstRow, m);
          ifThen(less(row, rows), [&] {
            // max|u|, max|k|, sum u^2, sum k^2.
            Value folds[4] = {f32(0), f32(0), f32(0), f32(0)};
            auto combineInto = [&](int64_t r, Value v) {
              folds[r] = combine(scaleFolds[r], folds[r], v);
            };
            for (int64_t w = 0; w < warps; ++w) {
              Value at = add(m, constant(w * mma::kWarpSize));
              combineInto(0, word(at));
              combineInto(2, word(add(at, constant(kScaleThreads))));
            }
            for (int64_t l = 0; l < kScaleRows; ++l) {
              Value at = kWord(m, constant(l));
              combineInto(1, word(at));
              combineInto(3, word(add(at, constant(kSumWords))));
            }
            for (int64_t r = 0; r < 4; ++r)
              memref::StoreOp::create(b, loc, folds[r], partials,
                                      ValueRange{row, timeTile, constant(r)});
          });
        });
      });
  launch(
      div(add(rows, constant(kScaleThreads - 1)), kScaleThreads), kScaleThreads,
      0, [&](Value blockIndex) {
        forEach(kScaleThreads, [&](Value i) {
          Value row = add(mul(blockIndex, constant(kScaleThreads)), i);
          ifThen(less(row, rows), [&] {
            auto tilesLoop = scf::ForOp::create(
                b, loc, zeroIndex, constant(timeTiles), oneIndex,
                ValueRange{f32(0), f32(0), f32(0), f32(0)},
                [&](OpBuilder &, Location, Value tile, ValueRange carried) {
                  SmallVector<Value, 4> folds;
                  for (int64_t r = 0; r < 4; ++r) {
                    Value v = memref::LoadOp::create(
                        b, loc, partials, ValueRange{row, tile, constant(r)});
                    folds.push_back(combine(scaleFolds[r], carried[r], v));
                  }
                  scf::YieldOp::create(b, loc, folds);
                });
            ValueRange folds = tilesLoop.getResults();
            RowScales rowScales =
                scalesOf(folds[0], folds[1], folds[2], folds[3]);
            std::array<Value, 5> parts = rowScales.values();
            for (int64_t r = 0; r < 5; ++r)
              memref::StoreOp::create(b, loc, parts[r], scales,
                                      ValueRange{row, constant(r)});
          });
        });
      });

  // The scratch's element (row, a, q) as a complex value.
  auto scratch = [&](Value row, Value a, Value q) -> Complex {
    return {memref::LoadOp::create(b, loc, S, ValueRange{row, zeroIndex, a, q}),
            memref::LoadOp::create(b, loc, S, ValueRange{row, oneIndex, a, q})};
  };
  auto setScratch = [&](Value row, Value a, Value q, Complex z) {
    memref::StoreOp::create(b, loc, z.re, S, ValueRange{row, zeroIndex, a, q});
    memref::StoreOp::create(b, loc, z.im, S, ValueRange{row, oneIndex, a, q});
  };

  // y is real: as in the one-row kernel, the inverse may be one of
  // n / 2 = P (Q / 2) points on E + i O (`halfRows`, where the layouts
  // allow and a column pass has its kColumns columns). Y[h] and
  // Y[h + n/2] for h = a + P c (c < Q / 2) are frequencies c and
  // c + Q / 2 of row a: adjacent words of its slot in the row pairs,
  // where E + i O takes their place in the packed array of Q / 2 points;
  // the inverse rows are then of Q / 2 points, the inverse columns take
  // Q / 2 columns, and element (p, q) of their output is
  // lin[2m] + i lin[2m + 1], m = p Q / 2 + q.
  bool halfRows = Q / 2 >= kColumns && radix16Stages(Q / 2) == radix16Stages(Q);
  int64_t inverseQ = halfRows ? Q / 2 : Q;
  int64_t spacing = params.columnSpacing();
  // Blocks of the column passes: (row, group of kColumns of `columns`
  // columns). Adjacent blocks take adjacent channels (rows) of the same
  // columns: their loads of u and stores of y share sectors.
  // `body` gets the block's row, first column, batch, channel and scales.
  auto columnPass =
      [&](int64_t columns,
          function_ref<void(Value, Value, Value, Value, RowScales)> body) {
        // The columns' layout: each swizzled within itself, a warp's lanes
        // that take one element of each of 32 columns in 32 banks.
        imOffset = kColumns * spacing;
        swizzle = swizzleShifts(P);
        transformsFastest = true;
        launch(mul(rows, constant(columns / kColumns)), params.columnThreads(),
               params.columnWords(), [&](Value blockIndex) {
                 Value row = arith::RemUIOp::create(b, loc, blockIndex, rows);
                 Value q0 =
                     mul(arith::DivUIOp::create(b, loc, blockIndex, rows),
                         constant(kColumns));
                 auto [batch, channel] = rowOf(row);
                 body(row, q0, batch, channel, loadScales(row));
               });
      };
  // Where column c starts.
  auto columnStart = [&](Value c) { return mul(c, constant(spacing)); };
  // Items of a column pass: the column fastest (adjacent q, adjacent
  // addresses of S).
  auto columnItem = [&](Value i) {
    return std::make_pair(rem(i, kColumns), div(i, kColumns));
  };

  // 3. Forward columns.
  columnPass(Q, [&](Value row, Value q0, Value batch, Value channel,
                    RowScales rowScales) {
    // Where u and k fit half the transform, the columns' points p >= P / 2
    // (t >= n / 2) are zeros, which the first stage does not read: nothing
    // stores them.
    bool upperHalfZero = 2 * std::max(L, params.taps) <= n;
    forEachLoaded(
        kColumns * (upperHalfZero ? P / 2 : P), {}, 0,
        [&](Value i) {
          auto [c, p] = columnItem(i);
          return input(batch, channel, add(mul(p, constant(Q)), add(q0, c)));
        },
        [&](Value i, Complex z, FoldValue) {
          auto [c, p] = columnItem(i);
          set(columnStart(c), p,
              {fmul(z.re, rowScales.u), fmul(z.im, rowScales.k)});
        });
    // On tensor cores: z mmaRange(P) / max|z|.
    forwardTransform(P, kColumns, spacing,
                     columnsOnMma
                         ? scaleTo(mmaRange(P, false), rowScales.zMax).scale
                         : Value(),
                     /*parts=*/{}, upperHalfZero);
    forEach(kColumns * P, [&](Value i) {
      auto [c, j] = columnItem(i);
      Value a = frequencyAt(j, P);
      Value q = add(q0, c);
      setScratch(row, a, q,
                 turn(at(columnStart(c), j), stepTwiddle(mul(q, a), n),
                      /*inverse=*/false));
    });
  });

  // 4. Pairs of rows: blocks (row, a) for a <= P / 2; the rows swizzled
  // from 64 points, one transform after the other.
  imOffset = 2 * Q;
  swizzle = swizzleShifts(Q);
  transformsFastest = false;
  launch(
      mul(rows, constant(pairs)), params.rowPairThreads(),
      params.rowPairWords(), [&](Value blockIndex) {
        Value row = div(blockIndex, pairs);
        Value a = rem(blockIndex, pairs);
        // a' = P - a (mod P); a = 0 and a = P / 2 are their own partners, and
        // both slots then hold the same row.
        Value partnerRow =
            rem(arith::SubIOp::create(b, loc, constant(P), a), P);
        Value slotRow[2] = {a, partnerRow};
        forEach(2 * Q, [&](Value i) {
          Value slot = div(i, Q), q = rem(i, Q);
          Value source = select(cmp(arith::CmpIPredicate::eq, slot, zeroIndex),
                                slotRow[0], slotRow[1]);
          set(mul(slot, constant(Q)), q, scratch(row, source, q));
        });
        // On tensor cores, S below 2^(1/2) growth(P) mmaRange(P) (or max|z|
        // without them for the columns) becomes values below mmaRange(Q).
        Value rowScale;
        if (rowsOnMma) {
          double columnBound = 2 * growth(P);
          rowScale =
              columnsOnMma
                  ? f32(mmaRange(Q, false) / (columnBound * mmaRange(P, false)))
                  : scaleTo(mmaRange(Q, false) / columnBound,
                            loadScales(row).zMax)
                        .scale;
        }
        forwardTransform(Q, 2, 0, rowScale);
        // Frequency c of row a (slot 0) pairs with frequency Q - 1 - c of
        // row P - a (slot 1), or for a = 0 with -c (mod Q) of row 0.
        // On tensor cores, with the largest part m of what the inverse rows
        // read (4 U K, or E + i O from it): for the inverse columns' scale a
        // bound m growth(inverseQ) on what the inverse rows leave, and for
        // the inverse rows their input times mmaRange(inverseQ) / m (undone
        // after them).
        Value rowZero = cmp(arith::CmpIPredicate::eq, a, zeroIndex);
        Value secondRow = constant(Q);
        auto foldParts = [&](FoldValue fold, ArrayRef<Complex> values) {
          if (fold)
            for (Complex v : values) {
              fold(0, v.re);
              fold(0, v.im);
            }
        };
        // Item j: position j of slot 0 and its partner's in slot 1.
        auto product = [&](Value j, FoldValue fold) {
          Value c = frequencyAt(j, Q);
          Value other = position(
              select(rowZero, rem(minusFrom(Q, c), Q), minusFrom(Q - 1, c)), Q);
          Complex zj = at(j), zp = at(secondRow, other);
          Complex products[2] = {spectraProduct(zj, zp),
                                 spectraProduct(zp, zj)};
          set(j, products[0]);
          set(secondRow, other, products[1]);
          foldParts(fold, products);
        };
        // Item c < Q / 2: frequencies c and c + Q / 2 of slot 0, their
        // partners in slot 1 (frequencies c' and c' + Q / 2, for
        // c' = Q / 2 - 1 - c, or for a = 0 -c mod Q / 2: c + Q / 2 pairs with
        // c', c with c' + Q / 2, except that for a = c = 0 c pairs with c'
        // and c + Q / 2 with c' + Q / 2),
        // and E + i O of each slot's two in the packed arrays. (position and
        // dataWord are linear over GF(2): frequency c + Q / 2's word is c's
        // xor Q / 2's.)
        Value halfWord;
        if (halfRows)
          halfWord = dataWord(position(constant(Q / 2), Q));
        auto packedProduct = [&](Value c, FoldValue fold) {
          Value cPartner = select(rowZero, rem(minusFrom(Q / 2, c), Q / 2),
                                  minusFrom(Q / 2 - 1, c));
          Value same = arith::AndIOp::create(
              b, loc, rowZero, cmp(arith::CmpIPredicate::eq, c, zeroIndex));
          Value p[2] = {position(c, Q), position(cPartner, Q)};
          Value w[2] = {dataWord(p[0]), dataWord(p[1])};
          // Z of each slot at its low and high frequency.
          Complex z[2][2] = {{atWord(w[0]), atWord(xorBits(w[0], halfWord))},
                             {atWord(add(secondRow, w[1])),
                              atWord(add(secondRow, xorBits(w[1], halfWord)))}};
          Complex y[2][2];
          for (int s = 0; s < 2; ++s)
            for (int h = 0; h < 2; ++h)
              y[s][h] = spectraProduct(
                  z[s][h], pick(same, z[1 - s][h], z[1 - s][1 - h]));
          // Their frequencies of the n points: row + P c.
          Value low[2] = {add(slotRow[0], mul(c, constant(P))),
                          add(slotRow[1], mul(cPartner, constant(P)))};
          Complex packedValues[2];
          for (int s = 0; s < 2; ++s)
            packedValues[s] = evenOdd(y[s][0], y[s][1], stepTwiddle(low[s], n));
          packed = true;
          set(div(p[0], 2), packedValues[0]);
          set(secondRow, div(p[1], 2), packedValues[1]);
          packed = false;
          foldParts(fold, packedValues);
        };
        {
          Named phase(*this, "spectra product");
          ArrayRef<Fold> folds =
              anyMma ? ArrayRef<Fold>(maxAbsFold) : ArrayRef<Fold>();
          if (halfRows)
            forEachFolding(Q / 2, folds, 4 * Q, packedProduct);
          else
            forEachFolding(Q, folds, 4 * Q, product);
        }
        Scaling productScaling;
        if (anyMma) {
          Value m = word(constant(4 * Q));
          forEach(1, [&](Value) {
            memref::StoreOp::create(b, loc, fmul(m, f32(growth(inverseQ))),
                                    bounds, ValueRange{row, a});
          });
          if (rowsOnMma)
            productScaling = scaleTo(mmaRange(inverseQ, true), m);
        }
        packed = halfRows;
        inverseTransform(inverseQ, 2, Q, productScaling.scale);
        Value unscale = productScaling.undo;
        // Output (a, q) of the transform of P inverseQ points takes
        // W^(-a q) of that many points: W_n^(-a q n / (P inverseQ)).
        forEach(2 * inverseQ, [&](Value i) {
          Value slot = div(i, inverseQ), q = rem(i, inverseQ);
          Value target = select(cmp(arith::CmpIPredicate::eq, slot, zeroIndex),
                                slotRow[0], slotRow[1]);
          Complex v = at(mul(slot, constant(Q)), q);
          if (unscale)
            v = {fmul(v.re, unscale), fmul(v.im, unscale)};
          setScratch(
              row, target, q,
              turn(v,
                   stepTwiddle(mul(q, mul(target, constant(Q / inverseQ))), n),
                   /*inverse=*/true));
        });
        packed = false;
      });

  // 5. Inverse columns, y.
  columnPass(inverseQ, [&](Value row, Value q0, Value batch, Value channel,
                           RowScales rowScales) {
    forEach(kColumns * P, [&](Value i) {
      auto [c, a] = columnItem(i);
      set(columnStart(c), position(a, P), scratch(row, a, add(q0, c)));
    });
    // On tensor cores, S below 2^(1/2) max_a bounds[row, a] becomes values
    // below mmaRange(P) (a scale c), and y undoes all the scales, one after
    // the other: the forward ones' product f (R_P / max|z| for the
    // columns, R_Q / (2 growth(P) max|z|) with the rows, as in the row
    // pairs) twice, c, and the 64^-a of the a radix-16 stages.
    Value columnScale;
    SmallVector<Value, 4> undo;
    if (anyMma) {
      Value f = scaleTo(rowsOnMma ? mmaRange(Q, false) / (2 * growth(P))
                                  : mmaRange(P, false),
                        rowScales.zMax)
                    .undo;
      undo = {f, f};
      if (columnsOnMma) {
        // (The bounds are positive: their largest magnitude is their
        // maximum.)
        forEachFolding(pairs, Fold::maxAbs, 2 * kColumns * spacing,
                       [&](Value pair, FoldValue fold) {
                         fold(0, memref::LoadOp::create(b, loc, bounds,
                                                        ValueRange{row, pair}));
                       });
        Scaling column = scaleTo(mmaRange(P, true) / 2,
                                 word(constant(2 * kColumns * spacing)));
        columnScale = column.scale;
        undo.push_back(column.undo);
      }
      // (The inverse rows have Q's radix-16 stages.)
      undo.push_back(f32(
          std::pow(64.0, double(radix16Stages(P) + radix16Stages(Q)))));
    }
    inverseTransform(P, kColumns, spacing, columnScale);
    // (The circular mode stores in the sixth kernel.)
    RowOutput out =
        params.circular ? RowOutput()
                        : rowOutput(batch, channel, rowScales);
    forEach(kColumns * P, [&](Value i) {
      auto [c, p] = columnItem(i);
      Value q = add(q0, c);
      // lin[t] for t = p Q + q, or with halfRows lin[t] and lin[t + 1] for
      // t = 2 (p Q / 2 + q). Circular: lin back where it came from in S
      // (its real plane, or with halfRows both), for the last kernel to
      // fold.
      Value word0 = dataWord(columnStart(c), p);
      Value v[2] = {word(word0), halfRows ? word(imWord(word0)) : Value()};
      for (int64_t part = 0; part < (halfRows ? 2 : 1); ++part) {
        for (Value factor : undo)
          v[part] = fmul(v[part], factor);
        if (params.circular) {
          memref::StoreOp::create(b, loc, v[part], S,
                                  ValueRange{row, constant(part), p, q});
          continue;
        }
        Value t = add(mul(p, constant(Q)),
                      halfRows ? add(add(q, q), constant(part)) : q);
        auto inRange = scf::IfOp::create(b, loc, less(t, constant(L)), false);
        OpBuilder::InsertionGuard scope(b);
        b.setInsertionPoint(inRange.thenBlock()->getTerminator());
        output(out, t, v[part]);
      }
    });
  });

  // 6. Circular: y[t] = lin[t] + lin[t + L] (n >= 2L), a tile of
  // kFoldTile times per block, channels fastest.
  if (params.circular) {
    int64_t tiles = llvm::divideCeil(L, kFoldTile);
    launch(mul(rows, constant(tiles)), ConvParams::threadsFor(kFoldTile), 0,
           [&](Value blockIndex) {
      Value row = arith::RemUIOp::create(b, loc, blockIndex, rows);
      Value t0 = mul(arith::DivUIOp::create(b, loc, blockIndex, rows),
                     constant(kFoldTile));
      auto [batch, channel] = rowOf(row);
      RowOutput out = rowOutput(batch, channel, loadScales(row));
      // (With halfRows, lin[t] is in plane t % 2 at m = t / 2.)
      auto lin = [&](Value t) -> Value {
        Value plane = zeroIndex, m = t;
        if (halfRows) {
          plane = rem(t, 2);
          m = div(t, 2);
        }
        return memref::LoadOp::create(
            b, loc, S,
            ValueRange{row, plane, div(m, inverseQ), rem(m, inverseQ)});
      };
      forEach(kFoldTile, [&](Value i) {
        Value t = add(t0, i);
        auto inRange = scf::IfOp::create(b, loc, less(t, constant(L)), false);
        OpBuilder::InsertionGuard scope(b);
        b.setInsertionPoint(inRange.thenBlock()->getTerminator());
        output(out, t,
               arith::AddFOp::create(b, loc, lin(t),
                                     lin(add(t, constant(L)))));
      });
    });
  }
  b.setInsertionPointAfter(chunks);
  memref::DeallocOp::create(b, loc, S);
  memref::DeallocOp::create(b, loc, scales);
  memref::DeallocOp::create(b, loc, partials);
  if (bounds)
    memref::DeallocOp::create(b, loc, bounds);
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
  // y like u, and a table of half a period of twiddles.
  auto type = [&](unsigned i) {
    return cast<MemRefType>(operands[i].getType());
  };
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
      type(tableAt).getShape() != ArrayRef<int64_t>{params->tableLength()} ||
      !type(tableAt).getElementType().isF32())
    return failure();
  OpBuilder::InsertionGuard scope(b);
  ConvKernels(b, loc, *params, operands, onHost).build();
  return success();
}

/// The kernels' parameters for `op`, when they take it: the FFT
/// algorithm, f32, f16 or bf16, static L and filter length; one block per
/// row when the row fits `sharedBytes`, otherwise the four steps with rows
/// of `split` points (0: n / 64, from kColumns to kMaxRowLength) when
/// their blocks fit.
static std::optional<ConvParams> kernelParams(LongConvOp op,
                                              int64_t sharedBytes,
                                              int64_t split,
                                              int64_t scratchBytes,
                                              bool tensorCores) {
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
  ConvParams params{circular, bool(op.getBias()), n, taps, 0, 1};
  // (Split f16 operands are about as precise as f32.)
  params.tensorCores = tensorCores && n >= kMmaMinLength;
  if (!split && params.sharedBytes() <= sharedBytes)
    return params;
  params.split = split ? split
                       : std::clamp(n / 64, kColumns, kMaxRowLength);
  params.tensorCores = tensorCores && (params.columnLength() >= kMmaMinLength ||
                                       params.rowLength() >= kMmaMinLength);
  params.chunk = std::max<int64_t>(1, scratchBytes / (8 * n));
  Builder b(op.getContext());
  if (!ConvParams::fromAttr(params.toAttr(b)) ||
      params.sharedBytes() > sharedBytes)
    return std::nullopt;
  return params;
}

namespace {
struct SSMFusedLongConvPass
    : mlir::ssm::impl::SSMFusedLongConvBase<SSMFusedLongConvPass> {
  using SSMFusedLongConvBase::SSMFusedLongConvBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (split != 0 && (split < kColumns || split > kMaxRowLength ||
                       !llvm::isPowerOf2_64(split))) {
      module.emitError("ssm-fused-long-conv: split must be 0 or a power of "
                       "two from ")
          << kColumns << " to " << kMaxRowLength << ", not " << int64_t(split);
      return signalPassFailure();
    }
    if (scratchBytes < 1) {
      module.emitError("ssm-fused-long-conv: scratch-bytes must be positive, "
                       "not ")
          << int64_t(scratchBytes);
      return signalPassFailure();
    }
    SymbolTable symbols(module);
    // (Elsewhere 48 KB, the most without opting in.)
    int64_t sharedBytes = fused::sharedBytesPerBlock(chip, 48 * 1024);
    SmallVector<std::pair<LongConvOp, ConvParams>> candidates;
    module.walk([&](LongConvOp op) {
      if (std::optional<ConvParams> params =
              kernelParams(op, sharedBytes, split, scratchBytes,
                           ::ssm::hasTensorCores(chip)))
        candidates.push_back({op, *params});
    });
    for (auto [op, params] : candidates) {
      OpBuilder b(op);
      SmallVector<Value> inputs = {op.getU(), op.getKernel()};
      if (op.getBias())
        inputs.push_back(op.getBias());
      auto [re, im] = fftTwiddleTable(b, op.getLoc(), params.period(),
                                      b.getF32Type(), params.fineTwiddles());
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
