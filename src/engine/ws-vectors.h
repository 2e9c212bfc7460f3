/* ws-vectors.h: a loaded word-embedding model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define WS_VECTORS_ERROR (ws_vectors_error_quark ())

typedef enum
{
  WS_VECTORS_ERROR_IO,          /* the file could not be opened or read */
  WS_VECTORS_ERROR_EMPTY,       /* the file holds nothing */
  WS_VECTORS_ERROR_FORMAT,      /* not a vector file, or a malformed header */
  WS_VECTORS_ERROR_TRUNCATED,   /* the file ends before the header says it should */
  WS_VECTORS_ERROR_BAD_ROW,     /* a row with the wrong number of values */
  WS_VECTORS_ERROR_BAD_VALUE,   /* a value that is not a finite number */
  WS_VECTORS_ERROR_ENCODING,    /* a word that is not valid UTF-8 */
  WS_VECTORS_ERROR_COMPRESSION, /* a damaged gzip stream */
  WS_VECTORS_ERROR_TOO_LARGE,   /* more than this machine can hold */
  WS_VECTORS_ERROR_INVALID,     /* an invalid argument (empty word list, zero dimension…) */
} WsVectorsError;

typedef enum
{
  WS_VECTORS_FORMAT_AUTO,
  WS_VECTORS_FORMAT_WORD2VEC_BINARY,
  WS_VECTORS_FORMAT_WORD2VEC_TEXT,   /* "N D" header; fastText .vec files are this */
  WS_VECTORS_FORMAT_GLOVE_TEXT,      /* no header */
} WsVectorsFormat;

typedef enum
{
  WS_UTF8_STRICT,   /* invalid UTF-8 in a word is an error naming the byte offset */
  WS_UTF8_REPLACE,  /* invalid bytes become U+FFFD */
  WS_UTF8_IGNORE,   /* invalid bytes are dropped */
} WsUtf8Policy;

typedef struct
{
  gsize           limit;        /* keep only the first N rows; 0 keeps all */
  WsUtf8Policy    utf8_policy;
  WsVectorsFormat format;       /* AUTO detects it from the content */
  gboolean        use_cache;    /* reopen from / write the model cache (default TRUE) */
} WsLoadOptions;

/* Called from the loading thread, at most a few hundred times per load. */
typedef void (*WsProgressFunc) (guint64  bytes_done,
                                guint64  bytes_total,
                                gsize    words_done,
                                gsize    words_total,
                                gpointer user_data);

#define WS_TYPE_VECTORS (ws_vectors_get_type ())
G_DECLARE_FINAL_TYPE (WsVectors, ws_vectors, WS, VECTORS, GObject)

GQuark           ws_vectors_error_quark      (void);
const char      *ws_vectors_format_to_string (WsVectorsFormat format);
void             ws_load_options_init        (WsLoadOptions *options);

/* Copies @words and @matrix (row-major, @n_words × @dim). Duplicate words keep
 * the first row, as gensim does. */
WsVectors       *ws_vectors_new_from_data    (const char * const *words,
                                              const float        *matrix,
                                              gsize               n_words,
                                              gsize               dim,
                                              GError            **error);

/* Reads a vector file, as gensim 4.2's KeyedVectors.load_word2vec_format
 * reads it, giving the same words and the same float32 values:
 *  - the format is found from the content, not the name: word2vec binary
 *    (with or without a newline after each vector), word2vec text with a
 *    "WORDS DIMENSIONS" header (fastText .vec files are this, trailing
 *    spaces and all), GloVe text without a header (the dimension comes from
 *    the first row); any of them gzip-compressed;
 *  - options->limit keeps the first N rows of the file (duplicates count as
 *    rows, as in gensim); 0 keeps all;
 *  - a word that appears again keeps its first vector and the later row is
 *    skipped, as gensim does; ws_vectors_get_n_duplicates () counts them;
 *  - invalid UTF-8 in a word follows options->utf8_policy (strict is an
 *    error naming the byte offset; replace and ignore match Python's
 *    "replace" and "ignore"); a NUL byte counts as invalid;
 *  - unlike gensim, NaN and infinite values are an error naming the word;
 *  - text values are read exactly as strtof () reads them;
 *  - blank lines at the very end of a text file are ignored; elsewhere they
 *    are an error.
 * Errors are in WS_VECTORS_ERROR (G_IO_ERROR_CANCELLED when @cancellable is
 * cancelled) and name the file, the line (text) or byte offset (binary, in
 * the uncompressed data) and what was expected. @progress, when set, is
 * called from the loading thread: bytes are file bytes (compressed bytes for
 * gzip); words_done counts rows read; words_total is the rows the header
 * promises (after the limit), or 0 when unknown (GloVe) until the final
 * call, which reports bytes_done == bytes_total. @options may be NULL.
 *
 * With options->use_cache (the default), a file parsed before is reopened
 * from the model cache in the user's cache folder when the cache is valid
 * (same path, size, modification time and options): the cache is mapped, not
 * read, and @progress gets only its final call; ws_vectors_get_from_cache ()
 * then says so. After a parse, the cache is written in the background (see
 * ws-vectors-cache.h); a cache that cannot be written never fails the load. */
WsVectors       *ws_vectors_load             (const char          *path,
                                              const WsLoadOptions *options,
                                              WsProgressFunc       progress,
                                              gpointer             progress_data,
                                              GCancellable        *cancellable,
                                              GError             **error);
/* @progress is called from the worker thread. */
void             ws_vectors_load_async       (const char          *path,
                                              const WsLoadOptions *options,
                                              WsProgressFunc       progress,
                                              gpointer             progress_data,
                                              GDestroyNotify       progress_data_destroy,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
WsVectors       *ws_vectors_load_finish      (GAsyncResult        *result,
                                              GError             **error);

gsize            ws_vectors_get_n_words      (WsVectors   *self);
gsize            ws_vectors_get_dim          (WsVectors   *self);
/* Where the model came from: a path, or NULL for in-memory data. */
const char      *ws_vectors_get_path         (WsVectors   *self);
WsVectorsFormat  ws_vectors_get_format       (WsVectors   *self);
gboolean         ws_vectors_get_compressed   (WsVectors   *self);
/* How many rows were skipped because their word had been seen before. */
gsize            ws_vectors_get_n_duplicates (WsVectors   *self);
/* TRUE when ws_vectors_load () mapped the model cache instead of parsing
 * the file (see ws-vectors-cache.h). */
gboolean         ws_vectors_get_from_cache   (WsVectors   *self);

/* Row @row's word, NUL-terminated UTF-8; valid as long as @self. */
const char      *ws_vectors_get_word         (WsVectors   *self,
                                              gsize        row);
/* Exact, case-sensitive lookup. */
gboolean         ws_vectors_lookup           (WsVectors   *self,
                                              const char  *word,
                                              gsize       *row);
gboolean         ws_vectors_contains         (WsVectors   *self,
                                              const char  *word);

/* The vector as stored in the file (float32, @dim values). A model whose
 * raw rows stay in its file (see ws_vectors_has_matrix ()) reads it on the
 * first call and keeps it until the model is finalized, so prefer
 * ws_vectors_copy_rows () for many rows. */
const float     *ws_vectors_get_row          (WsVectors   *self,
                                              gsize        row);
/* Copies the raw rows @first_row … @first_row + @n_rows − 1 to @out
 * (@n_rows × dim floats). Fails only for a model whose rows stay in its
 * file, when that file was truncated or modified since the load; @out is
 * then all zeros. */
gboolean         ws_vectors_copy_rows        (WsVectors   *self,
                                              gsize        first_row,
                                              gsize        n_rows,
                                              float       *out,
                                              GError     **error);
/* Calls @func on all raw rows in order, a block of about 4 MiB at a time:
 * inside the matrix when the model keeps one, else read into a buffer.
 * Stops at the first FALSE from @func (which sets @error), or when a model
 * whose rows stay in its file finds the file changed since the load. */
typedef gboolean (*WsRowBlockFunc) (const float  *rows,
                                    gsize         first_row,
                                    gsize         n_rows,
                                    gpointer      user_data,
                                    GError      **error);
gboolean         ws_vectors_foreach_row_block (WsVectors      *self,
                                               WsRowBlockFunc  func,
                                               gpointer        user_data,
                                               GError        **error);
/* The raw rows @first_row … @first_row + @n_rows − 1, row-major: inside the
 * matrix when the model keeps one, else copied to @buffer (@n_rows × dim
 * floats), which is then returned; a failed read warns (with the path) and
 * gives zeros. */
const float     *ws_vectors_rows             (WsVectors   *self,
                                              gsize        first_row,
                                              gsize        n_rows,
                                              float       *buffer);
/* FALSE for an uncompressed word2vec binary file whose rows take more than
 * the lean threshold (256 MiB): its raw rows are not copied into memory but
 * read from the file (kept open) when asked for, and
 * ws_vectors_get_matrix () is NULL. */
gboolean         ws_vectors_has_matrix       (WsVectors   *self);
/* For a model whose raw rows stay in their file: whether the file is still
 * as it was loaded (size and modification time), else an error that says
 * to open it again. TRUE for a model that holds its rows in memory. */
gboolean         ws_vectors_check_file       (WsVectors   *self,
                                              GError     **error);
/* The same vector divided by its L2 norm (all zeros for a zero vector).
 * A large model keeps no unit matrix (see ws_vectors_has_unit_matrix ()):
 * its unit row is then computed on the first call and kept until the model
 * is finalized, so prefer ws_vectors_copy_unit_rows () for many rows. */
const float     *ws_vectors_get_unit_row     (WsVectors   *self,
                                              gsize        row);
/* Copies the unit rows @first_row … @first_row + @n_rows − 1 to @out
 * (@n_rows × dim floats), bit-identical to ws_vectors_get_unit_row (). */
void             ws_vectors_copy_unit_rows   (WsVectors   *self,
                                              gsize        first_row,
                                              gsize        n_rows,
                                              float       *out);
/* The unit rows @first_row … @first_row + @n_rows − 1, row-major: inside the
 * unit matrix when the model keeps one, else copied to @buffer (@n_rows ×
 * dim floats), which is then returned. */
const float     *ws_vectors_unit_rows        (WsVectors   *self,
                                              gsize        first_row,
                                              gsize        n_rows,
                                              float       *buffer);
/* FALSE for a model too large to keep its unit rows twice (rows × dim × 4
 * bytes above 256 MiB): ws_vectors_get_unit_matrix () is then NULL. */
gboolean         ws_vectors_has_unit_matrix  (WsVectors   *self);
float            ws_vectors_get_norm         (WsVectors   *self,
                                              gsize        row);
/* Row-major matrices of all rows: n_words × dim. NULL when
 * !ws_vectors_has_matrix (). */
const float     *ws_vectors_get_matrix       (WsVectors   *self);
/* NULL when !ws_vectors_has_unit_matrix (). */
const float     *ws_vectors_get_unit_matrix  (WsVectors   *self);
const float     *ws_vectors_get_norms        (WsVectors   *self);

G_END_DECLS
