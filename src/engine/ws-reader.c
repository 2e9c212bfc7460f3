/* ws-reader.c: a buffered reader over a plain or gzip-compressed file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ws-reader"

#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libdeflate.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "ws-reader.h"
#include "ws-vectors.h"

/* Large reads keep system calls and inflate calls few; the buffer grows
 * beyond this only when a caller asks for a longer run of bytes. */
#define READ_BLOCK ((gsize) 4 << 20)
#define RAW_BLOCK ((gsize) 1 << 20)
/* gzip data is inflated ahead by a thread into this many blocks. */
#define INFLATE_BLOCK ((gsize) 2 << 20)
#define N_INFLATE_BLOCKS 3

/* Inflated bytes handed from the inflating thread to the reader. */
typedef struct
{
  char     *data;
  gsize     len;
  guint64   file_offset;   /* compressed bytes read once this was made */
  gboolean  end;           /* nothing follows */
  GError   *error;         /* after the bytes, this error */
} InflateBlock;

struct _WsReader
{
  int       fd;
  guint64   file_size;
  guint64   file_offset;   /* bytes read from fd */
  gboolean  file_eof;

  gboolean  gzip;
  gboolean  zs_ready;
  gboolean  zs_member_done; /* the current gzip member has ended */
  z_stream  zs;
  guchar   *raw;            /* compressed bytes waiting for inflate */
  gsize     raw_size;

  /* Only the inflating thread touches zs, raw and file_offset of a gzip
   * file once it runs; the reader sees the offset through the blocks. */
  GThread      *inflater;
  GAsyncQueue  *full;      /* InflateBlock: made, waiting to be read */
  GAsyncQueue  *empty;     /* InflateBlock: free for the thread */
  gint          stop;
  InflateBlock *current;
  gsize         current_pos;
  gboolean      inflated_all;
  guint64       seen_file_offset;

  /* A single-member gzip file is inflated whole, at the first fill, into
   * a mapping of its size (the gzip trailer's ISIZE); the reader then hands
   * out windows of it without copying, and gives back the pages the
   * caller is done with. */
  gboolean  whole_tried;
  gboolean  whole;
  char     *whole_data;
  gsize     whole_size;     /* inflated bytes */
  gsize     whole_map_size;
  gsize     whole_released; /* pages below this were given back */
  gsize     whole_keep;     /* the offset at the previous fill: valid until the next */
  gsize     whole_release_step; /* pages go back in runs of at least this */

  char     *buf;            /* the bytes read */
  gsize     buf_size;       /* allocated size minus the NUL sentinel */
  char     *spare;          /* the previous fill's buffer, kept intact */
  gsize     spare_size;
  gsize     start;          /* available data is buf[start, end) */
  gsize     end;
  guint64   base;           /* data offset of buf[0] */
  gboolean  eof;
};

static gssize
read_fd (WsReader  *self,
         void      *dst,
         gsize      len,
         GError   **error)
{
  gssize n;

  do
    n = read (self->fd, dst, len);
  while (n < 0 && errno == EINTR);

  if (n < 0)
    {
      int saved = errno;
      g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_IO,
                   _("reading failed at byte %" PRIu64 ": %s"),
                   self->file_offset, g_strerror (saved));
      return -1;
    }
  if (n == 0)
    self->file_eof = TRUE;
  self->file_offset += n;
  return n;
}

WsReader *
ws_reader_open (const char  *path,
                GError     **error)
{
  g_autoptr(WsReader) self = g_new0 (WsReader, 1);
  struct stat st;
  gsize got = 0;

  g_return_val_if_fail (path != NULL, NULL);

  self->fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (self->fd < 0)
    {
      int saved = errno;
      g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_IO,
                   _("cannot open the file: %s"), g_strerror (saved));
      return NULL;
    }
  if (fstat (self->fd, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_IO,
                   _("cannot read the file’s details: %s"), g_strerror (saved));
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_IO,
                   _("it is a folder; expected a vector file"));
      return NULL;
    }
  if (S_ISREG (st.st_mode))
    self->file_size = st.st_size;

#ifdef POSIX_FADV_SEQUENTIAL
  posix_fadvise (self->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif

  /* Plain files are read, not mapped: on the virtual machines measured, a
   * fault per page of a 3.6 GB mapping cost five times the copy (1.7 s
   * against 0.35 s), and mapped pages swelled the resident set. */
  /* A small plain file needs no 4 MiB buffer. */
  self->buf_size = READ_BLOCK;
  if (self->file_size > 0 && self->file_size < READ_BLOCK)
    self->buf_size = MAX (self->file_size, 64);
  self->buf = g_try_malloc (self->buf_size + 1);
  self->raw_size = RAW_BLOCK;
  self->raw = g_try_malloc (self->raw_size);
  if (self->buf == NULL || self->raw == NULL)
    {
      g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_TOO_LARGE,
                   _("not enough memory for a read buffer"));
      return NULL;
    }

  /* Look at the first two bytes to tell gzip from plain data. */
  while (got < 2 && !self->file_eof)
    {
      gssize n = read_fd (self, self->buf + got, self->buf_size - got, error);
      if (n < 0)
        return NULL;
      got += n;
    }

  if (got >= 2 && (guchar) self->buf[0] == 0x1f && (guchar) self->buf[1] == 0x8b)
    {
      int ret;

      self->gzip = TRUE;
      if (got > self->raw_size)
        {
          guchar *raw = g_try_realloc (self->raw, got);
          if (raw == NULL)
            {
              g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_TOO_LARGE,
                           _("not enough memory for a read buffer"));
              return NULL;
            }
          self->raw = raw;
          self->raw_size = got;
        }
      memcpy (self->raw, self->buf, got);
      self->zs.next_in = self->raw;
      self->zs.avail_in = got;
      /* 16 + MAX_WBITS: a gzip wrapper, not zlib's own. */
      ret = inflateInit2 (&self->zs, 16 + MAX_WBITS);
      if (ret != Z_OK)
        {
          g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_TOO_LARGE,
                       _("cannot start decompressing: %s"),
                       self->zs.msg ? self->zs.msg : zError (ret));
          return NULL;
        }
      self->zs_ready = TRUE;
      self->end = 0;
    }
  else
    self->end = got;

  self->buf[self->end] = '\0';
  return g_steal_pointer (&self);
}

void
ws_reader_free (WsReader *self)
{
  if (self == NULL)
    return;
  if (self->inflater != NULL)
    {
      InflateBlock *b;

      /* Wake the thread wherever it waits, then collect every block. */
      g_atomic_int_set (&self->stop, 1);
      if (self->current != NULL)
        g_async_queue_push (self->empty, g_steal_pointer (&self->current));
      while ((b = g_async_queue_try_pop (self->full)) != NULL)
        g_async_queue_push (self->empty, b);
      g_thread_join (self->inflater);
    }
  if (self->empty != NULL)
    {
      InflateBlock *b;

      if (self->current != NULL)
        g_async_queue_push (self->empty, g_steal_pointer (&self->current));
      while ((b = g_async_queue_try_pop (self->full)) != NULL)
        g_async_queue_push (self->empty, b);
      while ((b = g_async_queue_try_pop (self->empty)) != NULL)
        {
          g_clear_error (&b->error);
          g_free (b->data);
          g_free (b);
        }
      g_async_queue_unref (self->empty);
      g_async_queue_unref (self->full);
    }
  if (self->whole_data != NULL)
    {
      munmap (self->whole_data, self->whole_map_size);
      /* buf points into the mapping. */
      self->buf = NULL;
    }
  if (self->fd >= 0)
    close (self->fd);
  if (self->zs_ready)
    inflateEnd (&self->zs);
  g_free (self->buf);
  g_free (self->spare);
  g_free (self->raw);
  g_free (self);
}

gboolean
ws_reader_is_compressed (WsReader *self)
{
  return self->gzip;
}

guint64
ws_reader_get_file_size (WsReader *self)
{
  return self->file_size;
}

guint64
ws_reader_get_file_offset (WsReader *self)
{
  /* An inflated whole file: the compressed bytes in proportion to the
   * inflated ones handed out, so progress follows the parse. */
  if (self->whole)
    return (guint64) ((double) self->file_size * self->start / self->whole_size);
  if (self->gzip)
    return self->seen_file_offset;
  return self->file_offset;
}

guint64
ws_reader_get_offset (WsReader *self)
{
  return self->base + self->start;
}

const char *
ws_reader_peek (WsReader *self)
{
  return self->buf + self->start;
}

gsize
ws_reader_get_available (WsReader *self)
{
  return self->end - self->start;
}

gboolean
ws_reader_at_end (WsReader *self)
{
  return self->eof;
}

void
ws_reader_consume (WsReader *self,
                   gsize     n)
{
  g_assert (n <= self->end - self->start);
  self->start += n;
}

/* Inflates into @dst; returns the bytes produced, 0 at the end of the data,
 * -1 on error. */
static gssize
inflate_some (WsReader  *self,
              char      *dst,
              gsize      len,
              GError   **error)
{
  self->zs.next_out = (Bytef *) dst;
  self->zs.avail_out = MIN (len, G_MAXUINT32);

  for (;;)
    {
      gsize produced;
      int ret;

      if (self->zs.avail_in == 0 && !self->file_eof)
        {
          gssize n = read_fd (self, self->raw, self->raw_size, error);
          if (n < 0)
            return -1;
          self->zs.next_in = self->raw;
          self->zs.avail_in = n;
        }

      if (self->zs_member_done)
        {
          /* Zero padding after a member is allowed, as Python's gzip allows. */
          while (self->zs.avail_in > 0 && self->zs.next_in[0] == 0)
            {
              self->zs.next_in++;
              self->zs.avail_in--;
            }
          if (self->zs.avail_in == 0 && !self->file_eof)
            continue;
          if (self->zs.avail_in == 0)
            return 0;
          /* Another gzip member follows (as `cat a.gz b.gz` makes). */
          if (self->zs.next_in[0] != 0x1f)
            {
              g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_COMPRESSION,
                           _("unexpected bytes after the end of the compressed data, at byte %" PRIu64),
                           self->file_offset - self->zs.avail_in);
              return -1;
            }
          inflateReset (&self->zs);
          self->zs_member_done = FALSE;
        }

      ret = inflate (&self->zs, Z_NO_FLUSH);
      produced = len - self->zs.avail_out;

      switch (ret)
        {
        case Z_STREAM_END:
          self->zs_member_done = TRUE;
          if (produced > 0)
            return produced;
          break;

        case Z_OK:
          if (produced > 0)
            return produced;
          break;

        case Z_BUF_ERROR:
          if (produced > 0)
            return produced;
          if (self->zs.avail_in == 0 && self->file_eof)
            {
              g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_COMPRESSION,
                           _("the compressed data ends early, at byte %" PRIu64
                             "; the gzip file is truncated"),
                           self->file_offset);
              return -1;
            }
          break;

        case Z_MEM_ERROR:
          g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_TOO_LARGE,
                       _("not enough memory to decompress"));
          return -1;

        default:
          g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_COMPRESSION,
                       _("the compressed data is damaged near byte %" PRIu64
                         " (%s); expected a valid gzip stream"),
                       self->file_offset - self->zs.avail_in,
                       self->zs.msg ? self->zs.msg : zError (ret));
          return -1;
        }
    }
}

static gpointer
inflater_thread (gpointer data)
{
  WsReader *self = data;

  for (;;)
    {
      InflateBlock *b = g_async_queue_pop (self->empty);
      gboolean last = FALSE;

      if (g_atomic_int_get (&self->stop))
        {
          g_async_queue_push (self->empty, b);
          return NULL;
        }
      b->len = 0;
      while (b->len < INFLATE_BLOCK)
        {
          gssize n = inflate_some (self, b->data + b->len, INFLATE_BLOCK - b->len, &b->error);

          if (n <= 0)
            {
              b->end = n == 0;
              last = TRUE;
              break;
            }
          b->len += n;
        }
      b->file_offset = self->file_offset;
      g_async_queue_push (self->full, b);
      if (last)
        return NULL;
    }
}

/* Copies inflated bytes made by the thread into @dst; 0 at the end, -1 on
 * error, as inflate_some (). */
static gssize
take_inflated (WsReader  *self,
               char      *dst,
               gsize      len,
               GError   **error)
{
  for (;;)
    {
      InflateBlock *b;

      if (self->inflated_all)
        return 0;
      if (self->inflater == NULL)
        {
          self->full = g_async_queue_new ();
          self->empty = g_async_queue_new ();
          for (guint i = 0; i < N_INFLATE_BLOCKS; i++)
            {
              InflateBlock *nb = g_new0 (InflateBlock, 1);
              nb->data = g_malloc (INFLATE_BLOCK);
              g_async_queue_push (self->empty, nb);
            }
          self->inflater = g_thread_new ("ws-inflate", inflater_thread, self);
        }
      if (self->current == NULL)
        {
          self->current = g_async_queue_pop (self->full);
          self->current_pos = 0;
          self->seen_file_offset = self->current->file_offset;
        }
      b = self->current;
      if (self->current_pos < b->len)
        {
          gsize n = MIN (len, b->len - self->current_pos);

          memcpy (dst, b->data + self->current_pos, n);
          self->current_pos += n;
          return n;
        }
      if (b->error != NULL)
        {
          g_propagate_error (error, g_error_copy (b->error));
          return -1;
        }
      if (b->end)
        {
          self->inflated_all = TRUE;
          return 0;
        }
      g_async_queue_push (self->empty, g_steal_pointer (&self->current));
    }
}

/* How much memory a whole inflated file may take: half the machine's, so
 * the model's own rows fit beside it. */
static guint64
whole_limit (void)
{
  long pages = sysconf (_SC_PHYS_PAGES);
  long page = sysconf (_SC_PAGESIZE);

  if (pages <= 0 || page <= 0)
    return 0;
  return (guint64) pages * page / 2;
}

/* Inflates the whole file with libdeflate, faster than zlib's streaming
 * inflate (tests/bench/RESULTS-gz.md). Only for one gzip member whose ISIZE (the size
 * modulo 4 GiB) is believable; anything else — several members, a size
 * that wrapped, damaged data — leaves the streaming path to do the work
 * and to report errors with their byte offsets. */
static void
inflate_whole (WsReader *self)
{
  struct libdeflate_decompressor *d = NULL;
  enum libdeflate_result result;
  const guchar *in;
  guint64 isize;
  gsize in_used = 0, out_used = 0;
  void *map;

  if (g_strcmp0 (g_getenv ("WS_READER_GZIP_STREAM"), "1") == 0 ||
      self->file_size < 18 || self->file_size > G_MAXSIZE)
    return;
  map = mmap (NULL, self->file_size, PROT_READ, MAP_PRIVATE, self->fd, 0);
  if (map == MAP_FAILED)
    return;
  in = map;
  madvise (map, self->file_size, MADV_SEQUENTIAL);
  isize = (guint64) in[self->file_size - 4] | (guint64) in[self->file_size - 3] << 8 |
          (guint64) in[self->file_size - 2] << 16 | (guint64) in[self->file_size - 1] << 24;

  /* Data that shrinks to less than its compressed size (less 1 KiB of
   * headers) is more likely a size past 4 GiB that wrapped. */
  if (isize + 1024 < self->file_size || isize == 0 || isize > whole_limit ())
    goto out;

  self->whole_map_size = isize + 1;
  self->whole_data = mmap (NULL, self->whole_map_size, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (self->whole_data == MAP_FAILED)
    {
      self->whole_data = NULL;
      goto out;
    }
  d = libdeflate_alloc_decompressor ();
  if (d == NULL)
    goto fail;
  result = libdeflate_gzip_decompress_ex (d, in, self->file_size, self->whole_data, isize,
                                          &in_used, &out_used);
  libdeflate_free_decompressor (d);
  if (result != LIBDEFLATE_SUCCESS || out_used != isize)
    goto fail;
  /* Zero padding may follow, as the streaming path allows; another member
   * may not. */
  for (gsize i = in_used; i < self->file_size; i++)
    if (in[i] != 0)
      goto fail;

  g_free (self->buf);
  g_clear_pointer (&self->spare, g_free);
  self->spare_size = 0;
  self->whole = TRUE;
  self->whole_size = isize;
  self->whole_data[isize] = '\0';
  /* Tests set a step of a page or so, to check that no parser reads bytes
   * it was done with. */
  self->whole_release_step = READ_BLOCK * 16;
  if (g_getenv ("WS_READER_RELEASE_BYTES") != NULL)
    self->whole_release_step = MAX (g_ascii_strtoull (g_getenv ("WS_READER_RELEASE_BYTES"), NULL, 10), 1);
  self->buf = self->whole_data;
  self->buf_size = isize;
  self->base = 0;
  self->start = 0;
  self->end = 0;
  goto out;

fail:
  munmap (self->whole_data, self->whole_map_size);
  self->whole_data = NULL;
  self->whole_map_size = 0;
out:
  munmap (map, self->file_size);
}

/* Makes more of the inflated file available, without copying. Bytes the
 * caller consumed before the previous fill are no longer promised to it:
 * their pages go back to the system, so the inflated file and the model
 * built from it do not both stay whole in memory. */
static gssize
fill_whole (WsReader *self,
            gsize     want)
{
  gsize page = sysconf (_SC_PAGESIZE);
  gsize release_to = self->whole_keep / page * page;

  if (release_to >= self->whole_released + self->whole_release_step)
    {
      madvise (self->whole_data + self->whole_released, release_to - self->whole_released,
               MADV_DONTNEED);
      self->whole_released = release_to;
    }
  self->whole_keep = self->start;

  self->end = MAX (self->end, MIN (self->whole_size, self->start + MAX (want, READ_BLOCK)));
  if (self->end == self->whole_size)
    self->eof = TRUE;
  return self->end - self->start;
}

gssize
ws_reader_fill (WsReader  *self,
                gsize      want,
                GError   **error)
{
  gsize avail = self->end - self->start;

  if (avail >= want || self->eof)
    return avail;

  if (self->gzip && !self->whole_tried)
    {
      self->whole_tried = TRUE;
      inflate_whole (self);
    }
  if (self->whole)
    return fill_whole (self, want);

  /* A plain file's size bounds what can come; asking one byte beyond it
   * finds the end without growing the buffer for nothing. */
  if (!self->gzip && self->file_size > 0)
    {
      guint64 pos = self->base + self->start;
      guint64 left = self->file_size > pos ? self->file_size - pos : 0;
      want = MIN (want, left + 1);
    }

  /* The bytes not yet consumed move to the front of the other buffer, and
   * the rest of it is filled: what the last fill made available stays where
   * it was until the next one. */
  if (self->start > 0 || self->buf_size < want)
    {
      gsize size = MAX (self->buf_size, want);
      char *tmp;

      if (self->spare_size < size)
        {
          g_clear_pointer (&self->spare, g_free);
          self->spare_size = 0;
          if (size > G_MAXSIZE / 2 || (self->spare = g_try_malloc (size + 1)) == NULL)
            {
              g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_TOO_LARGE,
                           _("not enough memory to read %zu bytes at once"), want);
              return -1;
            }
          self->spare_size = size;
        }
      memcpy (self->spare, self->buf + self->start, avail);
      tmp = self->buf;
      self->buf = self->spare;
      self->spare = tmp;
      size = self->buf_size;
      self->buf_size = self->spare_size;
      self->spare_size = size;
      self->base += self->start;
      self->start = 0;
      self->end = avail;
    }

  while (self->end - self->start < want)
    {
      gssize n;

      if (self->gzip)
        n = take_inflated (self, self->buf + self->end, self->buf_size - self->end, error);
      else
        n = read_fd (self, self->buf + self->end, self->buf_size - self->end, error);
      if (n < 0)
        {
          self->buf[self->end] = '\0';
          return -1;
        }
      if (n == 0)
        {
          self->eof = TRUE;
          break;
        }
      self->end += n;
    }

  self->buf[self->end] = '\0';
  return self->end - self->start;
}
