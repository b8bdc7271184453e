//===- Tensor.h - Dense f64 tensors of the reference evaluator --*- C++ -*-===//
//
// The reference evaluator computes in double precision on plain row-major
// arrays. A complex tensor stores (re, im) pairs. Integer and index values
// (shapes, token ids) are held exactly as doubles.
//
//===----------------------------------------------------------------------===//

#ifndef SSM_REFERENCE_TENSOR_H
#define SSM_REFERENCE_TENSOR_H

#include <complex>
#include <optional>
#include <cstdint>
#include <string>
#include <vector>

namespace ssm::ref {

/// The largest tensor the evaluator allocates, in elements (2^32: 32 GiB of
/// doubles); larger shapes are reported as errors.
inline constexpr int64_t kMaxElements = int64_t(1) << 32;

/// The element count of `shape`, or nullopt when a size is negative, the
/// product overflows, or it exceeds kMaxElements.
std::optional<int64_t> checkedElementCount(const std::vector<int64_t> &shape);

class Tensor {
public:
  Tensor() = default;
  /// A zero-filled tensor of the given shape.
  explicit Tensor(std::vector<int64_t> shape, bool isComplex = false);
  /// A rank-0 tensor holding `value`.
  static Tensor scalar(double value) {
    Tensor t;
    t.values[0] = value;
    return t;
  }

  const std::vector<int64_t> &shape() const { return dims; }
  int64_t rank() const { return static_cast<int64_t>(dims.size()); }
  int64_t dim(int64_t i) const { return dims[i]; }
  int64_t numElements() const { return count; }
  bool isComplex() const { return complex; }

  /// Row-major strides, in elements.
  std::vector<int64_t> strides() const;
  /// Flat element index of a multi-index.
  int64_t offset(const std::vector<int64_t> &index) const;

  /// Real element access by flat index.
  double &operator[](int64_t i) { return values[i]; }
  double operator[](int64_t i) const { return values[i]; }

  /// Real element access by multi-index, e.g. `t.at({b, l, d})`.
  double &at(std::initializer_list<int64_t> index);
  double at(std::initializer_list<int64_t> index) const;

  /// Complex element access by flat index.
  std::complex<double> complexAt(int64_t i) const {
    return {values[2 * i], values[2 * i + 1]};
  }
  void setComplex(int64_t i, std::complex<double> v) {
    values[2 * i] = v.real();
    values[2 * i + 1] = v.imag();
  }

  /// The underlying storage: numElements() doubles, or 2x for complex.
  std::vector<double> &data() { return values; }
  const std::vector<double> &data() const { return values; }

  /// The same data viewed with another shape of equal element count.
  Tensor reshaped(std::vector<int64_t> newShape) const;

  /// "2x3x4" (or "scalar") for messages.
  std::string shapeString() const;

private:
  int64_t flatten(std::initializer_list<int64_t> index) const;

  std::vector<int64_t> dims;
  int64_t count = 1;
  bool complex = false;
  std::vector<double> values = std::vector<double>(1, 0.0);
};

} // namespace ssm::ref

#endif // SSM_REFERENCE_TENSOR_H
