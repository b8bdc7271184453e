//===- Decoder.cpp - Genomes to ssm programs ------------------------------===//
//
// One builder per LIV kind; docs/genome.md lists, per kind, the weights and
// features and which of them are the featurizer (shared by featurizer
// groups) and the key side (shared by strategy 2).
//
//===----------------------------------------------------------------------===//

#include "ssm/Genome/Decoder.h"

#include "ssm/Conversion/LinalgEmitter.h"
#include "ssm/Dialect/SSM/IR/SSMOps.h"

#include "mlir/Dialect/Complex/IR/Complex.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Verifier.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>
#include <map>

using namespace mlir;
using namespace mlir::ssm;

namespace ssm::genome {

std::pair<int64_t, int64_t> monarchFactors(int64_t width) {
  int64_t m = 1;
  for (int64_t d = 1; d * d <= width; ++d)
    if (width % d == 0)
      m = d;
  return {m, width / m};
}

namespace {

/// How a weight takes part in featurizer sharing.
enum class Role {
  /// Belongs to the LIV alone (output projections, skips, the mixing path).
  Own,
  /// Part of the featurizer, shared by strategy 1.
  Featurizer,
  /// The featurizer's key side, shared by strategies 1 and 2.
  FeaturizerKey,
};

constexpr double kNormEpsilon = 1e-5;
/// Hyena's implicit filter: positional features and MLP width.
constexpr int64_t kHyenaPositional = 8;
constexpr int64_t kHyenaHidden = 32;
/// Mamba's expansion and depthwise conv width.
constexpr int64_t kMambaExpand = 2;
constexpr int64_t kMambaConv = 4;
/// Kernel of the short convolutions (featurizers and gconv-short's mixer).
constexpr int64_t kShortKernel = 3;

class ModelBuilder {
public:
  ModelBuilder(const Genome &genome, const DecodeOptions &options,
               ImplicitLocOpBuilder &b, Block *body)
      : genome(genome), bb(genome.backbone), b(b), e(b), body(body),
        B(options.batch), L(options.length), W(bb.width) {
    MLIRContext *ctx = b.getContext();
    switch (bb.dtype) {
    case ElementType::F32:
      elt = Float32Type::get(ctx);
      break;
    case ElementType::BF16:
      elt = BFloat16Type::get(ctx);
      break;
    case ElementType::F16:
      elt = Float16Type::get(ctx);
      break;
    }
  }

  /// Builds the body from the token argument; returns the logits.
  Value build(Value tokens);

  /// The weight names, in argument order after the tokens.
  const std::vector<std::string> &weightNames() const { return names; }

private:
  //===--------------------------------------------------------------------===//
  // Sharing
  //===--------------------------------------------------------------------===//

  std::string prefix(size_t index) const {
    std::string p = llvm::formatv("liv{0}", index + 1).str();
    if (half)
      p += half == 1 ? ".a" : ".b";
    return p;
  }

  Value weight(StringRef name, ArrayRef<int64_t> shape, Role role,
               Type element = {}) {
    Sharing sharing = effectiveSharing(genome, liv, SharingKind::Featurizer);
    bool shared = role == Role::FeaturizerKey ? sharing != Sharing::None
                  : role == Role::Featurizer  ? sharing == Sharing::All
                                              : false;
    size_t owner =
        shared ? groupLeader(genome, liv, SharingKind::Featurizer) : liv;
    return argument(prefix(owner) + "." + name.str(), shape,
                    element ? element : elt);
  }

  /// A weight outside any LIV (embedding, norms of the skeleton, head).
  Value argument(const std::string &key, ArrayRef<int64_t> shape,
                 Type element) {
    auto it = weights.find(key);
    if (it != weights.end())
      return it->second;
    Value arg = body->addArgument(RankedTensorType::get(shape, element),
                                  b.getLoc());
    names.push_back(key);
    weights[key] = arg;
    return arg;
  }

  Value feature(StringRef name, bool key, function_ref<Value()> compute) {
    Sharing sharing = effectiveSharing(genome, liv, SharingKind::Features);
    bool shared = key ? sharing != Sharing::None : sharing == Sharing::All;
    size_t owner =
        shared ? groupLeader(genome, liv, SharingKind::Features) : liv;
    std::string k = prefix(owner) + "." + name.str();
    auto it = features.find(k);
    if (it != features.end())
      return it->second;
    Value v = compute();
    features[k] = v;
    return v;
  }

  //===--------------------------------------------------------------------===//
  // Tensor helpers ([B, L, C] activations unless said otherwise)
  //===--------------------------------------------------------------------===//

  static ArrayRef<int64_t> shapeOf(Value v) {
    return cast<RankedTensorType>(v.getType()).getShape();
  }

  Value zeros(ArrayRef<int64_t> shape, Type element = {}) {
    return e.filled(getAsIndexOpFoldResult(b.getContext(), shape),
                    element ? element : elt, 0.0);
  }
  Value empty(ArrayRef<int64_t> shape, Type element = {}) {
    return e.empty(getAsIndexOpFoldResult(b.getContext(), shape),
                   element ? element : elt);
  }

  /// An elementwise generic over the shape of the first input of largest
  /// rank R; an input of rank R - 1 is broadcast along the last dim, one
  /// of rank 1 (when R > 2) along all leading dims.
  Value map(ArrayRef<Value> inputs,
            function_ref<Value(Scalar &, ValueRange)> fn) {
    Value widest = inputs.front();
    for (Value v : inputs)
      if (shapeOf(v).size() > shapeOf(widest).size())
        widest = v;
    unsigned rank = shapeOf(widest).size();
    SmallVector<AffineMap> maps;
    for (Value v : inputs) {
      unsigned r = shapeOf(v).size();
      SmallVector<AffineExpr> results;
      if (r == rank)
        for (unsigned i = 0; i < rank; ++i)
          results.push_back(e.d(i));
      else if (r == 1)
        results.push_back(e.d(rank - 1));
      else
        for (unsigned i = 0; i < r; ++i)
          results.push_back(e.d(i));
      maps.push_back(e.map(rank, results));
    }
    maps.push_back(b.getMultiDimIdentityMap(rank));
    SmallVector<IteratorType> iterators(rank, kPar);
    return e.generic(inputs, empty(shapeOf(widest)), maps, iterators,
                     [&](Scalar &s, ValueRange a) {
                       return fn(s, a.drop_back());
                     });
  }

  Value add(Value x, Value y) {
    return map({x, y}, [](Scalar &s, ValueRange a) { return s.add(a[0], a[1]); });
  }
  Value sub(Value x, Value y) {
    return map({x, y}, [](Scalar &s, ValueRange a) { return s.sub(a[0], a[1]); });
  }
  Value mul(Value x, Value y) {
    return map({x, y}, [](Scalar &s, ValueRange a) { return s.mul(a[0], a[1]); });
  }
  Value silu(Value x) {
    return map({x}, [](Scalar &s, ValueRange a) { return s.silu(a[0]); });
  }

  /// x[B, L, C] @ w[C, O] as a linalg.matmul on [B*L, C].
  Value linear(Value x, Value w) {
    ArrayRef<int64_t> xs = shapeOf(x);
    int64_t out = shapeOf(w)[1];
    SmallVector<ReassociationIndices> groups = {{0, 1}, {2}};
    Value flat = tensor::CollapseShapeOp::create(b, x, groups);
    Value init = zeros({xs[0] * xs[1], out});
    Value y = linalg::MatmulOp::create(b, TypeRange{init.getType()},
                                       ValueRange{flat, w}, ValueRange{init})
                  .getResult(0);
    return tensor::ExpandShapeOp::create(
        b, RankedTensorType::get({xs[0], xs[1], out}, elt), y, groups);
  }

  /// A learned projection of x to `out` channels.
  Value project(Value x, StringRef name, int64_t out, Role role) {
    return linear(x, weight(name, {shapeOf(x)[2], out}, role));
  }

  /// Channels [offset, offset + size) of x.
  Value channels(Value x, int64_t offset, int64_t size) {
    ArrayRef<int64_t> xs = shapeOf(x);
    return e.slice(x, {e.index(0), e.index(0), e.index(offset)},
                   {e.index(xs[0]), e.index(xs[1]), e.index(size)});
  }

  /// [B, L, H*E] -> [B, H, L, E].
  Value toHeads(Value x, int64_t heads) {
    ArrayRef<int64_t> xs = shapeOf(x);
    int64_t dim = xs[2] / heads;
    Value split = tensor::ExpandShapeOp::create(
        b, RankedTensorType::get({xs[0], xs[1], heads, dim}, elt), x,
        SmallVector<ReassociationIndices>{{0}, {1}, {2, 3}});
    Value init = empty({xs[0], heads, xs[1], dim});
    return linalg::TransposeOp::create(b, split, init,
                                       ArrayRef<int64_t>{0, 2, 1, 3})
        .getResult()[0];
  }

  /// [B, H, L, E] -> [B, L, H*E].
  Value fromHeads(Value x) {
    ArrayRef<int64_t> xs = shapeOf(x);
    Value init = empty({xs[0], xs[2], xs[1], xs[3]});
    Value t = linalg::TransposeOp::create(b, x, init,
                                          ArrayRef<int64_t>{0, 2, 1, 3})
                  .getResult()[0];
    return tensor::CollapseShapeOp::create(
        b, t, SmallVector<ReassociationIndices>{{0}, {1}, {2, 3}});
  }

  /// Sum over the last dim of f(x): [B, L, C] -> [B, L].
  Value rowSum(ValueRange inputs, function_ref<Value(Scalar &, ValueRange)> f) {
    ArrayRef<int64_t> xs = shapeOf(inputs.front());
    SmallVector<AffineMap> maps;
    for (Value v : inputs)
      maps.push_back(shapeOf(v).size() == 3
                         ? e.map(3, {e.d(0), e.d(1), e.d(2)})
                         : e.map(3, {e.d(0), e.d(1)}));
    maps.push_back(e.map(3, {e.d(0), e.d(1)}));
    return e.generic(inputs, zeros({xs[0], xs[1]}), maps, {kPar, kPar, kRed},
                     [&](Scalar &s, ValueRange a) {
                       return s.add(a.back(), f(s, a.drop_back()));
                     });
  }

  Value norm(Value x, const std::string &name) {
    int64_t c = shapeOf(x)[2];
    Value gain = argument(name + ".gain", {c}, elt);
    if (bb.norm == NormKind::RMSNorm) {
      Value squares = rowSum({x}, [](Scalar &s, ValueRange a) {
        return s.mul(a[0], a[0]);
      });
      return map({x, squares, gain}, [&](Scalar &s, ValueRange a) {
        Value meanSquare = s.div(a[1], s.cst(elt, double(c)));
        Value inv = math::RsqrtOp::create(
            b, s.add(meanSquare, s.cst(elt, kNormEpsilon)));
        return s.mul(s.mul(a[0], inv), a[2]);
      });
    }
    Value bias = argument(name + ".bias", {c}, elt);
    Value sums = rowSum({x}, [](Scalar &, ValueRange a) { return a[0]; });
    Value mean = map({sums}, [&](Scalar &s, ValueRange a) {
      return s.div(a[0], s.cst(elt, double(c)));
    });
    Value squares = rowSum({x, mean}, [](Scalar &s, ValueRange a) {
      Value d = s.sub(a[0], a[1]);
      return s.mul(d, d);
    });
    return map({x, mean, squares, gain, bias}, [&](Scalar &s, ValueRange a) {
      Value var = s.div(a[2], s.cst(elt, double(c)));
      Value inv =
          math::RsqrtOp::create(b, s.add(var, s.cst(elt, kNormEpsilon)));
      return s.add(s.mul(s.mul(s.sub(a[0], a[1]), inv), a[3]), a[4]);
    });
  }

  Value shortConv(Value x, Value w, Value bias = {},
                  Activation act = Activation::none) {
    return ShortConvOp::create(b, x, w, bias,
                               ActivationAttr::get(b.getContext(), act));
  }

  //===--------------------------------------------------------------------===//
  // LIVs: x is the normalised input, the result is added to the residual.
  //===--------------------------------------------------------------------===//

  Value buildLiv(const LivClass &cls, Value x) {
    switch (cls.kind) {
    case LivKind::Attention:
      return buildAttention(cls, x);
    case LivKind::LinearAttention:
      return buildLinearAttention(x);
    case LivKind::Recurrence:
      return buildRecurrence(cls, x);
    case LivKind::ShortGatedConv:
    case LivKind::LongGatedConv:
      return buildGatedConv(cls, x);
    case LivKind::LtiConv:
      return buildLtiConv(cls, x);
    case LivKind::SwiGLU:
      return buildSwiGLU(x);
    case LivKind::MonarchGLU:
      return buildMonarchGLU(x);
    }
    return x;
  }

  /// A projection, optionally followed by a short conv, as one featurizer.
  Value featurize(Value x, StringRef name, int64_t out, Role role,
                  bool conv) {
    Value y = project(x, ("w" + name).str(), out, role);
    if (conv)
      y = shortConv(y, weight(("conv_" + name).str(), {out, kShortKernel},
                              role));
    return y;
  }

  Value buildAttention(const LivClass &cls, Value x) {
    int64_t heads = bb.heads, kvHeads = heads / cls.kvRepeat;
    int64_t kvWidth = kvHeads * bb.headDim();
    bool conv = cls.convFeaturizer;
    Value q = featurize(x, "q", W, Role::Featurizer, conv);
    Value k = feature("k", /*key=*/true, [&] {
      return featurize(x, "k", kvWidth, Role::FeaturizerKey, conv);
    });
    Value v = feature("v", /*key=*/false, [&] {
      return featurize(x, "v", kvWidth, Role::FeaturizerKey, conv);
    });
    IntegerAttr window =
        cls.windowed ? b.getI64IntegerAttr(bb.window) : IntegerAttr();
    // One statement per op, so that the IR's order does not depend on the
    // C++ compiler's order of evaluating arguments.
    Value qh = toHeads(q, heads);
    Value kh = toHeads(k, kvHeads);
    Value vh = toHeads(v, kvHeads);
    Value y = AttentionOp::create(b, qh, kh, vh, /*causal=*/true, window,
                                  FloatAttr());
    return project(fromHeads(y), "wo", W, Role::Own);
  }

  Value buildLinearAttention(Value x) {
    Value q = project(x, "wq", W, Role::Featurizer);
    Value k = feature("k", true,
                      [&] { return project(x, "wk", W, Role::FeaturizerKey); });
    Value v = feature("v", false,
                      [&] { return project(x, "wv", W, Role::FeaturizerKey); });
    Value qh = toHeads(q, bb.heads);
    Value kh = toHeads(k, bb.heads);
    Value vh = toHeads(v, bb.heads);
    Value y = LinearAttentionOp::create(b, qh, kh, vh, /*causal=*/true,
                                        /*normalize=*/true, FeatureMap::elu1);
    return project(fromHeads(y), "wo", W, Role::Own);
  }

  Value buildRecurrence(const LivClass &cls, Value x) {
    int64_t inner = kMambaExpand * W, n = cls.stateSize;
    int64_t rank = (W + 15) / 16;
    Value xz = project(x, "win", 2 * inner, Role::Own);
    Value xin = channels(xz, 0, inner);
    Value z = channels(xz, inner, inner);
    Value convWeight = weight("conv", {inner, kMambaConv}, Role::Own);
    Value convBias = weight("conv_bias", {inner}, Role::Own);
    Value u = shortConv(xin, convWeight, convBias, Activation::silu);
    // delta includes its bias, so that a member reusing delta reuses the
    // leader's bias too.
    Value delta = feature("delta", false, [&] {
      Value low = project(u, "wdt_in", rank, Role::Featurizer);
      Value d = project(low, "wdt", inner, Role::Featurizer);
      return add(d, weight("dt_bias", {inner}, Role::Featurizer));
    });
    auto stateInput = [&](StringRef name) {
      Value p = project(u, name, n, Role::FeaturizerKey);
      return tensor::ExpandShapeOp::create(
          b, RankedTensorType::get({B, L, 1, n}, elt), p,
          SmallVector<ReassociationIndices>{{0}, {1}, {2, 3}});
    };
    Value bm = feature("B", true, [&] { return stateInput("wB"); });
    Value cm = feature("C", true, [&] { return stateInput("wC"); });
    // A = -exp(A_log) keeps the recurrence stable for any weights.
    Value a = map({weight("A_log", {inner, n}, Role::Own)},
                  [](Scalar &s, ValueRange v) { return s.neg(s.exp(v[0])); });
    Value skip = weight("D", {inner}, Role::Own);
    auto scan = SelectiveScanOp::create(b, u.getType(), Type(), u, delta, a,
                                        bm, cm, skip, z, Value(), Value(),
                                        b.getUnitAttr());
    return project(scan.getY(), "wout", W, Role::Own);
  }

  /// Hyena's implicit filter [W, L]: an MLP of sinusoidal positions,
  /// modulated by a learned exponential decay per channel.
  Value hyenaFilter() {
    Value positions = e.generic(
        {}, empty({L, kHyenaPositional}), {b.getMultiDimIdentityMap(2)},
        {kPar, kPar}, [&](Scalar &s, ValueRange) {
          Value t = s.indexAsFloat(0, elt), j = s.indexAsFloat(1, elt);
          Value pair = math::FloorOp::create(b, s.mul(j, s.cst(elt, 0.5)));
          Value freq = s.add(pair, s.cst(elt, 1.0));
          Value phase = s.mul(s.sub(j, s.mul(pair, s.cst(elt, 2.0))),
                              s.cst(elt, M_PI / 2));
          Value angle = s.mul(s.mul(freq, t), s.cst(elt, 2 * M_PI / L));
          return math::SinOp::create(b, s.add(angle, phase)).getResult();
        });
    Value w1 = weight("filter_w1", {kHyenaPositional, kHyenaHidden},
                      Role::FeaturizerKey);
    Value w2 = weight("filter_w2", {kHyenaHidden, W}, Role::FeaturizerKey);
    Value decay = weight("filter_decay", {W}, Role::FeaturizerKey);
    Value hidden = linalg::MatmulOp::create(
                       b, TypeRange{RankedTensorType::get({L, kHyenaHidden}, elt)},
                       ValueRange{positions, w1},
                       ValueRange{zeros({L, kHyenaHidden})})
                       .getResult(0);
    hidden = map({hidden}, [](Scalar &s, ValueRange a) { return s.silu(a[0]); });
    // filter[d, t] = sum_f hidden[t, f] w2[f, d]
    Value filter = e.generic(
        {hidden, w2}, zeros({W, L}),
        {e.map(3, {e.d(1), e.d(2)}), e.map(3, {e.d(2), e.d(0)}),
         e.map(3, {e.d(0), e.d(1)})},
        {kPar, kPar, kRed},
        [](Scalar &s, ValueRange a) { return multiplyAccumulate(s, a); });
    return e.generic({filter, decay}, empty({W, L}),
                     {e.map(2, {e.d(0), e.d(1)}), e.map(2, {e.d(0)}),
                      e.map(2, {e.d(0), e.d(1)})},
                     {kPar, kPar}, [&](Scalar &s, ValueRange a) {
                       Value rate = math::AbsFOp::create(b, a[1]);
                       Value t = s.indexAsFloat(1, elt);
                       return s.mul(a[0], s.exp(s.neg(s.mul(rate, t))));
                     });
  }

  /// gconv-short and hyena: y = q * conv(k * v), with featurizer short
  /// convs on q, k, v (as H3/Hyena) and an explicit or implicit kernel.
  Value buildGatedConv(const LivClass &cls, Value x) {
    Value q = feature("q", false, [&] {
      return featurize(x, "q", W, Role::Featurizer, true);
    });
    Value k = feature("k", true, [&] {
      return featurize(x, "k", W, Role::Featurizer, true);
    });
    Value v = featurize(x, "v", W, Role::Own, true);
    Value kv = mul(k, v);
    Value mixed;
    if (cls.kind == LivKind::ShortGatedConv) {
      Value h = feature("kernel", true, [&] {
        return weight("kernel", {W, kShortKernel}, Role::FeaturizerKey);
      });
      mixed = shortConv(kv, h);
    } else {
      Value filter = feature("filter", true, [&] { return hyenaFilter(); });
      Value skip = weight("skip", {W}, Role::Own);
      mixed = LongConvOp::create(b, kv, filter, skip, ConvMode::causal);
    }
    return project(mul(q, mixed), "wo", W, Role::Own);
  }

  /// S4D: a diagonal state-space kernel (ZOH) convolved with a projection
  /// of x and gated by silu of another, as the H3/S4 gated blocks.
  Value buildLtiConv(const LivClass &cls, Value x) {
    Type complexType = ComplexType::get(b.getF32Type());
    int64_t n = cls.stateSize;
    Value gate = feature("gate", false, [&] {
      return silu(project(x, "wgate", W, Role::Featurizer));
    });
    Value kernel = feature("kernel", true, [&] {
      Value a = weight("A", {W, n}, Role::FeaturizerKey, complexType);
      Value bm = weight("B", {W, n}, Role::FeaturizerKey, complexType);
      Value cm = weight("C", {W, n}, Role::FeaturizerKey, complexType);
      Value logDt = weight("log_dt", {W}, Role::FeaturizerKey, b.getF32Type());
      Value k = SSMKernelOp::create(b, a, bm, cm, logDt, Value(),
                                    static_cast<uint64_t>(L),
                                    Discretization::zoh);
      if (elt.isF32())
        return k;
      return e.generic({k}, empty({W, L}),
                       {b.getMultiDimIdentityMap(2), b.getMultiDimIdentityMap(2)},
                       {kPar, kPar}, [&](Scalar &, ValueRange a) -> Value {
                         return arith::TruncFOp::create(b, elt, a[0]);
                       });
    });
    Value v = project(x, "wv", W, Role::Own);
    Value skip = weight("skip", {W}, Role::Own);
    Value y = LongConvOp::create(b, v, kernel, skip, ConvMode::causal);
    return project(mul(y, gate), "wo", W, Role::Own);
  }

  Value buildSwiGLU(Value x) {
    int64_t hidden = bb.resolvedFfnWidth();
    Value gate = feature("gate", true, [&] {
      return silu(project(x, "w1", hidden, Role::FeaturizerKey));
    });
    Value up = feature("up", false,
                       [&] { return project(x, "w3", hidden, Role::Featurizer); });
    return project(mul(gate, up), "w2", W, Role::Own);
  }

  Value monarch(Value x, StringRef name, Role role) {
    auto [m, k] = monarchFactors(W);
    Value r = weight((name + "_R").str(), {m, k, k}, role);
    Value l = weight((name + "_L").str(), {k, m, m}, role);
    return MonarchOp::create(b, x, r, l);
  }

  Value buildMonarchGLU(Value x) {
    Value gate = feature("gate", true, [&] {
      return silu(monarch(x, "m1", Role::FeaturizerKey));
    });
    Value up =
        feature("up", false, [&] { return monarch(x, "m2", Role::Featurizer); });
    return monarch(mul(gate, up), "m3", Role::Own);
  }

  //===--------------------------------------------------------------------===//

  const Genome &genome;
  const Backbone &bb;
  ImplicitLocOpBuilder &b;
  LinalgEmitter e;
  Block *body;
  int64_t B, L, W;
  Type elt;

  size_t liv = 0;
  /// 0, or 1/2 for the two halves of a differential LIV.
  int half = 0;
  std::map<std::string, Value> weights;
  std::map<std::string, Value> features;
  std::vector<std::string> names;
};

Value ModelBuilder::build(Value tokens) {
  MLIRContext *ctx = b.getContext();
  b.setLoc(NameLoc::get(StringAttr::get(ctx, "embedding")));
  Value table = argument("embedding", {bb.vocab, W}, elt);
  // Token ids are clamped to the vocabulary, so that no id reads outside
  // the table in compiled code.
  Value x = e.generic(
      {tokens}, empty({B, L, W}),
      {e.map(3, {e.d(0), e.d(1)}), b.getMultiDimIdentityMap(3)},
      {kPar, kPar, kPar}, [&](Scalar &, ValueRange a) -> Value {
        Value lo = arith::ConstantIntOp::create(b, b.getI64Type(), 0);
        Value hi =
            arith::ConstantIntOp::create(b, b.getI64Type(), bb.vocab - 1);
        Value id = arith::MinSIOp::create(b, arith::MaxSIOp::create(b, a[0], lo),
                                          hi);
        Value row = arith::IndexCastOp::create(b, b.getIndexType(), id);
        Value col = linalg::IndexOp::create(b, 2);
        return tensor::ExtractOp::create(b, table, ValueRange{row, col});
      });

  for (liv = 0; liv < genome.livs.size(); ++liv) {
    const LivClass &cls = *lookupClass(genome.livs[liv].cls);
    b.setLoc(NameLoc::get(StringAttr::get(
        ctx, llvm::formatv("liv{0}:{1}", liv + 1, cls.name).str())));
    half = 0;
    Value h = norm(x, prefix(liv) + ".norm");
    Value y;
    if (cls.differential) {
      half = 1;
      Value first = buildLiv(cls, h);
      half = 2;
      y = sub(first, buildLiv(cls, h));
    } else {
      y = buildLiv(cls, h);
    }
    x = add(x, y);
  }
  half = 0;

  b.setLoc(NameLoc::get(StringAttr::get(ctx, "head")));
  x = norm(x, "final_norm");
  if (!bb.tieEmbeddings)
    return linear(x, argument("head", {W, bb.vocab}, elt));
  // Tied head: logits[b, l, v] = sum_w x[b, l, w] embedding[v, w].
  return e.generic({x, table}, zeros({B, L, bb.vocab}),
                   {e.map(4, {e.d(0), e.d(1), e.d(3)}),
                    e.map(4, {e.d(2), e.d(3)}), e.map(4, {e.d(0), e.d(1), e.d(2)})},
                   {kPar, kPar, kPar, kRed},
                   [](Scalar &s, ValueRange a) { return multiplyAccumulate(s, a); });
}

} // namespace

llvm::Expected<OwningOpRef<ModuleOp>> decodeGenome(const Genome &genome,
                                             MLIRContext &context,
                                             const DecodeOptions &options) {
  if (llvm::Error err = validate(genome))
    return std::move(err);
  if (options.batch < 1 || options.length < 1 ||
      options.length > kMaxTokens || options.batch > kMaxTokens / options.length)
    return llvm::createStringError(llvm::formatv(
        "decode: batch {0} and length {1} must be at least 1, with at most "
        "{2} tokens in all",
        options.batch, options.length, kMaxTokens));
  context.loadDialect<func::FuncDialect, linalg::LinalgDialect,
                      tensor::TensorDialect, arith::ArithDialect,
                      math::MathDialect, complex::ComplexDialect,
                      SSMDialect>();

  Location loc = NameLoc::get(StringAttr::get(&context, "genome"));
  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  ImplicitLocOpBuilder b(loc, &context);
  b.setInsertionPointToEnd(module->getBody());

  auto tokensType = RankedTensorType::get({options.batch, options.length},
                                          b.getI64Type());
  auto func = func::FuncOp::create(b, options.functionName,
                                   b.getFunctionType({tokensType}, {}));
  Block *body = func.addEntryBlock();
  b.setInsertionPointToStart(body);
  ModelBuilder builder(genome, options, b, body);
  Value logits = builder.build(body->getArgument(0));
  func::ReturnOp::create(b, logits);

  func.setFunctionType(
      b.getFunctionType(body->getArgumentTypes(), {logits.getType()}));
  func.setArgAttr(0, kWeightNameAttr, b.getStringAttr("tokens"));
  for (auto [i, name] : llvm::enumerate(builder.weightNames()))
    func.setArgAttr(i + 1, kWeightNameAttr, b.getStringAttr(name));

  if (failed(verify(*module)))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "decode: the decoded module does not "
                                   "verify (a decoder bug)");
  return std::move(module);
}

} // namespace ssm::genome
