//===- GenomeTest.cpp - The genome format, class table and checks ---------===//
//
// Round trips of both genome forms, the class table, the messages of
// validation, STAR's repair and the group queries, on genomes written by
// hand and on random ones.
//
//===----------------------------------------------------------------------===//

#include "GenomeTestHelpers.h"

#include "ssm/Genome/Random.h"
#include "ssm/Genome/Search.h"

#include "gtest/gtest.h"

#include <set>
#include <string>

using namespace ssm::genome;
using namespace ssm::genome::testing;

namespace {

/// A backbone with every field away from its default, so that a round trip
/// that dropped a field would show.
Backbone unusualBackbone() {
  Backbone b;
  b.width = 48;
  b.vocab = 97;
  b.heads = 4;
  b.ffnWidth = 40;
  b.window = 16;
  b.dtype = ElementType::BF16;
  b.norm = NormKind::LayerNorm;
  b.tieEmbeddings = false;
  return b;
}

/// A random backbone (heads dividing width) for the random round trips.
Backbone randomBackbone(Random &rng) {
  static const ElementType kTypes[] = {ElementType::F32, ElementType::BF16,
                                       ElementType::F16};
  Backbone b;
  b.heads = int64_t(1) << rng.between(0, 3);
  b.width = b.heads * rng.between(1, 16);
  b.vocab = rng.between(1, 1000);
  b.ffnWidth = rng.between(0, 64);
  b.window = rng.between(1, 4096);
  b.dtype = kTypes[rng.below(3)];
  b.norm = rng.chance(0.5) ? NormKind::RMSNorm : NormKind::LayerNorm;
  b.tieEmbeddings = rng.chance(0.5);
  return b;
}

/// Expects parse(print(genome)) == genome for both forms.
void expectRoundTrips(const Genome &genome) {
  std::string json = printGenomeJSON(genome);
  llvm::Expected<Genome> fromJSON = parseGenome(json);
  if (!fromJSON)
    ADD_FAILURE() << llvm::toString(fromJSON.takeError()) << "\n" << json;
  else
    EXPECT_EQ(*fromJSON, genome) << json;

  std::string text = printGenomeText(genome);
  llvm::Expected<Genome> fromText = parseGenome(text);
  if (!fromText)
    ADD_FAILURE() << llvm::toString(fromText.takeError()) << "\n" << text;
  else
    EXPECT_EQ(*fromText, genome) << text;
}

/// The message of parsing `text`, or "" when it parses.
std::string parseMessage(llvm::StringRef text) {
  llvm::Expected<Genome> genome = parseGenome(text);
  if (genome)
    return "";
  return llvm::toString(genome.takeError());
}

/// Backbone of the hand-made genomes: width 8, 2 heads.
Backbone smallBackbone() {
  Backbone b;
  b.width = 8;
  b.vocab = 10;
  b.heads = 2;
  return b;
}

/// The problems of `genome` as one string (empty when valid).
std::string problemsOf(const Genome &genome) {
  return llvm::join(findProblems(genome), "\n");
}

//===----------------------------------------------------------------------===//
// Round trips
//===----------------------------------------------------------------------===//

TEST(GenomeFormatTest, TemplatesRoundTrip) {
  // Every template, valid on two backbones, survives both forms unchanged.
  for (const Backbone &backbone : {Backbone(), unusualBackbone()}) {
    for (const TemplateInfo &info : templates()) {
      SCOPED_TRACE(info.name.str());
      llvm::Expected<Genome> genome = makeTemplate(info.name, backbone, 8);
      ASSERT_TRUE(bool(genome)) << llvm::toString(genome.takeError());
      EXPECT_EQ(genome->depth(), 8);
      EXPECT_TRUE(findProblems(*genome).empty()) << describe(*genome);
      expectRoundTrips(*genome);
    }
  }
}

TEST(GenomeFormatTest, RandomGenomesRoundTrip) {
  // 200 random genomes with heavy sharing survive both forms unchanged.
  Random rng(2024);
  MutationOptions heavy;
  heavy.geneRate = 0.8;
  for (int trial = 0; trial < 200; ++trial) {
    SCOPED_TRACE(trial);
    Genome genome = randomGenome(randomBackbone(rng), rng.between(1, 12), rng);
    mutate(genome, rng, heavy);
    expectRoundTrips(genome);
  }
}

TEST(GenomeFormatTest, OutOfRangeGenesRoundTrip) {
  // Parsing does not range-check, so invalid genes print and parse back too.
  Genome genome = genomeOf(smallBackbone(), {"mha", "swiglu"});
  genome.livs[0].cls = 99;
  genome.livs[1].featurizerGroup = 0;
  genome.livs[1].featureStrategy = 7;
  expectRoundTrips(genome);
}

TEST(GenomeFormatTest, ReadsStarCompactForm) {
  // STAR's five-integer form reads as the genes in order.
  llvm::Expected<Genome> genome = parseGenome(R"({
    "version": 1,
    "backbone": {"width": 8, "vocab": 10, "heads": 2, "depth": 3},
    "livs": [[1, 1, 0, 1, 0], [9, 2, 0, 2, 0], [1, 1, 1, 3, 2]]
  })");
  ASSERT_TRUE(bool(genome)) << llvm::toString(genome.takeError());
  Genome expected;
  expected.backbone = smallBackbone();
  expected.livs = {gene("mha", 1, 0, 1, 0), gene("swiglu", 2, 0, 2, 0),
                   gene("mha", 1, 1, 3, 2)};
  EXPECT_EQ(*genome, expected);
  EXPECT_TRUE(findProblems(*genome).empty()) << describe(*genome);
}

TEST(GenomeFormatTest, CompactFormErrorsNameTheLiv) {
  // A compact gene of the wrong length or type is an error naming its LIV
  // and field.
  std::string shortGene = parseMessage(
      R"({"version": 1, "livs": [[1, 1, 0, 1, 0], [9, 2, 0, 2]]})");
  EXPECT_NE(shortGene.find("liv 2"), std::string::npos) << shortGene;
  EXPECT_NE(shortGene.find("5 integers"), std::string::npos) << shortGene;
  std::string notInteger =
      parseMessage(R"({"version": 1, "livs": [[1, 1, "x", 1, 0]]})");
  EXPECT_NE(notInteger.find("liv 1"), std::string::npos) << notInteger;
  EXPECT_NE(notInteger.find("'featurizer_strategy'"), std::string::npos)
      << notInteger;
}

TEST(GenomeFormatTest, ParseErrorsNameTheField) {
  // Malformed documents are errors naming the field (and LIV) at fault.
  struct Case {
    const char *text;
    std::vector<const char *> mentions;
  } cases[] = {
      {R"({"livs": [[1, 1, 0, 1, 0]]})", {"'version'"}},
      {R"({"version": 2, "livs": [[1, 1, 0, 1, 0]]})", {"'version'", "2"}},
      {R"({"version": 1, "livs": [{"class": "nope"}]})",
       {"liv 1", "'class'", "nope"}},
      {R"({"version": 1, "livs": [{"class": "mha"}, {"klass": 1}]})",
       {"liv 2", "'klass'"}},
      {R"({"version": 1, "livs": [{"featurizer_group": 1}]})",
       {"liv 1", "'class'", "missing"}},
      {R"({"version": 1, "backbone": {"dtype": "f64"}, "livs": []})",
       {"'dtype'", "f64"}},
      {R"({"version": 1, "backbone": {"depth": 2}, "livs": [[1,1,0,1,0]]})",
       {"'depth'"}},
      {"ssm-genome 1\nliv mha 1 0 1\n", {"line 2", "liv 1"}},
      {"ssm-genome 1\nliv mha 1 x 1 0\n", {"line 2", "'featurizer_strategy'"}},
      {"ssm-genome 1\nbackbone width=eight\n", {"line 2", "'width'"}},
      {"ssm-genome 3\n", {"version 3"}},
      {"", {"empty"}},
  };
  for (const Case &c : cases) {
    std::string message = parseMessage(c.text);
    EXPECT_FALSE(message.empty()) << "parsed: " << c.text;
    for (const char *mention : c.mentions)
      EXPECT_NE(message.find(mention), std::string::npos)
          << "'" << message << "' lacks '" << mention << "' for " << c.text;
  }
}

TEST(GenomeFormatTest, TextFormAcceptsCommentsAndIds) {
  // The text form skips comments and blank lines and takes class ids.
  llvm::Expected<Genome> genome = parseGenome("# a comment\n"
                                              "ssm-genome 1\n"
                                              "\n"
                                              "backbone width=8 vocab=10 "
                                              "heads=2   # trailing\n"
                                              "liv 1 1 0 1 0\n"
                                              "liv swiglu 2 0 2 0\n");
  ASSERT_TRUE(bool(genome)) << llvm::toString(genome.takeError());
  EXPECT_EQ(*genome, genomeOf(smallBackbone(), {"mha", "swiglu"}));
}

TEST(GenomeFormatTest, HugeJSONGenesAreNotTruncated) {
  // A gene beyond int's range must not wrap to a small valid value.
  llvm::Expected<Genome> genome = parseGenome(
      R"({"version": 1, "livs": [{"class": "mha",
                                   "featurizer_group": 4294967297}]})");
  if (genome)
    EXPECT_FALSE(findProblems(*genome).empty()) << describe(*genome);
  else
    llvm::consumeError(genome.takeError());
}

//===----------------------------------------------------------------------===//
// The class table
//===----------------------------------------------------------------------===//

TEST(ClassTableTest, LooksUpAllClassesByNameAndId) {
  // The 21 classes have ids 1..21 and unique names, found both ways.
  llvm::ArrayRef<LivClass> classes = livClasses();
  ASSERT_EQ(classes.size(), 21u);
  std::set<int> ids;
  std::set<std::string> names;
  for (const LivClass &c : classes) {
    ids.insert(c.id);
    names.insert(c.name.str());
    const LivClass *byId = lookupClass(c.id);
    const LivClass *byName = lookupClass(c.name);
    ASSERT_NE(byId, nullptr) << c.id;
    ASSERT_NE(byName, nullptr) << c.name.str();
    EXPECT_EQ(byId, &c);
    EXPECT_EQ(byName, &c);
    EXPECT_FALSE(c.summary.empty()) << c.name.str();
  }
  EXPECT_EQ(ids.size(), 21u);
  EXPECT_EQ(*ids.begin(), 1);
  EXPECT_EQ(*ids.rbegin(), 21);
  EXPECT_EQ(names.size(), 21u);
  EXPECT_EQ(lookupClass(0), nullptr);
  EXPECT_EQ(lookupClass(22), nullptr);
  EXPECT_EQ(lookupClass("MHA"), nullptr);
  EXPECT_EQ(lookupClass(""), nullptr);
}

TEST(ClassTableTest, DifferentialClassesMirrorStarClasses) {
  // Classes 10-17 are differential copies of classes 1-8, and only they are.
  for (int id = 1; id <= 8; ++id) {
    const LivClass *base = lookupClass(id);
    const LivClass *diff = lookupClass(id + 9);
    ASSERT_NE(base, nullptr);
    ASSERT_NE(diff, nullptr);
    SCOPED_TRACE(diff->name.str());
    EXPECT_TRUE(diff->differential);
    EXPECT_EQ(diff->name, ("diff-" + base->name).str());
    EXPECT_EQ(diff->category, base->category);
    EXPECT_EQ(diff->kind, base->kind);
    EXPECT_EQ(diff->kvRepeat, base->kvRepeat);
    EXPECT_EQ(diff->convFeaturizer, base->convFeaturizer);
    EXPECT_EQ(diff->windowed, base->windowed);
    EXPECT_EQ(diff->stateSize, base->stateSize);
  }
  for (const LivClass &c : livClasses())
    EXPECT_EQ(c.differential, c.id >= 10 && c.id <= 17) << c.name.str();
}

TEST(ClassTableTest, ClassesCarryTheirParameters) {
  // Spot checks of the attributes the decoder and the cache rely on.
  EXPECT_EQ(lookupClass("gqa4")->kvRepeat, 4);
  EXPECT_EQ(lookupClass("gqa2")->kvRepeat, 2);
  EXPECT_TRUE(lookupClass("mha-conv")->convFeaturizer);
  EXPECT_TRUE(lookupClass("swa")->windowed);
  EXPECT_EQ(lookupClass("mamba-n16")->stateSize, 16);
  EXPECT_EQ(lookupClass("mamba-n2")->stateSize, 2);
  EXPECT_EQ(lookupClass("s4d")->stateSize, 16);
  EXPECT_EQ(lookupClass("swiglu")->category, Category::Memoryless);
  EXPECT_EQ(lookupClass("linear-attention")->category, Category::Attention);
  EXPECT_EQ(categoryName(Category::Convolution), "convolution");
}

//===----------------------------------------------------------------------===//
// Validation
//===----------------------------------------------------------------------===//

TEST(ValidateTest, ValidGenomeHasNoProblems) {
  // A hand-made genome in range passes; validate agrees with findProblems.
  Genome genome = genomeOf(smallBackbone(), {"mha", "swiglu", "gqa2", "swa"});
  EXPECT_EQ(problemsOf(genome), "");
  EXPECT_FALSE(bool(validate(genome)));
}

TEST(ValidateTest, MessagesNameTheLivAndField) {
  // Each out-of-range gene is reported with its LIV number and field name.
  struct Case {
    const char *what;
    void (*spoil)(Genome &);
    std::vector<const char *> mentions;
  } cases[] = {
      {"class 99",
       [](Genome &g) { g.livs[1].cls = 99; },
       {"liv 2", "'class'", "99"}},
      {"class 0", [](Genome &g) { g.livs[0].cls = 0; }, {"liv 1", "'class'"}},
      {"featurizer group 0",
       [](Genome &g) { g.livs[2].featurizerGroup = 0; },
       {"liv 3", "'featurizer_group'", "0"}},
      {"feature group 0",
       [](Genome &g) { g.livs[0].featureGroup = 0; },
       {"liv 1", "'feature_group'"}},
      {"group beyond depth",
       [](Genome &g) { g.livs[3].featureGroup = 5; },
       {"liv 4", "'feature_group'", "5", "[1, 4]"}},
      {"featurizer strategy 3",
       [](Genome &g) { g.livs[1].featurizerStrategy = 3; },
       {"liv 2", "'featurizer_strategy'", "3", "[0, 2]"}},
      {"feature strategy -1",
       [](Genome &g) { g.livs[3].featureStrategy = -1; },
       {"liv 4", "'feature_strategy'", "-1"}},
      {"heads not dividing width",
       [](Genome &g) { g.backbone.heads = 3; },
       {"backbone", "'heads'", "8", "3"}},
      {"gqa4 on 2 heads",
       [](Genome &g) { g.livs[2].cls = classId("gqa4"); },
       {"liv 3", "'class'", "gqa4", "2 heads"}},
      {"diff-gqa4 on 2 heads",
       [](Genome &g) { g.livs[0].cls = classId("diff-gqa4"); },
       {"liv 1", "'class'", "diff-gqa4"}},
      {"width 0",
       [](Genome &g) { g.backbone.width = 0; },
       {"backbone", "'width'"}},
      {"window 0",
       [](Genome &g) { g.backbone.window = 0; },
       {"backbone", "'window'"}},
      {"no LIVs", [](Genome &g) { g.livs.clear(); }, {"'livs'"}},
  };
  for (const Case &c : cases) {
    SCOPED_TRACE(c.what);
    Genome genome =
        genomeOf(smallBackbone(), {"mha", "swiglu", "mha", "swiglu"});
    c.spoil(genome);
    std::vector<std::string> problems = findProblems(genome);
    ASSERT_EQ(problems.size(), 1u) << problemsOf(genome);
    for (const char *mention : c.mentions)
      EXPECT_NE(problems[0].find(mention), std::string::npos)
          << "'" << problems[0] << "' lacks '" << mention << "'";
    EXPECT_FALSE(isRepairable(genome));
    llvm::Error error = validate(genome);
    ASSERT_TRUE(bool(error));
    EXPECT_EQ(llvm::toString(std::move(error)), problems[0]);
  }
}

TEST(ValidateTest, ReportsEveryProblem) {
  // Several problems give one line each, in a single validate error.
  Genome genome = genomeOf(smallBackbone(), {"mha", "swiglu", "mha"});
  genome.livs[0].cls = 99;
  genome.livs[2].featurizerStrategy = 3;
  std::vector<std::string> problems = findProblems(genome);
  ASSERT_EQ(problems.size(), 2u) << problemsOf(genome);
  EXPECT_NE(problems[0].find("liv 1"), std::string::npos);
  EXPECT_NE(problems[1].find("liv 3"), std::string::npos);
  llvm::Error error = validate(genome);
  ASSERT_TRUE(bool(error));
  EXPECT_EQ(llvm::toString(std::move(error)), problems[0] + "\n" + problems[1]);
}

TEST(ValidateTest, InvalidSharingNamesBothLivs) {
  // A member whose class differs from its leader's is invalid sharing.
  Backbone b = smallBackbone();
  Genome genome;
  genome.backbone = b;
  genome.livs = {gene("mha", 1, 0, 1, 0), gene("swiglu", 1, 1, 2, 0)};
  std::vector<std::string> problems = findProblems(genome);
  ASSERT_EQ(problems.size(), 1u) << problemsOf(genome);
  for (const char *mention :
       {"liv 2", "'featurizer_group'", "swiglu", "mha", "liv 1"})
    EXPECT_NE(problems[0].find(mention), std::string::npos)
        << "'" << problems[0] << "' lacks '" << mention << "'";
  EXPECT_TRUE(isRepairable(genome));

  // The same mismatch with strategy 0 shares nothing and is valid.
  genome.livs[1].featurizerStrategy = 0;
  EXPECT_EQ(problemsOf(genome), "");
}

//===----------------------------------------------------------------------===//
// Repair
//===----------------------------------------------------------------------===//

TEST(RepairTest, InvalidMembersLeaveTheirGroups) {
  // Mismatched members get a group of their own and strategy 0, then pass.
  Genome genome;
  genome.backbone = smallBackbone();
  genome.livs = {gene("mha", 1, 0, 1, 0), gene("swiglu", 1, 2, 1, 1),
                 gene("mha", 1, 1, 3, 0), gene("swiglu", 4, 0, 3, 2)};
  ASSERT_EQ(findProblems(genome).size(), 3u) << problemsOf(genome);
  ASSERT_TRUE(isRepairable(genome));

  // liv 2: both sharings reset; liv 3 shares validly with liv 1; liv 4's
  // features point at liv 3 (mha), so they are reset.
  EXPECT_EQ(repair(genome), 3u);
  EXPECT_EQ(problemsOf(genome), "");
  const LivGene &second = genome.livs[1];
  EXPECT_EQ(second.featurizerStrategy, 0);
  EXPECT_EQ(second.featureStrategy, 0);
  EXPECT_NE(second.featurizerGroup, genome.livs[0].featurizerGroup);
  EXPECT_NE(second.featureGroup, genome.livs[0].featureGroup);
  EXPECT_EQ(genome.livs[2], gene("mha", 1, 1, 3, 0));
  EXPECT_EQ(genome.livs[3].featureStrategy, 0);
  EXPECT_NE(genome.livs[3].featureGroup, genome.livs[2].featureGroup);
  // Renumbered in order of first appearance.
  Genome renumbered = genome;
  renumberGroups(renumbered);
  EXPECT_EQ(renumbered, genome);
  EXPECT_EQ(repair(genome), 0u);
}

TEST(RepairTest, LeavesValidGenomesUnchanged) {
  // On valid genomes repair resets nothing and only renumbers groups.
  Random rng(7);
  MutationOptions heavy;
  heavy.geneRate = 0.7;
  for (int trial = 0; trial < 300; ++trial) {
    SCOPED_TRACE(trial);
    Backbone b = smallBackbone();
    b.heads = int64_t(1) << rng.between(0, 3);
    Genome genome = randomGenome(b, rng.between(1, 10), rng);
    mutate(genome, rng, heavy);
    ASSERT_TRUE(findProblems(genome).empty()) << describe(genome);
    // Scramble the group numbers without changing which LIVs share.
    Genome scrambled = genome;
    int depth = static_cast<int>(genome.depth());
    for (LivGene &g : scrambled.livs) {
      g.featurizerGroup = depth + 1 - g.featurizerGroup;
      g.featureGroup = depth + 1 - g.featureGroup;
    }
    ASSERT_TRUE(findProblems(scrambled).empty()) << describe(scrambled);
    Genome expected = scrambled;
    renumberGroups(expected);
    EXPECT_EQ(repair(scrambled), 0u);
    EXPECT_EQ(scrambled, expected);
    EXPECT_EQ(scrambled, genome);
  }
}

TEST(RepairTest, KeepsValidSharing) {
  // Members sharing with a leader of their own class keep their genes.
  Genome genome;
  genome.backbone = smallBackbone();
  genome.livs = {gene("mha", 1, 0, 1, 0), gene("swiglu", 2, 0, 2, 0),
                 gene("mha", 1, 1, 1, 2), gene("swiglu", 2, 2, 2, 1)};
  Genome before = genome;
  EXPECT_EQ(repair(genome), 0u);
  EXPECT_EQ(genome, before);
}

TEST(RepairTest, OutOfRangeGenesAreNotRepairable) {
  // isRepairable is false for genes out of range, and repair leaves them.
  struct Case {
    const char *what;
    void (*spoil)(Genome &);
  } cases[] = {
      {"class 99", [](Genome &g) { g.livs[1].cls = 99; }},
      {"featurizer strategy 3",
       [](Genome &g) { g.livs[2].featurizerStrategy = 3; }},
      {"feature strategy -2",
       [](Genome &g) { g.livs[2].featureStrategy = -2; }},
      {"gqa4 on 2 heads", [](Genome &g) { g.livs[0].cls = classId("gqa4"); }},
      {"width 7 on 2 heads", [](Genome &g) { g.backbone.width = 7; }},
  };
  for (const Case &c : cases) {
    SCOPED_TRACE(c.what);
    Genome genome = genomeOf(smallBackbone(), {"mha", "swiglu", "mha"});
    // Also an invalid sharing, which alone would be repairable.
    genome.livs[2].featurizerGroup = 2;
    genome.livs[2].featurizerStrategy = 1;
    c.spoil(genome);
    EXPECT_FALSE(isRepairable(genome));
    repair(genome);
    EXPECT_FALSE(findProblems(genome).empty()) << describe(genome);
  }
}

TEST(RepairTest, OutOfRangeGroupsAreLeftAlone) {
  // repair leaves group genes out of [1, depth] alone, as Genome.h says.
  Genome zero = genomeOf(smallBackbone(), {"mha", "swiglu", "mha"});
  zero.livs[1].featurizerGroup = 0;
  Genome beyond = genomeOf(smallBackbone(), {"mha", "swiglu", "mha"});
  beyond.livs[0].featureGroup = 4;
  for (Genome genome : {zero, beyond}) {
    EXPECT_FALSE(isRepairable(genome));
    Genome before = genome;
    EXPECT_EQ(repair(genome), 0u);
    EXPECT_EQ(genome, before);
    EXPECT_FALSE(findProblems(genome).empty()) << describe(genome);
  }
}

TEST(RepairTest, RenumbersGroupsInOrderOfFirstAppearance) {
  // Group numbers become 1, 2, ... in stack order, each kind separately.
  Genome genome;
  genome.backbone = smallBackbone();
  genome.livs = {gene("mha", 3, 0, 2, 0), gene("mha", 3, 1, 4, 0),
                 gene("mha", 1, 0, 2, 1), gene("mha", 4, 0, 1, 0)};
  renumberGroups(genome);
  EXPECT_EQ(genome.livs[0], gene("mha", 1, 0, 1, 0));
  EXPECT_EQ(genome.livs[1], gene("mha", 1, 1, 2, 0));
  EXPECT_EQ(genome.livs[2], gene("mha", 2, 0, 1, 1));
  EXPECT_EQ(genome.livs[3], gene("mha", 3, 0, 3, 0));
}

//===----------------------------------------------------------------------===//
// Groups
//===----------------------------------------------------------------------===//

TEST(GroupTest, LeadersAndEffectiveSharingByHand) {
  // The first LIV of a group leads it; leaders and strategy 0 share nothing.
  Genome genome;
  genome.backbone = smallBackbone();
  genome.livs = {gene("mha", 1, 0, 1, 0),    // leads featurizer 1, feature 1
                 gene("mha", 1, 2, 2, 1),    // key side of 0; leads feature 2
                 gene("mha", 2, 1, 2, 2),    // leads featurizer 2; key of 1
                 gene("swiglu", 1, 0, 3, 1), // in featurizer 1 at strategy 0
                 gene("mha", 1, 1, 1, 1)};   // all of 0, both kinds
  ASSERT_EQ(problemsOf(genome), "");

  const SharingKind fz = SharingKind::Featurizer, ft = SharingKind::Features;
  EXPECT_EQ(groupLeader(genome, 0, fz), 0u);
  EXPECT_EQ(groupLeader(genome, 1, fz), 0u);
  EXPECT_EQ(groupLeader(genome, 2, fz), 2u);
  EXPECT_EQ(groupLeader(genome, 3, fz), 0u);
  EXPECT_EQ(groupLeader(genome, 4, fz), 0u);
  EXPECT_EQ(groupLeader(genome, 0, ft), 0u);
  EXPECT_EQ(groupLeader(genome, 1, ft), 1u);
  EXPECT_EQ(groupLeader(genome, 2, ft), 1u);
  EXPECT_EQ(groupLeader(genome, 3, ft), 3u);
  EXPECT_EQ(groupLeader(genome, 4, ft), 0u);

  EXPECT_EQ(effectiveSharing(genome, 0, fz), Sharing::None);
  EXPECT_EQ(effectiveSharing(genome, 1, fz), Sharing::KeySide);
  EXPECT_EQ(effectiveSharing(genome, 2, fz), Sharing::None); // leads
  EXPECT_EQ(effectiveSharing(genome, 3, fz), Sharing::None); // strategy 0
  EXPECT_EQ(effectiveSharing(genome, 4, fz), Sharing::All);
  EXPECT_EQ(effectiveSharing(genome, 0, ft), Sharing::None);
  EXPECT_EQ(effectiveSharing(genome, 1, ft), Sharing::None); // leads
  EXPECT_EQ(effectiveSharing(genome, 2, ft), Sharing::KeySide);
  EXPECT_EQ(effectiveSharing(genome, 3, ft), Sharing::None); // leads
  EXPECT_EQ(effectiveSharing(genome, 4, ft), Sharing::All);
}

//===----------------------------------------------------------------------===//
// Templates and backbone
//===----------------------------------------------------------------------===//

TEST(TemplateTest, LayoutsAlternateMixersAndChannelMixers) {
  // Templates alternate mixer and channel mixer; striped-mamba adds MHA.
  Backbone b;
  llvm::Expected<Genome> transformer = makeTemplate("transformer++", b, 4);
  ASSERT_TRUE(bool(transformer)) << llvm::toString(transformer.takeError());
  EXPECT_EQ(*transformer, genomeOf(b, {"mha", "swiglu", "mha", "swiglu"}));

  llvm::Expected<Genome> striped = makeTemplate("striped-mamba", b, 10);
  ASSERT_TRUE(bool(striped)) << llvm::toString(striped.takeError());
  EXPECT_EQ(*striped, genomeOf(b, {"mamba-n16", "swiglu", "mamba-n16", "swiglu",
                                   "mamba-n16", "swiglu", "mha", "swiglu",
                                   "mamba-n16", "swiglu"}));

  llvm::Expected<Genome> hyena = makeTemplate("hyena", b, 2);
  ASSERT_TRUE(bool(hyena)) << llvm::toString(hyena.takeError());
  EXPECT_EQ(*hyena, genomeOf(b, {"hyena", "swiglu"}));

  llvm::Expected<Genome> m2 = makeTemplate("monarch-mixer", b, 2);
  ASSERT_TRUE(bool(m2)) << llvm::toString(m2.takeError());
  EXPECT_EQ(*m2, genomeOf(b, {"hyena", "monarch-glu"}));
}

TEST(TemplateTest, RejectsUnknownNamesAndBadDepths) {
  // Unknown templates and odd or too small depths are errors.
  const std::pair<const char *, int64_t> cases[] = {
      {"gpt", 4}, {"transformer++", 3}, {"transformer++", 0}, {"hyena", -2}};
  for (auto [name, depth] : cases) {
    llvm::Expected<Genome> genome = makeTemplate(name, Backbone(), depth);
    EXPECT_FALSE(bool(genome)) << name << " " << depth;
    if (!genome)
      llvm::consumeError(genome.takeError());
  }
}

TEST(BackboneTest, FfnWidthDefaultsToEightThirdsRoundedUp) {
  // 8/3 * width rounded up to a multiple of 8, unless given.
  Backbone b;
  b.width = 8; // (64 + 2) / 3 = 22 -> 24
  EXPECT_EQ(b.resolvedFfnWidth(), 24);
  b.width = 256; // (2048 + 2) / 3 = 683 -> 688
  EXPECT_EQ(b.resolvedFfnWidth(), 688);
  b.width = 3; // (24 + 2) / 3 = 8 -> 8
  EXPECT_EQ(b.resolvedFfnWidth(), 8);
  b.ffnWidth = 13;
  EXPECT_EQ(b.resolvedFfnWidth(), 13);
  b.width = 64;
  b.heads = 4;
  EXPECT_EQ(b.headDim(), 16);
}

TEST(BackboneTest, ElementTypesByName) {
  // Names and sizes of the three element types; other names are rejected.
  for (ElementType t : {ElementType::F32, ElementType::BF16, ElementType::F16})
    EXPECT_EQ(parseElementType(elementTypeName(t)), t);
  EXPECT_EQ(elementBytes(ElementType::F32), 4);
  EXPECT_EQ(elementBytes(ElementType::BF16), 2);
  EXPECT_EQ(elementBytes(ElementType::F16), 2);
  EXPECT_EQ(parseElementType("f64"), std::nullopt);
}

} // namespace
