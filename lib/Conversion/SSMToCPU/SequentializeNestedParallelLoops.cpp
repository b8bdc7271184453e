//===- SequentializeNestedParallelLoops.cpp - Inner parallel loops as for -===//
//
// See the pass description in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "ssm/Conversion/LoopUtils.h"
#include "ssm/Conversion/Passes.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"

namespace mlir::ssm {
#define GEN_PASS_DEF_SSMSEQUENTIALIZENESTEDPARALLELLOOPS
#include "ssm/Conversion/Passes.h.inc"
} // namespace mlir::ssm

using namespace mlir;

void mlir::ssm::sequentialize(scf::ParallelOp loop) {
  OpBuilder b(loop);
  scf::buildLoopNest(
      b, loop.getLoc(), loop.getLowerBound(), loop.getUpperBound(),
      loop.getStep(), [&](OpBuilder &nested, Location, ValueRange ivs) {
        IRMapping mapping;
        mapping.map(loop.getInductionVars(), ivs);
        for (Operation &op : loop.getBody()->without_terminator())
          nested.clone(op, mapping);
      });
  loop.erase();
}

/// The static trip count of a loop with these bounds, if known.
static std::optional<int64_t> tripCount(Value lower, Value upper,
                                        Value step) {
  std::optional<int64_t> lo = getConstantIntValue(lower),
                         hi = getConstantIntValue(upper),
                         st = getConstantIntValue(step);
  if (!lo || !hi || !st || *st <= 0)
    return std::nullopt;
  return *hi > *lo ? llvm::divideCeil(*hi - *lo, *st) : 0;
}

/// a * b for positive a and b, at most `cap`.
static int64_t cappedProduct(int64_t a, int64_t b, int64_t cap) {
  return a > cap / b ? cap : std::min(a * b, cap);
}

/// The iterations `op` runs in all, its own times those of the loops
/// inside it (at most `cap`; nullopt where a trip count is dynamic).
static std::optional<int64_t> staticWork(Operation *op, int64_t cap) {
  SmallVector<std::optional<int64_t>> counts;
  if (auto loop = dyn_cast<scf::ParallelOp>(op)) {
    for (auto [lo, hi, st] : llvm::zip(loop.getLowerBound(),
                                       loop.getUpperBound(), loop.getStep()))
      counts.push_back(tripCount(lo, hi, st));
  } else if (auto loop = dyn_cast<scf::ForOp>(op)) {
    counts.push_back(tripCount(loop.getLowerBound(), loop.getUpperBound(),
                               loop.getStep()));
  }
  int64_t own = 1;
  for (std::optional<int64_t> count : counts) {
    if (!count)
      return std::nullopt;
    own = cappedProduct(own, std::max<int64_t>(*count, 1), cap);
  }
  // The work of one iteration: the largest of the nested loop nests (a
  // sum would be closer, but the loops' bodies differ in cost anyway).
  int64_t inner = 1;
  for (Region &region : op->getRegions())
    for (Operation &nested : region.getOps()) {
      if (!isa<scf::ParallelOp, scf::ForOp>(nested) &&
          nested.getNumRegions() == 0)
        continue;
      std::optional<int64_t> work = staticWork(&nested, cap);
      if (!work)
        return std::nullopt;
      inner = std::max(inner, *work);
    }
  return cappedProduct(own, inner, cap);
}

namespace {
struct SSMSequentializeNestedParallelLoopsPass
    : mlir::ssm::impl::SSMSequentializeNestedParallelLoopsBase<
          SSMSequentializeNestedParallelLoopsPass> {
  using SSMSequentializeNestedParallelLoopsBase::
      SSMSequentializeNestedParallelLoopsBase;

  void runOnOperation() override {
    SmallVector<scf::ParallelOp> nested;
    getOperation()->walk([&](scf::ParallelOp loop) {
      if (!loop.getInitVals().empty())
        return;
      std::optional<int64_t> work = staticWork(loop, minParallelWork);
      if (loop->getParentOfType<scf::ParallelOp>() ||
          (work && *work < minParallelWork))
        nested.push_back(loop);
    });
    // Post-order walk: inner loops come first, so each is rewritten before
    // the loop that contains it is cloned.
    for (scf::ParallelOp loop : nested)
      ssm::sequentialize(loop);
  }
};
} // namespace
