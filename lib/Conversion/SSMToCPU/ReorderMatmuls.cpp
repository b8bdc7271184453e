//===- ReorderMatmuls.cpp - The ssm-reorder-matmuls pass ------------------===//
//
// Rewrites row-major matmuls on tensors so that their innermost loop reads
// and writes contiguous columns; see the pass description in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "ssm/Conversion/LinalgEmitter.h"
#include "ssm/Conversion/Passes.h"

#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::ssm {
#define GEN_PASS_DEF_SSMREORDERMATMULS
#include "ssm/Conversion/Passes.h.inc"
} // namespace mlir::ssm

using namespace mlir;
using namespace mlir::ssm;

namespace {

/// Rewrites a matmul-like named op whose operands are [..., M, K] x
/// [..., K, N] -> [..., M, N] with `batch` leading dims.
template <typename OpTy>
struct ReorderPattern : OpRewritePattern<OpTy> {
  ReorderPattern(MLIRContext *ctx, unsigned batch)
      : OpRewritePattern<OpTy>(ctx), batch(batch) {}

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureTensorSemantics() || op.hasUserDefinedMaps())
      return rewriter.notifyMatchFailure(op, "transposed or on buffers");
    Value lhs = op.getDpsInputs()[0], rhs = op.getDpsInputs()[1];
    Value init = op.getDpsInits()[0];
    Type element = getElementTypeOrSelf(init.getType());
    if (!isa<FloatType>(element) ||
        getElementTypeOrSelf(lhs.getType()) != element ||
        getElementTypeOrSelf(rhs.getType()) != element)
      return rewriter.notifyMatchFailure(op, "not one float element type");

    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    LinalgEmitter e(b);
    // Loops: batch..., m, k, n.
    unsigned loops = batch + 3;
    SmallVector<AffineExpr> batchDims;
    for (unsigned i = 0; i < batch; ++i)
      batchDims.push_back(e.d(i));
    auto with = [&](std::initializer_list<unsigned> dims) {
      SmallVector<AffineExpr> results = batchDims;
      for (unsigned d : dims)
        results.push_back(e.d(batch + d));
      return e.map(loops, results);
    };
    SmallVector<IteratorType> iterators(batch + 1, kPar);
    iterators.append({kRed, kPar});
    Value result = e.generic({lhs, rhs}, init,
                             {with({0, 1}), with({1, 2}), with({0, 2})},
                             iterators, multiplyAccumulate);
    rewriter.replaceOp(op, result);
    return success();
  }

  unsigned batch;
};

struct SSMReorderMatmulsPass
    : mlir::ssm::impl::SSMReorderMatmulsBase<
          SSMReorderMatmulsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<ReorderPattern<linalg::MatmulOp>>(&getContext(), 0);
    patterns.add<ReorderPattern<linalg::BatchMatmulOp>>(&getContext(), 1);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
