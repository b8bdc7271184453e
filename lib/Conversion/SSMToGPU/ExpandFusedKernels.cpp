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
  // Not writable: the canonicalizer folds a consumer kernel's to_buffer of
  // this tensor to the buffer itself, a read that one-shot bufferization
  // does not see; no op may write into the buffer in place.
  for (OpResult result : op->getResults())
    result.replaceAllUsesWith(bufferization::ToTensorOp::create(
        b, loc, result.getType(),
        operands[inputs.size() + result.getResultNumber()],
        /*restrict=*/b.getUnitAttr()));
  op->erase();
}

namespace {
struct SSMExpandFusedKernelsPass
    : mlir::ssm::impl::SSMExpandFusedKernelsBase<SSMExpandFusedKernelsPass> {
  using SSMExpandFusedKernelsBase::SSMExpandFusedKernelsBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    using KernelBuild = LogicalResult (*)(OpBuilder &, Location,
                                          DictionaryAttr, ValueRange, bool);
    const std::pair<StringRef, KernelBuild> kinds[] = {
        {fused::kFlashAttention,
         [](OpBuilder &b, Location loc, DictionaryAttr params,
            ValueRange operands, bool) {
           return fused::buildFlashAttention(b, loc, params, operands);
         }},
        {fused::kSelectiveScan,
         [](OpBuilder &b, Location loc, DictionaryAttr params,
            ValueRange operands, bool) {
           return fused::buildSelectiveScan(b, loc, params, operands);
         }},
        {fused::kLongConv, fused::buildLongConv}};
    // The kinds with a host form (the others are GPU-only).
    const StringRef hostForms[] = {fused::kLongConv};
    SmallVector<func::FuncOp> declarations;
    for (auto func : module.getOps<func::FuncOp>())
      if (llvm::any_of(kinds, [&](auto kind) {
            return func->hasAttr(kind.first);
          }))
        declarations.push_back(func);
    // Every use is checked to be a call before any is expanded.
    struct Use {
      func::CallOp call;
      func::FuncOp declaration;
      StringRef kind;
      KernelBuild build;
    };
    SmallVector<Use> calls;
    for (func::FuncOp declaration : declarations) {
      auto [kind, build] = *llvm::find_if(kinds, [&](auto kind) {
        return declaration->hasAttr(kind.first);
      });
      std::optional<SymbolTable::UseRange> uses =
          declaration.getSymbolUses(module);
      if (!uses || !declaration->getAttrOfType<DictionaryAttr>(kind)) {
        declaration.emitOpError("does not describe a fused kernel of kind ")
            << kind;
        return signalPassFailure();
      }
      for (SymbolTable::SymbolUse use : *uses) {
        auto call = dyn_cast<func::CallOp>(use.getUser());
        if (!call) {
          use.getUser()->emitOpError("uses a fused kernel other than by a "
                                     "call");
          return signalPassFailure();
        }
        calls.push_back({call, declaration, kind, build});
      }
    }
    for (auto [call, declaration, kind, build] : calls) {
      if (onHost && !llvm::is_contained(hostForms, kind)) {
        declaration.emitOpError("describes a fused kernel of kind ")
            << kind << ", which has no host form";
        return signalPassFailure();
      }
      OpBuilder b(call);
      if (failed(build(b, call.getLoc(),
                       declaration->getAttrOfType<DictionaryAttr>(kind),
                       call.getOperands(), onHost))) {
        declaration.emitOpError("does not describe a fused kernel of kind ")
            << kind;
        return signalPassFailure();
      }
      call.erase();
    }
    for (func::FuncOp declaration : declarations)
      declaration.erase();
  }
};
} // namespace
