//===- LinalgEmitter.h - Terse construction of linalg on tensors -*- C++ -*-===//
//
// The ssm lowerings are written as a few linalg.generic ops each; this
// wrapper keeps their index maps and bodies readable.
//
//===----------------------------------------------------------------------===//

#ifndef SSM_CONVERSION_LINALGEMITTER_H
#define SSM_CONVERSION_LINALGEMITTER_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/Support/MathExtras.h"

#include <algorithm>

namespace mlir::ssm {

using utils::IteratorType;
constexpr IteratorType kPar = IteratorType::parallel;
constexpr IteratorType kRed = IteratorType::reduction;

/// Scalar arithmetic inside generic bodies.
struct Scalar {
  ImplicitLocOpBuilder &b;
  Value add(Value x, Value y) { return arith::AddFOp::create(b, x, y); }
  Value sub(Value x, Value y) { return arith::SubFOp::create(b, x, y); }
  Value mul(Value x, Value y) { return arith::MulFOp::create(b, x, y); }
  Value div(Value x, Value y) { return arith::DivFOp::create(b, x, y); }
  Value neg(Value x) { return arith::NegFOp::create(b, x); }
  Value exp(Value x) { return math::ExpOp::create(b, x); }
  Value max(Value x, Value y) { return arith::MaximumFOp::create(b, x, y); }
  Value cst(Type type, double v) {
    return arith::ConstantOp::create(b, type, b.getFloatAttr(type, v));
  }
  /// x * sigmoid(x).
  Value silu(Value x) {
    Value one = cst(x.getType(), 1.0);
    return div(x, add(one, exp(neg(x))));
  }
  /// log(1 + exp(x)) without overflow: max(x, 0) + log1p(exp(-|x|)).
  Value softplus(Value x) {
    Value zero = cst(x.getType(), 0.0);
    Value absX = math::AbsFOp::create(b, x);
    return add(max(x, zero), math::Log1pOp::create(b, exp(neg(absX))));
  }
  /// Whether loop index `dim` of the enclosing linalg op is at most loop
  /// index `bound` (a causal mask: key s <= query t).
  Value indexAtMost(unsigned dim, unsigned bound) {
    return arith::CmpIOp::create(b, arith::CmpIPredicate::ule,
                                 linalg::IndexOp::create(b, dim),
                                 linalg::IndexOp::create(b, bound));
  }
  /// `x` extended or truncated to `type` (itself when it has that type).
  Value convert(Value x, Type type) {
    if (x.getType() == type)
      return x;
    if (x.getType().getIntOrFloatBitWidth() < type.getIntOrFloatBitWidth())
      return arith::ExtFOp::create(b, type, x);
    return arith::TruncFOp::create(b, type, x);
  }
  /// The loop index `dim` of the enclosing linalg op as a float of `type`.
  Value indexAsFloat(unsigned dim, Type type) {
    Value i = linalg::IndexOp::create(b, dim);
    Value i64 = arith::IndexCastOp::create(b, b.getI64Type(), i);
    return arith::SIToFPOp::create(b, type, i64);
  }
};

/// The body of a contraction generic: out + in0 * in1 (inputs first, the
/// accumulator last; narrower inputs are extended to its type). The sum may
/// be reassociated and the multiply-add contracted to an FMA, which lets
/// LLVM vectorise the reduction loop (a dot product in scalar order would
/// run about 10x slower); the result changes only by rounding, as with any
/// BLAS.
inline Value multiplyAccumulate(Scalar &s, ValueRange a) {
  auto flags = arith::FastMathFlags::reassoc | arith::FastMathFlags::contract;
  Type accumulator = a[2].getType();
  Value x = s.convert(a[0], accumulator);
  Value y = s.convert(a[1], accumulator);
  Value product = arith::MulFOp::create(s.b, x, y, flags);
  return arith::AddFOp::create(s.b, a[2], product, flags);
}

class LinalgEmitter {
public:
  explicit LinalgEmitter(ImplicitLocOpBuilder &b) : b(b) {}

  AffineExpr d(unsigned i) { return b.getAffineDimExpr(i); }
  AffineMap map(unsigned dims, ArrayRef<AffineExpr> results) {
    return AffineMap::get(dims, 0, results, b.getContext());
  }

  /// A linalg.generic with one output initialised by `init`; `body` gets the
  /// block arguments (inputs then the output) and returns the yielded value.
  Value generic(ValueRange inputs, Value init, ArrayRef<AffineMap> maps,
                ArrayRef<IteratorType> iterators,
                function_ref<Value(Scalar &, ValueRange)> body) {
    return generics(inputs, init, maps, iterators,
                    [&](Scalar &s, ValueRange args) -> SmallVector<Value> {
                      return {body(s, args)};
                    })[0];
  }

  /// A linalg.generic with several outputs; `body` returns one value per
  /// output.
  SmallVector<Value>
  generics(ValueRange inputs, ValueRange inits, ArrayRef<AffineMap> maps,
           ArrayRef<IteratorType> iterators,
           function_ref<SmallVector<Value>(Scalar &, ValueRange)> body) {
    auto op = linalg::GenericOp::create(
        b, inits.getTypes(), inputs, inits, maps, iterators,
        [&](OpBuilder &nested, Location loc, ValueRange args) {
          ImplicitLocOpBuilder inner(loc, nested);
          Scalar s{inner};
          linalg::YieldOp::create(inner, body(s, args));
        });
    return SmallVector<Value>(op.getResults());
  }

  /// `source` with its dimensions permuted: result dim i is source dim
  /// `permutation[i]`.
  Value transposed(Value source, ArrayRef<int64_t> permutation) {
    SmallVector<OpFoldResult> from = sizes(source), to;
    SmallVector<AffineExpr> read(permutation.size());
    for (auto [i, p] : llvm::enumerate(permutation)) {
      to.push_back(from[p]);
      read[p] = d(i);
    }
    unsigned rank = permutation.size();
    SmallVector<AffineExpr> identity;
    for (unsigned i = 0; i < rank; ++i)
      identity.push_back(d(i));
    return generic(source, empty(to, getElementTypeOrSelf(source.getType())),
                   {map(rank, read), map(rank, identity)},
                   SmallVector<IteratorType>(rank, kPar),
                   [](Scalar &, ValueRange v) { return v[0]; });
  }

  /// `source` converted elementwise to `element` (arith.extf/truncf); itself
  /// when it has that element type.
  Value converted(Value source, Type element) {
    auto type = cast<RankedTensorType>(source.getType());
    if (type.getElementType() == element)
      return source;
    AffineMap id =
        AffineMap::getMultiDimIdentityMap(type.getRank(), b.getContext());
    return generic(source, empty(sizes(source), element), {id, id},
                   SmallVector<IteratorType>(type.getRank(), kPar),
                   [&](Scalar &s, ValueRange a) {
                     return s.convert(a[0], element);
                   });
  }

  /// The sizes of `tensor`, static where known.
  SmallVector<OpFoldResult> sizes(Value tensor) {
    return tensor::getMixedSizes(b, b.getLoc(), tensor);
  }
  OpFoldResult size(Value tensor, int64_t dim) { return sizes(tensor)[dim]; }
  OpFoldResult index(int64_t v) { return b.getIndexAttr(v); }
  SmallVector<OpFoldResult> indices(ArrayRef<int64_t> values) {
    SmallVector<OpFoldResult> result;
    for (int64_t v : values)
      result.push_back(index(v));
    return result;
  }

  Value empty(ArrayRef<OpFoldResult> sizes, Type element) {
    return tensor::EmptyOp::create(b, sizes, element);
  }
  Value filled(ArrayRef<OpFoldResult> sizes, Type element, double value) {
    return fill(empty(sizes, element), value);
  }
  /// `dest` overwritten with `value`.
  Value fill(Value dest, double value) {
    Type element = getElementTypeOrSelf(dest.getType());
    Value c = arith::ConstantOp::create(b, element,
                                        b.getFloatAttr(element, value));
    return linalg::FillOp::create(b, ValueRange{c}, ValueRange{dest})
        .getResult(0);
  }

  /// `source` placed at `offsets` inside a zero tensor of `sizes`.
  Value zeroPadded(Value source, ArrayRef<OpFoldResult> sizes,
                   ArrayRef<OpFoldResult> offsets) {
    auto type = cast<RankedTensorType>(source.getType());
    Value zeros = filled(sizes, type.getElementType(), 0.0);
    SmallVector<OpFoldResult> strides(type.getRank(), index(1));
    return tensor::InsertSliceOp::create(b, source, zeros, offsets,
                                         this->sizes(source), strides);
  }

  /// A slice of `source`; dimensions in `drop` (of size 1) are dropped.
  /// The slice keeps its rank and a collapse_shape drops the unit dims, so
  /// that which dims go stays explicit (a rank-reducing extract_slice of
  /// several unit dims is ambiguous to its canonicalizations).
  Value slice(Value source, ArrayRef<OpFoldResult> offsets,
              ArrayRef<OpFoldResult> sizes, ArrayRef<int64_t> drop = {}) {
    auto type = cast<RankedTensorType>(source.getType());
    SmallVector<OpFoldResult> strides(type.getRank(), index(1));
    SmallVector<int64_t> shape;
    for (OpFoldResult size : sizes) {
      std::optional<int64_t> s = getConstantIntValue(size);
      shape.push_back(s ? *s : ShapedType::kDynamic);
    }
    Value full = tensor::ExtractSliceOp::create(
        b, RankedTensorType::get(shape, type.getElementType()), source,
        offsets, sizes, strides);
    if (drop.empty())
      return full;
    // Each dropped dim joins the next kept one (the last kept one at the end).
    SmallVector<ReassociationIndices> groups;
    ReassociationIndices pending;
    for (int64_t i = 0, e = type.getRank(); i < e; ++i) {
      pending.push_back(i);
      if (!llvm::is_contained(drop, i)) {
        groups.push_back(pending);
        pending.clear();
      }
    }
    if (groups.empty())
      return tensor::CollapseShapeOp::create(b, full,
                                             ArrayRef<ReassociationIndices>{});
    groups.back().append(pending.begin(), pending.end());
    return tensor::CollapseShapeOp::create(b, full, groups);
  }

  /// Writes `source` into `dest` at `offsets` (with `sizes`, which may
  /// include unit dimensions that `source` dropped).
  Value insert(Value source, Value dest, ArrayRef<OpFoldResult> offsets,
               ArrayRef<OpFoldResult> sizes) {
    SmallVector<OpFoldResult> strides(offsets.size(), index(1));
    return tensor::InsertSliceOp::create(b, source, dest, offsets, sizes,
                                         strides);
  }

  /// One iteration's part of a shared scf.forall output: `value` goes to
  /// `offsets` (with `sizes`, unit strides).
  struct Tile {
    Value value;
    SmallVector<OpFoldResult> offsets, sizes;
  };
  /// An scf.forall over [0, counts) whose iterations write disjoint tiles of
  /// `outputs` in place. `body(e, ivs, shared)` emits one iteration, with
  /// `shared` the outputs as seen inside it, and returns one Tile per output.
  /// Every tiled lowering (scan channel blocks, attention query tiles,
  /// monarch row blocks, FFT convolution rows) is one of these.
  SmallVector<Value>
  forallTiles(ArrayRef<OpFoldResult> counts, ValueRange outputs,
              function_ref<SmallVector<Tile>(LinalgEmitter &, ValueRange,
                                             ValueRange)>
                  body) {
    auto forall = scf::ForallOp::create(b, counts, outputs, std::nullopt);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPoint(forall.getTerminator());
    SmallVector<Tile> tiles =
        body(*this, forall.getInductionVars(), forall.getRegionIterArgs());
    b.setInsertionPointToEnd(forall.getTerminator().getBody());
    for (auto [tile, shared] :
         llvm::zip_equal(tiles, forall.getRegionIterArgs()))
      tensor::ParallelInsertSliceOp::create(
          b, tile.value, shared, tile.offsets, tile.sizes,
          SmallVector<OpFoldResult>(tile.offsets.size(), index(1)));
    return SmallVector<Value>(forall.getResults());
  }
  /// `v` with its time dimension `dim` (of length L) split into
  /// [chunks.count, chunks.size], zero-padded first to chunks.padded().
  Value splitTime(Value v, int64_t dim, const struct Chunks &chunks);
  /// The inverse of splitTime for a result: dims `dim`, `dim` + 1 joined and
  /// the padding cut off to `length`.
  Value joinTime(Value v, int64_t dim, int64_t length);
  /// An scf.for over t in [0, length) carrying `carried`;
  /// `step(emitter, t, values)` returns the next values. Returns the final
  /// values. Every sequential algorithm over time (scans, recurrent linear
  /// attention) is one of these.
  SmallVector<Value> loopOverTime(
      OpFoldResult length, ValueRange carried,
      function_ref<SmallVector<Value>(LinalgEmitter &, Value, ValueRange)>
          step) {
    Value zero = arith::ConstantIndexOp::create(b, 0);
    Value one = arith::ConstantIndexOp::create(b, 1);
    Value upper = getValueOrCreateConstantIndexOp(b, b.getLoc(), length);
    auto loop = scf::ForOp::create(
        b, zero, upper, one, carried,
        [&](OpBuilder &nested, Location loc, Value t, ValueRange values) {
          ImplicitLocOpBuilder inner(loc, nested);
          LinalgEmitter e(inner);
          scf::YieldOp::create(inner, step(e, t, values));
        });
    return SmallVector<Value>(loop.getResults());
  }

  ImplicitLocOpBuilder &b;
};

/// How the chunked algorithms cut time: `count` chunks of `size` steps, the
/// last zero-padded.
struct Chunks {
  int64_t size, count;
  /// Chunks of at most `chunk` steps (at least 1) covering `length` steps.
  static Chunks of(int64_t chunk, int64_t length) {
    int64_t size = std::clamp<int64_t>(chunk, 1, std::max<int64_t>(length, 1));
    return {size, std::max<int64_t>(1, llvm::divideCeil(length, size))};
  }
  int64_t padded() const { return size * count; }
};

inline Value LinalgEmitter::splitTime(Value v, int64_t dim,
                                      const Chunks &chunks) {
  auto type = cast<RankedTensorType>(v.getType());
  SmallVector<OpFoldResult> padded = sizes(v);
  if (chunks.padded() != type.getDimSize(dim)) {
    padded[dim] = index(chunks.padded());
    v = zeroPadded(v, padded,
                   SmallVector<OpFoldResult>(padded.size(), index(0)));
  }
  SmallVector<int64_t> shape;
  SmallVector<ReassociationIndices> groups;
  for (int64_t i = 0; i < type.getRank(); ++i) {
    if (i == dim) {
      shape.append({chunks.count, chunks.size});
      groups.push_back({int64_t(shape.size()) - 2, int64_t(shape.size()) - 1});
      continue;
    }
    shape.push_back(type.getDimSize(i));
    groups.push_back({int64_t(shape.size()) - 1});
  }
  return tensor::ExpandShapeOp::create(
      b, RankedTensorType::get(shape, type.getElementType()), v, groups);
}

inline Value LinalgEmitter::joinTime(Value v, int64_t dim, int64_t length) {
  int64_t rank = cast<RankedTensorType>(v.getType()).getRank();
  SmallVector<ReassociationIndices> groups;
  for (int64_t i = 0; i < rank; ++i) {
    if (i == dim + 1)
      continue;
    groups.push_back(i == dim ? ReassociationIndices{i, i + 1}
                              : ReassociationIndices{i});
  }
  Value joined = tensor::CollapseShapeOp::create(b, v, groups);
  SmallVector<OpFoldResult> all = sizes(joined);
  if (getConstantIntValue(all[dim]) == length)
    return joined;
  all[dim] = index(length);
  return slice(joined, SmallVector<OpFoldResult>(all.size(), index(0)), all);
}

/// Each lowering replaces its op or explains why it cannot. `products` is
/// the element type that the matrix products of intermediates read (the
/// op's own, or f16/bf16 with round-product-operands).
/// `tileFFTRows`: FFT long convolutions run per row in an scf.forall.
LogicalResult lowerConvolution(Operation *op, PatternRewriter &rewriter,
                               bool tileFFTRows);
LogicalResult lowerStructuredMatrix(Operation *op, PatternRewriter &rewriter,
                                    bool tileMonarchRows,
                                    bool contiguousReductions, Type products);
/// `perChannel`: the NPLR form runs one channel per scf.forall iteration.
LogicalResult lowerSSMKernel(Operation *op, PatternRewriter &rewriter,
                             bool perChannel);
/// `tileChannels`: split static selective scans over blocks of at most
/// `maxChannelBlock` channels first; `tileHeads`: split static sequential
/// SSD scans over (batch, head).
LogicalResult lowerScan(Operation *op, PatternRewriter &rewriter,
                        bool tileChannels, int64_t maxChannelBlock,
                        bool tileHeads, Type products);
/// `tileQueries`: static shapes run per (batch, head, query block) in an
/// scf.forall; otherwise one flash loop covers all queries.
LogicalResult lowerAttention(Operation *op, PatternRewriter &rewriter,
                             bool tileQueries, Type products);
/// `tileHeads`: causal ones with static shapes run per (batch, head).
LogicalResult lowerLinearAttention(Operation *op, PatternRewriter &rewriter,
                                   bool tileHeads, Type products);

class LongConvOp;
/// long_conv by FFT (static B, L, D, Lk); adds the result to `init`. With
/// `tileRows` each (batch, channel) row is an iteration of an scf.forall.
Value lowerLongConvByFFT(LinalgEmitter &e, LongConvOp conv, Value init,
                         bool tileRows);

/// The twiddles of every stage of an n-point FFT, exp(-2 pi i j / n) for
/// j < n / 2, as constant tensors of `element` (real and imaginary parts);
/// with `fine` > 0 followed by exp(-2 pi i j / (n fine)) for j < fine, the
/// factors between the table's entries of an n fine-point transform.
std::pair<Value, Value> fftTwiddleTable(OpBuilder &b, Location loc, int64_t n,
                                        Type element, int64_t fine = 0);

/// The long_conv algorithm to lower: the schedule's, or without one the
/// cost model's choice for the host ("direct" when shapes are dynamic).
StringRef longConvAlgorithm(LongConvOp conv);

/// The schedule's algorithm, or `fallback` when the op has none.
StringRef scheduledAlgorithm(Operation *op, StringRef fallback);
/// An integer parameter of the op's schedule, or `fallback`.
int64_t scheduleParam(Operation *op, StringRef name, int64_t fallback);

} // namespace mlir::ssm

#endif // SSM_CONVERSION_LINALGEMITTER_H
