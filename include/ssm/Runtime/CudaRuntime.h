/*===- CudaRuntime.h - libssm_runtime: running compiled modules on CUDA ---===*
 *
 * Libraries built by `ssm-compile --target=cuda` embed their kernels (a
 * fatbin) and call this runtime, through the CUDA driver API, to load them,
 * allocate device buffers and launch kernels (the `mgpu*` entry points that
 * MLIR's gpu-to-llvm lowering calls). Every buffer a compiled function
 * reads or returns is device memory; callers move their data with the
 * functions below. Errors are never fatal: they are printed to stderr
 * and kept for ssmrtLastError().
 *
 *===----------------------------------------------------------------------===*/

#ifndef SSM_RUNTIME_CUDARUNTIME_H
#define SSM_RUNTIME_CUDARUNTIME_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* 1 when a CUDA device can be used (the driver loads and has a device). */
int ssmrtAvailable(void);
/* The last error, or "" (valid until the next runtime call). */
const char *ssmrtLastError(void);
/* Device memory; NULL on error (or for 0 bytes). Freed buffers (these
 * and those of compiled functions) are kept for later allocations of the
 * same size, after the device's work is done; ssmrtReleaseCachedBuffers()
 * returns them to the driver, as does an allocation that would not fit
 * otherwise. */
void *ssmrtAlloc(size_t bytes);
void ssmrtFree(void *device);
void ssmrtReleaseCachedBuffers(void);
/* Copies between host and device memory; 0 on success. */
int ssmrtCopyToDevice(void *device, const void *host, size_t bytes);
int ssmrtCopyToHost(void *host, const void *device, size_t bytes);
/* Waits for all work on the device; 0 on success, 1 when that or any
 * runtime call since the previous ssmrtSynchronize() failed (a kernel that
 * did not load or launch). */
int ssmrtSynchronize(void);

#ifdef __cplusplus
}
#endif

#endif /* SSM_RUNTIME_CUDARUNTIME_H */
