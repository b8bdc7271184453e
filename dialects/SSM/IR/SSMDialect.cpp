//===- SSMDialect.cpp - The ssm dialect -----------------------------------===//

#include "ssm/Dialect/SSM/IR/SSMDialect.h"
#include "ssm/Dialect/SSM/IR/SSMOps.h"

#include "mlir/IR/DialectImplementation.h"
#include "mlir/Transforms/InliningUtils.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::ssm;

#include "ssm/Dialect/SSM/IR/SSMOpsDialect.cpp.inc"
#include "ssm/Dialect/SSM/IR/SSMEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "ssm/Dialect/SSM/IR/SSMAttrs.cpp.inc"

namespace {
/// Every ssm op is pure and region-free, so it can be inlined anywhere.
struct SSMInlinerInterface : public DialectInlinerInterface {
  using DialectInlinerInterface::DialectInlinerInterface;

  bool isLegalToInline(Operation *, Region *, bool, IRMapping &) const final {
    return true;
  }
};
} // namespace

void SSMDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "ssm/Dialect/SSM/IR/SSMAttrs.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "ssm/Dialect/SSM/IR/SSMOps.cpp.inc"
      >();
  addInterfaces<SSMInlinerInterface>();
}
