//===- StarDriver.h - The ssm-star command line -----------------*- C++ -*-===//

#ifndef SSM_GENOME_STARDRIVER_H
#define SSM_GENOME_STARDRIVER_H

namespace ssm {

/// Entry point of the `ssm-star` tool; returns the process exit code.
int starMain(int argc, char **argv);

} // namespace ssm

#endif // SSM_GENOME_STARDRIVER_H
