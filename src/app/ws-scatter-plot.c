/* ws-scatter-plot.c: the map widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The widget keeps no data of its own: it reads the session's map, and only
 * remembers where each word was drawn before so that points can glide from
 * their old places to their new ones. Drawing is one cairo function shared
 * by the screen (gtk_snapshot_append_cairo) and the exporter.
 */
#define G_LOG_DOMAIN "wordspace"

#include "config.h"

#include <adwaita.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "ws-scatter-plot.h"

#define GLIDE_US (300 * 1000)
#define MIN_ZOOM 0.25
#define MAX_ZOOM 16.0
#define BASE_FONT_PT 13.0
#define POINT_RADIUS 6.0

typedef struct
{
  double x, y;           /* map coordinates, fitted to [-1, 1] */
} Place;

typedef struct
{
  double           px, py;     /* point, widget coordinates */
  double           lx, ly;     /* label's top-left */
  double           lw, lh;
  gboolean         leader;     /* label moved away: draw a line to it */
} Drawn;

struct _WsScatterPlot
{
  GtkWidget     parent_instance;

  WsSession    *session;
  GHashTable   *previous;      /* word → Place where it was before this map */
  GArray       *from;          /* Place per current point: where the glide starts */
  GArray       *to;            /* Place per current point */
  GPtrArray    *words;         /* the word of each current point */
  gint64        glide_start;
  guint         tick_id;
  double        progress;      /* 0 → 1 along the glide */

  char         *highlight;
  int           hover;         /* point index under the pointer, or -1 */
  double        text_scale;
  gboolean      dark;

  double        zoom;
  double        pan_x, pan_y;
  double        drag_start_x, drag_start_y;
  double        pinch_start_zoom;
  gboolean      dragged;

  GArray       *drawn;         /* Drawn per point, for the last layout */
  int           drawn_width, drawn_height;
};

G_DEFINE_FINAL_TYPE (WsScatterPlot, ws_scatter_plot, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_HIGHLIGHT,
  PROP_TEXT_SCALE,
  PROP_DARK,
  PROP_ZOOM,
  N_PROPS
};

enum {
  WORD_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  double bg[3], fg[3], dim[3], grid[3];
  double query[3], answer[3], result[3], neighbor[3], predicted[3], highlight[3];
} Theme;

static const Theme light_theme = {
  { 1.00, 1.00, 1.00 }, { 0.12, 0.12, 0.14 }, { 0.45, 0.45, 0.48 }, { 0.90, 0.90, 0.92 },
  { 0.11, 0.44, 0.85 }, { 0.88, 0.11, 0.14 }, { 0.90, 0.38, 0.00 }, { 0.55, 0.55, 0.58 },
  { 0.51, 0.24, 0.61 }, { 0.96, 0.83, 0.18 },
};

static const Theme dark_theme = {
  { 0.14, 0.14, 0.15 }, { 0.96, 0.96, 0.96 }, { 0.65, 0.65, 0.68 }, { 0.24, 0.24, 0.26 },
  { 0.38, 0.63, 0.98 }, { 1.00, 0.40, 0.40 }, { 1.00, 0.64, 0.28 }, { 0.62, 0.62, 0.66 },
  { 0.75, 0.56, 0.85 }, { 0.96, 0.83, 0.18 },
};

static const WsSessionMap *
current_map (WsScatterPlot *self)
{
  return self->session != NULL ? ws_session_get_map (self->session) : NULL;
}

static guint
n_points (WsScatterPlot *self)
{
  const WsSessionMap *map = current_map (self);

  return map != NULL ? map->points->len : 0;
}

static const WsSessionPoint *
point_at (WsScatterPlot *self,
          guint          i)
{
  return &g_array_index (current_map (self)->points, WsSessionPoint, i);
}

static double
ease_out_cubic (double t)
{
  t = CLAMP (t, 0.0, 1.0);
  return 1.0 - pow (1.0 - t, 3.0);
}

/* ------------------------------------------------------------------ */
/* Gliding                                                             */

static gboolean
glide_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  WsScatterPlot *self = WS_SCATTER_PLOT (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  self->progress = (double) (now - self->glide_start) / GLIDE_US;
  if (self->progress >= 1.0)
    {
      self->progress = 1.0;
      self->tick_id = 0;
      gtk_widget_queue_draw (widget);
      return G_SOURCE_REMOVE;
    }
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

static void
stop_glide (WsScatterPlot *self)
{
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
}

/* Where each point of the map goes: its coordinates scaled so the map
 * fills [-1, 1] on its longer side, keeping the aspect ratio true. */
static void
fit_places (const WsSessionMap *map,
            GArray             *places)
{
  double min_x = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  double cx, cy, half;

  g_array_set_size (places, 0);
  for (guint i = 0; i < map->points->len; i++)
    {
      const WsSessionPoint *p = &g_array_index (map->points, WsSessionPoint, i);
      min_x = MIN (min_x, p->x);
      max_x = MAX (max_x, p->x);
      min_y = MIN (min_y, p->y);
      max_y = MAX (max_y, p->y);
    }
  cx = (min_x + max_x) / 2;
  cy = (min_y + max_y) / 2;
  half = MAX (max_x - min_x, max_y - min_y) / 2;
  if (half <= 0)
    half = 1;
  for (guint i = 0; i < map->points->len; i++)
    {
      const WsSessionPoint *p = &g_array_index (map->points, WsSessionPoint, i);
      /* y grows upwards on the map, downwards on screen. */
      Place place = { (p->x - cx) / half, -(p->y - cy) / half };
      g_array_append_val (places, place);
    }
}

static void
on_map_changed (WsScatterPlot *self,
                WsSession     *session)
{
  const WsSessionMap *map = ws_session_get_map (session);
  double t = ease_out_cubic (self->progress);
  g_autoptr(GArray) places = g_array_new (FALSE, FALSE, sizeof (Place));
  Place centre = { 0, 0 };

  /* Remember where every word is drawn now, mid-glide included. */
  g_hash_table_remove_all (self->previous);
  for (guint i = 0; i < self->to->len && i < self->words->len; i++)
    {
      Place *p = g_new (Place, 1);
      Place a = g_array_index (self->from, Place, i);
      Place b = g_array_index (self->to, Place, i);

      p->x = a.x + (b.x - a.x) * t;
      p->y = a.y + (b.y - a.y) * t;
      g_hash_table_replace (self->previous, g_strdup (g_ptr_array_index (self->words, i)), p);
    }

  fit_places (map, places);
  g_array_set_size (self->from, 0);
  g_ptr_array_set_size (self->words, 0);
  for (guint i = 0; i < places->len; i++)
    {
      const WsSessionPoint *p = &g_array_index (map->points, WsSessionPoint, i);
      Place *old = g_hash_table_lookup (self->previous, p->word);
      /* New words rise from the centre; known ones glide from where they were. */
      Place start = old != NULL ? *old : centre;

      g_array_append_val (self->from, start);
      g_ptr_array_add (self->words, g_strdup (p->word));
    }
  g_array_set_size (self->to, 0);
  g_array_append_vals (self->to, places->data, places->len);
  self->hover = -1;

  stop_glide (self);
  self->progress = 0.0;
  if (places->len > 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
      self->glide_start = clock != NULL ? gdk_frame_clock_get_frame_time (clock)
                                        : g_get_monotonic_time ();
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), glide_tick, NULL, NULL);
    }
  else
    self->progress = 1.0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------ */
/* Layout                                                              */

static gboolean
rects_overlap (double ax, double ay, double aw, double ah,
               double bx, double by, double bw, double bh)
{
  return ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah;
}

static PangoLayout *
make_layout (WsScatterPlot *self,
             cairo_t       *cr,
             const char    *text,
             gboolean       bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_font_description_set_size (font, (int) (BASE_FONT_PT * self->text_scale * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Places points and labels for a @width × @height picture. Labels try
 * eight places around their point, then further rings, and take the first
 * that overlaps no label and no point placed so far; one that had to move
 * away gets a leader line. */
static void
compute_layout (WsScatterPlot *self,
                cairo_t       *cr,
                int            width,
                int            height)
{
  guint n = n_points (self);
  double t = ease_out_cubic (self->progress);
  double margin = 40.0 + 50.0 * self->text_scale;
  double half = MAX (10.0, MIN (width, height) / 2.0 - margin);

  g_array_set_size (self->drawn, 0);
  self->drawn_width = width;
  self->drawn_height = height;
  if (n == 0 || self->to->len != n)
    return;

  for (guint i = 0; i < n; i++)
    {
      Place a = g_array_index (self->from, Place, i);
      Place b = g_array_index (self->to, Place, i);
      double x = a.x + (b.x - a.x) * t;
      double y = a.y + (b.y - a.y) * t;
      Drawn d = { 0 };

      d.px = width / 2.0 + (x * half + self->pan_x) * self->zoom;
      d.py = height / 2.0 + (y * half + self->pan_y) * self->zoom;
      g_array_append_val (self->drawn, d);
    }

  for (guint i = 0; i < n; i++)
    {
      const WsSessionPoint *p = point_at (self, i);
      Drawn *d = &g_array_index (self->drawn, Drawn, i);
      g_autoptr(PangoLayout) layout = make_layout (self, cr, p->word,
                                                   p->kind != WS_SESSION_POINT_NEIGHBOR);
      PangoRectangle ink, logical;
      double gap = POINT_RADIUS + 4;
      gboolean placed = FALSE;

      pango_layout_get_pixel_extents (layout, &ink, &logical);
      d->lw = logical.width;
      d->lh = logical.height;

      for (int ring = 0; ring < 12 && !placed; ring++)
        for (int k = 0; k < 8 && !placed; k++)
          {
            static const double dx[8] = { 1, -1, 0, 0, 1, -1, 1, -1 };
            static const double dy[8] = { 0, 0, -1, 1, -1, -1, 1, 1 };
            double r = gap + ring * d->lh * 0.9;
            double cx = d->px + dx[k] * r;
            double cy = d->py + dy[k] * r;
            double lx = dx[k] > 0 ? cx : dx[k] < 0 ? cx - d->lw : cx - d->lw / 2;
            double ly = dy[k] > 0 ? cy : dy[k] < 0 ? cy - d->lh : cy - d->lh / 2;
            gboolean clash = FALSE;

            for (guint j = 0; j < n && !clash; j++)
              {
                const Drawn *o = &g_array_index (self->drawn, Drawn, j);

                if (j < i && rects_overlap (lx, ly, d->lw, d->lh, o->lx, o->ly, o->lw, o->lh))
                  clash = TRUE;
                if (rects_overlap (lx, ly, d->lw, d->lh, o->px - POINT_RADIUS,
                                   o->py - POINT_RADIUS, 2 * POINT_RADIUS, 2 * POINT_RADIUS))
                  clash = TRUE;
              }
            if (!clash)
              {
                d->lx = lx;
                d->ly = ly;
                d->leader = ring > 0;
                placed = TRUE;
              }
          }
      if (!placed)
        {
          d->lx = d->px + gap;
          d->ly = d->py - d->lh / 2;
          d->leader = FALSE;
        }
    }
}

static void
ensure_layout (WsScatterPlot *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);

  compute_layout (self, cr, width, height);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* ------------------------------------------------------------------ */
/* Drawing                                                             */

static void
set_rgb (cairo_t      *cr,
         const double *c,
         double        alpha)
{
  cairo_set_source_rgba (cr, c[0], c[1], c[2], alpha);
}

static const double *
point_colour (const Theme          *theme,
              const WsSessionPoint *p)
{
  switch (p->kind)
    {
    case WS_SESSION_POINT_QUERY:
      return theme->query;
    case WS_SESSION_POINT_ANSWER:
      return theme->answer;
    case WS_SESSION_POINT_RESULT:
      return theme->result;
    case WS_SESSION_POINT_PREDICTED:
      return theme->predicted;
    case WS_SESSION_POINT_NEIGHBOR:
    default:
      return theme->neighbor;
    }
}

static void
draw_arrow (cairo_t *cr,
            double   x0,
            double   y0,
            double   x1,
            double   y1,
            double   width)
{
  double angle = atan2 (y1 - y0, x1 - x0);
  double head = 6.0 + 3.0 * width;
  double len = hypot (x1 - x0, y1 - y0);

  if (len < POINT_RADIUS * 2)
    return;
  /* Stop at the target's rim. */
  x1 -= cos (angle) * (POINT_RADIUS + 2);
  y1 -= sin (angle) * (POINT_RADIUS + 2);
  cairo_set_line_width (cr, width);
  cairo_move_to (cr, x0 + cos (angle) * (POINT_RADIUS + 2), y0 + sin (angle) * (POINT_RADIUS + 2));
  cairo_line_to (cr, x1, y1);
  cairo_stroke (cr);
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x1 - head * cos (angle - 0.45), y1 - head * sin (angle - 0.45));
  cairo_line_to (cr, x1 - head * cos (angle + 0.45), y1 - head * sin (angle + 0.45));
  cairo_close_path (cr);
  cairo_fill (cr);
}

void
ws_scatter_plot_draw (WsScatterPlot *self,
                      cairo_t       *cr,
                      int            width,
                      int            height)
{
  const Theme *theme;
  const WsSessionMap *map;
  guint n;

  g_return_if_fail (WS_IS_SCATTER_PLOT (self));

  theme = self->dark ? &dark_theme : &light_theme;
  map = current_map (self);
  n = n_points (self);

  set_rgb (cr, theme->bg, 1.0);
  cairo_paint (cr);

  compute_layout (self, cr, width, height);
  if (n == 0 || self->drawn->len != n)
    return;

  /* Axes through the centre of the map. */
  set_rgb (cr, theme->grid, 1.0);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, width / 2.0 + self->pan_x * self->zoom, 0);
  cairo_line_to (cr, width / 2.0 + self->pan_x * self->zoom, height);
  cairo_move_to (cr, 0, height / 2.0 + self->pan_y * self->zoom);
  cairo_line_to (cr, width, height / 2.0 + self->pan_y * self->zoom);
  cairo_stroke (cr);

  /* The analogy's parallelogram: a→b, c→predicted; a→c, b→predicted dashed. */
  if (map->analogy[0] >= 0 && map->analogy[3] >= 0)
    {
      const Drawn *a = &g_array_index (self->drawn, Drawn, map->analogy[0]);
      const Drawn *b = &g_array_index (self->drawn, Drawn, map->analogy[1]);
      const Drawn *c = &g_array_index (self->drawn, Drawn, map->analogy[2]);
      const Drawn *p = &g_array_index (self->drawn, Drawn, map->analogy[3]);
      double dashes[] = { 4.0, 4.0 };

      set_rgb (cr, theme->dim, 0.7);
      cairo_set_dash (cr, dashes, 2, 0);
      cairo_set_line_width (cr, 1.5);
      cairo_move_to (cr, a->px, a->py);
      cairo_line_to (cr, c->px, c->py);
      cairo_move_to (cr, b->px, b->py);
      cairo_line_to (cr, p->px, p->py);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);

      set_rgb (cr, theme->query, 0.9);
      draw_arrow (cr, a->px, a->py, b->px, b->py, 2.5);
      set_rgb (cr, theme->predicted, 0.9);
      draw_arrow (cr, c->px, c->py, p->px, p->py, 2.5);
      if (map->answer >= 0)
        {
          const Drawn *q = &g_array_index (self->drawn, Drawn, map->answer);
          set_rgb (cr, theme->answer, 0.6);
          cairo_set_dash (cr, dashes, 2, 0);
          cairo_set_line_width (cr, 1.5);
          cairo_move_to (cr, p->px, p->py);
          cairo_line_to (cr, q->px, q->py);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
    }

  /* Leader lines under everything else. */
  for (guint i = 0; i < n; i++)
    {
      const Drawn *d = &g_array_index (self->drawn, Drawn, i);

      if (!d->leader)
        continue;
      set_rgb (cr, theme->dim, 0.8);
      cairo_set_line_width (cr, 1.0);
      cairo_move_to (cr, d->px, d->py);
      cairo_line_to (cr, CLAMP (d->px, d->lx, d->lx + d->lw), CLAMP (d->py, d->ly, d->ly + d->lh));
      cairo_stroke (cr);
    }

  for (guint i = 0; i < n; i++)
    {
      const WsSessionPoint *p = point_at (self, i);
      const Drawn *d = &g_array_index (self->drawn, Drawn, i);
      gboolean highlighted = g_strcmp0 (p->word, self->highlight) == 0 || (int) i == self->hover;
      double r = p->kind == WS_SESSION_POINT_ANSWER ? POINT_RADIUS * 1.4 : POINT_RADIUS;

      if (highlighted)
        {
          set_rgb (cr, theme->highlight, 0.9);
          cairo_arc (cr, d->px, d->py, r + 6, 0, 2 * G_PI);
          cairo_fill (cr);
        }
      set_rgb (cr, point_colour (theme, p), 1.0);
      if (p->kind == WS_SESSION_POINT_PREDICTED)
        {
          /* Not a word: a cross where b − a + c lands. */
          cairo_set_line_width (cr, 3.0);
          cairo_move_to (cr, d->px - r, d->py - r);
          cairo_line_to (cr, d->px + r, d->py + r);
          cairo_move_to (cr, d->px + r, d->py - r);
          cairo_line_to (cr, d->px - r, d->py + r);
          cairo_stroke (cr);
        }
      else
        {
          cairo_arc (cr, d->px, d->py, r, 0, 2 * G_PI);
          cairo_fill_preserve (cr);
          set_rgb (cr, theme->bg, 1.0);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }
    }

  for (guint i = 0; i < n; i++)
    {
      const WsSessionPoint *p = point_at (self, i);
      const Drawn *d = &g_array_index (self->drawn, Drawn, i);
      g_autoptr(PangoLayout) layout = make_layout (self, cr, p->word,
                                                   p->kind != WS_SESSION_POINT_NEIGHBOR);

      /* A halo of background keeps labels readable over lines. */
      set_rgb (cr, theme->bg, 0.8);
      cairo_rectangle (cr, d->lx - 2, d->ly, d->lw + 4, d->lh);
      cairo_fill (cr);
      if (p->kind == WS_SESSION_POINT_ANSWER)
        set_rgb (cr, theme->answer, 1.0);
      else if (p->kind == WS_SESSION_POINT_NEIGHBOR || p->kind == WS_SESSION_POINT_PREDICTED)
        set_rgb (cr, theme->dim, 1.0);
      else
        set_rgb (cr, theme->fg, 1.0);
      cairo_move_to (cr, d->lx, d->ly);
      pango_cairo_show_layout (cr, layout);
    }
}

static void
ws_scatter_plot_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  WsScatterPlot *self = WS_SCATTER_PLOT (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  ws_scatter_plot_draw (self, cr, width, height);
  cairo_destroy (cr);
}

gboolean
ws_scatter_plot_export (WsScatterPlot  *self,
                        GFile          *file,
                        int             width,
                        int             height,
                        GError        **error)
{
  g_autofree char *path = NULL;
  g_autofree char *lower = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double progress;

  g_return_val_if_fail (WS_IS_SCATTER_PLOT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The map can only be saved to a local file"));
      return FALSE;
    }
  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".svg"))
    surface = cairo_svg_surface_create (path, width, height);
  else if (g_str_has_suffix (lower, ".pdf"))
    surface = cairo_pdf_surface_create (path, width, height);
  else if (g_str_has_suffix (lower, ".png"))
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("Cannot tell the format of “%s”: name it .png, .svg or .pdf"), path);
      return FALSE;
    }

  /* The picture as it will look once the glide ends. */
  progress = self->progress;
  self->progress = 1.0;
  cr = cairo_create (surface);
  ws_scatter_plot_draw (self, cr, width, height);
  cairo_destroy (cr);
  self->progress = progress;

  if (cairo_surface_get_type (surface) == CAIRO_SURFACE_TYPE_IMAGE)
    status = cairo_surface_write_to_png (surface, path);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write the map to %s: %s"),
                   path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Input                                                               */

static int
index_at (WsScatterPlot *self,
          double         x,
          double         y)
{
  int best = -1;
  double best_d = (POINT_RADIUS + 6) * (POINT_RADIUS + 6);

  ensure_layout (self);
  for (guint i = 0; i < self->drawn->len; i++)
    {
      const Drawn *d = &g_array_index (self->drawn, Drawn, i);
      double dd = (d->px - x) * (d->px - x) + (d->py - y) * (d->py - y);

      if (dd <= best_d)
        {
          best = (int) i;
          best_d = dd;
        }
    }
  if (best >= 0)
    return best;
  for (guint i = 0; i < self->drawn->len; i++)
    {
      const Drawn *d = &g_array_index (self->drawn, Drawn, i);

      if (x >= d->lx && x <= d->lx + d->lw && y >= d->ly && y <= d->ly + d->lh)
        return (int) i;
    }
  return -1;
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           WsScatterPlot            *self)
{
  int hover = index_at (self, x, y);

  if (hover != self->hover)
    {
      self->hover = hover;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), hover >= 0 ? "pointer" : NULL);
      gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_leave (GtkEventControllerMotion *controller,
          WsScatterPlot            *self)
{
  if (self->hover != -1)
    {
      self->hover = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  WsScatterPlot *self = WS_SCATTER_PLOT (widget);
  int i = index_at (self, x, y);
  g_autofree char *text = NULL;
  char score[G_ASCII_DTOSTR_BUF_SIZE];
  const WsSessionPoint *p;

  if (i < 0)
    return FALSE;
  p = point_at (self, i);
  g_ascii_formatd (score, sizeof score, "%.4f", p->score);
  /* Translators: a map tooltip: the word, then its cosine to the query. */
  text = g_strdup_printf (_("%s — cosine to the query %s"), p->word, score);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_click_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  WsScatterPlot   *self)
{
  if (n_press == 2)
    ws_scatter_plot_reset_view (self);
}

static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   WsScatterPlot   *self)
{
  int i;

  if (n_press != 1 || self->dragged)
    return;
  i = index_at (self, x, y);
  if (i >= 0 && point_at (self, i)->kind != WS_SESSION_POINT_PREDICTED)
    g_signal_emit (self, signals[WORD_ACTIVATED], 0, point_at (self, i)->word);
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               WsScatterPlot  *self)
{
  self->drag_start_x = self->pan_x;
  self->drag_start_y = self->pan_y;
  self->dragged = FALSE;
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                WsScatterPlot  *self)
{
  if (!self->dragged && hypot (dx, dy) < 4)
    return;
  self->dragged = TRUE;
  self->pan_x = self->drag_start_x + dx / self->zoom;
  self->pan_y = self->drag_start_y + dy / self->zoom;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           WsScatterPlot            *self)
{
  double x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));

  if (event != NULL)
    {
      double ex, ey;
      if (gdk_event_get_position (event, &ex, &ey))
        {
          graphene_point_t p;
          GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
          double nx = 0, ny = 0;

          gtk_native_get_surface_transform (native, &nx, &ny);
          if (gtk_widget_compute_point (GTK_WIDGET (native), GTK_WIDGET (self),
                                        &GRAPHENE_POINT_INIT (ex - nx, ey - ny), &p))
            {
              x = p.x;
              y = p.y;
            }
        }
    }
  ws_scatter_plot_zoom (self, pow (1.15, -dy), x, y);
  return TRUE;
}

static void
on_pinch_begin (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                WsScatterPlot    *self)
{
  self->pinch_start_zoom = self->zoom;
}

static void
on_pinch (GtkGestureZoom *gesture,
          double          scale,
          WsScatterPlot  *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  ws_scatter_plot_zoom (self, self->pinch_start_zoom * scale / self->zoom, x, y);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
on_dark_changed (WsScatterPlot  *self,
                 GParamSpec     *pspec,
                 AdwStyleManager *manager)
{
  ws_scatter_plot_set_dark (self, adw_style_manager_get_dark (manager));
}

static void
ws_scatter_plot_dispose (GObject *object)
{
  WsScatterPlot *self = WS_SCATTER_PLOT (object);

  stop_glide (self);
  ws_scatter_plot_set_session (self, NULL);

  G_OBJECT_CLASS (ws_scatter_plot_parent_class)->dispose (object);
}

static void
ws_scatter_plot_finalize (GObject *object)
{
  WsScatterPlot *self = WS_SCATTER_PLOT (object);

  g_hash_table_unref (self->previous);
  g_array_unref (self->from);
  g_array_unref (self->to);
  g_ptr_array_unref (self->words);
  g_array_unref (self->drawn);
  g_free (self->highlight);

  G_OBJECT_CLASS (ws_scatter_plot_parent_class)->finalize (object);
}

static void
ws_scatter_plot_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  WsScatterPlot *self = WS_SCATTER_PLOT (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_HIGHLIGHT:
      g_value_set_string (value, self->highlight);
      break;
    case PROP_TEXT_SCALE:
      g_value_set_double (value, self->text_scale);
      break;
    case PROP_DARK:
      g_value_set_boolean (value, self->dark);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ws_scatter_plot_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  WsScatterPlot *self = WS_SCATTER_PLOT (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      ws_scatter_plot_set_session (self, g_value_get_object (value));
      break;
    case PROP_HIGHLIGHT:
      ws_scatter_plot_set_highlight (self, g_value_get_string (value));
      break;
    case PROP_TEXT_SCALE:
      ws_scatter_plot_set_text_scale (self, g_value_get_double (value));
      break;
    case PROP_DARK:
      ws_scatter_plot_set_dark (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ws_scatter_plot_class_init (WsScatterPlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = ws_scatter_plot_dispose;
  object_class->finalize = ws_scatter_plot_finalize;
  object_class->get_property = ws_scatter_plot_get_property;
  object_class->set_property = ws_scatter_plot_set_property;
  widget_class->snapshot = ws_scatter_plot_snapshot;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, WS_TYPE_SESSION, rw);
  properties[PROP_HIGHLIGHT] = g_param_spec_string ("highlight", NULL, NULL, NULL, rw);
  properties[PROP_TEXT_SCALE] =
    g_param_spec_double ("text-scale", NULL, NULL, 0.5, 4.0, 1.0, rw);
  properties[PROP_DARK] = g_param_spec_boolean ("dark", NULL, NULL, FALSE, rw);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, MIN_ZOOM, MAX_ZOOM, 1.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A word was clicked: the window asks about it. */
  signals[WORD_ACTIVATED] =
    g_signal_new ("word-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "ws-scatter-plot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ws_scatter_plot_init (WsScatterPlot *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;
  AdwStyleManager *manager = adw_style_manager_get_default ();

  self->previous = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->from = g_array_new (FALSE, FALSE, sizeof (Place));
  self->to = g_array_new (FALSE, FALSE, sizeof (Place));
  self->words = g_ptr_array_new_with_free_func (g_free);
  self->drawn = g_array_new (FALSE, FALSE, sizeof (Drawn));
  self->hover = -1;
  self->text_scale = 1.0;
  self->zoom = 1.0;
  self->progress = 1.0;
  self->dark = adw_style_manager_get_dark (manager);
  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (on_dark_changed), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Map of the query’s words"),
                                  -1);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_click_pressed), self);
  g_signal_connect (gesture, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (on_pinch_begin), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (on_pinch), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

GtkWidget *
ws_scatter_plot_new (void)
{
  return g_object_new (WS_TYPE_SCATTER_PLOT, NULL);
}

WsSession *
ws_scatter_plot_get_session (WsScatterPlot *self)
{
  g_return_val_if_fail (WS_IS_SCATTER_PLOT (self), NULL);
  return self->session;
}

void
ws_scatter_plot_set_session (WsScatterPlot *self,
                             WsSession     *session)
{
  g_return_if_fail (WS_IS_SCATTER_PLOT (self));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_object (session, "map-changed", G_CALLBACK (on_map_changed), self,
                               G_CONNECT_SWAPPED);
      on_map_changed (self, session);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

const char *
ws_scatter_plot_get_highlight (WsScatterPlot *self)
{
  g_return_val_if_fail (WS_IS_SCATTER_PLOT (self), NULL);
  return self->highlight;
}

void
ws_scatter_plot_set_highlight (WsScatterPlot *self,
                               const char    *word)
{
  g_return_if_fail (WS_IS_SCATTER_PLOT (self));

  if (g_strcmp0 (self->highlight, word) == 0)
    return;
  g_free (self->highlight);
  self->highlight = g_strdup (word);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHT]);
}

double
ws_scatter_plot_get_text_scale (WsScatterPlot *self)
{
  g_return_val_if_fail (WS_IS_SCATTER_PLOT (self), 1.0);
  return self->text_scale;
}

void
ws_scatter_plot_set_text_scale (WsScatterPlot *self,
                                double         scale)
{
  g_return_if_fail (WS_IS_SCATTER_PLOT (self));

  scale = CLAMP (scale, 0.5, 4.0);
  if (self->text_scale == scale)
    return;
  self->text_scale = scale;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_SCALE]);
}

gboolean
ws_scatter_plot_get_dark (WsScatterPlot *self)
{
  g_return_val_if_fail (WS_IS_SCATTER_PLOT (self), FALSE);
  return self->dark;
}

void
ws_scatter_plot_set_dark (WsScatterPlot *self,
                          gboolean       dark)
{
  g_return_if_fail (WS_IS_SCATTER_PLOT (self));

  dark = !!dark;
  if (self->dark == dark)
    return;
  self->dark = dark;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DARK]);
}

void
ws_scatter_plot_reset_view (WsScatterPlot *self)
{
  g_return_if_fail (WS_IS_SCATTER_PLOT (self));

  self->pan_x = self->pan_y = 0;
  if (self->zoom != 1.0)
    {
      self->zoom = 1.0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ws_scatter_plot_zoom (WsScatterPlot *self,
                      double         factor,
                      double         x,
                      double         y)
{
  double zoom, cx, cy;

  g_return_if_fail (WS_IS_SCATTER_PLOT (self));

  zoom = CLAMP (self->zoom * factor, MIN_ZOOM, MAX_ZOOM);
  if (zoom == self->zoom)
    return;
  /* Keep the map point under (x, y) where it is. */
  cx = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  cy = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
  self->pan_x += (x - cx) / zoom - (x - cx) / self->zoom;
  self->pan_y += (y - cy) / zoom - (y - cy) / self->zoom;
  self->zoom = zoom;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

double
ws_scatter_plot_get_zoom (WsScatterPlot *self)
{
  g_return_val_if_fail (WS_IS_SCATTER_PLOT (self), 1.0);
  return self->zoom;
}

gboolean
ws_scatter_plot_get_animating (WsScatterPlot *self)
{
  g_return_val_if_fail (WS_IS_SCATTER_PLOT (self), FALSE);
  return self->tick_id != 0;
}

void
ws_scatter_plot_finish_animation (WsScatterPlot *self)
{
  g_return_if_fail (WS_IS_SCATTER_PLOT (self));

  stop_glide (self);
  self->progress = 1.0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
ws_scatter_plot_get_point (WsScatterPlot *self,
                           const char    *word,
                           double        *x,
                           double        *y)
{
  double progress;
  gboolean found = FALSE;

  g_return_val_if_fail (WS_IS_SCATTER_PLOT (self), FALSE);

  progress = self->progress;
  self->progress = 1.0;
  ensure_layout (self);
  for (guint i = 0; i < self->drawn->len && !found; i++)
    if (g_strcmp0 (point_at (self, i)->word, word) == 0)
      {
        const Drawn *d = &g_array_index (self->drawn, Drawn, i);
        *x = d->px;
        *y = d->py;
        found = TRUE;
      }
  self->progress = progress;
  return found;
}

const char *
ws_scatter_plot_word_at (WsScatterPlot *self,
                         double         x,
                         double         y)
{
  int i;

  g_return_val_if_fail (WS_IS_SCATTER_PLOT (self), NULL);

  i = index_at (self, x, y);
  return i >= 0 ? point_at (self, i)->word : NULL;
}

guint
ws_scatter_plot_count_overlaps (WsScatterPlot *self)
{
  guint overlaps = 0;
  double progress;

  g_return_val_if_fail (WS_IS_SCATTER_PLOT (self), 0);

  progress = self->progress;
  self->progress = 1.0;
  ensure_layout (self);
  self->progress = progress;
  for (guint i = 0; i < self->drawn->len; i++)
    for (guint j = i + 1; j < self->drawn->len; j++)
      {
        const Drawn *a = &g_array_index (self->drawn, Drawn, i);
        const Drawn *b = &g_array_index (self->drawn, Drawn, j);

        if (rects_overlap (a->lx, a->ly, a->lw, a->lh, b->lx, b->ly, b->lw, b->lh))
          overlaps++;
      }
  return overlaps;
}
