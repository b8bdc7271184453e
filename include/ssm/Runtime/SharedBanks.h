//===- SharedBanks.h - bank conflicts of emulated kernels ------*- C++ -*-===//
//
// The emulator's account of shared-memory bank conflicts (see
// lib/Runtime/SharedBanks.cpp), kept when $SSM_EMULATOR_BANKS is set.
// Internal to libssm_cpu_runtime (GpuEmulator.cpp calls these) and its
// unit tests.
//
//===----------------------------------------------------------------------===//

#ifndef SSM_RUNTIME_SHAREDBANKS_H
#define SSM_RUNTIME_SHAREDBANKS_H

#include <cstdint>
#include <cstdio>

namespace ssm::emu {
/// Whether the account is kept ($SSM_EMULATOR_BANKS set, not "0").
bool banksEnabled();
/// GPU thread `thread`'s access of `bytes` at `address` in shared memory,
/// by the static access `site` (described by `name`).
void bankAccess(int64_t thread, uint64_t address, int32_t bytes,
                int32_t site, const char *name);
/// One warp's ldmatrix of `tiles` 8 x 8 matrices whose row addresses are
/// `rows[0 .. 8 tiles)` (called once per warp).
void bankLdmatrix(const uint64_t *rows, int32_t tiles, int32_t site,
                  const char *name);
/// The end of a block: its requests are complete.
void bankBlockEnd();
/// A launch's requests, and the wavefronts they take and would take
/// without bank conflicts.
struct BankTotals {
  uint64_t requests = 0, wavefronts = 0, ideal = 0;
};
/// The end of launch `launch`: prints its account on `out` (unless null),
/// returns its totals, and starts a new account.
BankTotals bankReport(const char *launch, std::FILE *out);
} // namespace ssm::emu

#endif // SSM_RUNTIME_SHAREDBANKS_H
