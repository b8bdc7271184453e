//===- SSMAttrs.td - Attributes and enums of the ssm dialect -*- tablegen -*-===//

#ifndef SSM_DIALECT_SSM_IR_SSMATTRS_TD
#define SSM_DIALECT_SSM_IR_SSMATTRS_TD

include "ssm/Dialect/SSM/IR/SSMDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def SSM_FeatureMap : I32EnumAttr<"FeatureMap",
    "feature map phi of linear attention", [
      I32EnumAttrCase<"identity", 0>,
      I32EnumAttrCase<"elu1", 1>,
      I32EnumAttrCase<"relu", 2>,
      I32EnumAttrCase<"taylor2", 3>]> {
  let cppNamespace = "::mlir::ssm";
  let genSpecializedAttr = 0;
}
def SSM_FeatureMapAttr : EnumAttr<SSM_Dialect, SSM_FeatureMap, "feature_map">;

def SSM_ConvMode : I32EnumAttr<"ConvMode", "boundary handling of a long convolution", [
      I32EnumAttrCase<"causal", 0>,
      I32EnumAttrCase<"circular", 1>]> {
  let cppNamespace = "::mlir::ssm";
  let genSpecializedAttr = 0;
}
def SSM_ConvModeAttr : EnumAttr<SSM_Dialect, SSM_ConvMode, "conv_mode">;

def SSM_Activation : I32EnumAttr<"Activation", "pointwise activation", [
      I32EnumAttrCase<"none", 0>,
      I32EnumAttrCase<"silu", 1>]> {
  let cppNamespace = "::mlir::ssm";
  let genSpecializedAttr = 0;
}
def SSM_ActivationAttr : EnumAttr<SSM_Dialect, SSM_Activation, "activation">;

def SSM_Discretization : I32EnumAttr<"Discretization",
    "discretization of a continuous-time SSM", [
      I32EnumAttrCase<"zoh", 0>,
      I32EnumAttrCase<"bilinear", 1>]> {
  let cppNamespace = "::mlir::ssm";
  let genSpecializedAttr = 0;
}
def SSM_DiscretizationAttr : EnumAttr<SSM_Dialect, SSM_Discretization, "discretization">;

//===----------------------------------------------------------------------===//
// Schedules
//===----------------------------------------------------------------------===//

def SSM_ScheduleAttr : AttrDef<SSM_Dialect, "Schedule"> {
  let mnemonic = "schedule";
  let summary = "how an ssm op is computed: the algorithm and its parameters";
  let description = [{
    Chosen by `--ssm-select-algorithms` from the cost model and attached to an
    op as `ssm.schedule`; written by hand, it overrides the model. The
    algorithm names and parameters each op accepts:

    - `ssm.attention`: `"naive"`, or `"flash"` with `block_q`, `block_k`;
    - `ssm.linear_attention`: `"recurrent"`, or `"chunked"` with `chunk`;
    - `ssm.selective_scan`, `ssm.ssd`: `"sequential"` with `block_d` (channels
      or heads scanned together), or `"chunked"` with `chunk`;
    - `ssm.long_conv`: `"direct"`, or `"fft"` with
      `fft_size` and `fft_factors` (the FlashFFTConv decomposition order,
      first factor innermost);
    - `ssm.short_conv`: `"direct"`; `ssm.ssm_kernel`: `"vandermonde"`;
    - `ssm.monarch`, `ssm.butterfly`: `"blocked"` with `block_rows`.

    Example: `#ssm.schedule<"flash", {block_k = 64 : i64, block_q = 128 : i64}>`
  }];
  let parameters = (ins "::mlir::StringAttr":$algorithm,
                        "::mlir::DictionaryAttr":$params);
  let assemblyFormat = "`<` $algorithm `,` $params `>`";
}

#endif // SSM_DIALECT_SSM_IR_SSMATTRS_TD
