//===- TargetDesc.h - Memory-hierarchy descriptions of targets --*- C++ -*-===//
//
// A target is described by what the IO-aware cost model needs: its memory
// levels (capacity and bandwidth, fastest first), its vector width, how many
// cores or SMs it has, and its peak arithmetic throughput.
//
//===----------------------------------------------------------------------===//

#ifndef SSM_ANALYSIS_TARGETDESC_H
#define SSM_ANALYSIS_TARGETDESC_H

#include "mlir/Support/LLVM.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace mlir::ssm {

/// One level of the memory hierarchy.
struct MemoryLevel {
  std::string name;
  /// Capacity available to one core (CPU) or one SM (GPU), in bytes.
  int64_t capacityBytes = 0;
  /// Sustained bandwidth of the whole device from this level, bytes/s.
  double bandwidth = 0;
};

struct TargetDesc {
  enum class Kind { CPU, GPU };

  std::string name;
  Kind kind = Kind::CPU;
  /// Fastest first; the last level is slow memory (DRAM/HBM).
  SmallVector<MemoryLevel> levels;
  /// SIMD width in bits (CPU) or warp width in lanes * 32 (GPU).
  int64_t vectorBits = 0;
  /// Cores (CPU) or streaming multiprocessors (GPU).
  int64_t parallelUnits = 1;
  /// Peak f32 FLOP/s of the whole device (FMA = 2 FLOPs).
  double peakFlops = 0;
  /// Peak f16/bf16 tensor-core FLOP/s (GPU; equal to peakFlops on CPU).
  double peakMatrixFlops = 0;
  /// Detected instruction-set features, e.g. "avx2", "avx512f".
  SmallVector<std::string> features;

  /// The level that tiles are sized for: per-core L2 on CPUs, shared memory
  /// on GPUs.
  const MemoryLevel &fastMemory() const;
  /// The slow memory every op's inputs and outputs live in.
  const MemoryLevel &slowMemory() const { return levels.back(); }
  /// f32 lanes of one vector register.
  int64_t vectorLanes() const { return vectorBits / 32; }
};

/// Names accepted by `lookupTarget`.
ArrayRef<StringRef> knownTargetNames();

/// `cpu-host` (read from the machine running the compiler), `sm_80` (A100)
/// or `sm_90` (H100). Unknown names are an error listing the known ones.
llvm::Expected<TargetDesc> lookupTarget(StringRef name);

/// The host CPU: cache sizes from the C library, SIMD width from the
/// processor's features, core count from the OS. Bandwidths and clock are
/// nominal (documented in TargetDesc.cpp) since they cannot be read.
TargetDesc describeHostCPU();

} // namespace mlir::ssm

#endif // SSM_ANALYSIS_TARGETDESC_H
