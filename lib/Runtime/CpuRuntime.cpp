//===- CpuRuntime.cpp - libssm_cpu_runtime: buffers of CPU libraries ------===//
//
// Code compiled by the CPU pipeline allocates its buffers (results and
// temporaries) through MLIR's generic allocation functions
// (`finalize-memref-to-llvm{use-generic-functions}`), defined here. Large
// buffers are placed on transparent huge pages: a fresh 128 MiB buffer
// then costs 64 page faults instead of 32768, which on virtual machines is
// the difference between about 10 ms and 400 ms. Every buffer comes from
// the C allocator, so callers free results with free(), as documented.
//
//===----------------------------------------------------------------------===//

#include <cstdint>
#include <cstdlib>
#include <sys/mman.h>

namespace {
/// The transparent huge page size of x86-64 and AArch64 (4 KiB granules).
constexpr size_t kHugePage = size_t(2) << 20;
} // namespace

extern "C" {

void *_mlir_memref_to_llvm_alloc(uint64_t size) {
  if (size >= kHugePage) {
    void *buffer = nullptr;
    if (posix_memalign(&buffer, kHugePage, size) == 0) {
      // Advice only: without THP support the buffer is an ordinary one.
      madvise(buffer, size, MADV_HUGEPAGE);
      return buffer;
    }
  }
  return std::malloc(size);
}

void _mlir_memref_to_llvm_free(void *buffer) { std::free(buffer); }

} // extern "C"
