//===- SSMSchedule.h - The ssm.schedule attribute ---------------*- C++ -*-===//

#ifndef SSM_DIALECT_SSM_IR_SSMSCHEDULE_H
#define SSM_DIALECT_SSM_IR_SSMSCHEDULE_H

#include "llvm/ADT/StringRef.h"

namespace mlir::ssm {

/// The discardable attribute holding an op's `#ssm.schedule<...>`.
inline constexpr llvm::StringLiteral kScheduleAttrName = "ssm.schedule";

} // namespace mlir::ssm

#endif // SSM_DIALECT_SSM_IR_SSMSCHEDULE_H
