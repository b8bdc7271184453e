//===- ScanToLinalg.cpp - selective_scan and ssd to a loop over time ------===//
//
// The sequential algorithm: an scf.for over time carries the state
// ([B,D,N] for Mamba-1, [B,H,P,N] for Mamba-2) and the output; each step is a
// few linalg.generic ops on the step's slices. No [L, ..., N] tensor exists.
//
//===----------------------------------------------------------------------===//

#include "ssm/Conversion/LinalgEmitter.h"
#include "ssm/Dialect/SSM/IR/SSMOps.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;
using namespace mlir::ssm;

/// The time-step slice `t` of `[B, L, rest...]`, with the time dim dropped.
static Value stepSlice(LinalgEmitter &e, Value source, Value t) {
  SmallVector<OpFoldResult> sizes = e.sizes(source);
  SmallVector<OpFoldResult> offsets(sizes.size(), e.index(0));
  offsets[1] = t;
  sizes[1] = e.index(1);
  return e.slice(source, offsets, sizes, /*drop=*/{1});
}

/// Writes the step result `value` ([B, rest...]) into `output` at time `t`.
static Value insertStep(LinalgEmitter &e, Value value, Value output, Value t) {
  SmallVector<OpFoldResult> sizes = e.sizes(output);
  SmallVector<OpFoldResult> offsets(sizes.size(), e.index(0));
  offsets[1] = t;
  sizes[1] = e.index(1);
  return e.insert(value, output, offsets, sizes);
}

static SmallVector<Value> lowerSelectiveScan(LinalgEmitter &e,
                                             SelectiveScanOp op) {
  auto xType = cast<RankedTensorType>(op.getX().getType());
  Type element = xType.getElementType();
  int64_t D = xType.getDimSize(2);
  int64_t G = cast<RankedTensorType>(op.getBm().getType()).getDimSize(2);
  int64_t perGroup = D / G;
  SmallVector<OpFoldResult> x = e.sizes(op.getX()); // B, L, D
  OpFoldResult N = e.size(op.getA(), 1);
  Value state = op.getInit() ? op.getInit()
                             : e.filled({x[0], x[2], N}, element, 0.0);
  Value output = e.empty(x, element);
  bool softplus = op.getDeltaSoftplus();
  Value skip = op.getSkip(), gate = op.getGate(), bias = op.getDeltaBias();

  SmallVector<Value> loop = e.loopOverTime(
      x[1], {state, output},
      [&](LinalgEmitter &s, Value t, ValueRange carried) -> SmallVector<Value> {
        Value h = carried[0], out = carried[1];
        AffineExpr b = s.d(0), d = s.d(1), n = s.d(2);
        AffineExpr g = d.floorDiv(perGroup);
        Value xt = stepSlice(s, op.getX(), t);
        Value deltaT = stepSlice(s, op.getDelta(), t);
        Value bt = stepSlice(s, op.getBm(), t), ct = stepSlice(s, op.getCm(), t);
        SmallVector<OpFoldResult> bd = {x[0], x[2]};
        // dt[b,d] = softplus?(delta + delta_bias)
        SmallVector<Value> dtIns = {deltaT};
        SmallVector<AffineMap> dtMaps = {s.map(2, {b, d})};
        if (bias) {
          dtIns.push_back(bias);
          dtMaps.push_back(s.map(2, {d}));
        }
        dtMaps.push_back(s.map(2, {b, d}));
        Value dt = s.generic(dtIns, s.empty(bd, element), dtMaps, {kPar, kPar},
                             [&](Scalar &sc, ValueRange v) {
                               Value sum = bias ? sc.add(v[0], v[1]) : v[0];
                               return softplus ? sc.softplus(sum) : sum;
                             });
        // h[b,d,n] = exp(dt A[d,n]) h + dt Bm[b,g(d),n] x[b,d]
        AffineMap bdn = s.map(3, {b, d, n});
        Value hNew = s.generic(
            {dt, op.getA(), bt, xt, h}, s.empty({x[0], x[2], N}, element),
            {s.map(3, {b, d}), s.map(3, {d, n}), s.map(3, {b, g, n}),
             s.map(3, {b, d}), bdn, bdn},
            {kPar, kPar, kPar}, [](Scalar &sc, ValueRange v) {
              Value decay = sc.exp(sc.mul(v[0], v[1]));
              return sc.add(sc.mul(decay, v[4]),
                            sc.mul(sc.mul(v[0], v[2]), v[3]));
            });
        // y[b,d] = sum_n Cm[b,g(d),n] h[b,d,n]
        Value yt = s.generic({ct, hNew}, s.filled(bd, element, 0.0),
                             {s.map(3, {b, g, n}), bdn, s.map(3, {b, d})},
                             {kPar, kPar, kRed}, multiplyAccumulate);
        if (skip || gate) {
          AffineExpr b2 = s.d(0), d2 = s.d(1);
          SmallVector<Value> ins = {yt, xt};
          SmallVector<AffineMap> maps = {s.map(2, {b2, d2}), s.map(2, {b2, d2})};
          if (skip) {
            ins.push_back(skip);
            maps.push_back(s.map(2, {d2}));
          }
          Value zt;
          if (gate) {
            zt = stepSlice(s, gate, t);
            ins.push_back(zt);
            maps.push_back(s.map(2, {b2, d2}));
          }
          maps.push_back(s.map(2, {b2, d2}));
          yt = s.generic(ins, s.empty(bd, element), maps, {kPar, kPar},
                         [&](Scalar &sc, ValueRange v) {
                           Value r = v[0];
                           unsigned next = 2;
                           if (skip)
                             r = sc.add(r, sc.mul(v[next++], v[1]));
                           if (gate)
                             r = sc.mul(r, sc.silu(v[next]));
                           return r;
                         });
        }
        return {hNew, insertStep(s, yt, out, t)};
      });
  SmallVector<Value> results = {loop[1]};
  if (op.getFinalState())
    results.push_back(loop[0]);
  return results;
}

static SmallVector<Value> lowerSSD(LinalgEmitter &e, SSDOp op) {
  auto xType = cast<RankedTensorType>(op.getX().getType());
  Type element = xType.getElementType();
  int64_t H = xType.getDimSize(2);
  int64_t G = cast<RankedTensorType>(op.getBm().getType()).getDimSize(2);
  int64_t perGroup = H / G;
  SmallVector<OpFoldResult> x = e.sizes(op.getX()); // B, L, H, P
  OpFoldResult N = e.size(op.getBm(), 3);
  SmallVector<OpFoldResult> stateSizes = {x[0], x[2], x[3], N};
  Value state = op.getInit() ? op.getInit()
                             : e.filled(stateSizes, element, 0.0);
  bool softplus = op.getDtSoftplus();
  Value skip = op.getSkip();

  SmallVector<Value> loop = e.loopOverTime(
      x[1], {state, e.empty(x, element)},
      [&](LinalgEmitter &s, Value t, ValueRange carried) -> SmallVector<Value> {
        Value h = carried[0], out = carried[1];
        AffineExpr b = s.d(0), hd = s.d(1), p = s.d(2), n = s.d(3);
        AffineExpr g = hd.floorDiv(perGroup);
        Value xt = stepSlice(s, op.getX(), t);   // [B,H,P]
        Value dtT = stepSlice(s, op.getDt(), t); // [B,H]
        Value bt = stepSlice(s, op.getBm(), t), ct = stepSlice(s, op.getCm(), t);
        AffineMap bhpn = s.map(4, {b, hd, p, n});
        Value hNew = s.generic(
            {dtT, op.getA(), bt, xt, h}, s.empty(stateSizes, element),
            {s.map(4, {b, hd}), s.map(4, {hd}), s.map(4, {b, g, n}),
             s.map(4, {b, hd, p}), bhpn, bhpn},
            {kPar, kPar, kPar, kPar}, [&](Scalar &sc, ValueRange v) {
              Value dt = softplus ? sc.softplus(v[0]) : v[0];
              Value decay = sc.exp(sc.mul(dt, v[1]));
              return sc.add(sc.mul(decay, v[4]), sc.mul(sc.mul(dt, v[2]), v[3]));
            });
        SmallVector<OpFoldResult> bhp = {x[0], x[2], x[3]};
        Value yt = s.generic({ct, hNew}, s.filled(bhp, element, 0.0),
                             {s.map(4, {b, g, n}), bhpn, s.map(4, {b, hd, p})},
                             {kPar, kPar, kPar, kRed},
                             multiplyAccumulate);
        if (skip) {
          AffineExpr b3 = s.d(0), h3 = s.d(1), p3 = s.d(2);
          AffineMap id = s.map(3, {b3, h3, p3});
          yt = s.generic({yt, xt, skip}, s.empty(bhp, element),
                         {id, id, s.map(3, {h3}), id}, {kPar, kPar, kPar},
                         [](Scalar &sc, ValueRange v) {
                           return sc.add(v[0], sc.mul(v[2], v[1]));
                         });
        }
        return {hNew, insertStep(s, yt, out, t)};
      });
  SmallVector<Value> results = {loop[1]};
  if (op.getFinalState())
    results.push_back(loop[0]);
  return results;
}

/// Marks the per-block scans that `tileOverChannels` creates.
static constexpr StringLiteral kChannelTileAttr = "ssm.channel_tile";

/// Channels per block: the largest divisor of a group's channels up to 64,
/// so that a block reads one group of Bm/Cm and its state [bd, N] stays in
/// the L1 cache.
static int64_t channelBlock(int64_t perGroup) {
  int64_t best = 1;
  for (int64_t c = 1; c <= std::min<int64_t>(perGroup, 64); ++c)
    if (perGroup % c == 0)
      best = c;
  return best;
}

/// The scan as independent scans over blocks of channels, run in parallel
/// (scf.forall over batch x channel blocks): each thread then carries its
/// block's state through all time steps, instead of all threads meeting
/// once per step. Null when the shapes are dynamic or there is one block.
static SmallVector<Value> tileOverChannels(LinalgEmitter &e,
                                           SelectiveScanOp op) {
  auto xType = cast<RankedTensorType>(op.getX().getType());
  auto aType = cast<RankedTensorType>(op.getA().getType());
  auto bType = cast<RankedTensorType>(op.getBm().getType());
  if (op->hasAttr(kChannelTileAttr) || !xType.hasStaticShape() ||
      !aType.hasStaticShape() || !bType.hasStaticShape())
    return {};
  int64_t B = xType.getDimSize(0), L = xType.getDimSize(1),
          D = xType.getDimSize(2), N = aType.getDimSize(1),
          G = bType.getDimSize(2);
  int64_t perGroup = D / G, bd = channelBlock(perGroup);
  if (B * (D / bd) < 2)
    return {};
  ImplicitLocOpBuilder &b = e.b;
  Type element = xType.getElementType();
  SmallVector<Value> outs = {e.empty(e.sizes(op.getX()), element)};
  if (op.getFinalState())
    outs.push_back(e.empty({e.index(B), e.index(D), e.index(N)}, element));
  auto forall = scf::ForallOp::create(
      b, ArrayRef<OpFoldResult>{e.index(B), e.index(D / bd)}, outs,
      std::nullopt);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPoint(forall.getTerminator());
  Value bi = forall.getInductionVars()[0], blk = forall.getInductionVars()[1];
  Value d0 = arith::MulIOp::create(b, blk, arith::ConstantIndexOp::create(b, bd));
  Value g = arith::DivUIOp::create(
      b, d0, arith::ConstantIndexOp::create(b, perGroup));
  OpFoldResult zero = e.index(0), one = e.index(1);
  auto seq = [&](Value v) { // [1, L, bd] of a [B, L, D] operand
    return v ? e.slice(v, {bi, zero, d0}, {one, e.index(L), e.index(bd)})
             : Value();
  };
  auto chan = [&](Value v) { // [bd] of a [D] operand
    return v ? e.slice(v, {d0}, {e.index(bd)}) : Value();
  };
  auto group = [&](Value v) { // [1, L, 1, N] of a [B, L, G, N] operand
    return e.slice(v, {bi, zero, g, zero},
                   {one, e.index(L), one, e.index(N)});
  };
  Value init = op.getInit() ? e.slice(op.getInit(), {bi, d0, zero},
                                      {one, e.index(bd), e.index(N)})
                            : Value();
  auto yType = RankedTensorType::get({1, L, bd}, element);
  Type hType = op.getFinalState()
                   ? Type(RankedTensorType::get({1, bd, N}, element))
                   : Type();
  auto tile = SelectiveScanOp::create(
      b, yType, hType, seq(op.getX()), seq(op.getDelta()),
      e.slice(op.getA(), {d0, zero}, {e.index(bd), e.index(N)}),
      group(op.getBm()), group(op.getCm()), chan(op.getSkip()),
      seq(op.getGate()), chan(op.getDeltaBias()), init,
      op.getDeltaSoftplusAttr());
  tile->setAttr(kChannelTileAttr, b.getUnitAttr());

  b.setInsertionPointToEnd(forall.getTerminator().getBody());
  SmallVector<OpFoldResult> strides3(3, one);
  tensor::ParallelInsertSliceOp::create(
      b, tile.getY(), forall.getRegionIterArgs()[0],
      ArrayRef<OpFoldResult>{bi, zero, d0},
      ArrayRef<OpFoldResult>{one, e.index(L), e.index(bd)}, strides3);
  if (op.getFinalState())
    tensor::ParallelInsertSliceOp::create(
        b, tile.getFinalState(), forall.getRegionIterArgs()[1],
        ArrayRef<OpFoldResult>{bi, d0, zero},
        ArrayRef<OpFoldResult>{one, e.index(bd), e.index(N)}, strides3);
  return SmallVector<Value>(forall.getResults());
}

LogicalResult mlir::ssm::lowerScan(Operation *op, PatternRewriter &rewriter,
                                   bool tileChannels) {
  ImplicitLocOpBuilder b(op->getLoc(), rewriter);
  LinalgEmitter e(b);
  if (auto scan = dyn_cast<SelectiveScanOp>(op); scan && tileChannels) {
    SmallVector<Value> tiled = tileOverChannels(e, scan);
    if (!tiled.empty()) {
      rewriter.replaceOp(op, tiled);
      return success();
    }
  }
  SmallVector<Value> results =
      isa<SelectiveScanOp>(op) ? lowerSelectiveScan(e, cast<SelectiveScanOp>(op))
                               : lowerSSD(e, cast<SSDOp>(op));
  rewriter.replaceOp(op, results);
  return success();
}
