/* ws-lesson-player.h: a lesson opened in the window, and the step shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a widget: it holds the lesson (ws-lesson-file.h) and the current
 * step, and notifies "index" when the step changes; the window shows the
 * step's scene and the presentation draws its title and notes.
 */
#pragma once

#include <glib-object.h>

#include "ws-lesson-file.h"

G_BEGIN_DECLS

#define WS_TYPE_LESSON_PLAYER (ws_lesson_player_get_type ())

G_DECLARE_FINAL_TYPE (WsLessonPlayer, ws_lesson_player, WS, LESSON_PLAYER, GObject)

WsLessonPlayer *ws_lesson_player_new        (void);
/* Takes @lesson and goes to its first step (NULL: no lesson). */
void            ws_lesson_player_set_lesson (WsLessonPlayer *self,
                                             WsLessonFile   *lesson);
WsLessonFile   *ws_lesson_player_get_lesson (WsLessonPlayer *self);
guint           ws_lesson_player_get_n_steps (WsLessonPlayer *self);
/* The step shown, counted from 0; meaningless without a lesson. */
guint           ws_lesson_player_get_index  (WsLessonPlayer *self);
WsLessonStep   *ws_lesson_player_get_step   (WsLessonPlayer *self);
/* Goes to step @index (clamped to the lesson); FALSE when nothing changed. */
gboolean        ws_lesson_player_go_to      (WsLessonPlayer *self,
                                             guint           index);
gboolean        ws_lesson_player_next       (WsLessonPlayer *self);
gboolean        ws_lesson_player_previous   (WsLessonPlayer *self);

G_END_DECLS
