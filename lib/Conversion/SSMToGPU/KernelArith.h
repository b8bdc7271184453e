//===- KernelArith.h - Arithmetic for the hand-built kernels ---*- C++ -*-===//
//
// The index and f32 arithmetic, the loads and stores through f32 and the
// guarded 1-D launch that the kernel builders of this directory
// (tensor-core contractions, flash attention, the selective scan, the FFT
// convolution) are written with.
//
//===----------------------------------------------------------------------===//

#ifndef SSM_LIB_CONVERSION_SSMTOGPU_KERNELARITH_H
#define SSM_LIB_CONVERSION_SSMTOGPU_KERNELARITH_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
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

  /// A 1-D gpu.launch of `blocks` blocks (at least one, so that an empty
  /// op still launches) of `threads` threads, with `sharedBytes` (i32, or
  /// null) of dynamic shared memory and `workgroup` buffers. Leaves the
  /// builder inside the body's guard block < `blocks`, which is uniform in
  /// a block (every thread reaches every barrier and shuffle).
  struct BlockLaunch {
    gpu::LaunchOp op;
    Value block, thread;
  };
  BlockLaunch launchBlocks(Value blocks, int64_t threads,
                           Value sharedBytes = {},
                           TypeRange workgroup = {}) {
    Value one = constant(1);
    auto launch = gpu::LaunchOp::create(
        b, loc, arith::MaxUIOp::create(b, loc, blocks, one), one, one,
        constant(threads), one, one, sharedBytes, /*asyncTokenType=*/nullptr,
        /*asyncDependencies=*/{}, workgroup);
    b.setInsertionPointToEnd(&launch.getBody().front());
    auto terminator = gpu::TerminatorOp::create(b, loc);
    b.setInsertionPoint(terminator);
    Value block = launch.getBlockIds().x;
    auto guard = scf::IfOp::create(b, loc, less(block, blocks),
                                   /*withElseRegion=*/false);
    b.setInsertionPoint(guard.thenBlock()->getTerminator());
    return {launch, block, launch.getThreadIds().x};
  }

  /// `memref[indices]` as f32.
  Value loadF32(Value memref, ValueRange indices) {
    Value v = memref::LoadOp::create(b, loc, memref, indices);
    if (v.getType().isF32())
      return v;
    return arith::ExtFOp::create(b, loc, b.getF32Type(), v);
  }
  /// Stores the f32 `v` into `memref[indices]` in its element type.
  void storeF32(Value v, Value memref, ValueRange indices) {
    Type element = cast<MemRefType>(memref.getType()).getElementType();
    if (!element.isF32())
      v = arith::TruncFOp::create(b, loc, element, v);
    memref::StoreOp::create(b, loc, v, memref, indices);
  }

  OpBuilder &b;
  Location loc;
};

} // namespace mlir::ssm

#endif // SSM_LIB_CONVERSION_SSMTOGPU_KERNELARITH_H
