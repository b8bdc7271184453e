//===- Compiler.cpp - Lowering to LLVM and in-process execution -----------===//

#include "ssm/Compiler/Compiler.h"
#include "ssm/Support/Error.h"
#include "ssm/InitAllDialects.h"
#include "ssm/Reference/Evaluator.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/OpenMP/OpenMPDialect.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/Support/TargetSelect.h"

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

std::string ssm::cpuPipeline() {
  // Tensors -> buffers (returned buffers are owned by the caller), loops,
  // then the standard conversions to the LLVM dialect.
  return "builtin.module("
         "convert-ssm-to-linalg,"
         "canonicalize,"
         "one-shot-bufferize{bufferize-function-boundaries "
         "function-boundary-type-conversion=identity-layout-map "
         "allow-return-allocs-from-loops},"
         "buffer-deallocation-pipeline,"
         // The clones it adds for returned buffers the function does not own.
         "convert-bufferization-to-memref,"
         // Parallel loop dimensions become OpenMP work-sharing loops.
         "func.func(convert-linalg-to-parallel-loops),"
         "convert-scf-to-openmp,"
         "expand-strided-metadata,"
         "lower-affine,"
         // Before scf-to-cf: it inlines the single-block alloca scopes that
         // scf-to-openmp wraps loop bodies in.
         "finalize-memref-to-llvm,"
         "convert-scf-to-cf,"
         "convert-math-to-llvm,"
         "convert-math-to-libm,"
         "convert-complex-to-llvm,"
         "convert-arith-to-llvm,"
         "convert-index-to-llvm,"
         "convert-cf-to-llvm,"
         "convert-openmp-to-llvm,"
         "convert-func-to-llvm,"
         "reconcile-unrealized-casts)";
}

LogicalResult ssm::lowerToLLVM(ModuleOp module) {
  // The pipeline is textual, so its passes must be registered (once).
  static bool passesRegistered = [] {
    registerAllPasses();
    return true;
  }();
  (void)passesRegistered;
  auto pm = PassManager::on<ModuleOp>(module.getContext());
  // The pass manager is anchored on the module already: parse the list
  // inside "builtin.module(...)".
  std::string pipeline = cpuPipeline();
  StringRef passes = StringRef(pipeline)
                         .drop_front(StringRef("builtin.module(").size())
                         .drop_back();
  if (failed(parsePassPipeline(passes, pm)))
    return module.emitError("cannot build the CPU pipeline");
  if (failed(pm.run(module)))
    return failure();
  // Anything left outside the LLVM and OpenMP dialects cannot be
  // translated to LLVM IR.
  WalkResult leftover = module.walk([](Operation *op) {
    if (isa<ModuleOp>(op) ||
        isa<LLVM::LLVMDialect, omp::OpenMPDialect>(op->getDialect()))
      return WalkResult::advance();
    op->emitOpError("was not lowered to the LLVM dialect");
    return WalkResult::interrupt();
  });
  return failure(leftover.wasInterrupted());
}

/// Drops the argument and result attributes of other dialects (such as the
/// weight names of decoded genomes): LLVM translation knows only its own.
static void dropForeignArgumentAttributes(func::FuncOp func) {
  auto foreign = [](NamedAttribute attr) {
    return !attr.getName().strref().starts_with("llvm.");
  };
  for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
    if (DictionaryAttr attrs = func.getArgAttrDict(i))
      if (llvm::any_of(attrs, foreign))
        func.setArgAttrs(i, llvm::to_vector(llvm::make_filter_range(
                                attrs, [&](NamedAttribute a) {
                                  return !foreign(a);
                                })));
  for (unsigned i = 0, e = func.getNumResults(); i < e; ++i)
    if (DictionaryAttr attrs = func.getResultAttrDict(i))
      if (llvm::any_of(attrs, foreign))
        func.setResultAttrs(i, llvm::to_vector(llvm::make_filter_range(
                                   attrs, [&](NamedAttribute a) {
                                     return !foreign(a);
                                   })));
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

ssm::JitModule::~JitModule() = default;

Expected<std::unique_ptr<ssm::JitModule>>
ssm::JitModule::compile(ModuleOp module) {
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
  if (failed(lowerToLLVM(*lowered)))
    return error("lowering to LLVM failed (see the diagnostics above)");

  ExecutionEngineOptions options;
  // memrefCopy and friends, which lowered memref.copy may call, and the
  // OpenMP runtime.
  SmallVector<StringRef> libraries = {SSM_MLIR_C_RUNNER_UTILS, SSM_OPENMP_RUNTIME};
  options.sharedLibPaths = libraries;
  options.transformer = makeOptimizingTransformer(/*optLevel=*/3,
                                                  /*sizeLevel=*/0, nullptr);
  Expected<std::unique_ptr<ExecutionEngine>> engine =
      ExecutionEngine::create(*lowered, options);
  if (!engine)
    return engine.takeError();
  jit->engine = std::move(*engine);
  return jit;
}

Expected<std::vector<ssm::ref::Tensor>>
ssm::JitModule::call(StringRef name, ArrayRef<ref::Tensor> args) {
  auto func = original->lookupSymbol<func::FuncOp>(name);
  if (!func || !func.isPublic())
    return error("no public function @" + name + " was compiled");
  FunctionType type = func.getFunctionType();
  if (args.size() != type.getNumInputs())
    return error("@" + name + " takes " + llvm::Twine(type.getNumInputs()) +
                 " arguments, got " + llvm::Twine(args.size()));

  // Inputs: contiguous buffers in the element type, described row-major.
  std::vector<std::vector<char>> buffers(args.size());
  std::vector<Descriptor> inputs(args.size());
  for (auto [i, arg] : llvm::enumerate(args)) {
    auto tensor = cast<RankedTensorType>(type.getInput(i));
    if (!ref::fitsType(arg, tensor))
      return error("argument #" + llvm::Twine(i) + " of @" + name +
                   " has type " + typeString(tensor) +
                   " but the input has shape " + arg.shapeString());
    Type element = tensor.getElementType();
    size_t bytes = *elementBytes(element);
    int64_t stride = isa<ComplexType>(element) ? 2 : 1;
    buffers[i].resize(std::max<size_t>(1, bytes * arg.numElements()));
    for (int64_t e = 0; e < arg.numElements(); ++e)
      storeElement(buffers[i].data() + e * bytes, element,
                   arg.data().data() + e * stride);
    Descriptor &d = inputs[i];
    auto ptr = reinterpret_cast<int64_t>(buffers[i].data());
    d.words = {ptr, ptr, 0};
    for (int64_t s : arg.shape())
      d.words.push_back(s);
    for (int64_t s : arg.strides())
      d.words.push_back(s);
  }

  // Results come back through one struct of descriptors, passed first.
  std::vector<int64_t> resultWords;
  std::vector<size_t> resultStarts;
  for (Type t : type.getResults()) {
    resultStarts.push_back(resultWords.size());
    resultWords.resize(resultWords.size() +
                       3 + 2 * cast<RankedTensorType>(t).getRank());
  }
  void *resultPtr = resultWords.data();
  std::vector<void *> pointers;
  for (Descriptor &d : inputs)
    pointers.push_back(d.words.data());
  std::vector<void *> packed;
  if (type.getNumResults() > 0)
    packed.push_back(&resultPtr);
  for (void *&p : pointers)
    packed.push_back(&p);
  if (llvm::Error err = engine->invokePacked(("_mlir_ciface_" + name).str(),
                                             packed))
    return std::move(err);

  std::vector<ref::Tensor> results;
  std::vector<void *> freed;
  for (auto [i, t] : llvm::enumerate(type.getResults())) {
    auto tensor = cast<RankedTensorType>(t);
    Descriptor d;
    d.words.assign(resultWords.begin() + resultStarts[i],
                   resultWords.begin() + resultStarts[i] + 3 +
                       2 * tensor.getRank());
    std::vector<int64_t> shape;
    for (int64_t r = 0; r < d.rank(); ++r)
      shape.push_back(d.size(r));
    Type element = tensor.getElementType();
    bool complex = isa<ComplexType>(element);
    ref::Tensor out(shape, complex);
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
    // Returned buffers are fresh (bufferization clones what the function
    // does not own) and belong to the caller; the input check only guards
    // against freeing our own memory should that ever change.
    void *allocated = d.allocated();
    bool isInput = llvm::any_of(buffers, [&](const std::vector<char> &b) {
      return allocated == b.data();
    });
    if (allocated && !isInput && !llvm::is_contained(freed, allocated)) {
      freed.push_back(allocated);
      std::free(allocated);
    }
  }
  return results;
}
