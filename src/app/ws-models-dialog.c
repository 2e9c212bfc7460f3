/* ws-models-dialog.c: the catalogue's models, downloaded with one click
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wordspace"

#include "config.h"

#include <glib/gi18n.h>

#include "ws-catalogue.h"
#include "ws-model-download.h"
#include "ws-models-dialog-private.h"

struct _WsModelsDialog
{
  AdwWindow    parent_instance;

  WsCatalogue *catalogue;
  GHashTable  *rows;        /* name -> AdwActionRow */

  /* template */
  GtkListBox  *list;
  GtkLabel    *error_label;
};

G_DEFINE_FINAL_TYPE (WsModelsDialog, ws_models_dialog, ADW_TYPE_WINDOW)

enum
{
  OPEN_MODEL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What a row knows beyond its widgets; lives as long as the row. */
typedef struct
{
  WsModelsDialog         *dialog;
  const WsCatalogueEntry *entry;     /* owned by dialog->catalogue */
  GtkWidget              *button;
  GtkWidget              *progress;
  GtkLabel               *status;
  GCancellable           *cancellable;
  char                   *path;      /* the model on this machine */
  const char             *state;     /* "download", "cancel" or "open" */
} ModelRow;

static void
model_row_free (gpointer data)
{
  ModelRow *m = data;

  if (m->cancellable != NULL)
    g_cancellable_cancel (m->cancellable);
  g_clear_object (&m->cancellable);
  g_free (m->path);
  g_free (m);
}

static void
set_state (ModelRow   *m,
           const char *state)
{
  m->state = state;
  if (g_str_equal (state, "open"))
    {
      gtk_button_set_label (GTK_BUTTON (m->button), _("_Open"));
      gtk_widget_add_css_class (m->button, "suggested-action");
    }
  else if (g_str_equal (state, "cancel"))
    {
      gtk_button_set_label (GTK_BUTTON (m->button), _("_Cancel"));
      gtk_widget_remove_css_class (m->button, "suggested-action");
    }
  else
    {
      g_autofree char *part = ws_model_download_part_path (m->entry, NULL);

      gtk_button_set_label (GTK_BUTTON (m->button),
                            g_file_test (part, G_FILE_TEST_EXISTS) ? _("_Resume") : _("_Download"));
      gtk_widget_remove_css_class (m->button, "suggested-action");
    }
  gtk_widget_set_visible (m->progress, g_str_equal (state, "cancel"));
}

static void
on_progress (const WsDownloadProgress *p,
             gpointer                  user_data)
{
  ModelRow *m = g_object_get_data (G_OBJECT (user_data), "ws-model-row");
  g_autofree char *done = g_format_size (p->received);
  g_autofree char *total = g_format_size (p->total);
  g_autoptr(GString) text = g_string_new (NULL);

  /* The dialog may have closed since: its widgets are gone. */
  if (m == NULL || m->dialog == NULL)
    return;
  if (p->phase == WS_DOWNLOAD_VERIFYING)
    g_string_assign (text, _("Checking the md5…"));
  else if (p->phase == WS_DOWNLOAD_CONNECTING && p->received == 0)
    g_string_assign (text, _("Connecting…"));
  else
    {
      g_string_printf (text, _("%s of %s"), done, total);
      if (p->bytes_per_second > 0)
        {
          g_autofree char *speed = g_format_size ((guint64) p->bytes_per_second);
          g_string_append_printf (text, _(" · %s/s"), speed);
        }
      if (p->bytes_per_second > 0 && p->seconds_left >= 0)
        {
          g_autofree char *left = ws_download_progress_format_time_left (p);
          g_string_append_printf (text, _(" · %s left"), left);
        }
    }
  gtk_label_set_text (m->status, text->str);
  gtk_widget_remove_css_class (GTK_WIDGET (m->status), "error");
  if (p->total > 0)
    gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (m->progress),
                                   MIN (1.0, (double) p->received / p->total));
}

static void
on_download_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GtkWidget) row = user_data;
  ModelRow *m = g_object_get_data (G_OBJECT (row), "ws-model-row");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = ws_model_download_finish (result, &error);

  if (m == NULL)
    return;
  g_clear_object (&m->cancellable);
  if (m->dialog == NULL)
    return;
  if (path != NULL)
    {
      g_free (m->path);
      m->path = g_steal_pointer (&path);
      gtk_label_set_text (m->status, _("Downloaded and checked"));
      set_state (m, "open");
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gtk_label_set_text (m->status, _("Cancelled; what was received is kept for a resume"));
  else
    {
      gtk_label_set_text (m->status, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (m->status), "error");
    }
  set_state (m, "download");
}

static void
on_row_button_clicked (GtkWidget *row)
{
  ModelRow *m = g_object_get_data (G_OBJECT (row), "ws-model-row");

  if (g_str_equal (m->state, "open"))
    {
      g_autoptr(GFile) file = g_file_new_for_path (m->path);

      g_signal_emit (m->dialog, signals[OPEN_MODEL], 0, file);
      gtk_window_close (GTK_WINDOW (m->dialog));
    }
  else if (g_str_equal (m->state, "cancel"))
    g_cancellable_cancel (m->cancellable);
  else
    {
      m->cancellable = g_cancellable_new ();
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (m->progress), 0.0);
      gtk_label_set_text (m->status, _("Connecting…"));
      set_state (m, "cancel");
      ws_model_download_async (m->entry, NULL, m->cancellable,
                               on_progress, g_object_ref (row), g_object_unref,
                               on_download_done, g_object_ref (row));
    }
}

static GtkWidget *
make_row (WsModelsDialog         *self,
          const WsCatalogueEntry *e)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  ModelRow *m = g_new0 (ModelRow, 1);
  g_autofree char *size = g_format_size (e->file_size);
  g_autofree char *records = g_strdup_printf ("%'" G_GUINT64_FORMAT, e->num_records);
  g_autofree char *facts = NULL;
  g_autofree char *subtitle = NULL;

  /* TRANSLATORS: records × dimensions · size · licence */
  facts = g_strdup_printf (_("%s words × %u · %s · %s"), records, e->dimension, size,
                           e->license != NULL ? e->license : _("licence not stated"));
  subtitle = e->description != NULL ? g_strdup_printf ("%s\n%s", facts, e->description)
                                    : g_strdup (facts);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), e->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  m->dialog = self;
  m->entry = e;
  m->path = ws_catalogue_entry_find_local (e);
  m->button = gtk_button_new_with_mnemonic (_("_Download"));
  gtk_widget_set_valign (m->button, GTK_ALIGN_CENTER);
  m->progress = gtk_progress_bar_new ();
  m->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (m->status, 1.0);
  gtk_label_set_wrap (m->status, TRUE);
  gtk_label_set_max_width_chars (m->status, 28);
  gtk_widget_add_css_class (GTK_WIDGET (m->status), "caption");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), m->button);
  gtk_box_append (GTK_BOX (box), m->progress);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (m->status));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "ws-model-row", m, model_row_free);
  g_signal_connect_swapped (m->button, "clicked", G_CALLBACK (on_row_button_clicked), row);

  if (m->path != NULL)
    {
      gtk_label_set_text (m->status, _("On this machine"));
      set_state (m, "open");
    }
  else
    set_state (m, "download");
  return row;
}

static void
fill (WsModelsDialog *self)
{
  g_autoptr(GError) error = NULL;

  self->catalogue = ws_catalogue_load_default (&error);
  if (self->catalogue == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  for (guint i = 0; i < ws_catalogue_get_n_entries (self->catalogue); i++)
    {
      const WsCatalogueEntry *e = ws_catalogue_get_entry (self->catalogue, i);
      GtkWidget *row = make_row (self, e);

      g_hash_table_insert (self->rows, e->name, row);
      gtk_list_box_append (self->list, row);
    }
}

static void
ws_models_dialog_dispose (GObject *object)
{
  WsModelsDialog *self = WS_MODELS_DIALOG (object);
  GHashTableIter iter;
  gpointer row;

  /* Closing the dialog stops its downloads; their .part files stay. */
  if (self->rows != NULL)
    {
      g_hash_table_iter_init (&iter, self->rows);
      while (g_hash_table_iter_next (&iter, NULL, &row))
        {
          ModelRow *m = g_object_get_data (G_OBJECT (row), "ws-model-row");

          if (m == NULL)
            continue;
          /* A download still running holds its row: tell it the dialog,
           * and the widgets it would update, are going. */
          m->dialog = NULL;
          if (m->cancellable != NULL)
            g_cancellable_cancel (m->cancellable);
        }
      g_clear_pointer (&self->rows, g_hash_table_unref);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), WS_TYPE_MODELS_DIALOG);
  G_OBJECT_CLASS (ws_models_dialog_parent_class)->dispose (object);
}

static void
ws_models_dialog_finalize (GObject *object)
{
  WsModelsDialog *self = WS_MODELS_DIALOG (object);

  g_clear_pointer (&self->catalogue, ws_catalogue_unref);
  G_OBJECT_CLASS (ws_models_dialog_parent_class)->finalize (object);
}

static void
ws_models_dialog_class_init (WsModelsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ws_models_dialog_dispose;
  object_class->finalize = ws_models_dialog_finalize;

  /* The user chose to open a model on this machine: a GFile. */
  signals[OPEN_MODEL] = g_signal_new ("open-model", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wordspace/Wordspace/ws-models-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WsModelsDialog, list);
  gtk_widget_class_bind_template_child (widget_class, WsModelsDialog, error_label);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ws_models_dialog_init (WsModelsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_hash_table_new (g_str_hash, g_str_equal);
  fill (self);
}

WsModelsDialog *
ws_models_dialog_new (GtkWindow *parent)
{
  return g_object_new (WS_TYPE_MODELS_DIALOG, "transient-for", parent, NULL);
}

static GtkWidget *
get_row (WsModelsDialog *self,
         const char     *name)
{
  g_return_val_if_fail (WS_IS_MODELS_DIALOG (self), NULL);
  return self->rows != NULL ? g_hash_table_lookup (self->rows, name) : NULL;
}

guint
ws_models_dialog_get_n_rows (WsModelsDialog *self)
{
  g_return_val_if_fail (WS_IS_MODELS_DIALOG (self), 0);
  return self->rows != NULL ? g_hash_table_size (self->rows) : 0;
}

const char *
ws_models_dialog_get_row_status (WsModelsDialog *self,
                                 const char     *name)
{
  GtkWidget *row = get_row (self, name);
  ModelRow *m = row != NULL ? g_object_get_data (G_OBJECT (row), "ws-model-row") : NULL;

  return m != NULL ? gtk_label_get_text (m->status) : NULL;
}

const char *
ws_models_dialog_get_row_state (WsModelsDialog *self,
                                const char     *name)
{
  GtkWidget *row = get_row (self, name);
  ModelRow *m = row != NULL ? g_object_get_data (G_OBJECT (row), "ws-model-row") : NULL;

  return m != NULL ? m->state : NULL;
}

void
ws_models_dialog_activate_row (WsModelsDialog *self,
                               const char     *name)
{
  GtkWidget *row = get_row (self, name);

  g_return_if_fail (row != NULL);
  on_row_button_clicked (row);
}
