/* ws-scene-builder.h: a query and its answer, made into the map's scene
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one place that knows both the engine and the renderer: it gathers the
 * query words, the results and (optionally) neighbours of each query word,
 * projects them to 2D and fills a WsPlotScene with roles, scores, the
 * computed point, the analogy's arrows, the title and the axes. The CLI's
 * `render` and the window share it, so both draw the same map.
 */
#pragma once

#include "ws-expression.h"
#include "ws-plot-scene.h"
#include "ws-projection.h"
#include "ws-vectors.h"

G_BEGIN_DECLS

typedef struct
{
  WsProjectionMethod method;          /* LOCAL by default */
  gsize              neighbors;       /* k nearest words of each query word; 0 for none */
  gsize              restrict_vocab;  /* for the neighbours, as in ws_most_similar */
  /* What the author of a figure chose; all may be NULL. The arrays are
   * NULL-terminated and borrowed for the call. */
  const char * const *pinned;         /* always shown (as context) */
  const char * const *hidden;         /* never shown, unless a query word */
  const char * const *highlights;     /* flagged WS_PLOT_POINT_HIGHLIGHTED */
  const WsPlotAnnotation *annotations; /* copied into the scene */
  gsize              n_annotations;
} WsSceneOptions;

void         ws_scene_options_init (WsSceneOptions       *options);

/* Builds the scene of @expression over @vectors with @results (a GArray of
 * WsScored, best first, as ws_expression_most_similar returns; may be NULL
 * or empty). Every word of @expression must be known (ws_expression_check).
 *
 * Points: the query words (role by the sign of their weight), the results
 * (the first one the answer when the query is arithmetic or an analogy),
 * the pinned words not shown already (as neighbours), the neighbours, and for arithmetic the computed point, placed at the
 * weighted mean of its words' places (for b − a + c exactly the fourth
 * corner of the parallelogram a, b, c). An analogy (`a : b :: c`, or
 * `b - a + c` with weights ±1) gets the arrows a→b and c→computed point.
 * A list of three words or more (`breakfast, cereal, dinner, lunch`) gets
 * WS_PLOT_POINT_MISMATCH on the word that doesn't match (ws_doesnt_match).
 * Scores are cosines to the query's vector (the mean of the unit vectors
 * with their weights, as gensim's most_similar uses); results keep theirs.
 *
 * Hidden words are left out of the results, pinned words and neighbours
 * before the projection (so they don't shape it either); each query word
 * stays, as the query's arithmetic needs it. Neighbours are drawn past
 * the hidden ones, so each query word still gets @neighbors of them.
 * Highlights that are not on the map are ignored (the author may have
 * hidden them since); annotations are kept whatever their word.
 *
 * Errors: WS_QUERY_ERROR_UNKNOWN_WORD for a pinned word the model lacks,
 * WS_QUERY_ERROR_INVALID when the analogy projection is asked of a
 * query that is not an analogy, or what ws_projection_new reports. */
WsPlotScene *ws_scene_build        (WsVectors            *vectors,
                                    WsExpression         *expression,
                                    GArray               *results,
                                    const WsSceneOptions *options,
                                    GCancellable         *cancellable,
                                    GError              **error);

G_END_DECLS
