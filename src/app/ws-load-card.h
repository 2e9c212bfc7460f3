/* ws-load-card.h: the card over the map that follows a model's load
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ws-session.h"

G_BEGIN_DECLS

#define WS_TYPE_LOAD_CARD (ws_load_card_get_type ())
G_DECLARE_FINAL_TYPE (WsLoadCard, ws_load_card, WS, LOAD_CARD, GtkWidget)

void        ws_load_card_set_session (WsLoadCard *self,
                                      WsSession  *session);
/* What the card says, or NULL while it is hidden. */
const char *ws_load_card_get_text    (WsLoadCard *self);
void        ws_load_card_dismiss     (WsLoadCard *self);

G_END_DECLS
