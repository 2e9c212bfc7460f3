/* ws-locale.c: the locale and the translations, installed or in the build
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ws-locale"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>

#include "ws-locale.h"

/* TRUE when the running executable lies under the build tree. Both paths
 * are resolved, as /proc/self/exe is, so a symbolic link on the way to the
 * build tree does not hide it. */
static gboolean
running_from_build_tree (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *root = realpath (WS_BUILD_ROOT, NULL);
  g_autofree char *prefix = NULL;

  if (exe == NULL || root == NULL)
    return FALSE;
  prefix = g_strconcat (root, G_DIR_SEPARATOR_S, NULL);
  return g_str_has_prefix (exe, prefix);
}

const char *
ws_locale_dir (void)
{
  static gsize dir;

  if (g_once_init_enter (&dir))
    {
      const char *found = LOCALEDIR;

      if (running_from_build_tree () && g_file_test (WS_BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR))
        found = WS_BUILD_LOCALEDIR;
      g_once_init_leave (&dir, (gsize) found);
    }
  return (const char *) dir;
}

void
ws_locale_init (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, ws_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
