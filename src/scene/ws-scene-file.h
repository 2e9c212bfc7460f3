/* ws-scene-file.h: a figure's recipe, the .wordspace scene file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A scene file holds everything that decides a figure: the model (where it
 * was, and a fingerprint to tell it is the same), the query or a word
 * list, the projection and what the author pinned, hid, highlighted and
 * annotated, the view, the appearance and the size. It is JSON (the README
 * shows the format); exported figures carry the same text
 * (ws-plot-metadata.h), so a figure rebuilds itself.
 *
 * Reading: unknown members (of a newer minor version) are ignored and kept
 * for the next save, at the top level and in each known object; a newer
 * major version is refused. Errors name the file, the line and column (for
 * text that is not JSON) or the key (for a value of the wrong kind), and
 * what was expected. No GTK here: the CLI and the window share it.
 */
#pragma once

#include "ws-plot-scene.h"
#include "ws-projection.h"
#include "ws-scene-builder.h"
#include "ws-vectors.h"

G_BEGIN_DECLS

#define WS_SCENE_FILE_ERROR (ws_scene_file_error_quark ())

typedef enum
{
  WS_SCENE_FILE_ERROR_PARSE,         /* not JSON; the message has line:column */
  WS_SCENE_FILE_ERROR_VERSION,       /* no "format"/"version", or a newer major version */
  WS_SCENE_FILE_ERROR_INVALID,       /* a member of the wrong kind or out of range; names the key */
  WS_SCENE_FILE_ERROR_MODEL_MISSING, /* the model file named is not there */
  WS_SCENE_FILE_ERROR_MODEL_CHANGED, /* it is there but its size, fingerprint or shape differ */
  WS_SCENE_FILE_ERROR_READ,          /* the scene file (or figure) can't be read */
} WsSceneFileError;

/* This version writes 1.0; it reads any 1.x. */
#define WS_SCENE_FILE_VERSION_MAJOR 1
#define WS_SCENE_FILE_VERSION_MINOR 0
#define WS_SCENE_FILE_EXTENSION     ".wordspace"

typedef struct
{
  char    *path;         /* as recorded: absolute when written by Wordspace */
  guint64  size;         /* bytes; 0 when not recorded (not checked) */
  guint64  dimensions;   /* 0 when not recorded */
  guint64  words;        /* after @limit; 0 when not recorded */
  guint64  limit;        /* only the first @limit words were read; 0 for all */
  char    *fingerprint;  /* ws_scene_file_fingerprint (); NULL when not recorded */
} WsSceneModel;

/* A plain record: read and change its members directly. Strings and
 * arrays are owned (g_free, g_strfreev); @annotations holds
 * WsPlotAnnotation and clears them. */
typedef struct
{
  WsSceneModel        model;
  char               *query;        /* the query as typed; NULL when @words is set */
  char              **words;        /* a word list; NULL when @query is set */
  WsProjectionMethod  method;
  guint64             topn;         /* results asked of the query (default 10) */
  guint64             neighbors;
  guint64             restrict_vocab;
  char              **pinned;       /* NULL-terminated, never NULL */
  char              **hidden;
  char              **highlights;
  GArray             *annotations;  /* WsPlotAnnotation */
  double              zoom;         /* the view, as ws_plot_scene_set_view takes it */
  double              pan_x;
  double              pan_y;
  WsPlotTheme         theme;
  double              text_scale;
  gboolean            transparent;  /* no background around the plot area */
  guint               width;        /* the figure, in points (pixels at scale 1) */
  guint               height;
  double              scale;        /* a PNG's pixels per point */

  /*< private >*/
  struct _JsonNode   *kept;         /* the file as read, for its unknown members */
} WsSceneFile;

GQuark       ws_scene_file_error_quark (void);

/* The defaults: no model, no query, local projection, top 10, no
 * neighbours, zoom 1, light theme, text scale 1, 1280 × 800 at scale 1. */
WsSceneFile *ws_scene_file_new         (void);
WsSceneFile *ws_scene_file_copy        (const WsSceneFile *self);
void         ws_scene_file_free        (WsSceneFile       *self);

/* Parses a scene from @data (UTF-8 JSON, @length bytes or NUL-terminated
 * when -1). @name names the source in messages (a path, or "the PNG's
 * scene"…). */
WsSceneFile *ws_scene_file_load_from_data (const char    *data,
                                           gssize         length,
                                           const char    *name,
                                           GError       **error);
/* Reads @path: a .wordspace file, or a PNG, SVG or PDF exported by
 * Wordspace (told apart by their first bytes, not the name), whose
 * carried scene is read. A figure with no scene fails with WS_PLOT_ERROR.
 * A relative model path is taken relative to @path's folder and made
 * absolute. */
WsSceneFile *ws_scene_file_load        (const char        *path,
                                        GError           **error);
/* The file's text: the members in a fixed order, numbers in their shortest
 * exact form, then any unknown members kept from reading; ends in a
 * newline. The same record always gives the same bytes. */
char        *ws_scene_file_to_data     (const WsSceneFile *self,
                                        gsize             *length);
gboolean     ws_scene_file_save        (const WsSceneFile *self,
                                        const char        *path,
                                        GError           **error);

/* The model's fingerprint: "sha256-ends:" and the SHA-256 of the size and
 * the first and last 64 KiB. Reading all of a 3.6 GB model to hash it
 * would take longer than loading it; the ends hold the header (word count,
 * dimensions) and the first and last rows, which any retraining, cut or
 * conversion changes, and the size catches the rest of most edits. A
 * change confined to the middle of the file is not seen. Sets @size. */
char        *ws_scene_file_fingerprint (const char        *path,
                                        guint64           *size,
                                        GError           **error);

/* Records @vectors (loaded from @path with @limit) as the scene's model:
 * the absolute path, size, fingerprint, dimensions and word count. */
gboolean     ws_scene_file_set_model   (WsSceneFile       *self,
                                        const char        *path,
                                        guint64            limit,
                                        WsVectors         *vectors,
                                        GError           **error);
/* Checks, before loading, that the model file is there and is the one
 * recorded: at @path_override when not NULL (a model moved elsewhere),
 * else at the recorded path. @check_fingerprint FALSE skips the size and
 * fingerprint. Errors: WS_SCENE_FILE_ERROR_MODEL_MISSING or _CHANGED,
 * naming the file expected and, when changed, how it differs; what to do
 * about it is for the caller to say (the CLI's --model and
 * --ignore-fingerprint, the window's "Locate…"). */
gboolean     ws_scene_file_check_model (const WsSceneFile *self,
                                        const char        *path_override,
                                        gboolean           check_fingerprint,
                                        GError           **error);
/* After loading: the model's dimensions and word count are the recorded
 * ones (WS_SCENE_FILE_ERROR_MODEL_CHANGED otherwise). */
gboolean     ws_scene_file_check_vectors (const WsSceneFile *self,
                                          WsVectors         *vectors,
                                          GError           **error);

/* The query to run: @query, or the words joined as a list query. */
char        *ws_scene_file_get_query_text (const WsSceneFile *self);
/* The builder's options, borrowing the scene's arrays (valid while @self
 * is unchanged). */
void         ws_scene_file_get_options (const WsSceneFile *self,
                                        WsSceneOptions    *options);
/* The map of @self's options for @expression (parsed and checked against
 * @vectors) and its @results (topn, restrict_vocab as recorded; lists
 * too): what the window shows and `render --scene` draws, so that both
 * take it from here. A method other than local that can't draw this
 * query (analogy axes for a query that is no analogy) falls back to
 * local PCA; @method_used (may be NULL) says which was drawn. Sets no
 * view or look. Errors: those of ws_scene_build. */
WsPlotScene *ws_scene_file_build_map   (const WsSceneFile   *self,
                                        WsVectors           *vectors,
                                        WsExpression        *expression,
                                        GArray              *results,
                                        WsProjectionMethod  *method_used,
                                        GCancellable        *cancellable,
                                        GError             **error);
/* The whole recipe: parses the query, asks the model for @topn results,
 * builds the map (ws_scene_file_build_map) and sets the view, theme and
 * text scale. Errors: WS_QUERY_ERROR (a query that can't be parsed or
 * answered) or what ws_scene_build reports. */
WsPlotScene *ws_scene_file_build       (const WsSceneFile *self,
                                        WsVectors         *vectors,
                                        GCancellable      *cancellable,
                                        GError           **error);
/* The same, saying in @method_used which projection was drawn. */
WsPlotScene *ws_scene_file_build_full  (const WsSceneFile   *self,
                                        WsVectors           *vectors,
                                        WsProjectionMethod  *method_used,
                                        GCancellable        *cancellable,
                                        GError             **error);
/* Takes what the person changed on the map into the record: the view, the
 * theme, the text scale, the transparency, the annotations and the
 * highlighted points. */
void         ws_scene_file_update_from_plot (WsSceneFile *self,
                                             WsPlotScene *plot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WsSceneFile, ws_scene_file_free)

G_END_DECLS
