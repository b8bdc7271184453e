//===- ssm-star.cpp - STAR-style genomes, decoding and search -------------===//

#include "ssm/Genome/StarDriver.h"

int main(int argc, char **argv) { return ssm::starMain(argc, argv); }
