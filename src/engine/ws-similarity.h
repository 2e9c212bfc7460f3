/* ws-similarity.h: gensim 4.x KeyedVectors queries over a WsVectors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every function follows gensim 4.2's KeyedVectors method of the same name:
 * same words, same order, same scores (float32 arithmetic). Unknown words
 * fail with WS_QUERY_ERROR_UNKNOWN_WORD naming the word.
 */
#pragma once

#include "ws-query-error.h"
#include "ws-vectors.h"

G_BEGIN_DECLS

/* One result: a row of the model and its score. */
typedef struct
{
  gsize row;
  float score;
} WsScored;

/* One term of a most_similar query: a word, or a raw vector (used as given,
 * as gensim uses an ndarray), times a weight. gensim's defaults are +1 for
 * positive and -1 for negative words. */
typedef struct
{
  const char  *word;     /* NULL when @vector is set */
  const float *vector;   /* dim floats, or NULL */
  float        weight;
} WsTerm;

/* Results are a GArray of WsScored, best first. @topn 0 gives an empty array,
 * as gensim does for topn < 1. @restrict_vocab 0 searches every row,
 * otherwise only the first @restrict_vocab. Input words are left out of the
 * results exactly as gensim does. Rows whose vector is all zeros score NaN
 * and come after every number, as in gensim; equal scores keep row order.
 * A query word whose vector is all zeros is WS_QUERY_ERROR_INVALID (gensim
 * would score every row NaN). most_similar_cosmul honours @restrict_vocab
 * (gensim 4.2 ignores it). */
GArray   *ws_most_similar        (WsVectors          *vectors,
                                  const WsTerm       *terms,
                                  gsize               n_terms,
                                  gsize               topn,
                                  gsize               restrict_vocab,
                                  GError            **error);
GArray   *ws_most_similar_cosmul (WsVectors          *vectors,
                                  const char * const *positive,
                                  gsize               n_positive,
                                  const char * const *negative,
                                  gsize               n_negative,
                                  gsize               topn,
                                  gsize               restrict_vocab,
                                  GError            **error);
GArray   *ws_similar_by_vector   (WsVectors          *vectors,
                                  const float        *vector,
                                  gsize               topn,
                                  gsize               restrict_vocab,
                                  GError            **error);
/* most_similar (positive=[word]). */
GArray   *ws_neighbors           (WsVectors          *vectors,
                                  const char         *word,
                                  gsize               topn,
                                  gsize               restrict_vocab,
                                  GError            **error);
gboolean  ws_similarity          (WsVectors          *vectors,
                                  const char         *word1,
                                  const char         *word2,
                                  float              *similarity,
                                  GError            **error);
/* Unknown words are skipped, as gensim skips them; a list with no known word
 * at all is WS_QUERY_ERROR_UNKNOWN_WORD (gensim would answer 0.0). */
gboolean  ws_n_similarity        (WsVectors          *vectors,
                                  const char * const *words1,
                                  gsize               n_words1,
                                  const char * const *words2,
                                  gsize               n_words2,
                                  float              *similarity,
                                  GError            **error);
/* The word furthest from the mean; unknown words are ignored (as gensim
 * does), and listed in @ignored (a NULL-terminated array) when it is set.
 * Returns the model's copy of the word. */
const char *ws_doesnt_match      (WsVectors          *vectors,
                                  const char * const *words,
                                  gsize               n_words,
                                  GStrv              *ignored,
                                  GError            **error);
/* gensim's rank (key1, key2): 1 + how many words are closer to @word1. */
gboolean  ws_rank                (WsVectors          *vectors,
                                  const char         *word1,
                                  const char         *word2,
                                  gsize              *rank,
                                  GError            **error);

G_END_DECLS
