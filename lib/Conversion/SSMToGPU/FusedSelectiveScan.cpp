//===- FusedSelectiveScan.cpp - selective_scan as one kernel --------------===//
//
// See the pass description in Passes.td and FusedKernels.h. A thread per
// (batch, channel, state element): a block of 128 threads covers 128 / N
// channels, the N threads of a channel adjacent lanes of one warp, so that
// y's sum over the state is N - 1 shuffles within the warp.
//
//===----------------------------------------------------------------------===//

#include "ssm/Conversion/Passes.h"
#include "ssm/Dialect/SSM/IR/SSMOps.h"
#include "ssm/Dialect/SSM/IR/SSMSchedule.h"

#include "FusedKernels.h"
#include "KernelArith.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"

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
constexpr int64_t kPrefetch = 8;

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
  int64_t channels = kThreads / N; // per block
  Value channelsPerGroup = arith::DivUIOp::create(b, loc, D, G);
  Value dBlocks = arith::CeilDivUIOp::create(b, loc, D, constant(channels));
  Value blocks = mul(B, dBlocks);
  // The guard is uniform in the block: no early exit for part of a warp.
  auto [kernel, block, thread] = launchBlocks(blocks, kThreads);
  Value one = constant(1);

  Value batch = arith::DivUIOp::create(b, loc, block, dBlocks);
  Value d0 = mul(arith::RemUIOp::create(b, loc, block, dBlocks),
                 constant(channels));
  Value n = arith::RemUIOp::create(b, loc, thread, constant(N));
  Value d = add(d0, arith::DivUIOp::create(b, loc, thread, constant(N)));
  // Threads past the last channel compute channel D - 1 (their lanes take
  // part in the shuffles) and store nothing.
  Value active = less(d, D);
  Value dc = arith::MinUIOp::create(
      b, loc, d, arith::SubIOp::create(b, loc, D, one));
  Value g = arith::DivUIOp::create(b, loc, dc, channelsPerGroup);
  Value aDN = loadF32(a, {dc, n});
  Value biasD = params.bias ? loadF32(bias, {dc}) : Value();
  Value skipD = params.skip ? loadF32(skip, {dc}) : Value();
  Value h0 = params.init ? loadF32(init, {batch, dc, n}) : f32(0);
  Value first = arith::AndIOp::create(
      b, loc, active,
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, n,
                            constant(0)));

  // One time step's inputs, then its update of h and its output.
  struct StepInputs {
    Value x, dt, bv, cv, z;
  };
  // Whether the kPrefetch steps' dt (delta with its bias and softplus) are
  // computed once per channel: lane n of the channel computes step n's and
  // the others read it by a shuffle, instead of every lane computing all.
  bool shareDt = N >= kPrefetch && (params.bias || params.softplus);
  auto loadStep = [&](Value t, bool withDt) {
    StepInputs in;
    in.x = loadF32(x, {batch, t, dc});
    if (withDt)
      in.dt = loadF32(delta, {batch, t, dc});
    in.bv = loadF32(bm, {batch, t, g, n});
    in.cv = loadF32(cm, {batch, t, g, n});
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
  auto runStep = [&](Value t, StepInputs in, Value h, bool ready) -> Value {
    Value dt = ready ? in.dt : stepDt(in.dt);
    Value decay =
        math::ExpOp::create(b, loc, arith::MulFOp::create(b, loc, dt, aDN));
    Value input = arith::MulFOp::create(
        b, loc, arith::MulFOp::create(b, loc, dt, in.bv), in.x);
    h = arith::AddFOp::create(b, loc, arith::MulFOp::create(b, loc, decay, h),
                              input);
    // y = sum_n C h over the channel's N lanes.
    Value part = arith::MulFOp::create(b, loc, in.cv, h);
    for (int32_t offset = N / 2; offset >= 1; offset /= 2) {
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
    return h;
  };

  // kPrefetch steps at a time, their loads first: the loads of a step do
  // not wait for the previous step's recurrence, so that each thread has
  // kPrefetch steps' loads in flight. The last L mod kPrefetch steps one
  // by one.
  Value whole = arith::SubIOp::create(
      b, loc, L, arith::RemUIOp::create(b, loc, L, constant(kPrefetch)));
  auto loop = scf::ForOp::create(b, loc, constant(0), whole,
                                 constant(kPrefetch), ValueRange{h0});
  {
    OpBuilder::InsertionGuard scope(b);
    b.setInsertionPointToStart(loop.getBody());
    Value t0 = loop.getInductionVar(), h = loop.getRegionIterArgs()[0];
    SmallVector<Value> times;
    SmallVector<StepInputs> inputs;
    for (int64_t s = 0; s < kPrefetch; ++s) {
      times.push_back(add(t0, constant(s)));
      inputs.push_back(loadStep(times.back(), /*withDt=*/!shareDt));
    }
    if (shareDt) {
      // Lane n of the channel: step n mod kPrefetch's dt; step s's from
      // lane s of the channel (the channel's lanes are adjacent, from
      // lane - n).
      Value mine = stepDt(loadF32(
          delta, {batch, add(t0, rem(n, kPrefetch)), dc}));
      Value channelLane =
          arith::SubIOp::create(b, loc, rem(thread, kLanes), n);
      for (int64_t s = 0; s < kPrefetch; ++s) {
        Value source = arith::IndexCastOp::create(
            b, loc, b.getI32Type(), add(channelLane, constant(s)));
        inputs[s].dt =
            gpu::ShuffleOp::create(
                b, loc, mine, source,
                arith::ConstantIntOp::create(b, loc, kLanes, 32),
                gpu::ShuffleMode::IDX)
                .getShuffleResult();
      }
    }
    for (int64_t s = 0; s < kPrefetch; ++s)
      h = runStep(times[s], inputs[s], h, /*ready=*/shareDt);
    scf::YieldOp::create(b, loc, h);
  }
  auto rest = scf::ForOp::create(b, loc, whole, L, one,
                                 ValueRange{loop.getResult(0)});
  {
    OpBuilder::InsertionGuard scope(b);
    b.setInsertionPointToStart(rest.getBody());
    Value t = rest.getInductionVar();
    scf::YieldOp::create(b, loc,
                         runStep(t, loadStep(t, /*withDt=*/true),
                                 rest.getRegionIterArgs()[0],
                                 /*ready=*/false));
  }
  if (hT) {
    auto write = scf::IfOp::create(b, loc, active, false);
    b.setInsertionPoint(write.thenBlock()->getTerminator());
    storeF32(rest.getResult(0), hT, {batch, d, n});
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
