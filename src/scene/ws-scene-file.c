/* ws-scene-file.c: a figure's recipe, the .wordspace scene file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wordspace-scene"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ws-expression.h"
#include "ws-plot-metadata.h"
#include "ws-scene-file-private.h"
#include "ws-text.h"

#define FORMAT_NAME   "wordspace-scene"
#define END_BYTES     (64 * 1024)
#define MAX_SIDE      32767

G_DEFINE_QUARK (ws-scene-file-error-quark, ws_scene_file_error)

static void
clear_annotation (gpointer data)
{
  WsPlotAnnotation *a = data;

  g_clear_pointer (&a->word, g_free);
  g_clear_pointer (&a->text, g_free);
}

static GArray *
annotations_new (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (WsPlotAnnotation));

  g_array_set_clear_func (a, clear_annotation);
  return a;
}

static void
append_annotation (GArray                 *array,
                   const WsPlotAnnotation *a)
{
  WsPlotAnnotation copy = *a;

  copy.word = g_strdup (a->word);
  copy.text = g_strdup (a->text);
  g_array_append_val (array, copy);
}

static char **
empty_strv (void)
{
  return g_new0 (char *, 1);
}

WsSceneFile *
ws_scene_file_new (void)
{
  WsSceneFile *self = g_new0 (WsSceneFile, 1);

  self->method = WS_PROJECTION_LOCAL;
  self->topn = 10;
  self->pinned = empty_strv ();
  self->hidden = empty_strv ();
  self->highlights = empty_strv ();
  self->annotations = annotations_new ();
  self->zoom = 1.0;
  self->theme = WS_PLOT_THEME_LIGHT;
  self->text_scale = 1.0;
  self->width = 1280;
  self->height = 800;
  self->scale = 1.0;
  return self;
}

WsSceneFile *
ws_scene_file_copy (const WsSceneFile *self)
{
  WsSceneFile *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (WsSceneFile, 1);
  *copy = *self;
  copy->model.path = g_strdup (self->model.path);
  copy->model.fingerprint = g_strdup (self->model.fingerprint);
  copy->query = g_strdup (self->query);
  copy->words = g_strdupv (self->words);
  copy->pinned = g_strdupv (self->pinned);
  copy->hidden = g_strdupv (self->hidden);
  copy->highlights = g_strdupv (self->highlights);
  copy->annotations = annotations_new ();
  for (guint i = 0; i < self->annotations->len; i++)
    append_annotation (copy->annotations, &g_array_index (self->annotations, WsPlotAnnotation, i));
  copy->kept = self->kept != NULL ? json_node_copy (self->kept) : NULL;
  return copy;
}

void
ws_scene_file_free (WsSceneFile *self)
{
  if (self == NULL)
    return;
  g_free (self->model.path);
  g_free (self->model.fingerprint);
  g_free (self->query);
  g_strfreev (self->words);
  g_strfreev (self->pinned);
  g_strfreev (self->hidden);
  g_strfreev (self->highlights);
  g_array_unref (self->annotations);
  g_clear_pointer (&self->kept, json_node_unref);
  g_free (self);
}

/* Reading ---------------------------------------------------------------- */

/* Where a value sits, for messages: "model.size", "annotations[2].text". */
typedef struct
{
  const char *name;   /* the file */
  const char *prefix; /* where the scene sits in a larger file ("steps[2].scene"), or NULL */
  GError    **error;
} Reader;

/* @key as the person finds it in the file: below the prefix. */
static char *
full_key (Reader     *r,
          const char *key)
{
  return r->prefix != NULL ? g_strdup_printf ("%s.%s", r->prefix, key) : g_strdup (key);
}

static gboolean
invalid (Reader     *r,
         const char *key,
         const char *expected,
         JsonNode   *found)
{
  const char *kind;
  g_autofree char *where = full_key (r, key);

  if (found == NULL)
    kind = _("nothing");
  else if (JSON_NODE_HOLDS_NULL (found))
    kind = "null";
  else if (JSON_NODE_HOLDS_OBJECT (found))
    kind = _("an object");
  else if (JSON_NODE_HOLDS_ARRAY (found))
    kind = _("an array");
  else if (json_node_get_value_type (found) == G_TYPE_STRING)
    kind = _("a string");
  else if (json_node_get_value_type (found) == G_TYPE_BOOLEAN)
    kind = _("true or false");
  else
    kind = _("a number out of range");
  /* Translators: file: key “model.size”: expected a whole number ≥ 0, found a string */
  g_set_error (r->error, WS_SCENE_FILE_ERROR, WS_SCENE_FILE_ERROR_INVALID,
               _("%s: key “%s”: expected %s, found %s"), r->name, where, expected, kind);
  return FALSE;
}

gboolean
ws_scene_file_set_invalid (GError    **error,
                           const char *name,
                           const char *key,
                           const char *expected,
                           JsonNode   *found)
{
  Reader r = { name, NULL, error };

  return invalid (&r, key, expected, found);
}

static char *
key_path (const char *section,
          const char *member)
{
  return section != NULL ? g_strdup_printf ("%s.%s", section, member) : g_strdup (member);
}

static gboolean
read_string (Reader      *r,
             JsonObject  *o,
             const char  *section,
             const char  *member,
             gboolean     required,
             char       **out)
{
  JsonNode *node = json_object_get_member (o, member);
  g_autofree char *key = key_path (section, member);

  if (node == NULL && !required)
    return TRUE;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (r, key, _("a string"), node);
  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_count (Reader     *r,
            JsonObject *o,
            const char *section,
            const char *member,
            guint64     min,
            guint64     max,
            guint64    *out)
{
  JsonNode *node = json_object_get_member (o, member);
  g_autofree char *key = key_path (section, member);
  g_autofree char *expected = NULL;

  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64 &&
      json_node_get_int (node) >= 0 && (guint64) json_node_get_int (node) >= min &&
      (guint64) json_node_get_int (node) <= max)
    {
      *out = (guint64) json_node_get_int (node);
      return TRUE;
    }
  expected = max == G_MAXINT64 ? g_strdup_printf (_("a whole number ≥ %" PRIu64), min)
                               : g_strdup_printf (_("a whole number from %" PRIu64 " to %"
                                                    PRIu64), min, max);
  return invalid (r, key, expected, node);
}

static gboolean
number_of (JsonNode *node,
           double   *out)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    *out = (double) json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    *out = json_node_get_double (node);
  else
    return FALSE;
  return isfinite (*out);
}

/* A number in [@min, @max]; @min itself excluded when @open_min. */
static gboolean
read_number (Reader     *r,
             JsonObject *o,
             const char *section,
             const char *member,
             double      min,
             gboolean    open_min,
             double      max,
             double     *out)
{
  JsonNode *node = json_object_get_member (o, member);
  g_autofree char *key = key_path (section, member);
  g_autofree char *expected = NULL;
  double v;

  if (node == NULL)
    return TRUE;
  if (number_of (node, &v) && (open_min ? v > min : v >= min) && v <= max)
    {
      *out = v;
      return TRUE;
    }
  if (isinf (max))
    expected = g_strdup (_("a number"));
  else
    expected = g_strdup_printf (open_min ? _("a number above %g and up to %g")
                                         : _("a number from %g to %g"), min, max);
  return invalid (r, key, expected, node);
}

static gboolean
read_pair (Reader     *r,
           JsonObject *o,
           const char *section,
           const char *member,
           gboolean    required,
           double     *a,
           double     *b)
{
  JsonNode *node = json_object_get_member (o, member);
  g_autofree char *key = key_path (section, member);
  JsonArray *array;

  if (node == NULL && !required)
    return TRUE;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (array = json_node_get_array (node)) != 2 ||
      !number_of (json_array_get_element (array, 0), a) ||
      !number_of (json_array_get_element (array, 1), b))
    return invalid (r, key, _("two numbers [x, y]"), node);
  return TRUE;
}

static gboolean
read_words (Reader      *r,
            JsonObject  *o,
            const char  *member,
            char      ***out)
{
  JsonNode *node = json_object_get_member (o, member);
  g_autoptr(GPtrArray) words = NULL;
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (r, member, _("an array of words"), node);
  array = json_node_get_array (node);
  words = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING ||
          *json_node_get_string (e) == '\0')
        {
          g_autofree char *key = g_strdup_printf ("%s[%u]", member, i);

          return invalid (r, key, _("a word (a non-empty string)"), e);
        }
      g_ptr_array_add (words, g_strdup (json_node_get_string (e)));
    }
  g_ptr_array_add (words, NULL);
  g_strfreev (*out);
  *out = (char **) g_ptr_array_free (g_steal_pointer (&words), FALSE);
  return TRUE;
}

/* A known object member: NULL when absent; FALSE when not an object. */
static gboolean
read_section (Reader      *r,
              JsonObject  *root,
              const char  *member,
              gboolean     required,
              JsonObject **out)
{
  JsonNode *node = json_object_get_member (root, member);

  *out = NULL;
  if (node == NULL && !required)
    return TRUE;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return invalid (r, member, _("an object { … }"), node);
  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
read_version (Reader     *r,
              JsonObject *root,
              const char *format_name)
{
  JsonNode *format = json_object_get_member (root, "format");
  JsonNode *version = json_object_get_member (root, "version");
  const char *text;
  char *end;
  guint64 major;

  if (format == NULL || !JSON_NODE_HOLDS_VALUE (format) ||
      json_node_get_value_type (format) != G_TYPE_STRING ||
      strcmp (json_node_get_string (format), format_name) != 0)
    {
      if (strcmp (format_name, FORMAT_NAME) == 0)
        g_set_error (r->error, WS_SCENE_FILE_ERROR, WS_SCENE_FILE_ERROR_VERSION,
                     _("%s: not a Wordspace scene: expected the key “format” to be “%s”"),
                     r->name, format_name);
      else
        g_set_error (r->error, WS_SCENE_FILE_ERROR, WS_SCENE_FILE_ERROR_VERSION,
                     _("%s: not a Wordspace lesson: expected the key “format” to be “%s”"),
                     r->name, format_name);
      return FALSE;
    }
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) ||
      json_node_get_value_type (version) != G_TYPE_STRING)
    return invalid (r, "version", _("a version string such as “1.0”"), version);
  text = json_node_get_string (version);
  major = g_ascii_strtoull (text, &end, 10);
  if (end == text || *end != '.' || !g_ascii_isdigit (end[1]))
    return invalid (r, "version", _("a version string such as “1.0”"), version);
  if (major > WS_SCENE_FILE_VERSION_MAJOR || major == 0)
    {
      g_set_error (r->error, WS_SCENE_FILE_ERROR, WS_SCENE_FILE_ERROR_VERSION,
                   _("%s: this scene is of version %s, which this Wordspace (reading versions "
                     "%d.x) can’t read: a newer Wordspace wrote it"),
                   r->name, text, WS_SCENE_FILE_VERSION_MAJOR);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_model (Reader       *r,
            JsonObject   *root,
            WsSceneModel *model)
{
  JsonObject *o;

  if (!read_section (r, root, "model", TRUE, &o) ||
      !read_string (r, o, "model", "path", TRUE, &model->path) ||
      !read_count (r, o, "model", "size", 0, G_MAXINT64, &model->size) ||
      !read_count (r, o, "model", "dimensions", 0, G_MAXINT64, &model->dimensions) ||
      !read_count (r, o, "model", "words", 0, G_MAXINT64, &model->words) ||
      !read_count (r, o, "model", "limit", 0, G_MAXINT64, &model->limit) ||
      !read_string (r, o, "model", "fingerprint", FALSE, &model->fingerprint))
    return FALSE;
  if (*model->path == '\0')
    return invalid (r, "model.path", _("the model file’s path"), json_object_get_member (o, "path"));
  return TRUE;
}

static gboolean
read_query (Reader      *r,
            JsonObject  *root,
            WsSceneFile *self)
{
  gboolean has_query = json_object_has_member (root, "query");
  gboolean has_words = json_object_has_member (root, "words");

  if (has_query == has_words && r->prefix != NULL)
    {
      g_set_error (r->error, WS_SCENE_FILE_ERROR, WS_SCENE_FILE_ERROR_INVALID,
                   _("%s: key “%s”: expected either the key “query” (a query such as “king - man + "
                     "woman”) or the key “words” (a list of words), and not both"),
                   r->name, r->prefix);
      return FALSE;
    }
  if (has_query == has_words)
    {
      g_set_error (r->error, WS_SCENE_FILE_ERROR, WS_SCENE_FILE_ERROR_INVALID,
                   _("%s: expected either the key “query” (a query such as “king - man + woman”) "
                     "or the key “words” (a list of words), and not both"), r->name);
      return FALSE;
    }
  if (has_query)
    {
      if (!read_string (r, root, NULL, "query", TRUE, &self->query))
        return FALSE;
      if (*self->query == '\0')
        return invalid (r, "query", _("a query such as “king - man + woman”"),
                        json_object_get_member (root, "query"));
      return TRUE;
    }
  if (!read_words (r, root, "words", &self->words))
    return FALSE;
  if (self->words[0] == NULL)
    return invalid (r, "words", _("a list of at least one word"), json_object_get_member (root, "words"));
  return TRUE;
}

static gboolean
read_projection (Reader      *r,
                 JsonObject  *root,
                 WsSceneFile *self)
{
  JsonObject *o;
  g_autofree char *method = NULL;

  if (!read_section (r, root, "projection", FALSE, &o))
    return FALSE;
  if (o == NULL)
    return TRUE;
  if (!read_string (r, o, "projection", "method", FALSE, &method) ||
      !read_count (r, o, "projection", "topn", 0, 10000, &self->topn) ||
      /* As the CLI takes: more would bury the map in labels. */
      !read_count (r, o, "projection", "neighbors", 0, 10000, &self->neighbors) ||
      !read_count (r, o, "projection", "restrict_vocab", 0, G_MAXINT64, &self->restrict_vocab))
    return FALSE;
  if (method != NULL && !ws_projection_method_from_string (method, &self->method))
    return invalid (r, "projection.method", _("“local”, “global” or “analogy”"),
                    json_object_get_member (o, "method"));
  return TRUE;
}

static gboolean
read_annotations (Reader      *r,
                  JsonObject  *root,
                  WsSceneFile *self)
{
  JsonNode *node = json_object_get_member (root, "annotations");
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (r, "annotations", _("an array of annotations"), node);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      g_autofree char *section = g_strdup_printf ("annotations[%u]", i);
      WsPlotAnnotation a = { NULL, 0, 0, 24, -32, NULL };
      JsonObject *o;
      gboolean ok;

      if (!JSON_NODE_HOLDS_OBJECT (e))
        return invalid (r, section, _("an object with “text” and “word” or “at”"), e);
      o = json_node_get_object (e);
      if (json_object_has_member (o, "word") == json_object_has_member (o, "at"))
        {
          g_autofree char *where = full_key (r, section);

          g_set_error (r->error, WS_SCENE_FILE_ERROR, WS_SCENE_FILE_ERROR_INVALID,
                       _("%s: key “%s”: expected either “word” (a callout on a word) or “at” "
                         "(a place [x, y]), and not both"), r->name, where);
          return FALSE;
        }
      ok = read_string (r, o, section, "text", TRUE, &a.text) &&
           read_string (r, o, section, "word", FALSE, &a.word) &&
           read_pair (r, o, section, "at", FALSE, &a.x, &a.y) &&
           read_pair (r, o, section, "offset", FALSE, &a.dx, &a.dy);
      if (ok)
        g_array_append_val (self->annotations, a);
      else
        {
          clear_annotation (&a);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
read_view_and_look (Reader      *r,
                    JsonObject  *root,
                    WsSceneFile *self)
{
  JsonObject *view, *look, *size;
  g_autofree char *theme = NULL;
  guint64 width = self->width, height = self->height;

  if (!read_section (r, root, "view", FALSE, &view) ||
      !read_section (r, root, "appearance", FALSE, &look) ||
      !read_section (r, root, "size", FALSE, &size))
    return FALSE;
  if (view != NULL &&
      (!read_number (r, view, "view", "zoom", 0, TRUE, 1000, &self->zoom) ||
       !read_pair (r, view, "view", "pan", FALSE, &self->pan_x, &self->pan_y)))
    return FALSE;
  if (look != NULL)
    {
      if (!read_string (r, look, "appearance", "theme", FALSE, &theme) ||
          !read_number (r, look, "appearance", "text_scale", 0.25, FALSE, 6, &self->text_scale))
        return FALSE;
      if (theme != NULL && !ws_plot_theme_from_string (theme, &self->theme))
        return invalid (r, "appearance.theme",
                        _("“light”, “dark”, “high-contrast-light” or “high-contrast-dark”"),
                        json_object_get_member (look, "theme"));
      if (json_object_has_member (look, "transparent"))
        {
          JsonNode *node = json_object_get_member (look, "transparent");

          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
            return invalid (r, "appearance.transparent", _("true or false"), node);
          self->transparent = json_node_get_boolean (node);
        }
    }
  if (size != NULL)
    {
      if (!read_count (r, size, "size", "width", 1, MAX_SIDE, &width) ||
          !read_count (r, size, "size", "height", 1, MAX_SIDE, &height) ||
          !read_number (r, size, "size", "scale", 0, TRUE, 16, &self->scale))
        return FALSE;
      self->width = (guint) width;
      self->height = (guint) height;
    }
  return TRUE;
}

/* json-glib says "<data>:3:8: Parse error: unexpected character `}',
 * expected character `}'": the file's name goes in place of <data>, and its
 * "expected" goes, as it names the parser's state rather than what the
 * scene lacks. */
static void
set_parse_error (Reader       *r,
                 const GError *parse)
{
  const char *msg = parse->message;
  const char *rest = g_str_has_prefix (msg, "<data>:") ? msg + strlen ("<data>:") : NULL;
  const char *what = rest != NULL ? strstr (rest, ": Parse error: ") : NULL;

  if (what != NULL)
    {
      g_autofree char *where = g_strndup (rest, what - rest);
      g_autofree char *raw = g_strdup (what + strlen (": Parse error: "));
      char *expected = strstr (raw, ", expected");
      g_autofree char *reason = NULL;

      if (expected != NULL)
        *expected = '\0';
      /* json-glib quotes the file's bytes, and may cut a character in two. */
      reason = ws_text_escape (raw, strlen (raw), 0);
      /* Translators: file:line:column: json-glib's reason */
      g_set_error (r->error, WS_SCENE_FILE_ERROR, WS_SCENE_FILE_ERROR_PARSE,
                   _("%s:%s: not a valid scene: the JSON breaks off here (%s)"), r->name, where,
                   reason);
    }
  else
    {
      g_autofree char *reason = ws_text_escape (msg, strlen (msg), 0);

      g_set_error (r->error, WS_SCENE_FILE_ERROR, WS_SCENE_FILE_ERROR_PARSE,
                   _("%s: not a valid scene: %s"), r->name, reason);
    }
}

/* json-glib turns a \u escape of a lone surrogate ("\udane") into bytes
 * that are not UTF-8, in keys as in values; such text could not be saved
 * again, so the scene is refused, naming the key (found by fuzzing). */
static gboolean
check_text (Reader     *r,
            JsonNode   *node,
            const char *key)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      if (g_utf8_validate (json_node_get_string (node), -1, NULL))
        return TRUE;
      g_set_error (r->error, WS_SCENE_FILE_ERROR, WS_SCENE_FILE_ERROR_PARSE,
                   _("%s: not a valid scene: %s: a \\u escape that is not a character"),
                   r->name, key[0] != '\0' ? key : "(top)");
      return FALSE;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *item = g_strdup_printf ("%s[%u]", key, i);

          if (!check_text (r, json_array_get_element (array, i), item))
            return FALSE;
        }
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        {
          g_autofree char *shown = g_utf8_validate (name, -1, NULL)
                                     ? NULL : ws_text_escape (name, strlen (name), 0);
          g_autofree char *path = key[0] != '\0' ? g_strdup_printf ("%s.%s", key, shown ? shown : name)
                                                 : g_strdup (shown ? shown : name);

          if (shown != NULL)
            {
              g_set_error (r->error, WS_SCENE_FILE_ERROR, WS_SCENE_FILE_ERROR_PARSE,
                           _("%s: not a valid scene: %s: a \\u escape that is not a character"),
                           r->name, path);
              return FALSE;
            }
          if (!check_text (r, member, path))
            return FALSE;
        }
    }
  return TRUE;
}

JsonNode *
ws_scene_file_parse_json (const char  *data,
                          gssize       length,
                          const char  *name,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local = NULL;
  Reader r = { name, NULL, error };
  JsonNode *root_node;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (data);
  if (!g_utf8_validate_len (data, length, NULL))
    {
      const char *bad;

      g_utf8_validate_len (data, length, &bad);
      g_set_error (error, WS_SCENE_FILE_ERROR, WS_SCENE_FILE_ERROR_PARSE,
                   _("%s: not a valid scene: invalid UTF-8 at byte %zu"), name,
                   (gsize) (bad - data));
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, length, &local))
    {
      set_parse_error (&r, local);
      return NULL;
    }
  root_node = json_parser_get_root (parser);
  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node))
    {
      g_set_error (error, WS_SCENE_FILE_ERROR, WS_SCENE_FILE_ERROR_PARSE,
                   _("%s: not a valid scene: expected one JSON object { … }"), name);
      return NULL;
    }
  if (!check_text (&r, root_node, ""))
    return NULL;
  return json_node_ref (root_node);
}

gboolean
ws_scene_file_read_version (JsonObject  *root,
                            const char  *format_name,
                            const char  *name,
                            GError     **error)
{
  Reader r = { name, NULL, error };

  return read_version (&r, root, format_name);
}

gboolean
ws_scene_file_read_model (JsonObject    *root,
                          const char    *name,
                          WsSceneModel  *model,
                          GError       **error)
{
  Reader r = { name, NULL, error };

  return read_model (&r, root, model);
}

void
ws_scene_model_clear (WsSceneModel *model)
{
  g_clear_pointer (&model->path, g_free);
  g_clear_pointer (&model->fingerprint, g_free);
}

void
ws_scene_model_copy_into (WsSceneModel       *dest,
                          const WsSceneModel *src)
{
  ws_scene_model_clear (dest);
  *dest = *src;
  dest->path = g_strdup (src->path);
  dest->fingerprint = g_strdup (src->fingerprint);
}

WsSceneFile *
ws_scene_file_load_from_node (JsonNode            *node,
                              const char          *name,
                              const char          *prefix,
                              const WsSceneModel  *model,
                              GError             **error)
{
  g_autoptr(WsSceneFile) self = NULL;
  Reader r = { name, prefix, error };
  JsonObject *root;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      Reader top = { name, NULL, error };

      invalid (&top, prefix != NULL ? prefix : "scene", _("an object { … }"), node);
      return NULL;
    }
  root = json_node_get_object (node);
  self = ws_scene_file_new ();
  if (model != NULL)
    ws_scene_model_copy_into (&self->model, model);
  else if (!read_model (&r, root, &self->model))
    return NULL;
  if (!read_query (&r, root, self) ||
      !read_projection (&r, root, self) ||
      !read_words (&r, root, "pinned", &self->pinned) ||
      !read_words (&r, root, "hidden", &self->hidden) ||
      !read_words (&r, root, "highlights", &self->highlights) ||
      !read_annotations (&r, root, self) ||
      !read_view_and_look (&r, root, self))
    return NULL;
  self->kept = json_node_ref (node);
  return g_steal_pointer (&self);
}

WsSceneFile *
ws_scene_file_load_from_data (const char  *data,
                              gssize       length,
                              const char  *name,
                              GError     **error)
{
  g_autoptr(JsonNode) root_node = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((root_node = ws_scene_file_parse_json (data, length, name, error)) == NULL ||
      !ws_scene_file_read_version (json_node_get_object (root_node), FORMAT_NAME, name, error))
    return NULL;
  return ws_scene_file_load_from_node (root_node, name, NULL, NULL, error);
}

WsSceneFile *
ws_scene_file_load (const char  *path,
                    GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *carried = NULL;
  g_autofree char *display = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(WsSceneFile) self = NULL;
  WsPlotFormat format;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_name (path);
  if (!g_file_get_contents (path, &contents, &length, &local))
    {
      /* GLib's message names the file and the reason. */
      g_set_error (error, WS_SCENE_FILE_ERROR, WS_SCENE_FILE_ERROR_READ,
                   _("Can’t read the scene: %s"), local->message);
      return NULL;
    }
  /* A JSON scene starts with "{" (after white space); a figure with its
   * format's signature. */
  if (!ws_plot_format_sniff ((const guint8 *) contents, length, &format))
    self = ws_scene_file_load_from_data (contents, length, display, error);
  else if ((carried = ws_plot_metadata_extract ((const guint8 *) contents, length, display,
                                                error)) != NULL)
    {
      g_autofree char *name = g_strdup_printf (_("%s (its scene)"), display);

      self = ws_scene_file_load_from_data (carried, -1, name, error);
    }
  if (self == NULL)
    return NULL;
  /* A hand-written scene may name its model relative to itself. */
  if (!g_path_is_absolute (self->model.path))
    {
      g_autofree char *dir = g_path_get_dirname (path);
      char *absolute = g_canonicalize_filename (self->model.path, dir);

      g_free (self->model.path);
      self->model.path = absolute;
    }
  return g_steal_pointer (&self);
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
put_string (GString    *out,
            const char *s)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), s);
  g_autofree char *text = json_to_string (node, FALSE);

  g_string_append (out, text);
}

/* The shortest text that reads back as the same double. */
static void
put_number (GString *out,
            double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (v))
    v = 0.0;
  if (v == 0.0)
    v = 0.0;   /* no "-0" */
  /* Whole numbers as such: %g would shorten 60 to 6e+01. */
  if (v == floor (v) && fabs (v) < 1e15)
    {
      g_string_append_printf (out, "%.0f", v);
      return;
    }
  for (int digits = 1; digits <= 17; digits++)
    {
      char format[8];

      /* g_ascii_formatd: a point whatever the locale. */
      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, v);
      if (g_ascii_strtod (buf, NULL) == v)
        break;
    }
  g_string_append (out, buf);
}

typedef struct
{
  GString *out;
  int      depth;
  gboolean first;
} Writer;

static void
member (Writer     *w,
        const char *name)
{
  g_string_append (w->out, w->first ? "\n" : ",\n");
  w->first = FALSE;
  put_indent (w->out, w->depth);
  put_string (w->out, name);
  g_string_append (w->out, ": ");
}

static void
begin_object (Writer *w)
{
  g_string_append_c (w->out, '{');
  w->depth++;
  w->first = TRUE;
}

static void
end_object (Writer *w)
{
  w->depth--;
  if (!w->first)
    {
      g_string_append_c (w->out, '\n');
      put_indent (w->out, w->depth);
    }
  g_string_append_c (w->out, '}');
  w->first = FALSE;
}

static void
put_words (Writer      *w,
           const char  *name,
           char       **words)
{
  member (w, name);
  g_string_append_c (w->out, '[');
  for (gsize i = 0; words != NULL && words[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (w->out, ", ");
      put_string (w->out, words[i]);
    }
  g_string_append_c (w->out, ']');
}

static void
put_pair (Writer     *w,
          const char *name,
          double      a,
          double      b)
{
  member (w, name);
  g_string_append_c (w->out, '[');
  put_number (w->out, a);
  g_string_append (w->out, ", ");
  put_number (w->out, b);
  g_string_append_c (w->out, ']');
}

static void
put_count (Writer     *w,
           const char *name,
           guint64     v)
{
  member (w, name);
  g_string_append_printf (w->out, "%" G_GUINT64_FORMAT, v);
}

/* The members of @kept's @section (NULL: the top level) that this version
 * does not know, as they were. */
static void
put_kept (Writer            *w,
          JsonNode          *kept,
          const char        *section,
          const char *const *known)
{
  JsonObject *o;
  g_autoptr(GList) names = NULL;

  if (kept == NULL || !JSON_NODE_HOLDS_OBJECT (kept))
    return;
  o = json_node_get_object (kept);
  if (section != NULL)
    {
      JsonNode *node = json_object_get_member (o, section);

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        return;
      o = json_node_get_object (node);
    }
  names = json_object_get_members (o);
  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autofree char *text = NULL;

      if (g_strv_contains (known, l->data))
        continue;
      text = json_to_string (json_object_get_member (o, l->data), FALSE);
      member (w, l->data);
      g_string_append (w->out, text);
    }
}

static const char *const known_top[] = {
  "format", "version", "model", "query", "words", "projection", "pinned", "hidden",
  "highlights", "annotations", "view", "appearance", "size", NULL
};
static const char *const known_model[] = {
  "path", "size", "dimensions", "words", "limit", "fingerprint", NULL
};
static const char *const known_projection[] = { "method", "topn", "neighbors", "restrict_vocab", NULL };
static const char *const known_view[] = { "zoom", "pan", NULL };
static const char *const known_appearance[] = { "theme", "text_scale", "transparent", NULL };
static const char *const known_size[] = { "width", "height", "scale", NULL };

/* The model's object: @kept is the object that held it when read. */
static void
put_model_object (Writer             *w,
                  const WsSceneModel *model,
                  JsonNode           *kept)
{
  begin_object (w);
  member (w, "path");
  put_string (w->out, model->path != NULL ? model->path : "");
  if (model->size > 0)
    put_count (w, "size", model->size);
  if (model->dimensions > 0)
    put_count (w, "dimensions", model->dimensions);
  if (model->words > 0)
    put_count (w, "words", model->words);
  if (model->limit > 0)
    put_count (w, "limit", model->limit);
  if (model->fingerprint != NULL)
    {
      member (w, "fingerprint");
      put_string (w->out, model->fingerprint);
    }
  put_kept (w, kept, "model", known_model);
  end_object (w);
}

static void
put_model (Writer             *w,
           const WsSceneModel *model,
           JsonNode           *kept)
{
  member (w, "model");
  put_model_object (w, model, kept);
}

/* The scene's object; without its header (format, version) and model when
 * it sits in a lesson, which holds those once for all its steps. */
static void
put_scene (Writer            *w,
           const WsSceneFile *self,
           gboolean           with_header)
{
  g_autofree char *version = g_strdup_printf ("%d.%d", WS_SCENE_FILE_VERSION_MAJOR,
                                              WS_SCENE_FILE_VERSION_MINOR);

  begin_object (w);
  if (with_header)
    {
      member (w, "format");
      put_string (w->out, FORMAT_NAME);
      member (w, "version");
      put_string (w->out, version);
    }

  if (with_header)
    put_model (w, &self->model, self->kept);

  if (self->words != NULL)
    put_words (w, "words", self->words);
  else
    {
      member (w, "query");
      put_string (w->out, self->query != NULL ? self->query : "");
    }

  member (w, "projection");
  begin_object (w);
  member (w, "method");
  put_string (w->out, ws_projection_method_to_string (self->method));
  put_count (w, "topn", self->topn);
  put_count (w, "neighbors", self->neighbors);
  put_count (w, "restrict_vocab", self->restrict_vocab);
  put_kept (w, self->kept, "projection", known_projection);
  end_object (w);

  put_words (w, "pinned", self->pinned);
  put_words (w, "hidden", self->hidden);
  put_words (w, "highlights", self->highlights);

  member (w, "annotations");
  g_string_append_c (w->out, '[');
  w->depth++;
  for (guint i = 0; i < self->annotations->len; i++)
    {
      const WsPlotAnnotation *a = &g_array_index (self->annotations, WsPlotAnnotation, i);

      g_string_append (w->out, i > 0 ? ",\n" : "\n");
      put_indent (w->out, w->depth);
      begin_object (w);
      if (a->word != NULL)
        {
          member (w, "word");
          put_string (w->out, a->word);
        }
      else
        put_pair (w, "at", a->x, a->y);
      member (w, "text");
      put_string (w->out, a->text != NULL ? a->text : "");
      put_pair (w, "offset", a->dx, a->dy);
      end_object (w);
    }
  w->depth--;
  if (self->annotations->len > 0)
    {
      g_string_append_c (w->out, '\n');
      put_indent (w->out, w->depth);
    }
  g_string_append_c (w->out, ']');
  w->first = FALSE;

  member (w, "view");
  begin_object (w);
  member (w, "zoom");
  put_number (w->out, self->zoom);
  put_pair (w, "pan", self->pan_x, self->pan_y);
  put_kept (w, self->kept, "view", known_view);
  end_object (w);

  member (w, "appearance");
  begin_object (w);
  member (w, "theme");
  put_string (w->out, ws_plot_theme_to_string (self->theme));
  member (w, "text_scale");
  put_number (w->out, self->text_scale);
  /* Written only when set, so that opaque figures keep the bytes of
   * scenes written before the member existed. */
  if (self->transparent)
    {
      member (w, "transparent");
      g_string_append (w->out, "true");
    }
  put_kept (w, self->kept, "appearance", known_appearance);
  end_object (w);

  member (w, "size");
  begin_object (w);
  put_count (w, "width", self->width);
  put_count (w, "height", self->height);
  member (w, "scale");
  put_number (w->out, self->scale);
  put_kept (w, self->kept, "size", known_size);
  end_object (w);

  put_kept (w, self->kept, NULL, known_top);
  end_object (w);
}

char *
ws_scene_file_to_data (const WsSceneFile *self,
                       gsize             *length)
{
  Writer w = { g_string_new (NULL), 0, TRUE };

  g_return_val_if_fail (self != NULL, NULL);

  put_scene (&w, self, TRUE);
  g_string_append_c (w.out, '\n');
  if (length != NULL)
    *length = w.out->len;
  return g_string_free (w.out, FALSE);
}

char *
ws_scene_file_object_to_data (const WsSceneFile *self,
                              int                depth)
{
  Writer w = { g_string_new (NULL), depth, TRUE };

  g_return_val_if_fail (self != NULL, NULL);

  put_scene (&w, self, FALSE);
  return g_string_free (w.out, FALSE);
}

char *
ws_scene_model_to_data (const WsSceneModel *model,
                        JsonNode           *kept,
                        int                 depth)
{
  Writer w = { g_string_new (NULL), depth, TRUE };

  g_return_val_if_fail (model != NULL, NULL);

  put_model_object (&w, model, kept);
  return g_string_free (w.out, FALSE);
}


gboolean
ws_scene_file_save (const WsSceneFile *self,
                    const char        *path,
                    GError           **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local = NULL;
  gsize length;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  text = ws_scene_file_to_data (self, &length);
  if (!g_file_set_contents (path, text, length, &local))
    {
      g_set_error (error, WS_SCENE_FILE_ERROR, WS_SCENE_FILE_ERROR_READ,
                   _("Can’t save the scene: %s"), local->message);
      return FALSE;
    }
  return TRUE;
}

/* The model ------------------------------------------------------------- */

char *
ws_scene_file_fingerprint (const char  *path,
                           guint64     *size,
                           GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GChecksum) sum = NULL;
  g_autofree guint8 *buf = NULL;
  g_autofree char *size_text = NULL;
  guint64 n;
  gsize got;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  if ((in = g_file_read (file, NULL, error)) == NULL ||
      (info = g_file_input_stream_query_info (in, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, error)) == NULL)
    return NULL;
  n = (guint64) g_file_info_get_size (info);
  buf = g_malloc (END_BYTES);
  sum = g_checksum_new (G_CHECKSUM_SHA256);
  size_text = g_strdup_printf ("wordspace-fingerprint-1 %" G_GUINT64_FORMAT "\n", n);
  g_checksum_update (sum, (const guchar *) size_text, -1);

  if (!g_input_stream_read_all (G_INPUT_STREAM (in), buf, MIN (n, END_BYTES), &got, NULL, error))
    return NULL;
  g_checksum_update (sum, buf, got);
  if (n > END_BYTES)
    {
      if (!g_seekable_seek (G_SEEKABLE (in), (goffset) (n - MIN (n - END_BYTES, END_BYTES)),
                            G_SEEK_SET, NULL, error) ||
          !g_input_stream_read_all (G_INPUT_STREAM (in), buf, MIN (n - END_BYTES, END_BYTES),
                                    &got, NULL, error))
        return NULL;
      g_checksum_update (sum, buf, got);
    }
  if (size != NULL)
    *size = n;
  return g_strconcat ("sha256-ends:", g_checksum_get_string (sum), NULL);
}

gboolean
ws_scene_file_set_model (WsSceneFile  *self,
                         const char   *path,
                         guint64       limit,
                         WsVectors    *vectors,
                         GError      **error)
{
  g_autofree char *fingerprint = NULL;
  g_autofree char *absolute = NULL;
  guint64 size = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (WS_IS_VECTORS (vectors), FALSE);

  if ((fingerprint = ws_scene_file_fingerprint (path, &size, error)) == NULL)
    return FALSE;
  absolute = g_canonicalize_filename (path, NULL);
  g_free (self->model.path);
  self->model.path = g_steal_pointer (&absolute);
  g_free (self->model.fingerprint);
  self->model.fingerprint = g_steal_pointer (&fingerprint);
  self->model.size = size;
  self->model.limit = limit;
  self->model.dimensions = ws_vectors_get_dim (vectors);
  self->model.words = ws_vectors_get_n_words (vectors);
  return TRUE;
}

gboolean
ws_scene_file_check_model (const WsSceneFile *self,
                           const char        *path_override,
                           gboolean           check_fingerprint,
                           GError           **error)
{
  const char *path;
  g_autofree char *display = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *fingerprint = NULL;
  g_autoptr(GError) local = NULL;
  guint64 size = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->model.path != NULL, FALSE);

  path = path_override != NULL ? path_override : self->model.path;
  display = g_filename_display_name (path);
  expected = g_filename_display_name (self->model.path);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      if (path_override != NULL)
        g_set_error (error, WS_SCENE_FILE_ERROR, WS_SCENE_FILE_ERROR_MODEL_MISSING,
                     _("The model file %s is not there (the scene was made with %s)"),
                     display, expected);
      else
        g_set_error (error, WS_SCENE_FILE_ERROR, WS_SCENE_FILE_ERROR_MODEL_MISSING,
                     _("The scene was made with the model %s, which is not there"), expected);
      return FALSE;
    }
  if (!check_fingerprint || self->model.fingerprint == NULL)
    return TRUE;
  fingerprint = ws_scene_file_fingerprint (path, &size, &local);
  if (fingerprint == NULL)
    {
      g_set_error (error, WS_SCENE_FILE_ERROR, WS_SCENE_FILE_ERROR_MODEL_MISSING,
                   _("Can’t read the model %s: %s"), display, local->message);
      return FALSE;
    }
  if ((self->model.size > 0 && size != self->model.size) ||
      strcmp (fingerprint, self->model.fingerprint) != 0)
    {
      g_set_error (error, WS_SCENE_FILE_ERROR, WS_SCENE_FILE_ERROR_MODEL_CHANGED,
                   _("The model %s is not the one the scene was made with (%s, %" PRIu64
                     " bytes, fingerprint %s): it is %" PRIu64 " bytes with fingerprint %s"),
                   display, expected, self->model.size, self->model.fingerprint, size, fingerprint);
      return FALSE;
    }
  return TRUE;
}

gboolean
ws_scene_file_check_vectors (const WsSceneFile *self,
                             WsVectors         *vectors,
                             GError           **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (WS_IS_VECTORS (vectors), FALSE);

  if ((self->model.dimensions > 0 && self->model.dimensions != ws_vectors_get_dim (vectors)) ||
      (self->model.words > 0 && self->model.words != ws_vectors_get_n_words (vectors)))
    {
      g_autofree char *expected = g_filename_display_name (self->model.path);

      g_set_error (error, WS_SCENE_FILE_ERROR, WS_SCENE_FILE_ERROR_MODEL_CHANGED,
                   _("The model loaded has %zu words × %zu dimensions; the scene was made with "
                     "%s, of %" PRIu64 " words × %" PRIu64 " dimensions"),
                   ws_vectors_get_n_words (vectors), ws_vectors_get_dim (vectors), expected,
                   self->model.words, self->model.dimensions);
      return FALSE;
    }
  return TRUE;
}

/* Building -------------------------------------------------------------- */

char *
ws_scene_file_get_query_text (const WsSceneFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->words != NULL)
    return g_strjoinv (", ", self->words);
  return g_strdup (self->query != NULL ? self->query : "");
}

void
ws_scene_file_get_options (const WsSceneFile *self,
                           WsSceneOptions    *options)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (options != NULL);

  ws_scene_options_init (options);
  options->method = self->method;
  options->neighbors = (gsize) self->neighbors;
  options->restrict_vocab = (gsize) self->restrict_vocab;
  options->pinned = (const char * const *) self->pinned;
  options->hidden = (const char * const *) self->hidden;
  options->highlights = (const char * const *) self->highlights;
  options->annotations = (const WsPlotAnnotation *) (gpointer) self->annotations->data;
  options->n_annotations = self->annotations->len;
}

WsPlotScene *
ws_scene_file_build_map (const WsSceneFile   *self,
                         WsVectors           *vectors,
                         WsExpression        *expression,
                         GArray              *results,
                         WsProjectionMethod  *method_used,
                         GCancellable        *cancellable,
                         GError             **error)
{
  g_autoptr(GError) local = NULL;
  WsSceneOptions options;
  WsPlotScene *scene;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (WS_IS_VECTORS (vectors), NULL);
  g_return_val_if_fail (WS_IS_EXPRESSION (expression), NULL);

  ws_scene_file_get_options (self, &options);
  scene = ws_scene_build (vectors, expression, results, &options, cancellable, &local);
  /* Analogy axes need an analogy: a scene saved with them for another
   * query shows what the window showed, local PCA, not an error. */
  if (scene == NULL && options.method != WS_PROJECTION_LOCAL &&
      g_error_matches (local, WS_QUERY_ERROR, WS_QUERY_ERROR_INVALID))
    {
      g_clear_error (&local);
      options.method = WS_PROJECTION_LOCAL;
      scene = ws_scene_build (vectors, expression, results, &options, cancellable, &local);
    }
  if (scene == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (method_used != NULL)
    *method_used = options.method;
  return scene;
}

WsPlotScene *
ws_scene_file_build (const WsSceneFile *self,
                     WsVectors         *vectors,
                     GCancellable      *cancellable,
                     GError           **error)
{
  return ws_scene_file_build_full (self, vectors, NULL, cancellable, error);
}

WsPlotScene *
ws_scene_file_build_full (const WsSceneFile   *self,
                          WsVectors           *vectors,
                          WsProjectionMethod  *method_used,
                          GCancellable        *cancellable,
                          GError             **error)
{
  g_autofree char *text = NULL;
  g_autoptr(WsExpression) expression = NULL;
  g_autoptr(GArray) results = NULL;
  WsPlotScene *scene;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (WS_IS_VECTORS (vectors), NULL);

  text = ws_scene_file_get_query_text (self);
  if ((expression = ws_expression_parse (text, error)) == NULL ||
      !ws_expression_check (expression, vectors, NULL, error))
    return NULL;
  if ((results = ws_expression_most_similar (expression, vectors, (gsize) self->topn,
                                             (gsize) self->restrict_vocab, error)) == NULL)
    return NULL;
  if ((scene = ws_scene_file_build_map (self, vectors, expression, results, method_used,
                                        cancellable, error)) == NULL)
    return NULL;
  ws_plot_scene_set_view (scene, self->zoom, self->pan_x, self->pan_y);
  ws_plot_scene_set_theme (scene, self->theme);
  ws_plot_scene_set_text_scale (scene, self->text_scale);
  ws_plot_scene_set_transparent (scene, self->transparent);
  return scene;
}

void
ws_scene_file_update_from_plot (WsSceneFile *self,
                                WsPlotScene *plot)
{
  g_autoptr(GPtrArray) highlights = g_ptr_array_new ();

  g_return_if_fail (self != NULL);
  g_return_if_fail (plot != NULL);

  ws_plot_scene_get_view (plot, &self->zoom, &self->pan_x, &self->pan_y);
  self->theme = ws_plot_scene_get_theme (plot);
  self->text_scale = ws_plot_scene_get_text_scale (plot);
  self->transparent = ws_plot_scene_get_transparent (plot);
  g_array_set_size (self->annotations, 0);
  for (guint i = 0; i < ws_plot_scene_get_n_annotations (plot); i++)
    append_annotation (self->annotations, ws_plot_scene_get_annotation (plot, i));
  for (guint i = 0; i < ws_plot_scene_get_n_points (plot); i++)
    {
      const WsPlotPoint *p = ws_plot_scene_get_point (plot, i);

      if (p->flags & WS_PLOT_POINT_HIGHLIGHTED)
        g_ptr_array_add (highlights, g_strdup (p->word));
    }
  g_ptr_array_add (highlights, NULL);
  g_strfreev (self->highlights);
  self->highlights = (char **) g_ptr_array_free (g_steal_pointer (&highlights), FALSE);
}
