//===- Passes.td - Passes of the ssm dialect ---------------*- tablegen -*-===//

#ifndef SSM_DIALECT_SSM_TRANSFORMS_PASSES_TD
#define SSM_DIALECT_SSM_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def SSMSelectAlgorithms : Pass<"ssm-select-algorithms"> {
  let summary = "Choose each ssm op's algorithm and tiles from the cost model";
  let description = [{
    For every `ssm` op without an `ssm.schedule` attribute, enumerates the
    op's algorithms (flash vs naive attention and their tiles, sequential vs
    chunked scans and the chunk size, direct vs FFT long convolution and the
    FFT's decomposition order, ...), estimates each with the IO-aware cost
    model on the target's memory hierarchy, and attaches the cheapest as
    `ssm.schedule = #ssm.schedule<"algorithm", {params}>`. A schedule that is
    already present (written by hand) is kept, after checking that the op
    has that algorithm and its parameters.

    Example: `ssm-opt --ssm-select-algorithms="target=sm_90"`.
  }];
  let options = [
    Option<"target", "target", "std::string", /*default=*/"\"cpu-host\"",
           "Target whose memory hierarchy the model uses: cpu-host, sm_80, sm_90">,
    Option<"assumedDynamicSize", "assume-dynamic-size", "int64_t",
           /*default=*/"4096",
           "Size assumed for dynamic batch and length dimensions">,
  ];
  let dependentDialects = ["::mlir::ssm::SSMDialect"];
}

def SSMIOReport : Pass<"ssm-io-report"> {
  let summary = "Report each ssm op's modelled slow-memory traffic and FLOPs";
  let description = [{
    Emits a remark on every `ssm` op with its schedule (from
    `ssm.schedule`, or the one `--ssm-select-algorithms` would choose),
    modelled bytes moved to and from slow memory, FLOPs, arithmetic intensity
    and roofline time on the target. The IR is not changed.
  }];
  let options = [
    Option<"target", "target", "std::string", /*default=*/"\"cpu-host\"",
           "Target whose memory hierarchy the model uses: cpu-host, sm_80, sm_90">,
    Option<"assumedDynamicSize", "assume-dynamic-size", "int64_t",
           /*default=*/"4096",
           "Size assumed for dynamic batch and length dimensions">,
  ];
}

#endif // SSM_DIALECT_SSM_TRANSFORMS_PASSES_TD
