/* bench-evaluate.c: questions-words.txt on a model the size of the bundled
 * one, timed here and in gensim's evaluate_word_analogies in the same run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model holds every word of the questions (each section a noisy offset,
 * so answers are a mix of right and wrong) followed by filler words up to
 * --words. Both sides get the same float32 values (word2vec binary); only
 * the evaluation is timed, not the loading. Prints the ratio and fails only
 * when the answers differ. --model FILE evaluates that file instead (e.g.
 * data/wordspace-en.bin with --restrict-vocab 30000).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "ws-evaluate.h"

static WsVectors *
make_model (const char *questions_path,
            gsize       n_words,
            gsize       dim,
            GError    **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree char *contents = NULL;
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) anchored = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autofree float *m = NULL;
  g_autofree float *offset = g_new (float, dim);
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (questions_path, &contents, NULL, error))
    return NULL;
  lines = g_strsplit (contents, "\n", -1);
  for (char **l = lines; *l != NULL; l++)
    {
      g_auto(GStrv) w = NULL;

      if (**l == ':' || **l == '\0')
        continue;
      w = g_strsplit (*l, " ", -1);
      for (char **x = w; *x != NULL; x++)
        if (!g_hash_table_contains (index, *x))
          {
            char *word = g_strdup (*x);

            g_ptr_array_add (words, word);
            g_hash_table_insert (index, word, GUINT_TO_POINTER (words->len - 1));
          }
    }
  for (guint i = words->len; i < n_words; i++)
    g_ptr_array_add (words, g_strdup_printf ("filler%u", i));

  m = g_new (float, words->len * dim);
  for (gsize i = 0; i < words->len * dim; i++)
    m[i] = (float) (g_rand_double (rand) * 2 - 1);
  for (char **l = lines; *l != NULL; l++)
    {
      g_auto(GStrv) w = NULL;

      if (**l == ':')
        {
          for (gsize j = 0; j < dim; j++)
            offset[j] = (float) (g_rand_double (rand) * 2 - 1);
          continue;
        }
      w = g_strsplit (*l, " ", -1);
      if (g_strv_length (w) != 4)
        continue;
      for (int p = 0; p < 2; p++)
        {
          guint from = GPOINTER_TO_UINT (g_hash_table_lookup (index, w[2 * p]));
          guint to = GPOINTER_TO_UINT (g_hash_table_lookup (index, w[2 * p + 1]));

          if (g_hash_table_contains (anchored, w[2 * p + 1]))
            continue;
          g_hash_table_add (anchored, words->pdata[to]);
          for (gsize j = 0; j < dim; j++)
            m[to * dim + j] = m[from * dim + j] + offset[j] +
                              (float) ((g_rand_double (rand) * 2 - 1) * 1.2);
        }
    }
  return ws_vectors_new_from_data ((const char * const *) words->pdata, m,
                                   words->len, dim, error);
}

static gboolean
write_binary (WsVectors   *v,
              const char  *path,
              GError     **error)
{
  gsize n = ws_vectors_get_n_words (v), d = ws_vectors_get_dim (v);
  g_autoptr(GString) s = g_string_new (NULL);

  g_string_append_printf (s, "%zu %zu\n", n, d);
  for (gsize i = 0; i < n; i++)
    {
      g_string_append (s, ws_vectors_get_word (v, i));
      g_string_append_c (s, ' ');
      /* x86-64 is little-endian, as the format wants. */
      g_string_append_len (s, (const char *) ws_vectors_get_row (v, i), d * sizeof (float));
      g_string_append_c (s, '\n');
    }
  return g_file_set_contents (path, s->str, s->len, error);
}

int
main (int    argc,
      char **argv)
{
  gint64 n_words = 30000, dim = 100, restrict_vocab = 300000;
  const char *testdata = g_getenv ("WS_TESTDATA");
  const char *python = g_getenv ("WS_PYTHON");
  g_autofree char *model_file = NULL;
  const GOptionEntry entries[] = {
    { "words", 0, 0, G_OPTION_ARG_INT64, &n_words, "Words in the model (default 30000)", "N" },
    { "dim", 0, 0, G_OPTION_ARG_INT64, &dim, "Dimensions (default 100)", "D" },
    { "restrict-vocab", 0, 0, G_OPTION_ARG_INT64, &restrict_vocab, "restrict_vocab (default 300000)", "N" },
    { "model", 0, 0, G_OPTION_ARG_FILENAME, &model_file, "Evaluate this vector file instead", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— time evaluate_word_analogies against gensim");
  g_autoptr(GError) error = NULL;
  g_autofree char *questions = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *model_path = NULL;
  g_autofree char *script = NULL;
  g_autofree char *restrict_arg = NULL;
  g_autofree char *out = NULL;
  g_autoptr(WsVectors) v = NULL;
  g_autoptr(WsAnalogyResult) r = NULL;
  WsEvaluateOptions opt;
  const WsAnalogySection *total;
  double ours, ours_cpu, theirs = NAN, theirs_cpu = NAN;
  clock_t cpu_start;
  gint64 start;
  int status = 0;
  char *line;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (testdata == NULL)
    testdata = "../shared/testdata";
  questions = g_build_filename (testdata, "questions-words.txt", NULL);
  if (!g_file_test (questions, G_FILE_TEST_EXISTS))
    {
      printf ("1..0 # SKIP %s is absent\n", questions);
      return 77;
    }

  if (model_file != NULL)
    v = ws_vectors_load (model_file, NULL, NULL, NULL, NULL, &error);
  else
    v = make_model (questions, n_words, dim, &error);
  if (v == NULL)
    g_error ("%s", error->message);

  ws_evaluate_options_init (&opt);
  opt.restrict_vocab = restrict_vocab;
  start = g_get_monotonic_time ();
  cpu_start = clock ();
  r = ws_evaluate_analogies (v, questions, &opt, NULL, NULL, NULL, &error);
  ours = (g_get_monotonic_time () - start) / 1e6;
  ours_cpu = (double) (clock () - cpu_start) / CLOCKS_PER_SEC;
  if (r == NULL)
    g_error ("%s", error->message);
  total = &g_array_index (r->sections, WsAnalogySection, r->sections->len - 1);
  printf ("# model: %zu words x %zu; restrict_vocab %" G_GINT64_FORMAT "; %zu questions, %zu answered\n",
          ws_vectors_get_n_words (v), ws_vectors_get_dim (v), restrict_vocab,
          r->n_questions, total->correct + total->incorrect);
  printf ("# wordspace: %.3f s (processor %.3f s), %zu/%zu correct (%.2f%%), %zu re-scored one by one\n",
          ours, ours_cpu, total->correct, total->correct + total->incorrect, 100 * r->accuracy,
          r->n_rescored);

  tmpdir = g_dir_make_tmp ("wordspace-bench-XXXXXX", &error);
  g_assert_no_error (error);
  /* gensim reads the same floats from a word2vec binary copy. */
  model_path = g_build_filename (tmpdir, "model.bin", NULL);
  if (!write_binary (v, model_path, &error))
    g_error ("%s", error->message);
  script = g_build_filename (g_getenv ("G_TEST_SRCDIR") != NULL ? g_getenv ("G_TEST_SRCDIR") : "tests",
                             "parity", "gensim_evaluate.py", NULL);
  restrict_arg = g_strdup_printf ("%" G_GINT64_FORMAT, restrict_vocab);
  {
    const char *args[] = {
      python != NULL ? python : "/usr/bin/python3", script, "analogies", model_path, questions,
      "--binary", "--restrict-vocab", restrict_arg, "--time", NULL
    };

    if (!g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                       &out, NULL, &status, &error) ||
        !g_spawn_check_wait_status (status, NULL))
      {
        printf ("# gensim could not be run%s%s\n", error ? ": " : "", error ? error->message : "");
        out = NULL;
      }
  }
  g_unlink (model_path);
  g_rmdir (tmpdir);

  if (out != NULL && (line = strstr (out, "seconds ")) != NULL)
    {
      gboolean same = FALSE;
      char *sec;

      theirs = g_ascii_strtod (line + 8, NULL);
      if ((line = strstr (out, "cpu_seconds ")) != NULL)
        theirs_cpu = g_ascii_strtod (line + 12, NULL);
      sec = strstr (out, "section ");
      for (; sec != NULL; sec = strstr (sec + 1, "\nsection "))
        {
          const char *p = sec[0] == '\n' ? sec + 9 : sec + 8;
          guint64 c = g_ascii_strtoull (p, (char **) &p, 10);
          guint64 i = g_ascii_strtoull (p, (char **) &p, 10);

          if (g_str_has_prefix (p, " Total accuracy"))
            same = c == total->correct && i == total->incorrect;
        }
      printf ("# gensim:    %.3f s (processor %.3f s)\n", theirs, theirs_cpu);
      printf ("# speed ratio (gensim time / wordspace time): %.1f wall-clock, %.1f processor\n",
              theirs / ours, theirs_cpu / ours_cpu);
      printf ("# same counts as gensim: %s\n", same ? "yes" : "NO");
      printf ("1..1\n%s 1 - evaluate_word_analogies answers equal gensim's\n", same ? "ok" : "not ok");
      return same ? 0 : 1;
    }
  printf ("1..0 # SKIP gensim is not available\n");
  return 77;
}
