/* ws-trainer.c: word2vec training (CBOW and skip-gram, negative sampling)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The corpus is read once into an int32 array of vocabulary indices with -1
 * at each line end. Worker threads each take a contiguous share of it and
 * update the shared matrices without locks ("Hogwild"), as word2vec.c and
 * gensim do; the learning rate follows the words done by all of them.
 */
#define G_LOG_DOMAIN "wordspace-engine"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ws-text.h"
#include "ws-trainer.h"
#include "ws-vectors-private.h"

#define SENTENCE_END       (-1)
/* gensim cuts sentences longer than this (MAX_WORDS_IN_BATCH). */
#define MAX_SENTENCE       10000
#define EXP_TABLE_SIZE     1000
#define MAX_EXP            6
/* How often a worker publishes its count, re-reads alpha and checks for
 * cancellation (word2vec.c uses the same step). */
#define REPORT_WORDS       10000
#define NOISE_POWER        0.75

struct _WsTrainer
{
  GObject         parent_instance;

  WsTrainOptions  options;

  /* Vocabulary, most frequent first. */
  char          **words;
  guint64        *counts;
  gsize           vocab_size;
  guint64         n_corpus_words;
  guint64         n_train_words;

  /* The corpus: vocabulary indices, SENTENCE_END after each line. */
  gint32         *tokens;
  gsize           n_tokens;

  /* The model. */
  float          *syn0;
  float          *syn1neg;
  gboolean        trained;
  double          words_per_second;
  double          seconds;

  /* Watching training. */
  guint64              snapshot_every;
  WsTrainSnapshotFunc  snapshot_func;
  gpointer             snapshot_data;
  GDestroyNotify       snapshot_destroy;
  gint                 paused;           /* atomic */
};

G_DEFINE_FINAL_TYPE (WsTrainer, ws_trainer, G_TYPE_OBJECT)

G_DEFINE_QUARK (ws-trainer-error-quark, ws_trainer_error)

/* Walker's alias method: draw a slot uniformly, then keep it with
 * probability threshold / 2³², else take its alias. O(1) per draw, exact,
 * and 8 bytes a word, so it stays in cache where word2vec.c's 10⁸-entry
 * table does not. */
typedef struct
{
  guint32 threshold;
  gint32  alias;
} NoiseSlot;

/* What the workers share during one ws_trainer_train (). */
typedef struct
{
  WsTrainer   *self;
  float        exp_table[EXP_TABLE_SIZE];
  NoiseSlot   *noise;            /* one per vocabulary word */
  guint64     *keep_threshold;   /* keep a word when a 32-bit draw is below */
  guint64      total_words;      /* n_train_words × iterations */
  guint64      words_done;       /* atomic */
  gint         cancelled;        /* atomic */
  GMutex       mutex;
  GCond        cond;
  guint        running;
  /* Workers stop at their next look-in while hold is set (by the
   * controlling thread to pause or take a snapshot, or by a worker that
   * passed next_snapshot), counting themselves in n_held. */
  gint         hold;             /* atomic */
  guint        n_held;
  GCond        resume;
  guint64      next_snapshot;    /* atomic; G_MAXUINT64 without snapshots */
} Shared;

typedef struct
{
  Shared      *shared;
  gsize        start;
  gsize        end;
  guint64      rng;
  GThread     *thread;
} Worker;

static void
ws_trainer_finalize (GObject *object)
{
  WsTrainer *self = WS_TRAINER (object);

  for (gsize i = 0; i < self->vocab_size; i++)
    g_free (self->words[i]);
  g_free (self->words);
  g_free (self->counts);
  g_free (self->tokens);
  g_aligned_free (self->syn0);
  g_aligned_free (self->syn1neg);
  if (self->snapshot_destroy != NULL)
    self->snapshot_destroy (self->snapshot_data);

  G_OBJECT_CLASS (ws_trainer_parent_class)->finalize (object);
}

static void
ws_trainer_class_init (WsTrainerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ws_trainer_finalize;
}

static void
ws_trainer_init (WsTrainer *self)
{
}

void
ws_train_options_init (WsTrainOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->model_type = WS_MODEL_TYPE_CBOW;
  options->dim = 100;
  options->window = 5;
  options->negative = 5;
  options->iterations = 5;
  options->min_count = 5;
  options->max_vocab = 0;
  options->sample = 1e-3;
  options->alpha = 0.0;
  options->min_alpha = 0.0001;
  options->threads = 2;
  options->seed = 1;
}

const char *
ws_model_type_to_string (WsModelType model_type)
{
  return model_type == WS_MODEL_TYPE_SKIPGRAM ? "skipgram" : "cbow";
}

gboolean
ws_model_type_from_string (const char  *name,
                           WsModelType *model_type)
{
  g_return_val_if_fail (model_type != NULL, FALSE);

  if (g_strcmp0 (name, "cbow") == 0)
    *model_type = WS_MODEL_TYPE_CBOW;
  else if (g_strcmp0 (name, "skipgram") == 0 || g_strcmp0 (name, "skip-gram") == 0 ||
           g_strcmp0 (name, "sg") == 0)
    *model_type = WS_MODEL_TYPE_SKIPGRAM;
  else
    return FALSE;
  return TRUE;
}

static gboolean
check_options (const WsTrainOptions  *o,
               GError               **error)
{
  const char *problem = NULL;

  if (o->model_type != WS_MODEL_TYPE_CBOW && o->model_type != WS_MODEL_TYPE_SKIPGRAM)
    problem = _("the model type must be CBOW or skip-gram");
  else if (o->dim < 1 || o->dim > 10000)
    problem = _("the dimension must be between 1 and 10000");
  else if (o->window < 1 || o->window > 1000)
    problem = _("the window must be between 1 and 1000");
  else if (o->negative < 1 || o->negative > 1000)
    problem = _("the number of negative samples must be between 1 and 1000");
  else if (o->iterations < 1 || o->iterations > 10000)
    problem = _("the number of iterations must be between 1 and 10000");
  else if (o->min_count < 1)
    problem = _("the minimum count must be at least 1");
  else if (o->max_vocab > G_MAXINT32)
    problem = _("the maximum vocabulary must be below 2³¹");
  else if (!(o->sample >= 0.0 && o->sample < 1.0))
    problem = _("the sample threshold must be at least 0 and below 1");
  else if (!(o->alpha < 1.0) || isnan (o->alpha))
    problem = _("the learning rate (alpha) must be below 1 (0 picks the default)");
  else if (!(o->min_alpha >= 0.0 && o->min_alpha < 1.0))
    problem = _("the final learning rate (min-alpha) must be at least 0 and below 1");
  else if (o->threads < 1 || o->threads > 256)
    problem = _("the number of threads must be between 1 and 256");

  if (problem != NULL)
    {
      g_set_error (error, WS_TRAINER_ERROR, WS_TRAINER_ERROR_SETTINGS,
                   _("Invalid training settings: %s"), problem);
      return FALSE;
    }
  return TRUE;
}

WsTrainer *
ws_trainer_new (const WsTrainOptions  *options,
                GError               **error)
{
  WsTrainer *self;

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_options (options, error))
    return NULL;

  self = g_object_new (WS_TYPE_TRAINER, NULL);
  self->options = *options;
  if (self->options.alpha <= 0.0)
    self->options.alpha = options->model_type == WS_MODEL_TYPE_CBOW ? 0.05 : 0.025;
  if (self->options.min_alpha > self->options.alpha)
    self->options.min_alpha = self->options.alpha;
  return self;
}

const WsTrainOptions *
ws_trainer_get_options (WsTrainer *self)
{
  g_return_val_if_fail (WS_IS_TRAINER (self), NULL);
  return &self->options;
}

/* ---------------------------------------------------------------------- */
/* Reading the corpus                                                      */

typedef struct
{
  guint64 count;
  guint32 first;   /* order of first appearance: ties keep it, as gensim does */
  char   *word;
} Entry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = a, *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return x->first < y->first ? -1 : (x->first > y->first);
}

static inline gboolean
is_space (guchar c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static void
clear_corpus (WsTrainer *self)
{
  for (gsize i = 0; i < self->vocab_size; i++)
    g_free (self->words[i]);
  g_clear_pointer (&self->words, g_free);
  g_clear_pointer (&self->counts, g_free);
  g_clear_pointer (&self->tokens, g_free);
  g_clear_pointer (&self->syn0, g_aligned_free);
  g_clear_pointer (&self->syn1neg, g_aligned_free);
  self->vocab_size = 0;
  self->n_tokens = 0;
  self->n_corpus_words = 0;
  self->n_train_words = 0;
  self->trained = FALSE;
}

gboolean
ws_trainer_read_corpus (WsTrainer     *self,
                        const char    *path,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GArray) raw = NULL;
  g_autofree gint32 *remap = NULL;
  g_autofree char *display = NULL;
  const guchar *text;
  gsize len, pos = 0, line = 1;
  gsize keep;
  gboolean line_has_words = FALSE;
  char stack_buf[256];

  g_return_val_if_fail (WS_IS_TRAINER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  clear_corpus (self);
  display = g_filename_display_name (path);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, WS_TRAINER_ERROR, WS_TRAINER_ERROR_IO,
                   _("Can’t read the corpus “%s”: it is a folder, not a text file"), display);
      return FALSE;
    }
  file = g_mapped_file_new (path, FALSE, &local_error);
  if (file == NULL)
    {
      g_set_error (error, WS_TRAINER_ERROR, WS_TRAINER_ERROR_IO,
                   _("Can’t read the corpus: %s"), local_error->message);
      return FALSE;
    }
  text = (const guchar *) g_mapped_file_get_contents (file);
  len = g_mapped_file_get_length (file);
  /* A byte order mark at the start (Windows editors save one) is no part
   * of the first word; offsets in messages still count from byte 0. */
  if (text != NULL)
    pos = ws_text_bom_length ((const char *) text, len);

  index = g_hash_table_new (g_str_hash, g_str_equal);
  entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  /* Raw indices (order of first appearance), SENTENCE_END at line ends. */
  raw = g_array_sized_new (FALSE, FALSE, sizeof (gint32), len / 6 + 16);

  while (pos < len)
    {
      guchar c = text[pos];
      gsize start, word_len;
      gpointer value;
      gint32 id;
      char *key;

      if (c == '\n')
        {
          if (line_has_words)
            {
              gint32 end = SENTENCE_END;
              g_array_append_val (raw, end);
            }
          line_has_words = FALSE;
          line++;
          pos++;
          if ((line & 0xffff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
            goto fail;
          continue;
        }
      if (is_space (c) || c == '\0')
        {
          pos++;
          continue;
        }

      start = pos;
      while (pos < len && !is_space (text[pos]) && text[pos] != '\n' && text[pos] != '\0')
        pos++;
      word_len = pos - start;

      key = word_len < sizeof stack_buf ? stack_buf : g_malloc (word_len + 1);
      memcpy (key, text + start, word_len);
      key[word_len] = '\0';

      if (g_hash_table_lookup_extended (index, key, NULL, &value))
        {
          id = GPOINTER_TO_INT (value);
          g_array_index (entries, Entry, id).count++;
        }
      else
        {
          Entry e;
          const char *bad;

          if (!g_utf8_validate_len (key, word_len, &bad))
            {
              g_set_error (error, WS_TRAINER_ERROR, WS_TRAINER_ERROR_ENCODING,
                           _("The corpus “%s” is not valid UTF-8: line %zu, byte offset %zu (convert it to UTF-8 first, e.g. with iconv)"),
                           display, line, start + (gsize) (bad - key));
              if (key != stack_buf)
                g_free (key);
              goto fail;
            }
          if (entries->len >= G_MAXINT32 - 1)
            {
              g_set_error (error, WS_TRAINER_ERROR, WS_TRAINER_ERROR_IO,
                           _("The corpus “%s” has more than 2³¹ different words"), display);
              if (key != stack_buf)
                g_free (key);
              goto fail;
            }
          id = (gint32) entries->len;
          e.count = 1;
          e.first = (guint32) id;
          e.word = key != stack_buf ? key : g_strndup (key, word_len);
          key = NULL;
          g_array_append_val (entries, e);
          g_hash_table_insert (index, e.word, GINT_TO_POINTER (id));
        }
      if (key != NULL && key != stack_buf)
        g_free (key);

      g_array_append_val (raw, id);
      line_has_words = TRUE;
      self->n_corpus_words++;
    }
  if (line_has_words)
    {
      gint32 end = SENTENCE_END;
      g_array_append_val (raw, end);
    }

  if (entries->len == 0)
    {
      g_set_error (error, WS_TRAINER_ERROR, WS_TRAINER_ERROR_EMPTY,
                   _("The corpus “%s” holds no words"), display);
      goto fail;
    }

  /* Sort by count, then cut at min-count and max-vocab. */
  g_array_sort (entries, compare_entries);
  keep = 0;
  while (keep < entries->len &&
         g_array_index (entries, Entry, keep).count >= self->options.min_count)
    keep++;
  if (self->options.max_vocab > 0 && keep > self->options.max_vocab)
    keep = self->options.max_vocab;
  if (keep == 0)
    {
      const Entry *top = &g_array_index (entries, Entry, 0);
      g_autofree char *shown = ws_text_escape (top->word, strlen (top->word), 50);

      g_set_error (error, WS_TRAINER_ERROR, WS_TRAINER_ERROR_EMPTY,
                   _("No word of the corpus “%s” occurs %u times or more (the "
                     "minimum count); its most frequent word, “%s”, occurs %"
                     PRIu64 " times"),
                   display, self->options.min_count, shown, top->count);
      goto fail;
    }

  remap = g_new (gint32, entries->len);
  for (gsize i = 0; i < entries->len; i++)
    remap[g_array_index (entries, Entry, i).first] = i < keep ? (gint32) i : SENTENCE_END - 1;

  self->vocab_size = keep;
  self->words = g_new (char *, keep);
  self->counts = g_new (guint64, keep);
  for (gsize i = 0; i < entries->len; i++)
    {
      Entry *e = &g_array_index (entries, Entry, i);

      if (i < keep)
        {
          self->words[i] = e->word;
          self->counts[i] = e->count;
          self->n_train_words += e->count;
        }
      else
        g_free (e->word);
      e->word = NULL;
    }

  /* Drop words left out of the vocabulary, and lines left empty. */
  {
    gint32 *t = (gint32 *) raw->data;
    gsize out = 0;
    gboolean open = FALSE;

    for (gsize i = 0; i < raw->len; i++)
      {
        gint32 id = t[i];

        if (id == SENTENCE_END)
          {
            if (open)
              t[out++] = SENTENCE_END;
            open = FALSE;
            continue;
          }
        id = remap[id];
        if (id < 0)
          continue;
        t[out++] = id;
        open = TRUE;
      }
    self->n_tokens = out;
    g_array_set_size (raw, out);
    self->tokens = (gint32 *) g_array_free (g_steal_pointer (&raw), FALSE);
  }

  return TRUE;

fail:
  for (gsize i = 0; i < entries->len; i++)
    g_free (g_array_index (entries, Entry, i).word);
  self->n_corpus_words = 0;
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* Training                                                                */

/* xorshift64*: small, fast and good enough for sampling. */
static inline guint64
next_random (guint64 *state)
{
  guint64 x = *state;

  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  *state = x;
  return x * G_GUINT64_CONSTANT (0x2545F4914F6CDD1D);
}

static guint64
splitmix64 (guint64 x)
{
  x += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  x ^= x >> 31;
  return x != 0 ? x : 1;
}

/* Eight floats at a time; GCC splits or widens them to what the target
 * has. Two accumulators keep the adds independent. For 100-dimension rows
 * this beats a BLAS call, whose dispatch costs as much as the work. */
typedef float v8sf __attribute__ ((vector_size (32)));

static inline __attribute__ ((always_inline)) float
vec_dot (const float *a,
         const float *b,
         gsize        n)
{
  v8sf acc0 = { 0 }, acc1 = { 0 };
  float sum;
  gsize i = 0;

  for (; i + 16 <= n; i += 16)
    {
      v8sf a0, a1, b0, b1;

      memcpy (&a0, a + i, sizeof a0);
      memcpy (&b0, b + i, sizeof b0);
      memcpy (&a1, a + i + 8, sizeof a1);
      memcpy (&b1, b + i + 8, sizeof b1);
      acc0 += a0 * b0;
      acc1 += a1 * b1;
    }
  for (; i + 8 <= n; i += 8)
    {
      v8sf a0, b0;

      memcpy (&a0, a + i, sizeof a0);
      memcpy (&b0, b + i, sizeof b0);
      acc0 += a0 * b0;
    }
  acc0 += acc1;
  sum = ((acc0[0] + acc0[4]) + (acc0[1] + acc0[5])) + ((acc0[2] + acc0[6]) + (acc0[3] + acc0[7]));
  for (; i < n; i++)
    sum += a[i] * b[i];
  return sum;
}

/* y += a·x */
static inline __attribute__ ((always_inline)) void
vec_axpy (float        a,
          const float *x,
          float       *y,
          gsize        n)
{
  v8sf va = { a, a, a, a, a, a, a, a };
  gsize i = 0;

  for (; i + 8 <= n; i += 8)
    {
      v8sf vx, vy;

      memcpy (&vx, x + i, sizeof vx);
      memcpy (&vy, y + i, sizeof vy);
      vy += va * vx;
      memcpy (y + i, &vy, sizeof vy);
    }
  for (; i < n; i++)
    y[i] += a * x[i];
}

static inline __attribute__ ((always_inline)) float
gradient (const Shared *shared,
          float         f,
          float         label,
          float         alpha)
{
  if (f > MAX_EXP)
    return (label - 1.0f) * alpha;
  if (f < -MAX_EXP)
    return label * alpha;
  return (label - shared->exp_table[(int) ((f + MAX_EXP) * (EXP_TABLE_SIZE / MAX_EXP / 2))]) * alpha;
}

/* One positive and @negative noise examples for the hidden vector @l1;
 * accumulates the error for @l1 into @neu1e. */
static inline __attribute__ ((always_inline)) void
negative_sampling (const Shared *shared,
                   gint32        word,
                   const float  *l1,
                   float        *neu1e,
                   float         alpha,
                   guint64      *rng)
{
  WsTrainer *self = shared->self;
  gsize dim = self->options.dim;
  guint negative = self->options.negative;

  for (guint d = 0; d <= negative; d++)
    {
      gint32 target;
      float label, f, g;
      float *l2;

      if (d == 0)
        {
          target = word;
          label = 1.0f;
        }
      else
        {
          guint64 r = next_random (rng);
          gsize slot = (gsize) (((r >> 32) * shared->self->vocab_size) >> 32);

          target = (guint32) r < shared->noise[slot].threshold ? (gint32) slot
                                                               : shared->noise[slot].alias;
          if (target == word)
            continue;
          label = 0.0f;
        }
      l2 = self->syn1neg + (gsize) target * dim;
      f = vec_dot (l1, l2, dim);
      g = gradient (shared, f, label, alpha);
      vec_axpy (g, l2, neu1e, dim);
      vec_axpy (g, l1, l2, dim);
    }
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__ELF__)
/* An AVX2+FMA copy of the hot loops, picked at run time when the CPU has it. */
#define WS_HOT __attribute__ ((target_clones ("arch=haswell", "default")))
#else
#define WS_HOT
#endif

WS_HOT static void
train_sentence (const Shared *shared,
                const gint32 *sentence,
                gsize         len,
                float         alpha,
                float        *neu1,
                float        *neu1e,
                guint64      *rng)
{
  WsTrainer *self = shared->self;
  gsize dim = self->options.dim;
  guint window = self->options.window;
  gboolean cbow = self->options.model_type == WS_MODEL_TYPE_CBOW;

  for (gsize i = 0; i < len; i++)
    {
      guint reduced = window - (guint) ((next_random (rng) >> 32) % window);
      gsize j0 = i > reduced ? i - reduced : 0;
      gsize j1 = MIN (len, i + reduced + 1);
      gint32 word = sentence[i];

      if (cbow)
        {
          guint cw = 0;

          memset (neu1, 0, dim * sizeof (float));
          for (gsize j = j0; j < j1; j++)
            {
              if (j == i)
                continue;
              vec_axpy (1.0f, self->syn0 + (gsize) sentence[j] * dim, neu1, dim);
              cw++;
            }
          if (cw == 0)
            continue;
          /* The mean of the context (gensim's cbow_mean=1, word2vec.c). */
          {
            float inv = 1.0f / cw;

            for (gsize k = 0; k < dim; k++)
              neu1[k] *= inv;
          }
          memset (neu1e, 0, dim * sizeof (float));
          negative_sampling (shared, word, neu1, neu1e, alpha, rng);
          for (gsize j = j0; j < j1; j++)
            {
              if (j == i)
                continue;
              vec_axpy (1.0f, neu1e, self->syn0 + (gsize) sentence[j] * dim, dim);
            }
        }
      else
        {
          for (gsize j = j0; j < j1; j++)
            {
              float *l1;

              if (j == i)
                continue;
              /* The context word's vector predicts the centre word. */
              l1 = self->syn0 + (gsize) sentence[j] * dim;
              memset (neu1e, 0, dim * sizeof (float));
              negative_sampling (shared, word, l1, neu1e, alpha, rng);
              vec_axpy (1.0f, neu1e, l1, dim);
            }
        }
    }
}

static inline float
current_alpha (const Shared *shared,
               guint64       done)
{
  const WsTrainOptions *o = &shared->self->options;
  double progress = (double) done / (double) shared->total_words;
  double alpha = o->alpha - (o->alpha - o->min_alpha) * MIN (progress, 1.0);

  return (float) MAX (alpha, o->min_alpha);
}

static void
wait_while_held (Shared *shared)
{
  g_mutex_lock (&shared->mutex);
  shared->n_held++;
  g_cond_signal (&shared->cond);
  while (g_atomic_int_get (&shared->hold))
    g_cond_wait (&shared->resume, &shared->mutex);
  shared->n_held--;
  g_mutex_unlock (&shared->mutex);
}

static gpointer
worker_run (gpointer data)
{
  Worker *w = data;
  Shared *shared = w->shared;
  WsTrainer *self = shared->self;
  gsize dim = self->options.dim;
  gboolean sample = self->options.sample > 0.0;
  g_autofree gint32 *sentence = g_new (gint32, MAX_SENTENCE);
  float *neu1 = g_aligned_alloc0 (dim, sizeof (float), 64);
  float *neu1e = g_aligned_alloc0 (dim, sizeof (float), 64);
  guint64 pending = 0;
  float alpha = current_alpha (shared, __atomic_load_n (&shared->words_done, __ATOMIC_RELAXED));

  for (guint iter = 0; iter < self->options.iterations; iter++)
    {
      gsize pos = w->start;

      while (pos < w->end)
        {
          gsize len = 0;

          while (pos < w->end && self->tokens[pos] != SENTENCE_END && len < MAX_SENTENCE)
            {
              gint32 word = self->tokens[pos++];

              pending++;
              if (sample && (next_random (&w->rng) >> 32) >= shared->keep_threshold[word])
                continue;
              sentence[len++] = word;
            }
          if (pos < w->end && self->tokens[pos] == SENTENCE_END)
            pos++;

          if (pending >= REPORT_WORDS)
            {
              guint64 done = __atomic_add_fetch (&shared->words_done, pending, __ATOMIC_RELAXED);

              pending = 0;
              if (done >= __atomic_load_n (&shared->next_snapshot, __ATOMIC_RELAXED) ||
                  g_atomic_int_get (&self->paused))
                g_atomic_int_set (&shared->hold, 1);
              if (g_atomic_int_get (&shared->hold))
                wait_while_held (shared);
              alpha = current_alpha (shared, __atomic_load_n (&shared->words_done, __ATOMIC_RELAXED));
              if (g_atomic_int_get (&shared->cancelled))
                goto out;
            }
          train_sentence (shared, sentence, len, alpha, neu1, neu1e, &w->rng);
        }
    }

out:
  __atomic_add_fetch (&shared->words_done, pending, __ATOMIC_RELAXED);
  g_aligned_free (neu1);
  g_aligned_free (neu1e);

  g_mutex_lock (&shared->mutex);
  shared->running--;
  g_cond_signal (&shared->cond);
  g_mutex_unlock (&shared->mutex);
  return NULL;
}

static void
build_noise_table (WsTrainer *self,
                   Shared    *shared)
{
  gsize n = self->vocab_size;
  g_autofree double *p = g_new (double, n);
  g_autofree gsize *small = g_new (gsize, n);
  g_autofree gsize *large = g_new (gsize, n);
  gsize n_small = 0, n_large = 0;
  double total = 0.0;

  /* The unigram distribution raised to 0.75 (word2vec.c, gensim), scaled
   * so that the mean slot holds 1, then split by Vose's method. */
  for (gsize w = 0; w < n; w++)
    total += p[w] = pow ((double) self->counts[w], NOISE_POWER);
  shared->noise = g_new (NoiseSlot, n);
  for (gsize w = 0; w < n; w++)
    {
      p[w] = p[w] / total * n;
      if (p[w] < 1.0)
        small[n_small++] = w;
      else
        large[n_large++] = w;
    }
  while (n_small > 0 && n_large > 0)
    {
      gsize s = small[--n_small];
      gsize l = large[n_large - 1];

      shared->noise[s].threshold = (guint32) MIN (p[s] * 4294967296.0, 4294967295.0);
      shared->noise[s].alias = (gint32) l;
      p[l] -= 1.0 - p[s];
      if (p[l] < 1.0)
        {
          n_large--;
          small[n_small++] = l;
        }
    }
  /* What is left has probability 1, up to rounding. */
  while (n_large > 0)
    {
      gsize l = large[--n_large];

      shared->noise[l].threshold = G_MAXUINT32;
      shared->noise[l].alias = (gint32) l;
    }
  while (n_small > 0)
    {
      gsize s = small[--n_small];

      shared->noise[s].threshold = G_MAXUINT32;
      shared->noise[s].alias = (gint32) s;
    }
}

static void
build_keep_thresholds (WsTrainer *self,
                       Shared    *shared)
{
  double threshold_count = self->options.sample * (double) self->n_train_words;

  shared->keep_threshold = g_new (guint64, self->vocab_size);
  for (gsize w = 0; w < self->vocab_size; w++)
    {
      /* word2vec.c's and gensim's formula. */
      double c = (double) self->counts[w];
      double p = (sqrt (c / threshold_count) + 1.0) * threshold_count / c;

      shared->keep_threshold[w] = p >= 1.0 ? G_GUINT64_CONSTANT (1) << 32
                                           : (guint64) (p * 4294967296.0);
    }
}

static void
init_vectors (WsTrainer *self)
{
  gsize dim = self->options.dim;
  gsize n = self->vocab_size * dim;
  guint64 rng = splitmix64 (self->options.seed);

  g_clear_pointer (&self->syn0, g_aligned_free);
  g_clear_pointer (&self->syn1neg, g_aligned_free);
  self->syn0 = g_aligned_alloc (n, sizeof (float), 64);
  self->syn1neg = g_aligned_alloc0 (n, sizeof (float), 64);
  /* Uniform in [-0.5/dim, 0.5/dim), as word2vec.c and gensim start. */
  for (gsize i = 0; i < n; i++)
    self->syn0[i] = (float) (((next_random (&rng) >> 40) / 16777216.0 - 0.5) / dim);
}

/* Training time leaves out pauses and snapshots. */
typedef struct
{
  gint64 start;
  gint64 held;                   /* µs spent holding the workers */
  guint  n_snapshots;
} TrainClock;

static double
training_seconds (const TrainClock *clock)
{
  return (g_get_monotonic_time () - clock->start - clock->held) / (double) G_USEC_PER_SEC;
}

/* Called with every worker held, or none running. */
static void
take_snapshot (WsTrainer        *self,
               Shared           *shared,
               TrainClock       *clock,
               gboolean          final)
{
  guint64 done = __atomic_load_n (&shared->words_done, __ATOMIC_RELAXED);
  WsTrainSnapshot snapshot = { 0 };

  if (self->snapshot_func == NULL)
    return;
  snapshot.index = clock->n_snapshots++;
  snapshot.words_done = done;
  snapshot.total_words = shared->total_words;
  snapshot.alpha = current_alpha (shared, done);
  snapshot.seconds = training_seconds (clock);
  snapshot.words_per_second = snapshot.seconds > 0 ? done / snapshot.seconds : 0.0;
  snapshot.final = final;
  snapshot.vectors = self->syn0;
  snapshot.vocab_size = self->vocab_size;
  snapshot.dim = self->options.dim;
  self->snapshot_func (self, &snapshot, self->snapshot_data);
}

/* The end of training is the final snapshot's: none just before it. */
static guint64
next_snapshot_at (const Shared *shared,
                  guint64       words)
{
  return words < shared->total_words ? words : G_MAXUINT64;
}

static void
release_workers (Shared *shared)
{
  g_atomic_int_set (&shared->hold, 0);
  g_cond_broadcast (&shared->resume);
}

/* With shared->mutex held: stops every running worker at its look-in, takes
 * the snapshot that is due, waits while the trainer is paused, and lets the
 * workers go on. */
static void
hold_workers (WsTrainer    *self,
              Shared       *shared,
              TrainClock   *clock,
              GCancellable *cancellable,
              gboolean     *cancelled)
{
  gint64 held_from = g_get_monotonic_time ();

  g_atomic_int_set (&shared->hold, 1);
  while (shared->n_held < shared->running)
    g_cond_wait (&shared->cond, &shared->mutex);

  if (shared->running > 0 &&
      __atomic_load_n (&shared->words_done, __ATOMIC_RELAXED) >= shared->next_snapshot)
    {
      guint64 every = MAX (self->snapshot_every, 1);
      guint64 done = __atomic_load_n (&shared->words_done, __ATOMIC_RELAXED);

      clock->held += g_get_monotonic_time () - held_from;
      held_from = g_get_monotonic_time ();
      g_mutex_unlock (&shared->mutex);
      take_snapshot (self, shared, clock, FALSE);
      g_mutex_lock (&shared->mutex);
      __atomic_store_n (&shared->next_snapshot, next_snapshot_at (shared, (done / every + 1) * every),
                        __ATOMIC_RELAXED);
    }

  while (g_atomic_int_get (&self->paused) && !*cancelled)
    {
      g_cond_wait_until (&shared->cond, &shared->mutex,
                         g_get_monotonic_time () + G_USEC_PER_SEC / 10);
      if (g_cancellable_is_cancelled (cancellable))
        {
          *cancelled = TRUE;
          g_atomic_int_set (&shared->cancelled, 1);
        }
    }

  clock->held += g_get_monotonic_time () - held_from;
  release_workers (shared);
}

void
ws_trainer_set_snapshot_func (WsTrainer           *self,
                              guint64              every_words,
                              WsTrainSnapshotFunc  func,
                              gpointer             user_data,
                              GDestroyNotify       destroy)
{
  g_return_if_fail (WS_IS_TRAINER (self));

  if (self->snapshot_destroy != NULL)
    self->snapshot_destroy (self->snapshot_data);
  self->snapshot_every = every_words;
  self->snapshot_func = func;
  self->snapshot_data = user_data;
  self->snapshot_destroy = destroy;
}

void
ws_trainer_set_paused (WsTrainer *self,
                       gboolean   paused)
{
  g_return_if_fail (WS_IS_TRAINER (self));
  g_atomic_int_set (&self->paused, paused ? 1 : 0);
}

gboolean
ws_trainer_get_paused (WsTrainer *self)
{
  g_return_val_if_fail (WS_IS_TRAINER (self), FALSE);
  return g_atomic_int_get (&self->paused) != 0;
}

gboolean
ws_trainer_train (WsTrainer            *self,
                  WsTrainProgressFunc   progress,
                  gpointer              progress_data,
                  GCancellable         *cancellable,
                  GError              **error)
{
  Shared shared = { 0 };
  g_autofree Worker *workers = NULL;
  TrainClock clock = { 0 };
  guint n_threads;
  gint64 start, last_report = 0;
  gboolean cancelled = FALSE;

  g_return_val_if_fail (WS_IS_TRAINER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->tokens == NULL || self->vocab_size == 0)
    {
      g_set_error (error, WS_TRAINER_ERROR, WS_TRAINER_ERROR_STATE,
                   _("No corpus has been read: read one before training"));
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  self->trained = FALSE;
  shared.self = self;
  for (int i = 0; i < EXP_TABLE_SIZE; i++)
    {
      double e = exp ((i / (double) EXP_TABLE_SIZE * 2 - 1) * MAX_EXP);
      shared.exp_table[i] = (float) (e / (e + 1));
    }
  build_noise_table (self, &shared);
  build_keep_thresholds (self, &shared);
  shared.total_words = self->n_train_words * self->options.iterations;
  g_mutex_init (&shared.mutex);
  g_cond_init (&shared.cond);
  g_cond_init (&shared.resume);
  init_vectors (self);

  /* Each worker takes a contiguous share, cut after a line end. */
  n_threads = (guint) MIN ((gsize) self->options.threads, MAX (self->n_tokens / 1000, 1));
  workers = g_new0 (Worker, n_threads);
  {
    gsize cut = 0;

    for (guint t = 0; t < n_threads; t++)
      {
        gsize end = t + 1 == n_threads ? self->n_tokens
                                       : self->n_tokens / n_threads * (t + 1);

        while (end < self->n_tokens && end > cut && self->tokens[end - 1] != SENTENCE_END)
          end++;
        workers[t].shared = &shared;
        workers[t].start = cut;
        workers[t].end = MAX (end, cut);
        workers[t].rng = splitmix64 (self->options.seed * 7919 + t + 1);
        cut = workers[t].end;
      }
  }

  start = g_get_monotonic_time ();
  clock.start = start;
  shared.running = n_threads;
  shared.next_snapshot = self->snapshot_func != NULL
    ? next_snapshot_at (&shared, MAX (self->snapshot_every, 1)) : G_MAXUINT64;
  take_snapshot (self, &shared, &clock, FALSE);
  for (guint t = 0; t < n_threads; t++)
    workers[t].thread = g_thread_new ("ws-trainer", worker_run, &workers[t]);

  g_mutex_lock (&shared.mutex);
  while (shared.running > 0)
    {
      gint64 now = g_get_monotonic_time ();

      g_cond_wait_until (&shared.cond, &shared.mutex, now + G_USEC_PER_SEC / 10);
      if (!cancelled && g_cancellable_is_cancelled (cancellable))
        {
          cancelled = TRUE;
          g_atomic_int_set (&shared.cancelled, 1);
        }
      if (!cancelled && shared.running > 0 &&
          (g_atomic_int_get (&shared.hold) || g_atomic_int_get (&self->paused) ||
           __atomic_load_n (&shared.words_done, __ATOMIC_RELAXED) >= shared.next_snapshot))
        hold_workers (self, &shared, &clock, cancellable, &cancelled);
      else if (cancelled)
        release_workers (&shared);

      now = g_get_monotonic_time ();
      if (progress != NULL && shared.running > 0 && now - last_report >= G_USEC_PER_SEC / 4)
        {
          guint64 done = __atomic_load_n (&shared.words_done, __ATOMIC_RELAXED);
          double elapsed = training_seconds (&clock);
          double fraction = MIN ((double) done / shared.total_words, 1.0);
          double left = fraction > 0.001 ? elapsed / fraction - elapsed : -1.0;

          last_report = now;
          g_mutex_unlock (&shared.mutex);
          progress (fraction, elapsed > 0 ? done / elapsed : 0.0, left, progress_data);
          g_mutex_lock (&shared.mutex);
        }
    }
  g_mutex_unlock (&shared.mutex);

  for (guint t = 0; t < n_threads; t++)
    g_thread_join (workers[t].thread);

  self->seconds = training_seconds (&clock);
  self->words_per_second = self->seconds > 0 ? shared.words_done / self->seconds : 0.0;
  if (!cancelled)
    take_snapshot (self, &shared, &clock, TRUE);

  g_free (shared.noise);
  g_free (shared.keep_threshold);
  g_mutex_clear (&shared.mutex);
  g_cond_clear (&shared.cond);
  g_cond_clear (&shared.resume);

  if (cancelled)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Training was cancelled"));
      return FALSE;
    }
  if (progress != NULL)
    progress (1.0, self->words_per_second, 0.0, progress_data);
  self->trained = TRUE;
  return TRUE;
}

typedef struct
{
  WsTrainProgressFunc progress;
  gpointer            progress_data;
  GDestroyNotify      progress_data_destroy;
} TrainTaskData;

static void
train_task_data_free (gpointer data)
{
  TrainTaskData *d = data;

  if (d->progress_data_destroy != NULL)
    d->progress_data_destroy (d->progress_data);
  g_free (d);
}

static void
train_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TrainTaskData *d = task_data;
  GError *error = NULL;

  if (ws_trainer_train (source_object, d->progress, d->progress_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
ws_trainer_train_async (WsTrainer           *self,
                        WsTrainProgressFunc  progress,
                        gpointer             progress_data,
                        GDestroyNotify       progress_data_destroy,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TrainTaskData *d;

  g_return_if_fail (WS_IS_TRAINER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  d = g_new0 (TrainTaskData, 1);
  d->progress = progress;
  d->progress_data = progress_data;
  d->progress_data_destroy = progress_data_destroy;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ws_trainer_train_async);
  g_task_set_task_data (task, d, train_task_data_free);
  /* ws_trainer_train () checks the cancellable itself. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, train_thread);
}

gboolean
ws_trainer_train_finish (WsTrainer     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (WS_IS_TRAINER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---------------------------------------------------------------------- */
/* Results                                                                 */

guint64
ws_trainer_get_n_corpus_words (WsTrainer *self)
{
  g_return_val_if_fail (WS_IS_TRAINER (self), 0);
  return self->n_corpus_words;
}

guint64
ws_trainer_get_n_train_words (WsTrainer *self)
{
  g_return_val_if_fail (WS_IS_TRAINER (self), 0);
  return self->n_train_words;
}

gsize
ws_trainer_get_vocab_size (WsTrainer *self)
{
  g_return_val_if_fail (WS_IS_TRAINER (self), 0);
  return self->vocab_size;
}

const char *
ws_trainer_get_word (WsTrainer *self,
                     gsize      index)
{
  g_return_val_if_fail (WS_IS_TRAINER (self), NULL);
  g_return_val_if_fail (index < self->vocab_size, NULL);
  return self->words[index];
}

guint64
ws_trainer_get_count (WsTrainer *self,
                      gsize      index)
{
  g_return_val_if_fail (WS_IS_TRAINER (self), 0);
  g_return_val_if_fail (index < self->vocab_size, 0);
  return self->counts[index];
}

double
ws_trainer_get_words_per_second (WsTrainer *self)
{
  g_return_val_if_fail (WS_IS_TRAINER (self), 0.0);
  return self->words_per_second;
}

double
ws_trainer_get_seconds (WsTrainer *self)
{
  g_return_val_if_fail (WS_IS_TRAINER (self), 0.0);
  return self->seconds;
}

static gboolean
check_trained (WsTrainer  *self,
               GError    **error)
{
  if (!self->trained)
    {
      g_set_error (error, WS_TRAINER_ERROR, WS_TRAINER_ERROR_STATE,
                   _("No vectors yet: train the model first"));
      return FALSE;
    }
  return TRUE;
}

WsVectors *
ws_trainer_get_vectors (WsTrainer  *self,
                        gsize       limit,
                        GError    **error)
{
  g_autoptr(WsVectors) vectors = NULL;
  gsize n, dim;

  g_return_val_if_fail (WS_IS_TRAINER (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_trained (self, error))
    return NULL;

  dim = self->options.dim;
  n = limit > 0 ? MIN (limit, self->vocab_size) : self->vocab_size;
  vectors = ws_vectors_new_empty (dim, n);
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!ws_vectors_append (vectors, self->words[i], strlen (self->words[i]),
                              self->syn0 + i * dim, &local_error) &&
          local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  ws_vectors_seal (vectors);
  return g_steal_pointer (&vectors);
}

gboolean
ws_trainer_save_word2vec (WsTrainer   *self,
                          const char  *path,
                          gsize        limit,
                          GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) raw = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *header = NULL;
  g_autofree guint32 *row = NULL;
  g_autofree char *display = NULL;
  gboolean existed;
  gsize n, dim;

  g_return_val_if_fail (WS_IS_TRAINER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_trained (self, error))
    return FALSE;

  display = g_filename_display_name (path);
  dim = self->options.dim;
  n = limit > 0 ? MIN (limit, self->vocab_size) : self->vocab_size;
  file = g_file_new_for_path (path);
  existed = g_file_query_exists (file, NULL);
  raw = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, &local_error);
  if (raw == NULL)
    goto fail;
  out = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (raw), 1 << 20);

  header = g_strdup_printf ("%zu %zu\n", n, dim);
  if (!g_output_stream_write_all (out, header, strlen (header), NULL, NULL, &local_error))
    goto fail;

  row = g_new (guint32, dim);
  for (gsize i = 0; i < n; i++)
    {
      const float *v = self->syn0 + i * dim;

      for (gsize j = 0; j < dim; j++)
        {
          guint32 bits;

          memcpy (&bits, &v[j], sizeof bits);
          row[j] = GUINT32_TO_LE (bits);
        }
      if (!g_output_stream_write_all (out, self->words[i], strlen (self->words[i]),
                                      NULL, NULL, &local_error) ||
          !g_output_stream_write_all (out, " ", 1, NULL, NULL, &local_error) ||
          !g_output_stream_write_all (out, row, dim * sizeof (guint32), NULL, NULL, &local_error) ||
          !g_output_stream_write_all (out, "\n", 1, NULL, NULL, &local_error))
        goto fail;
    }
  if (!g_output_stream_close (out, NULL, &local_error))
    goto fail;
  return TRUE;

fail:
  if (out != NULL)
    {
      /* Cancelling the close drops GIO's temporary file when it replaces
       * one; a new file is removed, so no half-written model is left. */
      g_autoptr(GCancellable) cancel = g_cancellable_new ();

      g_cancellable_cancel (cancel);
      g_output_stream_close (out, cancel, NULL);
      if (!existed)
        g_file_delete (file, NULL, NULL);
    }
  g_set_error (error, WS_TRAINER_ERROR, WS_TRAINER_ERROR_IO,
               _("Can’t write the vectors to “%s”: %s"), display, local_error->message);
  return FALSE;
}
