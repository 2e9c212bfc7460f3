/* ws-models-dialog-private.h: what the tests look at in the Models dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ws-models-dialog.h"

G_BEGIN_DECLS

/* The number of model rows. */
guint           ws_models_dialog_get_n_rows     (WsModelsDialog *self);
/* The button of @name's row: "download", "cancel" or "open"; NULL when
 * there is no such row. */
const char     *ws_models_dialog_get_row_state  (WsModelsDialog *self,
                                                 const char     *name);
/* The line under that button: progress, the result or the error. */
const char     *ws_models_dialog_get_row_status (WsModelsDialog *self,
                                                 const char     *name);
/* Clicks that row's button, as a person would. */
void            ws_models_dialog_activate_row   (WsModelsDialog *self,
                                                 const char     *name);

G_END_DECLS
