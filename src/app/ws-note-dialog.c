/* ws-note-dialog.c: asks for a note's text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ws-note-dialog.h"

/* Saving an empty note would leave a box with nothing in it. */
static void
on_text_changed (GtkEditable      *entry,
                 AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", *text != '\0');
}

AdwMessageDialog *
ws_note_dialog_new (GtkWindow  *parent,
                    const char *heading,
                    const char *text)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading,
                                                       _("The note is drawn beside its word, in exports too.")));
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Note"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "ws-entry", entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_text_changed), dialog, 0);
  on_text_changed (GTK_EDITABLE (entry), dialog);
  gtk_widget_grab_focus (entry);
  return dialog;
}

GtkEditable *
ws_note_dialog_get_entry (AdwMessageDialog *dialog)
{
  g_return_val_if_fail (ADW_IS_MESSAGE_DIALOG (dialog), NULL);
  return g_object_get_data (G_OBJECT (dialog), "ws-entry");
}

char *
ws_note_dialog_get_text (AdwMessageDialog *dialog)
{
  GtkEditable *entry = ws_note_dialog_get_entry (dialog);

  g_return_val_if_fail (entry != NULL, NULL);
  return g_strstrip (g_strdup (gtk_editable_get_text (entry)));
}
