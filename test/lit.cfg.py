# -*- Python -*-
# lit configuration of the SSM regression tests.

import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "SSM"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py",
                   "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.ssm_obj_root, "test")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%ssm_obj_root", config.ssm_obj_root))
config.substitutions.append(("%examples", os.path.join(config.ssm_src_root,
                                                       "examples")))

# Captured FileCheck variables do not leak across CHECK-LABELs.
config.environment["FILECHECK_OPTS"] = "--enable-var-scope"

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

tool_dirs = [config.ssm_tools_dir, config.llvm_tools_dir]
tools = ["ssm-opt", "ssm-run", "ssm-compile", "ssm-star", "split-file"]
llvm_config.add_tool_substitutions(tools, tool_dirs)

# The CUDA toolkit's ptxas assembles the PTX that ssm-compile emits (tests
# that need it say REQUIRES: ptxas). Kernels run on a GPU where there is one
# (feature cuda-gpu), else in the emulator: %gpu_target says which.
ptxas = os.path.join(config.ssm_cuda_toolkit, "bin", "ptxas")
if os.access(ptxas, os.X_OK):
    config.available_features.add("ptxas")
    config.substitutions.append(("%ptxas", ptxas))
if os.path.exists("/dev/nvidiactl") and os.path.exists(
        os.path.join(config.ssm_obj_root, "lib", "libssm_runtime.so")):
    config.available_features.add("cuda-gpu")
    # The first GPU's architecture (e.g. "9.0" -> sm_90).
    import subprocess
    try:
        cap = subprocess.run(["nvidia-smi", "--query-gpu=compute_cap",
                              "--format=csv,noheader"], capture_output=True,
                             text=True, timeout=30).stdout.split()[0]
        arch = "sm_" + cap.replace(".", "")
    except (OSError, IndexError, subprocess.SubprocessError):
        arch = "sm_90"
    config.substitutions.append(("%cuda_arch", arch))
    config.substitutions.append(("%gpu_target",
                                 "--target=cuda --arch=" + arch))
    # sm_90a's kernels (wgmma) run on an sm_90 GPU, else in the emulator.
    config.substitutions.append(
        ("%wgmma_target",
         "--target=cuda --arch=sm_90a" if arch == "sm_90"
         else "--target=cuda-emulator --arch=sm_90a"))
else:
    # Without a GPU, the tests that run kernels run them in the emulator
    # (ssm-emulate-gpu: the sm_90 kernels on the host, a CPU thread per GPU
    # thread).
    config.substitutions.append(("%gpu_target",
                                 "--target=cuda-emulator --arch=sm_90"))
    config.substitutions.append(("%wgmma_target",
                                 "--target=cuda-emulator --arch=sm_90a"))
