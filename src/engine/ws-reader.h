/* ws-reader.h: a buffered reader over a plain or gzip-compressed file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads a file front to back through two growing buffers, used in turn.
 * gzip data is recognised by its magic bytes and inflated on the fly
 * (several members in a row are read as one stream). Errors are in
 * WS_VECTORS_ERROR: IO for the file itself, COMPRESSION (with the byte
 * offset in the file) for damaged gzip data. A plain file is read with
 * read (), not mapped (see ws_reader_open ()). A file of one gzip member
 * whose size fits is inflated whole by libdeflate at the first fill and
 * handed out without copying; other gzip data (several members, over
 * 4 GiB, damaged, or WS_READER_GZIP_STREAM=1) is inflated ahead by a
 * thread of its own, with zlib. Parsers must not read past the
 * available bytes (there is no NUL terminator). Not thread-safe: use one
 * reader from one thread. */
typedef struct _WsReader WsReader;

WsReader      *ws_reader_open             (const char  *path,
                                           GError     **error);
void           ws_reader_free             (WsReader    *self);

gboolean       ws_reader_is_compressed    (WsReader    *self);
/* Size of the file on disk; 0 when unknown (not a regular file). */
guint64        ws_reader_get_file_size    (WsReader    *self);
/* Bytes of the file read so far (compressed bytes for gzip). */
guint64        ws_reader_get_file_offset  (WsReader    *self);
/* Offset of ws_reader_peek () in the (uncompressed) data. */
guint64        ws_reader_get_offset       (WsReader    *self);

/* Makes at least @want bytes available, fewer only at the end of the data.
 * Reads ahead in large blocks. Returns the number of bytes available, or -1
 * with @error set. */
gssize         ws_reader_fill             (WsReader    *self,
                                           gsize        want,
                                           GError     **error);
/* The available bytes. They stay valid through the next fill, and until
 * the one after it: one block can be worked on while the next is read. */
const char    *ws_reader_peek             (WsReader    *self);
gsize          ws_reader_get_available    (WsReader    *self);
/* TRUE once the data has ended: nothing beyond the available bytes. */
gboolean       ws_reader_at_end           (WsReader    *self);
void           ws_reader_consume          (WsReader    *self,
                                           gsize        n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WsReader, ws_reader_free)

G_END_DECLS
