//===- TensorCoreContractions.cpp - Contractions on mma.sync --------------===//
//
// See the pass description in Passes.td; the fragment layouts are in
// MmaFragments.h. A's four ldmatrix matrices are its quadrants (rows
// first), B's two are its k halves read from an n-major tile (row n, k
// contiguous). f32 operands are multiplied as bf16 planes
// (mma::splitBF16, mma::multiplyAddPlanes). On sm_90a the block's
// warpgroup multiplies with wgmma instead, from tiles of core matrices
// (multiplyWarpgroupTile).
//
//===----------------------------------------------------------------------===//

#include "ssm/Conversion/Passes.h"
#include "ssm/Support/Chips.h"

#include "KernelArith.h"
#include "MmaFragments.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"

namespace mlir::ssm {
#define GEN_PASS_DEF_SSMTENSORCORECONTRACTIONS
#include "ssm/Conversion/Passes.h.inc"
} // namespace mlir::ssm

using namespace mlir;
using namespace mlir::ssm;

namespace {
/// The tile sizes of the kernel: a block of kWarpsM x kWarpsN warps per
/// kTileM x kTileN tile of C, each warp a kWarpTileM x kWarpTileN tile of
/// m16n8k16 products, over slices of kTileK along k. Shared memory:
/// 2 x 64 x 40 x 2 bytes = 10 KB per block, 20 KB double-buffered; with
/// f32 operands, 3 planes of each (30 KB) and 2 x 64 x 32 x 4 bytes of f32
/// staging tiles (16 KB): within the 48 KB that every architecture gives a
/// block without opting in. With wgmma the tiles have no padding (4 KB
/// each).
using mma::kWarpSize;
constexpr int64_t kMmaM = mma::kM, kMmaN = mma::kN,
                  kMmaK = mma::kK;
constexpr int64_t kWarpsM = 2, kWarpsN = 2;
constexpr int64_t kWarpTileM = 32, kWarpTileN = 32;
constexpr int64_t kTileM = kWarpsM * kWarpTileM, kTileN = kWarpsN * kWarpTileN;
constexpr int64_t kTileK = 32;
constexpr int64_t kThreads = kWarpsM * kWarpsN * kWarpSize;
/// Row padding of the shared tiles: rows of kTileK + 8 halves (80 bytes)
/// keep ldmatrix's 16-byte row addresses aligned and put the eight rows of
/// each of its matrices in distinct banks.
constexpr int64_t kPad = 8;
constexpr int64_t kMmaTilesM = kWarpTileM / kMmaM; // 2
constexpr int64_t kMmaTilesN = kWarpTileN / kMmaN; // 4
constexpr int64_t kAccumulators = kMmaTilesM * kMmaTilesN * 4;
/// With wgmma (sm_90a), the block's four warps are one warpgroup, which
/// computes the 64 x 64 tile as m64n64k16 products: the same 32
/// accumulators per thread. Its tiles hold 8 x 8 core matrices (8 rows of
/// 16 bytes, contiguous), k-major and unswizzled: the core matrix of rows
/// 8i.. and columns 8j.. at (i kTileK / 8 + j) x 128 bytes.
using mma::kCoreRows;
static_assert(kThreads == 128, "one warpgroup per block");
static_assert(kTileM == 64 && kTileN == 64, "m64n64k16 products");

/// The loops of a contraction C[batch, m, n] += A[...] * B[...].
struct ContractionLoops {
  unsigned m, n, k;
  SmallVector<unsigned> batch;
};
} // namespace

/// The element type of both inputs if the body of `op` is
/// `out + extf(a) * extf(b)` with f16 or bf16 inputs and an f32 output, or
/// `out + a * b` in f32.
static Type mulAddElement(linalg::LinalgOp op) {
  if (op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1)
    return {};
  Block *body = op.getBlock();
  Value a = body->getArgument(0), b = body->getArgument(1),
        out = body->getArgument(2);
  Type input = a.getType();
  if (!out.getType().isF32() || b.getType() != input ||
      !(input.isF16() || input.isBF16() || input.isF32()))
    return {};
  // (Two extensions of 16-bit inputs,) the product, the sum, the yield:
  // nothing else.
  bool extended = !input.isF32();
  if (body->getOperations().size() != (extended ? 5u : 3u))
    return {};
  auto yield = cast<linalg::YieldOp>(body->getTerminator());
  auto add = yield.getValues()[0].getDefiningOp<arith::AddFOp>();
  if (!add)
    return {};
  Value product = add.getLhs() == out   ? add.getRhs()
                  : add.getRhs() == out ? add.getLhs()
                                        : Value();
  auto mul = product ? product.getDefiningOp<arith::MulFOp>() : nullptr;
  auto extends = [&](Value v, Value arg) {
    if (!extended)
      return v == arg;
    auto ext = v.getDefiningOp<arith::ExtFOp>();
    return ext && ext.getIn() == arg;
  };
  if (!mul || !((extends(mul.getLhs(), a) && extends(mul.getRhs(), b)) ||
                (extends(mul.getLhs(), b) && extends(mul.getRhs(), a))))
    return {};
  return input;
}

/// The roles of the loops of `op` (see the pass description), if it has
/// them.
static std::optional<ContractionLoops> contractionLoops(linalg::LinalgOp op) {
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  AffineMap a = maps[0], b = maps[1], c = maps[2];
  if (!c.isProjectedPermutation())
    return std::nullopt;
  std::optional<unsigned> m, n, k;
  SmallVector<unsigned> parallel;
  for (auto [d, iterator] : llvm::enumerate(op.getIteratorTypesArray())) {
    bool inA = a.isFunctionOfDim(d), inB = b.isFunctionOfDim(d),
         inC = c.isFunctionOfDim(d);
    if (iterator == utils::IteratorType::reduction) {
      if (inC || k)
        return std::nullopt;
      k = d;
      continue;
    }
    if (!inC)
      return std::nullopt;
    parallel.push_back(d);
    // The innermost candidates; earlier ones are batch loops.
    if (inA && !inB)
      m = d;
    if (inB && !inA)
      n = d;
  }
  if (!m || !n || !k)
    return std::nullopt;
  ContractionLoops loops{*m, *n, *k, {}};
  for (unsigned d : parallel)
    if (d != *m && d != *n)
      loops.batch.push_back(d);
  return loops;
}

/// Whether the last (contiguous) dimension of the operand read through
/// `map` is indexed by loop `d` alone.
static bool contiguousAlong(AffineMap map, unsigned d) {
  if (map.getNumResults() == 0)
    return false;
  auto dim = dyn_cast<AffineDimExpr>(map.getResults().back());
  return dim && dim.getPosition() == d;
}

namespace {
/// Builds the kernel of one contraction: host-side sizes, then the body of
/// the gpu.launch.
class KernelBuilder : KernelArith {
public:
  /// With `initial`, C is all `initial` before the op (a fill the caller
  /// removes): the kernel writes C without reading it. With `rounded`, a
  /// buffer indexed as C, the kernel writes C's new values rounded to its
  /// element type there instead of C (the caller removes the rounding).
  /// f32 operands are multiplied as `f32Planes` bf16 planes.
  /// With `wgmma`, the products are wgmma.mma_async (sm_90a) instead of
  /// mma.sync.
  KernelBuilder(OpBuilder &b, linalg::LinalgOp op, ContractionLoops loops,
                Type element, int64_t f32Planes, bool wgmma, Value initial,
                Value rounded)
      : KernelArith(b, op.getLoc()), op(op), loops(std::move(loops)),
        element(element), wgmma(wgmma), initial(initial), rounded(rounded) {
    converted = element.isF32();
    planes = converted ? f32Planes : 1;
    operandType = converted ? b.getBF16Type() : element;
    chunk = 16 / (element.getIntOrFloatBitWidth() / 8);
  }

  void build();

private:
  /// The kernel launch, staging the operands whose `wide` is set 16 bytes
  /// at a time.
  void launch(std::array<bool, 2> wide);
  /// Whether operand `operand` (A or B) has k as its contiguous dimension
  /// (indexed by loop k alone, unit stride) and no other (so that a chunk
  /// along k is contiguous in memory), so that it can be staged 16 bytes
  /// at a time where its buffer is aligned.
  bool contiguousK(unsigned operand);
  /// Host-side: whether every 16-byte chunk of operand `operand` along k
  /// that a tile reads is 16-byte aligned (an aligned start, other strides
  /// and k's size multiples of the chunk's elements).
  Value chunksAligned(unsigned operand);
  /// The indices of operand `operand` at the loop indices `ivs`.
  SmallVector<Value> indices(unsigned operand, ArrayRef<Value> ivs);
  /// Copies the kTileK-deep slice at `k0` of the operand `operand` (A or B)
  /// into the 64 rows of the planes `tile` from `tileRow` (rows along loop
  /// `row`, k contiguous), zeros out of range; with `tokens`, 16 bytes per
  /// cp.async (`nvgpu.device_async_copy`) into the one tile (in the
  /// element type), whose tokens are added there.
  void stage(unsigned operand, unsigned row, Value rowBase, Value rowSize,
             Value k0, ArrayRef<Value> tile, Value tileRow,
             SmallVectorImpl<Value> *tokens);
  /// The planes `tile` of the f32 staging tile `staging`, each thread
  /// splitting the chunks its copies by stage() wrote (so that it needs
  /// only its own wait for them).
  void unpack(Value staging, ArrayRef<Value> tile);
  /// The row and column of the tile that chunk `e` of a slice starts at,
  /// as stage() and unpack() assign them: adjacent threads adjacent chunks
  /// of a row; for cp.async into core matrices, adjacent rows of one (16
  /// bytes apart in shared memory, without bank conflicts).
  std::pair<Value, Value> chunkAt(Value e) {
    int64_t perRow = kTileK / chunk;
    if (wgmma && !converted)
      return mma::corePiece(b, loc, e, perRow, chunk);
    return {div(e, perRow), mul(rem(e, perRow), constant(chunk))};
  }
  /// The indices of element (`row`, `col`) of `tile`.
  SmallVector<Value> tileAt(Value tile, Value row, Value col) {
    return mma::tileIndices(b, loc, tile, row, col);
  }
  /// The products of one slice on mma.sync: `acc` += the tiles' (planes')
  /// products, the slice's rows from `row0`.
  void multiplyWarpTiles(std::array<SmallVector<Value>, 2> &tiles,
                         Value row0, SmallVectorImpl<Value> &acc);
  /// The products of one slice on wgmma.mma_async: `acc` += the tiles'
  /// (planes') products, the slice's rows from `row0`.
  void multiplyWarpgroupTile(std::array<SmallVector<Value>, 2> &tiles,
                             Value row0, SmallVectorImpl<Value> &acc);
  /// The row and column in the block's tile of C of the thread's
  /// accumulator `i`.
  std::pair<Value, Value> accumulatorAt(int64_t i);

  linalg::LinalgOp op;
  ContractionLoops loops;
  /// The operands' element type; the mma operands' (bf16 for f32), and the
  /// number of their planes (mma::splitBF16's for f32).
  Type element, operandType;
  bool wgmma, converted;
  int64_t planes;
  /// Elements per 16-byte copy.
  int64_t chunk;
  Value initial, rounded;
  /// Loop sizes, and the indices of the batch loops within a block.
  SmallVector<Value> sizes, ivs;
  Value thread, lane, warp;
};
} // namespace

SmallVector<Value> KernelBuilder::indices(unsigned operand,
                                          ArrayRef<Value> ivs) {
  AffineMap map = op.getIndexingMapsArray()[operand];
  SmallVector<Value> result;
  for (AffineExpr expr : map.getResults()) {
    if (auto dim = dyn_cast<AffineDimExpr>(expr)) {
      result.push_back(ivs[dim.getPosition()]);
      continue;
    }
    auto single = AffineMap::get(map.getNumDims(), map.getNumSymbols(), expr);
    result.push_back(affine::AffineApplyOp::create(b, loc, single, ivs));
  }
  return result;
}

bool KernelBuilder::contiguousK(unsigned operand) {
  auto type = cast<MemRefType>(op->getOperand(operand).getType());
  AffineMap map = op.getIndexingMapsArray()[operand];
  SmallVector<int64_t> strides;
  int64_t offset;
  // (k in another index too, as in A[m + k, k], would move a chunk's
  // elements off its row.)
  return contiguousAlong(map, loops.k) &&
         llvm::none_of(map.getResults().drop_back(),
                       [&](AffineExpr e) {
                         return e.isFunctionOfDim(loops.k);
                       }) &&
         succeeded(type.getStridesAndOffset(strides, offset)) &&
         strides.back() == 1;
}

Value KernelBuilder::chunksAligned(unsigned operand) {
  Value source = op->getOperand(operand);
  auto metadata = memref::ExtractStridedMetadataOp::create(b, loc, source);
  Value start = add(
      memref::ExtractAlignedPointerAsIndexOp::create(b, loc, source),
      mul(metadata.getOffset(), constant(16 / chunk)));
  Value aligned = cmp(arith::CmpIPredicate::eq, rem(start, 16), constant(0));
  SmallVector<Value> multiples(metadata.getStrides().drop_back());
  multiples.push_back(sizes[loops.k]);
  for (Value v : multiples)
    aligned = arith::AndIOp::create(
        b, loc, aligned,
        cmp(arith::CmpIPredicate::eq, rem(v, chunk), constant(0)));
  // An empty k has no chunk to clamp copies to (the element-wise kernel
  // reads nothing).
  return arith::AndIOp::create(
      b, loc, aligned,
      cmp(arith::CmpIPredicate::ne, sizes[loops.k], constant(0)));
}

void KernelBuilder::stage(unsigned operand, unsigned row, Value rowBase,
                          Value rowSize, Value k0, ArrayRef<Value> tile,
                          Value tileRow, SmallVectorImpl<Value> *tokens) {
  Value source = op->getOperand(operand);
  constexpr int64_t rows = kTileM;
  static_assert(kTileM == kTileN, "A's and B's tiles have as many rows");
  Value kSize = sizes[loops.k];
  Value lastRow = arith::SubIOp::create(b, loc, rowSize, constant(1));
  if (tokens) {
    // Thread chunk e copies 16 bytes at column c of row r; a chunk past
    // the end of k or of the rows reads nothing (zeros), addressed at the
    // last one (k's size is a positive multiple of the chunk, so chunks
    // never straddle it).
    assert(tile.size() == 1 && "cp.async copies into one tile");
    Value lastChunk = arith::SubIOp::create(b, loc, kSize, constant(chunk));
    for (int64_t i = 0; i < rows * (kTileK / chunk) / kThreads; ++i) {
      auto [r, c] = chunkAt(add(thread, constant(i * kThreads)));
      Value globalRow = add(rowBase, r), globalK = add(k0, c);
      Value inRange = arith::AndIOp::create(
          b, loc, less(globalRow, rowSize), less(globalK, kSize));
      SmallVector<Value> at(ivs);
      at[row] = arith::MinUIOp::create(b, loc, globalRow, lastRow);
      at[loops.k] = arith::MinUIOp::create(b, loc, globalK, lastChunk);
      tokens->push_back(copyAsync(
          tile[0], tileAt(tile[0], add(tileRow, r), c), source,
          indices(operand, at), chunk,
          select(inRange, constant(chunk), constant(0))));
    }
    return;
  }
  // Adjacent threads read adjacent elements of the operand's contiguous
  // dimension (coalesced loads).
  bool rowFastest =
      contiguousAlong(op.getIndexingMapsArray()[operand], row);
  Value lastK = arith::SubIOp::create(b, loc, kSize, constant(1));
  Value zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(element));
  for (int64_t i = 0; i < rows * kTileK / kThreads; ++i) {
    Value e = add(thread, constant(i * kThreads));
    Value r = rowFastest ? rem(e, rows) : div(e, kTileK);
    Value c = rowFastest ? div(e, rows) : rem(e, kTileK);
    Value globalRow = add(rowBase, r), globalK = add(k0, c);
    Value inRange = arith::AndIOp::create(b, loc, less(globalRow, rowSize),
                                          less(globalK, kSize));
    // Read in range (clamped), then select: no branch per element.
    SmallVector<Value> at(ivs);
    at[row] = arith::MinUIOp::create(b, loc, globalRow, lastRow);
    at[loops.k] = arith::MinUIOp::create(b, loc, globalK, lastK);
    Value v = memref::LoadOp::create(b, loc, source, indices(operand, at));
    v = arith::SelectOp::create(b, loc, inRange, v, zero);
    mma::storePlanes(b, loc, v, tile, tileAt(tile[0], add(tileRow, r), c));
  }
}

void KernelBuilder::unpack(Value staging, ArrayRef<Value> tile) {
  for (int64_t i = 0; i < kTileM * (kTileK / chunk) / kThreads; ++i) {
    auto [r, c] = chunkAt(add(thread, constant(i * kThreads)));
    // (16-byte chunks of 16-byte aligned rows.)
    Value x = vector::LoadOp::create(
        b, loc, VectorType::get({chunk}, element), staging, ValueRange{r, c},
        /*nontemporal=*/false, llvm::Align(16));
    mma::storePlanes(b, loc, x, tile, tileAt(tile[0], r, c));
  }
}

void KernelBuilder::build() {
  for (Range range : op.createLoopRanges(b, loc))
    sizes.push_back(getValueOrCreateConstantIndexOp(b, loc, range.size));
  // Operands contiguous along k are staged 16 bytes at a time by the
  // kernel that runs where their chunks are aligned (checked on the host);
  // the other kernel loads element by element.
  std::array<bool, 2> wide = {contiguousK(0), contiguousK(1)};
  if (!wide[0] && !wide[1])
    return launch({false, false});
  Value aligned = arith::ConstantIntOp::create(b, loc, 1, 1);
  for (unsigned operand : {0u, 1u})
    if (wide[operand])
      aligned = arith::AndIOp::create(b, loc, aligned,
                                      chunksAligned(operand));
  auto ifAligned = scf::IfOp::create(b, loc, aligned, /*withElseRegion=*/true);
  OpBuilder::InsertionGuard scope(b);
  b.setInsertionPoint(ifAligned.thenBlock()->getTerminator());
  launch(wide);
  b.setInsertionPoint(ifAligned.elseBlock()->getTerminator());
  launch({false, false});
}

std::pair<Value, Value> KernelBuilder::accumulatorAt(int64_t i) {
  // Both layouts give each thread pairs of columns 2t, 2t + 1 of rows g
  // and g + 8 of m16n8 tiles (mma.sync's C fragment): with mma.sync, the
  // 2 x 4 tiles of its warp's 32 x 32 tile; with wgmma, the eight n8 tiles
  // of its warp's 16 rows.
  Value group = div(lane, 4), position = mul(rem(lane, 4), constant(2));
  int64_t r = i % 4, tile = i / 4;
  Value rowBase, colBase;
  if (wgmma) {
    rowBase = mul(warp, constant(kMmaM));
    colBase = constant(tile * kMmaN);
  } else {
    int64_t mt = tile / kMmaTilesN, nt = tile % kMmaTilesN;
    rowBase = add(mul(div(warp, kWarpsN), constant(kWarpTileM)),
                  constant(mt * kMmaM));
    colBase = add(mul(rem(warp, kWarpsN), constant(kWarpTileN)),
                  constant(nt * kMmaN));
  }
  return {add(rowBase, add(group, constant(8 * (r / 2)))),
          add(colBase, add(position, constant(r % 2)))};
}

void KernelBuilder::multiplyWarpTiles(std::array<SmallVector<Value>, 2> &tiles,
                                      Value row0,
                                      SmallVectorImpl<Value> &acc) {
  Value warpM = mul(div(warp, kWarpsN), constant(kWarpTileM));
  Value warpN = mul(rem(warp, kWarpsN), constant(kWarpTileN));
  // ldmatrix row addresses: A's quadrants (rows 0-7, 8-15 at k 0, then at
  // k 8); two of B's n tiles, each as its k halves.
  // Lanes 16-31 address the second column (A) or n (B) half.
  Value secondHalf = mul(div(lane, 16), constant(8));
  Value aRow = add(warpM, rem(lane, 16)), aCol = secondHalf;
  Value bRow = add(warpN, add(secondHalf, rem(lane, 8)));
  Value bCol = mul(rem(div(lane, 8), 2), constant(8));
  // (Fragments and operands are indexed [tile][plane].)
  using Planes = SmallVector<SmallVector<Value>, mma::kMaxPlanes>;
  for (int64_t kk = 0; kk < kTileK; kk += kMmaK) {
    SmallVector<SmallVector<Value, mma::kMaxPlanes>> aFragments(kMmaTilesM),
        bFragments(kMmaTilesN / 2);
    for (int64_t p = 0; p < planes; ++p) {
      for (int64_t mt = 0; mt < kMmaTilesM; ++mt)
        aFragments[mt].push_back(mma::loadMatrices(
            b, loc, tiles[0][p], add(row0, add(aRow, constant(mt * kMmaM))),
            add(aCol, constant(kk))));
      for (int64_t np = 0; np < kMmaTilesN / 2; ++np)
        bFragments[np].push_back(mma::loadMatrices(
            b, loc, tiles[1][p],
            add(row0, add(bRow, constant(np * 2 * kMmaN))),
            add(bCol, constant(kk))));
    }
    for (int64_t mt = 0; mt < kMmaTilesM; ++mt) {
      Planes aOperands;
      for (Value fragment : aFragments[mt])
        aOperands.push_back(mma::aOperands(b, loc, fragment));
      for (int64_t nt = 0; nt < kMmaTilesN; ++nt) {
        Planes bOperands;
        for (Value fragment : bFragments[nt / 2])
          bOperands.push_back(mma::bOperands(b, loc, fragment, nt % 2));
        MutableArrayRef<Value> c =
            MutableArrayRef<Value>(acc).slice((mt * kMmaTilesN + nt) * 4, 4);
        llvm::copy(mma::multiplyAddPlanes(b, loc, operandType, aOperands,
                                          bOperands, SmallVector<Value>(c)),
                   c.begin());
      }
    }
  }
}

void KernelBuilder::multiplyWarpgroupTile(
    std::array<SmallVector<Value>, 2> &tiles, Value row0,
    SmallVectorImpl<Value> &acc) {
  // The accumulators' registers are read by the wgmma from here on.
  NVVM::WgmmaFenceAlignedOp::create(b, loc);
  Value d = mma::accumulatorStruct(b, loc, acc);
  d = mma::wgmmaPlanes(b, loc, operandType, tiles[0], row0, tiles[1], row0,
                       kTileK, kTileM, kTileN, d, /*fresh=*/false);
  NVVM::WgmmaGroupSyncAlignedOp::create(b, loc);
  NVVM::WgmmaWaitGroupSyncOp::create(b, loc, 0);
  llvm::copy(mma::accumulatorValues(b, loc, d), acc.begin());
}

void KernelBuilder::launch(std::array<bool, 2> wide) {
  MLIRContext *ctx = b.getContext();
  OpBuilder::InsertionGuard scope(b);
  Value mSize = sizes[loops.m], nSize = sizes[loops.n];
  Value mTiles = arith::CeilDivUIOp::create(b, loc, mSize, constant(kTileM));
  Value nTiles = arith::CeilDivUIOp::create(b, loc, nSize, constant(kTileN));
  Value blocks = mul(mTiles, nTiles);
  for (unsigned d : loops.batch)
    blocks = mul(blocks, sizes[d]);

  auto shared = gpu::AddressSpaceAttr::get(ctx, gpu::AddressSpace::Workgroup);
  // With an operand copied by cp.async, the next slice's copies fly while
  // this one is multiplied: into the other one of double-buffered tiles;
  // for f32 operands, into f32 staging tiles, which the copying threads
  // split into the planes at the start of the next step.
  bool pipelined = wide[0] || wide[1];
  int64_t stages = pipelined && !converted ? 2 : 1;
  SmallVector<Type> tileTypes;
  for (int64_t rows : {kTileM, kTileN}) {
    SmallVector<int64_t> shape = {stages * rows, kTileK + kPad};
    if (wgmma)
      shape = {stages * rows / kCoreRows, kTileK / kCoreRows, kCoreRows,
               kCoreRows};
    tileTypes.append(planes,
                     MemRefType::get(shape, operandType, AffineMap(), shared));
  }
  std::array<bool, 2> staged = {pipelined && converted && wide[0],
                                pipelined && converted && wide[1]};
  for (unsigned operand : {0u, 1u})
    if (staged[operand])
      tileTypes.push_back(
          MemRefType::get({kTileM, kTileK}, element, AffineMap(), shared));
  auto [kernel, block, blockThread] =
      launchBlocks(blocks, kThreads, /*sharedBytes=*/{}, tileTypes);
  thread = blockThread;
  ArrayRef<BlockArgument> attributions = kernel.getWorkgroupAttributions();
  std::array<SmallVector<Value>, 2> tiles;
  for (unsigned operand : {0u, 1u})
    for (int64_t p = 0; p < planes; ++p)
      tiles[operand].push_back(attributions[operand * planes + p]);
  std::array<Value, 2> staging;
  for (unsigned operand = 0, next = 2 * planes; operand < 2; ++operand)
    if (staged[operand])
      staging[operand] = attributions[next++];

  // The block's tile: n fastest, then m, then the batch loops (the last
  // fastest). Where a batch loop indexes an operand's contiguous
  // dimension (monarch's second product: Z[r, a, j] and Y[r, b, j] along
  // the block j), the batch loops go fastest instead, so that the blocks
  // that share a 32-byte sector of it run together rather than a grid of
  // tiles apart (each reading and writing a few bytes of every sector it
  // touches, the sectors evicted from L2 in between).
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  bool batchFastest = llvm::any_of(loops.batch, [&](unsigned d) {
    return llvm::any_of(maps,
                        [&](AffineMap map) { return contiguousAlong(map, d); });
  });
  Value rest = block;
  Value zeroIndex = constant(0);
  ivs.assign(op.getNumLoops(), zeroIndex);
  auto splitBatch = [&] {
    for (unsigned d : llvm::reverse(loops.batch)) {
      ivs[d] = arith::RemUIOp::create(b, loc, rest, sizes[d]);
      rest = arith::DivUIOp::create(b, loc, rest, sizes[d]);
    }
  };
  if (batchFastest)
    splitBatch();
  Value nBase = mul(arith::RemUIOp::create(b, loc, rest, nTiles),
                    constant(kTileN));
  rest = arith::DivUIOp::create(b, loc, rest, nTiles);
  Value mBase = mul(arith::RemUIOp::create(b, loc, rest, mTiles),
                    constant(kTileM));
  rest = arith::DivUIOp::create(b, loc, rest, mTiles);
  if (!batchFastest)
    splitBatch();

  lane = rem(thread, kWarpSize);
  warp = div(thread, kWarpSize);

  Value zero = initial ? initial
                       : arith::ConstantOp::create(b, loc,
                                                   b.getF32FloatAttr(0));
  SmallVector<Value> init(kAccumulators, zero);
  std::array<Value, 2> bases = {mBase, nBase}, extents = {mSize, nSize};
  std::array<unsigned, 2> rowLoops = {loops.m, loops.n};
  // Where operand `operand`'s copies go: its staging tile, or its (one)
  // tile.
  auto copyTarget = [&](unsigned operand) -> Value {
    return staged[operand] ? staging[operand] : tiles[operand][0];
  };
  // The first slice's copies.
  SmallVector<Value> tokens;
  for (unsigned operand : {0u, 1u})
    if (wide[operand])
      stage(operand, rowLoops[operand], bases[operand], extents[operand],
            zeroIndex, copyTarget(operand), zeroIndex, &tokens);
  Value firstGroup = pipelined ? commitCopies(tokens) : Value();

  auto kLoop = scf::ForOp::create(b, loc, zeroIndex, sizes[loops.k],
                                  constant(kTileK), init);
  b.setInsertionPointToStart(kLoop.getBody());
  Value k0 = kLoop.getInductionVar();
  // The slice's first row in the tiles (buffer k0 / kTileK mod 2).
  Value row0 = zeroIndex;
  Value next = add(k0, constant(kTileK));
  if (pipelined && !converted) {
    // The next slice's copies into the other buffer (which every warp is
    // done with: the previous step's closing barrier), zeros past the end;
    // then this slice's are waited for.
    Value nextRow0;
    std::tie(row0, nextRow0) = bufferRows(k0, zeroIndex, kTileK, kTileM);
    SmallVector<Value> nextTokens;
    for (unsigned operand : {0u, 1u})
      if (wide[operand])
        stage(operand, rowLoops[operand], bases[operand], extents[operand],
              next, tiles[operand], nextRow0, &nextTokens);
    waitCopies(commitCopies(nextTokens), /*pending=*/1);
  } else if (pipelined) {
    // This slice's copies, split into the planes by the threads that made
    // them.
    waitCopies(firstGroup, /*pending=*/0);
    for (unsigned operand : {0u, 1u})
      if (wide[operand])
        unpack(staging[operand], tiles[operand]);
  }
  for (unsigned operand : {0u, 1u})
    if (!wide[operand])
      stage(operand, rowLoops[operand], bases[operand], extents[operand], k0,
            tiles[operand], row0, nullptr);
  // wgmma reads the tiles through the async proxy: each thread's writes
  // (its stores, its landed copies) are made visible to it first.
  if (wgmma)
    mma::fenceForWgmma(b, loc);
  gpu::BarrierOp::create(b, loc);
  if (pipelined && converted) {
    // Every thread is done with the staging tiles: the next slice's copies
    // into them.
    SmallVector<Value> nextTokens;
    for (unsigned operand : {0u, 1u})
      if (wide[operand])
        stage(operand, rowLoops[operand], bases[operand], extents[operand],
              next, staging[operand], zeroIndex, &nextTokens);
    commitCopies(nextTokens);
  }

  SmallVector<Value> acc(kLoop.getRegionIterArgs());
  if (wgmma)
    multiplyWarpgroupTile(tiles, row0, acc);
  else
    multiplyWarpTiles(tiles, row0, acc);
  // The tiles are overwritten at the next step only when every warp is
  // done with them.
  gpu::BarrierOp::create(b, loc);
  scf::YieldOp::create(b, loc, acc);

  // C += the accumulators, where in range; no copy outlives the kernel
  // (the last step's prefetch, or the first slice's when k is empty).
  b.setInsertionPointAfter(kLoop);
  if (pipelined)
    waitCopies(firstGroup, /*pending=*/0);
  Value output = op.getDpsInits()[0];
  for (int64_t i = 0; i < kAccumulators; ++i) {
    auto [tileRow, tileCol] = accumulatorAt(i);
    Value row = add(mBase, tileRow), col = add(nBase, tileCol);
    Value inRange = arith::AndIOp::create(b, loc, less(row, mSize),
                                          less(col, nSize));
    auto store = scf::IfOp::create(b, loc, inRange, false);
    OpBuilder::InsertionGuard scope(b);
    b.setInsertionPoint(store.thenBlock()->getTerminator());
    SmallVector<Value> at(ivs);
    at[loops.m] = row;
    at[loops.n] = col;
    SmallVector<Value> index = indices(2, at);
    Value sum = kLoop.getResult(i);
    if (!initial)
      sum = arith::AddFOp::create(
          b, loc, memref::LoadOp::create(b, loc, output, index), sum);
    if (rounded)
      storeF32(sum, rounded, index);
    else
      memref::StoreOp::create(b, loc, sum, output, index);
  }
}

/// The fill of `op`'s output just before it (nothing with memory effects
/// in between), which the kernel can take over: C's every element is
/// written once, so C = fill + A B needs no read of C.
static linalg::FillOp initializingFill(linalg::LinalgOp op) {
  Value output = op.getDpsInits()[0];
  for (Operation *prev = op->getPrevNode(); prev;
       prev = prev->getPrevNode()) {
    if (auto fill = dyn_cast<linalg::FillOp>(prev))
      return fill.getDpsInits()[0] == output &&
                     fill.getInputs()[0].getType().isF32()
                 ? fill
                 : nullptr;
    if (!isMemoryEffectFree(prev))
      return nullptr;
  }
  return nullptr;
}

/// The rounding of `op`'s output C that follows it: an elementwise
/// linalg.generic (identity maps) that reads C, or a collapse_shape of it,
/// and writes `arith.truncf` of it into a fresh buffer, with nothing but
/// allocations and pure ops in between and no other reader of C. Returns
/// the generic, or null.
static linalg::GenericOp followingRounding(linalg::LinalgOp op) {
  Value output = op.getDpsInits()[0];
  // C must be a local buffer of static shape (any view of it is then one of
  // its users, checked below).
  if (!output.getDefiningOp<memref::AllocOp>() ||
      !cast<MemRefType>(output.getType()).hasStaticShape())
    return nullptr;
  for (Operation *next = op->getNextNode(); next;
       next = next->getNextNode()) {
    auto generic = dyn_cast<linalg::GenericOp>(next);
    if (!generic) {
      if (isa<memref::AllocOp>(next) || isMemoryEffectFree(next))
        continue;
      return nullptr;
    }
    if (generic.getNumDpsInputs() != 1 || generic.getNumDpsInits() != 1 ||
        !llvm::all_of(generic.getIndexingMapsArray(),
                      [](AffineMap m) { return m.isIdentity(); }) ||
        generic.getNumReductionLoops() != 0)
      return nullptr;
    Value in = generic.getDpsInputs()[0];
    auto collapse = in.getDefiningOp<memref::CollapseShapeOp>();
    if (in != output && !(collapse && collapse.getSrc() == output &&
                          collapse->hasOneUse()))
      return nullptr;
    Block *body = generic.getBlock();
    auto trunc = dyn_cast<arith::TruncFOp>(&body->front());
    if (body->getOperations().size() != 2 || !trunc ||
        trunc.getRoundingmodeAttr() ||
        trunc.getFastmath().value_or(arith::FastMathFlags::none) !=
            arith::FastMathFlags::none ||
        trunc.getIn() != body->getArgument(0) ||
        cast<linalg::YieldOp>(body->getTerminator()).getValues()[0] !=
            trunc.getResult())
      return nullptr;
    // A fresh buffer (allocated after op, so no alias of its operands),
    // static and contiguous (it moves before op).
    auto alloc = generic.getDpsInits()[0].getDefiningOp<memref::AllocOp>();
    if (!alloc || alloc->getNumOperands() != 0 ||
        alloc->getBlock() != op->getBlock() ||
        !op->isBeforeInBlock(alloc) ||
        !alloc.getType().getLayout().isIdentity())
      return nullptr;
    // C's other users: op, its fill, the rounding, deallocations.
    for (Operation *user : output.getUsers())
      if (user != op.getOperation() && user != collapse.getOperation() &&
          user != generic.getOperation() &&
          !isa<linalg::FillOp, memref::DeallocOp>(user))
        return nullptr;
    return generic;
  }
  return nullptr;
}

/// Where the kernel of `op` writes the values `rounding` would round: its
/// output buffer (moved before `op`), through an expand_shape where the
/// rounding read a collapse_shape of C.
static Value roundedTarget(OpBuilder &b, linalg::LinalgOp op,
                           linalg::GenericOp rounding) {
  Value target = rounding.getDpsInits()[0];
  target.getDefiningOp()->moveBefore(op);
  auto collapse =
      rounding.getDpsInputs()[0].getDefiningOp<memref::CollapseShapeOp>();
  if (!collapse)
    return target;
  auto cType = cast<MemRefType>(collapse.getSrc().getType());
  auto type = MemRefType::get(cType.getShape(),
                              cast<MemRefType>(target.getType())
                                  .getElementType());
  return memref::ExpandShapeOp::create(b, op.getLoc(), type, target,
                                       collapse.getReassociationIndices());
}

namespace {
struct SSMTensorCoreContractionsPass
    : mlir::ssm::impl::SSMTensorCoreContractionsBase<
          SSMTensorCoreContractionsPass> {
  using SSMTensorCoreContractionsBase::SSMTensorCoreContractionsBase;

  void runOnOperation() override {
    if (f32Planes < 0 || f32Planes > mma::kMaxPlanes) {
      getOperation().emitError("ssm-tensor-core-contractions: f32-planes "
                               "must be 0 (f32 left alone) to ")
          << mma::kMaxPlanes << ", not " << int64_t(f32Planes);
      return signalPassFailure();
    }
    if (!::ssm::hasTensorCores(chip))
      return;
    SmallVector<linalg::LinalgOp> candidates;
    getOperation()->walk([&](linalg::LinalgOp op) {
      // Loops that become kernels run their ops per thread.
      if (op->getParentOfType<scf::ParallelOp>() ||
          op->getParentOfType<scf::ForallOp>() ||
          op->getParentOfType<gpu::LaunchOp>() ||
          !op.hasPureBufferSemantics())
        return;
      candidates.push_back(op);
    });
    // Ops erased with a rewritten one (its fill, its rounding) are skipped.
    DenseSet<Operation *> erased;
    for (linalg::LinalgOp op : candidates) {
      if (erased.contains(op))
        continue;
      Type element = mulAddElement(op);
      if (!element || (element.isF32() && f32Planes == 0))
        continue;
      std::optional<ContractionLoops> loops = contractionLoops(op);
      if (!loops)
        continue;
      OpBuilder b(op);
      linalg::FillOp fill = initializingFill(op);
      // Only with the fill taken over: the kernel then never reads C, so no
      // later step (a loop around op) can expect C to hold its sum.
      linalg::GenericOp rounding = fill ? followingRounding(op) : nullptr;
      Value rounded = rounding ? roundedTarget(b, op, rounding) : Value();
      Value output = op.getDpsInits()[0];
      KernelBuilder(b, op, *loops, element, f32Planes,
                    useWgmma && chip == "sm_90a",
                    fill ? fill.getInputs()[0] : Value(), rounded)
          .build();
      auto erase = [&](Operation *dead) {
        erased.insert(dead);
        dead->erase();
      };
      erase(op);
      if (fill)
        erase(fill);
      if (rounding) {
        // C is no longer written or read: the rounding, and C's buffer
        // (with its other fills and deallocations), go.
        Value in = rounding.getDpsInputs()[0];
        erase(rounding);
        if (in != output && in.use_empty())
          erase(in.getDefiningOp());
        if (llvm::all_of(output.getUsers(), [](Operation *user) {
              return isa<memref::DeallocOp, linalg::FillOp>(user);
            })) {
          for (Operation *user : llvm::make_early_inc_range(output.getUsers()))
            erase(user);
          erase(output.getDefiningOp());
        }
      }
    }
  }
};
} // namespace
