/* test-render.c: the map's geometry, as a person looking at it would check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Labels must not overlap each other nor cover points, stay on the canvas,
 * be joined to their point by a leader line when pushed away, and may be
 * deferred (not drawn) only when they are not protected: query words, the
 * computed point, the ten best results and marked words always show; arrows must run between the right points; exports must be
 * real files of the asked size. Set WS_RENDER_DUMP to a folder to keep the
 * PNGs for a look.
 */
#include "config.h"

#include <cairo.h>
#include <math.h>
#include <string.h>

#include "ws-plot-export.h"
#include "ws-plot-layout.h"
#include "ws-plot-render.h"
#include "ws-plot-scene.h"
#include "ws-test-util.h"

/* ---- scenes -------------------------------------------------------------- */

typedef struct
{
  guint man, king, woman, predicted, queen;
} AnalogyIndices;

/* man : king :: woman : queen, at places like those a local PCA gives. */
static WsPlotScene *
make_analogy_scene (AnalogyIndices *ix)
{
  WsPlotScene *scene = ws_plot_scene_new ();
  AnalogyIndices i;
  static const struct { const char *word; double x, y, score; } results[] = {
    { "monarch", 0.62, 0.55, 0.6178 },
    { "princess", -0.92, 0.62, 0.5902 },
    { "crown_prince", 0.38, 0.98, 0.5499 },
    { "prince", 0.45, 0.66, 0.5377 },
    { "kings", 0.70, 0.92, 0.5236 },
    { "queens", -0.70, 0.75, 0.5181 },
    { "sultan", 0.85, 0.72, 0.5099 },
    { "monarchy", 0.22, 0.60, 0.5087 },
  };
  static const struct { const char *word; double x, y; } neighbors[] = {
    { "boy", 0.15, -0.75 }, { "teenager", 0.05, -0.62 }, { "girl", -0.78, -0.70 },
    { "lady", -0.95, -0.32 }, { "mother", -0.62, -0.52 }, { "guy", 0.32, -0.55 },
  };

  i.man = ws_plot_scene_add_point (scene, "man", 0.30, -0.40, WS_PLOT_ROLE_QUERY_NEGATIVE, NAN);
  i.king = ws_plot_scene_add_point (scene, "king", 0.55, 0.80, WS_PLOT_ROLE_QUERY_POSITIVE, NAN);
  i.woman = ws_plot_scene_add_point (scene, "woman", -0.62, -0.30, WS_PLOT_ROLE_QUERY_POSITIVE, NAN);
  i.predicted = ws_plot_scene_add_point (scene, "king − man + woman", -0.37, 0.90,
                                         WS_PLOT_ROLE_PREDICTED, NAN);
  i.queen = ws_plot_scene_add_point (scene, "queen", -0.48, 0.84, WS_PLOT_ROLE_ANSWER, 0.7118);
  for (gsize k = 0; k < G_N_ELEMENTS (results); k++)
    ws_plot_scene_add_point (scene, results[k].word, results[k].x, results[k].y,
                             WS_PLOT_ROLE_RESULT, results[k].score);
  for (gsize k = 0; k < G_N_ELEMENTS (neighbors); k++)
    ws_plot_scene_add_point (scene, neighbors[k].word, neighbors[k].x, neighbors[k].y,
                             WS_PLOT_ROLE_NEIGHBOR, NAN);
  ws_plot_scene_set_analogy (scene, i.man, i.king, i.woman, i.predicted);
  ws_plot_scene_set_title (scene, "king − man + woman");
  ws_plot_scene_set_subtitle (scene, "GoogleNews word2vec · 3,000,000 words × 300 dimensions");
  ws_plot_scene_set_axes_variance (scene, "PC1", 31.4, "PC2", 18.9);
  if (ix != NULL)
    *ix = i;
  return scene;
}

/* @n words scattered (deterministically) in a small box inside a larger
 * frame: the labels have to push out. */
static WsPlotScene *
make_crowded_scene (guint  n,
                    double spread)
{
  WsPlotScene *scene = ws_plot_scene_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  WsPlotBounds bounds = { -1, 1, -1, 1 };

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *word = g_strdup_printf ("word%u", i);
      WsPlotRole role = i == 0 ? WS_PLOT_ROLE_QUERY_POSITIVE :
                        i == 1 ? WS_PLOT_ROLE_ANSWER :
                        i < 20 ? WS_PLOT_ROLE_RESULT : WS_PLOT_ROLE_NEIGHBOR;

      ws_plot_scene_add_point (scene, word,
                               g_rand_double_range (rand, -spread, spread),
                               g_rand_double_range (rand, -spread, spread),
                               role, i < 20 ? 1.0 - i * 0.01 : NAN);
    }
  ws_plot_scene_set_bounds (scene, &bounds);
  ws_plot_scene_set_title (scene, "word0");
  ws_plot_scene_set_axes_variance (scene, "PC1", 10.0, "PC2", 9.0);
  return scene;
}

static void
maybe_dump (WsPlotScene *scene,
            const char  *name,
            double       width,
            double       height)
{
  const char *dir = g_getenv ("WS_RENDER_DUMP");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL || *dir == '\0')
    return;
  path = g_build_filename (dir, name, NULL);
  ws_plot_export (scene, path, width, height, 1.0, &error);
  g_assert_no_error (error);
}

/* ---- geometry checks ----------------------------------------------------- */

static gboolean
rects_overlap (const cairo_rectangle_t *a,
               const cairo_rectangle_t *b)
{
  const double eps = 1e-6;

  return a->x < b->x + b->width - eps && b->x < a->x + a->width - eps &&
         a->y < b->y + b->height - eps && b->y < a->y + a->height - eps;
}

static gboolean
rect_inside (const cairo_rectangle_t *inner,
             const cairo_rectangle_t *outer)
{
  const double eps = 1e-6;

  return inner->x >= outer->x - eps && inner->y >= outer->y - eps &&
         inner->x + inner->width <= outer->x + outer->width + eps &&
         inner->y + inner->height <= outer->y + outer->height + eps;
}

/* How far (x, y) is from the rectangle (0 inside). */
static double
distance_to_rect (const cairo_rectangle_t *r,
                  double                   x,
                  double                   y)
{
  double dx = MAX (MAX (r->x - x, 0.0), x - (r->x + r->width));
  double dy = MAX (MAX (r->y - y, 0.0), y - (r->y + r->height));

  return hypot (dx, dy);
}

static gboolean
on_rect_border (const cairo_rectangle_t *r,
                double                   x,
                double                   y)
{
  const double eps = 1e-3;

  if (distance_to_rect (r, x, y) > eps)
    return FALSE;
  return fabs (x - r->x) < eps || fabs (x - (r->x + r->width)) < eps ||
         fabs (y - r->y) < eps || fabs (y - (r->y + r->height)) < eps;
}

typedef struct
{
  guint labelled;
  guint displaced;
  guint deferred;
  guint covering;   /* protected labels on lesser points' markers */
} LayoutStats;

/* Whether the label of point @i must never be deferred: what the query is
 * about, the ten best visible results (the best result first), and what
 * the author or the user marked. */
static gboolean
is_protected (WsPlotLayout *layout,
              guint         i)
{
  WsPlotScene *scene = ws_plot_layout_get_scene (layout);
  const WsPlotPoint *p = ws_plot_scene_get_point (scene, i);
  guint better = 0;

  if (p->flags & (WS_PLOT_POINT_HIGHLIGHTED | WS_PLOT_POINT_SELECTED))
    return TRUE;
  if (p->role == WS_PLOT_ROLE_NEIGHBOR)
    return FALSE;
  if (p->role != WS_PLOT_ROLE_RESULT)
    return TRUE;
  for (guint j = 0; j < ws_plot_scene_get_n_points (scene); j++)
    {
      const WsPlotPoint *q = ws_plot_scene_get_point (scene, j);

      if (j == i || !ws_plot_layout_get_point (layout, j)->visible)
        continue;
      if (q->role == WS_PLOT_ROLE_ANSWER)
        better++;
      else if (q->role == WS_PLOT_ROLE_RESULT &&
               ((q->has_score && !p->has_score) ||
                (q->has_score && p->has_score && q->score > p->score) ||
                (q->has_score == p->has_score && (!p->has_score || q->score == p->score) && j < i)))
        better++;
    }
  return better < 10;
}

/* Every check a person makes looking at the map. */
static LayoutStats
check_layout (WsPlotLayout *layout)
{
  WsPlotScene *scene = ws_plot_layout_get_scene (layout);
  guint n = ws_plot_layout_get_n_points (layout);
  cairo_rectangle_t canvas = { 0, 0, ws_plot_layout_get_width (layout), ws_plot_layout_get_height (layout) };
  cairo_rectangle_t area = ws_plot_layout_get_plot_area (layout);
  cairo_rectangle_t title = ws_plot_layout_get_title_area (layout);
  cairo_rectangle_t legend = ws_plot_layout_get_legend_area (layout);
  cairo_rectangle_t xl = ws_plot_layout_get_x_label_area (layout);
  cairo_rectangle_t yl = ws_plot_layout_get_y_label_area (layout);
  double ts = ws_plot_scene_get_text_scale (scene);
  LayoutStats stats = { 0 };

  g_assert_cmpuint (n, ==, ws_plot_scene_get_n_points (scene));
  g_assert_true (rect_inside (&area, &canvas));
  /* The header, axis names and legend sit outside the plot area, on the canvas. */
  for (int k = 0; k < 4; k++)
    {
      const cairo_rectangle_t *r = k == 0 ? &title : k == 1 ? &legend : k == 2 ? &xl : &yl;

      if (r->width <= 0)
        continue;
      if (!rect_inside (r, &canvas) || rects_overlap (r, &area))
        g_error ("text box %d (%g, %g, %g × %g) is off the canvas or on the plot area "
                 "(%g, %g, %g × %g)", k, r->x, r->y, r->width, r->height,
                 area.x, area.y, area.width, area.height);
    }

  for (guint i = 0; i < n; i++)
    {
      const WsPlotPointLayout *p = ws_plot_layout_get_point (layout, i);
      const WsPlotPoint *point = ws_plot_scene_get_point (scene, i);

      if (!p->visible)
        continue;
      /* Labelled, inside the plot area (so on the canvas); or deferred,
       * if it may be, with no box at all. */
      if (p->deferred)
        {
          if (is_protected (layout, i))
            g_error ("the label of “%s” is deferred", point->word);
          g_assert_cmpfloat (p->label.width, ==, 0);
          stats.deferred++;
          continue;
        }
      if (p->label.width <= 0 || p->label.height <= 0)
        g_error ("“%s” has no label", point->word);
      if (!rect_inside (&p->label, &area))
        g_error ("the label of “%s” runs out of the plot area", point->word);
      stats.labelled++;

      for (guint j = 0; j < n; j++)
        {
          const WsPlotPointLayout *q = ws_plot_layout_get_point (layout, j);

          if (!q->visible)
            continue;
          /* No label covers a marker, its own included; except that a
           * protected label, when the map is too dense for anything else,
           * may cover a lesser point. */
          if (distance_to_rect (&p->label, q->x, q->y) < q->radius)
            {
              if (j == i || !is_protected (layout, i) || is_protected (layout, j))
                g_error ("the label of “%s” (%s) covers the point “%s” (%s)",
                         point->word, ws_plot_role_to_string (point->role),
                         ws_plot_scene_get_point (scene, j)->word,
                         ws_plot_role_to_string (ws_plot_scene_get_point (scene, j)->role));
              stats.covering++;
            }
          if (j > i && rects_overlap (&p->label, &q->label))
            g_error ("the labels of “%s” and “%s” overlap",
                     point->word, ws_plot_scene_get_point (scene, j)->word);
        }

      /* Next to its point, or joined to it by a leader line. */
      if (distance_to_rect (&p->label, p->x, p->y) > p->radius + 4.0 * ts)
        {
          if (!p->displaced)
            g_error ("the label of “%s” is %.1f px from its point with no leader line",
                     point->word, distance_to_rect (&p->label, p->x, p->y));
        }
      if (p->displaced)
        {
          double from = hypot (p->leader_x1 - p->x, p->leader_y1 - p->y);

          stats.displaced++;
          g_assert_cmpfloat (from, >=, p->radius);
          g_assert_cmpfloat (from, <=, p->radius + 4.0 * ts);
          g_assert_true (on_rect_border (&p->label, p->leader_x2, p->leader_y2));
        }
    }
  return stats;
}

/* The arrow runs from the edge of @from's marker to the edge of @to's, on
 * the line between their centres. */
static void
check_arrow (WsPlotLayout *layout,
             guint         index,
             guint         from,
             guint         to)
{
  WsPlotScene *scene = ws_plot_layout_get_scene (layout);
  const WsPlotArrow *arrow = ws_plot_scene_get_arrow (scene, index);
  const WsPlotArrowLayout *a = ws_plot_layout_get_arrow (layout, index);
  const WsPlotPointLayout *p = ws_plot_layout_get_point (layout, from);
  const WsPlotPointLayout *q = ws_plot_layout_get_point (layout, to);
  double ts = ws_plot_scene_get_text_scale (scene);
  double len = hypot (q->x - p->x, q->y - p->y);
  double d1 = hypot (a->x1 - p->x, a->y1 - p->y);
  double d2 = hypot (a->x2 - q->x, a->y2 - q->y);
  /* Cross products: both ends on the centre line. */
  double c1 = (q->x - p->x) * (a->y1 - p->y) - (q->y - p->y) * (a->x1 - p->x);
  double c2 = (q->x - p->x) * (a->y2 - p->y) - (q->y - p->y) * (a->x2 - p->x);

  g_assert_cmpuint (arrow->from, ==, from);
  g_assert_cmpuint (arrow->to, ==, to);
  g_assert_true (a->visible);
  g_assert_cmpfloat (d1, >=, p->radius);
  g_assert_cmpfloat (d1, <=, p->radius + 4.0 * ts);
  g_assert_cmpfloat (d2, >=, q->radius);
  g_assert_cmpfloat (d2, <=, q->radius + 4.0 * ts);
  g_assert_cmpfloat (fabs (c1) / len, <, 1e-6);
  g_assert_cmpfloat (fabs (c2) / len, <, 1e-6);
  /* Pointing the right way: the tip is nearer the target. */
  g_assert_cmpfloat (hypot (a->x2 - q->x, a->y2 - q->y), <, hypot (a->x1 - q->x, a->y1 - q->y));
}

/* ---- pixels -------------------------------------------------------------- */

static void
read_pixel (cairo_surface_t *image,
            int              x,
            int              y,
            double           rgb[3])
{
  const unsigned char *data;
  guint32 px;

  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  px = *(const guint32 *) (data + y * cairo_image_surface_get_stride (image) + x * 4);
  rgb[0] = (px >> 16 & 0xff) / 255.0;
  rgb[1] = (px >> 8 & 0xff) / 255.0;
  rgb[2] = (px & 0xff) / 255.0;
}

static double
luminance (const double rgb[3])
{
  return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
}

static cairo_surface_t *
load_png (const char *path)
{
  cairo_surface_t *image = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  return image;
}

/* ---- tests --------------------------------------------------------------- */

static void
test_analogy_layout (void)
{
  AnalogyIndices ix;
  g_autoptr(WsPlotScene) scene = make_analogy_scene (&ix);
  g_autoptr(WsPlotLayout) layout = ws_plot_layout_compute (scene, 1280, 800);
  LayoutStats stats = check_layout (layout);
  guint corners[4];

  g_assert_cmpuint (stats.labelled, ==, ws_plot_scene_get_n_points (scene));
  g_assert_cmpuint (stats.covering, ==, 0);
  g_assert_cmpuint (ws_plot_scene_get_n_arrows (scene), ==, 2);
  check_arrow (layout, 0, ix.man, ix.king);
  check_arrow (layout, 1, ix.woman, ix.predicted);
  g_assert_true (ws_plot_scene_get_analogy (scene, corners));
  g_assert_cmpuint (corners[3], ==, ix.predicted);

  /* Same scale on both axes: the parallelogram keeps its shape. */
  {
    const WsPlotPointLayout *m = ws_plot_layout_get_point (layout, ix.man);
    const WsPlotPointLayout *k = ws_plot_layout_get_point (layout, ix.king);
    const WsPlotPoint *pm = ws_plot_scene_get_point (scene, ix.man);
    const WsPlotPoint *pk = ws_plot_scene_get_point (scene, ix.king);
    double sx = (k->x - m->x) / (pk->x - pm->x);
    double sy = (k->y - m->y) / (pk->y - pm->y);

    g_assert_cmpfloat (fabs (sx + sy), <, 1e-9 * fabs (sx)); /* y is flipped */
  }
  /* Data x grows to the right, y upwards. */
  g_assert_cmpfloat (ws_plot_layout_get_point (layout, ix.king)->y, <,
                     ws_plot_layout_get_point (layout, ix.man)->y);
  g_assert_cmpfloat (ws_plot_layout_get_point (layout, ix.king)->x, >,
                     ws_plot_layout_get_point (layout, ix.woman)->x);

  g_assert_cmpstr (ws_plot_scene_get_x_label (scene), ==, "PC1 (31.4\u202f%)");
  maybe_dump (scene, "analogy-light.png", 1280, 800);
  ws_plot_scene_set_theme (scene, WS_PLOT_THEME_DARK);
  maybe_dump (scene, "analogy-dark.png", 1280, 800);
}

static void
test_labels_readable_size (void)
{
  g_autoptr(WsPlotScene) scene = make_analogy_scene (NULL);
  g_autoptr(WsPlotLayout) layout = ws_plot_layout_compute (scene, 1280, 800);
  g_autoptr(WsPlotLayout) big = NULL;
  guint queen = ws_plot_scene_find_point (scene, "queen");
  double h1, h2;

  /* A line of label text is about 16 px plus its padding at scale 1… */
  h1 = ws_plot_layout_get_point (layout, queen)->label.height;
  g_assert_cmpfloat (h1, >=, 16.0);
  g_assert_cmpfloat (h1, <=, 28.0);

  /* …and grows with the text scale, still with no overlaps. */
  ws_plot_scene_set_text_scale (scene, 2.0);
  big = ws_plot_layout_compute (scene, 1280, 800);
  h2 = ws_plot_layout_get_point (big, queen)->label.height;
  g_assert_cmpfloat (fabs (h2 / h1 - 2.0), <, 0.1);
  check_layout (big);
  maybe_dump (scene, "analogy-scale2.png", 1280, 800);
}

static void
test_crowded (void)
{
  g_autoptr(WsPlotScene) scene = make_crowded_scene (100, 0.12);
  g_autoptr(WsPlotLayout) layout = ws_plot_layout_compute (scene, 1280, 800);
  LayoutStats stats = check_layout (layout);

  /* So crowded that some labels had to move away, each with its leader,
   * and lesser ones found no room: deferred, not piled up. */
  g_assert_cmpuint (stats.labelled + stats.deferred, ==, 100);
  g_assert_cmpuint (stats.displaced, >, 10);
  g_assert_cmpuint (stats.deferred, >, 0);
  maybe_dump (scene, "crowded-100.png", 1280, 800);
}

static void
test_crowded_small_canvas (void)
{
  g_autoptr(WsPlotScene) scene = make_crowded_scene (50, 1.0);
  g_autoptr(WsPlotLayout) layout = NULL;
  LayoutStats stats;

  ws_plot_scene_set_bounds (scene, NULL);
  layout = ws_plot_layout_compute (scene, 640, 480);
  stats = check_layout (layout);
  g_assert_cmpuint (stats.labelled + stats.deferred, ==, 50);
  maybe_dump (scene, "crowded-50-small.png", 640, 480);
}

static void
test_same_place (void)
{
  g_autoptr(WsPlotScene) scene = ws_plot_scene_new ();
  g_autoptr(WsPlotLayout) layout = NULL;
  LayoutStats stats;

  /* Ten words on one spot (duplicates in a model do this): ten labels. */
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *word = g_strdup_printf ("same%d", i);

      ws_plot_scene_add_point (scene, word, 0.5, 0.5, WS_PLOT_ROLE_RESULT, NAN);
    }
  layout = ws_plot_layout_compute (scene, 800, 600);
  stats = check_layout (layout);
  g_assert_cmpuint (stats.labelled, ==, 10);
  /* The single spot lands in the middle of the plot area. */
  {
    cairo_rectangle_t area = ws_plot_layout_get_plot_area (layout);
    const WsPlotPointLayout *p = ws_plot_layout_get_point (layout, 0);

    g_assert_cmpfloat (fabs (p->x - (area.x + area.width / 2)), <, 1e-6);
    g_assert_cmpfloat (fabs (p->y - (area.y + area.height / 2)), <, 1e-6);
  }
}

static void
test_long_word (void)
{
  g_autoptr(WsPlotScene) scene = make_analogy_scene (NULL);
  g_autoptr(WsPlotLayout) layout = NULL;
  GString *word = g_string_new ("Llanfair");
  const WsPlotPointLayout *p;
  int i;

  /* A 600-character "word" still gets a label, shortened to fit. */
  for (int k = 0; k < 60; k++)
    g_string_append (word, "pwllgwyng");
  i = ws_plot_scene_add_point (scene, word->str, 0.0, 0.0, WS_PLOT_ROLE_RESULT, 0.3);
  g_string_free (word, TRUE);
  layout = ws_plot_layout_compute (scene, 1280, 800);
  check_layout (layout);
  p = ws_plot_layout_get_point (layout, i);
  g_assert_cmpfloat (p->label.width, >, 100);
  g_assert_cmpfloat (p->label.width, <=, ws_plot_layout_get_plot_area (layout).width / 2 + 20);
}

/* The pixels inside each label box are text on the label's background: some
 * differ strongly from the rest (the letters are drawn where the layout
 * says). */
static void
test_labels_drawn_where_laid_out (void)
{
  g_autoptr(WsPlotScene) scene = make_analogy_scene (NULL);
  g_autoptr(WsPlotLayout) layout = ws_plot_layout_compute (scene, 1280, 800);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (ws_test_tmpdir (), "labels.png", NULL);
  cairo_surface_t *image;

  g_assert_true (ws_plot_export (scene, path, 1280, 800, 1.0, &error));
  image = load_png (path);
  for (guint i = 0; i < ws_plot_layout_get_n_points (layout); i++)
    {
      const WsPlotPointLayout *p = ws_plot_layout_get_point (layout, i);
      double lo = 1.0, hi = 0.0, rgb[3];
      guint dark = 0, total = 0;

      for (int y = (int) ceil (p->label.y); y < (int) (p->label.y + p->label.height); y++)
        for (int x = (int) ceil (p->label.x); x < (int) (p->label.x + p->label.width); x++)
          {
            double l;

            read_pixel (image, x, y, rgb);
            l = luminance (rgb);
            lo = MIN (lo, l);
            hi = MAX (hi, l);
            dark += l < 0.5;
            total++;
          }
      /* Contrast of text on its pill, and ink covering a sensible share. */
      if (hi - lo < 0.5 || dark < total / 50 || dark > total / 2)
        g_error ("the label of “%s” shows no text where it was laid out "
                 "(luminance %.2f–%.2f, %u of %u pixels dark)",
                 ws_plot_scene_get_point (scene, i)->word, lo, hi, dark, total);
    }
  cairo_surface_destroy (image);
}

/* Random scenes (seeded): whenever the labels fit comfortably (they cover
 * less than a third of the plot area), every check holds. */
static void
test_random_scenes (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  guint checked = 0;

  for (int it = 0; it < 60; it++)
    {
      g_autoptr(WsPlotScene) scene = ws_plot_scene_new ();
      g_autoptr(WsPlotLayout) layout = NULL;
      int n = g_rand_int_range (rand, 1, 60);
      double w = g_rand_double_range (rand, 600, 1600);
      double h = g_rand_double_range (rand, 400, 1000);
      double spread = g_rand_boolean (rand) ? 0.1 : 1.0;
      cairo_rectangle_t area;
      double fill = 0.0;

      for (int i = 0; i < n; i++)
        {
          char word[16];
          int len = g_rand_int_range (rand, 1, 14);

          for (int k = 0; k < len; k++)
            word[k] = 'a' + g_rand_int_range (rand, 0, 26);
          word[len] = '\0';
          ws_plot_scene_add_point (scene, word, g_rand_double_range (rand, -spread, spread),
                                   g_rand_double_range (rand, -spread, spread),
                                   g_rand_int_range (rand, 0, WS_PLOT_N_ROLES), NAN);
        }
      if (n >= 4 && g_rand_boolean (rand))
        ws_plot_scene_set_analogy (scene, 0, 1, 2, 3);
      ws_plot_scene_set_title (scene, "random");
      ws_plot_scene_set_axes_variance (scene, "PC1", 10, "PC2", 5);
      ws_plot_scene_set_text_scale (scene, g_rand_double_range (rand, 0.5, 2.0));
      if (g_rand_int_range (rand, 0, 4) == 0)
        ws_plot_scene_set_view (scene, g_rand_double_range (rand, 0.5, 3),
                                g_rand_double_range (rand, -200, 200),
                                g_rand_double_range (rand, -200, 200));

      layout = ws_plot_layout_compute (scene, w, h);
      area = ws_plot_layout_get_plot_area (layout);
      for (guint i = 0; i < ws_plot_layout_get_n_points (layout); i++)
        {
          const WsPlotPointLayout *p = ws_plot_layout_get_point (layout, i);

          fill += p->label.width * p->label.height;
        }
      if (fill / (area.width * area.height) >= 1.0 / 3)
        continue;
      check_layout (layout);
      checked++;
    }
  g_test_message ("%u of 60 random scenes had room for their labels and passed", checked);
  g_assert_cmpuint (checked, >=, 30);
}

static void
test_empty_and_tiny (void)
{
  g_autoptr(WsPlotScene) scene = ws_plot_scene_new ();
  g_autoptr(WsPlotLayout) layout = ws_plot_layout_compute (scene, 1280, 800);
  g_autoptr(WsPlotLayout) tiny = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL;

  g_assert_cmpuint (ws_plot_layout_get_n_points (layout), ==, 0);
  png = ws_plot_export_to_bytes (scene, WS_PLOT_FORMAT_PNG, 1280, 800, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (png);

  /* A canvas too small for anything still draws without a fault. */
  ws_plot_scene_add_point (scene, "alone", 0, 0, WS_PLOT_ROLE_QUERY_POSITIVE, NAN);
  tiny = ws_plot_layout_compute (scene, 3, 3);
  g_assert_cmpuint (ws_plot_layout_get_n_points (tiny), ==, 1);
  g_clear_pointer (&png, g_bytes_unref);
  png = ws_plot_export_to_bytes (scene, WS_PLOT_FORMAT_PNG, 3, 3, 1, &error);
  g_assert_no_error (error);
}

static void
test_hit_test (void)
{
  AnalogyIndices ix;
  g_autoptr(WsPlotScene) scene = make_analogy_scene (&ix);
  g_autoptr(WsPlotLayout) layout = ws_plot_layout_compute (scene, 1280, 800);
  const WsPlotPointLayout *q = ws_plot_layout_get_point (layout, ix.queen);
  cairo_rectangle_t area = ws_plot_layout_get_plot_area (layout);
  double dx, dy;

  g_assert_cmpint (ws_plot_layout_hit_test (layout, q->x + 1, q->y - 1), ==, ix.queen);
  g_assert_cmpint (ws_plot_layout_hit_test (layout, q->label.x + q->label.width / 2,
                                            q->label.y + q->label.height / 2), ==, ix.queen);
  g_assert_cmpint (ws_plot_layout_hit_test (layout, area.x + 2, area.y + area.height - 2), ==, -1);

  /* device → data → device is the identity, for zooming about the pointer. */
  ws_plot_layout_device_to_data (layout, q->x, q->y, &dx, &dy);
  g_assert_cmpfloat (fabs (dx - ws_plot_scene_get_point (scene, ix.queen)->x), <, 1e-9);
  g_assert_cmpfloat (fabs (dy - ws_plot_scene_get_point (scene, ix.queen)->y), <, 1e-9);
}

static void
test_zoom_pan (void)
{
  AnalogyIndices ix;
  g_autoptr(WsPlotScene) scene = make_analogy_scene (&ix);
  g_autoptr(WsPlotLayout) before = ws_plot_layout_compute (scene, 1280, 800);
  g_autoptr(WsPlotLayout) after = NULL;
  cairo_rectangle_t area = ws_plot_layout_get_plot_area (before);
  double cx = area.x + area.width / 2, cy = area.y + area.height / 2;
  const WsPlotPointLayout *k0 = ws_plot_layout_get_point (before, ix.king);
  const WsPlotPointLayout *k1;
  guint hidden = 0;

  /* Zoom in on the top right, about the centre, then pan left and down. */
  ws_plot_scene_set_view (scene, 1.8, -300.0, 260.0);
  after = ws_plot_layout_compute (scene, 1280, 800);
  k1 = ws_plot_layout_get_point (after, ix.king);
  g_assert_cmpfloat (fabs (k1->x - (cx + 1.8 * (k0->x - cx) - 300)), <, 1e-6);
  g_assert_cmpfloat (fabs (k1->y - (cy + 1.8 * (k0->y - cy) + 260)), <, 1e-6);
  g_assert_true (k1->visible);
  for (guint i = 0; i < ws_plot_layout_get_n_points (after); i++)
    {
      const WsPlotPointLayout *p = ws_plot_layout_get_point (after, i);

      hidden += !p->visible;
      /* Out of view: no label anywhere. */
      if (!p->visible)
        g_assert_cmpfloat (p->label.width, ==, 0);
    }
  g_assert_cmpuint (hidden, >, 0);
  g_assert_false (ws_plot_layout_get_point (after, ix.woman)->visible);
  /* woman → computed point: woman is out of view, the arrow still drawn. */
  g_assert_true (ws_plot_layout_get_arrow (after, 1)->visible);
  check_layout (after);
  maybe_dump (scene, "analogy-zoom.png", 1280, 800);
}

static void
test_export_png (void)
{
  AnalogyIndices ix;
  g_autoptr(WsPlotScene) scene = make_analogy_scene (&ix);
  g_autoptr(WsPlotLayout) layout = ws_plot_layout_compute (scene, 640, 400);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (ws_test_tmpdir (), "map.PNG", NULL);
  g_autofree char *path2 = g_build_filename (ws_test_tmpdir (), "map2.png", NULL);
  const WsPlotPointLayout *q = ws_plot_layout_get_point (layout, ix.queen);
  const WsPlotPointLayout *w = ws_plot_layout_get_point (layout, ix.woman);
  cairo_surface_t *image;
  double rgb[3];

  g_assert_true (ws_plot_export (scene, path, 640, 400, 1.0, &error));
  g_assert_no_error (error);
  image = load_png (path);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 400);

  /* The light canvas is light… */
  read_pixel (image, 2, 2, rgb);
  g_assert_cmpfloat (luminance (rgb), >, 0.9);
  /* …and the pixels at the layout's points are the markers drawn there:
   * the answer's amber star, the blue of a word added to the query. */
  read_pixel (image, (int) q->x, (int) q->y, rgb);
  g_assert_cmpfloat (rgb[0], >, 0.8);
  g_assert_cmpfloat (rgb[1], >, 0.5);
  g_assert_cmpfloat (rgb[2], <, 0.2);
  read_pixel (image, (int) w->x, (int) w->y, rgb);
  g_assert_cmpfloat (rgb[2], >, 0.6);
  g_assert_cmpfloat (rgb[0], <, 0.2);
  cairo_surface_destroy (image);

  /* Scale 2: twice the pixels, the same picture. */
  g_assert_true (ws_plot_export (scene, path2, 640, 400, 2.0, &error));
  g_assert_no_error (error);
  image = load_png (path2);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1280);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 800);
  read_pixel (image, (int) (2 * q->x), (int) (2 * q->y), rgb);
  g_assert_cmpfloat (rgb[0], >, 0.8);
  g_assert_cmpfloat (rgb[2], <, 0.2);
  cairo_surface_destroy (image);
}

/* A transparent figure leaves the canvas around the plot area unpainted
 * (alpha 0 in a PNG), keeps the plot area opaque, and survives a copy of
 * the scene (the window draws copies). */
static void
test_transparent (void)
{
  AnalogyIndices ix;
  g_autoptr(WsPlotScene) scene = make_analogy_scene (&ix);
  g_autoptr(WsPlotScene) copy = NULL;
  g_autoptr(WsPlotLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (ws_test_tmpdir (), "transparent.png", NULL);
  cairo_surface_t *image;
  cairo_rectangle_t area;
  guint32 *row;

  g_assert_false (ws_plot_scene_get_transparent (scene));
  ws_plot_scene_set_transparent (scene, TRUE);
  copy = ws_plot_scene_copy (scene);
  g_assert_true (ws_plot_scene_get_transparent (copy));
  layout = ws_plot_layout_compute (copy, 640, 400);
  area = ws_plot_layout_get_plot_area (layout);

  g_assert_true (ws_plot_export (copy, path, 640, 400, 1.0, &error));
  g_assert_no_error (error);
  image = load_png (path);
  g_assert_cmpint (cairo_image_surface_get_format (image), ==, CAIRO_FORMAT_ARGB32);
  row = (guint32 *) cairo_image_surface_get_data (image);
  g_assert_cmphex (row[0] >> 24, ==, 0);
  row = (guint32 *) (cairo_image_surface_get_data (image) +
                     (int) (area.y + area.height / 2) * cairo_image_surface_get_stride (image));
  g_assert_cmphex (row[(int) (area.x + area.width / 2)] >> 24, ==, 0xff);
  cairo_surface_destroy (image);

  /* Not transparent: the corner is painted. */
  ws_plot_scene_set_transparent (copy, FALSE);
  g_assert_true (ws_plot_export (copy, path, 640, 400, 1.0, &error));
  image = load_png (path);
  row = (guint32 *) cairo_image_surface_get_data (image);
  g_assert_cmphex (row[0] >> 24, ==, 0xff);
  cairo_surface_destroy (image);
}

static void
test_dark_theme (void)
{
  g_autoptr(WsPlotScene) scene = make_analogy_scene (NULL);
  g_autoptr(WsPlotLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (ws_test_tmpdir (), "dark.png", NULL);
  cairo_surface_t *image;
  cairo_rectangle_t area;
  double rgb[3];

  ws_plot_scene_set_theme (scene, WS_PLOT_THEME_DARK);
  layout = ws_plot_layout_compute (scene, 800, 500);
  area = ws_plot_layout_get_plot_area (layout);
  g_assert_true (ws_plot_export (scene, path, 800, 500, 1.0, &error));
  g_assert_no_error (error);
  image = load_png (path);
  read_pixel (image, 2, 2, rgb);
  g_assert_cmpfloat (luminance (rgb), <, 0.2);
  read_pixel (image, (int) (area.x + 5), (int) (area.y + area.height - 5), rgb);
  g_assert_cmpfloat (luminance (rgb), <, 0.2);
  cairo_surface_destroy (image);
}

/* A PDF holds NUL bytes in its compressed streams: no strstr. */
static gboolean
contains_bytes (const char *data,
                gsize       len,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_export_svg_pdf (void)
{
  g_autoptr(WsPlotScene) scene = make_analogy_scene (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *svg = g_build_filename (ws_test_tmpdir (), "map.svg", NULL);
  g_autofree char *pdf = g_build_filename (ws_test_tmpdir (), "map.pdf", NULL);
  g_autofree char *text = NULL;
  gsize len;

  g_assert_true (ws_plot_export (scene, svg, 1280, 800, 1.0, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &text, &len, &error));
  g_assert_true (g_str_has_prefix (text, "<?xml"));
  g_assert_nonnull (strstr (text, "<svg"));
  g_assert_nonnull (strstr (text, "width=\"1280pt\""));
  g_assert_nonnull (strstr (text, "height=\"800pt\""));
  g_assert_nonnull (strstr (text, "</svg>"));
  g_clear_pointer (&text, g_free);

  g_assert_true (ws_plot_export (scene, pdf, 1280, 800, 1.0, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &text, &len, &error));
  g_assert_true (g_str_has_prefix (text, "%PDF-"));
  g_assert_true (contains_bytes (text, len, "/MediaBox [ 0 0 1280 800 ]"));
  g_assert_true (contains_bytes (text + len - 16, 16, "%%EOF"));
}

/* The same scene exported twice in one process gives the same bytes, in
 * every format: cairo numbers SVG ids and PDF fonts with process-wide
 * counters, and stamps PDFs with the time, unless the exporter pins them. */
static void
test_export_reproducible (void)
{
  g_autoptr(WsPlotScene) scene = make_analogy_scene (NULL);
  static const WsPlotFormat formats[] = {
    WS_PLOT_FORMAT_PNG, WS_PLOT_FORMAT_SVG, WS_PLOT_FORMAT_PDF,
  };

  for (gsize f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) first = NULL;
      g_autoptr(GBytes) second = NULL;
      g_autoptr(GBytes) other = NULL;

      g_test_message ("format %d", formats[f]);
      first = ws_plot_export_to_bytes (scene, formats[f], 1280, 800, 1.0, &error);
      g_assert_no_error (error);
      /* Another export between the two moves cairo's counters on. */
      other = ws_plot_export_to_bytes (scene, formats[(f + 1) % 3], 640, 400, 1.0, &error);
      g_assert_no_error (error);
      second = ws_plot_export_to_bytes (scene, formats[f], 1280, 800, 1.0, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (g_bytes_get_data (first, NULL), g_bytes_get_size (first),
                       g_bytes_get_data (second, NULL), g_bytes_get_size (second));
    }
}

/* A PDF carries a fixed date, never the time of the export, and as a PDF
 * date ("D:…", which cairo 1.16 leaves out). SOURCE_DATE_EPOCH is checked by
 * the CLI tests, which can set it before the program starts. */
static void
test_export_pdf_date (void)
{
  g_autoptr(WsPlotScene) scene = make_analogy_scene (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) again = NULL;
  const char *data;
  gsize len;

  if (g_getenv ("SOURCE_DATE_EPOCH") != NULL)
    {
      g_test_skip ("SOURCE_DATE_EPOCH is set");
      return;
    }
  pdf = ws_plot_export_to_bytes (scene, WS_PLOT_FORMAT_PDF, 640, 400, 1.0, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (pdf, &len);
  g_assert_true (contains_bytes (data, len, "/CreationDate (D:19700101000000Z)"));
  g_assert_true (contains_bytes (data, len, "/ModDate (D:19700101000000Z)"));
  /* A second later, the same bytes. */
  g_usleep (G_USEC_PER_SEC + 100000);
  again = ws_plot_export_to_bytes (scene, WS_PLOT_FORMAT_PDF, 640, 400, 1.0, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (pdf, again));
}

static void
test_export_errors (void)
{
  g_autoptr(WsPlotScene) scene = make_analogy_scene (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (ws_test_tmpdir (), "no-such-folder", "map.png", NULL);
  g_autofree char *bmp = g_build_filename (ws_test_tmpdir (), "map.bmp", NULL);

  g_assert_false (ws_plot_export (scene, bmp, 640, 400, 1.0, &error));
  g_assert_error (error, WS_PLOT_ERROR, WS_PLOT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "map.bmp"));
  g_assert_nonnull (strstr (error->message, ".png, .svg or .pdf"));
  g_assert_false (g_file_test (bmp, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (ws_plot_export (scene, missing, 640, 400, 1.0, &error));
  g_assert_error (error, WS_PLOT_ERROR, WS_PLOT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_clear_error (&error);

  g_assert_null (ws_plot_export_to_bytes (scene, WS_PLOT_FORMAT_PNG, 0, 400, 1.0, &error));
  g_assert_error (error, WS_PLOT_ERROR, WS_PLOT_ERROR_SIZE);
  g_clear_error (&error);
  g_assert_null (ws_plot_export_to_bytes (scene, WS_PLOT_FORMAT_PNG, 20000, 400, 2.0, &error));
  g_assert_error (error, WS_PLOT_ERROR, WS_PLOT_ERROR_SIZE);
  g_assert_nonnull (strstr (error->message, "40000"));
  g_clear_error (&error);
  g_assert_null (ws_plot_export_to_bytes (scene, WS_PLOT_FORMAT_SVG, 640, 400, NAN, &error));
  g_assert_error (error, WS_PLOT_ERROR, WS_PLOT_ERROR_SIZE);
}

static void
test_interpolate (void)
{
  g_autoptr(WsPlotScene) from = ws_plot_scene_new ();
  g_autoptr(WsPlotScene) to = ws_plot_scene_new ();
  g_autoptr(WsPlotScene) mid = NULL;
  g_autoptr(WsPlotScene) start = NULL;
  g_autoptr(WsPlotScene) end = NULL;
  g_autoptr(WsPlotLayout) layout = NULL;
  WsPlotBounds b;
  int king, queen, gone;

  ws_plot_scene_add_point (from, "king", 0, 0, WS_PLOT_ROLE_QUERY_POSITIVE, NAN);
  ws_plot_scene_add_point (from, "prince", 1, 1, WS_PLOT_ROLE_RESULT, 0.5);
  ws_plot_scene_add_point (to, "queen", 4, 0, WS_PLOT_ROLE_ANSWER, 0.71);
  ws_plot_scene_add_point (to, "king", 2, 2, WS_PLOT_ROLE_QUERY_POSITIVE, NAN);
  ws_plot_scene_add_arrow (to, 1, 0);

  mid = ws_plot_scene_interpolate (from, to, 0.5);
  /* The new scene's points come first, in its order, with its arrows. */
  king = ws_plot_scene_find_point (mid, "king");
  queen = ws_plot_scene_find_point (mid, "queen");
  gone = ws_plot_scene_find_point (mid, "prince");
  g_assert_cmpint (queen, ==, 0);
  g_assert_cmpint (king, ==, 1);
  g_assert_cmpint (gone, ==, 2);
  g_assert_cmpuint (ws_plot_scene_get_n_arrows (mid), ==, 1);
  /* king glides halfway; queen fades in where it lands; prince fades out. */
  g_assert_cmpfloat (ws_plot_scene_get_point (mid, king)->x, ==, 1.0);
  g_assert_cmpfloat (ws_plot_scene_get_point (mid, king)->y, ==, 1.0);
  g_assert_cmpfloat (ws_plot_scene_get_point (mid, king)->opacity, ==, 1.0);
  g_assert_cmpfloat (ws_plot_scene_get_point (mid, queen)->x, ==, 4.0);
  g_assert_cmpfloat (ws_plot_scene_get_point (mid, queen)->opacity, ==, 0.5);
  g_assert_cmpfloat (ws_plot_scene_get_point (mid, gone)->x, ==, 1.0);
  g_assert_cmpfloat (ws_plot_scene_get_point (mid, gone)->opacity, ==, 0.5);
  /* The frame glides from [0,1]² to [2,4]×[0,2]. */
  b = ws_plot_scene_get_bounds (mid);
  g_assert_cmpfloat (b.x_min, ==, 1.0);
  g_assert_cmpfloat (b.x_max, ==, 2.5);
  g_assert_cmpfloat (b.y_min, ==, 0.0);
  g_assert_cmpfloat (b.y_max, ==, 1.5);
  layout = ws_plot_layout_compute (mid, 800, 600);
  check_layout (layout);

  start = ws_plot_scene_interpolate (from, to, 0.0);
  g_assert_cmpfloat (ws_plot_scene_get_point (start, 1)->x, ==, 0.0);
  g_assert_cmpfloat (ws_plot_scene_get_point (start, 0)->opacity, ==, 0.0);

  end = ws_plot_scene_interpolate (from, to, 1.0);
  g_assert_cmpuint (ws_plot_scene_get_n_points (end), ==, 2);
  g_assert_cmpfloat (ws_plot_scene_get_point (end, 1)->x, ==, 2.0);
  g_assert_cmpfloat (ws_plot_scene_get_point (end, 0)->opacity, ==, 1.0);
}

/* The label's corner nearest its point, relative to the point: which side
 * of the point it sits on. */
static int
label_side (const WsPlotPointLayout *p)
{
  int h = p->label.x >= p->x ? 1 : (p->label.x + p->label.width <= p->x ? -1 : 0);
  int v = p->label.y >= p->y ? 1 : (p->label.y + p->label.height <= p->y ? -1 : 0);

  return 3 * h + v;
}

/* From a neighbours query to the analogy, 30 frames: every frame is a clean
 * map, and labels that follow the previous frame flip side less. */
static void
test_animation (void)
{
  g_autoptr(WsPlotScene) to = make_analogy_scene (NULL);
  g_autoptr(WsPlotScene) from = ws_plot_scene_new ();
  g_autoptr(WsPlotLayout) previous = NULL;
  g_autoptr(WsPlotLayout) previous_plain = NULL;
  guint flips_following = 0, flips_plain = 0;
  const char *words[] = { "king", "kings", "queen", "monarch", "prince", "sultan", "crown_prince" };

  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    ws_plot_scene_add_point (from, words[i], cos (i * 0.9) * (0.2 + 0.1 * i), sin (i * 0.9) * 0.5,
                             i == 0 ? WS_PLOT_ROLE_QUERY_POSITIVE : WS_PLOT_ROLE_RESULT, 0.5);

  for (int f = 0; f <= 30; f++)
    {
      g_autoptr(WsPlotScene) mid = ws_plot_scene_interpolate (from, to, f / 30.0);
      WsPlotLayout *layout = ws_plot_layout_compute_following (mid, 1280, 800, previous);
      WsPlotLayout *plain = ws_plot_layout_compute (mid, 1280, 800);

      check_layout (layout);
      if (previous != NULL)
        for (guint i = 0; i < ws_plot_layout_get_n_points (layout); i++)
          {
            /* Points keep their index while the scene's shape holds. */
            if (i >= ws_plot_layout_get_n_points (previous))
              continue;
            flips_following += label_side (ws_plot_layout_get_point (layout, i)) !=
                               label_side (ws_plot_layout_get_point (previous, i));
            flips_plain += label_side (ws_plot_layout_get_point (plain, i)) !=
                           label_side (ws_plot_layout_get_point (previous_plain, i));
          }
      if (f == 15)
        maybe_dump (mid, "animation-mid.png", 1280, 800);
      g_clear_pointer (&previous, ws_plot_layout_unref);
      g_clear_pointer (&previous_plain, ws_plot_layout_unref);
      previous = layout;
      previous_plain = plain;
    }
  g_test_message ("label side flips over 30 frames: %u following the previous frame, %u not",
                  flips_following, flips_plain);
  g_assert_cmpuint (flips_following, <=, flips_plain);
}

static void
test_flags (void)
{
  AnalogyIndices ix;
  g_autoptr(WsPlotScene) scene = make_analogy_scene (&ix);
  g_autoptr(WsPlotLayout) plain = ws_plot_layout_compute (scene, 1280, 800);
  g_autoptr(WsPlotLayout) hovered = NULL;

  g_assert_true (ws_plot_scene_set_exclusive_flag (scene, ix.queen, WS_PLOT_POINT_HOVERED));
  g_assert_false (ws_plot_scene_set_exclusive_flag (scene, ix.queen, WS_PLOT_POINT_HOVERED));
  g_assert_true (ws_plot_scene_set_exclusive_flag (scene, ix.king, WS_PLOT_POINT_SELECTED));
  g_assert_true (ws_plot_scene_get_point (scene, ix.queen)->flags & WS_PLOT_POINT_HOVERED);
  g_assert_true (ws_plot_scene_set_exclusive_flag (scene, ix.man, WS_PLOT_POINT_HOVERED));
  g_assert_false (ws_plot_scene_get_point (scene, ix.queen)->flags & WS_PLOT_POINT_HOVERED);

  /* Hovering doesn't move any label: the map stays still under the pointer. */
  hovered = ws_plot_layout_compute (scene, 1280, 800);
  for (guint i = 0; i < ws_plot_layout_get_n_points (plain); i++)
    {
      const WsPlotPointLayout *a = ws_plot_layout_get_point (plain, i);
      const WsPlotPointLayout *b = ws_plot_layout_get_point (hovered, i);

      g_assert_cmpmem (&a->label, sizeof a->label, &b->label, sizeof b->label);
    }
  maybe_dump (scene, "analogy-hover.png", 1280, 800);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/analogy-layout", test_analogy_layout);
  g_test_add_func ("/render/labels-readable-size", test_labels_readable_size);
  g_test_add_func ("/render/crowded-100", test_crowded);
  g_test_add_func ("/render/crowded-small-canvas", test_crowded_small_canvas);
  g_test_add_func ("/render/same-place", test_same_place);
  g_test_add_func ("/render/empty-and-tiny", test_empty_and_tiny);
  g_test_add_func ("/render/long-word", test_long_word);
  g_test_add_func ("/render/random-scenes", test_random_scenes);
  g_test_add_func ("/render/labels-drawn-where-laid-out", test_labels_drawn_where_laid_out);
  g_test_add_func ("/render/hit-test", test_hit_test);
  g_test_add_func ("/render/zoom-pan", test_zoom_pan);
  g_test_add_func ("/render/export-png", test_export_png);
  g_test_add_func ("/render/dark-theme", test_dark_theme);
  g_test_add_func ("/render/transparent", test_transparent);
  g_test_add_func ("/render/export-svg-pdf", test_export_svg_pdf);
  g_test_add_func ("/render/export-errors", test_export_errors);
  g_test_add_func ("/render/export-reproducible", test_export_reproducible);
  g_test_add_func ("/render/export-pdf-date", test_export_pdf_date);
  g_test_add_func ("/render/interpolate", test_interpolate);
  g_test_add_func ("/render/flags", test_flags);
  g_test_add_func ("/render/animation", test_animation);

  return g_test_run ();
}
