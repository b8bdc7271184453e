//===- MmaFragments.h - ldmatrix and mma.sync m16n8k16 for the kernels ----===//
//
// The warp-level building blocks that the tensor-core kernels share. The
// fragment layouts are those of the PTX ISA for `ldmatrix` (m8n8, b16) and
// `mma.sync` (m16n8k16, row.col): in a warp, lane l is in group g = l / 4
// at position t = l % 4, and
//   - A (16 x 16) holds a pair of elements at (g + 8 (r % 2), 2t + 8 (r / 2))
//     in each of its four registers r;
//   - B (16 x 8, k x n) holds (k = 2t + 8r, n = g) and the next k in r = 0, 1;
//   - C (16 x 8) holds (g + 8 (r / 2), 2t + r % 2) in its four f32 values r.
// `ldmatrix` gives lane l, of each 8 x 8 matrix whose row addresses lanes
// 8j..8j+7 supply, the pair (row g, columns 2t, 2t+1) in register j.
//
// sm_90a's `wgmma.mma_async` m64nNk16 (a warpgroup of 4 warps) reads its
// operands from shared memory, 8 x 8 core matrices (8 rows of 16 bytes,
// contiguous) without swizzle as matrix descriptors give them, k-major or
// (B, 16-bit) MN-major, or A from registers, laid out as A's above for the
// 16 rows of each warp; its f32 accumulators lie as C's above for each 8
// columns, warp w of the warpgroup holding rows 16w...
//
//===----------------------------------------------------------------------===//

#ifndef SSM_LIB_CONVERSION_SSMTOGPU_MMAFRAGMENTS_H
#define SSM_LIB_CONVERSION_SSMTOGPU_MMAFRAGMENTS_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

#include <string>

namespace mlir::ssm::mma {

constexpr int64_t kWarpSize = 32;
constexpr int64_t kM = 16, kN = 8, kK = 16;
/// wgmma's core matrices: 8 rows of 16 bytes (8 f16/bf16), contiguous.
constexpr int64_t kCoreRows = 8, kCoreBytes = 128;

/// A pair of f16/bf16 values (vector<2xT>) as an mma.sync operand register:
/// f16x2 as it is, bf16x2 as the b32 register that nvvm.mma.sync takes
/// (upstream nvgpu.mma.sync cannot lower bf16 in LLVM 22).
inline Value operand(OpBuilder &b, Location loc, Value pair) {
  auto type = cast<VectorType>(pair.getType());
  if (type.getElementType().isF16())
    return pair;
  return LLVM::BitcastOp::create(b, loc, b.getI32Type(), pair);
}

/// Register `r` of an ldmatrix x4 result, as an mma.sync operand.
inline Value operand(OpBuilder &b, Location loc, Value matrices, int64_t r) {
  return operand(b, loc, vector::ExtractOp::create(b, loc, matrices, r));
}

/// An ldmatrix x4 result as an A operand: its four registers.
inline SmallVector<Value> aOperands(OpBuilder &b, Location loc,
                                    Value matrices) {
  SmallVector<Value> registers;
  for (int64_t r = 0; r < 4; ++r)
    registers.push_back(operand(b, loc, matrices, r));
  return registers;
}

/// An ldmatrix x4 result that holds two n tiles' B operands (each as its
/// two k halves) as the B operand of n tile `half` (0 or 1).
inline SmallVector<Value> bOperands(OpBuilder &b, Location loc,
                                    Value matrices, int64_t half) {
  return {operand(b, loc, matrices, 2 * half),
          operand(b, loc, matrices, 2 * half + 1)};
}

/// The indices of element (`row`, `col`) of the operand tile `tile`: a
/// row-major one (rank 2), or one of core matrices (rank 4,
/// [rows / 8][columns / 8][8][8]).
inline SmallVector<Value> tileIndices(OpBuilder &b, Location loc, Value tile,
                                      Value row, Value col) {
  if (cast<MemRefType>(tile.getType()).getRank() == 2)
    return {row, col};
  Value eight = arith::ConstantIndexOp::create(b, loc, kCoreRows);
  return {arith::DivUIOp::create(b, loc, row, eight),
          arith::DivUIOp::create(b, loc, col, eight),
          arith::RemUIOp::create(b, loc, row, eight),
          arith::RemUIOp::create(b, loc, col, eight)};
}

/// Four 8 x 8 matrices of the shared tile `tile` (f16/bf16), lanes 8j..8j+7
/// addressing the rows of matrix j at (`row`, `col`); with `transpose`,
/// each matrix is read transposed (lane l gets rows 2t, 2t + 1 of column
/// g).
inline Value loadMatrices(OpBuilder &b, Location loc, Value tile, Value row,
                          Value col, bool transpose = false) {
  Type element = cast<MemRefType>(tile.getType()).getElementType();
  return nvgpu::LdMatrixOp::create(b, loc, VectorType::get({4, 2}, element),
                                   tile, tileIndices(b, loc, tile, row, col),
                                   transpose, /*numTiles=*/4);
}

/// c + a b for one m16n8k16 product of f16/bf16 `element` operands (four A
/// registers, two B registers) with four f32 accumulators; returns the four
/// new accumulators.
inline SmallVector<Value, 4> multiplyAdd(OpBuilder &b, Location loc,
                                         Type element, ArrayRef<Value> a,
                                         ArrayRef<Value> bOperands,
                                         ArrayRef<Value> c) {
  NVVM::MMATypes type =
      element.isF16() ? NVVM::MMATypes::f16 : NVVM::MMATypes::bf16;
  auto resultType = LLVM::LLVMStructType::getLiteral(
      b.getContext(), SmallVector<Type>(4, b.getF32Type()));
  Value d = NVVM::MmaOp::create(
      b, loc, resultType, a, bOperands, c, {kM, kN, kK},
      /*b1Op=*/std::nullopt, /*intOverflow=*/std::nullopt,
      std::array<NVVM::MMATypes, 2>{type, type},
      std::array<NVVM::MMALayout, 2>{NVVM::MMALayout::row,
                                     NVVM::MMALayout::col});
  SmallVector<Value, 4> result;
  for (int64_t r = 0; r < 4; ++r)
    result.push_back(LLVM::ExtractValueOp::create(b, loc, d, r));
  return result;
}

/// The row and column of a tile of core matrices that 16-byte piece `e`
/// (of `piecesPerRow` per row, each `elements` wide) starts at when
/// adjacent pieces go to adjacent rows of a core matrix (16 bytes apart
/// in shared memory: adjacent threads' stores without bank conflicts),
/// then along the row, then to the next 8 rows.
inline std::pair<Value, Value> corePiece(OpBuilder &b, Location loc, Value e,
                                         int64_t piecesPerRow,
                                         int64_t elements) {
  auto constant = [&](int64_t v) -> Value {
    return arith::ConstantIndexOp::create(b, loc, v);
  };
  Value group = arith::DivUIOp::create(b, loc, e,
                                       constant(kCoreRows * piecesPerRow));
  Value row = arith::AddIOp::create(
      b, loc, arith::MulIOp::create(b, loc, group, constant(kCoreRows)),
      arith::RemUIOp::create(b, loc, e, constant(kCoreRows)));
  Value piece = arith::RemUIOp::create(
      b, loc, arith::DivUIOp::create(b, loc, e, constant(kCoreRows)),
      constant(piecesPerRow));
  return {row, arith::MulIOp::create(b, loc, piece, constant(elements))};
}

/// fence.proxy.async for shared memory: the calling thread's writes of it
/// so far become visible to wgmma, which reads through the async proxy
/// (a barrier after it publishes them to the other threads' wgmma).
inline void fenceForWgmma(OpBuilder &b, Location loc) {
  NVVM::FenceProxyOp::create(
      b, loc, NVVM::ProxyKind::async_shared,
      NVVM::SharedSpaceAttr::get(b.getContext(),
                                 NVVM::SharedSpace::shared_cta));
}

/// The matrix descriptor (PTX ISA, "Matrix Descriptor Format") of the
/// operand held in `tile`, a memref<rows / 8 x columns / 8 x 8 x 8> of core
/// matrices, from row `row` (index, a multiple of 8) and column `column` (a
/// multiple of 8): the shared address (bits 4-17, in 16-byte units, as the
/// others), the bytes between core matrices along k (the leading byte
/// offset) and along m or n (the stride byte offset); no swizzle. The
/// tile's columns are k (a k-major operand: 128 bytes along k, a row of
/// core matrices along m or n) or, with `mnMajor`, its rows are (the
/// canonical MN-major layout ((8,1,m),(8,k)):((1,8,SBO),(8,LBO)) of 16-bit
/// elements: a row of core matrices along k, 128 bytes along m or n).
inline Value wgmmaDescriptor(OpBuilder &b, Location loc, Value tile, Value row,
                             int64_t column, bool mnMajor = false) {
  auto type = cast<MemRefType>(tile.getType());
  int64_t stride = type.getDimSize(1) * kCoreBytes;
  Type i64 = b.getI64Type();
  auto constant = [&](int64_t v) -> Value {
    return arith::ConstantIntOp::create(b, loc, v, 64);
  };
  Value address = arith::IndexCastOp::create(
      b, loc, i64,
      memref::ExtractAlignedPointerAsIndexOp::create(b, loc, tile));
  Value rowIndex = arith::IndexCastOp::create(b, loc, i64, row);
  Value rowGroups =
      arith::DivUIOp::create(b, loc, rowIndex, constant(kCoreRows));
  Value offset = arith::MulIOp::create(b, loc, rowGroups, constant(stride));
  Value rowStart = arith::AndIOp::create(
      b, loc,
      arith::ShRUIOp::create(
          b, loc, arith::AddIOp::create(b, loc, address, offset), constant(4)),
      constant(0x3fff));
  // The column's offset and the other fields in one constant, added: the
  // start field holds shared addresses below 256 KB (an offset in the
  // shared window; in the emulator, in its 2^18-aligned arena), so no
  // element of the tile carries past it; a row's descriptors share all
  // but the addition.
  int64_t leading = mnMajor ? stride : kCoreBytes;
  int64_t strided = mnMajor ? kCoreBytes : stride;
  return arith::AddIOp::create(b, loc, rowStart,
                               constant((column / kCoreRows * kCoreBytes) >> 4 |
                                        (leading >> 4) << 16 |
                                        (strided >> 4) << 32));
}

/// `values` (f32) as a struct of wgmma accumulators (the form that
/// nvvm.wgmma.mma_async and wgmmaRegisters take and give).
inline Value accumulatorStruct(OpBuilder &b, Location loc, ValueRange values) {
  auto type = LLVM::LLVMStructType::getLiteral(
      b.getContext(), SmallVector<Type>(values.size(), b.getF32Type()));
  Value d = LLVM::UndefOp::create(b, loc, type);
  for (auto [i, x] : llvm::enumerate(values))
    d = LLVM::InsertValueOp::create(b, loc, d, x, int64_t(i));
  return d;
}
/// The f32 fields of the accumulator struct `d`.
inline SmallVector<Value> accumulatorValues(OpBuilder &b, Location loc,
                                            Value d) {
  SmallVector<Value> values;
  int64_t fields = cast<LLVM::LLVMStructType>(d.getType()).getBody().size();
  for (int64_t i = 0; i < fields; ++i)
    values.push_back(LLVM::ExtractValueOp::create(b, loc, d, i));
  return values;
}

/// `d` (a struct of the m x n / 128 f32 accumulators of each thread of the
/// warpgroup) plus the product of A's rows from `aRow` and B's from `bRow`
/// (k-major tiles of core matrices of `element`, f16 or bf16, one per
/// plane) over columns [0, `depth`): wgmma m`m`n`n`k16 per 16 columns
/// and, with several planes, per product of planes i and j with i + j <
/// planes, ordered as multiplyAddPlanes orders them. With `fresh`, `d`'s
/// values are ignored (the first has scale-d 0). Returns the last result.
inline Value wgmmaPlanes(OpBuilder &b, Location loc, Type element,
                         ArrayRef<Value> aTiles, Value aRow,
                         ArrayRef<Value> bTiles, Value bRow, int64_t depth,
                         int64_t m, int64_t n, Value d, bool fresh) {
  int64_t planes = aTiles.size();
  assert(planes == static_cast<int64_t>(bTiles.size()) && "planes of a, b");
  auto type = element.isBF16() ? NVVM::WGMMATypes::bf16
                               : NVVM::WGMMATypes::f16;
  auto shape = NVVM::MMAShapeAttr::get(b.getContext(), m, n, kK);
  for (int64_t k = 0; k < depth; k += kK)
    for (int64_t order = planes - 1; order >= 0; --order)
      for (int64_t i = order; i >= 0; --i) {
        d = NVVM::WgmmaMmaAsyncOp::create(
            b, loc, d.getType(), d,
            wgmmaDescriptor(b, loc, aTiles[i], aRow, k),
            wgmmaDescriptor(b, loc, bTiles[order - i], bRow, k), shape, type,
            type, NVVM::WGMMATypes::f32,
            fresh ? NVVM::WGMMAScaleOut::zero : NVVM::WGMMAScaleOut::one,
            NVVM::WGMMAScaleIn::one, NVVM::WGMMAScaleIn::one,
            NVVM::MMALayout::row, NVVM::MMALayout::col,
            /*satfinite=*/nullptr);
        fresh = false;
      }
  return d;
}

/// The PTX of wgmma.mma_async m64n`n`k16 with A from registers: f32
/// accumulators, `bf16` (else f16) operands, B k-major or, with
/// `transposeB`, MN-major. As an llvm.inline_asm (wgmmaRegisters), the
/// n / 2 accumulators are $0.. (results, tied to the last n / 2 inputs), A's
/// four b32 registers follow, then B's descriptor and scale-d (i32, 0: D
/// is not read). ssm-emulate-gpu runs exactly these strings.
inline std::string wgmmaRegistersAsm(int64_t n, bool bf16, bool transposeB) {
  std::string type = bf16 ? "bf16" : "f16";
  int64_t count = n / 2;
  std::string d;
  for (int64_t i = 0; i < count; ++i)
    d += (i ? ", $" : "$") + std::to_string(i);
  auto at = [&](int64_t i) { return "$" + std::to_string(count + i); };
  return "{\n.reg .pred p;\nsetp.ne.b32 p, " + at(5) +
         ", 0;\nwgmma.mma_async.sync.aligned.m64n" + std::to_string(n) +
         "k16.f32." + type + "." + type + " {" + d + "}, {" + at(0) + ", " +
         at(1) + ", " + at(2) + ", " + at(3) + "}, " + at(4) + ", p, 1, 1, " +
         (transposeB ? "1" : "0") + ";\n}";
}

/// `d` (a struct of the n / 2 f32 accumulators of each thread of the
/// warpgroup) plus A B by wgmma m64nNk16 (wgmmaRegistersAsm): A from the
/// thread's four `a` registers (b32, or pairs of 16-bit values, laid out as
/// mma.sync's A for the 16 rows of the thread's warp), B as `descB`
/// (wgmmaDescriptor) gives it. With `fresh`, `d`'s values are not read.
inline Value wgmmaRegisters(OpBuilder &b, Location loc, Type element,
                            ArrayRef<Value> a, Value descB, Value d,
                            bool transposeB, bool fresh) {
  assert(a.size() == 4 && "four A registers");
  auto type = cast<LLVM::LLVMStructType>(d.getType());
  int64_t count = type.getBody().size();
  SmallVector<Value> operands;
  for (Value r : a)
    operands.push_back(
        r.getType().isInteger(32)
            ? r
            : LLVM::BitcastOp::create(b, loc, b.getI32Type(), r).getResult());
  operands.push_back(descB);
  operands.push_back(arith::ConstantIntOp::create(b, loc, fresh ? 0 : 1, 32));
  std::string constraints;
  for (int64_t i = 0; i < count; ++i)
    constraints += "=&f,";
  constraints += "r,r,r,r,l,r";
  for (int64_t i = 0; i < count; ++i) {
    operands.push_back(LLVM::ExtractValueOp::create(b, loc, d, i));
    constraints += "," + std::to_string(i);
  }
  return LLVM::InlineAsmOp::create(
             b, loc, type, operands,
             wgmmaRegistersAsm(2 * count, element.isBF16(), transposeB),
             constraints, /*has_side_effects=*/true, /*is_align_stack=*/false,
             LLVM::tailcallkind::TailCallKind::None,
             LLVM::AsmDialectAttr::get(b.getContext(),
                                       LLVM::AsmDialect::AD_ATT),
             /*operand_attrs=*/ArrayAttr())
      .getResult(0);
}

/// The most bf16 planes an f32 value is split into (about f32's precision).
constexpr int64_t kMaxPlanes = 3;

/// The `planes` bf16 planes of f32 `x` (a scalar or a vector) for products
/// on tensor cores, high to low: x = x_0 + .. + x_{n-1} + e with x_i the
/// bf16 rounding of x - x_0 - .. - x_{i-1}, so |e| <= 2^-(8n) |x| (bf16
/// keeps 8 significant bits), with f32's range: unless `bounded` (x known
/// to be within bf16's finite range), with several planes x_0 is rounded
/// from x clamped to that range, so that finite values beyond it come out
/// as (+-max, the rest, ..), not as an infinity and its negation. Infinite
/// x make NaN products (their planes meet zero planes: inf x 0), as the
/// split-TF32 products of other libraries do.
inline SmallVector<Value, kMaxPlanes>
splitBF16(OpBuilder &b, Location loc, Value x, int64_t planes,
          bool bounded = false) {
  Type wideType = x.getType(), type = b.getBF16Type();
  if (auto vector = dyn_cast<VectorType>(wideType))
    type = vector.clone(type);
  auto constant = [&](double v) -> Value {
    TypedAttr attr = b.getF32FloatAttr(v);
    if (auto vector = dyn_cast<VectorType>(wideType))
      attr = SplatElementsAttr::get(vector, attr);
    return arith::ConstantOp::create(b, loc, attr);
  };
  bool guarded = !bounded && planes > 1;
  Value first = x;
  if (guarded) {
    // bf16's largest finite value, (2 - 2^-7) 2^127.
    const double most = 3.3895313892515355e38;
    first = arith::MinimumFOp::create(
        b, loc, arith::MaximumFOp::create(b, loc, x, constant(-most)),
        constant(most));
  }
  SmallVector<Value, kMaxPlanes> parts;
  Value rest = x;
  for (int64_t i = 0; i < planes; ++i) {
    if (i > 0)
      rest = arith::SubFOp::create(
          b, loc, rest, arith::ExtFOp::create(b, loc, wideType, parts.back()));
    parts.push_back(
        arith::TruncFOp::create(b, loc, type, i == 0 ? first : rest));
  }
  return parts;
}

/// c + a b for operands given as n planes of `element` (f16/bf16)
/// fragments: with one, the operands themselves; with more, those of
/// splitBF16, as the sum of the products of planes i and j with i + j < n,
/// the smallest first. The products left out come to about 2^-(8n) |a b|:
/// about 16 bits of precision with two planes (three products), about
/// f32's 24 with three (six products).
inline SmallVector<Value, 4>
multiplyAddPlanes(OpBuilder &b, Location loc, Type element,
                  ArrayRef<SmallVector<Value>> a,
                  ArrayRef<SmallVector<Value>> bOperands, ArrayRef<Value> c) {
  int64_t n = a.size();
  assert(n == static_cast<int64_t>(bOperands.size()) && "planes of a and b");
  SmallVector<Value, 4> d(c);
  for (int64_t order = n - 1; order >= 0; --order)
    for (int64_t i = order; i >= 0; --i)
      d = multiplyAdd(b, loc, element, a[i], bOperands[order - i], d);
  return d;
}

/// Stores `x` (a scalar or a vector) at `indices` of `tile`, one buffer per
/// plane: an f32 `x` bound for bf16 planes split by splitBF16 into as many
/// as there are, otherwise `x` itself into the one. Vectors are stored
/// aligned to their size (pieces of a tile start at multiples of it).
inline void storePlanes(OpBuilder &b, Location loc, Value x,
                        ArrayRef<Value> tile, ValueRange indices) {
  Type planeType = cast<MemRefType>(tile.front().getType()).getElementType();
  SmallVector<Value, kMaxPlanes> values = {x};
  if (getElementTypeOrSelf(x.getType()) != planeType)
    values = splitBF16(b, loc, x, tile.size());
  for (auto [value, plane] : llvm::zip_equal(values, tile)) {
    if (auto type = dyn_cast<VectorType>(value.getType()))
      vector::StoreOp::create(b, loc, value, plane, indices,
                              /*nontemporal=*/false,
                              llvm::Align(type.getNumElements() *
                                          type.getElementTypeBitWidth() / 8));
    else
      memref::StoreOp::create(b, loc, value, plane, indices);
  }
}

} // namespace mlir::ssm::mma

#endif // SSM_LIB_CONVERSION_SSMTOGPU_MMAFRAGMENTS_H
