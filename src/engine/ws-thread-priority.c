/* ws-thread-priority.c: background threads that yield to the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE  /* CPU_SET, sched_setaffinity () */
#define G_LOG_DOMAIN "ws-thread-priority"

#include "config.h"

#include <errno.h>
#include <string.h>
#ifdef __linux__
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "ws-thread-priority.h"

#ifdef __linux__
/* Takes the first core of thread @tid's affinity mask away from it, if it
 * has two or more. */
static void
leave_one_core (pid_t       tid,
                const char *what)
{
  cpu_set_t set;
  int first = -1;

  if (sched_getaffinity (tid, sizeof set, &set) != 0 || CPU_COUNT (&set) < 2)
    return;
  for (int cpu = 0; cpu < CPU_SETSIZE && first < 0; cpu++)
    if (CPU_ISSET (cpu, &set))
      first = cpu;
  CPU_CLR (first, &set);
  if (sched_setaffinity (tid, sizeof set, &set) != 0)
    g_debug ("Could not keep %s off core %d: %s", what, first, g_strerror (errno));
}
#endif

void
ws_make_background_thread (int         increment,
                           const char *what)
{
#ifdef __linux__
  id_t tid = (id_t) syscall (SYS_gettid);
  int nice_now;

  errno = 0;
  nice_now = getpriority (PRIO_PROCESS, tid);
  if (errno == 0 && setpriority (PRIO_PROCESS, tid, MIN (nice_now + increment, 19)) != 0)
    g_debug ("Could not lower the priority of %s: %s", what, g_strerror (errno));
  leave_one_core ((pid_t) tid, what);
#else
  (void) increment;
  (void) what;
#endif
}
