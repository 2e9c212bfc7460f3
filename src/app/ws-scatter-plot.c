/* ws-scatter-plot.c: the map widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The widget keeps no data of its own: it reads the session's map, and only
 * remembers where each word was drawn before so that points can glide from
 * their old places to their new ones. Drawing is one cairo function shared
 * by the screen (gtk_snapshot_append_cairo) and the exporter.
 */
#define G_LOG_DOMAIN "wordspace"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "ws-plot-export.h"
#include "ws-plot-render.h"
#include "ws-scatter-plot.h"

#define GLIDE_US (300 * 1000)
#define MIN_ZOOM 0.25
#define MAX_ZOOM 16.0

struct _WsScatterPlot
{
  GtkWidget     parent_instance;

  WsSession    *session;
  WsPlotScene  *from;          /* what was drawn when the map changed */
  WsPlotScene  *to;            /* the session's scene */
  gint64        glide_start;
  guint         tick_id;
  double        progress;      /* 0 → 1 along the glide */

  char         *highlight;
  int           hover;         /* point index under the pointer, or -1 */
  double        text_scale;
  gboolean      dark;
  gboolean      high_contrast;

  double        zoom;
  double        pan_x, pan_y;  /* device units */
  double        drag_start_x, drag_start_y;
  double        pinch_start_zoom;
  gboolean      dragged;
  int           dragged_note;  /* the note being moved, or -1 */
  gboolean      transparent;

  WsPlotLayout *layout;        /* of the last picture drawn on screen */
};

G_DEFINE_FINAL_TYPE (WsScatterPlot, ws_scatter_plot, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_HIGHLIGHT,
  PROP_TEXT_SCALE,
  PROP_DARK,
  PROP_ZOOM,
  N_PROPS
};

enum {
  WORD_ACTIVATED,
  CONTEXT_MENU,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static double
ease_out_cubic (double t)
{
  t = CLAMP (t, 0.0, 1.0);
  return 1.0 - pow (1.0 - t, 3.0);
}

/* The scene to draw at @progress along the glide, in this widget's theme,
 * text size, view and highlight. */
static WsPlotTheme
plot_theme (WsScatterPlot *self)
{
  if (self->high_contrast)
    return self->dark ? WS_PLOT_THEME_HIGH_CONTRAST_DARK : WS_PLOT_THEME_HIGH_CONTRAST_LIGHT;
  return self->dark ? WS_PLOT_THEME_DARK : WS_PLOT_THEME_LIGHT;
}

static WsPlotScene *
scene_at (WsScatterPlot *self,
          double         progress)
{
  WsPlotScene *scene;
  int selected = -1;

  if (self->to == NULL)
    {
      if (self->from == NULL || progress >= 1.0)
        return NULL;
      /* The map was cleared: the old words fade out. */
      scene = ws_plot_scene_copy (self->from);
      for (guint i = 0; i < ws_plot_scene_get_n_points (scene); i++)
        ws_plot_scene_set_point_opacity (scene, i, 1.0 - ease_out_cubic (progress));
    }
  else
    scene = ws_plot_scene_interpolate (self->from, self->to, ease_out_cubic (progress));

  ws_plot_scene_set_theme (scene, plot_theme (self));
  ws_plot_scene_set_text_scale (scene, self->text_scale);
  ws_plot_scene_set_view (scene, self->zoom, self->pan_x, self->pan_y);
  ws_plot_scene_set_transparent (scene, self->transparent);
  if (self->highlight != NULL)
    selected = ws_plot_scene_find_point (scene, self->highlight);
  ws_plot_scene_set_exclusive_flag (scene, selected, WS_PLOT_POINT_SELECTED);
  if (self->hover >= 0 && (guint) self->hover < ws_plot_scene_get_n_points (scene))
    ws_plot_scene_set_exclusive_flag (scene, self->hover, WS_PLOT_POINT_HOVERED);
  return scene;
}

/* The layout of the picture at @progress on the widget's own size. */
static WsPlotLayout *
layout_at (WsScatterPlot *self,
           double         progress)
{
  g_autoptr(WsPlotScene) scene = scene_at (self, progress);
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (scene == NULL || width <= 0 || height <= 0)
    return NULL;
  return ws_plot_layout_compute (scene, width, height);
}

static void
invalidate (WsScatterPlot *self)
{
  g_clear_pointer (&self->layout, ws_plot_layout_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------ */
/* Gliding                                                             */

static gboolean
glide_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  WsScatterPlot *self = WS_SCATTER_PLOT (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  self->progress = (double) (now - self->glide_start) / GLIDE_US;
  if (self->progress >= 1.0)
    {
      self->progress = 1.0;
      self->tick_id = 0;
      invalidate (self);
      return G_SOURCE_REMOVE;
    }
  invalidate (self);
  return G_SOURCE_CONTINUE;
}

static void
stop_glide (WsScatterPlot *self)
{
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
}

/* What a screen reader says of the map: the query and the words on it,
 * the answer first. */
static void
describe (WsScatterPlot *self)
{
  g_autoptr(GString) words = g_string_new ("");
  g_autofree char *text = NULL;
  const char *answer = NULL;
  guint n = self->to != NULL ? ws_plot_scene_get_n_points (self->to) : 0;

  if (n == 0)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      const WsPlotPoint *p = ws_plot_scene_get_point (self->to, i);

      if (p->role == WS_PLOT_ROLE_ANSWER && answer == NULL)
        answer = p->word;
      /* Translators: the separator between the words listed on the map. */
      g_string_append_printf (words, "%s%s", i == 0 ? "" : _(", "), p->word);
    }
  /* One whole sentence per case, so that translators see each of them. */
  if (answer != NULL)
    /* Translators: the map's description for screen readers: the query,
     * the answer, then the words on the map separated by commas. */
    text = g_strdup_printf (_("%s: the answer is %s. On the map: %s"),
                            ws_plot_scene_get_title (self->to), answer, words->str);
  else
    /* Translators: the map's description for screen readers: the query,
     * then the words on the map separated by commas. */
    text = g_strdup_printf (_("%s. On the map: %s"),
                            ws_plot_scene_get_title (self->to), words->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text, -1);
}

static void
on_map_changed (WsScatterPlot *self,
                WsSession     *session)
{
  WsPlotScene *next = ws_session_get_scene (session);
  WsPlotScene *now = NULL;

  /* Glide from what is on screen now, mid-glide included. */
  if (self->to != NULL || self->from != NULL)
    {
      now = scene_at (self, self->progress);
      if (now != NULL)
        ws_plot_scene_reset_view (now);
    }
  g_clear_pointer (&self->from, ws_plot_scene_unref);
  self->from = now;
  g_clear_pointer (&self->to, ws_plot_scene_unref);
  self->to = next != NULL ? ws_plot_scene_ref (next) : NULL;
  self->hover = -1;
  describe (self);

  stop_glide (self);
  self->progress = 0.0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && (self->from != NULL || self->to != NULL))
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
      self->glide_start = clock != NULL ? gdk_frame_clock_get_frame_time (clock)
                                        : g_get_monotonic_time ();
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), glide_tick, NULL, NULL);
    }
  else
    self->progress = 1.0;
  invalidate (self);
}

/* ------------------------------------------------------------------ */
/* Drawing                                                             */

void
ws_scatter_plot_draw (WsScatterPlot *self,
                      cairo_t       *cr,
                      int            width,
                      int            height)
{
  g_autoptr(WsPlotScene) scene = NULL;

  g_return_if_fail (WS_IS_SCATTER_PLOT (self));

  scene = scene_at (self, self->progress);
  if (scene == NULL)
    {
      /* An empty map in the theme's colours. */
      scene = ws_plot_scene_new ();
      ws_plot_scene_set_theme (scene, plot_theme (self));
      ws_plot_scene_set_show_legend (scene, FALSE);
    }
  ws_plot_render (cr, scene, width, height);
}

static void
ws_scatter_plot_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  WsScatterPlot *self = WS_SCATTER_PLOT (widget);

  /* The layout belongs to one size. */
  g_clear_pointer (&self->layout, ws_plot_layout_unref);
}

static void
ws_scatter_plot_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  WsScatterPlot *self = WS_SCATTER_PLOT (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  if (self->layout == NULL)
    self->layout = layout_at (self, self->progress);
  /* No map yet: the window's background and its "Ask the model" page. */
  if (self->layout == NULL)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  ws_plot_render_layout (cr, self->layout);
  cairo_destroy (cr);
}

gboolean
ws_scatter_plot_export (WsScatterPlot  *self,
                        GFile          *file,
                        int             width,
                        int             height,
                        GError        **error)
{
  g_autoptr(WsPlotScene) scene = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (WS_IS_SCATTER_PLOT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The map can only be saved to a local file"));
      return FALSE;
    }
  /* The picture as it will look once the glide ends, without the hover. */
  scene = ws_scatter_plot_get_scene (self);
  if (scene == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no map to save yet: ask a query first"));
      return FALSE;
    }
  return ws_plot_export (scene, path, width, height, 1.0, error);
}

WsPlotScene *
ws_scatter_plot_get_scene (WsScatterPlot *self)
{
  WsPlotScene *scene;

  g_return_val_if_fail (WS_IS_SCATTER_PLOT (self), NULL);

  scene = scene_at (self, 1.0);
  if (scene != NULL)
    {
      ws_plot_scene_set_exclusive_flag (scene, -1, WS_PLOT_POINT_HOVERED);
      ws_plot_scene_set_exclusive_flag (scene, -1, WS_PLOT_POINT_SELECTED);
    }
  return scene;
}

void
ws_scatter_plot_get_view (WsScatterPlot *self,
                          double        *zoom,
                          double        *pan_x,
                          double        *pan_y)
{
  g_return_if_fail (WS_IS_SCATTER_PLOT (self));

  *zoom = self->zoom;
  *pan_x = self->pan_x;
  *pan_y = self->pan_y;
}

void
ws_scatter_plot_set_view (WsScatterPlot *self,
                          double         zoom,
                          double         pan_x,
                          double         pan_y)
{
  g_return_if_fail (WS_IS_SCATTER_PLOT (self));

  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  self->pan_x = pan_x;
  self->pan_y = pan_y;
  if (self->zoom != zoom)
    {
      self->zoom = zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  invalidate (self);
}

gboolean
ws_scatter_plot_get_transparent (WsScatterPlot *self)
{
  g_return_val_if_fail (WS_IS_SCATTER_PLOT (self), FALSE);
  return self->transparent;
}

void
ws_scatter_plot_set_transparent (WsScatterPlot *self,
                                 gboolean       transparent)
{
  g_return_if_fail (WS_IS_SCATTER_PLOT (self));

  self->transparent = !!transparent;
  invalidate (self);
}

void
ws_scatter_plot_move_note (WsScatterPlot *self,
                           guint          index,
                           double         dx,
                           double         dy)
{
  WsPlotAnnotation note;

  g_return_if_fail (WS_IS_SCATTER_PLOT (self));
  g_return_if_fail (self->session != NULL);
  g_return_if_fail (index < ws_session_get_n_annotations (self->session));

  note = *ws_session_get_annotation (self->session, index);
  note.dx = dx;
  note.dy = dy;
  ws_session_set_annotation (self->session, index, &note);
}

/* ------------------------------------------------------------------ */
/* Input                                                               */

static int
index_at (WsScatterPlot *self,
          double         x,
          double         y)
{
  if (self->layout == NULL)
    self->layout = layout_at (self, self->progress);
  if (self->layout == NULL)
    return -1;
  return ws_plot_layout_hit_test (self->layout, x, y);
}

static const WsPlotPoint *
point_at (WsScatterPlot *self,
          int            i)
{
  return ws_plot_scene_get_point (ws_plot_layout_get_scene (self->layout), (guint) i);
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           WsScatterPlot            *self)
{
  int hover = index_at (self, x, y);

  if (hover != self->hover)
    {
      self->hover = hover;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), hover >= 0 ? "pointer" : NULL);
      invalidate (self);
    }
}

static void
on_leave (GtkEventControllerMotion *controller,
          WsScatterPlot            *self)
{
  if (self->hover != -1)
    {
      self->hover = -1;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), NULL);
      invalidate (self);
    }
}

static void
on_click_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  WsScatterPlot   *self)
{
  if (n_press == 2)
    ws_scatter_plot_reset_view (self);
}

/* The secondary button asks for the menu of what is under the pointer: a
 * note, else a word, else the map. */
static void
on_secondary_pressed (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      WsScatterPlot   *self)
{
  int note = -1, i;
  g_autofree char *word = NULL;

  if (n_press != 1)
    return;
  if (self->layout == NULL)
    self->layout = layout_at (self, self->progress);
  if (self->layout == NULL)
    return;
  note = ws_plot_layout_hit_test_annotation (self->layout, x, y);
  if (note < 0 && (i = index_at (self, x, y)) >= 0 && point_at (self, i)->role != WS_PLOT_ROLE_PREDICTED)
    word = g_strdup (point_at (self, i)->word);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  g_signal_emit (self, signals[CONTEXT_MENU], 0, word, note, x, y);
}

static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   WsScatterPlot   *self)
{
  int i;

  if (n_press != 1 || self->dragged)
    return;
  i = index_at (self, x, y);
  if (i >= 0 && point_at (self, i)->role != WS_PLOT_ROLE_PREDICTED)
    {
      g_autofree char *word = g_strdup (point_at (self, i)->word);
      g_signal_emit (self, signals[WORD_ACTIVATED], 0, word);
    }
}

/* A drag that starts on a note moves the note (its offset from its
 * word); elsewhere it pans the map. */
static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               WsScatterPlot  *self)
{
  self->dragged = FALSE;
  self->dragged_note = -1;
  if (self->layout == NULL)
    self->layout = layout_at (self, self->progress);
  if (self->session != NULL && self->layout != NULL &&
      (self->dragged_note = ws_plot_layout_hit_test_annotation (self->layout, x, y)) >= 0 &&
      (guint) self->dragged_note < ws_session_get_n_annotations (self->session))
    {
      const WsPlotAnnotation *note = ws_session_get_annotation (self->session, self->dragged_note);

      self->drag_start_x = note->dx;
      self->drag_start_y = note->dy;
      return;
    }
  self->dragged_note = -1;
  self->drag_start_x = self->pan_x;
  self->drag_start_y = self->pan_y;
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                WsScatterPlot  *self)
{
  if (!self->dragged && hypot (dx, dy) < 4)
    return;
  self->dragged = TRUE;
  if (self->dragged_note >= 0 && self->session != NULL &&
      (guint) self->dragged_note < ws_session_get_n_annotations (self->session))
    {
      /* Offsets are kept at text scale 1. */
      ws_scatter_plot_move_note (self, self->dragged_note, self->drag_start_x + dx / self->text_scale,
                                 self->drag_start_y + dy / self->text_scale);
      return;
    }
  self->pan_x = self->drag_start_x + dx;
  self->pan_y = self->drag_start_y + dy;
  invalidate (self);
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           WsScatterPlot            *self)
{
  double x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));

  if (event != NULL)
    {
      double ex, ey;
      if (gdk_event_get_position (event, &ex, &ey))
        {
          graphene_point_t p;
          GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
          double nx = 0, ny = 0;

          gtk_native_get_surface_transform (native, &nx, &ny);
          if (gtk_widget_compute_point (GTK_WIDGET (native), GTK_WIDGET (self),
                                        &GRAPHENE_POINT_INIT (ex - nx, ey - ny), &p))
            {
              x = p.x;
              y = p.y;
            }
        }
    }
  ws_scatter_plot_zoom (self, pow (1.15, -dy), x, y);
  return TRUE;
}

static void
on_pinch_begin (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                WsScatterPlot    *self)
{
  self->pinch_start_zoom = self->zoom;
}

static void
on_pinch (GtkGestureZoom *gesture,
          double          scale,
          WsScatterPlot  *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  ws_scatter_plot_zoom (self, self->pinch_start_zoom * scale / self->zoom, x, y);
}

/* The map from the keyboard: + and − zoom, arrows pan, 0 or Home resets
 * the view, Enter asks about the highlighted word. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                WsScatterPlot         *self)
{
  double cx = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double cy = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
  const double step = 40.0;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_plus:
    case GDK_KEY_KP_Add:
    case GDK_KEY_equal:
      ws_scatter_plot_zoom (self, 1.25, cx, cy);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      ws_scatter_plot_zoom (self, 1 / 1.25, cx, cy);
      return TRUE;
    case GDK_KEY_0:
    case GDK_KEY_KP_0:
    case GDK_KEY_Home:
      ws_scatter_plot_reset_view (self);
      return TRUE;
    case GDK_KEY_Left:
      self->pan_x += step;
      break;
    case GDK_KEY_Right:
      self->pan_x -= step;
      break;
    case GDK_KEY_Up:
      self->pan_y += step;
      break;
    case GDK_KEY_Down:
      self->pan_y -= step;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      if (self->highlight != NULL)
        {
          g_autofree char *word = g_strdup (self->highlight);
          g_signal_emit (self, signals[WORD_ACTIVATED], 0, word);
          return TRUE;
        }
      return FALSE;
    default:
      return FALSE;
    }
  invalidate (self);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
on_dark_changed (WsScatterPlot  *self,
                 GParamSpec     *pspec,
                 AdwStyleManager *manager)
{
  ws_scatter_plot_set_dark (self, adw_style_manager_get_dark (manager));
}

static void
ws_scatter_plot_dispose (GObject *object)
{
  WsScatterPlot *self = WS_SCATTER_PLOT (object);

  stop_glide (self);
  ws_scatter_plot_set_session (self, NULL);

  G_OBJECT_CLASS (ws_scatter_plot_parent_class)->dispose (object);
}

static void
ws_scatter_plot_finalize (GObject *object)
{
  WsScatterPlot *self = WS_SCATTER_PLOT (object);

  g_clear_pointer (&self->from, ws_plot_scene_unref);
  g_clear_pointer (&self->to, ws_plot_scene_unref);
  g_clear_pointer (&self->layout, ws_plot_layout_unref);
  g_free (self->highlight);

  G_OBJECT_CLASS (ws_scatter_plot_parent_class)->finalize (object);
}

static void
ws_scatter_plot_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  WsScatterPlot *self = WS_SCATTER_PLOT (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_HIGHLIGHT:
      g_value_set_string (value, self->highlight);
      break;
    case PROP_TEXT_SCALE:
      g_value_set_double (value, self->text_scale);
      break;
    case PROP_DARK:
      g_value_set_boolean (value, self->dark);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ws_scatter_plot_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  WsScatterPlot *self = WS_SCATTER_PLOT (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      ws_scatter_plot_set_session (self, g_value_get_object (value));
      break;
    case PROP_HIGHLIGHT:
      ws_scatter_plot_set_highlight (self, g_value_get_string (value));
      break;
    case PROP_TEXT_SCALE:
      ws_scatter_plot_set_text_scale (self, g_value_get_double (value));
      break;
    case PROP_DARK:
      ws_scatter_plot_set_dark (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ws_scatter_plot_class_init (WsScatterPlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = ws_scatter_plot_dispose;
  object_class->finalize = ws_scatter_plot_finalize;
  object_class->get_property = ws_scatter_plot_get_property;
  object_class->set_property = ws_scatter_plot_set_property;
  widget_class->snapshot = ws_scatter_plot_snapshot;
  widget_class->size_allocate = ws_scatter_plot_size_allocate;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, WS_TYPE_SESSION, rw);
  properties[PROP_HIGHLIGHT] = g_param_spec_string ("highlight", NULL, NULL, NULL, rw);
  properties[PROP_TEXT_SCALE] =
    g_param_spec_double ("text-scale", NULL, NULL, 0.5, 4.0, 1.0, rw);
  properties[PROP_DARK] = g_param_spec_boolean ("dark", NULL, NULL, FALSE, rw);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, MIN_ZOOM, MAX_ZOOM, 1.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A word was clicked: the window asks about it. */
  signals[WORD_ACTIVATED] =
    g_signal_new ("word-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The secondary button on a word (or NULL), on a note (its index, or
   * -1), at (x, y): the window opens the menu there. */
  signals[CONTEXT_MENU] =
    g_signal_new ("context-menu", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 4, G_TYPE_STRING, G_TYPE_INT, G_TYPE_DOUBLE,
                  G_TYPE_DOUBLE);

  gtk_widget_class_set_css_name (widget_class, "ws-scatter-plot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ws_scatter_plot_init (WsScatterPlot *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;
  AdwStyleManager *manager = adw_style_manager_get_default ();

  self->hover = -1;
  self->dragged_note = -1;
  self->text_scale = 1.0;
  self->zoom = 1.0;
  self->progress = 1.0;
  self->dark = adw_style_manager_get_dark (manager);
  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (on_dark_changed), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  /* No GTK tooltip: the map draws its own card by the hovered point (word
   * and cosine). With both, two showed at once, and GTK's stayed where
   * the pointer first stopped while the card followed the pointer. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Map of the query’s words"),
                                  -1);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_click_pressed), self);
  g_signal_connect (gesture, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_secondary_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (on_pinch_begin), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (on_pinch), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

GtkWidget *
ws_scatter_plot_new (void)
{
  return g_object_new (WS_TYPE_SCATTER_PLOT, NULL);
}

WsSession *
ws_scatter_plot_get_session (WsScatterPlot *self)
{
  g_return_val_if_fail (WS_IS_SCATTER_PLOT (self), NULL);
  return self->session;
}

void
ws_scatter_plot_set_session (WsScatterPlot *self,
                             WsSession     *session)
{
  g_return_if_fail (WS_IS_SCATTER_PLOT (self));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_object (session, "map-changed", G_CALLBACK (on_map_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "marks-changed", G_CALLBACK (invalidate), self,
                               G_CONNECT_SWAPPED);
      on_map_changed (self, session);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

const char *
ws_scatter_plot_get_highlight (WsScatterPlot *self)
{
  g_return_val_if_fail (WS_IS_SCATTER_PLOT (self), NULL);
  return self->highlight;
}

void
ws_scatter_plot_set_highlight (WsScatterPlot *self,
                               const char    *word)
{
  g_return_if_fail (WS_IS_SCATTER_PLOT (self));

  if (g_strcmp0 (self->highlight, word) == 0)
    return;
  g_free (self->highlight);
  self->highlight = g_strdup (word);
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHT]);
}

double
ws_scatter_plot_get_text_scale (WsScatterPlot *self)
{
  g_return_val_if_fail (WS_IS_SCATTER_PLOT (self), 1.0);
  return self->text_scale;
}

void
ws_scatter_plot_set_text_scale (WsScatterPlot *self,
                                double         scale)
{
  g_return_if_fail (WS_IS_SCATTER_PLOT (self));

  scale = CLAMP (scale, 0.5, 4.0);
  if (self->text_scale == scale)
    return;
  self->text_scale = scale;
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_SCALE]);
}

gboolean
ws_scatter_plot_get_dark (WsScatterPlot *self)
{
  g_return_val_if_fail (WS_IS_SCATTER_PLOT (self), FALSE);
  return self->dark;
}

void
ws_scatter_plot_set_dark (WsScatterPlot *self,
                          gboolean       dark)
{
  g_return_if_fail (WS_IS_SCATTER_PLOT (self));

  dark = !!dark;
  if (self->dark == dark)
    return;
  self->dark = dark;
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DARK]);
}

void
ws_scatter_plot_reset_view (WsScatterPlot *self)
{
  g_return_if_fail (WS_IS_SCATTER_PLOT (self));

  self->pan_x = self->pan_y = 0;
  if (self->zoom != 1.0)
    {
      self->zoom = 1.0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  invalidate (self);
}

void
ws_scatter_plot_zoom (WsScatterPlot *self,
                      double         factor,
                      double         x,
                      double         y)
{
  double zoom, cx, cy;

  g_return_if_fail (WS_IS_SCATTER_PLOT (self));

  zoom = CLAMP (self->zoom * factor, MIN_ZOOM, MAX_ZOOM);
  if (zoom == self->zoom)
    return;
  /* The view zooms about the plot area's centre, then pans: keep the map
   * point under (x, y) where it is. */
  if (self->layout == NULL)
    self->layout = layout_at (self, self->progress);
  if (self->layout != NULL)
    {
      cairo_rectangle_t area = ws_plot_layout_get_plot_area (self->layout);
      cx = area.x + area.width / 2;
      cy = area.y + area.height / 2;
    }
  else
    {
      cx = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      cy = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  self->pan_x = (x - cx) - (x - cx - self->pan_x) / self->zoom * zoom;
  self->pan_y = (y - cy) - (y - cy - self->pan_y) / self->zoom * zoom;
  self->zoom = zoom;
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

double
ws_scatter_plot_get_zoom (WsScatterPlot *self)
{
  g_return_val_if_fail (WS_IS_SCATTER_PLOT (self), 1.0);
  return self->zoom;
}

gboolean
ws_scatter_plot_get_animating (WsScatterPlot *self)
{
  g_return_val_if_fail (WS_IS_SCATTER_PLOT (self), FALSE);
  return self->tick_id != 0;
}

void
ws_scatter_plot_finish_animation (WsScatterPlot *self)
{
  g_return_if_fail (WS_IS_SCATTER_PLOT (self));

  stop_glide (self);
  self->progress = 1.0;
  invalidate (self);
}

gboolean
ws_scatter_plot_get_point (WsScatterPlot *self,
                           const char    *word,
                           double        *x,
                           double        *y)
{
  g_autoptr(WsPlotLayout) layout = NULL;
  int i;

  g_return_val_if_fail (WS_IS_SCATTER_PLOT (self), FALSE);

  layout = layout_at (self, 1.0);
  if (layout == NULL || (i = ws_plot_scene_find_point (ws_plot_layout_get_scene (layout), word)) < 0)
    return FALSE;
  *x = ws_plot_layout_get_point (layout, i)->x;
  *y = ws_plot_layout_get_point (layout, i)->y;
  return TRUE;
}

const char *
ws_scatter_plot_word_at (WsScatterPlot *self,
                         double         x,
                         double         y)
{
  int i;

  g_return_val_if_fail (WS_IS_SCATTER_PLOT (self), NULL);

  i = index_at (self, x, y);
  return i >= 0 ? point_at (self, i)->word : NULL;
}

guint
ws_scatter_plot_count_overlaps (WsScatterPlot *self)
{
  g_autoptr(WsPlotLayout) layout = NULL;
  guint overlaps = 0, n;

  g_return_val_if_fail (WS_IS_SCATTER_PLOT (self), 0);

  layout = layout_at (self, 1.0);
  if (layout == NULL)
    return 0;
  n = ws_plot_layout_get_n_points (layout);
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        const cairo_rectangle_t *a = &ws_plot_layout_get_point (layout, i)->label;
        const cairo_rectangle_t *b = &ws_plot_layout_get_point (layout, j)->label;

        if (a->width > 0 && b->width > 0 &&
            a->x < b->x + b->width && b->x < a->x + a->width &&
            a->y < b->y + b->height && b->y < a->y + a->height)
          overlaps++;
      }
  return overlaps;
}

WsPlotLayout *
ws_scatter_plot_get_layout (WsScatterPlot *self)
{
  g_return_val_if_fail (WS_IS_SCATTER_PLOT (self), NULL);

  if (self->layout == NULL)
    self->layout = layout_at (self, self->progress);
  return self->layout;
}

gboolean
ws_scatter_plot_get_high_contrast (WsScatterPlot *self)
{
  g_return_val_if_fail (WS_IS_SCATTER_PLOT (self), FALSE);
  return self->high_contrast;
}

void
ws_scatter_plot_set_high_contrast (WsScatterPlot *self,
                                   gboolean       high_contrast)
{
  g_return_if_fail (WS_IS_SCATTER_PLOT (self));

  high_contrast = !!high_contrast;
  if (self->high_contrast == high_contrast)
    return;
  self->high_contrast = high_contrast;
  invalidate (self);
}
