//===- NSGA2.cpp - NSGA-II ranking and selection --------------------------===//
//
// Straight from Deb et al. 2002: the O(M N^2) fast non-dominated sort, crowding
// distance, binary tournament and elitist survivor selection. Population sizes
// in a schedule search are small (tens to hundreds), so clarity wins over the
// asymptotically faster sorts.
//
//===----------------------------------------------------------------------===//

#include "ssm/Genome/NSGA2.h"

#include <algorithm>
#include <cassert>
#include <limits>
#include <numeric>

using namespace ssm::genome;

bool ssm::genome::dominates(const std::vector<double> &a,
                            const std::vector<double> &b) {
  assert(a.size() == b.size() && "objective vectors differ in length");
  size_t n = std::min(a.size(), b.size());
  bool better = false;
  for (size_t i = 0; i < n; ++i) {
    if (a[i] > b[i])
      return false;
    if (a[i] < b[i])
      better = true;
  }
  return better;
}

bool ssm::genome::constrainedDominates(const Fitness &a, const Fitness &b) {
  bool aFeasible = a.feasible(), bFeasible = b.feasible();
  if (aFeasible != bFeasible)
    return aFeasible;
  if (!aFeasible)
    return a.violation < b.violation;
  return dominates(a.objectives, b.objectives);
}

std::vector<std::vector<size_t>>
ssm::genome::nonDominatedSort(const std::vector<Fitness> &population) {
  size_t n = population.size();
  // dominated[p]: the individuals p dominates; dominatorCount[q]: how many
  // individuals dominate q that are not yet placed in a front.
  std::vector<std::vector<size_t>> dominated(n);
  std::vector<size_t> dominatorCount(n, 0);
  for (size_t p = 0; p < n; ++p) {
    for (size_t q = p + 1; q < n; ++q) {
      if (constrainedDominates(population[p], population[q])) {
        dominated[p].push_back(q);
        ++dominatorCount[q];
      } else if (constrainedDominates(population[q], population[p])) {
        dominated[q].push_back(p);
        ++dominatorCount[p];
      }
    }
  }

  std::vector<std::vector<size_t>> fronts;
  std::vector<size_t> current;
  for (size_t p = 0; p < n; ++p)
    if (dominatorCount[p] == 0)
      current.push_back(p);
  while (!current.empty()) {
    std::vector<size_t> next;
    for (size_t p : current)
      for (size_t q : dominated[p])
        if (--dominatorCount[q] == 0)
          next.push_back(q);
    // Members are released in the order their last dominator is visited;
    // sort them to keep the promised ascending order.
    std::sort(next.begin(), next.end());
    fronts.push_back(std::move(current));
    current = std::move(next);
  }
  return fronts;
}

std::vector<double>
ssm::genome::crowdingDistances(const std::vector<Fitness> &population,
                               const std::vector<size_t> &front) {
  size_t n = front.size();
  std::vector<double> distance(n, 0.0);
  if (n == 0)
    return distance;

  size_t numObjectives = population[front[0]].objectives.size();
#ifndef NDEBUG
  for (size_t index : front)
    assert(population[index].objectives.size() == numObjectives &&
           "objective vectors differ in length");
#endif

  const double infinity = std::numeric_limits<double>::infinity();
  std::vector<size_t> order(n);
  for (size_t m = 0; m < numObjectives; ++m) {
    auto value = [&](size_t pos) {
      return population[front[pos]].objectives[m];
    };
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](size_t x, size_t y) {
      double vx = value(x), vy = value(y);
      if (vx != vy)
        return vx < vy;
      return front[x] < front[y];
    });
    double range = value(order[n - 1]) - value(order[0]);
    if (!(range > 0))
      continue;
    distance[order[0]] = infinity;
    distance[order[n - 1]] = infinity;
    for (size_t k = 1; k + 1 < n; ++k)
      distance[order[k]] += (value(order[k + 1]) - value(order[k - 1])) / range;
  }
  return distance;
}

Ranking ssm::genome::rankPopulation(const std::vector<Fitness> &population) {
  Ranking ranking;
  ranking.rank.assign(population.size(), 0);
  ranking.crowding.assign(population.size(), 0.0);
  std::vector<std::vector<size_t>> fronts = nonDominatedSort(population);
  for (size_t f = 0; f < fronts.size(); ++f) {
    std::vector<double> distance = crowdingDistances(population, fronts[f]);
    for (size_t i = 0; i < fronts[f].size(); ++i) {
      ranking.rank[fronts[f][i]] = static_cast<unsigned>(f);
      ranking.crowding[fronts[f][i]] = distance[i];
    }
  }
  return ranking;
}

size_t ssm::genome::tournament(const Ranking &ranking, Random &rng) {
  size_t n = ranking.rank.size();
  assert(n > 0 && "tournament over an empty population");
  assert(ranking.crowding.size() == n && "rank and crowding differ in size");
  if (n <= 1)
    return 0;
  size_t first = rng.below(n);
  // Draw from the n - 1 others and skip over `first`: distinct, still uniform.
  size_t second = rng.below(n - 1);
  if (second >= first)
    ++second;
  if (ranking.rank[second] != ranking.rank[first])
    return ranking.rank[second] < ranking.rank[first] ? second : first;
  return ranking.crowding[second] > ranking.crowding[first] ? second : first;
}

std::vector<size_t>
ssm::genome::selectSurvivors(const std::vector<Fitness> &population,
                             size_t count) {
  std::vector<size_t> survivors;
  if (count == 0)
    return survivors;
  survivors.reserve(std::min(count, population.size()));
  for (const std::vector<size_t> &front : nonDominatedSort(population)) {
    size_t room = count - survivors.size();
    if (front.size() <= room) {
      survivors.insert(survivors.end(), front.begin(), front.end());
      if (survivors.size() == count)
        break;
      continue;
    }
    // The last front that fits only in part keeps its least crowded members,
    // which preserves the spread of the Pareto set.
    std::vector<double> distance = crowdingDistances(population, front);
    std::vector<size_t> order(front.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](size_t x, size_t y) {
      if (distance[x] != distance[y])
        return distance[x] > distance[y];
      return front[x] < front[y];
    });
    for (size_t k = 0; k < room; ++k)
      survivors.push_back(front[order[k]]);
    break;
  }
  return survivors;
}
