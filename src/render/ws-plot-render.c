/* ws-plot-render.c: draws a scene with cairo and pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Colours: the roles use the Okabe–Ito palette, which people with any
 * common colour-vision deficiency tell apart, and every role also has its
 * own marker shape. Backgrounds and text follow the GNOME (libadwaita)
 * light and dark styles.
 */
#define G_LOG_DOMAIN "wordspace-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ws-plot-layout-private.h"
#include "ws-plot-render.h"

typedef struct
{
  double r, g, b;
} Rgb;

typedef struct
{
  Rgb window;   /* the canvas around the plot */
  Rgb view;     /* the plot area */
  Rgb fg;
  Rgb border;
  double grid_alpha;
  double axis_alpha;
  Rgb role[WS_PLOT_N_ROLES];
  Rgb answer_text;
  Rgb mismatch;  /* the ring and frame of the word that doesn't match */
} Palette;

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0 }

static const Palette light_palette = {
  .window = RGB (0xfafafa),
  .view = RGB (0xffffff),
  .fg = RGB (0x2e2e2e),
  .border = RGB (0xdedede),
  .grid_alpha = 0.07,
  .axis_alpha = 0.22,
  .role = {
    [WS_PLOT_ROLE_QUERY_POSITIVE] = RGB (0x0072b2),
    [WS_PLOT_ROLE_QUERY_NEGATIVE] = RGB (0xd55e00),
    [WS_PLOT_ROLE_RESULT] = RGB (0x009e73),
    [WS_PLOT_ROLE_ANSWER] = RGB (0xe69f00),
    [WS_PLOT_ROLE_NEIGHBOR] = RGB (0x8a8a8a),
    [WS_PLOT_ROLE_PREDICTED] = RGB (0xb4538a),
  },
  .answer_text = RGB (0x000000),
  .mismatch = RGB (0xc01c28),
};

static const Palette dark_palette = {
  .window = RGB (0x242424),
  .view = RGB (0x1e1e1e),
  .fg = RGB (0xffffff),
  .border = RGB (0x3a3a3a),
  .grid_alpha = 0.08,
  .axis_alpha = 0.25,
  .role = {
    [WS_PLOT_ROLE_QUERY_POSITIVE] = RGB (0x56b4e9),
    [WS_PLOT_ROLE_QUERY_NEGATIVE] = RGB (0xf0843c),
    [WS_PLOT_ROLE_RESULT] = RGB (0x2ec28f),
    [WS_PLOT_ROLE_ANSWER] = RGB (0xf0b429),
    [WS_PLOT_ROLE_NEIGHBOR] = RGB (0x9a9a9a),
    [WS_PLOT_ROLE_PREDICTED] = RGB (0xdd8cba),
  },
  .answer_text = RGB (0x000000),
  .mismatch = RGB (0xff7b63),
};

static const Palette contrast_light_palette = {
  .window = RGB (0xffffff),
  .view = RGB (0xffffff),
  .fg = RGB (0x000000),
  .border = RGB (0x000000),
  .grid_alpha = 0.16,
  .axis_alpha = 0.5,
  .role = {
    [WS_PLOT_ROLE_QUERY_POSITIVE] = RGB (0x004c99),
    [WS_PLOT_ROLE_QUERY_NEGATIVE] = RGB (0xa33400),
    [WS_PLOT_ROLE_RESULT] = RGB (0x006644),
    [WS_PLOT_ROLE_ANSWER] = RGB (0xe69f00),
    [WS_PLOT_ROLE_NEIGHBOR] = RGB (0x4d4d4d),
    [WS_PLOT_ROLE_PREDICTED] = RGB (0x82245c),
  },
  .answer_text = RGB (0x000000),
  .mismatch = RGB (0xa51d2d),
};

static const Palette contrast_dark_palette = {
  .window = RGB (0x000000),
  .view = RGB (0x000000),
  .fg = RGB (0xffffff),
  .border = RGB (0xffffff),
  .grid_alpha = 0.2,
  .axis_alpha = 0.55,
  .role = {
    [WS_PLOT_ROLE_QUERY_POSITIVE] = RGB (0x8ccfff),
    [WS_PLOT_ROLE_QUERY_NEGATIVE] = RGB (0xffa060),
    [WS_PLOT_ROLE_RESULT] = RGB (0x4cf0b0),
    [WS_PLOT_ROLE_ANSWER] = RGB (0xffc83d),
    [WS_PLOT_ROLE_NEIGHBOR] = RGB (0xc8c8c8),
    [WS_PLOT_ROLE_PREDICTED] = RGB (0xffa8dc),
  },
  .answer_text = RGB (0x000000),
  .mismatch = RGB (0xff8a75),
};

static const Palette *
palette_of (WsPlotTheme theme)
{
  switch (theme)
    {
    case WS_PLOT_THEME_DARK: return &dark_palette;
    case WS_PLOT_THEME_HIGH_CONTRAST_LIGHT: return &contrast_light_palette;
    case WS_PLOT_THEME_HIGH_CONTRAST_DARK: return &contrast_dark_palette;
    case WS_PLOT_THEME_LIGHT:
    default:
      return &light_palette;
    }
}

static void
set_rgb (cairo_t   *cr,
         const Rgb *c,
         double     alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, alpha);
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* A "nice" grid step (1, 2 or 5 times a power of ten) for about @n lines
 * across @span. */
static double
nice_step (double span,
           int    n)
{
  double raw = span / n;
  double p = pow (10.0, floor (log10 (raw)));
  double f = raw / p;

  if (f < 1.5)
    return p;
  if (f < 3.5)
    return 2 * p;
  if (f < 7.5)
    return 5 * p;
  return 10 * p;
}

/* The marker's path for @role centred on (@x, @y) with radius @r. */
static void
marker_path (cairo_t    *cr,
             WsPlotRole  role,
             double      x,
             double      y,
             double      r)
{
  switch (role)
    {
    case WS_PLOT_ROLE_QUERY_NEGATIVE:
      {
        double h = r * 0.86;

        cairo_rectangle (cr, x - h, y - h, 2 * h, 2 * h);
      }
      break;
    case WS_PLOT_ROLE_RESULT:
      {
        /* Up-pointing triangle, its centroid on the point. */
        double R = r * 1.15;

        cairo_move_to (cr, x, y - R);
        cairo_line_to (cr, x + R * 0.866, y + R * 0.5);
        cairo_line_to (cr, x - R * 0.866, y + R * 0.5);
        cairo_close_path (cr);
      }
      break;
    case WS_PLOT_ROLE_ANSWER:
      for (int i = 0; i < 10; i++)
        {
          double a = -G_PI / 2 + i * G_PI / 5;
          double rr = i % 2 == 0 ? r * 1.15 : r * 0.5;

          if (i == 0)
            cairo_move_to (cr, x + rr * cos (a), y + rr * sin (a));
          else
            cairo_line_to (cr, x + rr * cos (a), y + rr * sin (a));
        }
      cairo_close_path (cr);
      break;
    case WS_PLOT_ROLE_QUERY_POSITIVE:
    case WS_PLOT_ROLE_NEIGHBOR:
    case WS_PLOT_ROLE_PREDICTED:
    case WS_PLOT_N_ROLES:
    default:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    }
}

static void
draw_marker (cairo_t       *cr,
             const Palette *pal,
             WsPlotRole     role,
             double         x,
             double         y,
             double         r,
             double         s,
             double         alpha)
{
  const Rgb *c = &pal->role[role];

  cairo_save (cr);
  cairo_new_path (cr);
  if (role == WS_PLOT_ROLE_PREDICTED)
    {
      /* A reticle: a ring with four ticks, hollow so that the word that
       * lands on the computed place (often the answer) shows through. */
      cairo_arc (cr, x, y, r * 0.72, 0, 2 * G_PI);
      set_rgb (cr, c, alpha);
      cairo_set_line_width (cr, 2.25 * s);
      cairo_stroke (cr);
      for (int i = 0; i < 4; i++)
        {
          double ux = i == 0 ? 1 : i == 2 ? -1 : 0;
          double uy = i == 1 ? 1 : i == 3 ? -1 : 0;

          cairo_move_to (cr, x + ux * r * 0.45, y + uy * r * 0.45);
          cairo_line_to (cr, x + ux * r * 1.05, y + uy * r * 1.05);
        }
      cairo_set_line_width (cr, 2.0 * s);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_stroke (cr);
      cairo_restore (cr);
      return;
    }

  if (role == WS_PLOT_ROLE_ANSWER)
    {
      /* A soft halo makes the answer findable at a glance. */
      cairo_arc (cr, x, y, r * 1.7, 0, 2 * G_PI);
      set_rgb (cr, c, 0.28 * alpha);
      cairo_fill (cr);
    }

  marker_path (cr, role, x, y, r);
  set_rgb (cr, c, alpha);
  cairo_fill_preserve (cr);
  /* An outline in the background colour keeps touching markers apart; the
   * answer gets a dark one so the yellow reads on white. */
  if (role == WS_PLOT_ROLE_ANSWER)
    set_rgb (cr, &pal->fg, 0.85 * alpha);
  else
    set_rgb (cr, &pal->view, alpha);
  cairo_set_line_width (cr, (role == WS_PLOT_ROLE_ANSWER ? 1.5 : 1.25) * s);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_grid (cairo_t       *cr,
           WsPlotLayout  *layout,
           const Palette *pal)
{
  const cairo_rectangle_t *pa = &layout->plot_area;
  double s = layout->text_scale;
  double x0, y0, x1, y1, step;

  ws_plot_layout_device_to_data (layout, pa->x, pa->y + pa->height, &x0, &y0);
  ws_plot_layout_device_to_data (layout, pa->x + pa->width, pa->y, &x1, &y1);
  step = nice_step (MAX (x1 - x0, y1 - y0), 10);
  if (!(step > 0) || !isfinite (step))
    return;

  cairo_save (cr);
  cairo_rectangle (cr, pa->x, pa->y, pa->width, pa->height);
  cairo_clip (cr);
  cairo_set_line_width (cr, 1.0 * s);

  for (double v = ceil (x0 / step) * step; v <= x1; v += step)
    {
      double x;

      ws_plot_layout_data_to_device (layout, v, 0, &x, NULL);
      cairo_move_to (cr, x, pa->y);
      cairo_line_to (cr, x, pa->y + pa->height);
    }
  for (double v = ceil (y0 / step) * step; v <= y1; v += step)
    {
      double y;

      ws_plot_layout_data_to_device (layout, 0, v, NULL, &y);
      cairo_move_to (cr, pa->x, y);
      cairo_line_to (cr, pa->x + pa->width, y);
    }
  set_rgb (cr, &pal->fg, pal->grid_alpha);
  cairo_stroke (cr);

  /* The axes through the origin: the projection is centred there. */
  {
    double ox, oy;

    ws_plot_layout_data_to_device (layout, 0, 0, &ox, &oy);
    cairo_move_to (cr, ox, pa->y);
    cairo_line_to (cr, ox, pa->y + pa->height);
    cairo_move_to (cr, pa->x, oy);
    cairo_line_to (cr, pa->x + pa->width, oy);
    cairo_set_line_width (cr, 1.25 * s);
    set_rgb (cr, &pal->fg, pal->axis_alpha);
    cairo_stroke (cr);
  }
  cairo_restore (cr);
}

static void
draw_arrow (cairo_t                 *cr,
            const WsPlotArrowLayout *a,
            const Rgb               *c,
            double                   alpha,
            double                   s)
{
  double dx = a->x2 - a->x1, dy = a->y2 - a->y1;
  double len = hypot (dx, dy);
  double head = MIN (14.0 * s, len * 0.6);
  double half = head * 0.42;
  double ux, uy, bx, by;

  if (!a->visible || len <= 0)
    return;
  ux = dx / len;
  uy = dy / len;
  bx = a->x2 - ux * head;
  by = a->y2 - uy * head;

  cairo_save (cr);
  set_rgb (cr, c, alpha);
  cairo_set_line_width (cr, 2.75 * s);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, a->x1, a->y1);
  cairo_line_to (cr, bx + ux * 1.0 * s, by + uy * 1.0 * s);
  cairo_stroke (cr);
  cairo_move_to (cr, a->x2, a->y2);
  cairo_line_to (cr, bx - uy * half, by + ux * half);
  cairo_line_to (cr, bx + uy * half, by - ux * half);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
draw_parallelogram (cairo_t       *cr,
                    WsPlotLayout  *layout,
                    const Palette *pal)
{
  guint c[4];
  const WsPlotPointLayout *p[4];
  double s = layout->text_scale;
  double dash[2] = { 7.0 * s, 5.0 * s };
  double alpha = 1.0;

  if (!ws_plot_scene_get_analogy (layout->scene, c))
    return;
  for (int i = 0; i < 4; i++)
    {
      p[i] = ws_plot_layout_get_point (layout, c[i]);
      alpha = MIN (alpha, ws_plot_scene_get_point (layout->scene, c[i])->opacity);
    }

  cairo_save (cr);
  /* a, b, d, c: the arrows a→b and c→d are two sides, a–c and b–d the
   * other two. */
  cairo_move_to (cr, p[0]->x, p[0]->y);
  cairo_line_to (cr, p[1]->x, p[1]->y);
  cairo_line_to (cr, p[3]->x, p[3]->y);
  cairo_line_to (cr, p[2]->x, p[2]->y);
  cairo_close_path (cr);
  set_rgb (cr, &pal->role[WS_PLOT_ROLE_PREDICTED], 0.07 * alpha);
  cairo_fill (cr);

  cairo_move_to (cr, p[0]->x, p[0]->y);
  cairo_line_to (cr, p[2]->x, p[2]->y);
  cairo_move_to (cr, p[1]->x, p[1]->y);
  cairo_line_to (cr, p[3]->x, p[3]->y);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_set_line_width (cr, 1.75 * s);
  set_rgb (cr, &pal->fg, 0.45 * alpha);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_label (cairo_t                 *cr,
            WsPlotLayout            *layout,
            const Palette           *pal,
            guint                    i)
{
  const WsPlotPointLayout *pl = ws_plot_layout_get_point (layout, i);
  const WsPlotPoint *p = ws_plot_scene_get_point (layout->scene, i);
  PangoLayout *text = g_ptr_array_index (layout->label_texts, i);
  double s = layout->text_scale;
  double a = p->opacity;
  const cairo_rectangle_t *r = &pl->label;

  if (text == NULL || !pl->visible)
    return;

  cairo_save (cr);
  rounded_rect (cr, r->x, r->y, r->width, r->height, 4.0 * s);
  if (p->role == WS_PLOT_ROLE_ANSWER)
    set_rgb (cr, &pal->role[WS_PLOT_ROLE_ANSWER], a);
  else
    set_rgb (cr, &pal->view, 0.82 * a);
  cairo_fill_preserve (cr);
  if (p->flags & (WS_PLOT_POINT_SELECTED | WS_PLOT_POINT_HOVERED))
    {
      set_rgb (cr, &pal->fg, (p->flags & WS_PLOT_POINT_SELECTED ? 0.9 : 0.5) * a);
      cairo_set_line_width (cr, 1.5 * s);
      cairo_stroke (cr);
    }
  else if (p->flags & WS_PLOT_POINT_MISMATCH)
    {
      set_rgb (cr, &pal->mismatch, a);
      cairo_set_line_width (cr, 2.0 * s);
      cairo_stroke (cr);
    }
  else
    cairo_new_path (cr);

  if (p->role == WS_PLOT_ROLE_ANSWER)
    set_rgb (cr, &pal->answer_text, a);
  else if (p->role == WS_PLOT_ROLE_NEIGHBOR)
    set_rgb (cr, &pal->fg, 0.72 * a);
  else
    set_rgb (cr, &pal->fg, a);
  cairo_move_to (cr, r->x + WS_PLOT_LABEL_PAD_X * s, r->y + WS_PLOT_LABEL_PAD_Y * s);
  pango_cairo_show_layout (cr, text);
  cairo_restore (cr);
}

static void
draw_hover_card (cairo_t       *cr,
                 WsPlotLayout  *layout,
                 const Palette *pal,
                 guint          i)
{
  const WsPlotPointLayout *pl = ws_plot_layout_get_point (layout, i);
  const WsPlotPoint *p = ws_plot_scene_get_point (layout->scene, i);
  double s = layout->text_scale;
  g_autoptr(PangoLayout) text = pango_layout_new (layout->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (WS_PLOT_FONT_FAMILY);
  g_autofree char *escaped = g_markup_escape_text (p->word, -1);
  g_autofree char *markup = NULL;
  PangoRectangle logical;
  double pad = 8.0 * s, w, h, x, y;

  if (!pl->visible)
    return;
  if (p->role == WS_PLOT_ROLE_PREDICTED)
    /* Translators: the hover card of the point the query computes. */
    markup = g_strdup_printf (_("<b>%s</b>\nthe query’s vector"), escaped);
  else if (p->has_score)
    /* Translators: the word, then its cosine similarity to the query. */
    markup = g_strdup_printf (_("<b>%s</b>\ncosine %.4f"), escaped, p->score);
  else
    markup = g_strdup_printf ("<b>%s</b>", escaped);
  pango_font_description_set_absolute_size (font, WS_PLOT_LABEL_PX * s * PANGO_SCALE);
  pango_layout_set_font_description (text, font);
  pango_layout_set_markup (text, markup, -1);
  pango_layout_get_extents (text, NULL, &logical);
  w = (double) logical.width / PANGO_SCALE + 2 * pad;
  h = (double) logical.height / PANGO_SCALE + 2 * pad;

  /* Above and to the right of the point, kept on the canvas. */
  x = CLAMP (pl->x + pl->radius + 6.0 * s, 2.0, MAX (layout->width - w - 2.0, 2.0));
  y = pl->y - pl->radius - 6.0 * s - h;
  if (y < 2.0)
    y = pl->y + pl->radius + 6.0 * s;
  y = CLAMP (y, 2.0, MAX (layout->height - h - 2.0, 2.0));

  cairo_save (cr);
  rounded_rect (cr, x, y, w, h, 6.0 * s);
  cairo_set_source_rgba (cr, 0.1, 0.1, 0.1, 0.92);
  cairo_fill_preserve (cr);
  set_rgb (cr, &pal->border, 0.6);
  cairo_set_line_width (cr, 1.0 * s);
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, x + pad, y + pad);
  pango_cairo_show_layout (cr, text);
  cairo_restore (cr);
}

/* A callout: a line from the anchor to the box's nearest edge, a small
 * dot on the anchor when it is a place, and the note in a card with a
 * border in the text colour, so it reads as the author's, not the map's. */
static void
draw_annotation (cairo_t       *cr,
                 WsPlotLayout  *layout,
                 const Palette *pal,
                 guint          i)
{
  const WsPlotAnnotationLayout *al = ws_plot_layout_get_annotation (layout, i);
  const WsPlotAnnotation *a = ws_plot_scene_get_annotation (layout->scene, i);
  PangoLayout *text = g_ptr_array_index (layout->annotation_texts, i);
  const cairo_rectangle_t *b = &al->box;
  double s = layout->text_scale;
  double ex, ey;

  if (!al->visible)
    return;

  cairo_save (cr);
  /* The line ends where it meets the box, aimed at the box's centre. */
  ex = CLAMP (al->anchor_x, b->x, b->x + b->width);
  ey = CLAMP (al->anchor_y, b->y, b->y + b->height);
  if (ex != al->anchor_x || ey != al->anchor_y)
    {
      cairo_move_to (cr, al->anchor_x, al->anchor_y);
      cairo_line_to (cr, b->x + b->width / 2, b->y + b->height / 2);
      set_rgb (cr, &pal->fg, 0.7);
      cairo_set_line_width (cr, 1.25 * s);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_stroke (cr);
    }
  if (a->word == NULL)
    {
      cairo_arc (cr, al->anchor_x, al->anchor_y, 2.5 * s, 0, 2 * G_PI);
      set_rgb (cr, &pal->fg, 0.85);
      cairo_fill (cr);
    }
  rounded_rect (cr, b->x, b->y, b->width, b->height, 5.0 * s);
  set_rgb (cr, &pal->view, 0.96);
  cairo_fill_preserve (cr);
  set_rgb (cr, &pal->fg, 0.7);
  cairo_set_line_width (cr, 1.0 * s);
  cairo_stroke (cr);
  set_rgb (cr, &pal->fg, 1.0);
  cairo_move_to (cr, b->x + WS_PLOT_NOTE_PAD * s, b->y + WS_PLOT_NOTE_PAD * s);
  pango_cairo_show_layout (cr, text);
  cairo_restore (cr);
}

static void
draw_texts (cairo_t       *cr,
            WsPlotLayout  *layout,
            const Palette *pal)
{
  double s = layout->text_scale;

  cairo_save (cr);
  if (layout->title != NULL)
    {
      set_rgb (cr, &pal->fg, 1.0);
      cairo_move_to (cr, layout->title_area.x, layout->title_area.y);
      pango_cairo_show_layout (cr, layout->title);
    }
  if (layout->subtitle != NULL)
    {
      set_rgb (cr, &pal->fg, 0.68);
      cairo_move_to (cr, layout->subtitle_area.x, layout->subtitle_area.y);
      pango_cairo_show_layout (cr, layout->subtitle);
    }
  if (layout->x_label != NULL)
    {
      set_rgb (cr, &pal->fg, 0.75);
      cairo_move_to (cr, layout->x_label_area.x, layout->x_label_area.y);
      pango_cairo_show_layout (cr, layout->x_label);
    }
  if (layout->y_label != NULL)
    {
      cairo_save (cr);
      set_rgb (cr, &pal->fg, 0.75);
      cairo_translate (cr, layout->y_label_area.x,
                       layout->y_label_area.y + layout->y_label_area.height);
      cairo_rotate (cr, -G_PI / 2);
      cairo_move_to (cr, 0, 0);
      pango_cairo_show_layout (cr, layout->y_label);
      cairo_restore (cr);
    }

  for (guint i = 0; i < layout->legend->len; i++)
    {
      const WsPlotLegendEntry *e = &g_array_index (layout->legend, WsPlotLegendEntry, i);
      double r = layout->legend_marker;
      double cy = layout->legend_area.y + e->y;
      double x = layout->legend_area.x + e->x;
      PangoRectangle logical;

      draw_marker (cr, pal, e->role, x + 1.7 * r, cy, r, s * 0.8, 1.0);
      pango_layout_get_extents (e->text, NULL, &logical);
      set_rgb (cr, &pal->fg, 0.8);
      cairo_move_to (cr, x + 3.4 * r + 4.0 * s, cy - (double) logical.height / PANGO_SCALE / 2);
      pango_cairo_show_layout (cr, e->text);
    }
  cairo_restore (cr);
}

void
ws_plot_render_layout (cairo_t      *cr,
                       WsPlotLayout *layout)
{
  WsPlotScene *scene;
  const Palette *pal;
  const cairo_rectangle_t *pa;
  double s;
  guint n, corners[4];
  gboolean analogy;
  static const WsPlotRole paint_order[] = {
    WS_PLOT_ROLE_NEIGHBOR, WS_PLOT_ROLE_RESULT, WS_PLOT_ROLE_QUERY_NEGATIVE,
    WS_PLOT_ROLE_QUERY_POSITIVE, WS_PLOT_ROLE_ANSWER, WS_PLOT_ROLE_PREDICTED,
  };

  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);

  scene = layout->scene;
  pal = palette_of (ws_plot_scene_get_theme (scene));
  pa = &layout->plot_area;
  s = layout->text_scale;
  n = ws_plot_scene_get_n_points (scene);
  analogy = ws_plot_scene_get_analogy (scene, corners);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, layout->width, layout->height);
  cairo_clip (cr);
  if (!ws_plot_scene_get_transparent (scene))
    {
      set_rgb (cr, &pal->window, 1.0);
      cairo_paint (cr);
    }

  rounded_rect (cr, pa->x, pa->y, pa->width, pa->height, 8.0 * s);
  set_rgb (cr, &pal->view, 1.0);
  cairo_fill_preserve (cr);
  set_rgb (cr, &pal->border, 1.0);
  cairo_set_line_width (cr, 1.0 * s);
  cairo_stroke (cr);

  draw_grid (cr, layout, pal);
  draw_texts (cr, layout, pal);

  cairo_save (cr);
  cairo_rectangle (cr, pa->x, pa->y, pa->width, pa->height);
  cairo_clip (cr);

  if (analogy)
    draw_parallelogram (cr, layout, pal);

  for (guint i = 0; i < layout->arrows->len; i++)
    {
      const WsPlotArrow *a = ws_plot_scene_get_arrow (scene, i);
      const WsPlotPoint *to = ws_plot_scene_get_point (scene, a->to);
      const WsPlotPoint *from = ws_plot_scene_get_point (scene, a->from);
      const Rgb *c = to->role == WS_PLOT_ROLE_PREDICTED ? &pal->role[WS_PLOT_ROLE_PREDICTED] : &pal->fg;

      draw_arrow (cr, &g_array_index (layout->arrows, WsPlotArrowLayout, i), c,
                  0.8 * MIN (to->opacity, from->opacity), s);
    }

  /* Leader lines under the markers and labels they join. */
  cairo_save (cr);
  cairo_set_line_width (cr, 1.25 * s);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint i = 0; i < n; i++)
    {
      const WsPlotPointLayout *pl = ws_plot_layout_get_point (layout, i);

      if (!pl->visible || !pl->displaced)
        continue;
      set_rgb (cr, &pal->fg, 0.5 * ws_plot_scene_get_point (scene, i)->opacity);
      cairo_move_to (cr, pl->leader_x1, pl->leader_y1);
      cairo_line_to (cr, pl->leader_x2, pl->leader_y2);
      cairo_stroke (cr);
    }
  cairo_restore (cr);

  /* Markers, the least important first so the answer is drawn on top, and
   * the hollow computed point over it. */
  for (gsize r = 0; r < G_N_ELEMENTS (paint_order); r++)
    for (guint i = 0; i < n; i++)
      {
        const WsPlotPoint *p = ws_plot_scene_get_point (scene, i);
        const WsPlotPointLayout *pl = ws_plot_layout_get_point (layout, i);

        if (p->role != paint_order[r] || !pl->visible)
          continue;
        if (p->flags & WS_PLOT_POINT_MISMATCH)
          {
            /* A dashed ring: found at a glance, and not a colour alone. */
            double dash = 3.0 * s;

            cairo_save (cr);
            cairo_new_path (cr);
            cairo_arc (cr, pl->x, pl->y, pl->radius + 7.0 * s, 0, 2 * G_PI);
            set_rgb (cr, &pal->mismatch, p->opacity);
            cairo_set_line_width (cr, 2.5 * s);
            cairo_set_dash (cr, &dash, 1, 0);
            cairo_stroke (cr);
            cairo_restore (cr);
          }
        if (p->flags & (WS_PLOT_POINT_SELECTED | WS_PLOT_POINT_HOVERED))
          {
            cairo_save (cr);
            cairo_new_path (cr);
            cairo_arc (cr, pl->x, pl->y, pl->radius + 4.0 * s, 0, 2 * G_PI);
            set_rgb (cr, &pal->fg, (p->flags & WS_PLOT_POINT_SELECTED ? 0.85 : 0.45) * p->opacity);
            cairo_set_line_width (cr, 2.5 * s);
            cairo_stroke (cr);
            cairo_restore (cr);
          }
        if (p->flags & WS_PLOT_POINT_HIGHLIGHTED)
          {
            /* The role's colour, so the highlight keeps the legend's meaning. */
            cairo_save (cr);
            cairo_new_path (cr);
            cairo_arc (cr, pl->x, pl->y, pl->radius + 7.0 * s, 0, 2 * G_PI);
            set_rgb (cr, &pal->role[p->role], p->opacity);
            cairo_set_line_width (cr, 3.0 * s);
            cairo_stroke (cr);
            cairo_restore (cr);
          }
        draw_marker (cr, pal, p->role, pl->x, pl->y, pl->radius, s, p->opacity);
      }

  for (guint i = 0; i < n; i++)
    draw_label (cr, layout, pal, i);
  cairo_restore (cr);

  /* Callouts may reach past the plot area into the margins. */
  for (guint i = 0; i < layout->annotations->len; i++)
    draw_annotation (cr, layout, pal, i);

  for (guint i = 0; i < n; i++)
    if (ws_plot_scene_get_point (scene, i)->flags & WS_PLOT_POINT_HOVERED)
      draw_hover_card (cr, layout, pal, i);

  cairo_restore (cr);
}

void
ws_plot_render (cairo_t     *cr,
                WsPlotScene *scene,
                double       width,
                double       height)
{
  g_autoptr(WsPlotLayout) layout = NULL;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (scene != NULL);

  layout = ws_plot_layout_compute (scene, width, height);
  ws_plot_render_layout (cr, layout);
}

char *
ws_plot_format_cosine (double cosine)
{
  /* The same format as the hover card's "cosine %.4f". */
  return g_strdup_printf ("%.4f", cosine);
}
