/* bench-scale.c: the Wordspace side of the Google-News-scale benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-scale --bin FILE.bin [--txt FILE.txt] [--json OUT] [--queries 20]
 *               [--bin-runs 2] [--txt-runs 1] [--no-prefix] [--scan-threads 2]
 *
 * Run by bench-scale.py, which also runs gensim on the same files in the
 * same run and prints the ratios; this program only measures Wordspace, in
 * one process, phase by phase: wall time, CPU time (user and system), minor
 * page faults, and the peak resident size of the phase (VmHWM, reset through
 * /proc/self/clear_refs before each phase, as the gensim side does).
 *
 * Phases, in this order:
 *   touch_probe      how fast this process gets fresh memory (first touch of
 *                    256 MiB) and how fast it writes it again (warm)
 *   load_bin_1..k    ws_vectors_load on the binary file, read through just
 *                    before (each load phase says how much of its file was
 *                    in the page cache before and after); run 1 gets memory
 *                    this process never had, later runs reuse what run 1
 *                    freed (the "warm" state)
 *   load_txt_1..k    ws_vectors_load on the text file; its floats are
 *                    checked bit-identical to the binary file's
 *   load_bin_again   the binary file once more, for the phases below
 *   first_query      the first ws_most_similar (king - man + woman, top 10)
 *                    on the model of the last binary run
 *   next_queries     median of --queries most_similar calls, each with
 *                    three different random words
 *   similarity       median of 200 ws_similarity calls
 *   prefix_build     ws_prefix_index_new (the app's autocomplete index)
 *   keystrokes_1, _2 ws_prefix_index_complete (max 8, as the window asks)
 *                    for each prefix of 1 to 6 characters of typical words,
 *                    twice (pass 2 runs on cached memory)
 *   cache_write      ws_vectors_cache_write of the last binary run's model
 *                    (what ws_vectors_load does in the background after a
 *                    parse; the loads above parse with use_cache off)
 *   reopen_first_answer
 *                    ws_vectors_load mapping that cache, then the first
 *                    most_similar (king - man + woman): the "reopen to
 *                    first answer" goal, page cache warm from the write;
 *                    the cache file is removed afterwards (--keep-cache)
 *
 * The JSON holds every phase plus the query words and each top 10, so the
 * driver can ask gensim the very same queries and compare the answers.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "ws-prefix-index.h"
#include "ws-similarity.h"
#include "ws-similarity-private.h"
#include "ws-vectors-cache.h"

typedef struct
{
  double        t0;
  double        cpu0, sys0;
  long          minflt0;
  gboolean      can_reset;
} Phase;

static double
now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
rusage_seconds (const struct timeval *tv)
{
  return tv->tv_sec + tv->tv_usec / 1e6;
}

/* kB figure of a /proc/self/status line, in MiB; -1 when missing. */
static double
status_mib (const char *key)
{
  g_autofree char *contents = NULL;
  gsize key_len = strlen (key);

  if (!g_file_get_contents ("/proc/self/status", &contents, NULL, NULL))
    return -1;
  for (char *line = contents; line != NULL && *line != '\0';)
    {
      char *next = strchr (line, '\n');

      if (strncmp (line, key, key_len) == 0 && line[key_len] == ':')
        return g_ascii_strtod (line + key_len + 1, NULL) / 1024.0;
      line = next != NULL ? next + 1 : NULL;
    }
  return -1;
}

static gboolean
reset_peak (void)
{
  FILE *f = fopen ("/proc/self/clear_refs", "w");
  gboolean ok;

  if (f == NULL)
    return FALSE;
  ok = fputs ("5", f) >= 0;
  return fclose (f) == 0 && ok;
}

static void
phase_begin (Phase *p)
{
  struct rusage ru;

  p->can_reset = reset_peak ();
  getrusage (RUSAGE_SELF, &ru);
  p->cpu0 = rusage_seconds (&ru.ru_utime) + rusage_seconds (&ru.ru_stime);
  p->sys0 = rusage_seconds (&ru.ru_stime);
  p->minflt0 = ru.ru_minflt;
  p->t0 = now ();
}

/* Ends @p and adds it to @b as member @name; leaves the object open so the
 * caller can add more members, then closes it with json_builder_end_object. */
static double
phase_end (Phase       *p,
           JsonBuilder *b,
           const char  *name)
{
  double wall = now () - p->t0;
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "wall_s");
  json_builder_add_double_value (b, wall);
  json_builder_set_member_name (b, "cpu_s");
  json_builder_add_double_value (b, rusage_seconds (&ru.ru_utime) + rusage_seconds (&ru.ru_stime) - p->cpu0);
  json_builder_set_member_name (b, "sys_s");
  json_builder_add_double_value (b, rusage_seconds (&ru.ru_stime) - p->sys0);
  json_builder_set_member_name (b, "minflt");
  json_builder_add_int_value (b, ru.ru_minflt - p->minflt0);
  json_builder_set_member_name (b, "rss_after_MiB");
  json_builder_add_double_value (b, status_mib ("VmRSS"));
  json_builder_set_member_name (b, "peak_MiB");
  if (p->can_reset)
    json_builder_add_double_value (b, status_mib ("VmHWM"));
  else
    json_builder_add_null_value (b);
  return wall;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
add_times (JsonBuilder *b,
           double      *times,
           gsize        n)
{
  qsort (times, n, sizeof (double), compare_double);
  json_builder_set_member_name (b, "n");
  json_builder_add_int_value (b, (gint64) n);
  json_builder_set_member_name (b, "median_s");
  json_builder_add_double_value (b, n % 2 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2);
  json_builder_set_member_name (b, "min_s");
  json_builder_add_double_value (b, times[0]);
  json_builder_set_member_name (b, "max_s");
  json_builder_add_double_value (b, times[n - 1]);
}

/* First-touch and warm write speed of 256 MiB, in GB/s: tells which state
 * the machine's memory is in when this process starts. */
static void
touch_probe (JsonBuilder *b)
{
  const gsize size = 256u << 20;
  char *mem = g_malloc (size);
  double t0 = now ();
  double t1;

  memset (mem, 1, size);
  t1 = now ();
  memset (mem, 2, size);
  json_builder_set_member_name (b, "touch_probe");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "fresh_GBps");
  json_builder_add_double_value (b, size / 1e9 / (t1 - t0));
  json_builder_set_member_name (b, "warm_GBps");
  json_builder_add_double_value (b, size / 1e9 / (now () - t1));
  json_builder_end_object (b);
  g_free (mem);
}

/* The fraction of @path's pages in the page cache (mincore ()), or -1. */
static double
page_cache_fraction (const char *path)
{
  long page = sysconf (_SC_PAGESIZE);
  struct stat st;
  double fraction = -1.0;
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  if (fd >= 0 && fstat (fd, &st) == 0 && st.st_size > 0)
    {
      gsize n_pages = ((gsize) st.st_size + page - 1) / page;
      void *map = mmap (NULL, st.st_size, PROT_READ, MAP_SHARED, fd, 0);
      g_autofree unsigned char *vec = g_malloc (n_pages);

      if (map != MAP_FAILED && mincore (map, st.st_size, vec) == 0)
        {
          gsize resident = 0;

          for (gsize i = 0; i < n_pages; i++)
            resident += vec[i] & 1;
          fraction = (double) resident / n_pages;
        }
      if (map != MAP_FAILED)
        munmap (map, st.st_size);
    }
  if (fd >= 0)
    close (fd);
  return fraction;
}

/* Reads @path through, so that a load finds it in the page cache, as
 * gensim's loads do (gensim-scale.py and bench-scale.py warm the files
 * before its loads the same way). On this VM the page cache does not keep
 * 12 GB of files, and a text load that read half its file from disk took
 * 34 s against 12 s. The buffer is reused, so a load's fresh memory stays
 * fresh. */
static void
warm_page_cache (const char *path)
{
  static char *buf;
  const gsize size = 4u << 20;
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  if (fd < 0)
    return;
  if (buf == NULL)
    buf = g_malloc (size);
  while (read (fd, buf, size) > 0)
    ;
  close (fd);
}

static WsVectors *
load_phase (JsonBuilder *b,
            const char  *path,
            const char  *name)
{
  g_autoptr(GError) error = NULL;
  WsVectors *v;
  Phase p;

  WsLoadOptions options;
  double before, at_start;

  /* Parse every time; the cache has its own phases. */
  ws_load_options_init (&options);
  options.use_cache = FALSE;
  before = page_cache_fraction (path);
  warm_page_cache (path);
  at_start = page_cache_fraction (path);
  phase_begin (&p);
  v = ws_vectors_load (path, &options, NULL, NULL, NULL, &error);
  phase_end (&p, b, name);
  json_builder_set_member_name (b, "page_cache_before_warming");
  json_builder_add_double_value (b, before);
  json_builder_set_member_name (b, "page_cache_at_start");
  json_builder_add_double_value (b, at_start);
  if (v == NULL)
    {
      g_printerr ("bench-scale: %s\n", error->message);
      exit (1);
    }
  json_builder_set_member_name (b, "shape");
  json_builder_begin_array (b);
  json_builder_add_int_value (b, (gint64) ws_vectors_get_n_words (v));
  json_builder_add_int_value (b, (gint64) ws_vectors_get_dim (v));
  json_builder_end_array (b);
  json_builder_end_object (b);
  g_printerr ("bench-scale: %s done\n", name);
  return v;
}

/* SHA-1 of the raw float32 matrix, compared by the driver with the same
 * digest of gensim's kv.vectors: equal means bit-identical floats. */
static char *
matrix_digest (WsVectors *v)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA1);
  gsize n = ws_vectors_get_n_words (v);
  gsize dim = ws_vectors_get_dim (v);
  gsize block = MAX ((gsize) 1, ((gsize) 4 << 20) / (dim * sizeof (float)));
  g_autofree float *buffer = ws_vectors_has_matrix (v) ? NULL : g_new (float, block * dim);

  /* A block at a time: a model may keep its rows in its file. */
  for (gsize first = 0; first < n; first += block)
    {
      gsize nr = MIN (block, n - first);
      const float *rows = ws_vectors_rows (v, first, nr, buffer);

      g_checksum_update (sum, (const guchar *) rows, (gssize) (nr * dim * sizeof (float)));
    }
  return g_strdup (g_checksum_get_string (sum));
}

static GArray *analogy (WsVectors  *v,
                        const char *a,
                        const char *b,
                        const char *c);

/* cache_write: the model cache of @v (parsed from @path) written as
 * ws_vectors_load writes it after a parse. */
static void
cache_write_phase (JsonBuilder *b,
                   const char  *path,
                   WsVectors   *v)
{
  g_autoptr(WsVectorsCacheKey) key = ws_vectors_cache_key_new (path, NULL);
  g_autoptr(GError) error = NULL;
  Phase p;

  phase_begin (&p);
  if (key == NULL || !ws_vectors_cache_write (key, v, &error))
    {
      g_printerr ("bench-scale: cannot write the model cache: %s\n",
                  error != NULL ? error->message : path);
      exit (1);
    }
  phase_end (&p, b, "cache_write");
  json_builder_end_object (b);
  g_printerr ("bench-scale: cache_write done\n");
}

/* reopen_first_answer: ws_vectors_load through the cache, then the first
 * query, as a person reopening the model would wait for it. */
static void
reopen_phase (JsonBuilder *b,
              const char  *path,
              const char  *expected_digest,
              gboolean     keep_cache)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WsVectors) v = NULL;
  g_autoptr(GArray) r = NULL;
  g_autofree char *file = ws_vectors_cache_file_for (path, NULL);
  gboolean from_cache;
  Phase p;

  phase_begin (&p);
  v = ws_vectors_load (path, NULL, NULL, NULL, NULL, &error);
  if (v != NULL)
    r = analogy (v, "king", "woman", "man");
  phase_end (&p, b, "reopen_first_answer");
  if (v == NULL)
    {
      g_printerr ("bench-scale: %s\n", error->message);
      exit (1);
    }
  from_cache = ws_vectors_get_from_cache (v);
  json_builder_set_member_name (b, "from_cache");
  json_builder_add_boolean_value (b, from_cache);
  json_builder_set_member_name (b, "answer");
  json_builder_add_string_value (b, r->len > 0 ?
                                 ws_vectors_get_word (v, g_array_index (r, WsScored, 0).row) : "");
  json_builder_end_object (b);
  if (!from_cache)
    g_printerr ("bench-scale: warning: the reopen did not come from the model cache\n");
  else
    {
      /* The same floats as the parse, without reading them in the timed part. */
      g_autofree char *digest = matrix_digest (v);

      if (g_strcmp0 (digest, expected_digest) != 0)
        {
          g_printerr ("bench-scale: the cached matrix differs from the parsed one\n");
          exit (1);
        }
    }
  g_clear_object (&v);
  ws_vectors_cache_wait ();
  if (!keep_cache && file != NULL)
    g_unlink (file);
  g_printerr ("bench-scale: reopen_first_answer done\n");
}

static GArray *
analogy (WsVectors  *v,
         const char *a,
         const char *b,
         const char *c)
{
  g_autoptr(GError) error = NULL;
  WsTerm terms[] = { { a, NULL, 1.f }, { b, NULL, 1.f }, { c, NULL, -1.f } };
  GArray *r = ws_most_similar (v, terms, G_N_ELEMENTS (terms), 10, 0, &error);

  if (r == NULL)
    {
      g_printerr ("bench-scale: most_similar (%s + %s - %s): %s\n", a, b, c, error->message);
      exit (1);
    }
  return r;
}

static void
add_query (JsonBuilder *b,
           WsVectors   *v,
           const char  *words[3],
           GArray      *r,
           double       seconds)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "positive");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, words[0]);
  json_builder_add_string_value (b, words[1]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "negative");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, words[2]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "seconds");
  json_builder_add_double_value (b, seconds);
  json_builder_set_member_name (b, "top10");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->len; i++)
    {
      const WsScored *s = &g_array_index (r, WsScored, i);

      json_builder_begin_array (b);
      json_builder_add_string_value (b, ws_vectors_get_word (v, s->row));
      json_builder_add_double_value (b, s->score);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static const char *
random_word (WsVectors *v,
             GRand     *rand)
{
  return ws_vectors_get_word (v, g_rand_int_range (rand, 0, (gint32) ws_vectors_get_n_words (v)));
}

typedef struct { const char *w[3]; } Triple;
typedef struct { const char *w[2]; } Pair;

/* first_query, next_queries, similarity; the query words and answers go to
 * @qb (an array being built). */
static void
query_phases (JsonBuilder *b,
              JsonBuilder *qb,
              WsVectors   *v,
              int          n_queries,
              guint32      seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  const char *q0[3] = { "king", "woman", "man" };
  g_autofree double *times = g_new (double, MAX (n_queries, 200));
  Triple *triples = g_new (Triple, n_queries);
  GArray **answers = g_new0 (GArray *, n_queries);
  Pair *pairs = g_new (Pair, 200);
  GArray *r;
  double t;
  Phase p;

  if (!ws_vectors_contains (v, "king") || !ws_vectors_contains (v, "woman") || !ws_vectors_contains (v, "man"))
    {
      g_printerr ("bench-scale: the model lacks king, woman or man; make it with ws-make-vectors\n");
      exit (1);
    }

  phase_begin (&p);
  t = now ();
  r = analogy (v, q0[0], q0[1], q0[2]);
  times[0] = now () - t;
  phase_end (&p, b, "first_query");
  json_builder_end_object (b);
  add_query (qb, v, q0, r, times[0]);
  g_array_unref (r);

  for (int i = 0; i < n_queries; i++)
    for (int k = 0; k < 3; k++)
      triples[i].w[k] = random_word (v, rand);
  phase_begin (&p);
  for (int i = 0; i < n_queries; i++)
    {
      t = now ();
      answers[i] = analogy (v, triples[i].w[0], triples[i].w[1], triples[i].w[2]);
      times[i] = now () - t;
      add_query (qb, v, triples[i].w, answers[i], times[i]);
    }
  phase_end (&p, b, "next_queries");
  add_times (b, times, n_queries);
  json_builder_end_object (b);
  for (int i = 0; i < n_queries; i++)
    g_array_unref (answers[i]);

  for (int i = 0; i < 200; i++)
    for (int k = 0; k < 2; k++)
      pairs[i].w[k] = random_word (v, rand);
  phase_begin (&p);
  for (int i = 0; i < 200; i++)
    {
      float sim;

      t = now ();
      if (!ws_similarity (v, pairs[i].w[0], pairs[i].w[1], &sim, NULL))
        g_error ("similarity (%s, %s) failed", pairs[i].w[0], pairs[i].w[1]);
      times[i] = now () - t;
    }
  phase_end (&p, b, "similarity");
  add_times (b, times, 200);
  json_builder_end_object (b);

  g_free (triples);
  g_free (answers);
  g_free (pairs);
}

/* Words a person might type: real words, mixed case, non-ASCII, and filler
 * prefixes whose first match is near the end of the file (the index's
 * worst case: many matches, none of them frequent). */
static const char *typed_words[] = {
  "king", "Queen", "WOMAN", "computer", "language", "paris", "Zürich", "café", "naïve",
  "x", "q", "w0000042", "w1", "w2", "w29", "w299", "w2999", "W12345", "zz", "ab",
};

static void
prefix_phases (JsonBuilder *b,
               WsVectors   *v)
{
  g_autoptr(WsPrefixIndex) index = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  double worst = 0;
  const char *worst_prefix = "";
  g_autofree char *worst_copy = NULL;
  Phase p;

  phase_begin (&p);
  index = ws_prefix_index_new (v, NULL);
  phase_end (&p, b, "prefix_build");
  json_builder_end_object (b);

  for (int pass = 1; pass <= 2; pass++)
    {
      g_autofree char *name = g_strdup_printf ("keystrokes_%d", pass);

      g_array_set_size (times, 0);
      worst = 0;
      phase_begin (&p);
      for (gsize w = 0; w < G_N_ELEMENTS (typed_words); w++)
        {
          const char *word = typed_words[w];
          const char *end = word;

          /* every prefix of 1 to 6 characters, as typed */
          for (int chars = 1; chars <= 6 && *end != '\0'; chars++)
            {
              g_autofree char *prefix = NULL;
              GArray *rows;
              double t;
              double s;

              end = g_utf8_next_char (end);
              prefix = g_strndup (word, end - word);
              t = now ();
              rows = ws_prefix_index_complete (index, prefix, 8);
              s = now () - t;
              g_array_unref (rows);
              g_array_append_val (times, s);
              if (s > worst)
                {
                  worst = s;
                  g_free (worst_copy);
                  worst_copy = g_strdup (prefix);
                  worst_prefix = worst_copy;
                }
            }
        }
      phase_end (&p, b, name);
      json_builder_set_member_name (b, "worst_prefix");
      json_builder_add_string_value (b, worst_prefix);
      add_times (b, (double *) times->data, times->len);
      json_builder_end_object (b);
    }
}

int
main (int argc, char **argv)
{
  g_autofree char *bin = NULL;
  g_autofree char *txt = NULL;
  g_autofree char *json_out = NULL;
  int n_queries = 20, bin_runs = 2, txt_runs = 1;
  gboolean no_prefix = FALSE;
  gboolean keep_cache = FALSE;
  int scan_threads = 2;
  GOptionEntry entries[] = {
    { "bin", 0, 0, G_OPTION_ARG_FILENAME, &bin, "word2vec binary file (from ws-make-vectors)", "FILE" },
    { "txt", 0, 0, G_OPTION_ARG_FILENAME, &txt, "the same vectors as word2vec text", "FILE" },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json_out, "write the results here (default: stdout)", "OUT" },
    { "queries", 0, 0, G_OPTION_ARG_INT, &n_queries, "warm most_similar queries to time (20)", "N" },
    { "bin-runs", 0, 0, G_OPTION_ARG_INT, &bin_runs, "binary loads (2)", "N" },
    { "txt-runs", 0, 0, G_OPTION_ARG_INT, &txt_runs, "text loads (1)", "N" },
    { "no-prefix", 0, 0, G_OPTION_ARG_NONE, &no_prefix, "skip the autocomplete phases", NULL },
    { "keep-cache", 0, 0, G_OPTION_ARG_NONE, &keep_cache, "keep the model cache the reopen phase writes", NULL },
    { "scan-threads", 0, 0, G_OPTION_ARG_INT, &scan_threads,
      "threads of the quantized most_similar scan: 1 or 2 (the app's default on two cores or more)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- Wordspace side of the scale benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonBuilder) qb = NULL;
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  WsVectors *v = NULL;
  g_autofree char *bin_digest = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-scale: %s\n", error->message);
      return 2;
    }
  if (bin == NULL || n_queries < 1 || bin_runs < 1 || txt_runs < 0 || scan_threads < 1 || scan_threads > 2)
    {
      g_printerr ("bench-scale: --bin FILE is required; --queries and --bin-runs must be at least 1, "
                  "--scan-threads 1 or 2\n");
      return 2;
    }
  ws_similarity_set_scan_threads ((guint) scan_threads);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "scan_threads");
  json_builder_add_int_value (b, scan_threads);
  touch_probe (b);

  for (int run = 1; run <= bin_runs; run++)
    {
      g_autofree char *name = g_strdup_printf ("load_bin_%d", run);

      g_clear_object (&v);
      v = load_phase (b, bin, name);
    }
  bin_digest = matrix_digest (v);
  json_builder_set_member_name (b, "bin_sha1");
  json_builder_add_string_value (b, bin_digest);
  /* The text loads come before the cache is written: the 7 GB cache
   * pushed the 8.6 GB text file out of the page cache, and the load read
   * it from disk (30.7 s against 13-20 s). The binary model is let go
   * meanwhile, so as not to count in their peak, and loaded again. */
  if (txt != NULL && txt_runs > 0)
    g_clear_object (&v);
  for (int run = 1; txt != NULL && run <= txt_runs; run++)
    {
      g_autofree char *name = g_strdup_printf ("load_txt_%d", run);
      g_autoptr(WsVectors) t = load_phase (b, txt, name);

      if (run == 1)
        {
          g_autofree char *digest = matrix_digest (t);

          json_builder_set_member_name (b, "txt_sha1");
          json_builder_add_string_value (b, digest);
        }
    }
  if (v == NULL)
    v = load_phase (b, bin, "load_bin_again");
  cache_write_phase (b, bin, v);

  qb = json_builder_new ();
  json_builder_begin_array (qb);
  query_phases (b, qb, v, n_queries, 7);
  json_builder_end_array (qb);
  if (!no_prefix)
    prefix_phases (b, v);

  g_clear_object (&v);
  reopen_phase (b, bin, bin_digest, keep_cache);

  json_builder_set_member_name (b, "queries");
  json_builder_add_value (b, json_builder_get_root (qb));
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  if (json_out != NULL)
    {
      if (!json_generator_to_file (gen, json_out, &error))
        {
          g_printerr ("bench-scale: %s\n", error->message);
          return 1;
        }
    }
  else
    {
      g_autofree char *s = json_generator_to_data (gen, NULL);

      puts (s);
    }
  return 0;
}
