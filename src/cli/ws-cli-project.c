/* ws-cli-project.c: project — words placed on a 2D or 3D map
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
#include "ws-projection.h"

#define PROJECT_ARGS N_("(--query EXPR [--neighbors K] | WORD…)")
#define PROJECT_SUMMARY \
  N_("Place words on a 2D or 3D map and print their coordinates.\n" \
     "\n" \
     "The words are the WORDs given, or those of a query (as for “query”) and\n" \
     "its K nearest neighbours. Methods:\n" \
     "  local    PCA of just these words (scikit-learn’s PCA, same signs)\n" \
     "  global   the principal axes of the whole vocabulary\n" \
     "  analogy  for a : b :: c : ?, x along a → b and y along a → c made\n" \
     "           orthogonal to x (unit vectors, as most_similar uses them)\n" \
     "The default is analogy for an analogy query, local otherwise. With WORDs\n" \
     "and --method analogy, the first three words are a, b and c.\n" \
     "Local and global project the unit vectors, as the window’s map and\n" \
     "“render” do; --stored projects the vectors as stored in the file.")

static const char * const axis_names[] = { "x", "y", "z" };

static void
add_number (JsonBuilder *b,
            double       value)
{
  /* JSON has no NaN: an undefined ratio is null. */
  if (isfinite (value))
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
print_json (WsVectors                 *vectors,
            WsProjection              *projection,
            const WsProjectionOptions *options,
            WsExpression              *expression)
{
  g_autoptr(JsonBuilder) b = ws_cli_json_begin ("project", vectors);
  guint k = ws_projection_get_n_components (projection);
  const gsize *rows = ws_projection_get_rows (projection);

  if (expression != NULL)
    {
      g_autofree char *tidy = ws_expression_to_string (expression);

      json_builder_set_member_name (b, "query");
      json_builder_add_string_value (b, ws_expression_get_text (expression));
      json_builder_set_member_name (b, "expression");
      json_builder_add_string_value (b, tidy);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, ws_expression_kind_to_string (ws_expression_get_kind (expression)));
    }

  json_builder_set_member_name (b, "method");
  json_builder_add_string_value (b, ws_projection_method_to_string (options->method));
  json_builder_set_member_name (b, "components");
  json_builder_add_int_value (b, k);
  json_builder_set_member_name (b, "unit_vectors");
  json_builder_add_boolean_value (b, options->method == WS_PROJECTION_ANALOGY || options->unit_vectors);
  if (options->method == WS_PROJECTION_GLOBAL)
    {
      gsize n_words = ws_vectors_get_n_words (vectors);

      json_builder_set_member_name (b, "global_rows");
      json_builder_add_int_value (b, options->global_rows == 0 || options->global_rows > n_words
                                       ? n_words : options->global_rows);
    }
  if (options->method == WS_PROJECTION_ANALOGY)
    {
      const char *roles[] = { "a", "b", "c" };

      json_builder_set_member_name (b, "analogy");
      json_builder_begin_object (b);
      for (guint r = 0; r < 3; r++)
        {
          json_builder_set_member_name (b, roles[r]);
          json_builder_add_string_value (b, ws_vectors_get_word (vectors, options->analogy[r]));
        }
      json_builder_end_object (b);
    }
  json_builder_set_member_name (b, "explained_variance_ratio");
  json_builder_begin_array (b);
  for (guint c = 0; c < k; c++)
    add_number (b, ws_projection_get_explained_variance_ratio (projection, c));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "points");
  json_builder_begin_array (b);
  for (gsize i = 0; i < ws_projection_get_n_rows (projection); i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "word");
      json_builder_add_string_value (b, ws_vectors_get_word (vectors, rows[i]));
      json_builder_set_member_name (b, "index");
      json_builder_add_int_value (b, rows[i]);
      for (guint c = 0; c < k; c++)
        {
          json_builder_set_member_name (b, axis_names[c]);
          json_builder_add_double_value (b, ws_projection_get_coordinate (projection, i, c));
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  ws_cli_print_json (b);
}

static void
print_table (WsVectors                 *vectors,
             WsProjection              *projection,
             const WsProjectionOptions *options)
{
  guint k = ws_projection_get_n_components (projection);
  const gsize *rows = ws_projection_get_rows (projection);
  gsize n = ws_projection_get_n_rows (projection);
  long width = 4;

  for (gsize i = 0; i < n; i++)
    width = MAX (width, g_utf8_strlen (ws_vectors_get_word (vectors, rows[i]), -1));

  /* Pad by characters, not bytes, so non-ASCII words line up. */
  printf ("%s%*s", _("word"), (int) (width - g_utf8_strlen (_("word"), -1)), "");
  for (guint c = 0; c < k; c++)
    printf ("  %12s", axis_names[c]);
  printf ("\n");
  for (gsize i = 0; i < n; i++)
    {
      const char *word = ws_vectors_get_word (vectors, rows[i]);

      printf ("%s%*s", word, (int) (width - g_utf8_strlen (word, -1)), "");
      for (guint c = 0; c < k; c++)
        printf ("  %12.6f", ws_projection_get_coordinate (projection, i, c));
      printf ("\n");
    }

  printf ("\n");
  switch (options->method)
    {
    case WS_PROJECTION_LOCAL:
    case WS_PROJECTION_GLOBAL:
      /* One whole sentence per case, so that translators see each of them. */
      if (options->method == WS_PROJECTION_LOCAL)
        printf (options->unit_vectors ?
                g_dngettext (NULL, "Method: local PCA of this %'zu word (unit vectors)\n",
                             "Method: local PCA of these %'zu words (unit vectors)\n", n) :
                g_dngettext (NULL, "Method: local PCA of this %'zu word (vectors as stored)\n",
                             "Method: local PCA of these %'zu words (vectors as stored)\n", n),
                n);
      else
        {
          gsize rows = options->global_rows == 0 || options->global_rows > ws_vectors_get_n_words (vectors)
                       ? ws_vectors_get_n_words (vectors) : options->global_rows;

          printf (options->unit_vectors ?
                  g_dngettext (NULL, "Method: global PCA of the model’s first %'zu word (unit vectors)\n",
                               "Method: global PCA of the model’s first %'zu words (unit vectors)\n", rows) :
                  g_dngettext (NULL, "Method: global PCA of the model’s first %'zu word (vectors as stored)\n",
                               "Method: global PCA of the model’s first %'zu words (vectors as stored)\n", rows),
                  rows);
        }
      printf (_("Explained variance:"));
      for (guint c = 0; c < k; c++)
        {
          double ratio = ws_projection_get_explained_variance_ratio (projection, c);

          if (isfinite (ratio))
            printf (" %s %.2f%%%s", axis_names[c], 100.0 * ratio, c + 1 < k ? "," : "");
          else
            printf (" %s %s%s", axis_names[c], _("undefined"), c + 1 < k ? "," : "");
        }
      printf ("\n");
      break;
    case WS_PROJECTION_ANALOGY:
      printf (_("Method: analogy %s : %s :: %s : ? (unit vectors)\n"),
              ws_vectors_get_word (vectors, options->analogy[0]),
              ws_vectors_get_word (vectors, options->analogy[1]),
              ws_vectors_get_word (vectors, options->analogy[2]));
      printf (k == 3 ?
              _("Axes: x along %s → %s, y along %s → %s made orthogonal to x, "
                "z the first principal component of the rest\n") :
              _("Axes: x along %s → %s, y along %s → %s made orthogonal to x\n"),
              ws_vectors_get_word (vectors, options->analogy[0]),
              ws_vectors_get_word (vectors, options->analogy[1]),
              ws_vectors_get_word (vectors, options->analogy[0]),
              ws_vectors_get_word (vectors, options->analogy[2]));
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The rows of @expression's words (each once, in text order) and of their
 * @neighbors nearest neighbours. FALSE after printing why not. */
static gboolean
rows_from_query (WsVectors          *vectors,
                 WsExpression       *expression,
                 gsize               neighbors,
                 const WsCliOptions *options,
                 GArray             *rows)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GError) error = NULL;

  if (!ws_expression_check (expression, vectors, NULL, &error))
    {
      ws_cli_print_error (error);
      return FALSE;
    }
  for (gsize i = 0; i < ws_expression_get_n_terms (expression); i++)
    {
      gsize row = 0;

      ws_vectors_lookup (vectors, ws_expression_get_term (expression, i)->word, &row);
      if (g_hash_table_add (seen, GSIZE_TO_POINTER (row + 1)))
        g_array_append_val (rows, row);
    }
  if (neighbors > 0)
    {
      g_autoptr(GArray) results = ws_expression_most_similar (expression, vectors, neighbors,
                                                              options->restrict_vocab, &error);

      if (results == NULL)
        {
          ws_cli_print_error (error);
          return FALSE;
        }
      for (guint i = 0; i < results->len; i++)
        {
          gsize row = g_array_index (results, WsScored, i).row;

          if (g_hash_table_add (seen, GSIZE_TO_POINTER (row + 1)))
            g_array_append_val (rows, row);
        }
    }
  return TRUE;
}

int
ws_cli_project (int    argc,
                char **argv)
{
  g_auto(WsCliOptions) options = { 0 };
  g_autofree char *method = NULL;
  g_autofree char *query = NULL;
  gint components = 2;
  gint64 neighbors = -1;
  gint64 global_rows = 0;
  gboolean unit = FALSE;
  gboolean stored = FALSE;
  const GOptionEntry extra[] = {
    { "query", 0, 0, G_OPTION_ARG_STRING, &query,
      N_("Place the words of this query and their nearest neighbours"), N_("EXPR") },
    { "neighbors", 'k', 0, G_OPTION_ARG_INT64, &neighbors,
      N_("--query: how many nearest neighbours to add (default 10)"), "K" },
    { "method", 0, 0, G_OPTION_ARG_STRING, &method,
      N_("local, global or analogy (see above)"), N_("METHOD") },
    { "components", 0, 0, G_OPTION_ARG_INT, &components,
      N_("2 or 3 axes (default 2)"), "N" },
    { "unit", 0, 0, G_OPTION_ARG_NONE, &unit,
      N_("local, global: project unit vectors (the default)"), NULL },
    { "stored", 0, 0, G_OPTION_ARG_NONE, &stored,
      N_("local, global: project the vectors as stored, as scikit-learn given kv[word] would"), NULL },
    { "global-rows", 0, 0, G_OPTION_ARG_INT64, &global_rows,
      N_("global: take the axes from the model’s first N words (default all)"), "N" },
    { NULL }
  };
  g_autoptr(WsVectors) vectors = NULL;
  g_autoptr(WsExpression) expression = NULL;
  g_autoptr(WsProjection) projection = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gsize));
  WsProjectionOptions projection_options;
  gboolean method_given;

  if (!ws_cli_parse ("project", PROJECT_ARGS, PROJECT_SUMMARY, extra, &options, &argc, &argv))
    return WS_EXIT_USAGE;

  ws_projection_options_init (&projection_options);
  method_given = method != NULL;
  if (method_given && !ws_projection_method_from_string (method, &projection_options.method))
    {
      g_printerr (_("wordspace-cli project: --method takes local, global or analogy, not “%s”\n"),
                  method);
      return WS_EXIT_USAGE;
    }
  if (components != 2 && components != 3)
    {
      g_printerr (_("wordspace-cli project: --components takes 2 or 3, not %d\n"), components);
      return WS_EXIT_USAGE;
    }
  if (global_rows < 0)
    {
      g_printerr (_("wordspace-cli project: --global-rows takes a number ≥ 0\n"));
      return WS_EXIT_USAGE;
    }
  if (unit && stored)
    {
      g_printerr (_("wordspace-cli project: give either --unit or --stored, not both\n"));
      return WS_EXIT_USAGE;
    }
  if (query != NULL && argc > 1)
    {
      g_printerr (_("wordspace-cli project: give either --query EXPR or WORDs, not both\n"));
      return WS_EXIT_USAGE;
    }
  if (query == NULL && neighbors >= 0)
    {
      g_printerr (_("wordspace-cli project: --neighbors goes with --query\n"));
      return WS_EXIT_USAGE;
    }
  if (query == NULL && argc < 2)
    {
      g_printerr (_("wordspace-cli project: give the words to place, or --query EXPR\n"));
      return WS_EXIT_USAGE;
    }
  if (query == NULL && projection_options.method == WS_PROJECTION_ANALOGY && argc < 4)
    {
      g_printerr (_("wordspace-cli project: --method analogy needs at least three words, "
                    "a b c for a : b :: c : ?\n"));
      return WS_EXIT_USAGE;
    }
  projection_options.n_components = components;
  projection_options.unit_vectors = !stored;
  projection_options.global_rows = global_rows;

  if (query != NULL)
    {
      gsize start = 0, end = 0;

      expression = ws_expression_parse_full (query, &start, &end, &error);
      if (expression == NULL)
        {
          ws_cli_print_error (error);
          if (error->code != WS_QUERY_ERROR_EMPTY)
            {
              g_autofree char *caret = ws_expression_caret_line (query, start, end);

              g_printerr ("  %s\n  %s\n", query, caret);
            }
          return WS_EXIT_QUERY;
        }
      if (!method_given && ws_expression_get_kind (expression) == WS_EXPRESSION_ANALOGY)
        projection_options.method = WS_PROJECTION_ANALOGY;
      if (projection_options.method == WS_PROJECTION_ANALOGY &&
          !ws_expression_get_analogy (expression, NULL, NULL, NULL))
        {
          g_printerr (_("wordspace-cli project: --method analogy needs a query of the form "
                        "a : b :: c : ?\n"));
          return WS_EXIT_QUERY;
        }
    }

  if ((vectors = ws_cli_load_model (&options)) == NULL)
    return WS_EXIT_MODEL;

  if (expression != NULL)
    {
      const WsExpressionTerm *a, *b, *c;

      if (!rows_from_query (vectors, expression, neighbors < 0 ? 10 : (gsize) neighbors,
                            &options, rows))
        return WS_EXIT_QUERY;
      if (ws_expression_get_analogy (expression, &a, &b, &c))
        {
          ws_vectors_lookup (vectors, a->word, &projection_options.analogy[0]);
          ws_vectors_lookup (vectors, b->word, &projection_options.analogy[1]);
          ws_vectors_lookup (vectors, c->word, &projection_options.analogy[2]);
        }
    }
  else
    {
      for (int i = 1; i < argc; i++)
        {
          gsize row;

          if (!ws_vectors_lookup (vectors, argv[i], &row))
            {
              g_printerr (_("wordspace-cli: “%s” is not in the model\n"), argv[i]);
              return WS_EXIT_QUERY;
            }
          g_array_append_val (rows, row);
        }
      if (projection_options.method == WS_PROJECTION_ANALOGY)
        for (guint r = 0; r < 3; r++)
          projection_options.analogy[r] = g_array_index (rows, gsize, r);
    }

  projection = ws_projection_new (vectors, (const gsize *) rows->data, rows->len,
                                  &projection_options, NULL, &error);
  if (projection == NULL)
    {
      ws_cli_print_error (error);
      return WS_EXIT_QUERY;
    }

  if (options.json)
    print_json (vectors, projection, &projection_options, expression);
  else
    print_table (vectors, projection, &projection_options);
  return WS_EXIT_OK;
}
