/* ws-plot-scene.c: what the map shows, in data coordinates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wordspace-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include "ws-plot-scene.h"

struct _WsPlotScene
{
  gatomicrefcount  ref_count;

  GArray          *points;   /* WsPlotPoint */
  GArray          *arrows;   /* WsPlotArrow */
  GArray          *annotations; /* WsPlotAnnotation */

  gboolean         is_analogy;
  guint            analogy[4];

  char            *title;
  char            *subtitle;
  char            *x_label;
  char            *y_label;

  WsPlotTheme      theme;
  double           text_scale;
  gboolean         show_legend;
  gboolean         transparent;

  double           zoom;
  double           pan_x;
  double           pan_y;

  gboolean         has_bounds;
  WsPlotBounds     bounds;
};

G_DEFINE_BOXED_TYPE (WsPlotScene, ws_plot_scene, ws_plot_scene_ref, ws_plot_scene_unref)

static void
clear_point (gpointer data)
{
  WsPlotPoint *point = data;

  g_clear_pointer (&point->word, g_free);
}

static void
clear_annotation (gpointer data)
{
  WsPlotAnnotation *a = data;

  g_clear_pointer (&a->word, g_free);
  g_clear_pointer (&a->text, g_free);
}

static WsPlotAnnotation
annotation_copy (const WsPlotAnnotation *a)
{
  WsPlotAnnotation copy = *a;

  copy.word = g_strdup (a->word);
  copy.text = g_strdup (a->text != NULL ? a->text : "");
  copy.x = isfinite (a->x) ? a->x : 0.0;
  copy.y = isfinite (a->y) ? a->y : 0.0;
  copy.dx = isfinite (a->dx) ? a->dx : 0.0;
  copy.dy = isfinite (a->dy) ? a->dy : 0.0;
  return copy;
}

const char *
ws_plot_role_to_string (WsPlotRole role)
{
  switch (role)
    {
    case WS_PLOT_ROLE_QUERY_POSITIVE: return "query-positive";
    case WS_PLOT_ROLE_QUERY_NEGATIVE: return "query-negative";
    case WS_PLOT_ROLE_RESULT: return "result";
    case WS_PLOT_ROLE_ANSWER: return "answer";
    case WS_PLOT_ROLE_NEIGHBOR: return "neighbor";
    case WS_PLOT_ROLE_PREDICTED: return "predicted";
    case WS_PLOT_N_ROLES:
    default:
      break;
    }
  return "unknown";
}

WsPlotScene *
ws_plot_scene_new (void)
{
  WsPlotScene *self = g_new0 (WsPlotScene, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->points = g_array_new (FALSE, TRUE, sizeof (WsPlotPoint));
  g_array_set_clear_func (self->points, clear_point);
  self->arrows = g_array_new (FALSE, TRUE, sizeof (WsPlotArrow));
  self->annotations = g_array_new (FALSE, TRUE, sizeof (WsPlotAnnotation));
  g_array_set_clear_func (self->annotations, clear_annotation);
  self->theme = WS_PLOT_THEME_LIGHT;
  self->text_scale = 1.0;
  self->show_legend = TRUE;
  self->zoom = 1.0;
  return self;
}

WsPlotScene *
ws_plot_scene_ref (WsPlotScene *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ws_plot_scene_unref (WsPlotScene *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_array_unref (self->points);
  g_array_unref (self->arrows);
  g_array_unref (self->annotations);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->x_label);
  g_free (self->y_label);
  g_free (self);
}

/* Everything but the points and arrows. */
static void
copy_settings (WsPlotScene *dest,
               WsPlotScene *src)
{
  for (guint i = 0; i < src->annotations->len; i++)
    {
      WsPlotAnnotation copy = annotation_copy (&g_array_index (src->annotations, WsPlotAnnotation, i));

      g_array_append_val (dest->annotations, copy);
    }
  dest->is_analogy = src->is_analogy;
  memcpy (dest->analogy, src->analogy, sizeof dest->analogy);
  dest->title = g_strdup (src->title);
  dest->subtitle = g_strdup (src->subtitle);
  dest->x_label = g_strdup (src->x_label);
  dest->y_label = g_strdup (src->y_label);
  dest->theme = src->theme;
  dest->text_scale = src->text_scale;
  dest->show_legend = src->show_legend;
  dest->transparent = src->transparent;
  dest->zoom = src->zoom;
  dest->pan_x = src->pan_x;
  dest->pan_y = src->pan_y;
  dest->has_bounds = src->has_bounds;
  dest->bounds = src->bounds;
}

static void
append_point_copy (WsPlotScene       *dest,
                   const WsPlotPoint *point)
{
  WsPlotPoint copy = *point;

  copy.word = g_strdup (point->word);
  g_array_append_val (dest->points, copy);
}

WsPlotScene *
ws_plot_scene_copy (WsPlotScene *self)
{
  WsPlotScene *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = ws_plot_scene_new ();
  copy_settings (copy, self);
  for (guint i = 0; i < self->points->len; i++)
    append_point_copy (copy, &g_array_index (self->points, WsPlotPoint, i));
  g_array_append_vals (copy->arrows, self->arrows->data, self->arrows->len);
  return copy;
}

guint
ws_plot_scene_add_point (WsPlotScene *self,
                         const char  *word,
                         double       x,
                         double       y,
                         WsPlotRole   role,
                         double       score)
{
  WsPlotPoint point = { 0 };

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (word != NULL, 0);
  g_return_val_if_fail (role < WS_PLOT_N_ROLES, 0);

  point.word = g_strdup (word);
  point.x = isfinite (x) ? x : 0.0;
  point.y = isfinite (y) ? y : 0.0;
  point.role = role;
  point.has_score = !isnan (score);
  point.score = point.has_score ? score : 0.0;
  point.opacity = 1.0;
  g_array_append_val (self->points, point);
  return self->points->len - 1;
}

guint
ws_plot_scene_get_n_points (WsPlotScene *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->points->len;
}

const WsPlotPoint *
ws_plot_scene_get_point (WsPlotScene *self,
                         guint        index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->points->len, NULL);

  return &g_array_index (self->points, WsPlotPoint, index);
}

int
ws_plot_scene_find_point (WsPlotScene *self,
                          const char  *word)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (word != NULL, -1);

  for (guint i = 0; i < self->points->len; i++)
    if (strcmp (g_array_index (self->points, WsPlotPoint, i).word, word) == 0)
      return (int) i;
  return -1;
}

void
ws_plot_scene_set_point_flags (WsPlotScene      *self,
                               guint             index,
                               WsPlotPointFlags  flags)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->points->len);

  g_array_index (self->points, WsPlotPoint, index).flags = flags;
}

gboolean
ws_plot_scene_set_exclusive_flag (WsPlotScene      *self,
                                  int               index,
                                  WsPlotPointFlags  flag)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index < (int) self->points->len, FALSE);

  for (guint i = 0; i < self->points->len; i++)
    {
      WsPlotPoint *point = &g_array_index (self->points, WsPlotPoint, i);
      WsPlotPointFlags want = (int) i == index ? (point->flags | flag) : (point->flags & ~flag);

      changed |= want != point->flags;
      point->flags = want;
    }
  return changed;
}

void
ws_plot_scene_set_point_opacity (WsPlotScene *self,
                                 guint        index,
                                 double       opacity)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->points->len);

  g_array_index (self->points, WsPlotPoint, index).opacity = CLAMP (opacity, 0.0, 1.0);
}

void
ws_plot_scene_add_arrow (WsPlotScene *self,
                         guint        from,
                         guint        to)
{
  WsPlotArrow arrow = { from, to };

  g_return_if_fail (self != NULL);
  g_return_if_fail (from < self->points->len);
  g_return_if_fail (to < self->points->len);

  g_array_append_val (self->arrows, arrow);
}

guint
ws_plot_scene_get_n_arrows (WsPlotScene *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->arrows->len;
}

const WsPlotArrow *
ws_plot_scene_get_arrow (WsPlotScene *self,
                         guint        index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->arrows->len, NULL);

  return &g_array_index (self->arrows, WsPlotArrow, index);
}

void
ws_plot_scene_set_analogy (WsPlotScene *self,
                           guint        a,
                           guint        b,
                           guint        c,
                           guint        d)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (a < self->points->len && b < self->points->len);
  g_return_if_fail (c < self->points->len && d < self->points->len);

  self->is_analogy = TRUE;
  self->analogy[0] = a;
  self->analogy[1] = b;
  self->analogy[2] = c;
  self->analogy[3] = d;
  ws_plot_scene_add_arrow (self, a, b);
  ws_plot_scene_add_arrow (self, c, d);
}

gboolean
ws_plot_scene_get_analogy (WsPlotScene *self,
                           guint        corners[4])
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!self->is_analogy)
    return FALSE;
  if (corners != NULL)
    memcpy (corners, self->analogy, sizeof self->analogy);
  return TRUE;
}

guint
ws_plot_scene_add_annotation (WsPlotScene            *self,
                              const WsPlotAnnotation *annotation)
{
  WsPlotAnnotation copy;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (annotation != NULL, 0);

  copy = annotation_copy (annotation);
  g_array_append_val (self->annotations, copy);
  return self->annotations->len - 1;
}

guint
ws_plot_scene_get_n_annotations (WsPlotScene *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->annotations->len;
}

const WsPlotAnnotation *
ws_plot_scene_get_annotation (WsPlotScene *self,
                              guint        index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->annotations->len, NULL);

  return &g_array_index (self->annotations, WsPlotAnnotation, index);
}

void
ws_plot_scene_set_annotation (WsPlotScene            *self,
                              guint                   index,
                              const WsPlotAnnotation *annotation)
{
  WsPlotAnnotation copy;

  g_return_if_fail (self != NULL);
  g_return_if_fail (annotation != NULL);
  g_return_if_fail (index < self->annotations->len);

  /* Copied first: @annotation may be the one replaced. */
  copy = annotation_copy (annotation);
  clear_annotation (&g_array_index (self->annotations, WsPlotAnnotation, index));
  g_array_index (self->annotations, WsPlotAnnotation, index) = copy;
}

void
ws_plot_scene_remove_annotation (WsPlotScene *self,
                                 guint        index)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->annotations->len);

  g_array_remove_index (self->annotations, index);
}

void
ws_plot_scene_set_title (WsPlotScene *self,
                         const char  *title)
{
  g_return_if_fail (self != NULL);

  g_free (self->title);
  self->title = g_strdup (title);
}

const char *
ws_plot_scene_get_title (WsPlotScene *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->title;
}

void
ws_plot_scene_set_subtitle (WsPlotScene *self,
                            const char  *subtitle)
{
  g_return_if_fail (self != NULL);

  g_free (self->subtitle);
  self->subtitle = g_strdup (subtitle);
}

const char *
ws_plot_scene_get_subtitle (WsPlotScene *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->subtitle;
}

void
ws_plot_scene_set_axis_labels (WsPlotScene *self,
                               const char  *x_label,
                               const char  *y_label)
{
  g_return_if_fail (self != NULL);

  g_free (self->x_label);
  g_free (self->y_label);
  self->x_label = g_strdup (x_label);
  self->y_label = g_strdup (y_label);
}

static char *
axis_name (const char *name,
           double      percent)
{
  if (name == NULL)
    return NULL;
  if (percent < 0 || !isfinite (percent))
    return g_strdup (name);
  /* A narrow no-break space before %, as typography asks. */
  return g_strdup_printf ("%s (%.1f\u202f%%)", name, percent);
}

void
ws_plot_scene_set_axes_variance (WsPlotScene *self,
                                 const char  *x_name,
                                 double       x_percent,
                                 const char  *y_name,
                                 double       y_percent)
{
  g_autofree char *x = axis_name (x_name, x_percent);
  g_autofree char *y = axis_name (y_name, y_percent);

  g_return_if_fail (self != NULL);

  ws_plot_scene_set_axis_labels (self, x, y);
}

const char *
ws_plot_scene_get_x_label (WsPlotScene *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->x_label;
}

const char *
ws_plot_scene_get_y_label (WsPlotScene *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->y_label;
}

static const char *const theme_names[] = {
  [WS_PLOT_THEME_LIGHT] = "light",
  [WS_PLOT_THEME_DARK] = "dark",
  [WS_PLOT_THEME_HIGH_CONTRAST_LIGHT] = "high-contrast-light",
  [WS_PLOT_THEME_HIGH_CONTRAST_DARK] = "high-contrast-dark",
};

const char *
ws_plot_theme_to_string (WsPlotTheme theme)
{
  return (guint) theme < G_N_ELEMENTS (theme_names) ? theme_names[theme] : "light";
}

gboolean
ws_plot_theme_from_string (const char  *name,
                           WsPlotTheme *theme)
{
  g_return_val_if_fail (theme != NULL, FALSE);

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (theme_names); i++)
    if (strcmp (name, theme_names[i]) == 0)
      {
        *theme = (WsPlotTheme) i;
        return TRUE;
      }
  return FALSE;
}

void
ws_plot_scene_set_theme (WsPlotScene *self,
                         WsPlotTheme  theme)
{
  g_return_if_fail (self != NULL);

  self->theme = theme <= WS_PLOT_THEME_HIGH_CONTRAST_DARK ? theme : WS_PLOT_THEME_LIGHT;
}

WsPlotTheme
ws_plot_scene_get_theme (WsPlotScene *self)
{
  g_return_val_if_fail (self != NULL, WS_PLOT_THEME_LIGHT);

  return self->theme;
}

void
ws_plot_scene_set_text_scale (WsPlotScene *self,
                              double       scale)
{
  g_return_if_fail (self != NULL);

  /* Beyond these the labels can't fit any canvas a person uses. */
  self->text_scale = isfinite (scale) ? CLAMP (scale, 0.25, 6.0) : 1.0;
}

double
ws_plot_scene_get_text_scale (WsPlotScene *self)
{
  g_return_val_if_fail (self != NULL, 1.0);

  return self->text_scale;
}

void
ws_plot_scene_set_show_legend (WsPlotScene *self,
                               gboolean     show)
{
  g_return_if_fail (self != NULL);

  self->show_legend = !!show;
}

gboolean
ws_plot_scene_get_show_legend (WsPlotScene *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->show_legend;
}

void
ws_plot_scene_set_transparent (WsPlotScene *self,
                               gboolean     transparent)
{
  g_return_if_fail (self != NULL);

  self->transparent = !!transparent;
}

gboolean
ws_plot_scene_get_transparent (WsPlotScene *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->transparent;
}

void
ws_plot_scene_set_view (WsPlotScene *self,
                        double       zoom,
                        double       pan_x,
                        double       pan_y)
{
  g_return_if_fail (self != NULL);

  self->zoom = isfinite (zoom) && zoom > 0 ? CLAMP (zoom, 1e-3, 1e4) : 1.0;
  self->pan_x = isfinite (pan_x) ? pan_x : 0.0;
  self->pan_y = isfinite (pan_y) ? pan_y : 0.0;
}

void
ws_plot_scene_get_view (WsPlotScene *self,
                        double      *zoom,
                        double      *pan_x,
                        double      *pan_y)
{
  g_return_if_fail (self != NULL);

  if (zoom != NULL)
    *zoom = self->zoom;
  if (pan_x != NULL)
    *pan_x = self->pan_x;
  if (pan_y != NULL)
    *pan_y = self->pan_y;
}

void
ws_plot_scene_reset_view (WsPlotScene *self)
{
  ws_plot_scene_set_view (self, 1.0, 0.0, 0.0);
}

void
ws_plot_scene_set_bounds (WsPlotScene        *self,
                          const WsPlotBounds *bounds)
{
  g_return_if_fail (self != NULL);

  self->has_bounds = bounds != NULL;
  if (bounds != NULL)
    self->bounds = *bounds;
}

WsPlotBounds
ws_plot_scene_get_bounds (WsPlotScene *self)
{
  WsPlotBounds b = { -1.0, 1.0, -1.0, 1.0 };

  g_return_val_if_fail (self != NULL, b);

  if (self->has_bounds)
    b = self->bounds;
  else if (self->points->len > 0)
    {
      b.x_min = b.y_min = INFINITY;
      b.x_max = b.y_max = -INFINITY;
      for (guint i = 0; i < self->points->len; i++)
        {
          const WsPlotPoint *p = &g_array_index (self->points, WsPlotPoint, i);

          b.x_min = MIN (b.x_min, p->x);
          b.x_max = MAX (b.x_max, p->x);
          b.y_min = MIN (b.y_min, p->y);
          b.y_max = MAX (b.y_max, p->y);
        }
    }

  /* A degenerate extent (one point, or all on a line) gets a unit span so
   * the fit neither divides by zero nor blows one direction up. */
  if (!(b.x_max - b.x_min > 1e-12))
    {
      double c = (b.x_min + b.x_max) / 2;
      double half = MAX ((b.y_max - b.y_min) / 2, 0.5);

      b.x_min = c - half;
      b.x_max = c + half;
    }
  if (!(b.y_max - b.y_min > 1e-12))
    {
      double c = (b.y_min + b.y_max) / 2;
      double half = MAX ((b.x_max - b.x_min) / 2, 0.5);

      b.y_min = c - half;
      b.y_max = c + half;
    }
  return b;
}

static double
lerp (double a,
      double b,
      double t)
{
  return a + (b - a) * t;
}

WsPlotScene *
ws_plot_scene_interpolate (WsPlotScene *from,
                           WsPlotScene *to,
                           double       t)
{
  WsPlotScene *mid;
  g_autoptr(GHashTable) old_index = NULL;
  g_autoptr(GHashTable) new_words = NULL;
  WsPlotBounds b0, b1;

  g_return_val_if_fail (to != NULL, NULL);

  t = isfinite (t) ? CLAMP (t, 0.0, 1.0) : 1.0;
  if (t >= 1.0)
    return ws_plot_scene_copy (to);

  mid = ws_plot_scene_new ();
  copy_settings (mid, to);
  g_array_append_vals (mid->arrows, to->arrows->data, to->arrows->len);

  old_index = g_hash_table_new (g_str_hash, g_str_equal);
  new_words = g_hash_table_new (g_str_hash, g_str_equal);
  if (from != NULL)
    for (guint i = from->points->len; i > 0; i--)
      {
        /* Counting down so a repeated word maps to its first point. */
        const WsPlotPoint *p = &g_array_index (from->points, WsPlotPoint, i - 1);

        g_hash_table_insert (old_index, p->word, GUINT_TO_POINTER (i));
      }

  for (guint i = 0; i < to->points->len; i++)
    {
      const WsPlotPoint *p = &g_array_index (to->points, WsPlotPoint, i);
      guint old = GPOINTER_TO_UINT (g_hash_table_lookup (old_index, p->word));
      WsPlotPoint *m;

      g_hash_table_add (new_words, p->word);
      append_point_copy (mid, p);
      m = &g_array_index (mid->points, WsPlotPoint, i);
      if (old == 0)
        m->opacity = p->opacity * t;
      else
        {
          const WsPlotPoint *q = &g_array_index (from->points, WsPlotPoint, old - 1);

          m->x = lerp (q->x, p->x, t);
          m->y = lerp (q->y, p->y, t);
          m->opacity = lerp (q->opacity, p->opacity, t);
        }
    }

  if (from != NULL)
    for (guint i = 0; i < from->points->len; i++)
      {
        const WsPlotPoint *q = &g_array_index (from->points, WsPlotPoint, i);

        if (g_hash_table_contains (new_words, q->word))
          continue;
        append_point_copy (mid, q);
        g_array_index (mid->points, WsPlotPoint, mid->points->len - 1).opacity = q->opacity * (1 - t);
      }

  /* Glide the frame as well, so the whole picture moves smoothly. */
  b1 = ws_plot_scene_get_bounds (to);
  b0 = from != NULL ? ws_plot_scene_get_bounds (from) : b1;
  mid->has_bounds = TRUE;
  mid->bounds.x_min = lerp (b0.x_min, b1.x_min, t);
  mid->bounds.x_max = lerp (b0.x_max, b1.x_max, t);
  mid->bounds.y_min = lerp (b0.y_min, b1.y_min, t);
  mid->bounds.y_max = lerp (b0.y_max, b1.y_max, t);
  return mid;
}
