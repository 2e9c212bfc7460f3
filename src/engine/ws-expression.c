/* ws-expression.c: a query typed by a person, parsed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A tokenizer, then a small recursive-descent parser per form (arithmetic,
 * analogy, list). Every token keeps its byte span so errors and unknown
 * words can be marked in the text.
 */
#define G_LOG_DOMAIN "ws-expression"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ws-expression.h"
#include "ws-suggest.h"

/* Deeper nesting of parentheses than anyone types; keeps the recursion
 * bounded on hostile input. */
#define MAX_DEPTH 64

#define MINUS_SIGN 0x2212          /* − */
#define LEFT_QUOTE 0x201C          /* “ */
#define RIGHT_QUOTE 0x201D         /* ” */

struct _WsExpression
{
  GObject           parent_instance;

  char             *text;
  WsExpressionKind  kind;
  GArray           *terms;         /* WsExpressionTerm */
};

G_DEFINE_FINAL_TYPE (WsExpression, ws_expression, G_TYPE_OBJECT)

typedef enum
{
  TOKEN_END,
  TOKEN_WORD,
  TOKEN_PLUS,
  TOKEN_MINUS,
  TOKEN_STAR,
  TOKEN_COLON,
  TOKEN_DOUBLE_COLON,
  TOKEN_COMMA,
  TOKEN_QUESTION,
  TOKEN_OPEN,
  TOKEN_CLOSE,
} TokenType;

typedef struct
{
  TokenType  type;
  gsize      start;
  gsize      end;
  char      *word;      /* TOKEN_WORD: the word, quotes removed */
  gboolean   quoted;
} Token;

typedef struct
{
  const char *text;
  GArray     *tokens;   /* Token, ending with TOKEN_END */
  guint       pos;
  GArray     *terms;    /* WsExpressionTerm */
  gboolean    grouped;  /* parentheses or a weight were used */
  gsize       error_start;
  gsize       error_end;
} Parser;

static void
term_clear (gpointer data)
{
  WsExpressionTerm *term = data;

  g_free (term->word);
}

static void
token_clear (gpointer data)
{
  Token *token = data;

  g_free (token->word);
}

void
ws_unknown_word_free (WsUnknownWord *unknown)
{
  if (unknown == NULL)
    return;
  g_free (unknown->word);
  g_strfreev (unknown->suggestions);
  g_free (unknown);
}

static void
ws_expression_finalize (GObject *object)
{
  WsExpression *self = (WsExpression *) object;

  g_free (self->text);
  g_clear_pointer (&self->terms, g_array_unref);

  G_OBJECT_CLASS (ws_expression_parent_class)->finalize (object);
}

static void
ws_expression_class_init (WsExpressionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ws_expression_finalize;
}

static void
ws_expression_init (WsExpression *self)
{
}

/* ---------------------------------------------------------------- tokens */

/* The operators as CJK keyboards (full-width forms) and typesetting write
 * them, read as their ASCII selves. */
static gunichar
operator_of (gunichar c)
{
  switch (c)
    {
    case 0xFF0B: return '+';          /* ＋ */
    case 0xFF0D: return MINUS_SIGN;   /* － */
    case 0xFF0A: return '*';          /* ＊ */
    case 0x00D7: return '*';          /* × */
    case 0xFF1A: return ':';          /* ： */
    case 0x2236: return ':';          /* ∶ ratio */
    case 0xFF0C: return ',';          /* ， */
    case 0x3001: return ',';          /* 、 */
    case 0xFF1F: return '?';          /* ？ */
    case 0xFF08: return '(';          /* （ */
    case 0xFF09: return ')';          /* ） */
    default: return c;
    }
}

static gboolean
is_operator (gunichar c)
{
  c = operator_of (c);
  if (c == 0x2237)                    /* ∷ proportion */
    return TRUE;
  switch (c)
    {
    case '+': case '-': case '*': case ':': case ',': case '?':
    case '(': case ')': case '"':
    case MINUS_SIGN: case LEFT_QUOTE: case RIGHT_QUOTE:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_word_char (gunichar c)
{
  return c != 0 && !g_unichar_isspace (c) && !is_operator (c);
}

static glong
column_of (const char *text,
           gsize       offset)
{
  return g_utf8_strlen (text, offset) + 1;
}

/* “+”, or “the end of the query”, for messages. */
static char *
describe_token (Parser      *p,
                const Token *token)
{
  if (token->type == TOKEN_END)
    return g_strdup (_("the end of the query"));
  return g_strdup_printf ("“%.*s”", (int) (token->end - token->start), p->text + token->start);
}

G_GNUC_PRINTF (5, 6)
static void
parse_error (Parser     *p,
             gsize       start,
             gsize       end,
             GError    **error,
             const char *format,
             ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  p->error_start = start;
  p->error_end = end;
  g_set_error_literal (error, WS_QUERY_ERROR, WS_QUERY_ERROR_PARSE, message);
}

static void
add_token (Parser     *p,
           TokenType   type,
           gsize       start,
           gsize       end,
           char       *word,
           gboolean    quoted)
{
  Token token = { type, start, end, word, quoted };

  g_array_append_val (p->tokens, token);
}

static gboolean
tokenize (Parser  *p,
          GError **error)
{
  const char *text = p->text;
  const char *s = text;

  while (*s != '\0')
    {
      gunichar c = g_utf8_get_char (s);
      const char *next = g_utf8_next_char (s);
      gsize start = s - text;

      if (g_unichar_isspace (c))
        {
          s = next;
          continue;
        }

      switch (operator_of (c))
        {
        case '+':
          add_token (p, TOKEN_PLUS, start, next - text, NULL, FALSE);
          break;
        case '-':
        case MINUS_SIGN:
          add_token (p, TOKEN_MINUS, start, next - text, NULL, FALSE);
          break;
        case '*':
          add_token (p, TOKEN_STAR, start, next - text, NULL, FALSE);
          break;
        case ':':
          if (operator_of (g_utf8_get_char (next)) == ':')
            {
              next = g_utf8_next_char (next);
              add_token (p, TOKEN_DOUBLE_COLON, start, next - text, NULL, FALSE);
            }
          else
            add_token (p, TOKEN_COLON, start, next - text, NULL, FALSE);
          break;
        case 0x2237:
          add_token (p, TOKEN_DOUBLE_COLON, start, next - text, NULL, FALSE);
          break;
        case ',':
          add_token (p, TOKEN_COMMA, start, next - text, NULL, FALSE);
          break;
        case '?':
          add_token (p, TOKEN_QUESTION, start, next - text, NULL, FALSE);
          break;
        case '(':
          add_token (p, TOKEN_OPEN, start, next - text, NULL, FALSE);
          break;
        case ')':
          add_token (p, TOKEN_CLOSE, start, next - text, NULL, FALSE);
          break;
        case '"':
        case LEFT_QUOTE:
        case RIGHT_QUOTE:
          {
            const char *close = next;
            g_autofree char *inner = NULL;

            /* "…", “…” and the mixes a keyboard or an editor makes. */
            while (*close != '\0' && *close != '"' &&
                   g_utf8_get_char (close) != RIGHT_QUOTE &&
                   g_utf8_get_char (close) != LEFT_QUOTE)
              close = g_utf8_next_char (close);
            if (*close == '\0')
              {
                parse_error (p, start, next - text, error,
                             _("The quote at column %ld is not closed: expected a "
                               "closing quote after the word."),
                             column_of (text, start));
                return FALSE;
              }
            inner = g_strstrip (g_strndup (next, close - next));
            next = g_utf8_next_char (close);
            if (*inner == '\0')
              {
                parse_error (p, start, next - text, error,
                             _("Expected a word between the quotes at column %ld."),
                             column_of (text, start));
                return FALSE;
              }
            add_token (p, TOKEN_WORD, start, next - text, g_steal_pointer (&inner), TRUE);
          }
          break;
        default:
          {
            /* A word. A run of hyphens stays inside it when a word
             * character follows: x-ray, co--op. */
            const char *end = s;

            for (;;)
              {
                gunichar d = g_utf8_get_char (end);

                if (is_word_char (d))
                  end = g_utf8_next_char (end);
                else if (d == '-')
                  {
                    const char *after = end;

                    while (*after == '-')
                      after++;
                    if (!is_word_char (g_utf8_get_char (after)))
                      break;
                    end = after;
                  }
                else
                  break;
              }
            next = end;
            add_token (p, TOKEN_WORD, start, end - text, g_strndup (s, end - s), FALSE);
          }
          break;
        }
      s = next;
    }
  add_token (p, TOKEN_END, s - text, s - text, NULL, FALSE);
  return TRUE;
}

/* ---------------------------------------------------------------- parser */

static const Token *
peek (Parser *p,
      guint   ahead)
{
  guint i = MIN (p->pos + ahead, p->tokens->len - 1);

  return &g_array_index (p->tokens, Token, i);
}

static const Token *
advance (Parser *p)
{
  const Token *token = peek (p, 0);

  if (p->pos < p->tokens->len - 1)
    p->pos++;
  return token;
}

/* Digits with at most one dot: 2, 0.5, .5 */
static gboolean
is_number (const char *text)
{
  guint digits = 0, dots = 0;

  for (const char *s = text; *s != '\0'; s++)
    {
      if (g_ascii_isdigit (*s))
        digits++;
      else if (*s == '.')
        dots++;
      else
        return FALSE;
    }
  return digits > 0 && dots <= 1;
}

/* An unquoted word that is a number. */
static gboolean
token_is_number (const Token *token,
                 double      *value)
{
  if (token->type != TOKEN_WORD || token->quoted || !is_number (token->word))
    return FALSE;
  if (value != NULL)
    *value = g_ascii_strtod (token->word, NULL);
  return TRUE;
}

/* Weights become float: refuse what float cannot hold. */
static gboolean
check_weight (Parser      *p,
              const Token *token,
              double       weight,
              GError     **error)
{
  if (fabs (weight) <= G_MAXFLOAT)
    return TRUE;
  parse_error (p, token->start, token->end, error,
               _("The weight at column %ld is too large: expected a number up to %g."),
               column_of (p->text, token->start), (double) G_MAXFLOAT);
  return FALSE;
}

static void
add_term (Parser      *p,
          const Token *token,
          double       weight)
{
  WsExpressionTerm term = { g_strdup (token->word), (float) weight, token->start, token->end };

  g_array_append_val (p->terms, term);
}

static gboolean parse_sum (Parser      *p,
                           double       factor,
                           const Token *open,
                           guint        depth,
                           GError     **error);

/* [number [*]] (word [* number] | "(" sum ")") */
static gboolean
parse_product (Parser      *p,
               double       factor,
               const Token *before,
               guint        depth,
               GError     **error)
{
  const Token *token = peek (p, 0);
  double weight = 1.0;
  double number;

  /* A number is a weight only when something to weigh follows it;
   * otherwise it is a word, as models have words like “2”. */
  if (token_is_number (token, &number) &&
      (peek (p, 1)->type == TOKEN_STAR || peek (p, 1)->type == TOKEN_WORD ||
       peek (p, 1)->type == TOKEN_OPEN))
    {
      if (!check_weight (p, token, number * factor, error))
        return FALSE;
      weight = number;
      advance (p);
      p->grouped = TRUE;
      if (peek (p, 0)->type == TOKEN_STAR)
        before = advance (p);
      else
        before = token;
      token = peek (p, 0);
    }

  if (token->type == TOKEN_WORD)
    {
      const Token *word = advance (p);

      if (peek (p, 0)->type == TOKEN_STAR)
        {
          double after = 1.0;

          advance (p);

          if (!token_is_number (peek (p, 0), &after))
            {
              g_autofree char *found = describe_token (p, peek (p, 0));

              parse_error (p, peek (p, 0)->start, peek (p, 0)->end, error,
                           _("Expected a number after “*” at column %ld, found %s."),
                           column_of (p->text, peek (p, 0)->start), found);
              return FALSE;
            }
          if (!check_weight (p, peek (p, 0), after * weight * factor, error))
            return FALSE;
          advance (p);
          p->grouped = TRUE;
          weight *= after;
        }
      if (!check_weight (p, word, weight * factor, error))
        return FALSE;
      add_term (p, word, factor * weight);
      return TRUE;
    }

  if (token->type == TOKEN_OPEN)
    {
      const Token *open = advance (p);

      if (depth >= MAX_DEPTH)
        {
          parse_error (p, open->start, open->end, error,
                       _("Too many nested parentheses at column %ld (at most %d)."),
                       column_of (p->text, open->start), MAX_DEPTH);
          return FALSE;
        }
      p->grouped = TRUE;
      if (!parse_sum (p, factor * weight, open, depth + 1, error))
        return FALSE;
      advance (p);   /* the “)” parse_sum stopped at */
      return TRUE;
    }

  {
    g_autofree char *found = describe_token (p, token);

    if (before == NULL)
      parse_error (p, token->start, token->end, error,
                   _("Expected a word at column %ld, found %s."),
                   column_of (p->text, token->start), found);
    else
      {
        g_autofree char *after = describe_token (p, before);

        parse_error (p, token->start, token->end, error,
                     _("Expected a word after %s at column %ld, found %s."),
                     after, column_of (p->text, token->start), found);
      }
  }
  return FALSE;
}

/* [sign] product {sign product}, up to the “)” that closes @open (not
 * consumed), or to the end when @open is NULL. */
static gboolean
parse_sum (Parser      *p,
           double       factor,
           const Token *open,
           guint        depth,
           GError     **error)
{
  TokenType closer = open != NULL ? TOKEN_CLOSE : TOKEN_END;
  const Token *before = open;

  for (;;)
    {
      const Token *token = peek (p, 0);
      const Token *last;
      double sign = 1.0;

      if (token->type == TOKEN_PLUS || token->type == TOKEN_MINUS)
        {
          sign = token->type == TOKEN_MINUS ? -1.0 : 1.0;
          before = advance (p);
        }

      if (!parse_product (p, factor * sign, before, depth, error))
        return FALSE;

      token = peek (p, 0);
      if (token->type == TOKEN_PLUS || token->type == TOKEN_MINUS)
        continue;
      if (token->type == closer)
        return TRUE;

      last = token - 1;
      if (token->type == TOKEN_WORD && last->type == TOKEN_WORD)
        {
          g_autofree char *phrase = g_strdup_printf ("%s_%s", last->word, token->word);

          parse_error (p, token->start, token->end, error,
                       _("Expected “+”, “-” or the end of the query after “%s” at column "
                         "%ld, found “%s”. To use a phrase, join its words with “_” (%s) "
                         "or put it in quotes."),
                       last->word, column_of (p->text, token->start), token->word, phrase);
        }
      else if (token->type == TOKEN_END)
        parse_error (p, open->start, open->end, error,
                     _("The parenthesis at column %ld is not closed: expected “)” "
                       "before the end of the query."),
                     column_of (p->text, open->start));
      else if (token->type == TOKEN_CLOSE)
        parse_error (p, token->start, token->end, error,
                     _("“)” at column %ld has no matching “(”."),
                     column_of (p->text, token->start));
      else if (token->type == TOKEN_QUESTION)
        parse_error (p, token->start, token->end, error,
                     _("“?” at column %ld can only end an analogy, such as "
                       "man : king :: woman : ?"),
                     column_of (p->text, token->start));
      else
        {
          g_autofree char *found = describe_token (p, token);

          parse_error (p, token->start, token->end, error,
                       open != NULL
                       ? _("Expected “+”, “-” or “)” at column %ld, found %s.")
                       : _("Expected “+”, “-” or the end of the query at column %ld, "
                           "found %s."),
                       column_of (p->text, token->start), found);
        }
      return FALSE;
    }
}

/* Consumes the token if it has @type; otherwise says what was expected. */
static const Token *
expect (Parser     *p,
        TokenType   type,
        const char *what,
        GError    **error)
{
  const Token *token = peek (p, 0);
  g_autofree char *found = NULL;

  if (token->type == type)
    return advance (p);

  found = describe_token (p, token);
  if (p->pos > 0)
    {
      g_autofree char *after = describe_token (p, token - 1);

      /* TRANSLATORS: “Expected “::” after “king” at column 9, found “woman”.” */
      parse_error (p, token->start, token->end, error,
                   _("Expected %s after %s at column %ld, found %s."),
                   what, after, column_of (p->text, token->start), found);
    }
  else
    parse_error (p, token->start, token->end, error,
                 _("Expected %s at column %ld, found %s."),
                 what, column_of (p->text, token->start), found);
  return NULL;
}

/* Adds a sentence after the message in @error. */
static void
append_hint (GError     **error,
             const char  *hint)
{
  char *message;

  if (error == NULL || *error == NULL)
    return;
  message = g_strdup_printf ("%s %s", (*error)->message, hint);
  g_free ((*error)->message);
  (*error)->message = message;
}

/* a : b :: c [: [?]] */
static gboolean
parse_analogy (Parser  *p,
               GError **error)
{
  const char *word = _("a word");
  const Token *a, *b, *c;

  if ((a = expect (p, TOKEN_WORD, word, error)) == NULL ||
      expect (p, TOKEN_COLON, "“:”", error) == NULL ||
      (b = expect (p, TOKEN_WORD, word, error)) == NULL ||
      expect (p, TOKEN_DOUBLE_COLON, "“::”", error) == NULL ||
      (c = expect (p, TOKEN_WORD, word, error)) == NULL)
    {
      append_hint (error, _("An analogy is written man : king :: woman : ?"));
      return FALSE;
    }
  if (peek (p, 0)->type == TOKEN_COLON)
    advance (p);
  if (peek (p, 0)->type == TOKEN_QUESTION)
    advance (p);
  if (peek (p, 0)->type != TOKEN_END)
    {
      g_autofree char *found = describe_token (p, peek (p, 0));

      parse_error (p, peek (p, 0)->start, peek (p, 0)->end, error,
                   _("Expected the end of the query after the analogy at column %ld, "
                     "found %s."),
                   column_of (p->text, peek (p, 0)->start), found);
      return FALSE;
    }

  add_term (p, a, -1.0);
  add_term (p, b, 1.0);
  add_term (p, c, 1.0);
  return TRUE;
}

/* word , word {, word} */
static gboolean
parse_list (Parser  *p,
            GError **error)
{
  const Token *word;

  if ((word = expect (p, TOKEN_WORD, _("a word"), error)) == NULL)
    return FALSE;
  add_term (p, word, 1.0);
  if (expect (p, TOKEN_COMMA, "“,”", error) == NULL)
    {
      append_hint (error, _("A list is written with commas: breakfast, lunch, cereal."));
      return FALSE;
    }
  for (;;)
    {
      if ((word = expect (p, TOKEN_WORD, _("a word"), error)) == NULL)
        return FALSE;
      add_term (p, word, 1.0);
      if (peek (p, 0)->type == TOKEN_END)
        return TRUE;
      if (expect (p, TOKEN_COMMA, _("“,” or the end of the query"), error) == NULL)
        return FALSE;
    }
}

WsExpression *
ws_expression_parse (const char  *text,
                     GError     **error)
{
  return ws_expression_parse_full (text, NULL, NULL, error);
}

WsExpression *
ws_expression_parse_full (const char  *text,
                          gsize       *error_start,
                          gsize       *error_end,
                          GError     **error)
{
  g_autoptr(WsExpression) self = NULL;
  g_autoptr(GArray) tokens = NULL;
  g_autoptr(GArray) terms = NULL;
  const char *bad = NULL;
  gboolean analogy = FALSE, list = FALSE;
  gboolean ok;
  Parser p = { 0 };

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_utf8_validate (text, -1, &bad))
    {
      gsize at = bad - text;

      if (error_start != NULL)
        *error_start = at;
      if (error_end != NULL)
        *error_end = at + 1;
      g_set_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_PARSE,
                   _("The query is not valid UTF-8: byte %zu is not "
                     "part of a character."), at);
      return NULL;
    }

  tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  g_array_set_clear_func (tokens, token_clear);
  terms = g_array_new (FALSE, TRUE, sizeof (WsExpressionTerm));
  g_array_set_clear_func (terms, term_clear);
  p.text = text;
  p.tokens = tokens;
  p.terms = terms;

  ok = tokenize (&p, error);
  if (ok && tokens->len == 1)
    {
      p.error_start = p.error_end = 0;
      g_set_error_literal (error, WS_QUERY_ERROR, WS_QUERY_ERROR_EMPTY,
                           _("The query is empty: type a word, or an expression such "
                             "as king - man + woman."));
      ok = FALSE;
    }

  if (ok)
    {
      for (guint i = 0; i < tokens->len; i++)
        {
          TokenType type = g_array_index (tokens, Token, i).type;

          analogy |= (type == TOKEN_COLON || type == TOKEN_DOUBLE_COLON);
          list |= (type == TOKEN_COMMA);
        }
      if (analogy)
        ok = parse_analogy (&p, error);
      else if (list)
        ok = parse_list (&p, error);
      else
        ok = parse_sum (&p, 1.0, NULL, 0, error);
    }

  if (!ok)
    {
      if (error_start != NULL)
        *error_start = p.error_start;
      if (error_end != NULL)
        *error_end = p.error_end;
      return NULL;
    }

  self = g_object_new (WS_TYPE_EXPRESSION, NULL);
  self->text = g_strdup (text);
  self->terms = g_steal_pointer (&terms);
  if (analogy)
    self->kind = WS_EXPRESSION_ANALOGY;
  else if (list)
    self->kind = WS_EXPRESSION_LIST;
  else if (self->terms->len == 1 && !p.grouped &&
           g_array_index (self->terms, WsExpressionTerm, 0).weight > 0)
    self->kind = WS_EXPRESSION_NEIGHBORS;
  else
    self->kind = WS_EXPRESSION_ARITHMETIC;
  return g_steal_pointer (&self);
}

/* ---------------------------------------------------------------- access */

const char *
ws_expression_get_text (WsExpression *self)
{
  g_return_val_if_fail (WS_IS_EXPRESSION (self), NULL);

  return self->text;
}

WsExpressionKind
ws_expression_get_kind (WsExpression *self)
{
  g_return_val_if_fail (WS_IS_EXPRESSION (self), WS_EXPRESSION_NEIGHBORS);

  return self->kind;
}

const char *
ws_expression_kind_to_string (WsExpressionKind kind)
{
  switch (kind)
    {
    case WS_EXPRESSION_NEIGHBORS:
      return "neighbors";
    case WS_EXPRESSION_ARITHMETIC:
      return "arithmetic";
    case WS_EXPRESSION_ANALOGY:
      return "analogy";
    case WS_EXPRESSION_LIST:
      return "list";
    default:
      g_return_val_if_reached (NULL);
    }
}

gsize
ws_expression_get_n_terms (WsExpression *self)
{
  g_return_val_if_fail (WS_IS_EXPRESSION (self), 0);

  return self->terms->len;
}

const WsExpressionTerm *
ws_expression_get_term (WsExpression *self,
                        gsize         index)
{
  g_return_val_if_fail (WS_IS_EXPRESSION (self), NULL);
  g_return_val_if_fail (index < self->terms->len, NULL);

  return &g_array_index (self->terms, WsExpressionTerm, index);
}

gboolean
ws_expression_get_analogy (WsExpression            *self,
                           const WsExpressionTerm **a,
                           const WsExpressionTerm **b,
                           const WsExpressionTerm **c)
{
  g_return_val_if_fail (WS_IS_EXPRESSION (self), FALSE);

  if (self->kind != WS_EXPRESSION_ANALOGY)
    return FALSE;
  if (a != NULL)
    *a = &g_array_index (self->terms, WsExpressionTerm, 0);
  if (b != NULL)
    *b = &g_array_index (self->terms, WsExpressionTerm, 1);
  if (c != NULL)
    *c = &g_array_index (self->terms, WsExpressionTerm, 2);
  return TRUE;
}

WsTerm *
ws_expression_to_terms (WsExpression *self,
                        gsize        *n_terms)
{
  WsTerm *out;
  gsize n = 0;

  g_return_val_if_fail (WS_IS_EXPRESSION (self), NULL);
  g_return_val_if_fail (n_terms != NULL, NULL);

  out = g_new0 (WsTerm, self->terms->len);
  /* gensim adds positive then negative words; the order of a float sum
   * can change its last bits. */
  for (int negative = 0; negative < 2; negative++)
    for (guint i = 0; i < self->terms->len; i++)
      {
        const WsExpressionTerm *term = &g_array_index (self->terms, WsExpressionTerm, i);

        if ((term->weight < 0) == negative)
          {
            out[n].word = term->word;
            out[n].vector = NULL;
            out[n].weight = term->weight;
            n++;
          }
      }
  *n_terms = n;
  return out;
}

/* @word as the tokenizer reads it back: in quotes unless it is a plain
 * word. Hyphens stay inside a word only when a word character follows
 * ("/-" needs quotes), and a number after a weight would read as a second
 * weight ("3*\"2\""). */
static void
append_word (GString    *out,
             const char *word,
             gboolean    weighted)
{
  gboolean plain = *word != '\0' && word[strlen (word) - 1] != '-' &&
                   !(weighted && is_number (word));

  for (const char *s = word; *s != '\0' && plain; s = g_utf8_next_char (s))
    plain = is_word_char (g_utf8_get_char (s)) || (*s == '-' && s != word);
  if (plain)
    g_string_append (out, word);
  else
    g_string_append_printf (out, "\"%s\"", word);
}

/* Appends @magnitude as the parser reads a weight back: digits and at most
 * one dot, never an exponent ("1e-07" would read as the word "1e" minus
 * 07), with the fewest significant digits that give the same float. */
static void
append_weight (GString *out,
               float    magnitude)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char digits[16];
  gsize n_digits = 0;
  const char *e;
  int exponent, point;

  g_assert (isfinite (magnitude) && magnitude >= 0.0f);
  for (int precision = 0; precision < 9; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%de", precision);
      g_ascii_formatd (buf, sizeof buf, format, magnitude);
      if ((float) g_ascii_strtod (buf, NULL) == magnitude)
        break;
    }

  /* buf is "D[.DDD]e±XX": its digits, and where the point goes. */
  e = strchr (buf, 'e');
  g_assert (e != NULL);
  for (const char *s = buf; s < e; s++)
    if (g_ascii_isdigit (*s) && n_digits < sizeof digits - 1)
      digits[n_digits++] = *s;
  while (n_digits > 1 && digits[n_digits - 1] == '0')
    n_digits--;
  digits[n_digits] = '\0';
  exponent = atoi (e + 1);
  point = exponent + 1;

  if (point <= 0)
    {
      g_string_append (out, "0.");
      for (int i = point; i < 0; i++)
        g_string_append_c (out, '0');
      g_string_append (out, digits);
    }
  else if ((gsize) point >= n_digits)
    {
      g_string_append (out, digits);
      for (gsize i = n_digits; i < (gsize) point; i++)
        g_string_append_c (out, '0');
    }
  else
    {
      g_string_append_len (out, digits, point);
      g_string_append_c (out, '.');
      g_string_append (out, digits + point);
    }
}

char *
ws_expression_to_string (WsExpression *self)
{
  GString *out;

  g_return_val_if_fail (WS_IS_EXPRESSION (self), NULL);

  out = g_string_new (NULL);
  if (self->kind == WS_EXPRESSION_ANALOGY)
    {
      append_word (out, g_array_index (self->terms, WsExpressionTerm, 0).word, FALSE);
      g_string_append (out, " : ");
      append_word (out, g_array_index (self->terms, WsExpressionTerm, 1).word, FALSE);
      g_string_append (out, " :: ");
      append_word (out, g_array_index (self->terms, WsExpressionTerm, 2).word, FALSE);
      g_string_append (out, " : ?");
      return g_string_free (out, FALSE);
    }

  for (guint i = 0; i < self->terms->len; i++)
    {
      const WsExpressionTerm *term = &g_array_index (self->terms, WsExpressionTerm, i);
      float magnitude = fabsf (term->weight);

      if (self->kind == WS_EXPRESSION_LIST)
        g_string_append (out, i > 0 ? ", " : "");
      else if (i == 0)
        g_string_append (out, term->weight < 0 ? "-" : "");
      else
        g_string_append (out, term->weight < 0 ? " - " : " + ");
      if (magnitude != 1.0f)
        {
          append_weight (out, magnitude);
          g_string_append_c (out, '*');
        }
      append_word (out, term->word, magnitude != 1.0f);
    }
  return g_string_free (out, FALSE);
}

/* ---------------------------------------------------------------- answers */

/* “king-man” is one word; when the model knows king and man, the person
 * probably meant to subtract: offer “king - man” too. */
static void
offer_subtraction (WsVectors     *vectors,
                   WsUnknownWord *u)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autofree char *subtraction = NULL;
  guint n;

  if (strchr (u->word, '-') == NULL || !g_unichar_isalnum (g_utf8_get_char (u->word)))
    return;
  parts = g_strsplit (u->word, "-", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (!ws_vectors_contains (vectors, parts[i]))
      return;

  n = g_strv_length (u->suggestions);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < MIN (n, WS_SUGGEST_MAX - 1); i++)
    g_strv_builder_add (builder, u->suggestions[i]);
  subtraction = g_strjoinv (" - ", parts);
  g_strv_builder_add (builder, subtraction);
  g_strfreev (u->suggestions);
  u->suggestions = g_strv_builder_end (builder);
}

gboolean
ws_expression_check (WsExpression  *self,
                     WsVectors     *vectors,
                     GPtrArray    **unknown,
                     GError       **error)
{
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GString) message = NULL;

  g_return_val_if_fail (WS_IS_EXPRESSION (self), FALSE);
  g_return_val_if_fail (WS_IS_VECTORS (vectors), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  missing = g_ptr_array_new_with_free_func ((GDestroyNotify) ws_unknown_word_free);
  for (guint i = 0; i < self->terms->len; i++)
    {
      const WsExpressionTerm *term = &g_array_index (self->terms, WsExpressionTerm, i);
      WsUnknownWord *u;

      if (ws_vectors_contains (vectors, term->word))
        continue;
      u = g_new0 (WsUnknownWord, 1);
      u->word = g_strdup (term->word);
      u->start = term->start;
      u->end = term->end;
      u->suggestions = ws_suggest (vectors, term->word, WS_SUGGEST_MAX);
      offer_subtraction (vectors, u);
      g_ptr_array_add (missing, u);
    }

  if (missing->len > 0)
    {
      message = g_string_new (NULL);
      for (guint i = 0; i < missing->len; i++)
        {
          WsUnknownWord *u = g_ptr_array_index (missing, i);
          g_autofree char *one = NULL;
          gboolean repeated = FALSE;

          /* king - kingg + kingg names kingg once. */
          for (guint j = 0; j < i && !repeated; j++)
            repeated = strcmp (((WsUnknownWord *) g_ptr_array_index (missing, j))->word,
                               u->word) == 0;
          if (repeated)
            continue;
          one = ws_suggest_format_unknown (u->word, (const char * const *) u->suggestions);
          if (message->len > 0)
            g_string_append_c (message, ' ');
          g_string_append (message, one);
        }
      g_set_error_literal (error, WS_QUERY_ERROR, WS_QUERY_ERROR_UNKNOWN_WORD, message->str);
    }

  if (unknown != NULL)
    *unknown = g_ptr_array_ref (missing);
  return missing->len == 0;
}

GArray *
ws_expression_most_similar (WsExpression  *self,
                            WsVectors     *vectors,
                            gsize          topn,
                            gsize          restrict_vocab,
                            GError       **error)
{
  g_autofree WsTerm *terms = NULL;
  gsize n_terms;

  g_return_val_if_fail (WS_IS_EXPRESSION (self), NULL);
  g_return_val_if_fail (WS_IS_VECTORS (vectors), NULL);

  if (!ws_expression_check (self, vectors, NULL, error))
    return NULL;
  terms = ws_expression_to_terms (self, &n_terms);
  return ws_most_similar (vectors, terms, n_terms, topn, restrict_vocab, error);
}

GArray *
ws_expression_most_similar_cosmul (WsExpression  *self,
                                   WsVectors     *vectors,
                                   gsize          topn,
                                   gsize          restrict_vocab,
                                   GError       **error)
{
  g_autofree WsTerm *terms = NULL;
  g_autofree const char **positive = NULL;
  g_autofree const char **negative = NULL;
  gsize n_terms, n_positive = 0, n_negative = 0;

  g_return_val_if_fail (WS_IS_EXPRESSION (self), NULL);
  g_return_val_if_fail (WS_IS_VECTORS (vectors), NULL);

  if (!ws_expression_check (self, vectors, NULL, error))
    return NULL;

  terms = ws_expression_to_terms (self, &n_terms);
  positive = g_new0 (const char *, n_terms + 1);
  negative = g_new0 (const char *, n_terms + 1);
  for (gsize i = 0; i < n_terms; i++)
    {
      if (terms[i].weight == 1.0f)
        positive[n_positive++] = terms[i].word;
      else if (terms[i].weight == -1.0f)
        negative[n_negative++] = terms[i].word;
      else
        {
          g_set_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_INVALID,
                       _("3CosMul takes no weights, but “%s” has weight %g: write each "
                         "word with + or - only."),
                       terms[i].word, terms[i].weight);
          return NULL;
        }
    }
  return ws_most_similar_cosmul (vectors,
                                 (const char * const *) positive, n_positive,
                                 (const char * const *) negative, n_negative,
                                 topn, restrict_vocab, error);
}

char *
ws_expression_caret_line (const char *text,
                          gsize       start,
                          gsize       end)
{
  GString *line;
  gsize len;

  g_return_val_if_fail (text != NULL, NULL);

  len = strlen (text);
  start = MIN (start, len);
  end = CLAMP (end, start, len);
  line = g_string_new (NULL);

  for (const char *s = text; s < text + end; )
    {
      gunichar c = g_utf8_get_char_validated (s, text + len - s);
      gboolean before = (gsize) (s - text) < start;
      gboolean valid = c != (gunichar) -1 && c != (gunichar) -2;
      guint width;

      if (c == '\t')
        width = 1;
      else if (!valid)
        width = 1;   /* an invalid byte counts as one column */
      else if (g_unichar_iszerowidth (c))
        width = 0;
      else
        width = g_unichar_iswide (c) ? 2 : 1;

      for (guint k = 0; k < width; k++)
        {
          if (before)
            g_string_append_c (line, c == '\t' ? '\t' : ' ');
          else
            g_string_append_c (line, (gsize) (s - text) == start && k == 0 ? '^' : '~');
        }
      s = valid ? g_utf8_next_char (s) : s + 1;
    }
  if (start == end || !strchr (line->str, '^'))
    g_string_append_c (line, '^');
  return g_string_free (line, FALSE);
}
