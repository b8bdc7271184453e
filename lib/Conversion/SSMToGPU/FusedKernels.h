//===- FusedKernels.h - ssm ops as hand-built kernels ----------*- C++ -*-===//
//
// Ops that run as one hand-built kernel (flash attention, the selective
// scan, the FFT convolution) are replaced in two steps. Before bufferization, a pass replaces the
// op by a call, on its operands' buffers and new result buffers, to a
// private declaration whose attribute describes the kernel; after
// bufferization and buffer deallocation (which rejects ops without memory
// effects, such as gpu.barrier), ssm-expand-fused-kernels replaces each call
// by the kernel's gpu.launch.
//
//===----------------------------------------------------------------------===//

#ifndef SSM_LIB_CONVERSION_SSMTOGPU_FUSEDKERNELS_H
#define SSM_LIB_CONVERSION_SSMTOGPU_FUSEDKERNELS_H

#include "ssm/Analysis/TargetDesc.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"

#include <optional>

namespace mlir::ssm::fused {

/// The target description of CUDA architecture `chip`: sm_80's for sm_80,
/// sm_90's for sm_90 and sm_90a; none for other chips.
inline std::optional<TargetDesc> describedChip(StringRef chip) {
  StringRef described = chip.starts_with("sm_90") ? "sm_90"
                        : chip == "sm_80"         ? "sm_80"
                                                  : "";
  if (described.empty())
    return std::nullopt;
  llvm::Expected<TargetDesc> target = lookupTarget(described);
  if (!target) {
    llvm::consumeError(target.takeError());
    return std::nullopt;
  }
  return std::move(*target);
}

/// The shared memory one block may use on `chip`: what the target
/// description gives an SM (sm_80, sm_90), less the 1 KB the hardware
/// reserves per block; `otherwise` for chips without a description.
inline int64_t sharedBytesPerBlock(StringRef chip, int64_t otherwise) {
  if (std::optional<TargetDesc> target = describedChip(chip))
    return target->fastMemory().capacityBytes - 1024;
  return otherwise;
}

/// The L2 cache of `chip` (its target description's level "L2", shared by
/// the SMs); `otherwise` for chips without a description.
inline int64_t l2BytesOf(StringRef chip, int64_t otherwise) {
  if (std::optional<TargetDesc> target = describedChip(chip))
    for (const MemoryLevel &level : target->levels)
      if (level.name == "L2")
        return level.capacityBytes;
  return otherwise;
}

/// The attributes of the declarations, one per kind of kernel.
constexpr StringLiteral kFlashAttention = "ssm.flash_attention";
constexpr StringLiteral kSelectiveScan = "ssm.selective_scan";
constexpr StringLiteral kLongConv = "ssm.long_conv_fft";

/// The size of dimension `dim` of result `result`, where dynamic, from the
/// inputs' buffers.
using ResultSize = function_ref<Value(OpBuilder &, Location,
                                      ArrayRef<Value> inputs, int64_t result,
                                      int64_t dim)>;

/// Replaces `op` by a call to a new private declaration (in `symbols`) that
/// carries `params` as its attribute `kind`. The call's operands are
/// read-only buffers of `inputs`, then new buffers for `op`'s results,
/// which replace them (bufferization.to_tensor ... restrict, not writable:
/// a consumer kernel reads the buffer itself once the canonicalizer folds
/// its to_buffer, a read one-shot bufferization does not see).
void replaceByKernelCall(SymbolTable &symbols, Operation *op,
                         ValueRange inputs, ResultSize resultSize,
                         StringRef kind, DictionaryAttr params);

/// The kernels, at the builder's insertion point, for the operands of a
/// call made by replaceByKernelCall; failure when `params` or the operands
/// do not describe one.
LogicalResult buildFlashAttention(OpBuilder &b, Location loc,
                                  DictionaryAttr params, ValueRange operands);
LogicalResult buildSelectiveScan(OpBuilder &b, Location loc,
                                 DictionaryAttr params, ValueRange operands);
/// With `onHost`, the kernel's host form: its phases as loops over their
/// items, on the CPU.
LogicalResult buildLongConv(OpBuilder &b, Location loc, DictionaryAttr params,
                            ValueRange operands, bool onHost);

} // namespace mlir::ssm::fused

#endif // SSM_LIB_CONVERSION_SSMTOGPU_FUSEDKERNELS_H
