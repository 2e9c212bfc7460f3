/* ws-vectors-cache.c: a memory-mappable cache of loaded models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See ws-vectors-cache.h for the file format. Reopening reads the header and
 * the vocabulary (words, offsets, hash slots: about 30 bytes a word) to
 * check them; the float arrays are mapped and only paged in as queries touch
 * them.
 */
#define G_LOG_DOMAIN "ws-vectors-cache"

#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include <zlib.h>

#include "ws-thread-priority.h"
#include "ws-vectors-cache.h"
#include "ws-vectors-private.h"

/* How much lower than the program the cache writer runs (a nice value). */
#define SAVE_NICE 10

/* The most one write () of the cache asks for. A kernel built without
 * preemption switches to the window only when a system call returns, and
 * new page-cache pages may come at 0.5 GB/s on a virtual machine: a 4 MiB
 * write then held the CPU for 8 ms, and a frame waited on several of them
 * (97 ms). 256 KiB is half a millisecond at that pace. */
#define WRITE_SPAN ((guint64) 256 << 10)

/* A source modified less than this before it was read may change again
 * within the file system's timestamp granularity without its size and time
 * telling: such a file is not cached (as git treats "racily clean" files). */
#define RACY_USEC G_USEC_PER_SEC

/* Caches kept: the most recently used ones (a model's cache is about twice
 * its size, 1.25 times for a model too large to keep unit rows, so a
 * handful of Google-News-sized models already fill a disk). */
#define MAX_CACHES 4

#define MAX_CACHE_ROWS ((guint64) G_MAXUINT32 - 1)
#define MAX_CACHE_DIM  ((guint64) 1 << 20)

struct _WsVectorsCacheKey
{
  char          *path;          /* as given */
  char          *canonical;
  char          *cache_file;
  guint64        size;
  gint64         mtime_sec;
  gint64         mtime_nsec;
  guint64        inode;
  guint64        device;
  gint64         stat_time;     /* g_get_real_time () when stat'ed */
  WsLoadOptions  options;
};

typedef struct
{
  void  *base;
  gsize  len;
} Mapping;

static gint warned_once;

static void
log_failure (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static void
log_failure (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (g_atomic_int_compare_and_exchange (&warned_once, 0, 1))
    g_message ("%s", message);
  else
    g_debug ("%s", message);
}

/* ---------- the key ---------- */

static char *
cache_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "wordspace", NULL);
}

static char *
canonical_path (const char *path)
{
  char *real = realpath (path, NULL);
  char *copy;

  if (real == NULL)
    return g_canonicalize_filename (path, NULL);
  copy = g_strdup (real);
  free (real);
  return copy;
}

WsVectorsCacheKey *
ws_vectors_cache_key_new (const char          *path,
                          const WsLoadOptions *options)
{
  g_autoptr(WsVectorsCacheKey) key = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  char extra[128];
  struct stat st;

  g_return_val_if_fail (path != NULL, NULL);

  if (stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return NULL;

  key = g_new0 (WsVectorsCacheKey, 1);
  key->path = g_strdup (path);
  key->canonical = canonical_path (path);
  key->size = (guint64) st.st_size;
  key->mtime_sec = (gint64) st.st_mtim.tv_sec;
  key->mtime_nsec = (gint64) st.st_mtim.tv_nsec;
  key->inode = (guint64) st.st_ino;
  key->device = (guint64) st.st_dev;
  key->stat_time = g_get_real_time ();
  if (options != NULL)
    key->options = *options;
  else
    ws_load_options_init (&key->options);

  /* The name holds what selects a cache; the header holds the rest. */
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, (const guchar *) key->canonical, -1);
  g_snprintf (extra, sizeof extra, "\n%" PRIu64 "\n%d\n%d",
              (guint64) key->options.limit, (int) key->options.utf8_policy,
              (int) key->options.format);
  g_checksum_update (checksum, (const guchar *) extra, -1);
  name = g_strdup_printf ("%.32s.wsvc", g_checksum_get_string (checksum));
  dir = cache_dir ();
  key->cache_file = g_build_filename (dir, name, NULL);

  return g_steal_pointer (&key);
}

void
ws_vectors_cache_key_free (WsVectorsCacheKey *key)
{
  if (key == NULL)
    return;
  g_free (key->path);
  g_free (key->canonical);
  g_free (key->cache_file);
  g_free (key);
}

char *
ws_vectors_cache_file_for (const char          *path,
                           const WsLoadOptions *options)
{
  g_autoptr(WsVectorsCacheKey) key = ws_vectors_cache_key_new (path, options);

  return key != NULL ? g_strdup (key->cache_file) : NULL;
}

static gboolean
source_unchanged (WsVectorsCacheKey *key)
{
  struct stat st;

  return stat (key->path, &st) == 0 &&
         (guint64) st.st_size == key->size &&
         (gint64) st.st_mtim.tv_sec == key->mtime_sec &&
         (gint64) st.st_mtim.tv_nsec == key->mtime_nsec &&
         (guint64) st.st_ino == key->inode &&
         (guint64) st.st_dev == key->device;
}

/* ---------- reading ---------- */

static void
mapping_free (gpointer data)
{
  Mapping *mapping = data;

  munmap (mapping->base, mapping->len);
  g_free (mapping);
}

static guint32
header_crc (const WsVectorsCacheHeader *header)
{
  WsVectorsCacheHeader copy = *header;

  copy.header_crc = 0;
  return (guint32) crc32_z (0, (const Bytef *) &copy, sizeof copy);
}

static const WsVectorsCacheSection *
find_section (const WsVectorsCacheHeader *header,
              guint32                     id)
{
  const WsVectorsCacheSection *found = NULL;

  for (guint32 i = 0; i < header->n_sections; i++)
    {
      if (header->sections[i].id == id)
        {
          if (found != NULL)
            return NULL;   /* twice: not a file this code wrote */
          found = &header->sections[i];
        }
    }
  return found;
}

/* The section @id of exactly @size bytes, or NULL. */
static const guint8 *
section_data (const WsVectorsCacheHeader *header,
              const guint8               *base,
              guint32                     id,
              guint64                     size)
{
  const WsVectorsCacheSection *s = find_section (header, id);

  if (s == NULL || s->size != size)
    return NULL;
  return base + s->offset;
}

static gboolean
is_power_of_two (guint64 n)
{
  return n != 0 && (n & (n - 1)) == 0;
}

/* Why the mapped cache @base (@len bytes) cannot serve @key, or NULL when it
 * can, with @storage filled. */
static const char *
check_cache (WsVectorsCacheKey    *key,
             const guint8         *base,
             gsize                 len,
             WsVectorsCacheHeader *header,
             WsVectorsStorage     *storage)
{
  const guint8 *path, *pool, *offsets_p, *slots_p, *norms, *matrix, *unit;
  const guint8 *qcodes = NULL, *qscales = NULL, *qerrors = NULL;
  const guint64 *offsets;
  const guint32 *slots;
  guint64 n, dim, rows_bytes, n_used = 0;
  uLong crc = 0;

  if (len < WS_VECTORS_CACHE_HEADER_SIZE)
    return "shorter than its header";
  memcpy (header, base, sizeof *header);
  if (memcmp (header->magic, WS_VECTORS_CACHE_MAGIC, 8) != 0)
    return "not a Wordspace cache (wrong magic)";
  if (header->byte_order != WS_VECTORS_CACHE_BYTE_ORDER)
    return "written with another byte order";
  if (header->version != WS_VECTORS_CACHE_VERSION)
    return "another format version";
  if (header->header_size != WS_VECTORS_CACHE_HEADER_SIZE ||
      header->n_sections > WS_VECTORS_CACHE_MAX_SECTIONS)
    return "a malformed header";
  if (header->file_size != len)
    return "truncated or extended";
  if (header_crc (header) != header->header_crc)
    return "header checksum mismatch";

  if (header->source_size != key->size ||
      header->source_mtime_sec != key->mtime_sec ||
      header->source_mtime_nsec != key->mtime_nsec ||
      header->source_inode != key->inode ||
      header->source_device != key->device)
    return "the source file changed";
  if (header->option_limit != (guint64) key->options.limit ||
      header->option_utf8_policy != (guint32) key->options.utf8_policy ||
      header->option_format != (guint32) key->options.format)
    return "made with other load options";

  for (guint32 i = 0; i < header->n_sections; i++)
    {
      const WsVectorsCacheSection *s = &header->sections[i];

      if (s->offset % WS_VECTORS_CACHE_ALIGN != 0 ||
          s->offset < WS_VECTORS_CACHE_HEADER_SIZE ||
          s->offset > len || s->size > len - s->offset)
        return "a section outside the file";
    }

  if (header->format > WS_VECTORS_FORMAT_GLOVE_TEXT || header->compressed > 1)
    return "an unknown source format";

  n = header->n_words;
  dim = header->dim;
  if (n == 0 || n > MAX_CACHE_ROWS || dim == 0 || dim > MAX_CACHE_DIM ||
      !is_power_of_two (header->n_slots) || header->n_slots <= n ||
      header->n_slots > ((guint64) 1 << 40))
    return "impossible sizes";
  rows_bytes = n * dim * sizeof (float);   /* < 2^32 × 2^20 × 4: no overflow */

  {
    const WsVectorsCacheSection *p = find_section (header, WS_VECTORS_CACHE_SECTION_PATH);
    const WsVectorsCacheSection *w = find_section (header, WS_VECTORS_CACHE_SECTION_POOL);

    if (p == NULL || w == NULL || w->size == 0)
      return "a missing section";
    path = section_data (header, base, WS_VECTORS_CACHE_SECTION_PATH, strlen (key->canonical));
    pool = base + w->offset;
    storage->pool_len = w->size;
  }
  offsets_p = section_data (header, base, WS_VECTORS_CACHE_SECTION_OFFSETS, n * sizeof (guint64));
  slots_p = section_data (header, base, WS_VECTORS_CACHE_SECTION_SLOTS,
                          header->n_slots * sizeof (guint32));
  norms = section_data (header, base, WS_VECTORS_CACHE_SECTION_NORMS, n * sizeof (float));
  matrix = section_data (header, base, WS_VECTORS_CACHE_SECTION_MATRIX, rows_bytes);
  /* No unit rows: a lean model (see ws-vectors.c). */
  unit = NULL;
  if (find_section (header, WS_VECTORS_CACHE_SECTION_UNIT) != NULL &&
      (unit = section_data (header, base, WS_VECTORS_CACHE_SECTION_UNIT, rows_bytes)) == NULL)
    return "a unit section of the wrong size";
  if (path == NULL || offsets_p == NULL || slots_p == NULL || norms == NULL || matrix == NULL)
    return "a section of the wrong size";
  if (header->qstride != 0)
    {
      /* Codes padded to 16 bytes a row (see ws_vectors_get_quantized). */
      if (header->qstride < dim || header->qstride % 16 != 0 || header->qstride > MAX_CACHE_DIM + 64)
        return "impossible quantized row size";
      qcodes = section_data (header, base, WS_VECTORS_CACHE_SECTION_QCODES, n * header->qstride);
      qscales = section_data (header, base, WS_VECTORS_CACHE_SECTION_QSCALES, n * sizeof (float));
      qerrors = section_data (header, base, WS_VECTORS_CACHE_SECTION_QERRORS, n * sizeof (float));
      if (qcodes == NULL || qscales == NULL || qerrors == NULL)
        return "a quantized section of the wrong size";
    }
  if (memcmp (path, key->canonical, strlen (key->canonical)) != 0)
    return "made from another file";

  /* The vocabulary is about to be read anyway: ask for it in one go. */
  for (guint32 i = 0; i < header->n_sections; i++)
    {
      const WsVectorsCacheSection *s = &header->sections[i];

      if ((s->flags & WS_VECTORS_CACHE_SECTION_CHECKSUMMED) != 0 && s->size > 0)
        madvise ((void *) (base + s->offset), s->size, MADV_WILLNEED);
    }
  for (guint32 i = 0; i < header->n_sections; i++)
    {
      const WsVectorsCacheSection *s = &header->sections[i];

      if ((s->flags & WS_VECTORS_CACHE_SECTION_CHECKSUMMED) != 0)
        crc = crc32_z (crc, base + s->offset, s->size);
    }
  if ((guint32) crc != header->vocabulary_crc)
    return "vocabulary checksum mismatch";

  /* The checksum guards against damage; these guard against anything else,
   * so that no lookup can leave the mapping or loop for ever. */
  if (pool[storage->pool_len - 1] != '\0')
    return "a word list that does not end";
  offsets = (const guint64 *) offsets_p;
  for (guint64 i = 0; i < n; i++)
    if (offsets[i] >= storage->pool_len)
      return "a word offset outside the word list";
  slots = (const guint32 *) slots_p;
  for (guint64 i = 0; i < header->n_slots; i++)
    {
      if (slots[i] > n)
        return "a hash slot naming no row";
      n_used += slots[i] != 0;
    }
  if (n_used != n)
    return "a hash table that does not hold every word";

  storage->dim = dim;
  storage->n_words = n;
  storage->n_duplicates = header->n_duplicates;
  storage->pool = (const char *) pool;
  storage->offsets = offsets;
  storage->slots = slots;
  storage->n_slots = header->n_slots;
  storage->norms = (const float *) norms;
  storage->matrix = (const float *) matrix;
  storage->unit = (const float *) unit;
  storage->qcodes = (const gint8 *) qcodes;
  storage->qscales = (const float *) qscales;
  storage->qerrors = (const float *) qerrors;
  storage->qstride = qcodes != NULL ? header->qstride : 0;
  return NULL;
}

/* Removes @path if it is still the file @st describes: another process may
 * have put a fresh cache there meanwhile. */
static void
remove_if_same (const char        *path,
                const struct stat *st)
{
  struct stat now;

  if (stat (path, &now) == 0 && now.st_ino == st->st_ino && now.st_dev == st->st_dev)
    g_unlink (path);
}

WsVectors *
ws_vectors_cache_open (WsVectorsCacheKey *key,
                       WsProgressFunc     progress,
                       gpointer           progress_data)
{
  WsVectorsCacheHeader header;
  WsVectorsStorage storage = { 0 };
  const char *problem;
  struct stat st;
  Mapping *mapping;
  WsVectors *vectors;
  void *base;
  int fd;

  g_return_val_if_fail (key != NULL, NULL);

  fd = open (key->cache_file, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      if (errno != ENOENT)
        g_debug ("Cannot open the cache “%s”: %s", key->cache_file, g_strerror (errno));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || (guint64) st.st_size > G_MAXSIZE)
    {
      close (fd);
      g_debug ("Ignoring the cache “%s”: not a regular file", key->cache_file);
      return NULL;
    }
  if (st.st_size < WS_VECTORS_CACHE_HEADER_SIZE)
    {
      close (fd);
      g_debug ("Removing the cache “%s”: shorter than its header", key->cache_file);
      remove_if_same (key->cache_file, &st);
      return NULL;
    }
  base = mmap (NULL, (gsize) st.st_size, PROT_READ, MAP_SHARED, fd, 0);
  close (fd);
  if (base == MAP_FAILED)
    {
      g_debug ("Cannot map the cache “%s”: %s", key->cache_file, g_strerror (errno));
      return NULL;
    }

  problem = check_cache (key, base, (gsize) st.st_size, &header, &storage);
  if (problem != NULL)
    {
      munmap (base, (gsize) st.st_size);
      g_debug ("Removing the cache “%s” of “%s”: %s", key->cache_file, key->path, problem);
      remove_if_same (key->cache_file, &st);
      return NULL;
    }

  /* The float arrays keep the kernel's default read-ahead: a query scans
   * the unit rows whole (read-ahead helps when they are not in the page
   * cache), and asking for them all now (MADV_WILLNEED, MAP_POPULATE) would
   * read gigabytes a lookup never needs.
   *
   * The cache's modification time says when it was last used (see
   * prune ()). */
  utimensat (AT_FDCWD, key->cache_file, NULL, 0);

  mapping = g_new0 (Mapping, 1);
  mapping->base = base;
  mapping->len = (gsize) st.st_size;
  vectors = ws_vectors_new_borrowed (&storage, mapping, mapping_free);
  ws_vectors_set_source (vectors, key->path, (WsVectorsFormat) header.format,
                         header.compressed != 0);

  if (progress != NULL)
    progress (key->size, key->size, storage.n_words, storage.n_words, progress_data);

  return vectors;
}

/* ---------- writing ---------- */

static gboolean
write_all (int          fd,
           const void  *data,
           guint64      size,
           guint64      offset,
           const char  *name,
           GError     **error)
{
  const guint8 *p = data;

  while (size > 0)
    {
      gssize n = pwrite (fd, p, MIN (size, WRITE_SPAN), (off_t) offset);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = n < 0 ? errno : ENOSPC;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Cannot write the model cache “%s”: %s"), name, g_strerror (saved));
          return FALSE;
        }
      p += n;
      size -= (guint64) n;
      offset += (guint64) n;
    }
  return TRUE;
}

/* The raw rows of a model that keeps them in its file (no matrix in
 * memory), read from it a block at a time, written at @offset. */
typedef struct
{
  int          fd;
  gsize        dim;
  guint64      offset;
  const char  *name;
} RowsWrite;

static gboolean
write_rows_block (const float  *rows,
                  gsize         first_row,
                  gsize         n_rows,
                  gpointer      user_data,
                  GError      **error)
{
  RowsWrite *w = user_data;
  guint64 row_bytes = (guint64) w->dim * sizeof (float);

  return write_all (w->fd, rows, n_rows * row_bytes, w->offset + first_row * row_bytes,
                    w->name, error);
}

/* Temporary files of writes that never finished (the process ended first):
 * those of @base_name not written to for a while. A write in progress
 * keeps its file's time fresh. */
static void
remove_abandoned (const char *dir,
                  const char *base_name)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strdup_printf (".%s.", base_name);
  const char *name;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = NULL;
      struct stat st;

      if (!g_str_has_prefix (name, prefix))
        continue;
      file = g_build_filename (dir, name, NULL);
      if (lstat (file, &st) == 0 && S_ISREG (st.st_mode) && st.st_mtime + 600 < now)
        {
          g_debug ("Removing the abandoned cache write “%s”", file);
          g_unlink (file);
        }
    }
}

typedef struct
{
  char   *file;
  gint64  used;
} CacheFile;

static int
compare_recent_first (gconstpointer a,
                      gconstpointer b)
{
  const CacheFile *x = a, *y = b;

  return x->used > y->used ? -1 : x->used < y->used;
}

/* Keeps the MAX_CACHES most recently used caches in @dir and removes the
 * others (a process that has one mapped keeps it until it unmaps it). */
static void
prune (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GArray) files = g_array_new (FALSE, FALSE, sizeof (CacheFile));
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      CacheFile f;
      struct stat st;

      if (name[0] == '.' || !g_str_has_suffix (name, ".wsvc"))
        continue;
      f.file = g_build_filename (dir, name, NULL);
      if (lstat (f.file, &st) != 0 || !S_ISREG (st.st_mode))
        {
          g_free (f.file);
          continue;
        }
      f.used = (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
      g_array_append_val (files, f);
    }
  g_array_sort (files, compare_recent_first);
  for (guint i = 0; i < files->len; i++)
    {
      CacheFile *f = &g_array_index (files, CacheFile, i);

      if (i >= MAX_CACHES)
        {
          g_debug ("Removing the least recently used cache “%s”", f->file);
          g_unlink (f->file);
        }
      g_free (f->file);
    }
}

gboolean
ws_vectors_cache_write (WsVectorsCacheKey  *key,
                        WsVectors          *vectors,
                        GError            **error)
{
  WsVectorsStorage storage;
  WsVectorsCacheHeader *header;
  g_autofree guint8 *header_block = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *base_name = NULL;
  struct
  {
    guint32     id;
    guint32     flags;
    const void *data;
    guint64     size;
  } sections[WS_VECTORS_CACHE_MAX_SECTIONS];
  guint n_sections = 0;
  guint64 offset = WS_VECTORS_CACHE_HEADER_SIZE;
  uLong crc = 0;
  struct statvfs vfs;
  int fd;

  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (WS_IS_VECTORS (vectors), FALSE);

  ws_vectors_get_storage (vectors, &storage);
  g_return_val_if_fail (storage.n_words > 0, FALSE);

#define ADD(i, f, d, s) \
  G_STMT_START { \
    sections[n_sections].id = (i); \
    sections[n_sections].flags = (f); \
    sections[n_sections].data = (d); \
    sections[n_sections].size = (s); \
    n_sections++; \
  } G_STMT_END
  ADD (WS_VECTORS_CACHE_SECTION_PATH, WS_VECTORS_CACHE_SECTION_CHECKSUMMED,
       key->canonical, strlen (key->canonical));
  ADD (WS_VECTORS_CACHE_SECTION_POOL, WS_VECTORS_CACHE_SECTION_CHECKSUMMED,
       storage.pool, storage.pool_len);
  ADD (WS_VECTORS_CACHE_SECTION_OFFSETS, WS_VECTORS_CACHE_SECTION_CHECKSUMMED,
       storage.offsets, storage.n_words * sizeof (guint64));
  ADD (WS_VECTORS_CACHE_SECTION_SLOTS, WS_VECTORS_CACHE_SECTION_CHECKSUMMED,
       storage.slots, storage.n_slots * sizeof (guint32));
  ADD (WS_VECTORS_CACHE_SECTION_NORMS, 0, storage.norms, storage.n_words * sizeof (float));
  ADD (WS_VECTORS_CACHE_SECTION_MATRIX, 0, storage.matrix,
       (guint64) storage.n_words * storage.dim * sizeof (float));
  /* A lean model's unit rows are computed from the others when asked for
   * (see ws-vectors.c): not written, nor mapped when reopened. */
  if (storage.unit != NULL)
    ADD (WS_VECTORS_CACHE_SECTION_UNIT, 0, storage.unit,
         (guint64) storage.n_words * storage.dim * sizeof (float));
  if (storage.qcodes != NULL && storage.qstride > 0)
    {
      ADD (WS_VECTORS_CACHE_SECTION_QCODES, 0, storage.qcodes,
           (guint64) storage.n_words * storage.qstride);
      ADD (WS_VECTORS_CACHE_SECTION_QSCALES, 0, storage.qscales, storage.n_words * sizeof (float));
      ADD (WS_VECTORS_CACHE_SECTION_QERRORS, 0, storage.qerrors, storage.n_words * sizeof (float));
    }
#undef ADD

  header_block = g_malloc0 (WS_VECTORS_CACHE_HEADER_SIZE);
  header = (WsVectorsCacheHeader *) header_block;
  memcpy (header->magic, WS_VECTORS_CACHE_MAGIC, 8);
  header->version = WS_VECTORS_CACHE_VERSION;
  header->byte_order = WS_VECTORS_CACHE_BYTE_ORDER;
  header->header_size = WS_VECTORS_CACHE_HEADER_SIZE;
  header->n_sections = n_sections;
  header->source_size = key->size;
  header->source_mtime_sec = key->mtime_sec;
  header->source_mtime_nsec = key->mtime_nsec;
  header->source_inode = key->inode;
  header->source_device = key->device;
  header->option_limit = key->options.limit;
  header->option_utf8_policy = key->options.utf8_policy;
  header->option_format = key->options.format;
  header->dim = storage.dim;
  header->n_words = storage.n_words;
  header->n_slots = storage.n_slots;
  header->n_duplicates = storage.n_duplicates;
  header->qstride = storage.qcodes != NULL ? storage.qstride : 0;
  header->format = ws_vectors_get_format (vectors);
  header->compressed = ws_vectors_get_compressed (vectors);
  for (guint i = 0; i < n_sections; i++)
    {
      header->sections[i].id = sections[i].id;
      header->sections[i].flags = sections[i].flags;
      header->sections[i].offset = offset;
      header->sections[i].size = sections[i].size;
      offset += (sections[i].size + WS_VECTORS_CACHE_ALIGN - 1) /
                WS_VECTORS_CACHE_ALIGN * WS_VECTORS_CACHE_ALIGN;
      if (sections[i].flags & WS_VECTORS_CACHE_SECTION_CHECKSUMMED)
        crc = crc32_z (crc, sections[i].data, sections[i].size);
    }
  header->file_size = offset;
  header->vocabulary_crc = (guint32) crc;
  header->header_crc = header_crc (header);

  dir = cache_dir ();
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create the cache folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  /* Leave room for everything else on that disk: a tenth of it, at most 1 GiB. */
  if (statvfs (dir, &vfs) == 0)
    {
      guint64 total = (guint64) vfs.f_blocks * vfs.f_frsize;
      guint64 avail = (guint64) vfs.f_bavail * vfs.f_frsize;
      guint64 spare = MIN (total / 10, (guint64) 1 << 30);

      if (avail < spare || avail - spare < offset)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                       _("Not enough free space in “%s” for a model cache of %" PRIu64
                         " MB"), dir, offset >> 20);
          return FALSE;
        }
    }

  base_name = g_path_get_basename (key->cache_file);
  remove_abandoned (dir, base_name);
  tmp = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base_name);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create a file in the cache folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  if (!write_all (fd, header_block, WS_VECTORS_CACHE_HEADER_SIZE, 0, tmp, error))
    goto fail;
  for (guint i = 0; i < n_sections; i++)
    {
      /* Rows kept in the source file are read from it. */
      if (sections[i].id == WS_VECTORS_CACHE_SECTION_MATRIX && sections[i].data == NULL)
        {
          RowsWrite w = { fd, ws_vectors_get_dim (vectors), header->sections[i].offset, tmp };

          if (!ws_vectors_foreach_row_block (vectors, write_rows_block, &w, error))
            goto fail;
        }
      else if (!write_all (fd, sections[i].data, sections[i].size, header->sections[i].offset, tmp, error))
        goto fail;
    }
  if (ftruncate (fd, (off_t) offset) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write the model cache “%s”: %s"), tmp, g_strerror (saved));
      goto fail;
    }
  if (close (fd) != 0)
    {
      int saved = errno;
      fd = -1;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write the model cache “%s”: %s"), tmp, g_strerror (saved));
      goto fail;
    }
  fd = -1;

  if (!source_unchanged (key))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("“%s” changed while it was read; not cached"), key->path);
      goto fail;
    }
  if (g_rename (tmp, key->cache_file) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot rename “%s” to “%s”: %s"), tmp, key->cache_file, g_strerror (saved));
      goto fail;
    }
  g_debug ("Cached “%s” as “%s” (%" PRIu64 " bytes)", key->path, key->cache_file, offset);
  prune (dir);
  return TRUE;

fail:
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  return FALSE;
}

/* ---------- writing in the background ---------- */

typedef struct
{
  WsVectorsCacheKey *key;
  WsVectors         *vectors;
} SaveJob;

static GMutex pending_lock;
static GCond pending_cond;
static guint n_pending;

/* The writer runs below the program's other threads and off one core:
 * writing gigabytes in the background must not take a core from a window
 * (with the writer at the window's priority, a frame took 100-130 ms just
 * after a 3.6 GB load; see tests/bench/RESULTS-scale.md). On Linux both
 * are the thread's own. */
static void
become_background (void)
{
  static gsize done;

  if (!g_once_init_enter (&done))
    return;
  ws_make_background_thread (SAVE_NICE, "the cache writer");
  g_once_init_leave (&done, 1);
}

static void
save_job_run (gpointer data,
              gpointer user_data)
{
  SaveJob *job = data;
  g_autoptr(GError) error = NULL;

  become_background ();

  if (!ws_vectors_cache_write (job->key, job->vectors, &error))
    log_failure ("Cannot cache “%s”: %s", job->key->path, error->message);

  g_object_unref (job->vectors);
  ws_vectors_cache_key_free (job->key);
  g_free (job);

  g_mutex_lock (&pending_lock);
  n_pending--;
  g_cond_broadcast (&pending_cond);
  g_mutex_unlock (&pending_lock);
}

static GThreadPool *
save_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    {
      /* One writer: two caches written at once only compete for the disk.
       * A thread of its own (exclusive), since it lowers its priority. */
      GThreadPool *p = g_thread_pool_new (save_job_run, NULL, 1, TRUE, NULL);
      g_once_init_leave (&pool, p);
    }
  return pool;
}

void
ws_vectors_cache_save (WsVectorsCacheKey *key,
                       WsVectors         *vectors)
{
  SaveJob *job;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (key != NULL);
  g_return_if_fail (WS_IS_VECTORS (vectors));

  if (ws_vectors_get_from_cache (vectors))
    {
      ws_vectors_cache_key_free (key);
      return;
    }
  if (key->mtime_sec * G_USEC_PER_SEC + key->mtime_nsec / 1000 + RACY_USEC > key->stat_time)
    {
      g_debug ("Not caching “%s”: modified too recently to tell a later change", key->path);
      ws_vectors_cache_key_free (key);
      return;
    }

  job = g_new0 (SaveJob, 1);
  job->key = key;
  job->vectors = g_object_ref (vectors);

  g_mutex_lock (&pending_lock);
  n_pending++;
  g_mutex_unlock (&pending_lock);

  if (!g_thread_pool_push (save_pool (), job, &error))
    save_job_run (job, NULL);
}

gboolean
ws_vectors_cache_is_writing (void)
{
  gboolean writing;

  g_mutex_lock (&pending_lock);
  writing = n_pending > 0;
  g_mutex_unlock (&pending_lock);
  return writing;
}

void
ws_vectors_cache_wait (void)
{
  g_mutex_lock (&pending_lock);
  while (n_pending > 0)
    g_cond_wait (&pending_cond, &pending_lock);
  g_mutex_unlock (&pending_lock);
}
