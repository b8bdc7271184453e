//===- CpuRuntime.cpp - libssm_cpu_runtime: buffers of CPU libraries ------===//
//
// Code compiled by the CPU pipeline allocates its buffers (results and
// temporaries) through MLIR's generic allocation functions
// (`finalize-memref-to-llvm{use-generic-functions}`), defined here. Large
// buffers are placed on transparent huge pages: a fresh 128 MiB buffer
// then costs 64 page faults instead of 32768, which on virtual machines is
// the difference between about 10 ms and 400 ms. Every buffer comes from
// malloc, so callers free results with free(), as documented, and a buffer
// of a repeated call reuses the memory the previous call freed (2 MiB
// aligned allocations did not: in some processes every call faulted in
// fresh huge pages again, 3x slower for monarch at 1024 rows).
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
  void *buffer = std::malloc(size);
  if (buffer && size >= 2 * kHugePage) {
    // Advice only, on the whole huge pages inside the buffer: without THP
    // support the buffer is an ordinary one. (An aligned allocation would
    // cover the first and last pages too, but on a heap shared with other
    // allocations its alignment padding lets the same request land on fresh
    // memory call after call, faulting every time.)
    uintptr_t begin = reinterpret_cast<uintptr_t>(buffer);
    uintptr_t first = (begin + kHugePage - 1) & ~(kHugePage - 1);
    uintptr_t last = (begin + size) & ~(kHugePage - 1);
    if (last > first)
      madvise(reinterpret_cast<void *>(first), last - first, MADV_HUGEPAGE);
  }
  return buffer;
}

void _mlir_memref_to_llvm_free(void *buffer) { std::free(buffer); }

} // extern "C"
