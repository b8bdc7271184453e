// Reference semantics of arith and math on scalars and elementwise on
// tensors: float arithmetic, comparisons with select, integer arithmetic
// and conversions, math functions, and the rounding of arith.truncf /
// arith.sitofp to f16, bf16 and f32 (values are extended back to f64 before
// they are returned so that printing does not round them again).
// RUN: ssm-run %s --entry scalar_float --print-results | FileCheck %s --check-prefix=SCALAR
// RUN: ssm-run %s --entry tensor_float --print-results | FileCheck %s --check-prefix=TENSOR
// RUN: ssm-run %s --entry compare_select --print-results | FileCheck %s --check-prefix=SELECT
// RUN: ssm-run %s --entry nan --print-results | FileCheck %s --check-prefix=NAN
// RUN: ssm-run %s --entry integer --print-results | FileCheck %s --check-prefix=INT
// RUN: ssm-run %s --entry int_float_conversions --print-results | FileCheck %s --check-prefix=CONV
// RUN: ssm-run %s --entry scalar_math --print-results | FileCheck %s --check-prefix=MATH
// RUN: ssm-run %s --entry tensor_math --print-results | FileCheck %s --check-prefix=TMATH
// RUN: ssm-run %s --entry truncf_f16 --print-results | FileCheck %s --check-prefix=F16
// RUN: ssm-run %s --entry truncf_bf16 --print-results | FileCheck %s --check-prefix=BF16
// RUN: ssm-run %s --entry truncf_f32 --print-results | FileCheck %s --check-prefix=F32
// RUN: ssm-run %s --entry extf --print-results | FileCheck %s --check-prefix=EXTF

// Scalars a = 1.5, b = -2.25: a + b, a - b, a b, a / b, -a, max, min.
// SCALAR: result #0: f64 shape scalar
// SCALAR-NEXT: [-0.75]
// SCALAR-NEXT: result #1: f64 shape scalar
// SCALAR-NEXT: [3.75]
// SCALAR-NEXT: result #2: f64 shape scalar
// SCALAR-NEXT: [-3.375]
// SCALAR-NEXT: result #3: f64 shape scalar
// SCALAR-NEXT: [-0.6666666667]
// SCALAR-NEXT: result #4: f64 shape scalar
// SCALAR-NEXT: [-1.5]
// SCALAR-NEXT: result #5: f64 shape scalar
// SCALAR-NEXT: [1.5]
// SCALAR-NEXT: result #6: f64 shape scalar
// SCALAR-NEXT: [-2.25]
func.func @scalar_float() -> (f64, f64, f64, f64, f64, f64, f64) {
  %a = arith.constant 1.5 : f64
  %b = arith.constant -2.25 : f64
  %add = arith.addf %a, %b : f64
  %sub = arith.subf %a, %b : f64
  %mul = arith.mulf %a, %b : f64
  %div = arith.divf %a, %b : f64
  %neg = arith.negf %a : f64
  %max = arith.maximumf %a, %b : f64
  %min = arith.minimumf %a, %b : f64
  return %add, %sub, %mul, %div, %neg, %max, %min : f64, f64, f64, f64, f64, f64, f64
}

// Elementwise on x = (-1.5, 0, 2, 3.25), y = (0.5, -1, 2, -4): add, sub, mul,
// div, maximumf, minimumf; 0 * -1 and 0 / -1 are -0.
// TENSOR: result #0: tensor<4xf64> shape 4
// TENSOR-NEXT: [-1, -1, 4, -0.75]
// TENSOR-NEXT: result #1: tensor<4xf64> shape 4
// TENSOR-NEXT: [-2, 1, 0, 7.25]
// TENSOR-NEXT: result #2: tensor<4xf64> shape 4
// TENSOR-NEXT: [-0.75, -0, 4, -13]
// TENSOR-NEXT: result #3: tensor<4xf64> shape 4
// TENSOR-NEXT: [-3, -0, 1, -0.8125]
// TENSOR-NEXT: result #4: tensor<4xf64> shape 4
// TENSOR-NEXT: [0.5, 0, 2, 3.25]
// TENSOR-NEXT: result #5: tensor<4xf64> shape 4
// TENSOR-NEXT: [-1.5, -1, 2, -4]
func.func @tensor_float() -> (tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>) {
  %x = arith.constant dense<[-1.5, 0.0, 2.0, 3.25]> : tensor<4xf64>
  %y = arith.constant dense<[0.5, -1.0, 2.0, -4.0]> : tensor<4xf64>
  %add = arith.addf %x, %y : tensor<4xf64>
  %sub = arith.subf %x, %y : tensor<4xf64>
  %mul = arith.mulf %x, %y : tensor<4xf64>
  %div = arith.divf %x, %y : tensor<4xf64>
  %max = arith.maximumf %x, %y : tensor<4xf64>
  %min = arith.minimumf %x, %y : tensor<4xf64>
  return %add, %sub, %mul, %div, %max, %min : tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>
}

// relu(x) = x > 0 ? x : 0 with a tensor condition, and x >= y ? x - y : 2 y
// (rows: -1.5 < 0.5 -> 1; 0 >= -1 -> 1; 2 >= 2 -> 0; 3.25 >= -4 -> 7.25);
// the i1 mask itself is printed as 0/1.
// SELECT: result #0: tensor<4xf64> shape 4
// SELECT-NEXT: [0, 0, 2, 3.25]
// SELECT-NEXT: result #1: tensor<4xf64> shape 4
// SELECT-NEXT: [1, 1, 0, 7.25]
// SELECT-NEXT: result #2: tensor<4xi1> shape 4
// SELECT-NEXT: [0, 1, 1, 1]
func.func @compare_select() -> (tensor<4xf64>, tensor<4xf64>, tensor<4xi1>) {
  %x = arith.constant dense<[-1.5, 0.0, 2.0, 3.25]> : tensor<4xf64>
  %y = arith.constant dense<[0.5, -1.0, 2.0, -4.0]> : tensor<4xf64>
  %zero = arith.constant dense<0.0> : tensor<4xf64>
  %pos = arith.cmpf ogt, %x, %zero : tensor<4xf64>
  %relu = arith.select %pos, %x, %zero : tensor<4xi1>, tensor<4xf64>
  %ge = arith.cmpf oge, %x, %y : tensor<4xf64>
  %d = arith.subf %x, %y : tensor<4xf64>
  %y2 = arith.addf %y, %y : tensor<4xf64>
  %sel = arith.select %ge, %d, %y2 : tensor<4xi1>, tensor<4xf64>
  return %relu, %sel, %ge : tensor<4xf64>, tensor<4xf64>, tensor<4xi1>
}

// NaN: ordered compares are false and unordered ones true; maximumf and
// minimumf propagate NaN; the scalar select picks by an i1 scalar.
// NAN: result #0: i1 shape scalar
// NAN-NEXT: [0]
// NAN: result #1: i1 shape scalar
// NAN-NEXT: [1]
// NAN: result #2: i1 shape scalar
// NAN-NEXT: [1]
// NAN: result #3: f64 shape scalar
// NAN-NEXT: [nan]
// NAN: result #4: f64 shape scalar
// NAN-NEXT: [nan]
// NAN: result #5: f64 shape scalar
// NAN-NEXT: [2]
func.func @nan() -> (i1, i1, i1, f64, f64, f64) {
  %nan = arith.constant 0x7FF8000000000000 : f64
  %two = arith.constant 2.0 : f64
  %oeq = arith.cmpf oeq, %nan, %nan : f64
  %une = arith.cmpf une, %nan, %nan : f64
  %uno = arith.cmpf uno, %nan, %two : f64
  %max = arith.maximumf %two, %nan : f64
  %min = arith.minimumf %nan, %two : f64
  %sel = arith.select %uno, %two, %nan : f64
  return %oeq, %une, %uno, %max, %min, %sel : i1, i1, i1, f64, f64, f64
}

// i32 a = (7, -7, 9, -9), b = (2, 2, -4, -4): addi, muli, divsi (rounds
// toward zero), remsi (sign of the dividend); scalar index arithmetic
// 6 * 7 + 3 = 45 and 45 / 4 = 11.
// INT: result #0: tensor<4xi32> shape 4
// INT-NEXT: [9, -5, 5, -13]
// INT-NEXT: result #1: tensor<4xi32> shape 4
// INT-NEXT: [14, -14, -36, 36]
// INT-NEXT: result #2: tensor<4xi32> shape 4
// INT-NEXT: [3, -3, -2, 2]
// INT-NEXT: result #3: tensor<4xi32> shape 4
// INT-NEXT: [1, -1, 1, -1]
// INT-NEXT: result #4: index shape scalar
// INT-NEXT: [45]
// INT-NEXT: result #5: index shape scalar
// INT-NEXT: [11]
func.func @integer() -> (tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, index, index) {
  %a = arith.constant dense<[7, -7, 9, -9]> : tensor<4xi32>
  %b = arith.constant dense<[2, 2, -4, -4]> : tensor<4xi32>
  %add = arith.addi %a, %b : tensor<4xi32>
  %mul = arith.muli %a, %b : tensor<4xi32>
  %div = arith.divsi %a, %b : tensor<4xi32>
  %rem = arith.remsi %a, %b : tensor<4xi32>
  %c6 = arith.constant 6 : index
  %c7 = arith.constant 7 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %p = arith.muli %c6, %c7 : index
  %s = arith.addi %p, %c3 : index
  %q = arith.divsi %s, %c4 : index
  return %add, %mul, %div, %rem, %s, %q : tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, index, index
}

// index_cast i32 -> index keeps (7, -7, 9, -9); sitofp to f64; fptosi of
// (2.7, -2.7, 0.5, -3.9) truncates toward zero; a scalar index -> i64 -> f32.
// CONV: result #0: tensor<4xindex> shape 4
// CONV-NEXT: [7, -7, 9, -9]
// CONV-NEXT: result #1: tensor<4xf64> shape 4
// CONV-NEXT: [7, -7, 9, -9]
// CONV-NEXT: result #2: tensor<4xi32> shape 4
// CONV-NEXT: [2, -2, 0, -3]
// CONV-NEXT: result #3: f32 shape scalar
// CONV-NEXT: [12]
func.func @int_float_conversions() -> (tensor<4xindex>, tensor<4xf64>, tensor<4xi32>, f32) {
  %a = arith.constant dense<[7, -7, 9, -9]> : tensor<4xi32>
  %idx = arith.index_cast %a : tensor<4xi32> to tensor<4xindex>
  %f = arith.sitofp %a : tensor<4xi32> to tensor<4xf64>
  %g = arith.constant dense<[2.7, -2.7, 0.5, -3.9]> : tensor<4xf64>
  %i = arith.fptosi %g : tensor<4xf64> to tensor<4xi32>
  %c12 = arith.constant 12 : index
  %i64 = arith.index_cast %c12 : index to i64
  %s = arith.sitofp %i64 : i64 to f32
  return %idx, %f, %i, %s : tensor<4xindex>, tensor<4xf64>, tensor<4xi32>, f32
}

// math on the scalar v = 0.7 (numpy/libm): exp, log, tanh, sqrt, rsqrt,
// erf, powf(v, 2.5), log1p, absf(-v); and log1p(1e-10) = 1e-10 to 10 digits
// where log(1 + 1e-10) would lose digits.
// MATH: result #0: f64 shape scalar
// MATH-NEXT: [2.013752707]
// MATH-NEXT: result #1: f64 shape scalar
// MATH-NEXT: [-0.3566749439]
// MATH-NEXT: result #2: f64 shape scalar
// MATH-NEXT: [0.6043677771]
// MATH-NEXT: result #3: f64 shape scalar
// MATH-NEXT: [0.8366600265]
// MATH-NEXT: result #4: f64 shape scalar
// MATH-NEXT: [1.195228609]
// MATH-NEXT: result #5: f64 shape scalar
// MATH-NEXT: [0.6778011938]
// MATH-NEXT: result #6: f64 shape scalar
// MATH-NEXT: [0.409963413]
// MATH-NEXT: result #7: f64 shape scalar
// MATH-NEXT: [0.5306282511]
// MATH-NEXT: result #8: f64 shape scalar
// MATH-NEXT: [0.7]
// MATH-NEXT: result #9: f64 shape scalar
// MATH-NEXT: [1e-10]
func.func @scalar_math() -> (f64, f64, f64, f64, f64, f64, f64, f64, f64, f64) {
  %v = arith.constant 0.7 : f64
  %p = arith.constant 2.5 : f64
  %tiny = arith.constant 1.0e-10 : f64
  %exp = math.exp %v : f64
  %log = math.log %v : f64
  %tanh = math.tanh %v : f64
  %sqrt = math.sqrt %v : f64
  %rsqrt = math.rsqrt %v : f64
  %erf = math.erf %v : f64
  %pow = math.powf %v, %p : f64
  %log1p = math.log1p %v : f64
  %nv = arith.negf %v : f64
  %abs = math.absf %nv : f64
  %l1 = math.log1p %tiny : f64
  return %exp, %log, %tanh, %sqrt, %rsqrt, %erf, %pow, %log1p, %abs, %l1 : f64, f64, f64, f64, f64, f64, f64, f64, f64, f64
}

// math elementwise on f32 tensors t = (-1, 0.25, 2, 0.5): exp, tanh, erf,
// absf (computed in f64, printed rounded to f32); powf (2, 9, 0.25) ^
// (10, 0.5, -1.5) = (1024, 3, 8).
// TMATH: result #0: tensor<4xf32> shape 4
// TMATH-NEXT: [0.3678794503, 1.284025431, 7.389056206, 1.648721218]
// TMATH-NEXT: result #1: tensor<4xf32> shape 4
// TMATH-NEXT: [-0.7615941763, 0.2449186593, 0.9640275836, 0.4621171653]
// TMATH-NEXT: result #2: tensor<4xf32> shape 4
// TMATH-NEXT: [-0.8427007794, 0.2763263881, 0.9953222871, 0.5204998851]
// TMATH-NEXT: result #3: tensor<4xf32> shape 4
// TMATH-NEXT: [1, 0.25, 2, 0.5]
// TMATH-NEXT: result #4: tensor<3xf32> shape 3
// TMATH-NEXT: [1024, 3, 8]
func.func @tensor_math() -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<3xf32>) {
  %t = arith.constant dense<[-1.0, 0.25, 2.0, 0.5]> : tensor<4xf32>
  %exp = math.exp %t : tensor<4xf32>
  %tanh = math.tanh %t : tensor<4xf32>
  %erf = math.erf %t : tensor<4xf32>
  %abs = math.absf %t : tensor<4xf32>
  %b = arith.constant dense<[2.0, 9.0, 0.25]> : tensor<3xf32>
  %e = arith.constant dense<[10.0, 0.5, -1.5]> : tensor<3xf32>
  %pow = math.powf %b, %e : tensor<3xf32>
  return %exp, %tanh, %erf, %abs, %pow : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<3xf32>
}

// f32 -> f16 (10 fraction bits, ties to even), back to f64:
// 1 + 2^-12 -> 1; 1 + 2^-10 is exact; 1 + 3 2^-11 is a tie -> 1 + 2^-9;
// 1e5 overflows to inf; 65519 -> 65504 (the largest f16); 0.1 -> 0.0999755859375.
// sitofp i32 -> f16: 2049 and -2049 are ties -> +-2048, 2051 -> 2052.
// F16: result #0: tensor<6xf64> shape 6
// F16-NEXT: [1, 1.000976562, 1.001953125, inf, 65504, 0.09997558594]
// F16-NEXT: result #1: tensor<4xf64> shape 4
// F16-NEXT: [2048, 2052, -2048, 100]
func.func @truncf_f16() -> (tensor<6xf64>, tensor<4xf64>) {
  %x = arith.constant dense<[1.000244140625, 1.0009765625, 1.00146484375, 100000.0, 65519.0, 0.1]> : tensor<6xf32>
  %h = arith.truncf %x : tensor<6xf32> to tensor<6xf16>
  %r = arith.extf %h : tensor<6xf16> to tensor<6xf64>
  %i = arith.constant dense<[2049, 2051, -2049, 100]> : tensor<4xi32>
  %ih = arith.sitofp %i : tensor<4xi32> to tensor<4xf16>
  %ir = arith.extf %ih : tensor<4xf16> to tensor<4xf64>
  return %r, %ir : tensor<6xf64>, tensor<4xf64>
}

// f32 -> bf16 (7 fraction bits, ties to even), back to f64: 1 + 2^-8 is a
// tie -> 1; 1 + 3 2^-9 -> 1 + 2^-7; 1 + 2^-7 exact; pi -> 3.140625;
// -0.1 -> -0.10009765625; 1e38 -> 9.969209968e37 (bf16 keeps f32's range).
// BF16: result #0: tensor<6xf64> shape 6
// BF16-NEXT: [1, 1.0078125, 1.0078125, 3.140625, -0.1000976562, 9.969209968e+37]
func.func @truncf_bf16() -> tensor<6xf64> {
  %x = arith.constant dense<[1.00390625, 1.005859375, 1.0078125, 3.14159265, -0.1, 1.0e38]> : tensor<6xf32>
  %b = arith.truncf %x : tensor<6xf32> to tensor<6xbf16>
  %r = arith.extf %b : tensor<6xbf16> to tensor<6xf64>
  return %r : tensor<6xf64>
}

// f64 -> f32, back to f64: 1 + 2^-24 is a tie -> 1; 1 + 2^-23 + 2^-24 is a tie
// -> 1 + 2^-22; 0.1 and 1/3 to their nearest f32.
// F32: result #0: tensor<4xf64> shape 4
// F32-NEXT: [1, 1.000000238, 0.1000000015, 0.3333333433]
func.func @truncf_f32() -> tensor<4xf64> {
  %x = arith.constant dense<[1.0000000596046448, 1.0000001788139343, 0.1, 0.3333333333333333]> : tensor<4xf64>
  %s = arith.truncf %x : tensor<4xf64> to tensor<4xf32>
  %r = arith.extf %s : tensor<4xf32> to tensor<4xf64>
  return %r : tensor<4xf64>
}

// extf is exact: the f16 constant 0.1 is 0.0999755859375 and stays so in f64;
// a bf16 scalar 1.5 extends to 1.5 in f32.
// EXTF: result #0: tensor<1xf64> shape 1
// EXTF-NEXT: [0.09997558594]
// EXTF-NEXT: result #1: f32 shape scalar
// EXTF-NEXT: [1.5]
func.func @extf() -> (tensor<1xf64>, f32) {
  %h = arith.constant dense<0.1> : tensor<1xf16>
  %r = arith.extf %h : tensor<1xf16> to tensor<1xf64>
  %b = arith.constant 1.5 : bf16
  %s = arith.extf %b : bf16 to f32
  return %r, %s : tensor<1xf64>, f32
}
