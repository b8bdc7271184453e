//===- Search.cpp - NSGA-II architecture search over genomes --------------===//

#include "ssm/Genome/Search.h"
#include "ssm/Support/Error.h"

#include "mlir/IR/DialectRegistry.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"

#include <cmath>
#include <map>
#include <set>
#include <optional>

using llvm::Error;
using llvm::Expected;
using llvm::StringRef;

namespace ssm::genome {

//===----------------------------------------------------------------------===//
// Variation
//===----------------------------------------------------------------------===//

/// Classes a genome on `backbone` may use (GQA needs heads divisible by its
/// repeat), optionally only those of `category`.
static std::vector<const LivClass *>
usableClasses(const Backbone &backbone,
              std::optional<Category> category = std::nullopt) {
  std::vector<const LivClass *> result;
  for (const LivClass &c : livClasses())
    if (backbone.heads % c.kvRepeat == 0 &&
        (!category || c.category == *category))
      result.push_back(&c);
  return result;
}

/// A class other than `current` (when there is another) from `candidates`.
static int redrawClass(int current,
                       const std::vector<const LivClass *> &candidates,
                       Random &rng) {
  std::vector<int> others;
  for (const LivClass *c : candidates)
    if (c->id != current)
      others.push_back(c->id);
  if (others.empty())
    return current;
  return others[rng.below(others.size())];
}

void mutate(Genome &genome, Random &rng, const MutationOptions &options) {
  int depth = static_cast<int>(genome.depth());
  for (LivGene &gene : genome.livs) {
    if (rng.chance(options.geneRate)) {
      const LivClass *cls = lookupClass(gene.cls);
      bool within = cls && rng.chance(options.withinCategory);
      gene.cls = redrawClass(
          gene.cls,
          usableClasses(genome.backbone,
                        within ? std::optional(cls->category) : std::nullopt),
          rng);
    }
    if (rng.chance(options.geneRate))
      gene.featurizerGroup = static_cast<int>(rng.between(1, depth));
    if (rng.chance(options.geneRate))
      gene.featurizerStrategy = static_cast<int>(rng.between(0, kMaxStrategy));
    if (rng.chance(options.geneRate))
      gene.featureGroup = static_cast<int>(rng.between(1, depth));
    if (rng.chance(options.geneRate))
      gene.featureStrategy = static_cast<int>(rng.between(0, kMaxStrategy));
  }
  repair(genome);
}

/// `into` with its LIVs [begin, end) replaced by those of `from`.
static Genome splice(const Genome &into, const Genome &from, size_t begin,
                     size_t end) {
  Genome child = into;
  int offset = static_cast<int>(into.depth());
  for (size_t i = begin; i < end; ++i) {
    LivGene gene = from.livs[i];
    // Out of the range of `into`'s groups until renumbered, so the segment's
    // groups stay its own.
    gene.featurizerGroup += offset;
    gene.featureGroup += offset;
    child.livs[i] = gene;
  }
  renumberGroups(child);
  repair(child);
  return child;
}

std::pair<Genome, Genome> crossover(const Genome &a, const Genome &b,
                                    Random &rng) {
  int64_t depth = std::min(a.depth(), b.depth());
  if (depth < 2 || a.depth() != b.depth())
    return {a, b};
  auto begin = static_cast<size_t>(rng.between(0, depth - 1));
  auto end = static_cast<size_t>(rng.between(begin + 1, depth));
  return {splice(a, b, begin, end), splice(b, a, begin, end)};
}

Genome randomGenome(const Backbone &backbone, int64_t depth, Random &rng) {
  Genome genome;
  genome.backbone = backbone;
  std::vector<const LivClass *> classes = usableClasses(backbone);
  for (int64_t i = 0; i < depth; ++i) {
    LivGene gene;
    gene.cls = classes[rng.below(classes.size())]->id;
    gene.featurizerGroup = gene.featureGroup = static_cast<int>(i + 1);
    genome.livs.push_back(gene);
  }
  return genome;
}

//===----------------------------------------------------------------------===//
// Budgets
//===----------------------------------------------------------------------===//

Expected<Budget> parseBudget(StringRef text, double tolerance) {
  Budget budget;
  budget.tolerance = tolerance;
  auto [name, limit] = text.split("<=");
  budget.upperBound = !limit.empty();
  if (!budget.upperBound)
    std::tie(name, limit) = text.split('=');
  if (limit.empty())
    return error("budget '" + text +
                 "': expected <objective>=<value> or <objective><=<value>");
  Expected<std::vector<Objective>> objective = parseObjectives(name);
  if (!objective)
    return error("budget '" + text + "': " + toString(objective.takeError()));
  if (objective->size() != 1)
    return error("budget '" + text + "': one objective per budget");
  budget.objective = objective->front();
  if (limit.trim().getAsDouble(budget.limit) ||
      !std::isfinite(budget.limit) || budget.limit <= 0)
    return error("budget '" + text + "': '" + limit +
                 "' is not a positive finite number");
  return budget;
}

double budgetViolation(const Evaluation &evaluation,
                       llvm::ArrayRef<Budget> budgets) {
  double violation = 0;
  for (const Budget &budget : budgets) {
    auto it = evaluation.values.find(budget.objective);
    if (it == evaluation.values.end())
      continue;
    double relative = (it->second - budget.limit) / budget.limit;
    violation += budget.upperBound
                     ? std::max(0.0, relative)
                     : std::max(0.0, std::abs(relative) - budget.tolerance);
  }
  return violation;
}

//===----------------------------------------------------------------------===//
// The search
//===----------------------------------------------------------------------===//

namespace {
/// Evaluates genomes once each, in parallel, remembering every result.
class Evaluator {
public:
  Evaluator(const SearchOptions &options,
            const mlir::DialectRegistry &registry)
      : options(options), registry(registry) {
    needed = options.objectives;
    for (const Budget &b : options.budgets)
      if (!llvm::is_contained(needed, b.objective))
        needed.push_back(b.objective);
  }

  /// Individuals for `genomes`, evaluating those not seen before.
  Expected<std::vector<Individual>>
  evaluateAll(const std::vector<Genome> &genomes, unsigned generation) {
    // Canonical genomes are equal exactly when their texts are.
    std::vector<std::string> keys;
    for (const Genome &g : genomes)
      keys.push_back(printGenomeText(g));
    std::vector<size_t> fresh;
    std::set<std::string> pending;
    for (auto [i, key] : llvm::enumerate(keys))
      if (!known.count(key) && pending.insert(key).second)
        fresh.push_back(i);
    // Everything but latency in parallel; latency alone, so that timed runs
    // do not share the cores.
    std::vector<Objective> parallelPart;
    for (Objective o : needed)
      if (o != Objective::Latency)
        parallelPart.push_back(o);
    bool latency = llvm::is_contained(needed, Objective::Latency);

    std::vector<std::optional<Evaluation>> results(fresh.size());
    std::vector<std::string> errors(fresh.size());
    {
      llvm::DefaultThreadPool pool(llvm::hardware_concurrency(options.jobs));
      for (size_t k = 0; k < fresh.size(); ++k)
        pool.async([&, k] {
          Expected<Evaluation> e =
              evaluate(genomes[fresh[k]], parallelPart,
                       options.objectiveOptions, registry);
          if (e)
            results[k] = std::move(*e);
          else
            errors[k] = toString(e.takeError());
        });
      pool.wait();
    }
    for (size_t k = 0; k < fresh.size(); ++k) {
      const Genome &g = genomes[fresh[k]];
      const std::string &key = keys[fresh[k]];
      if (!results[k])
        return error("evaluating genome\n" + key + errors[k]);
      if (latency) {
        Expected<double> seconds =
            measureLatency(g, options.objectiveOptions, registry);
        if (!seconds)
          return error("measuring genome\n" + key +
                       toString(seconds.takeError()));
        results[k]->values[Objective::Latency] = *seconds;
        results[k]->sources[Objective::Latency] = latencySource(
            options.objectiveOptions);
      }
      Individual individual;
      individual.genome = g;
      individual.evaluation = std::move(*results[k]);
      individual.generation = generation;
      for (Objective o : options.objectives)
        individual.fitness.objectives.push_back(
            individual.evaluation.values[o]);
      individual.fitness.violation =
          budgetViolation(individual.evaluation, options.budgets);
      known[key] = all.size();
      all.push_back(std::move(individual));
    }
    std::vector<Individual> population;
    for (const std::string &key : keys)
      population.push_back(all[known.at(key)]);
    return population;
  }

  std::vector<Individual> takeAll() { return std::move(all); }

private:
  const SearchOptions &options;
  const mlir::DialectRegistry &registry;
  std::vector<Objective> needed;
  std::map<std::string, size_t> known;
  std::vector<Individual> all;
};

std::vector<Fitness> fitnessOf(const std::vector<Individual> &population) {
  std::vector<Fitness> result;
  for (const Individual &i : population)
    result.push_back(i.fitness);
  return result;
}
} // namespace

Expected<SearchResult> runSearch(const SearchOptions &options,
                                 const mlir::DialectRegistry &registry,
                                 const ProgressFn &progress) {
  if (options.population < 2)
    return error("--population must be at least 2");
  if (options.objectives.empty())
    return error("no objectives given");
  if (options.seedTemplates.empty())
    return error("no seed templates given");
  Random rng(options.seed);

  std::vector<Genome> initial;
  for (const std::string &name : options.seedTemplates) {
    Expected<Genome> g = makeTemplate(name, options.backbone, options.depth);
    if (!g)
      return g.takeError();
    if (Error e = validate(*g))
      return error("template '" + name + "' on this backbone: " +
                   toString(std::move(e)));
    if (initial.size() < options.population)
      initial.push_back(std::move(*g));
  }
  // The rest of the first population: templates mutated three times as hard.
  MutationOptions seeding = options.mutation;
  seeding.geneRate = std::min(1.0, 3 * seeding.geneRate);
  for (size_t i = 0; initial.size() < options.population; ++i) {
    Genome g = initial[i % options.seedTemplates.size()];
    mutate(g, rng, seeding);
    initial.push_back(std::move(g));
  }

  Evaluator evaluator(options, registry);
  Expected<std::vector<Individual>> population =
      evaluator.evaluateAll(initial, 0);
  if (!population)
    return population.takeError();
  if (progress)
    progress(0, *population);

  for (unsigned gen = 1; gen <= options.generations; ++gen) {
    Ranking ranking = rankPopulation(fitnessOf(*population));
    std::vector<Genome> offspring;
    while (offspring.size() < options.population) {
      const Genome &a = (*population)[tournament(ranking, rng)].genome;
      const Genome &b = (*population)[tournament(ranking, rng)].genome;
      auto children = rng.chance(options.crossoverRate)
                          ? crossover(a, b, rng)
                          : std::make_pair(a, b);
      for (Genome *child : {&children.first, &children.second}) {
        mutate(*child, rng, options.mutation);
        if (offspring.size() < options.population)
          offspring.push_back(std::move(*child));
      }
    }
    Expected<std::vector<Individual>> children =
        evaluator.evaluateAll(offspring, gen);
    if (!children)
      return children.takeError();
    std::vector<Individual> combined = std::move(*population);
    combined.insert(combined.end(), children->begin(), children->end());
    std::vector<Individual> next;
    for (size_t i : selectSurvivors(fitnessOf(combined), options.population))
      next.push_back(combined[i]);
    *population = std::move(next);
    if (progress)
      progress(gen, *population);
  }

  SearchResult result;
  std::vector<std::vector<size_t>> fronts =
      nonDominatedSort(fitnessOf(*population));
  std::map<std::string, bool> seen;
  if (!fronts.empty())
    for (size_t i : fronts.front())
      if (seen.emplace(printGenomeText((*population)[i].genome), true).second)
        result.front.push_back((*population)[i]);
  result.evaluated = evaluator.takeAll();
  return result;
}

} // namespace ssm::genome
