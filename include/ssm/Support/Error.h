//===- Error.h - Errors carried across library boundaries -------*- C++ -*-===//

#ifndef SSM_SUPPORT_ERROR_H
#define SSM_SUPPORT_ERROR_H

#include "llvm/Support/Error.h"

namespace ssm {

/// An llvm::Error carrying `message`, the form every library here uses to
/// report bad input to its caller.
inline llvm::Error error(const llvm::Twine &message) {
  return llvm::createStringError(message);
}

} // namespace ssm

#endif // SSM_SUPPORT_ERROR_H
