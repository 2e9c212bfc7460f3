/* ws-similarity.c: gensim 4.x KeyedVectors queries over a WsVectors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each function redoes, in float32, the arithmetic of the gensim 4.2 method of
 * the same name (gensim/models/keyedvectors.py), so that scores agree to a
 * few units in the last place and orders agree except between exact ties:
 *
 * - most_similar: the mean of the terms (unit vectors of words, raw vectors
 *   as given) times their weights, divided by the sum of |weight|, then made
 *   a unit vector; the cosine of every row with it. gensim asks for
 *   topn + len(input words) best rows and drops the input words: that is the
 *   best topn rows that are not input words, which is what is selected here.
 * - most_similar_cosmul: prod ((1 + cos) / 2) over positive words divided by
 *   prod ((1 + cos) / 2) over negative words + 1e-6.
 * - rows whose vector is zero score NaN (gensim divides 0 by a zero norm)
 *   and rank after every number, as numpy sorts NaN last.
 *
 * Scores come from cblas_sgemv over blocks of the unit matrix (the raw
 * matrix for rank, as gensim's distances use it), and the best k rows are
 * kept in a binary heap as the blocks are scored, so a query over millions
 * of rows sorts only k of them and needs no buffer of one score per row.
 * Equal scores keep row order (gensim's sort is not stable: its order among
 * exact ties is arbitrary).
 */
#define G_LOG_DOMAIN "ws-similarity"

#include "config.h"

#include <cblas.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ws-similarity.h"

/* gensim's most_similar_cosmul adds this to the denominator. */
#define COSMUL_EPSILON 0.000001f

static void
set_unknown_word (GError     **error,
                  const char  *word)
{
  g_set_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_UNKNOWN_WORD,
               _("“%s” is not in the model"), word);
}

/* gensim divides a zero vector by its zero norm, and every score of a
 * query with such a word is then NaN; say why instead. */
static gboolean
check_direction (WsVectors   *vectors,
                 const char  *word,
                 gsize        row,
                 GError     **error)
{
  if (ws_vectors_get_norm (vectors, row) == 0.0f)
    {
      g_set_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_INVALID,
                   _("The vector of “%s” is all zeros: it points nowhere, so no word is "
                     "closer to it than another"), word);
      return FALSE;
    }
  return TRUE;
}

static gboolean
lookup_word (WsVectors   *vectors,
             const char  *word,
             gsize       *row,
             GError     **error)
{
  if (word == NULL || !ws_vectors_lookup (vectors, word, row))
    {
      set_unknown_word (error, word != NULL ? word : "(null)");
      return FALSE;
    }
  return TRUE;
}

/* matutils.unitvec: divides by the BLAS nrm2 through a multiplication by its
 * reciprocal (scal), and leaves a zero vector as it is. */
static void
unitvec (float *v,
         gsize  dim)
{
  float len = cblas_snrm2 ((blasint) dim, v, 1);

  if (len > 0.0f)
    cblas_sscal ((blasint) dim, (float) (1.0 / (double) len), v, 1);
}

/* Is (@sa, @ra) a better result than (@sb, @rb)? Higher scores first, NaN
 * after every number, equal scores in row order. */
static inline gboolean
better (float sa,
        gsize ra,
        float sb,
        gsize rb)
{
  gboolean na = isnan (sa), nb = isnan (sb);

  if (na != nb)
    return nb;
  if (!na && sa != sb)
    return sa > sb;
  return ra < rb;
}

/* A heap of the best k results seen so far, worst at the root. */
typedef struct
{
  WsScored *items;
  gsize     len;
  gsize     k;
} TopK;

static void
topk_sift_down (TopK  *t,
                gsize  i)
{
  for (;;)
    {
      gsize l = 2 * i + 1, r = l + 1, worst = i;
      WsScored tmp;

      if (l < t->len && better (t->items[worst].score, t->items[worst].row,
                                t->items[l].score, t->items[l].row))
        worst = l;
      if (r < t->len && better (t->items[worst].score, t->items[worst].row,
                                t->items[r].score, t->items[r].row))
        worst = r;
      if (worst == i)
        return;
      tmp = t->items[i];
      t->items[i] = t->items[worst];
      t->items[worst] = tmp;
      i = worst;
    }
}

static inline void
topk_offer (TopK  *t,
            float  score,
            gsize  row)
{
  if (t->len < t->k)
    {
      gsize i = t->len++;

      t->items[i].score = score;
      t->items[i].row = row;
      /* Sift up: the worst goes to the root. */
      while (i > 0)
        {
          gsize parent = (i - 1) / 2;
          WsScored tmp;

          if (!better (t->items[parent].score, t->items[parent].row,
                       t->items[i].score, t->items[i].row))
            break;
          tmp = t->items[i];
          t->items[i] = t->items[parent];
          t->items[parent] = tmp;
          i = parent;
        }
    }
  else if (t->k > 0 && better (score, row, t->items[0].score, t->items[0].row))
    {
      t->items[0].score = score;
      t->items[0].row = row;
      topk_sift_down (t, 0);
    }
}

static int
compare_scored (gconstpointer a,
                gconstpointer b)
{
  const WsScored *x = a, *y = b;

  if (x->row == y->row)
    return 0;
  return better (x->score, x->row, y->score, y->row) ? -1 : 1;
}

static gboolean
is_excluded (gsize        row,
             const gsize *excluded,
             gsize        n_excluded)
{
  for (gsize i = 0; i < n_excluded; i++)
    if (excluded[i] == row)
      return TRUE;
  return FALSE;
}

/* Starts a selection of the best @topn of @n rows. */
static GArray *
topk_init (TopK  *t,
           gsize  topn,
           gsize  n)
{
  gsize k = MIN (topn, n);
  GArray *result = g_array_sized_new (FALSE, FALSE, sizeof (WsScored), k);

  g_array_set_size (result, k);
  t->items = (WsScored *) (void *) result->data;
  t->len = 0;
  t->k = k;
  return result;
}

/* The selected rows, best first. */
static GArray *
topk_finish (TopK   *t,
             GArray *result)
{
  g_array_set_size (result, t->len);
  g_array_sort (result, compare_scored);
  return result;
}

static gsize
clip_rows (WsVectors *vectors,
           gsize      restrict_vocab)
{
  gsize n = ws_vectors_get_n_words (vectors);

  return restrict_vocab > 0 ? MIN (restrict_vocab, n) : n;
}

/* Rows scored at a time: the block's dot products stay in cache while they
 * are turned into scores and offered to the heap, and no buffer of one
 * float per row is needed. With several vectors, blocks of about 1 MB of
 * the matrix, so that the second and later sgemv read it from the cache. */
#define BLOCK_ROWS 16384
#define MULTI_BLOCK_FLOATS (256 * 1024)

typedef void (*BlockFunc) (const float *dots,
                           gsize        first_row,
                           gsize        n_rows,
                           gpointer     user_data);

/* Calls @func on blocks of dot products of the first @n unit rows with the
 * @k unit vectors @terms (k × dim, row-major): the dot of row first + i with
 * vector t is dots[t × n_rows + i]. */
static void
scan_unit_rows (WsVectors   *vectors,
                const float *terms,
                gsize        k,
                gsize        n,
                BlockFunc    func,
                gpointer     user_data)
{
  gsize dim = ws_vectors_get_dim (vectors);
  const float *unit = ws_vectors_get_unit_matrix (vectors);
  gsize block = k == 1 ? BLOCK_ROWS : CLAMP (MULTI_BLOCK_FLOATS / dim, 64, BLOCK_ROWS);
  g_autofree float *dots = NULL;

  if (n == 0)
    return;
  block = MIN (block, n);
  dots = g_new (float, block * k);
  for (gsize first = 0; first < n; first += block)
    {
      gsize rows = MIN (block, n - first);

      for (gsize t = 0; t < k; t++)
        cblas_sgemv (CblasRowMajor, CblasNoTrans, (blasint) rows, (blasint) dim, 1.0f,
                     unit + first * dim, (blasint) dim, terms + t * dim, 1, 0.0f,
                     dots + t * rows, 1);
      func (dots, first, rows, user_data);
    }
}

typedef struct
{
  TopK        topk;
  const float *norms;
  const gsize *excluded;
  gsize        n_excluded;
  gsize        n_positive;
  gsize        n_negative;
} Scan;

/* most_similar: the score is the cosine; NaN for a zero row, as gensim's
 * dot (vectors, mean) / norms gives. */
static void
offer_cosines (const float *dots,
               gsize        first,
               gsize        n_rows,
               gpointer     user_data)
{
  Scan *scan = user_data;

  for (gsize i = 0; i < n_rows; i++)
    {
      gsize row = first + i;

      if (scan->n_excluded > 0 && is_excluded (row, scan->excluded, scan->n_excluded))
        continue;
      topk_offer (&scan->topk, scan->norms[row] == 0.0f ? NAN : dots[i], row);
    }
}

/* get_mean_vector (keys, weights, pre_normalize=True, post_normalize=True):
 * float32 sums of weight × unit vector (words) or weight × vector (raw
 * vectors), divided by the sum of |weight|, then unitvec. Fills @mean and
 * the rows of the word terms. */
static gboolean
weighted_mean (WsVectors     *vectors,
               const WsTerm  *terms,
               gsize          n_terms,
               float         *mean,
               gsize         *rows,
               gsize         *n_rows,
               GError       **error)
{
  gsize dim = ws_vectors_get_dim (vectors);
  double total_weight = 0.0;

  memset (mean, 0, dim * sizeof (float));
  *n_rows = 0;
  for (gsize i = 0; i < n_terms; i++)
    {
      const float *v;
      float w = terms[i].weight;

      if (!isfinite (w))
        {
          g_set_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_INVALID,
                       _("Term %" G_GSIZE_FORMAT " has a weight that is not a finite number"),
                       i + 1);
          return FALSE;
        }
      if (terms[i].vector != NULL)
        v = terms[i].vector;
      else
        {
          gsize row;

          if (!lookup_word (vectors, terms[i].word, &row, error) ||
              !check_direction (vectors, terms[i].word, row, error))
            return FALSE;
          rows[(*n_rows)++] = row;
          v = ws_vectors_get_unit_row (vectors, row);
        }
      for (gsize j = 0; j < dim; j++)
        mean[j] += w * v[j];
      total_weight += fabs ((double) w);
    }

  if (total_weight > 0.0)
    {
      float tw = (float) total_weight;

      for (gsize j = 0; j < dim; j++)
        mean[j] = mean[j] / tw;
    }
  unitvec (mean, dim);
  return TRUE;
}

GArray *
ws_most_similar (WsVectors     *vectors,
                 const WsTerm  *terms,
                 gsize          n_terms,
                 gsize          topn,
                 gsize          restrict_vocab,
                 GError       **error)
{
  g_autofree float *mean = NULL;
  g_autofree gsize *rows = NULL;
  Scan scan = { { 0 } };
  GArray *result;
  gsize n_rows;
  gsize n;

  g_return_val_if_fail (WS_IS_VECTORS (vectors), NULL);
  g_return_val_if_fail (terms != NULL || n_terms == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (topn == 0)
    return g_array_new (FALSE, FALSE, sizeof (WsScored));
  if (n_terms == 0)
    {
      g_set_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_EMPTY,
                   _("A similarity query needs at least one word or vector"));
      return NULL;
    }

  mean = g_new (float, ws_vectors_get_dim (vectors));
  rows = g_new (gsize, n_terms);
  if (!weighted_mean (vectors, terms, n_terms, mean, rows, &n_rows, error))
    return NULL;

  n = clip_rows (vectors, restrict_vocab);
  result = topk_init (&scan.topk, topn, n);
  scan.norms = ws_vectors_get_norms (vectors);
  scan.excluded = rows;
  scan.n_excluded = n_rows;
  scan_unit_rows (vectors, mean, 1, n, offer_cosines, &scan);
  return topk_finish (&scan.topk, result);
}

GArray *
ws_similar_by_vector (WsVectors    *vectors,
                      const float  *vector,
                      gsize         topn,
                      gsize         restrict_vocab,
                      GError      **error)
{
  WsTerm term = { NULL, vector, 1.0f };

  g_return_val_if_fail (WS_IS_VECTORS (vectors), NULL);
  g_return_val_if_fail (vector != NULL, NULL);

  return ws_most_similar (vectors, &term, 1, topn, restrict_vocab, error);
}

GArray *
ws_neighbors (WsVectors   *vectors,
              const char  *word,
              gsize        topn,
              gsize        restrict_vocab,
              GError     **error)
{
  WsTerm term = { word, NULL, 1.0f };

  g_return_val_if_fail (WS_IS_VECTORS (vectors), NULL);
  g_return_val_if_fail (word != NULL, NULL);

  return ws_most_similar (vectors, &term, 1, topn, restrict_vocab, error);
}

/* most_similar_cosmul, in float32 as numpy does it: the product, in order,
 * of (1 + cos) / 2 over the positive words, divided by that over the
 * negative words plus 1e-6. With no negative word numpy's product of nothing
 * is the float64 1.0, and 1.0 + 1e-6 meets the float32 scores as a float32. */
static void
offer_cosmul (const float *dots,
              gsize        first,
              gsize        n_rows,
              gpointer     user_data)
{
  Scan *scan = user_data;
  gsize k = scan->n_positive + scan->n_negative;
  const float no_negative = (float) (1.0 + 0.000001);

  for (gsize i = 0; i < n_rows; i++)
    {
      const float *d = dots + i;
      gsize row = first + i;
      float pos, neg, score;

      if (is_excluded (row, scan->excluded, k))
        continue;
      if (scan->norms[row] == 0.0f)
        {
          topk_offer (&scan->topk, NAN, row);
          continue;
        }
      pos = (1.0f + d[0]) / 2.0f;
      for (gsize t = 1; t < scan->n_positive; t++)
        pos = pos * ((1.0f + d[t * n_rows]) / 2.0f);
      if (scan->n_negative > 0)
        {
          neg = (1.0f + d[scan->n_positive * n_rows]) / 2.0f;
          for (gsize t = scan->n_positive + 1; t < k; t++)
            neg = neg * ((1.0f + d[t * n_rows]) / 2.0f);
          score = pos / (neg + COSMUL_EPSILON);
        }
      else
        score = pos / no_negative;
      topk_offer (&scan->topk, score, row);
    }
}

GArray *
ws_most_similar_cosmul (WsVectors          *vectors,
                        const char * const *positive,
                        gsize               n_positive,
                        const char * const *negative,
                        gsize               n_negative,
                        gsize               topn,
                        gsize               restrict_vocab,
                        GError            **error)
{
  g_autofree gsize *rows = NULL;
  g_autofree float *terms = NULL;
  Scan scan = { { 0 } };
  GArray *result;
  gsize n, dim, k;

  g_return_val_if_fail (WS_IS_VECTORS (vectors), NULL);
  g_return_val_if_fail (positive != NULL || n_positive == 0, NULL);
  g_return_val_if_fail (negative != NULL || n_negative == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (topn == 0)
    return g_array_new (FALSE, FALSE, sizeof (WsScored));

  k = n_positive + n_negative;
  rows = g_new (gsize, k + 1);
  for (gsize i = 0; i < k; i++)
    {
      const char *word = i < n_positive ? positive[i] : negative[i - n_positive];

      if (!lookup_word (vectors, word, &rows[i], error))
        return NULL;
    }
  for (gsize i = 0; i < k; i++)
    {
      const char *word = i < n_positive ? positive[i] : negative[i - n_positive];

      if (!check_direction (vectors, word, rows[i], error))
        return NULL;
    }
  if (n_positive == 0)
    {
      g_set_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_EMPTY,
                   _("A multiplicative query needs at least one positive word"));
      return NULL;
    }

  dim = ws_vectors_get_dim (vectors);
  terms = g_new (float, k * dim);
  for (gsize i = 0; i < k; i++)
    memcpy (terms + i * dim, ws_vectors_get_unit_row (vectors, rows[i]), dim * sizeof (float));

  /* gensim 4.2 accepts restrict_vocab here but scans every row all the same;
   * a row's score does not depend on the others, so restricting the scan
   * gives what its documentation promises: the best among the first rows. */
  n = clip_rows (vectors, restrict_vocab);
  result = topk_init (&scan.topk, topn, n);
  scan.norms = ws_vectors_get_norms (vectors);
  scan.excluded = rows;
  scan.n_excluded = k;
  scan.n_positive = n_positive;
  scan.n_negative = n_negative;
  scan_unit_rows (vectors, terms, k, n, offer_cosmul, &scan);
  return topk_finish (&scan.topk, result);
}

/* gensim: dot (unitvec (v1), unitvec (v2)), from the vectors as stored. */
static float
unit_dot (const float *a,
          const float *b,
          gsize        dim,
          float       *ua,
          float       *ub)
{
  memcpy (ua, a, dim * sizeof (float));
  memcpy (ub, b, dim * sizeof (float));
  unitvec (ua, dim);
  unitvec (ub, dim);
  return cblas_sdot ((blasint) dim, ua, 1, ub, 1);
}

gboolean
ws_similarity (WsVectors   *vectors,
               const char  *word1,
               const char  *word2,
               float       *similarity,
               GError     **error)
{
  g_autofree float *buf = NULL;
  gsize dim, r1, r2;

  g_return_val_if_fail (WS_IS_VECTORS (vectors), FALSE);
  g_return_val_if_fail (similarity != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lookup_word (vectors, word1, &r1, error) || !lookup_word (vectors, word2, &r2, error))
    return FALSE;

  dim = ws_vectors_get_dim (vectors);
  buf = g_new (float, 2 * dim);
  *similarity = unit_dot (ws_vectors_get_row (vectors, r1), ws_vectors_get_row (vectors, r2),
                          dim, buf, buf + dim);
  return TRUE;
}

/* get_mean_vector (words, pre_normalize=False): the plain float32 mean of
 * the stored vectors of the known words; unknown ones are skipped. */
static gboolean
plain_mean (WsVectors          *vectors,
            const char * const *words,
            gsize               n_words,
            float              *mean,
            GError            **error)
{
  gsize dim = ws_vectors_get_dim (vectors);
  gsize n_known = 0;

  memset (mean, 0, dim * sizeof (float));
  for (gsize i = 0; i < n_words; i++)
    {
      const float *v;
      gsize row;

      if (words[i] == NULL || !ws_vectors_lookup (vectors, words[i], &row))
        continue;
      v = ws_vectors_get_row (vectors, row);
      for (gsize j = 0; j < dim; j++)
        mean[j] += v[j];
      n_known++;
    }

  if (n_known == 0)
    {
      /* gensim would answer 0.0 from an empty mean, which tells nothing. */
      set_unknown_word (error, n_words > 0 && words[0] != NULL ? words[0] : "");
      return FALSE;
    }
  for (gsize j = 0; j < dim; j++)
    mean[j] = mean[j] / (float) n_known;
  return TRUE;
}

gboolean
ws_n_similarity (WsVectors          *vectors,
                 const char * const *words1,
                 gsize               n_words1,
                 const char * const *words2,
                 gsize               n_words2,
                 float              *similarity,
                 GError            **error)
{
  g_autofree float *buf = NULL;
  gsize dim;

  g_return_val_if_fail (WS_IS_VECTORS (vectors), FALSE);
  g_return_val_if_fail (words1 != NULL || n_words1 == 0, FALSE);
  g_return_val_if_fail (words2 != NULL || n_words2 == 0, FALSE);
  g_return_val_if_fail (similarity != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_words1 == 0 || n_words2 == 0)
    {
      g_set_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_EMPTY,
                   _("Comparing two sets of words needs at least one word in each"));
      return FALSE;
    }

  dim = ws_vectors_get_dim (vectors);
  buf = g_new (float, 2 * dim);
  if (!plain_mean (vectors, words1, n_words1, buf, error) ||
      !plain_mean (vectors, words2, n_words2, buf + dim, error))
    return FALSE;
  unitvec (buf, dim);
  unitvec (buf + dim, dim);
  *similarity = cblas_sdot ((blasint) dim, buf, 1, buf + dim, 1);
  return TRUE;
}

const char *
ws_doesnt_match (WsVectors          *vectors,
                 const char * const *words,
                 gsize               n_words,
                 GStrv              *ignored,
                 GError            **error)
{
  g_autoptr(GStrvBuilder) ignored_builder = NULL;
  g_autofree gsize *rows = NULL;
  g_autofree float *unit = NULL;
  g_autofree float *mean = NULL;
  g_autofree float *dists = NULL;
  gsize dim, n_used = 0, worst = 0;
  const char *worst_word;

  g_return_val_if_fail (WS_IS_VECTORS (vectors), NULL);
  g_return_val_if_fail (words != NULL || n_words == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (ignored != NULL)
    *ignored = NULL;
  ignored_builder = g_strv_builder_new ();
  rows = g_new (gsize, MAX (n_words, 1));
  for (gsize i = 0; i < n_words; i++)
    {
      if (words[i] != NULL && ws_vectors_lookup (vectors, words[i], &rows[n_used]))
        n_used++;
      else if (words[i] != NULL)
        g_strv_builder_add (ignored_builder, words[i]);
    }

  if (n_used == 0)
    {
      if (n_words == 0)
        g_set_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_EMPTY,
                     _("Finding the odd one out needs at least one word"));
      else if (n_words == 1)
        set_unknown_word (error, words[0]);
      else
        {
          g_auto(GStrv) unknown = g_strv_builder_end (ignored_builder);
          g_autofree char *list = g_strjoinv (_("”, “"), unknown);

          g_set_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_UNKNOWN_WORD,
                       _("None of the words is in the model: “%s”"), list);
        }
      return NULL;
    }

  /* rank_by_centrality: the unit vectors of the used words (repeats kept),
   * their float32 mean made a unit vector, and each one's dot with it. */
  dim = ws_vectors_get_dim (vectors);
  unit = g_new (float, n_used * dim);
  mean = g_new0 (float, dim);
  dists = g_new (float, n_used);
  for (gsize i = 0; i < n_used; i++)
    {
      memcpy (unit + i * dim, ws_vectors_get_unit_row (vectors, rows[i]), dim * sizeof (float));
      for (gsize j = 0; j < dim; j++)
        mean[j] += unit[i * dim + j];
    }
  for (gsize j = 0; j < dim; j++)
    mean[j] = mean[j] / (float) n_used;
  unitvec (mean, dim);
  cblas_sgemv (CblasRowMajor, CblasNoTrans, (blasint) n_used, (blasint) dim, 1.0f, unit,
               (blasint) dim, mean, 1, 0.0f, dists, 1);

  /* gensim sorts (dist, word) pairs and takes the last: the lowest
   * distance, and on a tie the word that sorts first. */
  for (gsize i = 1; i < n_used; i++)
    {
      const char *wi = ws_vectors_get_word (vectors, rows[i]);
      const char *ww = ws_vectors_get_word (vectors, rows[worst]);

      if (dists[i] < dists[worst] || (dists[i] == dists[worst] && strcmp (wi, ww) < 0))
        worst = i;
    }
  worst_word = ws_vectors_get_word (vectors, rows[worst]);

  if (ignored != NULL)
    *ignored = g_strv_builder_end (ignored_builder);
  return worst_word;
}

gboolean
ws_rank (WsVectors   *vectors,
         const char  *word1,
         const char  *word2,
         gsize       *rank,
         GError     **error)
{
  g_autofree float *sims = NULL;
  const float *norms;
  gsize n, dim, r1, r2, closer = 0;
  float norm1, d2;

  g_return_val_if_fail (WS_IS_VECTORS (vectors), FALSE);
  g_return_val_if_fail (rank != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lookup_word (vectors, word1, &r1, error) || !lookup_word (vectors, word2, &r2, error))
    return FALSE;

  /* closer_than: cosine distances 1 - dot (vectors, v1) / (|v1| × norms),
   * all float32; the rows strictly closer than @word2, less @word1. */
  n = ws_vectors_get_n_words (vectors);
  dim = ws_vectors_get_dim (vectors);
  norms = ws_vectors_get_norms (vectors);
  /* numpy's norm of one vector is sqrt (dot (v, v)) in float32. */
  norm1 = sqrtf (cblas_sdot ((blasint) dim, ws_vectors_get_row (vectors, r1), 1,
                             ws_vectors_get_row (vectors, r1), 1));
  sims = g_try_new (float, n);
  if (sims == NULL)
    {
      g_set_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_INVALID,
                   _("Not enough memory for the scores of %" G_GSIZE_FORMAT " words"), n);
      return FALSE;
    }
  cblas_sgemv (CblasRowMajor, CblasNoTrans, (blasint) n, (blasint) dim, 1.0f,
               ws_vectors_get_matrix (vectors), (blasint) dim,
               ws_vectors_get_row (vectors, r1), 1, 0.0f, sims, 1);
  for (gsize i = 0; i < n; i++)
    sims[i] = 1.0f - sims[i] / (norm1 * norms[i]);
  d2 = sims[r2];
  for (gsize i = 0; i < n; i++)
    if (sims[i] < d2 && i != r1)
      closer++;

  *rank = closer + 1;
  return TRUE;
}
