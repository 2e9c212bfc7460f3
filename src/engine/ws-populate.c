/* ws-populate.c: making large arrays resident ahead of writing them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ws-populate"

#include "config.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ws-populate.h"

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

#define MAX_ARRAYS 12
#define MAX_THREADS 4
/* Rows populated at once are split over the cores from this size on. */
#define SPLIT_BYTES ((gsize) 64 << 20)
/* The background populator's step: each madvise () holds the address
 * space's lock for reading, and a thread that maps memory meanwhile waits
 * for it. In 8 MiB steps (15-30 ms of fresh memory here) a window's frames
 * during a load took up to 45-50 ms, against 25-30 ms before; 2 MiB is a
 * huge page of the codes, 4-7 ms. */
#define STEP_BYTES ((gsize) 2 << 20)

void
ws_advise_pages (void  *p,
                 gsize  bytes,
                 int    advice)
{
#ifdef __linux__
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  guintptr start = ((guintptr) p + page - 1) & ~(guintptr) (page - 1);
  guintptr end = ((guintptr) p + bytes) & ~(guintptr) (page - 1);

  if (p != NULL && end > start)
    madvise ((void *) start, end - start, advice);
#endif
}

static gsize
bytes_per_row (const WsPopulateArray *arrays,
               gsize                  n_arrays)
{
  gsize sum = 0;

  for (gsize a = 0; a < n_arrays; a++)
    if (arrays[a].p != NULL)
      sum += arrays[a].row_bytes;
  return MAX (sum, 1);
}

gsize
ws_populate_rows_in (const WsPopulateArray *arrays,
                     gsize                  n_arrays,
                     gsize                  bytes)
{
  return MAX (bytes / bytes_per_row (arrays, n_arrays), 1);
}

static void
populate_slice (const WsPopulateArray *arrays,
                gsize                  n_arrays,
                gsize                  first,
                gsize                  n)
{
  for (gsize a = 0; a < n_arrays; a++)
    if (arrays[a].p != NULL && n > 0)
      ws_advise_pages ((char *) arrays[a].p + first * arrays[a].row_bytes,
                       n * arrays[a].row_bytes, MADV_POPULATE_WRITE);
}

/* --- now, on every core ----------------------------------------------------- */

typedef struct
{
  GMutex lock;
  GCond cond;
  guint ready;
  gboolean go;
  const WsPopulateArray *arrays;
  gsize n_arrays;
  gsize first;
  gsize n;
  guint n_parts;
} Job;

typedef struct
{
  Job *job;
  guint part;
  gboolean wait;
} Part;

static gpointer
populate_part (gpointer data)
{
  Part *part = data;
  Job *job = part->job;
  gsize from = job->n * part->part / job->n_parts;
  gsize to = job->n * (part->part + 1) / job->n_parts;

  if (part->wait)
    {
      g_mutex_lock (&job->lock);
      job->ready++;
      g_cond_broadcast (&job->cond);
      while (!job->go)
        g_cond_wait (&job->cond, &job->lock);
      g_mutex_unlock (&job->lock);
    }
  populate_slice (job->arrays, job->n_arrays, job->first + from, to - from);
  return NULL;
}

void
ws_populate_rows (const WsPopulateArray *arrays,
                  gsize                  n_arrays,
                  gsize                  first,
                  gsize                  n)
{
  /* Two cores back fresh memory in about half the time (0.95 s, not
   * 1.85 s, for the 869 MB of codes of 3 M × 300). Every thread is running
   * before any of them populates: starting one maps its stack and its
   * malloc arena, which would wait for a populate already running. */
  Job job = { .ready = 0, .go = FALSE, .arrays = arrays, .n_arrays = n_arrays,
              .first = first, .n = n };
  Part parts[MAX_THREADS];
  GThread *threads[MAX_THREADS] = { NULL };
  guint n_threads = 0;

  job.n_parts = CLAMP ((guint) g_get_num_processors (), 1, MAX_THREADS);
  if (n * bytes_per_row (arrays, n_arrays) < SPLIT_BYTES || n < job.n_parts)
    job.n_parts = 1;
  g_mutex_init (&job.lock);
  g_cond_init (&job.cond);
  for (guint i = 0; i < job.n_parts; i++)
    {
      parts[i] = (Part) { .job = &job, .part = i, .wait = TRUE };
      if (i > 0)
        threads[i] = g_thread_try_new ("ws-populate", populate_part, &parts[i], NULL);
      n_threads += threads[i] != NULL;
    }
  g_mutex_lock (&job.lock);
  while (job.ready < n_threads)
    g_cond_wait (&job.cond, &job.lock);
  job.go = TRUE;
  g_cond_broadcast (&job.cond);
  g_mutex_unlock (&job.lock);
  for (guint i = 0; i < job.n_parts; i++)
    if (threads[i] == NULL)
      {
        parts[i].wait = FALSE;
        populate_part (&parts[i]);
      }
  for (guint i = 0; i < job.n_parts; i++)
    if (threads[i] != NULL)
      g_thread_join (threads[i]);
  g_cond_clear (&job.cond);
  g_mutex_clear (&job.lock);
}

/* --- in the background ------------------------------------------------------- */

struct _WsPopulator
{
  WsPopulateArray arrays[MAX_ARRAYS];
  gsize n_arrays;
  gsize rows;
  gsize step_rows;
  gint stop;
  GThread *thread;
};

static gpointer
populator_thread (gpointer data)
{
  WsPopulator *self = data;

  for (gsize first = 0; first < self->rows && !g_atomic_int_get (&self->stop);
       first += self->step_rows)
    populate_slice (self->arrays, self->n_arrays, first,
                    MIN (self->step_rows, self->rows - first));
  return NULL;
}

WsPopulator *
ws_populator_start (const WsPopulateArray *arrays,
                    gsize                  n_arrays,
                    gsize                  rows)
{
  WsPopulator *self;

  g_return_val_if_fail (n_arrays <= MAX_ARRAYS, NULL);

  self = g_new0 (WsPopulator, 1);
  memcpy (self->arrays, arrays, n_arrays * sizeof *arrays);
  self->n_arrays = n_arrays;
  self->rows = rows;
  self->step_rows = ws_populate_rows_in (arrays, n_arrays, STEP_BYTES);
  self->thread = g_thread_try_new ("ws-populate", populator_thread, self, NULL);
  if (self->thread == NULL)
    populator_thread (self);
  return self;
}

void
ws_populator_stop (WsPopulator *self)
{
  if (self == NULL)
    return;
  g_atomic_int_set (&self->stop, 1);
  if (self->thread != NULL)
    g_thread_join (self->thread);
  g_free (self);
}
