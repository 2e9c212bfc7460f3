/* test-cache.c: the memory-mappable model cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * $XDG_CACHE_HOME points into the test's temporary folder, emptied before
 * each test. (G_TEST_OPTION_ISOLATE_DIRS would do it too, but GLib 2.74
 * leaks the folder names it sets, which the leak checker reports.)
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "ws-similarity.h"
#include "ws-vectors-cache.h"
#include "ws-vectors-private.h"
#include "ws-test-util.h"

/* All raw rows of @v (n_words × dim), also for a model that keeps them in
 * its file (as ws_vectors_get_row () gives them: once read, a row is kept);
 * the copy lives as long as @v. */
static const float *
all_rows (WsVectors *v)
{
  gsize n = ws_vectors_get_n_words (v), dim = ws_vectors_get_dim (v);
  float *m = g_new (float, MAX (n, 1) * dim);

  for (gsize i = 0; i < n; i++)
    memcpy (m + i * dim, ws_vectors_get_row (v, i), dim * sizeof (float));
  g_object_set_data_full (G_OBJECT (v), "test-all-rows", m, g_free);
  return m;
}

#define N_WORDS 5000   /* over 4096: the similarity scan takes its quantized path */
#define DIM     24

/* All unit rows of @v to @out: for a model that keeps its rows in its
 * file, as ws_vectors_get_unit_row () gives them (kept once computed). */
static void
copy_unit_rows (WsVectors *v,
                float     *out)
{
  gsize n = ws_vectors_get_n_words (v), dim = ws_vectors_get_dim (v);

  if (ws_vectors_has_matrix (v))
    ws_vectors_copy_unit_rows (v, 0, n, out);
  else
    for (gsize i = 0; i < n; i++)
      memcpy (out + i * dim, ws_vectors_get_unit_row (v, i), dim * sizeof (float));
}

/* ---------- helpers ---------- */

/* Sets @path's modification time to an hour ago (plus @nudge ns), so the
 * cache does not take it for a file still being written. */
static void
age_file (const char *path,
          long        nudge)
{
  struct timespec times[2];

  clock_gettime (CLOCK_REALTIME, &times[0]);
  times[0].tv_sec -= 3600;
  times[1] = times[0];
  times[1].tv_nsec = nudge;
  g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
}

/* A word2vec binary file: N_WORDS words (row 7 repeats row 3's word, so
 * one duplicate), deterministic values from @seed, one all-zero row. */
static char *
write_model (const char *name,
             guint32     seed,
             gsize       n_words)
{
  g_autoptr(GString) data = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree char *path = NULL;

  g_string_append_printf (data, "%" G_GSIZE_FORMAT " %d\n", n_words, DIM);
  for (gsize i = 0; i < n_words; i++)
    {
      if (i == 7)
        g_string_append (data, "w3 ");
      else if (i == 11)
        g_string_append (data, "café ");
      else
        g_string_append_printf (data, "w%" G_GSIZE_FORMAT " ", i);
      for (int j = 0; j < DIM; j++)
        {
          float v = i == 5 ? 0.0f : (float) g_rand_double_range (rand, -1.0, 1.0);
          g_string_append_len (data, (const char *) &v, sizeof v);
        }
      g_string_append_c (data, '\n');
    }
  path = ws_test_write_file (name, data->str, (gssize) data->len);
  age_file (path, 0);
  return g_steal_pointer (&path);
}

static WsVectors *
load_with (const char          *path,
           const WsLoadOptions *options)
{
  g_autoptr(GError) error = NULL;
  WsVectors *v = ws_vectors_load (path, options, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (v);
  /* Let the background write, if any, finish. */
  ws_vectors_cache_wait ();
  return v;
}

static WsVectors *
load (const char *path)
{
  return load_with (path, NULL);
}

static WsVectors *
parse (const char *path)
{
  WsLoadOptions options;

  ws_load_options_init (&options);
  options.use_cache = FALSE;
  return load_with (path, &options);
}

/* Everything a person could ask the model gives the same answer. */
static void
assert_same_model (WsVectors *a,
                   WsVectors *b)
{
  gsize n = ws_vectors_get_n_words (a);
  gsize dim = ws_vectors_get_dim (a);

  g_assert_cmpuint (ws_vectors_get_n_words (b), ==, n);
  g_assert_cmpuint (ws_vectors_get_dim (b), ==, dim);
  g_assert_cmpuint (ws_vectors_get_n_duplicates (b), ==, ws_vectors_get_n_duplicates (a));
  g_assert_cmpint (ws_vectors_get_format (b), ==, ws_vectors_get_format (a));
  g_assert_cmpint (ws_vectors_get_compressed (b), ==, ws_vectors_get_compressed (a));
  g_assert_cmpstr (ws_vectors_get_path (b), ==, ws_vectors_get_path (a));
  for (gsize i = 0; i < n; i++)
    {
      gsize row = G_MAXSIZE;

      g_assert_cmpstr (ws_vectors_get_word (b, i), ==, ws_vectors_get_word (a, i));
      g_assert_true (ws_vectors_lookup (b, ws_vectors_get_word (a, i), &row));
      g_assert_cmpuint (row, ==, i);
      g_assert_cmpmem (ws_vectors_get_row (b, i), dim * sizeof (float),
                       ws_vectors_get_row (a, i), dim * sizeof (float));
      g_assert_cmpmem (ws_vectors_get_unit_row (b, i), dim * sizeof (float),
                       ws_vectors_get_unit_row (a, i), dim * sizeof (float));
      g_assert_cmpfloat (ws_vectors_get_norm (b, i), ==, ws_vectors_get_norm (a, i));
    }
  g_assert_cmpmem (all_rows (b), n * dim * sizeof (float),
                   all_rows (a), n * dim * sizeof (float));
  /* A lean model (no unit matrix, see ws-vectors.c) is cached lean. */
  g_assert_cmpint (ws_vectors_has_unit_matrix (b), ==, ws_vectors_has_unit_matrix (a));
  if (ws_vectors_has_unit_matrix (a))
    g_assert_cmpmem (ws_vectors_get_unit_matrix (b), n * dim * sizeof (float),
                     ws_vectors_get_unit_matrix (a), n * dim * sizeof (float));
  else
    g_assert_null (ws_vectors_get_unit_matrix (b));
  {
    g_autofree float *ua = g_new (float, n * dim + 1);
    g_autofree float *ub = g_new (float, n * dim + 1);

    copy_unit_rows (a, ua);
    copy_unit_rows (b, ub);
    g_assert_cmpmem (ub, n * dim * sizeof (float), ua, n * dim * sizeof (float));
  }
  g_assert_cmpmem (ws_vectors_get_norms (b), n * sizeof (float),
                   ws_vectors_get_norms (a), n * sizeof (float));
  /* The quantized twin of the unit rows (for the similarity scan). */
  {
    const gint8 *ca, *cb;
    const float *sa, *sb, *ea, *eb;
    gsize stride = ws_vectors_get_quantized (a, &ca, &sa, &ea);

    g_assert_cmpuint (ws_vectors_get_quantized (b, &cb, &sb, &eb), ==, stride);
    g_assert_true ((ca == NULL) == (cb == NULL));
    if (ca != NULL)
      {
        g_assert_cmpmem (cb, n * stride, ca, n * stride);
        g_assert_cmpmem (sb, n * sizeof (float), sa, n * sizeof (float));
        g_assert_cmpmem (eb, n * sizeof (float), ea, n * sizeof (float));
      }
  }
  g_assert_false (ws_vectors_contains (b, "no-such-word"));
  g_assert_false (ws_vectors_contains (b, ""));
  g_assert_false (ws_vectors_contains (b, "w"));
}

static void
assert_same_answers (WsVectors *a,
                     WsVectors *b)
{
  const char *queries[][2] = { { "w1", NULL }, { "w3", "w10" }, { "café", "w2" }, { "w100", "w12" } };

  for (gsize q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      WsTerm terms[2] = { { queries[q][0], NULL, 1.0f }, { queries[q][1], NULL, -1.0f } };
      gsize n_terms = queries[q][1] != NULL ? 2 : 1;
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ra = ws_most_similar (a, terms, n_terms, 10, 0, &error);
      g_autoptr(GArray) rb = NULL;

      g_assert_no_error (error);
      rb = ws_most_similar (b, terms, n_terms, 10, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ra->len, ==, 10);
      g_assert_cmpmem (rb->data, rb->len * sizeof (WsScored), ra->data, ra->len * sizeof (WsScored));
    }
}

static gboolean
cache_exists (const char *path)
{
  g_autofree char *file = ws_vectors_cache_file_for (path, NULL);

  g_assert_nonnull (file);
  return g_file_test (file, G_FILE_TEST_IS_REGULAR);
}

/* Each test starts with an empty cache folder. */
static void
fresh_cache (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "wordspace", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_assert_cmpint (g_unlink (file), ==, 0);
    }
}

/* ---------- tests ---------- */

static void
test_reopen (void)
{
  g_autofree char *path = write_model ("model.bin", 1, N_WORDS);
  g_autoptr(WsVectors) parsed = parse (path);
  g_autoptr(WsVectors) first = NULL;
  g_autoptr(WsVectors) second = NULL;

  /* use_cache FALSE neither reads nor writes a cache. */
  g_assert_false (ws_vectors_get_from_cache (parsed));
  g_assert_false (cache_exists (path));

  first = load (path);
  g_assert_false (ws_vectors_get_from_cache (first));
  g_assert_true (cache_exists (path));

  second = load (path);
  g_assert_true (ws_vectors_get_from_cache (second));
  assert_same_model (parsed, second);
  assert_same_answers (parsed, second);
  g_assert_cmpuint (ws_vectors_get_n_duplicates (second), ==, 1);
  /* The quantized rows come along, so the scan is as fast as after a parse. */
  {
    const gint8 *codes = NULL;

    g_assert_cmpuint (ws_vectors_get_quantized (second, &codes, NULL, NULL), >=, DIM);
    g_assert_nonnull (codes);
  }

  /* The cache lives in the user's cache folder, never beside the file. */
  {
    g_autofree char *file = ws_vectors_cache_file_for (path, NULL);
    g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "wordspace", NULL);
    g_autofree char *parent = g_path_get_dirname (file);
    g_autofree char *src_dir = g_path_get_dirname (path);
    g_autoptr(GDir) d = g_dir_open (src_dir, 0, NULL);
    const char *name;

    g_assert_cmpstr (parent, ==, dir);
    while ((name = g_dir_read_name (d)) != NULL)
      g_assert_false (g_str_has_suffix (name, ".wsvc"));
  }

  /* use_cache FALSE parses even when a cache exists. */
  {
    g_autoptr(WsVectors) again = parse (path);
    g_assert_false (ws_vectors_get_from_cache (again));
  }
}

static void
on_progress (guint64  bytes_done,
             guint64  bytes_total,
             gsize    words_done,
             gsize    words_total,
             gpointer user_data)
{
  guint64 *calls = user_data;

  g_assert_cmpuint (bytes_done, <=, bytes_total);
  if (bytes_done == bytes_total)
    {
      g_assert_cmpuint (words_done, ==, N_WORDS - 1);
      g_assert_cmpuint (words_total, ==, N_WORDS - 1);
    }
  (*calls)++;
}

static void
test_progress (void)
{
  g_autofree char *path = write_model ("progress.bin", 2, N_WORDS);
  g_autoptr(WsVectors) first = load (path);
  g_autoptr(WsVectors) second = NULL;
  g_autoptr(GError) error = NULL;
  guint64 calls = 0;

  second = ws_vectors_load (path, NULL, on_progress, &calls, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ws_vectors_get_from_cache (second));
  g_assert_cmpuint (calls, >=, 1);
}

/* Rewrites @path in place with other values of the same size, and puts the
 * modification time back: size, time and inode as before. */
static void
rewrite_same_stat (const char *path,
                   guint32     seed)
{
  g_autofree char *other = write_model ("other.bin", seed, N_WORDS);
  g_autofree char *contents = NULL;
  struct stat before, after;
  gsize len;
  FILE *f;

  g_assert_cmpint (stat (path, &before), ==, 0);
  g_assert_true (g_file_get_contents (other, &contents, &len, NULL));
  g_assert_cmpuint (len, ==, (gsize) before.st_size);
  f = fopen (path, "r+b");
  g_assert_nonnull (f);
  g_assert_cmpuint (fwrite (contents, 1, len, f), ==, len);
  g_assert_cmpint (fclose (f), ==, 0);
  {
    struct timespec times[2] = { before.st_atim, before.st_mtim };
    g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
  }
  g_assert_cmpint (stat (path, &after), ==, 0);
  g_assert_cmpuint (after.st_ino, ==, before.st_ino);
  g_assert_cmpint (after.st_mtim.tv_nsec, ==, before.st_mtim.tv_nsec);
}

static void
test_no_reparse_and_stale (void)
{
  g_autofree char *path = write_model ("stale.bin", 3, N_WORDS);
  g_autoptr(WsVectors) original = parse (path);
  g_autoptr(WsVectors) first = load (path);
  g_autoptr(WsVectors) cached = NULL;
  g_autoptr(WsVectors) changed = NULL;
  g_autoptr(WsVectors) fresh = NULL;
  g_autoptr(WsVectors) recached = NULL;
  g_autoptr(WsVectors) reparsed = NULL;

  /* A model that keeps its rows in its file (WS_VECTORS_FILE_ROWS=1) reads
   * them when asked, and the file is rewritten behind its back below, in a
   * way no check can see: ask for them all now, while they are the ones
   * loaded (each is kept once read). */
  for (gsize i = 0; i < ws_vectors_get_n_words (original); i++)
    {
      ws_vectors_get_row (original, i);
      ws_vectors_get_unit_row (original, i);
    }

  /* Same size, time and inode: the cache answers with the old values,
   * which shows the file was not read. */
  rewrite_same_stat (path, 4);
  cached = load (path);
  g_assert_true (ws_vectors_get_from_cache (cached));
  assert_same_model (original, cached);

  /* A new modification time: the cache is stale, the file is parsed. */
  age_file (path, 12345);
  changed = load (path);
  g_assert_false (ws_vectors_get_from_cache (changed));
  reparsed = parse (path);
  assert_same_model (reparsed, changed);
  g_assert_cmpmem (ws_vectors_get_row (changed, 0), DIM * sizeof (float),
                   ws_vectors_get_row (reparsed, 0), DIM * sizeof (float));
  g_assert_true (memcmp (ws_vectors_get_row (changed, 0), ws_vectors_get_row (original, 0),
                         DIM * sizeof (float)) != 0);

  /* … and cached anew. */
  recached = load (path);
  g_assert_true (ws_vectors_get_from_cache (recached));
  assert_same_model (reparsed, recached);

  /* Another size: stale too. */
  g_free (write_model ("stale.bin", 5, N_WORDS - 10));
  fresh = load (path);
  g_assert_false (ws_vectors_get_from_cache (fresh));
  g_assert_cmpuint (ws_vectors_get_n_words (fresh), ==, N_WORDS - 11);
}

/* The model, once it is cached: the cache file's contents. */
static char *
cached_file (const char  *path,
             char       **contents,
             gsize       *len)
{
  g_autoptr(WsVectors) first = load (path);
  char *file = ws_vectors_cache_file_for (path, NULL);

  g_assert_false (ws_vectors_get_from_cache (first));
  g_assert_true (g_file_get_contents (file, contents, len, NULL));
  return file;
}

static guint32
crc_of (const void *data,
        gsize       len,
        guint32     crc)
{
  return (guint32) crc32_z (crc, data, len);
}

/* Recomputes both checksums, so only the structural checks can reject. */
static void
fix_checksums (char *contents)
{
  WsVectorsCacheHeader h;
  guint32 crc = 0;

  memcpy (&h, contents, sizeof h);
  for (guint32 i = 0; i < MIN (h.n_sections, WS_VECTORS_CACHE_MAX_SECTIONS); i++)
    if (h.sections[i].flags & WS_VECTORS_CACHE_SECTION_CHECKSUMMED)
      crc = crc_of (contents + h.sections[i].offset, h.sections[i].size, crc);
  h.vocabulary_crc = crc;
  h.header_crc = 0;
  h.header_crc = crc_of (&h, sizeof h, 0);
  memcpy (contents, &h, sizeof h);
}

static gboolean
has_section (const char *contents,
             guint32     id)
{
  WsVectorsCacheHeader h;

  memcpy (&h, contents, sizeof h);
  for (guint32 i = 0; i < h.n_sections; i++)
    if (h.sections[i].id == id)
      return TRUE;
  return FALSE;
}

static WsVectorsCacheSection *
section (char    *contents,
         guint32  id)
{
  WsVectorsCacheHeader *h = (WsVectorsCacheHeader *) contents;

  for (guint32 i = 0; i < h->n_sections; i++)
    if (h->sections[i].id == id)
      return &h->sections[i];
  g_assert_not_reached ();
}

typedef enum
{
  DAMAGE_TRUNCATE_HALF,
  DAMAGE_TRUNCATE_HEADER,
  DAMAGE_EMPTY,
  DAMAGE_EXTEND,
  DAMAGE_MAGIC,
  DAMAGE_VERSION,
  DAMAGE_HEADER_FIELD,
  DAMAGE_VOCABULARY,
  DAMAGE_OFFSET_PAST_END,       /* checksums fixed: caught by bounds checks */
  DAMAGE_SIZE_PAST_END,
  DAMAGE_MISALIGNED,
  DAMAGE_N_WORDS,
  DAMAGE_WORD_OFFSET,
  DAMAGE_SLOT,
  DAMAGE_SLOTS_FULL,
  DAMAGE_POOL_END,
  DAMAGE_SECTION_TWICE,
  DAMAGE_N_SECTIONS,
  DAMAGE_GARBAGE,
  DAMAGE_QSTRIDE,
  DAMAGE_QCODES_SIZE,
  DAMAGE_UNIT_SIZE,
  N_DAMAGES
} Damage;

static void
damage (char   *contents,
        gsize  *len,
        Damage  what)
{
  WsVectorsCacheHeader *h = (WsVectorsCacheHeader *) contents;

  switch (what)
    {
    case DAMAGE_TRUNCATE_HALF:
      *len /= 2;
      break;
    case DAMAGE_TRUNCATE_HEADER:
      *len = 100;
      break;
    case DAMAGE_EMPTY:
      *len = 0;
      break;
    case DAMAGE_EXTEND:
      *len += 1;   /* contents has a NUL past the end */
      break;
    case DAMAGE_MAGIC:
      contents[0] ^= 0x20;
      break;
    case DAMAGE_VERSION:
      h->version++;
      fix_checksums (contents);
      break;
    case DAMAGE_HEADER_FIELD:
      contents[G_STRUCT_OFFSET (WsVectorsCacheHeader, dim)] ^= 0x01;
      break;
    case DAMAGE_VOCABULARY:
      contents[section (contents, WS_VECTORS_CACHE_SECTION_POOL)->offset + 10] ^= 0x01;
      break;
    case DAMAGE_OFFSET_PAST_END:
      /* A lean model's cache (every model in the "-filerows" run) has no
       * unit rows: its codes then. */
      section (contents, has_section (contents, WS_VECTORS_CACHE_SECTION_UNIT) ?
                         WS_VECTORS_CACHE_SECTION_UNIT : WS_VECTORS_CACHE_SECTION_QCODES)->offset =
        G_MAXUINT64 - 4095;
      fix_checksums (contents);
      break;
    case DAMAGE_SIZE_PAST_END:
      section (contents, WS_VECTORS_CACHE_SECTION_MATRIX)->size += 1 << 20;
      fix_checksums (contents);
      break;
    case DAMAGE_MISALIGNED:
      section (contents, WS_VECTORS_CACHE_SECTION_NORMS)->offset += 4;
      fix_checksums (contents);
      break;
    case DAMAGE_N_WORDS:
      h->n_words += 1;
      fix_checksums (contents);
      break;
    case DAMAGE_WORD_OFFSET:
      {
        guint64 *offsets = (guint64 *) (contents + section (contents, WS_VECTORS_CACHE_SECTION_OFFSETS)->offset);
        offsets[17] = section (contents, WS_VECTORS_CACHE_SECTION_POOL)->size + 5;
        fix_checksums (contents);
      }
      break;
    case DAMAGE_SLOT:
      {
        WsVectorsCacheSection *s = section (contents, WS_VECTORS_CACHE_SECTION_SLOTS);
        guint32 *slots = (guint32 *) (contents + s->offset);
        for (gsize i = 0; i < s->size / 4; i++)
          if (slots[i] != 0)
            {
              slots[i] = G_MAXUINT32;
              break;
            }
        fix_checksums (contents);
      }
      break;
    case DAMAGE_SLOTS_FULL:
      {
        /* No free slot: a lookup of a missing word would never end. */
        WsVectorsCacheSection *s = section (contents, WS_VECTORS_CACHE_SECTION_SLOTS);
        guint32 *slots = (guint32 *) (contents + s->offset);
        for (gsize i = 0; i < s->size / 4; i++)
          if (slots[i] == 0)
            slots[i] = 1;
        fix_checksums (contents);
      }
      break;
    case DAMAGE_POOL_END:
      {
        WsVectorsCacheSection *s = section (contents, WS_VECTORS_CACHE_SECTION_POOL);
        contents[s->offset + s->size - 1] = 'x';
        fix_checksums (contents);
      }
      break;
    case DAMAGE_SECTION_TWICE:
      *section (contents, has_section (contents, WS_VECTORS_CACHE_SECTION_UNIT) ?
                          WS_VECTORS_CACHE_SECTION_UNIT : WS_VECTORS_CACHE_SECTION_QCODES) =
        *section (contents, WS_VECTORS_CACHE_SECTION_MATRIX);
      fix_checksums (contents);
      break;
    case DAMAGE_N_SECTIONS:
      h->n_sections = 1000;
      fix_checksums (contents);
      break;
    case DAMAGE_GARBAGE:
      for (gsize i = 0; i < *len; i++)
        contents[i] = (char) (i * 7919 % 251);
      break;
    case DAMAGE_QSTRIDE:
      h->qstride = DIM - 1;
      fix_checksums (contents);
      break;
    case DAMAGE_QCODES_SIZE:
      section (contents, WS_VECTORS_CACHE_SECTION_QCODES)->size -= 16;
      fix_checksums (contents);
      break;
    case DAMAGE_UNIT_SIZE:
      /* The unit rows may be absent (a lean model), never short. */
      section (contents, has_section (contents, WS_VECTORS_CACHE_SECTION_UNIT) ?
                         WS_VECTORS_CACHE_SECTION_UNIT : WS_VECTORS_CACHE_SECTION_NORMS)->size -= 4;
      fix_checksums (contents);
      break;
    case N_DAMAGES:
    default:
      g_assert_not_reached ();
    }
}

static void
test_corrupt (void)
{
  g_autofree char *path = write_model ("corrupt.bin", 6, N_WORDS);
  g_autoptr(WsVectors) reference = parse (path);
  g_autofree char *pristine = NULL;
  gsize pristine_len = 0;
  g_autofree char *file = cached_file (path, &pristine, &pristine_len);

  for (Damage what = 0; what < N_DAMAGES; what++)
    {
      g_autofree char *contents = g_malloc0 (pristine_len + 1);
      gsize len = pristine_len;
      g_autoptr(WsVectors) v = NULL;
      g_autoptr(WsVectors) again = NULL;

      g_test_message ("damage %d", what);
      memcpy (contents, pristine, pristine_len);
      damage (contents, &len, what);
      g_assert_true (g_file_set_contents (file, contents, (gssize) len, NULL));

      v = load (path);
      g_assert_false (ws_vectors_get_from_cache (v));
      assert_same_model (reference, v);

      /* Detected, removed and written again. */
      again = load (path);
      g_assert_true (ws_vectors_get_from_cache (again));
      assert_same_model (reference, again);
    }
}

static void
test_unwritable (void)
{
  g_autofree char *path = write_model ("unwritable.bin", 7, N_WORDS);
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "wordspace", NULL);
  g_autoptr(WsVectors) v = NULL;
  g_autoptr(WsVectors) w = NULL;

  /* A file where the cache folder should be: nothing can be written (this
   * holds even for root, unlike a read-only folder). */
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_rmdir (dir);   /* empty: each test starts with no cache */
  g_assert_true (g_file_set_contents (dir, "not a folder", -1, NULL));

  v = load (path);
  g_assert_false (ws_vectors_get_from_cache (v));
  g_assert_cmpuint (ws_vectors_get_n_words (v), ==, N_WORDS - 1);
  w = load (path);
  g_assert_false (ws_vectors_get_from_cache (w));
  assert_same_model (v, w);

  g_assert_cmpint (g_unlink (dir), ==, 0);
}

static void
test_options_in_key (void)
{
  g_autofree char *path = write_model ("options.bin", 8, N_WORDS);
  g_autoptr(WsVectors) all = load (path);
  WsLoadOptions limited, replace;
  g_autoptr(WsVectors) l1 = NULL;
  g_autoptr(WsVectors) l2 = NULL;
  g_autoptr(WsVectors) r1 = NULL;
  g_autoptr(WsVectors) r2 = NULL;
  g_autoptr(WsVectors) all2 = NULL;
  g_autofree char *f_all = ws_vectors_cache_file_for (path, NULL);
  g_autofree char *f_limited = NULL;

  ws_load_options_init (&limited);
  limited.limit = 20;
  l1 = load_with (path, &limited);
  g_assert_false (ws_vectors_get_from_cache (l1));
  g_assert_cmpuint (ws_vectors_get_n_words (l1), ==, 19);
  l2 = load_with (path, &limited);
  g_assert_true (ws_vectors_get_from_cache (l2));
  assert_same_model (l1, l2);
  f_limited = ws_vectors_cache_file_for (path, &limited);
  g_assert_cmpstr (f_limited, !=, f_all);

  ws_load_options_init (&replace);
  replace.utf8_policy = WS_UTF8_REPLACE;
  r1 = load_with (path, &replace);
  g_assert_false (ws_vectors_get_from_cache (r1));
  r2 = load_with (path, &replace);
  g_assert_true (ws_vectors_get_from_cache (r2));
  assert_same_model (r1, r2);

  /* The first cache is still there, untouched by the others. */
  all2 = load (path);
  g_assert_true (ws_vectors_get_from_cache (all2));
  assert_same_model (all, all2);

  /* A cache copied over another key's file is refused (options differ). */
  {
    g_autofree char *contents = NULL;
    gsize len;
    g_autoptr(WsVectors) l3 = NULL;

    g_assert_true (g_file_get_contents (f_all, &contents, &len, NULL));
    g_assert_true (g_file_set_contents (f_limited, contents, (gssize) len, NULL));
    l3 = load_with (path, &limited);
    g_assert_false (ws_vectors_get_from_cache (l3));
    assert_same_model (l1, l3);
  }
}

static void
test_fresh_file_not_cached (void)
{
  g_autofree char *path = write_model ("fresh.bin", 9, 50);
  g_autoptr(WsVectors) v = NULL;
  g_autoptr(WsVectors) w = NULL;

  /* Written just now: a same-size rewrite within the file system's time
   * granularity could go unseen, so it is not cached yet. */
  g_assert_cmpint (utimensat (AT_FDCWD, path, NULL, 0), ==, 0);
  v = load (path);
  g_assert_false (cache_exists (path));
  w = load (path);
  g_assert_false (ws_vectors_get_from_cache (w));
}

static void
test_keeps_recently_used (void)
{
  char *paths[6];

  /* Five models cached, one after the other: the first one goes. */
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("lru%d.bin", i);
      g_autoptr(WsVectors) v = NULL;

      paths[i] = write_model (name, 20 + i, 40);
      v = load (paths[i]);
      g_usleep (20000);   /* distinct times, whatever the clock's granularity */
    }
  g_assert_false (cache_exists (paths[0]));
  for (int i = 1; i < 5; i++)
    g_assert_true (cache_exists (paths[i]));

  /* Reopening lru1 makes it recent: the next one cached pushes out lru2. */
  {
    g_autoptr(WsVectors) v = load (paths[1]);
    g_assert_true (ws_vectors_get_from_cache (v));
  }
  g_usleep (20000);
  {
    g_autoptr(WsVectors) v = NULL;

    paths[5] = write_model ("lru5.bin", 25, 40);
    v = load (paths[5]);
  }
  g_assert_true (cache_exists (paths[1]));
  g_assert_false (cache_exists (paths[2]));
  g_assert_true (cache_exists (paths[3]));
  g_assert_true (cache_exists (paths[4]));
  g_assert_true (cache_exists (paths[5]));

  for (int i = 0; i < 6; i++)
    g_free (paths[i]);
}

static void
test_text_and_gzip (void)
{
  const char text[] = "3 2\nalpha 1 2\nbeta 0.5 -0.25\ngamma 3 4\n";
  g_autofree char *path = ws_test_write_file ("small.vec", text, -1);
  g_autoptr(WsVectors) a = NULL;
  g_autoptr(WsVectors) b = NULL;

  age_file (path, 0);
  a = load (path);
  b = load (path);
  g_assert_true (ws_vectors_get_from_cache (b));
  g_assert_cmpint (ws_vectors_get_format (b), ==, WS_VECTORS_FORMAT_WORD2VEC_TEXT);
  g_assert_false (ws_vectors_get_compressed (b));
  assert_same_model (a, b);

  /* gzip: the cache says so too. */
  {
    g_autoptr(GZlibCompressor) gz = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
    g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();
    g_autoptr(GOutputStream) out = g_converter_output_stream_new (mem, G_CONVERTER (gz));
    g_autoptr(GBytes) bytes = NULL;
    g_autofree char *gz_path = NULL;
    g_autoptr(WsVectors) c = NULL;
    g_autoptr(WsVectors) d = NULL;

    g_assert_true (g_output_stream_write_all (out, text, strlen (text), NULL, NULL, NULL));
    g_assert_true (g_output_stream_close (out, NULL, NULL));
    bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
    gz_path = ws_test_write_file ("small.vec.gz", g_bytes_get_data (bytes, NULL),
                                  (gssize) g_bytes_get_size (bytes));
    age_file (gz_path, 0);
    c = load (gz_path);
    d = load (gz_path);
    g_assert_true (ws_vectors_get_from_cache (d));
    g_assert_true (ws_vectors_get_compressed (d));
    assert_same_model (c, d);
  }
}

/* A model too large to keep its unit rows twice (made so here by a low
 * threshold) is cached without them, reopened lean, and answers as the
 * same model with a unit matrix does. */
static void
test_lean (void)
{
  g_autofree char *path = write_model ("lean.bin", 9, N_WORDS);
  g_autofree char *file_rows = g_strdup (g_getenv ("WS_VECTORS_FILE_ROWS"));
  g_autoptr(WsVectors) full = NULL;
  g_autoptr(WsVectors) a = NULL;
  g_autoptr(WsVectors) b = NULL;
  g_autoptr(WsVectors) c = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *file = NULL;
  gsize len, n, dim;
  g_autofree float *u_full = NULL;
  g_autofree float *u_lean = NULL;
  gsize old;

  /* The model as a small one is kept, all in memory (also in the
   * "-filerows" run, which keeps every binary file's rows in the file). */
  g_setenv ("WS_VECTORS_FILE_ROWS", "0", TRUE);
  full = parse (path);
  if (file_rows != NULL)
    g_setenv ("WS_VECTORS_FILE_ROWS", file_rows, TRUE);
  else
    g_unsetenv ("WS_VECTORS_FILE_ROWS");
  len = 0;
  n = ws_vectors_get_n_words (full);
  dim = ws_vectors_get_dim (full);
  u_full = g_new (float, n * dim);
  u_lean = g_new (float, n * dim);
  old = ws_vectors_set_lean_threshold (1);

  g_assert_true (ws_vectors_has_unit_matrix (full));
  file = cached_file (path, &contents, &len);   /* parses (lean) and caches */
  g_assert_false (has_section (contents, WS_VECTORS_CACHE_SECTION_UNIT));
  g_assert_true (has_section (contents, WS_VECTORS_CACHE_SECTION_MATRIX));
  g_assert_true (has_section (contents, WS_VECTORS_CACHE_SECTION_QCODES));

  a = parse (path);
  g_assert_false (ws_vectors_has_unit_matrix (a));
  b = load (path);
  g_assert_true (ws_vectors_get_from_cache (b));
  g_assert_false (ws_vectors_has_unit_matrix (b));
  assert_same_model (a, b);

  /* The unit rows computed on demand are the stored ones, bit for bit. */
  ws_vectors_copy_unit_rows (full, 0, n, u_full);
  ws_vectors_copy_unit_rows (b, 0, n, u_lean);
  g_assert_cmpmem (u_lean, n * dim * sizeof (float), u_full, n * dim * sizeof (float));
  for (gsize i = 0; i < n; i += 97)
    g_assert_cmpmem (ws_vectors_get_unit_row (b, i), dim * sizeof (float),
                     u_full + i * dim, dim * sizeof (float));

  /* The same answers, scores and all. */
  {
    const char *queries[] = { "w1", "w100", "café", "w4999" };

    for (gsize q = 0; q < G_N_ELEMENTS (queries); q++)
      {
        g_autoptr(GArray) want = ws_neighbors (full, queries[q], 10, 0, NULL);
        g_autoptr(GArray) got = ws_neighbors (b, queries[q], 10, 0, NULL);

        g_assert_nonnull (want);
        g_assert_nonnull (got);
        g_assert_cmpuint (got->len, ==, want->len);
        for (guint i = 0; i < got->len; i++)
          {
            g_assert_cmpuint (g_array_index (got, WsScored, i).row, ==,
                              g_array_index (want, WsScored, i).row);
            g_assert_cmpfloat (g_array_index (got, WsScored, i).score, ==,
                               g_array_index (want, WsScored, i).score);
          }
      }
  }

  /* A lean cache serves a process whose models keep unit matrices too. */
  ws_vectors_set_lean_threshold (old);
  c = load (path);
  g_assert_true (ws_vectors_get_from_cache (c));
  assert_same_model (b, c);
}

static void
run_in_fresh_cache (gconstpointer data)
{
  void (*test) (void) = (void (*) (void)) data;

  fresh_cache ();
  test ();
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *cache_home = NULL;

  g_test_init (&argc, &argv, NULL);
  cache_home = g_build_filename (ws_test_tmpdir (), "cache-home", NULL);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  g_assert_cmpstr (g_get_user_cache_dir (), ==, cache_home);

  g_test_add_data_func ("/cache/reopen", (gconstpointer) test_reopen, run_in_fresh_cache);
  g_test_add_data_func ("/cache/progress", (gconstpointer) test_progress, run_in_fresh_cache);
  g_test_add_data_func ("/cache/no-reparse-and-stale", (gconstpointer) test_no_reparse_and_stale, run_in_fresh_cache);
  g_test_add_data_func ("/cache/corrupt", (gconstpointer) test_corrupt, run_in_fresh_cache);
  g_test_add_data_func ("/cache/unwritable", (gconstpointer) test_unwritable, run_in_fresh_cache);
  g_test_add_data_func ("/cache/options-in-key", (gconstpointer) test_options_in_key, run_in_fresh_cache);
  g_test_add_data_func ("/cache/fresh-file-not-cached", (gconstpointer) test_fresh_file_not_cached, run_in_fresh_cache);
  g_test_add_data_func ("/cache/keeps-recently-used", (gconstpointer) test_keeps_recently_used, run_in_fresh_cache);
  g_test_add_data_func ("/cache/text-and-gzip", (gconstpointer) test_text_and_gzip, run_in_fresh_cache);
  g_test_add_data_func ("/cache/lean", (gconstpointer) test_lean, run_in_fresh_cache);

  return g_test_run ();
}
