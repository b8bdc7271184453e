//===- Tensor.cpp - Dense f64 tensors of the reference evaluator ---------===//

#include "ssm/Reference/Tensor.h"

#include <cassert>

using namespace ssm::ref;

std::optional<int64_t>
ssm::ref::checkedElementCount(const std::vector<int64_t> &shape) {
  int64_t count = 1;
  for (int64_t d : shape) {
    if (d < 0 || (d > 0 && count > kMaxElements / d))
      return std::nullopt;
    count *= d;
  }
  return count;
}

Tensor::Tensor(std::vector<int64_t> shape, bool isComplex)
    : dims(std::move(shape)), complex(isComplex) {
  count = 1;
  for (int64_t d : dims)
    count *= d;
  values.assign(static_cast<size_t>(count) * (complex ? 2 : 1), 0.0);
}

std::vector<int64_t> Tensor::strides() const {
  std::vector<int64_t> result(dims.size(), 1);
  for (int64_t i = rank() - 2; i >= 0; --i)
    result[i] = result[i + 1] * dims[i + 1];
  return result;
}

int64_t Tensor::offset(const std::vector<int64_t> &index) const {
  int64_t flat = 0;
  for (size_t i = 0; i < dims.size(); ++i)
    flat = flat * dims[i] + index[i];
  return flat;
}

int64_t Tensor::flatten(std::initializer_list<int64_t> index) const {
  assert(index.size() == dims.size() && "index rank mismatch");
  int64_t flat = 0;
  size_t i = 0;
  for (int64_t idx : index)
    flat = flat * dims[i++] + idx;
  return flat;
}

double &Tensor::at(std::initializer_list<int64_t> index) {
  return values[flatten(index)];
}

double Tensor::at(std::initializer_list<int64_t> index) const {
  return values[flatten(index)];
}

Tensor Tensor::reshaped(std::vector<int64_t> newShape) const {
  Tensor result = *this;
  result.dims = std::move(newShape);
  return result;
}

std::string Tensor::shapeString() const {
  if (dims.empty())
    return "scalar";
  std::string s;
  for (size_t i = 0; i < dims.size(); ++i) {
    if (i)
      s += "x";
    s += std::to_string(dims[i]);
  }
  return s;
}
