//===- NpyTest.cpp - Tests of the .npy reader and writer ------------------===//

#include "ssm/Support/Npy.h"

#include "gtest/gtest.h"

#include <cstring>

using namespace ssm::npy;

namespace {

/// A version-1.0 file with the given header dict and raw data bytes.
std::string makeFile(const std::string &dict, const std::string &data,
                     char major = 1) {
  std::string header = dict;
  size_t prefix = major == 1 ? 10 : 12;
  header.append((64 - (prefix + header.size() + 1) % 64) % 64, ' ');
  header += '\n';
  std::string out("\x93NUMPY", 6);
  out += major;
  out += '\0';
  uint32_t len = header.size();
  out.append(reinterpret_cast<const char *>(&len), major == 1 ? 2 : 4);
  return out + header + data;
}

template <typename T> std::string bytesOf(std::initializer_list<T> values) {
  std::string s;
  for (T v : values)
    s.append(reinterpret_cast<const char *>(&v), sizeof(T));
  return s;
}

std::string errorOf(llvm::Expected<Array> array) {
  if (array)
    return "";
  return llvm::toString(array.takeError());
}

TEST(NpyTest, ParsesWhatNumPyWrites) {
  std::string file =
      makeFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
               bytesOf<float>({1, 2, 3, 4, 5, 6.5f}));
  llvm::Expected<Array> array = parse(file);
  ASSERT_TRUE(bool(array)) << llvm::toString(array.takeError());
  EXPECT_EQ(array->dtype, DType::F32);
  EXPECT_EQ(array->shape, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(array->values, (std::vector<double>{1, 2, 3, 4, 5, 6.5}));
}

TEST(NpyTest, ParsesScalarsEmptyArraysAndVersion2) {
  llvm::Expected<Array> scalar = parse(makeFile(
      "{'descr': '<f8', 'fortran_order': False, 'shape': (), }",
      bytesOf<double>({3.25})));
  ASSERT_TRUE(bool(scalar));
  EXPECT_TRUE(scalar->shape.empty());
  EXPECT_EQ(scalar->values, std::vector<double>{3.25});

  llvm::Expected<Array> empty = parse(
      makeFile("{'descr': '<f8', 'fortran_order': False, 'shape': (0,), }", ""));
  ASSERT_TRUE(bool(empty));
  EXPECT_EQ(empty->shape, std::vector<int64_t>{0});
  EXPECT_TRUE(empty->values.empty());

  llvm::Expected<Array> v2 = parse(makeFile(
      "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }",
      bytesOf<int64_t>({-7, 9}), /*major=*/2));
  ASSERT_TRUE(bool(v2));
  EXPECT_EQ(v2->values, (std::vector<double>{-7, 9}));
}

TEST(NpyTest, RoundTripsEveryDType) {
  for (DType dtype : {DType::F16, DType::BF16, DType::F32, DType::F64,
                      DType::C64, DType::C128, DType::I32, DType::I64}) {
    Array array;
    array.dtype = dtype;
    array.shape = {3};
    // Values exactly representable in every dtype (bf16 keeps 8 bits).
    array.values = isComplex(dtype)
                       ? std::vector<double>{1, -2, 0.5, 4, -3, 0.25}
                       : std::vector<double>{1, -2, 96};
    llvm::Expected<Array> back = parse(serialize(array), dtype);
    ASSERT_TRUE(bool(back)) << name(dtype).str() << ": "
                            << llvm::toString(back.takeError());
    EXPECT_EQ(back->dtype, dtype) << name(dtype).str();
    EXPECT_EQ(back->shape, array.shape) << name(dtype).str();
    EXPECT_EQ(back->values, array.values) << name(dtype).str();
  }
}

TEST(NpyTest, WritesAlignedHeaders) {
  Array array;
  array.dtype = DType::F32;
  array.shape = {4, 5, 6};
  array.values.assign(120, 1.0);
  std::string bytes = serialize(array);
  EXPECT_EQ((bytes.size() - 120 * 4) % 64, 0u);
  EXPECT_NE(bytes.find("'shape': (4, 5, 6)"), std::string::npos);
  Array vector;
  vector.dtype = DType::F32;
  vector.shape = {4};
  vector.values.assign(4, 0.0);
  EXPECT_NE(serialize(vector).find("'shape': (4,)"), std::string::npos);
}

TEST(NpyTest, RoundsToHalfPrecisionWhenWriting) {
  Array array;
  array.dtype = DType::F16;
  array.shape = {1};
  array.values = {1.0 + 1.0 / 4096}; // below f16's half ulp at 1.0
  llvm::Expected<Array> back = parse(serialize(array));
  ASSERT_TRUE(bool(back));
  EXPECT_EQ(back->values[0], 1.0);
}

TEST(NpyTest, Bf16NeedsToBeExpected) {
  Array array;
  array.dtype = DType::BF16;
  array.shape = {1};
  array.values = {1.5};
  std::string bytes = serialize(array);
  EXPECT_NE(errorOf(parse(bytes)).find("unsupported .npy dtype '|V2'"),
            std::string::npos);
  llvm::Expected<Array> back = parse(bytes, DType::BF16);
  ASSERT_TRUE(bool(back));
  EXPECT_EQ(back->values[0], 1.5);
}

TEST(NpyTest, RejectsMalformedFiles) {
  std::string good =
      makeFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }",
               bytesOf<float>({1, 2}));
  EXPECT_NE(errorOf(parse("hello")).find("bad magic"), std::string::npos);
  EXPECT_NE(errorOf(parse(good.substr(0, 8))).find("truncated .npy header"),
            std::string::npos);
  EXPECT_NE(errorOf(parse(good.substr(0, 40))).find("truncated .npy header"),
            std::string::npos);
  EXPECT_NE(errorOf(parse(good.substr(0, good.size() - 1)))
                .find("truncated .npy data: expected 8 bytes"),
            std::string::npos);
  EXPECT_NE(errorOf(parse(good + "x")).find("1 bytes after the data"),
            std::string::npos);
  EXPECT_NE(errorOf(parse(makeFile(
                "{'descr': '<f4', 'fortran_order': True, 'shape': (2,), }",
                bytesOf<float>({1, 2}))))
                .find("Fortran-order"),
            std::string::npos);
  EXPECT_NE(errorOf(parse(makeFile(
                "{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }",
                bytesOf<float>({1, 2}))))
                .find("unsupported .npy dtype '>f4'"),
            std::string::npos);
  EXPECT_NE(errorOf(parse(makeFile(
                "{'descr': '<f4', 'fortran_order': False, 'shape': (2,x), }",
                "")))
                .find("bad dimension"),
            std::string::npos);
  EXPECT_NE(errorOf(parse(makeFile("{'descr': '<f4', 'shape': (2,), }",
                                   bytesOf<float>({1, 2}))))
                .find("needs 'descr', 'fortran_order' and 'shape'"),
            std::string::npos);
  EXPECT_NE(errorOf(parse(makeFile(
                "{'descr': '<f4', 'fortran_order': False, 'shape': "
                "(1000000000, 1000000000), }",
                "")))
                .find("shape overflows"),
            std::string::npos);
  std::string badVersion = good;
  badVersion[6] = 9;
  EXPECT_NE(errorOf(parse(badVersion)).find("unsupported .npy format version 9"),
            std::string::npos);
}

TEST(NpyTest, ReportsMissingFiles) {
  llvm::Expected<Array> array = read("/nonexistent/dir/x.npy");
  ASSERT_FALSE(bool(array));
  std::string message = llvm::toString(array.takeError());
  EXPECT_NE(message.find("cannot read '/nonexistent/dir/x.npy'"),
            std::string::npos);
  Array small;
  small.shape = {1};
  small.values = {0};
  llvm::Error err = write("/nonexistent/dir/x.npy", small);
  ASSERT_TRUE(bool(err));
  EXPECT_NE(llvm::toString(std::move(err)).find("cannot write"),
            std::string::npos);
}

} // namespace
