/* ws-make-vectors.c: writes Google-News-shaped vector files for tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Seeded: the same arguments give the same bytes. A few real words come
 * first, then fillers w0000001…; values are normal with standard deviation
 * --scale. Three analogies are planted so that their answers are known:
 *   queen  ≈ king  - man    + woman
 *   berlin ≈ paris - france + germany
 *   women  ≈ woman - man    + men
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <glib.h>

static const char *real_words[] = {
  "king", "queen", "man", "woman", "men", "women", "prince", "princess",
  "paris", "france", "berlin", "germany", "rome", "italy", "tokyo", "japan",
  "cat", "dog", "computer", "language", "café", "naïve", "Zürich",
};

/* target = a - b + c */
static const char *planted[][4] = {
  { "queen", "king", "man", "woman" },
  { "berlin", "paris", "france", "germany" },
  { "women", "woman", "man", "men" },
};

/* xoshiro256** seeded through splitmix64: fast and reproducible everywhere. */
typedef struct { guint64 s[4]; } Rng;

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static inline guint64
rotl (guint64 x, int k)
{
  return (x << k) | (x >> (64 - k));
}

static guint64
rng_next (Rng *r)
{
  guint64 result = rotl (r->s[1] * 5, 7) * 9;
  guint64 t = r->s[1] << 17;

  r->s[2] ^= r->s[0];
  r->s[3] ^= r->s[1];
  r->s[1] ^= r->s[2];
  r->s[0] ^= r->s[3];
  r->s[2] ^= t;
  r->s[3] = rotl (r->s[3], 45);
  return result;
}

static double
rng_uniform (Rng *r)
{
  return ((rng_next (r) >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

/* Box–Muller: two normal values per call. */
static void
rng_normal2 (Rng *r, float *a, float *b)
{
  double u = rng_uniform (r), v = rng_uniform (r);
  double m = sqrt (-2.0 * log (u));

  *a = (float) (m * cos (2 * G_PI * v));
  *b = (float) (m * sin (2 * G_PI * v));
}

static void
fill_row (Rng *r, float *row, int dim, float scale)
{
  for (int j = 0; j < dim; j += 2)
    {
      float a, b;

      rng_normal2 (r, &a, &b);
      row[j] = a * scale;
      if (j + 1 < dim)
        row[j + 1] = b * scale;
    }
}

typedef struct
{
  FILE   *file;
  gzFile  gz;
} Out;

static gboolean
out_open (Out *o, const char *path, gboolean gzip)
{
  memset (o, 0, sizeof *o);
  if (gzip)
    o->gz = gzopen (path, "wb6");
  else
    o->file = fopen (path, "wb");
  if (o->file == NULL && o->gz == NULL)
    {
      g_printerr ("ws-make-vectors: cannot write %s: %s\n", path, g_strerror (errno));
      return FALSE;
    }
  if (o->file != NULL)
    setvbuf (o->file, NULL, _IOFBF, 1 << 20);
  return TRUE;
}

static void
out_write (Out *o, const void *data, gsize len)
{
  if (o->gz != NULL)
    gzwrite (o->gz, data, (unsigned) len);
  else if (o->file != NULL)
    fwrite (data, 1, len, o->file);
}

static gboolean
out_close (Out *o)
{
  if (o->gz != NULL)
    return gzclose (o->gz) == Z_OK;
  if (o->file != NULL)
    return fclose (o->file) == 0;
  return TRUE;
}

static int
word_index (const char *w)
{
  for (guint i = 0; i < G_N_ELEMENTS (real_words); i++)
    if (strcmp (real_words[i], w) == 0)
      return (int) i;
  return -1;
}

int
main (int argc, char **argv)
{
  gint64 n_words = 0, dim = 0, seed = 20240601;
  double scale = 0.1;
  char *binary_path = NULL, *text_path = NULL, *style = NULL;
  gboolean gzip = FALSE, quiet = FALSE;
  const GOptionEntry entries[] = {
    { "words", 'n', 0, G_OPTION_ARG_INT64, &n_words, "Number of words", "N" },
    { "dim", 'd', 0, G_OPTION_ARG_INT64, &dim, "Dimensions", "D" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Random seed", "SEED" },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, "Standard deviation of the values (0.1)", "S" },
    { "binary", 'b', 0, G_OPTION_ARG_FILENAME, &binary_path, "Write word2vec binary here", "FILE" },
    { "text", 't', 0, G_OPTION_ARG_FILENAME, &text_path, "Write word2vec text here", "FILE" },
    { "style", 0, 0, G_OPTION_ARG_STRING, &style,
      "c (word2vec.c: newline after each binary vector, %f text) or gensim", "STYLE" },
    { "gzip", 'z', 0, G_OPTION_ARG_NONE, &gzip, "Compress the output with gzip", NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "No progress", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- write a synthetic vector file");
  g_autoptr(GError) error = NULL;
  gboolean c_style;
  Out bin = { 0 }, txt = { 0 };
  float *planted_rows;
  float *row;
  Rng rng;
  guint64 sm;
  int width;
  int n_real;
  GString *line = g_string_new (NULL);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("ws-make-vectors: %s\n", error->message);
      return 2;
    }
  if (n_words < 1 || dim < 1 || (binary_path == NULL && text_path == NULL))
    {
      g_printerr ("ws-make-vectors: need --words N ≥ 1, --dim D ≥ 1 and --binary or --text\n");
      return 2;
    }
  c_style = style == NULL || strcmp (style, "c") == 0;

  sm = (guint64) seed;
  for (int i = 0; i < 4; i++)
    rng.s[i] = splitmix64 (&sm);

  if ((binary_path && !out_open (&bin, binary_path, gzip)) ||
      (text_path && !out_open (&txt, text_path, gzip)))
    return 1;

  g_string_printf (line, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", n_words, dim);
  out_write (&bin, line->str, line->len);
  out_write (&txt, line->str, line->len);

  /* The real words are drawn first so the planted ones can be computed. */
  n_real = (int) MIN ((gint64) G_N_ELEMENTS (real_words), n_words);
  planted_rows = g_new0 (float, (gsize) n_real * dim);
  for (int i = 0; i < n_real; i++)
    fill_row (&rng, planted_rows + (gsize) i * dim, (int) dim, (float) scale);
  for (guint p = 0; p < G_N_ELEMENTS (planted); p++)
    {
      int t = word_index (planted[p][0]), a = word_index (planted[p][1]);
      int b = word_index (planted[p][2]), c = word_index (planted[p][3]);
      float noise[2];

      if (t >= n_real || a >= n_real || b >= n_real || c >= n_real)
        continue;
      for (gint64 j = 0; j < dim; j++)
        {
          if (j % 2 == 0)
            rng_normal2 (&rng, &noise[0], &noise[1]);
          planted_rows[t * dim + j] = (planted_rows[a * dim + j] - planted_rows[b * dim + j] +
                                       planted_rows[c * dim + j]) / (float) sqrt (3.0) +
                                      noise[j % 2] * (float) (scale * 0.15);
        }
    }

  g_string_printf (line, "%" G_GINT64_FORMAT, n_words);
  width = MAX (7, (int) line->len);
  row = g_new (float, dim);
  for (gint64 i = 0; i < n_words; i++)
    {
      char word[64];

      if (i < n_real)
        {
          g_strlcpy (word, real_words[i], sizeof word);
          memcpy (row, planted_rows + i * dim, dim * sizeof (float));
        }
      else
        {
          g_snprintf (word, sizeof word, "w%0*" G_GINT64_FORMAT, width, i - n_real + 1);
          fill_row (&rng, row, (int) dim, (float) scale);
        }

      if (bin.file || bin.gz)
        {
          out_write (&bin, word, strlen (word));
          out_write (&bin, " ", 1);
          /* Little-endian float32, as every file of this format. */
          out_write (&bin, row, dim * sizeof (float));
          if (c_style)
            out_write (&bin, "\n", 1);
        }
      if (txt.file || txt.gz)
        {
          g_string_assign (line, word);
          for (gint64 j = 0; j < dim; j++)
            {
              char num[G_ASCII_DTOSTR_BUF_SIZE];

              if (c_style)
                g_ascii_formatd (num, sizeof num, "%f", row[j]);
              else
                g_ascii_formatd (num, sizeof num, "%.9g", row[j]);
              g_string_append_c (line, ' ');
              g_string_append (line, num);
            }
          g_string_append (line, c_style ? " \n" : "\n");
          out_write (&txt, line->str, line->len);
        }
      if (!quiet && i > 0 && i % 500000 == 0)
        g_printerr ("  %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT " rows\n", i, n_words);
    }

  if (!out_close (&bin) || !out_close (&txt))
    {
      g_printerr ("ws-make-vectors: writing failed: %s\n", g_strerror (errno));
      return 1;
    }
  g_free (row);
  g_free (planted_rows);
  g_string_free (line, TRUE);
  g_free (binary_path);
  g_free (text_path);
  g_free (style);
  return 0;
}
