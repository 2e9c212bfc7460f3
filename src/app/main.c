/* main.c: starts Wordspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ws-application.h"
#include "ws-locale.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(WsApplication) app = NULL;

  ws_locale_init ();

  app = ws_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
