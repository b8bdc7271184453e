//===- NSGA2Test.cpp - Tests of NSGA-II and the search's generator --------===//

#include "ssm/Genome/NSGA2.h"
#include "ssm/Genome/Random.h"

#include "gtest/gtest.h"

#include <cstdint>
#include <limits>
#include <set>

using namespace ssm::genome;

namespace {

const double kInf = std::numeric_limits<double>::infinity();

Fitness fit(std::vector<double> objectives, double violation = 0) {
  Fitness f;
  f.objectives = std::move(objectives);
  f.violation = violation;
  return f;
}

using Fronts = std::vector<std::vector<size_t>>;

/// A 2-objective set with three known fronts, shuffled so that the indices
/// inside a front are not already adjacent:
///   front 0: A(1,5) B(2,3) C(4,1)
///   front 1: D(2,6) E(3,4) F(5,2)  (each dominated by one of front 0)
///   front 2: G(3,7) H(6,5)          (dominated by members of front 1)
std::vector<Fitness> threeFronts() {
  return {fit({3, 7}), fit({1, 5}), fit({3, 4}), fit({4, 1}),
          fit({6, 5}), fit({2, 6}), fit({2, 3}), fit({5, 2})};
}

/// The 4-point front of the crowding test, plus a constant third objective:
///   P0(0,10) P1(1,8) P2(3,4) P3(4,0)
/// By hand, objective 0 (range 4) gives P1 (3-0)/4 and P2 (4-1)/4; objective 1
/// (range 10, sorted P3 P2 P1 P0) gives P2 (8-0)/10 and P1 (10-4)/10; the
/// constant objective gives nothing.
Fitness p0() { return fit({0, 10, 7}); }
Fitness p1() { return fit({1, 8, 7}); }
Fitness p2() { return fit({3, 4, 7}); }
Fitness p3() { return fit({4, 0, 7}); }
const double kP1 = 3.0 / 4 + 6.0 / 10;
const double kP2 = 3.0 / 4 + 8.0 / 10;

TEST(NSGA2Test, DominanceIsStrictPareto) {
  // Pareto dominance needs no worse everywhere and better somewhere.
  EXPECT_TRUE(dominates({1, 2}, {1, 3}));
  EXPECT_TRUE(dominates({0, 0}, {1, 1}));
  EXPECT_FALSE(dominates({1, 3}, {1, 2}));
  EXPECT_FALSE(dominates({1, 3}, {2, 1}));
  EXPECT_FALSE(dominates({2, 1}, {1, 3}));
  EXPECT_FALSE(dominates({1, 1}, {1, 1}));
  EXPECT_FALSE(dominates({}, {}));
}

TEST(NSGA2Test, SortsThreeKnownFronts) {
  // A hand-made set sorts into its three known fronts, indices ascending.
  EXPECT_EQ(nonDominatedSort(threeFronts()),
            (Fronts{{1, 3, 6}, {2, 5, 7}, {0, 4}}));
}

TEST(NSGA2Test, MutuallyNonDominatedSetIsOneFront) {
  // Points on a trade-off line all share front 0.
  std::vector<Fitness> population;
  for (int i = 0; i < 6; ++i)
    population.push_back(fit({double(i), double(10 - i)}));
  EXPECT_EQ(nonDominatedSort(population), (Fronts{{0, 1, 2, 3, 4, 5}}));
}

TEST(NSGA2Test, DuplicatesShareAFront) {
  // Equal points do not dominate each other, so duplicates share a front.
  std::vector<Fitness> population = {fit({2, 2}), fit({1, 1}), fit({1, 1}),
                                     fit({2, 2})};
  EXPECT_EQ(nonDominatedSort(population), (Fronts{{1, 2}, {0, 3}}));
}

TEST(NSGA2Test, SortHandlesTinyPopulations) {
  // No individuals give no fronts; one individual gives one front.
  EXPECT_TRUE(nonDominatedSort({}).empty());
  EXPECT_EQ(nonDominatedSort({fit({1, 2})}), (Fronts{{0}}));
}

TEST(NSGA2Test, FeasibleBeatsInfeasible) {
  // Any feasible individual dominates any infeasible one, whatever the
  // objectives.
  Fitness feasible = fit({100, 100}), infeasible = fit({0, 0}, 1);
  EXPECT_TRUE(feasible.feasible());
  EXPECT_FALSE(infeasible.feasible());
  EXPECT_TRUE(constrainedDominates(feasible, infeasible));
  EXPECT_FALSE(constrainedDominates(infeasible, feasible));
}

TEST(NSGA2Test, SmallerViolationWinsAmongInfeasible) {
  // Of two infeasible individuals the smaller violation wins, whatever the
  // objectives; equal violations dominate neither way.
  Fitness slight = fit({9, 9}, 0.5), severe = fit({0, 0}, 2);
  EXPECT_TRUE(constrainedDominates(slight, severe));
  EXPECT_FALSE(constrainedDominates(severe, slight));
  Fitness other = fit({0, 0}, 0.5);
  EXPECT_FALSE(constrainedDominates(slight, other));
  EXPECT_FALSE(constrainedDominates(other, slight));
}

TEST(NSGA2Test, FeasibleUsePareto) {
  // Two feasible individuals compare by Pareto dominance.
  EXPECT_TRUE(constrainedDominates(fit({1, 1}), fit({1, 2})));
  EXPECT_FALSE(constrainedDominates(fit({1, 2}), fit({2, 1})));
  EXPECT_FALSE(constrainedDominates(fit({2, 1}), fit({1, 2})));
}

TEST(NSGA2Test, InfeasibleSortAfterFeasibleByViolation) {
  // Infeasible individuals fall behind every feasible front, ordered by
  // violation.
  std::vector<Fitness> population = {fit({0, 0}, 3), fit({5, 9}),
                                     fit({0, 0}, 1), fit({1, 9}),
                                     fit({9, 1}),    fit({0, 0}, 1)};
  EXPECT_EQ(nonDominatedSort(population), (Fronts{{3, 4}, {1}, {2, 5}, {0}}));
}

TEST(NSGA2Test, CrowdingDistancesByHand) {
  // A 4-point front with a constant objective matches the hand computation,
  // in the order of the given front.
  std::vector<Fitness> population = {p2(), p0(), p3(), p1()};
  std::vector<double> distance = crowdingDistances(population, {0, 1, 2, 3});
  ASSERT_EQ(distance.size(), 4u);
  EXPECT_DOUBLE_EQ(distance[0], kP2);
  EXPECT_EQ(distance[1], kInf);
  EXPECT_EQ(distance[2], kInf);
  EXPECT_DOUBLE_EQ(distance[3], kP1);

  // A sub-front is measured on its own: P1 and P3 are its boundaries.
  std::vector<double> sub = crowdingDistances(population, {3, 0, 2});
  ASSERT_EQ(sub.size(), 3u);
  EXPECT_EQ(sub[0], kInf);
  EXPECT_DOUBLE_EQ(sub[1], 1.0 + 1.0);
  EXPECT_EQ(sub[2], kInf);
}

TEST(NSGA2Test, DegenerateObjectivesContributeNothing) {
  // Objectives with max == min add nothing, not even to boundary points; an
  // empty front has no distances.
  std::vector<Fitness> population = {fit({1, 1}), fit({1, 1}), fit({1, 1})};
  EXPECT_EQ(crowdingDistances(population, {0, 1, 2}),
            (std::vector<double>{0, 0, 0}));
  EXPECT_TRUE(crowdingDistances(population, {}).empty());
}

TEST(NSGA2Test, RankPopulationGivesFrontsAndCrowding) {
  // Ranks are front numbers; crowding is measured within each front.
  Ranking ranking = rankPopulation(threeFronts());
  EXPECT_EQ(ranking.rank, (std::vector<unsigned>{2, 0, 1, 0, 2, 1, 0, 1}));
  // B(2,3) is the interior point of front 0: (4-1)/3 + (5-1)/4.
  EXPECT_DOUBLE_EQ(ranking.crowding[6], 1.0 + 1.0);
  EXPECT_EQ(ranking.crowding[1], kInf);
  EXPECT_EQ(ranking.crowding[3], kInf);
  EXPECT_TRUE(rankPopulation({}).rank.empty());
}

TEST(NSGA2Test, SurvivorsCutLastFrontByCrowding) {
  // Front 0 survives whole; front 1 is cut keeping its boundaries (ties by
  // index), then its least crowded interior point.
  std::vector<Fitness> population = {p2(), fit({-1, -2, 7}), p0(),
                                     p3(), fit({-2, -1, 7}), p1()};
  ASSERT_EQ(nonDominatedSort(population), (Fronts{{1, 4}, {0, 2, 3, 5}}));
  EXPECT_EQ(selectSurvivors(population, 5),
            (std::vector<size_t>{1, 4, 2, 3, 0}));
  EXPECT_EQ(selectSurvivors(population, 3), (std::vector<size_t>{1, 4, 2}));
  EXPECT_EQ(selectSurvivors(population, 1), (std::vector<size_t>{1}));
}

TEST(NSGA2Test, SurvivorsEdgeCases) {
  // A count of at least the size returns everyone; zero or an empty
  // population returns no one.
  std::vector<Fitness> population = threeFronts();
  std::vector<size_t> all = {1, 3, 6, 2, 5, 7, 0, 4};
  EXPECT_EQ(selectSurvivors(population, 8), all);
  EXPECT_EQ(selectSurvivors(population, 100), all);
  EXPECT_TRUE(selectSurvivors(population, 0).empty());
  EXPECT_TRUE(selectSurvivors({}, 4).empty());
  EXPECT_EQ(selectSurvivors({fit({1})}, 1), (std::vector<size_t>{0}));
}

TEST(NSGA2Test, TournamentPrefersLowerRank) {
  // Of two distinct contestants the lower rank always wins, even against
  // infinite crowding.
  Ranking ranking{{1, 0}, {kInf, 0}};
  Random rng(7);
  for (int i = 0; i < 200; ++i)
    EXPECT_EQ(tournament(ranking, rng), 1u);
}

TEST(NSGA2Test, TournamentBreaksRankTiesByCrowding) {
  // At equal rank the larger crowding distance wins.
  Ranking ranking{{0, 0}, {5, 1}};
  Random rng(7);
  for (int i = 0; i < 200; ++i)
    EXPECT_EQ(tournament(ranking, rng), 0u);
}

TEST(NSGA2Test, TournamentDrawsDistinctContestants) {
  // The worst of three never wins, since it never meets itself; a single
  // individual always wins.
  Ranking ranking{{0, 1, 2}, {0, 0, 0}};
  Random rng(11);
  std::set<size_t> winners;
  for (int i = 0; i < 1000; ++i)
    winners.insert(tournament(ranking, rng));
  EXPECT_EQ(winners, (std::set<size_t>{0, 1}));
  Ranking one{{0}, {kInf}};
  EXPECT_EQ(tournament(one, rng), 0u);
}

TEST(RandomTest, MatchesReferenceSequence) {
  // splitmix64 seeding + xoshiro256** gives the reference outputs, so a seed
  // means the same search on every platform.
  Random zero(0);
  EXPECT_EQ(zero.next(), 0x99ec5f36cb75f2b4ULL);
  EXPECT_EQ(zero.next(), 0xbf6e1f784956452aULL);
  EXPECT_EQ(zero.next(), 0x1a5f849d4933e6e0ULL);
  Random answer(42);
  EXPECT_EQ(answer.next(), 0x15780b2e0c2ec716ULL);
}

TEST(RandomTest, SameSeedSameSequence) {
  // Two generators with one seed agree on every draw.
  Random a(1234), b(1234);
  for (int i = 0; i < 1000; ++i)
    ASSERT_EQ(a.next(), b.next());
}

TEST(RandomTest, DifferentSeedsDiffer) {
  // Neighbouring seeds give different sequences.
  Random a(1), b(2);
  bool differ = false;
  for (int i = 0; i < 10; ++i)
    differ |= a.next() != b.next();
  EXPECT_TRUE(differ);
}

TEST(RandomTest, BelowStaysInRangeAndHitsEveryValue) {
  // below(n) draws only from [0, n) and reaches each value.
  Random rng(99);
  std::vector<int> hits(7, 0);
  for (int i = 0; i < 10000; ++i) {
    uint64_t v = rng.below(7);
    ASSERT_LT(v, 7u);
    ++hits[v];
  }
  for (int count : hits)
    EXPECT_GT(count, 0);
  for (int i = 0; i < 100; ++i)
    EXPECT_EQ(rng.below(1), 0u);
  // A bound just above 2^63 rejects nearly half of all raw values.
  uint64_t big = (uint64_t(1) << 63) + 1;
  for (int i = 0; i < 100; ++i)
    EXPECT_LT(rng.below(big), big);
}

TEST(RandomTest, BetweenIsInclusive) {
  // between(lo, hi) reaches both ends and nothing outside them.
  Random rng(5);
  std::set<int64_t> seen;
  for (int i = 0; i < 2000; ++i) {
    int64_t v = rng.between(-3, 3);
    ASSERT_GE(v, -3);
    ASSERT_LE(v, 3);
    seen.insert(v);
  }
  EXPECT_EQ(seen.size(), 7u);
  EXPECT_EQ(rng.between(4, 4), 4);
  // The full int64_t range does not overflow.
  for (int i = 0; i < 10; ++i)
    rng.between(std::numeric_limits<int64_t>::min(),
                std::numeric_limits<int64_t>::max());
}

TEST(RandomTest, UniformAndChance) {
  // uniform() stays in [0, 1); chance(0) never fires and chance(1) always
  // does.
  Random rng(3);
  for (int i = 0; i < 1000; ++i) {
    double u = rng.uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    EXPECT_FALSE(rng.chance(0));
    EXPECT_TRUE(rng.chance(1));
  }
}

} // namespace
