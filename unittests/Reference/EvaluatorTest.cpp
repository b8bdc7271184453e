//===- EvaluatorTest.cpp - Tests of the reference evaluator's driver ------===//

#include "ssm/Reference/Evaluator.h"
#include "ssm/InitAllDialects.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

using namespace mlir;
using ssm::ref::Evaluator;
using ssm::ref::Tensor;

namespace {

class EvaluatorTest : public ::testing::Test {
protected:
  EvaluatorTest() {
    DialectRegistry registry;
    ssm::registerAllDialects(registry);
    context.appendDialectRegistry(registry);
    context.loadAllAvailableDialects();
  }

  /// Runs @name of `source`, collecting diagnostics into `errors`.
  FailureOr<std::vector<Tensor>> run(StringRef source, StringRef name,
                                     std::vector<Tensor> args) {
    module = parseSourceString<ModuleOp>(source, &context);
    EXPECT_TRUE(module) << "module does not parse";
    if (!module)
      return failure();
    ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
      errors += diag.str() + "\n";
      return success();
    });
    Evaluator evaluator(*module);
    return evaluator.run(name, args);
  }

  MLIRContext context;
  OwningOpRef<ModuleOp> module;
  std::string errors;
};

Tensor filled(std::vector<int64_t> shape, double start) {
  Tensor t(std::move(shape));
  for (int64_t i = 0; i < t.numElements(); ++i)
    t[i] = start + double(i);
  return t;
}

TEST_F(EvaluatorTest, CallsFunctionsAndRunsNamedLinalgOps) {
  const char *source = R"mlir(
    func.func private @square(%a: tensor<2x2xf64>) -> tensor<2x2xf64> {
      %c0 = arith.constant 0.0 : f64
      %e = tensor.empty() : tensor<2x2xf64>
      %z = linalg.fill ins(%c0 : f64) outs(%e : tensor<2x2xf64>) -> tensor<2x2xf64>
      %m = linalg.matmul ins(%a, %a : tensor<2x2xf64>, tensor<2x2xf64>)
                         outs(%z : tensor<2x2xf64>) -> tensor<2x2xf64>
      return %m : tensor<2x2xf64>
    }
    func.func @main(%a: tensor<2x2xf64>) -> tensor<2x2xf64> {
      %r = func.call @square(%a) : (tensor<2x2xf64>) -> tensor<2x2xf64>
      return %r : tensor<2x2xf64>
    }
  )mlir";
  // [[1, 2], [3, 4]]^2 = [[7, 10], [15, 22]].
  FailureOr<std::vector<Tensor>> results = run(source, "main", {filled({2, 2}, 1)});
  ASSERT_TRUE(succeeded(results)) << errors;
  EXPECT_EQ((*results)[0].data(), (std::vector<double>{7, 10, 15, 22}));
}

TEST_F(EvaluatorTest, TruncFRoundsToTheTargetType) {
  const char *source = R"mlir(
    func.func @main(%a: f64) -> f64 {
      %t = arith.truncf %a : f64 to f16
      %e = arith.extf %t : f16 to f64
      return %e : f64
    }
  )mlir";
  FailureOr<std::vector<Tensor>> results =
      run(source, "main", {Tensor::scalar(1.0 + 1.0 / 4096)});
  ASSERT_TRUE(succeeded(results)) << errors;
  EXPECT_EQ((*results)[0][0], 1.0);
}

TEST_F(EvaluatorTest, RejectsArgumentsOfTheWrongShape) {
  const char *source = R"mlir(
    func.func @main(%a: tensor<?x3xf64>) -> tensor<?x3xf64> {
      return %a : tensor<?x3xf64>
    }
  )mlir";
  EXPECT_TRUE(succeeded(run(source, "main", {filled({5, 3}, 0)}))) << errors;
  EXPECT_TRUE(failed(run(source, "main", {filled({5, 4}, 0)})));
  EXPECT_NE(errors.find("argument #0 of @main has type 'tensor<?x3xf64>' but "
                        "the input has shape 5x4"),
            std::string::npos)
      << errors;
}

TEST_F(EvaluatorTest, ChecksRunTimeShapesOfSSMOps) {
  // Batch sizes agree statically (both dynamic) but not at run time.
  const char *source = R"mlir(
    func.func @main(%u: tensor<?x4x2xf64>, %k: tensor<?x3xf64>) -> tensor<?x4x2xf64> {
      %y = ssm.long_conv %u, %k : (tensor<?x4x2xf64>, tensor<?x3xf64>) -> tensor<?x4x2xf64>
      return %y : tensor<?x4x2xf64>
    }
  )mlir";
  EXPECT_TRUE(failed(run(source, "main", {filled({1, 4, 2}, 0), filled({5, 3}, 0)})));
  EXPECT_NE(errors.find("with run-time operand shapes: 'kernel' has D = 5"),
            std::string::npos)
      << errors;
}

TEST_F(EvaluatorTest, ReportsUnsupportedOps) {
  const char *unsupported = R"mlir(
    func.func @main(%a: f64) -> tensor<4xf64> {
      %s = tensor.splat %a : tensor<4xf64>
      return %s : tensor<4xf64>
    }
  )mlir";
  EXPECT_TRUE(failed(run(unsupported, "main", {Tensor::scalar(1)})));
  EXPECT_NE(errors.find("'tensor.splat' op is not supported by the reference "
                        "evaluator"),
            std::string::npos)
      << errors;
  EXPECT_TRUE(failed(run(unsupported, "nope", {})));
  EXPECT_NE(errors.find("no function named @nope"), std::string::npos);
}

TEST_F(EvaluatorTest, StopsRunawayRecursion) {
  const char *source = R"mlir(
    func.func @main(%a: f64) -> f64 {
      %r = func.call @main(%a) : (f64) -> f64
      return %r : f64
    }
  )mlir";
  EXPECT_TRUE(failed(run(source, "main", {Tensor::scalar(1)})));
  EXPECT_NE(errors.find("call depth"), std::string::npos) << errors;
}

} // namespace
