//===- Evaluator.cpp - The reference evaluator ----------------------------===//
//
// Functions are evaluated op by op on f64 tensors. `ssm` ops re-run their
// verifier on the run-time shapes, then call the formula in Kernels.cpp.
// Every linalg structured op (named or generic) is evaluated from its
// indexing maps and its scalar body, so matmul, batch_matmul, fill and
// elementwise generics share one literal definition.
//
//===----------------------------------------------------------------------===//

#include "ssm/Reference/Evaluator.h"
#include "ssm/Dialect/SSM/IR/SSMOps.h"
#include "ssm/Reference/Kernels.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>

using namespace mlir;
using namespace ::ssm::ref;

/// Deep enough for any model; shallow enough to fail cleanly on recursion.
static constexpr unsigned kMaxCallDepth = 64;

double ::ssm::ref::roundToType(double value, Type type) {
  auto floatType = dyn_cast<FloatType>(type);
  if (!floatType || floatType.isF64())
    return value;
  llvm::APFloat f(value);
  bool losesInfo;
  f.convert(floatType.getFloatSemantics(), llvm::APFloat::rmNearestTiesToEven,
            &losesInfo);
  return f.convertToDouble();
}

bool ::ssm::ref::fitsType(const Tensor &tensor, Type type) {
  auto shaped = dyn_cast<RankedTensorType>(type);
  ArrayRef<int64_t> expected = shaped ? shaped.getShape() : ArrayRef<int64_t>();
  if (static_cast<int64_t>(expected.size()) != tensor.rank())
    return false;
  for (auto [d, size] : llvm::enumerate(expected))
    if (!ShapedType::isDynamic(size) && size != tensor.dim(d))
      return false;
  return true;
}

static std::vector<int64_t> toVector(ArrayRef<int64_t> a) {
  return std::vector<int64_t>(a.begin(), a.end());
}

//===----------------------------------------------------------------------===//
// Scalar semantics of arith and math
//===----------------------------------------------------------------------===//

static bool evalCmpF(arith::CmpFPredicate p, double a, double b) {
  bool unordered = std::isnan(a) || std::isnan(b);
  using P = arith::CmpFPredicate;
  switch (p) {
  case P::AlwaysFalse:
    return false;
  case P::AlwaysTrue:
    return true;
  case P::OEQ:
    return !unordered && a == b;
  case P::OGT:
    return !unordered && a > b;
  case P::OGE:
    return !unordered && a >= b;
  case P::OLT:
    return !unordered && a < b;
  case P::OLE:
    return !unordered && a <= b;
  case P::ONE:
    return !unordered && a != b;
  case P::ORD:
    return !unordered;
  case P::UEQ:
    return unordered || a == b;
  case P::UGT:
    return unordered || a > b;
  case P::UGE:
    return unordered || a >= b;
  case P::ULT:
    return unordered || a < b;
  case P::ULE:
    return unordered || a <= b;
  case P::UNE:
    return unordered || a != b;
  case P::UNO:
    return unordered;
  }
  return false;
}

/// Bit width of an integer or index type (index is 64 bits).
static unsigned integerWidth(Type type) {
  return type.isIndex() ? 64 : type.getIntOrFloatBitWidth();
}

/// Wraps `v` to the two's-complement range of `type` (integers are held as
/// exact doubles; i1 is 0 or 1), and turns -0 into 0.
static double wrapInteger(double v, Type type) {
  unsigned width = integerWidth(type);
  if (width == 1)
    return double(static_cast<int64_t>(v) & 1);
  if (width < 64) {
    llvm::APInt bits(64, static_cast<uint64_t>(static_cast<int64_t>(v)));
    v = static_cast<double>(bits.trunc(width).getSExtValue());
  }
  return v + 0.0;
}

/// The unsigned reading of a signed value of `type`.
static double asUnsigned(double v, Type type) {
  unsigned width = integerWidth(type);
  if (v >= 0)
    return v;
  return width >= 64 ? v + 0x1p64 : v + std::ldexp(1.0, int(width));
}

/// The value of an integer attribute (i1 is 0 or 1, others signed).
static double integerValue(IntegerAttr attr) {
  const APInt &value = attr.getValue();
  return value.getBitWidth() == 1 ? double(value.getZExtValue())
                                  : double(value.getSExtValue());
}

static bool evalCmpI(arith::CmpIPredicate p, double a, double b, Type type) {
  using P = arith::CmpIPredicate;
  double ua = asUnsigned(a, type), ub = asUnsigned(b, type);
  switch (p) {
  case P::eq:
    return a == b;
  case P::ne:
    return a != b;
  case P::slt:
    return a < b;
  case P::sle:
    return a <= b;
  case P::sgt:
    return a > b;
  case P::sge:
    return a >= b;
  case P::ult:
    return ua < ub;
  case P::ule:
    return ua <= ub;
  case P::ugt:
    return ua > ub;
  case P::uge:
    return ua >= ub;
  }
  return false;
}

/// maximumf/minimumf: NaN propagates and -0 < +0.
static double maximumF(double a, double b) {
  if (std::isnan(a) || std::isnan(b))
    return NAN;
  if (a == b)
    return std::signbit(a) ? b : a;
  return std::max(a, b);
}

static double minimumF(double a, double b) {
  if (std::isnan(a) || std::isnan(b))
    return NAN;
  if (a == b)
    return std::signbit(a) ? a : b;
  return std::min(a, b);
}

/// Evaluates one scalar arith/math op (one that `isScalarOp` accepts);
/// failure means an integer division by zero.
static FailureOr<double> evalScalar(Operation *op, ArrayRef<double> x) {
  Type resultType = getElementTypeOrSelf(op->getResult(0).getType());
  Type operandType = getElementTypeOrSelf(op->getOperand(0).getType());
  auto r = [&](double v) { return roundToType(v, resultType); };
  std::optional<double> result =
      llvm::TypeSwitch<Operation *, std::optional<double>>(op)
          // Floating-point arithmetic.
          .Case([&](arith::AddFOp) { return x[0] + x[1]; })
          .Case([&](arith::SubFOp) { return x[0] - x[1]; })
          .Case([&](arith::MulFOp) { return x[0] * x[1]; })
          .Case([&](arith::DivFOp) { return x[0] / x[1]; })
          .Case([&](arith::RemFOp) { return std::fmod(x[0], x[1]); })
          .Case([&](arith::NegFOp) { return -x[0]; })
          .Case([&](arith::MaximumFOp) { return maximumF(x[0], x[1]); })
          .Case([&](arith::MinimumFOp) { return minimumF(x[0], x[1]); })
          .Case([&](arith::MaxNumFOp) { return std::fmax(x[0], x[1]); })
          .Case([&](arith::MinNumFOp) { return std::fmin(x[0], x[1]); })
          // Integer arithmetic on exactly held values.
          .Case([&](arith::AddIOp) { return x[0] + x[1]; })
          .Case([&](arith::SubIOp) { return x[0] - x[1]; })
          .Case([&](arith::MulIOp) { return x[0] * x[1]; })
          .Case([&](arith::DivSIOp) -> std::optional<double> {
            if (x[1] == 0)
              return std::nullopt;
            return std::trunc(x[0] / x[1]);
          })
          .Case([&](arith::RemSIOp) -> std::optional<double> {
            if (x[1] == 0)
              return std::nullopt;
            return std::fmod(x[0], x[1]);
          })
          .Case([&](arith::MaxSIOp) { return std::max(x[0], x[1]); })
          .Case([&](arith::MinSIOp) { return std::min(x[0], x[1]); })
          .Case([&](arith::CmpFOp cmp) {
            return double(evalCmpF(cmp.getPredicate(), x[0], x[1]));
          })
          .Case([&](arith::CmpIOp cmp) {
            return double(evalCmpI(cmp.getPredicate(), x[0], x[1], operandType));
          })
          .Case([&](arith::SelectOp) { return x[0] != 0 ? x[1] : x[2]; })
          // Conversions.
          .Case<arith::ExtFOp, arith::TruncFOp, arith::SIToFPOp>(
              [&](auto) { return r(x[0]); })
          .Case([&](arith::UIToFPOp) { return r(asUnsigned(x[0], operandType)); })
          .Case<arith::FPToSIOp, arith::FPToUIOp>(
              [&](auto) { return std::trunc(x[0]); })
          .Case<arith::IndexCastUIOp, arith::ExtUIOp>(
              [&](auto) { return asUnsigned(x[0], operandType); })
          .Case<arith::IndexCastOp, arith::ExtSIOp, arith::TruncIOp>(
              [&](auto) { return x[0]; })
          // math.
          .Case([&](math::ExpOp) { return std::exp(x[0]); })
          .Case([&](math::Exp2Op) { return std::exp2(x[0]); })
          .Case([&](math::ExpM1Op) { return std::expm1(x[0]); })
          .Case([&](math::LogOp) { return std::log(x[0]); })
          .Case([&](math::Log2Op) { return std::log2(x[0]); })
          .Case([&](math::Log1pOp) { return std::log1p(x[0]); })
          .Case([&](math::TanhOp) { return std::tanh(x[0]); })
          .Case([&](math::SqrtOp) { return std::sqrt(x[0]); })
          .Case([&](math::RsqrtOp) { return 1.0 / std::sqrt(x[0]); })
          .Case([&](math::AbsFOp) { return std::fabs(x[0]); })
          .Case([&](math::ErfOp) { return std::erf(x[0]); })
          .Case([&](math::SinOp) { return std::sin(x[0]); })
          .Case([&](math::CosOp) { return std::cos(x[0]); })
          .Case([&](math::FloorOp) { return std::floor(x[0]); })
          .Case([&](math::CeilOp) { return std::ceil(x[0]); })
          .Case([&](math::PowFOp) { return std::pow(x[0], x[1]); })
          .Case([&](math::FmaOp) { return x[0] * x[1] + x[2]; })
          .Default([](Operation *) { return std::nullopt; });
  if (!result)
    return failure();
  // Float results are exact in f64 (no rounding to the declared type except
  // for explicit conversions above); integers wrap to their width.
  if (resultType.isIntOrIndex())
    return wrapInteger(*result, resultType);
  return *result;
}

/// The element of `source` at `index` (a tensor.extract inside a linalg
/// body), with the bounds checked.
static FailureOr<double> gather(Operation *op, const Tensor &source,
                                ArrayRef<double> index) {
  std::vector<int64_t> idx;
  for (auto [d, v] : llvm::enumerate(index)) {
    auto i = static_cast<int64_t>(v);
    if (i < 0 || i >= source.dim(d))
      return op->emitOpError("index ")
             << i << " is out of bounds for dimension " << d
             << " of a tensor of shape " << source.shapeString();
    idx.push_back(i);
  }
  return source[source.offset(idx)];
}

/// True for the ops `evalScalar` handles.
static bool isScalarOp(Operation *op) {
  return isa<arith::AddFOp, arith::SubFOp, arith::MulFOp, arith::DivFOp,
             arith::RemFOp, arith::NegFOp, arith::MaximumFOp,
             arith::MinimumFOp, arith::MaxNumFOp, arith::MinNumFOp,
             arith::AddIOp, arith::SubIOp, arith::MulIOp, arith::DivSIOp,
             arith::RemSIOp, arith::MaxSIOp, arith::MinSIOp, arith::CmpFOp,
             arith::CmpIOp, arith::SelectOp, arith::ExtFOp, arith::TruncFOp,
             arith::SIToFPOp, arith::UIToFPOp, arith::FPToSIOp,
             arith::FPToUIOp, arith::IndexCastOp, arith::IndexCastUIOp,
             arith::ExtSIOp, arith::ExtUIOp, arith::TruncIOp, math::ExpOp,
             math::Exp2Op, math::ExpM1Op, math::LogOp, math::Log2Op,
             math::Log1pOp, math::TanhOp, math::SqrtOp, math::RsqrtOp,
             math::AbsFOp, math::ErfOp, math::SinOp, math::CosOp,
             math::FloorOp, math::CeilOp, math::PowFOp, math::FmaOp>(op);
}

//===----------------------------------------------------------------------===//
// Function evaluation
//===----------------------------------------------------------------------===//

namespace {

class FunctionRunner {
public:
  FunctionRunner(Evaluator &evaluator, ModuleOp module, unsigned depth)
      : evaluator(evaluator), module(module), depth(depth) {}

  FailureOr<std::vector<Tensor>> run(func::FuncOp func, ArrayRef<Tensor> args);

private:
  LogicalResult runOp(Operation *op);
  /// Checks run-time result shapes against the static sizes of their types.
  LogicalResult checkResultShapes(Operation *op) const;
  LogicalResult runConstant(arith::ConstantOp op);
  LogicalResult runElementwise(Operation *op);
  LogicalResult runLinalg(linalg::LinalgOp op);
  LogicalResult runSSM(Operation *op);
  LogicalResult runTensorOp(Operation *op);
  LogicalResult runCall(func::CallOp op);

  const Tensor &get(Value v) const { return values.find(v)->second; }
  void set(Value v, Tensor t) { values[v] = std::move(t); }
  /// Concrete sizes of the mixed static/dynamic list `sizes`.
  SmallVector<int64_t> resolve(ArrayRef<OpFoldResult> sizes) const;

  Evaluator &evaluator;
  ModuleOp module;
  unsigned depth;
  DenseMap<Value, Tensor> values;
};

} // namespace

FailureOr<std::vector<Tensor>> FunctionRunner::run(func::FuncOp func,
                                                   ArrayRef<Tensor> args) {
  if (func.isExternal())
    return func.emitError("cannot evaluate external function @")
           << func.getSymName();
  if (!func.getBody().hasOneBlock())
    return func.emitError("the reference evaluator needs single-block "
                          "functions; @")
           << func.getSymName() << " has "
           << func.getBody().getBlocks().size() << " blocks";
  Block &entry = func.getBody().front();
  if (args.size() != entry.getNumArguments())
    return func.emitError("@")
           << func.getSymName() << " takes " << entry.getNumArguments()
           << " arguments, got " << args.size();
  for (auto [i, arg] : llvm::enumerate(entry.getArguments())) {
    Type type = arg.getType();
    if (!isa<RankedTensorType>(type) && !type.isIntOrIndexOrFloat())
      return func.emitError("argument #") << i << " has unsupported type "
                                          << type;
    if (!fitsType(args[i], type))
      return func.emitError("argument #")
             << i << " of @" << func.getSymName() << " has type " << type
             << " but the input has shape " << args[i].shapeString();
    set(arg, args[i]);
  }
  for (Operation &op : entry) {
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      std::vector<Tensor> results;
      for (Value v : ret.getOperands())
        results.push_back(get(v));
      return results;
    }
    if (failed(runOp(&op)) || failed(checkResultShapes(&op)))
      return failure();
  }
  return func.emitError("function body has no func.return");
}

LogicalResult FunctionRunner::checkResultShapes(Operation *op) const {
  for (OpResult result : op->getResults()) {
    auto type = dyn_cast<RankedTensorType>(result.getType());
    if (!type)
      continue;
    const Tensor &t = get(result);
    if (!fitsType(t, type))
      return op->emitOpError("result #")
             << result.getResultNumber() << " has type " << type
             << " but its run-time shape is " << t.shapeString();
  }
  return success();
}

LogicalResult FunctionRunner::runOp(Operation *op) {
  if (isa<mlir::ssm::SSMDialect>(op->getDialect()))
    return runSSM(op);
  if (auto constant = dyn_cast<arith::ConstantOp>(op))
    return runConstant(constant);
  if (isScalarOp(op))
    return runElementwise(op);
  if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op))
    return runLinalg(linalgOp);
  if (isa<tensor::TensorDialect>(op->getDialect()))
    return runTensorOp(op);
  if (auto call = dyn_cast<func::CallOp>(op))
    return runCall(call);
  return op->emitOpError("is not supported by the reference evaluator");
}

LogicalResult FunctionRunner::runConstant(arith::ConstantOp op) {
  Attribute value = op.getValue();
  if (auto f = dyn_cast<FloatAttr>(value)) {
    set(op, Tensor::scalar(f.getValueAsDouble()));
    return success();
  }
  if (auto i = dyn_cast<IntegerAttr>(value)) {
    set(op, Tensor::scalar(integerValue(i)));
    return success();
  }
  auto dense = dyn_cast<DenseElementsAttr>(value);
  if (!dense)
    return op.emitOpError("value kind is not supported by the reference "
                          "evaluator");
  auto type = cast<ShapedType>(dense.getType());
  Type element = type.getElementType();
  Tensor t(toVector(type.getShape()), isa<ComplexType>(element));
  int64_t i = 0;
  if (isa<FloatType>(element)) {
    for (const APFloat &v : dense.getValues<APFloat>())
      t[i++] = v.convertToDouble();
  } else if (element.isIntOrIndex()) {
    for (const APInt &v : dense.getValues<APInt>())
      t[i++] = element.isInteger(1) ? double(v.getZExtValue())
                                    : double(v.getSExtValue());
  } else if (auto complex = dyn_cast<ComplexType>(element);
             complex && isa<FloatType>(complex.getElementType())) {
    for (const std::complex<APFloat> &v :
         dense.getValues<std::complex<APFloat>>())
      t.setComplex(i++, {v.real().convertToDouble(), v.imag().convertToDouble()});
  } else {
    return op.emitOpError("element type ")
           << element << " is not supported by the reference evaluator";
  }
  set(op, std::move(t));
  return success();
}

LogicalResult FunctionRunner::runElementwise(Operation *op) {
  // arith/math on scalars, or elementwise on same-shaped tensors.
  SmallVector<const Tensor *> operands;
  for (Value v : op->getOperands()) {
    operands.push_back(&get(v));
    if (operands.back()->isComplex())
      return op->emitOpError("on complex values is not supported by the "
                             "reference evaluator");
  }
  if (operands.empty())
    return op->emitOpError("without operands is not supported by the "
                           "reference evaluator");
  // Scalars (rank 0) broadcast; every other operand has the result's shape.
  const Tensor &first = **llvm::max_element(
      operands, [](const Tensor *a, const Tensor *b) {
        return a->rank() < b->rank();
      });
  for (const Tensor *t : operands)
    if (t->shape() != first.shape() && t->rank() != 0)
      return op->emitOpError("operands have run-time shapes ")
             << first.shapeString() << " and " << t->shapeString();
  Tensor result(first.shape());
  SmallVector<double> x(operands.size());
  for (int64_t i = 0; i < result.numElements(); ++i) {
    for (auto [j, t] : llvm::enumerate(operands))
      x[j] = t->rank() == 0 ? (*t)[0] : (*t)[i];
    FailureOr<double> v = evalScalar(op, x);
    if (failed(v))
      return op->emitOpError("divides an integer by zero");
    result[i] = *v;
  }
  set(op->getResult(0), std::move(result));
  return success();
}

//===----------------------------------------------------------------------===//
// linalg
//===----------------------------------------------------------------------===//

namespace {
/// The scalar body of a linalg op, with every value numbered so that one
/// iteration point is evaluated without map lookups.
struct ScalarBody {
  struct Step {
    Operation *op;
    SmallVector<unsigned> operands;
    unsigned result;
    /// For a tensor.extract (a gather): the tensor captured from the
    /// enclosing function; the operands are then the indices.
    const Tensor *source = nullptr;
  };
  SmallVector<double> slots;
  SmallVector<Step> steps;
  SmallVector<unsigned> yielded;
  /// (slot, loop dim) pairs filled by linalg.index.
  SmallVector<std::pair<unsigned, unsigned>> indices;
};
} // namespace

LogicalResult FunctionRunner::runLinalg(linalg::LinalgOp op) {
  if (!op.hasPureTensorSemantics())
    return op->emitOpError("on memrefs is not supported by the reference "
                           "evaluator");
  for (OpOperand &operand : op->getOpOperands())
    if (get(operand.get()).isComplex())
      return op->emitOpError("on complex tensors is not supported by the "
                             "reference evaluator");
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  unsigned numLoops = op.getNumLoops();
  SmallVector<OpOperand *> operands;
  for (OpOperand &operand : op->getOpOperands())
    operands.push_back(&operand);

  // Loop bounds come from the operand dimensions each loop indexes directly.
  SmallVector<int64_t> bounds(numLoops, -1);
  for (auto [operand, map] : llvm::zip(operands, maps)) {
    const Tensor &t = get(operand->get());
    for (auto [i, expr] : llvm::enumerate(map.getResults()))
      if (auto dim = dyn_cast<AffineDimExpr>(expr)) {
        int64_t size = t.rank() == 0 ? 1 : t.dim(i);
        if (bounds[dim.getPosition()] >= 0 && bounds[dim.getPosition()] != size)
          return op->emitOpError("loop ")
                 << dim.getPosition() << " has run-time extents "
                 << bounds[dim.getPosition()] << " and " << size;
        bounds[dim.getPosition()] = size;
      }
  }
  if (llvm::is_contained(bounds, -1))
    return op->emitOpError("has a loop that no operand dimension bounds; not "
                           "supported by the reference evaluator");

  // Number the body's values.
  ScalarBody body;
  Block *block = op.getBlock();
  DenseMap<Value, unsigned> slotOf;
  auto newSlot = [&](Value v) {
    slotOf[v] = body.slots.size();
    body.slots.push_back(0);
    return body.slots.size() - 1;
  };
  for (BlockArgument arg : block->getArguments())
    newSlot(arg);
  for (Operation &inner : *block) {
    if (auto yield = dyn_cast<linalg::YieldOp>(inner)) {
      for (Value v : yield.getOperands()) {
        if (!slotOf.count(v))
          return yield.emitOpError("yields a value from outside the body; "
                                   "not supported by the reference evaluator");
        body.yielded.push_back(slotOf[v]);
      }
      continue;
    }
    if (auto index = dyn_cast<linalg::IndexOp>(inner)) {
      body.indices.push_back({newSlot(index), unsigned(index.getDim())});
      continue;
    }
    if (auto constant = dyn_cast<arith::ConstantOp>(inner)) {
      auto attr = dyn_cast<TypedAttr>(constant.getValue());
      unsigned slot = newSlot(constant);
      if (auto f = dyn_cast_or_null<FloatAttr>(attr))
        body.slots[slot] = f.getValueAsDouble();
      else if (auto i = dyn_cast_or_null<IntegerAttr>(attr))
        body.slots[slot] = integerValue(i);
      else
        return constant.emitOpError("kind is not supported in a linalg body");
      continue;
    }
    ScalarBody::Step step{&inner, {}, 0};
    ValueRange scalarOperands = inner.getOperands();
    if (auto extract = dyn_cast<tensor::ExtractOp>(inner)) {
      auto it = values.find(extract.getTensor());
      if (it == values.end())
        return inner.emitOpError("extracts from a tensor computed inside the "
                                 "linalg body; not supported by the "
                                 "reference evaluator");
      step.source = &it->second;
      scalarOperands = extract.getIndices();
    } else if (!isScalarOp(&inner)) {
      return inner.emitOpError("is not supported in a linalg body by the "
                               "reference evaluator");
    }
    for (Value v : scalarOperands) {
      if (!slotOf.count(v)) {
        // A scalar captured from the enclosing function.
        auto it = values.find(v);
        if (it == values.end() || it->second.rank() != 0)
          return inner.emitOpError("uses a non-scalar value from outside the "
                                   "linalg body");
        body.slots[newSlot(v)] = it->second[0];
      }
      step.operands.push_back(slotOf[v]);
    }
    step.result = newSlot(inner.getResult(0));
    body.steps.push_back(std::move(step));
  }

  // Outputs start as the init tensors.
  SmallVector<Tensor> outputs;
  for (OpOperand &init : op.getDpsInitsMutable())
    outputs.push_back(get(init.get()));
  unsigned numInputs = op.getNumDpsInputs();

  SmallVector<int64_t> point(numLoops, 0);
  SmallVector<int64_t> offsets(operands.size());
  SmallVector<double> x;
  bool empty = llvm::is_contained(bounds, 0);
  while (!empty) {
    for (auto [k, operand] : llvm::enumerate(operands)) {
      const Tensor &t = k < numInputs ? get(operand->get())
                                      : outputs[k - numInputs];
      SmallVector<int64_t> idx = maps[k].compose(point);
      for (auto [d, i] : llvm::enumerate(idx))
        if (t.rank() > 0 && (i < 0 || i >= t.dim(d)))
          return op->emitOpError("operand #")
                 << k << " is indexed at " << i << " in dimension " << d
                 << ", outside its run-time size " << t.dim(d);
      offsets[k] = t.rank() == 0 ? 0 : t.offset(toVector(idx));
      body.slots[k] = t[offsets[k]];
    }
    for (auto [slot, dim] : body.indices)
      body.slots[slot] = point[dim];
    for (ScalarBody::Step &step : body.steps) {
      x.clear();
      for (unsigned s : step.operands)
        x.push_back(body.slots[s]);
      if (step.source) {
        FailureOr<double> v = gather(step.op, *step.source, x);
        if (failed(v))
          return failure();
        body.slots[step.result] = *v;
        continue;
      }
      FailureOr<double> v = evalScalar(step.op, x);
      if (failed(v)) {
        // Bodies of named linalg ops have no locations of their own.
        if (isa<UnknownLoc>(step.op->getLoc()))
          return op->emitOpError("body: '")
                 << step.op->getName() << "' divides an integer by zero";
        return step.op->emitOpError("divides an integer by zero");
      }
      body.slots[step.result] = *v;
    }
    for (auto [k, slot] : llvm::enumerate(body.yielded))
      outputs[k][offsets[numInputs + k]] = body.slots[slot];
    // Next point, last loop fastest.
    int64_t d = numLoops - 1;
    for (; d >= 0; --d) {
      if (++point[d] < bounds[d])
        break;
      point[d] = 0;
    }
    if (d < 0)
      break;
  }
  for (auto [result, output] : llvm::zip(op->getResults(), outputs))
    set(result, std::move(output));
  return success();
}

//===----------------------------------------------------------------------===//
// tensor
//===----------------------------------------------------------------------===//

SmallVector<int64_t>
FunctionRunner::resolve(ArrayRef<OpFoldResult> sizes) const {
  SmallVector<int64_t> result;
  for (OpFoldResult size : sizes) {
    if (auto attr = dyn_cast<Attribute>(size))
      result.push_back(cast<IntegerAttr>(attr).getInt());
    else
      result.push_back(static_cast<int64_t>(get(cast<Value>(size))[0]));
  }
  return result;
}

/// Calls `fn(sliceIndex, fullIndex)` for every element of the strided slice
/// `offsets/sizes/strides` of `full`, slice elements in row-major order.
static void forEachInSlice(const Tensor &full, ArrayRef<int64_t> offsets,
                           ArrayRef<int64_t> sizes, ArrayRef<int64_t> strides,
                           llvm::function_ref<void(int64_t, int64_t)> fn) {
  int64_t count = 1;
  for (int64_t s : sizes)
    count *= s;
  std::vector<int64_t> idx(sizes.size(), 0), fullIdx(sizes.size());
  for (int64_t flat = 0; flat < count; ++flat) {
    for (size_t d = 0; d < sizes.size(); ++d)
      fullIdx[d] = offsets[d] + idx[d] * strides[d];
    fn(flat, full.offset(fullIdx));
    for (int64_t d = int64_t(sizes.size()) - 1; d >= 0; --d) {
      if (++idx[d] < sizes[d])
        break;
      idx[d] = 0;
    }
  }
}

/// Checks that a slice lies inside a tensor of shape `shape`.
static LogicalResult checkSliceBounds(Operation *op, const Tensor &full,
                                      ArrayRef<int64_t> offsets,
                                      ArrayRef<int64_t> sizes,
                                      ArrayRef<int64_t> strides) {
  for (size_t d = 0; d < sizes.size(); ++d) {
    int64_t last = offsets[d] + (sizes[d] - 1) * strides[d];
    if (offsets[d] < 0 || sizes[d] < 0 ||
        (sizes[d] > 0 && (last < 0 || last >= full.dim(d))))
      return op->emitOpError("slice is out of bounds at run time in "
                             "dimension ")
             << d << " of a tensor of shape " << full.shapeString();
  }
  return success();
}

LogicalResult FunctionRunner::runTensorOp(Operation *op) {
  return llvm::TypeSwitch<Operation *, LogicalResult>(op)
      .Case([&](tensor::EmptyOp empty) -> LogicalResult {
        std::vector<int64_t> shape = toVector(resolve(empty.getMixedSizes()));
        if (!checkedElementCount(shape))
          return op->emitOpError("has a negative or too large run-time "
                                 "shape");
        set(empty, Tensor(shape,
                          isa<ComplexType>(empty.getType().getElementType())));
        return success();
      })
      .Case([&](tensor::ExtractSliceOp slice) -> LogicalResult {
        const Tensor &source = get(slice.getSource());
        SmallVector<int64_t> offsets = resolve(slice.getMixedOffsets()),
                             sizes = resolve(slice.getMixedSizes()),
                             strides = resolve(slice.getMixedStrides());
        if (failed(checkSliceBounds(op, source, offsets, sizes, strides)))
          return failure();
        // Rank reduction drops unit dimensions, which keeps the element order.
        std::vector<int64_t> resultShape;
        llvm::SmallBitVector dropped = slice.getDroppedDims();
        for (auto [d, size] : llvm::enumerate(sizes))
          if (!dropped.test(d))
            resultShape.push_back(size);
        Tensor result(resultShape, source.isComplex());
        forEachInSlice(source, offsets, sizes, strides,
                       [&](int64_t i, int64_t j) {
                         if (source.isComplex())
                           result.setComplex(i, source.complexAt(j));
                         else
                           result[i] = source[j];
                       });
        set(slice, std::move(result));
        return success();
      })
      .Case([&](tensor::InsertSliceOp insert) -> LogicalResult {
        const Tensor &source = get(insert.getSource());
        Tensor dest = get(insert.getDest());
        SmallVector<int64_t> offsets = resolve(insert.getMixedOffsets()),
                             sizes = resolve(insert.getMixedSizes()),
                             strides = resolve(insert.getMixedStrides());
        if (failed(checkSliceBounds(op, dest, offsets, sizes, strides)))
          return failure();
        int64_t count = 1;
        for (int64_t s : sizes)
          count *= s;
        if (count != source.numElements())
          return op->emitOpError("inserts ")
                 << source.shapeString() << " into a slice of " << count
                 << " elements";
        forEachInSlice(dest, offsets, sizes, strides,
                       [&](int64_t i, int64_t j) {
                         if (dest.isComplex())
                           dest.setComplex(j, source.complexAt(i));
                         else
                           dest[j] = source[i];
                       });
        set(insert, std::move(dest));
        return success();
      })
      .Case([&](tensor::CollapseShapeOp collapse) {
        const Tensor &source = get(collapse.getSrc());
        std::vector<int64_t> shape;
        for (const ReassociationIndices &group :
             collapse.getReassociationIndices()) {
          int64_t size = 1;
          for (int64_t d : group)
            size *= source.dim(d);
          shape.push_back(size);
        }
        set(collapse, source.reshaped(shape));
        return success();
      })
      .Case([&](tensor::ExpandShapeOp expand) -> LogicalResult {
        const Tensor &source = get(expand.getSrc());
        SmallVector<int64_t> shape = resolve(expand.getMixedOutputShape());
        std::optional<int64_t> count = checkedElementCount(toVector(shape));
        if (!count)
          return op->emitOpError("has a negative or too large output shape");
        if (*count != source.numElements())
          return op->emitOpError("expands ")
                 << source.shapeString() << " into a shape of " << *count
                 << " elements";
        set(expand, source.reshaped(toVector(shape)));
        return success();
      })
      .Case([&](tensor::CastOp cast) {
        set(cast, get(cast.getSource()));
        return success();
      })
      .Case([&](tensor::DimOp dim) -> LogicalResult {
        const Tensor &source = get(dim.getSource());
        int64_t index = static_cast<int64_t>(get(dim.getIndex())[0]);
        if (index < 0 || index >= source.rank())
          return op->emitOpError("dimension ")
                 << index << " is out of range for rank " << source.rank();
        set(dim, Tensor::scalar(double(source.dim(index))));
        return success();
      })
      .Case([&](tensor::ExtractOp extract) -> LogicalResult {
        SmallVector<double> index;
        for (Value v : extract.getIndices())
          index.push_back(get(v)[0]);
        FailureOr<double> value = gather(op, get(extract.getTensor()), index);
        if (failed(value))
          return failure();
        set(extract, Tensor::scalar(*value));
        return success();
      })
      .Default([&](Operation *) {
        return op->emitOpError("is not supported by the reference evaluator");
      });
}

//===----------------------------------------------------------------------===//
// func.call
//===----------------------------------------------------------------------===//

LogicalResult FunctionRunner::runCall(func::CallOp call) {
  auto callee = module.lookupSymbol<func::FuncOp>(call.getCallee());
  if (!callee)
    return call.emitOpError("calls unknown function @") << call.getCallee();
  if (depth + 1 > kMaxCallDepth)
    return call.emitOpError("exceeds the reference evaluator's call depth of ")
           << kMaxCallDepth;
  std::vector<Tensor> args;
  for (Value v : call.getOperands())
    args.push_back(get(v));
  FunctionRunner inner(evaluator, module, depth + 1);
  FailureOr<std::vector<Tensor>> results = inner.run(callee, args);
  if (failed(results)) {
    call.emitRemark("in a call from here");
    return failure();
  }
  for (auto [v, t] : llvm::zip(call.getResults(), *results))
    set(v, std::move(t));
  return success();
}

//===----------------------------------------------------------------------===//
// ssm ops
//===----------------------------------------------------------------------===//

/// Re-checks an ssm op's operand shapes with its verifier, on the run-time
/// shapes of its operands.
template <typename OpTy>
static LogicalResult checkRunTimeShapes(OpTy op,
                                        const DenseMap<Value, Tensor> &values) {
  SmallVector<Type> types;
  for (Value v : op->getOperands()) {
    Type element = cast<RankedTensorType>(v.getType()).getElementType();
    types.push_back(RankedTensorType::get(values.find(v)->second.shape(),
                                          element));
  }
  typename OpTy::template GenericAdaptor<TypeRange> adaptor(types, op);
  SmallVector<Type> resultTypes;
  if (failed(OpTy::inferShapes(
          adaptor,
          [&] { return op.emitOpError() << "with run-time operand shapes: "; },
          resultTypes)))
    return failure();
  for (Type type : resultTypes) {
    ArrayRef<int64_t> shape = cast<RankedTensorType>(type).getShape();
    if (!checkedElementCount(std::vector<int64_t>(shape.begin(), shape.end())))
      return op.emitOpError("result ")
             << type << " is too large for the reference evaluator";
  }
  return success();
}

LogicalResult FunctionRunner::runSSM(Operation *op) {
  auto getOpt = [&](Value v) -> const Tensor * {
    return v ? &get(v) : nullptr;
  };
  return llvm::TypeSwitch<Operation *, LogicalResult>(op)
      .Case([&](mlir::ssm::AttentionOp a) -> LogicalResult {
        if (failed(checkRunTimeShapes(a, values)))
          return failure();
        AttentionOptions options;
        options.causal = a.getCausal();
        if (FloatAttr scale = a.getScaleAttr())
          options.scale = scale.getValueAsDouble();
        options.window = a.getWindow();
        set(a, attention(get(a.getQ()), get(a.getK()), get(a.getV()), options));
        return success();
      })
      .Case([&](mlir::ssm::LinearAttentionOp a) -> LogicalResult {
        if (failed(checkRunTimeShapes(a, values)))
          return failure();
        LinearAttentionOptions options;
        options.causal = a.getCausal();
        options.normalize = a.getNormalize();
        switch (a.getFeatureMap()) {
        case mlir::ssm::FeatureMap::identity:
          options.featureMap = FeatureMap::Identity;
          break;
        case mlir::ssm::FeatureMap::elu1:
          options.featureMap = FeatureMap::Elu1;
          break;
        case mlir::ssm::FeatureMap::relu:
          options.featureMap = FeatureMap::Relu;
          break;
        case mlir::ssm::FeatureMap::taylor2:
          options.featureMap = FeatureMap::Taylor2;
          break;
        }
        set(a, linearAttention(get(a.getQ()), get(a.getK()), get(a.getV()),
                               options));
        return success();
      })
      .Case([&](mlir::ssm::SelectiveScanOp s) -> LogicalResult {
        if (failed(checkRunTimeShapes(s, values)))
          return failure();
        SelectiveScanInputs in;
        in.x = &get(s.getX());
        in.delta = &get(s.getDelta());
        in.A = &get(s.getA());
        in.Bm = &get(s.getBm());
        in.Cm = &get(s.getCm());
        in.skip = getOpt(s.getSkip());
        in.gate = getOpt(s.getGate());
        in.deltaBias = getOpt(s.getDeltaBias());
        in.init = getOpt(s.getInit());
        in.deltaSoftplus = s.getDeltaSoftplus();
        auto [y, hT] = selectiveScan(in);
        set(s.getY(), std::move(y));
        if (Value state = s.getFinalState())
          set(state, std::move(hT));
        return success();
      })
      .Case([&](mlir::ssm::SSDOp s) -> LogicalResult {
        if (failed(checkRunTimeShapes(s, values)))
          return failure();
        SSDInputs in;
        in.x = &get(s.getX());
        in.dt = &get(s.getDt());
        in.A = &get(s.getA());
        in.Bm = &get(s.getBm());
        in.Cm = &get(s.getCm());
        in.skip = getOpt(s.getSkip());
        in.init = getOpt(s.getInit());
        in.dtSoftplus = s.getDtSoftplus();
        auto [y, hT] = ssd(in);
        set(s.getY(), std::move(y));
        if (Value state = s.getFinalState())
          set(state, std::move(hT));
        return success();
      })
      .Case([&](mlir::ssm::LongConvOp c) -> LogicalResult {
        if (failed(checkRunTimeShapes(c, values)))
          return failure();
        set(c, longConv(get(c.getU()), get(c.getKernel()), getOpt(c.getBias()),
                        c.getMode() == mlir::ssm::ConvMode::circular));
        return success();
      })
      .Case([&](mlir::ssm::ShortConvOp c) -> LogicalResult {
        if (failed(checkRunTimeShapes(c, values)))
          return failure();
        set(c, shortConv(get(c.getU()), get(c.getWeight()),
                         getOpt(c.getBias()),
                         c.getActivation() == mlir::ssm::Activation::silu));
        return success();
      })
      .Case([&](mlir::ssm::MonarchOp m) -> LogicalResult {
        if (failed(checkRunTimeShapes(m, values)))
          return failure();
        set(m, monarch(get(m.getX()), get(m.getR()), get(m.getL())));
        return success();
      })
      .Case([&](mlir::ssm::ButterflyOp b) -> LogicalResult {
        if (failed(checkRunTimeShapes(b, values)))
          return failure();
        set(b, butterfly(get(b.getX()), get(b.getTwiddles())));
        return success();
      })
      .Case([&](mlir::ssm::SSMKernelOp k) -> LogicalResult {
        if (failed(checkRunTimeShapes(k, values)))
          return failure();
        SSMKernelInputs in;
        in.A = &get(k.getA());
        in.Bm = &get(k.getBm());
        in.Cm = &get(k.getCm());
        in.logDt = &get(k.getLogDt());
        in.lowRank = getOpt(k.getLowRank());
        in.length = k.getLength();
        in.bilinear = k.getDiscretization() == mlir::ssm::Discretization::bilinear;
        set(k, ssmKernel(in));
        return success();
      })
      .Default([&](Operation *) {
        return op->emitOpError("is not supported by the reference evaluator");
      });
}

//===----------------------------------------------------------------------===//
// Evaluator
//===----------------------------------------------------------------------===//

FailureOr<std::vector<Tensor>> Evaluator::run(func::FuncOp func,
                                              ArrayRef<Tensor> args) {
  FunctionRunner runner(*this, module, 0);
  return runner.run(func, args);
}

FailureOr<std::vector<Tensor>> Evaluator::run(StringRef name,
                                              ArrayRef<Tensor> args) {
  auto func = module.lookupSymbol<func::FuncOp>(name);
  if (!func)
    return module.emitError("no function named @") << name;
  return run(func, args);
}
