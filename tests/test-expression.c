/* test-expression.c: the query language a person types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ws-expression.h"
#include "ws-test-util.h"

typedef struct
{
  const char       *text;
  WsExpressionKind  kind;
  const char       *terms;     /* "word weight|word weight…" */
  const char       *tidy;      /* ws_expression_to_string, NULL: same as text */
} Case;

static const Case good_cases[] = {
  { "king", WS_EXPRESSION_NEIGHBORS, "king 1", NULL },
  { "   king \t ", WS_EXPRESSION_NEIGHBORS, "king 1", "king" },
  { "+king", WS_EXPRESSION_NEIGHBORS, "king 1", "king" },
  { "king - man + woman", WS_EXPRESSION_ARITHMETIC, "king 1|man -1|woman 1", NULL },
  { "king + woman - man", WS_EXPRESSION_ARITHMETIC, "king 1|woman 1|man -1", NULL },
  { "-man + king", WS_EXPRESSION_ARITHMETIC, "man -1|king 1", "-man + king" },
  { "king -man +woman", WS_EXPRESSION_ARITHMETIC, "king 1|man -1|woman 1", "king - man + woman" },
  { "king-man", WS_EXPRESSION_NEIGHBORS, "king-man 1", NULL },
  { "king−man+woman", WS_EXPRESSION_ARITHMETIC, "king 1|man -1|woman 1", "king - man + woman" },
  { "-king", WS_EXPRESSION_ARITHMETIC, "king -1", NULL },
  /* Hyphens: inside a word when word characters surround them. */
  { "x-ray", WS_EXPRESSION_NEIGHBORS, "x-ray 1", NULL },
  { "x - ray", WS_EXPRESSION_ARITHMETIC, "x 1|ray -1", NULL },
  { "x -ray", WS_EXPRESSION_ARITHMETIC, "x 1|ray -1", "x - ray" },
  { "x- ray", WS_EXPRESSION_ARITHMETIC, "x 1|ray -1", "x - ray" },
  { "co--op + well-known", WS_EXPRESSION_ARITHMETIC, "co--op 1|well-known 1", NULL },
  { "e-mail-address", WS_EXPRESSION_NEIGHBORS, "e-mail-address 1", NULL },
  /* Analogies, with and without spaces, “:” and “?”. */
  { "man : king :: woman : ?", WS_EXPRESSION_ANALOGY, "man -1|king 1|woman 1", NULL },
  { "man:king::woman:?", WS_EXPRESSION_ANALOGY, "man -1|king 1|woman 1", "man : king :: woman : ?" },
  { "man:king::woman", WS_EXPRESSION_ANALOGY, "man -1|king 1|woman 1", "man : king :: woman : ?" },
  { "man : king :: woman :", WS_EXPRESSION_ANALOGY, "man -1|king 1|woman 1", "man : king :: woman : ?" },
  { "man:king::woman?", WS_EXPRESSION_ANALOGY, "man -1|king 1|woman 1", "man : king :: woman : ?" },
  { "Athens : Greece :: Oslo : ?", WS_EXPRESSION_ANALOGY, "Athens -1|Greece 1|Oslo 1", NULL },
  /* Weights. */
  { "2*king - man", WS_EXPRESSION_ARITHMETIC, "king 2|man -1", NULL },
  { "2 * king - man", WS_EXPRESSION_ARITHMETIC, "king 2|man -1", "2*king - man" },
  { "0.5 king + queen", WS_EXPRESSION_ARITHMETIC, "king 0.5|queen 1", "0.5*king + queen" },
  { "king*2 - 3 * man", WS_EXPRESSION_ARITHMETIC, "king 2|man -3", "2*king - 3*man" },
  { ".5*king", WS_EXPRESSION_ARITHMETIC, "king 0.5", "0.5*king" },
  { "2*king", WS_EXPRESSION_ARITHMETIC, "king 2", NULL },
  { "king - (man - woman)", WS_EXPRESSION_ARITHMETIC, "king 1|man -1|woman 1", "king - man + woman" },
  { "2*(king - man) + woman", WS_EXPRESSION_ARITHMETIC, "king 2|man -2|woman 1", "2*king - 2*man + woman" },
  { "-(-(king))", WS_EXPRESSION_ARITHMETIC, "king 1", "king" },
  /* Weights spelled back without an exponent (which would read as a word)
   * and with the digits that give the same float. */
  { "555555555550.7 king", WS_EXPRESSION_ARITHMETIC, "king 555555553280", "555555550000*king" },
  { "0.0000001*king", WS_EXPRESSION_ARITHMETIC, "king 0.0000001", NULL },
  { "0.333333333*king", WS_EXPRESSION_ARITHMETIC, "king 0.3333333432674408", "0.33333334*king" },
  { "0.1*(0.1*king)", WS_EXPRESSION_ARITHMETIC, "king 0.01", "0.01*king" },
  /* Words that need their quotes back. */
  { "\"/-\"", WS_EXPRESSION_NEIGHBORS, "/- 1", NULL },
  { "\"x-\" - y", WS_EXPRESSION_ARITHMETIC, "x- 1|y -1", NULL },
  { "3*\"2\"", WS_EXPRESSION_ARITHMETIC, "2 3", NULL },
  { "\"1.5\" + 2*\"3\"", WS_EXPRESSION_ARITHMETIC, "1.5 1|3 2", "1.5 + 2*\"3\"" },
  /* Numbers that are words. */
  { "2", WS_EXPRESSION_NEIGHBORS, "2 1", NULL },
  { "king + 2", WS_EXPRESSION_ARITHMETIC, "king 1|2 1", NULL },
  { "1.5", WS_EXPRESSION_NEIGHBORS, "1.5 1", NULL },
  /* Phrases, punctuation inside words, quotes. */
  { "crown_prince", WS_EXPRESSION_NEIGHBORS, "crown_prince 1", NULL },
  { "New_York - USA + France", WS_EXPRESSION_ARITHMETIC, "New_York 1|USA -1|France 1", NULL },
  { "U.S. + Canada", WS_EXPRESSION_ARITHMETIC, "U.S. 1|Canada 1", NULL },
  { "it's", WS_EXPRESSION_NEIGHBORS, "it's 1", NULL },
  { "\"it's\"", WS_EXPRESSION_NEIGHBORS, "it's 1", "it's" },
  { "rock'n'roll - guitar", WS_EXPRESSION_ARITHMETIC, "rock'n'roll 1|guitar -1", NULL },
  { "\"New York\" - city", WS_EXPRESSION_ARITHMETIC, "New York 1|city -1", NULL },
  { "“C++” + java", WS_EXPRESSION_ARITHMETIC, "C++ 1|java 1", "\"C++\" + java" },
  { "\"--\"", WS_EXPRESSION_NEIGHBORS, "-- 1", NULL },
  { "\" 2 \" + king", WS_EXPRESSION_ARITHMETIC, "2 1|king 1", "2 + king" },
  { "AT&T + 24/7", WS_EXPRESSION_ARITHMETIC, "AT&T 1|24/7 1", NULL },
  /* Any Unicode letters. */
  { "Königin - Frau + Mann", WS_EXPRESSION_ARITHMETIC, "Königin 1|Frau -1|Mann 1", NULL },
  { "москва - россия + франция", WS_EXPRESSION_ARITHMETIC, "москва 1|россия -1|франция 1", NULL },
  { "東京 - 日本 + フランス", WS_EXPRESSION_ARITHMETIC, "東京 1|日本 -1|フランス 1", NULL },
  { "हु", WS_EXPRESSION_NEIGHBORS, "हु 1", NULL },
  { "👑 - 👨 + 👩", WS_EXPRESSION_ARITHMETIC, "👑 1|👨 -1|👩 1", NULL },
  { "ö:é::the", WS_EXPRESSION_ANALOGY, "ö -1|é 1|the 1", "ö : é :: the : ?" },
  /* Operators as CJK keyboards and typesetting write them. */
  { "東京－日本＋フランス", WS_EXPRESSION_ARITHMETIC, "東京 1|日本 -1|フランス 1", "東京 - 日本 + フランス" },
  { "男：王：：女：？", WS_EXPRESSION_ANALOGY, "男 -1|王 1|女 1", "男 : 王 :: 女 : ?" },
  { "man ∶ king ∷ woman ∶ ?", WS_EXPRESSION_ANALOGY, "man -1|king 1|woman 1", "man : king :: woman : ?" },
  { "2×king", WS_EXPRESSION_ARITHMETIC, "king 2", "2*king" },
  { "朝食、昼食，夕食", WS_EXPRESSION_LIST, "朝食 1|昼食 1|夕食 1", "朝食, 昼食, 夕食" },
  /* Lists. */
  { "breakfast, lunch, cereal", WS_EXPRESSION_LIST, "breakfast 1|lunch 1|cereal 1", NULL },
  { "breakfast,lunch", WS_EXPRESSION_LIST, "breakfast 1|lunch 1", "breakfast, lunch" },
  { "x-ray, \"a b\", 3", WS_EXPRESSION_LIST, "x-ray 1|a b 1|3 1", NULL },
};

static void
assert_terms (WsExpression *e,
              const char   *expected)
{
  g_auto(GStrv) parts = g_strsplit (expected, "|", -1);

  g_assert_cmpuint (ws_expression_get_n_terms (e), ==, g_strv_length (parts));
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const WsExpressionTerm *t = ws_expression_get_term (e, i);
      const char *space = strrchr (parts[i], ' ');
      g_autofree char *word = g_strndup (parts[i], space - parts[i]);

      g_assert_cmpstr (t->word, ==, word);
      g_assert_cmpfloat_with_epsilon (t->weight, g_ascii_strtod (space + 1, NULL), 1e-7);
    }
}

static void
test_good (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WsExpression) e = ws_expression_parse (c->text, &error);
  g_autoptr(WsExpression) again = NULL;
  g_autofree char *tidy = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (e);
  g_assert_cmpstr (ws_expression_get_text (e), ==, c->text);
  g_assert_cmpint (ws_expression_get_kind (e), ==, c->kind);
  assert_terms (e, c->terms);

  /* The tidy spelling reads back as the same terms. */
  tidy = ws_expression_to_string (e);
  g_assert_cmpstr (tidy, ==, c->tidy != NULL ? c->tidy : c->text);
  again = ws_expression_parse (tidy, &error);
  g_assert_no_error (error);
  assert_terms (again, c->terms);

  /* Every span covers its word in the text (quotes included). */
  for (gsize i = 0; i < ws_expression_get_n_terms (e); i++)
    {
      const WsExpressionTerm *t = ws_expression_get_term (e, i);
      g_autofree char *span = g_strndup (c->text + t->start, t->end - t->start);

      g_assert_cmpuint (t->end, <=, strlen (c->text));
      g_assert_nonnull (strstr (span, t->word));
      g_assert_cmpuint (strlen (span), <=, strlen (t->word) + 6);
    }
}

static void
test_spans (void)
{
  const char *text = "Königin − “New York” + x-ray";
  g_autoptr(GError) error = NULL;
  g_autoptr(WsExpression) e = ws_expression_parse (text, &error);
  const WsExpressionTerm *t;

  g_assert_no_error (error);
  t = ws_expression_get_term (e, 0);
  g_assert_cmpuint (t->start, ==, 0);
  g_assert_cmpuint (t->end, ==, strlen ("Königin"));
  t = ws_expression_get_term (e, 1);
  g_assert_cmpstr (t->word, ==, "New York");
  g_assert_cmpfloat (t->weight, ==, -1.0f);
  g_assert_cmpuint (t->start, ==, strlen ("Königin − "));
  g_assert_cmpuint (t->end, ==, strlen ("Königin − “New York”"));
  t = ws_expression_get_term (e, 2);
  g_assert_cmpuint (t->start, ==, strlen ("Königin − “New York” + "));
  g_assert_cmpuint (t->end, ==, strlen (text));
}

static void
test_analogy_roles (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WsExpression) e = ws_expression_parse ("man : king :: woman : ?", &error);
  g_autoptr(WsExpression) sum = ws_expression_parse ("king - man + woman", &error);
  const WsExpressionTerm *a = NULL, *b = NULL, *c = NULL;

  g_assert_no_error (error);
  g_assert_true (ws_expression_get_analogy (e, &a, &b, &c));
  g_assert_cmpstr (a->word, ==, "man");
  g_assert_cmpstr (b->word, ==, "king");
  g_assert_cmpstr (c->word, ==, "woman");
  g_assert_cmpuint (b->start, ==, 6);
  g_assert_cmpuint (b->end, ==, 10);
  g_assert_false (ws_expression_get_analogy (sum, &a, NULL, NULL));
  g_assert_cmpstr (ws_expression_kind_to_string (ws_expression_get_kind (e)), ==, "analogy");
  g_assert_cmpstr (ws_expression_kind_to_string (ws_expression_get_kind (sum)), ==, "arithmetic");
}

static void
test_to_terms_positive_first (void)
{
  const char *texts[] = { "king - man + woman", "man : king :: woman : ?", "-man + king + woman" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WsExpression) e = ws_expression_parse (texts[i], &error);
      g_autofree WsTerm *terms = NULL;
      gsize n = 0;

      g_assert_no_error (error);
      terms = ws_expression_to_terms (e, &n);
      /* As gensim's most_similar (positive=['king', 'woman'], negative=['man']). */
      g_assert_cmpuint (n, ==, 3);
      g_assert_cmpstr (terms[0].word, ==, "king");
      g_assert_cmpstr (terms[1].word, ==, "woman");
      g_assert_cmpstr (terms[2].word, ==, "man");
      g_assert_cmpfloat (terms[0].weight, ==, 1.0f);
      g_assert_cmpfloat (terms[1].weight, ==, 1.0f);
      g_assert_cmpfloat (terms[2].weight, ==, -1.0f);
      g_assert_null (terms[0].vector);
    }
}

typedef struct
{
  const char *text;
  int         code;
  const char *message_part;   /* must appear in the message */
  gsize       start;          /* the span marked */
  gsize       end;
} BadCase;

static const BadCase bad_cases[] = {
  { "", WS_QUERY_ERROR_EMPTY, "empty", 0, 0 },
  { "   \t ", WS_QUERY_ERROR_EMPTY, "empty", 0, 0 },
  { "king +", WS_QUERY_ERROR_PARSE, "Expected a word after “+” at column 7, found the end of the query.", 6, 6 },
  { "king + + man", WS_QUERY_ERROR_PARSE, "Expected a word after “+” at column 8, found “+”.", 7, 8 },
  { "king -", WS_QUERY_ERROR_PARSE, "Expected a word after “-” at column 7", 6, 6 },
  { "New York", WS_QUERY_ERROR_PARSE, "after “New” at column 5, found “York”. To use a phrase, join its words with “_” (New_York) or put it in quotes.", 4, 8 },
  { "(king - man", WS_QUERY_ERROR_PARSE, "The parenthesis at column 1 is not closed", 0, 1 },
  { "king - man)", WS_QUERY_ERROR_PARSE, "“)” at column 11 has no matching “(”.", 10, 11 },
  { "king - ()", WS_QUERY_ERROR_PARSE, "Expected a word after “(” at column 9, found “)”.", 8, 9 },
  { "king ?", WS_QUERY_ERROR_PARSE, "“?” at column 6 can only end an analogy", 5, 6 },
  { "* king", WS_QUERY_ERROR_PARSE, "Expected a word at column 1, found “*”.", 0, 1 },
  { "king * man", WS_QUERY_ERROR_PARSE, "Expected a number after “*” at column 8, found “man”.", 7, 10 },
  { "2 *", WS_QUERY_ERROR_PARSE, "Expected a word after “*” at column 4", 3, 3 },
  { "man : king : woman", WS_QUERY_ERROR_PARSE, "Expected “::” after “king” at column 12, found “:”.", 11, 12 },
  { "man : king ::", WS_QUERY_ERROR_PARSE, "Expected a word after “::” at column 14, found the end of the query.", 13, 13 },
  { "man king :: woman", WS_QUERY_ERROR_PARSE, "Expected “:” after “man” at column 5, found “king”.", 4, 8 },
  { "man : king :: woman : queen", WS_QUERY_ERROR_PARSE, "Expected the end of the query after the analogy at column 23, found “queen”.", 22, 27 },
  { "man - king :: woman", WS_QUERY_ERROR_PARSE, "An analogy is written man : king :: woman : ?", 4, 5 },
  { "a, b + c", WS_QUERY_ERROR_PARSE, "Expected “,” or the end of the query after “b” at column 6, found “+”.", 5, 6 },
  { "a,", WS_QUERY_ERROR_PARSE, "Expected a word after “,” at column 3", 2, 2 },
  { ", a", WS_QUERY_ERROR_PARSE, "Expected a word at column 1, found “,”.", 0, 1 },
  { "king + \"queen", WS_QUERY_ERROR_PARSE, "The quote at column 8 is not closed", 7, 8 },
  { "\"\" + king", WS_QUERY_ERROR_PARSE, "Expected a word between the quotes at column 1.", 0, 2 },
  { "Königin + + Mann", WS_QUERY_ERROR_PARSE, "at column 11", 11, 12 },
  { "東京 東京", WS_QUERY_ERROR_PARSE, "(東京_東京)", 7, 13 },
  { "1e5 * king", WS_QUERY_ERROR_PARSE, "Expected a number after “*” at column 7, found “king”.", 6, 10 },
  { "99999999999999999999999999999999999999999 king", WS_QUERY_ERROR_PARSE,
    "The weight at column 1 is too large", 0, 41 },
  { "1000000000000000000000 * (1000000000000000000000 * king)", WS_QUERY_ERROR_PARSE,
    "The weight at column 27 is too large", 26, 48 },
  { "king \xff", WS_QUERY_ERROR_PARSE, "not valid UTF-8: byte 5", 5, 6 },
};

static void
test_bad (gconstpointer data)
{
  const BadCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WsExpression) e = NULL;
  gsize start = 999, end = 999;

  e = ws_expression_parse_full (c->text, &start, &end, &error);
  g_assert_null (e);
  g_assert_error (error, WS_QUERY_ERROR, c->code);
  if (strstr (error->message, c->message_part) == NULL)
    g_error ("“%s”: message “%s” lacks “%s”", c->text, error->message, c->message_part);
  g_assert_cmpuint (start, ==, c->start);
  g_assert_cmpuint (end, ==, c->end);

  /* The plain form gives the same error. */
  g_clear_error (&error);
  g_assert_null (ws_expression_parse (c->text, &error));
  g_assert_error (error, WS_QUERY_ERROR, c->code);
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WsExpression) e = NULL;

  for (int i = 0; i < 10000; i++)
    g_string_append_c (text, '(');
  g_string_append (text, "king");
  e = ws_expression_parse (text->str, &error);
  g_assert_null (e);
  g_assert_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "Too many nested parentheses"));

  /* A modest depth works, and multiplies out. */
  g_string_assign (text, "");
  for (int i = 0; i < 20; i++)
    g_string_append (text, "-(");
  g_string_append (text, "king");
  for (int i = 0; i < 20; i++)
    g_string_append_c (text, ')');
  g_clear_error (&error);
  g_clear_object (&e);
  e = ws_expression_parse (text->str, &error);
  g_assert_no_error (error);
  assert_terms (e, "king 1");
}

static void
test_long_query (void)
{
  g_autoptr(GString) text = g_string_new ("w0");
  g_autoptr(GError) error = NULL;
  g_autoptr(WsExpression) e = NULL;

  for (int i = 1; i < 5000; i++)
    g_string_append_printf (text, " %c w%d", i % 2 ? '-' : '+', i);
  e = ws_expression_parse (text->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ws_expression_get_n_terms (e), ==, 5000);
  g_assert_cmpfloat (ws_expression_get_term (e, 4999)->weight, ==, -1.0f);
}

static void
test_caret_line (void)
{
  char *line;

  line = ws_expression_caret_line ("king + + man", 7, 8);
  g_assert_cmpstr (line, ==, "       ^");
  g_free (line);
  line = ws_expression_caret_line ("New York", 4, 8);
  g_assert_cmpstr (line, ==, "    ^~~~");
  g_free (line);
  /* The end of the text. */
  line = ws_expression_caret_line ("king +", 6, 6);
  g_assert_cmpstr (line, ==, "      ^");
  g_free (line);
  /* Characters, not bytes; wide characters take two columns; tabs stay. */
  line = ws_expression_caret_line ("Königin + + Mann", 11, 12);
  g_assert_cmpstr (line, ==, "          ^");
  g_free (line);
  line = ws_expression_caret_line ("東京 東京", 7, 13);
  g_assert_cmpstr (line, ==, "     ^~~~");
  g_free (line);
  line = ws_expression_caret_line ("\tking +", 7, 7);
  g_assert_cmpstr (line, ==, "\t      ^");
  g_free (line);
  /* Out-of-range spans are clamped, not read past the end. */
  line = ws_expression_caret_line ("ab", 10, 20);
  g_assert_cmpstr (line, ==, "  ^");
  g_free (line);
}

static WsVectors *
small_model (void)
{
  const char *words[] = { "the", "king", "queen", "man", "woman", "kings", "India",
                          "New_York", "x-ray", "it's", "Königin" };
  float m[G_N_ELEMENTS (words) * 3];
  g_autoptr(GError) error = NULL;
  WsVectors *v;

  for (guint i = 0; i < G_N_ELEMENTS (m); i++)
    m[i] = (float) ((i * 7) % 5) - 2.0f + 0.1f * i;
  v = ws_vectors_new_from_data (words, m, G_N_ELEMENTS (words), 3, &error);
  g_assert_no_error (error);
  return v;
}

static void
test_check_known (void)
{
  g_autoptr(WsVectors) v = small_model ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WsExpression) e = ws_expression_parse ("king - man + \"it's\" + x-ray", &error);
  g_autoptr(GPtrArray) unknown = NULL;

  g_assert_no_error (error);
  g_assert_true (ws_expression_check (e, v, &unknown, &error));
  g_assert_no_error (error);
  g_assert_nonnull (unknown);
  g_assert_cmpuint (unknown->len, ==, 0);
}

static void
test_check_unknown (void)
{
  g_autoptr(WsVectors) v = small_model ();
  const char *text = "kingg - man + india + kingg + zzzzzz";
  g_autoptr(GError) error = NULL;
  g_autoptr(WsExpression) e = ws_expression_parse (text, &error);
  g_autoptr(GPtrArray) unknown = NULL;
  WsUnknownWord *u;

  g_assert_no_error (error);
  g_assert_false (ws_expression_check (e, v, &unknown, &error));
  g_assert_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_UNKNOWN_WORD);
  /* Each unknown word named once, with its suggestions. */
  g_assert_cmpstr (error->message, ==,
                   "“kingg” is not in the model. Did you mean: king, kings? "
                   "“india” is not in the model. Did you mean: India? "
                   "“zzzzzz” is not in the model.");

  /* Every occurrence is listed, in text order, with its span. */
  g_assert_cmpuint (unknown->len, ==, 4);
  u = g_ptr_array_index (unknown, 0);
  g_assert_cmpstr (u->word, ==, "kingg");
  g_assert_cmpuint (u->start, ==, 0);
  g_assert_cmpuint (u->end, ==, 5);
  g_assert_cmpstr (u->suggestions[0], ==, "king");
  g_assert_cmpstr (u->suggestions[1], ==, "kings");
  g_assert_null (u->suggestions[2]);
  u = g_ptr_array_index (unknown, 1);
  g_assert_cmpstr (u->word, ==, "india");
  g_assert_cmpuint (u->start, ==, 14);
  g_assert_cmpstr (u->suggestions[0], ==, "India");
  u = g_ptr_array_index (unknown, 2);
  g_assert_cmpuint (u->start, ==, 22);
  u = g_ptr_array_index (unknown, 3);
  g_assert_cmpstr (u->word, ==, "zzzzzz");
  g_assert_cmpuint (g_strv_length (u->suggestions), ==, 0);

  /* Without the array, just the error. */
  g_clear_error (&error);
  g_assert_false (ws_expression_check (e, v, NULL, &error));
  g_assert_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_UNKNOWN_WORD);
}

static void
test_check_hyphen_suggestion (void)
{
  g_autoptr(WsVectors) v = small_model ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WsExpression) e = ws_expression_parse ("king-man+woman", &error);
  g_autoptr(GPtrArray) unknown = NULL;
  WsUnknownWord *u;

  g_assert_no_error (error);
  assert_terms (e, "king-man 1|woman 1");
  g_assert_false (ws_expression_check (e, v, &unknown, &error));
  g_assert_cmpstr (error->message, ==,
                   "“king-man” is not in the model. Did you mean: king - man?");
  u = g_ptr_array_index (unknown, 0);
  g_assert_cmpstr (u->suggestions[0], ==, "king - man");
  g_assert_null (u->suggestions[1]);
  g_assert_cmpuint (u->start, ==, 0);
  g_assert_cmpuint (u->end, ==, 8);

  /* A known hyphenated word is just a word. */
  g_clear_object (&e);
  g_clear_error (&error);
  e = ws_expression_parse ("x-ray", &error);
  g_assert_true (ws_expression_check (e, v, NULL, &error));

  /* Parts the model lacks: no subtraction offered. */
  g_clear_object (&e);
  e = ws_expression_parse ("king-zzzz", &error);
  g_assert_false (ws_expression_check (e, v, NULL, &error));
  g_assert_null (strstr (error->message, " - "));
}

static void
test_check_phrase_suggestion (void)
{
  g_autoptr(WsVectors) v = small_model ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WsExpression) e = ws_expression_parse ("\"new york\" - königin", &error);

  g_assert_no_error (error);
  g_assert_false (ws_expression_check (e, v, NULL, &error));
  g_assert_cmpstr (error->message, ==,
                   "“new york” is not in the model. Did you mean: New_York? "
                   "“königin” is not in the model. Did you mean: Königin?");
}

/* man, woman, king, queen, apple as 3-d vectors where king - man + woman
 * points near queen. */
static WsVectors *
royal_model (void)
{
  const char *words[] = { "man", "woman", "king", "queen", "apple" };
  const float m[] = { 1, 0, 0,   0, 1, 0,   1, 0, 1,   0, 1, 1,   -1, -1, 0 };
  g_autoptr(GError) error = NULL;
  WsVectors *v = ws_vectors_new_from_data (words, m, 5, 3, &error);

  g_assert_no_error (error);
  return v;
}

static double
cosine (const double *a,
        const double *b)
{
  double ab = 0, aa = 0, bb = 0;

  for (int k = 0; k < 3; k++)
    {
      ab += a[k] * b[k];
      aa += a[k] * a[k];
      bb += b[k] * b[k];
    }
  return ab / sqrt (aa * bb);
}

static void
assert_royal_answer (GArray *results)
{
  /* mean of unit(king) - unit(man) + unit(woman), by hand */
  const double s = 1.0 / sqrt (2.0);
  const double mean[3] = { s - 1.0, 1.0, s };
  const double queen[3] = { 0, 1, 1 }, apple[3] = { -1, -1, 0 };

  g_assert_nonnull (results);
  g_assert_cmpuint (results->len, ==, 2);   /* the three input words are left out */
  g_assert_cmpuint (g_array_index (results, WsScored, 0).row, ==, 3);
  g_assert_cmpfloat_with_epsilon (g_array_index (results, WsScored, 0).score,
                                  cosine (mean, queen), 1e-6);
  g_assert_cmpuint (g_array_index (results, WsScored, 1).row, ==, 4);
  g_assert_cmpfloat_with_epsilon (g_array_index (results, WsScored, 1).score,
                                  cosine (mean, apple), 1e-6);
}

static void
test_most_similar (void)
{
  const char *texts[] = { "king - man + woman", "king + woman - man", "-man + king + woman",
                          "man : king :: woman : ?", "man:king::woman", "king - (man - woman)" };
  g_autoptr(WsVectors) v = royal_model ();

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WsExpression) e = ws_expression_parse (texts[i], &error);
      g_autoptr(GArray) results = NULL;

      g_assert_no_error (error);
      results = ws_expression_most_similar (e, v, 10, 0, &error);
      g_assert_no_error (error);
      assert_royal_answer (results);
    }
}

static void
test_most_similar_matches_terms (void)
{
  const char *texts[] = { "queen", "2*king - 0.5 man", "apple, queen", "-apple" };
  g_autoptr(WsVectors) v = royal_model ();

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WsExpression) e = ws_expression_parse (texts[i], &error);
      g_autoptr(GArray) got = NULL;
      g_autoptr(GArray) want = NULL;
      g_autofree WsTerm *terms = NULL;
      gsize n;

      g_assert_no_error (error);
      got = ws_expression_most_similar (e, v, 3, 0, &error);
      g_assert_no_error (error);
      terms = ws_expression_to_terms (e, &n);
      want = ws_most_similar (v, terms, n, 3, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (got->len, ==, want->len);
      for (guint k = 0; k < got->len; k++)
        {
          g_assert_cmpuint (g_array_index (got, WsScored, k).row, ==,
                            g_array_index (want, WsScored, k).row);
          g_assert_cmpfloat (g_array_index (got, WsScored, k).score, ==,
                             g_array_index (want, WsScored, k).score);
        }
    }

  /* A single word: its neighbours, as ws_neighbors gives them. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(WsExpression) e = ws_expression_parse ("queen", &error);
    g_autoptr(GArray) got = ws_expression_most_similar (e, v, 2, 0, &error);
    g_autoptr(GArray) want = ws_neighbors (v, "queen", 2, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (got->len, ==, 2);
    g_assert_cmpuint (g_array_index (got, WsScored, 0).row, ==, g_array_index (want, WsScored, 0).row);
    g_assert_cmpuint (g_array_index (got, WsScored, 1).row, ==, g_array_index (want, WsScored, 1).row);
  }
}

static void
test_cosmul (void)
{
  g_autoptr(WsVectors) v = royal_model ();
  const double s = 1.0 / sqrt (2.0);
  /* gensim's 3CosMul: (1 + cos) / 2 per word, positives multiplied, divided
   * by the negatives' product + 1e-6. */
  double queen = ((1 + 0.5) / 2) * ((1 + s) / 2) / ((1 + 0.0) / 2 + 1e-6);
  const char *texts[] = { "man : king :: woman : ?", "king - man + woman" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WsExpression) e = ws_expression_parse (texts[i], &error);
      g_autoptr(GArray) results = NULL;

      g_assert_no_error (error);
      results = ws_expression_most_similar_cosmul (e, v, 10, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (results->len, ==, 2);
      g_assert_cmpuint (g_array_index (results, WsScored, 0).row, ==, 3);
      g_assert_cmpfloat_with_epsilon (g_array_index (results, WsScored, 0).score, queen, 1e-5);
    }
}

static void
test_cosmul_refuses_weights (void)
{
  g_autoptr(WsVectors) v = royal_model ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WsExpression) e = ws_expression_parse ("2*king - man", &error);
  g_autoptr(GArray) results = NULL;

  g_assert_no_error (error);
  results = ws_expression_most_similar_cosmul (e, v, 10, 0, &error);
  g_assert_null (results);
  g_assert_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“king” has weight 2"));
}

static void
test_unknown_word_before_answer (void)
{
  g_autoptr(WsVectors) v = royal_model ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WsExpression) e = ws_expression_parse ("King - man + womn", &error);
  g_autoptr(GArray) results = NULL;

  g_assert_no_error (error);
  results = ws_expression_most_similar (e, v, 10, 0, &error);
  g_assert_null (results);
  g_assert_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_UNKNOWN_WORD);
  g_assert_cmpstr (error->message, ==,
                   "“King” is not in the model. Did you mean: king? "
                   "“womn” is not in the model. Did you mean: woman?");
  g_clear_error (&error);
  results = ws_expression_most_similar_cosmul (e, v, 10, 0, &error);
  g_assert_null (results);
  g_assert_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_UNKNOWN_WORD);
}

static void
test_restrict_vocab (void)
{
  g_autoptr(WsVectors) v = royal_model ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WsExpression) e = ws_expression_parse ("king - man + woman", &error);
  g_autoptr(GArray) results = NULL;

  g_assert_no_error (error);
  /* Only the first 4 rows: apple is out of reach. */
  results = ws_expression_most_similar (e, v, 10, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);
  g_assert_cmpuint (g_array_index (results, WsScored, 0).row, ==, 3);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (good_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/expression/parse/%u", i);

      g_test_add_data_func (name, &good_cases[i], test_good);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/expression/error/%u", i);

      g_test_add_data_func (name, &bad_cases[i], test_bad);
    }
  g_test_add_func ("/expression/spans", test_spans);
  g_test_add_func ("/expression/analogy-roles", test_analogy_roles);
  g_test_add_func ("/expression/to-terms-positive-first", test_to_terms_positive_first);
  g_test_add_func ("/expression/deep-nesting", test_deep_nesting);
  g_test_add_func ("/expression/long-query", test_long_query);
  g_test_add_func ("/expression/caret-line", test_caret_line);
  g_test_add_func ("/expression/check/known", test_check_known);
  g_test_add_func ("/expression/check/unknown", test_check_unknown);
  g_test_add_func ("/expression/check/phrase-suggestion", test_check_phrase_suggestion);
  g_test_add_func ("/expression/check/hyphen-suggestion", test_check_hyphen_suggestion);
  g_test_add_func ("/expression/answer/most-similar", test_most_similar);
  g_test_add_func ("/expression/answer/matches-terms", test_most_similar_matches_terms);
  g_test_add_func ("/expression/answer/cosmul", test_cosmul);
  g_test_add_func ("/expression/answer/cosmul-refuses-weights", test_cosmul_refuses_weights);
  g_test_add_func ("/expression/answer/unknown-word-first", test_unknown_word_before_answer);
  g_test_add_func ("/expression/answer/restrict-vocab", test_restrict_vocab);

  return g_test_run ();
}
