/* Calls @block of Inputs/block.mlir through the header ssm-compile wrote:
   reads the five inputs as raw f32 files, writes the two results. */
#include "block.h"

#include <stdio.h>
#include <stdlib.h>

static float *readFloats(const char *path, long count) {
  float *data = malloc(count * sizeof(float));
  FILE *f = fopen(path, "rb");
  if (!f || fread(data, sizeof(float), count, f) != (size_t)count) {
    fprintf(stderr, "cannot read %s\n", path);
    exit(1);
  }
  fclose(f);
  return data;
}

static void writeFloats(const char *path, const float *data, long count) {
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(data, sizeof(float), count, f) != (size_t)count) {
    fprintf(stderr, "cannot write %s\n", path);
    exit(1);
  }
  fclose(f);
}

int main(int argc, char **argv) {
  if (argc != 8) {
    fprintf(stderr, "usage: driver u w x R L y.out m.out\n");
    return 1;
  }
  float *u = readFloats(argv[1], 28), *w = readFloats(argv[2], 12),
        *x = readFloats(argv[3], 30), *r = readFloats(argv[4], 18),
        *l = readFloats(argv[5], 12);
  ssm_memref_f32_3d U = {u, u, 0, {1, 7, 4}, {28, 4, 1}};
  ssm_memref_f32_2d W = {w, w, 0, {4, 3}, {3, 1}};
  ssm_memref_f32_2d X = {x, x, 0, {5, 6}, {6, 1}};
  ssm_memref_f32_3d R = {r, r, 0, {2, 3, 3}, {9, 3, 1}};
  ssm_memref_f32_3d L = {l, l, 0, {3, 2, 2}, {4, 2, 1}};
  ssm_block_results out;
  _mlir_ciface_block(&out, &U, &W, &X, &R, &L);
  if (out.result0.sizes[1] != 7 || out.result1.sizes[0] != 5) {
    fprintf(stderr, "unexpected result shapes\n");
    return 1;
  }
  writeFloats(argv[6], out.result0.aligned + out.result0.offset, 28);
  writeFloats(argv[7], out.result1.aligned + out.result1.offset, 30);
  free(out.result0.allocated);
  free(out.result1.allocated);
  printf("called block\n");
  return 0;
}
