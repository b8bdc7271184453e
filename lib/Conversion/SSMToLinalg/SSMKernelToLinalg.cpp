//===- SSMKernelToLinalg.cpp - ssm_kernel to linalg -----------------------===//
//
// Diagonal form: k[d,l] = 2 Re(sum_n Cm Bbar Abar^l) as one generic reducing
// over n, with complex values kept as (re, im) pairs of reals and Abar^l
// computed as exp(l log Abar), so no power is accumulated across l.
//
// NPLR form: each channel in an scf.forall, in complex<f64> on [N, N]
// matrices: M = diag(A) - P^T conj(P); Abar and Bbar by Gauss-Jordan
// elimination with partial pivoting (bilinear: (I - dt/2 M) [Abar | Bbar] =
// [I + dt/2 M | dt Bm]; ZOH: Abar = exp(dt M) by scaling and squaring, then
// M Bbar = (Abar - I) Bm). The Krylov columns Abar^t Bbar (t < T) and the rows
// Cm^T Abar^(jT) (j < J, T = J ~ sqrt(L)) give k[jT + t] = 2 Re of their
// product: O(N^3 log T + (T + J) N^2 + L N) per channel instead of L N^2.
//
//===----------------------------------------------------------------------===//

#include "ssm/Conversion/LinalgEmitter.h"
#include "ssm/Dialect/SSM/IR/SSMOps.h"

#include "mlir/Dialect/Complex/IR/Complex.h"
#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;
using namespace mlir::ssm;

namespace {
/// Complex arithmetic on (re, im) pairs.
struct Complex {
  Value re, im;
};

struct ComplexMath {
  Scalar &s;
  Complex mul(Complex a, Complex b) {
    return {s.sub(s.mul(a.re, b.re), s.mul(a.im, b.im)),
            s.add(s.mul(a.re, b.im), s.mul(a.im, b.re))};
  }
  Complex div(Complex a, Complex b) {
    Value den = s.add(s.mul(b.re, b.re), s.mul(b.im, b.im));
    Complex num = mul(a, {b.re, s.neg(b.im)});
    return {s.div(num.re, den), s.div(num.im, den)};
  }
  Complex scale(Complex a, Value r) { return {s.mul(a.re, r), s.mul(a.im, r)}; }
  Complex addReal(Complex a, Value r) { return {s.add(a.re, r), a.im}; }
  /// exp(a) = e^re (cos im + i sin im).
  Complex exp(Complex a) {
    Value mag = s.exp(a.re);
    return {s.mul(mag, math::CosOp::create(s.b, a.im)),
            s.mul(mag, math::SinOp::create(s.b, a.im))};
  }
  /// Principal log(a) = log|a| + i arg(a).
  Complex log(Complex a) {
    Value absSq = s.add(s.mul(a.re, a.re), s.mul(a.im, a.im));
    Value half = s.cst(a.re.getType(), 0.5);
    return {s.mul(half, math::LogOp::create(s.b, absSq)),
            math::Atan2Op::create(s.b, a.im, a.re)};
  }
};
} // namespace

namespace {
/// Dense complex<f64> matrices (tensors [rows, cols]) for the NPLR form.
/// Vectors are [N, 1] columns or [1, N] rows, so that every product is one
/// matmul generic.
struct ComplexMatrices {
  LinalgEmitter &e;
  ComplexType type = ComplexType::get(Float64Type::get(e.b.getContext()));

  ImplicitLocOpBuilder &b() { return e.b; }
  static Value add(ImplicitLocOpBuilder &b, Value x, Value y) {
    return complex::AddOp::create(b, x, y);
  }
  static Value sub(ImplicitLocOpBuilder &b, Value x, Value y) {
    return complex::SubOp::create(b, x, y);
  }
  static Value mul(ImplicitLocOpBuilder &b, Value x, Value y) {
    return complex::MulOp::create(b, x, y);
  }
  /// A complex or real scalar of any float width as complex<f64>.
  Value widen(ImplicitLocOpBuilder &b, Value z) {
    if (z.getType() == type)
      return z;
    Type f64 = type.getElementType();
    auto toF64 = [&](Value x) -> Value {
      return x.getType() == f64 ? x : arith::ExtFOp::create(b, f64, x);
    };
    if (!isa<ComplexType>(z.getType()))
      return complex::CreateOp::create(b, type, toF64(z),
                                       arith::ConstantOp::create(
                                           b, f64, b.getF64FloatAttr(0.0)));
    return complex::CreateOp::create(b, type,
                                     toF64(complex::ReOp::create(b, z)),
                                     toF64(complex::ImOp::create(b, z)));
  }
  Value constant(ImplicitLocOpBuilder &b, double re) {
    return complex::ConstantOp::create(
        b, type, b.getArrayAttr({b.getF64FloatAttr(re), b.getF64FloatAttr(0)}));
  }
  int64_t dim(Value m, unsigned i) {
    return cast<RankedTensorType>(m.getType()).getDimSize(i);
  }
  Value zeros(int64_t rows, int64_t cols) {
    Value zero = constant(b(), 0.0);
    return linalg::FillOp::create(b(), ValueRange{zero},
                                  ValueRange{e.empty(e.indices({rows, cols}),
                                                     type)})
        .getResult(0);
  }
  /// Whether the generic's loop indices 0 and 1 are equal.
  static Value onDiagonal(ImplicitLocOpBuilder &b) {
    return arith::CmpIOp::create(b, arith::CmpIPredicate::eq,
                                 linalg::IndexOp::create(b, 0),
                                 linalg::IndexOp::create(b, 1));
  }

  /// x [n, k] times y [k, m].
  Value matmul(Value x, Value y) {
    AffineExpr i = e.d(0), j = e.d(1), k = e.d(2);
    return e.generic(
        {x, y}, zeros(dim(x, 0), dim(y, 1)),
        {e.map(3, {i, k}), e.map(3, {k, j}), e.map(3, {i, j})},
        {kPar, kPar, kRed}, [&](Scalar &s, ValueRange v) {
          return add(s.b, v[2], mul(s.b, v[0], v[1]));
        });
  }
  /// alpha m + beta I for a square m (alpha a complex<f64> value).
  Value plusIdentity(Value m, Value alpha, double beta) {
    AffineMap id = e.map(2, {e.d(0), e.d(1)});
    int64_t n = dim(m, 0);
    return e.generic(m, e.empty(e.indices({n, n}), type), {id, id},
                     {kPar, kPar}, [&](Scalar &s, ValueRange v) {
                       Value scaled = mul(s.b, alpha, v[0]);
                       Value diag = add(s.b, scaled, constant(s.b, beta));
                       return arith::SelectOp::create(s.b, onDiagonal(s.b),
                                                      diag, scaled);
                     });
  }
  /// `v` (a vector [N] of any complex type) as a column [N, 1] or a row
  /// [1, N] of complex<f64>, times `scale` when given.
  Value vector(Value v, bool column, Value scale = {}) {
    int64_t n = cast<RankedTensorType>(v.getType()).getDimSize(0);
    SmallVector<int64_t> shape = column ? SmallVector<int64_t>{n, 1}
                                        : SmallVector<int64_t>{1, n};
    AffineExpr i = column ? e.d(0) : e.d(1);
    return e.generic(v, e.empty(e.indices(shape), type),
                     {e.map(2, {i}), e.map(2, {e.d(0), e.d(1)})},
                     {kPar, kPar}, [&](Scalar &s, ValueRange x) {
                       Value z = widen(s.b, x[0]);
                       return scale ? mul(s.b, scale, z) : z;
                     });
  }

  /// The last `cols(w) - rows(w)` columns of `w` = [S | R] after Gauss-Jordan
  /// elimination with partial pivoting: S^-1 R.
  Value solve(Value w) {
    int64_t n = dim(w, 0), cols = dim(w, 1);
    ImplicitLocOpBuilder &bb = b();
    Value zero = arith::ConstantIndexOp::create(bb, 0);
    Value one = arith::ConstantIndexOp::create(bb, 1);
    Value rows = arith::ConstantIndexOp::create(bb, n);
    auto eliminate = scf::ForOp::create(
        bb, zero, rows, one, ValueRange{w},
        [&](OpBuilder &nested, Location loc, Value p, ValueRange carried) {
          ImplicitLocOpBuilder ib(loc, nested);
          LinalgEmitter inner(ib);
          ComplexMatrices c{inner};
          scf::YieldOp::create(ib, c.eliminateColumn(carried[0], p));
        });
    Value reduced = eliminate.getResult(0);
    return e.slice(reduced, e.indices({0, n}), e.indices({n, cols - n}));
  }

  /// One Gauss-Jordan step on `w`: the row with the largest |w[i, p]|, i >= p,
  /// swapped into row p and scaled to a unit pivot; column p cleared
  /// elsewhere.
  Value eliminateColumn(Value w, Value p) {
    int64_t n = dim(w, 0), cols = dim(w, 1);
    ImplicitLocOpBuilder &bb = b();
    Type f64 = type.getElementType();
    Value one = arith::ConstantIndexOp::create(bb, 1);
    Value rows = arith::ConstantIndexOp::create(bb, n);
    Value none = arith::ConstantOp::create(bb, f64, bb.getF64FloatAttr(-1.0));
    auto search = scf::ForOp::create(
        bb, p, rows, one, ValueRange{p, none},
        [&](OpBuilder &nested, Location loc, Value i, ValueRange best) {
          ImplicitLocOpBuilder ib(loc, nested);
          Value z = tensor::ExtractOp::create(ib, w, ValueRange{i, p});
          Value re = complex::ReOp::create(ib, z);
          Value im = complex::ImOp::create(ib, z);
          Value mag = arith::AddFOp::create(ib, arith::MulFOp::create(ib, re, re),
                                            arith::MulFOp::create(ib, im, im));
          Value better = arith::CmpFOp::create(ib, arith::CmpFPredicate::OGT,
                                               mag, best[1]);
          scf::YieldOp::create(
              ib, ValueRange{arith::SelectOp::create(ib, better, i, best[0]),
                             arith::SelectOp::create(ib, better, mag,
                                                     best[1])});
        });
    Value r = search.getResult(0);
    auto at = [&](Value row, Value col) -> SmallVector<OpFoldResult> {
      return {row, col};
    };
    Value zeroIdx = arith::ConstantIndexOp::create(bb, 0);
    SmallVector<OpFoldResult> rowSize = e.indices({1, cols});
    Value pivotRow = e.slice(w, at(r, zeroIdx), rowSize, {0});
    Value otherRow = e.slice(w, at(p, zeroIdx), rowSize, {0});
    Value swapped = e.insert(otherRow, e.insert(pivotRow, w, at(p, zeroIdx),
                                                rowSize),
                             at(r, zeroIdx), rowSize);
    Value pivot = tensor::ExtractOp::create(bb, pivotRow, ValueRange{p});
    Value inverse = complex::DivOp::create(bb, constant(bb, 1.0), pivot);
    AffineExpr i = e.d(0), j = e.d(1);
    Value scaledRow = e.generic(
        pivotRow, e.empty(e.indices({cols}), type),
        {e.map(1, {e.d(0)}), e.map(1, {e.d(0)})}, {kPar},
        [&](Scalar &s, ValueRange v) { return mul(s.b, v[0], inverse); });
    Value column = e.slice(swapped, at(zeroIdx, p), e.indices({n, 1}), {1});
    return e.generic(
        {swapped, column, scaledRow}, e.empty(e.indices({n, cols}), type),
        {e.map(2, {i, j}), e.map(2, {i}), e.map(2, {j}), e.map(2, {i, j})},
        {kPar, kPar}, [&](Scalar &s, ValueRange v) {
          Value isPivotRow = arith::CmpIOp::create(
              s.b, arith::CmpIPredicate::eq, linalg::IndexOp::create(s.b, 0),
              p);
          Value cleared = sub(s.b, v[0], mul(s.b, v[1], v[2]));
          return arith::SelectOp::create(s.b, isPivotRow, v[2], cleared);
        });
  }

  /// exp(m) by scaling and squaring: m / 2^s with its infinity norm at most
  /// 1/2, a degree-16 Taylor polynomial in Horner form, s squarings.
  Value expm(Value m) {
    int64_t n = dim(m, 0);
    ImplicitLocOpBuilder &bb = b();
    Type f64 = type.getElementType();
    Value rowSums = e.generic(
        m, e.filled(e.indices({n}), f64, 0.0),
        {e.map(2, {e.d(0), e.d(1)}), e.map(2, {e.d(0)})}, {kPar, kRed},
        [&](Scalar &s, ValueRange v) {
          return s.add(v[1], complex::AbsOp::create(s.b, v[0]));
        });
    Value norm0 = e.generic(rowSums, e.filled({}, f64, 0.0),
                            {e.map(1, {e.d(0)}), e.map(1, {})}, {kRed},
                            [&](Scalar &s, ValueRange v) {
                              return s.max(v[0], v[1]);
                            });
    Value norm = tensor::ExtractOp::create(bb, norm0, ValueRange{});
    // s = max(0, ceil(log2(2 norm))).
    Scalar s{bb};
    Value log2 = math::Log2Op::create(bb, s.mul(norm, s.cst(f64, 2.0)));
    Value squarings = s.max(math::CeilOp::create(bb, log2), s.cst(f64, 0.0));
    Value factor = math::Exp2Op::create(bb, s.neg(squarings));
    Value scaled = plusIdentity(m, widen(bb, factor), 0.0);
    constexpr int64_t degree = 16;
    SmallVector<Value> poly = e.loopOverTime(
        e.index(degree), plusIdentity(scaled, constant(bb, 0.0), 1.0),
        [&](LinalgEmitter &inner, Value t, ValueRange r) -> SmallVector<Value> {
          // r <- I + scaled r / k for k = degree .. 1 (the initial I is the
          // k = degree + 1 term's stand-in, exact after the last step).
          ComplexMatrices c{inner};
          Value k = arith::SubIOp::create(
              inner.b, arith::ConstantIndexOp::create(inner.b, degree), t);
          Value kf = arith::SIToFPOp::create(
              inner.b, f64,
              arith::IndexCastOp::create(inner.b, inner.b.getI64Type(), k));
          Value inv = Scalar{inner.b}.div(Scalar{inner.b}.cst(f64, 1.0), kf);
          return {c.plusIdentity(c.matmul(scaled, r[0]),
                                 c.widen(inner.b, inv), 1.0)};
        });
    Value count = arith::IndexCastOp::create(
        bb, bb.getIndexType(),
        arith::FPToSIOp::create(bb, bb.getI64Type(), squarings));
    return e.loopOverTime(count, poly,
                          [&](LinalgEmitter &inner, Value,
                              ValueRange r) -> SmallVector<Value> {
                            ComplexMatrices c{inner};
                            return {c.matmul(r[0], r[0])};
                          })[0];
  }
};

/// One channel of an NPLR kernel: k[l] for l < length as a [length] tensor
/// of `real`.
Value nplrChannel(LinalgEmitter &e, SSMKernelOp kernel, Value a, Value bm,
                  Value cm, Value p, Value logDt, Type real) {
  ComplexMatrices c{e};
  ImplicitLocOpBuilder &b = e.b;
  int64_t n = c.dim(a, 0);
  int64_t length = kernel.getLength();
  Type f64 = b.getF64Type();
  Scalar s{b};
  Value dtReal = s.exp(logDt.getType() == f64
                           ? logDt
                           : arith::ExtFOp::create(b, f64, logDt).getResult());
  Value dt = c.widen(b, dtReal);
  // M = diag(A) - sum_r P[r]^T conj(P[r]).
  AffineExpr i = e.d(0), j = e.d(1), r = e.d(2);
  Value diag = e.generic(
      a, e.empty(e.indices({n, n}), c.type),
      {e.map(2, {i}), e.map(2, {i, j})}, {kPar, kPar},
      [&](Scalar &sc, ValueRange v) {
        return arith::SelectOp::create(sc.b, ComplexMatrices::onDiagonal(sc.b),
                                       c.widen(sc.b, v[0]),
                                       c.constant(sc.b, 0.0));
      });
  Value m = e.generic(
      {p, p}, diag, {e.map(3, {r, i}), e.map(3, {r, j}), e.map(3, {i, j})},
      {kPar, kPar, kRed}, [&](Scalar &sc, ValueRange v) {
        // conj(P[r, j]) (complex-to-llvm has no complex.conj).
        Value pj = c.widen(sc.b, v[1]);
        pj = complex::CreateOp::create(
            sc.b, c.type, complex::ReOp::create(sc.b, pj),
            sc.neg(complex::ImOp::create(sc.b, pj)));
        return ComplexMatrices::sub(
            sc.b, v[2], ComplexMatrices::mul(sc.b, c.widen(sc.b, v[0]), pj));
      });

  // [Abar | Bbar] or Bbar from one elimination.
  auto augmented = [&](Value left, Value right) {
    int64_t cols = c.dim(left, 1) + c.dim(right, 1);
    Value w = e.empty(e.indices({n, cols}), c.type);
    w = e.insert(left, w, e.indices({0, 0}), e.indices({n, c.dim(left, 1)}));
    return e.insert(right, w, e.indices({0, c.dim(left, 1)}),
                    e.indices({n, c.dim(right, 1)}));
  };
  Value abar, bbar;
  if (kernel.getDiscretization() == Discretization::bilinear) {
    Value half = c.widen(b, s.mul(dtReal, s.cst(f64, 0.5)));
    Value minusHalf = c.widen(b, s.mul(dtReal, s.cst(f64, -0.5)));
    Value rhs = augmented(c.plusIdentity(m, half, 1.0),
                          c.vector(bm, /*column=*/true, dt));
    Value solved = c.solve(augmented(c.plusIdentity(m, minusHalf, 1.0), rhs));
    abar = e.slice(solved, e.indices({0, 0}), e.indices({n, n}));
    bbar = e.slice(solved, e.indices({0, n}), e.indices({n, 1}));
  } else {
    abar = c.expm(c.plusIdentity(m, dt, 0.0));
    Value rhs = c.matmul(c.plusIdentity(abar, c.constant(b, 1.0), -1.0),
                         c.vector(bm, /*column=*/true));
    bbar = c.solve(augmented(m, rhs));
  }

  // Krylov columns V[:, t] = Abar^t Bbar and rows Cs[j] = Cm^T Abar^(jT).
  int64_t blockLog2 = llvm::divideCeil(llvm::Log2_64_Ceil(length), 2);
  int64_t block = int64_t(1) << blockLog2;
  int64_t blocks = llvm::divideCeil(length, block);
  Value krylov =
      e.loopOverTime(e.index(block), {bbar, c.zeros(n, block)},
                     [&](LinalgEmitter &inner, Value t,
                         ValueRange v) -> SmallVector<Value> {
                       ComplexMatrices ci{inner};
                       Value zero = arith::ConstantIndexOp::create(inner.b, 0);
                       return {ci.matmul(abar, v[0]),
                               inner.insert(v[0], v[1], {zero, t},
                                            inner.indices({n, 1}))};
                     })[1];
  Value stride = abar;
  for (int64_t q = 0; q < blockLog2; ++q)
    stride = c.matmul(stride, stride);
  Value rows =
      e.loopOverTime(e.index(blocks),
                     {c.vector(cm, /*column=*/false), c.zeros(blocks, n)},
                     [&](LinalgEmitter &inner, Value jv,
                         ValueRange v) -> SmallVector<Value> {
                       ComplexMatrices ci{inner};
                       Value zero = arith::ConstantIndexOp::create(inner.b, 0);
                       return {ci.matmul(v[0], stride),
                               inner.insert(v[0], v[1], {jv, zero},
                                            inner.indices({1, n}))};
                     })[1];
  // k[jT + t] = 2 Re(sum_n Cs[j, n] V[n, t]), summed in f64.
  AffineExpr t = e.d(1), k = e.d(2);
  Value blocked = e.generic(
      {rows, krylov}, e.filled(e.indices({blocks, block}), f64, 0.0),
      {e.map(3, {i, k}), e.map(3, {k, t}), e.map(3, {i, t})},
      {kPar, kPar, kRed}, [&](Scalar &sc, ValueRange v) {
        Value re = complex::ReOp::create(
            sc.b, ComplexMatrices::mul(sc.b, v[0], v[1]));
        return sc.add(v[2], sc.mul(sc.cst(f64, 2.0), re));
      });
  Value flat = tensor::CollapseShapeOp::create(
      b, blocked, ArrayRef<ReassociationIndices>{{0, 1}});
  flat = e.slice(flat, e.indices({0}), e.indices({length}));
  if (real == f64)
    return flat;
  AffineMap id = e.map(1, {e.d(0)});
  return e.generic(flat, e.empty(e.indices({length}), real), {id, id}, {kPar},
                   [&](Scalar &sc, ValueRange v) -> Value {
                     return arith::TruncFOp::create(sc.b, real, v[0]);
                   });
}

/// The NPLR form: one channel per iteration of an scf.forall.
Value lowerNPLRKernel(LinalgEmitter &e, SSMKernelOp kernel, Type real) {
  int64_t n = cast<RankedTensorType>(kernel.getA().getType()).getDimSize(1);
  int64_t rank =
      cast<RankedTensorType>(kernel.getLowRank().getType()).getDimSize(1);
  int64_t length = kernel.getLength();
  OpFoldResult channels = e.size(kernel.getA(), 0);
  Value init = e.empty({channels, e.index(length)}, real);
  return e.forallTiles(
      {channels}, init,
      [&](LinalgEmitter &inner, ValueRange ivs,
          ValueRange) -> SmallVector<LinalgEmitter::Tile> {
        Value d = ivs[0];
        Value zero = arith::ConstantIndexOp::create(inner.b, 0);
        auto row = [&](Value v) {
          return inner.slice(v, {d, zero}, {inner.index(1), inner.index(n)},
                             {0});
        };
        Value p = inner.slice(kernel.getLowRank(), {d, zero, zero},
                              inner.indices({1, rank, n}), {0});
        Value logDt =
            tensor::ExtractOp::create(inner.b, kernel.getLogDt(), ValueRange{d});
        Value k = nplrChannel(inner, kernel, row(kernel.getA()),
                              row(kernel.getBm()), row(kernel.getCm()), p,
                              logDt, real);
        return {{k, {d, zero}, {inner.index(1), inner.index(length)}}};
      })[0];
}
} // namespace

LogicalResult mlir::ssm::lowerSSMKernel(Operation *op,
                                        PatternRewriter &rewriter) {
  auto kernel = cast<SSMKernelOp>(op);
  ImplicitLocOpBuilder b(op->getLoc(), rewriter);
  LinalgEmitter e(b);
  auto resultType = cast<RankedTensorType>(kernel.getType());
  Type real = resultType.getElementType();
  if (kernel.getLowRank()) {
    rewriter.replaceOp(op, lowerNPLRKernel(e, kernel, real));
    return success();
  }
  bool bilinear = kernel.getDiscretization() == Discretization::bilinear;
  AffineExpr d = e.d(0), n = e.d(2);
  AffineMap dn = e.map(3, {d, n});
  Value init = e.filled({e.size(kernel.getA(), 0), e.index(kernel.getLength())},
                        real, 0.0);
  Value k = e.generic(
      {kernel.getA(), kernel.getBm(), kernel.getCm(), kernel.getLogDt()}, init,
      {dn, dn, dn, e.map(3, {d}), e.map(3, {d, e.d(1)})}, {kPar, kPar, kRed},
      [&](Scalar &s, ValueRange v) {
        ComplexMath c{s};
        auto parts = [&](Value z) {
          return Complex{complex::ReOp::create(s.b, z),
                         complex::ImOp::create(s.b, z)};
        };
        Complex a = parts(v[0]), bm = parts(v[1]), cm = parts(v[2]);
        Value dt = s.exp(v[3]);
        Complex dtA = c.scale(a, dt);
        Value one = s.cst(real, 1.0);
        Complex abar, bbar, logAbar;
        if (bilinear) {
          Value half = s.cst(real, 0.5);
          Complex halfDtA = c.scale(dtA, half);
          Complex denom = {s.sub(one, halfDtA.re), s.neg(halfDtA.im)};
          abar = c.div(c.addReal(halfDtA, one), denom);
          bbar = c.div(c.scale(bm, dt), denom);
          logAbar = c.log(abar);
        } else {
          abar = c.exp(dtA);
          bbar = c.mul(c.div(c.addReal(abar, s.neg(one)), a), bm);
          logAbar = dtA;
        }
        Value l = s.indexAsFloat(1, real);
        Complex power = c.exp(c.scale(logAbar, l));
        // Abar^0 = 1 even where log Abar is -inf (Abar = 0).
        Value first = arith::CmpFOp::create(s.b, arith::CmpFPredicate::OEQ, l,
                                            s.cst(real, 0.0));
        power = {arith::SelectOp::create(s.b, first, one, power.re),
                 arith::SelectOp::create(s.b, first, s.cst(real, 0.0),
                                         power.im)};
        Complex term = c.mul(c.mul(cm, bbar), power);
        return s.add(v[4], s.mul(s.cst(real, 2.0), term.re));
      });
  rewriter.replaceOp(op, k);
  return success();
}
