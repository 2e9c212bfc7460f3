/* ws-plot-render.h: draws a scene with cairo and pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One GTK-free function draws the map: the widget calls it from snapshot
 * through gtk_snapshot_append_cairo, the exporter on PNG, SVG and PDF
 * surfaces, so the picture is the same on screen and in a file.
 */
#pragma once

#include <cairo.h>

#include "ws-plot-layout.h"
#include "ws-plot-scene.h"

G_BEGIN_DECLS

/* Draws @scene filling (0, 0)–(@width, @height) of @cr's user space. */
void ws_plot_render        (cairo_t      *cr,
                            WsPlotScene  *scene,
                            double        width,
                            double        height);
/* Draws a layout computed before (the widget keeps it for hit-testing). */
void ws_plot_render_layout (cairo_t      *cr,
                            WsPlotLayout *layout);

/* A cosine as the map's hover card, and the window beside it, show it: four
 * decimals with the locale's decimal separator ("0,6843" in German), as the
 * axes' percentages are written. (The CLI prints "0.6843" for scripts.) */
char *ws_plot_format_cosine (double cosine);

G_END_DECLS
