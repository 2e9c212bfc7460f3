/* ws-plot-metadata.h: a text carried inside an exported PNG, SVG or PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every figure Wordspace exports carries the scene it was drawn from, so
 * that the figure alone rebuilds it. The renderer does not know what the
 * text says (the scene file is src/scene's business); it only puts it into
 * the file and finds it again:
 *
 *  - PNG: an uncompressed iTXt chunk with the keyword "wordspace-scene"
 *    just before IEND. Uncompressed, so the bytes don't depend on the
 *    zlib version; iTXt, as the text is UTF-8.
 *  - SVG: <metadata><wordspace:scene xmlns:wordspace="…">text</…></metadata>
 *    right after the opening <svg> tag, the text escaped as XML.
 *  - PDF: the document information's Keywords, "wordspace-scene:" and the
 *    text in base64. cairo 1.16 can embed no file and no custom key, and
 *    it writes a string with non-ASCII or parentheses as UTF-16 or with
 *    escapes; base64 keeps it one plain ASCII literal that any PDF tool
 *    shows and that is found again without a PDF parser.
 */
#pragma once

#include <glib.h>

#include "ws-plot-export.h"

G_BEGIN_DECLS

#define WS_PLOT_METADATA_KEYWORD "wordspace-scene"

/* The format @data starts like (PNG signature, "%PDF-", or an XML/SVG
 * start), FALSE when none. */
gboolean ws_plot_format_sniff           (const guint8  *data,
                                         gsize          length,
                                         WsPlotFormat  *format);

/* @file (a PNG or SVG as cairo wrote it) with @text added; errors with
 * WS_PLOT_ERROR_DRAW when @file is not shaped as expected. */
GBytes  *ws_plot_metadata_embed         (GBytes        *file,
                                         WsPlotFormat   format,
                                         const char    *text,
                                         GError       **error);
/* The Keywords value that carries @text in a PDF. */
char    *ws_plot_metadata_pdf_keywords  (const char    *text);

/* The text an exported figure carries. @name names the file in messages.
 * Errors: WS_PLOT_ERROR_FORMAT when @data is no PNG, SVG or PDF;
 * WS_PLOT_ERROR_NO_SCENE when it carries none (not made by Wordspace, or
 * stripped by an optimiser); WS_PLOT_ERROR_MALFORMED when the carrier is
 * damaged (bad CRC, truncated chunk, bad base64, invalid UTF-8), with the
 * byte offset. */
char    *ws_plot_metadata_extract       (const guint8  *data,
                                         gsize          length,
                                         const char    *name,
                                         GError       **error);

G_END_DECLS
