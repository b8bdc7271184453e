//===- Runner.h - The ssm-run driver ----------------------------*- C++ -*-===//
//
// Parses a module, reads `.npy` inputs (or makes random ones), runs a function
// and writes `.npy` results. `ssm-run` is a thin main over `runnerMain`.
//
//===----------------------------------------------------------------------===//

#ifndef SSM_RUNNER_RUNNER_H
#define SSM_RUNNER_RUNNER_H

#include "ssm/Reference/Tensor.h"
#include "ssm/Support/Npy.h"

#include "mlir/IR/Types.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <vector>

namespace ssm {

/// Deterministic inputs for `type` (a ranked tensor with static shape, or a
/// scalar): values uniform in [-1, 1), the same on every platform for a seed.
llvm::Expected<ref::Tensor> makeRandomInput(mlir::Type type, uint64_t seed);

/// Converts an `.npy` array to an evaluator tensor for an argument of type
/// `type`, checking the dtype.
llvm::Expected<ref::Tensor> tensorFromNpy(const npy::Array &array,
                                          mlir::Type type);

/// Converts a result of type `type` to an `.npy` array, rounding to its dtype.
llvm::Expected<npy::Array> npyFromTensor(const ref::Tensor &tensor,
                                         mlir::Type type);

/// The `.npy` dtype that holds elements of `type`, if any.
std::optional<npy::DType> npyTypeFor(mlir::Type type);

/// Entry point of the `ssm-run` tool; returns the process exit code.
int runnerMain(int argc, char **argv);

} // namespace ssm

#endif // SSM_RUNNER_RUNNER_H
