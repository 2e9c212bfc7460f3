/* ws-vectors-private.h: how loaders fill a WsVectors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>
#include <string.h>

#include "ws-vectors.h"

G_BEGIN_DECLS

/* Turns @n float32 values stored little-endian (as word2vec binary files
 * and the model cache hold them) into this machine's order, in place. */
static inline void
ws_floats_from_le (float *values,
                   gsize  n)
{
#if G_BYTE_ORDER == G_BIG_ENDIAN
  for (gsize j = 0; j < n; j++)
    {
      guint32 u;

      memcpy (&u, values + j, 4);
      u = GUINT32_FROM_LE (u);
      memcpy (values + j, &u, 4);
    }
#else
  (void) values;
  (void) n;
#endif
}

/* The index of the first of @n values that is NaN or infinite, or @n. */
gsize      ws_floats_first_not_finite (const float *values,
                                       gsize        n);

/* An empty model of dimension @dim. @expected_rows only sizes the first
 * allocation and is capped, so a header that lies costs nothing. */
WsVectors *ws_vectors_new_empty     (gsize            dim,
                                     gsize            expected_rows);
/* Appends a row: @word is @word_len bytes of valid UTF-8 (no NUL), @values
 * holds dim floats. Returns FALSE without adding anything when @word is
 * already present (gensim keeps the first). Sets @error only when memory runs
 * out, in which case it also returns FALSE. */
gboolean   ws_vectors_append        (WsVectors       *self,
                                     const char      *word,
                                     gsize            word_len,
                                     const float     *values,
                                     GError         **error);
/* Grows the row storage to hold at least @rows rows, in huge pages where
 * the kernel allows, and sizes the index for them. Only call this with a
 * count the data has proven (e.g. checked against the file size). With
 * @populate_now a thread starts making the storage resident, front to
 * back, while the rows are filled (only where the count is exact; it stops
 * before the storage moves, and at ws_vectors_seal ()); else
 * ws_vectors_populate_through () does it stride by stride. */
gboolean   ws_vectors_reserve       (WsVectors       *self,
                                     gsize            rows,
                                     gboolean         populate_now,
                                     GError         **error);
/* Room for @bytes of words (counting a NUL after each), in huge pages where
 * the kernel allows: a binary file bounds them by its size. The words of
 * 3 M rows then take no fault per 4 KiB page as they are added, and the
 * index's comparisons with them miss the TLB less. Best effort: without
 * the room, the words grow as they come. */
void       ws_vectors_reserve_words (WsVectors       *self,
                                     gsize            bytes);
/* Makes the storage of rows [0, @rows), within what was reserved, resident
 * ahead of filling them, 128 MiB of it at a time on every core: much cheaper
 * than a fault per page where the kernel can (see ws-populate.h). Rows made
 * resident by an earlier call are not made so again. */
void       ws_vectors_populate_through (WsVectors    *self,
                                        gsize         rows);
/* Two-step append that lets a loader write values straight into the row
 * storage: ws_vectors_next_row () returns where the next row's dim floats
 * go (valid until the next call that adds rows), and ws_vectors_commit_row ()
 * adds the row under @word, computing its norm and unit row. Commit returns
 * FALSE without adding anything when @word is already present (the values
 * written are then discarded), or with @error set when memory runs out. */
float     *ws_vectors_next_row      (WsVectors       *self,
                                     GError         **error);
gboolean   ws_vectors_commit_row    (WsVectors       *self,
                                     const char      *word,
                                     gsize            word_len,
                                     GError         **error);
/* Starts bringing in the part of the index that @word will look at, so
 * that adding it a little later does not wait for memory. */
void       ws_vectors_prefetch_word (WsVectors       *self,
                                     const char      *word,
                                     gsize            word_len);
/* Another two-step append, for filling rows from several threads: add the
 * words in file order from one thread (a new row's values are undefined
 * until set, so set every row added before using the model), then
 * set the rows' values from any thread, different rows at once, while no
 * word is being added (or while words are added that fit in the room
 * ws_vectors_make_room () made: then no storage moves). ws_vectors_add_word () returns FALSE for a word
 * already present (counted as a duplicate; nothing added) or with @error
 * set when memory runs out. ws_vectors_set_row () copies dim little-endian
 * float32 values from @values (any alignment) and computes the norm and the
 * unit row. ws_vectors_peek_row () gives the stored row for checking. */
gboolean   ws_vectors_add_word      (WsVectors       *self,
                                     const char      *word,
                                     gsize            word_len,
                                     gsize           *row,
                                     GError         **error);
gsize      ws_vectors_get_capacity  (WsVectors       *self);
gboolean   ws_vectors_make_room     (WsVectors       *self,
                                     gsize            rows,
                                     GError         **error);
void       ws_vectors_set_row       (WsVectors       *self,
                                     gsize            row,
                                     const void      *values);
float     *ws_vectors_peek_row      (WsVectors       *self,
                                     gsize            row);
void       ws_vectors_set_source    (WsVectors       *self,
                                     const char      *path,
                                     WsVectorsFormat  format,
                                     gboolean         compressed);
/* Rows in the file instead of memory (see ws_vectors_has_matrix ()):
 * whether a binary file of @rows rows (0: unknown) of @dim floats should
 * keep them there (above the lean threshold, or always when the
 * environment variable WS_VECTORS_FILE_ROWS=1, for tests). */
gboolean   ws_vectors_want_file_rows (gsize           rows,
                                      gsize           dim);
/* Makes the empty model @self keep no raw rows: it takes @fd (open on
 * @path, read-only), which it reads them from with pread (). */
gboolean   ws_vectors_use_file_rows (WsVectors       *self,
                                     int              fd,
                                     const char      *path,
                                     GError         **error);
/* For such a model, instead of ws_vectors_set_row (): computes row @row's
 * norm and codes from @values (dim little-endian float32, any alignment,
 * found at byte @file_offset of the file). Returns FALSE, with the first
 * column that is not finite in *@bad_column, when a value is not finite. */
gboolean   ws_vectors_set_file_row  (WsVectors       *self,
                                     gsize            row,
                                     const void      *values,
                                     guint64          file_offset,
                                     gsize           *bad_column);
/* Whether ws_vectors_use_file_rows () was called. */
gboolean   ws_vectors_get_file_rows (WsVectors       *self);
/* Releases spare capacity once all rows are in. */
void       ws_vectors_seal          (WsVectors       *self);

/* The reduced-precision twin of the unit rows, built as rows are committed:
 * row i's codes are (*codes)[i × stride …] (dim int8 in [-127, 127], zero
 * padded to the returned stride, a multiple of 16), unit row i ≈
 * (*scales)[i] × codes, and (*errors)[i] ≥ the L2 norm of unit row i −
 * (*scales)[i] × codes. An all-zero row has scale 0; a row whose unit
 * vector is not finite has an infinite error. Returns the stride. */
gsize      ws_vectors_get_quantized (WsVectors       *self,
                                     const gint8    **codes,
                                     const float    **scales,
                                     const float    **errors);

/* Models whose rows take more than @bytes keep no unit matrix (0: the
 * default, 256 MiB; the environment variable WS_VECTORS_LEAN_BYTES sets the
 * first value). For tests, which make small models lean to check that both
 * layouts answer alike. Returns the previous threshold. */
gsize      ws_vectors_set_lean_threshold (gsize  bytes);

/* The arrays of a sealed model, for the model cache (ws-vectors-cache.c),
 * which writes them out and maps them back. Add a member here and a section
 * there when WsVectors gains an array. */
typedef struct
{
  gsize          dim;
  gsize          n_words;
  gsize          n_duplicates;
  const char    *pool;          /* pool_len bytes: the words, NUL-terminated */
  gsize          pool_len;
  const guint64 *offsets;       /* n_words: where each word starts in pool */
  const guint32 *slots;         /* n_slots (a power of two): row + 1, 0 free */
  gsize          n_slots;
  const float   *norms;         /* n_words */
  const float   *matrix;        /* n_words × dim; NULL when the rows stay in
                                 * the file (ws_vectors_copy_rows ()) */
  const float   *unit;          /* n_words × dim; NULL for a lean model */
  /* The quantized unit rows (ws_vectors_get_quantized ()); all NULL when
   * absent, and the similarity scan then scores every row in float32. */
  const gint8   *qcodes;        /* n_words × qstride */
  const float   *qscales;       /* n_words */
  const float   *qerrors;       /* n_words */
  gsize          qstride;
} WsVectorsStorage;

void       ws_vectors_get_storage   (WsVectors              *self,
                                     WsVectorsStorage       *storage);
/* A model whose arrays are @storage's, not copied: they must stay valid
 * and unchanged until @owner_free (@owner) is called, at finalize. The
 * model is read-only (never append to it) and says it came from the cache. */
WsVectors *ws_vectors_new_borrowed  (const WsVectorsStorage *storage,
                                     gpointer                owner,
                                     GDestroyNotify          owner_free);

G_END_DECLS
