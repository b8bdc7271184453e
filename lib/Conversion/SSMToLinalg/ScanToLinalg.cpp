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

/// The time-step slice `t` of `[B, L, rest...]` inside the carried
/// `output`, as a rank-reduced view: a step's results are written there in
/// place, with no temporary per step.
static Value stepView(LinalgEmitter &e, Value output, Value t) {
  auto type = cast<RankedTensorType>(output.getType());
  SmallVector<OpFoldResult> sizes = e.sizes(output);
  SmallVector<OpFoldResult> offsets(sizes.size(), e.index(0));
  offsets[1] = t;
  sizes[1] = e.index(1);
  SmallVector<OpFoldResult> strides(sizes.size(), e.index(1));
  SmallVector<int64_t> shape(type.getShape());
  shape.erase(shape.begin() + 1);
  return tensor::ExtractSliceOp::create(
      e.b, RankedTensorType::get(shape, type.getElementType()), output,
      offsets, sizes, strides);
}

/// The group of channel `d` among `channels` channels in `groups` groups:
/// a constant or `d` itself where the division is trivial, so that the
/// loops reading Bm/Cm stay affine and vectorisable.
static AffineExpr groupOf(AffineExpr d, int64_t channels, int64_t groups) {
  if (groups == 1)
    return getAffineConstantExpr(0, d.getContext());
  if (groups == channels)
    return d;
  return d.floorDiv(channels / groups);
}

/// The operands of one selective scan: the op's, or one channel block's.
struct SelectiveScanInputs {
  Value x, delta, a, bm, cm, skip, gate, bias, init;
  bool softplus;

  static SelectiveScanInputs of(SelectiveScanOp op) {
    return {op.getX(),    op.getDelta(),     op.getA(),
            op.getBm(),   op.getCm(),        op.getSkip(),
            op.getGate(), op.getDeltaBias(), op.getInit(),
            op.getDeltaSoftplus()};
  }
};

/// dt = softplus?(delta + bias[d]) into `dest`, for `delta` of any rank
/// whose last dimension is the channel.
static Value deltaToDt(LinalgEmitter &e, Value delta, Value bias,
                       bool softplus, Value dest) {
  unsigned rank = cast<RankedTensorType>(delta.getType()).getRank();
  AffineMap id = AffineMap::getMultiDimIdentityMap(rank, e.b.getContext());
  SmallVector<Value> ins = {delta};
  SmallVector<AffineMap> maps = {id};
  if (bias) {
    ins.push_back(bias);
    maps.push_back(e.map(rank, {e.d(rank - 1)}));
  }
  maps.push_back(id);
  return e.generic(ins, dest, maps, SmallVector<IteratorType>(rank, kPar),
                   [&](Scalar &sc, ValueRange v) {
                     Value sum = bias ? sc.add(v[0], v[1]) : v[0];
                     return softplus ? sc.softplus(sum) : sum;
                   });
}

/// y = (y + skip[d] x) * silu(z), in place, for tensors of any rank whose
/// last dimension is the channel; `skip` and `gate` may be null.
static Value skipAndGate(LinalgEmitter &e, Value y, Value x, Value skip,
                         Value gate) {
  if (!skip && !gate)
    return y;
  unsigned rank = cast<RankedTensorType>(y.getType()).getRank();
  AffineMap id = AffineMap::getMultiDimIdentityMap(rank, e.b.getContext());
  SmallVector<Value> ins = {x};
  SmallVector<AffineMap> maps = {id};
  if (skip) {
    ins.push_back(skip);
    maps.push_back(e.map(rank, {e.d(rank - 1)}));
  }
  if (gate) {
    ins.push_back(gate);
    maps.push_back(id);
  }
  maps.push_back(id);
  return e.generic(ins, y, maps, SmallVector<IteratorType>(rank, kPar),
                   [&](Scalar &sc, ValueRange v) {
                     Value r = v.back();
                     unsigned next = 1;
                     if (skip)
                       r = sc.add(r, sc.mul(v[next++], v[0]));
                     if (gate)
                       r = sc.mul(r, sc.silu(v[next]));
                     return r;
                   });
}

/// Mamba-1's recurrence, writing y into `yDest` ([B, L, D]) and, when
/// `stateDest` ([B, D, N]) is given, the final state into it. Each step
/// is three generics on the step's rows, all updating carried buffers in
/// place: dt[b,d]; the state update with y's accumulation, over (b, n, d);
/// then the skip and gate terms. The state is kept as [B, N, D] so that
/// the innermost loop runs over contiguous channels (vectorised, no
/// horizontal sums).
static SmallVector<Value> lowerSelectiveScan(LinalgEmitter &e,
                                             const SelectiveScanInputs &in,
                                             Value yDest, Value stateDest) {
  auto xType = cast<RankedTensorType>(in.x.getType());
  Type element = xType.getElementType();
  int64_t D = xType.getDimSize(2);
  int64_t G = cast<RankedTensorType>(in.bm.getType()).getDimSize(2);
  SmallVector<OpFoldResult> x = e.sizes(in.x); // B, L, D
  OpFoldResult N = e.size(in.a, 1);
  Value aT = e.transposed(in.a, {1, 0}); // [N, D]
  Value state = in.init ? e.transposed(in.init, {0, 2, 1})
                        : e.filled({x[0], N, x[2]}, element, 0.0);
  // Where dt is not delta itself, a row buffer carried through the loop.
  bool computeDt = in.softplus || in.bias;
  SmallVector<Value> init = {state, yDest};
  if (computeDt)
    init.push_back(e.empty({x[0], x[2]}, element));

  SmallVector<Value> loop = e.loopOverTime(
      x[1], init,
      [&](LinalgEmitter &s, Value t, ValueRange carried) -> SmallVector<Value> {
        Value h = carried[0], out = carried[1];
        Value xt = stepSlice(s, in.x, t);
        // dt[b,d] = softplus?(delta + delta_bias)
        Value dt = stepSlice(s, in.delta, t);
        if (computeDt)
          dt = deltaToDt(s, dt, in.bias, in.softplus, carried[2]);
        // h[b,n,d] = exp(dt[b,d] A[d,n]) h + dt Bm[b,g(d),n] x[b,d]
        // y[b,d]  += Cm[b,g(d),n] h[b,n,d]
        AffineExpr b = s.d(0), n = s.d(1), d = s.d(2);
        AffineExpr g = groupOf(d, D, G);
        AffineMap bd = s.map(3, {b, d}), bgn = s.map(3, {b, g, n});
        SmallVector<Value> next = s.generics(
            {dt, aT, stepSlice(s, in.bm, t), xt, stepSlice(s, in.cm, t)},
            {h, s.fill(stepView(s, out, t), 0.0)},
            {bd, s.map(3, {n, d}), bgn, bd, bgn, s.map(3, {b, n, d}), bd},
            {kPar, kRed, kPar},
            [](Scalar &sc, ValueRange v) -> SmallVector<Value> {
              Value decay = sc.exp(sc.mul(v[0], v[1]));
              Value hNew = sc.add(sc.mul(decay, v[5]),
                                  sc.mul(sc.mul(v[0], v[2]), v[3]));
              return {hNew, multiplyAccumulate(sc, {v[4], hNew, v[6]})};
            });
        Value yt = next[1];
        yt = skipAndGate(s, yt, xt, in.skip,
                         in.gate ? stepSlice(s, in.gate, t) : Value());
        SmallVector<Value> carriedOut = {next[0], insertStep(s, yt, out, t)};
        if (computeDt)
          carriedOut.push_back(dt);
        return carriedOut;
      });
  SmallVector<Value> results = {loop[1]};
  if (stateDest) {
    AffineExpr b = e.d(0), d = e.d(1), n = e.d(2);
    results.push_back(e.generic(loop[0], stateDest,
                                {e.map(3, {b, n, d}), e.map(3, {b, d, n})},
                                {kPar, kPar, kPar},
                                [](Scalar &, ValueRange v) { return v[0]; }));
  }
  return results;
}

/// The operands of one SSD scan: the op's, or one head block's.
struct SSDInputs {
  Value x, dt, a, bm, cm, skip, init;
  bool softplus, finalState;

  static SSDInputs of(SSDOp op) {
    return {op.getX(),    op.getDt(),   op.getA(),
            op.getBm(),   op.getCm(),   op.getSkip(),
            op.getInit(), op.getDtSoftplus(), bool(op.getFinalState())};
  }
};

/// Mamba-2's recurrence. As for Mamba-1, each step updates the carried
/// state in place and accumulates y in the output's row: first a generic
/// over (b, h) for the step's dt and decay exp(dt A) (once per head, into
/// carried row buffers), then one generic over (b, h, n, p) for the state
/// and y, then the skip term. The state is kept as [B, H, N, P] so that
/// the innermost loop runs over contiguous head channels p.
static SmallVector<Value> lowerSSD(LinalgEmitter &e, const SSDInputs &in,
                                   Value yDest = {}) {
  auto xType = cast<RankedTensorType>(in.x.getType());
  Type element = xType.getElementType();
  int64_t H = xType.getDimSize(2);
  int64_t G = cast<RankedTensorType>(in.bm.getType()).getDimSize(2);
  SmallVector<OpFoldResult> x = e.sizes(in.x); // B, L, H, P
  OpFoldResult N = e.size(in.bm, 3);
  bool softplus = in.softplus;
  Value skip = in.skip;
  Value state = in.init ? e.transposed(in.init, {0, 1, 3, 2})
                             : e.filled({x[0], x[2], N, x[3]}, element, 0.0);
  SmallVector<OpFoldResult> bh = {x[0], x[2]};

  SmallVector<Value> loop = e.loopOverTime(
      x[1],
      {state, yDest ? yDest : e.empty(x, element), e.empty(bh, element),
       e.empty(bh, element)},
      [&](LinalgEmitter &s, Value t, ValueRange carried) -> SmallVector<Value> {
        Value h = carried[0], out = carried[1];
        // dt[b,h] = softplus?(dt_in), decay[b,h] = exp(dt A[h])
        AffineExpr b2 = s.d(0), h2 = s.d(1);
        AffineMap bh2 = s.map(2, {b2, h2});
        SmallVector<Value> step = s.generics(
            {stepSlice(s, in.dt, t), in.a}, {carried[2], carried[3]},
            {bh2, s.map(2, {h2}), bh2, bh2}, {kPar, kPar},
            [&](Scalar &sc, ValueRange v) -> SmallVector<Value> {
              Value dt = softplus ? sc.softplus(v[0]) : v[0];
              return {dt, sc.exp(sc.mul(dt, v[1]))};
            });
        // h[b,h,n,p] = decay[b,h] h + dt[b,h] Bm[b,g(h),n] x[b,h,p]
        // y[b,h,p]  += Cm[b,g(h),n] h[b,h,n,p]
        AffineExpr b = s.d(0), hd = s.d(1), n = s.d(2), p = s.d(3);
        AffineExpr g = groupOf(hd, H, G);
        AffineMap bh4 = s.map(4, {b, hd}), bgn = s.map(4, {b, g, n}),
                  bhp = s.map(4, {b, hd, p});
        Value xt = stepSlice(s, in.x, t); // [B,H,P]
        SmallVector<Value> next = s.generics(
            {step[0], step[1], stepSlice(s, in.bm, t), xt,
             stepSlice(s, in.cm, t)},
            {h, s.fill(stepView(s, out, t), 0.0)},
            {bh4, bh4, bgn, bhp, bgn, s.map(4, {b, hd, n, p}), bhp},
            {kPar, kPar, kRed, kPar},
            [](Scalar &sc, ValueRange v) -> SmallVector<Value> {
              Value hNew = sc.add(sc.mul(v[1], v[5]),
                                  sc.mul(sc.mul(v[0], v[2]), v[3]));
              return {hNew, multiplyAccumulate(sc, {v[4], hNew, v[6]})};
            });
        Value yt = next[1];
        if (skip) {
          // y[b,h,p] += skip[h] x[b,h,p]
          AffineExpr b3 = s.d(0), h3 = s.d(1), p3 = s.d(2);
          AffineMap id = s.map(3, {b3, h3, p3});
          yt = s.generic({xt, skip}, yt, {id, s.map(3, {h3}), id},
                         {kPar, kPar, kPar}, [](Scalar &sc, ValueRange v) {
                           return sc.add(v[2], sc.mul(v[1], v[0]));
                         });
        }
        return {next[0], insertStep(s, yt, out, t), step[0], step[1]};
      });
  SmallVector<Value> results = {loop[1]};
  if (in.finalState)
    results.push_back(e.transposed(loop[0], {0, 1, 3, 2}));
  return results;
}

/// Channels per block: the largest divisor of a group's channels up to
/// `most` (64 on CPUs, so that a block reads one group of Bm/Cm and its
/// state [N, bd] stays in the L1 cache; 1 on GPUs, a thread per channel).
static int64_t channelBlock(int64_t perGroup, int64_t most) {
  int64_t best = 1;
  for (int64_t c = 1; c <= std::min<int64_t>(perGroup, most); ++c)
    if (perGroup % c == 0)
      best = c;
  return best;
}

/// The scan as independent scans over blocks of channels, run in parallel
/// (scf.forall over batch x channel blocks): each thread then carries its
/// block's state through all time steps, instead of all threads meeting
/// once per step. Null when the shapes are dynamic or there is one block.
static SmallVector<Value> tileOverChannels(LinalgEmitter &e,
                                           SelectiveScanOp op,
                                           int64_t maxChannelBlock) {
  auto xType = cast<RankedTensorType>(op.getX().getType());
  auto aType = cast<RankedTensorType>(op.getA().getType());
  auto bType = cast<RankedTensorType>(op.getBm().getType());
  if (!xType.hasStaticShape() ||
      !aType.hasStaticShape() || !bType.hasStaticShape())
    return {};
  int64_t B = xType.getDimSize(0), L = xType.getDimSize(1),
          D = xType.getDimSize(2), N = aType.getDimSize(1),
          G = bType.getDimSize(2);
  // The schedule's block_d (the cost model's, or one written by hand), at
  // most the pass's cap.
  int64_t perGroup = D / G,
          bd = channelBlock(perGroup,
                            std::min(maxChannelBlock,
                                     scheduleParam(op, "block_d",
                                                   maxChannelBlock)));
  if (B * (D / bd) < 2)
    return {};
  ImplicitLocOpBuilder &b = e.b;
  Type element = xType.getElementType();
  SmallVector<Value> outs = {e.empty(e.sizes(op.getX()), element)};
  if (op.getFinalState())
    outs.push_back(e.empty({e.index(B), e.index(D), e.index(N)}, element));
  auto body = [&](LinalgEmitter &e, ValueRange ivs,
                  ValueRange shared) -> SmallVector<LinalgEmitter::Tile> {
    Value bi = ivs[0];
    Value d0 =
        arith::MulIOp::create(b, ivs[1], arith::ConstantIndexOp::create(b, bd));
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
    SelectiveScanInputs block = {seq(op.getX()),
                                 seq(op.getDelta()),
                                 e.slice(op.getA(), {d0, zero},
                                         {e.index(bd), e.index(N)}),
                                 group(op.getBm()),
                                 group(op.getCm()),
                                 chan(op.getSkip()),
                                 seq(op.getGate()),
                                 chan(op.getDeltaBias()),
                                 init,
                                 op.getDeltaSoftplus()};
    // Each block writes its slices of the shared outputs in place.
    SmallVector<LinalgEmitter::Tile> tiles = {
        {Value(), {bi, zero, d0}, {one, e.index(L), e.index(bd)}}};
    if (op.getFinalState())
      tiles.push_back({Value(), {bi, d0, zero}, {one, e.index(bd), e.index(N)}});
    SmallVector<Value> results = lowerSelectiveScan(
        e, block, e.slice(shared[0], tiles[0].offsets, tiles[0].sizes),
        op.getFinalState()
            ? e.slice(shared[1], tiles[1].offsets, tiles[1].sizes)
            : Value());
    for (size_t i = 0; i < tiles.size(); ++i)
      tiles[i].value = results[i];
    return tiles;
  };
  return e.forallTiles({e.index(B), e.index(D / bd)}, outs, body);
}

/// The SSD scan as independent scans, one per (batch, head), run in
/// parallel in an scf.forall: each thread carries its head's [N, P] state
/// through all steps, instead of all threads meeting once per step. Null
/// when the shapes are dynamic or there is one head.
static SmallVector<Value> tileOverHeads(LinalgEmitter &e, SSDOp op) {
  auto xType = cast<RankedTensorType>(op.getX().getType());
  auto bType = cast<RankedTensorType>(op.getBm().getType());
  if (!xType.hasStaticShape() || !bType.hasStaticShape())
    return {};
  int64_t B = xType.getDimSize(0), L = xType.getDimSize(1),
          H = xType.getDimSize(2), P = xType.getDimSize(3),
          G = bType.getDimSize(2), N = bType.getDimSize(3);
  if (B * H < 2)
    return {};
  Type element = xType.getElementType();
  SmallVector<Value> outs = {e.empty(e.sizes(op.getX()), element)};
  if (op.getFinalState())
    outs.push_back(
        e.empty({e.index(B), e.index(H), e.index(P), e.index(N)}, element));
  auto body = [&](LinalgEmitter &e, ValueRange ivs,
                  ValueRange shared) -> SmallVector<LinalgEmitter::Tile> {
    Value bi = ivs[0], hi = ivs[1];
    Value g = arith::DivUIOp::create(
        e.b, hi, arith::ConstantIndexOp::create(e.b, H / G));
    OpFoldResult zero = e.index(0), one = e.index(1), len = e.index(L);
    auto head = [&](Value v) -> Value { // [1] of an [H] operand
      return v ? e.slice(v, {hi}, {one}) : Value();
    };
    auto group = [&](Value v) { // [1, L, 1, N] of a [B, L, G, N] operand
      return e.slice(v, {bi, zero, g, zero}, {one, len, one, e.index(N)});
    };
    SmallVector<LinalgEmitter::Tile> tiles = {
        {Value(), {bi, zero, hi, zero}, {one, len, one, e.index(P)}}};
    if (op.getFinalState())
      tiles.push_back({Value(), {bi, hi, zero, zero},
                       {one, one, e.index(P), e.index(N)}});
    SSDInputs tile = {
        e.slice(op.getX(), tiles[0].offsets, tiles[0].sizes),
        e.slice(op.getDt(), {bi, zero, hi}, {one, len, one}),
        head(op.getA()),
        group(op.getBm()),
        group(op.getCm()),
        head(op.getSkip()),
        op.getInit() ? e.slice(op.getInit(), {bi, hi, zero, zero},
                               {one, one, e.index(P), e.index(N)})
                     : Value(),
        op.getDtSoftplus(),
        bool(op.getFinalState())};
    SmallVector<Value> results =
        lowerSSD(e, tile, e.slice(shared[0], tiles[0].offsets, tiles[0].sizes));
    for (size_t i = 0; i < tiles.size(); ++i)
      tiles[i].value = results[i];
    return tiles;
  };
  return e.forallTiles({e.index(B), e.index(H)}, outs, body);
}

/// Steps per chunk of a chunked scan whose schedule does not say.
static constexpr int64_t kDefaultChunk = 64;
static SmallVector<Value> lowerChunkedSSD(LinalgEmitter &e, SSDOp op,
                                          int64_t chunk, bool tileChunks,
                                          Type products);
static SmallVector<Value> lowerChunkedSelectiveScan(LinalgEmitter &e,
                                                    SelectiveScanOp op,
                                                    int64_t chunk);

LogicalResult mlir::ssm::lowerScan(Operation *op, PatternRewriter &rewriter,
                                   bool tileChannels, int64_t maxChannelBlock,
                                   bool tileHeads, Type products) {
  ImplicitLocOpBuilder b(op->getLoc(), rewriter);
  LinalgEmitter e(b);
  if (auto scan = dyn_cast<SelectiveScanOp>(op);
      scan && scheduledAlgorithm(op, "sequential") == "chunked") {
    rewriter.replaceOp(op, lowerChunkedSelectiveScan(
                               e, scan,
                               scheduleParam(op, "chunk", kDefaultChunk)));
    return success();
  }
  if (auto scan = dyn_cast<SelectiveScanOp>(op); scan && tileChannels) {
    SmallVector<Value> tiled = tileOverChannels(e, scan, maxChannelBlock);
    if (!tiled.empty()) {
      rewriter.replaceOp(op, tiled);
      return success();
    }
  }
  SmallVector<Value> results;
  if (auto scan = dyn_cast<SelectiveScanOp>(op)) {
    Value x = scan.getX();
    Type element = getElementTypeOrSelf(x.getType());
    SmallVector<OpFoldResult> sizes = e.sizes(x);
    Value stateDest;
    if (scan.getFinalState())
      stateDest = e.empty({sizes[0], sizes[2], e.size(scan.getA(), 1)},
                          element);
    results = lowerSelectiveScan(e, SelectiveScanInputs::of(scan),
                                 e.empty(sizes, element), stateDest);
  } else if (auto ssd = dyn_cast<SSDOp>(op);
             tileHeads && scheduledAlgorithm(op, "sequential") != "chunked" &&
             !(results = tileOverHeads(e, ssd)).empty()) {
    // One scan per (batch, head), in parallel.
  } else if (scheduledAlgorithm(op, "sequential") == "chunked") {
    results = lowerChunkedSSD(e, cast<SSDOp>(op),
                              scheduleParam(op, "chunk", kDefaultChunk),
                              /*tileChunks=*/tileHeads, products);
  } else {
    results = lowerSSD(e, SSDInputs::of(cast<SSDOp>(op)));
  }
  rewriter.replaceOp(op, results);
  return success();
}

/// The slice of a chunked operand ([B, chunks, Q, rest...]) for chunk
/// `ivs` = (batch, chunk), with the unit dims in `drop` dropped.
static Value chunkSlice(LinalgEmitter &e, Value v, ValueRange ivs,
                        ArrayRef<int64_t> drop) {
  SmallVector<OpFoldResult> sizes = e.sizes(v),
                            offsets(sizes.size(), e.index(0));
  offsets[0] = ivs[0];
  offsets[1] = ivs[1];
  sizes[0] = sizes[1] = e.index(1);
  return e.slice(v, offsets, sizes, drop);
}

/// Chunk `ivs` = (batch, chunk)'s result `value` as the tile of a shared
/// [B, chunks, ...] output, `units` (1 or 2) of its leading unit dims
/// added.
static LinalgEmitter::Tile chunkTile(LinalgEmitter &e, Value value,
                                     ValueRange ivs, int64_t units) {
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<int64_t> shape(units, 1);
  shape.append(type.getShape().begin(), type.getShape().end());
  SmallVector<ReassociationIndices> groups;
  ReassociationIndices first;
  for (int64_t i = 0; i <= units; ++i)
    first.push_back(i);
  groups.push_back(first);
  for (int64_t i = 1; i < type.getRank(); ++i)
    groups.push_back({units + i});
  Value expanded = tensor::ExpandShapeOp::create(
      e.b, RankedTensorType::get(shape, type.getElementType()), value, groups);
  SmallVector<OpFoldResult> offsets(shape.size(), e.index(0));
  offsets[0] = ivs[0];
  offsets[1] = ivs[1];
  return {expanded, offsets, e.indices(shape)};
}

/// Mamba-2's chunked algorithm (static shapes). Time is cut into chunks of
/// Q steps (the last zero-padded: a padded step has dt = 0, so it leaves
/// the state alone and adds nothing). With c(t) = sum of dt A over the
/// chunk's steps up to t:
///   1. per (batch, chunk), in an scf.forall (with `tileChunks`; else each
///      product one generic over all (batch, chunk)), all heads at once: the
///      chunk's own output y[t] = sum_{s<=t} (C_t . B_s) e^{c(t)-c(s)} dt_s
///      x_s, the state it ends with from zero, sum_s e^{c(Q-1)-c(s)} dt_s
///      B_s x_s^T, and its decay e^{c(Q-1)}: matrix products of Q x Q x N,
///      Q x Q x P and N x Q x P per head;
///   2. over chunks in order (an scf.for): the state entering each chunk,
///      h_in[k+1] = decay[k] h_in[k] + end[k], from the initial state;
///   3. y[t] += e^{c(t)} C_t h_in[k(t)], then the skip term.
/// No [L, N, P] tensor exists; the largest intermediates are per chunk.
/// The f32 operands of the products (the masked scores, the decay-weighted
/// inputs, e^{c(t)} C_t and h_in) are rounded to `products`.
static SmallVector<Value> lowerChunkedSSD(LinalgEmitter &e, SSDOp op,
                                          int64_t chunk, bool tileChunks,
                                          Type products) {
  auto xType = cast<RankedTensorType>(op.getX().getType());
  auto bmType = cast<RankedTensorType>(op.getBm().getType());
  Type element = xType.getElementType();
  int64_t B = xType.getDimSize(0), L = xType.getDimSize(1),
          H = xType.getDimSize(2), P = xType.getDimSize(3),
          G = bmType.getDimSize(2), N = bmType.getDimSize(3);
  Chunks cut = Chunks::of(chunk, L);
  int64_t Q = cut.size, chunks = cut.count;
  auto par = [](unsigned n) { return SmallVector<IteratorType>(n, kPar); };

  Value dt = op.getDt();
  if (op.getDtSoftplus())
    dt = deltaToDt(e, dt, Value(), /*softplus=*/true,
                   e.empty(e.sizes(dt), element));
  auto inChunks = [&](Value v) { return e.splitTime(v, 1, cut); };
  Value x = inChunks(op.getX()), dts = inChunks(dt),
        bm = inChunks(op.getBm()), cm = inChunks(op.getCm());

  // 1. Each chunk on its own: y from within the chunk, the state it ends
  //    with from zero, its decay, and c(t). `lead` are the sizes of the
  //    leading (batch, chunk) dims of the operands (none for one chunk's
  //    tiles); every generic iterates over them first.
  auto ownChunk = [&](LinalgEmitter &e, ArrayRef<OpFoldResult> lead,
                      Value xs, Value dt, Value bs,
                      Value cs) -> SmallVector<Value> {
    unsigned pre = lead.size();
    auto D = [&](unsigned i) { return e.d(i + pre); };
    // A map over `n` local dims (after the leading ones); `chunked` operands
    // carry the leading dims too.
    auto M = [&](unsigned n, ArrayRef<AffineExpr> exprs, bool chunked = true) {
      SmallVector<AffineExpr> all;
      if (chunked)
        for (unsigned i = 0; i < pre; ++i)
          all.push_back(e.d(i));
      all.append(exprs.begin(), exprs.end());
      return e.map(n + pre, all);
    };
    auto its = [&](ArrayRef<IteratorType> local) {
      SmallVector<IteratorType> all(pre, kPar);
      all.append(local.begin(), local.end());
      return all;
    };
    auto shape = [&](ArrayRef<int64_t> local) {
      SmallVector<OpFoldResult> all(lead.begin(), lead.end());
      for (int64_t v : local)
        all.push_back(e.index(v));
      return all;
    };
    auto atMost = [&](Scalar &sc, unsigned dim, unsigned bound) {
      return sc.indexAtMost(dim + pre, bound + pre);
    };
    AffineExpr h = D(0), t = D(1), s = D(2);
    AffineExpr g = groupOf(h, H, G);
    // c[h, t] = sum_{s <= t} dt[s, h] A[h]
    Value c = e.generic(
        {dt, op.getA()}, e.filled(shape({H, Q}), element, 0.0),
        {M(3, {s, h}), M(3, {h}, /*chunked=*/false), M(3, {h, t})},
        its({kPar, kPar, kRed}), [&](Scalar &sc, ValueRange a) -> Value {
          return arith::SelectOp::create(sc.b, atMost(sc, 2, 1),
                                         sc.add(a[2], sc.mul(a[0], a[1])),
                                         a[2]);
        });
    // cb[g, t, s] = C_t . B_s
    AffineExpr gg = D(0), tt = D(1), ss = D(2), n = D(3);
    Value cb = e.generic(
        {cs, bs}, e.filled(shape({G, Q, Q}), element, 0.0),
        {M(4, {tt, gg, n}), M(4, {ss, gg, n}), M(4, {gg, tt, ss})},
        its({kPar, kPar, kPar, kRed}), multiplyAccumulate);
    // m[h, t, s] = cb[g(h), t, s] e^{c[h,t] - c[h,s]} dt[s, h], s <= t
    Value m = e.generic(
        {cb, c, c, dt}, e.empty(shape({H, Q, Q}), products),
        {M(3, {g, t, s}), M(3, {h, t}), M(3, {h, s}), M(3, {s, h}),
         M(3, {h, t, s})},
        its(par(3)), [&](Scalar &sc, ValueRange a) -> Value {
          Value w = sc.mul(sc.mul(a[0], sc.exp(sc.sub(a[1], a[2]))), a[3]);
          Value masked = arith::SelectOp::create(
              sc.b, atMost(sc, 2, 1), w, sc.cst(element, 0.0));
          return sc.convert(masked, products);
        });
    // y[t, h, p] = sum_s m[h, t, s] x[s, h, p]
    AffineExpr t4 = D(0), h4 = D(1), s4 = D(2), p4 = D(3);
    Value y = e.generic(
        {m, xs}, e.filled(shape({Q, H, P}), element, 0.0),
        {M(4, {h4, t4, s4}), M(4, {s4, h4, p4}), M(4, {t4, h4, p4})},
        its({kPar, kPar, kRed, kPar}), multiplyAccumulate);
    // xw[s, h, p] = e^{c[h, Q-1] - c[h, s]} dt[s, h] x[s, h, p]
    AffineExpr last = e.b.getAffineConstantExpr(Q - 1);
    AffineExpr s3 = D(0), h3 = D(1), p3 = D(2);
    Value xw = e.generic(
        {c, c, dt, xs}, e.empty(shape({Q, H, P}), products),
        {M(3, {h3, last}), M(3, {h3, s3}), M(3, {s3, h3}),
         M(3, {s3, h3, p3}), M(3, {s3, h3, p3})},
        its(par(3)), [&](Scalar &sc, ValueRange a) -> Value {
          return sc.convert(
              sc.mul(sc.mul(sc.exp(sc.sub(a[0], a[1])), a[2]), a[3]),
              products);
        });
    // end[h, n, p] = sum_s B[s, g(h), n] xw[s, h, p]
    AffineExpr hh = D(0), nn = D(1), sr = D(2), pp = D(3);
    Value end = e.generic(
        {bs, xw}, e.filled(shape({H, N, P}), element, 0.0),
        {M(4, {sr, groupOf(hh, H, G), nn}), M(4, {sr, hh, pp}),
         M(4, {hh, nn, pp})},
        its({kPar, kPar, kRed, kPar}), multiplyAccumulate);
    // decay[h] = e^{c[h, Q-1]}; c as [Q, H]
    AffineExpr h1 = D(0);
    Value decay = e.generic(
        {c}, e.empty(shape({H}), element), {M(1, {h1, last}), M(1, {h1})},
        its(par(1)), [](Scalar &sc, ValueRange a) { return sc.exp(a[0]); });
    SmallVector<int64_t> swap;
    for (unsigned i = 0; i < pre; ++i)
      swap.push_back(i);
    swap.append({pre + 1, pre});
    return {y, end, decay, e.transposed(c, swap)};
  };
  SmallVector<Value> perChunk;
  if (tileChunks) {
    perChunk = e.forallTiles(
        {e.index(B), e.index(chunks)},
        {e.empty({e.index(B), e.index(chunks), e.index(Q), e.index(H),
                  e.index(P)},
                 element),
         e.empty({e.index(B), e.index(chunks), e.index(H), e.index(N),
                  e.index(P)},
                 element),
         e.empty({e.index(B), e.index(chunks), e.index(H)}, element),
         e.empty({e.index(B), e.index(chunks), e.index(Q), e.index(H)},
                 element)},
        [&](LinalgEmitter &e, ValueRange ivs,
            ValueRange) -> SmallVector<LinalgEmitter::Tile> {
          auto tile = [&](Value v) { // [Q, rest...]
            return chunkSlice(e, v, ivs, /*drop=*/{0, 1});
          };
          SmallVector<Value> own =
              ownChunk(e, {}, tile(x), tile(dts), tile(bm), tile(cm));
          SmallVector<LinalgEmitter::Tile> tiles;
          for (Value v : own)
            tiles.push_back(chunkTile(e, v, ivs, 2));
          return tiles;
        });
  } else {
    perChunk = ownChunk(e, {e.index(B), e.index(chunks)}, x, dts, bm, cm);
  }
  Value yIntra = perChunk[0], ends = perChunk[1], decays = perChunk[2],
        cumulative = perChunk[3];

  // 2. The state entering each chunk, [B, chunks, H, N, P], and the final
  //    state [B, H, N, P].
  Value state = op.getInit() ? e.transposed(op.getInit(), {0, 1, 3, 2})
                             : e.filled({e.index(B), e.index(H), e.index(N),
                                         e.index(P)},
                                        element, 0.0);
  SmallVector<Value> passed = e.loopOverTime(
      e.index(chunks),
      {state, e.empty(e.sizes(ends), element)},
      [&](LinalgEmitter &s, Value k, ValueRange carried) -> SmallVector<Value> {
        Value entering = insertStep(s, carried[0], carried[1], k);
        AffineExpr b = s.d(0), h = s.d(1), n = s.d(2), p = s.d(3);
        AffineMap all = s.map(4, {b, h, n, p});
        Value next = s.generic(
            {stepSlice(s, decays, k), stepSlice(s, ends, k)}, carried[0],
            {s.map(4, {b, h}), all, all}, par(4),
            [](Scalar &sc, ValueRange a) {
              return sc.add(sc.mul(a[0], a[2]), a[1]);
            });
        return {next, entering};
      });

  // 3. y[t, h, p] += sum_n e^{c(t)} C_t[g(h), n] h_in[h, n, p], then the
  //    skip term.
  AffineExpr b = e.d(0), k = e.d(1), t = e.d(2), h = e.d(3), n = e.d(4),
             p = e.d(5);
  Value scaledC = e.generic(
      {cm, cumulative},
      e.empty({e.index(B), e.index(chunks), e.index(Q), e.index(H),
               e.index(N)},
              products),
      {e.map(5, {b, k, t, groupOf(h, H, G), e.d(4)}), e.map(5, {b, k, t, h}),
       e.map(5, {b, k, t, h, e.d(4)})},
      par(5), [&](Scalar &sc, ValueRange a) {
        return sc.convert(sc.mul(a[0], sc.exp(a[1])), products);
      });
  Value entering = e.converted(passed[1], products);
  Value y = e.generic({scaledC, entering}, yIntra,
                      {e.map(6, {b, k, t, h, n}), e.map(6, {b, k, h, n, p}),
                       e.map(6, {b, k, t, h, p})},
                      {kPar, kPar, kPar, kPar, kRed, kPar},
                      multiplyAccumulate);
  y = e.joinTime(y, 1, L);
  if (Value skip = op.getSkip()) {
    AffineExpr b4 = e.d(0), t4 = e.d(1), h4 = e.d(2), p4 = e.d(3);
    AffineMap id = e.map(4, {b4, t4, h4, p4});
    y = e.generic({op.getX(), skip}, y, {id, e.map(4, {h4}), id}, par(4),
                  [](Scalar &sc, ValueRange a) {
                    return sc.add(a[2], sc.mul(a[1], a[0]));
                  });
  }
  SmallVector<Value> results = {y};
  if (op.getFinalState())
    results.push_back(e.transposed(passed[0], {0, 1, 3, 2}));
  return results;
}

/// Mamba-1's scan by chunks of Q steps (static shapes), with the state
/// passed between chunks. With cum(t) = the sum of dt over the chunk's steps
/// up to t:
///   1. per (batch, chunk), in an scf.forall: the sequential scan of the
///      chunk from a zero state (its own output and the state it ends
///      with), and cum;
///   2. over chunks in order (an scf.for): the state entering each chunk,
///      h_in[k+1] = e^{A cum(Q-1)} h_in[k] + end[k], from the initial state;
///   3. y[t, d] += sum_n C_t[g(d), n] e^{A[d,n] cum(t)} h_in[k(t)][d, n], then
///      the skip and gate terms.
/// dt = softplus?(delta + bias) is computed once first; time is then
/// zero-padded to a multiple of Q (dt = 0 leaves the state alone).
static SmallVector<Value> lowerChunkedSelectiveScan(LinalgEmitter &e,
                                                    SelectiveScanOp op,
                                                    int64_t chunk) {
  auto xType = cast<RankedTensorType>(op.getX().getType());
  auto bmType = cast<RankedTensorType>(op.getBm().getType());
  Type element = xType.getElementType();
  int64_t B = xType.getDimSize(0), L = xType.getDimSize(1),
          D = xType.getDimSize(2), G = bmType.getDimSize(2),
          N = bmType.getDimSize(3);
  Chunks cut = Chunks::of(chunk, L);
  int64_t Q = cut.size, chunks = cut.count;
  auto sizes = [&](ArrayRef<int64_t> dims) { return e.indices(dims); };

  Value dt = op.getDelta();
  if (op.getDeltaSoftplus() || op.getDeltaBias())
    dt = deltaToDt(e, dt, op.getDeltaBias(), op.getDeltaSoftplus(),
                   e.empty(e.sizes(dt), element));
  auto inChunks = [&](Value v) { return e.splitTime(v, 1, cut); };
  Value x = inChunks(op.getX()), dts = inChunks(dt), bm = inChunks(op.getBm()),
        cm = inChunks(op.getCm());

  // 1. Each chunk from a zero state: y, the state it ends with, cum.
  SmallVector<Value> perChunk = e.forallTiles(
      {e.index(B), e.index(chunks)},
      {e.empty(sizes({B, chunks, Q, D}), element),
       e.empty(sizes({B, chunks, D, N}), element),
       e.empty(sizes({B, chunks, Q, D}), element)},
      [&](LinalgEmitter &e, ValueRange ivs,
          ValueRange) -> SmallVector<LinalgEmitter::Tile> {
        auto tile = [&](Value v) { // [1, Q, rest...]
          return chunkSlice(e, v, ivs, /*drop=*/{0});
        };
        Value dtTile = tile(dts);
        SelectiveScanInputs in = {tile(x), dtTile, op.getA(), tile(bm),
                                  tile(cm), Value(), Value(), Value(),
                                  Value(), /*softplus=*/false};
        SmallVector<Value> scanned =
            lowerSelectiveScan(e, in, e.empty(sizes({1, Q, D}), element),
                               e.empty(sizes({1, D, N}), element));
        // cum[t, d] = sum_{s <= t} dt[s, d]
        AffineExpr b = e.d(0), t = e.d(1), d = e.d(2), s = e.d(3);
        Value cum = e.generic(
            {dtTile}, e.filled(sizes({1, Q, D}), element, 0.0),
            {e.map(4, {b, s, d}), e.map(4, {b, t, d})},
            {kPar, kPar, kPar, kRed}, [](Scalar &sc, ValueRange a) -> Value {
              return arith::SelectOp::create(sc.b, sc.indexAtMost(3, 1),
                                             sc.add(a[1], a[0]), a[1]);
            });
        return {chunkTile(e, scanned[0], ivs, 1),
                chunkTile(e, scanned[1], ivs, 1), chunkTile(e, cum, ivs, 1)};
      });

  // 2. The state entering each chunk.
  Value state = op.getInit() ? op.getInit()
                             : e.filled(sizes({B, D, N}), element, 0.0);
  SmallVector<Value> passed = e.loopOverTime(
      e.index(chunks), {state, e.empty(sizes({B, chunks, D, N}), element)},
      [&](LinalgEmitter &s, Value k, ValueRange carried) -> SmallVector<Value> {
        Value entering = insertStep(s, carried[0], carried[1], k);
        // cum at the chunk's last step, [B, D]
        Value total = s.slice(perChunk[2], {s.index(0), k, s.index(Q - 1),
                                            s.index(0)},
                              sizes({B, 1, 1, D}), /*drop=*/{1, 2});
        AffineExpr b = s.d(0), d = s.d(1), n = s.d(2);
        AffineMap all = s.map(3, {b, d, n});
        Value next = s.generic(
            {total, op.getA(), stepSlice(s, perChunk[1], k)}, carried[0],
            {s.map(3, {b, d}), s.map(3, {d, n}), all, all},
            {kPar, kPar, kPar}, [](Scalar &sc, ValueRange a) {
              return sc.add(sc.mul(sc.exp(sc.mul(a[1], a[0])), a[3]), a[2]);
            });
        return {next, entering};
      });

  // 3. y += C_t e^{A cum(t)} h_in, then skip and gate.
  AffineExpr b = e.d(0), k = e.d(1), t = e.d(2), d = e.d(3), n = e.d(4);
  Value y = e.generic(
      {cm, op.getA(), perChunk[2], passed[1]}, perChunk[0],
      {e.map(5, {b, k, t, groupOf(d, D, G), n}), e.map(5, {d, n}),
       e.map(5, {b, k, t, d}), e.map(5, {b, k, d, n}), e.map(5, {b, k, t, d})},
      {kPar, kPar, kPar, kPar, kRed}, [](Scalar &sc, ValueRange a) {
        return sc.add(a[4],
                      sc.mul(a[0], sc.mul(sc.exp(sc.mul(a[1], a[2])), a[3])));
      });
  y = e.joinTime(y, 1, L);
  y = skipAndGate(e, y, op.getX(), op.getSkip(), op.getGate());
  SmallVector<Value> results = {y};
  if (op.getFinalState())
    results.push_back(passed[0]);
  return results;
}
