/* fuzz-expression.c: any text as a query (ws_expression_parse)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wordspace-fuzz"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "ws-expression.h"

/* Queries longer than this say nothing new and only cost time. */
#define MAX_QUERY_BYTES 4096

static const char * const model_words[] = {
  "king", "queen", "man", "woman", "x-ray", "C++", "it's", "New York", "U.S.", "Straße",
};

static WsVectors *
small_model (void)
{
  static WsVectors *model;
  gsize n = G_N_ELEMENTS (model_words);
  float matrix[G_N_ELEMENTS (model_words) * 3];
  g_autoptr(GError) error = NULL;

  if (model != NULL)
    return model;
  for (gsize i = 0; i < n * 3; i++)
    matrix[i] = (float) ((i * 7) % 11) - 5.0f;
  model = ws_vectors_new_from_data (model_words, matrix, n, 3, &error);
  g_assert_no_error (error);
  return model;
}

static void
check_terms (WsExpression *expression,
             const char   *text)
{
  gsize len = strlen (text);
  gsize n = ws_expression_get_n_terms (expression);
  g_autofree WsTerm *terms = NULL;
  gsize n_terms = 0;

  g_assert_cmpuint (n, >, 0);
  for (gsize i = 0; i < n; i++)
    {
      const WsExpressionTerm *term = ws_expression_get_term (expression, i);

      g_assert (term->word != NULL);
      g_assert (g_utf8_validate (term->word, -1, NULL));
      g_assert_cmpuint (term->start, <, term->end);
      g_assert_cmpuint (term->end, <=, len);
    }
  terms = ws_expression_to_terms (expression, &n_terms);
  g_assert_cmpuint (n_terms, <=, n);
  if (ws_expression_get_kind (expression) == WS_EXPRESSION_ANALOGY)
    g_assert (ws_expression_get_analogy (expression, NULL, NULL, NULL));
}

/* The tidy spelling reads back as the same expression. */
static void
check_round_trip (WsExpression *expression)
{
  g_autofree char *tidy = ws_expression_to_string (expression);
  g_autoptr(WsExpression) again = NULL;
  g_autofree char *tidy_again = NULL;
  g_autoptr(GError) error = NULL;

  again = ws_expression_parse (tidy, &error);
  /* g_error () would end in SIGTRAP, which libFuzzer does not catch. */
  if (again == NULL)
    {
      g_printerr ("“%s” reads back as “%s”, which does not parse: %s\n",
                  ws_expression_get_text (expression), tidy, error->message);
      abort ();
    }
  tidy_again = ws_expression_to_string (again);
  g_assert_cmpstr (tidy, ==, tidy_again);
  /* "(king)" is arithmetic and its tidy "king" a neighbour query: the
   * same sum, so only analogies and lists must stay what they were. */
  if (ws_expression_get_kind (expression) == WS_EXPRESSION_ANALOGY ||
      ws_expression_get_kind (expression) == WS_EXPRESSION_LIST)
    g_assert_cmpint (ws_expression_get_kind (again), ==, ws_expression_get_kind (expression));
  g_assert_cmpuint (ws_expression_get_n_terms (again), ==, ws_expression_get_n_terms (expression));
  for (gsize i = 0; i < ws_expression_get_n_terms (again); i++)
    {
      const WsExpressionTerm *a = ws_expression_get_term (expression, i);
      const WsExpressionTerm *b = ws_expression_get_term (again, i);

      g_assert_cmpstr (a->word, ==, b->word);
      g_assert_cmpfloat (a->weight, ==, b->weight);
    }
}

static void
answer (WsExpression *expression)
{
  g_autoptr(GPtrArray) unknown = NULL;
  g_autoptr(GArray) scored = NULL;
  g_autoptr(GArray) cosmul = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) cosmul_error = NULL;
  WsVectors *model = small_model ();

  if (!ws_expression_check (expression, model, &unknown, &error))
    {
      g_assert (unknown != NULL && unknown->len > 0);
      g_assert_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_UNKNOWN_WORD);
      return;
    }
  g_assert_cmpuint (unknown->len, ==, 0);
  scored = ws_expression_most_similar (expression, model, 3, 0, &error);
  g_assert (scored != NULL || error != NULL);
  cosmul = ws_expression_most_similar_cosmul (expression, model, 3, 0, &cosmul_error);
  g_assert (cosmul != NULL || cosmul_error != NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autofree char *caret = NULL;
  g_autoptr(WsExpression) expression = NULL;
  g_autoptr(GError) error = NULL;
  gsize error_start = G_MAXSIZE, error_end = G_MAXSIZE;

  ws_fuzz_init ();
  if (size > MAX_QUERY_BYTES)
    return 0;
  /* A query is a C string: it ends at the first NUL. */
  text = g_strndup ((const char *) data, size);

  expression = ws_expression_parse_full (text, &error_start, &error_end, &error);
  if (expression == NULL)
    {
      g_assert (error != NULL && error->domain == WS_QUERY_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      g_assert_cmpuint (error_start, <=, error_end);
      g_assert_cmpuint (error_end, <=, strlen (text) + 1);
      caret = ws_expression_caret_line (text, error_start, error_end);
      g_assert (strchr (caret, '^') != NULL);
      return 0;
    }
  g_assert_no_error (error);
  g_assert_cmpstr (ws_expression_get_text (expression), ==, text);
  check_terms (expression, text);
  check_round_trip (expression);
  answer (expression);
  return 0;
}
