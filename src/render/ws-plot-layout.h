/* ws-plot-layout.h: where everything of a scene lands on a canvas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layout is computed once per scene and canvas size; the renderer draws
 * exactly it, and the widget hit-tests with it, so what is tested is what
 * is seen. All coordinates are device units (pixels at scale 1), origin top
 * left, y down.
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "ws-plot-scene.h"

G_BEGIN_DECLS

typedef struct
{
  double             x;          /* the point's centre */
  double             y;
  double             radius;     /* the marker's radius: the hit area */
  gboolean           visible;    /* inside the plot area (zoom can push it out) */
  /* The label's box (text plus its padding); empty when not visible. */
  cairo_rectangle_t  label;
  /* TRUE when the label sits away from the point and a leader line joins
   * them, from (leader_x1, leader_y1) at the marker's edge to
   * (leader_x2, leader_y2) on the label's border. */
  gboolean           displaced;
  double             leader_x1;
  double             leader_y1;
  double             leader_x2;
  double             leader_y2;
  /* TRUE when the point is visible but its label found no clear spot near
   * it and is not drawn (label is then empty): it shows when zooming in
   * spreads the points, or on hover. Query words, the computed point, the
   * best result and the ten best results are never deferred. */
  gboolean           deferred;
} WsPlotPointLayout;

typedef struct
{
  gboolean visible;  /* drawn: both ends shown and not on top of each other;
                      * zoom may put an end outside the plot area, where the
                      * line is clipped */
  double   x1;    /* the start, on the edge of the first point's marker */
  double   y1;
  double   x2;    /* the arrowhead's tip, on the edge of the second's */
  double   y2;
} WsPlotArrowLayout;

/* Where an annotation's callout lands. */
typedef struct
{
  gboolean           visible;   /* its word is on the map (or it is at a place)
                                 * and the anchor is inside the plot area */
  double             anchor_x;  /* the point's centre, or the place */
  double             anchor_y;
  cairo_rectangle_t  box;       /* the text plus its padding */
} WsPlotAnnotationLayout;

typedef struct _WsPlotLayout WsPlotLayout;

#define WS_TYPE_PLOT_LAYOUT (ws_plot_layout_get_type ())

GType                    ws_plot_layout_get_type      (void) G_GNUC_CONST;

/* Measures the texts with pango (metrics unhinted, so they are the same on
 * every surface) and places the visible points' labels, the most important
 * first (see WsPlotPointLayout.deferred), so that no two labels overlap and
 * all stay inside the plot area. A label sits next to its point, clear of
 * every marker; one that finds no such spot is deferred, except the
 * protected ones, which move away with a short leader line that crosses
 * no label, and may cover lesser points' markers when the map is too dense
 * for anything else. Deterministic; the cost grows with the number of
 * points about as n log n.
 *
 * Limits: when even the protected labels can't fit (a huge text scale on a
 * small canvas), the last of them takes the spot that overlaps least. */
WsPlotLayout            *ws_plot_layout_compute       (WsPlotScene *scene,
                                                       double       width,
                                                       double       height);
/* The same, for a frame of an animation: a label whose word was labelled
 * in @previous keeps the side of its point it had there, when that spot is
 * still free, so labels don't flip from side to side while points glide.
 * @previous may be NULL. */
WsPlotLayout            *ws_plot_layout_compute_following (WsPlotScene  *scene,
                                                           double        width,
                                                           double        height,
                                                           WsPlotLayout *previous);
WsPlotLayout            *ws_plot_layout_ref           (WsPlotLayout *self);
void                     ws_plot_layout_unref         (WsPlotLayout *self);

WsPlotScene             *ws_plot_layout_get_scene     (WsPlotLayout *self);
double                   ws_plot_layout_get_width     (WsPlotLayout *self);
double                   ws_plot_layout_get_height    (WsPlotLayout *self);
/* The area points and labels live in (inside the margins, below the title,
 * beside the axis names). */
cairo_rectangle_t        ws_plot_layout_get_plot_area (WsPlotLayout *self);
/* The boxes of the title, subtitle, axis names and legend (empty when not
 * shown), for tests that check nothing runs into them. */
cairo_rectangle_t        ws_plot_layout_get_title_area   (WsPlotLayout *self);
cairo_rectangle_t        ws_plot_layout_get_legend_area  (WsPlotLayout *self);
cairo_rectangle_t        ws_plot_layout_get_x_label_area (WsPlotLayout *self);
cairo_rectangle_t        ws_plot_layout_get_y_label_area (WsPlotLayout *self);

guint                    ws_plot_layout_get_n_points  (WsPlotLayout *self);
const WsPlotPointLayout *ws_plot_layout_get_point     (WsPlotLayout *self,
                                                       guint         index);
guint                    ws_plot_layout_get_n_arrows  (WsPlotLayout *self);
const WsPlotArrowLayout *ws_plot_layout_get_arrow     (WsPlotLayout *self,
                                                       guint         index);

guint                    ws_plot_layout_get_n_annotations (WsPlotLayout *self);
const WsPlotAnnotationLayout *ws_plot_layout_get_annotation (WsPlotLayout *self,
                                                            guint         index);
/* The topmost visible annotation whose box is under (@x, @y), or -1: for
 * the window to pick a callout to edit or drag. */
int                      ws_plot_layout_hit_test_annotation (WsPlotLayout *self,
                                                             double        x,
                                                             double        y);

/* The point whose marker or label is under (@x, @y), the nearest marker
 * first; -1 when none. */
int                      ws_plot_layout_hit_test      (WsPlotLayout *self,
                                                       double        x,
                                                       double        y);

/* Converts between data and device coordinates with the scene's view as it
 * was when the layout was computed (for zooming about the pointer). */
void                     ws_plot_layout_data_to_device (WsPlotLayout *self,
                                                        double        data_x,
                                                        double        data_y,
                                                        double       *x,
                                                        double       *y);
void                     ws_plot_layout_device_to_data (WsPlotLayout *self,
                                                        double        x,
                                                        double        y,
                                                        double       *data_x,
                                                        double       *data_y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WsPlotLayout, ws_plot_layout_unref)

G_END_DECLS
