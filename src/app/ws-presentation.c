/* ws-presentation.c: lessons in the window, and presentation mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wordspace"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ws-presentation.h"
#include "ws-result-item.h"

struct _WsPresentation
{
  GObject                  parent_instance;

  GtkWindow               *window;       /* not owned: the window owns us */
  WsSession               *session;
  WsScatterPlot           *plot;
  GtkWidget               *header_bar;
  GtkStack                *side_stack;
  WsPresentationShowScene  show_scene;
  WsLessonPlayer          *player;

  GtkWidget               *title_label;   /* over the map */
  GtkWidget               *results_label; /* over the map, when presenting */
  GtkWidget               *notes_page;    /* in the side panel */
  GtkWidget               *notes_step;
  GtkWidget               *notes_title;
  GtkWidget               *notes_label;

  gboolean                 active;
  GPtrArray               *hidden;        /* what presenting hid, to show again */
  double                   text_scale;    /* the map's before presenting */
  gboolean                 high_contrast; /* likewise */
};

G_DEFINE_FINAL_TYPE (WsPresentation, ws_presentation, G_TYPE_OBJECT)

/* The step's title and the ranked list, in pixels (font size). */
#define TITLE_PIXELS   32
#define RESULTS_PIXELS 30
#define MARGIN         16

/* The title (below the map) and the ranked list (right of it) get room
 * of their own: over the map they would hide points, labels or the
 * legend. */
static void
make_room (WsPresentation *self)
{
  GtkWidget *plot = GTK_WIDGET (self->plot);
  int width = 0, height = 0;

  if (gtk_widget_get_visible (self->results_label))
    gtk_widget_measure (self->results_label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
  if (gtk_widget_get_visible (self->title_label))
    gtk_widget_measure (self->title_label, GTK_ORIENTATION_VERTICAL, -1, NULL, &height, NULL, NULL);
  gtk_widget_set_margin_end (plot, width > 0 ? width + 2 * MARGIN : 0);
  gtk_widget_set_margin_bottom (plot, height > 0 ? height + MARGIN : 0);
}

static void
ws_presentation_dispose (GObject *object)
{
  WsPresentation *self = WS_PRESENTATION (object);

  g_clear_object (&self->player);
  g_clear_object (&self->session);
  g_clear_object (&self->plot);
  g_clear_object (&self->header_bar);
  g_clear_object (&self->side_stack);
  g_clear_pointer (&self->hidden, g_ptr_array_unref);
  G_OBJECT_CLASS (ws_presentation_parent_class)->dispose (object);
}

static void
ws_presentation_class_init (WsPresentationClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ws_presentation_dispose;
}

static void
ws_presentation_init (WsPresentation *self)
{
  self->hidden = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Text over the map, @pixels tall: sized in pixels, not by the theme's
 * font, so that it is as large on every desktop. */
static void
set_size (GtkWidget *label,
          int        pixels,
          gboolean   bold)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_size_new_absolute (pixels * PANGO_SCALE));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  gtk_label_set_attributes (GTK_LABEL (label), attrs);
  pango_attr_list_unref (attrs);
}

/* The ranked results, "1  queen  0.684" a line, for the list over the map. */
static void
update_results (WsPresentation *self)
{
  GListModel *results = ws_session_get_results (self->session);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = results != NULL ? g_list_model_get_n_items (results) : 0;

  for (guint i = 0; i < MIN (n, WS_PRESENTATION_N_RESULTS); i++)
    {
      g_autoptr(WsResultItem) item = g_list_model_get_item (results, i);
      g_autofree char *score = ws_result_item_format_score (item);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "%u  %s  %s", ws_result_item_get_rank (item),
                              ws_result_item_get_word (item), score);
    }
  gtk_label_set_text (GTK_LABEL (self->results_label), text->str);
  gtk_widget_set_visible (self->results_label, self->active && n > 0);
  make_room (self);
}

static void
update_step_text (WsPresentation *self)
{
  WsLessonStep *step = ws_lesson_player_get_step (self->player);
  guint n = ws_lesson_player_get_n_steps (self->player);
  g_autofree char *counter = NULL;

  gtk_widget_set_visible (self->title_label, step != NULL && *step->title != '\0');
  gtk_stack_page_set_visible (gtk_stack_get_page (self->side_stack, self->notes_page),
                              step != NULL);
  if (step == NULL)
    {
      make_room (self);
      return;
    }
  gtk_label_set_text (GTK_LABEL (self->title_label), step->title);
  make_room (self);
  /* Translators: the lesson's step shown, of how many */
  counter = g_strdup_printf (_("Step %u of %u"), ws_lesson_player_get_index (self->player) + 1, n);
  gtk_label_set_text (GTK_LABEL (self->notes_step), counter);
  gtk_label_set_text (GTK_LABEL (self->notes_title), step->title);
  gtk_label_set_text (GTK_LABEL (self->notes_label), step->notes);
}

/* The step's scene, with the text raised while presenting. */
static void
show_step (WsPresentation *self)
{
  WsLessonStep *step = ws_lesson_player_get_step (self->player);
  g_autoptr(WsSceneFile) scene = NULL;

  update_step_text (self);
  if (step == NULL)
    return;
  scene = ws_scene_file_copy (step->scene);
  if (self->active)
    {
      scene->text_scale = MAX (scene->text_scale, WS_PRESENTATION_TEXT_SCALE);
      if (scene->theme == WS_PLOT_THEME_LIGHT)
        scene->theme = WS_PLOT_THEME_HIGH_CONTRAST_LIGHT;
      else if (scene->theme == WS_PLOT_THEME_DARK)
        scene->theme = WS_PLOT_THEME_HIGH_CONTRAST_DARK;
    }
  self->show_scene (self->window, scene);
}

static void
on_index_changed (WsPresentation *self)
{
  show_step (self);
}

static gboolean
on_key_pressed (WsPresentation        *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  gboolean has_lesson = ws_lesson_player_get_n_steps (self->player) > 0;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;
  if (keyval == GDK_KEY_F5)
    {
      ws_presentation_set_active (self, !self->active);
      return TRUE;
    }
  if (self->active && keyval == GDK_KEY_Escape)
    {
      ws_presentation_set_active (self, FALSE);
      return TRUE;
    }
  if (!has_lesson)
    return FALSE;
  /* Clickers send PageDown and PageUp: those step whenever a lesson is
   * open; the arrows and Space only while presenting, as otherwise they
   * belong to the query entry and the lists. */
  switch (keyval)
    {
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      ws_lesson_player_next (self->player);
      return TRUE;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      ws_lesson_player_previous (self->player);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_space:
      if (!self->active)
        return FALSE;
      ws_lesson_player_next (self->player);
      return TRUE;
    case GDK_KEY_Left:
      if (!self->active)
        return FALSE;
      ws_lesson_player_previous (self->player);
      return TRUE;
    default:
      return FALSE;
    }
}

static GtkWidget *
step_button (WsPresentation *self,
             const char     *icon,
             const char     *tooltip,
             GCallback       callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  g_signal_connect_object (button, "clicked", callback, self->player, G_CONNECT_SWAPPED);
  return button;
}

static void
build_notes_page (WsPresentation *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *present = gtk_button_new_with_mnemonic (_("_Present"));

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  self->notes_step = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->notes_step, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (self->notes_step), 0);
  gtk_box_append (GTK_BOX (buttons), self->notes_step);
  gtk_widget_set_hexpand (self->notes_step, TRUE);
  gtk_box_append (GTK_BOX (buttons), step_button (self, "go-previous-symbolic", _("Previous Step (Page Up)"),
                                                  G_CALLBACK (ws_lesson_player_previous)));
  gtk_box_append (GTK_BOX (buttons), step_button (self, "go-next-symbolic", _("Next Step (Page Down)"),
                                                  G_CALLBACK (ws_lesson_player_next)));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (present), "win.present");
  gtk_widget_set_tooltip_text (present, _("Present the lesson full screen (F5)"));
  gtk_box_append (GTK_BOX (buttons), present);
  gtk_box_append (GTK_BOX (box), buttons);

  self->notes_title = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->notes_title, "title-3");
  gtk_label_set_wrap (GTK_LABEL (self->notes_title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->notes_title), 0);
  gtk_box_append (GTK_BOX (box), self->notes_title);

  self->notes_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->notes_label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (self->notes_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->notes_label), 0);
  gtk_label_set_yalign (GTK_LABEL (self->notes_label), 0);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->notes_label);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);

  self->notes_page = box;
  gtk_stack_add_titled (self->side_stack, box, "lesson", _("Lesson"));
  gtk_stack_page_set_visible (gtk_stack_get_page (self->side_stack, box), FALSE);
}

WsPresentation *
ws_presentation_new (GtkWindow               *window,
                     WsSession               *session,
                     WsScatterPlot           *plot,
                     GtkWidget               *header_bar,
                     GtkStack                *side_stack,
                     WsPresentationShowScene  show_scene)
{
  WsPresentation *self;
  GtkWidget *overlay;
  GtkEventController *keys;
  GtkWidget *button;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);
  g_return_val_if_fail (WS_IS_SESSION (session), NULL);
  g_return_val_if_fail (WS_IS_SCATTER_PLOT (plot), NULL);
  g_return_val_if_fail (show_scene != NULL, NULL);

  self = g_object_new (WS_TYPE_PRESENTATION, NULL);
  self->window = window;
  self->session = g_object_ref (session);
  self->plot = g_object_ref (plot);
  self->header_bar = g_object_ref (header_bar);
  self->side_stack = g_object_ref (side_stack);
  self->show_scene = show_scene;
  self->player = ws_lesson_player_new ();
  g_signal_connect_object (self->player, "notify::index", G_CALLBACK (on_index_changed), self,
                           G_CONNECT_SWAPPED);

  /* The step's title (top left) and the ranked list (top right) sit over
   * the map in the overlay that holds it. */
  overlay = gtk_widget_get_parent (GTK_WIDGET (plot));
  g_assert (GTK_IS_OVERLAY (overlay));
  self->title_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->title_label, "osd");
  gtk_widget_add_css_class (self->title_label, "ws-presentation-text");
  set_size (self->title_label, TITLE_PIXELS, TRUE);
  gtk_widget_set_halign (self->title_label, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->title_label, GTK_ALIGN_END);
  gtk_widget_set_margin_bottom (self->title_label, MARGIN / 2);
  gtk_widget_set_can_target (self->title_label, FALSE);
  gtk_widget_set_visible (self->title_label, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->title_label);

  self->results_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->results_label, "osd");
  gtk_widget_add_css_class (self->results_label, "ws-presentation-text");
  set_size (self->results_label, RESULTS_PIXELS, FALSE);
  gtk_widget_set_halign (self->results_label, GTK_ALIGN_END);
  gtk_widget_set_valign (self->results_label, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->results_label, MARGIN);
  gtk_widget_set_margin_end (self->results_label, MARGIN);
  gtk_widget_set_can_target (self->results_label, FALSE);
  gtk_widget_set_visible (self->results_label, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->results_label);
  g_signal_connect_object (session, "query-finished", G_CALLBACK (update_results), self,
                           G_CONNECT_SWAPPED);

  build_notes_page (self);

  button = gtk_button_new_from_icon_name ("view-fullscreen-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.present");
  gtk_widget_set_tooltip_text (button, _("Present (F5)"));
  if (ADW_IS_HEADER_BAR (header_bar))
    adw_header_bar_pack_end (ADW_HEADER_BAR (header_bar), button);

  /* Before the focused widget: in presentation mode the keys step even
   * when the (hidden) query entry has the focus. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (window), keys);
  return self;
}

WsLessonPlayer *
ws_presentation_get_player (WsPresentation *self)
{
  g_return_val_if_fail (WS_IS_PRESENTATION (self), NULL);
  return self->player;
}

gboolean
ws_presentation_open_lesson (WsPresentation  *self,
                             const char      *path,
                             GError         **error)
{
  WsLessonFile *lesson;

  g_return_val_if_fail (WS_IS_PRESENTATION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if ((lesson = ws_lesson_file_load (path, error)) == NULL)
    return FALSE;
  ws_lesson_player_set_lesson (self->player, lesson);
  if (!self->active)
    gtk_stack_set_visible_child (self->side_stack, self->notes_page);
  return TRUE;
}

gboolean
ws_presentation_get_active (WsPresentation *self)
{
  g_return_val_if_fail (WS_IS_PRESENTATION (self), FALSE);
  return self->active;
}

/* Hides @widget for the presentation, if shown, to show it again after. */
static void
hide_for_presentation (WsPresentation *self,
                       GtkWidget      *widget)
{
  if (widget == NULL || !gtk_widget_get_visible (widget))
    return;
  gtk_widget_set_visible (widget, FALSE);
  g_ptr_array_add (self->hidden, g_object_ref (widget));
}

void
ws_presentation_set_active (WsPresentation *self,
                            gboolean        active)
{
  GtkWidget *paned;

  g_return_if_fail (WS_IS_PRESENTATION (self));

  active = !!active;
  if (active == self->active)
    return;
  self->active = active;
  paned = gtk_widget_get_ancestor (GTK_WIDGET (self->plot), GTK_TYPE_PANED);
  if (active)
    {
      /* Everything but the map: the header bar, the bars above the map
       * (the query, its messages) and the side panel. */
      hide_for_presentation (self, self->header_bar);
      if (paned != NULL)
        {
          for (GtkWidget *c = gtk_widget_get_first_child (gtk_widget_get_parent (paned)); c != NULL;
               c = gtk_widget_get_next_sibling (c))
            if (c != paned)
              hide_for_presentation (self, c);
          hide_for_presentation (self, gtk_paned_get_start_child (GTK_PANED (paned)));
        }
      self->text_scale = ws_scatter_plot_get_text_scale (self->plot);
      self->high_contrast = ws_scatter_plot_get_high_contrast (self->plot);
      ws_scatter_plot_set_text_scale (self->plot, MAX (self->text_scale, WS_PRESENTATION_TEXT_SCALE));
      ws_scatter_plot_set_high_contrast (self->plot, TRUE);
      gtk_window_fullscreen (self->window);
    }
  else
    {
      for (guint i = 0; i < self->hidden->len; i++)
        gtk_widget_set_visible (g_ptr_array_index (self->hidden, i), TRUE);
      g_ptr_array_set_size (self->hidden, 0);
      ws_scatter_plot_set_text_scale (self->plot, self->text_scale);
      ws_scatter_plot_set_high_contrast (self->plot, self->high_contrast);
      gtk_window_unfullscreen (self->window);
    }
  update_results (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->plot));
}

GtkWidget *
ws_presentation_get_title_label (WsPresentation *self)
{
  g_return_val_if_fail (WS_IS_PRESENTATION (self), NULL);
  return self->title_label;
}

GtkWidget *
ws_presentation_get_results_label (WsPresentation *self)
{
  g_return_val_if_fail (WS_IS_PRESENTATION (self), NULL);
  return self->results_label;
}

GtkWidget *
ws_presentation_get_notes_label (WsPresentation *self)
{
  g_return_val_if_fail (WS_IS_PRESENTATION (self), NULL);
  return self->notes_label;
}

WsLessonFile *
ws_presentation_lesson_from_history (WsHistory *history)
{
  g_autoptr(WsLessonFile) lesson = NULL;
  const WsSceneFile *newest;
  guint n;

  g_return_val_if_fail (WS_IS_HISTORY (history), NULL);

  n = ws_history_get_length (history);
  if (n == 0)
    return NULL;
  newest = ws_history_get_entry (history, n - 1);
  if (newest->model.path == NULL)
    return NULL;
  lesson = ws_lesson_file_new ();
  /* Steps first, then the model: setting it gives every step the model. */
  for (guint i = 0; i < n; i++)
    {
      const WsSceneFile *entry = ws_history_get_entry (history, i);
      g_autofree char *title = NULL;

      if (g_strcmp0 (entry->model.path, newest->model.path) != 0)
        continue;
      title = ws_scene_file_get_query_text (entry);
      ws_lesson_file_add_step (lesson, title, "", ws_scene_file_copy (entry));
    }
  ws_lesson_file_set_model (lesson, &newest->model, NULL);
  return g_steal_pointer (&lesson);
}
