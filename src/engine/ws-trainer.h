/* ws-trainer.h: learn word vectors from a text corpus (word2vec)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Skip-gram and CBOW with negative sampling, as Mikolov et al.'s word2vec.c
 * and gensim's Word2Vec train them: subsampling of frequent words, a
 * randomly reduced window, a unigram^0.75 noise distribution and a learning
 * rate that falls linearly from alpha to min_alpha over all iterations.
 *
 * The corpus is plain UTF-8 text: words are separated by white space, and
 * each line is one sentence (windows never cross a line end).
 */
#pragma once

#include <gio/gio.h>

#include "ws-vectors.h"

G_BEGIN_DECLS

#define WS_TRAINER_ERROR (ws_trainer_error_quark ())

typedef enum
{
  WS_TRAINER_ERROR_IO,        /* the corpus or the output can't be read or written */
  WS_TRAINER_ERROR_EMPTY,     /* no word of the corpus reaches min-count */
  WS_TRAINER_ERROR_ENCODING,  /* the corpus is not valid UTF-8 */
  WS_TRAINER_ERROR_SETTINGS,  /* an option is out of range */
  WS_TRAINER_ERROR_STATE,     /* train before reading a corpus, save before training */
} WsTrainerError;

typedef enum
{
  WS_MODEL_TYPE_CBOW,
  WS_MODEL_TYPE_SKIPGRAM,
} WsModelType;

typedef struct
{
  WsModelType model_type;
  guint       dim;          /* vector size (default 100) */
  guint       window;       /* maximum distance to a context word (default 5) */
  guint       negative;     /* noise words per positive example (default 5) */
  guint       iterations;   /* passes over the corpus (default 5) */
  guint       min_count;    /* rarer words are dropped (default 5) */
  gsize       max_vocab;    /* keep only the N most frequent words; 0 keeps all */
  double      sample;       /* subsampling threshold; 0 disables (default 1e-3) */
  double      alpha;        /* starting learning rate; ≤ 0 picks 0.025 (skip-gram)
                             * or 0.05 (CBOW), as word2vec.c does */
  double      min_alpha;    /* final learning rate (default 0.0001) */
  guint       threads;      /* worker threads (default 2) */
  guint64     seed;         /* one thread and a fixed seed give identical vectors */
} WsTrainOptions;

/* Called on the thread that called ws_trainer_train (), a few times a
 * second. @seconds_left is negative while it can't be estimated yet. */
typedef void (*WsTrainProgressFunc) (double   fraction,
                                     double   words_per_second,
                                     double   seconds_left,
                                     gpointer user_data);

#define WS_TYPE_TRAINER (ws_trainer_get_type ())
G_DECLARE_FINAL_TYPE (WsTrainer, ws_trainer, WS, TRAINER, GObject)

/* The state of training at one moment, for watching it happen. */
typedef struct
{
  guint        index;            /* 0 for the random start, then 1, 2, … */
  guint64      words_done;       /* corpus words processed so far, all passes */
  guint64      total_words;      /* words of all passes */
  double       alpha;            /* the learning rate now */
  double       seconds;          /* of training so far, pauses left out */
  double       words_per_second;
  gboolean     final;            /* the last one: training is complete */
  const float *vectors;          /* vocab_size × dim input vectors, most frequent
                                  * word first; valid during the call only */
  gsize        vocab_size;
  gsize        dim;
} WsTrainSnapshot;

/* Called on the thread that runs ws_trainer_train () while every worker
 * waits, so @snapshot->vectors do not change during the call. */
typedef void (*WsTrainSnapshotFunc) (WsTrainer             *trainer,
                                     const WsTrainSnapshot *snapshot,
                                     gpointer               user_data);

GQuark       ws_trainer_error_quark        (void);
void         ws_train_options_init         (WsTrainOptions      *options);
const char  *ws_model_type_to_string       (WsModelType          model_type);
gboolean     ws_model_type_from_string     (const char          *name,
                                            WsModelType         *model_type);

/* Copies @options; NULL with WS_TRAINER_ERROR_SETTINGS when one is out of
 * range. */
WsTrainer   *ws_trainer_new                (const WsTrainOptions *options,
                                            GError             **error);
const WsTrainOptions *ws_trainer_get_options (WsTrainer         *self);

/* Reads the whole corpus once into memory and builds the vocabulary. */
gboolean     ws_trainer_read_corpus        (WsTrainer           *self,
                                            const char          *path,
                                            GCancellable        *cancellable,
                                            GError             **error);
/* Trains, blocking; @progress may be NULL. Can be called again to start
 * over from fresh random vectors. */
gboolean     ws_trainer_train              (WsTrainer           *self,
                                            WsTrainProgressFunc  progress,
                                            gpointer             progress_data,
                                            GCancellable        *cancellable,
                                            GError             **error);
/* The same in a worker thread; @progress is called from that thread. */
void         ws_trainer_train_async        (WsTrainer           *self,
                                            WsTrainProgressFunc  progress,
                                            gpointer             progress_data,
                                            GDestroyNotify       progress_data_destroy,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean     ws_trainer_train_finish       (WsTrainer           *self,
                                            GAsyncResult        *result,
                                            GError             **error);

/* Calls @func with the random starting vectors, then each time about
 * @every_words more corpus words have been processed, then once at the end.
 * Workers look in every 10,000 words each, so a snapshot comes at the first
 * look-in past each multiple of @every_words (its words_done says where).
 * Set before ws_trainer_train (); @func NULL removes it. */
void         ws_trainer_set_snapshot_func  (WsTrainer           *self,
                                            guint64              every_words,
                                            WsTrainSnapshotFunc  func,
                                            gpointer             user_data,
                                            GDestroyNotify       destroy);
/* Holds the workers at their next look-in (within 10,000 words each) until
 * called again with FALSE. Callable from any thread, also before training;
 * cancelling a paused training ends it. */
void         ws_trainer_set_paused         (WsTrainer           *self,
                                            gboolean             paused);
gboolean     ws_trainer_get_paused         (WsTrainer           *self);

/* Tokens in the corpus (all words, before min-count). */
guint64      ws_trainer_get_n_corpus_words (WsTrainer           *self);
/* Tokens of vocabulary words: what one iteration goes over. */
guint64      ws_trainer_get_n_train_words  (WsTrainer           *self);
gsize        ws_trainer_get_vocab_size     (WsTrainer           *self);
/* The vocabulary, most frequent first. */
const char  *ws_trainer_get_word           (WsTrainer           *self,
                                            gsize                index);
guint64      ws_trainer_get_count          (WsTrainer           *self,
                                            gsize                index);
/* Of the last ws_trainer_train (): corpus words per second, seconds. */
double       ws_trainer_get_words_per_second (WsTrainer         *self);
double       ws_trainer_get_seconds        (WsTrainer           *self);

/* The trained vectors of the @limit most frequent words (0: all). */
WsVectors   *ws_trainer_get_vectors        (WsTrainer           *self,
                                            gsize                limit,
                                            GError             **error);
/* Writes them as word2vec binary: "N D\n", then for each word the word, a
 * space, D little-endian float32 and a newline (word2vec.c's layout). */
gboolean     ws_trainer_save_word2vec      (WsTrainer           *self,
                                            const char          *path,
                                            gsize                limit,
                                            GError             **error);

G_END_DECLS
