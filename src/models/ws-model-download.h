/* ws-model-download.h: fetching a catalogue model, resumable and checked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ws-catalogue.h"

G_BEGIN_DECLS

typedef enum
{
  WS_DOWNLOAD_CONNECTING,
  WS_DOWNLOAD_RECEIVING,
  WS_DOWNLOAD_VERIFYING,
} WsDownloadPhase;

typedef struct
{
  WsDownloadPhase phase;
  guint64         received;         /* bytes in the file so far, resumed ones included */
  guint64         total;            /* the file's size; 0 when unknown */
  guint64         resumed_from;     /* bytes kept from an earlier attempt */
  double          bytes_per_second; /* over the last seconds; 0 until known */
  double          seconds_left;     /* -1 when unknown */
} WsDownloadProgress;

/* @seconds_left as a person reads it ("3 min 05 s"), translated; the
 * window and the CLI show the same text. */
char  *ws_download_progress_format_time_left (const WsDownloadProgress *progress);

typedef void (*WsDownloadProgressFunc) (const WsDownloadProgress *progress,
                                        gpointer                  user_data);

/* Downloads @entry's file into @dest_dir (NULL: ws_models_dir ()) as
 * NAME.gz. Bytes go to NAME.gz.part first; a .part left by a cancelled or
 * failed run is resumed with an HTTP Range request, and a connection that
 * drops is resumed the same way a few times before giving up. Before the
 * first byte the free space (and the process's file size limit) is
 * checked against the catalogue's size. The md5 is checked before the
 * file is renamed into place; a mismatch deletes the .part and fails with
 * WS_MODELS_ERROR_CHECKSUM. Cancelling keeps the .part for a later resume.
 * @progress runs in the thread-default main context of the caller, a few
 * times a second. Finish returns the path of the model file. */
void   ws_model_download_async  (const WsCatalogueEntry  *entry,
                                 const char              *dest_dir,
                                 GCancellable            *cancellable,
                                 WsDownloadProgressFunc   progress,
                                 gpointer                 progress_data,
                                 GDestroyNotify           progress_destroy,
                                 GAsyncReadyCallback      callback,
                                 gpointer                 user_data);
char  *ws_model_download_finish (GAsyncResult            *result,
                                 GError                 **error);

/* The .part file a download of @entry into @dest_dir (NULL: ours) uses. */
char  *ws_model_download_part_path (const WsCatalogueEntry *entry,
                                    const char             *dest_dir);

G_END_DECLS
