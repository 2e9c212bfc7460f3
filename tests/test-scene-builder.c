/* test-scene-builder.c: a query's results made into the map's scene
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On a small in-memory model where queen = king − man + woman for the unit
 * vectors (plus a little noise; the four words have different lengths, so
 * only a map of unit vectors shows the parallelogram), the scene must hold the query words with the right roles, queen
 * as the highlighted answer with gensim's score, the computed point on the
 * parallelogram's fourth corner, the arrows a→b and c→computed, and axes
 * named with their explained variance.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ws-expression.h"
#include "ws-plot-export.h"
#include "ws-plot-layout.h"
#include "ws-projection.h"
#include "ws-scene-builder.h"
#include "ws-similarity.h"
#include "ws-test-model.h"
#include "ws-test-util.h"

#define DIM 24
#define N_FILLER 60

static WsVectors *
make_model (void)
{
  static const char *named[] = { "king", "man", "woman", "queen", "prince", "princess", "boy", "girl" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  gsize n = G_N_ELEMENTS (named) + N_FILLER;
  g_autofree float *m = g_new0 (float, n * DIM);
  g_autoptr(GError) error = NULL;
  WsVectors *vectors;

  for (gsize i = 0; i < n; i++)
    {
      g_ptr_array_add (words, i < G_N_ELEMENTS (named) ? g_strdup (named[i])
                                                       : g_strdup_printf ("filler%02" G_GSIZE_FORMAT, i));
      for (gsize j = 0; j < DIM; j++)
        m[i * DIM + j] = (float) g_rand_double_range (rand, -1, 1);
    }
  /* queen = king − man + woman for the unit vectors, which the map and
   * most_similar use, as in a trained model: on three orthonormal directions
   * e1 (person), e2 (gender), e3 (royalty), man and woman = cos t e1 ± sin t e2,
   * king and queen = 0.5 e1 ± sin t e2 + c e3 (unit, and king − man + woman =
   * queen exactly). Each is then given its own length, as frequency gives
   * trained vectors theirs: the parallelogram holds for the unit vectors
   * only. prince near king, princess near queen. */
  {
    double e[3][DIM], st = 0.4, ct = sqrt (1 - st * st), c = sqrt (1 - 0.25 - st * st);
    const double lengths[4] = { 3.0, 1.0, 2.0, 1.5 };  /* king, man, woman, queen */

    for (int a = 0; a < 3; a++)
      {
        double norm = 0;

        for (gsize j = 0; j < DIM; j++)
          e[a][j] = g_rand_double_range (rand, -1, 1);
        for (int b = 0; b < a; b++)
          {
            double dot = 0;

            for (gsize j = 0; j < DIM; j++)
              dot += e[a][j] * e[b][j];
            for (gsize j = 0; j < DIM; j++)
              e[a][j] -= dot * e[b][j];
          }
        for (gsize j = 0; j < DIM; j++)
          norm += e[a][j] * e[a][j];
        for (gsize j = 0; j < DIM; j++)
          e[a][j] /= sqrt (norm);
      }
    for (gsize j = 0; j < DIM; j++)
      {
        m[0 * DIM + j] = lengths[0] * (0.5 * e[0][j] + st * e[1][j] + c * e[2][j]);
        m[1 * DIM + j] = lengths[1] * (ct * e[0][j] + st * e[1][j]);
        m[2 * DIM + j] = lengths[2] * (ct * e[0][j] - st * e[1][j]);
        m[3 * DIM + j] = lengths[3] * (0.5 * e[0][j] - st * e[1][j] + c * e[2][j] +
                                       0.01 * g_rand_double_range (rand, -1, 1));
        m[4 * DIM + j] = m[0 * DIM + j] + 0.3f * (float) g_rand_double_range (rand, -1, 1);
        m[5 * DIM + j] = m[3 * DIM + j] + 0.3f * (float) g_rand_double_range (rand, -1, 1);
      }
  }
  g_ptr_array_add (words, NULL);
  vectors = ws_vectors_new_from_data ((const char * const *) words->pdata, m, n, DIM, &error);
  g_assert_no_error (error);
  return vectors;
}

static WsPlotScene *
build (WsVectors          *vectors,
       const char         *query,
       gsize               topn,
       WsProjectionMethod  method,
       gsize               neighbors,
       GArray            **results_out,
       GError            **error)
{
  g_autoptr(WsExpression) expression = NULL;
  g_autoptr(GArray) results = NULL;
  g_autoptr(GError) local = NULL;
  WsSceneOptions options;
  WsPlotScene *scene;

  expression = ws_expression_parse (query, &local);
  g_assert_no_error (local);
  g_assert_true (ws_expression_check (expression, vectors, NULL, &local));
  results = ws_expression_most_similar (expression, vectors, topn, 0, &local);
  g_assert_no_error (local);
  ws_scene_options_init (&options);
  options.method = method;
  options.neighbors = neighbors;
  scene = ws_scene_build (vectors, expression, results, &options, NULL, error);
  if (results_out != NULL)
    *results_out = g_steal_pointer (&results);
  return scene;
}

static const WsPlotPoint *
point (WsPlotScene *scene,
       const char  *word)
{
  int i = ws_plot_scene_find_point (scene, word);

  if (i < 0)
    g_error ("“%s” is not in the scene", word);
  return ws_plot_scene_get_point (scene, i);
}

static void
test_analogy_scene (void)
{
  g_autoptr(WsVectors) vectors = make_model ();
  g_autoptr(GArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WsPlotScene) scene = build (vectors, "king - man + woman", 5,
                                        WS_PROJECTION_LOCAL, 0, &results, &error);
  const WsPlotPoint *king, *man, *woman, *queen, *computed;
  guint corners[4];
  int predicted = -1;

  g_assert_no_error (error);
  g_assert_nonnull (scene);
  /* 3 query words, 5 results, the computed point. */
  g_assert_cmpuint (ws_plot_scene_get_n_points (scene), ==, 3 + 5 + 1);
  g_assert_cmpstr (ws_vectors_get_word (vectors, g_array_index (results, WsScored, 0).row), ==, "queen");

  king = point (scene, "king");
  man = point (scene, "man");
  woman = point (scene, "woman");
  queen = point (scene, "queen");
  g_assert_cmpint (king->role, ==, WS_PLOT_ROLE_QUERY_POSITIVE);
  g_assert_cmpint (woman->role, ==, WS_PLOT_ROLE_QUERY_POSITIVE);
  g_assert_cmpint (man->role, ==, WS_PLOT_ROLE_QUERY_NEGATIVE);
  g_assert_cmpint (queen->role, ==, WS_PLOT_ROLE_ANSWER);
  /* The results keep the engine's scores, exactly. */
  g_assert_true (queen->has_score);
  g_assert_cmpfloat (queen->score, ==, (double) g_array_index (results, WsScored, 0).score);
  for (guint i = 1; i < results->len; i++)
    {
      const WsScored *s = &g_array_index (results, WsScored, i);
      const WsPlotPoint *p = point (scene, ws_vectors_get_word (vectors, s->row));

      g_assert_cmpint (p->role, ==, WS_PLOT_ROLE_RESULT);
      g_assert_cmpfloat (p->score, ==, (double) s->score);
    }
  /* The query words' cosines to the query vector are real cosines. */
  g_assert_true (king->has_score);
  g_assert_cmpfloat (king->score, >, 0.0);
  g_assert_cmpfloat (king->score, <=, 1.0);
  g_assert_cmpfloat (man->score, <, king->score);

  for (guint i = 0; i < ws_plot_scene_get_n_points (scene); i++)
    if (ws_plot_scene_get_point (scene, i)->role == WS_PLOT_ROLE_PREDICTED)
      predicted = (int) i;
  g_assert_cmpint (predicted, >=, 0);
  computed = ws_plot_scene_get_point (scene, predicted);
  g_assert_cmpstr (computed->word, ==, "king − man + woman");
  /* The fourth corner of the parallelogram man, king, woman. */
  g_assert_cmpfloat (fabs (computed->x - (king->x - man->x + woman->x)), <, 1e-9);
  g_assert_cmpfloat (fabs (computed->y - (king->y - man->y + woman->y)), <, 1e-9);
  /* queen was planted there: it lands near the corner. */
  g_assert_cmpfloat (hypot (queen->x - computed->x, queen->y - computed->y), <,
                     0.25 * hypot (king->x - man->x, king->y - man->y));

  g_assert_true (ws_plot_scene_get_analogy (scene, corners));
  g_assert_cmpint (corners[0], ==, ws_plot_scene_find_point (scene, "man"));
  g_assert_cmpint (corners[1], ==, ws_plot_scene_find_point (scene, "king"));
  g_assert_cmpint (corners[2], ==, ws_plot_scene_find_point (scene, "woman"));
  g_assert_cmpint (corners[3], ==, predicted);
  g_assert_cmpuint (ws_plot_scene_get_n_arrows (scene), ==, 2);
  g_assert_cmpuint (ws_plot_scene_get_arrow (scene, 0)->from, ==, corners[0]);
  g_assert_cmpuint (ws_plot_scene_get_arrow (scene, 0)->to, ==, corners[1]);
  g_assert_cmpuint (ws_plot_scene_get_arrow (scene, 1)->from, ==, corners[2]);
  g_assert_cmpuint (ws_plot_scene_get_arrow (scene, 1)->to, ==, corners[3]);

  g_assert_true (g_str_has_prefix (ws_plot_scene_get_x_label (scene), "PC1 ("));
  g_assert_true (g_str_has_prefix (ws_plot_scene_get_y_label (scene), "PC2 ("));
  g_assert_cmpstr (ws_plot_scene_get_title (scene), ==, "king − man + woman");

  if (g_getenv ("WS_RENDER_DUMP") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("WS_RENDER_DUMP"), "builder-analogy.png", NULL);

      g_assert_true (ws_plot_export (scene, path, 1280, 800, 1, &error));
    }
}

/* A global map uses the axes of the unit vectors of the whole vocabulary,
 * the ones the window's session computes ahead, and computes no others:
 * each point sits where those axes put its unit vector. */
static void
test_global_axes (void)
{
  g_autoptr(WsVectors) vectors = make_model ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WsPca) ahead = NULL;
  g_autoptr(WsPca) after = NULL;
  g_autoptr(WsPca) stored = NULL;
  g_autoptr(WsPlotScene) scene = NULL;
  g_autofree float *u = g_new (float, ws_vectors_get_dim (vectors));
  guint n;

  g_assert_null (ws_test_kept_global_axes (vectors, TRUE));
  /* What the session does once a model is open. */
  ahead = ws_projection_get_global_pca (vectors, 0, TRUE, NULL, &error);
  g_assert_no_error (error);

  scene = build (vectors, "king", 6, WS_PROJECTION_GLOBAL, 0, NULL, &error);
  g_assert_no_error (error);
  after = ws_test_kept_global_axes (vectors, TRUE);
  stored = ws_test_kept_global_axes (vectors, FALSE);
  g_assert_true (after == ahead);
  g_assert_null (stored);

  n = ws_plot_scene_get_n_points (scene);
  g_assert_cmpuint (n, ==, 7);
  for (guint i = 0; i < n; i++)
    {
      const WsPlotPoint *p = ws_plot_scene_get_point (scene, i);
      double c[WS_PCA_MAX_COMPONENTS];
      gsize row;

      g_assert_true (ws_vectors_lookup (vectors, p->word, &row));
      /* Its unit vector (copied: a large model keeps no unit matrix). */
      ws_vectors_copy_unit_rows (vectors, row, 1, u);
      ws_pca_transform (ahead, u, NULL, 1, c);
      g_assert_cmpfloat (fabs (p->x - c[0]), <, 1e-12);
      g_assert_cmpfloat (fabs (p->y - c[1]), <, 1e-12);
    }
}

static void
test_explained_variance (void)
{
  g_autoptr(WsVectors) vectors = make_model ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WsPlotScene) scene = build (vectors, "king", 6, WS_PROJECTION_LOCAL, 0, NULL, &error);
  g_autoptr(WsProjection) projection = NULL;
  g_autofree gsize *rows = NULL;
  g_autofree char *x = NULL;
  WsProjectionOptions po;
  guint n;

  g_assert_no_error (error);
  /* A neighbours query: no computed point, no answer, no arrows. */
  n = ws_plot_scene_get_n_points (scene);
  g_assert_cmpuint (n, ==, 7);
  g_assert_cmpuint (ws_plot_scene_get_n_arrows (scene), ==, 0);
  g_assert_false (ws_plot_scene_get_analogy (scene, NULL));
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (ws_plot_scene_get_point (scene, i)->role, ==, WS_PLOT_ROLE_RESULT);

  /* The axis names carry the projection's explained variance. */
  rows = g_new (gsize, n);
  for (guint i = 0; i < n; i++)
    g_assert_true (ws_vectors_lookup (vectors, ws_plot_scene_get_point (scene, i)->word, &rows[i]));
  ws_projection_options_init (&po);
  /* The map projects unit vectors. */
  po.unit_vectors = TRUE;
  projection = ws_projection_new (vectors, rows, n, &po, NULL, &error);
  g_assert_no_error (error);
  x = g_strdup_printf ("PC1 (%.1f\u202f%%)", 100 * ws_projection_get_explained_variance_ratio (projection, 0));
  g_assert_cmpstr (ws_plot_scene_get_x_label (scene), ==, x);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat (fabs (ws_plot_scene_get_point (scene, i)->x - ws_projection_get_coordinate (projection, i, 0)), <, 1e-12);
      g_assert_cmpfloat (fabs (ws_plot_scene_get_point (scene, i)->y - ws_projection_get_coordinate (projection, i, 1)), <, 1e-12);
    }
}

static void
test_analogy_axes (void)
{
  g_autoptr(WsVectors) vectors = make_model ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WsPlotScene) scene = build (vectors, "man : king :: woman : ?", 3,
                                        WS_PROJECTION_ANALOGY, 0, NULL, &error);
  g_autoptr(WsPlotScene) refused = NULL;
  const WsPlotPoint *man, *king, *woman;

  g_assert_no_error (error);
  man = point (scene, "man");
  king = point (scene, "king");
  woman = point (scene, "woman");
  /* a at the origin, b on the x axis, c above it. */
  g_assert_cmpfloat (fabs (man->x), <, 1e-6);
  g_assert_cmpfloat (fabs (man->y), <, 1e-6);
  g_assert_cmpfloat (king->x, >, 0);
  g_assert_cmpfloat (fabs (king->y), <, 1e-6);
  g_assert_cmpfloat (woman->y, >, 0);
  g_assert_true (ws_plot_scene_get_analogy (scene, NULL));
  g_assert_cmpstr (ws_plot_scene_get_x_label (scene), ==, "man → king");
  /* However the analogy was typed, the computed point reads b − a + c. */
  g_assert_cmpint (ws_plot_scene_find_point (scene, "king − man + woman"), >=, 0);

  /* The analogy axes need an analogy. */
  refused = build (vectors, "king + woman", 3, WS_PROJECTION_ANALOGY, 0, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "king + woman"));
}

static void
test_neighbors (void)
{
  g_autoptr(WsVectors) vectors = make_model ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WsPlotScene) scene = build (vectors, "king - man + woman", 2,
                                        WS_PROJECTION_GLOBAL, 3, NULL, &error);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint neighbors = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < ws_plot_scene_get_n_points (scene); i++)
    {
      const WsPlotPoint *p = ws_plot_scene_get_point (scene, i);

      /* Every word once. */
      g_assert_false (g_hash_table_contains (seen, p->word));
      g_hash_table_add (seen, p->word);
      neighbors += p->role == WS_PLOT_ROLE_NEIGHBOR;
    }
  /* Three new words around each of the three query words. */
  g_assert_cmpuint (neighbors, ==, 9);
  g_assert_cmpuint (ws_plot_scene_get_n_points (scene), ==, 3 + 2 + 9 + 1);
}

static void
test_one_word (void)
{
  g_autoptr(WsVectors) vectors = make_model ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WsPlotScene) scene = build (vectors, "king", 0, WS_PROJECTION_LOCAL, 0, NULL, &error);
  g_autoptr(WsPlotLayout) layout = NULL;

  /* Nothing to project against: the word alone, in the middle. */
  g_assert_no_error (error);
  g_assert_cmpuint (ws_plot_scene_get_n_points (scene), ==, 1);
  layout = ws_plot_layout_compute (scene, 800, 600);
  g_assert_true (ws_plot_layout_get_point (layout, 0)->visible);
  g_assert_cmpfloat (ws_plot_layout_get_point (layout, 0)->label.width, >, 0);
}

/* A list's odd word is flagged for the renderer, the one doesnt_match
 * names; a list of two (either would do) and other queries flag none. */
static void
test_list_mismatch (void)
{
  g_autoptr(WsVectors) vectors = make_model ();
  const char *queries[] = { "king, queen, prince, girl", "girl, boy, king, man", "king, queen",
                            "king - man + woman" };

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WsExpression) expression = ws_expression_parse (queries[q], &error);
      g_autoptr(WsPlotScene) scene = NULL;
      g_autofree const char **words = NULL;
      const char *odd = NULL;
      gsize n;
      guint flagged = 0;

      g_assert_no_error (error);
      scene = ws_scene_build (vectors, expression, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      n = ws_expression_get_n_terms (expression);
      words = g_new (const char *, n);
      for (gsize i = 0; i < n; i++)
        words[i] = ws_expression_get_term (expression, i)->word;
      if (ws_expression_get_kind (expression) == WS_EXPRESSION_LIST && n >= 3)
        odd = ws_doesnt_match (vectors, words, n, NULL, NULL);
      for (guint i = 0; i < ws_plot_scene_get_n_points (scene); i++)
        if (ws_plot_scene_get_point (scene, i)->flags & WS_PLOT_POINT_MISMATCH)
          {
            flagged++;
            g_assert_cmpstr (ws_plot_scene_get_point (scene, i)->word, ==, odd);
          }
      g_assert_cmpuint (flagged, ==, odd != NULL ? 1 : 0);
    }
}

/* What the author of a figure chose: a pinned word shows though it is no
 * result, a hidden one is gone (and its neighbour slot goes to the next
 * word), a query word can't be hidden, highlights flag their points and
 * annotations are copied, drawn as callouts where their word is. */
static void
test_author_choices (void)
{
  g_autoptr(WsVectors) vectors = make_model ();
  g_autoptr(WsExpression) expression = NULL;
  g_autoptr(GArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WsPlotScene) plain = NULL;
  g_autoptr(WsPlotScene) scene = NULL;
  g_autoptr(WsPlotLayout) layout = NULL;
  const char *pinned[] = { "filler40", NULL };
  const char *hidden[] = { "princess", "man", NULL };
  const char *highlights[] = { "queen", "nowhere", NULL };
  WsPlotAnnotation notes[2] = {
    { (char *) "queen", 0, 0, 50, -40, (char *) "the answer" },
    { NULL, 0, 0, 0, 30, (char *) "the origin" },
  };
  WsSceneOptions options;
  const WsPlotAnnotationLayout *al;
  const WsPlotPointLayout *queen;
  guint neighbors = 0;

  expression = ws_expression_parse ("king - man + woman", &error);
  g_assert_no_error (error);
  results = ws_expression_most_similar (expression, vectors, 3, 0, &error);
  g_assert_no_error (error);
  ws_scene_options_init (&options);
  options.neighbors = 2;
  plain = ws_scene_build (vectors, expression, results, &options, NULL, &error);
  g_assert_no_error (error);
  /* The test means something only if princess shows unless hidden. */
  g_assert_cmpint (ws_plot_scene_find_point (plain, "princess"), >=, 0);
  g_assert_cmpint (ws_plot_scene_find_point (plain, "filler40"), <, 0);

  options.pinned = pinned;
  options.hidden = hidden;
  options.highlights = highlights;
  options.annotations = notes;
  options.n_annotations = G_N_ELEMENTS (notes);
  scene = ws_scene_build (vectors, expression, results, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ws_plot_scene_find_point (scene, "princess"), <, 0);
  g_assert_cmpint (point (scene, "man")->role, ==, WS_PLOT_ROLE_QUERY_NEGATIVE);
  g_assert_cmpint (point (scene, "filler40")->role, ==, WS_PLOT_ROLE_NEIGHBOR);
  g_assert_true (point (scene, "queen")->flags & WS_PLOT_POINT_HIGHLIGHTED);
  g_assert_false (point (scene, "king")->flags & WS_PLOT_POINT_HIGHLIGHTED);
  for (guint i = 0; i < ws_plot_scene_get_n_points (scene); i++)
    neighbors += ws_plot_scene_get_point (scene, i)->role == WS_PLOT_ROLE_NEIGHBOR;
  /* Two per query word, plus the pinned word. */
  g_assert_cmpuint (neighbors, ==, 3 * 2 + 1);

  g_assert_cmpuint (ws_plot_scene_get_n_annotations (scene), ==, 2);
  g_assert_cmpstr (ws_plot_scene_get_annotation (scene, 0)->text, ==, "the answer");
  layout = ws_plot_layout_compute (scene, 1000, 700);
  queen = ws_plot_layout_get_point (layout, ws_plot_scene_find_point (scene, "queen"));
  al = ws_plot_layout_get_annotation (layout, 0);
  g_assert_true (al->visible);
  g_assert_cmpfloat (al->anchor_x, ==, queen->x);
  g_assert_cmpfloat (al->anchor_y, ==, queen->y);
  /* The box's centre sits at the offset from the anchor. */
  g_assert_cmpfloat (fabs (al->box.x + al->box.width / 2 - (queen->x + 50)), <, 1e-9);
  g_assert_cmpfloat (fabs (al->box.y + al->box.height / 2 - (queen->y - 40)), <, 1e-9);
  g_assert_cmpint (ws_plot_layout_hit_test_annotation (layout, queen->x + 50, queen->y - 40), ==, 0);
  g_assert_cmpint (ws_plot_layout_hit_test_annotation (layout, queen->x, queen->y), ==, -1);

  /* A pinned word the model lacks is an error that names it. */
  pinned[0] = "unicorn";
  g_clear_pointer (&scene, ws_plot_scene_unref);
  scene = ws_scene_build (vectors, expression, results, &options, NULL, &error);
  g_assert_null (scene);
  g_assert_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_UNKNOWN_WORD);
  g_assert_nonnull (strstr (error->message, "unicorn"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scene-builder/analogy", test_analogy_scene);
  g_test_add_func ("/scene-builder/explained-variance", test_explained_variance);
  g_test_add_func ("/scene-builder/global-axes", test_global_axes);
  g_test_add_func ("/scene-builder/analogy-axes", test_analogy_axes);
  g_test_add_func ("/scene-builder/neighbors", test_neighbors);
  g_test_add_func ("/scene-builder/one-word", test_one_word);
  g_test_add_func ("/scene-builder/list-mismatch", test_list_mismatch);
  g_test_add_func ("/scene-builder/author-choices", test_author_choices);

  return g_test_run ();
}
