//===- KernelArith.h - Arithmetic for the hand-built kernels ---*- C++ -*-===//
//
// The index and f32 arithmetic, the loads and stores through f32, the
// cp.async double buffering and the guarded 1-D launch that the kernel
// builders of this directory
// (tensor-core contractions, flash attention, the selective scan, the FFT
// convolution) are written with.
//
//===----------------------------------------------------------------------===//

#ifndef SSM_LIB_CONVERSION_SSMTOGPU_KERNELARITH_H
#define SSM_LIB_CONVERSION_SSMTOGPU_KERNELARITH_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
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
  /// exp2(x) of an inner loop: marked `afn`, which ssm-approximate-exp2
  /// lowers to one ex2.approx.ftz (results below 2^-126 flush to zero).
  Value fastExp2(Value x) {
    return math::Exp2Op::create(
        b, loc, x,
        arith::FastMathFlagsAttr::get(b.getContext(),
                                      arith::FastMathFlags::afn));
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

  /// cp.async (through nvgpu) for the double-buffered staging of the
  /// kernels: `elements` elements (16 bytes) from `source[sourceIndices]`
  /// to `tile[tileIndices]`, the first `available` of them read and the
  /// rest zeros; returns the copy's token.
  Value copyAsync(Value tile, ValueRange tileIndices, Value source,
                  ValueRange sourceIndices, int64_t elements,
                  Value available) {
    return nvgpu::DeviceAsyncCopyOp::create(
        b, loc, nvgpu::DeviceAsyncTokenType::get(b.getContext()), tile,
        tileIndices, source, sourceIndices, b.getIndexAttr(elements),
        available, /*bypassL1=*/b.getUnitAttr());
  }
  /// Commits the copies of `tokens` as a group; returns its token.
  Value commitCopies(ArrayRef<Value> tokens) {
    return nvgpu::DeviceAsyncCreateGroupOp::create(
        b, loc, nvgpu::DeviceAsyncTokenType::get(b.getContext()), tokens);
  }
  /// Waits until at most `pending` committed groups are in flight (`group`
  /// is one of them: the wait's SSA dependence).
  void waitCopies(Value group, int32_t pending) {
    nvgpu::DeviceAsyncWaitOp::create(b, loc, group,
                                     b.getI32IntegerAttr(pending));
  }
  /// Double buffering over a loop from `lo` by `step`: the first row of
  /// iteration `iv`'s buffer and of the other one, buffers of `rows` rows.
  std::pair<Value, Value> bufferRows(Value iv, Value lo, int64_t step,
                                     int64_t rows) {
    Value slot = rem(
        div(arith::SubIOp::create(b, loc, iv, lo).getResult(), step), 2);
    return {mul(slot, constant(rows)),
            mul(arith::SubIOp::create(b, loc, constant(1), slot),
                constant(rows))};
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

  /// While it lives, the ops built are named `name` (their location is
  /// `name` at the kernel's): the emulator's bank account
  /// ($SSM_EMULATOR_BANKS) and the IR with --mlir-print-debuginfo tell
  /// the phases of a kernel apart by it.
  class Named {
  public:
    Named(KernelArith &kernel, const Twine &name)
        : kernel(kernel), saved(kernel.loc) {
      kernel.loc = NameLoc::get(StringAttr::get(kernel.b.getContext(), name),
                                saved);
    }
    ~Named() { kernel.loc = saved; }
    Named(const Named &) = delete;
    Named &operator=(const Named &) = delete;

  private:
    KernelArith &kernel;
    Location saved;
  };

  OpBuilder &b;
  Location loc;
};

} // namespace mlir::ssm

#endif // SSM_LIB_CONVERSION_SSMTOGPU_KERNELARITH_H
