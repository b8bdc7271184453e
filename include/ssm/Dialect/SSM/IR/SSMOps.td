//===- SSMOps.td - Operations of the ssm dialect -----------*- tablegen -*-===//
//
// Each op states what a sequence mixer computes; the exact formulas are those
// of DESIGN.md's "Operators" section and of the reference evaluator.
//
//===----------------------------------------------------------------------===//

#ifndef SSM_DIALECT_SSM_IR_SSMOPS_TD
#define SSM_DIALECT_SSM_IR_SSMOPS_TD

include "ssm/Dialect/SSM/IR/SSMDialect.td"
include "ssm/Dialect/SSM/IR/SSMAttrs.td"
include "mlir/IR/OpBase.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def SSM_FloatTensor : RankedTensorOf<[F16, BF16, F32, F64]>;
def SSM_ComplexTensor : RankedTensorOf<[Complex<F32>, Complex<F64>]>;

//===----------------------------------------------------------------------===//
// Base classes
//===----------------------------------------------------------------------===//

/// Every ssm op is pure and checks its operand shapes in one static function,
/// `inferShapes`, shared by the verifier, type inference and the reference
/// evaluator (which calls it again with the run-time shapes).
class SSM_Op<string mnemonic, list<Trait> traits = []>
    : Op<SSM_Dialect, mnemonic, !listconcat(traits, [Pure])> {
  let hasVerifier = 1;
  code ssmExtraDecls = [{
    /// Checks the operand types of an op of this kind and computes the types
    /// of all its results, including optional results that are absent.
    static ::mlir::LogicalResult inferShapes(
        GenericAdaptor<::mlir::TypeRange> operands,
        ::llvm::function_ref<::mlir::InFlightDiagnostic()> emitError,
        ::llvm::SmallVectorImpl<::mlir::Type> &resultTypes);
  }];
  let extraClassDeclaration = ssmExtraDecls;
}

/// An op whose result types follow from its operands.
class SSM_InferredOp<string mnemonic, list<Trait> traits = []>
    : SSM_Op<mnemonic, !listconcat(traits, [
        DeclareOpInterfaceMethods<InferTypeOpInterface>])> {
  let extraClassDeclaration = ssmExtraDecls # [{
    /// Result shapes are compatible when they agree where both are static.
    static bool isCompatibleReturnTypes(::mlir::TypeRange lhs,
                                        ::mlir::TypeRange rhs);
  }];
}

//===----------------------------------------------------------------------===//
// Attention
//===----------------------------------------------------------------------===//

def SSM_AttentionOp : SSM_InferredOp<"attention"> {
  let summary = "softmax attention with GQA/MQA, causal and sliding-window masks";
  let description = [{
    `y = softmax(scale * q k^T + mask) v` on tensors laid out as PyTorch's
    SDPA: `q[B,H,Lq,E]`, `k[B,Hk,Lk,E]`, `v[B,Hk,Lk,Ev]`, result
    `[B,H,Lq,Ev]`. Query head `h` reads key/value head `h / (H/Hk)`, so `H`
    must be a multiple of `Hk`. `scale` defaults to `1/sqrt(E)`.

    With `causal`, query `i` sees key `j` when `j <= i + (Lk - Lq)`
    (bottom-right aligned, as FlashAttention 2); `window w` also drops keys
    `j < i + (Lk - Lq) - w + 1`. A row with no key left yields 0.

    Example:

    ```mlir
    %y = ssm.attention %q, %k, %v causal window 128
        : tensor<2x8x100x64xf32>, tensor<2x2x100x64xf32>, tensor<2x2x100x64xf32>
        -> tensor<2x8x100x64xf32>
    ```
  }];
  let arguments = (ins SSM_FloatTensor:$q, SSM_FloatTensor:$k,
                       SSM_FloatTensor:$v, UnitAttr:$causal,
                       OptionalAttr<I64Attr>:$window,
                       OptionalAttr<F64Attr>:$scale);
  let results = (outs SSM_FloatTensor:$result);
  let assemblyFormat = [{
    $q `,` $k `,` $v (`causal` $causal^)? (`window` $window^)?
    (`scale` $scale^)? attr-dict `:` type($q) `,` type($k) `,` type($v)
    `->` type($result)
  }];
}

def SSM_LinearAttentionOp : SSM_InferredOp<"linear_attention"> {
  let summary = "linear attention with a feature map (identity, elu+1, relu, Taylor-2)";
  let description = [{
    `y_t = sum_s (phi(q_t) . phi(k_s)) v_s` over `s <= t` when `causal`, over
    all `s` otherwise; divided by `sum_s phi(q_t) . phi(k_s)` when
    `normalize`. Shapes: `q, k [B,H,L,E]`, `v [B,H,L,Ev]`, result
    `[B,H,L,Ev]`. `elu1(x) = elu(x) + 1`; `taylor2(x) = [1, x, vec(x x^T)/sqrt(2)]`
    (Based), so `phi(q).phi(k) = 1 + q.k + (q.k)^2 / 2`.

    Example:

    ```mlir
    %y = ssm.linear_attention %q, %k, %v causal normalize feature_map elu1
        : tensor<1x4x64x16xf32>, tensor<1x4x64x16xf32>, tensor<1x4x64x32xf32>
        -> tensor<1x4x64x32xf32>
    ```
  }];
  let arguments = (ins SSM_FloatTensor:$q, SSM_FloatTensor:$k,
                       SSM_FloatTensor:$v, UnitAttr:$causal,
                       UnitAttr:$normalize,
                       DefaultValuedAttr<SSM_FeatureMapAttr,
                                         "FeatureMap::identity">:$feature_map);
  let results = (outs SSM_FloatTensor:$result);
  let assemblyFormat = [{
    $q `,` $k `,` $v (`causal` $causal^)? (`normalize` $normalize^)?
    (`feature_map` `` $feature_map^)? attr-dict `:` type($q) `,` type($k) `,`
    type($v) `->` type($result)
  }];
}

//===----------------------------------------------------------------------===//
// Selective scans
//===----------------------------------------------------------------------===//

def SSM_SelectiveScanOp : SSM_Op<"selective_scan", [AttrSizedOperandSegments]> {
  let summary = "Mamba-1 selective scan with per-channel, input-dependent decay";
  let description = [{
    With `dt = softplus?(delta + delta_bias)` and `g(d) = d / (D/G)`:

    ```
    h_t[d,n] = exp(dt[t,d] A[d,n]) h_{t-1}[d,n] + dt[t,d] Bm[t,g(d),n] x[t,d]
    y[t,d]   = sum_n Cm[t,g(d),n] h_t[d,n] + skip[d] x[t,d]
    ```

    then `y *= silu(z)` when a `gate` `z` is given; `h_{-1}` is `init` or 0.
    Shapes: `x, delta [B,L,D]`, `A [D,N]`, `Bm, Cm [B,L,G,N]` with `D % G == 0`,
    `skip [D]`, `gate [B,L,D]`, `delta_bias [D]`, `init [B,D,N]`. The optional
    second result is the final state `hT [B,D,N]`.

    Example:

    ```mlir
    %y, %hT = ssm.selective_scan %x, %dt, %A, %B, %C skip(%D) gate(%z)
        delta_softplus
        : (tensor<1x7x4xf32>, tensor<1x7x4xf32>, tensor<4x16xf32>,
           tensor<1x7x2x16xf32>, tensor<1x7x2x16xf32>, tensor<4xf32>,
           tensor<1x7x4xf32>) -> (tensor<1x7x4xf32>, tensor<1x4x16xf32>)
    ```
  }];
  let arguments = (ins SSM_FloatTensor:$x, SSM_FloatTensor:$delta,
                       SSM_FloatTensor:$A, SSM_FloatTensor:$Bm,
                       SSM_FloatTensor:$Cm,
                       Optional<SSM_FloatTensor>:$skip,
                       Optional<SSM_FloatTensor>:$gate,
                       Optional<SSM_FloatTensor>:$delta_bias,
                       Optional<SSM_FloatTensor>:$init,
                       UnitAttr:$delta_softplus);
  let results = (outs SSM_FloatTensor:$y, Optional<SSM_FloatTensor>:$final_state);
  let assemblyFormat = [{
    $x `,` $delta `,` $A `,` $Bm `,` $Cm
    (`skip` `(` $skip^ `)`)? (`gate` `(` $gate^ `)`)?
    (`delta_bias` `(` $delta_bias^ `)`)? (`init` `(` $init^ `)`)?
    (`delta_softplus` $delta_softplus^)? attr-dict
    `:` functional-type(operands, results)
  }];
}

def SSM_SSDOp : SSM_Op<"ssd", [AttrSizedOperandSegments]> {
  let summary = "Mamba-2 state-space dual scan with a scalar decay per head";
  let description = [{
    With `dt` passed through softplus when `dt_softplus` and `g(h) = h / (H/G)`:

    ```
    h_t[h,p,n] = exp(dt[t,h] A[h]) h_{t-1}[h,p,n] + dt[t,h] Bm[t,g(h),n] x[t,h,p]
    y[t,h,p]   = sum_n Cm[t,g(h),n] h_t[h,p,n] + skip[h] x[t,h,p]
    ```

    Shapes: `x [B,L,H,P]`, `dt [B,L,H]`, `A [H]`, `Bm, Cm [B,L,G,N]` with
    `H % G == 0`, `skip [H]`, `init [B,H,P,N]`; optional final state
    `hT [B,H,P,N]`.

    Example:

    ```mlir
    %y = ssm.ssd %x, %dt, %A, %B, %C skip(%D) dt_softplus
        : (tensor<2x64x8x16xf32>, tensor<2x64x8xf32>, tensor<8xf32>,
           tensor<2x64x1x32xf32>, tensor<2x64x1x32xf32>, tensor<8xf32>)
        -> tensor<2x64x8x16xf32>
    ```
  }];
  let arguments = (ins SSM_FloatTensor:$x, SSM_FloatTensor:$dt,
                       SSM_FloatTensor:$A, SSM_FloatTensor:$Bm,
                       SSM_FloatTensor:$Cm,
                       Optional<SSM_FloatTensor>:$skip,
                       Optional<SSM_FloatTensor>:$init,
                       UnitAttr:$dt_softplus);
  let results = (outs SSM_FloatTensor:$y, Optional<SSM_FloatTensor>:$final_state);
  let assemblyFormat = [{
    $x `,` $dt `,` $A `,` $Bm `,` $Cm (`skip` `(` $skip^ `)`)?
    (`init` `(` $init^ `)`)? (`dt_softplus` $dt_softplus^)? attr-dict
    `:` functional-type(operands, results)
  }];
}

//===----------------------------------------------------------------------===//
// Convolutions
//===----------------------------------------------------------------------===//

def SSM_LongConvOp : SSM_InferredOp<"long_conv"> {
  let summary = "depthwise long convolution (H3, Hyena, S4 kernels)";
  let description = [{
    `u [B,L,D]` convolved along time with one filter per channel `k [D,Lk]`:

    - `causal`: `y[t,d] = sum_{s=0}^{min(t,Lk-1)} k[d,s] u[t-s,d] + bias[d] u[t,d]`;
    - `circular`: indices taken mod `L`, and `Lk == L`.

    `bias [D]` is the optional skip term. `Lk` may equal `L`.

    Example:

    ```mlir
    %y = ssm.long_conv %u, %k bias(%b) mode circular
        : (tensor<1x1024x64xf32>, tensor<64x1024xf32>, tensor<64xf32>)
        -> tensor<1x1024x64xf32>
    ```
  }];
  let arguments = (ins SSM_FloatTensor:$u, SSM_FloatTensor:$kernel,
                       Optional<SSM_FloatTensor>:$bias,
                       DefaultValuedAttr<SSM_ConvModeAttr,
                                         "ConvMode::causal">:$mode);
  let results = (outs SSM_FloatTensor:$result);
  let assemblyFormat = [{
    $u `,` $kernel (`bias` `(` $bias^ `)`)? (`mode` `` $mode^)? attr-dict
    `:` functional-type(operands, results)
  }];
}

def SSM_ShortConvOp : SSM_InferredOp<"short_conv"> {
  let summary = "causal depthwise short convolution (W <= 16) with optional SiLU";
  let description = [{
    `y[t,d] = act(sum_{s<W} w[d,s] u[t-s,d] + bias[d])`, with `u` zero
    before `t = 0`. Shapes: `u [B,L,D]`, `w [D,W]` with `1 <= W <= 16`,
    `bias [D]`.

    Example:

    ```mlir
    %y = ssm.short_conv %u, %w bias(%b) activation silu
        : (tensor<1x128x64xf32>, tensor<64x4xf32>, tensor<64xf32>)
        -> tensor<1x128x64xf32>
    ```
  }];
  let arguments = (ins SSM_FloatTensor:$u, SSM_FloatTensor:$weight,
                       Optional<SSM_FloatTensor>:$bias,
                       DefaultValuedAttr<SSM_ActivationAttr,
                                         "Activation::none">:$activation);
  let results = (outs SSM_FloatTensor:$result);
  let assemblyFormat = [{
    $u `,` $weight (`bias` `(` $bias^ `)`)? (`activation` `` $activation^)?
    attr-dict `:` functional-type(operands, results)
  }];
}

//===----------------------------------------------------------------------===//
// Structured matrices
//===----------------------------------------------------------------------===//

def SSM_MonarchOp : SSM_InferredOp<"monarch"> {
  let summary = "Monarch product: block-diagonal R, transpose, block-diagonal L";
  let description = [{
    Acts on the last dimension `n = m*k` of `x [..., n]` with `R [m,k,k]` and
    `L [k,m,m]`. Viewing a row as `X[a,c]` with `i = a*k + c`:

    ```
    Z[a,j] = sum_c R[a,j,c] X[a,c]
    Y[j,b] = sum_a L[j,b,a] Z[a,j]        output index b*k + j
    ```

    Example:

    ```mlir
    %y = ssm.monarch %x, %r, %l
        : tensor<8x12xf32>, tensor<3x4x4xf32>, tensor<4x3x3xf32> -> tensor<8x12xf32>
    ```
  }];
  let arguments = (ins SSM_FloatTensor:$x, SSM_FloatTensor:$R, SSM_FloatTensor:$L);
  let results = (outs SSM_FloatTensor:$result);
  let assemblyFormat = [{
    $x `,` $R `,` $L attr-dict `:` type($x) `,` type($R) `,` type($L)
    `->` type($result)
  }];
}

def SSM_ButterflyOp : SSM_InferredOp<"butterfly"> {
  let summary = "product of log2(n) butterfly factors with learned 2x2 twiddles";
  let description = [{
    Computes `B_{log2 n - 1} ... B_1 B_0 x` on the last dimension of
    `x [..., n]`, `n` a power of two, with `w [log2 n, n/2, 2, 2]`. Factor
    `B_s` mixes each pair `(i, i + 2^s)`, `i = blk*2^(s+1) + o`, `o < 2^s`, by
    the matrix `w[s, blk*2^s + o]`.

    Example:

    ```mlir
    %y = ssm.butterfly %x, %w
        : tensor<4x16xf32>, tensor<4x8x2x2xf32> -> tensor<4x16xf32>
    ```
  }];
  let arguments = (ins SSM_FloatTensor:$x, SSM_FloatTensor:$twiddles);
  let results = (outs SSM_FloatTensor:$result);
  let assemblyFormat = [{
    $x `,` $twiddles attr-dict `:` type($x) `,` type($twiddles) `->` type($result)
  }];
}

//===----------------------------------------------------------------------===//
// SSM convolution kernels
//===----------------------------------------------------------------------===//

def SSM_SSMKernelOp : SSM_InferredOp<"ssm_kernel"> {
  let summary = "materialises the convolution kernel of a diagonal or NPLR SSM (S4, S4D)";
  let description = [{
    Complex `A, Bm, Cm [D,N]`, real `log_dt [D]`, result `k [D,length]`.
    Diagonal (S4D/DSS): with `dtA = exp(log_dt) A`,

    - `zoh`: `Abar = exp(dtA)`, `Bbar = (Abar - 1)/A * Bm`;
    - `bilinear`: `Abar = (1 + dtA/2)/(1 - dtA/2)`, `Bbar = exp(log_dt) Bm/(1 - dtA/2)`;

    and `k[d,l] = 2 Re(sum_n Cm[d,n] Bbar[d,n] Abar[d,n]^l)`. With the
    low-rank factor `low_rank P [D,R,N]` (S4's NPLR form), the state matrix of
    channel `d` is `diag(A[d]) - sum_r P[d,r] P[d,r]^H`, discretized the same
    way as a matrix, and `k[d,l] = 2 Re(Cm[d]^T Abar^l Bbar)`.

    Example:

    ```mlir
    %k = ssm.ssm_kernel %A, %B, %C, %log_dt length 1024 discretization bilinear
        : (tensor<64x32xcomplex<f32>>, tensor<64x32xcomplex<f32>>,
           tensor<64x32xcomplex<f32>>, tensor<64xf32>) -> tensor<64x1024xf32>
    ```
  }];
  let arguments = (ins SSM_ComplexTensor:$A, SSM_ComplexTensor:$Bm,
                       SSM_ComplexTensor:$Cm, SSM_FloatTensor:$log_dt,
                       Optional<SSM_ComplexTensor>:$low_rank,
                       I64Attr:$length,
                       DefaultValuedAttr<SSM_DiscretizationAttr,
                                         "Discretization::zoh">:$discretization);
  let results = (outs SSM_FloatTensor:$result);
  let assemblyFormat = [{
    $A `,` $Bm `,` $Cm `,` $log_dt (`low_rank` `(` $low_rank^ `)`)?
    `length` $length (`discretization` `` $discretization^)? attr-dict
    `:` functional-type(operands, results)
  }];
}

#endif // SSM_DIALECT_SSM_IR_SSMOPS_TD
