/* ws-export-dialog.h: the options of an exported figure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Size, scale and background of the figure, then "Export…" (the window
 * asks for a file) or "Copy Image" (the window puts a PNG on the
 * clipboard). The dialog only holds the choices; the window draws.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WS_TYPE_EXPORT_DIALOG (ws_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WsExportDialog, ws_export_dialog, WS, EXPORT_DIALOG, AdwWindow)

/* Opens with @width × @height (the map's size on screen), scale 1 and an
 * opaque background. */
WsExportDialog *ws_export_dialog_new             (GtkWindow      *parent,
                                                  int             width,
                                                  int             height);
int             ws_export_dialog_get_width       (WsExportDialog *self);
int             ws_export_dialog_get_height      (WsExportDialog *self);
/* 1 or 2 (HiDPI): a PNG's pixels per point. */
double          ws_export_dialog_get_scale       (WsExportDialog *self);
gboolean        ws_export_dialog_get_transparent (WsExportDialog *self);
void            ws_export_dialog_set_size        (WsExportDialog *self,
                                                  int             width,
                                                  int             height);
void            ws_export_dialog_set_scale       (WsExportDialog *self,
                                                  double          scale);
void            ws_export_dialog_set_transparent (WsExportDialog *self,
                                                  gboolean        transparent);
/* What the buttons do, for tests: emit "export" or "copy". */
void            ws_export_dialog_activate_export (WsExportDialog *self);
void            ws_export_dialog_activate_copy   (WsExportDialog *self);

G_END_DECLS
