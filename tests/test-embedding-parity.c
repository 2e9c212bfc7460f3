/* test-embedding-parity.c: initial embedding weights against PyTorch itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs tests/parity/torch_embedding.py through $WS_PYTHON twice, once with
 * ATEN_CPU_CAPABILITY=default and once with avx2, and compares every weight
 * of many (V, D, seed) triples with ws_embedding_layer_new_torch () on the
 * matching kernel: sizes below 16 (the double path), exact multiples of 16,
 * sizes with a redrawn tail, large layers; seeds from 0 to 2⁶⁴ - 1 and a
 * negative one. Each weight must be within 1e-6 and print the same to 4
 * decimals; how many are bit-exact is reported. Skips when torch is absent.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ws-embedding-layer.h"
#include "ws-test-util.h"

typedef struct
{
  gsize   vocab_size;
  gsize   dim;
  gint64  seed_signed;                              /* as torch is given it */
  guint64 seed;
} Triple;

typedef struct
{
  const char     *capability;                       /* ATEN_CPU_CAPABILITY */
  WsTorchKernel   kernel;
  GMappedFile    *file;
  const float    *oracle;
  gboolean        available;
  char           *why;
  gsize           n_weights;
  gsize           n_exact;
  gsize           n_triples_exact;
  double          max_diff;
} Run;

static GArray *triples;
static Run runs[] = {
  { "default", WS_TORCH_KERNEL_SCALAR },
  { "avx2", WS_TORCH_KERNEL_VECTOR },
};

/* A TAP plan of no tests, skipped, and exit status 0: meson's TAP reader
 * counts that as skipped, but any other status, 77 included, as an error. */
static void
skip_all (const char *why)
{
  printf ("1..0 # SKIP %s\n", why);
  exit (0);
}

static void
add_triple (gsize  vocab_size,
            gsize  dim,
            gint64 seed_signed,
            guint64 seed)
{
  Triple t = { vocab_size, dim, seed_signed, seed };

  g_array_append_val (triples, t);
}

static void
make_triples (void)
{
  /* [V, D] */
  static const gsize small[][2] = {
    { 1, 1 }, { 2, 3 }, { 5, 3 }, { 6, 3 }, { 3, 5 }, { 1, 15 }, { 15, 1 }, { 7, 2 },
  };
  static const gsize multiple[][2] = {
    { 4, 4 }, { 16, 1 }, { 1, 16 }, { 8, 2 }, { 32, 3 }, { 100, 16 }, { 64, 300 },
  };
  static const gsize tail[][2] = {
    { 17, 1 }, { 6, 5 }, { 5, 4 }, { 33, 3 }, { 10, 10 }, { 1, 31 }, { 100, 17 }, { 257, 7 },
  };
  static const gsize large[][2] = {
    { 50000, 3 }, { 50001, 3 }, { 1000, 300 }, { 999, 301 },
  };
  static const guint64 seeds[] = {
    0, 1, 42, 123, G_GUINT64_CONSTANT (2147483648), G_GUINT64_CONSTANT (4294967301),
    G_GUINT64_CONSTANT (9223372036854788153), G_MAXUINT64,
  };

  triples = g_array_new (FALSE, FALSE, sizeof (Triple));
  for (gsize s = 0; s < G_N_ELEMENTS (seeds); s++)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (small); i++)
        add_triple (small[i][0], small[i][1], 0, seeds[s]);
      for (gsize i = 0; i < G_N_ELEMENTS (multiple); i++)
        add_triple (multiple[i][0], multiple[i][1], 0, seeds[s]);
      for (gsize i = 0; i < G_N_ELEMENTS (tail); i++)
        add_triple (tail[i][0], tail[i][1], 0, seeds[s]);
    }
  /* The large layers with a few seeds, to keep the run short. */
  for (gsize s = 0; s < 4; s++)
    for (gsize i = 0; i < G_N_ELEMENTS (large); i++)
      add_triple (large[i][0], large[i][1], 0, seeds[s * 2 + 1]);
  /* torch takes negative seeds modulo 2⁶⁴. */
  add_triple (6, 3, -7, (guint64) (gint64) -7);
  add_triple (40, 3, -7, (guint64) (gint64) -7);
}

static char *
seed_text (const Triple *t)
{
  if (t->seed_signed < 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, t->seed_signed);
  return g_strdup_printf ("%" G_GUINT64_FORMAT, t->seed);
}

/* Runs the oracle with @run's capability; marks the run unavailable (with
 * the reason) when torch runs another kernel than asked on this processor. */
static void
run_oracle (Run *run)
{
  const char *python = g_getenv ("WS_PYTHON");
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "parity", "torch_embedding.py", NULL);
  g_autofree char *out_name = g_strdup_printf ("torch-%s.f32", run->capability);
  g_autofree char *out_path = g_build_filename (ws_test_tmpdir (), out_name, NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) envp = g_get_environ ();
  g_auto(GStrv) lines = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  gboolean vector;
  int status = 0;

  if (python == NULL || *python == '\0')
    python = "/usr/bin/python3";
  if (!g_file_test (python, G_FILE_TEST_IS_EXECUTABLE))
    skip_all ("no Python to run torch");

  g_ptr_array_add (argv, g_strdup (python));
  g_ptr_array_add (argv, g_strdup (script));
  g_ptr_array_add (argv, g_strdup (out_path));
  for (guint i = 0; i < triples->len; i++)
    {
      const Triple *t = &g_array_index (triples, Triple, i);
      g_autofree char *seed = seed_text (t);

      g_ptr_array_add (argv, g_strdup_printf ("%" G_GSIZE_FORMAT ",%" G_GSIZE_FORMAT ",%s",
                                              t->vocab_size, t->dim, seed));
    }
  g_ptr_array_add (argv, NULL);
  envp = g_environ_setenv (envp, "ATEN_CPU_CAPABILITY", run->capability, TRUE);
  envp = g_environ_setenv (envp, "OMP_NUM_THREADS", "1", TRUE);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, &error))
    {
      printf ("Bail out! cannot run %s: %s\n", script, error->message);
      exit (1);
    }
  if (!g_spawn_check_wait_status (status, &error))
    {
      if (g_error_matches (error, G_SPAWN_EXIT_ERROR, 77))
        skip_all ("python3-torch is not installed");
      printf ("Bail out! %s failed: %s\n%s\n", script, error->message, err);
      exit (1);
    }

  lines = g_strsplit (out, "\n", -1);
  if (g_strv_length (lines) < 2)
    {
      printf ("Bail out! %s printed no capability\n", script);
      exit (1);
    }
  printf ("# torch %s, ATEN_CPU_CAPABILITY=%s runs \"%s\"\n",
          lines[0], run->capability, lines[1]);
  vector = strcmp (lines[1], "AVX2") == 0 || strcmp (lines[1], "AVX512") == 0;
  if (vector != (run->kernel == WS_TORCH_KERNEL_VECTOR))
    {
      run->why = g_strdup_printf ("torch runs its “%s” kernels here, not %s", lines[1],
                                  run->capability);
      return;
    }

  run->file = g_mapped_file_new (out_path, FALSE, &error);
  g_assert_no_error (error);
  run->oracle = (const float *) g_mapped_file_get_contents (run->file);
  run->available = TRUE;
}

static void
test_triple (gconstpointer data)
{
  const Triple *t = data;
  gsize index = t - &g_array_index (triples, Triple, 0);
  gsize offset = 0;

  for (guint i = 0; i < index; i++)
    offset += g_array_index (triples, Triple, i).vocab_size * g_array_index (triples, Triple, i).dim;

  for (gsize r = 0; r < G_N_ELEMENTS (runs); r++)
    {
      Run *run = &runs[r];
      g_autoptr(GError) error = NULL;
      g_autoptr(WsEmbeddingLayer) layer = NULL;
      const float *ours, *theirs;
      gsize n = t->vocab_size * t->dim;
      gsize exact = 0;

      if (!run->available)
        continue;
      g_assert_cmpuint (g_mapped_file_get_length (run->file), >=, (offset + n) * sizeof (float));
      layer = ws_embedding_layer_new_torch (t->vocab_size, t->dim, t->seed, run->kernel, &error);
      g_assert_no_error (error);
      ours = ws_embedding_layer_get_weight (layer);
      theirs = run->oracle + offset;
      for (gsize i = 0; i < n; i++)
        {
          double diff = fabs ((double) ours[i] - (double) theirs[i]);
          char a[32], b[32];

          if (ours[i] == theirs[i])
            exact++;
          if (!(diff <= 1e-6))
            g_error ("%s kernel, V=%zu D=%zu seed=%" G_GUINT64_FORMAT ": weight %zu is "
                     "%.9g, torch has %.9g", run->capability, t->vocab_size, t->dim,
                     t->seed, i, ours[i], theirs[i]);
          g_snprintf (a, sizeof a, "%.4f", ours[i]);
          g_snprintf (b, sizeof b, "%.4f", theirs[i]);
          g_assert_cmpstr (a, ==, b);
          run->max_diff = MAX (run->max_diff, diff);
        }
      run->n_weights += n;
      run->n_exact += exact;
      run->n_triples_exact += exact == n;
    }
}

/* Printed after the run as TAP comments, for the record. */
static void
print_summary (void)
{
  for (gsize r = 0; r < G_N_ELEMENTS (runs); r++)
    {
      const Run *run = &runs[r];

      if (!run->available)
        printf ("# %s kernel not compared: %s\n", run->capability, run->why);
      else
        printf ("# %s kernel: %u triples, %zu of them bit-exact; %zu of %zu weights "
                "bit-exact; largest difference %.3g\n",
                run->capability, triples->len, run->n_triples_exact, run->n_exact,
                run->n_weights, run->max_diff);
    }
}

int
main (int    argc,
      char **argv)
{
  int result;

  g_test_init (&argc, &argv, NULL);
  make_triples ();
  for (gsize r = 0; r < G_N_ELEMENTS (runs); r++)
    run_oracle (&runs[r]);

  for (guint i = 0; i < triples->len; i++)
    {
      const Triple *t = &g_array_index (triples, Triple, i);
      g_autofree char *seed = seed_text (t);
      g_autofree char *path = g_strdup_printf ("/embedding-parity/%" G_GSIZE_FORMAT "x%" G_GSIZE_FORMAT "/seed-%s",
                                               t->vocab_size, t->dim, seed);

      g_test_add_data_func (path, t, test_triple);
    }

  result = g_test_run ();
  print_summary ();
  for (gsize r = 0; r < G_N_ELEMENTS (runs); r++)
    {
      g_clear_pointer (&runs[r].file, g_mapped_file_unref);
      g_free (runs[r].why);
    }
  g_array_unref (triples);
  return result;
}
