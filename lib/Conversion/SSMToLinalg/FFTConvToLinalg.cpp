//===- FFTConvToLinalg.cpp - long_conv by FFT -----------------------------===//
//
// The `fft` algorithm of ssm.long_conv. Each (batch, channel) row is a real
// signal u and a real filter k, zero-padded to N = 2^p. One complex
// transform of z = u + i k gives both spectra (U[f] = (Z[f] + conj Z[-f])/2,
// K[f] = (Z[f] - conj Z[-f])/2i, as both inputs are real); their product
// goes through one inverse transform, whose real part is the linear
// convolution. The forward transform is a radix-2 decimation in frequency
// (natural order in, bit-reversed order out) and the inverse a decimation in
// time (bit-reversed in, natural out), so no bit reversal is ever done: the
// pointwise product does not care about the order, and -f sits at a mirror
// position in the bit-reversed order.
//
// Each stage is one linalg.generic computing both outputs of a butterfly
// into the two halves of a destination; stages alternate between two
// buffers. Complex values are kept as separate real and imaginary tensors.
//
// With `tileRows` the rows run in parallel in an scf.forall, each row's
// transforms on [1, N] tensors that stay in the cache (the CPU form);
// otherwise every stage covers all rows (the GPU form, a kernel per stage).
//
//===----------------------------------------------------------------------===//

#include "ssm/Conversion/LinalgEmitter.h"
#include "ssm/Dialect/SSM/IR/SSMOps.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "llvm/Support/MathExtras.h"

#include <cmath>

using namespace mlir;
using namespace mlir::ssm;

namespace {
struct Complex {
  Value re, im;
};
} // namespace

/// Halves shorter than this put the block loop innermost instead, so that
/// the innermost loop is long enough to vectorise.
static constexpr int64_t kShortHalf = 8;

static int64_t rowLength(Value rows) {
  return cast<RankedTensorType>(rows.getType()).getDimSize(1);
}

/// Rows [R, n] viewed as [R, blocks, 2, half].
static Value butterflyGrid(LinalgEmitter &e, Value rows, int64_t half) {
  auto type = cast<RankedTensorType>(rows.getType());
  int64_t blocks = type.getDimSize(1) / (2 * half);
  return tensor::ExpandShapeOp::create(
      e.b,
      RankedTensorType::get({type.getDimSize(0), blocks, 2, half},
                            type.getElementType()),
      rows, ArrayRef<ReassociationIndices>{{0}, {1, 2, 3}},
      ArrayRef<OpFoldResult>{e.size(rows, 0), e.index(blocks), e.index(2),
                             e.index(half)});
}

/// Position `c` of every butterfly of `grid` ([R, blocks, 2, half]) as
/// [R, blocks, half], for reading (`part` null) or writing `part` back.
static Value butterflyHalf(LinalgEmitter &e, Value grid, int64_t c,
                           Value part = {}) {
  auto type = cast<RankedTensorType>(grid.getType());
  SmallVector<OpFoldResult> offsets = {e.index(0), e.index(0), e.index(c),
                                       e.index(0)},
                            sizes = {e.size(grid, 0),
                                     e.index(type.getDimSize(1)), e.index(1),
                                     e.index(type.getDimSize(3))},
                            strides(4, e.index(1));
  if (part)
    return tensor::InsertSliceOp::create(e.b, part, grid, offsets, sizes,
                                         strides);
  auto halfType = RankedTensorType::get(
      {type.getDimSize(0), type.getDimSize(1), type.getDimSize(3)},
      type.getElementType());
  return tensor::ExtractSliceOp::create(e.b, halfType, grid, offsets, sizes,
                                        strides);
}

static Value joinGrid(LinalgEmitter &e, Value grid) {
  return tensor::CollapseShapeOp::create(
      e.b, grid, ArrayRef<ReassociationIndices>{{0}, {1, 2, 3}});
}

/// One radix-2 stage on complex rows [R, n] seen as [R, blocks, 2, half],
/// with a = x[., blk, 0, o], b = x[., blk, 1, o] and w = table[o * blocks]
/// = exp(-2 pi i o / (2 half)):
///   forward (decimation in frequency): a + b and (a - b) w;
///   inverse (decimation in time, conjugate twiddle): a + b/w and a - b/w.
/// The two outputs go to the two halves of `dest`, which is overwritten.
static Complex butterflyStage(LinalgEmitter &e, Complex x, Complex dest,
                              Complex table, int64_t half, bool inverse) {
  int64_t blocks = rowLength(x.re) / (2 * half);
  Value xr = butterflyGrid(e, x.re, half), xi = butterflyGrid(e, x.im, half);
  Value yr = butterflyGrid(e, dest.re, half),
        yi = butterflyGrid(e, dest.im, half);
  bool blocksInner = half < kShortHalf;
  AffineExpr r = e.d(0), blk = e.d(blocksInner ? 2 : 1),
             o = e.d(blocksInner ? 1 : 2);
  AffineExpr zero = e.b.getAffineConstantExpr(0),
             one = e.b.getAffineConstantExpr(1);
  AffineMap a = e.map(3, {r, blk, zero, o}), b = e.map(3, {r, blk, one, o}),
            w = e.map(3, {o * blocks}), out = e.map(3, {r, blk, o});
  // One generic per output position c, each writing its half of `dest`
  // (taken from the latest value, so that both halves are written in place).
  for (int64_t c : {0, 1}) {
    SmallVector<Value> parts = e.generics(
        {xr, xi, xr, xi, table.re, table.im},
        {butterflyHalf(e, yr, c), butterflyHalf(e, yi, c)},
        {a, a, b, b, w, w, out, out}, {kPar, kPar, kPar},
        [&](Scalar &s, ValueRange v) -> SmallVector<Value> {
          Value ar = v[0], ai = v[1], br = v[2], bi = v[3], wr = v[4],
                wi = v[5];
          if (inverse) {
            // t = b conj(w)
            Value tr = s.add(s.mul(br, wr), s.mul(bi, wi));
            Value ti = s.sub(s.mul(bi, wr), s.mul(br, wi));
            if (c == 0)
              return {s.add(ar, tr), s.add(ai, ti)};
            return {s.sub(ar, tr), s.sub(ai, ti)};
          }
          if (c == 0)
            return {s.add(ar, br), s.add(ai, bi)};
          Value dr = s.sub(ar, br), di = s.sub(ai, bi);
          return {s.sub(s.mul(dr, wr), s.mul(di, wi)),
                  s.add(s.mul(dr, wi), s.mul(di, wr))};
        });
    yr = butterflyHalf(e, yr, c, parts[0]);
    yi = butterflyHalf(e, yi, c, parts[1]);
  }
  return {joinGrid(e, yr), joinGrid(e, yi)};
}

/// A tensor like `like`, to be overwritten.
static Complex scratch(LinalgEmitter &e, Complex like) {
  Type element = getElementTypeOrSelf(like.re.getType());
  return {e.empty(e.sizes(like.re), element),
          e.empty(e.sizes(like.im), element)};
}

/// The DFT of complex rows [R, n]: natural order in, bit-reversed order
/// out. Overwrites `x`.
static Complex forwardFFT(LinalgEmitter &e, Complex x, Complex table) {
  Complex spare = scratch(e, x);
  for (int64_t half = rowLength(x.re) / 2; half >= 1; half /= 2) {
    Complex y = butterflyStage(e, x, spare, table, half, /*inverse=*/false);
    spare = x;
    x = y;
  }
  return x;
}

/// n times the inverse DFT of complex rows [R, n]: bit-reversed order in,
/// natural order out. Overwrites `x`.
static Complex inverseFFT(LinalgEmitter &e, Complex x, Complex table) {
  Complex spare = scratch(e, x);
  for (int64_t half = 1, n = rowLength(x.re); half < n; half *= 2) {
    Complex y = butterflyStage(e, x, spare, table, half, /*inverse=*/true);
    spare = x;
    x = y;
  }
  return x;
}

/// 4 U K, in bit-reversed order, from the bit-reversed spectrum Z of
/// u + i k (u, k real): U[f] = (Z[f] + conj Z[-f]) / 2 and
/// K[f] = (Z[f] - conj Z[-f]) / 2i. In bit-reversed order the element at
/// j < 2 is its own partner -f, and any other j in [2^m, 2^(m+1)) has its
/// partner at the mirror position 3 2^m - 1 - j of that octave.
static Complex spectraProduct(LinalgEmitter &e, Complex z) {
  int64_t n = rowLength(z.re);
  OpFoldResult rows = e.size(z.re, 0);
  Complex y = scratch(e, z);
  auto octave = [&](int64_t start, int64_t size) {
    SmallVector<OpFoldResult> offsets = {e.index(0), e.index(start)},
                              sizes = {rows, e.index(size)};
    AffineMap same = e.map(2, {e.d(0), e.d(1)}),
              mirror = e.map(2, {e.d(0), size - 1 - e.d(1)});
    Value zr = e.slice(z.re, offsets, sizes), zi = e.slice(z.im, offsets, sizes);
    SmallVector<Value> parts = e.generics(
        {zr, zi, zr, zi},
        {e.slice(y.re, offsets, sizes), e.slice(y.im, offsets, sizes)},
        {same, same, mirror, mirror, same, same}, {kPar, kPar},
        [](Scalar &s, ValueRange v) -> SmallVector<Value> {
          Value zr = v[0], zi = v[1], pr = v[2], pi = v[3];
          // 2U = (zr + pr, zi - pi), 2K = (zi + pi, pr - zr).
          Value ur = s.add(zr, pr), ui = s.sub(zi, pi);
          Value kr = s.add(zi, pi), ki = s.sub(pr, zr);
          return {s.sub(s.mul(ur, kr), s.mul(ui, ki)),
                  s.add(s.mul(ur, ki), s.mul(ui, kr))};
        });
    y = {e.insert(parts[0], y.re, offsets, sizes),
         e.insert(parts[1], y.im, offsets, sizes)};
  };
  octave(0, 1);
  for (int64_t start = 1; start < n; start *= 2)
    octave(start, start);
  return y;
}

/// exp(-2 pi i k / n) for k < n / 2, the twiddles of every stage.
static Complex twiddleTable(LinalgEmitter &e, int64_t n, Type element) {
  auto type = RankedTensorType::get({n / 2}, element);
  SmallVector<Attribute> cosines, sines;
  for (int64_t k = 0; k < n / 2; ++k) {
    double angle = -2.0 * M_PI * double(k) / double(n);
    cosines.push_back(e.b.getFloatAttr(element, std::cos(angle)));
    sines.push_back(e.b.getFloatAttr(element, std::sin(angle)));
  }
  return {arith::ConstantOp::create(e.b, DenseElementsAttr::get(type, cosines)),
          arith::ConstantOp::create(e.b, DenseElementsAttr::get(type, sines))};
}

/// max |rows[r, :]| as [R].
static Value rowMaxAbs(LinalgEmitter &e, Value rows) {
  Type element = getElementTypeOrSelf(rows.getType());
  return e.generic({rows}, e.filled({e.size(rows, 0)}, element, 0.0),
                   {e.map(2, {e.d(0), e.d(1)}), e.map(2, {e.d(0)})},
                   {kPar, kRed}, [](Scalar &s, ValueRange a) {
                     return s.max(a[1], math::AbsFOp::create(s.b, a[0]));
                   });
}

/// The convolutions of real rows, signals [R, L] with filters [R, taps]
/// (taps <= L), padded to n, into `dest` [R, L]: causal, or circular with
/// period L.
static Value convolveRows(LinalgEmitter &e, Value signals, Value filters,
                          Value dest, int64_t n, bool circular,
                          Complex table) {
  Type element = getElementTypeOrSelf(signals.getType());
  int64_t L = rowLength(signals);
  OpFoldResult rows = e.size(signals, 0);
  AffineMap id = e.map(2, {e.d(0), e.d(1)}), row = e.map(2, {e.d(0)});
  // The filter goes in scaled to the signal's magnitude: separating the two
  // spectra costs accuracy relative to the larger one (a filter 1/L the
  // size of the signal would lose log2(L) bits). Rows that are all zeros
  // keep scale 1.
  Value scale = e.generic(
      {rowMaxAbs(e, signals), rowMaxAbs(e, filters)},
      e.empty({rows}, element), SmallVector<AffineMap>(3, e.map(1, {e.d(0)})),
      {kPar},
      [&](Scalar &s, ValueRange a) -> Value {
        Value zero = s.cst(element, 0.0);
        Value usable = arith::AndIOp::create(
            s.b,
            arith::CmpFOp::create(s.b, arith::CmpFPredicate::OGT, a[0], zero),
            arith::CmpFOp::create(s.b, arith::CmpFPredicate::OGT, a[1], zero));
        return arith::SelectOp::create(s.b, usable, s.div(a[0], a[1]),
                                       s.cst(element, 1.0));
      });
  Value scaled = e.generic({filters, scale},
                           e.empty(e.sizes(filters), element), {id, row, id},
                           {kPar, kPar}, [](Scalar &s, ValueRange a) {
                             return s.mul(a[0], a[1]);
                           });
  Complex z = {e.zeroPadded(signals, {rows, e.index(n)},
                            {e.index(0), e.index(0)}),
               e.zeroPadded(scaled, {rows, e.index(n)},
                            {e.index(0), e.index(0)})};
  // 4 n scale times the linear convolution.
  Value linear =
      inverseFFT(e, spectraProduct(e, forwardFFT(e, z, table)), table).re;
  auto times = [&](int64_t from) {
    return e.slice(linear, {e.index(0), e.index(from)}, {rows, e.index(L)});
  };
  SmallVector<Value> ins = {scale, times(0)};
  SmallVector<AffineMap> maps = {row, id, id};
  if (circular) { // y[t] = lin[t] + lin[t + L]; n >= 2L, lin[2L - 1] = 0.
    ins.push_back(times(L));
    maps.push_back(id);
  }
  double norm = 1.0 / (4.0 * double(n));
  return e.generic(ins, dest, maps, {kPar, kPar},
                   [&](Scalar &s, ValueRange a) {
                     Value v = circular ? s.add(a[1], a[2]) : a[1];
                     return s.div(s.mul(v, s.cst(element, norm)), a[0]);
                   });
}

Value mlir::ssm::lowerLongConvByFFT(LinalgEmitter &e, LongConvOp conv,
                                    Value init, bool tileRows) {
  Value u = conv.getU(), kernel = conv.getKernel();
  auto uType = cast<RankedTensorType>(u.getType());
  Type element = uType.getElementType();
  int64_t B = uType.getDimSize(0), L = uType.getDimSize(1),
          D = uType.getDimSize(2);
  int64_t Lk = cast<RankedTensorType>(kernel.getType()).getDimSize(1);
  bool circular = conv.getMode() == ConvMode::circular;
  // Only the first L taps can reach an output.
  int64_t taps = std::min(L, Lk);
  int64_t span = circular ? 2 * L - 1 : L + taps - 1;
  int64_t n = int64_t(1)
              << llvm::Log2_64_Ceil(uint64_t(std::max<int64_t>(span, 2)));
  Complex table = twiddleTable(e, n, element);
  AffineExpr b = e.d(0), t = e.d(1), d = e.d(2);

  // Signals as rows [B, D, L], filters as rows [D, taps].
  Value signals = e.transposed(u, {0, 2, 1});
  Value filters = e.slice(kernel, {e.index(0), e.index(0)},
                          {e.index(D), e.index(taps)});
  Value rows; // [B, D, L]
  if (tileRows) {
    rows = e.forallTiles(
        {e.index(B), e.index(D)}, e.empty({e.index(B), e.index(D), e.index(L)},
                                          element),
        [&](LinalgEmitter &e, ValueRange ivs,
            ValueRange shared) -> SmallVector<LinalgEmitter::Tile> {
          OpFoldResult zero = e.index(0), one = e.index(1);
          SmallVector<OpFoldResult> offsets = {ivs[0], ivs[1], zero},
                                    sizes = {one, one, e.index(L)};
          Value row = convolveRows(
              e, e.slice(signals, offsets, sizes, /*drop=*/{0}),
              e.slice(filters, {ivs[1], zero}, {one, e.index(taps)}),
              e.slice(shared[0], offsets, sizes, /*drop=*/{0}), n, circular,
              table);
          Value tile = tensor::ExpandShapeOp::create(
              e.b, RankedTensorType::get({1, 1, L}, element), row,
              ArrayRef<ReassociationIndices>{{0, 1}, {2}});
          return {{tile, offsets, sizes}};
        })[0];
  } else {
    // Every (batch, channel) row with its channel's filter.
    Value perRow = e.generic(
        {filters}, e.empty({e.index(B), e.index(D), e.index(taps)}, element),
        {e.map(3, {d, t}), e.map(3, {b, d, t})}, {kPar, kPar, kPar},
        [](Scalar &, ValueRange a) { return a[0]; });
    auto flat = [&](Value v) -> Value {
      return tensor::CollapseShapeOp::create(
          e.b, v, ArrayRef<ReassociationIndices>{{0, 1}, {2}});
    };
    Value y = convolveRows(e, flat(signals), flat(perRow),
                           e.empty({e.index(B * D), e.index(L)}, element), n,
                           circular, table);
    rows = tensor::ExpandShapeOp::create(
        e.b, RankedTensorType::get({B, D, L}, element), y,
        ArrayRef<ReassociationIndices>{{0, 1}, {2}});
  }
  return e.generic({rows}, init, {e.map(3, {b, d, t}), e.map(3, {b, t, d})},
                   {kPar, kPar, kPar},
                   [](Scalar &s, ValueRange a) { return s.add(a[1], a[0]); });
}
