//===- ObjectivesTest.cpp - Objectives of genomes against hand counts -----===//
//
// Inference cache bytes and parameter counts derived by hand from the class
// definitions, FLOPs of decoded programs by how they scale with the context,
// objective lists, and the external quality command.
//
//===----------------------------------------------------------------------===//

#include "GenomeTestHelpers.h"

#include "ssm/Genome/Decoder.h"
#include "ssm/Genome/Objectives.h"
#include "ssm/Genome/Search.h"
#include "ssm/InitAllDialects.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"

#include "gtest/gtest.h"

#include <set>

using namespace ssm::genome;
using namespace ssm::genome::testing;

namespace {

mlir::DialectRegistry allDialects() {
  mlir::DialectRegistry registry;
  ssm::registerAllDialects(registry);
  return registry;
}

/// Tests that decode genomes or evaluate objectives.
class ObjectivesTest : public ::testing::Test {
protected:
  /// The decoded `model` function of `genome`; null (and a failure) when
  /// decoding fails. The module is kept in `module`.
  mlir::func::FuncOp decode(const Genome &genome, int64_t length = 8) {
    DecodeOptions options;
    options.length = length;
    llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>> decoded =
        decodeGenome(genome, context, options);
    if (!decoded) {
      ADD_FAILURE() << llvm::toString(decoded.takeError()) << "\n"
                    << printGenomeText(genome);
      return {};
    }
    module = std::move(*decoded);
    auto model = module->lookupSymbol<mlir::func::FuncOp>("model");
    if (!model)
      ADD_FAILURE() << "no function 'model'";
    return model;
  }

  /// Parameters of the decoded `genome`; -1 when it does not decode.
  int64_t params(const Genome &genome) {
    mlir::func::FuncOp model = decode(genome);
    return model ? countParameters(model) : -1;
  }

  /// `objective` of `genome` by `evaluate` at `contextLength`.
  double evaluateAt(const Genome &genome, Objective objective,
                    int64_t contextLength) {
    ObjectiveOptions options;
    options.context = contextLength;
    llvm::Expected<Evaluation> evaluation =
        evaluate(genome, {objective}, options, registry);
    if (!evaluation) {
      ADD_FAILURE() << llvm::toString(evaluation.takeError());
      return -1;
    }
    return evaluation->values[objective];
  }

  mlir::DialectRegistry registry = allDialects();
  mlir::MLIRContext context{registry};
  mlir::OwningOpRef<mlir::ModuleOp> module;
};

/// Width 8, vocab 10, 2 heads (head dim 4), RMSNorm, tied embeddings; the
/// SwiGLU hidden width is (8 * 8 + 2) / 3 = 22 rounded up to 24.
Backbone tinyBackbone() {
  Backbone b;
  b.width = 8;
  b.vocab = 10;
  b.heads = 2;
  return b;
}

/// Width 64, 4 heads (head dim 16), window 512, f32: the cache backbone.
Backbone cacheBackbone() {
  Backbone b;
  b.width = 64;
  b.heads = 4;
  b.window = 512;
  return b;
}

/// A second `cls` LIV sharing with the first of the same class.
Genome sharingPair(llvm::StringRef cls, SharingKind kind, int strategy) {
  Genome genome = genomeOf(tinyBackbone(), {cls, cls});
  LivGene &member = genome.livs[1];
  if (kind == SharingKind::Featurizer) {
    member.featurizerGroup = 1;
    member.featurizerStrategy = strategy;
  } else {
    member.featureGroup = 1;
    member.featureStrategy = strategy;
  }
  return genome;
}

//===----------------------------------------------------------------------===//
// Cache
//===----------------------------------------------------------------------===//

TEST(CacheTest, StarMhaCheck) {
  // STAR's check: 24 MHA, width 2048, bf16, context 4096 -> 805306368 bytes.

  // K and V of every position: 24 * 2 * 4096 * 2048 elements of 2 bytes.
  Backbone b;
  b.width = 2048;
  b.heads = 16;
  b.dtype = ElementType::BF16;
  Genome genome;
  genome.backbone = b;
  for (int i = 1; i <= 24; ++i)
    genome.livs.push_back(gene("mha", i, 0, i, 0));
  ASSERT_TRUE(findProblems(genome).empty()) << describe(genome);
  EXPECT_EQ(cacheBytes(genome, 4096), 805306368);
}

TEST(CacheTest, EachClassByHand) {
  // The cache of one LIV of each class, derived by hand.

  // Context 4096 on width 64, 4 heads of 16, window 512, f32 (4 bytes).
  struct Case {
    const char *cls;
    int64_t elements;
  } cases[] = {
      // K and V of all 4096 positions: 2 * 4096 * 64.
      {"mha", 524288},
      // Plus conv tails of 2 past inputs: q 2 * 64, k and v 2 * 64 each.
      {"mha-conv", 128 + 2 * (262144 + 128)},
      // One KV head of 16 (4 heads / 4): 2 * 4096 * 16.
      {"gqa4", 131072},
      // Two KV heads: 2 * 4096 * 32.
      {"gqa2", 262144},
      // Inner width 2 * 64 = 128: conv tail 3 * 128, state 128 * 16.
      {"mamba-n16", 384 + 2048},
      // State 128 * 2.
      {"mamba-n2", 384 + 256},
      // Tails of 2 on q, k, v (3 * 2 * 64) and the kernel-3 mixer (2 * 64).
      {"gconv-short", 384 + 128},
      // The same tails and the whole convolved history 4096 * 64.
      {"hyena", 384 + 262144},
      {"swiglu", 0},
      {"monarch-glu", 0},
      // Keys limited to the window: 2 * 512 * 64.
      {"swa", 65536},
      // Complex diagonal state: 2 * 16 * 64.
      {"s4d", 2048},
      // Per head a 16 x 16 state and a normaliser of 16: 4 * (256 + 16).
      {"linear-attention", 1088},
      // Differential classes keep two copies.
      {"diff-mha", 2 * 524288},
      {"diff-mha-conv", 2 * (128 + 2 * (262144 + 128))},
      {"diff-gqa4", 2 * 131072},
      {"diff-gqa2", 2 * 262144},
      {"diff-mamba-n16", 2 * (384 + 2048)},
      {"diff-mamba-n2", 2 * (384 + 256)},
      {"diff-gconv-short", 2 * (384 + 128)},
      {"diff-hyena", 2 * (384 + 262144)},
  };
  std::set<std::string> covered;
  for (const Case &c : cases) {
    Genome genome = genomeOf(cacheBackbone(), {c.cls});
    ASSERT_TRUE(findProblems(genome).empty()) << describe(genome);
    EXPECT_EQ(cacheBytes(genome, 4096), 4 * c.elements) << c.cls;
    covered.insert(c.cls);
  }
  for (const LivClass &c : livClasses())
    EXPECT_EQ(covered.count(c.name.str()), 1u) << "untested " << c.name.str();
}

TEST(CacheTest, ContextDependence) {
  // SWA below its window and MHA grow with the context; recurrences do not.
  Genome swa = genomeOf(cacheBackbone(), {"swa"});
  // 2 * 100 * 64 elements, 4 bytes each.
  EXPECT_EQ(cacheBytes(swa, 100), 4 * 12800);
  // At and past the window: 2 * 512 * 64.
  EXPECT_EQ(cacheBytes(swa, 512), 4 * 65536);
  EXPECT_EQ(cacheBytes(swa, 100000), 4 * 65536);
  Genome mamba = genomeOf(cacheBackbone(), {"mamba-n16"});
  EXPECT_EQ(cacheBytes(mamba, 1), 4 * 2432);
  EXPECT_EQ(cacheBytes(mamba, 1 << 20), 4 * 2432);
  Genome mha = genomeOf(cacheBackbone(), {"mha"});
  EXPECT_EQ(cacheBytes(mha, 1), 4 * 2 * 64);
  EXPECT_EQ(cacheBytes(mha, 1 << 20), int64_t(4) * 2 * (1 << 20) * 64);
  // The sum over LIVs: 524288 + 2432 + 0 elements.
  Genome mixed = genomeOf(cacheBackbone(), {"mha", "mamba-n16", "swiglu"});
  EXPECT_EQ(cacheBytes(mixed, 4096), 4 * (524288 + 2432));
}

TEST(CacheTest, FeatureSharingStoresSharedFeaturesOnce) {
  // Shared features are stored once; shared featurizers change nothing.

  // A second MHA in the first's feature group adds nothing at strategy 1
  // and only V (4096 * 64) at strategy 2; featurizer sharing changes
  // weights, not features, so it adds a whole K and V.
  auto pair = [](SharingKind kind, int strategy) {
    Genome genome = sharingPair("mha", kind, strategy);
    genome.backbone = cacheBackbone();
    return genome;
  };
  EXPECT_EQ(cacheBytes(pair(SharingKind::Features, 0), 4096), 4 * 2 * 524288);
  EXPECT_EQ(cacheBytes(pair(SharingKind::Features, 1), 4096), 4 * 524288);
  EXPECT_EQ(cacheBytes(pair(SharingKind::Features, 2), 4096),
            4 * (524288 + 262144));
  EXPECT_EQ(cacheBytes(pair(SharingKind::Featurizer, 1), 4096), 4 * 2 * 524288);
  EXPECT_EQ(cacheBytes(pair(SharingKind::Featurizer, 2), 4096), 4 * 2 * 524288);

  // Differential members share both copies: 2 * 524288 + 0.
  Genome diff = sharingPair("diff-mha", SharingKind::Features, 1);
  diff.backbone = cacheBackbone();
  EXPECT_EQ(cacheBytes(diff, 4096), 4 * 2 * 524288);
}

//===----------------------------------------------------------------------===//
// Parameters
//===----------------------------------------------------------------------===//

// By hand on tinyBackbone(): embedding 10 * 8 = 80; each norm a gain of 8;
// MHA wq, wk, wv, wo of 8 * 8 = 256; SwiGLU w1, w3 [8, 24] and w2 [24, 8]
// = 576.
constexpr int64_t kEmbedding = 80, kNorm = 8, kMha = 256, kSwiGLU = 576;

TEST_F(ObjectivesTest, ParametersOfMhaAndSwiGLU) {
  // [mha, swiglu]: 80 + (8 + 256) + (8 + 576) + 8 = 936.
  ASSERT_EQ(tinyBackbone().resolvedFfnWidth(), 24);
  Genome genome = genomeOf(tinyBackbone(), {"mha", "swiglu"});
  EXPECT_EQ(params(genome), 936);
  EXPECT_EQ(kEmbedding + kNorm + kMha + kNorm + kSwiGLU + kNorm, 936);
}

TEST_F(ObjectivesTest, ParametersOfBackboneOptions) {
  // Untied head, LayerNorm and ffn_width change the count by hand.

  // An untied head adds [8, 10]; LayerNorm adds a bias of 8 to each of the
  // three norms.
  Genome untied = genomeOf(tinyBackbone(), {"mha", "swiglu"});
  untied.backbone.tieEmbeddings = false;
  EXPECT_EQ(params(untied), 936 + 80);
  Genome layerNorm = genomeOf(tinyBackbone(), {"mha", "swiglu"});
  layerNorm.backbone.norm = NormKind::LayerNorm;
  EXPECT_EQ(params(layerNorm), 936 + 3 * 8);
  // An explicit ffn_width of 16: SwiGLU 3 * 8 * 16 = 384.
  Genome narrow = genomeOf(tinyBackbone(), {"mha", "swiglu"});
  narrow.backbone.ffnWidth = 16;
  EXPECT_EQ(params(narrow), 936 - 576 + 384);
}

TEST_F(ObjectivesTest, ParametersOfOtherClasses) {
  // GQA, differential and recurrence parameters by hand.

  // GQA-2 has one KV head of 4: wk, wv [8, 4]; differential MHA has two
  // copies; mamba-n16 (inner 16, dt rank 1, N 16) has win [8, 32] 256,
  // conv [16, 4] 64, conv_bias 16, wdt_in [16, 1] 16, wdt [1, 16] 16,
  // wB and wC [16, 16] 512, dt_bias 16, A_log [16, 16] 256, D 16 and
  // wout [16, 8] 128: 1296.
  EXPECT_EQ(params(genomeOf(tinyBackbone(), {"gqa2", "swiglu"})),
            936 - 2 * 64 + 2 * 32);
  EXPECT_EQ(params(genomeOf(tinyBackbone(), {"diff-mha", "swiglu"})),
            936 + 256);
  EXPECT_EQ(params(genomeOf(tinyBackbone(), {"mamba-n16", "swiglu"})),
            936 - 256 + 1296);
}

TEST_F(ObjectivesTest, FeaturizerSharingRemovesSharedWeights) {
  // Featurizer sharing counts the shared projections once.

  // [mha, mha] has 80 + 2 * (8 + 256) + 8 = 616 parameters; the second
  // sharing its featurizer at strategy 1 drops its wq, wk, wv (3 * 64), at
  // strategy 2 only wk, wv (2 * 64).
  EXPECT_EQ(params(genomeOf(tinyBackbone(), {"mha", "mha"})), 616);
  EXPECT_EQ(params(sharingPair("mha", SharingKind::Featurizer, 0)), 616);
  EXPECT_EQ(params(sharingPair("mha", SharingKind::Featurizer, 1)),
            616 - 3 * 64);
  EXPECT_EQ(params(sharingPair("mha", SharingKind::Featurizer, 2)),
            616 - 2 * 64);
}

TEST_F(ObjectivesTest, FeatureSharingSkipsUnusedProjections) {
  // Feature sharing leaves the member's K (and V) projections out.

  // Reusing the leader's K and V (strategy 1) leaves the member's wk and wv
  // unused, so they are not weights; strategy 2 reuses K alone.
  EXPECT_EQ(params(sharingPair("mha", SharingKind::Features, 1)), 616 - 2 * 64);
  EXPECT_EQ(params(sharingPair("mha", SharingKind::Features, 2)), 616 - 64);
}

TEST_F(ObjectivesTest, WeightNamesAreUnique) {
  // Every argument has a unique ssm.name, the tokens first.

  // Every usable class and some sharing in one genome.
  Genome genome;
  genome.backbone = tinyBackbone();
  int group = 0;
  for (const LivClass &c : livClasses()) {
    if (genome.backbone.heads % c.kvRepeat != 0)
      continue;
    ++group;
    genome.livs.push_back(gene(c.name, group, 0, group, 0));
  }
  // An MHA sharing all of liv 1's featurizer and liv 1's keys, and a
  // SwiGLU sharing all features of the first SwiGLU.
  int firstSwiGLU = 0;
  for (size_t i = 0; i < genome.livs.size(); ++i)
    if (genome.livs[i].cls == classId("swiglu"))
      firstSwiGLU = int(i + 1);
  genome.livs.push_back(gene("mha", 1, 1, 1, 2));
  genome.livs.push_back(gene("swiglu", ++group, 0, firstSwiGLU, 1));
  ASSERT_TRUE(findProblems(genome).empty()) << describe(genome);

  mlir::func::FuncOp model = decode(genome);
  ASSERT_TRUE(model);
  std::set<std::string> names;
  for (unsigned i = 0; i < model.getNumArguments(); ++i) {
    auto name = model.getArgAttrOfType<mlir::StringAttr>(i, kWeightNameAttr);
    ASSERT_TRUE(name) << "argument " << i << " has no name";
    if (i == 0) {
      EXPECT_EQ(name.getValue(), "tokens");
    }
    EXPECT_TRUE(names.insert(name.str()).second)
        << "'" << name.str() << "' names two arguments";
  }
  EXPECT_EQ(names.size(), model.getNumArguments());
}

TEST_F(ObjectivesTest, DecodeRejectsInvalidGenomes) {
  // Invalid genomes and empty shapes are errors, not crashes.
  Genome bad = genomeOf(tinyBackbone(), {"gqa4"});
  llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>> decoded =
      decodeGenome(bad, context);
  ASSERT_FALSE(bool(decoded));
  EXPECT_NE(llvm::toString(decoded.takeError()).find("gqa4"),
            std::string::npos);
  DecodeOptions empty;
  empty.length = 0;
  llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>> noLength =
      decodeGenome(genomeOf(tinyBackbone(), {"mha"}), context, empty);
  EXPECT_FALSE(bool(noLength));
  if (!noLength)
    llvm::consumeError(noLength.takeError());
}

//===----------------------------------------------------------------------===//
// FLOPs and traffic
//===----------------------------------------------------------------------===//

/// Width 32, 4 heads, vocab 64.
Backbone flopsBackbone() {
  Backbone b;
  b.width = 32;
  b.heads = 4;
  b.vocab = 64;
  return b;
}

TEST_F(ObjectivesTest, EstimatesATransformer) {
  // A decoded transformer++ does work, moves bytes and has a decode step.
  llvm::Expected<Genome> genome =
      makeTemplate("transformer++", flopsBackbone(), 4);
  ASSERT_TRUE(bool(genome)) << llvm::toString(genome.takeError());
  mlir::func::FuncOp model = decode(*genome, /*length=*/64);
  ASSERT_TRUE(model);
  llvm::Expected<ProgramCost> cost = estimateProgram(model, "cpu-host", 64);
  ASSERT_TRUE(bool(cost)) << llvm::toString(cost.takeError());
  EXPECT_GT(cost->flops, 0);
  EXPECT_GT(cost->bytes, 0);
  EXPECT_GT(cost->decodeFlops, 0);
  // The whole prefill costs more than one decode step.
  EXPECT_GT(cost->flops, cost->decodeFlops);

  llvm::Expected<ProgramCost> unknown = estimateProgram(model, "no-such", 64);
  EXPECT_FALSE(bool(unknown));
  if (!unknown)
    llvm::consumeError(unknown.takeError());
}

TEST_F(ObjectivesTest, DecodeFlopsGrowWithContextForAttentionOnly) {
  // An attention step reads every cached key; a recurrent step does not.
  llvm::Expected<Genome> transformer =
      makeTemplate("transformer++", flopsBackbone(), 2);
  ASSERT_TRUE(bool(transformer)) << llvm::toString(transformer.takeError());
  double attentionShort = evaluateAt(*transformer, Objective::DecodeFlops, 256);
  double attentionLong = evaluateAt(*transformer, Objective::DecodeFlops, 1024);
  EXPECT_GT(attentionShort, 0);
  EXPECT_GT(attentionLong, attentionShort);

  // Not exactly equal: work on weights alone (A = -exp(A_log), 64 * 16
  // elements, two FLOPs each) is spread over the context, 2048 / 256 - 2048
  // / 1024 = 6 FLOPs less per LIV at the longer context, of some 27000.
  Genome mamba = genomeOf(flopsBackbone(), {"mamba-n16", "mamba-n16"});
  double mambaShort = evaluateAt(mamba, Objective::DecodeFlops, 256);
  double mambaLong = evaluateAt(mamba, Objective::DecodeFlops, 1024);
  EXPECT_GT(mambaShort, 0);
  EXPECT_LE(mambaLong, mambaShort);
  EXPECT_NEAR(mambaLong, mambaShort, 1e-3 * mambaShort);
}

TEST_F(ObjectivesTest, PrefillFlopsPerTokenOfSwiGLUIgnoreContext) {
  // Memoryless layers cost the same per token at any context.
  Genome genome = genomeOf(flopsBackbone(), {"swiglu", "swiglu"});
  double shortContext = evaluateAt(genome, Objective::Flops, 256);
  double longContext = evaluateAt(genome, Objective::Flops, 1024);
  EXPECT_GT(shortContext, 0);
  EXPECT_NEAR(longContext, shortContext, 1e-9 * shortContext);
}

TEST_F(ObjectivesTest, EvaluateReturnsOnlyWhatWasAsked) {
  // Asked objectives come with a value and a source, others are absent.
  Genome genome = genomeOf(tinyBackbone(), {"mha", "swiglu"});
  ObjectiveOptions options;
  options.context = 64;
  llvm::Expected<Evaluation> evaluation = evaluate(
      genome, {Objective::Params, Objective::Cache}, options, registry);
  ASSERT_TRUE(bool(evaluation)) << llvm::toString(evaluation.takeError());
  EXPECT_EQ(evaluation->values.size(), 2u);
  EXPECT_EQ(evaluation->values[Objective::Params], 936);
  // K and V of 64 positions at width 8, 4 bytes each.
  EXPECT_EQ(evaluation->values[Objective::Cache], 2 * 64 * 8 * 4);
  EXPECT_EQ(evaluation->sources.size(), 2u);
  EXPECT_FALSE(evaluation->sources[Objective::Params].empty());
  EXPECT_FALSE(evaluation->sources[Objective::Cache].empty());
}

TEST_F(ObjectivesTest, EvaluateRejectsBadInput) {
  // Invalid genomes, a context below 1 and quality without a command fail.
  ObjectiveOptions options;
  llvm::Expected<Evaluation> invalid =
      evaluate(genomeOf(tinyBackbone(), {"gqa4"}), {Objective::Cache}, options,
               registry);
  EXPECT_FALSE(bool(invalid));
  if (!invalid)
    llvm::consumeError(invalid.takeError());

  options.context = 0;
  llvm::Expected<Evaluation> noContext = evaluate(
      genomeOf(tinyBackbone(), {"mha"}), {Objective::Cache}, options, registry);
  EXPECT_FALSE(bool(noContext));
  if (!noContext)
    llvm::consumeError(noContext.takeError());

  options.context = 16;
  llvm::Expected<Evaluation> noCommand =
      evaluate(genomeOf(tinyBackbone(), {"mha"}), {Objective::Quality}, options,
               registry);
  ASSERT_FALSE(bool(noCommand));
  EXPECT_NE(llvm::toString(noCommand.takeError()).find("quality"),
            std::string::npos);
}

//===----------------------------------------------------------------------===//
// Objective lists
//===----------------------------------------------------------------------===//

TEST(ObjectiveListTest, ParsesNamesInOrder) {
  // Comma-separated names in the order given, spaces and empties ignored.
  llvm::Expected<std::vector<Objective>> all = parseObjectives(
      "params,cache,flops,decode-flops,traffic,latency,quality");
  ASSERT_TRUE(bool(all)) << llvm::toString(all.takeError());
  std::vector<Objective> expected = {Objective::Params,  Objective::Cache,
                                     Objective::Flops,   Objective::DecodeFlops,
                                     Objective::Traffic, Objective::Latency,
                                     Objective::Quality};
  EXPECT_EQ(*all, expected);
  for (Objective o : expected) {
    llvm::Expected<std::vector<Objective>> one =
        parseObjectives(objectiveName(o));
    ASSERT_TRUE(bool(one)) << llvm::toString(one.takeError());
    EXPECT_EQ(*one, std::vector<Objective>{o});
  }

  llvm::Expected<std::vector<Objective>> spaced =
      parseObjectives(" flops , decode-flops,,cache ");
  ASSERT_TRUE(bool(spaced)) << llvm::toString(spaced.takeError());
  EXPECT_EQ(*spaced,
            (std::vector<Objective>{Objective::Flops, Objective::DecodeFlops,
                                    Objective::Cache}));
}

TEST(ObjectiveListTest, RejectsBadLists) {
  // Empty lists, unknown names and repeats are errors naming the culprit.
  struct Case {
    const char *list;
    const char *mention;
  } cases[] = {{"", "no objectives"},
               {",", "no objectives"},
               {"speed", "'speed'"},
               {"params,Cache", "'Cache'"},
               {"params,cache,params", "'params'"}};
  for (const Case &c : cases) {
    llvm::Expected<std::vector<Objective>> parsed = parseObjectives(c.list);
    if (parsed) {
      ADD_FAILURE() << "accepted '" << c.list << "'";
      continue;
    }
    std::string message = llvm::toString(parsed.takeError());
    EXPECT_NE(message.find(c.mention), std::string::npos)
        << "'" << message << "' for '" << c.list << "'";
  }
}

//===----------------------------------------------------------------------===//
// Quality command
//===----------------------------------------------------------------------===//

/// The score of `command`, or its error message prefixed by "error: ".
std::string qualityOf(llvm::StringRef command) {
  Genome genome = genomeOf(tinyBackbone(), {"mha", "swiglu"});
  llvm::Expected<double> score = runQualityCommand(genome, command);
  if (!score)
    return "error: " + llvm::toString(score.takeError());
  return std::to_string(*score);
}

TEST(QualityCommandTest, ReadsTheLastLineAsTheScore) {
  // The score is the last line of stdout; `{genome}` is the genome's path.
  Genome genome = genomeOf(tinyBackbone(), {"mha", "swiglu"});
  llvm::Expected<double> score =
      runQualityCommand(genome, "test -f {genome} && echo 2.5");
  ASSERT_TRUE(bool(score)) << llvm::toString(score.takeError());
  EXPECT_EQ(*score, 2.5);

  llvm::Expected<double> lastLine =
      runQualityCommand(genome, "echo 7; echo; echo ' -1.25 ' # {genome}");
  ASSERT_TRUE(bool(lastLine)) << llvm::toString(lastLine.takeError());
  EXPECT_EQ(*lastLine, -1.25);
}

TEST(QualityCommandTest, PassesTheGenomeAsJSON) {
  // The file holds the genome's JSON: one "class" line per LIV.
  Genome genome = genomeOf(tinyBackbone(), {"mha", "swiglu", "hyena"});
  llvm::Expected<double> classes =
      runQualityCommand(genome, "grep -c '\"class\"' {genome}");
  ASSERT_TRUE(bool(classes)) << llvm::toString(classes.takeError());
  EXPECT_EQ(*classes, 3);
}

TEST(QualityCommandTest, AppendsThePathWithoutPlaceholder) {
  // Without `{genome}` the genome's path is appended to the command.

  // So a bare `echo 2.5` prints the path after the score: not a number.
  EXPECT_EQ(qualityOf("echo 2.5; test -f"), std::to_string(2.5));
  std::string echoed = qualityOf("echo 2.5");
  EXPECT_EQ(echoed.rfind("error: ", 0), 0u) << echoed;
  EXPECT_NE(echoed.find("2.5 "), std::string::npos) << echoed;
}

TEST(QualityCommandTest, FailuresAreErrors) {
  // A non-zero exit, a non-numeric or empty output is an error saying so.
  std::string exited = qualityOf("exit 3");
  EXPECT_EQ(exited.rfind("error: ", 0), 0u) << exited;
  EXPECT_NE(exited.find("status 3"), std::string::npos) << exited;

  std::string hello = qualityOf("echo hello");
  EXPECT_EQ(hello.rfind("error: ", 0), 0u) << hello;
  EXPECT_NE(hello.find("hello"), std::string::npos) << hello;

  std::string silent = qualityOf("true");
  EXPECT_EQ(silent.rfind("error: ", 0), 0u) << silent;
}

TEST(QualityCommandTest, ReplacesEveryPlaceholder) {
  // Every `{genome}` in the command names the genome file.
  EXPECT_EQ(qualityOf("cmp {genome} {genome} && echo 1"), std::to_string(1.0));
}

} // namespace

namespace {

/// The decoded program of `genome` as text.
std::string decodedText(const Genome &genome) {
  mlir::MLIRContext context(allDialects());
  DecodeOptions options;
  options.length = 4;
  llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>> module =
      decodeGenome(genome, context, options);
  if (!module)
    return "error: " + llvm::toString(module.takeError());
  std::string text;
  llvm::raw_string_ostream os(text);
  (*module)->print(os);
  return text;
}

TEST(CanonicalFormTest, CanonicalizingKeepsTheProgram) {
  // The canonical form decodes to the same program, for genomes with
  // arbitrary (valid) sharing; and canonicalizing is idempotent.
  Random rng(11);
  Backbone backbone;
  backbone.width = 16;
  backbone.vocab = 8;
  backbone.heads = 2;
  for (int trial = 0; trial < 25; ++trial) {
    Genome g = randomGenome(backbone, 4, rng);
    for (LivGene &gene : g.livs) {
      gene.featurizerGroup = static_cast<int>(rng.between(1, 2));
      gene.featureGroup = static_cast<int>(rng.between(1, 2));
      gene.featurizerStrategy = static_cast<int>(rng.between(0, 2));
      gene.featureStrategy = static_cast<int>(rng.between(0, 2));
      gene.cls = rng.chance(0.5) ? 1 : 9; // mha or swiglu: sharing is common
    }
    Genome valid = g;
    repair(valid);
    Genome before = valid;
    // An equivalent genome: leaders' strategies have no effect.
    Genome varied = valid;
    for (size_t i = 0; i < varied.livs.size(); ++i) {
      if (groupLeader(varied, i, SharingKind::Featurizer) == i)
        varied.livs[i].featurizerStrategy = 2;
      if (groupLeader(varied, i, SharingKind::Features) == i)
        varied.livs[i].featureStrategy = 1;
    }
    ASSERT_TRUE(findProblems(varied).empty()) << describe(varied);
    EXPECT_EQ(decodedText(varied), decodedText(valid)) << describe(varied);
    canonicalize(varied);
    EXPECT_EQ(varied, valid) << describe(varied);
    canonicalize(before);
    EXPECT_EQ(before, valid) << describe(before);
  }
}

} // namespace
