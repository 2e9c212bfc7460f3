/* ws-window.c: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window wires widgets to the session: it sends the user's requests
 * (queries, files, settings) and redraws from the session's properties and
 * signals.
 */
#define G_LOG_DOMAIN "wordspace"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "ws-export-dialog.h"
#include "ws-history.h"
#include "ws-load-card.h"
#include "ws-note-dialog.h"
#include "ws-plot-export.h"
#include "ws-plot-metadata.h"
#include "ws-plot-render.h"
#include "ws-presentation.h"
#include "ws-result-table.h"
#include "ws-scene-opener.h"
#include "ws-suggest.h"
#include "ws-models-dialog.h"
#include "ws-result-item.h"
#include "ws-window.h"
#include "ws-window-pages.h"

#define N_COMPLETIONS 8
#define TEXT_SCALE_STEP 1.15

struct _WsWindow
{
  AdwApplicationWindow  parent_instance;

  WsSession            *session;
  GSettings            *settings;

  /* template */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkWidget            *header_bar;
  WsPresentation       *presentation;   /* lessons and presentation mode */
  WsLoadCard           *load_card;
  GtkEntry             *query_entry;
  GtkDropDown          *projection_dropdown;
  GtkSpinButton        *neighbors_spin;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  GtkRevealer          *projection_note_revealer;
  GtkLabel             *projection_note;
  GtkBox               *suggestion_box;
  GtkColumnView        *results_view;
  GtkWidget            *mismatch_box;
  GtkLabel             *mismatch_label;
  GtkStack             *side_stack;
  GtkEntry             *similarity_entry;
  GtkGrid              *similarity_grid;
  GtkWidget            *similarity_message_box;
  GtkLabel             *similarity_message;
  GtkButton            *similarity_suggestion;
  GtkLabel             *vector_title;
  GtkDrawingArea       *vector_strip;
  GtkLabel             *vector_values;
  WsScatterPlot        *plot;
  AdwStatusPage        *empty_page;
  GMenu                *recent_section;

  /* completion */
  GtkPopover           *completion_popover;
  GtkStringList        *completions;
  GtkSingleSelection   *completion_selection;
  gboolean              completing;     /* our own edit: don't complete it */

  GtkSingleSelection   *results_selection;
  GtkCssProvider       *results_css;    /* the results' size follows the map's text */
  GtkFileChooserNative *chooser;        /* kept until "response" */
  char                 *vector_word;
  char                 *load_error;
  GFile                *opening;        /* the model being loaded */
  char                 *similarity_auto;  /* what we last put in the similarity entry */
  GWeakRef              toast;          /* the last toast shown */
  gboolean              full_screen;    /* asked for, or reported by the window manager */

  /* scenes */
  WsHistory            *history;
  gboolean              navigating;     /* a history entry is shown: its answer adds none */
  WsSceneFile          *pending_scene;  /* shown once its model is in */
  GtkWidget            *context_menu;   /* the map's, parented to the plot */
  GtkWidget            *results_menu;   /* the results list's */
  GtkWidget            *back_button;
  GtkWidget            *forward_button;
  int                   export_width;   /* what the export dialog chose */
  int                   export_height;
  double                export_scale;
  gboolean              export_transparent;
};

G_DEFINE_FINAL_TYPE (WsWindow, ws_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *projections[] = { "local", "analogy", "global" };

static void     show_scene    (WsWindow          *self,
                               const WsSceneFile *scene);
static gboolean export_figure (WsWindow          *self,
                               GFile             *file,
                               GError           **error);
static void     ws_window_install_figure_actions (GtkWidgetClass *widget_class);
static void     ws_window_setup_figures          (WsWindow       *self);

/* ------------------------------------------------------------------ */
/* Completion                                                          */

static gboolean
is_separator (gunichar c)
{
  return g_unichar_isspace (c) || c == '+' || c == ':' || c == '?' || c == ',' || c == '(' ||
         c == ')' || c == '*';
}

/* The word being typed: from the last separator before the cursor up to
 * the cursor. A leading '-' is an operator, not part of the word. */
static void
current_token (WsWindow *self,
               int      *start,
               int      *end)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->query_entry));
  int pos = gtk_editable_get_position (GTK_EDITABLE (self->query_entry));
  const char *cursor = g_utf8_offset_to_pointer (text, pos);
  const char *p = cursor;

  while (p > text)
    {
      const char *prev = g_utf8_prev_char (p);
      gunichar c = g_utf8_get_char (prev);

      if (is_separator (c) || (c == '-' && (prev == text || g_unichar_isspace (
                                              g_utf8_get_char (g_utf8_prev_char (prev))))))
        break;
      p = prev;
    }
  *start = (int) g_utf8_pointer_to_offset (text, p);
  *end = pos;
}

static void
hide_completion (WsWindow *self)
{
  /* Focus leaves the entry while the window is disposed too. */
  if (self->completion_popover != NULL && gtk_widget_get_visible (GTK_WIDGET (self->completion_popover)))
    gtk_popover_popdown (self->completion_popover);
}

/* The focus sits in the entry's inner text widget. */
static gboolean
entry_has_focus (WsWindow *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self->query_entry));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == GTK_WIDGET (self->query_entry) ||
                           gtk_widget_is_ancestor (focus, GTK_WIDGET (self->query_entry)));
}

/* Opens the completions under the word being typed, not at the entry's
 * start: the eye stays where the typing is. */
static void
point_at_token (WsWindow *self,
                int       start)
{
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (self->query_entry));
  graphene_rect_t strong;
  graphene_point_t origin;
  GdkRectangle rect;

  if (!GTK_IS_TEXT (delegate))
    return;
  gtk_text_compute_cursor_extents (GTK_TEXT (delegate), (gsize) start, &strong, NULL);
  if (!gtk_widget_compute_point (GTK_WIDGET (delegate), GTK_WIDGET (self->query_entry),
                                 &strong.origin, &origin))
    return;
  rect.x = (int) origin.x;
  rect.y = 0;
  rect.width = 1;
  rect.height = gtk_widget_get_height (GTK_WIDGET (self->query_entry));
  gtk_popover_set_pointing_to (self->completion_popover, &rect);
}

static void
update_completion (WsWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->query_entry));
  g_autofree char *prefix = NULL;
  g_auto(GStrv) words = NULL;
  guint n_old;
  int start, end;

  if (self->completing || !ws_session_get_completion_ready (self->session) || !entry_has_focus (self))
    {
      if (!self->completing)
        hide_completion (self);
      return;
    }

  current_token (self, &start, &end);
  prefix = g_utf8_substring (text, start, end);
  words = *prefix != '\0' ? ws_session_complete (self->session, prefix, N_COMPLETIONS) : NULL;

  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->completions));
  gtk_string_list_splice (self->completions, 0, n_old,
                          words != NULL ? (const char * const *) words : NULL);

  /* Nothing to offer, or only what is typed already. */
  if (words == NULL || words[0] == NULL || (words[1] == NULL && strcmp (words[0], prefix) == 0))
    {
      hide_completion (self);
      return;
    }
  gtk_single_selection_set_selected (self->completion_selection, GTK_INVALID_LIST_POSITION);
  point_at_token (self, start);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->completion_popover)))
    gtk_popover_popup (self->completion_popover);
}

static void
accept_completion (WsWindow *self,
                   guint     position)
{
  const char *word = gtk_string_list_get_string (self->completions, position);
  GtkEditable *editable = GTK_EDITABLE (self->query_entry);
  int start, end, pos;

  if (word == NULL)
    return;
  self->completing = TRUE;
  current_token (self, &start, &end);
  gtk_editable_delete_text (editable, start, end);
  pos = start;
  gtk_editable_insert_text (editable, word, -1, &pos);
  gtk_editable_set_position (editable, pos);
  self->completing = FALSE;
  hide_completion (self);
}

static void
on_completion_activate (WsWindow   *self,
                        guint       position,
                        GtkListView *view)
{
  accept_completion (self, position);
  gtk_widget_grab_focus (GTK_WIDGET (self->query_entry));
}

static gboolean
on_entry_key_pressed (WsWindow              *self,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GtkEventControllerKey *controller)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->completions));
  guint selected = gtk_single_selection_get_selected (self->completion_selection);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->completion_popover)) || n == 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      selected = selected == GTK_INVALID_LIST_POSITION ? 0 : (selected + 1) % n;
      gtk_single_selection_set_selected (self->completion_selection, selected);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      selected = selected == GTK_INVALID_LIST_POSITION || selected == 0 ? n - 1 : selected - 1;
      gtk_single_selection_set_selected (self->completion_selection, selected);
      return TRUE;
    case GDK_KEY_Tab:
      accept_completion (self, selected == GTK_INVALID_LIST_POSITION ? 0 : selected);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      if (selected == GTK_INVALID_LIST_POSITION)
        return FALSE;  /* Enter runs the query */
      accept_completion (self, selected);
      return TRUE;
    case GDK_KEY_Escape:
      hide_completion (self);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
setup_completion_row (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
bind_completion_row (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  GtkStringObject *s = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (s));
}

static void
build_completion (WsWindow *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *view, *scrolled;
  GtkEventController *keys, *focus;

  self->completions = gtk_string_list_new (NULL);
  self->completion_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->completions)));
  gtk_single_selection_set_autoselect (self->completion_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->completion_selection, TRUE);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_completion_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_completion_row), NULL);

  view = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->completion_selection)), factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (view), TRUE);
  g_signal_connect_object (view, "activate", G_CALLBACK (on_completion_activate), self,
                           G_CONNECT_SWAPPED);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Completions"), -1);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 400);
  gtk_widget_set_size_request (scrolled, 260, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);

  /* Typing goes on in the entry while the list shows. */
  self->completion_popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_autohide (self->completion_popover, FALSE);
  gtk_popover_set_has_arrow (self->completion_popover, FALSE);
  gtk_popover_set_position (self->completion_popover, GTK_POS_BOTTOM);
  gtk_widget_set_halign (GTK_WIDGET (self->completion_popover), GTK_ALIGN_START);
  gtk_widget_set_focusable (view, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->completion_popover), "ws-completion");
  gtk_popover_set_child (self->completion_popover, scrolled);
  gtk_widget_set_parent (GTK_WIDGET (self->completion_popover), GTK_WIDGET (self->query_entry));

  /* The list goes when the typing does. */
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (hide_completion), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->query_entry), focus);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_entry_key_pressed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->query_entry), keys);
}

/* ------------------------------------------------------------------ */
/* Query                                                               */

static void
run_query (WsWindow   *self,
           const char *text)
{
  hide_completion (self);
  ws_session_run_query (self->session, text);
}

static void
on_query_activate (WsWindow *self,
                   GtkEntry *entry)
{
  run_query (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_query_changed (WsWindow *self,
                  GtkEntry *entry)
{
  update_completion (self);
}

static void
query_word (WsWindow   *self,
            const char *word)
{
  self->completing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->query_entry), word);
  gtk_editable_set_position (GTK_EDITABLE (self->query_entry), -1);
  self->completing = FALSE;
  run_query (self, word);
}

/* Replaces the first unknown word of the query by @button's word. */
static void
on_suggestion_clicked (WsWindow  *self,
                       GtkButton *button)
{
  const char *word = g_object_get_data (G_OBJECT (button), "word");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->query_entry));
  g_autoptr(GString) fixed = g_string_new (text);
  gsize start, end;

  if (ws_session_get_unknown_span (self->session, &start, &end) && end <= fixed->len)
    {
      g_string_erase (fixed, start, end - start);
      g_string_insert (fixed, start, word);
    }
  else
    g_string_assign (fixed, word);

  self->completing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->query_entry), fixed->str);
  gtk_editable_set_position (GTK_EDITABLE (self->query_entry), -1);
  self->completing = FALSE;
  run_query (self, fixed->str);
  gtk_widget_grab_focus (GTK_WIDGET (self->query_entry));
}

static void
update_query_error (WsWindow *self)
{
  const char *error = ws_session_get_query_error (self->session);
  const char * const *suggestions = ws_session_get_suggestions (self->session);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->suggestion_box))) != NULL)
    gtk_box_remove (self->suggestion_box, child);

  if (error == NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->query_entry), "error");
      gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->query_entry), GTK_ACCESSIBLE_STATE_INVALID);
      return;
    }

  gtk_widget_add_css_class (GTK_WIDGET (self->query_entry), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->query_entry), GTK_ACCESSIBLE_STATE_INVALID,
                               GTK_ACCESSIBLE_INVALID_TRUE, -1);
  gtk_label_set_text (self->error_label, error);
  if (suggestions[0] != NULL)
    gtk_box_append (self->suggestion_box, gtk_label_new (_("Did you mean")));
  for (guint i = 0; suggestions[i] != NULL; i++)
    {
      GtkWidget *button = gtk_button_new_with_label (suggestions[i]);
      g_autofree char *name = g_strdup_printf (_("Use “%s” instead"), suggestions[i]);

      gtk_widget_add_css_class (button, "pill");
      gtk_widget_add_css_class (button, "small");
      g_object_set_data_full (G_OBJECT (button), "word", g_strdup (suggestions[i]), g_free);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_suggestion_clicked), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (self->suggestion_box, button);
    }
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

/* Until the user types their own words, the similarity pane compares the
 * query's words and its answer: king, man, woman, queen. */
static void
fill_similarity (WsWindow  *self,
                 WsSession *session)
{
  const WsSessionMap *map = ws_session_get_map (session);
  const char *current = gtk_editable_get_text (GTK_EDITABLE (self->similarity_entry));
  g_autoptr(GString) words = g_string_new ("");

  if (*current != '\0' && g_strcmp0 (current, self->similarity_auto) != 0)
    return;
  for (guint i = 0; i < map->points->len; i++)
    {
      const WsSessionPoint *p = &g_array_index (map->points, WsSessionPoint, i);

      if (p->kind != WS_SESSION_POINT_QUERY && p->kind != WS_SESSION_POINT_ANSWER)
        continue;
      if (words->len > 0)
        g_string_append_c (words, ' ');
      g_string_append (words, p->word);
    }
  if (words->len == 0)
    return;
  g_free (self->similarity_auto);
  self->similarity_auto = g_strdup (words->str);
  gtk_editable_set_text (GTK_EDITABLE (self->similarity_entry), words->str);
  ws_window_compare_words (self, words->str);
}

static void update_vector_view (WsWindow *self, const char *word);

/* The vector pane shows a word of this query, never one of the last: its
 * best result, else its first word; nothing when it has no answer. */
static void
follow_query_in_vector_view (WsWindow  *self,
                             WsSession *session)
{
  g_autoptr(WsResultItem) first = g_list_model_get_item (ws_session_get_results (session), 0);
  const WsSessionMap *map = ws_session_get_map (session);
  const char *word = NULL;

  if (first != NULL)
    word = ws_result_item_get_word (first);
  else if (ws_session_get_query_error (session) == NULL && map->points->len > 0)
    word = g_array_index (map->points, WsSessionPoint, 0).word;
  update_vector_view (self, word);
}

static void
on_query_finished (WsWindow  *self,
                   WsSession *session)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->query_entry));
  gsize start, end;

  update_query_error (self);
  fill_similarity (self, session);
  /* Select the word the model lacks (or where the parse failed), so that
   * typing replaces it; only while the entry holds that very query. */
  if (ws_session_get_unknown_span (session, &start, &end) &&
      g_strcmp0 (text, ws_session_get_query (session)) == 0 && end <= strlen (text))
    gtk_editable_select_region (GTK_EDITABLE (self->query_entry),
                                (int) g_utf8_pointer_to_offset (text, text + start),
                                (int) g_utf8_pointer_to_offset (text, text + end));
  if (g_list_model_get_n_items (ws_session_get_results (session)) > 0)
    gtk_single_selection_set_selected (self->results_selection, GTK_INVALID_LIST_POSITION);
  follow_query_in_vector_view (self, session);
}

/* ------------------------------------------------------------------ */
/* Results                                                             */

typedef enum { COLUMN_RANK, COLUMN_WORD, COLUMN_SCORE } Column;

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_WORD ? 0.0f : 1.0f);
  if (column == COLUMN_SCORE)
    gtk_widget_add_css_class (label, "ws-score");
  if (column == COLUMN_RANK)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  WsResultItem *result = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = NULL;

  switch (column)
    {
    case COLUMN_RANK:
      text = g_strdup_printf ("%'u", ws_result_item_get_rank (result));
      break;
    case COLUMN_WORD:
      text = g_strdup (ws_result_item_get_word (result));
      break;
    case COLUMN_SCORE:
    default:
      text = ws_result_item_format_score (result);
      break;
    }
  gtk_label_set_text (label, text);
}

static void
add_column (WsWindow   *self,
            const char *title,
            Column      column,
            gboolean    expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (column));
  col = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (col, expand);
  gtk_column_view_append_column (self->results_view, col);
  g_object_unref (col);
}

static void update_vector_view (WsWindow *self, const char *word);

static void
on_result_selected (WsWindow           *self,
                    GParamSpec         *pspec,
                    GtkSingleSelection *selection)
{
  WsResultItem *item = gtk_single_selection_get_selected_item (selection);
  const char *word = item != NULL ? ws_result_item_get_word (item) : NULL;

  ws_scatter_plot_set_highlight (self->plot, word);
  if (word != NULL)
    update_vector_view (self, word);
}

static void
on_result_activate (WsWindow      *self,
                    guint          position,
                    GtkColumnView *view)
{
  g_autoptr(WsResultItem) item = g_list_model_get_item (ws_session_get_results (self->session),
                                                        position);

  if (item != NULL)
    query_word (self, ws_result_item_get_word (item));
}

static void
on_plot_word_activated (WsWindow      *self,
                        const char    *word,
                        WsScatterPlot *plot)
{
  query_word (self, word);
}

/* ------------------------------------------------------------------ */
/* The map's captions                                                  */

/* The map falls back to local PCA when the analogy axes do not apply:
 * say so, rather than let the projection menu claim what is not drawn. */
static void
update_projection_note (WsWindow  *self,
                        WsSession *session)
{
  const WsSessionMap *map = ws_session_get_map (session);
  gboolean fell_back = map->points->len > 0 && map->projection != NULL &&
                       g_strcmp0 (ws_session_get_projection (session), "analogy") == 0 &&
                       g_strcmp0 (map->projection, "analogy") != 0;

  if (fell_back)
    gtk_label_set_text (self->projection_note,
                        _("Analogy axes need a query “a : b :: c : ?”; showing local PCA"));
  gtk_revealer_set_reveal_child (self->projection_note_revealer, fell_back);
}

/* A list query's answer is the word that doesn't match; the map rings it,
 * the results pane names it. */
static void
update_mismatch (WsWindow  *self,
                 WsSession *session)
{
  const char *word = ws_session_get_map (session)->mismatch;

  if (word != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("“%s” doesn’t match the others"), word);
      gtk_label_set_text (self->mismatch_label, text);
    }
  gtk_widget_set_visible (self->mismatch_box, word != NULL);
}

static void
on_map_changed (WsWindow  *self,
                WsSession *session)
{
  /* The axes and their explained variance are drawn on the map itself. */
  gtk_widget_set_visible (GTK_WIDGET (self->empty_page),
                          ws_session_get_map (session)->points->len == 0);
  update_projection_note (self, session);
  update_mismatch (self, session);
}

/* ------------------------------------------------------------------ */
/* The vector view                                                     */

static void
draw_vector_strip (GtkDrawingArea *area,
                   cairo_t        *cr,
                   int             width,
                   int             height,
                   gpointer        user_data)
{
  WsWindow *self = user_data;
  WsVectors *vectors = ws_session_get_vectors (self->session);
  const float *values;
  gsize row, dim;
  float max = 0;

  if (vectors == NULL || self->vector_word == NULL ||
      !ws_vectors_lookup (vectors, self->vector_word, &row))
    return;
  dim = ws_vectors_get_dim (vectors);
  values = ws_vectors_get_row (vectors, row);
  for (gsize j = 0; j < dim; j++)
    max = MAX (max, fabsf (values[j]));
  if (max == 0)
    max = 1;
  /* Blue for negative, red for positive, white at zero. */
  for (gsize j = 0; j < dim; j++)
    {
      double v = values[j] / max;
      double x0 = floor ((double) j * width / dim);
      double x1 = floor ((double) (j + 1) * width / dim);

      if (v >= 0)
        cairo_set_source_rgb (cr, 1.0, 1.0 - 0.85 * v, 1.0 - 0.85 * v);
      else
        cairo_set_source_rgb (cr, 1.0 + 0.85 * v, 1.0 + 0.55 * v, 1.0);
      cairo_rectangle (cr, x0, 0, MAX (1.0, x1 - x0), height);
      cairo_fill (cr);
    }
  cairo_set_source_rgba (cr, 0, 0, 0, 0.3);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  cairo_stroke (cr);
}

char *
ws_window_get_vector_text (WsWindow *self)
{
  WsVectors *vectors;
  GString *text;
  const float *values;
  gsize row, dim;

  g_return_val_if_fail (WS_IS_WINDOW (self), NULL);

  vectors = ws_session_get_vectors (self->session);
  if (vectors == NULL || self->vector_word == NULL ||
      !ws_vectors_lookup (vectors, self->vector_word, &row))
    return NULL;
  dim = ws_vectors_get_dim (vectors);
  values = ws_vectors_get_row (vectors, row);
  text = g_string_new ("[");
  for (gsize j = 0; j < dim; j++)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append (text, g_ascii_formatd (buf, sizeof buf, "%.6g", values[j]));
      if (j + 1 < dim)
        g_string_append (text, ", ");
    }
  g_string_append (text, "]");
  return g_string_free (text, FALSE);
}

static void
update_vector_view (WsWindow   *self,
                    const char *word)
{
  WsVectors *vectors = ws_session_get_vectors (self->session);
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;

  g_free (self->vector_word);
  self->vector_word = g_strdup (word);
  text = ws_window_get_vector_text (self);
  if (text == NULL)
    {
      gtk_label_set_text (self->vector_title, _("Select a word to see its vector"));
      gtk_label_set_text (self->vector_values, "");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-vector", FALSE);
    }
  else
    {
      /* Translators: the vector view's title: a word and the shape of its vector. */
      title = g_strdup_printf (_("%s · shape (%" PRIu64 ",)"), word,
                               (guint64) ws_vectors_get_dim (vectors));
      gtk_label_set_text (self->vector_title, title);
      gtk_label_set_text (self->vector_values, text);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-vector", TRUE);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self->vector_strip));
}

/* ------------------------------------------------------------------ */
/* The similarity pane                                                 */

/* The dashes of an unknown word's row and column, said in words: which
 * word the model lacks, and a known spelling to use instead. */
static void
explain_unknown_words (WsWindow  *self,
                       GPtrArray *words)
{
  g_autoptr(GPtrArray) unknown = g_ptr_array_new ();
  g_auto(GStrv) suggestions = NULL;
  g_autofree char *text = NULL;

  WsVectors *vectors = ws_session_get_vectors (self->session);

  for (guint i = 0; i < words->len; i++)
    {
      gsize row;

      if (vectors == NULL || !ws_vectors_lookup (vectors, g_ptr_array_index (words, i), &row))
        g_ptr_array_add (unknown, g_ptr_array_index (words, i));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->similarity_suggestion), FALSE);
  if (unknown->len == 0)
    {
      gtk_widget_set_visible (self->similarity_message_box, FALSE);
      return;
    }

  if (vectors == NULL)
    text = g_strdup (_("No model is open: open one with the Open button (Ctrl+O)"));
  else if (unknown->len == 1)
    {
      suggestions = ws_session_suggest (self->session, g_ptr_array_index (unknown, 0), WS_SUGGEST_MAX);
      text = ws_suggest_format_unknown (g_ptr_array_index (unknown, 0),
                                        (const char * const *) suggestions);
    }
  else
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (unknown, NULL);
      /* Translators: the separator between the words the model lacks. */
      list = g_strjoinv (_("”, “"), (char **) unknown->pdata);
      g_ptr_array_remove_index (unknown, unknown->len - 1);
      text = g_strdup_printf (_("Not in the model: “%s”"), list);
      suggestions = ws_session_suggest (self->session, g_ptr_array_index (unknown, 0), 1);
    }
  gtk_label_set_text (self->similarity_message, text);
  if (suggestions != NULL && suggestions[0] != NULL)
    {
      g_autofree char *label = g_strdup_printf (_("Use “%s”"), suggestions[0]);

      gtk_button_set_label (self->similarity_suggestion, label);
      g_object_set_data_full (G_OBJECT (self->similarity_suggestion), "word",
                              g_strdup (g_ptr_array_index (unknown, 0)), g_free);
      g_object_set_data_full (G_OBJECT (self->similarity_suggestion), "suggestion",
                              g_strdup (suggestions[0]), g_free);
      gtk_widget_set_visible (GTK_WIDGET (self->similarity_suggestion), TRUE);
    }
  gtk_widget_set_visible (self->similarity_message_box, TRUE);
}

/* Puts the suggested spelling in place of the unknown word and compares again. */
static void
on_similarity_suggestion_clicked (WsWindow  *self,
                                  GtkButton *button)
{
  const char *word = g_object_get_data (G_OBJECT (button), "word");
  const char *suggestion = g_object_get_data (G_OBJECT (button), "suggestion");
  g_auto(GStrv) list = NULL;
  g_autofree char *fixed = NULL;

  if (word == NULL || suggestion == NULL)
    return;
  list = g_strsplit_set (gtk_editable_get_text (GTK_EDITABLE (self->similarity_entry)), " \t,", -1);
  for (guint i = 0; list[i] != NULL; i++)
    if (strcmp (list[i], word) == 0)
      {
        g_free (list[i]);
        list[i] = g_strdup (suggestion);
      }
  fixed = g_strjoinv (" ", list);
  gtk_editable_set_text (GTK_EDITABLE (self->similarity_entry), fixed);
  ws_window_compare_words (self, fixed);
}

void
ws_window_compare_words (WsWindow   *self,
                         const char *words)
{
  g_auto(GStrv) list = NULL;
  g_autoptr(GPtrArray) known = g_ptr_array_new ();
  GtkWidget *child;
  guint n;

  g_return_if_fail (WS_IS_WINDOW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->similarity_grid))) != NULL)
    gtk_grid_remove (self->similarity_grid, child);

  list = g_strsplit_set (words, " \t,", -1);
  for (guint i = 0; list[i] != NULL; i++)
    if (*list[i] != '\0')
      g_ptr_array_add (known, list[i]);
  n = known->len;

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *head = gtk_label_new (g_ptr_array_index (known, i));
      GtkWidget *side = gtk_label_new (g_ptr_array_index (known, i));

      gtk_widget_add_css_class (head, "ws-head");
      gtk_widget_add_css_class (side, "ws-head");
      gtk_label_set_xalign (GTK_LABEL (side), 1.0f);
      gtk_grid_attach (self->similarity_grid, head, (int) i + 1, 0, 1, 1);
      gtk_grid_attach (self->similarity_grid, side, 0, (int) i + 1, 1, 1);
    }
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *css = NULL;
        g_autofree char *cosine = NULL;
        GtkWidget *cell;
        float s;

        if (ws_session_similarity (self->session, g_ptr_array_index (known, i),
                                   g_ptr_array_index (known, j), &s, &error))
          {
            cosine = ws_plot_format_cosine (s);
            cell = gtk_label_new (cosine);
            /* Stronger similarity, stronger tint. */
            css = g_strdup_printf ("ws-tint-%d", (int) CLAMP (round (s * 10), -10, 10) + 10);
            gtk_widget_add_css_class (cell, css);
          }
        else
          {
            cell = gtk_label_new ("—");
            gtk_widget_set_tooltip_text (cell, error->message);
            gtk_widget_add_css_class (cell, "error");
          }
        gtk_widget_add_css_class (cell, "ws-cell");
        gtk_label_set_xalign (GTK_LABEL (cell), 1.0f);
        gtk_grid_attach (self->similarity_grid, cell, (int) j + 1, (int) i + 1, 1, 1);
      }
  explain_unknown_words (self, known);
}

static void
on_similarity_activate (WsWindow *self,
                        GtkEntry *entry)
{
  ws_window_compare_words (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* ------------------------------------------------------------------ */
/* Hints                                                               */

/* Analogies b − a + c = d that most English models know, in the order
 * tried; the first whose b, a and c the model has gives the examples. */
static const char *example_analogies[][4] = {
  { "king", "man", "woman", "queen" },
  { "King", "Man", "Woman", "Queen" },
  { "paris", "france", "germany", "berlin" },
  { "Paris", "France", "Germany", "Berlin" },
  { "brother", "man", "woman", "sister" },
  { "walking", "walk", "swim", "swimming" },
  { "bigger", "big", "small", "smaller" },
};

/* Frequent words are looked for among this many of the first rows. */
#define EXAMPLE_ROWS 5000

static gboolean
knows (WsVectors  *vectors,
       const char *word)
{
  gsize row;

  return ws_vectors_lookup (vectors, word, &row);
}

/* A word a person would type: letters only, four or more of them, so that
 * "the" and "," are passed over. */
static gboolean
is_plain_word (const char *word)
{
  glong n = 0;

  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p), n++)
    if (!g_unichar_isalpha (g_utf8_get_char (p)))
      return FALSE;
  return n >= 4;
}

/* Up to @max frequent plain words of @vectors (the rows come most frequent
 * first), else its first words. */
static GPtrArray *
frequent_words (WsVectors *vectors,
                guint      max)
{
  GPtrArray *words = g_ptr_array_new ();
  gsize n = ws_vectors_get_n_words (vectors);

  for (gsize i = 0; i < MIN (n, EXAMPLE_ROWS) && words->len < max; i++)
    if (is_plain_word (ws_vectors_get_word (vectors, i)))
      g_ptr_array_add (words, (gpointer) ws_vectors_get_word (vectors, i));
  for (gsize i = 0; i < n && words->len == 0; i++)
    g_ptr_array_add (words, (gpointer) ws_vectors_get_word (vectors, i));
  return words;
}

/* The hints name words of the model in use: king − man + woman where it
 * has them, another analogy or a frequent word where it does not. Without
 * a model they say to open one. */
static void
update_hints (WsWindow *self)
{
  WsVectors *vectors = ws_session_get_vectors (self->session);
  g_autofree char *sum = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *description = NULL;
  g_autofree char *compare = NULL;
  const char * const *analogy = NULL;

  if (vectors == NULL || ws_vectors_get_n_words (vectors) == 0)
    {
      gtk_entry_set_placeholder_text (self->query_entry, _("Open a model to ask it (Ctrl+O)"));
      gtk_entry_set_placeholder_text (self->similarity_entry, NULL);
      adw_status_page_set_title (self->empty_page, _("No Model Open"));
      adw_status_page_set_description (self->empty_page,
                                       _("Open a model with the Open button (Ctrl+O)"));
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (example_analogies) && analogy == NULL; i++)
    if (knows (vectors, example_analogies[i][0]) && knows (vectors, example_analogies[i][1]) &&
        knows (vectors, example_analogies[i][2]))
      analogy = example_analogies[i];

  if (analogy != NULL)
    {
      g_autofree char *as_analogy = g_strdup_printf ("%s : %s :: %s : ?", analogy[1], analogy[0],
                                                     analogy[2]);

      sum = g_strdup_printf ("%s - %s + %s", analogy[0], analogy[1], analogy[2]);
      /* Translators: the query's tooltip; the first %s is a sum such as
       * “king - man + woman”, the second an analogy such as
       * “man : king :: woman : ?” (the words are the model's). */
      tooltip = g_strdup_printf (_("A word, a sum such as “%s”, or an analogy such as “%s” (Ctrl+L)"),
                                 sum, as_analogy);
      compare = knows (vectors, analogy[3])
                  ? g_strdup_printf ("%s %s %s %s", analogy[0], analogy[3], analogy[1], analogy[2])
                  : g_strdup_printf ("%s %s %s", analogy[0], analogy[1], analogy[2]);
    }
  else
    {
      g_autoptr(GPtrArray) words = frequent_words (vectors, 4);

      sum = g_strdup (g_ptr_array_index (words, 0));
      /* Translators: the query's tooltip when the model lacks the usual
       * example words; %s is one of its words. */
      tooltip = g_strdup_printf (_("A word such as “%s”, a sum of words (a - b + c), or an analogy "
                                   "(a : b :: c : ?) (Ctrl+L)"), sum);
      g_ptr_array_add (words, NULL);
      compare = g_strjoinv (" ", (char **) words->pdata);
    }
  /* Translators: the empty map's hint; %s is an example query. */
  description = g_strdup_printf (_("Type “%s” above and press Enter"), sum);

  gtk_entry_set_placeholder_text (self->query_entry, sum);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->query_entry), tooltip);
  gtk_entry_set_placeholder_text (self->similarity_entry, compare);
  adw_status_page_set_title (self->empty_page, _("Ask the model"));
  adw_status_page_set_description (self->empty_page, description);
}

/* ------------------------------------------------------------------ */
/* Models                                                              */

static void
show_toast (WsWindow   *self,
            const char *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 4);
  g_weak_ref_set (&self->toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_failure_open (WsWindow         *self,
                 const char       *response,
                 AdwMessageDialog *dialog)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open", NULL);
}

/* A failed load leaves the previous model; with none to leave, the
 * bundled one is opened instead, so that the window is never a dead end. */
static void
report_load_failure (WsWindow   *self,
                     const char *message,
                     GFile      *failed)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GFile) bundled = NULL;
  AdwMessageDialog *dialog;
  gboolean has_model = ws_session_get_vectors (self->session) != NULL;
  gboolean fall_back = FALSE;

  if (!has_model && WS_IS_APPLICATION (app))
    {
      bundled = ws_application_bundled_model (WS_APPLICATION (app));
      fall_back = g_file_query_exists (bundled, NULL) &&
                  (failed == NULL || !g_file_equal (failed, bundled));
    }

  g_free (self->load_error);
  self->load_error = g_strdup (message);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Could Not Open the Model"), NULL));
  if (has_model)
    adw_message_dialog_format_body (dialog, _("%s\n\n%s is still open."), message,
                                    ws_session_get_title (self->session));
  else if (fall_back)
    adw_message_dialog_format_body (dialog, _("%s\n\nShowing the bundled model instead."), message);
  else
    adw_message_dialog_format_body (dialog, _("%s\n\nOpen a model to start."), message);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_add_response (dialog, "open", has_model || fall_back ? _("_Open Another Model…")
                                                                          : _("_Open a Model…"));
  if (!has_model && !fall_back)
    {
      adw_message_dialog_set_response_appearance (dialog, "open", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "open");
    }
  g_signal_connect_object (dialog, "response::open", G_CALLBACK (on_failure_open), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  if (fall_back)
    ws_window_open_model (self, bundled);
}

static void
on_load_finished (WsWindow   *self,
                  gboolean    success,
                  const char *message,
                  WsSession  *session)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  WsVectors *vectors = ws_session_get_vectors (session);
  g_autoptr(GFile) failed = g_steal_pointer (&self->opening);

  /* How a load ended is on the loading card (ws-load-card.c says why not
   * in a toast); a failure gets a dialog. */
  if (!success)
    g_clear_pointer (&self->pending_scene, ws_scene_file_free);
  if (success)
    {
      const char *path = ws_vectors_get_path (vectors);

      if (path != NULL && WS_IS_APPLICATION (app))
        {
          g_autoptr(GFile) file = g_file_new_for_path (path);
          ws_application_remember_model (WS_APPLICATION (app), file);
        }
      gtk_widget_grab_focus (GTK_WIDGET (self->query_entry));
      if (self->pending_scene != NULL)
        {
          g_autoptr(WsSceneFile) scene = g_steal_pointer (&self->pending_scene);
          g_autoptr(GError) error = NULL;

          /* Loaded anyway ("Use Anyway", or a model changed inside): say
           * so, and show what can be shown. */
          if (!ws_scene_file_check_vectors (scene, vectors, &error))
            show_toast (self, error->message);
          show_scene (self, scene);
        }
    }
  else if (message != NULL)
    report_load_failure (self, message, failed);
}

void
ws_window_open_model (WsWindow *self,
                      GFile    *file)
{
  g_return_if_fail (WS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_set_object (&self->opening, file);
  ws_session_load (self->session, file);
}

static void
on_chooser_response (WsWindow             *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    ws_window_open_file (self, file);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WsWindow *self = WS_WINDOW (widget);
  g_autoptr(GtkFileFilter) vectors = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) scenes = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  gtk_file_filter_set_name (vectors, _("Word vectors (.bin, .txt, .vec, .gz)"));
  gtk_file_filter_add_suffix (vectors, "bin");
  gtk_file_filter_add_suffix (vectors, "txt");
  gtk_file_filter_add_suffix (vectors, "vec");
  gtk_file_filter_add_suffix (vectors, "gz");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_filter_set_name (scenes, _("Scenes, lessons and figures (.wordspace, .wordspace-lesson, .png, .svg, .pdf)"));
  gtk_file_filter_add_suffix (scenes, "wordspace");
  gtk_file_filter_add_suffix (scenes, "wordspace-lesson");
  gtk_file_filter_add_suffix (scenes, "png");
  gtk_file_filter_add_suffix (scenes, "svg");
  gtk_file_filter_add_suffix (scenes, "pdf");

  self->chooser = gtk_file_chooser_native_new (_("Open a Model or a Scene"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                               _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), vectors);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), scenes);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
models_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WsModelsDialog *dialog = ws_models_dialog_new (GTK_WINDOW (widget));

  g_signal_connect_object (dialog, "open-model", G_CALLBACK (ws_window_open_model), widget,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  ws_window_open_model (WS_WINDOW (widget), file);
}

static void
update_recent_menu (WsWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-models");

  g_menu_remove_all (self->recent_section);
  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autofree char *label = g_path_get_basename (recent[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (recent[i]));
      g_menu_append_item (self->recent_section, item);
    }
  if (recent[0] == NULL)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No recent models"), "win.none");
      g_menu_append_item (self->recent_section, item);
    }
}

static gboolean
on_drop (WsWindow      *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  if (files == NULL)
    return FALSE;
  ws_window_open_file (self, files->data);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Export                                                              */

static const struct
{
  const char *name;
  const char *extension;
} export_formats[] = {
  { N_("PNG image"), "png" },
  { N_("SVG drawing"), "svg" },
  { N_("PDF document"), "pdf" },
};

/* Where @name's extension starts (its dot), or NULL: a leading dot is a
 * hidden file's name, not an extension. */
static const char *
find_extension (const char *name)
{
  const char *dot = strrchr (name, '.');

  return dot != NULL && dot != name && dot[1] != '\0' ? dot : NULL;
}

static gboolean
is_export_extension (const char *dot)
{
  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    if (g_ascii_strcasecmp (dot + 1, export_formats[i].extension) == 0)
      return TRUE;
  return FALSE;
}

char *
ws_window_export_name (const char *name,
                       const char *extension)
{
  const char *dot;

  g_return_val_if_fail (name != NULL, NULL);

  dot = find_extension (name);
  if (extension == NULL)
    /* No format chosen: the name's extension says it, PNG without one. */
    return dot != NULL ? g_strdup (name) : g_strconcat (name, ".png", NULL);
  if (dot != NULL && g_ascii_strcasecmp (dot + 1, extension) == 0)
    return g_strdup (name);
  /* Another image format's extension is replaced; any other (map.v2) is
   * part of the name. */
  if (dot != NULL && is_export_extension (dot))
    return g_strdup_printf ("%.*s.%s", (int) (dot - name), name, extension);
  return g_strconcat (name, ".", extension, NULL);
}

/* The extension of the format the chooser's filter names, or NULL for
 * "All files". */
static const char *
chosen_extension (GtkFileChooser *chooser)
{
  GtkFileFilter *filter = gtk_file_chooser_get_filter (chooser);

  return filter != NULL ? g_object_get_data (G_OBJECT (filter), "ws-extension") : NULL;
}

/* The user picked another format: the name shown follows it. */
static void
on_export_filter_changed (WsWindow       *self,
                          GParamSpec     *pspec,
                          GtkFileChooser *chooser)
{
  const char *extension = chosen_extension (chooser);
  g_autofree char *name = NULL;
  g_autofree char *renamed = NULL;

  if (extension == NULL)
    return;
  name = gtk_file_chooser_get_current_name (chooser);
  if (name == NULL || *name == '\0')
    return;
  renamed = ws_window_export_name (name, extension);
  if (strcmp (renamed, name) != 0)
    gtk_file_chooser_set_current_name (chooser, renamed);
}

static void
on_export_response (WsWindow             *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) chosen = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (chosen == NULL)
    {
      g_clear_object (&self->chooser);
      return;
    }
  /* The chosen format decides, whatever the name typed says. */
  basename = g_file_get_basename (chosen);
  name = ws_window_export_name (basename, chosen_extension (GTK_FILE_CHOOSER (chooser)));
  parent = g_file_get_parent (chosen);
  file = parent != NULL ? g_file_get_child (parent, name) : g_object_ref (chosen);
  g_clear_object (&self->chooser);

  if (!export_figure (self, file, &error))
    show_toast (self, error->message);
  else
    {
      g_autofree char *text = g_strdup_printf (_("Map saved as %s"), name);
      show_toast (self, text);
    }
}

/* Without a portal, GtkFileChooserNative shows a GtkFileChooserDialog of
 * its own, and does not pass on the dialog's filter changes: listen to
 * the dialog itself. */
static void
follow_fallback_dialog (WsWindow *self)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (GTK_IS_FILE_CHOOSER_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (self) &&
        g_object_get_data (l->data, "ws-following") == NULL)
      {
        g_object_set_data (l->data, "ws-following", GINT_TO_POINTER (TRUE));
        g_signal_connect_object (l->data, "notify::filter",
                                 G_CALLBACK (on_export_filter_changed), self, G_CONNECT_SWAPPED);
      }
  g_list_free (toplevels);
}

static void
choose_export_file (WsWindow *self)
{
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export the Map"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(export_formats[i].name));
      gtk_file_filter_add_suffix (filter, export_formats[i].extension);
      g_object_set_data (G_OBJECT (filter), "ws-extension", (gpointer) export_formats[i].extension);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
      if (i == 0)
        gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->chooser), filter);
    }
  /* Here the name's extension decides. */
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);

  name = g_strdup_printf ("%s.png", _("wordspace-map"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_export_response), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chooser, "notify::filter", G_CALLBACK (on_export_filter_changed),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
  follow_fallback_dialog (self);
}

/* ------------------------------------------------------------------ */
/* Other actions                                                       */

static void
focus_query_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  WsWindow *self = WS_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->query_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->query_entry), 0, -1);
}

/* Full screen is for the map: no header bar. It hides at the request,
 * not when the window manager confirms it, so that it goes at once. */
static void
set_full_screen (WsWindow *self,
                 gboolean  full_screen)
{
  self->full_screen = full_screen;
  gtk_widget_set_visible (self->header_bar, !full_screen);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-fullscreen", full_screen);
}

static void
on_fullscreened (WsWindow   *self,
                 GParamSpec *pspec,
                 GtkWindow  *window)
{
  set_full_screen (self, gtk_window_is_fullscreen (window));
}

static void
fullscreen_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WsWindow *self = WS_WINDOW (widget);
  gboolean full_screen = g_str_equal (action_name, "win.leave-fullscreen") ? FALSE : !self->full_screen;

  set_full_screen (self, full_screen);
  if (full_screen)
    gtk_window_fullscreen (GTK_WINDOW (widget));
  else
    gtk_window_unfullscreen (GTK_WINDOW (widget));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WsWindow *self = WS_WINDOW (widget);
  double scale = ws_scatter_plot_get_text_scale (self->plot);

  if (g_str_equal (action_name, "win.zoom-in"))
    scale *= TEXT_SCALE_STEP;
  else if (g_str_equal (action_name, "win.zoom-out"))
    scale /= TEXT_SCALE_STEP;
  else
    scale = 1.0;
  ws_scatter_plot_set_text_scale (self->plot, scale);
}

/* Ctrl+plus enlarges the results with the map: both are read from afar. */
static void
on_text_scale_changed (WsWindow      *self,
                       GParamSpec    *pspec,
                       WsScatterPlot *plot)
{
  char size[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *css = NULL;

  g_ascii_formatd (size, sizeof size, "%.3f", 1.15 * ws_scatter_plot_get_text_scale (plot));
  css = g_strdup_printf ("columnview { font-size: %sem; }", size);
  gtk_css_provider_load_from_data (self->results_css, css, -1);
}

static void
copy_vector_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  WsWindow *self = WS_WINDOW (widget);
  g_autofree char *text = ws_window_get_vector_text (self);

  if (text == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  show_toast (self, _("Vector copied"));
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
projection_to_dropdown (WsWindow *self)
{
  const char *projection = ws_session_get_projection (self->session);

  for (guint i = 0; i < G_N_ELEMENTS (projections); i++)
    if (g_strcmp0 (projection, projections[i]) == 0)
      gtk_drop_down_set_selected (self->projection_dropdown, i);
}

static void
on_projection_selected (WsWindow    *self,
                        GParamSpec  *pspec,
                        GtkDropDown *dropdown)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  if (i < G_N_ELEMENTS (projections))
    ws_session_set_projection (self->session, projections[i]);
}

static gboolean
on_close_request (GtkWindow *window)
{
  WsWindow *self = WS_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  return FALSE;
}

/* Runs once the window has its application and session. */
/* Lessons and presentation mode live in ws-presentation.c. */
static void
show_lesson_scene (GtkWindow         *window,
                   const WsSceneFile *scene)
{
  ws_window_open_scene (WS_WINDOW (window), scene);
}

static void
lesson_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WsWindow *self = WS_WINDOW (widget);
  WsLessonPlayer *player = ws_presentation_get_player (self->presentation);

  if (g_str_equal (action_name, "win.present"))
    ws_presentation_set_active (self->presentation, !ws_presentation_get_active (self->presentation));
  else if (g_str_equal (action_name, "win.lesson-next"))
    ws_lesson_player_next (player);
  else
    ws_lesson_player_previous (player);
}

static void
ws_window_setup (WsWindow      *self,
                 WsApplication *app)
{
  GtkDropTarget *drop;

  g_assert (self->session != NULL);
  self->settings = g_object_ref (ws_application_get_settings (app));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  /* The session's state → widgets */
  g_object_bind_property (self->session, "title", self->window_title, "title",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->session, "subtitle", self->window_title, "subtitle",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->session, "load-finished", G_CALLBACK (on_load_finished), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "query-finished", G_CALLBACK (on_query_finished), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "map-changed", G_CALLBACK (on_map_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::vectors", G_CALLBACK (update_hints), self,
                           G_CONNECT_SWAPPED);
  update_hints (self);
  ws_scatter_plot_set_session (self->plot, self->session);
  ws_load_card_set_session (self->load_card, self->session);
  on_map_changed (self, self->session);

  /* Results */
  self->results_selection = gtk_single_selection_new (g_object_ref (ws_session_get_results (self->session)));
  gtk_single_selection_set_autoselect (self->results_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->results_selection, TRUE);
  gtk_column_view_set_model (self->results_view, GTK_SELECTION_MODEL (self->results_selection));
  add_column (self, _("#"), COLUMN_RANK, FALSE);
  add_column (self, _("Word"), COLUMN_WORD, TRUE);
  add_column (self, _("Cosine"), COLUMN_SCORE, FALSE);
  g_signal_connect_object (self->results_selection, "notify::selected",
                           G_CALLBACK (on_result_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->results_view, "activate", G_CALLBACK (on_result_activate), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->plot, "word-activated", G_CALLBACK (on_plot_word_activated),
                           self, G_CONNECT_SWAPPED);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  self->results_css = gtk_css_provider_new ();
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self->results_view)),
                                  GTK_STYLE_PROVIDER (self->results_css),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_signal_connect_object (self->plot, "notify::text-scale", G_CALLBACK (on_text_scale_changed),
                           self, G_CONNECT_SWAPPED);

  /* Settings ↔ session and map */
  g_settings_bind (self->settings, "projection", self->session, "projection", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "text-scale", self->plot, "text-scale", G_SETTINGS_BIND_DEFAULT);
  on_text_scale_changed (self, NULL, self->plot);
  ws_window_pages_install (GTK_WINDOW (self), self->header_bar, self->session,
                           G_OBJECT (self->plot));
  g_settings_bind (self->settings, "neighbors", gtk_spin_button_get_adjustment (self->neighbors_spin),
                   "value", G_SETTINGS_BIND_DEFAULT);
  g_object_bind_property (gtk_spin_button_get_adjustment (self->neighbors_spin), "value",
                          self->session, "neighbors", G_BINDING_SYNC_CREATE);
  projection_to_dropdown (self);
  g_signal_connect_object (self->projection_dropdown, "notify::selected",
                           G_CALLBACK (on_projection_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::projection",
                           G_CALLBACK (projection_to_dropdown), self, G_CONNECT_SWAPPED);

  /* Recent models */
  g_signal_connect_object (self->settings, "changed::recent-models",
                           G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);
  update_recent_menu (self);

  /* Files dropped on the window */
  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  ws_window_setup_figures (self);
  update_vector_view (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->query_entry));
}

static void
ws_window_dispose (GObject *object)
{
  WsWindow *self = WS_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->presentation);
  if (self->completion_popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->completion_popover));
      self->completion_popover = NULL;
    }
  if (self->context_menu != NULL)
    {
      gtk_widget_unparent (self->context_menu);
      self->context_menu = NULL;
    }
  if (self->results_menu != NULL)
    {
      gtk_widget_unparent (self->results_menu);
      self->results_menu = NULL;
    }
  g_clear_object (&self->history);
  g_clear_pointer (&self->pending_scene, ws_scene_file_free);
  g_clear_object (&self->completion_selection);
  g_clear_object (&self->completions);
  g_clear_object (&self->results_selection);
  g_clear_object (&self->results_css);
  if (self->plot != NULL)
    ws_scatter_plot_set_session (self->plot, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), WS_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);
  g_clear_object (&self->opening);

  G_OBJECT_CLASS (ws_window_parent_class)->dispose (object);
}

static void
ws_window_finalize (GObject *object)
{
  WsWindow *self = WS_WINDOW (object);

  g_free (self->vector_word);
  g_free (self->load_error);
  g_free (self->similarity_auto);
  g_weak_ref_clear (&self->toast);

  G_OBJECT_CLASS (ws_window_parent_class)->finalize (object);
}

static void
ws_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  WsWindow *self = WS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ws_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  WsWindow *self = WS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ws_window_class_init (WsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ws_window_dispose;
  object_class->finalize = ws_window_finalize;
  object_class->get_property = ws_window_get_property;
  object_class->set_property = ws_window_set_property;
  window_class->close_request = on_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, WS_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (WS_TYPE_SCATTER_PLOT);
  g_type_ensure (WS_TYPE_LOAD_CARD);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wordspace/Wordspace/ws-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, load_card);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, query_entry);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, projection_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, neighbors_spin);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, projection_note_revealer);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, projection_note);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, suggestion_box);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, results_view);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, mismatch_box);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, mismatch_label);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, similarity_entry);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, similarity_grid);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, similarity_message_box);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, similarity_message);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, similarity_suggestion);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, vector_title);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, vector_strip);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, vector_values);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, plot);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, recent_section);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.models", NULL, models_action);
  gtk_widget_class_install_action (widget_class, "win.focus-query", NULL, focus_query_action);
  gtk_widget_class_install_action (widget_class, "win.fullscreen", NULL, fullscreen_action);
  gtk_widget_class_install_action (widget_class, "win.leave-fullscreen", NULL, fullscreen_action);
  /* Escape leaves full screen; the action is off otherwise, so Escape goes
   * on to close the completions or a popover. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.leave-fullscreen", NULL);
  /* F5 and the clickers' keys are taken by the presentation's own key
   * controller (ws-presentation.c); these are for buttons and tests. */
  gtk_widget_class_install_action (widget_class, "win.present", NULL, lesson_action);
  gtk_widget_class_install_action (widget_class, "win.lesson-next", NULL, lesson_action);
  gtk_widget_class_install_action (widget_class, "win.lesson-previous", NULL, lesson_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.copy-vector", NULL, copy_vector_action);
  ws_window_install_figure_actions (widget_class);
}

static void
ws_window_init (WsWindow *self)
{
  g_weak_ref_init (&self->toast, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));

  build_completion (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-fullscreen", FALSE);
  g_signal_connect (self, "notify::fullscreened", G_CALLBACK (on_fullscreened), self);
  g_signal_connect_object (self->query_entry, "activate", G_CALLBACK (on_query_activate), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->query_entry, "changed", G_CALLBACK (on_query_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->similarity_entry, "activate",
                           G_CALLBACK (on_similarity_activate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->similarity_suggestion, "clicked",
                           G_CALLBACK (on_similarity_suggestion_clicked), self, G_CONNECT_SWAPPED);
  gtk_drawing_area_set_draw_func (self->vector_strip, draw_vector_strip, self, NULL);
}

WsWindow *
ws_window_new (WsApplication *application,
               WsSession     *session)
{
  WsWindow *self;

  g_return_val_if_fail (WS_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (WS_IS_SESSION (session), NULL);

  self = g_object_new (WS_TYPE_WINDOW, "application", application, "session", session, NULL);
  ws_window_setup (self, application);
  return self;
}

WsSession *
ws_window_get_session (WsWindow *self)
{
  g_return_val_if_fail (WS_IS_WINDOW (self), NULL);
  return self->session;
}

GtkEditable *
ws_window_get_query_entry (WsWindow *self)
{
  g_return_val_if_fail (WS_IS_WINDOW (self), NULL);
  return GTK_EDITABLE (self->query_entry);
}

GtkColumnView *
ws_window_get_results_view (WsWindow *self)
{
  g_return_val_if_fail (WS_IS_WINDOW (self), NULL);
  return self->results_view;
}

WsScatterPlot *
ws_window_get_plot (WsWindow *self)
{
  g_return_val_if_fail (WS_IS_WINDOW (self), NULL);
  return self->plot;
}

GListModel *
ws_window_get_completions (WsWindow *self)
{
  g_return_val_if_fail (WS_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->completions);
}

gboolean
ws_window_get_completion_visible (WsWindow *self)
{
  g_return_val_if_fail (WS_IS_WINDOW (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->completion_popover));
}

GtkWidget *
ws_window_get_completion_popover (WsWindow *self)
{
  g_return_val_if_fail (WS_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->completion_popover);
}

const char *
ws_window_get_query_message (WsWindow *self)
{
  g_return_val_if_fail (WS_IS_WINDOW (self), NULL);
  if (!gtk_revealer_get_reveal_child (self->error_revealer))
    return NULL;
  return gtk_label_get_text (self->error_label);
}

GStrv
ws_window_get_suggestions (WsWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (WS_IS_WINDOW (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->suggestion_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      g_strv_builder_add (builder, gtk_button_get_label (GTK_BUTTON (child)));
  return g_strv_builder_end (builder);
}

GtkEditable *
ws_window_get_similarity_entry (WsWindow *self)
{
  g_return_val_if_fail (WS_IS_WINDOW (self), NULL);
  return GTK_EDITABLE (self->similarity_entry);
}

const char *
ws_window_get_similarity_message (WsWindow *self)
{
  g_return_val_if_fail (WS_IS_WINDOW (self), NULL);
  if (!gtk_widget_get_visible (self->similarity_message_box))
    return NULL;
  return gtk_label_get_text (self->similarity_message);
}

GtkButton *
ws_window_get_similarity_suggestion (WsWindow *self)
{
  g_return_val_if_fail (WS_IS_WINDOW (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->similarity_suggestion)))
    return NULL;
  return self->similarity_suggestion;
}

const char *
ws_window_get_mismatch_note (WsWindow *self)
{
  g_return_val_if_fail (WS_IS_WINDOW (self), NULL);
  if (!gtk_widget_get_visible (self->mismatch_box))
    return NULL;
  return gtk_label_get_text (self->mismatch_label);
}

const char *
ws_window_get_projection_note (WsWindow *self)
{
  g_return_val_if_fail (WS_IS_WINDOW (self), NULL);
  if (!gtk_revealer_get_reveal_child (self->projection_note_revealer))
    return NULL;
  return gtk_label_get_text (self->projection_note);
}

const char *
ws_window_get_vector_word (WsWindow *self)
{
  g_return_val_if_fail (WS_IS_WINDOW (self), NULL);
  return self->vector_word;
}

const char *
ws_window_get_load_error (WsWindow *self)
{
  g_return_val_if_fail (WS_IS_WINDOW (self), NULL);
  return self->load_error;
}

GtkGrid *
ws_window_get_similarity_grid (WsWindow *self)
{
  g_return_val_if_fail (WS_IS_WINDOW (self), NULL);
  return self->similarity_grid;
}

const char *
ws_window_get_subtitle (WsWindow *self)
{
  g_return_val_if_fail (WS_IS_WINDOW (self), NULL);
  return adw_window_title_get_subtitle (self->window_title);
}

const char *
ws_window_get_load_notice (WsWindow *self)
{
  g_return_val_if_fail (WS_IS_WINDOW (self), NULL);

  return ws_load_card_get_text (self->load_card);
}

void
ws_window_dismiss_notices (WsWindow *self)
{
  g_autoptr(AdwToast) toast = NULL;

  g_return_if_fail (WS_IS_WINDOW (self));

  toast = g_weak_ref_get (&self->toast);
  if (toast != NULL)
    adw_toast_dismiss (toast);
  ws_load_card_dismiss (self->load_card);
}

gboolean
ws_window_get_header_visible (WsWindow *self)
{
  g_return_val_if_fail (WS_IS_WINDOW (self), FALSE);
  return gtk_widget_get_visible (self->header_bar);
}

void
ws_window_set_side_page (WsWindow   *self,
                         const char *name)
{
  g_return_if_fail (WS_IS_WINDOW (self));
  gtk_stack_set_visible_child_name (self->side_stack, name);
}

/* ------------------------------------------------------------------ */
/* Figures: scenes, history, notes, export and copy                    */

/* Everything that decides the figure on screen, as a scene record: the
 * session's query, projection and marks, the map's view and look, and
 * the export's size. */
WsSceneFile *
ws_window_get_scene_file (WsWindow  *self,
                          GError   **error)
{
  g_autoptr(WsSceneFile) scene = NULL;
  g_autoptr(WsPlotScene) plot = NULL;

  g_return_val_if_fail (WS_IS_WINDOW (self), NULL);

  if ((scene = ws_session_get_scene_file (self->session, error)) == NULL)
    return NULL;
  if ((plot = ws_scatter_plot_get_scene (self->plot)) != NULL)
    ws_scene_file_update_from_plot (scene, plot);
  else
    {
      ws_scatter_plot_get_view (self->plot, &scene->zoom, &scene->pan_x, &scene->pan_y);
      scene->text_scale = ws_scatter_plot_get_text_scale (self->plot);
      scene->theme = ws_scatter_plot_get_dark (self->plot) ? WS_PLOT_THEME_DARK : WS_PLOT_THEME_LIGHT;
      scene->transparent = ws_scatter_plot_get_transparent (self->plot);
    }
  if (gtk_widget_get_width (GTK_WIDGET (self->plot)) > 0)
    {
      scene->width = (guint) gtk_widget_get_width (GTK_WIDGET (self->plot));
      scene->height = (guint) gtk_widget_get_height (GTK_WIDGET (self->plot));
    }
  return g_steal_pointer (&scene);
}

/* Shows @scene on the model open now: its query, options and marks
 * through the session, its view and look on the map. */
static void
show_scene (WsWindow          *self,
            const WsSceneFile *scene)
{
  g_autofree char *text = ws_scene_file_get_query_text (scene);

  self->completing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->query_entry), text);
  gtk_editable_set_position (GTK_EDITABLE (self->query_entry), -1);
  self->completing = FALSE;
  hide_completion (self);
  ws_session_apply_scene_file (self->session, scene);
  /* The neighbours' spin button drives the session: follow it back. */
  gtk_spin_button_set_value (self->neighbors_spin, ws_session_get_neighbors (self->session));
  ws_scatter_plot_set_text_scale (self->plot, scene->text_scale);
  ws_scatter_plot_set_dark (self->plot, scene->theme == WS_PLOT_THEME_DARK ||
                                        scene->theme == WS_PLOT_THEME_HIGH_CONTRAST_DARK);
  ws_scatter_plot_set_high_contrast (self->plot, scene->theme == WS_PLOT_THEME_HIGH_CONTRAST_LIGHT ||
                                                 scene->theme == WS_PLOT_THEME_HIGH_CONTRAST_DARK);
  ws_scatter_plot_set_transparent (self->plot, scene->transparent);
  ws_scatter_plot_set_view (self->plot, scene->zoom, scene->pan_x, scene->pan_y);
}

static void
on_scene_model_found (GtkWindow         *parent,
                      const WsSceneFile *scene,
                      const char        *model_path)
{
  WsWindow *self = WS_WINDOW (parent);
  g_autoptr(GFile) file = NULL;

  if (model_path == NULL)
    {
      show_scene (self, scene);
      return;
    }
  g_clear_pointer (&self->pending_scene, ws_scene_file_free);
  self->pending_scene = ws_scene_file_copy (scene);
  file = g_file_new_for_path (model_path);
  ws_window_open_model (self, file);
}

static void
report_scene_failure (WsWindow   *self,
                      const char *message)
{
  AdwMessageDialog *dialog;

  g_free (self->load_error);
  self->load_error = g_strdup (message);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Could Not Open the Scene"), message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A scene file or a figure Wordspace exported, told by its first bytes
 * (a figure may have been renamed) or a .wordspace name; anything else is
 * taken for a model. */
static gboolean
is_scene (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GFileInputStream) in = NULL;
  guint8 head[64];
  gsize n = 0;
  WsPlotFormat format;

  if (name != NULL && g_str_has_suffix (name, WS_SCENE_FILE_EXTENSION))
    return TRUE;
  if ((in = g_file_read (file, NULL, NULL)) == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head, &n, NULL, NULL))
    return FALSE;
  if (ws_plot_format_sniff (head, n, &format))
    return TRUE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isspace (head[i]))
      return head[i] == '{';
  return FALSE;
}

/* A lesson, by its name or its "format" (a lesson is JSON like a scene). */
static gboolean
is_lesson (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *contents = NULL;
  gsize length;

  if (name != NULL && g_str_has_suffix (name, WS_LESSON_FILE_EXTENSION))
    return TRUE;
  if (path == NULL || g_str_has_suffix (path, WS_SCENE_FILE_EXTENSION))
    return FALSE;
  /* Only small JSON files are looked into: models are large. */
  if (!is_scene (file) || !g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return ws_lesson_file_sniff (contents, length);
}

void
ws_window_open_file (WsWindow *self,
                     GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  WsSceneFile *scene;

  g_return_if_fail (WS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (is_lesson (file))
    {
      path = g_file_get_path (file);
      if (path == NULL || !ws_presentation_open_lesson (self->presentation, path, &error))
        report_scene_failure (self, error != NULL ? error->message : _("Only local files can be opened"));
      return;
    }
  if (!is_scene (file))
    {
      ws_window_open_model (self, file);
      return;
    }
  path = g_file_get_path (file);
  if (path == NULL || (scene = ws_scene_file_load (path, &error)) == NULL)
    {
      report_scene_failure (self, error != NULL ? error->message : _("Only local files can be opened"));
      return;
    }
  ws_window_open_scene (self, scene);
  ws_scene_file_free (scene);
}

void
ws_window_open_scene (WsWindow          *self,
                      const WsSceneFile *scene)
{
  g_autofree char *current = NULL;
  WsVectors *vectors;

  g_return_if_fail (WS_IS_WINDOW (self));
  g_return_if_fail (scene != NULL);

  vectors = ws_session_get_vectors (self->session);
  if (vectors != NULL && ws_vectors_get_path (vectors) != NULL)
    current = g_canonicalize_filename (ws_vectors_get_path (vectors), NULL);
  ws_scene_opener_find_model (GTK_WINDOW (self), ws_scene_file_copy (scene), current,
                              on_scene_model_found);
}


gboolean
ws_window_save_scene (WsWindow  *self,
                      GFile     *file,
                      GError   **error)
{
  g_autoptr(WsSceneFile) scene = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (WS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (ws_session_get_scene (self->session) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no map to save yet: ask a query first"));
      return FALSE;
    }
  if ((path = g_file_get_path (file)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The map can only be saved to a local file"));
      return FALSE;
    }
  if ((scene = ws_window_get_scene_file (self, error)) == NULL)
    return FALSE;
  return ws_scene_file_save (scene, path, error);
}

/* The file the person chose, with @extension added when its name lacks
 * it; @name is set to the final file name, for the toast. */
static GFile *
chosen_file_with_extension (GtkFileChooserNative *chooser,
                            int                   response,
                            const char           *extension,
                            char                **name)
{
  g_autoptr(GFile) chosen = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autofree char *named = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (chosen == NULL)
    return NULL;
  *name = g_file_get_basename (chosen);
  if (g_str_has_suffix (*name, extension))
    return g_steal_pointer (&chosen);
  parent = g_file_get_parent (chosen);
  named = g_strconcat (*name, extension, NULL);
  g_free (*name);
  *name = g_strdup (named);
  return g_file_get_child (parent, named);
}

/* Asks where to save a scene or a lesson: one filter for @extension, the
 * name @stem + @extension suggested; @on_response gets the answer. */
static void
show_save_chooser (WsWindow    *self,
                   const char  *title,
                   const char  *filter_name,
                   const char  *stem,
                   const char  *extension,
                   GCallback    on_response)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = g_strconcat (stem, extension, NULL);

  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                               _("_Cancel"));
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_suffix (filter, extension + 1);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", on_response, self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_save_scene_response (WsWindow             *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  g_autofree char *name = NULL;
  g_autoptr(GFile) file = chosen_file_with_extension (chooser, response, WS_SCENE_FILE_EXTENSION,
                                                      &name);
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  if (!ws_window_save_scene (self, file, &error))
    show_toast (self, error->message);
  else
    {
      g_autofree char *text = g_strdup_printf (_("Scene saved as %s"), name);
      show_toast (self, text);
    }
}

static void
save_scene_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WsWindow *self = WS_WINDOW (widget);

  if (self->chooser != NULL)
    return;
  if (ws_session_get_scene (self->session) == NULL)
    {
      show_toast (self, _("There is no map to save yet: ask a query first"));
      return;
    }
  show_save_chooser (self, _("Save the Scene"), _("Wordspace scenes (.wordspace)"),
                     _("wordspace-map"), WS_SCENE_FILE_EXTENSION,
                     G_CALLBACK (on_save_scene_response));
}

gboolean
ws_window_save_lesson (WsWindow  *self,
                       GFile     *file,
                       GError   **error)
{
  g_autoptr(WsLessonFile) lesson = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (WS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if ((lesson = ws_presentation_lesson_from_history (self->history)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no query in this session yet to make a lesson of"));
      return FALSE;
    }
  if ((path = g_file_get_path (file)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The lesson can only be saved to a local file"));
      return FALSE;
    }
  return ws_lesson_file_save (lesson, path, error);
}

static void
on_save_lesson_response (WsWindow             *self,
                         int                   response,
                         GtkFileChooserNative *chooser)
{
  g_autofree char *name = NULL;
  g_autoptr(GFile) file = chosen_file_with_extension (chooser, response, WS_LESSON_FILE_EXTENSION,
                                                      &name);
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  if (!ws_window_save_lesson (self, file, &error))
    show_toast (self, error->message);
  else
    {
      g_autofree char *text = g_strdup_printf (_("Lesson saved as %s"), name);
      show_toast (self, text);
    }
}

static void
save_lesson_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  WsWindow *self = WS_WINDOW (widget);

  if (self->chooser != NULL)
    return;
  show_save_chooser (self, _("Save the Session as a Lesson"),
                     _("Wordspace lessons (.wordspace-lesson)"), _("lesson"),
                     WS_LESSON_FILE_EXTENSION, G_CALLBACK (on_save_lesson_response));
}

/* History ----------------------------------------------------------- */

/* Each answered query (not one shown from the history) is an entry. */
static void
remember_query (WsWindow  *self,
                WsSession *session)
{
  g_autoptr(WsSceneFile) scene = NULL;

  if (self->navigating)
    {
      self->navigating = FALSE;
      return;
    }
  if (ws_session_get_query_error (session) != NULL || ws_session_get_scene (session) == NULL)
    return;
  if ((scene = ws_window_get_scene_file (self, NULL)) != NULL)
    ws_history_push (self->history, scene);
}

static void
update_history_actions (WsWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-back",
                                 ws_history_can_go_back (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-forward",
                                 ws_history_can_go_forward (self->history));
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WsWindow *self = WS_WINDOW (widget);
  g_autoptr(WsSceneFile) now = ws_window_get_scene_file (self, NULL);
  const WsSceneFile *scene;

  /* The entry left keeps the view and notes it had. */
  if (now != NULL && ws_history_get_current (self->history) != NULL &&
      g_strcmp0 (now->query, ws_history_get_current (self->history)->query) == 0)
    ws_history_replace (self->history, now);
  scene = g_str_equal (action_name, "win.go-back") ? ws_history_go_back (self->history)
                                                   : ws_history_go_forward (self->history);
  if (scene == NULL)
    return;
  self->navigating = TRUE;
  show_scene (self, scene);
}

/* Notes and marks --------------------------------------------------- */

static void
on_add_note_save (WsWindow         *self,
                  const char       *response,
                  AdwMessageDialog *dialog)
{
  g_autofree char *text = ws_note_dialog_get_text (dialog);
  WsPlotAnnotation note = { 0 };

  if (*text == '\0')
    return;
  /* Up and to the right of the word, clear of its label. */
  note.word = g_object_get_data (G_OBJECT (dialog), "ws-word");
  note.dx = 36;
  note.dy = -44;
  note.text = text;
  ws_session_add_annotation (self->session, &note);
}

static void
add_note_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  WsWindow *self = WS_WINDOW (widget);
  const char *word = g_variant_get_string (parameter, NULL);
  g_autofree char *heading = g_strdup_printf (_("Note on “%s”"), word);
  AdwMessageDialog *dialog = ws_note_dialog_new (GTK_WINDOW (self), heading, NULL);

  g_object_set_data_full (G_OBJECT (dialog), "ws-word", g_strdup (word), g_free);
  g_signal_connect_object (dialog, "response::save", G_CALLBACK (on_add_note_save), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_edit_note_save (WsWindow         *self,
                   const char       *response,
                   AdwMessageDialog *dialog)
{
  g_autofree char *text = ws_note_dialog_get_text (dialog);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "ws-note"));
  WsPlotAnnotation note;

  if (*text == '\0' || index >= ws_session_get_n_annotations (self->session))
    return;
  note = *ws_session_get_annotation (self->session, index);
  note.text = text;
  ws_session_set_annotation (self->session, index, &note);
}

static void
edit_note_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  WsWindow *self = WS_WINDOW (widget);
  int index = g_variant_get_int32 (parameter);
  AdwMessageDialog *dialog;

  if (index < 0 || (guint) index >= ws_session_get_n_annotations (self->session))
    return;
  dialog = ws_note_dialog_new (GTK_WINDOW (self), _("Edit the Note"),
                               ws_session_get_annotation (self->session, index)->text);
  g_object_set_data (G_OBJECT (dialog), "ws-note", GUINT_TO_POINTER ((guint) index));
  g_signal_connect_object (dialog, "response::save", G_CALLBACK (on_edit_note_save), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_note_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  WsWindow *self = WS_WINDOW (widget);
  int index = g_variant_get_int32 (parameter);

  if (index >= 0 && (guint) index < ws_session_get_n_annotations (self->session))
    ws_session_remove_annotation (self->session, index);
}

static void
mark_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WsWindow *self = WS_WINDOW (widget);
  const char *word = g_variant_get_string (parameter, NULL);
  WsSessionMark mark = g_str_equal (action_name, "win.highlight") ? WS_SESSION_MARK_HIGHLIGHTED
                       : g_str_equal (action_name, "win.pin") ? WS_SESSION_MARK_PINNED
                       : WS_SESSION_MARK_HIDDEN;

  ws_session_set_mark (self->session, word, mark, !ws_session_get_mark (self->session, word, mark));
}

static void
open_context_menu (WsWindow   *self,
                   const char *word,
                   int         note,
                   double      x,
                   double      y)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };

  if (note >= 0)
    {
      g_autoptr(GMenuItem) edit = g_menu_item_new (_("_Edit Note…"), NULL);
      g_autoptr(GMenuItem) remove = g_menu_item_new (_("_Delete Note"), NULL);

      g_menu_item_set_action_and_target_value (edit, "win.edit-note", g_variant_new_int32 (note));
      g_menu_item_set_action_and_target_value (remove, "win.delete-note", g_variant_new_int32 (note));
      g_menu_append_item (menu, edit);
      g_menu_append_item (menu, remove);
    }
  else if (word != NULL)
    {
      struct { const char *label; const char *action; } items[] = {
        { _("Add _Note…"), "win.add-note" },
        { ws_session_get_mark (self->session, word, WS_SESSION_MARK_HIGHLIGHTED)
            ? _("Remove _Highlight") : _("_Highlight"), "win.highlight" },
        { ws_session_get_mark (self->session, word, WS_SESSION_MARK_PINNED)
            ? _("Un_pin") : _("_Pin"), "win.pin" },
        { _("Hi_de"), "win.hide" },
      };

      for (guint i = 0; i < G_N_ELEMENTS (items); i++)
        {
          g_autoptr(GMenuItem) item = g_menu_item_new (items[i].label, NULL);

          g_menu_item_set_action_and_target_value (item, items[i].action, g_variant_new_string (word));
          g_menu_append_item (menu, item);
        }
    }
  else
    return;

  if (self->context_menu != NULL)
    gtk_widget_unparent (self->context_menu);
  self->context_menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self->plot));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static void
on_plot_context_menu (WsWindow      *self,
                      const char    *word,
                      int            note,
                      double         x,
                      double         y,
                      WsScatterPlot *plot)
{
  open_context_menu (self, word, note, x, y);
}

/* The keyboard's way to the same menu: the selected word's. */
static void
context_menu_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  WsWindow *self = WS_WINDOW (widget);
  const char *word = ws_scatter_plot_get_highlight (self->plot);
  double x, y;

  if (word != NULL && ws_scatter_plot_get_point (self->plot, word, &x, &y))
    open_context_menu (self, word, -1, x, y);
}

/* Results as text ----------------------------------------------------- */

char *
ws_window_get_results_text (WsWindow   *self,
                            const char *format)
{
  GListModel *results;
  g_autofree const char **words = NULL;
  g_autofree float *scores = NULL;
  WsResultTableFormat table;
  guint n;

  g_return_val_if_fail (WS_IS_WINDOW (self), NULL);

  if (g_strcmp0 (format, "markdown") == 0)
    table = WS_RESULT_TABLE_MARKDOWN;
  else if (g_strcmp0 (format, "csv") == 0)
    table = WS_RESULT_TABLE_CSV;
  else if (g_strcmp0 (format, "python") == 0)
    table = WS_RESULT_TABLE_PYTHON;
  else
    g_return_val_if_reached (NULL);

  results = ws_session_get_results (self->session);
  n = g_list_model_get_n_items (results);
  words = g_new0 (const char *, n + 1);
  scores = g_new0 (float, n + 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WsResultItem) item = g_list_model_get_item (results, i);

      words[i] = ws_result_item_get_word (item);
      scores[i] = (float) ws_result_item_get_score (item);
    }
  /* The items outlive the loop: the session's list holds them. */
  return ws_result_table_scored (table, words, scores, n);
}

static void
copy_results_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  WsWindow *self = WS_WINDOW (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  g_autofree char *text = NULL;

  if (g_list_model_get_n_items (ws_session_get_results (self->session)) == 0)
    return;
  if ((text = ws_window_get_results_text (self, format)) == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  show_toast (self, g_str_equal (format, "markdown") ? _("Results copied as Markdown")
                    : g_str_equal (format, "csv") ? _("Results copied as CSV")
                    : _("Results copied as a Python list"));
}

static void
on_results_secondary (WsWindow        *self,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkGestureClick *gesture)
{
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };
  g_autoptr(GMenu) menu = g_menu_new ();

  g_menu_append (menu, _("Copy as _Markdown"), "win.copy-results::markdown");
  g_menu_append (menu, _("Copy as _CSV"), "win.copy-results::csv");
  g_menu_append (menu, _("Copy as _Python List"), "win.copy-results::python");
  if (self->results_menu != NULL)
    gtk_widget_unparent (self->results_menu);
  self->results_menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_widget_set_parent (self->results_menu, GTK_WIDGET (self->results_view));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->results_menu), FALSE);
  gtk_widget_set_halign (self->results_menu, GTK_ALIGN_START);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->results_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->results_menu));
}

/* Export and copy ----------------------------------------------------- */

/* The figure as the export dialog chose it, carrying its scene. */
static GBytes *
figure_bytes (WsWindow      *self,
              WsPlotFormat   format,
              GError       **error)
{
  g_autoptr(WsPlotScene) plot = ws_scatter_plot_get_scene (self->plot);
  g_autoptr(WsSceneFile) scene = NULL;
  g_autofree char *text = NULL;

  if (plot == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no map to save yet: ask a query first"));
      return NULL;
    }
  ws_plot_scene_set_transparent (plot, self->export_transparent);
  if ((scene = ws_window_get_scene_file (self, error)) == NULL)
    return NULL;
  scene->transparent = self->export_transparent;
  scene->width = (guint) self->export_width;
  scene->height = (guint) self->export_height;
  scene->scale = self->export_scale;
  text = ws_scene_file_to_data (scene, NULL);
  return ws_plot_export_to_bytes_full (plot, format, self->export_width, self->export_height,
                                       self->export_scale, text, error);
}

static gboolean
export_figure (WsWindow  *self,
               GFile     *file,
               GError   **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GBytes) bytes = NULL;
  WsPlotFormat format;

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The map can only be saved to a local file"));
      return FALSE;
    }
  if (!ws_plot_format_from_path (path, &format, error) ||
      (bytes = figure_bytes (self, format, error)) == NULL)
    return FALSE;
  return g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, error);
}

/* Before any export dialog: the map's size on screen, 1×, opaque. */
static void
default_export_options (WsWindow *self)
{
  if (self->export_width > 0)
    return;
  self->export_width = MAX (gtk_widget_get_width (GTK_WIDGET (self->plot)), 16);
  self->export_height = MAX (gtk_widget_get_height (GTK_WIDGET (self->plot)), 16);
  self->export_scale = 1.0;
  self->export_transparent = FALSE;
}

static void
take_export_options (WsWindow       *self,
                     WsExportDialog *dialog)
{
  self->export_width = ws_export_dialog_get_width (dialog);
  self->export_height = ws_export_dialog_get_height (dialog);
  self->export_scale = ws_export_dialog_get_scale (dialog);
  self->export_transparent = ws_export_dialog_get_transparent (dialog);
}

static void
copy_image (WsWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  default_export_options (self);
  if ((png = figure_bytes (self, WS_PLOT_FORMAT_PNG, &error)) == NULL ||
      (texture = gdk_texture_new_from_bytes (png, &error)) == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
  show_toast (self, _("Image copied"));
}

static void
copy_image_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  copy_image (WS_WINDOW (widget));
}

static void
on_export_dialog_export (WsWindow       *self,
                         WsExportDialog *dialog)
{
  take_export_options (self, dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  choose_export_file (self);
}

static void
on_export_dialog_copy (WsWindow       *self,
                       WsExportDialog *dialog)
{
  take_export_options (self, dialog);
  copy_image (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WsWindow *self = WS_WINDOW (widget);
  WsExportDialog *dialog;

  if (self->chooser != NULL)
    return;
  /* Each time the map's size now: the figure looks as it does on screen. */
  dialog = ws_export_dialog_new (GTK_WINDOW (self), MAX (gtk_widget_get_width (GTK_WIDGET (self->plot)), 16),
                                 MAX (gtk_widget_get_height (GTK_WIDGET (self->plot)), 16));
  if (self->export_width > 0)
    {
      ws_export_dialog_set_scale (dialog, self->export_scale);
      ws_export_dialog_set_transparent (dialog, self->export_transparent);
    }
  g_signal_connect_object (dialog, "export", G_CALLBACK (on_export_dialog_export), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "copy", G_CALLBACK (on_export_dialog_copy), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

GtkPopover *
ws_window_get_context_menu (WsWindow *self)
{
  g_return_val_if_fail (WS_IS_WINDOW (self), NULL);
  return self->context_menu != NULL ? GTK_POPOVER (self->context_menu) : NULL;
}

static void
ws_window_install_figure_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.save-scene", NULL, save_scene_action);
  gtk_widget_class_install_action (widget_class, "win.save-lesson", NULL, save_lesson_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.go-forward", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.add-note", "s", add_note_action);
  gtk_widget_class_install_action (widget_class, "win.edit-note", "i", edit_note_action);
  gtk_widget_class_install_action (widget_class, "win.delete-note", "i", delete_note_action);
  gtk_widget_class_install_action (widget_class, "win.highlight", "s", mark_action);
  gtk_widget_class_install_action (widget_class, "win.pin", "s", mark_action);
  gtk_widget_class_install_action (widget_class, "win.hide", "s", mark_action);
  gtk_widget_class_install_action (widget_class, "win.context-menu", NULL, context_menu_action);
  gtk_widget_class_install_action (widget_class, "win.copy-results", "s", copy_results_action);
  gtk_widget_class_install_action (widget_class, "win.copy-image", NULL, copy_image_action);
  /* The keyboard's context menu keys, on the map as on the results. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "win.context-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "win.context-menu", NULL);
}

static void
ws_window_setup_figures (WsWindow *self)
{
  GtkGesture *gesture;

  self->history = ws_history_new ();
  g_signal_connect_object (self->history, "notify", G_CALLBACK (update_history_actions), self,
                           G_CONNECT_SWAPPED);
  update_history_actions (self);
  g_signal_connect_object (self->session, "query-finished", G_CALLBACK (remember_query), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->plot, "context-menu", G_CALLBACK (on_plot_context_menu), self,
                           G_CONNECT_SWAPPED);
  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (on_results_secondary), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->results_view), GTK_EVENT_CONTROLLER (gesture));
  self->presentation = ws_presentation_new (GTK_WINDOW (self), self->session, self->plot,
                                            self->header_bar, self->side_stack, show_lesson_scene);
}

WsPresentation *
ws_window_get_presentation (WsWindow *self)
{
  g_return_val_if_fail (WS_IS_WINDOW (self), NULL);
  return self->presentation;
}
