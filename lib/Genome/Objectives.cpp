//===- Objectives.cpp - What a genome costs, computed by the compiler -----===//

#include "ssm/Genome/Objectives.h"
#include "ssm/Support/Error.h"

#include "ssm/Analysis/CostModel.h"
#include "ssm/Compiler/Compiler.h"
#include "ssm/Dialect/SSM/IR/SSMOps.h"
#include "ssm/Genome/Decoder.h"
#include "ssm/Runner/Runner.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cmath>

using namespace mlir;
using namespace mlir::ssm;
using llvm::Error;
using llvm::Expected;
using llvm::StringRef;

namespace ssm::genome {

//===----------------------------------------------------------------------===//
// Names
//===----------------------------------------------------------------------===//

static constexpr std::pair<Objective, const char *> kObjectiveNames[] = {
    {Objective::Params, "params"},      {Objective::Cache, "cache"},
    {Objective::Flops, "flops"},        {Objective::DecodeFlops, "decode-flops"},
    {Objective::Traffic, "traffic"},    {Objective::Latency, "latency"},
    {Objective::Quality, "quality"},
};

StringRef objectiveName(Objective objective) {
  for (auto [o, name] : kObjectiveNames)
    if (o == objective)
      return name;
  return "?";
}

Expected<std::vector<Objective>> parseObjectives(StringRef list) {
  std::vector<Objective> result;
  llvm::SmallVector<StringRef> names;
  list.split(names, ',', -1, /*KeepEmpty=*/false);
  for (StringRef name : names) {
    name = name.trim();
    const auto *it = llvm::find_if(
        kObjectiveNames, [&](const auto &p) { return name == p.second; });
    if (it == std::end(kObjectiveNames)) {
      std::vector<std::string> known;
      for (auto [o, n] : kObjectiveNames)
        known.push_back(n);
      return error("unknown objective '" + name + "' (known: " +
                   llvm::join(known, ", ") + ")");
    }
    if (llvm::is_contained(result, it->first))
      return error("objective '" + name + "' is given twice");
    result.push_back(it->first);
  }
  if (result.empty())
    return error("no objectives given");
  return result;
}

//===----------------------------------------------------------------------===//
// Parameters and cache
//===----------------------------------------------------------------------===//

int64_t countParameters(func::FuncOp model) {
  int64_t total = 0;
  for (Type type : model.getArgumentTypes().drop_front()) {
    auto tensor = cast<RankedTensorType>(type);
    // A complex weight is two real parameters.
    int64_t reals = isa<ComplexType>(tensor.getElementType()) ? 2 : 1;
    total += reals * tensor.getNumElements();
  }
  return total;
}

/// Cache elements of one copy of `cls`, given what its features take from
/// the group's leader.
static int64_t cacheElements(const LivClass &cls, const Backbone &bb,
                             int64_t context, Sharing features) {
  int64_t w = bb.width;
  bool keyShared = features != Sharing::None;
  bool allShared = features == Sharing::All;
  constexpr int64_t kTail = 2; // past inputs a kernel-3 conv keeps
  switch (cls.kind) {
  case LivKind::Attention: {
    int64_t kv = bb.heads / cls.kvRepeat * bb.headDim();
    int64_t keys = cls.windowed ? std::min(context, bb.window) : context;
    int64_t tailQ = cls.convFeaturizer ? kTail * w : 0;
    int64_t tailKV = cls.convFeaturizer ? kTail * kv : 0;
    int64_t k = keyShared ? 0 : keys * kv + tailKV;
    int64_t v = allShared ? 0 : keys * kv + tailKV;
    return tailQ + k + v;
  }
  case LivKind::LinearAttention: {
    int64_t e = bb.headDim();
    int64_t state = allShared ? 0 : bb.heads * e * e;
    int64_t normaliser = keyShared ? 0 : bb.heads * e;
    return state + normaliser;
  }
  case LivKind::Recurrence: {
    int64_t inner = 2 * w;
    return 3 * inner + inner * cls.stateSize;
  }
  case LivKind::ShortGatedConv:
  case LivKind::LongGatedConv: {
    int64_t tails = kTail * w * (1 + (allShared ? 0 : 1) + (keyShared ? 0 : 1));
    int64_t mixer = cls.kind == LivKind::ShortGatedConv ? kTail * w
                                                        : context * w;
    return tails + mixer;
  }
  case LivKind::LtiConv:
    return 2 * cls.stateSize * w; // complex diagonal state
  case LivKind::SwiGLU:
  case LivKind::MonarchGLU:
    return 0;
  }
  return 0;
}

int64_t cacheBytes(const Genome &genome, int64_t context) {
  int64_t elements = 0;
  for (size_t i = 0; i < genome.livs.size(); ++i) {
    const LivClass *cls = lookupClass(genome.livs[i].cls);
    if (!cls)
      continue;
    Sharing features = effectiveSharing(genome, i, SharingKind::Features);
    elements += (cls->differential ? 2 : 1) *
                cacheElements(*cls, genome.backbone, context, features);
  }
  return elements * elementBytes(genome.backbone.dtype);
}

//===----------------------------------------------------------------------===//
// FLOPs and traffic
//===----------------------------------------------------------------------===//

static int64_t dimOf(Value v, unsigned i) {
  return cast<RankedTensorType>(v.getType()).getDimSize(i);
}

static double tensorBytes(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || !tensor.hasStaticShape())
    return 0;
  Type element = tensor.getElementType();
  int64_t bits = 64;
  if (auto complex = dyn_cast<ComplexType>(element))
    bits = 2 * complex.getElementType().getIntOrFloatBitWidth();
  else if (element.isIntOrFloat())
    bits = element.getIntOrFloatBitWidth();
  return double(tensor.getNumElements()) * bits / 8;
}

/// FLOPs of one decode step of an ssm op whose work grows with the context
/// (the others cost their prefill FLOPs per token).
static std::optional<double> decodeStepFlops(Operation *op, int64_t context) {
  if (auto a = dyn_cast<AttentionOp>(op)) {
    int64_t h = dimOf(a.getQ(), 1), e = dimOf(a.getQ(), 3),
            ev = dimOf(a.getV(), 3);
    int64_t keys = context + 1;
    if (std::optional<int64_t> window = a.getWindow())
      keys = std::min(keys, *window);
    return double(h) * keys * (2 * e + 2 * ev + 3);
  }
  if (auto a = dyn_cast<LinearAttentionOp>(op)) {
    int64_t h = dimOf(a.getQ(), 1), e = dimOf(a.getQ(), 3),
            ev = dimOf(a.getV(), 3);
    int64_t f = a.getFeatureMap() == FeatureMap::taylor2 ? 1 + e + e * e : e;
    return double(h) * (4 * f * ev + 4 * f);
  }
  if (auto s = dyn_cast<SelectiveScanOp>(op)) {
    int64_t d = dimOf(s.getX(), 2), n = dimOf(s.getA(), 1);
    return 6.0 * d * n + 8.0 * d;
  }
  if (auto s = dyn_cast<SSDOp>(op)) {
    int64_t h = dimOf(s.getX(), 2), p = dimOf(s.getX(), 3),
            n = dimOf(s.getBm(), 3);
    return 6.0 * h * p * n + 4.0 * h;
  }
  if (auto c = dyn_cast<LongConvOp>(op)) {
    int64_t d = dimOf(c.getU(), 2), lk = dimOf(c.getKernel(), 1);
    return 2.0 * d * std::min(context + 1, lk) + 2.0 * d;
  }
  return std::nullopt;
}

/// Arithmetic ops in a linalg body (the FLOPs of one iteration point).
static int64_t bodyFlops(linalg::LinalgOp op) {
  int64_t count = 0;
  for (Operation &inner : *op.getBlock()) {
    Dialect *dialect = inner.getDialect();
    if (!dialect || isa<arith::ConstantOp, arith::IndexCastOp>(inner))
      continue;
    StringRef ns = dialect->getNamespace();
    if (ns == "arith" || ns == "math")
      ++count;
  }
  return count;
}

Expected<ProgramCost> estimateProgram(func::FuncOp model, StringRef target,
                                      int64_t tokens) {
  Expected<TargetDesc> desc = lookupTarget(target);
  if (!desc)
    return desc.takeError();
  ProgramCost total;
  int64_t context = tokens; // batch 1 when called from `evaluate`
  for (Operation &op : model.getBody().front()) {
    if (isa<SSMDialect>(op.getDialect())) {
      FailureOr<ScheduleAttr> schedule = selectSchedule(&op, *desc);
      FailureOr<Cost> cost = failure();
      if (succeeded(schedule))
        cost = estimateCost(&op, *schedule);
      if (failed(cost))
        return error("the cost model has no estimate for '" +
                     op.getName().getStringRef() + "'");
      total.flops += cost->flops;
      total.bytes += cost->bytes;
      std::optional<double> step = decodeStepFlops(&op, context);
      total.decodeFlops += step ? *step : cost->flops / tokens;
      continue;
    }
    auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
    if (!linalgOp)
      continue;
    double points = 1;
    for (int64_t range : linalgOp.getStaticLoopRanges())
      points *= ShapedType::isDynamic(range) ? 1 : range;
    double flops = points * bodyFlops(linalgOp);
    total.flops += flops;
    total.decodeFlops += flops / tokens;
    for (Value input : linalgOp.getDpsInputs())
      total.bytes += tensorBytes(input.getType());
    for (Type result : op.getResultTypes())
      total.bytes += tensorBytes(result);
  }
  return total;
}

//===----------------------------------------------------------------------===//
// Latency and quality
//===----------------------------------------------------------------------===//

std::string latencySource(const ObjectiveOptions &options) {
  return llvm::formatv("measured: compiled for the host, median of {0} runs, "
                       "batch {1}, length {2}",
                       options.latencyRepeats, options.latencyBatch,
                       options.latencyLength);
}

Expected<double> measureLatency(const Genome &genome,
                                const ObjectiveOptions &options,
                                const DialectRegistry &registry) {
  MLIRContext context(registry, MLIRContext::Threading::DISABLED);
  DecodeOptions decode;
  decode.batch = options.latencyBatch;
  decode.length = options.latencyLength;
  Expected<OwningOpRef<ModuleOp>> module =
      decodeGenome(genome, context, decode);
  if (!module)
    return module.takeError();
  auto model = (*module)->lookupSymbol<func::FuncOp>(decode.functionName);
  // The weights are made (in double precision) before compiling; refuse
  // models that would not fit rather than fail to allocate.
  constexpr int64_t kMaxLatencyParameters = int64_t(1) << 28;
  if (int64_t params = countParameters(model); params > kMaxLatencyParameters)
    return error(llvm::formatv("latency: {0} parameters are more than the "
                               "{1} this host measures; use a smaller width "
                               "or depth",
                               params, kMaxLatencyParameters));
  std::vector<ref::Tensor> args;
  for (auto [i, type] : llvm::enumerate(model.getArgumentTypes())) {
    Expected<ref::Tensor> arg = makeRandomInput(type, 1 + i);
    if (!arg)
      return arg.takeError();
    args.push_back(std::move(*arg));
  }
  Expected<std::unique_ptr<JitModule>> jit = JitModule::compile(**module);
  if (!jit)
    return jit.takeError();
  // One untimed call warms caches and page-faults the buffers.
  Expected<std::vector<double>> timed =
      (*jit)->time(decode.functionName, args, options.latencyRepeats + 1);
  if (!timed)
    return timed.takeError();
  std::vector<double> seconds(timed->begin() + 1, timed->end());
  if (seconds.empty())
    return error("latency: --latency-repeats must be at least 1");
  std::sort(seconds.begin(), seconds.end());
  return seconds[seconds.size() / 2];
}

Expected<double> runQualityCommand(const Genome &genome, StringRef command) {
  llvm::SmallString<128> genomePath, outputPath;
  if (std::error_code ec = llvm::sys::fs::createTemporaryFile(
          "ssm-genome", "json", genomePath))
    return error("quality: cannot create a temporary file: " + ec.message());
  if (std::error_code ec = llvm::sys::fs::createTemporaryFile(
          "ssm-quality", "txt", outputPath))
    return error("quality: cannot create a temporary file: " + ec.message());
  llvm::scope_exit cleanup([&] {
    llvm::sys::fs::remove(genomePath);
    llvm::sys::fs::remove(outputPath);
  });
  {
    std::error_code ec;
    llvm::raw_fd_ostream out(genomePath, ec);
    if (ec)
      return error("quality: cannot write " + genomePath + ": " +
                   ec.message());
    out << printGenomeJSON(genome);
  }
  std::string quoted = "'" + genomePath.str().str() + "'";
  std::string shellCommand = command.str();
  if (shellCommand.find("{genome}") == std::string::npos)
    shellCommand += " " + quoted;
  for (size_t at = shellCommand.find("{genome}"); at != std::string::npos;
       at = shellCommand.find("{genome}", at + quoted.size()))
    shellCommand.replace(at, 8, quoted);

  std::optional<StringRef> redirects[] = {StringRef(""), StringRef(outputPath),
                                          std::nullopt};
  std::string message;
  int status = llvm::sys::ExecuteAndWait(
      "/bin/sh", {"/bin/sh", "-c", shellCommand}, std::nullopt, redirects,
      /*SecondsToWait=*/0, /*MemoryLimit=*/0, &message);
  if (status != 0)
    return error("quality command '" + command + "' " +
                 (status < 0 ? "could not run: " + message
                             : "exited with status " + std::to_string(status)));
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> output =
      llvm::MemoryBuffer::getFile(outputPath);
  if (!output)
    return error("quality: cannot read the command's output");
  StringRef text = (*output)->getBuffer().rtrim();
  StringRef last = text.rsplit('\n').second;
  if (last.empty())
    last = text;
  last = last.trim();
  double score;
  if (last.getAsDouble(score) || !std::isfinite(score))
    return error("quality command '" + command + "' printed '" + last +
                 "' as its last line, not a number");
  return score;
}

//===----------------------------------------------------------------------===//
// Evaluation
//===----------------------------------------------------------------------===//

Expected<Evaluation> evaluate(const Genome &genome,
                              llvm::ArrayRef<Objective> objectives,
                              const ObjectiveOptions &options,
                              const DialectRegistry &registry) {
  if (Error e = validate(genome))
    return std::move(e);
  if (options.context < 1 || options.context > kMaxTokens)
    return error(llvm::formatv("--context must be in [1, {0}]", kMaxTokens));
  Evaluation result;
  auto wants = [&](Objective o) { return llvm::is_contained(objectives, o); };
  // Records an objective when it was asked for.
  auto record = [&](Objective o, double value, std::string source) {
    if (!wants(o))
      return;
    result.values[o] = value;
    result.sources[o] = std::move(source);
  };
  std::string at = llvm::formatv("context {0}, batch 1", options.context);

  if (wants(Objective::Params) || wants(Objective::Flops) ||
      wants(Objective::DecodeFlops) || wants(Objective::Traffic)) {
    MLIRContext context(registry, MLIRContext::Threading::DISABLED);
    DecodeOptions decode;
    decode.length = options.context;
    Expected<OwningOpRef<ModuleOp>> module =
        decodeGenome(genome, context, decode);
    if (!module)
      return module.takeError();
    auto model = (*module)->lookupSymbol<func::FuncOp>(decode.functionName);
    record(Objective::Params, double(countParameters(model)),
           "weight arguments of the decoded program, shared ones once");
    if (wants(Objective::Flops) || wants(Objective::DecodeFlops) ||
        wants(Objective::Traffic)) {
      Expected<ProgramCost> cost =
          estimateProgram(model, options.target, options.context);
      if (!cost)
        return cost.takeError();
      std::string source = "cost model (" + options.target + "), " + at;
      record(Objective::Flops, cost->flops / options.context,
             source + ", per prefill token");
      record(Objective::DecodeFlops, cost->decodeFlops,
             source + ", one decode step after the context");
      record(Objective::Traffic, cost->bytes / options.context,
             source + ", slow-memory bytes per prefill token");
    }
  }
  record(Objective::Cache, double(cacheBytes(genome, options.context)),
         at + ", " + elementTypeName(genome.backbone.dtype).str() +
             " (docs/genome.md)");
  if (wants(Objective::Latency)) {
    Expected<double> seconds = measureLatency(genome, options, registry);
    if (!seconds)
      return seconds.takeError();
    record(Objective::Latency, *seconds, latencySource(options));
  }
  if (wants(Objective::Quality)) {
    if (options.qualityCommand.empty())
      return error("objective 'quality' needs --quality-command");
    Expected<double> score = runQualityCommand(genome, options.qualityCommand);
    if (!score)
      return score.takeError();
    record(Objective::Quality, *score, "external: " + options.qualityCommand);
  }
  return result;
}

} // namespace ssm::genome
