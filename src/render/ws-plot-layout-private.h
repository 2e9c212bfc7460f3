/* ws-plot-layout-private.h: what the renderer needs of a layout beyond the
 * public geometry: the measured text, the fonts and sizes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "ws-plot-layout.h"

G_BEGIN_DECLS

/* Sizes in device units at text scale 1, chosen to read from the back of a
 * lecture hall on a 1280 × 800 projection. */
#define WS_PLOT_LABEL_PX      16.0
#define WS_PLOT_NEIGHBOR_PX   14.0
#define WS_PLOT_TITLE_PX      24.0
#define WS_PLOT_SUBTITLE_PX   15.0
#define WS_PLOT_AXIS_PX       15.0
#define WS_PLOT_LEGEND_PX     14.0
#define WS_PLOT_MARGIN        16.0
#define WS_PLOT_LABEL_PAD_X    4.0
#define WS_PLOT_LABEL_PAD_Y    1.5
#define WS_PLOT_NOTE_PX       14.0
#define WS_PLOT_NOTE_PAD       6.0
#define WS_PLOT_FONT_FAMILY   "Cantarell, DejaVu Sans, Sans"

typedef struct
{
  double       x;     /* where the entry starts, relative to the legend area */
  double       y;     /* the centre line of its row, relative too */
  WsPlotRole   role;
  PangoLayout *text;
} WsPlotLegendEntry;

struct _WsPlotLayout
{
  gatomicrefcount     ref_count;

  WsPlotScene        *scene;
  double              width;
  double              height;
  double              text_scale;

  PangoContext       *context;

  cairo_rectangle_t   plot_area;
  cairo_rectangle_t   title_area;
  cairo_rectangle_t   subtitle_area;
  cairo_rectangle_t   legend_area;
  cairo_rectangle_t   x_label_area;
  cairo_rectangle_t   y_label_area;   /* the rotated text's box on the canvas */

  PangoLayout        *title;
  PangoLayout        *subtitle;
  PangoLayout        *x_label;
  PangoLayout        *y_label;
  GArray             *legend;          /* WsPlotLegendEntry */
  double              legend_marker;   /* marker radius in the legend */

  /* data → device: x = cx + k (data_x - dx) + pan_x, y = cy - k (data_y - dy) + pan_y */
  double              k;
  double              cx;
  double              cy;
  double              dx;
  double              dy;
  double              pan_x;
  double              pan_y;

  GArray             *points;          /* WsPlotPointLayout */
  GPtrArray          *label_texts;     /* PangoLayout per point, NULL when hidden */
  GArray             *arrows;          /* WsPlotArrowLayout */
  GArray             *annotations;     /* WsPlotAnnotationLayout */
  GPtrArray          *annotation_texts; /* PangoLayout per annotation */
  GArray             *sides;           /* int per point: which spot next to it
                                        * its label took; -1 when pushed away */
};

/* The layout this one replaced (every label drawn, searched for over the
 * whole plot): kept only so the layout benchmark can compare the two on
 * the same points. Much slower above a few hundred points. */
WsPlotLayout *ws_plot_layout_compute_legacy (WsPlotScene *scene,
                                             double       width,
                                             double       height);

/* The marker radius of @role at text scale @scale. */
double ws_plot_marker_radius (WsPlotRole role,
                              double     scale);

G_END_DECLS
