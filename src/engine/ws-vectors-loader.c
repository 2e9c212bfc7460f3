/* ws-vectors-loader.c: placeholder until the streaming loader lands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ws-vectors.h"

WsVectors *
ws_vectors_load (const char          *path,
                 const WsLoadOptions *options,
                 WsProgressFunc       progress,
                 gpointer             progress_data,
                 GCancellable        *cancellable,
                 GError             **error)
{
  g_set_error (error, WS_VECTORS_ERROR, WS_VECTORS_ERROR_IO, "not implemented");
  return NULL;
}
