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

static Value lowerMonarch(LinalgEmitter &e, MonarchOp op) {
  auto rType = cast<RankedTensorType>(op.getR().getType());
  int64_t m = rType.getDimSize(0), k = rType.getDimSize(1);
  Type element = rType.getElementType();
  Value rows = toRows(e, op.getX());
  Value grid = splitRow(e, rows, {m, k}); // X[r, a, c], i = a*k + c
  SmallVector<OpFoldResult> gridSizes = {e.size(rows, 0), e.index(m),
                                         e.index(k)};
  AffineExpr r = e.d(0), a = e.d(1), j = e.d(2), c = e.d(3);
  // Z[r, a, j] = sum_c R[a, j, c] X[r, a, c]
  Value z = e.generic({op.getR(), grid}, e.filled(gridSizes, element, 0.0),
                      {e.map(4, {a, j, c}), e.map(4, {r, a, c}),
                       e.map(4, {r, a, j})},
                      {kPar, kPar, kPar, kRed}, multiplyAccumulate);
  // Y[r, b, j] = sum_a L[j, b, a] Z[r, a, j], stored at b*k + j.
  AffineExpr bb = e.d(1), jj = e.d(2), aa = e.d(3);
  Value y = e.generic({op.getL(), z}, e.filled(gridSizes, element, 0.0),
                      {e.map(4, {jj, bb, aa}), e.map(4, {r, aa, jj}),
                       e.map(4, {r, bb, jj})},
                      {kPar, kPar, kPar, kRed}, multiplyAccumulate);
  return fromRows(e, joinRow(e, y), op.getX());
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
        {kPar, kPar, kPar, kPar, kRed},
        multiplyAccumulate);
    rows = joinRow(e, y);
  }
  return fromRows(e, rows, op.getX());
}

LogicalResult mlir::ssm::lowerStructuredMatrix(Operation *op,
                                               PatternRewriter &rewriter) {
  ImplicitLocOpBuilder b(op->getLoc(), rewriter);
  LinalgEmitter e(b);
  Value result = isa<MonarchOp>(op) ? lowerMonarch(e, cast<MonarchOp>(op))
                                    : lowerButterfly(e, cast<ButterflyOp>(op));
  rewriter.replaceOp(op, result);
  return success();
}
