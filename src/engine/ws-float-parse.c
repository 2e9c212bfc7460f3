/* ws-float-parse.c: decimal text to float32, exactly as strtof rounds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The common case (at most 19 significant digits, a power of ten within
 * 10^±22) is computed in double: the digits and the power are both exact
 * doubles, so one multiplication or division gives the correctly rounded
 * double. Rounding that double to float can differ from rounding the exact
 * value only when the double lies exactly halfway between two floats; those
 * rare values, and everything else, go to strtof_l in the C locale.
 */
#define _GNU_SOURCE
#define G_LOG_DOMAIN "ws-float-parse"

#include "config.h"

#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ws-float-parse.h"

static const double powers_of_ten[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static locale_t
c_locale (void)
{
  static gsize once = 0;
  static locale_t loc;

  if (g_once_init_enter (&once))
    {
      loc = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
      if (loc == (locale_t) 0)
        g_error ("Cannot create the C locale");
      g_once_init_leave (&once, 1);
    }
  return loc;
}

static gboolean
parse_slow (const char *start,
            const char *end,
            float      *value)
{
  char small[128];
  g_autofree char *big = NULL;
  gsize len = end - start;
  char *copy = small;
  char *stop = NULL;

  if (len == 0 || memchr (start, 'x', len) != NULL || memchr (start, 'X', len) != NULL)
    return FALSE;
  /* strtof also skips leading white space, which Python's float () does too;
   * copying keeps it from reading past @end. */
  if (len >= sizeof small)
    copy = big = g_malloc (len + 1);
  memcpy (copy, start, len);
  copy[len] = '\0';

  *value = strtof_l (copy, &stop, c_locale ());
  if (stop == copy)
    return FALSE;
  /* Python's float () allows white space around the number. */
  while (*stop != '\0' && g_ascii_isspace (*stop))
    stop++;
  return stop == copy + len;
}

/* The common case, in one pass: returns FALSE when it cannot decide, and
 * the caller falls back on strtof_l. On success *stop is the end of the
 * token: @end or a space. */
static inline gboolean
parse_fast (const char  *s,
            const char  *end,
            const char **stop,
            float       *value)
{
  gboolean negative = FALSE;
  guint64 mantissa = 0;
  int exponent = 0;
  int n_digits;
  const char *digits;
  double d;
  float f;
  guint64 bits;

  if (s < end && (*s == '-' || *s == '+'))
    {
      negative = *s == '-';
      s++;
    }
  digits = s;
  while (s < end && (guint) (*s - '0') < 10)
    mantissa = mantissa * 10 + (guint) (*s++ - '0');
  n_digits = s - digits;
  if (s < end && *s == '.')
    {
      const char *frac = ++s;

      while (s < end && (guint) (*s - '0') < 10)
        mantissa = mantissa * 10 + (guint) (*s++ - '0');
      exponent = -(int) (s - frac);
      n_digits += s - frac;
    }
  /* More than 19 digits (leading zeros included) may have overflowed. */
  if (n_digits == 0 || n_digits > 19)
    return FALSE;

  if (s < end && (*s == 'e' || *s == 'E'))
    {
      gboolean exp_negative = FALSE;
      const char *exp_digits;
      int e = 0;

      s++;
      if (s < end && (*s == '-' || *s == '+'))
        exp_negative = *s++ == '-';
      exp_digits = s;
      while (s < end && (guint) (*s - '0') < 10 && s - exp_digits < 6)
        e = e * 10 + (*s++ - '0');
      if (s == exp_digits)
        return FALSE;
      exponent += exp_negative ? -e : e;
    }
  if (s < end && *s != ' ')
    return FALSE;
  *stop = s;

  if (mantissa == 0)
    {
      *value = negative ? -0.0f : 0.0f;
      return TRUE;
    }
  if (mantissa > (G_GUINT64_CONSTANT (1) << 53) || exponent < -22 || exponent > 22)
    return FALSE;

  d = (double) mantissa;
  if (exponent < 0)
    d /= powers_of_ten[-exponent];
  else
    d *= powers_of_ten[exponent];

  /* Below the normal float range the halfway test below does not hold. */
  if (d < FLT_MIN)
    return FALSE;
  memcpy (&bits, &d, sizeof bits);
  /* A double exactly halfway between two floats: the 29 bits a float drops
   * are 1 followed by zeros. */
  if ((bits & 0x1fffffff) == 0x10000000)
    return FALSE;

  f = (float) d;
  *value = negative ? -f : f;
  return TRUE;
}

gboolean
ws_parse_float (const char *start,
                const char *end,
                float      *value)
{
  const char *stop;

  if (parse_fast (start, end, &stop, value) && stop == end)
    return TRUE;
  return parse_slow (start, end, value);
}

gboolean
ws_parse_float_token (const char  *start,
                      const char  *end,
                      const char **token_end,
                      float       *value)
{
  const char *space;

  if (parse_fast (start, end, token_end, value))
    return TRUE;
  space = memchr (start, ' ', end - start);
  *token_end = space != NULL ? space : end;
  return parse_slow (start, *token_end, value);
}
