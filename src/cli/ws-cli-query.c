/* ws-cli-query.c: query, cosmul — the words nearest to an expression
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wordspace-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ws-cli.h"
#include "ws-expression.h"
#include "ws-similarity.h"
#include "ws-suggest.h"

#define QUERY_SUMMARY \
  N_("Print the words nearest to EXPR, as gensim’s most_similar does.\n" \
     "\n" \
     "EXPR is a word (its neighbours) or an expression:\n" \
     "  king - man + woman          arithmetic (positive and negative words)\n" \
     "  man : king :: woman : ?     an analogy: the same as king - man + woman\n" \
     "  2*king - man, 0.5 queen     weights\n" \
     "  king - (man - woman)        parentheses\n" \
     "  crown_prince, \"New York\"    phrases: with “_” as Google News writes them, or quoted\n" \
     "A hyphen between letters is part of a word (x-ray); with a space before it,\n" \
     "it subtracts (x - ray, x -ray). Quote words that start with an operator\n" \
     "(\"--\", \"C++\"). Put EXPR in quotes so the shell passes it whole.")

#define COSMUL_SUMMARY \
  N_("Print the words nearest to EXPR by 3CosMul, as gensim’s most_similar_cosmul\n" \
     "does (Levy and Goldberg’s multiplicative combination).\n" \
     "\n" \
     "EXPR is written as for “query”, without weights:\n" \
     "  king - man + woman, man : king :: woman : ?, king")

typedef enum
{
  METHOD_MOST_SIMILAR,
  METHOD_COSMUL,
} Method;

static void
print_parse_error (const char   *text,
                   const GError *error,
                   gsize         start,
                   gsize         end)
{
  g_autofree char *caret = NULL;

  ws_cli_print_error (error);
  if (error->code == WS_QUERY_ERROR_EMPTY)
    return;
  caret = ws_expression_caret_line (text, start, end);
  g_printerr ("  %s\n  %s\n", text, caret);
}

/* One line per unknown word with its suggestions, then the query with
 * every unknown word underlined. */
static void
print_unknown_words (const char *text,
                     GPtrArray  *unknown)
{
  g_autoptr(GHashTable) named = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) marks = g_string_new (NULL);

  for (guint i = 0; i < unknown->len; i++)
    {
      WsUnknownWord *u = g_ptr_array_index (unknown, i);
      g_autofree char *caret = ws_expression_caret_line (text, u->start, u->end);

      if (g_hash_table_add (named, u->word))
        {
          g_autofree char *message =
            ws_suggest_format_unknown (u->word, (const char * const *) u->suggestions);

          g_printerr ("wordspace-cli: %s\n", message);
        }
      /* Overlay this word's marks on the others'. */
      for (gsize k = 0; caret[k] != '\0'; k++)
        {
          if (k >= marks->len)
            g_string_append_c (marks, caret[k]);
          else if (caret[k] != ' ' && caret[k] != '\t')
            marks->str[k] = caret[k];
        }
    }
  g_printerr ("  %s\n  %s\n", text, marks->str);
}

static void
add_terms_json (JsonBuilder  *b,
                WsExpression *expression)
{
  const WsExpressionTerm *a, *bb, *c;

  json_builder_set_member_name (b, "terms");
  json_builder_begin_array (b);
  for (gsize i = 0; i < ws_expression_get_n_terms (expression); i++)
    {
      const WsExpressionTerm *t = ws_expression_get_term (expression, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "word");
      json_builder_add_string_value (b, t->word);
      json_builder_set_member_name (b, "weight");
      json_builder_add_double_value (b, t->weight);
      json_builder_set_member_name (b, "start");
      json_builder_add_int_value (b, t->start);
      json_builder_set_member_name (b, "end");
      json_builder_add_int_value (b, t->end);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  if (ws_expression_get_analogy (expression, &a, &bb, &c))
    {
      json_builder_set_member_name (b, "analogy");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "a");
      json_builder_add_string_value (b, a->word);
      json_builder_set_member_name (b, "b");
      json_builder_add_string_value (b, bb->word);
      json_builder_set_member_name (b, "c");
      json_builder_add_string_value (b, c->word);
      json_builder_end_object (b);
    }
}

static void
add_query_json (JsonBuilder  *b,
                const char   *text,
                WsExpression *expression)
{
  json_builder_set_member_name (b, "query");
  json_builder_add_string_value (b, text);
  if (expression != NULL)
    {
      g_autofree char *tidy = ws_expression_to_string (expression);

      json_builder_set_member_name (b, "expression");
      json_builder_add_string_value (b, tidy);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b,
                                     ws_expression_kind_to_string (ws_expression_get_kind (expression)));
      add_terms_json (b, expression);
    }
}

/* With --json, a query that can't be answered still prints one document,
 * so a script reads why from stdout as well as the exit status. */
static void
print_error_json (const char   *command,
                  WsVectors    *vectors,
                  const char   *text,
                  WsExpression *expression,
                  const GError *error,
                  gsize         start,
                  gsize         end,
                  GPtrArray    *unknown)
{
  g_autoptr(JsonBuilder) b = ws_cli_json_begin (command, vectors);

  add_query_json (b, text, expression);
  json_builder_set_member_name (b, "error");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, error->message);
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b,
                                 error->code == WS_QUERY_ERROR_UNKNOWN_WORD ? "unknown-word" :
                                 error->code == WS_QUERY_ERROR_PARSE ? "parse" :
                                 error->code == WS_QUERY_ERROR_EMPTY ? "empty" : "invalid");
  if (error->code == WS_QUERY_ERROR_PARSE)
    {
      json_builder_set_member_name (b, "start");
      json_builder_add_int_value (b, start);
      json_builder_set_member_name (b, "end");
      json_builder_add_int_value (b, end);
      json_builder_set_member_name (b, "column");
      json_builder_add_int_value (b, g_utf8_strlen (text, start) + 1);
    }
  if (unknown != NULL && unknown->len > 0)
    {
      json_builder_set_member_name (b, "unknown");
      json_builder_begin_array (b);
      for (guint i = 0; i < unknown->len; i++)
        {
          WsUnknownWord *u = g_ptr_array_index (unknown, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "word");
          json_builder_add_string_value (b, u->word);
          json_builder_set_member_name (b, "start");
          json_builder_add_int_value (b, u->start);
          json_builder_set_member_name (b, "end");
          json_builder_add_int_value (b, u->end);
          json_builder_set_member_name (b, "suggestions");
          json_builder_begin_array (b);
          for (guint k = 0; u->suggestions[k] != NULL; k++)
            json_builder_add_string_value (b, u->suggestions[k]);
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  ws_cli_print_json (b);
}

static int
run_query (const char  *command,
           const char  *summary,
           Method       method,
           int          argc,
           char       **argv)
{
  g_auto(WsCliOptions) options = { 0 };
  g_autoptr(WsVectors) vectors = NULL;
  g_autoptr(WsExpression) expression = NULL;
  g_autoptr(GPtrArray) unknown = NULL;
  g_autoptr(GArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) words = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) padded = g_ptr_array_new_with_free_func (g_free);
  gboolean seen_separator = FALSE;
  gsize start = 0, end = 0;

  /* "-man + king" is an expression, not an option: a space in front keeps
   * GOptionContext off it (and is taken off again below). A lone "-man"
   * still needs "--" before it. */
  for (int i = 1; i < argc; i++)
    if (argv[i][0] == '-' && argv[i][1] != '-' && strpbrk (argv[i], " \t+:,()") != NULL)
      {
        argv[i] = g_strconcat (" ", argv[i], NULL);
        g_ptr_array_add (padded, argv[i]);
      }

  if (!ws_cli_parse (command, N_("EXPR"), summary, NULL, &options, &argc, &argv))
    return WS_EXIT_USAGE;

  /* `query king + woman` works as well as `query "king + woman"`. */
  words = g_ptr_array_new ();
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--") == 0 && !seen_separator)
        seen_separator = TRUE;
      else if (argv[i][0] == ' ' && argv[i][1] == '-')
        g_ptr_array_add (words, argv[i] + 1);
      else
        g_ptr_array_add (words, argv[i]);
    }
  if (words->len == 0)
    {
      g_printerr (_("wordspace-cli %s: takes an expression, such as "
                    "\"king - man + woman\"\n"), command);
      return WS_EXIT_USAGE;
    }
  g_ptr_array_add (words, NULL);
  text = g_strjoinv (" ", (char **) words->pdata);

  /* A typing mistake is reported before a long load. */
  expression = ws_expression_parse_full (text, &start, &end, &error);
  if (expression == NULL)
    {
      print_parse_error (text, error, start, end);
      if (options.json)
        print_error_json (command, NULL, text, NULL, error, start, end, NULL);
      return WS_EXIT_QUERY;
    }

  if ((vectors = ws_cli_load_model (&options)) == NULL)
    return WS_EXIT_MODEL;

  if (ws_expression_check (expression, vectors, &unknown, &error))
    {
      if (method == METHOD_COSMUL)
        results = ws_expression_most_similar_cosmul (expression, vectors, options.topn,
                                                     options.restrict_vocab, &error);
      else
        results = ws_expression_most_similar (expression, vectors, options.topn,
                                              options.restrict_vocab, &error);
    }
  if (results == NULL)
    {
      if (unknown != NULL && unknown->len > 0)
        print_unknown_words (text, unknown);
      else
        ws_cli_print_error (error);
      if (options.json)
        print_error_json (command, vectors, text, expression, error, 0, 0, unknown);
      return WS_EXIT_QUERY;
    }

  if (options.json)
    {
      g_autoptr(JsonBuilder) b = ws_cli_json_begin (command, vectors);

      add_query_json (b, text, expression);
      json_builder_set_member_name (b, "method");
      json_builder_add_string_value (b, method == METHOD_COSMUL ? "most_similar_cosmul"
                                                                : "most_similar");
      json_builder_set_member_name (b, "topn");
      json_builder_add_int_value (b, options.topn);
      json_builder_set_member_name (b, "restrict_vocab");
      json_builder_add_int_value (b, options.restrict_vocab);
      json_builder_set_member_name (b, "results");
      json_builder_begin_array (b);
      for (guint i = 0; i < results->len; i++)
        {
          const WsScored *r = &g_array_index (results, WsScored, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "rank");
          json_builder_add_int_value (b, i + 1);
          json_builder_set_member_name (b, "word");
          json_builder_add_string_value (b, ws_vectors_get_word (vectors, r->row));
          json_builder_set_member_name (b, "score");
          /* JSON has no NaN, which a zero vector scores. */
          if (isnan (r->score))
            json_builder_add_null_value (b);
          else
            json_builder_add_double_value (b, r->score);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      ws_cli_print_json (b);
      return WS_EXIT_OK;
    }

  /* One line a word, best first: rank, word, score to 4 places. */
  ws_cli_print_scored (&options, vectors, results);
  return WS_EXIT_OK;
}

int
ws_cli_query (int    argc,
              char **argv)
{
  return run_query ("query", QUERY_SUMMARY, METHOD_MOST_SIMILAR, argc, argv);
}

int
ws_cli_cosmul (int    argc,
               char **argv)
{
  return run_query ("cosmul", COSMUL_SUMMARY, METHOD_COSMUL, argc, argv);
}
