/* test-trainer.c: the word2vec trainer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "ws-similarity.h"
#include "ws-test-util.h"
#include "ws-trainer.h"

/* Two topics that never meet: each line draws its words from one group
 * only, so a trained model must put words of a group close together. */
static const char *group_a[] = { "apple", "pear", "plum", "cherry", "grape", "melon" };
static const char *group_b[] = { "engine", "wheel", "brake", "clutch", "piston", "gear" };

static char *
write_topic_corpus (const char *name,
                    guint       n_lines,
                    guint32     seed)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (guint line = 0; line < n_lines; line++)
    {
      const char **group = line % 2 == 0 ? group_a : group_b;

      for (guint k = 0; k < 8; k++)
        {
          if (k > 0)
            g_string_append_c (text, ' ');
          g_string_append (text, group[g_rand_int_range (rand, 0, G_N_ELEMENTS (group_a))]);
        }
      g_string_append_c (text, '\n');
    }
  return ws_test_write_file (name, text->str, text->len);
}

static WsTrainer *
train_file (const char           *path,
            const WsTrainOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WsTrainer) trainer = ws_trainer_new (options, &error);

  g_assert_no_error (error);
  g_assert_true (ws_trainer_read_corpus (trainer, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ws_trainer_train (trainer, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&trainer);
}

static void
small_options (WsTrainOptions *options)
{
  ws_train_options_init (options);
  options->dim = 20;
  options->window = 3;
  options->iterations = 5;
  options->min_count = 1;
  options->sample = 0;
  options->threads = 1;
  options->seed = 42;
}

static float
cosine (WsVectors  *v,
        const char *a,
        const char *b)
{
  gsize ra, rb;
  const float *ua, *ub;
  double dot = 0;

  g_assert_true (ws_vectors_lookup (v, a, &ra));
  g_assert_true (ws_vectors_lookup (v, b, &rb));
  ua = ws_vectors_get_unit_row (v, ra);
  ub = ws_vectors_get_unit_row (v, rb);
  for (gsize j = 0; j < ws_vectors_get_dim (v); j++)
    dot += ua[j] * ub[j];
  return (float) dot;
}

static void
test_vocabulary (void)
{
  /* "b" 3 times, "a" 3 times (seen second), "c" twice, "d" once. */
  const char text[] = "b a c\nb  a\t d\n\n a c b\n";
  g_autofree char *path = ws_test_write_file ("vocab.txt", text, -1);
  g_autoptr(WsTrainer) trainer = NULL;
  g_autoptr(GError) error = NULL;
  WsTrainOptions options;

  small_options (&options);
  options.min_count = 2;
  trainer = ws_trainer_new (&options, &error);
  g_assert_no_error (error);
  g_assert_true (ws_trainer_read_corpus (trainer, path, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (ws_trainer_get_n_corpus_words (trainer), ==, 9);
  g_assert_cmpuint (ws_trainer_get_vocab_size (trainer), ==, 3);
  g_assert_cmpuint (ws_trainer_get_n_train_words (trainer), ==, 8);
  /* Most frequent first; ties keep the order of first appearance. */
  g_assert_cmpstr (ws_trainer_get_word (trainer, 0), ==, "b");
  g_assert_cmpstr (ws_trainer_get_word (trainer, 1), ==, "a");
  g_assert_cmpstr (ws_trainer_get_word (trainer, 2), ==, "c");
  g_assert_cmpuint (ws_trainer_get_count (trainer, 0), ==, 3);
  g_assert_cmpuint (ws_trainer_get_count (trainer, 2), ==, 2);

  /* max-vocab keeps the most frequent. */
  g_clear_object (&trainer);
  options.min_count = 1;
  options.max_vocab = 2;
  trainer = ws_trainer_new (&options, &error);
  g_assert_true (ws_trainer_read_corpus (trainer, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ws_trainer_get_vocab_size (trainer), ==, 2);
  g_assert_cmpstr (ws_trainer_get_word (trainer, 1), ==, "a");
}

static void
test_determinism (void)
{
  g_autofree char *path = write_topic_corpus ("determinism.txt", 400, 7);
  WsTrainOptions options;

  small_options (&options);
  options.sample = 1e-2;   /* exercises the subsampling draws too */

  for (int type = 0; type < 2; type++)
    {
      g_autoptr(WsTrainer) t1 = NULL, t2 = NULL, t3 = NULL;
      g_autoptr(WsVectors) v1 = NULL, v2 = NULL, v3 = NULL;
      g_autoptr(GError) error = NULL;
      gsize n;

      options.model_type = type == 0 ? WS_MODEL_TYPE_CBOW : WS_MODEL_TYPE_SKIPGRAM;
      options.seed = 42;
      t1 = train_file (path, &options);
      t2 = train_file (path, &options);
      options.seed = 43;
      t3 = train_file (path, &options);

      v1 = ws_trainer_get_vectors (t1, 0, &error);
      g_assert_no_error (error);
      v2 = ws_trainer_get_vectors (t2, 0, &error);
      v3 = ws_trainer_get_vectors (t3, 0, &error);
      n = ws_vectors_get_n_words (v1);
      g_assert_cmpuint (n, ==, 12);
      g_assert_cmpuint (ws_vectors_get_n_words (v2), ==, n);
      g_assert_cmpint (memcmp (ws_vectors_get_matrix (v1), ws_vectors_get_matrix (v2),
                               n * 20 * sizeof (float)), ==, 0);
      /* A different seed gives different vectors: the seed is really used. */
      g_assert_cmpint (memcmp (ws_vectors_get_matrix (v1), ws_vectors_get_matrix (v3),
                               n * 20 * sizeof (float)), !=, 0);
    }
}

static void
test_learns_topics (void)
{
  g_autofree char *path = write_topic_corpus ("topics.txt", 2000, 11);
  WsTrainOptions options;

  small_options (&options);
  for (int type = 0; type < 2; type++)
    {
      g_autoptr(WsTrainer) trainer = NULL;
      g_autoptr(WsVectors) v = NULL;
      g_autoptr(GError) error = NULL;
      double within = 0, across = 0;
      int n_within = 0, n_across = 0;

      options.model_type = type == 0 ? WS_MODEL_TYPE_CBOW : WS_MODEL_TYPE_SKIPGRAM;
      options.threads = 2;   /* Hogwild must learn as well */
      trainer = train_file (path, &options);
      v = ws_trainer_get_vectors (trainer, 0, &error);
      g_assert_no_error (error);

      for (gsize i = 0; i < G_N_ELEMENTS (group_a); i++)
        for (gsize j = 0; j < G_N_ELEMENTS (group_a); j++)
          {
            if (i < j)
              {
                within += cosine (v, group_a[i], group_a[j]);
                within += cosine (v, group_b[i], group_b[j]);
                n_within += 2;
              }
            across += cosine (v, group_a[i], group_b[j]);
            n_across++;
          }
      within /= n_within;
      across /= n_across;
      g_test_message ("%s: mean cosine within a topic %.3f, across %.3f",
                      ws_model_type_to_string (options.model_type), within, across);
      g_assert_cmpfloat (within, >, 0.5);
      g_assert_cmpfloat (within - across, >, 0.5);
      /* Each word's nearest neighbour is from its own topic. */
      for (gsize i = 0; i < G_N_ELEMENTS (group_a); i++)
        g_assert_cmpfloat (cosine (v, group_a[i], group_a[(i + 1) % 6]), >,
                           cosine (v, group_a[i], group_b[i]));
    }
}

static void
test_file_layout (void)
{
  g_autofree char *corpus = write_topic_corpus ("layout.txt", 200, 3);
  g_autofree char *out = g_build_filename (ws_test_tmpdir (), "layout.bin", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(WsTrainer) trainer = NULL;
  g_autoptr(WsVectors) v = NULL;
  g_autoptr(GError) error = NULL;
  WsTrainOptions options;
  gsize len, pos;

  small_options (&options);
  trainer = train_file (corpus, &options);
  g_assert_true (ws_trainer_save_word2vec (trainer, out, 5, &error));
  g_assert_no_error (error);
  v = ws_trainer_get_vectors (trainer, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ws_vectors_get_n_words (v), ==, 5);

  /* "5 20\n", then word, space, 20 little-endian float32, newline. */
  g_assert_true (g_file_get_contents (out, &contents, &len, &error));
  g_assert_true (g_str_has_prefix (contents, "5 20\n"));
  pos = 5;
  for (gsize i = 0; i < 5; i++)
    {
      const char *word = ws_trainer_get_word (trainer, i);
      gsize wlen = strlen (word);
      const float *row = ws_vectors_get_row (v, i);

      g_assert_cmpmem (contents + pos, wlen, word, wlen);
      g_assert_cmpint (contents[pos + wlen], ==, ' ');
      pos += wlen + 1;
      for (gsize j = 0; j < 20; j++)
        {
          guint32 bits;
          float f;

          memcpy (&bits, contents + pos + 4 * j, 4);
          bits = GUINT32_FROM_LE (bits);
          memcpy (&f, &bits, 4);
          g_assert_cmpfloat (f, ==, row[j]);
        }
      pos += 80;
      g_assert_cmpint (contents[pos], ==, '\n');
      pos++;
    }
  g_assert_cmpuint (pos, ==, len);
}

/* Runs @script with the system Python and gensim; skips when they are
 * missing. Returns its standard output. */
static char *
run_gensim (const char *script,
            const char *arg)
{
  const char *python = g_getenv ("WS_PYTHON") ? g_getenv ("WS_PYTHON") : "/usr/bin/python3";
  const char *argv[] = { python, "-c", script, arg, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  if (!g_file_test (python, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("no Python at $WS_PYTHON");
      return NULL;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
    {
      g_test_skip ("gensim is not installed");
      g_free (out);
      return NULL;
    }
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("python failed: %s", err);
  return out;
}

static void
test_gensim_loads (void)
{
  const char *script =
    "import sys\n"
    "try:\n"
    "    from gensim.models import KeyedVectors\n"
    "except ImportError:\n"
    "    sys.exit(77)\n"
    "kv = KeyedVectors.load_word2vec_format(sys.argv[1], binary=True)\n"
    "print(len(kv), kv.vector_size)\n"
    "for w in kv.index_to_key:\n"
    "    print(w, ' '.join(repr(float(x)) for x in kv[w]))\n";
  g_autofree char *corpus = write_topic_corpus ("gensim.txt", 300, 5);
  g_autofree char *out = g_build_filename (ws_test_tmpdir (), "gensim.bin", NULL);
  g_autofree char *printed = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(WsTrainer) trainer = NULL;
  g_autoptr(WsVectors) v = NULL;
  g_autoptr(GError) error = NULL;
  WsTrainOptions options;

  small_options (&options);
  trainer = train_file (corpus, &options);
  g_assert_true (ws_trainer_save_word2vec (trainer, out, 0, &error));
  g_assert_no_error (error);
  v = ws_trainer_get_vectors (trainer, 0, &error);

  if ((printed = run_gensim (script, out)) == NULL)
    return;
  lines = g_strsplit (printed, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "12 20");
  for (gsize i = 0; i < 12; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i + 1], " ", -1);
      const float *row = ws_vectors_get_row (v, i);

      /* Same words in the same order, same float32 values. */
      g_assert_cmpstr (fields[0], ==, ws_trainer_get_word (trainer, i));
      g_assert_cmpuint (g_strv_length (fields), ==, 21);
      for (gsize j = 0; j < 20; j++)
        g_assert_cmpfloat ((float) g_ascii_strtod (fields[j + 1], NULL), ==, row[j]);
    }
}

static void
progress_cb (double   fraction,
             double   words_per_second,
             double   seconds_left,
             gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  g_assert_cmpfloat (words_per_second, >=, 0.0);
  *last = fraction;
}

static void
test_progress (void)
{
  g_autofree char *path = write_topic_corpus ("progress.txt", 500, 9);
  g_autoptr(WsTrainer) trainer = NULL;
  g_autoptr(GError) error = NULL;
  WsTrainOptions options;
  double last = 0.0;

  small_options (&options);
  trainer = ws_trainer_new (&options, &error);
  g_assert_true (ws_trainer_read_corpus (trainer, path, NULL, &error));
  g_assert_true (ws_trainer_train (trainer, progress_cb, &last, NULL, &error));
  g_assert_no_error (error);
  /* The last call says it is done. */
  g_assert_cmpfloat (last, ==, 1.0);
  g_assert_cmpfloat (ws_trainer_get_words_per_second (trainer), >, 0.0);
}

static void
test_cancel (void)
{
  g_autofree char *path = write_topic_corpus ("cancel.txt", 500, 9);
  g_autoptr(WsTrainer) trainer = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WsVectors) v = NULL;
  WsTrainOptions options;

  small_options (&options);
  trainer = ws_trainer_new (&options, &error);
  g_assert_true (ws_trainer_read_corpus (trainer, path, NULL, &error));
  g_cancellable_cancel (cancellable);
  g_assert_false (ws_trainer_train (trainer, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  /* Nothing half-trained is handed out. */
  v = ws_trainer_get_vectors (trainer, 0, &error);
  g_assert_null (v);
  g_assert_error (error, WS_TRAINER_ERROR, WS_TRAINER_ERROR_STATE);
}

static void
on_trained (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GMainLoop *loop = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (ws_trainer_train_finish (WS_TRAINER (source), result, &error));
  g_assert_no_error (error);
  g_main_loop_quit (loop);
}

static void
test_async (void)
{
  g_autofree char *path = write_topic_corpus ("async.txt", 300, 4);
  g_autoptr(WsTrainer) trainer = NULL;
  g_autoptr(WsTrainer) sync = NULL;
  g_autoptr(WsVectors) v1 = NULL, v2 = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  WsTrainOptions options;

  small_options (&options);
  trainer = ws_trainer_new (&options, &error);
  g_assert_true (ws_trainer_read_corpus (trainer, path, NULL, &error));
  ws_trainer_train_async (trainer, NULL, NULL, NULL, NULL, on_trained, loop);
  g_main_loop_run (loop);

  /* Same vectors as the blocking call with the same seed. */
  sync = train_file (path, &options);
  v1 = ws_trainer_get_vectors (trainer, 0, &error);
  g_assert_no_error (error);
  v2 = ws_trainer_get_vectors (sync, 0, &error);
  g_assert_cmpint (memcmp (ws_vectors_get_matrix (v1), ws_vectors_get_matrix (v2),
                           ws_vectors_get_n_words (v1) * 20 * sizeof (float)), ==, 0);
}

static void
expect_read_error (const char *path,
                   guint       min_count,
                   gint        code,
                   const char *in_message)
{
  g_autoptr(WsTrainer) trainer = NULL;
  g_autoptr(GError) error = NULL;
  WsTrainOptions options;

  small_options (&options);
  options.min_count = min_count;
  trainer = ws_trainer_new (&options, &error);
  g_assert_false (ws_trainer_read_corpus (trainer, path, NULL, &error));
  g_assert_error (error, WS_TRAINER_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, in_message));
}

/* A byte order mark at the start of the corpus (Windows editors save one)
 * is no part of the first word; one further in is kept. */
static void
test_corpus_bom (void)
{
  g_autofree char *path = ws_test_write_file ("bom.txt", "\xEF\xBB\xBF" "b a\nb\n", -1);
  g_autofree char *later = ws_test_write_file ("bom-later.txt", "a\n\xEF\xBB\xBF" "a\n", -1);
  g_autoptr(WsTrainer) trainer = NULL;
  g_autoptr(GError) error = NULL;
  WsTrainOptions options;

  small_options (&options);
  options.min_count = 1;
  trainer = ws_trainer_new (&options, &error);
  g_assert_true (ws_trainer_read_corpus (trainer, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ws_trainer_get_vocab_size (trainer), ==, 2);
  g_assert_cmpstr (ws_trainer_get_word (trainer, 0), ==, "b");
  g_assert_cmpuint (ws_trainer_get_count (trainer, 0), ==, 2);

  g_assert_true (ws_trainer_read_corpus (trainer, later, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ws_trainer_get_vocab_size (trainer), ==, 2);
  g_assert_cmpstr (ws_trainer_get_word (trainer, 1), ==, "\xEF\xBB\xBF" "a");
}

static void
test_errors (void)
{
  g_autofree char *missing = g_build_filename (ws_test_tmpdir (), "no-such-corpus.txt", NULL);
  g_autofree char *empty = ws_test_write_file ("empty.txt", "", 0);
  g_autofree char *blank = ws_test_write_file ("blank.txt", " \n\t\n\n", -1);
  g_autofree char *rare = ws_test_write_file ("rare.txt", "one two two three\n", -1);
  g_autofree char *control = ws_test_write_file ("control.txt", "one t\ao t\ao three\n", -1);
  g_autofree char *latin1 = ws_test_write_file ("latin1.txt", "good words\ncaf\xe9 au lait\n", -1);
  g_autofree char *corpus = write_topic_corpus ("errors.txt", 50, 1);
  g_autofree char *unwritable = g_build_filename (ws_test_tmpdir (), "no-such-dir", "out.bin", NULL);
  g_autoptr(WsTrainer) trainer = NULL;
  g_autoptr(GError) error = NULL;
  WsTrainOptions options;

  expect_read_error (missing, 1, WS_TRAINER_ERROR_IO, "no-such-corpus.txt");
  expect_read_error (ws_test_tmpdir (), 1, WS_TRAINER_ERROR_IO, "folder");
  expect_read_error (empty, 1, WS_TRAINER_ERROR_EMPTY, "holds no words");
  expect_read_error (blank, 1, WS_TRAINER_ERROR_EMPTY, "holds no words");
  expect_read_error (rare, 3, WS_TRAINER_ERROR_EMPTY, "“two”, occurs 2 times");
  expect_read_error (control, 3, WS_TRAINER_ERROR_EMPTY, "“t\\x07o”, occurs 2 times");
  expect_read_error (latin1, 1, WS_TRAINER_ERROR_ENCODING, "line 2, byte offset 14");

  /* Settings out of range. */
  small_options (&options);
  options.dim = 0;
  g_assert_null (ws_trainer_new (&options, &error));
  g_assert_error (error, WS_TRAINER_ERROR, WS_TRAINER_ERROR_SETTINGS);
  g_assert_nonnull (strstr (error->message, "dimension"));
  g_clear_error (&error);
  small_options (&options);
  options.window = 0;
  g_assert_null (ws_trainer_new (&options, &error));
  g_assert_error (error, WS_TRAINER_ERROR, WS_TRAINER_ERROR_SETTINGS);
  g_clear_error (&error);
  small_options (&options);
  options.sample = 1.5;
  g_assert_null (ws_trainer_new (&options, &error));
  g_assert_error (error, WS_TRAINER_ERROR, WS_TRAINER_ERROR_SETTINGS);
  g_clear_error (&error);
  small_options (&options);
  options.threads = 0;
  g_assert_null (ws_trainer_new (&options, &error));
  g_assert_error (error, WS_TRAINER_ERROR, WS_TRAINER_ERROR_SETTINGS);
  g_clear_error (&error);

  /* Out of order: train before reading, save before training. */
  small_options (&options);
  trainer = ws_trainer_new (&options, &error);
  g_assert_no_error (error);
  g_assert_false (ws_trainer_train (trainer, NULL, NULL, NULL, &error));
  g_assert_error (error, WS_TRAINER_ERROR, WS_TRAINER_ERROR_STATE);
  g_clear_error (&error);
  g_assert_true (ws_trainer_read_corpus (trainer, corpus, NULL, &error));
  g_assert_false (ws_trainer_save_word2vec (trainer, unwritable, 0, &error));
  g_assert_error (error, WS_TRAINER_ERROR, WS_TRAINER_ERROR_STATE);
  g_clear_error (&error);

  /* An output that can't be written names the file. */
  g_assert_true (ws_trainer_train (trainer, NULL, NULL, NULL, &error));
  g_assert_false (ws_trainer_save_word2vec (trainer, unwritable, 0, &error));
  g_assert_error (error, WS_TRAINER_ERROR, WS_TRAINER_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "out.bin"));
}

/* The bundled model answers the classic analogy: gensim's
 * most_similar (positive=[king, woman], negative=[man]) puts queen first. */
static void
test_bundled_model_queen_gensim (void)
{
  const char *script =
    "import sys\n"
    "try:\n"
    "    from gensim.models import KeyedVectors\n"
    "except ImportError:\n"
    "    sys.exit(77)\n"
    "kv = KeyedVectors.load_word2vec_format(sys.argv[1], binary=True)\n"
    "for w, s in kv.most_similar(positive=['king', 'woman'], negative=['man'], topn=3):\n"
    "    print(w, s)\n";
  g_autofree char *model = g_build_filename (WS_SOURCE_DATADIR, "wordspace-en.bin", NULL);
  g_autofree char *printed = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_test (model, G_FILE_TEST_EXISTS))
    {
      g_test_fail_printf ("the bundled model %s is missing", model);
      return;
    }
  if ((printed = run_gensim (script, model)) == NULL)
    return;
  g_test_message ("king - man + woman: %s", printed);
  lines = g_strsplit (printed, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "queen "));
}

/* The same through Wordspace's own loader and ws_most_similar (). */
static void
test_bundled_model_queen (void)
{
  g_autofree char *model = g_build_filename (WS_SOURCE_DATADIR, "wordspace-en.bin", NULL);
  g_autoptr(WsVectors) vectors = NULL;
  g_autoptr(GArray) results = NULL;
  g_autoptr(GError) error = NULL;
  const WsTerm terms[] = {
    { "king", NULL, 1.0f },
    { "woman", NULL, 1.0f },
    { "man", NULL, -1.0f },
  };
  WsScored *best;

  vectors = ws_vectors_load (model, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* What the provenance file promises. */
  g_assert_cmpuint (ws_vectors_get_n_words (vectors), <=, 50000);
  g_assert_cmpuint (ws_vectors_get_dim (vectors), >=, 100);
  g_assert_cmpuint (ws_vectors_get_dim (vectors), <=, 200);
  g_assert_cmpstr (ws_vectors_get_word (vectors, 0), ==, "the");

  results = ws_most_similar (vectors, terms, G_N_ELEMENTS (terms), 5, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 5);
  best = &g_array_index (results, WsScored, 0);
  g_test_message ("king - man + woman: %s %.4f", ws_vectors_get_word (vectors, best->row),
                  best->score);
  g_assert_cmpstr (ws_vectors_get_word (vectors, best->row), ==, "queen");
  g_assert_cmpfloat (best->score, >, 0.5);
}

typedef struct
{
  guint    n;
  guint64  every;
  guint    threads;
  guint64  last_done;
  float   *first;                                  /* the random start */
  float   *last;
  gsize    size;
} Snapshots;

static void
on_snapshot (WsTrainer             *trainer,
             const WsTrainSnapshot *snapshot,
             gpointer               user_data)
{
  Snapshots *s = user_data;
  gsize size = snapshot->vocab_size * snapshot->dim;

  g_assert_cmpuint (snapshot->index, ==, s->n);
  g_assert_cmpuint (snapshot->dim, ==, 20);
  g_assert_cmpuint (snapshot->vocab_size, ==, 12);
  g_assert_cmpuint (snapshot->words_done, >=, s->last_done);
  g_assert_cmpuint (snapshot->words_done, <=, snapshot->total_words);
  g_assert_cmpfloat (snapshot->alpha, >, 0.0);
  if (snapshot->index == 0)
    {
      g_assert_cmpuint (snapshot->words_done, ==, 0);
      s->first = g_memdup2 (snapshot->vectors, size * sizeof (float));
    }
  else if (!snapshot->final)
    {
      /* At the first look-in past each multiple of every: workers look in
       * every 10,000 words each, plus the sentence under way. */
      g_assert_cmpuint (snapshot->words_done, >=, snapshot->index * s->every);
      g_assert_cmpuint (snapshot->words_done, <,
                        snapshot->index * s->every + 10000 * s->threads + 100);
    }
  else
    {
      g_assert_cmpuint (snapshot->words_done, ==, snapshot->total_words);
    }
  s->last_done = snapshot->words_done;
  g_free (s->last);
  s->last = g_memdup2 (snapshot->vectors, size * sizeof (float));
  s->size = size;
  s->n++;
}

/* Snapshots come at the start, every N words and at the end, each with the
 * vectors as they are then; taking them changes nothing in the result. */
static void
test_snapshots (void)
{
  g_autofree char *path = write_topic_corpus ("snapshots.txt", 2000, 12);

  for (guint threads = 1; threads <= 2; threads++)
    {
      g_autoptr(WsTrainer) plain = NULL;
      g_autoptr(WsTrainer) watched = NULL;
      g_autoptr(WsVectors) v_plain = NULL;
      g_autoptr(WsVectors) v_watched = NULL;
      g_autoptr(GError) error = NULL;
      Snapshots s = { 0, 20000, threads };
      WsTrainOptions options;

      small_options (&options);
      options.threads = threads;
      watched = ws_trainer_new (&options, &error);
      g_assert_true (ws_trainer_read_corpus (watched, path, NULL, &error));
      ws_trainer_set_snapshot_func (watched, s.every, on_snapshot, &s, NULL);
      g_assert_true (ws_trainer_train (watched, NULL, NULL, NULL, &error));
      g_assert_no_error (error);

      /* 2000 lines of 8 words, 5 passes: 80,000 words, so the start, 4
       * snapshots (at 20,000, 40,000, 60,000 and the end of the last pass
       * racing the final one) and the final one. */
      g_assert_cmpuint (s.n, >=, 5);
      g_assert_cmpuint (s.n, <=, 6);
      v_watched = ws_trainer_get_vectors (watched, 0, &error);
      g_assert_cmpmem (s.last, s.size * sizeof (float),
                       ws_vectors_get_matrix (v_watched), s.size * sizeof (float));
      g_assert_cmpint (memcmp (s.first, s.last, s.size * sizeof (float)), !=, 0);

      if (threads == 1)
        {
          plain = train_file (path, &options);
          v_plain = ws_trainer_get_vectors (plain, 0, &error);
          g_assert_cmpmem (ws_vectors_get_matrix (v_plain), s.size * sizeof (float),
                           ws_vectors_get_matrix (v_watched), s.size * sizeof (float));
        }
      g_free (s.first);
      g_free (s.last);
    }
}

typedef struct
{
  WsTrainer    *trainer;
  GCancellable *cancellable;
  gint64        resumed_at;
} PauseData;

static gpointer
resume_later (gpointer data)
{
  PauseData *d = data;

  g_usleep (G_USEC_PER_SEC / 4);
  d->resumed_at = g_get_monotonic_time ();
  if (d->cancellable != NULL)
    g_cancellable_cancel (d->cancellable);
  else
    ws_trainer_set_paused (d->trainer, FALSE);
  return NULL;
}

/* A paused trainer holds its workers until resumed; cancelling a paused
 * training ends it. */
static void
test_pause (void)
{
  g_autofree char *path = write_topic_corpus ("pause.txt", 3000, 13);

  for (int cancel = 0; cancel < 2; cancel++)
    {
      g_autoptr(WsTrainer) trainer = NULL;
      g_autoptr(GCancellable) cancellable = cancel ? g_cancellable_new () : NULL;
      g_autoptr(GError) error = NULL;
      PauseData d = { NULL, cancellable, 0 };
      WsTrainOptions options;
      GThread *thread;
      gboolean ok;

      small_options (&options);
      options.threads = 2;
      trainer = ws_trainer_new (&options, &error);
      g_assert_true (ws_trainer_read_corpus (trainer, path, NULL, &error));
      d.trainer = trainer;
      ws_trainer_set_paused (trainer, TRUE);
      g_assert_true (ws_trainer_get_paused (trainer));
      thread = g_thread_new ("resume", resume_later, &d);
      ok = ws_trainer_train (trainer, NULL, NULL, cancellable, &error);
      g_assert_cmpint (g_get_monotonic_time (), >=, d.resumed_at);
      g_assert_cmpint (d.resumed_at, >, 0);
      g_thread_join (thread);
      if (cancel)
        {
          g_assert_false (ok);
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
        }
      else
        {
          g_assert_true (ok);
          g_assert_no_error (error);
          g_assert_false (ws_trainer_get_paused (trainer));
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/trainer/vocabulary", test_vocabulary);
  g_test_add_func ("/trainer/determinism", test_determinism);
  g_test_add_func ("/trainer/learns-topics", test_learns_topics);
  g_test_add_func ("/trainer/file-layout", test_file_layout);
  g_test_add_func ("/trainer/gensim-loads", test_gensim_loads);
  g_test_add_func ("/trainer/progress", test_progress);
  g_test_add_func ("/trainer/cancel", test_cancel);
  g_test_add_func ("/trainer/snapshots", test_snapshots);
  g_test_add_func ("/trainer/pause", test_pause);
  g_test_add_func ("/trainer/async", test_async);
  g_test_add_func ("/trainer/errors", test_errors);
  g_test_add_func ("/trainer/corpus-bom", test_corpus_bom);
  g_test_add_func ("/trainer/bundled-model/queen", test_bundled_model_queen);
  g_test_add_func ("/trainer/bundled-model/queen-gensim", test_bundled_model_queen_gensim);

  return g_test_run ();
}
