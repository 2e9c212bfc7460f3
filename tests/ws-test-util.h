/* ws-test-util.h: what the test programs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The folder of shared test vector files ($WS_TESTDATA), or NULL when it is
 * absent. */
const char *ws_test_data_dir          (void);
/* Path of @name in the shared test data; when the folder is absent, marks
 * the current test skipped and returns NULL. */
char       *ws_test_data_path         (const char *name);
/* Ends the whole program as skipped (TAP "1..0 # SKIP", exit 0) when the
 * shared test data is absent. Call before g_test_run (). */
void        ws_test_require_data      (void);
/* A fresh temporary folder, removed with its files at exit. */
const char *ws_test_tmpdir            (void);
/* Writes @len bytes to @name in ws_test_tmpdir () and returns its path. */
char       *ws_test_write_file        (const char *name,
                                       const void *data,
                                       gssize      len);

G_END_DECLS
