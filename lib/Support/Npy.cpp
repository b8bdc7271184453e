//===- Npy.cpp - Reading and writing NumPy .npy files ---------------------===//
//
// Format: the magic "\x93NUMPY", a major/minor version byte pair, a header
// length (2 bytes little-endian in 1.0, 4 bytes in 2.0/3.0), then a Python
// dict literal with 'descr', 'fortran_order' and 'shape', padded so the data
// starts 64-byte aligned, then the raw little-endian data.
//
//===----------------------------------------------------------------------===//

#include "ssm/Support/Npy.h"
#include "ssm/Support/Error.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>

using namespace ssm::npy;
using llvm::StringRef;

using ::ssm::error;

StringRef ssm::npy::name(DType dtype) {
  switch (dtype) {
  case DType::F16:
    return "f16";
  case DType::BF16:
    return "bf16";
  case DType::F32:
    return "f32";
  case DType::F64:
    return "f64";
  case DType::C64:
    return "complex64";
  case DType::C128:
    return "complex128";
  case DType::I32:
    return "i32";
  case DType::I64:
    return "i64";
  }
  return "?";
}

unsigned ssm::npy::elementSize(DType dtype) {
  switch (dtype) {
  case DType::F16:
  case DType::BF16:
    return 2;
  case DType::F32:
  case DType::I32:
    return 4;
  case DType::F64:
  case DType::C64:
  case DType::I64:
    return 8;
  case DType::C128:
    return 16;
  }
  return 0;
}

bool ssm::npy::isComplex(DType dtype) {
  return dtype == DType::C64 || dtype == DType::C128;
}

int64_t Array::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

//===----------------------------------------------------------------------===//
// Header
//===----------------------------------------------------------------------===//

namespace {
/// A cursor over the header's Python dict literal.
struct HeaderParser {
  StringRef text;

  void skipSpace() { text = text.ltrim(" \t\n"); }
  bool consume(StringRef token) {
    skipSpace();
    return text.consume_front(token);
  }
  std::optional<std::string> parseString() {
    skipSpace();
    if (text.empty() || (text[0] != '\'' && text[0] != '"'))
      return std::nullopt;
    char quote = text[0];
    size_t end = text.find(quote, 1);
    if (end == StringRef::npos)
      return std::nullopt;
    std::string value = text.substr(1, end - 1).str();
    text = text.drop_front(end + 1);
    return value;
  }
  std::optional<int64_t> parseInt() {
    skipSpace();
    size_t len = 0;
    while (len < text.size() && llvm::isDigit(text[len]))
      ++len;
    int64_t value;
    if (len == 0 || len > 15 || text.take_front(len).getAsInteger(10, value))
      return std::nullopt;
    text = text.drop_front(len);
    skipSpace();
    text.consume_front("L"); // Python 2 longs
    return value;
  }
};

std::optional<DType> parseDescr(StringRef descr,
                                std::optional<DType> expected) {
  if (descr == "bfloat16" || ((descr == "|V2" || descr == "<V2") &&
                              expected == DType::BF16))
    return DType::BF16;
  if (descr.size() < 2)
    return std::nullopt;
  char order = descr[0];
  // '|' is "not applicable", which NumPy writes for 1-byte types only; accept
  // it for the others too rather than guess a byte order we do not support.
  if (order != '<' && order != '|' && order != '=')
    return std::nullopt;
  StringRef code = descr.drop_front();
  return llvm::StringSwitch<std::optional<DType>>(code)
      .Case("f2", DType::F16)
      .Case("f4", DType::F32)
      .Case("f8", DType::F64)
      .Case("c8", DType::C64)
      .Case("c16", DType::C128)
      .Case("i4", DType::I32)
      .Case("i8", DType::I64)
      .Default(std::nullopt);
}

StringRef descrOf(DType dtype) {
  switch (dtype) {
  case DType::F16:
    return "<f2";
  case DType::BF16:
    return "|V2";
  case DType::F32:
    return "<f4";
  case DType::F64:
    return "<f8";
  case DType::C64:
    return "<c8";
  case DType::C128:
    return "<c16";
  case DType::I32:
    return "<i4";
  case DType::I64:
    return "<i8";
  }
  return "";
}

template <typename T> T load(const char *p) {
  T value;
  std::memcpy(&value, p, sizeof(T));
  return value;
}

template <typename T> void store(std::string &out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.append(bytes, sizeof(T));
}

double fromHalfBits(const llvm::fltSemantics &sem, uint16_t bits) {
  return llvm::APFloat(sem, llvm::APInt(16, bits)).convertToDouble();
}

uint16_t toHalfBits(const llvm::fltSemantics &sem, double value) {
  llvm::APFloat f(value);
  bool losesInfo;
  f.convert(sem, llvm::APFloat::rmNearestTiesToEven, &losesInfo);
  return static_cast<uint16_t>(f.bitcastToAPInt().getZExtValue());
}
} // namespace

llvm::Expected<Array> ssm::npy::parse(StringRef bytes,
                                      std::optional<DType> expected) {
  static constexpr StringRef magic("\x93NUMPY", 6);
  if (!bytes.starts_with(magic))
    return error("not a .npy file (bad magic string)");
  if (bytes.size() < 10)
    return error("truncated .npy header");
  unsigned major = static_cast<unsigned char>(bytes[6]);
  size_t headerLen, headerStart;
  if (major == 1) {
    headerLen = load<uint16_t>(bytes.data() + 8);
    headerStart = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12)
      return error("truncated .npy header");
    headerLen = load<uint32_t>(bytes.data() + 8);
    headerStart = 12;
  } else {
    return error("unsupported .npy format version " + llvm::Twine(major));
  }
  if (bytes.size() < headerStart + headerLen)
    return error("truncated .npy header: expected " + llvm::Twine(headerLen) +
                 " header bytes, found " +
                 llvm::Twine(bytes.size() - headerStart));

  HeaderParser p{bytes.substr(headerStart, headerLen)};
  std::optional<std::string> descr;
  std::optional<bool> fortranOrder;
  std::optional<std::vector<int64_t>> shape;
  if (!p.consume("{"))
    return error("malformed .npy header: expected '{'");
  while (!p.consume("}")) {
    std::optional<std::string> key = p.parseString();
    if (!key || !p.consume(":"))
      return error("malformed .npy header: expected 'key': value");
    if (*key == "descr") {
      descr = p.parseString();
      if (!descr)
        return error("malformed .npy header: 'descr' is not a string "
                     "(structured dtypes are not supported)");
    } else if (*key == "fortran_order") {
      if (p.consume("True"))
        fortranOrder = true;
      else if (p.consume("False"))
        fortranOrder = false;
      else
        return error("malformed .npy header: bad 'fortran_order'");
    } else if (*key == "shape") {
      if (!p.consume("("))
        return error("malformed .npy header: 'shape' is not a tuple");
      shape.emplace();
      while (!p.consume(")")) {
        std::optional<int64_t> dim = p.parseInt();
        if (!dim)
          return error("malformed .npy header: bad dimension in 'shape'");
        shape->push_back(*dim);
        p.consume(",");
      }
    } else {
      return error("malformed .npy header: unknown key '" + *key + "'");
    }
    p.consume(",");
    if (p.text.empty())
      return error("malformed .npy header: missing '}'");
  }
  if (!descr || !fortranOrder || !shape)
    return error("malformed .npy header: needs 'descr', 'fortran_order' and "
                 "'shape'");
  if (*fortranOrder)
    return error("Fortran-order arrays are not supported; save in C order");
  std::optional<DType> dtype = parseDescr(*descr, expected);
  if (!dtype)
    return error("unsupported .npy dtype '" + *descr +
                 "' (supported: little-endian f2, f4, f8, c8, c16, i4, i8, "
                 "and bf16 as '|V2')");

  Array array;
  array.dtype = *dtype;
  array.shape = *shape;
  // Guard the element count against overflow before multiplying by the size.
  uint64_t count = 1;
  for (int64_t d : array.shape) {
    if (d != 0 && count > (uint64_t(1) << 40) / uint64_t(d))
      return error("array too large: shape overflows");
    count *= uint64_t(d);
  }
  unsigned size = elementSize(*dtype);
  StringRef data = bytes.drop_front(headerStart + headerLen);
  if (data.size() < count * size)
    return error("truncated .npy data: expected " + llvm::Twine(count * size) +
                 " bytes for shape (" +
                 llvm::join(llvm::map_range(array.shape,
                                            [](int64_t d) {
                                              return std::to_string(d);
                                            }),
                            ", ") +
                 ") of " + name(*dtype) + ", found " +
                 llvm::Twine(data.size()));
  if (data.size() > count * size)
    return error("corrupt .npy file: " +
                 llvm::Twine(data.size() - count * size) +
                 " bytes after the data");

  array.values.reserve(count * (isComplex(*dtype) ? 2 : 1));
  const char *ptr = data.data();
  for (uint64_t i = 0; i < count; ++i, ptr += size) {
    switch (*dtype) {
    case DType::F16:
      array.values.push_back(
          fromHalfBits(llvm::APFloat::IEEEhalf(), load<uint16_t>(ptr)));
      break;
    case DType::BF16:
      array.values.push_back(
          fromHalfBits(llvm::APFloat::BFloat(), load<uint16_t>(ptr)));
      break;
    case DType::F32:
      array.values.push_back(load<float>(ptr));
      break;
    case DType::F64:
      array.values.push_back(load<double>(ptr));
      break;
    case DType::C64:
      array.values.push_back(load<float>(ptr));
      array.values.push_back(load<float>(ptr + 4));
      break;
    case DType::C128:
      array.values.push_back(load<double>(ptr));
      array.values.push_back(load<double>(ptr + 8));
      break;
    case DType::I32:
      array.values.push_back(load<int32_t>(ptr));
      break;
    case DType::I64:
      array.values.push_back(static_cast<double>(load<int64_t>(ptr)));
      break;
    }
  }
  return array;
}

llvm::Expected<Array> ssm::npy::read(StringRef path,
                                     std::optional<DType> expected) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!buffer)
    return error("cannot read '" + path + "': " + buffer.getError().message());
  llvm::Expected<Array> array = parse((*buffer)->getBuffer(), expected);
  if (!array)
    return error("'" + path + "': " + llvm::toString(array.takeError()));
  return array;
}

std::string ssm::npy::serialize(const Array &array) {
  std::string header = "{'descr': '" + descrOf(array.dtype).str() +
                       "', 'fortran_order': False, 'shape': (";
  for (int64_t d : array.shape)
    header += std::to_string(d) + (array.shape.size() == 1 ? "," : ", ");
  if (array.shape.size() > 1)
    header.resize(header.size() - 2);
  header += "), }";
  // Pad with spaces and a newline so that the data is 64-byte aligned.
  size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';

  std::string out("\x93NUMPY\x01\x00", 8);
  store<uint16_t>(out, static_cast<uint16_t>(header.size()));
  out += header;
  for (double v : array.values) {
    switch (array.dtype) {
    case DType::F16:
      store<uint16_t>(out, toHalfBits(llvm::APFloat::IEEEhalf(), v));
      break;
    case DType::BF16:
      store<uint16_t>(out, toHalfBits(llvm::APFloat::BFloat(), v));
      break;
    case DType::F32:
    case DType::C64:
      store<float>(out, static_cast<float>(v));
      break;
    case DType::F64:
    case DType::C128:
      store<double>(out, v);
      break;
    case DType::I32:
      store<int32_t>(out, static_cast<int32_t>(v));
      break;
    case DType::I64:
      store<int64_t>(out, static_cast<int64_t>(v));
      break;
    }
  }
  return out;
}

llvm::Error ssm::npy::write(StringRef path, const Array &array) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return error("cannot write '" + path + "': " + ec.message());
  os << serialize(array);
  os.close();
  if (os.has_error())
    return error("cannot write '" + path + "': " + os.error().message());
  return llvm::Error::success();
}
