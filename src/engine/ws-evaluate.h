/* ws-evaluate.h: word-analogy and word-similarity benchmarks, as gensim scores them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ws_evaluate_analogies () follows gensim 4.2's
 * KeyedVectors.evaluate_word_analogies () and ws_evaluate_pairs () its
 * evaluate_word_pairs (): the same questions skipped, the same answers, the
 * same counts and correlations.
 */
#pragma once

#include "ws-vectors.h"

G_BEGIN_DECLS

#define WS_EVALUATE_ERROR (ws_evaluate_error_quark ())

typedef enum
{
  WS_EVALUATE_ERROR_IO,        /* the benchmark file cannot be read */
  WS_EVALUATE_ERROR_ENCODING,  /* a line that is not valid UTF-8 */
  WS_EVALUATE_ERROR_FORMAT,    /* a question before the first ": section" line */
  WS_EVALUATE_ERROR_EMPTY,     /* no question, or no pair the model knows */
} WsEvaluateError;

typedef struct
{
  /* Only the first @restrict_vocab words count as known and are searched;
   * 0 uses every word. gensim's default is 300000. */
  gsize    restrict_vocab;
  /* Compare words uppercased; the first word (the most frequent in a sorted
   * model) of each case variant stands for all of them. Default TRUE. */
  gboolean case_insensitive;
  /* Count questions with an unknown word as wrong (analogies) or score
   * their pair 0 (pairs), instead of skipping them. Default FALSE. */
  gboolean dummy4unknown;
} WsEvaluateOptions;

/* Called in the evaluating thread, a few hundred times at most. */
typedef void (*WsEvaluateProgressFunc) (gsize    done,
                                        gsize    total,
                                        gpointer user_data);

typedef struct
{
  /* The words as compared: uppercased when case-insensitive. */
  char     *a, *b, *c, *expected;
  /* The model's answer in the model's spelling; NULL when the question was
   * not asked (unknown word) or the model had no candidate. */
  char     *predicted;
  guint     line;      /* 1-based line in the file */
  gboolean  oov;       /* a word is unknown (or outside restrict_vocab) */
  gboolean  correct;
} WsAnalogyQuestion;

typedef struct
{
  char  *name;
  gsize  correct;
  gsize  incorrect;     /* includes unknown-word questions with dummy4unknown */
  gsize  oov;           /* questions with an unknown word */
  gsize  first;         /* this section's questions in WsAnalogyResult.questions */
  gsize  n_questions;
} WsAnalogySection;

typedef struct
{
  GArray    *sections;    /* WsAnalogySection, file order, then "Total accuracy" */
  GArray    *questions;   /* WsAnalogyQuestion, file order (4-word lines only) */
  gsize      n_questions; /* gensim's quadruplets_no */
  gsize      n_oov;
  double     oov_ratio;   /* percent of n_questions */
  double     accuracy;    /* total correct / (correct + incorrect); 0 when none */
  /* Lines gensim skips silently, described for a person
   * ("questions-words.txt:12: expected 4 words, found 3"). */
  GPtrArray *skipped;
  /* How many answers were confirmed with a one-question search because two
   * candidates' scores were too close for the batched search to order. */
  gsize      n_rescored;
} WsAnalogyResult;

typedef struct
{
  char     *word1, *word2; /* as compared: uppercased when case-insensitive */
  double    gold;          /* the human score in the file */
  double    similarity;    /* cosine; 0 for an unknown pair with dummy4unknown,
                            * NAN for one that is skipped */
  guint     line;
  gboolean  oov;
} WsWordPair;

typedef struct
{
  GArray    *pairs;        /* WsWordPair, file order (valid lines only) */
  gsize      n_used;       /* pairs in the correlations */
  gsize      n_oov;
  double     pearson, pearson_p;   /* coefficient, two-sided p-value */
  double     spearman, spearman_p;
  /* gensim's ratio: n_oov / n_used with dummy4unknown, else
   * n_oov / (n_used + n_oov); percent. */
  double     oov_ratio;
  GPtrArray *skipped;
} WsPairsResult;

GQuark           ws_evaluate_error_quark      (void);
void             ws_evaluate_options_init     (WsEvaluateOptions      *options);

WsAnalogyResult *ws_evaluate_analogies        (WsVectors              *vectors,
                                               const char             *path,
                                               const WsEvaluateOptions *options,
                                               WsEvaluateProgressFunc  progress,
                                               gpointer                progress_data,
                                               GCancellable           *cancellable,
                                               GError                **error);
void             ws_evaluate_analogies_async  (WsVectors              *vectors,
                                               const char             *path,
                                               const WsEvaluateOptions *options,
                                               WsEvaluateProgressFunc  progress,
                                               gpointer                progress_data,
                                               GDestroyNotify          progress_data_destroy,
                                               GCancellable           *cancellable,
                                               GAsyncReadyCallback     callback,
                                               gpointer                user_data);
WsAnalogyResult *ws_evaluate_analogies_finish (GAsyncResult           *result,
                                               GError                **error);
double           ws_analogy_section_accuracy  (const WsAnalogySection *section);
void             ws_analogy_result_free       (WsAnalogyResult        *result);

WsPairsResult   *ws_evaluate_pairs            (WsVectors              *vectors,
                                               const char             *path,
                                               const WsEvaluateOptions *options,
                                               GCancellable           *cancellable,
                                               GError                **error);
void             ws_pairs_result_free         (WsPairsResult          *result);

/* Pearson's r of @x and @y (@n values) and its two-sided p-value (scipy's
 * pearsonr); NAN when either is constant. @p may be NULL. */
double           ws_correlation_pearson       (const double           *x,
                                               const double           *y,
                                               gsize                   n,
                                               double                 *p);
/* Spearman's rho (ties get their average rank) and its two-sided p-value
 * (scipy's spearmanr). */
double           ws_correlation_spearman      (const double           *x,
                                               const double           *y,
                                               gsize                   n,
                                               double                 *p);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WsAnalogyResult, ws_analogy_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WsPairsResult, ws_pairs_result_free)

G_END_DECLS
