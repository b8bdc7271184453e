//===- FoldExtensions.cpp - Extensions into the generics that read them ---===//
//
// See the pass description in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "ssm/Conversion/Passes.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::ssm {
#define GEN_PASS_DEF_SSMFOLDEXTENSIONS
#include "ssm/Conversion/Passes.h.inc"
} // namespace mlir::ssm

using namespace mlir;

/// Whether `op` has one input and one output, on tensors, all loops
/// parallel, the output written at the identity.
static bool isUnaryParallel(linalg::GenericOp op) {
  return op.getNumDpsInputs() == 1 && op.getNumDpsInits() == 1 &&
         op.getNumReductionLoops() == 0 && op.hasPureTensorSemantics() &&
         op.getIndexingMapsArray()[1].isIdentity();
}

/// Whether `op` is `out[d] = CastOp(in[map(d)])`, all loops parallel, its
/// output written at the identity.
template <typename CastOp>
static bool isCast(linalg::GenericOp op) {
  if (!isUnaryParallel(op))
    return false;
  Block *body = op.getBlock();
  if (body->getOperations().size() != 2)
    return false;
  auto cast = dyn_cast<CastOp>(body->front());
  return cast && cast->getOperand(0) == body->getArgument(0) &&
         body->getTerminator()->getOperand(0) == cast->getResult(0);
}

/// Whether `op` is `out[d] = extf(in[map(d)])`, `map` a projected
/// permutation.
static bool isExtension(linalg::GenericOp op) {
  return isCast<arith::ExtFOp>(op) &&
         op.getIndexingMapsArray()[0].isProjectedPermutation();
}

/// Whether `op` places its source in a tensor of zeros (`linalg.fill` of
/// 0.0): zero padding, which commutes with the extension.
static bool isZeroPadding(tensor::InsertSliceOp op) {
  auto fill = op.getDest().getDefiningOp<linalg::FillOp>();
  if (!fill)
    return false;
  auto zero = fill.getInputs()[0].getDefiningOp<arith::ConstantOp>();
  auto value = zero ? dyn_cast<FloatAttr>(zero.getValue()) : FloatAttr();
  return value && value.getValue().isZero();
}

/// Whether `op` is a view (or a zero padding) that the fold can take of the
/// 16-bit tensor instead; its source is operand 0.
static bool isFoldableView(Operation *op) {
  if (auto insert = dyn_cast<tensor::InsertSliceOp>(op))
    return isZeroPadding(insert);
  return isa<tensor::ExtractSliceOp, tensor::ExpandShapeOp,
             tensor::CollapseShapeOp>(op);
}

/// The reshape or slice `view` taken of `source` (of element type
/// `narrow`) instead of its own source.
static Value narrowedView(PatternRewriter &rewriter, Operation *view,
                          Value source, Type narrow) {
  IRMapping mapping;
  mapping.map(view->getOperand(0), source);
  Operation *copy = rewriter.clone(*view, mapping);
  auto type = cast<RankedTensorType>(copy->getResult(0).getType());
  copy->getResult(0).setType(type.clone(narrow));
  return copy->getResult(0);
}

namespace {
/// Makes one input of a generic read the unextended tensor.
struct FoldExtension : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureTensorSemantics())
      return failure();
    for (OpOperand *input : op.getDpsInputOperands())
      if (succeeded(fold(op, input, rewriter)))
        return success();
    return failure();
  }

  LogicalResult fold(linalg::GenericOp op, OpOperand *input,
                     PatternRewriter &rewriter) const {
    // The views between the extension and the generic, last first.
    SmallVector<Operation *> views;
    Value value = input->get();
    while (Operation *def = value.getDefiningOp()) {
      if (!isFoldableView(def))
        break;
      views.push_back(def);
      value = def->getOperand(0);
    }
    auto extension = value.getDefiningOp<linalg::GenericOp>();
    if (!extension || !isExtension(extension))
      return failure();
    AffineMap inner = extension.getIndexingMapsArray()[0];
    if (!inner.isIdentity() && !views.empty())
      return failure();
    Value source = extension.getDpsInputs()[0];
    Type narrow = getElementTypeOrSelf(source.getType());

    rewriter.setInsertionPoint(op);
    // The same views of the 16-bit tensor.
    Location loc = op.getLoc();
    for (Operation *view : llvm::reverse(views)) {
      if (auto pad = dyn_cast<tensor::InsertSliceOp>(view)) {
        // The zeros in 16 bits.
        Value zero = arith::ConstantOp::create(
            rewriter, loc, narrow, rewriter.getFloatAttr(narrow, 0.0));
        Value empty = tensor::EmptyOp::create(
            rewriter, loc,
            tensor::getMixedSizes(rewriter, loc, pad.getDest()), narrow);
        Value zeros =
            linalg::FillOp::create(rewriter, loc, zero, empty).getResult(0);
        source = tensor::InsertSliceOp::create(
            rewriter, loc, source, zeros, pad.getMixedOffsets(),
            pad.getMixedSizes(), pad.getMixedStrides());
        continue;
      }
      source = narrowedView(rewriter, view, source, narrow);
    }
    unsigned index = input->getOperandNumber();
    SmallVector<AffineMap> maps = op.getIndexingMapsArray();
    // Through views, the extension reads at the identity; directly, its
    // input map follows the generic's.
    if (views.empty())
      maps[index] = inner.compose(maps[index]);
    rewriter.modifyOpInPlace(op, [&] {
      input->set(source);
      op.setIndexingMapsAttr(rewriter.getAffineMapArrayAttr(maps));
      BlockArgument arg = op.getBlock()->getArgument(index);
      Type wide = arg.getType();
      arg.setType(narrow);
      OpBuilder::InsertionGuard guard(rewriter);
      rewriter.setInsertionPointToStart(op.getBlock());
      auto ext = arith::ExtFOp::create(rewriter, op.getLoc(), wide, arg);
      rewriter.replaceAllUsesExcept(arg, ext.getResult(), ext);
    });
    return success();
  }
};

/// Whether `op` is `out[d] = in[map(d)]`, `map` a permutation: a
/// transposition (or a copy).
static bool isPermutationCopy(linalg::GenericOp op) {
  if (!isUnaryParallel(op) || !op.getIndexingMapsArray()[0].isPermutation())
    return false;
  Block *body = op.getBlock();
  return body->getOperations().size() == 1 &&
         body->getTerminator()->getOperand(0) == body->getArgument(0);
}

/// Whether `op` is `out[d] = truncf(in[d])`.
static bool isTruncation(linalg::GenericOp op) {
  return isCast<arith::TruncFOp>(op) &&
         op.getIndexingMapsArray()[0].isIdentity();
}

/// A truncation of a transposition (seen through reshapes), each used
/// once, becomes the transposition truncating as it copies, then the
/// reshapes on the 16-bit tensor: one pass over memory instead of two (the
/// result of an f16/bf16 monarch).
struct FoldTruncationIntoCopy : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp op,
                                PatternRewriter &rewriter) const override {
    if (!isTruncation(op))
      return failure();
    SmallVector<Operation *> views;
    Value value = op.getDpsInputs()[0];
    while (Operation *def = value.getDefiningOp()) {
      if (!isa<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(def))
        break;
      if (!value.hasOneUse())
        return failure();
      views.push_back(def);
      value = def->getOperand(0);
    }
    auto copy = value.getDefiningOp<linalg::GenericOp>();
    if (!copy || !value.hasOneUse() || !isPermutationCopy(copy))
      return failure();
    Type narrow = getElementTypeOrSelf(op.getResult(0).getType());

    Location loc = op.getLoc();
    rewriter.setInsertionPoint(op);
    // (Sized from the copy's init, not its result: no use of the wide copy
    // is left.)
    Value init = tensor::EmptyOp::create(
        rewriter, loc,
        tensor::getMixedSizes(rewriter, loc, copy.getDpsInits()[0]), narrow);
    auto truncating = linalg::GenericOp::create(
        rewriter, loc, init.getType(), copy.getDpsInputs(), init,
        copy.getIndexingMapsArray(), copy.getIteratorTypesArray(),
        [&](OpBuilder &b, Location loc, ValueRange args) {
          Value narrowed = arith::TruncFOp::create(b, loc, narrow, args[0]);
          linalg::YieldOp::create(b, loc, narrowed);
        });
    Value source = truncating.getResult(0);
    for (Operation *view : llvm::reverse(views))
      source = narrowedView(rewriter, view, source, narrow);
    // The truncation's type where it knows more sizes.
    if (source.getType() != op.getResult(0).getType())
      source = tensor::CastOp::create(rewriter, loc, op.getResult(0).getType(),
                                      source);
    rewriter.replaceOp(op, source);
    return success();
  }
};

struct SSMFoldExtensionsPass
    : mlir::ssm::impl::SSMFoldExtensionsBase<SSMFoldExtensionsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldExtension, FoldTruncationIntoCopy>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
