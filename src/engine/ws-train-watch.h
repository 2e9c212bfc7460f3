/* ws-train-watch.h: what a map of chosen words shows at each training snapshot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Training starts from random vectors; watching it means looking at a few
 * chosen words (king, queen, man, woman…) at each WsTrainSnapshot: their
 * vectors, their 2-D map, and how far the analogy king - man + woman is from
 * answering queen. A WsTrainWatch turns each snapshot into a WsTrainFrame:
 * - the chosen words the vocabulary has, in the order given (the others are
 *   listed as missing), and their vectors;
 * - their 2-D PCA map (ws-pca.h), turned and mirrored by orthogonal
 *   Procrustes (ws-procrustes.h) onto the previous frame's map, so the map
 *   keeps still and only the words' real movement shows;
 * - the rank of the expected word among gensim's most_similar (positive=[a,
 *   c], negative=[b]) over the whole vocabulary (1 = the answer), and the
 *   word ranked first.
 * Frames are computed on the thread that calls ws_trainer_train () (the
 * snapshot callback) and own all their data, so they can be handed to
 * another thread.
 */
#pragma once

#include <gio/gio.h>

#include "ws-trainer.h"

G_BEGIN_DECLS

typedef struct
{
  guint     index;                /* of the snapshot: 0 is the random start */
  guint64   words_done;
  guint64   total_words;
  double    alpha;
  double    seconds;
  double    words_per_second;
  gboolean  final;

  gsize     n_words;
  char    **words;                /* n_words chosen words found, NULL-terminated */
  gsize     dim;
  float    *vectors;              /* n_words × dim */
  double   *coordinates;          /* n_words × 2, aligned; NULL with fewer than 2 words */

  gsize     analogy_rank;         /* 0 when a word of the analogy is missing */
  char     *analogy_top;          /* the first answer, NULL likewise */
  float     analogy_score;        /* the expected word's cosine */
} WsTrainFrame;

void ws_train_frame_free (WsTrainFrame *frame);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WsTrainFrame, ws_train_frame_free)

#define WS_TYPE_TRAIN_WATCH (ws_train_watch_get_type ())
G_DECLARE_FINAL_TYPE (WsTrainWatch, ws_train_watch, WS, TRAIN_WATCH, GObject)

/* The words the map shows when none are chosen. */
extern const char * const ws_train_watch_default_words[];

/* Watches @words (NULL-terminated; NULL for ws_train_watch_default_words)
 * and the analogy king - man + woman = queen. */
WsTrainWatch       *ws_train_watch_new          (const char * const *words);
/* The analogy @a - @b + @c, expected to answer @expected. */
void                ws_train_watch_set_analogy  (WsTrainWatch       *self,
                                                 const char         *a,
                                                 const char         *b,
                                                 const char         *c,
                                                 const char         *expected);
/* "king - man + woman" and "queen". */
char               *ws_train_watch_get_analogy  (WsTrainWatch       *self);
const char         *ws_train_watch_get_expected (WsTrainWatch       *self);
/* The chosen words the trainer's vocabulary lacks (after the first frame). */
const char * const *ws_train_watch_get_missing  (WsTrainWatch       *self);

/* The frame of @snapshot of @trainer's training. Successive calls align
 * each map to the one before; a snapshot with index 0 starts afresh. */
WsTrainFrame       *ws_train_watch_observe      (WsTrainWatch          *self,
                                                 WsTrainer             *trainer,
                                                 const WsTrainSnapshot *snapshot,
                                                 GError               **error);

G_END_DECLS
