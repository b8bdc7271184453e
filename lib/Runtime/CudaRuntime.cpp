//===- CudaRuntime.cpp - libssm_runtime over the CUDA driver API ----------===//
//
// The `mgpu*` functions are the ABI that MLIR's `gpu-to-llvm` lowering and
// `gpu.binary` translation emit calls to (their signatures are those of the
// calls in translated modules); the `ssmrt*` functions are for callers.
// Everything runs in the primary context of device 0.
//
//===----------------------------------------------------------------------===//

#include "ssm/Runtime/CudaRuntime.h"

#include <cuda.h>

#include <cstdint>
#include <cstdio>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace {

std::mutex errorMutex;
std::string lastError;
/// Errors since the last ssmrtSynchronize(): a kernel that did not load or
/// launch leaves no error in the context for cuCtxSynchronize to report.
unsigned errorsSinceSynchronize = 0;

void recordError(const std::string &message) {
  std::fprintf(stderr, "ssm runtime: error: %s\n", message.c_str());
  std::lock_guard<std::mutex> lock(errorMutex);
  lastError = message;
  ++errorsSinceSynchronize;
}

/// Whether `result` is success; otherwise records `what` failed and why.
bool check(CUresult result, const char *what) {
  if (result == CUDA_SUCCESS)
    return true;
  const char *name = nullptr, *text = "";
  cuGetErrorName(result, &name);
  cuGetErrorString(result, &text);
  std::string named = name ? std::string(name)
                           : "CUresult " + std::to_string(result);
  recordError(std::string(what) + " failed: " + named + " (" + text + ")");
  return false;
}

/// Makes device 0's primary context current; false when there is none.
bool useContext() {
  static CUcontext context = [] {
    CUcontext created = nullptr;
    CUdevice device;
    if (check(cuInit(0), "cuInit") && check(cuDeviceGet(&device, 0), "cuDeviceGet"))
      check(cuDevicePrimaryCtxRetain(&created, device),
            "cuDevicePrimaryCtxRetain");
    return created;
  }();
  return context && check(cuCtxSetCurrent(context), "cuCtxSetCurrent");
}

/// Device buffers that were freed, kept for allocations of the same size:
/// cuMemAlloc and cuMemFree of large buffers cost far more than a kernel
/// launch (a compiled function allocates its results and intermediates on
/// every call). A freed buffer is reused only after the device has
/// finished its work, as cuMemFree waits for it.
class BufferCache {
public:
  CUdeviceptr allocate(size_t bytes) {
    {
      std::lock_guard<std::mutex> lock(mutex);
      auto it = free.find(bytes);
      if (it != free.end()) {
        CUdeviceptr pointer = it->second;
        free.erase(it);
        kept.erase(pointer);
        live[pointer] = bytes;
        return pointer;
      }
    }
    CUdeviceptr pointer = 0;
    CUresult result = cuMemAlloc(&pointer, bytes);
    if (result == CUDA_ERROR_OUT_OF_MEMORY) {
      release();
      result = cuMemAlloc(&pointer, bytes);
    }
    if (!check(result, "cuMemAlloc"))
      return 0;
    std::lock_guard<std::mutex> lock(mutex);
    live[pointer] = bytes;
    return pointer;
  }

  /// Keeps `pointer` for reuse if it came from allocate() (true), or
  /// reports it freed twice if it is kept already (true); false if it is
  /// neither.
  bool recycle(CUdeviceptr pointer) {
    size_t bytes;
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (kept.count(pointer)) {
        recordError("device buffer freed twice");
        return true;
      }
      auto it = live.find(pointer);
      if (it == live.end())
        return false;
      // No longer live: a second free from now on finds it in neither
      // map until it is kept, and is an error of cuMemFree or the above.
      bytes = it->second;
      live.erase(it);
    }
    // As cuMemFree: the device's work that may use the buffer is done.
    // Where that cannot be known, the buffer goes back to the driver.
    if (!useContext() || !check(cuCtxSynchronize(), "running the kernels")) {
      check(cuMemFree(pointer), "cuMemFree");
      return true;
    }
    std::lock_guard<std::mutex> lock(mutex);
    free.emplace(bytes, pointer);
    kept.insert(pointer);
    return true;
  }

  /// Frees the kept buffers.
  void release() {
    std::multimap<size_t, CUdeviceptr> released;
    {
      std::lock_guard<std::mutex> lock(mutex);
      released.swap(free);
      kept.clear();
    }
    for (auto [bytes, pointer] : released)
      check(cuMemFree(pointer), "cuMemFree");
  }

private:
  std::mutex mutex;
  /// Buffers in use, with their sizes.
  std::unordered_map<CUdeviceptr, size_t> live;
  /// Buffers kept for reuse, by size, and as a set.
  std::multimap<size_t, CUdeviceptr> free;
  std::unordered_set<CUdeviceptr> kept;
};

BufferCache &buffers() {
  // Never destroyed: at process exit the driver frees device memory.
  static BufferCache *cache = new BufferCache;
  return *cache;
}

} // namespace

extern "C" {

//===----------------------------------------------------------------------===//
// The mgpu ABI of lowered gpu dialect ops
//===----------------------------------------------------------------------===//

void *mgpuModuleLoad(void *data, size_t /*size*/) {
  CUmodule module = nullptr;
  if (useContext())
    check(cuModuleLoadData(&module, data), "loading the module's kernels");
  return module;
}

void *mgpuModuleLoadJIT(void *ptx, int optLevel) {
  CUmodule module = nullptr;
  if (!useContext())
    return nullptr;
  CUjit_option options[] = {CU_JIT_OPTIMIZATION_LEVEL};
  void *values[] = {reinterpret_cast<void *>(static_cast<intptr_t>(optLevel))};
  check(cuModuleLoadDataEx(&module, ptx, 1, options, values),
        "compiling the module's PTX");
  return module;
}

void mgpuModuleUnload(void *module) {
  if (!module)
    return;
  // Libraries unload their modules from global destructors; at process
  // exit the driver may have shut down first, and freed them itself.
  CUresult result = cuModuleUnload(static_cast<CUmodule>(module));
  if (result != CUDA_ERROR_DEINITIALIZED)
    check(result, "cuModuleUnload");
}

void *mgpuModuleGetFunction(void *module, const char *name) {
  if (!module) {
    recordError(std::string("kernel '") + name +
                "' is unavailable: its module did not load");
    return nullptr;
  }
  CUfunction function = nullptr;
  check(cuModuleGetFunction(&function, static_cast<CUmodule>(module), name),
        "cuModuleGetFunction");
  return function;
}

void mgpuLaunchKernel(void *function, int64_t gridX, int64_t gridY,
                      int64_t gridZ, int64_t blockX, int64_t blockY,
                      int64_t blockZ, int32_t sharedBytes, void *stream,
                      void **params, void **extra, size_t /*paramCount*/) {
  if (!function) {
    recordError("launch of a kernel that did not load");
    return;
  }
  // More than 48 KB of shared memory (a long convolution's row) needs the
  // kernel's consent first; the 48 KB include the kernel's static shared
  // memory (the symbol dynamic shared memory is addressed from), so any
  // dynamic amount asks.
  if (sharedBytes > 0 &&
      !check(cuFuncSetAttribute(static_cast<CUfunction>(function),
                                CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES,
                                sharedBytes),
             "cuFuncSetAttribute (dynamic shared memory)"))
    return;
  check(cuLaunchKernel(static_cast<CUfunction>(function), gridX, gridY, gridZ,
                       blockX, blockY, blockZ, sharedBytes,
                       static_cast<CUstream>(stream), params, extra),
        "cuLaunchKernel");
}

void *mgpuStreamCreate() {
  CUstream stream = nullptr;
  if (useContext())
    check(cuStreamCreate(&stream, CU_STREAM_NON_BLOCKING), "cuStreamCreate");
  return stream;
}

void mgpuStreamDestroy(void *stream) {
  if (stream)
    check(cuStreamDestroy(static_cast<CUstream>(stream)), "cuStreamDestroy");
}

void mgpuStreamSynchronize(void *stream) {
  if (stream)
    check(cuStreamSynchronize(static_cast<CUstream>(stream)),
          "running the kernels");
}

void mgpuStreamWaitEvent(void *stream, void *event) {
  check(cuStreamWaitEvent(static_cast<CUstream>(stream),
                          static_cast<CUevent>(event), 0),
        "cuStreamWaitEvent");
}

void *mgpuEventCreate() {
  CUevent event = nullptr;
  if (useContext())
    check(cuEventCreate(&event, CU_EVENT_DISABLE_TIMING), "cuEventCreate");
  return event;
}

void mgpuEventDestroy(void *event) {
  if (event)
    check(cuEventDestroy(static_cast<CUevent>(event)), "cuEventDestroy");
}

void mgpuEventSynchronize(void *event) {
  check(cuEventSynchronize(static_cast<CUevent>(event)), "cuEventSynchronize");
}

void mgpuEventRecord(void *event, void *stream) {
  check(cuEventRecord(static_cast<CUevent>(event),
                      static_cast<CUstream>(stream)),
        "cuEventRecord");
}

void *mgpuMemAlloc(uint64_t bytes, void * /*stream*/, bool isHostShared) {
  CUdeviceptr pointer = 0;
  if (bytes == 0 || !useContext())
    return nullptr;
  if (isHostShared)
    check(cuMemAllocManaged(&pointer, bytes, CU_MEM_ATTACH_GLOBAL),
          "cuMemAllocManaged");
  else
    pointer = buffers().allocate(bytes);
  return reinterpret_cast<void *>(pointer);
}

void mgpuMemFree(void *pointer, void * /*stream*/) {
  if (!pointer)
    return;
  CUdeviceptr device = reinterpret_cast<CUdeviceptr>(pointer);
  if (!buffers().recycle(device))
    check(cuMemFree(device), "cuMemFree");
}

void mgpuMemcpy(void *dst, void *src, size_t bytes, void *stream) {
  check(cuMemcpyAsync(reinterpret_cast<CUdeviceptr>(dst),
                      reinterpret_cast<CUdeviceptr>(src), bytes,
                      static_cast<CUstream>(stream)),
        "cuMemcpyAsync");
}

void mgpuMemset32(void *dst, unsigned value, size_t count, void *stream) {
  check(cuMemsetD32Async(reinterpret_cast<CUdeviceptr>(dst), value, count,
                         static_cast<CUstream>(stream)),
        "cuMemsetD32Async");
}

//===----------------------------------------------------------------------===//
// The caller's API
//===----------------------------------------------------------------------===//

int ssmrtAvailable(void) { return useContext() ? 1 : 0; }

const char *ssmrtLastError(void) {
  std::lock_guard<std::mutex> lock(errorMutex);
  return lastError.c_str();
}

void *ssmrtAlloc(size_t bytes) { return mgpuMemAlloc(bytes, nullptr, false); }

void ssmrtFree(void *device) { mgpuMemFree(device, nullptr); }

void ssmrtReleaseCachedBuffers(void) {
  if (useContext())
    buffers().release();
}

int ssmrtCopyToDevice(void *device, const void *host, size_t bytes) {
  // From pageable memory the copy may return before the data reaches the
  // device; kernels on non-blocking streams would not wait for it.
  return useContext() &&
                 check(cuMemcpyHtoD(reinterpret_cast<CUdeviceptr>(device),
                                    host, bytes),
                       "copying to the device") &&
                 check(cuCtxSynchronize(), "copying to the device")
             ? 0
             : 1;
}

int ssmrtCopyToHost(void *host, const void *device, size_t bytes) {
  return useContext() &&
                 check(cuMemcpyDtoH(host,
                                    reinterpret_cast<CUdeviceptr>(device),
                                    bytes),
                       "copying from the device")
             ? 0
             : 1;
}

int ssmrtSynchronize(void) {
  bool ok = useContext() && check(cuCtxSynchronize(), "running the kernels");
  std::lock_guard<std::mutex> lock(errorMutex);
  ok = ok && errorsSinceSynchronize == 0;
  errorsSinceSynchronize = 0;
  return ok ? 0 : 1;
}

} // extern "C"
