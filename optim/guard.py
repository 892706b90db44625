"""Running a learner's code inside the exercise checkers: a time limit, and a watch on the checker.

`Budget(seconds).call(f, *args)` calls f and raises `Timeout` once the calls made through one
budget have used up its seconds. It uses SIGALRM (signal.setitimer), so it works only in the
main thread of a Unix process with no other interval timer running; elsewhere it calls f
without a limit. The alarm repeats every REPEAT seconds until f returns, so a loop that catches
the first `Timeout` with a bare `except:` is interrupted again; a call that returns after
catching it still counts as timed out. KeyboardInterrupt (Ctrl-C) is never touched.

`Watch(spaces)` remembers what the given dicts, lists, classes and modules hold (by identity);
`undo()` puts back whatever was replaced, added or removed since, and names it. The checkers
compute their expected answers before any learner code runs; the watch makes sure a learner's
code cannot change the references for the next check either.
"""

import signal
import threading
import time
import types

REPEAT = 0.2


class Timeout(BaseException):
    """The learner's code used up its time (a BaseException: `except Exception` cannot hide it)."""


class Budget:
    """Seconds that the learner's code may use, over all the calls made through `call`."""

    def __init__(self, seconds):
        self.seconds = self.left = float(seconds)

    def call(self, function, *args, **kwargs):
        if not _alarm_usable():
            return function(*args, **kwargs)
        if self.left <= 0:
            raise Timeout
        state = {"inside": True, "fired": False}

        def alarm(signum, frame):
            if state["inside"]:
                state["fired"] = True
                raise Timeout

        previous = signal.signal(signal.SIGALRM, alarm)
        began = time.monotonic()
        try:
            signal.setitimer(signal.ITIMER_REAL, self.left, REPEAT)
            try:
                result = function(*args, **kwargs)
            finally:
                state["inside"] = False
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            self.left -= time.monotonic() - began
        if state["fired"]:  # the learner's code caught the Timeout and returned
            raise Timeout
        return result


def _alarm_usable():
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0  # no one else's timer is running
    )


def _contents(space):
    if isinstance(space, dict):
        return dict(space)
    if isinstance(space, list):
        return dict(enumerate(space))
    return dict(vars(space))


class Watch:
    """What some namespaces hold now, to find and undo later changes."""

    def __init__(self, spaces):
        self.saved = [(name, space, _contents(space)) for name, space in spaces.items()]

    def undo(self):
        """Put back every replaced, added or removed entry; return their names ('' if none)."""
        changed = []
        for name, space, saved in self.saved:
            now = _contents(space)
            keys = [k for k in {**saved, **now} if k not in now or saved.get(k, now) is not now[k]]
            keys = [k for k in keys if k != "__warningregistry__"]  # written by `warnings`
            if not keys:
                continue
            indexed = isinstance(space, (dict, list))
            changed += [f"{name}[{k!r}]" if indexed else f"{name}.{k}" for k in keys]
            if isinstance(space, dict):
                space.clear()
                space.update(saved)
            elif isinstance(space, list):
                space[:] = [saved[i] for i in range(len(saved))]
            else:
                for key in keys:
                    if key in saved:
                        setattr(space, key, saved[key])
                    else:
                        delattr(space, key)
        return ", ".join(changed)


def spaces_of(*classes):
    """{'optim.SGD': SGD, ...}: each class and its bases up to `object`, by qualified name."""
    found = {}
    for cls in classes:
        for base in cls.__mro__[:-1]:
            found[f"optim.{base.__name__}"] = base
    return found


def module_spaces(*modules):
    return {module.__name__: module for module in modules if isinstance(module, types.ModuleType)}
