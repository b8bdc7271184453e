//===- Chips.h - What a CUDA architecture name says ------------*- C++ -*-===//

#ifndef SSM_SUPPORT_CHIPS_H
#define SSM_SUPPORT_CHIPS_H

#include "llvm/ADT/StringRef.h"

namespace ssm {

/// Whether the CUDA architecture `chip` ("sm_80", "sm_90a", ...) has the
/// tensor cores the GPU back end uses (mma.sync m16n8k16 for f16 and
/// bf16): sm_80 and later. The CUDA pipeline and the passes that build
/// tensor-core kernels ask this one question.
inline bool hasTensorCores(llvm::StringRef chip) {
  int version = 0;
  if (!chip.consume_front("sm_"))
    return false;
  chip.consume_back("a");
  return !chip.getAsInteger(10, version) && version >= 80;
}

} // namespace ssm

#endif // SSM_SUPPORT_CHIPS_H
