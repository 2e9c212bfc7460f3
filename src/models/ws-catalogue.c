/* ws-catalogue.c: the models Wordspace can download, and which are here
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ws-models"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ws-catalogue.h"

#define CATALOGUE_NAME "wordspace-models.json"
/* gensim's downloader serves every model from the release named after it. */
#define DEFAULT_URL_TEMPLATE \
  "https://github.com/RaRe-Technologies/gensim-data/releases/download/{name}/{name}.gz"

G_DEFINE_QUARK (ws-models-error-quark, ws_models_error)

struct _WsCatalogue
{
  gatomicrefcount   ref_count;
  char             *path;
  GPtrArray        *entries;   /* WsCatalogueEntry */
};

static void
entry_free (gpointer data)
{
  WsCatalogueEntry *e = data;

  g_free (e->name);
  g_free (e->url);
  g_free (e->checksum);
  g_free (e->license);
  g_free (e->license_url);
  g_free (e->base_dataset);
  g_free (e->description);
  g_free (e);
}

static char *
dup_member_string (JsonObject *object,
                   const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static guint64
get_member_count (JsonObject *object,
                  const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return MAX (json_node_get_int (node), 0);
}

static char *
expand_template (const char *template,
                 const char *name)
{
  g_auto(GStrv) parts = g_strsplit (template, "{name}", -1);

  return g_strjoinv (name, parts);
}

static gboolean
is_md5_hex (const char *s)
{
  if (strlen (s) != 32)
    return FALSE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isxdigit (*s))
      return FALSE;
  return TRUE;
}

static WsCatalogueEntry *
parse_entry (const char  *path,
             guint        index,
             JsonNode    *node,
             const char  *url_template,
             GError     **error)
{
  g_autoptr(GError) local = NULL;
  WsCatalogueEntry *e;
  JsonObject *object;
  char *name;

  if (!JSON_NODE_HOLDS_OBJECT (node) ||
      (name = dup_member_string (object = json_node_get_object (node), "name")) == NULL ||
      *name == '\0' || strchr (name, '/') != NULL || name[0] == '.')
    {
      g_set_error (error, WS_MODELS_ERROR, WS_MODELS_ERROR_CATALOGUE,
                   _("%s: model %u has no usable “name” (expected a file name without “/”)"),
                   path, index + 1);
      return NULL;
    }

  e = g_new0 (WsCatalogueEntry, 1);
  e->name = name;
  e->url = dup_member_string (object, "url");
  if (e->url == NULL)
    e->url = expand_template (url_template, name);
  e->num_records = get_member_count (object, "num_records");
  e->dimension = MIN (get_member_count (object, "dimension"), G_MAXUINT);
  e->file_size = get_member_count (object, "file_size");
  e->checksum = dup_member_string (object, "checksum");
  if (e->checksum != NULL && !is_md5_hex (e->checksum))
    {
      g_set_error (error, WS_MODELS_ERROR, WS_MODELS_ERROR_CATALOGUE,
                   _("%s: model “%s” has checksum “%s”; expected 32 hexadecimal digits (an md5)"),
                   path, name, e->checksum);
      entry_free (e);
      return NULL;
    }
  if (e->checksum != NULL)
    {
      char *lower = g_ascii_strdown (e->checksum, -1);
      g_free (e->checksum);
      e->checksum = lower;
    }
  e->license = dup_member_string (object, "license");
  e->license_url = dup_member_string (object, "license_url");
  e->base_dataset = dup_member_string (object, "base_dataset");
  e->description = dup_member_string (object, "description");
  return e;
}

WsCatalogue *
ws_catalogue_load (const char  *path,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  g_autoptr(WsCatalogue) self = NULL;
  g_autofree char *url_template = NULL;
  JsonObject *root;
  JsonNode *models;
  JsonArray *array;

  g_return_val_if_fail (path != NULL, NULL);

  if (!json_parser_load_from_file (parser, path, &local))
    {
      g_set_error (error, WS_MODELS_ERROR, WS_MODELS_ERROR_CATALOGUE,
                   _("cannot read the model catalogue %s: %s"), path, local->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ||
      (models = json_object_get_member (root = json_node_get_object (json_parser_get_root (parser)),
                                        "models")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (models))
    {
      g_set_error (error, WS_MODELS_ERROR, WS_MODELS_ERROR_CATALOGUE,
                   _("%s: expected a JSON object with a “models” array"), path);
      return NULL;
    }

  self = g_new0 (WsCatalogue, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->path = g_strdup (path);
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  url_template = dup_member_string (root, "url_template");
  if (url_template == NULL)
    url_template = g_strdup (DEFAULT_URL_TEMPLATE);

  array = json_node_get_array (models);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      WsCatalogueEntry *e = parse_entry (path, i, json_array_get_element (array, i),
                                         url_template, error);
      if (e == NULL)
        return NULL;
      if (ws_catalogue_lookup (self, e->name) != NULL)
        {
          g_set_error (error, WS_MODELS_ERROR, WS_MODELS_ERROR_CATALOGUE,
                       _("%s: the model name “%s” appears twice"), path, e->name);
          entry_free (e);
          return NULL;
        }
      g_ptr_array_add (self->entries, e);
    }
  return g_steal_pointer (&self);
}

WsCatalogue *
ws_catalogue_load_default (GError **error)
{
  const char *env = g_getenv ("WORDSPACE_CATALOGUE");
  g_autofree char *source = NULL;
  g_autofree char *installed = NULL;

  if (env != NULL && *env != '\0')
    return ws_catalogue_load (env, error);

  source = g_build_filename (WS_SOURCE_DATADIR, CATALOGUE_NAME, NULL);
  if (g_file_test (source, G_FILE_TEST_EXISTS))
    return ws_catalogue_load (source, error);
  installed = g_build_filename (PKGDATADIR, CATALOGUE_NAME, NULL);
  return ws_catalogue_load (installed, error);
}

WsCatalogue *
ws_catalogue_ref (WsCatalogue *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ws_catalogue_unref (WsCatalogue *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_ptr_array_unref (self->entries);
  g_free (self->path);
  g_free (self);
}

const char *
ws_catalogue_get_path (WsCatalogue *self)
{
  return self->path;
}

guint
ws_catalogue_get_n_entries (WsCatalogue *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->entries->len;
}

const WsCatalogueEntry *
ws_catalogue_get_entry (WsCatalogue *self,
                        guint        index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);
  return g_ptr_array_index (self->entries, index);
}

const WsCatalogueEntry *
ws_catalogue_lookup (WsCatalogue *self,
                     const char  *name)
{
  g_return_val_if_fail (self != NULL, NULL);
  for (guint i = 0; i < self->entries->len; i++)
    {
      const WsCatalogueEntry *e = g_ptr_array_index (self->entries, i);
      if (g_strcmp0 (e->name, name) == 0)
        return e;
    }
  return NULL;
}

char *
ws_models_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "wordspace", "models", NULL);
}

char *
ws_models_gensim_dir (void)
{
  const char *env = g_getenv ("GENSIM_DATA_DIR");

  /* gensim takes the variable as it is, even empty. */
  if (env != NULL)
    return g_strdup (env);
  return g_build_filename (g_get_home_dir (), "gensim-data", NULL);
}

char *
ws_catalogue_entry_find_local (const WsCatalogueEntry *entry)
{
  g_autofree char *file = g_strconcat (entry->name, ".gz", NULL);
  g_autofree char *ours_dir = ws_models_dir ();
  g_autofree char *gensim_dir = ws_models_gensim_dir ();
  g_autofree char *ours = g_build_filename (ours_dir, file, NULL);
  g_autofree char *gensims = g_build_filename (gensim_dir, entry->name, file, NULL);

  if (g_file_test (ours, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&ours);
  if (g_file_test (gensims, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&gensims);
  return NULL;
}

char *
ws_models_resolve (const char  *name_or_path,
                   GError     **error)
{
  g_autoptr(WsCatalogue) catalogue = NULL;
  g_autoptr(GError) local = NULL;
  const WsCatalogueEntry *entry;
  char *path;

  g_return_val_if_fail (name_or_path != NULL, NULL);

  /* A file of that name wins: a path never turns into a download. */
  if (g_file_test (name_or_path, G_FILE_TEST_EXISTS) || strchr (name_or_path, '/') != NULL)
    return g_strdup (name_or_path);

  catalogue = ws_catalogue_load_default (&local);
  if (catalogue == NULL)
    {
      /* Without a catalogue the name can only be a missing file. */
      g_debug ("%s", local->message);
      return g_strdup (name_or_path);
    }
  entry = ws_catalogue_lookup (catalogue, name_or_path);
  if (entry == NULL)
    return g_strdup (name_or_path);

  path = ws_catalogue_entry_find_local (entry);
  if (path == NULL)
    {
      g_autofree char *size = g_format_size (entry->file_size);

      g_set_error (error, WS_MODELS_ERROR, WS_MODELS_ERROR_NOT_HERE,
                   _("the model “%s” is in the catalogue but not on this machine; "
                     "get it (%s) with: wordspace-cli download %s"),
                   entry->name, size, entry->name);
    }
  return path;
}
