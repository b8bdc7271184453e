//===- GpuEmulator.h - warp collectives of emulated GPU kernels -*- C++ -*-===//
//
// The functions of libssm_cpu_runtime that `ssm-emulate-gpu` makes kernels
// call (see lib/Runtime/GpuEmulator.cpp). `thread` is the calling thread's
// index in its block, `threads` the block's size; every thread of a warp
// calls the same function at the same point, as on the GPU. Addresses are
// passed as integers.
//
//===----------------------------------------------------------------------===//

#ifndef SSM_RUNTIME_GPUEMULATOR_H
#define SSM_RUNTIME_GPUEMULATOR_H

#include <cstdint>

/// What the emulated kernels and the runtime agree on: `mode` of
/// ssmEmuShuffle, `kind` of ssmEmuMma, and the words of an mma.sync's
/// fragments in its exchange buffer (A, then B, then C, which D replaces).
enum SsmEmuShuffleMode : int32_t {
  kSsmEmuShuffleXor = 0,
  kSsmEmuShuffleUp = 1,
  kSsmEmuShuffleDown = 2,
  kSsmEmuShuffleIdx = 3,
};
enum SsmEmuMmaKind : int32_t { kSsmEmuMmaF16 = 0, kSsmEmuMmaBF16 = 1 };
enum SsmEmuVoteKind : int32_t {
  kSsmEmuVoteAny = 0,
  kSsmEmuVoteAll = 1,
  kSsmEmuVoteUni = 2,
  kSsmEmuVoteBallot = 3,
};
constexpr int32_t kSsmEmuMmaAWord = 0, kSsmEmuMmaBWord = 4,
                  kSsmEmuMmaCWord = 6, kSsmEmuMmaWords = 10;

extern "C" {
/// Checks, in each thread of a block's team, that the team has a thread
/// per GPU thread (aborts with a message otherwise).
void ssmEmuEnterBlock(int64_t threads, int64_t teamSize);
/// gpu.shuffle of a 32-bit value (`mode` an SsmEmuShuffleMode), with the
/// semantics of MLIR's lowering to shfl.sync (lanes [0, width)
/// take part). The value is in the low 32 bits of the result, `valid` in
/// bit 32. A lane outside the width is an error (ssmEmuTakeError()).
int64_t ssmEmuShuffle(int64_t thread, int64_t threads, int32_t value,
                      int32_t offset, int32_t width, int32_t mode);
/// vote.sync over the thread's warp with the full member mask (`mask` must
/// be all ones, and the warp whole: else an error), `kind` an
/// SsmEmuVoteKind: any, all, uni (1 or 0), or the ballot (bit l for lane
/// l's non-zero `predicate`).
int32_t ssmEmuVote(int64_t thread, int64_t threads, int32_t predicate,
                   int32_t mask, int32_t kind);
/// The first error an emulated kernel made since the last call (null if
/// none); clears it.
const char *ssmEmuTakeError(void);
/// ldmatrix (b16) of `tiles` 8 x 8 matrices from the row addresses lanes
/// 8j..8j+7 give for matrix j; register j goes to word j of `out`.
/// `site` and `name` (a C string) tell the static ldmatrix for
/// ssmEmuBankReport().
void ssmEmuLdmatrix(int64_t thread, int64_t threads, int64_t address,
                    int32_t tiles, int32_t transpose, int64_t out,
                    int32_t site, int64_t name);
/// mma.sync m16n8k16 row.col, f16 or bf16 operands (`kind` an
/// SsmEmuMmaKind), f32 accumulators: `fragments` holds A's four registers
/// from word kSsmEmuMmaAWord, B's two from kSsmEmuMmaBWord and C's four
/// from kSsmEmuMmaCWord, and D replaces C.
void ssmEmuMma(int64_t thread, int64_t threads, int64_t fragments,
               int32_t kind);
/// wgmma.mma_async m64nNk16 (`n` a multiple of 8 up to 256), f16 or bf16
/// operands (`kind` an SsmEmuMmaKind) in shared memory, k-major without
/// swizzle as the matrix descriptors `descA` and `descB` give them, f32
/// accumulators: the thread's n / 2 accumulators (words 0.. of
/// `accumulators`) become A B + D, or A B without `scaleD`. Computed at
/// once, as if the warpgroup waited for it (a missing wgmma.fence or
/// wait shows nowhere). The descriptors' addresses are offsets in the
/// launch's shared memory (ssmEmuSharedArena). The reads count for race
/// detection. Errors: a block that is not whole warpgroups; an operand
/// outside the registered shared buffers or across two of them; reading
/// what another thread wrote unless that thread called
/// ssmEmuProxyFence() after the write and this thread has passed a
/// barrier since (the thread itself: unless it called it).
void ssmEmuWgmma(int64_t thread, int64_t threads, int64_t accumulators,
                 int64_t descA, int64_t descB, int32_t n, int32_t kind,
                 int32_t scaleD);
/// wgmma.mma_async m64nNk16 as ssmEmuWgmma, with A from registers: words
/// 0..3 of `fragments` are the thread's A registers (laid out as
/// mma.sync's A, for the 16 rows of its warp), its n / 2 accumulators
/// follow. B is k-major or, with `transposeB`, MN-major. Every lane of
/// the warp takes part.
void ssmEmuWgmmaRegisters(int64_t thread, int64_t threads, int64_t fragments,
                          int64_t descB, int32_t n, int32_t kind,
                          int32_t scaleD, int32_t transposeB);
/// wgmma.fence, wgmma.commit_group and wgmma.wait_group of the calling
/// thread (`pending` groups may stay). A wgmma before a fence since the
/// thread's start or its last wait, or a thread that ends (the drain)
/// with wgmma that no wait completed, is an error; so are threads of a
/// warpgroup (`thread` of a block of `threads`) that end having executed
/// different numbers of them, which are the warpgroup's. (Each wgmma is done
/// when issued: ssm-emulate-gpu checks that its accumulators are read
/// only after a wait_group that completes it; writing an operand's shared
/// memory before the wait shows nowhere.)
void ssmEmuWgmmaFence(void);
void ssmEmuWgmmaCommit(void);
void ssmEmuWgmmaWait(int32_t pending);
void ssmEmuWgmmaDrain(int64_t thread, int64_t threads);
/// fence.proxy.async of thread `thread`: its shared memory writes so far
/// are visible to wgmma (of other threads, after a barrier).
void ssmEmuProxyFence(int64_t thread);
/// The launch's shared memory, all of it: `bytes` at `base`, which is
/// aligned to 2^18 bytes where the kernel has wgmma (`wgmma` != 0: its
/// matrix descriptors' 18-bit shared addresses are offsets from it, and
/// writes are tracked for ssmEmuProxyFence()). (0, 0, 0) after the launch.
void ssmEmuSharedArena(int64_t base, int64_t bytes, int32_t wgmma);
/// cp.async of `bytes` (4, 8 or 16) to `dst`: the first `srcBytes` from
/// `src` (read now), zeros for the rest, written to `dst` when a wait
/// retires its group. The calling CPU thread keeps it in flight: it stands
/// for one GPU thread.
void ssmEmuAsyncCopy(int64_t dst, int64_t src, int32_t bytes,
                     int32_t srcBytes);
/// Commits the calling thread's copies since its last commit as a group.
void ssmEmuAsyncCommit(void);
/// Completes the calling thread's committed groups but the newest
/// `pending` ones (cp.async.wait_group); the copies are writes of GPU
/// thread `thread` for race detection.
void ssmEmuAsyncWait(int64_t thread, int32_t pending);
/// At the end of a GPU thread: copies still in flight (committed or not)
/// are an error (ssmEmuTakeError()), and are dropped.
void ssmEmuAsyncDrain(void);

/// Race detection on shared memory, for kernels whose blocks run as
/// teams: a launch registers its shared buffers (and unregisters them
/// after its blocks), each block starts with ssmEmuSharedBlock(), each
/// thread calls ssmEmuBarrierPassed() after each barrier and
/// ssmEmuSharedAccess() before each load (write = 0) or store (write = 1)
/// of `bytes` at `address`; ldmatrix reads and the writes of cp.async
/// copies count too. Two accesses of the same 2 bytes by different
/// threads, one of them a write, with no barrier between them (nor a
/// warp-level operation, for threads of one warp) are an error
/// (ssmEmuTakeError(); the first is described on stderr). Registering
/// fills a buffer with ones bits (NaN in every float type), as a GPU's
/// shared memory holds whatever it held: reads of what a kernel did not
/// write show in its results.
void ssmEmuSharedRegister(int64_t base, int64_t bytes);
void ssmEmuSharedUnregister(int64_t base);
void ssmEmuSharedBlock(void);
void ssmEmuBarrierPassed(void);
void ssmEmuSharedAccess(int64_t thread, int64_t address, int32_t bytes,
                        int32_t write, int32_t site, int64_t name);
/// Bank conflicts, with $SSM_EMULATOR_BANKS set (see
/// lib/Runtime/SharedBanks.cpp): the wavefronts of the launch's shared
/// memory accesses (each ssmEmuSharedAccess() and ssmEmuLdmatrix() names
/// its static access with a `site` number, unique in the module, and a C
/// string `name`) are printed on stderr, described as `launch` (a C
/// string), and the count starts again. Nothing without the variable.
void ssmEmuBankReport(int64_t launch);
}

#endif // SSM_RUNTIME_GPUEMULATOR_H
