//===- ssm-compile.cpp - Compiles ssm modules to libraries ----------------===//

#include "ssm/Compiler/Driver.h"

int main(int argc, char **argv) { return ssm::compileMain(argc, argv); }
