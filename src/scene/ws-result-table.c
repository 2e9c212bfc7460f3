/* ws-result-table.c: results as Markdown, CSV, TSV or a Python list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ws-result-table.h"

static void
put_cell (GString             *line,
          WsResultTableFormat  format,
          const char          *cell)
{
  switch (format)
    {
    case WS_RESULT_TABLE_MARKDOWN:
      /* A pipe would end the cell; a newline the row. */
      for (const char *p = cell; *p != '\0'; p++)
        if (*p == '|')
          g_string_append (line, "\\|");
        else if (*p == '\n' || *p == '\r')
          g_string_append_c (line, ' ');
        else
          g_string_append_c (line, *p);
      break;
    case WS_RESULT_TABLE_CSV:
      if (strpbrk (cell, ",\"\r\n") != NULL)
        {
          g_string_append_c (line, '"');
          for (const char *p = cell; *p != '\0'; p++)
            {
              if (*p == '"')
                g_string_append_c (line, '"');
              g_string_append_c (line, *p);
            }
          g_string_append_c (line, '"');
        }
      else
        g_string_append (line, cell);
      break;
    case WS_RESULT_TABLE_TSV:
    case WS_RESULT_TABLE_PYTHON:
    default:
      /* TSV has no quoting: a tab or newline in a word becomes a space. */
      for (const char *p = cell; *p != '\0'; p++)
        g_string_append_c (line, *p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
      break;
    }
}

static void
put_row (GString             *out,
         WsResultTableFormat  format,
         const char * const  *cells)
{
  if (format == WS_RESULT_TABLE_MARKDOWN)
    g_string_append (out, "| ");
  for (gsize i = 0; cells[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, format == WS_RESULT_TABLE_MARKDOWN ? " | "
                              : format == WS_RESULT_TABLE_CSV ? "," : "\t");
      put_cell (out, format, cells[i]);
    }
  if (format == WS_RESULT_TABLE_MARKDOWN)
    g_string_append (out, " |");
  /* RFC 4180 ends CSV lines with CR LF. */
  g_string_append (out, format == WS_RESULT_TABLE_CSV ? "\r\n" : "\n");
}

char *
ws_result_table_format (WsResultTableFormat  format,
                        const char * const  *header,
                        GPtrArray           *rows)
{
  GString *out;

  g_return_val_if_fail (format == WS_RESULT_TABLE_MARKDOWN || format == WS_RESULT_TABLE_CSV ||
                        format == WS_RESULT_TABLE_TSV, NULL);
  g_return_val_if_fail (header != NULL && rows != NULL, NULL);

  out = g_string_new ("");
  put_row (out, format, header);
  if (format == WS_RESULT_TABLE_MARKDOWN)
    {
      /* Numbers align right, words left. */
      g_string_append (out, "|");
      for (gsize i = 0; header[i] != NULL; i++)
        g_string_append (out, strcmp (header[i], "rank") == 0 || strcmp (header[i], "score") == 0
                                ? " ---: |" : " --- |");
      g_string_append (out, "\n");
    }
  for (guint i = 0; i < rows->len; i++)
    put_row (out, format, g_ptr_array_index (rows, i));
  return g_string_free (out, FALSE);
}

/* The shortest "%.Ng" text that reads back as @value: what Python's
 * repr () writes, but for its ".0" on whole numbers (added below) and
 * its exponent threshold (16 digits, which a cosine never reaches). */
static char *
shortest_double (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (int digits = 1; digits <= 17; digits++)
    {
      char fmt[8];

      g_snprintf (fmt, sizeof fmt, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, fmt, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  if (strpbrk (buf, ".eni") == NULL)
    return g_strconcat (buf, ".0", NULL);
  return g_strdup (buf);
}

char *
ws_result_table_format_score (WsResultTableFormat format,
                              float               score)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (score))
    return g_strdup ("nan");
  if (format == WS_RESULT_TABLE_MARKDOWN)
    return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.4f", score));
  if (format == WS_RESULT_TABLE_PYTHON)
    return shortest_double ((double) score);
  /* The shortest text that reads back as the same float. */
  for (int digits = 1; digits < 9; digits++)
    {
      char fmt[8];

      g_snprintf (fmt, sizeof fmt, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, fmt, score);
      if ((float) g_ascii_strtod (buf, NULL) == score)
        return g_strdup (buf);
    }
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.9g", score));
}

char *
ws_result_table_python_str (const char *text)
{
  GString *out;
  char quote;

  g_return_val_if_fail (text != NULL, NULL);

  quote = strchr (text, '\'') != NULL && strchr (text, '"') == NULL ? '"' : '\'';
  out = g_string_new (NULL);
  g_string_append_c (out, quote);
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '\\' || c == (guchar) quote)
        g_string_append_printf (out, "\\%c", c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else
        /* Python 3 keeps printable non-ASCII letters as they are. */
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, quote);
  return g_string_free (out, FALSE);
}

char *
ws_result_table_scored (WsResultTableFormat  format,
                        const char * const  *words,
                        const float         *scores,
                        gsize                n)
{
  static const char * const header[] = { "rank", "word", "score", NULL };
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (n == 0 || (words != NULL && scores != NULL), NULL);

  if (format == WS_RESULT_TABLE_PYTHON)
    {
      GString *out = g_string_new ("[");

      for (gsize i = 0; i < n; i++)
        {
          g_autofree char *word = ws_result_table_python_str (words[i]);
          g_autofree char *score = ws_result_table_format_score (format, scores[i]);

          g_string_append_printf (out, "%s(%s, %s)", i > 0 ? ", " : "", word, score);
        }
      g_string_append (out, "]\n");
      return g_string_free (out, FALSE);
    }

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (gsize i = 0; i < n; i++)
    {
      char **row = g_new0 (char *, 4);

      row[0] = g_strdup_printf ("%" G_GSIZE_FORMAT, i + 1);
      row[1] = g_strdup (words[i]);
      row[2] = ws_result_table_format_score (format, scores[i]);
      g_ptr_array_add (rows, row);
    }
  return ws_result_table_format (format, header, rows);
}
