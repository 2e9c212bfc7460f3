/* ws-lesson-file.c: a lesson, the .wordspace-lesson file: scenes in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wordspace-scene"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ws-lesson-file.h"
#include "ws-scene-file-private.h"

#define FORMAT_NAME        "wordspace-lesson"
#define BUNDLED_MODEL_NAME "wordspace-en.bin"

static void
step_free (gpointer data)
{
  WsLessonStep *step = data;

  g_free (step->title);
  g_free (step->notes);
  ws_scene_file_free (step->scene);
  g_clear_pointer (&step->kept, json_node_unref);
  g_free (step);
}

WsLessonFile *
ws_lesson_file_new (void)
{
  WsLessonFile *self = g_new0 (WsLessonFile, 1);

  self->title = g_strdup ("");
  self->steps = g_ptr_array_new_with_free_func (step_free);
  return self;
}

void
ws_lesson_file_free (WsLessonFile *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  ws_scene_model_clear (&self->model);
  g_free (self->model_path);
  g_ptr_array_unref (self->steps);
  g_clear_pointer (&self->kept, json_node_unref);
  g_free (self);
}

char *
ws_lesson_file_bundled_model_path (void)
{
  g_autofree char *source = g_build_filename (WS_SOURCE_DATADIR, BUNDLED_MODEL_NAME, NULL);

  if (g_file_test (source, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&source);
  return g_build_filename (PKGDATADIR, BUNDLED_MODEL_NAME, NULL);
}

static char *
resolve_model_path (const char *path,
                    const char *base_dir)
{
  g_autofree char *cwd = NULL;

  if (strcmp (path, WS_LESSON_FILE_BUNDLED_MODEL) == 0)
    return ws_lesson_file_bundled_model_path ();
  if (g_path_is_absolute (path))
    return g_strdup (path);
  if (base_dir == NULL)
    base_dir = cwd = g_get_current_dir ();
  return g_canonicalize_filename (path, base_dir);
}

void
ws_lesson_file_set_model (WsLessonFile       *self,
                          const WsSceneModel *model,
                          const char         *base_dir)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (model != NULL && model->path != NULL);

  ws_scene_model_copy_into (&self->model, model);
  g_free (self->model_path);
  self->model_path = resolve_model_path (model->path, base_dir);
  for (guint i = 0; i < self->steps->len; i++)
    {
      WsLessonStep *step = g_ptr_array_index (self->steps, i);

      ws_scene_model_copy_into (&step->scene->model, &self->model);
      g_free (step->scene->model.path);
      step->scene->model.path = g_strdup (self->model_path);
    }
}

guint
ws_lesson_file_get_n_steps (const WsLessonFile *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->steps->len;
}

WsLessonStep *
ws_lesson_file_get_step (const WsLessonFile *self,
                         guint               index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->steps->len, NULL);

  return g_ptr_array_index (self->steps, index);
}

WsLessonStep *
ws_lesson_file_add_step (WsLessonFile *self,
                         const char   *title,
                         const char   *notes,
                         WsSceneFile  *scene)
{
  WsLessonStep *step;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (scene != NULL, NULL);

  step = g_new0 (WsLessonStep, 1);
  step->title = g_strdup (title != NULL ? title : "");
  step->notes = g_strdup (notes != NULL ? notes : "");
  step->scene = scene;
  if (self->model.path != NULL)
    {
      ws_scene_model_copy_into (&scene->model, &self->model);
      g_free (scene->model.path);
      scene->model.path = g_strdup (self->model_path);
    }
  g_ptr_array_add (self->steps, step);
  return step;
}

/* Reading ---------------------------------------------------------------- */

static gboolean
read_text (JsonObject  *o,
           const char  *member,
           const char  *key,
           const char  *name,
           char       **out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return ws_scene_file_set_invalid (error, name, key, _("a string"), node);
  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static WsLessonStep *
read_step (JsonNode            *node,
           guint                index,
           const char          *name,
           const WsSceneModel  *model,
           GError             **error)
{
  g_autofree char *where = g_strdup_printf ("steps[%u]", index);
  g_autofree char *title_key = g_strdup_printf ("steps[%u].title", index);
  g_autofree char *notes_key = g_strdup_printf ("steps[%u].notes", index);
  g_autofree char *scene_key = g_strdup_printf ("steps[%u].scene", index);
  g_autofree char *title = NULL;
  g_autofree char *notes = NULL;
  JsonObject *o;
  JsonNode *scene_node;
  WsSceneFile *scene;
  WsLessonStep *step;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      ws_scene_file_set_invalid (error, name, where,
                                 _("a step: an object with “title”, “notes” and “scene”"), node);
      return NULL;
    }
  o = json_node_get_object (node);
  if (!read_text (o, "title", title_key, name, &title, error) ||
      !read_text (o, "notes", notes_key, name, &notes, error))
    return NULL;
  scene_node = json_object_get_member (o, "scene");
  if (scene_node == NULL || !JSON_NODE_HOLDS_OBJECT (scene_node))
    {
      ws_scene_file_set_invalid (error, name, scene_key,
                                 _("a scene: an object with “query” or “words”"), scene_node);
      return NULL;
    }
  scene = ws_scene_file_load_from_node (scene_node, name, scene_key, model, error);
  if (scene == NULL)
    return NULL;

  step = g_new0 (WsLessonStep, 1);
  step->title = title != NULL ? g_steal_pointer (&title) : g_strdup ("");
  step->notes = notes != NULL ? g_steal_pointer (&notes) : g_strdup ("");
  step->scene = scene;
  step->kept = json_node_ref (node);
  return step;
}

WsLessonFile *
ws_lesson_file_load_from_data (const char  *data,
                               gssize       length,
                               const char  *name,
                               const char  *base_dir,
                               GError     **error)
{
  g_autoptr(JsonNode) root_node = NULL;
  g_autoptr(WsLessonFile) self = NULL;
  WsSceneModel resolved = { 0 };
  JsonObject *root;
  JsonNode *steps;
  JsonArray *array;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((root_node = ws_scene_file_parse_json (data, length, name, error)) == NULL)
    return NULL;
  root = json_node_get_object (root_node);
  self = ws_lesson_file_new ();
  if (!ws_scene_file_read_version (root, FORMAT_NAME, name, error) ||
      !read_text (root, "title", "title", name, &self->title, error) ||
      !ws_scene_file_read_model (root, name, &self->model, error))
    return NULL;
  self->model_path = resolve_model_path (self->model.path, base_dir);

  steps = json_object_get_member (root, "steps");
  if (steps == NULL || !JSON_NODE_HOLDS_ARRAY (steps) ||
      json_array_get_length (array = json_node_get_array (steps)) == 0)
    {
      ws_scene_file_set_invalid (error, name, "steps", _("a list of at least one step [ { … } ]"),
                                 steps);
      return NULL;
    }
  /* The steps' scenes open the resolved file; the lesson keeps the path
   * as written, so that "@bundled" stays portable when saved again. */
  resolved = self->model;
  resolved.path = self->model_path;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      WsLessonStep *step = read_step (json_array_get_element (array, i), i, name, &resolved, error);

      if (step == NULL)
        return NULL;
      g_ptr_array_add (self->steps, step);
    }
  self->kept = json_node_ref (root_node);
  return g_steal_pointer (&self);
}

WsLessonFile *
ws_lesson_file_load (const char  *path,
                     GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GError) local = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_name (path);
  if (!g_file_get_contents (path, &contents, &length, &local))
    {
      /* GLib's message names the file and the reason. */
      g_set_error (error, WS_SCENE_FILE_ERROR, WS_SCENE_FILE_ERROR_READ,
                   _("Can’t read the lesson: %s"), local->message);
      return NULL;
    }
  dir = g_path_get_dirname (path);
  if (!g_path_is_absolute (dir))
    {
      g_autofree char *relative = g_steal_pointer (&dir);

      dir = g_canonicalize_filename (relative, NULL);
    }
  return ws_lesson_file_load_from_data (contents, length, display, dir, error);
}

gboolean
ws_lesson_file_sniff (const char *data,
                      gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;
  JsonNode *member;
  const char *format;

  g_return_val_if_fail (data != NULL, FALSE);

  while (length > 0 && g_ascii_isspace (*data))
    data++, length--;
  if (length == 0 || *data != '{')
    return FALSE;
  if (!json_parser_load_from_data (parser, data, length, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  /* Any JSON object may come here (the window sniffs every file it
   * opens): a "format" that is not a string is simply not ours. */
  member = json_object_get_member (json_node_get_object (root), "format");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_STRING)
    return FALSE;
  format = json_node_get_string (member);
  return strcmp (format, FORMAT_NAME) == 0;
}

/* Writing ---------------------------------------------------------------- */

static void
put_indent (GString *out,
            int      depth)
{
  for (int i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void
put_member (GString    *out,
            int         depth,
            gboolean    first,
            const char *name)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), name);
  g_autofree char *text = json_to_string (node, FALSE);

  g_string_append (out, first ? "\n" : ",\n");
  put_indent (out, depth);
  g_string_append (out, text);
  g_string_append (out, ": ");
}

static void
put_string (GString    *out,
            const char *s)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), s);
  g_autofree char *text = json_to_string (node, FALSE);

  g_string_append (out, text);
}

/* The members of @kept this version does not know, as they were. */
static void
put_kept (GString           *out,
          int                depth,
          JsonNode          *kept,
          const char *const *known)
{
  g_autoptr(GList) names = NULL;
  JsonObject *o;

  if (kept == NULL || !JSON_NODE_HOLDS_OBJECT (kept))
    return;
  o = json_node_get_object (kept);
  names = json_object_get_members (o);
  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autofree char *text = NULL;

      if (g_strv_contains (known, l->data))
        continue;
      text = json_to_string (json_object_get_member (o, l->data), FALSE);
      put_member (out, depth, FALSE, l->data);
      g_string_append (out, text);
    }
}

static const char *const known_top[] = { "format", "version", "title", "model", "steps", NULL };
static const char *const known_step[] = { "title", "notes", "scene", NULL };

char *
ws_lesson_file_to_data (const WsLessonFile *self,
                        gsize              *length)
{
  GString *out = g_string_new ("{");
  g_autofree char *version = g_strdup_printf ("%d.%d", WS_LESSON_FILE_VERSION_MAJOR,
                                              WS_LESSON_FILE_VERSION_MINOR);
  g_autofree char *model = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  put_member (out, 1, TRUE, "format");
  put_string (out, FORMAT_NAME);
  put_member (out, 1, FALSE, "version");
  put_string (out, version);
  put_member (out, 1, FALSE, "title");
  put_string (out, self->title != NULL ? self->title : "");
  put_member (out, 1, FALSE, "model");
  {
    WsSceneModel written = self->model;

    if (written.path == NULL)
      written.path = (char *) "";
    model = ws_scene_model_to_data (&written, self->kept, 1);
  }
  g_string_append (out, model);
  put_member (out, 1, FALSE, "steps");
  g_string_append_c (out, '[');
  for (guint i = 0; i < self->steps->len; i++)
    {
      const WsLessonStep *step = g_ptr_array_index (self->steps, i);
      g_autofree char *scene = ws_scene_file_object_to_data (step->scene, 3);

      g_string_append (out, i > 0 ? ",\n" : "\n");
      put_indent (out, 2);
      g_string_append_c (out, '{');
      put_member (out, 3, TRUE, "title");
      put_string (out, step->title);
      put_member (out, 3, FALSE, "notes");
      put_string (out, step->notes);
      put_member (out, 3, FALSE, "scene");
      g_string_append (out, scene);
      put_kept (out, 3, step->kept, known_step);
      g_string_append_c (out, '\n');
      put_indent (out, 2);
      g_string_append_c (out, '}');
    }
  if (self->steps->len > 0)
    {
      g_string_append_c (out, '\n');
      put_indent (out, 1);
    }
  g_string_append_c (out, ']');
  put_kept (out, 1, self->kept, known_top);
  g_string_append (out, "\n}\n");

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

gboolean
ws_lesson_file_save (const WsLessonFile *self,
                     const char         *path,
                     GError            **error)
{
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  text = ws_lesson_file_to_data (self, &length);
  return g_file_set_contents (path, text, length, error);
}
