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

/* Up to this many matches are ranked directly; larger runs ask the tree. */
#define RANK_RUN_MAX 4096

struct _WsPrefixIndex
{
  gatomicrefcount  ref_count;
  WsVectors       *vectors;
  char            *pool;      /* casefolded words, NUL-terminated */
  gsize           *offsets;   /* row → start of its folded word in pool */
  guint32         *sorted;    /* rows, by folded word */
  gsize            n;
  /* A min-tree over sorted[]: node i holds the smallest row below it, leaf
   * i + leaves holds sorted[i]. It finds the most frequent matches of a
   * run of millions (the prefix “w”) in O(max log n) instead of a scan. */
  guint32         *tree;
  gsize            leaves;    /* a power of two ≥ n */
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

  self->leaves = 1;
  while (self->leaves < MAX (n, 1))
    self->leaves *= 2;
  self->tree = g_new (guint32, 2 * self->leaves);
  for (gsize i = 0; i < self->leaves; i++)
    self->tree[self->leaves + i] = i < n ? self->sorted[i] : G_MAXUINT32;
  for (gsize i = self->leaves - 1; i >= 1; i--)
    self->tree[i] = MIN (self->tree[2 * i], self->tree[2 * i + 1]);
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
  g_free (self->tree);
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

/* Tree nodes waiting to be opened, smallest row on top. */
static void
heap_push (GArray  *heap,
           guint32 *tree,
           gsize    node)
{
  gsize i = heap->len;

  g_array_set_size (heap, i + 1);
  while (i > 0 && tree[g_array_index (heap, gsize, (i - 1) / 2)] > tree[node])
    {
      g_array_index (heap, gsize, i) = g_array_index (heap, gsize, (i - 1) / 2);
      i = (i - 1) / 2;
    }
  g_array_index (heap, gsize, i) = node;
}

static gsize
heap_pop (GArray  *heap,
          guint32 *tree)
{
  gsize top = g_array_index (heap, gsize, 0);
  gsize last = g_array_index (heap, gsize, heap->len - 1);
  gsize n = heap->len - 1;
  gsize i = 0;

  for (;;)
    {
      gsize c = 2 * i + 1;

      if (c >= n)
        break;
      if (c + 1 < n && tree[g_array_index (heap, gsize, c + 1)] < tree[g_array_index (heap, gsize, c)])
        c++;
      if (tree[g_array_index (heap, gsize, c)] >= tree[last])
        break;
      g_array_index (heap, gsize, i) = g_array_index (heap, gsize, c);
      i = c;
    }
  if (n > 0)
    g_array_index (heap, gsize, i) = last;
  g_array_set_size (heap, n);
  return top;
}

/* Appends to @best the @max smallest rows of sorted[lo, hi), in order: the
 * range splits into O(log n) whole subtrees, and a best-first walk opens
 * only the subtrees that can still hold one of the answers. */
static void
best_in_range (WsPrefixIndex *self,
               gsize          lo,
               gsize          hi,
               guint          max,
               GArray        *best)
{
  g_autoptr(GArray) heap = g_array_sized_new (FALSE, FALSE, sizeof (gsize), 128);
  gsize l = lo + self->leaves, r = hi + self->leaves;

  for (; l < r; l /= 2, r /= 2)
    {
      if (l & 1)
        heap_push (heap, self->tree, l++);
      if (r & 1)
        heap_push (heap, self->tree, --r);
    }
  while (heap->len > 0 && best->len < max)
    {
      gsize node = heap_pop (heap, self->tree);

      if (node >= self->leaves)
        g_array_append_val (best, self->tree[node]);
      else
        {
          heap_push (heap, self->tree, 2 * node);
          heap_push (heap, self->tree, 2 * node + 1);
        }
    }
}

GArray *
ws_prefix_index_complete (WsPrefixIndex *self,
                          const char    *prefix,
                          guint          max)
{
  g_autofree char *fold = NULL;
  GArray *best;
  gsize lo, hi;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (prefix != NULL, NULL);

  best = g_array_sized_new (FALSE, FALSE, sizeof (guint32), max + 1);
  if (*prefix == '\0' || max == 0)
    return best;

  fold = g_utf8_casefold (prefix, -1);
  find_run (self, fold, &lo, &hi);

  if (hi - lo <= RANK_RUN_MAX)
    {
      for (gsize i = lo; i < hi; i++)
        keep_best (best, self->sorted[i], max);
    }
  else
    best_in_range (self, lo, hi, max, best);
  return best;
}
