//===- SSMDialect.td - The ssm dialect ---------------------*- tablegen -*-===//
//
// The `ssm` dialect states what sequence mixers compute: SSM recurrences,
// long and short convolutions, Monarch/butterfly products and attention.
//
//===----------------------------------------------------------------------===//

#ifndef SSM_DIALECT_SSM_IR_SSMDIALECT_TD
#define SSM_DIALECT_SSM_IR_SSMDIALECT_TD

include "mlir/IR/OpBase.td"

def SSM_Dialect : Dialect {
  let name = "ssm";
  let cppNamespace = "::mlir::ssm";
  let summary = "Structured sequence mixers: SSMs, long convolutions, Monarch, attention";
  let description = [{
    The `ssm` dialect holds one op per sequence mixer. Each op states *what* is
    computed on ranked tensors (f16, bf16, f32, f64); how it is computed
    (algorithm, tiles, hardware mapping) is chosen by later passes and
    recorded as attributes. Sequence tensors are `[B, L, D]`; attention
    tensors are `[B, H, L, E]`. Batch and length may be dynamic.
  }];
  let useDefaultAttributePrinterParser = 1;
}

#endif // SSM_DIALECT_SSM_IR_SSMDIALECT_TD
