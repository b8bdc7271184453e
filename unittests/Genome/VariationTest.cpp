//===- VariationTest.cpp - Mutation, crossover and budgets ----------------===//
//
// Thousands of random mutations and crossovers must all yield valid genomes;
// crossover must take whole LIVs from the parents at their positions; the
// same seed must give the same search. Budgets are checked by hand.
//
//===----------------------------------------------------------------------===//

#include "GenomeTestHelpers.h"

#include "ssm/Genome/Random.h"
#include "ssm/Genome/Search.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <climits>
#include <set>

using namespace ssm::genome;
using namespace ssm::genome::testing;

namespace {

constexpr int kTrials = 3000;

/// A backbone with 1, 2, 4 or 8 heads, so that GQA is usable on some only.
Backbone randomBackbone(Random &rng) {
  Backbone b;
  b.heads = int64_t(1) << rng.between(0, 3);
  b.width = 8 * b.heads;
  b.vocab = 16;
  return b;
}

/// A valid genome with some sharing: random classes, then mutated hard.
Genome randomSharingGenome(const Backbone &backbone, int64_t depth,
                           Random &rng) {
  Genome genome = randomGenome(backbone, depth, rng);
  MutationOptions heavy;
  heavy.geneRate = 0.6;
  mutate(genome, rng, heavy);
  return genome;
}

/// The fewest places where a child's class switches from one parent's (at
/// the same position) to the other's; INT_MAX when some class is neither.
int fewestCutPoints(const Genome &child, const Genome &a, const Genome &b) {
  constexpr int kNone = INT_MAX / 2;
  // Fewest switches so far when position i comes from a, resp. from b.
  int fromA = 0, fromB = 0;
  for (size_t i = 0; i < child.livs.size(); ++i) {
    bool canA = child.livs[i].cls == a.livs[i].cls;
    bool canB = child.livs[i].cls == b.livs[i].cls;
    int nextA = canA ? std::min(fromA, fromB + 1) : kNone;
    int nextB = canB ? std::min(fromB, fromA + 1) : kNone;
    fromA = nextA;
    fromB = nextB;
  }
  int fewest = std::min(fromA, fromB);
  return fewest >= kNone ? INT_MAX : fewest;
}

/// Whether both children swap one common segment [begin, end) of the
/// parents: classes from the other parent inside it, from their own parent
/// outside, and every strategy kept or reset to 0 by repair.
bool swapsOneSegment(const Genome &childA, const Genome &childB,
                     const Genome &a, const Genome &b) {
  size_t depth = a.livs.size();
  auto keeps = [](const LivGene &child, const LivGene &parent) {
    return child.cls == parent.cls &&
           (child.featurizerStrategy == parent.featurizerStrategy ||
            child.featurizerStrategy == 0) &&
           (child.featureStrategy == parent.featureStrategy ||
            child.featureStrategy == 0);
  };
  for (size_t begin = 0; begin < depth; ++begin)
    for (size_t end = begin + 1; end <= depth; ++end) {
      bool matches = true;
      for (size_t i = 0; i < depth && matches; ++i) {
        bool inside = i >= begin && i < end;
        matches = keeps(childA.livs[i], inside ? b.livs[i] : a.livs[i]) &&
                  keeps(childB.livs[i], inside ? a.livs[i] : b.livs[i]);
      }
      if (matches)
        return true;
    }
  return false;
}

//===----------------------------------------------------------------------===//
// Mutation
//===----------------------------------------------------------------------===//

TEST(MutationTest, ChildrenAreAlwaysValid) {
  // Every mutation of a valid genome, at any rate, is valid.
  Random rng(11);
  for (int trial = 0; trial < kTrials; ++trial) {
    Backbone backbone = randomBackbone(rng);
    Genome genome = randomGenome(backbone, rng.between(1, 12), rng);
    ASSERT_TRUE(findProblems(genome).empty()) << describe(genome);
    MutationOptions options;
    options.geneRate = rng.uniform();
    options.withinCategory = rng.uniform();
    // A chain of mutations, so that sharing built by one is mutated again.
    for (int step = 0; step < 3; ++step) {
      mutate(genome, rng, options);
      ASSERT_TRUE(findProblems(genome).empty())
          << "trial " << trial << " step " << step << "\n"
          << describe(genome);
    }
  }
}

TEST(MutationTest, MutatingTemplatesStaysValid) {
  // Mutations of every template, as the search seeds them, are valid.
  Random rng(12);
  MutationOptions seeding;
  seeding.geneRate = 0.3;
  Backbone backbone;
  for (const TemplateInfo &info : templates()) {
    llvm::Expected<Genome> base = makeTemplate(info.name, backbone, 8);
    ASSERT_TRUE(bool(base)) << llvm::toString(base.takeError());
    for (int trial = 0; trial < 200; ++trial) {
      Genome genome = *base;
      mutate(genome, rng, seeding);
      ASSERT_TRUE(findProblems(genome).empty())
          << info.name.str() << " trial " << trial << "\n"
          << describe(genome);
    }
  }
}

TEST(MutationTest, ZeroRateOnlyRenumbers) {
  // With geneRate 0, mutate changes nothing but the group numbering.
  Random rng(13);
  for (int trial = 0; trial < 300; ++trial) {
    Genome genome =
        randomSharingGenome(randomBackbone(rng), rng.between(1, 10), rng);
    // Reverse the group numbers so that renumbering has work to do.
    int depth = static_cast<int>(genome.depth());
    for (LivGene &g : genome.livs) {
      g.featurizerGroup = depth + 1 - g.featurizerGroup;
      g.featureGroup = depth + 1 - g.featureGroup;
    }
    Genome expected = genome;
    renumberGroups(expected);
    MutationOptions none;
    none.geneRate = 0;
    mutate(genome, rng, none);
    ASSERT_EQ(genome, expected) << "trial " << trial << "\n"
                                << printGenomeText(genome);
  }
}

TEST(MutationTest, FullRateRedrawsEveryClassWithinItsCategory) {
  // geneRate 1 with withinCategory 1 changes each class, keeping category.
  Random rng(14);
  MutationOptions options;
  options.geneRate = 1;
  options.withinCategory = 1;
  for (int trial = 0; trial < 300; ++trial) {
    Genome before = randomGenome(randomBackbone(rng), rng.between(1, 10), rng);
    Genome after = before;
    mutate(after, rng, options);
    for (size_t i = 0; i < before.livs.size(); ++i) {
      const LivClass *was = lookupClass(before.livs[i].cls);
      const LivClass *is = lookupClass(after.livs[i].cls);
      ASSERT_NE(is, nullptr);
      EXPECT_NE(is, was) << "trial " << trial << " liv " << i + 1;
      EXPECT_EQ(is->category, was->category)
          << "trial " << trial << " liv " << i + 1 << ": " << was->name.str()
          << " -> " << is->name.str();
    }
  }
}

TEST(MutationTest, RandomGenomesRespectGQADivisibility) {
  // randomGenome draws exactly the classes whose KV repeat divides heads.
  Random rng(15);
  for (int64_t heads : {1, 2, 4}) {
    SCOPED_TRACE(heads);
    Backbone backbone;
    backbone.heads = heads;
    backbone.width = 8 * heads;
    std::set<int> seen;
    for (int trial = 0; trial < 500; ++trial) {
      Genome genome = randomGenome(backbone, 8, rng);
      ASSERT_EQ(genome.depth(), 8);
      for (auto [i, g] : llvm::enumerate(genome.livs)) {
        const LivClass *cls = lookupClass(g.cls);
        ASSERT_NE(cls, nullptr);
        ASSERT_EQ(heads % cls->kvRepeat, 0) << cls->name.str();
        seen.insert(g.cls);
        EXPECT_EQ(g.featurizerGroup, int(i + 1));
        EXPECT_EQ(g.featureGroup, int(i + 1));
        EXPECT_EQ(g.featurizerStrategy, 0);
        EXPECT_EQ(g.featureStrategy, 0);
      }
    }
    for (const LivClass &c : livClasses())
      EXPECT_EQ(seen.count(c.id) == 1, heads % c.kvRepeat == 0) << c.name.str();
  }
  // On two heads that is all but gqa4 and diff-gqa4.
  Backbone two;
  two.heads = 2;
  two.width = 16;
  for (int trial = 0; trial < 500; ++trial)
    for (const LivGene &g : randomGenome(two, 8, rng).livs) {
      ASSERT_NE(g.cls, classId("gqa4"));
      ASSERT_NE(g.cls, classId("diff-gqa4"));
    }
}

//===----------------------------------------------------------------------===//
// Crossover
//===----------------------------------------------------------------------===//

TEST(CrossoverTest, ChildrenAreAlwaysValid) {
  // Both children of every crossover of valid parents are valid.
  Random rng(21);
  for (int trial = 0; trial < kTrials; ++trial) {
    Backbone backbone = randomBackbone(rng);
    int64_t depth = rng.between(1, 12);
    Genome a = randomSharingGenome(backbone, depth, rng);
    Genome b = randomSharingGenome(backbone, depth, rng);
    auto [childA, childB] = crossover(a, b, rng);
    ASSERT_TRUE(findProblems(childA).empty())
        << "trial " << trial << "\nparents:\n"
        << printGenomeText(a) << printGenomeText(b) << "child:\n"
        << describe(childA);
    ASSERT_TRUE(findProblems(childB).empty())
        << "trial " << trial << "\nparents:\n"
        << printGenomeText(a) << printGenomeText(b) << "child:\n"
        << describe(childB);
  }
}

TEST(CrossoverTest, ChildrenSwapOneSegmentOfLivs) {
  // Children take classes from the parents in place, cut at most twice.

  // Both children swap the same segment.
  Random rng(22);
  int nontrivial = 0;
  for (int trial = 0; trial < kTrials; ++trial) {
    Backbone backbone = randomBackbone(rng);
    int64_t depth = rng.between(2, 12);
    Genome a = randomSharingGenome(backbone, depth, rng);
    Genome b = randomSharingGenome(backbone, depth, rng);
    auto [childA, childB] = crossover(a, b, rng);
    ASSERT_EQ(childA.depth(), depth);
    ASSERT_EQ(childB.depth(), depth);
    EXPECT_EQ(childA.backbone, backbone);
    EXPECT_EQ(childB.backbone, backbone);
    EXPECT_LE(fewestCutPoints(childA, a, b), 2)
        << printGenomeText(a) << printGenomeText(b) << printGenomeText(childA);
    EXPECT_LE(fewestCutPoints(childB, a, b), 2)
        << printGenomeText(a) << printGenomeText(b) << printGenomeText(childB);
    EXPECT_TRUE(swapsOneSegment(childA, childB, a, b))
        << "trial " << trial << "\nparents:\n"
        << printGenomeText(a) << printGenomeText(b) << "children:\n"
        << printGenomeText(childA) << printGenomeText(childB);
    if (fewestCutPoints(childA, a, b) > 0)
      ++nontrivial;
  }
  // Most crossovers of random parents actually mix them.
  EXPECT_GT(nontrivial, kTrials / 2);
}

TEST(CrossoverTest, CrossingAGenomeWithItselfKeepsItsClasses) {
  // Crossing a genome with itself keeps every class in place.

  // Only sharing across the cuts may be lost: a swapped segment keeps its
  // groups apart from the rest's.
  Random rng(23);
  for (int trial = 0; trial < 300; ++trial) {
    Genome a =
        randomSharingGenome(randomBackbone(rng), rng.between(1, 10), rng);
    auto [childA, childB] = crossover(a, a, rng);
    ASSERT_TRUE(swapsOneSegment(childA, childB, a, a))
        << printGenomeText(a) << printGenomeText(childA)
        << printGenomeText(childB);
    ASSERT_TRUE(findProblems(childA).empty()) << describe(childA);
    ASSERT_TRUE(findProblems(childB).empty()) << describe(childB);
  }
}

TEST(CrossoverTest, UnequalOrTinyParentsAreReturned) {
  // Parents of different depths, or of depth 1, come back unchanged.
  Random rng(24);
  Backbone backbone;
  Genome shallow = randomGenome(backbone, 3, rng);
  Genome deep = randomGenome(backbone, 5, rng);
  auto [first, second] = crossover(shallow, deep, rng);
  EXPECT_EQ(first, shallow);
  EXPECT_EQ(second, deep);
  Genome one = genomeOf(backbone, {"mha"});
  Genome other = genomeOf(backbone, {"hyena"});
  auto [x, y] = crossover(one, other, rng);
  EXPECT_EQ(x, one);
  EXPECT_EQ(y, other);
}

//===----------------------------------------------------------------------===//
// Reproducibility
//===----------------------------------------------------------------------===//

/// The genomes a short run of variation produces from `seed`.
std::vector<Genome> variationSequence(uint64_t seed) {
  Random rng(seed);
  Backbone backbone;
  std::vector<Genome> out;
  for (int round = 0; round < 30; ++round) {
    Genome a = randomGenome(backbone, 8, rng);
    Genome b = randomGenome(backbone, 8, rng);
    mutate(a, rng, MutationOptions{0.3, 0.5});
    mutate(b, rng, MutationOptions{0.3, 0.5});
    auto [c, d] = crossover(a, b, rng);
    out.insert(out.end(), {a, b, c, d});
  }
  return out;
}

TEST(ReproducibilityTest, SameSeedSameGenomes) {
  // The same seed gives the same mutated and crossed genomes.
  for (uint64_t seed : {0, 1, 42}) {
    std::vector<Genome> first = variationSequence(seed);
    std::vector<Genome> second = variationSequence(seed);
    ASSERT_EQ(first.size(), second.size());
    for (size_t i = 0; i < first.size(); ++i)
      ASSERT_EQ(first[i], second[i]) << "seed " << seed << " genome " << i;
  }
}

TEST(ReproducibilityTest, DifferentSeedsDiffer) {
  // Different seeds give different sequences of genomes.
  std::vector<Genome> first = variationSequence(1);
  std::vector<Genome> second = variationSequence(2);
  ASSERT_EQ(first.size(), second.size());
  size_t different = 0;
  for (size_t i = 0; i < first.size(); ++i)
    different += first[i] == second[i] ? 0 : 1;
  EXPECT_GT(different, first.size() / 2);
}

//===----------------------------------------------------------------------===//
// Budgets
//===----------------------------------------------------------------------===//

TEST(BudgetTest, ParsesTargetsAndUpperBounds) {
  // `name=value` is a target with the tolerance, `name<=value` a bound.
  llvm::Expected<Budget> params = parseBudget("params=125e6", 0.1);
  ASSERT_TRUE(bool(params)) << llvm::toString(params.takeError());
  EXPECT_EQ(params->objective, Objective::Params);
  EXPECT_EQ(params->limit, 125e6);
  EXPECT_FALSE(params->upperBound);
  EXPECT_EQ(params->tolerance, 0.1);

  llvm::Expected<Budget> cache = parseBudget("cache<=1e9", 0.05);
  ASSERT_TRUE(bool(cache)) << llvm::toString(cache.takeError());
  EXPECT_EQ(cache->objective, Objective::Cache);
  EXPECT_EQ(cache->limit, 1e9);
  EXPECT_TRUE(cache->upperBound);

  llvm::Expected<Budget> decode = parseBudget("decode-flops<= 2.5e6 ", 0.05);
  ASSERT_TRUE(bool(decode)) << llvm::toString(decode.takeError());
  EXPECT_EQ(decode->objective, Objective::DecodeFlops);
  EXPECT_EQ(decode->limit, 2.5e6);
  EXPECT_TRUE(decode->upperBound);
}

TEST(BudgetTest, RejectsMalformedBudgets) {
  // Malformed budgets are errors that quote the budget.
  for (const char *text :
       {"params", "params=", "params<=", "=5", "<=5", "speed=5",
        "params,cache=5", "params=abc", "params=5x", "params=0", "params=-1",
        "cache<=-1e9", ""}) {
    llvm::Expected<Budget> budget = parseBudget(text, 0.05);
    if (budget) {
      ADD_FAILURE() << "accepted '" << text << "'";
      continue;
    }
    std::string message = llvm::toString(budget.takeError());
    EXPECT_NE(message.find(std::string("'") + text + "'"), std::string::npos)
        << message;
  }
}

TEST(BudgetTest, RejectsNotANumber) {
  // "nan" is not a positive number and must not become a limit.
  llvm::Expected<Budget> budget = parseBudget("params=nan", 0.05);
  EXPECT_FALSE(bool(budget));
  if (!budget)
    llvm::consumeError(budget.takeError());
}

TEST(BudgetTest, ViolationIsSumOfRelativeExcesses) {
  // Violations by hand: relative excesses over targets and bounds, summed.

  // Targets count |v - l| / l beyond the tolerance, bounds count (v - l) / l
  // above the limit, objectives not evaluated count nothing.
  Evaluation evaluation;
  evaluation.values[Objective::Params] = 110;
  evaluation.values[Objective::Cache] = 3e9;
  evaluation.values[Objective::Flops] = 80;

  Budget params{Objective::Params, 100, /*upperBound=*/false, 0.05};
  Budget cache{Objective::Cache, 1e9, /*upperBound=*/true, 0.05};
  Budget flops{Objective::Flops, 100, /*upperBound=*/false, 0.05};
  Budget traffic{Objective::Traffic, 1, /*upperBound=*/true, 0.05};

  // |110 - 100| / 100 = 0.10, minus 0.05.
  EXPECT_NEAR(budgetViolation(evaluation, {params}), 0.05, 1e-12);
  // (3e9 - 1e9) / 1e9 = 2.
  EXPECT_NEAR(budgetViolation(evaluation, {cache}), 2.0, 1e-12);
  // Below a target counts as well: |80 - 100| / 100 = 0.20, minus 0.05.
  EXPECT_NEAR(budgetViolation(evaluation, {flops}), 0.15, 1e-12);
  // Not evaluated: ignored.
  EXPECT_EQ(budgetViolation(evaluation, {traffic}), 0.0);
  EXPECT_NEAR(budgetViolation(evaluation, {params, cache, flops, traffic}),
              0.05 + 2.0 + 0.15, 1e-12);
  EXPECT_EQ(budgetViolation(evaluation, {}), 0.0);

  // Met budgets: within the tolerance, or under the bound.
  Budget loose{Objective::Params, 106, /*upperBound=*/false, 0.05};
  Budget roomy{Objective::Cache, 4e9, /*upperBound=*/true, 0.05};
  EXPECT_EQ(budgetViolation(evaluation, {loose, roomy}), 0.0);
  // A bound is not a target: far below it is fine.
  Budget huge{Objective::Flops, 1e6, /*upperBound=*/true, 0.05};
  EXPECT_EQ(budgetViolation(evaluation, {huge}), 0.0);
}

} // namespace
