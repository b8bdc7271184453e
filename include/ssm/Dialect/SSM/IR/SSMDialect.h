//===- SSMDialect.h - The ssm dialect ---------------------------*- C++ -*-===//

#ifndef SSM_DIALECT_SSM_IR_SSMDIALECT_H
#define SSM_DIALECT_SSM_IR_SSMDIALECT_H

#include "mlir/IR/Dialect.h"

#include "ssm/Dialect/SSM/IR/SSMOpsDialect.h.inc"

#endif // SSM_DIALECT_SSM_IR_SSMDIALECT_H
