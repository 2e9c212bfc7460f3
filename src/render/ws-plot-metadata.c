/* ws-plot-metadata.c: a text carried inside an exported PNG, SVG or PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wordspace-render"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <zlib.h>

#include "ws-plot-metadata.h"

static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

#define SVG_OPEN  "<wordspace:scene xmlns:wordspace=\"urn:x-wordspace:scene\">"
#define SVG_CLOSE "</wordspace:scene>"
#define PDF_KEYS  "/Keywords (" WS_PLOT_METADATA_KEYWORD ":"

/* Not g_strstr_len: it stops at a NUL, which PDFs and PNGs hold. */
static const char *
find_bytes (const char *haystack,
            gsize       length,
            const char *needle)
{
  gsize n = strlen (needle);
  const char *last;

  if (n > length)
    return NULL;
  last = haystack + length - n;
  for (const char *p = haystack; p <= last; p++)
    {
      p = memchr (p, needle[0], last - p + 1);
      if (p == NULL)
        return NULL;
      if (memcmp (p, needle, n) == 0)
        return p;
    }
  return NULL;
}

gboolean
ws_plot_format_sniff (const guint8 *data,
                      gsize         length,
                      WsPlotFormat *format)
{
  gsize skip = 0;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (length >= 8 && memcmp (data, png_signature, 8) == 0)
    *format = WS_PLOT_FORMAT_PNG;
  else if (length >= 5 && memcmp (data, "%PDF-", 5) == 0)
    *format = WS_PLOT_FORMAT_PDF;
  else
    {
      /* A byte order mark and white space may come before "<?xml" or "<svg". */
      if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
        skip = 3;
      while (skip < length && g_ascii_isspace (data[skip]))
        skip++;
      if (length - skip >= 5 && (memcmp (data + skip, "<?xml", 5) == 0 ||
                                 memcmp (data + skip, "<svg", 4) == 0))
        *format = WS_PLOT_FORMAT_SVG;
      else
        return FALSE;
    }
  return TRUE;
}

static void
put_be32 (GByteArray *out,
          guint32     value)
{
  guint8 b[4] = { value >> 24, value >> 16 & 0xff, value >> 8 & 0xff, value & 0xff };

  g_byte_array_append (out, b, 4);
}

static guint32
get_be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static GBytes *
embed_png (GBytes     *file,
           const char *text,
           GError    **error)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (file, &length);
  g_autoptr(GByteArray) chunk = g_byte_array_new ();
  GByteArray *out;
  static const guint8 header[] = { 0, 0, 0, 0 }; /* no compression, method 0, no language, no translation */
  gsize text_length = strlen (text);
  uLong crc;

  /* cairo ends its PNG with an empty IEND chunk: the chunk goes before it. */
  if (length < 8 + 12 || memcmp (data, png_signature, 8) != 0 ||
      memcmp (data + length - 8, "IEND", 4) != 0 || get_be32 (data + length - 12) != 0)
    {
      g_set_error (error, WS_PLOT_ERROR, WS_PLOT_ERROR_DRAW,
                   _("Can’t add the scene to the PNG: it does not end in an IEND chunk"));
      return NULL;
    }
  if (text_length > G_MAXINT32 - sizeof WS_PLOT_METADATA_KEYWORD - sizeof header)
    {
      g_set_error (error, WS_PLOT_ERROR, WS_PLOT_ERROR_DRAW,
                   _("Can’t add the scene to the PNG: it is too long (%zu bytes)"), text_length);
      return NULL;
    }

  g_byte_array_append (chunk, (const guint8 *) "iTXt", 4);
  g_byte_array_append (chunk, (const guint8 *) WS_PLOT_METADATA_KEYWORD, sizeof WS_PLOT_METADATA_KEYWORD);
  g_byte_array_append (chunk, header, sizeof header - 1);
  g_byte_array_append (chunk, header, 1);
  g_byte_array_append (chunk, (const guint8 *) text, text_length);
  crc = crc32 (crc32 (0L, Z_NULL, 0), chunk->data, chunk->len);

  out = g_byte_array_sized_new (length + chunk->len + 8);
  g_byte_array_append (out, data, length - 12);
  put_be32 (out, chunk->len - 4);
  g_byte_array_append (out, chunk->data, chunk->len);
  put_be32 (out, (guint32) crc);
  g_byte_array_append (out, data + length - 12, 12);
  return g_byte_array_free_to_bytes (out);
}

static GBytes *
embed_svg (GBytes     *file,
           const char *text,
           GError    **error)
{
  gsize length;
  const char *data = g_bytes_get_data (file, &length);
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  const char *svg = find_bytes (data, length, "<svg");
  const char *end = svg != NULL ? memchr (svg, '>', length - (svg - data)) : NULL;
  GByteArray *out;

  if (end == NULL)
    {
      g_set_error (error, WS_PLOT_ERROR, WS_PLOT_ERROR_DRAW,
                   _("Can’t add the scene to the SVG: it has no <svg> element"));
      return NULL;
    }
  end++;
  out = g_byte_array_sized_new (length + strlen (escaped) + 64);
  g_byte_array_append (out, (const guint8 *) data, end - data);
  g_byte_array_append (out, (const guint8 *) "\n<metadata>" SVG_OPEN, strlen ("\n<metadata>" SVG_OPEN));
  g_byte_array_append (out, (const guint8 *) escaped, strlen (escaped));
  g_byte_array_append (out, (const guint8 *) SVG_CLOSE "</metadata>", strlen (SVG_CLOSE "</metadata>"));
  g_byte_array_append (out, (const guint8 *) end, length - (end - data));
  return g_byte_array_free_to_bytes (out);
}

GBytes *
ws_plot_metadata_embed (GBytes       *file,
                        WsPlotFormat  format,
                        const char   *text,
                        GError      **error)
{
  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (format != WS_PLOT_FORMAT_PDF, NULL);

  if (format == WS_PLOT_FORMAT_PNG)
    return embed_png (file, text, error);
  return embed_svg (file, text, error);
}

char *
ws_plot_metadata_pdf_keywords (const char *text)
{
  g_autofree char *encoded = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  encoded = g_base64_encode ((const guchar *) text, strlen (text));
  return g_strconcat (WS_PLOT_METADATA_KEYWORD ":", encoded, NULL);
}

static char *
checked_text (char        *text,
              gsize        length,
              const char  *name,
              gsize        offset,
              GError     **error)
{
  const char *bad;

  if (memchr (text, '\0', length) != NULL || !g_utf8_validate (text, length, &bad))
    {
      g_set_error (error, WS_PLOT_ERROR, WS_PLOT_ERROR_MALFORMED,
                   _("%s: the scene carried at byte %zu is not valid UTF-8 text"), name, offset);
      g_free (text);
      return NULL;
    }
  return text;
}

static char *
extract_png (const guint8  *data,
             gsize          length,
             const char    *name,
             GError       **error)
{
  gsize pos = 8;

  while (pos + 12 <= length)
    {
      guint32 size = get_be32 (data + pos);
      const guint8 *type = data + pos + 4;
      const guint8 *body = data + pos + 8;
      gsize key_length = sizeof WS_PLOT_METADATA_KEYWORD;   /* with its NUL */

      if (size > length - pos - 12)
        {
          g_set_error (error, WS_PLOT_ERROR, WS_PLOT_ERROR_MALFORMED,
                       _("%s: the PNG chunk at byte %zu says it holds %u bytes, "
                         "but the file ends before"), name, pos, size);
          return NULL;
        }
      if (memcmp (type, "iTXt", 4) == 0 && size >= key_length &&
          memcmp (body, WS_PLOT_METADATA_KEYWORD, key_length) == 0)
        {
          guint32 crc = (guint32) crc32 (crc32 (0L, Z_NULL, 0), type, size + 4);
          const guint8 *p = body + key_length, *end = body + size;

          if (crc != get_be32 (body + size))
            {
              g_set_error (error, WS_PLOT_ERROR, WS_PLOT_ERROR_MALFORMED,
                           _("%s: the PNG chunk holding the scene (at byte %zu) is damaged: "
                             "its CRC does not match"), name, pos);
              return NULL;
            }
          /* compression flag and method, then two NUL-terminated strings */
          if (end - p < 2 || p[0] != 0)
            {
              g_set_error (error, WS_PLOT_ERROR, WS_PLOT_ERROR_MALFORMED,
                           _("%s: the PNG chunk holding the scene (at byte %zu) is compressed "
                             "or cut short; Wordspace writes it uncompressed"), name, pos);
              return NULL;
            }
          p += 2;
          for (int k = 0; k < 2; k++)
            {
              const guint8 *nul = memchr (p, '\0', end - p);

              if (nul == NULL)
                {
                  g_set_error (error, WS_PLOT_ERROR, WS_PLOT_ERROR_MALFORMED,
                               _("%s: the PNG chunk holding the scene (at byte %zu) is cut short"),
                               name, pos);
                  return NULL;
                }
              p = nul + 1;
            }
          return checked_text (g_strndup ((const char *) p, end - p), end - p, name,
                               p - data, error);
        }
      if (memcmp (type, "IEND", 4) == 0)
        break;
      pos += (gsize) size + 12;
    }
  g_set_error (error, WS_PLOT_ERROR, WS_PLOT_ERROR_NO_SCENE,
               _("%s: this PNG carries no Wordspace scene (no “%s” text chunk): it was not "
                 "exported by Wordspace, or a tool removed its text chunks"),
               name, WS_PLOT_METADATA_KEYWORD);
  return NULL;
}

/* The entities g_markup_escape_text writes, and numeric ones. */
static char *
xml_unescape (const char  *text,
              gsize        length,
              const char  *name,
              gsize        offset,
              GError     **error)
{
  GString *out = g_string_sized_new (length);
  const char *p = text, *end = text + length;
  gsize n_out;

  while (p < end)
    {
      const char *semi;
      gsize n;

      if (*p != '&')
        {
          g_string_append_c (out, *p++);
          continue;
        }
      semi = memchr (p, ';', MIN ((gsize) (end - p), 12));
      n = semi != NULL ? (gsize) (semi - p) + 1 : 0;
      if (n == 5 && memcmp (p, "&amp;", 5) == 0)
        g_string_append_c (out, '&');
      else if (n == 4 && memcmp (p, "&lt;", 4) == 0)
        g_string_append_c (out, '<');
      else if (n == 4 && memcmp (p, "&gt;", 4) == 0)
        g_string_append_c (out, '>');
      else if (n == 6 && memcmp (p, "&quot;", 6) == 0)
        g_string_append_c (out, '"');
      else if (n == 6 && memcmp (p, "&apos;", 6) == 0)
        g_string_append_c (out, '\'');
      else if (n > 3 && p[1] == '#')
        {
          gboolean hex = p[2] == 'x' || p[2] == 'X';
          g_autofree char *digits = g_strndup (p + (hex ? 3 : 2), semi - p - (hex ? 3 : 2));
          guint64 c;

          if (!g_ascii_string_to_unsigned (digits, hex ? 16 : 10, 1, 0x10ffff, &c, NULL))
            n = 0;
          else
            g_string_append_unichar (out, (gunichar) c);
        }
      else
        n = 0;
      if (n == 0)
        {
          g_set_error (error, WS_PLOT_ERROR, WS_PLOT_ERROR_MALFORMED,
                       _("%s: the scene in the SVG’s metadata has a broken character "
                         "reference at byte %zu"), name, offset + (p - text));
          g_string_free (out, TRUE);
          return NULL;
        }
      p += n;
    }
  n_out = out->len;
  return checked_text (g_string_free (out, FALSE), n_out, name, offset, error);
}

static char *
extract_svg (const guint8  *data,
             gsize          length,
             const char    *name,
             GError       **error)
{
  const char *text = (const char *) data;
  const char *open = find_bytes (text, length, SVG_OPEN);
  const char *start, *close;

  if (open == NULL)
    {
      g_set_error (error, WS_PLOT_ERROR, WS_PLOT_ERROR_NO_SCENE,
                   _("%s: this SVG carries no Wordspace scene (no <wordspace:scene> in its "
                     "<metadata>): it was not exported by Wordspace, or an editor dropped it"),
                   name);
      return NULL;
    }
  start = open + strlen (SVG_OPEN);
  close = find_bytes (start, length - (start - text), SVG_CLOSE);
  if (close == NULL)
    {
      g_set_error (error, WS_PLOT_ERROR, WS_PLOT_ERROR_MALFORMED,
                   _("%s: the scene in the SVG’s metadata (at byte %zu) has no closing %s"),
                   name, (gsize) (open - text), SVG_CLOSE);
      return NULL;
    }
  return xml_unescape (start, close - start, name, start - text, error);
}

static gboolean
is_base64 (const char *p,
           gsize       n)
{
  if (n % 4 != 0)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!(g_ascii_isalnum (p[i]) || p[i] == '+' || p[i] == '/' || (p[i] == '=' && i >= n - 2)))
      return FALSE;
  return TRUE;
}

static char *
extract_pdf (const guint8  *data,
             gsize          length,
             const char    *name,
             GError       **error)
{
  const char *text = (const char *) data;
  const char *found = NULL, *p = text, *start, *close;
  g_autofree guchar *decoded = NULL;
  gsize n;

  /* The last one: a tool that updates a PDF appends a new information
   * dictionary after the old. */
  while ((p = find_bytes (p, length - (p - text), PDF_KEYS)) != NULL)
    found = p++;
  if (found == NULL)
    {
      g_set_error (error, WS_PLOT_ERROR, WS_PLOT_ERROR_NO_SCENE,
                   _("%s: this PDF carries no Wordspace scene (its Keywords do not start with "
                     "“%s:”): it was not exported by Wordspace, or a tool rewrote its metadata"),
                   name, WS_PLOT_METADATA_KEYWORD);
      return NULL;
    }
  start = found + strlen (PDF_KEYS);
  close = memchr (start, ')', length - (start - text));
  if (close == NULL || !is_base64 (start, close - start))
    {
      g_set_error (error, WS_PLOT_ERROR, WS_PLOT_ERROR_MALFORMED,
                   _("%s: the scene in the PDF’s Keywords (at byte %zu) is not base64 ending "
                     "in “)”"), name, (gsize) (start - text));
      return NULL;
    }
  {
    g_autofree char *encoded = g_strndup (start, close - start);

    decoded = g_base64_decode (encoded, &n);
  }
  decoded = g_realloc (decoded, n + 1);
  decoded[n] = '\0';
  return checked_text ((char *) g_steal_pointer (&decoded), n, name, start - text, error);
}

char *
ws_plot_metadata_extract (const guint8  *data,
                          gsize          length,
                          const char    *name,
                          GError       **error)
{
  WsPlotFormat format;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!ws_plot_format_sniff (data, length, &format))
    {
      g_set_error (error, WS_PLOT_ERROR, WS_PLOT_ERROR_FORMAT,
                   _("%s: not a PNG, SVG or PDF file"), name);
      return NULL;
    }
  switch (format)
    {
    case WS_PLOT_FORMAT_PNG: return extract_png (data, length, name, error);
    case WS_PLOT_FORMAT_SVG: return extract_svg (data, length, name, error);
    case WS_PLOT_FORMAT_PDF:
    default:
      return extract_pdf (data, length, name, error);
    }
}
