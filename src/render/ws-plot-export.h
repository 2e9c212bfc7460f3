/* ws-plot-export.h: the map to a PNG, SVG or PDF file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ws-plot-scene.h"

G_BEGIN_DECLS

#define WS_PLOT_ERROR (ws_plot_error_quark ())

typedef enum
{
  WS_PLOT_ERROR_FORMAT,  /* the file name's extension is not .png, .svg or .pdf */
  WS_PLOT_ERROR_SIZE,    /* a width, height or scale that can't be drawn */
  WS_PLOT_ERROR_DRAW,    /* cairo failed (out of memory…) */
  WS_PLOT_ERROR_WRITE,   /* the file can't be written */
  WS_PLOT_ERROR_NO_SCENE,  /* a figure carries no scene (ws-plot-metadata.h) */
  WS_PLOT_ERROR_MALFORMED, /* the scene a figure carries is damaged */
} WsPlotError;

typedef enum
{
  WS_PLOT_FORMAT_PNG,
  WS_PLOT_FORMAT_SVG,
  WS_PLOT_FORMAT_PDF,
} WsPlotFormat;

GQuark   ws_plot_error_quark        (void);

/* The format @path's extension names (case-insensitive). */
gboolean ws_plot_format_from_path   (const char    *path,
                                     WsPlotFormat  *format,
                                     GError       **error);

/* Draws @scene on a @width × @height canvas and returns the file's bytes.
 * A PNG has (@width × @scale) × (@height × @scale) pixels and looks the
 * same at any @scale (2 for a HiDPI screenshot); SVG and PDF pages are
 * @width × @height points and ignore @scale. */
GBytes  *ws_plot_export_to_bytes    (WsPlotScene   *scene,
                                     WsPlotFormat   format,
                                     double         width,
                                     double         height,
                                     double         scale,
                                     GError       **error);
/* The same, carrying @scene_text (the scene file's text, see
 * ws-plot-metadata.h) when it is not NULL. */
GBytes  *ws_plot_export_to_bytes_full (WsPlotScene   *scene,
                                       WsPlotFormat   format,
                                       double         width,
                                       double         height,
                                       double         scale,
                                       const char    *scene_text,
                                       GError       **error);
/* The same, written to @path (replaced atomically); the format comes from
 * the extension. */
gboolean ws_plot_export             (WsPlotScene   *scene,
                                     const char    *path,
                                     double         width,
                                     double         height,
                                     double         scale,
                                     GError       **error);
gboolean ws_plot_export_full        (WsPlotScene   *scene,
                                     const char    *path,
                                     double         width,
                                     double         height,
                                     double         scale,
                                     const char    *scene_text,
                                     GError       **error);

G_END_DECLS
