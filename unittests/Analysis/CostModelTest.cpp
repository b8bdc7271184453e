//===- CostModelTest.cpp - The cost model against hand derivations --------===//

#include "ssm/Analysis/CostModel.h"
#include "ssm/Dialect/SSM/IR/SSMOps.h"
#include "ssm/InitAllDialects.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

using namespace mlir;
using namespace mlir::ssm;

namespace {

AttentionProblem square(int64_t n, int64_t d, bool causal = false) {
  AttentionProblem p;
  p.Lq = p.Lk = n;
  p.E = p.Ev = d;
  p.causal = causal;
  return p;
}

//===----------------------------------------------------------------------===//
// Attention
//===----------------------------------------------------------------------===//

TEST(AttentionCostTest, CountsKeptScoresOfEachMask) {
  EXPECT_EQ(countKeptScores(square(5, 4)), 25);
  EXPECT_EQ(countKeptScores(square(5, 4, /*causal=*/true)), 15); // 1+..+5
  AttentionProblem window = square(5, 4, true);
  window.window = 2;
  EXPECT_EQ(countKeptScores(window), 1 + 2 + 2 + 2 + 2);
  // Bottom-right alignment: Lq = 3, Lk = 2 keeps 0, 1 and 2 keys.
  AttentionProblem wide = square(3, 4, true);
  wide.Lk = 2;
  EXPECT_EQ(countKeptScores(wide), 0 + 1 + 2);
}

TEST(AttentionCostTest, NaiveMovesNdPlusNSquared) {
  // Per head: Q, K, V, O once (4 N d) and S, P written and read (4 N^2).
  AttentionProblem p = square(256, 64);
  p.B = 2;
  p.H = 3;
  Cost c = estimateNaiveAttention(p);
  EXPECT_DOUBLE_EQ(c.bytes, 6.0 * 4 * (4.0 * 256 * 64 + 4.0 * 256 * 256));
  EXPECT_DOUBLE_EQ(c.matrixFlops, 6.0 * 256 * 256 * 2 * 128);
}

TEST(AttentionCostTest, FlashReadsKeysOncePerQueryBlock) {
  // Q and O once, K and V once per query block: e (N 2d + (N/Bq) N 2d).
  AttentionProblem p = square(1024, 64);
  Cost c = estimateFlashAttention(p, /*blockQ=*/128, /*blockK=*/64);
  EXPECT_DOUBLE_EQ(c.bytes, 4.0 * (1024 * 128 + 8.0 * 1024 * 128));
  // Same FLOPs as the naive algorithm without a mask.
  EXPECT_DOUBLE_EQ(c.flops, estimateNaiveAttention(p).flops);
}

TEST(AttentionCostTest, FlashTrafficIsNSquaredDSquaredOverM) {
  // With tiles of Theta(M / d), doubling fast memory M doubles the query
  // block and halves the N^2 d^2 / M term; the N d term stays.
  AttentionProblem p = square(8192, 64);
  double nd = 4.0 * 8192 * 128;
  double small = estimateFlashAttention(p, 64, 64).bytes - nd;
  double large = estimateFlashAttention(p, 128, 64).bytes - nd;
  EXPECT_DOUBLE_EQ(small / large, 2.0);
  EXPECT_DOUBLE_EQ(small, 4.0 * 8192 * 8192 * 128 / 64);
  // Against the naive 4 N^2 (+ 4 N d) traffic: a factor of 4 Bq / 2d = 4.
  EXPECT_LT(estimateFlashAttention(p, 128, 64).bytes,
            estimateNaiveAttention(p).bytes / 3.9);
}

TEST(AttentionCostTest, FlashSkipsFullyMaskedTiles) {
  // N = 4 in 2 x 2 tiles, causal: tiles (0,0), (1,0), (1,1) are visited.
  AttentionProblem p = square(4, 1, /*causal=*/true);
  Cost c = estimateFlashAttention(p, 2, 2);
  EXPECT_DOUBLE_EQ(c.matrixFlops, 3.0 * 4 * 2 * 2);
  // Keys read: query block 0 reads 2, block 1 reads 4, times (E + Ev).
  EXPECT_DOUBLE_EQ(c.bytes, 4.0 * (4 * 2 + 6 * 2));
}

TEST(AttentionCostTest, TileWorkingSet) {
  AttentionProblem p = square(1024, 64);
  // Q, O blocks (Bq 2d), K, V blocks (Bk 2d), f32 scores, f32 row stats.
  EXPECT_EQ(flashTileBytes(p, 64, 32),
            4 * (64 * 128 + 32 * 128) + 4 * 64 * 32 + 8 * 64);
}

//===----------------------------------------------------------------------===//
// Convolutions and scans
//===----------------------------------------------------------------------===//

TEST(ConvCostTest, DirectCountsTheTapsOfTheCausalTriangle) {
  LongConvProblem p;
  p.B = 2;
  p.D = 3;
  p.L = 4;
  p.Lk = 2;
  // Taps per output: 1, 2, 2, 2.
  Cost c = estimateDirectConv(p);
  EXPECT_DOUBLE_EQ(c.flops, 6.0 * 2 * 7);
  EXPECT_DOUBLE_EQ(c.bytes, 4.0 * (2 * 2 * 4 * 3 + 3 * 2));
  p.circular = true;
  p.Lk = 4;
  EXPECT_DOUBLE_EQ(estimateDirectConv(p).flops, 6.0 * 2 * 16);
}

TEST(ConvCostTest, FFTSizesAndDecomposition) {
  LongConvProblem p;
  p.L = p.Lk = 65536;
  EXPECT_EQ(fftSizeFor(p), 131072);
  p.L = p.Lk = 5;
  p.circular = true;
  EXPECT_EQ(fftSizeFor(p), 16);
  // 2^17 points with sub-FFTs of at most 2^16 points: two balanced factors.
  EXPECT_EQ(fftFactorsFor(131072, 1 << 20), (SmallVector<int64_t>{512, 256}));
  EXPECT_EQ(fftFactorsFor(1024, 1 << 20), (SmallVector<int64_t>{1024}));
  // 2^20 points, 2^10 at most: 1024 x 1024.
  EXPECT_EQ(fftFactorsFor(1 << 20, 16 << 10),
            (SmallVector<int64_t>{1024, 1024}));
  // 2^21 points, 2^7 at most: three factors.
  EXPECT_EQ(fftFactorsFor(1 << 21, 2048), (SmallVector<int64_t>{128, 128, 128}));
}

TEST(ConvCostTest, EachExtraFFTFactorIsARoundTrip) {
  LongConvProblem p;
  p.L = p.Lk = 4096;
  p.D = 2;
  double one = estimateFFTConv(p, {8192}).bytes;
  double two = estimateFFTConv(p, {128, 64}).bytes;
  // Forward and inverse, write and read, of 4096 complex f32 per channel.
  EXPECT_DOUBLE_EQ(two - one, 2.0 * 2 * 2 * 8 * 4096);
  EXPECT_DOUBLE_EQ(one, 4.0 * (2 * 4096 * 2 + 2 * 4096));
}

TEST(ScanCostTest, SequentialReadsEveryStreamOnce) {
  // Mamba-1 with a gate: x, y, delta, z per (t, d); Bm, Cm per (t, n) read
  // once per block of channels; A once.
  ScanProblem p;
  p.B = 1;
  p.L = 10;
  p.channels = 8;
  p.G = 1;
  p.N = 4;
  p.extraStreams = 2;
  p.expPerChannel = 4;
  Cost c = estimateSequentialScan(p, /*blockD=*/8);
  EXPECT_DOUBLE_EQ(c.bytes, 4.0 * (10 * 8 * 4 + 8 * 4 + 2 * 10 * 4));
  // Half as many channels per block reads Bm, Cm twice.
  EXPECT_DOUBLE_EQ(estimateSequentialScan(p, 4).bytes - c.bytes,
                   4.0 * 2 * 10 * 4);
  EXPECT_DOUBLE_EQ(c.flops, 10.0 * 8 * (6 * 4 + 8 * 4));
}

TEST(ScanCostTest, ChunkedPassesStatesThroughSlowMemory) {
  ScanProblem p;
  p.L = 1024;
  p.channels = 4;
  p.headDim = 16;
  p.N = 32;
  // Halving the chunk doubles the chunk-end states written and read back.
  double big = estimateChunkedScan(p, 128).bytes;
  double small = estimateChunkedScan(p, 64).bytes;
  EXPECT_DOUBLE_EQ(small - big, 4.0 * 8 * 2 * 4 * 32 * 16);
}

//===----------------------------------------------------------------------===//
// Targets and roofline
//===----------------------------------------------------------------------===//

TEST(TargetTest, DescribesKnownTargets) {
  llvm::Expected<TargetDesc> h100 = lookupTarget("sm_90");
  ASSERT_TRUE(bool(h100));
  EXPECT_EQ(h100->fastMemory().capacityBytes, 228 << 10);
  EXPECT_DOUBLE_EQ(h100->slowMemory().bandwidth, 3.35e12);
  llvm::Expected<TargetDesc> a100 = lookupTarget("sm_80");
  ASSERT_TRUE(bool(a100));
  EXPECT_EQ(a100->fastMemory().capacityBytes, 164 << 10);
  llvm::Expected<TargetDesc> host = lookupTarget("cpu-host");
  ASSERT_TRUE(bool(host));
  EXPECT_GE(host->vectorBits, 128);
  EXPECT_GT(host->levels.front().capacityBytes, 0);
  EXPECT_GE(host->parallelUnits, 1);
  llvm::Expected<TargetDesc> unknown = lookupTarget("sm_100");
  ASSERT_FALSE(bool(unknown));
  EXPECT_EQ(llvm::toString(unknown.takeError()),
            "unknown target 'sm_100' (known targets: cpu-host, sm_80, sm_90)");
}

TEST(TargetTest, RooflineTakesTheSlowerOfComputeAndMemory) {
  TargetDesc t = *lookupTarget("sm_90");
  Cost memoryBound;
  memoryBound.flops = 1e9;
  memoryBound.bytes = 3.35e12;
  EXPECT_DOUBLE_EQ(memoryBound.seconds(t), 1.0);
  Cost computeBound;
  computeBound.flops = 67e12;
  computeBound.bytes = 1;
  EXPECT_DOUBLE_EQ(computeBound.seconds(t), 1.0);
  computeBound.matrixFlops = computeBound.flops;
  EXPECT_DOUBLE_EQ(computeBound.seconds(t), 67e12 / 989e12);
  // Too little parallel work leaves lanes idle.
  Cost narrow = computeBound;
  narrow.matrixFlops = 0;
  narrow.parallelism = double(t.parallelUnits * t.vectorLanes()) / 4;
  EXPECT_DOUBLE_EQ(narrow.seconds(t), 4.0);
}

//===----------------------------------------------------------------------===//
// Selection on IR
//===----------------------------------------------------------------------===//

class SelectionTest : public ::testing::Test {
protected:
  SelectionTest() {
    DialectRegistry registry;
    ::ssm::registerAllDialects(registry);
    context.appendDialectRegistry(registry);
    context.loadAllAvailableDialects();
  }
  Operation *firstSSMOp(StringRef source) {
    module = parseSourceString<ModuleOp>(source, &context);
    Operation *found = nullptr;
    module->walk([&](Operation *op) {
      if (!found && isa<SSMDialect>(op->getDialect()))
        found = op;
    });
    return found;
  }
  MLIRContext context;
  OwningOpRef<ModuleOp> module;
};

TEST_F(SelectionTest, LongAttentionIsFlashWithTilesThatFit) {
  Operation *op = firstSSMOp(R"mlir(
    func.func @f(%q: tensor<4x16x4096x128xbf16>) -> tensor<4x16x4096x128xbf16> {
      %y = ssm.attention %q, %q, %q causal : tensor<4x16x4096x128xbf16>, tensor<4x16x4096x128xbf16>, tensor<4x16x4096x128xbf16> -> tensor<4x16x4096x128xbf16>
      return %y : tensor<4x16x4096x128xbf16>
    })mlir");
  ASSERT_TRUE(op);
  TargetDesc h100 = *lookupTarget("sm_90");
  FailureOr<ScheduleAttr> s = selectSchedule(op, h100);
  ASSERT_TRUE(succeeded(s));
  EXPECT_EQ(s->getAlgorithm().getValue(), "flash");
  auto bq = cast<IntegerAttr>(s->getParams().get("block_q")).getInt();
  auto bk = cast<IntegerAttr>(s->getParams().get("block_k")).getInt();
  AttentionProblem p = square(4096, 128, true);
  p.elementBytes = 2;
  EXPECT_LE(flashTileBytes(p, bq, bk), h100.fastMemory().capacityBytes);
  // The chosen schedule moves less than the naive one.
  auto naive = ScheduleAttr::get(&context, StringAttr::get(&context, "naive"),
                                 DictionaryAttr::get(&context));
  EXPECT_LT(estimateCost(op, *s)->bytes, estimateCost(op, naive)->bytes);
}

TEST_F(SelectionTest, RejectsSchedulesTheOpDoesNotHave) {
  Operation *op = firstSSMOp(R"mlir(
    func.func @f(%u: tensor<1x64x8xf32>, %k: tensor<8x64xf32>) -> tensor<1x64x8xf32> {
      %y = ssm.long_conv %u, %k : (tensor<1x64x8xf32>, tensor<8x64xf32>) -> tensor<1x64x8xf32>
      return %y : tensor<1x64x8xf32>
    })mlir");
  ASSERT_TRUE(op);
  Builder b(&context);
  auto flash = ScheduleAttr::get(&context, b.getStringAttr("flash"),
                                 b.getDictionaryAttr({}));
  EXPECT_TRUE(failed(estimateCost(op, flash)));
  // An FFT smaller than the linear convolution needs is not a schedule.
  auto tooSmall = ScheduleAttr::get(
      &context, b.getStringAttr("fft"),
      b.getDictionaryAttr(b.getNamedAttr(
          "fft_factors", b.getArrayAttr({b.getI64IntegerAttr(64)}))));
  EXPECT_TRUE(failed(estimateCost(op, tooSmall)));
}

} // namespace
