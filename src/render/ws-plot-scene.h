/* ws-plot-scene.h: what the map shows, in data coordinates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A scene is plain data: points (a word at x, y with a role and a score),
 * arrows between points, a title, axis names and how to draw them (theme,
 * text scale, view). It knows nothing of the engine nor of GTK: the scene
 * builder fills it from query results, the renderer draws it, the widget
 * changes its view and flags. Reference counted; not thread-safe.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  WS_PLOT_ROLE_QUERY_POSITIVE, /* a word added in the query (king, woman) */
  WS_PLOT_ROLE_QUERY_NEGATIVE, /* a word subtracted in the query (man) */
  WS_PLOT_ROLE_RESULT,         /* a result of the query */
  WS_PLOT_ROLE_ANSWER,         /* the best result, highlighted (queen) */
  WS_PLOT_ROLE_NEIGHBOR,       /* a neighbour shown for context */
  WS_PLOT_ROLE_PREDICTED,      /* the computed vector (king − man + woman) */
  WS_PLOT_N_ROLES
} WsPlotRole;

typedef enum
{
  WS_PLOT_THEME_LIGHT,
  WS_PLOT_THEME_DARK,
  /* For projectors: black on white (or white on black), darker (lighter)
   * marks and stronger grid lines. */
  WS_PLOT_THEME_HIGH_CONTRAST_LIGHT,
  WS_PLOT_THEME_HIGH_CONTRAST_DARK,
} WsPlotTheme;

typedef enum
{
  WS_PLOT_POINT_SELECTED = 1 << 0,
  WS_PLOT_POINT_HOVERED  = 1 << 1,
  WS_PLOT_POINT_MISMATCH = 1 << 2,  /* the word of a list that goes least with the others */
  /* Marked by the author of the figure (a scene's "highlights"): drawn
   * with a ring and a bold label, kept in exports unlike the two above. */
  WS_PLOT_POINT_HIGHLIGHTED = 1 << 3,
} WsPlotPointFlags;

/* Read-only for callers: change points through the scene's functions. */
typedef struct
{
  char             *word;
  double            x;       /* data coordinates */
  double            y;
  WsPlotRole        role;
  double            score;   /* cosine to the query, when has_score */
  gboolean          has_score;
  WsPlotPointFlags  flags;
  double            opacity; /* 1 normally; between 0 and 1 while fading */
} WsPlotPoint;

/* An arrow from point @from to point @to (indices into the points). */
typedef struct
{
  guint from;
  guint to;
} WsPlotArrow;

/* A text callout. Its anchor is the point of @word when @word is set (the
 * callout is not drawn while no point has that word), else the place
 * (@x, @y) in data coordinates. The text's box sits @dx, @dy device units
 * (at text scale 1) from the anchor, a line joining them. */
typedef struct
{
  char   *word;
  double  x;
  double  y;
  double  dx;
  double  dy;
  char   *text;
} WsPlotAnnotation;

/* The data rectangle the plot fits to the canvas. */
typedef struct
{
  double x_min;
  double x_max;
  double y_min;
  double y_max;
} WsPlotBounds;

typedef struct _WsPlotScene WsPlotScene;

#define WS_TYPE_PLOT_SCENE (ws_plot_scene_get_type ())

GType              ws_plot_scene_get_type      (void) G_GNUC_CONST;
const char        *ws_plot_role_to_string      (WsPlotRole   role);

WsPlotScene       *ws_plot_scene_new           (void);
WsPlotScene       *ws_plot_scene_ref           (WsPlotScene *self);
void               ws_plot_scene_unref         (WsPlotScene *self);
/* A deep copy with a reference count of 1. */
WsPlotScene       *ws_plot_scene_copy          (WsPlotScene *self);

/* Points. Returns the new point's index. @score is ignored when it is NaN. */
guint              ws_plot_scene_add_point     (WsPlotScene *self,
                                                const char  *word,
                                                double       x,
                                                double       y,
                                                WsPlotRole   role,
                                                double       score);
guint              ws_plot_scene_get_n_points  (WsPlotScene *self);
const WsPlotPoint *ws_plot_scene_get_point     (WsPlotScene *self,
                                                guint        index);
/* The index of @word's first point, or -1. */
int                ws_plot_scene_find_point    (WsPlotScene *self,
                                                const char  *word);
void               ws_plot_scene_set_point_flags (WsPlotScene      *self,
                                                  guint             index,
                                                  WsPlotPointFlags  flags);
/* Sets @flag on point @index (or on no point when @index is -1) and clears
 * it on every other: one selected, one hovered point at a time. Returns
 * whether anything changed. */
gboolean           ws_plot_scene_set_exclusive_flag (WsPlotScene      *self,
                                                     int               index,
                                                     WsPlotPointFlags  flag);
void               ws_plot_scene_set_point_opacity (WsPlotScene *self,
                                                    guint        index,
                                                    double       opacity);

/* Arrows. */
void               ws_plot_scene_add_arrow     (WsPlotScene *self,
                                                guint        from,
                                                guint        to);
guint              ws_plot_scene_get_n_arrows  (WsPlotScene *self);
const WsPlotArrow *ws_plot_scene_get_arrow     (WsPlotScene *self,
                                                guint        index);

/* An analogy a : b :: c : d. Adds the arrows a→b and c→d and makes the
 * renderer draw the dashed parallelogram a, b, d, c. @d is usually the
 * predicted point. */
void               ws_plot_scene_set_analogy   (WsPlotScene *self,
                                                guint        a,
                                                guint        b,
                                                guint        c,
                                                guint        d);
/* FALSE when the scene is not an analogy; else fills @corners (a, b, c, d). */
gboolean           ws_plot_scene_get_analogy   (WsPlotScene *self,
                                                guint        corners[4]);

/* Annotations, drawn over everything but the hover card in the order
 * added. add copies @annotation and returns its index; set replaces the
 * one at @index (to edit or move it); remove shifts those after it. */
guint              ws_plot_scene_add_annotation    (WsPlotScene            *self,
                                                    const WsPlotAnnotation *annotation);
guint              ws_plot_scene_get_n_annotations (WsPlotScene            *self);
const WsPlotAnnotation *ws_plot_scene_get_annotation (WsPlotScene          *self,
                                                    guint                   index);
void               ws_plot_scene_set_annotation    (WsPlotScene            *self,
                                                    guint                   index,
                                                    const WsPlotAnnotation *annotation);
void               ws_plot_scene_remove_annotation (WsPlotScene            *self,
                                                    guint                   index);

/* Texts. The title is the query, the subtitle the model. */
void               ws_plot_scene_set_title     (WsPlotScene *self,
                                                const char  *title);
const char        *ws_plot_scene_get_title     (WsPlotScene *self);
void               ws_plot_scene_set_subtitle  (WsPlotScene *self,
                                                const char  *subtitle);
const char        *ws_plot_scene_get_subtitle  (WsPlotScene *self);
/* Axis names as shown, e.g. "PC1 (12.3 %)". */
void               ws_plot_scene_set_axis_labels (WsPlotScene *self,
                                                  const char  *x_label,
                                                  const char  *y_label);
/* Names the axes "@name (@percent %)"; a negative percent leaves it out. */
void               ws_plot_scene_set_axes_variance (WsPlotScene *self,
                                                    const char  *x_name,
                                                    double       x_percent,
                                                    const char  *y_name,
                                                    double       y_percent);
const char        *ws_plot_scene_get_x_label   (WsPlotScene *self);
const char        *ws_plot_scene_get_y_label   (WsPlotScene *self);

/* Appearance. */
/* "light", "dark", "high-contrast-light", "high-contrast-dark": the names
 * scene files and the CLI use. */
const char        *ws_plot_theme_to_string      (WsPlotTheme  theme);
gboolean           ws_plot_theme_from_string    (const char  *name,
                                                 WsPlotTheme *theme);
void               ws_plot_scene_set_theme     (WsPlotScene *self,
                                                WsPlotTheme  theme);
WsPlotTheme        ws_plot_scene_get_theme     (WsPlotScene *self);
/* Multiplies every text size (and the markers with them); 1 is the default. */
void               ws_plot_scene_set_text_scale (WsPlotScene *self,
                                                 double       scale);
double             ws_plot_scene_get_text_scale (WsPlotScene *self);
/* Whether to draw the legend of roles present (default TRUE). */
void               ws_plot_scene_set_show_legend (WsPlotScene *self,
                                                  gboolean     show);
gboolean           ws_plot_scene_get_show_legend (WsPlotScene *self);
/* Whether the canvas around the plot area is left unpainted (default
 * FALSE): a PNG then has alpha 0 there, for a figure laid over a slide's
 * own background. The plot area keeps its colour, so the labels stay
 * readable. */
void               ws_plot_scene_set_transparent (WsPlotScene *self,
                                                  gboolean     transparent);
gboolean           ws_plot_scene_get_transparent (WsPlotScene *self);

/* The view: @zoom (1 fits all points) about the plot's centre, then a pan
 * in device units. */
void               ws_plot_scene_set_view      (WsPlotScene *self,
                                                double       zoom,
                                                double       pan_x,
                                                double       pan_y);
void               ws_plot_scene_get_view      (WsPlotScene *self,
                                                double      *zoom,
                                                double      *pan_x,
                                                double      *pan_y);
void               ws_plot_scene_reset_view    (WsPlotScene *self);

/* The data rectangle fitted to the canvas: the one set, else the points'
 * bounding box (a unit square around a single point; empty scenes get
 * [-1, 1]²). */
void               ws_plot_scene_set_bounds    (WsPlotScene        *self,
                                                const WsPlotBounds *bounds);
WsPlotBounds       ws_plot_scene_get_bounds    (WsPlotScene *self);

/* The scene between @from and @to at @t ∈ [0, 1], for animating a change:
 * @to's points, arrows and texts; a point whose word is also in @from
 * glides from its old place; a new point fades in; a point only in @from
 * fades out where it was. The bounds glide too. At t = 1 the result draws
 * exactly as @to. @from may be NULL (everything fades in). */
WsPlotScene       *ws_plot_scene_interpolate   (WsPlotScene *from,
                                                WsPlotScene *to,
                                                double       t);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WsPlotScene, ws_plot_scene_unref)

G_END_DECLS
