/* ws-history.h: back and forward through the session's queries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each entry is a whole scene (query, projection, marks, view), so going
 * back shows the map as it was left, not only the query. Not a widget:
 * the window pushes an entry for each new query answered and asks for the
 * one to show.
 */
#pragma once

#include <glib-object.h>

#include "ws-scene-file.h"

G_BEGIN_DECLS

#define WS_TYPE_HISTORY (ws_history_get_type ())
G_DECLARE_FINAL_TYPE (WsHistory, ws_history, WS, HISTORY, GObject)

WsHistory         *ws_history_new            (void);
/* Adds @scene (copied) after the current entry, which it becomes; the
 * entries that were forward of it go. A scene with the same query as the
 * current entry replaces it instead (the same question re-asked). */
void               ws_history_push           (WsHistory         *self,
                                              const WsSceneFile *scene);
/* Updates the current entry (to keep the view and notes as they are now
 * before leaving it). Nothing without entries. */
void               ws_history_replace        (WsHistory         *self,
                                              const WsSceneFile *scene);
gboolean           ws_history_can_go_back    (WsHistory         *self);
gboolean           ws_history_can_go_forward (WsHistory         *self);
/* Moves one entry back or forward and returns it (owned by the history),
 * or NULL when there is none that way. */
const WsSceneFile *ws_history_go_back        (WsHistory         *self);
const WsSceneFile *ws_history_go_forward     (WsHistory         *self);
const WsSceneFile *ws_history_get_current    (WsHistory         *self);
guint              ws_history_get_length     (WsHistory         *self);

G_END_DECLS
