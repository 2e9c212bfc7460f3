/* ws-prefix-index.c: a sorted array of casefolded words, searched by bisection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The casefolded words live in one pool, found by row; a second array holds
 * the rows sorted by their casefolded word. All words sharing a prefix form
 * one run of that array, found with two binary searches.
 */
#define G_LOG_DOMAIN "wordspace"

#include "config.h"

#include <string.h>

#include "ws-prefix-index.h"

/* Above this many matches, scanning the vocabulary from its most frequent
 * word finds the best few sooner than ranking the whole run. */
#define RANK_RUN_MAX 4096

struct _WsPrefixIndex
{
  gatomicrefcount  ref_count;
  WsVectors       *vectors;
  char            *pool;      /* casefolded words, NUL-terminated */
  gsize           *offsets;   /* row → start of its folded word in pool */
  guint32         *sorted;    /* rows, by folded word */
  gsize            n;
};

G_DEFINE_BOXED_TYPE (WsPrefixIndex, ws_prefix_index, ws_prefix_index_ref, ws_prefix_index_unref)

static inline const char *
folded (const WsPrefixIndex *self,
        guint32              row)
{
  return self->pool + self->offsets[row];
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const WsPrefixIndex *self = user_data;
  guint32 ra = *(const guint32 *) a;
  guint32 rb = *(const guint32 *) b;
  int c = strcmp (folded (self, ra), folded (self, rb));

  if (c != 0)
    return c;
  return ra < rb ? -1 : ra > rb;
}

WsPrefixIndex *
ws_prefix_index_new (WsVectors    *vectors,
                     GCancellable *cancellable)
{
  WsPrefixIndex *self;
  GString *pool;
  gsize n;

  g_return_val_if_fail (WS_IS_VECTORS (vectors), NULL);

  n = ws_vectors_get_n_words (vectors);
  self = g_new0 (WsPrefixIndex, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->vectors = g_object_ref (vectors);
  self->n = n;
  self->offsets = g_new (gsize, MAX (n, 1));
  self->sorted = g_new (guint32, MAX (n, 1));

  pool = g_string_sized_new (n * 8 + 1);
  for (gsize row = 0; row < n; row++)
    {
      g_autofree char *fold = g_utf8_casefold (ws_vectors_get_word (vectors, row), -1);

      self->offsets[row] = pool->len;
      g_string_append_len (pool, fold, strlen (fold) + 1);
      self->sorted[row] = (guint32) row;
      if ((row & 0xffff) == 0 && g_cancellable_is_cancelled (cancellable))
        {
          g_string_free (pool, TRUE);
          ws_prefix_index_unref (self);
          return NULL;
        }
    }
  self->pool = g_string_free (pool, FALSE);

  g_qsort_with_data (self->sorted, (gint) n, sizeof (guint32), compare_rows, self);
  if (g_cancellable_is_cancelled (cancellable))
    {
      ws_prefix_index_unref (self);
      return NULL;
    }
  return self;
}

WsPrefixIndex *
ws_prefix_index_ref (WsPrefixIndex *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ws_prefix_index_unref (WsPrefixIndex *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_object (&self->vectors);
  g_free (self->pool);
  g_free (self->offsets);
  g_free (self->sorted);
  g_free (self);
}

WsVectors *
ws_prefix_index_get_vectors (WsPrefixIndex *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->vectors;
}

/* The run [*lo, *hi) of sorted rows whose folded word starts with @fold. */
static void
find_run (WsPrefixIndex *self,
          const char    *fold,
          gsize         *lo,
          gsize         *hi)
{
  gsize len = strlen (fold);
  gsize a = 0, b = self->n;

  while (a < b)
    {
      gsize mid = a + (b - a) / 2;

      if (strcmp (folded (self, self->sorted[mid]), fold) < 0)
        a = mid + 1;
      else
        b = mid;
    }
  *lo = a;

  b = self->n;
  while (a < b)
    {
      gsize mid = a + (b - a) / 2;

      if (strncmp (folded (self, self->sorted[mid]), fold, len) <= 0)
        a = mid + 1;
      else
        b = mid;
    }
  *hi = a;
}

gsize
ws_prefix_index_count (WsPrefixIndex *self,
                       const char    *prefix)
{
  g_autofree char *fold = NULL;
  gsize lo, hi;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (prefix != NULL, 0);

  if (*prefix == '\0')
    return 0;
  fold = g_utf8_casefold (prefix, -1);
  find_run (self, fold, &lo, &hi);
  return hi - lo;
}

/* Keeps @best (at most @max rows) sorted, smallest rows first. */
static void
keep_best (GArray  *best,
           guint32  row,
           guint    max)
{
  guint i = best->len;

  if (i == max && row >= g_array_index (best, guint32, max - 1))
    return;
  while (i > 0 && g_array_index (best, guint32, i - 1) > row)
    i--;
  g_array_insert_val (best, i, row);
  if (best->len > max)
    g_array_set_size (best, max);
}

GArray *
ws_prefix_index_complete (WsPrefixIndex *self,
                          const char    *prefix,
                          guint          max)
{
  g_autofree char *fold = NULL;
  GArray *best;
  gsize lo, hi, len;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (prefix != NULL, NULL);

  best = g_array_sized_new (FALSE, FALSE, sizeof (guint32), max + 1);
  if (*prefix == '\0' || max == 0)
    return best;

  fold = g_utf8_casefold (prefix, -1);
  len = strlen (fold);
  find_run (self, fold, &lo, &hi);

  if (hi - lo <= RANK_RUN_MAX)
    {
      for (gsize i = lo; i < hi; i++)
        keep_best (best, self->sorted[i], max);
    }
  else
    {
      /* Many matches: frequent words come first in the file, so the first
       * @max matching rows are found after a short scan. */
      for (gsize row = 0; row < self->n && best->len < max; row++)
        {
          guint32 r = (guint32) row;

          if (strncmp (folded (self, r), fold, len) == 0)
            g_array_append_val (best, r);
        }
    }
  return best;
}
