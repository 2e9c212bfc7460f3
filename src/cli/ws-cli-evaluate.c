/* ws-cli-evaluate.c: evaluate analogies|pairs — the model on a benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wordspace-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ws-cli.h"
#include "ws-evaluate.h"

#define EVALUATE_ARGS N_("analogies|pairs FILE")
#define EVALUATE_SUMMARY \
  N_("Score the model on a benchmark, as gensim does:\n" \
     "  analogies FILE  questions-words format (“: section” lines, then “a b c d”)\n" \
     "  pairs FILE      WordSim353 / SimLex-999 format (word, tab, word, tab, score)")

/* At most this many skipped lines are listed; the rest are counted. */
#define MAX_SKIPPED_SHOWN 10

static int
exit_code_for (const GError *error)
{
  if (g_error_matches (error, WS_EVALUATE_ERROR, WS_EVALUATE_ERROR_IO))
    return WS_EXIT_FAILURE;
  return WS_EXIT_QUERY;
}

static void
print_skipped (GPtrArray *skipped,
               gboolean   quiet)
{
  if (quiet || skipped->len == 0)
    return;
  for (guint i = 0; i < MIN (skipped->len, MAX_SKIPPED_SHOWN); i++)
    g_printerr (_("wordspace-cli: skipped %s\n"), (const char *) skipped->pdata[i]);
  if (skipped->len > MAX_SKIPPED_SHOWN)
    g_printerr (g_dngettext (NULL, "wordspace-cli: … and %'u more skipped line\n",
                             "wordspace-cli: … and %'u more skipped lines\n",
                             skipped->len - MAX_SKIPPED_SHOWN),
                skipped->len - MAX_SKIPPED_SHOWN);
}

static void
add_double_or_null (JsonBuilder *b,
                    const char  *member,
                    double       value)
{
  json_builder_set_member_name (b, member);
  if (isfinite (value))
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_settings (JsonBuilder             *b,
              const char              *kind,
              const char              *path,
              const WsEvaluateOptions *opt,
              GPtrArray               *skipped)
{
  json_builder_set_member_name (b, "benchmark");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, kind);
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, path);
  json_builder_set_member_name (b, "restrict_vocab");
  json_builder_add_int_value (b, opt->restrict_vocab);
  json_builder_set_member_name (b, "case_insensitive");
  json_builder_add_boolean_value (b, opt->case_insensitive);
  json_builder_set_member_name (b, "dummy4unknown");
  json_builder_add_boolean_value (b, opt->dummy4unknown);
  json_builder_set_member_name (b, "skipped_lines");
  json_builder_begin_array (b);
  for (guint i = 0; i < skipped->len; i++)
    json_builder_add_string_value (b, skipped->pdata[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_section (JsonBuilder            *b,
             const WsAnalogySection *s)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "section");
  json_builder_add_string_value (b, s->name);
  json_builder_set_member_name (b, "correct");
  json_builder_add_int_value (b, s->correct);
  json_builder_set_member_name (b, "incorrect");
  json_builder_add_int_value (b, s->incorrect);
  json_builder_set_member_name (b, "total");
  json_builder_add_int_value (b, s->correct + s->incorrect);
  json_builder_set_member_name (b, "accuracy");
  json_builder_add_double_value (b, ws_analogy_section_accuracy (s));
  json_builder_set_member_name (b, "unknown");
  json_builder_add_int_value (b, s->oov);
  json_builder_end_object (b);
}

typedef struct
{
  gint64 start;
  gint64 last;
} Progress;

static void
on_progress (gsize    done,
             gsize    total,
             gpointer user_data)
{
  Progress *p = user_data;
  gint64 now = g_get_monotonic_time ();
  double elapsed = (now - p->start) / (double) G_USEC_PER_SEC;

  if (now - p->last < G_USEC_PER_SEC / 5 && done < total)
    return;
  p->last = now;
  if (done > 0 && done < total)
    g_printerr (g_dngettext (NULL, "\rEvaluating: %3.0f%%, %'zu of %'zu question, %.0f s left   ",
                             "\rEvaluating: %3.0f%%, %'zu of %'zu questions, %.0f s left   ", total),
                100.0 * done / total, done, total, elapsed * (total - done) / done);
}

static int
run_analogies (const WsCliOptions      *options,
               WsVectors               *vectors,
               const char              *path,
               const WsEvaluateOptions *opt)
{
  g_autoptr(WsAnalogyResult) r = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { g_get_monotonic_time (), 0 };
  gboolean show = !options->quiet && !options->json && isatty (STDERR_FILENO);

  r = ws_evaluate_analogies (vectors, path, opt, show ? on_progress : NULL, &progress,
                             NULL, &error);
  if (show)
    g_printerr ("\r\033[K");
  if (r == NULL)
    {
      ws_cli_print_error (error);
      return exit_code_for (error);
    }
  print_skipped (r->skipped, options->quiet || options->json);

  if (options->json)
    {
      g_autoptr(JsonBuilder) b = ws_cli_json_begin ("evaluate", vectors);

      add_settings (b, "analogies", path, opt, r->skipped);
      json_builder_set_member_name (b, "sections");
      json_builder_begin_array (b);
      for (guint i = 0; i + 1 < r->sections->len; i++)
        add_section (b, &g_array_index (r->sections, WsAnalogySection, i));
      json_builder_end_array (b);
      json_builder_set_member_name (b, "total");
      add_section (b, &g_array_index (r->sections, WsAnalogySection, r->sections->len - 1));
      json_builder_set_member_name (b, "questions");
      json_builder_add_int_value (b, r->n_questions);
      json_builder_set_member_name (b, "unknown");
      json_builder_add_int_value (b, r->n_oov);
      json_builder_set_member_name (b, "unknown_percent");
      json_builder_add_double_value (b, r->oov_ratio);
      json_builder_set_member_name (b, "accuracy");
      json_builder_add_double_value (b, r->accuracy);
      ws_cli_print_json (b);
      return WS_EXIT_OK;
    }

  printf ("%-32s %8s %8s %9s\n", _("Section"), _("Correct"), _("Total"), _("Accuracy"));
  for (guint i = 0; i < r->sections->len; i++)
    {
      const WsAnalogySection *s = &g_array_index (r->sections, WsAnalogySection, i);
      gsize n = s->correct + s->incorrect;

      if (i + 1 == r->sections->len)
        printf ("\n");
      if (n > 0)
        printf ("%-32s %'8zu %'8zu %8.1f%%\n",
                s->name, s->correct, n, 100.0 * ws_analogy_section_accuracy (s));
      else
        /* No question was asked: gensim's 0.0 would read as a score. */
        printf ("%-32s %'8zu %'8zu %9s\n", s->name, s->correct, n, "-");
    }
  printf ("\n");
  /* One whole sentence per case, so that translators see each of them. */
  if (opt->restrict_vocab > 0 && opt->restrict_vocab < ws_vectors_get_n_words (vectors))
    printf (opt->dummy4unknown ?
            g_dngettext (NULL,
                         "Questions: %'zu; with a word the model doesn’t know (among its first %'zu word): %'zu (%.1f%%), counted as wrong.\n",
                         "Questions: %'zu; with a word the model doesn’t know (among its first %'zu words): %'zu (%.1f%%), counted as wrong.\n",
                         opt->restrict_vocab) :
            g_dngettext (NULL,
                         "Questions: %'zu; with a word the model doesn’t know (among its first %'zu word): %'zu (%.1f%%), left out.\n",
                         "Questions: %'zu; with a word the model doesn’t know (among its first %'zu words): %'zu (%.1f%%), left out.\n",
                         opt->restrict_vocab),
            r->n_questions, opt->restrict_vocab, r->n_oov, r->oov_ratio);
  else
    printf (opt->dummy4unknown ?
            _("Questions: %'zu; with a word the model doesn’t know (among all its words): %'zu (%.1f%%), counted as wrong.\n") :
            _("Questions: %'zu; with a word the model doesn’t know (among all its words): %'zu (%.1f%%), left out.\n"),
            r->n_questions, r->n_oov, r->oov_ratio);
  return WS_EXIT_OK;
}

static int
run_pairs (const WsCliOptions      *options,
           WsVectors               *vectors,
           const char              *path,
           const WsEvaluateOptions *opt)
{
  g_autoptr(WsPairsResult) r = NULL;
  g_autoptr(GError) error = NULL;

  r = ws_evaluate_pairs (vectors, path, opt, NULL, &error);
  if (r == NULL)
    {
      ws_cli_print_error (error);
      return exit_code_for (error);
    }
  print_skipped (r->skipped, options->quiet || options->json);

  if (options->json)
    {
      g_autoptr(JsonBuilder) b = ws_cli_json_begin ("evaluate", vectors);

      add_settings (b, "pairs", path, opt, r->skipped);
      json_builder_set_member_name (b, "pearson");
      json_builder_begin_object (b);
      add_double_or_null (b, "r", r->pearson);
      add_double_or_null (b, "p", r->pearson_p);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "spearman");
      json_builder_begin_object (b);
      add_double_or_null (b, "rho", r->spearman);
      add_double_or_null (b, "p", r->spearman_p);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "pairs");
      json_builder_add_int_value (b, r->pairs->len);
      json_builder_set_member_name (b, "used");
      json_builder_add_int_value (b, r->n_used);
      json_builder_set_member_name (b, "unknown");
      json_builder_add_int_value (b, r->n_oov);
      json_builder_set_member_name (b, "unknown_percent");
      json_builder_add_double_value (b, r->oov_ratio);
      ws_cli_print_json (b);
      return WS_EXIT_OK;
    }

  printf ("%-28s %10s %12s\n", _("Correlation"), _("Value"), _("p-value"));
  printf ("%-28s %10.4f %12.4g\n", _("Pearson"), r->pearson, r->pearson_p);
  printf ("%-28s %10.4f %12.4g\n", _("Spearman"), r->spearman, r->spearman_p);
  printf ("\n");
  printf (opt->dummy4unknown ?
          _("Pairs: %'u; used: %'zu; with a word the model doesn’t know: %'zu (%.1f%%), scored 0.\n") :
          _("Pairs: %'u; used: %'zu; with a word the model doesn’t know: %'zu (%.1f%%), left out.\n"),
          r->pairs->len, r->n_used, r->n_oov, r->oov_ratio);
  return WS_EXIT_OK;
}

int
ws_cli_evaluate (int    argc,
                 char **argv)
{
  g_auto(WsCliOptions) options = { 0 };
  g_autoptr(WsVectors) vectors = NULL;
  gboolean case_sensitive = FALSE, dummy4unknown = FALSE;
  const GOptionEntry extra[] = {
    { "case-sensitive", 0, 0, G_OPTION_ARG_NONE, &case_sensitive,
      N_("Compare words as written (gensim uppercases them by default)"), NULL },
    { "dummy4unknown", 0, 0, G_OPTION_ARG_NONE, &dummy4unknown,
      N_("Count questions with unknown words as wrong, pairs as similarity 0"), NULL },
    { NULL }
  };
  WsEvaluateOptions opt;
  const char *kind;

  /* gensim's default; --restrict-vocab 0 uses every word. */
  options.restrict_vocab = 300000;
  if (!ws_cli_parse ("evaluate", EVALUATE_ARGS, EVALUATE_SUMMARY, extra,
                     &options, &argc, &argv))
    return WS_EXIT_USAGE;
  if (argc != 3 || (strcmp (argv[1], "analogies") != 0 && strcmp (argv[1], "pairs") != 0))
    {
      g_printerr (_("wordspace-cli evaluate: takes “analogies FILE” or “pairs FILE”\n"));
      return WS_EXIT_USAGE;
    }
  kind = argv[1];
  if (!g_file_test (argv[2], G_FILE_TEST_IS_REGULAR))
    {
      g_printerr (_("wordspace-cli evaluate: “%s” is not a readable file\n"), argv[2]);
      return WS_EXIT_USAGE;
    }

  ws_evaluate_options_init (&opt);
  opt.restrict_vocab = (gsize) options.restrict_vocab;
  opt.case_insensitive = !case_sensitive;
  opt.dummy4unknown = dummy4unknown;

  if ((vectors = ws_cli_load_model (&options)) == NULL)
    return WS_EXIT_MODEL;

  if (strcmp (kind, "analogies") == 0)
    return run_analogies (&options, vectors, argv[2], &opt);
  return run_pairs (&options, vectors, argv[2], &opt);
}
