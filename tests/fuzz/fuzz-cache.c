/* fuzz-cache.c: any bytes as a model cache file (ws-vectors-cache.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A cache only serves the source file it was made from (its size, times,
 * inode, path) and is guarded by two CRC-32s. Random bytes would never get
 * past those, so the harness first makes an input of header size speak
 * for this process's source file: it writes the source's key and path into
 * the header and the path section, the file size, and both checksums. The
 * reader's remaining checks (sections, sizes, offsets, hash slots) then
 * meet the fuzzer's bytes.
 */
#define G_LOG_DOMAIN "wordspace-fuzz"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>
#include <glib/gstdio.h>

#include "fuzz-common.h"
#include "ws-vectors-cache.h"

static WsVectorsCacheKey *key;
static WsLoadOptions key_options;
static char *cache_file;
static char *canonical;
static struct stat source_stat;

static void
free_key (void)
{
  g_clear_pointer (&key, ws_vectors_cache_key_free);
  g_clear_pointer (&cache_file, g_free);
  g_clear_pointer (&canonical, g_free);
}

static void
make_key (void)
{
  static const char source[] = "2 3\nking 1 2 3\nqueen 4 5 6\n";
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  char *real;

  if (key != NULL)
    return;
  path = ws_fuzz_write_file ("source.txt", (const uint8_t *) source, sizeof source - 1);
  g_assert (stat (path, &source_stat) == 0);
  real = realpath (path, NULL);
  g_assert (real != NULL);
  canonical = g_strdup (real);
  free (real);
  ws_load_options_init (&key_options);
  key = ws_vectors_cache_key_new (path, &key_options);
  cache_file = ws_vectors_cache_file_for (path, &key_options);
  g_assert (key != NULL && cache_file != NULL);
  dir = g_path_get_dirname (cache_file);
  g_assert (g_mkdir_with_parents (dir, 0700) == 0);
  atexit (free_key);
}

static gboolean
section_inside (const WsVectorsCacheSection *s,
                gsize                        len)
{
  return s->offset <= len && s->size <= len - s->offset;
}

/* Makes the header of @data (at least a header long) fit this process's
 * source, @len bytes long, with correct checksums. */
static void
retarget (guint8 *data,
          gsize   len)
{
  WsVectorsCacheHeader header;
  uLong crc = 0;
  guint32 n_sections;

  memcpy (&header, data, sizeof header);
  header.file_size = len;
  header.source_size = (guint64) source_stat.st_size;
  header.source_mtime_sec = (gint64) source_stat.st_mtim.tv_sec;
  header.source_mtime_nsec = (gint64) source_stat.st_mtim.tv_nsec;
  header.source_inode = (guint64) source_stat.st_ino;
  header.source_device = (guint64) source_stat.st_dev;
  header.option_limit = key_options.limit;
  header.option_utf8_policy = key_options.utf8_policy;
  header.option_format = key_options.format;
  n_sections = MIN (header.n_sections, WS_VECTORS_CACHE_MAX_SECTIONS);

  for (guint32 i = 0; i < n_sections; i++)
    {
      WsVectorsCacheSection *s = &header.sections[i];

      if (s->id == WS_VECTORS_CACHE_SECTION_PATH && s->offset <= len &&
          strlen (canonical) <= len - s->offset)
        {
          s->size = strlen (canonical);
          memcpy (data + s->offset, canonical, s->size);
        }
    }
  for (guint32 i = 0; i < n_sections; i++)
    {
      const WsVectorsCacheSection *s = &header.sections[i];

      if ((s->flags & WS_VECTORS_CACHE_SECTION_CHECKSUMMED) != 0 && section_inside (s, len))
        crc = crc32_z (crc, data + s->offset, s->size);
    }
  header.vocabulary_crc = (guint32) crc;
  header.header_crc = 0;
  header.header_crc = (guint32) crc32_z (0, (const Bytef *) &header, sizeof header);
  memcpy (data, &header, sizeof header);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree guint8 *copy = NULL;
  g_autoptr(WsVectors) vectors = NULL;
  g_autoptr(GError) error = NULL;

  ws_fuzz_init ();
  make_key ();

  copy = g_memdup2 (data, size);
  if (size >= WS_VECTORS_CACHE_HEADER_SIZE)
    retarget (copy, size);
  if (!g_file_set_contents (cache_file, size > 0 ? (const char *) copy : "", (gssize) size, &error))
    g_error ("Cannot write %s: %s", cache_file, error->message);

  vectors = ws_vectors_cache_open (key, NULL, NULL);
  if (vectors == NULL)
    return 0;
  g_assert (ws_vectors_get_from_cache (vectors));
  ws_fuzz_use_vectors (vectors, FALSE);
  return 0;
}
