//===- ApproximateExp2.cpp - exp2, log2 {afn} as ex2, lg2.approx.ftz ------===//
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
    getOperation().walk([](Operation *op) {
      StringRef intrinsic;
      if (isa<math::Exp2Op>(op))
        intrinsic = "llvm.nvvm.ex2.approx.ftz.f32";
      else if (isa<math::Log2Op>(op))
        intrinsic = "llvm.nvvm.lg2.approx.ftz.f";
      else
        return;
      auto fastmath = cast<arith::ArithFastMathInterface>(op);
      if (!op->getResult(0).getType().isF32() ||
          !arith::bitEnumContainsAll(fastmath.getFastMathFlagsAttr().getValue(),
                                     arith::FastMathFlags::afn))
        return;
      OpBuilder b(op);
      auto approx = LLVM::CallIntrinsicOp::create(
          b, op->getLoc(), op->getResult(0).getType(),
          b.getStringAttr(intrinsic), op->getOperands());
      op->getResult(0).replaceAllUsesWith(approx.getResult(0));
      op->erase();
    });
  }
};
} // namespace
