//===- SharedBanks.cpp - bank conflicts of emulated kernels ---------------===//
//
// With $SSM_EMULATOR_BANKS set, the emulator counts the wavefronts that a
// GPU's shared memory would take to serve each kernel's accesses, and
// prints, at the end of each launch, how many more than without bank
// conflicts, by static access.
//
// The model (that of NVIDIA's GPUs since Volta): shared memory has 32
// banks of 4-byte words, word w in bank w mod 32. A warp-level request is
// the k-th execution of one static load or store by the lanes of one warp
// (lanes that diverge may pair up differently on the GPU). Its lanes are
// served in phases of 128 bytes: all 32 at once for accesses of 4 bytes or
// fewer, half warps for 8 bytes, quarter warps for 16. A phase takes as
// many wavefronts as the most distinct words that its lanes touch in any
// one bank (lanes that touch the same word share it); without conflicts,
// one. ldmatrix reads each 8 x 8 matrix (8 rows of 16 bytes) as a phase.
// Not counted: wgmma's operand reads and cp.async's writes.
//
//===----------------------------------------------------------------------===//

#include "ssm/Runtime/SharedBanks.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace {
constexpr int kBanks = 32, kWarpSize = 32, kMaxThreads = 1024;

/// A static access's requests, and their wavefronts with and without
/// conflicts.
struct Site {
  const char *name = "";
  uint64_t requests = 0, wavefronts = 0, ideal = 0;
};

/// A warp-level request as its lanes arrive.
struct Request {
  int32_t site = 0, bytes = 0;
  const char *name = "";
  uint32_t lanes = 0;
  uint64_t address[kWarpSize];
};

std::mutex mutex;
/// The requests of the current block, by (occurrence, site, warp).
std::unordered_map<uint64_t, Request> pending;
/// The current launch's sites.
std::map<int32_t, Site> sites;
/// How often each GPU thread of the current block has run each site
/// (touched only by the CPU thread that runs that GPU thread, and by
/// bankBlockEnd between blocks).
std::vector<std::unordered_map<int32_t, uint32_t>> runs(kMaxThreads);

/// The wavefronts of one phase: the lanes' accesses of `bytes` at
/// `address[i]`, for i in `lanes`.
uint64_t phaseWavefronts(const uint64_t *address, uint32_t lanes,
                         int32_t bytes) {
  std::vector<uint64_t> words;
  for (int i = 0; i < kWarpSize; ++i) {
    if (!(lanes & (uint32_t(1) << i)))
      continue;
    uint64_t first = address[i] / 4;
    uint64_t last = (address[i] + uint64_t(std::max(bytes, 1)) - 1) / 4;
    for (uint64_t w = first; w <= last; ++w)
      words.push_back(w);
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  int perBank[kBanks] = {};
  int most = 0;
  for (uint64_t w : words)
    most = std::max(most, ++perBank[w % kBanks]);
  return static_cast<uint64_t>(most);
}

/// Adds a complete request to its site.
void account(const Request &request) {
  Site &site = sites[request.site];
  site.name = request.name;
  ++site.requests;
  int lanesPerPhase =
      request.bytes <= 4 ? kWarpSize : std::max(1, 128 / request.bytes);
  for (int first = 0; first < kWarpSize; first += lanesPerPhase) {
    uint32_t phase =
        request.lanes &
        (lanesPerPhase == kWarpSize
             ? ~uint32_t(0)
             : ((uint32_t(1) << lanesPerPhase) - 1) << first);
    if (!phase)
      continue;
    site.wavefronts += phaseWavefronts(request.address, phase, request.bytes);
    ++site.ideal;
  }
}

double ratio(uint64_t wavefronts, uint64_t ideal) {
  return ideal ? double(wavefronts) / double(ideal) : 1.0;
}
} // namespace

bool ssm::emu::banksEnabled() {
  static const bool enabled = [] {
    const char *text = std::getenv("SSM_EMULATOR_BANKS");
    return text && *text && std::strcmp(text, "0") != 0;
  }();
  return enabled;
}

void ssm::emu::bankAccess(int64_t thread, uint64_t address, int32_t bytes,
                          int32_t site, const char *name) {
  if (thread < 0 || thread >= kMaxThreads)
    return;
  uint64_t occurrence = runs[thread][site]++;
  uint64_t key = occurrence << 32 |
                 (uint64_t(uint32_t(site)) & 0x7ffffff) << 5 |
                 uint64_t(thread / kWarpSize);
  std::lock_guard<std::mutex> lock(mutex);
  Request &request = pending[key];
  if (!request.lanes) {
    request.site = site;
    request.bytes = bytes;
    request.name = name ? name : "?";
  }
  request.address[thread % kWarpSize] = address;
  request.lanes |= uint32_t(1) << (thread % kWarpSize);
}

void ssm::emu::bankLdmatrix(const uint64_t *rows, int32_t tiles, int32_t site,
                            const char *name) {
  std::lock_guard<std::mutex> lock(mutex);
  Site &entry = sites[site];
  entry.name = name ? name : "?";
  ++entry.requests;
  for (int32_t j = 0; j < tiles; ++j) {
    entry.wavefronts += phaseWavefronts(rows + 8 * j, 0xff, 16);
    ++entry.ideal;
  }
}

void ssm::emu::bankBlockEnd() {
  std::lock_guard<std::mutex> lock(mutex);
  for (auto &[key, request] : pending)
    account(request);
  pending.clear();
  for (auto &counts : runs)
    counts.clear();
}

ssm::emu::BankTotals ssm::emu::bankReport(const char *launch,
                                          std::FILE *out) {
  bankBlockEnd();
  std::lock_guard<std::mutex> lock(mutex);
  if (sites.empty())
    return {};
  // The sites by name (the static accesses of one phase, say).
  std::map<std::string, Site> named;
  Site total;
  for (const auto &[id, site] : sites) {
    Site &entry = named[site.name];
    entry.name = site.name;
    for (Site *sum : {&entry, &total}) {
      sum->requests += site.requests;
      sum->wavefronts += site.wavefronts;
      sum->ideal += site.ideal;
    }
  }
  BankTotals totals{total.requests, total.wavefronts, total.ideal};
  sites.clear();
  if (!out)
    return totals;
  std::fprintf(out,
               "ssm gpu emulator: shared memory of %s: %llu requests, %llu "
               "wavefronts for %llu without bank conflicts (%.2fx)\n",
               launch, static_cast<unsigned long long>(total.requests),
               static_cast<unsigned long long>(total.wavefronts),
               static_cast<unsigned long long>(total.ideal),
               ratio(total.wavefronts, total.ideal));
  // Those that cost most wavefronts beyond their ideal first.
  std::vector<const Site *> conflicted;
  for (const auto &[name, site] : named)
    if (site.wavefronts > site.ideal)
      conflicted.push_back(&site);
  std::stable_sort(conflicted.begin(), conflicted.end(),
                   [](const Site *x, const Site *y) {
                     return x->wavefronts - x->ideal >
                            y->wavefronts - y->ideal;
                   });
  for (const Site *site : conflicted)
    std::fprintf(out,
                 "ssm gpu emulator:   %.2fx %llu requests, %llu extra "
                 "wavefronts: %s\n",
                 ratio(site->wavefronts, site->ideal),
                 static_cast<unsigned long long>(site->requests),
                 static_cast<unsigned long long>(site->wavefronts -
                                                 site->ideal),
                 site->name);
  return totals;
}
