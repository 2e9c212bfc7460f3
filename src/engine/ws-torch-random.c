/* ws-torch-random.c: PyTorch 1.13's CPU random generator and its normal_ fill
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See ws-torch-random.h for what torch does. Bit-exactness depends on every
 * rounding step, so the arithmetic below is written one operation at a time
 * in the order and precision torch's kernels use, with fmaf () where torch's
 * compiled code fuses a multiply and an add. The compiler must not fuse any
 * other pair of its own accord, hence fp-contract=off for this file.
 */
#pragma GCC optimize ("fp-contract=off")

#define G_LOG_DOMAIN "ws-torch-random"

#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "ws-torch-random.h"

#define MT_N 624
#define MT_M 397

struct _WsTorchGenerator
{
  guint32  state[MT_N];
  guint    next;
  /* The second value of the last double Box–Muller pair, handed out by the
   * next scalar normal. */
  gboolean have_cached_normal;
  double   cached_normal;
};

WsTorchGenerator *
ws_torch_generator_new (guint64 seed)
{
  WsTorchGenerator *generator = g_new0 (WsTorchGenerator, 1);

  /* MT19937's standard initialisation from a 32-bit seed: torch keeps the
   * full 64-bit seed for initial_seed () but seeds the state with its low
   * half. */
  generator->state[0] = (guint32) seed;
  for (guint i = 1; i < MT_N; i++)
    {
      guint32 prev = generator->state[i - 1];

      generator->state[i] = 1812433253u * (prev ^ (prev >> 30)) + i;
    }
  generator->next = MT_N;
  return generator;
}

void
ws_torch_generator_free (WsTorchGenerator *generator)
{
  g_free (generator);
}

static void
twist (WsTorchGenerator *generator)
{
  guint32 *s = generator->state;

  for (guint i = 0; i < MT_N; i++)
    {
      guint32 y = (s[i] & 0x80000000u) | (s[(i + 1) % MT_N] & 0x7fffffffu);

      s[i] = s[(i + MT_M) % MT_N] ^ (y >> 1) ^ ((y & 1u) ? 0x9908b0dfu : 0u);
    }
  generator->next = 0;
}

guint32
ws_torch_generator_random (WsTorchGenerator *generator)
{
  guint32 y;

  g_return_val_if_fail (generator != NULL, 0);

  if (generator->next >= MT_N)
    twist (generator);
  y = generator->state[generator->next++];
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680u;
  y ^= (y << 15) & 0xefc60000u;
  y ^= y >> 18;
  return y;
}

guint64
ws_torch_generator_random64 (WsTorchGenerator *generator)
{
  guint64 high = ws_torch_generator_random (generator);
  guint64 low = ws_torch_generator_random (generator);

  return (high << 32) | low;
}

static float
uniform_float (WsTorchGenerator *generator)
{
  guint32 bits = ws_torch_generator_random (generator) & ((1u << 24) - 1);

  return (float) ((double) bits * (1.0 / (1u << 24)));
}

static double
uniform_double (WsTorchGenerator *generator)
{
  guint64 bits = ws_torch_generator_random64 (generator) & ((G_GUINT64_CONSTANT (1) << 53) - 1);

  return (double) bits * (1.0 / (double) (G_GUINT64_CONSTANT (1) << 53));
}

/* One double normal, as torch's scalar path draws it for small tensors. */
static double
normal_double (WsTorchGenerator *generator,
               double            mean,
               double            std)
{
  double u1, u2, r, theta;

  if (generator->have_cached_normal)
    {
      generator->have_cached_normal = FALSE;
      return generator->cached_normal * std + mean;
    }
  u1 = uniform_double (generator);
  u2 = uniform_double (generator);
  r = sqrt (-2.0 * log1p (-u2));
  theta = 2.0 * G_PI * u1;
  generator->cached_normal = r * sin (theta);
  generator->have_cached_normal = TRUE;
  return r * cos (theta) * std + mean;
}

static inline guint32
float_bits (float x)
{
  guint32 bits;

  memcpy (&bits, &x, sizeof bits);
  return bits;
}

static inline float
bits_float (guint32 bits)
{
  float x;

  memcpy (&x, &bits, sizeof x);
  return x;
}

/* The natural logarithm of the vector kernel: the mantissa m in [√½, √2)
 * and exponent e of x, then ln x ≈ (m - 1) + a degree-9 polynomial, with e ln 2
 * added in two parts (cephes's logf coefficients). */
static float
vector_logf (float x)
{
  guint32 bits;
  float e, m, t, z, y;

  if (!(x > 0.0f))
    return NAN;
  if (x < FLT_MIN)
    x = FLT_MIN;
  bits = float_bits (x);
  e = (float) ((int) (bits >> 23) - 127) + 1.0f;
  m = bits_float ((bits & ~0x7f800000u) | 0x3f000000u);  /* in [0.5, 1) */
  if (m < 0.707106781186547524f)
    {
      e -= 1.0f;
      t = (m - 1.0f) + m;
    }
  else
    {
      t = m - 1.0f;
    }

  z = t * t;
  y = fmaf (7.0376836292E-2f, t, -1.1514610310E-1f);
  y = fmaf (y, t, 1.1676998740E-1f);
  y = fmaf (y, t, -1.2420140846E-1f);
  y = fmaf (y, t, 1.4249322787E-1f);
  y = fmaf (y, t, -1.6668057665E-1f);
  y = fmaf (y, t, 2.0000714765E-1f);
  y = fmaf (y, t, -2.4999993993E-1f);
  y = fmaf (y, t, 3.3333331174E-1f);
  y = y * t;
  y = fmaf (y, z, e * -2.12194440e-4f);
  y = y - z * 0.5f;
  t = t + y;
  return t + e * 0.693359375f;
}

/* Sine and cosine of the vector kernel, for θ ≥ 0: θ is reduced by the
 * multiple j of π/4 nearest below (rounded up to even), in three parts of
 * π/4, and the remainder goes through cephes's sinf and cosf polynomials;
 * bits 1 and 2 of j pick the polynomial and the signs. */
static void
vector_sincosf (float  theta,
                float *sine,
                float *cosine)
{
  float x = fabsf (theta);
  gint32 j = (gint32) (x * 1.27323954473516f);
  float jf, z, c, s;
  gboolean swap, sin_negative, cos_negative;

  j = (j + 1) & ~1;
  jf = (float) j;
  swap = (j & 2) != 0;
  sin_negative = ((j & 4) != 0) != signbit (theta);
  cos_negative = ((j - 2) & 4) == 0;

  x = fmaf (jf, -0.78515625f, x);
  x = fmaf (jf, -2.4187564849853515625e-4f, x);
  x = fmaf (jf, -3.77489497744594108e-8f, x);
  z = x * x;

  c = fmaf (2.443315711809948E-005f, z, -1.388731625493765E-003f);
  c = fmaf (c, z, 4.166664568298827E-002f);
  c = c * z;
  c = fmaf (c, z, -(z * 0.5f));
  c = c + 1.0f;

  s = fmaf (-1.9515295891E-4f, z, 8.3321608736E-3f);
  s = fmaf (s, z, -1.6666654611E-1f);
  s = s * z;
  s = fmaf (s, x, x);

  *sine = swap ? c : s;
  *cosine = swap ? s : c;
  if (sin_negative)
    *sine = -*sine;
  if (cos_negative)
    *cosine = -*cosine;
}

/* Box–Muller on 16 uniforms in place. */
static void
normal_fill_16 (float         *data,
                WsTorchKernel  kernel,
                float          mean,
                float          std)
{
  for (guint j = 0; j < 8; j++)
    {
      float u1 = 1.0f - data[j];
      float u2 = data[j + 8];

      if (kernel == WS_TORCH_KERNEL_VECTOR)
        {
          float radius = sqrtf (-2.0f * vector_logf (u1));
          float theta = (float) (2.0 * G_PI) * u2;
          float s, c;

          vector_sincosf (theta, &s, &c);
          data[j] = fmaf (radius * c, std, mean);
          data[j + 8] = fmaf (radius * s, std, mean);
        }
      else
        {
          float radius = sqrtf (-2.0f * logf (u1));
          float theta = (float) (2.0 * G_PI * (double) u2);

          data[j] = radius * cosf (theta) * std + mean;
          data[j + 8] = radius * sinf (theta) * std + mean;
        }
    }
}

void
ws_torch_generator_normal_fill (WsTorchGenerator *generator,
                                WsTorchKernel     kernel,
                                float            *data,
                                gsize             n,
                                float             mean,
                                float             std)
{
  g_return_if_fail (generator != NULL);
  g_return_if_fail (data != NULL || n == 0);

  if (n < 16)
    {
      for (gsize i = 0; i < n; i++)
        data[i] = (float) normal_double (generator, mean, std);
      return;
    }

  for (gsize i = 0; i < n; i++)
    data[i] = uniform_float (generator);
  for (gsize i = 0; i + 16 <= n; i += 16)
    normal_fill_16 (data + i, kernel, mean, std);
  if (n % 16 != 0)
    {
      float *tail = data + n - 16;

      for (guint i = 0; i < 16; i++)
        tail[i] = uniform_float (generator);
      normal_fill_16 (tail, kernel, mean, std);
    }
}
