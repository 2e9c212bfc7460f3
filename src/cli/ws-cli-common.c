/* ws-cli-common.c: options, model loading and output shared by the commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wordspace-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ws-catalogue.h"
#include "ws-cli.h"
#include "ws-result-table.h"
#include "ws-vectors-cache.h"

/* The bundled model, looked for in the source tree first so an uninstalled
 * build works, then where `meson install` puts it. */
#define BUNDLED_MODEL_NAME "wordspace-en.bin"

static gboolean
parse_format (const char   *command,
              WsCliOptions *options)
{
  static const char *const names[] = { "text", "json", "markdown", "csv", "tsv" };
  /* The commands that print a table of results. */
  static const char *const tables[] = { "query", "cosmul", "neighbors", "similarity", "doesnt-match", NULL };

  if (options->format_name == NULL)
    {
      options->format = options->json ? WS_CLI_FORMAT_JSON : WS_CLI_FORMAT_TEXT;
      return TRUE;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (options->format_name, names[i]) == 0)
      {
        options->format = (WsCliFormat) i;
        if (options->json && options->format != WS_CLI_FORMAT_JSON)
          {
            g_printerr (_("wordspace-cli %s: --json and --format %s ask for two formats: give one\n"),
                        command, options->format_name);
            return FALSE;
          }
        if (options->format >= WS_CLI_FORMAT_MARKDOWN && !g_strv_contains (tables, command))
          {
            g_printerr (_("wordspace-cli %s: --format %s is for the result tables of query, cosmul, "
                          "neighbors, similarity and doesnt-match; this command prints text or json\n"),
                        command, options->format_name);
            return FALSE;
          }
        options->json = options->format == WS_CLI_FORMAT_JSON;
        return TRUE;
      }
  g_printerr (_("wordspace-cli %s: --format takes text, json, markdown, csv or tsv, not “%s”\n"),
              command, options->format_name);
  return FALSE;
}

gboolean
ws_cli_parse (const char          *command,
              const char          *args,
              const char          *summary,
              const GOptionEntry  *extra,
              WsCliOptions        *options,
              int                 *argc,
              char              ***argv)
{
  const GOptionEntry common[] = {
    { "model", 'm', 0, G_OPTION_ARG_FILENAME, &options->model,
      N_("The vector file to open, or the name of a downloaded catalogue model (default: the bundled model)"), N_("FILE") },
    { "limit", 0, 0, G_OPTION_ARG_INT64, &options->limit,
      N_("Read only the first N words of the file"), "N" },
    { "topn", 'n', 0, G_OPTION_ARG_INT64, &options->topn,
      N_("How many results to show (default 10)"), "N" },
    { "restrict-vocab", 0, 0, G_OPTION_ARG_INT64, &options->restrict_vocab,
      N_("Search only the N most frequent words"), "N" },
    { "utf8", 0, 0, G_OPTION_ARG_STRING, &options->utf8,
      N_("Invalid UTF-8 in a word: strict (an error), replace or ignore"), N_("POLICY") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json,
      N_("Print one JSON document"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &options->format_name,
      N_("Print results as text (the default), json, markdown, csv or tsv"), N_("FORMAT") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &options->quiet,
      N_("Show no progress while loading"), NULL },
    { "no-cache", 0, 0, G_OPTION_ARG_NONE, &options->no_cache,
      N_("Parse the vector file even when the model cache holds it, and write no cache"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("wordspace-cli %s", command);
  const char *param = args ? _(args) : "";

  /* GOption names the program from argv[0], which is the command here: the
   * usage line should read "wordspace-cli query [OPTION…] EXPR". */
  g_set_prgname (prgname);
  options->topn = 10;
  context = g_option_context_new (param);
  g_option_context_set_summary (context, _(summary));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);
  if (extra != NULL)
    g_option_context_add_main_entries (context, extra, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("wordspace-cli %s: %s\n", command, error->message);
      g_printerr (_("Run “wordspace-cli %s --help” to see the options.\n"), command);
      return FALSE;
    }
  if (options->limit < 0 || options->topn < 0 || options->restrict_vocab < 0)
    {
      g_printerr (_("wordspace-cli %s: --limit, --topn and --restrict-vocab take a number ≥ 0\n"),
                  command);
      return FALSE;
    }
  if (!parse_format (command, options))
    return FALSE;
  if (options->utf8 != NULL && strcmp (options->utf8, "strict") != 0 &&
      strcmp (options->utf8, "replace") != 0 && strcmp (options->utf8, "ignore") != 0)
    {
      g_printerr (_("wordspace-cli %s: --utf8 takes strict, replace or ignore, not “%s”\n"),
                  command, options->utf8);
      return FALSE;
    }
  return TRUE;
}

void
ws_cli_options_clear (WsCliOptions *options)
{
  g_clear_pointer (&options->model, g_free);
  g_clear_pointer (&options->utf8, g_free);
  g_clear_pointer (&options->format_name, g_free);
}

/* The tables are the shared unit's (ws-result-table.h), so that the
 * window copies the same text. */
static WsResultTableFormat
table_format (WsCliFormat format)
{
  switch (format)
    {
    case WS_CLI_FORMAT_MARKDOWN:
      return WS_RESULT_TABLE_MARKDOWN;
    case WS_CLI_FORMAT_CSV:
      return WS_RESULT_TABLE_CSV;
    case WS_CLI_FORMAT_TSV:
    case WS_CLI_FORMAT_TEXT:
    case WS_CLI_FORMAT_JSON:
    default:
      return WS_RESULT_TABLE_TSV;
    }
}

void
ws_cli_print_table (WsCliFormat         format,
                    const char * const *header,
                    GPtrArray          *rows)
{
  g_autofree char *text = NULL;

  g_return_if_fail (format == WS_CLI_FORMAT_MARKDOWN || format == WS_CLI_FORMAT_CSV ||
                    format == WS_CLI_FORMAT_TSV);

  text = ws_result_table_format (table_format (format), header, rows);
  fputs (text, stdout);
}

char *
ws_cli_format_score (WsCliFormat format,
                     float       score)
{
  return ws_result_table_format_score (table_format (format), score);
}

char *
ws_cli_model_path (const WsCliOptions *options)
{
  const char *env = g_getenv ("WORDSPACE_MODEL");
  g_autofree char *source = NULL;

  if (options->model != NULL)
    return g_strdup (options->model);
  if (env != NULL && *env != '\0')
    return g_strdup (env);

  source = g_build_filename (WS_SOURCE_DATADIR, BUNDLED_MODEL_NAME, NULL);
  if (g_file_test (source, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&source);
  return g_build_filename (PKGDATADIR, BUNDLED_MODEL_NAME, NULL);
}

gboolean
ws_cli_is_bundled_model (const char *path)
{
  g_autofree char *source = g_build_filename (WS_SOURCE_DATADIR, BUNDLED_MODEL_NAME, NULL);
  g_autofree char *installed = g_build_filename (PKGDATADIR, BUNDLED_MODEL_NAME, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) source_file = g_file_new_for_path (source);
  g_autoptr(GFile) installed_file = g_file_new_for_path (installed);

  return g_file_equal (file, source_file) || g_file_equal (file, installed_file);
}

typedef struct
{
  gint64 start;
  gint64 last;
} Progress;

static void
on_progress (guint64  bytes_done,
             guint64  bytes_total,
             gsize    words_done,
             gsize    words_total,
             gpointer user_data)
{
  Progress *p = user_data;
  gint64 now = g_get_monotonic_time ();
  double fraction;
  double elapsed;

  if (now - p->last < G_USEC_PER_SEC / 5 && bytes_done < bytes_total)
    return;
  p->last = now;
  fraction = bytes_total > 0 ? (double) bytes_done / bytes_total : 0.0;
  elapsed = (now - p->start) / (double) G_USEC_PER_SEC;
  if (fraction > 0.01 && fraction < 1.0)
    g_printerr (g_dngettext (NULL, "\rLoading: %3.0f%%, %'zu word, %.0f s left   ",
                             "\rLoading: %3.0f%%, %'zu words, %.0f s left   ", words_done),
                100.0 * fraction, words_done, elapsed / fraction - elapsed);
  else
    g_printerr (g_dngettext (NULL, "\rLoading: %3.0f%%, %'zu word   ",
                             "\rLoading: %3.0f%%, %'zu words   ", words_done),
                100.0 * fraction, words_done);
}

/* The model cache is written in the background after a first load: print
 * the answer first, then let the write finish before the process ends. */
static gboolean cache_note;

static void
finish_cache_writes (void)
{
  fflush (stdout);
  if (cache_note && ws_vectors_cache_is_writing ())
    {
      g_printerr (_("Writing the model cache, so the next start is quick…"));
      ws_vectors_cache_wait ();
      g_printerr ("\r\033[K");
    }
  ws_vectors_cache_wait ();
}

WsVectors *
ws_cli_load_model (const WsCliOptions *options)
{
  g_autofree char *given = ws_cli_model_path (options);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  WsLoadOptions load;
  Progress progress = { g_get_monotonic_time (), 0 };
  gboolean show = !options->quiet && isatty (STDERR_FILENO);
  WsVectors *vectors;

  /* --model glove-wiki-gigaword-100 opens that model's file, as
   * gensim's api.load () does. */
  if ((path = ws_models_resolve (given, &error)) == NULL)
    {
      ws_cli_print_error (error);
      return NULL;
    }

  ws_load_options_init (&load);
  load.limit = (gsize) options->limit;
  if (g_strcmp0 (options->utf8, "replace") == 0)
    load.utf8_policy = WS_UTF8_REPLACE;
  else if (g_strcmp0 (options->utf8, "ignore") == 0)
    load.utf8_policy = WS_UTF8_IGNORE;
  load.use_cache = !options->no_cache;
  if (load.use_cache)
    {
      static gboolean registered;

      if (!registered)
        atexit (finish_cache_writes);
      registered = TRUE;
      cache_note = show;
    }

  vectors = ws_vectors_load (path, &load, show ? on_progress : NULL, &progress, NULL, &error);
  if (show)
    g_printerr ("\r\033[K");
  if (vectors == NULL)
    {
      ws_cli_print_error (error);
      return NULL;
    }
  if (ws_vectors_get_n_duplicates (vectors) > 0 && !options->quiet)
    g_printerr (g_dngettext (NULL, "wordspace-cli: %s: %'zu duplicate word ignored "
                             "(the first vector of each word is kept)\n",
                             "wordspace-cli: %s: %'zu duplicate words ignored "
                             "(the first vector of each word is kept)\n",
                             ws_vectors_get_n_duplicates (vectors)),
                path, ws_vectors_get_n_duplicates (vectors));
  return vectors;
}

void
ws_cli_print_error (const GError *error)
{
  g_printerr ("wordspace-cli: %s\n", error->message);
}

JsonBuilder *
ws_cli_json_begin (const char *command,
                   WsVectors  *vectors)
{
  JsonBuilder *builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "command");
  json_builder_add_string_value (builder, command);
  if (vectors != NULL)
    {
      json_builder_set_member_name (builder, "model");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, ws_vectors_get_path (vectors));
      json_builder_set_member_name (builder, "format");
      json_builder_add_string_value (builder,
                                     ws_vectors_format_to_string (ws_vectors_get_format (vectors)));
      json_builder_set_member_name (builder, "compressed");
      json_builder_add_boolean_value (builder, ws_vectors_get_compressed (vectors));
      json_builder_set_member_name (builder, "words");
      json_builder_add_int_value (builder, ws_vectors_get_n_words (vectors));
      json_builder_set_member_name (builder, "dimensions");
      json_builder_add_int_value (builder, ws_vectors_get_dim (vectors));
      json_builder_set_member_name (builder, "duplicates");
      json_builder_add_int_value (builder, ws_vectors_get_n_duplicates (vectors));
      json_builder_set_member_name (builder, "from_cache");
      json_builder_add_boolean_value (builder, ws_vectors_get_from_cache (vectors));
      json_builder_end_object (builder);
    }
  return builder;
}

void
ws_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}
