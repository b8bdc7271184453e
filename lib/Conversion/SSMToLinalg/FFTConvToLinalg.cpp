//===- FFTConvToLinalg.cpp - long_conv by FFT -----------------------------===//
//
// The `fft` algorithm of ssm.long_conv: zero-pad each channel's signal and
// filter to N = 2^p, transform both with a radix-2 Cooley-Tukey FFT (a
// bit-reversal gather, then p butterfly stages, each a linalg.generic over
// [rows, blocks, 2, half]), multiply the spectra, and transform back
// (ifft(Y) = conj(fft(conj(Y))) / N). Complex values are kept as separate
// real and imaginary tensors.
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
struct ComplexTensor {
  Value re, im;
};
} // namespace

/// rows[r, i] -> rows[r, reverse_p(i)] for rows of N = 2^p.
static Value bitReverse(LinalgEmitter &e, Value rows, unsigned bits) {
  auto type = cast<RankedTensorType>(rows.getType());
  AffineMap id = e.map(2, {e.d(0), e.d(1)});
  return e.generic({}, e.empty(e.sizes(rows), type.getElementType()), {id},
                   {kPar, kPar}, [&](Scalar &s, ValueRange) -> Value {
                     Value r = linalg::IndexOp::create(s.b, 0);
                     Value i = linalg::IndexOp::create(s.b, 1);
                     Value one = arith::ConstantIndexOp::create(s.b, 1);
                     Value rev = arith::ConstantIndexOp::create(s.b, 0);
                     for (unsigned bit = 0; bit < bits; ++bit) {
                       Value shifted = arith::ShRUIOp::create(
                           s.b, i, arith::ConstantIndexOp::create(s.b, bit));
                       Value b = arith::AndIOp::create(s.b, shifted, one);
                       Value placed = arith::ShLIOp::create(
                           s.b, b,
                           arith::ConstantIndexOp::create(s.b, bits - 1 - bit));
                       rev = arith::OrIOp::create(s.b, rev, placed);
                     }
                     return tensor::ExtractOp::create(s.b, rows,
                                                      ValueRange{r, rev});
                   });
}

/// The forward DFT of complex rows [R, N] (N = 2^bits), input in natural
/// order.
static ComplexTensor fft(LinalgEmitter &e, ComplexTensor x, unsigned bits) {
  auto type = cast<RankedTensorType>(x.re.getType());
  Type element = type.getElementType();
  int64_t n = int64_t(1) << bits;
  ComplexTensor y = {bitReverse(e, x.re, bits), bitReverse(e, x.im, bits)};
  OpFoldResult rows = e.size(x.re, 0);
  auto grid = [&](Value v, int64_t blocks, int64_t half) -> Value {
    return tensor::ExpandShapeOp::create(
        e.b,
        RankedTensorType::get({type.getDimSize(0), blocks, 2, half}, element),
        v, ArrayRef<ReassociationIndices>{{0}, {1, 2, 3}},
        ArrayRef<OpFoldResult>{rows, e.index(blocks), e.index(2),
                               e.index(half)});
  };
  for (unsigned s = 0; s < bits; ++s) {
    int64_t half = int64_t(1) << s, blocks = n / (2 * half);
    Value re = grid(y.re, blocks, half), im = grid(y.im, blocks, half);
    AffineExpr r = e.d(0), blk = e.d(1), o = e.d(3);
    AffineExpr zero = e.b.getAffineConstantExpr(0),
               one = e.b.getAffineConstantExpr(1);
    AffineMap first = e.map(4, {r, blk, zero, o}),
              second = e.map(4, {r, blk, one, o}),
              out = e.map(4, {r, blk, e.d(2), o});
    // out[c] = u + (-1)^c w^o v with w = exp(-2 pi i / (2 half)); the
    // twiddles w^o are constants of the stage.
    SmallVector<double> cosines, sines;
    for (int64_t i = 0; i < half; ++i) {
      cosines.push_back(std::cos(-M_PI * double(i) / double(half)));
      sines.push_back(std::sin(-M_PI * double(i) / double(half)));
    }
    auto constants = [&](ArrayRef<double> values) -> Value {
      auto type = RankedTensorType::get({half}, element);
      SmallVector<Attribute> attrs;
      for (double v : values)
        attrs.push_back(e.b.getFloatAttr(element, v));
      return arith::ConstantOp::create(e.b, DenseElementsAttr::get(type, attrs));
    };
    Value cosTable = constants(cosines), sinTable = constants(sines);
    AffineMap twiddle = e.map(4, {o});
    auto stage = [&](bool imaginary) {
      return e.generic(
          {re, im, re, im, cosTable, sinTable},
          e.empty({rows, e.index(blocks), e.index(2), e.index(half)}, element),
          {first, first, second, second, twiddle, twiddle, out},
          {kPar, kPar, kPar, kPar},
          [&](Scalar &sc, ValueRange a) -> Value {
            Value wr = a[4], wi = a[5];
            Value tr = sc.sub(sc.mul(wr, a[2]), sc.mul(wi, a[3]));
            Value ti = sc.add(sc.mul(wr, a[3]), sc.mul(wi, a[2]));
            Value u = imaginary ? a[1] : a[0], t = imaginary ? ti : tr;
            Value c = linalg::IndexOp::create(sc.b, 2);
            Value isFirst = arith::CmpIOp::create(
                sc.b, arith::CmpIPredicate::eq, c,
                arith::ConstantIndexOp::create(sc.b, 0));
            return arith::SelectOp::create(sc.b, isFirst, sc.add(u, t),
                                           sc.sub(u, t));
          });
    };
    Value newRe = stage(false), newIm = stage(true);
    auto flat = [&](Value v) -> Value {
      return tensor::CollapseShapeOp::create(
          e.b, v, ArrayRef<ReassociationIndices>{{0}, {1, 2, 3}});
    };
    y = {flat(newRe), flat(newIm)};
  }
  return y;
}

/// Real rows [R, len] zero-padded to [R, n], as complex rows.
static ComplexTensor padToComplex(LinalgEmitter &e, Value rows, int64_t n) {
  Type element = cast<RankedTensorType>(rows.getType()).getElementType();
  OpFoldResult r = e.size(rows, 0);
  return {e.zeroPadded(rows, {r, e.index(n)}, {e.index(0), e.index(0)}),
          e.filled({r, e.index(n)}, element, 0.0)};
}

Value mlir::ssm::lowerLongConvByFFT(LinalgEmitter &e, LongConvOp conv,
                                    Value init) {
  Value u = conv.getU(), kernel = conv.getKernel();
  auto uType = cast<RankedTensorType>(u.getType());
  Type element = uType.getElementType();
  int64_t L = uType.getDimSize(1), D = uType.getDimSize(2);
  int64_t Lk = cast<RankedTensorType>(kernel.getType()).getDimSize(1);
  bool circular = conv.getMode() == ConvMode::circular;
  // Only the first L taps can reach an output.
  int64_t taps = std::min(L, Lk);
  int64_t span = circular ? 2 * L - 1 : L + taps - 1;
  unsigned bits = llvm::Log2_64_Ceil(uint64_t(std::max<int64_t>(span, 2)));
  int64_t n = int64_t(1) << bits;
  SmallVector<OpFoldResult> us = e.sizes(u); // B, L, D
  AffineExpr b = e.d(0), t = e.d(1), d = e.d(2);

  // Signals as rows [B*D, L] and filters as rows [D, taps].
  Value transposed = e.generic(
      {u}, e.empty({us[0], us[2], us[1]}, element),
      {e.map(3, {b, t, d}), e.map(3, {b, d, t})}, {kPar, kPar, kPar},
      [](Scalar &, ValueRange a) { return a[0]; });
  Value signalRows = tensor::CollapseShapeOp::create(
      e.b, transposed, ArrayRef<ReassociationIndices>{{0, 1}, {2}});
  Value filterRows = e.slice(kernel, {e.index(0), e.index(0)},
                             {e.size(kernel, 0), e.index(taps)});
  ComplexTensor U = fft(e, padToComplex(e, signalRows, n), bits);
  ComplexTensor K = fft(e, padToComplex(e, filterRows, n), bits);

  // Y = U K per (b, d), conjugated for the inverse transform.
  auto perChannel = [&](Value rows) -> Value {
    return tensor::ExpandShapeOp::create(
        e.b,
        RankedTensorType::get({uType.getDimSize(0), D, n}, element), rows,
        ArrayRef<ReassociationIndices>{{0, 1}, {2}},
        ArrayRef<OpFoldResult>{us[0], e.index(D), e.index(n)});
  };
  AffineExpr f = e.d(2), dd = e.d(1);
  AffineMap bdf = e.map(3, {b, dd, f}), df = e.map(3, {dd, f});
  auto product = [&](bool imaginary) {
    return e.generic({perChannel(U.re), perChannel(U.im), K.re, K.im},
                     e.empty({us[0], e.index(D), e.index(n)}, element),
                     {bdf, bdf, df, df, bdf}, {kPar, kPar, kPar},
                     [&](Scalar &s, ValueRange a) -> Value {
                       if (!imaginary)
                         return s.sub(s.mul(a[0], a[2]), s.mul(a[1], a[3]));
                       // -(Im), the conjugate, for the inverse transform.
                       return s.neg(s.add(s.mul(a[0], a[3]), s.mul(a[1], a[2])));
                     });
  };
  auto rowsOf = [&](Value v) -> Value {
    return tensor::CollapseShapeOp::create(
        e.b, v, ArrayRef<ReassociationIndices>{{0, 1}, {2}});
  };
  ComplexTensor Y = fft(e, {rowsOf(product(false)), rowsOf(product(true))},
                        bits);
  // Re(ifft) = Re(fft(conj Y)) / n; circular folds the linear result.
  Value linear = perChannel(Y.re);
  auto times = [&](int64_t from) {
    return e.slice(linear, {e.index(0), e.index(0), e.index(from)},
                   {us[0], e.index(D), e.index(L)});
  };
  AffineMap bdt = e.map(3, {b, d, t});
  SmallVector<Value> ins = {times(0)};
  SmallVector<AffineMap> maps = {bdt};
  if (circular) {
    // y[t] = lin[t] + lin[t + L]; n >= 2L, and lin[2L - 1] is zero.
    ins.push_back(times(L));
    maps.push_back(bdt);
  }
  maps.push_back(e.map(3, {b, t, d}));
  double scale = 1.0 / double(n);
  return e.generic(ins, init, maps, {kPar, kPar, kPar},
                   [&](Scalar &s, ValueRange a) {
                     Value v = circular ? s.add(a[0], a[1]) : a[0];
                     return s.add(a.back(), s.mul(v, s.cst(element, scale)));
                   });
}
