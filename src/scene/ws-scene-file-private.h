/* ws-scene-file-private.h: the scene reader and writer, for files that hold scenes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A lesson (ws-lesson-file.h) is a list of scenes under one model. It reads
 * and writes each step's scene with the scene file's own code, so the two
 * formats can't drift apart and a bad step gets the same messages as a bad
 * scene, its keys named from the top of the lesson ("steps[2].scene.query").
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ws-scene-file.h"

G_BEGIN_DECLS

/* Parses @data as one JSON object; errors name @name, the line and column.
 * Returns a new reference. */
JsonNode    *ws_scene_file_parse_json     (const char          *data,
                                           gssize               length,
                                           const char          *name,
                                           GError             **error);
/* Checks "format" is @format_name and "version" a 1.x. */
gboolean     ws_scene_file_read_version   (JsonObject          *root,
                                           const char          *format_name,
                                           const char          *name,
                                           GError             **error);
/* Reads the member "model" of @root into @model (cleared by the caller). */
gboolean     ws_scene_file_read_model     (JsonObject          *root,
                                           const char          *name,
                                           WsSceneModel        *model,
                                           GError             **error);
/* Reads a scene object: the members of a scene file but "format" and
 * "version". With @model, the scene takes that model and the node's own
 * "model" is not read. @prefix (or NULL) goes before every key named in a
 * message. Unknown members are kept in the result. */
WsSceneFile *ws_scene_file_load_from_node (JsonNode            *node,
                                           const char          *name,
                                           const char          *prefix,
                                           const WsSceneModel  *model,
                                           GError             **error);
/* The scene's object without format, version and model, its lines
 * indented for nesting at @depth (two spaces each); no final newline. */
char        *ws_scene_file_object_to_data (const WsSceneFile   *self,
                                           int                  depth);
/* The model's object, with the unknown members of @kept's "model". */
char        *ws_scene_model_to_data       (const WsSceneModel  *model,
                                           JsonNode            *kept,
                                           int                  depth);
/* Sets WS_SCENE_FILE_ERROR_INVALID: "name: key “key”: expected …, found …";
 * returns FALSE. */
gboolean     ws_scene_file_set_invalid    (GError             **error,
                                           const char          *name,
                                           const char          *key,
                                           const char          *expected,
                                           JsonNode            *found);
void         ws_scene_model_clear         (WsSceneModel        *model);
void         ws_scene_model_copy_into     (WsSceneModel        *dest,
                                           const WsSceneModel  *src);

G_END_DECLS
