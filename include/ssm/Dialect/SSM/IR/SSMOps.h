//===- SSMOps.h - Operations of the ssm dialect -----------------*- C++ -*-===//

#ifndef SSM_DIALECT_SSM_IR_SSMOPS_H
#define SSM_DIALECT_SSM_IR_SSMOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "ssm/Dialect/SSM/IR/SSMDialect.h"

#include "ssm/Dialect/SSM/IR/SSMEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "ssm/Dialect/SSM/IR/SSMAttrs.h.inc"

#define GET_OP_CLASSES
#include "ssm/Dialect/SSM/IR/SSMOps.h.inc"

#endif // SSM_DIALECT_SSM_IR_SSMOPS_H
