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

/* Keeps the calling thread off one core, when it may run on two or more,
 * so that a window's thread and the display server always find that core
 * free. On a 2-core virtual machine the nice value alone was not enough:
 * with a load and the work that follows it (indexes, global axes, the
 * model cache) busy on both cores, the window's frames were held up to
 * 63-67 ms; kept to one core, to 27 ms at most in the same runs
 * (tests/bench/RESULTS-scale.md). On Linux the affinity passes to the
 * threads created afterwards, and their g_get_num_processors () counts one
 * core fewer. Elsewhere a no-op. */
void  ws_leave_one_core         (const char *what);

G_END_DECLS
