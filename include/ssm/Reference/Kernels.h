//===- Kernels.h - Reference semantics of the ssm ops -----------*- C++ -*-===//
//
// Each function evaluates one op of DESIGN.md's "Operators" section in double
// precision, straight from its formula, with no algorithmic shortcut. Shapes
// are assumed valid: the evaluator checks them with the op's own verifier
// (`inferShapes`) on the run-time shapes before calling in.
//
//===----------------------------------------------------------------------===//

#ifndef SSM_REFERENCE_KERNELS_H
#define SSM_REFERENCE_KERNELS_H

#include "ssm/Reference/Tensor.h"

#include <optional>
#include <utility>

namespace ssm::ref {

struct AttentionOptions {
  bool causal = false;
  /// Defaults to 1/sqrt(E).
  std::optional<double> scale;
  std::optional<int64_t> window;
};
/// q[B,H,Lq,E], k[B,Hk,Lk,E], v[B,Hk,Lk,Ev] -> [B,H,Lq,Ev].
Tensor attention(const Tensor &q, const Tensor &k, const Tensor &v,
                 const AttentionOptions &options);

enum class FeatureMap { Identity, Elu1, Relu, Taylor2 };
struct LinearAttentionOptions {
  bool causal = false;
  bool normalize = false;
  FeatureMap featureMap = FeatureMap::Identity;
};
/// The feature vector phi(x) of one head vector `x` of length E.
std::vector<double> featureMap(FeatureMap map, const double *x, int64_t e);
/// q, k [B,H,L,E], v [B,H,L,Ev] -> [B,H,L,Ev].
Tensor linearAttention(const Tensor &q, const Tensor &k, const Tensor &v,
                       const LinearAttentionOptions &options);

/// softplus(x) = log(1 + exp(x)), evaluated without overflow.
double softplus(double x);
/// silu(x) = x * sigmoid(x).
double silu(double x);

struct SelectiveScanInputs {
  const Tensor *x = nullptr, *delta = nullptr, *A = nullptr, *Bm = nullptr,
               *Cm = nullptr;
  const Tensor *skip = nullptr, *gate = nullptr, *deltaBias = nullptr,
               *init = nullptr;
  bool deltaSoftplus = false;
};
/// Mamba-1; returns {y[B,L,D], hT[B,D,N]}.
std::pair<Tensor, Tensor> selectiveScan(const SelectiveScanInputs &in);

struct SSDInputs {
  const Tensor *x = nullptr, *dt = nullptr, *A = nullptr, *Bm = nullptr,
               *Cm = nullptr;
  const Tensor *skip = nullptr, *init = nullptr;
  bool dtSoftplus = false;
};
/// Mamba-2; returns {y[B,L,H,P], hT[B,H,P,N]}.
std::pair<Tensor, Tensor> ssd(const SSDInputs &in);

/// u[B,L,D], k[D,Lk], bias[D] (may be null) -> [B,L,D]. Direct summation.
Tensor longConv(const Tensor &u, const Tensor &k, const Tensor *bias,
                bool circular);

/// u[B,L,D], w[D,W], bias[D] (may be null) -> [B,L,D].
Tensor shortConv(const Tensor &u, const Tensor &w, const Tensor *bias,
                 bool applySilu);

/// x[..., m*k], R[m,k,k], L[k,m,m] -> [..., m*k].
Tensor monarch(const Tensor &x, const Tensor &R, const Tensor &L);

/// x[..., n], w[log2 n, n/2, 2, 2] -> [..., n].
Tensor butterfly(const Tensor &x, const Tensor &w);

struct SSMKernelInputs {
  const Tensor *A = nullptr, *Bm = nullptr, *Cm = nullptr, *logDt = nullptr;
  /// Optional low-rank factor P[D,R,N] (S4's NPLR form).
  const Tensor *lowRank = nullptr;
  int64_t length = 1;
  bool bilinear = false;
};
/// Complex A, Bm, Cm [D,N], real log_dt[D] -> real k[D,length].
Tensor ssmKernel(const SSMKernelInputs &in);

} // namespace ssm::ref

#endif // SSM_REFERENCE_KERNELS_H
