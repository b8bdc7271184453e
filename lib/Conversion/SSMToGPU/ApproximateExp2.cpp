//===- ApproximateExp2.cpp - exp2 {afn} as ex2.approx.ftz -----------------===//
//
// See the pass description in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "ssm/Conversion/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"

namespace mlir::ssm {
#define GEN_PASS_DEF_SSMAPPROXIMATEEXP2
#include "ssm/Conversion/Passes.h.inc"
} // namespace mlir::ssm

using namespace mlir;

namespace {
struct SSMApproximateExp2Pass
    : mlir::ssm::impl::SSMApproximateExp2Base<SSMApproximateExp2Pass> {
  void runOnOperation() override {
    getOperation().walk([](math::Exp2Op op) {
      if (!op.getType().isF32() ||
          !arith::bitEnumContainsAll(op.getFastmath(),
                                     arith::FastMathFlags::afn))
        return;
      OpBuilder b(op);
      auto ex2 = LLVM::CallIntrinsicOp::create(
          b, op.getLoc(), op.getType(),
          b.getStringAttr("llvm.nvvm.ex2.approx.ftz.f32"),
          ValueRange{op.getOperand()});
      op.replaceAllUsesWith(ex2.getResult(0));
      op.erase();
    });
  }
};
} // namespace
