/* ws-window-pages.h: the window's three pages (Explore, Embedding Layer, Training)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ws-session.h"

G_BEGIN_DECLS

/* Puts what follows @header_bar in its box (the query bar and the map) on
 * an "explore" page of a new AdwViewStack, adds the "embedding" and
 * "training" pages beside it, a switcher to the header bar and Alt+1…3 to
 * @window. The pages' text follows @text_scale_source's "text-scale". */
AdwViewStack *ws_window_pages_install (GtkWindow *window,
                                       GtkWidget *header_bar,
                                       WsSession *session,
                                       GObject   *text_scale_source);

G_END_DECLS
