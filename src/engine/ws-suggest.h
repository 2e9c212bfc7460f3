/* ws-suggest.h: known words to offer in place of an unknown one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ws-vectors.h"

G_BEGIN_DECLS

/* How many suggestions an unknown-word message offers. */
#define WS_SUGGEST_MAX 5
/* Near spellings are looked for among this many of the first (most frequent)
 * rows; other casings of the word are found in the whole model. */
#define WS_SUGGEST_SEARCH_ROWS 200000

/* Up to @max_suggestions known words for @word (which the model need not
 * lack), best first, as a NULL-terminated array (never NULL; maybe empty):
 *
 * 1. other casings and spellings with “_” for spaces and ' for ’:
 *    `india` → `India`, `INDIA`; `new york` → `New_York`; `it’s` → `it's`;
 *    by rank (row order);
 * 2. near spellings: words at a Damerau–Levenshtein distance (optimal string
 *    alignment: insert, delete, substitute, swap two neighbours) of 1, then 2,
 *    ignoring case, among the first WS_SUGGEST_SEARCH_ROWS rows; by rank
 *    within each distance. Words of up to 3 characters only get distance 1.
 *
 * The first call on a model builds a small case-folded index of its frequent
 * words (4 bytes a character), kept with the model; it is thread-safe. */
GStrv     ws_suggest              (WsVectors          *vectors,
                                   const char         *word,
                                   guint               max_suggestions);
/* Builds that index now (e.g. in a worker thread after loading). */
void      ws_suggest_prepare      (WsVectors          *vectors);

/* TRUE when @vectors knows @word; otherwise FALSE and @error set to
 * WS_QUERY_ERROR_UNKNOWN_WORD with up to WS_SUGGEST_MAX suggestions. */
gboolean  ws_suggest_check_word   (WsVectors          *vectors,
                                   const char         *word,
                                   GError            **error);
/* The unknown-word message: “kingg” is not in the model. Did you mean: king,
 * kings, Kingg? (no question when @suggestions is NULL or empty). */
char     *ws_suggest_format_unknown (const char         *word,
                                     const char * const *suggestions);

/* The optimal-string-alignment distance between two UTF-8 strings, compared
 * by characters as given (no case folding); any value above @max is
 * reported as @max + 1. */
guint     ws_suggest_distance     (const char         *a,
                                   const char         *b,
                                   guint               max);

G_END_DECLS
