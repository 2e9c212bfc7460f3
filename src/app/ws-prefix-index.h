/* ws-prefix-index.h: case-insensitive prefix completion over a vocabulary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built once per model, off the main thread (a few seconds for 3 million
 * words); each completion is then a binary search, well under a millisecond.
 */
#pragma once

#include "ws-vectors.h"

G_BEGIN_DECLS

typedef struct _WsPrefixIndex WsPrefixIndex;

#define WS_TYPE_PREFIX_INDEX (ws_prefix_index_get_type ())
GType          ws_prefix_index_get_type (void) G_GNUC_CONST;

/* Returns NULL only when @cancellable was cancelled. Safe to call from any
 * thread. Keeps a reference to @vectors. */
WsPrefixIndex *ws_prefix_index_new      (WsVectors     *vectors,
                                         GCancellable  *cancellable);
WsPrefixIndex *ws_prefix_index_ref      (WsPrefixIndex *self);
void           ws_prefix_index_unref    (WsPrefixIndex *self);
WsVectors     *ws_prefix_index_get_vectors (WsPrefixIndex *self);

/* Up to @max rows whose word starts with @prefix, ignoring case, most
 * frequent (lowest row) first. An empty prefix matches nothing. */
GArray        *ws_prefix_index_complete (WsPrefixIndex *self,
                                         const char    *prefix,
                                         guint          max);
/* How many words start with @prefix, ignoring case. */
gsize          ws_prefix_index_count    (WsPrefixIndex *self,
                                         const char    *prefix);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WsPrefixIndex, ws_prefix_index_unref)

G_END_DECLS
