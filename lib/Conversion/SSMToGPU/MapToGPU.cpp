//===- MapToGPU.cpp - Host loops and buffers onto a CUDA device ----------===//
//
// See the pass description in Passes.td. The input is what the CPU pipeline
// has after bufferization and `convert-linalg-to-parallel-loops`: host
// functions of scf loops over memrefs.
//
//===----------------------------------------------------------------------===//

#include "ssm/Conversion/LoopUtils.h"
#include "ssm/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Utils/Utils.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ValueBoundsOpInterface.h"

namespace mlir::ssm {
#define GEN_PASS_DEF_SSMMAPTOGPU
#include "ssm/Conversion/Passes.h.inc"
} // namespace mlir::ssm

using namespace mlir;

/// Whether `type` is that of the host's buffer bookkeeping: the index and
/// i1 arrays with which the lowered `bufferization.dealloc` decides which
/// buffers to free (comparing base addresses, which works as well for
/// device buffers). Such buffers stay on the host.
static bool isBookkeeping(Type type) {
  auto memref = dyn_cast<MemRefType>(type);
  return memref && (memref.getElementType().isIndex() ||
                    memref.getElementType().isInteger(1));
}

/// Whether `op` or an op nested in it reads or writes memory other than
/// the host's bookkeeping: such work must run on the device, where the
/// buffers are.
static bool touchesMemory(Operation *op) {
  WalkResult result = op->walk([](Operation *nested) {
    auto effects = dyn_cast<MemoryEffectOpInterface>(nested);
    if (!effects || !(effects.hasEffect<MemoryEffects::Read>() ||
                      effects.hasEffect<MemoryEffects::Write>()))
      return WalkResult::advance();
    bool deviceData = llvm::any_of(nested->getOperandTypes(), [](Type t) {
      return isa<MemRefType>(t) && !isBookkeeping(t);
    });
    return deviceData ? WalkResult::interrupt() : WalkResult::advance();
  });
  return result.wasInterrupted();
}

/// Whether `op` holds a parallel loop, which then gets its own kernel, or
/// a kernel already made (ssm-tensor-core-contractions').
static bool holdsKernelWork(Operation *op) {
  return op
      ->walk([](Operation *nested) {
        return isa<scf::ParallelOp, gpu::LaunchOp>(nested)
                   ? WalkResult::interrupt()
                   : WalkResult::advance();
      })
      .wasInterrupted();
}

/// Whether `op` holds the dealloc of a device buffer (the conditional frees
/// that buffer deallocation puts in scf.if ops): it must become gpu.dealloc
/// on the host, not libc's free nor part of a kernel.
static bool holdsDeviceDealloc(Operation *op) {
  return op
      ->walk([](memref::DeallocOp dealloc) {
        return isBookkeeping(dealloc.getMemref().getType())
                   ? WalkResult::advance()
                   : WalkResult::interrupt();
      })
      .wasInterrupted();
}

namespace {
/// Constant upper bounds of index values and buffer sizes, through the
/// views, allocations and loop-carried buffers that the bufferized
/// lowerings make. The tile sizes of the lowerings are min(remaining,
/// block) (arith.minsi), which the value bounds analysis does not see
/// through; other values are left to it.
class UpperBounds {
public:
  FailureOr<int64_t> of(Value value) { return upperBound(value, 0); }

private:
  FailureOr<int64_t> upperBound(Value value, int depth);
  FailureOr<int64_t> dimensionBound(Value memref, int64_t index, int depth);

  /// The bounds assumed for loop-carried buffers while their yielded
  /// sizes, which may depend on them, are bounded.
  DenseMap<std::pair<Value, int64_t>, int64_t> assumed;
};
} // namespace

/// A constant upper bound of dimension `index` of the buffer `memref`.
FailureOr<int64_t> UpperBounds::dimensionBound(Value memref, int64_t index,
                                               int depth) {
  auto type = cast<MemRefType>(memref.getType());
  if (!type.isDynamicDim(index))
    return type.getDimSize(index);
  if (depth > 16) // a cycle through loop-carried buffers
    return failure();
  if (auto arg = dyn_cast<BlockArgument>(memref)) {
    // A loop-carried buffer: the larger of its initial and yielded sizes,
    // where the yielded size may depend on the carried one (a buffer of the
    // same size each step): that dependence is taken at the initial bound,
    // the fixpoint.
    auto loop = dyn_cast<scf::ForOp>(arg.getOwner()->getParentOp());
    if (!loop || arg.getArgNumber() == 0)
      return failure();
    auto key = std::make_pair(memref, index);
    if (auto it = assumed.find(key); it != assumed.end())
      return it->second;
    unsigned position = arg.getArgNumber() - 1;
    FailureOr<int64_t> init =
        dimensionBound(loop.getInitArgs()[position], index, depth + 1);
    if (failed(init))
      return failure();
    assumed[key] = *init;
    FailureOr<int64_t> next = dimensionBound(
        loop.getYieldedValues()[position], index, depth + 1);
    assumed.erase(key);
    if (failed(next))
      return failure();
    return std::max(*init, *next);
  }
  Operation *source = memref.getDefiningOp();
  // Buffers (and the views of private buffers that replace them).
  unsigned dynamicIndex = type.getDynamicDimIndex(index);
  if (auto alloc = dyn_cast_or_null<memref::AllocOp>(source))
    return upperBound(alloc.getDynamicSizes()[dynamicIndex], depth + 1);
  if (auto view = dyn_cast_or_null<memref::ViewOp>(source))
    return upperBound(view.getSizes()[dynamicIndex], depth + 1);
  if (auto subview = dyn_cast_or_null<memref::SubViewOp>(source)) {
    llvm::SmallBitVector dropped = subview.getDroppedDims();
    int64_t seen = -1;
    for (auto [d, size] : llvm::enumerate(subview.getMixedSizes()))
      if (!dropped.test(d) && ++seen == index) {
        if (auto attr = dyn_cast<Attribute>(size))
          return cast<IntegerAttr>(attr).getInt();
        return upperBound(cast<Value>(size), depth + 1);
      }
  }
  return failure();
}

/// A constant upper bound of the index `value`.
FailureOr<int64_t> UpperBounds::upperBound(Value value, int depth) {
  if (std::optional<int64_t> constant = getConstantIntValue(value))
    return *constant;
  if (depth > 16)
    return failure();
  Operation *def = value.getDefiningOp();
  if (isa_and_nonnull<arith::MinSIOp, arith::MinUIOp>(def)) {
    FailureOr<int64_t> lhs = upperBound(def->getOperand(0), depth + 1),
                       rhs = upperBound(def->getOperand(1), depth + 1);
    if (succeeded(lhs) && succeeded(rhs))
      return std::min(*lhs, *rhs);
    return succeeded(lhs) ? lhs : rhs;
  }
  if (auto dim = dyn_cast_or_null<memref::DimOp>(def))
    if (std::optional<int64_t> index = dim.getConstantIndex())
      return dimensionBound(dim.getSource(), *index, depth + 1);
  if (auto select = dyn_cast_or_null<arith::SelectOp>(def)) {
    FailureOr<int64_t> a = upperBound(select.getTrueValue(), depth + 1),
                       b = upperBound(select.getFalseValue(), depth + 1);
    if (succeeded(a) && succeeded(b))
      return std::max(*a, *b);
    return failure();
  }
  return ValueBoundsConstraintSet::computeConstantBound(
      presburger::BoundType::UB, value, /*stopCondition=*/nullptr,
      /*closedUB=*/true);
}

/// The thread-private buffer that replaces `alloc` in device code: an
/// alloca, of the largest size a dynamic dimension can have (the bounds of
/// its size, e.g. min(remaining, block)) viewed at the actual size.
static FailureOr<Value> privateBuffer(OpBuilder &b, memref::AllocOp alloc) {
  MemRefType type = alloc.getType();
  Location loc = alloc.getLoc();
  if (type.hasStaticShape())
    return memref::AllocaOp::create(b, loc, type).getResult();
  if (!type.getLayout().isIdentity() || alloc.getSymbolOperands().size() ||
      type.getElementTypeBitWidth() % 8 != 0)
    return alloc.emitOpError("of this type cannot be private to a GPU thread");
  int64_t elements = 1;
  auto dynamicSize = alloc.getDynamicSizes().begin();
  for (int64_t size : type.getShape()) {
    if (ShapedType::isDynamic(size)) {
      FailureOr<int64_t> bound = UpperBounds().of(*dynamicSize++);
      if (failed(bound))
        return alloc.emitOpError("of a dynamic shape without a constant "
                                 "bound inside a GPU kernel is not supported");
      size = *bound;
    }
    elements *= std::max<int64_t>(size, 0);
  }
  auto bytes = MemRefType::get({elements * type.getElementTypeBitWidth() / 8},
                               b.getI8Type());
  Value buffer = memref::AllocaOp::create(b, loc, bytes, b.getI64IntegerAttr(16));
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  return memref::ViewOp::create(b, loc, type, buffer, zero,
                                alloc.getDynamicSizes())
      .getResult();
}

/// Whether the buffer `alloca` (or a view of it) is yielded by `loop`,
/// i.e. carried to its next iteration.
static bool carriedBy(memref::AllocaOp alloca, scf::ForOp loop) {
  SmallVector<Value> values = {alloca.getResult()};
  while (!values.empty()) {
    Value value = values.pop_back_val();
    for (Operation *user : value.getUsers()) {
      if (isa<scf::YieldOp>(user) && user->getParentOp() == loop)
        return true;
      if (isa<ViewLikeOpInterface>(user))
        values.append(user->result_begin(), user->result_end());
    }
  }
  return false;
}

/// Moves the private buffers of a kernel to its entry, so that a buffer
/// made in a loop body is not a new stack allocation at every iteration
/// (which would exhaust the thread's local memory). A buffer the loop
/// carries to its next iteration (the flash loop's running sums) gets two,
/// used at even and odd iterations: the previous iteration's is still read
/// while the new one is written.
static void hoistPrivateBuffers(gpu::LaunchOp launch) {
  Block &entry = launch.getBody().front();
  SmallVector<memref::AllocaOp> allocas;
  launch->walk([&](memref::AllocaOp alloca) { allocas.push_back(alloca); });
  for (memref::AllocaOp alloca : allocas) {
    if (!alloca.getDynamicSizes().empty())
      continue;
    auto loop = alloca->getParentOfType<scf::ForOp>();
    if (!loop || !launch->isProperAncestor(loop) ||
        !carriedBy(alloca, loop)) {
      alloca->moveBefore(&entry, entry.begin());
      continue;
    }
    OpBuilder b(&entry, entry.begin());
    Operation *even = b.clone(*alloca), *odd = b.clone(*alloca);
    b.setInsertionPoint(alloca);
    Location loc = alloca.getLoc();
    Value iteration = arith::DivSIOp::create(
        b, loc,
        arith::SubIOp::create(b, loc, loop.getInductionVar(),
                              loop.getLowerBound()),
        loop.getStep());
    Value two = arith::ConstantIndexOp::create(b, loc, 2);
    Value isEven = arith::CmpIOp::create(
        b, loc, arith::CmpIPredicate::eq,
        arith::RemSIOp::create(b, loc, iteration, two),
        arith::ConstantIndexOp::create(b, loc, 0));
    Value buffer = arith::SelectOp::create(b, loc, isEven, even->getResult(0),
                                           odd->getResult(0));
    alloca.replaceAllUsesWith(buffer);
    alloca.erase();
  }
}

/// Loops of at most this many iterations over a thread's private buffers
/// are unrolled, while the copies add at most this many operations to the
/// kernel (nested loops count as unrolled).
static constexpr int64_t kUnrollTrips = 32, kUnrollOps = 4096;

/// Fully unrolls the short, static loops of a kernel that read or write its
/// private buffers, so that every access has a constant index and LLVM
/// keeps the buffer (a scan's state, a row's running sums) in registers
/// instead of the thread's local memory.
static void unrollPrivateLoops(gpu::LaunchOp launch) {
  auto isPrivate = [](Value memref) {
    return isa_and_nonnull<memref::AllocaOp>(memref.getDefiningOp());
  };
  SmallVector<scf::ForOp> loops; // inner loops before the loops around them
  launch->walk([&](scf::ForOp loop) { loops.push_back(loop); });
  int64_t added = 0;
  // A bound may be a static size of a buffer (a copy's loop).
  auto constant = [](Value v) -> std::optional<int64_t> {
    if (auto dim = v.getDefiningOp<memref::DimOp>()) {
      std::optional<int64_t> index = getConstantIntValue(dim.getIndex());
      auto type = cast<MemRefType>(dim.getSource().getType());
      if (index && !type.isDynamicDim(*index))
        return type.getDimSize(*index);
    }
    return getConstantIntValue(v);
  };
  for (scf::ForOp loop : loops) {
    std::optional<int64_t> lb = constant(loop.getLowerBound()),
                           ub = constant(loop.getUpperBound()),
                           step = constant(loop.getStep());
    if (!lb || !ub || !step || *step <= 0)
      continue;
    int64_t trips = std::max<int64_t>(0, llvm::divideCeil(*ub - *lb, *step));
    if (trips > kUnrollTrips)
      continue;
    // The body as it is now, its inner loops already unrolled.
    int64_t ops = 0;
    bool touchesPrivate = false;
    loop.getBody()->walk([&](Operation *op) {
      ++ops;
      if (auto load = dyn_cast<memref::LoadOp>(op))
        touchesPrivate |= isPrivate(load.getMemRef());
      if (auto store = dyn_cast<memref::StoreOp>(op))
        touchesPrivate |= isPrivate(store.getMemRef());
    });
    int64_t growth = (trips - 1) * ops;
    if (!touchesPrivate || added + growth > kUnrollOps)
      continue;
    OpBuilder b(loop);
    loop.setUpperBound(
        arith::ConstantIndexOp::create(b, loop.getLoc(), *ub).getResult());
    if (succeeded(loopUnrollFull(loop)))
      added += growth;
  }
}

/// Device code runs one thread's share of a loop: its nested parallel
/// loops become sequential, its buffers private (memref.alloca) and its
/// copies explicit loops.
static LogicalResult prepareDeviceCode(Operation *kernel) {
  // `kernel` itself may go (a copy becomes loops).
  auto launch = kernel->getParentOfType<gpu::LaunchOp>();
  SmallVector<scf::ParallelOp> loops;
  kernel->walk([&](scf::ParallelOp loop) { loops.push_back(loop); });
  for (scf::ParallelOp loop : loops) {
    if (!loop.getInitVals().empty())
      return loop.emitOpError("with reductions cannot run on the GPU yet");
    ssm::sequentialize(loop);
  }
  SmallVector<Operation *> buffers;
  kernel->walk([&](Operation *op) {
    if (isa<memref::AllocOp, memref::DeallocOp, memref::CopyOp>(op))
      buffers.push_back(op);
  });
  for (Operation *op : buffers) {
    OpBuilder b(op);
    if (auto alloc = dyn_cast<memref::AllocOp>(op)) {
      FailureOr<Value> local = privateBuffer(b, alloc);
      if (failed(local))
        return failure();
      alloc.replaceAllUsesWith(*local);
      alloc.erase();
    } else if (isa<memref::DeallocOp>(op)) {
      op->erase();
    } else {
      auto copy = cast<memref::CopyOp>(op);
      auto type = cast<MemRefType>(copy.getSource().getType());
      Location loc = copy.getLoc();
      Value zero = arith::ConstantIndexOp::create(b, loc, 0);
      Value one = arith::ConstantIndexOp::create(b, loc, 1);
      SmallVector<Value> lower(type.getRank(), zero), steps(type.getRank(), one),
          upper;
      for (int64_t d = 0; d < type.getRank(); ++d)
        upper.push_back(memref::DimOp::create(b, loc, copy.getSource(), d));
      scf::buildLoopNest(b, loc, lower, upper, steps,
                         [&](OpBuilder &nested, Location loc, ValueRange ivs) {
                           Value v = memref::LoadOp::create(
                               nested, loc, copy.getSource(), ivs);
                           memref::StoreOp::create(nested, loc, v,
                                                   copy.getTarget(), ivs);
                         });
      copy.erase();
    }
  }
  hoistPrivateBuffers(launch);
  unrollPrivateLoops(launch);
  return success();
}

namespace {
struct SSMMapToGPUPass
    : mlir::ssm::impl::SSMMapToGPUBase<SSMMapToGPUPass> {
  using SSMMapToGPUBase::SSMMapToGPUBase;

  void runOnOperation() override {
    bool failed = false;
    getOperation()->walk([&](func::FuncOp func) {
      // Helpers that only see bookkeeping (the dealloc lowering's) stay on
      // the host as they are.
      bool bookkeeping = llvm::all_of(func.getArgumentTypes(), [](Type t) {
        return !isa<MemRefType>(t) || isBookkeeping(t);
      });
      if (func.isExternal() || (func.isPrivate() && bookkeeping))
        return;
      if (mlir::failed(mapBlock(func.getBody().front())))
        failed = true;
    });
    if (failed)
      signalPassFailure();
  }

  /// Maps the host code of `block`: each parallel loop becomes a kernel,
  /// other memory work a one-thread kernel, buffers device buffers.
  LogicalResult mapBlock(Block &block) {
    // Constants are placed once their users are kernels.
    SmallVector<memref::GetGlobalOp> constants;
    for (Operation &op : llvm::make_early_inc_range(block)) {
      if (isa<gpu::LaunchOp>(op))
        continue; // already a kernel
      if (auto loop = dyn_cast<scf::ParallelOp>(op);
          loop && loop.getInitVals().empty()) {
        if (failed(launchParallel(loop)))
          return failure();
      } else if (auto alloc = dyn_cast<memref::AllocOp>(op);
                 alloc && !isBookkeeping(alloc.getType())) {
        OpBuilder b(alloc);
        auto device = gpu::AllocOp::create(
            b, alloc.getLoc(), alloc.getType(), /*asyncToken=*/Type(),
            /*asyncDependencies=*/ValueRange(), alloc.getDynamicSizes(),
            alloc.getSymbolOperands());
        alloc.replaceAllUsesWith(device.getMemref());
        alloc.erase();
      } else if (auto global = dyn_cast<memref::GetGlobalOp>(op);
                 global && !isBookkeeping(global.getType())) {
        constants.push_back(global);
      } else if (auto dealloc = dyn_cast<memref::DeallocOp>(op);
                 dealloc && !isBookkeeping(dealloc.getMemref().getType())) {
        OpBuilder b(dealloc);
        gpu::DeallocOp::create(b, dealloc.getLoc(), /*asyncToken=*/Type(),
                               ValueRange(), dealloc.getMemref());
        dealloc.erase();
      } else if (auto copy = dyn_cast<memref::CopyOp>(op);
                 copy && contiguous(copy.getSource()) &&
                 contiguous(copy.getTarget())) {
        OpBuilder b(copy);
        gpu::MemcpyOp::create(b, copy.getLoc(), /*asyncToken=*/Type(),
                              ValueRange(), copy.getTarget(),
                              copy.getSource());
        copy.erase();
      } else if (op.getNumRegions() > 0 && !isa<scf::ParallelOp>(op) &&
                 (holdsKernelWork(&op) || !op.use_empty() ||
                  holdsDeviceDealloc(&op))) {
        // Host control flow (a loop over time, the choice of a buffer to
        // return, a conditional free): its parallel loops are launched from
        // the host at each iteration, its other work as below.
        for (Region &region : op.getRegions())
          for (Block &nested : region)
            if (failed(mapBlock(nested)))
              return failure();
      } else if (touchesMemory(&op)) {
        if (failed(launchSingleThread(&op)))
          return failure();
      }
    }
    for (memref::GetGlobalOp global : constants)
      if (!sinkIntoKernels(global) && failed(copyToDevice(global)))
        return failure();
    return success();
  }

  /// A constant global with a value (a twiddle table) that only kernels
  /// read is taken inside each of them instead: gpu-kernel-outlining then
  /// copies the global into the kernels' module, where it is device memory
  /// initialized when the module loads, not copied at every call. Returns
  /// false, changing nothing, where a host use or the global forbids it.
  bool sinkIntoKernels(memref::GetGlobalOp global) {
    auto definition = SymbolTable::lookupNearestSymbolFrom<memref::GlobalOp>(
        global, global.getNameAttr());
    if (!definition || !definition.getConstant() ||
        definition.isExternal() || definition.isUninitialized())
      return false;
    SetVector<gpu::LaunchOp> launches;
    for (Operation *user : global->getUsers()) {
      auto launch = user->getParentOfType<gpu::LaunchOp>();
      if (!launch)
        return false;
      launches.insert(launch);
    }
    for (gpu::LaunchOp launch : launches) {
      OpBuilder b = OpBuilder::atBlockBegin(&launch.getBody().front());
      Operation *inside = b.clone(*global);
      global.getResult().replaceUsesWithIf(
          inside->getResult(0), [&](OpOperand &use) {
            return launch->isProperAncestor(use.getOwner());
          });
    }
    global.erase();
    return true;
  }

  /// A constant buffer (a splat the canonicalizer did not fold) that host
  /// code uses is host memory that kernels cannot read: its uses get a
  /// device copy, made where it is taken and freed at the end of its block.
  LogicalResult copyToDevice(memref::GetGlobalOp global) {
    Operation *terminator = global->getBlock()->getTerminator();
    if (reaches(global.getResult(), terminator))
      return global.emitOpError("is passed on by its block's terminator "
                                "(directly, through a view or through a "
                                "nested region's results); its device copy "
                                "would outlive the block");
    OpBuilder b(global->getContext());
    b.setInsertionPointAfter(global);
    Location loc = global.getLoc();
    auto device = gpu::AllocOp::create(b, loc, global.getType(),
                                       /*asyncToken=*/Type(), ValueRange(),
                                       ValueRange(), ValueRange());
    auto copy = gpu::MemcpyOp::create(b, loc, /*asyncToken=*/Type(),
                                      ValueRange(), device.getMemref(),
                                      global.getResult());
    global.getResult().replaceAllUsesExcept(device.getMemref(), copy);
    b.setInsertionPoint(terminator);
    gpu::DeallocOp::create(b, loc, /*asyncToken=*/Type(), ValueRange(),
                           device.getMemref());
    return success();
  }

  /// Whether `root`, or a buffer that may alias it, is an operand of
  /// `terminator`. Followed: the memref results of the ops that take it
  /// (views, casts, selects, loops) and of the ops whose regions yield it,
  /// the memref arguments of the regions of the ops that take it, and the
  /// successor arguments of the branches that pass it on. An
  /// operand among an op's last getNumResults() ones is taken as passed to
  /// the result in its place (loops' and yields' operands), any other as
  /// passed to every result (a view's source).
  static bool reaches(Value root, Operation *terminator) {
    SmallVector<Value> work = {root};
    DenseSet<Value> seen;
    auto follow = [&](Value value) {
      if (isa<BaseMemRefType>(value.getType()))
        work.push_back(value);
    };
    while (!work.empty()) {
      Value value = work.pop_back_val();
      if (!seen.insert(value).second)
        continue;
      for (OpOperand &use : value.getUses()) {
        Operation *user = use.getOwner();
        if (user == terminator)
          return true;
        // A branch passes it to its successor's argument.
        if (auto branch = dyn_cast<BranchOpInterface>(user)) {
          if (std::optional<BlockArgument> argument =
                  branch.getSuccessorBlockArgument(use.getOperandNumber()))
            follow(*argument);
          continue;
        }
        Operation *aliases = user;
        if (user->hasTrait<OpTrait::IsTerminator>())
          aliases = user->getParentOp();
        else
          for (Region &region : user->getRegions())
            if (!region.empty())
              llvm::for_each(region.getArguments(), follow);
        int64_t place = int64_t(use.getOperandNumber()) -
                        (int64_t(user->getNumOperands()) -
                         int64_t(aliases->getNumResults()));
        if (place >= 0)
          follow(aliases->getResult(place));
        else
          llvm::for_each(aliases->getResults(), follow);
      }
    }
    return false;
  }

  /// gpu.memcpy copies whole buffers of the identity layout.
  static bool contiguous(Value memref) {
    return cast<MemRefType>(memref.getType()).getLayout().isIdentity();
  }

  /// A gpu.launch of `blocks` x blockSize threads before `op`; returns the
  /// thread's linear index, with the builder inside the launch body.
  Value createLaunch(OpBuilder &b, Location loc, Value blocks,
                     Value threads) {
    Value one = arith::ConstantIndexOp::create(b, loc, 1);
    auto launch = gpu::LaunchOp::create(b, loc, blocks, one, one, threads,
                                        one, one);
    b.setInsertionPointToEnd(&launch.getBody().front());
    auto terminator = gpu::TerminatorOp::create(b, loc);
    b.setInsertionPoint(terminator);
    Value blockId = launch.getBlockIds().x, threadId = launch.getThreadIds().x;
    Value base = arith::MulIOp::create(b, loc, blockId, threads);
    return arith::AddIOp::create(b, loc, base, threadId);
  }

  /// `loop` as a kernel of one thread per iteration (the iteration space
  /// flattened, blockSize threads per block).
  LogicalResult launchParallel(scf::ParallelOp loop) {
    OpBuilder b(loop);
    Location loc = loop.getLoc();
    SmallVector<Value> counts;
    Value total = arith::ConstantIndexOp::create(b, loc, 1);
    for (auto [lo, hi, st] : llvm::zip(loop.getLowerBound(),
                                       loop.getUpperBound(), loop.getStep())) {
      Value span = arith::SubIOp::create(b, loc, hi, lo);
      Value count = arith::CeilDivSIOp::create(b, loc, span, st);
      counts.push_back(count);
      total = arith::MulIOp::create(b, loc, total, count);
    }
    Value threads = arith::ConstantIndexOp::create(b, loc, blockSize);
    Value blocks = arith::CeilDivSIOp::create(b, loc, total, threads);
    // An empty loop launches nothing: at least one block, guarded below.
    blocks = arith::MaxSIOp::create(
        b, loc, blocks, arith::ConstantIndexOp::create(b, loc, 1));
    Value id = createLaunch(b, loc, blocks, threads);
    Value inRange = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt,
                                          id, total);
    auto guard = scf::IfOp::create(b, loc, inRange, /*withElse=*/false);
    b.setInsertionPoint(guard.thenBlock()->getTerminator());
    // Delinearize, the last dimension fastest (adjacent threads, adjacent
    // elements).
    IRMapping mapping;
    Value rest = id;
    for (int64_t d = counts.size() - 1; d >= 0; --d) {
      Value index = d == 0 ? rest
                           : arith::RemSIOp::create(b, loc, rest, counts[d]);
      if (d > 0)
        rest = arith::DivSIOp::create(b, loc, rest, counts[d]);
      Value scaled = arith::MulIOp::create(b, loc, index, loop.getStep()[d]);
      mapping.map(loop.getInductionVars()[d],
                  arith::AddIOp::create(b, loc, loop.getLowerBound()[d],
                                        scaled));
    }
    for (Operation &op : loop.getBody()->without_terminator())
      b.clone(op, mapping);
    loop.erase();
    return prepareDeviceCode(guard);
  }

  /// `op`, which must not define values used after it, in a kernel of one
  /// thread.
  LogicalResult launchSingleThread(Operation *op) {
    if (!op->use_empty())
      return op->emitOpError(
          "reads or writes buffers on the host and defines values the host "
          "uses; it cannot run on the GPU");
    OpBuilder b(op);
    Location loc = op->getLoc();
    Value one = arith::ConstantIndexOp::create(b, loc, 1);
    createLaunch(b, loc, one, one);
    op->moveBefore(b.getInsertionBlock(), b.getInsertionPoint());
    return prepareDeviceCode(op);
  }
};
} // namespace

//===----------------------------------------------------------------------===//
// ssm-merge-gpu-modules
//===----------------------------------------------------------------------===//

namespace mlir::ssm {
#define GEN_PASS_DEF_SSMMERGEGPUMODULES
#include "ssm/Conversion/Passes.h.inc"
} // namespace mlir::ssm

namespace {
struct SSMMergeGPUModulesPass
    : mlir::ssm::impl::SSMMergeGPUModulesBase<SSMMergeGPUModulesPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<gpu::GPUModuleOp> modules(module.getOps<gpu::GPUModuleOp>());
    if (modules.empty())
      return;
    if (failed(merge(module, modules)))
      return signalPassFailure();
    dropHostCopies(module, modules.front());
  }

  /// Moves the symbols of `modules` into the first one.
  static LogicalResult merge(ModuleOp module,
                             ArrayRef<gpu::GPUModuleOp> modules) {
    gpu::GPUModuleOp merged = modules.front();
    SymbolTable mergedSymbols(merged);
    // Old kernel reference -> new one, renaming kernels whose names clash.
    DenseMap<Attribute, SymbolRefAttr> renamed;
    for (gpu::GPUModuleOp other : llvm::drop_begin(modules)) {
      for (Operation &op : llvm::make_early_inc_range(other.getBody()->getOperations())) {
        auto symbol = dyn_cast<SymbolOpInterface>(op);
        if (!symbol)
          continue;
        // A global of the same name is a copy of the same host global
        // (gpu-kernel-outlining copies each one a kernel takes): one is
        // enough. (Renaming a different one would leave its get_globals
        // naming the other.)
        if (auto global = dyn_cast<memref::GlobalOp>(op))
          if (auto kept =
                  mergedSymbols.lookup<memref::GlobalOp>(global.getSymName())) {
            if (kept->getAttrDictionary() != global->getAttrDictionary()) {
              return global.emitOpError("differs from the global of the "
                                        "same name in another kernel "
                                        "module");
            }
            op.erase();
            continue;
          }
        auto oldRef = SymbolRefAttr::get(
            other.getNameAttr(),
            {FlatSymbolRefAttr::get(symbol.getNameAttr())});
        op.moveBefore(merged.getBody(), merged.getBody()->end());
        // insert() renames the symbol if the name is taken.
        StringAttr name = mergedSymbols.insert(&op);
        renamed[oldRef] = SymbolRefAttr::get(merged.getNameAttr(),
                                             {FlatSymbolRefAttr::get(name)});
      }
      other.erase();
    }
    module.walk([&](gpu::LaunchFuncOp launch) {
      auto it = renamed.find(launch.getKernelAttr());
      if (it != renamed.end())
        launch.setKernelAttr(it->second);
    });
    return success();
  }

  /// Erases the private host globals that only kernels read (tables that
  /// ssm-map-to-gpu took into them): `kernels` has its own copy, which is
  /// what they read. (LLVM drops the unused host copy from a library
  /// anyway; this keeps it out of the emitted MLIR and LLVM IR.)
  static void dropHostCopies(ModuleOp module, gpu::GPUModuleOp kernels) {
    DenseSet<StringAttr> hostUses;
    module->walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (isa<gpu::GPUModuleOp>(op))
        return WalkResult::skip();
      op->getAttrDictionary().walk([&](SymbolRefAttr ref) {
        hostUses.insert(ref.getRootReference());
      });
      return WalkResult::advance();
    });
    SymbolTable kernelSymbols(kernels);
    for (auto global :
         llvm::make_early_inc_range(module.getOps<memref::GlobalOp>()))
      if (global.isPrivate() && !hostUses.contains(global.getSymNameAttr()) &&
          kernelSymbols.lookup<memref::GlobalOp>(global.getSymName()))
        global.erase();
  }
};
} // namespace

//===----------------------------------------------------------------------===//
// ssm-align-workgroup-buffers
//===----------------------------------------------------------------------===//

namespace mlir::ssm {
#define GEN_PASS_DEF_SSMALIGNWORKGROUPBUFFERS
#include "ssm/Conversion/Passes.h.inc"
} // namespace mlir::ssm

namespace {
struct SSMAlignWorkgroupBuffersPass
    : mlir::ssm::impl::SSMAlignWorkgroupBuffersBase<
          SSMAlignWorkgroupBuffersPass> {
  using SSMAlignWorkgroupBuffersBase::SSMAlignWorkgroupBuffersBase;

  void runOnOperation() override {
    gpu::GPUFuncOp func = getOperation();
    StringRef name = LLVM::LLVMDialect::getAlignAttrName();
    for (unsigned i = 0; i < func.getNumWorkgroupAttributions(); ++i)
      if (!func.getWorkgroupAttributionAttr(i, name))
        func.setWorkgroupAttributionAttr(
            i, name, IntegerAttr::get(IntegerType::get(&getContext(), 64),
                                      alignment));
  }
};
} // namespace
