/* ws-result-item.c: one row of the results list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wordspace"

#include "config.h"

#include "ws-result-item.h"

#include "ws-plot-render.h"

struct _WsResultItem
{
  GObject  parent_instance;
  guint    rank;
  char    *word;
  double   score;
};

G_DEFINE_FINAL_TYPE (WsResultItem, ws_result_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RANK,
  PROP_WORD,
  PROP_SCORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ws_result_item_finalize (GObject *object)
{
  WsResultItem *self = WS_RESULT_ITEM (object);

  g_free (self->word);

  G_OBJECT_CLASS (ws_result_item_parent_class)->finalize (object);
}

static void
ws_result_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  WsResultItem *self = WS_RESULT_ITEM (object);

  switch (prop_id)
    {
    case PROP_RANK:
      g_value_set_uint (value, self->rank);
      break;
    case PROP_WORD:
      g_value_set_string (value, self->word);
      break;
    case PROP_SCORE:
      g_value_set_double (value, self->score);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ws_result_item_class_init (WsResultItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ws_result_item_finalize;
  object_class->get_property = ws_result_item_get_property;

  properties[PROP_RANK] =
    g_param_spec_uint ("rank", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_WORD] =
    g_param_spec_string ("word", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCORE] =
    g_param_spec_double ("score", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ws_result_item_init (WsResultItem *self)
{
}

WsResultItem *
ws_result_item_new (guint       rank,
                    const char *word,
                    double      score)
{
  WsResultItem *self;

  g_return_val_if_fail (word != NULL, NULL);

  self = g_object_new (WS_TYPE_RESULT_ITEM, NULL);
  self->rank = rank;
  self->word = g_strdup (word);
  self->score = score;
  return self;
}

guint
ws_result_item_get_rank (WsResultItem *self)
{
  g_return_val_if_fail (WS_IS_RESULT_ITEM (self), 0);
  return self->rank;
}

const char *
ws_result_item_get_word (WsResultItem *self)
{
  g_return_val_if_fail (WS_IS_RESULT_ITEM (self), NULL);
  return self->word;
}

double
ws_result_item_get_score (WsResultItem *self)
{
  g_return_val_if_fail (WS_IS_RESULT_ITEM (self), 0.0);
  return self->score;
}

char *
ws_result_item_format_score (WsResultItem *self)
{
  g_return_val_if_fail (WS_IS_RESULT_ITEM (self), NULL);
  return ws_plot_format_cosine (self->score);
}
