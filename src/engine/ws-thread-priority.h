/* ws-thread-priority.h: background threads that yield to the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Makes the calling thread a background one, so that a window's thread
 * and the display server find a core whenever they have a frame to draw:
 *
 * - its nice value goes up by @increment (up to 19);
 * - it keeps off one core, when it may run on two or more.
 *
 * The nice value alone was not enough on a 2-core virtual machine: with a
 * load and the work that follows it (indexes, global axes, the model
 * cache) busy on both cores, the window's frames were held up to 63-67 ms;
 * kept to one core, to 27 ms at most in the same runs
 * (tests/bench/RESULTS-scale.md).
 *
 * On Linux both are the thread's own and pass to the threads it then
 * creates, whose g_get_num_processors () counts one core fewer; an
 * unprivileged thread cannot undo the nice value, so call this only from a
 * thread that does background work for good. @what names the thread in
 * the debug message when the kernel declines. Elsewhere a no-op. */
void  ws_make_background_thread  (int         increment,
                                  const char *what);

G_END_DECLS
