//===- ExpandFusedKernels.cpp - Calls of fused kernels to gpu.launch ------===//
//
// See FusedKernels.h and the pass description in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "ssm/Conversion/Passes.h"

#include "FusedKernels.h"

namespace mlir::ssm {
#define GEN_PASS_DEF_SSMEXPANDFUSEDKERNELS
#include "ssm/Conversion/Passes.h.inc"
} // namespace mlir::ssm

using namespace mlir;
using namespace mlir::ssm;

void fused::replaceByKernelCall(SymbolTable &symbols, Operation *op,
                                ValueRange inputs, ResultSize resultSize,
                                StringRef kind, DictionaryAttr params) {
  OpBuilder b(op);
  Location loc = op->getLoc();
  auto bufferType = [](Type tensor) {
    auto type = cast<RankedTensorType>(tensor);
    return MemRefType::get(type.getShape(), type.getElementType());
  };
  SmallVector<Value> operands;
  for (Value tensor : inputs)
    operands.push_back(bufferization::ToBufferOp::create(
        b, loc, bufferType(tensor.getType()), tensor, /*read_only=*/true));
  SmallVector<Value> inputBuffers(operands);
  for (OpResult result : op->getResults()) {
    auto type = cast<RankedTensorType>(result.getType());
    SmallVector<Value> dynamicSizes;
    for (int64_t d = 0; d < type.getRank(); ++d)
      if (type.isDynamicDim(d))
        dynamicSizes.push_back(
            resultSize(b, loc, inputBuffers, result.getResultNumber(), d));
    operands.push_back(
        memref::AllocOp::create(b, loc, bufferType(type), dynamicSizes));
  }

  auto module = cast<ModuleOp>(symbols.getOp());
  OpBuilder top = OpBuilder::atBlockEnd(module.getBody());
  auto declaration = func::FuncOp::create(
      top, loc, "ssm_fused_kernel",
      top.getFunctionType(ValueRange(operands).getTypes(), {}));
  declaration.setPrivate();
  declaration->setAttr(kind, params);
  symbols.insert(declaration); // a unique name
  func::CallOp::create(b, loc, declaration, operands);
  for (OpResult result : op->getResults())
    result.replaceAllUsesWith(bufferization::ToTensorOp::create(
        b, loc, result.getType(),
        operands[inputs.size() + result.getResultNumber()],
        /*restrict=*/b.getUnitAttr(), /*writable=*/b.getUnitAttr()));
  op->erase();
}

namespace {
struct SSMExpandFusedKernelsPass
    : mlir::ssm::impl::SSMExpandFusedKernelsBase<SSMExpandFusedKernelsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    using Builder = LogicalResult (*)(OpBuilder &, Location, DictionaryAttr,
                                      ValueRange);
    const std::pair<StringRef, Builder> kinds[] = {
        {fused::kFlashAttention, fused::buildFlashAttention},
        {fused::kSelectiveScan, fused::buildSelectiveScan}};
    SmallVector<func::FuncOp> declarations;
    for (auto func : module.getOps<func::FuncOp>())
      if (llvm::any_of(kinds, [&](auto kind) {
            return func->hasAttr(kind.first);
          }))
        declarations.push_back(func);
    for (func::FuncOp declaration : declarations) {
      auto [kind, build] = *llvm::find_if(kinds, [&](auto kind) {
        return declaration->hasAttr(kind.first);
      });
      auto params = declaration->getAttrOfType<DictionaryAttr>(kind);
      std::optional<SymbolTable::UseRange> uses =
          declaration.getSymbolUses(module);
      for (SymbolTable::SymbolUse use :
           uses ? *uses : SymbolTable::UseRange({})) {
        auto call = dyn_cast<func::CallOp>(use.getUser());
        if (!call) {
          use.getUser()->emitOpError("uses a fused kernel other than by a "
                                     "call");
          return signalPassFailure();
        }
        OpBuilder b(call);
        if (!params ||
            failed(build(b, call.getLoc(), params, call.getOperands()))) {
          declaration.emitOpError("does not describe a fused kernel of kind ")
              << kind;
          return signalPassFailure();
        }
        call.erase();
      }
      declaration.erase();
    }
  }
};
} // namespace
