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

#include "ws-load-card.h"
#include "ws-models-dialog.h"
#include "ws-result-item.h"
#include "ws-window.h"

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
  WsLoadCard           *load_card;
  GtkEntry             *query_entry;
  GtkDropDown          *projection_dropdown;
  GtkSpinButton        *neighbors_spin;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  GtkBox               *suggestion_box;
  GtkColumnView        *results_view;
  GtkStack             *side_stack;
  GtkEntry             *similarity_entry;
  GtkGrid              *similarity_grid;
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
  char                 *similarity_auto;  /* what we last put in the similarity entry */
  GWeakRef              toast;          /* the last toast shown */
};

G_DEFINE_FINAL_TYPE (WsWindow, ws_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *projections[] = { "local", "analogy", "global" };

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

static void
on_map_changed (WsWindow  *self,
                WsSession *session)
{
  /* The axes and their explained variance are drawn on the map itself. */
  gtk_widget_set_visible (GTK_WIDGET (self->empty_page),
                          ws_session_get_map (session)->points->len == 0);
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
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        GtkWidget *cell;
        float s;

        if (ws_session_similarity (self->session, g_ptr_array_index (known, i),
                                   g_ptr_array_index (known, j), &s, &error))
          {
            cell = gtk_label_new (g_ascii_formatd (buf, sizeof buf, "%.4f", s));
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
}

static void
on_similarity_activate (WsWindow *self,
                        GtkEntry *entry)
{
  ws_window_compare_words (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
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
on_load_finished (WsWindow   *self,
                  gboolean    success,
                  const char *message,
                  WsSession  *session)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  WsVectors *vectors = ws_session_get_vectors (session);

  /* How a load ended is on the loading card (ws-load-card.c says why not
   * in a toast); a failure gets a dialog. */
  if (success)
    {
      const char *path = ws_vectors_get_path (vectors);

      if (path != NULL && WS_IS_APPLICATION (app))
        {
          g_autoptr(GFile) file = g_file_new_for_path (path);
          ws_application_remember_model (WS_APPLICATION (app), file);
        }
      gtk_widget_grab_focus (GTK_WIDGET (self->query_entry));
    }
  else if (message != NULL)
    {
      AdwMessageDialog *dialog;

      g_free (self->load_error);
      self->load_error = g_strdup (message);
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("Could Not Open the Model"),
                                                           message));
      if (vectors != NULL)
        adw_message_dialog_format_body (dialog, _("%s\n\n%s is still open."), message,
                                        ws_session_get_title (session));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

void
ws_window_open_model (WsWindow *self,
                      GFile    *file)
{
  g_return_if_fail (WS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

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
    ws_window_open_model (self, file);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WsWindow *self = WS_WINDOW (widget);
  g_autoptr(GtkFileFilter) vectors = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  gtk_file_filter_set_name (vectors, _("Word vectors (.bin, .txt, .vec, .gz)"));
  gtk_file_filter_add_suffix (vectors, "bin");
  gtk_file_filter_add_suffix (vectors, "txt");
  gtk_file_filter_add_suffix (vectors, "vec");
  gtk_file_filter_add_suffix (vectors, "gz");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");

  self->chooser = gtk_file_chooser_native_new (_("Open a Model"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                               _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), vectors);
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
  ws_window_open_model (self, files->data);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Export                                                              */

static void
on_export_response (WsWindow             *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  if (!ws_scatter_plot_export (self->plot, file, 1600, 1000, &error))
    show_toast (self, error->message);
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *text = g_strdup_printf (_("Map saved as %s"), name);
      show_toast (self, text);
    }
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WsWindow *self = WS_WINDOW (widget);
  const char *kinds[][2] = {
    { N_("PNG image"), "png" },
    { N_("SVG drawing"), "svg" },
    { N_("PDF document"), "pdf" },
  };
  g_autofree char *name = NULL;

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export the Map"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(kinds[i][0]));
      gtk_file_filter_add_suffix (filter, kinds[i][1]);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
    }
  name = g_strdup_printf ("%s.png", _("wordspace-map"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_export_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
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

static void
fullscreen_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  if (gtk_window_is_fullscreen (GTK_WINDOW (widget)))
    gtk_window_unfullscreen (GTK_WINDOW (widget));
  else
    gtk_window_fullscreen (GTK_WINDOW (widget));
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
  if (self->completion_popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->completion_popover));
      self->completion_popover = NULL;
    }
  g_clear_object (&self->completion_selection);
  g_clear_object (&self->completions);
  g_clear_object (&self->results_selection);
  g_clear_object (&self->results_css);
  if (self->plot != NULL)
    ws_scatter_plot_set_session (self->plot, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), WS_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);

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
  gtk_widget_class_bind_template_child (widget_class, WsWindow, load_card);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, query_entry);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, projection_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, neighbors_spin);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, suggestion_box);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, results_view);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, similarity_entry);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, similarity_grid);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, vector_title);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, vector_strip);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, vector_values);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, plot);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, WsWindow, recent_section);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.models", NULL, models_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.focus-query", NULL, focus_query_action);
  gtk_widget_class_install_action (widget_class, "win.fullscreen", NULL, fullscreen_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.copy-vector", NULL, copy_vector_action);
}

static void
ws_window_init (WsWindow *self)
{
  g_weak_ref_init (&self->toast, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));

  build_completion (self);
  g_signal_connect_object (self->query_entry, "activate", G_CALLBACK (on_query_activate), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->query_entry, "changed", G_CALLBACK (on_query_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->similarity_entry, "activate",
                           G_CALLBACK (on_similarity_activate), self, G_CONNECT_SWAPPED);
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

void
ws_window_set_side_page (WsWindow   *self,
                         const char *name)
{
  g_return_if_fail (WS_IS_WINDOW (self));
  gtk_stack_set_visible_child_name (self->side_stack, name);
}
