//===- LoopUtils.h - Loop rewrites shared by the CPU and GPU pipelines ----===//

#ifndef SSM_CONVERSION_LOOPUTILS_H
#define SSM_CONVERSION_LOOPUTILS_H

#include "mlir/Dialect/SCF/IR/SCF.h"

namespace mlir::ssm {

/// Replaces `loop` (which must have no reductions) by a nest of scf.for
/// loops over the same bounds, with the same body.
void sequentialize(scf::ParallelOp loop);

} // namespace mlir::ssm

#endif // SSM_CONVERSION_LOOPUTILS_H
