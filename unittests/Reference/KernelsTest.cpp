//===- KernelsTest.cpp - The reference formulas against independent checks -===//
//
// Each op is checked against a small hand-computed case and against an
// algebraic identity computed another way (FFT vs direct convolution, dense
// matrices for Monarch and butterfly, LTI scan vs kernel + convolution, SSD
// with P = 1 vs the selective scan).
//
//===----------------------------------------------------------------------===//

#include "ssm/Reference/Kernels.h"

#include "gtest/gtest.h"

#include <cmath>
#include <random>

using namespace ssm::ref;
using cdouble = std::complex<double>;

namespace {

Tensor random(std::vector<int64_t> shape, std::mt19937_64 &rng,
              double lo = -1.0, double hi = 1.0, bool complex = false) {
  Tensor t(std::move(shape), complex);
  std::uniform_real_distribution<double> dist(lo, hi);
  for (double &v : t.data())
    v = dist(rng);
  return t;
}

Tensor fromValues(std::vector<int64_t> shape, std::vector<double> values) {
  Tensor t(std::move(shape));
  t.data() = std::move(values);
  return t;
}

/// max |a - b| / max(1, max |b|).
double relativeError(const Tensor &a, const Tensor &b) {
  EXPECT_EQ(a.shape(), b.shape());
  double diff = 0, scale = 1;
  for (size_t i = 0; i < a.data().size(); ++i) {
    diff = std::max(diff, std::fabs(a.data()[i] - b.data()[i]));
    scale = std::max(scale, std::fabs(b.data()[i]));
  }
  return diff / scale;
}

constexpr double kTol = 1e-12;

//===----------------------------------------------------------------------===//
// Attention
//===----------------------------------------------------------------------===//

TEST(AttentionTest, HandComputedSoftmax) {
  // One query [1, 0], keys [1, 0] and [0, 1], values 10 and 20, scale 1:
  // weights are e/(e+1) and 1/(e+1).
  Tensor q = fromValues({1, 1, 1, 2}, {1, 0});
  Tensor k = fromValues({1, 1, 2, 2}, {1, 0, 0, 1});
  Tensor v = fromValues({1, 1, 2, 1}, {10, 20});
  AttentionOptions options;
  options.scale = 1.0;
  Tensor y = attention(q, k, v, options);
  double e = std::exp(1.0);
  EXPECT_NEAR(y[0], (10 * e + 20) / (e + 1), kTol);
}

TEST(AttentionTest, CausalIsBottomRightAlignedAndEmptyRowsAreZero) {
  std::mt19937_64 rng(1);
  // Lq = 3 > Lk = 2: shift = -1, so query 0 sees no key and yields 0,
  // query 1 sees key 0 only (its output is v[0]), query 2 sees keys 0 and 1.
  Tensor q = random({1, 1, 3, 4}, rng), k = random({1, 1, 2, 4}, rng),
         v = random({1, 1, 2, 3}, rng);
  AttentionOptions options;
  options.causal = true;
  Tensor y = attention(q, k, v, options);
  for (int e = 0; e < 3; ++e) {
    EXPECT_EQ(y.at({0, 0, 0, e}), 0.0);
    EXPECT_NEAR(y.at({0, 0, 1, e}), v.at({0, 0, 0, e}), kTol);
  }
  // Window 1 keeps only the diagonal key j = i + shift.
  options.window = 1;
  Tensor w = attention(q, k, v, options);
  for (int e = 0; e < 3; ++e)
    EXPECT_NEAR(w.at({0, 0, 2, e}), v.at({0, 0, 1, e}), kTol);
}

TEST(AttentionTest, GroupedQueryEqualsRepeatedKeyValueHeads) {
  std::mt19937_64 rng(2);
  int64_t B = 2, H = 8, Hk = 2, L = 5, E = 3;
  Tensor q = random({B, H, L, E}, rng), k = random({B, Hk, L, E}, rng),
         v = random({B, Hk, L, E}, rng);
  Tensor kRep({B, H, L, E}), vRep({B, H, L, E});
  for (int64_t b = 0; b < B; ++b)
    for (int64_t h = 0; h < H; ++h)
      for (int64_t l = 0; l < L; ++l)
        for (int64_t e = 0; e < E; ++e) {
          kRep.at({b, h, l, e}) = k.at({b, h / (H / Hk), l, e});
          vRep.at({b, h, l, e}) = v.at({b, h / (H / Hk), l, e});
        }
  AttentionOptions options;
  options.causal = true;
  EXPECT_LT(relativeError(attention(q, k, v, options),
                          attention(q, kRep, vRep, options)),
            kTol);
}

//===----------------------------------------------------------------------===//
// Linear attention
//===----------------------------------------------------------------------===//

TEST(LinearAttentionTest, Taylor2FeaturesGiveSecondOrderExpansion) {
  std::mt19937_64 rng(3);
  Tensor a = random({4}, rng), b = random({4}, rng);
  std::vector<double> pa = featureMap(FeatureMap::Taylor2, a.data().data(), 4),
                      pb = featureMap(FeatureMap::Taylor2, b.data().data(), 4);
  ASSERT_EQ(pa.size(), 1u + 4 + 16);
  double dot = 0, qk = 0;
  for (size_t i = 0; i < pa.size(); ++i)
    dot += pa[i] * pb[i];
  for (int i = 0; i < 4; ++i)
    qk += a[i] * b[i];
  EXPECT_NEAR(dot, 1 + qk + qk * qk / 2, kTol);
}

TEST(LinearAttentionTest, HandComputedCausalNormalized) {
  // E = 1, identity map: y_1 = (q1 k0 v0 + q1 k1 v1) / (q1 k0 + q1 k1).
  Tensor q = fromValues({1, 1, 2, 1}, {2, 3});
  Tensor k = fromValues({1, 1, 2, 1}, {1, 2});
  Tensor v = fromValues({1, 1, 2, 1}, {5, 7});
  LinearAttentionOptions options;
  options.causal = true;
  Tensor y = linearAttention(q, k, v, options);
  EXPECT_NEAR(y[0], 2 * 1 * 5, kTol);
  EXPECT_NEAR(y[1], 3 * 1 * 5 + 3 * 2 * 7, kTol);
  options.normalize = true;
  Tensor n = linearAttention(q, k, v, options);
  EXPECT_NEAR(n[0], 5, kTol);
  EXPECT_NEAR(n[1], (3.0 * 5 + 6.0 * 7) / (3 + 6), kTol);
  // Elu1 of a negative input is exp(x).
  double x = -0.5;
  EXPECT_NEAR(featureMap(FeatureMap::Elu1, &x, 1)[0], std::exp(-0.5), kTol);
}

//===----------------------------------------------------------------------===//
// Scans
//===----------------------------------------------------------------------===//

TEST(ScanTest, SoftplusAndSilu) {
  EXPECT_NEAR(softplus(0.0), std::log(2.0), kTol);
  EXPECT_NEAR(softplus(800.0), 800.0, kTol); // no overflow
  EXPECT_NEAR(softplus(-3.0), std::log1p(std::exp(-3.0)), kTol);
  EXPECT_NEAR(silu(2.0), 2.0 / (1 + std::exp(-2.0)), kTol);
}

TEST(ScanTest, SelectiveScanHandComputed) {
  // D = N = 1, L = 2: h0 = dt0 B0 x0, h1 = exp(dt1 A) h0 + dt1 B1 x1.
  Tensor x = fromValues({1, 2, 1}, {1, 2});
  Tensor delta = fromValues({1, 2, 1}, {0.5, 0.25});
  Tensor A = fromValues({1, 1}, {-1});
  Tensor Bm = fromValues({1, 2, 1, 1}, {3, 4});
  Tensor Cm = fromValues({1, 2, 1, 1}, {2, -1});
  Tensor skip = fromValues({1}, {10});
  SelectiveScanInputs in;
  in.x = &x;
  in.delta = &delta;
  in.A = &A;
  in.Bm = &Bm;
  in.Cm = &Cm;
  in.skip = &skip;
  auto [y, hT] = selectiveScan(in);
  double h0 = 0.5 * 3 * 1, h1 = std::exp(-0.25) * h0 + 0.25 * 4 * 2;
  EXPECT_NEAR(y[0], 2 * h0 + 10 * 1, kTol);
  EXPECT_NEAR(y[1], -1 * h1 + 10 * 2, kTol);
  EXPECT_NEAR(hT[0], h1, kTol);
}

TEST(ScanTest, SelectiveScanResumesFromItsFinalState) {
  // Scanning [0, L) equals scanning [0, T) then [T, L) from the state at T.
  std::mt19937_64 rng(4);
  int64_t B = 2, L = 9, T = 4, D = 4, G = 2, N = 3;
  Tensor x = random({B, L, D}, rng), delta = random({B, L, D}, rng),
         A = random({D, N}, rng, -2, -0.1), Bm = random({B, L, G, N}, rng),
         Cm = random({B, L, G, N}, rng), z = random({B, L, D}, rng);
  auto slice = [](const Tensor &t, int64_t from, int64_t to) {
    std::vector<int64_t> shape = t.shape();
    int64_t inner = t.numElements() / (shape[0] * shape[1]);
    shape[1] = to - from;
    Tensor s(shape);
    for (int64_t b = 0; b < shape[0]; ++b)
      for (int64_t l = from; l < to; ++l)
        for (int64_t i = 0; i < inner; ++i)
          s[(b * (to - from) + (l - from)) * inner + i] =
              t[(b * t.dim(1) + l) * inner + i];
    return s;
  };
  SelectiveScanInputs full{&x, &delta, &A, &Bm, &Cm};
  full.gate = &z;
  full.deltaSoftplus = true;
  auto [y, hT] = selectiveScan(full);

  Tensor x0 = slice(x, 0, T), d0 = slice(delta, 0, T), b0 = slice(Bm, 0, T),
         c0 = slice(Cm, 0, T), z0 = slice(z, 0, T);
  Tensor x1 = slice(x, T, L), d1 = slice(delta, T, L), b1 = slice(Bm, T, L),
         c1 = slice(Cm, T, L), z1 = slice(z, T, L);
  SelectiveScanInputs first{&x0, &d0, &A, &b0, &c0};
  first.gate = &z0;
  first.deltaSoftplus = true;
  auto [yA, hA] = selectiveScan(first);
  SelectiveScanInputs second{&x1, &d1, &A, &b1, &c1};
  second.gate = &z1;
  second.init = &hA;
  second.deltaSoftplus = true;
  auto [yB, hB] = selectiveScan(second);
  EXPECT_LT(relativeError(yA, slice(y, 0, T)), kTol);
  EXPECT_LT(relativeError(yB, slice(y, T, L)), kTol);
  EXPECT_LT(relativeError(hB, hT), kTol);
}

TEST(ScanTest, LTISelectiveScanEqualsKernelThenLongConv) {
  // With constant dt, B, C the scan is LTI: y = long_conv(x, k) + skip * x,
  // k[d,l] = sum_n C[n] exp(dt A[d,n])^l dt B[n]. ssm_kernel's ZOH form gives
  // Bbar = (Abar - 1)/A * Bm, so Bm = dt B A / (Abar - 1) and Cm = C / 2
  // (the kernel takes 2 Re of a real sum).
  std::mt19937_64 rng(5);
  int64_t L = 11, D = 3, N = 4;
  double dt = 0.3;
  Tensor x = random({1, L, D}, rng), A = random({D, N}, rng, -2, -0.1),
         b = random({N}, rng), c = random({N}, rng), skip = random({D}, rng);
  Tensor delta({1, L, D}), Bm({1, L, 1, N}), Cm({1, L, 1, N});
  for (int64_t l = 0; l < L; ++l) {
    for (int64_t d = 0; d < D; ++d)
      delta.at({0, l, d}) = dt;
    for (int64_t n = 0; n < N; ++n) {
      Bm.at({0, l, 0, n}) = b[n];
      Cm.at({0, l, 0, n}) = c[n];
    }
  }
  SelectiveScanInputs scan{&x, &delta, &A, &Bm, &Cm};
  scan.skip = &skip;
  Tensor y = selectiveScan(scan).first;

  Tensor kA({D, N}, true), kB({D, N}, true), kC({D, N}, true), logDt({D});
  for (int64_t d = 0; d < D; ++d) {
    logDt[d] = std::log(dt);
    for (int64_t n = 0; n < N; ++n) {
      double a = A.at({d, n});
      kA.setComplex(d * N + n, a);
      kB.setComplex(d * N + n, dt * b[n] * a / (std::exp(dt * a) - 1));
      kC.setComplex(d * N + n, c[n] / 2);
    }
  }
  SSMKernelInputs kernelIn{&kA, &kB, &kC, &logDt};
  kernelIn.length = L;
  Tensor k = ssmKernel(kernelIn);
  EXPECT_LT(relativeError(longConv(x, k, &skip, false), y), 1e-12);
}

TEST(ScanTest, SSDWithOneHeadDimEqualsSelectiveScan) {
  std::mt19937_64 rng(6);
  int64_t B = 2, L = 7, H = 4, G = 2, N = 3;
  Tensor x = random({B, L, H, 1}, rng), dt = random({B, L, H}, rng),
         A = random({H}, rng, -2, -0.1), Bm = random({B, L, G, N}, rng),
         Cm = random({B, L, G, N}, rng), skip = random({H}, rng),
         init = random({B, H, 1, N}, rng);
  SSDInputs in{&x, &dt, &A, &Bm, &Cm};
  in.skip = &skip;
  in.init = &init;
  in.dtSoftplus = true;
  auto [y, hT] = ssd(in);

  Tensor xs = x.reshaped({B, L, H}), As({H, N}), inits = init.reshaped({B, H, N});
  for (int64_t h = 0; h < H; ++h)
    for (int64_t n = 0; n < N; ++n)
      As.at({h, n}) = A[h];
  SelectiveScanInputs scan{&xs, &dt, &As, &Bm, &Cm};
  scan.skip = &skip;
  scan.init = &inits;
  scan.deltaSoftplus = true;
  auto [ys, hs] = selectiveScan(scan);
  EXPECT_LT(relativeError(y.reshaped({B, L, H}), ys), kTol);
  EXPECT_LT(relativeError(hT.reshaped({B, H, N}), hs), kTol);
}

//===----------------------------------------------------------------------===//
// Convolutions
//===----------------------------------------------------------------------===//

/// In-place radix-2 FFT (inverse when `inverse`, unscaled).
void fft(std::vector<cdouble> &a, bool inverse) {
  size_t n = a.size();
  for (size_t i = 1, j = 0; i < n; ++i) {
    size_t bit = n >> 1;
    for (; j & bit; bit >>= 1)
      j ^= bit;
    j ^= bit;
    if (i < j)
      std::swap(a[i], a[j]);
  }
  for (size_t len = 2; len <= n; len <<= 1) {
    double angle = 2 * M_PI / double(len) * (inverse ? 1 : -1);
    cdouble wl(std::cos(angle), std::sin(angle));
    for (size_t i = 0; i < n; i += len) {
      cdouble w(1);
      for (size_t j = 0; j < len / 2; ++j) {
        cdouble u = a[i + j], v = a[i + j + len / 2] * w;
        a[i + j] = u + v;
        a[i + j + len / 2] = u - v;
        w *= wl;
      }
    }
  }
}

TEST(ConvTest, CausalLongConvEqualsFFTConvolution) {
  std::mt19937_64 rng(7);
  for (int64_t Lk : {1, 5, 13, 20}) {
    int64_t B = 2, L = 13, D = 3;
    Tensor u = random({B, L, D}, rng), k = random({D, Lk}, rng),
           bias = random({D}, rng);
    Tensor direct = longConv(u, k, &bias, false);
    Tensor viaFFT({B, L, D});
    size_t n = 1;
    while (n < size_t(L + Lk))
      n <<= 1;
    for (int64_t b = 0; b < B; ++b)
      for (int64_t d = 0; d < D; ++d) {
        std::vector<cdouble> fu(n), fk(n);
        for (int64_t t = 0; t < L; ++t)
          fu[t] = u.at({b, t, d});
        for (int64_t s = 0; s < Lk; ++s)
          fk[s] = k.at({d, s});
        fft(fu, false);
        fft(fk, false);
        for (size_t i = 0; i < n; ++i)
          fu[i] *= fk[i];
        fft(fu, true);
        for (int64_t t = 0; t < L; ++t)
          viaFFT.at({b, t, d}) =
              fu[t].real() / double(n) + bias[d] * u.at({b, t, d});
      }
    EXPECT_LT(relativeError(direct, viaFFT), 1e-12) << "Lk = " << Lk;
  }
}

TEST(ConvTest, CircularLongConvEqualsDFTProduct) {
  std::mt19937_64 rng(8);
  int64_t L = 7, D = 2;
  Tensor u = random({1, L, D}, rng), k = random({D, L}, rng);
  Tensor y = longConv(u, k, nullptr, true);
  for (int64_t d = 0; d < D; ++d) {
    // DFT(y) = DFT(u) * DFT(k) for a circular convolution.
    for (int64_t f = 0; f < L; ++f) {
      cdouble fy = 0, fu = 0, fk = 0;
      for (int64_t t = 0; t < L; ++t) {
        cdouble w = std::polar(1.0, -2 * M_PI * double(f * t) / double(L));
        fy += y.at({0, t, d}) * w;
        fu += u.at({0, t, d}) * w;
        fk += k.at({d, t}) * w;
      }
      EXPECT_LT(std::abs(fy - fu * fk), 1e-12);
    }
  }
}

TEST(ConvTest, ShortConvHandComputed) {
  // W = 2: y_t = act(w0 u_t + w1 u_{t-1} + b).
  Tensor u = fromValues({1, 3, 1}, {1, 2, 3});
  Tensor w = fromValues({1, 2}, {0.5, -1});
  Tensor bias = fromValues({1}, {0.25});
  Tensor y = shortConv(u, w, &bias, false);
  EXPECT_NEAR(y[0], 0.5 + 0.25, kTol);
  EXPECT_NEAR(y[1], 1.0 - 1.0 + 0.25, kTol);
  EXPECT_NEAR(y[2], 1.5 - 2.0 + 0.25, kTol);
  Tensor s = shortConv(u, w, &bias, true);
  EXPECT_NEAR(s[2], silu(-0.25), kTol);
  // The same filter as a causal long convolution.
  EXPECT_LT(relativeError(shortConv(u, w, nullptr, false),
                          longConv(u, w, nullptr, false)),
            kTol);
}

//===----------------------------------------------------------------------===//
// Structured matrices
//===----------------------------------------------------------------------===//

using Dense = std::vector<std::vector<double>>;

Dense matmul(const Dense &a, const Dense &b) {
  Dense c(a.size(), std::vector<double>(b[0].size(), 0.0));
  for (size_t i = 0; i < a.size(); ++i)
    for (size_t l = 0; l < b.size(); ++l)
      for (size_t j = 0; j < b[0].size(); ++j)
        c[i][j] += a[i][l] * b[l][j];
  return c;
}

/// y = M x for every row of `x`, as a tensor of x's shape.
Tensor applyDense(const Dense &m, const Tensor &x) {
  int64_t n = m.size();
  Tensor y(x.shape());
  for (int64_t r = 0; r < x.numElements() / n; ++r)
    for (int64_t i = 0; i < n; ++i)
      for (int64_t j = 0; j < n; ++j)
        y[r * n + i] += m[i][j] * x[r * n + j];
  return y;
}

TEST(MonarchTest, EqualsPermutedBlockDiagonalProduct) {
  // M = P^T blockdiag(L_j) P blockdiag(R_a), where P sends index a*k + j to
  // j*m + a (the transpose of an m x k grid).
  std::mt19937_64 rng(9);
  int64_t m = 3, k = 4, n = m * k;
  Tensor R = random({m, k, k}, rng), L = random({k, m, m}, rng),
         x = random({2, 5, n}, rng);
  Dense blockR(n, std::vector<double>(n, 0)), blockL = blockR, perm = blockR,
        permT = blockR;
  for (int64_t a = 0; a < m; ++a)
    for (int64_t j = 0; j < k; ++j)
      for (int64_t c = 0; c < k; ++c)
        blockR[a * k + j][a * k + c] = R.at({a, j, c});
  for (int64_t j = 0; j < k; ++j)
    for (int64_t b = 0; b < m; ++b)
      for (int64_t a = 0; a < m; ++a)
        blockL[j * m + b][j * m + a] = L.at({j, b, a});
  for (int64_t a = 0; a < m; ++a)
    for (int64_t j = 0; j < k; ++j) {
      perm[j * m + a][a * k + j] = 1;
      permT[a * k + j][j * m + a] = 1;
    }
  Dense M = matmul(permT, matmul(blockL, matmul(perm, blockR)));
  EXPECT_LT(relativeError(monarch(x, R, L), applyDense(M, x)), kTol);
}

TEST(ButterflyTest, EqualsProductOfDenseFactors) {
  std::mt19937_64 rng(10);
  for (int64_t logN : {0, 1, 3, 4}) {
    int64_t n = int64_t(1) << logN;
    Tensor w = random({logN, n / 2, 2, 2}, rng), x = random({3, n}, rng);
    Dense M(n, std::vector<double>(n, 0));
    for (int64_t i = 0; i < n; ++i)
      M[i][i] = 1;
    for (int64_t s = 0; s < logN; ++s) {
      int64_t half = int64_t(1) << s;
      Dense factor(n, std::vector<double>(n, 0));
      for (int64_t blk = 0; blk < n / (2 * half); ++blk)
        for (int64_t o = 0; o < half; ++o) {
          int64_t i = blk * 2 * half + o, j = i + half, p = blk * half + o;
          factor[i][i] = w.at({s, p, 0, 0});
          factor[i][j] = w.at({s, p, 0, 1});
          factor[j][i] = w.at({s, p, 1, 0});
          factor[j][j] = w.at({s, p, 1, 1});
        }
      M = matmul(factor, M); // B_s applied after B_{s-1}
    }
    EXPECT_LT(relativeError(butterfly(x, w), applyDense(M, x)), kTol)
        << "n = " << n;
  }
}

//===----------------------------------------------------------------------===//
// SSM kernels
//===----------------------------------------------------------------------===//

TEST(SSMKernelTest, DiagonalHandComputed) {
  // N = 1, A = -1, Bm = Cm = 1, dt = 1.
  Tensor A({1, 1}, true), Bm({1, 1}, true), Cm({1, 1}, true), logDt({1});
  A.setComplex(0, -1.0);
  Bm.setComplex(0, 1.0);
  Cm.setComplex(0, 1.0);
  SSMKernelInputs in{&A, &Bm, &Cm, &logDt};
  in.length = 4;
  Tensor zoh = ssmKernel(in);
  for (int l = 0; l < 4; ++l)
    EXPECT_NEAR(zoh[l], 2 * (1 - std::exp(-1.0)) * std::exp(-1.0 * l), kTol);
  // Bilinear: Abar = (1 - 1/2)/(1 + 1/2) = 1/3, Bbar = 1/(1 + 1/2) = 2/3.
  in.bilinear = true;
  Tensor bil = ssmKernel(in);
  for (int l = 0; l < 4; ++l)
    EXPECT_NEAR(bil[l], 2 * (2.0 / 3) * std::pow(1.0 / 3, l), kTol);
}

TEST(SSMKernelTest, ZeroLowRankEqualsDiagonal) {
  std::mt19937_64 rng(11);
  int64_t D = 2, N = 3, R = 2;
  Tensor A = random({D, N}, rng, -1, 1, true), Bm = random({D, N}, rng, -1, 1, true),
         Cm = random({D, N}, rng, -1, 1, true), logDt = random({D}, rng);
  for (int64_t i = 0; i < D * N; ++i) // stable: negative real parts
    A.setComplex(i, {-std::fabs(A.complexAt(i).real()) - 0.1,
                     A.complexAt(i).imag()});
  Tensor P({D, R, N}, true);
  for (bool bilinear : {false, true}) {
    SSMKernelInputs diag{&A, &Bm, &Cm, &logDt};
    diag.length = 9;
    diag.bilinear = bilinear;
    SSMKernelInputs nplr = diag;
    nplr.lowRank = &P;
    EXPECT_LT(relativeError(ssmKernel(nplr), ssmKernel(diag)), 1e-12);
  }
}

TEST(SSMKernelTest, LowRankMatchesExplicitTwoStateSystem) {
  // N = 2, R = 1, real P = [p, p]: M = [[a - p^2, -p^2], [-p^2, b - p^2]].
  // Bilinear Abar and Bbar of a 2x2 system, then k[l] = 2 C^T Abar^l Bbar.
  double a = -1, b = -2, p = 0.5, dt = 0.5;
  Tensor A({1, 2}, true), Bm({1, 2}, true), Cm({1, 2}, true), logDt({1}),
      P({1, 1, 2}, true);
  A.setComplex(0, a);
  A.setComplex(1, b);
  Bm.setComplex(0, 1.0);
  Bm.setComplex(1, 0.5);
  Cm.setComplex(0, 1.0);
  Cm.setComplex(1, -1.0);
  P.setComplex(0, p);
  P.setComplex(1, p);
  logDt[0] = std::log(dt);
  SSMKernelInputs in{&A, &Bm, &Cm, &logDt, &P};
  in.length = 5;
  in.bilinear = true;
  Tensor k = ssmKernel(in);

  double m[2][2] = {{a - p * p, -p * p}, {-p * p, b - p * p}};
  // (I - dt M/2)^{-1} via the 2x2 inverse formula.
  double s[2][2] = {{1 - dt * m[0][0] / 2, -dt * m[0][1] / 2},
                    {-dt * m[1][0] / 2, 1 - dt * m[1][1] / 2}};
  double det = s[0][0] * s[1][1] - s[0][1] * s[1][0];
  double inv[2][2] = {{s[1][1] / det, -s[0][1] / det},
                      {-s[1][0] / det, s[0][0] / det}};
  double plus[2][2] = {{1 + dt * m[0][0] / 2, dt * m[0][1] / 2},
                       {dt * m[1][0] / 2, 1 + dt * m[1][1] / 2}};
  double abar[2][2];
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j)
      abar[i][j] = inv[i][0] * plus[0][j] + inv[i][1] * plus[1][j];
  double state[2] = {dt * (inv[0][0] * 1 + inv[0][1] * 0.5),
                     dt * (inv[1][0] * 1 + inv[1][1] * 0.5)};
  for (int l = 0; l < 5; ++l) {
    EXPECT_NEAR(k[l], 2 * (state[0] - state[1]), 1e-12) << "l = " << l;
    double next[2] = {abar[0][0] * state[0] + abar[0][1] * state[1],
                      abar[1][0] * state[0] + abar[1][1] * state[1]};
    state[0] = next[0];
    state[1] = next[1];
  }
}

} // namespace
