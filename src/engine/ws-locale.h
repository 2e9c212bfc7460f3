/* ws-locale.h: the locale and the translations, installed or in the build
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where the message catalogues are: the build tree's (WS_BUILD_LOCALEDIR)
 * when the running program is itself inside the build tree, as with
 * build-aux/run.sh, a test or a debugger; LOCALEDIR (the install prefix)
 * otherwise. An uninstalled program so shows the translations just built,
 * and an installed one never looks into a build tree. */
const char *ws_locale_dir  (void);

/* Takes the locale from the environment and binds Wordspace's text domain
 * to ws_locale_dir (), in UTF-8. Called first thing by each program. */
void        ws_locale_init (void);

G_END_DECLS
