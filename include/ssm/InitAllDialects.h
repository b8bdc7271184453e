//===- InitAllDialects.h - Dialects that ssm tools load ---------*- C++ -*-===//

#ifndef SSM_INITALLDIALECTS_H
#define SSM_INITALLDIALECTS_H

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace ssm {

/// Registers the `ssm` dialect and the upstream dialects that SSM programs
/// are written with (func, arith, math, linalg, tensor, ...) and lowered
/// through (scf, memref, bufferization, vector, gpu, nvgpu, llvm, ...).
void registerAllDialects(mlir::DialectRegistry &registry);

/// Registers the upstream passes and the passes of this project.
void registerAllPasses();

} // namespace ssm

#endif // SSM_INITALLDIALECTS_H
