/* ws-lesson-file.h: a lesson, the .wordspace-lesson file: scenes in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A lesson is what a lecturer prepares: one model and an ordered list of
 * steps, each a scene (ws-scene-file.h, without the model, which the
 * steps share) with a title and speaker notes. The README shows the
 * format. Each step's scene is read and written by the scene file's own
 * code, so a bad step gets a scene's messages, its keys named from the top
 * of the lesson ("steps[2].scene.query"). Unknown members are kept, at the
 * top, in each step and in each scene. No GTK here.
 *
 * The model path may be "@bundled": the model Wordspace ships, found where
 * the programs find it (the source tree when run from a build, else the
 * installed data folder), so that shipped lessons work on any machine. A
 * relative path is taken relative to the lesson's folder.
 */
#pragma once

#include "ws-scene-file.h"

G_BEGIN_DECLS

#define WS_LESSON_FILE_VERSION_MAJOR 1
#define WS_LESSON_FILE_VERSION_MINOR 0
#define WS_LESSON_FILE_EXTENSION     ".wordspace-lesson"
#define WS_LESSON_FILE_BUNDLED_MODEL "@bundled"

typedef struct
{
  char             *title;
  char             *notes;   /* the speaker notes; "" when none */
  WsSceneFile      *scene;   /* its model is the lesson's, resolved */

  /*< private >*/
  struct _JsonNode *kept;    /* the step as read, for its unknown members */
} WsLessonStep;

/* A plain record, like WsSceneFile. */
typedef struct
{
  char             *title;
  WsSceneModel      model;          /* as written: "@bundled", relative or absolute */
  char             *model_path;     /* the file to open: @model's path resolved */
  GPtrArray        *steps;          /* WsLessonStep, owned */

  /*< private >*/
  struct _JsonNode *kept;
} WsLessonFile;

WsLessonFile *ws_lesson_file_new       (void);
void          ws_lesson_file_free      (WsLessonFile       *self);

/* Parses a lesson; @name names it in messages; a relative model path is
 * resolved against @base_dir (NULL: the current folder). Errors are
 * WS_SCENE_FILE_ERROR, as a scene's. */
WsLessonFile *ws_lesson_file_load_from_data (const char    *data,
                                             gssize         length,
                                             const char    *name,
                                             const char    *base_dir,
                                             GError       **error);
WsLessonFile *ws_lesson_file_load      (const char         *path,
                                        GError            **error);
/* The file's text; the same record always gives the same bytes. */
char         *ws_lesson_file_to_data   (const WsLessonFile *self,
                                        gsize              *length);
gboolean      ws_lesson_file_save      (const WsLessonFile *self,
                                        const char         *path,
                                        GError            **error);

guint         ws_lesson_file_get_n_steps (const WsLessonFile *self);
WsLessonStep *ws_lesson_file_get_step  (const WsLessonFile *self,
                                        guint               index);
/* Appends a step; takes @scene, whose model becomes the lesson's. */
WsLessonStep *ws_lesson_file_add_step  (WsLessonFile       *self,
                                        const char         *title,
                                        const char         *notes,
                                        WsSceneFile        *scene);
/* Sets the lesson's model (as it is to be written) and resolves it. */
void          ws_lesson_file_set_model (WsLessonFile       *self,
                                        const WsSceneModel *model,
                                        const char         *base_dir);

/* The bundled model's file: in the source tree when it is there, else
 * where meson installs it. */
char         *ws_lesson_file_bundled_model_path (void);

/* TRUE when @data starts like a lesson: a JSON object whose "format" is
 * "wordspace-lesson" (a cheap look, for telling lessons from scenes). */
gboolean      ws_lesson_file_sniff     (const char         *data,
                                        gsize               length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WsLessonFile, ws_lesson_file_free)

G_END_DECLS
