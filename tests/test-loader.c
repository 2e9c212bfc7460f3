/* test-loader.c: reading vector files as gensim 4.2 reads them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Expected values on the shared test data were obtained offline from
 * Debian's gensim 4.2 (KeyedVectors.load_word2vec_format) and are written
 * here as exact float32 hex literals.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ws-float-parse.h"
#include "ws-vectors.h"
#include "ws-vectors-private.h"
#include "ws-test-model.h"
#include "ws-test-util.h"
#include "ws-text.h"

/* ---------- helpers ---------- */

/* These tests are about the parser: never the model cache. The copy is
 * static: only the main thread calls this, and loading copies it. */
static const WsLoadOptions *
no_cache (const WsLoadOptions *options)
{
  static WsLoadOptions copy;

  if (options != NULL)
    copy = *options;
  else
    ws_load_options_init (&copy);
  copy.use_cache = FALSE;
  return &copy;
}

static WsVectors *
load (const char          *path,
      const WsLoadOptions *options,
      GError             **error)
{
  return ws_vectors_load (path, no_cache (options), NULL, NULL, NULL, error);
}

static GBytes *
gzip_bytes (const void *data,
            gsize       len)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
  g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (mem, G_CONVERTER (compressor));
  g_autoptr(GError) error = NULL;
  gsize written = 0;

  g_output_stream_write_all (out, data, len, &written, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
}

static char *
write_gzip (const char *name,
            const void *data,
            gsize       len)
{
  g_autoptr(GBytes) gz = gzip_bytes (data, len);
  gsize gz_len;
  const void *gz_data = g_bytes_get_data (gz, &gz_len);

  return ws_test_write_file (name, gz_data, gz_len);
}

static char *
write_text (const char *name,
            const char *text)
{
  return ws_test_write_file (name, text, strlen (text));
}

/* A binary record: word, space, floats, and optionally word2vec.c's newline. */
static void
append_binary_row (GByteArray  *out,
                   const char  *word,
                   const float *values,
                   gsize        dim,
                   gboolean     newline)
{
  g_byte_array_append (out, (const guint8 *) word, strlen (word));
  g_byte_array_append (out, (const guint8 *) " ", 1);
  for (gsize j = 0; j < dim; j++)
    {
      guint32 u;
      memcpy (&u, values + j, 4);
      u = GUINT32_TO_LE (u);
      g_byte_array_append (out, (const guint8 *) &u, 4);
    }
  if (newline)
    g_byte_array_append (out, (const guint8 *) "\n", 1);
}

static void
assert_error_mentions (const GError *error,
                       const char   *path,
                       const char   *where)
{
  g_autofree char *base = g_path_get_basename (path);

  g_assert_nonnull (error);
  if (strstr (error->message, base) == NULL || (where != NULL && strstr (error->message, where) == NULL))
    g_error ("“%s” should name “%s” and “%s”", error->message, base, where ? where : "");
  g_test_message ("%s", error->message);
}

static void
assert_same_model (WsVectors *a,
                   WsVectors *b)
{
  gsize n = ws_vectors_get_n_words (a);
  gsize dim = ws_vectors_get_dim (a);

  g_assert_cmpuint (ws_vectors_get_n_words (b), ==, n);
  g_assert_cmpuint (ws_vectors_get_dim (b), ==, dim);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpstr (ws_vectors_get_word (a, i), ==, ws_vectors_get_word (b, i));
  g_assert_cmpmem (ws_test_all_rows (a), n * dim * sizeof (float),
                   ws_test_all_rows (b), n * dim * sizeof (float));
}

/* ---------- the shared test data, checked against gensim ---------- */

typedef struct
{
  const char      *file;
  WsVectorsFormat  format;
  WsUtf8Policy     policy;
  gsize            n_words;
  gsize            dim;
  const char      *first[3];
  const char      *last;
  float            first_value;   /* row 0, column 0 */
  float            last_value;    /* last row, last column */
} Expected;

static const Expected expected_files[] = {
  { "euclidean_vectors.bin", WS_VECTORS_FORMAT_WORD2VEC_BINARY, WS_UTF8_STRICT, 2747, 10,
    { "the", "to", "of" }, "fly", 0x1.af9172p-2f, 0x1.5db51ap-2f },
  { "word2vec_pre_kv_c", WS_VECTORS_FORMAT_WORD2VEC_TEXT, WS_UTF8_STRICT, 1750, 10,
    { "the", "to", "of" }, "indonesian", -0x1.1f494ap-1f, -0x1.0fe0cep-3f },
  { "lee_fasttext.vec", WS_VECTORS_FORMAT_WORD2VEC_TEXT, WS_UTF8_STRICT, 1762, 10,
    { "the", "to", "of" }, "hundred", -0x1.51e108p-1f, 0x1.eb93ccp-5f },
  { "pang_lee_polarity_fasttext.vec", WS_VECTORS_FORMAT_WORD2VEC_TEXT, WS_UTF8_REPLACE, 1694, 100,
    { ".", "the", "</s>" }, "worse", -0x1.e2d97ep-8f, -0x1.0275fcp-7f },
  { "crime-and-punishment.vec", WS_VECTORS_FORMAT_WORD2VEC_TEXT, WS_UTF8_STRICT, 291, 5,
    { "и", "в", "на" }, "напротив;", -0x1.ca4d2cp-4f, 0x1.c0b136p-5f },
  { "EN.1-10.cbow1_wind5_hs0_neg10_size300_smpl1e-05.txt", WS_VECTORS_FORMAT_WORD2VEC_TEXT, WS_UTF8_STRICT, 20, 300,
    { "one", "two", "three" }, "mango", -0x1.11d368p-6f, 0x1.325460p-2f },
  { "IT.1-10.cbow1_wind5_hs0_neg10_size300_smpl1e-05.txt", WS_VECTORS_FORMAT_WORD2VEC_TEXT, WS_UTF8_STRICT, 20, 300,
    { "uno", "due", "tre" }, "mango", -0x1.c4d120p-4f, 0x1.0e3de6p-3f },
  { "test_glove.txt", WS_VECTORS_FORMAT_GLOVE_TEXT, WS_UTF8_STRICT, 76, 50,
    { "the", "ö", "é" }, "into", 0x1.ac0832p-2f, -0x1.2c91d2p+0f },
  { "toy-model.vec", WS_VECTORS_FORMAT_WORD2VEC_TEXT, WS_UTF8_STRICT, 22, 5,
    { "the", "of", "and" }, "by", 0x1.19d990p-4f, 0x1.941850p-8f },
  { "high_precision.kv.txt", WS_VECTORS_FORMAT_WORD2VEC_TEXT, WS_UTF8_STRICT, 2, 2,
    { "kangaroo.n.01", "horse.n.01", NULL }, "horse.n.01", -0x1.825c52p-11f, 0x1.936508p-11f },
  { "high_precision.kv.bin", WS_VECTORS_FORMAT_WORD2VEC_BINARY, WS_UTF8_STRICT, 2, 2,
    { "kangaroo.n.01", "horse.n.01", NULL }, "horse.n.01", -0x1.824p-11f, 0x1.938p-11f },
};

static void
check_expected (WsVectors      *v,
                const Expected *x)
{
  gsize n, dim;

  g_assert_cmpuint (ws_vectors_get_n_words (v), ==, x->n_words);
  g_assert_cmpuint (ws_vectors_get_dim (v), ==, x->dim);
  g_assert_cmpint (ws_vectors_get_format (v), ==, x->format);
  for (guint i = 0; i < G_N_ELEMENTS (x->first) && x->first[i] != NULL; i++)
    g_assert_cmpstr (ws_vectors_get_word (v, i), ==, x->first[i]);
  n = ws_vectors_get_n_words (v);
  dim = ws_vectors_get_dim (v);
  g_assert_cmpstr (ws_vectors_get_word (v, n - 1), ==, x->last);
  g_assert_cmpfloat (ws_vectors_get_row (v, 0)[0], ==, x->first_value);
  g_assert_cmpfloat (ws_vectors_get_row (v, n - 1)[dim - 1], ==, x->last_value);
  g_assert_cmpuint (ws_vectors_get_n_duplicates (v), ==, 0);
}

static void
test_testdata_files (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (expected_files); i++)
    {
      const Expected *x = &expected_files[i];
      g_autofree char *path = ws_test_data_path (x->file);
      g_autoptr(GError) error = NULL;
      g_autoptr(WsVectors) v = NULL;
      WsLoadOptions options;

      if (path == NULL)
        return;
      g_test_message ("%s", x->file);
      ws_load_options_init (&options);
      options.utf8_policy = x->policy;
      v = load (path, &options, &error);
      g_assert_no_error (error);
      check_expected (v, x);
      g_assert_false (ws_vectors_get_compressed (v));
      g_assert_cmpstr (ws_vectors_get_path (v), ==, path);
    }
}

static void
test_testdata_gzip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (expected_files); i++)
    {
      const Expected *x = &expected_files[i];
      g_autofree char *path = ws_test_data_path (x->file);
      g_autofree char *contents = NULL;
      g_autofree char *gz_name = NULL;
      g_autofree char *gz_path = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(WsVectors) v = NULL;
      g_autoptr(WsVectors) plain = NULL;
      WsLoadOptions options;
      gsize len;

      if (path == NULL)
        return;
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      /* No telling suffix: the content decides. */
      gz_name = g_strdup_printf ("gz-%u.data", i);
      gz_path = write_gzip (gz_name, contents, len);

      ws_load_options_init (&options);
      options.utf8_policy = x->policy;
      v = load (gz_path, &options, &error);
      g_assert_no_error (error);
      check_expected (v, x);
      g_assert_true (ws_vectors_get_compressed (v));
      plain = load (path, &options, &error);
      g_assert_no_error (error);
      assert_same_model (v, plain);
    }
}

static void
test_high_precision (void)
{
  /* gensim 4.2: the text file keeps 17-digit values rounded to float32; the
   * binary file holds coarser floats. */
  static const float txt[] = { -0x1.825c52p-11f, -0x1.5ade2ap-14f, -0x1.c01242p-11f, 0x1.936508p-11f };
  static const float bin[] = { -0x1.824p-11f, -0x1.5acp-14f, -0x1.c0p-11f, 0x1.938p-11f };
  g_autofree char *txt_path = ws_test_data_path ("high_precision.kv.txt");
  g_autofree char *bin_path = ws_test_data_path ("high_precision.kv.bin");
  g_autoptr(GError) error = NULL;
  g_autoptr(WsVectors) t = NULL;
  g_autoptr(WsVectors) b = NULL;

  if (txt_path == NULL)
    return;
  t = load (txt_path, NULL, &error);
  g_assert_no_error (error);
  b = load (bin_path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (ws_test_all_rows (t), sizeof txt, txt, sizeof txt);
  g_assert_cmpmem (ws_test_all_rows (b), sizeof bin, bin, sizeof bin);
}

static void
test_pretrained_truncated (void)
{
  /* The header says 3 words; the file holds 1. gensim raises EOFError; with
   * limit=1 it reads "dummy". */
  static const float dummy[] = { 0x1.1bf37cp-4f, 0x1.73d07cp-3f, 0x1.498916p-4f,
                                 -0x1.706f6ap-3f, 0x1.067f0ap-5f };
  g_autofree char *path = ws_test_data_path ("pretrained.vec");
  g_autoptr(GError) error = NULL;
  g_autoptr(WsVectors) v = NULL;
  WsLoadOptions options;

  if (path == NULL)
    return;
  v = load (path, NULL, &error);
  g_assert_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_TRUNCATED);
  g_assert_null (v);
  assert_error_mentions (error, path, "after line 2");
  g_clear_error (&error);

  ws_load_options_init (&options);
  options.limit = 1;
  v = load (path, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ws_vectors_get_n_words (v), ==, 1);
  g_assert_cmpstr (ws_vectors_get_word (v, 0), ==, "dummy");
  g_assert_cmpmem (ws_vectors_get_row (v, 0), sizeof dummy, dummy, sizeof dummy);
}

static void
test_testdata_strict_utf8 (void)
{
  g_autofree char *path = ws_test_data_path ("pang_lee_polarity_fasttext.vec");
  g_autoptr(GError) error = NULL;
  g_autoptr(WsVectors) v = NULL;
  WsLoadOptions options;

  if (path == NULL)
    return;
  /* gensim's default, strict, fails on this file too; line 150 holds a
   * lone 0x97 byte at byte offset 155978. */
  v = load (path, NULL, &error);
  g_assert_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_ENCODING);
  assert_error_mentions (error, path, "155978");
  assert_error_mentions (error, path, "line 150");
  g_clear_error (&error);

  ws_load_options_init (&options);
  options.utf8_policy = WS_UTF8_REPLACE;
  v = load (path, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ws_vectors_get_word (v, 148), ==, "\xef\xbf\xbd");
  g_assert_cmpstr (ws_vectors_get_word (v, 282), ==, "clich\xef\xbf\xbds");
  g_clear_object (&v);

  /* "ignore" turns row 148 into the empty word, as gensim does. */
  options.utf8_policy = WS_UTF8_IGNORE;
  v = load (path, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ws_vectors_get_n_words (v), ==, 1694);
  g_assert_cmpstr (ws_vectors_get_word (v, 148), ==, "");
  g_assert_cmpstr (ws_vectors_get_word (v, 282), ==, "clichs");
}

/* ---------- files the test writes ---------- */

static const char *small_words[] = { "king", "queen", "Königin", "crown_prince" };
static const float small_values[] = {
  0.5f, -1.25f, 3.0f,
  0.1f, 0.2f, -0.3f,
  1e-7f, -2.5e10f, 0.0f,
  -0.0f, 7.0f, 123.456f,
};

static void
check_small (WsVectors *v)
{
  g_assert_cmpuint (ws_vectors_get_n_words (v), ==, 4);
  g_assert_cmpuint (ws_vectors_get_dim (v), ==, 3);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpstr (ws_vectors_get_word (v, i), ==, small_words[i]);
  g_assert_cmpmem (ws_test_all_rows (v), sizeof small_values, small_values, sizeof small_values);
}

static GByteArray *
small_binary (gboolean newline)
{
  GByteArray *out = g_byte_array_new ();

  g_byte_array_append (out, (const guint8 *) "4 3\n", 4);
  for (guint i = 0; i < 4; i++)
    append_binary_row (out, small_words[i], small_values + 3 * i, 3, newline);
  return out;
}

/* %.9g round-trips float32, and strtof reads it back exactly. */
static char *
small_text (gboolean header,
            gboolean trailing_space,
            gboolean crlf)
{
  GString *s = g_string_new (header ? (crlf ? "4 3\r\n" : "4 3\n") : "");

  for (guint i = 0; i < 4; i++)
    {
      g_string_append (s, small_words[i]);
      for (guint j = 0; j < 3; j++)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          g_string_append_c (s, ' ');
          g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.9g", small_values[3 * i + j]));
        }
      if (trailing_space)
        g_string_append_c (s, ' ');
      g_string_append (s, crlf ? "\r\n" : "\n");
    }
  return g_string_free (s, FALSE);
}

static void
check_written_file (const char      *name,
                    const void      *data,
                    gsize            len,
                    WsVectorsFormat  format)
{
  g_autofree char *path = ws_test_write_file (name, data, len);
  g_autofree char *gz_name = g_strconcat (name, ".gz", NULL);
  g_autofree char *gz_path = write_gzip (gz_name, data, len);
  g_autoptr(GError) error = NULL;
  g_autoptr(WsVectors) v = NULL;
  g_autoptr(WsVectors) gz = NULL;

  v = load (path, NULL, &error);
  g_assert_no_error (error);
  check_small (v);
  g_assert_cmpint (ws_vectors_get_format (v), ==, format);
  g_assert_false (ws_vectors_get_compressed (v));

  gz = load (gz_path, NULL, &error);
  g_assert_no_error (error);
  check_small (gz);
  g_assert_cmpint (ws_vectors_get_format (gz), ==, format);
  g_assert_true (ws_vectors_get_compressed (gz));
}

static void
test_written_binary_newline (void)
{
  g_autoptr(GByteArray) b = small_binary (TRUE);
  check_written_file ("w2v-c.bin", b->data, b->len, WS_VECTORS_FORMAT_WORD2VEC_BINARY);
}

static void
test_written_binary_no_newline (void)
{
  g_autoptr(GByteArray) b = small_binary (FALSE);
  check_written_file ("gensim.bin", b->data, b->len, WS_VECTORS_FORMAT_WORD2VEC_BINARY);
}

static void
test_written_word2vec_text (void)
{
  g_autofree char *t = small_text (TRUE, FALSE, FALSE);
  g_autofree char *crlf = small_text (TRUE, FALSE, TRUE);

  check_written_file ("w2v.txt", t, strlen (t), WS_VECTORS_FORMAT_WORD2VEC_TEXT);
  check_written_file ("w2v-crlf.txt", crlf, strlen (crlf), WS_VECTORS_FORMAT_WORD2VEC_TEXT);
}

static void
test_written_fasttext (void)
{
  g_autofree char *t = small_text (TRUE, TRUE, FALSE);
  check_written_file ("ft.vec", t, strlen (t), WS_VECTORS_FORMAT_WORD2VEC_TEXT);
}

static void
test_written_glove (void)
{
  g_autofree char *t = small_text (FALSE, FALSE, FALSE);
  g_autofree char *no_final_newline = g_strndup (t, strlen (t) - 1);
  g_autofree char *trailing_blank = g_strconcat (t, "\n  \n", NULL);

  check_written_file ("glove.txt", t, strlen (t), WS_VECTORS_FORMAT_GLOVE_TEXT);
  check_written_file ("glove-no-nl.txt", no_final_newline, strlen (no_final_newline),
                      WS_VECTORS_FORMAT_GLOVE_TEXT);
  /* Blank lines at the very end are tolerated. */
  check_written_file ("glove-blank.txt", trailing_blank, strlen (trailing_blank),
                      WS_VECTORS_FORMAT_GLOVE_TEXT);
}

/* A byte order mark at the start of the file (Windows editors save one)
 * is skipped in every format, plain and gzip-compressed. */
static void
test_written_bom (void)
{
  static const struct
  {
    const char      *name;
    gboolean         header, trailing_space, crlf;
    WsVectorsFormat  format;
  } cases[] = {
    { "bom-w2v.txt", TRUE, FALSE, FALSE, WS_VECTORS_FORMAT_WORD2VEC_TEXT },
    { "bom-w2v-crlf.txt", TRUE, FALSE, TRUE, WS_VECTORS_FORMAT_WORD2VEC_TEXT },
    { "bom-ft.vec", TRUE, TRUE, FALSE, WS_VECTORS_FORMAT_WORD2VEC_TEXT },
    { "bom-glove.txt", FALSE, FALSE, FALSE, WS_VECTORS_FORMAT_GLOVE_TEXT },
    { "bom-glove-crlf.txt", FALSE, TRUE, TRUE, WS_VECTORS_FORMAT_GLOVE_TEXT },
  };
  g_autoptr(GByteArray) binary = small_binary (TRUE);
  g_autoptr(GByteArray) bom_binary = g_byte_array_new ();

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *t = small_text (cases[i].header, cases[i].trailing_space, cases[i].crlf);
      g_autofree char *with_bom = g_strconcat (WS_UTF8_BOM, t, NULL);

      g_test_message ("%s", cases[i].name);
      check_written_file (cases[i].name, with_bom, strlen (with_bom), cases[i].format);
    }
  /* Before a binary file's header line too. */
  g_byte_array_append (bom_binary, (const guint8 *) WS_UTF8_BOM, 3);
  g_byte_array_append (bom_binary, binary->data, binary->len);
  check_written_file ("bom-w2v.bin", bom_binary->data, bom_binary->len,
                      WS_VECTORS_FORMAT_WORD2VEC_BINARY);
}

static void
test_written_binary_words (void)
{
  /* gensim strips only leading newlines from binary words, after decoding. */
  static const float one[] = { 1.0f, 2.0f };
  g_autoptr(GByteArray) b = g_byte_array_new ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WsVectors) v = NULL;

  g_byte_array_append (b, (const guint8 *) "3 2\n", 4);
  append_binary_row (b, "\n\nfirst", one, 2, FALSE);
  append_binary_row (b, "\tsecond", one, 2, TRUE);
  append_binary_row (b, "thi\nrd", one, 2, TRUE);
  path = ws_test_write_file ("words.bin", b->data, b->len);
  v = load (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ws_vectors_get_word (v, 0), ==, "first");
  g_assert_cmpstr (ws_vectors_get_word (v, 1), ==, "\tsecond");
  g_assert_cmpstr (ws_vectors_get_word (v, 2), ==, "thi\nrd");
}

static void
test_gzip_multi_member (void)
{
  g_autofree char *t = small_text (TRUE, FALSE, FALSE);
  gsize half = strlen (t) / 2;
  g_autoptr(GBytes) a = gzip_bytes (t, half);
  g_autoptr(GBytes) b = gzip_bytes (t + half, strlen (t) - half);
  g_autoptr(GByteArray) both = g_byte_array_new ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WsVectors) v = NULL;

  g_byte_array_append (both, g_bytes_get_data (a, NULL), g_bytes_get_size (a));
  g_byte_array_append (both, g_bytes_get_data (b, NULL), g_bytes_get_size (b));
  /* Zero padding at the end is allowed, as Python's gzip allows it. */
  g_byte_array_append (both, (const guint8 *) "\0\0\0\0", 4);
  path = ws_test_write_file ("two-members.gz", both->data, both->len);
  v = load (path, NULL, &error);
  g_assert_no_error (error);
  check_small (v);
}

/* ---------- options ---------- */

static void
test_limit (void)
{
  g_autoptr(GByteArray) b = small_binary (TRUE);
  g_autofree char *t = small_text (TRUE, TRUE, FALSE);
  g_autofree char *g = small_text (FALSE, FALSE, FALSE);
  const char *paths[3];
  g_autofree char *p0 = ws_test_write_file ("limit.bin", b->data, b->len);
  g_autofree char *p1 = write_text ("limit.vec", t);
  g_autofree char *p2 = write_text ("limit-glove.txt", g);

  paths[0] = p0;
  paths[1] = p1;
  paths[2] = p2;
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WsVectors) v = NULL;
      WsLoadOptions options;

      ws_load_options_init (&options);
      options.limit = 2;
      v = load (paths[i], &options, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ws_vectors_get_n_words (v), ==, 2);
      g_assert_cmpstr (ws_vectors_get_word (v, 1), ==, "queen");
      g_assert_cmpmem (ws_test_all_rows (v), 6 * sizeof (float), small_values, 6 * sizeof (float));
      g_clear_object (&v);

      /* A limit beyond the file reads it all. */
      options.limit = 100;
      v = load (paths[i], &options, &error);
      g_assert_no_error (error);
      check_small (v);
    }
}

static void
test_limit_counts_duplicates (void)
{
  /* gensim's limit counts rows read, duplicates included. */
  g_autofree char *path = write_text ("dup-limit.txt", "3 1\na 1\na 2\nb 3\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(WsVectors) v = NULL;
  WsLoadOptions options;

  ws_load_options_init (&options);
  options.limit = 2;
  v = load (path, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ws_vectors_get_n_words (v), ==, 1);
  g_assert_cmpuint (ws_vectors_get_n_duplicates (v), ==, 1);
}

static void
test_format_override (void)
{
  g_autofree char *g = small_text (FALSE, FALSE, FALSE);
  g_autofree char *path = write_text ("override-glove.txt", g);
  g_autofree char *hdr = write_text ("override-hdr.txt", "2 1\n3 4\n5 6\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(WsVectors) v = NULL;
  WsLoadOptions options;

  ws_load_options_init (&options);
  options.format = WS_VECTORS_FORMAT_WORD2VEC_TEXT;
  v = load (path, &options, &error);
  g_assert_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_FORMAT);
  assert_error_mentions (error, path, "line 1");
  g_clear_error (&error);

  /* "2 1" reads as a header by default, as a row when told it is GloVe. */
  v = load (hdr, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ws_vectors_get_n_words (v), ==, 2);
  g_assert_cmpstr (ws_vectors_get_word (v, 0), ==, "3");
  g_clear_object (&v);
  options.format = WS_VECTORS_FORMAT_GLOVE_TEXT;
  v = load (hdr, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ws_vectors_get_n_words (v), ==, 3);
  g_assert_cmpstr (ws_vectors_get_word (v, 0), ==, "2");
  g_assert_cmpint (ws_vectors_get_format (v), ==, WS_VECTORS_FORMAT_GLOVE_TEXT);
}

static void
test_utf8_policies_binary (void)
{
  /* "caf\xc3" is cut inside a character, as word2vec.c does; "\xe2\x82x"
   * is a broken three-byte character followed by "x". */
  static const float one[] = { 1.0f };
  static const float two[] = { 2.0f };
  g_autoptr(GByteArray) b = g_byte_array_new ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WsVectors) v = NULL;
  WsLoadOptions options;

  g_byte_array_append (b, (const guint8 *) "2 1\n", 4);
  append_binary_row (b, "caf\xc3", one, 1, TRUE);
  append_binary_row (b, "\xe2\x82x", two, 1, TRUE);
  path = ws_test_write_file ("utf8.bin", b->data, b->len);

  v = load (path, NULL, &error);
  g_assert_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_ENCODING);
  /* The bad byte is the 8th of the file: offset 7. */
  assert_error_mentions (error, path, "byte 7");
  g_clear_error (&error);

  ws_load_options_init (&options);
  options.utf8_policy = WS_UTF8_REPLACE;
  v = load (path, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ws_vectors_get_word (v, 0), ==, "caf\xef\xbf\xbd");
  g_assert_cmpstr (ws_vectors_get_word (v, 1), ==, "\xef\xbf\xbdx");
  g_clear_object (&v);

  options.utf8_policy = WS_UTF8_IGNORE;
  v = load (path, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ws_vectors_get_word (v, 0), ==, "caf");
  g_assert_cmpstr (ws_vectors_get_word (v, 1), ==, "x");
}

static void
test_utf8_policies_text (void)
{
  g_autofree char *path = write_text ("utf8.txt", "2 2\nok 1 2\nb\xff\xfe" "d 3 4\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(WsVectors) v = NULL;
  WsLoadOptions options;

  v = load (path, NULL, &error);
  g_assert_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_ENCODING);
  assert_error_mentions (error, path, "line 3");
  assert_error_mentions (error, path, "byte 12");
  g_clear_error (&error);

  ws_load_options_init (&options);
  options.utf8_policy = WS_UTF8_REPLACE;
  v = load (path, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ws_vectors_get_word (v, 1), ==, "b\xef\xbf\xbd\xef\xbf\xbd" "d");
  g_clear_object (&v);

  options.utf8_policy = WS_UTF8_IGNORE;
  v = load (path, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ws_vectors_get_word (v, 1), ==, "bd");
  g_assert_true (ws_vectors_contains (v, "bd"));
}

/* ---------- bad input: one test per case ---------- */

static void
expect_failure (const char *path,
                int         code,
                const char *where)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WsVectors) v = load (path, NULL, &error);

  g_assert_null (v);
  g_assert_error (error, WS_VECTORS_ERROR, code);
  assert_error_mentions (error, path, where);
}

static void
test_bad_empty (void)
{
  g_autofree char *path = write_text ("empty.txt", "");
  g_autofree char *blank = write_text ("blank.txt", "\n \n");
  g_autofree char *gz = write_gzip ("empty.gz", "", 0);

  expect_failure (path, WS_VECTORS_ERROR_EMPTY, "empty");
  expect_failure (blank, WS_VECTORS_ERROR_EMPTY, "blank");
  expect_failure (gz, WS_VECTORS_ERROR_EMPTY, "empty");
}

static void
test_bad_not_vectors (void)
{
  g_autofree char *path = write_text ("prose.txt", "Call me Ishmael. Some years ago\n");
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13 };
  g_autofree char *bin = ws_test_write_file ("picture.png", png, sizeof png);

  expect_failure (path, WS_VECTORS_ERROR_FORMAT, "line 1");
  expect_failure (bin, WS_VECTORS_ERROR_FORMAT, "line 1");
}

/* Only at the start: a mark further in is part of a word, and byte offsets
 * still count from the file's first byte. */
static void
test_bom_only_at_start (void)
{
  g_autofree char *path = write_text ("bom-later.txt", WS_UTF8_BOM "a 1 2\n" WS_UTF8_BOM "b 3 4\n");
  g_autofree char *bad = write_text ("bom-bad-utf8.txt", WS_UTF8_BOM "good 1\nbad\xc0\xaf 2\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(WsVectors) v = load (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ws_vectors_get_n_words (v), ==, 2);
  g_assert_cmpstr (ws_vectors_get_word (v, 0), ==, "a");
  g_assert_cmpstr (ws_vectors_get_word (v, 1), ==, WS_UTF8_BOM "b");
  /* The overlong "/" is byte 13 of the file (10 after the mark). */
  expect_failure (bad, WS_VECTORS_ERROR_ENCODING, "byte 13");
}

static void
assert_printable (const char *message)
{
  g_assert_true (g_utf8_validate (message, -1, NULL));
  for (const char *p = message; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert_false (c < 0x20 || (c >= 0x7f && c < 0xa0));
    }
}

/* Binary garbage given as a model: the message quotes the bytes escaped,
 * never raw (invalid UTF-8, control characters). */
static void
test_bad_garbage_message (void)
{
  static const guint8 garbage[] = { 0x93, 0x01, 0x02, 'h', 'i', 0x7f, 0xff, '\\', 0x00,
                                    0xc2, 0x85, 0x1b, '[', '2', 'J', '\n', 'x', '\n' };
  g_autofree char *path = ws_test_write_file ("garbage.bin", garbage, sizeof garbage);
  g_autofree char *gz = write_gzip ("garbage.gz", garbage, sizeof garbage);
  g_autofree char *row = write_text ("control-word.txt", "2 2\nw\x01rd 1 2 3\n");
  const char *paths[] = { path, gz };

  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WsVectors) v = load (paths[i], NULL, &error);

      g_assert_null (v);
      g_assert_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_FORMAT);
      assert_printable (error->message);
      g_assert_nonnull (strstr (error->message,
                                "\\x93\\x01\\x02hi\\x7F\\xFF\\\\\\x00\\x85\\x1B[2J"));
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(WsVectors) v = load (row, NULL, &error);

    g_assert_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_BAD_ROW);
    assert_printable (error->message);
    g_assert_nonnull (strstr (error->message, "line 2: “w\\x01rd” has 3 values"));
  }
}

/* The one helper every loader message quotes file content through. */
static void
test_text_escape (void)
{
  static const struct { const char *in; gssize len; gsize max; const char *out; } cases[] = {
    { "king", -1, 0, "king" },
    { "Königin", -1, 0, "Königin" },
    { "caf\xe9", -1, 0, "caf\\xE9" },
    { "a\tb\r\n", -1, 0, "a\\x09b\\x0D\\x0A" },
    { "a\\b", -1, 0, "a\\\\b" },
    { "\xe2\x82", -1, 0, "\\xE2\\x82" },     /* a cut sequence */
    { "n\0l", 3, 0, "n\\x00l" },
    { "abcdef", -1, 3, "abc…" },
    { "abc", -1, 3, "abc" },
    { "\xff\xfe\xfd\xfc", -1, 2, "\\xFF\\xFE…" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize len = cases[i].len < 0 ? strlen (cases[i].in) : (gsize) cases[i].len;
      g_autofree char *out = ws_text_escape (cases[i].in, len, cases[i].max);

      g_assert_cmpstr (out, ==, cases[i].out);
      assert_printable (out);
    }
  g_assert_cmpuint (ws_text_bom_length (WS_UTF8_BOM "x", 4), ==, 3);
  g_assert_cmpuint (ws_text_bom_length ("\xef\xbb", 2), ==, 0);
  g_assert_cmpuint (ws_text_bom_length ("x" WS_UTF8_BOM, 4), ==, 0);
}

static void
test_bad_header_too_many_rows (void)
{
  g_autofree char *text = write_text ("short.vec", "5 2\na 1 2\nb 3 4\n");
  g_autofree char *gz = write_gzip ("short.vec.gz", "5 2\na 1 2\nb 3 4\n", 16);
  g_autofree char *huge = NULL;
  g_autofree char *huge_gz = NULL;
  g_autoptr(GByteArray) b = g_byte_array_new ();
  static const float v[] = { 1.0f, 2.0f };

  /* Plain: found at once from the file size. */
  expect_failure (text, WS_VECTORS_ERROR_TRUNCATED, "line 1");
  /* Compressed: found at the end, naming the line. */
  expect_failure (gz, WS_VECTORS_ERROR_TRUNCATED, "after line 3");

  /* 10^12 words fail at once, without allocating for them. */
  g_byte_array_append (b, (const guint8 *) "1000000000000 2\n", 16);
  append_binary_row (b, "a", v, 2, TRUE);
  huge = ws_test_write_file ("huge.bin", b->data, b->len);
  expect_failure (huge, WS_VECTORS_ERROR_TRUNCATED, "1000000000000");
  huge_gz = write_gzip ("huge.bin.gz", b->data, b->len);
  expect_failure (huge_gz, WS_VECTORS_ERROR_TRUNCATED, "byte 27");
}

static void
test_bad_truncated_vector (void)
{
  g_autoptr(GByteArray) b = small_binary (FALSE);
  g_autofree char *path = NULL;
  g_autofree char *gz = NULL;
  g_autofree char *where = NULL;

  /* Cut the last vector short by 5 bytes. */
  g_byte_array_set_size (b, b->len - 5);
  path = ws_test_write_file ("cut.bin", b->data, b->len);
  where = g_strdup_printf ("byte %u", b->len);
  expect_failure (path, WS_VECTORS_ERROR_TRUNCATED, where);
  expect_failure (path, WS_VECTORS_ERROR_TRUNCATED, "crown_prince");
  gz = write_gzip ("cut.bin.gz", b->data, b->len);
  expect_failure (gz, WS_VECTORS_ERROR_TRUNCATED, where);
}

static void
test_bad_truncated_vector_in_plain_file (void)
{
  /* Long words make the file big enough to pass the size check, so the
   * missing bytes are found in the last vector itself. */
  static const float v[] = { 1.0f, 2.0f, 3.0f };
  g_autoptr(GByteArray) b = g_byte_array_new ();
  g_autofree char *path = NULL;
  g_autofree char *where = NULL;

  g_byte_array_append (b, (const guint8 *) "2 3\n", 4);
  append_binary_row (b, "a_rather_long_word_to_pad_the_file", v, 3, TRUE);
  append_binary_row (b, "b", v, 3, FALSE);
  g_byte_array_set_size (b, b->len - 2);
  path = ws_test_write_file ("cut2.bin", b->data, b->len);
  where = g_strdup_printf ("byte %u", b->len);
  expect_failure (path, WS_VECTORS_ERROR_TRUNCATED, where);
}

static void
test_bad_row_length (void)
{
  g_autofree char *text = write_text ("ragged.vec", "3 3\na 1 2 3\nb 1 2\nc 1 2 3\n");
  g_autofree char *glove = write_text ("ragged-glove.txt", "a 1 2 3\nb 1 2 3\nc 1 2 3 4\n");
  g_autofree char *gap = write_text ("gap.txt", "a 1 2 3\n\nc 1 2 3\n");
  g_autofree char *two_spaces = write_text ("spaces.txt", "a 1 2 3\nb 1  2 3\n");

  expect_failure (text, WS_VECTORS_ERROR_BAD_ROW, "line 3");
  expect_failure (glove, WS_VECTORS_ERROR_BAD_ROW, "line 3");
  expect_failure (gap, WS_VECTORS_ERROR_BAD_ROW, "line 2");
  expect_failure (two_spaces, WS_VECTORS_ERROR_BAD_VALUE, "line 2");
}

static void
test_bad_values (void)
{
  g_autofree char *nan_path = write_text ("nan.vec", "2 2\nok 1 2\nbad 3 nan\n");
  g_autofree char *inf_path = write_text ("inf.vec", "ok 1 2\nworse -inf 2\n");
  g_autofree char *word_path = write_text ("word.vec", "ok 1 2\nbad 1 two\n");
  g_autofree char *hex_path = write_text ("hex.vec", "ok 1 2\nhex 1 0x10\n");
  g_autoptr(GByteArray) b = g_byte_array_new ();
  g_autofree char *bin_path = NULL;
  g_autofree char *bin_inf_path = NULL;
  float v[] = { 1.0f, NAN };

  expect_failure (nan_path, WS_VECTORS_ERROR_BAD_VALUE, "line 3");
  expect_failure (nan_path, WS_VECTORS_ERROR_BAD_VALUE, "“bad”");
  expect_failure (inf_path, WS_VECTORS_ERROR_BAD_VALUE, "line 2");
  expect_failure (inf_path, WS_VECTORS_ERROR_BAD_VALUE, "“worse”");
  /* Each case is its own whole sentence, so it can be translated whole. */
  expect_failure (nan_path, WS_VECTORS_ERROR_BAD_VALUE, "value 2 of “bad” is NaN; expected a finite number");
  expect_failure (inf_path, WS_VECTORS_ERROR_BAD_VALUE, "value 1 of “worse” is infinite; expected a finite number");
  expect_failure (word_path, WS_VECTORS_ERROR_BAD_VALUE, "“two”");
  expect_failure (hex_path, WS_VECTORS_ERROR_BAD_VALUE, "line 2");

  g_byte_array_append (b, (const guint8 *) "1 2\n", 4);
  append_binary_row (b, "nanword", v, 2, FALSE);
  bin_path = ws_test_write_file ("nan.bin", b->data, b->len);
  /* The NaN is value 2, at byte 4 + 8 + 4 = 16. */
  expect_failure (bin_path, WS_VECTORS_ERROR_BAD_VALUE, "byte 16");
  expect_failure (bin_path, WS_VECTORS_ERROR_BAD_VALUE, "“nanword”");
  expect_failure (bin_path, WS_VECTORS_ERROR_BAD_VALUE, "byte 16) is NaN; expected a finite number");

  /* An infinite value in a binary file, in the second row. */
  g_byte_array_set_size (b, 0);
  g_byte_array_append (b, (const guint8 *) "2 2\n", 4);
  append_binary_row (b, "ok", (float[]) { 1.0f, 2.0f }, 2, FALSE);
  append_binary_row (b, "infword", (float[]) { INFINITY, 2.0f }, 2, FALSE);
  bin_inf_path = ws_test_write_file ("inf.bin", b->data, b->len);
  /* 4 + "ok " 3 + 8, then "infword " 8: value 1 at byte 23. */
  expect_failure (bin_inf_path, WS_VECTORS_ERROR_BAD_VALUE,
                  "value 1 of “infword” (vector 2, byte 23) is infinite; expected a finite number");
}

static void
test_bad_value_deep_in_binary (void)
{
  /* Far enough in for the rows to be filled by several threads. */
  const gsize n = 30000, dim = 20, bad_row = 21000, bad_col = 7;
  g_autoptr(GByteArray) b = g_byte_array_new ();
  g_autofree float *v = g_new0 (float, dim);
  g_autofree char *path = NULL;
  g_autofree char *where = NULL;
  gsize bad_offset = 0;

  g_byte_array_append (b, (const guint8 *) "30000 20\n", 9);
  for (gsize i = 0; i < n; i++)
    {
      char word[32];

      g_snprintf (word, sizeof word, "w%" G_GSIZE_FORMAT, i);
      v[bad_col] = i == bad_row ? INFINITY : (float) i;
      if (i == bad_row)
        bad_offset = b->len + strlen (word) + 1 + bad_col * sizeof (float);
      append_binary_row (b, word, v, dim, i % 2 == 0);
    }
  path = ws_test_write_file ("deep-inf.bin", b->data, b->len);
  where = g_strdup_printf ("byte %" G_GSIZE_FORMAT, bad_offset);
  expect_failure (path, WS_VECTORS_ERROR_BAD_VALUE, where);
  expect_failure (path, WS_VECTORS_ERROR_BAD_VALUE, "“w21000”");
  expect_failure (path, WS_VECTORS_ERROR_BAD_VALUE, "value 8");
}

static void
test_duplicates (void)
{
  g_autofree char *path = write_text ("dups.vec", "4 2\na 1 2\nb 3 4\na 5 6\nc 7 8\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(WsVectors) v = load (path, NULL, &error);
  gsize row;

  g_assert_no_error (error);
  g_assert_cmpuint (ws_vectors_get_n_words (v), ==, 3);
  g_assert_cmpuint (ws_vectors_get_n_duplicates (v), ==, 1);
  g_assert_true (ws_vectors_lookup (v, "a", &row));
  g_assert_cmpuint (row, ==, 0);
  g_assert_cmpfloat (ws_vectors_get_row (v, row)[0], ==, 1.0f);
  g_assert_cmpstr (ws_vectors_get_word (v, 2), ==, "c");
  g_assert_cmpfloat (ws_vectors_get_row (v, 2)[1], ==, 8.0f);
}

static void
test_bad_invalid_utf8 (void)
{
  g_autofree char *path = write_text ("bad-utf8.txt", "good 1\nbad\xc0\xaf 2\n");

  /* Overlong "/" at byte 10. */
  expect_failure (path, WS_VECTORS_ERROR_ENCODING, "byte 10");
}

static void
test_bad_gzip (void)
{
  g_autofree char *t = small_text (TRUE, FALSE, FALSE);
  g_autoptr(GBytes) gz = gzip_bytes (t, strlen (t));
  gsize len;
  const guint8 *data = g_bytes_get_data (gz, &len);
  g_autofree guint8 *damaged = g_memdup2 (data, len);
  g_autofree char *damaged_path = NULL;
  g_autofree char *cut_path = NULL;
  g_autofree char *cut_where = NULL;
  static const guint8 bad_header[] = { 0x1f, 0x8b, 0x42, 0x42, 0, 0, 0, 0 };
  g_autofree char *header_path = ws_test_write_file ("bad-header.gz", bad_header, sizeof bad_header);

  /* Flip bits in the deflate data (after the 10-byte header). */
  for (gsize i = 12; i < len - 8; i++)
    damaged[i] ^= 0x5a;
  damaged_path = ws_test_write_file ("damaged.gz", damaged, len);
  expect_failure (damaged_path, WS_VECTORS_ERROR_COMPRESSION, "near byte");

  cut_path = ws_test_write_file ("cut.gz", data, len - 12);
  cut_where = g_strdup_printf ("byte %" G_GSIZE_FORMAT, len - 12);
  expect_failure (cut_path, WS_VECTORS_ERROR_COMPRESSION, cut_where);

  expect_failure (header_path, WS_VECTORS_ERROR_COMPRESSION, "near byte");

  /* Garbage after the end of the compressed data. */
  {
    g_autoptr(GByteArray) trailing = g_byte_array_new ();
    g_autofree char *trailing_path = NULL;
    g_autofree char *trailing_where = NULL;

    g_byte_array_append (trailing, data, len);
    g_byte_array_append (trailing, (const guint8 *) "junk", 4);
    trailing_path = ws_test_write_file ("trailing.gz", trailing->data, trailing->len);
    trailing_where = g_strdup_printf ("byte %" G_GSIZE_FORMAT, len);
    expect_failure (trailing_path, WS_VECTORS_ERROR_COMPRESSION, trailing_where);
  }
}

static void
test_bad_io (void)
{
  g_autofree char *missing = g_build_filename (ws_test_tmpdir (), "no-such-file.vec", NULL);
  g_autofree char *dir = g_build_filename (ws_test_tmpdir (), "a-folder", NULL);
  g_autofree char *locked = write_text ("locked.vec", "a 1 2\n");

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  expect_failure (missing, WS_VECTORS_ERROR_IO, "No such file");
  expect_failure (dir, WS_VECTORS_ERROR_IO, "folder");
  g_rmdir (dir);

  g_assert_cmpint (g_chmod (locked, 0), ==, 0);
  if (access (locked, R_OK) != 0)
    expect_failure (locked, WS_VECTORS_ERROR_IO, "ermission");
  else if (g_file_test ("/proc/self/mem", G_FILE_TEST_EXISTS))
    {
      /* Root reads anything; this file opens but fails to read at byte 0. */
      expect_failure ("/proc/self/mem", WS_VECTORS_ERROR_IO, "byte 0");
    }
  else
    g_test_message ("running as root: no unreadable file to try");
  g_chmod (locked, 0600);
}

static void
test_bad_header_dimension (void)
{
  g_autofree char *zero = write_text ("zero-dim.vec", "3 0\na\nb\nc\n");
  g_autofree char *none = write_text ("no-words.vec", "0 300\n");

  expect_failure (zero, WS_VECTORS_ERROR_FORMAT, "line 1");
  expect_failure (none, WS_VECTORS_ERROR_EMPTY, "line 1");
}

static void
load_mutations (const guint8 *orig,
                gsize         len,
                const char   *name,
                guint32       seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree guint8 *buf = g_malloc (len + 16);

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *path = NULL;
      gsize n = len;
      guint kind = g_rand_int_range (rand, 0, 4);

      memcpy (buf, orig, len);
      if (kind == 0)
        n = g_rand_int_range (rand, 0, len);          /* cut short */
      else
        {
          guint flips = g_rand_int_range (rand, 1, 4);
          for (guint f = 0; f < flips; f++)
            {
              gsize at = g_rand_int_range (rand, 0, len);
              static const guint8 nasty[] = { ' ', '\n', '\0', 0xff, 0xc3, '9', '-', 'e', '.' };
              buf[at] = kind == 1 ? nasty[g_rand_int_range (rand, 0, G_N_ELEMENTS (nasty))]
                                  : (guint8) g_rand_int_range (rand, 0, 256);
            }
        }
      /* Without the fsync that replacing a file through
       * ws_test_write_file () costs. */
      path = g_build_filename (ws_test_tmpdir (), name, NULL);
      g_assert_true (g_file_set_contents_full (path, (const char *) buf, n,
                                               G_FILE_SET_CONTENTS_NONE, 0600, NULL));
      for (int policy = WS_UTF8_STRICT; policy <= WS_UTF8_IGNORE; policy++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(WsVectors) v = NULL;
          WsLoadOptions options;

          ws_load_options_init (&options);
          options.utf8_policy = policy;
          v = load (path, &options, &error);
          if (v == NULL)
            {
              g_assert_nonnull (error);
              g_assert_true (error->domain == WS_VECTORS_ERROR);
              g_assert_nonnull (strstr (error->message, name));
            }
          else
            {
              g_assert_no_error (error);
              g_assert_cmpuint (ws_vectors_get_n_words (v), >, 0);
            }
        }
    }
}

static void
test_bad_mutations (void)
{
  /* Damaged copies of good files either load or fail with a message that
   * names the file; never a crash (the sanitizer build checks memory). */
  g_autoptr(GByteArray) b = small_binary (TRUE);
  g_autofree char *t = small_text (TRUE, TRUE, FALSE);
  g_autofree char *g = small_text (FALSE, FALSE, FALSE);
  g_autoptr(GBytes) gz = gzip_bytes (t, strlen (t));

  load_mutations (b->data, b->len, "mutated.bin", 1);
  load_mutations ((const guint8 *) t, strlen (t), "mutated.vec", 2);
  load_mutations ((const guint8 *) g, strlen (g), "mutated-glove.txt", 3);
  load_mutations (g_bytes_get_data (gz, NULL), g_bytes_get_size (gz), "mutated.gz", 4);
}

/* ---------- progress, cancellation, async ---------- */

/* A binary file big enough for several progress steps: @n rows of @dim. */
static char *
write_big_binary (const char *name,
                  gsize       n,
                  gsize       dim)
{
  g_autoptr(GByteArray) b = g_byte_array_new ();
  g_autofree char *header = g_strdup_printf ("%" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT "\n", n, dim);
  g_autofree float *v = g_new (float, dim);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  g_byte_array_append (b, (const guint8 *) header, strlen (header));
  for (gsize i = 0; i < n; i++)
    {
      char word[32];
      g_snprintf (word, sizeof word, "w%" G_GSIZE_FORMAT, i);
      for (gsize j = 0; j < dim; j++)
        v[j] = (float) g_rand_double_range (rand, -1, 1);
      append_binary_row (b, word, v, dim, TRUE);
    }
  return ws_test_write_file (name, b->data, b->len);
}

typedef struct
{
  guint   calls;
  guint64 last_bytes;
  gsize   last_words;
  guint64 total;
  gsize   words_total;
  gboolean cancel_at_second;
  GCancellable *cancellable;
  gint    destroyed;
} Progress;

static void
on_progress (guint64  bytes_done,
             guint64  bytes_total,
             gsize    words_done,
             gsize    words_total,
             gpointer user_data)
{
  Progress *p = user_data;

  g_assert_cmpuint (bytes_done, >=, p->last_bytes);
  g_assert_cmpuint (words_done, >=, p->last_words);
  g_assert_cmpuint (bytes_done, <=, bytes_total);
  p->calls++;
  p->last_bytes = bytes_done;
  p->last_words = words_done;
  p->total = bytes_total;
  p->words_total = words_total;
  if (p->cancel_at_second && p->calls == 2)
    g_cancellable_cancel (p->cancellable);
}

static void
test_progress (void)
{
  g_autofree char *path = write_big_binary ("progress.bin", 20000, 50);
  g_autoptr(GError) error = NULL;
  g_autoptr(WsVectors) v = NULL;
  Progress p = { 0 };
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  v = ws_vectors_load (path, no_cache (NULL), on_progress, &p, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ws_vectors_get_n_words (v), ==, 20000);
  g_assert_cmpuint (p.calls, >=, 3);
  g_assert_cmpuint (p.calls, <=, 300);
  g_assert_cmpuint (p.last_bytes, ==, (guint64) st.st_size);
  g_assert_cmpuint (p.total, ==, (guint64) st.st_size);
  g_assert_cmpuint (p.last_words, ==, 20000);
  g_assert_cmpuint (p.words_total, ==, 20000);
}

static void
test_cancel_from_progress (void)
{
  g_autofree char *path = write_big_binary ("cancel.bin", 20000, 50);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WsVectors) v = NULL;
  Progress p = { 0 };

  p.cancel_at_second = TRUE;
  p.cancellable = cancellable;
  v = ws_vectors_load (path, no_cache (NULL), on_progress, &p, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (v);
  g_assert_cmpuint (p.calls, ==, 2);
  g_assert_cmpuint (p.last_words, <, 20000);
}

static void
test_cancel_gzip (void)
{
  /* Cancelling stops the inflating thread too, and frees its blocks. */
  g_autofree char *path = write_big_binary ("cancel-gz.bin", 60000, 50);
  g_autofree char *contents = NULL;
  g_autofree char *gz = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WsVectors) v = NULL;
  Progress p = { 0 };
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  gz = write_gzip ("cancel.bin.gz", contents, len);
  p.cancel_at_second = TRUE;
  p.cancellable = cancellable;
  v = ws_vectors_load (gz, no_cache (NULL), on_progress, &p, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (v);
  g_assert_cmpuint (p.last_words, <, 60000);
}

static void
test_cancel_text_and_before (void)
{
  g_autofree char *t = small_text (TRUE, FALSE, FALSE);
  g_autofree char *path = write_text ("cancel.vec", t);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WsVectors) v = NULL;
  Progress p = { 0 };

  /* The first report comes after the header, before any row. */
  p.cancel_at_second = FALSE;
  p.cancellable = cancellable;
  g_cancellable_cancel (cancellable);
  v = ws_vectors_load (path, no_cache (NULL), on_progress, &p, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (v);
  g_assert_cmpuint (p.calls, ==, 0);
}

static void
progress_destroy (gpointer data)
{
  Progress *p = data;
  g_atomic_int_inc (&p->destroyed);
}

/* The task, and with it the progress data, may be released by the worker
 * thread a moment after the callback ran. */
static void
wait_destroyed (Progress *p)
{
  for (guint i = 0; i < 5000 && g_atomic_int_get (&p->destroyed) == 0; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

typedef struct
{
  GMainLoop *loop;
  WsVectors *vectors;
  GError    *error;
} AsyncResult;

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncResult *r = user_data;

  r->vectors = ws_vectors_load_finish (result, &r->error);
  g_main_loop_quit (r->loop);
}

static void
test_async (void)
{
  g_autofree char *path = write_big_binary ("async.bin", 5000, 20);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncResult r = { loop, NULL, NULL };
  Progress p = { 0 };

  ws_vectors_load_async (path, no_cache (NULL), on_progress, &p, progress_destroy, NULL, on_loaded, &r);
  g_main_loop_run (loop);
  g_assert_no_error (r.error);
  g_assert_nonnull (r.vectors);
  g_assert_cmpuint (ws_vectors_get_n_words (r.vectors), ==, 5000);
  g_assert_cmpuint (p.calls, >=, 2);
  /* The task may be finalised a moment after the callback. */
  wait_destroyed (&p);
  g_assert_cmpuint (p.destroyed, ==, 1);
  g_clear_object (&r.vectors);
}

static void
test_async_errors (void)
{
  g_autofree char *path = write_big_binary ("async-cancel.bin", 20000, 50);
  g_autofree char *missing = g_build_filename (ws_test_tmpdir (), "missing.bin", NULL);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncResult r = { loop, NULL, NULL };
  Progress p = { 0 };

  p.cancel_at_second = TRUE;
  p.cancellable = cancellable;
  ws_vectors_load_async (path, no_cache (NULL), on_progress, &p, progress_destroy, cancellable, on_loaded, &r);
  g_main_loop_run (loop);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (r.vectors);
  g_clear_error (&r.error);
  wait_destroyed (&p);
  g_assert_cmpuint (p.destroyed, ==, 1);

  ws_vectors_load_async (missing, no_cache (NULL), NULL, NULL, NULL, NULL, on_loaded, &r);
  g_main_loop_run (loop);
  g_assert_error (r.error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_IO);
  g_clear_error (&r.error);
}

/* ---------- bigger text, split among threads ---------- */

static void
test_text_blocks_match_binary (void)
{
  /* ~20 MB of text: several blocks, each split among threads; the values
   * must equal the binary copy's, bit for bit. */
  const gsize n = 60000, dim = 30;
  g_autoptr(GByteArray) b = g_byte_array_new ();
  g_autoptr(GString) t = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree float *v = g_new (float, dim);
  g_autofree char *bin_path = NULL;
  g_autofree char *txt_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WsVectors) from_bin = NULL;
  g_autoptr(WsVectors) from_txt = NULL;
  char header[64];

  g_snprintf (header, sizeof header, "%" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT "\n", n, dim);
  g_byte_array_append (b, (const guint8 *) header, strlen (header));
  g_string_append (t, header);
  for (gsize i = 0; i < n; i++)
    {
      char word[32];

      /* Now and then a word seen before: both keep its first vector. */
      g_snprintf (word, sizeof word, "w%" G_GSIZE_FORMAT, i % 997 == 5 ? i / 2 : i);
      g_string_append (t, word);
      for (gsize j = 0; j < dim; j++)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          v[j] = (float) (g_rand_double_range (rand, -1, 1) * pow (10, g_rand_int_range (rand, -8, 8)));
          g_string_append_c (t, ' ');
          g_string_append (t, g_ascii_formatd (buf, sizeof buf, "%.9g", v[j]));
        }
      g_string_append_c (t, '\n');
      append_binary_row (b, word, v, dim, FALSE);
    }
  bin_path = ws_test_write_file ("blocks.bin", b->data, b->len);
  txt_path = ws_test_write_file ("blocks.txt", t->str, t->len);
  from_bin = load (bin_path, NULL, &error);
  g_assert_no_error (error);
  from_txt = load (txt_path, NULL, &error);
  g_assert_no_error (error);
  assert_same_model (from_bin, from_txt);
  g_assert_cmpuint (ws_vectors_get_n_duplicates (from_bin), ==, 61);
  g_assert_cmpuint (ws_vectors_get_n_duplicates (from_txt), ==, 61);

  /* The same through gzip: many blocks inflated ahead by a thread. */
  {
    g_autofree char *gz_path = write_gzip ("blocks.txt.gz", t->str, t->len);
    g_autofree char *gz_bin_path = write_gzip ("blocks.bin.gz", b->data, b->len);
    g_autoptr(WsVectors) from_gz = load (gz_path, NULL, &error);
    g_autoptr(WsVectors) from_gz_bin = NULL;

    g_assert_no_error (error);
    assert_same_model (from_bin, from_gz);
    from_gz_bin = load (gz_bin_path, NULL, &error);
    g_assert_no_error (error);
    assert_same_model (from_bin, from_gz_bin);
  }
}

/* ---------- the float parser ---------- */

static void
check_parse (const char *s)
{
  float ours = 0, theirs;
  char *end;
  gboolean ok = ws_parse_float (s, s + strlen (s), &ours);

  theirs = strtof (s, &end);
  g_assert_true (ok == (*end == '\0' && end != s));
  if (ok && memcmp (&ours, &theirs, sizeof ours) != 0)
    g_error ("“%s”: %a, strtof gives %a", s, ours, theirs);

  /* The same number as a token followed by another. */
  if (ok)
    {
      g_autofree char *line = g_strconcat (s, " 1.5", NULL);
      const char *token_end = NULL;
      float again = 0;

      g_assert_true (ws_parse_float_token (line, line + strlen (line), &token_end, &again));
      g_assert_true (token_end == line + strlen (s));
      g_assert_cmpmem (&again, sizeof again, &theirs, sizeof theirs);
    }
}

/* ---------- rows kept in the file ---------- */

/* A binary file of @n rows of @dim (one word twice: gensim keeps the
 * first), every other record with word2vec.c's newline. */
static char *
write_file_rows_model (const char *name,
                       gsize       n,
                       gsize       dim,
                       guint32     seed)
{
  g_autoptr(GByteArray) b = g_byte_array_new ();
  g_autofree char *header = g_strdup_printf ("%" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT "\n", n, dim);
  g_autofree float *v = g_new (float, dim);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  g_byte_array_append (b, (const guint8 *) header, strlen (header));
  for (gsize i = 0; i < n; i++)
    {
      char word[32];

      g_snprintf (word, sizeof word, "w%" G_GSIZE_FORMAT, i == 77 ? (gsize) 5 : i);
      for (gsize j = 0; j < dim; j++)
        v[j] = (float) g_rand_double_range (rand, -1, 1);
      if (i == 9)
        memset (v, 0, dim * sizeof (float));   /* a zero row */
      append_binary_row (b, word, v, dim, i % 2 == 0);
    }
  return ws_test_write_file (name, b->data, b->len);
}

/* Loads @path with its rows kept in the file (@file_rows) or in memory. */
static WsVectors *
load_rows_in (const char *path,
              gboolean    file_rows)
{
  g_autofree char *saved = g_strdup (g_getenv ("WS_VECTORS_FILE_ROWS"));
  g_autoptr(GError) error = NULL;
  WsVectors *v;

  g_setenv ("WS_VECTORS_FILE_ROWS", file_rows ? "1" : "0", TRUE);
  v = load (path, NULL, &error);
  if (saved != NULL)
    g_setenv ("WS_VECTORS_FILE_ROWS", saved, TRUE);
  else
    g_unsetenv ("WS_VECTORS_FILE_ROWS");
  g_assert_no_error (error);
  g_assert_nonnull (v);
  return v;
}

static void
test_file_rows_same_model (void)
{
  const gsize n = 6000, dim = 37;
  g_autofree char *path = write_file_rows_model ("file-rows.bin", n, dim, 7);
  g_autoptr(WsVectors) mem = load_rows_in (path, FALSE);
  g_autoptr(WsVectors) file = load_rows_in (path, TRUE);
  gsize rows = ws_vectors_get_n_words (mem);
  g_autofree float *a = g_new (float, rows * dim);
  g_autofree float *b = g_new (float, rows * dim);
  g_autofree float *buffer = g_new (float, rows * dim);
  g_autoptr(GError) error = NULL;
  const gint8 *ca, *cb;
  const float *sa, *sb, *ea, *eb;
  gsize stride;

  g_assert_true (ws_vectors_has_matrix (mem));
  g_assert_false (ws_vectors_has_matrix (file));
  g_assert_null (ws_vectors_get_matrix (file));
  g_assert_false (ws_vectors_has_unit_matrix (file));
  g_assert_cmpuint (ws_vectors_get_n_words (file), ==, n - 1);
  g_assert_cmpuint (ws_vectors_get_n_words (file), ==, rows);
  g_assert_cmpuint (ws_vectors_get_n_duplicates (file), ==, 1);
  g_assert_cmpint (ws_vectors_get_format (file), ==, WS_VECTORS_FORMAT_WORD2VEC_BINARY);

  /* The same rows, whichever way they are asked for. */
  g_assert_true (ws_vectors_copy_rows (file, 0, rows, b, &error));
  g_assert_no_error (error);
  g_assert_true (ws_vectors_copy_rows (mem, 0, rows, a, &error));
  g_assert_cmpmem (b, rows * dim * sizeof (float), a, rows * dim * sizeof (float));
  g_assert_cmpmem (b, rows * dim * sizeof (float), ws_vectors_get_matrix (mem),
                   rows * dim * sizeof (float));
  for (gsize first = 0; first < rows; first += 997)
    {
      gsize count = MIN (rows - first, (first % 3) * 1500 + 1);

      g_assert_true (ws_vectors_rows (file, first, count, buffer) == buffer);
      g_assert_cmpmem (buffer, count * dim * sizeof (float), a + first * dim,
                       count * dim * sizeof (float));
    }
  for (gsize i = 0; i < rows; i += 13)
    {
      const float *row = ws_vectors_get_row (file, i);

      g_assert_cmpmem (row, dim * sizeof (float), a + i * dim, dim * sizeof (float));
      /* Read once and kept. */
      g_assert_true (ws_vectors_get_row (file, i) == row);
      g_assert_cmpmem (ws_vectors_get_unit_row (file, i), dim * sizeof (float),
                       ws_vectors_get_unit_row (mem, i), dim * sizeof (float));
      g_assert_cmpstr (ws_vectors_get_word (file, i), ==, ws_vectors_get_word (mem, i));
    }

  /* Unit rows, norms and codes bit-identical. */
  ws_vectors_copy_unit_rows (file, 0, rows, b);
  ws_vectors_copy_unit_rows (mem, 0, rows, a);
  g_assert_cmpmem (b, rows * dim * sizeof (float), a, rows * dim * sizeof (float));
  g_assert_cmpmem (ws_vectors_get_norms (file), rows * sizeof (float),
                   ws_vectors_get_norms (mem), rows * sizeof (float));
  stride = ws_vectors_get_quantized (mem, &ca, &sa, &ea);
  g_assert_cmpuint (ws_vectors_get_quantized (file, &cb, &sb, &eb), ==, stride);
  g_assert_cmpmem (cb, rows * stride, ca, rows * stride);
  g_assert_cmpmem (sb, rows * sizeof (float), sa, rows * sizeof (float));
  g_assert_cmpmem (eb, rows * sizeof (float), ea, rows * sizeof (float));
}

/* Only large uncompressed binary files keep their rows in the file:
 * compressed and text ones are read into memory as before. */
static void
test_file_rows_only_plain_binary (void)
{
  const gsize n = 300, dim = 8;
  g_autofree char *bin = write_file_rows_model ("file-rows-only.bin", n, dim, 3);
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autofree char *gz = NULL;
  g_autoptr(WsVectors) plain = load_rows_in (bin, TRUE);
  g_autoptr(WsVectors) compressed = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_true (g_file_get_contents (bin, &contents, &len, NULL));
  bytes = gzip_bytes (contents, len);
  gz = ws_test_write_file ("file-rows-only.bin.gz", g_bytes_get_data (bytes, NULL),
                           (gssize) g_bytes_get_size (bytes));
  compressed = load_rows_in (gz, TRUE);
  g_assert_false (ws_vectors_has_matrix (plain));
  g_assert_true (ws_vectors_has_matrix (compressed));
  g_assert_cmpmem (ws_vectors_get_matrix (compressed),
                   ws_vectors_get_n_words (compressed) * dim * sizeof (float),
                   ws_test_all_rows (plain), ws_vectors_get_n_words (plain) * dim * sizeof (float));
}

/* The file truncated after the load: a clear error naming it, zeros
 * rather than other bytes, and a warning where no error can be given. */
static void
test_file_rows_truncated (void)
{
  const gsize n = 2000, dim = 16;
  g_autofree char *path = write_file_rows_model ("file-rows-cut.bin", n, dim, 11);
  g_autoptr(WsVectors) v = load_rows_in (path, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree float *rows = g_new (float, 10 * dim);
  g_autofree float *zeros = g_new0 (float, 10 * dim);
  g_autofree char *pattern = NULL;
  const float *kept = ws_vectors_get_row (v, 3);
  float kept_copy[16];
  GStatBuf st;

  memcpy (kept_copy, kept, sizeof kept_copy);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (truncate (path, st.st_size / 2), ==, 0);

  memset (rows, 0xff, 10 * dim * sizeof (float));
  g_assert_false (ws_vectors_copy_rows (v, n - 20, 10, rows, &error));
  g_assert_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_TRUNCATED);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "open it again"));
  g_assert_cmpmem (rows, 10 * dim * sizeof (float), zeros, 10 * dim * sizeof (float));
  g_clear_error (&error);

  /* A row read before stays as it was. */
  g_assert_cmpmem (ws_vectors_get_row (v, 3), sizeof kept_copy, kept_copy, sizeof kept_copy);

  /* Where no error can be returned: one warning with the path, then zeros. */
  pattern = g_strdup_printf ("*%s*truncated or modified after it was loaded*", path);
  g_test_expect_message ("ws-vectors", G_LOG_LEVEL_WARNING, pattern);
  g_assert_cmpmem (ws_vectors_get_row (v, n - 5), dim * sizeof (float), zeros, dim * sizeof (float));
  g_test_assert_expected_messages ();
  ws_vectors_copy_unit_rows (v, 0, 10, rows);
  g_assert_cmpmem (rows, 10 * dim * sizeof (float), zeros, 10 * dim * sizeof (float));
  g_assert_true (ws_vectors_rows (v, 5, 10, rows) == rows);
  g_assert_cmpmem (rows, 10 * dim * sizeof (float), zeros, 10 * dim * sizeof (float));
}

/* The file modified in place after the load, its size unchanged: noticed
 * by its modification time. */
static void
test_file_rows_modified (void)
{
  const gsize n = 2000, dim = 16;
  g_autofree char *path = write_file_rows_model ("file-rows-modified.bin", n, dim, 12);
  g_autoptr(WsVectors) v = load_rows_in (path, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree float *rows = g_new (float, 4 * dim);
  struct timespec times[2] = { { 0, UTIME_OMIT }, { 12345, 0 } };
  int fd;

  g_assert_true (ws_vectors_copy_rows (v, 0, 4, rows, &error));
  g_assert_no_error (error);
  fd = open (path, O_WRONLY);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, "\x7f\x7f\x7f\x7f", 4, 100), ==, 4);
  g_assert_cmpint (close (fd), ==, 0);
  /* A time unlike the load's, even on a coarse clock. */
  g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
  g_assert_false (ws_vectors_copy_rows (v, 0, 4, rows, &error));
  g_assert_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_TRUNCATED);
  g_assert_nonnull (strstr (error->message, path));
}

/* A file replaced by a rename (as editors and downloads do): the model
 * keeps reading the file it loaded, so its rows do not change. */
static void
test_file_rows_replaced (void)
{
  const gsize n = 3000, dim = 12;
  g_autofree char *path = write_file_rows_model ("file-rows-replaced.bin", n, dim, 21);
  g_autofree char *other = write_file_rows_model ("file-rows-other.bin", n, dim, 22);
  g_autoptr(WsVectors) mem = load_rows_in (path, FALSE);
  g_autoptr(WsVectors) v = load_rows_in (path, TRUE);
  gsize rows = ws_vectors_get_n_words (v);
  g_autofree float *got = g_new (float, rows * dim);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_rename (other, path), ==, 0);
  g_assert_true (ws_vectors_copy_rows (v, 0, rows, got, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (got, rows * dim * sizeof (float), ws_vectors_get_matrix (mem),
                   rows * dim * sizeof (float));
  g_assert_cmpmem (ws_vectors_get_row (v, rows - 1), dim * sizeof (float),
                   ws_vectors_get_row (mem, rows - 1), dim * sizeof (float));
}

static void
test_float_parse (void)
{
  static const char *cases[] = {
    "0", "-0", "+0", "0.0", "-0.0", "1", "-1", ".5", "5.", "1e10", "1E-10", "-1.5e+3",
    "3.4028235e38", "3.4028236e38", "1e39", "1.17549435e-38", "1e-45", "1.4e-45", "7e-46",
    "0.1", "0.2", "0.3", "123.456", "-0.0007369244245224787", "-8.269973595356034e-05",
    "16777216", "16777217", "16777219", "9007199254740993", "1.00000005960464477539",
    "1.000000059604644775390625", "1.0000000596046448", "0.000000000000000000001",
    "12345678901234567890123", "nan", "inf", "-inf", "infinity", "NaN", "1e", "1e+", "--1",
    "", "-", ".", "e5", "1.2.3", "0x10", "1,5", "1.5\t", "\t1.5",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (g_str_equal (cases[i], "0x10"))
        {
          float f;
          g_assert_false (ws_parse_float (cases[i], cases[i] + 4, &f));
          continue;
        }
      if (g_str_equal (cases[i], "1.5\t"))
        continue;   /* Python's float () allows it; strtof's end differs */
      check_parse (cases[i]);
    }

  /* Random decimals of every length, and values just beside float
   * midpoints, where double rounding would go wrong. */
  for (guint i = 0; i < 200000; i++)
    {
      char buf[64];
      int digits = g_rand_int_range (rand, 1, 20);
      int point = g_rand_int_range (rand, 0, digits + 1);
      int pos = 0;

      if (g_rand_boolean (rand))
        buf[pos++] = '-';
      for (int d = 0; d < digits; d++)
        {
          if (d == point)
            buf[pos++] = '.';
          buf[pos++] = '0' + g_rand_int_range (rand, 0, 10);
        }
      if (g_rand_int_range (rand, 0, 3) == 0)
        pos += g_snprintf (buf + pos, sizeof buf - pos, "e%d", g_rand_int_range (rand, -50, 50));
      buf[pos] = '\0';
      check_parse (buf);
    }
  for (guint i = 0; i < 100000; i++)
    {
      char buf[64];
      float f = (float) g_rand_double_range (rand, -1e6, 1e6) * powf (10, g_rand_int_range (rand, -30, 30));
      float next = nextafterf (f, INFINITY);
      double mid = ((double) f + (double) next) / 2;

      if (!isfinite (next))
        continue;
      g_snprintf (buf, sizeof buf, "%.17g", mid);
      check_parse (buf);
      g_snprintf (buf, sizeof buf, "%.16g", mid);
      check_parse (buf);
      g_snprintf (buf, sizeof buf, "%.9g", (double) f);
      check_parse (buf);
    }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/loader/testdata/files", test_testdata_files);
  g_test_add_func ("/loader/testdata/gzip", test_testdata_gzip);
  g_test_add_func ("/loader/testdata/high-precision", test_high_precision);
  g_test_add_func ("/loader/testdata/pretrained-truncated", test_pretrained_truncated);
  g_test_add_func ("/loader/testdata/utf8-policies", test_testdata_strict_utf8);
  g_test_add_func ("/loader/written/binary-newline", test_written_binary_newline);
  g_test_add_func ("/loader/written/binary-no-newline", test_written_binary_no_newline);
  g_test_add_func ("/loader/written/word2vec-text", test_written_word2vec_text);
  g_test_add_func ("/loader/written/fasttext", test_written_fasttext);
  g_test_add_func ("/loader/written/glove", test_written_glove);
  g_test_add_func ("/loader/written/binary-words", test_written_binary_words);
  g_test_add_func ("/loader/written/bom", test_written_bom);
  g_test_add_func ("/loader/written/bom-only-at-start", test_bom_only_at_start);
  g_test_add_func ("/loader/written/gzip-multi-member", test_gzip_multi_member);
  g_test_add_func ("/loader/written/text-blocks", test_text_blocks_match_binary);
  g_test_add_func ("/loader/file-rows/same-model", test_file_rows_same_model);
  g_test_add_func ("/loader/file-rows/only-plain-binary", test_file_rows_only_plain_binary);
  g_test_add_func ("/loader/file-rows/truncated", test_file_rows_truncated);
  g_test_add_func ("/loader/file-rows/modified", test_file_rows_modified);
  g_test_add_func ("/loader/file-rows/replaced", test_file_rows_replaced);
  g_test_add_func ("/loader/options/limit", test_limit);
  g_test_add_func ("/loader/options/limit-duplicates", test_limit_counts_duplicates);
  g_test_add_func ("/loader/options/format", test_format_override);
  g_test_add_func ("/loader/options/utf8-binary", test_utf8_policies_binary);
  g_test_add_func ("/loader/options/utf8-text", test_utf8_policies_text);
  g_test_add_func ("/loader/bad/empty", test_bad_empty);
  g_test_add_func ("/loader/bad/not-vectors", test_bad_not_vectors);
  g_test_add_func ("/loader/bad/garbage-message", test_bad_garbage_message);
  g_test_add_func ("/loader/text-escape", test_text_escape);
  g_test_add_func ("/loader/bad/header-too-many-rows", test_bad_header_too_many_rows);
  g_test_add_func ("/loader/bad/truncated-vector", test_bad_truncated_vector);
  g_test_add_func ("/loader/bad/truncated-vector-plain", test_bad_truncated_vector_in_plain_file);
  g_test_add_func ("/loader/bad/row-length", test_bad_row_length);
  g_test_add_func ("/loader/bad/values", test_bad_values);
  g_test_add_func ("/loader/bad/value-deep-in-binary", test_bad_value_deep_in_binary);
  g_test_add_func ("/loader/bad/duplicates", test_duplicates);
  g_test_add_func ("/loader/bad/invalid-utf8", test_bad_invalid_utf8);
  g_test_add_func ("/loader/bad/gzip", test_bad_gzip);
  g_test_add_func ("/loader/bad/io", test_bad_io);
  g_test_add_func ("/loader/bad/header-dimension", test_bad_header_dimension);
  g_test_add_func ("/loader/bad/mutations", test_bad_mutations);
  g_test_add_func ("/loader/progress", test_progress);
  g_test_add_func ("/loader/cancel/from-progress", test_cancel_from_progress);
  g_test_add_func ("/loader/cancel/before", test_cancel_text_and_before);
  g_test_add_func ("/loader/cancel/gzip", test_cancel_gzip);
  g_test_add_func ("/loader/async/load", test_async);
  g_test_add_func ("/loader/async/errors", test_async_errors);
  g_test_add_func ("/loader/float-parse", test_float_parse);

  return g_test_run ();
}
