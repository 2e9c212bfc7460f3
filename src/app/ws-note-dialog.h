/* ws-note-dialog.h: asks for a note's text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A message dialog over @parent with an entry holding @text (may be NULL)
 * and the responses "cancel" and "save" (the default: Enter saves). The
 * caller connects to "response::save" and reads ws_note_dialog_get_text. */
AdwMessageDialog *ws_note_dialog_new      (GtkWindow        *parent,
                                           const char       *heading,
                                           const char       *text);
GtkEditable      *ws_note_dialog_get_entry (AdwMessageDialog *dialog);
/* The text typed, stripped of spaces at its ends. */
char             *ws_note_dialog_get_text (AdwMessageDialog *dialog);

G_END_DECLS
