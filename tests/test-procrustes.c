/* test-procrustes.c: a turned (and mirrored) copy aligns back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ws-procrustes.h"

#define N 8

/* Eight words' 2-D places, not symmetric, centred. */
static const double map2[N][2] = {
  { 1.2, 0.3 }, { 0.9, -0.8 }, { -1.1, 0.4 }, { -0.7, -0.9 },
  { 0.2, 1.3 }, { 0.4, -0.2 }, { -0.5, 0.6 }, { -0.4, -0.7 },
};

static void
transform (const double *in,
           double       *out,
           gsize         n,
           gsize         k,
           const double *t)
{
  for (gsize i = 0; i < n; i++)
    for (gsize b = 0; b < k; b++)
      {
        out[i * k + b] = 0.0;
        for (gsize a = 0; a < k; a++)
          out[i * k + b] += in[i * k + a] * t[a * k + b];
      }
}

static void
assert_close (const double *a,
              const double *b,
              gsize         n)
{
  for (gsize i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (a[i], b[i], 1e-6);
}

static void
test_rotation_2d (void)
{
  for (double angle = -3.0; angle <= 3.0; angle += 0.75)
    {
      double t[4] = { cos (angle), sin (angle), -sin (angle), cos (angle) };
      double turned[N * 2];
      double r[4];

      transform (&map2[0][0], turned, N, 2, t);
      g_assert_true (ws_procrustes_align (&map2[0][0], turned, N, 2, TRUE, r));
      assert_close (turned, &map2[0][0], N * 2);
      /* R undoes T: R = Tᵀ. */
      g_assert_cmpfloat_with_epsilon (r[0], t[0], 1e-9);
      g_assert_cmpfloat_with_epsilon (r[1], t[2], 1e-9);
    }
}

/* A PCA axis that flips sign mirrors the map: allowed, it comes back; with
 * rotations only it cannot, and R stays a proper rotation. */
static void
test_reflection_2d (void)
{
  const double angle = 1.1;
  double t[4] = { cos (angle), sin (angle), sin (angle), -cos (angle) };
  double mirrored[N * 2], copy[N * 2];
  double r[4];
  double residual = 0.0;

  transform (&map2[0][0], mirrored, N, 2, t);
  memcpy (copy, mirrored, sizeof copy);
  g_assert_true (ws_procrustes_align (&map2[0][0], mirrored, N, 2, TRUE, r));
  assert_close (mirrored, &map2[0][0], N * 2);
  g_assert_cmpfloat_with_epsilon (r[0] * r[3] - r[1] * r[2], -1.0, 1e-9);

  g_assert_true (ws_procrustes_align (&map2[0][0], copy, N, 2, FALSE, r));
  g_assert_cmpfloat_with_epsilon (r[0] * r[3] - r[1] * r[2], 1.0, 1e-9);
  for (gsize i = 0; i < N * 2; i++)
    residual += fabs (copy[i] - (&map2[0][0])[i]);
  g_assert_cmpfloat (residual, >, 0.1);
}

/* 3-D, a rotation about a skew axis composed with a mirror. */
static void
test_3d (void)
{
  double map3[N * 3];
  double rx[9], rz[9], rot[9], t[9], turned[N * 3];
  const double a = 0.7, b = -2.1;

  for (gsize i = 0; i < N; i++)
    {
      map3[i * 3] = map2[i][0];
      map3[i * 3 + 1] = map2[i][1];
      map3[i * 3 + 2] = 0.3 * (double) i - 1.05 + 0.1 * map2[i][0] * map2[i][1];
    }
  rx[0] = 1; rx[1] = 0; rx[2] = 0;
  rx[3] = 0; rx[4] = cos (a); rx[5] = sin (a);
  rx[6] = 0; rx[7] = -sin (a); rx[8] = cos (a);
  rz[0] = cos (b); rz[1] = sin (b); rz[2] = 0;
  rz[3] = -sin (b); rz[4] = cos (b); rz[5] = 0;
  rz[6] = 0; rz[7] = 0; rz[8] = -1;                 /* the mirror */
  transform (rx, rot, 3, 3, rz);
  memcpy (t, rot, sizeof t);

  transform (map3, turned, N, 3, t);
  g_assert_true (ws_procrustes_align (map3, turned, N, 3, TRUE, NULL));
  assert_close (turned, map3, N * 3);
}

/* Nothing to align to (all points at the origin): the points stay put. */
static void
test_degenerate (void)
{
  const double zeros[N * 2] = { 0 };
  double points[N * 2];
  double r[4];

  memcpy (points, &map2[0][0], sizeof points);
  g_assert_true (ws_procrustes_align (zeros, points, N, 2, TRUE, r));
  assert_close (points, &map2[0][0], N * 2);
  g_assert_cmpfloat_with_epsilon (r[0] * r[3] - r[1] * r[2], 1.0, 1e-9);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/procrustes/rotation-2d", test_rotation_2d);
  g_test_add_func ("/procrustes/reflection-2d", test_reflection_2d);
  g_test_add_func ("/procrustes/3d", test_3d);
  g_test_add_func ("/procrustes/degenerate", test_degenerate);
  return g_test_run ();
}
