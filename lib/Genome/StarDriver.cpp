//===- StarDriver.cpp - The ssm-star command line -------------------------===//
//
// ssm-star classes | templates [NAME] | validate | decode | eval | search;
// see `ssm-star --help` and docs/genome.md.
//
//===----------------------------------------------------------------------===//

#include "ssm/Genome/StarDriver.h"

#include "ssm/Genome/Decoder.h"
#include "ssm/Genome/Search.h"
#include "ssm/InitAllDialects.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"

using namespace llvm;
using namespace ssm::genome;

namespace {

int fail(const Twine &message) {
  WithColor::error(errs(), "ssm-star") << message << "\n";
  return 1;
}

int fail(Error error) { return fail(toString(std::move(error))); }

/// Writes `text` to `path` ("-" for stdout).
Error writeOutput(StringRef path, StringRef text) {
  std::error_code ec;
  ToolOutputFile out(path, ec, sys::fs::OF_Text);
  if (ec)
    return createStringError(ec, "cannot write '" + path + "': " +
                                     ec.message());
  out.os() << text;
  out.keep();
  return Error::success();
}

json::Object evaluationToJSON(const Evaluation &evaluation) {
  json::Object values, sources;
  for (auto [objective, value] : evaluation.values)
    values[objectiveName(objective)] = value;
  for (auto [objective, source] : evaluation.sources)
    sources[objectiveName(objective)] = source;
  return json::Object{{"objectives", std::move(values)},
                      {"sources", std::move(sources)}};
}

json::Value individualToJSON(const Individual &individual) {
  json::Object o = evaluationToJSON(individual.evaluation);
  o["genome"] = genomeToJSON(individual.genome);
  o["violation"] = individual.fitness.violation;
  o["generation"] = individual.generation;
  return json::Value(std::move(o));
}

} // namespace

int ssm::starMain(int argc, char **argv) {
  InitLLVM init(argc, argv);

  cl::SubCommand classesCmd("classes", "List the LIV classes");
  cl::SubCommand templatesCmd(
      "templates", "List the templates, or print one as a genome");
  cl::SubCommand validateCmd(
      "validate", "Check a genome; with --repair, write the repaired one");
  cl::SubCommand decodeCmd("decode", "Decode a genome into an ssm program");
  cl::SubCommand evalCmd("eval", "Compute a genome's objectives");
  cl::SubCommand searchCmd("search", "NSGA-II search from the templates");

  cl::OptionCategory category("ssm-star options");
  auto cat = cl::cat(category);

  cl::opt<std::string> input(cl::Positional, cl::desc("<genome file>"),
                             cl::sub(validateCmd), cl::sub(decodeCmd),
                             cl::sub(evalCmd), cat);
  cl::opt<std::string> templateName(cl::Positional, cl::desc("[template]"),
                                    cl::sub(templatesCmd), cat);
  cl::opt<std::string> output("o", cl::desc("Output file (default: stdout)"),
                              cl::init("-"), cl::sub(templatesCmd),
                              cl::sub(validateCmd), cl::sub(decodeCmd),
                              cl::sub(evalCmd), cl::sub(searchCmd), cat);
  cl::alias outAlias("out", cl::desc("Alias for -o"), cl::aliasopt(output));
  cl::opt<bool> doRepair(
      "repair", cl::desc("Repair invalid sharing instead of rejecting it"),
      cl::sub(validateCmd), cl::sub(decodeCmd), cl::sub(evalCmd), cat);
  cl::opt<std::string> format("format", cl::desc("Genome output: json|text"),
                              cl::init("json"), cl::sub(templatesCmd),
                              cl::sub(validateCmd), cat);

  // Backbone for templates and search.
  cl::opt<int64_t> width("width", cl::desc("Model width"), cl::init(256),
                         cl::sub(templatesCmd), cl::sub(searchCmd), cat);
  cl::opt<int64_t> depth("depth", cl::desc("Number of LIVs"), cl::init(8),
                         cl::sub(templatesCmd), cl::sub(searchCmd), cat);
  cl::opt<int64_t> vocab("vocab", cl::desc("Vocabulary size"), cl::init(256),
                         cl::sub(templatesCmd), cl::sub(searchCmd), cat);
  cl::opt<int64_t> heads("heads", cl::desc("Attention heads"), cl::init(4),
                         cl::sub(templatesCmd), cl::sub(searchCmd), cat);
  cl::opt<std::string> dtype("dtype", cl::desc("f32|bf16|f16"),
                             cl::init("f32"), cl::sub(templatesCmd),
                             cl::sub(searchCmd), cat);
  cl::opt<std::string> norm("norm", cl::desc("rmsnorm|layernorm"),
                            cl::init("rmsnorm"), cl::sub(templatesCmd),
                            cl::sub(searchCmd), cat);
  cl::opt<int64_t> ffnWidth("ffn-width",
                            cl::desc("SwiGLU hidden width (0: 8/3 width)"),
                            cl::init(0), cl::sub(templatesCmd),
                            cl::sub(searchCmd), cat);
  cl::opt<int64_t> window("window", cl::desc("Sliding-window attention span"),
                          cl::init(512), cl::sub(templatesCmd),
                          cl::sub(searchCmd), cat);
  cl::opt<bool> tieEmbeddings("tie-embeddings",
                              cl::desc("LM head = embedding^T"),
                              cl::init(true), cl::sub(templatesCmd),
                              cl::sub(searchCmd), cat);

  // Decoding.
  cl::opt<int64_t> batch("batch", cl::desc("Batch size of the program"),
                         cl::init(1), cl::sub(decodeCmd), cat);
  cl::opt<int64_t> length("length", cl::desc("Sequence length of the program"),
                          cl::init(64), cl::sub(decodeCmd), cat);

  // Objectives.
  cl::opt<std::string> objectives(
      "objectives",
      cl::desc("Comma-separated: params, cache, flops, decode-flops, "
               "traffic, latency, quality"),
      cl::init("params,cache,flops,decode-flops,traffic"), cl::sub(evalCmd),
      cl::sub(searchCmd), cat);
  cl::opt<int64_t> context("context",
                           cl::desc("Context length for cache/FLOPs/traffic"),
                           cl::init(4096), cl::sub(evalCmd),
                           cl::sub(searchCmd), cat);
  cl::opt<std::string> target("target", cl::desc("Cost-model target"),
                              cl::init("cpu-host"), cl::sub(evalCmd),
                              cl::sub(searchCmd), cat);
  cl::opt<int64_t> latencyLength(
      "latency-length", cl::desc("Sequence length of the latency run"),
      cl::init(128), cl::sub(evalCmd), cl::sub(searchCmd), cat);
  cl::opt<unsigned> latencyRepeats(
      "latency-repeats", cl::desc("Timed runs (median reported)"),
      cl::init(5), cl::sub(evalCmd), cl::sub(searchCmd), cat);
  cl::opt<std::string> qualityCommand(
      "quality-command",
      cl::desc("Shell command printing a score (lower is better) for the "
               "genome file {genome}"),
      cl::sub(evalCmd), cl::sub(searchCmd), cat);

  // Search.
  cl::opt<unsigned> population("population", cl::desc("Population size"),
                               cl::init(16), cl::sub(searchCmd), cat);
  cl::opt<unsigned> generations("generations", cl::desc("Generations"),
                                cl::init(18), cl::sub(searchCmd), cat);
  cl::opt<uint64_t> seed("seed", cl::desc("Random seed"), cl::init(1),
                         cl::sub(searchCmd), cat);
  cl::opt<unsigned> jobs("jobs", cl::desc("Evaluation threads (0: all)"),
                         cl::init(0), cl::sub(searchCmd), cat);
  cl::opt<double> mutationRate("mutation-rate",
                               cl::desc("Per-gene mutation probability"),
                               cl::init(0.1), cl::sub(searchCmd), cat);
  cl::opt<double> crossoverRate("crossover-rate",
                                cl::desc("Crossover probability"),
                                cl::init(0.9), cl::sub(searchCmd), cat);
  cl::list<std::string> budgets(
      "budget",
      cl::desc("Constraint: objective=value (within the tolerance) or "
               "objective<=value; repeatable"),
      cl::sub(searchCmd), cat);
  cl::opt<double> budgetTolerance(
      "budget-tolerance", cl::desc("Relative tolerance of objective=value"),
      cl::init(0.05), cl::sub(searchCmd), cat);
  cl::opt<std::string> seedTemplates(
      "templates", cl::desc("Comma-separated templates seeding the search"),
      cl::init("transformer++,striped-mamba,hyena,monarch-mixer"),
      cl::sub(searchCmd), cat);
  cl::opt<bool> quiet("quiet", cl::desc("No progress on stderr"),
                      cl::sub(searchCmd), cat);

  cl::HideUnrelatedOptions(category);
  if (!cl::ParseCommandLineOptions(
          argc, argv,
          "ssm-star: STAR-style genomes, decoding to ssm programs, "
          "objectives and NSGA-II search\n",
          &errs()))
    return 1;

  auto backbone = [&]() -> Expected<Backbone> {
    Backbone b;
    b.width = width;
    b.vocab = vocab;
    b.heads = heads;
    b.ffnWidth = ffnWidth;
    b.window = window;
    b.tieEmbeddings = tieEmbeddings;
    std::optional<NormKind> kind = parseNorm(norm);
    if (!kind)
      return createStringError("--norm: '" + norm +
                               "' is not one of rmsnorm, layernorm");
    b.norm = *kind;
    std::optional<ElementType> type = parseElementType(dtype);
    if (!type)
      return createStringError(inconvertibleErrorCode(),
                               "--dtype: '" + dtype +
                                   "' is not one of f32, bf16, f16");
    b.dtype = *type;
    return b;
  };

  auto printGenome = [&](const Genome &g) {
    return format == "text" ? printGenomeText(g) : printGenomeJSON(g);
  };
  if ((templatesCmd || validateCmd) && format != "json" && format != "text")
    return fail("--format must be json or text, got '" + format + "'");

  auto readInput = [&]() -> Expected<Genome> {
    if (input.empty())
      return createStringError(inconvertibleErrorCode(),
                               "expected a genome file (or - for stdin)");
    Expected<Genome> g = readGenomeFile(input);
    if (!g)
      return g.takeError();
    if (doRepair && isRepairable(*g))
      repair(*g);
    if (Error e = validate(*g))
      return createStringError(inconvertibleErrorCode(),
                               input + ": invalid genome:\n" +
                                   toString(std::move(e)));
    return g;
  };

  if (classesCmd) {
    outs() << formatv("{0,-3} {1,-18} {2,-12} {3}\n", "id", "name",
                      "category", "summary");
    for (const LivClass &c : livClasses())
      outs() << formatv("{0,-3} {1,-18} {2,-12} {3}\n", c.id, c.name,
                        categoryName(c.category), c.summary);
    return 0;
  }

  if (templatesCmd) {
    if (templateName.empty()) {
      for (const TemplateInfo &t : templates())
        outs() << formatv("{0,-15} {1}\n", t.name, t.summary);
      return 0;
    }
    Expected<Backbone> bb = backbone();
    if (!bb)
      return fail(bb.takeError());
    Expected<Genome> g = makeTemplate(templateName, *bb, depth);
    if (!g)
      return fail(g.takeError());
    if (Error e = validate(*g))
      return fail(std::move(e));
    if (Error e = writeOutput(output, printGenome(*g)))
      return fail(std::move(e));
    return 0;
  }

  if (validateCmd) {
    if (input.empty())
      return fail("expected a genome file (or - for stdin)");
    Expected<Genome> g = readGenomeFile(input);
    if (!g)
      return fail(g.takeError());
    if (doRepair) {
      if (!isRepairable(*g))
        return fail(input + ": not repairable:\n" + toString(validate(*g)));
      unsigned reset = repair(*g);
      errs() << "ssm-star: repaired " << reset << " sharing gene"
             << (reset == 1 ? "" : "s") << "\n";
      if (Error e = writeOutput(output, printGenome(*g)))
        return fail(std::move(e));
      return 0;
    }
    if (Error e = validate(*g))
      return fail(input + ": invalid genome:\n" + toString(std::move(e)));
    outs() << input << ": valid genome, " << g->depth() << " LIVs\n";
    return 0;
  }

  mlir::DialectRegistry registry;
  ssm::registerAllDialects(registry);

  if (decodeCmd) {
    Expected<Genome> g = readInput();
    if (!g)
      return fail(g.takeError());
    mlir::MLIRContext ctx(registry);
    DecodeOptions options;
    options.batch = batch;
    options.length = length;
    Expected<mlir::OwningOpRef<mlir::ModuleOp>> module =
        decodeGenome(*g, ctx, options);
    if (!module)
      return fail(module.takeError());
    std::string text;
    raw_string_ostream os(text);
    (*module)->print(os);
    if (Error e = writeOutput(output, text))
      return fail(std::move(e));
    return 0;
  }

  Expected<std::vector<Objective>> wanted = parseObjectives(objectives);
  if (!wanted)
    return fail(wanted.takeError());
  ObjectiveOptions objectiveOptions;
  objectiveOptions.context = context;
  objectiveOptions.target = target;
  objectiveOptions.latencyLength = latencyLength;
  objectiveOptions.latencyRepeats = latencyRepeats;
  objectiveOptions.qualityCommand = qualityCommand;
  if (llvm::is_contained(*wanted, Objective::Latency) ||
      llvm::is_contained(*wanted, Objective::Quality) || searchCmd) {
    InitializeNativeTarget();
    InitializeNativeTargetAsmPrinter();
  }

  if (evalCmd) {
    Expected<Genome> g = readInput();
    if (!g)
      return fail(g.takeError());
    Expected<Evaluation> evaluation =
        evaluate(*g, *wanted, objectiveOptions, registry);
    if (!evaluation)
      return fail(evaluation.takeError());
    json::Object report = evaluationToJSON(*evaluation);
    report["genome"] = input.getValue();
    if (Error e = writeOutput(
            output, formatv("{0:2}", json::Value(std::move(report))).str() +
                        "\n"))
      return fail(std::move(e));
    return 0;
  }

  if (searchCmd) {
    SearchOptions options;
    options.population = population;
    options.generations = generations;
    options.seed = seed;
    options.jobs = jobs;
    options.crossoverRate = crossoverRate;
    options.mutation.geneRate = mutationRate;
    options.objectives = *wanted;
    options.objectiveOptions = objectiveOptions;
    options.depth = depth;
    Expected<Backbone> bb = backbone();
    if (!bb)
      return fail(bb.takeError());
    options.backbone = *bb;
    if (mutationRate < 0 || mutationRate > 1 || crossoverRate < 0 ||
        crossoverRate > 1)
      return fail("--mutation-rate and --crossover-rate must be in [0, 1]");
    if (budgetTolerance < 0)
      return fail("--budget-tolerance must be at least 0");
    for (const std::string &b : budgets) {
      Expected<Budget> budget = parseBudget(b, budgetTolerance);
      if (!budget)
        return fail(budget.takeError());
      options.budgets.push_back(*budget);
    }
    SmallVector<StringRef> names;
    StringRef(seedTemplates).split(names, ',', -1, false);
    for (StringRef n : names)
      options.seedTemplates.push_back(n.trim().str());

    ProgressFn progress = [&](unsigned gen,
                              const std::vector<Individual> &pop) {
      if (quiet)
        return;
      size_t feasible = llvm::count_if(
          pop, [](const Individual &i) { return i.fitness.feasible(); });
      errs() << formatv("generation {0}/{1}: {2} feasible of {3}; best",
                        gen, options.generations, feasible, pop.size());
      for (auto [k, o] : llvm::enumerate(options.objectives)) {
        double best = std::numeric_limits<double>::infinity();
        for (const Individual &i : pop)
          if (i.fitness.feasible() || feasible == 0)
            best = std::min(best, i.fitness.objectives[k]);
        errs() << formatv(" {0}={1:e3}", objectiveName(o), best);
      }
      errs() << "\n";
    };
    Expected<SearchResult> result = runSearch(options, registry, progress);
    if (!result)
      return fail(result.takeError());

    json::Array front, evaluated, objectiveNames, budgetList;
    for (const Individual &i : result->front)
      front.push_back(individualToJSON(i));
    for (const Individual &i : result->evaluated)
      evaluated.push_back(individualToJSON(i));
    for (Objective o : options.objectives)
      objectiveNames.push_back(objectiveName(o));
    for (const std::string &b : budgets)
      budgetList.push_back(b);
    json::Object report{
        {"settings",
         json::Object{{"population", int64_t(options.population)},
                      {"generations", int64_t(options.generations)},
                      {"seed", int64_t(options.seed)},
                      {"backbone", backboneToJSON(options.backbone)},
                      {"depth", options.depth},
                      {"mutation_rate", options.mutation.geneRate},
                      {"crossover_rate", options.crossoverRate},
                      {"target", options.objectiveOptions.target},
                      {"latency_length", options.objectiveOptions.latencyLength},
                      {"latency_repeats",
                       int64_t(options.objectiveOptions.latencyRepeats)},
                      {"objectives", std::move(objectiveNames)},
                      {"budgets", std::move(budgetList)},
                      {"budget_tolerance", double(budgetTolerance)},
                      {"context", int64_t(context)},
                      {"templates", seedTemplates.getValue()}}},
        {"front", std::move(front)},
        {"evaluated", std::move(evaluated)}};
    if (Error e = writeOutput(
            output, formatv("{0:2}", json::Value(std::move(report))).str() +
                        "\n"))
      return fail(std::move(e));
    if (!quiet)
      errs() << formatv("ssm-star: {0} genomes evaluated; front of {1} "
                        "written to {2}\n",
                        result->evaluated.size(), result->front.size(),
                        output.getValue());
    return 0;
  }

  return fail("expected a subcommand: classes, templates, validate, decode, "
              "eval or search (see --help)");
}
