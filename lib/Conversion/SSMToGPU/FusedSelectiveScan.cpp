//===- FusedSelectiveScan.cpp - selective_scan as one kernel --------------===//
//
// See the pass description in Passes.td and FusedKernels.h. A thread per
// (batch, channel, S state elements), S = min(N, 4): a block of 128
// threads covers 128 / P channels, the P = N / S threads of a channel
// adjacent lanes of one warp, so that y's sum over the state is S - 1
// additions in the thread and log2 P shuffles within the warp.
//
//===----------------------------------------------------------------------===//

#include "ssm/Conversion/Passes.h"
#include "ssm/Dialect/SSM/IR/SSMOps.h"
#include "ssm/Dialect/SSM/IR/SSMSchedule.h"

#include "FusedKernels.h"
#include "KernelArith.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
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
/// Time steps whose loads are issued together.
constexpr int64_t kPrefetch = 16;
/// State elements per thread, at most: with N = 16, a channel is 4 threads
/// of 4 states, which issue about half the instructions per state element
/// of a thread per element (x, dt and the shuffles shared by 4 elements)
/// while a scan of D = 2048 still has 16 warps per multiprocessor.
constexpr int64_t kStates = 4;
// A channel's threads share the kPrefetch steps' dt: at most kPrefetch.
static_assert(kLanes / kStates <= kPrefetch);

/// Which optional operands and results a scan has; its operands are x,
/// delta, A, Bm, Cm, then the present ones of skip, gate, delta_bias and
/// init, then the outputs y and (with finalState) hT.
struct ScanParams {
  bool softplus, skip, gate, bias, init, finalState;

  static ScanParams of(SelectiveScanOp op) {
    return {op.getDeltaSoftplus(),   bool(op.getSkip()),
            bool(op.getGate()),      bool(op.getDeltaBias()),
            bool(op.getInit()),      bool(op.getFinalState())};
  }
  DictionaryAttr toAttr(Builder &b) const {
    return b.getDictionaryAttr(
        {b.getNamedAttr("delta_softplus", b.getBoolAttr(softplus)),
         b.getNamedAttr("skip", b.getBoolAttr(skip)),
         b.getNamedAttr("gate", b.getBoolAttr(gate)),
         b.getNamedAttr("delta_bias", b.getBoolAttr(bias)),
         b.getNamedAttr("init", b.getBoolAttr(init)),
         b.getNamedAttr("final_state", b.getBoolAttr(finalState))});
  }
  static std::optional<ScanParams> fromAttr(DictionaryAttr attr) {
    ScanParams p;
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
  int64_t S = std::min(N, kStates);     // state elements per thread
  int64_t P = N / S;                    // threads per channel
  int64_t channels = kThreads / P;      // per block
  Value channelsPerGroup = arith::DivUIOp::create(b, loc, D, G);
  Value dBlocks = arith::CeilDivUIOp::create(b, loc, D, constant(channels));
  Value blocks = mul(B, dBlocks);
  // The guard is uniform in the block: no early exit for part of a warp.
  auto [kernel, block, thread] = launchBlocks(blocks, kThreads);
  Value one = constant(1);

  Value batch = arith::DivUIOp::create(b, loc, block, dBlocks);
  Value d0 = mul(arith::RemUIOp::create(b, loc, block, dBlocks),
                 constant(channels));
  Value lane = rem(thread, P); // the thread's place in its channel
  Value n0 = mul(lane, constant(S));
  Value d = add(d0, div(thread, P));
  // Threads past the last channel compute channel D - 1 (their lanes take
  // part in the shuffles) and store nothing.
  Value active = less(d, D);
  Value dc = arith::MinUIOp::create(
      b, loc, d, arith::SubIOp::create(b, loc, D, one));
  Value g = arith::DivUIOp::create(b, loc, dc, channelsPerGroup);
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
  // Whether the kPrefetch steps' dt (delta with its bias and softplus) are
  // computed once per channel: lane j of the channel computes steps j,
  // j + P, ... and the others read them by shuffles, instead of every lane
  // computing all.
  bool shareDt = P > 1 && (params.bias || params.softplus);
  auto loadStep = [&](Value t, bool withDt) {
    StepInputs in;
    in.x = loadF32(x, {batch, t, dc});
    if (withDt)
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
      // max(dt, 0) + log1p(exp(-|dt|)), as the linalg lowering.
      Value abs = math::AbsFOp::create(b, loc, dt);
      Value tail = math::Log1pOp::create(
          b, loc,
          math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, abs)));
      dt = arith::AddFOp::create(
          b, loc, arith::MaximumFOp::create(b, loc, dt, f32(0)), tail);
    }
    return dt;
  };
  // `in.dt` is the step's dt if `ready`, else delta as loaded.
  auto runStep = [&](Value t, const StepInputs &in, ValueRange h,
                     bool ready) {
    Value dt = ready ? in.dt : stepDt(in.dt);
    Value dtx = arith::MulFOp::create(b, loc, dt, in.x);
    // h_n = exp(dt A_n) h_n + B_n dt x; y = sum_n C_n h_n, first over the
    // thread's S states, then over the channel's P lanes.
    SmallVector<Value> next;
    Value part;
    for (int64_t i = 0; i < S; ++i) {
      // (Not fastExp2: on an H100 its one instruction instead of four
      // made the scan slower, 0.93 against 0.84-0.89 ms at B = 8,
      // L = 4096, D = 2048, since ptxas then holds more loads in flight
      // than 4 blocks' registers allow; bench/h100/README.md.)
      Value decay = math::Exp2Op::create(
          b, loc, arith::MulFOp::create(b, loc, dt, a2[i]));
      next.push_back(math::FmaOp::create(
          b, loc, decay, h[i],
          arith::MulFOp::create(b, loc, in.bv[i], dtx)));
      part = part ? math::FmaOp::create(b, loc, in.cv[i], next[i], part)
                        .getResult()
                  : arith::MulFOp::create(b, loc, in.cv[i], next[i])
                        .getResult();
    }
    for (int32_t offset = P / 2; offset >= 1; offset /= 2) {
      Value other = gpu::ShuffleOp::create(b, loc, part, offset, kLanes,
                                           gpu::ShuffleMode::XOR)
                        .getShuffleResult();
      part = arith::AddFOp::create(b, loc, part, other);
    }
    auto write = scf::IfOp::create(b, loc, first, false);
    OpBuilder::InsertionGuard inner(b);
    b.setInsertionPoint(write.thenBlock()->getTerminator());
    Value out = part;
    if (skipD)
      out = arith::AddFOp::create(b, loc, out,
                                  arith::MulFOp::create(b, loc, skipD, in.x));
    if (params.gate) {
      Value sigmoid = arith::DivFOp::create(
          b, loc, f32(1),
          arith::AddFOp::create(
              b, loc, f32(1),
              math::ExpOp::create(b, loc,
                                  arith::NegFOp::create(b, loc, in.z))));
      out = arith::MulFOp::create(
          b, loc, out, arith::MulFOp::create(b, loc, in.z, sigmoid));
    }
    storeF32(out, y, {batch, t, d});
    return next;
  };

  // kPrefetch steps at a time, their loads first: the loads of a step do
  // not wait for the previous step's recurrence, so that each thread has
  // kPrefetch steps' loads in flight. The last L mod kPrefetch steps one
  // by one.
  Value whole = arith::SubIOp::create(
      b, loc, L, arith::RemUIOp::create(b, loc, L, constant(kPrefetch)));
  auto loop = scf::ForOp::create(b, loc, constant(0), whole,
                                 constant(kPrefetch), h0);
  {
    OpBuilder::InsertionGuard scope(b);
    b.setInsertionPointToStart(loop.getBody());
    Value t0 = loop.getInductionVar();
    SmallVector<Value> h(loop.getRegionIterArgs());
    SmallVector<Value> times;
    SmallVector<StepInputs> inputs;
    for (int64_t s = 0; s < kPrefetch; ++s) {
      times.push_back(add(t0, constant(s)));
      inputs.push_back(loadStep(times.back(), /*withDt=*/!shareDt));
    }
    if (shareDt) {
      // Lane j of the channel: steps j + k P's dt; step s's from lane
      // s mod P of the channel (the channel's lanes are adjacent, from
      // lane - j), its (s / P)th.
      SmallVector<Value> mine;
      for (int64_t k = 0; k < kPrefetch / P; ++k)
        mine.push_back(stepDt(loadF32(
            delta, {batch, add(t0, add(lane, constant(k * P))), dc})));
      Value channelLane =
          arith::SubIOp::create(b, loc, rem(thread, kLanes), lane);
      for (int64_t s = 0; s < kPrefetch; ++s) {
        Value source = arith::IndexCastOp::create(
            b, loc, b.getI32Type(), add(channelLane, constant(s % P)));
        inputs[s].dt =
            gpu::ShuffleOp::create(
                b, loc, mine[s / P], source,
                arith::ConstantIntOp::create(b, loc, kLanes, 32),
                gpu::ShuffleMode::IDX)
                .getShuffleResult();
      }
    }
    for (int64_t s = 0; s < kPrefetch; ++s)
      h = runStep(times[s], inputs[s], h, /*ready=*/shareDt);
    scf::YieldOp::create(b, loc, h);
  }
  auto rest = scf::ForOp::create(b, loc, whole, L, one, loop.getResults());
  {
    OpBuilder::InsertionGuard scope(b);
    b.setInsertionPointToStart(rest.getBody());
    Value t = rest.getInductionVar();
    scf::YieldOp::create(b, loc,
                         runStep(t, loadStep(t, /*withDt=*/true),
                                 rest.getRegionIterArgs(),
                                 /*ready=*/false));
  }
  if (hT) {
    auto write = scf::IfOp::create(b, loc, active, false);
    b.setInsertionPoint(write.thenBlock()->getTerminator());
    for (int64_t i = 0; i < S; ++i)
      storeF32(rest.getResult(i), hT, {batch, d, states[i]});
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
  void runOnOperation() override {
    ModuleOp module = getOperation();
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
          fused::kSelectiveScan, ScanParams::of(op).toAttr(b));
    }
  }
};
} // namespace
