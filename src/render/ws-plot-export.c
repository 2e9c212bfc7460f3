/* ws-plot-export.c: the map to a PNG, SVG or PDF file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wordspace-render"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ws-plot-export.h"
#include "ws-plot-metadata.h"
#include "ws-plot-render.h"

/* cairo's image surfaces stop at 32767 pixels a side. */
#define MAX_PIXELS 32767.0

G_DEFINE_QUARK (ws-plot-error-quark, ws_plot_error)

gboolean
ws_plot_format_from_path (const char    *path,
                          WsPlotFormat  *format,
                          GError       **error)
{
  const char *dot;
  g_autofree char *ext = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  dot = strrchr (path, '.');
  if (dot != NULL && strchr (dot, G_DIR_SEPARATOR) == NULL)
    ext = g_ascii_strdown (dot + 1, -1);
  if (g_strcmp0 (ext, "png") == 0)
    *format = WS_PLOT_FORMAT_PNG;
  else if (g_strcmp0 (ext, "svg") == 0)
    *format = WS_PLOT_FORMAT_SVG;
  else if (g_strcmp0 (ext, "pdf") == 0)
    *format = WS_PLOT_FORMAT_PDF;
  else
    {
      g_set_error (error, WS_PLOT_ERROR, WS_PLOT_ERROR_FORMAT,
                   _("Can’t tell which image format to write for “%s”: "
                     "the name should end in .png, .svg or .pdf"), path);
      return FALSE;
    }
  return TRUE;
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
ws_plot_export_to_bytes (WsPlotScene   *scene,
                         WsPlotFormat   format,
                         double         width,
                         double         height,
                         double         scale,
                         GError       **error)
{
  return ws_plot_export_to_bytes_full (scene, format, width, height, scale, NULL, error);
}

GBytes *
ws_plot_export_to_bytes_full (WsPlotScene   *scene,
                              WsPlotFormat   format,
                              double         width,
                              double         height,
                              double         scale,
                              const char    *scene_text,
                              GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GByteArray) out = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (scene != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(isfinite (width) && isfinite (height) && width >= 1 && height >= 1 &&
        width <= MAX_PIXELS && height <= MAX_PIXELS))
    {
      g_set_error (error, WS_PLOT_ERROR, WS_PLOT_ERROR_SIZE,
                   _("Can’t draw a plot of %g × %g: width and height should be "
                     "between 1 and %.0f"), width, height, MAX_PIXELS);
      return NULL;
    }
  if (!(isfinite (scale) && scale > 0 && scale <= 16))
    {
      g_set_error (error, WS_PLOT_ERROR, WS_PLOT_ERROR_SIZE,
                   _("Can’t draw a plot at scale %g: the scale should be more "
                     "than 0 and at most 16"), scale);
      return NULL;
    }
  if (format == WS_PLOT_FORMAT_PNG &&
      (ceil (width * scale) > MAX_PIXELS || ceil (height * scale) > MAX_PIXELS))
    {
      g_set_error (error, WS_PLOT_ERROR, WS_PLOT_ERROR_SIZE,
                   _("Can’t draw a PNG of %.0f × %.0f pixels (%g × %g at scale %g): "
                     "each side should be at most %.0f pixels"),
                   ceil (width * scale), ceil (height * scale), width, height, scale,
                   MAX_PIXELS);
      return NULL;
    }

  out = g_byte_array_new ();
  switch (format)
    {
    case WS_PLOT_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (append_bytes, out, width, height);
      cairo_svg_surface_restrict_to_version (surface, CAIRO_SVG_VERSION_1_1);
      scale = 1.0;
      break;
    case WS_PLOT_FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (append_bytes, out, width, height);
      if (scene_text != NULL)
        {
          g_autofree char *keywords = ws_plot_metadata_pdf_keywords (scene_text);

          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, keywords);
        }
      scale = 1.0;
      break;
    case WS_PLOT_FORMAT_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                            (int) ceil (width * scale),
                                            (int) ceil (height * scale));
      break;
    }

  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  ws_plot_render (cr, scene, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS && format == WS_PLOT_FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, append_bytes, out);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, WS_PLOT_ERROR, WS_PLOT_ERROR_DRAW,
                   _("Can’t draw the plot (%g × %g): %s"), width, height,
                   cairo_status_to_string (status));
      return NULL;
    }
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&out));
  /* Added last, so that nothing rewrites the scene's text. */
  if (scene_text != NULL && format != WS_PLOT_FORMAT_PDF)
    return ws_plot_metadata_embed (bytes, format, scene_text, error);
  return g_steal_pointer (&bytes);
}

gboolean
ws_plot_export (WsPlotScene  *scene,
                const char   *path,
                double        width,
                double        height,
                double        scale,
                GError      **error)
{
  return ws_plot_export_full (scene, path, width, height, scale, NULL, error);
}

gboolean
ws_plot_export_full (WsPlotScene  *scene,
                     const char   *path,
                     double        width,
                     double        height,
                     double        scale,
                     const char   *scene_text,
                     GError      **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;
  WsPlotFormat format;

  g_return_val_if_fail (scene != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ws_plot_format_from_path (path, &format, error))
    return FALSE;
  if ((bytes = ws_plot_export_to_bytes_full (scene, format, width, height, scale, scene_text,
                                             error)) == NULL)
    return FALSE;
  if (!g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &local))
    {
      /* GLib's message already names the file and the reason. */
      g_set_error (error, WS_PLOT_ERROR, WS_PLOT_ERROR_WRITE,
                   _("Can’t save the plot: %s"), local->message);
      return FALSE;
    }
  return TRUE;
}
