//===- ApproximateMath.cpp - The ssm-approximate-math pass ----------------===//
//
// f32 transcendental functions as polynomials, so that the loops calling
// them vectorise; see the pass description in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "ssm/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::ssm {
#define GEN_PASS_DEF_SSMAPPROXIMATEMATH
#include "ssm/Conversion/Passes.h.inc"
} // namespace mlir::ssm

using namespace mlir;

namespace {
/// f32 exp(x) in 16 vector operations (upstream's takes about 25, and the
/// decays exp(dt A) of a selective scan are most of its work):
///   k = round(x log2 e), through t = x log2 e + 1.5 * 2^23 (k in t's low
///       mantissa bits);
///   r = x - k ln 2 in two FMAs (Cody-Waite: ln 2 = 0.693359375 - 2.12194440e-4,
///       the first part exact in a few bits), |r| <= ln 2 / 2;
///   exp(r) by Cephes' degree-7 polynomial in Horner form (1 + r + r^2 P(r)),
///       its coefficients doubled;
///   2^(k - 1) from t's bits: (bits(t) + 126) << 23 (the bits above k's
///       shift out).
/// The doubled polynomial and 2^(k-1) keep the scale finite up to k = 128,
/// so results near FLT_MAX are right and beyond it the product overflows to
/// +inf. x is clamped to [-87.5, 88.75]: +inf gives +inf, and below about
/// -87 (exp(x) < 2^-125, k <= -126) the scale is 0, so tiny results flush to
/// zero. NaN propagates through the clamps and the polynomial. Error: under
/// 1 ulp on the normal range (0.89 ulp at most over 4M random points).
struct ExpF32 : public OpRewritePattern<math::ExpOp> {
  ExpF32(MLIRContext *context)
      : OpRewritePattern<math::ExpOp>(context, /*benefit=*/2) {}

  LogicalResult matchAndRewrite(math::ExpOp op,
                                PatternRewriter &rewriter) const override {
    Type type = op.getType();
    if (!getElementTypeOrSelf(type).isF32())
      return failure();
    auto vector = dyn_cast<VectorType>(type);
    if (vector && vector.isScalable())
      return failure();
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    Type i32 = b.getI32Type();
    Type intType = vector ? VectorType::get(vector.getShape(), i32) : i32;
    auto splat = [&](Type like, TypedAttr value) -> Value {
      if (auto v = dyn_cast<VectorType>(like))
        return arith::ConstantOp::create(b, SplatElementsAttr::get(v, value));
      return arith::ConstantOp::create(b, value);
    };
    auto f = [&](double v) { return splat(type, b.getF32FloatAttr(v)); };
    auto fma = [&](Value x, Value y, Value z) -> Value {
      return math::FmaOp::create(b, x, y, z);
    };

    Value x = arith::MinimumFOp::create(
        b, arith::MaximumFOp::create(b, op.getOperand(), f(-87.5)), f(88.75));
    Value magic = f(12582912.0);
    Value t = fma(x, f(1.44269504088896341), magic);
    Value k = arith::SubFOp::create(b, t, magic);
    Value r = fma(k, f(-0.693359375), x);
    r = fma(k, f(2.12194440e-4), r);
    // 2 exp(r): 2 (1 + r + r^2 P(r)), Cephes expf's P.
    const double coefficients[] = {1.9875691500e-4, 1.3981999507e-3,
                                   8.3334519073e-3, 4.1665795894e-2,
                                   1.6666665459e-1, 5.0000001201e-1,
                                   1.0,             1.0};
    Value poly = f(2.0 * coefficients[0]);
    for (double c : ArrayRef<double>(coefficients).drop_front())
      poly = fma(poly, r, f(2.0 * c));
    Value bits = arith::BitcastOp::create(b, intType, t);
    Value exponent = arith::ShLIOp::create(
        b, arith::AddIOp::create(b, bits, splat(intType, b.getI32IntegerAttr(126))),
        splat(intType, b.getI32IntegerAttr(23)));
    Value scale = arith::BitcastOp::create(b, type, exponent);
    rewriter.replaceOp(op, arith::MulFOp::create(b, poly, scale));
    return success();
  }
};

struct SSMApproximateMathPass
    : mlir::ssm::impl::SSMApproximateMathBase<SSMApproximateMathPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<ExpF32>(&getContext());
    populateMathPolynomialApproximationPatterns(
        patterns, [](StringRef name) {
          return llvm::is_contained(
              {math::ExpOp::getOperationName(),
               math::ExpM1Op::getOperationName(),
               math::LogOp::getOperationName(),
               math::Log1pOp::getOperationName(),
               math::TanhOp::getOperationName()},
              name);
        });
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
