/* ws-vectors-private.h: how loaders fill a WsVectors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ws-vectors.h"

G_BEGIN_DECLS

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
/* Grows the row storage to hold at least @rows rows. Only call this with a
 * count the data has proven (e.g. checked against the file size). */
gboolean   ws_vectors_reserve       (WsVectors       *self,
                                     gsize            rows,
                                     GError         **error);
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
void       ws_vectors_set_source    (WsVectors       *self,
                                     const char      *path,
                                     WsVectorsFormat  format,
                                     gboolean         compressed);
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

G_END_DECLS
