/* test-similarity-scan.c: the quantized scan gives exactly the answer of the
 * exact float32 scan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each query runs twice, once with WS_SCAN_EXACT (every row scored) and once
 * with WS_SCAN_QUANTIZED (int8 bounds pick candidates, re-scored in
 * float32), and the two answers must be equal element by element: same rows,
 * same order, bit-identical scores. No tolerance anywhere.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ws-similarity-private.h"
#include "ws-test-util.h"
#include "ws-vectors-private.h"

/* A small seeded generator, so the data is the same on every run. */
static guint64
next_u64 (guint64 *state)
{
  guint64 x = *state;

  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  *state = x;
  return x * G_GUINT64_CONSTANT (2685821657736338717);
}

static float
next_uniform (guint64 *state)
{
  return (float) ((next_u64 (state) >> 40) / (double) (1 << 24));
}

/* Roughly normal: a sum of four uniforms. */
static float
next_gaussian (guint64 *state)
{
  return next_uniform (state) + next_uniform (state) + next_uniform (state) +
         next_uniform (state) - 2.0f;
}

static WsVectors *
model_from (float *matrix,
            gsize  n,
            gsize  dim)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  WsVectors *v;

  for (gsize i = 0; i < n; i++)
    g_ptr_array_add (words, g_strdup_printf ("w%" G_GSIZE_FORMAT, i));
  v = ws_vectors_new_from_data ((const char * const *) words->pdata, matrix, n, dim, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ws_vectors_get_n_words (v), ==, n);
  return v;
}

static WsVectors *
random_model (gsize   n,
              gsize   dim,
              guint64 seed)
{
  g_autofree float *m = g_new (float, n * dim);
  guint64 state = seed * 2 + 1;

  for (gsize i = 0; i < n * dim; i++)
    m[i] = next_gaussian (&state);
  return model_from (m, n, dim);
}

static void
assert_same (GArray     *exact,
             GArray     *fast,
             const char *what)
{
  g_assert_nonnull (exact);
  g_assert_nonnull (fast);
  if (exact->len != fast->len)
    g_error ("%s: %u results exactly, %u by the quantized scan", what, exact->len, fast->len);
  for (guint i = 0; i < exact->len; i++)
    {
      WsScored *a = &g_array_index (exact, WsScored, i);
      WsScored *b = &g_array_index (fast, WsScored, i);

      if (a->row != b->row || memcmp (&a->score, &b->score, sizeof (float)) != 0)
        g_error ("%s: result %u is row %" G_GSIZE_FORMAT " (%.9g) exactly but row %"
                 G_GSIZE_FORMAT " (%.9g) by the quantized scan",
                 what, i + 1, a->row, a->score, b->row, b->score);
    }
}

typedef struct
{
  const WsTerm *terms;
  gsize         n_terms;
  gsize         topn;
  gsize         restrict_vocab;
} Query;

/* Runs @q both ways and compares; returns how many rows the quantized scan
 * re-scored (-1 when it fell back to the exact scan). */
static gint
check_query (WsVectors   *v,
             const Query *q,
             const char  *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) exact = NULL;
  g_autoptr(GArray) fast = NULL;
  gint candidates;

  ws_similarity_set_scan_mode (WS_SCAN_EXACT);
  exact = ws_most_similar (v, q->terms, q->n_terms, q->topn, q->restrict_vocab, &error);
  g_assert_no_error (error);
  ws_similarity_set_scan_mode (WS_SCAN_QUANTIZED);
  fast = ws_most_similar (v, q->terms, q->n_terms, q->topn, q->restrict_vocab, &error);
  g_assert_no_error (error);
  candidates = ws_similarity_get_last_candidates ();
  ws_similarity_set_scan_mode (WS_SCAN_AUTO);
  assert_same (exact, fast, what);
  return candidates;
}

/* most_similar_cosmul both ways. */
static gint
check_cosmul (WsVectors          *v,
              const char * const *positive,
              gsize               n_positive,
              const char * const *negative,
              gsize               n_negative,
              gsize               topn,
              gsize               restrict_vocab,
              const char         *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) exact = NULL;
  g_autoptr(GArray) fast = NULL;
  gint candidates;

  ws_similarity_set_scan_mode (WS_SCAN_EXACT);
  exact = ws_most_similar_cosmul (v, positive, n_positive, negative, n_negative, topn,
                                  restrict_vocab, &error);
  g_assert_no_error (error);
  ws_similarity_set_scan_mode (WS_SCAN_QUANTIZED);
  fast = ws_most_similar_cosmul (v, positive, n_positive, negative, n_negative, topn,
                                 restrict_vocab, &error);
  g_assert_no_error (error);
  candidates = ws_similarity_get_last_candidates ();
  ws_similarity_set_scan_mode (WS_SCAN_AUTO);
  assert_same (exact, fast, what);
  return candidates;
}

/* Random words as cosmul queries: 1 to 3 positive, 0 to 2 negative. */
static void
check_random_cosmul (WsVectors *v,
                     gsize      n_queries,
                     guint64    seed,
                     gboolean   avoid_zero_rows)
{
  gsize n = ws_vectors_get_n_words (v);
  guint64 state = seed;
  gsize fast_queries = 0, total = 0;

  for (gsize r = 0; r < n_queries; r++)
    {
      g_autofree char *what = NULL;
      char w[5][24];
      const char *pos[3], *neg[2];
      gsize n_pos = 1 + r % 3, n_neg = (r / 3) % 3;
      gsize topns[] = { 1, 10, 100, 25 };
      gsize restricts[] = { 0, n / 3, 150, 500 };
      gint c;

      for (int t = 0; t < 5; t++)
        {
          gsize row;

          do
            row = next_u64 (&state) % n;
          while (avoid_zero_rows && ws_vectors_get_norm (v, row) == 0.0f);
          g_snprintf (w[t], sizeof w[t], "w%" G_GSIZE_FORMAT, row);
        }
      for (gsize t = 0; t < n_pos; t++)
        pos[t] = w[t];
      for (gsize t = 0; t < n_neg; t++)
        neg[t] = w[3 + t];
      what = g_strdup_printf ("cosmul query %" G_GSIZE_FORMAT " (%s, %" G_GSIZE_FORMAT " + %"
                              G_GSIZE_FORMAT " words) on %" G_GSIZE_FORMAT " rows, topn %"
                              G_GSIZE_FORMAT, r, w[0], n_pos, n_neg, n, topns[r % 4]);
      c = check_cosmul (v, pos, n_pos, neg, n_neg, topns[r % 4], restricts[(r / 4) % 4], what);
      if (c >= 0)
        {
          fast_queries++;
          total += c;
        }
    }
  g_test_message ("cosmul on %" G_GSIZE_FORMAT " rows: %" G_GSIZE_FORMAT
                  " of %" G_GSIZE_FORMAT " queries by the quantized scan, %" G_GSIZE_FORMAT
                  " rows re-scored on average", n, fast_queries, n_queries,
                  total / MAX (fast_queries, 1));
  g_assert_cmpuint (fast_queries, >, 0);
}

/* The codes and scales rebuild each unit row within the stated error. */
static void
test_quantized_rows (void)
{
  g_autoptr(WsVectors) v = random_model (500, 37, 1);
  const gint8 *codes;
  const float *scales, *errors;
  gsize stride = ws_vectors_get_quantized (v, &codes, &scales, &errors);
  gsize dim = 37;

  g_assert_cmpuint (stride, >=, dim);
  g_assert_cmpuint (stride % 16, ==, 0);
  for (gsize i = 0; i < 500; i++)
    {
      const float *u = ws_vectors_get_unit_row (v, i);
      double err = 0.0;

      g_assert_cmpfloat (scales[i], >, 0.0f);
      for (gsize j = 0; j < stride; j++)
        {
          gint8 q = codes[i * stride + j];

          g_assert_cmpint (q, >=, -127);
          g_assert_cmpint (q, <=, 127);
          if (j >= dim)
            g_assert_cmpint (q, ==, 0);
          else
            err += ((double) u[j] - (double) scales[i] * q) * ((double) u[j] - (double) scales[i] * q);
        }
      g_assert_cmpfloat (sqrt (err), <=, errors[i]);
      /* int8 keeps about 2 decimal digits: the residual is small. */
      g_assert_cmpfloat (errors[i], <, 0.05f);
    }
}

/* Every int8 kernel gives the exact integer dot products, extremes too. */
static void
test_kernels (void)
{
  gsize strides[] = { 16, 32, 48, 304, 320 };
  guint64 state = 3;

  for (gsize s = 0; s < G_N_ELEMENTS (strides); s++)
    for (gsize n_rows = 0; n_rows <= 9; n_rows++)
      {
        gsize stride = strides[s];
        g_autofree gint8 *codes = g_new (gint8, stride * n_rows + 1);
        g_autofree gint8 *query = g_new (gint8, stride);
        guint n_kernels;

        for (gsize j = 0; j < stride; j++)
          query[j] = (j % 3 == 0) ? 127 : (j % 3 == 1) ? -127 : (gint8) (next_u64 (&state) % 255 - 127);
        for (gsize j = 0; j < stride * n_rows; j++)
          codes[j] = (j % 5 == 0) ? -127 : (j % 5 == 1) ? 127 : (gint8) (next_u64 (&state) % 255 - 127);
        /* The largest sums there can be: every product 127². */
        if (n_rows > 0)
          for (gsize j = 0; j < stride; j++)
            codes[j] = query[j];
        n_kernels = ws_similarity_compare_i8_kernels (codes, stride, n_rows, query);
        g_assert_cmpuint (n_kernels, >=, 1);
        if (s == 0 && n_rows == 0)
          g_test_message ("%u int8 kernels on this CPU", n_kernels);
      }
}

/* A zero row has scale 0, and is never an answer unless there are too few
 * others. */
static void
test_zero_rows (void)
{
  gsize n = 3000, dim = 20;
  g_autofree float *m = g_new (float, n * dim);
  g_autoptr(WsVectors) v = NULL;
  const float *scales, *errors;
  guint64 state = 7;

  for (gsize i = 0; i < n * dim; i++)
    m[i] = next_gaussian (&state);
  /* Every fifth row among the first 100, and all of rows 100-199, are zero. */
  for (gsize i = 0; i < 200; i++)
    if (i % 5 == 0 || i >= 100)
      memset (m + i * dim, 0, dim * sizeof (float));
  /* Rows 201-203: values so large that the norm overflows to infinity and
   * the unit row is all zeros; they score 0, and have no bound. */
  for (gsize i = 201; i <= 203; i++)
    for (gsize j = 0; j < dim; j++)
      m[i * dim + j] = (j % 2 ? -3e38f : 3e38f);
  v = model_from (m, n, dim);
  ws_vectors_get_quantized (v, NULL, &scales, &errors);
  g_assert_cmpfloat (ws_vectors_get_norm (v, 202), ==, INFINITY);
  g_assert_cmpfloat (errors[202], ==, INFINITY);
  g_assert_cmpfloat (scales[0], ==, 0.0f);
  g_assert_cmpfloat (scales[150], ==, 0.0f);
  g_assert_cmpfloat (scales[1], >, 0.0f);

  for (gsize r = 0; r < 40; r++)
    {
      g_autofree char *what = NULL;
      char word[16];
      WsTerm term = { word, NULL, 1.0f };
      /* restrict_vocab 100 has 79 numeric rows besides the word: topn 100
       * needs NaN rows, and the quantized scan must step aside. */
      gsize restricts[] = { 0, 100, 150, 230 };
      gsize topns[] = { 1, 10, 80, 100 };
      Query q = { &term, 1, topns[r % 4], restricts[(r / 4) % 4] };
      gsize row = 1 + (next_u64 (&state) % (n - 1));

      if (row < 204 && (row % 5 == 0 || row >= 100))
        row = 204 + r;
      g_snprintf (word, sizeof word, "w%" G_GSIZE_FORMAT, row);
      what = g_strdup_printf ("zero rows: %s topn %" G_GSIZE_FORMAT " restrict %" G_GSIZE_FORMAT,
                              word, q.topn, q.restrict_vocab);
      check_query (v, &q, what);
    }
  check_random_cosmul (v, 40, 17, TRUE);
}

/* Random data, many queries of every kind: words, raw vectors, analogies,
 * restrict_vocab, k from 1 to 100. */
static void
check_random (gsize n,
              gsize dim,
              gsize n_queries,
              guint64 seed)
{
  g_autoptr(WsVectors) v = random_model (n, dim, seed);
  g_autofree float *vec = g_new (float, dim);
  guint64 state = seed * 7 + 3;
  gsize total_candidates = 0, fast_queries = 0;

  for (gsize r = 0; r < n_queries; r++)
    {
      g_autofree char *what = NULL;
      char w[3][24];
      WsTerm terms[3];
      gsize topns[] = { 1, 10, 100, 10, 37 };
      gsize restricts[] = { 0, 0, n / 10, 1000, n - 1, n + 5 };
      Query q;
      gint c;

      for (int t = 0; t < 3; t++)
        g_snprintf (w[t], sizeof w[t], "w%" G_GSIZE_FORMAT, (gsize) (next_u64 (&state) % n));
      q.topn = topns[r % 5];
      q.restrict_vocab = restricts[(r / 5) % 6];
      q.terms = terms;
      switch (r % 3)
        {
        case 0: /* neighbors */
          terms[0] = (WsTerm) { w[0], NULL, 1.0f };
          q.n_terms = 1;
          break;
        case 1: /* similar_by_vector */
          for (gsize j = 0; j < dim; j++)
            vec[j] = next_gaussian (&state) * 3.0f;
          terms[0] = (WsTerm) { NULL, vec, 1.0f };
          q.n_terms = 1;
          break;
        default: /* analogy */
          terms[0] = (WsTerm) { w[0], NULL, 1.0f };
          terms[1] = (WsTerm) { w[1], NULL, 1.0f };
          terms[2] = (WsTerm) { w[2], NULL, -1.0f };
          q.n_terms = 3;
          break;
        }
      what = g_strdup_printf ("%" G_GSIZE_FORMAT " x %" G_GSIZE_FORMAT " query %" G_GSIZE_FORMAT
                              " (%s…) topn %" G_GSIZE_FORMAT " restrict %" G_GSIZE_FORMAT,
                              n, dim, r, w[0], q.topn, q.restrict_vocab);
      c = check_query (v, &q, what);
      if (c >= 0)
        {
          total_candidates += c;
          fast_queries++;
        }
    }
  /* The scan must actually have run, and re-scored a small part. */
  g_assert_cmpuint (fast_queries, >, n_queries / 2);
  check_random_cosmul (v, n >= 100000 ? 12 : 24, seed + 1, FALSE);
  g_test_message ("%" G_GSIZE_FORMAT " x %" G_GSIZE_FORMAT ": %" G_GSIZE_FORMAT
                  " rows re-scored per query on average",
                  n, dim, total_candidates / MAX (fast_queries, 1));
  if (n >= 100000)
    g_assert_cmpuint (total_candidates / MAX (fast_queries, 1), <, n / 20);
}

static void
test_random_large (void)
{
  check_random (200000, 300, 60, 11);
}

/* The scan split over two threads gives the same answers. */
static void
test_two_threads (void)
{
  ws_similarity_set_scan_threads (2);
  check_random (50000, 100, 60, 31);
  check_random (9000, 20, 60, 32);
  ws_similarity_set_scan_threads (1);
}

static void
test_random_shapes (void)
{
  gsize dims[] = { 1, 2, 3, 7, 8, 16, 17, 31, 32, 33, 48, 100 };

  for (gsize i = 0; i < G_N_ELEMENTS (dims); i++)
    check_random (5000, dims[i], 60, 100 + i);
}

/* Planted structure: clusters of near-copies, exact copies (exact ties,
 * which keep row order) and scaled copies (same direction). */
static void
test_planted (void)
{
  gsize n = 30000, dim = 50, n_clusters = 300;
  g_autofree float *m = g_new (float, n * dim);
  g_autoptr(WsVectors) v = NULL;
  guint64 state = 99;

  for (gsize c = 0; c < n_clusters; c++)
    for (gsize j = 0; j < dim; j++)
      m[c * dim + j] = next_gaussian (&state);
  for (gsize i = n_clusters; i < n; i++)
    {
      const float *centre = m + (i % n_clusters) * dim;
      float *row = m + i * dim;

      switch (i % 4)
        {
        case 0: /* an exact copy */
          memcpy (row, centre, dim * sizeof (float));
          break;
        case 1: /* a scaled copy */
          for (gsize j = 0; j < dim; j++)
            row[j] = centre[j] * 2.5f;
          break;
        default: /* a near copy */
          for (gsize j = 0; j < dim; j++)
            row[j] = centre[j] + 0.05f * next_gaussian (&state);
          break;
        }
    }
  v = model_from (m, n, dim);

  for (gsize r = 0; r < 80; r++)
    {
      g_autofree char *what = NULL;
      char w[2][24];
      WsTerm terms[2];
      gsize topns[] = { 1, 10, 50, 100 };
      gsize restricts[] = { 0, 5000, 301 };
      Query q = { terms, r % 2 ? 2 : 1, topns[r % 4], restricts[(r / 4) % 3] };

      g_snprintf (w[0], sizeof w[0], "w%" G_GSIZE_FORMAT, (gsize) (next_u64 (&state) % n));
      g_snprintf (w[1], sizeof w[1], "w%" G_GSIZE_FORMAT, (gsize) (next_u64 (&state) % n));
      terms[0] = (WsTerm) { w[0], NULL, 1.0f };
      terms[1] = (WsTerm) { w[1], NULL, 0.5f };
      if (strcmp (w[0], w[1]) == 0)
        q.n_terms = 1;
      what = g_strdup_printf ("planted query %" G_GSIZE_FORMAT " (%s) topn %" G_GSIZE_FORMAT,
                              r, w[0], q.topn);
      check_query (v, &q, what);
    }
  check_random_cosmul (v, 60, 23, FALSE);
}

/* AUTO picks the quantized scan on a big model, and agrees with EXACT; the
 * public entry points go through the same path. */
static void
test_auto_and_entry_points (void)
{
  g_autoptr(WsVectors) v = random_model (20000, 64, 5);
  g_autoptr(GError) error = NULL;
  g_autofree float *vec = g_new (float, 64);
  guint64 state = 5;

  for (gsize j = 0; j < 64; j++)
    vec[j] = next_gaussian (&state);
  for (int mode = 0; mode < 2; mode++)
    {
      g_autoptr(GArray) auto_n = NULL, auto_v = NULL, exact_n = NULL, exact_v = NULL;

      ws_similarity_set_scan_mode (WS_SCAN_AUTO);
      auto_n = ws_neighbors (v, "w123", mode ? 100 : 10, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpint (ws_similarity_get_last_candidates (), >=, 0);
      auto_v = ws_similar_by_vector (v, vec, mode ? 100 : 10, mode ? 15000 : 0, &error);
      g_assert_no_error (error);
      g_assert_cmpint (ws_similarity_get_last_candidates (), >=, 0);
      ws_similarity_set_scan_mode (WS_SCAN_EXACT);
      exact_n = ws_neighbors (v, "w123", mode ? 100 : 10, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpint (ws_similarity_get_last_candidates (), ==, -1);
      exact_v = ws_similar_by_vector (v, vec, mode ? 100 : 10, mode ? 15000 : 0, &error);
      g_assert_no_error (error);
      ws_similarity_set_scan_mode (WS_SCAN_AUTO);
      assert_same (exact_n, auto_n, "neighbors");
      assert_same (exact_v, auto_v, "similar_by_vector");
      /* The input word is left out. */
      for (guint i = 0; i < auto_n->len; i++)
        g_assert_cmpstr (ws_vectors_get_word (v, g_array_index (auto_n, WsScored, i).row), !=, "w123");
    }
}

/* A model borrowing another's arrays (as one mapped from the cache does)
 * scans its codes when they come along, and scans exactly when they do not;
 * the answers are the same either way. */
static void
test_borrowed (void)
{
  g_autoptr(WsVectors) owner = random_model (20000, 40, 41);
  WsVectorsStorage storage;
  guint64 state = 41;

  ws_vectors_get_storage (owner, &storage);
  g_assert_nonnull (storage.qcodes);
  for (int with_codes = 0; with_codes < 2; with_codes++)
    {
      WsVectorsStorage s = storage;
      g_autoptr(WsVectors) v = NULL;

      if (!with_codes)
        {
          s.qcodes = NULL;
          s.qscales = NULL;
          s.qerrors = NULL;
          s.qstride = 0;
        }
      v = ws_vectors_new_borrowed (&s, g_object_ref (owner), g_object_unref);
      for (int r = 0; r < 10; r++)
        {
          char word[24];
          WsTerm term = { word, NULL, 1.0f };
          Query q = { &term, 1, 10, 0 };
          gint c;

          g_snprintf (word, sizeof word, "w%" G_GSIZE_FORMAT, (gsize) (next_u64 (&state) % 20000));
          c = check_query (v, &q, word);
          if (with_codes)
            g_assert_cmpint (c, >=, 0);
          else
            g_assert_cmpint (c, ==, -1);
        }
    }
}

/* The same model kept two ways: with a unit matrix, and lean (unit rows
 * computed when needed, as a model above 256 MiB of rows is kept). Every
 * query, in every scan mode, must answer the same rows with the same
 * scores, bit for bit. */
static void
assert_same_both (GArray     *full,
                  GArray     *lean,
                  const char *what)
{
  g_assert_nonnull (full);
  g_assert_nonnull (lean);
  if (full->len != lean->len)
    g_error ("%s: %u results with unit rows, %u lean", what, full->len, lean->len);
  for (guint i = 0; i < full->len; i++)
    {
      WsScored *a = &g_array_index (full, WsScored, i);
      WsScored *b = &g_array_index (lean, WsScored, i);

      if (a->row != b->row || memcmp (&a->score, &b->score, sizeof (float)) != 0)
        g_error ("%s: result %u is row %" G_GSIZE_FORMAT " (%.9g) with unit rows but row %"
                 G_GSIZE_FORMAT " (%.9g) lean", what, i + 1, a->row, a->score, b->row, b->score);
    }
}

static void
test_lean_same_answers (void)
{
  const gsize n = 9000, dim = 300;
  g_autofree float *m = g_new (float, n * dim);
  g_autofree float *uf = g_new (float, n * dim);
  g_autofree float *ul = g_new (float, n * dim);
  g_autoptr(WsVectors) full = NULL;
  g_autoptr(WsVectors) lean = NULL;
  const gint8 *cf, *cl;
  const float *sf, *sl, *ef, *el;
  gsize stride, old;
  guint64 state = 77;
  const WsScanMode modes[] = { WS_SCAN_EXACT, WS_SCAN_QUANTIZED, WS_SCAN_AUTO };

  for (gsize i = 0; i < n * dim; i++)
    m[i] = next_gaussian (&state);
  /* A zero row, a tiny one and a huge one. */
  memset (m + 17 * dim, 0, dim * sizeof (float));
  for (gsize j = 0; j < dim; j++)
    {
      m[18 * dim + j] *= 1e-30f;
      m[19 * dim + j] *= 1e30f;
    }
  full = model_from (m, n, dim);
  old = ws_vectors_set_lean_threshold (1);
  lean = model_from (m, n, dim);
  ws_vectors_set_lean_threshold (old);

  g_assert_true (ws_vectors_has_unit_matrix (full));
  g_assert_false (ws_vectors_has_unit_matrix (lean));
  g_assert_null (ws_vectors_get_unit_matrix (lean));

  /* Unit rows and their int8 codes: bit-identical. */
  ws_vectors_copy_unit_rows (full, 0, n, uf);
  ws_vectors_copy_unit_rows (lean, 0, n, ul);
  g_assert_cmpmem (ul, n * dim * sizeof (float), uf, n * dim * sizeof (float));
  g_assert_cmpmem (ws_vectors_get_unit_matrix (full), n * dim * sizeof (float),
                   uf, n * dim * sizeof (float));
  for (gsize i = 0; i < n; i += 101)
    {
      const float *u = ws_vectors_get_unit_row (lean, i);

      g_assert_cmpmem (u, dim * sizeof (float), uf + i * dim, dim * sizeof (float));
      /* Kept: the same pointer the next time. */
      g_assert_true (ws_vectors_get_unit_row (lean, i) == u);
    }
  g_assert_cmpmem (ws_vectors_unit_rows (lean, 100, 3, ul), 3 * dim * sizeof (float),
                   uf + 100 * dim, 3 * dim * sizeof (float));
  stride = ws_vectors_get_quantized (full, &cf, &sf, &ef);
  g_assert_cmpuint (ws_vectors_get_quantized (lean, &cl, &sl, &el), ==, stride);
  g_assert_cmpmem (cl, n * stride, cf, n * stride);
  g_assert_cmpmem (sl, n * sizeof (float), sf, n * sizeof (float));
  g_assert_cmpmem (el, n * sizeof (float), ef, n * sizeof (float));

  for (gsize mode = 0; mode < G_N_ELEMENTS (modes); mode++)
    {
      ws_similarity_set_scan_mode (modes[mode]);
      for (int r = 0; r < 12; r++)
        {
          char a[24], b[24], c[24], what[96];
          WsTerm terms[3] = { { a, NULL, 1.0f }, { b, NULL, -1.0f }, { c, NULL, 1.0f } };
          const char *pos[2] = { a, c }, *neg[1] = { b };
          gsize topn = r % 4 == 3 ? 2000 : 10;         /* 2000: the exact scan in AUTO */
          gsize restrict_vocab = r % 3 == 2 ? 5000 : 0;
          g_autoptr(GArray) x = NULL;
          g_autoptr(GArray) y = NULL;
          g_autoptr(GArray) xc = NULL;
          g_autoptr(GArray) yc = NULL;
          float sx = 0.0f, sy = 0.0f;

          g_snprintf (a, sizeof a, "w%" G_GSIZE_FORMAT, (gsize) (next_u64 (&state) % n));
          g_snprintf (b, sizeof b, "w%" G_GSIZE_FORMAT, (gsize) (next_u64 (&state) % n));
          g_snprintf (c, sizeof c, "w%" G_GSIZE_FORMAT, r == 0 ? (gsize) 19 : (gsize) (next_u64 (&state) % n));
          if (g_str_equal (a, "w17") || g_str_equal (b, "w17") || g_str_equal (c, "w17"))
            continue;   /* a zero query word: an error either way */
          g_snprintf (what, sizeof what, "mode %d: %s - %s + %s, top %" G_GSIZE_FORMAT ", restrict %" G_GSIZE_FORMAT,
                      (int) modes[mode], a, b, c, topn, restrict_vocab);
          x = ws_most_similar (full, terms, 1 + r % 3, topn, restrict_vocab, NULL);
          y = ws_most_similar (lean, terms, 1 + r % 3, topn, restrict_vocab, NULL);
          assert_same_both (x, y, what);
          xc = ws_most_similar_cosmul (full, pos, 2, neg, r % 2, topn, restrict_vocab, NULL);
          yc = ws_most_similar_cosmul (lean, pos, 2, neg, r % 2, topn, restrict_vocab, NULL);
          assert_same_both (xc, yc, what);
          g_assert_true (ws_similarity (full, a, b, &sx, NULL));
          g_assert_true (ws_similarity (lean, a, b, &sy, NULL));
          g_assert_cmpmem (&sx, sizeof sx, &sy, sizeof sy);
          {
            const char *words[] = { a, b, c, "w18", "w1" };

            g_assert_cmpstr (ws_doesnt_match (full, words, 5, NULL, NULL), ==,
                             ws_doesnt_match (lean, words, 5, NULL, NULL));
          }
        }
    }
  ws_similarity_set_scan_mode (WS_SCAN_AUTO);
}

/* An existing test run again with every model lean. */
typedef struct
{
  const char *path;
  GTestFunc   func;
} LeanTest;

static void
run_lean (gconstpointer data)
{
  const LeanTest *t = data;
  gsize old = ws_vectors_set_lean_threshold (1);

  t->func ();
  ws_vectors_set_lean_threshold (old);
}

int
main (int    argc,
      char **argv)
{
  static const LeanTest lean_tests[] = {
    { "/similarity-scan/lean/zero-rows", test_zero_rows },
    { "/similarity-scan/lean/random-shapes", test_random_shapes },
    { "/similarity-scan/lean/planted", test_planted },
    { "/similarity-scan/lean/auto-and-entry-points", test_auto_and_entry_points },
    { "/similarity-scan/lean/borrowed", test_borrowed },
    { "/similarity-scan/lean/two-threads", test_two_threads },
  };

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/similarity-scan/quantized-rows", test_quantized_rows);
  g_test_add_func ("/similarity-scan/kernels", test_kernels);
  g_test_add_func ("/similarity-scan/zero-rows", test_zero_rows);
  g_test_add_func ("/similarity-scan/random-shapes", test_random_shapes);
  g_test_add_func ("/similarity-scan/planted", test_planted);
  g_test_add_func ("/similarity-scan/auto-and-entry-points", test_auto_and_entry_points);
  g_test_add_func ("/similarity-scan/borrowed", test_borrowed);
  g_test_add_func ("/similarity-scan/two-threads", test_two_threads);
  g_test_add_func ("/similarity-scan/random-200000x300", test_random_large);
  g_test_add_func ("/similarity-scan/lean-same-answers", test_lean_same_answers);
  for (gsize i = 0; i < G_N_ELEMENTS (lean_tests); i++)
    g_test_add_data_func (lean_tests[i].path, &lean_tests[i], run_lean);

  return g_test_run ();
}
