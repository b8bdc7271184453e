//===- Search.h - NSGA-II architecture search over genomes ------*- C++ -*-===//
//
// Genome-aware variation (mutation and crossover at LIV boundaries, both
// followed by repair) and the NSGA-II loop that evolves a population on
// objectives computed by the compiler, with budgets as constraints.
//
//===----------------------------------------------------------------------===//

#ifndef SSM_GENOME_SEARCH_H
#define SSM_GENOME_SEARCH_H

#include "ssm/Genome/Genome.h"
#include "ssm/Genome/NSGA2.h"
#include "ssm/Genome/Objectives.h"

#include "llvm/Support/raw_ostream.h"

#include <functional>

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace ssm::genome {

//===----------------------------------------------------------------------===//
// Variation
//===----------------------------------------------------------------------===//

struct MutationOptions {
  /// Probability that each gene of each LIV is redrawn.
  double geneRate = 0.1;
  /// Of class redraws, the fraction that stay within the class's category.
  double withinCategory = 0.5;
};

/// Redraws genes at `options.geneRate` (a class within its category or
/// among all classes; groups in [1, depth]; strategies in [0, 2]), then
/// repairs. The result is valid whenever `genome` was.
void mutate(Genome &genome, Random &rng, const MutationOptions &options = {});

/// Two-point crossover cutting only at LIV boundaries: the children swap
/// the LIVs in [i, j). Group numbers of the swapped segment are kept apart
/// from the rest's, then renumbered; both children are repaired. Parents
/// must have the same backbone and depth.
std::pair<Genome, Genome> crossover(const Genome &a, const Genome &b,
                                    Random &rng);

/// A genome of `depth` LIVs with uniformly drawn classes and no sharing.
Genome randomGenome(const Backbone &backbone, int64_t depth, Random &rng);

//===----------------------------------------------------------------------===//
// Budgets
//===----------------------------------------------------------------------===//

/// A constraint on an objective: `value <= limit` (upper bound) or
/// `|value - limit| <= tolerance * limit` (target).
struct Budget {
  Objective objective;
  double limit;
  bool upperBound = false;
  double tolerance = 0.05;
};

/// Parses `params=125e6` (within the tolerance) or `cache<=1e9`.
llvm::Expected<Budget> parseBudget(llvm::StringRef text, double tolerance);

/// How far `evaluation` is from meeting `budgets`: the sum of relative
/// excesses (0 when all are met).
double budgetViolation(const Evaluation &evaluation,
                       llvm::ArrayRef<Budget> budgets);

//===----------------------------------------------------------------------===//
// The search
//===----------------------------------------------------------------------===//

struct SearchOptions {
  size_t population = 16;
  unsigned generations = 18;
  double crossoverRate = 0.9;
  MutationOptions mutation;
  uint64_t seed = 1;
  /// Worker threads for evaluation (0: all hardware threads).
  unsigned jobs = 0;
  std::vector<Objective> objectives;
  std::vector<Budget> budgets;
  ObjectiveOptions objectiveOptions;
  /// Templates seeding the first population; the rest of it are mutated
  /// copies of them.
  std::vector<std::string> seedTemplates;
  Backbone backbone;
  int64_t depth = 8;
};

/// One evaluated genome.
struct Individual {
  Genome genome;
  Evaluation evaluation;
  Fitness fitness;
  /// The generation that first produced it (0 for the initial population).
  unsigned generation = 0;
};

struct SearchResult {
  /// The final population's first front (feasible when any is).
  std::vector<Individual> front;
  /// Every distinct genome evaluated, in order of first evaluation.
  std::vector<Individual> evaluated;
};

/// Progress callback: generation number (0 = initial population), the
/// current population.
using ProgressFn =
    std::function<void(unsigned, const std::vector<Individual> &)>;

/// Runs NSGA-II. Deterministic for a seed when the objectives are (latency
/// is measured, so it is not).
llvm::Expected<SearchResult> runSearch(const SearchOptions &options,
                                       const mlir::DialectRegistry &registry,
                                       const ProgressFn &progress = {});

} // namespace ssm::genome

#endif // SSM_GENOME_SEARCH_H
