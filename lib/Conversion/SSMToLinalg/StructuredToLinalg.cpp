//===- StructuredToLinalg.cpp - monarch and butterfly to linalg -----------===//
//
// Both act on the last dimension of rows: the leading dimensions are
// collapsed into one row dimension R, the row is viewed as a small grid by
// expand_shape, and each factor is one linalg.generic contraction.
//
//===----------------------------------------------------------------------===//

#include "ssm/Conversion/LinalgEmitter.h"
#include "ssm/Dialect/SSM/IR/SSMOps.h"

#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace mlir::ssm;

/// `x [..., n]` as `[R, n]`.
static Value toRows(LinalgEmitter &e, Value x) {
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank(), n = type.getDimSize(rank - 1);
  if (rank == 1)
    return tensor::ExpandShapeOp::create(
        e.b, RankedTensorType::get({1, n}, type.getElementType()), x,
        ArrayRef<ReassociationIndices>{{0, 1}},
        ArrayRef<OpFoldResult>{e.index(1), e.index(n)});
  ReassociationIndices leading;
  for (int64_t i = 0; i < rank - 1; ++i)
    leading.push_back(i);
  return tensor::CollapseShapeOp::create(
      e.b, x, ArrayRef<ReassociationIndices>{leading, {rank - 1}});
}

/// The inverse of `toRows` for a result shaped like `like`.
static Value fromRows(LinalgEmitter &e, Value rows, Value like) {
  auto type = cast<RankedTensorType>(like.getType());
  int64_t rank = type.getRank();
  if (rank == 1)
    return tensor::CollapseShapeOp::create(
        e.b, rows, ArrayRef<ReassociationIndices>{{0, 1}});
  ReassociationIndices leading;
  for (int64_t i = 0; i < rank - 1; ++i)
    leading.push_back(i);
  return tensor::ExpandShapeOp::create(
      e.b, type, rows, ArrayRef<ReassociationIndices>{leading, {rank - 1}},
      e.sizes(like));
}

/// Views `[R, n]` as `[R, dims...]` with n = prod(dims).
static Value splitRow(LinalgEmitter &e, Value rows, ArrayRef<int64_t> dims) {
  auto type = cast<RankedTensorType>(rows.getType());
  SmallVector<int64_t> shape = {type.getDimSize(0)};
  shape.append(dims.begin(), dims.end());
  ReassociationIndices inner;
  SmallVector<OpFoldResult> sizes = {e.size(rows, 0)};
  for (size_t i = 0; i < dims.size(); ++i) {
    inner.push_back(int64_t(i) + 1);
    sizes.push_back(e.index(dims[i]));
  }
  return tensor::ExpandShapeOp::create(
      e.b, RankedTensorType::get(shape, type.getElementType()), rows,
      ArrayRef<ReassociationIndices>{{0}, inner}, sizes);
}

/// Collapses `[R, dims...]` back to `[R, n]`.
static Value joinRow(LinalgEmitter &e, Value grid) {
  int64_t rank = cast<RankedTensorType>(grid.getType()).getRank();
  ReassociationIndices inner;
  for (int64_t i = 1; i < rank; ++i)
    inner.push_back(i);
  return tensor::CollapseShapeOp::create(
      e.b, grid, ArrayRef<ReassociationIndices>{{0}, inner});
}

/// Rows per block of the monarch lowering: a block's intermediate Z
/// (rows x n) stays in the L2 cache for the second product.
static constexpr int64_t kMonarchRowBlock = 32;

/// The two block products on the rows `grid` ([rows, m, k]) into `dest`,
/// each with the loops ordered so that the innermost runs over contiguous
/// elements of the output and of a transposed weight (a multiply-add over
/// vectors, no horizontal sums):
///   Z[r, a, j] = sum_c R[a, j, c] X[r, a, c]  as loops (a, r, c, j): block
///     a's weight (k x k) stays in the cache while the rows use it;
///   Y[r, b, j] = sum_a L[j, b, a] Z[r, a, j]  as loops (r, b, a, j): the
///     row's Z and Y stay in the cache; Z is rounded to `products` first.
static Value monarchProducts(LinalgEmitter &e, Value grid, Value rT, Value lT,
                             Value dest, Type products) {
  Type element = getElementTypeOrSelf(grid.getType());
  AffineExpr a = e.d(0), r = e.d(1), c = e.d(2), j = e.d(3);
  Value z =
      e.generic({rT, grid}, e.filled(e.sizes(grid), element, 0.0),
                {e.map(4, {a, c, j}), e.map(4, {r, a, c}), e.map(4, {r, a, j})},
                {kPar, kPar, kRed, kPar}, multiplyAccumulate);
  z = e.converted(z, products);
  AffineExpr rr = e.d(0), bb = e.d(1), aa = e.d(2), jj = e.d(3);
  return e.generic(
      {lT, z}, e.fill(dest, 0.0),
      {e.map(4, {bb, aa, jj}), e.map(4, {rr, aa, jj}), e.map(4, {rr, bb, jj})},
      {kPar, kPar, kRed, kPar}, multiplyAccumulate);
}

/// The two block products on the rows `grid` ([rows, m, k]), with both
/// operands of each read along its reduction dimension and its result
/// written along a dimension that is not a batch one, as the GPU's
/// tensor-core kernels read and write them best:
///   Z[r, a, j]  = sum_c R[a, j, c] X[r, a, c]   (batch a),
///   Zt[r, j, a] = Z[r, a, j] rounded to `products`,
///   Yt[r, j, b] = sum_a L[j, b, a] Zt[r, j, a]  (batch j),
///   Y[r, b, j]  = Yt[r, j, b].
static Value monarchProductsAlongReductions(LinalgEmitter &e, Value grid,
                                            Value r, Value l,
                                            Type products) {
  Type element = getElementTypeOrSelf(grid.getType());
  AffineExpr a = e.d(0), row = e.d(1), j = e.d(2), c = e.d(3);
  Value z = e.generic(
      {r, grid}, e.filled(e.sizes(grid), element, 0.0),
      {e.map(4, {a, j, c}), e.map(4, {row, a, c}), e.map(4, {row, a, j})},
      {kPar, kPar, kPar, kRed}, multiplyAccumulate);
  // The transpose and the rounding as one copy.
  SmallVector<OpFoldResult> sizes = e.sizes(z);
  std::swap(sizes[1], sizes[2]);
  AffineExpr i0 = e.d(0), i1 = e.d(1), i2 = e.d(2);
  Value zt = e.generic(
      z, e.empty(sizes, products),
      {e.map(3, {i0, i2, i1}), e.map(3, {i0, i1, i2})}, {kPar, kPar, kPar},
      [&](Scalar &s, ValueRange v) { return s.convert(v[0], products); });
  AffineExpr jj = e.d(0), rr = e.d(1), bb = e.d(2), aa = e.d(3);
  Value yt = e.generic(
      {l, zt}, e.filled(sizes, element, 0.0),
      {e.map(4, {jj, bb, aa}), e.map(4, {rr, jj, aa}), e.map(4, {rr, jj, bb})},
      {kPar, kPar, kPar, kRed}, multiplyAccumulate);
  return e.transposed(yt, {0, 2, 1});
}

/// With a static number of rows (and `tileRows`) the products run per
/// block of rows in an scf.forall, so that Z never leaves the cache (and is
/// never a buffer of all rows); each block writes its rows of the result in
/// place. Otherwise each product is one generic over all rows.
static Value lowerMonarch(LinalgEmitter &e, MonarchOp op, bool tileRows,
                          bool contiguousReductions, Type products) {
  auto rType = cast<RankedTensorType>(op.getR().getType());
  int64_t m = rType.getDimSize(0), k = rType.getDimSize(1);
  Type element = rType.getElementType();
  Value rows = toRows(e, op.getX());
  Value grid = splitRow(e, rows, {m, k}); // X[r, a, c], i = a*k + c
  SmallVector<OpFoldResult> gridSizes = e.sizes(grid);
  int64_t R = cast<RankedTensorType>(grid.getType()).getDimSize(0);
  bool untiled = ShapedType::isDynamic(R) || !tileRows;
  if (untiled && contiguousReductions)
    return fromRows(e,
                    joinRow(e, monarchProductsAlongReductions(
                                   e, grid, op.getR(), op.getL(), products)),
                    op.getX());
  Value rT = e.transposed(op.getR(), {0, 2, 1}); // R^T[a, c, j]
  Value lT = e.transposed(op.getL(), {1, 2, 0}); // L^T[b, a, j]
  Value out = e.empty(gridSizes, element);
  if (untiled)
    return fromRows(e, joinRow(e, monarchProducts(e, grid, rT, lT, out, products)),
                    op.getX());

  int64_t block = std::min(kMonarchRowBlock, std::max<int64_t>(R, 1));
  int64_t blocks = std::max<int64_t>(1, llvm::divideCeil(R, block));
  Value result = e.forallTiles(
      {e.index(blocks)}, out,
      [&](LinalgEmitter &e, ValueRange ivs,
          ValueRange shared) -> SmallVector<LinalgEmitter::Tile> {
        ImplicitLocOpBuilder &b = e.b;
        Value r0 = arith::MulIOp::create(
            b, ivs[0], arith::ConstantIndexOp::create(b, block));
        OpFoldResult count = e.index(block);
        if (R % block != 0)
          count = arith::MinSIOp::create(
                      b, arith::ConstantIndexOp::create(b, block),
                      arith::SubIOp::create(
                          b, arith::ConstantIndexOp::create(b, R), r0))
                      .getResult();
        SmallVector<OpFoldResult> offsets = {r0, e.index(0), e.index(0)},
                                  sizes = {count, e.index(m), e.index(k)};
        Value y = monarchProducts(e, e.slice(grid, offsets, sizes), rT, lT,
                                  e.slice(shared[0], offsets, sizes),
                                  products);
        return {{y, offsets, sizes}};
      })[0];
  return fromRows(e, joinRow(e, result), op.getX());
}

static Value lowerButterfly(LinalgEmitter &e, ButterflyOp op) {
  auto xType = cast<RankedTensorType>(op.getX().getType());
  int64_t n = xType.getDimSize(xType.getRank() - 1);
  Type element = xType.getElementType();
  if (n < 2)
    return op.getX();
  Value rows = toRows(e, op.getX());
  Value w = op.getTwiddles();
  for (int64_t s = 0, stages = llvm::Log2_64(n); s < stages; ++s) {
    int64_t half = int64_t(1) << s, blocks = n / (2 * half);
    // x[r, blk, c, o] = row[blk*2*half + c*half + o]
    Value grid = splitRow(e, rows, {blocks, 2, half});
    // w[s, blk*half + o, rr, c] as [blk, o, rr, c]
    Value factor = e.slice(w, {e.index(s), e.index(0), e.index(0), e.index(0)},
                           {e.index(1), e.index(n / 2), e.index(2), e.index(2)},
                           /*drop=*/{0});
    factor = tensor::ExpandShapeOp::create(
        e.b, RankedTensorType::get({blocks, half, 2, 2}, element), factor,
        ArrayRef<ReassociationIndices>{{0, 1}, {2}, {3}},
        ArrayRef<OpFoldResult>{e.index(blocks), e.index(half), e.index(2),
                               e.index(2)});
    AffineExpr r = e.d(0), blk = e.d(1), rr = e.d(2), o = e.d(3), c = e.d(4);
    Value y = e.generic(
        {factor, grid},
        e.filled({e.size(rows, 0), e.index(blocks), e.index(2), e.index(half)},
                 element, 0.0),
        {e.map(5, {blk, o, rr, c}), e.map(5, {r, blk, c, o}),
         e.map(5, {r, blk, rr, o})},
        {kPar, kPar, kPar, kPar, kRed}, multiplyAccumulate);
    rows = joinRow(e, y);
  }
  return fromRows(e, rows, op.getX());
}

LogicalResult mlir::ssm::lowerStructuredMatrix(Operation *op,
                                               PatternRewriter &rewriter,
                                               bool tileMonarchRows,
                                               bool contiguousReductions,
                                               Type products) {
  ImplicitLocOpBuilder b(op->getLoc(), rewriter);
  LinalgEmitter e(b);
  Value result = isa<MonarchOp>(op)
                     ? lowerMonarch(e, cast<MonarchOp>(op), tileMonarchRows,
                                    contiguousReductions, products)
                     : lowerButterfly(e, cast<ButterflyOp>(op));
  rewriter.replaceOp(op, result);
  return success();
}
