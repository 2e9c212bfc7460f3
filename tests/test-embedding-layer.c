/* test-embedding-layer.c: torch's initial weights, lookup and the one-hot product
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expected weights were printed by python3-torch 1.13 (Debian 12) with
 * torch.manual_seed (seed); torch.nn.Embedding (V, D).weight, to 9
 * significant digits (enough to name a float exactly); the vector-kernel
 * values with torch's AVX2 kernels, the scalar-kernel values with
 * ATEN_CPU_CAPABILITY=default. tests/test-embedding-parity.c compares many
 * more sizes and seeds against torch itself.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include "ws-embedding-layer.h"
#include "ws-torch-random.h"

/* The seed notebook's cell: torch.manual_seed(123); torch.nn.Embedding(6, 3). */
static const float seed_123_6x3[6][3] = {
  { 0.337370187f, -0.177777216f, -0.16895628f },
  { 0.917764604f, 1.58096957f, 1.30103993f },
  { 1.27530122f, -0.200953096f, -0.160563782f },
  { -0.401488006f, 0.966571569f, -1.14814401f },
  { -1.15886784f, 0.325471014f, -0.63150537f },
  { -2.83999395f, -0.784853339f, -1.40957248f },
};

/* …as the notebook prints them, to 4 decimals. */
static const char *const seed_123_6x3_printed[6][3] = {
  { "0.3374", "-0.1778", "-0.1690" },
  { "0.9178", "1.5810", "1.3010" },
  { "1.2753", "-0.2010", "-0.1606" },
  { "-0.4015", "0.9666", "-1.1481" },
  { "-1.1589", "0.3255", "-0.6315" },
  { "-2.8400", "-0.7849", "-1.4096" },
};

static void
test_seed_notebook (void)
{
  for (int kernel = WS_TORCH_KERNEL_VECTOR; kernel <= WS_TORCH_KERNEL_SCALAR; kernel++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WsEmbeddingLayer) layer = ws_embedding_layer_new_torch (6, 3, 123, kernel, &error);
      const float *weight;

      g_assert_no_error (error);
      g_assert_cmpuint (ws_embedding_layer_get_vocab_size (layer), ==, 6);
      g_assert_cmpuint (ws_embedding_layer_get_dim (layer), ==, 3);
      g_assert_cmpuint (ws_embedding_layer_get_seed (layer), ==, 123);
      weight = ws_embedding_layer_get_weight (layer);
      for (int i = 0; i < 6; i++)
        for (int j = 0; j < 3; j++)
          {
            char printed[32];

            /* The notebook ran torch's vector kernel; the scalar kernel's
             * 18 weights differ in the last bits but print the same. */
            if (kernel == WS_TORCH_KERNEL_VECTOR)
              g_assert_cmpfloat (weight[i * 3 + j], ==, seed_123_6x3[i][j]);
            g_snprintf (printed, sizeof printed, "%.4f", weight[i * 3 + j]);
            g_assert_cmpstr (printed, ==, seed_123_6x3_printed[i][j]);
          }
    }
}

/* 15 weights, below torch's threshold of 16: double normals one at a time,
 * the same for both kernels. */
static const float seed_123_5x3[15] = {
  -0.111467116f, 0.120362945f, -0.369634509f, -0.240417972f, -1.19692433f,
  0.20926936f, -0.972355008f, -0.755045474f, 0.323902756f, -0.108522631f,
  0.210331157f, -0.390842825f, 0.234973416f, 0.665260434f, 0.352820754f,
};

static void
test_small (void)
{
  for (int kernel = WS_TORCH_KERNEL_VECTOR; kernel <= WS_TORCH_KERNEL_SCALAR; kernel++)
    {
      g_autoptr(WsEmbeddingLayer) layer = ws_embedding_layer_new_torch (5, 3, 123, kernel, NULL);

      for (int i = 0; i < 15; i++)
        g_assert_cmpfloat (ws_embedding_layer_get_weight (layer)[i], ==, seed_123_5x3[i]);
    }
}

/* 20 weights: one block of 16, then the last 16 drawn again. Here the two
 * kernels differ in the last bits of several values. */
static const float seed_0_5x4_vector[20] = {
  -1.12583983f, -1.1523602f, -0.250578582f, -0.433878809f, 0.598839462f,
  -1.55509508f, -0.34136039f, 1.85300612f, 0.468096405f, -0.157712445f,
  1.44366014f, 0.266049415f, 1.38936615f, 1.58633423f, 0.946298361f,
  -0.843676746f, 0.931826591f, 1.25900924f, 2.00498056f, 0.0537369028f,
};
static const float seed_0_5x4_scalar[20] = {
  -1.12583983f, -1.1523602f, -0.250578582f, -0.433878839f, 0.598839462f,
  -1.55509508f, -0.341360301f, 1.85300612f, 0.468096405f, -0.157712445f,
  1.44366014f, 0.266049415f, 1.38936615f, 1.58633435f, 0.946298361f,
  -0.843676805f, 0.931826651f, 1.25900924f, 2.00498056f, 0.053736899f,
};

static void
test_kernels (void)
{
  g_autoptr(WsEmbeddingLayer) vector = ws_embedding_layer_new_torch (5, 4, 0, WS_TORCH_KERNEL_VECTOR, NULL);
  g_autoptr(WsEmbeddingLayer) scalar = ws_embedding_layer_new_torch (5, 4, 0, WS_TORCH_KERNEL_SCALAR, NULL);
  guint differ = 0;

  for (int i = 0; i < 20; i++)
    {
      g_assert_cmpfloat (ws_embedding_layer_get_weight (vector)[i], ==, seed_0_5x4_vector[i]);
      g_assert_cmpfloat (ws_embedding_layer_get_weight (scalar)[i], ==, seed_0_5x4_scalar[i]);
      differ += seed_0_5x4_vector[i] != seed_0_5x4_scalar[i];
    }
  g_assert_cmpuint (differ, >, 0);
  g_assert_cmpint (ws_embedding_layer_get_kernel (scalar), ==, WS_TORCH_KERNEL_SCALAR);
}

/* torch seeds with the low 32 bits: 2**32 + 123 and 123 - 2**64 are 123. */
static void
test_seed_modulo (void)
{
  const guint64 seeds[] = { G_GUINT64_CONSTANT (4294967296) + 123,
                            (guint64) (gint64) 123 };
  g_autoptr(WsEmbeddingLayer) base = ws_embedding_layer_new_torch (50, 7, 123, WS_TORCH_KERNEL_VECTOR, NULL);

  for (gsize s = 0; s < G_N_ELEMENTS (seeds); s++)
    {
      g_autoptr(WsEmbeddingLayer) other = ws_embedding_layer_new_torch (50, 7, seeds[s], WS_TORCH_KERNEL_VECTOR, NULL);

      g_assert_cmpmem (ws_embedding_layer_get_weight (base), 350 * sizeof (float),
                       ws_embedding_layer_get_weight (other), 350 * sizeof (float));
    }
}

/* MT19937's published check value: the 10000th output from the default seed
 * 5489 is 4123659995; the first is 3499211612. */
static void
test_mt19937 (void)
{
  g_autoptr(WsTorchGenerator) generator = ws_torch_generator_new (5489);
  guint32 value = ws_torch_generator_random (generator);

  g_assert_cmpuint (value, ==, 3499211612u);
  for (int i = 1; i < 10000; i++)
    value = ws_torch_generator_random (generator);
  g_assert_cmpuint (value, ==, 4123659995u);
}

static void
test_lookup (void)
{
  g_autoptr(WsEmbeddingLayer) layer = ws_embedding_layer_new_torch (6, 3, 123, WS_TORCH_KERNEL_VECTOR, NULL);
  const gint64 ids[] = { 2, 3, 5, 1 };
  g_autoptr(GError) error = NULL;
  g_autofree float *rows = ws_embedding_layer_lookup (layer, ids, 4, &error);

  g_assert_no_error (error);
  /* The notebook's embedding_layer(torch.tensor([2, 3, 5, 1])). */
  for (int k = 0; k < 4; k++)
    {
      for (int j = 0; j < 3; j++)
        g_assert_cmpfloat (rows[k * 3 + j], ==, seed_123_6x3[ids[k]][j]);
      g_assert_true (ws_embedding_layer_get_row (layer, ids[k]) ==
                     ws_embedding_layer_get_weight (layer) + ids[k] * 3);
    }
}

static void
test_one_hot (void)
{
  g_autoptr(WsEmbeddingLayer) layer = ws_embedding_layer_new_torch (6, 3, 123, WS_TORCH_KERNEL_VECTOR, NULL);
  const gint64 ids[] = { 2, 3, 5, 1 };
  g_autofree float *one_hot = ws_embedding_layer_one_hot (layer, ids, 4, NULL);
  g_autofree float *product = ws_embedding_layer_one_hot_product (layer, ids, 4, NULL);
  g_autofree float *rows = ws_embedding_layer_lookup (layer, ids, 4, NULL);

  for (int k = 0; k < 4; k++)
    for (int v = 0; v < 6; v++)
      g_assert_cmpfloat (one_hot[k * 6 + v], ==, v == ids[k] ? 1.0f : 0.0f);
  g_assert_cmpmem (product, 12 * sizeof (float), rows, 12 * sizeof (float));
}

/* A larger layer, where the product really adds hundreds of zeros: still
 * the rows exactly, repeated ids included. */
static void
test_one_hot_large (void)
{
  g_autoptr(WsEmbeddingLayer) layer = ws_embedding_layer_new_torch (1000, 50, 7, WS_TORCH_KERNEL_VECTOR, NULL);
  const gint64 ids[] = { 999, 0, 17, 17, 500 };
  g_autofree float *product = ws_embedding_layer_one_hot_product (layer, ids, 5, NULL);
  g_autofree float *rows = ws_embedding_layer_lookup (layer, ids, 5, NULL);

  g_assert_cmpmem (product, 250 * sizeof (float), rows, 250 * sizeof (float));
  for (int j = 0; j < 50; j++)
    g_assert_cmpfloat (product[2 * 50 + j], !=, 0.0f);
}

static void
test_cost (void)
{
  WsEmbeddingCost cost;

  ws_embedding_cost_init (&cost, 6, 3, 4);
  g_assert_cmpuint (cost.lookup_multiplications, ==, 0);
  g_assert_cmpuint (cost.lookup_copies, ==, 12);
  g_assert_cmpuint (cost.one_hot_entries, ==, 24);
  g_assert_cmpuint (cost.one_hot_multiplications, ==, 72);
  g_assert_cmpuint (cost.one_hot_additions, ==, 60);

  /* GPT-2 small's token embedding: 50,257 × 768, one token. */
  ws_embedding_cost_init (&cost, 50257, 768, 1);
  g_assert_cmpuint (cost.one_hot_multiplications, ==, 38597376);
  g_assert_cmpuint (cost.lookup_copies, ==, 768);

  ws_embedding_cost_init (&cost, G_MAXUINT64 / 2, 768, 1);
  g_assert_cmpuint (cost.one_hot_multiplications, ==, G_MAXUINT64);
}

static void
test_parse_ids (void)
{
  const struct { const char *text; gsize n; gint64 ids[4]; } good[] = {
    { "2,3,5,1", 4, { 2, 3, 5, 1 } },
    { "[2, 3, 5, 1]", 4, { 2, 3, 5, 1 } },
    { " 2 3\t5 ,1 ", 4, { 2, 3, 5, 1 } },
    { "0", 1, { 0 } },
    { "", 0, { 0 } },
    { "[ ]", 0, { 0 } },
  };
  const struct { const char *text; WsEmbeddingLayerError code; const char *message; } bad[] = {
    { "2,x,5", WS_EMBEDDING_LAYER_ERROR_ID_SYNTAX, "Token ids: “x” at byte 2 is not a whole number ≥ 0 (write ids as 2,3,5,1)" },
    { "2,-3", WS_EMBEDDING_LAYER_ERROR_ID_SYNTAX, "Token ids: “-3” at byte 2 is not a whole number ≥ 0 (write ids as 2,3,5,1)" },
    { "1.5", WS_EMBEDDING_LAYER_ERROR_ID_SYNTAX, "Token ids: “1.5” at byte 0 is not a whole number ≥ 0 (write ids as 2,3,5,1)" },
    { " [1, 2", WS_EMBEDDING_LAYER_ERROR_ID_SYNTAX, "Token ids: the “[” at byte 1 is not closed by a “]”" },
    { "99999999999999999999", WS_EMBEDDING_LAYER_ERROR_ID_RANGE, "Token ids: the number at byte 0 is too large" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      gsize n = 99;
      g_autofree gint64 *ids = ws_embedding_layer_parse_ids (good[i].text, &n, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, good[i].n);
      if (n > 0)
        g_assert_cmpmem (ids, n * sizeof (gint64), good[i].ids, n * sizeof (gint64));
      else
        g_assert_null (ids);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gsize n = 99;
      g_autofree gint64 *ids = ws_embedding_layer_parse_ids (bad[i].text, &n, &error);

      g_assert_null (ids);
      g_assert_cmpuint (n, ==, 0);
      g_assert_error (error, WS_EMBEDDING_LAYER_ERROR, (int) bad[i].code);
      g_assert_cmpstr (error->message, ==, bad[i].message);
    }
}

static void
test_errors (void)
{
  g_autoptr(WsEmbeddingLayer) layer = ws_embedding_layer_new_torch (6, 3, 123, WS_TORCH_KERNEL_VECTOR, NULL);
  const gint64 ids[] = { 2, 6, -1 };
  g_autoptr(GError) error = NULL;
  g_autofree float *rows = ws_embedding_layer_lookup (layer, ids, 3, &error);
  g_autoptr(WsEmbeddingLayer) empty = NULL;
  g_autoptr(WsEmbeddingLayer) huge = NULL;

  g_assert_null (rows);
  g_assert_error (error, WS_EMBEDDING_LAYER_ERROR, WS_EMBEDDING_LAYER_ERROR_ID_RANGE);
  g_assert_cmpstr (error->message, ==,
                   "Token id 6 (number 2 in the list) is out of range: a vocabulary of 6 has ids 0 to 5");
  g_clear_error (&error);
  g_assert_null (ws_embedding_layer_one_hot_product (layer, ids + 2, 1, &error));
  g_assert_error (error, WS_EMBEDDING_LAYER_ERROR, WS_EMBEDDING_LAYER_ERROR_ID_RANGE);
  g_clear_error (&error);

  empty = ws_embedding_layer_new_torch (0, 3, 1, WS_TORCH_KERNEL_VECTOR, &error);
  g_assert_null (empty);
  g_assert_error (error, WS_EMBEDDING_LAYER_ERROR, WS_EMBEDDING_LAYER_ERROR_SIZE);
  g_clear_error (&error);
  huge = ws_embedding_layer_new_torch (G_MAXSIZE / 2, 3, 1, WS_TORCH_KERNEL_VECTOR, &error);
  g_assert_null (huge);
  g_assert_error (error, WS_EMBEDDING_LAYER_ERROR, WS_EMBEDDING_LAYER_ERROR_SIZE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/embedding-layer/seed-notebook", test_seed_notebook);
  g_test_add_func ("/embedding-layer/small", test_small);
  g_test_add_func ("/embedding-layer/kernels", test_kernels);
  g_test_add_func ("/embedding-layer/seed-modulo", test_seed_modulo);
  g_test_add_func ("/embedding-layer/mt19937", test_mt19937);
  g_test_add_func ("/embedding-layer/lookup", test_lookup);
  g_test_add_func ("/embedding-layer/one-hot", test_one_hot);
  g_test_add_func ("/embedding-layer/one-hot-large", test_one_hot_large);
  g_test_add_func ("/embedding-layer/cost", test_cost);
  g_test_add_func ("/embedding-layer/parse-ids", test_parse_ids);
  g_test_add_func ("/embedding-layer/errors", test_errors);
  return g_test_run ();
}
