//===- Random.h - Deterministic pseudo-random numbers ----------*- C++ -*-===//
//
// The search's only source of randomness. It is spelled out here rather than
// taken from <random> because the std:: distributions are
// implementation-defined: the same seed would give different searches with
// libstdc++ and libc++.
//
//===----------------------------------------------------------------------===//

#ifndef SSM_GENOME_RANDOM_H
#define SSM_GENOME_RANDOM_H

#include <cassert>
#include <cstdint>

namespace ssm::genome {

/// A small deterministic generator (splitmix64 seeding + xoshiro256**), so that
/// a search gives the same result for a seed on every platform (std::
/// distributions are implementation-defined).
class Random {
public:
  explicit Random(uint64_t seed) {
    // splitmix64 spreads any seed, 0 included, over the four words; xoshiro
    // must not start from the all-zero state and splitmix never yields it.
    uint64_t x = seed;
    for (uint64_t &word : state) {
      x += 0x9e3779b97f4a7c15ULL;
      uint64_t z = x;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      word = z ^ (z >> 31);
    }
  }

  /// The next 64 random bits.
  uint64_t next() {
    uint64_t result = rotl(state[1] * 5, 7) * 9;
    uint64_t t = state[1] << 17;
    state[2] ^= state[0];
    state[3] ^= state[1];
    state[1] ^= state[2];
    state[0] ^= state[3];
    state[2] ^= t;
    state[3] = rotl(state[3], 45);
    return result;
  }

  /// Uniform integer in [0, n); n > 0.
  uint64_t below(uint64_t n) {
    assert(n > 0 && "below(0) has no value to return");
    if (n == 0)
      return 0;
    // Reject the lowest 2^64 mod n values so that every residue is drawn from
    // equally many raw values; plain modulo would favour the small ones.
    uint64_t threshold = (0 - n) % n;
    while (true) {
      uint64_t r = next();
      if (r >= threshold)
        return r % n;
    }
  }

  /// Uniform integer in [lo, hi], inclusive; lo <= hi.
  int64_t between(int64_t lo, int64_t hi) {
    assert(lo <= hi && "empty range");
    if (hi <= lo)
      return lo;
    // Unsigned arithmetic: hi - lo may not fit in int64_t.
    uint64_t span = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo);
    uint64_t offset = span == UINT64_MAX ? next() : below(span + 1);
    return static_cast<int64_t>(static_cast<uint64_t>(lo) + offset);
  }

  /// Uniform double in [0, 1) (53 random bits).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  /// True with probability p (never for p <= 0, always for p >= 1).
  bool chance(double p) { return uniform() < p; }

private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  uint64_t state[4];
};

} // namespace ssm::genome

#endif // SSM_GENOME_RANDOM_H
