//===- EmulateGPU.cpp - the CUDA pipeline's kernels on the host -----------===//
//
// See the pass description in Passes.td. The warp-level operations become
// calls of libssm_cpu_runtime (lib/Runtime/GpuEmulator.cpp), which take the
// thread's index in its block and the block's size, and exchange operands
// through memory: a stack buffer of 16 words per thread.
//
//===----------------------------------------------------------------------===//

#include "ssm/Conversion/Passes.h"
#include "ssm/Runtime/GpuEmulator.h"

#include "MmaFragments.h"

#include "mlir/IR/AttrTypeSubElements.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Path.h"

namespace mlir::ssm {
#define GEN_PASS_DEF_SSMEMULATEGPU
#include "ssm/Conversion/Passes.h.inc"
} // namespace mlir::ssm

using namespace mlir;
using namespace mlir::ssm;

namespace {
/// Words in a thread's exchange buffer: an mma.sync's registers, an
/// ldmatrix's (up to four) results, or a wgmma's A registers (4, where it
/// takes A from registers) and accumulators (up to m64n256's 128).
constexpr int64_t kExchangeWords = 4 + 128;
static_assert(kExchangeWords >= kSsmEmuMmaWords, "room for an mma.sync");
/// The alignment of a launch's shared memory: wgmma's matrix descriptors
/// hold 18-bit shared addresses, offsets from it.
constexpr int64_t kArenaAlignment = int64_t(1) << 18;

/// What a wgmma with A from registers (mma::wgmmaRegisters) multiplies.
struct RegistersWgmma {
  int64_t n;
  bool bf16, transposeB;
};

/// The wgmma that `op` is, where it is an llvm.inline_asm that
/// mma::wgmmaRegisters builds (its operands: A's four registers, B's
/// descriptor, scale-d, the n / 2 accumulators).
std::optional<RegistersWgmma> registersWgmma(Operation *op) {
  auto inlineAsm = dyn_cast<LLVM::InlineAsmOp>(op);
  if (!inlineAsm || inlineAsm->getNumResults() != 1)
    return std::nullopt;
  auto type = dyn_cast<LLVM::LLVMStructType>(inlineAsm.getRes().getType());
  if (!type)
    return std::nullopt;
  int64_t n = 2 * int64_t(type.getBody().size());
  if (int64_t(inlineAsm.getOperands().size()) != 6 + n / 2)
    return std::nullopt;
  for (bool bf16 : {false, true})
    for (bool transposeB : {false, true})
      if (inlineAsm.getAsmString() ==
          mma::wgmmaRegistersAsm(n, bf16, transposeB))
        return RegistersWgmma{n, bf16, transposeB};
  return std::nullopt;
}

/// Whether `op` is a wgmma (either form).
bool isWgmma(Operation *op) {
  return isa<NVVM::WgmmaMmaAsyncOp>(op) || registersWgmma(op).has_value();
}

/// Whether a thread of the kernel waits for others: the kernel has
/// barriers or warp-level operations.
bool isCollective(Operation *op) {
  // (Asynchronous copies are per thread: each thread needs its own CPU
  // thread, which keeps its copies in flight. A wgmma with A from
  // registers reads its warp's.)
  return isa<gpu::BarrierOp, gpu::ShuffleOp, NVVM::VoteSyncOp,
             nvgpu::LdMatrixOp, NVVM::MmaOp, NVVM::WgmmaMmaAsyncOp,
             nvgpu::DeviceAsyncCopyOp>(op) ||
         registersWgmma(op).has_value();
}

/// Whether `use` passes a wgmma's result (of type `type`) to the
/// accumulators of a wgmma of the same shape (the same accumulator
/// struct): the nvvm op's inouts, or, through llvm.extractvalue, the
/// accumulator operands (6..) of the inline assembly of one with A from
/// registers. Such a chain needs no wait in between.
bool isChainUse(OpOperand &use, Type type) {
  Operation *user = use.getOwner();
  if (auto next = dyn_cast<NVVM::WgmmaMmaAsyncOp>(user))
    return use.get() == next.getInouts() && next.getInouts().getType() == type;
  auto accumulates = [&](OpOperand &operand) {
    Operation *next = operand.getOwner();
    return registersWgmma(next) && operand.getOperandNumber() >= 6 &&
           next->getResult(0).getType() == type;
  };
  return isa<LLVM::ExtractValueOp>(user) &&
         llvm::all_of(user->getResult(0).getUses(), accumulates);
}

/// Whether the results of `wgmma` are read (but by the next wgmma of a
/// chain, isChainUse) only after a wgmma.wait_group in its block that
/// completes it: the GPU completes a wgmma at such a wait, the emulator
/// when it is issued. Its group is the first wgmma.commit_group after it;
/// wait_group N completes it once N or more groups were committed after
/// that one. (Commits in nested regions are not counted: a wait may seem
/// to come too early, never too late.)
bool readAfterWait(Operation *wgmma) {
  Type type = wgmma->getResult(0).getType();
  for (OpOperand &use : wgmma->getUses()) {
    Operation *user = use.getOwner();
    if (isChainUse(use, type))
      continue;
    Operation *reader = wgmma->getBlock()->findAncestorOpInBlock(*user);
    bool waited = false;
    // Groups committed after the wgmma's (-1: its own is not yet).
    int64_t later = -1;
    if (reader && wgmma->isBeforeInBlock(reader))
      for (Operation *it = wgmma->getNextNode(); it != reader && !waited;
           it = it->getNextNode()) {
        if (isa<NVVM::WgmmaGroupSyncAlignedOp>(it))
          ++later;
        else if (auto wait = dyn_cast<NVVM::WgmmaWaitGroupSyncOp>(it))
          waited = later >= 0 && int64_t(wait.getGroup()) <= later;
      }
    if (!waited)
      return false;
  }
  return true;
}

/// Whether `type` is in shared memory (a gpu.address_space or its NVVM
/// number).
bool isWorkgroup(MemRefType type) {
  Attribute space = type.getMemorySpace();
  if (auto gpuSpace = dyn_cast_or_null<gpu::AddressSpaceAttr>(space))
    return gpuSpace.getValue() == gpu::AddressSpace::Workgroup;
  if (auto number = dyn_cast_or_null<IntegerAttr>(space))
    return number.getInt() ==
           static_cast<int64_t>(NVVM::NVVMMemorySpace::Shared);
  return false;
}

/// Whether `alloca` is a static stack buffer at `launch`'s entry.
bool isHoistable(Operation *alloca, gpu::LaunchOp launch) {
  return alloca->getBlock() == &launch.getBody().front() &&
         alloca->getNumOperands() == 0;
}

/// Emulates the launches of one module, declaring the runtime functions it
/// calls.
class Emulator {
public:
  explicit Emulator(ModuleOp module) : module(module), symbols(module) {}

  LogicalResult emulate(gpu::LaunchOp launch);

private:
  /// The declaration of runtime (or OpenMP) function `name`.
  func::FuncOp declare(StringRef name, TypeRange inputs, TypeRange results);
  Value call(OpBuilder &b, Location loc, StringRef name, ValueRange args,
             TypeRange results = {});
  /// The thread's operands of every runtime call (its index in the block
  /// and the block's size, i64) and its exchange buffer's address.
  struct Thread {
    Value index, size, exchange, exchangeAddress;
  };
  LogicalResult emulateOp(Operation *op, const Thread &thread);
  /// Stores `values` (32 bits each) as words `first`.. of the thread's
  /// exchange buffer.
  void storeWords(OpBuilder &b, Location loc, const Thread &thread,
                  int64_t first, ValueRange values);
  /// A struct of `type` (f32 fields) from words `first`.. of the thread's
  /// exchange buffer.
  Value loadStruct(OpBuilder &b, Location loc, const Thread &thread,
                   int64_t first, Type type);
  /// `value` (index) as i64 / i32.
  Value i64(OpBuilder &b, Location loc, Value value);
  Value i32(OpBuilder &b, Location loc, int64_t value);
  /// The address of element `indices` of `memref`, i64.
  Value address(OpBuilder &b, Location loc, Value memref, ValueRange indices);
  /// The address (i64) of a constant C string holding `text`.
  Value cString(OpBuilder &b, Location loc, StringRef text);
  /// The operands that name a static shared-memory access for the bank
  /// account (ssmEmuBankReport): a new site number (i32) and the address
  /// of `op`'s description.
  std::pair<Value, Value> site(OpBuilder &b, Operation *op, StringRef kind,
                               Type type);

  ModuleOp module;
  SymbolTable symbols;
  /// The module's C strings, by text; its sites and launches so far.
  llvm::StringMap<memref::GlobalOp> strings;
  int32_t sites = 0, launches = 0;
};

std::string describe(Location loc);

/// `what`, then " at " and where `loc` is if it says.
std::string placed(const Twine &what, Location loc) {
  std::string where = describe(loc);
  return where.empty() ? what.str() : (what + " at " + where).str();
}

/// A short description of `loc`: "file:line:col" (the file's name
/// without its directory), a name with where it is, a call's callee.
std::string describe(Location loc) {
  if (auto file = dyn_cast<FileLineColLoc>(loc))
    return (llvm::sys::path::filename(file.getFilename().getValue()) + ":" +
            Twine(file.getLine()) + ":" + Twine(file.getColumn()))
        .str();
  if (auto name = dyn_cast<NameLoc>(loc))
    return placed(name.getName().strref(), name.getChildLoc());
  if (auto call = dyn_cast<CallSiteLoc>(loc))
    return describe(call.getCallee());
  if (auto fused = dyn_cast<FusedLoc>(loc))
    for (Location part : fused.getLocations())
      if (std::string text = describe(part); !text.empty())
        return text;
  return "";
}
} // namespace

func::FuncOp Emulator::declare(StringRef name, TypeRange inputs,
                               TypeRange results) {
  if (auto existing = symbols.lookup<func::FuncOp>(name))
    return existing;
  OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
  auto func = func::FuncOp::create(b, module.getLoc(), name,
                                   b.getFunctionType(inputs, results));
  func.setPrivate();
  symbols.insert(func);
  return func;
}

Value Emulator::call(OpBuilder &b, Location loc, StringRef name,
                     ValueRange args, TypeRange results) {
  func::FuncOp callee = declare(name, ValueRange(args).getTypes(), results);
  auto op = func::CallOp::create(b, loc, callee, args);
  return results.empty() ? Value() : op.getResult(0);
}

Value Emulator::i64(OpBuilder &b, Location loc, Value value) {
  return arith::IndexCastOp::create(b, loc, b.getI64Type(), value);
}

Value Emulator::i32(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantIntOp::create(b, loc, value, 32);
}

Value Emulator::address(OpBuilder &b, Location loc, Value memref,
                        ValueRange indices) {
  auto type = cast<MemRefType>(memref.getType());
  auto metadata = memref::ExtractStridedMetadataOp::create(b, loc, memref);
  Value linear = metadata.getOffset();
  for (auto [index, stride] : llvm::zip(indices, metadata.getStrides()))
    linear = arith::AddIOp::create(
        b, loc, linear, arith::MulIOp::create(b, loc, index, stride));
  Value bytes = arith::MulIOp::create(
      b, loc, linear,
      arith::ConstantIndexOp::create(
          b, loc, type.getElementTypeBitWidth() / 8));
  Value base = memref::ExtractAlignedPointerAsIndexOp::create(b, loc, memref);
  return i64(b, loc, arith::AddIOp::create(b, loc, base, bytes));
}

Value Emulator::cString(OpBuilder &b, Location loc, StringRef text) {
  memref::GlobalOp &global = strings[text];
  auto type = MemRefType::get({int64_t(text.size()) + 1}, b.getI8Type());
  if (!global) {
    OpBuilder at = OpBuilder::atBlockBegin(module.getBody());
    SmallVector<int8_t> bytes(text.begin(), text.end());
    bytes.push_back(0);
    global = memref::GlobalOp::create(
        at, module.getLoc(),
        ("__ssm_emu_string_" + Twine(strings.size() - 1)).str(),
        at.getStringAttr("private"), type,
        DenseElementsAttr::get(
            RankedTensorType::get(type.getShape(), at.getI8Type()),
            ArrayRef<int8_t>(bytes)),
        /*constant=*/true, /*alignment=*/nullptr);
    symbols.insert(global);
  }
  Value pointer = memref::ExtractAlignedPointerAsIndexOp::create(
      b, loc, memref::GetGlobalOp::create(b, loc, type, global.getSymName()));
  return i64(b, loc, pointer);
}

std::pair<Value, Value> Emulator::site(OpBuilder &b, Operation *op,
                                       StringRef kind, Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << kind << " " << type;
  return {i32(b, op->getLoc(), sites++),
          cString(b, op->getLoc(), placed(text, op->getLoc()))};
}

void Emulator::storeWords(OpBuilder &b, Location loc, const Thread &thread,
                          int64_t first, ValueRange values) {
  Type i32Type = b.getI32Type();
  for (auto [i, v] : llvm::enumerate(values)) {
    if (!v.getType().isInteger(32))
      v = v.getType().isF32()
              ? arith::BitcastOp::create(b, loc, i32Type, v).getResult()
              : LLVM::BitcastOp::create(b, loc, i32Type, v).getResult();
    memref::StoreOp::create(
        b, loc, v, thread.exchange,
        ValueRange{arith::ConstantIndexOp::create(b, loc, first + i)});
  }
}

Value Emulator::loadStruct(OpBuilder &b, Location loc, const Thread &thread,
                           int64_t first, Type type) {
  Value d = LLVM::UndefOp::create(b, loc, type);
  int64_t fields = cast<LLVM::LLVMStructType>(type).getBody().size();
  for (int64_t i = 0; i < fields; ++i)
    d = LLVM::InsertValueOp::create(
        b, loc, d,
        arith::BitcastOp::create(
            b, loc, b.getF32Type(),
            memref::LoadOp::create(
                b, loc, thread.exchange,
                ValueRange{arith::ConstantIndexOp::create(b, loc, first + i)})),
        ArrayRef<int64_t>{i});
  return d;
}

LogicalResult Emulator::emulateOp(Operation *op, const Thread &thread) {
  OpBuilder b(op);
  Location loc = op->getLoc();
  Type i32Type = b.getI32Type(), i64Type = b.getI64Type();

  if (isa<gpu::BarrierOp>(op)) {
    omp::BarrierOp::create(b, loc);
    call(b, loc, "ssmEmuBarrierPassed", {});
    op->erase();
    return success();
  }

  if (auto shuffle = dyn_cast<gpu::ShuffleOp>(op)) {
    Type type = shuffle.getValue().getType();
    if (!type.isIntOrFloat() || type.getIntOrFloatBitWidth() != 32)
      return shuffle.emitOpError("of a ")
             << type << " cannot be emulated (32-bit values only)";
    Value word = shuffle.getValue();
    if (!type.isInteger(32))
      word = arith::BitcastOp::create(b, loc, i32Type, word);
    SsmEmuShuffleMode mode = kSsmEmuShuffleXor;
    switch (shuffle.getMode()) {
    case gpu::ShuffleMode::XOR: mode = kSsmEmuShuffleXor; break;
    case gpu::ShuffleMode::UP: mode = kSsmEmuShuffleUp; break;
    case gpu::ShuffleMode::DOWN: mode = kSsmEmuShuffleDown; break;
    case gpu::ShuffleMode::IDX: mode = kSsmEmuShuffleIdx; break;
    }
    Value packed =
        call(b, loc, "ssmEmuShuffle",
             {thread.index, thread.size, word, shuffle.getOffset(),
              shuffle.getWidth(), i32(b, loc, mode)},
             i64Type);
    Value result = arith::TruncIOp::create(b, loc, i32Type, packed);
    if (!type.isInteger(32))
      result = arith::BitcastOp::create(b, loc, type, result);
    Value valid = arith::TruncIOp::create(
        b, loc, b.getI1Type(),
        arith::ShRUIOp::create(
            b, loc, packed,
            arith::ConstantIntOp::create(b, loc, 32, 64)));
    shuffle.getShuffleResult().replaceAllUsesWith(result);
    shuffle.getValid().replaceAllUsesWith(valid);
    op->erase();
    return success();
  }

  if (auto vote = dyn_cast<NVVM::VoteSyncOp>(op)) {
    SsmEmuVoteKind kind = kSsmEmuVoteAny;
    switch (vote.getKind()) {
    case NVVM::VoteSyncKind::any:
      kind = kSsmEmuVoteAny;
      break;
    case NVVM::VoteSyncKind::all:
      kind = kSsmEmuVoteAll;
      break;
    case NVVM::VoteSyncKind::uni:
      kind = kSsmEmuVoteUni;
      break;
    case NVVM::VoteSyncKind::ballot:
      kind = kSsmEmuVoteBallot;
      break;
    }
    Value result =
        call(b, loc, "ssmEmuVote",
             {thread.index, thread.size,
              arith::ExtUIOp::create(b, loc, i32Type, vote.getPred()),
              vote.getMask(), i32(b, loc, kind)},
             i32Type);
    if (vote.getRes().getType().isInteger(1))
      result = arith::TruncIOp::create(b, loc, b.getI1Type(), result);
    vote.getRes().replaceAllUsesWith(result);
    op->erase();
    return success();
  }

  if (auto load = dyn_cast<nvgpu::LdMatrixOp>(op)) {
    auto type = cast<VectorType>(load.getRes().getType());
    Type element = type.getElementType();
    if (element.getIntOrFloatBitWidth() != 16 || type.getRank() != 2 ||
        type.getDimSize(1) != 2)
      return load.emitOpError("of ")
             << type << " cannot be emulated (16-bit element pairs only)";
    auto [number, name] =
        site(b, op, load.getTranspose() ? "ldmatrix.trans" : "ldmatrix",
             type);
    call(b, loc, "ssmEmuLdmatrix",
         {thread.index, thread.size,
          address(b, loc, load.getSrcMemref(), load.getIndices()),
          i32(b, loc, load.getNumTiles()),
          i32(b, loc, load.getTranspose() ? 1 : 0), thread.exchangeAddress,
          number, name});
    Value result = arith::ConstantOp::create(
        b, loc, DenseElementsAttr::get(type, b.getZeroAttr(element)));
    auto pairType = VectorType::get({2}, element);
    for (int64_t r = 0; r < type.getDimSize(0); ++r) {
      Value word = vector::LoadOp::create(
          b, loc, VectorType::get({1}, i32Type), thread.exchange,
          ValueRange{arith::ConstantIndexOp::create(b, loc, r)});
      Value pair = vector::BitCastOp::create(b, loc, pairType, word);
      result = vector::InsertOp::create(b, loc, pair, result, r);
    }
    load.getRes().replaceAllUsesWith(result);
    op->erase();
    return success();
  }

  if (auto mma = dyn_cast<NVVM::MmaOp>(op)) {
    NVVM::MMAShapeAttr shape = mma.getShape();
    std::optional<NVVM::MMATypes> aType = mma.getMultiplicandAPtxType(),
                                  bType = mma.getMultiplicandBPtxType();
    bool operandsFit =
        aType && bType && *aType == *bType &&
        (*aType == NVVM::MMATypes::f16 || *aType == NVVM::MMATypes::bf16);
    bool resultFit = llvm::all_of(mma.getOperandC(), [](Value c) {
      return c.getType().isF32();
    });
    if (shape.getM() != 16 || shape.getN() != 8 || shape.getK() != 16 ||
        !operandsFit || !resultFit || mma.getOperandA().size() != 4 ||
        mma.getOperandB().size() != 2 || mma.getOperandC().size() != 4 ||
        mma.getLayoutA() != NVVM::MMALayout::row ||
        mma.getLayoutB() != NVVM::MMALayout::col)
      return mma.emitOpError("cannot be emulated (m16n8k16 row.col with "
                             "f16 or bf16 operands and f32 accumulators "
                             "only)");
    // A, B and C in the order GpuEmulator.h lays them out (D replaces C).
    static_assert(kSsmEmuMmaBWord == kSsmEmuMmaAWord + 4 &&
                      kSsmEmuMmaCWord == kSsmEmuMmaBWord + 2,
                  "A, B and C are stored one after the other");
    SmallVector<Value> words = llvm::to_vector(llvm::concat<Value>(
        mma.getOperandA(), mma.getOperandB(), mma.getOperandC()));
    storeWords(b, loc, thread, kSsmEmuMmaAWord, words);
    call(b, loc, "ssmEmuMma",
         {thread.index, thread.size, thread.exchangeAddress,
          i32(b, loc,
              *aType == NVVM::MMATypes::bf16 ? kSsmEmuMmaBF16
                                             : kSsmEmuMmaF16)});
    SmallVector<Value, 4> d;
    for (int64_t r = 0; r < 4; ++r)
      d.push_back(arith::BitcastOp::create(
          b, loc, b.getF32Type(),
          memref::LoadOp::create(
              b, loc, thread.exchange,
              ValueRange{arith::ConstantIndexOp::create(
                  b, loc, kSsmEmuMmaCWord + r)})));
    // The kernels read the result struct's fields one by one.
    for (Operation *user : llvm::make_early_inc_range(mma->getUsers())) {
      auto extract = dyn_cast<LLVM::ExtractValueOp>(user);
      if (!extract || extract.getPosition().size() != 1)
        return mma.emitOpError("cannot be emulated: its result is used "
                               "other than by llvm.extractvalue");
      extract.getResult().replaceAllUsesWith(d[extract.getPosition()[0]]);
      extract.erase();
    }
    op->erase();
    return success();
  }

  if (auto wgmma = dyn_cast<NVVM::WgmmaMmaAsyncOp>(op)) {
    NVVM::MMAShapeAttr shape = wgmma.getShape();
    NVVM::WGMMATypes type = wgmma.getTypeA();
    auto accumulators =
        cast<LLVM::LLVMStructType>(wgmma.getInouts().getType()).getBody();
    bool f32 = llvm::all_of(accumulators,
                            [](Type t) { return t.isF32(); });
    if (shape.getM() != 64 || shape.getK() != 16 || shape.getN() % 8 != 0 ||
        shape.getN() > 256 || wgmma.getTypeB() != type ||
        (type != NVVM::WGMMATypes::f16 && type != NVVM::WGMMATypes::bf16) ||
        wgmma.getTypeD() != NVVM::WGMMATypes::f32 || !f32 ||
        int64_t(accumulators.size()) != shape.getN() / 2 ||
        wgmma.getScaleA() != NVVM::WGMMAScaleIn::one ||
        wgmma.getScaleB() != NVVM::WGMMAScaleIn::one ||
        wgmma.getLayoutA() != NVVM::MMALayout::row ||
        wgmma.getLayoutB() != NVVM::MMALayout::col)
      return wgmma.emitOpError(
          "cannot be emulated (m64nNk16 with k-major f16 or bf16 operands, "
          "unscaled, and f32 accumulators only)");
    if (!readAfterWait(wgmma))
      return wgmma.emitOpError(
          "result is read before a wgmma.wait_group in its block "
          "completes it (the emulator would complete it at once)");
    Value inouts = wgmma.getInouts();
    SmallVector<Value> values;
    for (int64_t i = 0; i < int64_t(accumulators.size()); ++i)
      values.push_back(LLVM::ExtractValueOp::create(b, loc, inouts, i));
    storeWords(b, loc, thread, 0, values);
    call(b, loc, "ssmEmuWgmma",
         {thread.index, thread.size, thread.exchangeAddress,
          wgmma.getDescriptorA(), wgmma.getDescriptorB(),
          i32(b, loc, shape.getN()),
          i32(b, loc,
              type == NVVM::WGMMATypes::bf16 ? kSsmEmuMmaBF16
                                             : kSsmEmuMmaF16),
          i32(b, loc,
              wgmma.getScaleD() == NVVM::WGMMAScaleOut::one ? 1 : 0)});
    wgmma.getResults().replaceAllUsesWith(
        loadStruct(b, loc, thread, 0, inouts.getType()));
    op->erase();
    return success();
  }
  if (auto inlineAsm = dyn_cast<LLVM::InlineAsmOp>(op)) {
    std::optional<RegistersWgmma> form = registersWgmma(op);
    if (!form)
      return inlineAsm.emitOpError(
          "cannot be emulated (only the wgmma with A from registers that "
          "the kernels build)");
    if (!readAfterWait(op))
      return inlineAsm.emitOpError(
          "(wgmma) result is read before a wgmma.wait_group in its block "
          "completes it (the emulator would complete it at once)");
    // Words 0-3 A's registers, then the accumulators (as
    // ssmEmuWgmmaRegisters takes them).
    OperandRange operands = inlineAsm.getOperands();
    storeWords(b, loc, thread, 0, operands.take_front(4));
    storeWords(b, loc, thread, 4, operands.drop_front(6));
    call(b, loc, "ssmEmuWgmmaRegisters",
         {thread.index, thread.size, thread.exchangeAddress, operands[4],
          i32(b, loc, form->n),
          i32(b, loc, form->bf16 ? kSsmEmuMmaBF16 : kSsmEmuMmaF16), operands[5],
          i32(b, loc, form->transposeB ? 1 : 0)});
    inlineAsm.getRes().replaceAllUsesWith(
        loadStruct(b, loc, thread, 4, inlineAsm.getRes().getType()));
    op->erase();
    return success();
  }
  // The wgmma is done when it is issued: its fence, commit and wait are
  // bookkeeping, checked at the thread's end.
  if (isa<NVVM::WgmmaFenceAlignedOp>(op)) {
    call(b, loc, "ssmEmuWgmmaFence", {});
    op->erase();
    return success();
  }
  if (isa<NVVM::WgmmaGroupSyncAlignedOp>(op)) {
    call(b, loc, "ssmEmuWgmmaCommit", {});
    op->erase();
    return success();
  }
  if (auto wait = dyn_cast<NVVM::WgmmaWaitGroupSyncOp>(op)) {
    call(b, loc, "ssmEmuWgmmaWait",
         {i32(b, loc, static_cast<int64_t>(wait.getGroup()))});
    op->erase();
    return success();
  }
  if (auto fence = dyn_cast<NVVM::FenceProxyOp>(op)) {
    if (fence.getKind() != NVVM::ProxyKind::async_shared)
      return fence.emitOpError("cannot be emulated (fence.proxy.async of "
                               "shared memory only)");
    call(b, loc, "ssmEmuProxyFence", {thread.index});
    op->erase();
    return success();
  }

  if (auto copy = dyn_cast<nvgpu::DeviceAsyncCopyOp>(op)) {
    // Its token may only meet groups, and theirs waits (not loop-carried
    // or yielded tokens, which would outlive the copy's removal).
    for (Operation *user : copy.getAsyncToken().getUsers()) {
      auto group = dyn_cast<nvgpu::DeviceAsyncCreateGroupOp>(user);
      if (!group || !llvm::all_of(group->getUsers(), [](Operation *u) {
            return isa<nvgpu::DeviceAsyncWaitOp>(u);
          }))
        return copy.emitOpError("cannot be emulated: its token reaches ")
               << (group ? "an op other than nvgpu.device_async_wait "
                           "through its group"
                         : "an op other than nvgpu.device_async_create_group");
    }
    // In flight until a wait retires its group: the first srcElements
    // elements (all without it) from src, zeros for the rest, read now
    // and written to dst then.
    int64_t count = copy.getDstElements().getZExtValue();
    int64_t elementBytes =
        copy.getDst().getType().getElementTypeBitWidth() / 8;
    Value srcBytes = arith::ConstantIndexOp::create(b, loc, count);
    if (Value limit = copy.getSrcElements())
      srcBytes = arith::MinUIOp::create(b, loc, limit, srcBytes);
    srcBytes = arith::MulIOp::create(
        b, loc, srcBytes, arith::ConstantIndexOp::create(b, loc, elementBytes));
    call(b, loc, "ssmEmuAsyncCopy",
         {address(b, loc, copy.getDst(), copy.getDstIndices()),
          address(b, loc, copy.getSrc(), copy.getSrcIndices()),
          i32(b, loc, count * elementBytes),
          arith::IndexCastOp::create(b, loc, i32Type, srcBytes)});
    return success();
  }
  if (isa<nvgpu::DeviceAsyncCreateGroupOp>(op)) {
    call(b, loc, "ssmEmuAsyncCommit", {});
    return success();
  }
  if (auto wait = dyn_cast<nvgpu::DeviceAsyncWaitOp>(op)) {
    call(b, loc, "ssmEmuAsyncWait",
         {thread.index, i32(b, loc, wait.getNumGroups().value_or(0))});
    return success();
  }
  if (isa<gpu::GPUDialect, nvgpu::NVGPUDialect, NVVM::NVVMDialect>(
          op->getDialect()))
    return op->emitOpError("in a kernel cannot be emulated on the host");
  return success();
}

LogicalResult Emulator::emulate(gpu::LaunchOp launch) {
  Location loc = launch.getLoc();
  Region &body = launch.getBody();
  if (!body.hasOneBlock())
    return launch.emitOpError("with a body of more than one block cannot be "
                              "emulated");
  if (launch.getAsyncToken() || !launch.getAsyncDependencies().empty())
    return launch.emitOpError("that is asynchronous cannot be emulated");
  // Threads that wait for others run as a team. So do threads with stack
  // buffers other than static ones at the kernel's entry: those are
  // hoisted out of a loop over threads, which cannot free them per thread
  // (scf-to-cf does not lower the alloca scopes that would).
  bool collective = false;
  launch.walk([&](Operation *op) {
    collective |= isCollective(op) ||
                  (isa<memref::AllocaOp>(op) && !isHoistable(op, launch));
  });

  OpBuilder b(launch);
  Type i64Type = b.getI64Type();
  Value zero = arith::ConstantIndexOp::create(b, loc, 0),
        one = arith::ConstantIndexOp::create(b, loc, 1);
  gpu::KernelDim3 grid = {launch.getGridSizeX(), launch.getGridSizeY(),
                          launch.getGridSizeZ()};
  gpu::KernelDim3 block = {launch.getBlockSizeX(), launch.getBlockSizeY(),
                           launch.getBlockSizeZ()};
  Value blockThreads = arith::MulIOp::create(
      b, loc, arith::MulIOp::create(b, loc, block.x, block.y), block.z);

  // Shared memory: an arena per launch, reused by its blocks (a block finds
  // it in an unspecified state, as on the GPU), aligned so that the shared
  // addresses of wgmma's matrix descriptors are offsets in it. The
  // attributions are views of it, 128-byte aligned, then the dynamic
  // shared memory.
  SmallVector<std::pair<MemRefType, int64_t>> views;
  int64_t staticBytes = 0;
  for (BlockArgument attribution : launch.getWorkgroupAttributions()) {
    auto type = cast<MemRefType>(attribution.getType());
    if (!type.hasStaticShape() || !type.getLayout().isIdentity() ||
        !type.getElementType().isIntOrFloat() ||
        type.getElementTypeBitWidth() % 8 != 0)
      return launch.emitOpError("with a workgroup buffer of type ")
             << type
             << " cannot be emulated (static, contiguous buffers of whole "
                "bytes only)";
    views.push_back({type, staticBytes});
    staticBytes += llvm::alignTo(
        type.getNumElements() * type.getElementTypeBitWidth() / 8, 128);
  }
  Attribute workgroup =
      gpu::AddressSpaceAttr::get(b.getContext(), gpu::AddressSpace::Workgroup);
  auto bytesType = MemRefType::get({ShapedType::kDynamic}, b.getI8Type(),
                                   AffineMap(), workgroup);
  Value arena, sharedBytes, dynamicBytes;
  if (Value bytes = launch.getDynamicSharedMemorySize())
    dynamicBytes = arith::IndexCastOp::create(b, loc, b.getIndexType(), bytes);
  bool wgmma = false;
  launch.walk([&](Operation *op) { wgmma |= isWgmma(op); });
  if (staticBytes != 0 || dynamicBytes) {
    sharedBytes = arith::ConstantIndexOp::create(b, loc, staticBytes);
    if (dynamicBytes)
      sharedBytes = arith::AddIOp::create(b, loc, sharedBytes, dynamicBytes);
    // (The large alignment only where a wgmma needs it: such an
    // allocation is a fresh mapping.)
    arena = memref::AllocOp::create(
        b, loc, bytesType, ValueRange{sharedBytes},
        b.getI64IntegerAttr(wgmma ? kArenaAlignment : 64));
  }
  SmallVector<Value> shared;
  for (auto [type, offset] : views)
    shared.push_back(memref::ViewOp::create(
        b, loc, type, arena, arith::ConstantIndexOp::create(b, loc, offset),
        ValueRange{}));
  Value dynamicShared;
  if (dynamicBytes)
    dynamicShared = memref::ViewOp::create(
        b, loc, bytesType, arena,
        arith::ConstantIndexOp::create(b, loc, staticBytes),
        ValueRange{dynamicBytes});
  if (arena)
    call(b, loc, "ssmEmuSharedArena",
         {i64(b, loc,
              memref::ExtractAlignedPointerAsIndexOp::create(b, loc, arena)),
          i64(b, loc, sharedBytes), i32(b, loc, wgmma ? 1 : 0)});

  // Threads that run one after the other share their stack buffers, at
  // the entry of the function (allocas elsewhere are freed only when it
  // returns: in a host loop that launches the kernel, the stack would grow
  // at each step).
  Block &entry = launch->getParentOfType<FunctionOpInterface>()
                     .getFunctionBody()
                     .front();
  if (!collective)
    for (Operation &op : llvm::make_early_inc_range(body.front()))
      if (isa<memref::AllocaOp>(op))
        op.moveBefore(&entry, entry.begin());

  // Shared memory is watched for races (see GpuEmulator.h): each buffer's
  // address (i64), registered with its size in bytes.
  SmallVector<Value> watched;
  auto watch = [&](Value buffer, Value bytes) {
    watched.push_back(i64(
        b, loc, memref::ExtractAlignedPointerAsIndexOp::create(b, loc, buffer)));
    call(b, loc, "ssmEmuSharedRegister", {watched.back(), bytes});
  };
  for (Value buffer : shared) {
    auto type = cast<MemRefType>(buffer.getType());
    watch(buffer, arith::ConstantIntOp::create(
                      b, loc,
                      type.getNumElements() * type.getElementTypeBitWidth() / 8,
                      64));
  }
  if (dynamicShared)
    watch(dynamicShared,
          arith::ExtSIOp::create(b, loc, i64Type,
                                 launch.getDynamicSharedMemorySize()));

  // The blocks, x fastest.
  SmallVector<Value, 3> blockIds;
  for (Value size : {grid.z, grid.y, grid.x}) {
    auto loop = scf::ForOp::create(b, loc, zero, size, one);
    blockIds.insert(blockIds.begin(), loop.getInductionVar());
    b.setInsertionPoint(loop.getBody()->getTerminator());
  }
  if (!watched.empty())
    call(b, loc, "ssmEmuSharedBlock", {});

  // A block's threads: a team, or a loop.
  Block *threadBody;
  Value threadIndex;
  if (collective) {
    omp::ParallelOperands clauses;
    clauses.numThreads = arith::IndexCastOp::create(
        b, loc, b.getI32Type(), blockThreads);
    auto team = omp::ParallelOp::create(b, loc, clauses);
    threadBody = b.createBlock(&team.getRegion());
    omp::TerminatorOp::create(b, loc);
    b.setInsertionPointToStart(threadBody);
    threadIndex = arith::IndexCastOp::create(
        b, loc, b.getIndexType(),
        call(b, loc, "omp_get_thread_num", {}, b.getI32Type()));
    Value teamSize = call(b, loc, "omp_get_num_threads", {}, b.getI32Type());
    call(b, loc, "ssmEmuEnterBlock",
         {i64(b, loc, blockThreads),
          arith::ExtSIOp::create(b, loc, i64Type, teamSize)});
  } else {
    auto loop = scf::ForOp::create(b, loc, zero, blockThreads, one);
    threadBody = loop.getBody();
    threadIndex = loop.getInductionVar();
    b.setInsertionPointToStart(threadBody);
  }
  Value tx = arith::RemUIOp::create(b, loc, threadIndex, block.x);
  Value rest = arith::DivUIOp::create(b, loc, threadIndex, block.x);
  Value ty = arith::RemUIOp::create(b, loc, rest, block.y);
  Value tz = arith::DivUIOp::create(b, loc, rest, block.y);

  Thread thread;
  // (Every thread's index, for race detection.)
  Value threadIndex64 = i64(b, loc, threadIndex);
  thread.index = threadIndex64;
  if (collective) {
    thread.size = i64(b, loc, blockThreads);
    thread.exchange = memref::AllocaOp::create(
        b, loc, MemRefType::get({kExchangeWords}, b.getI32Type()));
    thread.exchangeAddress =
        i64(b, loc,
            memref::ExtractAlignedPointerAsIndexOp::create(b, loc,
                                                           thread.exchange));
  }

  // The body's arguments: ids and sizes, then the attributions.
  Block &kernel = body.front();
  gpu::KernelDim3 blockIdArgs = launch.getBlockIds(),
                  threadIdArgs = launch.getThreadIds(),
                  gridArgs = launch.getGridSize(),
                  blockArgs = launch.getBlockSize();
  auto replaceDim = [](gpu::KernelDim3 args, ArrayRef<Value> values) {
    args.x.replaceAllUsesWith(values[0]);
    args.y.replaceAllUsesWith(values[1]);
    args.z.replaceAllUsesWith(values[2]);
  };
  replaceDim(blockIdArgs, blockIds);
  replaceDim(threadIdArgs, {tx, ty, tz});
  replaceDim(gridArgs, {grid.x, grid.y, grid.z});
  replaceDim(blockArgs, {block.x, block.y, block.z});
  for (auto [attribution, buffer] :
       llvm::zip(launch.getWorkgroupAttributions(), shared))
    BlockArgument(attribution).replaceAllUsesWith(buffer);
  for (BlockArgument attribution : launch.getPrivateAttributions()) {
    // A team's threads each have theirs; a loop's share one.
    OpBuilder::InsertionGuard scope(b);
    if (!collective)
      b.setInsertionPointToStart(&entry);
    attribution.replaceAllUsesWith(memref::AllocaOp::create(
        b, loc, cast<MemRefType>(attribution.getType())));
  }

  // The body, after the thread's set-up; its terminator goes.
  kernel.getTerminator()->erase();
  threadBody->getOperations().splice(b.getInsertionPoint(),
                                     kernel.getOperations());

  // The GPU ops of the body: ids and sizes read by ops rather than block
  // arguments, the collectives.
  SmallVector<Operation *> ops;
  threadBody->walk([&](Operation *op) {
    // (And inline assembly, which is PTX.)
    if (isa<gpu::GPUDialect, nvgpu::NVGPUDialect, NVVM::NVVMDialect>(
            op->getDialect()) ||
        isa<LLVM::InlineAsmOp>(op))
      ops.push_back(op);
  });
  SmallVector<Operation *> asyncOps;
  for (Operation *op : ops) {
    auto pick = [](gpu::Dimension d, ArrayRef<Value> xyz) {
      return xyz[static_cast<unsigned>(d)];
    };
    Value replacement;
    if (auto id = dyn_cast<gpu::ThreadIdOp>(op))
      replacement = pick(id.getDimension(), {tx, ty, tz});
    else if (auto id = dyn_cast<gpu::BlockIdOp>(op))
      replacement = pick(id.getDimension(), blockIds);
    else if (auto dim = dyn_cast<gpu::BlockDimOp>(op))
      replacement = pick(dim.getDimension(), {block.x, block.y, block.z});
    else if (auto dim = dyn_cast<gpu::GridDimOp>(op))
      replacement = pick(dim.getDimension(), {grid.x, grid.y, grid.z});
    else if (isa<gpu::LaneIdOp>(op)) {
      OpBuilder at(op);
      replacement = arith::RemUIOp::create(
          at, op->getLoc(), threadIndex,
          arith::ConstantIndexOp::create(at, op->getLoc(), 32));
    } else if (isa<gpu::DynamicSharedMemoryOp>(op)) {
      if (!dynamicShared)
        return op->emitOpError("in a launch without dynamic shared memory");
      replacement = dynamicShared;
    }
    if (replacement) {
      op->getResult(0).replaceAllUsesWith(replacement);
      op->erase();
      continue;
    }
    bool async = isa<nvgpu::DeviceAsyncWaitOp,
                     nvgpu::DeviceAsyncCreateGroupOp,
                     nvgpu::DeviceAsyncCopyOp>(op);
    if (failed(emulateOp(op, thread)))
      return failure();
    if (async)
      asyncOps.push_back(op);
  }
  // Loads and stores of shared memory, reported for race detection.
  if (!watched.empty()) {
    threadBody->walk([&](Operation *op) {
      Value memref;
      ValueRange indices;
      Type value;
      bool write = false;
      if (auto load = dyn_cast<memref::LoadOp>(op)) {
        memref = load.getMemRef();
        indices = load.getIndices();
        value = load.getType();
      } else if (auto store = dyn_cast<memref::StoreOp>(op)) {
        memref = store.getMemRef();
        indices = store.getIndices();
        value = store.getValueToStore().getType();
        write = true;
      } else if (auto load = dyn_cast<vector::LoadOp>(op)) {
        memref = load.getBase();
        indices = load.getIndices();
        value = load.getType();
      } else if (auto store = dyn_cast<vector::StoreOp>(op)) {
        memref = store.getBase();
        indices = store.getIndices();
        value = store.getValueToStore().getType();
        write = true;
      } else {
        return;
      }
      auto memrefType = cast<MemRefType>(memref.getType());
      // (Whole bytes of scalar elements; 1-D vectors.)
      if (!isWorkgroup(memrefType) ||
          !memrefType.getElementType().isIntOrFloat() ||
          memrefType.getElementTypeBitWidth() % 8 != 0)
        return;
      auto shaped = dyn_cast<ShapedType>(value);
      if (shaped && shaped.getRank() != 1)
        return;
      int64_t bits = shaped ? shaped.getNumElements() *
                                  shaped.getElementTypeBitWidth()
                            : value.getIntOrFloatBitWidth();
      OpBuilder at(op);
      auto [number, name] = site(at, op, write ? "store" : "load", value);
      call(at, op->getLoc(), "ssmEmuSharedAccess",
           {threadIndex64, address(at, op->getLoc(), memref, indices),
            i32(at, op->getLoc(), std::max<int64_t>(bits / 8, 1)),
            i32(at, op->getLoc(), write), number, name});
    });
  }

  // The asynchronous copies, now calls, and the groups and waits of their
  // tokens; a thread that ends with copies in flight is an error.
  for (Operation *op : asyncOps)
    op->dropAllUses();
  for (Operation *op : asyncOps)
    op->erase();
  if (!asyncOps.empty()) {
    OpBuilder::InsertionGuard scope(b);
    b.setInsertionPoint(threadBody->getTerminator());
    call(b, loc, "ssmEmuAsyncDrain", {});
  }
  if (wgmma) {
    OpBuilder::InsertionGuard scope(b);
    b.setInsertionPoint(threadBody->getTerminator());
    call(b, loc, "ssmEmuWgmmaDrain", {thread.index, thread.size});
  }

  b.setInsertionPointAfter(launch);
  if (!watched.empty())
    call(b, loc, "ssmEmuBankReport",
         {cString(b, loc, placed("launch " + Twine(launches), loc))});
  ++launches;
  for (Value base : watched)
    call(b, loc, "ssmEmuSharedUnregister", {base});
  if (arena) {
    Value none = arith::ConstantIntOp::create(b, loc, 0, 64);
    call(b, loc, "ssmEmuSharedArena", {none, none, i32(b, loc, 0)});
    memref::DeallocOp::create(b, loc, arena);
  }
  launch.erase();
  return success();
}

namespace {
/// Device memory as host memory.
LogicalResult emulateMemory(Operation *op) {
  OpBuilder b(op);
  Location loc = op->getLoc();
  if (auto alloc = dyn_cast<gpu::AllocOp>(op)) {
    if (alloc.getAsyncToken() && !alloc.getAsyncToken().use_empty())
      return alloc.emitOpError("that is asynchronous cannot be emulated");
    Value buffer = memref::AllocOp::create(
        b, loc, alloc.getMemref().getType(), alloc.getDynamicSizes(),
        alloc.getSymbolOperands(), b.getI64IntegerAttr(64));
    alloc.getMemref().replaceAllUsesWith(buffer);
  } else if (auto dealloc = dyn_cast<gpu::DeallocOp>(op)) {
    if (dealloc.getAsyncToken() && !dealloc.getAsyncToken().use_empty())
      return dealloc.emitOpError("that is asynchronous cannot be emulated");
    memref::DeallocOp::create(b, loc, dealloc.getMemref());
  } else if (auto copy = dyn_cast<gpu::MemcpyOp>(op)) {
    if (copy.getAsyncToken() && !copy.getAsyncToken().use_empty())
      return copy.emitOpError("that is asynchronous cannot be emulated");
    memref::CopyOp::create(b, loc, copy.getSrc(), copy.getDst());
  } else if (auto wait = dyn_cast<gpu::WaitOp>(op)) {
    if (wait.getAsyncToken())
      return wait.emitOpError("that is asynchronous cannot be emulated");
  } else {
    return success();
  }
  op->erase();
  return success();
}

struct SSMEmulateGPUPass
    : mlir::ssm::impl::SSMEmulateGPUBase<SSMEmulateGPUPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<gpu::LaunchOp> launches;
    SmallVector<Operation *> memoryOps;
    module.walk([&](Operation *op) {
      if (auto launch = dyn_cast<gpu::LaunchOp>(op))
        launches.push_back(launch);
      else if (isa<gpu::AllocOp, gpu::DeallocOp, gpu::MemcpyOp, gpu::WaitOp>(
                   op) &&
               !op->getParentOfType<gpu::LaunchOp>())
        memoryOps.push_back(op);
    });
    Emulator emulator(module);
    for (gpu::LaunchOp launch : launches)
      if (failed(emulator.emulate(launch)))
        return signalPassFailure();
    for (Operation *op : memoryOps)
      if (failed(emulateMemory(op)))
        return signalPassFailure();

    // Shared and private memory are host memory: no memref keeps a memory
    // space (a gpu.address_space or its NVVM number).
    AttrTypeReplacer replacer;
    replacer.addReplacement([](MemRefType type) -> std::optional<Type> {
      if (!type.getMemorySpace())
        return std::nullopt;
      return MemRefType::get(type.getShape(), type.getElementType(),
                             type.getLayout());
    });
    replacer.recursivelyReplaceElementsIn(module, /*replaceAttrs=*/true,
                                          /*replaceLocs=*/false,
                                          /*replaceTypes=*/true);
  }
};
} // namespace
