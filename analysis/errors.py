"""The one exception type the command line turns into ``error: ...`` and exit 2."""

from __future__ import annotations


class AnalysisError(Exception):
    """Bad input, bad usage or a bad codebook.

    The message is one line that names the file (and the place in it) and is
    printed by the command line as ``error: <message>`` with exit status 2.
    """
