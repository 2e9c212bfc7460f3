/* bench-train.c: training speed of Wordspace against gensim's Word2Vec
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-train [--corpus FILE] [--tokens N] [--threads N] [--iter N]
 *                    [--model-type cbow|skipgram|both]
 *
 * Trains gensim 4.2's Word2Vec (Debian's, through /usr/bin/python3, in its
 * fastest corpus_file mode) and ws_trainer on the same corpus with the same
 * settings, one after the other in the same run, and prints the words per
 * second of each and their ratio. Words per second is corpus tokens ×
 * iterations ÷ seconds of training (vocabulary building excluded) for both.
 *
 * The corpus: --corpus, else the first --tokens words of the corpus that
 * build-aux/corpus/make-corpus.sh writes to _corpus/corpus.txt, else a
 * seeded Zipf-distributed one of --tokens words.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "ws-trainer.h"

static const char gensim_script[] =
  "import sys, time\n"
  "try:\n"
  "    import gensim\n"
  "    from gensim.models import Word2Vec\n"
  "except ImportError:\n"
  "    sys.exit(77)\n"
  "path, sg, dim, window, neg, sample, mc, it, workers, alpha = sys.argv[1:11]\n"
  "m = Word2Vec(vector_size=int(dim), window=int(window), negative=int(neg), hs=0,\n"
  "             sample=float(sample), min_count=int(mc), sg=int(sg), workers=int(workers),\n"
  "             epochs=int(it), alpha=float(alpha), min_alpha=0.0001, seed=1)\n"
  "m.build_vocab(corpus_file=path)\n"
  "t = time.perf_counter()\n"
  "c = time.process_time()\n"
  "m.train(corpus_file=path, total_words=m.corpus_total_words, epochs=m.epochs)\n"
  "print(time.perf_counter() - t, m.corpus_total_words, time.process_time() - c)\n";

/* A corpus with Zipf's word frequencies (s = 1) over 50,000 words, in lines
 * of 5 to 25 words. */
static void
write_zipf_corpus (const char *path,
                   guint64     tokens)
{
  const gsize vocab = 50000;
  g_autofree double *cumulative = g_new (double, vocab);
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  g_autoptr(GString) text = g_string_sized_new (tokens * 7);
  double total = 0;
  guint64 done = 0;

  for (gsize i = 0; i < vocab; i++)
    {
      total += 1.0 / (i + 1);
      cumulative[i] = total;
    }
  while (done < tokens)
    {
      guint len = g_rand_int_range (rand, 5, 26);

      for (guint k = 0; k < len && done < tokens; k++, done++)
        {
          double u = g_rand_double (rand) * total;
          gsize lo = 0, hi = vocab - 1;

          while (lo < hi)
            {
              gsize mid = (lo + hi) / 2;

              if (cumulative[mid] < u)
                lo = mid + 1;
              else
                hi = mid;
            }
          g_string_append_printf (text, k > 0 ? " w%zu" : "w%zu", lo);
        }
      g_string_append_c (text, '\n');
    }
  g_file_set_contents (path, text->str, text->len, NULL);
}

/* The first @tokens words of @source, whole lines. */
static void
write_slice (const char *source,
             const char *path,
             guint64     tokens)
{
  FILE *in = fopen (source, "r");
  FILE *out = fopen (path, "w");
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  guint64 done = 0;

  g_assert (in != NULL && out != NULL);
  while (done < tokens && (len = getline (&line, &cap, in)) > 0)
    {
      gboolean in_word = FALSE;

      fwrite (line, 1, len, out);
      for (ssize_t i = 0; i < len; i++)
        {
          gboolean space = line[i] == ' ' || line[i] == '\n' || line[i] == '\t';

          if (!space && !in_word)
            done++;
          in_word = !space;
        }
    }
  free (line);
  fclose (in);
  fclose (out);
}

static double
run_gensim (const char           *corpus,
            const WsTrainOptions *o,
            guint64              *corpus_words,
            double               *cpu_seconds)
{
  g_autofree char *sg = g_strdup_printf ("%d", o->model_type == WS_MODEL_TYPE_SKIPGRAM);
  g_autofree char *dim = g_strdup_printf ("%u", o->dim);
  g_autofree char *window = g_strdup_printf ("%u", o->window);
  g_autofree char *neg = g_strdup_printf ("%u", o->negative);
  g_autofree char *sample = g_strdup_printf ("%g", o->sample);
  g_autofree char *mc = g_strdup_printf ("%u", o->min_count);
  g_autofree char *it = g_strdup_printf ("%u", o->iterations);
  g_autofree char *workers = g_strdup_printf ("%u", o->threads);
  g_autofree char *alpha = g_strdup_printf ("%g", o->alpha);
  const char *argv[] = { "/usr/bin/python3", "-c", gensim_script, corpus, sg, dim, window,
                         neg, sample, mc, it, workers, alpha, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) fields = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, &error))
    {
      printf ("gensim: can't run /usr/bin/python3: %s\n", error->message);
      return -1;
    }
  if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
    {
      printf ("gensim: not installed\n");
      return -1;
    }
  if (!g_spawn_check_wait_status (status, NULL))
    {
      printf ("gensim failed:\n%s\n", err);
      return -1;
    }
  fields = g_strsplit (g_strstrip (out), " ", -1);
  *corpus_words = g_ascii_strtoull (fields[1], NULL, 10);
  *cpu_seconds = g_ascii_strtod (fields[2], NULL);
  return g_ascii_strtod (fields[0], NULL);
}

static double
cpu_seconds (const struct rusage *r)
{
  return r->ru_utime.tv_sec + r->ru_stime.tv_sec +
         (r->ru_utime.tv_usec + r->ru_stime.tv_usec) / 1e6;
}

static gboolean
bench (const char     *corpus,
       WsTrainOptions *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WsTrainer) trainer = NULL;
  guint64 gensim_words = 0;
  double gensim_seconds, ws_seconds, gensim_wps, ws_wps;
  double gensim_cpu = 0, ws_cpu, gensim_cpu_wps, ws_cpu_wps;
  struct rusage before, after;

  o->alpha = o->model_type == WS_MODEL_TYPE_CBOW ? 0.05 : 0.025;
  printf ("\n%s, %u dimensions, window %u, %u negatives, sample %g, min-count %u, "
          "%u iteration(s), %u threads\n",
          o->model_type == WS_MODEL_TYPE_CBOW ? "CBOW" : "skip-gram", o->dim, o->window,
          o->negative, o->sample, o->min_count, o->iterations, o->threads);
  fflush (stdout);

  gensim_seconds = run_gensim (corpus, o, &gensim_words, &gensim_cpu);

  trainer = ws_trainer_new (o, &error);
  if (trainer == NULL || !ws_trainer_read_corpus (trainer, corpus, NULL, &error))
    {
      printf ("wordspace failed: %s\n", error->message);
      return FALSE;
    }
  getrusage (RUSAGE_SELF, &before);
  if (!ws_trainer_train (trainer, NULL, NULL, NULL, &error))
    {
      printf ("wordspace failed: %s\n", error->message);
      return FALSE;
    }
  getrusage (RUSAGE_SELF, &after);
  ws_cpu = cpu_seconds (&after) - cpu_seconds (&before);
  ws_seconds = ws_trainer_get_seconds (trainer);
  ws_wps = ws_trainer_get_n_corpus_words (trainer) * (double) o->iterations / ws_seconds;
  ws_cpu_wps = ws_trainer_get_n_corpus_words (trainer) * (double) o->iterations / ws_cpu;

  /* Wall time is what a person waits; CPU time is steadier on a busy
   * machine, where the two runs may not get the same share of it. */
  printf ("  %-30s %8s %12s %8s %16s\n", "", "wall s", "words/s", "CPU s", "words/CPU s");
  printf ("  %-30s %8.2f %12.0f %8.2f %16.0f\n", "wordspace ws_trainer",
          ws_seconds, ws_wps, ws_cpu, ws_cpu_wps);
  if (gensim_seconds <= 0)
    return TRUE;
  gensim_wps = gensim_words * (double) o->iterations / gensim_seconds;
  gensim_cpu_wps = gensim_words * (double) o->iterations / gensim_cpu;
  printf ("  %-30s %8.2f %12.0f %8.2f %16.0f\n", "gensim Word2Vec (corpus_file)",
          gensim_seconds, gensim_wps, gensim_cpu, gensim_cpu_wps);
  printf ("  ratio wordspace / gensim: %.2f× in words/s, %.2f× in words per CPU second\n",
          ws_wps / gensim_wps, ws_cpu_wps / gensim_cpu_wps);
  if (gensim_words != ws_trainer_get_n_corpus_words (trainer))
    printf ("  (token counts differ: gensim %" G_GUINT64_FORMAT ", wordspace %" G_GUINT64_FORMAT ")\n",
            gensim_words, ws_trainer_get_n_corpus_words (trainer));
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *corpus = NULL;
  g_autofree char *model_type = NULL;
  gint64 tokens = 3000000, threads = 2, iter = 1;
  const GOptionEntry entries[] = {
    { "corpus", 0, 0, G_OPTION_ARG_FILENAME, &corpus, "Corpus to train on", "FILE" },
    { "tokens", 0, 0, G_OPTION_ARG_INT64, &tokens, "Tokens to take (default 3,000,000)", "N" },
    { "threads", 0, 0, G_OPTION_ARG_INT64, &threads, "Threads for both (default 2)", "N" },
    { "iter", 0, 0, G_OPTION_ARG_INT64, &iter, "Iterations (default 1)", "N" },
    { "model-type", 0, 0, G_OPTION_ARG_STRING, &model_type,
      "cbow, skipgram or both (default both)", "TYPE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— train with gensim and Wordspace");
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *made = NULL;
  WsTrainOptions options;
  gboolean ok = TRUE;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || tokens < 1000 ||
      threads < 1 || iter < 1)
    {
      g_printerr ("bench-train: %s\n", error ? error->message : "bad numbers");
      return 2;
    }

  tmpdir = g_dir_make_tmp ("bench-train-XXXXXX", NULL);
  path = g_build_filename (tmpdir, "corpus.txt", NULL);
  made = g_build_filename (WS_BENCH_TOPDIR, "_corpus", "corpus.txt", NULL);
  if (corpus == NULL && g_getenv ("WS_TRAIN_CORPUS") != NULL)
    corpus = g_strdup (g_getenv ("WS_TRAIN_CORPUS"));
  if (corpus == NULL && g_file_test (made, G_FILE_TEST_EXISTS))
    corpus = g_strdup (made);
  if (corpus != NULL)
    {
      write_slice (corpus, path, tokens);
      printf ("Corpus: the first %" G_GINT64_FORMAT " words of %s\n", tokens, corpus);
    }
  else
    {
      write_zipf_corpus (path, tokens);
      printf ("Corpus: %" G_GINT64_FORMAT " words drawn from a Zipf distribution over 50,000 "
              "words (build-aux/corpus/make-corpus.sh makes a real one)\n", tokens);
    }

  /* The bundled model's settings. */
  ws_train_options_init (&options);
  options.dim = 100;
  options.window = 8;
  options.negative = 10;
  options.sample = 1e-4;
  options.min_count = 5;
  options.iterations = (guint) iter;
  options.threads = (guint) threads;

  if (model_type == NULL || g_strcmp0 (model_type, "both") == 0 ||
      g_strcmp0 (model_type, "cbow") == 0)
    {
      options.model_type = WS_MODEL_TYPE_CBOW;
      ok &= bench (path, &options);
    }
  if (model_type == NULL || g_strcmp0 (model_type, "both") == 0 ||
      g_strcmp0 (model_type, "skipgram") == 0)
    {
      options.model_type = WS_MODEL_TYPE_SKIPGRAM;
      ok &= bench (path, &options);
    }

  g_unlink (path);
  g_rmdir (tmpdir);
  return ok ? 0 : 1;
}
