//===- FusedSelectiveScan.cpp - selective_scan as one kernel --------------===//
//
// See the pass description in Passes.td and FusedKernels.h. A thread per
// (batch, channel, S state elements), S = min(N, states-per-thread): a
// block of 128 threads covers 128 / P channels of one group, the P = N / S
// threads of a channel adjacent lanes of one warp, so that y's sum over
// the state is S - 1 additions in the thread and shuffles within the warp
// (log2 P rounds of a reduce-scatter per P steps in the chunks).
//
//===----------------------------------------------------------------------===//

#include "ssm/Conversion/Passes.h"
#include "ssm/Dialect/SSM/IR/SSMOps.h"
#include "ssm/Dialect/SSM/IR/SSMSchedule.h"

#include "FusedKernels.h"
#include "KernelArith.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "llvm/Support/MathExtras.h"

namespace mlir::ssm {
#define GEN_PASS_DEF_SSMFUSEDSELECTIVESCAN
#include "ssm/Conversion/Passes.h.inc"
} // namespace mlir::ssm

using namespace mlir;
using namespace mlir::ssm;

namespace {
constexpr int64_t kThreads = 128;
constexpr int64_t kLanes = 32; // per warp
/// Time steps per chunk: a chunk's loads are issued together, while the
/// previous chunk's steps run.
constexpr int64_t kChunk = 16;
/// Whether `states` may be the most state elements of a thread (the
/// pass's states-per-thread): a power of two from 2, so that a channel's
/// P = N / S lanes, at most 16, share a chunk's dt (one step or more
/// each) and divide the chunk.
static bool validStatesPerThread(int64_t states) {
  return states >= 2 && states <= kLanes && llvm::isPowerOf2_64(states);
}
static_assert(kLanes / 2 <= kChunk);

/// Which optional operands and results a scan has; its operands are x,
/// delta, A, Bm, Cm, then the present ones of skip, gate, delta_bias and
/// init, then the outputs y and (with finalState) hT.
/// `states` is the most state elements per thread (states_per_thread).
struct ScanParams {
  bool softplus, skip, gate, bias, init, finalState;
  int64_t states;

  static ScanParams of(SelectiveScanOp op, int64_t states) {
    return {op.getDeltaSoftplus(), bool(op.getSkip()),
            bool(op.getGate()),    bool(op.getDeltaBias()),
            bool(op.getInit()),    bool(op.getFinalState()),
            states};
  }
  DictionaryAttr toAttr(Builder &b) const {
    return b.getDictionaryAttr(
        {b.getNamedAttr("delta_softplus", b.getBoolAttr(softplus)),
         b.getNamedAttr("skip", b.getBoolAttr(skip)),
         b.getNamedAttr("gate", b.getBoolAttr(gate)),
         b.getNamedAttr("delta_bias", b.getBoolAttr(bias)),
         b.getNamedAttr("init", b.getBoolAttr(init)),
         b.getNamedAttr("final_state", b.getBoolAttr(finalState)),
         b.getNamedAttr("states_per_thread", b.getI64IntegerAttr(states))});
  }
  /// (A declaration without states_per_thread: the default, 4.)
  static std::optional<ScanParams> fromAttr(DictionaryAttr attr) {
    ScanParams p;
    p.states = 4;
    if (Attribute states = attr.get("states_per_thread")) {
      auto value = dyn_cast<IntegerAttr>(states);
      if (!value || !validStatesPerThread(value.getInt()))
        return std::nullopt;
      p.states = value.getInt();
    }
    std::pair<StringRef, bool *> fields[] = {
        {"delta_softplus", &p.softplus}, {"skip", &p.skip},
        {"gate", &p.gate},               {"delta_bias", &p.bias},
        {"init", &p.init},               {"final_state", &p.finalState}};
    for (auto [name, field] : fields) {
      auto value = attr.getAs<BoolAttr>(name);
      if (!value)
        return std::nullopt;
      *field = value.getValue();
    }
    return p;
  }
  unsigned numOperands() const {
    return 5 + skip + gate + bias + init + 1 + finalState;
  }
};

/// Builds the kernel of one scan.
class ScanKernel : KernelArith {
public:
  ScanKernel(OpBuilder &b, Location loc, ScanParams params,
             ValueRange operands)
      : KernelArith(b, loc), params(params) {
    unsigned next = 0;
    for (Value *v : {&x, &delta, &a, &bm, &cm})
      *v = operands[next++];
    for (auto [present, v] : {std::pair(params.skip, &skip),
                              std::pair(params.gate, &gate),
                              std::pair(params.bias, &bias),
                              std::pair(params.init, &init)})
      if (present)
        *v = operands[next++];
    y = operands[next++];
    if (params.finalState)
      hT = operands[next];
  }

  void build();

private:
  ScanParams params;
  Value x, delta, a, bm, cm, skip, gate, bias, init, y, hT;
};
} // namespace

void ScanKernel::build() {
  auto dim = [&](Value m, int64_t d) {
    return memref::DimOp::create(b, loc, m, d).getResult();
  };
  Value B = dim(x, 0), L = dim(x, 1), D = dim(x, 2);
  Value G = dim(bm, 2);
  int64_t N = cast<MemRefType>(a.getType()).getDimSize(1);
  int64_t S = std::min(N, params.states); // state elements per thread
  int64_t P = N / S;                    // threads per channel
  int64_t channels = kThreads / P;      // per block
  // A block's channels are of one group (its B and C are the block's):
  // a group's channels take ceil(D / G / channels) blocks.
  Value channelsPerGroup = arith::DivUIOp::create(b, loc, D, G);
  Value groupBlocks = arith::CeilDivUIOp::create(b, loc, channelsPerGroup,
                                                 constant(channels));
  Value batchBlocks = mul(G, groupBlocks);
  Value blocks = mul(B, batchBlocks);
  // B and C of a chunk's steps, staged: [2][kChunk][N] (B, then C).
  int64_t stagedWords = 2 * kChunk * N;
  auto workgroup = gpu::AddressSpaceAttr::get(b.getContext(),
                                              gpu::AddressSpace::Workgroup);
  auto stageType = MemRefType::get({stagedWords}, b.getF32Type(),
                                   MemRefLayoutAttrInterface(), workgroup);
  // The guard is uniform in the block: no early exit for part of a warp.
  auto [kernel, block, thread] =
      launchBlocks(blocks, kThreads, /*sharedBytes=*/{}, stageType);
  Value stage = kernel.getWorkgroupAttributions().front();
  Value one = constant(1);

  Value batch = arith::DivUIOp::create(b, loc, block, batchBlocks);
  Value inBatch = arith::RemUIOp::create(b, loc, block, batchBlocks);
  Value g = arith::DivUIOp::create(b, loc, inBatch, groupBlocks);
  Value c0 = mul(arith::RemUIOp::create(b, loc, inBatch, groupBlocks),
                 constant(channels));
  Value lane = rem(thread, P); // the thread's place in its channel
  Value n0 = mul(lane, constant(S));
  Value c = add(c0, div(thread, P)); // the channel within its group
  // Threads past the group's last channel compute that channel (their
  // lanes take part in the shuffles and the staging) and store nothing.
  Value active = less(c, channelsPerGroup);
  Value groupStart = mul(g, channelsPerGroup);
  Value d = add(groupStart, c);
  Value dc = add(groupStart,
                 arith::MinUIOp::create(
                     b, loc, c,
                     arith::SubIOp::create(b, loc, channelsPerGroup, one)));
  // exp(dt A) is computed as exp2(dt (A log2 e)).
  SmallVector<Value> a2, h0, states;
  for (int64_t i = 0; i < S; ++i) {
    states.push_back(add(n0, constant(i)));
    a2.push_back(arith::MulFOp::create(b, loc, loadF32(a, {dc, states[i]}),
                                       f32(llvm::numbers::log2e)));
    h0.push_back(params.init ? loadF32(init, {batch, dc, states[i]})
                             : f32(0));
  }
  Value biasD = params.bias ? loadF32(bias, {dc}) : Value();
  Value skipD = params.skip ? loadF32(skip, {dc}) : Value();
  Value first = arith::AndIOp::create(
      b, loc, active,
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, lane,
                            constant(0)));

  // One time step's inputs, then its update of h and its output.
  struct StepInputs {
    Value x, dt, z;
    SmallVector<Value> bv, cv;
  };
  // Whether a chunk's dt (delta with its bias and softplus) is computed
  // once per channel: lane j of the channel computes steps j, j + P, ...
  // and the others read them by shuffles, instead of every lane computing
  // all.
  bool shareDt = P > 1 && (params.bias || params.softplus);
  // A step's inputs from global memory (the last L mod kChunk steps).
  auto loadStep = [&](Value t) {
    StepInputs in;
    in.x = loadF32(x, {batch, t, dc});
    in.dt = loadF32(delta, {batch, t, dc});
    for (Value n : states)
      in.bv.push_back(loadF32(bm, {batch, t, g, n}));
    for (Value n : states)
      in.cv.push_back(loadF32(cm, {batch, t, g, n}));
    if (params.gate)
      in.z = loadF32(gate, {batch, t, dc});
    return in;
  };
  // delta with its bias and softplus.
  auto stepDt = [&](Value dt) {
    if (biasD)
      dt = arith::AddFOp::create(b, loc, dt, biasD);
    if (params.softplus) {
      // max(dt, 0) + log1p(e), e = exp(-|dt|) through ex2.approx.ftz
      // (afn; relative error about 2^-22). For e >= 1/16, log1p(e) as
      // log2(1 + e) ln 2 through lg2.approx.ftz (afn), whose error on
      // [1, 2] is about 2^-22 absolute, so relative to log2(1 + e) >=
      // 0.087 below 3e-6; for smaller e (|dt| above 2.77: below -2.77 the
      // tail is all of the softplus and an absolute error would not do),
      // the series e - e^2/2 + ... - e^6/6, whose truncation is below 1e-8
      // relative. A few instructions where libdevice's log1pf and expf are
      // some 40.
      Value e = fastExp2(arith::MulFOp::create(
          b, loc, math::AbsFOp::create(b, loc, dt),
          f32(-llvm::numbers::log2e)));
      Value viaLog = arith::MulFOp::create(
          b, loc,
          math::Log2Op::create(b, loc, arith::AddFOp::create(b, loc, e,
                                                             f32(1)),
                               arith::FastMathFlags::afn),
          f32(llvm::numbers::ln2));
      Value series = f32(-1.0 / 6);
      for (double c : {1.0 / 5, -1.0 / 4, 1.0 / 3, -1.0 / 2, 1.0})
        series = math::FmaOp::create(b, loc, series, e, f32(c));
      series = arith::MulFOp::create(b, loc, series, e);
      Value small = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT,
                                          e, f32(1.0 / 16));
      Value tail = select(small, series, viaLog);
      dt = arith::AddFOp::create(
          b, loc, arith::MaximumFOp::create(b, loc, dt, f32(0)), tail);
    }
    return dt;
  };
  // Each lane's part of the skip term D x, which the sum over the
  // channel's P lanes adds up (P is a power of two: exact scaling).
  Value skipLane =
      skipD ? arith::MulFOp::create(b, loc, skipD, f32(1.0 / P)).getResult()
            : Value();
  // A step's update of the thread's states (`h`, in place), given its dt;
  // returns the thread's part of y: sum over its states of C_n h_n (and
  // its part of the skip term).
  auto advance = [&](const StepInputs &in, Value dt,
                     SmallVector<Value> &h) {
    Value dtx = arith::MulFOp::create(b, loc, dt, in.x);
    // h_n = exp(dt A_n) h_n + B_n dt x; y = sum_n C_n h_n.
    Value part = skipLane
                     ? arith::MulFOp::create(b, loc, skipLane, in.x)
                           .getResult()
                     : Value();
    for (int64_t i = 0; i < S; ++i) {
      Value decay = fastExp2(arith::MulFOp::create(b, loc, dt, a2[i]));
      h[i] = math::FmaOp::create(
          b, loc, decay, h[i], arith::MulFOp::create(b, loc, in.bv[i], dtx));
      part = part ? math::FmaOp::create(b, loc, in.cv[i], h[i], part)
                        .getResult()
                  : arith::MulFOp::create(b, loc, in.cv[i], h[i])
                        .getResult();
    }
    return part;
  };
  // Stores y of step t (the channel's sum, gated by z) where `store`.
  auto finish = [&](Value sum, Value z, Value t, Value store) {
    auto write = scf::IfOp::create(b, loc, store, false);
    OpBuilder::InsertionGuard inner(b);
    b.setInsertionPoint(write.thenBlock()->getTerminator());
    Value out = sum;
    if (params.gate) {
      Value sigmoid = arith::DivFOp::create(
          b, loc, f32(1),
          arith::AddFOp::create(
              b, loc, f32(1),
              math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, z))));
      out = arith::MulFOp::create(b, loc, out,
                                  arith::MulFOp::create(b, loc, z, sigmoid));
    }
    storeF32(out, y, {batch, t, d});
  };
  // One step on its own (`in.dt` delta as loaded): its part summed over
  // the channel's lanes by butterfly shuffles, y stored by the channel's
  // first lane.
  auto runStep = [&](Value t, const StepInputs &in, ValueRange h) {
    SmallVector<Value> next(h);
    Value part = advance(in, stepDt(in.dt), next);
    for (int32_t offset = P / 2; offset >= 1; offset /= 2) {
      Value other = gpu::ShuffleOp::create(b, loc, part, offset, kLanes,
                                           gpu::ShuffleMode::XOR)
                        .getShuffleResult();
      part = arith::AddFOp::create(b, loc, part, other);
    }
    finish(part, in.z, t, first);
    return next;
  };
  // P steps from t at once (inputs ready): their parts summed over the
  // channel's lanes by a reduce-scatter, after which lane j holds step
  // t + j's sum and stores its y: log2(P) rounds, the one of offset o
  // halving the steps a lane holds (the lanes with bit o the upper half),
  // each of them one shuffle and one addition, where summing each step
  // apart is log2(P) of each per step and the store one lane's.
  SmallVector<Value> upperHalf, laneIs;
  for (int32_t offset = P / 2; offset >= 1; offset /= 2)
    upperHalf.push_back(cmp(arith::CmpIPredicate::ne,
                            arith::AndIOp::create(b, loc, lane,
                                                  constant(offset)),
                            constant(0)));
  for (int64_t j = 0; j < P; ++j)
    laneIs.push_back(cmp(arith::CmpIPredicate::eq, lane, constant(j)));
  auto runSteps = [&](Value t, ArrayRef<StepInputs> in,
                      SmallVector<Value> &h) {
    SmallVector<Value> parts;
    for (const StepInputs &step : in)
      parts.push_back(advance(step, step.dt, h));
    unsigned round = 0;
    for (int32_t offset = P / 2; offset >= 1; offset /= 2, ++round) {
      Value upper = upperHalf[round];
      SmallVector<Value> kept;
      for (int32_t i = 0; i < offset; ++i) {
        Value lowPart = parts[i], highPart = parts[i + offset];
        Value sent = select(upper, lowPart, highPart);
        Value other = gpu::ShuffleOp::create(b, loc, sent, offset, kLanes,
                                             gpu::ShuffleMode::XOR)
                          .getShuffleResult();
        kept.push_back(arith::AddFOp::create(
            b, loc, select(upper, highPart, lowPart), other));
      }
      parts = kept;
    }
    Value z;
    if (params.gate) {
      z = in[0].z;
      for (int64_t j = 1; j < P; ++j)
        z = select(laneIs[j], in[j].z, z);
    }
    finish(parts.front(), z, add(t, lane), active);
  };

  // What a thread loads of the chunk of kChunk steps from t0 (a whole
  // chunk, t0 + kChunk <= L): its channel's x (and gate) of each step,
  // delta (of its steps j + k P where shareDt) and its share of the
  // chunk's B and C, which the block stages in shared memory.
  int64_t dtLoads = shareDt ? kChunk / P : kChunk;
  int64_t stagedLoads = llvm::divideCeil(stagedWords, kThreads);
  // Word `e` of the staging: B or C of step e / N mod kChunk, element e
  // mod N. Words [lo, hi) of e's load: of B, of C, or both (read both).
  auto stagedElement = [&](Value t0, Value e, int64_t lo, int64_t hi) {
    Value s = div(rem(e, kChunk * N), N);
    Value n = rem(e, N);
    Value t = add(t0, s);
    if (hi <= kChunk * N)
      return loadF32(bm, {batch, t, g, n});
    if (lo >= kChunk * N)
      return loadF32(cm, {batch, t, g, n});
    Value fromB = loadF32(bm, {batch, t, g, n});
    Value fromC = loadF32(cm, {batch, t, g, n});
    return select(less(e, constant(kChunk * N)), fromB, fromC);
  };
  auto loadChunk = [&](Value t0) {
    SmallVector<Value> values;
    for (int64_t s = 0; s < kChunk; ++s)
      values.push_back(loadF32(x, {batch, add(t0, constant(s)), dc}));
    for (int64_t k = 0; k < dtLoads; ++k)
      values.push_back(loadF32(
          delta,
          {batch, add(t0, shareDt ? add(lane, constant(k * P)) : constant(k)),
           dc}));
    if (params.gate)
      for (int64_t s = 0; s < kChunk; ++s)
        values.push_back(loadF32(gate, {batch, add(t0, constant(s)), dc}));
    for (int64_t k = 0; k < stagedLoads; ++k) {
      // (Where N < 4, elements past the staging load its last word again;
      // they are not stored.)
      Value e = add(thread, constant(k * kThreads));
      if ((k + 1) * kThreads > stagedWords)
        e = arith::MinUIOp::create(b, loc, e, constant(stagedWords - 1));
      values.push_back(stagedElement(
          t0, e, k * kThreads,
          std::min((k + 1) * kThreads, stagedWords)));
    }
    return values;
  };
  // Stores a chunk's staged B and C, between barriers: the previous
  // chunk's reads are done before, this chunk's writes visible after.
  auto stageChunk = [&](ValueRange staged) {
    gpu::BarrierOp::create(b, loc);
    for (int64_t k = 0; k < stagedLoads; ++k) {
      Value e = add(thread, constant(k * kThreads));
      std::optional<scf::IfOp> inRange;
      if ((k + 1) * kThreads > stagedWords) {
        inRange = scf::IfOp::create(b, loc, less(e, constant(stagedWords)),
                                    /*withElseRegion=*/false);
        b.setInsertionPoint(inRange->thenBlock()->getTerminator());
      }
      memref::StoreOp::create(b, loc, staged[k], stage, e);
      if (inRange)
        b.setInsertionPointAfter(*inRange);
    }
    gpu::BarrierOp::create(b, loc);
  };
  // The thread's S elements of B (which = 0) or C (which = 1) of step s,
  // from the staging: one vector load, aligned to 4 S bytes up to 16 (the
  // staging is 16-byte aligned, ssm-align-workgroup-buffers; the thread's
  // first element is a multiple of S).
  auto stagedStep = [&](int64_t s, int64_t which) {
    Value at = add(n0, constant(which * kChunk * N + s * N));
    Value v = vector::LoadOp::create(
        b, loc, VectorType::get({S}, b.getF32Type()), stage, at,
        /*nontemporal=*/false, llvm::Align(std::min<int64_t>(4 * S, 16)));
    SmallVector<Value> elements;
    for (int64_t i = 0; i < S; ++i)
      elements.push_back(vector::ExtractOp::create(b, loc, v, i));
    return elements;
  };

  // The steps of a warp none of whose channels is in the group (the
  // block's last, where D / G is not a multiple of its channels) are
  // skipped: `body` (returning the states after it) only where the
  // warp's first channel is; the condition is uniform in the warp, whose
  // shuffles stay together, and no barrier is inside.
  Value warpActive =
      less(add(c0, mul(div(thread, kLanes), constant(kLanes / P))),
           channelsPerGroup);
  auto ifWarpActive = [&](ValueRange states,
                          function_ref<SmallVector<Value>()> body) {
    // (A copy: `body` may update the vector `states` views.)
    SmallVector<Value> before(states);
    auto choice = scf::IfOp::create(b, loc, ValueRange(before).getTypes(),
                                    warpActive, /*withElseRegion=*/true);
    OpBuilder::InsertionGuard scope(b);
    b.setInsertionPointToStart(choice.thenBlock());
    SmallVector<Value> after = body();
    scf::YieldOp::create(b, loc, after);
    b.setInsertionPointToStart(choice.elseBlock());
    scf::YieldOp::create(b, loc, before);
    return SmallVector<Value>(choice.getResults());
  };

  // Whole chunks of kChunk steps, software-pipelined: each iteration
  // stages the B and C its registers hold, issues the next chunk's loads,
  // then runs its kChunk steps; the next chunk's loads are in flight
  // while it does. (The last iteration loads its own chunk again: one
  // start, clamped, and addresses that are constant offsets from it.)
  // The last L mod kChunk steps one by one, from global memory.
  Value whole = arith::SubIOp::create(
      b, loc, L, arith::RemUIOp::create(b, loc, L, constant(kChunk)));
  auto anyChunk = scf::IfOp::create(b, loc, ValueRange(h0).getTypes(),
                                    less(constant(0), whole),
                                    /*withElseRegion=*/true);
  {
    OpBuilder::InsertionGuard scope(b);
    b.setInsertionPointToStart(anyChunk.elseBlock());
    scf::YieldOp::create(b, loc, h0);
    b.setInsertionPointToStart(anyChunk.thenBlock());
    SmallVector<Value> carried(h0);
    llvm::append_range(carried, loadChunk(constant(0)));
    auto loop = scf::ForOp::create(b, loc, constant(0), whole,
                                   constant(kChunk), carried);
    b.setInsertionPointToStart(loop.getBody());
    Value t0 = loop.getInductionVar();
    ValueRange args = loop.getRegionIterArgs();
    SmallVector<Value> h(args.take_front(S));
    ValueRange xs = args.slice(S, kChunk);
    ValueRange dts = args.slice(S + kChunk, dtLoads);
    ValueRange zs = params.gate ? args.slice(S + kChunk + dtLoads, kChunk)
                                : ValueRange();
    ValueRange staged = args.take_back(stagedLoads);
    stageChunk(staged);
    SmallVector<Value> next = loadChunk(arith::MinUIOp::create(
        b, loc, add(t0, constant(kChunk)),
        arith::SubIOp::create(b, loc, whole, constant(kChunk))));
    SmallVector<Value> computed = ifWarpActive(h, [&] {
      SmallVector<StepInputs> inputs(kChunk);
      if (shareDt) {
        // Lane j of the channel: steps j + k P's dt; step s's from lane
        // s mod P of the channel (the channel's lanes are adjacent, from
        // lane - j), its (s / P)th.
        SmallVector<Value> mine;
        for (Value dt : dts)
          mine.push_back(stepDt(dt));
        Value channelLane =
            arith::SubIOp::create(b, loc, rem(thread, kLanes), lane);
        for (int64_t s = 0; s < kChunk; ++s) {
          Value source = arith::IndexCastOp::create(
              b, loc, b.getI32Type(), add(channelLane, constant(s % P)));
          inputs[s].dt = gpu::ShuffleOp::create(
                             b, loc, mine[s / P], source,
                             arith::ConstantIntOp::create(b, loc, kLanes, 32),
                             gpu::ShuffleMode::IDX)
                             .getShuffleResult();
        }
      }
      for (int64_t s = 0; s < kChunk; ++s) {
        inputs[s].x = xs[s];
        if (!shareDt)
          inputs[s].dt = stepDt(dts[s]);
        if (params.gate)
          inputs[s].z = zs[s];
      }
      // The steps P at a time (kChunk is a multiple of P).
      for (int64_t s0 = 0; s0 < kChunk; s0 += P) {
        for (int64_t s = s0; s < s0 + P; ++s) {
          inputs[s].bv = stagedStep(s, 0);
          inputs[s].cv = stagedStep(s, 1);
        }
        runSteps(add(t0, constant(s0)),
                 ArrayRef<StepInputs>(inputs).slice(s0, P), h);
      }
      return h;
    });
    SmallVector<Value> yielded(computed);
    llvm::append_range(yielded, next);
    scf::YieldOp::create(b, loc, yielded);
    b.setInsertionPointAfter(loop);
    scf::YieldOp::create(b, loc, loop.getResults().take_front(S));
  }
  SmallVector<Value> last =
      ifWarpActive(anyChunk.getResults(), [&]() -> SmallVector<Value> {
        auto rest =
            scf::ForOp::create(b, loc, whole, L, one, anyChunk.getResults());
        OpBuilder::InsertionGuard scope(b);
        b.setInsertionPointToStart(rest.getBody());
        Value t = rest.getInductionVar();
        scf::YieldOp::create(b, loc,
                             runStep(t, loadStep(t), rest.getRegionIterArgs()));
        return rest.getResults();
      });
  if (hT) {
    auto write = scf::IfOp::create(b, loc, active, false);
    b.setInsertionPoint(write.thenBlock()->getTerminator());
    for (int64_t i = 0; i < S; ++i)
      storeF32(last[i], hT, {batch, d, states[i]});
  }
}

LogicalResult mlir::ssm::fused::buildSelectiveScan(OpBuilder &b, Location loc,
                                                   DictionaryAttr attr,
                                                   ValueRange operands) {
  std::optional<ScanParams> params = ScanParams::fromAttr(attr);
  if (!params || operands.size() != params->numOperands())
    return failure();
  // The shapes the kernel relies on: x [B, L, D], A [D, N] with N a power
  // of two up to a warp, Bm [B, L, G, N].
  auto rankOf = [&](unsigned i) {
    auto type = dyn_cast<MemRefType>(operands[i].getType());
    return type ? type.getRank() : -1;
  };
  if (!llvm::all_of(operands, [](Value v) {
        return isa<MemRefType>(v.getType());
      }) ||
      rankOf(0) != 3 || rankOf(2) != 2 || rankOf(3) != 4)
    return failure();
  int64_t N = cast<MemRefType>(operands[2].getType()).getDimSize(1);
  if (ShapedType::isDynamic(N) || N < 1 || N > kLanes ||
      !llvm::isPowerOf2_64(N))
    return failure();
  OpBuilder::InsertionGuard scope(b);
  ScanKernel(b, loc, *params, operands).build();
  return success();
}

/// Whether the kernel computes `op`: f32, f16 or bf16 (f64 stays on the
/// linalg lowering), a state of N = 1, 2, 4, ..., 32 elements (a channel's
/// lanes within a warp) and no chunked schedule.
static bool fitsKernel(SelectiveScanOp op) {
  Type element = cast<RankedTensorType>(op.getX().getType()).getElementType();
  if (!(element.isF32() || element.isF16() || element.isBF16()))
    return false;
  int64_t N = cast<RankedTensorType>(op.getA().getType()).getDimSize(1);
  if (ShapedType::isDynamic(N) || N < 1 || N > kLanes ||
      !llvm::isPowerOf2_64(N))
    return false;
  auto schedule = op->getAttrOfType<ScheduleAttr>(kScheduleAttrName);
  return !schedule || schedule.getAlgorithm().getValue() != "chunked";
}

namespace {
struct SSMFusedSelectiveScanPass
    : mlir::ssm::impl::SSMFusedSelectiveScanBase<SSMFusedSelectiveScanPass> {
  using SSMFusedSelectiveScanBase::SSMFusedSelectiveScanBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (!validStatesPerThread(statesPerThread)) {
      module.emitError("ssm-fused-selective-scan: states-per-thread must be "
                       "a power of two from 2 to 32, not ")
          << int64_t(statesPerThread);
      return signalPassFailure();
    }
    SymbolTable symbols(module);
    SmallVector<SelectiveScanOp> candidates;
    module.walk([&](SelectiveScanOp op) {
      if (fitsKernel(op))
        candidates.push_back(op);
    });
    for (SelectiveScanOp op : candidates) {
      SmallVector<Value> inputs = {op.getX(), op.getDelta(), op.getA(),
                                   op.getBm(), op.getCm()};
      for (Value optional :
           {op.getSkip(), op.getGate(), op.getDeltaBias(), op.getInit()})
        if (optional)
          inputs.push_back(optional);
      Builder b(op.getContext());
      fused::replaceByKernelCall(
          symbols, op, inputs,
          // y is x's shape; hT is [B, D, N] (x's B and D, A's N).
          [](OpBuilder &b, Location loc, ArrayRef<Value> in, int64_t result,
             int64_t dim) -> Value {
            if (result == 0)
              return memref::DimOp::create(b, loc, in[0], dim);
            return dim == 2 ? memref::DimOp::create(b, loc, in[2], 1)
                            : memref::DimOp::create(b, loc, in[0],
                                                    dim == 0 ? 0 : 2);
          },
          fused::kSelectiveScan,
          ScanParams::of(op, statesPerThread).toAttr(b));
    }
  }
};
} // namespace
