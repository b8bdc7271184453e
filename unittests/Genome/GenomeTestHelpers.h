//===- GenomeTestHelpers.h - Hand-written genomes for the tests -*- C++ -*-===//
//
// Small builders shared by the genome unit tests: a gene from a class name,
// a genome without sharing from a list of class names, and a failure message
// that shows a genome with its problems.
//
//===----------------------------------------------------------------------===//

#ifndef SSM_UNITTESTS_GENOME_GENOMETESTHELPERS_H
#define SSM_UNITTESTS_GENOME_GENOMETESTHELPERS_H

#include "ssm/Genome/Genome.h"

#include "llvm/ADT/StringExtras.h"
#include "gtest/gtest.h"

#include <initializer_list>
#include <ostream>
#include <string>

namespace ssm::genome::testing {

/// The id of the class named `name`; a test failure (and mha) when unknown,
/// so that a typo in a test does not crash the binary.
inline int classId(llvm::StringRef name) {
  if (const LivClass *c = lookupClass(name))
    return c->id;
  ADD_FAILURE() << "no class named '" << name.str() << "'";
  return 1;
}

/// The five genes of one LIV, the class by name.
inline LivGene gene(llvm::StringRef cls, int featurizerGroup,
                    int featurizerStrategy, int featureGroup,
                    int featureStrategy) {
  LivGene g;
  g.cls = classId(cls);
  g.featurizerGroup = featurizerGroup;
  g.featurizerStrategy = featurizerStrategy;
  g.featureGroup = featureGroup;
  g.featureStrategy = featureStrategy;
  return g;
}

/// A genome of `classes` on `backbone`, each LIV alone in its groups.
inline Genome genomeOf(const Backbone &backbone,
                       std::initializer_list<llvm::StringRef> classes) {
  Genome genome;
  genome.backbone = backbone;
  int group = 0;
  for (llvm::StringRef cls : classes) {
    ++group;
    genome.livs.push_back(gene(cls, group, 0, group, 0));
  }
  return genome;
}

/// The genome's text form followed by its problems, for failure messages.
inline std::string describe(const Genome &genome) {
  return printGenomeText(genome) + "problems:\n" +
         llvm::join(findProblems(genome), "\n");
}

} // namespace ssm::genome::testing

namespace ssm::genome {

/// gtest prints genomes and genes in the text form rather than as bytes.
inline void PrintTo(const Genome &genome, std::ostream *os) {
  *os << "\n" << printGenomeText(genome);
}
inline void PrintTo(const LivGene &gene, std::ostream *os) {
  *os << "{" << gene.cls << ", " << gene.featurizerGroup << ", "
      << gene.featurizerStrategy << ", " << gene.featureGroup << ", "
      << gene.featureStrategy << "}";
}

} // namespace ssm::genome

#endif // SSM_UNITTESTS_GENOME_GENOMETESTHELPERS_H
