//===- KernelArith.h - Arithmetic for the hand-built kernels ---*- C++ -*-===//
//
// The index and f32 arithmetic that the kernel builders of this directory
// (tensor-core contractions, flash attention, the selective scan) write
// their index computations with.
//
//===----------------------------------------------------------------------===//

#ifndef SSM_LIB_CONVERSION_SSMTOGPU_KERNELARITH_H
#define SSM_LIB_CONVERSION_SSMTOGPU_KERNELARITH_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"

namespace mlir::ssm {

class KernelArith {
protected:
  KernelArith(OpBuilder &b, Location loc) : b(b), loc(loc) {}

  Value constant(int64_t v) {
    return arith::ConstantIndexOp::create(b, loc, v);
  }
  Value f32(double v) {
    return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(v));
  }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, loc, x, y); }
  Value mul(Value x, Value y) { return arith::MulIOp::create(b, loc, x, y); }
  Value div(Value x, int64_t y) {
    return arith::DivUIOp::create(b, loc, x, constant(y));
  }
  Value rem(Value x, int64_t y) {
    return arith::RemUIOp::create(b, loc, x, constant(y));
  }
  Value cmp(arith::CmpIPredicate p, Value x, Value y) {
    return arith::CmpIOp::create(b, loc, p, x, y);
  }
  /// x < y, unsigned.
  Value less(Value x, Value y) { return cmp(arith::CmpIPredicate::ult, x, y); }
  Value select(Value c, Value x, Value y) {
    return arith::SelectOp::create(b, loc, c, x, y);
  }

  OpBuilder &b;
  Location loc;
};

} // namespace mlir::ssm

#endif // SSM_LIB_CONVERSION_SSMTOGPU_KERNELARITH_H
