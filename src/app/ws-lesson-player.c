/* ws-lesson-player.c: a lesson opened in the window, and the step shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wordspace"

#include "config.h"

#include "ws-lesson-player.h"

struct _WsLessonPlayer
{
  GObject       parent_instance;
  WsLessonFile *lesson;
  guint         index;
};

G_DEFINE_FINAL_TYPE (WsLessonPlayer, ws_lesson_player, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INDEX,
  PROP_N_STEPS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ws_lesson_player_finalize (GObject *object)
{
  WsLessonPlayer *self = WS_LESSON_PLAYER (object);

  g_clear_pointer (&self->lesson, ws_lesson_file_free);
  G_OBJECT_CLASS (ws_lesson_player_parent_class)->finalize (object);
}

static void
ws_lesson_player_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  WsLessonPlayer *self = WS_LESSON_PLAYER (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    case PROP_N_STEPS:
      g_value_set_uint (value, ws_lesson_player_get_n_steps (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ws_lesson_player_class_init (WsLessonPlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ws_lesson_player_finalize;
  object_class->get_property = ws_lesson_player_get_property;

  properties[PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_STEPS] =
    g_param_spec_uint ("n-steps", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ws_lesson_player_init (WsLessonPlayer *self)
{
}

WsLessonPlayer *
ws_lesson_player_new (void)
{
  return g_object_new (WS_TYPE_LESSON_PLAYER, NULL);
}

void
ws_lesson_player_set_lesson (WsLessonPlayer *self,
                             WsLessonFile   *lesson)
{
  g_return_if_fail (WS_IS_LESSON_PLAYER (self));

  g_clear_pointer (&self->lesson, ws_lesson_file_free);
  self->lesson = lesson;
  self->index = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STEPS]);
  /* A new lesson is a new step 0, even when the last one was at 0. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDEX]);
}

WsLessonFile *
ws_lesson_player_get_lesson (WsLessonPlayer *self)
{
  g_return_val_if_fail (WS_IS_LESSON_PLAYER (self), NULL);
  return self->lesson;
}

guint
ws_lesson_player_get_n_steps (WsLessonPlayer *self)
{
  g_return_val_if_fail (WS_IS_LESSON_PLAYER (self), 0);
  return self->lesson != NULL ? ws_lesson_file_get_n_steps (self->lesson) : 0;
}

guint
ws_lesson_player_get_index (WsLessonPlayer *self)
{
  g_return_val_if_fail (WS_IS_LESSON_PLAYER (self), 0);
  return self->index;
}

WsLessonStep *
ws_lesson_player_get_step (WsLessonPlayer *self)
{
  g_return_val_if_fail (WS_IS_LESSON_PLAYER (self), NULL);
  if (self->lesson == NULL)
    return NULL;
  return ws_lesson_file_get_step (self->lesson, self->index);
}

gboolean
ws_lesson_player_go_to (WsLessonPlayer *self,
                        guint           index)
{
  guint n;

  g_return_val_if_fail (WS_IS_LESSON_PLAYER (self), FALSE);

  n = ws_lesson_player_get_n_steps (self);
  if (n == 0)
    return FALSE;
  index = MIN (index, n - 1);
  if (index == self->index)
    return FALSE;
  self->index = index;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDEX]);
  return TRUE;
}

gboolean
ws_lesson_player_next (WsLessonPlayer *self)
{
  g_return_val_if_fail (WS_IS_LESSON_PLAYER (self), FALSE);
  return ws_lesson_player_go_to (self, self->index + 1);
}

gboolean
ws_lesson_player_previous (WsLessonPlayer *self)
{
  g_return_val_if_fail (WS_IS_LESSON_PLAYER (self), FALSE);
  return self->index > 0 && ws_lesson_player_go_to (self, self->index - 1);
}
