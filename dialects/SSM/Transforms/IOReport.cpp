//===- IOReport.cpp - Report modelled traffic and FLOPs per op ------------===//

#include "ssm/Analysis/CostModel.h"
#include "ssm/Dialect/SSM/IR/SSMOps.h"
#include "ssm/Dialect/SSM/IR/SSMSchedule.h"
#include "ssm/Dialect/SSM/Transforms/Passes.h"

#include "llvm/Support/Format.h"

namespace mlir::ssm {
#define GEN_PASS_DEF_SSMIOREPORT
#include "ssm/Dialect/SSM/Transforms/Passes.h.inc"
} // namespace mlir::ssm

using namespace mlir;
using namespace mlir::ssm;

namespace {
struct IOReportPass : public mlir::ssm::impl::SSMIOReportBase<IOReportPass> {
  using Base::Base;

  void runOnOperation() override {
    FailureOr<TargetDesc> desc =
        resolveModelOptions(getOperation(), target, assumedDynamicSize);
    if (failed(desc))
      return signalPassFailure();
    WalkResult result = getOperation()->walk([&](Operation *op) {
      if (!isa<SSMDialect>(op->getDialect()))
        return WalkResult::advance();
      auto schedule = op->getAttrOfType<ScheduleAttr>(kScheduleAttrName);
      bool chosen = false;
      if (!schedule) {
        FailureOr<ScheduleAttr> selected =
            selectSchedule(op, *desc, assumedDynamicSize);
        if (failed(selected)) {
          op->emitOpError("has no schedule the cost model can evaluate");
          return WalkResult::interrupt();
        }
        schedule = *selected;
        chosen = true;
      }
      FailureOr<Cost> cost = estimateCost(op, schedule, assumedDynamicSize);
      if (failed(cost)) {
        op->emitOpError("has no schedule ") << schedule;
        return WalkResult::interrupt();
      }
      std::string figures;
      llvm::raw_string_ostream(figures)
          << llvm::format("bytes %.4g, flops %.4g, intensity %.3g flop/byte, "
                          "time %.3g s",
                          cost->bytes, cost->flops, cost->intensity(),
                          cost->seconds(*desc));
      op->emitRemark() << "io-report on " << desc->name << ": "
                       << (chosen ? "selected " : "") << schedule << ", "
                       << figures;
      return WalkResult::advance();
    });
    if (result.wasInterrupted())
      signalPassFailure();
  }
};
} // namespace
