/* ws-similarity-private.h: how ws-similarity scans, for tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ws-similarity.h"

G_BEGIN_DECLS

/* How ws_most_similar (), ws_similar_by_vector () and ws_neighbors () find
 * their top k. Every mode gives the same answer, element by element:
 * - AUTO: the quantized scan when it pays (many rows, small k), else EXACT;
 * - EXACT: every row scored in float32;
 * - QUANTIZED: the quantized scan whenever it can answer at all (tests use
 *   it to exercise it on small models).
 * The quantized scan bounds every row's cosine from the int8 codes of
 * ws_vectors_get_quantized () and scores in float32, with the same kernel
 * as EXACT, only the rows whose bound can reach the k-th best. */
typedef enum
{
  WS_SCAN_AUTO,
  WS_SCAN_EXACT,
  WS_SCAN_QUANTIZED,
} WsScanMode;

/* Process-wide; meant for tests and benchmarks. */
void  ws_similarity_set_scan_mode       (WsScanMode mode);
/* Threads for the quantized most_similar scan over 262,144 rows or more
 * (8,192 with WS_SCAN_QUANTIZED): 1 or 2; 0, the default, is 2 on a machine
 * of two cores or more. Process-wide. */
void  ws_similarity_set_scan_threads    (guint      n_threads);
/* How many rows the last quantized scan scored in float32, or -1 when the
 * last query scanned exactly. */
gint  ws_similarity_get_last_candidates (void);

/* For tests: runs every int8 kernel this CPU has (portable, AVX2, AVX-VNNI)
 * on @n_rows rows of @codes (values in [-127, 127], @stride a multiple of
 * 16) against @query; returns how many kernels ran, or 0 when any disagrees
 * with the portable one. */
guint ws_similarity_compare_i8_kernels (const gint8 *codes,
                                        gsize        stride,
                                        gsize        n_rows,
                                        const gint8 *query);

G_END_DECLS
