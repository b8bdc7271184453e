//===- VectorizeContractions.cpp - Register tiles for contractions --------===//
//
// The ssm-vectorize-contractions pass: contraction generics whose innermost
// loop runs over contiguous output elements are tiled into register tiles
// (rows x vector width) with the reduction loop innermost, each tile is
// vectorised, and its accumulator is hoisted out of the reduction loop, so
// that it stays in vector registers; see the pass description in
// Passes.td.
//
//===----------------------------------------------------------------------===//

#include "ssm/Conversion/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

namespace mlir::ssm {
#define GEN_PASS_DEF_SSMVECTORIZECONTRACTIONS
#include "ssm/Conversion/Passes.h.inc"
} // namespace mlir::ssm

using namespace mlir;

namespace {
/// How a contraction is cut into register tiles.
struct RegisterTiling {
  /// The tile size of every loop (1 for the reduction).
  SmallVector<int64_t> sizes;
  /// The loop order of the tiles: the reduction innermost.
  SmallVector<int64_t> order;
};
} // namespace

/// The register tiling of `op`, or none when it is not a static contraction
/// (a multiply-add of two inputs over one reduction) whose innermost loop
/// runs over the last, contiguous dimension of its output and of an input.
static std::optional<RegisterTiling> registerTiling(linalg::GenericOp op,
                                                    int64_t maxAccumulator) {
  if (!op.hasPureTensorSemantics() || op.getNumDpsInputs() != 2 ||
      op.getNumDpsInits() != 1 || !linalg::isaContractionOpInterface(op))
    return std::nullopt;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (llvm::any_of(ranges, ShapedType::isDynamic))
    return std::nullopt;
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  if (llvm::count(iterators, utils::IteratorType::reduction) != 1)
    return std::nullopt;
  int64_t loops = op.getNumLoops(), inner = loops - 1;
  if (iterators[inner] != utils::IteratorType::parallel)
    return std::nullopt;
  AffineExpr innerDim = getAffineDimExpr(inner, op.getContext());
  auto innermostIsLast = [&](OpOperand &operand) {
    AffineMap map = op.getMatchingIndexingMap(&operand);
    return map.getNumResults() > 0 && map.getResults().back() == innerDim;
  };
  if (!innermostIsLast(*op.getDpsInitOperand(0)))
    return std::nullopt;
  OpOperand *vectorOperand = nullptr;
  for (OpOperand *input : op.getDpsInputOperands())
    if (!vectorOperand && innermostIsLast(*input))
      vectorOperand = input;
  if (!vectorOperand)
    return std::nullopt;

  RegisterTiling tiling;
  tiling.sizes.assign(loops, 1);
  for (int64_t width : {64, 32, 16, 8})
    if (ranges[inner] % width == 0) {
      tiling.sizes[inner] = width;
      break;
    }
  if (tiling.sizes[inner] == 1)
    return std::nullopt;
  // Rows: a parallel loop that the vector operand does not depend on, so
  // that each vector it loads serves every row of the tile.
  AffineMap vectorMap = op.getMatchingIndexingMap(vectorOperand);
  for (int64_t d = 0; d < inner; ++d) {
    if (iterators[d] != utils::IteratorType::parallel ||
        vectorMap.isFunctionOfDim(d))
      continue;
    for (int64_t rows : {4, 2})
      if (ranges[d] % rows == 0 &&
          rows * tiling.sizes[inner] <= maxAccumulator) {
        tiling.sizes[d] = rows;
        break;
      }
    break;
  }
  // The column tiles outermost: one column panel of the vector operand
  // (reduction x width) then stays in the cache while every row tile uses
  // it. The reduction innermost.
  int64_t reduction = 0;
  tiling.order.push_back(inner);
  for (int64_t d = 0; d < inner; ++d) {
    if (iterators[d] == utils::IteratorType::reduction)
      reduction = d;
    else
      tiling.order.push_back(d);
  }
  tiling.order.push_back(reduction);
  return tiling;
}

/// The tile sizes of an scf.forall spreading `op` over threads: the
/// column tiles when there are a few of them (each thread then keeps its
/// column panels in its cache), else the tiles of the parallel loop with
/// the most; 0 (untiled) for the other loops.
static SmallVector<int64_t> threadTiles(linalg::GenericOp op,
                                        const RegisterTiling &tiling) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  int64_t inner = ranges.size() - 1, best = inner;
  auto tiles = [&](int64_t d) { return ranges[d] / tiling.sizes[d]; };
  if (tiles(inner) < 4)
    for (int64_t d = 0; d < inner; ++d)
      if (iterators[d] == utils::IteratorType::parallel &&
          tiles(d) > tiles(best))
        best = d;
  SmallVector<int64_t> sizes(ranges.size(), 0);
  sizes[best] = tiling.sizes[best];
  return sizes;
}

namespace {
struct SSMVectorizeContractionsPass
    : mlir::ssm::impl::SSMVectorizeContractionsBase<
          SSMVectorizeContractionsPass> {
  using SSMVectorizeContractionsBase::SSMVectorizeContractionsBase;

  void runOnOperation() override {
    SmallVector<std::pair<linalg::GenericOp, RegisterTiling>> contractions;
    getOperation()->walk([&](linalg::GenericOp op) {
      if (std::optional<RegisterTiling> tiling =
              registerTiling(op, maxAccumulator))
        contractions.push_back({op, *tiling});
    });
    MLIRContext *context = &getContext();
    IRRewriter rewriter(context);
    for (auto &[generic, tiling] : contractions) {
      Operation *op = generic;
      // Outside any parallel loop, the tiles are first spread over the
      // threads by an scf.forall.
      if (!op->getParentOfType<scf::ForallOp>() &&
          !op->getParentOfType<scf::ParallelOp>()) {
        rewriter.setInsertionPoint(op);
        scf::SCFTilingOptions options;
        options.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
        options.setTileSizes(
            getAsIndexOpFoldResult(context, threadTiles(generic, tiling)));
        FailureOr<scf::SCFTilingResult> spread = scf::tileUsingSCF(
            rewriter, cast<TilingInterface>(op), options);
        if (succeeded(spread)) {
          rewriter.replaceOp(op, spread->replacements);
          op = spread->tiledOps.back();
        }
      }
      rewriter.setInsertionPoint(op);
      scf::SCFTilingOptions options;
      options.setTileSizes(getAsIndexOpFoldResult(context, tiling.sizes));
      options.setInterchange(tiling.order);
      FailureOr<scf::SCFTilingResult> tiled =
          scf::tileUsingSCF(rewriter, cast<TilingInterface>(op), options);
      if (failed(tiled))
        continue; // The contraction stays as it is, which is correct.
      rewriter.replaceOp(op, tiled->replacements);
      Operation *tile = tiled->tiledOps.back();
      rewriter.setInsertionPoint(tile);
      FailureOr<linalg::VectorizationResult> vectorized =
          linalg::vectorize(rewriter, tile);
      if (failed(vectorized))
        continue;
      rewriter.replaceOp(tile, vectorized->replacements);
    }

    // Unit dimensions of the tiles (the reduction's among them) go, so that
    // the multiply-adds are FMAs on [rows, width] vectors.
    RewritePatternSet patterns(context);
    vector::populateCastAwayVectorLeadingOneDimPatterns(patterns);
    vector::MultiDimReductionOp::getCanonicalizationPatterns(patterns,
                                                             context);
    vector::TransferReadOp::getCanonicalizationPatterns(patterns, context);
    vector::TransferWriteOp::getCanonicalizationPatterns(patterns, context);
    scf::ForOp::getCanonicalizationPatterns(patterns, context);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();

    // The accumulator tile is read before and written after the reduction
    // loop instead of in every iteration (innermost loops first).
    SmallVector<scf::ForOp> tileLoops;
    getOperation()->walk([&](scf::ForOp loop) {
      if (llvm::any_of(loop.getBody()->getOperations(), [](Operation &op) {
            return isa<vector::TransferWriteOp>(op);
          }))
        tileLoops.push_back(loop);
    });
    for (scf::ForOp loop : tileLoops)
      hoistLoopInvariantSubsets(rewriter, loop);

    // The canonical forms above drop the fast-math flags of the generic's
    // multiply-add; restore `contract` so that LLVM fuses it into an FMA.
    getOperation()->walk([](arith::AddFOp add) {
      for (Value operand : add->getOperands()) {
        if (auto cast = operand.getDefiningOp<vector::ShapeCastOp>())
          operand = cast.getSource();
        auto mul = operand.getDefiningOp<arith::MulFOp>();
        if (mul && isa<VectorType>(add.getType()) &&
            bitEnumContainsAll(mul.getFastmath(),
                               arith::FastMathFlags::contract))
          add.setFastmath(add.getFastmath() | arith::FastMathFlags::contract);
      }
    });
  }
};
} // namespace
