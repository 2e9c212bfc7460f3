/* ws-float-parse.h: decimal text to float32, exactly as strtof rounds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parses the whole of [@start, @end) as one number, independent of the
 * locale, giving the float strtof () gives in the C locale (bit for bit;
 * "nan" and "inf" included). Hexadecimal floats are refused, as Python's
 * float () refuses them. Returns FALSE when the text is not a number. */
gboolean ws_parse_float       (const char  *start,
                               const char  *end,
                               float       *value);
/* The same for the token starting at @start and ending at the first space
 * or at @end, whichever comes first; *@token_end is set to that end either
 * way. */
gboolean ws_parse_float_token (const char  *start,
                               const char  *end,
                               const char **token_end,
                               float       *value);

G_END_DECLS
