/* test-projection.c: PCA and projections, checked against scikit-learn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The oracle is tests/parity/sklearn_pca.py, run with $WS_PYTHON (Debian's
 * python3 with scikit-learn 1.2) on the very float32 values the engine sees.
 * Coordinates, ratios and components must agree within 1e-4 once each
 * axis' sign is aligned; on data without near-ties the signs must agree too.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "ws-pca.h"
#include "ws-projection.h"
#include "ws-vectors.h"
#include "ws-vectors-private.h"
#include "ws-test-model.h"
#include "ws-test-util.h"

#define TOLERANCE 1e-4

/* --- the scikit-learn oracle -------------------------------------------- */

typedef struct
{
  guint   k;
  gsize   n, d;
  double  ratio[WS_PCA_MAX_COMPONENTS];
  double  variance[WS_PCA_MAX_COMPONENTS];
  double *components;   /* k × d */
  double *coords;       /* n × k */
} Oracle;


static void
oracle_clear (Oracle *o)
{
  g_clear_pointer (&o->components, g_free);
  g_clear_pointer (&o->coords, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Oracle, oracle_clear)

static void
parse_numbers (const char *text,
               double     *out,
               gsize       count)
{
  const char *p = text;

  for (gsize i = 0; i < count; i++)
    {
      char *end = NULL;

      out[i] = g_ascii_strtod (p, &end);
      g_assert_true (end != p);
      p = end;
    }
}

/* Runs scikit-learn on @x (n × d). FALSE (and the test skipped) when Python
 * or scikit-learn is missing. */
static gboolean
oracle_run (const float *x,
            gsize        n,
            gsize        d,
            guint        k,
            gboolean     as_given,
            Oracle      *o)
{
  const char *python = g_getenv ("WS_PYTHON");
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "parity", "sklearn_pca.py", NULL);
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *n_text = g_strdup_printf ("%" G_GSIZE_FORMAT, n);
  g_autofree char *d_text = g_strdup_printf ("%" G_GSIZE_FORMAT, d);
  g_autofree char *k_text = g_strdup_printf ("%u", k);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[8];
  gsize component = 0, coord = 0;
  int status = 0;

  if (python == NULL)
    python = "/usr/bin/python3";
  path = ws_test_write_file ("oracle-input.f32", x, n * d * sizeof (float));
  argv[0] = python;
  argv[1] = script;
  argv[2] = path;
  argv[3] = n_text;
  argv[4] = d_text;
  argv[5] = k_text;
  argv[6] = as_given ? "--as-given" : NULL;
  argv[7] = NULL;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, &error))
    {
      g_test_skip_printf ("cannot run %s: %s", python, error->message);
      return FALSE;
    }
  if (!g_spawn_check_wait_status (status, NULL))
    {
      if (strstr (err, "ModuleNotFoundError") != NULL)
        {
          g_test_skip_printf ("scikit-learn is missing: %s", err);
          return FALSE;
        }
      g_error ("sklearn_pca.py failed: %s", err);
    }

  o->k = k;
  o->n = n;
  o->d = d;
  o->components = g_new0 (double, k * d);
  o->coords = g_new0 (double, n * k);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_str_has_prefix (line, "ratio "))
        parse_numbers (line + 6, o->ratio, k);
      else if (g_str_has_prefix (line, "variance "))
        parse_numbers (line + 9, o->variance, k);
      else if (g_str_has_prefix (line, "component "))
        {
          g_assert_cmpuint (component, <, k);
          parse_numbers (line + 10, o->components + component++ * d, d);
        }
      else if (g_str_has_prefix (line, "coord "))
        {
          g_assert_cmpuint (coord, <, n);
          parse_numbers (line + 6, o->coords + coord++ * k, k);
        }
    }
  g_assert_cmpuint (component, ==, k);
  g_assert_cmpuint (coord, ==, n);
  return TRUE;
}

/* Compares our answer with scikit-learn's. Returns how many axes had to be
 * flipped to align. @components may be NULL. */
static guint
assert_matches (const Oracle *o,
                const double *coords,
                const double *ratio,
                const double *components,
                double        tolerance)
{
  guint flipped = 0;

  for (guint c = 0; c < o->k; c++)
    {
      double dot = 0.0;
      double sign;

      for (gsize i = 0; i < o->n; i++)
        dot += coords[i * o->k + c] * o->coords[i * o->k + c];
      sign = dot < 0 ? -1.0 : 1.0;
      if (sign < 0)
        flipped++;

      for (gsize i = 0; i < o->n; i++)
        {
          double ours = coords[i * o->k + c];
          double theirs = sign * o->coords[i * o->k + c];

          if (!(fabs (ours - theirs) <= tolerance))
            g_error ("row %" G_GSIZE_FORMAT " axis %u: ours %.9g, scikit-learn %.9g",
                     i, c, ours, theirs);
        }

      if (isnan (o->ratio[c]))
        g_assert_true (isnan (ratio[c]));
      else
        g_assert_cmpfloat_with_epsilon (ratio[c], o->ratio[c], tolerance);

      /* An axis without variance has an arbitrary direction. */
      if (components != NULL && o->ratio[c] > 1e-9)
        for (gsize j = 0; j < o->d; j++)
          g_assert_cmpfloat_with_epsilon (components[c * o->d + j],
                                          sign * o->components[c * o->d + j], tolerance);
    }
  return flipped;
}

/* --- generated data ----------------------------------------------------- */

/* @n × @d rows: four planted directions of decreasing weight, noise, and
 * @offset added to every value (a large mean tests the centring). */
static float *
make_data (gsize   n,
           gsize   d,
           guint32 seed,
           double  offset)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  const double weights[] = { 4.0, 3.0, 2.0, 1.5 };
  g_autofree double *basis = g_new (double, 4 * d);
  float *x = g_new (float, n * d);

  for (gsize i = 0; i < 4 * d; i++)
    basis[i] = g_rand_double_range (rand, -1.0, 1.0) / sqrt (d / 3.0);
  for (gsize i = 0; i < n; i++)
    {
      double a[4];

      for (guint t = 0; t < 4; t++)
        a[t] = g_rand_double_range (rand, -1.0, 1.0) * weights[t];
      for (gsize j = 0; j < d; j++)
        {
          double value = offset + 0.3 * g_rand_double_range (rand, -1.0, 1.0);

          for (guint t = 0; t < 4; t++)
            value += a[t] * basis[t * d + j];
          x[i * d + j] = (float) value;
        }
    }
  return x;
}

static void
check_local (const float *x,
             gsize        n,
             gsize        d,
             guint        k,
             gboolean     as_given,
             gboolean     expect_same_signs)
{
  g_auto(Oracle) o = { 0 };
  g_autoptr(WsPca) pca = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *coords = g_new (double, n * k);
  guint flipped;

  if (!oracle_run (x, n, d, k, as_given, &o))
    return;
  pca = ws_pca_fit (x, d, NULL, n, k, coords, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ws_pca_get_n_components (pca), ==, k);
  flipped = assert_matches (&o, coords, ws_pca_get_explained_variance_ratio (pca),
                            ws_pca_get_components (pca), TOLERANCE);
  for (guint c = 0; c < k; c++)
    if (o.ratio[c] > 1e-9)
      g_assert_cmpfloat_with_epsilon (ws_pca_get_explained_variance (pca)[c], o.variance[c],
                                      TOLERANCE * MAX (1.0, o.variance[c]));
  if (expect_same_signs)
    g_assert_cmpuint (flipped, ==, 0);
}

static void
test_local_generated (void)
{
  /* n, d, k: each way through the code (dense or Krylov eigensolver, Gram
   * or covariance matrix). */
  const struct { gsize n, d; guint k; double offset; } cases[] = {
    { 40, 20, 2, 0.0 },        /* covariance, dense */
    { 40, 300, 2, 0.0 },       /* Gram, dense */
    { 150, 300, 3, 0.0 },      /* Gram, Krylov */
    { 1000, 300, 2, 0.0 },     /* covariance, Krylov */
    { 1000, 300, 3, 0.5 },
    { 300, 50, 3, 100.0 },     /* a mean far larger than the spread */
    { 9000, 40, 2, 0.0 },      /* covariance over several blocks */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree float *x = make_data (cases[i].n, cases[i].d, 100 + i, cases[i].offset);

      g_test_message ("%" G_GSIZE_FORMAT " x %" G_GSIZE_FORMAT ", %u components",
                      cases[i].n, cases[i].d, cases[i].k);
      check_local (x, cases[i].n, cases[i].d, cases[i].k, FALSE, TRUE);
    }
}

static void
test_local_as_given (void)
{
  /* What a scikit-learn user gets: float32 in, svd_solver 'auto' (full here). */
  g_autofree float *x = make_data (300, 50, 7, 0.0);

  check_local (x, 300, 50, 2, TRUE, TRUE);
}

static void
test_local_degenerate (void)
{
  g_autofree float *two = make_data (2, 300, 11, 0.0);
  g_autofree float *wide = make_data (5, 300, 12, 0.0);
  g_autofree float *same = g_new (float, 6 * 30);
  g_autofree float *flat = g_new (float, 50 * 30);
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);

  /* Two words: one axis of variance, the second has none. */
  check_local (two, 2, 300, 2, FALSE, FALSE);
  /* More dimensions than rows. */
  check_local (wide, 5, 300, 3, FALSE, FALSE);
  /* Identical rows: no variance at all, ratios 0 / 0. */
  for (gsize i = 0; i < 6; i++)
    for (gsize j = 0; j < 30; j++)
      same[i * 30 + j] = 0.25f * (float) j - 1.0f;
  check_local (same, 6, 30, 2, FALSE, FALSE);
  /* Rows on a plane: the third axis has no variance. */
  for (gsize i = 0; i < 50; i++)
    {
      double s = g_rand_double_range (rand, -1, 1), t = g_rand_double_range (rand, -1, 1);

      for (gsize j = 0; j < 30; j++)
        flat[i * 30 + j] = (float) (s * sin (j + 1.0) + 0.5 * t * cos (3.0 * j));
    }
  check_local (flat, 50, 30, 3, FALSE, FALSE);
}

static void
test_local_degenerate_values (void)
{
  const float two[] = { 1, 2, 3,   3, 2, 1 };
  const float same[] = { 1, 2, 3,   1, 2, 3,   1, 2, 3 };
  double coords[9];
  g_autoptr(GError) error = NULL;
  g_autoptr(WsPca) pca = NULL;
  g_autoptr(WsPca) pca3 = NULL;
  g_autoptr(WsPca) flat = NULL;

  /* Two words sit at ± half their distance; the first one is positive. */
  pca = ws_pca_fit (two, 3, NULL, 2, 2, coords, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (coords[0], sqrt (8.0) / 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (coords[2], -sqrt (8.0) / 2, 1e-9);
  g_assert_cmpfloat (coords[1], ==, 0.0);
  g_assert_cmpfloat (coords[3], ==, 0.0);
  g_assert_cmpfloat_with_epsilon (ws_pca_get_explained_variance_ratio (pca)[0], 1.0, 1e-12);
  g_assert_cmpfloat (ws_pca_get_explained_variance_ratio (pca)[1], ==, 0.0);

  /* Three axes of two words (scikit-learn refuses): zero axes. */
  pca3 = ws_pca_fit (two, 3, NULL, 2, 3, coords, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (coords[2], ==, 0.0);
  g_assert_cmpfloat (coords[5], ==, 0.0);

  flat = ws_pca_fit (same, 3, NULL, 3, 2, coords, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpfloat (coords[i], ==, 0.0);
  g_assert_true (isnan (ws_pca_get_explained_variance_ratio (flat)[0]));
}

/* --- the shared test data ---------------------------------------------- */

static WsVectors *
load_testdata (const char *name)
{
  g_autofree char *path = ws_test_data_path (name);
  g_autoptr(GError) error = NULL;
  WsLoadOptions options;
  WsVectors *vectors;

  if (path == NULL)
    return NULL;
  ws_load_options_init (&options);
  /* pang_lee_polarity_fasttext.vec has invalid UTF-8; gensim too needs
   * unicode_errors='replace' for it. */
  options.utf8_policy = WS_UTF8_REPLACE;
  vectors = ws_vectors_load (path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return vectors;
}

static void
test_local_testdata (void)
{
  const char *files[] = {
    "EN.1-10.cbow1_wind5_hs0_neg10_size300_smpl1e-05.txt",
    "test_glove.txt",
    "lee_fasttext.vec",
    "pang_lee_polarity_fasttext.vec",
    "euclidean_vectors.bin",
    "crime-and-punishment.vec",
  };

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr(WsVectors) vectors = load_testdata (files[f]);
      gsize n, d, n_every;
      g_autofree gsize *every = NULL;
      g_autofree float *picked = NULL;

      if (vectors == NULL)
        return;
      n = ws_vectors_get_n_words (vectors);
      d = ws_vectors_get_dim (vectors);
      g_test_message ("%s: %" G_GSIZE_FORMAT " x %" G_GSIZE_FORMAT, files[f], n, d);

      /* All rows, then every 7th through the projection API. */
      check_local (ws_test_all_rows (vectors), n, d, 2, FALSE, FALSE);
      check_local (ws_test_all_rows (vectors), n, d, 3, FALSE, FALSE);

      n_every = (n + 6) / 7;
      every = g_new (gsize, n_every);
      picked = g_new (float, n_every * d);
      for (gsize i = 0; i < n_every; i++)
        {
          every[i] = i * 7;
          memcpy (picked + i * d, ws_vectors_get_row (vectors, every[i]), d * sizeof (float));
        }
      {
        g_auto(Oracle) o = { 0 };
        g_autoptr(WsProjection) projection = NULL;
        g_autoptr(GError) error = NULL;
        WsProjectionOptions options;
        double ratio[2];

        if (!oracle_run (picked, n_every, d, 2, FALSE, &o))
          return;
        ws_projection_options_init (&options);
        projection = ws_projection_new (vectors, every, n_every, &options, NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpint (ws_projection_get_method (projection), ==, WS_PROJECTION_LOCAL);
        for (guint c = 0; c < 2; c++)
          ratio[c] = ws_projection_get_explained_variance_ratio (projection, c);
        assert_matches (&o, ws_projection_get_coordinates (projection), ratio, NULL, TOLERANCE);
      }
    }
}

/* --- stability ------------------------------------------------------------ */

static void
test_sign_stability (void)
{
  const gsize n = 500, d = 100;
  g_autofree float *x = make_data (n, d, 21, 0.0);
  g_autofree gsize *reversed = g_new (gsize, n);
  g_autofree double *first = g_new (double, n * 3);
  g_autofree double *again = g_new (double, n * 3);
  g_autofree double *backwards = g_new (double, n * 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(WsPca) a = NULL;
  g_autoptr(WsPca) b = NULL;
  g_autoptr(WsPca) c = NULL;

  for (gsize i = 0; i < n; i++)
    reversed[i] = n - 1 - i;
  a = ws_pca_fit (x, d, NULL, n, 3, first, &error);
  g_assert_no_error (error);
  b = ws_pca_fit (x, d, NULL, n, 3, again, &error);
  g_assert_no_error (error);
  c = ws_pca_fit (x, d, reversed, n, 3, backwards, &error);
  g_assert_no_error (error);

  /* The same rows give the same picture, bit for bit; in another order,
   * each word still lands at the same place. */
  g_assert_cmpmem (first, n * 3 * sizeof (double), again, n * 3 * sizeof (double));
  for (gsize i = 0; i < n; i++)
    for (guint k = 0; k < 3; k++)
      g_assert_cmpfloat_with_epsilon (first[i * 3 + k], backwards[(n - 1 - i) * 3 + k], 1e-5);
}

/* --- global PCA ------------------------------------------------------------ */

static void
test_global_matches_sklearn (void)
{
  /* Enough rows for several blocks on two threads. */
  const gsize n = 40000, d = 16;
  g_autofree float *x = make_data (n, d, 31, 3.0);
  g_auto(Oracle) o = { 0 };
  g_autoptr(WsPca) pca = NULL;
  g_autoptr(WsPca) single = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *coords = g_new (double, n * 3);

  if (!oracle_run (x, n, d, 3, FALSE, &o))
    return;
  pca = ws_pca_fit_global (x, n, d, 3, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ws_pca_get_n_samples (pca), ==, n);
  ws_pca_transform (pca, x, NULL, n, coords);
  /* The same signs as scikit-learn's, too. */
  g_assert_cmpuint (assert_matches (&o, coords, ws_pca_get_explained_variance_ratio (pca),
                                    ws_pca_get_components (pca), TOLERANCE), ==, 0);

  /* One thread or two: the same axes. */
  single = ws_pca_fit_global (x, n, d, 3, 1, NULL, &error);
  g_assert_no_error (error);
  for (gsize i = 0; i < 3 * d; i++)
    g_assert_cmpfloat_with_epsilon (ws_pca_get_components (single)[i],
                                    ws_pca_get_components (pca)[i], 1e-9);
}

typedef struct
{
  const float *x;
  gsize        d;
  gsize        calls;
} CopySource;

/* Hands out copies, as a model that derives its rows on demand would. */
static const float *
copy_rows (gpointer  data,
           gsize     first,
           gsize     n_rows,
           float    *scratch)
{
  CopySource *source = data;

  g_assert_cmpuint (n_rows, <=, 4096);
  memcpy (scratch, source->x + first * source->d, n_rows * source->d * sizeof (float));
  g_atomic_pointer_add (&source->calls, 1);
  return scratch;
}

/* A fit from rows handed out a block at a time is the fit of the matrix. */
static void
test_global_from_blocks (void)
{
  const gsize n = 20000, d = 12;
  g_autofree float *x = make_data (n, d, 47, 2.0);
  g_autoptr(WsPca) whole = NULL;
  g_autoptr(WsPca) blocks = NULL;
  g_autoptr(GError) error = NULL;
  CopySource source = { x, d, 0 };

  whole = ws_pca_fit_global (x, n, d, 3, 2, NULL, &error);
  g_assert_no_error (error);
  blocks = ws_pca_fit_global_rows (copy_rows, &source, n, d, 3, 2, NULL, &error);
  g_assert_no_error (error);
  /* The first block for the provisional mean, then two passes of 5 blocks. */
  g_assert_cmpuint (source.calls, ==, 1 + 2 * 5);
  for (gsize i = 0; i < 3 * d; i++)
    g_assert_cmpfloat (ws_pca_get_components (blocks)[i], ==, ws_pca_get_components (whole)[i]);
  for (guint k = 0; k < 3; k++)
    g_assert_cmpfloat (ws_pca_get_explained_variance (blocks)[k], ==,
                       ws_pca_get_explained_variance (whole)[k]);
  for (gsize j = 0; j < d; j++)
    g_assert_cmpfloat (ws_pca_get_mean (blocks)[j], ==, ws_pca_get_mean (whole)[j]);
}

static WsVectors *
make_vectors (const float *x,
              gsize        n,
              gsize        d)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  WsVectors *vectors;

  for (gsize i = 0; i < n; i++)
    g_ptr_array_add (words, g_strdup_printf ("w%" G_GSIZE_FORMAT, i));
  vectors = ws_vectors_new_from_data ((const char * const *) words->pdata, x, n, d, &error);
  g_assert_no_error (error);
  return vectors;
}

static void
test_global_axes_stay_put (void)
{
  const gsize n = 3000, d = 20;
  g_autofree float *x = make_data (n, d, 41, 0.0);
  g_autoptr(WsVectors) vectors = make_vectors (x, n, d);
  g_autoptr(WsPca) first = NULL;
  g_autoptr(WsPca) second = NULL;
  g_autoptr(WsProjection) p1 = NULL;
  g_autoptr(WsProjection) p2 = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Oracle) o = { 0 };
  WsProjectionOptions options;
  const gsize query1[] = { 5, 17, 2000, 33 };
  const gsize query2[] = { 900, 33, 1 };
  double ratio[2];

  /* Peeking computes nothing... */
  g_assert_null (ws_projection_peek_global_pca (vectors, 0, FALSE));
  g_assert_null (ws_projection_peek_global_pca (vectors, 0, FALSE));
  first = ws_projection_get_global_pca (vectors, 0, FALSE, NULL, &error);
  g_assert_no_error (error);
  second = ws_projection_get_global_pca (vectors, 0, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (first == second);
  /* ...and finds the axes kept for the same arguments only. */
  {
    g_autoptr(WsPca) peeked = ws_projection_peek_global_pca (vectors, 0, FALSE);
    g_autoptr(WsPca) peeked_all = ws_projection_peek_global_pca (vectors, G_MAXSIZE, FALSE);

    g_assert_true (peeked == first);
    g_assert_true (peeked_all == first);
    g_assert_null (ws_projection_peek_global_pca (vectors, 0, TRUE));
    g_assert_null (ws_projection_peek_global_pca (vectors, 10, FALSE));
  }

  ws_projection_options_init (&options);
  options.method = WS_PROJECTION_GLOBAL;
  p1 = ws_projection_new (vectors, query1, G_N_ELEMENTS (query1), &options, NULL, &error);
  g_assert_no_error (error);
  p2 = ws_projection_new (vectors, query2, G_N_ELEMENTS (query2), &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ws_projection_get_method (p2), ==, WS_PROJECTION_GLOBAL);

  /* w33 is drawn at the same place in both queries... */
  g_assert_cmpfloat (ws_projection_get_coordinate (p1, 3, 0), ==, ws_projection_get_coordinate (p2, 1, 0));
  g_assert_cmpfloat (ws_projection_get_coordinate (p1, 3, 1), ==, ws_projection_get_coordinate (p2, 1, 1));

  /* ...which is where scikit-learn's PCA of the whole vocabulary puts it. */
  if (!oracle_run (x, n, d, 2, FALSE, &o))
    return;
  {
    const gsize *rows = ws_projection_get_rows (p1);
    gsize all[G_N_ELEMENTS (query1)];

    memcpy (all, rows, sizeof all);
    for (gsize i = 0; i < G_N_ELEMENTS (query1); i++)
      for (guint c = 0; c < 2; c++)
        g_assert_cmpfloat_with_epsilon (ws_projection_get_coordinate (p1, i, c),
                                        o.coords[all[i] * 2 + c], TOLERANCE);
    for (guint c = 0; c < 2; c++)
      ratio[c] = ws_projection_get_explained_variance_ratio (p1, c);
    g_assert_cmpfloat_with_epsilon (ratio[0], o.ratio[0], TOLERANCE);
    g_assert_cmpfloat_with_epsilon (ratio[1], o.ratio[1], TOLERANCE);
  }
}

static void
test_global_cancelled (void)
{
  const gsize n = 40000, d = 8;
  g_autofree float *x = make_data (n, d, 43, 0.0);
  g_autoptr(WsVectors) vectors = make_vectors (x, n, d);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WsPca) pca = NULL;

  /* A cancelled fit reports it and is not kept... */
  g_cancellable_cancel (cancellable);
  pca = ws_projection_get_global_pca (vectors, 0, FALSE, cancellable, &error);
  g_assert_null (pca);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* ...so the next call computes the axes. */
  pca = ws_projection_get_global_pca (vectors, 0, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ws_pca_get_n_samples (pca), ==, n);
  g_assert_cmpfloat (ws_pca_get_explained_variance_ratio (pca)[0], >, 0.0);
}

/* --- analogy ---------------------------------------------------------------- */

static void
test_analogy_parallelogram (void)
{
  /* a, b, c, d = c + b − a: corners of a rectangle inscribed in the unit
   * circle of a random plane of R^50, so all four are unit vectors and the
   * parallelogram is exact; then some other words. */
  const gsize d = 50, n = 12;
  g_autoptr(GRand) rand = g_rand_new_with_seed (51);
  g_autofree float *x = g_new (float, n * d);
  double e1[50], e2[50], norm;
  const double angles[4] = { 0.3, 1.9, 0.3 + G_PI, 1.9 + G_PI }; /* a, b, d, c on the circle */
  g_autoptr(WsVectors) vectors = NULL;
  g_autoptr(WsProjection) p = NULL;
  g_autoptr(WsProjection) p3 = NULL;
  g_autoptr(GError) error = NULL;
  WsProjectionOptions options;
  gsize rows[12];
  const double *xy;
  double ab, ac, bc, pbc;

  for (gsize j = 0; j < d; j++)
    {
      e1[j] = g_rand_double_range (rand, -1, 1);
      e2[j] = g_rand_double_range (rand, -1, 1);
    }
  norm = 0;
  for (gsize j = 0; j < d; j++) norm += e1[j] * e1[j];
  for (gsize j = 0; j < d; j++) e1[j] /= sqrt (norm);
  norm = 0;
  for (gsize j = 0; j < d; j++) norm += e1[j] * e2[j];
  for (gsize j = 0; j < d; j++) e2[j] -= norm * e1[j];
  norm = 0;
  for (gsize j = 0; j < d; j++) norm += e2[j] * e2[j];
  for (gsize j = 0; j < d; j++) e2[j] /= sqrt (norm);

  /* rows 0..3: a, b, c, d */
  for (gsize j = 0; j < d; j++)
    {
      x[0 * d + j] = cos (angles[0]) * e1[j] + sin (angles[0]) * e2[j];
      x[1 * d + j] = cos (angles[1]) * e1[j] + sin (angles[1]) * e2[j];
      x[3 * d + j] = cos (angles[2]) * e1[j] + sin (angles[2]) * e2[j];
      x[2 * d + j] = cos (angles[3]) * e1[j] + sin (angles[3]) * e2[j];
    }
  for (gsize i = 4; i < n; i++)
    for (gsize j = 0; j < d; j++)
      x[i * d + j] = g_rand_double_range (rand, -1, 1) * (i + 1);
  vectors = make_vectors (x, n, d);

  for (gsize i = 0; i < n; i++)
    rows[i] = i;
  ws_projection_options_init (&options);
  options.method = WS_PROJECTION_ANALOGY;
  options.analogy[0] = 0;
  options.analogy[1] = 1;
  options.analogy[2] = 2;
  p = ws_projection_new (vectors, rows, n, &options, NULL, &error);
  g_assert_no_error (error);
  xy = ws_projection_get_coordinates (p);

  /* a at the origin, b on the positive x axis, c above. */
  g_assert_cmpfloat_with_epsilon (xy[0], 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (xy[1], 0.0, 1e-9);
  g_assert_cmpfloat (xy[2], >, 0.0);
  g_assert_cmpfloat_with_epsilon (xy[3], 0.0, 1e-9);
  g_assert_cmpfloat (xy[5], >, 0.0);
  /* b − a = d − c */
  g_assert_cmpfloat_with_epsilon (xy[2] - xy[0], xy[6] - xy[4], 1e-6);
  g_assert_cmpfloat_with_epsilon (xy[3] - xy[1], xy[7] - xy[5], 1e-6);
  /* Orthonormal axes: distances in the plane are kept. */
  ab = ac = bc = 0;
  for (gsize j = 0; j < d; j++)
    {
      ab += pow (x[j] - x[d + j], 2);
      ac += pow (x[j] - x[2 * d + j], 2);
      bc += pow (x[d + j] - x[2 * d + j], 2);
    }
  pbc = pow (xy[2] - xy[4], 2) + pow (xy[3] - xy[5], 2);
  g_assert_cmpfloat_with_epsilon (xy[2], sqrt (ab), 1e-6);
  g_assert_cmpfloat_with_epsilon (xy[4] * xy[4] + xy[5] * xy[5], ac, 1e-6);
  g_assert_cmpfloat_with_epsilon (pbc, bc, 1e-6);
  /* The row 4 vector is not unit: it is projected as a unit vector. */
  {
    const float *u4 = ws_vectors_get_unit_row (vectors, 4);
    double px = 0, len = sqrt (ab);

    for (gsize j = 0; j < d; j++)
      px += (u4[j] - x[j]) * (x[d + j] - x[j]) / len;
    g_assert_cmpfloat_with_epsilon (xy[8], px, 1e-6);
  }
  g_assert_true (isnan (ws_projection_get_explained_variance_ratio (p, 0)));

  options.n_components = 3;
  p3 = ws_projection_new (vectors, rows, n, &options, NULL, &error);
  g_assert_no_error (error);
  for (gsize i = 0; i < n; i++)
    {
      g_assert_cmpfloat (ws_projection_get_coordinate (p3, i, 0), ==, ws_projection_get_coordinate (p, i, 0));
      g_assert_true (isfinite (ws_projection_get_coordinate (p3, i, 2)));
    }
  /* a, b, c and d lie in the xy plane: one z between them. */
  g_assert_cmpfloat_with_epsilon (ws_projection_get_coordinate (p3, 0, 2),
                                  ws_projection_get_coordinate (p3, 3, 2), 1e-6);

  /* a : a :: c : ? has no x axis. */
  g_clear_object (&p);
  options.analogy[1] = 0;
  p = ws_projection_new (vectors, rows, n, &options, NULL, &error);
  g_assert_null (p);
  g_assert_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "w0 : w0"));
}

/* --- bad input --------------------------------------------------------------- */

static void
test_errors (void)
{
  const float x[] = { 1, 2, 3, 4, 5, 6 };
  g_autoptr(WsVectors) vectors = make_vectors (x, 3, 2);
  g_autoptr(GError) error = NULL;
  WsProjectionOptions options;
  const gsize one[] = { 1 };
  const gsize bad[] = { 0, 3 };
  WsProjection *p;
  WsPca *pca;

  ws_projection_options_init (&options);
  p = ws_projection_new (vectors, one, 1, &options, NULL, &error);
  g_assert_null (p);
  g_assert_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "at least 2"));
  g_clear_error (&error);

  p = ws_projection_new (vectors, bad, 2, &options, NULL, &error);
  g_assert_null (p);
  g_assert_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Row 3"));
  g_clear_error (&error);

  options.n_components = 4;
  p = ws_projection_new (vectors, bad, 1, &options, NULL, &error);
  g_assert_null (p);
  g_assert_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_INVALID);
  g_clear_error (&error);

  pca = ws_pca_fit_global (x, 1, 2, 2, 0, NULL, &error);
  g_assert_null (pca);
  g_assert_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_INVALID);
}

/* A model too large to keep a unit matrix (made so here by a low
 * threshold) projects its unit vectors exactly as the same model with one:
 * the global axes (fitted from unit rows handed out a block at a time) and
 * every method's coordinates, bit for bit. */
static void
test_lean_same_projections (void)
{
  const gsize n = 9000, d = 16;
  g_autofree float *x = make_data (n, d, 53, 1.5);
  g_autoptr(WsVectors) full = NULL;
  g_autoptr(WsVectors) lean = NULL;
  g_autoptr(WsPca) pf = NULL;
  g_autoptr(WsPca) pl = NULL;
  g_autoptr(GError) error = NULL;
  const gsize rows[] = { 3, 17, 400, 8999, 1234, 77, 5000, 42 };
  const WsProjectionMethod methods[] = { WS_PROJECTION_LOCAL, WS_PROJECTION_GLOBAL, WS_PROJECTION_ANALOGY };
  gsize old = ws_vectors_set_lean_threshold (G_MAXSIZE);

  full = make_vectors (x, n, d);
  ws_vectors_set_lean_threshold (1);
  lean = make_vectors (x, n, d);
  ws_vectors_set_lean_threshold (old);
  g_assert_true (ws_vectors_has_unit_matrix (full));
  g_assert_false (ws_vectors_has_unit_matrix (lean));

  pf = ws_projection_get_global_pca (full, 0, TRUE, NULL, &error);
  g_assert_no_error (error);
  pl = ws_projection_get_global_pca (lean, 0, TRUE, NULL, &error);
  g_assert_no_error (error);
  for (gsize i = 0; i < ws_pca_get_n_components (pf) * d; i++)
    g_assert_cmpfloat (ws_pca_get_components (pl)[i], ==, ws_pca_get_components (pf)[i]);
  for (gsize j = 0; j < d; j++)
    g_assert_cmpfloat (ws_pca_get_mean (pl)[j], ==, ws_pca_get_mean (pf)[j]);

  for (gsize m = 0; m < G_N_ELEMENTS (methods); m++)
    {
      WsProjectionOptions options;
      g_autoptr(WsProjection) a = NULL;
      g_autoptr(WsProjection) b = NULL;

      ws_projection_options_init (&options);
      options.method = methods[m];
      options.unit_vectors = TRUE;
      options.n_components = 3;
      options.analogy[0] = rows[0];
      options.analogy[1] = rows[1];
      options.analogy[2] = rows[2];
      a = ws_projection_new (full, rows, G_N_ELEMENTS (rows), &options, NULL, &error);
      g_assert_no_error (error);
      b = ws_projection_new (lean, rows, G_N_ELEMENTS (rows), &options, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (ws_projection_get_coordinates (b), G_N_ELEMENTS (rows) * 3 * sizeof (double),
                       ws_projection_get_coordinates (a), G_N_ELEMENTS (rows) * 3 * sizeof (double));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/projection/local/generated", test_local_generated);
  g_test_add_func ("/projection/local/as-given", test_local_as_given);
  g_test_add_func ("/projection/local/degenerate", test_local_degenerate);
  g_test_add_func ("/projection/local/degenerate-values", test_local_degenerate_values);
  g_test_add_func ("/projection/local/testdata", test_local_testdata);
  g_test_add_func ("/projection/sign-stability", test_sign_stability);
  g_test_add_func ("/projection/global/sklearn", test_global_matches_sklearn);
  g_test_add_func ("/projection/global/axes-stay-put", test_global_axes_stay_put);
  g_test_add_func ("/projection/global/from-blocks", test_global_from_blocks);
  g_test_add_func ("/projection/lean-same-projections", test_lean_same_projections);
  g_test_add_func ("/projection/global/cancelled", test_global_cancelled);
  g_test_add_func ("/projection/analogy/parallelogram", test_analogy_parallelogram);
  g_test_add_func ("/projection/errors", test_errors);

  return g_test_run ();
}
