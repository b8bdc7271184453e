//===- Driver.h - The ssm-compile command line ------------------*- C++ -*-===//

#ifndef SSM_COMPILER_DRIVER_H
#define SSM_COMPILER_DRIVER_H

namespace ssm {

/// Entry point of the `ssm-compile` tool; returns the process exit code.
int compileMain(int argc, char **argv);

} // namespace ssm

#endif // SSM_COMPILER_DRIVER_H
