/* ws-query-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ws-query-error.h"

G_DEFINE_QUARK (ws-query-error-quark, ws_query_error)
