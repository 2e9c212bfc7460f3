/* ws-query-error.h: why a query cannot be answered
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WS_QUERY_ERROR (ws_query_error_quark ())

typedef enum
{
  WS_QUERY_ERROR_UNKNOWN_WORD,  /* a word the model does not have */
  WS_QUERY_ERROR_PARSE,         /* the query text does not parse */
  WS_QUERY_ERROR_EMPTY,         /* nothing to compute with (no words, no positive words…) */
  WS_QUERY_ERROR_INVALID,       /* a value out of range (wrong vector size…) */
} WsQueryError;

GQuark ws_query_error_quark (void);

G_END_DECLS
