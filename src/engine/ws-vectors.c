/* ws-vectors.c: storage of a word-embedding model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One contiguous row-major float32 matrix, its unit-normalised twin, the
 * norms, and the words in one string pool indexed by an open-addressing hash
 * table of row numbers. Rows stay in file order.
 *
 * A large model (rows × dim × 4 bytes above the lean threshold, 256 MiB by
 * default) keeps no unit matrix: a unit row is computed when asked for, by
 * the very division that would have stored it (raw / norm in float32), so it
 * is bit-identical. That halves the memory of a first load, and the pages a
 * load must fault in, which is what a load of a Google-News-sized model is
 * bound by. The similarity scan reads the int8 codes and computes the unit
 * rows of its few candidates.
 *
 * A large uncompressed word2vec binary file goes further: its raw rows are
 * not copied at all. The loader reads the file through a small buffer,
 * computes the norms and codes, and records where each row's floats lie in
 * the file; the model keeps the file open and reads raw rows with pread ()
 * when asked (unit rows are then the same division of those, so still
 * bit-identical). A file truncated or modified after the load is noticed
 * (size and modification time, checked at each read); one replaced by a
 * rename keeps serving the inode that was loaded.
 */
#define G_LOG_DOMAIN "ws-vectors"

#include "config.h"

#include <glib/gi18n.h>
#include <float.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ws-populate.h"
#include "ws-vectors-private.h"

struct _WsVectors
{
  GObject          parent_instance;

  gsize            dim;
  gsize            n_words;
  gsize            capacity;        /* rows allocated */

  float           *matrix;          /* capacity × dim */
  float           *unit;            /* capacity × dim; NULL when lean */
  float           *norms;           /* capacity */

  char            *pool;            /* words, each NUL-terminated */
  gsize            pool_len;
  gsize            pool_capacity;
  guint64         *offsets;         /* capacity: where row i's word starts in pool */

  guint32         *slots;           /* row + 1, 0 when free */
  gsize            n_slots;         /* a power of two, at least twice n_words */

  /* Reduced-precision twin of the unit rows (see quantize_row ()). */
  gint8           *qcodes;          /* capacity × qstride */
  float           *qscales;         /* capacity */
  float           *qerrors;         /* capacity */
  gsize            qstride;

  /* When set, the arrays above point into storage (e.g. a mapped cache
   * file) that storage_free releases; such a model is never appended to. */
  gpointer         storage;
  GDestroyNotify   storage_free;
  gboolean         from_cache;
  gboolean         lean;            /* no unit matrix */

  /* Lean models: unit rows handed out by ws_vectors_get_unit_row (), made
   * on first use and kept until finalize (row → float *). */
  GMutex           unit_rows_lock;
  GHashTable      *unit_rows;
  /* Rows in the file: raw rows handed out by ws_vectors_get_row (), as
   * unit_rows (and under the same lock). */
  GHashTable      *raw_rows;

  /* Rows in the file (matrix NULL): the open file, where each row's floats
   * start in it, and its size and modification time at the load. */
  int              fd;
  guint64         *row_pos;         /* capacity */
  gint64           file_size;
  gint64           file_mtime_sec;
  gint64           file_mtime_nsec;
  gint             read_warned;

  /* Rows being made resident in the background (ws_vectors_reserve ()):
   * stopped before any row array moves. */
  WsPopulator     *populator;
  /* Rows [0, populated) made resident by ws_vectors_populate_through (). */
  gsize            populated;

  gsize            n_duplicates;
  char            *path;
  WsVectorsFormat  format;
  gboolean         compressed;
};

G_DEFINE_FINAL_TYPE (WsVectors, ws_vectors, G_TYPE_OBJECT)

G_DEFINE_QUARK (ws-vectors-error-quark, ws_vectors_error)

/* Rows reserved before the file proves it holds more. */
#define INITIAL_ROWS_CAP ((gsize) 1 << 16)
#define MAX_ROWS ((gsize) G_MAXUINT32 - 1)

/* Rows of more bytes than this keep no unit matrix (see the top). */
#define DEFAULT_LEAN_BYTES ((gsize) 256 << 20)

/* The threshold in force, as a pointer-sized integer (0: not read yet). */
static gpointer lean_bytes;

static gsize
get_lean_bytes (void)
{
  gsize bytes = GPOINTER_TO_SIZE (g_atomic_pointer_get (&lean_bytes));

  if (bytes == 0)
    {
      /* For tests: WS_VECTORS_LEAN_BYTES=1 makes every model lean. */
      const char *env = g_getenv ("WS_VECTORS_LEAN_BYTES");
      guint64 value = 0;

      if (env == NULL || !g_ascii_string_to_unsigned (env, 10, 1, G_MAXSIZE, &value, NULL))
        value = DEFAULT_LEAN_BYTES;
      bytes = (gsize) value;
      g_atomic_pointer_set (&lean_bytes, GSIZE_TO_POINTER (bytes));
    }
  return bytes;
}

gsize
ws_vectors_set_lean_threshold (gsize bytes)
{
  gsize old = get_lean_bytes ();

  g_atomic_pointer_set (&lean_bytes, GSIZE_TO_POINTER (bytes == 0 ? DEFAULT_LEAN_BYTES : bytes));
  return old;
}

static gboolean quantized_grow   (WsVectors *self,
                                  gsize      capacity);
typedef struct _RowSums RowSums;
static void     quantize_row     (WsVectors     *self,
                                  gsize          row,
                                  const float   *raw,
                                  const RowSums *sums);
static void     quantized_shrink (WsVectors *self,
                                  gsize      n);

static void
ws_vectors_finalize (GObject *object)
{
  WsVectors *self = (WsVectors *) object;

  ws_populator_stop (g_steal_pointer (&self->populator));
  if (self->unit_rows != NULL)
    g_hash_table_destroy (self->unit_rows);
  if (self->raw_rows != NULL)
    g_hash_table_destroy (self->raw_rows);
  if (self->fd >= 0)
    close (self->fd);
  g_free (self->row_pos);
  g_mutex_clear (&self->unit_rows_lock);
  if (self->storage_free != NULL)
    self->storage_free (self->storage);
  else
    {
      g_free (self->matrix);
      g_free (self->unit);
      g_free (self->norms);
      g_free (self->pool);
      g_free (self->offsets);
      g_free (self->slots);
      g_free (self->qcodes);
      g_free (self->qscales);
      g_free (self->qerrors);
    }
  g_free (self->path);

  G_OBJECT_CLASS (ws_vectors_parent_class)->finalize (object);
}

static void
ws_vectors_class_init (WsVectorsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ws_vectors_finalize;
}

static void
ws_vectors_init (WsVectors *self)
{
  g_mutex_init (&self->unit_rows_lock);
  self->fd = -1;
}

const char *
ws_vectors_format_to_string (WsVectorsFormat format)
{
  switch (format)
    {
    case WS_VECTORS_FORMAT_AUTO:
      return "auto";
    case WS_VECTORS_FORMAT_WORD2VEC_BINARY:
      return "word2vec-binary";
    case WS_VECTORS_FORMAT_WORD2VEC_TEXT:
      return "word2vec-text";
    case WS_VECTORS_FORMAT_GLOVE_TEXT:
      return "glove-text";
    default:
      return "unknown";
    }
}

void
ws_load_options_init (WsLoadOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->utf8_policy = WS_UTF8_STRICT;
  options->format = WS_VECTORS_FORMAT_AUTO;
  options->use_cache = TRUE;
}

/* FNV-1a, 64 bit: simple, and good enough spread for words. */
static inline guint64
hash_bytes (const char *s,
            gsize       len)
{
  guint64 h = G_GUINT64_CONSTANT (14695981039346656037);

  for (gsize i = 0; i < len; i++)
    {
      h ^= (guchar) s[i];
      h *= G_GUINT64_CONSTANT (1099511628211);
    }
  return h;
}

static inline const char *
word_at (WsVectors *self,
         gsize      row)
{
  return self->pool + self->offsets[row];
}

/* The slot holding @word, or the free slot where it would go. */
static gsize
find_slot (WsVectors  *self,
           const char *word,
           gsize       len)
{
  gsize mask = self->n_slots - 1;
  gsize i = hash_bytes (word, len) & mask;

  for (;;)
    {
      guint32 s = self->slots[i];
      const char *w;

      if (s == 0)
        return i;
      w = word_at (self, s - 1);
      if (strncmp (w, word, len) == 0 && w[len] == '\0')
        return i;
      i = (i + 1) & mask;
    }
}

/* Arrays at least this big ask for huge pages when reserved. */
#define HUGE_ARRAY_BYTES ((gsize) 8 << 20)

/* A big array about to be written through asks for huge pages. */
static void
want_huge_pages (void  *p,
                 gsize  bytes)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (bytes >= HUGE_ARRAY_BYTES)
    ws_advise_pages (p, bytes, MADV_HUGEPAGE);
#endif
}

/* Makes @bytes at @p resident at once, ahead of writing them. A fault per
 * 4 KiB page cost about 2 s of the 3 M × 300 binary load and 15 s of the
 * text load on a virtual machine where first touch ran at 0.3 GB/s; huge
 * pages populated ahead took 0.05-0.1 s for the 869 MB of codes once the
 * host had backed the memory (tests/bench/RESULTS-scale.md). */
static void
populate (void  *p,
          gsize  bytes)
{
  WsPopulateArray array = { p, 1 };

  ws_populate_rows (&array, 1, 0, bytes);
}

static gboolean
grow_slots (WsVectors  *self,
            gsize       n_slots,
            GError    **error)
{
  guint32 *slots = g_try_new0 (guint32, n_slots);
  guint32 *old = self->slots;
  gsize old_n = self->n_slots;

  if (slots == NULL)
    {
      g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_TOO_LARGE,
                   _("Not enough memory for the index of %zu words"),
                   self->n_words);
      return FALSE;
    }

  self->slots = slots;
  self->n_slots = n_slots;
  if (n_slots * sizeof (guint32) >= HUGE_ARRAY_BYTES)
    {
      want_huge_pages (slots, n_slots * sizeof (guint32));
      populate (slots, n_slots * sizeof (guint32));
    }
  for (gsize i = 0; i < old_n; i++)
    {
      if (old[i] != 0)
        {
          const char *w = word_at (self, old[i] - 1);
          self->slots[find_slot (self, w, strlen (w))] = old[i];
        }
    }
  g_free (old);
  return TRUE;
}

static gboolean
grow_rows (WsVectors  *self,
           gsize       capacity,
           GError    **error)
{
  gsize dim = self->dim;
  float *matrix, *unit, *norms;
  guint64 *offsets;

  if (capacity > MAX_ROWS || capacity > G_MAXSIZE / sizeof (float) / dim)
    goto oom;
  /* The rows may move: nothing may be populating them. */
  ws_populator_stop (g_steal_pointer (&self->populator));

  /* Each array is reallocated on its own; a failure leaves the others valid
   * and merely larger, which finalize releases all the same. Once the rows
   * outgrow the lean threshold the unit matrix goes for good: its rows can
   * always be computed again. */
  if (capacity * dim * sizeof (float) > get_lean_bytes ())
    self->lean = TRUE;
  if (self->lean)
    g_clear_pointer (&self->unit, g_free);
  if (self->fd >= 0)
    {
      guint64 *pos = g_try_realloc (self->row_pos, capacity * sizeof (guint64));

      if (pos == NULL)
        goto oom;
      self->row_pos = pos;
    }
  else
    {
      if ((matrix = g_try_realloc (self->matrix, capacity * dim * sizeof (float))) == NULL)
        goto oom;
      self->matrix = matrix;
    }
  if (!self->lean)
    {
      if ((unit = g_try_realloc (self->unit, capacity * dim * sizeof (float))) == NULL)
        goto oom;
      self->unit = unit;
    }
  if ((norms = g_try_realloc (self->norms, capacity * sizeof (float))) == NULL)
    goto oom;
  self->norms = norms;
  if ((offsets = g_try_realloc (self->offsets, capacity * sizeof (guint64))) == NULL)
    goto oom;
  self->offsets = offsets;
  if (!quantized_grow (self, capacity))
    goto oom;
  self->capacity = capacity;
  return TRUE;

oom:
  g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_TOO_LARGE,
               _("Not enough memory for %zu vectors of %zu dimensions"),
               capacity, dim);
  return FALSE;
}

WsVectors *
ws_vectors_new_empty (gsize dim,
                      gsize expected_rows)
{
  WsVectors *self;

  g_return_val_if_fail (dim > 0, NULL);

  self = g_object_new (WS_TYPE_VECTORS, NULL);
  self->dim = dim;
  self->format = WS_VECTORS_FORMAT_AUTO;

  expected_rows = CLAMP (expected_rows, 16, INITIAL_ROWS_CAP);
  if (!grow_rows (self, expected_rows, NULL) || !grow_slots (self, 64, NULL))
    g_error ("Cannot allocate an empty model of dimension %zu", dim);

  return self;
}

/* Loops over a row that -O2's cheapest vectorizer leaves scalar; vector
 * division and comparisons give the very same floats. */
#if defined(__GNUC__) && !defined(__clang__)
#define ROW_LOOPS __attribute__ ((optimize ("vect-cost-model=dynamic")))
#else
#define ROW_LOOPS
#endif

/* The row loops of every load also come in an AVX2 copy, chosen at run time
 * where the processor has it: eight floats per instruction, not four, and a
 * third off the 3 M × 300 load. AVX2 alone, not FMA, so no multiply and add
 * are fused: both copies give the very same bits. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define ROW_CLONES __attribute__ ((target_clones ("avx2", "default")))
#else
#define ROW_CLONES
#endif

/* Running sums a row loop keeps apart, so the vectorizer can use them. */
#define ROW_LANES 8

/* The unit row of @raw, whose norm is @norm: the one formula every unit
 * row comes from, stored or computed on demand. */
static inline ROW_LOOPS void
unit_row_of (const float *raw,
             float        norm,
             gsize        dim,
             float       *unit)
{
  if (norm > 0.0f)
    {
      for (gsize j = 0; j < dim; j++)
        unit[j] = raw[j] / norm;
    }
  else
    memset (unit, 0, dim * sizeof (float));
}

/* Every value of every row is checked as it is loaded, so the check looks
 * at the exponent bits of ROW_LANES values at a time (a scalar loop that
 * stops at the first bad value was an eighth of the binary load's time)
 * and only looks for the first bad one when there is one. */
ROW_LOOPS ROW_CLONES gsize
ws_floats_first_not_finite (const float *values,
                            gsize        n)
{
  guint32 lane_bad[ROW_LANES] = { 0 };
  guint32 bad = 0;
  gsize j;

  for (j = 0; j + ROW_LANES <= n; j += ROW_LANES)
    for (gsize k = 0; k < ROW_LANES; k++)
      {
        guint32 bits;

        memcpy (&bits, values + j + k, sizeof bits);
        lane_bad[k] |= (bits & 0x7f800000u) == 0x7f800000u;
      }
  for (gsize k = 0; k < ROW_LANES; k++)
    bad |= lane_bad[k];
  /* The tail, or all of them again when one is bad, for the first. */
  for (j = bad ? 0 : j; j < n; j++)
    if (G_UNLIKELY (!isfinite (values[j])))
      return j;
  return n;
}

/* What one pass over a row's values gives: the sum of their squares, in
 * double, and their largest magnitude. The sum is not finite exactly when
 * a value is not (squares of finite floats cannot overflow a double). */
struct _RowSums
{
  double sum_squares;
  float  max_abs;
};

static ROW_LOOPS ROW_CLONES RowSums
row_sums (const float *raw,
          gsize        dim)
{
  double part[ROW_LANES] = { 0.0 };
  float lane_max[ROW_LANES] = { 0.0f };
  RowSums sums = { 0.0, 0.0f };
  gsize j;

  /* In ROW_LANES running sums (one chain of 300 dependent additions was a
   * fifth of the load's time), and maxima kept apart as well. */
  for (j = 0; j + ROW_LANES <= dim; j += ROW_LANES)
    for (gsize k = 0; k < ROW_LANES; k++)
      {
        float a = fabsf (raw[j + k]);

        part[k] += (double) raw[j + k] * raw[j + k];
        lane_max[k] = a > lane_max[k] ? a : lane_max[k];
      }
  for (; j < dim; j++)
    {
      float a = fabsf (raw[j]);

      part[0] += (double) raw[j] * raw[j];
      lane_max[0] = a > lane_max[0] ? a : lane_max[0];
    }
  for (gsize k = 0; k < ROW_LANES; k++)
    {
      sums.sum_squares += part[k];
      sums.max_abs = lane_max[k] > sums.max_abs ? lane_max[k] : sums.max_abs;
    }
  return sums;
}

/* The norm, unit row and codes of row @row, from its values @raw and
 * their @sums. */
static void
normalize_row_with (WsVectors     *self,
                    gsize          row,
                    const float   *raw,
                    const RowSums *sums)
{
  float norm = (float) sqrt (sums->sum_squares);

  self->norms[row] = norm;
  if (self->unit != NULL)
    unit_row_of (raw, norm, self->dim, self->unit + row * self->dim);
  quantize_row (self, row, raw, sums);
}

/* The norm, unit row and codes of row @row, from its values @raw. */
static void
normalize_row (WsVectors   *self,
               gsize        row,
               const float *raw)
{
  RowSums sums = row_sums (raw, self->dim);

  normalize_row_with (self, row, raw, &sums);
}

/* Grows the row storage to @capacity rows, for @rows rows (≤ capacity). */
static gboolean
grow_for (WsVectors  *self,
          gsize       rows,
          gsize       capacity,
          GError    **error)
{
  if (rows > MAX_ROWS)
    {
      g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_TOO_LARGE,
                   _("More than %zu words are not supported"), MAX_ROWS);
      return FALSE;
    }
  return grow_rows (self, capacity, error);
}

/* Every array with a row per word, for making rows resident. The per-row
 * arrays are a few MB each at 3 M rows, but a fault per page of them all
 * came to 40,000 faults and a tenth of a second on the way. */
#define N_ROW_ARRAYS 8

static void
row_arrays (WsVectors       *self,
            WsPopulateArray *arrays)
{
  arrays[0] = (WsPopulateArray) { self->matrix, self->dim * sizeof (float) };
  arrays[1] = (WsPopulateArray) { self->unit, self->dim * sizeof (float) };
  arrays[2] = (WsPopulateArray) { self->qcodes, self->qstride };
  arrays[3] = (WsPopulateArray) { self->norms, sizeof (float) };
  arrays[4] = (WsPopulateArray) { self->qscales, sizeof (float) };
  arrays[5] = (WsPopulateArray) { self->qerrors, sizeof (float) };
  arrays[6] = (WsPopulateArray) { self->offsets, sizeof (guint64) };
  arrays[7] = (WsPopulateArray) { self->row_pos, sizeof (guint64) };
}

gboolean
ws_vectors_reserve (WsVectors  *self,
                    gsize       rows,
                    gboolean    populate_now,
                    GError    **error)
{
  gsize n_slots;

  g_return_val_if_fail (WS_IS_VECTORS (self), FALSE);

  if (rows <= self->capacity)
    return TRUE;
  if (!grow_for (self, rows, rows, error))
    return FALSE;

  /* The rows reserved will be written through, and the index needs no
   * rehash on the way. */
  want_huge_pages (self->matrix, rows * self->dim * sizeof (float));
  want_huge_pages (self->unit, rows * self->dim * sizeof (float));
  want_huge_pages (self->qcodes, rows * self->qstride);
  want_huge_pages (self->norms, rows * sizeof (float));
  want_huge_pages (self->qscales, rows * sizeof (float));
  want_huge_pages (self->qerrors, rows * sizeof (float));
  want_huge_pages (self->offsets, rows * sizeof (guint64));
  want_huge_pages (self->row_pos, rows * sizeof (guint64));
  if (populate_now)
    {
      /* In the background, front to back, while the rows are filled (the
       * fillers fault in whatever they reach first themselves): the 3 M ×
       * 300 binary on fresh memory loaded in 2.8-3.6 s, against 3.1-4.0 s
       * populated on both cores before the first row. */
      WsPopulateArray arrays[N_ROW_ARRAYS];

      row_arrays (self, arrays);
      self->populator = ws_populator_start (arrays, N_ROW_ARRAYS, rows);
    }
  for (n_slots = self->n_slots; n_slots < rows * 2; n_slots *= 2)
    ;
  return n_slots == self->n_slots || grow_slots (self, n_slots, error);
}

void
ws_vectors_reserve_words (WsVectors *self,
                          gsize      bytes)
{
  char *pool;

  g_return_if_fail (WS_IS_VECTORS (self));

  if (bytes <= self->pool_capacity || self->storage != NULL)
    return;
  if ((pool = g_try_realloc (self->pool, bytes)) == NULL)
    return;
  self->pool = pool;
  self->pool_capacity = bytes;
  want_huge_pages (pool, bytes);
}

gsize
ws_vectors_get_capacity (WsVectors *self)
{
  g_return_val_if_fail (WS_IS_VECTORS (self), 0);
  return self->capacity;
}

gboolean
ws_vectors_make_room (WsVectors  *self,
                      gsize       rows,
                      GError    **error)
{
  g_return_val_if_fail (WS_IS_VECTORS (self), FALSE);

  if (rows <= self->capacity)
    return TRUE;
  /* Doubling, as appending one row at a time does. */
  return grow_for (self, rows, MAX (rows, MIN (self->capacity * 2, MAX_ROWS)), error);
}

/* Rows made resident at once by ws_vectors_populate_through (): about
 * this much of their storage, populated on every core. */
#define POPULATE_STRIDE_BYTES ((gsize) 128 << 20)

void
ws_vectors_populate_through (WsVectors *self,
                             gsize      rows)
{
  WsPopulateArray arrays[N_ROW_ARRAYS];
  gsize stride;

  g_return_if_fail (WS_IS_VECTORS (self));

  row_arrays (self, arrays);
  stride = ws_populate_rows_in (arrays, N_ROW_ARRAYS, POPULATE_STRIDE_BYTES);
  rows = MIN (rows, self->capacity);
  while (self->populated < rows)
    {
      gsize n = MIN (stride, self->capacity - self->populated);

      ws_populate_rows (arrays, N_ROW_ARRAYS, self->populated, n);
      self->populated += n;
    }
}

/* Room for one more row. */
static gboolean
make_room (WsVectors  *self,
           GError    **error)
{
  if (self->n_words == self->capacity)
    {
      if (self->n_words >= MAX_ROWS)
        {
          g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_TOO_LARGE,
                       _("More than %zu words are not supported"), MAX_ROWS);
          return FALSE;
        }
      if (!grow_rows (self, MIN (self->capacity * 2, MAX_ROWS), error))
        return FALSE;
    }
  return TRUE;
}

float *
ws_vectors_next_row (WsVectors  *self,
                     GError    **error)
{
  g_return_val_if_fail (WS_IS_VECTORS (self), NULL);
  g_return_val_if_fail (self->fd < 0, NULL);

  if (!make_room (self, error))
    return NULL;
  return self->matrix + self->n_words * self->dim;
}

/* Adds @word (not yet present: @slot is its free slot) as row n_words. */
static gboolean
insert_word (WsVectors   *self,
             gsize        slot,
             const char  *word,
             gsize        word_len,
             GError     **error)
{
  gsize row;

  if (self->pool_len + word_len + 1 > self->pool_capacity)
    {
      gsize cap = MAX (self->pool_capacity * 2, self->pool_len + word_len + 1);
      char *pool = g_try_realloc (self->pool, MAX (cap, 4096));

      if (pool == NULL)
        {
          g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_TOO_LARGE,
                       _("Not enough memory for the words"));
          return FALSE;
        }
      self->pool = pool;
      self->pool_capacity = MAX (cap, 4096);
    }

  row = self->n_words;
  self->offsets[row] = self->pool_len;
  memcpy (self->pool + self->pool_len, word, word_len);
  self->pool[self->pool_len + word_len] = '\0';
  self->pool_len += word_len + 1;

  self->slots[slot] = (guint32) (row + 1);
  self->n_words++;

  if (self->n_words * 2 > self->n_slots)
    {
      if (!grow_slots (self, self->n_slots * 2, error))
        {
          /* Keep the model consistent: drop the row just added. */
          self->n_words--;
          self->slots[find_slot (self, word, word_len)] = 0;
          self->pool_len = self->offsets[row];
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
ws_vectors_commit_row (WsVectors   *self,
                       const char  *word,
                       gsize        word_len,
                       GError     **error)
{
  gsize slot;

  g_return_val_if_fail (WS_IS_VECTORS (self), FALSE);
  g_return_val_if_fail (word != NULL, FALSE);
  g_return_val_if_fail (self->n_words < self->capacity, FALSE);

  slot = find_slot (self, word, word_len);
  if (self->slots[slot] != 0)
    {
      self->n_duplicates++;
      return FALSE;
    }

  normalize_row (self, self->n_words, self->matrix + self->n_words * self->dim);
  return insert_word (self, slot, word, word_len, error);
}

void
ws_vectors_prefetch_word (WsVectors  *self,
                          const char *word,
                          gsize       word_len)
{
  gsize slot = hash_bytes (word, word_len) & (self->n_slots - 1);

  __builtin_prefetch (self->slots + slot);
}

gboolean
ws_vectors_add_word (WsVectors   *self,
                     const char  *word,
                     gsize        word_len,
                     gsize       *row,
                     GError     **error)
{
  g_return_val_if_fail (WS_IS_VECTORS (self), FALSE);
  g_return_val_if_fail (word != NULL, FALSE);
  g_return_val_if_fail (row != NULL, FALSE);

  gsize slot = find_slot (self, word, word_len);

  if (self->slots[slot] != 0)
    {
      self->n_duplicates++;
      return FALSE;
    }
  if (!make_room (self, error))
    return FALSE;
  /* The row's memory is left untouched here: whichever thread sets it
   * takes the cost of its first touch. */
  if (!insert_word (self, slot, word, word_len, error))
    return FALSE;
  *row = self->n_words - 1;
  return TRUE;
}

void
ws_vectors_set_row (WsVectors  *self,
                    gsize       row,
                    const void *values)
{
  g_assert (row < self->n_words);
  g_assert (self->matrix != NULL);

  memcpy (self->matrix + row * self->dim, values, self->dim * sizeof (float));
  ws_floats_from_le (self->matrix + row * self->dim, self->dim);
  normalize_row (self, row, self->matrix + row * self->dim);
}

float *
ws_vectors_peek_row (WsVectors *self,
                     gsize      row)
{
  g_assert (row < self->n_words);
  g_assert (self->matrix != NULL);
  return self->matrix + row * self->dim;
}

gboolean
ws_vectors_append (WsVectors    *self,
                   const char   *word,
                   gsize         word_len,
                   const float  *values,
                   GError      **error)
{
  float *dst;

  g_return_val_if_fail (WS_IS_VECTORS (self), FALSE);
  g_return_val_if_fail (word != NULL, FALSE);
  g_return_val_if_fail (values != NULL, FALSE);

  /* A duplicate costs no copy. */
  if (self->slots[find_slot (self, word, word_len)] != 0)
    {
      self->n_duplicates++;
      return FALSE;
    }
  if ((dst = ws_vectors_next_row (self, error)) == NULL)
    return FALSE;
  memcpy (dst, values, self->dim * sizeof (float));
  return ws_vectors_commit_row (self, word, word_len, error);
}

void
ws_vectors_set_source (WsVectors       *self,
                       const char      *path,
                       WsVectorsFormat  format,
                       gboolean         compressed)
{
  g_return_if_fail (WS_IS_VECTORS (self));

  g_free (self->path);
  self->path = g_strdup (path);
  self->format = format;
  self->compressed = !!compressed;
}

void
ws_vectors_seal (WsVectors *self)
{
  gsize n;
  gsize dim;
  void *p;

  g_return_if_fail (WS_IS_VECTORS (self));

  ws_populator_stop (g_steal_pointer (&self->populator));
  n = MAX (self->n_words, 1);
  self->populated = MIN (self->populated, n);
  dim = self->dim;
  if (n == self->capacity)
    return;

  /* Shrinking never fails in practice; keep the old block if it does. */
  if (self->matrix != NULL && (p = g_try_realloc (self->matrix, n * dim * sizeof (float))) != NULL)
    self->matrix = p;
  if (self->row_pos != NULL && (p = g_try_realloc (self->row_pos, n * sizeof (guint64))) != NULL)
    self->row_pos = p;
  if (self->unit != NULL && (p = g_try_realloc (self->unit, n * dim * sizeof (float))) != NULL)
    self->unit = p;
  if ((p = g_try_realloc (self->norms, n * sizeof (float))) != NULL)
    self->norms = p;
  if ((p = g_try_realloc (self->offsets, n * sizeof (guint64))) != NULL)
    self->offsets = p;
  quantized_shrink (self, n);
  if (self->pool_len > 0 && (p = g_try_realloc (self->pool, self->pool_len)) != NULL)
    {
      self->pool = p;
      self->pool_capacity = self->pool_len;
    }
  self->capacity = n;
}

WsVectors *
ws_vectors_new_from_data (const char * const *words,
                          const float        *matrix,
                          gsize               n_words,
                          gsize               dim,
                          GError            **error)
{
  g_autoptr(WsVectors) self = NULL;

  g_return_val_if_fail (words != NULL || n_words == 0, NULL);
  g_return_val_if_fail (matrix != NULL || n_words == 0, NULL);

  if (dim == 0)
    {
      g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_INVALID,
                   _("Vectors need at least one dimension"));
      return NULL;
    }

  self = ws_vectors_new_empty (dim, n_words);
  for (gsize i = 0; i < n_words; i++)
    {
      g_autoptr(GError) local_error = NULL;
      gsize len = strlen (words[i]);

      if (!g_utf8_validate (words[i], len, NULL))
        {
          g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_ENCODING,
                       _("Word %zu is not valid UTF-8"), i + 1);
          return NULL;
        }
      for (gsize j = 0; j < dim; j++)
        {
          if (!isfinite (matrix[i * dim + j]))
            {
              g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_BAD_VALUE,
                           _("Value %zu of “%s” is not a finite number"),
                           j + 1, words[i]);
              return NULL;
            }
        }
      if (!ws_vectors_append (self, words[i], len, matrix + i * dim, &local_error) &&
          local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  ws_vectors_seal (self);

  return g_steal_pointer (&self);
}

/* --- Quantized unit rows ------------------------------------------------
 *
 * For the similarity scan (ws-similarity.c): each unit row u is kept as well
 * as int8 codes q in [-127, 127] and a scale s = max |u_j| / 127, with
 * u ≈ s × q, plus an upper bound on the L2 norm of the residual u − s × q.
 * A scan of the codes then bounds each row's cosine rigorously (Cauchy–
 * Schwarz) and only the rows that can make the top k are scored in float32.
 * A zero row has scale 0; a row whose unit vector is not finite has an
 * infinite error (the scan then always scores it).
 * Built row by row as rows are committed, so no query pays for it. Costs
 * qstride + 8 bytes a row (qstride: dim rounded up to 16).
 */

static gboolean
quantized_grow (WsVectors *self,
                gsize      capacity)
{
  void *p;

  if (self->qstride == 0)
    self->qstride = (self->dim + 15) / 16 * 16;
  if (capacity > G_MAXSIZE / self->qstride)
    return FALSE;
  if ((p = g_try_realloc (self->qcodes, capacity * self->qstride)) == NULL)
    return FALSE;
  self->qcodes = p;
  if ((p = g_try_realloc (self->qscales, capacity * sizeof (float))) == NULL)
    return FALSE;
  self->qscales = p;
  if ((p = g_try_realloc (self->qerrors, capacity * sizeof (float))) == NULL)
    return FALSE;
  self->qerrors = p;
  return TRUE;
}

static void
quantized_shrink (WsVectors *self,
                  gsize      n)
{
  void *p;

  if ((p = g_try_realloc (self->qcodes, n * self->qstride)) != NULL)
    self->qcodes = p;
  if ((p = g_try_realloc (self->qscales, n * sizeof (float))) != NULL)
    self->qscales = p;
  if ((p = g_try_realloc (self->qerrors, n * sizeof (float))) != NULL)
    self->qerrors = p;
}

/* The codes of row @row, from its values @raw, whose norm is stored and
 * whose @sums are given. The unit row is the one unit_row_of () gives (the
 * stored one, or for a lean model the one made on demand), divided again
 * here in the loop that rounds it. Written for speed (it runs once per row
 * of every load): no call per value, every loop one the vectorizer takes,
 * and the residual summed in ROW_LANES parts, which only moves the bound
 * by double rounding (far below the 1e-6 margin it gets). */
static ROW_LOOPS ROW_CLONES void
quantize_row (WsVectors     *self,
              gsize          row,
              const float   *raw,
              const RowSums *sums)
{
  gsize dim = self->dim;
  gint8 *codes = self->qcodes + row * self->qstride;
  float norm = self->norms[row];
  float unit_stack[1024], level_stack[1024];
  g_autofree float *heap = NULL;
  float *unit, *levels;
  float max, scale, inverse;
  double part[ROW_LANES] = { 0.0 };
  double residual;
  gsize j;

  if (dim <= G_N_ELEMENTS (unit_stack))
    {
      unit = unit_stack;
      levels = level_stack;
    }
  else
    {
      unit = heap = g_new (float, 2 * dim);
      levels = heap + dim;
    }
  memset (codes + dim, 0, self->qstride - dim);
  /* The largest magnitude of the unit row: a correctly rounded division
   * keeps the order of what it divides, so it is the largest raw magnitude
   * divided by the norm, the very float the unit row holds there. A value
   * that is not finite makes the unit row not a number. */
  if (!isfinite (sums->sum_squares))
    max = INFINITY;
  else if (norm > 0.0f)
    max = sums->max_abs / norm;
  else
    max = 0.0f;
  if (max == 0.0f && norm == 0.0f)
    {
      /* A zero row: scale 0 tells the scan it scores NaN. */
      memset (codes, 0, dim);
      self->qscales[row] = 0.0f;
      self->qerrors[row] = 0.0f;
      return;
    }
  if (!isfinite (max) || max == 0.0f)
    {
      /* A row whose unit vector is not a number (a norm that overflowed):
       * no bound at all, so the scan always scores it in float32. */
      memset (codes, 0, dim);
      self->qscales[row] = 1.0f;
      self->qerrors[row] = INFINITY;
      return;
    }

  scale = max / 127.0f;
  inverse = 127.0f / max;
  /* Loops the vectorizer takes, each of one type: one that does all in one
   * stays scalar and took longer than all of them. */
  for (j = 0; j < dim; j++)
    {
      /* |x| ≤ 127 (1 + 2ε): adding and taking away 1.5 × 2²³ rounds it to
       * the nearest integer, ties to even, as lrintf () does. A product,
       * not a quotient, as the bound below is of whatever levels are
       * chosen: a division per value was a tenth of the binary load. */
      float x, rounded;

      unit[j] = raw[j] / norm;
      x = unit[j] * inverse;
      rounded = (x + 12582912.0f) - 12582912.0f;
      rounded = rounded < -127.0f ? -127.0f : rounded;
      levels[j] = rounded > 127.0f ? 127.0f : rounded;
    }
  for (j = 0; j < dim; j++)
    codes[j] = (gint8) (int) levels[j];
  /* scale × level is exact in double, and so is nearly the difference. */
  for (j = 0; j + ROW_LANES <= dim; j += ROW_LANES)
    for (gsize k = 0; k < ROW_LANES; k++)
      {
        double r = (double) unit[j + k] - (double) scale * (double) levels[j + k];

        part[k] += r * r;
      }
  for (; j < dim; j++)
    {
      double r = (double) unit[j] - (double) scale * (double) levels[j];

      part[0] += r * r;
    }
  residual = 0.0;
  for (gsize k = 0; k < ROW_LANES; k++)
    residual += part[k];
  self->qscales[row] = scale;
  /* Rounded up, so it stays an upper bound. */
  self->qerrors[row] = (float) (sqrt (residual) * (1.0 + 1e-6)) + 1e-30f;
}

gsize
ws_vectors_get_quantized (WsVectors     *self,
                          const gint8  **codes,
                          const float  **scales,
                          const float  **errors)
{
  g_return_val_if_fail (WS_IS_VECTORS (self), 0);

  if (codes != NULL)
    *codes = self->qcodes;
  if (scales != NULL)
    *scales = self->qscales;
  if (errors != NULL)
    *errors = self->qerrors;
  return self->qstride;
}

gsize
ws_vectors_get_n_words (WsVectors *self)
{
  g_return_val_if_fail (WS_IS_VECTORS (self), 0);
  return self->n_words;
}

gsize
ws_vectors_get_dim (WsVectors *self)
{
  g_return_val_if_fail (WS_IS_VECTORS (self), 0);
  return self->dim;
}

const char *
ws_vectors_get_path (WsVectors *self)
{
  g_return_val_if_fail (WS_IS_VECTORS (self), NULL);
  return self->path;
}

WsVectorsFormat
ws_vectors_get_format (WsVectors *self)
{
  g_return_val_if_fail (WS_IS_VECTORS (self), WS_VECTORS_FORMAT_AUTO);
  return self->format;
}

gboolean
ws_vectors_get_compressed (WsVectors *self)
{
  g_return_val_if_fail (WS_IS_VECTORS (self), FALSE);
  return self->compressed;
}

gsize
ws_vectors_get_n_duplicates (WsVectors *self)
{
  g_return_val_if_fail (WS_IS_VECTORS (self), 0);
  return self->n_duplicates;
}

const char *
ws_vectors_get_word (WsVectors *self,
                     gsize      row)
{
  g_return_val_if_fail (WS_IS_VECTORS (self), NULL);
  g_return_val_if_fail (row < self->n_words, NULL);
  return word_at (self, row);
}

gboolean
ws_vectors_lookup (WsVectors  *self,
                   const char *word,
                   gsize      *row)
{
  gsize slot;

  g_return_val_if_fail (WS_IS_VECTORS (self), FALSE);
  g_return_val_if_fail (word != NULL, FALSE);

  slot = find_slot (self, word, strlen (word));
  if (self->slots[slot] == 0)
    return FALSE;
  if (row != NULL)
    *row = self->slots[slot] - 1;
  return TRUE;
}

gboolean
ws_vectors_contains (WsVectors  *self,
                     const char *word)
{
  return ws_vectors_lookup (self, word, NULL);
}

/* --- Rows in the file --------------------------------------------------- */

/* Bytes read at once when rows are copied in blocks. */
#define READ_SPAN ((gsize) 4 << 20)

gboolean
ws_vectors_want_file_rows (gsize rows,
                           gsize dim)
{
  /* For tests: 1 keeps the rows of every binary file in the file, 0 never. */
  const char *env = g_getenv ("WS_VECTORS_FILE_ROWS");

  if (env != NULL && g_str_equal (env, "1"))
    return TRUE;
  if (env != NULL && g_str_equal (env, "0"))
    return FALSE;
  return rows > 0 && dim > 0 && rows <= G_MAXSIZE / sizeof (float) / dim &&
         rows * dim * sizeof (float) > get_lean_bytes ();
}

gboolean
ws_vectors_use_file_rows (WsVectors   *self,
                          int          fd,
                          const char  *path,
                          GError     **error)
{
  struct stat st;

  g_return_val_if_fail (WS_IS_VECTORS (self), FALSE);
  g_return_val_if_fail (fd >= 0, FALSE);
  g_return_val_if_fail (self->n_words == 0 && self->fd < 0 && self->storage == NULL, FALSE);

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      int saved = errno;
      g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_IO,
                   _("Cannot read the vectors of “%s” again: %s"), path, g_strerror (saved));
      close (fd);
      return FALSE;
    }
  self->row_pos = g_try_new (guint64, self->capacity);
  if (self->row_pos == NULL)
    {
      g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_TOO_LARGE,
                   _("Not enough memory for %zu vectors of %zu dimensions"),
                   self->capacity, self->dim);
      close (fd);
      return FALSE;
    }
  self->fd = fd;
  self->file_size = st.st_size;
  self->file_mtime_sec = st.st_mtim.tv_sec;
  self->file_mtime_nsec = st.st_mtim.tv_nsec;
  g_clear_pointer (&self->matrix, g_free);
  /* Such a model never holds a unit matrix either. */
  self->lean = TRUE;
  g_clear_pointer (&self->unit, g_free);
  g_free (self->path);
  self->path = g_strdup (path);
  return TRUE;
}

gboolean
ws_vectors_get_file_rows (WsVectors *self)
{
  g_return_val_if_fail (WS_IS_VECTORS (self), FALSE);
  return self->fd >= 0;
}

gboolean
ws_vectors_set_file_row (WsVectors  *self,
                         gsize       row,
                         const void *values,
                         guint64     file_offset,
                         gsize      *bad_column)
{
  gsize dim = self->dim;
  float stack[1024];
  g_autofree float *heap = NULL;
  float *raw = dim <= G_N_ELEMENTS (stack) ? stack : (heap = g_new (float, dim));
  RowSums sums;

  g_assert (row < self->n_words);
  g_assert (self->fd >= 0);

  memcpy (raw, values, dim * sizeof (float));
  ws_floats_from_le (raw, dim);
  /* The sums tell whether every value is finite; which one is not is
   * looked for only when one is not. */
  sums = row_sums (raw, dim);
  if (G_UNLIKELY (!isfinite (sums.sum_squares)))
    {
      *bad_column = ws_floats_first_not_finite (raw, dim);
      return FALSE;
    }
  self->row_pos[row] = file_offset;
  normalize_row_with (self, row, raw, &sums);
  return TRUE;
}

gboolean
ws_vectors_check_file (WsVectors  *self,
                       GError    **error)
{
  struct stat st;

  g_return_val_if_fail (WS_IS_VECTORS (self), FALSE);

  if (self->fd < 0)
    return TRUE;
  if (fstat (self->fd, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_IO,
                   _("Cannot read the vectors of “%s” again: %s"), self->path, g_strerror (saved));
      return FALSE;
    }
  if (st.st_size != self->file_size || st.st_mtim.tv_sec != self->file_mtime_sec ||
      st.st_mtim.tv_nsec != self->file_mtime_nsec)
    {
      g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_TRUNCATED,
                   _("“%s” was truncated or modified after it was loaded (%" PRIu64
                     " bytes then, %" PRIu64 " now); its vectors are read from it when needed, so open it again"),
                   self->path, (guint64) self->file_size, (guint64) st.st_size);
      return FALSE;
    }
  return TRUE;
}

/* pread () of exactly @len bytes at @offset. */
static gboolean
pread_all (WsVectors  *self,
           void       *buf,
           gsize       len,
           guint64     offset,
           GError    **error)
{
  char *p = buf;

  while (len > 0)
    {
      gssize n = pread (self->fd, p, MIN (len, (gsize) 1 << 30), (off_t) offset);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_IO,
                       _("Cannot read the vectors of “%s” again: %s"), self->path, g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        {
          g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_TRUNCATED,
                       _("“%s” now ends at byte %" PRIu64
                         ", before vectors it had when loaded; its vectors are read from it when needed, so open it again"),
                       self->path, offset);
          return FALSE;
        }
      p += n;
      len -= n;
      offset += n;
    }
  return TRUE;
}

/* Reads raw rows from the file; zeros and FALSE when it cannot. */
static gboolean
read_file_rows (WsVectors  *self,
                gsize       first,
                gsize       n,
                float      *out,
                GError    **error)
{
  gsize dim = self->dim;
  gsize row_bytes = dim * sizeof (float);
  g_autofree char *span = NULL;
  gsize span_size = 0;

  if (!ws_vectors_check_file (self, error))
    goto fail;
  for (gsize i = 0; i < n;)
    {
      guint64 start = self->row_pos[first + i];
      gsize j = i + 1;

      /* Rows lie in the file in order, each after its word: read the run
       * of rows that fits in READ_SPAN at once. */
      while (j < n && self->row_pos[first + j] + row_bytes - start <= READ_SPAN)
        j++;
      if (j == i + 1)
        {
          if (!pread_all (self, out + i * dim, row_bytes, start, error))
            goto fail;
        }
      else
        {
          gsize len = self->row_pos[first + j - 1] + row_bytes - start;

          if (len > span_size)
            {
              g_free (span);
              span = g_malloc (len);
              span_size = len;
            }
          if (!pread_all (self, span, len, start, error))
            goto fail;
          for (gsize k = i; k < j; k++)
            memcpy (out + k * dim, span + (self->row_pos[first + k] - start), row_bytes);
        }
      i = j;
    }
  ws_floats_from_le (out, n * dim);
  return TRUE;

fail:
  memset (out, 0, n * row_bytes);
  return FALSE;
}

/* read_file_rows () for callers that cannot fail: warns once, with the
 * path, and gives zeros. */
static void
read_file_rows_or_warn (WsVectors *self,
                        gsize      first,
                        gsize      n,
                        float     *out)
{
  g_autoptr(GError) error = NULL;

  if (!read_file_rows (self, first, n, out, &error) &&
      g_atomic_int_compare_and_exchange (&self->read_warned, 0, 1))
    g_warning ("%s", error->message);
}

gboolean
ws_vectors_copy_rows (WsVectors  *self,
                      gsize       first_row,
                      gsize       n_rows,
                      float      *out,
                      GError    **error)
{
  g_return_val_if_fail (WS_IS_VECTORS (self), FALSE);
  g_return_val_if_fail (first_row <= self->n_words && n_rows <= self->n_words - first_row, FALSE);
  g_return_val_if_fail (out != NULL || n_rows == 0, FALSE);

  if (n_rows == 0)
    return TRUE;
  if (self->matrix != NULL)
    {
      memcpy (out, self->matrix + first_row * self->dim, n_rows * self->dim * sizeof (float));
      return TRUE;
    }
  return read_file_rows (self, first_row, n_rows, out, error);
}

gboolean
ws_vectors_foreach_row_block (WsVectors       *self,
                              WsRowBlockFunc   func,
                              gpointer         user_data,
                              GError         **error)
{
  gsize block;
  g_autofree float *buffer = NULL;

  g_return_val_if_fail (WS_IS_VECTORS (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  block = MAX ((gsize) 1, ((gsize) 4 << 20) / (self->dim * sizeof (float)));
  if (self->matrix == NULL)
    buffer = g_new (float, MIN (block, MAX (self->n_words, 1)) * self->dim);
  for (gsize first = 0; first < self->n_words; first += block)
    {
      gsize n = MIN (block, self->n_words - first);
      const float *rows = buffer;

      if (self->matrix != NULL)
        rows = self->matrix + first * self->dim;
      else if (!read_file_rows (self, first, n, buffer, error))
        return FALSE;
      if (!func (rows, first, n, user_data, error))
        return FALSE;
    }
  return TRUE;
}

const float *
ws_vectors_rows (WsVectors *self,
                 gsize      first_row,
                 gsize      n_rows,
                 float     *buffer)
{
  g_return_val_if_fail (WS_IS_VECTORS (self), NULL);
  g_return_val_if_fail (first_row <= self->n_words && n_rows <= self->n_words - first_row, NULL);

  if (self->matrix != NULL)
    return self->matrix + first_row * self->dim;
  if (n_rows > 0)
    read_file_rows_or_warn (self, first_row, n_rows, buffer);
  return buffer;
}

gboolean
ws_vectors_has_matrix (WsVectors *self)
{
  g_return_val_if_fail (WS_IS_VECTORS (self), FALSE);
  return self->matrix != NULL;
}

const float *
ws_vectors_get_row (WsVectors *self,
                    gsize      row)
{
  float *raw;

  g_return_val_if_fail (WS_IS_VECTORS (self), NULL);
  g_return_val_if_fail (row < self->n_words, NULL);

  if (self->matrix != NULL)
    return self->matrix + row * self->dim;

  /* Rows in the file: read once, kept as long as the model. */
  g_mutex_lock (&self->unit_rows_lock);
  if (self->raw_rows == NULL)
    self->raw_rows = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  raw = g_hash_table_lookup (self->raw_rows, GSIZE_TO_POINTER (row));
  if (raw == NULL)
    {
      raw = g_new (float, self->dim);
      read_file_rows_or_warn (self, row, 1, raw);
      g_hash_table_insert (self->raw_rows, GSIZE_TO_POINTER (row), raw);
    }
  g_mutex_unlock (&self->unit_rows_lock);
  return raw;
}

const float *
ws_vectors_get_unit_row (WsVectors *self,
                         gsize      row)
{
  float *unit;

  g_return_val_if_fail (WS_IS_VECTORS (self), NULL);
  g_return_val_if_fail (row < self->n_words, NULL);

  if (self->unit != NULL)
    return self->unit + row * self->dim;

  /* Lean: made once, kept as long as the model (few rows are asked for
   * this way; scans use ws_vectors_copy_unit_rows ()). */
  g_mutex_lock (&self->unit_rows_lock);
  if (self->unit_rows == NULL)
    self->unit_rows = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  unit = g_hash_table_lookup (self->unit_rows, GSIZE_TO_POINTER (row));
  if (unit == NULL)
    {
      unit = g_new (float, self->dim);
      ws_vectors_copy_unit_rows (self, row, 1, unit);
      g_hash_table_insert (self->unit_rows, GSIZE_TO_POINTER (row), unit);
    }
  g_mutex_unlock (&self->unit_rows_lock);
  return unit;
}

void
ws_vectors_copy_unit_rows (WsVectors *self,
                           gsize      first_row,
                           gsize      n_rows,
                           float     *out)
{
  gsize dim;

  g_return_if_fail (WS_IS_VECTORS (self));
  g_return_if_fail (first_row <= self->n_words && n_rows <= self->n_words - first_row);
  g_return_if_fail (out != NULL || n_rows == 0);

  dim = self->dim;
  if (n_rows == 0)
    return;
  if (self->unit != NULL)
    {
      memcpy (out, self->unit + first_row * dim, n_rows * dim * sizeof (float));
      return;
    }
  if (self->matrix == NULL)
    {
      /* The raw rows from the file, divided in place. */
      read_file_rows_or_warn (self, first_row, n_rows, out);
      for (gsize i = 0; i < n_rows; i++)
        unit_row_of (out + i * dim, self->norms[first_row + i], dim, out + i * dim);
      return;
    }
  for (gsize i = 0; i < n_rows; i++)
    unit_row_of (self->matrix + (first_row + i) * dim, self->norms[first_row + i], dim,
                 out + i * dim);
}

const float *
ws_vectors_unit_rows (WsVectors *self,
                      gsize      first_row,
                      gsize      n_rows,
                      float     *buffer)
{
  g_return_val_if_fail (WS_IS_VECTORS (self), NULL);
  g_return_val_if_fail (first_row <= self->n_words && n_rows <= self->n_words - first_row, NULL);

  if (self->unit != NULL)
    return self->unit + first_row * self->dim;
  ws_vectors_copy_unit_rows (self, first_row, n_rows, buffer);
  return buffer;
}

gboolean
ws_vectors_has_unit_matrix (WsVectors *self)
{
  g_return_val_if_fail (WS_IS_VECTORS (self), FALSE);
  return self->unit != NULL;
}

float
ws_vectors_get_norm (WsVectors *self,
                     gsize      row)
{
  g_return_val_if_fail (WS_IS_VECTORS (self), 0.0f);
  g_return_val_if_fail (row < self->n_words, 0.0f);
  return self->norms[row];
}

const float *
ws_vectors_get_matrix (WsVectors *self)
{
  g_return_val_if_fail (WS_IS_VECTORS (self), NULL);
  return self->matrix;
}

const float *
ws_vectors_get_unit_matrix (WsVectors *self)
{
  g_return_val_if_fail (WS_IS_VECTORS (self), NULL);
  return self->unit;
}

const float *
ws_vectors_get_norms (WsVectors *self)
{
  g_return_val_if_fail (WS_IS_VECTORS (self), NULL);
  return self->norms;
}

/* --- Storage seen from outside: the model cache (ws-vectors-cache.c) --- */

void
ws_vectors_get_storage (WsVectors        *self,
                        WsVectorsStorage *storage)
{
  g_return_if_fail (WS_IS_VECTORS (self));
  g_return_if_fail (storage != NULL);

  memset (storage, 0, sizeof *storage);
  storage->dim = self->dim;
  storage->n_words = self->n_words;
  storage->n_duplicates = self->n_duplicates;
  storage->pool = self->pool;
  storage->pool_len = self->pool_len;
  storage->offsets = self->offsets;
  storage->slots = self->slots;
  storage->n_slots = self->n_slots;
  storage->norms = self->norms;
  storage->matrix = self->matrix;
  storage->unit = self->unit;
  storage->qcodes = self->qcodes;
  storage->qscales = self->qscales;
  storage->qerrors = self->qerrors;
  storage->qstride = self->qstride;
}

WsVectors *
ws_vectors_new_borrowed (const WsVectorsStorage *storage,
                         gpointer                owner,
                         GDestroyNotify          owner_free)
{
  WsVectors *self;

  g_return_val_if_fail (storage != NULL, NULL);
  g_return_val_if_fail (storage->dim > 0, NULL);
  g_return_val_if_fail (owner_free != NULL, NULL);

  self = g_object_new (WS_TYPE_VECTORS, NULL);
  self->dim = storage->dim;
  self->n_words = storage->n_words;
  self->capacity = storage->n_words;
  self->n_duplicates = storage->n_duplicates;
  /* The arrays are read-only here: nothing writes through these pointers. */
  self->pool = (char *) storage->pool;
  self->pool_len = storage->pool_len;
  self->pool_capacity = storage->pool_len;
  self->offsets = (guint64 *) storage->offsets;
  self->slots = (guint32 *) storage->slots;
  self->n_slots = storage->n_slots;
  self->norms = (float *) storage->norms;
  self->matrix = (float *) storage->matrix;
  self->unit = (float *) storage->unit;
  self->lean = self->unit == NULL;
  /* No codes (a cache written without them): the similarity scan then
   * scores every row in float32. */
  if (storage->qcodes != NULL && storage->qscales != NULL && storage->qerrors != NULL &&
      storage->qstride >= storage->dim)
    {
      self->qcodes = (gint8 *) storage->qcodes;
      self->qscales = (float *) storage->qscales;
      self->qerrors = (float *) storage->qerrors;
      self->qstride = storage->qstride;
    }
  self->storage = owner;
  self->storage_free = owner_free;
  self->from_cache = TRUE;
  self->format = WS_VECTORS_FORMAT_AUTO;

  return self;
}

gboolean
ws_vectors_get_from_cache (WsVectors *self)
{
  g_return_val_if_fail (WS_IS_VECTORS (self), FALSE);
  return self->from_cache;
}
