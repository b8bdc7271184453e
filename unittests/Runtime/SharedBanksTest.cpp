//===- SharedBanksTest.cpp - the emulator's bank-conflict account ---------===//
//
// Each test makes one warp's requests with known addresses and checks the
// wavefronts that ssm::emu::bankReport counts against the model written out
// in lib/Runtime/SharedBanks.cpp: 32 banks of 4-byte words, phases of 128
// bytes' worth of lanes, as many wavefronts per phase as the most distinct
// words in one bank.
//
//===----------------------------------------------------------------------===//

#include "ssm/Runtime/SharedBanks.h"

#include "gtest/gtest.h"

#include <cstdint>
#include <functional>
#include <thread>
#include <vector>

namespace {
using ssm::emu::BankTotals;

/// Starts each test with an empty account (the runtime's other tests may
/// have left requests in it).
class SharedBanksTest : public ::testing::Test {
protected:
  void SetUp() override { ssm::emu::bankReport("", nullptr); }
};

/// The totals of one launch in which lane l of each of `warps` warps
/// accesses `bytes` at byte address(l) once, by site 0.
BankTotals warpAccess(int32_t bytes,
                      const std::function<uint64_t(int64_t)> &address,
                      int64_t warps = 1) {
  for (int64_t thread = 0; thread < 32 * warps; ++thread)
    ssm::emu::bankAccess(thread, address(thread % 32), bytes, 0, "site");
  return ssm::emu::bankReport("launch", nullptr);
}

TEST_F(SharedBanksTest, FourByteWords) {
  // Consecutive words: one wavefront per request, in each warp.
  BankTotals t = warpAccess(4, [](int64_t l) { return 4 * l; }, 2);
  EXPECT_EQ(t.requests, 2u);
  EXPECT_EQ(t.wavefronts, 2u);
  EXPECT_EQ(t.ideal, 2u);
  // Every other word: two words per even bank.
  t = warpAccess(4, [](int64_t l) { return 8 * l; });
  EXPECT_EQ(t.wavefronts, 2u);
  EXPECT_EQ(t.ideal, 1u);
  // A column of a 32-word-wide array: all in one bank.
  t = warpAccess(4, [](int64_t l) { return 128 * l; });
  EXPECT_EQ(t.wavefronts, 32u);
  // One word for all lanes is a broadcast; two bytes of one word too.
  EXPECT_EQ(warpAccess(4, [](int64_t) { return 64; }).wavefronts, 1u);
  EXPECT_EQ(warpAccess(2, [](int64_t l) { return 2 * l; }).wavefronts, 1u);
  // A row of 33 words per lane (a padded column): no conflict.
  EXPECT_EQ(warpAccess(4, [](int64_t l) { return 132 * l; }).wavefronts, 1u);
}

TEST_F(SharedBanksTest, WideAccessesTakePhases) {
  // 8 bytes per lane: half warps, each 128 contiguous bytes.
  BankTotals t = warpAccess(8, [](int64_t l) { return 8 * l; });
  EXPECT_EQ(t.wavefronts, 2u);
  EXPECT_EQ(t.ideal, 2u);
  // 16 bytes apart: each half warp covers 256 bytes, two words per bank.
  t = warpAccess(8, [](int64_t l) { return 16 * l; });
  EXPECT_EQ(t.wavefronts, 4u);
  EXPECT_EQ(t.ideal, 2u);
  // 16 bytes per lane: quarter warps; 32 bytes apart, each quarter covers
  // 256 bytes, two words per bank.
  t = warpAccess(16, [](int64_t l) { return 32 * l; });
  EXPECT_EQ(t.wavefronts, 8u);
  EXPECT_EQ(t.ideal, 4u);
}

TEST_F(SharedBanksTest, OccurrencesPairUpPerLane) {
  // Each lane runs the site twice: the first runs form one request, the
  // second runs another, whatever the order of the calls.
  for (int64_t run = 0; run < 2; ++run)
    for (int64_t lane = 31; lane >= 0; --lane)
      ssm::emu::bankAccess(lane, uint64_t(run ? 128 * lane : 4 * lane), 4, 7,
                           "site");
  BankTotals t = ssm::emu::bankReport("launch", nullptr);
  EXPECT_EQ(t.requests, 2u);
  EXPECT_EQ(t.wavefronts, 1u + 32u);
  // A block's end completes its requests, and counts start again.
  for (int64_t lane = 0; lane < 32; ++lane) {
    ssm::emu::bankAccess(lane, uint64_t(4 * lane), 4, 7, "site");
    if (lane == 15)
      ssm::emu::bankBlockEnd();
  }
  t = ssm::emu::bankReport("launch", nullptr);
  EXPECT_EQ(t.requests, 2u);
  EXPECT_EQ(t.wavefronts, 2u);
}

TEST_F(SharedBanksTest, LanesOfManyThreads) {
  // 8 warps whose lanes run concurrently, each lane its own CPU thread,
  // a column of a 32-word-wide array each: 32 wavefronts per request.
  std::vector<std::thread> team;
  for (int64_t thread = 0; thread < 256; ++thread)
    team.emplace_back([thread] {
      ssm::emu::bankAccess(thread, uint64_t(128 * (thread % 32)), 4, 3,
                           "column");
    });
  for (std::thread &thread : team)
    thread.join();
  BankTotals t = ssm::emu::bankReport("launch", nullptr);
  EXPECT_EQ(t.requests, 8u);
  EXPECT_EQ(t.wavefronts, 8u * 32u);
  EXPECT_EQ(t.ideal, 8u);
}

TEST_F(SharedBanksTest, Ldmatrix) {
  // Rows of 16 bytes, 128 bytes apart: the 8 rows of a matrix in the same
  // four banks. 16 bytes apart: one wavefront.
  uint64_t rows[16];
  for (int64_t r = 0; r < 16; ++r)
    rows[r] = uint64_t(128 * r);
  ssm::emu::bankLdmatrix(rows, 2, 0, "ldmatrix");
  BankTotals t = ssm::emu::bankReport("launch", nullptr);
  EXPECT_EQ(t.requests, 1u);
  EXPECT_EQ(t.wavefronts, 16u);
  EXPECT_EQ(t.ideal, 2u);
  for (int64_t r = 0; r < 16; ++r)
    rows[r] = uint64_t(16 * r);
  ssm::emu::bankLdmatrix(rows, 2, 0, "ldmatrix");
  EXPECT_EQ(ssm::emu::bankReport("launch", nullptr).wavefronts, 2u);
}
} // namespace
