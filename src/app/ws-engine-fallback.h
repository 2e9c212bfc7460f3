/* ws-engine-fallback.h: stand-ins for engine pieces not merged yet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Temporary: each function is used only while its engine counterpart
 * (ws-expression.h, ws-similarity.c, ws-suggest.h, ws-projection.h) is
 * absent from the tree; src/app/meson.build decides.
 */
#pragma once

#include "ws-similarity.h"

G_BEGIN_DECLS

/* `a - b + c`, `a : b :: c : ?` or a single word. */
gboolean  ws_fallback_parse          (const char   *text,
                                      GPtrArray    *positive,
                                      GPtrArray    *negative,
                                      gboolean     *is_analogy,
                                      GError      **error);
GArray   *ws_fallback_most_similar   (WsVectors    *vectors,
                                      const char  **positive,
                                      gsize         n_positive,
                                      const char  **negative,
                                      gsize         n_negative,
                                      gsize         topn,
                                      GError      **error);
gboolean  ws_fallback_similarity     (WsVectors    *vectors,
                                      const char   *word1,
                                      const char   *word2,
                                      float        *similarity,
                                      GError      **error);
GStrv     ws_fallback_suggest        (WsVectors    *vectors,
                                      const char   *word,
                                      guint         max);
/* Top two principal axes of @n rows of @dim floats: @mean (dim), @axes
 * (2 × dim) and the explained-variance ratios. */
void      ws_fallback_pca2           (const float  *rows,
                                      gsize         n,
                                      gsize         dim,
                                      double       *mean,
                                      double       *axes,
                                      double        variance[2]);

G_END_DECLS
