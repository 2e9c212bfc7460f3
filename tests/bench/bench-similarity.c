/* bench-similarity.c: query speed of ws-similarity against gensim, same data, same run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-similarity [--words N] [--dim D] [--repeats R] [--threads T]
 *
 * Writes N random D-dimensional vectors as a word2vec binary file, puts the
 * same vectors in a WsVectors, times each query (median of R runs, warm:
 * after one untimed run) here and in gensim 4.2 (gensim-similarity.py
 * through $WS_PYTHON), and prints the times and gensim ÷ Wordspace ratios.
 * The top-k queries run twice here: the default path (the quantized scan)
 * and the exact float32 scan (WS_SCAN_EXACT); the two answers must be
 * identical. Also checks gensim gives the same top 10. Both sides use T
 * threads (1 unless told, at most 2): T OpenBLAS threads for gensim and
 * for Wordspace's rank, T threads for Wordspace's most_similar scan.
 * Exits 77 when gensim is missing.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cblas.h>

#include "ws-similarity-private.h"
#include "ws-vectors-private.h"

typedef struct
{
  const char *name;
  double      seconds;
  GArray     *answer;   /* owned; NULL for scalar queries */
  double      cpu;
  double      exact_seconds;  /* top-k queries: the WS_SCAN_EXACT time, else 0 */
  double      exact_cpu;
  GArray     *exact_answer;
  gint        candidates;
} Phase;

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

typedef GArray *(*QueryFunc) (WsVectors *v, gpointer data);

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Median wall time of @repeats warm runs; @cpu gets the median CPU time of
 * the process (all its threads), which a loaded machine inflates less. */
static double
median_time (WsVectors *v,
             QueryFunc  fn,
             gpointer   data,
             int        repeats,
             GArray   **answer,
             double    *cpu)
{
  g_autofree double *times = g_new (double, repeats);
  g_autofree double *cpus = g_new (double, repeats);
  GArray *warmup = fn (v, data);

  if (warmup != NULL)
    g_array_unref (warmup);
  for (int i = 0; i < repeats; i++)
    {
      gint64 t = g_get_monotonic_time ();
      double c = cpu_seconds ();
      GArray *r = fn (v, data);

      cpus[i] = cpu_seconds () - c;
      times[i] = (g_get_monotonic_time () - t) / 1e6;
      if (i == 0 && answer != NULL)
        *answer = r;
      else if (r != NULL)
        g_array_unref (r);
    }
  qsort (times, repeats, sizeof (double), compare_double);
  qsort (cpus, repeats, sizeof (double), compare_double);
  *cpu = cpus[repeats / 2];
  return times[repeats / 2];
}

/* Same rows, same order, bit-identical scores. */
static gboolean
same_answer (GArray *a,
             GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      WsScored *x = &g_array_index (a, WsScored, i), *y = &g_array_index (b, WsScored, i);

      if (x->row != y->row || memcmp (&x->score, &y->score, sizeof (float)) != 0)
        return FALSE;
    }
  return TRUE;
}

static const char *const *query_words;
static gsize restrict_rows;

static GArray *
q_neighbors (WsVectors *v, gpointer data)
{
  return ws_neighbors (v, query_words[0], 10, 0, NULL);
}

static GArray *
q_analogy (WsVectors *v, gpointer data)
{
  const WsTerm terms[] = {
    { query_words[0], NULL, 1.0f }, { query_words[2], NULL, 1.0f }, { query_words[1], NULL, -1.0f },
  };
  return ws_most_similar (v, terms, 3, 10, 0, NULL);
}

static GArray *
q_restrict (WsVectors *v, gpointer data)
{
  return ws_neighbors (v, query_words[0], 10, restrict_rows, NULL);
}

static GArray *
q_cosmul (WsVectors *v, gpointer data)
{
  const char *pos[] = { query_words[0], query_words[2] };
  const char *neg[] = { query_words[1] };

  return ws_most_similar_cosmul (v, pos, 2, neg, 1, 10, 0, NULL);
}

static GArray *
q_rank (WsVectors *v, gpointer data)
{
  gsize rank;

  ws_rank (v, query_words[0], query_words[2], &rank, NULL);
  return NULL;
}

static GArray *
q_similarity (WsVectors *v, gpointer data)
{
  float s;

  ws_similarity (v, query_words[0], query_words[1], &s, NULL);
  return NULL;
}

int
main (int    argc,
      char **argv)
{
  gint64 n_words = 1000000, dim = 300;
  int repeats = 15;
  int blas_threads = 1;
  const GOptionEntry entries[] = {
    { "threads", 't', 0, G_OPTION_ARG_INT, &blas_threads,
      "Threads on both sides: OpenBLAS, and Wordspace's scan (1; 1 or 2)", "T" },
    { "words", 'n', 0, G_OPTION_ARG_INT64, &n_words, "Number of words (1000000)", "N" },
    { "dim", 'd', 0, G_OPTION_ARG_INT64, &dim, "Dimensions (300)", "D" },
    { "repeats", 'r', 0, G_OPTION_ARG_INT, &repeats, "Runs per query; the median counts (15)", "R" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- time similarity queries against gensim");
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(WsVectors) v = NULL;
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree float *m = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *script = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *repeats_str = NULL;
  const char *python = g_getenv ("WS_PYTHON");
  JsonObject *peer;
  FILE *f;
  int status;
  gboolean agree = TRUE;
  Phase phases[] = {
    { "neighbors", 0, NULL, 0, 0, 0, NULL, 0 }, { "analogy", 0, NULL, 0, 0, 0, NULL, 0 },
    { "restrict_vocab", 0, NULL, 0, 0, 0, NULL, 0 }, { "cosmul", 0, NULL, 0, 0, 0, NULL, 0 },
    { "rank", 0, NULL, 0, 0, 0, NULL, 0 }, { "similarity", 0, NULL, 0, 0, 0, NULL, 0 },
  };
  const gboolean quantized[] = { TRUE, TRUE, TRUE, FALSE, FALSE, FALSE };
  g_auto(GStrv) envp = NULL;
  g_autofree char *threads_str = NULL;
  gboolean identical = TRUE;
  const QueryFunc funcs[] = { q_neighbors, q_analogy, q_restrict, q_cosmul, q_rank, q_similarity };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_words < 10 || dim < 1 ||
      repeats < 1 || blas_threads < 1 || blas_threads > 2)
    {
      g_printerr ("bench-similarity: %s\n",
                  error ? error->message : "need --words ≥ 10, --dim ≥ 1, --threads 1 or 2");
      return 2;
    }
  if (python == NULL || *python == '\0')
    python = "/usr/bin/python3";

  /* The data: uniform values, one file for gensim, the same floats here,
   * a row at a time so that no third copy of the matrix is held. */
  m = g_new (float, dim);
  v = ws_vectors_new_empty (dim, n_words);
  if (!ws_vectors_reserve (v, n_words, TRUE, &error))
    {
      g_printerr ("bench-similarity: %s\n", error->message);
      return 1;
    }
  tmpdir = g_dir_make_tmp ("bench-similarity-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (tmpdir, "vectors.bin", NULL);
  f = fopen (path, "wb");
  g_assert_nonnull (f);
  fprintf (f, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", n_words, dim);
  for (gint64 i = 0; i < n_words; i++)
    {
      char *word = g_strdup_printf ("w%07" G_GINT64_FORMAT, i);

      for (gint64 j = 0; j < dim; j++)
        m[j] = (float) g_rand_double_range (rand, -1.0, 1.0);
      fprintf (f, "%s ", word);
      fwrite (m, sizeof (float), dim, f);
      g_ptr_array_add (words, word);
      if (!ws_vectors_append (v, word, strlen (word), m, &error))
        {
          g_printerr ("bench-similarity: %s\n", error ? error->message : "duplicate word");
          return 1;
        }
    }
  fclose (f);
  ws_vectors_seal (v);
  g_ptr_array_add (words, NULL);
  query_words = (const char *const *) words->pdata;
  restrict_rows = (gsize) n_words / 10;

  openblas_set_num_threads (blas_threads);
  ws_similarity_set_scan_threads (blas_threads);
  printf ("%" G_GINT64_FORMAT " words × %" G_GINT64_FORMAT " dimensions, median of %d warm runs, "
          "%d thread(s) on both sides\n", n_words, dim, repeats, blas_threads);
  for (gsize i = 0; i < G_N_ELEMENTS (phases); i++)
    {
      ws_similarity_set_scan_mode (WS_SCAN_AUTO);
      phases[i].seconds = median_time (v, funcs[i], NULL, repeats, &phases[i].answer,
                                       &phases[i].cpu);
      if (!quantized[i])
        continue;
      /* The first run (kept as the answer) sets the count; rerun it to read. */
      g_array_unref (funcs[i] (v, NULL));
      phases[i].candidates = ws_similarity_get_last_candidates ();
      ws_similarity_set_scan_mode (WS_SCAN_EXACT);
      phases[i].exact_seconds = median_time (v, funcs[i], NULL, repeats, &phases[i].exact_answer,
                                             &phases[i].exact_cpu);
      ws_similarity_set_scan_mode (WS_SCAN_AUTO);
      if (!same_answer (phases[i].answer, phases[i].exact_answer))
        {
          printf ("  %s: the quantized scan and the exact scan DIFFER\n", phases[i].name);
          identical = FALSE;
        }
    }

  /* The peer, in the same run on the same machine. */
  script = g_build_filename (WS_BENCH_SRCDIR, "gensim-similarity.py", NULL);
  repeats_str = g_strdup_printf ("%d", repeats);
  {
    const char *spawn_argv[] = { python, script, path, repeats_str,
                                 query_words[0], query_words[1], query_words[2], NULL };

    threads_str = g_strdup_printf ("%d", blas_threads);
    envp = g_environ_setenv (g_get_environ (), "OPENBLAS_NUM_THREADS", threads_str, TRUE);
    if (!g_spawn_sync (NULL, (char **) spawn_argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                       &out, &err, &status, &error) ||
        !g_spawn_check_wait_status (status, &error))
      {
        g_printerr ("bench-similarity: gensim failed: %s\n%s", error->message, err ? err : "");
        g_unlink (path);
        g_rmdir (tmpdir);
        return strstr (err ? err : "", "ModuleNotFoundError") ? 77 : 1;
      }
  }
  g_unlink (path);
  g_rmdir (tmpdir);
  if (!json_parser_load_from_data (parser, out, -1, &error))
    {
      g_printerr ("bench-similarity: gensim printed no JSON: %s\n", error->message);
      return 1;
    }
  peer = json_node_get_object (json_parser_get_root (parser));

  printf ("gensim: load %.2f s, first most_similar (with norms) %.3f s\n",
          json_object_get_double_member (peer, "load"),
          json_object_get_double_member (peer, "first_most_similar"));
  printf ("%-16s %12s %12s %12s %8s %8s %10s\n", "wall time", "wordspace", "ws exact", "gensim",
          "gensim÷", "exact÷", "re-scored");
  for (gsize i = 0; i < G_N_ELEMENTS (phases); i++)
    {
      double g = json_object_get_double_member (peer, phases[i].name);

      if (quantized[i])
        printf ("%-16s %9.3f ms %9.3f ms %9.3f ms %7.1f× %7.1f× %10d\n", phases[i].name,
                phases[i].seconds * 1e3, phases[i].exact_seconds * 1e3, g * 1e3,
                g / MAX (phases[i].seconds, 1e-9),
                phases[i].exact_seconds / MAX (phases[i].seconds, 1e-9), phases[i].candidates);
      else
        printf ("%-16s %9.3f ms %12s %9.3f ms %7.1f×\n", phases[i].name,
                phases[i].seconds * 1e3, "", g * 1e3, g / MAX (phases[i].seconds, 1e-9));
    }
  printf ("%-16s %12s %12s %12s %8s %8s\n", "CPU time", "wordspace", "ws exact", "gensim",
          "gensim÷", "exact÷");
  for (gsize i = 0; i < G_N_ELEMENTS (phases); i++)
    {
      g_autofree char *member = g_strconcat (phases[i].name, "_cpu", NULL);
      double g = json_object_get_double_member (peer, member);
      JsonObject *answers = json_object_get_object_member (peer, "answers");

      if (quantized[i])
        printf ("%-16s %9.3f ms %9.3f ms %9.3f ms %7.1f× %7.1f×\n", phases[i].name,
                phases[i].cpu * 1e3, phases[i].exact_cpu * 1e3, g * 1e3,
                g / MAX (phases[i].cpu, 1e-9), phases[i].exact_cpu / MAX (phases[i].cpu, 1e-9));
      else
        printf ("%-16s %9.3f ms %12s %9.3f ms %7.1f×\n", phases[i].name,
                phases[i].cpu * 1e3, "", g * 1e3, g / MAX (phases[i].cpu, 1e-9));
      if (phases[i].answer != NULL && json_object_has_member (answers, phases[i].name))
        {
          JsonArray *want = json_object_get_array_member (answers, phases[i].name);

          for (guint k = 0; k < phases[i].answer->len && k < json_array_get_length (want); k++)
            {
              const char *w = ws_vectors_get_word (v, g_array_index (phases[i].answer, WsScored, k).row);

              if (strcmp (w, json_array_get_string_element (want, k)) != 0)
                {
                  printf ("  %s: result %u differs: %s here, %s in gensim\n", phases[i].name,
                          k + 1, w, json_array_get_string_element (want, k));
                  agree = FALSE;
                }
            }
        }
      g_clear_pointer (&phases[i].answer, g_array_unref);
      g_clear_pointer (&phases[i].exact_answer, g_array_unref);
    }
  printf ("answers %s\n", agree ? "agree with gensim" : "DIFFER from gensim");
  printf ("quantized and exact scans %s\n", identical ? "give identical answers" : "DIFFER");
  return agree && identical ? 0 : 1;
}
