/* bench-projection.c: local and global PCA against scikit-learn, in one run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates a seeded float32 matrix (uniform values, column j scaled by
 * 1 / (1 + j / 20) so the principal axes are well defined), times
 *   local   ws_pca_fit of 1,000 rows picked across the matrix (as a query's
 *           words are), 2 components, against PCA(2).fit_transform(X[rows])
 *   global  ws_pca_fit_global of the whole matrix against
 *           PCA(2, svd_solver='randomized').fit(X)
 * (best of several runs on each side: other processes only ever add time)
 * and prints the ratios, the memory each global fit takes beyond the matrix
 * (peak RSS, reset through /proc/self/clear_refs before the fit) and how far
 * apart the answers are. scikit-learn runs in bench-projection.py on the very
 * same matrix, written to a temporary file.
 *
 *   bench-projection                  200,000 × 300 (about 240 MB a side)
 *   bench-projection --rows 3000000   the full size: about 3.6 GB for the
 *                                     matrix on each side, plus scikit-learn's
 *                                     own copy of it; run it on purpose
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ws-pca.h"

static gint64 opt_rows = 200000;
static gint opt_dim = 300;
static gint opt_local_rows = 1000;
static gint opt_reps = 200;
static gint opt_threads = 0;
static gboolean opt_no_peer = FALSE;
static char *opt_python = NULL;
static char *opt_script = NULL;

static const GOptionEntry entries[] = {
  { "rows", 0, 0, G_OPTION_ARG_INT64, &opt_rows, "Rows of the generated matrix (default 200000; the goal is stated for 3000000)", "N" },
  { "dim", 0, 0, G_OPTION_ARG_INT, &opt_dim, "Dimensions (default 300)", "D" },
  { "local-rows", 0, 0, G_OPTION_ARG_INT, &opt_local_rows, "Rows of the local PCA (default 1000)", "N" },
  { "reps", 0, 0, G_OPTION_ARG_INT, &opt_reps, "Repetitions of the local PCA; the best is kept (default 200)", "N" },
  { "threads", 0, 0, G_OPTION_ARG_INT, &opt_threads, "Threads of the global PCA (default 0: up to 2)", "N" },
  { "no-peer", 0, 0, G_OPTION_ARG_NONE, &opt_no_peer, "Do not run scikit-learn", NULL },
  { "python", 0, 0, G_OPTION_ARG_FILENAME, &opt_python, "Python with scikit-learn (default $WS_PYTHON or /usr/bin/python3)", "PATH" },
  { "script", 0, 0, G_OPTION_ARG_FILENAME, &opt_script, "bench-projection.py (default: beside this program's source)", "PATH" },
  { NULL }
};

/* splitmix64 of the value's index: any value can be made on its own, so the
 * matrix is the same whatever the order it is generated in. */
static inline float
generated_value (guint64 index,
                 float   scale)
{
  guint64 z = index * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) + G_GUINT64_CONSTANT (0x2545f4914f6cdd1d);

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  z ^= z >> 31;
  /* 24 random bits: exactly representable, in [-1, 1). */
  return ((float) (z >> 40) * (1.0f / 8388608.0f) - 1.0f) * scale;
}

static long
status_kb (const char *key)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  gsize key_len = strlen (key);

  if (!g_file_get_contents ("/proc/self/status", &text, NULL, NULL))
    return -1;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strncmp (lines[i], key, key_len) == 0 && lines[i][key_len] == ':')
      return atol (lines[i] + key_len + 1);
  return -1;
}

/* Resets VmHWM to the current RSS (Linux ≥ 4.0). */
static gboolean
reset_peak (void)
{
  FILE *file = fopen ("/proc/self/clear_refs", "w");
  gboolean ok;

  if (file == NULL)
    return FALSE;
  ok = fputs ("5", file) >= 0;
  return fclose (file) == 0 && ok;
}

/* The best of several runs: on a shared machine the other processes only
 * ever add time, so the minimum is the steadiest estimate. */
static double
best_of (const double *values,
         gsize         n)
{
  double best = values[0];

  for (gsize i = 1; i < n; i++)
    best = MIN (best, values[i]);
  return best;
}

/* Largest difference between two n × k coordinate (or k × d component)
 * sets, each axis' sign aligned first. */
static double
aligned_difference (const double *ours,
                    const double *theirs,
                    gsize         n,
                    guint         k,
                    gboolean      by_rows)
{
  double worst = 0.0;

  for (guint c = 0; c < k; c++)
    {
      double dot = 0.0, sign;

      for (gsize i = 0; i < n; i++)
        {
          gsize at = by_rows ? c * n + i : i * k + c;
          dot += ours[at] * theirs[at];
        }
      sign = dot < 0 ? -1.0 : 1.0;
      for (gsize i = 0; i < n; i++)
        {
          gsize at = by_rows ? c * n + i : i * k + c;
          worst = MAX (worst, fabs (ours[at] - sign * theirs[at]));
        }
    }
  return worst;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— local and global PCA against scikit-learn");
  g_autoptr(GError) error = NULL;
  g_autofree float *matrix = NULL;
  g_autofree gsize *rows = NULL;
  g_autofree double *coords = NULL;
  g_autofree double *times = NULL;
  g_autoptr(WsPca) global = NULL;
  gsize n, d, local_n, step;
  double local_s, global_s = 0.0, global_extra_mb;
  long rss_before;
  gboolean peak_ok;
  guint global_reps;
  gint64 start;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-projection: %s\n", error->message);
      return 2;
    }
  if (opt_rows < 2 || opt_dim < 3 || opt_local_rows < 2 || opt_local_rows > opt_rows || opt_reps < 1)
    {
      g_printerr ("bench-projection: need --rows ≥ --local-rows ≥ 2, --dim ≥ 3, --reps ≥ 1\n");
      return 2;
    }
  n = opt_rows;
  d = opt_dim;
  local_n = opt_local_rows;
  step = n / local_n;

  printf ("# bench-projection: %" G_GSIZE_FORMAT " × %" G_GSIZE_FORMAT " float32 (%.0f MB), "
          "local PCA of %" G_GSIZE_FORMAT " rows\n", n, d, n * d * 4.0 / 1e6, local_n);

  start = g_get_monotonic_time ();
  matrix = g_try_new (float, n * d);
  if (matrix == NULL)
    {
      g_printerr ("bench-projection: cannot allocate %.1f GB\n", n * d * 4.0 / 1e9);
      return 1;
    }
  {
    g_autofree float *scales = g_new (float, d);

    for (gsize j = 0; j < d; j++)
      scales[j] = (float) (1.0 / (1.0 + j / 20.0));
    for (gsize i = 0; i < n; i++)
      for (gsize j = 0; j < d; j++)
        matrix[i * d + j] = generated_value (i * d + j, scales[j]);
  }
  printf ("# generated in %.1f s\n", (g_get_monotonic_time () - start) / 1e6);

  /* Global first, cold: its memory then counts every buffer it needs,
   * OpenBLAS's included. */
  global_reps = n >= 1000000 ? 1 : 3;
  times = g_new (double, MAX ((guint) opt_reps, global_reps));
  rss_before = status_kb ("VmRSS");
  peak_ok = reset_peak ();
  for (guint r = 0; r < global_reps; r++)
    {
      g_clear_object (&global);
      start = g_get_monotonic_time ();
      global = ws_pca_fit_global (matrix, n, d, 2, opt_threads, NULL, &error);
      times[r] = (g_get_monotonic_time () - start) / 1e6;
      g_assert_no_error (error);
    }
  global_s = best_of (times, global_reps);
  global_extra_mb = peak_ok ? (status_kb ("VmHWM") - rss_before) / 1024.0 : -1.0;

  rows = g_new (gsize, local_n);
  for (gsize i = 0; i < local_n; i++)
    rows[i] = i * step;
  coords = g_new (double, local_n * 2);
  for (int r = 0; r < 3; r++)
    g_object_unref (ws_pca_fit (matrix, d, rows, local_n, 2, coords, NULL));
  for (int r = 0; r < opt_reps; r++)
    {
      WsPca *pca;

      start = g_get_monotonic_time ();
      pca = ws_pca_fit (matrix, d, rows, local_n, 2, coords, &error);
      times[r] = (g_get_monotonic_time () - start) / 1e6;
      g_assert_no_error (error);
      g_object_unref (pca);
    }
  local_s = best_of (times, opt_reps);

  printf ("wordspace     local PCA  %5" G_GSIZE_FORMAT " × %" G_GSIZE_FORMAT ":  %9.3f ms\n",
          local_n, d, local_s * 1e3);
  printf ("wordspace     global PCA %" G_GSIZE_FORMAT " × %" G_GSIZE_FORMAT ": %9.3f s, "
          "%.1f MB beyond the matrix, ratios %.6f %.6f\n", n, d, global_s, global_extra_mb,
          ws_pca_get_explained_variance_ratio (global)[0],
          ws_pca_get_explained_variance_ratio (global)[1]);

  if (!opt_no_peer)
    {
      const char *python = opt_python ? opt_python : g_getenv ("WS_PYTHON");
      g_autofree char *script = opt_script ? g_strdup (opt_script)
                                           : g_build_filename (WS_BENCH_SRCDIR, "bench-projection.py", NULL);
      g_autofree char *tmpdir = g_dir_make_tmp ("wordspace-bench-XXXXXX", &error);
      g_autofree char *path = NULL;
      g_autofree char *prefix = NULL;
      g_autofree char *out = NULL;
      g_autofree char *local_path = NULL;
      g_autofree char *global_path = NULL;
      g_autofree char *theirs_local = NULL;
      g_autofree char *theirs_global = NULL;
      g_autofree char *n_text = g_strdup_printf ("%" G_GSIZE_FORMAT, n);
      g_autofree char *d_text = g_strdup_printf ("%" G_GSIZE_FORMAT, d);
      g_autofree char *l_text = g_strdup_printf ("%" G_GSIZE_FORMAT, local_n);
      g_autofree char *r_text = g_strdup_printf ("%d", MAX (5, opt_reps / 2));
      g_auto(GStrv) lines = NULL;
      double peer_local_auto = NAN, peer_local_full = NAN, peer_global = NAN, peer_extra = NAN;
      gsize len;
      FILE *file;
      int status = 0;

      g_assert_no_error (error);
      if (python == NULL)
        python = "/usr/bin/python3";
      path = g_build_filename (tmpdir, "matrix.f32", NULL);
      prefix = g_build_filename (tmpdir, "result", NULL);
      file = fopen (path, "wb");
      if (file == NULL || fwrite (matrix, sizeof (float) * d, n, file) != n || fclose (file) != 0)
        {
          g_printerr ("bench-projection: cannot write %s\n", path);
          return 1;
        }
      /* scikit-learn gets the machine's memory to itself. */
      g_clear_pointer (&matrix, g_free);

      {
        const char *peer_argv[] = { python, script, path, n_text, d_text, l_text, r_text, prefix, NULL };

        if (!g_spawn_sync (NULL, (char **) peer_argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                           &out, NULL, &status, &error) ||
            !g_spawn_check_wait_status (status, &error))
          {
            g_printerr ("bench-projection: %s %s: %s\n", python, script, error->message);
            g_unlink (path);
            g_rmdir (tmpdir);
            return 1;
          }
      }
      lines = g_strsplit (out, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          if (g_str_has_prefix (lines[i], "local_auto_s "))
            peer_local_auto = g_ascii_strtod (lines[i] + 13, NULL);
          else if (g_str_has_prefix (lines[i], "local_full_s "))
            peer_local_full = g_ascii_strtod (lines[i] + 13, NULL);
          else if (g_str_has_prefix (lines[i], "global_randomized_s "))
            peer_global = g_ascii_strtod (lines[i] + 20, NULL);
          else if (g_str_has_prefix (lines[i], "global_extra_mb "))
            peer_extra = g_ascii_strtod (lines[i] + 16, NULL);
        }

      local_path = g_strconcat (prefix, ".local", NULL);
      global_path = g_strconcat (prefix, ".global", NULL);
      if (g_file_get_contents (local_path, &theirs_local, &len, NULL) &&
          len == local_n * 2 * sizeof (double) &&
          g_file_get_contents (global_path, &theirs_global, &len, NULL) &&
          len == 2 * d * sizeof (double))
        {
          printf ("agreement     local coordinates vs PCA(svd_solver='full'): largest difference %.2e\n",
                  aligned_difference (coords, (const double *) theirs_local, local_n, 2, FALSE));
          printf ("agreement     global components vs PCA(svd_solver='randomized'): largest difference %.2e\n",
                  aligned_difference (ws_pca_get_components (global), (const double *) theirs_global,
                                      d, 2, TRUE));
        }
      g_unlink (local_path);
      g_unlink (global_path);
      g_unlink (path);
      g_rmdir (tmpdir);

      printf ("scikit-learn  local PCA  %5" G_GSIZE_FORMAT " × %" G_GSIZE_FORMAT
              ":  %9.3f ms (default solver: auto → randomized), %.3f ms (full)\n",
              local_n, d, peer_local_auto * 1e3, peer_local_full * 1e3);
      printf ("scikit-learn  global PCA %" G_GSIZE_FORMAT " × %" G_GSIZE_FORMAT
              ": %9.3f s (randomized), %.1f MB beyond the matrix\n", n, d, peer_global, peer_extra);
      printf ("ratio         local PCA:  %.1f× faster than the default solver (goal ≥ 5×), "
              "%.1f× faster than full\n", peer_local_auto / local_s, peer_local_full / local_s);
      printf ("ratio         global PCA: %.1f× faster than randomized (goal ≥ 5×); "
              "memory beyond the matrix %.1f MB (goal ≤ 64 MB) vs %.1f MB\n",
              peer_global / global_s, global_extra_mb, peer_extra);
    }
  return 0;
}
