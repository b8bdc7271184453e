//===- Genome.h - STAR-style architecture genomes ---------------*- C++ -*-===//
//
// A genome describes a whole architecture as a stack of linear input-varying
// operators (LIVs) on a fixed pre-norm residual backbone, in the manner of
// STAR (Thomas et al., 2024). Each LIV is five integers: its class, a
// featurizer-sharing group and strategy, and a feature-group-sharing group and
// strategy. docs/genome.md is the format's specification; this header is its
// implementation.
//
//===----------------------------------------------------------------------===//

#ifndef SSM_GENOME_GENOME_H
#define SSM_GENOME_GENOME_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ssm::genome {

/// The version of the genome format this code reads and writes.
inline constexpr int kFormatVersion = 1;

//===----------------------------------------------------------------------===//
// LIV classes
//===----------------------------------------------------------------------===//

/// What an LIV computes; the decoder has one builder per kind.
enum class LivKind {
  Attention,       // softmax attention (MHA, GQA, sliding window)
  LinearAttention, // causal linear attention, elu+1 features
  Recurrence,      // Mamba-like input-varying recurrence (selective scan)
  ShortGatedConv,  // gated explicit short convolution
  LongGatedConv,   // gated implicit long convolution (Hyena)
  LtiConv,         // S4D kernel + long convolution
  SwiGLU,          // gated memoryless unit
  MonarchGLU,      // gated memoryless unit with Monarch matrices
};

/// Mutation redraws a class within its category or across categories.
enum class Category { Attention, Recurrence, Convolution, Memoryless };

/// One row of the class table.
struct LivClass {
  int id;
  llvm::StringRef name;
  llvm::StringRef summary;
  Category category;
  LivKind kind;
  /// y = LIV1(x) - LIV2(x) with two independent copies of the operator.
  bool differential = false;
  /// Attention: query heads per key/value head (GQA).
  int64_t kvRepeat = 1;
  /// Attention: a short convolution (kernel 3) on q, k and v.
  bool convFeaturizer = false;
  /// Attention: limited to the backbone's window.
  bool windowed = false;
  /// Recurrence / LTI conv: state size N.
  int64_t stateSize = 0;
};

/// The class table: STAR's 17 classes (ids 1-17) and ours (18-21).
llvm::ArrayRef<LivClass> livClasses();
/// The class with `id`, or null.
const LivClass *lookupClass(int id);
/// The class named `name` (e.g. "mha", "diff-mamba-n16"), or null.
const LivClass *lookupClass(llvm::StringRef name);

llvm::StringRef categoryName(Category category);

//===----------------------------------------------------------------------===//
// Genomes
//===----------------------------------------------------------------------===//

/// What a member of a sharing group takes from the group's first LIV.
enum class Sharing : int {
  None = 0,
  /// Featurizer: all featurizer weights; features: all features.
  All = 1,
  /// Only the key side (attention: K/V projections resp. K; see the docs).
  KeySide = 2,
};
inline constexpr int kMaxStrategy = 2;

/// The five genes of one LIV. Groups are numbered from 1; LIVs with the same
/// group number form a group whose first LIV (in stack order) is its leader.
struct LivGene {
  int cls = 1;
  int featurizerGroup = 1;
  int featurizerStrategy = 0;
  int featureGroup = 1;
  int featureStrategy = 0;

  bool operator==(const LivGene &o) const {
    return cls == o.cls && featurizerGroup == o.featurizerGroup &&
           featurizerStrategy == o.featurizerStrategy &&
           featureGroup == o.featureGroup &&
           featureStrategy == o.featureStrategy;
  }
};

enum class NormKind { RMSNorm, LayerNorm };
enum class ElementType { F32, BF16, F16 };

llvm::StringRef normName(NormKind norm);
llvm::StringRef elementTypeName(ElementType type);
std::optional<ElementType> parseElementType(llvm::StringRef name);
std::optional<NormKind> parseNorm(llvm::StringRef name);
int64_t elementBytes(ElementType type);

/// The fixed skeleton around the LIVs.
struct Backbone {
  int64_t width = 256;
  int64_t vocab = 256;
  int64_t heads = 4;
  /// Hidden width of SwiGLU; 0 means the default 8/3 * width rounded up to
  /// a multiple of 8 (as Llama).
  int64_t ffnWidth = 0;
  /// Keys visible to sliding-window attention.
  int64_t window = 512;
  ElementType dtype = ElementType::F32;
  NormKind norm = NormKind::RMSNorm;
  /// The LM head is the transposed embedding.
  bool tieEmbeddings = true;

  int64_t headDim() const { return width / heads; }
  int64_t resolvedFfnWidth() const;
  bool operator==(const Backbone &o) const;
};

struct Genome {
  Backbone backbone;
  std::vector<LivGene> livs;

  int64_t depth() const { return static_cast<int64_t>(livs.size()); }
  bool operator==(const Genome &o) const {
    return backbone == o.backbone && livs == o.livs;
  }
};

/// Which of the two sharings a check or repair concerns.
enum class SharingKind { Featurizer, Features };

/// The leader of LIV `index`'s group of `kind` (the first LIV with the same
/// group number); `index` itself when it leads.
size_t groupLeader(const Genome &genome, size_t index, SharingKind kind);

/// What LIV `index` effectively takes from its leader: None when it leads its
/// group or its strategy is 0.
Sharing effectiveSharing(const Genome &genome, size_t index, SharingKind kind);

//===----------------------------------------------------------------------===//
// Reading, writing, checking
//===----------------------------------------------------------------------===//

/// Parses a genome from JSON or from the text form; the first non-blank
/// character decides (`{` for JSON). Errors name the field and, for genes,
/// the LIV. Values are range-checked by `validate`, not here.
llvm::Expected<Genome> parseGenome(llvm::StringRef text);
/// Reads and parses a file ("-" for stdin).
llvm::Expected<Genome> readGenomeFile(llvm::StringRef path);

/// The backbone's JSON object, as in the genome format.
llvm::json::Value backboneToJSON(const Backbone &backbone);
/// The JSON form as a value (classes by name), e.g. to embed in reports.
llvm::json::Value genomeToJSON(const Genome &genome);
/// The JSON form (pretty-printed, classes by name).
std::string printGenomeJSON(const Genome &genome);
/// The text form: a header line, a backbone line, one line per LIV.
std::string printGenomeText(const Genome &genome);

/// Every problem of `genome`, one per line: backbone fields out of range,
/// unknown classes, groups or strategies out of range, and invalid sharing
/// (a member whose class differs from its leader's). Empty when valid.
std::vector<std::string> findProblems(const Genome &genome);
/// `findProblems` as an error (success when there are none).
llvm::Error validate(const Genome &genome);
/// Whether the only problems are invalid sharing, which `repair` fixes.
bool isRepairable(const Genome &genome);

/// STAR's repair: a member whose sharing is invalid leaves its group (it is
/// given a fresh group number) and its strategy is reset to 0. Then the
/// genome is canonicalized. Returns how many genes were reset. A genome with genes out of range (see `isRepairable`) is left
/// alone for validate to report.
unsigned repair(Genome &genome);

/// Renumbers both group genes in order of first appearance (1, 2, ...).
void renumberGroups(Genome &genome);

/// The canonical form of a valid genome, so that genomes decoding to the
/// same program are equal: a leader's strategy (which has no effect)
/// becomes 0, a member with strategy 0 (which takes nothing) gets a group
/// of its own, and groups are renumbered.
void canonicalize(Genome &genome);

//===----------------------------------------------------------------------===//
// Templates
//===----------------------------------------------------------------------===//

struct TemplateInfo {
  llvm::StringRef name;
  llvm::StringRef summary;
};
llvm::ArrayRef<TemplateInfo> templates();

/// The named template with `depth` LIVs on `backbone` (mixer and channel
/// mixer alternate, so depth must be even and at least 2).
llvm::Expected<Genome> makeTemplate(llvm::StringRef name,
                                    const Backbone &backbone, int64_t depth);

} // namespace ssm::genome

#endif // SSM_GENOME_GENOME_H
