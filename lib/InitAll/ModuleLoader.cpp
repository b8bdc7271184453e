//===- ModuleLoader.cpp - Parsing modules for the ssm tools ---------------===//

#include "ssm/ModuleLoader.h"
#include "ssm/InitAllDialects.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"

using namespace mlir;

ssm::ModuleLoader::ModuleLoader() {
  DialectRegistry registry;
  registerAllDialects(registry);
  context = std::make_unique<MLIRContext>(registry);
  context->loadAllAvailableDialects();
  handler = std::make_unique<SourceMgrDiagnosticHandler>(sourceMgr,
                                                         context.get());
}

OwningOpRef<ModuleOp> ssm::ModuleLoader::load(llvm::StringRef path,
                                              std::string &error) {
  std::unique_ptr<llvm::MemoryBuffer> file = openInputFile(path, &error);
  if (!file)
    return nullptr;
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  return parseSourceFile<ModuleOp>(sourceMgr, context.get());
}
