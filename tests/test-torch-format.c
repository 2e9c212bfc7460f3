/* test-torch-format.c: matrices printed as PyTorch 1.13 prints tensors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expected texts are repr () of the same float32 tensors in
 * python3-torch 1.13; tests/cli/test-cli-embedding-layer.py compares many
 * more with torch itself.
 */
#include "config.h"

#include <math.h>

#include "ws-torch-format.h"

static void
check (const float *data,
       gsize        n_rows,
       gsize        n_cols,
       const char  *suffix,
       const char  *expected)
{
  g_autofree char *text = ws_torch_format_matrix (data, n_rows, n_cols, suffix);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_fixed (void)
{
  const float m[] = { 0.337370187f, -0.177777216f, -2.83999395f, 1.58096957f };

  check (m, 2, 2, "requires_grad=True",
         "tensor([[ 0.3374, -0.1778],\n"
         "        [-2.8400,  1.5810]], requires_grad=True)");
}

/* Whole numbers print as "1." ; a matrix of zeros as "0.". */
static void
test_whole (void)
{
  const float m[] = { 1, 2, -3, 0, 10, 4 };
  const float zeros[] = { 0, 0, 0, 0 };

  check (m, 2, 3, NULL, "tensor([[ 1.,  2., -3.],\n        [ 0., 10.,  4.]])");
  check (zeros, 2, 2, NULL, "tensor([[0., 0.],\n        [0., 0.]])");
}

/* Magnitudes 1000 apart, or one below 1e-4: scientific notation. */
static void
test_scientific (void)
{
  const float whole[] = { 1, 20000 };
  const float tiny[] = { 0.5f, 9.056e-06f };

  check (whole, 1, 2, NULL, "tensor([[1.0000e+00, 2.0000e+04]])");
  check (tiny, 1, 2, NULL, "tensor([[5.0000e-01, 9.0560e-06]])");
}

static void
test_not_finite (void)
{
  const float m[] = { 0.5f, NAN, INFINITY, -0.25f };

  check (m, 2, 2, NULL, "tensor([[ 0.5000,     nan],\n        [    inf, -0.2500]])");
}

/* 12 values of width 7 fit a line of 80 after an indent of 8: the 13th
 * wraps, under the first value. */
static void
test_wrap (void)
{
  float m[13];

  for (int i = 0; i < 13; i++)
    m[i] = i % 2 ? 0.5f : -0.5f;
  check (m, 1, 13, NULL,
         "tensor([[-0.5000,  0.5000, -0.5000,  0.5000, -0.5000,  0.5000, -0.5000,  0.5000,\n"
         "         -0.5000,  0.5000, -0.5000,  0.5000, -0.5000]])");
}

/* Past 1000 values: the first and last 3 rows and columns, and the suffix
 * on its own line when the last one is too long. */
static void
test_summarize (void)
{
  g_autofree float *m = g_new (float, 100 * 11);

  for (int i = 0; i < 100 * 11; i++)
    m[i] = (i % 7) * 0.25f - 0.75f;
  check (m, 100, 11, "grad_fn=<EmbeddingBackward0>",
         "tensor([[-0.7500, -0.5000, -0.2500,  ..., -0.5000, -0.2500,  0.0000],\n"
         "        [ 0.2500,  0.5000,  0.7500,  ...,  0.5000,  0.7500, -0.7500],\n"
         "        [-0.5000, -0.2500,  0.0000,  ..., -0.2500,  0.0000,  0.2500],\n"
         "        ...,\n"
         "        [ 0.0000,  0.2500,  0.5000,  ...,  0.2500,  0.5000,  0.7500],\n"
         "        [-0.7500, -0.5000, -0.2500,  ..., -0.5000, -0.2500,  0.0000],\n"
         "        [ 0.2500,  0.5000,  0.7500,  ...,  0.5000,  0.7500, -0.7500]],\n"
         "       grad_fn=<EmbeddingBackward0>)");
}

static void
test_empty (void)
{
  check (NULL, 0, 3, NULL, "tensor([])");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/torch-format/fixed", test_fixed);
  g_test_add_func ("/torch-format/whole", test_whole);
  g_test_add_func ("/torch-format/scientific", test_scientific);
  g_test_add_func ("/torch-format/not-finite", test_not_finite);
  g_test_add_func ("/torch-format/wrap", test_wrap);
  g_test_add_func ("/torch-format/summarize", test_summarize);
  g_test_add_func ("/torch-format/empty", test_empty);
  return g_test_run ();
}
