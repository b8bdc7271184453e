//===- SSMKernelToLinalg.cpp - diagonal ssm_kernel to linalg --------------===//
//
// k[d,l] = 2 Re(sum_n Cm Bbar Abar^l) as one generic reducing over n, with
// complex values kept as (re, im) pairs of reals and Abar^l computed as
// exp(l log Abar), so no power is accumulated across l.
//
//===----------------------------------------------------------------------===//

#include "ssm/Conversion/LinalgEmitter.h"
#include "ssm/Dialect/SSM/IR/SSMOps.h"

#include "mlir/Dialect/Complex/IR/Complex.h"

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

LogicalResult mlir::ssm::lowerSSMKernel(Operation *op,
                                        PatternRewriter &rewriter) {
  auto kernel = cast<SSMKernelOp>(op);
  ImplicitLocOpBuilder b(op->getLoc(), rewriter);
  LinalgEmitter e(b);
  auto resultType = cast<RankedTensorType>(kernel.getType());
  Type real = resultType.getElementType();
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
