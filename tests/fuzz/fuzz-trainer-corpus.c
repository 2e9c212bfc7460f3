/* fuzz-trainer-corpus.c: any bytes as a training corpus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wordspace-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "ws-trainer.h"

/* Train only on corpora this small, so one input stays in milliseconds. */
#define MAX_TRAIN_WORDS 2000

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = NULL;
  g_autoptr(WsTrainer) trainer = NULL;
  g_autoptr(WsVectors) vectors = NULL;
  g_autoptr(GError) error = NULL;
  WsTrainOptions options;
  guint64 total = 0;
  gsize n;

  ws_fuzz_init ();
  path = ws_fuzz_write_file ("corpus.txt", data, size);

  ws_train_options_init (&options);
  options.dim = 4;
  options.window = 2;
  options.negative = 2;
  options.iterations = 1;
  options.min_count = 1;
  options.threads = 1;
  /* One byte of the input picks the model type, so both are trained. */
  options.model_type = size > 0 && (data[size - 1] & 1) ? WS_MODEL_TYPE_SKIPGRAM
                                                        : WS_MODEL_TYPE_CBOW;
  trainer = ws_trainer_new (&options, &error);
  g_assert_no_error (error);

  if (!ws_trainer_read_corpus (trainer, path, NULL, &error))
    {
      g_assert (error != NULL && error->domain == WS_TRAINER_ERROR);
      g_assert (error->message != NULL && *error->message != '\0');
      return 0;
    }

  n = ws_trainer_get_vocab_size (trainer);
  g_assert_cmpuint (n, >, 0);
  for (gsize i = 0; i < n; i++)
    {
      const char *word = ws_trainer_get_word (trainer, i);

      g_assert (word != NULL && *word != '\0');
      g_assert (g_utf8_validate (word, -1, NULL));
      /* Most frequent first. */
      g_assert (i == 0 || ws_trainer_get_count (trainer, i) <= ws_trainer_get_count (trainer, i - 1));
      total += ws_trainer_get_count (trainer, i);
    }
  g_assert_cmpuint (total, ==, ws_trainer_get_n_train_words (trainer));
  g_assert_cmpuint (total, <=, ws_trainer_get_n_corpus_words (trainer));

  if (ws_trainer_get_n_train_words (trainer) > MAX_TRAIN_WORDS)
    return 0;
  g_assert (ws_trainer_train (trainer, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  vectors = ws_trainer_get_vectors (trainer, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ws_vectors_get_n_words (vectors), ==, n);
  ws_fuzz_use_vectors (vectors, TRUE);
  return 0;
}
