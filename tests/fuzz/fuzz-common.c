/* fuzz-common.c: what the fuzz harnesses share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wordspace-fuzz"

#include "config.h"

#include <signal.h>

#include <glib/gstdio.h>

#include "fuzz-common.h"
#include "ws-similarity.h"

/* Rows looked at after a load: enough to cross the first few hash slots
 * and blocks, few enough to keep one input in milliseconds. */
#define USE_ROWS 64

static char *tmpdir;

static void
remove_tmpdir (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (tmpdir == NULL)
    return;
  /* Two levels: the files, and the cache folder's files. */
  dir = g_dir_open (tmpdir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tmpdir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GDir) sub = g_dir_open (path, 0, NULL);
          const char *inner;

          while (sub != NULL && (inner = g_dir_read_name (sub)) != NULL)
            {
              g_autofree char *inner_path = g_build_filename (path, inner, NULL);

              g_unlink (inner_path);
            }
          g_rmdir (path);
        }
      else
        g_unlink (path);
    }
  g_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
}

static void
abort_on_trap (int signum)
{
  abort ();
}

void
ws_fuzz_init (void)
{
  g_autoptr(GError) error = NULL;

  if (tmpdir != NULL)
    return;
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  /* A fatal critical stops on SIGTRAP, which libFuzzer does not catch: it
   * would end the run without saving the input. Abort instead. */
  signal (SIGTRAP, abort_on_trap);
  tmpdir = g_dir_make_tmp ("wordspace-fuzz-XXXXXX", &error);
  if (tmpdir == NULL)
    g_error ("Cannot make a temporary folder: %s", error->message);
  /* Before anything asks GLib for the cache folder, which it reads once. */
  g_setenv ("XDG_CACHE_HOME", tmpdir, TRUE);
  atexit (remove_tmpdir);
}

const char *
ws_fuzz_tmpdir (void)
{
  ws_fuzz_init ();
  return tmpdir;
}

char *
ws_fuzz_write_file (const char    *name,
                    const uint8_t *data,
                    size_t         size)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (ws_fuzz_tmpdir (), name, NULL);

  /* An empty input still makes a file (g_file_set_contents wants a
   * pointer even for zero bytes). */
  if (!g_file_set_contents_full (path, size > 0 ? (const char *) data : "", (gssize) size,
                                 G_FILE_SET_CONTENTS_NONE, 0600, &error))
    g_error ("Cannot write %s: %s", path, error->message);
  return path;
}

void
ws_fuzz_use_vectors (WsVectors *vectors,
                     gboolean   parsed)
{
  gsize n = ws_vectors_get_n_words (vectors);
  gsize dim = ws_vectors_get_dim (vectors);
  gsize rows = MIN (n, USE_ROWS);
  g_autofree float *buffer = NULL;
  volatile float sink = 0.0f;

  g_assert (dim > 0);
  for (gsize i = 0; i < rows; i++)
    {
      const char *word = ws_vectors_get_word (vectors, i);
      const float *row = ws_vectors_get_row (vectors, i);
      const float *unit = ws_vectors_get_unit_row (vectors, i);
      gsize found = G_MAXSIZE;

      g_assert (word != NULL);
      /* A parsed model holds valid UTF-8 and no duplicate, so each word is
       * found at its own row. A cache is only checked for what keeps
       * lookups inside it (its checksums guard its content). */
      if (parsed)
        {
          g_assert (g_utf8_validate (word, -1, NULL));
          g_assert (ws_vectors_lookup (vectors, word, &found));
          g_assert_cmpuint (found, ==, i);
        }
      else
        (void) ws_vectors_lookup (vectors, word, &found);
      sink += row[0] + row[dim - 1] + unit[0] + unit[dim - 1] + ws_vectors_get_norm (vectors, i);
    }
  if (rows > 0)
    {
      g_autoptr(GArray) scored = NULL;
      g_autoptr(GError) error = NULL;

      buffer = g_new (float, rows * dim);
      g_assert (ws_vectors_copy_rows (vectors, 0, rows, buffer, NULL));
      sink += buffer[rows * dim - 1];
      ws_vectors_copy_unit_rows (vectors, 0, rows, buffer);
      sink += buffer[rows * dim - 1];
      scored = ws_neighbors (vectors, ws_vectors_get_word (vectors, 0), 5, 0, &error);
      if (scored != NULL)
        for (guint i = 0; i < scored->len; i++)
          g_assert_cmpuint (g_array_index (scored, WsScored, i).row, <, n);
    }
  (void) sink;
}
