/* ws-thread-priority.h: background threads that yield to the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Raises the calling thread's nice value by @increment (up to 19), so that
 * a window's thread wins a core whenever it has a frame to draw. On Linux
 * the nice value is the thread's own and passes to the threads it then
 * creates; an unprivileged thread cannot lower it again, so call this only
 * from a thread that does background work for good. @what names the
 * thread in the debug message when the kernel declines. Elsewhere a no-op. */
void  ws_lower_thread_priority  (int         increment,
                                 const char *what);

G_END_DECLS
