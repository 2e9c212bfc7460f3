/* fuzz-loader.c: any bytes as a vector file, in every format the loader
 * detects (word2vec binary and text, GloVe, fastText .vec, gzip of these)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wordspace-fuzz"

#include "config.h"

#include "fuzz-common.h"

/* Small batches, so that a small input crosses several of the binary
 * reader's blocks as a large file does. */
#define SMALL_BATCH_BYTES "64"

static void
load_once (const char   *path,
           WsUtf8Policy  policy,
           gboolean      file_rows)
{
  g_autoptr(WsVectors) vectors = NULL;
  g_autoptr(GError) error = NULL;
  WsLoadOptions options;

  ws_load_options_init (&options);
  options.use_cache = FALSE;
  options.utf8_policy = policy;
  /* The loader reads these each time (no thread of its own is running
   * between loads). */
  g_setenv ("WS_VECTORS_FILE_ROWS", file_rows ? "1" : "0", TRUE);
  if (file_rows)
    g_setenv ("WS_LOADER_BATCH_BYTES", SMALL_BATCH_BYTES, TRUE);
  else
    g_unsetenv ("WS_LOADER_BATCH_BYTES");

  vectors = ws_vectors_load (path, &options, NULL, NULL, NULL, &error);
  if (vectors == NULL)
    {
      g_assert (error != NULL);
      g_assert (error->domain == WS_VECTORS_ERROR);
      g_assert (error->message != NULL && *error->message != '\0');
      return;
    }
  g_assert (error == NULL);
  ws_fuzz_use_vectors (vectors, TRUE);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = NULL;

  ws_fuzz_init ();
  path = ws_fuzz_write_file ("model", data, size);
  /* The default path (rows in memory, strict UTF-8), then the other
   * storage (rows read back from the file, in small batches) with invalid
   * bytes replaced, so that more inputs load. */
  load_once (path, WS_UTF8_STRICT, FALSE);
  load_once (path, WS_UTF8_REPLACE, TRUE);
  return 0;
}
