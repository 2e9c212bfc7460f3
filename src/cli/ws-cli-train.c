/* ws-cli-train.c: train — learn word vectors from a corpus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wordspace-cli"

#include "config.h"

#include <errno.h>
#include <inttypes.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ws-cli.h"
#include "ws-train-watch.h"
#include "ws-trainer.h"

/* The lecture preset (--demo): the trainer's defaults but for a smaller
 * dimension, which the demo corpus's few thousand words need no more than. */
#define DEMO_DIM 50

typedef struct
{
  gint64   start;
  gint64   last;
  gboolean tty;
} TrainProgress;

static void
on_train_progress (double   fraction,
                   double   words_per_second,
                   double   seconds_left,
                   gpointer user_data)
{
  TrainProgress *p = user_data;
  gint64 now = g_get_monotonic_time ();

  /* A terminal gets a line redrawn in place; a log gets a line every 10 s. */
  if (!p->tty && now - p->last < 10 * G_USEC_PER_SEC && fraction < 1.0)
    return;
  p->last = now;
  if (seconds_left >= 0)
    g_printerr (_("%sTraining: %5.1f%%, %.0f words/s, %.0f s left   %s"),
                p->tty ? "\r" : "", 100.0 * fraction, words_per_second, seconds_left,
                p->tty ? "" : "\n");
  else
    g_printerr (_("%sTraining: %5.1f%%, %.0f words/s   %s"),
                p->tty ? "\r" : "", 100.0 * fraction, words_per_second,
                p->tty ? "" : "\n");
}

/* Writes DIR/NNNN.json for each snapshot. */
typedef struct
{
  const char    *dir;              /* NULL: watch without writing files */
  WsTrainWatch  *watch;
  GCancellable  *cancellable;
  GError        *error;           /* the first failure; training is cancelled */
  guint          n_written;
  gsize          last_rank;
  gboolean       quiet;
  gboolean       tty;
} SnapshotWriter;

static void
json_add_frame (JsonBuilder        *b,
                WsTrainWatch       *watch,
                const WsTrainFrame *frame)
{
  const char * const *missing = ws_train_watch_get_missing (watch);
  g_autofree char *analogy = ws_train_watch_get_analogy (watch);

  json_builder_set_member_name (b, "index");
  json_builder_add_int_value (b, frame->index);
  json_builder_set_member_name (b, "final");
  json_builder_add_boolean_value (b, frame->final);
  json_builder_set_member_name (b, "words_done");
  json_builder_add_int_value (b, frame->words_done);
  json_builder_set_member_name (b, "total_words");
  json_builder_add_int_value (b, frame->total_words);
  json_builder_set_member_name (b, "fraction");
  json_builder_add_double_value (b, frame->total_words > 0
                                    ? (double) frame->words_done / frame->total_words : 0.0);
  json_builder_set_member_name (b, "alpha");
  json_builder_add_double_value (b, frame->alpha);
  json_builder_set_member_name (b, "seconds");
  json_builder_add_double_value (b, frame->seconds);
  json_builder_set_member_name (b, "words_per_second");
  json_builder_add_double_value (b, frame->words_per_second);

  json_builder_set_member_name (b, "words");
  json_builder_begin_array (b);
  for (gsize k = 0; k < frame->n_words; k++)
    json_builder_add_string_value (b, frame->words[k]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "missing");
  json_builder_begin_array (b);
  for (gsize k = 0; missing[k] != NULL; k++)
    json_builder_add_string_value (b, missing[k]);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "vectors");
  json_builder_begin_array (b);
  for (gsize k = 0; k < frame->n_words; k++)
    {
      json_builder_begin_array (b);
      for (gsize j = 0; j < frame->dim; j++)
        json_builder_add_double_value (b, frame->vectors[k * frame->dim + j]);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);

  /* The 2-D map, turned onto the previous snapshot's (orthogonal Procrustes). */
  json_builder_set_member_name (b, "map");
  json_builder_begin_array (b);
  for (gsize k = 0; frame->coordinates != NULL && k < frame->n_words; k++)
    {
      json_builder_begin_array (b);
      json_builder_add_double_value (b, frame->coordinates[k * 2]);
      json_builder_add_double_value (b, frame->coordinates[k * 2 + 1]);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "analogy");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "query");
  json_builder_add_string_value (b, analogy);
  json_builder_set_member_name (b, "expected");
  json_builder_add_string_value (b, ws_train_watch_get_expected (watch));
  json_builder_set_member_name (b, "rank");
  if (frame->analogy_rank > 0)
    json_builder_add_int_value (b, frame->analogy_rank);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "score");
  if (frame->analogy_rank > 0)
    json_builder_add_double_value (b, frame->analogy_score);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "top");
  if (frame->analogy_top != NULL)
    json_builder_add_string_value (b, frame->analogy_top);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
}

static gboolean
write_frame (SnapshotWriter      *w,
             const WsTrainFrame  *frame,
             GError             **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = g_strdup_printf ("%04u.json", frame->index);
  g_autofree char *path = g_build_filename (w->dir, name, NULL);

  json_builder_begin_object (b);
  json_add_frame (b, w->watch, frame);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  return g_file_set_contents (path, text, -1, error);
}

static void
on_snapshot (WsTrainer             *trainer,
             const WsTrainSnapshot *snapshot,
             gpointer               user_data)
{
  SnapshotWriter *w = user_data;
  g_autoptr(WsTrainFrame) frame = NULL;
  g_autoptr(GError) error = NULL;

  if (w->error != NULL)
    return;
  frame = ws_train_watch_observe (w->watch, trainer, snapshot, &error);
  if (frame == NULL || (w->dir != NULL && !write_frame (w, frame, &error)))
    {
      w->error = g_steal_pointer (&error);
      g_cancellable_cancel (w->cancellable);
      return;
    }
  w->n_written++;
  w->last_rank = frame->analogy_rank;
  if (!w->quiet)
    {
      g_autofree char *analogy = ws_train_watch_get_analogy (w->watch);

      if (frame->analogy_rank > 0)
        g_printerr (_("%sSnapshot %u, %.0f%% of the words: %s is number %'zu for %s\n"),
                    w->tty ? "\r\033[K" : "", frame->index,
                    frame->total_words > 0 ? 100.0 * frame->words_done / frame->total_words : 0.0,
                    ws_train_watch_get_expected (w->watch), frame->analogy_rank, analogy);
      else
        g_printerr (_("%sSnapshot %u, %.0f%% of the words\n"), w->tty ? "\r\033[K" : "",
                    frame->index,
                    frame->total_words > 0 ? 100.0 * frame->words_done / frame->total_words : 0.0);
    }
}

static GStrv
chosen_words (const char *extra)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  g_strv_builder_addv (builder, (const char **) ws_train_watch_default_words);
  if (extra == NULL)
    return g_strv_builder_end (builder);
  parts = g_strsplit_set (extra, ", ", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0' && !g_strv_contains (ws_train_watch_default_words, parts[i]))
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

/* The lecture preset's corpus, looked for like the bundled model: in the
 * source tree first, so an uninstalled build works, then where `meson
 * install` puts it. */
#define DEMO_CORPUS_NAME "wordspace-demo-corpus.txt"

static char *
demo_corpus_path (void)
{
  g_autofree char *source = g_build_filename (WS_SOURCE_DATADIR, DEMO_CORPUS_NAME, NULL);

  if (g_file_test (source, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&source);
  return g_build_filename (PKGDATADIR, DEMO_CORPUS_NAME, NULL);
}

static gboolean
has_flag (int          argc,
          char       **argv,
          const char  *flag)
{
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        break;
      if (strcmp (argv[i], flag) == 0)
        return TRUE;
    }
  return FALSE;
}

int
ws_cli_train (int    argc,
              char **argv)
{
  g_autofree char *corpus = NULL;
  g_autofree char *out = NULL;
  g_autofree char *model_type = NULL;
  gint64 dim = 100, window = 5, negative = 5, iter = 5, min_count = 5;
  gint64 max_vocab = 0, threads = 2, seed = 1, limit = 0;
  double sample = 1e-3, alpha = 0.0, min_alpha = 0.0001;
  gboolean json = FALSE, quiet = FALSE;
  g_autofree char *snapshots = NULL;
  g_autofree char *words = NULL;
  gint64 snapshot_every = 0;
  gboolean demo = FALSE;
  const GOptionEntry entries[] = {
    { "corpus", 'c', 0, G_OPTION_ARG_FILENAME, &corpus,
      N_("The text to learn from: UTF-8, words separated by spaces, one sentence a line"),
      N_("FILE") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out,
      N_("Where to write the vectors (word2vec binary)"), N_("FILE") },
    { "model-type", 0, 0, G_OPTION_ARG_STRING, &model_type,
      N_("cbow (default) or skipgram"), N_("TYPE") },
    { "dim", 0, 0, G_OPTION_ARG_INT64, &dim, N_("Dimensions of the vectors (default 100)"), "N" },
    { "window", 0, 0, G_OPTION_ARG_INT64, &window,
      N_("Farthest context word, in words (default 5)"), "N" },
    { "negative", 0, 0, G_OPTION_ARG_INT64, &negative,
      N_("Noise words per example (default 5)"), "N" },
    { "iter", 0, 0, G_OPTION_ARG_INT64, &iter, N_("Passes over the corpus (default 5)"), "N" },
    { "min-count", 0, 0, G_OPTION_ARG_INT64, &min_count,
      N_("Drop words seen fewer times (default 5)"), "N" },
    { "max-vocab", 0, 0, G_OPTION_ARG_INT64, &max_vocab,
      N_("Learn only the N most frequent words (default: all)"), "N" },
    { "sample", 0, 0, G_OPTION_ARG_DOUBLE, &sample,
      N_("Subsampling threshold for frequent words (default 1e-3, 0 disables)"), "T" },
    { "alpha", 0, 0, G_OPTION_ARG_DOUBLE, &alpha,
      N_("Starting learning rate (default 0.05 for CBOW, 0.025 for skip-gram)"), "A" },
    { "min-alpha", 0, 0, G_OPTION_ARG_DOUBLE, &min_alpha,
      N_("Final learning rate (default 0.0001)"), "A" },
    { "threads", 'j', 0, G_OPTION_ARG_INT64, &threads, N_("Worker threads (default 2)"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      N_("Random seed; with one thread the same seed gives the same vectors"), "N" },
    { "limit", 0, 0, G_OPTION_ARG_INT64, &limit,
      N_("Write only the N most frequent words (default: all)"), "N" },
    { "snapshots", 0, 0, G_OPTION_ARG_FILENAME, &snapshots,
      N_("Write a snapshot of the chosen words to DIR/NNNN.json from the random start "
         "on: vectors, 2-D map, rank of queen for king - man + woman"), N_("DIR") },
    { "snapshot-every", 0, 0, G_OPTION_ARG_INT64, &snapshot_every,
      N_("Words between snapshots (default: a twentieth of the training)"), "N" },
    { "words", 0, 0, G_OPTION_ARG_STRING, &words,
      N_("Words to follow besides king, queen, man, woman, prince, princess, boy and girl"),
      N_("LIST") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo,
      N_("The lecture preset: train on the shipped demo corpus (5 MB of public-domain "
         "bible text) from random vectors of 50 dimensions, showing the rank of queen for "
         "king - man + woman as it goes; other options still apply"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON summary"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Show no progress"), NULL },
    { NULL }
  };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(WsTrainWatch) watch = NULL;
  g_auto(GStrv) chosen = NULL;
  SnapshotWriter writer = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WsTrainer) trainer = NULL;
  g_autofree char *out_display = NULL;
  TrainProgress progress = { 0 };
  WsTrainOptions options;
  gint64 started;
  gsize written;

  /* The preset sets the defaults, so options given beside --demo still win. */
  if (has_flag (argc, argv, "--demo"))
    dim = DEMO_DIM;

  context = g_option_context_new (_("train --corpus FILE --out FILE"));
  g_option_context_set_summary (context,
                                _("Learn word vectors from a text corpus (word2vec CBOW or "
                                  "skip-gram with negative sampling)"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("wordspace-cli train: %s\n", error->message);
      g_printerr (_("Run “wordspace-cli train --help” to see the options.\n"));
      return WS_EXIT_USAGE;
    }
  if (argc != 1)
    {
      g_printerr (_("wordspace-cli train: unexpected argument “%s”; the corpus is given "
                    "with --corpus FILE\n"), argv[1]);
      return WS_EXIT_USAGE;
    }
  if ((snapshot_every > 0 || words != NULL) && snapshots == NULL)
    {
      g_printerr (_("wordspace-cli train: --snapshot-every and --words go with --snapshots DIR\n"));
      return WS_EXIT_USAGE;
    }
  if (demo && corpus != NULL)
    {
      g_printerr (_("wordspace-cli train: --demo trains on the demo corpus; leave out --corpus\n"));
      return WS_EXIT_USAGE;
    }
  if (demo)
    corpus = demo_corpus_path ();
  if (corpus == NULL || out == NULL)
    {
      g_printerr (_("wordspace-cli train: --corpus FILE and --out FILE are required\n"));
      return WS_EXIT_USAGE;
    }
  ws_train_options_init (&options);
  if (model_type != NULL && !ws_model_type_from_string (model_type, &options.model_type))
    {
      g_printerr (_("wordspace-cli train: --model-type takes cbow or skipgram, not “%s”\n"),
                  model_type);
      return WS_EXIT_USAGE;
    }
  if (dim < 1 || dim > G_MAXUINT || window < 1 || window > G_MAXUINT ||
      negative < 1 || negative > G_MAXUINT || iter < 1 || iter > G_MAXUINT ||
      min_count < 1 || min_count > G_MAXUINT || threads < 1 || threads > G_MAXUINT ||
      max_vocab < 0 || limit < 0 || seed < 0 || snapshot_every < 0)
    {
      g_printerr (_("wordspace-cli train: --dim, --window, --negative, --iter, --min-count "
                    "and --threads take a number ≥ 1; --max-vocab, --limit, --seed and "
                    "--snapshot-every a number ≥ 0\n"));
      return WS_EXIT_USAGE;
    }
  options.dim = (guint) dim;
  options.window = (guint) window;
  options.negative = (guint) negative;
  options.iterations = (guint) iter;
  options.min_count = (guint) min_count;
  options.max_vocab = (gsize) max_vocab;
  options.sample = sample;
  options.alpha = alpha;
  options.min_alpha = min_alpha;
  options.threads = (guint) threads;
  options.seed = (guint64) seed;

  trainer = ws_trainer_new (&options, &error);
  if (trainer == NULL)
    {
      g_printerr ("wordspace-cli train: %s\n", error->message);
      return WS_EXIT_USAGE;
    }

  if (snapshots != NULL && g_mkdir_with_parents (snapshots, 0755) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (snapshots);

      g_printerr (_("wordspace-cli train: can’t make the snapshot folder %s: %s\n"),
                  display, g_strerror (saved_errno));
      return WS_EXIT_FAILURE;
    }

  started = g_get_monotonic_time ();
  if (!quiet)
    g_printerr (_("Reading %s…\n"), corpus);
  if (!ws_trainer_read_corpus (trainer, corpus, NULL, &error))
    {
      ws_cli_print_error (error);
      return WS_EXIT_FAILURE;
    }
  if (!quiet)
    g_printerr (g_dngettext (NULL, "%'" PRIu64 " words, a vocabulary of %'zu words seen %'u time or more (%'" PRIu64 " tokens to train on)\n",
                             "%'" PRIu64 " words, a vocabulary of %'zu words seen %'u times or more (%'" PRIu64 " tokens to train on)\n",
                             options.min_count),
                ws_trainer_get_n_corpus_words (trainer), ws_trainer_get_vocab_size (trainer),
                options.min_count, ws_trainer_get_n_train_words (trainer));

  progress.start = g_get_monotonic_time ();
  progress.tty = isatty (STDERR_FILENO);
  if (snapshots != NULL || demo)
    {
      guint64 total = ws_trainer_get_n_train_words (trainer) * options.iterations;

      chosen = chosen_words (words);
      watch = ws_train_watch_new ((const char * const *) chosen);
      writer.dir = snapshots;
      writer.watch = watch;
      writer.cancellable = cancellable;
      writer.quiet = quiet;
      writer.tty = progress.tty;
      ws_trainer_set_snapshot_func (trainer,
                                    snapshot_every > 0 ? (guint64) snapshot_every
                                                       : MAX (total / 20, 1),
                                    on_snapshot, &writer, NULL);
    }
  if (!ws_trainer_train (trainer, quiet ? NULL : on_train_progress, &progress, cancellable, &error))
    {
      ws_cli_print_error (writer.error != NULL ? writer.error : error);
      g_clear_error (&writer.error);
      return WS_EXIT_FAILURE;
    }
  if (!quiet && progress.tty)
    g_printerr ("\n");

  if (!ws_trainer_save_word2vec (trainer, out, (gsize) limit, &error))
    {
      ws_cli_print_error (error);
      return WS_EXIT_FAILURE;
    }
  written = limit > 0 ? MIN ((gsize) limit, ws_trainer_get_vocab_size (trainer))
                      : ws_trainer_get_vocab_size (trainer);
  out_display = g_filename_display_name (out);

  if (json)
    {
      g_autoptr(JsonBuilder) b = ws_cli_json_begin ("train", NULL);
      const WsTrainOptions *o = ws_trainer_get_options (trainer);

      json_builder_set_member_name (b, "corpus");
      json_builder_add_string_value (b, corpus);
      json_builder_set_member_name (b, "out");
      json_builder_add_string_value (b, out);
      json_builder_set_member_name (b, "settings");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "model_type");
      json_builder_add_string_value (b, ws_model_type_to_string (o->model_type));
      json_builder_set_member_name (b, "dim");
      json_builder_add_int_value (b, o->dim);
      json_builder_set_member_name (b, "window");
      json_builder_add_int_value (b, o->window);
      json_builder_set_member_name (b, "negative");
      json_builder_add_int_value (b, o->negative);
      json_builder_set_member_name (b, "iter");
      json_builder_add_int_value (b, o->iterations);
      json_builder_set_member_name (b, "min_count");
      json_builder_add_int_value (b, o->min_count);
      json_builder_set_member_name (b, "max_vocab");
      json_builder_add_int_value (b, o->max_vocab);
      json_builder_set_member_name (b, "sample");
      json_builder_add_double_value (b, o->sample);
      json_builder_set_member_name (b, "alpha");
      json_builder_add_double_value (b, o->alpha);
      json_builder_set_member_name (b, "min_alpha");
      json_builder_add_double_value (b, o->min_alpha);
      json_builder_set_member_name (b, "threads");
      json_builder_add_int_value (b, o->threads);
      json_builder_set_member_name (b, "seed");
      json_builder_add_int_value (b, (gint64) o->seed);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "corpus_words");
      json_builder_add_int_value (b, ws_trainer_get_n_corpus_words (trainer));
      json_builder_set_member_name (b, "train_words");
      json_builder_add_int_value (b, ws_trainer_get_n_train_words (trainer));
      json_builder_set_member_name (b, "vocab_size");
      json_builder_add_int_value (b, ws_trainer_get_vocab_size (trainer));
      json_builder_set_member_name (b, "words_written");
      json_builder_add_int_value (b, written);
      json_builder_set_member_name (b, "train_seconds");
      json_builder_add_double_value (b, ws_trainer_get_seconds (trainer));
      json_builder_set_member_name (b, "words_per_second");
      json_builder_add_double_value (b, ws_trainer_get_words_per_second (trainer));
      if (snapshots != NULL || demo)
        {
          json_builder_set_member_name (b, "snapshots");
          json_builder_add_int_value (b, writer.n_written);
          json_builder_set_member_name (b, "analogy_rank");
          if (writer.last_rank > 0)
            json_builder_add_int_value (b, writer.last_rank);
          else
            json_builder_add_null_value (b);
        }
      json_builder_set_member_name (b, "total_seconds");
      json_builder_add_double_value (b, (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
      ws_cli_print_json (b);
    }
  else
    printf (g_dngettext (NULL, "Wrote %'zu word × %'u dimensions to %s "
                         "(%.1f s of training, %'.0f words/s)\n",
                         "Wrote %'zu words × %'u dimensions to %s "
                         "(%.1f s of training, %'.0f words/s)\n", written),
            written, options.dim, out_display, ws_trainer_get_seconds (trainer),
            ws_trainer_get_words_per_second (trainer));
  return WS_EXIT_OK;
}
