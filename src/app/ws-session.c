/* ws-session.c: the model, the query, its results and its map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything slow runs in worker threads on immutable inputs (a WsVectors
 * never changes once loaded): loading, the completion index, each query and
 * its projection. Results come back to the main thread, where a sequence
 * number drops any that a newer request has made stale. The load and the
 * indexes built after it run at a lower priority than the window.
 */
#define G_LOG_DOMAIN "wordspace"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "ws-expression.h"
#include "ws-prefix-index.h"
#include "ws-projection.h"
#include "ws-scene-builder.h"
#include "ws-scene-file.h"
#include "ws-result-item.h"
#include "ws-session.h"
#include "ws-similarity.h"
#include "ws-suggest.h"
#include "ws-thread-priority.h"

/* Progress reaches the main loop at most this often. */
#define PROGRESS_INTERVAL_US (G_USEC_PER_SEC / 20)
/* How much lower than the window a load and the work after it run (a nice
 * increment), so that the window's thread wins a core whenever it has a
 * frame to draw. */
#define BACKGROUND_NICE 10

typedef struct
{
  gatomicrefcount  ref_count;
  GWeakRef         session;
  GMutex           lock;
  GCancellable    *cancellable;
  GFile           *file;
  gint64           start;
  gint64           last_report;
  guint64          bytes_done;
  guint64          bytes_total;
  guint64          words_done;
  gboolean         report_pending;
} LoadJob;

struct _WsSession
{
  GObject          parent_instance;

  WsVectors       *vectors;
  char            *title;
  char            *subtitle;

  LoadJob         *load_job;
  double           load_fraction;
  guint64          load_words;
  double           load_seconds_left;

  WsPrefixIndex   *index;
  GCancellable    *index_cancellable;

  char            *query;
  guint            query_seq;
  gboolean         busy;
  GListStore      *results;
  char            *query_error;
  GStrv            unknown_words;
  GStrv            suggestions;
  gsize            unknown_start;
  gsize            unknown_end;
  WsSessionMap    *map;
  WsPlotScene     *scene;

  guint            neighbors;
  char            *projection;

  /* What the author of the figure chose besides the query: pinned, hidden
   * and highlighted words, notes, the number of results and
   * restrict_vocab. Only these members of the record are used. */
  WsSceneFile     *marks;
};

G_DEFINE_FINAL_TYPE (WsSession, ws_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_VECTORS,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_LOADING,
  PROP_LOAD_FRACTION,
  PROP_LOAD_WORDS,
  PROP_LOAD_SECONDS_LEFT,
  PROP_COMPLETION_READY,
  PROP_QUERY,
  PROP_BUSY,
  PROP_RESULTS,
  PROP_QUERY_ERROR,
  PROP_NEIGHBORS,
  PROP_PROJECTION,
  N_PROPS
};

enum {
  LOAD_FINISHED,
  QUERY_FINISHED,
  MAP_CHANGED,
  MARKS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *empty_strv[] = { NULL };

/* ------------------------------------------------------------------ */
/* The map                                                             */

static void
session_point_clear (gpointer data)
{
  WsSessionPoint *p = data;

  g_free (p->word);
}

static WsSessionMap *
session_map_new (void)
{
  WsSessionMap *map = g_new0 (WsSessionMap, 1);

  map->points = g_array_new (FALSE, TRUE, sizeof (WsSessionPoint));
  g_array_set_clear_func (map->points, session_point_clear);
  for (guint i = 0; i < G_N_ELEMENTS (map->analogy); i++)
    map->analogy[i] = -1;
  map->answer = -1;
  return map;
}

static void
session_map_free (WsSessionMap *map)
{
  if (map == NULL)
    return;
  g_array_unref (map->points);
  g_free (map->projection);
  g_free (map->query);
  g_free (map->mismatch);
  g_free (map);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WsSessionMap, session_map_free)

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
load_job_unref (LoadJob *job)
{
  if (!g_atomic_ref_count_dec (&job->ref_count))
    return;
  g_weak_ref_clear (&job->session);
  g_mutex_clear (&job->lock);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->file);
  g_free (job);
}

static LoadJob *
load_job_ref (LoadJob *job)
{
  g_atomic_ref_count_inc (&job->ref_count);
  return job;
}

static void
ws_session_dispose (GObject *object)
{
  WsSession *self = WS_SESSION (object);

  if (self->load_job != NULL)
    {
      g_cancellable_cancel (self->load_job->cancellable);
      g_clear_pointer (&self->load_job, load_job_unref);
    }
  if (self->index_cancellable != NULL)
    g_cancellable_cancel (self->index_cancellable);
  g_clear_object (&self->index_cancellable);
  g_clear_object (&self->vectors);
  g_clear_object (&self->results);
  g_clear_pointer (&self->index, ws_prefix_index_unref);

  G_OBJECT_CLASS (ws_session_parent_class)->dispose (object);
}

static void
ws_session_finalize (GObject *object)
{
  WsSession *self = WS_SESSION (object);

  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->query);
  g_free (self->query_error);
  g_strfreev (self->unknown_words);
  g_strfreev (self->suggestions);
  g_free (self->projection);
  ws_scene_file_free (self->marks);
  session_map_free (self->map);
  g_clear_pointer (&self->scene, ws_plot_scene_unref);

  G_OBJECT_CLASS (ws_session_parent_class)->finalize (object);
}

static void
ws_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  WsSession *self = WS_SESSION (object);

  switch (prop_id)
    {
    case PROP_VECTORS:
      g_value_set_object (value, self->vectors);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->load_job != NULL);
      break;
    case PROP_LOAD_FRACTION:
      g_value_set_double (value, self->load_fraction);
      break;
    case PROP_LOAD_WORDS:
      g_value_set_uint64 (value, self->load_words);
      break;
    case PROP_LOAD_SECONDS_LEFT:
      g_value_set_double (value, self->load_seconds_left);
      break;
    case PROP_COMPLETION_READY:
      g_value_set_boolean (value, self->index != NULL);
      break;
    case PROP_QUERY:
      g_value_set_string (value, self->query);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_RESULTS:
      g_value_set_object (value, self->results);
      break;
    case PROP_QUERY_ERROR:
      g_value_set_string (value, self->query_error);
      break;
    case PROP_NEIGHBORS:
      g_value_set_uint (value, self->neighbors);
      break;
    case PROP_PROJECTION:
      g_value_set_string (value, self->projection);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ws_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  WsSession *self = WS_SESSION (object);

  switch (prop_id)
    {
    case PROP_VECTORS:
      ws_session_set_vectors (self, g_value_get_object (value));
      break;
    case PROP_NEIGHBORS:
      ws_session_set_neighbors (self, g_value_get_uint (value));
      break;
    case PROP_PROJECTION:
      ws_session_set_projection (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ws_session_class_init (WsSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = ws_session_dispose;
  object_class->finalize = ws_session_finalize;
  object_class->get_property = ws_session_get_property;
  object_class->set_property = ws_session_set_property;

  properties[PROP_VECTORS] =
    g_param_spec_object ("vectors", NULL, NULL, WS_TYPE_VECTORS, rw);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL, ro);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_LOAD_FRACTION] =
    g_param_spec_double ("load-fraction", NULL, NULL, 0.0, 1.0, 0.0, ro);
  properties[PROP_LOAD_WORDS] =
    g_param_spec_uint64 ("load-words", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_LOAD_SECONDS_LEFT] =
    g_param_spec_double ("load-seconds-left", NULL, NULL, -1.0, G_MAXDOUBLE, -1.0, ro);
  properties[PROP_COMPLETION_READY] =
    g_param_spec_boolean ("completion-ready", NULL, NULL, FALSE, ro);
  properties[PROP_QUERY] = g_param_spec_string ("query", NULL, NULL, NULL, ro);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  properties[PROP_RESULTS] =
    g_param_spec_object ("results", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUERY_ERROR] = g_param_spec_string ("query-error", NULL, NULL, NULL, ro);
  properties[PROP_NEIGHBORS] = g_param_spec_uint ("neighbors", NULL, NULL, 0, 50, 0, rw);
  properties[PROP_PROJECTION] = g_param_spec_string ("projection", NULL, NULL, "local", rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* (success, message): message is the engine's error, NULL on success
   * and when the user cancelled. */
  signals[LOAD_FINISHED] =
    g_signal_new ("load-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_STRING);
  signals[QUERY_FINISHED] =
    g_signal_new ("query-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[MAP_CHANGED] =
    g_signal_new ("map-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A note or a highlight changed on the map as it is (no new map):
   * redraw. */
  signals[MARKS_CHANGED] =
    g_signal_new ("marks-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ws_session_init (WsSession *self)
{
  self->results = g_list_store_new (WS_TYPE_RESULT_ITEM);
  self->projection = g_strdup ("local");
  self->load_seconds_left = -1.0;
  self->map = session_map_new ();
  self->title = g_strdup (_("No model"));
  self->subtitle = g_strdup ("");
  self->marks = ws_scene_file_new ();
}

WsSession *
ws_session_new (void)
{
  return g_object_new (WS_TYPE_SESSION, NULL);
}

/* ------------------------------------------------------------------ */
/* Small setters                                                       */

static void
set_string (WsSession  *self,
            char      **field,
            const char *value,
            guint       prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_busy (WsSession *self,
          gboolean   busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* ------------------------------------------------------------------ */
/* Background work at a lower priority                                 */

typedef struct
{
  GTask           *task;
  GTaskThreadFunc  func;
} BackgroundWork;

static gpointer
background_thread (gpointer data)
{
  BackgroundWork *work = data;

  ws_make_background_thread (BACKGROUND_NICE, "a background thread");
  work->func (work->task, g_task_get_source_object (work->task), g_task_get_task_data (work->task),
              g_task_get_cancellable (work->task));
  g_object_unref (work->task);
  g_free (work);
  return NULL;
}

/* Runs @func as g_task_run_in_thread () would, but in a thread of its own
 * that first lowers its priority and keeps off one core: not a GTask pool
 * thread, because an unprivileged thread cannot raise its priority again
 * and a pool thread runs queries later. On Linux both are per thread and
 * pass to the threads it creates, so the engine's workers (ws-fill-rows,
 * ws-text-parse, ws-pca) run so too. For a model's load and the indexes
 * built after it, not for queries, which the user waits for.
 *
 * A load on both cores of a 2-core machine is faster (2.2-4 s against
 * 2.7-6 s for the 3.6 GB binary file), but it held frames of the window
 * for 60-67 ms in two of four runs; kept to one core, no frame went past
 * 27 ms (tests/bench/RESULTS-scale.md). */
static void
run_in_background_thread (GTask           *task,
                          GTaskThreadFunc  func,
                          const char      *name)
{
  BackgroundWork *work = g_new (BackgroundWork, 1);
  g_autoptr(GError) error = NULL;
  GThread *thread;

  work->task = g_object_ref (task);
  work->func = func;
  thread = g_thread_try_new (name, background_thread, work, &error);
  if (thread != NULL)
    {
      g_thread_unref (thread);
      return;
    }
  g_object_unref (work->task);
  g_free (work);
  g_task_return_error (task, g_steal_pointer (&error));
}

/* ------------------------------------------------------------------ */
/* The completion index and the global axes, built once per model      */

static void
build_index_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  WsVectors *vectors = task_data;
  WsPrefixIndex *index = ws_prefix_index_new (vectors, cancellable);

  if (index == NULL || g_task_return_error_if_cancelled (task))
    {
      g_clear_pointer (&index, ws_prefix_index_unref);
      if (!g_task_had_error (task))
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
      return;
    }
  g_task_return_pointer (task, index, (GDestroyNotify) ws_prefix_index_unref);
}

/* After the completion index: the other per-model indexes, so that the
 * first unknown word and the first global map need not wait for them. */
static void
prepare_model_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  WsVectors *vectors = task_data;

  ws_suggest_prepare (vectors);
  if (!g_cancellable_is_cancelled (cancellable))
    {
      /* The axes the scene builder's global projection asks for: all rows,
       * unit vectors (as the map projects them). */
      g_autoptr(WsPca) pca = ws_projection_get_global_pca (vectors, 0, TRUE, cancellable, NULL);
    }
  g_task_return_boolean (task, TRUE);
}

static void
build_index_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  WsSession *self = WS_SESSION (object);
  g_autoptr(WsPrefixIndex) index = g_task_propagate_pointer (G_TASK (result), NULL);

  if (index == NULL || ws_prefix_index_get_vectors (index) != self->vectors)
    return;
  g_clear_pointer (&self->index, ws_prefix_index_unref);
  self->index = g_steal_pointer (&index);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETION_READY]);

  {
    g_autoptr(GTask) task = g_task_new (self, self->index_cancellable, NULL, NULL);

    g_task_set_source_tag (task, prepare_model_thread);
    g_task_set_task_data (task, g_object_ref (self->vectors), g_object_unref);
    run_in_background_thread (task, prepare_model_thread, "ws-prepare");
  }
}

/* ------------------------------------------------------------------ */
/* The model                                                           */

WsVectors *
ws_session_get_vectors (WsSession *self)
{
  g_return_val_if_fail (WS_IS_SESSION (self), NULL);
  return self->vectors;
}

const char *
ws_session_get_title (WsSession *self)
{
  g_return_val_if_fail (WS_IS_SESSION (self), NULL);
  return self->title;
}

const char *
ws_session_get_subtitle (WsSession *self)
{
  g_return_val_if_fail (WS_IS_SESSION (self), NULL);
  return self->subtitle;
}

static void
clear_results (WsSession *self)
{
  g_list_store_remove_all (self->results);
  set_string (self, &self->query_error, NULL, PROP_QUERY_ERROR);
  g_clear_pointer (&self->unknown_words, g_strfreev);
  g_clear_pointer (&self->suggestions, g_strfreev);
  session_map_free (self->map);
  self->map = session_map_new ();
  g_clear_pointer (&self->scene, ws_plot_scene_unref);
  g_signal_emit (self, signals[MAP_CHANGED], 0);
}

void
ws_session_set_vectors (WsSession *self,
                        WsVectors *vectors)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *path;

  g_return_if_fail (WS_IS_SESSION (self));
  g_return_if_fail (vectors == NULL || WS_IS_VECTORS (vectors));

  if (self->vectors == vectors)
    return;
  g_set_object (&self->vectors, vectors);

  if (self->index_cancellable != NULL)
    g_cancellable_cancel (self->index_cancellable);
  g_clear_object (&self->index_cancellable);
  g_clear_pointer (&self->index, ws_prefix_index_unref);
  self->query_seq++;
  set_busy (self, FALSE);
  clear_results (self);

  if (vectors != NULL)
    {
      path = ws_vectors_get_path (vectors);
      title = path != NULL ? g_path_get_basename (path) : g_strdup (_("Model in memory"));
      guint64 n_words = ws_vectors_get_n_words (vectors);
      guint64 dim = ws_vectors_get_dim (vectors);
      /* Counts grouped as the locale groups digits (LC_NUMERIC: "50,000"),
       * each with its plural form. PRIu64, which xgettext and gettext
       * understand, unlike G_GSIZE_FORMAT. */
      g_autofree char *words = g_strdup_printf (g_dngettext (NULL, "%'" PRIu64 " word",
                                                             "%'" PRIu64 " words", n_words),
                                                n_words);
      g_autofree char *dims = g_strdup_printf (g_dngettext (NULL, "%'" PRIu64 " dimension",
                                                            "%'" PRIu64 " dimensions", dim),
                                               dim);

      /* Translators: the model's size in the header bar: "50,000 words ·
       * 100 dimensions", from the two counts above. */
      subtitle = g_strdup_printf (_("%s · %s"), words, dims);

      self->index_cancellable = g_cancellable_new ();
      task = g_task_new (self, self->index_cancellable, build_index_done, NULL);
      g_task_set_source_tag (task, ws_session_set_vectors);
      g_task_set_task_data (task, g_object_ref (vectors), g_object_unref);
      run_in_background_thread (task, build_index_thread, "ws-index");
    }
  set_string (self, &self->title, title != NULL ? title : _("No model"), PROP_TITLE);
  set_string (self, &self->subtitle, subtitle != NULL ? subtitle : "", PROP_SUBTITLE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VECTORS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETION_READY]);

  /* The same question, asked of the new model. */
  if (vectors != NULL && self->query != NULL && *self->query != '\0')
    ws_session_run_query (self, self->query);
}

/* ------------------------------------------------------------------ */
/* Loading                                                             */

static void
set_load_state (WsSession *self,
                double     fraction,
                guint64    words,
                double     seconds_left)
{
  if (self->load_fraction != fraction)
    {
      self->load_fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOAD_FRACTION]);
    }
  if (self->load_words != words)
    {
      self->load_words = words;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOAD_WORDS]);
    }
  if (self->load_seconds_left != seconds_left)
    {
      self->load_seconds_left = seconds_left;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOAD_SECONDS_LEFT]);
    }
}

static gboolean
report_progress (gpointer data)
{
  LoadJob *job = data;
  g_autoptr(WsSession) self = g_weak_ref_get (&job->session);
  guint64 done, total, words;
  double fraction, elapsed, left = -1.0;

  g_mutex_lock (&job->lock);
  done = job->bytes_done;
  total = job->bytes_total;
  words = job->words_done;
  job->report_pending = FALSE;
  g_mutex_unlock (&job->lock);

  if (self == NULL || self->load_job != job)
    return G_SOURCE_REMOVE;

  fraction = total > 0 ? CLAMP ((double) done / total, 0.0, 1.0) : 0.0;
  elapsed = (g_get_monotonic_time () - job->start) / (double) G_USEC_PER_SEC;
  /* An estimate from the first percent or the first half second is noise. */
  if (fraction > 0.01 && elapsed > 0.5 && fraction < 1.0)
    left = elapsed / fraction - elapsed;
  set_load_state (self, fraction, words, left);
  return G_SOURCE_REMOVE;
}

/* Called in the loading thread. */
static void
on_load_progress (guint64  bytes_done,
                  guint64  bytes_total,
                  gsize    words_done,
                  gsize    words_total,
                  gpointer user_data)
{
  LoadJob *job = user_data;
  gint64 now = g_get_monotonic_time ();

  g_mutex_lock (&job->lock);
  job->bytes_done = bytes_done;
  job->bytes_total = bytes_total;
  job->words_done = words_done;
  if (!job->report_pending && now - job->last_report >= PROGRESS_INTERVAL_US)
    {
      job->report_pending = TRUE;
      job->last_report = now;
      g_idle_add_full (G_PRIORITY_DEFAULT, report_progress, load_job_ref (job),
                       (GDestroyNotify) load_job_unref);
    }
  g_mutex_unlock (&job->lock);
}

/* What the loading thread needs. */
typedef struct
{
  char          *path;
  WsLoadOptions  options;
  LoadJob       *job;
} LoadThreadData;

static void
load_thread_data_free (LoadThreadData *data)
{
  g_free (data->path);
  load_job_unref (data->job);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadThreadData *d = task_data;
  g_autoptr(GError) error = NULL;
  WsVectors *vectors;

  vectors = ws_vectors_load (d->path, &d->options, on_load_progress, d->job, cancellable, &error);
  if (vectors != NULL)
    g_task_return_pointer (task, vectors, g_object_unref);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LoadJob *job = user_data;
  g_autoptr(WsSession) self = g_weak_ref_get (&job->session);
  g_autoptr(GError) error = NULL;
  g_autoptr(WsVectors) vectors = g_task_propagate_pointer (G_TASK (result), &error);

  if (self == NULL || self->load_job != job)
    {
      /* Superseded by a newer load, or the session is gone. */
      load_job_unref (job);
      return;
    }
  /* A cancel the worker noticed too late still wins. */
  if (vectors != NULL && g_cancellable_is_cancelled (job->cancellable))
    {
      g_clear_object (&vectors);
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
    }

  g_clear_pointer (&self->load_job, load_job_unref);
  load_job_unref (job);
  set_load_state (self, 0.0, 0, -1.0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  if (vectors != NULL)
    {
      ws_session_set_vectors (self, vectors);
      g_signal_emit (self, signals[LOAD_FINISHED], 0, TRUE, NULL);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_signal_emit (self, signals[LOAD_FINISHED], 0, FALSE, NULL);
  else
    g_signal_emit (self, signals[LOAD_FINISHED], 0, FALSE, error->message);
}

void
ws_session_load (WsSession *self,
                 GFile     *file)
{
  g_autofree char *path = NULL;
  LoadJob *job;
  gboolean was_loading;

  g_return_if_fail (WS_IS_SESSION (self));
  g_return_if_fail (G_IS_FILE (file));

  was_loading = self->load_job != NULL;
  if (was_loading)
    {
      g_cancellable_cancel (self->load_job->cancellable);
      g_clear_pointer (&self->load_job, load_job_unref);
    }

  job = g_new0 (LoadJob, 1);
  g_atomic_ref_count_init (&job->ref_count);
  g_weak_ref_init (&job->session, self);
  g_mutex_init (&job->lock);
  job->cancellable = g_cancellable_new ();
  job->file = g_object_ref (file);
  job->start = g_get_monotonic_time ();
  self->load_job = job;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      /* The loader reads local files; say so the way it reports errors. */
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *message = g_strdup_printf (_("%s is not a local file"), uri);

      g_clear_pointer (&self->load_job, load_job_unref);
      if (was_loading)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      g_signal_emit (self, signals[LOAD_FINISHED], 0, FALSE, message);
      return;
    }
  /* The progress callback runs in the loading thread; report_progress ()
   * brings it to the main loop. */
  {
    g_autoptr(GTask) task = g_task_new (NULL, job->cancellable, load_done, load_job_ref (job));
    LoadThreadData *data = g_new0 (LoadThreadData, 1);

    data->path = g_steal_pointer (&path);
    ws_load_options_init (&data->options);
    data->job = load_job_ref (job);
    g_task_set_source_tag (task, ws_session_load);
    g_task_set_task_data (task, data, (GDestroyNotify) load_thread_data_free);
    run_in_background_thread (task, load_thread, "ws-load");
  }

  set_load_state (self, 0.0, 0, -1.0);
  if (!was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

void
ws_session_cancel_load (WsSession *self)
{
  g_return_if_fail (WS_IS_SESSION (self));

  /* load_done () reports the end once the worker has stopped. */
  if (self->load_job != NULL)
    g_cancellable_cancel (self->load_job->cancellable);
}

gboolean
ws_session_get_loading (WsSession *self)
{
  g_return_val_if_fail (WS_IS_SESSION (self), FALSE);
  return self->load_job != NULL;
}

double
ws_session_get_load_fraction (WsSession *self)
{
  g_return_val_if_fail (WS_IS_SESSION (self), 0.0);
  return self->load_fraction;
}

guint64
ws_session_get_load_words (WsSession *self)
{
  g_return_val_if_fail (WS_IS_SESSION (self), 0);
  return self->load_words;
}

double
ws_session_get_load_seconds_left (WsSession *self)
{
  g_return_val_if_fail (WS_IS_SESSION (self), -1.0);
  return self->load_seconds_left;
}

char *
ws_session_get_load_file (WsSession *self)
{
  g_return_val_if_fail (WS_IS_SESSION (self), NULL);
  if (self->load_job == NULL)
    return NULL;
  return g_file_get_basename (self->load_job->file);
}

/* ------------------------------------------------------------------ */
/* Completion                                                          */

gboolean
ws_session_get_completion_ready (WsSession *self)
{
  g_return_val_if_fail (WS_IS_SESSION (self), FALSE);
  return self->index != NULL;
}

GStrv
ws_session_complete (WsSession  *self,
                     const char *prefix,
                     guint       max)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GArray) rows = NULL;

  g_return_val_if_fail (WS_IS_SESSION (self), NULL);
  g_return_val_if_fail (prefix != NULL, NULL);

  if (self->index != NULL)
    {
      rows = ws_prefix_index_complete (self->index, prefix, max);
      for (guint i = 0; i < rows->len; i++)
        g_strv_builder_add (builder, ws_vectors_get_word (self->vectors,
                                                          g_array_index (rows, guint32, i)));
    }
  return g_strv_builder_end (builder);
}

/* ------------------------------------------------------------------ */
/* Queries                                                             */

typedef struct
{
  /* in */
  WsVectors    *vectors;
  char         *text;
  char         *model_title;
  guint         neighbors;
  char         *projection;
  WsSceneFile  *marks;
  guint         seq;
  /* out */
  GArray       *results;       /* WsScored */
  char         *error;
  GStrv         unknown_words;
  GStrv         suggestions;
  gsize         unknown_start;
  gsize         unknown_end;
  WsSessionMap *map;
  WsPlotScene  *scene;
} QueryJob;

static void
query_job_free (QueryJob *job)
{
  g_clear_object (&job->vectors);
  g_free (job->text);
  g_free (job->model_title);
  g_free (job->projection);
  ws_scene_file_free (job->marks);
  g_clear_pointer (&job->results, g_array_unref);
  g_free (job->error);
  g_strfreev (job->unknown_words);
  g_strfreev (job->suggestions);
  session_map_free (job->map);
  g_clear_pointer (&job->scene, ws_plot_scene_unref);
  g_free (job);
}

static WsSessionPointKind
kind_of (WsPlotRole role)
{
  switch (role)
    {
    case WS_PLOT_ROLE_QUERY_POSITIVE:
    case WS_PLOT_ROLE_QUERY_NEGATIVE:
      return WS_SESSION_POINT_QUERY;
    case WS_PLOT_ROLE_ANSWER:
      return WS_SESSION_POINT_ANSWER;
    case WS_PLOT_ROLE_RESULT:
      return WS_SESSION_POINT_RESULT;
    case WS_PLOT_ROLE_PREDICTED:
      return WS_SESSION_POINT_PREDICTED;
    case WS_PLOT_ROLE_NEIGHBOR:
    case WS_PLOT_N_ROLES:
    default:
      return WS_SESSION_POINT_NEIGHBOR;
    }
}

/* The map through the function `wordspace-cli render --scene` builds
 * with, from the options the scene saved from this window records, so
 * the window and the command line draw the same picture. */
static void
build_map (QueryJob     *job,
           WsExpression *expression)
{
  WsSessionMap *map = session_map_new ();
  g_autoptr(WsPlotScene) scene = NULL;
  g_autoptr(GError) error = NULL;
  WsProjectionMethod method = WS_PROJECTION_LOCAL;
  guint corners[4];

  job->marks->neighbors = job->neighbors;
  if (!ws_projection_method_from_string (job->projection, &job->marks->method))
    job->marks->method = WS_PROJECTION_LOCAL;
  scene = ws_scene_file_build_map (job->marks, job->vectors, expression, job->results, &method,
                                   NULL, &error);
  map->query = ws_expression_to_string (expression);
  if (scene == NULL)
    {
      g_debug ("No map for “%s”: %s", job->text, error->message);
      job->map = map;
      return;
    }

  map->projection = g_strdup (ws_projection_method_to_string (method));
  for (guint i = 0; i < ws_plot_scene_get_n_points (scene); i++)
    {
      const WsPlotPoint *pp = ws_plot_scene_get_point (scene, i);
      WsSessionPoint p = { 0 };

      p.word = g_strdup (pp->word);
      p.kind = kind_of (pp->role);
      p.x = pp->x;
      p.y = pp->y;
      p.score = pp->has_score ? pp->score : NAN;
      if (p.kind == WS_SESSION_POINT_ANSWER && map->answer < 0)
        map->answer = (int) i;
      if ((pp->flags & WS_PLOT_POINT_MISMATCH) && map->mismatch == NULL)
        map->mismatch = g_strdup (pp->word);
      g_array_append_val (map->points, p);
    }
  if (ws_plot_scene_get_analogy (scene, corners))
    for (guint k = 0; k < 4; k++)
      map->analogy[k] = (int) corners[k];

  job->scene = g_steal_pointer (&scene);
  job->map = map;
}

static void
query_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  QueryJob *job = task_data;
  g_autoptr(WsExpression) expression = NULL;
  g_autoptr(GPtrArray) unknown = NULL;
  g_autoptr(GError) error = NULL;

  expression = ws_expression_parse_full (job->text, &job->unknown_start, &job->unknown_end, &error);
  if (expression == NULL)
    {
      job->error = g_strdup (error->message);
      goto out;
    }

  if (!ws_expression_check (expression, job->vectors, &unknown, &error))
    {
      g_autoptr(GStrvBuilder) words = g_strv_builder_new ();

      job->error = g_strdup (error->message);
      for (guint i = 0; unknown != NULL && i < unknown->len; i++)
        {
          WsUnknownWord *u = g_ptr_array_index (unknown, i);

          g_strv_builder_add (words, u->word);
          if (i == 0)
            {
              job->suggestions = g_strdupv (u->suggestions);
              job->unknown_start = u->start;
              job->unknown_end = u->end;
            }
        }
      job->unknown_words = g_strv_builder_end (words);
      goto out;
    }

  /* A model whose rows stay in their file answers only from the file as
   * it was loaded; a changed file is said, not answered from. */
  if (!ws_vectors_check_file (job->vectors, &error))
    {
      job->error = g_strdup (error->message);
      goto out;
    }

  job->results = ws_expression_most_similar (expression, job->vectors, (gsize) job->marks->topn,
                                             (gsize) job->marks->restrict_vocab, &error);
  if (job->results == NULL)
    {
      job->error = g_strdup (error->message);
      goto out;
    }
  build_map (job, expression);

out:
  if (job->map == NULL)
    job->map = session_map_new ();
  g_task_return_boolean (task, TRUE);
}

static void
query_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  WsSession *self = WS_SESSION (object);
  QueryJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) items = NULL;

  if (job->seq != self->query_seq || job->vectors != self->vectors)
    return;  /* a newer query or another model */

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; job->results != NULL && i < job->results->len; i++)
    {
      const WsScored *s = &g_array_index (job->results, WsScored, i);
      g_ptr_array_add (items, ws_result_item_new (i + 1, ws_vectors_get_word (self->vectors, s->row),
                                                  s->score));
    }
  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       items->pdata, items->len);

  g_strfreev (self->unknown_words);
  self->unknown_words = g_steal_pointer (&job->unknown_words);
  g_strfreev (self->suggestions);
  self->suggestions = g_steal_pointer (&job->suggestions);
  self->unknown_start = job->unknown_start;
  self->unknown_end = job->unknown_end;
  set_string (self, &self->query_error, job->error, PROP_QUERY_ERROR);
  session_map_free (self->map);
  self->map = g_steal_pointer (&job->map);
  g_clear_pointer (&self->scene, ws_plot_scene_unref);
  self->scene = g_steal_pointer (&job->scene);
  set_busy (self, FALSE);

  g_signal_emit (self, signals[MAP_CHANGED], 0);
  g_signal_emit (self, signals[QUERY_FINISHED], 0);
}

static void
clear_marks (WsSession *self)
{
  WsSceneFile *marks = self->marks;
  gboolean had = marks->pinned[0] != NULL || marks->hidden[0] != NULL ||
                 marks->highlights[0] != NULL || marks->annotations->len > 0;

  g_strfreev (marks->pinned);
  marks->pinned = g_new0 (char *, 1);
  g_strfreev (marks->hidden);
  marks->hidden = g_new0 (char *, 1);
  g_strfreev (marks->highlights);
  marks->highlights = g_new0 (char *, 1);
  g_array_set_size (marks->annotations, 0);
  if (had)
    g_signal_emit (self, signals[MARKS_CHANGED], 0);
}

void
ws_session_run_query (WsSession  *self,
                      const char *text)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *stripped = NULL;
  QueryJob *job;

  g_return_if_fail (WS_IS_SESSION (self));
  g_return_if_fail (text != NULL);

  stripped = g_strstrip (g_strdup (text));
  /* A new question starts a new figure; the same one asked again (of
   * another model, another projection) keeps its marks. */
  if (g_strcmp0 (stripped, self->query) != 0)
    clear_marks (self);
  set_string (self, &self->query, stripped, PROP_QUERY);
  self->query_seq++;

  if (self->vectors == NULL || *stripped == '\0')
    {
      clear_results (self);
      /* Enter never does nothing: say why there is no answer. */
      if (self->vectors == NULL && *stripped != '\0')
        set_string (self, &self->query_error,
                    self->load_job != NULL
                      ? _("The model is still loading: the query runs once it is in")
                      : _("No model is open: open one with the Open button (Ctrl+O)"),
                    PROP_QUERY_ERROR);
      set_busy (self, FALSE);
      g_signal_emit (self, signals[QUERY_FINISHED], 0);
      return;
    }

  job = g_new0 (QueryJob, 1);
  job->vectors = g_object_ref (self->vectors);
  job->text = g_strdup (stripped);
  job->model_title = g_strdup (self->title);
  job->neighbors = self->neighbors;
  job->projection = g_strdup (self->projection);
  job->marks = ws_scene_file_copy (self->marks);
  job->seq = self->query_seq;

  set_busy (self, TRUE);
  task = g_task_new (self, NULL, query_done, NULL);
  g_task_set_source_tag (task, ws_session_run_query);
  g_task_set_task_data (task, job, (GDestroyNotify) query_job_free);
  g_task_run_in_thread (task, query_thread);
}

const char *
ws_session_get_query (WsSession *self)
{
  g_return_val_if_fail (WS_IS_SESSION (self), NULL);
  return self->query;
}

gboolean
ws_session_get_busy (WsSession *self)
{
  g_return_val_if_fail (WS_IS_SESSION (self), FALSE);
  return self->busy;
}

GListModel *
ws_session_get_results (WsSession *self)
{
  g_return_val_if_fail (WS_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->results);
}

const char *
ws_session_get_query_error (WsSession *self)
{
  g_return_val_if_fail (WS_IS_SESSION (self), NULL);
  return self->query_error;
}

const char * const *
ws_session_get_unknown_words (WsSession *self)
{
  g_return_val_if_fail (WS_IS_SESSION (self), NULL);
  return self->unknown_words != NULL ? (const char * const *) self->unknown_words : empty_strv;
}

const char * const *
ws_session_get_suggestions (WsSession *self)
{
  g_return_val_if_fail (WS_IS_SESSION (self), NULL);
  return self->suggestions != NULL ? (const char * const *) self->suggestions : empty_strv;
}

const WsSessionMap *
ws_session_get_map (WsSession *self)
{
  g_return_val_if_fail (WS_IS_SESSION (self), NULL);
  return self->map;
}

guint
ws_session_get_neighbors (WsSession *self)
{
  g_return_val_if_fail (WS_IS_SESSION (self), 0);
  return self->neighbors;
}

void
ws_session_set_neighbors (WsSession *self,
                          guint      neighbors)
{
  g_return_if_fail (WS_IS_SESSION (self));

  if (self->neighbors == neighbors)
    return;
  self->neighbors = neighbors;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEIGHBORS]);
  if (self->query != NULL && *self->query != '\0')
    ws_session_run_query (self, self->query);
}

const char *
ws_session_get_projection (WsSession *self)
{
  g_return_val_if_fail (WS_IS_SESSION (self), NULL);
  return self->projection;
}

void
ws_session_set_projection (WsSession  *self,
                           const char *projection)
{
  g_return_if_fail (WS_IS_SESSION (self));

  if (projection == NULL || (strcmp (projection, "local") != 0 &&
                             strcmp (projection, "analogy") != 0 &&
                             strcmp (projection, "global") != 0))
    projection = "local";
  if (g_strcmp0 (self->projection, projection) == 0)
    return;
  g_free (self->projection);
  self->projection = g_strdup (projection);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECTION]);
  if (self->query != NULL && *self->query != '\0')
    ws_session_run_query (self, self->query);
}

GStrv
ws_session_suggest (WsSession  *self,
                    const char *word,
                    guint       max)
{
  g_return_val_if_fail (WS_IS_SESSION (self), NULL);
  g_return_val_if_fail (word != NULL, NULL);

  if (self->vectors == NULL)
    return g_new0 (char *, 1);
  return ws_suggest (self->vectors, word, max);
}

gboolean
ws_session_similarity (WsSession   *self,
                       const char  *word1,
                       const char  *word2,
                       float       *similarity,
                       GError     **error)
{
  g_return_val_if_fail (WS_IS_SESSION (self), FALSE);

  if (self->vectors == NULL)
    {
      g_set_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_EMPTY, _("No model is open"));
      return FALSE;
    }
  return ws_similarity (self->vectors, word1, word2, similarity, error);
}

WsPlotScene *
ws_session_get_scene (WsSession *self)
{
  g_return_val_if_fail (WS_IS_SESSION (self), NULL);
  return self->scene;
}

gboolean
ws_session_get_unknown_span (WsSession *self,
                             gsize     *start,
                             gsize     *end)
{
  g_return_val_if_fail (WS_IS_SESSION (self), FALSE);

  if (self->query_error == NULL || self->unknown_end <= self->unknown_start)
    return FALSE;
  *start = self->unknown_start;
  *end = self->unknown_end;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The figure: marks, notes and the scene file                         */

static gboolean
strv_has (char **strv,
          const char *word)
{
  return g_strv_contains ((const char * const *) strv, word);
}

/* @strv with @word added or taken out. */
static void
strv_set (char       ***strv,
          const char   *word,
          gboolean      on)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; (*strv)[i] != NULL; i++)
    if (strcmp ((*strv)[i], word) != 0)
      g_strv_builder_add (builder, (*strv)[i]);
  if (on)
    g_strv_builder_add (builder, word);
  g_strfreev (*strv);
  *strv = g_strv_builder_end (builder);
}

static char ***
mark_list (WsSession    *self,
           WsSessionMark mark)
{
  switch (mark)
    {
    case WS_SESSION_MARK_PINNED:
      return &self->marks->pinned;
    case WS_SESSION_MARK_HIDDEN:
      return &self->marks->hidden;
    case WS_SESSION_MARK_HIGHLIGHTED:
    default:
      return &self->marks->highlights;
    }
}

gboolean
ws_session_get_mark (WsSession     *self,
                     const char    *word,
                     WsSessionMark  mark)
{
  g_return_val_if_fail (WS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (word != NULL, FALSE);

  return strv_has (*mark_list (self, mark), word);
}

void
ws_session_set_mark (WsSession     *self,
                     const char    *word,
                     WsSessionMark  mark,
                     gboolean       on)
{
  char ***list;

  g_return_if_fail (WS_IS_SESSION (self));
  g_return_if_fail (word != NULL);

  list = mark_list (self, mark);
  if (strv_has (*list, word) == !!on)
    return;
  strv_set (list, word, on);
  /* A hidden word is not pinned, and the other way round. */
  if (on && mark == WS_SESSION_MARK_PINNED)
    strv_set (mark_list (self, WS_SESSION_MARK_HIDDEN), word, FALSE);
  else if (on && mark == WS_SESSION_MARK_HIDDEN)
    strv_set (mark_list (self, WS_SESSION_MARK_PINNED), word, FALSE);

  if (mark == WS_SESSION_MARK_HIGHLIGHTED)
    {
      /* The map stays; only its point's ring changes. */
      int i = self->scene != NULL ? ws_plot_scene_find_point (self->scene, word) : -1;

      if (i >= 0)
        {
          WsPlotPointFlags flags = ws_plot_scene_get_point (self->scene, i)->flags;
          ws_plot_scene_set_point_flags (self->scene, i, on ? flags | WS_PLOT_POINT_HIGHLIGHTED
                                                            : flags & ~WS_PLOT_POINT_HIGHLIGHTED);
        }
      g_signal_emit (self, signals[MARKS_CHANGED], 0);
    }
  else
    {
      /* Pinned and hidden words change the points: a new map. */
      g_signal_emit (self, signals[MARKS_CHANGED], 0);
      if (self->query != NULL && *self->query != '\0')
        ws_session_run_query (self, self->query);
    }
}

guint
ws_session_get_n_annotations (WsSession *self)
{
  g_return_val_if_fail (WS_IS_SESSION (self), 0);
  return self->marks->annotations->len;
}

const WsPlotAnnotation *
ws_session_get_annotation (WsSession *self,
                           guint      index)
{
  g_return_val_if_fail (WS_IS_SESSION (self), NULL);
  g_return_val_if_fail (index < self->marks->annotations->len, NULL);
  return &g_array_index (self->marks->annotations, WsPlotAnnotation, index);
}

/* The scene's notes are the marks' in the same order (the builder copies
 * them), so an index names the same note in both. */
guint
ws_session_add_annotation (WsSession              *self,
                           const WsPlotAnnotation *annotation)
{
  WsPlotAnnotation copy;

  g_return_val_if_fail (WS_IS_SESSION (self), 0);
  g_return_val_if_fail (annotation != NULL && annotation->text != NULL, 0);

  copy = *annotation;
  copy.word = g_strdup (annotation->word);
  copy.text = g_strdup (annotation->text);
  g_array_append_val (self->marks->annotations, copy);
  if (self->scene != NULL)
    ws_plot_scene_add_annotation (self->scene, annotation);
  g_signal_emit (self, signals[MARKS_CHANGED], 0);
  return self->marks->annotations->len - 1;
}

void
ws_session_set_annotation (WsSession              *self,
                           guint                   index,
                           const WsPlotAnnotation *annotation)
{
  WsPlotAnnotation copy, *slot;

  g_return_if_fail (WS_IS_SESSION (self));
  g_return_if_fail (annotation != NULL && annotation->text != NULL);
  g_return_if_fail (index < self->marks->annotations->len);

  /* Copied first: @annotation may be the one replaced. */
  copy = *annotation;
  copy.word = g_strdup (annotation->word);
  copy.text = g_strdup (annotation->text);
  slot = &g_array_index (self->marks->annotations, WsPlotAnnotation, index);
  g_free (slot->word);
  g_free (slot->text);
  *slot = copy;
  if (self->scene != NULL && index < ws_plot_scene_get_n_annotations (self->scene))
    ws_plot_scene_set_annotation (self->scene, index, slot);
  g_signal_emit (self, signals[MARKS_CHANGED], 0);
}

void
ws_session_remove_annotation (WsSession *self,
                              guint      index)
{
  g_return_if_fail (WS_IS_SESSION (self));
  g_return_if_fail (index < self->marks->annotations->len);

  g_array_remove_index (self->marks->annotations, index);
  if (self->scene != NULL && index < ws_plot_scene_get_n_annotations (self->scene))
    ws_plot_scene_remove_annotation (self->scene, index);
  g_signal_emit (self, signals[MARKS_CHANGED], 0);
}

WsSceneFile *
ws_session_get_scene_file (WsSession  *self,
                           GError    **error)
{
  g_autoptr(WsSceneFile) scene = NULL;
  const char *path;

  g_return_val_if_fail (WS_IS_SESSION (self), NULL);

  scene = ws_scene_file_copy (self->marks);
  g_clear_pointer (&scene->words, g_strfreev);
  g_free (scene->query);
  scene->query = g_strdup (self->query != NULL ? self->query : "");
  if (!ws_projection_method_from_string (self->projection, &scene->method))
    scene->method = WS_PROJECTION_LOCAL;
  scene->neighbors = self->neighbors;
  /* A model in memory (the tests') has no file to name. */
  path = self->vectors != NULL ? ws_vectors_get_path (self->vectors) : NULL;
  if (path != NULL && !ws_scene_file_set_model (scene, path, 0, self->vectors, error))
    return NULL;
  return g_steal_pointer (&scene);
}

void
ws_session_apply_scene_file (WsSession         *self,
                             const WsSceneFile *scene)
{
  g_autofree char *text = NULL;
  const char *method;

  g_return_if_fail (WS_IS_SESSION (self));
  g_return_if_fail (scene != NULL);

  ws_scene_file_free (self->marks);
  self->marks = ws_scene_file_copy (scene);
  /* The query goes first, so that running it keeps the marks. */
  text = g_strstrip (ws_scene_file_get_query_text (scene));
  set_string (self, &self->query, text, PROP_QUERY);
  if (self->neighbors != scene->neighbors)
    {
      self->neighbors = (guint) MIN (scene->neighbors, G_MAXUINT);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEIGHBORS]);
    }
  method = ws_projection_method_to_string (scene->method);
  if (g_strcmp0 (self->projection, method) != 0)
    {
      g_free (self->projection);
      self->projection = g_strdup (method);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECTION]);
    }
  g_signal_emit (self, signals[MARKS_CHANGED], 0);
  ws_session_run_query (self, text);
}
