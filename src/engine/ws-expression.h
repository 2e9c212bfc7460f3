/* ws-expression.h: a query typed by a person, parsed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The language:
 *
 *   king                       a single word: its neighbours
 *   king - man + woman         arithmetic on word vectors (gensim's
 *   -man + king + woman        most_similar with positive and negative words)
 *   2*king - man, 0.5 queen    optional weights: a number before a word, with
 *   king*2                     or without “*”, or “*” and a number after it
 *   king - (man - woman)       parentheses, multiplied out
 *   man : king :: woman : ?    an analogy, the same as king - man + woman;
 *   man:king::woman            the spaces, the last “:” and the “?” are optional
 *   breakfast, lunch, cereal   a list (for “which doesn’t match”)
 *
 * A word is a run of anything but spaces and the operators + - * : , ? ( )
 * and double quotes: any letters, digits, apostrophes (it's), dots (U.S.),
 * underscores (phrases as Google News writes them: crown_prince, New_York).
 * A hyphen between two word characters is part of the word: `x-ray` is one
 * word, while `x - ray` and `x -ray` subtract `ray` from `x`. A Unicode minus
 * (−) always subtracts. Full-width operators (＋ － ： ， ？ and 、) and × for
 * “*” work as well. Anything else, such as a word with spaces or one that
 * starts with an operator (`C++`, `--`), is written in double quotes:
 * "it's", "New York", "--", “C++”.
 */
#pragma once

#include "ws-query-error.h"
#include "ws-similarity.h"
#include "ws-vectors.h"

G_BEGIN_DECLS

typedef enum
{
  WS_EXPRESSION_NEIGHBORS,   /* one word (any positive weight) */
  WS_EXPRESSION_ARITHMETIC,  /* weighted sum of words */
  WS_EXPRESSION_ANALOGY,     /* a : b :: c : ? — terms a (−1), b (+1), c (+1) */
  WS_EXPRESSION_LIST,        /* words separated by commas, each +1 */
} WsExpressionKind;

/* One word of the expression with its weight (after multiplying out signs,
 * numbers and parentheses), and where it is in the text: bytes
 * [start, end), quotes included. */
typedef struct
{
  char  *word;
  float  weight;
  gsize  start;
  gsize  end;
} WsExpressionTerm;

/* A word the model lacks, where it is in the text, and known words to offer
 * instead (NULL-terminated, maybe empty). */
typedef struct
{
  char  *word;
  gsize  start;
  gsize  end;
  GStrv  suggestions;
} WsUnknownWord;

void ws_unknown_word_free (WsUnknownWord *unknown);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WsUnknownWord, ws_unknown_word_free)

#define WS_TYPE_EXPRESSION (ws_expression_get_type ())
G_DECLARE_FINAL_TYPE (WsExpression, ws_expression, WS, EXPRESSION, GObject)

/* Parses @text (UTF-8). On failure returns NULL with WS_QUERY_ERROR_PARSE,
 * or WS_QUERY_ERROR_EMPTY for blank text; the message says what was
 * expected and at which column (in characters, from 1). */
WsExpression           *ws_expression_parse        (const char        *text,
                                                    GError           **error);
/* The same, and on a parse error the bytes [*error_start, *error_end) of
 * @text to mark (an empty span at the end of the text when it ends too
 * soon). Either may be NULL. */
WsExpression           *ws_expression_parse_full   (const char        *text,
                                                    gsize             *error_start,
                                                    gsize             *error_end,
                                                    GError           **error);

const char             *ws_expression_get_text     (WsExpression      *self);
WsExpressionKind        ws_expression_get_kind     (WsExpression      *self);
/* "neighbors", "arithmetic", "analogy" or "list" (not translated). */
const char             *ws_expression_kind_to_string (WsExpressionKind kind);

/* Terms in the order of the text. Valid as long as @self. */
gsize                   ws_expression_get_n_terms  (WsExpression      *self);
const WsExpressionTerm *ws_expression_get_term     (WsExpression      *self,
                                                    gsize              index);
/* For an analogy “a : b :: c : ?”, its three terms; FALSE otherwise. Any
 * out argument may be NULL. */
gboolean                ws_expression_get_analogy  (WsExpression      *self,
                                                    const WsExpressionTerm **a,
                                                    const WsExpressionTerm **b,
                                                    const WsExpressionTerm **c);
/* The terms as gensim's most_similar takes them: positive weights first,
 * then negative ones, each in text order (an analogy gives b, c, then a).
 * The words point into @self. Free with g_free (). */
WsTerm                 *ws_expression_to_terms     (WsExpression      *self,
                                                    gsize             *n_terms);
/* A tidy spelling of the expression: `king - man + woman`, `2*king - man`,
 * `man : king :: woman : ?`, `a, b, c`. Parentheses are multiplied out. */
char                   *ws_expression_to_string    (WsExpression      *self);

/* TRUE when @vectors knows every word. Otherwise FALSE with
 * WS_QUERY_ERROR_UNKNOWN_WORD naming each unknown word with up to 5
 * suggestions. When @unknown is set it receives a GPtrArray of
 * WsUnknownWord (empty when all words are known), in text order. */
gboolean                ws_expression_check        (WsExpression      *self,
                                                    WsVectors         *vectors,
                                                    GPtrArray        **unknown,
                                                    GError           **error);
/* ws_most_similar on the expression's terms (see ws-similarity.h), after
 * ws_expression_check. Returns a GArray of WsScored, best first. */
GArray                 *ws_expression_most_similar (WsExpression      *self,
                                                    WsVectors         *vectors,
                                                    gsize              topn,
                                                    gsize              restrict_vocab,
                                                    GError           **error);
/* ws_most_similar_cosmul (gensim's 3CosMul) with the positive and negative
 * words; fails with WS_QUERY_ERROR_INVALID when a weight is other than +1 or
 * −1, as 3CosMul has no weights. */
GArray                 *ws_expression_most_similar_cosmul (WsExpression *self,
                                                           WsVectors    *vectors,
                                                           gsize         topn,
                                                           gsize         restrict_vocab,
                                                           GError      **error);

/* For command lines: a line to print under @text that puts “^” under the
 * byte @start and “~” under the rest of [start, end), counting wide
 * characters as two columns and keeping tabs. */
char                   *ws_expression_caret_line   (const char        *text,
                                                    gsize              start,
                                                    gsize              end);

G_END_DECLS
