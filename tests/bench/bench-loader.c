/* bench-loader.c: loading word2vec binary and text, against gensim in the same run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes an N × D file pair with ws-make-vectors (word2vec.c style: a
 * newline after each binary vector, "%f " text), then loads each file with
 * ws_vectors_load and with gensim's KeyedVectors.load_word2vec_format, each
 * side --runs times, alternating, so both see the same page cache and
 * machine load. Prints elapsed and CPU seconds (this machine may be shared:
 * CPU time is the steadier figure), MB/s and the ratios. Fails only when
 * the two sides disagree on the shape or the values of the first row.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "ws-vectors.h"

static const char gensim_script[] =
  "import resource, sys, time, logging\n"
  "from gensim.models import KeyedVectors\n"
  "def cpu():\n"
  "    r = resource.getrusage(resource.RUSAGE_SELF)\n"
  "    return r.ru_utime + r.ru_stime\n"
  "path, binary = sys.argv[1], sys.argv[2] == 'binary'\n"
  "c0, t0 = cpu(), time.monotonic()\n"
  "kv = KeyedVectors.load_word2vec_format(path, binary=binary)\n"
  "t1, c1 = time.monotonic(), cpu()\n"
  "print(t1 - t0, c1 - c0, kv.vectors.shape[0], kv.vectors.shape[1],\n"
  "      ' '.join(float(x).hex() for x in kv.vectors[0]))\n";

typedef struct
{
  double elapsed;
  double cpu;
} Timing;

static double
cpu_seconds (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
         ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static gboolean
run_ours (const char  *path,
          Timing      *t,
          WsVectors  **out)
{
  g_autoptr(GError) error = NULL;
  WsLoadOptions options;
  double c0, t0;
  WsVectors *v;

  /* Parsing is measured here, never a reopening from the model cache. */
  ws_load_options_init (&options);
  options.use_cache = FALSE;
  c0 = cpu_seconds ();
  t0 = g_get_monotonic_time ();
  v = ws_vectors_load (path, &options, NULL, NULL, NULL, &error);

  t->elapsed = (g_get_monotonic_time () - t0) / 1e6;
  t->cpu = cpu_seconds () - c0;
  if (v == NULL)
    {
      g_printerr ("bench-loader: %s\n", error->message);
      return FALSE;
    }
  if (out != NULL)
    *out = v;
  else
    g_object_unref (v);
  return TRUE;
}

static gboolean
run_gensim (const char *path,
            gboolean    binary,
            Timing     *t,
            WsVectors  *ours)
{
  const char *argv[] = { "/usr/bin/python3", "-c", gensim_script, path,
                         binary ? "binary" : "text", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) fields = NULL;
  int status = 0;
  gsize dim;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench-loader: gensim failed: %s\n%s\n", error->message, err ? err : "");
      return FALSE;
    }
  fields = g_strsplit (g_strstrip (out), " ", -1);
  dim = ws_vectors_get_dim (ours);
  if (g_strv_length (fields) != 4 + dim)
    {
      g_printerr ("bench-loader: unexpected output from gensim: %.200s\n", out);
      return FALSE;
    }
  t->elapsed = g_ascii_strtod (fields[0], NULL);
  t->cpu = g_ascii_strtod (fields[1], NULL);
  if (g_ascii_strtoull (fields[2], NULL, 10) != ws_vectors_get_n_words (ours) ||
      g_ascii_strtoull (fields[3], NULL, 10) != dim)
    {
      g_printerr ("bench-loader: gensim reads %s × %s, Wordspace %zu × %zu\n",
                  fields[2], fields[3], ws_vectors_get_n_words (ours), dim);
      return FALSE;
    }
  for (gsize j = 0; j < dim; j++)
    {
      double theirs = g_ascii_strtod (fields[4 + j], NULL);

      if ((float) theirs != ws_vectors_get_row (ours, 0)[j])
        {
          g_printerr ("bench-loader: value %zu of the first row differs: gensim %a, Wordspace %a\n",
                      j, theirs, (double) ws_vectors_get_row (ours, 0)[j]);
          return FALSE;
        }
    }
  return TRUE;
}

/* What no loader can beat here: touching fresh memory for the two
 * matrices Wordspace keeps (rows and unit rows), and reading the file
 * through the page cache. */
static void
print_floor (const char *path,
             gsize       n_words,
             gsize       dim)
{
  gsize bytes = 2 * n_words * dim * sizeof (float);
  char *block = g_malloc (bytes);
  gint64 t0 = g_get_monotonic_time ();
  double touch, read_s;
  g_autoptr(GMappedFile) map = NULL;
  guint64 sum = 0;

  memset (block, 1, bytes);
  touch = (g_get_monotonic_time () - t0) / 1e6;
  g_free (block);

  t0 = g_get_monotonic_time ();
  map = g_mapped_file_new (path, FALSE, NULL);
  if (map != NULL)
    {
      const guchar *p = (const guchar *) g_mapped_file_get_contents (map);
      gsize len = g_mapped_file_get_length (map);

      for (gsize i = 0; i < len; i += 4096)
        sum += p[i];
    }
  read_s = (g_get_monotonic_time () - t0) / 1e6;
  printf ("# floor: first touch of %.0f MB of fresh memory %.2f s (%.2f GB/s); "
          "mapping the file %.2f s (checksum %" G_GUINT64_FORMAT ")\n",
          bytes / 1e6, touch, bytes / touch / 1e9, read_s, sum & 0xff);
}

static gboolean
bench_file (const char *label,
            const char *path,
            gboolean    binary,
            guint       runs)
{
  GStatBuf st;
  Timing best_ours = { G_MAXDOUBLE, G_MAXDOUBLE };
  Timing best_gensim = { G_MAXDOUBLE, G_MAXDOUBLE };
  g_autoptr(WsVectors) first = NULL;
  double mb;

  if (g_stat (path, &st) != 0)
    return FALSE;
  mb = st.st_size / 1e6;
  printf ("# %s: %s, %.0f MB\n", label, path, mb);

  for (guint r = 0; r < runs; r++)
    {
      Timing o, g;

      if (!run_ours (path, &o, r == 0 ? &first : NULL))
        return FALSE;
      printf ("#   run %u  Wordspace %7.2f s elapsed %7.2f s CPU (%.0f MB/s)\n",
              r + 1, o.elapsed, o.cpu, mb / o.elapsed);
      if (!run_gensim (path, binary, &g, first))
        return FALSE;
      printf ("#   run %u  gensim    %7.2f s elapsed %7.2f s CPU (%.0f MB/s)\n",
              r + 1, g.elapsed, g.cpu, mb / g.elapsed);
      best_ours.elapsed = MIN (best_ours.elapsed, o.elapsed);
      best_ours.cpu = MIN (best_ours.cpu, o.cpu);
      best_gensim.elapsed = MIN (best_gensim.elapsed, g.elapsed);
      best_gensim.cpu = MIN (best_gensim.cpu, g.cpu);
    }
  printf ("# %s, best of %u: Wordspace %.2f s (%.0f MB/s), gensim %.2f s: "
          "%.1f× faster elapsed, %.1f× less CPU\n",
          label, runs, best_ours.elapsed, mb / best_ours.elapsed, best_gensim.elapsed,
          best_gensim.elapsed / best_ours.elapsed, best_gensim.cpu / best_ours.cpu);
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  gint64 n_words = 300000, dim = 300;
  gint runs = 2;
  char *dir = NULL;
  gboolean keep = FALSE;
  const GOptionEntry entries[] = {
    { "words", 'n', 0, G_OPTION_ARG_INT64, &n_words, "Number of words (300000)", "N" },
    { "dim", 'd', 0, G_OPTION_ARG_INT64, &dim, "Dimensions (300)", "D" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Runs of each side (2)", "R" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Where to write the files (a temporary folder)", "DIR" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the files", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- time vector loading against gensim");
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *bin = NULL;
  g_autofree char *txt = NULL;
  g_autofree char *words_arg = NULL;
  g_autofree char *dim_arg = NULL;
  gboolean ok;
  int status = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-loader: %s\n", error->message);
      return 2;
    }
  setvbuf (stdout, NULL, _IOLBF, 0);
  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    {
      printf ("1..0 # SKIP /usr/bin/python3 (with gensim) is missing\n");
      return 77;
    }

  if (dir == NULL)
    dir = tmp = g_dir_make_tmp ("wordspace-bench-loader-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("bench-loader: %s\n", error->message);
      return 1;
    }
  bin = g_build_filename (dir, "vectors.bin", NULL);
  txt = g_build_filename (dir, "vectors.txt", NULL);
  words_arg = g_strdup_printf ("%" G_GINT64_FORMAT, n_words);
  dim_arg = g_strdup_printf ("%" G_GINT64_FORMAT, dim);
  {
    const char *make[] = { WS_MAKE_VECTORS, "--quiet", "-n", words_arg, "-d", dim_arg,
                           "--binary", bin, "--text", txt, NULL };

    printf ("# writing %s × %s with ws-make-vectors\n", words_arg, dim_arg);
    if (!g_spawn_sync (NULL, (char **) make, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                       NULL, NULL, &status, &error) ||
        !g_spawn_check_wait_status (status, &error))
      {
        g_printerr ("bench-loader: ws-make-vectors: %s\n", error->message);
        return 1;
      }
  }

  print_floor (bin, n_words, dim);
  ok = bench_file ("word2vec binary", bin, TRUE, runs) &&
       bench_file ("word2vec text", txt, FALSE, runs);

  if (!keep)
    {
      g_unlink (bin);
      g_unlink (txt);
      if (tmp != NULL)
        g_rmdir (tmp);
    }
  return ok ? 0 : 1;
}
