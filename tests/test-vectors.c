/* test-vectors.c: storage, lookup and normalisation of WsVectors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vectors/from-data", test_from_data);
  g_test_add_func ("/vectors/duplicates-keep-first", test_duplicates_keep_first);
  g_test_add_func ("/vectors/rejects-nan-and-bad-utf8", test_rejects_nan_and_bad_utf8);
  g_test_add_func ("/vectors/many-rows-grow", test_many_rows_grow);

  return g_test_run ();
}
