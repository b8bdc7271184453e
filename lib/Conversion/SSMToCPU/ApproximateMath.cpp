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
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::ssm {
#define GEN_PASS_DEF_SSMAPPROXIMATEMATH
#include "ssm/Conversion/Passes.h.inc"
} // namespace mlir::ssm

using namespace mlir;

namespace {
struct SSMApproximateMathPass
    : mlir::ssm::impl::SSMApproximateMathBase<SSMApproximateMathPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
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
