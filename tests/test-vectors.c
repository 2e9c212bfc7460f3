/* test-vectors.c: storage, lookup and normalisation of WsVectors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <float.h>
#include <math.h>

#include "ws-vectors-private.h"
#include "ws-test-util.h"

static void
test_from_data (void)
{
  const char *words[] = { "king", "queen", "man", "Königin" };
  const float m[] = { 3, 4, 0,   0, 0, 2,   1, 1, 1,   0, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(WsVectors) v = ws_vectors_new_from_data (words, m, 4, 3, &error);
  gsize row = 99;

  g_assert_no_error (error);
  g_assert_cmpuint (ws_vectors_get_n_words (v), ==, 4);
  g_assert_cmpuint (ws_vectors_get_dim (v), ==, 3);
  g_assert_cmpstr (ws_vectors_get_word (v, 3), ==, "Königin");
  g_assert_true (ws_vectors_lookup (v, "queen", &row));
  g_assert_cmpuint (row, ==, 1);
  g_assert_false (ws_vectors_contains (v, "Queen"));
  g_assert_false (ws_vectors_contains (v, "kin"));
  g_assert_cmpfloat_with_epsilon (ws_vectors_get_norm (v, 0), 5.0f, 1e-6);
  g_assert_cmpfloat_with_epsilon (ws_vectors_get_unit_row (v, 0)[0], 0.6f, 1e-7);
  g_assert_cmpfloat_with_epsilon (ws_vectors_get_unit_row (v, 0)[1], 0.8f, 1e-7);
  g_assert_cmpfloat (ws_vectors_get_unit_row (v, 1)[2], ==, 1.0f);
  /* A zero vector stays zero rather than NaN. */
  g_assert_cmpfloat (ws_vectors_get_norm (v, 3), ==, 0.0f);
  g_assert_cmpfloat (ws_vectors_get_unit_row (v, 3)[0], ==, 0.0f);
  g_assert_true (ws_vectors_get_row (v, 2) == ws_vectors_get_matrix (v) + 6);
}

static void
test_duplicates_keep_first (void)
{
  const char *words[] = { "a", "b", "a" };
  const float m[] = { 1, 0,   0, 1,   5, 5 };
  g_autoptr(GError) error = NULL;
  g_autoptr(WsVectors) v = ws_vectors_new_from_data (words, m, 3, 2, &error);
  gsize row;

  g_assert_no_error (error);
  g_assert_cmpuint (ws_vectors_get_n_words (v), ==, 2);
  g_assert_cmpuint (ws_vectors_get_n_duplicates (v), ==, 1);
  g_assert_true (ws_vectors_lookup (v, "a", &row));
  g_assert_cmpuint (row, ==, 0);
  g_assert_cmpfloat (ws_vectors_get_row (v, row)[0], ==, 1.0f);
}

static void
test_rejects_nan_and_bad_utf8 (void)
{
  const char *words[] = { "a", "b" };
  const char *bad_words[] = { "a", "\xff" };
  const float m[] = { 1, 0, NAN, 1 };
  const float ok[] = { 1, 0, 0, 1 };
  g_autoptr(GError) error = NULL;
  WsVectors *v;

  v = ws_vectors_new_from_data (words, m, 2, 2, &error);
  g_assert_null (v);
  g_assert_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "“b”"));
  g_clear_error (&error);

  v = ws_vectors_new_from_data (bad_words, ok, 2, 2, &error);
  g_assert_null (v);
  g_assert_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_ENCODING);
}

static void
test_many_rows_grow (void)
{
  g_autoptr(WsVectors) v = ws_vectors_new_empty (4, 10);
  float row[4];

  for (guint i = 0; i < 200000; i++)
    {
      char word[32];
      int len = g_snprintf (word, sizeof word, "w%u", i);

      for (guint j = 0; j < 4; j++)
        row[j] = (float) (i + j);
      g_assert_true (ws_vectors_append (v, word, len, row, NULL));
    }
  ws_vectors_seal (v);
  g_assert_cmpuint (ws_vectors_get_n_words (v), ==, 200000);
  for (guint i = 0; i < 200000; i += 9973)
    {
      char word[32];
      gsize r;

      g_snprintf (word, sizeof word, "w%u", i);
      g_assert_true (ws_vectors_lookup (v, word, &r));
      g_assert_cmpuint (r, ==, i);
      g_assert_cmpfloat (ws_vectors_get_row (v, r)[3], ==, (float) (i + 3));
    }
}

/* A model that outgrows the lean threshold while rows are appended drops
 * its unit matrix and goes on lean: the unit rows it hands out, computed
 * when asked for, are those a model with a unit matrix stores, bit for bit,
 * and so are their int8 codes. */
static void
test_lean_while_growing (void)
{
  const gsize dim = 7, n = 3000;
  g_autoptr(WsVectors) full = NULL;
  g_autoptr(WsVectors) lean = NULL;
  g_autofree float *uf = g_new (float, n * dim);
  g_autofree float *ul = g_new (float, n * dim);
  const gint8 *cf, *cl;
  const float *sf, *sl, *ef, *el;
  gsize stride, old;
  float row[7];

  /* The model with a unit matrix, under a threshold it never reaches. */
  old = ws_vectors_set_lean_threshold (G_MAXSIZE);
  full = ws_vectors_new_empty (dim, 16);
  ws_vectors_set_lean_threshold (500 * dim * sizeof (float));
  lean = ws_vectors_new_empty (dim, 16);
  for (gsize i = 0; i < n; i++)
    {
      char word[32];
      int len = g_snprintf (word, sizeof word, "w%" G_GSIZE_FORMAT, i);

      for (gsize j = 0; j < dim; j++)
        row[j] = i == 3 ? 0.0f : (float) ((i * 7919 + j * 104729) % 2003) / 77.0f - 13.0f;
      if (i == 100)
        g_assert_true (ws_vectors_has_unit_matrix (lean));
      g_assert_true (ws_vectors_append (lean, word, len, row, NULL));
      ws_vectors_set_lean_threshold (G_MAXSIZE);
      g_assert_true (ws_vectors_append (full, word, len, row, NULL));
      ws_vectors_set_lean_threshold (500 * dim * sizeof (float));
    }
  ws_vectors_seal (lean);
  ws_vectors_set_lean_threshold (old);
  ws_vectors_seal (full);

  g_assert_false (ws_vectors_has_unit_matrix (lean));
  g_assert_null (ws_vectors_get_unit_matrix (lean));
  g_assert_true (ws_vectors_has_unit_matrix (full));
  ws_vectors_copy_unit_rows (full, 0, n, uf);
  ws_vectors_copy_unit_rows (lean, 0, n, ul);
  g_assert_cmpmem (ul, n * dim * sizeof (float), uf, n * dim * sizeof (float));
  g_assert_cmpmem (ws_vectors_get_unit_row (lean, 0), dim * sizeof (float), uf, dim * sizeof (float));
  /* The zero row stays zero. */
  for (gsize j = 0; j < dim; j++)
    g_assert_cmpfloat (ws_vectors_get_unit_row (lean, 3)[j], ==, 0.0f);
  g_assert_cmpmem (ws_vectors_get_norms (lean), n * sizeof (float),
                   ws_vectors_get_norms (full), n * sizeof (float));
  stride = ws_vectors_get_quantized (full, &cf, &sf, &ef);
  g_assert_cmpuint (ws_vectors_get_quantized (lean, &cl, &sl, &el), ==, stride);
  g_assert_cmpmem (cl, n * stride, cf, n * stride);
  g_assert_cmpmem (sl, n * sizeof (float), sf, n * sizeof (float));
  g_assert_cmpmem (el, n * sizeof (float), ef, n * sizeof (float));
}

/* Every position of rows of several lengths: the lanes, the tail, and more
 * than one bad value (the first is the one named). */
static void
test_first_not_finite (void)
{
  const float bad[] = { NAN, INFINITY, -INFINITY };

  for (gsize n = 0; n <= 40; n++)
    {
      g_autofree float *row = g_new (float, n + 1);

      for (gsize j = 0; j < n; j++)
        row[j] = (float) j - 7.5f;
      g_assert_cmpuint (ws_floats_first_not_finite (row, n), ==, n);
      for (gsize at = 0; at < n; at++)
        for (gsize b = 0; b < G_N_ELEMENTS (bad); b++)
          {
            row[at] = bad[b];
            g_assert_cmpuint (ws_floats_first_not_finite (row, n), ==, at);
            if (at + 3 < n)
              {
                row[at + 3] = NAN;
                g_assert_cmpuint (ws_floats_first_not_finite (row, n), ==, at);
                row[at + 3] = (float) (at + 3) - 7.5f;
              }
            row[at] = (float) at - 7.5f;
          }
      /* The largest finite values and the smallest are finite. */
      for (gsize j = 0; j < n; j++)
        row[j] = j % 2 ? FLT_MAX : -FLT_TRUE_MIN;
      g_assert_cmpuint (ws_floats_first_not_finite (row, n), ==, n);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vectors/from-data", test_from_data);
  g_test_add_func ("/vectors/duplicates-keep-first", test_duplicates_keep_first);
  g_test_add_func ("/vectors/rejects-nan-and-bad-utf8", test_rejects_nan_and_bad_utf8);
  g_test_add_func ("/vectors/many-rows-grow", test_many_rows_grow);
  g_test_add_func ("/vectors/first-not-finite", test_first_not_finite);
  g_test_add_func ("/vectors/lean-while-growing", test_lean_while_growing);

  return g_test_run ();
}
