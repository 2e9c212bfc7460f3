/* ws-cli-similarity.c: neighbors, similarity, doesnt-match
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
#include "ws-result-table.h"
#include "ws-similarity.h"

/* Columns @s takes on a terminal: CJK characters take two, combining
 * marks none. */
static glong
display_width (const char *s)
{
  glong width = 0;

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

/* Prints @s padded with spaces to @width columns. */
static void
print_padded (const char *s,
              glong       width)
{
  glong len = display_width (s);

  fputs (s, stdout);
  for (glong i = len; i < width; i++)
    putchar (' ');
}

static char *
format_score (float score)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (score))
    return g_strdup ("nan");
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.4f", score));
}

void
ws_cli_print_scored (const WsCliOptions *options,
                     WsVectors          *vectors,
                     GArray             *results)
{
  glong word_width = 0;
  int rank_width = 1;
  glong score_width = 0;

  if (options->format != WS_CLI_FORMAT_TEXT)
    {
      /* The rows the window's "Copy as" writes too. */
      g_autofree const char **words = g_new0 (const char *, results->len + 1);
      g_autofree float *scores = g_new0 (float, results->len + 1);
      g_autofree char *text = NULL;

      for (guint i = 0; i < results->len; i++)
        {
          const WsScored *s = &g_array_index (results, WsScored, i);

          words[i] = ws_vectors_get_word (vectors, s->row);
          scores[i] = s->score;
        }
      text = ws_result_table_scored (options->format == WS_CLI_FORMAT_MARKDOWN ? WS_RESULT_TABLE_MARKDOWN
                                     : options->format == WS_CLI_FORMAT_CSV ? WS_RESULT_TABLE_CSV
                                     : WS_RESULT_TABLE_TSV,
                                     words, scores, results->len);
      fputs (text, stdout);
      return;
    }

  for (guint i = 0; i < results->len; i++)
    {
      const WsScored *s = &g_array_index (results, WsScored, i);
      g_autofree char *score = format_score (s->score);

      word_width = MAX (word_width, display_width (ws_vectors_get_word (vectors, s->row)));
      score_width = MAX (score_width, (glong) strlen (score));
    }
  {
    /* As wide as the last rank, grouped as the locale groups digits. */
    g_autofree char *last = g_strdup_printf ("%'u", results->len);

    rank_width = (int) strlen (last);
  }

  for (guint i = 0; i < results->len; i++)
    {
      const WsScored *s = &g_array_index (results, WsScored, i);
      g_autofree char *score = format_score (s->score);

      printf ("%'*u  ", rank_width, i + 1);
      print_padded (ws_vectors_get_word (vectors, s->row), word_width);
      printf ("  %*s\n", (int) score_width, score);
    }
}

/* A score in JSON: null for NaN (a zero vector), which JSON cannot hold. */
static void
json_add_score (JsonBuilder *b,
                float        score)
{
  if (isnan (score))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, score);
}

void
ws_cli_json_add_scored (JsonBuilder *b,
                        WsVectors   *vectors,
                        GArray      *results)
{
  json_builder_set_member_name (b, "results");
  json_builder_begin_array (b);
  for (guint i = 0; i < results->len; i++)
    {
      const WsScored *s = &g_array_index (results, WsScored, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "word");
      json_builder_add_string_value (b, ws_vectors_get_word (vectors, s->row));
      json_builder_set_member_name (b, "score");
      json_add_score (b, s->score);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

int
ws_cli_neighbors (int    argc,
                  char **argv)
{
  g_auto(WsCliOptions) options = { 0 };
  g_autoptr(WsVectors) vectors = NULL;
  g_autoptr(GArray) results = NULL;
  g_autoptr(GError) error = NULL;

  if (!ws_cli_parse ("neighbors", N_("WORD"),
                     N_("The words closest to WORD by cosine similarity (gensim’s most_similar)"),
                     NULL, &options, &argc, &argv))
    return WS_EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr (_("wordspace-cli neighbors: takes exactly one WORD\n"));
      return WS_EXIT_USAGE;
    }
  if ((vectors = ws_cli_load_model (&options)) == NULL)
    return WS_EXIT_MODEL;

  results = ws_neighbors (vectors, argv[1], (gsize) options.topn,
                          (gsize) options.restrict_vocab, &error);
  if (results == NULL)
    {
      ws_cli_print_error (error);
      return WS_EXIT_QUERY;
    }

  if (options.json)
    {
      g_autoptr(JsonBuilder) b = ws_cli_json_begin ("neighbors", vectors);

      json_builder_set_member_name (b, "query");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "word");
      json_builder_add_string_value (b, argv[1]);
      json_builder_set_member_name (b, "topn");
      json_builder_add_int_value (b, options.topn);
      json_builder_set_member_name (b, "restrict_vocab");
      json_builder_add_int_value (b, options.restrict_vocab);
      json_builder_end_object (b);
      ws_cli_json_add_scored (b, vectors, results);
      ws_cli_print_json (b);
    }
  else
    ws_cli_print_scored (&options, vectors, results);
  return WS_EXIT_OK;
}

/* Python's repr of a str, as gensim's tutorials print word pairs. */
static char *
quote (const char *word)
{
  if (strchr (word, '\'') != NULL && strchr (word, '"') == NULL)
    return g_strdup_printf ("\"%s\"", word);
  return g_strdup_printf ("'%s'", word);
}

int
ws_cli_similarity (int    argc,
                   char **argv)
{
  g_auto(WsCliOptions) options = { 0 };
  g_autoptr(WsVectors) vectors = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autofree float *scores = NULL;
  gsize n_pairs;
  glong width1 = 0, width2 = 0;

  if (!ws_cli_parse ("similarity", N_("A B [C D …]"),
                     N_("The cosine similarity of each pair of words"),
                     NULL, &options, &argc, &argv))
    return WS_EXIT_USAGE;
  if (argc < 3 || (argc - 1) % 2 != 0)
    {
      g_printerr (_("wordspace-cli similarity: takes pairs of words: A B [C D …]\n"));
      return WS_EXIT_USAGE;
    }
  if ((vectors = ws_cli_load_model (&options)) == NULL)
    return WS_EXIT_MODEL;

  /* Every pair is answered before anything is printed, so an unknown word
   * gives an error and no partial output. */
  n_pairs = (gsize) (argc - 1) / 2;
  scores = g_new (float, n_pairs);
  for (gsize i = 0; i < n_pairs; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!ws_similarity (vectors, argv[1 + 2 * i], argv[2 + 2 * i], &scores[i], &error))
        {
          ws_cli_print_error (error);
          return WS_EXIT_QUERY;
        }
    }

  if (options.json)
    {
      b = ws_cli_json_begin ("similarity", vectors);
      json_builder_set_member_name (b, "results");
      json_builder_begin_array (b);
      for (gsize i = 0; i < n_pairs; i++)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "words");
          json_builder_begin_array (b);
          json_builder_add_string_value (b, argv[1 + 2 * i]);
          json_builder_add_string_value (b, argv[2 + 2 * i]);
          json_builder_end_array (b);
          json_builder_set_member_name (b, "score");
          json_add_score (b, scores[i]);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      ws_cli_print_json (b);
      return WS_EXIT_OK;
    }

  if (options.format != WS_CLI_FORMAT_TEXT)
    {
      static const char *const header[] = { "word_a", "word_b", "score", NULL };
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

      for (gsize i = 0; i < n_pairs; i++)
        {
          char **row = g_new0 (char *, 4);

          row[0] = g_strdup (argv[1 + 2 * i]);
          row[1] = g_strdup (argv[2 + 2 * i]);
          row[2] = ws_cli_format_score (options.format, scores[i]);
          g_ptr_array_add (rows, row);
        }
      ws_cli_print_table (options.format, header, rows);
      return WS_EXIT_OK;
    }
  for (gsize i = 0; i < n_pairs; i++)
    {
      g_autofree char *a = quote (argv[1 + 2 * i]);
      g_autofree char *c = quote (argv[2 + 2 * i]);

      width1 = MAX (width1, display_width (a));
      width2 = MAX (width2, display_width (c));
    }
  for (gsize i = 0; i < n_pairs; i++)
    {
      g_autofree char *a = quote (argv[1 + 2 * i]);
      g_autofree char *c = quote (argv[2 + 2 * i]);
      g_autofree char *score = format_score (scores[i]);

      print_padded (a, width1);
      fputs ("  ", stdout);
      print_padded (c, width2);
      printf ("  %7s\n", score);
    }
  return WS_EXIT_OK;
}

int
ws_cli_doesnt_match (int    argc,
                     char **argv)
{
  g_auto(WsCliOptions) options = { 0 };
  g_autoptr(WsVectors) vectors = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ignored = NULL;
  const char *odd;

  if (!ws_cli_parse ("doesnt-match", N_("WORD…"),
                     N_("The word that goes least with the others (unknown words are ignored)"),
                     NULL, &options, &argc, &argv))
    return WS_EXIT_USAGE;
  if (argc < 2)
    {
      g_printerr (_("wordspace-cli doesnt-match: takes one or more words\n"));
      return WS_EXIT_USAGE;
    }
  if ((vectors = ws_cli_load_model (&options)) == NULL)
    return WS_EXIT_MODEL;

  odd = ws_doesnt_match (vectors, (const char * const *) argv + 1, (gsize) argc - 1,
                         &ignored, &error);
  if (odd == NULL)
    {
      ws_cli_print_error (error);
      return WS_EXIT_QUERY;
    }

  if (ignored != NULL && ignored[0] != NULL && !options.quiet)
    {
      g_autofree char *list = g_strjoinv (", ", ignored);

      /* gensim logs the same warning and goes on without them. */
      g_printerr (_("wordspace-cli: not in the model, ignored: %s\n"), list);
    }

  if (options.json)
    {
      g_autoptr(JsonBuilder) b = ws_cli_json_begin ("doesnt-match", vectors);

      json_builder_set_member_name (b, "query");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "words");
      json_builder_begin_array (b);
      for (int i = 1; i < argc; i++)
        json_builder_add_string_value (b, argv[i]);
      json_builder_end_array (b);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "result");
      json_builder_add_string_value (b, odd);
      json_builder_set_member_name (b, "ignored");
      json_builder_begin_array (b);
      for (gsize i = 0; ignored != NULL && ignored[i] != NULL; i++)
        json_builder_add_string_value (b, ignored[i]);
      json_builder_end_array (b);
      ws_cli_print_json (b);
    }
  else if (options.format != WS_CLI_FORMAT_TEXT)
    {
      /* Each word given, and whether it is the odd one out. */
      static const char *const header[] = { "word", "odd_one_out", NULL };
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

      for (int i = 1; i < argc; i++)
        {
          char **row = g_new0 (char *, 3);

          if (ignored != NULL && g_strv_contains ((const char * const *) ignored, argv[i]))
            continue;
          row[0] = g_strdup (argv[i]);
          row[1] = g_strdup (strcmp (argv[i], odd) == 0 ? "true" : "false");
          g_ptr_array_add (rows, row);
        }
      ws_cli_print_table (options.format, header, rows);
    }
  else
    printf ("%s\n", odd);
  return WS_EXIT_OK;
}
