/* test-parity.c: the engine's answers against gensim's, file by file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/parity/gensim_oracle.py loads every vector file of the shared test
 * data, and three files this test writes, with Debian's gensim 4.2 and prints
 * its answers to a seeded list of queries, with the model's words and
 * vectors. Each file is then checked twice:
 *
 *   /parity/FILE/memory  the queries on gensim's own words and vectors, put
 *                        in a WsVectors with ws_vectors_new_from_data;
 *   /parity/FILE/loaded  the file read with ws_vectors_load: same words, same
 *                        vectors, then the same queries.
 *
 * Same words in the same order, scores within 1e-5. Two results whose gensim
 * scores are within 1e-6 may come out in either order (gensim's sort is not
 * stable and rounds differently): such swaps are allowed and reported.
 * Skipped (a TAP plan of no tests) when the test data, Python or gensim is
 * missing.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "ws-similarity.h"
#include "ws-test-util.h"

#define SCORE_TOLERANCE 1e-5
#define TIE_TOLERANCE 1e-6

static JsonParser *oracle;

/* A TAP plan of no tests, skipped, and exit status 0: meson's TAP reader
 * counts that as skipped, but any other status, 77 included, as an error. */
static void
skip_all (const char *why)
{
  printf ("1..0 # SKIP %s\n", why);
  exit (0);
}

static double
tolerance (double base,
           double expected)
{
  return base * MAX (1.0, fabs (expected));
}

static double
json_score (JsonNode *node)
{
  return JSON_NODE_HOLDS_NULL (node) ? NAN : json_node_get_double (node);
}

static gboolean
same_score (double got,
            double want,
            double base)
{
  if (isnan (want) || isnan (got))
    return isnan (want) && isnan (got);
  return fabs (got - want) <= tolerance (base, want);
}

static char *
describe (JsonObject *query)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) copy = json_object_new ();
  GList *members = json_object_get_members (query);

  /* Everything but the answer and the raw vectors, which are long. */
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (strcmp (name, "result") != 0)
        json_object_set_member (copy, name, json_node_copy (json_object_get_member (query, name)));
    }
  g_list_free (members);
  json_node_set_object (node, copy);
  return json_to_string (node, FALSE);
}

/* Compares a ranked answer with gensim's; returns how many tie swaps were
 * allowed, or -1 after failing the test. */
static int
compare_ranked (WsVectors  *v,
                GArray     *got,
                JsonArray  *want,
                const char *label)
{
  guint n = json_array_get_length (want);
  int swaps = 0;

  if (got->len != n)
    {
      g_test_fail_printf ("%s: %u results, gensim gives %u", label, got->len, n);
      return -1;
    }
  for (guint i = 0; i < n; i++)
    {
      JsonArray *item = json_array_get_array_element (want, i);
      const char *want_word = json_array_get_string_element (item, 0);
      double want_score = json_score (json_array_get_element (item, 1));
      const WsScored *s = &g_array_index (got, WsScored, i);
      const char *word = ws_vectors_get_word (v, s->row);
      gboolean found = FALSE;

      if (strcmp (word, want_word) == 0)
        {
          if (!same_score (s->score, want_score, SCORE_TOLERANCE))
            {
              g_test_fail_printf ("%s: result %u, “%s”, scores %.9g; gensim %.9g",
                                  label, i + 1, word, s->score, want_score);
              return -1;
            }
          continue;
        }

      /* Another word here: allowed only when gensim scores it (or would
       * score it, past the end of its list) the same as its word here. */
      for (guint j = 0; j < n && !found; j++)
        {
          JsonArray *other = json_array_get_array_element (want, j);

          if (strcmp (json_array_get_string_element (other, 0), word) == 0)
            {
              double other_score = json_score (json_array_get_element (other, 1));

              found = TRUE;
              if (!same_score (other_score, want_score, TIE_TOLERANCE) ||
                  !same_score (s->score, other_score, SCORE_TOLERANCE))
                {
                  g_test_fail_printf ("%s: result %u is “%s” (%.9g), gensim has “%s” (%.9g) "
                                      "there and “%s” at %u (%.9g)",
                                      label, i + 1, word, s->score, want_word, want_score,
                                      word, j + 1, other_score);
                  return -1;
                }
            }
        }
      if (!found && !same_score (s->score, want_score, TIE_TOLERANCE))
        {
          g_test_fail_printf ("%s: result %u is “%s” (%.9g), gensim has “%s” (%.9g)",
                              label, i + 1, word, s->score, want_word, want_score);
          return -1;
        }
      g_test_message ("%s: tie at %u: “%s” here, “%s” in gensim (%.9g)",
                      label, i + 1, word, want_word, want_score);
      swaps++;
    }
  return swaps;
}

static char **
strv_from_json (JsonArray *array)
{
  guint n = json_array_get_length (array);
  char **strv = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    strv[i] = g_strdup (json_array_get_string_element (array, i));
  return strv;
}

/* The oracle's "error": gensim raises KeyError for an unknown word; a word
 * with a zero vector makes it score every row NaN, which Wordspace refuses. */
static gboolean
expect_unknown_word (JsonObject   *q,
                     gboolean      answered,
                     const GError *error,
                     const char   *label)
{
  const char *expected = json_object_get_string_member_with_default (q, "error", NULL);
  int code;

  if (expected == NULL)
    {
      if (!answered)
        g_test_fail_printf ("%s: %s", label, error->message);
      return answered;
    }
  code = strcmp (expected, "zero-vector") == 0 ? WS_QUERY_ERROR_INVALID
                                                : WS_QUERY_ERROR_UNKNOWN_WORD;
  if (answered)
    g_test_fail_printf ("%s: answered; expected the error %s", label, expected);
  else if (!g_error_matches (error, WS_QUERY_ERROR, code))
    g_test_fail_printf ("%s: fails with “%s”, not as %s", label, error->message, expected);
  return FALSE;
}

typedef struct
{
  guint queries;
  guint swaps;
} Tally;

static void
run_query (WsVectors  *v,
           JsonObject *q,
           Tally      *tally)
{
  const char *op = json_object_get_string_member (q, "op");
  g_autofree char *label = describe (q);
  g_autoptr(GError) error = NULL;

  tally->queries++;
  if (strcmp (op, "most_similar") == 0)
    {
      JsonArray *terms_json = json_object_get_array_member (q, "terms");
      guint n_terms = json_array_get_length (terms_json);
      g_autofree WsTerm *terms = g_new0 (WsTerm, n_terms);
      g_autoptr(GPtrArray) vectors = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GArray) got = NULL;

      for (guint i = 0; i < n_terms; i++)
        {
          JsonObject *t = json_array_get_object_element (terms_json, i);

          terms[i].weight = (float) json_object_get_double_member (t, "weight");
          if (json_object_has_member (t, "word"))
            terms[i].word = json_object_get_string_member (t, "word");
          else
            {
              JsonArray *values = json_object_get_array_member (t, "vector");
              float *vec = g_new (float, json_array_get_length (values));

              g_assert_cmpuint (json_array_get_length (values), ==, ws_vectors_get_dim (v));
              for (guint j = 0; j < json_array_get_length (values); j++)
                vec[j] = (float) json_array_get_double_element (values, j);
              g_ptr_array_add (vectors, vec);
              terms[i].vector = vec;
            }
        }
      got = ws_most_similar (v, terms, n_terms, json_object_get_int_member (q, "topn"),
                             json_object_get_int_member (q, "restrict_vocab"), &error);
      if (expect_unknown_word (q, got != NULL, error, label))
        {
          int swaps = compare_ranked (v, got, json_object_get_array_member (q, "result"), label);
          tally->swaps += MAX (swaps, 0);
        }
    }
  else if (strcmp (op, "cosmul") == 0)
    {
      g_auto(GStrv) pos = strv_from_json (json_object_get_array_member (q, "positive"));
      g_auto(GStrv) neg = strv_from_json (json_object_get_array_member (q, "negative"));
      g_autoptr(GArray) got = NULL;

      got = ws_most_similar_cosmul (v, (const char * const *) pos, g_strv_length (pos),
                                    (const char * const *) neg, g_strv_length (neg),
                                    json_object_get_int_member (q, "topn"),
                                    json_object_get_int_member (q, "restrict_vocab"), &error);
      if (expect_unknown_word (q, got != NULL, error, label))
        {
          int swaps = compare_ranked (v, got, json_object_get_array_member (q, "result"), label);
          tally->swaps += MAX (swaps, 0);
        }
    }
  else if (strcmp (op, "similarity") == 0)
    {
      JsonArray *words = json_object_get_array_member (q, "words");
      float s = 0.0f;
      gboolean ok;

      ok = ws_similarity (v, json_array_get_string_element (words, 0),
                          json_array_get_string_element (words, 1), &s, &error);
      if (expect_unknown_word (q, ok, error, label))
        {
          double want = json_score (json_object_get_member (q, "result"));

          if (!same_score (s, want, SCORE_TOLERANCE))
            g_test_fail_printf ("%s: %.9g; gensim %.9g", label, s, want);
        }
    }
  else if (strcmp (op, "n_similarity") == 0)
    {
      g_auto(GStrv) w1 = strv_from_json (json_object_get_array_member (q, "words1"));
      g_auto(GStrv) w2 = strv_from_json (json_object_get_array_member (q, "words2"));
      double want = json_score (json_object_get_member (q, "result"));
      float s = 0.0f;

      if (!ws_n_similarity (v, (const char * const *) w1, g_strv_length (w1),
                            (const char * const *) w2, g_strv_length (w2), &s, &error))
        g_test_fail_printf ("%s: %s", label, error->message);
      else if (!same_score (s, want, SCORE_TOLERANCE))
        g_test_fail_printf ("%s: %.9g; gensim %.9g", label, s, want);
    }
  else if (strcmp (op, "doesnt_match") == 0)
    {
      g_auto(GStrv) words = strv_from_json (json_object_get_array_member (q, "words"));
      g_auto(GStrv) ties = strv_from_json (json_object_get_array_member (q, "ties"));
      const char *want = json_object_get_string_member (q, "result");
      const char *got = ws_doesnt_match (v, (const char * const *) words, g_strv_length (words),
                                         NULL, &error);

      if (got == NULL)
        g_test_fail_printf ("%s: %s", label, error->message);
      else if (strcmp (got, want) != 0)
        {
          if (!g_strv_contains ((const char * const *) ties, got))
            g_test_fail_printf ("%s: “%s”; gensim “%s”", label, got, want);
          else
            tally->swaps++;
        }
    }
  else if (strcmp (op, "rank") == 0)
    {
      JsonArray *words = json_object_get_array_member (q, "words");
      gint64 want = json_object_get_int_member (q, "result");
      gint64 slack = json_object_get_int_member (q, "slack");
      gsize rank = 0;

      if (!ws_rank (v, json_array_get_string_element (words, 0),
                    json_array_get_string_element (words, 1), &rank, &error))
        g_test_fail_printf ("%s: %s", label, error->message);
      else if ((gint64) rank != want)
        {
          if (ABS ((gint64) rank - want) > slack)
            g_test_fail_printf ("%s: %" G_GSIZE_FORMAT "; gensim %" G_GINT64_FORMAT,
                                label, rank, want);
          else
            tally->swaps++;
        }
    }
  else
    g_test_fail_printf ("unknown oracle query “%s”", op);
}

static void
run_queries (WsVectors  *v,
             JsonObject *file)
{
  JsonArray *queries = json_object_get_array_member (file, "queries");
  Tally tally = { 0 };

  for (guint i = 0; i < json_array_get_length (queries); i++)
    run_query (v, json_array_get_object_element (queries, i), &tally);
  g_test_message ("%s: %u queries against gensim, %u tie swaps",
                  json_object_get_string_member (file, "name"), tally.queries, tally.swaps);
}

static void
test_memory (gconstpointer data)
{
  JsonObject *file = (JsonObject *) data;
  JsonArray *words_json, *rows;
  g_auto(GStrv) words = NULL;
  g_autofree float *matrix = NULL;
  g_autoptr(WsVectors) v = NULL;
  g_autoptr(GError) error = NULL;
  gsize n, dim;

  if (json_object_has_member (file, "load_error"))
    {
      g_test_skip ("gensim cannot load this file");
      return;
    }
  words_json = json_object_get_array_member (file, "words");
  rows = json_object_get_array_member (file, "vectors");
  words = strv_from_json (words_json);
  n = json_array_get_length (rows);
  dim = json_array_get_length (json_object_get_array_member (file, "shape")) == 2 ?
    (gsize) json_array_get_int_element (json_object_get_array_member (file, "shape"), 1) : 0;
  matrix = g_new (float, n * dim);
  for (gsize i = 0; i < n; i++)
    {
      JsonArray *row = json_array_get_array_element (rows, i);

      for (gsize j = 0; j < dim; j++)
        matrix[i * dim + j] = (float) json_array_get_double_element (row, j);
    }

  v = ws_vectors_new_from_data ((const char * const *) words, matrix, n, dim, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ws_vectors_get_n_words (v), ==, n);
  run_queries (v, file);
}

static void
test_loaded (gconstpointer data)
{
  JsonObject *file = (JsonObject *) data;
  const char *path = json_object_get_string_member (file, "path");
  g_autoptr(WsVectors) v = NULL;
  g_autoptr(GError) error = NULL;
  WsLoadOptions options;
  JsonArray *words, *rows;
  gsize n, dim, differing = 0;

  ws_load_options_init (&options);
  options.use_cache = FALSE;   /* parity is about the parser */
  if (g_strcmp0 (json_object_get_string_member_with_default (file, "unicode_errors", ""),
                 "replace") == 0)
    options.utf8_policy = WS_UTF8_REPLACE;

  v = ws_vectors_load (path, &options, NULL, NULL, NULL, &error);
  if (json_object_has_member (file, "load_error"))
    {
      /* gensim refuses the file: so must we, with our own message. */
      g_assert_null (v);
      g_assert_nonnull (error);
      g_assert_true (error->domain == WS_VECTORS_ERROR);
      g_test_message ("%s: gensim says %s; Wordspace says %s",
                      json_object_get_string_member (file, "name"),
                      json_object_get_string_member (file, "load_error"), error->message);
      return;
    }
  g_assert_no_error (error);

  words = json_object_get_array_member (file, "words");
  rows = json_object_get_array_member (file, "vectors");
  n = json_array_get_length (words);
  dim = json_array_get_int_element (json_object_get_array_member (file, "shape"), 1);
  g_assert_cmpuint (ws_vectors_get_n_words (v), ==, n);
  g_assert_cmpuint (ws_vectors_get_dim (v), ==, dim);
  for (gsize i = 0; i < n; i++)
    {
      JsonArray *row = json_array_get_array_element (rows, i);
      const float *ours = ws_vectors_get_row (v, i);

      g_assert_cmpstr (ws_vectors_get_word (v, i), ==, json_array_get_string_element (words, i));
      for (gsize j = 0; j < dim; j++)
        {
          double want = json_array_get_double_element (row, j);

          /* gensim reads text through a double; allow its last-bit rounding. */
          if ((double) ours[j] != want)
            {
              g_assert_cmpfloat (fabs (ours[j] - want), <=, 1e-6 * MAX (1e-30, fabs (want)));
              differing++;
            }
        }
    }
  if (differing > 0)
    g_test_message ("%" G_GSIZE_FORMAT " values differ from gensim's in the last bit", differing);

  run_queries (v, file);
}

/* Files the test writes: random words with a planted analogy, two zero
 * vectors (gensim scores them NaN) and non-ASCII words; binary as
 * word2vec.c writes it, text, and gzip-compressed text. */
static GPtrArray *
write_generated (void)
{
  const gsize n = 3000, dim = 24;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GByteArray) binary = g_byte_array_new ();
  g_autofree float *m = g_new0 (float, n * dim);
  g_autofree char *header = g_strdup_printf ("%" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT "\n", n, dim);
  const char *fixed[] = { "king", "man", "woman", "queen", "Zürich", "слово", "東京" };
  GPtrArray *specs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *bin_path = NULL;
  g_autofree char *txt_path = NULL;
  g_autofree char *gz_path = NULL;
  gzFile gz;

  for (gsize i = 0; i < n; i++)
    for (gsize j = 0; j < dim; j++)
      m[i * dim + j] = (float) (g_rand_double_range (rand, -1.0, 1.0) +
                                g_rand_double_range (rand, -1.0, 1.0));
  /* queen ≈ king - man + woman */
  for (gsize j = 0; j < dim; j++)
    m[3 * dim + j] = m[0 * dim + j] - m[1 * dim + j] + m[2 * dim + j] +
                     (float) g_rand_double_range (rand, -0.05, 0.05);
  memset (m + 9 * dim, 0, dim * sizeof (float));
  memset (m + 1700 * dim, 0, dim * sizeof (float));

  g_string_append (text, header);
  g_byte_array_append (binary, (const guint8 *) header, strlen (header));
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *word = i < G_N_ELEMENTS (fixed) ? g_strdup (fixed[i]) :
        g_strdup_printf (i % 97 == 0 ? "wörd%04" G_GSIZE_FORMAT : "w%04" G_GSIZE_FORMAT, i);

      g_string_append (text, word);
      g_byte_array_append (binary, (const guint8 *) word, strlen (word));
      g_byte_array_append (binary, (const guint8 *) " ", 1);
      for (gsize j = 0; j < dim; j++)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          g_string_append_c (text, ' ');
          g_string_append (text, g_ascii_formatd (buf, sizeof buf, "%.9g", m[i * dim + j]));
          g_byte_array_append (binary, (const guint8 *) &m[i * dim + j], sizeof (float));
        }
      g_string_append_c (text, '\n');
      g_byte_array_append (binary, (const guint8 *) "\n", 1);
    }

  bin_path = ws_test_write_file ("generated.bin", binary->data, binary->len);
  txt_path = ws_test_write_file ("generated.txt", text->str, text->len);
  gz_path = g_build_filename (ws_test_tmpdir (), "generated.txt.gz", NULL);
  gz = gzopen (gz_path, "wb");
  g_assert_nonnull (gz);
  g_assert_cmpint (gzwrite (gz, text->str, text->len), ==, (int) text->len);
  g_assert_cmpint (gzclose (gz), ==, Z_OK);

  g_ptr_array_add (specs, g_strconcat (bin_path, ":binary", NULL));
  g_ptr_array_add (specs, g_strconcat (txt_path, ":text", NULL));
  g_ptr_array_add (specs, g_strconcat (gz_path, ":text", NULL));
  return specs;
}

static void
run_oracle (void)
{
  const char *python = g_getenv ("WS_PYTHON");
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "parity", "gensim_oracle.py", NULL);
  g_autoptr(GPtrArray) generated = write_generated ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (python == NULL || *python == '\0')
    python = "/usr/bin/python3";
  if (!g_file_test (python, G_FILE_TEST_IS_EXECUTABLE))
    skip_all ("no Python to run gensim");

  g_ptr_array_add (argv, (char *) python);
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, (char *) "--dump");
  g_ptr_array_add (argv, (char *) "--testdata");
  g_ptr_array_add (argv, (char *) ws_test_data_dir ());
  for (guint i = 0; i < generated->len; i++)
    g_ptr_array_add (argv, generated->pdata[i]);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, &error))
    {
      printf ("Bail out! cannot run %s: %s\n", script, error->message);
      exit (1);
    }
  if (!g_spawn_check_wait_status (status, &error))
    {
      if (g_error_matches (error, G_SPAWN_EXIT_ERROR, 77))
        skip_all ("gensim is not available");
      printf ("Bail out! %s failed: %s\n%s\n", script, error->message, err);
      exit (1);
    }

  oracle = json_parser_new ();
  if (!json_parser_load_from_data (oracle, out, -1, &error))
    {
      printf ("Bail out! %s printed no JSON: %s\n", script, error->message);
      exit (1);
    }
}

int
main (int    argc,
      char **argv)
{
  JsonArray *files;
  int result;

  g_test_init (&argc, &argv, NULL);
  if (ws_test_data_dir () == NULL)
    skip_all ("../shared/testdata is absent");
  run_oracle ();

  files = json_object_get_array_member (json_node_get_object (json_parser_get_root (oracle)),
                                        "files");
  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonObject *file = json_array_get_object_element (files, i);
      const char *name = json_object_get_string_member (file, "name");
      g_autofree char *memory = g_strdup_printf ("/parity/%s/memory", name);
      g_autofree char *loaded = g_strdup_printf ("/parity/%s/loaded", name);

      g_test_add_data_func (memory, file, test_memory);
      g_test_add_data_func (loaded, file, test_loaded);
    }

  result = g_test_run ();
  g_clear_object (&oracle);
  return result;
}
