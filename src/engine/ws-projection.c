/* ws-projection.c: words of a model placed on a 2D or 3D map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ws-projection"

#include "config.h"

#include <cblas.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ws-projection.h"

struct _WsProjection
{
  GObject             parent_instance;

  WsProjectionMethod  method;
  guint               n_components;
  gsize               n_rows;
  gsize              *rows;
  double             *coordinates;     /* n_rows × n_components */
  double              ratio[WS_PCA_MAX_COMPONENTS];
};

G_DEFINE_FINAL_TYPE (WsProjection, ws_projection, G_TYPE_OBJECT)

static void
ws_projection_finalize (GObject *object)
{
  WsProjection *self = (WsProjection *) object;

  g_free (self->rows);
  g_free (self->coordinates);

  G_OBJECT_CLASS (ws_projection_parent_class)->finalize (object);
}

static void
ws_projection_class_init (WsProjectionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ws_projection_finalize;
}

static void
ws_projection_init (WsProjection *self)
{
  for (guint c = 0; c < WS_PCA_MAX_COMPONENTS; c++)
    self->ratio[c] = NAN;
}

void
ws_projection_options_init (WsProjectionOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->method = WS_PROJECTION_LOCAL;
  options->n_components = 2;
}

static const char * const method_names[] = { "local", "global", "analogy" };

const char *
ws_projection_method_to_string (WsProjectionMethod method)
{
  g_return_val_if_fail (method <= WS_PROJECTION_ANALOGY, NULL);
  return method_names[method];
}

gboolean
ws_projection_method_from_string (const char         *name,
                                  WsProjectionMethod *method)
{
  g_return_val_if_fail (method != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (method_names); i++)
    if (g_strcmp0 (name, method_names[i]) == 0)
      {
        *method = (WsProjectionMethod) i;
        return TRUE;
      }
  return FALSE;
}

/* --- the global axes, kept with the model -------------------------------- */

typedef struct
{
  GMutex     lock;
  GPtrArray *entries;   /* GlobalEntry */
} GlobalCache;

typedef struct
{
  gsize     n_rows;
  gboolean  unit_vectors;
  WsPca    *pca;
} GlobalEntry;

static void
global_entry_free (gpointer data)
{
  GlobalEntry *entry = data;

  g_object_unref (entry->pca);
  g_free (entry);
}

static void
global_cache_free (gpointer data)
{
  GlobalCache *cache = data;

  g_mutex_clear (&cache->lock);
  g_ptr_array_unref (cache->entries);
  g_free (cache);
}

static GlobalCache *
global_cache_get (WsVectors *vectors)
{
  static GMutex create_lock;
  static GQuark quark;
  GlobalCache *cache;

  g_mutex_lock (&create_lock);
  if (quark == 0)
    quark = g_quark_from_static_string ("ws-projection-global-pca");
  cache = g_object_get_qdata (G_OBJECT (vectors), quark);
  if (cache == NULL)
    {
      cache = g_new0 (GlobalCache, 1);
      g_mutex_init (&cache->lock);
      cache->entries = g_ptr_array_new_with_free_func (global_entry_free);
      g_object_set_qdata_full (G_OBJECT (vectors), quark, cache, global_cache_free);
    }
  g_mutex_unlock (&create_lock);
  return cache;
}

/* The matrix a fit reads, and the row numbers to read in it: the raw or
 * unit matrix with @rows; or, for the unit rows of a model that keeps no
 * unit matrix, those rows copied to *@copy (freed by the caller) and NULL
 * row numbers (the first @n_rows rows when @rows is NULL). */
static const float *
fit_rows (WsVectors    *vectors,
          gboolean      unit_vectors,
          const gsize  *rows,
          gsize         n_rows,
          const gsize **fit_rows_out,
          float       **copy)
{
  gsize dim = ws_vectors_get_dim (vectors);

  *copy = NULL;
  *fit_rows_out = rows;
  if (!unit_vectors && ws_vectors_has_matrix (vectors))
    return ws_vectors_get_matrix (vectors);
  if (unit_vectors && ws_vectors_has_unit_matrix (vectors))
    return ws_vectors_get_unit_matrix (vectors);

  *copy = g_new (float, MAX (n_rows, 1) * dim);
  if (!unit_vectors)
    {
      /* Raw rows kept in the file. */
      if (rows == NULL)
        ws_vectors_rows (vectors, 0, n_rows, *copy);
      else
        for (gsize i = 0; i < n_rows; i++)
          ws_vectors_rows (vectors, rows[i], 1, *copy + i * dim);
    }
  else if (rows == NULL)
    ws_vectors_copy_unit_rows (vectors, 0, n_rows, *copy);
  else
    for (gsize i = 0; i < n_rows; i++)
      ws_vectors_copy_unit_rows (vectors, rows[i], 1, *copy + i * dim);
  *fit_rows_out = NULL;
  return *copy;
}

/* WsPcaRowsFunc: unit rows of the WsVectors @data (thread-safe). */
static const float *
unit_rows_source (gpointer  data,
                  gsize     first,
                  gsize     n_rows,
                  float    *scratch)
{
  return ws_vectors_unit_rows (data, first, n_rows, scratch);
}

/* WsPcaRowsFunc: raw rows of the WsVectors @data (thread-safe). */
static const float *
raw_rows_source (gpointer  data,
                 gsize     first,
                 gsize     n_rows,
                 float    *scratch)
{
  return ws_vectors_rows (data, first, n_rows, scratch);
}

/* The rows a global fit of @n_rows covers: all of them for 0 or too many. */
static gsize
global_rows (WsVectors *vectors,
             gsize      n_rows)
{
  gsize n_words = ws_vectors_get_n_words (vectors);

  return n_rows == 0 || n_rows > n_words ? n_words : n_rows;
}

/* The kept axes for these rows, a new reference, or NULL; @cache locked. */
static WsPca *
find_kept (GlobalCache *cache,
           gsize        n_rows,
           gboolean     unit_vectors)
{
  for (guint i = 0; i < cache->entries->len; i++)
    {
      GlobalEntry *entry = g_ptr_array_index (cache->entries, i);

      if (entry->n_rows == n_rows && entry->unit_vectors == unit_vectors)
        return g_object_ref (entry->pca);
    }
  return NULL;
}

WsPca *
ws_projection_get_global_pca (WsVectors     *vectors,
                              gsize          n_rows,
                              gboolean       unit_vectors,
                              GCancellable  *cancellable,
                              GError       **error)
{
  GlobalCache *cache;
  GlobalEntry *entry;
  WsPca *pca = NULL;

  g_return_val_if_fail (WS_IS_VECTORS (vectors), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  n_rows = global_rows (vectors, n_rows);
  unit_vectors = !!unit_vectors;

  cache = global_cache_get (vectors);
  /* Held while computing: a second caller waits for the same axes rather
   * than computing them again. */
  g_mutex_lock (&cache->lock);
  pca = find_kept (cache, n_rows, unit_vectors);
  if (pca == NULL)
    {
      /* A model that keeps no unit matrix hands its unit rows out a
       * block at a time: the same fit, without a copy of them all. */
      if (unit_vectors && !ws_vectors_has_unit_matrix (vectors))
        pca = ws_pca_fit_global_rows (unit_rows_source, vectors, n_rows,
                                      ws_vectors_get_dim (vectors), WS_PCA_MAX_COMPONENTS, 0,
                                      cancellable, error);
      else if (!unit_vectors && !ws_vectors_has_matrix (vectors))
        pca = ws_pca_fit_global_rows (raw_rows_source, vectors, n_rows,
                                      ws_vectors_get_dim (vectors), WS_PCA_MAX_COMPONENTS, 0,
                                      cancellable, error);
      else
        pca = ws_pca_fit_global (unit_vectors ? ws_vectors_get_unit_matrix (vectors)
                                              : ws_vectors_get_matrix (vectors),
                                 n_rows, ws_vectors_get_dim (vectors),
                                 WS_PCA_MAX_COMPONENTS, 0, cancellable, error);
      if (pca != NULL)
        {
          entry = g_new0 (GlobalEntry, 1);
          entry->n_rows = n_rows;
          entry->unit_vectors = unit_vectors;
          entry->pca = g_object_ref (pca);
          g_ptr_array_add (cache->entries, entry);
        }
    }
  g_mutex_unlock (&cache->lock);
  return pca;
}

WsPca *
ws_projection_peek_global_pca (WsVectors *vectors,
                               gsize      n_rows,
                               gboolean   unit_vectors)
{
  GlobalCache *cache;
  WsPca *pca;

  g_return_val_if_fail (WS_IS_VECTORS (vectors), NULL);

  cache = global_cache_get (vectors);
  if (!g_mutex_trylock (&cache->lock))
    return NULL;
  pca = find_kept (cache, global_rows (vectors, n_rows), !!unit_vectors);
  g_mutex_unlock (&cache->lock);
  return pca;
}

/* --- the projections ----------------------------------------------------- */

static gboolean
project_local (WsProjection              *self,
               WsVectors                 *vectors,
               const WsProjectionOptions *options,
               GError                   **error)
{
  g_autofree float *copy = NULL;
  const gsize *rows;
  const float *matrix = fit_rows (vectors, options->unit_vectors, self->rows, self->n_rows,
                                  &rows, &copy);
  g_autoptr(WsPca) pca = NULL;

  pca = ws_pca_fit (matrix, ws_vectors_get_dim (vectors), rows, self->n_rows,
                    self->n_components, self->coordinates, error);
  if (pca == NULL)
    return FALSE;
  memcpy (self->ratio, ws_pca_get_explained_variance_ratio (pca),
          self->n_components * sizeof (double));
  return TRUE;
}

static gboolean
project_global (WsProjection              *self,
                WsVectors                 *vectors,
                const WsProjectionOptions *options,
                GCancellable              *cancellable,
                GError                   **error)
{
  g_autofree float *copy = NULL;
  const gsize *rows;
  const float *matrix;
  g_autoptr(WsPca) pca = NULL;
  g_autofree double *all = NULL;
  guint k = self->n_components;

  pca = ws_projection_get_global_pca (vectors, options->global_rows, options->unit_vectors,
                                      cancellable, error);
  if (pca == NULL)
    return FALSE;

  /* The kept fit has WS_PCA_MAX_COMPONENTS axes; keep the first k. */
  matrix = fit_rows (vectors, options->unit_vectors, self->rows, self->n_rows, &rows, &copy);
  all = g_new (double, self->n_rows * WS_PCA_MAX_COMPONENTS + 1);
  ws_pca_transform (pca, matrix, rows, self->n_rows, all);
  for (gsize i = 0; i < self->n_rows; i++)
    for (guint c = 0; c < k; c++)
      self->coordinates[i * k + c] = all[i * WS_PCA_MAX_COMPONENTS + c];
  memcpy (self->ratio, ws_pca_get_explained_variance_ratio (pca), k * sizeof (double));
  return TRUE;
}

static gboolean
project_analogy (WsProjection              *self,
                 WsVectors                 *vectors,
                 const WsProjectionOptions *options,
                 GError                   **error)
{
  gsize d = ws_vectors_get_dim (vectors);
  g_autofree float *abc = g_new (float, 4 * d);
  const float *ua = abc, *ub = abc + d, *uc = abc + 2 * d;
  float *u = abc + 3 * d;
  g_autofree double *x = g_new (double, d);
  g_autofree double *y = g_new (double, d);
  g_autofree double *diff = g_new (double, d);
  double norm_ab, norm_ac, norm;
  guint k = self->n_components;

  for (guint t = 0; t < 3; t++)
    ws_vectors_copy_unit_rows (vectors, options->analogy[t], 1, abc + t * d);

  for (gsize j = 0; j < d; j++)
    {
      x[j] = (double) ub[j] - ua[j];
      y[j] = (double) uc[j] - ua[j];
    }
  norm_ab = cblas_dnrm2 (d, x, 1);
  norm_ac = cblas_dnrm2 (d, y, 1);
  if (!(norm_ab > 1e-6))
    {
      g_set_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_INVALID,
                   _("The analogy %s : %s has no direction: the two words point the same way"),
                   ws_vectors_get_word (vectors, options->analogy[0]),
                   ws_vectors_get_word (vectors, options->analogy[1]));
      return FALSE;
    }
  cblas_dscal (d, 1.0 / norm_ab, x, 1);
  /* Gram-Schmidt, twice for accuracy. */
  for (int pass = 0; pass < 2; pass++)
    cblas_daxpy (d, -cblas_ddot (d, x, 1, y, 1), x, 1, y, 1);
  norm = cblas_dnrm2 (d, y, 1);
  if (!(norm > 1e-6 * MAX (norm_ac, 1.0)))
    {
      g_set_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_INVALID,
                   _("The analogy %s : %s :: %s : ? has no second direction: "
                     "%s lies on the line through %s and %s"),
                   ws_vectors_get_word (vectors, options->analogy[0]),
                   ws_vectors_get_word (vectors, options->analogy[1]),
                   ws_vectors_get_word (vectors, options->analogy[2]),
                   ws_vectors_get_word (vectors, options->analogy[2]),
                   ws_vectors_get_word (vectors, options->analogy[0]),
                   ws_vectors_get_word (vectors, options->analogy[1]));
      return FALSE;
    }
  cblas_dscal (d, 1.0 / norm, y, 1);

  for (gsize i = 0; i < self->n_rows; i++)
    {
      ws_vectors_copy_unit_rows (vectors, self->rows[i], 1, u);
      for (gsize j = 0; j < d; j++)
        diff[j] = (double) u[j] - ua[j];
      self->coordinates[i * k] = cblas_ddot (d, diff, 1, x, 1);
      self->coordinates[i * k + 1] = cblas_ddot (d, diff, 1, y, 1);
    }

  if (k == 3)
    {
      /* z: the first principal component of what x and y leave. */
      g_autofree float *rest = NULL;
      g_autofree double *z = NULL;
      g_autoptr(WsPca) pca = NULL;

      if (self->n_rows < 2)
        {
          for (gsize i = 0; i < self->n_rows; i++)
            self->coordinates[i * k + 2] = 0.0;
          return TRUE;
        }
      rest = g_new (float, self->n_rows * d);
      z = g_new (double, self->n_rows);
      for (gsize i = 0; i < self->n_rows; i++)
        {
          double *p = self->coordinates + i * k;

          ws_vectors_copy_unit_rows (vectors, self->rows[i], 1, u);
          for (gsize j = 0; j < d; j++)
            rest[i * d + j] = (float) ((double) u[j] - ua[j] - p[0] * x[j] - p[1] * y[j]);
        }
      pca = ws_pca_fit (rest, d, NULL, self->n_rows, 1, z, error);
      if (pca == NULL)
        return FALSE;
      for (gsize i = 0; i < self->n_rows; i++)
        self->coordinates[i * k + 2] = z[i];
    }
  return TRUE;
}

WsProjection *
ws_projection_new (WsVectors                 *vectors,
                   const gsize               *rows,
                   gsize                      n_rows,
                   const WsProjectionOptions *options,
                   GCancellable              *cancellable,
                   GError                   **error)
{
  g_autoptr(WsProjection) self = NULL;
  gsize n_words;
  gboolean ok = FALSE;

  g_return_val_if_fail (WS_IS_VECTORS (vectors), NULL);
  g_return_val_if_fail (rows != NULL || n_rows == 0, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (options->method <= WS_PROJECTION_ANALOGY, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options->n_components != 2 && options->n_components != 3)
    {
      g_set_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_INVALID,
                   _("A projection has 2 or 3 axes, not %u"), options->n_components);
      return NULL;
    }
  n_words = ws_vectors_get_n_words (vectors);
  for (gsize i = 0; i < n_rows; i++)
    if (rows[i] >= n_words)
      {
        g_set_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_INVALID,
                     _("Row %zu is out of range: the model has %zu words"), rows[i], n_words);
        return NULL;
      }
  if (options->method == WS_PROJECTION_ANALOGY)
    for (guint r = 0; r < 3; r++)
      if (options->analogy[r] >= n_words)
        {
          g_set_error (error, WS_QUERY_ERROR, WS_QUERY_ERROR_INVALID,
                       _("Analogy row %zu is out of range: the model has %zu words"), options->analogy[r], n_words);
          return NULL;
        }

  self = g_object_new (WS_TYPE_PROJECTION, NULL);
  self->method = options->method;
  self->n_components = options->n_components;
  self->n_rows = n_rows;
  self->rows = g_memdup2 (rows, n_rows * sizeof (gsize));
  self->coordinates = g_new0 (double, n_rows * options->n_components + 1);

  switch (options->method)
    {
    case WS_PROJECTION_LOCAL:
      ok = project_local (self, vectors, options, error);
      break;
    case WS_PROJECTION_GLOBAL:
      ok = project_global (self, vectors, options, cancellable, error);
      break;
    case WS_PROJECTION_ANALOGY:
      ok = project_analogy (self, vectors, options, error);
      break;
    default:
      g_assert_not_reached ();
    }
  return ok ? g_steal_pointer (&self) : NULL;
}

WsProjectionMethod
ws_projection_get_method (WsProjection *self)
{
  g_return_val_if_fail (WS_IS_PROJECTION (self), WS_PROJECTION_LOCAL);
  return self->method;
}

gsize
ws_projection_get_n_rows (WsProjection *self)
{
  g_return_val_if_fail (WS_IS_PROJECTION (self), 0);
  return self->n_rows;
}

guint
ws_projection_get_n_components (WsProjection *self)
{
  g_return_val_if_fail (WS_IS_PROJECTION (self), 0);
  return self->n_components;
}

const gsize *
ws_projection_get_rows (WsProjection *self)
{
  g_return_val_if_fail (WS_IS_PROJECTION (self), NULL);
  return self->rows;
}

const double *
ws_projection_get_coordinates (WsProjection *self)
{
  g_return_val_if_fail (WS_IS_PROJECTION (self), NULL);
  return self->coordinates;
}

double
ws_projection_get_coordinate (WsProjection *self,
                              gsize         index,
                              guint         axis)
{
  g_return_val_if_fail (WS_IS_PROJECTION (self), NAN);
  g_return_val_if_fail (index < self->n_rows, NAN);
  g_return_val_if_fail (axis < self->n_components, NAN);
  return self->coordinates[index * self->n_components + axis];
}

double
ws_projection_get_explained_variance_ratio (WsProjection *self,
                                            guint         axis)
{
  g_return_val_if_fail (WS_IS_PROJECTION (self), NAN);
  g_return_val_if_fail (axis < self->n_components, NAN);
  return self->method == WS_PROJECTION_ANALOGY ? NAN : self->ratio[axis];
}
