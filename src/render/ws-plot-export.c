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

/* A PDF's date when SOURCE_DATE_EPOCH is not set: a fixed one, so that the
 * same scene gives the same bytes (the Unix epoch, as SOURCE_DATE_EPOCH=0). */
#define FIXED_PDF_EPOCH 0

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

/* The date a PDF carries: SOURCE_DATE_EPOCH (seconds since 1970, the
 * reproducible-builds.org convention) when it is set to a usable number, a
 * fixed date otherwise; never the time of the export. */
static GDateTime *
pdf_date (void)
{
  const char *env = g_getenv ("SOURCE_DATE_EPOCH");
  GDateTime *date = NULL;
  guint64 seconds;

  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 0, G_MAXINT64, &seconds, NULL))
    date = g_date_time_new_from_unix_utc ((gint64) seconds);
  if (date == NULL)
    date = g_date_time_new_from_unix_utc (FIXED_PDF_EPOCH);
  return date;
}

/* cairo 1.16 writes a metadata date without the "D:" a PDF date begins with
 * (fixed in cairo 1.17.2), and readers such as pdf.js then ignore it. Given
 * "…+00:00" it writes "(YYYYMMDDHHmmSS+00'00)" (one apostrophe or two, by
 * version); that is rewritten in place as "(D:YYYYMMDDHHmmSSZ)" and spaces,
 * which fits, so no byte offset in the file moves. A date that already
 * starts with "D:" is left alone. */
static void
fix_pdf_dates (GByteArray *pdf,
               GDateTime  *date)
{
  static const char *const keys[] = { "/CreationDate (", "/ModDate (" };
  g_autofree char *digits = g_date_time_format (date, "%Y%m%d%H%M%S");
  g_autofree char *wanted = g_strdup_printf ("D:%sZ", digits);

  for (gsize k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      gsize key_len = strlen (keys[k]);

      for (gsize i = 0; i + key_len < pdf->len; i++)
        {
          guint8 *text = pdf->data + i + key_len;
          guint8 *close;
          gsize limit = MIN (pdf->len - i - key_len, 32);

          if (memcmp (pdf->data + i, keys[k], key_len) != 0)
            continue;
          close = memchr (text, ')', limit);
          if (close != NULL && (gsize) (close - text) >= strlen (wanted) &&
              memcmp (text, digits, strlen (digits)) == 0)
            {
              memset (text, ' ', close + 1 - text);
              memcpy (text, wanted, strlen (wanted));
              text[strlen (wanted)] = ')';
            }
          break;
        }
    }
}

static gboolean
is_id_prefix_at (const guint8 *p,
                 const guint8 *end,
                 const char   *prefix)
{
  gsize n = strlen (prefix);

  return (gsize) (end - p) > n && memcmp (p, prefix, n) == 0 && g_ascii_isdigit (p[n]);
}

/* cairo names an SVG's groups and images after the surfaces they came from
 * ("surface45", "image12"), which a process-wide counter numbers: a second
 * export of the same scene would get other numbers. Numbers them again in
 * order of appearance, in definitions (id="…") and references (#…) alike.
 * The other ids cairo writes (glyphN-M, clipN…) count within the document. */
static GByteArray *
renumber_svg_ids (GByteArray *svg)
{
  static const char *const prefixes[] = { "surface", "image" };
  GByteArray *out = g_byte_array_sized_new (svg->len);
  g_autoptr(GHashTable) numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const guint8 *p = svg->data;
  const guint8 *end = svg->data + svg->len;

  while (p < end)
    {
      const guint8 *mark = NULL;
      gsize skip = 0;

      if (*p == '#')
        mark = p + 1;
      else if (end - p > 4 && memcmp (p, "id=\"", 4) == 0)
        mark = p + 4;
      if (mark != NULL)
        {
          for (gsize k = 0; k < G_N_ELEMENTS (prefixes); k++)
            if (is_id_prefix_at (mark, end, prefixes[k]))
              {
                const guint8 *digits = mark + strlen (prefixes[k]);
                const guint8 *q = digits;
                g_autofree char *key = NULL;
                g_autofree char *renamed = NULL;
                gpointer number;

                while (q < end && g_ascii_isdigit (*q))
                  q++;
                key = g_strndup ((const char *) mark, q - mark);
                if (!g_hash_table_lookup_extended (numbers, key, NULL, &number))
                  {
                    number = GUINT_TO_POINTER (g_hash_table_size (numbers) + 1);
                    g_hash_table_insert (numbers, g_strdup (key), number);
                  }
                renamed = g_strdup_printf ("%s%u", prefixes[k], GPOINTER_TO_UINT (number));
                g_byte_array_append (out, p, mark - p);
                g_byte_array_append (out, (const guint8 *) renamed, strlen (renamed));
                skip = q - p;
                break;
              }
        }
      if (skip == 0)
        {
          g_byte_array_append (out, p, 1);
          skip = 1;
        }
      p += skip;
    }
  g_byte_array_unref (svg);
  return out;
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
  g_autoptr(GDateTime) date = NULL;
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
      {
        g_autofree char *iso = NULL;

        date = pdf_date ();
        iso = g_date_time_format (date, "%Y-%m-%dT%H:%M:%S+00:00");
        surface = cairo_pdf_surface_create_for_stream (append_bytes, out, width, height);
        /* cairo would write the time of the export. */
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, iso);
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, iso);
        if (scene_text != NULL)
          {
            g_autofree char *keywords = ws_plot_metadata_pdf_keywords (scene_text);

            cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, keywords);
          }
        scale = 1.0;
      }
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
  if (format == WS_PLOT_FORMAT_SVG)
    out = renumber_svg_ids (g_steal_pointer (&out));
  if (format == WS_PLOT_FORMAT_PDF)
    fix_pdf_dates (out, date);
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&out));
  /* Added last, so that nothing rewrites the scene's text (the SVG's ids
   * are renumbered above). */
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
