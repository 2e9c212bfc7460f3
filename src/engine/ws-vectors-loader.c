/* ws-vectors-loader.c: reading word2vec, GloVe and fastText vector files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Follows gensim 4.2's load_word2vec_format so that the same file gives the
 * same words and the same float32 values:
 *  - binary records are a word, a space and dim little-endian floats; a
 *    newline after the floats (word2vec.c writes one, gensim 4 does not)
 *    ends up at the front of the next word, and gensim strips leading
 *    newlines from words after decoding them;
 *  - text lines are stripped of trailing white space and split on single
 *    spaces: the word, then the values;
 *  - a header "WORDS DIMENSIONS" is read as such; only that many rows are
 *    read, and `limit` reads only the first rows (duplicates count as rows);
 *  - a word seen before keeps its first vector and the row is skipped
 *    (counted by ws_vectors_get_n_duplicates ()).
 * Unlike gensim, NaN and infinite values are refused.
 */
#define G_LOG_DOMAIN "ws-vectors-loader"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ws-float-parse.h"
#include "ws-reader.h"
#include "ws-text.h"
#include "ws-vectors-cache.h"
#include "ws-vectors-private.h"

/* Dimensions beyond this are surely a damaged header. */
#define MAX_DIM ((gsize) 1 << 20)
/* A word in a binary file longer than this is surely not a word. */
#define MAX_BINARY_WORD ((gsize) 1 << 20)
/* A longer text line is surely not a row of numbers. */
#define MAX_LINE ((gsize) 256 << 20)
/* Binary rows are filled in batches of about this many bytes, and read in
 * blocks of BATCHES_PER_BLOCK batches. Small blocks, so that the fillers
 * find a block's bytes still in the cache the reading thread put them in,
 * and the two buffers are 8 MiB of fresh memory, not 68: 3 M × 300 loads
 * in 2.5–2.7 s with fresh memory where 32 MiB blocks took 2.8–3.0 s. */
#define BINARY_BATCH_BYTES ((gsize) 1 << 20)
#define BATCHES_PER_BLOCK 4
/* Text is parsed in blocks of whole lines, split among threads. */
#define TEXT_BLOCK ((gsize) 8 << 20)
#define MAX_THREADS 8
/* Progress is reported at most this many times (plus start and end). */
#define N_PROGRESS_STEPS 200
/* Rows between checks of the cancellable. */
#define CHECK_EVERY 1024

typedef struct
{
  const char          *path;
  WsReader            *reader;
  WsLoadOptions        options;
  WsProgressFunc       progress;
  gpointer             progress_data;
  GCancellable        *cancellable;

  guint64              bytes_total;
  guint64              next_report;
  guint64              report_step;

  WsVectorsFormat      format;
  gboolean             has_header;
  gsize                dim;
  gsize                wanted;        /* rows to read; G_MAXSIZE when unknown */
  gsize                words_total;   /* for progress: 0 when unknown */
  gsize                rows_done;     /* rows read, duplicates included */
  gsize                block_bytes;   /* binary: bytes and rows of the block */
  gsize                block_rows;    /* being read, not yet counted above */
  gboolean             rows_proven;   /* the file size vouches for wanted */
  guint64              line_no;       /* text: number of the next line */

  WsVectors           *vectors;
  gboolean             reserved;      /* room made for all wanted rows */
  gboolean             file_rows;     /* the rows stay in the file */
  GString             *scratch;
} Loader;

/* ---------- words ---------- */

/* Length of the UTF-8 character at @p, or 0 when the bytes there are not
 * valid UTF-8; then *@bad is the length of the maximal invalid subpart that
 * Python's decoder replaces by one U+FFFD. NUL counts as invalid, since words
 * are stored NUL-terminated. */
static gsize
utf8_char_len (const guchar *p,
               gsize         n,
               gsize        *bad)
{
  guchar c = p[0];
  guchar lo = 0x80, hi = 0xbf;
  gsize need;

  if (c != 0 && c < 0x80)
    return 1;
  if (c >= 0xc2 && c <= 0xdf)
    need = 1;
  else if (c >= 0xe0 && c <= 0xef)
    {
      need = 2;
      if (c == 0xe0)
        lo = 0xa0;
      else if (c == 0xed)
        hi = 0x9f;
    }
  else if (c >= 0xf0 && c <= 0xf4)
    {
      need = 3;
      if (c == 0xf0)
        lo = 0x90;
      else if (c == 0xf4)
        hi = 0x8f;
    }
  else
    {
      *bad = 1;
      return 0;
    }

  for (gsize i = 1; i <= need; i++)
    {
      guchar b;

      if (i >= n)
        {
          *bad = i;
          return 0;
        }
      b = p[i];
      if (i == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xbf))
        {
          *bad = i;
          return 0;
        }
    }
  return need + 1;
}

/* Applies the UTF-8 policy to the @len bytes at @p. On success *@word points
 * either at @p or into @scratch. With the strict policy, invalid bytes make it
 * return FALSE with *@bad_at set to their index. */
static gboolean
clean_word (const char    *p,
            gsize          len,
            WsUtf8Policy   policy,
            GString       *scratch,
            const char   **word,
            gsize         *word_len,
            gsize         *bad_at)
{
  const char *invalid = NULL;
  gsize i = 0;

  if (g_utf8_validate_len (p, len, &invalid))
    {
      *word = p;
      *word_len = len;
      return TRUE;
    }
  if (policy == WS_UTF8_STRICT)
    {
      *bad_at = invalid - p;
      return FALSE;
    }

  g_string_truncate (scratch, 0);
  while (i < len)
    {
      gsize bad = 0;
      gsize n = utf8_char_len ((const guchar *) p + i, len - i, &bad);

      if (n > 0)
        {
          g_string_append_len (scratch, p + i, n);
          i += n;
        }
      else
        {
          if (policy == WS_UTF8_REPLACE)
            g_string_append (scratch, "\xef\xbf\xbd");
          i += bad;
        }
    }
  *word = scratch->str;
  *word_len = scratch->len;
  return TRUE;
}

/* How many characters of a word or a line a message quotes. */
#define QUOTED_CHARS 50

/* ---------- text lines ---------- */

static inline gboolean
is_py_space (char c)
{
  /* bytes.rstrip () strips these. */
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static const char *
rstrip (const char *p,
        const char *e)
{
  while (e > p && is_py_space (e[-1]))
    e--;
  return e;
}

/* Counts the values after the word on a stripped text line if all of them
 * are numbers; returns FALSE otherwise. */
static gboolean
line_is_row (const char *p,
             const char *e,
             gsize      *n_values)
{
  const char *sp = memchr (p, ' ', e - p);
  gsize n = 0;

  if (sp == NULL)
    return FALSE;
  for (const char *q = sp + 1; q <= e; )
    {
      const char *t = memchr (q, ' ', e - q);
      float v;

      if (t == NULL)
        t = e;
      if (!ws_parse_float (q, t, &v))
        return FALSE;
      n++;
      q = t + 1;
    }
  *n_values = n;
  return n > 0;
}

static gboolean
parse_count (const char *p,
             const char *e,
             guint64    *value)
{
  guint64 v = 0;

  if (p < e && *p == '+')
    p++;
  if (p == e)
    return FALSE;
  for (; p < e; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      if (v > (G_MAXUINT64 - 9) / 10)
        v = G_MAXUINT64;   /* saturate: "too many" is all that matters */
      else
        v = v * 10 + (*p - '0');
    }
  *value = v;
  return TRUE;
}

/* "WORDS DIMENSIONS", split on white space as Python's str.split () does. */
static gboolean
parse_header (const char *p,
              const char *e,
              guint64    *n_words,
              guint64    *dim)
{
  const char *tok[3];
  const char *tok_end[3];
  int n = 0;

  while (p < e)
    {
      while (p < e && g_ascii_isspace (*p))
        p++;
      if (p == e)
        break;
      if (n == 3)
        return FALSE;
      tok[n] = p;
      while (p < e && !g_ascii_isspace (*p))
        p++;
      tok_end[n++] = p;
    }
  return n == 2 &&
         parse_count (tok[0], tok_end[0], n_words) &&
         parse_count (tok[1], tok_end[1], dim);
}

/* ---------- progress and cancellation ---------- */

static guint64
bytes_done (Loader *self)
{
  if (ws_reader_is_compressed (self->reader))
    return ws_reader_get_file_offset (self->reader);
  return ws_reader_get_offset (self->reader) + self->block_bytes;
}

/* Reports progress when enough has happened since the last report (or when
 * @force), then checks for cancellation. */
static gboolean
step (Loader   *self,
      gboolean  force,
      GError  **error)
{
  if (self->progress != NULL)
    {
      guint64 done = bytes_done (self);

      if (force || done >= self->next_report)
        {
          guint64 total = self->bytes_total;

          if (total > 0 && done > total)
            done = total;
          self->progress (done, total, self->rows_done + self->block_rows, self->words_total,
                          self->progress_data);
          self->next_report = done + self->report_step;
        }
    }
  return !g_cancellable_set_error_if_cancelled (self->cancellable, error);
}

/* ---------- binary ---------- */

/* Reads one record, with every check and message. */
static gboolean
load_binary_record (Loader  *self,
                    GError **error)
{
  gsize dim = self->dim;
  gsize vec_bytes = dim * sizeof (float);
  const WsUtf8Policy policy = self->options.utf8_policy;

    {
      const char *data;
      const char *sp;
      gssize avail;
      gsize word_bytes;
      const char *word;
      gsize word_len;
      gsize bad_at = 0;
      float *row;
      guint64 offset;
      g_autoptr(GError) local_error = NULL;

      avail = ws_reader_fill (self->reader, vec_bytes + 256, error);
      if (avail < 0)
        return FALSE;
      data = ws_reader_peek (self->reader);
      offset = ws_reader_get_offset (self->reader);

      /* The word runs to the first space. */
      while ((sp = memchr (data, ' ', avail)) == NULL)
        {
          gssize more;

          if (ws_reader_at_end (self->reader))
            {
              g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_TRUNCATED,
                           _("the file ends at byte %" PRIu64 " after %zu of the %zu vectors the header promises; expected a word and its vector"),
                           offset + avail, self->rows_done, self->wanted);
              return FALSE;
            }
          if ((gsize) avail >= MAX_BINARY_WORD)
            {
              g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_FORMAT,
                           _("no space within %zu bytes from byte %" PRIu64
                             " (vector %zu); expected a word followed by a space"),
                           MAX_BINARY_WORD, offset, self->rows_done + 1);
              return FALSE;
            }
          more = ws_reader_fill (self->reader, avail * 2, error);
          if (more < 0)
            return FALSE;
          avail = more;
          data = ws_reader_peek (self->reader);
        }
      word_bytes = sp - data;

      if ((gsize) avail < word_bytes + 1 + vec_bytes)
        {
          avail = ws_reader_fill (self->reader, word_bytes + 1 + vec_bytes, error);
          if (avail < 0)
            return FALSE;
          data = ws_reader_peek (self->reader);
          if ((gsize) avail < word_bytes + 1 + vec_bytes)
            {
              g_autofree char *shown = ws_text_escape (data, word_bytes, QUOTED_CHARS);
              g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_TRUNCATED,
                           _("the file ends at byte %" PRIu64 " inside the vector of “%s” (vector %zu of %zu); expected %zu more bytes"),
                           offset + avail, shown, self->rows_done + 1, self->wanted,
                           word_bytes + 1 + vec_bytes - avail);
              return FALSE;
            }
        }

      if (!clean_word (data, word_bytes, policy, self->scratch, &word, &word_len, &bad_at))
        {
          g_autofree char *shown = ws_text_escape (data, word_bytes, QUOTED_CHARS);
          g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_ENCODING,
                       _("the word “%s” at byte %" PRIu64 " (vector %zu) is not valid UTF-8 at byte %" PRIu64
                         "; expected UTF-8 text (the replace or ignore policy loads it anyway)"),
                       shown, offset, self->rows_done + 1, offset + bad_at);
          return FALSE;
        }
      /* word2vec.c's newline after each vector, as gensim strips it. */
      while (word_len > 0 && word[0] == '\n')
        {
          word++;
          word_len--;
        }

      if (self->file_rows)
        {
          gsize new_row;
          gsize bad_column = 0;

          if (ws_vectors_add_word (self->vectors, word, word_len, &new_row, &local_error) &&
              !ws_vectors_set_file_row (self->vectors, new_row, sp + 1,
                                        offset + word_bytes + 1, &bad_column))
            {
              g_autofree char *shown = ws_text_escape (word, word_len, QUOTED_CHARS);
              float v;

              memcpy (&v, sp + 1 + bad_column * sizeof (float), sizeof v);
              g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_BAD_VALUE,
                           isnan (v) ?
                           _("value %zu of “%s” (vector %zu, byte %" PRIu64 ") is NaN; expected a finite number") :
                           _("value %zu of “%s” (vector %zu, byte %" PRIu64 ") is infinite; expected a finite number"),
                           bad_column + 1, shown, self->rows_done + 1,
                           offset + word_bytes + 1 + bad_column * sizeof (float));
              return FALSE;
            }
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          ws_reader_consume (self->reader, word_bytes + 1 + vec_bytes);
          return TRUE;
        }

      if ((row = ws_vectors_next_row (self->vectors, error)) == NULL)
        return FALSE;
      memcpy (row, sp + 1, vec_bytes);
      ws_floats_from_le (row, dim);
      if (G_UNLIKELY (ws_floats_first_not_finite (row, dim) < dim))
        {
          gsize bad_column = ws_floats_first_not_finite (row, dim);
          g_autofree char *shown = ws_text_escape (word, word_len, QUOTED_CHARS);
          g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_BAD_VALUE,
                       isnan (row[bad_column]) ?
                       _("value %zu of “%s” (vector %zu, byte %" PRIu64 ") is NaN; expected a finite number") :
                       _("value %zu of “%s” (vector %zu, byte %" PRIu64 ") is infinite; expected a finite number"),
                       bad_column + 1, shown, self->rows_done + 1,
                       offset + word_bytes + 1 + bad_column * sizeof (float));
          return FALSE;
        }

      if (!ws_vectors_commit_row (self->vectors, word, word_len, &local_error) &&
          local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      ws_reader_consume (self->reader, word_bytes + 1 + vec_bytes);
    }

  return TRUE;
}


/* Records of one batch: the loading thread finds them and adds their words
 * in file order; a filler thread then copies and normalises their rows. */
typedef struct
{
  const char  **values;      /* where each record's floats start in memory */
  gssize       *rows;        /* the row it goes to, or -1 for a duplicate */
  guint64      *positions;   /* where each record's floats start in the file */
  gsize         n;
  guint         group;       /* RowFillers.pending it counts in */
  gssize        bad;         /* first record with a value that is not finite */
  gsize         bad_column;
} RowBatch;

/* The filler threads, which fill the rows of one batch while the loading
 * thread finds the records of the next. */
typedef struct
{
  WsVectors    *vectors;
  gsize         dim;
  gboolean      file_rows;
  GAsyncQueue  *todo;        /* RowBatch *, or the fillers themselves: stop */
  GMutex        lock;
  GCond         done_cond;
  guint         pending[2];  /* batches of each group pushed, not yet filled */
  guint         n_threads;
  GThread      *threads[MAX_THREADS];
} RowFillers;

static void
row_batch_fill (RowFillers *fillers,
                   RowBatch   *batch)
{
  batch->bad = -1;
  for (gsize i = 0; i < batch->n; i++)
    {
      gsize bad_column;

      if (batch->rows[i] < 0)
        continue;
      if (fillers->file_rows)
        {
          if (ws_vectors_set_file_row (fillers->vectors, batch->rows[i], batch->values[i],
                                       batch->positions[i], &bad_column))
            continue;
        }
      else
        {
          ws_vectors_set_row (fillers->vectors, batch->rows[i], batch->values[i]);
          bad_column = ws_floats_first_not_finite (ws_vectors_peek_row (fillers->vectors,
                                                                        batch->rows[i]),
                                                   fillers->dim);
          if (G_LIKELY (bad_column >= fillers->dim))
            continue;
        }
      batch->bad = i;
      batch->bad_column = bad_column;
      break;
    }

  g_mutex_lock (&fillers->lock);
  if (--fillers->pending[batch->group] == 0)
    g_cond_broadcast (&fillers->done_cond);
  g_mutex_unlock (&fillers->lock);
}

static gpointer
row_filler_thread (gpointer data)
{
  RowFillers *fillers = data;
  gpointer item;

  while ((item = g_async_queue_pop (fillers->todo)) != fillers)
    row_batch_fill (fillers, item);
  return NULL;
}

static void
row_fillers_start (RowFillers *fillers,
                      Loader        *self)
{
  fillers->vectors = self->vectors;
  fillers->dim = self->dim;
  fillers->file_rows = self->file_rows;
  fillers->todo = g_async_queue_new ();
  g_mutex_init (&fillers->lock);
  g_cond_init (&fillers->done_cond);
  fillers->pending[0] = fillers->pending[1] = 0;
  fillers->n_threads = CLAMP (g_get_num_processors (), 1, MAX_THREADS);
  for (guint t = 0; t < fillers->n_threads; t++)
    fillers->threads[t] = g_thread_new ("ws-fill-rows", row_filler_thread, fillers);
}

static void
row_fillers_push (RowFillers *fillers,
                     RowBatch   *batch)
{
  g_mutex_lock (&fillers->lock);
  fillers->pending[batch->group]++;
  g_mutex_unlock (&fillers->lock);
  g_async_queue_push (fillers->todo, batch);
}

/* Fills what is left in the queue on this thread too, then waits for the
 * batches of @group (or of both groups, when @group is 2) the fillers hold. */
static void
row_fillers_finish (RowFillers *fillers,
                    guint       group)
{
  gpointer item;

  while ((item = g_async_queue_try_pop (fillers->todo)) != NULL)
    row_batch_fill (fillers, item);
  g_mutex_lock (&fillers->lock);
  while ((group != 1 && fillers->pending[0] > 0) || (group != 0 && fillers->pending[1] > 0))
    g_cond_wait (&fillers->done_cond, &fillers->lock);
  g_mutex_unlock (&fillers->lock);
}

static void
row_fillers_stop (RowFillers *fillers)
{
  row_fillers_finish (fillers, 2);
  for (guint t = 0; t < fillers->n_threads; t++)
    g_async_queue_push (fillers->todo, fillers);
  for (guint t = 0; t < fillers->n_threads; t++)
    g_thread_join (fillers->threads[t]);
  g_async_queue_unref (fillers->todo);
  g_mutex_clear (&fillers->lock);
  g_cond_clear (&fillers->done_cond);
}

static void
row_batch_init (RowBatch *batch,
                   gsize        rows)
{
  batch->values = g_new (const char *, rows);
  batch->rows = g_new (gssize, rows);
  batch->positions = g_new (guint64, rows);
  batch->n = 0;
}

static void
row_batch_clear (RowBatch *batch)
{
  g_free (batch->values);
  g_free (batch->rows);
  g_free (batch->positions);
}

/* The error for value @column of record @i of @batch, which is not finite. */
static void
set_bad_value_error (Loader      *self,
                     RowBatch *batch,
                     gsize        i,
                     gsize        column,
                     gsize        vector,
                     GError     **error)
{
  const char *w = ws_vectors_get_word (self->vectors, batch->rows[i]);
  g_autofree char *shown = ws_text_escape (w, strlen (w), QUOTED_CHARS);
  float v;

  /* The value as the file has it (little-endian). */
  memcpy (&v, batch->values[i] + column * sizeof (float), sizeof v);
  ws_floats_from_le (&v, 1);
  g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_BAD_VALUE,
               isnan (v) ?
               _("value %zu of “%s” (vector %zu, byte %" PRIu64 ") is NaN; expected a finite number") :
               _("value %zu of “%s” (vector %zu, byte %" PRIu64 ") is infinite; expected a finite number"),
               column + 1, shown, vector, batch->positions[i] + column * sizeof (float));
}

/* For tests: WS_LOADER_BATCH_BYTES=1000 makes batches and blocks small, so
 * that small files cross many blocks. */
static gsize
binary_batch_bytes (void)
{
  const char *env = g_getenv ("WS_LOADER_BATCH_BYTES");
  guint64 value;

  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 1, G_MAXUINT32, &value, NULL))
    return (gsize) value;
  return BINARY_BATCH_BYTES;
}

/* The error for the first record of @batches[0 .. @n) whose values are not
 * all finite, the first of them numbered @first_vector; FALSE then. */
static gboolean
check_batches (Loader    *self,
               RowBatch  *batches,
               gsize      n,
               gsize      first_vector,
               GError   **error)
{
  gsize before = 0;

  for (gsize b = 0; b < n; before += batches[b].n, b++)
    {
      if (batches[b].bad >= 0)
        {
          set_bad_value_error (self, &batches[b], batches[b].bad, batches[b].bad_column,
                               first_vector + before + batches[b].bad, error);
          return FALSE;
        }
    }
  return TRUE;
}

/* Reads the records a block at a time: this thread finds the words and adds
 * them in file order, batch after batch, while the filler threads copy and
 * normalise the rows of the batches already found, in this block and the one
 * before it (whose bytes the reader keeps through one more fill). Any record
 * out of the ordinary (a long word, invalid UTF-8, the end of the data) goes
 * to load_binary_record (), which knows what to say. */
static gboolean
load_binary (Loader  *self,
             GError **error)
{
  gsize dim = self->dim;
  gsize vec_bytes = dim * sizeof (float);
  gsize batch_rows = CLAMP (binary_batch_bytes () / vec_bytes, 16, 4096);
  gsize block_bytes = BATCHES_PER_BLOCK * batch_rows * (vec_bytes + 16);
  /* Room for a block of short words; a block of shorter ones still is
   * read in full, only over two fills. */
  gsize n_batches = 2 * BATCHES_PER_BLOCK;
  g_autofree RowBatch *batches = g_new0 (RowBatch, 2 * n_batches);
  RowFillers fillers = { 0 };
  guint group = 0;
  gsize in_flight = 0;        /* batches of the block before, still filling */
  gsize in_flight_first = 0;  /* the number of its first vector */
  gboolean ok = TRUE;

  for (gsize b = 0; b < 2 * n_batches; b++)
    {
      row_batch_init (&batches[b], batch_rows);
      batches[b].group = b / n_batches;
    }
  row_fillers_start (&fillers, self);

  while (ok && self->rows_done < self->wanted)
    {
      RowBatch *block = &batches[group * n_batches];
      const char *data;
      gssize avail;
      gsize pos = 0;
      gsize n = 0;           /* records found in this block */
      gsize used = 0;        /* batches used in this block */
      gsize next_pos = G_MAXSIZE;  /* where next_sp was found, ahead */
      const char *next_sp = NULL;
      gboolean irregular = FALSE;
      guint64 base;

      if (!step (self, FALSE, error))
        {
          ok = FALSE;
          break;
        }

      avail = ws_reader_fill (self->reader, block_bytes, error);
      if (avail < 0)
        {
          ok = FALSE;
          break;
        }
      data = ws_reader_peek (self->reader);
      base = ws_reader_get_offset (self->reader);

      /* Room for every row the block can hold, made while no filler runs:
       * the words are then added while rows are filled, and nothing moves. */
      {
        gsize most = MIN (self->wanted - self->rows_done, (gsize) avail / (vec_bytes + 1) + 1);
        gsize rows = ws_vectors_get_n_words (self->vectors) + most;

        if (rows > ws_vectors_get_capacity (self->vectors))
          {
            row_fillers_finish (&fillers, 2);
            if (!ws_vectors_make_room (self->vectors, rows, error))
              {
                ok = FALSE;
                break;
              }
          }
      }

      while (!irregular && used < n_batches && self->rows_done + n < self->wanted)
        {
          RowBatch *batch = &block[used];
          gsize want = MIN (batch_rows, self->wanted - self->rows_done - n);

          batch->n = 0;
          while (batch->n < want)
            {
              const char *sp = pos == next_pos ? next_sp :
                               memchr (data + pos, ' ', MIN ((gsize) avail - pos, (gsize) 4096));
              const char *word;
              gsize word_len;
              gsize word_bytes;
              gsize bad_at;
              gsize row;
              g_autoptr(GError) local_error = NULL;

              if (sp == NULL || (gsize) avail - (sp + 1 - data) < vec_bytes)
                {
                  irregular = TRUE;
                  break;
                }
              word_bytes = sp - (data + pos);
              if (!clean_word (data + pos, word_bytes, self->options.utf8_policy, self->scratch,
                               &word, &word_len, &bad_at))
                {
                  irregular = TRUE;
                  break;
                }
              while (word_len > 0 && word[0] == '\n')
                {
                  word++;
                  word_len--;
                }
              /* The next record's word is found now and its part of the
               * index fetched while this one is added, and the record
               * after it is fetched too: the index and the words are
               * where adding waits for memory. */
              next_pos = sp + 1 + vec_bytes - data;
              next_sp = NULL;
              if (next_pos < (gsize) avail)
                {
                  const char *next = data + next_pos;

                  next_sp = memchr (next, ' ', MIN ((gsize) avail - next_pos, (gsize) 4096));
                  if (next_sp != NULL)
                    {
                      const char *w = next;

                      while (w < next_sp && *w == '\n')
                        w++;
                      ws_vectors_prefetch_word (self->vectors, w, next_sp - w);
                      __builtin_prefetch (next_sp + 1 + vec_bytes);
                    }
                }
              if (next_sp == NULL)
                next_pos = G_MAXSIZE;
              if (ws_vectors_add_word (self->vectors, word, word_len, &row, &local_error))
                batch->rows[batch->n] = row;
              else if (local_error != NULL)
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  ok = FALSE;
                  irregular = TRUE;
                  break;
                }
              else
                batch->rows[batch->n] = -1;
              batch->values[batch->n] = sp + 1;
              batch->positions[batch->n] = base + (sp + 1 - data);
              pos = sp + 1 + vec_bytes - data;
              batch->n++;
            }
          if (batch->n == 0)
            break;
          n += batch->n;
          used++;
          row_fillers_push (&fillers, batch);

          self->block_bytes = pos;
          self->block_rows = n;
          if (ok && !step (self, FALSE, error))
            ok = FALSE;
          if (!ok)
            break;
        }
      self->block_bytes = 0;
      self->block_rows = 0;

      /* The block before must be in before the next fill reuses its bytes;
       * its errors come first, being earlier in the file. */
      if (in_flight > 0)
        {
          row_fillers_finish (&fillers, 1 - group);
          ok = ok && check_batches (self, &batches[(1 - group) * n_batches], in_flight,
                                    in_flight_first, error);
          in_flight = 0;
        }
      if (!ok)
        break;

      if (n == 0)
        {
          /* Reads with fills of its own. */
          row_fillers_finish (&fillers, 2);
          ok = load_binary_record (self, error);
          if (ok)
            self->rows_done++;
          continue;
        }
      in_flight = used;
      in_flight_first = self->rows_done + 1;
      ws_reader_consume (self->reader, pos);
      self->rows_done += n;
      group = 1 - group;
    }

  row_fillers_finish (&fillers, 2);
  if (ok && in_flight > 0 &&
      !check_batches (self, &batches[(1 - group) * n_batches], in_flight, in_flight_first, error))
    ok = FALSE;
  row_fillers_stop (&fillers);
  for (gsize b = 0; b < 2 * n_batches; b++)
    row_batch_clear (&batches[b]);
  return ok;
}

/* ---------- text ---------- */

/* One run of whole lines, parsed on its own (possibly in another thread). */
typedef struct
{
  /* in */
  const char   *data;
  gsize         len;
  guint64       data_offset;   /* where data starts in the uncompressed stream */
  guint64       first_line;
  gsize         max_rows;
  gsize         dim;
  WsUtf8Policy  policy;

  /* out */
  float        *values;        /* n_rows × dim */
  gsize         values_rows;   /* allocated rows */
  GString      *words;         /* the words, each followed by NUL */
  GArray       *word_ends;     /* gsize: end of each word in words */
  gsize         n_rows;
  gsize         consumed;      /* bytes of data used */
  gboolean      blank;         /* stopped at an empty line at data + consumed */
  guint64       blank_line;
  GError       *error;
} TextChunk;

static void
text_chunk_clear (TextChunk *chunk)
{
  g_free (chunk->values);
  if (chunk->words)
    g_string_free (chunk->words, TRUE);
  if (chunk->word_ends)
    g_array_unref (chunk->word_ends);
  g_clear_error (&chunk->error);
}

static void
text_chunk_reset (TextChunk *chunk)
{
  if (chunk->words == NULL)
    chunk->words = g_string_new (NULL);
  if (chunk->word_ends == NULL)
    chunk->word_ends = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_string_truncate (chunk->words, 0);
  g_array_set_size (chunk->word_ends, 0);
  chunk->n_rows = 0;
  chunk->consumed = 0;
  chunk->blank = FALSE;
  g_clear_error (&chunk->error);
}

static gboolean
text_chunk_reserve (TextChunk *chunk,
                    gsize      rows)
{
  float *values;

  if (rows <= chunk->values_rows)
    return TRUE;
  rows = MAX (rows, chunk->values_rows * 2);
  if (rows > G_MAXSIZE / sizeof (float) / chunk->dim)
    return FALSE;
  values = g_try_realloc (chunk->values, rows * chunk->dim * sizeof (float));
  if (values == NULL)
    return FALSE;
  chunk->values = values;
  chunk->values_rows = rows;
  return TRUE;
}

static void
text_chunk_parse (TextChunk *chunk)
{
  const char *p = chunk->data;
  const char *end = chunk->data + chunk->len;
  guint64 line = chunk->first_line;
  gsize dim = chunk->dim;
  g_autoptr(GString) scratch = g_string_new (NULL);

  while (p < end && chunk->n_rows < chunk->max_rows)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *le = nl != NULL ? nl : end;
      const char *e = rstrip (p, le);
      const char *sp;
      const char *word;
      gsize word_len;
      gsize bad_at = 0;
      const char *q;
      float *row;
      gsize n = 0;

      if (e == p)
        {
          chunk->blank = TRUE;
          chunk->blank_line = line;
          break;
        }

      sp = memchr (p, ' ', e - p);
      if (sp == NULL)
        sp = e;
      if (!clean_word (p, sp - p, chunk->policy, scratch, &word, &word_len, &bad_at))
        {
          g_autofree char *shown = ws_text_escape (p, sp - p, QUOTED_CHARS);
          g_set_error (&chunk->error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_ENCODING,
                       _("line %" PRIu64 ": the word “%s” is not valid UTF-8 at byte %"
                         PRIu64 "; expected UTF-8 text (the replace or ignore policy loads it anyway)"),
                       line, shown, chunk->data_offset + (p - chunk->data) + bad_at);
          break;
        }

      if (!text_chunk_reserve (chunk, chunk->n_rows + 1))
        {
          g_set_error (&chunk->error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_TOO_LARGE,
                       _("not enough memory for vectors of %zu dimensions"), dim);
          break;
        }
      row = chunk->values + chunk->n_rows * dim;

      for (q = sp + 1; q <= e; n++)
        {
          const char *t;
          float v;

          if (n < dim)
            {
              if (G_UNLIKELY (!ws_parse_float_token (q, e, &t, &v)))
                {
                  g_autofree char *w = ws_text_escape (word, word_len, QUOTED_CHARS);
                  g_autofree char *tok = ws_text_escape (q, t - q, QUOTED_CHARS);
                  if (t == q)
                    g_set_error (&chunk->error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_BAD_VALUE,
                                 _("line %" PRIu64 ": value %zu of “%s” is empty (two spaces in a row); expected a number"),
                                 line, n + 1, w);
                  else
                    g_set_error (&chunk->error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_BAD_VALUE,
                                 _("line %" PRIu64 ": value %zu of “%s”, “%s”, is not a number"),
                                 line, n + 1, w, tok);
                  goto out;
                }
              if (G_UNLIKELY (!isfinite (v)))
                {
                  g_autofree char *w = ws_text_escape (word, word_len, QUOTED_CHARS);
                  g_set_error (&chunk->error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_BAD_VALUE,
                               isnan (v) ?
                               _("line %" PRIu64 ": value %zu of “%s” is NaN; expected a finite number") :
                               _("line %" PRIu64 ": value %zu of “%s” is infinite; expected a finite number"),
                               line, n + 1, w);
                  goto out;
                }
              row[n] = v;
            }
          else if ((t = memchr (q, ' ', e - q)) == NULL)
            t = e;
          q = t + 1;
        }
      if (n != dim)
        {
          g_autofree char *w = ws_text_escape (word, word_len, QUOTED_CHARS);
          g_set_error (&chunk->error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_BAD_ROW,
                       _("line %" PRIu64 ": “%s” has %zu values; expected %zu"),
                       line, w, n, dim);
          break;
        }

      g_string_append_len (chunk->words, word, word_len);
      g_string_append_c (chunk->words, '\0');
      {
        gsize word_end = chunk->words->len - 1;
        g_array_append_val (chunk->word_ends, word_end);
      }
      chunk->n_rows++;
      line++;
      p = nl != NULL ? nl + 1 : end;
    }

out:
  chunk->consumed = p - chunk->data;
}

static gpointer
text_chunk_thread (gpointer data)
{
  text_chunk_parse (data);
  return NULL;
}

static const char *
last_newline (const char *p,
              gsize       len)
{
  while (len > 0)
    {
      if (p[--len] == '\n')
        return p + len;
    }
  return NULL;
}

static gsize
count_lines (const char *p,
             const char *end)
{
  gsize n = 0;

  while (p < end && (p = memchr (p, '\n', end - p)) != NULL)
    {
      n++;
      p++;
    }
  return n;
}

/* After an empty line: fine if only white space follows to the end of the
 * file (a trailing blank line), an error otherwise. */
static gboolean
check_rest_blank (Loader   *self,
                  guint64   blank_line,
                  GError  **error)
{
  for (;;)
    {
      gssize avail = ws_reader_fill (self->reader, TEXT_BLOCK, error);
      const char *data;

      if (avail < 0)
        return FALSE;
      if (avail == 0)
        return TRUE;
      data = ws_reader_peek (self->reader);
      for (gssize i = 0; i < avail; i++)
        {
          if (!is_py_space (data[i]))
            {
              g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_BAD_ROW,
                           _("line %" PRIu64 " is empty; expected a word followed by %zu values"),
                           blank_line, self->dim);
              return FALSE;
            }
        }
      ws_reader_consume (self->reader, avail);
    }
}

static gboolean
load_text (Loader  *self,
           GError **error)
{
  TextChunk chunks[MAX_THREADS] = { { 0 } };
  guint n_threads = CLAMP (g_get_num_processors (), 1, MAX_THREADS);
  g_autofree const char **values = NULL;
  g_autofree gssize *rows = NULL;
  gsize rows_size = 0;
  gsize n_rows;
  gboolean ok = FALSE;
  gsize want_block = TEXT_BLOCK;
  RowFillers fillers = { 0 };
  RowBatch slices[MAX_THREADS] = { { 0 } };

  for (guint i = 0; i < MAX_THREADS; i++)
    {
      chunks[i].dim = self->dim;
      chunks[i].policy = self->options.utf8_policy;
    }
  row_fillers_start (&fillers, self);

  while (self->rows_done < self->wanted)
    {
      const char *data;
      gsize len;
      gssize avail;
      guint n_chunks;
      GThread *threads[MAX_THREADS] = { NULL };
      guint64 data_offset;
      gboolean stop = FALSE;

      if (!step (self, FALSE, error))
        goto out;

      avail = ws_reader_fill (self->reader, want_block, error);
      if (avail < 0)
        goto out;
      if (avail == 0)
        break;
      data = ws_reader_peek (self->reader);
      data_offset = ws_reader_get_offset (self->reader);

      /* Whole lines only; the last line of the file may lack its newline. */
      if (ws_reader_at_end (self->reader) && (gsize) avail <= want_block)
        len = avail;
      else
        {
          const char *last = last_newline (data, MIN ((gsize) avail, want_block));

          if (last == NULL)
            {
              if (want_block >= MAX_LINE)
                {
                  g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_FORMAT,
                               _("line %" PRIu64 " is longer than %zu MiB; expected a word and %zu numbers"),
                               self->line_no, MAX_LINE >> 20, self->dim);
                  goto out;
                }
              want_block *= 2;
              continue;
            }
          len = last + 1 - data;
        }
      want_block = TEXT_BLOCK;

      /* Split at newlines, one part per thread; small blocks stay whole. */
      n_chunks = 0;
      {
        const char *p = data;
        const char *end = data + len;
        guint64 line = self->line_no;
        gsize rows_left = self->wanted - self->rows_done;
        guint parts = len >= 64 * 1024 ? n_threads : 1;

        for (guint i = 0; i < parts && p < end && rows_left > 0; i++)
          {
            const char *stop_at = end;
            gsize lines;

            if (i + 1 < parts)
              {
                const char *target = p + (end - p) / (parts - i);
                const char *nl = memchr (target, '\n', end - target);
                stop_at = nl != NULL ? nl + 1 : end;
              }
            text_chunk_reset (&chunks[i]);
            chunks[i].data = p;
            chunks[i].len = stop_at - p;
            chunks[i].data_offset = data_offset + (p - data);
            chunks[i].first_line = line;
            chunks[i].max_rows = rows_left;
            n_chunks++;
            if (stop_at == end)
              break;
            lines = count_lines (p, stop_at);
            line += lines;
            rows_left = rows_left > lines ? rows_left - lines : 0;
            p = stop_at;
          }
      }

      for (guint i = 1; i < n_chunks; i++)
        threads[i] = g_thread_new ("ws-text-parse", text_chunk_thread, &chunks[i]);
      text_chunk_parse (&chunks[0]);
      for (guint i = 1; i < n_chunks; i++)
        g_thread_join (threads[i]);

      /* Add the words in file order (the first chunk that stopped early
       * ends it), then copy and normalise the rows on all cores. */
      n_rows = 0;
      for (guint i = 0; i < n_chunks; i++)
        n_rows += chunks[i].n_rows;
      if (n_rows > rows_size)
        {
          rows_size = MAX (n_rows, rows_size * 2);
          values = g_renew (const char *, values, rows_size);
          rows = g_renew (gssize, rows, rows_size);
        }
      n_rows = 0;
      for (guint i = 0; i < n_chunks && !stop; i++)
        {
          TextChunk *c = &chunks[i];
          gsize word_start = 0;

          for (gsize r = 0; r < c->n_rows; r++)
            {
              g_autoptr(GError) local_error = NULL;
              gsize word_end = g_array_index (c->word_ends, gsize, r);
              gsize row;

              if (ws_vectors_add_word (self->vectors, c->words->str + word_start,
                                       word_end - word_start, &row, &local_error))
                rows[n_rows] = row;
              else if (local_error != NULL)
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  goto out;
                }
              else
                rows[n_rows] = -1;
              values[n_rows] = (const char *) (c->values + r * self->dim);
              n_rows++;
              word_start = word_end + 1;
            }
          self->rows_done += c->n_rows;
          self->line_no += c->n_rows;
          ws_reader_consume (self->reader, c->consumed);

          if (c->error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&c->error));
              goto out;
            }
          if (c->blank)
            {
              if (!check_rest_blank (self, c->blank_line, error))
                goto out;
              stop = TRUE;
            }
          else if (c->consumed < c->len)
            stop = TRUE;   /* enough rows */
        }
      /* Every value was checked while parsing; the rows are copied and
       * normalised on all cores, into storage made resident ahead of them
       * in strides, one core per part (fresh memory came at 0.3-0.6 GB/s
       * a core here, and a 3 M x 300 text load makes 4.5 GB resident). */
      if (self->reserved)
        ws_vectors_populate_through (self->vectors, ws_vectors_get_n_words (self->vectors));
      for (guint t = 0; t < fillers.n_threads && n_rows > 0; t++)
        {
          gsize first = n_rows * t / fillers.n_threads;

          slices[t].values = values + first;
          slices[t].rows = rows + first;
          slices[t].n = n_rows * (t + 1) / fillers.n_threads - first;
          row_fillers_push (&fillers, &slices[t]);
        }
      row_fillers_finish (&fillers, 2);
      if (stop)
        break;
    }

  if (self->rows_done < self->wanted && self->has_header)
    {
      g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_TRUNCATED,
                   _("the file ends after line %" PRIu64 ", with %zu of the %zu vectors the header promises"),
                   self->line_no - 1, self->rows_done, self->wanted);
      goto out;
    }
  ok = TRUE;

out:
  row_fillers_stop (&fillers);
  for (guint i = 0; i < MAX_THREADS; i++)
    text_chunk_clear (&chunks[i]);
  return ok;
}

/* ---------- detection ---------- */

/* Makes the whole first line (from the current position) available; returns
 * its length without the newline, or -1. */
static gssize
first_line (Loader       *self,
            const char  **line,
            GError      **error)
{
  gsize searched = 0;

  for (;;)
    {
      gssize avail = ws_reader_fill (self->reader, MAX (searched * 2, 64 * 1024), error);
      const char *data;
      const char *nl;

      if (avail < 0)
        return -1;
      data = ws_reader_peek (self->reader);
      nl = memchr (data + searched, '\n', avail - searched);
      *line = data;
      if (nl != NULL)
        return nl - data;
      if (ws_reader_at_end (self->reader))
        return avail;
      if ((gsize) avail >= MAX_LINE)
        {
          g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_FORMAT,
                       _("this is not a vector file: line 1 is longer than %zu MiB; expected a header “WORDS DIMENSIONS” or a word followed by numbers"),
                       MAX_LINE >> 20);
          return -1;
        }
      searched = avail;
    }
}

static gboolean
looks_numeric (const char *p,
               const char *e)
{
  for (; p < e; p++)
    {
      if (!strchr ("0123456789+-.eEnNaAiIfFtTyY \t\r", *p) || *p == '\0')
        return FALSE;
    }
  return TRUE;
}

/* A byte order mark at the start of the file (Windows editors save one)
 * is skipped, whatever the format; byte offsets still count from the
 * file's first byte. */
static gboolean
skip_bom (Loader  *self,
          GError **error)
{
  gssize avail = ws_reader_fill (self->reader, 3, error);

  if (avail < 0)
    return FALSE;
  ws_reader_consume (self->reader, ws_text_bom_length (ws_reader_peek (self->reader), avail));
  return TRUE;
}

static gboolean
detect_format (Loader  *self,
               GError **error)
{
  const char *line;
  gssize len;
  const char *e;
  guint64 n_words = 0, dim = 0;
  gboolean header_ok;
  WsVectorsFormat forced = self->options.format;

  if (!skip_bom (self, error))
    return FALSE;
  if ((len = first_line (self, &line, error)) < 0)
    return FALSE;

  if (ws_reader_get_available (self->reader) == 0)
    {
      g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_EMPTY,
                   _("the file is empty; expected word vectors"));
      return FALSE;
    }
  {
    const char *data = ws_reader_peek (self->reader);
    gsize avail = ws_reader_get_available (self->reader);
    gsize i = 0;

    while (i < avail && is_py_space (data[i]))
      i++;
    if (i == avail && ws_reader_at_end (self->reader))
      {
        g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_EMPTY,
                     _("the file holds only blank space; expected word vectors"));
        return FALSE;
      }
  }

  e = rstrip (line, line + len);
  header_ok = memchr (line, '\0', len) == NULL && parse_header (line, e, &n_words, &dim);

  if (forced == WS_VECTORS_FORMAT_GLOVE_TEXT || (forced == WS_VECTORS_FORMAT_AUTO && !header_ok))
    {
      gsize n_values = 0;

      if (!line_is_row (line, e, &n_values))
        {
          g_autofree char *shown = ws_text_escape (line, len, QUOTED_CHARS);
          if (forced == WS_VECTORS_FORMAT_GLOVE_TEXT)
            g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_FORMAT,
                         _("line 1, “%s”, is not a vector; expected a word followed by numbers"),
                         shown);
          else
            g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_FORMAT,
                         _("this is not a vector file: line 1, “%s”, is neither a header "
                           "“WORDS DIMENSIONS” nor a word followed by numbers"),
                         shown);
          return FALSE;
        }
      if (n_values > MAX_DIM)
        {
          g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_TOO_LARGE,
                       _("line 1 has %zu values; at most %zu dimensions are supported"), n_values, MAX_DIM);
          return FALSE;
        }
      self->format = WS_VECTORS_FORMAT_GLOVE_TEXT;
      self->has_header = FALSE;
      self->dim = n_values;
      self->wanted = self->options.limit > 0 ? self->options.limit : G_MAXSIZE;
      self->words_total = self->options.limit;
      self->line_no = 1;
      return TRUE;
    }

  if (!header_ok)
    {
      g_autofree char *shown = ws_text_escape (line, len, QUOTED_CHARS);
      g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_FORMAT,
                   _("line 1, “%s”, is not a header; expected “WORDS DIMENSIONS”, two whole numbers"),
                   shown);
      return FALSE;
    }
  if (dim == 0)
    {
      g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_FORMAT,
                   _("line 1: the header gives 0 dimensions; expected at least 1"));
      return FALSE;
    }
  if (dim > MAX_DIM)
    {
      g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_TOO_LARGE,
                   _("line 1: the header gives %" PRIu64 " dimensions; at most %zu are supported"), dim, MAX_DIM);
      return FALSE;
    }
  if (n_words == 0)
    {
      g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_EMPTY,
                   _("line 1: the header says the file holds no words; expected at least one"));
      return FALSE;
    }

  self->has_header = TRUE;
  self->dim = dim;
  self->wanted = MIN (n_words, (guint64) G_MAXSIZE);
  if (self->options.limit > 0)
    self->wanted = MIN (self->wanted, self->options.limit);
  self->words_total = self->wanted;
  self->line_no = 2;

  /* Past the header line. */
  ws_reader_consume (self->reader, MIN ((gsize) len + 1, ws_reader_get_available (self->reader)));

  if (forced != WS_VECTORS_FORMAT_AUTO)
    self->format = forced;
  else
    {
      /* Text if the next line is a word and dim numbers, or at least if
       * what follows the word looks like numbers; binary otherwise. */
      gssize avail = ws_reader_fill (self->reader, dim * sizeof (float) + 4096, error);
      const char *data, *sp, *nl, *region_end;
      gsize n_values = 0;

      if (avail < 0)
        return FALSE;
      data = ws_reader_peek (self->reader);
      nl = memchr (data, '\n', avail);
      sp = memchr (data, ' ', avail);
      region_end = data + avail;
      if (nl != NULL && line_is_row (data, rstrip (data, nl), &n_values) && n_values == dim)
        self->format = WS_VECTORS_FORMAT_WORD2VEC_TEXT;
      else if (sp == NULL)
        self->format = WS_VECTORS_FORMAT_WORD2VEC_TEXT;   /* it will say what is wrong */
      else
        {
          if ((gsize) (region_end - (sp + 1)) > dim * sizeof (float))
            region_end = sp + 1 + dim * sizeof (float);
          if (nl != NULL && nl > sp && nl < region_end)
            region_end = nl;
          self->format = looks_numeric (sp + 1, region_end) ?
                         WS_VECTORS_FORMAT_WORD2VEC_TEXT : WS_VECTORS_FORMAT_WORD2VEC_BINARY;
        }
    }

  /* Each row takes at least this many bytes, so a plain file's size caps the
   * number of rows: a header that lies fails here, before any allocation. */
  if (!ws_reader_is_compressed (self->reader) && ws_reader_get_file_size (self->reader) > 0)
    {
      guint64 size = ws_reader_get_file_size (self->reader);
      guint64 pos = ws_reader_get_offset (self->reader);
      guint64 left = size > pos ? size - pos : 0;
      guint64 min_row = self->format == WS_VECTORS_FORMAT_WORD2VEC_BINARY ?
                        1 + dim * sizeof (float) : 2 * dim;

      /* The last text line may lack its newline: + 1. */
      if (self->wanted > (left + 1) / min_row)
        {
          g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_TRUNCATED,
                       _("line 1: the header promises %" PRIu64 " words of %" PRIu64
                         " dimensions, which need at least %" PRIu64
                         " bytes, but only %" PRIu64 " follow the header"),
                       n_words, dim,
                       self->wanted > G_MAXUINT64 / min_row ? G_MAXUINT64 : self->wanted * min_row,
                       left);
          return FALSE;
        }
      self->rows_proven = TRUE;
    }

  return TRUE;
}

/* ---------- entry points ---------- */

/* Opens the file again for the model to read its rows from, and checks it
 * is the one being read. */
static gboolean
open_file_rows (Loader  *self,
                GError **error)
{
  int fd = open (self->path, O_RDONLY | O_CLOEXEC);
  struct stat st;

  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_IO,
                   _("cannot open it again to read its vectors when needed: %s"), g_strerror (saved));
      if (fd >= 0)
        close (fd);
      return FALSE;
    }
  if ((guint64) st.st_size != ws_reader_get_file_size (self->reader))
    {
      g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_IO,
                   _("it changed while it was read (%" PRIu64 " bytes, then %" PRIu64 ")"),
                   ws_reader_get_file_size (self->reader), (guint64) st.st_size);
      close (fd);
      return FALSE;
    }
  return ws_vectors_use_file_rows (self->vectors, fd, self->path, error);
}

WsVectors *
ws_vectors_load (const char          *path,
                 const WsLoadOptions *options,
                 WsProgressFunc       progress,
                 gpointer             progress_data,
                 GCancellable        *cancellable,
                 GError             **error)
{
  Loader self = { 0 };
  g_autoptr(WsReader) reader = NULL;
  g_autoptr(WsVectors) vectors = NULL;
  g_autoptr(GString) scratch = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(WsVectorsCacheKey) cache_key = NULL;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_return_val_if_fail (options == NULL || options->format <= WS_VECTORS_FORMAT_GLOVE_TEXT, NULL);
  g_return_val_if_fail (options == NULL || options->utf8_policy <= WS_UTF8_IGNORE, NULL);

  if (options != NULL)
    self.options = *options;
  else
    ws_load_options_init (&self.options);
  self.path = path;
  self.progress = progress;
  self.progress_data = progress_data;
  self.cancellable = cancellable;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* A valid cache of this file is mapped instead of parsing it. */
  if (self.options.use_cache &&
      (cache_key = ws_vectors_cache_key_new (path, &self.options)) != NULL &&
      (vectors = ws_vectors_cache_open (cache_key, progress, progress_data)) != NULL)
    return g_steal_pointer (&vectors);

  reader = ws_reader_open (path, &local_error);
  if (reader != NULL)
    {
      self.reader = reader;
      self.bytes_total = ws_reader_get_file_size (reader);
      self.report_step = self.bytes_total > 0 ?
                         MAX (self.bytes_total / N_PROGRESS_STEPS, 64 * 1024) :
                         (guint64) 16 << 20;
      scratch = g_string_new (NULL);
      self.scratch = scratch;

      ok = detect_format (&self, &local_error);
      if (ok)
        {
          vectors = ws_vectors_new_empty (self.dim, self.rows_proven ? self.wanted : 0);
          self.vectors = vectors;
          /* A large uncompressed binary file keeps its rows: they are read
           * from it when needed (see ws-vectors.c). */
          if (self.format == WS_VECTORS_FORMAT_WORD2VEC_BINARY && !ws_reader_is_compressed (reader) &&
              ws_reader_get_file_size (reader) > 0 &&   /* a regular file, not a pipe */
              ws_vectors_want_file_rows (self.rows_proven ? self.wanted : 0, self.dim))
            ok = self.file_rows = open_file_rows (&self, &local_error);
          /* A binary file's size proves its rows exactly: their storage is
           * made resident now. A text file's only bounds them (two bytes a
           * value): the header's count is reserved, made resident block by
           * block (load_text ()), and if it cannot be, rows come as they are
           * read. */
          if (ok && self.rows_proven && self.format == WS_VECTORS_FORMAT_WORD2VEC_BINARY)
            {
              /* The words are at most what the records leave of the file,
               * less a space and the values each, plus a NUL each; and at
               * most 128 bytes each for this room, so that the first rows of
               * a large file (--limit) reserve little. */
              guint64 left = self.bytes_total - ws_reader_get_offset (reader);
              guint64 values = (guint64) self.wanted * (1 + self.dim * sizeof (float));

              ok = self.reserved = ws_vectors_reserve (vectors, self.wanted, TRUE, &local_error);
              if (ok && left > values)
                ws_vectors_reserve_words (vectors, (gsize) MIN (left - values + self.wanted,
                                                                (guint64) self.wanted * 128));
            }
          else if (ok && self.rows_proven)
            self.reserved = ws_vectors_reserve (vectors, self.wanted, FALSE, NULL);
        }
      if (ok)
        ok = step (&self, TRUE, &local_error);
      if (ok)
        {
          if (self.format == WS_VECTORS_FORMAT_WORD2VEC_BINARY)
            ok = load_binary (&self, &local_error);
          else
            ok = load_text (&self, &local_error);
        }
      /* Rows read later must be the ones just read. */
      if (ok && self.file_rows)
        ok = ws_vectors_check_file (vectors, &local_error);
      if (ok && ws_vectors_get_n_words (vectors) == 0)
        {
          g_set_error (&local_error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_EMPTY,
                       _("the file holds no vectors"));
          ok = FALSE;
        }
      if (ok)
        {
          /* The final report says all bytes are done. */
          self.next_report = 0;
          if (self.progress != NULL)
            self.progress (self.bytes_total, self.bytes_total, self.rows_done,
                           self.rows_done, self.progress_data);
          ok = !g_cancellable_set_error_if_cancelled (cancellable, &local_error);
        }
    }

  if (local_error != NULL)
    {
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *name = g_filename_display_name (path);
          g_prefix_error (&local_error, _("Cannot load “%s”: "), name);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  ws_vectors_seal (vectors);
  ws_vectors_set_source (vectors, path, self.format, ws_reader_is_compressed (reader));
  if (cache_key != NULL)
    ws_vectors_cache_save (g_steal_pointer (&cache_key), vectors);
  return g_steal_pointer (&vectors);
}

typedef struct
{
  char           *path;
  WsLoadOptions   options;
  WsProgressFunc  progress;
  gpointer        progress_data;
  GDestroyNotify  progress_data_destroy;
} LoadData;

static void
load_data_free (LoadData *data)
{
  if (data->progress_data_destroy != NULL)
    data->progress_data_destroy (data->progress_data);
  g_free (data->path);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;
  WsVectors *vectors;

  vectors = ws_vectors_load (data->path, &data->options, data->progress,
                             data->progress_data, cancellable, &error);
  if (vectors == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, vectors, g_object_unref);
}

void
ws_vectors_load_async (const char          *path,
                       const WsLoadOptions *options,
                       WsProgressFunc       progress,
                       gpointer             progress_data,
                       GDestroyNotify       progress_data_destroy,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (LoadData, 1);
  data->path = g_strdup (path);
  if (options != NULL)
    data->options = *options;
  else
    ws_load_options_init (&data->options);
  data->progress = progress;
  data->progress_data = progress_data;
  data->progress_data_destroy = progress_data_destroy;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ws_vectors_load_async);
  g_task_set_name (task, "ws_vectors_load_async");
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

WsVectors *
ws_vectors_load_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ws_vectors_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
