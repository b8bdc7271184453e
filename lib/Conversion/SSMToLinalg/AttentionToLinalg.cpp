//===- AttentionToLinalg.cpp - attention and linear attention to linalg ---===//
//
// Softmax attention uses the flash algorithm: an scf.for over blocks of
// `block_k` keys carries the running row max m, row sum l and the unnormalised
// output. With static shapes it runs per (batch, head, block of `block_q`
// queries) in an scf.forall, over only the keys the block's queries see
// (causal and window bounds), so that scores exist only for one tile
// ([block_q, block_k]); with dynamic shapes, for all queries at once
// ([B, H, Lq, block_k]).
// Causal linear attention is an scf.for over time carrying the state
// S = sum_s phi(k_s) v_s^T ([B, H, F, Ev]) and the normaliser sum_s phi(k_s).
//
//===----------------------------------------------------------------------===//

#include "ssm/Conversion/LinalgEmitter.h"
#include "ssm/Dialect/SSM/IR/SSMOps.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::ssm;

/// Default key and query blocks of the flash lowering when the op has no
/// schedule.
static constexpr int64_t kDefaultBlockK = 64;
/// Steps per chunk of chunked linear attention whose schedule does not say.
static constexpr int64_t kDefaultChunk = 64;
static constexpr int64_t kDefaultBlockQ = 64;

//===----------------------------------------------------------------------===//
// Softmax attention
//===----------------------------------------------------------------------===//

namespace {
/// One flash computation: queries `q` ([B, H, lq, E], global query indices
/// from `qOffset`) against the keys [keyLo, keyHi) of `k`/`v` ([B, Hk, Lk,
/// E|Ev], head h reading kv head h / groups), written into `yDest`.
struct FlashProblem {
  Value q, k, v, yDest;
  Value qOffset, keyLo, keyHi;
  /// Lk - Lq of the whole op: key j is visible to query i when
  /// j <= i + shift (causal) and j >= i + shift - (window - 1).
  Value shift;
  Value scale;
  int64_t groups;
  /// The element type of the probabilities that P V and the row sums read.
  Type products;
};
} // namespace

static Value flashAttention(LinalgEmitter &e, AttentionOp attn,
                            const FlashProblem &f, int64_t blockK) {
  ImplicitLocOpBuilder &b = e.b;
  Type element = cast<RankedTensorType>(f.q.getType()).getElementType();
  bool causal = attn.getCausal();
  std::optional<int64_t> window = attn.getWindow();
  SmallVector<OpFoldResult> qs = e.sizes(f.q); // B, H, lq, E
  OpFoldResult Ev = e.size(f.v, 3);
  SmallVector<OpFoldResult> rowSizes = {qs[0], qs[1], qs[2]};
  SmallVector<OpFoldResult> outSizes = {qs[0], qs[1], qs[2], Ev};
  double negInf = -std::numeric_limits<double>::infinity();
  Value m0 = e.filled(rowSizes, element, negInf);
  Value l0 = e.filled(rowSizes, element, 0.0);
  Value acc0 = e.filled(outSizes, element, 0.0);
  Value step = arith::ConstantIndexOp::create(b, blockK);
  int64_t groups = f.groups;
  Value scale = f.scale, shift = f.shift, qOffset = f.qOffset;
  Value k = f.k, v = f.v, q = f.q;

  auto loop = scf::ForOp::create(
      b, f.keyLo, f.keyHi, step, ValueRange{m0, l0, acc0},
      [&](OpBuilder &nested, Location loc, Value j0, ValueRange carried) {
        ImplicitLocOpBuilder ib(loc, nested);
        LinalgEmitter s(ib);
        Value m = carried[0], l = carried[1], acc = carried[2];
        Value remaining = arith::SubIOp::create(ib, f.keyHi, j0);
        Value cur = arith::MinSIOp::create(ib, remaining, step);
        SmallVector<OpFoldResult> ks = s.sizes(k), vs = s.sizes(v);
        Value kb = s.slice(k, {s.index(0), s.index(0), j0, s.index(0)},
                           {ks[0], ks[1], cur, ks[3]});
        Value vb = s.slice(v, {s.index(0), s.index(0), j0, s.index(0)},
                           {vs[0], vs[1], cur, vs[3]});
        AffineExpr bb = s.d(0), h = s.d(1), i = s.d(2), j = s.d(3), x = s.d(4);
        AffineExpr kvh = h.floorDiv(groups);
        SmallVector<OpFoldResult> scoreSizes = {qs[0], qs[1], qs[2], cur};
        // Scores of this key block, scaled and masked.
        Value scores = s.generic(
            {q, kb}, s.filled(scoreSizes, element, 0.0),
            {s.map(5, {bb, h, i, x}), s.map(5, {bb, kvh, j, x}),
             s.map(5, {bb, h, i, j})},
            {kPar, kPar, kPar, kPar, kRed}, multiplyAccumulate);
        AffineMap bhij = s.map(4, {bb, h, i, j}), bhi = s.map(4, {bb, h, i});
        scores = s.generic(
            {scores}, s.empty(scoreSizes, element), {bhij, bhij},
            {kPar, kPar, kPar, kPar}, [&](Scalar &sc, ValueRange a) {
              Value scaled = sc.mul(a[0], scale);
              if (!causal && !window)
                return scaled;
              Value qi = arith::AddIOp::create(
                  sc.b, linalg::IndexOp::create(sc.b, 2), qOffset);
              Value kj = arith::AddIOp::create(
                  sc.b, linalg::IndexOp::create(sc.b, 3), j0);
              Value hi = arith::AddIOp::create(sc.b, qi, shift);
              Value keep = arith::ConstantIntOp::create(sc.b, 1, 1);
              if (causal)
                keep = arith::CmpIOp::create(sc.b, arith::CmpIPredicate::sle,
                                             kj, hi);
              if (window) {
                Value lo = arith::SubIOp::create(
                    sc.b, hi,
                    arith::ConstantIndexOp::create(sc.b, *window - 1));
                Value inWindow = arith::CmpIOp::create(
                    sc.b, arith::CmpIPredicate::sge, kj, lo);
                keep = arith::AndIOp::create(sc.b, keep, inWindow);
              }
              return arith::SelectOp::create(sc.b, keep, scaled,
                                             sc.cst(element, negInf))
                  .getResult();
            });
        // m_new = max(m, max_j s)
        Value mNew = s.generic({scores}, m, {bhij, bhi},
                               {kPar, kPar, kPar, kRed},
                               [](Scalar &sc, ValueRange a) {
                                 return sc.max(a[1], a[0]);
                               });
        // p = exp(s - m_new), 0 for masked scores (also when m_new = -inf).
        auto guardedExp = [&](Scalar &sc, Value x, Value mx) {
          Value isMasked = arith::CmpFOp::create(
              sc.b, arith::CmpFPredicate::OEQ, x, sc.cst(element, negInf));
          return arith::SelectOp::create(sc.b, isMasked, sc.cst(element, 0.0),
                                         sc.exp(sc.sub(x, mx)))
              .getResult();
        };
        // Rounded to f.products (f16/bf16 with round-product-operands),
        // which both P V and the row sums read: y stays a weighted mean.
        Value p = s.generic({scores, mNew}, s.empty(scoreSizes, f.products),
                            {bhij, bhi, bhij}, {kPar, kPar, kPar, kPar},
                            [&](Scalar &sc, ValueRange a) {
                              return sc.convert(guardedExp(sc, a[0], a[1]),
                                                f.products);
                            });
        // Rescale the running sum and output by exp(m - m_new).
        AffineExpr b3 = s.d(0), h3 = s.d(1), i3 = s.d(2);
        AffineMap row3 = s.map(3, {b3, h3, i3});
        Value corr = s.generic({m, mNew}, s.empty(rowSizes, element),
                               {row3, row3, row3}, {kPar, kPar, kPar},
                               [&](Scalar &sc, ValueRange a) {
                                 return guardedExp(sc, a[0], a[1]);
                               });
        Value lScaled = s.generic({l, corr}, s.empty(rowSizes, element),
                                  {row3, row3, row3}, {kPar, kPar, kPar},
                                  [](Scalar &sc, ValueRange a) {
                                    return sc.mul(a[0], a[1]);
                                  });
        Value lNew = s.generic({p}, lScaled, {bhij, bhi},
                               {kPar, kPar, kPar, kRed},
                               [&](Scalar &sc, ValueRange a) {
                                 return sc.add(a[1],
                                               sc.convert(a[0], element));
                               });
        AffineMap bhie = s.map(4, {bb, h, i, j}); // j plays e here
        Value accScaled = s.generic({acc, corr}, s.empty(outSizes, element),
                                    {bhie, bhi, bhie}, {kPar, kPar, kPar, kPar},
                                    [](Scalar &sc, ValueRange a) {
                                      return sc.mul(a[0], a[1]);
                                    });
        // acc[b,h,i,e] += sum_j p[b,h,i,j] v[b,kvh,j,e], with e innermost:
        // a contiguous multiply-add over rows of v (j innermost would read
        // v with a stride).
        AffineExpr jj = s.d(3), ev = s.d(4);
        Value accNew = s.generic(
            {p, vb}, accScaled,
            {s.map(5, {bb, h, i, jj}), s.map(5, {bb, kvh, jj, ev}),
             s.map(5, {bb, h, i, ev})},
            {kPar, kPar, kPar, kRed, kPar}, multiplyAccumulate);
        scf::YieldOp::create(ib, ValueRange{mNew, lNew, accNew});
      });

  // y = acc / l, and 0 for a row with no key left.
  AffineExpr bb = e.d(0), h = e.d(1), i = e.d(2), ev = e.d(3);
  AffineMap out = e.map(4, {bb, h, i, ev});
  return e.generic({loop.getResult(2), loop.getResult(1)}, f.yDest,
                   {out, e.map(4, {bb, h, i}), out}, {kPar, kPar, kPar, kPar},
                   [&](Scalar &sc, ValueRange a) {
                     Value zeroF = sc.cst(element, 0.0);
                     Value any = arith::CmpFOp::create(
                         sc.b, arith::CmpFPredicate::OGT, a[1], zeroF);
                     return arith::SelectOp::create(sc.b, any,
                                                    sc.div(a[0], a[1]), zeroF)
                         .getResult();
                   });
}

/// The keys [lo, hi) that some query in [q0, q0 + rows) sees: causal
/// attention ends at the last query's diagonal, a window starts at the
/// first query's.
static std::pair<Value, Value> visibleKeys(ImplicitLocOpBuilder &b,
                                           AttentionOp attn, Value q0,
                                           Value rows, Value shift,
                                           Value lk) {
  Value zero = arith::ConstantIndexOp::create(b, 0);
  Value lo = zero, hi = lk;
  if (attn.getCausal()) {
    // The last query's diagonal, j <= q0 + rows - 1 + shift. (A window
    // alone bounds keys from below only.)
    Value end = arith::AddIOp::create(
        b, arith::AddIOp::create(b, q0, rows), shift);
    hi = arith::MaxSIOp::create(b, zero, arith::MinSIOp::create(b, lk, end));
  }
  if (std::optional<int64_t> window = attn.getWindow()) {
    Value first = arith::SubIOp::create(
        b, arith::AddIOp::create(b, q0, shift),
        arith::ConstantIndexOp::create(b, *window - 1));
    lo = arith::MaxSIOp::create(b, zero, first);
  }
  return {lo, hi};
}

LogicalResult mlir::ssm::lowerAttention(Operation *op,
                                        PatternRewriter &rewriter,
                                        bool tileQueries,
                                        Type products) {
  auto attn = cast<AttentionOp>(op);
  ImplicitLocOpBuilder b(op->getLoc(), rewriter);
  LinalgEmitter e(b);
  Value q = attn.getQ(), k = attn.getK(), v = attn.getV();
  auto qType = cast<RankedTensorType>(q.getType());
  auto kType = cast<RankedTensorType>(k.getType());
  auto vType = cast<RankedTensorType>(v.getType());
  Type element = qType.getElementType();
  int64_t groups = qType.getDimSize(1) / kType.getDimSize(1);
  int64_t blockK = scheduleParam(op, "block_k", kDefaultBlockK);
  int64_t blockQ = scheduleParam(op, "block_q", kDefaultBlockQ);

  SmallVector<OpFoldResult> qs = e.sizes(q); // B, H, Lq, E
  Value lq = getValueOrCreateConstantIndexOp(b, b.getLoc(), qs[2]);
  Value lk = getValueOrCreateConstantIndexOp(b, b.getLoc(), e.size(k, 2));
  Value shift = arith::SubIOp::create(b, lk, lq);
  Value scale;
  if (FloatAttr s = attn.getScaleAttr()) {
    scale = arith::ConstantOp::create(
        b, element, b.getFloatAttr(element, s.getValueAsDouble()));
  } else {
    Value ei = getValueOrCreateConstantIndexOp(b, b.getLoc(), qs[3]);
    Value ef = arith::SIToFPOp::create(
        b, element, arith::IndexCastOp::create(b, b.getI64Type(), ei));
    scale = math::RsqrtOp::create(b, ef);
  }
  SmallVector<OpFoldResult> outSizes = {qs[0], qs[1], qs[2], e.size(v, 3)};
  Value zero = arith::ConstantIndexOp::create(b, 0);

  if (!tileQueries || !qType.hasStaticShape() || !kType.hasStaticShape() ||
      !vType.hasStaticShape()) {
    // Dynamic shapes, or untiled: one flash loop over all queries (each
    // step's generics cover every query: on a GPU, kernels over all of
    // them, with no per-thread tiles).
    auto [lo, hi] = visibleKeys(b, attn, zero, lq, shift, lk);
    FlashProblem all = {q,     k,  v,     e.empty(outSizes, element),
                        zero,  lo, hi,    shift,
                        scale, groups, products};
    rewriter.replaceOp(op, flashAttention(e, attn, all, blockK));
    return success();
  }

  // Static shapes: an scf.forall over (batch, head, query tile), each tile
  // a flash loop over the keys its queries see, with its scores
  // ([block_q, block_k]) and running state in the cache; tiles run in
  // parallel and write their rows of the output in place.
  int64_t B = qType.getDimSize(0), H = qType.getDimSize(1),
          Lq = qType.getDimSize(2), E = qType.getDimSize(3),
          Lk = kType.getDimSize(2), Ev = vType.getDimSize(3);
  int64_t tiles = std::max<int64_t>(1, llvm::divideCeil(Lq, blockQ));
  auto body = [&](LinalgEmitter &e, ValueRange ivs,
                  ValueRange shared) -> SmallVector<LinalgEmitter::Tile> {
    Value bi = ivs[0], hi = ivs[1];
    Value q0 = arith::MulIOp::create(b, ivs[2],
                                     arith::ConstantIndexOp::create(b, blockQ));
    // Every tile has the same static number of rows unless the last is
    // partial.
    bool evenTiles = tiles == 1 || Lq % blockQ == 0;
    Value rows = evenTiles ? arith::ConstantIndexOp::create(
                                 b, std::min(blockQ, Lq)).getResult()
                           : arith::MinSIOp::create(
                                 b, arith::ConstantIndexOp::create(b, blockQ),
                                 arith::SubIOp::create(b, lq, q0))
                                 .getResult();
    OpFoldResult rowsSize = evenTiles ? e.index(std::min(blockQ, Lq))
                                      : OpFoldResult(rows);
    Value kvHead = arith::DivUIOp::create(
        b, hi, arith::ConstantIndexOp::create(b, groups));
    OpFoldResult one = e.index(1), zeroIndex = e.index(0);
    SmallVector<OpFoldResult> yOffsets = {bi, hi, q0, zeroIndex},
                              ySizes = {one, one, rowsSize, e.index(Ev)};
    auto [lo, keyEnd] = visibleKeys(b, attn, q0, rows, shift, lk);
    FlashProblem tile = {
        e.slice(q, {bi, hi, q0, zeroIndex}, {one, one, rowsSize, e.index(E)}),
        e.slice(k, {bi, kvHead, zeroIndex, zeroIndex},
                {one, one, e.index(Lk), e.index(E)}),
        e.slice(v, {bi, kvHead, zeroIndex, zeroIndex},
                {one, one, e.index(Lk), e.index(Ev)}),
        e.slice(shared[0], yOffsets, ySizes),
        q0,
        lo,
        keyEnd,
        shift,
        scale,
        /*groups=*/1,
        products};
    return {{flashAttention(e, attn, tile, blockK), yOffsets, ySizes}};
  };
  rewriter.replaceOp(op, e.forallTiles({e.index(B), e.index(H), e.index(tiles)},
                                       e.empty(outSizes, element), body));
  return success();
}

//===----------------------------------------------------------------------===//
// Linear attention
//===----------------------------------------------------------------------===//

/// phi(x) for x [B, H, L, E]: [B, H, L, F].
static Value featureMap(LinalgEmitter &e, Value x, FeatureMap map) {
  auto type = cast<RankedTensorType>(x.getType());
  Type element = type.getElementType();
  int64_t E = type.getDimSize(3);
  SmallVector<OpFoldResult> sizes = e.sizes(x);
  AffineExpr b = e.d(0), h = e.d(1), l = e.d(2), i = e.d(3), j = e.d(4);
  AffineMap id = e.map(4, {b, h, l, i});
  switch (map) {
  case FeatureMap::identity:
    return x;
  case FeatureMap::elu1:
  case FeatureMap::relu:
    return e.generic({x}, e.empty(sizes, element), {id, id},
                     {kPar, kPar, kPar, kPar}, [&](Scalar &s, ValueRange a) {
                       Value zero = s.cst(element, 0.0);
                       if (map == FeatureMap::relu)
                         return s.max(a[0], zero);
                       Value positive = arith::CmpFOp::create(
                           s.b, arith::CmpFPredicate::OGT, a[0], zero);
                       return arith::SelectOp::create(
                                  s.b, positive,
                                  s.add(a[0], s.cst(element, 1.0)), s.exp(a[0]))
                           .getResult();
                     });
  case FeatureMap::taylor2:
    break;
  }
  // [1, x, vec(x x^T) / sqrt(2)] along the feature dimension.
  int64_t F = 1 + E + E * E;
  SmallVector<OpFoldResult> featSizes = {sizes[0], sizes[1], sizes[2],
                                         e.index(F)};
  Value features = e.filled(featSizes, element, 1.0);
  features = e.insert(x, features, {e.index(0), e.index(0), e.index(0),
                                    e.index(1)},
                      sizes);
  Value outer = e.generic(
      {x, x},
      e.empty({sizes[0], sizes[1], sizes[2], e.index(E), e.index(E)}, element),
      {e.map(5, {b, h, l, i}), e.map(5, {b, h, l, j}),
       e.map(5, {b, h, l, i, j})},
      {kPar, kPar, kPar, kPar, kPar}, [&](Scalar &s, ValueRange a) {
        return s.mul(s.mul(a[0], a[1]), s.cst(element, 1.0 / std::sqrt(2.0)));
      });
  outer = tensor::CollapseShapeOp::create(
      e.b, outer, ArrayRef<ReassociationIndices>{{0}, {1}, {2}, {3, 4}});
  return e.insert(outer, features,
                  {e.index(0), e.index(0), e.index(0), e.index(1 + E)},
                  {sizes[0], sizes[1], sizes[2], e.index(E * E)});
}

/// Linear attention of `q`, `k`, `v` (the op's operands or one (batch,
/// head) slice of them) with the op's feature map, causality and
/// normalisation.
static Value linearAttention(LinalgEmitter &e, LinearAttentionOp attn,
                             Value q, Value k, Value v) {
  Type element = cast<RankedTensorType>(v.getType()).getElementType();
  Value phiQ = featureMap(e, q, attn.getFeatureMap());
  Value phiK = featureMap(e, k, attn.getFeatureMap());
  SmallVector<OpFoldResult> vs = e.sizes(v); // B, H, L, Ev
  OpFoldResult F = e.size(phiQ, 3);
  SmallVector<OpFoldResult> stateSizes = {vs[0], vs[1], F, vs[3]};
  bool normalize = attn.getNormalize();

  /// Reads (numerator [B,H,Ev], denominator [B,H]) of queries `qt` [B,H,F]
  /// against the state `S` and normaliser `z`.
  auto readout = [&](LinalgEmitter &s, Value qt, Value S, Value z) {
    // ev innermost: contiguous rows of S (f innermost would stride).
    AffineExpr bb = s.d(0), h = s.d(1), f = s.d(2), ev = s.d(3);
    Value num = s.generic({qt, S}, s.filled({vs[0], vs[1], vs[3]}, element, 0.0),
                          {s.map(4, {bb, h, f}), s.map(4, {bb, h, f, ev}),
                           s.map(4, {bb, h, ev})},
                          {kPar, kPar, kRed, kPar}, multiplyAccumulate);
    if (!normalize)
      return num;
    AffineExpr f3 = s.d(2);
    Value den = s.generic({qt, z}, s.filled({vs[0], vs[1]}, element, 0.0),
                          {s.map(3, {bb, h, f3}), s.map(3, {bb, h, f3}),
                           s.map(3, {bb, h})},
                          {kPar, kPar, kRed}, multiplyAccumulate);
    AffineExpr ev3 = s.d(2);
    return s.generic({num, den}, s.empty({vs[0], vs[1], vs[3]}, element),
                     {s.map(3, {bb, h, ev3}), s.map(3, {bb, h}),
                      s.map(3, {bb, h, ev3})},
                     {kPar, kPar, kPar},
                     [](Scalar &sc, ValueRange a) { return sc.div(a[0], a[1]); });
  };
  /// S += phi(k) v^T and z += phi(k) over the time slices selected by the
  /// maps (one step, or all steps as a reduction).
  Value y;
  if (attn.getCausal()) {
    Value S0 = e.filled(stateSizes, element, 0.0);
    Value z0 = e.filled({vs[0], vs[1], F}, element, 0.0);
    SmallVector<Value> loop = e.loopOverTime(
        vs[2], {S0, z0, e.empty(vs, element)},
        [&](LinalgEmitter &s, Value t, ValueRange c) -> SmallVector<Value> {
          auto step = [&](Value x) {
            SmallVector<OpFoldResult> sz = s.sizes(x);
            return s.slice(x, {s.index(0), s.index(0), t, s.index(0)},
                           {sz[0], sz[1], s.index(1), sz[3]}, /*drop=*/{2});
          };
          Value kt = step(phiK), vt = step(v), qt = step(phiQ);
          AffineExpr bb = s.d(0), h = s.d(1), f = s.d(2), ev = s.d(3);
          AffineMap st = s.map(4, {bb, h, f, ev});
          Value S = s.generic({kt, vt, c[0]}, s.empty(stateSizes, element),
                              {s.map(4, {bb, h, f}), s.map(4, {bb, h, ev}), st,
                               st},
                              {kPar, kPar, kPar, kPar},
                              multiplyAccumulate);
          AffineMap bhf = s.map(3, {s.d(0), s.d(1), s.d(2)});
          Value z = s.generic({kt, c[1]}, s.empty({vs[0], vs[1], F}, element),
                              {bhf, bhf, bhf}, {kPar, kPar, kPar},
                              [](Scalar &sc, ValueRange a) {
                                return sc.add(a[0], a[1]);
                              });
          Value yt = readout(s, qt, S, z);
          Value out = s.insert(yt, c[2], {s.index(0), s.index(0), t, s.index(0)},
                               {vs[0], vs[1], s.index(1), vs[3]});
          return {S, z, out};
        });
    y = loop[2];
  } else {
    AffineExpr bb = e.d(0), h = e.d(1), f = e.d(2), ev = e.d(3), l = e.d(4);
    Value S = e.generic({phiK, v}, e.filled(stateSizes, element, 0.0),
                        {e.map(5, {bb, h, l, f}), e.map(5, {bb, h, l, ev}),
                         e.map(5, {bb, h, f, ev})},
                        {kPar, kPar, kPar, kPar, kRed},
                        multiplyAccumulate);
    AffineExpr l3 = e.d(3);
    Value z = e.generic({phiK}, e.filled({vs[0], vs[1], F}, element, 0.0),
                        {e.map(4, {bb, h, l3, f}), e.map(4, {bb, h, f})},
                        {kPar, kPar, kPar, kRed},
                        [](Scalar &sc, ValueRange a) {
                          return sc.add(a[1], a[0]);
                        });
    // Every query reads the same state: y[b,h,t] = readout(phi(q_t)).
    AffineExpr t = e.d(2), ev2 = e.d(3), f2 = e.d(4);
    Value num = e.generic({phiQ, S}, e.filled(vs, element, 0.0),
                          {e.map(5, {bb, h, t, f2}), e.map(5, {bb, h, f2, ev2}),
                           e.map(5, {bb, h, t, ev2})},
                          {kPar, kPar, kPar, kPar, kRed},
                          multiplyAccumulate);
    y = num;
    if (normalize) {
      AffineExpr f3 = e.d(3);
      Value den = e.generic({phiQ, z},
                            e.filled({vs[0], vs[1], vs[2]}, element, 0.0),
                            {e.map(4, {bb, h, t, f3}), e.map(4, {bb, h, f3}),
                             e.map(4, {bb, h, t})},
                            {kPar, kPar, kPar, kRed},
                            multiplyAccumulate);
      AffineMap id = e.map(4, {bb, h, t, ev2});
      y = e.generic({num, den}, e.empty(vs, element),
                    {id, e.map(4, {bb, h, t}), id}, {kPar, kPar, kPar, kPar},
                    [](Scalar &sc, ValueRange a) { return sc.div(a[0], a[1]); });
    }
  }
  return y;
}

/// Causal linear attention by chunks of Q steps (static shapes): within a
/// chunk, y_t = sum_{s<=t} (phi(q_t) . phi(k_s)) v_s as a masked Q x Q
/// product; across chunks, the sums S = sum phi(k) v^T and z = sum phi(k)
/// of all earlier chunks (an scf.for over chunks) are read by every step.
/// Time is zero-padded (after the feature map, so padded keys add nothing)
/// to a multiple of Q. The largest intermediate is [B, H, chunks, Q, Q].
/// The masked scores and the sums entering each chunk, which the products
/// with v and phi(q) read, are rounded to `products`; so are the features
/// when the feature map computes them.
static Value chunkedLinearAttention(LinalgEmitter &e, LinearAttentionOp attn,
                                    int64_t chunk, Type products) {
  auto vType = cast<RankedTensorType>(attn.getV().getType());
  Type element = vType.getElementType();
  Value phiQ = featureMap(e, attn.getQ(), attn.getFeatureMap());
  Value phiK = featureMap(e, attn.getK(), attn.getFeatureMap());
  if (attn.getFeatureMap() != FeatureMap::identity) {
    phiQ = e.converted(phiQ, products);
    phiK = e.converted(phiK, products);
  }
  int64_t B = vType.getDimSize(0), H = vType.getDimSize(1),
          L = vType.getDimSize(2), Ev = vType.getDimSize(3),
          F = cast<RankedTensorType>(phiQ.getType()).getDimSize(3);
  Chunks cut = Chunks::of(chunk, L);
  int64_t Q = cut.size, chunks = cut.count;
  // [B, H, L, W] -> [B, H, chunks, Q, W]
  auto inChunks = [&](Value x) { return e.splitTime(x, 2, cut); };
  Value q = inChunks(phiQ), k = inChunks(phiK), v = inChunks(attn.getV());
  auto sizes = [&](ArrayRef<int64_t> dims) { return e.indices(dims); };
  SmallVector<IteratorType> par5(5, kPar);
  AffineExpr b = e.d(0), h = e.d(1), c = e.d(2), t = e.d(3);
  // a[b,h,c,t,s] = phi(q_t) . phi(k_s) for s <= t, else 0.
  AffineExpr s5 = e.d(4), f6 = e.d(5);
  Value scores = e.generic(
      {q, k}, e.filled(sizes({B, H, chunks, Q, Q}), element, 0.0),
      {e.map(6, {b, h, c, t, f6}), e.map(6, {b, h, c, s5, f6}),
       e.map(6, {b, h, c, t, s5})},
      {kPar, kPar, kPar, kPar, kPar, kRed}, multiplyAccumulate);
  scores = e.generic(
      {scores}, e.empty(sizes({B, H, chunks, Q, Q}), products),
      {e.map(5, {b, h, c, t, s5}), e.map(5, {b, h, c, t, s5})}, par5,
      [&](Scalar &sc, ValueRange a) -> Value {
        Value upTo = sc.indexAtMost(4, 3);
        return sc.convert(arith::SelectOp::create(sc.b, upTo, a[0],
                                                  sc.cst(element, 0.0)),
                          products);
      });
  // Each chunk's own sums: S_c[f, ev] = sum_s phi(k_s)[f] v_s[ev], z_c[f].
  AffineExpr f = e.d(3), ev = e.d(4), s = e.d(5);
  Value chunkS = e.generic(
      {k, v}, e.filled(sizes({B, H, chunks, F, Ev}), element, 0.0),
      {e.map(6, {b, h, c, s, f}), e.map(6, {b, h, c, s, ev}),
       e.map(6, {b, h, c, f, ev})},
      {kPar, kPar, kPar, kPar, kPar, kRed}, multiplyAccumulate);
  AffineExpr f5 = e.d(3), s4 = e.d(4);
  Value chunkZ = e.generic(
      {k}, e.filled(sizes({B, H, chunks, F}), element, 0.0),
      {e.map(5, {b, h, c, s4, f5}), e.map(5, {b, h, c, f5})},
      {kPar, kPar, kPar, kPar, kRed}, [&](Scalar &sc, ValueRange a) {
        return sc.add(a[1], sc.convert(a[0], element));
      });
  // The sums of all earlier chunks, entering each chunk.
  auto chunkSlice = [&](LinalgEmitter &s, Value x, Value ci) {
    SmallVector<OpFoldResult> offsets(e.sizes(x).size(), s.index(0)),
        sz = s.sizes(x);
    offsets[2] = ci;
    sz[2] = s.index(1);
    return std::make_pair(offsets, sz);
  };
  SmallVector<Value> entering = e.loopOverTime(
      e.index(chunks),
      {e.filled(sizes({B, H, F, Ev}), element, 0.0),
       e.filled(sizes({B, H, F}), element, 0.0),
       e.empty(sizes({B, H, chunks, F, Ev}), element),
       e.empty(sizes({B, H, chunks, F}), element)},
      [&](LinalgEmitter &s, Value ci, ValueRange carried) -> SmallVector<Value> {
        auto [sOff, sSz] = chunkSlice(s, chunkS, ci);
        auto [zOff, zSz] = chunkSlice(s, chunkZ, ci);
        Value sIn = s.insert(carried[0], carried[2], sOff, sSz);
        Value zIn = s.insert(carried[1], carried[3], zOff, zSz);
        AffineExpr b4 = s.d(0), h4 = s.d(1), f4 = s.d(2), ev4 = s.d(3);
        AffineMap all = s.map(4, {b4, h4, f4, ev4});
        Value nextS = s.generic(
            {s.slice(chunkS, sOff, sSz, /*drop=*/{2})}, carried[0],
            {all, all}, {kPar, kPar, kPar, kPar},
            [](Scalar &sc, ValueRange a) { return sc.add(a[1], a[0]); });
        AffineMap all3 = s.map(3, {s.d(0), s.d(1), s.d(2)});
        Value nextZ = s.generic(
            {s.slice(chunkZ, zOff, zSz, /*drop=*/{2})}, carried[1],
            {all3, all3}, {kPar, kPar, kPar},
            [](Scalar &sc, ValueRange a) { return sc.add(a[1], a[0]); });
        return {nextS, nextZ, sIn, zIn};
      });
  // num[t, ev] = sum_s a[t, s] v_s[ev] + phi(q_t) . S_in[:, ev]
  AffineExpr ev5 = e.d(4), r = e.d(5);
  Value sIn = e.converted(entering[2], products);
  Value num = e.generic(
      {scores, v}, e.filled(sizes({B, H, chunks, Q, Ev}), element, 0.0),
      {e.map(6, {b, h, c, t, r}), e.map(6, {b, h, c, r, ev5}),
       e.map(6, {b, h, c, t, ev5})},
      {kPar, kPar, kPar, kPar, kPar, kRed}, multiplyAccumulate);
  num = e.generic({q, sIn}, num,
                  {e.map(6, {b, h, c, t, r}), e.map(6, {b, h, c, r, ev5}),
                   e.map(6, {b, h, c, t, ev5})},
                  {kPar, kPar, kPar, kPar, kPar, kRed}, multiplyAccumulate);
  Value y = num;
  if (attn.getNormalize()) {
    AffineExpr r5 = e.d(4);
    Value den = e.generic(
        {scores}, e.filled(sizes({B, H, chunks, Q}), element, 0.0),
        {e.map(5, {b, h, c, t, r5}), e.map(5, {b, h, c, t})},
        {kPar, kPar, kPar, kPar, kRed}, [&](Scalar &sc, ValueRange a) {
          return sc.add(a[1], sc.convert(a[0], element));
        });
    den = e.generic({q, entering[3]}, den,
                    {e.map(5, {b, h, c, t, r5}), e.map(5, {b, h, c, r5}),
                     e.map(5, {b, h, c, t})},
                    {kPar, kPar, kPar, kPar, kRed}, multiplyAccumulate);
    AffineMap id = e.map(5, {b, h, c, t, e.d(4)});
    y = e.generic({num, den}, e.empty(sizes({B, H, chunks, Q, Ev}), element),
                  {id, e.map(5, {b, h, c, t}), id}, par5,
                  [](Scalar &sc, ValueRange a) { return sc.div(a[0], a[1]); });
  }
  return e.joinTime(y, 2, L);
}

LogicalResult mlir::ssm::lowerLinearAttention(Operation *op,
                                              PatternRewriter &rewriter,
                                              bool tileHeads, Type products) {
  auto attn = cast<LinearAttentionOp>(op);
  ImplicitLocOpBuilder b(op->getLoc(), rewriter);
  LinalgEmitter e(b);
  if (attn.getCausal() &&
      scheduledAlgorithm(op, "recurrent") == "chunked") {
    rewriter.replaceOp(
        op, chunkedLinearAttention(e, attn,
                                   scheduleParam(op, "chunk", kDefaultChunk),
                                   products));
    return success();
  }
  Value q = attn.getQ(), k = attn.getK(), v = attn.getV();
  auto qType = cast<RankedTensorType>(q.getType());
  auto vType = cast<RankedTensorType>(v.getType());
  int64_t B = qType.getDimSize(0), H = qType.getDimSize(1);
  // The causal form loops over time: with static shapes, one loop per
  // (batch, head) in an scf.forall, each carrying its head's state through
  // all steps, instead of all threads meeting once per step.
  if (!tileHeads || !attn.getCausal() || !qType.hasStaticShape() ||
      !vType.hasStaticShape() || B * H < 2) {
    rewriter.replaceOp(op, linearAttention(e, attn, q, k, v));
    return success();
  }
  int64_t L = qType.getDimSize(2), E = qType.getDimSize(3),
          Ev = vType.getDimSize(3);
  Value y = e.forallTiles(
      {e.index(B), e.index(H)}, e.empty(e.sizes(v), vType.getElementType()),
      [&](LinalgEmitter &e, ValueRange ivs,
          ValueRange) -> SmallVector<LinalgEmitter::Tile> {
        OpFoldResult zero = e.index(0), one = e.index(1);
        SmallVector<OpFoldResult> offsets = {ivs[0], ivs[1], zero, zero};
        auto head = [&](Value x, int64_t width) {
          return e.slice(x, offsets, {one, one, e.index(L), e.index(width)});
        };
        return {{linearAttention(e, attn, head(q, E), head(k, E), head(v, Ev)),
                 offsets,
                 {one, one, e.index(L), e.index(Ev)}}};
      })[0];
  rewriter.replaceOp(op, y);
  return success();
}
