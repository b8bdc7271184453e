"""Calls functions of a library built by `ssm-compile --target=cpu` from NumPy.

Each public function `f` of the module is exported as the C entry point
`_mlir_ciface_f(results*, args*...)` taking strided memref descriptors
({allocated, aligned, offset, sizes[r], strides[r]}, all 8-byte words).
"""
import ctypes
import os
import subprocess
import tempfile
import weakref

import numpy as np

_libc = ctypes.CDLL(None)
_libc.free.argtypes = [ctypes.c_void_p]


def _descriptor(array):
    """The descriptor words of a C-contiguous array (kept alive by the caller)."""
    rank = array.ndim
    words = (ctypes.c_int64 * (3 + 2 * rank))()
    words[0] = words[1] = array.ctypes.data
    words[2] = 0
    for i, size in enumerate(array.shape):
        words[3 + i] = size
        words[3 + rank + i] = array.strides[i] // array.itemsize
    return words


class CompiledModule:
    """A module compiled to a shared library, with typed entry points."""

    def __init__(self, mlir_text, ssm_compile, workdir=None):
        self._dir = workdir or tempfile.mkdtemp(prefix="ssm-bench-")
        source = os.path.join(self._dir, "module.mlir")
        self.path = os.path.join(self._dir, "libmodule.so")
        with open(source, "w") as f:
            f.write(mlir_text)
        subprocess.run([ssm_compile, source, "--target=cpu", "-o", self.path],
                       check=True)
        self._lib = ctypes.CDLL(self.path)

    def function(self, name, result_ranks):
        """A Python callable for @name returning float32 arrays."""
        entry = getattr(self._lib, "_mlir_ciface_" + name)
        entry.restype = None

        def call(*arrays):
            arrays = [np.ascontiguousarray(a) for a in arrays]
            descriptors = [_descriptor(a) for a in arrays]
            results = (ctypes.c_int64 * sum(3 + 2 * r for r in result_ranks))()
            entry(ctypes.byref(results),
                  *[ctypes.byref(d) for d in descriptors])
            outputs, start = [], 0
            inputs = {a.ctypes.data for a in arrays}
            for rank in result_ranks:
                words = results[start:start + 3 + 2 * rank]
                allocated, aligned, offset = words[0], words[1], words[2]
                shape = tuple(words[3:3 + rank])
                count = int(np.prod(shape)) if shape else 1
                buffer = (ctypes.c_float * count).from_address(aligned + 4 * offset)
                if allocated in inputs:  # an argument returned as it is
                    outputs.append(np.frombuffer(buffer, np.float32).reshape(shape).copy())
                else:
                    # The result's own buffer, without a copy (which would
                    # cost as much as a large result's computation): freed
                    # with the array.
                    array = np.frombuffer(buffer, np.float32).reshape(shape)
                    weakref.finalize(buffer, _libc.free, allocated)
                    outputs.append(array)
                start += 3 + 2 * rank
            return outputs

        return call
