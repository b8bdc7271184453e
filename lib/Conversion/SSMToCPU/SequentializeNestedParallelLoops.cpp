//===- SequentializeNestedParallelLoops.cpp - Inner parallel loops as for -===//
//
// See the pass description in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "ssm/Conversion/Passes.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"

namespace mlir::ssm {
#define GEN_PASS_DEF_SSMSEQUENTIALIZENESTEDPARALLELLOOPS
#include "ssm/Conversion/Passes.h.inc"
} // namespace mlir::ssm

using namespace mlir;

/// Replaces `loop` (without reductions) by a nest of scf.for loops.
static void sequentialize(scf::ParallelOp loop) {
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

namespace {
struct SSMSequentializeNestedParallelLoopsPass
    : mlir::ssm::impl::SSMSequentializeNestedParallelLoopsBase<
          SSMSequentializeNestedParallelLoopsPass> {
  void runOnOperation() override {
    SmallVector<scf::ParallelOp> nested;
    getOperation()->walk([&](scf::ParallelOp loop) {
      if (loop->getParentOfType<scf::ParallelOp>() &&
          loop.getInitVals().empty())
        nested.push_back(loop);
    });
    // Post-order walk: inner loops come first, so each is rewritten before
    // the loop that contains it is cloned.
    for (scf::ParallelOp loop : nested)
      sequentialize(loop);
  }
};
} // namespace
