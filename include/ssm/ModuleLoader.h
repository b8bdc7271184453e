//===- ModuleLoader.h - Parsing modules for the ssm tools -------*- C++ -*-===//

#ifndef SSM_MODULELOADER_H
#define SSM_MODULELOADER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/SourceMgr.h"

#include <memory>
#include <string>

namespace ssm {

/// A context with every dialect the tools use, whose diagnostics are
/// printed with the source lines of the files it loaded.
class ModuleLoader {
public:
  ModuleLoader();

  /// Parses and verifies `path`. On failure returns null; a missing file is
  /// described in `error`, parse and verifier errors have been printed.
  mlir::OwningOpRef<mlir::ModuleOp> load(llvm::StringRef path,
                                         std::string &error);

  mlir::MLIRContext &getContext() { return *context; }

private:
  std::unique_ptr<mlir::MLIRContext> context;
  llvm::SourceMgr sourceMgr;
  std::unique_ptr<mlir::SourceMgrDiagnosticHandler> handler;
};

} // namespace ssm

#endif // SSM_MODULELOADER_H
