//===- NSGA2.h - NSGA-II ranking and selection ------------------*- C++ -*-===//
//
// The selection machinery of NSGA-II (Deb, Pratap, Agarwal, Meyarivan, "A fast
// and elitist multiobjective genetic algorithm: NSGA-II", IEEE TEC 2002), with
// Deb's constraint domination. It knows nothing of what an individual encodes:
// callers evaluate genomes into Fitness values and get indices back, so the
// same core serves any genome. Every tie is broken by index, so a search is a
// function of its seed alone.
//
//===----------------------------------------------------------------------===//

#ifndef SSM_GENOME_NSGA2_H
#define SSM_GENOME_NSGA2_H

#include "ssm/Genome/Random.h"

#include <cstddef>
#include <vector>

namespace ssm::genome {

/// What a search knows of one individual: objectives, all minimised, and how
/// far it is from satisfying the constraints (0 when feasible).
struct Fitness {
  std::vector<double> objectives;
  double violation = 0;
  bool feasible() const { return violation <= 0; }
};

/// Pareto dominance on objectives (all minimised): no worse in all, better in
/// one. Equal vectors do not dominate each other. Both must have the same
/// length.
bool dominates(const std::vector<double> &a, const std::vector<double> &b);

/// Deb's constraint domination: feasible beats infeasible; of two infeasible,
/// smaller violation wins; of two feasible, Pareto dominance.
bool constrainedDominates(const Fitness &a, const Fitness &b);

/// Fast non-dominated sort under constraint domination: fronts of indices into
/// `population`, front 0 first; indices inside a front ascending. An empty
/// population has no fronts.
std::vector<std::vector<size_t>>
nonDominatedSort(const std::vector<Fitness> &population);

/// Crowding distance of each member of `front` (same order as `front`):
/// boundary points per objective get +infinity; interior points sum
/// (next - prev)/(max - min) per objective; an objective with max == min
/// contributes 0, to its boundary points as well, since which of equal values
/// is a boundary would be decided by the index tie-break alone. Members that
/// tie on an objective are ordered by index.
std::vector<double> crowdingDistances(const std::vector<Fitness> &population,
                                      const std::vector<size_t> &front);

/// Rank (front number) and crowding distance of every individual.
struct Ranking {
  std::vector<unsigned> rank;
  std::vector<double> crowding;
};

/// Ranks `population` by nonDominatedSort and measures crowding within each
/// front.
Ranking rankPopulation(const std::vector<Fitness> &population);

/// Binary tournament: two distinct-if-possible random individuals; lower rank
/// wins, then larger crowding, then the first drawn. Returns the index. The
/// ranking must not be empty.
size_t tournament(const Ranking &ranking, Random &rng);

/// Environmental selection: `count` indices of `population` (typically parents
/// + offspring) chosen front by front; the front that does not fit whole is
/// cut by descending crowding distance (ties by index). Returned in selection
/// order. Returns every index when `count` >= population size.
std::vector<size_t> selectSurvivors(const std::vector<Fitness> &population,
                                    size_t count);

} // namespace ssm::genome

#endif // SSM_GENOME_NSGA2_H
