/* ws-history.c: back and forward through the session's queries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ws-history.h"

/* A long session stays cheap: the oldest entries go first. */
#define MAX_ENTRIES 200

struct _WsHistory
{
  GObject    parent_instance;

  GPtrArray *entries;  /* WsSceneFile */
  int        current;  /* -1 while empty */
};

G_DEFINE_FINAL_TYPE (WsHistory, ws_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_GO_BACK,
  PROP_CAN_GO_FORWARD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ws_history_finalize (GObject *object)
{
  WsHistory *self = WS_HISTORY (object);

  g_ptr_array_unref (self->entries);
  G_OBJECT_CLASS (ws_history_parent_class)->finalize (object);
}

static void
ws_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  WsHistory *self = WS_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, ws_history_can_go_back (self));
      break;
    case PROP_CAN_GO_FORWARD:
      g_value_set_boolean (value, ws_history_can_go_forward (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ws_history_class_init (WsHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ws_history_finalize;
  object_class->get_property = ws_history_get_property;
  properties[PROP_CAN_GO_BACK] = g_param_spec_boolean ("can-go-back", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_GO_FORWARD] = g_param_spec_boolean ("can-go-forward", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ws_history_init (WsHistory *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ws_scene_file_free);
  self->current = -1;
}

WsHistory *
ws_history_new (void)
{
  return g_object_new (WS_TYPE_HISTORY, NULL);
}

/* Notifies what changed between @back/@forward before and now. */
static void
notify_moves (WsHistory *self,
              gboolean   back,
              gboolean   forward)
{
  if (back != ws_history_can_go_back (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
  if (forward != ws_history_can_go_forward (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_FORWARD]);
}

void
ws_history_push (WsHistory         *self,
                 const WsSceneFile *scene)
{
  gboolean back, forward;
  const WsSceneFile *current;

  g_return_if_fail (WS_IS_HISTORY (self));
  g_return_if_fail (scene != NULL);

  current = ws_history_get_current (self);
  if (current != NULL && g_strcmp0 (current->query, scene->query) == 0 &&
      g_strv_equal ((const char * const *) (current->words != NULL ? current->words : (char *[]) { NULL }),
                    (const char * const *) (scene->words != NULL ? scene->words : (char *[]) { NULL })))
    {
      ws_history_replace (self, scene);
      return;
    }
  back = ws_history_can_go_back (self);
  forward = ws_history_can_go_forward (self);
  if (self->current + 1 < (int) self->entries->len)
    g_ptr_array_remove_range (self->entries, self->current + 1,
                              self->entries->len - (self->current + 1));
  g_ptr_array_add (self->entries, ws_scene_file_copy (scene));
  if (self->entries->len > MAX_ENTRIES)
    g_ptr_array_remove_index (self->entries, 0);
  self->current = (int) self->entries->len - 1;
  notify_moves (self, back, forward);
}

void
ws_history_replace (WsHistory         *self,
                    const WsSceneFile *scene)
{
  g_return_if_fail (WS_IS_HISTORY (self));
  g_return_if_fail (scene != NULL);

  if (self->current < 0)
    return;
  ws_scene_file_free (self->entries->pdata[self->current]);
  self->entries->pdata[self->current] = ws_scene_file_copy (scene);
}

gboolean
ws_history_can_go_back (WsHistory *self)
{
  g_return_val_if_fail (WS_IS_HISTORY (self), FALSE);
  return self->current > 0;
}

gboolean
ws_history_can_go_forward (WsHistory *self)
{
  g_return_val_if_fail (WS_IS_HISTORY (self), FALSE);
  return self->current + 1 < (int) self->entries->len;
}

static const WsSceneFile *
go (WsHistory *self,
    int        step)
{
  gboolean back = ws_history_can_go_back (self);
  gboolean forward = ws_history_can_go_forward (self);
  int next = self->current + step;

  if (next < 0 || next >= (int) self->entries->len)
    return NULL;
  self->current = next;
  notify_moves (self, back, forward);
  return self->entries->pdata[next];
}

const WsSceneFile *
ws_history_go_back (WsHistory *self)
{
  g_return_val_if_fail (WS_IS_HISTORY (self), NULL);
  return go (self, -1);
}

const WsSceneFile *
ws_history_go_forward (WsHistory *self)
{
  g_return_val_if_fail (WS_IS_HISTORY (self), NULL);
  return go (self, 1);
}

const WsSceneFile *
ws_history_get_current (WsHistory *self)
{
  g_return_val_if_fail (WS_IS_HISTORY (self), NULL);
  return self->current >= 0 ? self->entries->pdata[self->current] : NULL;
}

guint
ws_history_get_length (WsHistory *self)
{
  g_return_val_if_fail (WS_IS_HISTORY (self), 0);
  return self->entries->len;
}
