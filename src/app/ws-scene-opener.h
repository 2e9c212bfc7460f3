/* ws-scene-opener.h: finds the model a scene was made with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Before a scene is shown, its model must be the one it names. When the
 * file is missing or has changed, a dialog says which file was expected
 * and offers "Locate…" (a file chooser whose answer is checked against the
 * fingerprint too) and, for a changed model, "Use Anyway".
 */
#pragma once

#include <adwaita.h>

#include "ws-scene-file.h"

G_BEGIN_DECLS

/* Called with the scene and the model file to load for it, or NULL for
 * "the model open now" (it is the scene's, or the scene names none).
 * Not called when the person cancels. */
typedef void (*WsSceneModelFound) (GtkWindow         *parent,
                                   const WsSceneFile *scene,
                                   const char        *model_path);

/* Checks @scene's model (taken over) against @current_model (the path of
 * the model open in @parent, or NULL) and its file, asking @parent's user
 * when it is missing or changed; then calls @found. */
void ws_scene_opener_find_model (GtkWindow         *parent,
                                 WsSceneFile       *scene,
                                 const char        *current_model,
                                 WsSceneModelFound  found);

G_END_DECLS
