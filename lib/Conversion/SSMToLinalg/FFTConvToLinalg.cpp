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
// Stages run in fused pairs (one pass over the row reads each group of four
// values once per output position and writes the four positions the two
// stages would), with one plain stage left over when log2 N is odd; a
// radix-2 stage is one linalg.generic per output position of a butterfly,
// writing its half of a destination. Passes alternate between two buffers.
// Complex values are kept as separate real and imaginary tensors.
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

/// Butterfly arithmetic on (re, im) pairs inside generic bodies.
struct ButterflyMath {
  Scalar &s;
  /// Whether twiddles turn by conj(w) (the inverse transform).
  bool inverse;
  Complex add(Complex a, Complex b) {
    return {s.add(a.re, b.re), s.add(a.im, b.im)};
  }
  Complex sub(Complex a, Complex b) {
    return {s.sub(a.re, b.re), s.sub(a.im, b.im)};
  }
  /// a w, or a conj(w) (= a / w on the unit circle) for the inverse.
  Complex turn(Complex a, Complex w) {
    if (inverse)
      return {s.add(s.mul(a.re, w.re), s.mul(a.im, w.im)),
              s.sub(s.mul(a.im, w.re), s.mul(a.re, w.im))};
    return {s.sub(s.mul(a.re, w.re), s.mul(a.im, w.im)),
            s.add(s.mul(a.re, w.im), s.mul(a.im, w.re))};
  }
};
} // namespace

/// Halves shorter than this put the block loop innermost instead, so that
/// the innermost loop is long enough to vectorise.
static constexpr int64_t kShortHalf = 8;

static int64_t rowLength(Value rows) {
  return cast<RankedTensorType>(rows.getType()).getDimSize(1);
}

/// Rows [R, n] viewed as [R, blocks, ways, stride] (stride = the distance
/// between a butterfly's inputs: its half, or a quarter for two fused
/// stages).
static Value butterflyGrid(LinalgEmitter &e, Value rows, int64_t stride,
                           int64_t ways = 2) {
  auto type = cast<RankedTensorType>(rows.getType());
  int64_t blocks = type.getDimSize(1) / (ways * stride);
  return tensor::ExpandShapeOp::create(
      e.b,
      RankedTensorType::get({type.getDimSize(0), blocks, ways, stride},
                            type.getElementType()),
      rows, ArrayRef<ReassociationIndices>{{0}, {1, 2, 3}},
      ArrayRef<OpFoldResult>{e.size(rows, 0), e.index(blocks), e.index(ways),
                             e.index(stride)});
}

/// Position `c` of every butterfly of `grid` ([R, blocks, ways, stride]) as
/// [R, blocks, stride], for reading (`part` null) or writing `part` back.
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
          ButterflyMath m{s, inverse};
          Complex a{v[0], v[1]}, b{v[2], v[3]}, w{v[4], v[5]}, y;
          if (inverse) {
            Complex t = m.turn(b, w);
            y = c == 0 ? m.add(a, t) : m.sub(a, t);
          } else {
            y = c == 0 ? m.add(a, b) : m.turn(m.sub(a, b), w);
          }
          return {y.re, y.im};
        });
    yr = butterflyHalf(e, yr, c, parts[0]);
    yi = butterflyHalf(e, yi, c, parts[1]);
  }
  return {joinGrid(e, yr), joinGrid(e, yi)};
}

/// Two radix-2 stages in one pass, on complex rows [R, n] seen as
/// [R, blocks, 4, q]: the forward stages of halves 2q then q, or the inverse
/// ones of halves q then 2q, with the values and positions of running them
/// one after the other (so the order stays bit-reversed), but each group of
/// four read and written once. With x0..x3 a group and the twiddles
/// wa = table[o B], wb = table[(o + q) B] (B = n / 4q) of the half-2q stage
/// and wc = table[2 o B] of the half-q stage:
///   forward: p = (x0 + x2, x1 + x3, (x0 - x2) wa, (x1 - x3) wb),
///            y = (p0 + p1, (p0 - p1) wc, p2 + p3, (p2 - p3) wc);
///   inverse: p = (x0 + x1/wc, x0 - x1/wc, x2 + x3/wc, x2 - x3/wc),
///            y = (p0 + p2/wa, p1 + p3/wb, p0 - p2/wa, p1 - p3/wb).
/// Each position of `dest` is written in place by its own generic.
static Complex fusedStages(LinalgEmitter &e, Complex x, Complex dest,
                           Complex table, int64_t q, bool inverse) {
  int64_t blocks = rowLength(x.re) / (4 * q);
  Value xr = butterflyGrid(e, x.re, q, 4), xi = butterflyGrid(e, x.im, q, 4);
  Value yr = butterflyGrid(e, dest.re, q, 4),
        yi = butterflyGrid(e, dest.im, q, 4);
  bool blocksInner = q < kShortHalf;
  AffineExpr r = e.d(0), blk = e.d(blocksInner ? 2 : 1),
             o = e.d(blocksInner ? 1 : 2);
  SmallVector<Value> ins;
  SmallVector<AffineMap> maps;
  for (int64_t c = 0; c < 4; ++c) {
    AffineMap at = e.map(3, {r, blk, e.b.getAffineConstantExpr(c), o});
    ins.append({xr, xi});
    maps.append({at, at});
  }
  for (AffineExpr k : {o * blocks, (o + q) * blocks, o * (2 * blocks)}) {
    Complex source = table;
    if (k == o) // Read as the loop index itself: the operand's exact extent.
      source = {e.slice(table.re, {e.index(0)}, {e.index(q)}),
                e.slice(table.im, {e.index(0)}, {e.index(q)})};
    ins.append({source.re, source.im});
    maps.append(2, e.map(3, {k}));
  }
  maps.append(2, e.map(3, {r, blk, o}));
  // One generic per output position c, each writing its quarter of `dest`
  // (taken from the latest value, so that all four are written in place);
  // each computes only what its position needs.
  for (int64_t c = 0; c < 4; ++c) {
    SmallVector<Value> parts = e.generics(
        ins, {butterflyHalf(e, yr, c), butterflyHalf(e, yi, c)}, maps,
        {kPar, kPar, kPar},
        [&](Scalar &s, ValueRange v) -> SmallVector<Value> {
          ButterflyMath m{s, inverse};
          Complex x0{v[0], v[1]}, x1{v[2], v[3]}, x2{v[4], v[5]},
              x3{v[6], v[7]}, wa{v[8], v[9]}, wb{v[10], v[11]},
              wc{v[12], v[13]};
          Complex y;
          if (inverse) {
            // Position c reads p = x0 +- x1/wc and its partner
            // x2 +- x3/wc (+ for even c, - for odd).
            Complex t1 = m.turn(x1, wc), t3 = m.turn(x3, wc);
            Complex p = c % 2 == 0 ? m.add(x0, t1) : m.sub(x0, t1);
            Complex pFar = c % 2 == 0 ? m.add(x2, t3) : m.sub(x2, t3);
            Complex t = m.turn(pFar, c % 2 == 0 ? wa : wb);
            y = c < 2 ? m.add(p, t) : m.sub(p, t);
          } else if (c < 2) {
            Complex p0 = m.add(x0, x2), p1 = m.add(x1, x3);
            y = c == 0 ? m.add(p0, p1) : m.turn(m.sub(p0, p1), wc);
          } else {
            Complex p2 = m.turn(m.sub(x0, x2), wa),
                    p3 = m.turn(m.sub(x1, x3), wb);
            y = c == 2 ? m.add(p2, p3) : m.turn(m.sub(p2, p3), wc);
          }
          return {y.re, y.im};
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
  for (int64_t half = rowLength(x.re) / 2; half >= 1;) {
    Complex y = half >= 2 ? fusedStages(e, x, spare, table, half / 2,
                                        /*inverse=*/false)
                          : butterflyStage(e, x, spare, table, half,
                                           /*inverse=*/false);
    half /= half >= 2 ? 4 : 2;
    spare = x;
    x = y;
  }
  return x;
}

/// n times the inverse DFT of complex rows [R, n]: bit-reversed order in,
/// natural order out. Overwrites `x`.
static Complex inverseFFT(LinalgEmitter &e, Complex x, Complex table) {
  Complex spare = scratch(e, x);
  for (int64_t half = 1, n = rowLength(x.re); half < n;) {
    bool fused = 4 * half <= n;
    Complex y = fused ? fusedStages(e, x, spare, table, half,
                                    /*inverse=*/true)
                      : butterflyStage(e, x, spare, table, half,
                                       /*inverse=*/true);
    half *= fused ? 4 : 2;
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

std::pair<Value, Value> mlir::ssm::fftTwiddleTable(OpBuilder &b, Location loc,
                                                   int64_t n, Type element,
                                                   int64_t fine) {
  auto type = RankedTensorType::get({n / 2 + fine}, element);
  SmallVector<Attribute> cosines, sines;
  auto add = [&](int64_t k, int64_t period) {
    double angle = -2.0 * M_PI * double(k) / double(period);
    cosines.push_back(b.getFloatAttr(element, std::cos(angle)));
    sines.push_back(b.getFloatAttr(element, std::sin(angle)));
  };
  for (int64_t k = 0; k < n / 2; ++k)
    add(k, n);
  for (int64_t k = 0; k < fine; ++k)
    add(k, n * fine);
  return {arith::ConstantOp::create(b, loc,
                                    DenseElementsAttr::get(type, cosines)),
          arith::ConstantOp::create(b, loc,
                                    DenseElementsAttr::get(type, sines))};
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

static Value rowSumSquares(LinalgEmitter &e, Value rows) {
  Type element = getElementTypeOrSelf(rows.getType());
  return e.generic({rows}, e.filled({e.size(rows, 0)}, element, 0.0),
                   {e.map(2, {e.d(0), e.d(1)}), e.map(2, {e.d(0)})},
                   {kPar, kRed}, [](Scalar &s, ValueRange a) {
                     return s.add(a[1], s.mul(a[0], a[0]));
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
  // Both go in scaled to unit energy (times 1 / |u| and 1 / |k|, the
  // 2-norms): separating the two spectra costs accuracy relative to the
  // larger one (a filter 1/L the size of the signal would lose log2(L)
  // bits, a one-tap filter of a long signal half of that with maxima
  // alike), and neither factor nor their ratio need be representable for
  // both to be. Where a sum of squares vanishes or overflows, the maximum;
  // where that is 0 (or its inverse not finite), 1.
  auto unitFactor = [&](Value rows) {
    return e.generic(
        {rowMaxAbs(e, rows), rowSumSquares(e, rows)},
        e.empty({e.size(rows, 0)}, element),
        SmallVector<AffineMap>(3, e.map(1, {e.d(0)})), {kPar},
        [&](Scalar &s, ValueRange a) -> Value {
          auto usable = [&](Value x) {
            return arith::AndIOp::create(
                s.b,
                arith::CmpFOp::create(s.b, arith::CmpFPredicate::OGT, x,
                                      s.cst(element, 0.0)),
                arith::CmpFOp::create(s.b, arith::CmpFPredicate::OLT, x,
                                      s.cst(element, INFINITY)));
          };
          Value norm = math::SqrtOp::create(s.b, a[1]);
          norm = arith::SelectOp::create(s.b, usable(norm), norm, a[0]);
          Value inverse = s.div(s.cst(element, 1.0), norm);
          return arith::SelectOp::create(s.b, usable(inverse), inverse,
                                         s.cst(element, 1.0));
        });
  };
  Value cu = unitFactor(signals), ck = unitFactor(filters);
  auto scaled = [&](Value rows, Value factor) {
    return e.generic({rows, factor}, e.empty(e.sizes(rows), element),
                     {id, row, id}, {kPar, kPar},
                     [](Scalar &s, ValueRange a) { return s.mul(a[0], a[1]); });
  };
  signals = scaled(signals, cu);
  Value scaledFilters = scaled(filters, ck);
  Complex z = {e.zeroPadded(signals, {rows, e.index(n)},
                            {e.index(0), e.index(0)}),
               e.zeroPadded(scaledFilters, {rows, e.index(n)},
                            {e.index(0), e.index(0)})};
  // 4 n cu ck times the linear convolution.
  Value linear =
      inverseFFT(e, spectraProduct(e, forwardFFT(e, z, table)), table).re;
  auto times = [&](int64_t from) {
    return e.slice(linear, {e.index(0), e.index(from)}, {rows, e.index(L)});
  };
  SmallVector<Value> ins = {cu, ck, times(0)};
  SmallVector<AffineMap> maps = {row, row, id, id};
  if (circular) { // y[t] = lin[t] + lin[t + L]; n >= 2L, lin[2L - 1] = 0.
    ins.push_back(times(L));
    maps.push_back(id);
  }
  double norm = 1.0 / (4.0 * double(n));
  return e.generic(ins, dest, maps, {kPar, kPar},
                   [&](Scalar &s, ValueRange a) {
                     Value v = circular ? s.add(a[2], a[3]) : a[2];
                     // (One factor at a time: cu ck need not be finite.)
                     return s.div(s.div(s.mul(v, s.cst(element, norm)), a[0]),
                                  a[1]);
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
  auto [cosines, sines] = fftTwiddleTable(e.b, conv.getLoc(), n, element);
  Complex table = {cosines, sines};
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
