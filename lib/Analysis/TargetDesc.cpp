//===- TargetDesc.cpp - Memory-hierarchy descriptions of targets ----------===//

#include "ssm/Analysis/TargetDesc.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Threading.h"
#include "llvm/TargetParser/Host.h"

#include <unistd.h>

using namespace mlir;
using namespace mlir::ssm;

const MemoryLevel &TargetDesc::fastMemory() const {
  // CPU: the per-core L2 (levels are L1, L2, [L3,] DRAM). GPU: shared memory
  // (levels are registers, shared memory, L2, HBM).
  return levels.size() > 1 ? levels[1] : levels.front();
}

ArrayRef<StringRef> mlir::ssm::knownTargetNames() {
  static const StringRef names[] = {"cpu-host", "sm_80", "sm_90"};
  return names;
}

static int64_t cacheSize(int name, int64_t fallback) {
  long size = sysconf(name);
  return size > 0 ? size : fallback;
}

TargetDesc mlir::ssm::describeHostCPU() {
  TargetDesc t;
  t.name = "cpu-host";
  t.kind = TargetDesc::Kind::CPU;
  t.parallelUnits = std::max(1u, llvm::get_physical_cores() > 0
                                     ? unsigned(llvm::get_physical_cores())
                                     : llvm::heavyweight_hardware_concurrency()
                                           .compute_thread_count());
  llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
  t.vectorBits = 128;
  for (StringRef f : {"avx2", "fma", "avx512f"})
    if (features.lookup(f))
      t.features.push_back(f.str());
  if (features.lookup("avx2"))
    t.vectorBits = 256;
  if (features.lookup("avx512f"))
    t.vectorBits = 512;
  // Nominal figures of a current server core, used only to weigh compute
  // against traffic: 2.5 GHz, two FMA pipes, ~100/50/20 GB/s per core from
  // L1/L2/DRAM (the DRAM figure for the whole socket share is what matters).
  double clock = 2.5e9;
  double cores = double(t.parallelUnits);
  t.peakFlops = cores * clock * 2 /*pipes*/ * 2 /*FMA*/ * double(t.vectorLanes());
  t.peakMatrixFlops = t.peakFlops;
  t.levels = {
      {"L1", cacheSize(_SC_LEVEL1_DCACHE_SIZE, 32 << 10), cores * 100e9},
      {"L2", cacheSize(_SC_LEVEL2_CACHE_SIZE, 1 << 20), cores * 50e9},
      {"DRAM", int64_t(1) << 40, cores * 20e9},
  };
  return t;
}

/// An NVIDIA data-center GPU from its published figures.
static TargetDesc describeGPU(StringRef name, int64_t sms, int64_t smemBytes,
                              double smemBandwidth, int64_t l2Bytes,
                              double l2Bandwidth, double hbmBandwidth,
                              double fp32Flops, double tensorFlops) {
  TargetDesc t;
  t.name = name.str();
  t.kind = TargetDesc::Kind::GPU;
  t.parallelUnits = sms;
  t.vectorBits = 32 * 32; // a warp of 32 f32 lanes
  t.peakFlops = fp32Flops;
  t.peakMatrixFlops = tensorFlops;
  t.levels = {
      {"registers", 256 << 10, smemBandwidth * 4},
      {"shared", smemBytes, smemBandwidth},
      {"L2", l2Bytes, l2Bandwidth},
      {"HBM", int64_t(80) << 30, hbmBandwidth},
  };
  return t;
}

llvm::Expected<TargetDesc> mlir::ssm::lookupTarget(StringRef name) {
  if (name == "cpu-host")
    return describeHostCPU();
  // A100 SXM: 108 SMs, 164 KB shared memory per SM, 40 MB L2, 2.0 TB/s HBM2e,
  // 19.5 TFLOP/s f32, 312 TFLOP/s bf16 tensor cores.
  if (name == "sm_80")
    return describeGPU(name, 108, 164 << 10, 19e12, 40 << 20, 5e12, 2.0e12,
                       19.5e12, 312e12);
  // H100 SXM: 132 SMs, 228 KB shared memory per SM, 50 MB L2, 3.35 TB/s HBM3,
  // 67 TFLOP/s f32, 989 TFLOP/s dense bf16 tensor cores.
  if (name == "sm_90")
    return describeGPU(name, 132, 228 << 10, 33e12, 50 << 20, 7e12, 3.35e12,
                       67e12, 989e12);
  std::string known;
  for (StringRef n : knownTargetNames())
    known += (known.empty() ? "" : ", ") + n.str();
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "unknown target '" + name +
                                     "' (known targets: " + known + ")");
}
