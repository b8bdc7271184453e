//===- Passes.h - Passes of the ssm dialect ---------------------*- C++ -*-===//

#ifndef SSM_DIALECT_SSM_TRANSFORMS_PASSES_H
#define SSM_DIALECT_SSM_TRANSFORMS_PASSES_H

#include "ssm/Dialect/SSM/IR/SSMDialect.h"

#include "mlir/Pass/Pass.h"

namespace mlir::ssm {

#define GEN_PASS_DECL
#include "ssm/Dialect/SSM/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "ssm/Dialect/SSM/Transforms/Passes.h.inc"

} // namespace mlir::ssm

#endif // SSM_DIALECT_SSM_TRANSFORMS_PASSES_H
