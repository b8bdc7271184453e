//===- Kernels.cpp - Reference semantics of the ssm ops -------------------===//
//
// Straight transcriptions of DESIGN.md's formulas, in double precision. Loops
// follow the formulas' indices; nothing here is optimised.
//
//===----------------------------------------------------------------------===//

#include "ssm/Reference/Kernels.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace ssm::ref;
using cdouble = std::complex<double>;

//===----------------------------------------------------------------------===//
// Attention
//===----------------------------------------------------------------------===//

Tensor ssm::ref::attention(const Tensor &q, const Tensor &k, const Tensor &v,
                           const AttentionOptions &options) {
  int64_t B = q.dim(0), H = q.dim(1), Lq = q.dim(2), E = q.dim(3);
  int64_t Hk = k.dim(1), Lk = k.dim(2), Ev = v.dim(3);
  double scale = options.scale.value_or(1.0 / std::sqrt(double(E)));
  int64_t groupSize = H / Hk;
  int64_t shift = Lk - Lq;
  Tensor y({B, H, Lq, Ev});
  std::vector<double> scores(Lk);
  std::vector<bool> kept(Lk);
  for (int64_t b = 0; b < B; ++b)
    for (int64_t h = 0; h < H; ++h) {
      int64_t kvh = h / groupSize;
      for (int64_t i = 0; i < Lq; ++i) {
        double maxScore = -std::numeric_limits<double>::infinity();
        bool any = false;
        for (int64_t j = 0; j < Lk; ++j) {
          bool keep = true;
          if (options.causal && j > i + shift)
            keep = false;
          if (options.window && j < i + shift - *options.window + 1)
            keep = false;
          kept[j] = keep;
          if (!keep)
            continue;
          double s = 0;
          for (int64_t e = 0; e < E; ++e)
            s += q.at({b, h, i, e}) * k.at({b, kvh, j, e});
          scores[j] = scale * s;
          maxScore = std::max(maxScore, scores[j]);
          any = true;
        }
        if (!any)
          continue; // a row with no key left yields 0
        double denom = 0;
        for (int64_t j = 0; j < Lk; ++j)
          if (kept[j])
            denom += std::exp(scores[j] - maxScore);
        for (int64_t j = 0; j < Lk; ++j) {
          if (!kept[j])
            continue;
          double p = std::exp(scores[j] - maxScore) / denom;
          for (int64_t e = 0; e < Ev; ++e)
            y.at({b, h, i, e}) += p * v.at({b, kvh, j, e});
        }
      }
    }
  return y;
}

//===----------------------------------------------------------------------===//
// Linear attention
//===----------------------------------------------------------------------===//

std::vector<double> ssm::ref::featureMap(FeatureMap map, const double *x,
                                         int64_t e) {
  std::vector<double> phi;
  switch (map) {
  case FeatureMap::Identity:
    phi.assign(x, x + e);
    break;
  case FeatureMap::Elu1:
    for (int64_t i = 0; i < e; ++i)
      phi.push_back(x[i] > 0 ? x[i] + 1.0 : std::exp(x[i]));
    break;
  case FeatureMap::Relu:
    for (int64_t i = 0; i < e; ++i)
      phi.push_back(std::max(x[i], 0.0));
    break;
  case FeatureMap::Taylor2:
    phi.push_back(1.0);
    phi.insert(phi.end(), x, x + e);
    for (int64_t i = 0; i < e; ++i)
      for (int64_t j = 0; j < e; ++j)
        phi.push_back(x[i] * x[j] / std::sqrt(2.0));
    break;
  }
  return phi;
}

Tensor ssm::ref::linearAttention(const Tensor &q, const Tensor &k,
                                 const Tensor &v,
                                 const LinearAttentionOptions &options) {
  int64_t B = q.dim(0), H = q.dim(1), L = q.dim(2), E = q.dim(3);
  int64_t Ev = v.dim(3);
  Tensor y({B, H, L, Ev});
  auto row = [&](const Tensor &t, int64_t b, int64_t h, int64_t l) {
    return t.data().data() + t.offset({b, h, l, 0});
  };
  for (int64_t b = 0; b < B; ++b)
    for (int64_t h = 0; h < H; ++h) {
      std::vector<std::vector<double>> phiK;
      for (int64_t s = 0; s < L; ++s)
        phiK.push_back(featureMap(options.featureMap, row(k, b, h, s), E));
      for (int64_t t = 0; t < L; ++t) {
        std::vector<double> phiQ =
            featureMap(options.featureMap, row(q, b, h, t), E);
        int64_t last = options.causal ? t : L - 1;
        double denom = 0;
        for (int64_t s = 0; s <= last; ++s) {
          double w = 0;
          for (size_t f = 0; f < phiQ.size(); ++f)
            w += phiQ[f] * phiK[s][f];
          denom += w;
          for (int64_t e = 0; e < Ev; ++e)
            y.at({b, h, t, e}) += w * v.at({b, h, s, e});
        }
        if (options.normalize)
          for (int64_t e = 0; e < Ev; ++e)
            y.at({b, h, t, e}) /= denom;
      }
    }
  return y;
}

//===----------------------------------------------------------------------===//
// Scans
//===----------------------------------------------------------------------===//

double ssm::ref::softplus(double x) {
  return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x));
}

double ssm::ref::silu(double x) { return x / (1.0 + std::exp(-x)); }

std::pair<Tensor, Tensor>
ssm::ref::selectiveScan(const SelectiveScanInputs &in) {
  const Tensor &x = *in.x, &delta = *in.delta, &A = *in.A, &Bm = *in.Bm,
               &Cm = *in.Cm;
  int64_t B = x.dim(0), L = x.dim(1), D = x.dim(2), N = A.dim(1);
  int64_t G = Bm.dim(2), channelsPerGroup = D / G;
  Tensor y({B, L, D}), hT({B, D, N});
  std::vector<double> h(N);
  for (int64_t b = 0; b < B; ++b)
    for (int64_t d = 0; d < D; ++d) {
      int64_t g = d / channelsPerGroup;
      for (int64_t n = 0; n < N; ++n)
        h[n] = in.init ? in.init->at({b, d, n}) : 0.0;
      for (int64_t t = 0; t < L; ++t) {
        double dt = delta.at({b, t, d}) + (in.deltaBias ? (*in.deltaBias)[d] : 0);
        if (in.deltaSoftplus)
          dt = softplus(dt);
        double xt = x.at({b, t, d});
        double out = 0;
        for (int64_t n = 0; n < N; ++n) {
          h[n] = std::exp(dt * A.at({d, n})) * h[n] +
                 dt * Bm.at({b, t, g, n}) * xt;
          out += Cm.at({b, t, g, n}) * h[n];
        }
        if (in.skip)
          out += (*in.skip)[d] * xt;
        if (in.gate)
          out *= silu(in.gate->at({b, t, d}));
        y.at({b, t, d}) = out;
      }
      for (int64_t n = 0; n < N; ++n)
        hT.at({b, d, n}) = h[n];
    }
  return {std::move(y), std::move(hT)};
}

std::pair<Tensor, Tensor> ssm::ref::ssd(const SSDInputs &in) {
  const Tensor &x = *in.x, &dtIn = *in.dt, &A = *in.A, &Bm = *in.Bm,
               &Cm = *in.Cm;
  int64_t B = x.dim(0), L = x.dim(1), H = x.dim(2), P = x.dim(3);
  int64_t G = Bm.dim(2), N = Bm.dim(3), headsPerGroup = H / G;
  Tensor y({B, L, H, P}), hT({B, H, P, N});
  std::vector<double> h(P * N);
  for (int64_t b = 0; b < B; ++b)
    for (int64_t hd = 0; hd < H; ++hd) {
      int64_t g = hd / headsPerGroup;
      for (int64_t p = 0; p < P; ++p)
        for (int64_t n = 0; n < N; ++n)
          h[p * N + n] = in.init ? in.init->at({b, hd, p, n}) : 0.0;
      for (int64_t t = 0; t < L; ++t) {
        double dt = dtIn.at({b, t, hd});
        if (in.dtSoftplus)
          dt = softplus(dt);
        double decay = std::exp(dt * A[hd]);
        for (int64_t p = 0; p < P; ++p) {
          double xt = x.at({b, t, hd, p});
          double out = 0;
          for (int64_t n = 0; n < N; ++n) {
            double &state = h[p * N + n];
            state = decay * state + dt * Bm.at({b, t, g, n}) * xt;
            out += Cm.at({b, t, g, n}) * state;
          }
          if (in.skip)
            out += (*in.skip)[hd] * xt;
          y.at({b, t, hd, p}) = out;
        }
      }
      for (int64_t p = 0; p < P; ++p)
        for (int64_t n = 0; n < N; ++n)
          hT.at({b, hd, p, n}) = h[p * N + n];
    }
  return {std::move(y), std::move(hT)};
}

//===----------------------------------------------------------------------===//
// Convolutions
//===----------------------------------------------------------------------===//

Tensor ssm::ref::longConv(const Tensor &u, const Tensor &k, const Tensor *bias,
                          bool circular) {
  int64_t B = u.dim(0), L = u.dim(1), D = u.dim(2), Lk = k.dim(1);
  Tensor y({B, L, D});
  for (int64_t b = 0; b < B; ++b)
    for (int64_t t = 0; t < L; ++t)
      for (int64_t d = 0; d < D; ++d) {
        double acc = 0;
        if (circular) {
          for (int64_t s = 0; s < L; ++s)
            acc += k.at({d, s}) * u.at({b, (t - s + L) % L, d});
        } else {
          for (int64_t s = 0; s <= std::min(t, Lk - 1); ++s)
            acc += k.at({d, s}) * u.at({b, t - s, d});
        }
        if (bias)
          acc += (*bias)[d] * u.at({b, t, d});
        y.at({b, t, d}) = acc;
      }
  return y;
}

Tensor ssm::ref::shortConv(const Tensor &u, const Tensor &w, const Tensor *bias,
                           bool applySilu) {
  int64_t B = u.dim(0), L = u.dim(1), D = u.dim(2), W = w.dim(1);
  Tensor y({B, L, D});
  for (int64_t b = 0; b < B; ++b)
    for (int64_t t = 0; t < L; ++t)
      for (int64_t d = 0; d < D; ++d) {
        double acc = bias ? (*bias)[d] : 0.0;
        for (int64_t s = 0; s < W && s <= t; ++s)
          acc += w.at({d, s}) * u.at({b, t - s, d});
        y.at({b, t, d}) = applySilu ? silu(acc) : acc;
      }
  return y;
}

//===----------------------------------------------------------------------===//
// Structured matrices
//===----------------------------------------------------------------------===//

Tensor ssm::ref::monarch(const Tensor &x, const Tensor &R, const Tensor &L) {
  int64_t m = R.dim(0), k = R.dim(1), n = m * k;
  int64_t rows = n == 0 ? 0 : x.numElements() / n;
  Tensor y(x.shape());
  std::vector<double> z(m * k);
  for (int64_t r = 0; r < rows; ++r) {
    const double *X = x.data().data() + r * n;
    double *Y = y.data().data() + r * n;
    // Z[a,j] = sum_c R[a,j,c] X[a,c], with X[a,c] = x[a*k + c].
    for (int64_t a = 0; a < m; ++a)
      for (int64_t j = 0; j < k; ++j) {
        double acc = 0;
        for (int64_t c = 0; c < k; ++c)
          acc += R.at({a, j, c}) * X[a * k + c];
        z[a * k + j] = acc;
      }
    // Y[j,b] = sum_a L[j,b,a] Z[a,j], stored at output index b*k + j.
    for (int64_t j = 0; j < k; ++j)
      for (int64_t b = 0; b < m; ++b) {
        double acc = 0;
        for (int64_t a = 0; a < m; ++a)
          acc += L.at({j, b, a}) * z[a * k + j];
        Y[b * k + j] = acc;
      }
  }
  return y;
}

Tensor ssm::ref::butterfly(const Tensor &x, const Tensor &w) {
  int64_t n = x.dim(x.rank() - 1), factors = w.dim(0);
  int64_t rows = n == 0 ? 0 : x.numElements() / n;
  Tensor y = x;
  for (int64_t r = 0; r < rows; ++r) {
    double *row = y.data().data() + r * n;
    for (int64_t s = 0; s < factors; ++s) {
      int64_t half = int64_t(1) << s;
      for (int64_t blk = 0; blk < n / (2 * half); ++blk)
        for (int64_t o = 0; o < half; ++o) {
          int64_t i = blk * 2 * half + o, j = i + half, p = blk * half + o;
          double xi = row[i], xj = row[j];
          row[i] = w.at({s, p, 0, 0}) * xi + w.at({s, p, 0, 1}) * xj;
          row[j] = w.at({s, p, 1, 0}) * xi + w.at({s, p, 1, 1}) * xj;
        }
    }
  }
  return y;
}

//===----------------------------------------------------------------------===//
// SSM kernels
//===----------------------------------------------------------------------===//

namespace {
using Matrix = std::vector<std::vector<cdouble>>;

Matrix identity(int64_t n) {
  Matrix m(n, std::vector<cdouble>(n, 0.0));
  for (int64_t i = 0; i < n; ++i)
    m[i][i] = 1.0;
  return m;
}

Matrix multiply(const Matrix &a, const Matrix &b) {
  int64_t n = a.size();
  Matrix c(n, std::vector<cdouble>(n, 0.0));
  for (int64_t i = 0; i < n; ++i)
    for (int64_t l = 0; l < n; ++l)
      for (int64_t j = 0; j < n; ++j)
        c[i][j] += a[i][l] * b[l][j];
  return c;
}

std::vector<cdouble> apply(const Matrix &a, const std::vector<cdouble> &v) {
  std::vector<cdouble> r(v.size(), 0.0);
  for (size_t i = 0; i < v.size(); ++i)
    for (size_t j = 0; j < v.size(); ++j)
      r[i] += a[i][j] * v[j];
  return r;
}

/// Solves a X = b for X (b has several columns) by Gaussian elimination with
/// partial pivoting.
Matrix solve(Matrix a, Matrix b) {
  int64_t n = a.size(), cols = b.empty() ? 0 : b[0].size();
  for (int64_t c = 0; c < n; ++c) {
    int64_t pivot = c;
    for (int64_t r = c + 1; r < n; ++r)
      if (std::abs(a[r][c]) > std::abs(a[pivot][c]))
        pivot = r;
    std::swap(a[c], a[pivot]);
    std::swap(b[c], b[pivot]);
    for (int64_t r = 0; r < n; ++r) {
      if (r == c)
        continue;
      cdouble f = a[r][c] / a[c][c];
      for (int64_t j = c; j < n; ++j)
        a[r][j] -= f * a[c][j];
      for (int64_t j = 0; j < cols; ++j)
        b[r][j] -= f * b[c][j];
    }
  }
  for (int64_t r = 0; r < n; ++r)
    for (int64_t j = 0; j < cols; ++j)
      b[r][j] /= a[r][r];
  return b;
}

/// exp(a) by scaling and squaring with a Taylor series.
Matrix expm(const Matrix &a) {
  int64_t n = a.size();
  double norm = 0;
  for (int64_t i = 0; i < n; ++i) {
    double row = 0;
    for (int64_t j = 0; j < n; ++j)
      row += std::abs(a[i][j]);
    norm = std::max(norm, row);
  }
  int squarings = norm > 0.5 ? int(std::ceil(std::log2(norm / 0.5))) : 0;
  double factor = std::ldexp(1.0, -squarings);
  Matrix scaled = a;
  for (auto &row : scaled)
    for (auto &v : row)
      v *= factor;
  Matrix result = identity(n), term = identity(n);
  for (int i = 1; i <= 30; ++i) {
    term = multiply(term, scaled);
    for (auto &row : term)
      for (auto &v : row)
        v /= double(i);
    for (int64_t r = 0; r < n; ++r)
      for (int64_t c = 0; c < n; ++c)
        result[r][c] += term[r][c];
  }
  for (int s = 0; s < squarings; ++s)
    result = multiply(result, result);
  return result;
}
} // namespace

Tensor ssm::ref::ssmKernel(const SSMKernelInputs &in) {
  const Tensor &A = *in.A, &Bm = *in.Bm, &Cm = *in.Cm, &logDt = *in.logDt;
  int64_t D = A.dim(0), N = A.dim(1), len = in.length;
  Tensor k({D, len});
  for (int64_t d = 0; d < D; ++d) {
    double dt = std::exp(logDt[d]);
    if (!in.lowRank) {
      for (int64_t n = 0; n < N; ++n) {
        cdouble a = A.complexAt(d * N + n), dtA = dt * a, abar, bbar;
        if (in.bilinear) {
          abar = (1.0 + dtA / 2.0) / (1.0 - dtA / 2.0);
          bbar = dt * Bm.complexAt(d * N + n) / (1.0 - dtA / 2.0);
        } else {
          abar = std::exp(dtA);
          bbar = (abar - 1.0) / a * Bm.complexAt(d * N + n);
        }
        cdouble term = Cm.complexAt(d * N + n) * bbar;
        for (int64_t l = 0; l < len; ++l) {
          k.at({d, l}) += 2.0 * term.real();
          term *= abar;
        }
      }
      continue;
    }
    // NPLR: the state matrix is diag(A[d]) - sum_r P[d,r] P[d,r]^H.
    const Tensor &P = *in.lowRank;
    int64_t R = P.dim(1);
    Matrix M(N, std::vector<cdouble>(N, 0.0));
    for (int64_t i = 0; i < N; ++i) {
      M[i][i] = A.complexAt(d * N + i);
      for (int64_t j = 0; j < N; ++j)
        for (int64_t r = 0; r < R; ++r)
          M[i][j] -= P.complexAt((d * R + r) * N + i) *
                     std::conj(P.complexAt((d * R + r) * N + j));
    }
    Matrix b(N, std::vector<cdouble>(1));
    for (int64_t i = 0; i < N; ++i)
      b[i][0] = Bm.complexAt(d * N + i);
    Matrix abar, bbar;
    if (in.bilinear) {
      Matrix minus = identity(N), plus = identity(N);
      for (int64_t i = 0; i < N; ++i)
        for (int64_t j = 0; j < N; ++j) {
          minus[i][j] -= dt * M[i][j] / 2.0;
          plus[i][j] += dt * M[i][j] / 2.0;
        }
      abar = solve(minus, plus);
      for (auto &row : b)
        row[0] *= dt;
      bbar = solve(minus, b);
    } else {
      Matrix dtM = M;
      for (auto &row : dtM)
        for (auto &v : row)
          v *= dt;
      abar = expm(dtM);
      // Bbar = M^{-1} (Abar - I) Bm.
      Matrix rhs(N, std::vector<cdouble>(1, 0.0));
      for (int64_t i = 0; i < N; ++i)
        for (int64_t j = 0; j < N; ++j)
          rhs[i][0] += (abar[i][j] - (i == j ? 1.0 : 0.0)) * b[j][0];
      bbar = solve(M, rhs);
    }
    std::vector<cdouble> state(N);
    for (int64_t i = 0; i < N; ++i)
      state[i] = bbar[i][0];
    for (int64_t l = 0; l < len; ++l) {
      cdouble acc = 0;
      for (int64_t i = 0; i < N; ++i)
        acc += Cm.complexAt(d * N + i) * state[i];
      k.at({d, l}) = 2.0 * acc.real();
      state = apply(abar, state);
    }
  }
  return k;
}
