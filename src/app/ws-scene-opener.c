/* ws-scene-opener.c: finds the model a scene was made with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wordspace"

#include "config.h"

#include <glib/gi18n.h>

#include "ws-scene-opener.h"

typedef struct
{
  GtkWindow            *parent;
  WsSceneFile          *scene;
  char                 *located;   /* the file the person chose, or NULL */
  GtkFileChooserNative *chooser;   /* kept until "response" */
  WsSceneModelFound     found;
} Opener;

static void
opener_free (Opener *o)
{
  g_clear_object (&o->parent);
  ws_scene_file_free (o->scene);
  g_free (o->located);
  if (o->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (o->chooser));
  g_clear_object (&o->chooser);
  g_free (o);
}

static void check (Opener *o);

static void
on_chooser_response (GtkFileChooserNative *chooser,
                     int                   response,
                     Opener               *o)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&o->chooser);
  if (file == NULL || g_file_peek_path (file) == NULL)
    {
      opener_free (o);
      return;
    }
  g_free (o->located);
  o->located = g_file_get_path (file);
  check (o);
}

static void
locate (Opener *o)
{
  g_autofree char *title = NULL;
  g_autofree char *name = g_path_get_basename (o->scene->model.path);

  /* Translators: the title of the file chooser for a scene's model. */
  title = g_strdup_printf (_("Locate %s"), name);
  o->chooser = gtk_file_chooser_native_new (title, o->parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                            _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (o->chooser), TRUE);
  g_signal_connect (o->chooser, "response", G_CALLBACK (on_chooser_response), o);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (o->chooser));
}

static void
on_response (AdwMessageDialog *dialog,
             const char       *response,
             Opener           *o)
{
  if (g_str_equal (response, "locate"))
    locate (o);
  else if (g_str_equal (response, "use"))
    {
      o->found (o->parent, o->scene, o->located != NULL ? o->located : o->scene->model.path);
      opener_free (o);
    }
  else
    opener_free (o);
}

static void
ask (Opener       *o,
     const GError *error)
{
  gboolean changed = g_error_matches (error, WS_SCENE_FILE_ERROR, WS_SCENE_FILE_ERROR_MODEL_CHANGED);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (o->parent,
                                                       changed ? _("The Scene’s Model Has Changed")
                                                               : _("The Scene’s Model Is Missing"),
                                                       NULL));
  adw_message_dialog_format_body (dialog, "%s\n\n%s", error->message,
                                  changed ? _("The map may differ from the one saved. Locate the "
                                              "model it was made with, or use this one anyway.")
                                          : _("Locate the model file to show the scene."));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  if (changed)
    adw_message_dialog_add_response (dialog, "use", _("_Use Anyway"));
  adw_message_dialog_add_response (dialog, "locate", _("_Locate…"));
  adw_message_dialog_set_response_appearance (dialog, "locate", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "locate");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_response), o);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
check (Opener *o)
{
  g_autoptr(GError) error = NULL;

  if (ws_scene_file_check_model (o->scene, o->located, TRUE, &error))
    {
      o->found (o->parent, o->scene, o->located != NULL ? o->located : o->scene->model.path);
      opener_free (o);
      return;
    }
  ask (o, error);
}

void
ws_scene_opener_find_model (GtkWindow         *parent,
                            WsSceneFile       *scene,
                            const char        *current_model,
                            WsSceneModelFound  found)
{
  Opener *o;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (scene != NULL);
  g_return_if_fail (found != NULL);

  /* No model named, or the one open: nothing to load. */
  if (scene->model.path == NULL ||
      (current_model != NULL && g_strcmp0 (current_model, scene->model.path) == 0))
    {
      found (parent, scene, NULL);
      ws_scene_file_free (scene);
      return;
    }
  o = g_new0 (Opener, 1);
  o->parent = g_object_ref (parent);
  o->scene = scene;
  o->found = found;
  check (o);
}
