//===- SelectAlgorithms.cpp - Choose algorithms and tiles by the model ----===//

#include "ssm/Analysis/CostModel.h"
#include "ssm/Dialect/SSM/IR/SSMOps.h"
#include "ssm/Dialect/SSM/IR/SSMSchedule.h"
#include "ssm/Dialect/SSM/Transforms/Passes.h"

namespace mlir::ssm {
#define GEN_PASS_DEF_SSMSELECTALGORITHMS
#include "ssm/Dialect/SSM/Transforms/Passes.h.inc"
} // namespace mlir::ssm

using namespace mlir;
using namespace mlir::ssm;

namespace {
struct SelectAlgorithmsPass
    : public mlir::ssm::impl::SSMSelectAlgorithmsBase<SelectAlgorithmsPass> {
  using Base::Base;

  void runOnOperation() override {
    FailureOr<TargetDesc> desc =
        resolveModelOptions(getOperation(), target, assumedDynamicSize);
    if (failed(desc))
      return signalPassFailure();
    WalkResult result = getOperation()->walk([&](Operation *op) {
      if (!isa<SSMDialect>(op->getDialect()))
        return WalkResult::advance();
      // A schedule written by hand is kept, but it must be one the op has.
      if (auto given = op->getAttrOfType<ScheduleAttr>(kScheduleAttrName)) {
        if (succeeded(estimateCost(op, given, assumedDynamicSize)))
          return WalkResult::advance();
        op->emitOpError("has no schedule ") << given;
        return WalkResult::interrupt();
      }
      FailureOr<ScheduleAttr> chosen =
          selectSchedule(op, *desc, assumedDynamicSize);
      if (failed(chosen)) {
        op->emitOpError("has no schedule the cost model can evaluate");
        return WalkResult::interrupt();
      }
      op->setAttr(kScheduleAttrName, *chosen);
      return WalkResult::advance();
    });
    if (result.wasInterrupted())
      signalPassFailure();
  }
};
} // namespace
