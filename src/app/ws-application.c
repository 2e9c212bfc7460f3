/* ws-application.c: actions, accelerators, settings and the About window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wordspace"

#include "config.h"

#include <glib/gi18n.h>

#include "ws-application.h"
#include "ws-vectors-cache.h"
#include "ws-window.h"

#define BUNDLED_MODEL_NAME "wordspace-en.bin"
#define MAX_RECENT 8

struct _WsApplication
{
  AdwApplication  parent_instance;
  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (WsApplication, ws_application, ADW_TYPE_APPLICATION)

static GSettings *
new_settings (void)
{
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *parent = g_settings_schema_source_get_default ();

  /* An uninstalled build compiles the schema beside itself. */
  source = g_settings_schema_source_new_from_directory (WS_BUILD_SCHEMADIR, parent, FALSE, NULL);
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL && parent != NULL)
    schema = g_settings_schema_source_lookup (parent, APP_ID, TRUE);
  if (schema == NULL)
    g_error ("The settings schema %s is not installed", APP_ID);
  return g_settings_new_full (schema, NULL, NULL);
}

static void
ws_application_activate (GApplication *app)
{
  WsApplication *self = WS_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      g_autoptr(WsSession) session = ws_session_new ();
      g_autoptr(GFile) model = ws_application_default_model (self);

      window = GTK_WINDOW (ws_window_new (self, session));
      if (model != NULL)
        ws_window_open_model (WS_WINDOW (window), model);
    }
  gtk_window_present (window);
}

static void
ws_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      g_autoptr(WsSession) session = ws_session_new ();
      window = GTK_WINDOW (ws_window_new (WS_APPLICATION (app), session));
    }
  /* One model at a time: the last file named wins. */
  if (n_files > 0)
    ws_window_open_file (WS_WINDOW (window), files[n_files - 1]);
  gtk_window_present (window);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* Closing the windows saves their state first. */
  for (GList *l = windows; l != NULL;)
    {
      GList *next = l->next;
      gtk_window_close (l->data);
      l = next;
    }
  g_application_quit (G_APPLICATION (app));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *developers[] = { _("The Wordspace developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "modal", TRUE,
                        "application-name", _("Wordspace"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Wordspace developers"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "comments", _("Explore word embeddings: type an analogy, read the answer, "
                                      "watch it land on the map."),
                        "website", "https://github.com/wordspace/wordspace",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: put your names here, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
};

static void
ws_application_startup (GApplication *app)
{
  WsApplication *self = WS_APPLICATION (app);
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.save-scene", { "<Control>s", NULL } },
    { "win.go-back", { "<Alt>Left", NULL } },
    { "win.go-forward", { "<Alt>Right", NULL } },
    { "win.copy-image", { "<Control><Shift>c", NULL } },
    { "win.focus-query", { "<Control>l", NULL } },
    { "win.fullscreen", { "F11", NULL } },
    { "win.zoom-in", { "<Control>plus", "<Control>equal", NULL } },
    { "win.zoom-out", { "<Control>minus", NULL } },
    { "win.zoom-reset", { "<Control>0", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (ws_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           accels[i].accels);
  if (self->settings == NULL)
    self->settings = new_settings ();
}

static void
ws_application_shutdown (GApplication *app)
{
  /* A model opened for the first time is being written to the model cache
   * in the background: let it finish (the window is gone already) so the
   * next start reopens it at once. */
  ws_vectors_cache_wait ();

  G_APPLICATION_CLASS (ws_application_parent_class)->shutdown (app);
}

static void
ws_application_dispose (GObject *object)
{
  WsApplication *self = WS_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ws_application_parent_class)->dispose (object);
}

static void
ws_application_class_init (WsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = ws_application_dispose;
  app_class->activate = ws_application_activate;
  app_class->open = ws_application_open;
  app_class->startup = ws_application_startup;
  app_class->shutdown = ws_application_shutdown;
}

static void
ws_application_init (WsApplication *self)
{
}

WsApplication *
ws_application_new (void)
{
  return g_object_new (WS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/wordspace/Wordspace",
                       NULL);
}

GSettings *
ws_application_get_settings (WsApplication *self)
{
  g_return_val_if_fail (WS_IS_APPLICATION (self), NULL);

  if (self->settings == NULL)
    self->settings = new_settings ();
  return self->settings;
}

GFile *
ws_application_default_model (WsApplication *self)
{
  const char *env = g_getenv ("WORDSPACE_MODEL");
  g_autofree char *last = NULL;

  g_return_val_if_fail (WS_IS_APPLICATION (self), NULL);

  if (env != NULL && *env != '\0')
    return g_file_new_for_commandline_arg (env);

  last = g_settings_get_string (ws_application_get_settings (self), "last-model");
  if (*last != '\0' && g_file_test (last, G_FILE_TEST_IS_REGULAR))
    return g_file_new_for_path (last);

  return ws_application_bundled_model (self);
}

GFile *
ws_application_bundled_model (WsApplication *self)
{
  g_autofree char *source = NULL;

  g_return_val_if_fail (WS_IS_APPLICATION (self), NULL);

  source = g_build_filename (WS_SOURCE_DATADIR, BUNDLED_MODEL_NAME, NULL);
  if (g_file_test (source, G_FILE_TEST_EXISTS))
    return g_file_new_for_path (source);
  return g_file_new_build_filename (PKGDATADIR, BUNDLED_MODEL_NAME, NULL);
}

void
ws_application_remember_model (WsApplication *self,
                               GFile         *file)
{
  GSettings *settings = ws_application_get_settings (self);
  g_autofree char *path = g_file_get_path (file);
  g_auto(GStrv) recent = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  if (path == NULL)
    return;
  recent = g_settings_get_strv (settings, "recent-models");
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, path);
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT; i++)
    if (g_strcmp0 (recent[i], path) != 0)
      {
        g_strv_builder_add (builder, recent[i]);
        n++;
      }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "recent-models", (const char * const *) updated);
  g_settings_set_string (settings, "last-model", path);
}
