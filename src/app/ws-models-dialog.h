/* ws-models-dialog.h: the catalogue's models, downloaded with one click
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WS_TYPE_MODELS_DIALOG (ws_models_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WsModelsDialog, ws_models_dialog, WS, MODELS_DIALOG, AdwWindow)

/* Lists the catalogue (ws_catalogue_load_default ()): per model its
 * records, dimensions, size and licence, and a Download button, or Open
 * when the model is on this machine. A download shows its progress (bytes,
 * speed, time left) and can be cancelled; closing the dialog cancels it
 * and keeps the .part for a resume. Open emits ::open-model with the file. */
WsModelsDialog *ws_models_dialog_new           (GtkWindow      *parent);

G_END_DECLS
