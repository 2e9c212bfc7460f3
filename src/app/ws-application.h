/* ws-application.h: the Wordspace application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ws-session.h"

G_BEGIN_DECLS

#define WS_TYPE_APPLICATION (ws_application_get_type ())
G_DECLARE_FINAL_TYPE (WsApplication, ws_application, WS, APPLICATION, AdwApplication)

WsApplication *ws_application_new           (void);
/* The application's settings (io.github.wordspace.Wordspace), found in
 * the build tree when Wordspace runs uninstalled. */
GSettings     *ws_application_get_settings  (WsApplication *self);
/* The model opened at start: $WORDSPACE_MODEL, else the last model that
 * still exists, else the bundled one (source tree, then PKGDATADIR). */
GFile         *ws_application_default_model (WsApplication *self);
/* The model that comes with Wordspace (source tree, then PKGDATADIR). */
GFile         *ws_application_bundled_model (WsApplication *self);
/* Puts @file first in the recent models and makes it the last model. */
void           ws_application_remember_model (WsApplication *self,
                                              GFile         *file);

G_END_DECLS
