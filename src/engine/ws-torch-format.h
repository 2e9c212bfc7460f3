/* ws-torch-format.h: a matrix written the way PyTorch 1.13 prints a tensor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text of repr (tensor) for a 2-D float32 tensor with torch's default
 * print options (precision 4, threshold 1000, edgeitems 3, linewidth 80):
 * - every value gets the same width, right-aligned: "%.4f", or "%.4e" when
 *   the nonzero magnitudes span more than a factor 1000 or one is below 1e-4
 *   or above 1e8, or "%.0f." when every value is a whole number;
 * - rows are "[a, b, c]" joined by ",\n" and indented under the first one,
 *   and a row wider than 80 columns wraps;
 * - past 1000 values, only the first and last 3 rows and columns are shown,
 *   with "..." between them, and only those values set the format;
 * - suffixes such as "requires_grad=True" follow ", " or, when the last line
 *   would pass 80 columns, go on a line of their own.
 * Numbers use '.' whatever the locale.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "tensor([[…], …])" for @n_rows × @n_cols floats (row-major), with
 * @suffix (e.g. "requires_grad=True" or "grad_fn=<EmbeddingBackward0>";
 * NULL for none) before the closing parenthesis. */
char *ws_torch_format_matrix (const float *data,
                              gsize        n_rows,
                              gsize        n_cols,
                              const char  *suffix);

G_END_DECLS
