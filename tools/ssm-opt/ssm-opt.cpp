//===- ssm-opt.cpp - The ssm optimizer driver -----------------------------===//

#include "ssm/InitAllDialects.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  ssm::registerAllDialects(registry);
  ssm::registerAllPasses();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "SSM optimizer driver\n", registry));
}
