/* ws-train-page.h: the "Training" page: word vectors learnt from random ones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Trains on the demo corpus (the lecture preset of `wordspace-cli train
 * --demo`) in a background thread and shows each snapshot as a map of the
 * chosen words that glides from one snapshot to the next, with the
 * learning rate, the speed, the progress and the rank of queen for
 * king - man + woman over time.
 */
#pragma once

#include <gtk/gtk.h>

#include "ws-trainer.h"

G_BEGIN_DECLS

typedef enum
{
  WS_TRAIN_PAGE_IDLE,
  WS_TRAIN_PAGE_READING,
  WS_TRAIN_PAGE_RUNNING,
  WS_TRAIN_PAGE_PAUSED,
  WS_TRAIN_PAGE_DONE,
  WS_TRAIN_PAGE_CANCELLED,
  WS_TRAIN_PAGE_FAILED,
} WsTrainPageState;

#define WS_TYPE_TRAIN_PAGE (ws_train_page_get_type ())
G_DECLARE_FINAL_TYPE (WsTrainPage, ws_train_page, WS, TRAIN_PAGE, GtkBox)

WsTrainPage      *ws_train_page_new                (void);

/* The corpus (default: the demo corpus), the trainer's options (default:
 * the demo preset) and the words between snapshots (0: a fortieth of the
 * training); they apply from the next start. */
void              ws_train_page_set_corpus         (WsTrainPage          *self,
                                                    const char           *path);
void              ws_train_page_set_options        (WsTrainPage          *self,
                                                    const WsTrainOptions *options);
void              ws_train_page_set_snapshot_every (WsTrainPage          *self,
                                                    guint64               every_words);

/* The words the map follows, as typed in the page's entry. */
void              ws_train_page_set_words          (WsTrainPage          *self,
                                                    const char           *words);
void              ws_train_page_start              (WsTrainPage          *self);
void              ws_train_page_set_paused         (WsTrainPage          *self,
                                                    gboolean              paused);
void              ws_train_page_cancel             (WsTrainPage          *self);
/* Writes the trained vectors as word2vec binary (after training ended). */
gboolean          ws_train_page_save               (WsTrainPage          *self,
                                                    const char           *path,
                                                    GError              **error);

WsTrainPageState  ws_train_page_get_state          (WsTrainPage          *self);
guint             ws_train_page_get_n_frames       (WsTrainPage          *self);
/* The expected word's rank in the last frame, 0 when unknown. */
gsize             ws_train_page_get_rank           (WsTrainPage          *self);
const char       *ws_train_page_get_status_text    (WsTrainPage          *self);
const char       *ws_train_page_get_rank_text      (WsTrainPage          *self);
/* "Not in the corpus: …" for the chosen words the corpus lacks, or NULL. */
const char       *ws_train_page_get_missing_text   (WsTrainPage          *self);

G_END_DECLS
