//===- Driver.cpp - The ssm-compile command line --------------------------===//

#include "ssm/Compiler/Driver.h"
#include "ssm/Compiler/Compiler.h"
#include "ssm/ModuleLoader.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
namespace cl = llvm::cl;

int ssm::compileMain(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  cl::OptionCategory category("ssm-compile options");
  cl::opt<std::string> input(cl::Positional, cl::desc("<module.mlir>"),
                             cl::cat(category));
  cl::opt<std::string> output("o", cl::desc("output file"),
                              cl::value_desc("path"), cl::cat(category));
  cl::opt<std::string> target("target",
                              cl::desc("cpu (the host) or cuda (NVIDIA GPUs)"),
                              cl::init("cpu"), cl::cat(category));
  cl::opt<std::string> arch("arch",
                            cl::desc("for --target=cuda: the GPU architecture "
                                     "(sm_80, sm_90, ...)"),
                            cl::init("sm_90"), cl::cat(category));
  cl::opt<std::string> cudaPath(
      "cuda-path",
      cl::desc("for --target=cuda: the CUDA toolkit (ptxas, fatbinary); "
               "default $SSM_CUDA_PATH or the one the project was built with"),
      cl::value_desc("dir"), cl::cat(category));
  cl::opt<EmitKind> emit(
      "emit", cl::desc("what to write"), cl::init(EmitKind::SharedLibrary),
      cl::values(clEnumValN(EmitKind::MLIR, "mlir", "the LLVM dialect"),
                 clEnumValN(EmitKind::LLVM, "llvm", "LLVM IR"),
                 clEnumValN(EmitKind::Object, "obj", "an object file"),
                 clEnumValN(EmitKind::SharedLibrary, "so",
                            "a shared library (default)"),
                 clEnumValN(EmitKind::PTX, "ptx", "cuda: the kernels' PTX"),
                 clEnumValN(EmitKind::Cubin, "cubin",
                            "cuda: the kernels as a cubin (ptxas)"),
                 clEnumValN(EmitKind::Fatbin, "fatbin",
                            "cuda: the kernels as a fatbin")),
      cl::cat(category));
  cl::opt<std::string> header(
      "emit-header", cl::desc("also write a C header declaring the entry points"),
      cl::value_desc("path"), cl::cat(category));
  cl::opt<bool> printPipeline(
      "print-pipeline",
      cl::desc("print the pass pipeline for --target, --arch and --emit (as "
               "ssm-opt --pass-pipeline takes it) and exit"),
      cl::cat(category));
  cl::list<std::string> passOptions(
      "pass-option",
      cl::desc("set options of a pass of the pipeline, e.g. "
               "'ssm-fused-selective-scan{states-per-thread=8}' (the "
               "pass's other options stay as the pipeline has them; "
               "repeatable)"),
      cl::value_desc("pass{key=value ...}"), cl::cat(category));
  // MLIR's pass manager options (--mlir-print-ir-after=<pass>,
  // --mlir-pass-statistics, ...) and context options
  // (--mlir-disable-threading), not listed by --help but taken as by
  // mlir-opt.
  // Passes first: the options naming passes list the registered ones.
  registerPipelinePasses();
  registerPipelineCLOptions();
  registerMLIRContextCLOptions();
  cl::HideUnrelatedOptions(category);
  if (!cl::ParseCommandLineOptions(
          argc, argv, "ssm-compile: compiles an ssm module for a target\n",
          &llvm::errs()))
    return 1;

  setPassOptions(passOptions);
  CompileOptions options;
  options.target = target;
  options.arch = arch;
  options.cudaToolkit = cudaPath;
  options.emit = emit;
  options.outputPath = output;
  options.headerPath = header;
  options.sourceName = input;
  auto fail = [](llvm::Error err) {
    llvm::errs() << "ssm-compile: error: " << llvm::toString(std::move(err))
                 << "\n";
    return 1;
  };
  if (printPipeline) {
    llvm::Expected<std::string> pipeline = compilePipeline(options);
    if (!pipeline)
      return fail(pipeline.takeError());
    llvm::outs() << *pipeline << "\n";
    return 0;
  }
  if (input.empty() || output.empty()) {
    llvm::errs() << "ssm-compile: error: "
                 << (input.empty() ? "no input module" : "no output (-o)")
                 << " given\n";
    return 1;
  }
  // IR printing at module scope needs a context without threads.
  auto &registered = cl::getRegisteredOptions();
  auto isSet = [&](StringRef name) {
    auto *flag = static_cast<cl::opt<bool> *>(registered.lookup(name));
    return flag && flag->getValue();
  };
  if (isSet("mlir-print-ir-module-scope") &&
      !isSet("mlir-disable-threading")) {
    llvm::errs() << "ssm-compile: error: --mlir-print-ir-module-scope needs "
                    "--mlir-disable-threading\n";
    return 1;
  }

  ModuleLoader loader;
  std::string message;
  OwningOpRef<ModuleOp> module = loader.load(input, message);
  if (!module) {
    if (!message.empty())
      llvm::errs() << "ssm-compile: error: " << message << "\n";
    return 1;
  }

  if (llvm::Error err = compileModule(*module, options))
    return fail(std::move(err));
  return 0;
}
