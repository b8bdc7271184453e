//===- Passes.td - Conversions out of the ssm dialect ------*- tablegen -*-===//

#ifndef SSM_CONVERSION_PASSES_TD
#define SSM_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertSSMToLinalg : Pass<"convert-ssm-to-linalg"> {
  let summary = "Lower ssm ops to linalg, tensor and scf ops on tensors";
  let description = [{
    Rewrites every `ssm` op into upstream ops on tensors that the CPU (and,
    after mapping, GPU) pipelines bufferize and lower:

    - `short_conv`, `long_conv` (algorithm `direct`): a zero-padded input and
      one `linalg.generic` reduction over the filter taps; `long_conv`
      (algorithm `fft`): per (batch, channel) row, one radix-2 FFT of
      signal + i filter (zero-padded; decimation in frequency, stages
      fused in pairs into one pass over the row, one generic per output
      position writing its quarter in place, bit-reversed order out), the
      product of the two spectra it holds, and an inverse FFT (decimation in
      time, bit-reversed order in), so no bit reversal is done. The rows run
      in an `scf.forall`, each row's transforms in the cache
      (`tile-fft-rows`). Without a schedule, `long_conv` takes the
      cost model's choice for the host when its shapes are static;
    - `monarch`: two batched block products (`linalg.generic` contractions
      with transposed weights, the contiguous output index innermost)
      between reshapes, per block of 32 rows in an `scf.forall` when the
      row count is static; `butterfly`: one contraction per factor;
    - `ssm_kernel` (diagonal): one reduction over the state, using
      `Abar^l = exp(l log Abar)` in real arithmetic; NPLR form (static
      state size and rank): one channel per iteration of an `scf.forall`,
      in `complex<f64>` on `[N, N]` matrices (`tile-kernel-channels`; else
      on `[D, N, N]` batches): `M = diag(A) - P^T conj(P)`,
      `Abar`, `Bbar` by Gauss-Jordan elimination with partial pivoting (an
      `scf.for` over pivots; ZOH first takes `exp(dt M)` by scaling and
      squaring), then T ~ sqrt(L) Krylov columns `Abar^t Bbar` and
      `L / T` rows `Cm^T Abar^(jT)` whose product is the kernel;
    - `selective_scan`, `ssd`, causal `linear_attention` (algorithms
      `sequential` / `recurrent`): an `scf.for` over time carrying the state
      (`[B,N,D]` and `[B,H,N,P]`, channels innermost and updated in place,
      `[B,H,F,Ev]`), never an `[L, ...]` state.
      With static shapes, a sequential `ssd` is likewise split into one
      scan per (batch, head) in an `scf.forall` (`tile-heads`), each
      carrying its head's `[N, P]` state through all steps; so is causal
      `linear_attention` (its `[F, Ev]` state).
      `ssd` with algorithm `chunked` (static shapes; schedule parameter
      `chunk`, default 64) is Mamba-2's chunked form: time in chunks of Q
      steps (the last zero-padded, dt = 0); an `scf.forall` over (batch,
      chunk) (or, with `tile-heads=false`, generics over all of them)
      computes each chunk's output from within the chunk
      (`(C B^T masked by the decays) X`), the state it ends with from zero
      and its decay, as contractions of Q x Q x N, Q x Q x P and
      N x Q x P per head; an `scf.for` over chunks passes the state along;
      then each step adds the readout of the state entering its chunk.
      `selective_scan` with algorithm `chunked` (static shapes): dt is
      computed once and time zero-padded; an `scf.forall` over (batch,
      chunk) scans each chunk from a zero state (its output, the state it
      ends with, and the running sum of dt); an `scf.for` over chunks
      passes the state along; each step then adds
      `sum_n C e^{A cum dt} h_in` and the skip and gate terms.
      Causal `linear_attention` with algorithm `chunked` likewise: masked
      Q x Q score products within a chunk, the sums of all earlier chunks
      (an `scf.for` over chunks) read by every step.
      With static shapes, `selective_scan` is first split over batch x
      blocks of channels (an `scf.forall` of scans on slices, each block
      within one group of Bm/Cm), so that each thread carries its block's
      state through all steps (`tile-scan-channels`);
    - `attention` (algorithm `flash`): an `scf.for` over key blocks carrying
      the online-softmax row max, row sum and output accumulator. With
      static shapes it runs per (batch, head, block of `block_q` queries) in
      an `scf.forall`, over only the keys the block's queries see (causal
      and window bounds), writing its rows of the output in place: the
      largest score buffer is `[block_q, block_k]`. With dynamic shapes (or
      `tile-attention-queries=false`) one loop covers all queries
      (`[B, H, Lq, block_k]`); never `[Lq, Lk]`.

    Ops on f16/bf16 tensors compute in f32: their operands are extended,
    the op is lowered in f32 and its results are truncated back. With
    `round-product-operands`, the f32 intermediates that a matrix product
    of such an op reads are rounded to the op's element type first, as
    FlashAttention does for its probabilities and Mamba-2's kernels for
    their chunk scores and states: attention's probabilities P (for P V
    and the row sums), monarch's Z (the second block product), chunked
    SSD's masked chunk scores, decay-weighted inputs, `C e^{c}` and the
    states entering the chunks, and chunked linear attention's masked
    scores, entering sums and computed features. Each such product then multiplies two
    16-bit operands into an f32 accumulator, which is the form
    `ssm-tensor-core-contractions` runs on tensor cores.
    Ops without a schedule use the algorithm above; a schedule naming an
    algorithm this pass does not implement yet is an error.
  }];
  let options = [
    Option<"tileScanChannels", "tile-scan-channels", "bool", "true",
           "Split static selective scans over batch x channel blocks">,
    Option<"scanChannelBlock", "scan-channel-block", "int64_t", "128",
           "The most channels per block of a split selective scan (the "
           "block is the largest divisor of a group's channels up to it and "
           "to the schedule's block_d); the CUDA pipeline uses 1, a GPU "
           "thread per channel">,
    Option<"tileHeads", "tile-heads", "bool", "true",
           "Split static sequential SSD scans and causal linear attention "
           "over (batch, head), and chunked SSD's work within chunks over "
           "(batch, chunk), each in its own iteration of an scf.forall; the "
           "CUDA pipeline uses false (threads per state elements and step; "
           "chunk products as kernels over all chunks)">,
    Option<"tileAttentionQueries", "tile-attention-queries", "bool", "true",
           "Run static attention per (batch, head, block of queries) in an "
           "scf.forall, its scores and running state in the cache; the CUDA "
           "pipeline uses false (one flash loop over key blocks whose steps "
           "cover all queries: kernels, no per-thread tiles)">,
    Option<"tileKernelChannels", "tile-kernel-channels", "bool", "true",
           "Run the NPLR form of ssm_kernel one channel per iteration of an "
           "scf.forall, its matrices in the cache; the CUDA pipeline uses "
           "false (every step one generic over all channels' matrices, a "
           "kernel)">,
    Option<"tileFFTRows", "tile-fft-rows", "bool", "true",
           "Run FFT long convolutions per (batch, channel) row in an "
           "scf.forall, each row's transforms in the cache; the CUDA "
           "pipeline uses false, a kernel per stage over all rows">,
    Option<"tileMonarchRows", "tile-monarch-rows", "bool", "true",
           "Run static monarch products per block of 32 rows in an "
           "scf.forall, each block's intermediate in the cache; the CUDA "
           "pipeline uses false (each block product one generic over all "
           "rows: a kernel, a tensor-core kernel for f16/bf16)">,
    Option<"monarchContiguousReductions", "monarch-contiguous-reductions",
           "bool", "false",
           "Without row tiles, order monarch's operands so that each block "
           "product reads both along its reduction dimension and writes "
           "along a non-batch one (R as it is, Z and the result transposed "
           "between [rows, m, k] and [rows, k, m] by copies), as the GPU's "
           "tensor-core kernels load and store them; the CUDA pipeline "
           "sets it where those run">,
    Option<"roundProductOperands", "round-product-operands", "bool", "false",
           "For ops on f16/bf16 tensors, round the f32 intermediates that "
           "matrix products read to the op's element type (see above); the "
           "CUDA pipeline sets it for sm_80 and later, where those products "
           "run on tensor cores">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect", "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

def SSMVectorizeContractions : Pass<"ssm-vectorize-contractions"> {
  let summary = "Tile contraction generics on tensors into register tiles "
                "and vectorise them";
  let description = [{
    A `linalg.generic` with static shapes that multiplies two inputs and
    sums over one reduction loop, whose innermost loop runs over the last
    (contiguous) dimension of its output and of one input (the "vector
    operand"), is tiled with `scf.for` into register tiles:

    - the innermost loop by the vector width, the largest of 64, 32, 16 and
      8 that divides it;
    - the first parallel loop that the vector operand does not depend on
      (the rows) by 4 or 2, while rows x width stays within
      `max-accumulator` elements, so that every vector loaded from the
      vector operand serves all rows of the tile;
    - every other loop, the reduction among them, by 1, with the reduction
      loop innermost.

    Each tile is vectorised (`linalg::vectorize`), and the read and write
    of its accumulator are hoisted out of the reduction loop, so that the
    loop body is rows x width multiply-adds on vectors held in registers,
    fed by one vector load per width and one scalar broadcast per row.
    Other generics are left alone. Part of the CPU pipeline
    (`ssm::cpuPipeline()`), after `--ssm-reorder-matmuls`.

    Example: the `(m, k, n)` matmul generic of `--ssm-reorder-matmuls` on
    `64x32` and `32x16` tensors becomes loops over `m` (step 4) and `k`
    (step 1) whose body is a `vector<4x16xf32>` multiply-add.
  }];
  let options = [
    Option<"maxAccumulator", "max-accumulator", "int64_t", "256",
           "The most f32 elements in a tile's accumulator (16 AVX-512 "
           "registers)">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::scf::SCFDialect", "::mlir::tensor::TensorDialect",
    "::mlir::vector::VectorDialect"
  ];
}

def SSMReorderMatmuls : Pass<"ssm-reorder-matmuls"> {
  let summary = "Rewrite matmuls on tensors as generics whose innermost loop "
                "runs over contiguous output columns";
  let description = [{
    `linalg.matmul` and `linalg.batch_matmul` (default indexing maps, one
    float element type) become a `linalg.generic` with the loops ordered
    `(batch..., m, k, n)`: the reduction over `k` outside, the columns `n`
    of the right operand and the output innermost. Lowered to loops (with
    `--ssm-sequentialize-nested-parallel-loops`), the inner loop is a
    contiguous multiply-add that LLVM vectorises; the named op's
    `(m, n, k)` order reads the right operand with a stride of `n` and runs
    about 20x slower. Part of the CPU pipeline (`ssm::cpuPipeline()`).

    Example:

    ```mlir
    %c = linalg.matmul ins(%a, %b : tensor<64x32xf32>, tensor<32x16xf32>)
                       outs(%init : tensor<64x16xf32>) -> tensor<64x16xf32>
    // becomes
    %c = linalg.generic {indexing_maps = [(m, k, n) -> (m, k),
                                          (m, k, n) -> (k, n),
                                          (m, k, n) -> (m, n)],
                         iterator_types = ["parallel", "reduction",
                                           "parallel"]} ...
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect"
  ];
}

def SSMApproximateMath : Pass<"ssm-approximate-math"> {
  let summary = "Expand f32 exp, log, log1p, expm1 and tanh into polynomial "
                "approximations";
  let description = [{
    Replaces the f32 `math` ops that the model code calls in its inner loops
    (the decays `exp(dt A)` of scans, softmax, softplus, SiLU) with
    polynomial approximations (no library call): `exp` by its own
    16-operation expansion (under 1 ulp; results below about 2^-125 flush
    to zero), the others by upstream's (a few ulp), so
    that the loops around them stay vectorisable: a call to `expf` keeps
    LLVM from vectorising the loop it is in. f64 and other ops are left to
    the math library. Part of the CPU pipeline (`ssm::cpuPipeline()`).
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::math::MathDialect",
    "::mlir::vector::VectorDialect"
  ];
}

def SSMSequentializeNestedParallelLoops
    : Pass<"ssm-sequentialize-nested-parallel-loops"> {
  let summary = "Turn scf.parallel loops nested in another scf.parallel, or "
                "with too little work to share, into scf.for nests";
  let description = [{
    The CPU pipeline runs the outermost parallel loops of each linalg op on
    OpenMP threads (`convert-scf-to-openmp`). A parallel loop nested inside
    one of those (a linalg op whose innermost dimension is parallel, below a
    reduction) would become a nested OpenMP region forked per iteration;
    as an `scf.for` it is an ordinary inner loop that LLVM vectorises.

    A parallel loop whose static trip counts, its own times those of every
    loop inside it, come to fewer than `min-parallel-work` iterations is
    also made sequential: forking and joining the threads (microseconds)
    would cost more than the loop. This is what keeps the per-step loops of
    a scan over time (`selective_scan` with one channel block, `ssd`,
    recurrent linear attention) on one thread. Loops with a dynamic trip
    count anywhere inside are assumed large.

    Parallel loops with reductions are left alone.
  }];
  let options = [
    Option<"minParallelWork", "min-parallel-work", "int64_t",
           /*default=*/"32768",
           "Static iterations (the loop's and its inner loops') below which "
           "a parallel loop runs on one thread">
  ];
  let dependentDialects = ["::mlir::scf::SCFDialect"];
}

def SSMMapToGPU : Pass<"ssm-map-to-gpu", "::mlir::ModuleOp"> {
  let summary = "Run the loops of bufferized host functions as CUDA kernels "
                "on device buffers";
  let description = [{
    The first step of the CUDA pipeline (`ssm::cudaPipeline()`), after
    bufferization and `convert-linalg-to-parallel-loops`. In each function:

    - every outermost `scf.parallel` becomes a `gpu.launch` with one thread
      per iteration (the iteration space flattened, the last dimension
      fastest, `block-size` threads per block, a bounds guard);
    - inside a kernel, nested parallel loops become `scf.for` nests (each
      thread runs its iteration's inner loops, e.g. a scan block's loop over
      time), buffers become private `memref.alloca`s and copies explicit
      loops. A dynamically sized buffer gets the largest size its size can
      take (e.g. `min(remaining, block)`), viewed at the actual size. Private
      buffers are allocated once, at the kernel's entry; a buffer that a
      loop carries to its next iteration gets two, used at even and odd
      iterations;
    - host control flow that contains parallel loops (a loop over time with
      dynamic shapes) stays on the host and launches them at each step;
      any other op that reads or writes memory runs as a one-thread kernel;
    - `memref.alloc`/`dealloc` become `gpu.alloc`/`gpu.dealloc`, contiguous
      `memref.copy` becomes `gpu.memcpy`: every buffer lives on the device,
      including the function's arguments and results. A constant global
      (`memref.get_global` in host code: twiddle tables) with a value,
      that only kernels read, is taken inside each of them instead
      (`gpu-kernel-outlining` then copies the global into the kernels'
      module: device memory initialized when the module loads). Other
      globals, mutable ones or those host code also uses, are host memory:
      their uses read a device copy (`gpu.alloc` and `gpu.memcpy` where the
      global is taken, `gpu.dealloc` at the end of its block).

    `gpu.launch` ops already there (`ssm-tensor-core-contractions`'
    tiled kernels) are left as they are; host control flow around them
    stays on the host.

    Apart from those kernels this is the straightforward mapping (correct
    for every op; no shared-memory staging). Kernels are outlined
    afterwards by `gpu-kernel-outlining`.
  }];
  let options = [
    Option<"blockSize", "block-size", "int64_t", /*default=*/"256",
           "Threads per block of the kernels made from parallel loops">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::gpu::GPUDialect",
    "::mlir::memref::MemRefDialect", "::mlir::scf::SCFDialect"
  ];
}

def SSMFoldExtensions : Pass<"ssm-fold-extensions", "::mlir::func::FuncOp"> {
  let summary = "Move f16/bf16 -> f32 extensions into the generics that "
                "read them";
  let description = [{
    Ops on f16/bf16 tensors are lowered in f32 between `arith.extf`
    generics (convert-ssm-to-linalg). This pass makes a `linalg.generic`
    read the 16-bit tensor and extend each element in its body instead,
    when its input is

    - the result of an extension generic (one input, identity maps, body
      `yield extf(in)`) seen through `tensor.extract_slice`,
      `tensor.expand_shape`, `tensor.collapse_shape` and zero padding (a
      `tensor.insert_slice` into a `linalg.fill` of 0.0, as the chunked
      algorithms pad time): the views are taken of the 16-bit tensor
      instead, the padding of a 16-bit fill, or
    - the result of an extension generic whose input map is a projected
      permutation (a transposition), read directly: the consumer's map
      becomes the composition.

    Values are unchanged (the same extension, applied at each read). The
    extension generics and their f32 buffers go away when no longer used.
    Part of the CUDA pipeline, where it lets
    `ssm-tensor-core-contractions` see contractions of 16-bit operands
    (attention's Q K^T, monarch's first block product, SSD's chunk
    products) and saves a pass
    over memory per extended operand.

    The other way, a truncation generic (identity maps, body `yield
    truncf(in)`) whose input is a permutation copy (one input read through
    a permutation, body `yield in`) seen through `tensor.collapse_shape`
    and `tensor.expand_shape`, each used once only there, becomes the copy
    truncating as it writes, then the same reshapes of the 16-bit tensor
    (an f16/bf16 monarch's last transposition: one pass over memory
    instead of two).
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

def SSMFusedAttention : Pass<"ssm-fused-attention", "::mlir::ModuleOp"> {
  let summary = "Run f16, bf16 and f32 attention as one FlashAttention-2 "
                "kernel on tensor cores";
  let description = [{
    Part of the CUDA pipeline for sm_80 and later, before
    `convert-ssm-to-linalg`. An `ssm.attention` with f16, bf16 or f32
    operands and static head sizes (E, Ev) up to 128 (in the tiles padded
    with zero columns to multiples of 16; rows that are not whole 16-byte
    pieces are staged element by element), whose tiles fit a block's shared memory (the target description's,
    less 1 KB: 163 KB on sm_80, 227 KB on sm_90; 99 KB, the least from
    sm_80 on, for other chips), becomes a call, on its operands' buffers (`bufferization.to_buffer`,
    read-only) and a new output buffer (then `bufferization.to_tensor ...
    restrict`, not writable), to a private declaration that carries the op's
    attributes and the kernel's choices (`ssm.flash_attention = {causal,
    scale, window, splits, fill_blocks, f32_planes, block_keys,
    shared_bytes, l2_bytes, wgmma}`);
    `ssm-expand-fused-kernels` replaces the call by the kernel after
    bufferization and buffer deallocation (which rejects ops without
    memory effects, such as `gpu.barrier`). Batch, heads and lengths may be
    dynamic. Other ops, and all when `chip` is older than sm_80, are left
    to `convert-ssm-to-linalg`.

    The kernel is FlashAttention-2's forward pass: a block of 4 warps per
    (batch, head, 128 queries), each warp two tiles of 16 query rows (for
    f32, see below: one where a head size exceeds 64, 64 queries). Q's
    tile is staged in shared memory once. For each block of 64 keys (32
    when E or Ev exceeds 32, so that no registers spill) that the block's
    queries can see (causal and window bounds), K's tile and V's are
    staged in shared memory (zeros past the end, rows padded by 16 bytes;
    double-buffered: the next block's copies, `cp.async` through
    `nvgpu.device_async_copy`, are issued before this block's are waited
    for, so that they overlap its arithmetic; the tiles in dynamic shared
    memory, 68 KB for E = Ev = 128); each warp loads its fragments with `ldmatrix` (V's with
    `ldmatrix.trans`), each K and V fragment feeding both of its row
    tiles, and computes its 32 x block scores with `mma.sync` m16n8k16
    into f32 registers and, only in a branch taken where a key of the
    step is hidden from some row of the block (causal, window, keys past
    the end), masks them; it takes the row maxima across the four lanes
    that share a row (`gpu.shuffle xor`). A row's running maximum moves
    only where some row of the warp sees a score more than 2^8 above its
    own (`nvvm.vote.sync any`, a warp-uniform branch; FlashAttention-4's
    conditional rescaling): then the warp rescales its running row sums
    and its 32 x Ev output accumulators, else (most steps, once the maxima
    have settled) P's values stay below 256 and nothing is rescaled. Each
    probability is one fma and one ex2, 2^(s scale - m) (for a positive
    scale; else the scores are scaled first), with no guard per score (a
    row that saw no key subtracts 0). The row sums add the probabilities
    in f32, and they are rounded to the input type (as FlashAttention
    does; a register's pair at once, `cvt.rn.bf16x2.f32`) and multiplied
    by V with `mma.sync`, the score accumulators serving directly as the
    A operand. At the end each row is
    divided by its sum (0 for a row that saw no key) and written in the
    input type. Scores never leave registers; K and V are read once per
    block of queries. Tiles are staged with 16-byte loads when q, k and v are
    16-byte aligned (checked on the host); otherwise a variant that loads
    element by element into single buffers, with one row tile per warp,
    runs.

    Where the blocks of (batch, head, queries) are too few to fill the
    GPU (decoding: few queries, many keys), the keys are split (flash
    decoding): with S splits (chosen on the host at run time: as many as
    make twice as many blocks as `chip` has SMs, 216 on sm_80 and 264 on
    sm_90, each split 4 key steps at least; or the `splits` option, at
    most one per key step), each
    block takes whole steps of its keys' share and writes its rows'
    unnormalized outputs, maxima and sums (f32) to a buffer of partial
    results, and a second kernel (a thread per output) combines
    them: y = sum_s 2^(m_s - M) O_s / sum_s 2^(m_s - M) l_s. The splits
    take the same steps, with the same masks, as one block would.

    Blocks start in the order of their index, and a head's blocks are
    adjacent, so that the blocks that run at once share its keys and
    values through the L2. Without a causal mask a head's query tiles go
    in order. With one, a tile's work grows with its queries, and the
    last tile of the last head, started last, would run on while the
    other SMs idle: the tiles go longest first (LPT order, as
    FlashAttention-3's scheduler), in sections of consecutive (batch,
    head) pairs whose keys and values take at most half the L2 (the
    target description's, 40 MB on sm_80 and 50 MB on sm_90; `l2-bytes`
    overrides it; an H100's for other chips), computed at run time from
    the keys' length: a section's tiles by decreasing query tile, its
    heads fastest, then the next section's. The sections are as even as
    can be (the first pairs % sections of them one head more), since a
    small last section would start its longest tiles late. (Simulated
    with B 4, H 16, L 4096, 128 queries per block on 132 or 264 block
    slots, unit time per key tile, greedy: the tiles' own order takes 8%
    or 16% longer than the work divided evenly, this one, with sections
    of at most 12 heads (2 MB each), 1% or 5% longer.)

    f32 operands go to the tensor cores as bf16 planes: x = x_0 + .. +
    x_{n-1}, each x_i the bf16 rounding of what the planes before it leave
    (n = `f32-planes`, 3 by default), and each product as the sum of the
    products of planes i and j with i + j < n, the smallest first. With 3
    planes (6 products per product) the terms left out come to about 2^-24
    of a product, f32's precision (errors of 1e-7 to 8e-7 of the largest
    output on random inputs; the generic f32 loops: 1.4e-7); with 2 (3
    products), about 2^-16; with 1, the operands rounded to bf16. The first
    plane is rounded from x clamped to bf16's finite range, so finite
    values beyond it stay finite; infinite inputs give NaN (their planes
    meet zero planes), as split-TF32 products do. Q, K and V are held in
    shared memory as planes, and P is split in registers (the row sums add
    P itself). Since cp.async cannot convert, K's and V's copies go to f32
    staging tiles; at the start of a step the threads that copied them
    split them into the planes (their own wait suffices), and after the
    barrier they issue the next step's copies, which fly during the step.
    Q is split from 16-byte loads. A warp has one row tile (64 queries per
    block) unless two fit the shared memory and E, Ev <= 64 (with more,
    ptxas spills): 134 KB for E = Ev = 128 with 3 planes.

    On sm_90a (unless `wgmma` is false; the declaration's `wgmma = true`)
    the products are `wgmma.mma_async` of a warpgroup. S = Q K^T is m64 x
    n x k16 with K (and, but for the case below, Q) in shared memory: Q's
    and K's tiles
    (their planes) are 8 x 8 core matrices, k-major and unswizzled,
    without padding (cp.async pieces go to adjacent rows of a core
    matrix); the warpgroup's row tile mt is its rows 64 mt.., warp w's 16
    rows from 16 w, whose accumulators lie as mma.sync's C fragments did.
    With f16/bf16 operands the 16-byte variant's block is two warpgroups
    (256 threads, 128 queries, where their tiles fit) of one row tile per
    warp, which share K's and V's tiles of
    128 keys by default (a thread holds 64 output accumulators and 64
    scores for Ev = 128; ptxas allots at most about 210 registers, one
    block of 160 KB per SM for E = Ev = 128), and a step's keys are two
    groups of 64 (of half the keys, where block-keys is a multiple of
    32), each with its own products: S is m64 x 64 x k16 with A
    (Q) from registers, each warp's 16 rows loaded once before the loop
    (`ldmatrix` from the core matrices, after a wait for Q's own group of
    copies), so that K's tile is the products' only read of shared memory
    (with 64 keys per product, Q's reads would take as many bytes per
    cycle as shared memory gives). The element-wise variant (one
    warpgroup, Q from its tile: with Q's registers as well, ptxas spilled)
    double-buffers K and V too, so that its loop reads
    them from a row that changes from step to step (else LLVM keeps every
    matrix descriptor in registers across the loop, and ptxas spills). Each thread executes `nvvm.fence.proxy` (async.shared)
    before the barrier that publishes a step's tiles; then `wgmma.fence`,
    per row tile one wgmma per 16 columns of the padded head size (times
    the planes' products), the first with scale-d 0 (so no instruction
    writes the accumulators between the fence and the wgmma), and a
    commit per group (row tile and key group). With f16/bf16 operands, O
    += P V is wgmma too, m64 x Ev x k16 with A (P) from registers (an
    `llvm.inline_asm`: the NVVM dialect's wgmma takes A from shared
    memory only) and B (V's tile, core matrices as well) MN-major: key
    group g waits for its scores (`wgmma.wait_group` groups - 1: S of the
    second group runs during the first one's softmax), runs its softmax
    and commits its P V, which runs during the next group's softmax; the
    second group's softmax, once its P is computed, waits for the first
    group's P V (`wgmma.wait_group 0`, outside the branch of its vote,
    which is uniform in a warp, not in the warpgroup that the wait
    belongs to) and rescales those outputs where its maxima moved (a
    second branch on the same vote); its P V accumulates onto them. The
    step ends with `wgmma.wait_group 0`. With f32 operands the scores are waited for at
    once and P V stays on `mma.sync` (P's three planes, which an
    asynchronous wgmma holds in registers until its wait, spill).
  }];
  let options = [
    Option<"chip", "chip", "std::string", /*default=*/"\"sm_80\"",
           "The CUDA architecture the kernels are for (sm_XY); the kernel "
           "needs sm_80 or later">,
    Option<"splits", "splits", "int64_t", /*default=*/"0",
           "Split every attention's keys this many ways (0: as many as fill "
           "the GPU, chosen at run time)">,
    Option<"f32Planes", "f32-planes", "int64_t", /*default=*/"3",
           "bf16 planes of f32 operands on tensor cores (1 to 3): 3 keeps "
           "about f32's precision with six products per product, 2 about "
           "16 bits with three, 1 rounds to bf16">,
    Option<"blockKeys", "block-keys", "int64_t", /*default=*/"0",
           "Keys per step of the flash kernel (a multiple of 16 up to "
           "128; 0: 128 where P V is wgmma, else 64, or 32 where a head "
           "size exceeds 32). More keys "
           "take more registers (scores) and shared memory">,
    Option<"l2Bytes", "l2-bytes", "int64_t", /*default=*/"0",
           "The L2 cache that the causal block order's sections of heads "
           "are sized for (0: the chip's)">,
    Option<"useWgmma", "wgmma", "bool", /*default=*/"true",
           "For sm_90a, compute S = Q K^T (and, for f16/bf16, P V) with "
           "the warpgroup's wgmma.mma_async instead of its warps' "
           "mma.sync">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::bufferization::BufferizationDialect",
    "::mlir::gpu::GPUDialect", "::mlir::LLVM::LLVMDialect",
    "::mlir::math::MathDialect", "::mlir::memref::MemRefDialect",
    "::mlir::NVVM::NVVMDialect", "::mlir::nvgpu::NVGPUDialect",
    "::mlir::scf::SCFDialect", "::mlir::vector::VectorDialect"
  ];
}

def SSMFusedSelectiveScan
    : Pass<"ssm-fused-selective-scan", "::mlir::ModuleOp"> {
  let summary = "Run selective scans as one kernel with a thread per state "
                "element";
  let description = [{
    Part of the CUDA pipeline, before `convert-ssm-to-linalg`. An
    `ssm.selective_scan` whose state size N is a power of two up to 32, and
    whose schedule (if any) is not `chunked`, becomes a call on its
    operands' buffers and new result buffers to a private declaration that
    carries which optional operands and results it has
    (`ssm.selective_scan = {delta_softplus, skip, gate, delta_bias, init,
    final_state}`); `ssm-expand-fused-kernels` replaces the call by the
    kernel after bufferization and buffer deallocation. Shapes other than
    N may be dynamic; f32, f16 or bf16 (16-bit values read and extended,
    the recurrence in f32, results truncated; f64 scans stay on the linalg
    lowering).

    The kernel has a thread per (batch, channel, S state elements), S =
    min(N, `states-per-thread`) (4 by default): a block of 128 threads
    covers 128 / P channels of one group (a group's channels take whole
    blocks, the last maybe partial: its warps without a channel of the
    group skip the steps, though they still load and stage each chunk;
    where D / G is below 32 / P, lanes of a block's one working warp
    idle), whose P = N / S threads are adjacent lanes of a warp. Each
    thread keeps its S state elements in registers and runs the
    recurrence over time (dt with bias and softplus, e^{dt A} as
    exp2(dt (A log2 e)), dt B x); y is the sum of S products in the thread
    and then over the channel's P lanes, with the skip term D x as D x / P
    from each lane. Every input is read once per step (x and dt by a
    channel's lanes together), so the scan moves what it must: its inputs
    and outputs once. With N = 16, a scan of B x D channels has 4 B D
    threads: enough to keep an H100 busy where a thread per channel (the
    linalg lowering) leaves most of it idle, with x, dt and the shuffles
    shared by 4 state elements (on an H100, B = 8, L = 4096, D = 2048:
    0.78 ms, against 1.9 ms with a thread per state element, both before
    the chunks below; bench/h100/README.md).

    Steps go in chunks of 16, software-pipelined: the loads of the next
    chunk (each step's x and gate, delta, and the thread's share of the
    chunk's B and C) are issued before the current chunk's steps run, and
    the block stages a chunk's B and C (2 x 16 x N words, which all its
    channels read) in shared memory, from where a step reads its S
    elements of each with one vector load. Where P > 1 and dt has a bias
    or a softplus, a channel's lane j computes dt of steps j, j + P, ...
    of the chunk (16 / P delta loads and softplus) and the steps read
    theirs from it by `gpu.shuffle idx`, rather than every lane computing
    every step's. A chunk's steps go P at a time: their y are summed over
    the channel's lanes by a reduce-scatter (log2(P) rounds of one
    `gpu.shuffle xor` and one addition per step a lane still holds), after
    which lane j gates and stores step j's y, where summing each step apart
    would take log2(P) shuffles per step and its store one lane's. The
    last L mod 16 steps go one by one from global memory, y summed by
    log2(P) butterfly shuffles and stored by the channel's first lane.
    The decays' exp2 and the softplus's exp2 and log2 are marked `afn`
    (`ssm-approximate-exp2`: one `MUFU` instruction each; the gate's
    sigmoid is not): the softplus is max(dt, 0) + log1p(e), e = exp(-|dt|),
    with log1p(e) as log2(1 + e) ln 2 for e >= 1/16 (lg2.approx's error,
    about 2^-22 absolute, below 3e-6 relative there) and as its series to
    e^6 below (so that small softplus values keep their relative
    accuracy).
  }];
  let options = [
    Option<"statesPerThread", "states-per-thread", "int64_t",
           /*default=*/"4",
           "The most state elements of a thread, S (a power of two from 2 "
           "to 32): a channel takes N / S lanes; fewer lanes share x, dt "
           "and the shuffles among more states but leave fewer threads">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::bufferization::BufferizationDialect",
    "::mlir::func::FuncDialect", "::mlir::memref::MemRefDialect"
  ];
}

def SSMFusedLongConv : Pass<"ssm-fused-long-conv", "::mlir::ModuleOp"> {
  let summary = "Run FFT long convolutions as kernels that keep rows (or "
                "columns and rows of the transform) in shared memory";
  let description = [{
    Part of the CUDA pipeline, before `convert-ssm-to-linalg`. An
    `ssm.long_conv` whose algorithm is `fft` (its schedule, or the cost
    model's choice), in f32, f16 or bf16, with static L and filter length,
    becomes a call on u, k, the bias, an f32 twiddle table and a new y
    buffer to a private declaration with
    `ssm.long_conv_fft = {circular, bias, length, taps, split}`;
    `ssm-expand-fused-kernels` replaces it by the kernels. Batch and
    channel counts may be dynamic. The transform length n is the linalg
    lowering's (the next power of two of L + taps - 1, or 2L - 1 for the
    circular mode); the shared memory of a block comes from the target
    description of `chip` (164 KB (sm_80) or 228 KB (sm_90) per SM, less
    1 KB; 48 KB on other chips).

    When 8n bytes (and a few hundred for reductions) fit a block (n up to
    16384 on sm_80 and sm_90; `split = 0`), one kernel: a block per
    (batch, channel) row of min(512, max(32, n/4)) threads keeps the row's
    complex signal u/|u| + i k/|k| in dynamic shared memory (2-norms, so
    that the rounding errors of one part do not swamp the other; maxima
    where the squares vanish or overflow: each thread folds its items'
    squares and magnitudes as it loads them, a warp's lanes combine theirs
    by shuffles, then the first warp the warps'), runs the
    forward transform (decimation in frequency, stages fused in pairs,
    natural order in, bit-reversed out), the product of the two spectra
    separated from mirrored frequencies, and the inverse transform
    (decimation in time, bit-reversed in, natural out) in place, each phase
    a barrier apart, and stores y = the real part / (4 n s) plus the skip
    term. Since y is real, the inverse is one of n / 2 points where the
    layouts allow (n >= 4; on tensor cores, n not a power of 16 and
    n / 2 >= 128): of E + i O, E[h] = Y[h] + Y[h + n/2], O[h] = (Y[h] - Y[h + n/2])
    exp(2 pi i h / n), whose output is y[2m] + i y[2m + 1]. u, k and y
    cross global memory once.

    Longer rows (and all with the `split` option) take the four-step
    form, n = P Q with Q = `split` (default n / 64, from 32
    to 8192), over a scratch of [rows, 2, P, Q] f32 (at most
    `scratch-bytes`: a host loop takes the rows in chunks that fit): two
    kernels for the scales (maxima and sums of squares per tile of 32
    rows by 2048 times, a warp's loads of u on adjacent channels and of k
    on adjacent times, then a thread per row); forward P-point column
    transforms, 32 columns per block, times exp(-2 pi i q a / n) (a
    twiddle table entry of period max(P, Q) times one of the min(P, Q)
    fine factors that follow it in the table); a block per pair of
    Q-point rows a and P - a (which hold each other's mirrored
    frequencies; blocks of 256 threads for passes of up to 80 KB of
    shared memory, several to an SM, 512 otherwise): forward transforms,
    product, inverse transforms, times
    the conjugate twiddle; inverse column transforms and y (circular: the
    linear convolution back into the scratch, then a kernel that folds
    lin[t + L] onto y[t]). Since y is real, the inverse is one of n / 2
    points where the layouts allow (Q / 2 >= 32 and, on tensor cores, as
    many radix-16 stages in Q / 2 as in Q): the row pairs put E + i O of
    frequencies h = a + P c and h + n / 2 (c and c + Q / 2 of row a) in
    place of the two, the inverse rows are of Q / 2 points, and the
    inverse columns take Q / 2 columns. Where u and k fit half the
    transform, the first stage of the forward columns (and of the one-row
    kernel's transform) does not read the zero half. Other
    convolutions (f64, dynamic L, blocks that do not fit) are left to
    `convert-ssm-to-linalg`'s kernels per pair of stages. Arithmetic in
    f32.

    When `chip` has tensor cores (sm_80 and later), transforms of 128
    points or more (`tensor_cores = true`) run their radix-16 stages as
    FFTs by matrix products: each warp multiplies 8 columns of 16 points
    (the B operand of `nvvm.mma.sync` m16n8k16) by the 16-point DFT matrix
    / 4 (A), twiddles in f32 after (forward) or before (inverse) each
    stage, the r < 16-point transforms left over by the stages above.
    Operands are split pairs of f16 values (high + low; three products per
    real product, four real products per complex one), as precise as f32
    to about 2^-21; stage inputs are scaled below a power of two that
    keeps the last stage within f16's range (z by max|u|, the product by
    its maximum, per row pair in the four steps), and y is scaled back.
    Transform outputs are then in the order of the radix-16 digits, which
    the spectra product and the four steps' passes follow. The host form
    (`on-host`) has no tensor cores and ignores the flag.
  }];
  let options = [
    Option<"chip", "chip", "std::string", /*default=*/"\"sm_80\"",
           "The CUDA architecture the kernels are for (sm_XY), which bounds "
           "the shared memory of a block">,
    Option<"split", "split", "int64_t", /*default=*/"0",
           "Run every convolution it takes as the four-step kernels "
           "with rows of this many points (a power of two from 32 to 8192; "
           "0: only rows that do not fit a block, with n / 64 points)">,
    Option<"scratchBytes", "scratch-bytes", "int64_t",
           /*default=*/"int64_t(1) << 31",
           "The most global memory the four-step kernels' scratch takes "
           "(8 n bytes per row, and a few words per row of scales; rows "
           "go through it in chunks)">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::bufferization::BufferizationDialect",
    "::mlir::memref::MemRefDialect"
  ];
}

def SSMExpandFusedKernels
    : Pass<"ssm-expand-fused-kernels", "::mlir::ModuleOp"> {
  let summary = "Replace the calls made by ssm-fused-attention, "
                "ssm-fused-selective-scan and ssm-fused-long-conv by their "
                "kernels";
  let description = [{
    Each `func.call` of a declaration with an `ssm.flash_attention`,
    `ssm.selective_scan` or `ssm.long_conv_fft` attribute (made by
    `ssm-fused-attention`, `ssm-fused-selective-scan` or
    `ssm-fused-long-conv`; operands: the op's input buffers, then its
    output buffers) becomes the `gpu.launch` of the kernel described there;
    the declarations go. A declaration whose attribute or signature does
    not describe such a kernel, or a use other than a call, is an error.

    With `on-host`, kernels are built in their host form instead: the FFT
    convolution's phases become loops over their items, in a loop over
    rows, which the CPU pipeline runs (this is how its arithmetic is tested
    without a GPU). The other kinds have no host form; a call of one is an
    error.
  }];
  let options = [
    Option<"onHost", "on-host", "bool", /*default=*/"false",
           "Build the kernels' host forms (loops on the CPU)">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::gpu::GPUDialect",
    "::mlir::LLVM::LLVMDialect", "::mlir::math::MathDialect",
    "::mlir::memref::MemRefDialect", "::mlir::NVVM::NVVMDialect",
    "::mlir::nvgpu::NVGPUDialect", "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect"
  ];
}

def SSMEmulateGPU : Pass<"ssm-emulate-gpu", "::mlir::ModuleOp"> {
  let summary = "Run the CUDA pipeline's kernels on the host, a CPU thread "
                "per GPU thread (for testing without a GPU)";
  let description = [{
    Takes the module as the CUDA pipeline has it after `ssm-map-to-gpu`
    (kernels as `gpu.launch` ops, device buffers from `gpu.alloc`) and
    makes it a host program that the CPU pipeline's lowering to LLVM
    finishes (`ssm::cudaEmulatorPipeline()`, `ssm-run --target=cuda-emulator`):

    - `gpu.alloc`/`dealloc`/`memcpy` become `memref.alloc`/`dealloc`/`copy`
      (device memory is host memory), synchronous `gpu.wait`s go;
    - a launch runs its blocks one after the other. A kernel without
      barriers or warp-level operations runs a block's threads as a loop;
      any other kernel runs a block as an OpenMP team (`omp.parallel`) of a
      thread per GPU thread, `gpu.barrier` being `omp.barrier` and
      `gpu.shuffle` (32-bit values), `nvvm.vote.sync` (a whole warp's
      member mask), `nvgpu.ldmatrix` (16-bit elements) and
      `nvvm.mma.sync` (m16n8k16, f16/bf16 operands, f32 accumulators) calls
      of libssm_cpu_runtime that exchange values among a warp's 32 threads
      with the fragment layouts of the PTX ISA; `nvvm.wgmma.mma_async`
      (m64nNk16, k-major unswizzled f16/bf16 operands in shared memory, f32
      accumulators) a call in which each thread computes its own
      accumulators from shared memory as the matrix descriptors give it,
      at once; so is the `llvm.inline_asm` of a wgmma with A from
      registers that `mma::wgmmaRegisters` builds (B k-major or MN-major;
      the warp's lanes exchange their A registers), and any other inline
      assembly is an error; the fence, commit and wait are calls that
      keep count, and a wgmma without a `wgmma.fence` since the thread's
      last wait (or start), or a thread that ends with wgmma no wait
      completed, or threads of a warpgroup that executed different numbers
      of fences, commits or waits (the warpgroup's instructions, in a
      branch uniform only in a warp), is an error of the run; a wgmma
      whose accumulators are
      read (other than by the next wgmma of a chain, of the same shape)
      before a `wgmma.wait_group` in its block that completes it (N with N
      groups or more committed after its own) is an error of the pass
      (overwriting its operands before the wait is not caught);
      `nvgpu.device_async_copy`
      (cp.async) reads its source at once but writes shared memory only
      when an `nvgpu.device_async_wait` of its thread retires its group
      (each GPU thread of such a kernel is a CPU thread that keeps its
      copies in flight), so a read that no wait precedes sees stale data,
      and a thread that ends with copies in flight is an error of the run;
    - shared memory is watched for data races: launches register their
      shared buffers with the runtime, blocks start a new generation,
      threads report the barriers they pass, and every load and store of
      workgroup memory (`memref` and 1-D `vector` loads and stores; the
      runtime's `ldmatrix` reads and copy landings too) reports its
      thread, address, size and kind; two accesses of the same bytes by
      different threads, one a write, with no barrier (nor, for lanes of
      one warp, a warp-level operation) between them are an error of the
      run (a copy may land any time from its issue to its wait); a wgmma's
      reads count as reads of its thread, and reading a unit whose writer
      has not executed `nvvm.fence.proxy` (async.shared) since the write is
      an error of the run (the async proxy may not see it), as is reading
      what another thread fenced after the last barrier the reader passed,
      or an operand outside one shared buffer;
    - each of those loads, stores and `ldmatrix` ops also passes a number
      and a description (a constant C string: the kind, type and location
      of the op, whose `NameLoc` names the kernel's phase) of its static
      access, and each launch with shared memory ends with a call that
      reports its bank account: with `$SSM_EMULATOR_BANKS` set, the
      runtime counts the wavefronts of each warp's requests against the
      count without bank conflicts, and prints them on stderr with the
      accesses that cost most;
    - shared memory (workgroup attributions, dynamic shared memory) is one
      arena per launch, aligned to 2^18 bytes where a kernel has wgmma (its
      descriptors' 18-bit shared addresses are offsets in it), the
      attributions and the dynamic shared memory views of it; private
      memory (attributions, a kernel's static
      `memref.alloca`s) a stack buffer per thread of a team, or one at the
      function's entry that the threads of a loop share; memory spaces
      leave every memref type;
    - `gpu.shuffle` has the semantics of its lowering to `shfl.sync` (the
      first `width` lanes take part); a lane outside the width that
      executes one is reported as an error of the run.

    A kernel must reach its warp-level operations in every lane of the warp
    (as the GPU requires): where it does not, the waiting lanes stop the
    run with a message after `$SSM_EMULATOR_TIMEOUT` seconds (60).

    The kernels are the ones that would run on the GPU, index arithmetic,
    fragment layouts and synchronisation included: only the NVVM lowering
    and the hardware are left out. Any other GPU, NVGPU or NVVM op in a
    kernel, or a kernel body of more than one block, is an error.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::func::FuncDialect",
    "::mlir::LLVM::LLVMDialect", "::mlir::memref::MemRefDialect",
    "::mlir::omp::OpenMPDialect", "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect"
  ];
}

def SSMTensorCoreContractions
    : Pass<"ssm-tensor-core-contractions", "::mlir::func::FuncOp"> {
  let summary = "Run f16/bf16 and f32 contractions on buffers as tiled "
                "tensor-core kernels (shared memory, ldmatrix, mma.sync)";
  let description = [{
    Part of the CUDA pipeline, after bufferization and before
    `convert-linalg-to-parallel-loops`. A linalg op on buffers (named or
    generic) that computes `C += extf(a) * extf(b)` with f16 or bf16 inputs
    and an f32 output, or `C += a * b` in f32 (unless `f32-planes` is 0),
    with one reduction loop `k`, is rewritten into a
    `gpu.launch` when its loops split into

    - `m`: a parallel loop that indexes A and C but not B,
    - `n`: a parallel loop that indexes B and C but not A,
    - `k`: the reduction loop, which C does not use,
    - batch loops: every other parallel loop, all of which index C,

    and C's indexing map is a projected permutation (each element of C is
    written by one thread). A and B may have any affine indexing maps (a
    transposed operand, a GQA head `h floordiv g`): elements are loaded
    through them.

    The kernel has a block of 4 warps per (batch, 64 x 64 tile of C). For
    each 32-deep slice of `k`, the block stages A's 64 x 32 tile and B's
    (stored n-major, k contiguous) in shared memory (workgroup
    attributions, rows padded to 80 bytes so that the eight rows an
    `ldmatrix` reads fall in distinct banks), out-of-range elements as
    zeros. An operand whose contiguous dimension is `k` (unit stride) is
    copied 16 bytes at a time by `cp.async` (`nvgpu.device_async_copy`,
    zero-filled out of range) by a variant of the kernel that the host
    launches where every 16-byte chunk of it (8 f16/bf16 or 4 f32 elements)
    is aligned (aligned start, other strides and `k`'s size multiples of
    the chunk); f16/bf16 tiles are double-buffered, the next slice's copies
    issued before this slice's are waited for (f32: see below). The other variant loads element by element. Each warp then computes a 32 x 32 tile of C as 2 x 4 `m16n8k16`
    products, its fragments loaded with `nvgpu.ldmatrix` (x4) and multiplied
    by `nvvm.mma.sync` with f32 accumulators in registers. The accumulators
    are added to C at the end, where in range; where a `linalg.fill` of C
    comes just before the op (nothing with memory effects in between), the
    accumulators start at the fill's value and C is written without being
    read, and the fill goes (one pass over C instead of three). Where an
    elementwise `linalg.generic` right after the op rounds C (or a
    collapse_shape of it) with `arith.truncf` into a fresh buffer and
    nothing else reads C, the kernel writes the rounded values there (in
    C's shape) and the rounding, and C's own buffer, go. Extending f16/bf16 to f32 is
    exact and so is the product of two of them, so this computes what the
    op states, in another summation order.

    f32 operands are held in shared memory as `f32-planes` bf16 planes (3
    by default: x = x0 + x1 + x2, each plane the bf16 rounding of what the
    planes before it leave), and each product is the sum of the products
    of planes i and j with i + j < 3 (six `mma.sync`), the terms left out
    about 2^-24 of a product: f32's precision on tensor cores (values
    beyond bf16's range stay finite; infinities give NaN, see
    `ssm-fused-attention`). 2 planes take three products (about 2^-16), 1
    rounds to bf16. An
    operand copied by `cp.async` lands in an f32 staging tile (cp.async
    cannot convert); at the start of each slice the threads that copied it
    split their chunks into its planes, and after the barrier they issue
    the next slice's copies, which fly while the slice is multiplied.
    Shared memory: 3 planes of 64 x 40 bf16 per operand (30 KB) and a 8 KB
    staging tile per operand copied by cp.async, 46 KB at most.

    On sm_90a (unless `wgmma` is false) the block's four warps are one
    warpgroup and the products are `nvvm.wgmma.mma_async` m64n64k16 with
    both operands in shared memory: the tiles hold 8 x 8 core matrices (8
    rows of 16 bytes, contiguous), k-major and unswizzled, with no padding
    (4 KB per tile, the element-wise and cp.async staging as above, cp.async
    chunks assigned so that eight adjacent threads' 16-byte copies fill
    one core matrix, 128 contiguous bytes). The matrix descriptors hold the tile's shared address
    and the byte offsets between core matrices: 128 along k, 512 along the
    rows. Each thread executes `nvvm.fence.proxy` (async.shared) after its
    writes and before the barrier that publishes them, since wgmma reads
    through the async proxy; then `wgmma.fence`, the slice's two (twelve
    with three f32 planes) wgmma on a struct of the 32 accumulators,
    `wgmma.commit_group` and `wgmma.wait_group 0` before the closing
    barrier. The accumulators' layout is mma.sync's C fragment per 8
    columns over the warp's 16 rows. Plain sm_90 has no wgmma (it needs the
    arch-specific features): there, and before sm_90, mma.sync.

    Ops inside loops that become kernels (`scf.parallel`, `scf.forall`)
    are left alone, as are other ops and all ops when `chip` is older than
    sm_80 (no f16/bf16 `m16n8k16` tensor cores).
  }];
  let options = [
    Option<"chip", "chip", "std::string", /*default=*/"\"sm_80\"",
           "The CUDA architecture the kernels are for (sm_XY); tensor "
           "cores are used from sm_80">,
    Option<"f32Planes", "f32-planes", "int64_t", /*default=*/"3",
           "bf16 planes of f32 operands on tensor cores (0 to 3): 0 leaves "
           "f32 contractions alone, 3 keeps about f32's precision with six "
           "products per product, 2 about 16 bits with three, 1 rounds to "
           "bf16">,
    Option<"useWgmma", "wgmma", "bool", /*default=*/"true",
           "For sm_90a, multiply with the warpgroup's wgmma.mma_async "
           "(operands in shared memory) instead of its warps' mma.sync">
  ];
  let dependentDialects = [
    "::mlir::affine::AffineDialect", "::mlir::arith::ArithDialect",
    "::mlir::gpu::GPUDialect", "::mlir::LLVM::LLVMDialect",
    "::mlir::memref::MemRefDialect", "::mlir::NVVM::NVVMDialect",
    "::mlir::nvgpu::NVGPUDialect", "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect"
  ];
}

def SSMMergeGPUModules : Pass<"ssm-merge-gpu-modules", "::mlir::ModuleOp"> {
  let summary = "Move the kernels of all gpu.modules into the first one";
  let description = [{
    `gpu-kernel-outlining` makes one `gpu.module` per kernel. The CUDA
    pipeline merges them so that a compiled module has one PTX text, cubin
    or fatbin (what `ssm-compile --emit=ptx|cubin|fatbin` writes) and is
    loaded once. Kernels whose names clash are renamed, and
    `gpu.launch_func` ops follow. A global that another module already
    has (a host global that `gpu-kernel-outlining` copied into each module
    whose kernel takes it) is kept once; a different global of the same
    name is an error. Private host globals that no host code takes any
    more (tables that `ssm-map-to-gpu` took into kernels) are erased: the
    kernel module's copy is the one read (LLVM would drop the unused host
    copy from a library anyway; this keeps it out of the emitted MLIR and
    LLVM IR).
  }];
  let dependentDialects = ["::mlir::gpu::GPUDialect"];
}

def SSMAlignWorkgroupBuffers
    : Pass<"ssm-align-workgroup-buffers", "::mlir::gpu::GPUFuncOp"> {
  let summary = "Align the shared-memory buffers of kernels";
  let description = [{
    Gives every workgroup attribution of a `gpu.func` that has no
    `llvm.align` the alignment `alignment` (by default 16 bytes), which
    `convert-gpu-to-nvvm` puts on the shared-memory global it becomes.
    Without it the global is aligned to its element only, and the 16-byte
    row addresses of `ldmatrix` (ssm-tensor-core-contractions' kernels)
    would be misaligned. Runs after `gpu-kernel-outlining`, which gives
    `gpu.launch`'s attributions to the kernel without attributes.
  }];
  let options = [
    Option<"alignment", "alignment", "int64_t", /*default=*/"16",
           "The alignment in bytes">
  ];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def SSMApproximateExp2 : Pass<"ssm-approximate-exp2", "::mlir::gpu::GPUFuncOp"> {
  let summary = "Lower approximate f32 exp2 and log2 to the GPU's "
                "ex2.approx.ftz and lg2.approx.ftz";
  let description = [{
    Replaces each f32 `math.exp2` with the `afn` fast-math flag in a
    kernel by the `llvm.nvvm.ex2.approx.ftz.f32` intrinsic: one `MUFU.EX2`
    on the GPU, where the default lowering (`ex2.approx.f32`, which keeps
    subnormal results) is four instructions (a compare and two scalings
    around it). The results differ only where they are below 2^-126, which
    it flushes to zero. Flash attention marks its softmax's exponentials
    so for f16/bf16 operands (on an H100, 1.94 against 2.04 ms for bf16
    B = 4, H = 16, L = 4096, E = 128), the selective scan its decays and
    its softplus. Likewise each f32 `math.log2` with `afn` becomes
    `llvm.nvvm.lg2.approx.ftz.f` (`MUFU.LG2`, within 2^-22 of log2 on
    [1, 2]) where the default is libdevice's `__nv_log2f`; the scan's
    softplus takes log2(1 + e^-|dt|) so. Other `math.exp2` and
    `math.log2` ops are left to `convert-gpu-to-nvvm`. Part
    of the CUDA pipeline, after `gpu-kernel-outlining`; the GPU emulator
    runs the kernels before it, with the host's exp2.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

#endif // SSM_CONVERSION_PASSES_TD
