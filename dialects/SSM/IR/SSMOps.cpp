//===- SSMOps.cpp - Verifiers and shape inference of the ssm ops ----------===//
//
// Every op checks its operands in one static `inferShapes` function. Operand
// dimensions are named by symbols (B, L, D, ...) and bound as they are read, so
// a mismatch is reported with both places that disagree. Dynamic dimensions
// bind to nothing and therefore agree with everything; the reference evaluator
// calls the same functions again with the concrete run-time shapes.
//
//===----------------------------------------------------------------------===//

#include "ssm/Dialect/SSM/IR/SSMOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace mlir::ssm;

namespace {

using EmitErrorFn = llvm::function_ref<InFlightDiagnostic()>;

/// Binds named dimension symbols to the static sizes found in operand types
/// and reports the first disagreement.
class ShapeBinder {
public:
  explicit ShapeBinder(EmitErrorFn emitError) : emitError(emitError) {}

  /// Checks that `type` (of the operand called `name`) is a ranked tensor of
  /// rank `symbols.size()` and binds each dimension to its symbol. A null
  /// `type` (an absent optional operand) is accepted.
  LogicalResult bind(StringRef name, Type type, ArrayRef<StringRef> symbols) {
    if (!type)
      return success();
    auto tensor = cast<RankedTensorType>(type);
    if (tensor.getRank() != static_cast<int64_t>(symbols.size())) {
      InFlightDiagnostic diag = emitError();
      diag << "'" << name << "' must have rank " << symbols.size() << " [";
      llvm::interleaveComma(symbols, diag);
      diag << "], got " << type;
      return failure();
    }
    for (auto [i, symbol] : llvm::enumerate(symbols))
      if (failed(bindDim(name, tensor, i, symbol)))
        return failure();
    return success();
  }

  /// Binds dimension `dim` of `tensor` to `symbol`.
  LogicalResult bindDim(StringRef name, RankedTensorType tensor, unsigned dim,
                        StringRef symbol) {
    int64_t size = tensor.getDimSize(dim);
    if (ShapedType::isDynamic(size))
      return success();
    auto [it, inserted] = bound.try_emplace(symbol, Binding{size, name, tensor});
    if (inserted || it->second.size == size)
      return success();
    emitError() << "'" << name << "' has " << symbol << " = " << size
                << " (dimension " << dim << " of " << tensor << ") but '"
                << it->second.operand << "' has " << symbol << " = "
                << it->second.size << " (" << it->second.type << ")";
    return failure();
  }

  /// The static size bound to `symbol`, or `ShapedType::kDynamic`.
  int64_t operator[](StringRef symbol) const {
    auto it = bound.find(symbol);
    return it == bound.end() ? ShapedType::kDynamic : it->second.size;
  }

  bool isStatic(StringRef symbol) const { return bound.count(symbol); }

private:
  struct Binding {
    int64_t size;
    StringRef operand;
    RankedTensorType type;
  };
  EmitErrorFn emitError;
  llvm::StringMap<Binding> bound;
};

/// Checks that all present operands share one element type and returns it.
FailureOr<Type>
checkSameElementType(EmitErrorFn emitError,
                     ArrayRef<std::pair<StringRef, Type>> operands) {
  Type element;
  StringRef firstName;
  for (auto [name, type] : operands) {
    if (!type)
      continue;
    Type current = cast<RankedTensorType>(type).getElementType();
    if (!element) {
      element = current;
      firstName = name;
      continue;
    }
    if (current != element) {
      emitError() << "element type mismatch: '" << name << "' has " << current
                  << " but '" << firstName << "' has " << element;
      return failure();
    }
  }
  return element;
}

/// Checks that `lhs % rhs == 0` for two bound symbols when both are static.
LogicalResult checkDivisible(EmitErrorFn emitError, const ShapeBinder &shapes,
                             StringRef lhs, StringRef rhs, StringRef what) {
  if (!shapes.isStatic(lhs) || !shapes.isStatic(rhs))
    return success();
  int64_t a = shapes[lhs], b = shapes[rhs];
  if (b == 0 || a % b != 0) {
    emitError() << what << ": " << lhs << " = " << a
                << " must be a multiple of " << rhs << " = " << b;
    return failure();
  }
  return success();
}

/// Checks that a bound symbol is at least `min` when static.
LogicalResult checkAtLeast(EmitErrorFn emitError, const ShapeBinder &shapes,
                           StringRef symbol, int64_t min) {
  if (!shapes.isStatic(symbol) || shapes[symbol] >= min)
    return success();
  emitError() << symbol << " = " << shapes[symbol] << " must be at least "
              << min;
  return failure();
}

RankedTensorType tensorOf(const ShapeBinder &shapes, ArrayRef<StringRef> dims,
                          Type element) {
  SmallVector<int64_t> sizes;
  for (StringRef dim : dims)
    sizes.push_back(shapes[dim]);
  return RankedTensorType::get(sizes, element);
}

/// Shared verifier: operands are checked by `inferShapes`, then every declared
/// result must be compatible with the inferred one.
template <typename OpTy>
LogicalResult verifySSMOp(OpTy op) {
  SmallVector<Type> inferred;
  typename OpTy::template GenericAdaptor<TypeRange> adaptor(
      op->getOperandTypes(), op);
  if (failed(OpTy::inferShapes(adaptor, [&] { return op.emitOpError(); },
                               inferred)))
    return failure();
  for (auto [i, result] : llvm::enumerate(op->getResultTypes())) {
    if (succeeded(verifyCompatibleShape(result, inferred[i])) &&
        getElementTypeOrSelf(result) == getElementTypeOrSelf(inferred[i]))
      continue;
    return op.emitOpError() << "result #" << i << " has type " << result
                            << " but the operands imply " << inferred[i];
  }
  return success();
}

/// Shared InferTypeOpInterface implementation.
template <typename OpTy>
LogicalResult inferSSMReturnTypes(std::optional<Location> location,
                                  ValueRange operands, DictionaryAttr attributes,
                                  OpaqueProperties properties,
                                  RegionRange regions,
                                  SmallVectorImpl<Type> &inferred) {
  typename OpTy::template GenericAdaptor<TypeRange> adaptor(
      operands.getTypes(), attributes, properties, regions);
  Location loc = location ? *location
                          : UnknownLoc::get(attributes
                                                ? attributes.getContext()
                                                : operands.front().getContext());
  SmallVector<Type> all;
  if (failed(OpTy::inferShapes(
          adaptor,
          [&] {
            return emitError(loc) << "'" << OpTy::getOperationName()
                                   << "' op ";
          },
          all)))
    return failure();
  inferred.push_back(all.front());
  return success();
}

/// Result types are compatible when shapes agree where both are static.
bool compatibleReturnTypes(TypeRange lhs, TypeRange rhs) {
  if (lhs.size() != rhs.size())
    return false;
  for (auto [l, r] : llvm::zip(lhs, rhs))
    if (failed(verifyCompatibleShape(l, r)) ||
        getElementTypeOrSelf(l) != getElementTypeOrSelf(r))
      return false;
  return true;
}

} // namespace

#define SSM_DEFINE_VERIFIER(OpTy)                                              \
  LogicalResult OpTy::verify() { return verifySSMOp(*this); }

#define SSM_DEFINE_INFERRED(OpTy)                                              \
  SSM_DEFINE_VERIFIER(OpTy)                                                    \
  LogicalResult OpTy::inferReturnTypes(                                        \
      MLIRContext *, std::optional<Location> location, ValueRange operands,    \
      DictionaryAttr attributes, OpaqueProperties properties,                  \
      RegionRange regions, SmallVectorImpl<Type> &inferred) {                  \
    return inferSSMReturnTypes<OpTy>(location, operands, attributes,           \
                                     properties, regions, inferred);           \
  }                                                                            \
  bool OpTy::isCompatibleReturnTypes(TypeRange lhs, TypeRange rhs) {           \
    return compatibleReturnTypes(lhs, rhs);                                    \
  }

//===----------------------------------------------------------------------===//
// AttentionOp
//===----------------------------------------------------------------------===//

LogicalResult
AttentionOp::inferShapes(GenericAdaptor<TypeRange> op, EmitErrorFn emitError,
                         SmallVectorImpl<Type> &resultTypes) {
  ShapeBinder shapes(emitError);
  if (failed(shapes.bind("q", op.getQ(), {"B", "H", "Lq", "E"})) ||
      failed(shapes.bind("k", op.getK(), {"B", "Hk", "Lk", "E"})) ||
      failed(shapes.bind("v", op.getV(), {"B", "Hk", "Lk", "Ev"})))
    return failure();
  FailureOr<Type> element = checkSameElementType(
      emitError, {{"q", op.getQ()}, {"k", op.getK()}, {"v", op.getV()}});
  if (failed(element) || failed(checkAtLeast(emitError, shapes, "E", 1)) ||
      failed(checkAtLeast(emitError, shapes, "Hk", 1)) ||
      failed(checkDivisible(emitError, shapes, "H", "Hk",
                            "query heads must be a multiple of key/value "
                            "heads")))
    return failure();
  if (std::optional<int64_t> window = op.getWindow(); window && *window < 1)
    return emitError() << "window must be at least 1, got " << *window;
  if (FloatAttr scale = op.getScaleAttr();
      scale && !std::isfinite(scale.getValueAsDouble()))
    return emitError() << "scale must be finite";
  resultTypes.push_back(tensorOf(shapes, {"B", "H", "Lq", "Ev"}, *element));
  return success();
}
SSM_DEFINE_INFERRED(AttentionOp)

//===----------------------------------------------------------------------===//
// LinearAttentionOp
//===----------------------------------------------------------------------===//

LogicalResult LinearAttentionOp::inferShapes(
    GenericAdaptor<TypeRange> op, EmitErrorFn emitError,
    SmallVectorImpl<Type> &resultTypes) {
  ShapeBinder shapes(emitError);
  if (failed(shapes.bind("q", op.getQ(), {"B", "H", "L", "E"})) ||
      failed(shapes.bind("k", op.getK(), {"B", "H", "L", "E"})) ||
      failed(shapes.bind("v", op.getV(), {"B", "H", "L", "Ev"})))
    return failure();
  FailureOr<Type> element = checkSameElementType(
      emitError, {{"q", op.getQ()}, {"k", op.getK()}, {"v", op.getV()}});
  if (failed(element))
    return failure();
  resultTypes.push_back(tensorOf(shapes, {"B", "H", "L", "Ev"}, *element));
  return success();
}
SSM_DEFINE_INFERRED(LinearAttentionOp)

//===----------------------------------------------------------------------===//
// SelectiveScanOp
//===----------------------------------------------------------------------===//

LogicalResult SelectiveScanOp::inferShapes(
    GenericAdaptor<TypeRange> op, EmitErrorFn emitError,
    SmallVectorImpl<Type> &resultTypes) {
  ShapeBinder shapes(emitError);
  if (failed(shapes.bind("x", op.getX(), {"B", "L", "D"})) ||
      failed(shapes.bind("delta", op.getDelta(), {"B", "L", "D"})) ||
      failed(shapes.bind("A", op.getA(), {"D", "N"})) ||
      failed(shapes.bind("Bm", op.getBm(), {"B", "L", "G", "N"})) ||
      failed(shapes.bind("Cm", op.getCm(), {"B", "L", "G", "N"})) ||
      failed(shapes.bind("skip", op.getSkip(), {"D"})) ||
      failed(shapes.bind("gate", op.getGate(), {"B", "L", "D"})) ||
      failed(shapes.bind("delta_bias", op.getDeltaBias(), {"D"})) ||
      failed(shapes.bind("init", op.getInit(), {"B", "D", "N"})))
    return failure();
  FailureOr<Type> element = checkSameElementType(
      emitError, {{"x", op.getX()},
                  {"delta", op.getDelta()},
                  {"A", op.getA()},
                  {"Bm", op.getBm()},
                  {"Cm", op.getCm()},
                  {"skip", op.getSkip()},
                  {"gate", op.getGate()},
                  {"delta_bias", op.getDeltaBias()},
                  {"init", op.getInit()}});
  if (failed(element) || failed(checkAtLeast(emitError, shapes, "G", 1)) ||
      failed(checkDivisible(emitError, shapes, "D", "G",
                            "channels must split evenly into groups")))
    return failure();
  resultTypes.push_back(tensorOf(shapes, {"B", "L", "D"}, *element));
  resultTypes.push_back(tensorOf(shapes, {"B", "D", "N"}, *element));
  return success();
}
SSM_DEFINE_VERIFIER(SelectiveScanOp)

//===----------------------------------------------------------------------===//
// SSDOp
//===----------------------------------------------------------------------===//

LogicalResult SSDOp::inferShapes(GenericAdaptor<TypeRange> op,
                                 EmitErrorFn emitError,
                                 SmallVectorImpl<Type> &resultTypes) {
  ShapeBinder shapes(emitError);
  if (failed(shapes.bind("x", op.getX(), {"B", "L", "H", "P"})) ||
      failed(shapes.bind("dt", op.getDt(), {"B", "L", "H"})) ||
      failed(shapes.bind("A", op.getA(), {"H"})) ||
      failed(shapes.bind("Bm", op.getBm(), {"B", "L", "G", "N"})) ||
      failed(shapes.bind("Cm", op.getCm(), {"B", "L", "G", "N"})) ||
      failed(shapes.bind("skip", op.getSkip(), {"H"})) ||
      failed(shapes.bind("init", op.getInit(), {"B", "H", "P", "N"})))
    return failure();
  FailureOr<Type> element = checkSameElementType(
      emitError, {{"x", op.getX()},
                  {"dt", op.getDt()},
                  {"A", op.getA()},
                  {"Bm", op.getBm()},
                  {"Cm", op.getCm()},
                  {"skip", op.getSkip()},
                  {"init", op.getInit()}});
  if (failed(element) || failed(checkAtLeast(emitError, shapes, "G", 1)) ||
      failed(checkDivisible(emitError, shapes, "H", "G",
                            "heads must split evenly into groups")))
    return failure();
  resultTypes.push_back(tensorOf(shapes, {"B", "L", "H", "P"}, *element));
  resultTypes.push_back(tensorOf(shapes, {"B", "H", "P", "N"}, *element));
  return success();
}
SSM_DEFINE_VERIFIER(SSDOp)

//===----------------------------------------------------------------------===//
// LongConvOp
//===----------------------------------------------------------------------===//

LogicalResult LongConvOp::inferShapes(GenericAdaptor<TypeRange> op,
                                      EmitErrorFn emitError,
                                      SmallVectorImpl<Type> &resultTypes) {
  ShapeBinder shapes(emitError);
  if (failed(shapes.bind("u", op.getU(), {"B", "L", "D"})) ||
      failed(shapes.bind("kernel", op.getKernel(), {"D", "Lk"})) ||
      failed(shapes.bind("bias", op.getBias(), {"D"})))
    return failure();
  FailureOr<Type> element = checkSameElementType(
      emitError,
      {{"u", op.getU()}, {"kernel", op.getKernel()}, {"bias", op.getBias()}});
  if (failed(element) || failed(checkAtLeast(emitError, shapes, "Lk", 1)))
    return failure();
  if (op.getMode() == ConvMode::circular && shapes.isStatic("L") &&
      shapes.isStatic("Lk") && shapes["L"] != shapes["Lk"])
    return emitError() << "circular convolution needs Lk == L, got Lk = "
                       << shapes["Lk"] << " and L = " << shapes["L"];
  resultTypes.push_back(tensorOf(shapes, {"B", "L", "D"}, *element));
  return success();
}
SSM_DEFINE_INFERRED(LongConvOp)

//===----------------------------------------------------------------------===//
// ShortConvOp
//===----------------------------------------------------------------------===//

/// The widest short convolution; wider filters belong to `ssm.long_conv`.
static constexpr int64_t kMaxShortConvWidth = 16;

LogicalResult ShortConvOp::inferShapes(GenericAdaptor<TypeRange> op,
                                       EmitErrorFn emitError,
                                       SmallVectorImpl<Type> &resultTypes) {
  ShapeBinder shapes(emitError);
  if (failed(shapes.bind("u", op.getU(), {"B", "L", "D"})) ||
      failed(shapes.bind("weight", op.getWeight(), {"D", "W"})) ||
      failed(shapes.bind("bias", op.getBias(), {"D"})))
    return failure();
  FailureOr<Type> element = checkSameElementType(
      emitError,
      {{"u", op.getU()}, {"weight", op.getWeight()}, {"bias", op.getBias()}});
  if (failed(element) || failed(checkAtLeast(emitError, shapes, "W", 1)))
    return failure();
  if (shapes.isStatic("W") && shapes["W"] > kMaxShortConvWidth)
    return emitError() << "filter width W = " << shapes["W"]
                       << " exceeds the maximum of " << kMaxShortConvWidth
                       << "; use ssm.long_conv";
  resultTypes.push_back(tensorOf(shapes, {"B", "L", "D"}, *element));
  return success();
}
SSM_DEFINE_INFERRED(ShortConvOp)

//===----------------------------------------------------------------------===//
// MonarchOp
//===----------------------------------------------------------------------===//

LogicalResult MonarchOp::inferShapes(GenericAdaptor<TypeRange> op,
                                     EmitErrorFn emitError,
                                     SmallVectorImpl<Type> &resultTypes) {
  ShapeBinder shapes(emitError);
  auto x = cast<RankedTensorType>(op.getX());
  if (x.getRank() < 1)
    return emitError() << "'x' must have rank at least 1 [..., n], got " << x;
  if (failed(shapes.bindDim("x", x, x.getRank() - 1, "n")) ||
      failed(shapes.bind("R", op.getR(), {"m", "k", "k"})) ||
      failed(shapes.bind("L", op.getL(), {"k", "m", "m"})))
    return failure();
  FailureOr<Type> element = checkSameElementType(
      emitError, {{"x", op.getX()}, {"R", op.getR()}, {"L", op.getL()}});
  if (failed(element))
    return failure();
  int64_t product;
  if (shapes.isStatic("n") && shapes.isStatic("m") && shapes.isStatic("k") &&
      (llvm::MulOverflow(shapes["m"], shapes["k"], product) ||
       shapes["n"] != product))
    return emitError() << "last dimension n = " << shapes["n"]
                       << " must equal m * k = " << shapes["m"] << " * "
                       << shapes["k"];
  resultTypes.push_back(x);
  return success();
}
SSM_DEFINE_INFERRED(MonarchOp)

//===----------------------------------------------------------------------===//
// ButterflyOp
//===----------------------------------------------------------------------===//

LogicalResult ButterflyOp::inferShapes(GenericAdaptor<TypeRange> op,
                                       EmitErrorFn emitError,
                                       SmallVectorImpl<Type> &resultTypes) {
  ShapeBinder shapes(emitError);
  auto x = cast<RankedTensorType>(op.getX());
  if (x.getRank() < 1)
    return emitError() << "'x' must have rank at least 1 [..., n], got " << x;
  auto twiddles = cast<RankedTensorType>(op.getTwiddles());
  if (twiddles.getRank() != 4)
    return emitError() << "'twiddles' must have rank 4 [log2(n), n/2, 2, 2], "
                          "got "
                       << twiddles;
  if (failed(shapes.bindDim("x", x, x.getRank() - 1, "n")) ||
      failed(shapes.bindDim("twiddles", twiddles, 0, "log2(n)")) ||
      failed(shapes.bindDim("twiddles", twiddles, 1, "n/2")))
    return failure();
  FailureOr<Type> element = checkSameElementType(
      emitError, {{"x", op.getX()}, {"twiddles", op.getTwiddles()}});
  if (failed(element))
    return failure();
  for (unsigned dim : {2u, 3u})
    if (!twiddles.isDynamicDim(dim) && twiddles.getDimSize(dim) != 2)
      return emitError() << "twiddles must be 2x2 matrices, got " << twiddles;
  if (shapes.isStatic("n")) {
    int64_t n = shapes["n"];
    if (n < 1 || !llvm::isPowerOf2_64(n))
      return emitError() << "butterfly needs a power-of-two last dimension, "
                            "got n = "
                         << n;
    int64_t logN = llvm::Log2_64(n);
    if (shapes.isStatic("log2(n)") && shapes["log2(n)"] != logN)
      return emitError() << "twiddles must have log2(n) = " << logN
                         << " factors, got " << shapes["log2(n)"];
    if (shapes.isStatic("n/2") && shapes["n/2"] != n / 2)
      return emitError() << "twiddles must have n/2 = " << n / 2
                         << " pairs per factor, got " << shapes["n/2"];
  } else if (shapes.isStatic("log2(n)") && shapes.isStatic("n/2")) {
    // With a dynamic n, the factor and pair counts must still fit one n.
    int64_t factors = shapes["log2(n)"], pairs = shapes["n/2"];
    int64_t expected =
        factors == 0 || factors >= 63 ? 0 : int64_t(1) << (factors - 1);
    if (factors >= 63 || pairs != expected)
      return emitError() << "twiddles " << twiddles
                         << " fit no n: log2(n) = " << factors
                         << " factors need n/2 = " << expected << " pairs";
  }
  resultTypes.push_back(x);
  return success();
}
SSM_DEFINE_INFERRED(ButterflyOp)

//===----------------------------------------------------------------------===//
// SSMKernelOp
//===----------------------------------------------------------------------===//

LogicalResult SSMKernelOp::inferShapes(GenericAdaptor<TypeRange> op,
                                       EmitErrorFn emitError,
                                       SmallVectorImpl<Type> &resultTypes) {
  ShapeBinder shapes(emitError);
  if (failed(shapes.bind("A", op.getA(), {"D", "N"})) ||
      failed(shapes.bind("Bm", op.getBm(), {"D", "N"})) ||
      failed(shapes.bind("Cm", op.getCm(), {"D", "N"})) ||
      failed(shapes.bind("log_dt", op.getLogDt(), {"D"})) ||
      failed(shapes.bind("low_rank", op.getLowRank(), {"D", "R", "N"})))
    return failure();
  FailureOr<Type> complex = checkSameElementType(
      emitError, {{"A", op.getA()},
                  {"Bm", op.getBm()},
                  {"Cm", op.getCm()},
                  {"low_rank", op.getLowRank()}});
  if (failed(complex))
    return failure();
  Type real = cast<ComplexType>(*complex).getElementType();
  Type logDtElement = cast<RankedTensorType>(op.getLogDt()).getElementType();
  if (logDtElement != real)
    return emitError() << "'log_dt' must have element type " << real
                       << " to match " << *complex << ", got " << logDtElement;
  int64_t length = op.getLength();
  if (length < 1)
    return emitError() << "length must be at least 1, got " << length;
  resultTypes.push_back(RankedTensorType::get({shapes["D"], length}, real));
  return success();
}
SSM_DEFINE_INFERRED(SSMKernelOp)

#define GET_OP_CLASSES
#include "ssm/Dialect/SSM/IR/SSMOps.cpp.inc"
