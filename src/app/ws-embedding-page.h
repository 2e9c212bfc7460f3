/* ws-embedding-page.h: the "Embedding Layer" page of the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How a token id becomes a vector: torch.nn.Embedding (V, D) after
 * torch.manual_seed (seed), its weights as torch prints them and as a heat
 * map, the rows some ids select, the same rows as a one-hot matrix times
 * the weights, what each way costs, and the loaded model seen as such a
 * layer, where two words' rows are far apart as ids but close as vectors.
 */
#pragma once

#include <gtk/gtk.h>

#include "ws-session.h"

G_BEGIN_DECLS

#define WS_TYPE_EMBEDDING_PAGE (ws_embedding_page_get_type ())
G_DECLARE_FINAL_TYPE (WsEmbeddingPage, ws_embedding_page, WS, EMBEDDING_PAGE, GtkBox)

WsEmbeddingPage *ws_embedding_page_new            (WsSession       *session);

/* Sets the inputs as a person would type them; the page updates at once. */
void             ws_embedding_page_set_inputs     (WsEmbeddingPage *self,
                                                   guint            vocab_size,
                                                   guint            dim,
                                                   guint64          seed,
                                                   const char      *ids);
void             ws_embedding_page_set_words      (WsEmbeddingPage *self,
                                                   const char      *word1,
                                                   const char      *word2);

/* What the page shows, for tests: the texts of its labels (the message is
 * NULL while hidden), the ids of the last valid input, and whether the
 * one-hot product equalled the lookup. */
const char      *ws_embedding_page_get_weight_text (WsEmbeddingPage *self);
const char      *ws_embedding_page_get_lookup_text (WsEmbeddingPage *self);
const char      *ws_embedding_page_get_cost_text   (WsEmbeddingPage *self);
const char      *ws_embedding_page_get_message     (WsEmbeddingPage *self);
const char      *ws_embedding_page_get_model_text  (WsEmbeddingPage *self);
const char      *ws_embedding_page_get_pair_text   (WsEmbeddingPage *self);
const gint64    *ws_embedding_page_get_ids         (WsEmbeddingPage *self,
                                                    gsize           *n_ids);
gboolean         ws_embedding_page_get_equal       (WsEmbeddingPage *self);
const float     *ws_embedding_page_get_weight      (WsEmbeddingPage *self,
                                                    gsize           *vocab_size,
                                                    gsize           *dim);

G_END_DECLS
