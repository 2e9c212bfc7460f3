/* ws-window-pages.c: the window's three pages (Explore, Embedding Layer, Training)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pages are put together here rather than in ws-window.ui so the
 * window's own template and code stay about exploring a model.
 */
#define G_LOG_DOMAIN "wordspace"

#include "config.h"

#include <glib/gi18n.h>

#include "ws-embedding-page.h"
#include "ws-train-page.h"
#include "ws-window-pages.h"

static gboolean
show_page (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  AdwViewStack *stack = user_data;

  adw_view_stack_set_visible_child_name (stack, g_variant_get_string (args, NULL));
  return TRUE;
}

static void
add_shortcut (GtkShortcutController *controller,
              guint                  keyval,
              AdwViewStack          *stack,
              const char            *name)
{
  gtk_shortcut_controller_add_shortcut (controller,
    gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (keyval, GDK_ALT_MASK),
                                     gtk_callback_action_new (show_page, stack, NULL),
                                     "s", name));
}

AdwViewStack *
ws_window_pages_install (GtkWindow *window,
                         GtkWidget *header_bar,
                         WsSession *session,
                         GObject   *text_scale_source)
{
  GtkWidget *box = gtk_widget_get_parent (header_bar);
  GtkWidget *explore = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  AdwViewStack *stack = ADW_VIEW_STACK (adw_view_stack_new ());
  GtkWidget *switcher = adw_view_switcher_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkWidget *child, *next;
  WsEmbeddingPage *embedding = ws_embedding_page_new (session);
  WsTrainPage *training = ws_train_page_new ();
  AdwViewStackPage *page;

  g_return_val_if_fail (GTK_IS_BOX (box), NULL);

  for (child = gtk_widget_get_next_sibling (header_bar); child != NULL; child = next)
    {
      next = gtk_widget_get_next_sibling (child);
      g_object_ref (child);
      gtk_box_remove (GTK_BOX (box), child);
      gtk_box_append (GTK_BOX (explore), child);
      g_object_unref (child);
    }
  gtk_widget_set_vexpand (GTK_WIDGET (stack), TRUE);
  gtk_widget_set_name (GTK_WIDGET (embedding), "embedding-page");
  gtk_widget_set_name (GTK_WIDGET (training), "train-page");
  page = adw_view_stack_add_titled (stack, explore, "explore", _("Explore"));
  adw_view_stack_page_set_icon_name (page, "system-search-symbolic");
  page = adw_view_stack_add_titled (stack, GTK_WIDGET (embedding), "embedding",
                                    _("Embedding Layer"));
  adw_view_stack_page_set_icon_name (page, "view-grid-symbolic");
  page = adw_view_stack_add_titled (stack, GTK_WIDGET (training), "training", _("Training"));
  adw_view_stack_page_set_icon_name (page, "media-playback-start-symbolic");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (stack));

  adw_view_switcher_set_stack (ADW_VIEW_SWITCHER (switcher), stack);
  adw_view_switcher_set_policy (ADW_VIEW_SWITCHER (switcher), ADW_VIEW_SWITCHER_POLICY_WIDE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header_bar), switcher);

  g_object_bind_property (text_scale_source, "text-scale", embedding, "text-scale",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (text_scale_source, "text-scale", training, "text-scale",
                          G_BINDING_SYNC_CREATE);

  /* Capture: the query entry must not see Alt+digit first. */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                     GTK_SHORTCUT_SCOPE_LOCAL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_1, stack, "explore");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_2, stack, "embedding");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_3, stack, "training");
  gtk_widget_add_controller (GTK_WIDGET (window), shortcuts);
  return stack;
}
