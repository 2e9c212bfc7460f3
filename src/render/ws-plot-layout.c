/* ws-plot-layout.c: where everything of a scene lands on a canvas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Label placement, deterministic, for maps of a few words up to a
 * vocabulary: the visible points' markers go in a bucket grid, and labels
 * are placed one by one, each checked only against the placed labels,
 * markers and leader lines near it (grids too), so the work grows about as
 * n log n (the sort). First the protected labels (query words, the computed
 * point, the best result, the ten best results, marked words), then the
 * others, each group most important first (results by score, then
 * neighbours), ties by index.
 *
 * A label tries twenty spots touching its point (right, left, diagonals,
 * above, below, slid along) and takes the first clear one, preferring spots
 * that cross no arrow and the side it had in the previous frame. Clear
 * means: inside the plot area, on no label, no marker, no leader line. A
 * lesser label that finds none gets, for the first few such labels, a
 * short search a few lines out with a leader line that crosses no label
 * and no marker; else it is deferred: not drawn, until zooming in spreads
 * the points. A label whose spots are all blocked even for a one-letter
 * word is deferred without measuring its text (the dearest step).
 *
 * A protected label is never deferred: it is pushed out ring by ring with
 * a leader line that crosses no label, a few lines at most while it can
 * keep clear of every marker; where the map is too dense for that it may
 * cover lesser points' markers (at a cost, so it still stays close), and
 * where labels wall its point in (many protected words on one spot) its
 * leader line may run beneath them; after that it may cover another
 * protected marker. Only when the plot area has no room at all does it
 * take the spot that overlaps least.
 *
 * The layout this replaced (every label drawn, searched for over the whole
 * plot) is kept below for the benchmark's comparison.
 */
#define G_LOG_DOMAIN "wordspace-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ws-plot-layout-private.h"

G_DEFINE_BOXED_TYPE (WsPlotLayout, ws_plot_layout, ws_plot_layout_ref, ws_plot_layout_unref)

typedef struct
{
  double x0, y0, x1, y1;
} Box;

typedef struct
{
  double x1, y1, x2, y2;
} Segment;

/* Soft costs, in label heights of distance: a label may move that much
 * farther from its point to avoid one of these. Overlaps with labels and
 * points are never accepted (see above). */
#define COST_DISPLACED        0.75  /* any leader line at all */
#define COST_COVERS_ARROW     3.0   /* an arrow or parallelogram side under the label */
#define COST_COVERS_LEADER    3.0   /* another label's leader line under it */
#define COST_LEADER_ON_LABEL 12.0   /* its leader line runs under another label */
#define COST_LEADER_ON_POINT  4.0   /* …or through another point */
#define COST_LEADER_CROSSING  2.5   /* …or crosses another leader line */
#define COST_LEADER_ON_ARROW  1.5   /* …or crosses an arrow */

double
ws_plot_marker_radius (WsPlotRole role,
                       double     scale)
{
  switch (role)
    {
    case WS_PLOT_ROLE_ANSWER:
      return 11.5 * scale;
    case WS_PLOT_ROLE_PREDICTED:
      return 15.0 * scale;
    case WS_PLOT_ROLE_NEIGHBOR:
      return 5.5 * scale;
    case WS_PLOT_ROLE_QUERY_POSITIVE:
    case WS_PLOT_ROLE_QUERY_NEGATIVE:
    case WS_PLOT_ROLE_RESULT:
    case WS_PLOT_N_ROLES:
    default:
      return 8.0 * scale;
    }
}

static const char *
role_legend_name (WsPlotRole role)
{
  switch (role)
    {
    case WS_PLOT_ROLE_QUERY_POSITIVE: return _("query word (+)");
    case WS_PLOT_ROLE_QUERY_NEGATIVE: return _("query word (−)");
    case WS_PLOT_ROLE_RESULT: return _("result");
    case WS_PLOT_ROLE_ANSWER: return _("best result");
    case WS_PLOT_ROLE_NEIGHBOR: return _("neighbour");
    case WS_PLOT_ROLE_PREDICTED: return _("computed vector");
    case WS_PLOT_N_ROLES:
    default:
      break;
    }
  return "";
}

static cairo_rectangle_t
box_to_rect (const Box *b)
{
  cairo_rectangle_t r = { b->x0, b->y0, b->x1 - b->x0, b->y1 - b->y0 };

  return r;
}

static Box
rect_to_box (const cairo_rectangle_t *r)
{
  Box b = { r->x, r->y, r->x + r->width, r->y + r->height };

  return b;
}

static gboolean
boxes_overlap (const Box *a,
               const Box *b,
               double     gap)
{
  return a->x0 < b->x1 + gap && b->x0 < a->x1 + gap &&
         a->y0 < b->y1 + gap && b->y0 < a->y1 + gap;
}

static double
overlap_area (const Box *a,
              const Box *b)
{
  double w = MIN (a->x1, b->x1) - MAX (a->x0, b->x0);
  double h = MIN (a->y1, b->y1) - MAX (a->y0, b->y0);

  return w > 0 && h > 0 ? w * h : 0.0;
}

static gboolean
box_inside (const Box *inner,
            const Box *outer)
{
  return inner->x0 >= outer->x0 && inner->y0 >= outer->y0 &&
         inner->x1 <= outer->x1 && inner->y1 <= outer->y1;
}

/* How far (x, y) is from the box (0 inside). */
static double
distance_to_box (const Box *b,
                 double     x,
                 double     y)
{
  return hypot (MAX (MAX (b->x0 - x, 0.0), x - b->x1), MAX (MAX (b->y0 - y, 0.0), y - b->y1));
}

static gboolean
segments_cross (const Segment *a,
                const Segment *b)
{
  double d1x = a->x2 - a->x1, d1y = a->y2 - a->y1;
  double d2x = b->x2 - b->x1, d2y = b->y2 - b->y1;
  double den = d1x * d2y - d1y * d2x;
  double t, u;

  if (fabs (den) < 1e-12)
    return FALSE;
  t = ((b->x1 - a->x1) * d2y - (b->y1 - a->y1) * d2x) / den;
  u = ((b->x1 - a->x1) * d1y - (b->y1 - a->y1) * d1x) / den;
  return t > 0 && t < 1 && u > 0 && u < 1;
}

/* Liang–Barsky: does the segment pass through the box? */
static gboolean
segment_crosses_box (const Segment *s,
                     const Box     *b)
{
  double dx = s->x2 - s->x1;
  double dy = s->y2 - s->y1;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { s->x1 - b->x0, b->x1 - s->x1, s->y1 - b->y0, b->y1 - s->y1 };
  double t0 = 0.0, t1 = 1.0;

  for (int i = 0; i < 4; i++)
    {
      if (fabs (p[i]) < 1e-12)
        {
          if (q[i] < 0)
            return FALSE;
          continue;
        }
      {
        double r = q[i] / p[i];

        if (p[i] < 0)
          t0 = MAX (t0, r);
        else
          t1 = MIN (t1, r);
      }
      if (t0 > t1)
        return FALSE;
    }
  return TRUE;
}

static PangoLayout *
make_text (PangoContext *context,
           const char   *text,
           double        px,
           PangoWeight   weight)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (WS_PLOT_FONT_FAMILY);

  pango_font_description_set_absolute_size (font, px * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
text_size (PangoLayout *layout,
           double      *w,
           double      *h)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *w = (double) logical.width / PANGO_SCALE;
  *h = (double) logical.height / PANGO_SCALE;
}

static PangoContext *
make_context (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics: the same text measures the same on screen, in a PNG
   * at any scale, and in SVG and PDF. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
  return context;
}

static int
role_priority (WsPlotRole role)
{
  switch (role)
    {
    case WS_PLOT_ROLE_ANSWER: return 0;
    case WS_PLOT_ROLE_PREDICTED: return 1;
    case WS_PLOT_ROLE_QUERY_POSITIVE: return 2;
    case WS_PLOT_ROLE_QUERY_NEGATIVE: return 3;
    case WS_PLOT_ROLE_RESULT: return 4;
    case WS_PLOT_ROLE_NEIGHBOR: return 5;
    case WS_PLOT_N_ROLES:
    default:
      return 6;
    }
}

static int
compare_priority (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  WsPlotScene *scene = user_data;
  guint i = *(const guint *) a;
  guint j = *(const guint *) b;
  const WsPlotPoint *p = ws_plot_scene_get_point (scene, i);
  const WsPlotPoint *q = ws_plot_scene_get_point (scene, j);
  int pi = role_priority (p->role), pj = role_priority (q->role);

  if (pi != pj)
    return pi < pj ? -1 : 1;
  if (p->has_score != q->has_score)
    return p->has_score ? -1 : 1;
  if (p->has_score && p->score != q->score)
    return p->score > q->score ? -1 : 1;
  return i < j ? -1 : (i > j ? 1 : 0);
}

/* A bucket grid over the canvas so that "does this spot hit a label or a
 * point?" looks at the few boxes nearby, not all of them. */
typedef struct
{
  double  x0, y0, cell;
  int     cols, rows;
  GArray *boxes;   /* Box */
  GArray *gaps;    /* double: the space kept around each box */
  GArray *points;  /* gboolean: the box is a point's marker, not a label */
  GArray *stamps;  /* guint: the last query that looked at the box */
  guint   query;
  GArray **cells;  /* guint indices into boxes */
} Grid;

static void
grid_init (Grid      *grid,
           const Box *region,
           double     cell)
{
  grid->x0 = region->x0;
  grid->y0 = region->y0;
  grid->cell = MAX (cell, 1.0);
  grid->cols = CLAMP ((int) ceil ((region->x1 - region->x0) / grid->cell), 1, 512);
  grid->rows = CLAMP ((int) ceil ((region->y1 - region->y0) / grid->cell), 1, 512);
  grid->boxes = g_array_new (FALSE, FALSE, sizeof (Box));
  grid->gaps = g_array_new (FALSE, FALSE, sizeof (double));
  grid->points = g_array_new (FALSE, FALSE, sizeof (gboolean));
  grid->stamps = g_array_new (FALSE, FALSE, sizeof (guint));
  grid->query = 0;
  grid->cells = g_new0 (GArray *, (gsize) grid->cols * grid->rows);
}

static void
grid_clear (Grid *grid)
{
  for (int i = 0; i < grid->cols * grid->rows; i++)
    if (grid->cells[i] != NULL)
      g_array_unref (grid->cells[i]);
  g_free (grid->cells);
  g_array_unref (grid->boxes);
  g_array_unref (grid->gaps);
  g_array_unref (grid->points);
  g_array_unref (grid->stamps);
}

static void
grid_span (Grid      *grid,
           const Box *b,
           double     pad,
           int        span[4])
{
  span[0] = CLAMP ((int) floor ((b->x0 - pad - grid->x0) / grid->cell), 0, grid->cols - 1);
  span[1] = CLAMP ((int) floor ((b->y0 - pad - grid->y0) / grid->cell), 0, grid->rows - 1);
  span[2] = CLAMP ((int) floor ((b->x1 + pad - grid->x0) / grid->cell), 0, grid->cols - 1);
  span[3] = CLAMP ((int) floor ((b->y1 + pad - grid->y0) / grid->cell), 0, grid->rows - 1);
}

static void
grid_add (Grid      *grid,
          const Box *b,
          double     gap,
          gboolean   point)
{
  guint index = grid->boxes->len;
  guint zero = 0;
  int span[4];

  g_array_append_val (grid->boxes, *b);
  g_array_append_val (grid->gaps, gap);
  g_array_append_val (grid->points, point);
  g_array_append_val (grid->stamps, zero);
  grid_span (grid, b, gap, span);
  for (int y = span[1]; y <= span[3]; y++)
    for (int x = span[0]; x <= span[2]; x++)
      {
        GArray **cell = &grid->cells[y * grid->cols + x];

        if (*cell == NULL)
          *cell = g_array_new (FALSE, FALSE, sizeof (guint));
        g_array_append_val (*cell, index);
      }
}

static gboolean segment_crosses_box (const Segment *s, const Box *b);

/* How many labels and how many points @seg passes through, each counted
 * once, leaving out box @skip (the point the segment starts from). */
static void
grid_segment_hits (Grid          *grid,
                   const Segment *seg,
                   guint          skip,
                   guint         *labels,
                   guint         *points)
{
  Box bb = { MIN (seg->x1, seg->x2), MIN (seg->y1, seg->y2),
             MAX (seg->x1, seg->x2), MAX (seg->y1, seg->y2) };
  int span[4];

  *labels = *points = 0;
  grid->query++;
  grid_span (grid, &bb, 0.0, span);
  for (int y = span[1]; y <= span[3]; y++)
    for (int x = span[0]; x <= span[2]; x++)
      {
        GArray *cell = grid->cells[y * grid->cols + x];

        if (cell == NULL)
          continue;
        for (guint k = 0; k < cell->len; k++)
          {
            guint i = g_array_index (cell, guint, k);
            guint *stamp = &g_array_index (grid->stamps, guint, i);

            if (*stamp == grid->query || i == skip)
              continue;
            *stamp = grid->query;
            if (segment_crosses_box (seg, &g_array_index (grid->boxes, Box, i)))
              {
                if (g_array_index (grid->points, gboolean, i))
                  (*points)++;
                else
                  (*labels)++;
              }
          }
      }
}

/* Whether @b comes nearer a box than that box's gap. */
static gboolean
grid_hits (Grid      *grid,
           const Box *b)
{
  int span[4];

  grid_span (grid, b, 0.0, span);
  for (int y = span[1]; y <= span[3]; y++)
    for (int x = span[0]; x <= span[2]; x++)
      {
        GArray *cell = grid->cells[y * grid->cols + x];

        if (cell == NULL)
          continue;
        for (guint k = 0; k < cell->len; k++)
          {
            guint i = g_array_index (cell, guint, k);

            if (boxes_overlap (b, &g_array_index (grid->boxes, Box, i),
                               g_array_index (grid->gaps, double, i)))
              return TRUE;
          }
      }
  return FALSE;
}

typedef struct
{
  WsPlotLayout *layout;
  Box           region;     /* where labels may go */
  GArray       *point_boxes; /* Box per point; empty for hidden points */
  GArray       *placed;     /* Box of placed labels */
  GArray       *arrows;     /* Segment */
  GArray       *leaders;    /* Segment */
  double        gap;        /* the least space between two labels */
  Grid          occupied;   /* placed labels and points: hard obstacles */
  GArray       *point_cells; /* guint per point: its box in occupied */
} Placer;

/* Where the leader line of a label at @box for point @p starts and ends. */
static Segment
leader_for (const WsPlotPointLayout *p,
            const Box               *box,
            double                   gap)
{
  double qx = CLAMP (p->x, box->x0, box->x1);
  double qy = CLAMP (p->y, box->y0, box->y1);
  double dx = qx - p->x, dy = qy - p->y;
  double len = hypot (dx, dy);
  Segment s = { p->x, p->y, qx, qy };

  if (len > 1e-9)
    {
      s.x1 = p->x + dx / len * (p->radius + gap);
      s.y1 = p->y + dy / len * (p->radius + gap);
    }
  return s;
}

/* The cost of putting point @index's label at @box: negative when it can't
 * go there (outside, on a label, on a point); anything ≥ @limit once it is
 * known to reach it. */
static double
spot_cost (Placer    *pl,
           guint      index,
           const Box *box,
           gboolean   with_leader,
           double     limit)
{
  const WsPlotPointLayout *p = &g_array_index (pl->layout->points, WsPlotPointLayout, index);
  double cost = 0.0;
  Segment leader;

  if (!box_inside (box, &pl->region) || grid_hits (&pl->occupied, box))
    return -1.0;

  for (guint i = 0; i < pl->arrows->len; i++)
    if (segment_crosses_box (&g_array_index (pl->arrows, Segment, i), box))
      cost += COST_COVERS_ARROW;
  for (guint i = 0; i < pl->leaders->len; i++)
    if (segment_crosses_box (&g_array_index (pl->leaders, Segment, i), box))
      cost += COST_COVERS_LEADER;

  if (with_leader && cost < limit)
    {
      guint on_labels, on_points;

      leader = leader_for (p, box, pl->gap);
      grid_segment_hits (&pl->occupied, &leader, g_array_index (pl->point_cells, guint, index),
                         &on_labels, &on_points);
      cost += on_labels * COST_LEADER_ON_LABEL + on_points * COST_LEADER_ON_POINT;
      if (cost >= limit)
        return cost;
      for (guint i = 0; i < pl->leaders->len; i++)
        if (segments_cross (&leader, &g_array_index (pl->leaders, Segment, i)) &&
            (cost += COST_LEADER_CROSSING) >= limit)
          return cost;
      for (guint i = 0; i < pl->arrows->len; i++)
        if (segments_cross (&leader, &g_array_index (pl->arrows, Segment, i)))
          cost += COST_LEADER_ON_ARROW;
    }
  return cost;
}

static Box
box_at (double x,
        double y,
        double w,
        double h)
{
  Box b = { x, y, x + w, y + h };

  return b;
}

static void
place_label (Placer *pl,
             guint   index,
             double  w,
             double  h,
             int     preferred)
{
  WsPlotPointLayout *p = &g_array_index (pl->layout->points, WsPlotPointLayout, index);
  double g = p->radius + 3.0 * pl->layout->text_scale;
  double d = g * M_SQRT1_2;
  Box near[20];
  int n_near = 0;
  Box best = { 0 };
  double best_cost = INFINITY;
  gboolean found = FALSE;
  double max_d, step, first_clear = INFINITY;
  static const double slide[] = { 0.5, 0.25, 0.75, 0.1, 0.9 };

  /* Spots touching the point, in order of preference: right, left, the
   * four diagonals, then above and below slid along, then beside slid up
   * and down. */
  near[n_near++] = box_at (p->x + g, p->y - h / 2, w, h);
  near[n_near++] = box_at (p->x - g - w, p->y - h / 2, w, h);
  near[n_near++] = box_at (p->x + d, p->y - d - h, w, h);
  near[n_near++] = box_at (p->x + d, p->y + d, w, h);
  near[n_near++] = box_at (p->x - d - w, p->y - d - h, w, h);
  near[n_near++] = box_at (p->x - d - w, p->y + d, w, h);
  for (gsize k = 0; k < G_N_ELEMENTS (slide); k++)
    {
      near[n_near++] = box_at (p->x - w * slide[k], p->y - g - h, w, h);
      near[n_near++] = box_at (p->x - w * slide[k], p->y + g, w, h);
    }
  near[n_near++] = box_at (p->x + g, p->y - h * 0.9, w, h);
  near[n_near++] = box_at (p->x + g, p->y - h * 0.1, w, h);
  near[n_near++] = box_at (p->x - g - w, p->y - h * 0.9, w, h);
  near[n_near++] = box_at (p->x - g - w, p->y - h * 0.1, w, h);
  g_assert (n_near <= (int) G_N_ELEMENTS (near));

  p->displaced = FALSE;
  g_array_index (pl->layout->sides, int, index) = -1;
  for (int c = 0; c < n_near; c++)
    {
      double cost = spot_cost (pl, index, &near[c], FALSE, INFINITY);

      if (cost < 0)
        continue;
      /* The side it had in the previous frame wins ties and small costs. */
      if (c == preferred)
        cost -= 0.5;
      if (cost + c * 0.001 < best_cost)
        {
          best_cost = cost + c * 0.001;
          best = near[c];
          found = TRUE;
          g_array_index (pl->layout->sides, int, index) = c;
        }
    }

  /* Push out ring by ring while a farther spot can still be cheaper. */
  step = MAX (h * 0.5, 4.0);
  max_d = hypot (pl->region.x1 - pl->region.x0, pl->region.y1 - pl->region.y0);
  for (double r = g + step; r <= max_d; r += step)
    {
      int n = CLAMP ((int) ceil (G_PI * r / step), 16, 96);
      double distance_cost = COST_DISPLACED + (r - g) / h;

      /* Nothing farther can beat what we have; and a spot more than a few
       * lines beyond the first clear one is not worth a longer leader. */
      if (distance_cost >= best_cost || distance_cost > first_clear + 6.0)
        break;
      for (int a = 0; a < n; a++)
        {
          double theta = 2 * G_PI * a / n;
          double ux = cos (theta), uy = -sin (theta);
          double cx = p->x + ux * r + ux * w / 2;
          double cy = p->y + uy * r + uy * h / 2;
          Box b = box_at (cx - w / 2, cy - h / 2, w, h);
          double cost = spot_cost (pl, index, &b, TRUE, best_cost - distance_cost);

          if (cost >= 0 && first_clear == INFINITY)
            first_clear = distance_cost;
          if (cost >= 0 && cost + distance_cost < best_cost)
            {
              best_cost = cost + distance_cost;
              best = b;
              found = TRUE;
              p->displaced = TRUE;
              g_array_index (pl->layout->sides, int, index) = -1;
            }
        }
    }

  if (!found)
    {
      /* The rings step over narrow gaps: sweep the whole plot area on a
       * fine raster for the nearest clear spot. */
      double fine = MAX (MIN (h, w) / 3, 2.0);

      for (double y = pl->region.y0; y + h <= pl->region.y1; y += fine)
        for (double x = pl->region.x0; x + w <= pl->region.x1; x += fine)
          {
            Box b = box_at (x, y, w, h);
            double qx = CLAMP (p->x, b.x0, b.x1), qy = CLAMP (p->y, b.y0, b.y1);
            double distance_cost = COST_DISPLACED + hypot (qx - p->x, qy - p->y) / h;
            double cost;

            if (distance_cost >= best_cost)
              continue;
            cost = spot_cost (pl, index, &b, TRUE, best_cost - distance_cost);
            if (cost >= 0 && cost + distance_cost < best_cost)
              {
                best_cost = cost + distance_cost;
                best = b;
                found = TRUE;
              }
          }
      p->displaced = TRUE;
      g_array_index (pl->layout->sides, int, index) = -1;
    }

  if (!found)
    {
      /* The plot area is truly full: take the spot that covers the least
       * of other labels and points, never drop the label. */
      double fine = MAX (MIN (h, w) / 3, 2.0);
      double least = INFINITY;

      for (double y = pl->region.y0; y + h <= pl->region.y1; y += fine)
        for (double x = pl->region.x0; x + w <= pl->region.x1; x += fine)
          {
            Box b = box_at (x, y, w, h);
            double area = 0.0;

            for (guint i = 0; i < pl->placed->len; i++)
              area += overlap_area (&b, &g_array_index (pl->placed, Box, i));
            /* Covering a point hides a word's place: worse than overlap. */
            for (guint i = 0; i < pl->point_boxes->len; i++)
              area += 4 * overlap_area (&b, &g_array_index (pl->point_boxes, Box, i));
            if (area < least)
              {
                least = area;
                best = b;
              }
          }
      if (!isfinite (least))
        best = near[0];
    }

  p->label = box_to_rect (&best);
  g_array_append_val (pl->placed, best);
  grid_add (&pl->occupied, &best, pl->gap, FALSE);
  if (p->displaced)
    {
      Segment s = leader_for (p, &best, pl->gap);

      p->leader_x1 = s.x1;
      p->leader_y1 = s.y1;
      p->leader_x2 = s.x2;
      p->leader_y2 = s.y2;
      g_array_append_val (pl->leaders, s);
    }
}

static void
layout_texts_and_areas (WsPlotLayout *self)
{
  WsPlotScene *scene = self->scene;
  double s = self->text_scale;
  double m = WS_PLOT_MARGIN * s;
  double w = self->width, h = self->height;
  double top = m, header_w = 0.0;
  double left = m, right = w - m, bottom = h - m;
  double tw, th;
  gboolean present[WS_PLOT_N_ROLES] = { FALSE };
  double legend_w = 0.0, legend_h = 0.0;
  const char *text;

  if ((text = ws_plot_scene_get_title (scene)) != NULL && *text != '\0')
    {
      self->title = make_text (self->context, text, WS_PLOT_TITLE_PX * s, PANGO_WEIGHT_BOLD);
      pango_layout_set_width (self->title, (int) (MAX (w - 2 * m, 1) * PANGO_SCALE));
      pango_layout_set_ellipsize (self->title, PANGO_ELLIPSIZE_END);
      text_size (self->title, &tw, &th);
      self->title_area = (cairo_rectangle_t) { m, top, tw, th };
      header_w = MAX (header_w, tw);
      top += th;
    }
  if ((text = ws_plot_scene_get_subtitle (scene)) != NULL && *text != '\0')
    {
      self->subtitle = make_text (self->context, text, WS_PLOT_SUBTITLE_PX * s, PANGO_WEIGHT_NORMAL);
      pango_layout_set_width (self->subtitle, (int) (MAX (w - 2 * m, 1) * PANGO_SCALE));
      pango_layout_set_ellipsize (self->subtitle, PANGO_ELLIPSIZE_END);
      text_size (self->subtitle, &tw, &th);
      self->subtitle_area = (cairo_rectangle_t) { m, top, tw, th };
      header_w = MAX (header_w, tw);
      top += th;
    }

  /* The legend: one entry per role present, in a row. */
  for (guint i = 0; i < ws_plot_scene_get_n_points (scene); i++)
    {
      const WsPlotPoint *p = ws_plot_scene_get_point (scene, i);

      if (p->opacity > 0)
        present[p->role] = TRUE;
    }
  self->legend_marker = 6.0 * s;
  if (ws_plot_scene_get_show_legend (scene))
    {
      static const WsPlotRole order[] = {
        WS_PLOT_ROLE_QUERY_POSITIVE, WS_PLOT_ROLE_QUERY_NEGATIVE, WS_PLOT_ROLE_PREDICTED,
        WS_PLOT_ROLE_ANSWER, WS_PLOT_ROLE_RESULT, WS_PLOT_ROLE_NEIGHBOR,
      };
      double row_w = 0.0, max_w = MAX (w - 2 * m, 1.0), row_h = 0.0, x_gap = 16.0 * s;
      guint rows = 0;

      /* Entries flow in rows as wide as the canvas allows. */
      for (gsize r = 0; r < G_N_ELEMENTS (order); r++)
        {
          WsPlotLegendEntry entry;
          double ew;

          if (!present[order[r]])
            continue;
          entry.role = order[r];
          entry.text = make_text (self->context, role_legend_name (order[r]),
                                  WS_PLOT_LEGEND_PX * s, PANGO_WEIGHT_NORMAL);
          text_size (entry.text, &tw, &th);
          /* The marker's box is wider than the marker: the answer's halo. */
          ew = 3.4 * self->legend_marker + 4.0 * s + tw;
          row_h = MAX (row_h, MAX (th, 3.4 * self->legend_marker));
          if (rows == 0 || (row_w > 0 && row_w + x_gap + ew > max_w))
            {
              rows++;
              row_w = 0.0;
            }
          entry.x = row_w > 0 ? row_w + x_gap : 0.0;
          entry.y = rows - 1;   /* the row for now; made a position below */
          row_w = entry.x + ew;
          legend_w = MAX (legend_w, row_w);
          g_array_append_val (self->legend, entry);
        }
      for (guint i = 0; i < self->legend->len; i++)
        {
          WsPlotLegendEntry *e = &g_array_index (self->legend, WsPlotLegendEntry, i);

          e->y = (e->y + 0.5) * row_h;
        }
      legend_h = rows * row_h;
      legend_w = MIN (legend_w, max_w);
    }
  if (self->legend->len > 0)
    {
      /* Beside the title when both fit, else on rows of its own. */
      if (header_w > 0 && m + header_w + 24.0 * s + legend_w <= w - m)
        self->legend_area = (cairo_rectangle_t) { w - m - legend_w, m, legend_w, legend_h };
      else
        {
          if (header_w > 0)
            top += 4.0 * s;
          self->legend_area = (cairo_rectangle_t) { MAX (m, w - m - legend_w), top, legend_w, legend_h };
          top += legend_h;
        }
      top = MAX (top, self->legend_area.y + self->legend_area.height);
    }
  if (top > m)
    top += 10.0 * s;

  if ((text = ws_plot_scene_get_x_label (scene)) != NULL && *text != '\0')
    {
      self->x_label = make_text (self->context, text, WS_PLOT_AXIS_PX * s, PANGO_WEIGHT_NORMAL);
      text_size (self->x_label, &tw, &th);
      bottom -= th + 6.0 * s;
    }
  if ((text = ws_plot_scene_get_y_label (scene)) != NULL && *text != '\0')
    {
      self->y_label = make_text (self->context, text, WS_PLOT_AXIS_PX * s, PANGO_WEIGHT_NORMAL);
      text_size (self->y_label, &tw, &th);
      left += th + 6.0 * s;
    }

  self->plot_area = (cairo_rectangle_t) { left, top, MAX (right - left, 1.0), MAX (bottom - top, 1.0) };

  if (self->x_label != NULL)
    {
      text_size (self->x_label, &tw, &th);
      self->x_label_area = (cairo_rectangle_t) {
        self->plot_area.x + (self->plot_area.width - tw) / 2, h - m - th, tw, th };
    }
  if (self->y_label != NULL)
    {
      text_size (self->y_label, &tw, &th);
      /* Turned a quarter anticlockwise: its box is th wide and tw high. */
      self->y_label_area = (cairo_rectangle_t) {
        m, self->plot_area.y + (self->plot_area.height - tw) / 2, th, tw };
    }
}

static void
layout_points (WsPlotLayout *self)
{
  WsPlotScene *scene = self->scene;
  double s = self->text_scale;
  guint n = ws_plot_scene_get_n_points (scene);
  WsPlotBounds b = ws_plot_scene_get_bounds (scene);
  const cairo_rectangle_t *pa = &self->plot_area;
  double zoom;
  double inset_x = 22.0 * s, inset_y = 1.25 * WS_PLOT_LABEL_PX * s;
  double iw, ih;

  ws_plot_scene_get_view (scene, &zoom, &self->pan_x, &self->pan_y);

  /* Same scale on both axes: distances and the parallelogram keep their
   * true shape. Room is left above and below for a line of labels. */
  iw = MAX (pa->width - 2 * inset_x, 1.0);
  ih = MAX (pa->height - 2 * inset_y, 1.0);
  self->k = zoom * MIN (iw / (b.x_max - b.x_min), ih / (b.y_max - b.y_min));
  self->dx = (b.x_min + b.x_max) / 2;
  self->dy = (b.y_min + b.y_max) / 2;
  self->cx = pa->x + pa->width / 2;
  self->cy = pa->y + pa->height / 2;

  for (guint i = 0; i < n; i++)
    {
      const WsPlotPoint *p = ws_plot_scene_get_point (scene, i);
      WsPlotPointLayout pl = { 0 };

      ws_plot_layout_data_to_device (self, p->x, p->y, &pl.x, &pl.y);
      pl.radius = ws_plot_marker_radius (p->role, s);
      pl.visible = p->opacity > 0 &&
                   pl.x >= pa->x && pl.x <= pa->x + pa->width &&
                   pl.y >= pa->y && pl.y <= pa->y + pa->height;
      g_array_append_val (self->points, pl);
      g_ptr_array_add (self->label_texts, NULL);
    }
}

static void
layout_arrows (WsPlotLayout *self)
{
  WsPlotScene *scene = self->scene;
  double s = self->text_scale;

  for (guint i = 0; i < ws_plot_scene_get_n_arrows (scene); i++)
    {
      const WsPlotArrow *a = ws_plot_scene_get_arrow (scene, i);
      const WsPlotPointLayout *p = &g_array_index (self->points, WsPlotPointLayout, a->from);
      const WsPlotPointLayout *q = &g_array_index (self->points, WsPlotPointLayout, a->to);
      WsPlotArrowLayout al = { 0 };
      double dx = q->x - p->x, dy = q->y - p->y;
      double len = hypot (dx, dy);
      double start = p->radius + 3.0 * s, end = q->radius + 3.0 * s;

      /* Drawn (clipped to the plot area) even when zoom has pushed one end
       * or both out of view: the line still shows where they are. */
      if (ws_plot_scene_get_point (scene, a->from)->opacity > 0 &&
          ws_plot_scene_get_point (scene, a->to)->opacity > 0 &&
          len > start + end + 2.0 * s)
        {
          al.visible = TRUE;
          al.x1 = p->x + dx / len * start;
          al.y1 = p->y + dy / len * start;
          al.x2 = q->x - dx / len * end;
          al.y2 = q->y - dy / len * end;
        }
      g_array_append_val (self->arrows, al);
    }
}

static gboolean
label_is_bold (const WsPlotPoint *p)
{
  return (p->role != WS_PLOT_ROLE_NEIGHBOR && p->role != WS_PLOT_ROLE_RESULT) ||
         (p->flags & WS_PLOT_POINT_HIGHLIGHTED) != 0;
}

static double
label_px (WsPlotLayout      *self,
          const WsPlotPoint *p)
{
  return (p->role == WS_PLOT_ROLE_NEIGHBOR ? WS_PLOT_NEIGHBOR_PX : WS_PLOT_LABEL_PX) *
         self->text_scale;
}

/* The label's text, measured: @w and @h without the padding. */
static PangoLayout *
make_label_text (WsPlotLayout      *self,
                 const WsPlotPoint *p,
                 double            *w,
                 double            *h)
{
  PangoLayout *text = make_text (self->context, p->word, label_px (self, p),
                                 label_is_bold (p) ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);

  text_size (text, w, h);
  /* A word wider than half the plot (a long phrase, a URL) is shortened
   * in the middle: it keeps its label, and the map stays readable. The
   * hover card shows it whole. */
  if (*w > self->plot_area.width / 2)
    {
      pango_layout_set_width (text, (int) (self->plot_area.width / 2 * PANGO_SCALE));
      pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_MIDDLE);
      text_size (text, w, h);
    }
  return text;
}

static void
layout_labels_legacy (WsPlotLayout *self,
                      WsPlotLayout *previous)
{
  WsPlotScene *scene = self->scene;
  double s = self->text_scale;
  guint n = ws_plot_scene_get_n_points (scene);
  g_autoptr(GArray) order = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  g_autoptr(GHashTable) hints = NULL;
  Placer pl = { 0 };
  guint corners[4];

  pl.layout = self;
  pl.region = rect_to_box (&self->plot_area);
  pl.point_boxes = g_array_sized_new (FALSE, TRUE, sizeof (Box), n);
  pl.placed = g_array_new (FALSE, FALSE, sizeof (Box));
  pl.arrows = g_array_new (FALSE, FALSE, sizeof (Segment));
  pl.leaders = g_array_new (FALSE, FALSE, sizeof (Segment));
  pl.gap = 2.0 * s;
  grid_init (&pl.occupied, &pl.region, 32.0 * s);
  pl.point_cells = g_array_sized_new (FALSE, TRUE, sizeof (guint), n);

  for (guint i = 0; i < n; i++)
    {
      const WsPlotPointLayout *p = &g_array_index (self->points, WsPlotPointLayout, i);
      Box b = { 0 };

      guint cell = G_MAXUINT;

      if (p->visible)
        {
          double r = p->radius + 1.5 * s;

          b = (Box) { p->x - r, p->y - r, p->x + r, p->y + r };
          g_array_append_val (order, i);
          cell = pl.occupied.boxes->len;
          grid_add (&pl.occupied, &b, 0.0, TRUE);
        }
      g_array_append_val (pl.point_boxes, b);
      g_array_append_val (pl.point_cells, cell);
    }

  for (guint i = 0; i < self->arrows->len; i++)
    {
      const WsPlotArrowLayout *a = &g_array_index (self->arrows, WsPlotArrowLayout, i);
      Segment seg = { a->x1, a->y1, a->x2, a->y2 };

      if (a->visible)
        g_array_append_val (pl.arrows, seg);
    }
  /* The parallelogram's dashed sides are lines a label should not hide. */
  if (ws_plot_scene_get_analogy (scene, corners))
    {
      const WsPlotPointLayout *c[4];

      for (int i = 0; i < 4; i++)
        c[i] = &g_array_index (self->points, WsPlotPointLayout, corners[i]);
      if (c[0]->visible && c[2]->visible)
        g_array_append_val (pl.arrows, ((Segment) { c[0]->x, c[0]->y, c[2]->x, c[2]->y }));
      if (c[1]->visible && c[3]->visible)
        g_array_append_val (pl.arrows, ((Segment) { c[1]->x, c[1]->y, c[3]->x, c[3]->y }));
    }

  g_array_sort_with_data (order, compare_priority, scene);

  if (previous != NULL)
    {
      WsPlotScene *old = previous->scene;

      hints = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < previous->sides->len; i++)
        if (g_array_index (previous->sides, int, i) >= 0)
          g_hash_table_insert (hints, ws_plot_scene_get_point (old, i)->word,
                               GINT_TO_POINTER (g_array_index (previous->sides, int, i) + 1));
    }

  for (guint k = 0; k < order->len; k++)
    {
      guint i = g_array_index (order, guint, k);
      const WsPlotPoint *p = ws_plot_scene_get_point (scene, i);
      PangoLayout *text;
      double tw, th;

      text = make_label_text (self, p, &tw, &th);
      g_ptr_array_index (self->label_texts, i) = text;
      place_label (&pl, i, tw + 2 * WS_PLOT_LABEL_PAD_X * s, th + 2 * WS_PLOT_LABEL_PAD_Y * s,
                   hints != NULL ? GPOINTER_TO_INT (g_hash_table_lookup (hints, p->word)) - 1 : -1);
    }

  g_array_unref (pl.point_boxes);
  g_array_unref (pl.placed);
  g_array_unref (pl.arrows);
  g_array_unref (pl.leaders);
  grid_clear (&pl.occupied);
  g_array_unref (pl.point_cells);
}

/* ---- the layout for dense maps ------------------------------------------ */

/* Soft costs of the protected labels, in label heights of leader line, as
 * above: covering a lesser point's marker is allowed only when it is much
 * better than a long leader line (dense maps). */
#define COST_COVERS_MARK      2.0
#define COST_LEADER_ON_MARK   1.0
#define COST_COVERS_PROTECTED 8.0
#define N_NEAR               20
/* How far, in label heights, a lesser label may move from its point, and
 * for how many lesser labels per layout it is tried. */
#define MINOR_REACH           2.5
/* How far a protected label goes to stay clear of every marker. */
#define PROTECTED_REACH       6.0
#define MINOR_SEARCHES      128

/* Spots touching a point whose marker reaches @g from its centre, in order
 * of preference: right, left, the four diagonals, then above and below
 * slid along, then beside slid up and down. Every spot is anchored so that
 * a smaller box at the same spot lies inside the larger one: a spot that
 * is blocked for a small label is blocked for every label. */
static void
near_spots (double x,
            double y,
            double g,
            double w,
            double h,
            Box    near[N_NEAR])
{
  static const double slide[] = { 0.5, 0.25, 0.75, 0.1, 0.9 };
  double d = g * M_SQRT1_2;
  int n = 0;

  near[n++] = box_at (x + g, y - h / 2, w, h);
  near[n++] = box_at (x - g - w, y - h / 2, w, h);
  near[n++] = box_at (x + d, y - d - h, w, h);
  near[n++] = box_at (x + d, y + d, w, h);
  near[n++] = box_at (x - d - w, y - d - h, w, h);
  near[n++] = box_at (x - d - w, y + d, w, h);
  for (gsize k = 0; k < G_N_ELEMENTS (slide); k++)
    {
      near[n++] = box_at (x - w * slide[k], y - g - h, w, h);
      near[n++] = box_at (x - w * slide[k], y + g, w, h);
    }
  near[n++] = box_at (x + g, y - h * 0.9, w, h);
  near[n++] = box_at (x + g, y - h * 0.1, w, h);
  near[n++] = box_at (x - g - w, y - h * 0.9, w, h);
  near[n++] = box_at (x - g - w, y - h * 0.1, w, h);
  g_assert (n == N_NEAR);
}

/* How strict a spot's rules are. */
typedef enum
{
  SPOT_MINOR,    /* clear of every marker, its leader line through none */
  SPOT_STRICT,   /* clear of every marker, its leader line may cross some */
  SPOT_RELAXED,  /* may cover lesser points' markers, at a cost */
  SPOT_CROSSING, /* besides, its leader line may cross labels, at a cost
                  * (it runs beneath them): only where labels wall the
                  * point in (many protected words on one spot) */
  SPOT_COVERING, /* besides, may cover any other marker, at a cost: hiding
                  * where a query word is, so the last resort */
} SpotRules;

typedef struct
{
  WsPlotLayout *layout;
  Box           region;
  double        gap;
  Grid          labels;      /* placed label boxes, with the gap kept round them */
  Grid          marks;       /* the visible points' markers */
  GArray       *mark_of;     /* guint per point: its box in marks, or G_MAXUINT */
  GArray       *protected_mark; /* gboolean per box in marks */
  Grid          leader_boxes; /* bounding boxes of the leader lines… */
  GArray       *leaders;     /* …and the lines (Segment), in the same order */
  GArray       *arrows;      /* Segment: arrows and parallelogram sides */
  guint         minor_searches; /* how many lesser labels may still look
                                 * for a spot with a leader line */
} Dense;

static gboolean
dense_hits_leader (Dense     *dn,
                   const Box *b)
{
  int span[4];

  if (dn->leaders->len == 0)
    return FALSE;
  grid_span (&dn->leader_boxes, b, 0.0, span);
  for (int y = span[1]; y <= span[3]; y++)
    for (int x = span[0]; x <= span[2]; x++)
      {
        GArray *cell = dn->leader_boxes.cells[y * dn->leader_boxes.cols + x];

        if (cell == NULL)
          continue;
        for (guint k = 0; k < cell->len; k++)
          if (segment_crosses_box (&g_array_index (dn->leaders, Segment,
                                                   g_array_index (cell, guint, k)), b))
            return TRUE;
      }
  return FALSE;
}

/* How many markers @b covers, each once; -1 as soon as it covers a
 * protected one (or any, when @any_is_fatal), unless @protected_count
 * is given to count those. */
static int
dense_marks_under (Dense     *dn,
                   const Box *b,
                   gboolean   any_is_fatal,
                   int       *protected_count)
{
  Grid *grid = &dn->marks;
  int span[4], count = 0;

  grid->query++;
  grid_span (grid, b, 0.0, span);
  for (int y = span[1]; y <= span[3]; y++)
    for (int x = span[0]; x <= span[2]; x++)
      {
        GArray *cell = grid->cells[y * grid->cols + x];

        if (cell == NULL)
          continue;
        for (guint k = 0; k < cell->len; k++)
          {
            guint i = g_array_index (cell, guint, k);
            guint *stamp = &g_array_index (grid->stamps, guint, i);

            if (*stamp == grid->query)
              continue;
            *stamp = grid->query;
            if (!boxes_overlap (b, &g_array_index (grid->boxes, Box, i), 0.0))
              continue;
            if (any_is_fatal)
              return -1;
            if (g_array_index (dn->protected_mark, gboolean, i))
              {
                if (protected_count == NULL)
                  return -1;
                (*protected_count)++;
              }
            else
              count++;
          }
      }
  return count;
}

/* The hard rules for every label: inside the plot area, on no label, on no
 * leader line. */
static gboolean
dense_box_free (Dense     *dn,
                const Box *b)
{
  return box_inside (b, &dn->region) && !grid_hits (&dn->labels, b) &&
         !dense_hits_leader (dn, b);
}

static double
dense_arrow_cost (Dense     *dn,
                  const Box *b)
{
  double cost = 0.0;

  for (guint i = 0; i < dn->arrows->len; i++)
    if (segment_crosses_box (&g_array_index (dn->arrows, Segment, i), b))
      cost += COST_COVERS_ARROW;
  return cost;
}

static void
dense_commit (Dense  *dn,
              guint   index,
              const Box *b,
              gboolean displaced)
{
  WsPlotPointLayout *p = &g_array_index (dn->layout->points, WsPlotPointLayout, index);

  p->label = box_to_rect (b);
  p->displaced = displaced;
  p->deferred = FALSE;
  grid_add (&dn->labels, b, dn->gap, FALSE);
  if (displaced)
    {
      Segment s = leader_for (p, b, dn->gap);
      Box bb = { MIN (s.x1, s.x2), MIN (s.y1, s.y2), MAX (s.x1, s.x2), MAX (s.y1, s.y2) };

      p->leader_x1 = s.x1;
      p->leader_y1 = s.y1;
      p->leader_x2 = s.x2;
      p->leader_y2 = s.y2;
      g_array_append_val (dn->leaders, s);
      grid_add (&dn->leader_boxes, &bb, 0.0, FALSE);
    }
}

static gboolean dense_ring_search (Dense *dn, guint index, double w, double h, double reach,
                                   SpotRules rules, Box *best, double *best_cost);

/* A lesser label: one of the spots next to its point, clear of every
 * marker, else (for the first few) a spot a few lines away with a leader
 * line, else none (deferred). Measuring a text is the dearest step, so
 * once those few are used up, a label whose spots are all blocked even for
 * a one-letter word is deferred without measuring it. */
static void
dense_place_minor (Dense             *dn,
                   guint              index,
                   const WsPlotPoint *point,
                   double             min_w,
                   double             min_h,
                   int                preferred)
{
  WsPlotLayout *self = dn->layout;
  WsPlotPointLayout *p = &g_array_index (self->points, WsPlotPointLayout, index);
  double s = self->text_scale;
  double g = p->radius + 3.0 * s;
  Box near[N_NEAR];
  gboolean any = FALSE;
  PangoLayout *text;
  double tw, th, best_cost = INFINITY;
  int best = -1;

  near_spots (p->x, p->y, g, min_w, min_h, near);
  for (int c = 0; c < N_NEAR && !any; c++)
    any = dense_box_free (dn, &near[c]) && dense_marks_under (dn, &near[c], TRUE, NULL) == 0;
  if (!any && dn->minor_searches == 0)
    {
      p->deferred = TRUE;
      return;
    }

  text = make_label_text (self, point, &tw, &th);
  near_spots (p->x, p->y, g, tw + 2 * WS_PLOT_LABEL_PAD_X * s, th + 2 * WS_PLOT_LABEL_PAD_Y * s,
              near);
  for (int c = 0; c < N_NEAR; c++)
    {
      double cost;

      if (!dense_box_free (dn, &near[c]) || dense_marks_under (dn, &near[c], TRUE, NULL) != 0)
        continue;
      /* The side it had in the previous frame wins ties and small costs. */
      cost = dense_arrow_cost (dn, &near[c]) + c * 0.001 - (c == preferred ? 0.5 : 0.0);
      if (cost < best_cost)
        {
          best_cost = cost;
          best = c;
        }
    }
  if (best < 0 && dn->minor_searches > 0)
    {
      Box spot;

      /* A short leader line, while the budget lasts: it bounds the time a
       * map full of blocked labels takes. */
      dn->minor_searches--;
      best_cost = INFINITY;
      if (dense_ring_search (dn, index, near[0].x1 - near[0].x0, near[0].y1 - near[0].y0,
                             MINOR_REACH * (near[0].y1 - near[0].y0), SPOT_MINOR, &spot, &best_cost))
        {
          g_ptr_array_index (self->label_texts, index) = text;
          dense_commit (dn, index, &spot, TRUE);
          return;
        }
    }
  if (best < 0)
    {
      g_object_unref (text);
      p->deferred = TRUE;
      return;
    }
  g_ptr_array_index (self->label_texts, index) = text;
  g_array_index (self->sides, int, index) = best;
  dense_commit (dn, index, &near[best], FALSE);
}

/* The cost of a protected label at @b, or negative when it can't go there;
 * with a leader line from its point when @with_leader. Anything ≥ @limit
 * once it is known to reach it. */
static double
dense_spot_cost (Dense     *dn,
                 guint      index,
                 const Box *b,
                 gboolean   with_leader,
                 SpotRules  rules,
                 double     limit)
{
  const WsPlotPointLayout *p = &g_array_index (dn->layout->points, WsPlotPointLayout, index);
  double cost;
  int marks, protected_marks = 0;

  /* The markers first: on a dense map they turn most spots down. */
  if (!box_inside (b, &dn->region) ||
      (marks = dense_marks_under (dn, b, rules == SPOT_MINOR || rules == SPOT_STRICT,
                                  rules >= SPOT_COVERING ? &protected_marks : NULL)) < 0 ||
      !dense_box_free (dn, b))
    return -1.0;
  /* Covering a few markers already says the map is dense there; more of
   * them must not send the label far away on a long leader line. */
  cost = MIN (marks, 3) * COST_COVERS_MARK + protected_marks * COST_COVERS_PROTECTED +
         dense_arrow_cost (dn, b);
  if (with_leader && cost < limit)
    {
      Segment leader = leader_for (p, b, dn->gap);
      guint on_labels, on_marks;

      /* A leader line crosses no label. */
      grid_segment_hits (&dn->labels, &leader, G_MAXUINT, &on_labels, &on_marks);
      if (on_labels > 0 && rules < SPOT_CROSSING)
        return -1.0;
      cost += on_labels * COST_LEADER_ON_LABEL;
      if (cost >= limit)
        return cost;
      grid_segment_hits (&dn->marks, &leader, g_array_index (dn->mark_of, guint, index),
                         &on_labels, &on_marks);
      /* A lesser label's leader line through another point would seem to
       * name that point. */
      if (rules == SPOT_MINOR && on_marks > 0)
        return -1.0;
      cost += on_marks * COST_LEADER_ON_MARK;
      for (guint i = 0; i < dn->leaders->len; i++)
        if (segments_cross (&leader, &g_array_index (dn->leaders, Segment, i)))
          cost += COST_LEADER_CROSSING;
      for (guint i = 0; i < dn->arrows->len; i++)
        if (segments_cross (&leader, &g_array_index (dn->arrows, Segment, i)))
          cost += COST_LEADER_ON_ARROW;
    }
  return cost;
}

/* Pushes the label of point @index out from it ring by ring (step half a
 * line), up to @reach beyond its marker, while a farther spot can still
 * beat @best_cost; a spot found there takes a leader line. */
static gboolean
dense_ring_search (Dense    *dn,
                   guint     index,
                   double    w,
                   double    h,
                   double    reach,
                   SpotRules rules,
                   Box      *best,
                   double   *best_cost)
{
  const WsPlotPointLayout *p = &g_array_index (dn->layout->points, WsPlotPointLayout, index);
  double g = p->radius + 3.0 * dn->layout->text_scale;
  double step = MAX (h * 0.5, 4.0);
  double max_d = MIN (hypot (dn->region.x1 - dn->region.x0, dn->region.y1 - dn->region.y0),
                      g + reach);
  gboolean found = FALSE;

  for (double r = g + step; r <= max_d; r += step)
    {
      /* Lesser labels look in fewer directions: they may be many. */
      int n = rules == SPOT_MINOR ? 16 : CLAMP ((int) ceil (G_PI * r / step), 16, 96);
      double distance_cost = COST_DISPLACED + (r - g) / h;

      if (distance_cost >= *best_cost)
        break;
      for (int a = 0; a < n; a++)
        {
          double theta = 2 * G_PI * a / n;
          double ux = cos (theta), uy = -sin (theta);
          Box b = box_at (p->x + ux * (r + w / 2) - w / 2, p->y + uy * (r + h / 2) - h / 2, w, h);
          double cost = dense_spot_cost (dn, index, &b, TRUE, rules, *best_cost - distance_cost);

          if (cost >= 0 && cost + distance_cost < *best_cost)
            {
              *best_cost = cost + distance_cost;
              *best = b;
              found = TRUE;
            }
        }
    }
  return found;
}

/* A protected label is never deferred: a spot next to its point, else the
 * nearest clear spot, ring by ring, with a leader line. */
static void
dense_place_protected (Dense             *dn,
                       guint              index,
                       const WsPlotPoint *point,
                       int                preferred)
{
  WsPlotLayout *self = dn->layout;
  WsPlotPointLayout *p = &g_array_index (self->points, WsPlotPointLayout, index);
  double s = self->text_scale;
  double g = p->radius + 3.0 * s;
  Box near[N_NEAR], best = { 0 };
  double tw, th, w, h, best_cost = INFINITY;
  gboolean found = FALSE, displaced = FALSE;
  int side = -1;
  PangoLayout *text = make_label_text (self, point, &tw, &th);

  w = tw + 2 * WS_PLOT_LABEL_PAD_X * s;
  h = th + 2 * WS_PLOT_LABEL_PAD_Y * s;
  g_ptr_array_index (self->label_texts, index) = text;
  near_spots (p->x, p->y, g, w, h, near);
  /* Clear of every marker, next to the point or a few lines away; only
   * when the map is too dense for that, covering lesser markers. */
  for (SpotRules rules = SPOT_STRICT; rules <= SPOT_COVERING && !found; rules++)
    {
      int pass = rules - SPOT_STRICT;

      for (int c = 0; c < N_NEAR; c++)
        {
          double cost = dense_spot_cost (dn, index, &near[c], FALSE, rules, INFINITY);

          if (cost < 0)
            continue;
          cost += c * 0.001 - (c == preferred ? 0.5 : 0.0);
          if (cost < best_cost)
            {
              best_cost = cost;
              best = near[c];
              side = c;
              found = TRUE;
            }
        }
      if (dense_ring_search (dn, index, w, h, pass == 0 ? PROTECTED_REACH * h : INFINITY,
                             rules, &best, &best_cost))
        {
          found = TRUE;
          displaced = TRUE;
          side = -1;
        }
    }

  if (!found)
    {
      /* The canvas is full of labels: take the spot that overlaps the
       * fewest, so the word still shows. */
      double fine = MAX (MIN (h, w) / 3, 2.0), least = INFINITY;

      best = near[0];
      for (double y = dn->region.y0; y + h <= dn->region.y1; y += fine)
        for (double x = dn->region.x0; x + w <= dn->region.x1; x += fine)
          {
            Box b = box_at (x, y, w, h);
            double area = 0.0;

            for (guint i = 0; i < self->points->len && area < least; i++)
              {
                const WsPlotPointLayout *q = &g_array_index (self->points, WsPlotPointLayout, i);
                Box lb = rect_to_box (&q->label);

                if (q->label.width > 0)
                  area += overlap_area (&b, &lb);
              }
            if (area < least)
              {
                least = area;
                best = b;
              }
          }
      displaced = distance_to_box (&best, p->x, p->y) > g;
    }
  g_array_index (self->sides, int, index) = side;
  dense_commit (dn, index, &best, displaced);
}

static void
layout_labels (WsPlotLayout *self,
               WsPlotLayout *previous)
{
  WsPlotScene *scene = self->scene;
  double s = self->text_scale;
  guint n = ws_plot_scene_get_n_points (scene);
  g_autoptr(GArray) order = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  g_autoptr(GHashTable) hints = NULL;
  g_autofree gboolean *protected = g_new0 (gboolean, MAX (n, 1));
  double min_h[2] = { 0 }, min_w[2] = { 0 };
  Dense dn = { 0 };
  guint corners[4], ranked = 0;

  dn.layout = self;
  dn.region = rect_to_box (&self->plot_area);
  dn.gap = 2.0 * s;
  dn.minor_searches = MINOR_SEARCHES;
  grid_init (&dn.labels, &dn.region, 32.0 * s);
  grid_init (&dn.marks, &dn.region, 16.0 * s);
  grid_init (&dn.leader_boxes, &dn.region, 64.0 * s);
  dn.mark_of = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  dn.protected_mark = g_array_sized_new (FALSE, FALSE, sizeof (gboolean), n);
  dn.leaders = g_array_new (FALSE, FALSE, sizeof (Segment));
  dn.arrows = g_array_new (FALSE, FALSE, sizeof (Segment));

  for (guint i = 0; i < n; i++)
    if (g_array_index (self->points, WsPlotPointLayout, i).visible)
      g_array_append_val (order, i);
  g_array_sort_with_data (order, compare_priority, scene);

  /* Protected: what the query is about, the best results, and what the
   * author marked. */
  for (guint k = 0; k < order->len; k++)
    {
      guint i = g_array_index (order, guint, k);
      const WsPlotPoint *p = ws_plot_scene_get_point (scene, i);
      gboolean result = p->role == WS_PLOT_ROLE_RESULT || p->role == WS_PLOT_ROLE_ANSWER;

      protected[i] = (p->role != WS_PLOT_ROLE_NEIGHBOR && !result) ||
                     (result && ranked < 10) ||
                     (p->flags & (WS_PLOT_POINT_HIGHLIGHTED | WS_PLOT_POINT_SELECTED)) != 0;
      if (result)
        ranked++;
    }

  for (guint i = 0; i < n; i++)
    {
      const WsPlotPointLayout *p = &g_array_index (self->points, WsPlotPointLayout, i);
      guint cell = G_MAXUINT;

      if (p->visible)
        {
          double r = p->radius + 1.5 * s;
          Box b = { p->x - r, p->y - r, p->x + r, p->y + r };

          cell = dn.marks.boxes->len;
          grid_add (&dn.marks, &b, 0.0, TRUE);
          g_array_append_val (dn.protected_mark, protected[i]);
        }
      g_array_append_val (dn.mark_of, cell);
    }

  for (guint i = 0; i < self->arrows->len; i++)
    {
      const WsPlotArrowLayout *a = &g_array_index (self->arrows, WsPlotArrowLayout, i);
      Segment seg = { a->x1, a->y1, a->x2, a->y2 };

      if (a->visible)
        g_array_append_val (dn.arrows, seg);
    }
  if (ws_plot_scene_get_analogy (scene, corners))
    {
      const WsPlotPointLayout *c[4];

      for (int i = 0; i < 4; i++)
        c[i] = &g_array_index (self->points, WsPlotPointLayout, corners[i]);
      if (c[0]->visible && c[2]->visible)
        g_array_append_val (dn.arrows, ((Segment) { c[0]->x, c[0]->y, c[2]->x, c[2]->y }));
      if (c[1]->visible && c[3]->visible)
        g_array_append_val (dn.arrows, ((Segment) { c[1]->x, c[1]->y, c[3]->x, c[3]->y }));
    }

  if (previous != NULL)
    {
      WsPlotScene *old = previous->scene;

      hints = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < previous->sides->len; i++)
        if (g_array_index (previous->sides, int, i) >= 0)
          g_hash_table_insert (hints, ws_plot_scene_get_point (old, i)->word,
                               GINT_TO_POINTER (g_array_index (previous->sides, int, i) + 1));
    }

  /* The smallest label of each font: one narrow letter, the font's line
   * height (fallback fonts only make lines taller). */
  for (int k = 0; k < 2; k++)
    {
      double px = (k == 0 ? WS_PLOT_NEIGHBOR_PX : WS_PLOT_LABEL_PX) * s;
      g_autoptr(PangoLayout) probe = make_text (self->context, "x", px, PANGO_WEIGHT_NORMAL);
      double tw, th;

      text_size (probe, &tw, &th);
      min_w[k] = 0.2 * px + 2 * WS_PLOT_LABEL_PAD_X * s;
      min_h[k] = th + 2 * WS_PLOT_LABEL_PAD_Y * s;
    }

  /* The protected labels first, then the others, each in priority order. */
  for (int pass = 0; pass < 2; pass++)
    for (guint k = 0; k < order->len; k++)
      {
        guint i = g_array_index (order, guint, k);
        const WsPlotPoint *p = ws_plot_scene_get_point (scene, i);
        int preferred = hints != NULL ? GPOINTER_TO_INT (g_hash_table_lookup (hints, p->word)) - 1 : -1;
        int font = p->role == WS_PLOT_ROLE_NEIGHBOR ? 0 : 1;

        if (protected[i] != (pass == 0))
          continue;
        if (pass == 0)
          dense_place_protected (&dn, i, p, preferred);
        else
          dense_place_minor (&dn, i, p, min_w[font], min_h[font], preferred);
      }

  grid_clear (&dn.labels);
  grid_clear (&dn.marks);
  grid_clear (&dn.leader_boxes);
  g_array_unref (dn.mark_of);
  g_array_unref (dn.protected_mark);
  g_array_unref (dn.leaders);
  g_array_unref (dn.arrows);
}

/* Callouts go where their author put them: they are not placed around
 * the labels, as moving them is the author's choice. */
static void
layout_annotations (WsPlotLayout *self)
{
  WsPlotScene *scene = self->scene;
  const cairo_rectangle_t *pa = &self->plot_area;
  double s = self->text_scale;

  for (guint i = 0; i < ws_plot_scene_get_n_annotations (scene); i++)
    {
      const WsPlotAnnotation *a = ws_plot_scene_get_annotation (scene, i);
      WsPlotAnnotationLayout al = { 0 };
      PangoLayout *text = make_text (self->context, a->text, WS_PLOT_NOTE_PX * s,
                                     PANGO_WEIGHT_NORMAL);
      double tw, th;

      /* Long notes wrap at a third of the plot's width. */
      pango_layout_set_width (text, (int) (MAX (pa->width / 3, 40.0) * PANGO_SCALE));
      pango_layout_set_wrap (text, PANGO_WRAP_WORD_CHAR);
      text_size (text, &tw, &th);
      if (a->word != NULL)
        {
          int k = ws_plot_scene_find_point (scene, a->word);

          if (k >= 0)
            {
              const WsPlotPointLayout *pl = &g_array_index (self->points, WsPlotPointLayout, k);

              al.anchor_x = pl->x;
              al.anchor_y = pl->y;
              al.visible = pl->visible;
            }
        }
      else
        {
          ws_plot_layout_data_to_device (self, a->x, a->y, &al.anchor_x, &al.anchor_y);
          al.visible = al.anchor_x >= pa->x && al.anchor_x <= pa->x + pa->width &&
                       al.anchor_y >= pa->y && al.anchor_y <= pa->y + pa->height;
        }
      /* The offset is to the box's centre. */
      al.box.width = tw + 2 * WS_PLOT_NOTE_PAD * s;
      al.box.height = th + 2 * WS_PLOT_NOTE_PAD * s;
      al.box.x = al.anchor_x + a->dx * s - al.box.width / 2;
      al.box.y = al.anchor_y + a->dy * s - al.box.height / 2;
      g_array_append_val (self->annotations, al);
      g_ptr_array_add (self->annotation_texts, text);
    }
}

static void
unref_if_set (gpointer data)
{
  if (data != NULL)
    g_object_unref (data);
}

static void
clear_legend_entry (gpointer data)
{
  WsPlotLegendEntry *entry = data;

  g_clear_object (&entry->text);
}

WsPlotLayout *
ws_plot_layout_compute (WsPlotScene *scene,
                        double       width,
                        double       height)
{
  return ws_plot_layout_compute_following (scene, width, height, NULL);
}

static WsPlotLayout *
compute (WsPlotScene  *scene,
         double        width,
         double        height,
         WsPlotLayout *previous,
         gboolean      legacy)
{
  WsPlotLayout *self;

  self = g_new0 (WsPlotLayout, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->scene = ws_plot_scene_ref (scene);
  self->width = isfinite (width) && width > 1 ? width : 1.0;
  self->height = isfinite (height) && height > 1 ? height : 1.0;
  self->text_scale = ws_plot_scene_get_text_scale (scene);
  self->context = make_context ();
  self->legend = g_array_new (FALSE, TRUE, sizeof (WsPlotLegendEntry));
  g_array_set_clear_func (self->legend, clear_legend_entry);
  self->points = g_array_new (FALSE, TRUE, sizeof (WsPlotPointLayout));
  self->label_texts = g_ptr_array_new_with_free_func (unref_if_set);
  self->arrows = g_array_new (FALSE, TRUE, sizeof (WsPlotArrowLayout));
  self->annotations = g_array_new (FALSE, TRUE, sizeof (WsPlotAnnotationLayout));
  self->annotation_texts = g_ptr_array_new_with_free_func (g_object_unref);
  self->sides = g_array_new (FALSE, TRUE, sizeof (int));
  g_array_set_size (self->sides, ws_plot_scene_get_n_points (scene));
  for (guint i = 0; i < self->sides->len; i++)
    g_array_index (self->sides, int, i) = -1;

  layout_texts_and_areas (self);
  layout_points (self);
  layout_arrows (self);
  if (legacy)
    layout_labels_legacy (self, previous);
  else
    layout_labels (self, previous);
  layout_annotations (self);
  return self;
}

WsPlotLayout *
ws_plot_layout_compute_following (WsPlotScene  *scene,
                                  double        width,
                                  double        height,
                                  WsPlotLayout *previous)
{
  g_return_val_if_fail (scene != NULL, NULL);
  return compute (scene, width, height, previous, FALSE);
}

WsPlotLayout *
ws_plot_layout_compute_legacy (WsPlotScene *scene,
                               double       width,
                               double       height)
{
  g_return_val_if_fail (scene != NULL, NULL);
  return compute (scene, width, height, NULL, TRUE);
}

WsPlotLayout *
ws_plot_layout_ref (WsPlotLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ws_plot_layout_unref (WsPlotLayout *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_object (&self->title);
  g_clear_object (&self->subtitle);
  g_clear_object (&self->x_label);
  g_clear_object (&self->y_label);
  g_array_unref (self->legend);
  g_ptr_array_unref (self->label_texts);
  g_array_unref (self->points);
  g_array_unref (self->arrows);
  g_array_unref (self->sides);
  g_array_unref (self->annotations);
  g_ptr_array_unref (self->annotation_texts);
  g_clear_object (&self->context);
  ws_plot_scene_unref (self->scene);
  g_free (self);
}

WsPlotScene *
ws_plot_layout_get_scene (WsPlotLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->scene;
}

double
ws_plot_layout_get_width (WsPlotLayout *self)
{
  g_return_val_if_fail (self != NULL, 0.0);
  return self->width;
}

double
ws_plot_layout_get_height (WsPlotLayout *self)
{
  g_return_val_if_fail (self != NULL, 0.0);
  return self->height;
}

cairo_rectangle_t
ws_plot_layout_get_plot_area (WsPlotLayout *self)
{
  cairo_rectangle_t none = { 0 };

  g_return_val_if_fail (self != NULL, none);
  return self->plot_area;
}

cairo_rectangle_t
ws_plot_layout_get_title_area (WsPlotLayout *self)
{
  cairo_rectangle_t none = { 0 };
  Box t, s, u;

  g_return_val_if_fail (self != NULL, none);
  if (self->subtitle_area.height <= 0)
    return self->title_area;
  if (self->title_area.height <= 0)
    return self->subtitle_area;
  t = rect_to_box (&self->title_area);
  s = rect_to_box (&self->subtitle_area);
  u = (Box) { MIN (t.x0, s.x0), MIN (t.y0, s.y0), MAX (t.x1, s.x1), MAX (t.y1, s.y1) };
  return box_to_rect (&u);
}

cairo_rectangle_t
ws_plot_layout_get_legend_area (WsPlotLayout *self)
{
  cairo_rectangle_t none = { 0 };

  g_return_val_if_fail (self != NULL, none);
  return self->legend_area;
}

cairo_rectangle_t
ws_plot_layout_get_x_label_area (WsPlotLayout *self)
{
  cairo_rectangle_t none = { 0 };

  g_return_val_if_fail (self != NULL, none);
  return self->x_label_area;
}

cairo_rectangle_t
ws_plot_layout_get_y_label_area (WsPlotLayout *self)
{
  cairo_rectangle_t none = { 0 };

  g_return_val_if_fail (self != NULL, none);
  return self->y_label_area;
}

guint
ws_plot_layout_get_n_points (WsPlotLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->points->len;
}

const WsPlotPointLayout *
ws_plot_layout_get_point (WsPlotLayout *self,
                          guint         index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->points->len, NULL);
  return &g_array_index (self->points, WsPlotPointLayout, index);
}

guint
ws_plot_layout_get_n_arrows (WsPlotLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->arrows->len;
}

const WsPlotArrowLayout *
ws_plot_layout_get_arrow (WsPlotLayout *self,
                          guint         index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->arrows->len, NULL);
  return &g_array_index (self->arrows, WsPlotArrowLayout, index);
}

guint
ws_plot_layout_get_n_annotations (WsPlotLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->annotations->len;
}

const WsPlotAnnotationLayout *
ws_plot_layout_get_annotation (WsPlotLayout *self,
                               guint         index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->annotations->len, NULL);
  return &g_array_index (self->annotations, WsPlotAnnotationLayout, index);
}

int
ws_plot_layout_hit_test_annotation (WsPlotLayout *self,
                                    double        x,
                                    double        y)
{
  g_return_val_if_fail (self != NULL, -1);

  /* The last drawn is on top. */
  for (guint i = self->annotations->len; i > 0; i--)
    {
      const WsPlotAnnotationLayout *a = &g_array_index (self->annotations, WsPlotAnnotationLayout, i - 1);

      if (a->visible && x >= a->box.x && x <= a->box.x + a->box.width &&
          y >= a->box.y && y <= a->box.y + a->box.height)
        return (int) i - 1;
    }
  return -1;
}

int
ws_plot_layout_hit_test (WsPlotLayout *self,
                         double        x,
                         double        y)
{
  int best = -1;
  double best_d = INFINITY;

  g_return_val_if_fail (self != NULL, -1);

  /* Markers first (with a few pixels of slack for a finger or a shaky
   * hand), the nearest winning; then labels. */
  for (guint i = 0; i < self->points->len; i++)
    {
      const WsPlotPointLayout *p = &g_array_index (self->points, WsPlotPointLayout, i);
      double d;

      if (!p->visible)
        continue;
      d = hypot (x - p->x, y - p->y);
      if (d <= p->radius + 4.0 * self->text_scale && d < best_d)
        {
          best_d = d;
          best = (int) i;
        }
    }
  if (best >= 0)
    return best;
  for (guint i = 0; i < self->points->len; i++)
    {
      const WsPlotPointLayout *p = &g_array_index (self->points, WsPlotPointLayout, i);

      if (p->visible && p->label.width > 0 && x >= p->label.x && x <= p->label.x + p->label.width &&
          y >= p->label.y && y <= p->label.y + p->label.height)
        return (int) i;
    }
  return -1;
}

void
ws_plot_layout_data_to_device (WsPlotLayout *self,
                               double        data_x,
                               double        data_y,
                               double       *x,
                               double       *y)
{
  g_return_if_fail (self != NULL);

  if (x != NULL)
    *x = self->cx + self->k * (data_x - self->dx) + self->pan_x;
  if (y != NULL)
    *y = self->cy - self->k * (data_y - self->dy) + self->pan_y;
}

void
ws_plot_layout_device_to_data (WsPlotLayout *self,
                               double        x,
                               double        y,
                               double       *data_x,
                               double       *data_y)
{
  g_return_if_fail (self != NULL);

  if (data_x != NULL)
    *data_x = self->dx + (x - self->cx - self->pan_x) / self->k;
  if (data_y != NULL)
    *data_y = self->dy - (y - self->cy - self->pan_y) / self->k;
}
