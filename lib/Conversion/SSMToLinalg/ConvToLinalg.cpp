//===- ConvToLinalg.cpp - long_conv and short_conv to linalg --------------===//
//
// Direct convolution: the input is zero-padded in front (causal) or repeated
// (circular) so that every tap reads inside the tensor, then one generic
// reduces over the taps: y[b,t,d] = init + sum_s k[d,s] u_pad[b, t - s + off, d].
//
//===----------------------------------------------------------------------===//

#include "ssm/Conversion/LinalgEmitter.h"
#include "ssm/Dialect/SSM/IR/SSMOps.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"

using namespace mlir;
using namespace mlir::ssm;

/// sum over `taps` of kernel[d, s] * padded[b, t - s + offset, d], added to
/// `init` ([B, L, D]).
static Value directConv(LinalgEmitter &e, Value padded, Value kernel,
                        Value init, int64_t offset) {
  AffineExpr b = e.d(0), t = e.d(1), d = e.d(2), s = e.d(3);
  return e.generic(
      {kernel, padded}, init,
      {e.map(4, {d, s}), e.map(4, {b, t - s + offset, d}), e.map(4, {b, t, d})},
      {kPar, kPar, kPar, kRed}, multiplyAccumulate);
}

/// [B, L, D] initialised with bias[d] * u[b,t,d] (the skip term), or zeros.
static Value skipTerm(LinalgEmitter &e, Value u, Value bias) {
  auto type = cast<RankedTensorType>(u.getType());
  Value zeros = e.filled(e.sizes(u), type.getElementType(), 0.0);
  if (!bias)
    return zeros;
  AffineExpr b = e.d(0), t = e.d(1), d = e.d(2);
  return e.generic({bias, u}, zeros,
                   {e.map(3, {d}), e.map(3, {b, t, d}), e.map(3, {b, t, d})},
                   {kPar, kPar, kPar},
                   [](Scalar &sc, ValueRange a) { return sc.mul(a[0], a[1]); });
}

/// `u` with `front` zero rows before it along time.
static Value padFront(LinalgEmitter &e, Value u, int64_t front) {
  SmallVector<OpFoldResult> sizes = e.sizes(u);
  Value length = getValueOrCreateConstantIndexOp(e.b, e.b.getLoc(), sizes[1]);
  Value padded = arith::AddIOp::create(
      e.b, length, arith::ConstantIndexOp::create(e.b, front));
  return e.zeroPadded(u, {sizes[0], padded, sizes[2]},
                      {e.index(0), e.index(front), e.index(0)});
}

LogicalResult mlir::ssm::lowerConvolution(Operation *op,
                                          PatternRewriter &rewriter,
                                          bool tileFFTRows) {
  ImplicitLocOpBuilder b(op->getLoc(), rewriter);
  LinalgEmitter e(b);
  if (auto conv = dyn_cast<LongConvOp>(op)) {
    Value u = conv.getU();
    Value init = skipTerm(e, u, conv.getBias());
    Value y;
    if (longConvAlgorithm(conv) == "fft") {
      y = lowerLongConvByFFT(e, conv, init, tileFFTRows);
    } else if (conv.getMode() == ConvMode::circular) {
      // [u; u] along time: u[(t - s) mod L] = uu[t - s + L].
      int64_t L = cast<RankedTensorType>(u.getType()).getDimSize(1);
      SmallVector<OpFoldResult> sizes = e.sizes(u);
      Value twice = e.zeroPadded(u, {sizes[0], e.index(2 * L), sizes[2]},
                                 {e.index(0), e.index(0), e.index(0)});
      twice = e.insert(u, twice, {e.index(0), e.index(L), e.index(0)}, sizes);
      Value taps = e.slice(conv.getKernel(), {e.index(0), e.index(0)},
                           {e.size(conv.getKernel(), 0), e.index(L)});
      y = directConv(e, twice, taps, init, L);
    } else {
      int64_t Lk = cast<RankedTensorType>(conv.getKernel().getType())
                       .getDimSize(1);
      y = directConv(e, padFront(e, u, Lk - 1), conv.getKernel(), init, Lk - 1);
    }
    rewriter.replaceOp(op, y);
    return success();
  }

  auto conv = cast<ShortConvOp>(op);
  Value u = conv.getU();
  Type element = cast<RankedTensorType>(u.getType()).getElementType();
  int64_t W = cast<RankedTensorType>(conv.getWeight().getType()).getDimSize(1);
  AffineExpr bb = e.d(0), t = e.d(1), d = e.d(2);
  Value init = e.filled(e.sizes(u), element, 0.0);
  if (Value bias = conv.getBias())
    init = e.generic({bias}, init, {e.map(3, {d}), e.map(3, {bb, t, d})},
                     {kPar, kPar, kPar},
                     [](Scalar &, ValueRange a) { return a[0]; });
  Value y = directConv(e, padFront(e, u, W - 1), conv.getWeight(), init, W - 1);
  if (conv.getActivation() == Activation::silu) {
    AffineMap id = e.map(3, {bb, t, d});
    y = e.generic({y}, e.empty(e.sizes(u), element), {id, id},
                  {kPar, kPar, kPar},
                  [](Scalar &sc, ValueRange a) { return sc.silu(a[0]); });
  }
  rewriter.replaceOp(op, y);
  return success();
}
