/* ws-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "ws-test-util.h"

static char *tmpdir;

const char *
ws_test_data_dir (void)
{
  const char *dir = g_getenv ("WS_TESTDATA");

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    return NULL;
  return dir;
}

char *
ws_test_data_path (const char *name)
{
  const char *dir = ws_test_data_dir ();

  if (dir == NULL)
    {
      g_test_skip ("../shared/testdata is absent");
      return NULL;
    }
  return g_build_filename (dir, name, NULL);
}

void
ws_test_require_data (void)
{
  if (ws_test_data_dir () == NULL)
    {
      printf ("1..0 # SKIP ../shared/testdata is absent\n");
      exit (0); /* meson reads exit 77 from a TAP test as an error */
    }
}

static void
remove_tmpdir (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (tmpdir == NULL)
    return;
  if ((dir = g_dir_open (tmpdir, 0, NULL)) != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (tmpdir, name, NULL);
          g_unlink (path);
        }
    }
  g_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
}

const char *
ws_test_tmpdir (void)
{
  if (tmpdir == NULL)
    {
      g_autoptr(GError) error = NULL;

      tmpdir = g_dir_make_tmp ("wordspace-test-XXXXXX", &error);
      g_assert_no_error (error);
      atexit (remove_tmpdir);
    }
  return tmpdir;
}

char *
ws_test_write_file (const char *name,
                    const void *data,
                    gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (ws_test_tmpdir (), name, NULL);

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return path;
}
