//===- SSMKernelToLinalg.cpp - ssm_kernel to linalg -----------------------===//
//
// Diagonal form: k[d,l] = 2 Re(sum_n Cm Bbar Abar^l) as one generic reducing
// over n, with complex values kept as (re, im) pairs of reals and Abar^l
// computed as exp(l log Abar), so no power is accumulated across l.
//
// NPLR form: in complex<f64> on batches of [N, N] matrices, one channel per
// scf.forall iteration (the CPU) or all channels as one batch (the GPU,
// tile-kernel-channels=false): M = diag(A) - P^T conj(P); Abar and Bbar by Gauss-Jordan
// elimination with partial pivoting (bilinear: (I - dt/2 M) [Abar | Bbar] =
// [I + dt/2 M | dt Bm]; ZOH: Abar = exp(dt M) by scaling and squaring, then
// M Bbar = (Abar - I) Bm). The Krylov columns Abar^t Bbar (t < T) and the rows
// Cm^T Abar^(jT) (j < J, T = J ~ sqrt(L)) give k[jT + t] = 2 Re of their
// product: O(N^3 log T + (T + J) N^2 + L N) per channel instead of L N^2.
//
//===----------------------------------------------------------------------===//

#include "ssm/Analysis/CostModel.h"
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
/// Batches of dense complex<f64> matrices for the NPLR form: tensors
/// [batch, rows, cols], one matrix per channel (batch 1 inside a per-channel
/// scf.forall, or all D channels at once), with per-channel scalars as
/// [batch] tensors. Vectors are [batch, N, 1] columns or [batch, 1, N] rows,
/// so that every product is one batched matmul generic.
struct ComplexMatrices {
  LinalgEmitter &e;
  OpFoldResult batch;
  /// With several matrices, exp's squarings run a fixed number of steps
  /// (the step count cannot come from the data where the loop runs on a
  /// host and the data on a GPU); with one, as many as it needs.
  static constexpr int64_t kBatchSquarings = 24;
  ComplexType type = ComplexType::get(Float64Type::get(e.b.getContext()));

  ImplicitLocOpBuilder &b() { return e.b; }
  Type f64() { return type.getElementType(); }
  bool batched() { return getConstantIntValue(batch) != 1; }
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
    auto toF64 = [&](Value x) -> Value {
      return x.getType() == f64() ? x : arith::ExtFOp::create(b, f64(), x);
    };
    if (!isa<ComplexType>(z.getType()))
      return complex::CreateOp::create(b, type, toF64(z),
                                       arith::ConstantOp::create(
                                           b, f64(), b.getF64FloatAttr(0.0)));
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
  Value empty(int64_t rows, int64_t cols, Type element = {}) {
    return e.empty({batch, e.index(rows), e.index(cols)},
                   element ? element : type);
  }
  Value zeros(int64_t rows, int64_t cols) {
    return linalg::FillOp::create(b(), ValueRange{constant(b(), 0.0)},
                                  ValueRange{empty(rows, cols)})
        .getResult(0);
  }
  /// An elementwise generic over [batch] tensors.
  Value perChannel(ValueRange ins, Type element,
                   function_ref<Value(Scalar &, ValueRange)> body) {
    AffineMap id = e.map(1, {e.d(0)});
    return e.generic(ins, e.empty({batch}, element),
                     SmallVector<AffineMap>(ins.size() + 1, id), {kPar}, body);
  }
  /// Whether the generic's loop indices 1 and 2 (row, column) are equal.
  static Value onDiagonal(ImplicitLocOpBuilder &b) {
    return arith::CmpIOp::create(b, arith::CmpIPredicate::eq,
                                 linalg::IndexOp::create(b, 1),
                                 linalg::IndexOp::create(b, 2));
  }

  /// x [., n, k] times y [., k, m].
  Value matmul(Value x, Value y) {
    AffineExpr c = e.d(0), i = e.d(1), j = e.d(2), k = e.d(3);
    return e.generic(
        {x, y}, zeros(dim(x, 1), dim(y, 2)),
        {e.map(4, {c, i, k}), e.map(4, {c, k, j}), e.map(4, {c, i, j})},
        {kPar, kPar, kPar, kRed}, [&](Scalar &s, ValueRange v) {
          return add(s.b, v[2], mul(s.b, v[0], v[1]));
        });
  }
  /// Identity matrices [batch, n, n].
  Value identity(int64_t n) {
    return e.generic(ValueRange{}, empty(n, n),
                     {e.map(3, {e.d(0), e.d(1), e.d(2)})}, {kPar, kPar, kPar},
                     [&](Scalar &s, ValueRange) -> Value {
                       return arith::SelectOp::create(s.b, onDiagonal(s.b),
                                                      constant(s.b, 1.0),
                                                      constant(s.b, 0.0));
                     });
  }
  /// alpha m + beta I for square matrices m, with `alpha` a [batch] tensor
  /// of complex<f64> (1 when null).
  Value plusIdentity(Value m, Value alpha, double beta) {
    AffineMap id = e.map(3, {e.d(0), e.d(1), e.d(2)});
    SmallVector<Value> ins = {m};
    SmallVector<AffineMap> maps = {id};
    if (alpha) {
      ins.push_back(alpha);
      maps.push_back(e.map(3, {e.d(0)}));
    }
    maps.push_back(id);
    return e.generic(ins, empty(dim(m, 1), dim(m, 1)), maps,
                     {kPar, kPar, kPar}, [&](Scalar &s, ValueRange v) {
                       Value scaled = alpha ? mul(s.b, v[1], v[0]) : v[0];
                       Value diag = add(s.b, scaled, constant(s.b, beta));
                       return arith::SelectOp::create(s.b, onDiagonal(s.b),
                                                      diag, scaled);
                     });
  }
  /// `v` ([batch, N] of any complex type) as columns [batch, N, 1] or rows
  /// [batch, 1, N] of complex<f64>, times `scale` ([batch]) when given.
  Value vector(Value v, bool column, Value scale = {}) {
    int64_t n = dim(v, 1);
    AffineExpr c = e.d(0), i = column ? e.d(1) : e.d(2);
    SmallVector<Value> ins = {v};
    SmallVector<AffineMap> maps = {e.map(3, {c, i})};
    if (scale) {
      ins.push_back(scale);
      maps.push_back(e.map(3, {c}));
    }
    maps.push_back(e.map(3, {c, e.d(1), e.d(2)}));
    return e.generic(ins, column ? empty(n, 1) : empty(1, n), maps,
                     {kPar, kPar, kPar}, [&](Scalar &s, ValueRange x) {
                       Value z = widen(s.b, x[0]);
                       return scale ? mul(s.b, x[1], z) : z;
                     });
  }
  /// [left | right] along the columns.
  Value augmented(Value left, Value right) {
    int64_t n = dim(left, 1), cl = dim(left, 2), cr = dim(right, 2);
    Value w = empty(n, cl + cr);
    w = e.insert(left, w, e.indices({0, 0, 0}), {batch, e.index(n), e.index(cl)});
    return e.insert(right, w, e.indices({0, 0, cl}),
                    {batch, e.index(n), e.index(cr)});
  }
  Value columns(Value m, int64_t from, int64_t count) {
    return e.slice(m, e.indices({0, 0, from}),
                   {batch, e.index(dim(m, 1)), e.index(count)});
  }

  /// The last `cols - rows` columns of each w = [S | R] after Gauss-Jordan
  /// elimination with partial pivoting: S^-1 R.
  Value solve(Value w) {
    int64_t n = dim(w, 1), cols = dim(w, 2);
    Value reduced = e.loopOverTime(
        e.index(n), w,
        [&](LinalgEmitter &inner, Value p,
            ValueRange carried) -> SmallVector<Value> {
          ComplexMatrices c{inner, batch};
          return {c.eliminateColumn(carried[0], p)};
        })[0];
    return columns(reduced, n, cols - n);
  }

  /// One Gauss-Jordan step on each w: the row with the largest |w[i, p]|,
  /// i >= p (the first of equals), swapped into row p and scaled to a unit
  /// pivot; column p cleared elsewhere.
  Value eliminateColumn(Value w, Value p) {
    int64_t n = dim(w, 1), cols = dim(w, 2);
    ImplicitLocOpBuilder &bb = b();
    Type i64 = bb.getI64Type();
    OpFoldResult zero = e.index(0), one = e.index(1);
    // The pivot rows, [batch] of i64.
    Value column = e.slice(w, {zero, zero, p}, {batch, e.index(n), one}, {2});
    Value noMag = e.filled({batch}, f64(), -1.0);
    Value noRow = linalg::FillOp::create(
                      bb, ValueRange{arith::ConstantOp::create(
                              bb, i64, bb.getI64IntegerAttr(0))},
                      ValueRange{e.empty({batch}, i64)})
                      .getResult(0);
    Value pivotRows = e.generics(
        column, {noMag, noRow},
        {e.map(2, {e.d(0), e.d(1)}), e.map(2, {e.d(0)}), e.map(2, {e.d(0)})},
        {kPar, kRed}, [&](Scalar &s, ValueRange v) -> SmallVector<Value> {
          Value re = complex::ReOp::create(s.b, v[0]);
          Value im = complex::ImOp::create(s.b, v[0]);
          Value mag = s.add(s.mul(re, re), s.mul(im, im));
          Value i = linalg::IndexOp::create(s.b, 1);
          Value better = arith::AndIOp::create(
              s.b,
              arith::CmpIOp::create(s.b, arith::CmpIPredicate::uge, i, p),
              arith::CmpFOp::create(s.b, arith::CmpFPredicate::OGT, mag,
                                    v[1]));
          Value row = arith::IndexCastOp::create(s.b, i64, i);
          return {arith::SelectOp::create(s.b, better, mag, v[1]),
                  arith::SelectOp::create(s.b, better, row, v[2])};
        })[1];
    // Rows p and r swapped: row i reads row p <-> r, others themselves.
    AffineMap id = e.map(3, {e.d(0), e.d(1), e.d(2)});
    Value swapped = e.generic(
        pivotRows, empty(n, cols), {e.map(3, {e.d(0)}), id},
        {kPar, kPar, kPar}, [&](Scalar &s, ValueRange v) -> Value {
          Value c = linalg::IndexOp::create(s.b, 0);
          Value i = linalg::IndexOp::create(s.b, 1);
          Value j = linalg::IndexOp::create(s.b, 2);
          Value r = arith::IndexCastOp::create(s.b, s.b.getIndexType(), v[0]);
          auto eq = [&](Value x, Value y) {
            return arith::CmpIOp::create(s.b, arith::CmpIPredicate::eq, x, y);
          };
          Value from = arith::SelectOp::create(
              s.b, eq(i, p), r,
              arith::SelectOp::create(s.b, eq(i, r), p, i));
          return tensor::ExtractOp::create(s.b, w, ValueRange{c, from, j});
        });
    Value pivot = e.slice(swapped, {zero, p, p}, {batch, one, one}, {1, 2});
    Value inverse = perChannel(pivot, type, [&](Scalar &s, ValueRange v) {
      return complex::DivOp::create(s.b, constant(s.b, 1.0), v[0]);
    });
    Value pivotRow =
        e.slice(swapped, {zero, p, zero}, {batch, one, e.index(cols)}, {1});
    Value scaledRow = e.generic(
        {pivotRow, inverse}, e.empty({batch, e.index(cols)}, type),
        {e.map(2, {e.d(0), e.d(1)}), e.map(2, {e.d(0)}),
         e.map(2, {e.d(0), e.d(1)})},
        {kPar, kPar},
        [&](Scalar &s, ValueRange v) { return mul(s.b, v[0], v[1]); });
    Value pivotColumn =
        e.slice(swapped, {zero, zero, p}, {batch, e.index(n), one}, {2});
    return e.generic(
        {swapped, pivotColumn, scaledRow}, empty(n, cols),
        {id, e.map(3, {e.d(0), e.d(1)}), e.map(3, {e.d(0), e.d(2)}), id},
        {kPar, kPar, kPar}, [&](Scalar &s, ValueRange v) {
          Value isPivotRow = arith::CmpIOp::create(
              s.b, arith::CmpIPredicate::eq, linalg::IndexOp::create(s.b, 1),
              p);
          Value cleared = sub(s.b, v[0], mul(s.b, v[1], v[2]));
          return arith::SelectOp::create(s.b, isPivotRow, v[2], cleared);
        });
  }

  /// exp(m) by scaling and squaring: each m / 2^s with its infinity norm at
  /// most 1/2, a degree-16 Taylor polynomial in Horner form, then s
  /// squarings. A batch of one runs s steps; a larger batch runs
  /// kBatchSquarings steps, each matrix squaring in its first s (s at most
  /// kBatchSquarings: norms above 2^23 start the polynomial above 1/2).
  Value expm(Value m) {
    int64_t n = dim(m, 1);
    ImplicitLocOpBuilder &bb = b();
    Value rowSums = e.generic(
        m, e.filled({batch, e.index(n)}, f64(), 0.0),
        {e.map(3, {e.d(0), e.d(1), e.d(2)}), e.map(3, {e.d(0), e.d(1)})},
        {kPar, kPar, kRed}, [&](Scalar &s, ValueRange v) {
          return s.add(v[1], complex::AbsOp::create(s.b, v[0]));
        });
    Value norms = e.generic(rowSums, e.filled({batch}, f64(), 0.0),
                            {e.map(2, {e.d(0), e.d(1)}), e.map(2, {e.d(0)})},
                            {kPar, kRed}, [&](Scalar &s, ValueRange v) {
                              return s.max(v[0], v[1]);
                            });
    // s = max(0, ceil(log2(2 norm))) and 2^-s per matrix.
    Value squarings = perChannel(norms, f64(), [&](Scalar &s, ValueRange v) {
      Value log2 = math::Log2Op::create(s.b, s.mul(v[0], s.cst(f64(), 2.0)));
      Value steps = s.max(math::CeilOp::create(s.b, log2), s.cst(f64(), 0.0));
      return batched() ? arith::MinimumFOp::create(
                             s.b, steps, s.cst(f64(), kBatchSquarings))
                       : steps;
    });
    Value factors = perChannel(squarings, type, [&](Scalar &s, ValueRange v) {
      return widen(s.b, math::Exp2Op::create(s.b, s.neg(v[0])));
    });
    Value scaled = plusIdentity(m, factors, 0.0);
    constexpr int64_t degree = 16;
    Value poly = e.loopOverTime(
        e.index(degree), identity(n),
        [&](LinalgEmitter &inner, Value t, ValueRange r) -> SmallVector<Value> {
          // r <- I + scaled r / k for k = degree .. 1, from r = I.
          ComplexMatrices c{inner, batch};
          Value k = arith::SubIOp::create(
              inner.b, arith::ConstantIndexOp::create(inner.b, degree), t);
          Value kf = arith::SIToFPOp::create(
              inner.b, f64(),
              arith::IndexCastOp::create(inner.b, inner.b.getI64Type(), k));
          Scalar sc{inner.b};
          Value inv = c.widen(inner.b, sc.div(sc.cst(f64(), 1.0), kf));
          Value step = linalg::FillOp::create(inner.b, ValueRange{inv},
                                              ValueRange{inner.empty(
                                                  {batch}, c.type)})
                           .getResult(0);
          return {c.plusIdentity(c.matmul(scaled, r[0]), step, 1.0)};
        })[0];
    OpFoldResult count = e.index(kBatchSquarings);
    if (!batched())
      count = Value(arith::IndexCastOp::create(
          bb, bb.getIndexType(),
          arith::FPToSIOp::create(
              bb, bb.getI64Type(),
              tensor::ExtractOp::create(bb, squarings,
                                        ValueRange{arith::ConstantIndexOp::create(
                                            bb, 0)}))));
    return e.loopOverTime(
        count, poly,
        [&](LinalgEmitter &inner, Value t,
            ValueRange r) -> SmallVector<Value> {
          ComplexMatrices c{inner, batch};
          Value squared = c.matmul(r[0], r[0]);
          Value tf = arith::SIToFPOp::create(
              inner.b, f64(),
              arith::IndexCastOp::create(inner.b, inner.b.getI64Type(), t));
          AffineMap id = inner.map(3, {inner.d(0), inner.d(1), inner.d(2)});
          return {inner.generic(
              {squared, r[0], squarings}, c.empty(n, n),
              {id, id, inner.map(3, {inner.d(0)}), id}, {kPar, kPar, kPar},
              [&](Scalar &s, ValueRange v) -> Value {
                Value more = arith::CmpFOp::create(
                    s.b, arith::CmpFPredicate::OLT, tf, v[2]);
                return arith::SelectOp::create(s.b, more, v[0], v[1]);
              })};
        })[0];
  }
};

/// The NPLR kernels of a batch of channels (A, Bm, Cm [batch, N], P
/// [batch, R, N], log_dt [batch]) as [batch, length] of `real`.
Value nplrKernels(LinalgEmitter &e, SSMKernelOp kernel, OpFoldResult batch,
                  Value a, Value bm, Value cm, Value p, Value logDt,
                  Type real) {
  ComplexMatrices c{e, batch};
  int64_t n = c.dim(a, 1);
  int64_t length = kernel.getLength();
  Type f64 = c.f64();
  Value dt = c.perChannel(logDt, f64, [&](Scalar &s, ValueRange v) {
    Value x = v[0].getType() == f64
                  ? v[0]
                  : arith::ExtFOp::create(s.b, f64, v[0]).getResult();
    return s.exp(x);
  });
  auto dtTimes = [&](double factor) {
    return c.perChannel(dt, c.type, [&](Scalar &s, ValueRange v) {
      return c.widen(s.b, s.mul(v[0], s.cst(f64, factor)));
    });
  };
  // M = diag(A) - sum_r P[r]^T conj(P[r]).
  AffineExpr ch = e.d(0), i = e.d(1), j = e.d(2), r = e.d(3);
  Value diag = e.generic(
      a, c.empty(n, n), {e.map(3, {ch, e.d(1)}), e.map(3, {ch, e.d(1), e.d(2)})},
      {kPar, kPar, kPar}, [&](Scalar &s, ValueRange v) {
        return arith::SelectOp::create(s.b, ComplexMatrices::onDiagonal(s.b),
                                       c.widen(s.b, v[0]),
                                       c.constant(s.b, 0.0));
      });
  Value m = e.generic(
      {p, p}, diag,
      {e.map(4, {ch, r, i}), e.map(4, {ch, r, j}), e.map(4, {ch, i, j})},
      {kPar, kPar, kPar, kRed}, [&](Scalar &s, ValueRange v) {
        // conj(P[r, j]) (complex-to-llvm has no complex.conj).
        Value pj = c.widen(s.b, v[1]);
        pj = complex::CreateOp::create(s.b, c.type,
                                       complex::ReOp::create(s.b, pj),
                                       s.neg(complex::ImOp::create(s.b, pj)));
        return ComplexMatrices::sub(
            s.b, v[2], ComplexMatrices::mul(s.b, c.widen(s.b, v[0]), pj));
      });

  Value abar, bbar;
  if (kernel.getDiscretization() == Discretization::bilinear) {
    // (I - dt/2 M) [Abar | Bbar] = [I + dt/2 M | dt Bm].
    Value rhs = c.augmented(c.plusIdentity(m, dtTimes(0.5), 1.0),
                            c.vector(bm, /*column=*/true, dtTimes(1.0)));
    Value solved =
        c.solve(c.augmented(c.plusIdentity(m, dtTimes(-0.5), 1.0), rhs));
    abar = c.columns(solved, 0, n);
    bbar = c.columns(solved, n, 1);
  } else {
    // Abar = exp(dt M), M Bbar = (Abar - I) Bm.
    abar = c.expm(c.plusIdentity(m, dtTimes(1.0), 0.0));
    Value rhs = c.matmul(c.plusIdentity(abar, {}, -1.0),
                         c.vector(bm, /*column=*/true));
    bbar = c.solve(c.augmented(m, rhs));
  }

  // Krylov columns V[:, t] = Abar^t Bbar and rows Cs[j] = Cm^T Abar^(jT).
  int64_t blockLog2 = nplrKrylovBlockLog2(length);
  int64_t block = int64_t(1) << blockLog2;
  int64_t blocks = llvm::divideCeil(length, block);
  OpFoldResult zero = e.index(0);
  Value krylov =
      e.loopOverTime(e.index(block), {bbar, c.zeros(n, block)},
                     [&](LinalgEmitter &inner, Value t,
                         ValueRange v) -> SmallVector<Value> {
                       ComplexMatrices ci{inner, batch};
                       return {ci.matmul(abar, v[0]),
                               inner.insert(v[0], v[1], {zero, zero, t},
                                            {batch, inner.index(n),
                                             inner.index(1)})};
                     })[1];
  Value stride = abar;
  for (int64_t q = 0; q < blockLog2; ++q)
    stride = c.matmul(stride, stride);
  Value rows =
      e.loopOverTime(e.index(blocks),
                     {c.vector(cm, /*column=*/false), c.zeros(blocks, n)},
                     [&](LinalgEmitter &inner, Value jv,
                         ValueRange v) -> SmallVector<Value> {
                       ComplexMatrices ci{inner, batch};
                       return {ci.matmul(v[0], stride),
                               inner.insert(v[0], v[1], {zero, jv, zero},
                                            {batch, inner.index(1),
                                             inner.index(n)})};
                     })[1];
  // k[jT + t] = 2 Re(sum_n Cs[j, n] V[n, t]), summed in f64.
  AffineExpr t = e.d(2), k = e.d(3);
  Value blocked = e.generic(
      {rows, krylov}, e.filled({batch, e.index(blocks), e.index(block)}, f64, 0.0),
      {e.map(4, {ch, i, k}), e.map(4, {ch, k, t}), e.map(4, {ch, i, t})},
      {kPar, kPar, kPar, kRed}, [&](Scalar &s, ValueRange v) {
        Value re = complex::ReOp::create(
            s.b, ComplexMatrices::mul(s.b, v[0], v[1]));
        return s.add(v[2], s.mul(s.cst(f64, 2.0), re));
      });
  Value flat = tensor::CollapseShapeOp::create(
      e.b, blocked, ArrayRef<ReassociationIndices>{{0}, {1, 2}});
  flat = e.slice(flat, e.indices({0, 0}), {batch, e.index(length)});
  if (real == f64)
    return flat;
  AffineMap id = e.map(2, {e.d(0), e.d(1)});
  return e.generic(flat, e.empty({batch, e.index(length)}, real), {id, id},
                   {kPar, kPar}, [&](Scalar &s, ValueRange v) -> Value {
                     return arith::TruncFOp::create(s.b, real, v[0]);
                   });
}

/// The NPLR form: with `perChannel` one channel per iteration of an
/// scf.forall (its matrices in the cache), otherwise all channels as one
/// batch (every step a generic over all of them: a GPU kernel).
Value lowerNPLRKernel(LinalgEmitter &e, SSMKernelOp kernel, Type real,
                      bool perChannel) {
  OpFoldResult channels = e.size(kernel.getA(), 0);
  if (!perChannel)
    return nplrKernels(e, kernel, channels, kernel.getA(), kernel.getBm(),
                       kernel.getCm(), kernel.getLowRank(), kernel.getLogDt(),
                       real);
  int64_t n = cast<RankedTensorType>(kernel.getA().getType()).getDimSize(1);
  int64_t rank =
      cast<RankedTensorType>(kernel.getLowRank().getType()).getDimSize(1);
  int64_t length = kernel.getLength();
  Value init = e.empty({channels, e.index(length)}, real);
  return e.forallTiles(
      {channels}, init,
      [&](LinalgEmitter &inner, ValueRange ivs,
          ValueRange) -> SmallVector<LinalgEmitter::Tile> {
        Value d = ivs[0];
        OpFoldResult zero = inner.index(0), one = inner.index(1);
        auto row = [&](Value v) {
          return inner.slice(v, {d, zero}, {one, inner.index(n)});
        };
        Value k = nplrKernels(
            inner, kernel, one, row(kernel.getA()), row(kernel.getBm()),
            row(kernel.getCm()),
            inner.slice(kernel.getLowRank(), {d, zero, zero},
                        {one, inner.index(rank), inner.index(n)}),
            inner.slice(kernel.getLogDt(), {d}, {one}), real);
        return {{k, {d, zero}, {one, inner.index(length)}}};
      })[0];
}
} // namespace

LogicalResult mlir::ssm::lowerSSMKernel(Operation *op,
                                        PatternRewriter &rewriter,
                                        bool perChannel) {
  auto kernel = cast<SSMKernelOp>(op);
  ImplicitLocOpBuilder b(op->getLoc(), rewriter);
  LinalgEmitter e(b);
  auto resultType = cast<RankedTensorType>(kernel.getType());
  Type real = resultType.getElementType();
  if (kernel.getLowRank()) {
    rewriter.replaceOp(op, lowerNPLRKernel(e, kernel, real, perChannel));
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
