//===- Objectives.h - What a genome costs, computed by the compiler -*- C++ -*-//
//
// The objectives of architecture search, computed from the decoded program
// rather than guessed: parameters are the program's weight arguments (shared
// ones once), FLOPs and memory traffic come from the cost model over the
// program's ops, latency is measured on the compiled program. Inference
// cache size follows each LIV class's recurrent form (docs/genome.md).
// Quality comes from an external command the user supplies.
//
//===----------------------------------------------------------------------===//

#ifndef SSM_GENOME_OBJECTIVES_H
#define SSM_GENOME_OBJECTIVES_H

#include "ssm/Genome/Genome.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <map>
#include <optional>

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace ssm::genome {

enum class Objective {
  Params,      // parameters, shared weights counted once
  Cache,       // inference cache bytes at the context, batch 1
  Flops,       // prefill FLOPs per token at the context
  DecodeFlops, // FLOPs of one decode step at the context
  Traffic,     // modelled slow-memory bytes per prefill token at the context
  Latency,     // measured seconds of one compiled forward pass
  Quality,     // the external evaluator's score (lower is better)
};

/// The objective's command-line name ("params", "decode-flops", ...).
llvm::StringRef objectiveName(Objective objective);
/// Parses a comma-separated list of objective names.
llvm::Expected<std::vector<Objective>> parseObjectives(llvm::StringRef list);

struct ObjectiveOptions {
  /// Context length for cache, FLOPs and traffic.
  int64_t context = 4096;
  /// Target description of the cost model.
  std::string target = "cpu-host";
  /// Shape and repetitions of the latency measurement.
  int64_t latencyBatch = 1;
  int64_t latencyLength = 128;
  unsigned latencyRepeats = 5;
  /// Shell command printing a score (last line of stdout); `{genome}` is
  /// replaced by the path of a JSON file holding the genome, or the path is
  /// appended when the command has no `{genome}`.
  std::string qualityCommand;
};

/// Values of the objectives asked for, and how each was obtained.
struct Evaluation {
  std::map<Objective, double> values;
  std::map<Objective, std::string> sources;
};

/// Parameters of a decoded program: the elements of every weight argument
/// (all but the first, the tokens); shared weights are one argument.
int64_t countParameters(mlir::func::FuncOp model);

/// Inference cache bytes of `genome` at `context` for batch 1, per
/// docs/genome.md: KV for attention (window-limited for SWA), recurrent
/// state and conv tails for scans and convolutions, the convolved history
/// for implicit long convolutions; features shared by feature groups once.
int64_t cacheBytes(const Genome &genome, int64_t context);

/// Work and traffic of a decoded program, summed over its ops.
struct ProgramCost {
  double flops = 0;
  double bytes = 0;
  /// FLOPs of one decode step with `context` tokens before it.
  double decodeFlops = 0;
};
/// The ssm ops under the cost model's chosen schedule on `target`; linalg
/// ops as iteration points times body arithmetic, operands and results
/// moved once. `tokens` is the program's batch * length.
llvm::Expected<ProgramCost> estimateProgram(mlir::func::FuncOp model,
                                            llvm::StringRef target,
                                            int64_t tokens);

/// Evaluates `objectives` for `genome`; `registry` provides the dialects
/// for compiling (latency). Thread-safe: each call has its own context.
/// Latency, when asked for, is measured here too; callers that evaluate in
/// parallel measure it separately with `measureLatency`.
llvm::Expected<Evaluation> evaluate(const Genome &genome,
                                    llvm::ArrayRef<Objective> objectives,
                                    const ObjectiveOptions &options,
                                    const mlir::DialectRegistry &registry);

/// Compiles `genome` for the host and returns the median seconds of
/// `options.latencyRepeats` forward passes on random weights.
llvm::Expected<double> measureLatency(const Genome &genome,
                                      const ObjectiveOptions &options,
                                      const mlir::DialectRegistry &registry);

/// How `measureLatency` measures, for reports.
std::string latencySource(const ObjectiveOptions &options);

/// Runs the quality command on `genome`.
llvm::Expected<double> runQualityCommand(const Genome &genome,
                                         llvm::StringRef command);

} // namespace ssm::genome

#endif // SSM_GENOME_OBJECTIVES_H
