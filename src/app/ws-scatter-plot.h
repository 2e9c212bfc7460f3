/* ws-scatter-plot.h: the map of a query's words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ws-plot-layout.h"
#include "ws-session.h"

G_BEGIN_DECLS

#define WS_TYPE_SCATTER_PLOT (ws_scatter_plot_get_type ())
G_DECLARE_FINAL_TYPE (WsScatterPlot, ws_scatter_plot, WS, SCATTER_PLOT, GtkWidget)

GtkWidget  *ws_scatter_plot_new            (void);
WsSession  *ws_scatter_plot_get_session    (WsScatterPlot *self);
void        ws_scatter_plot_set_session    (WsScatterPlot *self,
                                            WsSession     *session);
/* The word drawn highlighted (the selected result), or NULL. */
const char *ws_scatter_plot_get_highlight  (WsScatterPlot *self);
void        ws_scatter_plot_set_highlight  (WsScatterPlot *self,
                                            const char    *word);
/* Label size relative to normal (Ctrl+plus / Ctrl+minus). */
double      ws_scatter_plot_get_text_scale (WsScatterPlot *self);
void        ws_scatter_plot_set_text_scale (WsScatterPlot *self,
                                            double         scale);
gboolean    ws_scatter_plot_get_dark       (WsScatterPlot *self);
/* The light or dark theme's high-contrast variant, for projectors. */
gboolean    ws_scatter_plot_get_high_contrast (WsScatterPlot *self);
void        ws_scatter_plot_set_high_contrast (WsScatterPlot *self,
                                               gboolean       high_contrast);
void        ws_scatter_plot_set_dark       (WsScatterPlot *self,
                                            gboolean       dark);
/* Undoes zoom and pan. */
void        ws_scatter_plot_reset_view     (WsScatterPlot *self);
/* Zooms by @factor around (@x, @y) in widget coordinates. */
void        ws_scatter_plot_zoom           (WsScatterPlot *self,
                                            double         factor,
                                            double         x,
                                            double         y);
double      ws_scatter_plot_get_zoom       (WsScatterPlot *self);
/* TRUE while points glide to their new places. */
gboolean    ws_scatter_plot_get_animating  (WsScatterPlot *self);
/* Ends the glide at once (tests, export). */
void        ws_scatter_plot_finish_animation (WsScatterPlot *self);

/* Where @word's point is drawn, in widget coordinates, once the glide ends;
 * FALSE when the map does not show it. */
gboolean    ws_scatter_plot_get_point      (WsScatterPlot *self,
                                            const char    *word,
                                            double        *x,
                                            double        *y);
/* The word whose point or label is under (@x, @y), or NULL. */
const char *ws_scatter_plot_word_at        (WsScatterPlot *self,
                                            double         x,
                                            double         y);
/* How many labels overlap another label: 0 in a readable map. */
guint       ws_scatter_plot_count_overlaps (WsScatterPlot *self);

/* The picture as it is once the glide ends, without hover or selection:
 * what an export draws. NULL without a map. */
WsPlotScene *ws_scatter_plot_get_scene     (WsScatterPlot *self);
/* The view: zoom (1 fits all points) and pan in device units, as
 * ws_plot_scene_set_view takes them. */
void        ws_scatter_plot_get_view       (WsScatterPlot *self,
                                            double        *zoom,
                                            double        *pan_x,
                                            double        *pan_y);
void        ws_scatter_plot_set_view       (WsScatterPlot *self,
                                            double         zoom,
                                            double         pan_x,
                                            double         pan_y);
/* Draws no background around the plot area (ws_plot_scene_set_transparent). */
gboolean    ws_scatter_plot_get_transparent (WsScatterPlot *self);
void        ws_scatter_plot_set_transparent (WsScatterPlot *self,
                                             gboolean       transparent);
/* Moves the session's note @index to the offset (@dx, @dy) from its word,
 * in device units at text scale 1: what dragging it does. */
void        ws_scatter_plot_move_note      (WsScatterPlot *self,
                                            guint          index,
                                            double         dx,
                                            double         dy);

/* The layout of the picture on screen (for hit tests and checks). */
WsPlotLayout *ws_scatter_plot_get_layout   (WsScatterPlot *self);
/* Draws the map as on screen, at @width × @height, onto @cr. */
void        ws_scatter_plot_draw           (WsScatterPlot *self,
                                            cairo_t       *cr,
                                            int            width,
                                            int            height);
/* Writes the map to @file: PNG, SVG or PDF after the file's extension. */
gboolean    ws_scatter_plot_export         (WsScatterPlot *self,
                                            GFile         *file,
                                            int            width,
                                            int            height,
                                            GError       **error);

G_END_DECLS
