#!/usr/bin/python3
"""Chooses the shared-memory swizzle of ssm-fused-long-conv's transforms.

A model of the addresses that the one-row FFT kernel's warps give shared
memory (lib/Conversion/SSMToGPU/FusedLongConv.cpp: radix-16 stages on
tensor cores from 128 points, the radix-4 and radix-2 stages left over,
the spectra product's mirrored pairs; forward and inverse; real and
imaginary parts), counted in wavefronts as the emulator counts them
(lib/Runtime/SharedBanks.cpp: 32 banks of 4-byte words, a warp's 32 lanes
per request, as many wavefronts as the most distinct words in one bank).
For each transform length it tries every swizzle
    i -> i xor ((i >> s1 xor i >> s2 xor ...) & 31)
of at most three shifts from 1 to 13 and prints the one with the fewest
wavefronts per request against none and the previous default (5, 6, 8).
The table in FusedLongConv.cpp (swizzleShifts) is its output; the
emulator (SSM_EMULATOR_BANKS=1, test/Integration/CUDA/bank-conflicts.test)
checks the result on the kernels themselves.

  /usr/bin/python3 bench/fft_swizzle.py [LENGTH...]   (default 128..16384)
"""
import itertools
import sys

import numpy as np


def bit_reversed(x, bits):
    r = np.zeros_like(x)
    for b in range(bits):
        r |= ((x >> b) & 1) << (bits - 1 - b)
    return r


def requests(n):
    """The lanes' word addresses of each warp request (rows of 32)."""
    out = []
    bits = n.bit_length() - 1
    stages = bits // 4 if n >= 128 else 0
    lane = np.arange(32)
    g, t = lane // 4, lane % 4

    def both(a):  # the real part and the imaginary part, n words later
        out.append(a)
        out.append(a + n)

    def items(count):
        i = np.arange(0, count, 32)[:, None] + lane
        return i[(i < count).all(1)]

    def radix16(span):  # PhasedFFT::mmaStage, one warp per 8 columns
        c0 = np.arange(n // 16 // 8)[:, None] * 8

        def base(c):
            return (c // span) * 16 * span + c % span
        for r in range(2):
            for e in range(2):
                both(base(c0 + g) + (2 * t + 8 * r + e) * span)
        for r in range(4):
            both(base(c0 + 2 * t + r % 2) + (g + 8 * (r // 2)) * span)

    def radix4(q):
        j = items(n // 4)
        base = (j // q) * 4 * q + j % q
        for _ in range(2):  # loads, then stores
            for k in range(4):
                both(base + k * q)

    def radix2(half):
        j = items(n // 2)
        first = (j // half) * 2 * half + j % half
        for a in (first, first + half, first, first + half):
            both(a)

    def position(f):
        if not stages:
            return bit_reversed(f, bits)
        p = bit_reversed(f >> (4 * stages), bits - 4 * stages)
        for i in range(stages):
            p |= ((f >> (4 * i)) & 15) << (bits - 4 * (i + 1))
        return p

    for _ in range(2):  # the forward and the inverse transform
        span = n // 16
        for _ in range(stages):
            radix16(span)
            span //= 16
        half = (n >> (4 * stages)) // 2
        while half >= 1:
            if half >= 2:
                radix4(half // 2)
                half //= 4
            else:
                radix2(half)
                half //= 2
    f = np.arange(0, n // 2 + 1)
    f = f[: (len(f) // 32) * 32].reshape(-1, 32)
    for a in (position(f), position((n - f) % n)) * 2:
        both(a)
    return np.concatenate(out)


def wavefronts_per_request(addresses, shifts):
    folded = np.zeros_like(addresses)
    for s in shifts:
        folded ^= addresses >> s
    words = np.sort(addresses ^ (folded & 31), axis=1)
    repeated = np.zeros_like(words, dtype=bool)
    repeated[:, 1:] = words[:, 1:] == words[:, :-1]
    rows = np.broadcast_to(np.arange(len(words))[:, None], words.shape)
    counts = np.zeros((len(words), 32), np.int64)
    np.add.at(counts, (rows[~repeated], (words & 31)[~repeated]), 1)
    return counts.max(1).mean()


def main():
    lengths = [int(a) for a in sys.argv[1:]] or [
        128, 256, 512, 1024, 2048, 4096, 8192, 16384]
    for n in lengths:
        addresses = requests(n)
        bits = n.bit_length() - 1
        candidates = [c for k in (1, 2, 3)
                      for c in itertools.combinations(range(1, max(bits, 6)),
                                                      k)]
        scores = {c: wavefronts_per_request(addresses, c) for c in candidates}
        best = min(scores, key=scores.get)
        print(f"n {n}: best {best} {scores[best]:.2f}, (5, 6, 8) "
              f"{wavefronts_per_request(addresses, (5, 6, 8)):.2f}, none "
              f"{wavefronts_per_request(addresses, ()):.2f} wavefronts per "
              f"request", flush=True)


if __name__ == "__main__":
    main()
