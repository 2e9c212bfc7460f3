/* test-similarity.c: gensim's query semantics on models small enough to
 * work out by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ws-similarity.h"
#include "ws-test-util.h"

/* Six 2-d words: a and f point the same way (f is twice as long), b is a
 * unit vector at cos 0.8 from a, c is at right angles, d opposite, e zero. */
static const char *plane_words[] = { "a", "b", "c", "d", "e", "f" };
static const float plane_matrix[] = {
  1.0f, 0.0f,
  0.8f, 0.6f,
  0.0f, 1.0f,
  -1.0f, 0.0f,
  0.0f, 0.0f,
  2.0f, 0.0f,
};

static WsVectors *
plane (void)
{
  g_autoptr(GError) error = NULL;
  WsVectors *v = ws_vectors_new_from_data (plane_words, plane_matrix, 6, 2, &error);

  g_assert_no_error (error);
  return v;
}

/* @expected: "word=score" items; score "nan" for NaN. */
static void
assert_results (WsVectors   *v,
                GArray      *results,
                const char **expected,
                gsize        n_expected)
{
  g_assert_nonnull (results);
  if (results->len != n_expected)
    {
      for (guint i = 0; i < results->len; i++)
        g_test_message ("got %s %g", ws_vectors_get_word (v, g_array_index (results, WsScored, i).row),
                        g_array_index (results, WsScored, i).score);
    }
  g_assert_cmpuint (results->len, ==, n_expected);
  for (gsize i = 0; i < n_expected; i++)
    {
      const WsScored *s = &g_array_index (results, WsScored, i);
      g_auto(GStrv) parts = g_strsplit (expected[i], "=", 2);

      g_assert_cmpstr (ws_vectors_get_word (v, s->row), ==, parts[0]);
      if (strcmp (parts[1], "nan") == 0)
        g_assert_true (isnan (s->score));
      else
        {
          double want = g_ascii_strtod (parts[1], NULL);
          g_assert_cmpfloat_with_epsilon (s->score, want, 1e-5 * MAX (1.0, fabs (want)));
        }
    }
}

#define ASSERT_RESULTS(v, r, ...) \
  G_STMT_START { \
    const char *exp_[] = { __VA_ARGS__ }; \
    assert_results ((v), (r), exp_, G_N_ELEMENTS (exp_)); \
  } G_STMT_END

static void
test_neighbors (void)
{
  g_autoptr(WsVectors) v = plane ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) top3 = NULL;
  g_autoptr(GArray) all = NULL;

  /* a itself is left out; the zero vector e scores NaN and comes last. */
  top3 = ws_neighbors (v, "a", 3, 0, &error);
  g_assert_no_error (error);
  ASSERT_RESULTS (v, top3, "f=1", "b=0.8", "c=0");

  all = ws_neighbors (v, "a", 100, 0, &error);
  g_assert_no_error (error);
  ASSERT_RESULTS (v, all, "f=1", "b=0.8", "c=0", "d=-1", "e=nan");
}

static void
test_input_words_left_out (void)
{
  g_autoptr(WsVectors) v = plane ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) r = NULL;
  g_autoptr(GArray) twice = NULL;
  const WsTerm both[] = { { "a", NULL, 1.0f }, { "f", NULL, 1.0f } };
  const WsTerm repeated[] = { { "a", NULL, 1.0f }, { "a", NULL, 1.0f } };

  /* Both words are the best matches (cos 1) and both are left out. */
  r = ws_most_similar (v, both, 2, 2, 0, &error);
  g_assert_no_error (error);
  ASSERT_RESULTS (v, r, "b=0.8", "c=0");

  /* A word given twice is left out once, and topn still holds. */
  twice = ws_most_similar (v, repeated, 2, 3, 0, &error);
  g_assert_no_error (error);
  ASSERT_RESULTS (v, twice, "f=1", "b=0.8", "c=0");
}

static void
test_restrict_vocab (void)
{
  g_autoptr(WsVectors) v = plane ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) r3 = NULL;
  g_autoptr(GArray) r2 = NULL;
  g_autoptr(GArray) outside = NULL;
  g_autoptr(GArray) big = NULL;

  /* Only rows a, b, c are searched; f (cos 1) is beyond them. */
  r3 = ws_neighbors (v, "a", 10, 3, &error);
  g_assert_no_error (error);
  ASSERT_RESULTS (v, r3, "b=0.8", "c=0");

  r2 = ws_neighbors (v, "a", 10, 2, &error);
  g_assert_no_error (error);
  ASSERT_RESULTS (v, r2, "b=0.8");

  /* The query word may lie outside the searched rows. */
  outside = ws_neighbors (v, "f", 10, 3, &error);
  g_assert_no_error (error);
  ASSERT_RESULTS (v, outside, "a=1", "b=0.8", "c=0");

  big = ws_neighbors (v, "a", 2, 1000, &error);
  g_assert_no_error (error);
  ASSERT_RESULTS (v, big, "f=1", "b=0.8");
}

static void
test_weights (void)
{
  g_autoptr(WsVectors) v = plane ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) analogy = NULL;
  g_autoptr(GArray) weighted = NULL;
  g_autoptr(GArray) zero = NULL;
  /* c - d: mean (0,1) + (1,0) over 2, made unit: (1,1)/√2. */
  const WsTerm c_minus_d[] = { { "c", NULL, 1.0f }, { "d", NULL, -1.0f } };
  /* 2a + c over 3: (2,1)/√5 once made unit. f is twice a's length yet
   * counts as a unit vector. */
  const WsTerm two_a_c[] = { { "f", NULL, 2.0f }, { "c", NULL, 1.0f } };
  const WsTerm nothing[] = { { "a", NULL, 0.0f } };

  analogy = ws_most_similar (v, c_minus_d, 2, 10, 0, &error);
  g_assert_no_error (error);
  /* a and f tie exactly (same unit vector): row order, as a stable sort. */
  ASSERT_RESULTS (v, analogy, "b=0.98994949", "a=0.70710678", "f=0.70710678", "e=nan");

  weighted = ws_most_similar (v, two_a_c, 2, 10, 0, &error);
  g_assert_no_error (error);
  ASSERT_RESULTS (v, weighted, "b=0.98386991", "a=0.89442719", "d=-0.89442719", "e=nan");

  /* Weights that add up to nothing leave a zero mean: every score is 0. */
  zero = ws_most_similar (v, nothing, 1, 10, 0, &error);
  g_assert_no_error (error);
  ASSERT_RESULTS (v, zero, "b=0", "c=0", "d=0", "f=0", "e=nan");
}

static void
test_raw_vectors (void)
{
  g_autoptr(WsVectors) v = plane ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) by_vector = NULL;
  g_autoptr(GArray) mixed = NULL;
  const float up[] = { 0.0f, 5.0f };
  const float up4[] = { 0.0f, 4.0f };
  /* A raw vector is used as given, not made unit: (0,4) + (1,0) over 2,
   * i.e. (1,4)/√17, which puts c before b. */
  const WsTerm terms[] = { { NULL, up4, 1.0f }, { "a", NULL, 1.0f } };

  /* Nothing is left out: c is the vector's own direction. */
  by_vector = ws_similar_by_vector (v, up, 10, 0, &error);
  g_assert_no_error (error);
  ASSERT_RESULTS (v, by_vector, "c=1", "b=0.6", "a=0", "d=0", "f=0", "e=nan");

  mixed = ws_most_similar (v, terms, 2, 3, 0, &error);
  g_assert_no_error (error);
  ASSERT_RESULTS (v, mixed, "c=0.97014250", "b=0.77611696", "f=0.24253563");
}

static void
test_cosmul (void)
{
  g_autoptr(WsVectors) v = plane ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) r = NULL;
  g_autoptr(GArray) single = NULL;
  g_autoptr(GArray) restricted = NULL;
  const char *pos[] = { "b" };
  const char *neg[] = { "a" };
  const char *pos_a[] = { "a" };

  /* (1 + cos (x, b)) / 2 over (1 + cos (x, a)) / 2 + 1e-6:
   * d: 0.1 / 1e-6, c: 0.8 / 0.500001, f: 0.9 / 1.000001. */
  r = ws_most_similar_cosmul (v, pos, 1, neg, 1, 10, 0, &error);
  g_assert_no_error (error);
  ASSERT_RESULTS (v, r, "d=100000", "c=1.5999968", "f=0.8999991", "e=nan");

  /* No negative words: the product over nothing is 1, plus 1e-6. */
  single = ws_most_similar_cosmul (v, pos_a, 1, NULL, 0, 3, 0, &error);
  g_assert_no_error (error);
  ASSERT_RESULTS (v, single, "f=0.999999", "b=0.8999991", "c=0.4999995");

  restricted = ws_most_similar_cosmul (v, pos, 1, neg, 1, 10, 4, &error);
  g_assert_no_error (error);
  ASSERT_RESULTS (v, restricted, "d=100000", "c=1.5999968");
}

static void
test_similarity (void)
{
  g_autoptr(WsVectors) v = plane ();
  g_autoptr(GError) error = NULL;
  float s = 42.0f;

  g_assert_true (ws_similarity (v, "a", "b", &s, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (s, 0.8f, 1e-6);
  g_assert_true (ws_similarity (v, "a", "f", &s, &error));
  g_assert_cmpfloat_with_epsilon (s, 1.0f, 1e-6);
  g_assert_true (ws_similarity (v, "a", "d", &s, &error));
  g_assert_cmpfloat_with_epsilon (s, -1.0f, 1e-6);
  /* gensim's unitvec leaves a zero vector as it is: similarity 0. */
  g_assert_true (ws_similarity (v, "a", "e", &s, &error));
  g_assert_cmpfloat (s, ==, 0.0f);

  s = 42.0f;
  g_assert_false (ws_similarity (v, "a", "Zebra", &s, &error));
  g_assert_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_UNKNOWN_WORD);
  g_assert_nonnull (strstr (error->message, "Zebra"));
  g_assert_cmpfloat (s, ==, 42.0f);
}

static void
test_n_similarity (void)
{
  g_autoptr(WsVectors) v = plane ();
  g_autoptr(GError) error = NULL;
  const char *ac[] = { "a", "c" };
  const char *fc[] = { "f", "c", "unknown" };
  const char *b[] = { "b" };
  const char *none[] = { "x", "y" };
  float s = 0.0f;

  /* The mean of the vectors as stored: (1,1)/2, then unit. */
  g_assert_true (ws_n_similarity (v, ac, 2, b, 1, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (s, 0.98994949f, 1e-6);
  /* f counts with its length, (2,1)/2, not as a unit vector; unknown words
   * are skipped as gensim skips them. */
  g_assert_true (ws_n_similarity (v, fc, 3, b, 1, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (s, 0.98386991f, 1e-6);

  g_assert_false (ws_n_similarity (v, ac, 2, none, 2, &s, &error));
  g_assert_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_UNKNOWN_WORD);
  g_assert_nonnull (strstr (error->message, "x"));
  g_clear_error (&error);

  g_assert_false (ws_n_similarity (v, ac, 2, b, 0, &s, &error));
  g_assert_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_EMPTY);
}

static void
test_doesnt_match (void)
{
  g_autoptr(WsVectors) v = plane ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ignored = NULL;
  g_auto(GStrv) none_ignored = NULL;
  const char *words[] = { "a", "zzz", "b", "c" };
  const char *tie[] = { "c", "a" };
  const char *unknown[] = { "x", "y" };
  const char *result;

  /* Unit vectors (1,0), (.8,.6), (0,1): c is furthest from their mean. */
  result = ws_doesnt_match (v, words, 4, &ignored, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result, ==, "c");
  g_assert_nonnull (ignored);
  g_assert_cmpuint (g_strv_length (ignored), ==, 1);
  g_assert_cmpstr (ignored[0], ==, "zzz");

  /* An exact tie: gensim sorts (distance, word) and takes the last. */
  result = ws_doesnt_match (v, tie, 2, &none_ignored, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result, ==, "a");
  g_assert_cmpuint (g_strv_length (none_ignored), ==, 0);

  g_assert_null (ws_doesnt_match (v, unknown, 2, NULL, &error));
  g_assert_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_UNKNOWN_WORD);
  g_assert_nonnull (strstr (error->message, "“x”, “y”"));
  g_clear_error (&error);

  g_assert_null (ws_doesnt_match (v, NULL, 0, NULL, &error));
  g_assert_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_EMPTY);
}

static void
test_rank (void)
{
  g_autoptr(WsVectors) v = plane ();
  g_autoptr(GError) error = NULL;
  gsize rank = 0;

  /* Cosine distances from a: a 0, f 0, b 0.2, c 1, d 2, e NaN. */
  g_assert_true (ws_rank (v, "a", "b", &rank, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rank, ==, 2);
  g_assert_true (ws_rank (v, "a", "f", &rank, &error));
  g_assert_cmpuint (rank, ==, 1);
  g_assert_true (ws_rank (v, "a", "c", &rank, &error));
  g_assert_cmpuint (rank, ==, 3);
  g_assert_true (ws_rank (v, "a", "d", &rank, &error));
  g_assert_cmpuint (rank, ==, 4);
  /* Nothing is closer than a NaN distance. */
  g_assert_true (ws_rank (v, "a", "e", &rank, &error));
  g_assert_cmpuint (rank, ==, 1);

  g_assert_false (ws_rank (v, "nope", "a", &rank, &error));
  g_assert_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_UNKNOWN_WORD);
  g_assert_nonnull (strstr (error->message, "nope"));
}

static void
test_errors (void)
{
  g_autoptr(WsVectors) v = plane ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) none = NULL;
  g_autoptr(GArray) zero_topn = NULL;
  const WsTerm unknown[] = { { "a", NULL, 1.0f }, { "Königin", NULL, -1.0f } };
  const WsTerm bad_weight[] = { { "a", NULL, NAN } };
  const char *pos[] = { "a" };
  const char *neg[] = { "missing" };

  g_assert_null (ws_most_similar (v, unknown, 2, 10, 0, &error));
  g_assert_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_UNKNOWN_WORD);
  g_assert_nonnull (strstr (error->message, "Königin"));
  g_clear_error (&error);

  g_assert_null (ws_most_similar (v, NULL, 0, 10, 0, &error));
  g_assert_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_null (ws_most_similar (v, bad_weight, 1, 10, 0, &error));
  g_assert_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_INVALID);
  g_clear_error (&error);

  /* gensim answers topn < 1 with [] before looking at the words. */
  zero_topn = ws_most_similar (v, unknown, 2, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zero_topn->len, ==, 0);

  g_assert_null (ws_most_similar_cosmul (v, pos, 1, neg, 1, 10, 0, &error));
  g_assert_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_UNKNOWN_WORD);
  g_assert_nonnull (strstr (error->message, "missing"));
  g_clear_error (&error);

  none = ws_most_similar_cosmul (v, NULL, 0, pos, 1, 10, 0, &error);
  g_assert_null (none);
  g_assert_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_EMPTY);
}

static void
test_zero_vector_query (void)
{
  g_autoptr(WsVectors) v = plane ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) by_zero = NULL;
  const char *pos[] = { "a", "e" };
  const float zero[] = { 0.0f, 0.0f };

  /* e points nowhere: gensim would score every row NaN. */
  g_assert_null (ws_neighbors (v, "e", 10, 0, &error));
  g_assert_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“e”"));
  g_clear_error (&error);

  g_assert_null (ws_most_similar_cosmul (v, pos, 2, NULL, 0, 10, 0, &error));
  g_assert_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_INVALID);
  g_clear_error (&error);

  /* A raw zero vector stays zero, as gensim's unitvec leaves it: every
   * score is 0 (NaN for the zero row), in row order. */
  by_zero = ws_similar_by_vector (v, zero, 3, 0, &error);
  g_assert_no_error (error);
  ASSERT_RESULTS (v, by_zero, "a=0", "b=0", "c=0");
}

/* The heap selection against a full sort, on a model big enough for ties
 * and many heap replacements. */
static void
test_selection_matches_full_sort (void)
{
  const gsize n = 5000, dim = 16;
  g_autofree float *m = g_new (float, n * dim);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(WsVectors) v = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  const float *q;

  for (gsize i = 0; i < n; i++)
    {
      g_ptr_array_add (words, g_strdup_printf ("w%zu", i));
      /* Small integers: many rows share a direction, so scores tie. */
      for (gsize j = 0; j < dim; j++)
        m[i * dim + j] = (float) g_rand_int_range (rand, -2, 3);
    }
  v = ws_vectors_new_from_data ((const char * const *) words->pdata, m, n, dim, &error);
  g_assert_no_error (error);

  all = ws_neighbors (v, "w0", n, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, n - 1);
  q = ws_vectors_get_unit_row (v, 0);

  for (guint i = 0; i < all->len; i++)
    {
      const WsScored *s = &g_array_index (all, WsScored, i);
      const float *u = ws_vectors_get_unit_row (v, s->row);
      double dot = 0.0;

      g_assert_cmpuint (s->row, !=, 0);
      if (ws_vectors_get_norm (v, s->row) == 0.0f)
        g_assert_true (isnan (s->score));
      else
        {
          for (gsize j = 0; j < dim; j++)
            dot += (double) u[j] * q[j];
          g_assert_cmpfloat_with_epsilon (s->score, dot, 1e-5);
        }
      if (i > 0)
        {
          const WsScored *p = &g_array_index (all, WsScored, i - 1);

          if (!isnan (s->score))
            {
              g_assert_false (isnan (p->score));
              g_assert_cmpfloat (p->score, >=, s->score);
              if (p->score == s->score)
                g_assert_cmpuint (p->row, <, s->row);
            }
          else if (isnan (p->score))
            g_assert_cmpuint (p->row, <, s->row);
        }
    }

  for (gsize k = 1; k <= 64; k *= 2)
    {
      g_autoptr(GArray) top = ws_neighbors (v, "w0", k, 0, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (top->len, ==, k);
      for (gsize i = 0; i < k; i++)
        {
          g_assert_cmpuint (g_array_index (top, WsScored, i).row, ==,
                            g_array_index (all, WsScored, i).row);
          g_assert_cmpfloat (g_array_index (top, WsScored, i).score, ==,
                             g_array_index (all, WsScored, i).score);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/similarity/neighbors", test_neighbors);
  g_test_add_func ("/similarity/input-words-left-out", test_input_words_left_out);
  g_test_add_func ("/similarity/restrict-vocab", test_restrict_vocab);
  g_test_add_func ("/similarity/weights", test_weights);
  g_test_add_func ("/similarity/raw-vectors", test_raw_vectors);
  g_test_add_func ("/similarity/cosmul", test_cosmul);
  g_test_add_func ("/similarity/similarity", test_similarity);
  g_test_add_func ("/similarity/n-similarity", test_n_similarity);
  g_test_add_func ("/similarity/doesnt-match", test_doesnt_match);
  g_test_add_func ("/similarity/rank", test_rank);
  g_test_add_func ("/similarity/errors", test_errors);
  g_test_add_func ("/similarity/zero-vector-query", test_zero_vector_query);
  g_test_add_func ("/similarity/selection-matches-full-sort", test_selection_matches_full_sort);

  return g_test_run ();
}
