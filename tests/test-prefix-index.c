/* test-prefix-index.c: case-insensitive completion over a vocabulary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ws-prefix-index.h"

static WsVectors *
model_of (const char * const *words,
          gsize               n)
{
  g_autofree float *matrix = g_new0 (float, n * 2);
  g_autoptr(GError) error = NULL;
  WsVectors *vectors;

  for (gsize i = 0; i < n; i++)
    matrix[i * 2] = 1.0f + i;
  vectors = ws_vectors_new_from_data (words, matrix, n, 2, &error);
  g_assert_no_error (error);
  return vectors;
}

static void
assert_completes (WsPrefixIndex      *index,
                  const char         *prefix,
                  guint               max,
                  const char * const *expected)
{
  WsVectors *vectors = ws_prefix_index_get_vectors (index);
  g_autoptr(GArray) rows = ws_prefix_index_complete (index, prefix, max);
  guint n = g_strv_length ((char **) expected);

  g_assert_cmpuint (rows->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (ws_vectors_get_word (vectors, g_array_index (rows, guint32, i)), ==,
                     expected[i]);
}

static void
test_small (void)
{
  const char *words[] = { "the", "King", "queen", "king", "kingdom", "Köln", "KÖNIG", "é", "Éclair",
                          "crown_prince", "kin" };
  g_autoptr(WsVectors) vectors = model_of (words, G_N_ELEMENTS (words));
  g_autoptr(WsPrefixIndex) index = ws_prefix_index_new (vectors, NULL);

  /* Ignoring case, in file (frequency) order. */
  assert_completes (index, "kin", 10, (const char *[]) { "King", "king", "kingdom", "kin", NULL });
  assert_completes (index, "KIN", 2, (const char *[]) { "King", "king", NULL });
  assert_completes (index, "king", 10, (const char *[]) { "King", "king", "kingdom", NULL });
  assert_completes (index, "kö", 10, (const char *[]) { "Köln", "KÖNIG", NULL });
  assert_completes (index, "é", 10, (const char *[]) { "é", "Éclair", NULL });
  assert_completes (index, "crown_", 10, (const char *[]) { "crown_prince", NULL });
  assert_completes (index, "x", 10, (const char *[]) { NULL });
  assert_completes (index, "", 10, (const char *[]) { NULL });
  assert_completes (index, "kingdoms", 10, (const char *[]) { NULL });
  g_assert_cmpuint (ws_prefix_index_count (index, "K"), ==, 6);
  g_assert_cmpuint (ws_prefix_index_count (index, "zz"), ==, 0);
}

/* Against a brute-force scan on a vocabulary large enough for both the
 * ranked-run and the frequency-scan paths. */
static void
test_against_scan (void)
{
  const gsize n = 60000;
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(WsVectors) vectors = NULL;
  g_autoptr(WsPrefixIndex) index = NULL;
  const char *prefixes[] = { "a", "B", "ab", "Abc", "q", "zz", "mno", "e", "kA" };

  for (gsize i = 0; i < n; i++)
    {
      char w[9];
      int len = g_rand_int_range (rand, 1, 8);
      for (int k = 0; k < len; k++)
        {
          int c = g_rand_int_range (rand, 0, 26);
          w[k] = (char) (g_rand_boolean (rand) ? 'a' + c : 'A' + c);
        }
      w[len] = '\0';
      g_ptr_array_add (words, g_strdup_printf ("%s%zu", w, i % 7 == 0 ? i : 0));
    }
  vectors = model_of ((const char * const *) words->pdata, n);
  index = ws_prefix_index_new (vectors, NULL);

  for (guint p = 0; p < G_N_ELEMENTS (prefixes); p++)
    {
      g_autofree char *fold = g_utf8_casefold (prefixes[p], -1);
      g_autoptr(GArray) rows = ws_prefix_index_complete (index, prefixes[p], 10);
      guint found = 0;
      gsize total = 0;

      for (gsize r = 0; r < ws_vectors_get_n_words (vectors); r++)
        {
          g_autofree char *f = g_utf8_casefold (ws_vectors_get_word (vectors, r), -1);
          if (g_str_has_prefix (f, fold))
            {
              if (found < 10)
                {
                  g_assert_cmpuint (found, <, rows->len);
                  g_assert_cmpuint (g_array_index (rows, guint32, found), ==, r);
                  found++;
                }
              total++;
            }
        }
      g_assert_cmpuint (rows->len, ==, found);
      g_assert_cmpuint (ws_prefix_index_count (index, prefixes[p]), ==, total);
    }
}

/* A run of thousands of matches whose most frequent members sit far down the
 * file (Google News' w… fillers): the tree must still give the first rows
 * in frequency order, for every size asked. */
static void
test_long_run_late_rows (void)
{
  const gsize n = 30000;
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(WsVectors) vectors = NULL;
  g_autoptr(WsPrefixIndex) index = NULL;
  const char *prefixes[] = { "w", "W1", "w2", "filler", "f" };
  const guint sizes[] = { 1, 10, 100, 5000 };

  for (gsize i = 0; i < n; i++)
    {
      if (i < n / 2)
        g_ptr_array_add (words, g_strdup_printf ("filler%zu", i));
      else
        g_ptr_array_add (words, g_strdup_printf ("w%u-%zu", g_rand_int_range (rand, 0, 100000), i));
    }
  vectors = model_of ((const char * const *) words->pdata, n);
  index = ws_prefix_index_new (vectors, NULL);
  g_assert_cmpuint (ws_prefix_index_count (index, "w"), >, 4096);

  for (guint p = 0; p < G_N_ELEMENTS (prefixes); p++)
    for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
      {
        g_autofree char *fold = g_utf8_casefold (prefixes[p], -1);
        g_autoptr(GArray) rows = ws_prefix_index_complete (index, prefixes[p], sizes[k]);
        guint found = 0;

        for (gsize r = 0; r < n && found < sizes[k]; r++)
          {
            g_autofree char *f = g_utf8_casefold (ws_vectors_get_word (vectors, r), -1);

            if (g_str_has_prefix (f, fold))
              {
                g_assert_cmpuint (found, <, rows->len);
                g_assert_cmpuint (g_array_index (rows, guint32, found), ==, r);
                found++;
              }
          }
        g_assert_cmpuint (rows->len, ==, found);
      }
}

static void
test_cancelled (void)
{
  const char *words[] = { "a", "b" };
  g_autoptr(WsVectors) vectors = model_of (words, 2);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  g_assert_null (ws_prefix_index_new (vectors, cancellable));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/prefix-index/small", test_small);
  g_test_add_func ("/prefix-index/against-scan", test_against_scan);
  g_test_add_func ("/prefix-index/long-run-late-rows", test_long_run_late_rows);
  g_test_add_func ("/prefix-index/cancelled", test_cancelled);
  return g_test_run ();
}
