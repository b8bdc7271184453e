//===- SSMToLinalg.cpp - The convert-ssm-to-linalg pass -------------------===//
//
// First checks that every ssm op is one this lowering handles (reporting the
// reason at the op when not), then rewrites them with the per-op lowerings
// of this directory under the dialect-conversion driver.
//
//===----------------------------------------------------------------------===//

#include "ssm/Conversion/LinalgEmitter.h"
#include "ssm/Analysis/CostModel.h"
#include "ssm/Conversion/Passes.h"
#include "ssm/Dialect/SSM/IR/SSMOps.h"
#include "ssm/Dialect/SSM/IR/SSMSchedule.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/ADT/TypeSwitch.h"

namespace mlir::ssm {
#define GEN_PASS_DEF_CONVERTSSMTOLINALG
#include "ssm/Conversion/Passes.h.inc"
} // namespace mlir::ssm

using namespace mlir;
using namespace mlir::ssm;

StringRef mlir::ssm::scheduledAlgorithm(Operation *op, StringRef fallback) {
  if (auto s = op->getAttrOfType<ScheduleAttr>(kScheduleAttrName))
    return s.getAlgorithm().getValue();
  return fallback;
}

StringRef mlir::ssm::longConvAlgorithm(LongConvOp conv) {
  if (conv->hasAttr(kScheduleAttrName))
    return scheduledAlgorithm(conv, "direct");
  // Without a schedule, ask the cost model for the host, when the shapes
  // it needs are known.
  if (!cast<RankedTensorType>(conv.getU().getType()).hasStaticShape() ||
      cast<RankedTensorType>(conv.getKernel().getType()).isDynamicDim(1))
    return "direct";
  FailureOr<ScheduleAttr> chosen = selectSchedule(conv, describeHostCPU());
  return succeeded(chosen) ? chosen->getAlgorithm().getValue() : "direct";
}

int64_t mlir::ssm::scheduleParam(Operation *op, StringRef name,
                                 int64_t fallback) {
  if (auto s = op->getAttrOfType<ScheduleAttr>(kScheduleAttrName))
    if (auto v = dyn_cast_or_null<IntegerAttr>(s.getParams().get(name)))
      if (v.getInt() > 0)
        return v.getInt();
  return fallback;
}

namespace {

bool isHalfPrecision(Type type) {
  Type element = cast<RankedTensorType>(type).getElementType();
  return element.isF16() || element.isBF16();
}

/// Rewrites an ssm op on f16/bf16 tensors into the same op on f32 between
/// conversions, so that it computes and accumulates in f32; returns the new
/// op.
Operation *promoteToF32(Operation *op) {
  OpBuilder builder(op);
  ImplicitLocOpBuilder b(op->getLoc(), builder);
  LinalgEmitter e(b);
  Type f32 = builder.getF32Type();
  IRMapping mapping;
  for (Value operand : op->getOperands())
    if (isHalfPrecision(operand.getType()))
      mapping.map(operand, e.converted(operand, f32));
  Operation *wide = builder.clone(*op, mapping);
  for (OpResult result : wide->getResults()) {
    auto type = cast<RankedTensorType>(result.getType());
    result.setType(type.clone(f32));
  }
  for (auto [narrow, widened] :
       llvm::zip(op->getResults(), wide->getResults())) {
    Type element = cast<RankedTensorType>(narrow.getType()).getElementType();
    narrow.replaceAllUsesWith(e.converted(widened, element));
  }
  op->erase();
  return wide;
}

/// Reports why `op` cannot be lowered, or succeeds.
LogicalResult checkLowerable(Operation *op) {
  for (Type type : llvm::concat<Type>(op->getOperandTypes(),
                                      op->getResultTypes())) {
    Type element = cast<RankedTensorType>(type).getElementType();
    if (auto complex = dyn_cast<ComplexType>(element))
      element = complex.getElementType();
    if (!element.isF32() && !element.isF64())
      return op->emitOpError("has element type ")
             << element << "; the linalg lowering handles f16, bf16 (in f32) "
             << "f32 and f64 only";
  }
  auto requireStatic = [&](Value v, ArrayRef<int64_t> dims,
                           StringRef what) -> LogicalResult {
    auto type = cast<RankedTensorType>(v.getType());
    for (int64_t d : dims)
      if (type.isDynamicDim(d))
        return op->emitOpError("needs a static ") << what << " to be lowered";
    return success();
  };
  auto requireAlgorithm = [&](ArrayRef<StringRef> supported) -> LogicalResult {
    auto s = op->getAttrOfType<ScheduleAttr>(kScheduleAttrName);
    if (!s || llvm::is_contained(supported, s.getAlgorithm().getValue()))
      return success();
    return op->emitOpError("schedule ")
           << s << " is not implemented by the linalg lowering yet (it "
           << "implements " << llvm::join(supported, ", ") << ")";
  };
  auto requireNonEmpty = [&](Value v, int64_t dim,
                             StringRef what) -> LogicalResult {
    if (cast<RankedTensorType>(v.getType()).getDimSize(dim) == 0)
      return op->emitOpError("has no ") << what << "; nothing to lower";
    return success();
  };
  return llvm::TypeSwitch<Operation *, LogicalResult>(op)
      .Case([&](AttentionOp a) {
        return success(succeeded(requireAlgorithm({"flash"})) &&
                       succeeded(requireStatic(a.getQ(), {1}, "head count")) &&
                       succeeded(requireStatic(a.getK(), {1},
                                               "key/value head count")) &&
                       succeeded(requireNonEmpty(a.getQ(), 1, "query heads")));
      })
      .Case([&](LinearAttentionOp a) {
        if (a.getCausal() && scheduledAlgorithm(a, "recurrent") == "chunked")
          return success(
              succeeded(requireStatic(a.getQ(), {0, 1, 2, 3},
                                      "shape for the chunked algorithm")) &&
              succeeded(requireStatic(a.getV(), {0, 1, 2, 3},
                                      "shape for the chunked algorithm")));
        return success(succeeded(requireAlgorithm({"recurrent", "chunked"})) &&
                       succeeded(requireStatic(a.getQ(), {3}, "head dim E")));
      })
      .Case([&](SelectiveScanOp s) {
        if (scheduledAlgorithm(s, "sequential") == "chunked")
          return success(
              succeeded(requireStatic(s.getX(), {0, 1, 2},
                                      "shape for the chunked algorithm")) &&
              succeeded(requireStatic(s.getBm(), {2, 3},
                                      "shape for the chunked algorithm")) &&
              succeeded(requireStatic(s.getA(), {1},
                                      "shape for the chunked algorithm")) &&
              succeeded(requireNonEmpty(s.getX(), 2, "channels")));
        return success(succeeded(requireAlgorithm({"sequential", "chunked"})) &&
                       succeeded(requireStatic(s.getX(), {2}, "channel count")) &&
                       succeeded(requireStatic(s.getBm(), {2}, "group count")) &&
                       succeeded(requireNonEmpty(s.getX(), 2, "channels")));
      })
      .Case([&](SSDOp s) {
        if (scheduledAlgorithm(s, "sequential") == "chunked")
          return success(
              succeeded(requireStatic(s.getX(), {0, 1, 2, 3},
                                      "shape for the chunked algorithm")) &&
              succeeded(requireStatic(s.getBm(), {2, 3},
                                      "shape for the chunked algorithm")) &&
              succeeded(requireNonEmpty(s.getX(), 2, "heads")));
        return success(succeeded(requireAlgorithm({"sequential", "chunked"})) &&
                       succeeded(requireStatic(s.getX(), {2}, "head count")) &&
                       succeeded(requireStatic(s.getBm(), {2}, "group count")) &&
                       succeeded(requireNonEmpty(s.getX(), 2, "heads")));
      })
      .Case([&](LongConvOp c) {
        if (failed(requireAlgorithm({"direct", "fft"})))
          return failure();
        if (longConvAlgorithm(c) == "fft")
          return success(succeeded(requireStatic(c.getU(), {0, 1, 2},
                                                 "shape for an FFT")) &&
                         succeeded(requireStatic(c.getKernel(), {1},
                                                 "filter length")));
        if (c.getMode() == ConvMode::circular)
          return requireStatic(c.getU(), {1}, "length for a circular convolution");
        return requireStatic(c.getKernel(), {1}, "filter length");
      })
      .Case([&](ShortConvOp c) {
        return success(succeeded(requireAlgorithm({"direct"})) &&
                       succeeded(requireStatic(c.getWeight(), {1},
                                               "filter width")));
      })
      .Case([&](MonarchOp m) {
        auto x = cast<RankedTensorType>(m.getX().getType());
        return success(succeeded(requireAlgorithm({"blocked"})) &&
                       succeeded(requireStatic(m.getX(), {x.getRank() - 1},
                                               "last dimension")) &&
                       succeeded(requireStatic(m.getR(), {0, 1, 2},
                                               "block shape")));
      })
      .Case([&](ButterflyOp bf) {
        auto x = cast<RankedTensorType>(bf.getX().getType());
        return success(succeeded(requireAlgorithm({"blocked"})) &&
                       succeeded(requireStatic(bf.getX(), {x.getRank() - 1},
                                               "last dimension")));
      })
      .Case([&](SSMKernelOp k) -> LogicalResult {
        if (failed(requireAlgorithm({"vandermonde"})))
          return failure();
        if (Value p = k.getLowRank())
          return success(
              succeeded(requireStatic(k.getA(), {1},
                                      "state size for the NPLR form")) &&
              succeeded(requireStatic(p, {1}, "rank for the NPLR form")));
        return success();
      })
      .Default([](Operation *) { return success(); });
}

/// Lowers each ssm op as the pass's options (its tiling switches) say.
struct LowerSSMOp : public RewritePattern {
  LowerSSMOp(MLIRContext *context, ConvertSSMToLinalgOptions options,
             DenseMap<Operation *, Type> narrowed)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, context),
        options(std::move(options)), narrowed(std::move(narrowed)) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    return llvm::TypeSwitch<Operation *, LogicalResult>(op)
        .Case<LongConvOp, ShortConvOp>([&](Operation *) {
          return lowerConvolution(op, rewriter, options.tileFFTRows);
        })
        .Case<MonarchOp, ButterflyOp>([&](Operation *) {
          return lowerStructuredMatrix(op, rewriter, options.tileMonarchRows,
                                       options.monarchContiguousReductions,
                                       productElement(op));
        })
        .Case<SSMKernelOp>([&](Operation *) {
          return lowerSSMKernel(op, rewriter, options.tileKernelChannels);
        })
        .Case<SelectiveScanOp, SSDOp>([&](Operation *) {
          return lowerScan(op, rewriter, options.tileScanChannels,
                           options.scanChannelBlock, options.tileHeads,
                           productElement(op));
        })
        .Case<AttentionOp>([&](Operation *) {
          return lowerAttention(op, rewriter, options.tileAttentionQueries,
                                productElement(op));
        })
        .Case<LinearAttentionOp>([&](Operation *) {
          return lowerLinearAttention(op, rewriter, options.tileHeads,
                                      productElement(op));
        })
        .Default([](Operation *) { return failure(); });
  }

  /// The element type that `op`'s products of intermediates read: its
  /// f16/bf16 type when it was promoted to f32 and round-product-operands
  /// is set, else its own (first result's) element type.
  Type productElement(Operation *op) const {
    if (Type narrow = narrowed.lookup(op))
      return narrow;
    return getElementTypeOrSelf(op->getResult(0).getType());
  }

  ConvertSSMToLinalgOptions options;
  /// The ops promoted to f32 whose products round their operands, and the
  /// element type they round to.
  DenseMap<Operation *, Type> narrowed;
};

struct ConvertSSMToLinalgPass
    : public mlir::ssm::impl::ConvertSSMToLinalgBase<ConvertSSMToLinalgPass> {
  using ConvertSSMToLinalgBase::ConvertSSMToLinalgBase;

  void runOnOperation() override {
    SmallVector<Operation *> halfPrecision;
    getOperation()->walk([&](Operation *op) {
      if (isa<SSMDialect>(op->getDialect()) &&
          llvm::any_of(op->getResultTypes(), isHalfPrecision))
        halfPrecision.push_back(op);
    });
    DenseMap<Operation *, Type> narrowed;
    for (Operation *op : halfPrecision) {
      Type element = getElementTypeOrSelf(op->getResult(0).getType());
      Operation *wide = promoteToF32(op);
      if (roundProductOperands)
        narrowed[wide] = element;
    }

    bool ok = true;
    getOperation()->walk([&](Operation *op) {
      if (isa<SSMDialect>(op->getDialect()) && failed(checkLowerable(op)))
        ok = false;
    });
    if (!ok)
      return signalPassFailure();

    ConversionTarget target(getContext());
    target.addIllegalDialect<SSMDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    RewritePatternSet patterns(&getContext());
    ConvertSSMToLinalgOptions options;
    options.tileScanChannels = tileScanChannels;
    options.scanChannelBlock = std::max<int64_t>(1, scanChannelBlock);
    options.tileHeads = tileHeads;
    options.tileAttentionQueries = tileAttentionQueries;
    options.tileKernelChannels = tileKernelChannels;
    options.tileFFTRows = tileFFTRows;
    options.tileMonarchRows = tileMonarchRows;
    options.monarchContiguousReductions = monarchContiguousReductions;
    options.roundProductOperands = roundProductOperands;
    patterns.add<LowerSSMOp>(&getContext(), std::move(options),
                             std::move(narrowed));
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
