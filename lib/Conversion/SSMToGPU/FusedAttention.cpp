//===- FusedAttention.cpp - Attention as one flash kernel -----------------===//
//
// See the pass description in Passes.td; the fragment layouts are in
// MmaFragments.h. The kernel is FlashAttention-2's forward pass: with
// mma.sync, a block of 4 warps per (batch, head, 128 queries), each warp
// two tiles of 16 query rows (one for f32 with head sizes over 64). A warp's S
// = Q K^T accumulators (C layout) hold, per lane, the pairs of columns 2t, 2t+1
// of rows g and g + 8 of each 8-key tile, which is exactly what the A operand
// of P V needs of two adjacent tiles: P goes from the softmax to the next
// product in registers.
//
// f32 operands are held as the bf16 planes of mma::splitBF16 (shared
// tiles, fragments and P alike; 3 by default), each product as the
// products of planes i and j with i + j < planes (mma::multiplyAddPlanes):
// tensor cores at about f32's precision, and its range. With more than 64
// per head, a warp has one row tile (64 queries per block).
//
// On sm_90a, S = Q K^T is wgmma of a warpgroup (multiplyScores) on K's
// tile held as core matrices; the warpgroup's row tile mt is its rows 64
// mt.., warp w's 16 of them from 16 w, and its accumulators lie as
// mma.sync's C did, so the softmax is unchanged. With 16-bit operands
// (BlockLayout) the block is two warpgroups of one row tile per warp that
// share 128 keys per step in two key groups; Q comes from registers
// (loaded once; in the element-wise variant, from its tile), and P V is
// wgmma as well (multiplyValues), A from the registers that hold P
// (mma.sync's A layout, per warp), B from V's tile of core matrices read
// MN-major; each key group's products are a group, so that one group's
// P V runs while the next one's softmax does. f32 operands keep a
// warpgroup of two row tiles (one over head size 64), S from Q's tile and
// P V on mma.sync.
//
//===----------------------------------------------------------------------===//

#include "ssm/Conversion/Passes.h"
#include "ssm/Support/Chips.h"
#include "ssm/Dialect/SSM/IR/SSMOps.h"

#include "FusedKernels.h"
#include "KernelArith.h"
#include "MmaFragments.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"

#include <cmath>
#include <limits>

namespace mlir::ssm {
#define GEN_PASS_DEF_SSMFUSEDATTENTION
#include "ssm/Conversion/Passes.h.inc"
} // namespace mlir::ssm

using namespace mlir;
using namespace mlir::ssm;

namespace {
/// A warpgroup's warps (wgmma's unit).
constexpr int64_t kGroupWarps = 4;

/// Row padding of the shared tiles (8 halves: 16-byte aligned rows whose
/// ldmatrix reads fall in distinct banks for the head sizes allowed).
constexpr int64_t kPad = 8;
using mma::kCoreRows;
/// The largest head sizes: per row tile, a thread holds Ev / 2 output
/// accumulators and blockK / 2 scores in registers.
constexpr int64_t kMaxHeadSize = 128;
/// A head size as the tiles hold it: up to a multiple of the products'
/// depth, the columns past the head zeros (which add nothing to Q K^T,
/// and make P V's columns that are not stored).
static int64_t padded(int64_t size) { return llvm::alignTo(size, mma::kK); }
/// The keys per step that block-keys may ask for: multiples of 16 (P's
/// fragments) up to 128, or 0 (blockKeys() chooses).
constexpr int64_t kMaxBlockKeys = 128;
/// Keys per step: `requested` (ssm-fused-attention's block-keys) or by
/// default 64, or 32 when a (padded) head size exceeds 32, which keeps a
/// thread's registers free of spills with two row tiles and the cp.async
/// addresses of the next step (for E = Ev = 128: 128 accumulators and 32
/// scores; ptxas allots about 250 registers with mma.sync; at E = 64, 64
/// keys spilled a few words).
/// Where P V is wgmma (`wgmmaValues`), 128 keys by default: a thread of
/// its two warpgroups holds one row tile, and the score products are m64
/// x n64 (with fewer keys per product, Q's reads from shared memory
/// rather than the tensor cores would bound them).
static int64_t blockKeys(int64_t E, int64_t Ev, int64_t requested,
                         bool wgmmaValues) {
  if (requested > 0)
    return requested;
  if (wgmmaValues)
    return kMaxBlockKeys;
  return std::max(padded(E), padded(Ev)) > 32 ? 32 : 64;
}
static bool isBlockKeys(int64_t keys) {
  return keys >= 0 && keys <= kMaxBlockKeys && keys % (2 * mma::kN) == 0;
}
/// Whether P V is wgmma: on sm_90a (`wgmma`) with 16-bit operands. f32
/// ones, whose P takes up to three planes of registers that wgmma holds
/// until its wait, spill with it: theirs is mma.sync, on V's tile
/// row-major, whatever the planes (sharedTiles() and the kernel agree
/// through this one test).
static bool valuesOnWgmma(bool wgmma, Type element) {
  return wgmma && !element.isF32();
}
/// The buffers of K's and V's tiles: two where the next step's copies
/// fly while this step computes (`pipelined`, but for f32 operands,
/// which have staging tiles instead) and, where P V is wgmma, in the
/// element-wise variant too, whose loop then reads the tiles from a row
/// that changes from step to step: with one buffer, LLVM kept every
/// matrix descriptor of K and V in registers across the loop, and ptxas
/// spilled 2 KB at E = 128.
static int64_t keyBuffers(bool pipelined, bool wgmma, Type element) {
  return (pipelined || valuesOnWgmma(wgmma, element)) && !element.isF32() ? 2
                                                                          : 1;
}
/// A launch's block: `warps` warps (a warpgroup, or two where P V is
/// wgmma, which share K's and V's tiles), each with `rowTiles` tiles of 16
/// query rows; a step's keys in `keyGroups` groups, each with its own wgmma
/// groups of S = Q K^T and P V (where they are wgmma), so that one key
/// group's P V and the next one's scores run while a softmax does.
struct BlockLayout {
  int64_t warps, rowTiles, keyGroups;
  int64_t threads() const { return warps * mma::kWarpSize; }
  /// Queries per block.
  int64_t rows() const { return warps * rowTiles * mma::kM; }
};
/// Whether rows of `size` elements of `element` are whole 16-byte pieces
/// (which the variant that stages 16 bytes at a time needs).
static bool wholePieces(int64_t size, Type element) {
  return size * element.getIntOrFloatBitWidth() % 128 == 0;
}
/// How far (in base 2) a row's scores may exceed its running maximum
/// before the maximum moves: P's values stay below 2^8 = 256, well within
/// f16's and bf16's range and as precise as below 1, and most steps skip
/// rescaling the outputs (FlashAttention-4's conditional rescaling).
constexpr double kRescaleThreshold = 8.0;
/// Splitting the keys (flash decoding): at least this many steps per
/// split, and blocks enough to keep every SM busy twice over (the target
/// description's SMs; an H100's 132 where there is none).
constexpr int64_t kMinStepsPerSplit = 4;
constexpr int64_t kBlocksPerSM = 2;
constexpr int64_t kDefaultFillBlocks = kBlocksPerSM * 132;
static int64_t fillBlocks(StringRef chip) {
  if (std::optional<TargetDesc> target = fused::describedChip(chip))
    return kBlocksPerSM * target->parallelUnits;
  return kDefaultFillBlocks;
}

/// f32 operands' bf16 planes (mma::splitBF16): 3 by default (about f32's
/// precision).
constexpr int64_t kDefaultF32Planes = 3;
/// The largest head sizes of f32 operands with two row tiles per warp.
constexpr int64_t kMaxF32PairedHeadSize = 64;
/// The L2 cache where the chip has no target description: an H100's.
constexpr int64_t kDefaultL2Bytes = int64_t(50) << 20;
/// The share of the L2 that the keys and values of a section of heads
/// (causal block order, FlashKernel::tileOf) may take: half, the rest left
/// to Q's and the output's streams and to the blocks of the next section.
constexpr int64_t kL2SectionShare = 2;

/// The shared memory of a block where the chip has no target description:
/// 99 KB, the least that chips from sm_80 on allow (sm_86, sm_89).
constexpr int64_t kDefaultSharedBytes = 99 * 1024;

/// What the kernel computes besides its operands: the attributes of the
/// attention op, and how.
struct FlashParams {
  bool causal;
  double scale;
  /// 0: no window.
  int64_t window;
  /// Key splits: 0 chooses at run time (more than 1 where the blocks of
  /// (batch, head, queries) are fewer than `fillBlocks`), n > 0 forces n.
  int64_t splits = 0;
  int64_t fillBlocks = kDefaultFillBlocks;
  /// The planes of f32 operands.
  int64_t f32Planes = kDefaultF32Planes;
  /// Keys per step (0: blockKeys() chooses).
  int64_t blockKeys = 0;
  /// The planes of operands of `element` (one for f16/bf16).
  int64_t planesOf(Type element) const {
    return element.isF32() ? f32Planes : 1;
  }
  /// The shared memory a block may use.
  int64_t sharedBytes = kDefaultSharedBytes;
  /// The chip's L2 cache (the causal block order's sections of heads).
  int64_t l2Bytes = kDefaultL2Bytes;
  /// S = Q K^T (and for 16-bit operands P V) by the warpgroup's
  /// wgmma.mma_async (sm_90a).
  bool wgmma = false;

  static FlashParams of(AttentionOp op) {
    int64_t E = cast<ShapedType>(op.getQ().getType()).getDimSize(3);
    double scale = op.getScaleAttr() ? op.getScaleAttr().getValueAsDouble()
                                     : 1.0 / std::sqrt(static_cast<double>(E));
    return {op.getCausal(), scale,
            static_cast<int64_t>(op.getWindow().value_or(0))};
  }
  DictionaryAttr toAttr(Builder &b) const {
    return b.getDictionaryAttr(
        {b.getNamedAttr("causal", b.getBoolAttr(causal)),
         b.getNamedAttr("scale", b.getF64FloatAttr(scale)),
         b.getNamedAttr("window", b.getI64IntegerAttr(window)),
         b.getNamedAttr("splits", b.getI64IntegerAttr(splits)),
         b.getNamedAttr("fill_blocks", b.getI64IntegerAttr(fillBlocks)),
         b.getNamedAttr("f32_planes", b.getI64IntegerAttr(f32Planes)),
         b.getNamedAttr("block_keys", b.getI64IntegerAttr(blockKeys)),
         b.getNamedAttr("shared_bytes", b.getI64IntegerAttr(sharedBytes)),
         b.getNamedAttr("l2_bytes", b.getI64IntegerAttr(l2Bytes)),
         b.getNamedAttr("wgmma", b.getBoolAttr(wgmma))});
  }
  static std::optional<FlashParams> fromAttr(DictionaryAttr attr) {
    auto causal = attr.getAs<BoolAttr>("causal");
    auto scale = attr.getAs<FloatAttr>("scale");
    auto window = attr.getAs<IntegerAttr>("window");
    if (!causal || !scale || !window)
      return std::nullopt;
    FlashParams params{causal.getValue(), scale.getValueAsDouble(),
                       window.getInt()};
    // (The others may be left out: their defaults.)
    for (auto [name, field, least, most] :
         {std::tuple{"splits", &params.splits, int64_t(0), INT64_MAX},
          std::tuple{"fill_blocks", &params.fillBlocks, int64_t(1), INT64_MAX},
          std::tuple{"f32_planes", &params.f32Planes, int64_t(1),
                     mma::kMaxPlanes},
          std::tuple{"block_keys", &params.blockKeys, int64_t(0),
                     kMaxBlockKeys},
          std::tuple{"shared_bytes", &params.sharedBytes, int64_t(1),
                     INT64_MAX},
          std::tuple{"l2_bytes", &params.l2Bytes, int64_t(1), INT64_MAX}}) {
      auto value = attr.getAs<IntegerAttr>(name);
      if (!value)
        continue;
      if (value.getInt() < least || value.getInt() > most)
        return std::nullopt;
      *field = value.getInt();
    }
    if (!isBlockKeys(params.blockKeys))
      return std::nullopt;
    if (Attribute wgmma = attr.get("wgmma")) {
      auto value = dyn_cast<BoolAttr>(wgmma);
      if (!value)
        return std::nullopt;
      params.wgmma = value.getValue();
    }
    return params;
  }
};

/// The shared tiles of the kernel variant for q and v of types `qType` and
/// `vType` with `blockQ` queries per block, in the order they are laid
/// out: the planes of Q's, K's and V's tiles (f16/bf16, padded head sizes,
/// rows padded by kPad); when `pipelined`, K's and V's double-buffered, or
/// for f32 operands (which cp.async cannot convert), their f32 staging
/// tiles (head sizes as they are). With `wgmma`, Q's and K's tiles, and
/// V's but for f32 operands, are wgmma's 8 x 8 core matrices ([rows /
/// 8][columns / 8][8][8], unpadded: k-major for Q K^T, MN-major for P V).
static SmallVector<MemRefType> sharedTiles(ShapedType qType, ShapedType vType,
                                           int64_t planes, int64_t blockQ,
                                           int64_t blockK, bool pipelined,
                                           bool wgmma) {
  Type element = qType.getElementType();
  MLIRContext *ctx = element.getContext();
  bool converted = element.isF32();
  Type operand = converted ? BFloat16Type::get(ctx) : element;
  int64_t E = qType.getDimSize(3), Ev = vType.getDimSize(3);
  int64_t stages = keyBuffers(pipelined, wgmma, element);
  auto shared = gpu::AddressSpaceAttr::get(ctx, gpu::AddressSpace::Workgroup);
  SmallVector<MemRefType> tiles;
  for (auto [rows, columns] : {std::pair{blockQ, padded(E)},
                               std::pair{stages * blockK, padded(E)},
                               std::pair{stages * blockK, padded(Ev)}}) {
    SmallVector<int64_t> shape = {rows, columns + kPad};
    // (V's only where P V is wgmma.)
    if (wgmma &&
        (tiles.size() < 2 * size_t(planes) || valuesOnWgmma(wgmma, element)))
      shape = {rows / kCoreRows, columns / kCoreRows, kCoreRows, kCoreRows};
    tiles.append(planes,
                 MemRefType::get(shape, operand, AffineMap(), shared));
  }
  if (pipelined && converted)
    for (int64_t columns : {E, Ev})
      tiles.push_back(
          MemRefType::get({blockK, columns}, element, AffineMap(), shared));
  return tiles;
}
/// The bytes of `tiles`, one after the other.
static int64_t bytesOf(ArrayRef<MemRefType> tiles) {
  int64_t bytes = 0;
  for (MemRefType type : tiles)
    bytes += type.getNumElements() *
             type.getElementType().getIntOrFloatBitWidth() / 8;
  return bytes;
}

/// A warp's mma operand registers per plane (fragments are indexed [row
/// tile][plane]).
using Fragments = SmallVector<SmallVector<Value>, 2>;

/// Builds the kernel of one attention op.
class FlashKernel : KernelArith {
public:
  FlashKernel(OpBuilder &b, Location loc, FlashParams params, Value q,
              Value k, Value v, Value out)
      : KernelArith(b, loc), params(params), q(q), k(k), v(v), out(out) {
    auto qType = cast<MemRefType>(q.getType());
    element = qType.getElementType();
    planes = params.planesOf(element);
    operandType = element.isF32() ? b.getBF16Type() : element;
    E = qType.getDimSize(3);
    Ev = cast<MemRefType>(v.getType()).getDimSize(3);
    Ep = padded(E);
    Evp = padded(Ev);
    blockK = blockKeys(E, Ev, params.blockKeys, wgmmaValues());
  }

  /// The kernel launch(es), at the builder's insertion point.
  void build();

private:
  /// One kernel launch of blocks laid out as `blockLayout`, staging
  /// `elementsPerLoad` elements at a time (with mma.sync, each K and V
  /// fragment that a warp loads from shared memory feeds its row tiles'
  /// products), at the builder's insertion point, which it leaves there.
  void launch(int64_t elementsPerLoad, BlockLayout blockLayout);
  /// The query tile and the (batch, head) pair (batch major) of the
  /// `tile`th of the launch's B x H x `qTiles` tiles; with `longestFirst`
  /// (causal), the tiles whose queries see the most keys first.
  std::pair<Value, Value> tileOf(Value tile, Value qTiles, bool longestFirst);
  /// The outputs from the splits' partial results (splits > 1).
  void combine();
  /// The maximum (or sum) of `x` over the four lanes of a quad, which hold
  /// the same rows.
  Value quadReduce(Value x, bool sum);
  /// 2^x (0 for x = -inf: a masked score, or a row that saw nothing yet).
  /// Scores are kept in base 2 (scaled by log2(e) with the op's scale), so
  /// that each exponential is one ex2 instruction.
  Value exp2(Value x);
  /// Copies `rows` rows from `rowBase` of `source[batch, head, :, :]`
  /// (`width` wide, `rowSize` rows in all) into the planes `tile` from row
  /// `tileRow` (0 if null), zeros past the end, `vector` elements at a
  /// time: with `tokens`, by cp.async into the one tile (in the element
  /// type), whose tokens are added there; else by loads (of 16 bytes where
  /// `vector` > 1).
  /// With `wholeRows` (rowBase + rows <= rowSize, which the caller has
  /// checked) and tokens, the copies neither clamp nor guard their rows.
  void stage(Value source, Value head, Value rowBase, Value rowSize,
             int64_t rows, int64_t width, ArrayRef<Value> tile,
             Value tileRow = {}, SmallVectorImpl<Value> *tokens = nullptr,
             bool wholeRows = false);
  /// The planes `tile` of the f32 staging tile `raw` (`rows` x `width`,
  /// whole rounds of pieces for the threads), each thread splitting the
  /// elements that its copies by stage() wrote (so that it needs only its
  /// own wait for them).
  void unpack(Value raw, int64_t rows, int64_t width, ArrayRef<Value> tile);
  /// Zeros in columns [`width`, `paddedWidth`) of the `rows` rows of the
  /// planes `tile` (which no staging writes).
  void clearPadding(ArrayRef<Value> tile, int64_t rows, int64_t width,
                    int64_t paddedWidth);
  /// The row and column that `vector`-element piece `e` of a tile `width`
  /// wide starts at, as stage() and unpack() assign them: adjacent threads
  /// adjacent pieces of a row; for 16-byte pieces of `tile` made of core
  /// matrices, adjacent rows of one (16 bytes apart in shared memory).
  std::pair<Value, Value> piece(Value e, int64_t width, Value tile = {}) {
    int64_t perRow = width / vector;
    if (tile && cast<MemRefType>(tile.getType()).getRank() == 4 &&
        vector == kCoreRows)
      return mma::corePiece(b, loc, e, perRow, vector);
    return {div(e, perRow), mul(rem(e, perRow), constant(vector))};
  }
  /// The indices of element (`row`, `col`) of `tile`.
  SmallVector<Value> at(Value tile, Value row, Value col) {
    return mma::tileIndices(b, loc, tile, row, col);
  }
  /// The block's first query row of the warpgroup's row tile `mt` (with
  /// wgmma: the rows of its products).
  Value groupRow(int64_t mt) {
    return add(
        mul(warpgroup, constant(layout.rowTiles * kGroupWarps * mma::kM)),
        constant(mt * kGroupWarps * mma::kM));
  }
  /// The block's first query row of the warp's row tile `mt`: with wgmma,
  /// warp w's 16 rows of the warpgroup's (its rows of wgmma's
  /// accumulators), else the warp's rows one tile after the other.
  Value tileRow(int64_t mt) {
    if (params.wgmma)
      return add(groupRow(mt), mul(warpInGroup, constant(mma::kM)));
    return add(mul(warp, constant(layout.rowTiles * mma::kM)),
               constant(mt * mma::kM));
  }
  /// S = Q K^T on wgmma, per row tile mt and key group kg (in that order):
  /// the products of Q's rows groupRow(mt).. and the keys of K's tiles from
  /// `row0` plus kg's, each a struct of a thread's accumulators and a group
  /// committed, not waited for. Q from `qTile` or, where `qRegisters` has
  /// them, from registers: qRegisters[mt][kk] the four of row tile mt for
  /// columns 16 kk.. (16-bit operands).
  SmallVector<Value> multiplyScores(ArrayRef<Value> qTile,
                                    ArrayRef<Value> kTile, Value row0,
                                    ArrayRef<Fragments> qRegisters);
  /// Row tile accumulators `d` (a struct) plus P V on wgmma (a struct of
  /// them, a group committed, not waited for): A (P) from registers,
  /// `a[kk][p]` the four of plane p for keys 16 kk..; B (V) MN-major from
  /// `vTile`'s row `row0`.
  Value multiplyValues(ArrayRef<Fragments> a, ArrayRef<Value> vTile, Value row0,
                       Value d);
  /// Whether P V is wgmma (valuesOnWgmma).
  bool wgmmaValues() const { return valuesOnWgmma(params.wgmma, element); }
  /// `y` in the element type.
  Value toElement(Value y) {
    return element.isF32() ? y
                           : arith::TruncFOp::create(b, loc, element, y)
                                 .getResult();
  }

  FlashParams params;
  Value q, k, v, out;
  /// The operands' element type; the mma operands' (bf16 for f32), and the
  /// number of their planes (mma::splitBF16's for f32).
  Type element, operandType;
  int64_t planes;
  /// The head sizes, as they are and padded.
  int64_t E, Ev, Ep, Evp;
  int64_t blockK;
  /// The launch's block (launch()).
  BlockLayout layout{kGroupWarps, 1, 1};
  /// The thread's warp, its warpgroup, and its warp in that.
  Value thread, warp, warpgroup, warpInGroup, batch;
  /// The sizes of q and k (batch, heads, queries; kv heads, keys).
  Value B, H, Lq, Hk, Lk;
  /// Elements per load when staging tiles: 16 bytes' worth, or 1.
  int64_t vector = 1;
  /// The key splits (index, at least 1), and with more than one the
  /// partial results: each split's unnormalized outputs [split, batch,
  /// head, query, Ev] and its rows' maxima and sums [.., query, 2], f32.
  Value splits, partialO, partialML;
};
} // namespace

Value FlashKernel::quadReduce(Value x, bool sum) {
  for (int32_t offset : {1, 2}) {
    Value other =
        gpu::ShuffleOp::create(b, loc, x, offset, mma::kWarpSize,
                               gpu::ShuffleMode::XOR)
            .getShuffleResult();
    x = sum ? arith::AddFOp::create(b, loc, x, other).getResult()
            : arith::MaximumFOp::create(b, loc, x, other).getResult();
  }
  return x;
}

Value FlashKernel::exp2(Value x) {
  // One ex2.approx.ftz for 16-bit operands; f32 ones keep the exp2 that
  // keeps subnormals (and their kernels' registers: with the approximate
  // one, ptxas spills 8 bytes at E = 64 for sm_80).
  return element.isF32() ? math::Exp2Op::create(b, loc, x).getResult()
                         : fastExp2(x);
}

void FlashKernel::stage(Value source, Value head, Value rowBase, Value rowSize,
                        int64_t rows, int64_t width, ArrayRef<Value> tile,
                        Value tileRow, SmallVectorImpl<Value> *tokens,
                        bool wholeRows) {
  assert((!tokens || (vector > 1 && tile.size() == 1)) &&
         "cp.async copies 16 bytes into one tile");
  if (!tileRow)
    tileRow = constant(0);
  // Thread piece e moves `vector` elements at column c of row r; adjacent
  // threads read adjacent elements of a row (coalesced). Rows past the end
  // read the last one and become zeros.
  int64_t count = rows * (width / vector);
  int64_t steps = llvm::divideCeilSigned(count, layout.threads());
  if (tokens && wholeRows) {
    // Where every round of the threads' pieces starts a whole number of
    // rows (of core matrices' rows) on, piece e + i threads is piece e's
    // rows + i rowStep: each copy's indices are the first one's plus
    // constants, which LLVM folds into the addresses' immediate offsets
    // (with the clamps, some ten instructions per copy).
    int64_t perRow = width / vector;
    bool core = cast<MemRefType>(tile[0].getType()).getRank() == 4;
    int64_t period = core && vector == kCoreRows ? kCoreRows * perRow : perRow;
    int64_t rowStep = layout.threads() / perRow;
    if (count % layout.threads() == 0 && layout.threads() % period == 0 &&
        (!core || rowStep % kCoreRows == 0)) {
      auto [r, c] = piece(thread, width, tile[0]);
      SmallVector<Value> first = this->at(tile[0], r, c);
      // Rows of 8 core matrices' rows where the tile is of core matrices
      // (tileRow and rowStep are multiples of 8).
      int64_t rowUnit = core ? kCoreRows : 1;
      Value tileShift = core ? div(tileRow, kCoreRows) : tileRow;
      Value sourceRow = add(rowBase, r);
      for (int64_t i = 0; i < steps; ++i) {
        SmallVector<Value> to = first;
        to[0] = add(to[0], add(tileShift, constant(i * rowStep / rowUnit)));
        tokens->push_back(
            copyAsync(tile[0], to, source,
                      {batch, head, add(sourceRow, constant(i * rowStep)), c},
                      vector, constant(vector)));
      }
      return;
    }
  }
  Value lastRow = arith::SubIOp::create(b, loc, rowSize, constant(1));
  struct Piece {
    Value r, c, inRange, clamped;
  };
  auto at = [&](Value e) {
    auto [r, c] = piece(e, width, tile[0]);
    Value row = add(rowBase, r);
    return Piece{r, c, less(row, rowSize),
                 arith::MinUIOp::create(b, loc, row, lastRow)};
  };
  if (tokens) {
    // Unrolled (at most 16 copies per thread) and unguarded (the tokens
    // must reach the group): threads past the end copy the last 16 bytes
    // again.
    for (int64_t i = 0; i < steps; ++i) {
      Piece x = at(arith::MinUIOp::create(
          b, loc, add(thread, constant(i * layout.threads())),
          constant(count - 1)));
      tokens->push_back(copyAsync(
          tile[0], this->at(tile[0], add(tileRow, x.r), x.c), source,
          {batch, head, x.clamped, x.c}, vector,
          select(x.inRange, constant(vector), constant(0))));
    }
    return;
  }
  // In a loop, which keeps the registers of the variant that loads element
  // by element free of spills.
  OpBuilder::InsertionGuard outer(b);
  auto loop = scf::ForOp::create(b, loc, constant(0), constant(steps),
                                 constant(1));
  b.setInsertionPoint(loop.getBody()->getTerminator());
  Value e =
      add(thread, mul(loop.getInductionVar(), constant(layout.threads())));
  if (count % layout.threads() != 0) {
    auto guard = scf::IfOp::create(b, loc, less(e, constant(count)),
                                   /*withElseRegion=*/false);
    b.setInsertionPoint(guard.thenBlock()->getTerminator());
  }
  Piece x = at(e);
  SmallVector<Value> from = {batch, head, x.clamped, x.c};
  Value value, zero;
  if (vector == 1) {
    value = memref::LoadOp::create(b, loc, source, from);
    zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(element));
  } else {
    auto type = VectorType::get({vector}, element);
    value = vector::LoadOp::create(b, loc, type, source, from,
                                   /*nontemporal=*/false, llvm::Align(16));
    zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(type));
  }
  mma::storePlanes(b, loc, select(x.inRange, value, zero), tile,
                   this->at(tile[0], add(tileRow, x.r), x.c));
}

void FlashKernel::unpack(Value raw, int64_t rows, int64_t width,
                         ArrayRef<Value> tile) {
  int64_t count = rows * (width / vector);
  assert(count % layout.threads() == 0 &&
         "no thread copies a piece again (see build())");
  for (int64_t i = 0; i * layout.threads() < count; ++i) {
    auto [r, c] = piece(add(thread, constant(i * layout.threads())), width);
    // (16-byte pieces of 16-byte aligned rows.)
    Value x = vector::LoadOp::create(
        b, loc, VectorType::get({vector}, b.getF32Type()), raw,
        ValueRange{r, c}, /*nontemporal=*/false, llvm::Align(16));
    mma::storePlanes(b, loc, x, tile, at(tile[0], r, c));
  }
}

void FlashKernel::clearPadding(ArrayRef<Value> tile, int64_t rows,
                               int64_t width, int64_t paddedWidth) {
  int64_t perRow = paddedWidth - width, count = rows * perRow;
  if (count == 0)
    return;
  OpBuilder::InsertionGuard scope(b);
  auto loop = scf::ForOp::create(b, loc, thread, constant(count),
                                 constant(layout.threads()));
  b.setInsertionPoint(loop.getBody()->getTerminator());
  Value e = loop.getInductionVar();
  Value zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(operandType));
  for (Value plane : tile)
    memref::StoreOp::create(
        b, loc, zero, plane,
        at(plane, div(e, perRow), add(rem(e, perRow), constant(width))));
}

SmallVector<Value> FlashKernel::multiplyScores(ArrayRef<Value> qTile,
                                               ArrayRef<Value> kTile,
                                               Value row0,
                                               ArrayRef<Fragments> qRegisters) {
  int64_t n = blockK / layout.keyGroups;
  auto accumulatorType = LLVM::LLVMStructType::getLiteral(
      b.getContext(), SmallVector<Type>(n / 2, b.getF32Type()));
  // The scores start at the first product (scale-d 0: the accumulators'
  // registers are not read, so no instruction writes them between the
  // fence and the wgmma).
  NVVM::WgmmaFenceAlignedOp::create(b, loc);
  SmallVector<Value> d;
  for (int64_t mt = 0; mt < layout.rowTiles; ++mt)
    for (int64_t kg = 0; kg < layout.keyGroups; ++kg) {
      Value keys = add(row0, constant(kg * n));
      Value scores = LLVM::UndefOp::create(b, loc, accumulatorType);
      if (qRegisters.empty()) {
        scores = mma::wgmmaPlanes(b, loc, operandType, qTile, groupRow(mt),
                                  kTile, keys, Ep, kGroupWarps * mma::kM, n,
                                  scores, /*fresh=*/true);
      } else {
        for (auto [kk, a] : llvm::enumerate(qRegisters[mt]))
          scores = mma::wgmmaRegisters(
              b, loc, operandType, a,
              mma::wgmmaDescriptor(b, loc, kTile[0], keys, kk * mma::kK),
              scores, /*transposeB=*/false, /*fresh=*/kk == 0);
      }
      d.push_back(scores);
      NVVM::WgmmaGroupSyncAlignedOp::create(b, loc);
    }
  return d;
}

Value FlashKernel::multiplyValues(ArrayRef<Fragments> a, ArrayRef<Value> vTile,
                                  Value row0, Value d) {
  // (The correction and P were written since the last wait.)
  NVVM::WgmmaFenceAlignedOp::create(b, loc);
  // Per 16 keys, the products of planes i and j with i + j < planes
  // (ordered as mma::multiplyAddPlanes orders them).
  for (int64_t kk = 0; kk < int64_t(a.size()); ++kk)
    for (int64_t order = planes - 1; order >= 0; --order)
      for (int64_t i = order; i >= 0; --i)
        d = mma::wgmmaRegisters(
            b, loc, operandType, a[kk][i],
            mma::wgmmaDescriptor(b, loc, vTile[order - i],
                                 add(row0, constant(kk * mma::kK)), 0,
                                 /*mnMajor=*/true),
            d, /*transposeB=*/true, /*fresh=*/false);
  NVVM::WgmmaGroupSyncAlignedOp::create(b, loc);
  return d;
}

void FlashKernel::build() {
  // The key splits: forced, or where the blocks of (batch, head, query
  // tile) are fewer than fillBlocks, as many as make that many (each
  // split kMinStepsPerSplit key steps at least).
  auto dim = [&](Value m, int64_t d) {
    return memref::DimOp::create(b, loc, m, d).getResult();
  };
  B = dim(q, 0);
  H = dim(q, 1);
  Lq = dim(q, 2);
  Hk = dim(k, 1);
  Lk = dim(k, 2);
  // Head sizes whose rows are not whole 16-byte pieces have only the
  // element-wise variant; so do f32 ones whose K or V tiles are not whole
  // rounds of pieces for the block's threads (a thread past the end would
  // copy a staging piece again, which another thread splits: an unordered
  // write).
  auto staged = [&](int64_t width) {
    if (!wholePieces(width, element))
      return false;
    int64_t pieces = blockK * width * element.getIntOrFloatBitWidth() / 128;
    return !element.isF32() || pieces % (kGroupWarps * mma::kWarpSize) == 0;
  };
  bool wide = staged(E) && staged(Ev);
  // 128 queries per block in the 16-byte variant where their tiles fit
  // the block's shared memory and, for f32 operands (whose planes take
  // more registers: ptxas spills at E = 96 with two row tiles), head sizes
  // are up to kMaxF32PairedHeadSize: where P V is wgmma, two warpgroups of
  // one row tile per warp (a thread's registers hold 128 keys' scores
  // besides its outputs), else a warpgroup of two. The element-wise
  // fallback, with half the registers' worth of rows, has a warpgroup of
  // one: no spills. Where P V is wgmma, a step's keys are two groups (of
  // 16 keys at least).
  auto qType = cast<ShapedType>(q.getType());
  auto vType = cast<ShapedType>(v.getType());
  constexpr int64_t pairedRows = 2 * kGroupWarps * mma::kM;
  bool paired =
      bytesOf(sharedTiles(qType, vType, planes, pairedRows, blockK,
                          /*pipelined=*/true, params.wgmma)) <=
          params.sharedBytes &&
      (!element.isF32() || std::max(Ep, Evp) <= kMaxF32PairedHeadSize);
  int64_t keyGroups = wgmmaValues() && blockK % (2 * mma::kK) == 0 ? 2 : 1;
  BlockLayout single{kGroupWarps, 1, keyGroups};
  BlockLayout widest = single;
  if (wide && paired)
    widest = wgmmaValues() ? BlockLayout{2 * kGroupWarps, 1, keyGroups}
                           : BlockLayout{kGroupWarps, 2, 1};
  Value keySteps = arith::CeilDivUIOp::create(b, loc, Lk, constant(blockK));
  if (params.splits > 0) {
    // (No more than there are key steps: more would only be empty.)
    splits = arith::MaxUIOp::create(
        b, loc, constant(1),
        arith::MinUIOp::create(b, loc, constant(params.splits), keySteps));
  } else {
    Value base = arith::MaxUIOp::create(
        b, loc, constant(1),
        mul(mul(B, H),
            arith::CeilDivUIOp::create(b, loc, Lq, constant(widest.rows()))));
    // (Two warpgroups' blocks take a whole SM: half as many fill it.)
    int64_t fill = widest.warps > kGroupWarps
                       ? std::max<int64_t>(1, params.fillBlocks / kBlocksPerSM)
                       : params.fillBlocks;
    Value wanted = arith::CeilDivUIOp::create(b, loc, constant(fill), base);
    Value most =
        arith::DivUIOp::create(b, loc, keySteps, constant(kMinStepsPerSplit));
    splits = arith::MaxUIOp::create(
        b, loc, constant(1), arith::MinUIOp::create(b, loc, wanted, most));
  }
  Value split = cmp(arith::CmpIPredicate::ugt, splits, constant(1));
  Value rowsOut = mul(mul(mul(splits, B), H), Lq);
  auto partial = [&](Value perRow) {
    return memref::AllocOp::create(
        b, loc, MemRefType::get({ShapedType::kDynamic}, b.getF32Type()),
        ValueRange{select(split, mul(rowsOut, perRow), constant(0))});
  };
  partialO = partial(constant(Ev));
  partialML = partial(constant(2));

  if (!wide) {
    launch(1, single);
  } else {
    // Where q, k and v start at 16-byte aligned addresses (so do their
    // rows, whole 16-byte pieces), the kernel that stages tiles with
    // 16-byte loads; else the one that loads element by element.
    Value aligned = arith::ConstantIntOp::create(b, loc, 1, 1);
    for (Value operand : {q, k, v}) {
      Value address =
          memref::ExtractAlignedPointerAsIndexOp::create(b, loc, operand);
      aligned = arith::AndIOp::create(
          b, loc, aligned,
          cmp(arith::CmpIPredicate::eq, rem(address, 16), constant(0)));
    }
    auto ifAligned =
        scf::IfOp::create(b, loc, aligned, /*withElseRegion=*/true);
    OpBuilder::InsertionGuard scope(b);
    b.setInsertionPoint(ifAligned.thenBlock()->getTerminator());
    launch(16 / (element.getIntOrFloatBitWidth() / 8), widest);
    b.setInsertionPoint(ifAligned.elseBlock()->getTerminator());
    launch(1, single);
  }
  auto ifSplit = scf::IfOp::create(b, loc, split, /*withElseRegion=*/false);
  {
    OpBuilder::InsertionGuard scope(b);
    b.setInsertionPoint(ifSplit.thenBlock()->getTerminator());
    combine();
  }
  memref::DeallocOp::create(b, loc, partialO);
  memref::DeallocOp::create(b, loc, partialML);
}

std::pair<Value, Value> FlashKernel::tileOf(Value tile, Value qTiles,
                                            bool longestFirst) {
  // A head's tiles are adjacent, so that the blocks that run at once share
  // its keys and values through the L2.
  if (!longestFirst)
    return {arith::RemUIOp::create(b, loc, tile, qTiles),
            arith::DivUIOp::create(b, loc, tile, qTiles)};
  // Under a causal mask a tile's work grows with its queries, and blocks
  // start in the order of their index: the last tile of each head, started
  // last, would run on while the other SMs idle. So the tiles go longest
  // first (LPT order, as FlashAttention-3's scheduler), and to keep the
  // keys and values that the running blocks read in the L2, in sections of
  // heads whose keys and values take at most a share of it: all of a
  // section's tiles, longest first and the section's heads fastest, before
  // the next section's. (Query head h reads kv head h / (H / Hk).) The
  // sections are as even as can be (the first pairs % sections of them one
  // head more): a small last section would start its longest tiles late
  // and leave the SMs idle at the end as before.
  auto sub = [&](Value x, Value y) {
    return arith::SubIOp::create(b, loc, x, y).getResult();
  };
  auto divide = [&](Value x, Value y) {
    return arith::DivUIOp::create(b, loc, x, y).getResult();
  };
  auto atLeast = [&](Value x, Value y) {
    return arith::MaxUIOp::create(b, loc, x, y).getResult();
  };
  auto atMost = [&](Value x, Value y) {
    return arith::MinUIOp::create(b, loc, x, y).getResult();
  };
  Value zero = constant(0);
  Value one = constant(1);
  Value pairs = mul(B, H);
  Value kvBytes =
      mul(Lk, constant((E + Ev) * (element.getIntOrFloatBitWidth() / 8)));
  Value headBytes = atLeast(one, divide(kvBytes, divide(H, Hk)));
  Value mostHeads = atMost(
      pairs, atLeast(one, divide(constant(params.l2Bytes / kL2SectionShare),
                                 headBytes)));
  Value sections = arith::CeilDivUIOp::create(b, loc, pairs, mostHeads);
  Value fewHeads = divide(pairs, sections);
  Value manyHeads = add(fewHeads, one);
  // The heads of the sections of manyHeads, which come first.
  Value headsBefore = mul(sub(pairs, mul(sections, fewHeads)), manyHeads);
  Value inMany = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, tile,
                                       mul(headsBefore, qTiles));
  Value heads = arith::SelectOp::create(b, loc, inMany, manyHeads, fewHeads);
  Value skipped = arith::SelectOp::create(b, loc, inMany, zero, headsBefore);
  Value rest = sub(tile, mul(skipped, qTiles));
  Value sectionTiles = mul(heads, qTiles);
  Value section = divide(rest, sectionTiles);
  Value first = add(skipped, mul(section, heads));
  Value within = sub(rest, mul(section, sectionTiles));
  return {sub(sub(qTiles, one), divide(within, heads)),
          add(first, arith::RemUIOp::create(b, loc, within, heads))};
}

void FlashKernel::launch(int64_t elementsPerLoad, BlockLayout blockLayout) {
  OpBuilder::InsertionGuard scope(b);
  vector = elementsPerLoad;
  layout = blockLayout;
  int64_t rowTiles = layout.rowTiles, keyGroups = layout.keyGroups;
  int64_t blockQ = layout.rows();
  Value groups = arith::DivUIOp::create(b, loc, H, Hk);
  Value qTiles = arith::CeilDivUIOp::create(b, loc, Lq, constant(blockQ));
  Value blocks = mul(mul(mul(B, H), qTiles), splits);
  // Key j is visible to query i when j <= i + shift (causal) and
  // j >= i + shift - (window - 1).
  Value shift = arith::SubIOp::create(b, loc, Lk, Lq);
  int64_t window = params.window;

  // Q's, K's and V's tiles, row-major (V's read transposed by ldmatrix;
  // with wgmma, Q's and K's core matrices), one after the other in dynamic
  // shared memory (more than the 48 KB of
  // static shared memory for the larger head sizes). With 16-byte loads,
  // the next step's copies of K and V (cp.async) fly while this step
  // computes: into the other one of double-buffered tiles; for f32
  // operands, into f32 staging tiles, which the copying threads unpack
  // into the planes at the start of the next step.
  bool pipelined = vector > 1;
  bool unpacked = pipelined && element.isF32();
  SmallVector<MemRefType> tileTypes =
      sharedTiles(cast<ShapedType>(q.getType()), cast<ShapedType>(v.getType()),
                  planes, blockQ, blockK, pipelined, params.wgmma);
  SmallVector<int64_t> offsets;
  for (size_t i = 0; i < tileTypes.size(); ++i)
    offsets.push_back(bytesOf(ArrayRef(tileTypes).take_front(i)));
  int64_t bytes = bytesOf(tileTypes);
  auto [kernel, block, blockThread] =
      launchBlocks(blocks, layout.threads(),
                   arith::ConstantIntOp::create(b, loc, bytes, 32));
  thread = blockThread;
  Value raw = gpu::DynamicSharedMemoryOp::create(
      b, loc,
      MemRefType::get({ShapedType::kDynamic}, b.getI8Type(),
                      MemRefLayoutAttrInterface(),
                      tileTypes.front().getMemorySpace()));
  SmallVector<Value> tiles;
  for (auto [type, offset] : llvm::zip(tileTypes, offsets))
    tiles.push_back(memref::ViewOp::create(b, loc, type, raw,
                                           constant(offset), ValueRange()));
  ArrayRef<Value> qTile = ArrayRef<Value>(tiles).slice(0, planes),
                 kTile = ArrayRef<Value>(tiles).slice(planes, planes),
                 vTile = ArrayRef<Value>(tiles).slice(2 * planes, planes);
  Value kRaw = unpacked ? tiles[3 * planes] : Value(),
        vRaw = unpacked ? tiles[3 * planes + 1] : Value();
  // The padding columns, zeros for good (the first barrier in the loop
  // orders them before their reads).
  int64_t keyRows = keyBuffers(pipelined, params.wgmma, element) * blockK;
  clearPadding(qTile, blockQ, E, Ep);
  clearPadding(kTile, keyRows, E, Ep);
  clearPadding(vTile, keyRows, Ev, Evp);

  // The block's (batch, head, query tile, split), the split fastest.
  Value split = arith::RemUIOp::create(b, loc, block, splits);
  // (The element-wise variant, for operands that are not 16-byte aligned,
  // keeps the plain order: at ptxas's register limit, the longest-first
  // arithmetic made it spill 344 bytes for one of the tests' shapes,
  // Integration/CPU/attention-half.mlir's causal_lq_gt_lk on sm_90a.)
  auto [queryTile, rest] = tileOf(arith::DivUIOp::create(b, loc, block, splits),
                                  qTiles, params.causal && pipelined);
  Value qBase = mul(queryTile, constant(blockQ));
  Value head = arith::RemUIOp::create(b, loc, rest, H);
  batch = arith::DivUIOp::create(b, loc, rest, H);
  Value kvHead = arith::DivUIOp::create(b, loc, head, groups);
  Value lane = rem(thread, mma::kWarpSize);
  warp = div(thread, mma::kWarpSize);
  bool grouped = layout.warps > kGroupWarps;
  warpgroup = grouped ? div(warp, kGroupWarps) : constant(0);
  warpInGroup = grouped ? rem(warp, kGroupWarps) : warp;
  Value group = div(lane, 4), position = mul(rem(lane, 4), constant(2));
  // With wgmma, which reads Q's and K's tiles through the async proxy,
  // each thread's writes of them (stores, landed copies) are made visible
  // to it before the barrier that publishes them.
  auto publish = [&] {
    if (params.wgmma)
      mma::fenceForWgmma(b, loc);
    gpu::BarrierOp::create(b, loc);
  };
  // ldmatrix row addresses: of A's quadrants, and of B's k halves for two
  // n tiles (see TensorCoreContractions.cpp); of V's rows (keys) for
  // ldmatrix.trans.
  Value secondHalf = mul(div(lane, 16), constant(8));
  Value aRow = rem(lane, 16);
  Value bRow = add(secondHalf, rem(lane, 8));
  Value bCol = mul(rem(div(lane, 8), 2), constant(8));
  Value vRow = add(bCol, rem(lane, 8));


  // The keys this block's queries see: [lo, hi).
  Value zeroIndex = constant(0);
  Value lo = zeroIndex, hi = Lk;
  if (params.causal)
    hi = arith::MinSIOp::create(
        b, loc, Lk, add(add(qBase, constant(blockQ)), shift));
  if (window)
    lo = arith::MaxSIOp::create(
        b, loc, zeroIndex, add(add(qBase, shift), constant(1 - window)));
  // The split's share: whole steps of [lo, hi), the same steps (and masks)
  // as without splits.
  {
    Value steps = arith::CeilDivSIOp::create(
        b, loc,
        arith::MaxSIOp::create(b, loc, zeroIndex,
                               arith::SubIOp::create(b, loc, hi, lo)),
        constant(blockK));
    Value share = mul(arith::CeilDivSIOp::create(b, loc, steps, splits),
                      constant(blockK));
    lo = add(lo, mul(split, share));
    hi = arith::MinSIOp::create(b, loc, hi, add(lo, share));
  }

  // Carried, per row tile: the row maxima of rows g and g + 8, this
  // thread's parts of their sums, then the output accumulators (Ev / 8
  // tiles x 4).
  Value negInf = f32(-std::numeric_limits<double>::infinity());
  int64_t outTiles = Evp / mma::kN, keyTiles = blockK / mma::kN;
  int64_t perRowTile = 4 + outTiles * 4;
  SmallVector<Value> init;
  for (int64_t mt = 0; mt < rowTiles; ++mt) {
    init.append({negInf, negInf, f32(0), f32(0)});
    init.append(outTiles * 4, f32(0));
  }
  // Q's tile stays in shared memory (the first barrier in the loop orders
  // it before its reads); pipelined, it comes with the first step's K and
  // V (with planes, by loads: there is no staging tile for it).
  // Where P V is wgmma, the 16-byte variant's S = Q K^T takes Q from
  // registers (wgmma's A, the warp's mma.sync A fragments, ldmatrix from
  // the core matrices), which leaves K's tile the products' only reads of
  // shared memory (with 64 keys per product, Q's reads would take as many
  // bytes per cycle as shared memory gives, and K's copies and V's reads
  // share it); Q's copies are a group of their own, waited for before the
  // loop. (The element-wise variant, whose staging takes more registers,
  // spilled with them.)
  SmallVector<Value> tokens;
  stage(q, head, qBase, Lq, blockQ, E, qTile, {},
        pipelined && !unpacked ? &tokens : nullptr);
  bool qInRegisters = wgmmaValues() && pipelined;
  Value qGroup;
  if (qInRegisters && !tokens.empty()) {
    qGroup = commitCopies(tokens);
    tokens.clear();
  }
  Value firstGroup;
  if (pipelined) {
    stage(k, kvHead, lo, Lk, blockK, E, unpacked ? kRaw : kTile[0],
          constant(0), &tokens);
    stage(v, kvHead, lo, Lk, blockK, Ev, unpacked ? vRaw : vTile[0],
          constant(0), &tokens);
    firstGroup = commitCopies(tokens);
  }
  SmallVector<Fragments> qRegisters;
  if (qInRegisters) {
    if (qGroup)
      waitCopies(qGroup, /*pending=*/1);
    gpu::BarrierOp::create(b, loc);
    for (int64_t mt = 0; mt < rowTiles; ++mt) {
      qRegisters.emplace_back();
      for (int64_t kk = 0; kk < Ep; kk += mma::kK)
        qRegisters.back().push_back(mma::aOperands(
            b, loc,
            mma::loadMatrices(b, loc, qTile[0], add(tileRow(mt), aRow),
                              add(secondHalf, constant(kk)))));
    }
  }

  auto loop = scf::ForOp::create(b, loc, lo, hi, constant(blockK), init);
  Value row0; // The step's first row in K's and V's tiles.
  {
    OpBuilder::InsertionGuard scope(b);
    b.setInsertionPointToStart(loop.getBody());
    Value j0 = loop.getInductionVar();
    ValueRange carried = loop.getRegionIterArgs();
    Value nextStep = add(j0, constant(blockK));
    // The next step's copies of K and V into `kTarget` and `vTarget` from
    // their row `tileRow`, then `finish` (commit, wait) on their tokens;
    // unclamped where all its keys are in range (every step but the last
    // one or two).
    auto stageNextStep = [&](Value kTarget, Value vTarget, Value tileRow,
                             function_ref<void(ArrayRef<Value>)> finish) {
      auto choice = scf::IfOp::create(
          b, loc,
          cmp(arith::CmpIPredicate::sle, add(nextStep, constant(blockK)), Lk),
          /*withElseRegion=*/true);
      for (bool wholeRows : {true, false}) {
        OpBuilder::InsertionGuard branch(b);
        b.setInsertionPoint(
            (wholeRows ? choice.thenBlock() : choice.elseBlock())
                ->getTerminator());
        SmallVector<Value> tokens;
        stage(k, kvHead, nextStep, Lk, blockK, E, kTarget, tileRow, &tokens,
              wholeRows);
        stage(v, kvHead, nextStep, Lk, blockK, Ev, vTarget, tileRow, &tokens,
              wholeRows);
        finish(tokens);
      }
    };
    if (unpacked) {
      // This step's copies into the planes; once every thread is done with
      // the staging tiles (the barrier), the next step's copies into them.
      row0 = constant(0);
      waitCopies(firstGroup, /*pending=*/0);
      unpack(kRaw, blockK, E, kTile);
      unpack(vRaw, blockK, Ev, vTile);
      publish();
      stageNextStep(kRaw, vRaw, row0,
                    [&](ArrayRef<Value> tokens) { commitCopies(tokens); });
    } else if (pipelined) {
      // The next step's tiles into the other buffer (read at the previous
      // step, which every warp is done with: its closing barrier), past
      // the end zeros; then this step's copies are waited for.
      Value nextRow0;
      std::tie(row0, nextRow0) = bufferRows(j0, lo, blockK, blockK);
      stageNextStep(kTile[0], vTile[0], nextRow0, [&](ArrayRef<Value> tokens) {
        waitCopies(commitCopies(tokens), /*pending=*/1);
      });
      publish();
    } else {
      row0 = keyRows > blockK ? bufferRows(j0, lo, blockK, blockK).first
                              : constant(0);
      stage(k, kvHead, j0, Lk, blockK, E, kTile, row0);
      stage(v, kvHead, j0, Lk, blockK, Ev, vTile, row0);
      publish();
    }

    // S = Q K^T: per row tile mt and key group kg, scores[mt * keyGroups +
    // kg] of 16 rows x groupKeys keys (with mma.sync, one key group, K's
    // fragments shared by the warp's row tiles).
    int64_t groupCount = rowTiles * keyGroups;
    int64_t groupKeys = blockK / keyGroups;
    int64_t groupKeyTiles = groupKeys / mma::kN;
    SmallVector<SmallVector<Value>> scores(
        groupCount, SmallVector<Value>(groupKeyTiles * 4, f32(0)));
    SmallVector<Value> scoreGroups;
    if (params.wgmma)
      scoreGroups = multiplyScores(qTile, kTile, row0, qRegisters);
    else
      for (int64_t kk = 0; kk < Ep; kk += mma::kK) {
        SmallVector<Fragments> a(rowTiles, Fragments(planes));
        for (int64_t mt = 0; mt < rowTiles; ++mt)
          for (int64_t p = 0; p < planes; ++p) {
            a[mt][p] = mma::aOperands(
                b, loc,
                mma::loadMatrices(b, loc, qTile[p], add(tileRow(mt), aRow),
                                  add(secondHalf, constant(kk))));
          }
        for (int64_t np = 0; np < keyTiles / 2; ++np) {
          SmallVector<Value, 2> matrices;
          for (int64_t p = 0; p < planes; ++p)
            matrices.push_back(mma::loadMatrices(
                b, loc, kTile[p],
                add(row0, add(bRow, constant(np * 2 * mma::kN))),
                add(bCol, constant(kk))));
          for (int64_t nt = 2 * np; nt < 2 * np + 2; ++nt) {
            Fragments bOperands;
            for (Value m : matrices)
              bOperands.push_back(mma::bOperands(b, loc, m, nt % 2));
            for (int64_t mt = 0; mt < rowTiles; ++mt) {
              MutableArrayRef<Value> c =
                  MutableArrayRef<Value>(scores[mt]).slice(nt * 4, 4);
              llvm::copy(mma::multiplyAddPlanes(b, loc, operandType, a[mt],
                                                bOperands,
                                                SmallVector<Value>(c)),
                         c.begin());
            }
          }
        }
      }

    // Masked only where a key of the step is out of range or hidden from
    // some row of the block (a branch uniform in the block). With a
    // positive scale (`fused`), the scores stay unscaled until the
    // exponential, 2^(s scale - m) one fma and one ex2, and the row maxima
    // are scaled instead (the rounded products keep the order); else they
    // are scaled first (-inf x 0 would be NaN, a negative scale reverses
    // the order).
    // (The sign of the f32 constant: a scale below f32's range is 0.)
    float scaleBits = static_cast<float>(params.scale * M_LOG2E);
    Value scale = f32(scaleBits);
    bool fused = scaleBits > 0;
    auto scaled = [&](Value x) {
      return fused ? x : arith::MulFOp::create(b, loc, x, scale).getResult();
    };
    Value jEnd = add(j0, constant(blockK));
    Value needsMask = cmp(arith::CmpIPredicate::sgt, jEnd, Lk);
    if (params.causal)
      needsMask = arith::OrIOp::create(
          b, loc, needsMask,
          cmp(arith::CmpIPredicate::sgt, jEnd, add(add(qBase, shift),
                                                   constant(1))));
    if (window)
      needsMask = arith::OrIOp::create(
          b, loc, needsMask,
          cmp(arith::CmpIPredicate::slt, j0,
              add(add(qBase, shift), constant(blockQ - window))));
    // What the exponentials subtract for a row of maximum `m`: m, or 0
    // for a row that saw no key yet (all its scores -inf: 2^-inf = 0
    // without a guard per score; -inf - -inf would be NaN).
    auto shiftOf = [&](Value m) {
      Value none =
          arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ, m, negInf);
      return select(none, f32(0), m);
    };
    // Groups [first, first + count)'s scores, scaled and masked.
    auto maskScores = [&](int64_t first, int64_t count) {
      SmallVector<Value> flat;
      for (ArrayRef<Value> tile : ArrayRef(scores).slice(first, count))
        flat.append(tile.begin(), tile.end());
      auto masking = scf::IfOp::create(b, loc, ValueRange(flat).getTypes(),
                                       needsMask, /*withElseRegion=*/true);
      OpBuilder::InsertionGuard scope(b);
      b.setInsertionPointToStart(masking.thenBlock());
      SmallVector<Value> masked;
      for (int64_t g = first; g < first + count; ++g) {
        Value rowBase = add(add(qBase, tileRow(g / keyGroups)), group);
        int64_t groupKey = (g % keyGroups) * groupKeys;
        for (int64_t nt = 0; nt < groupKeyTiles; ++nt)
          for (int64_t r = 0; r < 4; ++r) {
            Value row = add(rowBase, constant(8 * (r / 2)));
            Value col = add(
                j0, add(position, constant(groupKey + nt * mma::kN + r % 2)));
            Value keep = cmp(arith::CmpIPredicate::slt, col, Lk);
            Value last = add(row, shift);
            if (params.causal)
              keep = arith::AndIOp::create(
                  b, loc, keep, cmp(arith::CmpIPredicate::sle, col, last));
            if (window)
              keep = arith::AndIOp::create(
                  b, loc, keep,
                  cmp(arith::CmpIPredicate::sge, col,
                      add(last, constant(1 - window))));
            masked.push_back(
                select(keep, scaled(scores[g][nt * 4 + r]), negInf));
          }
      }
      scf::YieldOp::create(b, loc, masked);
      b.setInsertionPointToStart(masking.elseBlock());
      SmallVector<Value> unmasked;
      for (Value x : flat)
        unmasked.push_back(scaled(x));
      scf::YieldOp::create(b, loc, unmasked);
      return masking.getResults();
    };

    // P's A fragments from two adjacent key tiles' accumulators, per 16
    // keys of a group and plane: probabilities[g][nt * 2 + r / 2] holds
    // the planes of the pair of columns of accumulators r, r + 1 of key
    // tile nt (rounded together: one cvt.rn.bf16x2.f32 or .f16x2).
    SmallVector<SmallVector<SmallVector<Value, mma::kMaxPlanes>>> probabilities(
        groupCount);
    auto pair = [&](int64_t g, int64_t p, int64_t nt, int64_t r) {
      return mma::operand(b, loc, probabilities[g][nt * 2 + r / 2][p]);
    };
    auto fragmentsAt = [&](int64_t g, int64_t kk) {
      Fragments a;
      for (int64_t p = 0; p < planes; ++p)
        a.push_back({pair(g, p, 2 * kk, 0), pair(g, p, 2 * kk, 2),
                     pair(g, p, 2 * kk + 1, 0), pair(g, p, 2 * kk + 1, 2)});
      return a;
    };

    // The groups one after the other: the scores, the softmax, and with
    // wgmmaValues() P V. There, group g's scores are waited for only now
    // (each group's products are a wgmma group; those committed since are
    // the later groups' scores and the earlier ones' P V, groupCount - 1
    // in all), and its P V runs while the next group's softmax does. (For
    // f32 operands, all scores at once: with their many registers, ptxas
    // would wait for the later ones anyway.)
    auto extractScores = [&](int64_t g) {
      scores[g] = mma::accumulatorValues(b, loc, scoreGroups[g]);
    };
    ValueRange allMasked;
    if (!wgmmaValues()) {
      if (params.wgmma) {
        NVVM::WgmmaWaitGroupSyncOp::create(b, loc, 0);
        for (int64_t g = 0; g < groupCount; ++g)
          extractScores(g);
      }
      allMasked = maskScores(0, groupCount);
    }
    // Per row tile, its maxima and sums, and its outputs: as values, or
    // (outputGroups[mt], where P V is wgmma) the struct of the accumulators
    // of its last P V, in flight.
    SmallVector<SmallVector<Value>> rowState;
    for (int64_t mt = 0; mt < rowTiles; ++mt)
      rowState.emplace_back(carried.slice(mt * perRowTile, perRowTile));
    SmallVector<Value> outputGroups(rowTiles);
    for (int64_t g = 0; g < groupCount; ++g) {
      int64_t mt = g / keyGroups;
      ValueRange tile;
      if (wgmmaValues()) {
        NVVM::WgmmaWaitGroupSyncOp::create(b, loc, groupCount - 1);
        extractScores(g);
        tile = maskScores(g, 1);
      } else {
        tile = allMasked.slice(g * groupKeyTiles * 4, groupKeyTiles * 4);
      }
      ArrayRef<Value> state = rowState[mt];
      // The new row maxima.
      SmallVector<Value> rowMax = {negInf, negInf};
      for (int64_t i = 0; i < groupKeyTiles * 4; ++i)
        rowMax[(i % 4) / 2] =
            arith::MaximumFOp::create(b, loc, rowMax[(i % 4) / 2], tile[i]);
      // The rows' maxima move only where a warp has a row whose new scores
      // exceed its maximum by more than kRescaleThreshold (a warp-uniform
      // branch, vote.sync any): then every row of the warp takes its new
      // maximum and rescales its sum and outputs (those of a P V in flight
      // once it is waited for, below); else the maxima stay, P's values
      // are at most 2^kRescaleThreshold, and the outputs are not multiplied
      // (most steps, once the maxima have settled).
      SmallVector<Value> seen;
      Value grow = arith::ConstantIntOp::create(b, loc, 0, 1);
      for (int64_t half = 0; half < 2; ++half) {
        seen.push_back(quadReduce(rowMax[half], /*sum=*/false));
        if (fused)
          seen[half] = arith::MulFOp::create(b, loc, seen[half], scale);
        grow = arith::OrIOp::create(
            b, loc, grow,
            arith::CmpFOp::create(
                b, loc, arith::CmpFPredicate::OGT, seen[half],
                arith::AddFOp::create(b, loc, state[half],
                                      f32(kRescaleThreshold))));
      }
      Value warpGrows =
          NVVM::VoteSyncOp::create(b, loc, b.getI1Type(),
                                   arith::ConstantIntOp::create(b, loc, -1, 32),
                                   grow, NVVM::VoteSyncKind::any)
              .getResult();
      // Where the row tile's outputs are in flight (the previous key
      // group's P V), the branch rescales the maxima and sums and yields
      // the corrections; the outputs are waited for once P is computed,
      // and a second branch on the same condition rescales them (a branch
      // that is uniform in a warp, not in its warpgroup, must not hold
      // wgmma.wait_group, an instruction of the warpgroup).
      Value inFlight = outputGroups[mt];
      SmallVector<Value> current(state.take_front(4));
      if (inFlight)
        current.append({f32(1), f32(1)});
      else
        current.append(state.begin() + 4, state.end());
      auto rescale = scf::IfOp::create(b, loc, ValueRange(current).getTypes(),
                                       warpGrows, /*withElseRegion=*/true);
      {
        OpBuilder::InsertionGuard scope(b);
        b.setInsertionPointToStart(rescale.thenBlock());
        SmallVector<Value> rescaled, correction;
        for (int64_t half = 0; half < 2; ++half) {
          Value newMax =
              arith::MaximumFOp::create(b, loc, state[half], seen[half]);
          rescaled.push_back(newMax);
          correction.push_back(exp2(
              arith::SubFOp::create(b, loc, state[half], shiftOf(newMax))));
        }
        for (int64_t i = 2; i < 4; ++i)
          rescaled.push_back(
              arith::MulFOp::create(b, loc, state[i], correction[i - 2]));
        if (inFlight)
          rescaled.append(correction);
        for (auto [i, o] : llvm::enumerate(state.drop_front(4)))
          rescaled.push_back(
              arith::MulFOp::create(b, loc, o, correction[(i % 4) / 2]));
        scf::YieldOp::create(b, loc, rescaled);
        b.setInsertionPointToStart(rescale.elseBlock());
        scf::YieldOp::create(b, loc, current);
      }
      ValueRange kept = rescale.getResults();
      SmallVector<Value> shift = {shiftOf(kept[0]), shiftOf(kept[1])};
      // P, and its row sums in f32 (as FlashAttention sums it); P rounded
      // to the input type for the products, pairs at a time (f32 split
      // into planes).
      SmallVector<Value> rowSum = {kept[2], kept[3]};
      auto pairType = VectorType::get({2}, b.getF32Type());
      for (int64_t i = 0; i < groupKeyTiles * 4; i += 2) {
        Value m = shift[(i % 4) / 2];
        SmallVector<Value, 2> p;
        for (int64_t c = 0; c < 2; ++c) {
          Value x = tile[i + c];
          p.push_back(
              exp2(fused ? math::FmaOp::create(b, loc, x, scale,
                                               arith::NegFOp::create(b, loc, m))
                               .getResult()
                         : arith::SubFOp::create(b, loc, x, m).getResult()));
          rowSum[(i % 4) / 2] =
              arith::AddFOp::create(b, loc, rowSum[(i % 4) / 2], p.back());
        }
        if (planes > 1) {
          // (Split one by one: as pairs, ptxas spilled a word at E = 64.)
          SmallVector<Value, mma::kMaxPlanes> first =
              mma::splitBF16(b, loc, p[0], planes, /*bounded=*/true);
          SmallVector<Value, mma::kMaxPlanes> second =
              mma::splitBF16(b, loc, p[1], planes, /*bounded=*/true);
          SmallVector<Value, mma::kMaxPlanes> pairs;
          for (auto [x, y] : llvm::zip(first, second))
            pairs.push_back(vector::FromElementsOp::create(
                b, loc, pairType.clone(operandType), ValueRange{x, y}));
          probabilities[g].push_back(pairs);
        } else {
          probabilities[g].push_back({arith::TruncFOp::create(
              b, loc, pairType.clone(operandType),
              vector::FromElementsOp::create(b, loc, pairType, p))});
        }
      }
      rowState[mt] = {kept[0], kept[1], rowSum[0], rowSum[1]};
      if (wgmmaValues()) {
        SmallVector<Fragments> a;
        for (int64_t kk = 0; kk < groupKeys / mma::kK; ++kk)
          a.push_back(fragmentsAt(g, kk));
        Value outputs;
        if (inFlight) {
          NVVM::WgmmaWaitGroupSyncOp::create(b, loc, 0);
          SmallVector<Value> o = mma::accumulatorValues(b, loc, inFlight);
          auto corrected =
              scf::IfOp::create(b, loc, ValueRange(o).getTypes(), warpGrows,
                                /*withElseRegion=*/true);
          OpBuilder::InsertionGuard scope(b);
          b.setInsertionPointToStart(corrected.thenBlock());
          SmallVector<Value> products;
          for (auto [i, x] : llvm::enumerate(o))
            products.push_back(
                arith::MulFOp::create(b, loc, x, kept[4 + (i % 4) / 2]));
          scf::YieldOp::create(b, loc, products);
          b.setInsertionPointToStart(corrected.elseBlock());
          scf::YieldOp::create(b, loc, o);
          b.setInsertionPointAfter(corrected);
          outputs = mma::accumulatorStruct(b, loc, corrected.getResults());
        } else {
          outputs = mma::accumulatorStruct(b, loc, kept.drop_front(4));
        }
        outputGroups[mt] = multiplyValues(
            a, vTile, add(row0, constant((g % keyGroups) * groupKeys)),
            outputs);
      } else {
        rowState[mt].append(kept.begin() + 4, kept.end());
      }
    }
    if (wgmmaValues()) {
      NVVM::WgmmaWaitGroupSyncOp::create(b, loc, 0);
      for (int64_t mt = 0; mt < rowTiles; ++mt)
        rowState[mt].append(mma::accumulatorValues(b, loc, outputGroups[mt]));
    }
    SmallVector<Value> next;
    for (ArrayRef<Value> state : rowState)
      next.append(state.begin(), state.end());
    // O += P V with mma.sync: V's B fragments by ldmatrix.trans from its
    // row-major tile, lanes 8j..8j+7 addressing the 8 keys (k half j % 2)
    // of matrix j's 8 columns (n tile j / 2), shared by the warp's row
    // tiles (one key group: group mt is row tile mt).
    assert((wgmmaValues() || keyGroups == 1) && "mma.sync's P V: one group");
    for (int64_t kk = 0; kk < blockK / mma::kK && !wgmmaValues(); ++kk) {
      SmallVector<Fragments> a;
      for (int64_t mt = 0; mt < rowTiles; ++mt)
        a.push_back(fragmentsAt(mt, kk));
      for (int64_t np = 0; np < outTiles / 2; ++np) {
        SmallVector<Value, 2> matrices;
        for (int64_t p = 0; p < planes; ++p)
          matrices.push_back(mma::loadMatrices(
              b, loc, vTile[p], add(row0, add(vRow, constant(kk * mma::kK))),
              add(secondHalf, constant(np * 2 * mma::kN)),
              /*transpose=*/true));
        for (int64_t nt = 2 * np; nt < 2 * np + 2; ++nt) {
          Fragments bOperands;
          for (Value m : matrices)
            bOperands.push_back(mma::bOperands(b, loc, m, nt % 2));
          for (int64_t mt = 0; mt < rowTiles; ++mt) {
            MutableArrayRef<Value> c = MutableArrayRef<Value>(next).slice(
                mt * perRowTile + 4 + nt * 4, 4);
            llvm::copy(mma::multiplyAddPlanes(b, loc, operandType, a[mt],
                                              bOperands,
                                              SmallVector<Value>(c)),
                       c.begin());
          }
        }
      }
    }
    // The tiles are overwritten at the next step only when every warp is
    // done with them.
    gpu::BarrierOp::create(b, loc);
    scf::YieldOp::create(b, loc, next);
  }

  // No copy outlives the kernel (the last step's prefetch, or the first
  // step's copies when there was no step).
  if (pipelined)
    waitCopies(firstGroup, /*pending=*/0);

  // y = O / l (0 for a row that saw no key), where in range; with splits,
  // the split's O, m and l (combine() makes y of them).
  Value splitting = cmp(arith::CmpIPredicate::ugt, splits, constant(1));
  auto outputs = scf::IfOp::create(b, loc, splitting, /*withElseRegion=*/true);
  for (bool partial : {true, false}) {
    OpBuilder::InsertionGuard scope(b);
    b.setInsertionPoint(partial ? outputs.thenBlock()->getTerminator()
                                : outputs.elseBlock()->getTerminator());
    for (int64_t mt = 0; mt < rowTiles; ++mt) {
      ValueRange state = loop.getResults().slice(mt * perRowTile, perRowTile);
      SmallVector<Value> total = {quadReduce(state[2], /*sum=*/true),
                                  quadReduce(state[3], /*sum=*/true)};
      Value rowBase = add(add(qBase, tileRow(mt)), group);
      for (int64_t half = 0; half < 2; ++half) {
        Value row = add(rowBase, constant(8 * half));
        auto store = scf::IfOp::create(b, loc, less(row, Lq), false);
        OpBuilder::InsertionGuard inner(b);
        b.setInsertionPoint(store.thenBlock()->getTerminator());
        // Row (split, batch, head, query) of the partial results.
        Value partialRow =
            partial ? add(mul(add(mul(add(mul(split, B), batch), H), head),
                              Lq),
                          row)
                    : Value();
        if (partial) {
          // (One lane of the quad that holds the row.)
          auto first = scf::IfOp::create(
              b, loc, cmp(arith::CmpIPredicate::eq, position, zeroIndex),
              false);
          OpBuilder::InsertionGuard once(b);
          b.setInsertionPoint(first.thenBlock()->getTerminator());
          Value at = mul(partialRow, constant(2));
          memref::StoreOp::create(b, loc, state[half], partialML, at);
          memref::StoreOp::create(b, loc, total[half], partialML,
                                  add(at, constant(1)));
        }
        Value any =
            partial ? Value()
                    : arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT,
                                            total[half], f32(0))
                          .getResult();
        for (int64_t nt = 0; nt * mma::kN < Ev; ++nt)
          for (int64_t c = 0; c < 2; ++c) {
            Value o = state[4 + nt * 4 + 2 * half + c];
            Value col = add(position, constant(nt * mma::kN + c));
            // (Columns past the head, in the last tile: not stored.)
            OpBuilder::InsertionGuard column(b);
            if ((nt + 1) * mma::kN > Ev) {
              auto inHead = scf::IfOp::create(b, loc, less(col, constant(Ev)),
                                              /*withElseRegion=*/false);
              b.setInsertionPoint(inHead.thenBlock()->getTerminator());
            }
            if (partial) {
              memref::StoreOp::create(
                  b, loc, o, partialO,
                  add(mul(partialRow, constant(Ev)), col));
              continue;
            }
            Value y = select(
                any, arith::DivFOp::create(b, loc, o, total[half]), f32(0));
            memref::StoreOp::create(b, loc, toElement(y), out,
                                    ValueRange{batch, head, row, col});
          }
      }
    }
  }
}

void FlashKernel::combine() {
  OpBuilder::InsertionGuard scope(b);
  Value rows = mul(mul(B, H), Lq);
  Value items = mul(rows, constant(Ev));
  constexpr int64_t threads = kGroupWarps * mma::kWarpSize;
  auto [kernel, block, blockThread] = launchBlocks(
      arith::CeilDivUIOp::create(b, loc, items, constant(threads)), threads);
  Value i = add(mul(block, constant(threads)), blockThread);
  auto inRange = scf::IfOp::create(b, loc, less(i, items), false);
  b.setInsertionPoint(inRange.thenBlock()->getTerminator());
  Value col = rem(i, Ev), r = div(i, Ev);
  Value row = arith::RemUIOp::create(b, loc, r, Lq);
  Value head = arith::RemUIOp::create(
      b, loc, arith::DivUIOp::create(b, loc, r, Lq), H);
  Value batchIndex = arith::DivUIOp::create(b, loc, r, mul(H, Lq));
  // y = sum_s w_s O_s / sum_s w_s l_s, w_s = 2^(m_s - max_s m_s) (0 for a
  // split that saw no key: m_s = -inf).
  auto partialRow = [&](Value s) { return add(mul(s, rows), r); };
  auto maxima = scf::ForOp::create(
      b, loc, constant(0), splits, constant(1),
      ValueRange{f32(-std::numeric_limits<double>::infinity())});
  {
    OpBuilder::InsertionGuard scope(b);
    b.setInsertionPointToStart(maxima.getBody());
    Value m = memref::LoadOp::create(
        b, loc, partialML,
        mul(partialRow(maxima.getInductionVar()), constant(2)));
    scf::YieldOp::create(
        b, loc,
        arith::MaximumFOp::create(b, loc, maxima.getRegionIterArgs()[0], m)
            .getResult());
  }
  Value M = maxima.getResult(0);
  auto sums = scf::ForOp::create(b, loc, constant(0), splits, constant(1),
                                 ValueRange{f32(0), f32(0)});
  {
    OpBuilder::InsertionGuard scope(b);
    b.setInsertionPointToStart(sums.getBody());
    Value at = partialRow(sums.getInductionVar());
    Value m = memref::LoadOp::create(b, loc, partialML, mul(at, constant(2)));
    Value l = memref::LoadOp::create(b, loc, partialML,
                                     add(mul(at, constant(2)), constant(1)));
    Value o = memref::LoadOp::create(b, loc, partialO,
                                     add(mul(at, constant(Ev)), col));
    Value seen = arith::CmpFOp::create(
        b, loc, arith::CmpFPredicate::OGT, m,
        f32(-std::numeric_limits<double>::infinity()));
    Value w = select(seen,
                     math::Exp2Op::create(
                         b, loc, arith::SubFOp::create(b, loc, m, M)),
                     f32(0));
    ValueRange acc = sums.getRegionIterArgs();
    scf::YieldOp::create(
        b, loc,
        ValueRange{arith::AddFOp::create(
                       b, loc, acc[0],
                       arith::MulFOp::create(b, loc, w, o)),
                   arith::AddFOp::create(b, loc, acc[1],
                                         arith::MulFOp::create(b, loc, w, l))});
  }
  Value O = sums.getResult(0), L = sums.getResult(1);
  Value any =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, L, f32(0));
  Value y = select(any, arith::DivFOp::create(b, loc, O, L), f32(0));
  memref::StoreOp::create(b, loc, toElement(y), out,
                          ValueRange{batchIndex, head, row, col});
}

/// Whether the kernel computes attention of q, k and v of types `qType`,
/// `kType` and `vType` (tensors or buffers) with `params`: rank 4, f16,
/// bf16 or f32 operands, static head sizes up to kMaxHeadSize, and tiles
/// of one row tile per warp that fit the block's shared memory.
static bool fitsKernel(ShapedType qType, ShapedType kType, ShapedType vType,
                       const FlashParams &params) {
  Type element = qType.getElementType();
  if (!(element.isF16() || element.isBF16() || element.isF32()) ||
      kType.getElementType() != element || vType.getElementType() != element)
    return false;
  if (!llvm::all_of(ArrayRef<ShapedType>{qType, kType, vType},
                    [](ShapedType type) {
                      return type.hasRank() && type.getRank() == 4;
                    }) ||
      kType.getDimSize(3) != qType.getDimSize(3))
    return false;
  if (!llvm::all_of(
          ArrayRef<int64_t>{qType.getDimSize(3), vType.getDimSize(3)},
          [](int64_t size) {
            return !ShapedType::isDynamic(size) && size > 0 &&
                   size <= kMaxHeadSize;
          }))
    return false;
  int64_t blockK =
      blockKeys(qType.getDimSize(3), vType.getDimSize(3), params.blockKeys,
                valuesOnWgmma(params.wgmma, element));
  return bytesOf(sharedTiles(qType, vType, params.planesOf(element),
                             kGroupWarps * mma::kM, blockK,
                             /*pipelined=*/true, params.wgmma)) <=
         params.sharedBytes;
}

LogicalResult mlir::ssm::fused::buildFlashAttention(OpBuilder &b,
                                                   Location loc,
                                                   DictionaryAttr attr,
                                                   ValueRange operands) {
  std::optional<FlashParams> params = FlashParams::fromAttr(attr);
  if (!params || operands.size() != 4)
    return failure();
  SmallVector<ShapedType, 4> types;
  for (Value operand : operands)
    if (auto type = dyn_cast<MemRefType>(operand.getType()))
      types.push_back(type);
  if (types.size() != 4 || !fitsKernel(types[0], types[1], types[2], *params) ||
      types[3].getElementType() != types[0].getElementType())
    return failure();
  FlashKernel(b, loc, *params, operands[0], operands[1], operands[2],
              operands[3])
      .build();
  return success();
}

namespace {
/// Replaces each attention op that fits the kernel by a call to a
/// declaration that ssm-expand-fused-kernels replaces by the kernel.
struct SSMFusedAttentionPass
    : mlir::ssm::impl::SSMFusedAttentionBase<SSMFusedAttentionPass> {
  using SSMFusedAttentionBase::SSMFusedAttentionBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (splits < 0) {
      module.emitError("ssm-fused-attention: splits must be 0 (chosen at "
                       "run time) or positive, not ")
          << int64_t(splits);
      return signalPassFailure();
    }
    if (f32Planes < 1 || f32Planes > mma::kMaxPlanes) {
      module.emitError("ssm-fused-attention: f32-planes must be 1 to ")
          << mma::kMaxPlanes << ", not " << int64_t(f32Planes);
      return signalPassFailure();
    }
    if (!isBlockKeys(blockKeys)) {
      module.emitError("ssm-fused-attention: block-keys must be 0 (chosen "
                       "by head size) or a multiple of 16 up to ")
          << kMaxBlockKeys << ", not " << int64_t(blockKeys);
      return signalPassFailure();
    }
    if (l2Bytes < 0) {
      module.emitError("ssm-fused-attention: l2-bytes must be 0 (the "
                       "chip's) or positive, not ")
          << int64_t(l2Bytes);
      return signalPassFailure();
    }
    if (!::ssm::hasTensorCores(chip))
      return;
    SymbolTable symbols(module);
    SmallVector<std::pair<AttentionOp, FlashParams>> candidates;
    // (The chip's, looked up once.)
    int64_t blocksToFill = fillBlocks(chip);
    int64_t sharedBytes = fused::sharedBytesPerBlock(chip, kDefaultSharedBytes);
    int64_t l2 = l2Bytes > 0 ? int64_t(l2Bytes)
                             : fused::l2BytesOf(chip, kDefaultL2Bytes);
    module.walk([&](AttentionOp op) {
      FlashParams params = FlashParams::of(op);
      params.splits = splits;
      params.fillBlocks = blocksToFill;
      params.f32Planes = f32Planes;
      params.blockKeys = blockKeys;
      params.sharedBytes = sharedBytes;
      params.l2Bytes = l2;
      params.wgmma = useWgmma && chip == "sm_90a";
      if (fitsKernel(cast<ShapedType>(op.getQ().getType()),
                     cast<ShapedType>(op.getK().getType()),
                     cast<ShapedType>(op.getV().getType()), params))
        candidates.emplace_back(op, params);
    });
    for (auto [op, params] : candidates) {
      OpBuilder b(op);
      fused::replaceByKernelCall(
          symbols, op, {op.getQ(), op.getK(), op.getV()},
          // The output's batch, heads and queries are q's.
          [](OpBuilder &b, Location loc, ArrayRef<Value> inputs, int64_t,
             int64_t dim) -> Value {
            return memref::DimOp::create(b, loc, inputs[0], dim);
          },
          fused::kFlashAttention, params.toAttr(b));
    }
  }
};
} // namespace
