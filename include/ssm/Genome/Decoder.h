//===- Decoder.h - Genomes to ssm programs ----------------------*- C++ -*-===//
//
// Decodes a genome into one `func.func` computing the whole backbone on a
// token batch: embedding lookup, pre-norm residual LIV blocks (ssm ops for
// the mixers, linalg for projections, gates and norms), final norm and LM
// head. Weights are function arguments, named by an `ssm.name` argument
// attribute; featurizer sharing passes one argument to several LIVs and
// feature-group sharing reuses one computed value.
//
//===----------------------------------------------------------------------===//

#ifndef SSM_GENOME_DECODER_H
#define SSM_GENOME_DECODER_H

#include "ssm/Compiler/Compiler.h"
#include "ssm/Genome/Genome.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace ssm::genome {

/// The most tokens (batch * length) a decoded program may take, which keeps
/// every shape and cost product well inside int64.
inline constexpr int64_t kMaxTokens = int64_t(1) << 31;

struct DecodeOptions {
  /// Static batch size and sequence length of the decoded function.
  int64_t batch = 1;
  int64_t length = 64;
  std::string functionName = "model";
};

/// The argument attribute that names each weight.
inline constexpr llvm::StringLiteral kWeightNameAttr = kArgumentNameAttr;

/// Decodes `genome` (which must pass `validate`) into a new verified module.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
decodeGenome(const Genome &genome, mlir::MLIRContext &context,
             const DecodeOptions &options = {});

/// The Monarch factorisation width = m * k used for `width` (m the largest
/// divisor of width not above its square root).
std::pair<int64_t, int64_t> monarchFactors(int64_t width);

} // namespace ssm::genome

#endif // SSM_GENOME_DECODER_H
