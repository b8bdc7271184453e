//===- GpuEmulator.cpp - the warp collectives of emulated GPU kernels -----===//
//
// `ssm-emulate-gpu` runs a kernel's block as an OpenMP team, a CPU thread
// per GPU thread, and turns the warp-level operations into calls of the
// functions here: shuffles, `ldmatrix` and `mma.sync` (m16n8k16, f16/bf16
// operands, f32 accumulators). Each is an exchange among the 32 threads of
// a warp: every lane deposits its part in the warp's slots, waits for the
// others, computes its own result from the slots, and waits again before
// the slots are reused. Blocks run one at a time, so the slots are global.
// So is `vote.sync`. A warpgroup's `wgmma.mma_async` with both operands in
// shared memory needs no exchange: each thread computes its own
// accumulators when it issues it (as if the warpgroup waited for it at
// once); with A from registers, a warp's lanes exchange their A registers
// (its 16 rows) first.
//
// The fragment layouts are those of the PTX ISA (see
// lib/Conversion/SSMToGPU/MmaFragments.h): in a warp, lane l is in group
// g = l / 4 at position t = l % 4.
//
//===----------------------------------------------------------------------===//

#include "ssm/Runtime/GpuEmulator.h"

#include "ssm/Runtime/SharedBanks.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include <linux/futex.h>
#include <sched.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

namespace {
constexpr int64_t kWarpSize = 32;
constexpr int64_t kMaxThreads = 1024;

/// One warp's meeting point.
struct alignas(64) Warp {
  std::atomic<uint32_t> arrived{0};
  /// Advanced when the last lane arrives; waiters sleep on it (a futex).
  std::atomic<uint32_t> generation{0};
  /// What each lane deposits: a shuffled value, mma.sync fragments.
  uint32_t words[kWarpSize][kSsmEmuMmaWords];
  /// ldmatrix row addresses.
  uint64_t addresses[kWarpSize];
};
static_assert(sizeof(std::atomic<uint32_t>) == sizeof(uint32_t),
              "futexes need plain 32-bit words");

Warp warps[kMaxThreads / kWarpSize];

void recordError(const char *message);

/// Race detection on shared memory. A GPU thread's clock: the barriers and
/// the warp-level operations it has passed in its block (a block's
/// generation tells a new block's start). Two accesses of a word by
/// threads p and q are ordered when p = q, a barrier lies between them,
/// or p and q share a warp and a warp-level operation lies between them;
/// unordered accesses of which one writes are a race.
std::atomic<uint32_t> blockGeneration{0};
struct Clock {
  uint32_t generation = ~0u, epoch = 0, warpEpoch = 0;
};
thread_local Clock clock;
struct Shadow;
/// In a launch with wgmma: the units of shared memory the thread wrote
/// since its last fence.proxy.async, in the current block (cleared when a
/// new block, or a new launch, starts: see ssmEmuSharedUnregister).
thread_local std::vector<Shadow *> unfencedWrites;
/// Whether the current launch tracks fence.proxy.async (it has wgmma).
std::atomic<bool> asyncProxy{false};
/// The calling GPU thread's wgmma bookkeeping: whether a wgmma.fence came
/// since its last wgmma.wait_group (or its start), its wgmma since its
/// last commit, and its committed groups that no wait completed; and how
/// many fences, commits and waits it executed.
struct Wgmmas {
  bool fenced = false;
  int32_t uncommitted = 0, groups = 0;
  uint64_t fences = 0, commits = 0, waits = 0;
};
thread_local Wgmmas wgmmas;
/// A warpgroup's threads' counts of wgmma.fence, commit_group and
/// wait_group, compared when they end (ssmEmuWgmmaDrain): the first to
/// end leaves its own, the last resets them for the next block.
constexpr int64_t kWarpgroupSize = 128;
constexpr uint64_t kNoTally = ~uint64_t(0);
struct Tally {
  std::atomic<uint32_t> ended{0};
  std::atomic<uint64_t> fences{kNoTally}, commits{kNoTally}, waits{kNoTally};
};
Tally tallies[kMaxThreads / kWarpgroupSize];
Clock &clockNow() {
  uint32_t generation = blockGeneration.load(std::memory_order_relaxed);
  if (clock.generation != generation) {
    clock = {generation, 0, 0};
    unfencedWrites.clear();
  }
  return clock;
}

/// The cp.async copies a GPU thread has in flight (its CPU thread's), in
/// issue order, and where each committed group ends in that list.
struct AsyncCopy {
  uint8_t *dst;
  int32_t bytes;
  uint8_t data[16];
  /// The issuing thread's clock then: the copy may land from then on.
  Clock issued;
};
struct AsyncCopies {
  std::vector<AsyncCopy> copies;
  std::vector<size_t> groupEnds;
};
thread_local AsyncCopies inFlight;

/// What is known of a 2-byte unit of shared memory in the current block:
/// its last writer, and its readers since, in the latest barrier epoch
/// that had any: those of one warp (the lanes that read at the newest
/// warp epoch of theirs), or of several warps.
struct Shadow {
  std::atomic_flag lock = ATOMIC_FLAG_INIT;
  uint32_t generation = ~0u;
  int32_t writer = -1;
  uint32_t writeEpoch = 0, writeWarpEpoch = 0;
  enum : uint8_t { kNone, kOneWarp, kWarps } readers = kNone;
  uint32_t readEpoch = 0;
  int32_t readWarp = 0;
  uint32_t readWarpEpoch = 0, lanes = 0;
  /// Written by a thread that has not executed fence.proxy.async since:
  /// wgmma (the async proxy) may not see the write yet. Else, the barrier
  /// epoch of the writer's fence: readers of other threads must have
  /// passed a barrier since.
  bool unfenced = false;
  uint32_t fenceEpoch = 0;
};
struct SharedRange {
  uint64_t base, bytes;
  std::unique_ptr<Shadow[]> units;
};
std::vector<SharedRange> sharedRanges;
/// The launch's shared memory (see ssmEmuSharedArena).
uint64_t arenaBase = 0, arenaBytes = 0;
std::atomic<bool> raceReported{false};

void reportRace(const char *kind, int64_t p, int64_t q, uint64_t offset,
                const Clock &now) {
  if (!raceReported.exchange(true))
    std::fprintf(stderr,
                 "ssm gpu emulator: error: a data race on shared memory (%s): "
                 "threads %lld and %lld at byte %llu between the same "
                 "barriers (barrier %u of the block)\n",
                 kind, static_cast<long long>(p), static_cast<long long>(q),
                 static_cast<unsigned long long>(offset), now.epoch);
  recordError("a data race on shared memory: two threads access a word "
              "between the same barriers, one of them writing");
}

/// Thread q's access of `unit` (at byte `offset`) at clock `now`:
/// reports what it races with, then records it.
void access(Shadow &unit, uint64_t offset, int64_t q, const Clock &now,
            bool write) {
  int32_t warp = static_cast<int32_t>(q / kWarpSize);
  uint32_t lane = uint32_t(1) << (q % kWarpSize);
  if (unit.generation != now.generation) {
    unit.generation = now.generation;
    unit.writer = -1;
    unit.readers = Shadow::kNone;
    unit.unfenced = false;
    unit.fenceEpoch = 0;
  }
  // The last write: ordered by the same thread, a barrier, or (one warp)
  // a warp-level operation between.
  if (unit.writer >= 0 && unit.writer != q &&
      unit.writeEpoch >= now.epoch &&
      (unit.writer / kWarpSize != q / kWarpSize ||
       unit.writeWarpEpoch >= now.warpEpoch))
    reportRace(write ? "write after write" : "read after write", unit.writer,
               q, offset, now);
  bool sameEpoch =
      unit.readers != Shadow::kNone && unit.readEpoch >= now.epoch;
  if (write) {
    // The reads of this epoch: of other warps, or of other lanes of this
    // warp with no warp-level operation since.
    bool racy = sameEpoch &&
                (unit.readers == Shadow::kWarps || unit.readWarp != warp ||
                 (unit.readWarpEpoch >= now.warpEpoch &&
                  (unit.lanes & ~lane) != 0));
    if (racy)
      reportRace("write after read", unit.readWarp * kWarpSize, q, offset,
                 now);
    if (asyncProxy.load(std::memory_order_relaxed)) {
      if (!unit.unfenced || unit.writer != static_cast<int32_t>(q))
        unfencedWrites.push_back(&unit);
      unit.unfenced = true;
    }
    unit.writer = static_cast<int32_t>(q);
    unit.writeEpoch = now.epoch;
    unit.writeWarpEpoch = now.warpEpoch;
    unit.readers = Shadow::kNone;
    return;
  }
  if (!sameEpoch) {
    unit.readers = Shadow::kOneWarp;
    unit.readEpoch = now.epoch;
    unit.readWarp = warp;
    unit.readWarpEpoch = now.warpEpoch;
    unit.lanes = lane;
  } else if (unit.readers == Shadow::kOneWarp && unit.readWarp == warp) {
    if (now.warpEpoch > unit.readWarpEpoch) {
      unit.readWarpEpoch = now.warpEpoch;
      unit.lanes = lane;
    } else if (now.warpEpoch == unit.readWarpEpoch) {
      unit.lanes |= lane;
    }
  } else {
    unit.readers = Shadow::kWarps;
  }
}

/// The range of shared memory that holds `address`, if any.
SharedRange *rangeOf(uint64_t address) {
  for (SharedRange &range : sharedRanges)
    if (address >= range.base && address < range.base + range.bytes)
      return &range;
  return nullptr;
}

/// Locks the units of `range` that bytes [address, address + bytes) touch,
/// one at a time, for `body(unit, offset of the unit)`.
template <typename Body>
void forUnits(SharedRange &range, uint64_t address, int64_t bytes,
              Body body) {
  uint64_t units = (range.bytes + 1) / 2;
  uint64_t first = (address - range.base) / 2;
  uint64_t last = std::min<uint64_t>(
      (address - range.base + uint64_t(std::max<int64_t>(bytes, 1)) - 1) / 2,
      units - 1);
  for (uint64_t i = first; i <= last; ++i) {
    Shadow &unit = range.units[i];
    while (unit.lock.test_and_set(std::memory_order_acquire))
      sched_yield();
    body(unit, 2 * i);
    unit.lock.clear(std::memory_order_release);
  }
}

/// Records thread q's access of `bytes` at `address`, if shared.
void sharedAccess(int64_t q, uint64_t address, int64_t bytes, bool write) {
  SharedRange *range = rangeOf(address);
  if (!range)
    return;
  const Clock &now = clockNow();
  forUnits(*range, address, bytes, [&](Shadow &unit, uint64_t offset) {
    access(unit, offset, q, now, write);
  });
}

[[noreturn]] void fail(const char *message, int64_t value);

/// How long a lane waits for the rest of its warp before the run is
/// declared stuck (a warp-level operation that only some lanes reach:
/// undefined on the GPU, a deadlock here): $SSM_EMULATOR_TIMEOUT seconds,
/// 60 by default.
std::chrono::seconds stuckAfter() {
  const char *text = std::getenv("SSM_EMULATOR_TIMEOUT");
  long seconds = text ? std::strtol(text, nullptr, 10) : 0;
  return std::chrono::seconds(seconds > 0 ? seconds : 60);
}

uint32_t *futexWord(std::atomic<uint32_t> &word) {
  return reinterpret_cast<uint32_t *>(&word);
}

/// The threads of `thread`'s unit of `unit` threads (a warp, a warpgroup)
/// in a block of `threads`: `unit`, or fewer in a last, partial one.
int64_t threadsInUnit(int64_t thread, int64_t threads, int64_t unit) {
  return std::min(unit, threads - thread / unit * unit);
}

/// Waits until every thread of `thread`'s warp (of a block of `threads`)
/// has arrived; what the warp's lanes wrote before is visible after.
void warpBarrier(int64_t thread, int64_t threads) {
  Warp &warp = warps[thread / kWarpSize];
  uint32_t size =
      static_cast<uint32_t>(threadsInUnit(thread, threads, kWarpSize));
  uint32_t generation = warp.generation.load(std::memory_order_acquire);
  if (warp.arrived.fetch_add(1, std::memory_order_acq_rel) + 1 == size) {
    warp.arrived.store(0, std::memory_order_relaxed);
    warp.generation.fetch_add(1, std::memory_order_release);
    syscall(SYS_futex, futexWord(warp.generation), FUTEX_WAKE_PRIVATE,
            INT32_MAX, nullptr, nullptr, 0);
    return;
  }
  // A few yields first: on a loaded machine the warp often completes
  // within them, without a sleep.
  for (int spin = 0; spin < 16; ++spin) {
    if (warp.generation.load(std::memory_order_acquire) != generation)
      return;
    sched_yield();
  }
  auto deadline = std::chrono::steady_clock::now() + stuckAfter();
  while (warp.generation.load(std::memory_order_acquire) == generation) {
    // Sleeps while the word still holds `generation`, a second at most.
    timespec slice = {1, 0};
    syscall(SYS_futex, futexWord(warp.generation), FUTEX_WAIT_PRIVATE,
            generation, &slice, nullptr, 0);
    if (std::chrono::steady_clock::now() > deadline)
      fail("the lanes of a warp did not all reach a warp-level operation "
           "(shuffle, ldmatrix, mma.sync) in time ($SSM_EMULATOR_TIMEOUT, "
           "60 s by default): one that only some lanes run? thread",
           thread);
  }
}

/// The first error of an emulated kernel since ssmEmuTakeError().
std::atomic<const char *> firstError{nullptr};

void recordError(const char *message) {
  const char *none = nullptr;
  firstError.compare_exchange_strong(none, message);
}

[[noreturn]] void fail(const char *message, int64_t value) {
  std::fprintf(stderr, "ssm gpu emulator: error: %s (%lld)\n", message,
               static_cast<long long>(value));
  std::abort();
}

float halfToFloat(uint16_t h) {
  uint32_t sign = uint32_t(h >> 15) << 31, exponent = (h >> 10) & 0x1f,
           mantissa = h & 0x3ff, bits;
  if (exponent == 0x1f) {
    bits = sign | 0x7f800000u | (mantissa << 13);
  } else if (exponent != 0) {
    bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
  } else if (mantissa == 0) {
    bits = sign;
  } else { // subnormal: normalise
    int shift = 0;
    while (!(mantissa & 0x400)) {
      mantissa <<= 1;
      ++shift;
    }
    bits = sign | (uint32_t(113 - shift) << 23) | ((mantissa & 0x3ff) << 13);
  }
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

float bf16ToFloat(uint16_t h) {
  uint32_t bits = uint32_t(h) << 16;
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

/// Element `e` (0: the low half) of a register holding two 16-bit values.
float element(uint32_t word, int e, bool bf16) {
  auto half = static_cast<uint16_t>(word >> (16 * e));
  return bf16 ? bf16ToFloat(half) : halfToFloat(half);
}

uint32_t load32(uint64_t address) {
  uint32_t word;
  std::memcpy(&word, reinterpret_cast<const void *>(address), 4);
  return word;
}

uint16_t load16(uint64_t address) {
  uint16_t half;
  std::memcpy(&half, reinterpret_cast<const void *>(address), 2);
  return half;
}
} // namespace

/// wgmma m64nNk16 of the thread (ssmEmuWgmma, ssmEmuWgmmaRegisters): A
/// from shared memory as `descA` gives it or, with `registers`, from the
/// words that its warp's lanes deposited there; B as `descB` gives it,
/// k-major or, with `transposeB`, MN-major.
static void wgmma(int64_t thread, int64_t threads, float *own, int64_t descA,
                  const Warp *registers, int64_t descB, int32_t n, int32_t kind,
                  int32_t scaleD, bool transposeB) {
  if (n < 8 || n > 256 || n % 8 != 0) {
    recordError("wgmma with an n other than a multiple of 8 up to 256");
    return;
  }
  if (thread / 128 * 128 + 128 > threads) {
    recordError("wgmma in a block whose threads are not whole warpgroups "
                "(128 threads)");
    return;
  }
  // The fields of a matrix descriptor (PTX ISA, "Matrix Descriptor
  // Format"): start address, leading (k) and stride (m or n) byte offsets,
  // each in 16-byte units; base offset; swizzle mode.
  struct Matrix {
    uint64_t start, leading, stride;
  };
  auto decode = [](int64_t descriptor, Matrix &m) {
    auto d = static_cast<uint64_t>(descriptor);
    m.start = (d & 0x3fff) << 4;
    m.leading = ((d >> 16) & 0x3fff) << 4;
    m.stride = ((d >> 32) & 0x3fff) << 4;
    return ((d >> 49) & 7) == 0 && (d >> 62) == 0;
  };
  Matrix a{}, b;
  if ((!registers && !decode(descA, a)) || !decode(descB, b)) {
    recordError("wgmma with a swizzled matrix descriptor or a base offset "
                "(only unswizzled operands are emulated)");
    return;
  }
  if (arenaBytes == 0) {
    recordError("wgmma in a launch without shared memory");
    return;
  }
  // Its accumulators are registers that other instructions may have
  // written since the last wait: a wgmma.fence must come first.
  if (!wgmmas.fenced)
    recordError("wgmma without a wgmma.fence since the thread's start or "
                "its last wgmma.wait_group");
  ++wgmmas.uncommitted;
  bool bf16 = kind == kSsmEmuMmaBF16;
  // Element (row, k) of an operand without swizzle: 8 x 8 core matrices,
  // `stride` apart along the rows (m or n) and `leading` apart along k;
  // k-major, each of 8 rows of 16 bytes along k, else (`mn`) of 8 k of 16
  // bytes along the rows. Its read is one by the async proxy, of one shared
  // buffer (each operand's elements in the same one): visible if its
  // writer fenced it before a barrier this thread passed since (or is
  // this thread, and fenced it).
  bool outside = false, unfenced = false;
  const Clock &now = clockNow();
  auto at = [&](const Matrix &m, SharedRange *&buffer, int64_t row, int64_t k,
                bool mn) {
    uint64_t offset = m.start + uint64_t(row / 8) * m.stride +
                      uint64_t(k / 8) * m.leading +
                      (mn ? uint64_t(k % 8) * 16 + uint64_t(row % 8) * 2
                          : uint64_t(row % 8) * 16 + uint64_t(k % 8) * 2);
    uint64_t address = arenaBase + offset;
    SharedRange *range = rangeOf(address);
    if (!buffer)
      buffer = range;
    if (offset + 2 > arenaBytes || !range || range != buffer ||
        address + 2 > range->base + range->bytes) {
      outside = true;
      return 0.0f;
    }
    forUnits(*range, address, 2, [&](Shadow &unit, uint64_t unitOffset) {
      access(unit, unitOffset, thread, now, false);
      unfenced |=
          unit.generation == now.generation &&
          (unit.unfenced ||
           (unit.writer >= 0 && unit.writer != static_cast<int32_t>(thread) &&
            unit.fenceEpoch >= now.epoch));
    });
    uint16_t bits = load16(address);
    return bf16 ? bf16ToFloat(bits) : halfToFloat(bits);
  };
  SharedRange *aBuffer = nullptr, *bBuffer = nullptr;
  // This thread's accumulators (those of mma.sync's C for each 8 columns):
  // rows 16w + g and 16w + g + 8 of its warp w in the warpgroup, columns
  // 8j + 2t and 8j + 2t + 1.
  int64_t w = thread % 128 / kWarpSize, lane = thread % kWarpSize, g = lane / 4,
          t = lane % 4;
  // A (row, k) from registers: mma.sync's A for the warp's rows 16w..,
  // lane (row % 8, k % 8 / 2), register row % 16 / 8 + 2 (k / 8).
  auto aAt = [&](int64_t row, int64_t k) {
    if (!registers)
      return at(a, aBuffer, row, k, false);
    int64_t r = row % 16;
    uint32_t word = registers->words[(r % 8) * 4 + (k % 8) / 2]
                                    [kSsmEmuMmaAWord + r / 8 + 2 * (k / 8)];
    return element(word, k % 2, bf16);
  };
  for (int32_t i = 0; i < n / 2; ++i) {
    int64_t row = 16 * w + g + 8 * (i % 4 / 2),
            col = 8 * (i / 4) + 2 * t + i % 2;
    float sum = scaleD ? own[i] : 0.0f;
    for (int64_t k = 0; k < 16; ++k)
      sum += aAt(row, k) * at(b, bBuffer, col, k, transposeB);
    own[i] = sum;
  }
  if (outside)
    recordError("wgmma reads an operand outside the block's shared buffers "
                "(or across two of them)");
  if (unfenced)
    recordError("wgmma reads shared memory that a thread wrote without a "
                "fence.proxy.async after the write and a barrier after "
                "that (the async proxy may not see it)");
}

extern "C" {

/// Called by every thread at the start of a block run by a team of
/// `teamSize` threads: the team must have a thread per GPU thread.
void ssmEmuEnterBlock(int64_t threads, int64_t teamSize) {
  if (threads > kMaxThreads)
    fail("a block has more threads than a GPU allows", threads);
  if (teamSize != threads)
    fail("the OpenMP runtime gave a block fewer threads than it has (is "
         "OMP_THREAD_LIMIT set, or does the launch run inside another "
         "parallel region?)",
         teamSize);
}

const char *ssmEmuTakeError(void) {
  raceReported = false;
  return firstError.exchange(nullptr);
}

/// gpu.shuffle of a 32-bit `value`.
/// As MLIR lowers it to shfl.sync: the first `width` lanes take part
/// (membermask), the clamp is width - 1 (32 - width for up) and there are
/// no segments. Returns the value in the low 32 bits and `valid` in bit 32.
int64_t ssmEmuShuffle(int64_t thread, int64_t threads, int32_t value,
                      int32_t offset, int32_t width, int32_t mode) {
  Warp &warp = warps[thread / kWarpSize];
  int32_t lane = static_cast<int32_t>(thread % kWarpSize);
  warp.words[lane][0] = static_cast<uint32_t>(value);
  warpBarrier(thread, threads);
  int32_t b = offset & 31, source = lane;
  bool valid = false;
  if (width < 1 || width > 32) {
    recordError("gpu.shuffle with a width outside [1, 32]");
  } else if (lane >= width) {
    recordError("gpu.shuffle executed by a lane outside its width (not in "
                "shfl.sync's member mask: undefined on the GPU)");
  } else {
    int32_t clamp = mode == kSsmEmuShuffleUp ? (32 - width) & 31 : width - 1;
    switch (mode) {
    case kSsmEmuShuffleXor: source = lane ^ b; valid = source <= clamp; break;
    case kSsmEmuShuffleUp: source = lane - b; valid = source >= clamp; break;
    case kSsmEmuShuffleDown: source = lane + b; valid = source <= clamp; break;
    default: source = b; valid = source <= clamp; break;
    }
    // A source lane past the block's last thread does not exist.
    valid = valid && thread - lane + source < threads;
  }
  uint32_t result = valid ? warp.words[source][0]
                          : static_cast<uint32_t>(value);
  warpBarrier(thread, threads);
  ++clockNow().warpEpoch;
  return static_cast<int64_t>(result) | (int64_t(valid) << 32);
}

int32_t ssmEmuVote(int64_t thread, int64_t threads, int32_t predicate,
                   int32_t mask, int32_t kind) {
  Warp &warp = warps[thread / kWarpSize];
  int64_t lane = thread % kWarpSize;
  warp.words[lane][0] = predicate != 0;
  warpBarrier(thread, threads);
  int64_t lanes = threadsInUnit(thread, threads, kWarpSize);
  uint32_t ballot = 0;
  for (int64_t l = 0; l < lanes; ++l)
    ballot |= warp.words[l][0] << l;
  warpBarrier(thread, threads);
  ++clockNow().warpEpoch;
  if (mask != -1 || lanes != kWarpSize) {
    recordError("vote.sync with other than a whole warp in its member mask "
                "(undefined on the GPU where lanes are missing)");
    return 0;
  }
  switch (kind) {
  case kSsmEmuVoteAny:
    return ballot != 0;
  case kSsmEmuVoteAll:
    return ballot == ~0u;
  case kSsmEmuVoteUni:
    return ballot == 0 || ballot == ~0u;
  default:
    return static_cast<int32_t>(ballot);
  }
}

/// ldmatrix of `tiles` 8 x 8 matrices of 16-bit elements, lanes 8j..8j+7
/// giving the row addresses of matrix j; this lane's register j (its pair
/// of elements) goes to word j of `out`.
void ssmEmuLdmatrix(int64_t thread, int64_t threads, int64_t address,
                    int32_t tiles, int32_t transpose, int64_t out,
                    int32_t site, int64_t name) {
  Warp &warp = warps[thread / kWarpSize];
  int64_t lane = thread % kWarpSize, g = lane / 4, t = lane % 4;
  warp.addresses[lane] = static_cast<uint64_t>(address);
  if (lane < 8 * tiles) // (its row of 8 16-bit elements)
    sharedAccess(thread, static_cast<uint64_t>(address), 16, false);
  warpBarrier(thread, threads);
  ++clockNow().warpEpoch;
  if (lane == 0 && ssm::emu::banksEnabled())
    ssm::emu::bankLdmatrix(warp.addresses, tiles, site,
                           reinterpret_cast<const char *>(name));
  auto *result = reinterpret_cast<uint32_t *>(out);
  for (int32_t j = 0; j < tiles; ++j) {
    const uint64_t *rows = warp.addresses + 8 * j;
    if (!transpose) { // row g, columns 2t and 2t + 1
      result[j] = load32(rows[g] + 4 * t);
    } else { // rows 2t and 2t + 1, column g
      result[j] = uint32_t(load16(rows[2 * t] + 2 * g)) |
                  uint32_t(load16(rows[2 * t + 1] + 2 * g)) << 16;
    }
  }
  warpBarrier(thread, threads);
}

/// mma.sync m16n8k16 (row.col) of f16 or bf16 operands with f32
/// accumulators; `fragments` holds this lane's A and B registers and C
/// values (f32) as GpuEmulator.h lays them out; D replaces C.
void ssmEmuMma(int64_t thread, int64_t threads, int64_t fragments,
               int32_t kind) {
  Warp &warp = warps[thread / kWarpSize];
  int64_t lane = thread % kWarpSize, g = lane / 4, t = lane % 4;
  auto *own = reinterpret_cast<uint32_t *>(fragments);
  std::memcpy(warp.words[lane], own, sizeof(warp.words[lane]));
  warpBarrier(thread, threads);
  ++clockNow().warpEpoch;
  bool bf16 = kind == kSsmEmuMmaBF16;
  for (int64_t r = 0; r < 4; ++r) {
    int64_t row = g + 8 * (r / 2), col = 2 * t + r % 2;
    float sum;
    std::memcpy(&sum, &own[kSsmEmuMmaCWord + r], 4);
    for (int64_t k = 0; k < 16; ++k) {
      // A (row, k): lane (row % 8, k % 8 / 2), register row / 8 + 2 (k / 8).
      uint32_t a =
          warp.words[(row % 8) * 4 + (k % 8) / 2]
                    [kSsmEmuMmaAWord + row / 8 + 2 * (k / 8)];
      // B (k, col): lane (col, k % 8 / 2), register k / 8.
      uint32_t b =
          warp.words[col * 4 + (k % 8) / 2][kSsmEmuMmaBWord + k / 8];
      sum += element(a, k % 2, bf16) * element(b, k % 2, bf16);
    }
    std::memcpy(&own[kSsmEmuMmaCWord + r], &sum, 4);
  }
  warpBarrier(thread, threads);
}

void ssmEmuAsyncCopy(int64_t dst, int64_t src, int32_t bytes,
                     int32_t srcBytes) {
  if (bytes != 4 && bytes != 8 && bytes != 16) {
    recordError("cp.async of other than 4, 8 or 16 bytes");
    return;
  }
  AsyncCopy copy;
  copy.dst = reinterpret_cast<uint8_t *>(dst);
  copy.bytes = bytes;
  int32_t read = std::clamp(srcBytes, 0, bytes);
  std::memcpy(copy.data, reinterpret_cast<const uint8_t *>(src), read);
  std::memset(copy.data + read, 0, bytes - read);
  copy.issued = clockNow();
  inFlight.copies.push_back(copy);
}

void ssmEmuAsyncCommit(void) {
  inFlight.groupEnds.push_back(inFlight.copies.size());
}

void ssmEmuAsyncWait(int64_t thread, int32_t pending) {
  size_t groups = inFlight.groupEnds.size();
  if (pending < 0 || groups <= static_cast<size_t>(pending))
    return;
  size_t retired = groups - static_cast<size_t>(pending);
  size_t end = inFlight.groupEnds[retired - 1];
  const Clock &now = clockNow();
  for (size_t i = 0; i < end; ++i) {
    const AsyncCopy &copy = inFlight.copies[i];
    auto address = reinterpret_cast<uint64_t>(copy.dst);
    SharedRange *range = rangeOf(address);
    if (!range) {
      std::memcpy(copy.dst, copy.data, copy.bytes);
      continue;
    }
    // Unit by unit, under its lock: a write that may have landed any time
    // since the issue (it races with what other threads did since), seen
    // as of the wait. Bytes that are there already are no write (the
    // flash kernel's threads past a tile's end copy its last 16 bytes
    // again, as their tokens must exist).
    const Clock &issued = copy.issued;
    forUnits(*range, address, copy.bytes, [&](Shadow &unit, uint64_t offset) {
      uint8_t *at = reinterpret_cast<uint8_t *>(range->base + offset);
      const uint8_t *from = copy.data + (range->base + offset - address);
      if (std::memcmp(at, from, 2) == 0)
        return;
      access(unit, offset, thread,
             issued.generation == now.generation ? issued : now, true);
      unit.writeEpoch = now.epoch;
      unit.writeWarpEpoch = now.warpEpoch;
      std::memcpy(at, from, 2);
    });
  }
  inFlight.copies.erase(inFlight.copies.begin(),
                        inFlight.copies.begin() + end);
  inFlight.groupEnds.erase(inFlight.groupEnds.begin(),
                           inFlight.groupEnds.begin() + retired);
  for (size_t &groupEnd : inFlight.groupEnds)
    groupEnd -= end;
}

void ssmEmuWgmmaFence(void) {
  wgmmas.fenced = true;
  ++wgmmas.fences;
}

void ssmEmuWgmmaCommit(void) {
  ++wgmmas.groups;
  wgmmas.uncommitted = 0;
  ++wgmmas.commits;
}

void ssmEmuWgmmaWait(int32_t pending) {
  wgmmas.groups = std::min(wgmmas.groups, std::max(pending, 0));
  wgmmas.fenced = false;
  ++wgmmas.waits;
}

void ssmEmuWgmmaDrain(int64_t thread, int64_t threads) {
  if (wgmmas.uncommitted > 0 || wgmmas.groups > 0)
    recordError("a GPU thread ended with wgmma that no "
                "wgmma.wait_group completed");
  // The fence, commit_group and wait_group are the warpgroup's: all of its
  // threads execute each one (a branch that holds one must be uniform in
  // the warpgroup, not only in a warp), so their counts agree.
  Tally &tally = tallies[thread / kWarpgroupSize];
  bool agree = true;
  for (auto [shared, own] : {std::pair{&tally.fences, wgmmas.fences},
                             std::pair{&tally.commits, wgmmas.commits},
                             std::pair{&tally.waits, wgmmas.waits}}) {
    uint64_t expected = kNoTally;
    if (!shared->compare_exchange_strong(expected, own,
                                         std::memory_order_acq_rel))
      agree = agree && expected == own;
  }
  if (!agree)
    recordError("the threads of a warpgroup executed different numbers of "
                "wgmma.fence, wgmma.commit_group or wgmma.wait_group (one "
                "in a branch that is uniform in a warp but not in its "
                "warpgroup?)");
  uint32_t size =
      static_cast<uint32_t>(threadsInUnit(thread, threads, kWarpgroupSize));
  if (tally.ended.fetch_add(1, std::memory_order_acq_rel) + 1 == size) {
    tally.fences.store(kNoTally, std::memory_order_relaxed);
    tally.commits.store(kNoTally, std::memory_order_relaxed);
    tally.waits.store(kNoTally, std::memory_order_relaxed);
    tally.ended.store(0, std::memory_order_release);
  }
  wgmmas = Wgmmas();
}

void ssmEmuAsyncDrain(void) {
  if (!inFlight.copies.empty())
    recordError("a GPU thread ended with cp.async copies that no wait "
                "completed (their shared memory is never written)");
  inFlight.copies.clear();
  inFlight.groupEnds.clear();
}

void ssmEmuSharedRegister(int64_t base, int64_t bytes) {
  // Whatever a GPU's shared memory held before: ones bits, NaN in every
  // float type, so that a kernel that reads what it did not write shows.
  if (bytes > 0)
    std::memset(reinterpret_cast<void *>(base), 0xff,
                static_cast<size_t>(bytes));
  SharedRange range;
  range.base = static_cast<uint64_t>(base);
  range.bytes = static_cast<uint64_t>(std::max<int64_t>(bytes, 0));
  range.units.reset(new Shadow[range.bytes / 2 + 1]);
  sharedRanges.push_back(std::move(range));
}

void ssmEmuSharedUnregister(int64_t base) {
  // A new generation: no thread keeps pointers into the freed shadow (see
  // unfencedWrites).
  ++blockGeneration;
  for (size_t i = 0; i < sharedRanges.size(); ++i)
    if (sharedRanges[i].base == static_cast<uint64_t>(base)) {
      sharedRanges.erase(sharedRanges.begin() + i);
      return;
    }
}

void ssmEmuSharedBlock(void) {
  ++blockGeneration;
  if (ssm::emu::banksEnabled())
    ssm::emu::bankBlockEnd();
}

void ssmEmuBarrierPassed(void) { ++clockNow().epoch; }

void ssmEmuSharedAccess(int64_t thread, int64_t address, int32_t bytes,
                        int32_t write, int32_t site, int64_t name) {
  sharedAccess(thread, static_cast<uint64_t>(address), bytes, write != 0);
  if (ssm::emu::banksEnabled())
    ssm::emu::bankAccess(thread, static_cast<uint64_t>(address), bytes, site,
                         reinterpret_cast<const char *>(name));
}

void ssmEmuBankReport(int64_t launch) {
  if (ssm::emu::banksEnabled())
    ssm::emu::bankReport(reinterpret_cast<const char *>(launch), stderr);
}

void ssmEmuSharedArena(int64_t base, int64_t bytes, int32_t wgmma) {
  arenaBase = static_cast<uint64_t>(base);
  arenaBytes = static_cast<uint64_t>(std::max<int64_t>(bytes, 0));
  asyncProxy = wgmma != 0;
}

void ssmEmuProxyFence(int64_t thread) {
  const Clock &now = clockNow();
  for (Shadow *unit : unfencedWrites) {
    while (unit->lock.test_and_set(std::memory_order_acquire))
      sched_yield();
    if (unit->unfenced && unit->writer == static_cast<int32_t>(thread)) {
      unit->unfenced = false;
      unit->fenceEpoch = now.epoch;
    }
    unit->lock.clear(std::memory_order_release);
  }
  unfencedWrites.clear();
}

void ssmEmuWgmma(int64_t thread, int64_t threads, int64_t accumulators,
                 int64_t descA, int64_t descB, int32_t n, int32_t kind,
                 int32_t scaleD) {
  wgmma(thread, threads, reinterpret_cast<float *>(accumulators), descA,
        nullptr, descB, n, kind, scaleD, /*transposeB=*/false);
}

void ssmEmuWgmmaRegisters(int64_t thread, int64_t threads, int64_t fragments,
                          int64_t descB, int32_t n, int32_t kind,
                          int32_t scaleD, int32_t transposeB) {
  // A's rows of warp w are its lanes' registers (mma.sync's A): deposited
  // for the warp, read by each lane for its rows.
  Warp &warp = warps[thread / kWarpSize];
  auto *own = reinterpret_cast<uint32_t *>(fragments);
  std::memcpy(&warp.words[thread % kWarpSize][kSsmEmuMmaAWord], own,
              4 * sizeof(uint32_t));
  warpBarrier(thread, threads);
  ++clockNow().warpEpoch;
  wgmma(thread, threads, reinterpret_cast<float *>(own + 4), 0, &warp, descB, n,
        kind, scaleD, transposeB != 0);
  warpBarrier(thread, threads);
}

} // extern "C"
