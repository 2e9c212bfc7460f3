/* test-evaluate.c: word-analogy and word-pair benchmarks, checked by hand
 * and against Debian's gensim
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "ws-evaluate.h"
#include "ws-similarity.h"
#include "ws-test-util.h"

/* ---- A hand-made model -------------------------------------------------- *
 *
 * Six axes: e0 male, e1 female, e2 royal, e3 young, e4 and e5 noise.
 * "Woman" is a case variant of "woman" placed last, almost the same vector,
 * so it is the nearest word to anything near woman.
 */
#define DIM 6

static const char *hand_words[] = {
  "man", "woman", "king", "queen", "boy", "girl", "prince", "Woman",
};

static const float hand_rows[][DIM] = {
  { 1, 0, 0, 0, 0, 0 },           /* man */
  { 0, 1, 0, 0, 0, 0 },           /* woman */
  { 1, 0, 1, 0, 0, 0 },           /* king */
  { 0, 1, 1, 0, 0, 0 },           /* queen */
  { 1, 0, 0, 1, 0, 0 },           /* boy */
  { 0, 1, 0, 0.9f, 0, 0 },        /* girl: nearer woman than queen is */
  { 1, 0, 1, 1, 0.2f, 0 },        /* prince */
  { 0, 1, 0, 0, 0, 0.05f },       /* Woman */
};

static WsVectors *
hand_model (void)
{
  g_autoptr(GError) error = NULL;
  WsVectors *v = ws_vectors_new_from_data (hand_words, &hand_rows[0][0],
                                           G_N_ELEMENTS (hand_words), DIM, &error);

  g_assert_no_error (error);
  return v;
}

static const char hand_analogies[] =
  ": gender\n"
  "man king woman queen\n"          /* king - man + woman = queen: right */
  "man boy woman girl\n"            /* right */
  "man king woman girl\n"           /* queen again: wrong */
  "man king woman duchess\n"        /* duchess is unknown */
  "man king woman\n"                /* three words: skipped */
  "\n"
  ": case and ties\n"
  "MAN KING WOMAN QUEEN\n"          /* upper case: known only case-insensitively */
  "man man woman girl\n"            /* the query is woman; Woman is woman again */
  "man man woman Woman\r\n";        /* CRLF: the \r is whitespace */

static const WsAnalogySection *
section (const WsAnalogyResult *r,
         guint                  i)
{
  g_assert_cmpuint (i, <, r->sections->len);
  return &g_array_index (r->sections, WsAnalogySection, i);
}

static const WsAnalogyQuestion *
question (const WsAnalogyResult *r,
          guint                  i)
{
  g_assert_cmpuint (i, <, r->questions->len);
  return &g_array_index (r->questions, WsAnalogyQuestion, i);
}

static void
test_analogies_case_insensitive (void)
{
  g_autoptr(WsVectors) v = hand_model ();
  g_autofree char *path = ws_test_write_file ("hand.txt", hand_analogies, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(WsAnalogyResult) r = NULL;
  WsEvaluateOptions opt;

  ws_evaluate_options_init (&opt);
  g_assert_cmpuint (opt.restrict_vocab, ==, 300000);
  g_assert_true (opt.case_insensitive);
  g_assert_false (opt.dummy4unknown);

  r = ws_evaluate_analogies (v, path, &opt, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (r->sections->len, ==, 3);
  g_assert_cmpstr (section (r, 0)->name, ==, "gender");
  g_assert_cmpuint (section (r, 0)->correct, ==, 2);
  g_assert_cmpuint (section (r, 0)->incorrect, ==, 1);
  g_assert_cmpuint (section (r, 0)->oov, ==, 1);
  g_assert_cmpstr (section (r, 1)->name, ==, "case and ties");
  g_assert_cmpstr (section (r, 2)->name, ==, "Total accuracy");

  /* Questions as gensim compares them: uppercased. */
  g_assert_cmpuint (r->questions->len, ==, 7);
  g_assert_cmpstr (question (r, 0)->a, ==, "MAN");
  g_assert_cmpstr (question (r, 0)->expected, ==, "QUEEN");
  g_assert_cmpstr (question (r, 0)->predicted, ==, "queen");
  g_assert_cmpuint (question (r, 0)->line, ==, 2);
  g_assert_true (question (r, 0)->correct);
  g_assert_cmpstr (question (r, 2)->predicted, ==, "queen");
  g_assert_false (question (r, 2)->correct);
  g_assert_true (question (r, 3)->oov);
  g_assert_null (question (r, 3)->predicted);

  /* MAN KING WOMAN QUEEN is the first question again. */
  g_assert_true (question (r, 4)->correct);
  /* man man woman: the query is woman itself. "Woman" is excluded only by
   * its spelling (WOMAN is an input), so gensim passes over it to girl. */
  g_assert_cmpstr (question (r, 5)->predicted, ==, "girl");
  g_assert_true (question (r, 5)->correct);
  g_assert_cmpstr (question (r, 6)->predicted, ==, "girl");
  g_assert_false (question (r, 6)->correct);
  g_assert_cmpuint (section (r, 1)->correct, ==, 2);
  g_assert_cmpuint (section (r, 1)->incorrect, ==, 1);

  g_assert_cmpuint (section (r, 2)->correct, ==, 4);
  g_assert_cmpuint (section (r, 2)->incorrect, ==, 2);
  g_assert_cmpuint (r->n_questions, ==, 7);
  g_assert_cmpuint (r->n_oov, ==, 1);
  g_assert_cmpfloat_with_epsilon (r->oov_ratio, 100.0 / 7, 1e-12);
  g_assert_cmpfloat_with_epsilon (r->accuracy, 4.0 / 6, 1e-12);

  /* The three-word line is reported with its place; the blank line is not. */
  g_assert_cmpuint (r->skipped->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (r->skipped, 0), ==, "hand.txt:6: expected 4 words, found 3");
}

static void
test_analogies_case_sensitive_and_dummy (void)
{
  g_autoptr(WsVectors) v = hand_model ();
  g_autofree char *path = ws_test_write_file ("hand.txt", hand_analogies, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(WsAnalogyResult) r = NULL;
  WsEvaluateOptions opt;

  ws_evaluate_options_init (&opt);
  opt.case_insensitive = FALSE;
  opt.dummy4unknown = TRUE;
  r = ws_evaluate_analogies (v, path, &opt, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (question (r, 0)->a, ==, "man");
  /* Upper case is unknown now, and counted wrong. */
  g_assert_true (question (r, 4)->oov);
  g_assert_false (question (r, 4)->correct);
  /* "Woman" is a word of its own now: the nearest non-input word. */
  g_assert_cmpstr (question (r, 5)->predicted, ==, "Woman");
  g_assert_false (question (r, 5)->correct);
  g_assert_true (question (r, 6)->correct);

  g_assert_cmpuint (section (r, 0)->correct, ==, 2);
  g_assert_cmpuint (section (r, 0)->incorrect, ==, 2);  /* 1 wrong + 1 unknown */
  g_assert_cmpuint (section (r, 1)->correct, ==, 1);
  g_assert_cmpuint (section (r, 1)->incorrect, ==, 2);
  g_assert_cmpuint (r->n_oov, ==, 2);
  g_assert_cmpfloat_with_epsilon (r->accuracy, 3.0 / 7, 1e-12);
}

static void
test_analogies_restrict_vocab (void)
{
  g_autoptr(WsVectors) v = hand_model ();
  g_autofree char *path = ws_test_write_file ("hand.txt", hand_analogies, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(WsAnalogyResult) r = NULL;
  WsEvaluateOptions opt;

  /* The first 5 words: girl, prince and Woman are unknown and never answers. */
  ws_evaluate_options_init (&opt);
  opt.restrict_vocab = 5;
  opt.case_insensitive = FALSE;
  r = ws_evaluate_analogies (v, path, &opt, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (question (r, 0)->correct);
  g_assert_true (question (r, 1)->oov);        /* girl */
  g_assert_true (question (r, 2)->oov);
  g_assert_true (question (r, 6)->oov);        /* Woman */
  /* man man woman girl is unknown too; the query woman would otherwise
   * find queen first among the five words left. */
  g_assert_true (question (r, 5)->oov);
  g_assert_cmpuint (r->n_oov, ==, 6);
  g_assert_cmpuint (section (r, 2)->correct, ==, 1);
  g_assert_cmpuint (section (r, 2)->incorrect, ==, 0);
}

static void
test_analogies_errors (void)
{
  g_autoptr(WsVectors) v = hand_model ();
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (ws_test_tmpdir (), "missing.txt", NULL);
  g_autofree char *no_header = ws_test_write_file ("no-header.txt",
                                                   "man king woman queen\n", -1);
  g_autofree char *bad_utf8 = ws_test_write_file ("bad-utf8.txt",
                                                  ": s\nman king woman qu\xe9\x65n\n", -1);
  g_autofree char *empty = ws_test_write_file ("empty.txt", ": only a header\n\n", -1);
  WsAnalogyResult *r;

  r = ws_evaluate_analogies (v, missing, NULL, NULL, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, WS_EVALUATE_ERROR, WS_EVALUATE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "missing.txt"));
  g_clear_error (&error);

  r = ws_evaluate_analogies (v, no_header, NULL, NULL, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, WS_EVALUATE_ERROR, WS_EVALUATE_ERROR_FORMAT);
  g_assert_true (g_str_has_prefix (error->message, "no-header.txt:1: "));
  g_assert_nonnull (strstr (error->message, "section"));
  g_clear_error (&error);

  r = ws_evaluate_analogies (v, bad_utf8, NULL, NULL, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, WS_EVALUATE_ERROR, WS_EVALUATE_ERROR_ENCODING);
  g_assert_true (g_str_has_prefix (error->message, "bad-utf8.txt:2: byte 18 "));
  g_clear_error (&error);

  r = ws_evaluate_analogies (v, empty, NULL, NULL, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, WS_EVALUATE_ERROR, WS_EVALUATE_ERROR_EMPTY);
}

static char *
write_gzip (const char *name,
            const char *text)
{
  char *path = g_build_filename (ws_test_tmpdir (), name, NULL);
  gzFile gz = gzopen (path, "wb");

  g_assert_nonnull (gz);
  g_assert_cmpint (gzwrite (gz, text, strlen (text)), ==, (int) strlen (text));
  g_assert_cmpint (gzclose (gz), ==, Z_OK);
  return path;
}

/* gensim opens benchmark files with smart_open, which reads *.gz too. */
static void
test_gzip (void)
{
  g_autoptr(WsVectors) v = hand_model ();
  g_autofree char *path = write_gzip ("hand.txt.gz", hand_analogies);
  g_autofree char *damaged = ws_test_write_file ("damaged.txt.gz", "\x1f\x8b\x08\x00garbage", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(WsAnalogyResult) r = NULL;
  WsAnalogyResult *none;

  r = ws_evaluate_analogies (v, path, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (section (r, 2)->correct, ==, 4);
  g_assert_cmpuint (section (r, 2)->incorrect, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (r->skipped, 0), ==, "hand.txt.gz:6: expected 4 words, found 3");

  none = ws_evaluate_analogies (v, damaged, NULL, NULL, NULL, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, WS_EVALUATE_ERROR, WS_EVALUATE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "damaged.txt.gz"));
}

/* A byte order mark at the start of a benchmark file (Windows editors save
 * one) is skipped, plain or gzip-compressed: the first line is still the
 * section header. A score quoted in a message is shown escaped. */
static void
test_bom_and_quoting (void)
{
  g_autoptr(WsVectors) v = hand_model ();
  g_autofree char *text = g_strconcat ("\xEF\xBB\xBF", hand_analogies, NULL);
  g_autofree char *path = ws_test_write_file ("bom.txt", text, -1);
  g_autofree char *gz = write_gzip ("bom.txt.gz", text);
  g_autofree char *pairs = ws_test_write_file ("bom.tsv",
                                               "\xEF\xBB\xBFking\tqueen\t8\nman\twoman\t\x1b[2J\n", -1);
  const char *paths[] = { path, gz };
  g_autoptr(GError) error = NULL;
  g_autoptr(WsPairsResult) pr = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(WsAnalogyResult) r = ws_evaluate_analogies (v, paths[i], NULL, NULL, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (section (r, 0)->name, ==, "gender");
      g_assert_cmpuint (section (r, 2)->correct, ==, 4);
    }
  pr = ws_evaluate_pairs (v, pairs, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pr->skipped->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (pr->skipped, 0), ==,
                   "bom.tsv:2: the score “\\x1B[2J” is not a number");
}

typedef struct
{
  gsize calls;
  gsize last_done;
  gsize total;
  GCancellable *cancel_after_first;
} ProgressLog;

static void
on_progress (gsize    done,
             gsize    total,
             gpointer user_data)
{
  ProgressLog *log = user_data;

  g_assert_cmpuint (done, >, log->last_done);
  g_assert_cmpuint (done, <=, total);
  log->calls++;
  log->last_done = done;
  log->total = total;
  if (log->cancel_after_first != NULL)
    g_cancellable_cancel (log->cancel_after_first);
}

/* A random model of @n words and random questions over it: enough
 * questions for several batches. */
static WsVectors *
random_model (gsize   n,
              gsize   dim,
              guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autofree float *m = g_new (float, n * dim);
  g_autoptr(GError) error = NULL;
  WsVectors *v;

  for (gsize i = 0; i < n; i++)
    g_ptr_array_add (words, g_strdup_printf ("w%zu", i));
  for (gsize i = 0; i < n * dim; i++)
    m[i] = (float) g_rand_double_range (rand, -1, 1);
  v = ws_vectors_new_from_data ((const char * const *) words->pdata, m, n, dim, &error);
  g_assert_no_error (error);
  return v;
}

static char *
random_questions (const char *name,
                  gsize       n_words,
                  gsize       n_questions,
                  guint32     seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GString) s = g_string_new (": random\n");

  for (gsize q = 0; q < n_questions; q++)
    {
      for (int k = 0; k < 4; k++)
        g_string_append_printf (s, "W%u%c", g_rand_int_range (rand, 0, n_words),
                                k == 3 ? '\n' : ' ');
    }
  return ws_test_write_file (name, s->str, s->len);
}

static void
test_analogies_progress_and_cancel (void)
{
  g_autoptr(WsVectors) v = random_model (500, 8, 7);
  g_autofree char *path = random_questions ("random.txt", 500, 1000, 8);
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(WsAnalogyResult) r = NULL;
  ProgressLog log = { 0 };

  r = ws_evaluate_analogies (v, path, NULL, on_progress, &log, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->n_questions, ==, 1000);
  g_assert_cmpuint (log.calls, >=, 2);
  g_assert_cmpuint (log.last_done, ==, 1000);
  g_assert_cmpuint (log.total, ==, 1000);
  g_clear_pointer (&r, ws_analogy_result_free);

  log = (ProgressLog) { 0, 0, 0, cancellable };
  r = ws_evaluate_analogies (v, path, NULL, on_progress, &log, cancellable, &error);
  g_assert_null (r);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (log.calls, ==, 1);
}

/* The batched search must give the answer of the one-question query API,
 * ws_most_similar (positive=[b, c], negative=[a]): with no case variants in
 * the model, gensim's answer is its first result. */
static void
test_analogies_batch_equals_most_similar (void)
{
  const gsize n = 700, dim = 12;
  g_autoptr(WsVectors) v = random_model (n, dim, 11);
  g_autofree char *path = random_questions ("random2.txt", n, 600, 12);
  g_autoptr(GError) error = NULL;
  g_autoptr(WsAnalogyResult) r = NULL;
  gsize agree = 0;

  r = ws_evaluate_analogies (v, path, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->questions->len, ==, 600);
  for (guint k = 0; k < r->questions->len; k++)
    {
      const WsAnalogyQuestion *q = question (r, k);
      g_autofree char *a = g_ascii_strdown (q->a, -1);
      g_autofree char *b = g_ascii_strdown (q->b, -1);
      g_autofree char *c = g_ascii_strdown (q->c, -1);
      WsTerm terms[3] = { { b, NULL, 1.0f }, { c, NULL, 1.0f }, { a, NULL, -1.0f } };
      g_autoptr(GArray) best = ws_most_similar (v, terms, 3, 5, 300000, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (best->len, ==, 5);
      g_assert_nonnull (q->predicted);
      if (g_strcmp0 (q->predicted, ws_vectors_get_word (v, g_array_index (best, WsScored, 0).row)) == 0)
        agree++;
      else
        g_test_message ("question %u: ours %s, ws_most_similar %s", k, q->predicted,
                        ws_vectors_get_word (v, g_array_index (best, WsScored, 0).row));
    }
  g_assert_cmpuint (agree, ==, r->questions->len);
}

static void
on_ready (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_analogies_async (void)
{
  g_autoptr(WsVectors) v = hand_model ();
  g_autofree char *path = ws_test_write_file ("hand.txt", hand_analogies, -1);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(WsAnalogyResult) r = NULL;
  g_autoptr(GError) error = NULL;
  GMainContext *context = g_main_context_default ();

  ws_evaluate_analogies_async (v, path, NULL, NULL, NULL, NULL, NULL,
                               on_ready, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  r = ws_evaluate_analogies_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (section (r, 2)->correct, ==, 4);
}

/* ---- Statistics: figures from scipy 1.10 -------------------------------- */

static void
test_correlations (void)
{
  const double x1[] = { 1, 2, 3, 4, 5, 6, 7, 8 };
  const double y1[] = { 2.5, 1, 4, 3, 5, 5, 9, 7.5 };
  const double x2[] = { 3.2, 1.1, 4.8, 2.0, 5.5, 0.3, 2.0, 7.7, 6.1, 2.0 };
  const double y2[] = { 0.1, 0.5, 0.2, 0.4, 0.9, -0.3, 0.4, 0.8, 0.7, 0.0 };
  const double flat[] = { 2, 2, 2, 2 };
  double x3[40], y3[40], p;

  g_assert_cmpfloat_with_epsilon (ws_correlation_pearson (x1, y1, 8, &p), 0.8874111008529624, 1e-12);
  g_assert_cmpfloat_with_epsilon (p, 0.0032735106207750415, 1e-12);
  g_assert_cmpfloat_with_epsilon (ws_correlation_spearman (x1, y1, 8, &p), 0.9221722216732094, 1e-12);
  g_assert_cmpfloat_with_epsilon (p, 0.0011108173578061712, 1e-12);

  /* Ties in both, one negative value. */
  g_assert_cmpfloat_with_epsilon (ws_correlation_pearson (x2, y2, 10, &p), 0.7142703022261957, 1e-12);
  g_assert_cmpfloat_with_epsilon (p, 0.020304055337416412, 1e-12);
  g_assert_cmpfloat_with_epsilon (ws_correlation_spearman (x2, y2, 10, &p), 0.646181376361069, 1e-12);
  g_assert_cmpfloat_with_epsilon (p, 0.04352816018661833, 1e-12);

  /* Small p-values keep their relative precision. */
  for (int i = 0; i < 40; i++)
    {
      x3[i] = 0.1 * i;
      y3[i] = (i % 7) * 0.3 + 0.05 * i;
    }
  g_assert_cmpfloat_with_epsilon (ws_correlation_pearson (x3, y3, 40, &p), 0.724372904974123, 1e-12);
  g_assert_cmpfloat_with_epsilon (p / 1.2646839896531917e-07, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (ws_correlation_spearman (x3, y3, 40, &p), 0.7463922318844773, 1e-12);
  g_assert_cmpfloat_with_epsilon (p / 3.2191977045233204e-08, 1.0, 1e-9);

  /* A constant input has no correlation: NaN, as scipy says. */
  g_assert_true (isnan (ws_correlation_pearson (flat, x1, 4, &p)));
  g_assert_true (isnan (p));
  g_assert_true (isnan (ws_correlation_spearman (x1, flat, 4, &p)));
}

/* ---- Word pairs on the hand-made model ---------------------------------- */

static const char hand_pairs[] =
  "# Word 1\tWord 2\tHuman (mean)\n"
  "king\tqueen\t8.5\n"
  "man\twoman\t8.3\r\n"
  "boy\tKING\t2.1\n"
  "king\tduchess\t7.0\n"          /* unknown */
  "girl\tprince\t 3.0 \n"         /* spaces around the score are fine */
  "girl\tqueen\tseven\n"           /* not a number: skipped */
  "boy girl 5.5\n"                 /* spaces, not tabs: skipped */
  "\n";

static double
cosine (gsize i,
        gsize j)
{
  double dot = 0, ni = 0, nj = 0;

  for (int k = 0; k < DIM; k++)
    {
      dot += hand_rows[i][k] * hand_rows[j][k];
      ni += hand_rows[i][k] * hand_rows[i][k];
      nj += hand_rows[j][k] * hand_rows[j][k];
    }
  return dot / sqrt (ni * nj);
}

static void
test_pairs (void)
{
  g_autoptr(WsVectors) v = hand_model ();
  g_autofree char *path = ws_test_write_file ("pairs.tsv", hand_pairs, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(WsPairsResult) r = NULL;
  const double gold[] = { 8.5, 8.3, 2.1, 3.0 };
  double model[4], p;
  WsEvaluateOptions opt;
  const WsWordPair *pair;

  model[0] = cosine (2, 3);
  model[1] = cosine (0, 1);
  model[2] = cosine (4, 2);
  model[3] = cosine (5, 6);

  r = ws_evaluate_pairs (v, path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->pairs->len, ==, 5);
  pair = &g_array_index (r->pairs, WsWordPair, 0);
  g_assert_cmpstr (pair->word1, ==, "KING");
  g_assert_cmpuint (pair->line, ==, 2);
  g_assert_cmpfloat_with_epsilon (pair->similarity, 0.5, 1e-6);
  pair = &g_array_index (r->pairs, WsWordPair, 3);
  g_assert_true (pair->oov);
  g_assert_true (isnan (pair->similarity));
  g_assert_cmpuint (r->n_used, ==, 4);
  g_assert_cmpuint (r->n_oov, ==, 1);
  g_assert_cmpfloat_with_epsilon (r->oov_ratio, 20.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (r->pearson, ws_correlation_pearson (gold, model, 4, &p), 1e-6);
  g_assert_cmpfloat_with_epsilon (r->pearson_p, p, 1e-6);
  g_assert_cmpfloat_with_epsilon (r->spearman, ws_correlation_spearman (gold, model, 4, &p), 1e-12);
  g_assert_cmpuint (r->skipped->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (r->skipped, 0), ==, "pairs.tsv:7: the score “seven” is not a number");
  g_assert_cmpstr (g_ptr_array_index (r->skipped, 1), ==,
                   "pairs.tsv:8: expected 3 tab-separated fields (word, word, score), found 1");
  g_clear_pointer (&r, ws_pairs_result_free);

  /* dummy4unknown: the unknown pair scores 0, and the ratio is over the
   * pairs used, as gensim computes it. */
  ws_evaluate_options_init (&opt);
  opt.dummy4unknown = TRUE;
  r = ws_evaluate_pairs (v, path, &opt, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->n_used, ==, 5);
  g_assert_cmpfloat_with_epsilon (r->oov_ratio, 20.0, 1e-12);
  g_assert_cmpfloat (g_array_index (r->pairs, WsWordPair, 3).similarity, ==, 0.0);
  g_clear_pointer (&r, ws_pairs_result_free);

  /* Case-sensitive: KING is unknown. */
  ws_evaluate_options_init (&opt);
  opt.case_insensitive = FALSE;
  r = ws_evaluate_pairs (v, path, &opt, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->n_used, ==, 3);
  g_assert_cmpfloat_with_epsilon (r->oov_ratio, 40.0, 1e-12);
  g_clear_pointer (&r, ws_pairs_result_free);

  /* restrict_vocab 2: only man and woman are known. */
  ws_evaluate_options_init (&opt);
  opt.restrict_vocab = 2;
  r = ws_evaluate_pairs (v, path, &opt, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->n_used, ==, 1);
  g_assert_true (isnan (r->pearson));
}

static void
test_pairs_errors (void)
{
  g_autoptr(WsVectors) v = hand_model ();
  g_autofree char *unknown = ws_test_write_file ("unknown.tsv", "cat\tdog\t7\n", -1);
  g_autofree char *nothing = ws_test_write_file ("nothing.tsv", "# just a comment\n", -1);
  g_autofree char *bad = ws_test_write_file ("bad.tsv", "# ok\nking\t\xff\t3\n", -1);
  g_autoptr(GError) error = NULL;
  WsPairsResult *r;

  r = ws_evaluate_pairs (v, unknown, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, WS_EVALUATE_ERROR, WS_EVALUATE_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "none of the word pairs"));
  g_clear_error (&error);

  r = ws_evaluate_pairs (v, nothing, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, WS_EVALUATE_ERROR, WS_EVALUATE_ERROR_EMPTY);
  g_clear_error (&error);

  r = ws_evaluate_pairs (v, bad, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, WS_EVALUATE_ERROR, WS_EVALUATE_ERROR_ENCODING);
  g_assert_true (g_str_has_prefix (error->message, "bad.tsv:2: byte 6 "));
}

/* ---- Parity with Debian's gensim ---------------------------------------- */

static const char *
python (void)
{
  const char *py = g_getenv ("WS_PYTHON");

  return py != NULL && *py != '\0' ? py : "/usr/bin/python3";
}

/* Runs the oracle; NULL (test skipped) when gensim cannot be run. */
static char *
run_oracle (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "parity", "gensim_evaluate.py", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_file_test (python (), G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("no Python for the gensim oracle");
      return NULL;
    }
  g_ptr_array_add (argv, (gpointer) python ());
  g_ptr_array_add (argv, script);
  for (; *args != NULL; args++)
    g_ptr_array_add (argv, (gpointer) *args);
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      if (err != NULL && strstr (err, "No module named") != NULL)
        {
          g_test_skip ("gensim is not installed");
          return NULL;
        }
      g_error ("gensim oracle failed: %s%s", error != NULL ? error->message : "", err);
    }
  return g_steal_pointer (&out);
}

static char *
line_value (const char *out,
            const char *key)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  gsize klen = strlen (key);

  for (char **l = lines; *l != NULL; l++)
    {
      if (strncmp (*l, key, klen) == 0 && (*l)[klen] == ' ')
        return g_strdup (*l + klen + 1);
    }
  return NULL;
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Our answers and gensim's, section by section and question by question. */
static void
check_analogies (WsVectors               *v,
                 const char              *bench,
                 const WsEvaluateOptions *opt,
                 const char * const      *oracle_args,
                 const char              *label)
{
  g_autofree char *out = run_oracle (oracle_args);
  g_autoptr(GError) error = NULL;
  g_autoptr(WsAnalogyResult) r = NULL;
  g_autoptr(GPtrArray) ours = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) theirs = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = NULL;
  g_autofree char *score = NULL;
  guint section_i = 0, mismatches = 0;

  if (out == NULL)
    return;
  r = ws_evaluate_analogies (v, bench, opt, NULL, NULL, NULL, &error);
  if (g_str_has_prefix (out, "error "))
    {
      g_test_message ("%s: gensim: %s", label, out);
      g_assert_nonnull (error);
      return;
    }
  g_assert_no_error (error);

  lines = g_strsplit (out, "\n", -1);
  for (char **l = lines; *l != NULL; l++)
    {
      if (g_str_has_prefix (*l, "section "))
        {
          guint64 correct = 0, incorrect = 0;
          char *name = NULL;
          const WsAnalogySection *s = section (r, section_i++);

          correct = g_ascii_strtoull (*l + 8, &name, 10);
          incorrect = g_ascii_strtoull (name + 1, &name, 10);
          g_assert_cmpstr (s->name, ==, name + 1);
          if (s->correct != correct || s->incorrect != incorrect)
            g_test_message ("%s: section %s: gensim %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
                            ", ours %zu/%zu", label, s->name, correct, correct + incorrect,
                            s->correct, s->correct + s->incorrect);
          g_assert_cmpuint (s->correct, ==, correct);
          g_assert_cmpuint (s->incorrect, ==, incorrect);
        }
      else if (g_str_has_prefix (*l, "question "))
        g_ptr_array_add (theirs, g_strdup (*l));
    }
  g_assert_cmpuint (section_i, ==, r->sections->len);

  for (guint i = 0; i + 1 < r->sections->len; i++)
    {
      const WsAnalogySection *s = section (r, i);

      for (gsize k = s->first; k < s->first + s->n_questions; k++)
        {
          const WsAnalogyQuestion *q = question (r, k);

          if (q->oov && !opt->dummy4unknown)
            continue;
          g_ptr_array_add (ours, g_strdup_printf ("question %u %d %s %s %s %s", i, q->correct,
                                                  q->a, q->b, q->c, q->expected));
        }
    }
  g_ptr_array_sort (ours, compare_strings);
  g_ptr_array_sort (theirs, compare_strings);
  for (guint i = 0; i < MIN (ours->len, theirs->len); i++)
    if (strcmp (ours->pdata[i], theirs->pdata[i]) != 0 && mismatches++ < 5)
      g_test_message ("%s: ours “%s”, gensim “%s”", label,
                      (char *) ours->pdata[i], (char *) theirs->pdata[i]);
  g_assert_cmpuint (mismatches, ==, 0);
  g_assert_cmpuint (ours->len, ==, theirs->len);

  score = line_value (out, "score");
  g_assert_cmpfloat_with_epsilon (100.0 * r->accuracy, 100.0 * g_ascii_strtod (score, NULL), 0.1);
  g_assert_cmpfloat_with_epsilon (r->accuracy, g_ascii_strtod (score, NULL), 1e-12);
  g_test_message ("%s: %zu/%zu correct (%.2f%%), %zu unknown, %zu re-scored, gensim %s",
                  label, section (r, r->sections->len - 1)->correct,
                  section (r, r->sections->len - 1)->correct +
                  section (r, r->sections->len - 1)->incorrect,
                  100.0 * r->accuracy, r->n_oov, r->n_rescored, score);
}

static void
check_pairs (WsVectors               *v,
             const char              *bench,
             const WsEvaluateOptions *opt,
             const char * const      *oracle_args,
             const char              *label)
{
  g_autofree char *out = run_oracle (oracle_args);
  g_autoptr(GError) error = NULL;
  g_autoptr(WsPairsResult) r = NULL;
  g_autofree char *pearson = NULL, *spearman = NULL, *oov = NULL;
  char *rest;

  if (out == NULL)
    return;
  r = ws_evaluate_pairs (v, bench, opt, NULL, &error);
  if (g_str_has_prefix (out, "error "))
    {
      g_test_message ("%s: gensim: %s", label, out);
      g_assert_error (error, WS_EVALUATE_ERROR, WS_EVALUATE_ERROR_EMPTY);
      return;
    }
  g_assert_no_error (error);
  pearson = line_value (out, "pearson");
  spearman = line_value (out, "spearman");
  oov = line_value (out, "oov_ratio");
  g_assert_nonnull (pearson);
  g_assert_nonnull (spearman);
  g_assert_nonnull (oov);

  g_test_message ("%s: pearson %.6f (gensim %s), spearman %.6f p %.6g (gensim %s), oov %.4f%% (gensim %s); "
                  "|diff| r %.1e rho %.1e",
                  label, r->pearson, pearson, r->spearman, r->spearman_p, spearman,
                  r->oov_ratio, oov, fabs (r->pearson - g_ascii_strtod (pearson, NULL)),
                  fabs (r->spearman - g_ascii_strtod (spearman, NULL)));
  g_assert_cmpfloat_with_epsilon (r->pearson, g_ascii_strtod (pearson, &rest), 1e-4);
  g_assert_cmpfloat_with_epsilon (r->pearson_p, g_ascii_strtod (rest, NULL), 1e-4);
  g_assert_cmpfloat_with_epsilon (r->spearman, g_ascii_strtod (spearman, &rest), 1e-4);
  g_assert_cmpfloat_with_epsilon (r->spearman_p, g_ascii_strtod (rest, NULL), 1e-4);
  g_assert_cmpfloat_with_epsilon (r->oov_ratio, g_ascii_strtod (oov, NULL), 1e-9);
}

/* Writes @v as word2vec text with every float32 exactly (9 digits). */
static char *
write_word2vec_text (WsVectors  *v,
                     const char *name)
{
  g_autoptr(GString) s = g_string_new (NULL);
  gsize n = ws_vectors_get_n_words (v), d = ws_vectors_get_dim (v);

  g_string_append_printf (s, "%zu %zu\n", n, d);
  for (gsize i = 0; i < n; i++)
    {
      const float *row = ws_vectors_get_row (v, i);

      g_string_append (s, ws_vectors_get_word (v, i));
      for (gsize j = 0; j < d; j++)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          g_string_append_c (s, ' ');
          g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.9g", row[j]));
        }
      g_string_append_c (s, '\n');
    }
  return ws_test_write_file (name, s->str, s->len);
}

/* A model over questions-words.txt's own vocabulary in which each section
 * is a noisy offset, so that many answers are right and many wrong; case
 * variants and fillers make restrict_vocab and case-folding matter. */
static WsVectors *
analogy_shaped_model (const char *questions_path,
                      gsize       dim)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);
  g_autofree char *contents = NULL;
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (float));
  g_autoptr(GHashTable) anchored = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  float offset[512];
  WsVectors *v;

  g_assert_cmpuint (dim, <=, G_N_ELEMENTS (offset));
  g_assert_true (g_file_get_contents (questions_path, &contents, NULL, &error));
  lines = g_strsplit (contents, "\n", -1);

  /* Every word, in order of first appearance, shuffled a little; one in
   * seven also appears later in lower case, one in five in upper case. */
  for (char **l = lines; *l != NULL; l++)
    {
      g_auto(GStrv) w = NULL;

      if (**l == ':' || **l == '\0')
        continue;
      w = g_strsplit (*l, " ", -1);
      for (char **x = w; *x != NULL; x++)
        if (g_hash_table_lookup (index, *x) == NULL)
          {
            char *word = g_strdup (*x);

            g_ptr_array_add (words, word);
            g_hash_table_insert (index, word, GUINT_TO_POINTER (words->len));
          }
    }
  for (guint i = words->len - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (rand, MAX ((gint) i - 40, 0), i + 1);
      gpointer t = words->pdata[i];

      words->pdata[i] = words->pdata[j];
      words->pdata[j] = t;
    }
  {
    guint n = words->len;

    for (guint i = 0; i < n; i++)
      {
        const char *w = words->pdata[i];

        if (i % 7 == 3)
          g_ptr_array_add (words, g_ascii_strdown (w, -1));
        if (i % 11 == 5)
          {
            /* An upper-case variant ahead of the word: it stands for the
             * word when case is ignored. */
            g_ptr_array_add (words, words->pdata[i]);
            words->pdata[i] = g_ascii_strup (w, -1);
          }
        if (i % 5 == 1)
          g_ptr_array_add (words, g_ascii_strup (w, -1));
      }
    for (guint i = 0; i < 1500; i++)
      g_ptr_array_add (words, g_strdup_printf ("filler%u", i));
  }
  g_hash_table_remove_all (index);
  for (guint i = 0; i < words->len; i++)
    if (g_hash_table_lookup (index, words->pdata[i]) == NULL)
      g_hash_table_insert (index, words->pdata[i], GUINT_TO_POINTER (i + 1));

  g_array_set_size (rows, words->len * dim);
  for (guint i = 0; i < rows->len; i++)
    g_array_index (rows, float, i) = (float) (g_rand_double (rand) * 2 - 1);

  /* d = c + (b - a) with noise: set the second word of each pair from the
   * first, the first time the second word is met. */
  for (char **l = lines; *l != NULL; l++)
    {
      g_auto(GStrv) w = NULL;

      if (**l == ':')
        {
          for (gsize j = 0; j < dim; j++)
            offset[j] = (float) (g_rand_double (rand) * 2 - 1);
          continue;
        }
      w = g_strsplit (*l, " ", -1);
      if (g_strv_length (w) != 4)
        continue;
      for (int pair = 0; pair < 2; pair++)
        {
          const char *from = w[pair * 2], *to = w[pair * 2 + 1];
          guint fi = GPOINTER_TO_UINT (g_hash_table_lookup (index, from)) - 1;
          guint ti = GPOINTER_TO_UINT (g_hash_table_lookup (index, to)) - 1;

          if (g_hash_table_contains (anchored, to))
            continue;
          g_hash_table_add (anchored, (gpointer) words->pdata[ti]);
          for (gsize j = 0; j < dim; j++)
            g_array_index (rows, float, ti * dim + j) =
              g_array_index (rows, float, fi * dim + j) + offset[j] +
              (float) ((g_rand_double (rand) * 2 - 1) * 1.4);
        }
    }

  v = ws_vectors_new_from_data ((const char * const *) words->pdata,
                                (const float *) (void *) rows->data, words->len, dim, &error);
  g_assert_no_error (error);
  return v;
}

static void
test_parity_synthetic (void)
{
  g_autofree char *questions = ws_test_data_path ("questions-words.txt");
  g_autoptr(WsVectors) v = NULL;
  g_autofree char *model = NULL;
  WsEvaluateOptions opt;

  if (questions == NULL)
    return;
  v = analogy_shaped_model (questions, 32);
  model = write_word2vec_text (v, "analogy-shaped.txt");
  g_test_message ("synthetic model: %zu words x %zu", ws_vectors_get_n_words (v),
                  ws_vectors_get_dim (v));

  ws_evaluate_options_init (&opt);
  check_analogies (v, questions, &opt,
                   (const char *[]) { "analogies", model, questions, NULL },
                   "synthetic, defaults");

  /* The other three options at once: each changes the counts. */
  opt.case_insensitive = FALSE;
  opt.restrict_vocab = 800;
  opt.dummy4unknown = TRUE;
  check_analogies (v, questions, &opt,
                   (const char *[]) { "analogies", model, questions, "--case-sensitive",
                                      "--restrict-vocab", "800", "--dummy4unknown", NULL },
                   "synthetic, case-sensitive, restrict 800, dummy4unknown");

  /* Word pairs over the same model: the question words cover a part of
   * WordSim353 and SimLex-999. */
  for (guint b = 0; b < 2; b++)
    {
      g_autofree char *bench = ws_test_data_path (b == 0 ? "wordsim353.tsv" : "simlex999.txt");
      const char *name = b == 0 ? "wordsim353.tsv" : "simlex999.txt";
      g_autofree char *l1 = g_strdup_printf ("%s on the synthetic model", name);
      g_autofree char *l2 = g_strdup_printf ("%s, synthetic, case-sensitive, dummy4unknown", name);
      g_autofree char *l3 = g_strdup_printf ("%s, synthetic, restrict 1000", name);

      ws_evaluate_options_init (&opt);
      check_pairs (v, bench, &opt, (const char *[]) { "pairs", model, bench, NULL }, l1);
      opt.case_insensitive = FALSE;
      opt.dummy4unknown = TRUE;
      check_pairs (v, bench, &opt,
                   (const char *[]) { "pairs", model, bench, "--case-sensitive", "--dummy4unknown", NULL },
                   l2);
      ws_evaluate_options_init (&opt);
      opt.restrict_vocab = 1000;
      check_pairs (v, bench, &opt,
                   (const char *[]) { "pairs", model, bench, "--restrict-vocab", "1000", NULL }, l3);
    }
}

/* The shared vector files need the loader; gensim reads them itself. */
typedef struct
{
  const char *name;
  const char *oracle_flags[3];
} SharedModel;

static const SharedModel shared_models[] = {
  { "lee_fasttext.vec", { NULL } },
  { "pang_lee_polarity_fasttext.vec", { "--unicode-errors", "replace", NULL } },
  { "test_glove.txt", { "--no-header", NULL } },
  { "word2vec_pre_kv_c", { NULL } },
  { "euclidean_vectors.bin", { "--binary", NULL } },
};

static void
test_parity_shared (void)
{
  guint loaded = 0;

  for (guint m = 0; m < G_N_ELEMENTS (shared_models); m++)
    {
      const SharedModel *sm = &shared_models[m];
      g_autofree char *model = ws_test_data_path (sm->name);
      g_autoptr(WsVectors) v = NULL;
      g_autoptr(GError) error = NULL;
      WsLoadOptions load;
      WsEvaluateOptions opt;
      const char *benches[] = { "questions-words.txt", "wordsim353.tsv", "simlex999.txt" };

      if (model == NULL)
        return;
      ws_load_options_init (&load);
      load.utf8_policy = WS_UTF8_REPLACE;
      v = ws_vectors_load (model, &load, NULL, NULL, NULL, &error);
      if (v == NULL)
        {
          g_test_message ("the loader cannot read %s: %s", sm->name, error->message);
          continue;
        }
      loaded++;

      for (guint b = 0; b < G_N_ELEMENTS (benches); b++)
        {
          g_autofree char *bench = ws_test_data_path (benches[b]);
          g_autofree char *label = g_strdup_printf ("%s on %s", benches[b], sm->name);
          const char *args[8] = { b == 0 ? "analogies" : "pairs", model, bench };
          guint k = 3;

          for (guint f = 0; sm->oracle_flags[f] != NULL; f++)
            args[k++] = sm->oracle_flags[f];
          args[k] = NULL;

          ws_evaluate_options_init (&opt);
          if (b == 0)
            check_analogies (v, bench, &opt, args, label);
          else
            check_pairs (v, bench, &opt, args, label);
        }
    }
  if (loaded == 0)
    g_test_skip ("the loader reads none of the shared vector files yet");
}

/* The bundled model: word pairs only, as gensim takes half a minute over
 * the analogies (tests/bench/bench-evaluate --model covers those). */
static void
test_parity_bundled (void)
{
  g_autofree char *model = g_build_filename (WS_SOURCE_DATADIR, "wordspace-en.bin", NULL);
  g_autoptr(WsVectors) v = NULL;
  g_autoptr(GError) error = NULL;
  WsEvaluateOptions opt;

  if (!g_file_test (model, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the bundled model is absent");
      return;
    }
  v = ws_vectors_load (model, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  ws_evaluate_options_init (&opt);
  for (guint b = 0; b < 2; b++)
    {
      const char *name = b == 0 ? "wordsim353.tsv" : "simlex999.txt";
      g_autofree char *bench = ws_test_data_path (name);
      g_autofree char *label = g_strdup_printf ("%s on the bundled model", name);

      if (bench == NULL)
        return;
      check_pairs (v, bench, &opt, (const char *[]) { "pairs", model, bench, "--binary", NULL }, label);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/evaluate/analogies/case-insensitive", test_analogies_case_insensitive);
  g_test_add_func ("/evaluate/analogies/case-sensitive-dummy", test_analogies_case_sensitive_and_dummy);
  g_test_add_func ("/evaluate/analogies/restrict-vocab", test_analogies_restrict_vocab);
  g_test_add_func ("/evaluate/analogies/errors", test_analogies_errors);
  g_test_add_func ("/evaluate/analogies/gzip", test_gzip);
  g_test_add_func ("/evaluate/bom-and-quoting", test_bom_and_quoting);
  g_test_add_func ("/evaluate/analogies/progress-cancel", test_analogies_progress_and_cancel);
  g_test_add_func ("/evaluate/analogies/batch-equals-most-similar", test_analogies_batch_equals_most_similar);
  g_test_add_func ("/evaluate/analogies/async", test_analogies_async);
  g_test_add_func ("/evaluate/correlations", test_correlations);
  g_test_add_func ("/evaluate/pairs/hand", test_pairs);
  g_test_add_func ("/evaluate/pairs/errors", test_pairs_errors);
  g_test_add_func ("/evaluate/parity/synthetic", test_parity_synthetic);
  g_test_add_func ("/evaluate/parity/shared", test_parity_shared);
  g_test_add_func ("/evaluate/parity/bundled", test_parity_bundled);

  return g_test_run ();
}
