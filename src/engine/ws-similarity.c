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
 * most_similar and most_similar_cosmul score rows with one float32 dot
 * product kernel (dot_f32) and keep the best k in a binary heap, so a query
 * over millions of rows sorts only k of them. Over many rows they first scan
 * the int8 codes of the unit rows (ws_vectors_get_quantized), which bound
 * every score rigorously, and score in float32 only the rows that can make
 * the top k: the answer is the exact scan's, element by element (see "The
 * cosine scan" below). rank uses cblas_sgemv on the raw matrix, as gensim's
 * distances do. Equal scores keep row order (gensim's sort is not stable:
 * its order among exact ties is arbitrary).
 */
#define G_LOG_DOMAIN "ws-similarity"

#include "config.h"

#include <cblas.h>
#include <float.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>
#define WS_HAVE_X86 1
#endif

#include "ws-similarity-private.h"
#include "ws-vectors-private.h"

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


/* --- The cosine scan ----------------------------------------------------
 *
 * A row's score is dot_f32 (unit row, query): one kernel, whose order of
 * operations depends only on the dimension, for every path, so a row scores
 * the same float32 whether it is found by the exact scan or re-scored after
 * the quantized one. (cblas_sgemv would not do: its kernels sum a row in an
 * order that may depend on where the row falls in the block.)
 *
 * The quantized scan (WS_SCAN_QUANTIZED): the query m is quantized like the
 * rows, m = sm × p + em_vec; a unit row u = s × q + e_vec (ws-vectors.c).
 * Then u · m − s sm (q · p) = (s q) · em_vec + e_vec · m, so by Cauchy–
 * Schwarz |u · m − A| ≤ |s q| |em| + |e| |m| ≤ (1 + |e|) |em| + |e| |m|
 * (|u| ≤ 1), where A = s sm (q · p) comes from an exact int8 dot product.
 * Adding the float32 rounding of dot_f32 (≤ dim × 2⁻²³ |m| for a unit row)
 * and of A and the bound themselves gives an interval [lb, ub] that holds
 * the row's float32 score. With L the k-th best lb among the rows that may
 * be answers (not input words, not zero rows), every row of the top k has
 * ub ≥ L: k rows score at least L, and a row scoring below L is beaten by
 * them all. Those rows are scored with dot_f32 and ranked as the exact scan
 * ranks, so the answer is the same, ties and all. Zero rows score NaN and
 * come last: they can only be answers when fewer than k other rows are
 * there, and then the exact scan answers. */

static gint scan_mode = WS_SCAN_AUTO;
static gint last_candidates = -1;

void
ws_similarity_set_scan_mode (WsScanMode mode)
{
  g_atomic_int_set (&scan_mode, (gint) mode);
}

gint
ws_similarity_get_last_candidates (void)
{
  return g_atomic_int_get (&last_candidates);
}

typedef float (*DotF32Func) (const float *a,
                             const float *b,
                             gsize        n);
typedef void (*DotsI8Func) (const gint8 *codes,
                            gsize        stride,
                            gsize        n_rows,
                            const gint8 *query,
                            gint32      *out);

static float
dot_f32_portable (const float *a,
                  const float *b,
                  gsize        n)
{
  float acc[8] = { 0 };
  gsize j = 0;
  float r;

  for (; j + 8 <= n; j += 8)
    for (int l = 0; l < 8; l++)
      acc[l] += a[j + l] * b[j + l];
  r = ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
  for (; j < n; j++)
    r += a[j] * b[j];
  return r;
}

static void
dots_i8_portable (const gint8 *codes,
                  gsize        stride,
                  gsize        n_rows,
                  const gint8 *query,
                  gint32      *out)
{
  for (gsize i = 0; i < n_rows; i++)
    {
      const gint8 *c = codes + i * stride;
      gint32 sum = 0;

      for (gsize j = 0; j < stride; j++)
        sum += (gint32) c[j] * (gint32) query[j];
      out[i] = sum;
    }
}

#ifdef WS_HAVE_X86
__attribute__ ((target ("avx2,fma")))
static float
dot_f32_avx2 (const float *a,
              const float *b,
              gsize        n)
{
  __m256 acc0 = _mm256_setzero_ps (), acc1 = _mm256_setzero_ps ();
  __m128 s;
  gsize j = 0;
  float r;

  for (; j + 16 <= n; j += 16)
    {
      acc0 = _mm256_fmadd_ps (_mm256_loadu_ps (a + j), _mm256_loadu_ps (b + j), acc0);
      acc1 = _mm256_fmadd_ps (_mm256_loadu_ps (a + j + 8), _mm256_loadu_ps (b + j + 8), acc1);
    }
  if (j + 8 <= n)
    {
      acc0 = _mm256_fmadd_ps (_mm256_loadu_ps (a + j), _mm256_loadu_ps (b + j), acc0);
      j += 8;
    }
  acc0 = _mm256_add_ps (acc0, acc1);
  s = _mm_add_ps (_mm256_castps256_ps128 (acc0), _mm256_extractf128_ps (acc0, 1));
  s = _mm_add_ps (s, _mm_movehl_ps (s, s));
  s = _mm_add_ss (s, _mm_movehdup_ps (s));
  r = _mm_cvtss_f32 (s);
  for (; j < n; j++)
    r = fmaf (a[j], b[j], r);
  return r;
}

/* The exact int8 dot products of rows of @codes with @query: each product
 * |q_j p_j| ≤ 127², so maddubs' pairwise int16 sums cannot saturate. */
__attribute__ ((target ("avx2")))
static inline __m256i
dot_i8_step (__m256i acc,
             __m256i x,
             __m256i y)
{
  const __m256i ones = _mm256_set1_epi16 (1);
  __m256i p = _mm256_maddubs_epi16 (_mm256_abs_epi8 (x), _mm256_sign_epi8 (y, x));

  return _mm256_add_epi32 (acc, _mm256_madd_epi16 (p, ones));
}

/* 16 bytes into the low half, zeros above. */
__attribute__ ((target ("avx2")))
static inline __m256i
load_half (const gint8 *p)
{
  return _mm256_inserti128_si256 (_mm256_setzero_si256 (),
                                  _mm_loadu_si128 ((const __m128i *) p), 0);
}

/* The scan kernel, once per instruction set: STEP adds the products of
 * one 32-byte chunk into an accumulator of eight int32. */
#define DEFINE_DOTS_I8(NAME, TARGET, STEP) \
__attribute__ ((target (TARGET)))                                                         \
static void                                                                               \
NAME (const gint8 *codes,                                                               \
      gsize        stride,                                                        \
              gsize        n_rows,                                                        \
              const gint8 *query,                                                         \
              gint32      *out)                                                           \
{                                                                                         \
  gsize i = 0;                                                                            \
                                                                                          \
  for (; i + 4 <= n_rows; i += 4)                                                         \
    {                                                                                     \
      const gint8 *c = codes + i * stride;                                                \
      __m256i a0 = _mm256_setzero_si256 (), a1 = a0, a2 = a0, a3 = a0;                    \
      __m256i h01, h23, h;                                                                \
      __m128i r;                                                                          \
      gsize j;                                                                            \
                                                                                          \
      for (j = 0; j + 32 <= stride; j += 32)                                              \
        {                                                                                 \
          __m256i y = _mm256_loadu_si256 ((const __m256i *) (query + j));                 \
                                                                                          \
          a0 = STEP (a0, _mm256_loadu_si256 ((const __m256i *) (c + j)), y);              \
          a1 = STEP (a1, _mm256_loadu_si256 ((const __m256i *) (c + stride + j)), y);     \
          a2 = STEP (a2, _mm256_loadu_si256 ((const __m256i *) (c + 2 * stride + j)), y); \
          a3 = STEP (a3, _mm256_loadu_si256 ((const __m256i *) (c + 3 * stride + j)), y); \
        }                                                                                 \
      if (j < stride)                                                                     \
        {                                                                                 \
          /* The last 16 bytes: a half-width step, zero upper half. */                    \
          __m256i y = load_half (query + j);                                              \
          a0 = STEP (a0, load_half (c + j), y);                                           \
          a1 = STEP (a1, load_half (c + stride + j), y);                                  \
          a2 = STEP (a2, load_half (c + 2 * stride + j), y);                              \
          a3 = STEP (a3, load_half (c + 3 * stride + j), y);                              \
        }                                                                                 \
      /* Horizontal sums of the four accumulators at once. */                             \
      h01 = _mm256_hadd_epi32 (a0, a1);                                                   \
      h23 = _mm256_hadd_epi32 (a2, a3);                                                   \
      h = _mm256_hadd_epi32 (h01, h23);                                                   \
      r = _mm_add_epi32 (_mm256_castsi256_si128 (h), _mm256_extracti128_si256 (h, 1));    \
      _mm_storeu_si128 ((__m128i *) (out + i), r);                                        \
    }                                                                                     \
  for (; i < n_rows; i++)                                                                 \
    {                                                                                     \
      const gint8 *c = codes + i * stride;                                                \
      __m256i a = _mm256_setzero_si256 ();                                                \
      __m128i r;                                                                          \
      gsize j;                                                                            \
                                                                                          \
      for (j = 0; j + 32 <= stride; j += 32)                                              \
        a = STEP (a, _mm256_loadu_si256 ((const __m256i *) (c + j)),                      \
                         _mm256_loadu_si256 ((const __m256i *) (query + j)));             \
      if (j < stride)                                                                     \
        a = STEP (a, load_half (c + j), load_half (query + j));                           \
      r = _mm_add_epi32 (_mm256_castsi256_si128 (a), _mm256_extracti128_si256 (a, 1));    \
      r = _mm_add_epi32 (r, _mm_shuffle_epi32 (r, _MM_SHUFFLE (1, 0, 3, 2)));             \
      r = _mm_add_epi32 (r, _mm_shuffle_epi32 (r, _MM_SHUFFLE (2, 3, 0, 1)));             \
      out[i] = _mm_cvtsi128_si32 (r);                                                     \
    }                                                                                     \
}

DEFINE_DOTS_I8 (dots_i8_avx2, "avx2", dot_i8_step)

/* AVX-VNNI: one instruction multiplies unsigned by signed bytes and adds
 * into int32, without saturation. The row's codes are made unsigned by
 * flipping their top bit (q + 128), and 128 × the sum of the query's codes
 * taken off at the end. */
__attribute__ ((target ("avx2,avxvnni")))
static inline __m256i
dot_i8_step_vnni (__m256i acc,
                  __m256i x,
                  __m256i y)
{
  return _mm256_dpbusd_avx_epi32 (acc, _mm256_xor_si256 (x, _mm256_set1_epi8 (-128)), y);
}

DEFINE_DOTS_I8 (dots_i8_vnni_biased, "avx2,avxvnni", dot_i8_step_vnni)

static void
dots_i8_vnni (const gint8 *codes,
              gsize        stride,
              gsize        n_rows,
              const gint8 *query,
              gint32      *out)
{
  gint32 bias = 0;

  for (gsize j = 0; j < stride; j++)
    bias += 128 * (gint32) query[j];
  dots_i8_vnni_biased (codes, stride, n_rows, query, out);
  for (gsize i = 0; i < n_rows; i++)
    out[i] -= bias;
}
#endif

static DotF32Func
get_dot_f32 (void)
{
  static gsize func;

  if (g_once_init_enter (&func))
    {
      DotF32Func f = dot_f32_portable;

#ifdef WS_HAVE_X86
      __builtin_cpu_init ();
      if (__builtin_cpu_supports ("avx2") && __builtin_cpu_supports ("fma"))
        f = dot_f32_avx2;
#endif
      g_once_init_leave (&func, (gsize) f);
    }
  return (DotF32Func) func;
}

#ifdef WS_HAVE_X86
/* AVX-VNNI, asked of CPUID (leaf 7, sub-leaf 1, EAX bit 4) rather than
 * with __builtin_cpu_supports ("avxvnni"), which clang 14 does not know;
 * the caller checks AVX2 first, which covers the OS saving the registers. */
static gboolean
cpu_has_avx_vnni (void)
{
  unsigned int eax, ebx, ecx, edx;

  return __get_cpuid_count (7, 1, &eax, &ebx, &ecx, &edx) && (eax & (1u << 4)) != 0;
}
#endif

static DotsI8Func
get_dots_i8 (void)
{
  static gsize func;

  if (g_once_init_enter (&func))
    {
      DotsI8Func f = dots_i8_portable;

#ifdef WS_HAVE_X86
      __builtin_cpu_init ();
      if (__builtin_cpu_supports ("avx2"))
        f = dots_i8_avx2;
      if (__builtin_cpu_supports ("avx2") && cpu_has_avx_vnni ())
        f = dots_i8_vnni;
#endif
      g_once_init_leave (&func, (gsize) f);
    }
  return (DotsI8Func) func;
}

guint
ws_similarity_compare_i8_kernels (const gint8 *codes,
                                  gsize        stride,
                                  gsize        n_rows,
                                  const gint8 *query)
{
  DotsI8Func kernels[3];
  guint n_kernels = 0;
  g_autofree gint32 *want = g_new0 (gint32, n_rows + 1);
  g_autofree gint32 *got = g_new0 (gint32, n_rows + 1);

  g_return_val_if_fail (stride % 16 == 0, 0);

  kernels[n_kernels++] = dots_i8_portable;
#ifdef WS_HAVE_X86
  __builtin_cpu_init ();
  if (__builtin_cpu_supports ("avx2"))
    kernels[n_kernels++] = dots_i8_avx2;
  if (__builtin_cpu_supports ("avx2") && cpu_has_avx_vnni ())
    kernels[n_kernels++] = dots_i8_vnni;
#endif
  dots_i8_portable (codes, stride, n_rows, query, want);
  for (guint k = 1; k < n_kernels; k++)
    {
      kernels[k] (codes, stride, n_rows, query, got);
      if (memcmp (want, got, n_rows * sizeof (gint32)) != 0)
        return 0;
    }
  return n_kernels;
}

/* Unit rows an exact scan of a lean model computes at a time (about
 * 300 kB at 300 dimensions: they stay in the cache while scored). */
#define UNIT_BLOCK_ROWS 256

/* Every one of the first @n rows but the @excluded ones, scored with
 * dot_f32; NaN for a zero row, as gensim's dot (vectors, mean) / norms
 * gives. */
static void
exact_cosines (WsVectors   *vectors,
               const float *query,
               gsize        n,
               const gsize *excluded,
               gsize        n_excluded,
               TopK        *topk)
{
  DotF32Func dot = get_dot_f32 ();
  gsize dim = ws_vectors_get_dim (vectors);
  const float *norms = ws_vectors_get_norms (vectors);
  g_autofree float *buffer = ws_vectors_has_unit_matrix (vectors) ? NULL :
                             g_new (float, UNIT_BLOCK_ROWS * dim);

  g_atomic_int_set (&last_candidates, -1);
  for (gsize first = 0; first < n; first += UNIT_BLOCK_ROWS)
    {
      gsize rows = MIN (UNIT_BLOCK_ROWS, n - first);
      const float *unit = ws_vectors_unit_rows (vectors, first, rows, buffer);

      for (gsize i = 0; i < rows; i++)
        {
          gsize row = first + i;

          if (n_excluded > 0 && is_excluded (row, excluded, n_excluded))
            continue;
          topk_offer (topk, norms[row] == 0.0f ? NAN : dot (unit + i * dim, query, dim), row);
        }
    }
}

/* A min-heap of the k best lower bounds. */
static inline void
bound_heap_push (float *heap,
                 gsize *len,
                 float  value)
{
  gsize i = (*len)++;

  heap[i] = value;
  while (i > 0 && heap[(i - 1) / 2] > heap[i])
    {
      float tmp = heap[i];

      heap[i] = heap[(i - 1) / 2];
      heap[(i - 1) / 2] = tmp;
      i = (i - 1) / 2;
    }
}

static inline void
bound_heap_replace_min (float *heap,
                        gsize  len,
                        float  value)
{
  gsize i = 0;

  heap[0] = value;
  for (;;)
    {
      gsize l = 2 * i + 1, r = l + 1, least = i;
      float tmp;

      if (l < len && heap[l] < heap[least])
        least = l;
      if (r < len && heap[r] < heap[least])
        least = r;
      if (least == i)
        return;
      tmp = heap[i];
      heap[i] = heap[least];
      heap[least] = tmp;
      i = least;
    }
}

/* Quantizes a query vector @m into @p (dim codes; the caller zeroes the
 * padding) with scale *@sm, and sets the terms of the bound on
 * |dot_f32 (u, m) − s sm (q · p)| for a unit row u = s q + e:
 * |e| × *@c1 + *@c0 (see above). FALSE for a zero or non-finite query. */
static gboolean
quantize_query (const float *m,
                gsize        dim,
                gint8       *p,
                float       *sm,
                float       *c0,
                float       *c1)
{
  double sum_sq = 0.0, residual = 0.0;
  float max = 0.0f, mn, em;

  for (gsize j = 0; j < dim; j++)
    {
      sum_sq += (double) m[j] * m[j];
      max = MAX (max, fabsf (m[j]));
    }
  if (!isfinite (sum_sq) || !(max > 0.0f))
    return FALSE;
  *sm = max / 127.0f;
  for (gsize j = 0; j < dim; j++)
    {
      long q = CLAMP (lrintf (m[j] / *sm), -127, 127);
      double r = (double) m[j] - (double) *sm * (double) q;

      p[j] = (gint8) q;
      residual += r * r;
    }
  mn = (float) (sqrt (sum_sq) * (1.0 + 1e-6));
  em = (float) (sqrt (residual) * (1.0 + 1e-6));
  /* bound = |e| (|em| + |m|) + (1 + 1e-5) |em| + float32 rounding. */
  *c1 = em + mn;
  *c0 = 1.00001f * em + (float) dim * FLT_EPSILON * mn + 1e-6f;
  return TRUE;
}

typedef struct
{
  gsize row;
  float ub;
} Candidate;

#define QUANT_BLOCK_ROWS 4096
/* Rows below which a second thread costs more than it saves. */
#define MIN_ROWS_PER_THREAD 131072

/* 0: as many cores as the calling thread may use, up to 2. A second
 * thread halves a 3 M x 300 scan (53 ms to 26 ms on an idle 2-core
 * machine). The window's queries run at its own priority on every core:
 * the person is waiting for them, and they are over in tens of
 * milliseconds. */
static gint scan_threads = 0;

void
ws_similarity_set_scan_threads (guint n_threads)
{
  g_atomic_int_set (&scan_threads, (gint) MIN (n_threads, 2));
}

static guint
get_scan_threads (void)
{
  guint n = (guint) g_atomic_int_get (&scan_threads);

  return n > 0 ? n : CLAMP (g_get_num_processors (), 1, 2);
}

/* One thread's share of the quantized cosine scan: rows [first, end). */
typedef struct
{
  DotsI8Func   dots_i8;
  const gint8 *codes;
  const float *scales;
  const float *errors;
  gsize        stride;
  const gint8 *p;
  float        sm, c0, c1;
  const gsize *excluded;
  gsize        n_excluded;
  gsize        first, end, k;
  /* Out: the best k lower bounds, and every row whose upper bound reached
   * the k-th best lower bound of its time. */
  float       *heap;
  gsize        n_heap;
  GArray      *candidates;
} ScanPart;

static gpointer
scan_part (gpointer data)
{
  ScanPart *part = data;
  gsize stride = part->stride, k = part->k, n_heap = 0;
  const float *scales = part->scales, *errors = part->errors;
  float sm = part->sm, c0 = part->c0, c1 = part->c1, limit = -INFINITY;
  float *heap = part->heap;
  g_autofree gint32 *dots = g_new (gint32, QUANT_BLOCK_ROWS);
  g_autofree float *ubs = g_new (float, QUANT_BLOCK_ROWS);

  for (gsize first = part->first; first < part->end; first += QUANT_BLOCK_ROWS)
    {
      gsize rows = MIN (QUANT_BLOCK_ROWS, part->end - first);

      part->dots_i8 (part->codes + first * stride, stride, rows, part->p, dots);
      /* A loop the compiler vectorizes; the one below mostly just compares. */
      for (gsize i = 0; i < rows; i++)
        ubs[i] = (float) dots[i] * (scales[first + i] * sm) + (errors[first + i] * c1 + c0);
      for (gsize i = 0; i < rows; i++)
        {
          gsize row = first + i;
          float a, b, lb;
          Candidate c;

          if (ubs[i] < limit || scales[row] == 0.0f)
            continue;
          if (part->n_excluded > 0 && is_excluded (row, part->excluded, part->n_excluded))
            continue;
          a = (float) dots[i] * (scales[row] * sm);
          b = errors[row] * c1 + c0;
          c.row = row;
          c.ub = a + b;
          g_array_append_val (part->candidates, c);
          lb = a - b;
          if (n_heap < k)
            {
              bound_heap_push (heap, &n_heap, lb);
              if (n_heap == k)
                limit = heap[0];
            }
          else if (lb > limit)
            {
              bound_heap_replace_min (heap, n_heap, lb);
              limit = heap[0];
            }
        }
    }
  part->n_heap = n_heap;
  return NULL;
}

static int
compare_float_descending (gconstpointer a,
                          gconstpointer b)
{
  float x = *(const float *) a, y = *(const float *) b;

  return (x < y) - (x > y);
}

/* The int8 codes a quantized scan of @n rows for @k results would read, and
 * their row stride; 0 when that scan should not be tried (exact mode asked
 * for, too few rows or too many results to pay off, no codes). */
static gsize
quantized_scan_codes (WsVectors     *vectors,
                      WsScanMode     mode,
                      gsize          n,
                      gsize          k,
                      const gint8  **codes,
                      const float  **scales,
                      const float  **errors)
{
  gsize stride;

  if (mode == WS_SCAN_EXACT || k == 0)
    return 0;
  if (mode == WS_SCAN_AUTO && (n < 4096 || k > 1024 || k > n / 16))
    return 0;
  /* int32 sums of dim products of at most 127² each. */
  if (ws_vectors_get_dim (vectors) > 100000)
    return 0;
  stride = ws_vectors_get_quantized (vectors, codes, scales, errors);
  return *codes != NULL ? stride : 0;
}

/* The top k of the first @n rows (but the @excluded ones) by the quantized
 * scan; FALSE, having offered nothing, when it cannot answer (the caller
 * then scans exactly). With two threads each scans half the rows; the k-th
 * best lower bound over all rows is the k-th best of the two halves' k best,
 * and every row that may reach it is among the halves' candidates, since
 * each half's own k-th best was never above it. */
static gboolean
quantized_cosines (WsVectors   *vectors,
                   const float *query,
                   gsize        n,
                   const gsize *excluded,
                   gsize        n_excluded,
                   TopK        *topk)
{
  DotF32Func dot = get_dot_f32 ();
  WsScanMode mode = (WsScanMode) g_atomic_int_get (&scan_mode);
  gsize dim = ws_vectors_get_dim (vectors);
  g_autofree float *buffer = NULL;
  const gint8 *codes;
  const float *scales, *errors;
  gsize stride, k = topk->k, n_parts, n_bounds = 0;
  g_autofree gint8 *p = NULL;
  g_autofree float *heaps = NULL;
  ScanPart parts[2];
  GThread *helper = NULL;
  float sm, c0, c1, limit;
  gint n_scored = 0;

  stride = quantized_scan_codes (vectors, mode, n, k, &codes, &scales, &errors);
  if (stride == 0)
    return FALSE;

  p = g_new0 (gint8, stride);
  if (!quantize_query (query, dim, p, &sm, &c0, &c1))
    return FALSE;

  /* WS_SCAN_QUANTIZED (tests) splits whatever has two blocks. */
  n_parts = get_scan_threads () > 1 &&
            n >= 2 * (mode == WS_SCAN_QUANTIZED ? QUANT_BLOCK_ROWS : MIN_ROWS_PER_THREAD) ? 2 : 1;
  heaps = g_new (float, n_parts * k);
  for (gsize t = 0; t < n_parts; t++)
    {
      /* Split on a block boundary. */
      gsize half = (n / 2 + QUANT_BLOCK_ROWS - 1) / QUANT_BLOCK_ROWS * QUANT_BLOCK_ROWS;

      parts[t] = (ScanPart) {
        get_dots_i8 (), codes, scales, errors, stride, p, sm, c0, c1, excluded, n_excluded,
        n_parts == 1 ? 0 : t == 0 ? 0 : half, n_parts == 1 ? n : t == 0 ? half : n, k,
        heaps + t * k, 0, g_array_sized_new (FALSE, FALSE, sizeof (Candidate), 2 * k + 64),
      };
    }
  if (n_parts == 2)
    helper = g_thread_try_new ("ws-scan", scan_part, &parts[1], NULL);
  scan_part (&parts[0]);
  if (n_parts == 2)
    {
      if (helper != NULL)
        g_thread_join (helper);
      else
        scan_part (&parts[1]);
    }

  /* The k-th best lower bound over all rows. Fewer than k rows that are
   * numbers: zero rows (NaN) are answers too, and the exact scan answers. */
  for (gsize t = 0; t < n_parts; t++)
    {
      memmove (heaps + n_bounds, parts[t].heap, parts[t].n_heap * sizeof (float));
      n_bounds += parts[t].n_heap;
    }
  if (n_bounds >= k)
    {
      buffer = g_new (float, dim);
      qsort (heaps, n_bounds, sizeof (float), compare_float_descending);
      limit = heaps[k - 1];
      for (gsize t = 0; t < n_parts; t++)
        for (gsize i = 0; i < parts[t].candidates->len; i++)
          {
            const Candidate *c = &g_array_index (parts[t].candidates, Candidate, i);

            if (c->ub < limit)
              continue;
            topk_offer (topk, dot (ws_vectors_unit_rows (vectors, c->row, 1, buffer), query, dim),
                        c->row);
            n_scored++;
          }
      g_atomic_int_set (&last_candidates, n_scored);
    }
  for (gsize t = 0; t < n_parts; t++)
    g_array_unref (parts[t].candidates);
  return n_bounds >= k;
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
  g_autofree float *buffer = g_new (float, dim);

  memset (mean, 0, dim * sizeof (float));
  *n_rows = 0;
  for (gsize i = 0; i < n_terms; i++)
    {
      const float *v;
      float w = terms[i].weight;

      if (!isfinite (w))
        {
          g_set_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_INVALID,
                       _("Term %zu has a weight that is not a finite number"),
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
          v = ws_vectors_unit_rows (vectors, row, 1, buffer);
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
  TopK topk = { 0 };
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
  result = topk_init (&topk, topn, n);
  if (!quantized_cosines (vectors, mean, n, rows, n_rows, &topk))
    exact_cosines (vectors, mean, n, rows, n_rows, &topk);
  return topk_finish (&topk, result);
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
 * is the float64 1.0, and 1.0 + 1e-6 meets the float32 scores as a float32.
 * @cos holds the row's cosines with the positive, then the negative words.
 * Not inlined: both scans must run the very same instructions. */
G_GNUC_NO_INLINE static float
cosmul_score (const float *cos,
              gsize        n_positive,
              gsize        n_negative)
{
  const float no_negative = (float) (1.0 + 0.000001);
  float pos, neg;

  pos = (1.0f + cos[0]) / 2.0f;
  for (gsize t = 1; t < n_positive; t++)
    pos = pos * ((1.0f + cos[t]) / 2.0f);
  if (n_negative == 0)
    return pos / no_negative;
  neg = (1.0f + cos[n_positive]) / 2.0f;
  for (gsize t = n_positive + 1; t < n_positive + n_negative; t++)
    neg = neg * ((1.0f + cos[t]) / 2.0f);
  return pos / (neg + COSMUL_EPSILON);
}

static void
exact_cosmul (WsVectors   *vectors,
              const float *terms,
              gsize        n_positive,
              gsize        n_negative,
              gsize        n,
              const gsize *excluded,
              TopK        *topk)
{
  DotF32Func dot = get_dot_f32 ();
  gsize dim = ws_vectors_get_dim (vectors), k = n_positive + n_negative;
  const float *norms = ws_vectors_get_norms (vectors);
  g_autofree float *cos = g_new (float, k);
  g_autofree float *buffer = ws_vectors_has_unit_matrix (vectors) ? NULL :
                             g_new (float, UNIT_BLOCK_ROWS * dim);

  g_atomic_int_set (&last_candidates, -1);
  for (gsize first = 0; first < n; first += UNIT_BLOCK_ROWS)
    {
      gsize rows = MIN (UNIT_BLOCK_ROWS, n - first);
      const float *unit = ws_vectors_unit_rows (vectors, first, rows, buffer);

      for (gsize i = 0; i < rows; i++)
        {
          gsize row = first + i;

          if (is_excluded (row, excluded, k))
            continue;
          if (norms[row] == 0.0f)
            {
              topk_offer (topk, NAN, row);
              continue;
            }
          for (gsize t = 0; t < k; t++)
            cos[t] = dot (unit + i * dim, terms + t * dim, dim);
          topk_offer (topk, cosmul_score (cos, n_positive, n_negative), row);
        }
    }
}

/* Bounds the product of factors f_t = (1 + c_t) / 2 with c_t in
 * [lo[t], hi[t]]: *@upper ≥ it ≥ *@lower. */
static void
product_bounds (const double *lo,
                const double *hi,
                gsize         n,
                double       *lower,
                double       *upper)
{
  double low = 1.0, magnitude = 1.0;
  gboolean nonnegative = TRUE;

  for (gsize t = 0; t < n; t++)
    {
      double flo = (1.0 + lo[t]) / 2.0, fhi = (1.0 + hi[t]) / 2.0;

      if (flo < 0.0)
        nonnegative = FALSE;
      low *= MAX (flo, 0.0);
      magnitude *= MAX (fabs (flo), fabs (fhi));
    }
  /* With every factor ≥ 0 the product grows with each; otherwise only its
   * magnitude is known. */
  *lower = nonnegative ? low : -magnitude;
  *upper = magnitude;
}

/* The quantized scan for most_similar_cosmul: each cosine lies in
 * [a_t − b_t, a_t + b_t] as for most_similar, and the score, monotone in
 * each factor, within the bounds of those intervals; a relative margin of
 * 8 units in the last place per operation covers float32 rounding. */
static gboolean
quantized_cosmul (WsVectors   *vectors,
                  const float *terms,
                  gsize        n_positive,
                  gsize        n_negative,
                  gsize        n,
                  const gsize *excluded,
                  TopK        *topk)
{
  DotF32Func dot = get_dot_f32 ();
  DotsI8Func dots_i8 = get_dots_i8 ();
  WsScanMode mode = (WsScanMode) g_atomic_int_get (&scan_mode);
  gsize dim = ws_vectors_get_dim (vectors), kt = n_positive + n_negative;
  g_autofree float *buffer = NULL;
  const double margin = (double) (kt + 3) * ldexp (1.0, -21);
  const double no_negative = (float) (1.0 + 0.000001);
  const gint8 *codes;
  const float *scales, *errors;
  gsize stride, k = topk->k, n_heap = 0, block = 1024;
  g_autofree gint8 *p = NULL;
  g_autofree float *sm = NULL, *c0 = NULL, *c1 = NULL, *cos = NULL, *heap = NULL;
  g_autofree gint32 *dots = NULL;
  g_autofree double *lo = NULL, *hi = NULL;
  g_autoptr(GArray) candidates = NULL;
  double limit = -INFINITY;
  gint n_scored = 0;

  stride = quantized_scan_codes (vectors, mode, n, k, &codes, &scales, &errors);
  if (stride == 0)
    return FALSE;

  p = g_new0 (gint8, kt * stride);
  sm = g_new (float, kt);
  c0 = g_new (float, kt);
  c1 = g_new (float, kt);
  for (gsize t = 0; t < kt; t++)
    if (!quantize_query (terms + t * dim, dim, p + t * stride, &sm[t], &c0[t], &c1[t]))
      return FALSE;

  dots = g_new (gint32, kt * block);
  lo = g_new (double, kt);
  hi = g_new (double, kt);
  heap = g_new (float, k);
  candidates = g_array_sized_new (FALSE, FALSE, sizeof (Candidate), 2 * k + 64);
  for (gsize first = 0; first < n; first += block)
    {
      gsize rows = MIN (block, n - first);

      /* The block (about 300 kB) stays in cache for the later terms. */
      for (gsize t = 0; t < kt; t++)
        dots_i8 (codes + first * stride, stride, rows, p + t * stride, dots + t * block);
      for (gsize i = 0; i < rows; i++)
        {
          gsize row = first + i;
          double plo, phi, nlo, nhi, ub, lb;
          float flb;
          Candidate c;

          if (scales[row] == 0.0f)
            continue;
          for (gsize t = 0; t < kt; t++)
            {
              double a = (double) dots[t * block + i] * ((double) scales[row] * sm[t]);
              double b = (double) errors[row] * c1[t] + c0[t];

              lo[t] = a - b;
              hi[t] = a + b;
            }
          product_bounds (lo, hi, n_positive, &plo, &phi);
          if (n_negative == 0)
            {
              ub = phi / no_negative;
              lb = plo / no_negative;
            }
          else
            {
              product_bounds (lo + n_positive, hi + n_positive, n_negative, &nlo, &nhi);
              nlo += COSMUL_EPSILON;
              nhi += COSMUL_EPSILON;
              if (nlo <= 0.0)
                {
                  ub = INFINITY;
                  lb = -INFINITY;
                }
              else
                {
                  ub = phi / nlo;
                  lb = plo >= 0.0 ? plo / nhi : plo / nlo;
                }
            }
          ub += fabs (ub) * margin + 1e-30;
          lb -= fabs (lb) * margin + 1e-30;
          if (ub < limit || is_excluded (row, excluded, kt))
            continue;
          c.row = row;
          c.ub = (float) ub;
          if (c.ub < ub)
            c.ub = nextafterf (c.ub, INFINITY);
          g_array_append_val (candidates, c);
          /* Rounded down, so still a lower bound. */
          flb = (float) lb;
          if (flb > lb)
            flb = nextafterf (flb, -INFINITY);
          if (n_heap < k)
            {
              bound_heap_push (heap, &n_heap, flb);
              if (n_heap == k)
                limit = heap[0];
            }
          else if (flb > limit)
            {
              bound_heap_replace_min (heap, n_heap, flb);
              limit = heap[0];
            }
        }
    }
  if (n_heap < k)
    return FALSE;

  cos = g_new (float, kt);
  buffer = g_new (float, dim);
  for (gsize i = 0; i < candidates->len; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);
      const float *unit;

      if (c->ub < limit)
        continue;
      unit = ws_vectors_unit_rows (vectors, c->row, 1, buffer);
      for (gsize t = 0; t < kt; t++)
        cos[t] = dot (unit, terms + t * dim, dim);
      topk_offer (topk, cosmul_score (cos, n_positive, n_negative), c->row);
      n_scored++;
    }
  g_atomic_int_set (&last_candidates, n_scored);
  return TRUE;
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
  TopK topk = { 0 };
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
    ws_vectors_copy_unit_rows (vectors, rows[i], 1, terms + i * dim);

  /* gensim 4.2 accepts restrict_vocab here but scans every row all the same;
   * a row's score does not depend on the others, so restricting the scan
   * gives what its documentation promises: the best among the first rows. */
  n = clip_rows (vectors, restrict_vocab);
  result = topk_init (&topk, topn, n);
  if (!quantized_cosmul (vectors, terms, n_positive, n_negative, n, rows, &topk))
    exact_cosmul (vectors, terms, n_positive, n_negative, n, rows, &topk);
  return topk_finish (&topk, result);
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
      ws_vectors_copy_unit_rows (vectors, rows[i], 1, unit + i * dim);
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

/* ws_rank ()'s dot products of every raw row with one, block by block. */
typedef struct
{
  const float *x;
  gsize        dim;
  float       *out;
} RawDots;

static gboolean
raw_dots_block (const float  *rows,
                gsize         first_row,
                gsize         n_rows,
                gpointer      user_data,
                GError      **error)
{
  RawDots *dots = user_data;

  cblas_sgemv (CblasRowMajor, CblasNoTrans, (blasint) n_rows, (blasint) dots->dim, 1.0f,
               rows, (blasint) dots->dim, dots->x, 1, 0.0f, dots->out + first_row, 1);
  return TRUE;
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
                   _("Not enough memory for the scores of %zu words"), n);
      return FALSE;
    }
  {
    RawDots dots = { ws_vectors_get_row (vectors, r1), dim, sims };

    if (!ws_vectors_foreach_row_block (vectors, raw_dots_block, &dots, error))
      return FALSE;
  }
  for (gsize i = 0; i < n; i++)
    sims[i] = 1.0f - sims[i] / (norm1 * norms[i]);
  d2 = sims[r2];
  for (gsize i = 0; i < n; i++)
    if (sims[i] < d2 && i != r1)
      closer++;

  *rank = closer + 1;
  return TRUE;
}
