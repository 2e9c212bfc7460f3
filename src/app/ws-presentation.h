/* ws-presentation.h: lessons in the window, and presentation mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the window needs for a lecture, kept out of ws-window.c: the lesson
 * opened (a WsLessonPlayer), its step's title drawn on the map, its notes
 * in a "Lesson" page of the side panel, stepping by key (Right, PageDown
 * and Space forward, as presentation clickers send PageDown; Left and
 * PageUp back), and presentation mode (F5): full screen, no header bar,
 * query bar or side panel, the text raised for the back of a hall and the
 * ranked results beside the map, in the theme's high-contrast variant.
 * Escape leaves it.
 */
#pragma once

#include <gtk/gtk.h>

#include "ws-history.h"
#include "ws-lesson-player.h"
#include "ws-scatter-plot.h"
#include "ws-session.h"

G_BEGIN_DECLS

/* The text scale of presentation mode: the labels' boxes are about 54 px
 * tall, at least the 48 px a hall's back row needs (a step's own larger
 * scale stands). */
#define WS_PRESENTATION_TEXT_SCALE 2.5
/* Ranked results drawn on the map in presentation mode. */
#define WS_PRESENTATION_N_RESULTS  5

#define WS_TYPE_PRESENTATION (ws_presentation_get_type ())

G_DECLARE_FINAL_TYPE (WsPresentation, ws_presentation, WS, PRESENTATION, GObject)

/* Shows @scene in the window (loading its model if need be). */
typedef void (*WsPresentationShowScene) (GtkWindow         *window,
                                         const WsSceneFile *scene);

WsPresentation *ws_presentation_new          (GtkWindow               *window,
                                              WsSession               *session,
                                              WsScatterPlot           *plot,
                                              GtkWidget               *header_bar,
                                              GtkStack                *side_stack,
                                              WsPresentationShowScene  show_scene);
WsLessonPlayer *ws_presentation_get_player   (WsPresentation *self);
/* Opens the lesson at @path and shows its first step. */
gboolean        ws_presentation_open_lesson  (WsPresentation *self,
                                              const char     *path,
                                              GError        **error);
gboolean        ws_presentation_get_active   (WsPresentation *self);
void            ws_presentation_set_active   (WsPresentation *self,
                                              gboolean        active);
/* The text shown over the map: the step's title and the ranked list (for
 * tests). */
GtkWidget      *ws_presentation_get_title_label   (WsPresentation *self);
GtkWidget      *ws_presentation_get_results_label (WsPresentation *self);
GtkWidget      *ws_presentation_get_notes_label   (WsPresentation *self);

/* "Save Session as Lesson": a lesson of @history's entries, oldest first,
 * each titled with its query, on the model of the newest entry (entries
 * on another model are left out). NULL when there is no entry. */
WsLessonFile   *ws_presentation_lesson_from_history (WsHistory *history);

G_END_DECLS
