/* ws-populate.h: making large arrays resident ahead of writing them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On the virtual machines measured, the first touch of memory runs at
 * 0.3-0.6 GB/s a core (the host backs each page), against 10-20 GB/s once
 * backed. A model's rows are made resident here: in one go on every core,
 * or by a thread in the background while the rows are being filled.
 * Only advice: a kernel that declines changes nothing but the speed.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An array of @rows rows of @row_bytes bytes at @p (NULL: none). */
typedef struct
{
  void  *p;
  gsize  row_bytes;
} WsPopulateArray;

/* How many rows of the arrays (all of them together) fit in @bytes: at
 * least 1. */
gsize         ws_populate_rows_in  (const WsPopulateArray *arrays,
                                    gsize                  n_arrays,
                                    gsize                  bytes);

/* madvise () over the whole pages within [@p, @p + @bytes). */
void          ws_advise_pages      (void                  *p,
                                    gsize                  bytes,
                                    int                    advice);

/* Makes rows [@first, @first + @n) of the @n_arrays arrays resident now,
 * with one thread per core when they are large. */
void          ws_populate_rows     (const WsPopulateArray *arrays,
                                    gsize                  n_arrays,
                                    gsize                  first,
                                    gsize                  n);

typedef struct _WsPopulator WsPopulator;

/* Starts making rows [0, @rows) of the arrays resident in the background,
 * front to back. The arrays must stay where they are until
 * ws_populator_stop (); writing to them meanwhile is fine. */
WsPopulator  *ws_populator_start   (const WsPopulateArray *arrays,
                                    gsize                  n_arrays,
                                    gsize                  rows);
/* Stops early if not done, waits for the threads, and frees @self. */
void          ws_populator_stop    (WsPopulator           *self);

G_END_DECLS
