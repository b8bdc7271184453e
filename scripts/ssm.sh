#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine:
#   scripts/ssm.sh demo   install what is missing, build, run the demo
#   scripts/ssm.sh test   install what is missing, build, run every test
#   scripts/ssm.sh build  install what is missing and build
#   scripts/ssm.sh bench  also install the benchmark peers, run bench/run.py
# Packages come from Debian only. Set SSM_BUILD_DIR to build elsewhere.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${SSM_BUILD_DIR:-$root/build}"
python=/usr/bin/python3 # Debian's interpreter: it sees python3-numpy/pytest

packages=(
  cmake ninja-build gcc g++ git
  llvm-22-dev libmlir-22-dev mlir-22-tools llvm-22-tools libomp-22-dev
  libgtest-dev python3-numpy python3-pytest
)

# Peers and plotting for bench/ only; the compiler never uses them.
bench_packages=(python3-torch python3-matplotlib libopenblas-dev python3-pyfftw)

install_packages() {
  local missing=()
  for p in "${packages[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "== installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q \
    --no-install-recommends "${missing[@]}"
}

configure_and_build() {
  echo "== building in $build"
  cmake -G Ninja -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release
  # Two jobs: the project is built on 2-core machines.
  cmake --build "$build" -j "${SSM_JOBS:-2}" --target ssm-opt ssm-run ssm-compile SSMUnitTests
}

demo() {
  local example="$root/examples/mamba_mixer.mlir"
  echo "== ssm-opt $example"
  "$build/bin/ssm-opt" "$example"
  echo "== ssm-run --reference on random inputs"
  "$build/bin/ssm-run" "$example" --reference --random-inputs --seed 1 \
    --output-dir "$build/demo"
}

run_tests() {
  echo "== lit regression and unit tests"
  cmake --build "$build" -j "${SSM_JOBS:-2}" --target check-ssm
  echo "== python tests"
  SSM_BUILD_DIR="$build" "$python" -m pytest -q "$root/python/tests"
}

case "${1:-}" in
  demo) install_packages; configure_and_build; demo ;;
  test) install_packages; configure_and_build; run_tests ;;
  build) install_packages; configure_and_build ;;
  bench)
    shift
    install_packages "${bench_packages[@]}"; configure_and_build
    "$python" "$root/bench/run.py" --build "$build" "$@" ;;
  *) echo "usage: $0 demo|test|build|bench [bench options]" >&2; exit 2 ;;
esac
