/* ws-evaluate.c: word-analogy and word-similarity benchmarks, as gensim scores them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gensim answers each analogy with most_similar (positive=[b, c],
 * negative=[a], topn=5), one full scan per question. Here the questions are
 * answered in batches: one sgemm of a batch of query vectors against the
 * unit rows, keeping each question's best few candidates. When two of the
 * candidates that decide an answer score too close for float32 rounding to
 * order them the way gensim's scan would, that one question is asked again
 * with gensim's own arithmetic (float32 sgemv over the raw rows divided by
 * numpy-style norms), so the answers are gensim's.
 */
#define G_LOG_DOMAIN "wordspace-evaluate"

#include "config.h"

#include <cblas.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ws-evaluate.h"
#include "ws-text.h"

G_DEFINE_QUARK (ws-evaluate-error-quark, ws_evaluate_error)

/* gensim fetches topn + len(input keys) = 5 + 3 candidates; one more tells
 * whether the eighth is clearly ahead of the rest. */
#define ANALOGY_TOPN   5
#define N_FETCH        (ANALOGY_TOPN + 3)
#define N_KEEP         (N_FETCH + 1)
#define BATCH_QUERIES  256
#define BLOCK_ROWS     2048

void
ws_evaluate_options_init (WsEvaluateOptions *options)
{
  g_return_if_fail (options != NULL);

  options->restrict_vocab = 300000;
  options->case_insensitive = TRUE;
  options->dummy4unknown = FALSE;
}

/* ---- Reading the benchmark file ----------------------------------------- */

typedef struct
{
  const char *start;
  gsize       len;
} Span;

/* Python's str.isspace (): what str.split () and str.strip () remove. */
static gboolean
is_py_space (gunichar c)
{
  return g_unichar_isspace (c) || (c >= 0x1c && c <= 0x1f) || c == 0x85;
}

/* Splits like Python's str.split () with no argument. Returns how many
 * fields there are; fills at most @max_fields of them. */
static guint
split_py_whitespace (const char *s,
                     gsize       len,
                     Span       *fields,
                     guint       max_fields)
{
  const char *p = s, *end = s + len;
  guint n = 0;

  while (p < end)
    {
      const char *word;

      while (p < end && is_py_space (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p >= end)
        break;
      word = p;
      while (p < end && !is_py_space (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (n < max_fields)
        {
          fields[n].start = word;
          fields[n].len = p - word;
        }
      n++;
    }
  return n;
}

/* Python's str.strip (). */
static Span
strip_py_whitespace (const char *s,
                     gsize       len)
{
  const char *p = s, *end = s + len;

  while (p < end && is_py_space (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  while (end > p)
    {
      const char *last = g_utf8_find_prev_char (p, end);

      if (last == NULL || !is_py_space (g_utf8_get_char (last)))
        break;
      end = last;
    }
  return (Span) { p, end - p };
}

/* Drops a byte order mark at the start of @contents (a file a Windows
 * editor saved), keeping the NUL after the data. */
static void
drop_bom (char  *contents,
          gsize *length)
{
  gsize bom = ws_text_bom_length (contents, *length);

  memmove (contents, contents + bom, *length - bom + 1);
  *length -= bom;
}

/* The whole file, without a leading byte order mark; gensim opens it
 * through smart_open, which also reads gzip-compressed files named *.gz. */
static gboolean
read_benchmark (const char  *path,
                char       **contents,
                gsize       *length,
                GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GInputStream) unzipped = NULL;
  g_autoptr(GZlibDecompressor) gunzip = NULL;

  if (!g_str_has_suffix (path, ".gz"))
    {
      if (g_file_get_contents (path, contents, length, &local))
        {
          drop_bom (*contents, length);
          return TRUE;
        }
    }
  else if ((in = G_INPUT_STREAM (g_file_read (file, NULL, &local))) != NULL)
    {
      gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
      unzipped = g_converter_input_stream_new (in, G_CONVERTER (gunzip));
      out = g_memory_output_stream_new_resizable ();
      if (g_output_stream_splice (out, unzipped, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                                  G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &local) >= 0)
        {
          /* A NUL after the data, as g_file_get_contents () gives. */
          *length = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out));
          *contents = g_malloc (*length + 1);
          memcpy (*contents, g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)), *length);
          (*contents)[*length] = '\0';
          drop_bom (*contents, length);
          return TRUE;
        }
    }

  {
    g_autofree char *name = g_filename_display_name (path);

    g_set_error (error, WS_EVALUATE_ERROR, WS_EVALUATE_ERROR_IO,
                 _("Cannot read the benchmark file “%s”: %s"), name, local->message);
  }
  return FALSE;
}

static gboolean
check_utf8 (const char  *path,
            guint        line_no,
            const char  *line,
            gsize        len,
            GError     **error)
{
  const char *bad;

  if (g_utf8_validate_len (line, len, &bad))
    return TRUE;

  {
    g_autofree char *name = g_filename_display_basename (path);

    g_set_error (error, WS_EVALUATE_ERROR, WS_EVALUATE_ERROR_ENCODING,
                 _("%s:%u: byte %u of the line is not valid UTF-8 text; "
                   "benchmark files are read as UTF-8"),
                 name, line_no, (guint) (bad - line) + 1);
  }
  return FALSE;
}

static char *
make_key (const char *word,
          gssize      len,
          gboolean    case_insensitive)
{
  return case_insensitive ? g_utf8_strup (word, len)
                          : g_strndup (word, len < 0 ? strlen (word) : (gsize) len);
}

/* ---- gensim's ok_vocab -------------------------------------------------- */

/* The words a question may use: the first @n_rows of the model, keyed by
 * their uppercase form when case-insensitive, the first variant winning. */
typedef struct
{
  WsVectors  *vectors;
  gsize       n_rows;
  gsize       dim;
  GHashTable *rows;      /* key → row + 1 */
  gsize      *key_row;   /* row → the row its key stands for */
  gboolean    case_insensitive;
} Vocab;

static void
vocab_init (Vocab                   *vocab,
            WsVectors               *vectors,
            const WsEvaluateOptions *options)
{
  gsize n = ws_vectors_get_n_words (vectors);

  vocab->vectors = vectors;
  vocab->n_rows = options->restrict_vocab == 0 ? n : MIN (n, options->restrict_vocab);
  vocab->dim = ws_vectors_get_dim (vectors);
  vocab->case_insensitive = options->case_insensitive;
  vocab->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  vocab->key_row = g_new (gsize, MAX (vocab->n_rows, 1));
  for (gsize i = 0; i < vocab->n_rows; i++)
    {
      char *key = make_key (ws_vectors_get_word (vectors, i), -1, options->case_insensitive);
      gpointer found = g_hash_table_lookup (vocab->rows, key);

      if (found != NULL)
        {
          vocab->key_row[i] = GPOINTER_TO_SIZE (found) - 1;
          g_free (key);
        }
      else
        {
          vocab->key_row[i] = i;
          g_hash_table_insert (vocab->rows, key, GSIZE_TO_POINTER (i + 1));
        }
    }
}

static void
vocab_clear (Vocab *vocab)
{
  g_clear_pointer (&vocab->rows, g_hash_table_unref);
  g_clear_pointer (&vocab->key_row, g_free);
}

static gssize
vocab_lookup (Vocab      *vocab,
              const char *key)
{
  gpointer found = g_hash_table_lookup (vocab->rows, key);

  return found != NULL ? (gssize) GPOINTER_TO_SIZE (found) - 1 : -1;
}

/* ---- Word analogies ----------------------------------------------------- */

static void
analogy_question_clear (gpointer data)
{
  WsAnalogyQuestion *q = data;

  g_free (q->a);
  g_free (q->b);
  g_free (q->c);
  g_free (q->expected);
  g_free (q->predicted);
}

static void
analogy_section_clear (gpointer data)
{
  WsAnalogySection *s = data;

  g_free (s->name);
}

void
ws_analogy_result_free (WsAnalogyResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->sections, g_array_unref);
  g_clear_pointer (&result->questions, g_array_unref);
  g_clear_pointer (&result->skipped, g_ptr_array_unref);
  g_free (result);
}

double
ws_analogy_section_accuracy (const WsAnalogySection *section)
{
  g_return_val_if_fail (section != NULL, 0.0);

  if (section->correct + section->incorrect == 0)
    return 0.0;
  return (double) section->correct / (section->correct + section->incorrect);
}

/* A question to answer: its ok_vocab rows. */
typedef struct
{
  gsize index;          /* in result->questions */
  gsize a, b, c, expected;
} Task;

typedef struct
{
  float score;
  gsize row;
} Candidate;

typedef struct
{
  Vocab        vocab;
  WsVectors   *vectors;
  const float *matrix;
  float       *own_matrix;     /* the rows, when the model keeps them in its file */
  float       *gensim_norms;   /* numpy's float32 norms, for the exact rescan */
  gsize       *zero_rows;      /* rows with a zero vector: never candidates */
  gsize        n_zero_rows;
  float        tie_margin;
} Solver;

/* numpy's float32 add.reduce over a contiguous row: pairwise summation with
 * eight accumulators, so the norms are numpy's to the last bit. */
static float
pairwise_sum (const float *a,
              gsize        n)
{
  if (n < 8)
    {
      float res = 0.0f;

      for (gsize i = 0; i < n; i++)
        res += a[i];
      return res;
    }
  else if (n <= 128)
    {
      float r[8], res;
      gsize i;

      for (int k = 0; k < 8; k++)
        r[k] = a[k];
      for (i = 8; i < n - (n % 8); i += 8)
        for (int k = 0; k < 8; k++)
          r[k] += a[i + k];
      res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
      for (; i < n; i++)
        res += a[i];
      return res;
    }
  else
    {
      gsize n2 = n / 2;

      n2 -= n2 % 8;
      return pairwise_sum (a, n2) + pairwise_sum (a + n2, n - n2);
    }
}

static void
solver_init (Solver                  *solver,
             WsVectors               *vectors,
             const WsEvaluateOptions *options)
{
  g_autoptr(GArray) zeros = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize d;
  g_autofree float *squares = NULL;

  vocab_init (&solver->vocab, vectors, options);
  d = solver->vocab.dim;
  solver->matrix = ws_vectors_get_matrix (vectors);
  if (solver->matrix == NULL)
    {
      /* Rows kept in the file: the rows searched, read once. */
      solver->own_matrix = g_new (float, MAX (solver->vocab.n_rows, 1) * d);
      ws_vectors_rows (vectors, 0, solver->vocab.n_rows, solver->own_matrix);
      solver->matrix = solver->own_matrix;
    }
  solver->vectors = vectors;
  solver->gensim_norms = g_new (float, MAX (solver->vocab.n_rows, 1));
  squares = g_new (float, d);
  for (gsize i = 0; i < solver->vocab.n_rows; i++)
    {
      const float *row = solver->matrix + i * d;

      for (gsize j = 0; j < d; j++)
        squares[j] = row[j] * row[j];
      solver->gensim_norms[i] = sqrtf (pairwise_sum (squares, d));
      if (ws_vectors_get_norm (vectors, i) == 0.0f)
        g_array_append_val (zeros, i);
    }
  solver->n_zero_rows = zeros->len;
  solver->zero_rows = (gsize *) (void *) g_array_free (g_steal_pointer (&zeros), FALSE);
  /* float32 dot products of unit vectors differ from gensim's by a few
   * units in the last place per term; this margin covers the worst case. */
  solver->tie_margin = (float) MAX (2e-5, 8e-8 * d);
}

static void
solver_clear (Solver *solver)
{
  vocab_clear (&solver->vocab);
  g_clear_pointer (&solver->gensim_norms, g_free);
  g_clear_pointer (&solver->own_matrix, g_free);
  g_clear_pointer (&solver->zero_rows, g_free);
}

/* gensim's get_mean_vector (pre_normalize, post_normalize) of b + c - a, in
 * float32 as numpy computes it. */
static void
analogy_query (Solver      *solver,
               const Task  *task,
               float       *query)
{
  gsize d = solver->vocab.dim;
  const float *m = solver->matrix;
  const float *norms = solver->gensim_norms;
  double sum = 0.0;
  float len, scale;

  for (gsize j = 0; j < d; j++)
    {
      float v = 0.0f;

      v += m[task->b * d + j] / norms[task->b];
      v += m[task->c * d + j] / norms[task->c];
      v += -(m[task->a * d + j] / norms[task->a]);
      query[j] = v / 3.0f;
    }
  for (gsize j = 0; j < d; j++)
    sum += (double) query[j] * query[j];
  len = (float) sqrt (sum);
  if (len > 0.0f)
    {
      scale = (float) (1.0 / (double) len);
      for (gsize j = 0; j < d; j++)
        query[j] *= scale;
    }
}

static inline void
keep_best (Candidate *best,
           guint     *n_best,
           float      score,
           gsize      row)
{
  guint i;

  if (*n_best == N_KEEP)
    {
      if (!(score > best[N_KEEP - 1].score))
        return;
      i = N_KEEP - 1;
    }
  else
    i = (*n_best)++;
  while (i > 0 && best[i - 1].score < score)
    {
      best[i] = best[i - 1];
      i--;
    }
  best[i].score = score;
  best[i].row = row;
}

static inline gboolean
is_input (const Task *task,
          gsize       row)
{
  return row == task->a || row == task->b || row == task->c;
}

/* gensim's choice among most_similar's candidates (best first, inputs
 * still in): the first of the five best non-input rows whose word, as
 * compared, is not a, b or c; else the last of them. Returns its position
 * in @cands, or -1 when there is none; *@decided tells whether a word was
 * found before running out. */
static gssize
choose_answer (Solver          *solver,
               const Task      *task,
               const Candidate *cands,
               guint            n_cands,
               gboolean        *decided)
{
  gssize chosen = -1;
  guint taken = 0;

  *decided = FALSE;
  for (guint i = 0; i < MIN (n_cands, N_FETCH); i++)
    {
      gsize row = cands[i].row;

      if (is_input (task, row))
        continue;
      if (taken == ANALOGY_TOPN)
        break;
      taken++;
      chosen = i;
      if (!is_input (task, solver->vocab.key_row[row]))
        {
          *decided = TRUE;
          break;
        }
    }
  return chosen;
}

/* One question the way gensim asks it: sgemv over the raw rows, divided by
 * the norms, then the best N_FETCH. */
static gssize
answer_exactly (Solver     *solver,
                const Task *task,
                float      *query,
                float      *scores)
{
  gsize n = solver->vocab.n_rows, d = solver->vocab.dim;
  Candidate best[N_KEEP];
  guint n_best = 0;
  gboolean decided;
  gssize chosen;

  analogy_query (solver, task, query);
  cblas_sgemv (CblasRowMajor, CblasNoTrans, n, d, 1.0f, solver->matrix, d,
               query, 1, 0.0f, scores, 1);
  for (gsize i = 0; i < n; i++)
    {
      float s = scores[i] / solver->gensim_norms[i];

      /* A zero row scores NaN in gensim and sorts last. */
      if (isnan (s))
        s = -INFINITY;
      keep_best (best, &n_best, s, i);
    }
  chosen = choose_answer (solver, task, best, n_best, &decided);
  return chosen >= 0 ? (gssize) best[chosen].row : -1;
}

/* Whether the batched candidates decide the answer beyond rounding doubt:
 * every gap between consecutive candidates up to the deciding one (or all
 * of them, when the search ran out) must exceed the margin. */
static gboolean
answer_is_certain (Solver          *solver,
                   const Candidate *cands,
                   guint            n_cands,
                   gssize           chosen,
                   gboolean         decided)
{
  guint last = n_cands > 0 ? n_cands - 1 : 0;

  if (decided && chosen >= 0)
    last = MIN (last, (guint) chosen + 1);
  for (guint i = 0; i < last; i++)
    {
      if (!(cands[i].score - cands[i + 1].score > solver->tie_margin))
        return FALSE;
    }
  return TRUE;
}

static void
record_answer (Solver          *solver,
               WsAnalogyResult *result,
               const Task      *task,
               gssize           row)
{
  WsAnalogyQuestion *q = &g_array_index (result->questions, WsAnalogyQuestion, task->index);

  if (row >= 0)
    {
      q->predicted = g_strdup (ws_vectors_get_word (solver->vocab.vectors, row));
      q->correct = solver->vocab.key_row[row] == task->expected;
    }
}

static gboolean
answer_all (Solver                 *solver,
            WsAnalogyResult        *result,
            GArray                 *tasks,
            WsEvaluateProgressFunc  progress,
            gpointer                progress_data,
            GCancellable           *cancellable,
            GError                **error)
{
  gsize n = solver->vocab.n_rows, d = solver->vocab.dim;
  gsize batch = MIN (BATCH_QUERIES, MAX (tasks->len, 1));
  g_autofree float *queries = g_new (float, batch * d);
  g_autofree float *scores = g_new (float, MAX (batch * BLOCK_ROWS, n));
  g_autofree Candidate *best = g_new (Candidate, batch * N_KEEP);
  g_autofree guint *n_best = g_new (guint, batch);
  /* A lean model's unit rows, a block at a time. */
  g_autofree float *unit_block = ws_vectors_has_unit_matrix (solver->vectors) ? NULL :
                                 g_new (float, BLOCK_ROWS * d);

  for (gsize first = 0; first < tasks->len; first += batch)
    {
      gsize nq = MIN (batch, tasks->len - first);
      const Task *chunk = &g_array_index (tasks, Task, first);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      for (gsize q = 0; q < nq; q++)
        {
          analogy_query (solver, &chunk[q], queries + q * d);
          n_best[q] = 0;
        }

      for (gsize r0 = 0; r0 < n; r0 += BLOCK_ROWS)
        {
          gsize nr = MIN (BLOCK_ROWS, n - r0);
          const float *unit = ws_vectors_unit_rows (solver->vectors, r0, nr, unit_block);

          cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, nq, nr, d,
                       1.0f, queries, d, unit, d,
                       0.0f, scores, nr);
          for (gsize z = 0; z < solver->n_zero_rows; z++)
            {
              gsize row = solver->zero_rows[z];

              if (row >= r0 && row < r0 + nr)
                for (gsize q = 0; q < nq; q++)
                  scores[q * nr + (row - r0)] = -INFINITY;
            }
          for (gsize q = 0; q < nq; q++)
            {
              const float *s = scores + q * nr;
              Candidate *b = best + q * N_KEEP;
              guint *nb = &n_best[q];

              for (gsize i = 0; i < nr; i++)
                {
                  if (*nb == N_KEEP && !(s[i] > b[N_KEEP - 1].score))
                    continue;
                  keep_best (b, nb, s[i], r0 + i);
                }
            }
        }

      for (gsize q = 0; q < nq; q++)
        {
          const Task *task = &chunk[q];
          const Candidate *b = best + q * N_KEEP;
          gboolean decided;
          gssize chosen = choose_answer (solver, task, b, n_best[q], &decided);
          gssize row = chosen >= 0 ? (gssize) b[chosen].row : -1;
          gboolean zero_input = solver->gensim_norms[task->a] == 0.0f ||
                                solver->gensim_norms[task->b] == 0.0f ||
                                solver->gensim_norms[task->c] == 0.0f;

          if (zero_input || !answer_is_certain (solver, b, n_best[q], chosen, decided))
            {
              row = answer_exactly (solver, task, queries + q * d, scores);
              result->n_rescored++;
            }
          record_answer (solver, result, task, row);
        }

      if (progress != NULL)
        progress (first + nq, tasks->len, progress_data);
    }
  return TRUE;
}

WsAnalogyResult *
ws_evaluate_analogies (WsVectors               *vectors,
                       const char              *path,
                       const WsEvaluateOptions *options,
                       WsEvaluateProgressFunc   progress,
                       gpointer                 progress_data,
                       GCancellable            *cancellable,
                       GError                 **error)
{
  g_autoptr(WsAnalogyResult) result = NULL;
  g_autoptr(GArray) tasks = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *basename = NULL;
  WsEvaluateOptions defaults;
  Solver solver = { 0 };
  WsAnalogySection total = { 0 };
  gboolean in_section = FALSE;
  gsize length = 0;
  const char *p, *end;
  guint line_no = 0;
  gboolean ok;

  g_return_val_if_fail (WS_IS_VECTORS (vectors), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      ws_evaluate_options_init (&defaults);
      options = &defaults;
    }
  if (!read_benchmark (path, &contents, &length, error))
    return NULL;
  basename = g_filename_display_basename (path);

  result = g_new0 (WsAnalogyResult, 1);
  result->sections = g_array_new (FALSE, TRUE, sizeof (WsAnalogySection));
  g_array_set_clear_func (result->sections, analogy_section_clear);
  result->questions = g_array_new (FALSE, TRUE, sizeof (WsAnalogyQuestion));
  g_array_set_clear_func (result->questions, analogy_question_clear);
  result->skipped = g_ptr_array_new_with_free_func (g_free);
  tasks = g_array_new (FALSE, FALSE, sizeof (Task));

  solver_init (&solver, vectors, options);

  /* gensim reads the file as bytes split at '\n' and decodes each line. */
  p = contents;
  end = contents + length;
  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line = p;
      gsize len = (nl != NULL ? nl : end) - p;
      Span words[4];
      guint n_words;

      p = nl != NULL ? nl + 1 : end;
      line_no++;
      if (!check_utf8 (path, line_no, line, len, error))
        {
          solver_clear (&solver);
          return NULL;
        }

      if (len >= 2 && line[0] == ':' && line[1] == ' ')
        {
          WsAnalogySection section = { 0 };
          const char *name = line;
          Span stripped;

          while (name < line + len && (*name == ':' || *name == ' '))
            name++;
          stripped = strip_py_whitespace (name, line + len - name);
          section.name = g_strndup (stripped.start, stripped.len);
          section.first = result->questions->len;
          g_array_append_val (result->sections, section);
          in_section = TRUE;
          continue;
        }

      if (!in_section)
        {
          g_set_error (error, WS_EVALUATE_ERROR, WS_EVALUATE_ERROR_FORMAT,
                       _("%s:%u: a question comes before the first section header; "
                         "an analogy file starts with a line such as “: capital-common-countries”"),
                       basename, line_no);
          solver_clear (&solver);
          return NULL;
        }

      n_words = split_py_whitespace (line, len, words, G_N_ELEMENTS (words));
      if (n_words == 0)
        continue;  /* a blank line: skipped by gensim too, not worth a mention */
      if (n_words != 4)
        {
          g_ptr_array_add (result->skipped,
                           g_strdup_printf (_("%s:%u: expected 4 words, found %u"),
                                            basename, line_no, n_words));
          continue;
        }

      {
        WsAnalogySection *section = &g_array_index (result->sections, WsAnalogySection,
                                                    result->sections->len - 1);
        WsAnalogyQuestion q = { 0 };
        gssize rows[4];

        q.a = make_key (words[0].start, words[0].len, options->case_insensitive);
        q.b = make_key (words[1].start, words[1].len, options->case_insensitive);
        q.c = make_key (words[2].start, words[2].len, options->case_insensitive);
        q.expected = make_key (words[3].start, words[3].len, options->case_insensitive);
        q.line = line_no;
        rows[0] = vocab_lookup (&solver.vocab, q.a);
        rows[1] = vocab_lookup (&solver.vocab, q.b);
        rows[2] = vocab_lookup (&solver.vocab, q.c);
        rows[3] = vocab_lookup (&solver.vocab, q.expected);
        q.oov = rows[0] < 0 || rows[1] < 0 || rows[2] < 0 || rows[3] < 0;
        if (!q.oov)
          {
            Task task = { result->questions->len, rows[0], rows[1], rows[2], rows[3] };

            g_array_append_val (tasks, task);
          }
        g_array_append_val (result->questions, q);
        section->n_questions++;
        result->n_questions++;
      }
    }

  if (result->n_questions == 0)
    {
      g_set_error (error, WS_EVALUATE_ERROR, WS_EVALUATE_ERROR_EMPTY,
                   _("%s holds no analogy questions (lines of 4 words under “: section” headers)"),
                   basename);
      solver_clear (&solver);
      return NULL;
    }

  ok = answer_all (&solver, result, tasks, progress, progress_data, cancellable, error);
  solver_clear (&solver);
  if (!ok)
    return NULL;

  for (guint i = 0; i < result->sections->len; i++)
    {
      WsAnalogySection *s = &g_array_index (result->sections, WsAnalogySection, i);

      for (gsize k = s->first; k < s->first + s->n_questions; k++)
        {
          const WsAnalogyQuestion *q = &g_array_index (result->questions, WsAnalogyQuestion, k);

          if (q->oov)
            {
              s->oov++;
              if (options->dummy4unknown)
                s->incorrect++;
            }
          else if (q->correct)
            s->correct++;
          else
            s->incorrect++;
        }
      total.correct += s->correct;
      total.incorrect += s->incorrect;
      total.oov += s->oov;
    }
  total.name = g_strdup ("Total accuracy");
  total.first = 0;
  total.n_questions = result->questions->len;
  g_array_append_val (result->sections, total);

  result->n_oov = total.oov;
  result->oov_ratio = 100.0 * result->n_oov / result->n_questions;
  result->accuracy = ws_analogy_section_accuracy (&total);
  return g_steal_pointer (&result);
}

typedef struct
{
  WsVectors              *vectors;
  char                   *path;
  WsEvaluateOptions       options;
  WsEvaluateProgressFunc  progress;
  gpointer                progress_data;
  GDestroyNotify          progress_data_destroy;
} AnalogyJob;

static void
analogy_job_free (gpointer data)
{
  AnalogyJob *job = data;

  g_clear_object (&job->vectors);
  g_free (job->path);
  if (job->progress_data_destroy != NULL)
    job->progress_data_destroy (job->progress_data);
  g_free (job);
}

static void
analogy_job_run (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  AnalogyJob *job = task_data;
  GError *error = NULL;
  WsAnalogyResult *result;

  result = ws_evaluate_analogies (job->vectors, job->path, &job->options,
                                  job->progress, job->progress_data, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) ws_analogy_result_free);
}

void
ws_evaluate_analogies_async (WsVectors               *vectors,
                             const char              *path,
                             const WsEvaluateOptions *options,
                             WsEvaluateProgressFunc   progress,
                             gpointer                 progress_data,
                             GDestroyNotify           progress_data_destroy,
                             GCancellable            *cancellable,
                             GAsyncReadyCallback      callback,
                             gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  AnalogyJob *job;

  g_return_if_fail (WS_IS_VECTORS (vectors));
  g_return_if_fail (path != NULL);

  job = g_new0 (AnalogyJob, 1);
  job->vectors = g_object_ref (vectors);
  job->path = g_strdup (path);
  if (options != NULL)
    job->options = *options;
  else
    ws_evaluate_options_init (&job->options);
  job->progress = progress;
  job->progress_data = progress_data;
  job->progress_data_destroy = progress_data_destroy;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ws_evaluate_analogies_async);
  g_task_set_task_data (task, job, analogy_job_free);
  g_task_run_in_thread (task, analogy_job_run);
}

WsAnalogyResult *
ws_evaluate_analogies_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Word pairs --------------------------------------------------------- */

static void
word_pair_clear (gpointer data)
{
  WsWordPair *pair = data;

  g_free (pair->word1);
  g_free (pair->word2);
}

void
ws_pairs_result_free (WsPairsResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->pairs, g_array_unref);
  g_clear_pointer (&result->skipped, g_ptr_array_unref);
  g_free (result);
}

/* Python's float (str): surrounding whitespace, digits with single
 * underscores between them, inf/infinity/nan; no hexadecimal. */
static gboolean
parse_py_float (const char *s,
                gsize       len,
                double     *value)
{
  Span t = strip_py_whitespace (s, len);
  g_autoptr(GString) clean = g_string_sized_new (t.len);
  char *endp = NULL;

  if (t.len == 0)
    return FALSE;
  for (gsize i = 0; i < t.len; i++)
    {
      char c = t.start[i];

      if (c == '_')
        {
          if (i == 0 || i + 1 == t.len || !g_ascii_isdigit (t.start[i - 1]) ||
              !g_ascii_isdigit (t.start[i + 1]))
            return FALSE;
          continue;
        }
      if ((guchar) c >= 0x80 || c == 'x' || c == 'X' || c == '(' || c == 'p' || c == 'P')
        return FALSE;
      g_string_append_c (clean, c);
    }
  *value = g_ascii_strtod (clean->str, &endp);
  return endp != clean->str && *endp == '\0';
}

/* Cosine of two rows as gensim's similarity () computes it: each unit
 * vector, then their dot product, in float32. */
static double
pair_similarity (WsVectors *vectors,
                 gsize      row1,
                 gsize      row2)
{
  gsize dim = ws_vectors_get_dim (vectors);
  g_autofree float *u = g_new (float, 2 * dim);

  ws_vectors_copy_unit_rows (vectors, row1, 1, u);
  ws_vectors_copy_unit_rows (vectors, row2, 1, u + dim);
  return (float) cblas_sdot (dim, u, 1, u + dim, 1);
}

WsPairsResult *
ws_evaluate_pairs (WsVectors               *vectors,
                   const char              *path,
                   const WsEvaluateOptions *options,
                   GCancellable            *cancellable,
                   GError                 **error)
{
  g_autoptr(WsPairsResult) result = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *basename = NULL;
  g_autofree double *gold = NULL;
  g_autofree double *model = NULL;
  WsEvaluateOptions defaults;
  Vocab vocab = { 0 };
  gsize length = 0, n = 0;
  const char *p, *end;
  guint line_no = 0;

  g_return_val_if_fail (WS_IS_VECTORS (vectors), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      ws_evaluate_options_init (&defaults);
      options = &defaults;
    }
  if (!read_benchmark (path, &contents, &length, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  basename = g_filename_display_basename (path);

  result = g_new0 (WsPairsResult, 1);
  result->pairs = g_array_new (FALSE, TRUE, sizeof (WsWordPair));
  g_array_set_clear_func (result->pairs, word_pair_clear);
  result->skipped = g_ptr_array_new_with_free_func (g_free);

  vocab_init (&vocab, vectors, options);

  /* gensim reads the file as text: "\n", "\r\n" and "\r" all end a line. */
  p = contents;
  end = contents + length;
  while (p < end)
    {
      const char *line = p;
      const char *eol = p;
      const char *fields[4];
      gsize field_len[4];
      guint n_fields = 0;
      WsWordPair pair = { 0 };
      gssize row1, row2;
      gsize len;

      while (eol < end && *eol != '\n' && *eol != '\r')
        eol++;
      len = eol - line;
      p = eol;
      if (p < end && *p == '\r')
        p++;
      if (p < end && *p == '\n' && (p == eol || p[-1] == '\r'))
        p++;
      line_no++;

      if (!check_utf8 (path, line_no, line, len, error))
        {
          vocab_clear (&vocab);
          return NULL;
        }
      if (len > 0 && line[0] == '#')
        continue;

      /* The line keeps its newline in gensim; it only ever lands in the
       * score field, which float () strips. */
      for (const char *f = line;; )
        {
          const char *tab = memchr (f, '\t', line + len - f);
          const char *stop = tab != NULL ? tab : line + len;

          if (n_fields < G_N_ELEMENTS (fields))
            {
              fields[n_fields] = f;
              field_len[n_fields] = stop - f;
            }
          n_fields++;
          if (tab == NULL)
            break;
          f = tab + 1;
        }
      if (n_fields == 1 && strip_py_whitespace (line, len).len == 0)
        continue;  /* a blank line: skipped by gensim too, not worth a mention */
      if (n_fields != 3)
        {
          g_ptr_array_add (result->skipped,
                           g_strdup_printf (_("%s:%u: expected 3 tab-separated fields "
                                              "(word, word, score), found %u"),
                                            basename, line_no, n_fields));
          continue;
        }
      if (!parse_py_float (fields[2], field_len[2], &pair.gold))
        {
          g_autofree char *text = ws_text_escape (fields[2], field_len[2], 50);

          g_ptr_array_add (result->skipped,
                           g_strdup_printf (_("%s:%u: the score “%s” is not a number"),
                                            basename, line_no, text));
          continue;
        }

      pair.word1 = make_key (fields[0], field_len[0], options->case_insensitive);
      pair.word2 = make_key (fields[1], field_len[1], options->case_insensitive);
      pair.line = line_no;
      row1 = vocab_lookup (&vocab, pair.word1);
      row2 = vocab_lookup (&vocab, pair.word2);
      pair.oov = row1 < 0 || row2 < 0;
      if (pair.oov)
        {
          result->n_oov++;
          pair.similarity = options->dummy4unknown ? 0.0 : NAN;
        }
      else
        pair.similarity = pair_similarity (vectors, row1, row2);
      g_array_append_val (result->pairs, pair);
    }
  vocab_clear (&vocab);

  gold = g_new (double, MAX (result->pairs->len, 1));
  model = g_new (double, MAX (result->pairs->len, 1));
  for (guint i = 0; i < result->pairs->len; i++)
    {
      const WsWordPair *pair = &g_array_index (result->pairs, WsWordPair, i);

      if (pair->oov && !options->dummy4unknown)
        continue;
      gold[n] = pair->gold;
      model[n] = pair->similarity;
      n++;
    }
  result->n_used = n;
  if (n == 0)
    {
      g_set_error (error, WS_EVALUATE_ERROR, WS_EVALUATE_ERROR_EMPTY,
                   result->pairs->len == 0
                   ? _("%s holds no word pairs (lines of “word, tab, word, tab, score”)")
                   : _("The model knows none of the word pairs in %s"),
                   basename);
      return NULL;
    }

  result->pearson = ws_correlation_pearson (gold, model, n, &result->pearson_p);
  result->spearman = ws_correlation_spearman (gold, model, n, &result->spearman_p);
  if (options->dummy4unknown)
    result->oov_ratio = 100.0 * result->n_oov / n;
  else
    result->oov_ratio = 100.0 * result->n_oov / (n + result->n_oov);
  return g_steal_pointer (&result);
}

/* ---- Statistics --------------------------------------------------------- */

/* The continued fraction of the incomplete beta function, evaluated with
 * the modified Lentz method. */
static double
beta_continued_fraction (double a,
                         double b,
                         double x)
{
  const double tiny = 1e-300;
  double c = 1.0, d, h;

  d = 1.0 - (a + b) * x / (a + 1.0);
  if (fabs (d) < tiny)
    d = tiny;
  d = 1.0 / d;
  h = d;
  for (int m = 1; m <= 10000; m++)
    {
      double m2 = 2.0 * m, coef, delta;

      coef = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
      d = 1.0 + coef * d;
      if (fabs (d) < tiny)
        d = tiny;
      c = 1.0 + coef / c;
      if (fabs (c) < tiny)
        c = tiny;
      d = 1.0 / d;
      h *= d * c;

      coef = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
      d = 1.0 + coef * d;
      if (fabs (d) < tiny)
        d = tiny;
      c = 1.0 + coef / c;
      if (fabs (c) < tiny)
        c = tiny;
      d = 1.0 / d;
      delta = d * c;
      h *= delta;
      if (fabs (delta - 1.0) < 1e-15)
        break;
    }
  return h;
}

/* The regularised incomplete beta function I_x (a, b). */
static double
incomplete_beta (double a,
                 double b,
                 double x)
{
  double front;

  if (x <= 0.0)
    return 0.0;
  if (x >= 1.0)
    return 1.0;
  front = exp (lgamma (a + b) - lgamma (a) - lgamma (b) + a * log (x) + b * log1p (-x));
  if (x < (a + 1.0) / (a + b + 2.0))
    return front * beta_continued_fraction (a, b, x) / a;
  return 1.0 - front * beta_continued_fraction (b, a, 1.0 - x) / b;
}

/* Two-sided p-value of a correlation @r over @n pairs: Student's t with
 * n - 2 degrees of freedom, P(|T| ≥ |t|) = I_{1-r²} ((n-2)/2, 1/2). */
static double
correlation_p_value (double r,
                     gsize  n)
{
  double df = (double) n - 2.0;

  if (isnan (r) || n < 3)
    return NAN;
  if (fabs (r) >= 1.0)
    return 0.0;
  return incomplete_beta (df / 2.0, 0.5, (1.0 - r) * (1.0 + r));
}

double
ws_correlation_pearson (const double *x,
                        const double *y,
                        gsize         n,
                        double       *p)
{
  double mx = 0.0, my = 0.0, sxx = 0.0, syy = 0.0, r = 0.0;
  double nx, ny;

  g_return_val_if_fail (n == 0 || (x != NULL && y != NULL), NAN);

  if (p != NULL)
    *p = NAN;
  if (n < 2)
    return NAN;
  for (gsize i = 0; i < n; i++)
    {
      mx += x[i];
      my += y[i];
    }
  mx /= n;
  my /= n;
  for (gsize i = 0; i < n; i++)
    {
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
  nx = sqrt (sxx);
  ny = sqrt (syy);
  /* scipy gives NaN for a constant input, as the correlation is undefined. */
  if (nx == 0.0 || ny == 0.0 || isnan (nx) || isnan (ny))
    return NAN;
  for (gsize i = 0; i < n; i++)
    r += ((x[i] - mx) / nx) * ((y[i] - my) / ny);
  r = CLAMP (r, -1.0, 1.0);
  if (p != NULL)
    *p = n == 2 ? 1.0 : correlation_p_value (r, n);
  return r;
}

typedef struct
{
  double value;
  gsize  index;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *ra = a, *rb = b;

  if (ra->value < rb->value)
    return -1;
  if (ra->value > rb->value)
    return 1;
  return ra->index < rb->index ? -1 : ra->index > rb->index;
}

/* Ranks from 1, ties sharing their average rank (scipy's rankdata). */
static void
average_ranks (const double *x,
               gsize         n,
               double       *ranks)
{
  g_autofree Ranked *sorted = g_new (Ranked, n);

  for (gsize i = 0; i < n; i++)
    sorted[i] = (Ranked) { x[i], i };
  qsort (sorted, n, sizeof (Ranked), compare_ranked);
  for (gsize i = 0; i < n; )
    {
      gsize j = i + 1;
      double rank;

      while (j < n && sorted[j].value == sorted[i].value)
        j++;
      rank = (i + 1 + j) / 2.0;
      for (gsize k = i; k < j; k++)
        ranks[sorted[k].index] = rank;
      i = j;
    }
}

double
ws_correlation_spearman (const double *x,
                         const double *y,
                         gsize         n,
                         double       *p)
{
  g_autofree double *rx = NULL;
  g_autofree double *ry = NULL;
  double rho;

  g_return_val_if_fail (n == 0 || (x != NULL && y != NULL), NAN);

  if (p != NULL)
    *p = NAN;
  if (n < 2)
    return NAN;
  rx = g_new (double, n);
  ry = g_new (double, n);
  average_ranks (x, n, rx);
  average_ranks (y, n, ry);
  rho = ws_correlation_pearson (rx, ry, n, NULL);
  if (p != NULL)
    *p = correlation_p_value (rho, n);
  return rho;
}
