//===- GpuEmulatorTest.cpp - the emulator's warp collectives --------------===//
//
// Each test runs a block's threads as std::threads calling the runtime, as
// an emulated kernel's OpenMP team does, and checks every lane's result
// against the PTX ISA's definition written out directly.
//
//===----------------------------------------------------------------------===//

#include "ssm/Runtime/GpuEmulator.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iterator>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

namespace {

/// Runs `body(thread)` for every thread of a block of `threads`.
void runBlock(int64_t threads, const std::function<void(int64_t)> &body) {
  std::vector<std::thread> team;
  for (int64_t t = 0; t < threads; ++t)
    team.emplace_back(body, t);
  for (std::thread &thread : team)
    thread.join();
}

int64_t addressOf(const void *p) { return reinterpret_cast<int64_t>(p); }

struct ShuffleCase {
  int64_t threads;
  int32_t mode, offset, width;
  /// The source lane of `lane`, or -1 where the result is not valid.
  std::function<int32_t(int32_t lane)> source;
};

TEST(GpuEmulatorTest, ShuffleModesAndWidths) {
  // MLIR lowers gpu.shuffle to shfl.sync with the first `width` lanes as
  // members and a clamp of width - 1 (32 - width for up). Blocks of 40
  // threads have a second warp of 8 lanes, whose sources past lane 7 do
  // not exist.
  std::vector<ShuffleCase> cases = {
      {40, kSsmEmuShuffleXor, 1, 32, [](int32_t l) { return l ^ 1; }},
      {40, kSsmEmuShuffleXor, 16, 32, [](int32_t l) { return l ^ 16; }},
      {40, kSsmEmuShuffleUp, 2, 32, [](int32_t l) { return l >= 2 ? l - 2 : -1; }},
      {40, kSsmEmuShuffleDown, 1, 32, [](int32_t l) { return l + 1 <= 31 ? l + 1 : -1; }},
      {40, kSsmEmuShuffleIdx, 3, 32, [](int32_t) { return 3; }},
      {16, kSsmEmuShuffleXor, 4, 16, [](int32_t l) { return l ^ 4; }},
      {16, kSsmEmuShuffleDown, 4, 16, [](int32_t l) { return l + 4 <= 15 ? l + 4 : -1; }},
      {8, kSsmEmuShuffleIdx, 9, 8, [](int32_t) { return -1; }},
  };
  for (const ShuffleCase &c : cases) {
    std::vector<int64_t> got(c.threads);
    runBlock(c.threads, [&](int64_t t) {
      got[t] = ssmEmuShuffle(t, c.threads, static_cast<int32_t>(100 + t),
                             c.offset, c.width, c.mode);
    });
    EXPECT_EQ(ssmEmuTakeError(), nullptr);
    for (int64_t t = 0; t < c.threads; ++t) {
      int64_t lane = t % 32;
      int32_t source = c.source(static_cast<int32_t>(lane));
      bool valid = source >= 0 && t - lane + source < c.threads;
      int64_t expected = (valid ? 100 + t - lane + source : 100 + t) |
                         (int64_t(valid) << 32);
      EXPECT_EQ(got[t], expected)
          << "mode " << c.mode << " offset " << c.offset << " width "
          << c.width << " thread " << t;
    }
  }
}

TEST(GpuEmulatorTest, VoteKinds) {
  // Two warps: in the first lanes 3 and 17 vote, in the second all do.
  auto predicate = [](int64_t t) {
    return t >= 32 || t == 3 || t == 17 ? 1 : 0;
  };
  for (int32_t kind :
       {kSsmEmuVoteAny, kSsmEmuVoteAll, kSsmEmuVoteUni, kSsmEmuVoteBallot}) {
    std::vector<int32_t> result(64);
    runBlock(64, [&](int64_t t) {
      result[t] = ssmEmuVote(t, 64, predicate(t), -1, kind);
    });
    EXPECT_EQ(ssmEmuTakeError(), nullptr);
    int32_t first = kind == kSsmEmuVoteBallot ? (1 << 3 | 1 << 17)
                    : kind == kSsmEmuVoteAny  ? 1
                                              : 0;
    int32_t second = kind == kSsmEmuVoteBallot ? -1 : 1;
    for (int64_t t = 0; t < 64; ++t)
      EXPECT_EQ(result[t], t < 32 ? first : second)
          << "kind " << kind << " thread " << t;
  }
}

TEST(GpuEmulatorTest, AVoteOfAPartialWarpIsAnError) {
  // 40 threads: the second warp has 8 lanes, but the member mask names 32.
  runBlock(40, [](int64_t t) { ssmEmuVote(t, 40, 1, -1, kSsmEmuVoteAny); });
  const char *error = ssmEmuTakeError();
  ASSERT_NE(error, nullptr);
  EXPECT_NE(std::string(error).find("vote.sync"), std::string::npos);
  // A mask of some lanes only, in a whole warp.
  runBlock(32, [](int64_t t) { ssmEmuVote(t, 32, 1, 0xffff, kSsmEmuVoteAny); });
  EXPECT_NE(ssmEmuTakeError(), nullptr);
}

TEST(GpuEmulatorTest, ShuffleByALaneOutsideItsWidthIsAnError) {
  runBlock(32, [](int64_t t) { ssmEmuShuffle(t, 32, 1, 1, 16, kSsmEmuShuffleXor); });
  const char *error = ssmEmuTakeError();
  ASSERT_NE(error, nullptr);
  EXPECT_NE(std::string(error).find("outside its width"), std::string::npos);
  EXPECT_EQ(ssmEmuTakeError(), nullptr);
}

TEST(GpuEmulatorTest, AWarpOperationThatSomeLanesMissStopsTheRun) {
  // One lane of a full warp shuffles alone: instead of waiting forever,
  // the emulator aborts with a message after $SSM_EMULATOR_TIMEOUT.
  setenv("SSM_EMULATOR_TIMEOUT", "1", /*overwrite=*/1);
  EXPECT_DEATH(ssmEmuShuffle(0, 32, 1, 1, 32, kSsmEmuShuffleXor),
               "did not all reach a warp-level operation");
  unsetenv("SSM_EMULATOR_TIMEOUT");
}

TEST(GpuEmulatorTest, ABlockWithoutAThreadPerGpuThreadStopsTheRun) {
  // Its warps could never complete: the emulator says why and stops.
  EXPECT_DEATH(ssmEmuEnterBlock(64, 32),
               "gave a block fewer threads than it has");
  EXPECT_DEATH(ssmEmuEnterBlock(2048, 2048),
               "more threads than a GPU allows");
  ssmEmuEnterBlock(96, 96);
}

TEST(GpuEmulatorTest, AsyncCopiesLandWhenAWaitRetiresTheirGroup) {
  int32_t source[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  int32_t shared[8] = {};
  // Group 1: source[0..4) (16 bytes); group 2: source[4..6) and 8 bytes
  // of which 4 are read (then zeros).
  ssmEmuAsyncCopy(addressOf(shared), addressOf(source), 16, 16);
  ssmEmuAsyncCommit();
  ssmEmuAsyncCopy(addressOf(shared + 4), addressOf(source + 4), 8, 8);
  ssmEmuAsyncCopy(addressOf(shared + 6), addressOf(source + 6), 8, 4);
  source[0] = 100; // (read when issued)
  for (int32_t v : shared)
    EXPECT_EQ(v, 0) << "a copy landed before any wait";
  ssmEmuAsyncWait(0, 0); // Group 2 is not committed: it stays in flight.
  EXPECT_EQ(shared[0], 1);
  EXPECT_EQ(shared[3], 4);
  EXPECT_EQ(shared[4], 0);
  ssmEmuAsyncCommit();
  ssmEmuAsyncWait(0, 1); // Group 2 is the newest: it may stay in flight.
  EXPECT_EQ(shared[4], 0);
  ssmEmuAsyncWait(0, 0);
  EXPECT_EQ(shared[4], 5);
  EXPECT_EQ(shared[5], 6);
  EXPECT_EQ(shared[6], 7);
  EXPECT_EQ(shared[7], 0);
  ssmEmuAsyncDrain();
  EXPECT_EQ(ssmEmuTakeError(), nullptr);
}

TEST(GpuEmulatorTest, AThreadThatEndsWithCopiesInFlightIsAnError) {
  int32_t source[4] = {1, 2, 3, 4}, shared[4] = {};
  ssmEmuAsyncCopy(addressOf(shared), addressOf(source), 16, 16);
  ssmEmuAsyncCommit();
  ssmEmuAsyncDrain();
  const char *error = ssmEmuTakeError();
  ASSERT_NE(error, nullptr);
  EXPECT_NE(std::string(error).find("no wait completed"), std::string::npos);
  // Dropped: a later wait writes nothing.
  ssmEmuAsyncWait(0, 0);
  EXPECT_EQ(shared[0], 0);
  ssmEmuAsyncCopy(addressOf(shared), addressOf(source), 12, 12);
  EXPECT_NE(ssmEmuTakeError(), nullptr) << "cp.async copies 4, 8 or 16 bytes";
}

/// Runs `steps` one after the other, each on a thread of its own (a GPU
/// thread's clock is its CPU thread's), in a new block of a registered
/// shared buffer; returns the error recorded, if any.
std::string raceOf(int32_t *shared, int64_t words,
                   const std::vector<std::function<void()>> &steps) {
  ssmEmuSharedRegister(addressOf(shared), 4 * words);
  ssmEmuSharedBlock();
  for (const std::function<void()> &step : steps)
    std::thread(step).join();
  ssmEmuSharedUnregister(addressOf(shared));
  const char *error = ssmEmuTakeError();
  return error ? error : "";
}

TEST(GpuEmulatorTest, SharedMemoryRaces) {
  int32_t shared[64] = {};
  auto access = [&](int64_t thread, int64_t word, bool write) {
    return [&shared, thread, word, write] {
      ssmEmuSharedAccess(thread, addressOf(shared + word), 4, write, 0, 0);
    };
  };
  auto afterBarrier = [](std::function<void()> step) {
    return [step] {
      ssmEmuBarrierPassed();
      step();
    };
  };
  // Threads of different warps between the same barriers.
  EXPECT_NE(raceOf(shared, 64, {access(0, 3, true), access(40, 3, false)}),
            "");
  EXPECT_NE(raceOf(shared, 64, {access(0, 3, false), access(40, 3, true)}),
            "");
  EXPECT_NE(raceOf(shared, 64, {access(0, 3, true), access(40, 3, true)}),
            "");
  // Readers only, other words, the same thread, a barrier between.
  EXPECT_EQ(raceOf(shared, 64, {access(0, 3, false), access(40, 3, false)}),
            "");
  EXPECT_EQ(raceOf(shared, 64, {access(0, 3, true), access(40, 4, true)}),
            "");
  EXPECT_EQ(raceOf(shared, 64, {access(5, 3, true), access(5, 3, false)}),
            "");
  EXPECT_EQ(raceOf(shared, 64,
                   {access(0, 3, true), afterBarrier(access(40, 3, false))}),
            "");
  // Several readers of two warps, then a writer after them.
  EXPECT_NE(
      raceOf(shared, 64,
             {access(1, 3, false), access(33, 3, false), access(1, 3, true)}),
      "");
  // A 2-byte store next to another thread's is no race; over it is.
  EXPECT_EQ(
      raceOf(
          shared, 64,
          {[&] { ssmEmuSharedAccess(0, addressOf(shared), 2, 1, 0, 0); },
           [&] { ssmEmuSharedAccess(40, addressOf(shared) + 2, 2, 1, 0, 0); }}),
      "");
  EXPECT_NE(
      raceOf(
          shared, 64,
          {[&] { ssmEmuSharedAccess(0, addressOf(shared), 4, 1, 0, 0); },
           [&] { ssmEmuSharedAccess(40, addressOf(shared) + 2, 2, 0, 0, 0); }}),
      "");
  // Memory outside the registered buffers is not watched.
  int32_t global[4] = {};
  EXPECT_EQ(
      raceOf(shared, 64,
             {[&] { ssmEmuSharedAccess(0, addressOf(global), 4, 1, 0, 0); },
              [&] { ssmEmuSharedAccess(40, addressOf(global), 4, 1, 0, 0); }}),
      "");
}

TEST(GpuEmulatorTest, AWarpOperationOrdersItsLanes) {
  // Lane 0 stores, the warp shuffles, lane 1 reads the word: ordered.
  // Without the shuffle, or for a thread of another warp, it is a race.
  // (64 threads; the other warp's shuffle is its own.)
  for (bool shuffle : {true, false}) {
    for (int64_t reader : {1, 33}) {
      int32_t shared[8] = {};
      ssmEmuSharedRegister(addressOf(shared), sizeof(shared));
      ssmEmuSharedBlock();
      runBlock(64, [&](int64_t thread) {
        if (thread == 0)
          ssmEmuSharedAccess(thread, addressOf(shared), 4, 1, 0, 0);
        if (shuffle)
          ssmEmuShuffle(thread, 64, 0, 0, 32, kSsmEmuShuffleIdx);
        if (thread == reader)
          ssmEmuSharedAccess(thread, addressOf(shared), 4, 0, 0, 0);
      });
      ssmEmuSharedUnregister(addressOf(shared));
      // (Whatever order the CPU threads take: the accesses' clocks, not
      // their times, decide.)
      const char *error = ssmEmuTakeError();
      if (shuffle && reader == 1)
        EXPECT_EQ(error, nullptr) << "reader " << reader;
      else
        EXPECT_NE(error, nullptr)
            << "reader " << reader << (shuffle ? ", shuffle" : "");
    }
  }
}

TEST(GpuEmulatorTest, ALaneRewritesAfterItsWarpsReadsAndAWarpOperation) {
  // Every lane of warp 0 reads word 0; the warp shuffles; lane 0 reads it
  // again and writes it: ordered after the others' reads. Without the
  // shuffle, a race.
  for (bool shuffle : {true, false}) {
    int32_t shared[4] = {};
    ssmEmuSharedRegister(addressOf(shared), sizeof(shared));
    ssmEmuSharedBlock();
    runBlock(32, [&](int64_t thread) {
      ssmEmuSharedAccess(thread, addressOf(shared), 4, 0, 0, 0);
      if (shuffle)
        ssmEmuShuffle(thread, 32, 0, 1, 32, kSsmEmuShuffleXor);
      if (thread == 0) {
        ssmEmuSharedAccess(thread, addressOf(shared), 4, 0, 0, 0);
        ssmEmuSharedAccess(thread, addressOf(shared), 4, 1, 0, 0);
      }
    });
    ssmEmuSharedUnregister(addressOf(shared));
    const char *error = ssmEmuTakeError();
    if (shuffle)
      EXPECT_EQ(error, nullptr);
    else
      EXPECT_NE(error, nullptr);
  }
}

TEST(GpuEmulatorTest, ACopyMayLandFromItsIssueOn) {
  // Thread 40 reads word 0; thread 0 issues a copy into it between the
  // same barriers and waits after the next one: the copy races with the
  // read. Issued after a barrier, it does not; a copy of what is there
  // already is no write.
  int32_t source[4] = {7, 7, 7, 7};
  for (int issueAfterBarrier : {0, 1}) {
    int32_t shared[4] = {};
    ssmEmuSharedRegister(addressOf(shared), sizeof(shared));
    ssmEmuSharedBlock();
    std::thread([&] { ssmEmuSharedAccess(40, addressOf(shared), 4, 0, 0, 0); })
        .join();
    std::thread([&] {
      if (issueAfterBarrier)
        ssmEmuBarrierPassed();
      ssmEmuAsyncCopy(addressOf(shared), addressOf(source), 16, 16);
      ssmEmuAsyncCommit();
      if (!issueAfterBarrier)
        ssmEmuBarrierPassed();
      ssmEmuAsyncWait(0, 0);
      ssmEmuAsyncDrain();
    }).join();
    ssmEmuSharedUnregister(addressOf(shared));
    EXPECT_EQ(shared[3], 7);
    const char *error = ssmEmuTakeError();
    if (issueAfterBarrier)
      EXPECT_EQ(error, nullptr);
    else
      EXPECT_NE(error, nullptr);
  }
  int32_t shared[4];
  ssmEmuSharedRegister(addressOf(shared), sizeof(shared));
  // (What is there already, written before the block.)
  for (int32_t &word : shared)
    word = 7;
  ssmEmuSharedBlock();
  std::thread([&] { ssmEmuSharedAccess(40, addressOf(shared), 4, 0, 0, 0); })
      .join();
  std::thread([&] {
    ssmEmuAsyncCopy(addressOf(shared), addressOf(source), 16, 16);
    ssmEmuAsyncCommit();
    ssmEmuAsyncWait(0, 0);
    ssmEmuAsyncDrain();
  }).join();
  ssmEmuSharedUnregister(addressOf(shared));
  EXPECT_EQ(ssmEmuTakeError(), nullptr);
}

TEST(GpuEmulatorTest, SharedMemoryStartsAsOnesBits) {
  // Registered shared buffers hold ones bits, NaN as any float type, so
  // that a kernel that reads what it did not write computes NaN.
  float shared[3] = {1.0f, 2.0f, 3.0f};
  ssmEmuSharedRegister(addressOf(shared), sizeof(shared));
  ssmEmuSharedUnregister(addressOf(shared));
  for (float value : shared)
    EXPECT_TRUE(std::isnan(value));
  uint8_t bytes[sizeof(shared)];
  std::memcpy(bytes, shared, sizeof(shared));
  for (uint8_t byte : bytes)
    EXPECT_EQ(byte, 0xff);
}

TEST(GpuEmulatorTest, LdmatrixPlainAndTransposed) {
  // A 16 x 24 tile (padded rows) of distinct 16-bit codes; the four 8 x 8
  // quadrants of its first 16 columns, lanes 8j..8j+7 addressing matrix j.
  constexpr int64_t kRowLength = 24;
  std::vector<uint16_t> tile(16 * kRowLength);
  for (size_t i = 0; i < tile.size(); ++i)
    tile[i] = static_cast<uint16_t>(i * 7 + 1);
  auto at = [&](int64_t j, int64_t r, int64_t c) {
    return tile[(r + 8 * (j % 2)) * kRowLength + c + 8 * (j / 2)];
  };
  for (int32_t transpose : {0, 1}) {
    std::vector<uint32_t> got(32 * 4);
    runBlock(32, [&](int64_t t) {
      int64_t j = t / 8, row = t % 8;
      const uint16_t *rowStart =
          &tile[(row + 8 * (j % 2)) * kRowLength + 8 * (j / 2)];
      ssmEmuLdmatrix(t, 32, addressOf(rowStart), 4, transpose,
                     addressOf(&got[4 * t]), 0, 0);
    });
    for (int64_t t = 0; t < 32; ++t)
      for (int64_t j = 0; j < 4; ++j) {
        int64_t g = t / 4, p = t % 4;
        uint32_t expected =
            transpose ? at(j, 2 * p, g) | uint32_t(at(j, 2 * p + 1, g)) << 16
                      : at(j, g, 2 * p) | uint32_t(at(j, g, 2 * p + 1)) << 16;
        EXPECT_EQ(got[4 * t + j], expected)
            << "transpose " << transpose << " lane " << t << " matrix " << j;
      }
  }
}

/// bf16 bits of a float that bf16 holds exactly.
uint16_t bf16(float x) {
  uint32_t bits;
  std::memcpy(&bits, &x, 4);
  return static_cast<uint16_t>(bits >> 16);
}

/// f16 bits of a float that f16 holds exactly (a normal number or 0).
uint16_t f16(float x) {
  uint32_t bits;
  std::memcpy(&bits, &x, 4);
  uint32_t sign = bits >> 31, exponent = (bits >> 23) & 0xff;
  if (exponent == 0)
    return static_cast<uint16_t>(sign << 15);
  return static_cast<uint16_t>(sign << 15 | (exponent - 112) << 10 |
                               (bits & 0x7fffff) >> 13);
}

class MmaTest : public testing::TestWithParam<int32_t> {};

TEST_P(MmaTest, M16N8K16) {
  int32_t kind = GetParam();
  // Small integers (exact in bf16, and their sums in f32).
  float a[16][16], b[16][8], c[16][8];
  for (int i = 0; i < 16; ++i)
    for (int k = 0; k < 16; ++k)
      a[i][k] = static_cast<float>((i * 3 + k * 5) % 7 - 3);
  for (int k = 0; k < 16; ++k)
    for (int n = 0; n < 8; ++n)
      b[k][n] = static_cast<float>((k * 2 + n * 7) % 5 - 2);
  for (int i = 0; i < 16; ++i)
    for (int n = 0; n < 8; ++n)
      c[i][n] = static_cast<float>(i - n);
  auto pair = [&](float x, float y) {
    auto bits = kind == kSsmEmuMmaBF16 ? bf16 : f16;
    return uint32_t(bits(x)) | uint32_t(bits(y)) << 16;
  };
  // Each lane's fragments, laid out as MmaFragments.h describes.
  std::vector<uint32_t> fragments(32 * 16);
  for (int t = 0; t < 32; ++t) {
    int g = t / 4, p = t % 4;
    uint32_t *f = &fragments[16 * t];
    for (int r = 0; r < 4; ++r) {
      int row = g + 8 * (r % 2), col = 2 * p + 8 * (r / 2);
      f[kSsmEmuMmaAWord + r] = pair(a[row][col], a[row][col + 1]);
    }
    for (int r = 0; r < 2; ++r)
      f[kSsmEmuMmaBWord + r] =
          pair(b[2 * p + 8 * r][g], b[2 * p + 8 * r + 1][g]);
    for (int r = 0; r < 4; ++r)
      std::memcpy(&f[kSsmEmuMmaCWord + r], &c[g + 8 * (r / 2)][2 * p + r % 2],
                  4);
  }
  runBlock(32, [&](int64_t t) {
    ssmEmuMma(t, 32, addressOf(&fragments[16 * t]), kind);
  });
  for (int t = 0; t < 32; ++t)
    for (int r = 0; r < 4; ++r) {
      int row = t / 4 + 8 * (r / 2), col = 2 * (t % 4) + r % 2;
      float expected = c[row][col];
      for (int k = 0; k < 16; ++k)
        expected += a[row][k] * b[k][col];
      float got;
      std::memcpy(&got, &fragments[16 * t + kSsmEmuMmaCWord + r], 4);
      EXPECT_EQ(got, expected) << "lane " << t << " value " << r;
    }
}

// f16 and bf16 operands.
INSTANTIATE_TEST_SUITE_P(Operands, MmaTest,
                         testing::Values(kSsmEmuMmaF16, kSsmEmuMmaBF16));

/// A launch's shared memory as the emulator lays it out for wgmma: 2^18
/// bytes aligned to 2^18, registered and announced (released at the end).
struct Arena {
  static constexpr int64_t kBytes = int64_t(1) << 18;
  uint8_t *base =
      static_cast<uint8_t *>(std::aligned_alloc(kBytes, kBytes));
  Arena() {
    ssmEmuSharedBlock();
    ssmEmuSharedRegister(addressOf(base), kBytes);
    ssmEmuSharedArena(addressOf(base), kBytes, /*wgmma=*/1);
  }
  ~Arena() {
    ssmEmuSharedArena(0, 0, 0);
    ssmEmuSharedUnregister(addressOf(base));
    std::free(base);
  }
  /// Stores the 16-bit `bits` at element (row, k) of a k-major operand at
  /// `start` without swizzle: core matrices `leading` bytes apart along k,
  /// `stride` apart along the rows (as the PTX ISA defines them).
  void put(int64_t start, int64_t leading, int64_t stride, int64_t row,
           int64_t k, uint16_t bits) {
    std::memcpy(base + start + row / 8 * stride + k / 8 * leading +
                    row % 8 * 16 + k % 8 * 2,
                &bits, 2);
  }
};

/// A matrix descriptor without swizzle (byte offsets, multiples of 16).
int64_t descriptor(int64_t start, int64_t leading, int64_t stride) {
  return (start >> 4) | (leading >> 4) << 16 | (stride >> 4) << 32;
}

/// The row and column of thread `t`'s wgmma accumulator `i` (mma.sync's C
/// for each 8 columns, warp t / 32 holding rows 16 (t / 32)..).
int rowOf(int t, int i) { return 16 * (t / 32) + t % 32 / 4 + 8 * (i % 4 / 2); }
int colOf(int t, int i) { return 8 * (i / 4) + 2 * (t % 4) + i % 2; }

class WgmmaTest : public testing::TestWithParam<int32_t> {};

TEST_P(WgmmaTest, M64N16K16) {
  int32_t kind = GetParam();
  auto bits = kind == kSsmEmuMmaBF16 ? bf16 : f16;
  constexpr int n = 16;
  float a[64][16], b[16][n];
  for (int i = 0; i < 64; ++i)
    for (int k = 0; k < 16; ++k)
      a[i][k] = static_cast<float>((i * 3 + k * 5) % 7 - 3);
  for (int k = 0; k < 16; ++k)
    for (int j = 0; j < n; ++j)
      b[k][j] = static_cast<float>((k * 2 + j * 7) % 5 - 2);
  Arena arena;
  // A's core matrices k first (the 8 row groups of one k half 128 bytes
  // apart, the k halves 1024 apart), B's rows first (its two k halves
  // 128 bytes apart, its row groups 256 apart), at other offsets.
  constexpr int64_t aStart = 256, bStart = 8192;
  for (int i = 0; i < 64; ++i)
    for (int k = 0; k < 16; ++k)
      arena.put(aStart, 1024, 128, i, k, bits(a[i][k]));
  for (int j = 0; j < n; ++j)
    for (int k = 0; k < 16; ++k)
      arena.put(bStart, 128, 256, j, k, bits(b[k][j]));
  // Each thread's n / 2 accumulators start at row - column.
  std::vector<float> acc(128 * n / 2);
  for (int t = 0; t < 128; ++t)
    for (int i = 0; i < n / 2; ++i)
      acc[t * n / 2 + i] = static_cast<float>(rowOf(t, i) - colOf(t, i));
  for (int32_t scaleD : {1, 0}) {
    std::vector<float> d = acc;
    runBlock(128, [&](int64_t t) {
      ssmEmuWgmmaFence();
      ssmEmuWgmma(t, 128, addressOf(&d[t * n / 2]),
                  descriptor(aStart, 1024, 128),
                  descriptor(bStart, 128, 256), n, kind, scaleD);
      ssmEmuWgmmaCommit();
      ssmEmuWgmmaWait(0);
      ssmEmuWgmmaDrain(t, 128);
    });
    EXPECT_EQ(ssmEmuTakeError(), nullptr);
    for (int t = 0; t < 128; ++t)
      for (int i = 0; i < n / 2; ++i) {
        int row = rowOf(t, i), col = colOf(t, i);
        float expected = scaleD ? acc[t * n / 2 + i] : 0.0f;
        for (int k = 0; k < 16; ++k)
          expected += a[row][k] * b[k][col];
        EXPECT_EQ(d[t * n / 2 + i], expected)
            << "scale-d " << scaleD << " thread " << t << " value " << i;
      }
  }
}

INSTANTIATE_TEST_SUITE_P(Operands, WgmmaTest,
                         testing::Values(kSsmEmuMmaF16, kSsmEmuMmaBF16));

/// wgmma with A from registers: each warp's lanes hold its 16 rows as
/// mma.sync's A (register r of lane (g, t): the pair at row g + 8 (r % 2),
/// k 2t + 8 (r / 2)); B k-major or, transposed, MN-major (PTX ISA's
/// canonical layout: element (n, k) at n % 8 * 2 + k % 8 * 16 bytes of
/// core matrix (n / 8, k / 8), `stride` bytes apart along n and `leading`
/// along k).
class WgmmaRegistersTest
    : public testing::TestWithParam<std::tuple<int32_t, bool>> {};

TEST_P(WgmmaRegistersTest, M64N24K16) {
  auto [kind, transposeB] = GetParam();
  auto bits = kind == kSsmEmuMmaBF16 ? bf16 : f16;
  constexpr int n = 24;
  float a[64][16], b[16][n];
  for (int i = 0; i < 64; ++i)
    for (int k = 0; k < 16; ++k)
      a[i][k] = static_cast<float>((i * 5 + k * 3) % 9 - 4);
  for (int k = 0; k < 16; ++k)
    for (int j = 0; j < n; ++j)
      b[k][j] = static_cast<float>((k * 7 + j * 2) % 5 - 2);
  Arena arena;
  constexpr int64_t bStart = 4096, leading = 512, stride = 128;
  for (int j = 0; j < n; ++j)
    for (int k = 0; k < 16; ++k) {
      uint16_t x = bits(b[k][j]);
      if (transposeB)
        std::memcpy(arena.base + bStart + j / 8 * stride + k / 8 * leading +
                        j % 8 * 2 + k % 8 * 16,
                    &x, 2);
      else
        arena.put(bStart, leading, stride, j, k, x);
    }
  // Words 0-3 each thread's A registers, then its accumulators.
  constexpr int words = 4 + n / 2;
  std::vector<uint32_t> fragments(128 * words);
  for (int t = 0; t < 128; ++t) {
    int g = t % 32 / 4, q = t % 4;
    for (int r = 0; r < 4; ++r) {
      int row = 16 * (t / 32) + g + 8 * (r % 2), k = 2 * q + 8 * (r / 2);
      fragments[t * words + r] =
          uint32_t(bits(a[row][k])) | uint32_t(bits(a[row][k + 1])) << 16;
    }
    for (int i = 0; i < n / 2; ++i) {
      float start = static_cast<float>(rowOf(t, i) + colOf(t, i));
      std::memcpy(&fragments[t * words + 4 + i], &start, 4);
    }
  }
  runBlock(128, [&](int64_t t) {
    ssmEmuWgmmaFence();
    ssmEmuWgmmaRegisters(t, 128, addressOf(&fragments[t * words]),
                         descriptor(bStart, leading, stride), n, kind,
                         /*scaleD=*/1, transposeB ? 1 : 0);
    ssmEmuWgmmaCommit();
    ssmEmuWgmmaWait(0);
    ssmEmuWgmmaDrain(t, 128);
  });
  EXPECT_EQ(ssmEmuTakeError(), nullptr);
  for (int t = 0; t < 128; ++t)
    for (int i = 0; i < n / 2; ++i) {
      int row = rowOf(t, i), col = colOf(t, i);
      float expected = static_cast<float>(row + col), d;
      for (int k = 0; k < 16; ++k)
        expected += a[row][k] * b[k][col];
      std::memcpy(&d, &fragments[t * words + 4 + i], 4);
      EXPECT_EQ(d, expected) << "thread " << t << " value " << i;
    }
}

INSTANTIATE_TEST_SUITE_P(
    Operands, WgmmaRegistersTest,
    testing::Combine(testing::Values(kSsmEmuMmaF16, kSsmEmuMmaBF16),
                     testing::Bool()));

TEST(GpuEmulatorTest, WgmmaErrors) {
  Arena arena;
  std::vector<float> d(128 * 4);
  auto wgmma = [&](int64_t threads, int64_t descA, int32_t n) {
    runBlock(threads, [&](int64_t t) {
      ssmEmuBarrierPassed();
      ssmEmuWgmmaFence();
      ssmEmuWgmma(t, threads, addressOf(&d[4 * t]), descA,
                  descriptor(4096, 128, 256), n, kSsmEmuMmaBF16, 1);
      ssmEmuWgmmaCommit();
      ssmEmuWgmmaWait(0);
      ssmEmuWgmmaDrain(t, threads);
    });
    const char *error = ssmEmuTakeError();
    return std::string(error ? error : "");
  };
  int64_t plain = descriptor(0, 128, 256);
  EXPECT_EQ(wgmma(128, plain, 8), "");
  // Swizzled (128B), a base offset, a block of 96 threads, n = 12.
  EXPECT_NE(wgmma(128, plain | int64_t(1) << 62, 8).find("swizzled"),
            std::string::npos);
  EXPECT_NE(wgmma(128, plain | int64_t(1) << 49, 8).find("base offset"),
            std::string::npos);
  EXPECT_NE(wgmma(96, plain, 8).find("warpgroups"), std::string::npos);
  EXPECT_NE(wgmma(128, plain, 12).find("multiple of 8"), std::string::npos);
  // A wgmma before a wgmma.fence (at the start, or after a wait); one that
  // no wait completes (uncommitted, or committed and still pending).
  enum Order { kNoFence, kFenceThenWait, kNoCommit, kPendingGroup, kDone };
  for (Order order :
       {kNoFence, kFenceThenWait, kNoCommit, kPendingGroup, kDone}) {
    runBlock(128, [&](int64_t t) {
      if (order != kNoFence)
        ssmEmuWgmmaFence();
      if (order == kFenceThenWait)
        ssmEmuWgmmaWait(0);
      ssmEmuWgmma(t, 128, addressOf(&d[4 * t]), plain,
                  descriptor(4096, 128, 256), 8, kSsmEmuMmaBF16, 1);
      if (order != kNoCommit)
        ssmEmuWgmmaCommit();
      ssmEmuWgmmaWait(order == kPendingGroup ? 1 : 0);
      ssmEmuWgmmaDrain(t, 128);
    });
    const char *error = ssmEmuTakeError();
    std::string text = error ? error : "";
    if (order == kDone)
      EXPECT_EQ(text, "");
    else
      EXPECT_NE(text.find(order == kNoFence || order == kFenceThenWait
                              ? "wgmma without a wgmma.fence"
                              : "no wgmma.wait_group completed"),
                std::string::npos)
          << "order " << order << ": " << text;
  }
  // A wait that one warp of the second warpgroup of a block of 256
  // threads runs once more (in a branch uniform in that warp only), and
  // the same block with every thread's waits alike; then a block in which
  // each warpgroup is uniform but the two differ, which is allowed.
  enum Waits { kOneWarpMore, kAlike, kPerWarpgroup };
  for (Waits waits : {kOneWarpMore, kAlike, kPerWarpgroup}) {
    runBlock(256, [&](int64_t t) {
      ssmEmuWgmmaFence();
      ssmEmuWgmmaCommit();
      ssmEmuWgmmaWait(0);
      if ((waits == kOneWarpMore && t / 32 == 5) ||
          (waits == kPerWarpgroup && t / 128 == 1))
        ssmEmuWgmmaWait(0);
      ssmEmuWgmmaDrain(t, 256);
    });
    const char *error = ssmEmuTakeError();
    std::string text = error ? error : "";
    if (waits == kOneWarpMore)
      EXPECT_NE(text.find("threads of a warpgroup executed different"),
                std::string::npos)
          << text;
    else
      EXPECT_EQ(text, "") << "waits " << waits;
  }
  // An operand past the end of the registered buffer (the arena).
  EXPECT_NE(wgmma(128, descriptor(Arena::kBytes - 128, 128, 256), 8)
                .find("outside"),
            std::string::npos);
  // A store into A (in a new block), read by the wgmma after a barrier:
  // an error unless its thread fenced it for the async proxy before that
  // barrier. A fence after the barrier, or another thread's, is too late.
  enum Fence { kNone, kBeforeBarrier, kAfterBarrier, kOtherThread };
  for (Fence fence : {kNone, kBeforeBarrier, kAfterBarrier, kOtherThread}) {
    ssmEmuSharedBlock();
    std::thread writer([&] {
      ssmEmuSharedAccess(0, addressOf(arena.base + 16), 2, 1, 0, 0);
      if (fence == kBeforeBarrier)
        ssmEmuProxyFence(0);
      if (fence == kAfterBarrier) {
        ssmEmuBarrierPassed();
        ssmEmuProxyFence(0);
      }
    });
    writer.join();
    if (fence == kOtherThread) {
      std::thread other([] { ssmEmuProxyFence(1); });
      other.join();
    }
    EXPECT_EQ(wgmma(128, plain, 8).find("fence.proxy.async") !=
                  std::string::npos,
              fence != kBeforeBarrier)
        << "fence " << fence;
  }
  // A cp.async's write (when its wait lands it) needs the fence too.
  for (bool fenced : {false, true}) {
    ssmEmuSharedBlock();
    uint16_t source[8];
    std::fill(std::begin(source), std::end(source), fenced ? 0x1111 : 0x2222);
    std::thread copier([&] {
      ssmEmuAsyncCopy(addressOf(arena.base + 32), addressOf(source), 16, 16);
      ssmEmuAsyncCommit();
      ssmEmuAsyncWait(0, 0);
      if (fenced)
        ssmEmuProxyFence(0);
    });
    copier.join();
    // (The copy changes the bytes there: a write.)
    EXPECT_EQ(wgmma(128, plain, 8).find("fence.proxy.async") !=
                  std::string::npos,
              !fenced);
  }
}

} // namespace
