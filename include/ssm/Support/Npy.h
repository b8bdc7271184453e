//===- Npy.h - Reading and writing NumPy .npy files -------------*- C++ -*-===//
//
// The project's own small .npy module: C-order arrays of f16, bf16, f32, f64,
// complex64, complex128, i32 and i64, held as doubles. bf16 has no NumPy dtype;
// it is written with descr '|V2' (raw bits) and read from '|V2' or 'bfloat16'
// when the caller says bf16 is expected. Malformed or truncated files are
// errors, never crashes.
//
//===----------------------------------------------------------------------===//

#ifndef SSM_SUPPORT_NPY_H
#define SSM_SUPPORT_NPY_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ssm::npy {

enum class DType { F16, BF16, F32, F64, C64, C128, I32, I64 };

/// "f32", "complex64", ... for messages.
llvm::StringRef name(DType dtype);
/// Bytes per element.
unsigned elementSize(DType dtype);
bool isComplex(DType dtype);

/// An array in C order. Complex values are (re, im) pairs in `values`.
struct Array {
  DType dtype = DType::F64;
  std::vector<int64_t> shape;
  std::vector<double> values;

  int64_t numElements() const;
};

/// Decodes the bytes of a .npy file. `expected` resolves the raw 2-byte
/// '|V2' descr to bf16.
llvm::Expected<Array> parse(llvm::StringRef bytes,
                            std::optional<DType> expected = std::nullopt);
/// Reads a .npy file; errors name the file.
llvm::Expected<Array> read(llvm::StringRef path,
                           std::optional<DType> expected = std::nullopt);

/// Encodes an array (values are rounded to its dtype) as a version 1.0 .npy.
std::string serialize(const Array &array);
llvm::Error write(llvm::StringRef path, const Array &array);

} // namespace ssm::npy

#endif // SSM_SUPPORT_NPY_H
