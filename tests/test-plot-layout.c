/* test-plot-layout.c: the label layout on dense maps, as a reader would
 * check it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Synthetic maps of 100 to 10,000 points (clustered and uniform), at text
 * scales 0.5 to 4 and canvases from 800 × 600 to 3840 × 2160: no two drawn
 * labels overlap, every query word and each of the ten best results is
 * labelled, every drawn label is next to its point or joined to it by a
 * leader line that crosses no other label, and a lesser label covers no
 * marker. Every pair of labels is checked, through a sweep over x. Set
 * WS_RENDER_DUMP to a folder to keep a PNG of some of the maps.
 */
#include "config.h"

#include <cairo.h>
#include <math.h>
#include <string.h>

#include "ws-plot-export.h"
#include "ws-plot-layout.h"
#include "ws-plot-scene.h"

/* Points 0–2 are the query words and the best result, 3–11 the next nine
 * results: the protected labels. */
#define N_PROTECTED 12

typedef enum
{
  SPREAD_UNIFORM,
  SPREAD_CLUSTERED,
} Spread;

static WsPlotScene *
make_scene (guint  n,
            Spread spread,
            double text_scale)
{
  WsPlotScene *scene = ws_plot_scene_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (17 + n);
  WsPlotBounds bounds = { -1, 1, -1, 1 };
  double centres[8][2];

  for (int c = 0; c < 8; c++)
    {
      centres[c][0] = g_rand_double_range (rand, -0.8, 0.8);
      centres[c][1] = g_rand_double_range (rand, -0.8, 0.8);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *word = NULL;
      WsPlotRole role;
      double x, y, score = NAN;

      if (i == 0)
        role = WS_PLOT_ROLE_QUERY_POSITIVE;
      else if (i == 1)
        role = WS_PLOT_ROLE_QUERY_NEGATIVE;
      else if (i == 2)
        role = WS_PLOT_ROLE_ANSWER;
      else if (i < n / 2)
        role = WS_PLOT_ROLE_RESULT;
      else
        role = WS_PLOT_ROLE_NEIGHBOR;
      if (role == WS_PLOT_ROLE_RESULT || role == WS_PLOT_ROLE_ANSWER)
        score = 1.0 - (double) i / n;
      /* Words of 2 to 12 letters, as a vocabulary has. */
      word = g_strdup_printf ("%c%.*s%u", 'a' + i % 26, (int) (i * 7 % 10),
                              "wordlength", i);
      if (spread == SPREAD_UNIFORM)
        {
          x = g_rand_double_range (rand, -1, 1);
          y = g_rand_double_range (rand, -1, 1);
        }
      else
        {
          /* Gaussian clusters; the query words sit in the densest. */
          int c = i < N_PROTECTED ? 0 : g_rand_int_range (rand, 0, 8);
          double r = 0.12 * sqrt (-2 * log (1 - g_rand_double (rand)));
          double t = 2 * G_PI * g_rand_double (rand);

          x = CLAMP (centres[c][0] + r * cos (t), -1, 1);
          y = CLAMP (centres[c][1] + r * sin (t), -1, 1);
        }
      ws_plot_scene_add_point (scene, word, x, y, role, score);
    }
  ws_plot_scene_set_bounds (scene, &bounds);
  /* No title, legend or axis names: at text scale 4 on 800 × 600 they
   * would leave the plot area no height at all. */
  ws_plot_scene_set_show_legend (scene, FALSE);
  ws_plot_scene_set_text_scale (scene, text_scale);
  return scene;
}

static gboolean
rects_overlap (const cairo_rectangle_t *a,
               const cairo_rectangle_t *b)
{
  const double eps = 1e-6;

  return a->x < b->x + b->width - eps && b->x < a->x + a->width - eps &&
         a->y < b->y + b->height - eps && b->y < a->y + a->height - eps;
}

static double
distance_to_rect (const cairo_rectangle_t *r,
                  double                   x,
                  double                   y)
{
  double dx = MAX (MAX (r->x - x, 0.0), x - (r->x + r->width));
  double dy = MAX (MAX (r->y - y, 0.0), y - (r->y + r->height));

  return hypot (dx, dy);
}

/* Does the segment pass through the inside of the rectangle (shrunk a
 * little, so touching its border doesn't count)? Sampled finely: the
 * segments are short and the test is about what a reader sees. */
static gboolean
segment_through_rect (double                   x1,
                      double                   y1,
                      double                   x2,
                      double                   y2,
                      const cairo_rectangle_t *r)
{
  double len = hypot (x2 - x1, y2 - y1);
  int steps = MAX ((int) ceil (len / 0.5), 1);

  for (int k = 0; k <= steps; k++)
    {
      double x = x1 + (x2 - x1) * k / steps, y = y1 + (y2 - y1) * k / steps;

      if (x > r->x + 0.5 && x < r->x + r->width - 0.5 &&
          y > r->y + 0.5 && y < r->y + r->height - 0.5)
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  guint        index;
  const cairo_rectangle_t *r;
} Drawn;

static int
compare_x (gconstpointer a,
           gconstpointer b)
{
  const Drawn *p = a, *q = b;

  if (p->r->x != q->r->x)
    return p->r->x < q->r->x ? -1 : 1;
  return p->index < q->index ? -1 : (p->index > q->index ? 1 : 0);
}

typedef struct
{
  guint  drawn;
  guint  deferred;
  guint  displaced;
  double longest_leader;   /* in label heights */
  guint  walled_in;        /* protected leader lines under protected labels */
} Stats;

static Stats
check_dense_layout (WsPlotLayout *layout,
                    const char   *name)
{
  WsPlotScene *scene = ws_plot_layout_get_scene (layout);
  guint n = ws_plot_layout_get_n_points (layout);
  double ts = ws_plot_scene_get_text_scale (scene);
  cairo_rectangle_t area = ws_plot_layout_get_plot_area (layout);
  g_autoptr(GArray) drawn = g_array_new (FALSE, FALSE, sizeof (Drawn));
  Stats stats = { 0 };
  double protected_fill = 0.0;
  double cell = 64.0;
  int cols = (int) ceil (ws_plot_layout_get_width (layout) / cell) + 1;
  int rows = (int) ceil (ws_plot_layout_get_height (layout) / cell) + 1;
  g_autoptr(GPtrArray) buckets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  /* Markers bucketed on a grid, to find those under a label. */
  for (int k = 0; k < cols * rows; k++)
    g_ptr_array_add (buckets, g_array_new (FALSE, FALSE, sizeof (guint)));
  for (guint i = 0; i < n; i++)
    {
      const WsPlotPointLayout *p = ws_plot_layout_get_point (layout, i);

      if (p->visible)
        g_array_append_val (g_ptr_array_index (buckets,
                                               (int) (p->y / cell) * cols + (int) (p->x / cell)), i);
    }

  /* When the protected labels alone would cover much of the plot area
   * (words of ten letters at text scale 4 on 800 × 600), no layout can
   * keep them apart: they are still drawn, in the plot area, and the
   * lesser labels still clear of everything; only the checks among the
   * protected ones are left out. */
  for (guint i = 0; i < MIN (n, N_PROTECTED); i++)
    {
      const WsPlotPointLayout *p = ws_plot_layout_get_point (layout, i);

      protected_fill += p->label.width * p->label.height / (area.width * area.height);
    }
  if (protected_fill > 0.4)
    g_test_message ("%s: the protected labels would fill %.0f %% of the plot area",
                    name, 100 * protected_fill);

  for (guint i = 0; i < n; i++)
    {
      const WsPlotPointLayout *p = ws_plot_layout_get_point (layout, i);
      const char *word = ws_plot_scene_get_point (scene, i)->word;
      Drawn d = { i, &p->label };

      if (!p->visible)
        continue;
      if (p->deferred)
        {
          if (i < N_PROTECTED)
            g_error ("%s: the protected label of “%s” is deferred", name, word);
          g_assert_cmpfloat (p->label.width, ==, 0);
          stats.deferred++;
          continue;
        }
      if (p->label.width <= 0 || p->label.height <= 0)
        g_error ("%s: “%s” is neither labelled nor deferred", name, word);
      if (p->label.x < area.x - 1e-6 || p->label.y < area.y - 1e-6 ||
          p->label.x + p->label.width > area.x + area.width + 1e-6 ||
          p->label.y + p->label.height > area.y + area.height + 1e-6)
        g_error ("%s: the label of “%s” (%g, %g, %g × %g) runs out of the plot area (%g, %g, %g × %g)",
                 name, word, p->label.x, p->label.y, p->label.width, p->label.height,
                 area.x, area.y, area.width, area.height);
      stats.drawn++;
      g_array_append_val (drawn, d);

      /* Within reach: next to its point, or at the end of its leader. */
      if (p->displaced)
        {
          double from = hypot (p->leader_x1 - p->x, p->leader_y1 - p->y);
          double len = hypot (p->leader_x2 - p->leader_x1, p->leader_y2 - p->leader_y1);

          stats.displaced++;
          stats.longest_leader = MAX (stats.longest_leader, len / p->label.height);
          g_assert_cmpfloat (from, >=, p->radius);
          g_assert_cmpfloat (from, <=, p->radius + 4.0 * ts);
          g_assert_cmpfloat (distance_to_rect (&p->label, p->leader_x2, p->leader_y2), <, 1e-3);
        }
      else if (distance_to_rect (&p->label, p->x, p->y) > p->radius + 4.0 * ts)
        g_error ("%s: the label of “%s” is %.1f px from its point with no leader line",
                 name, word, distance_to_rect (&p->label, p->x, p->y));

      /* A lesser label covers no marker; a protected one no protected
       * marker (it may cover lesser ones where the map is dense). */
      {
        int x0 = MAX ((int) ((p->label.x - 64) / cell), 0);
        int x1 = MIN ((int) ((p->label.x + p->label.width + 64) / cell), cols - 1);
        int y0 = MAX ((int) ((p->label.y - 64) / cell), 0);
        int y1 = MIN ((int) ((p->label.y + p->label.height + 64) / cell), rows - 1);

        for (int y = y0; y <= y1; y++)
          for (int x = x0; x <= x1; x++)
            {
              GArray *b = g_ptr_array_index (buckets, y * cols + x);

              for (guint k = 0; k < b->len; k++)
                {
                  guint j = g_array_index (b, guint, k);
                  const WsPlotPointLayout *q = ws_plot_layout_get_point (layout, j);

                  if (distance_to_rect (&p->label, q->x, q->y) < q->radius &&
                      (i >= N_PROTECTED || (j < N_PROTECTED && protected_fill <= 0.4)))
                    g_error ("%s: the label of “%s” covers the point “%s”", name, word,
                             ws_plot_scene_get_point (scene, j)->word);
                }
            }
      }
    }

  /* Every pair of drawn labels: sorted by left edge, each against those
   * that start before it ends. */
  g_array_sort (drawn, compare_x);
  for (guint a = 0; a < drawn->len; a++)
    {
      const Drawn *p = &g_array_index (drawn, Drawn, a);

      for (guint b = a + 1; b < drawn->len; b++)
        {
          const Drawn *q = &g_array_index (drawn, Drawn, b);

          if (q->r->x >= p->r->x + p->r->width)
            break;
          if (rects_overlap (p->r, q->r) &&
              (p->index >= N_PROTECTED || q->index >= N_PROTECTED || protected_fill <= 0.4))
            g_error ("%s: the labels of “%s” and “%s” overlap", name,
                     ws_plot_scene_get_point (scene, p->index)->word,
                     ws_plot_scene_get_point (scene, q->index)->word);
        }
    }

  /* Leader lines cross no other label. */
  for (guint i = 0; i < n; i++)
    {
      const WsPlotPointLayout *p = ws_plot_layout_get_point (layout, i);

      if (!p->visible || !p->displaced)
        continue;
      for (guint a = 0; a < drawn->len; a++)
        {
          const Drawn *q = &g_array_index (drawn, Drawn, a);

          if (q->index == i ||
              !segment_through_rect (p->leader_x1, p->leader_y1, p->leader_x2, p->leader_y2, q->r))
            continue;
          /* Where protected points crowd one spot at a large text scale,
           * (text scale 4) their labels can wall a point in: its leader line runs
           * under one of them (drawn beneath the label’s pill). Never a
           * lesser label's, and never with room to spare. */
          if (i < N_PROTECTED && q->index < N_PROTECTED && ts >= 4.0)
            {
              stats.walled_in++;
              continue;
            }
          if (protected_fill > 0.4 && q->index < N_PROTECTED)
            continue;
          g_error ("%s: the leader line of “%s” crosses the label of “%s”", name,
                   ws_plot_scene_get_point (scene, i)->word,
                   ws_plot_scene_get_point (scene, q->index)->word);
        }
    }
  return stats;
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

static void
test_dense (gconstpointer data)
{
  guint n = GPOINTER_TO_UINT (data);
  static const double scales[] = { 0.5, 1.0, 2.0, 4.0 };
  static const struct { double w, h; } sizes[] = { { 800, 600 }, { 1920, 1080 }, { 3840, 2160 } };

  for (int spread = SPREAD_UNIFORM; spread <= SPREAD_CLUSTERED; spread++)
    for (gsize s = 0; s < G_N_ELEMENTS (scales); s++)
      {
        g_autoptr(WsPlotScene) scene = make_scene (n, spread, scales[s]);

        for (gsize z = 0; z < G_N_ELEMENTS (sizes); z++)
          {
            g_autofree char *name = g_strdup_printf ("%u %s points, text scale %g, %g × %g", n,
                                                     spread == SPREAD_UNIFORM ? "uniform" : "clustered",
                                                     scales[s], sizes[z].w, sizes[z].h);
            gint64 start = g_get_monotonic_time ();
            g_autoptr(WsPlotLayout) layout = ws_plot_layout_compute (scene, sizes[z].w, sizes[z].h);
            double ms = (g_get_monotonic_time () - start) / 1000.0;
            Stats st = check_dense_layout (layout, name);

            g_test_message ("%s: %u labels drawn, %u deferred, %u with a leader line "
                            "(longest %.1f lines, %u under a protected label), %.1f ms",
                            name, st.drawn, st.deferred, st.displaced, st.longest_leader,
                            st.walled_in, ms);
            if (z == 1 && (scales[s] == 1.0 || scales[s] == 4.0))
              {
                g_autofree char *file = g_strdup_printf ("dense-%u-%s-%g.png", n,
                                                         spread == SPREAD_UNIFORM ? "uniform" : "clustered",
                                                         scales[s]);

                maybe_dump (scene, file, sizes[z].w, sizes[z].h);
              }
          }
      }
}

/* The same points give the same layout, to the bit. */
static void
test_deterministic (void)
{
  g_autoptr(WsPlotScene) scene = make_scene (3000, SPREAD_CLUSTERED, 1.0);
  g_autoptr(WsPlotLayout) a = ws_plot_layout_compute (scene, 1920, 1080);
  g_autoptr(WsPlotLayout) b = ws_plot_layout_compute (scene, 1920, 1080);

  for (guint i = 0; i < ws_plot_layout_get_n_points (a); i++)
    {
      const WsPlotPointLayout *p = ws_plot_layout_get_point (a, i);
      const WsPlotPointLayout *q = ws_plot_layout_get_point (b, i);

      g_assert_true (p->deferred == q->deferred && p->displaced == q->displaced);
      g_assert_true (memcmp (&p->label, &q->label, sizeof p->label) == 0);
      g_assert_true (p->leader_x2 == q->leader_x2 && p->leader_y2 == q->leader_y2);
    }
}

/* Semantic zoom: a deferred label shows once zooming in spreads its
 * neighbourhood, and the protected ones stay. */
static void
test_zoom_reveals (void)
{
  g_autoptr(WsPlotScene) scene = make_scene (5000, SPREAD_UNIFORM, 1.0);
  g_autoptr(WsPlotLayout) whole = ws_plot_layout_compute (scene, 1280, 800);
  g_autoptr(WsPlotLayout) zoomed = NULL;
  cairo_rectangle_t area = ws_plot_layout_get_plot_area (whole);
  double cx = area.x + area.width / 2, cy = area.y + area.height / 2;
  guint revealed = 0, was_deferred = 0;
  int target = -1;
  double zoom = 12.0;

  /* The deferred point nearest the middle. */
  for (guint i = 0; i < ws_plot_layout_get_n_points (whole); i++)
    {
      const WsPlotPointLayout *p = ws_plot_layout_get_point (whole, i);

      if (p->visible && p->deferred &&
          (target < 0 || hypot (p->x - cx, p->y - cy) <
                         hypot (ws_plot_layout_get_point (whole, target)->x - cx,
                                ws_plot_layout_get_point (whole, target)->y - cy)))
        target = (int) i;
    }
  g_assert_cmpint (target, >=, 0);
  {
    const WsPlotPointLayout *t = ws_plot_layout_get_point (whole, target);

    /* Zoom about the centre, panned so that the target lands there. */
    ws_plot_scene_set_view (scene, zoom, -zoom * (t->x - cx), -zoom * (t->y - cy));
  }
  zoomed = ws_plot_layout_compute (scene, 1280, 800);
  check_dense_layout (zoomed, "zoomed in");
  g_assert_true (ws_plot_layout_get_point (zoomed, target)->visible);
  g_assert_false (ws_plot_layout_get_point (zoomed, target)->deferred);
  for (guint i = 0; i < ws_plot_layout_get_n_points (zoomed); i++)
    if (ws_plot_layout_get_point (zoomed, i)->visible && ws_plot_layout_get_point (whole, i)->deferred)
      {
        was_deferred++;
        revealed += !ws_plot_layout_get_point (zoomed, i)->deferred;
      }
  g_test_message ("zoomed ×%g: %u of %u labels deferred on the whole map now show",
                  zoom, revealed, was_deferred);
  g_assert_cmpuint (revealed * 2, >, was_deferred);
}

/* Points gliding a little: most labels keep their side. */
static void
test_glide_stable (void)
{
  g_autoptr(WsPlotScene) from = make_scene (1000, SPREAD_CLUSTERED, 1.0);
  g_autoptr(WsPlotScene) to = ws_plot_scene_new ();
  g_autoptr(WsPlotLayout) first = ws_plot_layout_compute (from, 1920, 1080);
  g_autoptr(WsPlotLayout) next = NULL;
  WsPlotBounds bounds = ws_plot_scene_get_bounds (from);
  guint kept = 0, both = 0;

  for (guint i = 0; i < ws_plot_scene_get_n_points (from); i++)
    {
      const WsPlotPoint *p = ws_plot_scene_get_point (from, i);

      ws_plot_scene_add_point (to, p->word, p->x + 0.0004 * sin (i), p->y + 0.0004 * cos (i),
                               p->role, p->has_score ? p->score : NAN);
    }
  ws_plot_scene_set_bounds (to, &bounds);
  ws_plot_scene_set_show_legend (to, FALSE);
  next = ws_plot_layout_compute_following (to, 1920, 1080, first);
  check_dense_layout (next, "after a glide");
  for (guint i = 0; i < ws_plot_layout_get_n_points (next); i++)
    {
      const WsPlotPointLayout *a = ws_plot_layout_get_point (first, i);
      const WsPlotPointLayout *b = ws_plot_layout_get_point (next, i);

      if (a->label.width <= 0 || b->label.width <= 0 || a->displaced || b->displaced)
        continue;
      both++;
      kept += fabs ((a->label.x - a->x) - (b->label.x - b->x)) < 1.0 &&
              fabs ((a->label.y - a->y) - (b->label.y - b->y)) < 1.0;
    }
  g_test_message ("after a small glide %u of %u labels kept their place by their point", kept, both);
  g_assert_cmpuint (kept * 10, >=, both * 9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/plot-layout/dense-100", GUINT_TO_POINTER (100), test_dense);
  g_test_add_data_func ("/plot-layout/dense-1000", GUINT_TO_POINTER (1000), test_dense);
  g_test_add_data_func ("/plot-layout/dense-10000", GUINT_TO_POINTER (10000), test_dense);
  g_test_add_func ("/plot-layout/deterministic", test_deterministic);
  g_test_add_func ("/plot-layout/zoom-reveals", test_zoom_reveals);
  g_test_add_func ("/plot-layout/glide-stable", test_glide_stable);
  return g_test_run ();
}
