/* ws-model-download.c: fetching a catalogue model, resumable and checked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ws-models"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <libsoup/soup.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ws-model-download.h"

#define CHUNK ((gsize) 256 << 10)
/* Attempts in a row that bring no new byte before a download gives up. */
#define MAX_IDLE_ATTEMPTS 3
#define REPORT_INTERVAL (G_USEC_PER_SEC / 5)
/* Speed is measured over the last few seconds, so time left follows a
 * connection that slows down or speeds up. */
#define SPEED_WINDOW (3 * G_USEC_PER_SEC)

typedef struct
{
  char                   *name;
  char                   *url;
  char                   *checksum;
  guint64                 file_size;
  char                   *dir;
  char                   *final_path;
  char                   *part_path;

  WsDownloadProgressFunc  progress;
  gpointer                progress_data;
  GDestroyNotify          progress_destroy;

  /* The worker's own state. */
  int                     fd;
  GChecksum              *md5;
  guint64                 received;
  guint64                 resumed_from;
  gint64                  last_report;
  gint64                  window_start;
  guint64                 window_bytes;
  double                  speed;
} Download;

static void
download_free (gpointer data)
{
  Download *d = data;

  if (d->fd >= 0)
    close (d->fd);
  if (d->progress_destroy != NULL)
    d->progress_destroy (d->progress_data);
  g_clear_pointer (&d->md5, g_checksum_free);
  g_free (d->name);
  g_free (d->url);
  g_free (d->checksum);
  g_free (d->dir);
  g_free (d->final_path);
  g_free (d->part_path);
  g_free (d);
}

typedef struct
{
  GTask              *task;
  WsDownloadProgress  progress;
} Report;

static gboolean
report_in_caller (gpointer data)
{
  Report *r = data;
  Download *d = g_task_get_task_data (r->task);

  d->progress (&r->progress, d->progress_data);
  return G_SOURCE_REMOVE;
}

static void
report_free (gpointer data)
{
  Report *r = data;

  g_object_unref (r->task);
  g_free (r);
}

static void
report (GTask           *task,
        WsDownloadPhase  phase,
        gboolean         force)
{
  Download *d = g_task_get_task_data (task);
  gint64 now = g_get_monotonic_time ();
  Report *r;

  if (now - d->window_start >= SPEED_WINDOW)
    {
      d->speed = d->window_bytes / ((now - d->window_start) / (double) G_USEC_PER_SEC);
      d->window_start = now;
      d->window_bytes = 0;
    }
  else if (d->speed == 0 && now - d->window_start >= G_USEC_PER_SEC / 2 && d->window_bytes > 0)
    d->speed = d->window_bytes / ((now - d->window_start) / (double) G_USEC_PER_SEC);

  if (d->progress == NULL || (!force && now - d->last_report < REPORT_INTERVAL))
    return;
  d->last_report = now;

  r = g_new0 (Report, 1);
  r->task = g_object_ref (task);
  r->progress.phase = phase;
  r->progress.received = d->received;
  r->progress.total = d->file_size;
  r->progress.resumed_from = d->resumed_from;
  r->progress.bytes_per_second = d->speed;
  r->progress.seconds_left = -1;
  if (d->speed > 0 && d->file_size > d->received)
    r->progress.seconds_left = (d->file_size - d->received) / d->speed;
  else if (d->file_size > 0 && d->received >= d->file_size)
    r->progress.seconds_left = 0;
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                              report_in_caller, r, report_free);
}

static gboolean
set_errno_error (GError     **error,
                 int          saved,
                 const char  *path,
                 const char  *what)
{
  if (saved == ENOSPC || saved == EFBIG || saved == EDQUOT)
    g_set_error (error, WS_MODELS_ERROR, WS_MODELS_ERROR_NO_SPACE,
                 _("cannot write %s: %s; the bytes received so far are kept for a resume"),
                 path, g_strerror (saved));
  else
    g_set_error (error, WS_MODELS_ERROR, WS_MODELS_ERROR_IO,
                 "%s: %s: %s", path, what, g_strerror (saved));
  return FALSE;
}

/* Starts the .part over from its first byte. */
static gboolean
restart_part (Download  *d,
              GError   **error)
{
  if (ftruncate (d->fd, 0) != 0)
    return set_errno_error (error, errno, d->part_path, _("cannot truncate"));
  g_checksum_reset (d->md5);
  d->received = 0;
  d->resumed_from = 0;
  return TRUE;
}

/* Opens the .part and hashes what an earlier run left in it, so the md5 of
 * the whole file is known when its last byte arrives. */
static gboolean
open_part (Download      *d,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autofree guchar *buf = NULL;
  struct stat st;
  int in;

  if (g_mkdir_with_parents (d->dir, 0755) != 0)
    return set_errno_error (error, errno, d->dir, _("cannot create the folder"));
  d->fd = g_open (d->part_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (d->fd < 0 || fstat (d->fd, &st) != 0)
    return set_errno_error (error, errno, d->part_path, _("cannot open"));

  d->md5 = g_checksum_new (G_CHECKSUM_MD5);
  if (st.st_size == 0)
    return TRUE;
  if (d->file_size > 0 && (guint64) st.st_size > d->file_size)
    return restart_part (d, error);

  in = g_open (d->part_path, O_RDONLY | O_CLOEXEC, 0);
  if (in < 0)
    return set_errno_error (error, errno, d->part_path, _("cannot read"));
  buf = g_malloc (CHUNK);
  for (;;)
    {
      gssize n = read (in, buf, CHUNK);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          close (in);
          return set_errno_error (error, saved, d->part_path, _("cannot read"));
        }
      if (n == 0)
        break;
      g_checksum_update (d->md5, buf, n);
      d->received += n;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          close (in);
          return FALSE;
        }
    }
  close (in);
  d->resumed_from = d->received;
  return TRUE;
}

/* Free space, and the size limit of files this process may write (ulimit
 * -f), against what the rest of the file needs. */
static gboolean
check_space (Download  *d,
             GError   **error)
{
  g_autoptr(GFile) dir = g_file_new_for_path (d->dir);
  g_autoptr(GFileInfo) info = NULL;
  guint64 needed;
  struct rlimit limit;

  if (d->file_size == 0 || d->received >= d->file_size)
    return TRUE;
  needed = d->file_size - d->received;

  if (getrlimit (RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY &&
      (guint64) limit.rlim_cur < d->file_size)
    {
      g_autofree char *limit_text = g_format_size (limit.rlim_cur);
      g_autofree char *size_text = g_format_size (d->file_size);

      g_set_error (error, WS_MODELS_ERROR, WS_MODELS_ERROR_NO_SPACE,
                   _("not enough space for %s: the file is %s, but this process may "
                     "write files of at most %s (ulimit -f)"),
                   d->name, size_text, limit_text);
      return FALSE;
    }

  info = g_file_query_filesystem_info (dir, G_FILE_ATTRIBUTE_FILESYSTEM_FREE, NULL, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE))
    {
      guint64 free_bytes = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE);

      if (free_bytes < needed)
        {
          g_autofree char *needed_text = g_format_size (needed);
          g_autofree char *free_text = g_format_size (free_bytes);

          g_set_error (error, WS_MODELS_ERROR, WS_MODELS_ERROR_NO_SPACE,
                       _("not enough space for %s in %s: it needs %s more, and %s is free"),
                       d->name, d->dir, needed_text, free_text);
          return FALSE;
        }
    }
  return TRUE;
}

/* Appends to the .part; what a short write got onto the disk counts as
 * received (and hashed) before a following write fails. */
static gboolean
write_all (Download     *d,
           const guchar *buf,
           gsize         len,
           GError      **error)
{
  while (len > 0)
    {
      gssize n = write (d->fd, buf, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return set_errno_error (error, errno, d->part_path, _("cannot write"));
      g_checksum_update (d->md5, buf, n);
      d->received += n;
      d->window_bytes += n;
      buf += n;
      len -= n;
    }
  return TRUE;
}

typedef enum
{
  ATTEMPT_DONE,     /* the whole file is in the .part */
  ATTEMPT_RETRY,    /* the connection failed or dropped: try again */
  ATTEMPT_FAILED,   /* *error is set */
} AttemptResult;

/* One request: asks for the bytes after those already in the .part. */
static AttemptResult
attempt (GTask         *task,
         SoupSession   *session,
         GCancellable  *cancellable,
         GError       **error)
{
  Download *d = g_task_get_task_data (task);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree guchar *buf = NULL;
  SoupMessageHeaders *headers;
  goffset expected_length;
  guint64 got = 0;
  guint status;

  msg = soup_message_new (SOUP_METHOD_GET, d->url);
  if (msg == NULL)
    {
      g_set_error (error, WS_MODELS_ERROR, WS_MODELS_ERROR_CATALOGUE,
                   _("the address of %s, “%s”, is not a valid URL"), d->name, d->url);
      return ATTEMPT_FAILED;
    }
  if (d->received > 0)
    soup_message_headers_set_range (soup_message_get_request_headers (msg), d->received, -1);

  report (task, WS_DOWNLOAD_CONNECTING, TRUE);
  stream = soup_session_send (session, msg, cancellable, &local);
  if (stream == NULL)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return ATTEMPT_FAILED;
        }
      g_set_error (error, WS_MODELS_ERROR, WS_MODELS_ERROR_NETWORK,
                   _("cannot reach %s: %s"), d->url, local->message);
      return ATTEMPT_RETRY;
    }

  status = soup_message_get_status (msg);
  headers = soup_message_get_response_headers (msg);
  if (status == SOUP_STATUS_REQUESTED_RANGE_NOT_SATISFIABLE && d->received > 0)
    {
      /* The .part may already hold every byte; else start over. */
      if (d->file_size > 0 && d->received == d->file_size)
        return ATTEMPT_DONE;
      return restart_part (d, error) ? ATTEMPT_RETRY : ATTEMPT_FAILED;
    }
  if (status == SOUP_STATUS_PARTIAL_CONTENT)
    {
      goffset start = -1, end = -1, total = -1;

      if (!soup_message_headers_get_content_range (headers, &start, &end, &total) ||
          (guint64) start != d->received)
        {
          g_set_error (error, WS_MODELS_ERROR, WS_MODELS_ERROR_HTTP,
                       _("%s answered a resume from byte %" PRIu64 " with other bytes"),
                       d->url, d->received);
          return ATTEMPT_FAILED;
        }
    }
  else if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      /* The server ignored the Range: its answer is the whole file. */
      if (d->received > 0 && !restart_part (d, error))
        return ATTEMPT_FAILED;
    }
  else
    {
      g_set_error (error, WS_MODELS_ERROR, WS_MODELS_ERROR_HTTP,
                   _("the server answered “%u %s” for %s"),
                   status, soup_message_get_reason_phrase (msg), d->url);
      return ATTEMPT_FAILED;
    }

  expected_length = soup_message_headers_get_content_length (headers);
  buf = g_malloc (CHUNK);
  for (;;)
    {
      gssize n = g_input_stream_read (stream, buf, CHUNK, cancellable, &local);

      if (n < 0)
        {
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return ATTEMPT_FAILED;
            }
          g_set_error (error, WS_MODELS_ERROR, WS_MODELS_ERROR_NETWORK,
                       _("the connection to %s dropped after %" PRIu64 " bytes: %s"),
                       d->url, d->received, local->message);
          return ATTEMPT_RETRY;
        }
      if (n == 0)
        break;
      if (!write_all (d, buf, n, error))
        return ATTEMPT_FAILED;
      got += n;
      report (task, WS_DOWNLOAD_RECEIVING, FALSE);
    }

  if ((expected_length > 0 && got < (guint64) expected_length) ||
      (d->file_size > 0 && d->received < d->file_size))
    {
      g_set_error (error, WS_MODELS_ERROR, WS_MODELS_ERROR_NETWORK,
                   _("the connection to %s ended after %" PRIu64 " bytes of %" PRIu64),
                   d->url, d->received, d->file_size);
      return ATTEMPT_RETRY;
    }
  return ATTEMPT_DONE;
}

/* Waits @seconds, or less when cancelled. */
static void
pause_before_retry (GCancellable *cancellable,
                    guint         seconds)
{
  for (guint i = 0; i < seconds * 10 && !g_cancellable_is_cancelled (cancellable); i++)
    g_usleep (G_USEC_PER_SEC / 10);
}

static gboolean
verify_and_install (GTask   *task,
                    GError **error)
{
  Download *d = g_task_get_task_data (task);
  const char *md5;

  report (task, WS_DOWNLOAD_VERIFYING, TRUE);
  md5 = g_checksum_get_string (d->md5);
  if (d->checksum != NULL && strcmp (md5, d->checksum) != 0)
    {
      g_unlink (d->part_path);
      g_set_error (error, WS_MODELS_ERROR, WS_MODELS_ERROR_CHECKSUM,
                   _("the download of %s is damaged: its md5 is %s, the catalogue says %s; "
                     "the file was deleted"),
                   d->name, md5, d->checksum);
      return FALSE;
    }
  if (d->checksum == NULL && d->file_size > 0 && d->received != d->file_size)
    {
      g_unlink (d->part_path);
      g_set_error (error, WS_MODELS_ERROR, WS_MODELS_ERROR_CHECKSUM,
                   _("the download of %s is damaged: %" PRIu64 " bytes, the catalogue says "
                     "%" PRIu64 "; the file was deleted"),
                   d->name, d->received, d->file_size);
      return FALSE;
    }

  /* On disk before it gets its name: a crash leaves a .part, never a
   * truncated model under the final name. */
  if (fsync (d->fd) != 0)
    return set_errno_error (error, errno, d->part_path, _("cannot write"));
  close (d->fd);
  d->fd = -1;
  if (g_rename (d->part_path, d->final_path) != 0)
    return set_errno_error (error, errno, d->final_path, _("cannot create"));
  return TRUE;
}

/* Fails the task; a .part that got no byte is not worth keeping. */
static void
return_error (GTask   *task,
              GError  *error)
{
  Download *d = g_task_get_task_data (task);

  if (d->fd >= 0 && d->received == 0)
    g_unlink (d->part_path);
  g_task_return_error (task, error);
}

static void
download_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Download *d = task_data;
  g_autoptr(SoupSession) session = NULL;
  GError *error = NULL;
  guint idle_attempts = 0;

  if (!open_part (d, cancellable, &error) || !check_space (d, &error))
    {
      return_error (task, error);
      return;
    }

  /* A session of its own: libsoup sessions belong to one thread. */
  session = soup_session_new_with_options ("user-agent", "Wordspace/" PACKAGE_VERSION " ",
                                           "timeout", 60,
                                           NULL);
  d->window_start = g_get_monotonic_time ();
  for (;;)
    {
      guint64 before = d->received;
      AttemptResult result;

      if (d->file_size > 0 && d->received == d->file_size)
        break;
      result = attempt (task, session, cancellable, &error);
      if (result == ATTEMPT_DONE)
        break;
      if (result == ATTEMPT_FAILED)
        {
          return_error (task, error);
          return;
        }
      idle_attempts = d->received > before ? 0 : idle_attempts + 1;
      if (idle_attempts >= MAX_IDLE_ATTEMPTS)
        {
          g_prefix_error (&error, _("gave up after %u attempts: "), MAX_IDLE_ATTEMPTS);
          return_error (task, error);
          return;
        }
      g_debug ("retrying: %s", error->message);
      g_clear_error (&error);
      pause_before_retry (cancellable, 1);
    }

  if (!verify_and_install (task, &error))
    {
      return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_strdup (d->final_path), g_free);
}

char *
ws_model_download_part_path (const WsCatalogueEntry *entry,
                             const char             *dest_dir)
{
  g_autofree char *dir = dest_dir != NULL ? g_strdup (dest_dir) : ws_models_dir ();
  g_autofree char *file = g_strconcat (entry->name, ".gz.part", NULL);

  return g_build_filename (dir, file, NULL);
}

void
ws_model_download_async (const WsCatalogueEntry  *entry,
                         const char              *dest_dir,
                         GCancellable            *cancellable,
                         WsDownloadProgressFunc   progress,
                         gpointer                 progress_data,
                         GDestroyNotify           progress_destroy,
                         GAsyncReadyCallback      callback,
                         gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *file = NULL;
  Download *d;

  g_return_if_fail (entry != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  d = g_new0 (Download, 1);
  d->fd = -1;
  d->name = g_strdup (entry->name);
  d->url = g_strdup (entry->url);
  d->checksum = g_strdup (entry->checksum);
  d->file_size = entry->file_size;
  d->dir = dest_dir != NULL ? g_strdup (dest_dir) : ws_models_dir ();
  file = g_strconcat (entry->name, ".gz", NULL);
  d->final_path = g_build_filename (d->dir, file, NULL);
  d->part_path = ws_model_download_part_path (entry, d->dir);
  d->progress = progress;
  d->progress_data = progress_data;
  d->progress_destroy = progress_destroy;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ws_model_download_async);
  g_task_set_task_data (task, d, download_free);
  /* The worker reports cancellation itself, once the .part is closed. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, download_thread);
}

char *
ws_model_download_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
ws_download_progress_format_time_left (const WsDownloadProgress *progress)
{
  guint s;

  g_return_val_if_fail (progress != NULL, NULL);

  s = (guint) (MAX (progress->seconds_left, 0) + 0.5);
  if (s >= 3600)
    return g_strdup_printf (_("%u h %02u min"), s / 3600, (s / 60) % 60);
  if (s >= 60)
    return g_strdup_printf (_("%u min %02u s"), s / 60, s % 60);
  return g_strdup_printf (_("%u s"), s);
}
