/* ws-train-watch.c: what a map of chosen words shows at each training snapshot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ws-train-watch"

#include "config.h"

#include <string.h>

#include "ws-pca.h"
#include "ws-procrustes.h"
#include "ws-similarity.h"
#include "ws-train-watch.h"

const char * const ws_train_watch_default_words[] = {
  "king", "queen", "man", "woman", "prince", "princess", "boy", "girl", NULL,
};

struct _WsTrainWatch
{
  GObject      parent_instance;

  GStrv        chosen;
  char        *analogy[4];                          /* a, b, c, expected */

  /* Filled at the first frame of a training. */
  WsTrainer   *trainer;                             /* unowned, compared only */
  GHashTable  *rows;                                /* word → row + 1 */
  GPtrArray   *missing;                             /* NULL-terminated */
  GArray      *chosen_rows;                         /* gsize */

  double      *previous;                            /* n × 2 of the last frame */
};

G_DEFINE_FINAL_TYPE (WsTrainWatch, ws_train_watch, G_TYPE_OBJECT)

void
ws_train_frame_free (WsTrainFrame *frame)
{
  if (frame == NULL)
    return;
  g_strfreev (frame->words);
  g_free (frame->vectors);
  g_free (frame->coordinates);
  g_free (frame->analogy_top);
  g_free (frame);
}

static void
forget_training (WsTrainWatch *self)
{
  self->trainer = NULL;
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->missing, g_ptr_array_unref);
  g_clear_pointer (&self->chosen_rows, g_array_unref);
  g_clear_pointer (&self->previous, g_free);
}

static void
ws_train_watch_finalize (GObject *object)
{
  WsTrainWatch *self = WS_TRAIN_WATCH (object);

  forget_training (self);
  g_strfreev (self->chosen);
  for (int i = 0; i < 4; i++)
    g_free (self->analogy[i]);

  G_OBJECT_CLASS (ws_train_watch_parent_class)->finalize (object);
}

static void
ws_train_watch_class_init (WsTrainWatchClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ws_train_watch_finalize;
}

static void
ws_train_watch_init (WsTrainWatch *self)
{
}

WsTrainWatch *
ws_train_watch_new (const char * const *words)
{
  WsTrainWatch *self = g_object_new (WS_TYPE_TRAIN_WATCH, NULL);

  self->chosen = g_strdupv ((char **) (words != NULL ? words : ws_train_watch_default_words));
  ws_train_watch_set_analogy (self, "king", "man", "woman", "queen");
  return self;
}

void
ws_train_watch_set_analogy (WsTrainWatch *self,
                            const char   *a,
                            const char   *b,
                            const char   *c,
                            const char   *expected)
{
  const char *words[4] = { a, b, c, expected };

  g_return_if_fail (WS_IS_TRAIN_WATCH (self));
  g_return_if_fail (a != NULL && b != NULL && c != NULL && expected != NULL);

  for (int i = 0; i < 4; i++)
    {
      g_free (self->analogy[i]);
      self->analogy[i] = g_strdup (words[i]);
    }
}

char *
ws_train_watch_get_analogy (WsTrainWatch *self)
{
  g_return_val_if_fail (WS_IS_TRAIN_WATCH (self), NULL);
  return g_strdup_printf ("%s - %s + %s", self->analogy[0], self->analogy[1], self->analogy[2]);
}

const char *
ws_train_watch_get_expected (WsTrainWatch *self)
{
  g_return_val_if_fail (WS_IS_TRAIN_WATCH (self), NULL);
  return self->analogy[3];
}

const char * const *
ws_train_watch_get_missing (WsTrainWatch *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (WS_IS_TRAIN_WATCH (self), NULL);
  return self->missing != NULL ? (const char * const *) self->missing->pdata : none;
}

/* The vocabulary is fixed once the corpus is read: index it once. */
static void
learn_vocabulary (WsTrainWatch *self,
                  WsTrainer    *trainer)
{
  gsize n = ws_trainer_get_vocab_size (trainer);

  forget_training (self);
  self->trainer = trainer;
  self->rows = g_hash_table_new (g_str_hash, g_str_equal);
  for (gsize i = 0; i < n; i++)
    g_hash_table_insert (self->rows, (gpointer) ws_trainer_get_word (trainer, i),
                         GSIZE_TO_POINTER (i + 1));
  self->missing = g_ptr_array_new_with_free_func (g_free);
  self->chosen_rows = g_array_new (FALSE, FALSE, sizeof (gsize));
  for (guint k = 0; self->chosen[k] != NULL; k++)
    {
      gsize row = GPOINTER_TO_SIZE (g_hash_table_lookup (self->rows, self->chosen[k]));
      gboolean repeated = FALSE;

      for (guint j = 0; j < self->chosen_rows->len; j++)
        repeated |= g_array_index (self->chosen_rows, gsize, j) == row - 1;
      if (row == 0)
        g_ptr_array_add (self->missing, g_strdup (self->chosen[k]));
      else if (!repeated)
        g_array_append_vals (self->chosen_rows, &(gsize) { row - 1 }, 1);
    }
  g_ptr_array_add (self->missing, NULL);
}

static void
copy_words_and_vectors (WsTrainWatch          *self,
                        WsTrainer             *trainer,
                        const WsTrainSnapshot *snapshot,
                        WsTrainFrame          *frame)
{
  gsize n = self->chosen_rows->len;

  frame->n_words = n;
  frame->dim = snapshot->dim;
  frame->words = g_new0 (char *, n + 1);
  frame->vectors = g_new (float, n * snapshot->dim);
  for (gsize k = 0; k < n; k++)
    {
      gsize row = g_array_index (self->chosen_rows, gsize, k);

      frame->words[k] = g_strdup (ws_trainer_get_word (trainer, row));
      memcpy (frame->vectors + k * snapshot->dim, snapshot->vectors + row * snapshot->dim,
              snapshot->dim * sizeof (float));
    }
}

static gboolean
project_and_align (WsTrainWatch          *self,
                   const WsTrainSnapshot *snapshot,
                   WsTrainFrame          *frame,
                   GError               **error)
{
  gsize n = frame->n_words;
  g_autoptr(WsPca) pca = NULL;

  if (n < 2)
    return TRUE;
  frame->coordinates = g_new (double, n * 2);
  pca = ws_pca_fit (snapshot->vectors, snapshot->dim, (const gsize *) self->chosen_rows->data,
                    n, 2, frame->coordinates, error);
  if (pca == NULL)
    return FALSE;
  if (self->previous != NULL)
    ws_procrustes_align (self->previous, frame->coordinates, n, 2, TRUE, NULL);
  g_free (self->previous);
  self->previous = g_memdup2 (frame->coordinates, n * 2 * sizeof (double));
  return TRUE;
}

static gboolean
rank_analogy (WsTrainWatch          *self,
              WsTrainer             *trainer,
              const WsTrainSnapshot *snapshot,
              WsTrainFrame          *frame,
              GError               **error)
{
  g_autofree const char **words = NULL;
  g_autoptr(WsVectors) vectors = NULL;
  g_autoptr(GArray) results = NULL;
  WsTerm terms[3] = {
    { self->analogy[0], NULL, 1.0f },
    { self->analogy[1], NULL, -1.0f },
    { self->analogy[2], NULL, 1.0f },
  };
  gsize expected;

  for (int i = 0; i < 4; i++)
    if (!g_hash_table_contains (self->rows, self->analogy[i]))
      return TRUE;
  expected = GPOINTER_TO_SIZE (g_hash_table_lookup (self->rows, self->analogy[3])) - 1;

  words = g_new (const char *, snapshot->vocab_size);
  for (gsize i = 0; i < snapshot->vocab_size; i++)
    words[i] = ws_trainer_get_word (trainer, i);
  vectors = ws_vectors_new_from_data (words, snapshot->vectors, snapshot->vocab_size,
                                      snapshot->dim, error);
  if (vectors == NULL)
    return FALSE;
  results = ws_most_similar (vectors, terms, 3, snapshot->vocab_size, 0, error);
  if (results == NULL)
    return FALSE;
  for (guint k = 0; k < results->len; k++)
    {
      const WsScored *s = &g_array_index (results, WsScored, k);

      if (k == 0)
        frame->analogy_top = g_strdup (words[s->row]);
      if (s->row == expected)
        {
          frame->analogy_rank = k + 1;
          frame->analogy_score = s->score;
          break;
        }
    }
  return TRUE;
}

WsTrainFrame *
ws_train_watch_observe (WsTrainWatch           *self,
                        WsTrainer              *trainer,
                        const WsTrainSnapshot  *snapshot,
                        GError                **error)
{
  g_autoptr(WsTrainFrame) frame = NULL;

  g_return_val_if_fail (WS_IS_TRAIN_WATCH (self), NULL);
  g_return_val_if_fail (WS_IS_TRAINER (trainer), NULL);
  g_return_val_if_fail (snapshot != NULL, NULL);

  if (snapshot->index == 0 || self->trainer != trainer || self->rows == NULL)
    learn_vocabulary (self, trainer);

  frame = g_new0 (WsTrainFrame, 1);
  frame->index = snapshot->index;
  frame->words_done = snapshot->words_done;
  frame->total_words = snapshot->total_words;
  frame->alpha = snapshot->alpha;
  frame->seconds = snapshot->seconds;
  frame->words_per_second = snapshot->words_per_second;
  frame->final = snapshot->final;

  copy_words_and_vectors (self, trainer, snapshot, frame);
  if (!project_and_align (self, snapshot, frame, error) ||
      !rank_analogy (self, trainer, snapshot, frame, error))
    return NULL;
  return g_steal_pointer (&frame);
}
