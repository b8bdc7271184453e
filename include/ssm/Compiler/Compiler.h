//===- Compiler.h - The ssm compilation driver ------------------*- C++ -*-===//
//
// Lowers modules of ssm and upstream tensor ops to the LLVM dialect for the
// host CPU, and runs them in-process with MLIR's ExecutionEngine. Tools
// (`ssm-run --compiled`) and embedders call these; nothing here exits.
//
//===----------------------------------------------------------------------===//

#ifndef SSM_COMPILER_COMPILER_H
#define SSM_COMPILER_COMPILER_H

#include "ssm/Reference/Tensor.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <vector>

namespace llvm {
class TargetMachine;
} // namespace llvm

namespace mlir {
class DialectRegistry;
class ExecutionEngine;
} // namespace mlir

namespace ssm {

/// An argument attribute (a string) naming a function argument, e.g. a
/// weight of a decoded genome; generated C headers show it.
inline constexpr llvm::StringLiteral kArgumentNameAttr = "ssm.name";

/// The target machine of the host CPU (its features, PIC, -O3 code
/// generation), for which the CPU back end optimizes and emits code.
llvm::Expected<std::unique_ptr<llvm::TargetMachine>> createHostTargetMachine();

/// The lowering of `module` to the LLVM dialect for the host CPU, as a
/// textual pass pipeline (usable with `ssm-opt --pass-pipeline=...`).
std::string cpuPipeline();

/// Marks the public functions of `module` for C-interface wrappers
/// (`_mlir_ciface_<name>`), the entry points of JIT and libraries.
void prepareCInterface(mlir::ModuleOp module);

/// Runs `cpuPipeline()` on `module` and checks that only the LLVM dialect
/// is left; diagnostics go to the context.
mlir::LogicalResult lowerToLLVM(mlir::ModuleOp module);

/// The lowering of `module` for a CUDA GPU of architecture `chip` (e.g.
/// "sm_90"): kernels compiled to `format` ("isa" for PTX, "bin" for a
/// cubin, "fatbin"; the latter two run `ptxas`/`fatbinary` from `toolkit`)
/// in a gpu.binary, host code in the LLVM dialect calling libssm_runtime.
std::string cudaPipeline(llvm::StringRef chip, llvm::StringRef format,
                         llvm::StringRef toolkit);

/// The CUDA architectures `--arch` accepts.
llvm::ArrayRef<llvm::StringRef> cudaArchitectures();

/// The CUDA pipeline for `chip` up to its kernels (as `gpu.launch` ops on
/// device buffers), then `ssm-emulate-gpu` and the CPU pipeline's lowering
/// to the LLVM dialect: the kernels run on the host, a CPU thread per GPU
/// thread (`ssm-run --target=cuda-emulator`).
std::string cudaEmulatorPipeline(llvm::StringRef chip);

/// Checks a compilation target ("cpu" or "cuda"; "cuda-emulator" too with
/// `emulator`, for in-process runs) and, for the CUDA ones, its
/// architecture `arch`: the errors name what is known.
llvm::Error checkTarget(llvm::StringRef target, llvm::StringRef arch,
                        bool emulator = false);

/// Runs `cudaPipeline()` on `module` and checks what is left.
mlir::LogicalResult lowerToCUDA(mlir::ModuleOp module, llvm::StringRef chip,
                                llvm::StringRef format,
                                llvm::StringRef toolkit);

/// What `compileModule` writes. PTX, Cubin and Fatbin are the kernels of a
/// CUDA compilation alone.
enum class EmitKind { MLIR, LLVM, Object, SharedLibrary, PTX, Cubin, Fatbin };

struct CompileOptions {
  /// "cpu" (the host) or "cuda".
  std::string target = "cpu";
  /// For "cuda": the GPU architecture, one of cudaArchitectures().
  std::string arch = "sm_90";
  /// For "cuda": the CUDA toolkit (ptxas, fatbinary, libdevice); empty for
  /// $SSM_CUDA_PATH, else the one the project was built with.
  std::string cudaToolkit;
  EmitKind emit = EmitKind::SharedLibrary;
  std::string outputPath;
  /// When set, a C header declaring each public function's entry point.
  std::string headerPath;
  /// The source file name, for the header's comment.
  std::string sourceName;
};

/// Compiles `module` (left unchanged) and writes what `options` asks for:
/// the module lowered to the LLVM dialect, LLVM IR, an object file, or a
/// shared library (linked with the system's `cc`) whose entry points are the
/// C-interface wrappers `_mlir_ciface_<name>` of the public functions.
llvm::Error compileModule(mlir::ModuleOp module, const CompileOptions &options);

/// `pipeline` with the options of `specs` ("pass{key=value ...}", as the
/// tools' --pass-option takes them) set on every occurrence of their
/// pass: a key the pass has there gets the new value, others are added.
/// A spec not of that form, or naming a pass the pipeline does not run,
/// is an error.
llvm::Expected<std::string> applyPassOptions(llvm::StringRef pipeline,
                                             llvm::ArrayRef<std::string> specs);

/// Sets the pass options (see applyPassOptions) that every pipeline run
/// below, and compilePipeline, take from here on (the tools'
/// --pass-option, for tuning a kernel without rebuilding the compiler).
void setPassOptions(llvm::ArrayRef<std::string> specs);
/// The pass options set so.
llvm::ArrayRef<std::string> passOptions();

/// Registers every pass the pipelines name (ssm::registerAllPasses),
/// once however often it is called.
void registerPipelinePasses();

/// Registers MLIR's pass manager command-line options (--mlir-print-ir-*,
/// --mlir-pass-statistics, ...), which the pipelines run below then take.
void registerPipelineCLOptions();

/// The pass pipeline `compileModule` runs for `options` (after checking
/// them), as `ssm-opt --pass-pipeline=...` takes it.
llvm::Expected<std::string> compilePipeline(const CompileOptions &options);

/// The C header declaring the entry points of `module`'s public functions.
llvm::Expected<std::string> emitCHeader(mlir::ModuleOp module,
                                        llvm::StringRef sourceName);

/// The CUDA toolkit that CUDA compilations use unless told otherwise:
/// $SSM_CUDA_PATH, else the one found when the project was built.
std::string defaultCudaToolkit();

/// libssm_runtime's functions, for running CUDA modules in-process.
struct CudaRuntime;

/// A module compiled in-process for the host CPU, or for a CUDA GPU (its
/// kernels on the GPU, or emulated on the host, its host code
/// in-process).
class JitModule {
public:
  /// Compiles a copy of `module` (which is left unchanged) for `target`
  /// ("cpu", "cuda", or "cuda-emulator": the CUDA pipeline's kernels run
  /// on the host, see `cudaEmulatorPipeline()`; `arch` is the GPU
  /// architecture of the CUDA ones). Public
  /// functions whose arguments and results are ranked tensors of f16,
  /// bf16, f32, f64, complex<f32>/complex<f64>, i32 or i64 can then be
  /// called; for "cuda", their arguments are copied to the device and
  /// their results back. Compiling for "cuda" fails with a clear error
  /// where libssm_runtime cannot load or finds no device.
  static llvm::Expected<std::unique_ptr<JitModule>>
  compile(mlir::ModuleOp module, llvm::StringRef target = "cpu",
          llvm::StringRef arch = "sm_90");
  ~JitModule();

  /// Calls function `name` of the original module; with `misalign`, each
  /// argument starts one element (at most 8 bytes) past a 16-byte
  /// boundary (as a caller's
  /// buffer may: kernels then take their element-wise paths).
  llvm::Expected<std::vector<ref::Tensor>>
  call(llvm::StringRef name, llvm::ArrayRef<ref::Tensor> args,
       bool misalign = false);

  /// Calls function `name` `runs` times on `args`, converted once, and
  /// returns the seconds of each call alone (results are discarded).
  llvm::Expected<std::vector<double>> time(llvm::StringRef name,
                                           llvm::ArrayRef<ref::Tensor> args,
                                           unsigned runs);

private:
  JitModule() = default;
  mlir::OwningOpRef<mlir::ModuleOp> original;
  std::unique_ptr<mlir::ExecutionEngine> engine;
  /// Set for modules compiled for "cuda".
  std::unique_ptr<CudaRuntime> cuda;
  /// For "cuda-emulator": libssm_cpu_runtime's ssmEmuTakeError, which
  /// reports what an emulated kernel did that the GPU does not define.
  const char *(*takeEmulatorError)() = nullptr;
};

} // namespace ssm

#endif // SSM_COMPILER_COMPILER_H
