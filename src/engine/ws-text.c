/* ws-text.c: bytes read from files, as text and in messages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ws-text"

#include "config.h"

#include <string.h>

#include "ws-text.h"

gsize
ws_text_bom_length (const char *data,
                    gsize       len)
{
  if (len >= 3 && memcmp (data, WS_UTF8_BOM, 3) == 0)
    return 3;
  return 0;
}

static gboolean
is_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c < 0xa0);
}

char *
ws_text_escape (const char *data,
                gsize       len,
                gsize       max_chars)
{
  GString *out = g_string_sized_new (MIN (len, 256) + 8);
  const char *p = data;
  const char *end = data + len;
  gsize shown = 0;

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (max_chars > 0 && shown == max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* Not UTF-8 here: one byte, then look again from the next. */
          g_string_append_printf (out, "\\x%02X", (guchar) *p);
          p++;
        }
      else if (is_control (c))
        {
          /* A C1 control is two bytes in UTF-8: shown as its code. */
          g_string_append_printf (out, "\\x%02X", c);
          p = g_utf8_next_char (p);
        }
      else if (c == '\\')
        {
          g_string_append (out, "\\\\");
          p++;
        }
      else
        {
          const char *next = g_utf8_next_char (p);

          g_string_append_len (out, p, next - p);
          p = next;
        }
      shown++;
    }
  return g_string_free (out, FALSE);
}
