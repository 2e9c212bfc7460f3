/* ws-load-card.c: the card over the map that follows a model's load
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * While the session loads a model the card shows the file, how far the
 * load is, the words read and the time left, with a button to cancel. It
 * floats over the map, so showing and hiding it moves nothing else.
 *
 * When the load ends the card says how it ended ("Opened …", "Loading
 * cancelled") for a few seconds, where the person was already looking. A
 * toast would say the same at the bottom of the window, but adding one
 * redraws the whole window's content with GTK 4.8 and libadwaita 1.2: a
 * frame of 45-55 ms with the cairo renderer, right as a large model
 * arrives. The card redraws only itself. A failed load has its own dialog.
 */
#define G_LOG_DOMAIN "wordspace"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>

#include "ws-load-card.h"

#define NOTICE_SECONDS 3

struct _WsLoadCard
{
  GtkWidget       parent_instance;

  WsSession      *session;

  /* template */
  GtkRevealer    *revealer;
  GtkLabel       *label;
  GtkProgressBar *progress;
  GtkButton      *cancel_button;

  guint           notice_id;      /* hides the notice of the last load's end */
};

G_DEFINE_FINAL_TYPE (WsLoadCard, ws_load_card, GTK_TYPE_WIDGET)

static void
update (WsLoadCard *self)
{
  gboolean loading = self->session != NULL && ws_session_get_loading (self->session);
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  double fraction, left;
  guint64 words;

  if (!loading)
    {
      /* The end of a load: its notice, if any, comes with "load-finished". */
      if (self->notice_id == 0)
        gtk_revealer_set_reveal_child (self->revealer, FALSE);
      return;
    }
  g_clear_handle_id (&self->notice_id, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), TRUE);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
  fraction = ws_session_get_load_fraction (self->session);
  words = ws_session_get_load_words (self->session);
  left = ws_session_get_load_seconds_left (self->session);
  name = ws_session_get_load_file (self->session);
  gtk_progress_bar_set_fraction (self->progress, fraction);
  if (left >= 0)
    /* Translators: loading progress: file, percent, words read, seconds left. */
    text = g_strdup_printf (g_dngettext (NULL, "Loading %s: %.0f %%, %'" PRIu64 " word, %.0f s left",
                                         "Loading %s: %.0f %%, %'" PRIu64 " words, %.0f s left", words),
                            name, 100 * fraction, words, ceil (left));
  else
    /* Translators: loading progress: file, percent, words read. */
    text = g_strdup_printf (g_dngettext (NULL, "Loading %s: %.0f %%, %'" PRIu64 " word",
                                         "Loading %s: %.0f %%, %'" PRIu64 " words", words),
                            name, 100 * fraction, words);
  gtk_label_set_text (self->label, text);
}

static gboolean
notice_done (gpointer data)
{
  WsLoadCard *self = data;

  self->notice_id = 0;
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
  return G_SOURCE_REMOVE;
}

static void
show_notice (WsLoadCard *self,
             const char *text)
{
  gtk_label_set_text (self->label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
  g_clear_handle_id (&self->notice_id, g_source_remove);
  self->notice_id = g_timeout_add_seconds (NOTICE_SECONDS, notice_done, self);
}

static void
on_load_finished (WsLoadCard *self,
                  gboolean    success,
                  const char *message,
                  WsSession  *session)
{
  if (success)
    {
      g_autofree char *text = g_strdup_printf (_("Opened %s"), ws_session_get_title (session));

      gtk_progress_bar_set_fraction (self->progress, 1.0);
      show_notice (self, text);
    }
  else if (message == NULL)
    show_notice (self, _("Loading cancelled"));
  else
    ws_load_card_dismiss (self);
}

static void
on_cancel_clicked (WsLoadCard *self,
                   GtkButton  *button)
{
  if (self->session != NULL)
    ws_session_cancel_load (self->session);
}

static void
ws_load_card_dispose (GObject *object)
{
  WsLoadCard *self = WS_LOAD_CARD (object);

  ws_load_card_set_session (self, NULL);
  g_clear_handle_id (&self->notice_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), WS_TYPE_LOAD_CARD);
  G_OBJECT_CLASS (ws_load_card_parent_class)->dispose (object);
}

static void
ws_load_card_class_init (WsLoadCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ws_load_card_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wordspace/Wordspace/ws-load-card.ui");
  gtk_widget_class_bind_template_child (widget_class, WsLoadCard, revealer);
  gtk_widget_class_bind_template_child (widget_class, WsLoadCard, label);
  gtk_widget_class_bind_template_child (widget_class, WsLoadCard, progress);
  gtk_widget_class_bind_template_child (widget_class, WsLoadCard, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
}

static void
ws_load_card_init (WsLoadCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
ws_load_card_set_session (WsLoadCard *self,
                          WsSession  *session)
{
  g_return_if_fail (WS_IS_LOAD_CARD (self));
  g_return_if_fail (session == NULL || WS_IS_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::loading", G_CALLBACK (update), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::load-fraction", G_CALLBACK (update), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::load-words", G_CALLBACK (update), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "load-finished", G_CALLBACK (on_load_finished), self,
                               G_CONNECT_SWAPPED);
    }
  update (self);
}

const char *
ws_load_card_get_text (WsLoadCard *self)
{
  g_return_val_if_fail (WS_IS_LOAD_CARD (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->revealer))
    return NULL;
  return gtk_label_get_text (self->label);
}

/* Hides the notice of the last load's end, at once. */
void
ws_load_card_dismiss (WsLoadCard *self)
{
  g_return_if_fail (WS_IS_LOAD_CARD (self));

  if (self->session != NULL && ws_session_get_loading (self->session))
    return;
  g_clear_handle_id (&self->notice_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
}
