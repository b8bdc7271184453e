//===- Runner.cpp - The ssm-run driver ------------------------------------===//

#include "ssm/Runner/Runner.h"
#include "ssm/Support/Error.h"
#include "ssm/ModuleLoader.h"
#include "ssm/Compiler/Compiler.h"
#include "ssm/Reference/Evaluator.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>

using namespace mlir;
using llvm::Expected;

using ::ssm::error;

static std::string typeString(Type type) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "'" << type << "'";
  return s;
}

std::optional<ssm::npy::DType> ssm::npyTypeFor(Type type) {
  Type element = getElementTypeOrSelf(type);
  if (element.isF16())
    return npy::DType::F16;
  if (element.isBF16())
    return npy::DType::BF16;
  if (element.isF32())
    return npy::DType::F32;
  if (element.isF64())
    return npy::DType::F64;
  if (auto complex = dyn_cast<ComplexType>(element)) {
    if (complex.getElementType().isF32())
      return npy::DType::C64;
    if (complex.getElementType().isF64())
      return npy::DType::C128;
  }
  if (element.isInteger(32))
    return npy::DType::I32;
  if (element.isInteger(64) || element.isIndex())
    return npy::DType::I64;
  return std::nullopt;
}

/// The shape of an argument or result type; scalars have rank 0.
static Expected<std::vector<int64_t>> shapeOf(Type type) {
  if (auto tensor = dyn_cast<RankedTensorType>(type))
    return std::vector<int64_t>(tensor.getShape().begin(),
                                tensor.getShape().end());
  if (type.isIntOrIndexOrFloat())
    return std::vector<int64_t>();
  return error("type " + typeString(type) +
               " is not supported (ranked tensors and scalars are)");
}

Expected<ssm::ref::Tensor> ssm::makeRandomInput(Type type, uint64_t seed) {
  Expected<std::vector<int64_t>> shape = shapeOf(type);
  if (!shape)
    return shape.takeError();
  for (int64_t d : *shape)
    if (ShapedType::isDynamic(d))
      return error("cannot make a random input of dynamic type " +
                   typeString(type) + "; pass it with --input");
  if (!ref::checkedElementCount(*shape))
    return error("type " + typeString(type) + " is too large to fill");
  Type element = getElementTypeOrSelf(type);
  ref::Tensor tensor(*shape, isa<ComplexType>(element));
  // splitmix64: portable, so a seed means the same inputs everywhere.
  uint64_t state = seed * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull;
  for (double &v : tensor.data()) {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    double unit = double(z >> 11) * 0x1.0p-53; // [0, 1)
    v = element.isIntOrIndex() ? 0.0 : 2.0 * unit - 1.0;
    Type real = element;
    if (auto complex = dyn_cast<ComplexType>(element))
      real = complex.getElementType();
    v = ref::roundToType(v, real);
  }
  return tensor;
}

Expected<ssm::ref::Tensor> ssm::tensorFromNpy(const npy::Array &array,
                                              Type type) {
  std::optional<npy::DType> dtype = npyTypeFor(type);
  if (!dtype)
    return error("arguments of type " + typeString(type) +
                 " cannot be read from .npy");
  if (*dtype != array.dtype)
    return error("expected " + npy::name(*dtype) + " data for " +
                 typeString(type) + ", got " + npy::name(array.dtype));
  ref::Tensor tensor(array.shape, npy::isComplex(array.dtype));
  tensor.data() = array.values;
  return tensor;
}

Expected<ssm::npy::Array> ssm::npyFromTensor(const ref::Tensor &tensor,
                                             Type type) {
  std::optional<npy::DType> dtype = npyTypeFor(type);
  if (!dtype)
    return error("results of type " + typeString(type) +
                 " cannot be written as .npy");
  npy::Array array;
  array.dtype = *dtype;
  array.shape = tensor.shape();
  array.values = tensor.data();
  return array;
}

//===----------------------------------------------------------------------===//
// The tool
//===----------------------------------------------------------------------===//

namespace {
namespace cl = llvm::cl;

struct Options {
  cl::OptionCategory category{"ssm-run options"};
  cl::opt<std::string> inputFile{cl::Positional, cl::desc("<module.mlir>"),
                                 cl::Required, cl::cat(category)};
  cl::opt<std::string> entry{
      "entry", cl::desc("function to run (default: the only public one)"),
      cl::cat(category)};
  cl::list<std::string> inputs{
      "input", cl::desc("an .npy file per argument, in order"),
      cl::cat(category)};
  cl::opt<bool> randomInputs{
      "random-inputs",
      cl::desc("fill the arguments not given by --input with values uniform "
               "in [-1, 1)"),
      cl::cat(category)};
  cl::opt<uint64_t> seed{"seed", cl::desc("seed of --random-inputs"),
                         cl::init(0), cl::cat(category)};
  cl::opt<std::string> outputDir{
      "output-dir",
      cl::desc("write result<i>.npy (and input<i>.npy with --save-inputs) "
               "here"),
      cl::cat(category)};
  cl::opt<bool> saveInputs{"save-inputs",
                           cl::desc("also write the inputs to --output-dir"),
                           cl::cat(category)};
  cl::opt<bool> reference{
      "reference",
      cl::desc("run with the f64 reference evaluator (the default)"),
      cl::init(true), cl::cat(category)};
  cl::opt<bool> compiled{
      "compiled",
      cl::desc("compile the module (for --target) and run the compiled "
               "code in-process instead of the reference evaluator"),
      cl::cat(category)};
  cl::opt<std::string> target{
      "target",
      cl::desc("where --compiled code runs: cpu (the host, in-process JIT), "
               "cuda (kernels on the first CUDA GPU, through "
               "libssm_runtime) or cuda-emulator (the cuda target's kernels "
               "on the host, a CPU thread per GPU thread: slow, for "
               "testing without a GPU)"),
      cl::init("cpu"), cl::cat(category)};
  cl::opt<std::string> arch{
      "arch", cl::desc("for --target=cuda and cuda-emulator: the GPU "
                       "architecture to compile for"),
      cl::init("sm_90"), cl::cat(category)};
  cl::opt<bool> check{
      "check",
      cl::desc("run both the compiled code and the reference evaluator and "
               "compare them (implies --compiled); exit 1 on a mismatch"),
      cl::cat(category)};
  cl::opt<double> rtol{
      "rtol",
      cl::desc("--check tolerance on max|compiled - reference| / "
               "max|reference| (default: 2e-2 for bf16, 2e-3 for f16, 1e-4 "
               "for f32, 1e-10 for f64)"),
      cl::init(0), cl::cat(category)};
  cl::opt<bool> misalignInputs{
      "misalign-inputs",
      cl::desc("with --compiled or --check: place each argument one "
               "element (at most 8 bytes) past a 16-byte boundary, as a "
               "caller's buffer may be (kernels that need aligned operands "
               "then take their element-wise paths)"),
      cl::cat(category)};
  cl::opt<bool> printResults{
      "print-results", cl::desc("print every result value"), cl::cat(category)};
  cl::list<std::string> passOptions{
      "pass-option",
      cl::desc("with --compiled or --check: set options of a pass of the "
               "target's pipeline, e.g. "
               "'ssm-fused-selective-scan{states-per-thread=8}' (as "
               "ssm-compile takes it; repeatable)"),
      cl::value_desc("pass{key=value ...}"), cl::cat(category)};
};

/// max |a - b| / max |b| over the finite elements of `b` (0 when all are
/// zero); a non-finite element of `b` must be matched exactly (same
/// infinity, or NaN), else the error is infinite.
double normwiseError(const ssm::ref::Tensor &a, const ssm::ref::Tensor &b) {
  double diff = 0, scale = 0;
  for (size_t i = 0; i < b.data().size(); ++i) {
    double x = a.data()[i], y = b.data()[i];
    if (!std::isfinite(y) || !std::isfinite(x)) {
      bool same = (std::isnan(x) && std::isnan(y)) || x == y;
      if (!same)
        return INFINITY;
      continue;
    }
    diff = std::max(diff, std::fabs(x - y));
    scale = std::max(scale, std::fabs(y));
  }
  return scale > 0 ? diff / scale : diff;
}

/// Prints "min max mean" of a tensor (real parts for complex).
void printSummary(llvm::raw_ostream &os, const ssm::ref::Tensor &t) {
  if (t.numElements() == 0) {
    os << "empty";
    return;
  }
  int64_t stride = t.isComplex() ? 2 : 1;
  double lo = INFINITY, hi = -INFINITY, sum = 0;
  for (int64_t i = 0; i < t.numElements(); ++i) {
    double v = t.data()[i * stride];
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    sum += v;
  }
  os << llvm::format("min %.6g max %.6g mean %.6g", lo, hi,
                     sum / double(t.numElements()));
}

void printValues(llvm::raw_ostream &os, const ssm::ref::Tensor &t) {
  os << "[";
  for (int64_t i = 0; i < int64_t(t.data().size()); ++i) {
    if (i)
      os << (t.isComplex() && i % 2 ? " " : ", ");
    os << llvm::format("%.10g", t.data()[i]);
  }
  os << "]\n";
}

int fail(const llvm::Twine &message) {
  llvm::errs() << "ssm-run: error: " << message << "\n";
  return 1;
}

int fail(llvm::Error err) { return fail(llvm::toString(std::move(err))); }
} // namespace

int ssm::runnerMain(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  Options options;
  cl::HideUnrelatedOptions(options.category);
  if (!cl::ParseCommandLineOptions(
          argc, argv,
          "ssm-run: runs a function of an ssm module on .npy inputs\n", &llvm::errs()))
    return 1;
  if (!options.passOptions.empty() && !options.compiled && !options.check)
    return fail("--pass-option needs --compiled or --check (the reference "
                "evaluator runs no pipeline)");
  ssm::setPassOptions(options.passOptions);

  ModuleLoader loader;
  std::string errorMessage;
  OwningOpRef<ModuleOp> module = loader.load(options.inputFile, errorMessage);
  if (!module)
    return errorMessage.empty() ? 1 : fail(errorMessage);

  func::FuncOp func;
  if (!options.entry.empty()) {
    func = module->lookupSymbol<func::FuncOp>(options.entry);
    if (!func)
      return fail("no function named @" + options.entry + " in " +
                  options.inputFile);
  } else {
    for (auto candidate : module->getOps<func::FuncOp>()) {
      if (candidate.isPrivate() || candidate.isExternal())
        continue;
      if (func)
        return fail("the module has several public functions; choose one "
                    "with --entry");
      func = candidate;
    }
    if (!func)
      return fail("the module has no public function to run");
  }

  FunctionType type = func.getFunctionType();
  if (options.inputs.size() > type.getNumInputs())
    return fail("@" + func.getSymName() + " takes " +
                llvm::Twine(type.getNumInputs()) + " arguments, got " +
                llvm::Twine(options.inputs.size()) + " --input files");
  if (options.inputs.size() < type.getNumInputs() && !options.randomInputs)
    return fail("@" + func.getSymName() + " takes " +
                llvm::Twine(type.getNumInputs()) + " arguments, got " +
                llvm::Twine(options.inputs.size()) +
                " --input files (use --random-inputs to fill the rest)");

  std::vector<ref::Tensor> args;
  for (auto [i, argType] : llvm::enumerate(type.getInputs())) {
    if (i < options.inputs.size()) {
      Expected<npy::Array> array =
          npy::read(options.inputs[i], npyTypeFor(argType));
      if (!array)
        return fail(array.takeError());
      Expected<ref::Tensor> tensor = tensorFromNpy(*array, argType);
      if (!tensor)
        return fail("argument #" + llvm::Twine(i) + " ('" +
                    options.inputs[i] +
                    "'): " + llvm::toString(tensor.takeError()));
      args.push_back(std::move(*tensor));
      continue;
    }
    Expected<ref::Tensor> tensor = makeRandomInput(argType, options.seed + i);
    if (!tensor)
      return fail("argument #" + llvm::Twine(i) + ": " +
                  llvm::toString(tensor.takeError()));
    args.push_back(std::move(*tensor));
  }

  bool useCompiled = options.compiled || options.check;
  std::optional<std::vector<ref::Tensor>> reference;
  if (!useCompiled || options.check) {
    ref::Evaluator evaluator(*module);
    FailureOr<std::vector<ref::Tensor>> ran = evaluator.run(func, args);
    if (failed(ran))
      return 1; // Diagnostics have been emitted.
    reference = std::move(*ran);
  }
  std::optional<std::vector<ref::Tensor>> results = reference;
  if (useCompiled) {
    // Compile only what the entry needs: the other public functions go.
    OwningOpRef<ModuleOp> entryOnly = module->clone();
    for (auto other :
         llvm::make_early_inc_range(entryOnly->getOps<func::FuncOp>()))
      if (other.isPublic() && other.getSymName() != func.getSymName())
        other.erase();
    llvm::Expected<std::unique_ptr<JitModule>> jit =
        JitModule::compile(*entryOnly, options.target, options.arch);
    if (!jit)
      return fail(jit.takeError());
    llvm::Expected<std::vector<ref::Tensor>> ran =
        (*jit)->call(func.getSymName(), args, options.misalignInputs);
    if (!ran)
      return fail(ran.takeError());
    results = std::move(*ran);
  }

  if (!options.outputDir.empty()) {
    if (std::error_code ec =
            llvm::sys::fs::create_directories(options.outputDir))
      return fail("cannot create '" + options.outputDir + "': " + ec.message());
  }
  auto save = [&](StringRef stem, size_t i, const ref::Tensor &t,
                  Type type) -> std::optional<std::string> {
    if (options.outputDir.empty())
      return std::string();
    llvm::SmallString<128> path(options.outputDir);
    llvm::sys::path::append(path, stem + llvm::Twine(i) + ".npy");
    Expected<npy::Array> array = npyFromTensor(t, type);
    if (!array) {
      fail(array.takeError());
      return std::nullopt;
    }
    if (llvm::Error err = npy::write(path, *array)) {
      fail(std::move(err));
      return std::nullopt;
    }
    return std::string(path);
  };

  llvm::raw_ostream &os = llvm::outs();
  if (options.saveInputs)
    for (auto [i, arg] : llvm::enumerate(args))
      if (!save("input", i, arg, type.getInput(i)))
        return 1;
  os << "@" << func.getSymName() << ": " << results->size() << " result"
     << (results->size() == 1 ? "" : "s")
     << (!useCompiled ? std::string(" (reference, f64)")
         : options.target != "cpu"
             ? " (compiled, " + options.target + " " + options.arch + ")"
             : " (compiled, " + options.target + ")")
     << "\n";
  for (auto [i, result] : llvm::enumerate(*results)) {
    Type resultType = type.getResult(i);
    // Values are rounded to the declared type, as the written file is.
    ref::Tensor rounded = result;
    Type element = getElementTypeOrSelf(resultType);
    if (auto complex = dyn_cast<ComplexType>(element))
      element = complex.getElementType();
    for (double &v : rounded.data())
      v = ref::roundToType(v, element);
    std::optional<std::string> path = save("result", i, rounded, resultType);
    if (!path)
      return 1;
    os << "result #" << i << ": " << resultType << " shape "
       << rounded.shapeString() << " ";
    printSummary(os, rounded);
    if (!path->empty())
      os << " -> " << *path;
    os << "\n";
    if (options.printResults)
      printValues(os, rounded);
  }
  if (!options.check)
    return 0;
  bool allMatch = true;
  for (auto [i, result] : llvm::enumerate(*results)) {
    const ref::Tensor &expected = (*reference)[i];
    Type element = getElementTypeOrSelf(type.getResult(i));
    if (auto complex = dyn_cast<ComplexType>(element))
      element = complex.getElementType();
    // f16/bf16 results are rounded once from f32 (half an ulp: 2^-11,
    // 2^-8) on top of f32 accumulation, relative to the largest value.
    double tolerance = options.rtol > 0 ? double(options.rtol)
                       : element.isF64()  ? 1e-10
                       : element.isBF16() ? 2e-2
                       : element.isF16()  ? 2e-3
                                          : 1e-4;
    bool sameShape = result.shape() == expected.shape();
    double err = sameShape ? normwiseError(result, expected) : INFINITY;
    bool ok = sameShape && err <= tolerance;
    allMatch &= ok;
    os << "check result #" << i << ": "
       << llvm::format("error %.3g (tolerance %.3g): ", err, tolerance)
       << (ok ? "ok" : "MISMATCH") << "\n";
  }
  return allMatch ? 0 : 1;
}
