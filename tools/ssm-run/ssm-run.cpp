//===- ssm-run.cpp - Runs ssm modules on .npy inputs ----------------------===//

#include "ssm/Runner/Runner.h"

int main(int argc, char **argv) { return ssm::runnerMain(argc, argv); }
