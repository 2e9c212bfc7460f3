/* ws-embedding-layer.h: a token-id → vector table, as torch.nn.Embedding
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An embedding layer is a V × D matrix of weights: token id i stands for row i.
 * ws_embedding_layer_new_torch () makes the weights torch.manual_seed (seed);
 * torch.nn.Embedding (V, D).weight holds in PyTorch 1.13 on the CPU, bit for
 * bit (see ws-torch-random.h for how, and for the two kernels).
 *
 * Looking ids up copies rows: no arithmetic. The same rows come out of the
 * one-hot matrix of the ids (n × V, a single 1 per row) times the weights,
 * at the price of n·V·D multiply-adds; ws_embedding_layer_one_hot_product ()
 * really computes that product so the two can be compared, and
 * ws_embedding_cost_init () counts both ways.
 */
#pragma once

#include <gio/gio.h>

#include "ws-torch-random.h"

G_BEGIN_DECLS

#define WS_EMBEDDING_LAYER_ERROR (ws_embedding_layer_error_quark ())

typedef enum
{
  WS_EMBEDDING_LAYER_ERROR_SIZE,          /* a vocabulary size or dimension of 0, or too large */
  WS_EMBEDDING_LAYER_ERROR_ID_SYNTAX,     /* token-id text that is not a list of numbers */
  WS_EMBEDDING_LAYER_ERROR_ID_RANGE,      /* a token id outside 0 … V - 1 */
} WsEmbeddingLayerError;

GQuark ws_embedding_layer_error_quark (void);

/* What the two ways of getting n rows cost. */
typedef struct
{
  guint64 n_ids;
  guint64 lookup_multiplications;         /* always 0 */
  guint64 lookup_copies;                  /* n·D floats copied */
  guint64 one_hot_multiplications;        /* n·V·D */
  guint64 one_hot_additions;              /* n·(V - 1)·D */
  guint64 one_hot_entries;                /* n·V entries of the one-hot matrix */
} WsEmbeddingCost;

/* Fills @cost for @n_ids ids into a @vocab_size × @dim layer. Needs no layer,
 * so it serves for a loaded model or a reference size as well. Counts that
 * would pass 2⁶⁴ saturate at G_MAXUINT64. */
void ws_embedding_cost_init (WsEmbeddingCost *cost,
                             guint64          vocab_size,
                             guint64          dim,
                             guint64          n_ids);

/* Parses token ids written as "2,3,5,1", "2 3 5 1" or "[2, 3, 5, 1]" (as the
 * seed notebook writes them in torch.tensor (…)): decimal numbers ≥ 0
 * separated by commas and/or spaces. Returns a newly allocated array of
 * *@n_ids ids (NULL with *@n_ids = 0 for an empty list), or NULL with
 * WS_EMBEDDING_LAYER_ERROR_ID_SYNTAX naming the byte offset of what is wrong. */
gint64 *ws_embedding_layer_parse_ids (const char  *text,
                                      gsize       *n_ids,
                                      GError     **error);

#define WS_TYPE_EMBEDDING_LAYER (ws_embedding_layer_get_type ())
G_DECLARE_FINAL_TYPE (WsEmbeddingLayer, ws_embedding_layer, WS, EMBEDDING_LAYER, GObject)

/* The weights of torch.manual_seed (@seed); torch.nn.Embedding (@vocab_size,
 * @dim), from normal_ (0, 1) computed as @kernel says. @seed is taken modulo
 * 2⁶⁴, so a negative torch seed is passed as (guint64) seed. Errors:
 * WS_EMBEDDING_LAYER_ERROR_SIZE for a zero size or a matrix that does not fit
 * in memory. */
WsEmbeddingLayer *ws_embedding_layer_new_torch      (gsize              vocab_size,
                                                     gsize              dim,
                                                     guint64            seed,
                                                     WsTorchKernel      kernel,
                                                     GError           **error);

gsize             ws_embedding_layer_get_vocab_size (WsEmbeddingLayer  *self);
gsize             ws_embedding_layer_get_dim        (WsEmbeddingLayer  *self);
guint64           ws_embedding_layer_get_seed       (WsEmbeddingLayer  *self);
WsTorchKernel     ws_embedding_layer_get_kernel     (WsEmbeddingLayer  *self);
/* The vocab_size × dim weights, row-major; owned by @self. */
const float      *ws_embedding_layer_get_weight     (WsEmbeddingLayer  *self);
/* Row @id (< vocab_size) of the weights; owned by @self. */
const float      *ws_embedding_layer_get_row        (WsEmbeddingLayer  *self,
                                                     gsize              id);

/* Checks that every id is in 0 … vocab_size - 1. The error names the first
 * one that is not, with its position in the list (counted from 1). */
gboolean          ws_embedding_layer_check_ids      (WsEmbeddingLayer  *self,
                                                     const gint64      *ids,
                                                     gsize              n_ids,
                                                     GError           **error);
/* The rows of @ids, n_ids × dim floats (g_free), by copying: embedding (ids).
 * NULL with WS_EMBEDDING_LAYER_ERROR_ID_RANGE for an id out of range. */
float            *ws_embedding_layer_lookup         (WsEmbeddingLayer  *self,
                                                     const gint64      *ids,
                                                     gsize              n_ids,
                                                     GError           **error);
/* The one-hot matrix of @ids: n_ids × vocab_size floats (g_free), row k all
 * zeros but a 1 in column ids[k]. */
float            *ws_embedding_layer_one_hot        (WsEmbeddingLayer  *self,
                                                     const gint64      *ids,
                                                     gsize              n_ids,
                                                     GError           **error);
/* one_hot (ids) × weight, n_ids × dim floats (g_free), computed as a full
 * matrix product (every one of the n·V·D multiply-adds is done). Each entry
 * is 1 × w plus zeros, so it equals the lookup exactly. */
float            *ws_embedding_layer_one_hot_product (WsEmbeddingLayer *self,
                                                      const gint64     *ids,
                                                      gsize             n_ids,
                                                      GError          **error);

G_END_DECLS
