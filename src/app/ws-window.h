/* ws-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ws-application.h"
#include "ws-scatter-plot.h"
#include "ws-session.h"

G_BEGIN_DECLS

#define WS_TYPE_WINDOW (ws_window_get_type ())
G_DECLARE_FINAL_TYPE (WsWindow, ws_window, WS, WINDOW, AdwApplicationWindow)

WsWindow      *ws_window_new              (WsApplication *application,
                                           WsSession     *session);
WsSession     *ws_window_get_session      (WsWindow      *self);
/* Loads @file in the background; the current model stays until it is in. */
void           ws_window_open_model       (WsWindow      *self,
                                           GFile         *file);

/* Opens @file: a scene (.wordspace) or a figure Wordspace exported
 * (PNG, SVG, PDF; told by its first bytes) is shown as it was saved,
 * after loading its model when it is not the one open (asking to locate
 * it when it is missing or changed); anything else is loaded as a model. */
void           ws_window_open_file        (WsWindow      *self,
                                           GFile         *file);
/* Writes the map as a scene (what Ctrl+S does once a file is chosen). */
gboolean       ws_window_save_scene       (WsWindow      *self,
                                           GFile         *file,
                                           GError       **error);
/* The figure on screen as a scene record. */
WsSceneFile   *ws_window_get_scene_file   (WsWindow      *self,
                                           GError       **error);
/* The results list as "Copy as" writes it: @format is "markdown", "csv"
 * or "python". */
char          *ws_window_get_results_text (WsWindow      *self,
                                           const char    *format);
/* The map's context menu last opened, or NULL. */
GtkPopover    *ws_window_get_context_menu (WsWindow      *self);

/* The file name an export writes: @name with @extension ("png", "svg" or
 * "pdf", the format chosen) in place of another format's extension or
 * added; with @extension NULL ("All files") @name as typed, ".png" added
 * when it has no extension. */
char          *ws_window_export_name      (const char    *name,
                                           const char    *extension);

/* Parts the GUI tests drive and read. */
GtkEditable   *ws_window_get_query_entry  (WsWindow      *self);
GtkColumnView *ws_window_get_results_view (WsWindow      *self);
WsScatterPlot *ws_window_get_plot         (WsWindow      *self);
/* The completions shown under the entry (a GtkStringList). */
GListModel    *ws_window_get_completions  (WsWindow      *self);
gboolean       ws_window_get_completion_visible (WsWindow *self);
GtkWidget     *ws_window_get_completion_popover (WsWindow *self);
/* The text of the query error bar, or NULL while it is hidden. */
const char    *ws_window_get_query_message (WsWindow     *self);
/* The suggestion buttons' labels, in order. */
GStrv          ws_window_get_suggestions  (WsWindow      *self);
/* The last load error shown to the user, or NULL. */
const char    *ws_window_get_load_error   (WsWindow      *self);
/* Fills the similarity pane's matrix for @words (space separated). */
void           ws_window_compare_words    (WsWindow      *self,
                                           const char    *words);
GtkGrid       *ws_window_get_similarity_grid (WsWindow   *self);
GtkEditable   *ws_window_get_similarity_entry (WsWindow  *self);
/* The similarity pane's message on unknown words, or NULL while hidden;
 * its button offering a known spelling, or NULL while hidden. */
const char    *ws_window_get_similarity_message (WsWindow  *self);
GtkButton     *ws_window_get_similarity_suggestion (WsWindow *self);
/* The selected word's vector as the "Copy as Text" button copies it. */
char          *ws_window_get_vector_text  (WsWindow      *self);
/* The results pane's note naming a list's word that doesn't match, or
 * NULL while it is hidden. */
const char    *ws_window_get_mismatch_note (WsWindow     *self);
/* The note that the map is not drawn in the projection chosen, or NULL
 * while it is hidden. */
const char    *ws_window_get_projection_note (WsWindow   *self);
/* The word the vector pane shows, or NULL. */
const char    *ws_window_get_vector_word  (WsWindow      *self);
/* Shows the side pane's page "results", "similarity" or "vector". */
void           ws_window_set_side_page    (WsWindow      *self,
                                           const char    *name);
/* What the loading card over the map says, or NULL while it is hidden. */
const char    *ws_window_get_load_notice  (WsWindow      *self);
/* Hides passing notices at once: the last toast ("Vector copied") and
 * the end of the last load ("Opened …"). */
void           ws_window_dismiss_notices  (WsWindow      *self);
/* FALSE in full screen. */
gboolean       ws_window_get_header_visible (WsWindow    *self);
/* The header's subtitle. */
const char    *ws_window_get_subtitle     (WsWindow      *self);

G_END_DECLS
