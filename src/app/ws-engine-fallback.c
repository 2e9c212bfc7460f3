/* ws-engine-fallback.c: stand-ins for engine pieces not merged yet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wordspace"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ws-engine-fallback.h"

gboolean
ws_fallback_parse (const char  *text,
                   GPtrArray   *positive,
                   GPtrArray   *negative,
                   gboolean    *is_analogy,
                   GError     **error)
{
  g_auto(GStrv) tokens = g_strsplit_set (text, " \t", -1);
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) owned = words;
  gboolean analogy = strstr (text, "::") != NULL;
  int sign = 1;

  *is_analogy = analogy;
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      const char *t = tokens[i];

      if (*t == '\0')
        continue;
      if (strcmp (t, "+") == 0)
        { sign = 1; continue; }
      if (strcmp (t, "-") == 0)
        { sign = -1; continue; }
      if (strcmp (t, ":") == 0 || strcmp (t, "::") == 0 || strcmp (t, "?") == 0)
        continue;
      if (analogy)
        g_ptr_array_add (words, g_strdup (t));
      else
        g_ptr_array_add (sign > 0 ? positive : negative, g_strdup (t));
      sign = 1;
    }
  if (analogy)
    {
      if (words->len != 3)
        {
          g_set_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_PARSE,
                       _("An analogy needs three words, as in “man : king :: woman : ?”"));
          return FALSE;
        }
      g_ptr_array_add (negative, g_strdup (g_ptr_array_index (words, 0)));
      g_ptr_array_add (positive, g_strdup (g_ptr_array_index (words, 1)));
      g_ptr_array_add (positive, g_strdup (g_ptr_array_index (words, 2)));
    }
  if (positive->len == 0)
    {
      g_set_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_EMPTY,
                   _("The query needs at least one word to add"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
lookup (WsVectors   *vectors,
        const char  *word,
        gsize       *row,
        GError     **error)
{
  if (ws_vectors_lookup (vectors, word, row))
    return TRUE;
  g_set_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_UNKNOWN_WORD,
               _("Key “%s” not present in vocabulary"), word);
  return FALSE;
}

static int
compare_scored (gconstpointer a,
                gconstpointer b)
{
  const WsScored *x = a, *y = b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return x->row < y->row ? -1 : x->row > y->row;
}

GArray *
ws_fallback_most_similar (WsVectors   *vectors,
                          const char **positive,
                          gsize        n_positive,
                          const char **negative,
                          gsize        n_negative,
                          gsize        topn,
                          GError     **error)
{
  gsize dim = ws_vectors_get_dim (vectors);
  gsize n = ws_vectors_get_n_words (vectors);
  g_autofree float *mean = g_new0 (float, dim);
  g_autofree gsize *used = g_new (gsize, n_positive + n_negative + 1);
  g_autoptr(GArray) all = g_array_sized_new (FALSE, FALSE, sizeof (WsScored), n);
  GArray *out;
  double norm = 0;
  gsize n_used = 0;

  for (gsize i = 0; i < n_positive + n_negative; i++)
    {
      const char *w = i < n_positive ? positive[i] : negative[i - n_positive];
      float weight = i < n_positive ? 1.0f : -1.0f;
      const float *u;

      if (!lookup (vectors, w, &used[n_used], error))
        return NULL;
      u = ws_vectors_get_unit_row (vectors, used[n_used++]);
      for (gsize j = 0; j < dim; j++)
        mean[j] += weight * u[j];
    }
  for (gsize j = 0; j < dim; j++)
    {
      mean[j] /= (float) n_used;
      norm += (double) mean[j] * mean[j];
    }
  norm = sqrt (norm);
  for (gsize r = 0; r < n; r++)
    {
      const float *u = ws_vectors_get_unit_row (vectors, r);
      WsScored s = { r, 0.0f };
      gboolean skip = FALSE;

      for (gsize k = 0; k < n_used; k++)
        skip |= used[k] == r;
      if (skip)
        continue;
      for (gsize j = 0; j < dim; j++)
        s.score += u[j] * mean[j];
      s.score = norm > 0 ? (float) (s.score / norm) : 0.0f;
      g_array_append_val (all, s);
    }
  g_array_sort (all, compare_scored);
  out = g_array_sized_new (FALSE, FALSE, sizeof (WsScored), topn);
  g_array_append_vals (out, all->data, MIN (topn, all->len));
  return out;
}

gboolean
ws_fallback_similarity (WsVectors   *vectors,
                        const char  *word1,
                        const char  *word2,
                        float       *similarity,
                        GError     **error)
{
  gsize a, b, dim = ws_vectors_get_dim (vectors);
  const float *ua, *ub;
  float s = 0;

  if (!lookup (vectors, word1, &a, error) || !lookup (vectors, word2, &b, error))
    return FALSE;
  ua = ws_vectors_get_unit_row (vectors, a);
  ub = ws_vectors_get_unit_row (vectors, b);
  for (gsize j = 0; j < dim; j++)
    s += ua[j] * ub[j];
  *similarity = s;
  return TRUE;
}

GStrv
ws_fallback_suggest (WsVectors  *vectors,
                     const char *word,
                     guint       max)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *fold = g_utf8_casefold (word, -1);
  gsize n = MIN (ws_vectors_get_n_words (vectors), 200000);
  guint found = 0;

  for (gsize r = 0; r < n && found < max; r++)
    {
      const char *w = ws_vectors_get_word (vectors, r);
      g_autofree char *f = g_utf8_casefold (w, -1);

      if (strcmp (f, fold) == 0 && strcmp (w, word) != 0)
        {
          g_strv_builder_add (builder, w);
          found++;
        }
    }
  return g_strv_builder_end (builder);
}

void
ws_fallback_pca2 (const float *rows,
                  gsize        n,
                  gsize        dim,
                  double      *mean,
                  double      *axes,
                  double       variance[2])
{
  g_autofree double *x = g_new (double, n * dim);
  g_autofree double *t = g_new (double, n);
  double total = 0;

  memset (mean, 0, dim * sizeof (double));
  for (gsize i = 0; i < n; i++)
    for (gsize j = 0; j < dim; j++)
      mean[j] += rows[i * dim + j] / (double) n;
  for (gsize i = 0; i < n; i++)
    for (gsize j = 0; j < dim; j++)
      {
        x[i * dim + j] = rows[i * dim + j] - mean[j];
        total += x[i * dim + j] * x[i * dim + j];
      }

  for (int c = 0; c < 2; c++)
    {
      double *v = axes + c * dim;
      double lambda = 0;

      for (gsize j = 0; j < dim; j++)
        v[j] = 1.0 / sqrt ((double) dim) + (j % 7) * 1e-3 * (c + 1);
      for (int it = 0; it < 200; it++)
        {
          double norm = 0;

          for (gsize i = 0; i < n; i++)
            {
              t[i] = 0;
              for (gsize j = 0; j < dim; j++)
                t[i] += x[i * dim + j] * v[j];
            }
          memset (v, 0, dim * sizeof (double));
          for (gsize i = 0; i < n; i++)
            for (gsize j = 0; j < dim; j++)
              v[j] += x[i * dim + j] * t[i];
          if (c == 1)
            {
              double d = 0;
              for (gsize j = 0; j < dim; j++)
                d += v[j] * axes[j];
              for (gsize j = 0; j < dim; j++)
                v[j] -= d * axes[j];
            }
          for (gsize j = 0; j < dim; j++)
            norm += v[j] * v[j];
          norm = sqrt (norm);
          if (norm == 0)
            break;
          for (gsize j = 0; j < dim; j++)
            v[j] /= norm;
          lambda = norm;
        }
      variance[c] = total > 0 ? lambda / total : 0;
      /* svd_flip-like: the largest loading is positive, so signs hold still. */
      {
        gsize arg = 0;
        for (gsize j = 1; j < dim; j++)
          if (fabs (v[j]) > fabs (v[arg]))
            arg = j;
        if (v[arg] < 0)
          for (gsize j = 0; j < dim; j++)
            v[j] = -v[j];
      }
    }
}
