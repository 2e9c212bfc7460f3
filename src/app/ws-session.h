/* ws-session.h: what the window shows, held outside any widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session holds the loaded model, the loading state, the current query,
 * its results (a GListModel of WsResultItem) and the map of the words around
 * it. Widgets observe it through properties and signals and redraw; none of
 * them owns any of this.
 */
#pragma once

#include <gio/gio.h>

#include "ws-plot-scene.h"
#include "ws-scene-file.h"
#include "ws-vectors.h"

G_BEGIN_DECLS

typedef enum
{
  WS_SESSION_POINT_QUERY,      /* a word of the query */
  WS_SESSION_POINT_ANSWER,     /* the best result */
  WS_SESSION_POINT_RESULT,     /* another result */
  WS_SESSION_POINT_NEIGHBOR,   /* a near neighbour of a query word */
  WS_SESSION_POINT_PREDICTED,  /* where b − a + c lands: not a word */
} WsSessionPointKind;

typedef struct
{
  char               *word;
  WsSessionPointKind  kind;
  double              x;
  double              y;
  double              score;   /* cosine to the query vector, or NaN */
} WsSessionPoint;

/* The map of one query: points projected to 2D (the scene's points, as
 * data). For an analogy `a : b :: c : ?`, @analogy holds the indices of a,
 * b, c and the predicted point; otherwise they are -1. @answer is the best
 * result's index or -1. @mismatch is the point the scene builder flags
 * WS_PLOT_POINT_MISMATCH. */
typedef struct
{
  GArray *points;              /* WsSessionPoint */
  int     analogy[4];
  int     answer;
  char   *projection;          /* "local", "analogy" or "global": what was used */
  char   *query;
  char   *mismatch;            /* a list's word that doesn't match the others, or NULL */
} WsSessionMap;

#define WS_TYPE_SESSION (ws_session_get_type ())
G_DECLARE_FINAL_TYPE (WsSession, ws_session, WS, SESSION, GObject)

WsSession          *ws_session_new                (void);

/* The model */
WsVectors          *ws_session_get_vectors        (WsSession    *self);
/* Replaces the model at once (tests, in-memory models). */
void                ws_session_set_vectors        (WsSession    *self,
                                                   WsVectors    *vectors);
/* "wordspace-en.bin" and "50,000 words · 100 dimensions". */
const char         *ws_session_get_title          (WsSession    *self);
const char         *ws_session_get_subtitle       (WsSession    *self);

/* Loading: runs in a worker thread; "load-finished" tells the end. A
 * failure or a cancel leaves the previous model in place. */
void                ws_session_load               (WsSession    *self,
                                                   GFile        *file);
void                ws_session_cancel_load        (WsSession    *self);
gboolean            ws_session_get_loading        (WsSession    *self);
double              ws_session_get_load_fraction  (WsSession    *self);
guint64             ws_session_get_load_words     (WsSession    *self);
/* Seconds left, or -1 while unknown. */
double              ws_session_get_load_seconds_left (WsSession *self);
char               *ws_session_get_load_file      (WsSession    *self);

/* Completion: TRUE once the prefix index of the current model is built. */
gboolean            ws_session_get_completion_ready (WsSession  *self);
/* Up to @max vocabulary words starting with @prefix, ignoring case, most
 * frequent first; NULL-terminated. */
GStrv               ws_session_complete           (WsSession    *self,
                                                   const char   *prefix,
                                                   guint         max);

/* The query: computed in a worker thread; "query-finished" tells the end. */
void                ws_session_run_query          (WsSession    *self,
                                                   const char   *text);
const char         *ws_session_get_query          (WsSession    *self);
gboolean            ws_session_get_busy           (WsSession    *self);
GListModel         *ws_session_get_results        (WsSession    *self);
/* Why the last query has no answer, or NULL. */
const char         *ws_session_get_query_error    (WsSession    *self);
/* The query's words the model does not know, and spellings it does know
 * for the first of them. */
const char * const *ws_session_get_unknown_words  (WsSession    *self);
const char * const *ws_session_get_suggestions    (WsSession    *self);
const WsSessionMap *ws_session_get_map            (WsSession    *self);
/* The map as the renderer draws it (NULL before the first answer). */
WsPlotScene        *ws_session_get_scene          (WsSession    *self);
/* Where in the query text the error is: the first unknown word, or the
 * place a parse error points at, in bytes [start, end). */
gboolean            ws_session_get_unknown_span   (WsSession    *self,
                                                   gsize        *start,
                                                   gsize        *end);

/* Map settings; changing one redraws the current query's map. */
guint               ws_session_get_neighbors      (WsSession    *self);
void                ws_session_set_neighbors      (WsSession    *self,
                                                   guint         neighbors);
const char         *ws_session_get_projection     (WsSession    *self);
void                ws_session_set_projection     (WsSession    *self,
                                                   const char   *projection);

/* Known words to offer for @word (ws_suggest), best first; empty
 * without a model. */
GStrv               ws_session_suggest            (WsSession    *self,
                                                   const char   *word,
                                                   guint         max);

/* Cosine similarity of two words, as gensim's similarity (). */
gboolean            ws_session_similarity         (WsSession    *self,
                                                   const char   *word1,
                                                   const char   *word2,
                                                   float        *similarity,
                                                   GError      **error);

/* The figure. What its author marks on the map: a word pinned (always
 * shown), hidden (never, unless a query word) or highlighted (a ring), and
 * notes (callouts). They belong to the query: a new query starts without
 * them, the same one asked again keeps them. Pinning and hiding make a new
 * map; a highlight and a note change the map there is ("marks-changed"). */
typedef enum
{
  WS_SESSION_MARK_PINNED,
  WS_SESSION_MARK_HIDDEN,
  WS_SESSION_MARK_HIGHLIGHTED,
} WsSessionMark;

gboolean            ws_session_get_mark           (WsSession     *self,
                                                   const char    *word,
                                                   WsSessionMark  mark);
void                ws_session_set_mark           (WsSession     *self,
                                                   const char    *word,
                                                   WsSessionMark  mark,
                                                   gboolean       on);
guint               ws_session_get_n_annotations  (WsSession    *self);
const WsPlotAnnotation *ws_session_get_annotation (WsSession    *self,
                                                   guint         index);
guint               ws_session_add_annotation     (WsSession              *self,
                                                   const WsPlotAnnotation *annotation);
void                ws_session_set_annotation     (WsSession              *self,
                                                   guint                   index,
                                                   const WsPlotAnnotation *annotation);
void                ws_session_remove_annotation  (WsSession    *self,
                                                   guint         index);

/* The current figure as a scene record: the model (path, size,
 * fingerprint; none for a model in memory), the query, projection,
 * neighbours and the marks. The view and the look are the map widget's:
 * the window adds them (ws_scene_file_update_from_plot). Errors: the
 * model file can't be read for its fingerprint. */
WsSceneFile        *ws_session_get_scene_file     (WsSession    *self,
                                                   GError      **error);
/* Takes @scene's query, projection, neighbours and marks, and runs the
 * query on the current model (the window loads the scene's model first). */
void                ws_session_apply_scene_file   (WsSession         *self,
                                                   const WsSceneFile *scene);

G_END_DECLS
