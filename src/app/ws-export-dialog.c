/* ws-export-dialog.c: the options of an exported figure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ws-export-dialog.h"

struct _WsExportDialog
{
  AdwWindow       parent_instance;

  GtkSpinButton  *width_spin;
  GtkSpinButton  *height_spin;
  GtkDropDown    *scale_dropdown;
  GtkSwitch      *transparent_switch;
};

G_DEFINE_FINAL_TYPE (WsExportDialog, ws_export_dialog, ADW_TYPE_WINDOW)

enum {
  EXPORT,
  COPY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_export_clicked (WsExportDialog *self)
{
  g_signal_emit (self, signals[EXPORT], 0);
}

static void
on_copy_clicked (WsExportDialog *self)
{
  g_signal_emit (self, signals[COPY], 0);
}

static void
ws_export_dialog_class_init (WsExportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* "Export…": the window asks for a file and writes it; the dialog
   * closes. "Copy Image": the window copies a PNG; the dialog stays. */
  signals[EXPORT] = g_signal_new ("export", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[COPY] = g_signal_new ("copy", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wordspace/Wordspace/ws-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WsExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, WsExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, WsExportDialog, scale_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WsExportDialog, transparent_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ws_export_dialog_init (WsExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

WsExportDialog *
ws_export_dialog_new (GtkWindow *parent,
                      int        width,
                      int        height)
{
  WsExportDialog *self = g_object_new (WS_TYPE_EXPORT_DIALOG,
                                       "transient-for", parent,
                                       "modal", TRUE,
                                       "destroy-with-parent", TRUE,
                                       NULL);

  ws_export_dialog_set_size (self, width, height);
  return self;
}

int
ws_export_dialog_get_width (WsExportDialog *self)
{
  g_return_val_if_fail (WS_IS_EXPORT_DIALOG (self), 0);
  return gtk_spin_button_get_value_as_int (self->width_spin);
}

int
ws_export_dialog_get_height (WsExportDialog *self)
{
  g_return_val_if_fail (WS_IS_EXPORT_DIALOG (self), 0);
  return gtk_spin_button_get_value_as_int (self->height_spin);
}

double
ws_export_dialog_get_scale (WsExportDialog *self)
{
  g_return_val_if_fail (WS_IS_EXPORT_DIALOG (self), 1.0);
  return gtk_drop_down_get_selected (self->scale_dropdown) == 1 ? 2.0 : 1.0;
}

gboolean
ws_export_dialog_get_transparent (WsExportDialog *self)
{
  g_return_val_if_fail (WS_IS_EXPORT_DIALOG (self), FALSE);
  return gtk_switch_get_active (self->transparent_switch);
}

void
ws_export_dialog_set_size (WsExportDialog *self,
                           int             width,
                           int             height)
{
  g_return_if_fail (WS_IS_EXPORT_DIALOG (self));
  gtk_spin_button_set_value (self->width_spin, width);
  gtk_spin_button_set_value (self->height_spin, height);
}

void
ws_export_dialog_set_scale (WsExportDialog *self,
                            double          scale)
{
  g_return_if_fail (WS_IS_EXPORT_DIALOG (self));
  gtk_drop_down_set_selected (self->scale_dropdown, scale >= 1.5 ? 1 : 0);
}

void
ws_export_dialog_set_transparent (WsExportDialog *self,
                                  gboolean        transparent)
{
  g_return_if_fail (WS_IS_EXPORT_DIALOG (self));
  gtk_switch_set_active (self->transparent_switch, transparent);
}

void
ws_export_dialog_activate_export (WsExportDialog *self)
{
  g_return_if_fail (WS_IS_EXPORT_DIALOG (self));
  on_export_clicked (self);
}

void
ws_export_dialog_activate_copy (WsExportDialog *self)
{
  g_return_if_fail (WS_IS_EXPORT_DIALOG (self));
  on_copy_clicked (self);
}
