//===- Evaluator.h - The reference evaluator --------------------*- C++ -*-===//
//
// Runs a `func.func` made of `ssm` ops and the upstream ops a model block
// needs (linalg structured ops, arith, math, tensor slicing and reshaping,
// func.call) on concrete inputs, in double precision. It is the oracle that
// every lowering is tested against, so it follows the op definitions
// literally and checks run-time shapes with the ops' own verifiers.
//
//===----------------------------------------------------------------------===//

#ifndef SSM_REFERENCE_EVALUATOR_H
#define SSM_REFERENCE_EVALUATOR_H

#include "ssm/Reference/Tensor.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"

#include <vector>

namespace ssm::ref {

/// Evaluates functions of one module. Errors are reported as MLIR diagnostics
/// at the location of the op that failed, and the call returns failure.
class Evaluator {
public:
  explicit Evaluator(mlir::ModuleOp module) : module(module) {}

  /// Runs `func` on `args` (one tensor per argument; scalars are rank-0).
  mlir::FailureOr<std::vector<Tensor>> run(mlir::func::FuncOp func,
                                           llvm::ArrayRef<Tensor> args);

  /// Looks `name` up in the module and runs it.
  mlir::FailureOr<std::vector<Tensor>> run(llvm::StringRef name,
                                           llvm::ArrayRef<Tensor> args);

private:
  mlir::ModuleOp module;
  unsigned callDepth = 0;
};

/// Whether `tensor`'s shape agrees with `type`: the rank of a ranked
/// tensor type (0 for a scalar type) and every static size.
bool fitsType(const Tensor &tensor, mlir::Type type);

/// Rounds `value` to the precision of the float type `type` (f16, bf16, f32;
/// f64 and non-float types are returned unchanged).
double roundToType(double value, mlir::Type type);

} // namespace ssm::ref

#endif // SSM_REFERENCE_EVALUATOR_H
