/* fuzz-common.h: what the fuzz harnesses share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each harness defines LLVMFuzzerTestOneInput (). It is linked either with
 * libFuzzer (the "fuzzing" build option, clang) or with fuzz-replay.c, which
 * feeds it every file of a corpus folder (the "fuzz" test suite).
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "ws-vectors.h"

G_BEGIN_DECLS

int         LLVMFuzzerTestOneInput   (const uint8_t *data,
                                      size_t         size);

/* Makes criticals fatal and creates the per-process temporary folder (also
 * XDG_CACHE_HOME, so no cache outside it is touched), removed at exit.
 * Safe to call on every input. */
void        ws_fuzz_init             (void);
const char *ws_fuzz_tmpdir           (void);
/* Writes @size bytes to @name in the temporary folder, replacing it, and
 * returns its path (owned by the caller). */
char       *ws_fuzz_write_file       (const char    *name,
                                      const uint8_t *data,
                                      size_t         size);
/* Reads what a loaded model offers for its first rows: words, lookups,
 * rows, unit rows, norms and a neighbour query, so that a model that loads
 * but is inconsistent shows up under the sanitizers. @parsed: it was parsed
 * from a vector file (not mapped from a cache), so every word must be
 * valid UTF-8 and be found at its own row. */
void        ws_fuzz_use_vectors      (WsVectors     *vectors,
                                      gboolean       parsed);

G_END_DECLS
