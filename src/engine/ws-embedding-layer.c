/* ws-embedding-layer.c: a token-id → vector table, as torch.nn.Embedding
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ws-embedding-layer"

#include "config.h"

#include <cblas.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "ws-embedding-layer.h"

struct _WsEmbeddingLayer
{
  GObject        parent_instance;

  gsize          vocab_size;
  gsize          dim;
  guint64        seed;
  WsTorchKernel  kernel;
  float         *weight;                           /* vocab_size × dim */
};

G_DEFINE_FINAL_TYPE (WsEmbeddingLayer, ws_embedding_layer, G_TYPE_OBJECT)

G_DEFINE_QUARK (ws-embedding-layer-error-quark, ws_embedding_layer_error)

static void
ws_embedding_layer_finalize (GObject *object)
{
  WsEmbeddingLayer *self = WS_EMBEDDING_LAYER (object);

  g_free (self->weight);

  G_OBJECT_CLASS (ws_embedding_layer_parent_class)->finalize (object);
}

static void
ws_embedding_layer_class_init (WsEmbeddingLayerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ws_embedding_layer_finalize;
}

static void
ws_embedding_layer_init (WsEmbeddingLayer *self)
{
}

static guint64
saturating_mul (guint64 a,
                guint64 b)
{
  guint64 product;

  return g_uint64_checked_mul (&product, a, b) ? product : G_MAXUINT64;
}

void
ws_embedding_cost_init (WsEmbeddingCost *cost,
                        guint64          vocab_size,
                        guint64          dim,
                        guint64          n_ids)
{
  g_return_if_fail (cost != NULL);

  cost->n_ids = n_ids;
  cost->lookup_multiplications = 0;
  cost->lookup_copies = saturating_mul (n_ids, dim);
  cost->one_hot_entries = saturating_mul (n_ids, vocab_size);
  cost->one_hot_multiplications = saturating_mul (cost->one_hot_entries, dim);
  cost->one_hot_additions = vocab_size > 0
    ? saturating_mul (saturating_mul (n_ids, vocab_size - 1), dim) : 0;
}

static gboolean
is_separator (char c)
{
  return c == ',' || g_ascii_isspace (c);
}

gint64 *
ws_embedding_layer_parse_ids (const char  *text,
                              gsize       *n_ids,
                              GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *p = text;
  const char *end;
  gboolean bracketed = FALSE;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (n_ids != NULL, NULL);

  *n_ids = 0;
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '[')
    {
      bracketed = TRUE;
      p++;
    }
  end = p + strlen (p);
  while (end > p && g_ascii_isspace (end[-1]))
    end--;
  if (bracketed)
    {
      if (end == p || end[-1] != ']')
        {
          g_set_error (error, WS_EMBEDDING_LAYER_ERROR, WS_EMBEDDING_LAYER_ERROR_ID_SYNTAX,
                       _("Token ids: the “[” at byte %d is not closed by a “]”"),
                       (int) (p - 1 - text));
          return NULL;
        }
      end--;
    }

  while (p < end)
    {
      const char *start;
      guint64 value = 0;

      while (p < end && is_separator (*p))
        p++;
      if (p == end)
        break;
      start = p;
      while (p < end && g_ascii_isdigit (*p))
        {
          guint digit = *p - '0';

          if (value > ((guint64) G_MAXINT64 - digit) / 10)
            {
              g_set_error (error, WS_EMBEDDING_LAYER_ERROR, WS_EMBEDDING_LAYER_ERROR_ID_RANGE,
                           _("Token ids: the number at byte %d is too large"),
                           (int) (start - text));
              return NULL;
            }
          value = value * 10 + digit;
          p++;
        }
      if (p == start || (p < end && !is_separator (*p)))
        {
          const char *stop = p;
          g_autofree char *word = NULL;

          while (stop < end && !is_separator (*stop))
            stop++;
          word = g_strndup (start, stop - start);
          g_set_error (error, WS_EMBEDDING_LAYER_ERROR, WS_EMBEDDING_LAYER_ERROR_ID_SYNTAX,
                       _("Token ids: “%s” at byte %d is not a whole number ≥ 0 "
                         "(write ids as 2,3,5,1)"),
                       word, (int) (start - text));
          return NULL;
        }
      g_array_append_val (ids, value);
    }

  *n_ids = ids->len;
  if (ids->len == 0)
    return NULL;
  return (gint64 *) g_array_free (g_steal_pointer (&ids), FALSE);
}

WsEmbeddingLayer *
ws_embedding_layer_new_torch (gsize           vocab_size,
                              gsize           dim,
                              guint64         seed,
                              WsTorchKernel   kernel,
                              GError        **error)
{
  g_autoptr(WsEmbeddingLayer) self = NULL;
  g_autoptr(WsTorchGenerator) generator = NULL;
  gsize n;

  if (vocab_size == 0 || dim == 0)
    {
      g_set_error (error, WS_EMBEDDING_LAYER_ERROR, WS_EMBEDDING_LAYER_ERROR_SIZE,
                   _("An embedding layer needs a vocabulary size and a dimension of at "
                     "least 1 (got %zu × %zu)"),
                   vocab_size, dim);
      return NULL;
    }

  self = g_object_new (WS_TYPE_EMBEDDING_LAYER, NULL);
  if (g_size_checked_mul (&n, vocab_size, dim) && n <= G_MAXSIZE / sizeof (float))
    self->weight = g_try_new (float, n);
  if (self->weight == NULL)
    {
      g_set_error (error, WS_EMBEDDING_LAYER_ERROR, WS_EMBEDDING_LAYER_ERROR_SIZE,
                   _("An embedding layer of %zu × %zu"
                     " weights does not fit in memory"),
                   vocab_size, dim);
      return NULL;
    }
  self->vocab_size = vocab_size;
  self->dim = dim;
  self->seed = seed;
  self->kernel = kernel;

  generator = ws_torch_generator_new (seed);
  ws_torch_generator_normal_fill (generator, kernel, self->weight, n, 0.0f, 1.0f);
  return g_steal_pointer (&self);
}

gsize
ws_embedding_layer_get_vocab_size (WsEmbeddingLayer *self)
{
  g_return_val_if_fail (WS_IS_EMBEDDING_LAYER (self), 0);
  return self->vocab_size;
}

gsize
ws_embedding_layer_get_dim (WsEmbeddingLayer *self)
{
  g_return_val_if_fail (WS_IS_EMBEDDING_LAYER (self), 0);
  return self->dim;
}

guint64
ws_embedding_layer_get_seed (WsEmbeddingLayer *self)
{
  g_return_val_if_fail (WS_IS_EMBEDDING_LAYER (self), 0);
  return self->seed;
}

WsTorchKernel
ws_embedding_layer_get_kernel (WsEmbeddingLayer *self)
{
  g_return_val_if_fail (WS_IS_EMBEDDING_LAYER (self), WS_TORCH_KERNEL_VECTOR);
  return self->kernel;
}

const float *
ws_embedding_layer_get_weight (WsEmbeddingLayer *self)
{
  g_return_val_if_fail (WS_IS_EMBEDDING_LAYER (self), NULL);
  return self->weight;
}

const float *
ws_embedding_layer_get_row (WsEmbeddingLayer *self,
                            gsize             id)
{
  g_return_val_if_fail (WS_IS_EMBEDDING_LAYER (self), NULL);
  g_return_val_if_fail (id < self->vocab_size, NULL);
  return self->weight + id * self->dim;
}

gboolean
ws_embedding_layer_check_ids (WsEmbeddingLayer  *self,
                              const gint64      *ids,
                              gsize              n_ids,
                              GError           **error)
{
  g_return_val_if_fail (WS_IS_EMBEDDING_LAYER (self), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);

  for (gsize k = 0; k < n_ids; k++)
    {
      if (ids[k] < 0 || (guint64) ids[k] >= (guint64) self->vocab_size)
        {
          g_set_error (error, WS_EMBEDDING_LAYER_ERROR, WS_EMBEDDING_LAYER_ERROR_ID_RANGE,
                       _("Token id %" PRId64 " (number %zu"
                         " in the list) is out of range: a vocabulary of %zu"
                         " has ids 0 to %zu"),
                       ids[k], k + 1, self->vocab_size, self->vocab_size - 1);
          return FALSE;
        }
    }
  return TRUE;
}

/* n_ids × @columns floats, or NULL with an error when that is too many. */
static float *
new_matrix (gsize     n_ids,
            gsize     columns,
            GError  **error)
{
  gsize n;
  float *matrix = NULL;

  if (g_size_checked_mul (&n, n_ids, columns) && n <= G_MAXSIZE / sizeof (float))
    matrix = g_try_new0 (float, MAX (n, 1));
  if (matrix == NULL)
    g_set_error (error, WS_EMBEDDING_LAYER_ERROR, WS_EMBEDDING_LAYER_ERROR_SIZE,
                 _("A matrix of %zu × %zu"
                   " floats does not fit in memory"),
                 n_ids, columns);
  return matrix;
}

float *
ws_embedding_layer_lookup (WsEmbeddingLayer  *self,
                           const gint64      *ids,
                           gsize              n_ids,
                           GError           **error)
{
  float *rows;

  g_return_val_if_fail (WS_IS_EMBEDDING_LAYER (self), NULL);

  if (!ws_embedding_layer_check_ids (self, ids, n_ids, error))
    return NULL;
  rows = new_matrix (n_ids, self->dim, error);
  if (rows == NULL)
    return NULL;
  for (gsize k = 0; k < n_ids; k++)
    memcpy (rows + k * self->dim, self->weight + ids[k] * self->dim,
            self->dim * sizeof (float));
  return rows;
}

float *
ws_embedding_layer_one_hot (WsEmbeddingLayer  *self,
                            const gint64      *ids,
                            gsize              n_ids,
                            GError           **error)
{
  float *one_hot;

  g_return_val_if_fail (WS_IS_EMBEDDING_LAYER (self), NULL);

  if (!ws_embedding_layer_check_ids (self, ids, n_ids, error))
    return NULL;
  one_hot = new_matrix (n_ids, self->vocab_size, error);
  if (one_hot == NULL)
    return NULL;
  for (gsize k = 0; k < n_ids; k++)
    one_hot[k * self->vocab_size + ids[k]] = 1.0f;
  return one_hot;
}

float *
ws_embedding_layer_one_hot_product (WsEmbeddingLayer  *self,
                                    const gint64      *ids,
                                    gsize              n_ids,
                                    GError           **error)
{
  g_autofree float *one_hot = NULL;
  float *product;

  g_return_val_if_fail (WS_IS_EMBEDDING_LAYER (self), NULL);

  one_hot = ws_embedding_layer_one_hot (self, ids, n_ids, error);
  if (one_hot == NULL)
    return NULL;
  product = new_matrix (n_ids, self->dim, error);
  if (product == NULL || n_ids == 0)
    return product;
  /* BLAS counts in int; matrices past that do not fit in memory anyway. */
  if (self->vocab_size > G_MAXINT || self->dim > G_MAXINT || n_ids > G_MAXINT)
    {
      g_set_error (error, WS_EMBEDDING_LAYER_ERROR, WS_EMBEDDING_LAYER_ERROR_SIZE,
                   _("The one-hot product of %zu ids and %zu"
                     " × %zu weights is too large to compute"),
                   n_ids, self->vocab_size, self->dim);
      g_free (product);
      return NULL;
    }
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans,
               (int) n_ids, (int) self->dim, (int) self->vocab_size,
               1.0f, one_hot, (int) self->vocab_size,
               self->weight, (int) self->dim,
               0.0f, product, (int) self->dim);
  return product;
}
