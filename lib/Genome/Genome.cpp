//===- Genome.cpp - STAR-style genomes: classes, format, checks -----------===//

#include "ssm/Genome/Genome.h"
#include "ssm/Support/Error.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <limits>
#include <map>
#include <optional>

using namespace llvm;

namespace ssm::genome {

//===----------------------------------------------------------------------===//
// The class table
//===----------------------------------------------------------------------===//

namespace {
LivClass attention(int id, StringRef name, StringRef summary,
                   int64_t kvRepeat = 1, bool conv = false,
                   bool windowed = false) {
  LivClass c{id, name, summary, Category::Attention, LivKind::Attention};
  c.kvRepeat = kvRepeat;
  c.convFeaturizer = conv;
  c.windowed = windowed;
  return c;
}
LivClass recurrence(int id, StringRef name, StringRef summary, int64_t n) {
  LivClass c{id, name, summary, Category::Recurrence, LivKind::Recurrence};
  c.stateSize = n;
  return c;
}
LivClass differential(const LivClass &base, int id, StringRef name) {
  LivClass c = base;
  c.id = id;
  c.name = name;
  c.summary = "differential: LIV1(x) - LIV2(x), two copies of the class";
  c.differential = true;
  return c;
}
LivClass s4d() {
  LivClass c{20, "s4d", "S4D kernel (diagonal, ZOH, N = 16) + gated long conv",
             Category::Convolution, LivKind::LtiConv};
  c.stateSize = 16;
  return c;
}

std::vector<LivClass> buildClassTable() {
  std::vector<LivClass> t = {
      attention(1, "mha", "multi-head softmax attention"),
      attention(2, "mha-conv", "MHA with a short conv (3) in the featurizer",
                1, /*conv=*/true),
      attention(3, "gqa4", "grouped-query attention, KV repeat 4", 4),
      attention(4, "gqa2", "grouped-query attention, KV repeat 2", 2),
      recurrence(5, "mamba-n16", "Mamba-like recurrence, state 16", 16),
      recurrence(6, "mamba-n2", "Mamba-like recurrence, state 2", 2),
      {7, "gconv-short", "gated conv, explicit short kernel (3)",
       Category::Convolution, LivKind::ShortGatedConv},
      {8, "hyena", "gated conv, implicit long kernel (Hyena)",
       Category::Convolution, LivKind::LongGatedConv},
      {9, "swiglu", "SwiGLU gated memoryless unit", Category::Memoryless,
       LivKind::SwiGLU},
  };
  static const char *const kDiffNames[] = {
      "diff-mha",       "diff-mha-conv",   "diff-gqa4",
      "diff-gqa2",      "diff-mamba-n16",  "diff-mamba-n2",
      "diff-gconv-short", "diff-hyena"};
  for (int i = 0; i < 8; ++i)
    t.push_back(differential(t[i], 10 + i, kDiffNames[i]));
  t.push_back({18, "monarch-glu", "gated memoryless unit of Monarch matrices",
               Category::Memoryless, LivKind::MonarchGLU});
  t.push_back(attention(19, "swa", "sliding-window attention (backbone window)",
                        1, false, /*windowed=*/true));
  t.push_back(s4d());
  t.push_back({21, "linear-attention", "causal linear attention, elu+1 features",
               Category::Attention, LivKind::LinearAttention});
  return t;
}
} // namespace

ArrayRef<LivClass> livClasses() {
  static const std::vector<LivClass> table = buildClassTable();
  return table;
}

const LivClass *lookupClass(int id) {
  for (const LivClass &c : livClasses())
    if (c.id == id)
      return &c;
  return nullptr;
}

const LivClass *lookupClass(StringRef name) {
  for (const LivClass &c : livClasses())
    if (c.name == name)
      return &c;
  return nullptr;
}

StringRef categoryName(Category category) {
  switch (category) {
  case Category::Attention:
    return "attention";
  case Category::Recurrence:
    return "recurrence";
  case Category::Convolution:
    return "convolution";
  case Category::Memoryless:
    return "memoryless";
  }
  return "?";
}

StringRef normName(NormKind norm) {
  return norm == NormKind::RMSNorm ? "rmsnorm" : "layernorm";
}

StringRef elementTypeName(ElementType type) {
  switch (type) {
  case ElementType::F32:
    return "f32";
  case ElementType::BF16:
    return "bf16";
  case ElementType::F16:
    return "f16";
  }
  return "?";
}

std::optional<NormKind> parseNorm(StringRef name) {
  return StringSwitch<std::optional<NormKind>>(name)
      .Case("rmsnorm", NormKind::RMSNorm)
      .Case("layernorm", NormKind::LayerNorm)
      .Default(std::nullopt);
}

std::optional<ElementType> parseElementType(StringRef name) {
  return StringSwitch<std::optional<ElementType>>(name)
      .Case("f32", ElementType::F32)
      .Case("bf16", ElementType::BF16)
      .Case("f16", ElementType::F16)
      .Default(std::nullopt);
}

int64_t elementBytes(ElementType type) {
  return type == ElementType::F32 ? 4 : 2;
}

int64_t Backbone::resolvedFfnWidth() const {
  if (ffnWidth > 0)
    return ffnWidth;
  int64_t h = (8 * width + 2) / 3;
  return (h + 7) / 8 * 8;
}

bool Backbone::operator==(const Backbone &o) const {
  return width == o.width && vocab == o.vocab && heads == o.heads &&
         ffnWidth == o.ffnWidth && window == o.window && dtype == o.dtype &&
         norm == o.norm && tieEmbeddings == o.tieEmbeddings;
}

//===----------------------------------------------------------------------===//
// Groups
//===----------------------------------------------------------------------===//

static int groupOf(const LivGene &gene, SharingKind kind) {
  return kind == SharingKind::Featurizer ? gene.featurizerGroup
                                         : gene.featureGroup;
}
static int strategyOf(const LivGene &gene, SharingKind kind) {
  return kind == SharingKind::Featurizer ? gene.featurizerStrategy
                                         : gene.featureStrategy;
}

size_t groupLeader(const Genome &genome, size_t index, SharingKind kind) {
  int group = groupOf(genome.livs[index], kind);
  for (size_t i = 0; i < index; ++i)
    if (groupOf(genome.livs[i], kind) == group)
      return i;
  return index;
}

Sharing effectiveSharing(const Genome &genome, size_t index,
                         SharingKind kind) {
  if (groupLeader(genome, index, kind) == index)
    return Sharing::None;
  int strategy = strategyOf(genome.livs[index], kind);
  if (strategy < 0 || strategy > kMaxStrategy)
    return Sharing::None;
  return static_cast<Sharing>(strategy);
}

//===----------------------------------------------------------------------===//
// Checks and repair
//===----------------------------------------------------------------------===//

static StringRef sharingName(SharingKind kind) {
  return kind == SharingKind::Featurizer ? "featurizer" : "feature";
}

/// The problem with LIV `i`'s sharing of `kind`, if any.
static std::optional<std::string>
sharingProblem(const Genome &genome, size_t i, SharingKind kind) {
  if (effectiveSharing(genome, i, kind) == Sharing::None)
    return std::nullopt;
  size_t leader = groupLeader(genome, i, kind);
  const LivClass *mine = lookupClass(genome.livs[i].cls);
  const LivClass *theirs = lookupClass(genome.livs[leader].cls);
  if (!mine || !theirs || mine == theirs)
    return std::nullopt;
  return formatv("liv {0}: field '{1}_group': class '{2}' cannot share with "
                 "class '{3}' of liv {4}, the group's first member (invalid "
                 "sharing; repair resets it)",
                 i + 1, sharingName(kind), mine->name, theirs->name,
                 leader + 1)
      .str();
}

static void checkRange(std::vector<std::string> &problems, StringRef where,
                       StringRef field, int64_t value, int64_t lo,
                       int64_t hi) {
  if (value < lo || value > hi)
    problems.push_back(formatv("{0}: field '{1}': {2} is out of range [{3}, "
                               "{4}]",
                               where, field, value, lo, hi)
                           .str());
}

static std::vector<std::string> rangeProblems(const Genome &genome) {
  std::vector<std::string> problems;
  const Backbone &b = genome.backbone;
  constexpr int64_t kLarge = int64_t(1) << 24;
  checkRange(problems, "backbone", "width", b.width, 1, kLarge);
  checkRange(problems, "backbone", "vocab", b.vocab, 1, kLarge);
  checkRange(problems, "backbone", "heads", b.heads, 1, kLarge);
  checkRange(problems, "backbone", "ffn_width", b.ffnWidth, 0, kLarge);
  checkRange(problems, "backbone", "window", b.window, 1, kLarge);
  if (b.heads >= 1 && b.width >= 1 && b.width % b.heads != 0)
    problems.push_back(formatv("backbone: field 'heads': width {0} is not a "
                               "multiple of {1} heads",
                               b.width, b.heads)
                           .str());
  if (genome.livs.empty())
    problems.push_back("genome: field 'livs': a genome needs at least one LIV");

  int64_t depth = genome.depth();
  for (auto [i, gene] : llvm::enumerate(genome.livs)) {
    std::string where = formatv("liv {0}", i + 1).str();
    const LivClass *cls = lookupClass(gene.cls);
    if (!cls)
      problems.push_back(formatv("{0}: field 'class': {1} is not a class id "
                                 "(1-{2}; `ssm-star classes` lists them)",
                                 where, gene.cls, livClasses().back().id)
                             .str());
    else if (b.heads >= 1 && b.heads % cls->kvRepeat != 0)
      problems.push_back(formatv("{0}: field 'class': '{1}' repeats each KV "
                                 "head {2} times, which does not divide {3} "
                                 "heads",
                                 where, cls->name, cls->kvRepeat, b.heads)
                             .str());
    checkRange(problems, where, "featurizer_group", gene.featurizerGroup, 1,
               depth);
    checkRange(problems, where, "featurizer_strategy", gene.featurizerStrategy,
               0, kMaxStrategy);
    checkRange(problems, where, "feature_group", gene.featureGroup, 1, depth);
    checkRange(problems, where, "feature_strategy", gene.featureStrategy, 0,
               kMaxStrategy);
  }
  return problems;
}

static std::vector<std::string> sharingProblems(const Genome &genome) {
  std::vector<std::string> problems;
  for (size_t i = 0; i < genome.livs.size(); ++i)
    for (SharingKind kind : {SharingKind::Featurizer, SharingKind::Features})
      if (std::optional<std::string> p = sharingProblem(genome, i, kind))
        problems.push_back(*p);
  return problems;
}

std::vector<std::string> findProblems(const Genome &genome) {
  std::vector<std::string> problems = rangeProblems(genome);
  std::vector<std::string> sharing = sharingProblems(genome);
  problems.insert(problems.end(), sharing.begin(), sharing.end());
  return problems;
}

Error validate(const Genome &genome) {
  std::vector<std::string> problems = findProblems(genome);
  if (problems.empty())
    return Error::success();
  return createStringError(inconvertibleErrorCode(),
                           llvm::join(problems, "\n"));
}

bool isRepairable(const Genome &genome) {
  return rangeProblems(genome).empty();
}

void renumberGroups(Genome &genome) {
  for (SharingKind kind : {SharingKind::Featurizer, SharingKind::Features}) {
    std::map<int, int> renamed;
    for (LivGene &gene : genome.livs) {
      int &group = kind == SharingKind::Featurizer ? gene.featurizerGroup
                                                   : gene.featureGroup;
      auto [it, inserted] = renamed.try_emplace(group, renamed.size() + 1);
      group = it->second;
    }
  }
}

static int &groupRef(LivGene &gene, SharingKind kind) {
  return kind == SharingKind::Featurizer ? gene.featurizerGroup
                                         : gene.featureGroup;
}
static int &strategyRef(LivGene &gene, SharingKind kind) {
  return kind == SharingKind::Featurizer ? gene.featurizerStrategy
                                         : gene.featureStrategy;
}

/// Moves LIV `i` into a group of its own (one past the largest in use)
/// with strategy 0.
static void leaveGroup(Genome &genome, size_t i, SharingKind kind) {
  int fresh = 0;
  for (const LivGene &g : genome.livs)
    fresh = std::max(fresh, groupOf(g, kind));
  groupRef(genome.livs[i], kind) = fresh + 1;
  strategyRef(genome.livs[i], kind) = 0;
}

void canonicalize(Genome &genome) {
  for (SharingKind kind : {SharingKind::Featurizer, SharingKind::Features})
    for (size_t i = 0; i < genome.livs.size(); ++i) {
      if (groupLeader(genome, i, kind) == i)
        strategyRef(genome.livs[i], kind) = 0; // a leader's has no effect
      else if (strategyRef(genome.livs[i], kind) == 0)
        leaveGroup(genome, i, kind); // a member that takes nothing
    }
  renumberGroups(genome);
}

unsigned repair(Genome &genome) {
  // Renumbering would move out-of-range groups into range; leave such
  // genomes for validate to report.
  if (!isRepairable(genome))
    return 0;
  unsigned reset = 0;
  for (SharingKind kind : {SharingKind::Featurizer, SharingKind::Features})
    for (size_t i = 0; i < genome.livs.size(); ++i)
      if (sharingProblem(genome, i, kind)) {
        leaveGroup(genome, i, kind);
        ++reset;
      }
  canonicalize(genome);
  return reset;
}

//===----------------------------------------------------------------------===//
// Printing
//===----------------------------------------------------------------------===//

static std::string className(int id) {
  if (const LivClass *c = lookupClass(id))
    return c->name.str();
  return std::to_string(id);
}

json::Value backboneToJSON(const Backbone &b) {
  return json::Object{{"width", b.width},
                      {"vocab", b.vocab},
                      {"heads", b.heads},
                      {"ffn_width", b.ffnWidth},
                      {"window", b.window},
                      {"dtype", elementTypeName(b.dtype)},
                      {"norm", normName(b.norm)},
                      {"tie_embeddings", b.tieEmbeddings}};
}

json::Value genomeToJSON(const Genome &genome) {
  json::Array livs;
  for (const LivGene &g : genome.livs) {
    json::Object liv{{"class", className(g.cls)},
                     {"featurizer_group", g.featurizerGroup},
                     {"featurizer_strategy", g.featurizerStrategy},
                     {"feature_group", g.featureGroup},
                     {"feature_strategy", g.featureStrategy}};
    livs.push_back(std::move(liv));
  }
  json::Object root{{"format", "ssm-genome"},
                    {"version", kFormatVersion},
                    {"backbone", backboneToJSON(genome.backbone)},
                    {"livs", std::move(livs)}};
  return json::Value(std::move(root));
}

std::string printGenomeJSON(const Genome &genome) {
  return formatv("{0:2}", genomeToJSON(genome)).str() + "\n";
}

std::string printGenomeText(const Genome &genome) {
  const Backbone &b = genome.backbone;
  std::string out = formatv("ssm-genome {0}\n", kFormatVersion).str();
  out += formatv("backbone width={0} vocab={1} heads={2} ffn_width={3} "
                 "window={4} dtype={5} norm={6} tie_embeddings={7}\n",
                 b.width, b.vocab, b.heads, b.ffnWidth, b.window,
                 elementTypeName(b.dtype), normName(b.norm),
                 b.tieEmbeddings ? "true" : "false")
             .str();
  for (const LivGene &g : genome.livs)
    out += formatv("liv {0} {1} {2} {3} {4}\n", className(g.cls),
                   g.featurizerGroup, g.featurizerStrategy, g.featureGroup,
                   g.featureStrategy)
               .str();
  return out;
}

//===----------------------------------------------------------------------===//
// Parsing
//===----------------------------------------------------------------------===//

/// A gene's JSON integer, which must fit an int (validate checks the range).
static Expected<int> geneValue(const json::Value &value, const Twine &what) {
  std::optional<int64_t> n = value.getAsInteger();
  if (!n)
    return error(what + " is not an integer");
  if (*n < std::numeric_limits<int>::min() ||
      *n > std::numeric_limits<int>::max())
    return error(what + ": " + Twine(*n) + " is out of range");
  return static_cast<int>(*n);
}

/// A class given by name or id.
static Expected<int> parseClass(StringRef where, StringRef text) {
  if (const LivClass *c = lookupClass(text))
    return c->id;
  int id;
  if (!text.getAsInteger(10, id))
    return id; // range-checked by validate
  return error(Twine(where) + ": field 'class': unknown class '" + text +
                    "' (`ssm-star classes` lists them)");
}

/// Sets one backbone field from its textual or JSON value.
static Error setBackboneField(Backbone &b, StringRef key,
                              const json::Value &value) {
  auto integer = [&](int64_t &field) -> Error {
    std::optional<int64_t> v = value.getAsInteger();
    if (!v)
      return error("backbone: field '" + key + "': expected an integer");
    field = *v;
    return Error::success();
  };
  auto string = [&]() -> Expected<StringRef> {
    std::optional<StringRef> s = value.getAsString();
    if (!s)
      return error("backbone: field '" + key + "': expected a string");
    return *s;
  };
  if (key == "width")
    return integer(b.width);
  if (key == "vocab")
    return integer(b.vocab);
  if (key == "heads")
    return integer(b.heads);
  if (key == "ffn_width")
    return integer(b.ffnWidth);
  if (key == "window")
    return integer(b.window);
  if (key == "dtype") {
    Expected<StringRef> s = string();
    if (!s)
      return s.takeError();
    std::optional<ElementType> t = parseElementType(*s);
    if (!t)
      return error("backbone: field 'dtype': '" + *s +
                        "' is not one of f32, bf16, f16");
    b.dtype = *t;
    return Error::success();
  }
  if (key == "norm") {
    Expected<StringRef> s = string();
    if (!s)
      return s.takeError();
    std::optional<NormKind> norm = parseNorm(*s);
    if (!norm)
      return error("backbone: field 'norm': '" + *s +
                   "' is not one of rmsnorm, layernorm");
    b.norm = *norm;
    return Error::success();
  }
  if (key == "tie_embeddings") {
    std::optional<bool> v = value.getAsBoolean();
    if (!v)
      return error("backbone: field 'tie_embeddings': expected true or "
                        "false");
    b.tieEmbeddings = *v;
    return Error::success();
  }
  if (key == "depth") {
    // Checked against the LIV count by the caller.
    int64_t ignored;
    return integer(ignored);
  }
  return error("backbone: unknown field '" + key + "'");
}

static Error checkDepth(std::optional<int64_t> depth, size_t livs) {
  if (depth && *depth != static_cast<int64_t>(livs))
    return error(formatv("backbone: field 'depth': {0} does not match "
                              "the {1} LIVs given",
                              *depth, livs));
  return Error::success();
}

static Expected<Genome> parseJSON(StringRef text) {
  Expected<json::Value> parsed = json::parse(text);
  if (!parsed)
    return error("invalid JSON: " + toString(parsed.takeError()));
  const json::Object *root = parsed->getAsObject();
  if (!root)
    return error("genome: expected a JSON object");
  if (const json::Value *format = root->get("format"))
    if (format->getAsString() != std::optional<StringRef>("ssm-genome"))
      return error("genome: field 'format': expected \"ssm-genome\"");
  if (!root->get("version"))
    return error("genome: field 'version': missing (this reader takes "
                 "version 1)");
  std::optional<int64_t> version = root->getInteger("version");
  if (!version)
    return error("genome: field 'version': expected an integer");
  if (*version != kFormatVersion)
    return error(formatv("genome: field 'version': {0} is not supported "
                              "(this reader takes version {1})",
                              *version, kFormatVersion));
  for (const auto &kv : *root)
    if (!llvm::is_contained({"format", "version", "backbone", "livs"},
                            StringRef(kv.first)))
      return error("genome: unknown field '" + kv.first.str() + "'");

  Genome genome;
  std::optional<int64_t> depth;
  if (const json::Value *backbone = root->get("backbone")) {
    const json::Object *obj = backbone->getAsObject();
    if (!obj)
      return error("genome: field 'backbone': expected an object");
    for (const auto &kv : *obj)
      if (Error e = setBackboneField(genome.backbone, kv.first, kv.second))
        return std::move(e);
    depth = obj->getInteger("depth");
  }

  const json::Array *livs = root->getArray("livs");
  if (!livs)
    return error("genome: field 'livs': missing or not an array");
  for (auto [i, value] : llvm::enumerate(*livs)) {
    std::string where = formatv("liv {0}", i + 1).str();
    LivGene gene;
    // STAR's compact form: [class, fgroup, fstrategy, xgroup, xstrategy].
    if (const json::Array *five = value.getAsArray()) {
      if (five->size() != 5)
        return error(where + ": expected 5 integers, got " +
                          Twine(five->size()));
      int *fields[] = {&gene.cls, &gene.featurizerGroup,
                       &gene.featurizerStrategy, &gene.featureGroup,
                       &gene.featureStrategy};
      for (auto [k, v] : llvm::enumerate(*five)) {
        static const char *const kGeneNames[] = {
            "class", "featurizer_group", "featurizer_strategy",
            "feature_group", "feature_strategy"};
        Expected<int> n =
            geneValue(v, where + ": field '" + kGeneNames[k] + "'");
        if (!n)
          return n.takeError();
        *fields[k] = *n;
      }
      genome.livs.push_back(gene);
      continue;
    }
    const json::Object *obj = value.getAsObject();
    if (!obj)
      return error(where + ": expected an object or 5 integers");
    struct Field {
      StringRef name;
      int *slot;
    } fields[] = {{"featurizer_group", &gene.featurizerGroup},
                  {"featurizer_strategy", &gene.featurizerStrategy},
                  {"feature_group", &gene.featureGroup},
                  {"feature_strategy", &gene.featureStrategy}};
    for (const auto &kv : *obj) {
      StringRef key = kv.first;
      if (key == "class") {
        Expected<int> cls =
            kv.second.getAsString()
                ? parseClass(where, *kv.second.getAsString())
                : geneValue(kv.second, where + ": field 'class'");
        if (!cls)
          return cls.takeError();
        gene.cls = *cls;
        continue;
      }
      Field *field = llvm::find_if(fields, [&](const Field &f) {
        return f.name == key;
      });
      if (field == std::end(fields))
        return error(where + ": unknown field '" + key + "'");
      Expected<int> n = geneValue(kv.second, where + ": field '" + key + "'");
      if (!n)
        return n.takeError();
      *field->slot = *n;
    }
    if (!obj->get("class"))
      return error(where + ": field 'class': missing");
    genome.livs.push_back(gene);
  }
  if (Error e = checkDepth(depth, genome.livs.size()))
    return std::move(e);
  return genome;
}

static Expected<Genome> parseText(StringRef text) {
  Genome genome;
  std::optional<int64_t> depth;
  bool sawHeader = false;
  SmallVector<StringRef> lines;
  text.split(lines, '\n');
  for (auto [n, rawLine] : llvm::enumerate(lines)) {
    StringRef line = rawLine.split('#').first.trim();
    if (line.empty())
      continue;
    std::string where = formatv("line {0}", n + 1).str();
    SmallVector<StringRef> words;
    SplitString(line, words, " \t");
    if (!sawHeader) {
      int version;
      if (words.size() != 2 || words[0] != "ssm-genome" ||
          words[1].getAsInteger(10, version))
        return error(where + ": expected the header 'ssm-genome 1'");
      if (version != kFormatVersion)
        return error(formatv("{0}: version {1} is not supported (this "
                                  "reader takes version {2})",
                                  where, version, kFormatVersion));
      sawHeader = true;
      continue;
    }
    if (words[0] == "backbone") {
      for (StringRef word : ArrayRef(words).drop_front()) {
        auto [key, value] = word.split('=');
        if (value.empty())
          return error(where + ": expected key=value, got '" + word +
                            "'");
        int64_t number;
        json::Value v = nullptr;
        if (!value.getAsInteger(10, number))
          v = number;
        else if (value == "true" || value == "false")
          v = value == "true";
        else
          v = value.str();
        if (key == "depth")
          depth = v.getAsInteger();
        if (Error e = setBackboneField(genome.backbone, key, v))
          return error(where + ": " + toString(std::move(e)));
      }
      continue;
    }
    if (words[0] != "liv")
      return error(where + ": expected 'backbone' or 'liv', got '" +
                        words[0] + "'");
    std::string liv = formatv("liv {0}", genome.livs.size() + 1).str();
    if (words.size() != 6)
      return error(where + ": " + liv +
                        ": expected 'liv <class> <featurizer_group> "
                        "<featurizer_strategy> <feature_group> "
                        "<feature_strategy>'");
    LivGene gene;
    Expected<int> cls = parseClass(where + ": " + liv, words[1]);
    if (!cls)
      return cls.takeError();
    gene.cls = *cls;
    int *fields[] = {&gene.featurizerGroup, &gene.featurizerStrategy,
                     &gene.featureGroup, &gene.featureStrategy};
    static const char *const kNames[] = {"featurizer_group",
                                         "featurizer_strategy",
                                         "feature_group", "feature_strategy"};
    for (int k = 0; k < 4; ++k)
      if (words[k + 2].getAsInteger(10, *fields[k]))
        return error(where + ": " + liv + ": field '" + kNames[k] +
                          "': '" + words[k + 2] + "' is not an integer");
    genome.livs.push_back(gene);
  }
  if (!sawHeader)
    return error("genome: empty input (expected JSON or 'ssm-genome 1')");
  if (Error e = checkDepth(depth, genome.livs.size()))
    return std::move(e);
  return genome;
}

Expected<Genome> parseGenome(StringRef text) {
  if (text.ltrim().starts_with("{"))
    return parseJSON(text);
  return parseText(text);
}

Expected<Genome> readGenomeFile(StringRef path) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> buffer =
      MemoryBuffer::getFileOrSTDIN(path, /*IsText=*/true);
  if (!buffer)
    return error("cannot read genome '" + path +
                      "': " + buffer.getError().message());
  Expected<Genome> genome = parseGenome((*buffer)->getBuffer());
  if (!genome)
    return error(path + ": " + toString(genome.takeError()));
  return genome;
}

//===----------------------------------------------------------------------===//
// Templates
//===----------------------------------------------------------------------===//

ArrayRef<TemplateInfo> templates() {
  static const TemplateInfo kTemplates[] = {
      {"transformer++", "MHA and SwiGLU alternating (Llama-style)"},
      {"striped-mamba", "Mamba-like recurrences and SwiGLU, every fourth "
                        "mixer MHA (striped hybrid)"},
      {"hyena", "Hyena gated long convolutions and SwiGLU"},
      {"monarch-mixer", "Hyena-style long convolutions and Monarch GLUs (M2)"},
  };
  return kTemplates;
}

Expected<Genome> makeTemplate(StringRef name, const Backbone &backbone,
                              int64_t depth) {
  if (!llvm::any_of(templates(),
                    [&](const TemplateInfo &t) { return t.name == name; }))
    return error("unknown template '" + name +
                      "' (`ssm-star templates` lists them)");
  if (depth < 2 || depth % 2 != 0)
    return error(formatv("template depth {0}: must be even and at least "
                              "2 (mixers and channel mixers alternate)",
                              depth));
  Genome genome;
  genome.backbone = backbone;
  for (int64_t i = 0; i < depth; ++i) {
    int cls;
    bool mixer = i % 2 == 0;
    if (name == "transformer++")
      cls = mixer ? 1 : 9;
    else if (name == "striped-mamba")
      cls = mixer ? (i / 2 % 4 == 3 ? 1 : 5) : 9;
    else if (name == "hyena")
      cls = mixer ? 8 : 9;
    else
      cls = mixer ? 8 : 18;
    LivGene gene;
    gene.cls = cls;
    gene.featurizerGroup = gene.featureGroup = static_cast<int>(i + 1);
    genome.livs.push_back(gene);
  }
  return genome;
}

} // namespace ssm::genome
