/* ws-procrustes.c: orthogonal Procrustes alignment on LAPACKE's SVD
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ws-procrustes"

#include "config.h"

#include <lapacke.h>
#include <string.h>

#include "ws-procrustes.h"

static void
set_identity (double *matrix,
              gsize   k)
{
  memset (matrix, 0, k * k * sizeof (double));
  for (gsize i = 0; i < k; i++)
    matrix[i * k + i] = 1.0;
}

static double
determinant_sign (const double *matrix,
                  gsize         k)
{
  g_autofree double *lu = g_memdup2 (matrix, k * k * sizeof (double));
  g_autofree lapack_int *pivots = g_new (lapack_int, k);
  double sign = 1.0;

  if (LAPACKE_dgetrf (LAPACK_ROW_MAJOR, (lapack_int) k, (lapack_int) k, lu, (lapack_int) k,
                      pivots) < 0)
    return 1.0;
  for (gsize i = 0; i < k; i++)
    {
      if (lu[i * k + i] < 0)
        sign = -sign;
      if (pivots[i] != (lapack_int) (i + 1))
        sign = -sign;
    }
  return sign;
}

gboolean
ws_procrustes_align (const double *reference,
                     double       *points,
                     gsize         n,
                     gsize         k,
                     gboolean      allow_reflection,
                     double       *rotation)
{
  g_autofree double *m = NULL;
  g_autofree double *u = NULL;
  g_autofree double *vt = NULL;
  g_autofree double *s = NULL;
  g_autofree double *superb = NULL;
  g_autofree double *r = NULL;
  g_autofree double *aligned = NULL;

  g_return_val_if_fail (reference != NULL || n == 0, FALSE);
  g_return_val_if_fail (points != NULL || n == 0, FALSE);
  g_return_val_if_fail (k > 0, FALSE);

  r = g_new (double, k * k);
  set_identity (r, k);
  if (rotation != NULL)
    set_identity (rotation, k);

  /* M = Bᵀ A, k × k. */
  m = g_new0 (double, k * k);
  for (gsize i = 0; i < n; i++)
    for (gsize a = 0; a < k; a++)
      for (gsize b = 0; b < k; b++)
        m[a * k + b] += points[i * k + a] * reference[i * k + b];

  u = g_new (double, k * k);
  vt = g_new (double, k * k);
  s = g_new (double, k);
  superb = g_new (double, k);
  if (LAPACKE_dgesvd (LAPACK_ROW_MAJOR, 'A', 'A', (lapack_int) k, (lapack_int) k, m,
                      (lapack_int) k, s, u, (lapack_int) k, vt, (lapack_int) k, superb) != 0)
    return FALSE;

  /* Kabsch: when U Vᵀ would mirror, flip the direction of the smallest
   * singular value, the one that costs least. */
  if (!allow_reflection)
    {
      g_autofree double *uvt = g_new0 (double, k * k);

      for (gsize a = 0; a < k; a++)
        for (gsize b = 0; b < k; b++)
          for (gsize c = 0; c < k; c++)
            uvt[a * k + b] += u[a * k + c] * vt[c * k + b];
      if (determinant_sign (uvt, k) < 0)
        for (gsize a = 0; a < k; a++)
          u[a * k + (k - 1)] = -u[a * k + (k - 1)];
    }

  memset (r, 0, k * k * sizeof (double));
  for (gsize a = 0; a < k; a++)
    for (gsize b = 0; b < k; b++)
      for (gsize c = 0; c < k; c++)
        r[a * k + b] += u[a * k + c] * vt[c * k + b];

  aligned = g_new0 (double, n * k);
  for (gsize i = 0; i < n; i++)
    for (gsize a = 0; a < k; a++)
      for (gsize b = 0; b < k; b++)
        aligned[i * k + b] += points[i * k + a] * r[a * k + b];
  memcpy (points, aligned, n * k * sizeof (double));
  if (rotation != NULL)
    memcpy (rotation, r, k * k * sizeof (double));
  return TRUE;
}
