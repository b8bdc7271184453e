//===- Compiler.cpp - Lowering to LLVM and in-process execution -----------===//

#include "ssm/Compiler/Compiler.h"
#include "ssm/Support/Chips.h"
#include "ssm/Support/Error.h"
#include "ssm/InitAllDialects.h"
#include "ssm/Reference/Evaluator.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/OpenMP/OpenMPDialect.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/DynamicLibrary.h"
#include "llvm/Support/TargetSelect.h"

#include <chrono>
#include <cstdlib>
#include <cstring>

using namespace mlir;
using llvm::Expected;

static std::string typeString(Type type) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "'" << type << "'";
  return s;
}

using ::ssm::error;

llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
ssm::createHostTargetMachine() {
  llvm::Expected<llvm::orc::JITTargetMachineBuilder> builder =
      llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!builder)
    return builder.takeError();
  builder->setRelocationModel(llvm::Reloc::PIC_);
  builder->setCodeGenOptLevel(llvm::CodeGenOptLevel::Aggressive);
  return builder->createTargetMachine();
}

namespace {
/// What a target adds to the shared part of the pipelines.
struct LoopsPipelineOptions {
  /// Passes on the ssm ops, before convert-ssm-to-linalg.
  std::string beforeLowering;
  /// convert-ssm-to-linalg's options ("{...}").
  std::string ssmOptions;
  /// Passes on the linalg ops on tensors, before bufferization.
  std::string onTensors;
  /// Passes on the bufferized module, after buffer deallocation.
  std::string afterDeallocation;
  /// Function passes on the bufferized linalg ops, before they become
  /// loops.
  std::string onBuffers;
};
} // namespace

/// Tensors -> buffers (returned buffers are owned by the caller) -> loops:
/// the part of the pipelines both targets share.
static std::string loopsPipeline(const LoopsPipelineOptions &options) {
  return options.beforeLowering + "convert-ssm-to-linalg" +
         options.ssmOptions + "," +
         // Elementwise arith on tensors (as the reference evaluator runs it).
         "func.func(convert-elementwise-to-linalg)," + options.onTensors +
         "ssm-approximate-math,"
         "canonicalize,"
         "one-shot-bufferize{bufferize-function-boundaries "
         "function-boundary-type-conversion=identity-layout-map "
         "allow-return-allocs-from-loops},"
         // Equal subviews become one value, and copies between them fold
         // away (an FFT stage's halves written in place).
         "cse,canonicalize,"
         // Before deallocation, which frees the buffers of scf.parallel
         // bodies (per tile, per block) but not of scf.forall bodies.
         "scf-forall-to-parallel,"
         "buffer-deallocation-pipeline,"
         // The clones it adds for returned buffers the function does not own.
         "convert-bufferization-to-memref," +
         options.afterDeallocation + "func.func(" + options.onBuffers +
         "convert-linalg-to-parallel-loops),";
}

/// The host's loops, buffers, vectors and OpenMP regions to the LLVM
/// dialect: the end of the CPU pipeline (and of the CUDA emulator's).
static std::string hostToLLVM() {
  return "expand-strided-metadata,"
         "lower-affine,"
         // Before scf-to-cf: it inlines the single-block alloca scopes that
         // scf-to-openmp wraps loop bodies in.
         // Buffers come from libssm_cpu_runtime (huge pages for large ones).
         "convert-vector-to-llvm,"
         "finalize-memref-to-llvm{use-generic-functions},"
         "convert-scf-to-cf,"
         "convert-math-to-llvm,"
         "convert-math-to-libm,"
         "convert-complex-to-llvm,"
         "convert-arith-to-llvm,"
         "convert-index-to-llvm,"
         "convert-cf-to-llvm,"
         "convert-openmp-to-llvm,"
         "convert-func-to-llvm,"
         "convert-ub-to-llvm,"
         "reconcile-unrealized-casts";
}

std::string ssm::cpuPipeline() {
  // Parallel loop dimensions become OpenMP work-sharing loops, then the
  // standard conversions to the LLVM dialect.
  // The CPU's cache-friendly matmul loop order and register tiles.
  LoopsPipelineOptions options;
  options.onTensors = "ssm-reorder-matmuls,ssm-vectorize-contractions,";
  // Kernels the CUDA pipeline's fused passes chose, where a module made by
  // them is compiled for the host: their host forms (how their arithmetic
  // is tested without a GPU).
  options.afterDeallocation = "ssm-expand-fused-kernels{on-host=true},";
  return "builtin.module(" + loopsPipeline(options) +
         "ssm-sequentialize-nested-parallel-loops,"
         // Register tiles' vectors: n-D transfers unrolled to 1-D ones.
         "convert-vector-to-scf{full-unroll},"
         "convert-scf-to-openmp," +
         hostToLLVM() + ")";
}

/// The CUDA pipeline up to its kernels: `gpu.launch` ops on device
/// buffers.
static std::string cudaKernels(StringRef chip) {
  // No canonicalization between the loops and ssm-map-to-gpu: it would
  // inline single-iteration parallel loops into host code.
  LoopsPipelineOptions options;
  // A GPU thread per scan channel (its state in registers), not a block of
  // channels per CPU thread; no per-thread tiles of heads, NPLR channels,
  // queries, FFT rows or monarch rows (kernels over all of them instead).
  // With tensor cores, products of f32 intermediates of f16/bf16 ops read
  // them rounded to 16 bits (as FlashAttention's P V does), so that they
  // run there too.
  bool tensorCores = ssm::hasTensorCores(chip);
  options.ssmOptions = std::string("{scan-channel-block=1 tile-heads=false "
                                   "tile-kernel-channels=false "
                                   "tile-attention-queries=false "
                                   "tile-fft-rows=false "
                                   "tile-monarch-rows=false ") +
                       (tensorCores ? "monarch-contiguous-reductions=true "
                                      "round-product-operands=true}"
                                    : "round-product-operands=false}");
  // Attention as one flash kernel on tensor cores (where it fits); other
  // contractions (f16/bf16 ones reading their 16-bit operands, f32 ones as
  // bf16 planes) become tiled tensor-core kernels.
  // Selective scans as one kernel with a thread per 4 state elements.
  // FFT convolutions whose rows fit shared memory as one kernel per row.
  options.beforeLowering = "ssm-fused-attention{chip=" + chip.str() +
                           "},ssm-fused-selective-scan,"
                           "ssm-fused-long-conv{chip=" + chip.str() + "},";
  options.onTensors = "func.func(ssm-fold-extensions),";
  options.afterDeallocation = "ssm-expand-fused-kernels,";
  options.onBuffers =
      "ssm-tensor-core-contractions{chip=" + chip.str() + "},";
  return loopsPipeline(options) + "ssm-map-to-gpu,";
}

std::string ssm::cudaPipeline(StringRef chip, StringRef format,
                              StringRef toolkit) {
  // Parallel loops become kernels on device buffers, outlined into one
  // gpu.module that is compiled for `chip` (NVVM -> PTX, then ptxas and
  // fatbinary from `toolkit` for cubins and fatbins); the host code calls
  // libssm_runtime through the mgpu ABI.
  return ("builtin.module(" + cudaKernels(chip) +
          "func.func(gpu-launch-sink-index-computations),"
          "gpu-kernel-outlining,"
          "ssm-merge-gpu-modules,"
          "gpu.module(gpu.func(ssm-align-workgroup-buffers,"
          "ssm-approximate-exp2)),"
          "expand-strided-metadata,"
          "lower-affine,"
          "convert-scf-to-cf,"
          "nvvm-attach-target{chip=" + chip + " O=3},"
          "gpu.module(convert-nvgpu-to-nvvm,convert-gpu-to-nvvm,canonicalize,"
          "cse),"
          "func.func(gpu-async-region),"
          "gpu-to-llvm,"
          "reconcile-unrealized-casts,"
          "gpu-module-to-binary{format=" + format + " toolkit=" + toolkit +
          "})")
      .str();
}

std::string ssm::cudaEmulatorPipeline(StringRef chip) {
  return "builtin.module(" + cudaKernels(chip) +
         "ssm-emulate-gpu,"
         "convert-vector-to-scf{full-unroll}," +
         hostToLLVM() + ")";
}

ArrayRef<StringRef> ssm::cudaArchitectures() {
  static const StringRef known[] = {"sm_70", "sm_75", "sm_80", "sm_86",
                                    "sm_87", "sm_89", "sm_90", "sm_90a"};
  return known;
}

llvm::Error ssm::checkTarget(StringRef target, StringRef arch,
                             bool emulator) {
  if (target != "cpu" && target != "cuda" &&
      !(emulator && target == "cuda-emulator"))
    return error("unknown target '" + target + "' (known targets: cpu, cuda" +
                 (emulator ? ", cuda-emulator)" : ")"));
  if (target != "cpu" && !llvm::is_contained(cudaArchitectures(), arch))
    return error("unknown CUDA architecture '" + arch + "' (known: " +
                 llvm::join(cudaArchitectures(), ", ") + ")");
  return llvm::Error::success();
}

void ssm::registerPipelinePasses() {
  // Once: registering a pass pipeline twice is an error (an assertion
  // build of MLIR aborts).
  static bool registered = [] {
    ssm::registerAllPasses();
    return true;
  }();
  (void)registered;
}

/// Whether the pipelines take MLIR's pass manager options from the
/// command line.
static bool passManagerCLOptions = false;

void ssm::registerPipelineCLOptions() {
  registerPassManagerCLOptions();
  passManagerCLOptions = true;
}

/// The pass options that the pipelines take from the tools'
/// --pass-option (see setPassOptions).
static std::vector<std::string> &passOptionOverrides() {
  static std::vector<std::string> overrides;
  return overrides;
}

void ssm::setPassOptions(ArrayRef<std::string> specs) {
  passOptionOverrides().assign(specs.begin(), specs.end());
}

ArrayRef<std::string> ssm::passOptions() { return passOptionOverrides(); }

/// The index just past the option text that starts at `from` and ends
/// at the first `stop` character outside quotes and braces (or the end).
static size_t optionTextEnd(StringRef text, size_t from, char stop) {
  int depth = 0;
  bool quoted = false;
  for (size_t i = from; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"')
      quoted = !quoted;
    else if (!quoted && c == '{')
      ++depth;
    else if (!quoted && c == '}' && depth > 0)
      --depth;
    else if (!quoted && depth == 0 && c == stop)
      return i;
  }
  return text.size();
}

/// The "key=value" (or "key") options of `text`, separated by spaces
/// outside quotes and braces, in order.
static SmallVector<std::pair<std::string, std::string>>
splitOptions(StringRef text) {
  SmallVector<std::pair<std::string, std::string>> options;
  for (size_t at = 0; at < text.size();) {
    if (text[at] == ' ') {
      ++at;
      continue;
    }
    size_t end = optionTextEnd(text, at, ' ');
    auto [key, value] = text.slice(at, end).split('=');
    options.emplace_back(key.str(), value.str());
    at = end;
  }
  return options;
}

llvm::Expected<std::string>
ssm::applyPassOptions(StringRef pipeline, ArrayRef<std::string> specs) {
  std::string text = pipeline.str();
  for (StringRef spec : specs) {
    size_t open = spec.find('{');
    StringRef name = spec.take_front(open);
    if (name.empty() || open == StringRef::npos || !spec.ends_with("}") ||
        optionTextEnd(spec, open + 1, '}') != spec.size() - 1)
      return error("--pass-option '" + spec +
                   "' is not of the form pass{key=value ...}");
    auto given = splitOptions(spec.slice(open + 1, spec.size() - 1));
    bool found = false;
    // Every occurrence of the pass: its name between separators (the
    // search goes on after each replacement, which may hold the name).
    for (size_t at = text.find(name); at != std::string::npos;
         at = text.find(name.str(), at)) {
      size_t end = at + name.size();
      if (at == 0 || !StringRef("(,").contains(text[at - 1]) ||
          end >= text.size() || !StringRef("{,)").contains(text[end])) {
        at = end;
        continue;
      }
      found = true;
      // Its options, with the given ones replacing those of their keys.
      SmallVector<std::pair<std::string, std::string>> options;
      size_t close = end;
      if (text[end] == '{') {
        close = optionTextEnd(text, end + 1, '}');
        options = splitOptions(StringRef(text).slice(end + 1, close));
        ++close;
      }
      for (auto &[key, value] : given) {
        auto it = llvm::find_if(options,
                                [&](auto &kv) { return kv.first == key; });
        if (it != options.end())
          it->second = value;
        else
          options.emplace_back(key, value);
      }
      std::string replacement = name.str() + "{";
      for (auto [i, kv] : llvm::enumerate(options))
        replacement += (i ? " " : "") + kv.first +
                       (kv.second.empty() ? "" : "=" + kv.second);
      replacement += "}";
      text.replace(at, close - at, replacement);
      at += replacement.size();
    }
    if (!found)
      return error("--pass-option names '" + name +
                   "', which this pipeline does not run (see "
                   "ssm-compile --print-pipeline)");
  }
  return text;
}

/// Runs a textual pipeline ("builtin.module(...)") on `module`.
static LogicalResult runPipeline(ModuleOp module, StringRef pipeline) {
  // The pipeline is textual, so its passes must be registered.
  ssm::registerPipelinePasses();
  llvm::Expected<std::string> adjusted =
      ssm::applyPassOptions(pipeline, passOptionOverrides());
  if (!adjusted)
    return module.emitError(llvm::toString(adjusted.takeError()));
  auto pm = PassManager::on<ModuleOp>(module.getContext());
  // The pass manager is anchored on the module already: parse the list
  // inside "builtin.module(...)".
  StringRef passes = StringRef(*adjusted)
                         .drop_front(StringRef("builtin.module(").size())
                         .drop_back();
  if (failed(parsePassPipeline(passes, pm)))
    return module.emitError("cannot build the pipeline");
  if (passManagerCLOptions && failed(applyPassManagerCLOptions(pm)))
    return module.emitError("bad pass manager options");
  return pm.run(module);
}

/// Whether only the LLVM dialect and `allowed` ops are left in `module`.
static LogicalResult checkLowered(ModuleOp module,
                                  function_ref<bool(Operation *)> allowed) {
  WalkResult leftover = module.walk([&](Operation *op) {
    if (isa<ModuleOp>(op) || isa<LLVM::LLVMDialect>(op->getDialect()) ||
        allowed(op))
      return WalkResult::advance();
    op->emitOpError("was not lowered to the LLVM dialect");
    return WalkResult::interrupt();
  });
  return failure(leftover.wasInterrupted());
}

LogicalResult ssm::lowerToCUDA(ModuleOp module, StringRef chip,
                               StringRef format, StringRef toolkit) {
  if (failed(runPipeline(module, cudaPipeline(chip, format, toolkit))))
    return failure();
  // The kernels are in gpu.binary ops; the host code calls them through
  // gpu.launch_func, which the translation to LLVM IR handles.
  return checkLowered(module, [](Operation *op) {
    return isa<gpu::BinaryOp, gpu::LaunchFuncOp>(op);
  });
}

/// Runs `pipeline`, a lowering for the host, and checks that only what
/// LLVM IR can be translated from is left.
static LogicalResult lowerForHost(ModuleOp module, StringRef pipeline) {
  if (failed(runPipeline(module, pipeline)))
    return failure();
  // Anything left outside the LLVM and OpenMP dialects cannot be
  // translated to LLVM IR.
  return checkLowered(module, [](Operation *op) {
    return isa<omp::OpenMPDialect>(op->getDialect());
  });
}

LogicalResult ssm::lowerToLLVM(ModuleOp module) {
  return lowerForHost(module, cpuPipeline());
}

/// Drops the argument and result attributes of other dialects (such as the
/// weight names of decoded genomes): LLVM translation knows only its own.
static void dropForeignArgumentAttributes(func::FuncOp func) {
  // The attributes to keep of `attrs`, or nothing when all are kept.
  auto kept = [](DictionaryAttr attrs)
      -> std::optional<SmallVector<NamedAttribute>> {
    auto isLLVM = [](NamedAttribute attr) {
      return attr.getName().strref().starts_with("llvm.");
    };
    if (!attrs || llvm::all_of(attrs, isLLVM))
      return std::nullopt;
    return llvm::to_vector(llvm::make_filter_range(attrs, isLLVM));
  };
  for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
    if (auto attrs = kept(func.getArgAttrDict(i)))
      func.setArgAttrs(i, *attrs);
  for (unsigned i = 0, e = func.getNumResults(); i < e; ++i)
    if (auto attrs = kept(func.getResultAttrDict(i)))
      func.setResultAttrs(i, *attrs);
}

void ssm::prepareCInterface(ModuleOp module) {
  for (auto func : module.getOps<func::FuncOp>()) {
    dropForeignArgumentAttributes(func);
    if (func.isPublic() && !func.isExternal())
      func->setAttr(LLVM::LLVMDialect::getEmitCWrapperAttrName(),
                    UnitAttr::get(module.getContext()));
  }
}

//===----------------------------------------------------------------------===//
// Memref descriptors
//===----------------------------------------------------------------------===//

namespace {
/// Bytes per element of a tensor type supported at the JIT boundary.
std::optional<size_t> elementBytes(Type element) {
  if (auto complex = dyn_cast<ComplexType>(element)) {
    std::optional<size_t> part = elementBytes(complex.getElementType());
    return part ? std::optional<size_t>(2 * *part) : std::nullopt;
  }
  if (element.isF16() || element.isBF16())
    return 2;
  if (element.isF32() || element.isInteger(32))
    return 4;
  if (element.isF64() || element.isInteger(64))
    return 8;
  return std::nullopt;
}

/// A strided memref descriptor as the C interface lays it out:
/// {allocated, aligned, offset, sizes[rank], strides[rank]}.
struct Descriptor {
  std::vector<int64_t> words;
  int64_t rank() const { return (int64_t(words.size()) - 3) / 2; }
  void *allocated() const { return reinterpret_cast<void *>(words[0]); }
  char *aligned() const { return reinterpret_cast<char *>(words[1]); }
  int64_t offset() const { return words[2]; }
  int64_t size(int64_t i) const { return words[3 + i]; }
  int64_t stride(int64_t i) const { return words[3 + rank() + i]; }
};

/// Scalars of a tensor's element type, converted from/to f64 values.
void storeElement(char *p, Type element, const double *value) {
  if (auto complex = dyn_cast<ComplexType>(element)) {
    size_t part = *elementBytes(complex.getElementType());
    storeElement(p, complex.getElementType(), value);
    storeElement(p + part, complex.getElementType(), value + 1);
  } else if (element.isF16() || element.isBF16()) {
    llvm::APFloat f(*value);
    bool losesInfo;
    f.convert(cast<FloatType>(element).getFloatSemantics(),
              llvm::APFloat::rmNearestTiesToEven, &losesInfo);
    uint16_t bits = uint16_t(f.bitcastToAPInt().getZExtValue());
    std::memcpy(p, &bits, 2);
  } else if (element.isF32()) {
    float f = float(*value);
    std::memcpy(p, &f, 4);
  } else if (element.isF64()) {
    std::memcpy(p, value, 8);
  } else if (element.isInteger(32)) {
    int32_t i = int32_t(*value);
    std::memcpy(p, &i, 4);
  } else {
    int64_t i = int64_t(*value);
    std::memcpy(p, &i, 8);
  }
}

void loadElement(const char *p, Type element, double *value) {
  if (auto complex = dyn_cast<ComplexType>(element)) {
    size_t part = *elementBytes(complex.getElementType());
    loadElement(p, complex.getElementType(), value);
    loadElement(p + part, complex.getElementType(), value + 1);
  } else if (element.isF16() || element.isBF16()) {
    uint16_t bits;
    std::memcpy(&bits, p, 2);
    *value = llvm::APFloat(cast<FloatType>(element).getFloatSemantics(),
                           llvm::APInt(16, bits))
                 .convertToDouble();
  } else if (element.isF32()) {
    float f;
    std::memcpy(&f, p, 4);
    *value = f;
  } else if (element.isF64()) {
    std::memcpy(value, p, 8);
  } else if (element.isInteger(32)) {
    int32_t i;
    std::memcpy(&i, p, 4);
    *value = i;
  } else {
    int64_t i;
    std::memcpy(&i, p, 8);
    *value = double(i);
  }
}
} // namespace

//===----------------------------------------------------------------------===//
// JitModule
//===----------------------------------------------------------------------===//

std::string ssm::defaultCudaToolkit() {
  if (const char *path = std::getenv("SSM_CUDA_PATH"))
    return path;
  return SSM_CUDA_TOOLKIT_DIR;
}

/// libssm_runtime's caller API (include/ssm/Runtime/CudaRuntime.h), looked
/// up in the loaded library: ssm tools do not link it, since it needs the
/// CUDA driver, which machines without a GPU lack.
struct ssm::CudaRuntime {
  int (*available)();
  const char *(*lastError)();
  void *(*alloc)(size_t);
  void (*free)(void *);
  int (*toDevice)(void *, const void *, size_t);
  int (*toHost)(void *, const void *, size_t);
  int (*synchronize)();

  /// `what` failed, with the runtime's explanation.
  llvm::Error failure(const Twine &what) const {
    return error(what + ": " + lastError());
  }
};

/// The path of libssm_runtime, or an error where this build has none.
static Expected<std::string> cudaRuntimePath() {
#ifdef SSM_CUDA_RUNTIME_DIR
  return std::string(SSM_CUDA_RUNTIME_DIR "/libssm_runtime.so");
#else
  return error("this build has no CUDA runtime (libssm_runtime is built "
               "where the CUDA toolkit was found at configuration)");
#endif
}

/// Loads libssm_runtime (and with it the CUDA driver) and checks for a
/// device.
static Expected<std::unique_ptr<ssm::CudaRuntime>>
loadCudaRuntime(StringRef path) {
  std::string message;
  if (llvm::sys::DynamicLibrary::LoadLibraryPermanently(path.str().c_str(),
                                                        &message))
    return error("the CUDA runtime cannot be loaded (" + path + "): " +
                 message);
  auto runtime = std::make_unique<ssm::CudaRuntime>();
  auto lookup = [](auto &fn, const char *name) {
    fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(
        llvm::sys::DynamicLibrary::SearchForAddressOfSymbol(name));
    return fn != nullptr;
  };
  if (!lookup(runtime->available, "ssmrtAvailable") ||
      !lookup(runtime->lastError, "ssmrtLastError") ||
      !lookup(runtime->alloc, "ssmrtAlloc") ||
      !lookup(runtime->free, "ssmrtFree") ||
      !lookup(runtime->toDevice, "ssmrtCopyToDevice") ||
      !lookup(runtime->toHost, "ssmrtCopyToHost") ||
      !lookup(runtime->synchronize, "ssmrtSynchronize"))
    return error("'" + path + "' is not libssm_runtime");
  if (!runtime->available())
    return runtime->failure("no usable CUDA device");
  return runtime;
}

ssm::JitModule::~JitModule() = default;

Expected<std::unique_ptr<ssm::JitModule>>
ssm::JitModule::compile(ModuleOp module, StringRef target, StringRef arch) {
  if (llvm::Error err = checkTarget(target, arch, /*emulator=*/true))
    return std::move(err);
  bool useCuda = target == "cuda";
  static bool nativeTargetReady = [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    return true;
  }();
  (void)nativeTargetReady;

  std::unique_ptr<JitModule> jit(new JitModule());
  jit->original = module.clone();
  OwningOpRef<ModuleOp> lowered = module.clone();
  prepareCInterface(*lowered);
  for (auto func : lowered->getOps<func::FuncOp>()) {
    for (Type type : llvm::concat<const Type>(func.getArgumentTypes(),
                                              func.getResultTypes())) {
      auto tensor = dyn_cast<RankedTensorType>(type);
      if (func.isPublic() &&
          (!tensor || !elementBytes(tensor.getElementType())))
        return error("@" + func.getSymName() +
                     ": compiled functions take and return ranked tensors "
                     "of f16, bf16, f32, f64, complex<f32>, complex<f64>, i32 "
                     "or i64");
    }
  }
  // memrefCopy and friends, which lowered memref.copy may call, the
  // OpenMP runtime and the buffer allocation; for CUDA, libssm_runtime.
  SmallVector<std::string> libraries = {
      SSM_MLIR_C_RUNNER_UTILS, SSM_OPENMP_RUNTIME,
      SSM_CPU_RUNTIME_DIR "/libssm_cpu_runtime.so"};
  if (useCuda) {
    Expected<std::string> runtimePath = cudaRuntimePath();
    if (!runtimePath)
      return runtimePath.takeError();
    Expected<std::unique_ptr<CudaRuntime>> runtime =
        loadCudaRuntime(*runtimePath);
    if (!runtime)
      return runtime.takeError();
    jit->cuda = std::move(*runtime);
    libraries = {*runtimePath};
    if (failed(lowerToCUDA(*lowered, arch, "fatbin", defaultCudaToolkit())))
      return error("lowering for CUDA failed (see the diagnostics above)");
  } else if (target == "cuda-emulator") {
    if (failed(lowerForHost(*lowered, cudaEmulatorPipeline(arch))))
      return error("lowering for the CUDA emulator failed (see the "
                   "diagnostics above)");
  } else if (failed(lowerToLLVM(*lowered))) {
    return error("lowering to LLVM failed (see the diagnostics above)");
  }

  // The optimizer needs the host's target machine to know its vector width
  // (without it LLVM vectorises for a generic x86-64, several times slower).
  Expected<std::unique_ptr<llvm::TargetMachine>> machine =
      createHostTargetMachine();
  if (!machine)
    return machine.takeError();
  ExecutionEngineOptions options;
  options.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Aggressive;
  SmallVector<StringRef> libraryRefs(libraries.begin(), libraries.end());
  options.sharedLibPaths = libraryRefs;
  options.transformer = makeOptimizingTransformer(/*optLevel=*/3,
                                                  /*sizeLevel=*/0,
                                                  machine->get());
  Expected<std::unique_ptr<ExecutionEngine>> engine =
      ExecutionEngine::create(*lowered, options);
  if (!engine)
    return engine.takeError();
  jit->engine = std::move(*engine);
  if (target == "cuda-emulator") {
    jit->takeEmulatorError = reinterpret_cast<const char *(*)()>(
        llvm::sys::DynamicLibrary::SearchForAddressOfSymbol(
            "ssmEmuTakeError"));
    if (!jit->takeEmulatorError)
      return error("libssm_cpu_runtime has no GPU emulator");
  }
  return jit;
}

namespace {
/// The arguments of one call converted to the compiled function's buffers
/// and descriptors, ready to be invoked (once or, for timing, repeatedly).
struct PreparedCall {
  FunctionType type;
  /// The arguments' bytes, `sizes[i]` of them `offsets[i]` into buffer i,
  /// which starts `residues[i]` bytes past a 16-byte boundary (0 unless
  /// misaligned on purpose; device copies too).
  std::vector<std::vector<char>> buffers;
  std::vector<size_t> offsets, sizes, residues;
  std::vector<Descriptor> inputs;
  std::vector<int64_t> resultWords;
  std::vector<size_t> resultStarts;
  void *resultPtr = nullptr;
  std::vector<void *> pointers;
  std::vector<void *> packed;

  /// The descriptor of result `i` after an invocation.
  Descriptor result(size_t i) const {
    Descriptor d;
    int64_t rank = cast<RankedTensorType>(type.getResult(i)).getRank();
    d.words.assign(resultWords.begin() + resultStarts[i],
                   resultWords.begin() + resultStarts[i] + 3 + 2 * rank);
    return d;
  }

  /// Frees the result buffers of the last invocation (they are fresh
  /// allocations that belong to the caller; the input check only guards
  /// against freeing our own memory should that ever change).
  void freeResults() {
    std::vector<void *> freed;
    for (size_t i = 0; i < type.getNumResults(); ++i) {
      void *allocated = result(i).allocated();
      bool isInput = llvm::any_of(inputs, [&](const Descriptor &d) {
        return allocated == d.allocated();
      });
      if (allocated && !isInput && !llvm::is_contained(freed, allocated)) {
        freed.push_back(allocated);
        std::free(allocated);
      }
    }
  }
};
} // namespace

/// Room for misaligning a buffer's start.
constexpr size_t kMisalignmentSlack = 16;

/// How far past a 16-byte boundary a misaligned argument of `bytes`-byte
/// elements starts: one element, at most 8 bytes (its own alignment).
static size_t misalignedResidue(size_t bytes) {
  return std::min<size_t>(bytes, 8);
}

/// The offset from `base` to the first address `residue` bytes past a
/// 16-byte boundary.
static size_t offsetTo(const void *base, size_t residue) {
  size_t address = reinterpret_cast<uintptr_t>(base);
  return (residue + kMisalignmentSlack - address % kMisalignmentSlack) %
         kMisalignmentSlack;
}

/// Converts `args` for function `name` of `original`.
static llvm::Expected<std::unique_ptr<PreparedCall>>
prepareCall(ModuleOp original, StringRef name,
            ArrayRef<ssm::ref::Tensor> args, bool misalign) {
  auto func = original.lookupSymbol<func::FuncOp>(name);
  if (!func || !func.isPublic())
    return error("no public function @" + name + " was compiled");
  auto call = std::make_unique<PreparedCall>();
  FunctionType type = call->type = func.getFunctionType();
  if (args.size() != type.getNumInputs())
    return error("@" + name + " takes " + llvm::Twine(type.getNumInputs()) +
                 " arguments, got " + llvm::Twine(args.size()));

  // Inputs: contiguous buffers in the element type, described row-major;
  // with `misalign`, each starts one element (at most 8 bytes) past a
  // 16-byte boundary.
  call->buffers.resize(args.size());
  call->offsets.resize(args.size());
  call->sizes.resize(args.size());
  call->residues.resize(args.size());
  call->inputs.resize(args.size());
  for (auto [i, arg] : llvm::enumerate(args)) {
    auto tensor = cast<RankedTensorType>(type.getInput(i));
    if (!ssm::ref::fitsType(arg, tensor))
      return error("argument #" + llvm::Twine(i) + " of @" + name +
                   " has type " + typeString(tensor) +
                   " but the input has shape " + arg.shapeString());
    Type element = tensor.getElementType();
    size_t bytes = *elementBytes(element);
    int64_t stride = isa<ComplexType>(element) ? 2 : 1;
    std::vector<char> &buffer = call->buffers[i];
    size_t size = std::max<size_t>(1, bytes * arg.numElements());
    buffer.resize(size + kMisalignmentSlack);
    size_t residue = misalign ? misalignedResidue(bytes) : 0;
    size_t offset = misalign ? offsetTo(buffer.data(), residue) : 0;
    call->residues[i] = residue;
    call->offsets[i] = offset;
    call->sizes[i] = size;
    char *data = buffer.data() + offset;
    for (int64_t e = 0; e < arg.numElements(); ++e)
      storeElement(data + e * bytes, element, arg.data().data() + e * stride);
    Descriptor &d = call->inputs[i];
    auto ptr = reinterpret_cast<int64_t>(data);
    d.words = {ptr, ptr, 0};
    for (int64_t s : arg.shape())
      d.words.push_back(s);
    for (int64_t s : arg.strides())
      d.words.push_back(s);
  }

  // Results come back through one struct of descriptors, passed first.
  for (Type t : type.getResults()) {
    call->resultStarts.push_back(call->resultWords.size());
    call->resultWords.resize(call->resultWords.size() + 3 +
                             2 * cast<RankedTensorType>(t).getRank());
  }
  call->resultPtr = call->resultWords.data();
  for (Descriptor &d : call->inputs)
    call->pointers.push_back(d.words.data());
  if (type.getNumResults() > 0)
    call->packed.push_back(&call->resultPtr);
  for (void *&p : call->pointers)
    call->packed.push_back(&p);
  return call;
}

/// For "cuda": copies the prepared arguments to new device buffers
/// (recorded in `deviceBuffers`) and points the call at them.
static llvm::Error moveInputsToDevice(const ssm::CudaRuntime &cuda,
                                      PreparedCall &call,
                                      std::vector<void *> &deviceBuffers) {
  for (auto [buffer, offset, size, residue, input] :
       llvm::zip(call.buffers, call.offsets, call.sizes, call.residues,
                 call.inputs)) {
    void *device = cuda.alloc(size + kMisalignmentSlack);
    if (!device)
      return cuda.failure("cannot allocate an argument on the device");
    deviceBuffers.push_back(device);
    // As misaligned as on the host (device allocations are 256-byte
    // aligned).
    char *start = static_cast<char *>(device) + residue;
    if (cuda.toDevice(start, buffer.data() + offset, size))
      return cuda.failure("cannot copy an argument to the device");
    input.words[0] = input.words[1] = reinterpret_cast<int64_t>(start);
  }
  return llvm::Error::success();
}

/// For "cuda": waits for the kernels, copies the results to host buffers
/// and points the results at them; their device buffers are recorded.
static llvm::Error moveResultsToHost(const ssm::CudaRuntime &cuda,
                                     PreparedCall &call,
                                     std::vector<void *> &deviceBuffers) {
  if (cuda.synchronize())
    return cuda.failure("the kernels failed");
  for (size_t i = 0; i < call.type.getNumResults(); ++i) {
    Descriptor d = call.result(i);
    auto tensor = cast<RankedTensorType>(call.type.getResult(i));
    size_t bytes = *elementBytes(tensor.getElementType());
    // The elements the view reaches, from its aligned pointer.
    int64_t span = d.offset() + 1;
    for (int64_t r = 0; r < d.rank(); ++r)
      span += (d.size(r) - 1) * d.stride(r);
    bool empty = llvm::any_of(llvm::seq<int64_t>(0, d.rank()),
                              [&](int64_t r) { return d.size(r) == 0; });
    // freeResults() releases it as it does CPU results.
    void *host = std::malloc(std::max<size_t>(1, empty ? 0 : span * bytes));
    if (!empty && cuda.toHost(host, d.aligned(), span * bytes)) {
      std::free(host);
      return cuda.failure("cannot copy a result from the device");
    }
    // Freed by the caller's guard, unless it is an argument's (whose
    // allocation, perhaps misaligned on purpose, is there already).
    bool isInput = llvm::any_of(call.inputs, [&](const Descriptor &input) {
      return input.allocated() == d.allocated();
    });
    if (!isInput && !llvm::is_contained(deviceBuffers, d.allocated()))
      deviceBuffers.push_back(d.allocated());
    size_t start = call.resultStarts[i];
    call.resultWords[start] = call.resultWords[start + 1] =
        reinterpret_cast<int64_t>(host);
  }
  return llvm::Error::success();
}

llvm::Expected<std::vector<ssm::ref::Tensor>>
ssm::JitModule::call(StringRef name, ArrayRef<ssm::ref::Tensor> args,
                     bool misalign) {
  llvm::Expected<std::unique_ptr<PreparedCall>> call =
      prepareCall(*original, name, args, misalign);
  if (!call)
    return call.takeError();
  std::vector<void *> deviceBuffers;
  llvm::scope_exit freeDevice([&] {
    for (void *buffer : deviceBuffers)
      cuda->free(buffer);
  });
  if (cuda)
    if (llvm::Error err = moveInputsToDevice(*cuda, **call, deviceBuffers))
      return std::move(err);
  if (llvm::Error err = engine->invokePacked(("_mlir_ciface_" + name).str(),
                                             (*call)->packed))
    return std::move(err);
  if (cuda)
    if (llvm::Error err = moveResultsToHost(*cuda, **call, deviceBuffers))
      return std::move(err);
  if (takeEmulatorError)
    if (const char *message = takeEmulatorError()) {
      (*call)->freeResults();
      return error(llvm::Twine("an emulated kernel failed: ") + message);
    }

  std::vector<ssm::ref::Tensor> results;
  for (auto [i, t] : llvm::enumerate((*call)->type.getResults())) {
    auto tensor = cast<RankedTensorType>(t);
    Descriptor d = (*call)->result(i);
    std::vector<int64_t> shape;
    for (int64_t r = 0; r < d.rank(); ++r)
      shape.push_back(d.size(r));
    Type element = tensor.getElementType();
    bool complex = isa<ComplexType>(element);
    ssm::ref::Tensor out(shape, complex);
    size_t bytes = *elementBytes(element);
    std::vector<int64_t> index(shape.size(), 0);
    for (int64_t e = 0; e < out.numElements(); ++e) {
      int64_t linear = d.offset();
      for (int64_t r = 0; r < d.rank(); ++r)
        linear += index[r] * d.stride(r);
      loadElement(d.aligned() + linear * bytes, element,
                  out.data().data() + e * (complex ? 2 : 1));
      for (int64_t r = d.rank() - 1; r >= 0; --r) {
        if (++index[r] < shape[r])
          break;
        index[r] = 0;
      }
    }
    results.push_back(std::move(out));
  }
  (*call)->freeResults();
  return results;
}

llvm::Expected<std::vector<double>>
ssm::JitModule::time(StringRef name, ArrayRef<ssm::ref::Tensor> args,
                     unsigned runs) {
  if (cuda)
    return error("timing runs on the CPU only");
  llvm::Expected<std::unique_ptr<PreparedCall>> call =
      prepareCall(*original, name, args, /*misalign=*/false);
  if (!call)
    return call.takeError();
  std::string entry = ("_mlir_ciface_" + name).str();
  std::vector<double> seconds;
  for (unsigned r = 0; r < runs; ++r) {
    auto start = std::chrono::steady_clock::now();
    if (llvm::Error err = engine->invokePacked(entry, (*call)->packed))
      return std::move(err);
    auto end = std::chrono::steady_clock::now();
    (*call)->freeResults();
    seconds.push_back(std::chrono::duration<double>(end - start).count());
  }
  return seconds;
}
