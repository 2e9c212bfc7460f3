/* ws-pca.c: principal component analysis on OpenBLAS and LAPACKE
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See ws-pca.h for what is computed and the sign convention. Everything that
 * touches all rows is a BLAS call on a block of rows; the eigenproblems are
 * solved in double precision.
 */
#define G_LOG_DOMAIN "ws-pca"

#include "config.h"

#include <cblas.h>
#include <glib/gi18n.h>
#include <lapacke.h>
#include <math.h>
#include <string.h>

#include "ws-pca.h"
#include "ws-query-error.h"

struct _WsPca
{
  GObject  parent_instance;

  gsize    dim;
  guint    n_components;
  gsize    n_samples;
  double  *mean;                                   /* dim */
  double  *components;                             /* n_components × dim */
  double   variance[WS_PCA_MAX_COMPONENTS];
  double   ratio[WS_PCA_MAX_COMPONENTS];
  double   total_variance;
};

G_DEFINE_FINAL_TYPE (WsPca, ws_pca, G_TYPE_OBJECT)

/* Rows handled by one ssyrk call: big enough for BLAS to run at full speed,
 * small enough that a float32 block sum loses nothing before it is added to
 * the double-precision total. */
#define BLOCK_ROWS 4096

/* Eigenproblems up to this size go straight to dsyevr. */
#define DENSE_EIGEN_MAX 64

/* A later row takes over the sign decision only past this factor. */
#define SIGN_TIE_FACTOR (1.0 + 1e-6)

/* An axis whose eigenvalue is below this fraction of the largest is noise. */
#define ZERO_AXIS_RATIO 1e-12

static void
ws_pca_finalize (GObject *object)
{
  WsPca *self = (WsPca *) object;

  g_free (self->mean);
  g_free (self->components);

  G_OBJECT_CLASS (ws_pca_parent_class)->finalize (object);
}

static void
ws_pca_class_init (WsPcaClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ws_pca_finalize;
}

static void
ws_pca_init (WsPca *self)
{
}

static WsPca *
ws_pca_new (gsize dim,
            guint n_components,
            gsize n_samples)
{
  WsPca *self = g_object_new (WS_TYPE_PCA, NULL);

  self->dim = dim;
  self->n_components = n_components;
  self->n_samples = n_samples;
  self->mean = g_new0 (double, dim);
  self->components = g_new0 (double, (gsize) n_components * dim);
  return self;
}

static inline const float *
source_row (const float *matrix,
            gsize        dim,
            const gsize *rows,
            gsize        i)
{
  return matrix + (rows != NULL ? rows[i] : i) * dim;
}

/* --- scratch memory ------------------------------------------------------ */

/* The temporary memory of a local fit comes from one block, kept per thread
 * between fits (up to SCRATCH_KEEP bytes), so a projection redrawn as the
 * user types costs no fresh pages: page faults took a fifth of the time. */
#define SCRATCH_KEEP ((gsize) 16 << 20)

typedef struct
{
  char  *base;
  gsize  size;
  gsize  used;
} Arena;

typedef struct
{
  char  *base;
  gsize  size;
} KeptBlock;

static void
kept_block_free (gpointer data)
{
  KeptBlock *kept = data;

  g_free (kept->base);
  g_free (kept);
}

static GPrivate kept_block = G_PRIVATE_INIT (kept_block_free);

#define ARENA_SIZE(type, count) ((sizeof (type) * (gsize) (count) + 63) & ~(gsize) 63)
#define ARENA_NEW(arena, type, count) ((type *) arena_alloc ((arena), ARENA_SIZE (type, count)))

static gboolean
arena_init (Arena *arena,
            gsize  size)
{
  KeptBlock *kept = g_private_get (&kept_block);

  arena->used = 0;
  if (kept != NULL && kept->base != NULL && kept->size >= size)
    {
      arena->base = g_steal_pointer (&kept->base);
      arena->size = kept->size;
      kept->size = 0;
      return TRUE;
    }
  arena->base = g_try_malloc (size);
  arena->size = size;
  return arena->base != NULL;
}

static void
arena_clear (Arena *arena)
{
  if (arena->base != NULL && arena->size <= SCRATCH_KEEP)
    {
      KeptBlock *kept = g_private_get (&kept_block);

      if (kept == NULL)
        {
          kept = g_new0 (KeptBlock, 1);
          g_private_set (&kept_block, kept);
        }
      if (kept->size < arena->size)
        {
          g_free (kept->base);
          kept->base = g_steal_pointer (&arena->base);
          kept->size = arena->size;
        }
    }
  g_clear_pointer (&arena->base, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Arena, arena_clear)

static gpointer
arena_alloc (Arena *arena,
             gsize  bytes)
{
  gpointer p;

  g_assert (bytes % 64 == 0);
  g_assert (arena->used + bytes <= arena->size);
  p = arena->base + arena->used;
  arena->used += bytes;
  return p;
}

/* --- eigenproblems ------------------------------------------------------ */

/* The @k largest eigenpairs of the symmetric @m × @m matrix @a (row-major,
 * upper triangle read): @values descending, eigenvectors as the columns of
 * @vectors (m × k, row-major). */
static gboolean
top_eigen_dense (const double *a,
                 gsize         m,
                 guint         k,
                 double       *values,
                 double       *vectors)
{
  g_autofree double *copy = g_memdup2 (a, m * m * sizeof (double));
  g_autofree double *w = g_new (double, m);
  g_autofree double *z = g_new (double, m * k);
  g_autofree lapack_int *support = g_new (lapack_int, 2 * m);
  lapack_int found = 0;
  lapack_int info;

  info = LAPACKE_dsyevr (LAPACK_ROW_MAJOR, 'V', 'I', 'U', m, copy, m, 0.0, 0.0,
                         m - k + 1, m, 0.0, &found, w, z, k, support);
  if (info != 0 || found != (lapack_int) k)
    return FALSE;

  /* dsyevr gives them in ascending order. */
  for (guint c = 0; c < k; c++)
    {
      values[c] = w[k - 1 - c];
      for (gsize i = 0; i < m; i++)
        vectors[i * k + c] = z[i * k + (k - 1 - c)];
    }
  return TRUE;
}

#define FILTER_EXTRA 6            /* block = k + this */
#define FILTER_MAX_DEGREE 8
#define FILTER_MAX_RANGE 1e8       /* largest amplification of one filter */
#define FILTER_MAX_ITERATIONS 60

static gsize
filter_arena_size (gsize m,
                   guint k)
{
  gsize b = MIN (k + FILTER_EXTRA, m);

  return 4 * ARENA_SIZE (double, m * b) + 2 * ARENA_SIZE (double, b * b) +
         2 * ARENA_SIZE (double, b) + ARENA_SIZE (lapack_int, 2 * b);
}

/* Orthonormalises the @b columns of @q (m × b, row-major) in place. */
static gboolean
orthonormalise (double *q,
                gsize   m,
                gsize   b,
                double *tau)
{
  return LAPACKE_dgeqrf (LAPACK_ROW_MAJOR, m, b, q, b, tau) == 0 &&
         LAPACKE_dorgqr (LAPACK_ROW_MAJOR, m, b, b, q, b, tau) == 0;
}

/* The same as top_eigen_dense, by Chebyshev-filtered subspace iteration
 * (Zhou and Saad): a block of k + 6 vectors; each round applies a Chebyshev
 * polynomial of @a that damps the spectrum below the block's smallest Ritz
 * value (its degree capped so that it amplifies by at most 1e8, which keeps
 * the weaker directions above rounding), orthonormalises the block (QR) and
 * does Rayleigh-Ritz on it, until each wanted residual ‖a u − θ u‖ is small
 * enough that u is within about 1e-6 of the eigenvector, judged from the gap
 * to the next Ritz value (at most 1e-9 θ₁ in any case). Cost per round:
 * degree + 1 products of @a with an m × (k + 6) block, and a tiny
 * eigenproblem, against O(m³) for a full tridiagonalisation. @a must hold the
 * whole matrix, both triangles. Returns FALSE when it does not converge. */
static gboolean
top_eigen_filtered (const double *a,
                    gsize         m,
                    guint         k,
                    double       *values,
                    double       *vectors,
                    Arena        *arena)
{
  gsize b = MIN (k + FILTER_EXTRA, m);
  double *q = ARENA_NEW (arena, double, m * b);
  double *aq = ARENA_NEW (arena, double, m * b);
  double *y0 = ARENA_NEW (arena, double, m * b);
  double *y1 = ARENA_NEW (arena, double, m * b);
  double *t = ARENA_NEW (arena, double, b * b);
  double *z = ARENA_NEW (arena, double, b * b);
  double *w = ARENA_NEW (arena, double, b);
  double *tau = ARENA_NEW (arena, double, b);
  lapack_int *support = ARENA_NEW (arena, lapack_int, 2 * b);
  guint32 seed = 0x9e3779b9u;

  /* Start from the columns of a with the largest diagonal entries (a times
   * those unit vectors: one power step for free), plus a little fixed
   * pseudo-random noise so no direction is missing. Repeatable. */
  {
    gsize *best = (gsize *) y0;   /* b indices, y0 is free */
    gsize taken = 0;

    for (gsize i = 0; i < m; i++)
      {
        gsize at = taken < b ? taken++ : b - 1;

        if (at == b - 1 && taken == b && i >= b && !(a[i * m + i] > a[best[at] * m + best[at]]))
          continue;
        best[at] = i;
        /* keep best[] sorted by decreasing diagonal */
        while (at > 0 && a[best[at] * m + best[at]] > a[best[at - 1] * m + best[at - 1]])
          {
            gsize tmp = best[at];

            best[at] = best[at - 1];
            best[at - 1] = tmp;
            at--;
          }
      }
    for (gsize i = 0; i < m; i++)
      for (gsize c = 0; c < b; c++)
        {
          seed = seed * 1664525u + 1013904223u;
          q[i * b + c] = a[i * m + best[c]] +
                         1e-3 * a[best[c] * m + best[c]] * ((double) (seed >> 8) / (double) (1u << 24) - 0.5);
        }
  }
  if (!orthonormalise (q, m, b, tau))
    return FALSE;

  for (guint round = 0; round < FILTER_MAX_ITERATIONS; round++)
    {
      lapack_int found = 0;
      gboolean converged = TRUE;
      double scale, cutoff, centre, half, x1, needed;
      guint degree;

      /* Rayleigh-Ritz: t = qᵀ a q, Ritz vectors q z, largest first. */
      cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, m, b, m, 1.0, a, m,
                   q, b, 0.0, aq, b);
      cblas_dgemm (CblasRowMajor, CblasTrans, CblasNoTrans, b, b, m, 1.0, q, b,
                   aq, b, 0.0, t, b);
      if (LAPACKE_dsyevr (LAPACK_ROW_MAJOR, 'V', 'A', 'U', b, t, b, 0.0, 0.0, 0, 0, 0.0,
                          &found, w, z, b, support) != 0 || found != (lapack_int) b)
        return FALSE;
      for (gsize c = 0; c < b / 2; c++)
        {
          double tmp = w[c];

          w[c] = w[b - 1 - c];
          w[b - 1 - c] = tmp;
          for (gsize i = 0; i < b; i++)
            {
              tmp = z[i * b + c];
              z[i * b + c] = z[i * b + b - 1 - c];
              z[i * b + b - 1 - c] = tmp;
            }
        }
      cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, m, b, b, 1.0, q, b,
                   z, b, 0.0, y0, b);
      cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, m, b, b, 1.0, aq, b,
                   z, b, 0.0, y1, b);
      memcpy (q, y0, m * b * sizeof (double));
      memcpy (aq, y1, m * b * sizeof (double));

      scale = MAX (fabs (w[0]), G_MINDOUBLE);
      cutoff = MAX (w[b - 1], 1e-6 * scale);
      centre = 0.5 * cutoff;
      half = 0.5 * cutoff;
      needed = 1.0;
      for (guint c = 0; c < k; c++)
        {
          double gap = c + 1 < b ? w[c] - w[c + 1] : scale;
          double residual, target, x;

          if (c > 0)
            gap = MIN (gap, w[c - 1] - w[c]);
          /* y1 = a u − θ u for this column */
          cblas_daxpy (m, -w[c], q + c, b, y1 + c, b);
          residual = cblas_dnrm2 (m, y1 + c, b);
          target = MAX (1e-9 * scale, 1e-6 * gap);
          if (residual <= target)
            continue;
          converged = FALSE;
          /* The filter shrinks this residual by about T_degree (x); ask
           * for 20 times what is missing. */
          x = (w[c] - centre) / half;
          if (x > 1.0 + 1e-9)
            needed = MAX (needed, acosh (20.0 * residual / target) / acosh (x));
          else
            needed = FILTER_MAX_DEGREE;
        }
      if (converged)
        {
          for (guint c = 0; c < k; c++)
            {
              values[c] = w[c];
              for (gsize i = 0; i < m; i++)
                vectors[i * k + c] = q[i * b + c];
            }
          return TRUE;
        }

      /* Chebyshev filter damping [0, cutoff] (a is positive semidefinite):
       * y_{j+1} = 2 (a − centre) y_j / half − y_{j−1}, y_0 = q. Its degree:
       * what the residuals need, at most FILTER_MAX_DEGREE, and low enough
       * that it amplifies by at most FILTER_MAX_RANGE. */
      x1 = MAX ((w[0] - centre) / half, 1.0 + 1e-6);
      degree = (guint) CLAMP (MIN (ceil (needed), log (2.0 * FILTER_MAX_RANGE) / acosh (x1)),
                              1.0, FILTER_MAX_DEGREE);

      memcpy (y0, q, m * b * sizeof (double));
      /* y1 = (a q − centre q) / half */
      memcpy (y1, aq, m * b * sizeof (double));
      cblas_daxpy (m * b, -centre, q, 1, y1, 1);
      cblas_dscal (m * b, 1.0 / half, y1, 1);
      for (guint j = 1; j < degree; j++)
        {
          double *next = q;   /* q is free until the filter is done */

          memcpy (next, y0, m * b * sizeof (double));
          cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, m, b, m, 2.0 / half, a, m,
                       y1, b, -1.0, next, b);
          cblas_daxpy (m * b, -2.0 * centre / half, y1, 1, next, 1);
          /* rotate: y0 ← y1, y1 ← next, q ← old y0 storage */
          q = y0;
          y0 = y1;
          y1 = next;
        }
      memcpy (q, y1, m * b * sizeof (double));
      if (!orthonormalise (q, m, b, tau))
        return FALSE;
    }
  return FALSE;
}

/* @a: upper triangle filled; the lower one is filled here. @arena, when
 * not NULL, has filter_arena_size (m, k) bytes free. */
static gboolean
top_eigen (double *a,
           gsize   m,
           guint   k,
           double *values,
           double *vectors,
           Arena  *arena)
{
  for (gsize i = 0; i < m; i++)
    for (gsize j = i + 1; j < m; j++)
      a[j * m + i] = a[i * m + j];
  if (m > DENSE_EIGEN_MAX)
    {
      g_auto(Arena) own = { 0 };
      gsize mark;
      gboolean ok;

      if (arena == NULL)
        {
          if (!arena_init (&own, filter_arena_size (m, k)))
            return FALSE;
          arena = &own;
        }
      mark = arena->used;
      ok = top_eigen_filtered (a, m, k, values, vectors, arena);
      arena->used = mark;
      if (ok)
        return TRUE;
      g_debug ("the filtered subspace iteration did not converge on a %zu × %zu matrix; using dsyevr", m, m);
    }
  return top_eigen_dense (a, m, k, values, vectors);
}

/* --- signs -------------------------------------------------------------- */

/* Tracks, over rows scanned in order, the row that decides an axis' sign. */
typedef struct
{
  double value;      /* its coordinate */
  gsize  row;
  gboolean set;
} SignPick;

static inline void
sign_pick_offer (SignPick *pick,
                 double    value,
                 gsize     row)
{
  if (!pick->set || fabs (value) > fabs (pick->value) * SIGN_TIE_FACTOR)
    {
      pick->value = value;
      pick->row = row;
      pick->set = TRUE;
    }
}

/* Merges @later (from rows after those of @pick) into @pick. */
static inline void
sign_pick_merge (SignPick       *pick,
                 const SignPick *later)
{
  if (later->set)
    sign_pick_offer (pick, later->value, later->row);
}

/* --- local PCA ---------------------------------------------------------- */

static void
set_zero_axis (WsPca  *self,
               guint   c,
               double *coordinates,
               gsize   n_rows)
{
  memset (self->components + (gsize) c * self->dim, 0, self->dim * sizeof (double));
  self->variance[c] = 0.0;
  if (coordinates != NULL)
    for (gsize i = 0; i < n_rows; i++)
      coordinates[i * self->n_components + c] = 0.0;
}

/* Makes the axes' signs follow the convention, given the coordinates. */
static void
apply_signs (WsPca  *self,
             double *coordinates,
             gsize   n_rows)
{
  guint k = self->n_components;

  for (guint c = 0; c < k; c++)
    {
      SignPick pick = { 0 };

      for (gsize i = 0; i < n_rows; i++)
        sign_pick_offer (&pick, coordinates[i * k + c], i);
      if (pick.set && pick.value < 0)
        {
          for (gsize i = 0; i < n_rows; i++)
            coordinates[i * k + c] = -coordinates[i * k + c];
          cblas_dscal (self->dim, -1.0, self->components + (gsize) c * self->dim, 1);
        }
    }
}

static void
finish_ratios (WsPca *self,
               double total_sum_of_squares)
{
  double denominator = (double) (self->n_samples - 1);

  self->total_variance = total_sum_of_squares / denominator;
  for (guint c = 0; c < self->n_components; c++)
    {
      /* 0 / 0 when every row is the same, as scikit-learn reports it. */
      self->ratio[c] = total_sum_of_squares > 0.0 ? self->variance[c] / total_sum_of_squares : NAN;
      self->variance[c] /= denominator;
    }
}

/* Fewer rows than dimensions: eigenvectors u of the n × n Gram matrix of the
 * centred rows @a (double, n × d); the axes are Aᵀu. */
static gboolean
fit_by_gram (WsPca        *self,
             const double *a,
             gsize         n,
             double       *coordinates)
{
  gsize d = self->dim;
  guint k = self->n_components;
  guint kk = MIN (k, n);
  g_autofree double *gram = g_new (double, n * n);
  g_autofree double *theta = g_new (double, kk);
  g_autofree double *u = g_new (double, n * kk);
  g_autofree double *coord = g_new (double, n);

  cblas_dsyrk (CblasRowMajor, CblasUpper, CblasNoTrans, n, d, 1.0, a, d, 0.0, gram, n);
  if (!top_eigen (gram, n, kk, theta, u, NULL))
    return FALSE;

  for (guint c = 0; c < k; c++)
    {
      double *axis = self->components + (gsize) c * d;
      double norm;

      if (c >= kk || !(theta[c] > ZERO_AXIS_RATIO * theta[0]))
        {
          set_zero_axis (self, c, coordinates, n);
          continue;
        }
      /* axis = Aᵀ u, kept orthogonal to the axes before it. */
      cblas_dgemv (CblasRowMajor, CblasTrans, n, d, 1.0, a, d, u + c, kk, 0.0, axis, 1);
      for (guint q = 0; q < c; q++)
        {
          const double *prev = self->components + (gsize) q * d;
          cblas_daxpy (d, -cblas_ddot (d, prev, 1, axis, 1), prev, 1, axis, 1);
        }
      norm = cblas_dnrm2 (d, axis, 1);
      if (!(norm > 0.0))
        {
          set_zero_axis (self, c, coordinates, n);
          continue;
        }
      cblas_dscal (d, 1.0 / norm, axis, 1);
      cblas_dgemv (CblasRowMajor, CblasNoTrans, n, d, 1.0, a, d, axis, 1, 0.0, coord, 1);
      self->variance[c] = cblas_ddot (n, coord, 1, coord, 1);
      if (coordinates != NULL)
        cblas_dcopy (n, coord, 1, coordinates + c, k);
    }
  return TRUE;
}

/* Adds the upper triangle of the float @block (d × d) into @sum (double). */
static void
add_upper (double      *sum,
           const float *block,
           gsize        d)
{
  for (gsize i = 0; i < d; i++)
    for (gsize j = i; j < d; j++)
      sum[i * d + j] += block[i * d + j];
}

/* More rows than dimensions: eigenvectors of the d × d matrix AᵀA of the
 * centred rows A, built with ssyrk a block at a time. The rows are gathered,
 * shifted by the first one (so float32 rounding happens at the scale of the
 * spread, not of the mean), summed by sgemv and centred by sger. Returns
 * the total sum of squares; -1 when memory runs out, -2 when the eigensolver
 * fails. */
static double
fit_by_covariance (WsPca       *self,
                   const float *matrix,
                   const gsize *rows,
                   gsize        n,
                   double      *coordinates)
{
  gsize d = self->dim;
  guint k = self->n_components;
  guint kk = MIN (k, d);
  gsize ones_n = MAX (n, BLOCK_ROWS);
  g_auto(Arena) arena = { 0 };
  const float *first = source_row (matrix, d, rows, 0);
  float *a, *ones, *partial, *shift, *block, *axes, *coord;
  double *sums, *cov, *theta, *vectors;
  double total;

  if (!arena_init (&arena, ARENA_SIZE (float, n * d) + ARENA_SIZE (float, ones_n) +
                           2 * ARENA_SIZE (float, d) + ARENA_SIZE (double, d) +
                           ARENA_SIZE (double, d * d) + ARENA_SIZE (float, d * d) +
                           ARENA_SIZE (double, kk) + ARENA_SIZE (double, d * kk) +
                           ARENA_SIZE (float, d * kk) + ARENA_SIZE (float, n * kk) +
                           filter_arena_size (d, kk)))
    return -1.0;
  a = ARENA_NEW (&arena, float, n * d);
  ones = ARENA_NEW (&arena, float, ones_n);
  partial = ARENA_NEW (&arena, float, d);
  shift = ARENA_NEW (&arena, float, d);
  sums = ARENA_NEW (&arena, double, d);
  cov = ARENA_NEW (&arena, double, d * d);
  block = ARENA_NEW (&arena, float, d * d);
  theta = ARENA_NEW (&arena, double, kk);
  vectors = ARENA_NEW (&arena, double, d * kk);
  axes = ARENA_NEW (&arena, float, d * kk);
  coord = ARENA_NEW (&arena, float, n * kk);

  for (gsize i = 0; i < ones_n; i++)
    ones[i] = 1.0f;
  for (gsize i = 0; i < n; i++)
    memcpy (a + i * d, source_row (matrix, d, rows, i), d * sizeof (float));
  /* a -= 1 firstᵀ */
  cblas_sger (CblasRowMajor, n, d, -1.0f, ones, 1, first, 1, a, d);

  /* Column sums, a block of rows at a time in float, added up in double. */
  memset (sums, 0, d * sizeof (double));
  for (gsize start = 0; start < n; start += BLOCK_ROWS)
    {
      gsize count = MIN (BLOCK_ROWS, n - start);

      cblas_sgemv (CblasRowMajor, CblasTrans, count, d, 1.0f, a + start * d, d,
                   ones, 1, 0.0f, partial, 1);
      for (gsize j = 0; j < d; j++)
        sums[j] += partial[j];
    }
  for (gsize j = 0; j < d; j++)
    {
      self->mean[j] = first[j] + sums[j] / (double) n;
      shift[j] = (float) (sums[j] / (double) n);
    }
  /* a -= 1 shiftᵀ: now centred. */
  cblas_sger (CblasRowMajor, n, d, -1.0f, ones, 1, shift, 1, a, d);

  memset (cov, 0, d * d * sizeof (double));
  for (gsize start = 0; start < n; start += BLOCK_ROWS)
    {
      gsize count = MIN (BLOCK_ROWS, n - start);

      cblas_ssyrk (CblasRowMajor, CblasUpper, CblasTrans, d, count, 1.0f,
                   a + start * d, d, 0.0f, block, d);
      add_upper (cov, block, d);
    }
  /* The total sum of squares is the trace of AᵀA: no extra pass over a. */
  total = 0.0;
  for (gsize j = 0; j < d; j++)
    total += cov[j * d + j];
  if (!top_eigen (cov, d, kk, theta, vectors, &arena))
    return -2.0;

  for (gsize i = 0; i < d * kk; i++)
    axes[i] = (float) vectors[i];
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, n, kk, d,
               1.0f, a, d, axes, kk, 0.0f, coord, kk);

  for (guint c = 0; c < k; c++)
    {
      double sum = 0.0;

      if (c >= kk || !(theta[c] > ZERO_AXIS_RATIO * theta[0]))
        {
          set_zero_axis (self, c, coordinates, n);
          continue;
        }
      for (gsize j = 0; j < d; j++)
        self->components[(gsize) c * d + j] = vectors[j * kk + c];
      for (gsize i = 0; i < n; i++)
        {
          double value = coord[i * kk + c];

          sum += value * value;
          coordinates[i * k + c] = value;
        }
      self->variance[c] = sum;
    }
  return total;
}

WsPca *
ws_pca_fit (const float  *matrix,
            gsize         dim,
            const gsize  *rows,
            gsize         n_rows,
            guint         n_components,
            double       *coordinates,
            GError      **error)
{
  g_autoptr(WsPca) self = NULL;
  g_autofree double *own_coordinates = NULL;
  double total = 0.0;
  gboolean ok;

  g_return_val_if_fail (matrix != NULL, NULL);
  g_return_val_if_fail (dim > 0, NULL);
  g_return_val_if_fail (n_components >= 1 && n_components <= WS_PCA_MAX_COMPONENTS, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_rows < 2)
    {
      g_set_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_INVALID,
                   _("A principal component analysis needs at least 2 words; "
                     "%zu given"), n_rows);
      return NULL;
    }
  if (n_rows > G_MAXSIZE / sizeof (double) / dim || n_rows * dim > G_MAXINT)
    {
      g_set_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_INVALID,
                   _("Too many words for a local projection: %zu words of %zu dimensions"), n_rows, dim);
      return NULL;
    }

  self = ws_pca_new (dim, n_components, n_rows);
  if (coordinates == NULL)
    coordinates = own_coordinates = g_new (double, n_rows * n_components);

  if (n_rows <= dim)
    {
      /* Few rows: the n × n Gram matrix, all in double (it is small). */
      g_autofree double *a = g_try_new (double, n_rows * dim);

      if (a == NULL)
        goto no_memory;
      for (gsize i = 0; i < n_rows; i++)
        {
          const float *x = source_row (matrix, dim, rows, i);

          for (gsize j = 0; j < dim; j++)
            self->mean[j] += x[j];
        }
      for (gsize j = 0; j < dim; j++)
        self->mean[j] /= (double) n_rows;
      for (gsize i = 0; i < n_rows; i++)
        {
          const float *x = source_row (matrix, dim, rows, i);

          for (gsize j = 0; j < dim; j++)
            a[i * dim + j] = x[j] - self->mean[j];
        }
      total = cblas_ddot (n_rows * dim, a, 1, a, 1);
      ok = fit_by_gram (self, a, n_rows, coordinates);
    }
  else
    {
      total = fit_by_covariance (self, matrix, rows, n_rows, coordinates);
      if (total == -1.0)
        goto no_memory;
      ok = total >= 0.0;
    }

  if (!ok)
    {
      g_set_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_INVALID,
                   _("The eigenvalue solver failed on %zu words of %zu dimensions"), n_rows, dim);
      return NULL;
    }
  if (total == 0.0)
    for (guint c = 0; c < n_components; c++)
      set_zero_axis (self, c, coordinates, n_rows);

  apply_signs (self, coordinates, n_rows);
  finish_ratios (self, total);
  return g_steal_pointer (&self);

no_memory:
  g_set_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_INVALID,
               _("Not enough memory to project %zu words of %zu dimensions"), n_rows, dim);
  return NULL;
}

/* --- global PCA --------------------------------------------------------- */

typedef struct
{
  WsPcaRowsFunc source;      /* hands out blocks of consecutive rows */
  gpointer      source_data;
  gsize         dim;
  gsize         start;       /* rows [start, end) */
  gsize         end;
  const float  *shift;       /* dim: subtracted from every row before ssyrk */
  GCancellable *cancellable;

  /* Pass 1 results */
  double       *cross;       /* dim × dim, upper: Σ (x − shift)(x − shift)ᵀ */
  double       *sum;         /* dim: Σ (x − shift) */

  /* Pass 2 input and results */
  const float  *axes;        /* dim × k */
  const float  *offsets;     /* k: mean · axis */
  guint         k;
  SignPick      picks[WS_PCA_MAX_COMPONENTS];
} GlobalPart;

static gpointer
accumulate_part (gpointer data)
{
  GlobalPart *part = data;
  gsize d = part->dim;
  g_autofree float *block = g_new (float, BLOCK_ROWS * d);
  g_autofree float *scratch = g_new (float, BLOCK_ROWS * d);
  g_autofree float *product = g_new (float, d * d);

  part->cross = g_new0 (double, d * d);
  part->sum = g_new0 (double, d);

  for (gsize start = part->start; start < part->end; start += BLOCK_ROWS)
    {
      gsize rows = MIN (BLOCK_ROWS, part->end - start);
      const float *x;

      if (g_cancellable_is_cancelled (part->cancellable))
        break;
      x = part->source (part->source_data, start, rows, scratch);
      /* Shifted by a provisional mean so that a large mean does not eat the
       * float32 precision of the products. */
      for (gsize i = 0; i < rows; i++)
        for (gsize j = 0; j < d; j++)
          {
            float value = x[i * d + j] - part->shift[j];

            block[i * d + j] = value;
            part->sum[j] += value;
          }
      cblas_ssyrk (CblasRowMajor, CblasUpper, CblasTrans, d, rows, 1.0f,
                   block, d, 0.0f, product, d);
      add_upper (part->cross, product, d);
    }
  return NULL;
}

static gpointer
pick_signs_part (gpointer data)
{
  GlobalPart *part = data;
  gsize d = part->dim;
  guint k = part->k;
  g_autofree float *coord = g_new (float, BLOCK_ROWS * k);
  g_autofree float *scratch = g_new (float, BLOCK_ROWS * d);

  for (gsize start = part->start; start < part->end; start += BLOCK_ROWS)
    {
      gsize rows = MIN (BLOCK_ROWS, part->end - start);

      if (g_cancellable_is_cancelled (part->cancellable))
        break;
      cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, rows, k, d, 1.0f,
                   part->source (part->source_data, start, rows, scratch), d,
                   part->axes, k, 0.0f, coord, k);
      for (gsize i = 0; i < rows; i++)
        for (guint c = 0; c < k; c++)
          sign_pick_offer (&part->picks[c], coord[i * k + c] - part->offsets[c], start + i);
    }
  return NULL;
}

static void
run_parts (GlobalPart  *parts,
           guint        n_parts,
           GThreadFunc  func)
{
  g_autofree GThread **threads = g_new0 (GThread *, n_parts);

  for (guint t = 1; t < n_parts; t++)
    threads[t] = g_thread_new ("ws-pca", func, &parts[t]);
  func (&parts[0]);
  for (guint t = 1; t < n_parts; t++)
    g_thread_join (threads[t]);
}

typedef struct
{
  const float *matrix;
  gsize        dim;
} MatrixSource;

static const float *
matrix_source (gpointer  data,
               gsize     first,
               gsize     n_rows,
               float    *scratch)
{
  MatrixSource *m = data;

  return m->matrix + first * m->dim;
}

WsPca *
ws_pca_fit_global (const float   *matrix,
                   gsize          n_rows,
                   gsize          dim,
                   guint          n_components,
                   guint          n_threads,
                   GCancellable  *cancellable,
                   GError       **error)
{
  MatrixSource m = { matrix, dim };

  g_return_val_if_fail (matrix != NULL, NULL);
  return ws_pca_fit_global_rows (matrix_source, &m, n_rows, dim, n_components,
                                 n_threads, cancellable, error);
}

WsPca *
ws_pca_fit_global_rows (WsPcaRowsFunc  source,
                        gpointer       source_data,
                        gsize          n_rows,
                        gsize          dim,
                        guint          n_components,
                        guint          n_threads,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(WsPca) self = NULL;
  g_autofree GlobalPart *parts = NULL;
  g_autofree float *shift = NULL;
  g_autofree double *cov = NULL;
  g_autofree double *sum = NULL;
  g_autofree double *theta = NULL;
  g_autofree double *vectors = NULL;
  g_autofree float *axes = NULL;
  float offsets[WS_PCA_MAX_COMPONENTS];
  gsize first;
  guint kk;
  double n, total = 0.0;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (dim > 0, NULL);
  g_return_val_if_fail (n_components >= 1 && n_components <= WS_PCA_MAX_COMPONENTS, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_rows < 2)
    {
      g_set_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_INVALID,
                   _("A principal component analysis needs at least 2 words; "
                     "%zu given"), n_rows);
      return NULL;
    }

  /* Threads of our own only when OpenBLAS runs single-threaded: two
   * multi-threaded OpenBLAS callers would fight over the same cores. */
  if (n_threads == 0)
    n_threads = openblas_get_num_threads () > 1 ? 1 : MIN (g_get_num_processors (), 2);
  /* Each thread gets at least a few blocks. */
  n_threads = MAX (1, MIN (n_threads, n_rows / (4 * BLOCK_ROWS)));

  self = ws_pca_new (dim, n_components, n_rows);
  kk = MIN (n_components, dim);

  /* The provisional mean: that of the first block. */
  shift = g_new0 (float, dim);
  first = MIN (n_rows, BLOCK_ROWS);
  {
    g_autofree double *first_sum = g_new0 (double, dim);
    g_autofree float *scratch = g_new (float, first * dim);
    const float *matrix = source (source_data, 0, first, scratch);

    for (gsize i = 0; i < first; i++)
      for (gsize j = 0; j < dim; j++)
        first_sum[j] += matrix[i * dim + j];
    for (gsize j = 0; j < dim; j++)
      shift[j] = (float) (first_sum[j] / first);
  }

  parts = g_new0 (GlobalPart, n_threads);
  for (guint t = 0; t < n_threads; t++)
    {
      /* Whole blocks per thread, so the blocks do not depend on the count. */
      gsize blocks = (n_rows + BLOCK_ROWS - 1) / BLOCK_ROWS;

      parts[t].source = source;
      parts[t].source_data = source_data;
      parts[t].dim = dim;
      parts[t].start = MIN (n_rows, blocks * t / n_threads * BLOCK_ROWS);
      parts[t].end = MIN (n_rows, blocks * (t + 1) / n_threads * BLOCK_ROWS);
      parts[t].shift = shift;
      parts[t].cancellable = cancellable;
    }
  run_parts (parts, n_threads, accumulate_part);

  /* Sum the parts in a fixed order, so the thread count changes nothing. */
  cov = g_new0 (double, dim * dim);
  sum = g_new0 (double, dim);
  for (guint t = 0; t < n_threads; t++)
    {
      for (gsize i = 0; i < dim * dim; i++)
        cov[i] += parts[t].cross[i];
      for (gsize j = 0; j < dim; j++)
        sum[j] += parts[t].sum[j];
      g_clear_pointer (&parts[t].cross, g_free);
      g_clear_pointer (&parts[t].sum, g_free);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Σ (x − μ)(x − μ)ᵀ = Σ (x − s)(x − s)ᵀ − (Σ (x − s))(Σ (x − s))ᵀ / n */
  n = (double) n_rows;
  for (gsize i = 0; i < dim; i++)
    for (gsize j = i; j < dim; j++)
      cov[i * dim + j] -= sum[i] * sum[j] / n;
  for (gsize j = 0; j < dim; j++)
    {
      self->mean[j] = shift[j] + sum[j] / n;
      total += cov[j * dim + j];
    }

  theta = g_new (double, kk);
  vectors = g_new (double, dim * kk);
  if (!top_eigen (cov, dim, kk, theta, vectors, NULL))
    {
      g_set_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_INVALID,
                   _("The eigenvalue solver failed on %zu words of %zu dimensions"), n_rows, dim);
      return NULL;
    }

  axes = g_new (float, dim * kk);
  for (guint c = 0; c < kk; c++)
    {
      double offset = 0.0;

      for (gsize j = 0; j < dim; j++)
        {
          self->components[(gsize) c * dim + j] = vectors[j * kk + c];
          axes[j * kk + c] = (float) vectors[j * kk + c];
          offset += vectors[j * kk + c] * self->mean[j];
        }
      offsets[c] = (float) offset;
      self->variance[c] = MAX (theta[c], 0.0);
    }

  /* Pass 2: which row decides each axis' sign. */
  for (guint t = 0; t < n_threads; t++)
    {
      parts[t].axes = axes;
      parts[t].offsets = offsets;
      parts[t].k = kk;
    }
  run_parts (parts, n_threads, pick_signs_part);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  for (guint c = 0; c < n_components; c++)
    {
      SignPick pick = { 0 };

      if (c >= kk || total == 0.0 || !(theta[c] > ZERO_AXIS_RATIO * theta[0]))
        {
          set_zero_axis (self, c, NULL, 0);
          continue;
        }
      for (guint t = 0; t < n_threads; t++)
        sign_pick_merge (&pick, &parts[t].picks[c]);
      if (pick.set && pick.value < 0)
        cblas_dscal (dim, -1.0, self->components + (gsize) c * dim, 1);
    }

  finish_ratios (self, total);
  return g_steal_pointer (&self);
}

/* --- the rest ----------------------------------------------------------- */

void
ws_pca_transform (WsPca       *self,
                  const float *matrix,
                  const gsize *rows,
                  gsize        n_rows,
                  double      *coordinates)
{
  gsize d;
  g_autofree double *block = NULL;

  g_return_if_fail (WS_IS_PCA (self));
  g_return_if_fail (matrix != NULL || n_rows == 0);
  g_return_if_fail (coordinates != NULL || n_rows == 0);

  d = self->dim;
  block = g_new (double, MIN (n_rows, 1024) * d + 1);
  for (gsize start = 0; start < n_rows; start += 1024)
    {
      gsize count = MIN (1024, n_rows - start);

      for (gsize i = 0; i < count; i++)
        {
          const float *x = source_row (matrix, d, rows, start + i);

          for (gsize j = 0; j < d; j++)
            block[i * d + j] = x[j] - self->mean[j];
        }
      cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasTrans, count, self->n_components, d,
                   1.0, block, d, self->components, d, 0.0,
                   coordinates + start * self->n_components, self->n_components);
    }
}

guint
ws_pca_get_n_components (WsPca *self)
{
  g_return_val_if_fail (WS_IS_PCA (self), 0);
  return self->n_components;
}

gsize
ws_pca_get_dim (WsPca *self)
{
  g_return_val_if_fail (WS_IS_PCA (self), 0);
  return self->dim;
}

gsize
ws_pca_get_n_samples (WsPca *self)
{
  g_return_val_if_fail (WS_IS_PCA (self), 0);
  return self->n_samples;
}

const double *
ws_pca_get_mean (WsPca *self)
{
  g_return_val_if_fail (WS_IS_PCA (self), NULL);
  return self->mean;
}

const double *
ws_pca_get_components (WsPca *self)
{
  g_return_val_if_fail (WS_IS_PCA (self), NULL);
  return self->components;
}

const double *
ws_pca_get_explained_variance (WsPca *self)
{
  g_return_val_if_fail (WS_IS_PCA (self), NULL);
  return self->variance;
}

const double *
ws_pca_get_explained_variance_ratio (WsPca *self)
{
  g_return_val_if_fail (WS_IS_PCA (self), NULL);
  return self->ratio;
}

double
ws_pca_get_total_variance (WsPca *self)
{
  g_return_val_if_fail (WS_IS_PCA (self), 0.0);
  return self->total_variance;
}
