/* ws-projection.h: words of a model placed on a 2D or 3D map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one projection API the renderer, the window and the CLI use: give the
 * model, the rows to place and a method; get their coordinates, the variance
 * each axis explains (where that is defined) and the method back.
 *
 * Methods:
 *  LOCAL    PCA of just these rows (ws-pca.h: equal to scikit-learn 1.2's
 *           PCA, same sign convention). The axes follow the selection.
 *  GLOBAL   the rows placed on the principal axes of the whole vocabulary (or
 *           of its first global_rows rows). Those axes are computed once per
 *           model and kept with it (ws_projection_get_global_pca), so they
 *           stay put from one query to the next.
 *  ANALOGY  for a : b :: c : ?, axes taken from the query itself: x is the
 *           unit vector along b − a, y the part of c − a orthogonal to x, made
 *           unit (Gram-Schmidt). Coordinates are (v − a)·x and (v − a)·y, so a
 *           sits at the origin, b on the positive x axis, c above it, and the
 *           parallelogram a, b, c, c + b − a is drawn true. The vectors
 *           projected are the unit-normalised ones, the vectors gensim's
 *           most_similar adds and subtracts. A third axis, when asked for, is
 *           the first principal component of what x and y leave of the rows.
 *
 * LOCAL and GLOBAL project the vectors as stored in the file, as
 * scikit-learn would be given them, unless unit_vectors is set.
 */
#pragma once

#include <gio/gio.h>

#include "ws-pca.h"
#include "ws-query-error.h"
#include "ws-vectors.h"

G_BEGIN_DECLS

typedef enum
{
  WS_PROJECTION_LOCAL,
  WS_PROJECTION_GLOBAL,
  WS_PROJECTION_ANALOGY,
} WsProjectionMethod;

typedef struct
{
  WsProjectionMethod method;
  guint              n_components;   /* 2 or 3 */
  gboolean           unit_vectors;   /* LOCAL, GLOBAL: project unit vectors */
  gsize              global_rows;    /* GLOBAL: axes of the first N rows; 0: all */
  gsize              analogy[3];     /* ANALOGY: the model rows of a, b and c */
} WsProjectionOptions;

#define WS_TYPE_PROJECTION (ws_projection_get_type ())
G_DECLARE_FINAL_TYPE (WsProjection, ws_projection, WS, PROJECTION, GObject)

/* LOCAL, 2 components, stored vectors, all rows for GLOBAL. */
void                ws_projection_options_init      (WsProjectionOptions *options);

const char         *ws_projection_method_to_string  (WsProjectionMethod   method);
/* "local", "global" or "analogy"; FALSE for anything else. */
gboolean            ws_projection_method_from_string (const char         *name,
                                                      WsProjectionMethod *method);

/* Places @n_rows rows of @vectors (model row numbers; LOCAL needs at least
 * 2). GLOBAL computes the model's axes on first use, which takes a while on
 * millions of words: call it from a worker thread, or get the axes first with
 * ws_projection_get_global_pca. Errors are in WS_QUERY_ERROR (INVALID: a row
 * out of range, too few rows, a degenerate analogy) or G_IO_ERROR_CANCELLED. */
WsProjection       *ws_projection_new               (WsVectors                 *vectors,
                                                     const gsize               *rows,
                                                     gsize                      n_rows,
                                                     const WsProjectionOptions *options,
                                                     GCancellable              *cancellable,
                                                     GError                   **error);

/* The global axes of @vectors' first @n_rows rows (0: all), of its stored or
 * its unit vectors: computed on the first call (with WS_PCA_MAX_COMPONENTS
 * axes) and kept with @vectors, so later calls return the same object at
 * once. Safe to call from any thread. */
WsPca              *ws_projection_get_global_pca    (WsVectors     *vectors,
                                                     gsize          n_rows,
                                                     gboolean       unit_vectors,
                                                     GCancellable  *cancellable,
                                                     GError       **error);

/* The global axes ws_projection_get_global_pca () has kept for these
 * arguments, or NULL: never computes them and never waits (NULL too while
 * another thread is computing or looking them up). For a window or a test
 * asking from the main thread whether they are ready. */
WsPca              *ws_projection_peek_global_pca   (WsVectors     *vectors,
                                                     gsize          n_rows,
                                                     gboolean       unit_vectors);

WsProjectionMethod  ws_projection_get_method        (WsProjection  *self);
gsize               ws_projection_get_n_rows        (WsProjection  *self);
guint               ws_projection_get_n_components  (WsProjection  *self);
/* The model rows placed, in the order given. */
const gsize        *ws_projection_get_rows          (WsProjection  *self);
/* n_rows × n_components, row-major. */
const double       *ws_projection_get_coordinates   (WsProjection  *self);
double              ws_projection_get_coordinate    (WsProjection  *self,
                                                     gsize          index,
                                                     guint          axis);
/* The fraction of variance @axis explains among the rows it was fit on (the
 * selection for LOCAL, the vocabulary for GLOBAL); NaN for ANALOGY, whose
 * axes are not fit to variance, and when there is no variance at all. */
double              ws_projection_get_explained_variance_ratio (WsProjection *self,
                                                                guint         axis);

G_END_DECLS
