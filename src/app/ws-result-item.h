/* ws-result-item.h: one row of the results list (rank, word, cosine)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define WS_TYPE_RESULT_ITEM (ws_result_item_get_type ())
G_DECLARE_FINAL_TYPE (WsResultItem, ws_result_item, WS, RESULT_ITEM, GObject)

WsResultItem *ws_result_item_new       (guint       rank,
                                        const char *word,
                                        double      score);
guint         ws_result_item_get_rank  (WsResultItem *self);
const char   *ws_result_item_get_word  (WsResultItem *self);
double        ws_result_item_get_score (WsResultItem *self);
/* The score as the seed prints it: four decimals, in the C locale. */
char         *ws_result_item_format_score (WsResultItem *self);

G_END_DECLS
