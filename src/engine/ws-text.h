/* ws-text.h: bytes read from files, as text and in messages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The UTF-8 byte order mark some Windows editors put first in a file. */
#define WS_UTF8_BOM "\xEF\xBB\xBF"

/* 3 when the @len bytes at @data begin with a UTF-8 byte order mark, else
 * 0: the readers skip it at the very start of a file, and nowhere else. */
gsize  ws_text_bom_length (const char *data,
                           gsize       len);

/* Bytes from a file as a message can quote them: always valid UTF-8 with
 * no control character. Printable UTF-8 stays as it is; a byte that is
 * not valid UTF-8, a control character (C0, DEL, C1) and a backslash are
 * written as \xNN (backslash as \\), so the bytes can still be told
 * apart. At most @max_chars characters of the input are shown, and "…"
 * marks a cut; 0 means no limit. */
char  *ws_text_escape     (const char *data,
                           gsize       len,
                           gsize       max_chars);

G_END_DECLS
