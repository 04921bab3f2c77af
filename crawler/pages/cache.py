"""``cached_property`` without the lock: Python 3.11's functools version takes an RLock on
every first access (removed in 3.12), about 2% of parsing a page here. Page
objects live in one thread, so the lock buys nothing."""
from __future__ import annotations


class cached_property:  # noqa: N801 - named like the functools decorator it replaces
    def __init__(self, func):
        self.func = func
        self.__doc__ = func.__doc__

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value
