/* ws-torch-format.c: a matrix written the way PyTorch 1.13 prints a tensor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ws-torch-format"

#include "config.h"

#include <math.h>
#include <string.h>

#include "ws-torch-format.h"

#define PRECISION 4
#define THRESHOLD 1000
#define EDGE_ITEMS 3
#define LINE_WIDTH 80
#define PREFIX "tensor("

typedef struct
{
  gboolean whole;                                  /* every value a whole number */
  gboolean scientific;
  gsize    width;
} Formatter;

typedef struct
{
  const float *data;
  gsize        n_rows;
  gsize        n_cols;
  gboolean     summarize;
} Matrix;

/* The indices shown along an axis of @n: all of them, or the first and last
 * EDGE_ITEMS when summarising. */
static gboolean
is_shown (gsize    i,
          gsize    n,
          gboolean summarize)
{
  return !summarize || n <= 2 * EDGE_ITEMS || i < EDGE_ITEMS || i >= n - EDGE_ITEMS;
}

static char *
format_plain (const Formatter *f,
              float            value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("nan");
  if (isinf (value))
    return g_strdup (value < 0 ? "-inf" : "inf");
  if (f->scientific)
    return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.4e", value));
  if (f->whole)
    return g_strconcat (g_ascii_formatd (buffer, sizeof buffer, "%.0f", value), ".", NULL);
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.4f", value));
}

static void
formatter_init (Formatter    *f,
                const Matrix *m)
{
  double min = INFINITY, max = 0.0;
  gboolean any = FALSE;

  f->whole = TRUE;
  f->scientific = FALSE;
  f->width = 1;
  for (gsize i = 0; i < m->n_rows; i++)
    {
      if (!is_shown (i, m->n_rows, m->summarize))
        continue;
      for (gsize j = 0; j < m->n_cols; j++)
        {
          float v = m->data[i * m->n_cols + j];

          if (!is_shown (j, m->n_cols, m->summarize) || !isfinite (v) || v == 0.0f)
            continue;
          any = TRUE;
          min = MIN (min, fabs ((double) v));
          max = MAX (max, fabs ((double) v));
          if (v != ceilf (v))
            f->whole = FALSE;
        }
    }
  if (!any)
    return;

  f->scientific = max / min > 1000.0 || max > 1.0e8 || (!f->whole && min < 1.0e-4);
  for (gsize i = 0; i < m->n_rows; i++)
    {
      if (!is_shown (i, m->n_rows, m->summarize))
        continue;
      for (gsize j = 0; j < m->n_cols; j++)
        {
          float v = m->data[i * m->n_cols + j];
          g_autofree char *text = NULL;

          if (!is_shown (j, m->n_cols, m->summarize) || !isfinite (v) || v == 0.0f)
            continue;
          text = format_plain (f, v);
          f->width = MAX (f->width, strlen (text));
        }
    }
}

static void
append_value (GString         *out,
              const Formatter *f,
              float            value)
{
  g_autofree char *text = format_plain (f, value);
  gsize len = strlen (text);

  for (gsize k = len; k < f->width; k++)
    g_string_append_c (out, ' ');
  g_string_append (out, text);
}

static void
append_newline_indent (GString *out,
                       gsize    indent)
{
  g_string_append (out, ",\n");
  for (gsize k = 0; k < indent; k++)
    g_string_append_c (out, ' ');
}

/* One row as "[a, b, …]", wrapped at LINE_WIDTH; @indent is the column of its
 * "[". */
static void
append_row (GString         *out,
            const Formatter *f,
            const Matrix    *m,
            gsize            row,
            gsize            indent)
{
  const float *values = m->data + row * m->n_cols;
  gsize per_line = MAX (1, (LINE_WIDTH - MIN (indent, LINE_WIDTH)) / (f->width + 2));
  gsize on_line = 0;
  gboolean elide = m->summarize && m->n_cols > 2 * EDGE_ITEMS;

  g_string_append_c (out, '[');
  for (gsize j = 0; j < m->n_cols; j++)
    {
      if (!is_shown (j, m->n_cols, m->summarize))
        continue;
      if (on_line == per_line)
        {
          append_newline_indent (out, indent + 1);
          on_line = 0;
        }
      else if (on_line > 0)
        {
          g_string_append (out, ", ");
        }
      append_value (out, f, values[j]);
      on_line++;
      /* The " ..." counts as one element of the line. */
      if (elide && j == EDGE_ITEMS - 1)
        {
          if (on_line == per_line)
            {
              append_newline_indent (out, indent + 1);
              on_line = 0;
            }
          else
            {
              g_string_append (out, ", ");
            }
          g_string_append (out, " ...");
          on_line++;
        }
    }
  g_string_append_c (out, ']');
}

/* The suffixes after the tensor: on the last line when it has room. */
static void
append_suffix (GString    *out,
               const char *suffix)
{
  const char *last_newline = strrchr (out->str, '\n');
  /* torch measures the last line as len (s) - s.rfind ("\n") + 1: two more
   * than its length, a text without a newline included. */
  gsize last_line = last_newline != NULL ? strlen (last_newline) + 1 : out->len + 2;

  if (suffix == NULL)
    return;
  if (last_line + strlen (suffix) + 2 > LINE_WIDTH)
    append_newline_indent (out, strlen (PREFIX));
  else
    g_string_append (out, ", ");
  g_string_append (out, suffix);
}

char *
ws_torch_format_matrix (const float *data,
                        gsize        n_rows,
                        gsize        n_cols,
                        const char  *suffix)
{
  Matrix m = { data, n_rows, n_cols, FALSE };
  GString *out = g_string_new (PREFIX);
  gsize indent = strlen (PREFIX);
  Formatter f;

  g_return_val_if_fail (data != NULL || n_rows * n_cols == 0, NULL);

  if (n_rows == 0 || n_cols == 0)
    {
      g_string_append (out, "[]");
      append_suffix (out, suffix);
      g_string_append_c (out, ')');
      return g_string_free (out, FALSE);
    }

  m.summarize = n_rows * n_cols > THRESHOLD;
  formatter_init (&f, &m);
  g_string_append_c (out, '[');
  for (gsize i = 0; i < n_rows; i++)
    {
      if (!is_shown (i, n_rows, m.summarize))
        continue;
      if (i > 0)
        append_newline_indent (out, indent + 1);
      append_row (out, &f, &m, i, indent + 1);
      if (m.summarize && n_rows > 2 * EDGE_ITEMS && i == EDGE_ITEMS - 1)
        {
          append_newline_indent (out, indent + 1);
          g_string_append (out, "...");
        }
    }
  g_string_append_c (out, ']');
  append_suffix (out, suffix);
  g_string_append_c (out, ')');
  return g_string_free (out, FALSE);
}
