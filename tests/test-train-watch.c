/* test-train-watch.c: frames of a watched training
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Snapshots made by hand over a real trainer's vocabulary: vectors built so
 * that king - man + woman is queen, then the same vectors turned and
 * mirrored in their 4-D space. The second map must come out where the first
 * was (orthogonal Procrustes), and the words and ranks must be right.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ws-test-util.h"
#include "ws-train-watch.h"

/* gender, rank, age, and a little of everything else. */
static const struct { const char *word; float v[4]; } people[] = {
  { "king", { 1, 1, 1, 0.1f } },
  { "queen", { -1, 1, 1, 0.2f } },
  { "man", { 1, -1, 1, 0.3f } },
  { "woman", { -1, -1, 1, 0.1f } },
  { "prince", { 1, 1, -1, 0.2f } },
  { "princess", { -1, 1, -1, 0.3f } },
  { "boy", { 1, -1, -1, 0.1f } },
  { "girl", { -1, -1, -1, 0.2f } },
  { "throne", { 0.2f, 1.5f, 0.5f, -1 } },
};

static WsTrainer *
read_vocabulary (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  WsTrainOptions options;
  WsTrainer *trainer;

  for (gsize i = 0; i < G_N_ELEMENTS (people); i++)
    for (gsize k = 0; k <= i; k++)
      g_string_append_printf (text, "%s\n", people[i].word);
  path = ws_test_write_file ("watch.txt", text->str, text->len);
  ws_train_options_init (&options);
  options.min_count = 1;
  options.dim = 4;
  trainer = ws_trainer_new (&options, &error);
  g_assert_no_error (error);
  g_assert_true (ws_trainer_read_corpus (trainer, path, NULL, &error));
  g_assert_no_error (error);
  return trainer;
}

static float *
vectors_for (WsTrainer    *trainer,
             const double  turn[4][4])
{
  gsize n = ws_trainer_get_vocab_size (trainer);
  float *m = g_new0 (float, n * 4);

  for (gsize row = 0; row < n; row++)
    for (gsize i = 0; i < G_N_ELEMENTS (people); i++)
      if (strcmp (ws_trainer_get_word (trainer, row), people[i].word) == 0)
        for (int b = 0; b < 4; b++)
          {
            double x = 0.0;

            for (int a = 0; a < 4; a++)
              x += people[i].v[a] * turn[a][b];
            m[row * 4 + b] = (float) x;
          }
  return m;
}

static void
test_frames (void)
{
  static const double identity[4][4] = { { 1, 0, 0, 0 }, { 0, 1, 0, 0 }, { 0, 0, 1, 0 }, { 0, 0, 0, 1 } };
  const double c = cos (0.9), s = sin (0.9);
  /* A turn in the plane of the first two axes and a mirror of the third. */
  const double turned[4][4] = { { c, s, 0, 0 }, { -s, c, 0, 0 }, { 0, 0, -1, 0 }, { 0, 0, 0, 1 } };
  const char *chosen[] = { "king", "queen", "man", "woman", "throne", "unicorn", "king", NULL };
  g_autoptr(WsTrainer) trainer = read_vocabulary ();
  g_autoptr(WsTrainWatch) watch = ws_train_watch_new (chosen);
  g_autofree float *first_vectors = vectors_for (trainer, identity);
  g_autofree float *second_vectors = vectors_for (trainer, turned);
  WsTrainSnapshot snapshot = { 0 };
  g_autoptr(WsTrainFrame) first = NULL;
  g_autoptr(WsTrainFrame) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *analogy = ws_train_watch_get_analogy (watch);

  snapshot.vocab_size = ws_trainer_get_vocab_size (trainer);
  snapshot.dim = 4;
  snapshot.total_words = 100;
  snapshot.vectors = first_vectors;
  first = ws_train_watch_observe (watch, trainer, &snapshot, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (analogy, ==, "king - man + woman");
  g_assert_cmpstr (ws_train_watch_get_expected (watch), ==, "queen");
  /* Unknown words are listed; a repeated one counts once. */
  g_assert_cmpuint (first->n_words, ==, 5);
  g_assert_cmpstrv (first->words, ((const char *[]) { "king", "queen", "man", "woman", "throne", NULL }));
  g_assert_cmpstrv (ws_train_watch_get_missing (watch), ((const char *[]) { "unicorn", NULL }));
  g_assert_cmpfloat (first->vectors[4], ==, -1.0f);              /* queen's first value */
  g_assert_cmpuint (first->analogy_rank, ==, 1);
  g_assert_cmpstr (first->analogy_top, ==, "queen");
  /* cos (unit (king - man + woman), queen) with unit vectors, as gensim. */
  g_assert_cmpfloat_with_epsilon (first->analogy_score, 0.985404310, 1e-6);

  snapshot.index = 1;
  snapshot.words_done = 50;
  snapshot.vectors = second_vectors;
  second = ws_train_watch_observe (watch, trainer, &snapshot, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->index, ==, 1);
  g_assert_cmpuint (second->words_done, ==, 50);
  g_assert_cmpfloat (fabsf (second->vectors[0] - first->vectors[0]), >, 0.1);
  /* Turned vectors, the same cosines: the same rank, the same map. */
  g_assert_cmpuint (second->analogy_rank, ==, 1);
  for (gsize i = 0; i < 5 * 2; i++)
    g_assert_cmpfloat_with_epsilon (second->coordinates[i], first->coordinates[i], 1e-6);
}

/* Without the analogy's words there is no rank, and a map needs 2 words. */
static void
test_missing (void)
{
  const char *chosen[] = { "throne", "unicorn", NULL };
  g_autoptr(WsTrainer) trainer = read_vocabulary ();
  g_autoptr(WsTrainWatch) watch = ws_train_watch_new (chosen);
  g_autofree float *vectors = NULL;
  static const double identity[4][4] = { { 1, 0, 0, 0 }, { 0, 1, 0, 0 }, { 0, 0, 1, 0 }, { 0, 0, 0, 1 } };
  WsTrainSnapshot snapshot = { 0 };
  g_autoptr(WsTrainFrame) frame = NULL;

  ws_train_watch_set_analogy (watch, "king", "man", "woman", "empress");
  vectors = vectors_for (trainer, identity);
  snapshot.vocab_size = ws_trainer_get_vocab_size (trainer);
  snapshot.dim = 4;
  snapshot.vectors = vectors;
  frame = ws_train_watch_observe (watch, trainer, &snapshot, NULL);
  g_assert_nonnull (frame);
  g_assert_cmpuint (frame->n_words, ==, 1);
  g_assert_null (frame->coordinates);
  g_assert_cmpuint (frame->analogy_rank, ==, 0);
  g_assert_null (frame->analogy_top);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/train-watch/frames", test_frames);
  g_test_add_func ("/train-watch/missing", test_missing);
  return g_test_run ();
}
